//! The target pane (linked signings; search hits: targets, squad players marked so, pool) and the
//! warnings beside the pitch.

use super::HitMap;
use super::marks::{fit_with_marks, marks};
use super::text::{clip_spans, highlighted, put_line};
use super::{Theme, focused, pane_block};
use crate::app::pool::PoolStatus;
use crate::app::{Board, ListKind, Pane, Spot};
use crate::domain::status::age;
use crate::domain::warnings::assess;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub fn render_list(area: Rect, buf: &mut Buffer, board: &Board, theme: &Theme, hits: &mut HitMap) {
    let is_focused = focused(board, Pane::List);
    // The pool's part of the title first: the query is given what is left, so counts are never
    // cut (a long query shows its end, where the cursor is).
    let inner_w = usize::from(area.width.saturating_sub(2));
    let mut pool = pool_title(board);
    let mut title = if board.view.filter.is_active() {
        let shown = board.view.list.len();
        let more = board.search.pool_matches.saturating_sub(
            board
                .view
                .list
                .iter()
                .filter(|i| i.kind == ListKind::Pool)
                .count(),
        );
        let found = if more > 0 && !board.view.filter.query.text().trim().is_empty() {
            format!("{shown} shown of {} ", shown + more)
        } else {
            format!("{shown} found ")
        };
        // What gives way when the pane is narrow, in turn: the pool's "(/ searches)" hint,
        // the word "Search" (the key `/` stands for it), then a ready pool's size. The count
        // found never does; the query shows its end, the cursor's side.
        let widths = pool
            .as_ref()
            .map(|(long, short, _)| (long.chars().count(), short.chars().count()));
        let (long_w, short_w) = widths.unwrap_or((0, 0));
        let must_show = !matches!(board.search.pool, PoolStatus::Ready { .. });
        let fixed = 8 + 1 + found.len();
        let (label, pool_w) = [
            (" Search: ", long_w),
            (" Search: ", short_w),
            (" / ", short_w),
            (" / ", if must_show { short_w } else { 0 }),
        ]
        .into_iter()
        .find(|(label, pool_w)| label.len() + fixed + pool_w <= inner_w)
        .unwrap_or((" / ", if must_show { short_w } else { 0 }));
        if pool_w == 0 {
            pool = None;
        } else if pool_w == short_w
            && let Some((long, short, _)) = pool.as_mut()
        {
            *long = short.clone();
        }
        let room = inner_w.saturating_sub(label.len() + 1 + found.len() + pool_w);
        let mut title = Line::from(Span::styled(label, theme.title));
        let query = super::textinput::one_line(
            &board.view.filter.query,
            room.max(4),
            theme.matched,
            theme.matched,
            board.view.filter.typing,
        );
        for s in query.spans {
            title.push_span(s);
        }
        title.push_span(Span::styled(" ", theme.matched));
        title.push_span(Span::styled(found, theme.dim));
        title
    } else {
        // "5 linked" says "5" alone when the pool's count would not fit beside it.
        let linked = board.doc.ds.links.len();
        let long = format!("· {linked} linked ");
        let pool_w = pool
            .as_ref()
            .map_or(0, |(_, short, _)| short.chars().count());
        let linked = if " Targets ".len() + long.chars().count() + pool_w <= inner_w {
            long
        } else {
            format!("· {linked} ")
        };
        Line::from(vec![
            Span::styled(" Targets ", theme.title),
            Span::styled(linked, theme.dim),
        ])
    };
    if let Some((long, short, style)) = pool {
        // The hint goes first when the title is full.
        let used = title.width();
        let text = if used + long.chars().count() <= inner_w {
            long
        } else {
            short
        };
        title.push_span(Span::styled(text, style(theme)));
    }
    let mut block = pane_block(title, is_focused, theme);
    if board.view.table.shown {
        return super::pool_table::render(area, buf, board, theme, hits, block);
    }
    // Two rows a player; the players hidden above and below are counted on the bottom border,
    // so no row of the list is given up and no name is written over.
    let per_item = 2u16;
    let fit = usize::from(area.height.saturating_sub(2) / per_item).max(1);
    let offset = board.view.list_cursor.saturating_sub(fit - 1);
    let count = fit.min(board.view.list.len().saturating_sub(offset));
    let below = board.view.list.len().saturating_sub(offset + count);
    // Each label stands for the nearest row it hides: clicked, it scrolls that row in.
    block = super::pool_table::more_labels(block, area, theme, hits, offset, count, below);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    // Dropping anywhere in the pane takes a signing out of the plan.
    hits.push(inner, Spot::ListPane);
    if !super::pool_table::drop_or_empty(inner, buf, board, theme) {
        return;
    }
    if is_focused {
        hits.view(inner.height / per_item, None);
    }
    let on = board.doc.shown.date;
    let w = inner.width as usize;
    // How many players in the list go by each known name, so namesakes are told apart.
    let mut known: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for item in &board.view.list {
        if let Some(p) = board.doc.ds.player(&item.id) {
            *known.entry(p.list_name().to_lowercase()).or_insert(0) += 1;
        }
    }
    for (n, i) in (offset..board.view.list.len()).take(count).enumerate() {
        let item = &board.view.list[i];
        let Some(p) = board.doc.ds.player(&item.id) else {
            continue;
        };
        let y = inner.y + n as u16 * per_item;
        let rect = Rect::new(inner.x, y, inner.width, per_item.min(inner.bottom() - y));
        hits.push(rect, Spot::ListRow(i));
        let is_target = board.doc.ds.is_target(&item.id);
        let m = marks(theme, board.view.overlays, &board.doc.shown, p, is_target);
        let mut first: Vec<Span<'static>> = Vec::new();
        if board.doc.shown.is_signing(&item.id) {
            first.push(Span::styled("★", theme.signing));
        } else {
            first.push(Span::raw(" "));
        }
        // The name people use, the full one where a query matched letters only it has (or a
        // namesake in the list goes by the same name); the details give the full name.
        let (name, matched) = list_name(p, &item.matched);
        let (name, matched) = if known.get(&name.to_lowercase()).copied().unwrap_or(0) > 1 {
            (p.name.as_str(), item.matched.clone())
        } else {
            (name, matched)
        };
        // The name gives way to its marks: shortened with "…", the marks kept.
        first.extend(fit_with_marks(
            highlighted(
                name,
                &matched,
                m.name_style.add_modifier(Modifier::BOLD),
                theme.matched,
            ),
            &m,
            w.saturating_sub(1),
        ));
        // The facts after the name only where a few of them fit, so a cut mark is never
        // mistaken for a cut name.
        let used: usize = first.iter().map(|s| super::text::width(&s.content)).sum();
        if used + 8 <= w {
            first.push(Span::styled(
                format!("  {} · {} · {}", p.positions_label(), age(p, on), p.club),
                theme.dim,
            ));
        }
        let second: Vec<Span<'static>> = match (item.kind, board.doc.ds.link(&item.id)) {
            (ListKind::Linked, Some(link)) => {
                let reports = board.doc.ds.reports_for(&item.id);
                let latest = reports
                    .first()
                    .map_or("-".to_string(), |r| r.date.to_string());
                let rivals = match &link.rivals {
                    None => "rivals unknown".to_string(),
                    Some(r) if r.is_empty() => "no rivals".to_string(),
                    Some(r) => format!("vs {}", r.join(", ")),
                };
                // A signing of the plan shows what the plan counts for him, in its window;
                // another target the reported fee, in the plan's currency beside it.
                let whole = &board.doc.plan;
                let fee = match whole.signing(&item.id) {
                    Some(s) => {
                        let counted =
                            crate::domain::budget::SigningFee::of(&board.doc.ds, whole, s);
                        let what = match counted.converted(&whole.money) {
                            Some(Some(c)) => whole.money.amount_text(c.amount, c.approximate),
                            Some(None) => "free".into(),
                            None => "fee unknown".into(),
                        };
                        format!("{what} in {}", s.window)
                    }
                    None => link
                        .fee
                        .map_or("fee unknown".to_string(), |f| whole.money.fee_short(f)),
                };
                vec![Span::styled(
                    format!(
                        "   {fee} · {rivals} · {} report{}, latest {latest}",
                        reports.len(),
                        if reports.len() == 1 { "" } else { "s" }
                    ),
                    theme.text,
                )]
            }
            (ListKind::Pool, _) => {
                let value = p
                    .market_value
                    .map_or("value unknown".to_string(), |v| v.to_string());
                let contract = crate::domain::status::contract(p, false, on);
                let nat = p
                    .nationality
                    .clone()
                    .unwrap_or_else(|| "nationality unknown".into());
                vec![Span::styled(
                    format!("   pool · {value} · {nat} · contract {contract}"),
                    theme.dim,
                )]
            }
            _ => {
                let where_ = if let Some(d) = board.doc.plan.departure(&item.id) {
                    if d.window.opened_by(board.doc.date) {
                        format!("left in {}: {}", d.window, d.kind.label())
                    } else {
                        format!("leaving in {}: {}", d.window, d.kind.label())
                    }
                } else if board.doc.shown.depth.contains(&item.id) {
                    let cols: Vec<String> = board
                        .doc
                        .shown
                        .depth
                        .positions_of(&item.id)
                        .iter()
                        .map(|p| p.to_string())
                        .collect();
                    format!("in the depth chart at {}", cols.join(", "))
                } else {
                    let column = p.position.map_or("unplaced".to_string(), |p| p.to_string());
                    format!("squad · no depth place yet (shown under {column})")
                };
                vec![Span::styled(format!("   {where_}"), theme.dim)]
            }
        };
        let is_cursor = i == board.view.list_cursor && board.view.focus == Pane::List;
        for (k, spans) in [first, second].into_iter().enumerate() {
            let yy = y + k as u16;
            if yy >= inner.bottom() {
                break;
            }
            let mut line = Line::from(clip_spans(spans, w));
            if is_cursor {
                let st = if is_focused {
                    theme.selected
                } else {
                    Style::default().add_modifier(Modifier::UNDERLINED)
                };
                line = line.patch_style(st);
                buf.set_style(Rect::new(inner.x, yy, inner.width, 1), st);
            }
            put_line(buf, inner, inner.x, yy, &line);
        }
    }
}

/// The warnings beside the pitch. When they do not all show, the rows hidden above and below
/// are counted on the borders ("↓ 3 more · W", as a depth column counts its hidden players)
/// and `W`, the wheel or a click turns them.
pub fn render_warnings(
    area: Rect,
    buf: &mut Buffer,
    board: &Board,
    km: &crate::config::Keymap,
    theme: &Theme,
    hits: &mut HitMap,
) {
    let whole = board.doc.plan_on_date();
    let a = assess(&board.doc.ds, &whole);
    let title = Line::from(vec![
        Span::styled(" Warnings ", theme.title),
        Span::styled(format!("· {} ", a.warnings.len()), theme.dim),
    ]);
    let mut block = pane_block(title, false, theme);
    let mut lines: Vec<Line<'static>> = Vec::new();
    lines.push(Line::from(vec![
        Span::styled("Fees ", theme.title),
        Span::styled(a.fees.to_string(), theme.text),
    ]));
    lines.push(Line::from(vec![
        Span::styled("XI age ", theme.title),
        Span::styled(a.ages.to_string(), theme.text),
    ]));
    for w in a.warning_texts(&board.doc.ds, &board.doc.shown) {
        lines.push(Line::from(vec![
            Span::styled("! ", theme.warning),
            Span::styled(w, theme.warning),
        ]));
    }
    let inner = block.inner(area);
    let total = super::text::wrapped_height(&lines, inner.width, true);
    let page = inner.height;
    let end = total.saturating_sub(page);
    let scroll = board.view.warnings_scroll.min(end);
    if end > 0 {
        hits.viewport.warnings = Some((page.max(1), end));
        if scroll > 0 {
            let up = super::text::more_label(true, usize::from(scroll));
            block = block
                .title_top(Line::from(Span::styled(format!(" {up} "), theme.dim)).right_aligned());
        }
        let below = end - scroll;
        if below > 0 {
            let down = super::text::more_label(false, usize::from(below));
            let key = km.label(crate::app::Command::Warnings);
            block = block.title_bottom(
                Line::from(Span::styled(format!(" {down} · {key} "), theme.dim)).right_aligned(),
            );
        }
    }
    hits.push(area, Spot::Warnings);
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .scroll((scroll, 0))
        .block(block)
        .render(area, buf);
}

/// The name a list row shows and the letters of it a query matched (char indices): the known
/// name ("Rivero") when the match lies within it, or was on another of his names; the full name
/// when the query matched letters outside the known name ("lautaro").
fn list_name<'a>(p: &'a crate::domain::Player, matched: &[usize]) -> (&'a str, Vec<usize>) {
    let known = p.list_name();
    if known == p.name || matched.is_empty() {
        return (
            known,
            if known == p.name {
                matched.to_vec()
            } else {
                Vec::new()
            },
        );
    }
    let Some(at) = p.name.find(known) else {
        return (&p.name, matched.to_vec());
    };
    let from = p.name[..at].chars().count();
    let len = known.chars().count();
    if matched.iter().all(|&i| (from..from + len).contains(&i)) {
        (known, matched.iter().map(|i| i - from).collect())
    } else {
        (&p.name, matched.to_vec())
    }
}

/// The pool's part of a pane title, long and short (without the hint), and its style.
type PoolTitle = (String, String, fn(&Theme) -> Style);

fn pool_title(board: &Board) -> Option<PoolTitle> {
    match &board.search.pool {
        PoolStatus::None => None,
        PoolStatus::Loading { progress, .. } => {
            let text = pool_loading(board.search.pool_len(), progress);
            Some((text.clone(), text, |t| t.warning))
        }
        PoolStatus::Ready { players, .. } => Some((
            format!("· pool {} (/ searches) ", short(*players)),
            format!("· pool {} ", short(*players)),
            |t| t.dim,
        )),
        PoolStatus::Failed(_) => {
            let text = match board.search.pool_len() {
                0 => "· pool failed ".to_string(),
                kept => format!("· pool {} (load failed) ", short(kept)),
            };
            Some((text.clone(), text, |t| t.injured))
        }
    }
}

/// How far a pool has arrived: the players searchable so far of those expected ("· pool 230k
/// of ~1.0M "), else the share of the file read.
fn pool_loading(searchable: usize, progress: &crate::store::pool::Progress) -> String {
    match progress.estimate() {
        Some(all) if searchable > 0 => format!(
            "· pool {} of ~{} ",
            short(searchable),
            short(all.max(searchable))
        ),
        _ => format!("· pool loading {:.0}% ", progress.fraction() * 100.0),
    }
}

/// A count short enough for a pane's title: 9,999 as it is, then thousands (230k) and millions
/// (1.0M).
fn short(n: usize) -> String {
    match n {
        0..10_000 => n.to_string(),
        10_000..1_000_000 => format!("{}k", n / 1000),
        _ => format!("{:.1}M", n as f64 / 1e6),
    }
}
