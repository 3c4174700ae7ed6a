//! What a plan's XI looks like at its planning date: the warnings beside the pitch and the
//! totals under them.

use super::dataset::Dataset;
use super::dates::season_end;
use super::ids::PlayerId;
use super::money::Currency;
use super::plan::Plan;
use super::position::Position;
use super::status::{Age, ContractStatus, age, availability, contract_status};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// In the XI but injured at the planning date.
    InjuredInXi { id: PlayerId, status: String },
    /// In the XI with a contract ending before the season of the planning date ends.
    ContractEnding {
        id: PlayerId,
        status: ContractStatus,
    },
    /// A position the formation uses with fewer than two fit players in its column.
    ThinCover { pos: Position, fit: usize },
    /// In the XI out of his positions (or with no known position).
    OutOfPosition {
        id: PlayerId,
        slot: &'static str,
        pos: Position,
    },
    /// Slots nobody in the depth chart can take (their keys: "GK", "RCM").
    EmptySlots(Vec<&'static str>),
}

impl Warning {
    pub fn text(&self, ds: &Dataset) -> String {
        let name = |id: &PlayerId| {
            ds.player(id)
                .map_or_else(|| id.to_string(), |p| p.short_name().to_string())
        };
        match self {
            Warning::InjuredInXi { id, status } => format!("{} {status}", name(id)),
            Warning::ContractEnding { id, status } => match status {
                ContractStatus::Expired { ended } => {
                    format!("{}: contract expired {ended}", name(id))
                }
                s => format!(
                    "{}: contract ends {} this season",
                    name(id),
                    s.ends().map_or("?".into(), |d| d.to_string())
                ),
            },
            Warning::ThinCover { pos, fit } => {
                format!("{pos}: only {} fit", plural(*fit, "player"))
            }
            Warning::OutOfPosition { id, slot, pos } => {
                let p = ds.player(id);
                let his = p.map_or("?".into(), |p| p.positions_label());
                format!("{} ({his}) out of position at {slot} ({pos})", name(id))
            }
            Warning::EmptySlots(keys) => {
                format!("{} empty: {}", plural(keys.len(), "slot"), keys.join(" "))
            }
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Fees of the projected signings, per currency, and how many have no known fee.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeeTotal {
    pub by_currency: BTreeMap<Currency, u64>,
    pub unknown: usize,
    pub approximate: bool,
}

impl fmt::Display for FeeTotal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = self
            .by_currency
            .iter()
            .map(|(c, a)| {
                super::money::Fee {
                    amount: *a,
                    currency: *c,
                    approximate: self.approximate,
                }
                .to_string()
            })
            .collect();
        if self.unknown > 0 {
            parts.push(format!("{} unknown", self.unknown));
        }
        if parts.is_empty() {
            parts.push("none".into());
        }
        f.write_str(&parts.join(" + "))
    }
}

/// The XI's ages at the planning date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgeProfile {
    pub known: usize,
    pub unknown: usize,
    pub average: Option<f64>,
    pub youngest: Option<u32>,
    pub oldest: Option<u32>,
    pub over_30: usize,
    pub under_23: usize,
}

impl fmt::Display for AgeProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.average {
            None => f.write_str("no ages known")?,
            Some(avg) => write!(
                f,
                "avg {avg:.1} ({}-{}), {} under 23, {} over 30",
                self.youngest.unwrap_or(0),
                self.oldest.unwrap_or(0),
                self.under_23,
                self.over_30
            )?,
        }
        if self.unknown > 0 {
            write!(f, ", {} unknown", self.unknown)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assessment {
    pub warnings: Vec<Warning>,
    pub fees: FeeTotal,
    pub ages: AgeProfile,
    pub filled: usize,
}

/// Fit to play at the date: available, and still under contract (an expired contract means he
/// has gone unless the plan assumes a renewal).
pub fn fit(ds: &Dataset, plan: &Plan, id: &PlayerId) -> bool {
    let Some(p) = ds.player(id) else { return false };
    let p = plan.effective(p);
    availability(&p, plan.date).is_available()
        && !matches!(
            contract_status(p.contract_until, plan.date),
            ContractStatus::Expired { .. }
        )
        // A target's contract with his current club does not matter once he is signed.
        || (ds.is_target(id) && availability(&p, plan.date).is_available())
}

pub fn assess(ds: &Dataset, plan: &Plan) -> Assessment {
    let on = plan.date;
    let formation = plan.formation();
    let xi = plan.xi();
    let mut out = Assessment::default();
    let mut empty = Vec::new();
    for (slot, pick) in formation.slots().iter().zip(xi.iter()) {
        let Some(id) = pick else {
            empty.push(slot.key);
            continue;
        };
        out.filled += 1;
        let Some(p) = ds.player(id) else { continue };
        let p = plan.effective(p);
        let a = availability(&p, on);
        if !a.is_available() {
            out.warnings.push(Warning::InjuredInXi {
                id: id.clone(),
                status: a.to_string(),
            });
        }
        // Signings come on new contracts; only the squad's own contracts run down.
        if !ds.is_target(id) {
            let c = contract_status(p.contract_until, on);
            if c.ends().is_some_and(|end| end <= season_end(on)) {
                out.warnings.push(Warning::ContractEnding {
                    id: id.clone(),
                    status: c,
                });
            }
        }
        if !p.plays(slot.position) {
            out.warnings.push(Warning::OutOfPosition {
                id: id.clone(),
                slot: slot.label,
                pos: slot.position,
            });
        }
        match age(&p, on) {
            Age::Unknown => out.ages.unknown += 1,
            a => {
                let years = a.low().unwrap_or(0);
                out.ages.known += 1;
                out.ages.youngest = Some(out.ages.youngest.map_or(years, |y| y.min(years)));
                out.ages.oldest = Some(out.ages.oldest.map_or(years, |y| y.max(years)));
                if years > 30 {
                    out.ages.over_30 += 1;
                }
                if years < 23 {
                    out.ages.under_23 += 1;
                }
            }
        }
    }
    if !empty.is_empty() {
        out.warnings.push(Warning::EmptySlots(empty));
    }
    let ages: Vec<u32> = xi
        .iter()
        .flatten()
        .filter_map(|id| ds.player(id))
        .filter_map(|p| age(&plan.effective(p), on).low())
        .collect();
    if !ages.is_empty() {
        out.ages.average = Some(ages.iter().map(|a| *a as f64).sum::<f64>() / ages.len() as f64);
    }
    let mut seen = Vec::new();
    for slot in formation.slots() {
        if seen.contains(&slot.position) {
            continue;
        }
        seen.push(slot.position);
        let fit_count = plan
            .depth
            .column(slot.position)
            .iter()
            .filter(|id| fit(ds, plan, id))
            .count();
        // Only positions someone is planned for: an empty striker column is the empty slot's
        // warning already.
        if fit_count < 2 && !plan.depth.column(slot.position).is_empty() {
            out.warnings.push(Warning::ThinCover {
                pos: slot.position,
                fit: fit_count,
            });
        }
    }
    for s in &plan.signings {
        let fee = s.assumed_fee.or_else(|| ds.link(&s.id).and_then(|l| l.fee));
        match fee {
            Some(f) => {
                // Saturating: fees are data, and no total is worth a panic.
                let total = out.fees.by_currency.entry(f.currency).or_default();
                *total = total.saturating_add(f.amount);
                out.fees.approximate |= f.approximate;
            }
            None => out.fees.unknown += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::formation::Formation;
    use crate::domain::plan::{Assumption, Origin, Place};
    use crate::store;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn id(s: &str) -> PlayerId {
        PlayerId::new(s)
    }

    #[test]
    fn bundled_plan_warns_about_what_a_fan_would() {
        let ds = store::load(None).expect("bundled");
        let plan = Plan::new(&ds, d(2026, 7, 1));
        let a = assess(&ds, &plan);
        let texts: Vec<String> = a.warnings.iter().map(|w| w.text(&ds)).collect();
        // Rüdiger's contract ran out on 30 June 2026 and he is still second CB.
        assert!(
            texts.contains(&"Rüdiger: contract expired 2026-06-30".to_string()),
            "{texts:?}"
        );
        // No goalkeeper in the back-line data.
        assert!(
            texts.contains(&"7 slots empty: GK DM RCM LCM RW ST LW".to_string()),
            "{texts:?}"
        );
        // RB: Alexander-Arnold fit, Carvajal injured and out of contract: one fit player.
        assert!(
            texts.contains(&"RB: only 1 player fit".to_string()),
            "{texts:?}"
        );
        assert_eq!(a.filled, 4);
        assert_eq!(a.fees.to_string(), "none");
        assert_eq!(a.ages.known, 4);
    }

    #[test]
    fn injured_and_out_of_position_in_the_xi_and_fee_totals() {
        let ds = store::load(None).expect("bundled");
        let mut plan = Plan::new(&ds, d(2026, 7, 1));
        let cb = Formation::F433
            .slots()
            .iter()
            .position(|s| s.key == "RCB")
            .expect("slot");
        plan.drop_player(
            &ds,
            &id("militao"),
            Origin::Depth {
                pos: Position::CB,
                index: 2,
            },
            Place::Slot(cb),
        )
        .expect("drop");
        let rb = Formation::F433
            .slots()
            .iter()
            .position(|s| s.key == "RB")
            .expect("slot");
        plan.drop_player(&ds, &id("konate"), Origin::List, Place::Slot(rb))
            .expect("drop");
        plan.drop_player(
            &ds,
            &id("rivero"),
            Origin::List,
            Place::Depth {
                pos: Position::CB,
                index: 9,
            },
        )
        .expect("drop");
        let a = assess(&ds, &plan);
        let texts: Vec<String> = a.warnings.iter().map(|w| w.text(&ds)).collect();
        assert!(
            texts.contains(&"Militão injured (long-term injury), return unknown".to_string()),
            "{texts:?}"
        );
        assert!(
            texts.contains(&"Konaté (CB) out of position at right-back (RB)".to_string()),
            "{texts:?}"
        );
        assert_eq!(a.fees.to_string(), "~£35m + 1 unknown");
        // Assume Militão fit: the injury warning goes.
        plan.assume(Assumption::FitFrom {
            id: id("militao"),
            from: d(2026, 7, 1),
        });
        let texts: Vec<String> = assess(&ds, &plan)
            .warnings
            .iter()
            .map(|w| w.text(&ds))
            .collect();
        assert!(
            !texts.iter().any(|t| t.starts_with("Militão injured")),
            "{texts:?}"
        );
    }

    #[test]
    fn contract_ending_within_the_season_but_not_yet() {
        let ds = store::load(None).expect("bundled");
        // 1 January 2026: Rüdiger's contract ends on 30 June, inside the 2025/26 season.
        let plan = Plan::new(&ds, d(2026, 1, 1));
        let a = assess(&ds, &plan);
        let texts: Vec<String> = a.warnings.iter().map(|w| w.text(&ds)).collect();
        assert!(
            texts.contains(&"Rüdiger: contract ends 2026-06-30 this season".to_string()),
            "{texts:?}"
        );
    }
}
