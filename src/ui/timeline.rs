//! The timeline view: positions down, seasons across, drawn from the domain timeline of the
//! board's current plan (worked out here, at draw time, so it always follows the plan).

use super::text::{put_line, truncate, width};
use super::{HitMap, Theme, pane_block};
use crate::app::Board;
use crate::app::Command;
use crate::config::Keymap;
use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

/// Width of the position column.
const POS_W: u16 = 5;

pub fn render(
    area: Rect,
    buf: &mut Buffer,
    board: &Board,
    km: &Keymap,
    theme: &Theme,
    hits: &mut HitMap,
) {
    let Some(view) = board.view.timeline_view else {
        return;
    };
    let t = board.timeline();
    Clear.render(area, buf);
    let title = Line::from(vec![
        Span::styled(" Timeline ", theme.title),
        Span::styled(
            format!(
                "· first choice flagged at {}+ · {}/{} back ",
                t.old_age,
                km.label(Command::Timeline),
                km.label(Command::Cancel)
            ),
            theme.dim,
        ),
    ]);
    let block = pane_block(title, true, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width <= POS_W || inner.height < 3 || t.seasons.is_empty() {
        return;
    }

    // Footer: money per window (over budget first to catch the eye), then the marks' legend.
    use crate::domain::amortisation::{MoneyLine, money_lines};
    let first = t.seasons.first().map(|s| s.start.year()).unwrap_or(0);
    let mut footer: Vec<Line> = money_lines(&board.doc.ds, &board.doc.plan, first, t.seasons.len())
        .into_iter()
        .map(|l| {
            let style = match &l {
                MoneyLine::Window { over: true, .. } => theme.warning,
                MoneyLine::Window { .. } | MoneyLine::Books(_) => theme.text,
                MoneyLine::Rates(_) => theme.dim,
            };
            Line::from(Span::styled(l.text().to_string(), style))
        })
        .collect();
    // The legend in as many lines as the width needs, cut between its parts.
    let legend = format!(
        "{} · !none !Nfit !AGE flags",
        crate::domain::timeline::legend(&t)
    );
    // A short screen gives it two lines (the marks; the flags' line goes), to keep rows for
    // the grid.
    let mut lines =
        super::text::join_to_width(legend.split(" · "), " · ", usize::from(inner.width));
    let most = if inner.height >= 28 { 3 } else { 2 };
    lines.truncate(most);
    for line in lines {
        footer.push(Line::from(Span::styled(line, theme.dim)));
    }
    let footer_h = u16::try_from(footer.len())
        .unwrap_or(u16::MAX)
        .min(inner.height.saturating_sub(3));
    let body = Rect {
        height: inner.height - footer_h,
        ..inner
    };
    for (i, l) in footer.iter().take(usize::from(footer_h)).enumerate() {
        let y = body.bottom() + u16::try_from(i).unwrap_or(0);
        let clipped = truncate(&l.to_string(), usize::from(inner.width));
        let style = l.spans.first().map_or(Style::default(), |s| s.style);
        put_line(
            buf,
            inner,
            inner.x,
            y,
            &Line::from(Span::styled(clipped, style)),
        );
    }

    let n = u16::try_from(t.seasons.len()).unwrap_or(1);
    let col_w = (body.width - POS_W) / n;
    let col_x = |c: usize| body.x + POS_W + col_w * u16::try_from(c).unwrap_or(0);
    let cell_text = |s: &str| truncate(s, usize::from(col_w.saturating_sub(1)));

    // Header: the season and its flags summed.
    for (c, s) in t.seasons.iter().enumerate() {
        let style = if s.flags.total() > 0 {
            theme.warning
        } else {
            theme.title
        };
        let mut head = format!("{} {}", s.label, s.flags);
        if width(&head) > usize::from(col_w.saturating_sub(1)) {
            head = format!("{} ({} flags)", s.label, s.flags.total());
        }
        put_line(
            buf,
            body,
            col_x(c),
            body.y,
            &Line::from(Span::styled(cell_text(&head), style)),
        );
    }

    // The rows as lines: a line label when the line changes, then each position's tallest
    // cell's players, then its flags. Each entry: (row, line within the row).
    struct Out {
        label: Option<String>,
        row: Option<usize>,
        k: usize,
    }
    let mut lines: Vec<Out> = Vec::new();
    let mut cursor_line = 0;
    let mut last_line = None;
    for (r, row) in t.rows.iter().enumerate() {
        if last_line != Some(row.line) {
            last_line = Some(row.line);
            lines.push(Out {
                label: Some(format!("── {}", row.line.label())),
                row: None,
                k: 0,
            });
        }
        let height = row
            .cells
            .iter()
            .map(|c| c.entries.len() + usize::from(!c.flags.is_empty()))
            .max()
            .unwrap_or(0)
            .max(1);
        for k in 0..height {
            if r == view.row && k == view.entry {
                cursor_line = lines.len();
            }
            lines.push(Out {
                label: None,
                row: Some(r),
                k,
            });
        }
    }
    let rows_h = usize::from(body.height.saturating_sub(1));
    hits.view(body.height.saturating_sub(1), None);
    // Lines cut off above or below are counted in rows of their own ("↓ 12 more"), as a depth
    // column counts its hidden players; the cursor's moves scroll them in.
    let win = super::text::window(lines.len(), rows_h, 1, Some(cursor_line));
    let top = body.y + 1 + u16::from(win.above > 0);
    let marker = |buf: &mut Buffer, y: u16, up: bool, n: usize| {
        let text = super::text::more_label(up, n);
        put_line(
            buf,
            body,
            body.x,
            y,
            &Line::from(Span::styled(text, theme.dim)),
        );
    };
    if win.above > 0 {
        marker(buf, body.y + 1, true, win.above);
    }
    if win.below > 0 {
        let y = top + u16::try_from(win.count).unwrap_or(u16::MAX);
        marker(buf, y, false, win.below);
    }
    for (i, out) in lines.iter().skip(win.offset).take(win.count).enumerate() {
        let y = top + u16::try_from(i).unwrap_or(0);
        if let Some(label) = &out.label {
            put_line(
                buf,
                body,
                body.x,
                y,
                &Line::from(Span::styled(label.clone(), theme.dim)),
            );
            continue;
        }
        let Some(r) = out.row else { continue };
        let row = &t.rows[r];
        if out.k == 0 {
            put_line(
                buf,
                body,
                body.x,
                y,
                &Line::from(Span::styled(row.position.label(), theme.title)),
            );
        }
        for (c, cell) in row.cells.iter().enumerate() {
            let (text, style) = if let Some(e) = cell.entries.get(out.k) {
                let style = if e.injury.is_some() {
                    theme.injured
                } else if e.contract_unknown {
                    theme.contract_unknown
                } else if e.last_season {
                    theme.contract_expired
                } else if e.signing {
                    theme.signing
                } else {
                    theme.text
                };
                // Cut the name, never the age and marks.
                let full = e.text();
                let suffix = &full[e.name.len()..];
                // Namesakes come told apart ("M. Zárate"), as on the board.
                let name = &e.name;
                let room = usize::from(col_w.saturating_sub(1)).saturating_sub(width(suffix));
                (format!("{}{suffix}", truncate(name, room)), style)
            } else if out.k == cell.entries.len() && !cell.flags.is_empty() {
                let marks: Vec<String> = cell.flags.iter().map(|f| f.mark()).collect();
                (marks.join(" "), theme.warning)
            } else {
                (String::new(), theme.text)
            };
            let on_cursor = r == view.row && c == view.col && out.k == view.entry;
            let style = if on_cursor { theme.selected } else { style };
            let mut shown = cell_text(&text);
            if on_cursor && shown.is_empty() {
                shown = "·".into();
            }
            let pad = usize::from(col_w.saturating_sub(1)).saturating_sub(width(&shown));
            if on_cursor {
                shown.push_str(&" ".repeat(pad));
            }
            put_line(
                buf,
                body,
                col_x(c),
                y,
                &Line::from(Span::styled(shown, style)),
            );
        }
    }

    if view.detail
        && let Some(id) = board.timeline_player()
    {
        super::detail::popup(area, buf, board, km, theme, hits, &id);
    }
}
