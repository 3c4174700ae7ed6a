//! Two plans side by side: what a second scenario changes against a first.

use super::dataset::Dataset;
use super::formation::Formation;
use super::ids::PlayerId;
use super::money::Fee;
use super::plan::{Assumption, Departure, Plan, Signing};
use super::scenario::{long_date, short_name};
use super::warnings::{AgeProfile, FeeTotal, Warning, assess};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Who a slot holds in one plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotPick {
    /// The plan's formation has no slot of this key.
    NoSlot,
    Empty,
    Player(PlayerId),
}

/// A slot (by key) that holds someone else in `b` than in `a`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotChange {
    pub key: &'static str,
    pub a: SlotPick,
    pub b: SlotPick,
}

/// A signing both plans make, at different assumed fees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeChange {
    pub id: PlayerId,
    pub a: Option<Fee>,
    pub b: Option<Fee>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub formations: (Formation, Formation),
    pub dates: (NaiveDate, NaiveDate),
    /// Slots whose player differs, `a`'s formation order first, then slots only `b` has.
    pub slots: Vec<SlotChange>,
    /// In `b`'s XI and not in `a`'s, and the other way round (whatever the slot).
    pub xi_in: Vec<PlayerId>,
    pub xi_out: Vec<PlayerId>,
    pub signings_added: Vec<Signing>,
    pub signings_removed: Vec<Signing>,
    /// What each added signing costs in `b` at its date, as text ("free at 2026-07-01 …").
    pub added_fees: Vec<(PlayerId, String)>,
    pub fee_changes: Vec<FeeChange>,
    pub departures_added: Vec<Departure>,
    pub departures_removed: Vec<Departure>,
    /// The same player leaves in both, in a different way or for a different fee: (`a`, `b`).
    pub departures_changed: Vec<(Departure, Departure)>,
    pub assumptions_added: Vec<Assumption>,
    pub assumptions_removed: Vec<Assumption>,
    pub fees: (FeeTotal, FeeTotal),
    pub ages: (AgeProfile, AgeProfile),
    /// Warnings `b` has and `a` has not, and the other way round.
    pub warnings_added: Vec<Warning>,
    pub warnings_gone: Vec<Warning>,
    /// Short names for every player either plan draws or the changes name, namesakes told
    /// apart ("M. Zárate") as the board tells them apart.
    pub names: HashMap<PlayerId, String>,
}

fn pick(formation: Formation, xi: &[Option<PlayerId>; 11], key: &str) -> SlotPick {
    match formation.slots().iter().position(|s| s.key == key) {
        None => SlotPick::NoSlot,
        Some(i) => xi[i].clone().map_or(SlotPick::Empty, SlotPick::Player),
    }
}

fn only_in<T: Clone>(xs: &[T], ys: &[T], same: impl Fn(&T, &T) -> bool) -> Vec<T> {
    xs.iter()
        .filter(|x| !ys.iter().any(|y| same(x, y)))
        .cloned()
        .collect()
}

use super::budget::SigningFee;

pub fn compare(ds: &Dataset, a: &Plan, b: &Plan) -> Comparison {
    let (fa, fb) = (a.formation(), b.formation());
    let (xa, xb) = (a.xi(ds), b.xi(ds));
    let mut keys: Vec<&'static str> = fa.slots().iter().map(|s| s.key).collect();
    for s in fb.slots() {
        if !keys.contains(&s.key) {
            keys.push(s.key);
        }
    }
    let slots = keys
        .into_iter()
        .filter_map(|key| {
            let (pa, pb) = (pick(fa, &xa, key), pick(fb, &xb, key));
            (pa != pb).then_some(SlotChange { key, a: pa, b: pb })
        })
        .collect();
    let in_a: Vec<PlayerId> = xa.iter().flatten().cloned().collect();
    let in_b: Vec<PlayerId> = xb.iter().flatten().cloned().collect();

    let fee_changes = a
        .signings
        .iter()
        .filter_map(|sa| {
            let sb = b.signings.iter().find(|sb| sb.id == sa.id)?;
            (sa.assumed_fee != sb.assumed_fee).then(|| FeeChange {
                id: sa.id.clone(),
                a: sa.assumed_fee,
                b: sb.assumed_fee,
            })
        })
        .collect();
    let departures_changed = a
        .departures
        .iter()
        .filter_map(|da| {
            let db = b.departures.iter().find(|db| db.id == da.id)?;
            (da != db).then(|| (da.clone(), db.clone()))
        })
        .collect();

    let (sa, sb) = (assess(ds, a), assess(ds, b));
    let mut c = Comparison {
        formations: (fa, fb),
        dates: (a.date, b.date),
        slots,
        xi_in: only_in(&in_b, &in_a, PartialEq::eq),
        xi_out: only_in(&in_a, &in_b, PartialEq::eq),
        signings_added: only_in(&b.signings, &a.signings, |x, y| x.id == y.id),
        added_fees: b
            .signings
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    SigningFee::of(ds, b, s).text(&b.money, b.date),
                )
            })
            .collect(),
        signings_removed: only_in(&a.signings, &b.signings, |x, y| x.id == y.id),
        fee_changes,
        departures_added: only_in(&b.departures, &a.departures, |x, y| x.id == y.id),
        departures_removed: only_in(&a.departures, &b.departures, |x, y| x.id == y.id),
        departures_changed,
        assumptions_added: only_in(&b.assumptions, &a.assumptions, PartialEq::eq),
        assumptions_removed: only_in(&a.assumptions, &b.assumptions, PartialEq::eq),
        warnings_added: only_in(&sb.warnings, &sa.warnings, Warning::same),
        warnings_gone: only_in(&sa.warnings, &sb.warnings, Warning::same),
        fees: (sa.fees, sb.fees),
        ages: (sa.ages, sb.ages),
        names: HashMap::new(),
    };
    let (xa, xb) = (a.xi(ds), b.xi(ds));
    let drawn = [a, b].into_iter().flat_map(|p| {
        p.depth
            .players()
            .chain(p.signings.iter().map(|s| &s.id))
            .chain(p.departures.iter().map(|d| &d.id))
    });
    c.names = ds.distinct_short_names(
        drawn
            .chain(xa.iter().chain(&xb).flatten())
            .chain(c.players()),
    );
    c
}

impl Comparison {
    /// Nothing a reader would see differs (dates, formation, XI, moves, assumptions).
    pub fn is_same(&self) -> bool {
        self.formations.0 == self.formations.1
            && self.dates.0 == self.dates.1
            && self.slots.is_empty()
            && self.signings_added.is_empty()
            && self.signings_removed.is_empty()
            && self.fee_changes.is_empty()
            && self.departures_added.is_empty()
            && self.departures_removed.is_empty()
            && self.departures_changed.is_empty()
            && self.assumptions_added.is_empty()
            && self.assumptions_removed.is_empty()
    }

    /// Every player the comparison names.
    pub fn players(&self) -> impl Iterator<Item = &PlayerId> {
        let picks = self
            .slots
            .iter()
            .flat_map(|s| [&s.a, &s.b])
            .filter_map(|p| match p {
                SlotPick::Player(id) => Some(id),
                SlotPick::NoSlot | SlotPick::Empty => None,
            });
        picks
            .chain(&self.xi_in)
            .chain(&self.xi_out)
            .chain(self.signings_added.iter().map(|s| &s.id))
            .chain(self.signings_removed.iter().map(|s| &s.id))
            .chain(self.fee_changes.iter().map(|c| &c.id))
            .chain(self.departures_added.iter().map(|d| &d.id))
            .chain(self.departures_removed.iter().map(|d| &d.id))
            .chain(self.departures_changed.iter().map(|(d, _)| &d.id))
            .chain(self.assumptions_added.iter().map(Assumption::player))
            .chain(self.assumptions_removed.iter().map(Assumption::player))
            .chain(self.warnings_added.iter().flat_map(Warning::players))
            .chain(self.warnings_gone.iter().flat_map(Warning::players))
    }

    /// A player's name in the comparison: namesakes told apart (see [`Comparison::names`]).
    pub fn name(&self, ds: &Dataset, id: &PlayerId) -> String {
        self.names
            .get(id)
            .cloned()
            .unwrap_or_else(|| short_name(ds, id))
    }

    /// The comparison as text lines, `a → b`, for the command line and the board.
    pub fn lines(&self, ds: &Dataset) -> Vec<String> {
        let names = &self.names;
        let name = |id: &PlayerId| self.name(ds, id);
        let pick = |p: &SlotPick| match p {
            SlotPick::NoSlot => "(no such slot)".to_string(),
            SlotPick::Empty => "nobody".to_string(),
            SlotPick::Player(id) => name(id),
        };
        let fee = |f: &Option<Fee>| f.map_or("reported fee".to_string(), |f| f.to_string());
        let list = |ids: &mut dyn Iterator<Item = String>| ids.collect::<Vec<_>>().join(", ");
        let mut out = Vec::new();
        if self.is_same() {
            out.push("No differences.".to_string());
        }
        let (fa, fb) = self.formations;
        if fa != fb {
            out.push(format!("Formation: {fa} → {fb}"));
        }
        let (da, db) = self.dates;
        if da != db {
            out.push(format!(
                "Planning date: {} → {}",
                long_date(da),
                long_date(db)
            ));
        }
        if !self.slots.is_empty() {
            out.push("XI:".to_string());
            for s in &self.slots {
                out.push(format!("  {:<4} {} → {}", s.key, pick(&s.a), pick(&s.b)));
            }
        }
        if !self.xi_in.is_empty() || !self.xi_out.is_empty() {
            let ins = list(&mut self.xi_in.iter().map(|id| format!("+{}", name(id))));
            let outs = list(&mut self.xi_out.iter().map(|id| format!("−{}", name(id))));
            let both: Vec<String> = [ins, outs].into_iter().filter(|s| !s.is_empty()).collect();
            out.push(format!("In and out of the XI: {}", both.join(", ")));
        }
        for s in &self.signings_added {
            let f = self
                .added_fees
                .iter()
                .find(|(id, _)| *id == s.id)
                .map_or("fee unknown", |(_, t)| t.as_str());
            out.push(format!("Signing added: {} ({f})", name(&s.id)));
        }
        for s in &self.signings_removed {
            out.push(format!("Signing removed: {}", name(&s.id)));
        }
        for c in &self.fee_changes {
            out.push(format!(
                "Assumed fee for {}: {} → {}",
                name(&c.id),
                fee(&c.a),
                fee(&c.b)
            ));
        }
        for d in &self.departures_added {
            out.push(format!(
                "Departure added: {} ({})",
                name(&d.id),
                d.kind.label()
            ));
        }
        for d in &self.departures_removed {
            out.push(format!(
                "Departure removed: {} ({})",
                name(&d.id),
                d.kind.label()
            ));
        }
        for (x, y) in &self.departures_changed {
            out.push(format!(
                "Departure of {}: {} → {}",
                name(&x.id),
                x.kind.label(),
                y.kind.label()
            ));
        }
        for a in &self.assumptions_added {
            out.push(format!(
                "Assumption added: {}",
                a.describe(&name(a.player()))
            ));
        }
        for a in &self.assumptions_removed {
            out.push(format!(
                "Assumption removed: {}",
                a.describe(&name(a.player()))
            ));
        }
        for w in &self.warnings_added {
            out.push(format!("New warning: {}", w.text_named(ds, names)));
        }
        for w in &self.warnings_gone {
            out.push(format!("Warning gone: {}", w.text_named(ds, names)));
        }
        let change = |a: String, b: String| {
            if a == b {
                format!("{a} (unchanged)")
            } else {
                format!("{a} → {b}")
            }
        };
        out.push(format!(
            "Fees: {}",
            change(self.fees.0.to_string(), self.fees.1.to_string())
        ));
        out.push(format!(
            "XI ages: {}",
            change(self.ages.0.to_string(), self.ages.1.to_string())
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Position;
    use crate::domain::money::Currency;
    use crate::domain::plan::{DepartureKind, Origin, Place};
    use crate::store;

    fn ds() -> Dataset {
        store::load(None).expect("bundled")
    }

    fn id(s: &str) -> PlayerId {
        PlayerId::new(s)
    }

    fn base(ds: &Dataset) -> Plan {
        Plan::new(ds, NaiveDate::from_ymd_opt(2026, 7, 1).expect("date"))
    }

    fn slot(f: Formation, key: &str) -> usize {
        f.slots().iter().position(|s| s.key == key).expect("slot")
    }

    /// `plan` with Konaté dropped on the right CB slot (a signing).
    fn konate_at_rcb(ds: &Dataset, plan: &Plan) -> Plan {
        let mut b = plan.clone();
        b.drop_player(
            ds,
            &id("konate"),
            Origin::List,
            Place::Slot(slot(Formation::F433, "RCB")),
        )
        .expect("drop");
        b
    }

    #[test]
    fn a_plan_compared_with_itself_has_no_differences() {
        let ds = ds();
        let a = base(&ds);
        let c = compare(&ds, &a, &a);
        assert!(c.is_same());
        assert!(c.slots.is_empty() && c.xi_in.is_empty() && c.warnings_added.is_empty());
        let lines = c.lines(&ds);
        assert_eq!(lines[0], "No differences.");
        assert_eq!(lines[1], "Fees: none (unchanged)");
    }

    /// Signing Konaté moves the out-of-contract Rüdiger and Alaba one row down the CB column:
    /// the same warning (the same players out of contract since the same day), not a new one
    /// and a gone one.
    #[test]
    fn moved_places_are_no_new_out_of_contract_warning() {
        let ds = ds();
        let a = base(&ds);
        let mut b = konate_at_rcb(&ds, &a);
        let (wa, wb) = (assess(&ds, &a).warnings, assess(&ds, &b).warnings);
        let ooc = |w: &[Warning]| {
            w.iter()
                .find(|w| matches!(w, Warning::OutOfContract { .. }))
                .cloned()
                .expect("out of contract")
        };
        // The places name columns, not ranks (as the chart draws them): equal in both.
        assert_eq!(ooc(&wa), ooc(&wb));
        let c = compare(&ds, &a, &b);
        let lines = c.lines(&ds);
        assert!(
            !lines.iter().any(|l| l.contains("out of contract since")),
            "{lines:#?}"
        );
        // A renewal takes a player off it: that is a change, and says so.
        b.assume(crate::domain::plan::Assumption::Renews {
            window: None,
            id: id("rudiger"),
            until: NaiveDate::from_ymd_opt(2028, 6, 30).expect("date"),
        });
        let lines = compare(&ds, &a, &b).lines(&ds);
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("Warning gone: out of contract since")),
            "{lines:#?}"
        );
    }

    #[test]
    fn signing_konate_for_rudiger() {
        let ds = ds();
        let a = base(&ds);
        let mut b = konate_at_rcb(&ds, &a);
        b.depart(&ds, &id("rudiger"), DepartureKind::ContractNotRenewed)
            .expect("depart");
        let c = compare(&ds, &a, &b);
        assert!(!c.is_same());
        assert_eq!(
            c.slots,
            vec![
                SlotChange {
                    key: "RCB",
                    a: SlotPick::Player(id("huijsen")),
                    b: SlotPick::Player(id("konate")),
                },
                SlotChange {
                    key: "LCB",
                    a: SlotPick::Player(id("militao")),
                    b: SlotPick::Player(id("huijsen")),
                },
            ]
        );
        assert_eq!(c.xi_in, vec![id("konate")]);
        // Rüdiger, out of contract on 1 July 2026, was not in `a`'s XI: Militão was.
        assert_eq!(c.xi_out, vec![id("militao")]);
        assert_eq!(c.signings_added.len(), 1);
        assert!(c.signings_removed.is_empty());
        assert_eq!(c.departures_added[0].id, id("rudiger"));
        assert_eq!(c.fees.0.to_string(), "none");
        // Konaté's Liverpool contract ended on 2026-06-30: at 1 July he signs free.
        assert_eq!(c.fees.1.to_string(), "1 free");
        // Rüdiger's ended contract was in a warning in `a`; it is gone in `b`.
        let gone: Vec<String> = c.warnings_gone.iter().map(|w| w.text(&ds)).collect();
        assert!(
            gone.iter()
                .any(|w| w.starts_with("out of contract since 2026-06-30")
                    && w.contains("Rüdiger (CB)")),
            "{gone:?}"
        );
        assert_ne!(c.ages.0, c.ages.1);
        let text = c.lines(&ds).join("\n");
        assert!(text.contains("  RCB  Huijsen → Konaté"), "{text}");
        assert!(
            text.contains("In and out of the XI: +Konaté, −Militão"),
            "{text}"
        );
        assert!(
            text.contains(
                "Signing added: Konaté (~£35m (~€40.6m at 1.16) reported for summer 2025 — \
                 past window; free in summer 2026 (contract ended 2026-06-30))"
            ),
            "{text}"
        );
        assert!(
            text.contains("Departure added: Rüdiger (contract not renewed)"),
            "{text}"
        );
        assert!(text.contains("Fees: none → 1 free"), "{text}");
        // The other way round, the same moves read as removals.
        let back = compare(&ds, &b, &a);
        assert_eq!(back.signings_removed.len(), 1);
        assert_eq!(back.departures_removed.len(), 1);
        assert_eq!(back.xi_in, vec![id("militao")]);
    }

    #[test]
    fn formations_dates_fees_departures_and_assumptions() {
        let ds = ds();
        let mut a = base(&ds);
        a.drop_player(
            &ds,
            &id("konate"),
            Origin::List,
            Place::Depth {
                pos: Position::CB,
                index: 9,
            },
        )
        .expect("drop");
        a.depart(&ds, &id("alaba"), DepartureKind::Sold)
            .expect("depart");
        let mut b = a.clone();
        b.depth.formation = Formation::F352;
        b.date = NaiveDate::from_ymd_opt(2026, 9, 1).expect("date");
        b.signings[0].assumed_fee = Some(Fee {
            amount: 40_000_000,
            currency: Currency::GBP,
            approximate: false,
        });
        b.departures[0].kind = DepartureKind::Loaned;
        b.assume(Assumption::FitFrom {
            id: id("militao"),
            from: NaiveDate::from_ymd_opt(2026, 8, 1).expect("date"),
        });
        let c = compare(&ds, &a, &b);
        assert_eq!(c.formations, (Formation::F433, Formation::F352));
        // 3-5-2 has a centre CB, which 4-3-3 has not; 4-3-3's full-backs have no slot in 3-5-2.
        let ccb = c.slots.iter().find(|s| s.key == "CCB").expect("CCB");
        assert_eq!(ccb.a, SlotPick::NoSlot);
        let rb = c.slots.iter().find(|s| s.key == "RB").expect("RB");
        assert_eq!(rb.b, SlotPick::NoSlot);
        assert_eq!(c.fee_changes.len(), 1);
        assert_eq!(c.fee_changes[0].a, None);
        assert_eq!(c.departures_changed.len(), 1);
        assert_eq!(c.assumptions_added.len(), 1);
        // £40m at the plan's assumed 1.16.
        assert_eq!(c.fees.1.to_string(), "€46.4m");
        let text = c.lines(&ds).join("\n");
        assert!(text.contains("Formation: 4-3-3 → 3-5-2"), "{text}");
        assert!(
            text.contains("Planning date: 1 July 2026 → 1 September 2026"),
            "{text}"
        );
        assert!(
            text.contains("Assumed fee for Konaté: reported fee → £40m"),
            "{text}"
        );
        assert!(
            text.contains("Departure of Alaba: sold → loaned out"),
            "{text}"
        );
        assert!(
            text.contains("Assumption added: Militão fit from 2026-08-01"),
            "{text}"
        );
    }
}
