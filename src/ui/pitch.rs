//! The projected XI on a pitch, attacking upwards.

use super::HitMap;
use super::marks::{marks, name_with_marks};
use super::text::{clip_spans, put, put_line, width};
use super::{Theme, cell_highlight, focused, pane_block};
use crate::app::{Board, Pane, Spot};
use crate::domain::plan::{Origin, Place};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

struct Label {
    slot: usize,
    x: u16,
    y: u16,
    spans: Vec<Span<'static>>,
}

pub fn render(area: Rect, buf: &mut Buffer, board: &Board, theme: &Theme, hits: &mut HitMap) {
    let formation = board.doc.shown.formation();
    let title = Line::from(vec![
        Span::styled(" Projected XI ", theme.title),
        Span::styled(format!("· {formation} "), theme.dim),
    ]);
    let is_focused = focused(board, Pane::Pitch);
    let block = pane_block(title, is_focused, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 4 || inner.height < 3 {
        return;
    }
    // Halfway line and centre circle mark, in the pitch colour.
    let mid = inner.y + inner.height / 2;
    let line: String = "┈".repeat(inner.width as usize);
    put(buf, inner, inner.x, mid, &line, theme.pitch);
    put(buf, inner, inner.x + inner.width / 2, mid, "○", theme.pitch);

    let slots = formation.slots();
    let xi = board.doc.shown.xi(&board.doc.ds);
    // The same names the depth chart draws: namesakes told apart ("M. Zárate").
    let names = board.names(xi.iter().flatten());
    let drop = board.drop_place();
    let drop_ok = board.drop_preview().is_some_and(|(_, r)| r.is_ok());
    // Screen cell of each slot's centre.
    let cells: Vec<(u16, u16)> = slots
        .iter()
        .map(|s| {
            let x = inner.x + (u32::from(s.x) * u32::from(inner.width - 1) / 100) as u16;
            let y = inner.y
                + (u32::from(100 - s.y.min(100)) * u32::from(inner.height - 1) / 100) as u16;
            (x, y)
        })
        .collect();
    // A slot's label in `room` columns: the name shortened first, its marks kept.
    let label = |i: usize, room: usize| -> Vec<Span<'static>> {
        let slot = &slots[i];
        let mut spans: Vec<Span<'static>> = Vec::new();
        match &xi[i] {
            Some(id) => {
                if let Some(p) = board.doc.ds.player(id) {
                    let m = marks(
                        theme,
                        board.view.overlays,
                        &board.doc.shown,
                        p,
                        board.doc.ds.is_target(id),
                    );
                    let star = board.doc.shown.is_signing(id);
                    let name_room = room.saturating_sub(usize::from(star));
                    if star {
                        spans.push(Span::styled("★", theme.signing));
                    }
                    // Off his main position: italic, and a text mark that survives NO_COLOR.
                    let fit = board.doc.shown.effective(p).fit_at(slot.position);
                    let mut st = m.name_style;
                    if fit.is_off_main() {
                        st = st.add_modifier(Modifier::ITALIC);
                    }
                    if board
                        .view
                        .drag
                        .as_ref()
                        .is_some_and(|d| d.id == *id && d.origin == Origin::Slot(i))
                    {
                        st = theme.dragged;
                    }
                    let short = names.find(id).unwrap_or(p.short_name());
                    let name = format!("{short}{}", fit.mark());
                    spans.extend(name_with_marks(&name, st, &m, name_room));
                } else {
                    spans.push(Span::styled(names.get(id), theme.warning));
                }
            }
            None => spans.push(Span::styled(format!("·{}·", slot.key), theme.dim)),
        }
        clip_spans(spans, room)
    };
    let spans_width = |spans: &[Span<'_>]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
    let wants: Vec<u16> = (0..slots.len())
        .map(|i| u16::try_from(spans_width(&label(i, usize::MAX))).unwrap_or(u16::MAX))
        .collect();
    let mut labels = Vec::new();
    for (i, (left, right)) in row_segments(&cells, &wants, inner).into_iter().enumerate() {
        let (cx, cy) = cells[i];
        let spans = label(i, usize::from(right - left).max(3));
        let w = spans_width(&spans) as u16;
        let x = cx
            .saturating_sub(w / 2)
            .clamp(left, right.saturating_sub(w.max(1)).max(left))
            .clamp(inner.x, inner.right().saturating_sub(w.max(1)));
        labels.push(Label {
            slot: i,
            x,
            y: cy,
            spans,
        });
    }
    for (slot, area) in slot_boxes(&cells, &labels, inner) {
        hits.push(area, Spot::Slot(slot));
    }
    for l in labels {
        let w: u16 = l.spans.iter().map(|s| width(&s.content) as u16).sum();
        let rect = Rect::new(l.x, l.y, w.max(3), 1).intersection(inner);
        let mut line = Line::from(l.spans);
        let is_drop = drop == Some(Place::Slot(l.slot));
        let is_cursor = board.view.slot_cursor == l.slot && board.view.focus == Pane::Pitch;
        if let Some(st) = cell_highlight(theme, is_drop.then_some(drop_ok), is_cursor, is_focused) {
            line = line.patch_style(st);
            buf.set_style(rect, st);
        }
        put_line(buf, inner, l.x, l.y, &line);
    }
}

/// The columns each slot's label may take, `[left, right)`, for labels that want `wants`
/// columns centred on `cells`: a label that needs less than half the way to its neighbour on the
/// same row leaves the rest to the neighbour, so a long name takes the room a short one beside
/// it does not use (one column kept free between them); when both need more than half, each
/// gets half. A label is then drawn in its stretch, as near its centre as it fits.
fn row_segments(cells: &[(u16, u16)], wants: &[u16], inner: Rect) -> Vec<(u16, u16)> {
    let mut out: Vec<(u16, u16)> = vec![(inner.x, inner.right()); cells.len()];
    let mut rows: Vec<u16> = cells.iter().map(|c| c.1).collect();
    rows.sort_unstable();
    rows.dedup();
    for y in rows {
        let mut row: Vec<usize> = (0..cells.len()).filter(|&i| cells[i].1 == y).collect();
        row.sort_by_key(|&i| cells[i].0);
        for pair in row.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let (ca, cb) = (cells[a].0, cells[b].0);
            let d = cb.saturating_sub(ca);
            let room = d.saturating_sub(1);
            // What each needs towards the other, centred: a's right half, b's left half.
            let right_a = wants[a] - wants[a] / 2;
            let left_b = wants[b] / 2;
            let half = room / 2;
            let a_gets = if right_a + left_b <= room {
                right_a + (room - right_a - left_b) / 2
            } else if right_a <= half {
                right_a
            } else if left_b <= room - half {
                room - left_b
            } else {
                half
            };
            out[a].1 = out[a].1.min(ca + a_gets);
            out[b].0 = out[b].0.max(ca + a_gets + 1);
        }
    }
    for seg in &mut out {
        seg.1 = seg.1.max(seg.0);
    }
    out
}

/// Where each slot takes a press or a drop: its label and the row above and below it (where
/// the eye puts the slot), across its share of the row — halfway to its neighbours, as the
/// label may be. A row between two slots one above the other goes to the upper one (the row
/// under a name is the slot's), so no two boxes overlap.
fn slot_boxes(cells: &[(u16, u16)], labels: &[Label], inner: Rect) -> Vec<(usize, Rect)> {
    // Each slot's columns: its share of its row, widened to its label.
    let spans: Vec<(u16, u16)> = labels
        .iter()
        .map(|l| {
            let (cx, cy) = cells[l.slot];
            let half = cells
                .iter()
                .filter(|(x, y)| *y == cy && *x != cx)
                .map(|(x, _)| x.abs_diff(cx).saturating_sub(1) / 2)
                .min()
                .unwrap_or(8)
                .min(8);
            let w: u16 = l.spans.iter().map(|s| width(&s.content) as u16).sum();
            let left = cx.saturating_sub(half).min(l.x);
            let right = cx.saturating_add(half + 1).max(l.x + w.max(3));
            (left, right)
        })
        .collect();
    let overlap = |a: (u16, u16), b: (u16, u16)| a.0 < b.1 && b.0 < a.1;
    labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let gap = |above: bool| {
                labels
                    .iter()
                    .enumerate()
                    .filter(|(j, o)| {
                        *j != i
                            && overlap(spans[i], spans[*j])
                            && if above { o.y < l.y } else { o.y > l.y }
                    })
                    .map(|(_, o)| o.y.abs_diff(l.y))
                    .min()
                    .unwrap_or(u16::MAX)
            };
            let up = u16::from(gap(true) >= 3);
            let down = u16::from(gap(false) >= 2);
            let (left, right) = spans[i];
            let top = l.y.saturating_sub(up);
            let area = Rect::new(left, top, right - left, l.y + down + 1 - top);
            (l.slot, area.intersection(inner))
        })
        .collect()
}
