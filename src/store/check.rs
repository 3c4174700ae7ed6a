//! `squadboard check`: parse errors with their place, then the dataset's cross-checks, each
//! pointed at the line and column of what it is about.

use super::dataset::Sources;
use super::ron_file::line_col;
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
    let (at, _) = text.match_indices(&anchor.text).nth(anchor.nth)?;
    Some(line_col(text, at))
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
