//! The depth chart: a column per position, grouped by line (goalkeepers · defence · midfield ·
//! attack), first choice on top. When the pane is narrower than the columns it scrolls sideways
//! to keep the cursor's line in view.

use super::HitMap;
use super::marks::{marks, marks_width, name_with_marks};
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

/// The columns on screen and their widths, for `needs` (what each column's header and names
/// need, its gap included) in `width` cells. The cursor's line is in view from its first column
/// (as many of its columns as [`MIN_COLUMN`] lets fit, the cursor's always among them); the
/// columns after it come in while the room left holds one, the last of them alone narrower
/// than its names, so other lines give way before a name on the cursor's line is cut; at the end of the chart the columns before come back in, so the pane stays full.
/// Returns the first column shown and the width of each shown.
pub fn columns_on_screen(
    cols: &[DepthColumn],
    needs: &[u16],
    cursor: usize,
    width: u16,
) -> (usize, Vec<u16>) {
    if cols.is_empty() || needs.len() != cols.len() {
        return (0, Vec::new());
    }
    let fit = usize::from((width / MIN_COLUMN).max(1));
    let cursor = cursor.min(cols.len() - 1);
    let need = |i: usize| u32::from(needs[i].max(MIN_COLUMN));
    let room = u32::from(width);
    let line = cols[cursor].line();
    let mut start = cols.iter().position(|c| c.line() == line).unwrap_or(0);
    if cursor + 1 - start > fit {
        start = cursor + 1 - fit;
    }
    let line_end = cols[start..]
        .iter()
        .position(|c| c.line() != line)
        .map_or(cols.len(), |n| start + n);
    let mut end = (cursor + 1).max(line_end.min(start + fit));
    let mut wants: Vec<u32> = (start..end).map(need).collect();
    let mut sum: u32 = wants.iter().sum();
    while end < cols.len() && end - start < fit && sum + MIN_COLUMN_U32 <= room {
        // The last column in may be narrower than its names: it alone gives way.
        let want = need(end).min(room - sum);
        wants.push(want);
        sum += want;
        end += 1;
    }
    while end == cols.len() && start > 0 && end - start < fit && sum + need(start - 1) <= room {
        start -= 1;
        wants.insert(0, need(start));
        sum += need(start);
    }
    let wants: Vec<u16> = wants
        .into_iter()
        .map(|w| u16::try_from(w).unwrap_or(u16::MAX))
        .collect();
    (start, share(&wants, width))
}

const MIN_COLUMN_U32: u32 = MIN_COLUMN as u32;

/// `width` cells shared by columns that want `wants`: each gets what it wants and the spare is
/// spread evenly; when they want more than there is, the widest give way first, down to what
/// the next widest wants (so a short column keeps its names whole while a long one is cut), and
/// a cell left over goes to the column it brings nearest to whole.
fn share(wants: &[u16], width: u16) -> Vec<u16> {
    let n = wants.len();
    if n == 0 {
        return Vec::new();
    }
    let sum: u32 = wants.iter().map(|w| u32::from(*w)).sum();
    let width32 = u32::from(width);
    let mut out: Vec<u32> = wants.iter().map(|w| u32::from(*w)).collect();
    if sum <= width32 {
        let spare = width32 - sum;
        let n32 = n as u32;
        for (k, w) in out.iter_mut().enumerate() {
            *w += spare / n32 + u32::from((k as u32) < spare % n32);
        }
    } else {
        // The highest cap under which they all fit, then one more cell each for the widest
        // while cells are left.
        let capped = |cap: u32| out.iter().map(|w| (*w).min(cap)).sum::<u32>();
        let mut cap = out.iter().copied().max().unwrap_or(0);
        while cap > 0 && capped(cap) > width32 {
            cap -= 1;
        }
        let left = (width32 - capped(cap)) as usize;
        // The cells left over go to the columns nearest to whole.
        let mut short: Vec<usize> = (0..n).filter(|&k| out[k] > cap).collect();
        short.sort_by_key(|&k| out[k]);
        for w in out.iter_mut() {
            *w = (*w).min(cap);
        }
        for k in short.into_iter().take(left) {
            out[k] += 1;
        }
    }
    out.into_iter()
        .map(|w| u16::try_from(w).unwrap_or(u16::MAX))
        .collect()
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
    let cursor_col = board.view.depth_cursor.0;
    // Each column's rows, worked out once for the frame.
    let views: Vec<Vec<DepthRow>> = cols.iter().map(|c| board.depth_view(*c)).collect();
    // Namesakes anywhere in the chart are told apart ("M. Zárate"), once for every column.
    let names = board.names(views.iter().flatten().map(|r| &r.id));
    let needs: Vec<u16> = cols
        .iter()
        .zip(&views)
        .map(|(c, v)| column_need(board, theme, *c, v, &names))
        .collect();
    let (start, widths) = columns_on_screen(&cols, &needs, cursor_col, inner_w);
    let end = start + widths.len();
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
    let constraints: Vec<Constraint> = widths.iter().map(|w| Constraint::Length(*w)).collect();
    let areas = Layout::horizontal(constraints).split(inner);
    let views = views.into_iter().skip(start);
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
            drop,
        );
    }
}

/// The rule's label: the same at every width, so it fits the narrowest column.
const DIVIDER: &str = "╌ expired";

/// The cells a column wants: its header, and each row's rank, star, name and marks whole, with
/// the gap after it.
fn column_need(
    board: &Board,
    theme: &Theme,
    col: DepthColumn,
    view: &[DepthRow],
    names: &crate::domain::scenario::Names,
) -> u16 {
    let header = super::text::width(&header(board, col));
    let rows = view.iter().map(|r| match board.doc.ds.player(&r.id) {
        None => 3 + super::text::width(&names.get(&r.id)),
        Some(p) => {
            let m = marks(
                theme,
                board.view.overlays,
                &board.doc.shown,
                p,
                board.doc.ds.is_target(&r.id),
            );
            let name = names.find(&r.id).unwrap_or(p.short_name());
            3 + usize::from(board.doc.shown.is_signing(&r.id))
                + super::text::width(name)
                + marks_width(&m)
        }
    });
    let want = rows.chain([header, "   + end".len()]).max().unwrap_or(0) + 1;
    u16::try_from(want).unwrap_or(u16::MAX)
}

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
        &crate::domain::scenario::Names,
    ),
    drop: Option<(Spot, bool)>,
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
                let label = if super::text::width(DIVIDER) <= room {
                    DIVIDER
                } else {
                    "╌"
                };
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
                spans.push(Span::styled(names.get(&r.id), theme.warning));
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
                let name = names.find(id).unwrap_or(p.short_name());
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

    /// A column for each of `cols` wanting 15 cells, but `wide` wants 20.
    fn needs(wide: usize) -> Vec<u16> {
        (0..cols().len())
            .map(|i| if i == wide { 20 } else { 15 })
            .collect()
    }

    #[test]
    fn the_view_starts_at_the_cursors_line_and_keeps_the_pane_full() {
        let c = cols();
        let n = vec![MIN_COLUMN; c.len()];
        // Everything fits: no scrolling.
        assert_eq!(columns_on_screen(&c, &n, 9, 11 * MIN_COLUMN).0, 0);
        // Three fit (80 columns): each line starts at its first column.
        let at = |cursor| columns_on_screen(&c, &n, cursor, 3 * MIN_COLUMN + 4);
        assert_eq!(at(2).0, 1, "defence from RB");
        assert_eq!(at(3).0, 1);
        assert_eq!(at(5).0, 4, "midfield from DM");
        assert_eq!(at(8).0, 7, "attack from RW");
        // The unplaced column at the end: the pane stays full, so the attack shows beside it.
        assert_eq!(at(10), (8, vec![16, 15, 15]));
        // Two fit: the cursor is always on screen, past the line's start if need be.
        for cursor in 0..c.len() {
            let (s, w) = columns_on_screen(&c, &n, cursor, 2 * MIN_COLUMN);
            assert!(
                s <= cursor && cursor < s + w.len(),
                "cursor {cursor} start {s}"
            );
        }
        assert_eq!(columns_on_screen(&c, &n, 0, MIN_COLUMN).0, 0);
    }

    /// Written first, to fail on main, where every column had an equal share: at 120×40
    /// "Alexander…" and "Rüdig… OUT" were cut while the pane showed a fifth column.
    #[test]
    fn columns_share_the_width_by_what_their_names_need() {
        let c = cols();
        // The defence (RB 20, CB 15, LB 15) and the DM whole in 70 cells; the CM gives way.
        let (start, w) = columns_on_screen(&c, &needs(1), 2, 66);
        assert_eq!((start, w), (1, vec![21, 15, 15, 15]));
        // With a column's room left over, the next comes in, cut alone.
        let (start, w) = columns_on_screen(&c, &needs(1), 2, 79);
        assert_eq!((start, w), (1, vec![20, 15, 15, 15, 14]));
        // The cursor's line stays whole when it cannot fit its names: the widest gives first.
        let (start, w) = columns_on_screen(&c, &needs(1), 2, 46);
        assert_eq!((start, w), (1, vec![16, 15, 15]));
        assert_eq!(share(&[20, 15, 20], 46), vec![16, 15, 15]);
        assert_eq!(share(&[20, 15, 20], 50), vec![18, 15, 17]);
        assert_eq!(share(&[14, 14], 30), vec![15, 15]);
        // The cell left over goes to the column one short of whole, not to the first.
        assert_eq!(share(&[20, 16, 15], 46), vec![15, 16, 15]);
    }
}
