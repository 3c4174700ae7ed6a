//! `squadboard check`: parse errors with their place, then the dataset's cross-checks, each
//! pointed at the line and column of what it is about.

use super::ron_file::line_col;
use super::sources::Sources;
use crate::domain::{Dataset, Severity, dataset::Anchor};

#[derive(Debug, Default)]
pub struct CheckReport {
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }
}

fn locate(text: &str, anchor: &Anchor) -> Option<(usize, usize)> {
    if let Some((at, _)) = text.match_indices(&anchor.text).nth(anchor.nth) {
        return Some(line_col(text, at));
    }
    // A quoted anchor the file spells with escapes (`"\u{e9}"` for `"é"`, `"\""` for a quote):
    // the string literal that means it.
    let wanted = anchor.text.strip_prefix('"')?.strip_suffix('"')?;
    let at = string_literals(text)
        .filter(|&(start, end)| {
            ron::from_str::<String>(&text[start..end]).is_ok_and(|s| s == wanted)
        })
        .nth(anchor.nth)?
        .0;
    Some(line_col(text, at))
}

/// The byte ranges of the `"…"` string literals of RON text, comments skipped.
fn string_literals(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            match bytes[i] {
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i = text[i + 2..]
                        .find("*/")
                        .map_or(bytes.len(), |n| i + 2 + n + 2);
                }
                b'"' => {
                    let start = i;
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    i = (i + 1).min(bytes.len());
                    return Some((start, i));
                }
                _ => i += 1,
            }
        }
        None
    })
}

/// Checks a data folder's files. Parse errors stop the cross-checks (there is nothing to check
/// across), but every file's parse error is listed.
pub fn check(sources: &Sources) -> CheckReport {
    let mut report = CheckReport::default();
    match sources.parse() {
        Ok(ds) => check_parsed(sources, &ds),
        Err(errors) => {
            report.errors = errors.iter().map(|e| e.to_string()).collect();
            report
        }
    }
}

/// The cross-checks of a parsed dataset, placed in its sources.
pub fn check_parsed(sources: &Sources, ds: &Dataset) -> CheckReport {
    let mut report = CheckReport::default();
    for p in ds.check() {
        let file = sources.shown(p.file);
        let place = p
            .anchor
            .as_ref()
            .and_then(|a| locate(sources.text(p.file), a))
            .map_or(file.clone(), |(l, c)| format!("{file}:{l}:{c}"));
        let line = format!("{place}: {}", p.message);
        match p.severity {
            Severity::Error => report.errors.push(line),
            Severity::Warning => report.warnings.push(line),
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(text: &str, nth: usize) -> Anchor {
        Anchor {
            text: text.into(),
            nth,
        }
    }

    #[test]
    fn anchors_are_found_however_the_file_escapes_them() {
        // Found by tests/fuzz_loaders.rs: an id with a quote or a NUL in it was reported with
        // no line and column, because the file spells it with escapes.
        let text = "// \"a\\\"b\"\n[\"x\", \"a\\\"b\",\n \"\\u{0}\", /* \"\\0\" */ \"\\0\"]";
        assert_eq!(locate(text, &anchor("\"x\"", 0)), Some((2, 2)));
        assert_eq!(locate(text, &anchor("\"a\"b\"", 0)), Some((2, 7)));
        assert_eq!(locate(text, &anchor("\"\0\"", 0)), Some((3, 2)));
        assert_eq!(locate(text, &anchor("\"\0\"", 1)), Some((3, 22)));
        assert_eq!(locate(text, &anchor("\"\0\"", 2)), None);
        assert_eq!(locate(text, &anchor("\"nobody\"", 0)), None);
    }

    #[test]
    fn an_empty_id_is_placed_at_the_name_beside_it() {
        // Found by tests/fuzz_loaders.rs: it was reported with the file alone.
        let mut sources = Sources::bundled();
        for (f, t) in sources.texts.iter_mut() {
            if *f == crate::domain::DataFile::Squad {
                *t = t.replacen("id: \"huijsen\"", "id: \"\"", 1);
            }
        }
        let text = sources.text(crate::domain::DataFile::Squad);
        let (line, col) = line_col(text, text.find("\"Dean Huijsen\"").expect("name"));
        let report = check(&sources);
        let want = format!("bundled:squad.ron:{line}:{col}: player `Dean Huijsen` has an empty id");
        assert!(report.errors.contains(&want), "{:?}", report.errors);
    }

    #[test]
    fn an_absence_ending_before_it_starts_is_placed() {
        let mut sources = Sources::bundled();
        for (f, t) in sources.texts.iter_mut() {
            if *f == crate::domain::DataFile::Squad {
                *t = t.replacen("from: \"2026-01\"", "from: \"2026-08\"", 1);
            }
        }
        let report = check(&sources);
        assert!(
            report.errors.iter().any(|e| e.starts_with("bundled:squad.ron:")
                && e.ends_with("`endrick`: absence `on loan at Lyon` ends 2026-06-30 before it starts 2026-08")),
            "{:?}",
            report.errors
        );
    }
}
