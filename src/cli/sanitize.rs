//! The one place text from data or files is made safe to print: control characters (escape
//! sequences that would retitle, clear or reprogram the user's terminal) and the invisible
//! characters that reorder or shift text (bidi overrides, zero-width joiners: see
//! [`crate::domain::text::is_hidden_format`]) are shown visibly as `\u{1b}`, `\u{202e}`. Line breaks and tabs are kept. Every command's standard output and error go
//! through [`Clean`] (see `main.rs`), so no print path can forget it.

use std::borrow::Cow;
use std::io::{self, Write};

fn is_unsafe(c: char) -> bool {
    (c != '\n' && c != '\t' && c.is_control()) || crate::domain::text::is_hidden_format(c)
}

/// `text` with every control character but line breaks and tabs shown as `\u{..}`.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// JSON `text` (as serde_json writes it: C0 controls already escaped) with every other control
/// character (DEL, the C1 range, U+009B among them) escaped as JSON escapes it, `\u009b`: still
/// the same JSON, nothing raw left for a terminal, and nothing for [`clean`] to change.
pub fn json(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for XML content and attributes (SVG): the five special characters as entities, and
/// control characters and U+FFFE/U+FFFF, which XML 1.0 does not allow (or a terminal would act
/// on), as spaces. The one XML escape: every SVG goes through it.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_unsafe(c) || c == '\u{fffe}' || c == '\u{ffff}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// How many terminal columns `s` takes: a CJK character two, a combining mark none.
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` padded with spaces to `w` columns of display width (not chars: `{:<26}` pads 김민재 as
/// three columns where it takes six).
pub fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// A writer that cleans everything written through it. Commands write whole strings (or
/// `write!` pieces, each a whole string), so a character is never split across two writes;
/// bytes that are not UTF-8 are shown as `�`.
pub struct Clean<W: Write>(pub W);

impl<W: Write> Write for Clean<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(clean(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(clean("Vinícius Júnior"), "Vinícius Júnior");
        assert!(matches!(clean("plain\nlines\tand tabs"), Cow::Borrowed(_)));
        assert_eq!(
            clean("Evil\u{1b}]0;owned\u{7}\u{1b}[2J\r\u{9b}"),
            "Evil\\u{1b}]0;owned\\u{7}\\u{1b}[2J\\u{d}\\u{9b}"
        );
        let mut out = Clean(Vec::new());
        let bell = '\u{7}';
        write!(out, "a\u{1b}b {bell}").expect("write");
        assert_eq!(String::from_utf8(out.0).expect("utf-8"), "a\\u{1b}b \\u{7}");
    }

    #[test]
    fn padding_counts_columns_not_chars() {
        assert_eq!(pad("김민재", 8), "김민재  ");
        assert_eq!(pad("Mile\u{301}", 6), "Mile\u{301}  ");
        assert_eq!(pad("Ødegaard", 4), "Ødegaard");
        assert_eq!(width(&pad("Son Heung-min 손흥민", 30)), 30);
    }

    #[test]
    fn json_stays_json_and_xml_has_no_controls() {
        let raw = serde_json::to_string("Evil\u{1b}]0;x\u{7}\u{9b}2J\u{7f}").expect("json");
        let safe = json(&raw);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        assert_eq!(
            serde_json::from_str::<String>(&safe).expect("still JSON"),
            "Evil\u{1b}]0;x\u{7}\u{9b}2J\u{7f}"
        );
        assert_eq!(
            xml("A & B <\"x\"> 'y'\u{1}\u{9b}\u{ffff}"),
            "A &amp; B &lt;&quot;x&quot;&gt; &apos;y&apos;   "
        );
    }
}
