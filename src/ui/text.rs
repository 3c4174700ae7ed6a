//! Width-aware text helpers: nothing here may write outside the area it is given.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending in `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > max - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Writes a line at (x, y) clipped to `area`; does nothing when (x, y) is outside it.
/// `parts` joined by `sep` into lines of at most `max` columns, a line broken only between
/// parts (a part wider than `max` gets a line of its own, cut when drawn).
pub fn join_to_width<'a>(
    parts: impl IntoIterator<Item = &'a str>,
    sep: &str,
    max: usize,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in parts {
        if !line.is_empty() && width(&line) + width(sep) + width(part) > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str(sep);
        }
        line.push_str(part);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

pub fn put_line(buf: &mut Buffer, area: Rect, x: u16, y: u16, line: &Line<'_>) {
    let area = area.intersection(buf.area);
    if y < area.top() || y >= area.bottom() || x < area.left() || x >= area.right() {
        return;
    }
    buf.set_line(x, y, line, area.right() - x);
}

pub fn put(buf: &mut Buffer, area: Rect, x: u16, y: u16, text: &str, style: Style) {
    put_line(
        buf,
        area,
        x,
        y,
        &Line::from(Span::styled(text.to_string(), style)),
    );
}

/// A name with the chars at `matched` (char indices) in `hl` style.
pub fn highlighted(name: &str, matched: &[usize], base: Style, hl: Style) -> Vec<Span<'static>> {
    if matched.is_empty() {
        return vec![Span::styled(name.to_string(), base)];
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    for (i, c) in name.chars().enumerate() {
        let is_hl = matched.contains(&i);
        if is_hl != run_hl && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hl { base.patch(hl) } else { base },
            ));
        }
        run_hl = is_hl;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(
            run,
            if run_hl { base.patch(hl) } else { base },
        ));
    }
    spans
}

/// Cuts a list of spans to `max` columns.
pub fn clip_spans(spans: Vec<Span<'static>>, max: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut used = 0;
    for s in spans {
        let w = width(&s.content);
        if used + w <= max {
            used += w;
            out.push(s);
        } else {
            let left = max.saturating_sub(used);
            if left > 0 {
                out.push(Span::styled(truncate(&s.content, left), s.style));
            }
            break;
        }
    }
    out
}

/// How many rows `lines` fill once wrapped to `width` columns, as a `Paragraph` with
/// `Wrap { trim }` wraps them: drawn into a scratch buffer and measured, so a reading view
/// knows how far it scrolls.
pub fn wrapped_height(lines: &[Line<'static>], width: u16, trim: bool) -> u16 {
    use ratatui::widgets::{Paragraph, Widget, Wrap};
    if width == 0 || lines.is_empty() {
        return 0;
    }
    // Room for the worst case: every line broken at every column, plus word-wrap slack.
    let bound: usize = lines
        .iter()
        .map(|l| l.width() / usize::from(width) * 2 + 1)
        .sum();
    let height = u16::try_from(bound.min(usize::from(u16::MAX) / usize::from(width)))
        .unwrap_or(u16::MAX)
        .max(1);
    let area = Rect::new(0, 0, width, height);
    let mut scratch = Buffer::empty(area);
    Paragraph::new(lines.to_vec())
        .wrap(Wrap { trim })
        .render(area, &mut scratch);
    (0..height)
        .rev()
        .find(|y| (0..width).any(|x| scratch[(x, *y)].symbol() != " "))
        .map_or(0, |y| y + 1)
}

/// Which part of a list of `total` entries, `per` rows each, is drawn in `rows` rows so the
/// entry at `cursor` shows: a marker row of its own above ("↑ 3 more") when entries are hidden
/// above, and below when entries are hidden below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The first entry drawn.
    pub offset: usize,
    /// How many entries are drawn.
    pub count: usize,
    /// Entries hidden above (a marker row on top when more than none).
    pub above: usize,
    /// Entries hidden below (a marker row at the foot when more than none).
    pub below: usize,
}

pub fn window(total: usize, rows: usize, per: usize, cursor: Option<usize>) -> Window {
    let per = per.max(1);
    if total * per <= rows {
        return Window {
            offset: 0,
            count: total,
            above: 0,
            below: 0,
        };
    }
    let c = cursor.unwrap_or(0).min(total - 1);
    // Too few rows for two markers and an entry: the cursor's entries alone, no markers.
    if rows < per + 2 {
        let fit = (rows / per).max(1);
        let offset = (c + 1).saturating_sub(fit);
        return Window {
            offset,
            count: fit.min(total - offset),
            above: 0,
            below: 0,
        };
    }
    let fit = |markers: usize| (rows.saturating_sub(markers) / per).max(1);
    // From the top: one marker, at the foot.
    let (offset, count) = if c < fit(1) {
        (0, fit(1))
    } else if c + 1 >= total {
        // At the end: one marker, on top.
        let n = fit(1);
        (total - n.min(total), n)
    } else {
        let n = fit(2);
        (c + 1 - n, n)
    };
    let count = count.min(total - offset);
    Window {
        offset,
        count,
        above: offset,
        below: total - offset - count,
    }
}

/// "↑ 3 more" / "↓ 3 more".
pub fn more_label(up: bool, n: usize) -> String {
    format!("{} {n} more", if up { '↑' } else { '↓' })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_keeps_the_cursor_in_view_with_marker_rows_of_their_own() {
        // Everything fits: no markers.
        assert_eq!(
            window(5, 5, 1, Some(4)),
            Window {
                offset: 0,
                count: 5,
                above: 0,
                below: 0
            }
        );
        // Eight rows in five: the foot marker takes a row.
        assert_eq!(
            window(8, 5, 1, Some(0)),
            Window {
                offset: 0,
                count: 4,
                above: 0,
                below: 4
            }
        );
        assert_eq!(window(8, 5, 1, Some(3)).offset, 0);
        // Down the middle: a marker on top and at the foot, the cursor on the last row drawn.
        assert_eq!(
            window(8, 5, 1, Some(4)),
            Window {
                offset: 2,
                count: 3,
                above: 2,
                below: 3
            }
        );
        // At the end: the top marker only.
        assert_eq!(
            window(8, 5, 1, Some(7)),
            Window {
                offset: 4,
                count: 4,
                above: 4,
                below: 0
            }
        );
        // Two rows an entry (the target list): markers are one row each.
        assert_eq!(
            window(10, 9, 2, Some(0)),
            Window {
                offset: 0,
                count: 4,
                above: 0,
                below: 6
            }
        );
        assert_eq!(
            window(10, 9, 2, Some(9)),
            Window {
                offset: 6,
                count: 4,
                above: 6,
                below: 0
            }
        );
        assert_eq!(
            window(10, 9, 2, Some(5)),
            Window {
                offset: 3,
                count: 3,
                above: 3,
                below: 4
            }
        );
        // Every cursor is drawn, every size, and entries plus markers fit the rows.
        for total in 0..30 {
            for rows in 1..12 {
                for per in 1..3 {
                    for c in 0..total {
                        let w = window(total, rows, per, Some(c));
                        assert!(
                            w.offset <= c && c < w.offset + w.count,
                            "{total} {rows} {per} {c} {w:?}"
                        );
                        let used =
                            w.count * per + usize::from(w.above > 0) + usize::from(w.below > 0);
                        assert!(used <= rows.max(per), "{total} {rows} {per} {c} {w:?}");
                        // Markers count every hidden entry (too few rows leave them out).
                        if rows >= per + 2 {
                            assert_eq!(w.above + w.count + w.below, total);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn truncation_respects_width() {
        assert_eq!(truncate("Alexander-Arnold", 8), "Alexand…");
        assert_eq!(truncate("Rüdiger", 7), "Rüdiger");
        assert_eq!(truncate("Rüdiger", 1), "…");
        assert_eq!(truncate("Rüdiger", 0), "");
    }

    #[test]
    fn put_never_writes_outside() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 2));
        let area = Rect::new(2, 0, 10, 10);
        put(&mut buf, area, 3, 1, "long text here", Style::default());
        put(&mut buf, area, 9, 9, "x", Style::default());
        put(&mut buf, area, 0, 0, "x", Style::default());
        assert_eq!(buf[(3, 1)].symbol(), "l");
        assert_eq!(buf[(4, 1)].symbol(), "o");
        assert_eq!(buf[(0, 0)].symbol(), " ");
    }

    #[test]
    fn wrapped_height_counts_the_rows_a_paragraph_fills() {
        let lines = vec![
            Line::from("one two three four"),
            Line::from(""),
            Line::from("x"),
        ];
        assert_eq!(wrapped_height(&lines, 40, false), 3);
        // "one two" / "three" / "four", a blank line, "x".
        assert_eq!(wrapped_height(&lines, 8, false), 5);
        assert_eq!(wrapped_height(&lines, 0, false), 0);
    }

    #[test]
    fn parts_join_into_lines_broken_between_them() {
        let parts = [
            "age on 1 July",
            "+ injured",
            "L on loan",
            "<12m last contract season",
        ];
        assert_eq!(
            join_to_width(parts, " · ", 30),
            [
                "age on 1 July · + injured",
                "L on loan",
                "<12m last contract season"
            ]
        );
        assert_eq!(join_to_width(parts, " · ", 200).len(), 1);
        // A part wider than the line stands alone.
        assert_eq!(
            join_to_width(["a", "bbbbbb", "c"], " · ", 4),
            ["a", "bbbbbb", "c"]
        );
    }
}
