//! Reading RON with errors that name the file, line and column.

use serde::de::DeserializeOwned;
use std::fmt;
use std::io::Read;
use std::path::Path;

/// Data, scenario and config files are small; anything larger is refused before parsing.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Nesting deeper than this is an error, not a stack overflow.
const RECURSION_LIMIT: usize = 64;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file that does not parse: where, and what was expected.
    #[error("{file}:{line}:{col}: {message}")]
    Parse {
        file: String,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    /// A file that parses but cannot be used as it is. With no file name, the message names
    /// its place itself.
    #[error("{}{message}", if file.is_empty() { String::new() } else { format!("{file}: ") })]
    Invalid { file: String, message: String },
}

impl StoreError {
    pub fn io(file: impl fmt::Display, source: std::io::Error) -> StoreError {
        StoreError::Io {
            file: file.to_string(),
            source,
        }
    }

    /// Quoted input in `message` is cut to [`QUOTE_CHARS`] characters ([`clip_quotes`]).
    pub fn invalid(file: impl fmt::Display, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            file: file.to_string(),
            message: clip_quotes(&message.into()),
        }
    }
}

/// The most characters of a file's text an error message quotes.
pub const QUOTE_CHARS: usize = 80;

/// `s` as an error message quotes it: at most [`QUOTE_CHARS`] characters, then `…` and how
/// long it really was.
pub fn excerpt(s: &str) -> String {
    match s.char_indices().nth(QUOTE_CHARS) {
        None => s.to_string(),
        Some((cut, _)) => format!("{}… ({} characters)", &s[..cut], s.chars().count()),
    }
}

/// A message with every `quoted` part (between backticks or double quotes) cut as [`excerpt`]
/// cuts it, and the whole at most four quotes long: what a parser quotes from the input.
pub fn clip_quotes(message: &str) -> String {
    if message.chars().count() <= QUOTE_CHARS {
        return message.to_string();
    }
    let mut out = String::new();
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let q = &rest[open..open + 1];
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        match rest.find(q) {
            Some(close) => {
                out.push_str(&excerpt(&rest[..close]));
                out.push_str(q);
                rest = &rest[close + 1..];
            }
            None => {
                out.push_str(&excerpt(rest));
                rest = "";
            }
        }
    }
    out.push_str(rest);
    excerpt_long(&out, 4 * QUOTE_CHARS)
}

fn excerpt_long(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((cut, _)) => format!("{}…", &s[..cut]),
    }
}

/// Reads a whole text file, refusing anything but a regular file, files over
/// [`MAX_FILE_BYTES`] and text that is not UTF-8.
pub fn read_text(path: &Path) -> Result<String, StoreError> {
    let file = open_regular(path)?;
    let buf = read_from(file, path, MAX_FILE_BYTES, "load")?;
    decode_utf8(&path.display().to_string(), buf)
}

/// Opens a regular file to read it; anything else (a FIFO, which would hang the open or the
/// read waiting for a writer, a device, a folder) is refused as "not a regular file". Opened
/// without blocking, and its type taken from what was opened, so nothing swapped in between
/// the look and the open is read.
pub fn open_regular(path: &Path) -> Result<std::fs::File, StoreError> {
    let shown = path.display();
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(path).map_err(|e| StoreError::io(&shown, e))?;
    let meta = file.metadata().map_err(|e| StoreError::io(&shown, e))?;
    if !meta.is_file() {
        return Err(StoreError::invalid(
            &shown,
            "not a regular file (a FIFO, a device or a folder); refusing to read it",
        ));
    }
    Ok(file)
}

/// Reads a whole file of at most `limit` bytes; a larger one is refused ("refusing to `verb`
/// it") without reading past the limit.
pub fn read_bytes(path: &Path, limit: u64, verb: &str) -> Result<Vec<u8>, StoreError> {
    let file = std::fs::File::open(path).map_err(|e| StoreError::io(path.display(), e))?;
    read_from(file, path, limit, verb)
}

fn read_from(
    file: std::fs::File,
    path: &Path,
    limit: u64,
    verb: &str,
) -> Result<Vec<u8>, StoreError> {
    let shown = path.display();
    let mut buf = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| StoreError::io(&shown, e))?;
    if buf.len() as u64 > limit {
        return Err(StoreError::invalid(
            &shown,
            format!("larger than {} MiB; refusing to {verb} it", limit >> 20),
        ));
    }
    Ok(buf)
}

/// Text from bytes, or an error naming the line and column of the first bad byte.
pub fn decode_utf8(file: &str, bytes: Vec<u8>) -> Result<String, StoreError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).to_string();
        let (line, col) = line_col(&prefix, valid);
        StoreError::Parse {
            file: file.to_string(),
            line,
            col,
            message: "not valid UTF-8".into(),
        }
    })
}

/// 1-based line and column (in chars) of a byte offset.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Where a struct field or map key `field` is written in RON text (`field:` outside comments),
/// and, with `then`, where `then` is first written after it: the place of a value the parser
/// accepted but the program refuses. 1-based line and column, as [`line_col`].
pub fn field_place(text: &str, field: &str, then: Option<&str>) -> Option<(usize, usize)> {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let at = text.match_indices(field).map(|(i, _)| i).find(|&i| {
        let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
        let before = text[..i].chars().next_back();
        let after = text[i + field.len()..].trim_start_matches([' ', '\t']);
        !text[line_start..i].contains("//")
            && !before.is_some_and(|c| ident(c) || c == '"')
            && after.starts_with(':')
    })?;
    let at = match then {
        Some(t) => text[at..].find(t).map_or(at, |j| at + j),
        None => at,
    };
    Some(line_col(text, at))
}

/// Parses RON text; `file` is the name errors carry.
pub fn parse_ron<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, StoreError> {
    // `implicit_some`: optional fields may be written `fg: "red"` as well as `fg: Some("red")`.
    let options = ron::Options::default()
        .with_recursion_limit(RECURSION_LIMIT)
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    // Editors on Windows start UTF-8 files with a byte-order mark; it is not part of the RON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parsed = options.from_str(text).map_err(|e| {
        let message = match &e.code {
            ron::Error::ExceededRecursionLimit => {
                format!("nested deeper than {RECURSION_LIMIT} levels")
            }
            other => clip_quotes(&other.to_string()),
        };
        StoreError::Parse {
            file: file.to_string(),
            line: e.span.start.line,
            col: e.span.start.col,
            message,
        }
    })?;
    // A map's key given twice parses, the later list silently replacing the first.
    if let Some(twice) = duplicate_map_key(text) {
        let (line, col) = line_col(text, twice.at);
        let (l, c) = line_col(text, twice.first);
        return Err(StoreError::Parse {
            file: file.to_string(),
            line,
            col,
            message: format!(
                "`{}` is given twice in this map (first at {l}:{c}); give each key once",
                excerpt(&text[twice.at..twice.at + twice.len])
            ),
        });
    }
    Ok(parsed)
}

/// A key met a second time in one RON map (`{ CB: [..], CB: [..] }`): where, where it was met
/// first, and its length in bytes.
struct Twice {
    at: usize,
    first: usize,
    len: usize,
}

/// The first key given twice in a map of RON text (structs are left to serde, which refuses a
/// field twice). Keys are compared as written, comments and strings skipped as RON reads them.
fn duplicate_map_key(text: &str) -> Option<Twice> {
    let bytes = text.as_bytes();
    memchr::memchr(b'{', bytes)?;
    /// One open bracket; in a map, where its current key starts and the keys seen.
    struct Frame<'t> {
        map: bool,
        key_from: Option<usize>,
        expect_key: bool,
        keys: std::collections::HashMap<&'t str, usize>,
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let comment = b == b'/' && matches!(bytes.get(i + 1), Some(b'/' | b'*'));
        if let Some(top) = stack.last_mut()
            && top.map
            && top.expect_key
            && top.key_from.is_none()
            && !b.is_ascii_whitespace()
            && !comment
            && b != b'}'
        {
            top.key_from = Some(i);
        }
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
                continue;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'\'' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#'))
                && !(i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_')) =>
            {
                let hashes = bytes[i + 1..].iter().take_while(|&&c| c == b'#').count();
                let open = i + 1 + hashes;
                if bytes.get(open) == Some(&b'"') {
                    let close = format!("\"{}", "#".repeat(hashes));
                    i = text[open + 1..]
                        .find(&close)
                        .map_or(bytes.len(), |n| open + 1 + n + close.len() - 1);
                }
            }
            b'{' | b'(' | b'[' => stack.push(Frame {
                map: b == b'{',
                key_from: None,
                expect_key: true,
                keys: std::collections::HashMap::new(),
            }),
            b'}' | b')' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    top.expect_key = true;
                    top.key_from = None;
                }
            }
            b':' => {
                if let Some(top) = stack.last_mut()
                    && top.map
                    && top.expect_key
                    && let Some(from) = top.key_from
                {
                    let key = text[from..i].trim_end();
                    top.expect_key = false;
                    if let Some(&first) = top.keys.get(key) {
                        return Some(Twice {
                            at: from,
                            first,
                            len: key.len(),
                        });
                    }
                    top.keys.insert(key, from);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 23, item 14: a key given twice in a map (`CB` twice in `depth.columns`) silently
    /// dropped the first list. An error at the second, naming the first; strings, comments
    /// and nested maps are read as RON reads them.
    #[test]
    fn a_map_key_given_twice_is_an_error_at_its_place() {
        use std::collections::BTreeMap;
        type Columns = BTreeMap<String, Vec<u32>>;
        let text = "{\n  \"CB\": [1],\n  // \"CB\": [9]\n  \"LB\": [2],\n  \"CB\": [3],\n}";
        let err = parse_ron::<Columns>("depth.ron", text).expect_err("twice");
        assert_eq!(
            err.to_string(),
            "depth.ron:5:3: `\"CB\"` is given twice in this map (first at 2:3); give each key once"
        );
        // The same key in two maps, in a string or a comment, is no duplicate.
        let fine = "{ \"a\": { \"x\": [1] }, \"b\": { \"x\": [2] }, \"c,d:\": [3] /* \"a\": */ }";
        let v: BTreeMap<String, BTreeMap<String, Vec<u32>>> =
            parse_ron("m.ron", &fine.replace("[3]", "{}")).expect("fine");
        assert_eq!(v.len(), 3);
        let err = parse_ron::<BTreeMap<String, Columns>>(
            "m.ron",
            "{ \"a\": { \"x\": [1], \"x\": [2] } }",
        )
        .expect_err("inner twice");
        assert!(err.to_string().starts_with("m.ron:1:20: `\"x\"`"), "{err}");
    }

    /// Issue 13 ("smaller"): a UTF-8 byte-order mark at the start was refused. Failed before
    /// the fix with "Unexpected char" at 1:1.
    #[test]
    fn a_byte_order_mark_is_accepted() {
        let v: Vec<u32> = parse_ron("a.ron", "\u{feff}[1, 2]").expect("with a BOM");
        assert_eq!(v, vec![1, 2]);
        let err = parse_ron::<Vec<u32>>("a.ron", "\u{feff}[1, x]").expect_err("bad");
        assert!(err.to_string().starts_with("a.ron:1:5:"), "{err}");
    }

    /// Issue 13 item 11: a parser's message quotes at most 80 characters of the input. Failed
    /// before the fix: a 5,000-character identifier was quoted whole.
    #[test]
    fn quoted_input_in_errors_is_cut() {
        #[derive(Debug, serde::Deserialize)]
        enum Foot {
            Left,
        }
        let long = "X".repeat(5000);
        let err = parse_ron::<Vec<Foot>>("a.ron", &format!("[Left, {long}]")).expect_err("bad");
        let err = err.to_string();
        assert!(err.contains("(5000 characters)"), "{err:.400}");
        assert!(err.len() < 400, "{} bytes: {err:.400}", err.len());
        assert_eq!(
            excerpt(&"é".repeat(100)).chars().count(),
            81 + " (100 characters)".len()
        );
        assert_eq!(clip_quotes("short `x`"), "short `x`");
    }

    #[test]
    fn line_col_counts_chars_from_one() {
        let t = "ab\ncdé\nf";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 7), (2, 4));
        assert_eq!(line_col(t, 6), (2, 3)); // inside é: backs up to its start
        assert_eq!(line_col(t, 999), (3, 2));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        let err = parse_ron::<ron::Value>("deep.ron", &deep).expect_err("too deep");
        assert!(err.to_string().starts_with("deep.ron:1:"), "{err}");
        assert!(err.to_string().contains("nested deeper"), "{err}");
    }
}
