//! The depth chart: one column per back-line position, first choice on top.

use super::HitMap;
use super::marks::{marks, name_with_marks};
use super::text::{clip_spans, put_line};
use super::{Theme, focused, pane_block};
use crate::app::{Board, Pane, Spot};
use crate::domain::plan::{Origin, Place};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub fn render(area: Rect, buf: &mut Buffer, board: &Board, theme: &Theme, hits: &mut HitMap) {
    let formation = board.plan.formation();
    let title = Line::from(vec![
        Span::styled(" Depth chart ", theme.title),
        Span::styled(format!("· {formation} back line "), theme.dim),
    ]);
    let is_focused = focused(board, Pane::Depth);
    let block = pane_block(title, is_focused, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let cols = board.depth_columns();
    if cols.is_empty() || inner.width == 0 || inner.height == 0 {
        return;
    }
    // An empty column needs only its header; the others share the rest.
    let constraints: Vec<Constraint> = cols
        .iter()
        .map(|p| {
            if board.plan.depth.column(*p).is_empty() {
                Constraint::Length(12)
            } else {
                Constraint::Fill(1)
            }
        })
        .collect();
    let areas = Layout::horizontal(constraints).split(inner);
    let xi = board.plan.xi();
    let drop = board.drop_place();
    let drop_ok = board.drop_preview().is_some_and(|(_, r)| r.is_ok());
    let dragged = board.drag.as_ref();
    for (ci, (pos, carea)) in cols.iter().zip(areas.iter()).enumerate() {
        let carea = Rect {
            width: carea.width.saturating_sub(1),
            ..*carea
        };
        if carea.width == 0 {
            continue;
        }
        let starters = formation.slots_for(*pos);
        let head = if starters == 0 {
            format!("{pos} (not in {formation})")
        } else if starters == 1 {
            pos.label().to_string()
        } else {
            format!("{pos} ×{starters}")
        };
        put_line(
            buf,
            carea,
            carea.x,
            carea.y,
            &Line::from(Span::styled(
                head,
                theme.title.add_modifier(Modifier::UNDERLINED),
            )),
        );
        let column = board.plan.depth.column(*pos);
        let rows = board.depth_rows(*pos);
        let visible = carea.height.saturating_sub(1) as usize;
        if visible == 0 {
            continue;
        }
        // Keep the cursor's row in view.
        let cursor_row = (board.depth_cursor.0 == ci).then_some(board.depth_cursor.1);
        let offset = cursor_row.map_or(0, |r| r.saturating_sub(visible - 1));
        for row in offset..rows.min(offset + visible) {
            let y = carea.y + 1 + (row - offset) as u16;
            let cell = Rect::new(carea.x, y, carea.width, 1);
            hits.push(cell, Spot::Depth { col: ci, row });
            let is_cursor = cursor_row == Some(row) && board.focus == Pane::Depth;
            let is_drop = drop
                == Some(Place::Depth {
                    pos: *pos,
                    index: row,
                });
            let mut spans: Vec<Span<'static>> = Vec::new();
            match column.get(row) {
                Some(id) => {
                    let Some(p) = board.ds.player(id) else {
                        continue;
                    };
                    let in_xi = xi.iter().any(|x| x.as_ref() == Some(id));
                    let m = marks(
                        theme,
                        board.overlays,
                        &board.plan,
                        p,
                        board.ds.is_target(id),
                    );
                    spans.push(Span::styled(
                        format!("{:>2} ", row + 1),
                        if in_xi { theme.title } else { theme.dim },
                    ));
                    if board.plan.is_signing(id) {
                        spans.push(Span::styled("★", theme.signing));
                    }
                    let is_dragged = dragged.is_some_and(|d| {
                        d.id == *id
                            && d.origin
                                == Origin::Depth {
                                    pos: *pos,
                                    index: row,
                                }
                    });
                    let name_style = if is_dragged {
                        theme.dragged
                    } else {
                        m.name_style
                    };
                    let used = 3 + usize::from(board.plan.is_signing(id));
                    let room = (carea.width as usize).saturating_sub(used);
                    spans.extend(name_with_marks(p.short_name(), name_style, &m, room));
                }
                None if board.drag.is_some() => {
                    spans.push(Span::styled("   + end", theme.dim));
                }
                None => {
                    spans.push(Span::styled("   (nobody)", theme.dim));
                }
            }
            let mut line = Line::from(clip_spans(spans, carea.width as usize));
            if is_drop {
                line = line.patch_style(if drop_ok {
                    theme.drop_target
                } else {
                    theme.drop_refused
                });
                buf.set_style(
                    cell,
                    if drop_ok {
                        theme.drop_target
                    } else {
                        theme.drop_refused
                    },
                );
            } else if is_cursor {
                let st = if is_focused {
                    theme.selected
                } else {
                    Style::default().add_modifier(Modifier::UNDERLINED)
                };
                line = line.patch_style(st);
                buf.set_style(cell, st);
            }
            put_line(buf, carea, carea.x, y, &line);
        }
        if rows > offset + visible {
            let more = rows - offset - visible;
            let y = carea.bottom().saturating_sub(1);
            put_line(
                buf,
                carea,
                carea.right().saturating_sub(7),
                y,
                &Line::from(Span::styled(format!("+{more} ↓"), theme.dim)),
            );
        }
        // The empty space under a column drops at its foot.
        let used = 1 + (rows.min(offset + visible) - offset) as u16;
        if carea.height > used {
            let below = Rect::new(carea.x, carea.y + used, carea.width, carea.height - used);
            hits.push(
                below,
                Spot::Depth {
                    col: ci,
                    row: column.len(),
                },
            );
        }
    }
}
