//! The depth chart: a column per position, grouped by line (goalkeepers · defence · midfield ·
//! attack), first choice on top. When the pane is narrower than the columns it scrolls sideways
//! to keep the cursor's line in view.

use super::HitMap;
use super::marks::{marks, name_with_marks};
use super::text::{clip_spans, more_label, put_line, window};
use super::{Theme, cell_highlight, focused, pane_block};
use crate::app::{Board, DepthColumn, DepthRow, Pane, Spot};
use crate::domain::plan::Origin;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// The narrowest a column is drawn (its gap included); a pane with room for fewer scrolls.
pub const MIN_COLUMN: u16 = 14;

/// The first of `count` columns on screen when `fit` of them fit: the first column of the
/// cursor's line, moved on just enough to show the cursor, and back so the pane stays full.
pub fn first_visible(cols: &[DepthColumn], cursor: usize, fit: usize) -> usize {
    let fit = fit.max(1);
    if cols.len() <= fit {
        return 0;
    }
    let cursor = cursor.min(cols.len() - 1);
    let line = cols[cursor].line();
    let mut start = cols.iter().position(|c| c.line() == line).unwrap_or(0);
    if cursor >= start + fit {
        start = cursor + 1 - fit;
    }
    start.min(cols.len() - fit)
}

/// One row of a column as drawn: a player (or the empty foot), or the divider above the
/// players whose contract has run out.
#[derive(Clone, Copy, PartialEq)]
enum Item {
    Row(usize),
    Divider,
}

fn items(view: &[DepthRow], dragging: bool) -> Vec<Item> {
    let mut out = Vec::new();
    for (r, row) in view.iter().enumerate() {
        if row.expired && (r == 0 || !view[r - 1].expired) {
            out.push(Item::Divider);
        }
        out.push(Item::Row(r));
    }
    if dragging || view.is_empty() {
        out.push(Item::Row(view.len()));
    }
    out
}

/// The rows the tallest column needs (players, divider, the drop row under them), so the pane
/// is sized once and does not jump when a drag starts.
pub fn tallest(board: &Board) -> usize {
    board
        .depth_columns()
        .iter()
        .map(|c| items(&board.depth_view(*c), true).len())
        .max()
        .unwrap_or(1)
}

pub fn render(area: Rect, buf: &mut Buffer, board: &Board, theme: &Theme, hits: &mut HitMap) {
    let formation = board.doc.shown.formation();
    let cols = board.depth_columns();
    let is_focused = focused(board, Pane::Depth);
    let inner_w = area.width.saturating_sub(2);
    let fit = usize::from((inner_w / MIN_COLUMN).max(1));
    let cursor_col = board.view.depth_cursor.0;
    let start = first_visible(&cols, cursor_col, fit);
    let end = (start + fit).min(cols.len());
    let line = board.depth_line();
    let title = Line::from(vec![
        Span::styled(" Depth chart ", theme.title),
        Span::styled(format!("· {} ", line.label()), theme.title),
        Span::styled(format!("· {formation} "), theme.dim),
    ]);
    let more = match (start > 0, end < cols.len()) {
        (true, true) => " ◀ more ▶ ",
        (true, false) => " ◀ more ",
        (false, true) => " more ▶ ",
        (false, false) => "",
    };
    let mut block = pane_block(title, is_focused, theme);
    if !more.is_empty() {
        block = block.title_top(Line::from(Span::styled(more, theme.dim)).right_aligned());
    }
    let inner = block.inner(area);
    block.render(area, buf);
    if cols.is_empty() || inner.width == 0 || inner.height == 0 {
        return;
    }
    let shown = &cols[start..end];
    // What a drop would do is worked out once for the frame, not once per column.
    let drop = board
        .view
        .drag
        .as_ref()
        .and(board.drop_spot())
        .map(|spot| (spot, board.drop_preview().is_some_and(|(_, r)| r.is_ok())));
    // Each column's rows, worked out once for the frame.
    let views: Vec<Vec<crate::app::DepthRow>> =
        shown.iter().map(|c| board.depth_view(*c)).collect();
    // Namesakes anywhere in the chart are told apart ("M. Zárate"), once for every column.
    let names = board.doc.ds.distinct_short_names(
        board
            .doc
            .shown
            .depth
            .players()
            .chain(views.iter().flatten().map(|r| &r.id)),
    );
    // An empty column needs only its header; the others share the rest.
    let constraints: Vec<Constraint> = views
        .iter()
        .map(|view| {
            if view.is_empty() {
                Constraint::Length(MIN_COLUMN)
            } else {
                Constraint::Fill(1)
            }
        })
        .collect();
    let areas = Layout::horizontal(constraints).split(inner);
    // One label for the rule over the out-of-contract players in every column, the longest the
    // narrowest column holds: columns side by side never say it two ways.
    let narrowest = areas
        .iter()
        .zip(&views)
        .filter(|(_, view)| view.iter().any(|r| r.expired))
        .map(|(a, _)| usize::from(a.width.saturating_sub(2)))
        .filter(|&w| w > 0)
        .min()
        .unwrap_or(0);
    let divider = DIVIDERS
        .into_iter()
        .find(|l| super::text::width(l) <= narrowest)
        .unwrap_or("");
    for (k, ((col, carea), view)) in shown.iter().zip(areas.iter()).zip(views).enumerate() {
        let ci = start + k;
        let carea = Rect {
            width: carea.width.saturating_sub(1),
            ..*carea
        };
        if carea.width == 0 {
            continue;
        }
        // A thin rule in the gap where one line ends and the next begins.
        if shown.get(k + 1).is_some_and(|n| n.line() != col.line()) {
            for y in carea.top()..carea.bottom() {
                buf[(carea.right(), y)]
                    .set_symbol("┊")
                    .set_style(theme.border);
            }
        }
        render_column(
            carea,
            buf,
            board,
            theme,
            hits,
            (ci, *col, view, &names),
            (drop, divider),
        );
    }
}

/// The rule's labels, longest first.
const DIVIDERS: [&str; 4] = ["╌ out of contract", "╌ no contract", "╌ expired", "╌"];

fn header(board: &Board, col: DepthColumn) -> String {
    let formation = board.doc.shown.formation();
    match col {
        DepthColumn::Pos(pos) => formation.column_header(pos),
        DepthColumn::Unplaced => "no position".to_string(),
    }
}

fn render_column(
    carea: Rect,
    buf: &mut Buffer,
    board: &Board,
    theme: &Theme,
    hits: &mut HitMap,
    (ci, col, view, names): (
        usize,
        DepthColumn,
        Vec<crate::app::DepthRow>,
        &std::collections::HashMap<crate::domain::PlayerId, String>,
    ),
    (drop, divider): (Option<(Spot, bool)>, &str),
) {
    let is_focused = focused(board, Pane::Depth);
    put_line(
        buf,
        carea,
        carea.x,
        carea.y,
        &Line::from(Span::styled(
            header(board, col),
            theme.title.add_modifier(Modifier::UNDERLINED),
        )),
    );
    let list = items(&view, board.view.drag.is_some());
    let visible = carea.height.saturating_sub(1) as usize;
    if visible == 0 {
        return;
    }
    let xi = board.doc.shown.xi(&board.doc.ds);
    let dragged = board.view.drag.as_ref();
    // Keep the cursor's row in view; rows hidden above or below get a marker row of their own.
    let cursor_row = (board.view.depth_cursor.0 == ci).then_some(board.view.depth_cursor.1);
    if cursor_row.is_some() && is_focused {
        hits.view(u16::try_from(visible).unwrap_or(u16::MAX), None);
    }
    let cursor_at = cursor_row.and_then(|r| list.iter().position(|i| *i == Item::Row(r)));
    // The window a "more" row scrolled to stays while the cursor is in it: a press on a row it
    // shows (4 Militão, above the row it brought in) takes him where he is drawn.
    let by_cursor = window(list.len(), visible, 1, cursor_at);
    let revealed = board
        .view
        .depth_reveal
        .filter(|(c, _)| *c == ci)
        .and_then(|(_, r)| list.iter().position(|i| *i == Item::Row(r)));
    let win = match (revealed, cursor_at) {
        (Some(r), Some(c)) => {
            let w = window(list.len(), visible, 1, Some(r));
            if (w.offset..w.offset + w.count).contains(&c) {
                w
            } else {
                by_cursor
            }
        }
        _ => by_cursor,
    };
    let offset = win.offset;
    let top = u16::from(win.above > 0);
    let rows_in = |range: &[Item]| range.iter().filter(|i| matches!(i, Item::Row(_))).count();
    // A marker row scrolls to the nearest player it hides when clicked.
    let nearest = |mut items: std::slice::Iter<'_, Item>, from_end: bool| {
        let row = |i: &Item| match *i {
            Item::Row(r) => Some(r),
            Item::Divider => None,
        };
        if from_end {
            items.rev().find_map(row)
        } else {
            items.find_map(row)
        }
    };
    if win.above > 0 {
        let line = Line::from(Span::styled(
            more_label(true, rows_in(&list[..offset])),
            theme.dim,
        ));
        put_line(buf, carea, carea.x + 1, carea.y + 1, &line);
        if let Some(row) = nearest(list[..offset].iter(), true) {
            let cell = Rect::new(carea.x, carea.y + 1, carea.width, 1);
            hits.push(cell, Spot::DepthMore { col: ci, row });
        }
    }
    let mut placed = 0usize;
    for item in list.iter().take(offset) {
        if let Item::Row(r) = item
            && view
                .get(*r)
                .is_some_and(|v| v.index.is_some() && !v.expired)
        {
            placed += 1;
        }
    }
    for (n, item) in list.iter().enumerate().skip(offset).take(win.count) {
        let y = carea.y + 1 + top + (n - offset) as u16;
        let cell = Rect::new(carea.x, y, carea.width, 1);
        let row = match *item {
            Item::Divider => {
                let w = carea.width as usize;
                // The rule stops a cell short, so it never runs into the next column's.
                let room = w.saturating_sub(1);
                let label = Some(divider)
                    .filter(|l| super::text::width(l) <= room)
                    .or_else(|| DIVIDERS.into_iter().find(|l| super::text::width(l) <= room))
                    .unwrap_or("");
                let rest = room.saturating_sub(super::text::width(label));
                let rule = if rest >= 2 {
                    format!(" {}", "╌".repeat(rest - 1))
                } else {
                    String::new()
                };
                put_line(
                    buf,
                    carea,
                    carea.x,
                    y,
                    &Line::from(Span::styled(format!("{label}{rule}"), theme.dim)),
                );
                continue;
            }
            Item::Row(r) => r,
        };
        hits.push(cell, Spot::Depth { col: ci, row });
        let is_cursor = cursor_row == Some(row) && board.view.focus == Pane::Depth;
        let drop_ok = drop.is_some_and(|(_, ok)| ok);
        let is_drop = drop.is_some_and(|(spot, _)| spot == Spot::Depth { col: ci, row });
        let mut spans: Vec<Span<'static>> = Vec::new();
        match view.get(row) {
            // Not in the loaded data (a pool player without his pool): kept, and shown.
            Some(r) if board.doc.ds.player(&r.id).is_none() => {
                spans.push(Span::styled(format!("{:>2} ", row + 1), theme.dim));
                spans.push(Span::styled(
                    crate::domain::scenario::unresolved_label(&r.id),
                    theme.warning,
                ));
            }
            Some(r) => {
                let Some(p) = board.doc.ds.player(&r.id) else {
                    continue;
                };
                let id = &r.id;
                let in_xi = xi.iter().any(|x| x.as_ref() == Some(id));
                let m = marks(
                    theme,
                    board.view.overlays,
                    &board.doc.shown,
                    p,
                    board.doc.ds.is_target(id),
                );
                let number = match (r.index, r.expired) {
                    (Some(_), false) => {
                        placed += 1;
                        format!("{placed:>2} ")
                    }
                    // Out of contract, or in no column of the chart: no rank.
                    _ => " - ".to_string(),
                };
                spans.push(Span::styled(
                    number,
                    if in_xi { theme.title } else { theme.dim },
                ));
                if board.doc.shown.is_signing(id) {
                    spans.push(Span::styled("★", theme.signing));
                }
                let is_dragged = dragged.is_some_and(|d| {
                    d.id == *id
                        && match (d.origin, col.position(), r.index) {
                            (Origin::Depth { pos, index }, Some(here), Some(at)) => {
                                pos == here && index == at
                            }
                            (Origin::List, _, None) => true,
                            _ => false,
                        }
                });
                let name_style = if is_dragged {
                    theme.dragged
                } else if r.index.is_none() {
                    m.name_style.add_modifier(Modifier::ITALIC)
                } else {
                    m.name_style
                };
                let used = 3 + usize::from(board.doc.shown.is_signing(id));
                let room = (carea.width as usize).saturating_sub(used);
                let name = names.get(id).map_or(p.short_name(), String::as_str);
                spans.extend(name_with_marks(name, name_style, &m, room));
            }
            None if board.view.drag.is_some() => {
                spans.push(Span::styled("   + end", theme.dim));
            }
            None => {
                spans.push(Span::styled("   (nobody)", theme.dim));
            }
        }
        let mut line = Line::from(clip_spans(spans, carea.width as usize));
        if let Some(st) = cell_highlight(theme, is_drop.then_some(drop_ok), is_cursor, is_focused) {
            line = line.patch_style(st);
            buf.set_style(cell, st);
        }
        put_line(buf, carea, carea.x, y, &line);
    }
    if win.below > 0 {
        let y = carea.y + 1 + top + win.count as u16;
        let line = Line::from(Span::styled(
            more_label(false, rows_in(&list[offset + win.count..])),
            theme.dim,
        ));
        put_line(buf, carea, carea.x + 1, y, &line);
        if let Some(row) = nearest(list[offset + win.count..].iter(), false) {
            hits.push(
                Rect::new(carea.x, y, carea.width, 1),
                Spot::DepthMore { col: ci, row },
            );
        }
    }
    let drawn = win.count + usize::from(win.above > 0) + usize::from(win.below > 0);
    // The empty space under a column drops at its foot.
    let used = 1 + drawn as u16;
    if carea.height > used {
        let below = Rect::new(carea.x, carea.y + used, carea.width, carea.height - used);
        hits.push(
            below,
            Spot::Depth {
                col: ci,
                row: view.len(),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Position::*;

    fn cols() -> Vec<DepthColumn> {
        [GK, RB, CB, LB, DM, CM, AM, RW, ST, LW]
            .into_iter()
            .map(DepthColumn::Pos)
            .chain([DepthColumn::Unplaced])
            .collect()
    }

    #[test]
    fn the_view_starts_at_the_cursors_line_and_keeps_the_pane_full() {
        let c = cols();
        // Everything fits: no scrolling.
        assert_eq!(first_visible(&c, 9, 11), 0);
        // Three fit (80 columns): each line starts at its first column.
        assert_eq!(first_visible(&c, 2, 3), 1, "defence from RB");
        assert_eq!(first_visible(&c, 3, 3), 1);
        assert_eq!(first_visible(&c, 5, 3), 4, "midfield from DM");
        assert_eq!(first_visible(&c, 8, 3), 7, "attack from RW");
        // The unplaced column at the end: the pane stays full, so the attack shows beside it.
        assert_eq!(first_visible(&c, 10, 3), 8);
        // Two fit: the cursor is always on screen, past the line's start if need be.
        for cursor in 0..c.len() {
            let s = first_visible(&c, cursor, 2);
            assert!(s <= cursor && cursor < s + 2, "cursor {cursor} start {s}");
        }
        assert_eq!(first_visible(&c, 0, 1), 0);
    }
}
