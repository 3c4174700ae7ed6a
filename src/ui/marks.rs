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
        // player whose contract has run out is out of contract.
        let c = contract(&p, !is_target, plan.date);
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

impl Marks {
    /// The marks as spans, each led by a space.
    pub fn spans(&self) -> Vec<Span<'static>> {
        let mut out = Vec::new();
        for (text, style) in [&self.injury, &self.contract].into_iter().flatten() {
            if !text.is_empty() {
                out.push(Span::raw(" "));
                out.push(Span::styled(text.clone(), *style));
            }
        }
        out
    }
}

/// The legend the help shows: every mark and what it means.
pub const LEGEND: [(&str, &str); 11] = [
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
        "?",
        "age or position unknown; 22-23 = age range from a report",
    ),
];

/// A name and its marks in `room` columns. The name keeps at least four columns (all of it when
/// shorter); when both cannot fit, the contract mark goes first, then the injury mark (the
/// name's colour still tells), and the name is cut last.
pub fn name_with_marks(name: &str, style: Style, m: &Marks, room: usize) -> Vec<Span<'static>> {
    use super::text::{truncate, width};
    let keep = width(name).min(4);
    let mut kept: Vec<&(String, Style)> = [&m.injury, &m.contract]
        .into_iter()
        .flatten()
        .filter(|(t, _)| !t.is_empty())
        .collect();
    let marks_w = |k: &[&(String, Style)]| k.iter().map(|(t, _)| width(t) + 1).sum::<usize>();
    while !kept.is_empty() && room < keep + marks_w(&kept) {
        kept.pop();
    }
    let name_room = room.saturating_sub(marks_w(&kept));
    let mut out = vec![Span::styled(truncate(name, name_room), style)];
    for (t, st) in kept {
        out.push(Span::raw(" "));
        out.push(Span::styled(t.clone(), *st));
    }
    out
}

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
    fn names_keep_room_and_marks_give_way_in_order() {
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
        assert_eq!(
            text(&name_with_marks("Carvajal", s, &marks, 9)),
            "Carva… +?"
        );
        assert_eq!(text(&name_with_marks("Carvajal", s, &marks, 5)), "Carv…");
        assert_eq!(text(&name_with_marks("Carvajal", s, &marks, 0)), "");
        assert_eq!(text(&name_with_marks("Ali", s, &marks, 7)), "Ali +?");
    }
}
