//! Drawing a text input (`app::TextInput`): its text with the cursor as a bar `▏` where the
//! next character goes — visible without colour — scrolled so the cursor stays in view.

use super::text::width;
use crate::app::TextInput;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

/// The cursor bar.
pub const CURSOR: &str = "▏";

/// One piece of a drawn row: a grapheme, or the cursor.
#[derive(Clone, Copy)]
enum Piece<'a> {
    Text(&'a str),
    Cursor,
}

impl Piece<'_> {
    fn width(self) -> usize {
        match self {
            Piece::Text(g) => width(g),
            Piece::Cursor => 1,
        }
    }
}

fn to_line(pieces: &[Piece<'_>], style: Style, cursor: Style) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    for p in pieces {
        match p {
            Piece::Text(g) => run.push_str(g),
            Piece::Cursor => {
                if !run.is_empty() {
                    spans.push(Span::styled(std::mem::take(&mut run), style));
                }
                spans.push(Span::styled(CURSOR, cursor));
            }
        }
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, style));
    }
    Line::from(spans)
}

/// The pieces of `text` (one line), with the cursor at byte `at` when given.
fn pieces(text: &str, at: Option<usize>) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    for (i, g) in text.grapheme_indices(true) {
        if at == Some(i) {
            out.push(Piece::Cursor);
        }
        out.push(Piece::Text(g));
    }
    if at == Some(text.len()) {
        out.push(Piece::Cursor);
    }
    out
}

/// A one-line input in at most `max` columns: from its start when the cursor fits, else the
/// part that ends at the cursor. A "…" stands for text cut off at either end. The cursor is
/// drawn only when `show_cursor`.
pub fn one_line(
    input: &TextInput,
    max: usize,
    style: Style,
    cursor: Style,
    show_cursor: bool,
) -> Line<'static> {
    let text = input.text();
    let all = pieces(text, show_cursor.then_some(input.cursor()));
    let at = all
        .iter()
        .position(|p| matches!(p, Piece::Cursor))
        .unwrap_or(all.len());
    let before: usize = all[..at].iter().map(|p| p.width()).sum();
    let total: usize = all.iter().map(|p| p.width()).sum();
    if total <= max {
        return to_line(&all, style, cursor);
    }
    let start = if before < max {
        0
    } else {
        // Back from the cursor as far as fits, the cursor itself and the "…" included.
        let mut w = 2;
        let mut start = at;
        while start > 0 && w + all[start - 1].width() <= max {
            start -= 1;
            w += all[start].width();
        }
        start
    };
    let mut shown = Vec::new();
    let mut w = usize::from(start > 0);
    for (i, p) in all.iter().enumerate().skip(start) {
        // The last column is kept for a "…" when more follows.
        let rest = usize::from(i + 1 < all.len());
        if w + p.width() + rest > max && !(matches!(p, Piece::Cursor) && w < max) {
            break;
        }
        w += p.width();
        shown.push(*p);
    }
    let cut_end = start + shown.len() < all.len();
    let mut line = to_line(&shown, style, cursor);
    if start > 0 {
        line.spans.insert(0, Span::styled(ELLIPSIS, style));
    }
    if cut_end && w < max {
        line.spans.push(Span::styled(ELLIPSIS, style));
    }
    line
}

const ELLIPSIS: &str = "…";

/// A multi-line input in `rows` rows of `max` columns: its lines wrapped, the rows that hold
/// the cursor in view. Also returns how many rows there are in all and the first one shown.
pub fn rows(
    input: &TextInput,
    max: usize,
    rows: usize,
    style: Style,
    cursor: Style,
) -> (Vec<Line<'static>>, usize, usize) {
    let max = max.max(2);
    let text = input.text();
    let mut all: Vec<Vec<Piece<'_>>> = Vec::new();
    let mut cursor_row = 0;
    let mut start = 0;
    for line in text.split('\n') {
        let end = start + line.len();
        let at = (start..=end)
            .contains(&input.cursor())
            .then(|| input.cursor() - start);
        let mut row: Vec<Piece<'_>> = Vec::new();
        let mut w = 0;
        for p in pieces(line, at) {
            if w + p.width() > max {
                all.push(std::mem::take(&mut row));
                w = 0;
            }
            if matches!(p, Piece::Cursor) {
                cursor_row = all.len();
            }
            w += p.width();
            row.push(p);
        }
        all.push(row);
        start = end + 1;
    }
    let first = (cursor_row + 1).saturating_sub(rows);
    let lines = all
        .iter()
        .skip(first)
        .take(rows)
        .map(|r| to_line(r, style, cursor))
        .collect();
    (lines, all.len(), first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Edit;

    fn plain(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn the_cursor_is_drawn_where_it_stands() {
        let mut t = TextInput::new(80).with_text("Plan A");
        let s = Style::default();
        assert_eq!(plain(&one_line(&t, 20, s, s, true)), "Plan A▏");
        t.apply(Edit::Left);
        assert_eq!(plain(&one_line(&t, 20, s, s, true)), "Plan ▏A");
        assert_eq!(plain(&one_line(&t, 20, s, s, false)), "Plan A");
    }

    #[test]
    fn a_long_line_keeps_the_cursor_in_view() {
        let mut t = TextInput::new(80).with_text("abcdefghij");
        let s = Style::default();
        // A "…" says where text is cut off.
        assert_eq!(plain(&one_line(&t, 5, s, s, true)), "…hij▏");
        for _ in 0..10 {
            t.apply(Edit::Left);
        }
        assert_eq!(plain(&one_line(&t, 5, s, s, true)), "▏abc…");
        for _ in 0..5 {
            t.apply(Edit::Right);
        }
        assert_eq!(plain(&one_line(&t, 7, s, s, true)), "abcde▏…");
        assert_eq!(plain(&one_line(&t, 11, s, s, true)), "abcde▏fghij");
        // Wide characters are never cut in half.
        let t = TextInput::new(80).with_text("日本語");
        assert_eq!(plain(&one_line(&t, 4, s, s, true)), "…語▏");
        assert_eq!(plain(&one_line(&t, 7, s, s, true)), "日本語▏");
    }

    #[test]
    fn notes_wrap_and_scroll_to_the_cursor() {
        let t = TextInput::new(100)
            .multiline()
            .with_text("one\nabcdefgh\nlast");
        let s = Style::default();
        let (lines, total, first) = rows(&t, 5, 2, s, s);
        let shown: Vec<String> = lines.iter().map(plain).collect();
        assert_eq!(shown, ["fgh", "last▏"]);
        assert_eq!((total, first), (4, 2));
    }
}
