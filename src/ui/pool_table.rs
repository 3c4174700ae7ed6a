//! The target pane as a table (key `v`): one row a player — name, positions, age at the
//! planning date, club, nationality, market value in the plan's currency, contract end — under
//! a header that shows the column sorted by and which way. Rows are the list's own
//! (`Board::view.list`, sorted by `update`), so selecting, the details, Space and dragging work
//! as from the list. Narrow panes give up columns, the sorted one last.

use super::marks::{fit_with_marks, marks};
use super::text::{highlighted, more_label, put_line, truncate, width};
use super::{HitMap, Theme, focused};
use crate::app::table::SortColumn;
use crate::app::{Board, Pane, Spot};
use crate::domain::Player;
use crate::domain::plan::Place;
use crate::domain::status::{ContractStatus, age, contract};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, StatefulWidget, Table, TableState, Widget};

/// The share of the board's width (in percent) the left side (depth chart, pitch) keeps: less
/// while the table shows, so its columns have room.
pub fn left_share(board: &Board) -> u16 {
    if board.view.table.shown { 45 } else { 60 }
}

/// Columns in the order they give way when the pane is narrow: the last first (the name never;
/// the sorted column only when nothing else is left).
const KEEP: [SortColumn; 7] = [
    SortColumn::Name,
    SortColumn::Age,
    SortColumn::Positions,
    SortColumn::Value,
    SortColumn::Contract,
    SortColumn::Club,
    SortColumn::Nationality,
];

/// The narrowest and widest a column is drawn (the name takes what is left over).
fn bounds(c: SortColumn) -> (usize, usize) {
    match c {
        SortColumn::Name => (12, 40),
        SortColumn::Positions => (3, 8),
        SortColumn::Age => (3, 5),
        SortColumn::Club => (8, 22),
        SortColumn::Nationality => (6, 14),
        // "€10.45m", "unknown"; a contract's "2027-06" (its month) below its whole day.
        SortColumn::Value => (7, 9),
        SortColumn::Contract => (8, 10),
    }
}

/// Draws the pane as a table inside `block` (its title already says what is found).
pub fn render(
    area: Rect,
    buf: &mut Buffer,
    board: &Board,
    theme: &Theme,
    hits: &mut HitMap,
    block: Block<'_>,
) {
    let list = &board.view.list;
    let is_focused = focused(board, Pane::List);
    let inner = block.inner(area);
    // A page: the rows under the header.
    let fit = usize::from(inner.height.saturating_sub(1)).max(1);
    let offset = board.view.list_cursor.saturating_sub(fit - 1);
    let count = fit.min(list.len().saturating_sub(offset));
    let below = list.len().saturating_sub(offset + count);
    let block = more_labels(block, area, theme, hits, offset, count, below);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    hits.push(inner, Spot::ListPane);
    if !drop_or_empty(inner, buf, board, theme) {
        return;
    }
    if is_focused {
        hits.view(inner.height.saturating_sub(1), None);
    }
    let rows: Vec<(usize, &Player)> = (offset..offset + count)
        .filter_map(|i| Some((i, board.doc.ds.player(&list.get(i)?.id)?)))
        .collect();
    let texts: Vec<[Text; 7]> = rows.iter().map(|(_, p)| texts(board, p)).collect();
    let sort = board.view.table.sort;
    let header_of = |c: SortColumn| match sort {
        Some(s) if s == c => format!(
            "{} {}",
            c.header(),
            if board.view.table.descending {
                "▼"
            } else {
                "▲"
            }
        ),
        _ => c.header().to_string(),
    };
    // The name's header over the name, after the column of ★.
    let header_of = |c: SortColumn| {
        let h = header_of(c);
        if c == SortColumn::Name {
            format!(" {h}")
        } else {
            h
        }
    };
    let columns = layout(usize::from(inner.width), sort, |c| {
        let at = column_index(c);
        let cells = texts.iter().map(|t| width(&t[at].0));
        let marker = usize::from(c == SortColumn::Name);
        (cells.max().unwrap_or(0) + marker).max(width(&header_of(c)))
    });

    let header = Row::new(columns.iter().map(|(c, w)| {
        let style = if Some(*c) == sort {
            theme.title.add_modifier(Modifier::BOLD)
        } else {
            theme.dim
        };
        Cell::from(Span::styled(truncate(&header_of(*c), *w), style))
    }));
    let names = board
        .doc
        .ds
        .distinct_short_names(rows.iter().map(|(i, _)| &list[*i].id));
    let body: Vec<Row<'static>> = rows
        .iter()
        .zip(&texts)
        .map(|((i, p), t)| {
            Row::new(columns.iter().map(|(c, w)| match c {
                SortColumn::Name => Cell::from(Line::from(name_cell(
                    board,
                    theme,
                    *i,
                    p,
                    names.get(&p.id),
                    *w,
                ))),
                c => {
                    let (text, known) = &t[column_index(*c)];
                    let style = if *known { theme.text } else { theme.dim };
                    let text = match c {
                        SortColumn::Contract => fit_date(text, *w),
                        _ => truncate(text, *w),
                    };
                    Cell::from(Span::styled(text, style))
                }
            }))
        })
        .collect();
    for (n, (i, _)) in rows.iter().enumerate() {
        let y = inner.y + 1 + n as u16;
        if y < inner.bottom() {
            hits.push(Rect::new(inner.x, y, inner.width, 1), Spot::ListRow(*i));
        }
    }
    let cursor = board.view.list_cursor;
    let mut state = TableState::default();
    if board.view.focus == Pane::List && (offset..offset + count).contains(&cursor) {
        state.select(Some(cursor - offset));
    }
    let highlight = if is_focused {
        theme.selected
    } else {
        Style::default().add_modifier(Modifier::UNDERLINED)
    };
    let widths: Vec<Constraint> = columns
        .iter()
        .map(|(_, w)| Constraint::Length(u16::try_from(*w).unwrap_or(u16::MAX)))
        .collect();
    let table = Table::new(body, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(highlight);
    StatefulWidget::render(table, inner, buf, &mut state);
}

/// The target pane's inner area lit when a drop there would take a signing out, and what an
/// empty pane says (list or table alike). `false`: there are no rows to draw.
pub(super) fn drop_or_empty(inner: Rect, buf: &mut Buffer, board: &Board, theme: &Theme) -> bool {
    if board.drop_place() == Some(Place::Out) {
        let ok = board.drop_preview().is_some_and(|(_, r)| r.is_ok());
        buf.set_style(inner, super::drop_style(theme, ok));
    }
    if !board.view.list.is_empty() {
        return true;
    }
    let msg = if board.view.filter.is_active() {
        "no player matches"
    } else {
        "no targets"
    };
    put_line(
        buf,
        inner,
        inner.x + 1,
        inner.y,
        &Line::from(Span::styled(msg, theme.dim)),
    );
    false
}

/// A cell's text and whether the value is known ("unknown" and "?" are drawn dim).
type Text = (String, bool);

/// The cells of one player, in [`SortColumn::ALL`] order (the name's is its width only).
fn texts(board: &Board, p: &Player) -> [Text; 7] {
    let on = board.doc.shown.date;
    let money = &board.doc.plan.money;
    let unknown = || ("unknown".to_string(), false);
    let known = |s: String| (s, true);
    let a = age(p, on);
    let value = match p.market_value {
        None => unknown(),
        // Counted at an assumed rate: approximate, as every converted figure on the board.
        Some(v) => match money.convert(v) {
            Some(c) => known(money.amount_text(c.amount, c.approximate || c.rate.is_some())),
            None => (format!("{v} (no rate)"), false),
        },
    };
    let contract = match contract(p, false, on) {
        ContractStatus::Reported { year } => known(format!("{year}?")),
        ContractStatus::Unknown => unknown(),
        c => c
            .ends()
            .map_or_else(unknown, |d| known(d.format("%Y-%m-%d").to_string())),
    };
    let club = p.club.trim();
    [
        known(p.name.clone()),
        (p.positions_label(), p.position.is_some()),
        (a.to_string(), a.low().is_some()),
        if club.is_empty() {
            unknown()
        } else {
            known(club.to_string())
        },
        p.nationality.clone().map_or_else(unknown, known),
        value,
        contract,
    ]
}

/// A contract's end in `w` cells: the day ("2027-06-30"), else its month ("2027-06"), else its
/// year; any other text ("unknown", "2030?") shortened as text is.
fn fit_date(text: &str, w: usize) -> String {
    let is_day = text.len() == 10 && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok();
    match w {
        _ if !is_day || w >= 10 => truncate(text, w),
        7..10 => text[..7].to_string(),
        4..7 => text[..4].to_string(),
        _ => truncate(text, w),
    }
}

fn column_index(c: SortColumn) -> usize {
    SortColumn::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

/// The columns drawn in `room` cells and their widths: each at least its narrowest (columns
/// give way in [`KEEP`]'s order, the sorted one last, until the rest fit), then widened to what
/// its cells need, each to a fair width before any is whole, and the name takes what is left.
fn layout(
    room: usize,
    sort: Option<SortColumn>,
    need: impl Fn(SortColumn) -> usize,
) -> Vec<(SortColumn, usize)> {
    let mut kept: Vec<SortColumn> = KEEP.to_vec();
    // The sorted column's header is whole, with its arrow.
    let low = |c: SortColumn| {
        let (low, _) = bounds(c);
        if Some(c) == sort {
            low.max(width(c.header()) + 2)
        } else {
            low
        }
    };
    let total = |kept: &[SortColumn]| {
        kept.iter().map(|c| low(*c)).sum::<usize>() + kept.len().saturating_sub(1)
    };
    while kept.len() > 1 && total(&kept) > room {
        let drop = kept
            .iter()
            .rposition(|c| *c != SortColumn::Name && Some(*c) != sort)
            .unwrap_or(kept.len() - 1);
        if kept[drop] == SortColumn::Name {
            break;
        }
        kept.remove(drop);
    }
    let mut widths: Vec<(SortColumn, usize)> = SortColumn::ALL
        .iter()
        .filter(|c| kept.contains(c))
        .map(|c| (*c, low(*c)))
        .collect();
    let mut left = room.saturating_sub(total(&kept));
    // Each column to a fair width first (a main position and one more, a contract's month, a
    // name, a club and a country most are), then whole: what tells players apart comes first.
    let grow_order = [
        (SortColumn::Age, None),
        (SortColumn::Positions, Some(5)),
        (SortColumn::Value, None),
        (SortColumn::Contract, Some(8)),
        (SortColumn::Name, Some(20)),
        (SortColumn::Club, Some(14)),
        (SortColumn::Nationality, Some(10)),
        (SortColumn::Contract, None),
        (SortColumn::Positions, None),
        (SortColumn::Name, None),
        (SortColumn::Club, None),
        (SortColumn::Nationality, None),
    ];
    for (c, cap) in grow_order {
        if let Some((_, w)) = widths.iter_mut().find(|(x, _)| *x == c) {
            let (low, high) = (low(c), cap.unwrap_or(bounds(c).1));
            let more = need(c).clamp(low, high).saturating_sub(*w).min(left);
            *w += more;
            left -= more;
        }
    }
    if let Some((_, w)) = widths.iter_mut().find(|(c, _)| *c == SortColumn::Name) {
        *w += left;
    }
    // Never wider than the room, even with the name alone in a column or two.
    if let Some((_, w)) = widths.first_mut() {
        *w = (*w).min(room);
    }
    widths
}

/// The name cell: ★ for a signing of the plan, the full name when it fits beside his marks,
/// else the short name the board tells namesakes apart by ("M. Zárate"), shortened last.
fn name_cell(
    board: &Board,
    theme: &Theme,
    i: usize,
    p: &Player,
    short: Option<&String>,
    w: usize,
) -> Vec<Span<'static>> {
    let item = &board.view.list[i];
    let is_target = board.doc.ds.is_target(&item.id);
    let m = marks(theme, board.view.overlays, &board.doc.shown, p, is_target);
    let mut out = vec![if board.doc.shown.is_signing(&item.id) {
        Span::styled("★", theme.signing)
    } else {
        Span::raw(" ")
    }];
    let room = w.saturating_sub(1);
    let marks_w: usize = [&m.injury, &m.contract]
        .into_iter()
        .flatten()
        .filter(|(t, _)| !t.is_empty())
        .map(|(t, _)| width(t) + 1)
        .sum();
    let style = m.name_style.add_modifier(Modifier::BOLD);
    let name = match short {
        Some(s) if width(&p.name) + marks_w > room => vec![Span::styled(s.clone(), style)],
        _ => highlighted(&p.name, &item.matched, style, theme.matched),
    };
    out.extend(fit_with_marks(name, &m, room));
    out
}

/// The rows hidden above and below, counted on the bottom border; each label stands for the
/// nearest row it hides (clicked, it scrolls that row in).
pub(super) fn more_labels<'a>(
    block: Block<'a>,
    area: Rect,
    theme: &Theme,
    hits: &mut HitMap,
    offset: usize,
    count: usize,
    below: usize,
) -> Block<'a> {
    let more: Vec<(String, usize)> = [(true, offset), (false, below)]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(up, n)| {
            let row = if up { offset - 1 } else { offset + count };
            (more_label(up, n), row)
        })
        .collect();
    if more.is_empty() {
        return block;
    }
    let labels: Vec<&str> = more.iter().map(|(l, _)| l.as_str()).collect();
    let text = format!(" {} ", labels.join(" · "));
    // Drawn right-aligned on the bottom border, before its corner.
    let w = width(&text) as u16;
    let mut x = area.right().saturating_sub(1 + w).max(area.x) + 1;
    let y = area.bottom().saturating_sub(1);
    for (label, row) in &more {
        let lw = width(label) as u16;
        hits.push(
            Rect::new(x, y, lw.min(area.right().saturating_sub(x)), 1),
            Spot::ListMore(*row),
        );
        x = x.saturating_add(lw + 3);
    }
    block.title_bottom(Line::from(Span::styled(text, theme.dim)).right_aligned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_rooms_give_up_columns_and_keep_the_sorted_one() {
        let need = |c: SortColumn| bounds(c).1;
        let all = layout(200, None, need);
        assert_eq!(all.len(), 7);
        let narrow = layout(30, None, need);
        let cols: Vec<SortColumn> = narrow.iter().map(|(c, _)| *c).collect();
        assert_eq!(
            cols,
            [
                SortColumn::Name,
                SortColumn::Positions,
                SortColumn::Age,
                SortColumn::Value
            ]
        );
        assert_eq!(fit_date("2027-06-30", 8), "2027-06");
        assert_eq!(fit_date("2027-06-30", 5), "2027");
        assert_eq!(fit_date("unknown", 5), "unkn…");
        let by_nat = layout(30, Some(SortColumn::Nationality), need);
        assert!(by_nat.iter().any(|(c, _)| *c == SortColumn::Nationality));
        for room in 0..40 {
            let cols = layout(room, Some(SortColumn::Club), need);
            let used: usize =
                cols.iter().map(|(_, w)| w).sum::<usize>() + cols.len().saturating_sub(1);
            assert!(used <= room, "{room}: {cols:?}");
            assert_eq!(cols[0].0, SortColumn::Name);
        }
    }
}
