//! The overlay marks: a text mark and a style for each status, so meaning survives without
//! colour.

use crate::app::Overlays;
use crate::config::Theme;
use crate::domain::status::{Availability, ContractStatus, availability, contract};
use crate::domain::{Player, plan::Plan};
use ratatui::style::Style;
use ratatui::text::Span;

/// The marks a player carries at the plan's date, with the overlays that are on.
pub struct Marks {
    pub injury: Option<(String, Style)>,
    pub contract: Option<(String, Style)>,
    /// The name's style: the most serious status wins.
    pub name_style: Style,
}

pub fn contract_style(theme: &Theme, c: ContractStatus) -> Style {
    match c {
        ContractStatus::Expired { .. } | ContractStatus::FreeAgent { .. } => theme.contract_expired,
        ContractStatus::UnderSixMonths { .. } => theme.contract_6m,
        ContractStatus::UnderTwelveMonths { .. } => theme.contract_12m,
        ContractStatus::Secure { .. } => theme.contract_secure,
        ContractStatus::Reported { .. } | ContractStatus::Unknown => theme.contract_unknown,
    }
}

pub fn marks(theme: &Theme, overlays: Overlays, plan: &Plan, p: &Player, is_target: bool) -> Marks {
    let p = plan.effective(p);
    let mut name_style = theme.text;
    let injury = if overlays.injury {
        match availability(&p, plan.date) {
            Availability::Available => None,
            a => {
                name_style = theme.injured;
                Some((a.mark().to_string(), theme.injured))
            }
        }
    } else {
        None
    };
    let contract = if overlays.contract {
        // A target whose contract has run out at the date comes on a free transfer; our own
        // player whose contract has run out is out of contract. A signing who has joined is
        // ours, on his new contract (unknown until the plan assumes its length: `c?`).
        let own = !is_target
            || plan
                .signing(&p.id)
                .is_some_and(|s| s.window.opened_by(plan.date));
        let c = contract(&p, own, plan.date);
        let mark = match c {
            // Secure needs no mark in a cell (the colour says so, the details give the years).
            ContractStatus::Secure { .. } => String::new(),
            c => c.mark().to_string(),
        };
        let style = contract_style(theme, c);
        if injury.is_none() && !matches!(c, ContractStatus::Secure { .. }) {
            name_style = style;
        }
        Some((mark, style))
    } else {
        None
    };
    Marks {
        injury,
        contract,
        name_style,
    }
}

/// The legend the help shows: every mark and what it means.
pub const LEGEND: [(&str, &str); 13] = [
    (
        "+",
        "injured; when he is back (or expected back) is in the details",
    ),
    ("+?", "injured, return unknown"),
    ("L", "away on loan until the date in the details"),
    ("OUT", "our player out of contract: stays only if renewed"),
    (
        "FREE",
        "another club's player out of contract: a free agent",
    ),
    ("<6m", "contract ends within six months"),
    ("<12m", "contract ends within twelve months"),
    (
        "",
        "no contract mark: a year or more left (see the details)",
    ),
    ("c?", "contract end unknown (or only reported: 2030?)"),
    ("★", "projected signing in this plan"),
    (
        "'",
        "on the pitch: in a slot of a secondary position, or standing in",
    ),
    ("!", "on the pitch: out of position"),
    (
        "?",
        "age or position unknown; 22-23 = age range from a report",
    ),
];

/// A name and its marks in `room` columns. Marks outrank the name: the name is shortened first
/// (ending in `…`), down to four columns (all of it when shorter); only when even that cannot fit
/// does a mark give way — the injury mark first, since the name's colour still tells it — and
/// the name is cut last.
pub fn name_with_marks(name: &str, style: Style, m: &Marks, room: usize) -> Vec<Span<'static>> {
    fit_with_marks(vec![Span::styled(name.to_string(), style)], m, room)
}

/// [`name_with_marks`] for a name already in spans (matched letters highlighted).
pub fn fit_with_marks(name: Vec<Span<'static>>, m: &Marks, room: usize) -> Vec<Span<'static>> {
    use super::text::{clip_spans, width};
    let name_w: usize = name.iter().map(|s| width(&s.content)).sum();
    let keep = name_w.min(MIN_NAME);
    let marks: Vec<&(String, Style)> = [&m.injury, &m.contract]
        .into_iter()
        .flatten()
        .filter(|(t, _)| !t.is_empty())
        .collect();
    let marks_w = |k: &[&(String, Style)]| k.iter().map(|(t, _)| width(t) + 1).sum::<usize>();
    // Both marks; else the contract mark alone (the name's colour shows an injury, nothing
    // shows a contract); else the injury mark alone; else none.
    let candidates: [Vec<&(String, Style)>; 3] = [
        marks.clone(),
        marks.iter().rev().take(1).copied().collect(),
        marks.iter().take(1).copied().collect(),
    ];
    let kept = candidates
        .into_iter()
        .find(|k| room >= keep + marks_w(k))
        .unwrap_or_default();
    let name_room = room.saturating_sub(marks_w(&kept));
    let mut out = clip_spans(name, name_room);
    for (t, st) in kept {
        out.push(Span::raw(" "));
        out.push(Span::styled(t.clone(), *st));
    }
    out
}

/// The cells a name's marks take after it, a space before each: what a name needs beside it to
/// be drawn whole.
pub fn marks_width(m: &Marks) -> usize {
    [&m.injury, &m.contract]
        .into_iter()
        .flatten()
        .filter(|(t, _)| !t.is_empty())
        .map(|(t, _)| super::text::width(t) + 1)
        .sum()
}

/// The fewest columns a name is shortened to before a mark gives way.
pub const MIN_NAME: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    fn m(inj: Option<&str>, con: Option<&str>) -> Marks {
        Marks {
            injury: inj.map(|t| (t.to_string(), Style::default())),
            contract: con.map(|t| (t.to_string(), Style::default())),
            name_style: Style::default(),
        }
    }

    fn text(spans: &[Span<'_>]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn marks_outrank_names_the_name_is_shortened_first() {
        let marks = m(Some("+?"), Some("FREE"));
        let s = Style::default();
        assert_eq!(
            text(&name_with_marks("Carvajal", s, &marks, 20)),
            "Carvajal +? FREE"
        );
        assert_eq!(
            text(&name_with_marks("Carvajal", s, &marks, 13)),
            "Carv… +? FREE"
        );
        // Both marks and four columns of name, then no room for both: the injury mark gives
        // way first (the name's colour still tells), the contract mark stays.
        assert_eq!(
            text(&name_with_marks("Carvajal", s, &marks, 12)),
            "Car… +? FREE"
        );
        assert_eq!(
            text(&name_with_marks("Carvajal", s, &marks, 11)),
            "Carva… FREE"
        );
        assert_eq!(
            text(&name_with_marks("Carvajal", s, &marks, 9)),
            "Car… FREE"
        );
        assert_eq!(text(&name_with_marks("Carvajal", s, &marks, 5)), "Carv…");
        assert_eq!(text(&name_with_marks("Carvajal", s, &marks, 0)), "");
        assert_eq!(text(&name_with_marks("Ali", s, &marks, 8)), "Ali FREE");
        assert_eq!(text(&name_with_marks("Ali", s, &marks, 7)), "Ali +?");
        assert_eq!(text(&name_with_marks("Ali", s, &marks, 5)), "Ali");
        // One mark: kept, the name cut to make room.
        let out = m(None, Some("OUT"));
        assert_eq!(text(&name_with_marks("Rüdiger", s, &out, 10)), "Rüdig… OUT");
        assert_eq!(
            text(&name_with_marks("Alexander-Arnold", s, &out, 11)),
            "Alexan… OUT"
        );
        assert_eq!(
            text(&name_with_marks("Rüdiger", s, &out, 11)),
            "Rüdiger OUT"
        );
    }

    #[test]
    fn highlighted_names_keep_their_marks_too() {
        let out = m(None, Some("c?"));
        let name = vec![
            Span::raw("Lautaro "),
            Span::styled("R", Style::default().bold()),
            Span::raw("ubén Rivero Cruz"),
        ];
        let spans = fit_with_marks(name, &out, 16);
        assert_eq!(text(&spans), "Lautaro Rubé… c?");
        assert_eq!(
            spans[1].style,
            Style::default().bold(),
            "the match stays lit"
        );
    }
}
