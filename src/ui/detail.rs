//! The details of the selected player: injury and contract facts, and for a target every report
//! that links him.

use super::marks::contract_style;
use super::text::wrapped_height;
use super::{HitMap, Theme, centered, pane_block};
use crate::app::{Board, Command};
use crate::config::Keymap;
use crate::domain::PlayerId;
use crate::domain::plan::ordinal;
use crate::domain::status::{
    Availability, absence_active, age, availability, contract, injury_active, injury_over,
};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

fn field(theme: &Theme, name: &str, value: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{name}: "), theme.title),
        Span::styled(value, theme.text),
    ])
}

fn unknown<T: ToString>(v: Option<T>) -> String {
    v.map_or("unknown".to_string(), |v| v.to_string())
}

pub fn lines(board: &Board, theme: &Theme, id: &PlayerId) -> Vec<Line<'static>> {
    let ds = &board.doc.ds;
    let Some(raw) = ds.player(id) else {
        return vec![Line::from(format!("unknown player `{id}`"))];
    };
    let p = board.doc.shown.effective(raw);
    let on = board.doc.shown.date;
    let mut out = Vec::new();
    let mut head = vec![Span::styled(p.name.clone(), theme.title)];
    if board.doc.shown.is_signing(id) {
        head.push(Span::styled("  ★ projected signing", theme.signing));
    }
    out.push(Line::from(head));
    out.push(Line::from(Span::styled(
        // An unknown shirt number is left out, not "#unknown".
        match p.number {
            Some(n) => format!("{} · {} · #{n}", p.positions_label(), p.club),
            None => format!("{} · {}", p.positions_label(), p.club),
        },
        theme.dim,
    )));
    let born = match (p.born, p.reported_age) {
        (Some(b), _) => format!("born {b}"),
        (None, Some(r)) => format!("reported {} on {}", r.age, r.on),
        (None, None) => "birth date unknown".into(),
    };
    out.push(field(
        theme,
        "Age",
        format!("{} at {on} ({born})", age(&p, on)),
    ));
    out.push(field(
        theme,
        "Nationality",
        // The foot only when known: "foot: unknown" on every line of the data was noise.
        match p.foot {
            Some(f) => format!(
                "{} · foot: {}",
                unknown(p.nationality.clone()),
                format!("{f:?}").to_lowercase()
            ),
            None => unknown(p.nationality.clone()),
        },
    ));
    let c = contract(&p, board.doc.shown.is_ours(ds, id), on);
    let signed = board.doc.shown.signing(id);
    let text = match (signed, c) {
        // He joined on a new contract: never "free agent" once signed.
        (Some(_), crate::domain::status::ContractStatus::Unknown) => {
            "new contract, length unknown (set it with a)".to_string()
        }
        (Some(_), c) => format!("new contract {c}"),
        (None, c) => c.to_string(),
    };
    out.push(Line::from(vec![
        Span::styled("Contract: ", theme.title),
        Span::styled(text, contract_style(theme, c)),
    ]));
    if let Some(v) = p.market_value {
        out.push(field(theme, "Market value", v.to_string()));
    }
    let a = availability(&p, on);
    out.push(Line::from(vec![
        Span::styled("Fitness: ", theme.title),
        Span::styled(
            a.to_string(),
            if matches!(a, Availability::Available) {
                theme.text
            } else {
                theme.injured
            },
        ),
    ]));
    // What keeps him out now, then what is over at the date: his history. What has not begun
    // at the date is not shown.
    let (now, past): (Vec<String>, Vec<String>) = {
        let mut now = Vec::new();
        let mut past = Vec::new();
        for inj in &p.injuries {
            let since = inj
                .since
                .map_or("date unknown".into(), |s| format!("from {s}"));
            let back = inj.back.map_or("return unknown".into(), |r| r.to_string());
            let mut text = format!("{} ({since}, {back})", inj.what);
            if let Some(l) = &inj.latest {
                text.push_str(&format!("; latest: {l}"));
            }
            if injury_active(inj, on) {
                now.push(text);
            } else if injury_over(inj, on) {
                past.push(text);
            }
        }
        for a in &p.absences {
            let until = a
                .until
                .map_or("end unknown".into(), |u| format!("to {}", u.spoken()));
            let mut text = format!("{} (from {}, {until})", a.what, a.from.spoken());
            if let Some(d) = a.announced {
                text.push_str(&format!("; announced {d}"));
            }
            if absence_active(a, on) {
                now.push(text);
            } else if a.until.is_some_and(|u| u.latest() < on) {
                past.push(text);
            }
        }
        (now, past)
    };
    for text in now {
        out.push(Line::from(Span::styled(format!("  {text}"), theme.injured)));
    }
    if !past.is_empty() {
        out.push(Line::from(Span::styled("History:", theme.title)));
        for text in past {
            out.push(Line::from(Span::styled(format!("  {text}"), theme.dim)));
        }
    }
    for a in board
        .doc
        .shown
        .assumptions
        .iter()
        .filter(|a| a.player() == id)
    {
        out.push(field(theme, "Assumed", a.describe(p.short_name())));
    }
    // Where the plan has him.
    let xi = board.doc.shown.xi(ds);
    let slots = board.doc.shown.formation().slots();
    let mut places: Vec<String> = Vec::new();
    if let Some(i) = xi.iter().position(|x| x.as_ref() == Some(id)) {
        places.push(format!("XI at {}", slots[i].label));
    }
    for pos in board.doc.shown.depth.positions_of(id) {
        let row = board
            .doc
            .shown
            .depth
            .column(pos)
            .iter()
            .position(|x| x == id)
            .unwrap_or(0);
        places.push(format!("{} {pos}", ordinal(row + 1)));
    }
    if let Some(d) = board.doc.shown.departure(id) {
        places.push(format!("gone ({}, {})", d.kind.label(), d.window));
    }
    out.push(field(
        theme,
        "In the plan",
        if places.is_empty() {
            "not in the depth chart".into()
        } else {
            places.join(" · ")
        },
    ));
    out.extend(move_lines(board, theme, id));
    if let Some(link) = ds.link(id) {
        let rivals = match &link.rivals {
            None => "unknown".to_string(),
            Some(r) if r.is_empty() => "none reported".to_string(),
            Some(r) => r.join(", "),
        };
        out.push(field(
            theme,
            "Link",
            format!(
                "fee {} · rivals {rivals} · window {}",
                unknown(link.fee),
                unknown(
                    link.window.as_deref().map(|w| {
                        crate::domain::budget::link_window_text(w, board.doc.shown.date)
                    })
                )
            ),
        ));
        for r in ds.reports_for(id) {
            out.push(Line::from(vec![
                Span::styled(format!("  {} ", r.date), theme.title),
                Span::styled(format!("{}: ", r.byline()), theme.signing),
                Span::styled(r.claim.clone(), theme.text),
            ]));
        }
    }
    for n in &p.notes {
        let src = n
            .source
            .as_ref()
            .and_then(|r| ds.report(r))
            .map_or(String::new(), |r| format!(" ({}, {})", r.outlet, r.date));
        out.push(Line::from(vec![
            Span::styled("  · ", theme.dim),
            Span::styled(n.text.clone(), theme.text),
            Span::styled(src, theme.dim),
        ]));
    }
    out
}

pub fn render_pane(area: Rect, buf: &mut Buffer, board: &Board, theme: &Theme) {
    let block = pane_block(
        Line::from(Span::styled(" Details ", theme.title)),
        false,
        theme,
    );
    let content = match board.shown_player() {
        Some(id) => lines(board, theme, &id),
        None => vec![Line::from(Span::styled("nothing selected", theme.dim))],
    };
    Paragraph::new(content)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(area, buf);
}

pub fn render_popup(
    area: Rect,
    buf: &mut Buffer,
    board: &Board,
    km: &Keymap,
    theme: &Theme,
    hits: &mut HitMap,
) {
    let Some(id) = board.shown_player() else {
        return;
    };
    popup(area, buf, board, km, theme, hits, &id);
}

/// The details of `id` in a window over `area`, scrolled as far as the board says (within
/// their end, which is recorded for paging).
pub fn popup(
    area: Rect,
    buf: &mut Buffer,
    board: &Board,
    km: &Keymap,
    theme: &Theme,
    hits: &mut HitMap,
    id: &PlayerId,
) {
    let rect = centered(
        area,
        area.width.saturating_sub(8).max(20),
        area.height.saturating_sub(4),
    );
    Clear.render(rect, buf);
    let title = Line::from(vec![
        Span::styled(" Details ", theme.title),
        Span::styled(
            format!(
                "· {} closes · {} {} scroll ",
                km.short_label(Command::Cancel),
                km.short_label(Command::PageUp),
                km.short_label(Command::PageDown)
            ),
            theme.dim,
        ),
    ]);
    let content = lines(board, theme, id);
    let page = rect.height.saturating_sub(2);
    let total = wrapped_height(&content, rect.width.saturating_sub(2), false);
    hits.view(page, Some(total));
    Paragraph::new(content)
        .wrap(Wrap { trim: false })
        .scroll((board.view.detail_scroll.min(total.saturating_sub(page)), 0))
        .block(pane_block(title, true, theme))
        .render(rect, buf);
}

/// The plan's moves for `id`, each in its window: what a signing costs (in the plan's currency)
/// and books per season, what a departure brings and its profit.
fn move_lines(board: &Board, theme: &Theme, id: &PlayerId) -> Vec<Line<'static>> {
    let ds = &board.doc.ds;
    let whole = &board.doc.plan;
    let on = board.doc.date;
    let money = &whole.money;
    let made = |w: crate::domain::Window| {
        if w.opened_by(on) {
            ""
        } else {
            ", not made yet at this date"
        }
    };
    let mut out = Vec::new();
    if let Some(s) = whole.signing(id) {
        let fee = crate::domain::budget::SigningFee::of(ds, whole, s).text(money, on);
        out.push(field(
            theme,
            "Signing",
            format!(
                "joins in {}{}{} · {fee}",
                s.window,
                s.returns()
                    .map_or(String::new(), |r| format!(" on loan, goes back on {r}")),
                made(s.window)
            ),
        ));
        out.push(field(
            theme,
            "Books",
            crate::domain::amortisation::per_season_text(ds, whole, s),
        ));
    }
    if let Some(d) = whole.departure(id) {
        let (fee, profit) = crate::domain::amortisation::departure_terms(ds, whole, d);
        let fee = fee.map_or(String::new(), |f| format!(" {f}"));
        let profit = profit.map_or(String::new(), |p| format!(" · {p}"));
        out.push(field(
            theme,
            "Leaves",
            format!(
                "{} in {}{}{fee}{profit}",
                d.kind.label(),
                d.window,
                made(d.window)
            ),
        ));
    }
    out
}
