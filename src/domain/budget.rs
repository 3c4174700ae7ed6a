//! Money per transfer window: what the plan's signings cost (the reported fee, or the fee the
//! plan assumes), what its sales bring in, the net spend and what is left of the window's budget.
//! A fee nobody knows is counted as unknown, never as zero: "£30m + 1 unknown".
//!
//! Pure arithmetic over the plan; the budgets themselves are part of the plan (`Plan::budgets`).

use super::dataset::Dataset;
use super::dates::{season_label, season_of};
use super::money::{Currency, Fee};
use super::plan::{DepartureKind, Plan, Signing};
use super::status::{ContractStatus, contract};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use std::fmt;

pub use super::plan_settings::WindowBudget;

/// The opening of the window a date falls in: 1 July for July to December, else 1 January.
pub fn window_of(date: NaiveDate) -> NaiveDate {
    let month = if date.month() >= 7 { 7 } else { 1 };
    NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
}

/// "summer 2026", "winter 2027".
pub fn window_label(window: NaiveDate) -> String {
    if window.month() >= 7 {
        format!("summer {} ({})", window.year(), season_label(window))
    } else {
        format!(
            "winter {} ({})",
            window.year(),
            season_label(NaiveDate::from_ymd_opt(season_of(window), 7, 1).unwrap_or(window))
        )
    }
}

/// The window a link names ("summer 2025" → 2025-07-01, "winter 2026" → 2026-01-01); `None`
/// for any other wording, which is then shown as written.
pub fn parse_window(text: &str) -> Option<NaiveDate> {
    let mut words = text.split_whitespace();
    let season = words.next()?.to_ascii_lowercase();
    let year: i32 = words.next()?.parse().ok()?;
    if words.next().is_some() {
        return None;
    }
    let month = match season.as_str() {
        "summer" => 7,
        "winter" | "january" => 1,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// A link's window as the plan at `on` sees it: "summer 2025 — past window" once the plan is
/// in a later window, else as written.
pub fn link_window_text(text: &str, on: NaiveDate) -> String {
    match parse_window(text) {
        Some(w) if w < window_of(on) => format!("{text} — past window"),
        _ => text.to_string(),
    }
}

/// What one signing costs as the plan sees it at its date: the one rule every fee total uses
/// (warnings, `scenario show`, exports, compare, money per window).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigningFee {
    /// The fee the plan assumes: it wins over everything else.
    Assumed(Fee),
    /// The fee reported for the link, with the window it was reported for.
    Reported {
        fee: Fee,
        window: Option<String>,
    },
    /// Out of contract at the plan's date: he signs free. What was reported before is kept to
    /// be shown as reported, never counted.
    Free {
        ended: NaiveDate,
        reported: Option<(Fee, Option<String>)>,
    },
    Unknown,
}

impl SigningFee {
    /// The fee for `s` in `plan` at its date.
    pub fn of(ds: &Dataset, plan: &Plan, s: &Signing) -> SigningFee {
        if let Some(f) = s.assumed_fee {
            return SigningFee::Assumed(f);
        }
        let link = ds.link(&s.id);
        let reported = link.and_then(|l| l.fee.map(|f| (f, l.window.clone())));
        let ended =
            ds.player(&s.id)
                .and_then(|p| match contract(&plan.effective(p), false, plan.date) {
                    ContractStatus::FreeAgent { ended } => Some(ended),
                    _ => None,
                });
        match (ended, reported) {
            (Some(ended), reported) => SigningFee::Free { ended, reported },
            (None, Some((fee, window))) => SigningFee::Reported { fee, window },
            (None, None) => SigningFee::Unknown,
        }
    }

    /// What the totals count: a fee, nothing (`Some(None)`: free), or unknown (`None`).
    pub fn counted(&self) -> Option<Option<Fee>> {
        match self {
            SigningFee::Assumed(f) | SigningFee::Reported { fee: f, .. } => Some(Some(*f)),
            SigningFee::Free { .. } => Some(None),
            SigningFee::Unknown => None,
        }
    }

    /// "~£35m, assumed", "~£35m reported for summer 2025", "free at 2026-07-01 (~£35m reported
    /// for summer 2025 — past window)", "fee unknown"; `on` is the plan's date.
    pub fn text(&self, on: NaiveDate) -> String {
        let reported = |fee: &Fee, window: &Option<String>| match window {
            Some(w) => format!("{fee} reported for {}", link_window_text(w, on)),
            None => format!("{fee} reported"),
        };
        match self {
            SigningFee::Assumed(f) => format!("{f}, assumed"),
            SigningFee::Reported { fee, window } => reported(fee, window),
            SigningFee::Free { ended, reported: r } => {
                let mut t = format!("free at {on} (contract ended {ended})");
                if let Some((fee, window)) = r {
                    t = format!("{}; {t}", reported(fee, window));
                }
                t
            }
            SigningFee::Unknown => "fee unknown".into(),
        }
    }
}

/// A sum of fees: known amounts per currency (signed, so a net can go below zero), and how many
/// fees are unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sum {
    pub by_currency: BTreeMap<Currency, i128>,
    pub unknown: usize,
    pub approximate: bool,
}

impl Sum {
    /// Adds a signing's fee: a free transfer adds nothing, an unknown fee counts as unknown.
    pub fn add_signing(&mut self, fee: &SigningFee) {
        match fee.counted() {
            Some(Some(f)) => self.add_fee(Some(f)),
            Some(None) => {}
            None => self.add_fee(None),
        }
    }

    pub fn add_fee(&mut self, fee: Option<Fee>) {
        match fee {
            Some(f) => {
                *self.by_currency.entry(f.currency).or_default() += i128::from(f.amount);
                self.approximate |= f.approximate;
            }
            None => self.unknown += 1,
        }
    }

    /// `self − other`: known amounts subtract per currency, unknowns are carried (an unknown on
    /// either side leaves the net unknown by that much).
    pub fn minus(&self, other: &Sum) -> Sum {
        let mut out = self.clone();
        for (c, a) in &other.by_currency {
            *out.by_currency.entry(*c).or_default() -= a;
        }
        out.unknown += other.unknown;
        out.approximate |= other.approximate;
        out
    }

    /// The known amount in one currency (zero when none).
    pub fn known(&self, c: Currency) -> i128 {
        self.by_currency.get(&c).copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.unknown == 0 && self.by_currency.values().all(|a| *a == 0)
    }
}

fn amount(c: Currency, a: i128, approximate: bool) -> String {
    let fee = Fee {
        amount: u64::try_from(a.unsigned_abs()).unwrap_or(u64::MAX),
        currency: c,
        approximate,
    };
    if a < 0 {
        format!("−{fee}")
    } else {
        fee.to_string()
    }
}

impl fmt::Display for Sum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = self
            .by_currency
            .iter()
            .map(|(c, a)| amount(*c, *a, self.approximate))
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

/// One window's money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowMoney {
    pub window: NaiveDate,
    pub fees_in: Sum,
    pub fees_out: Sum,
    /// In − out.
    pub net: Sum,
    pub budget: Option<Fee>,
}

impl WindowMoney {
    /// The budget less the known net spend in its currency; `None` without a budget. With
    /// unknown fees it is only what the known ones leave.
    pub fn left(&self) -> Option<i128> {
        self.budget
            .map(|b| i128::from(b.amount) - self.net.known(b.currency))
    }

    /// The known net spend already goes past the budget.
    pub fn over_budget(&self) -> bool {
        self.left().is_some_and(|l| l < 0)
    }

    /// "budget £100m · left £20m (+ 1 unknown fee)", or "no budget".
    pub fn budget_text(&self) -> String {
        let (Some(b), Some(left)) = (self.budget, self.left()) else {
            return "no budget".into();
        };
        let mut s = format!(
            "budget {b} · {} {}",
            if left < 0 { "over by" } else { "left" },
            amount(
                b.currency,
                left.abs(),
                self.net.approximate || b.approximate
            )
        );
        if self.net.unknown > 0 {
            let n = self.net.unknown;
            s.push_str(&format!(
                " ({n} unknown fee{})",
                if n == 1 { "" } else { "s" }
            ));
        }
        s
    }

    /// "summer 2026: in £30m + 1 unknown · out £20m · net £10m + 1 unknown · budget …".
    pub fn text(&self) -> String {
        format!(
            "{}: in {} · out {} · net {} · {}{}",
            window_label(self.window),
            self.fees_in,
            self.fees_out,
            self.net,
            self.budget_text(),
            if self.over_budget() {
                " · OVER BUDGET"
            } else {
                ""
            }
        )
    }
}

/// Money per window, in window order: every window the plan moves players in (its planning
/// date's) and every window it holds a budget for.
pub fn per_window(ds: &Dataset, plan: &Plan) -> Vec<WindowMoney> {
    let moves_in = window_of(plan.date);
    let mut windows: Vec<NaiveDate> = plan.budgets.iter().map(|b| window_of(b.window)).collect();
    if !plan.signings.is_empty() || !plan.departures.is_empty() {
        windows.push(moves_in);
    }
    windows.sort();
    windows.dedup();
    windows
        .into_iter()
        .map(|w| {
            let mut fees_in = Sum::default();
            let mut fees_out = Sum::default();
            if w == moves_in {
                for s in &plan.signings {
                    fees_in.add_signing(&SigningFee::of(ds, plan, s));
                }
                // Only a sale brings a fee; a loan may, when the plan gives one.
                for d in &plan.departures {
                    match d.kind {
                        DepartureKind::Sold => fees_out.add_fee(d.fee),
                        DepartureKind::Loaned if d.fee.is_some() => fees_out.add_fee(d.fee),
                        _ => {}
                    }
                }
            }
            let net = fees_in.minus(&fees_out);
            let budget = plan
                .budgets
                .iter()
                .rev()
                .find(|b| window_of(b.window) == w)
                .map(|b| b.amount);
            WindowMoney {
                window: w,
                fees_in,
                fees_out,
                net,
                budget,
            }
        })
        .collect()
}

/// The windows whose known net spend goes past their budget, one line each.
pub fn warnings(ds: &Dataset, plan: &Plan) -> Vec<String> {
    per_window(ds, plan)
        .into_iter()
        .filter(WindowMoney::over_budget)
        .map(|m| {
            format!(
                "over budget in {}: {}",
                window_label(m.window),
                m.budget_text()
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PlayerId;
    use crate::domain::plan::{Departure, Signing};
    use crate::store;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn gbp(m: u64) -> Fee {
        Fee {
            amount: m * 1_000_000,
            currency: Currency::GBP,
            approximate: false,
        }
    }

    /// Written first, to fail on main: Konaté, out of contract at 2026-07-01, still cost his
    /// reported ~£35m in every total, and his link's "summer 2025" was not marked as past.
    #[test]
    fn a_free_agent_signs_free_unless_the_plan_assumes_a_fee() {
        let ds = store::load(None).expect("bundled");
        let konate = PlayerId::new("konate");
        let mut plan = Plan::new(&ds, d(2026, 7, 1));
        plan.signings.push(Signing {
            id: konate.clone(),
            assumed_fee: None,
        });
        let fee = SigningFee::of(&ds, &plan, &plan.signings[0]);
        assert!(matches!(fee, SigningFee::Free { .. }), "{fee:?}");
        assert_eq!(
            fee.text(plan.date),
            "~£35m reported for summer 2025 — past window; free at 2026-07-01 \
             (contract ended 2026-06-30)"
        );
        let money = per_window(&ds, &plan);
        assert_eq!(money[0].fees_in.to_string(), "none");
        assert_eq!(
            crate::domain::warnings::assess(&ds, &plan).fees.to_string(),
            "1 free"
        );
        // The day before his contract ends, the reported fee counts, for its window.
        let mut before = plan.clone();
        before.date = d(2026, 6, 30);
        let fee = SigningFee::of(&ds, &before, &before.signings[0]);
        assert_eq!(
            fee.text(before.date),
            "~£35m reported for summer 2025 — past window"
        );
        assert_eq!(per_window(&ds, &before)[0].fees_in.to_string(), "~£35m");
        // An assumed fee wins over the free transfer.
        plan.signings[0].assumed_fee = Some(gbp(10));
        assert_eq!(per_window(&ds, &plan)[0].fees_in.to_string(), "£10m");
        assert_eq!(
            crate::domain::warnings::assess(&ds, &plan).fees.to_string(),
            "£10m"
        );
        // Windows: past only once the plan is in a later one.
        assert_eq!(parse_window("summer 2025"), Some(d(2025, 7, 1)));
        assert_eq!(parse_window("Winter 2026"), Some(d(2026, 1, 1)));
        assert_eq!(parse_window("next summer"), None);
        assert_eq!(
            link_window_text("summer 2025", d(2025, 8, 31)),
            "summer 2025"
        );
        assert_eq!(
            link_window_text("summer 2025", d(2026, 1, 1)),
            "summer 2025 — past window"
        );
        assert_eq!(link_window_text("soon", d(2030, 1, 1)), "soon");
    }

    #[test]
    fn unknown_fees_are_counted_never_zero_and_over_budget_warns() {
        let ds = store::load(None).expect("bundled");
        let mut plan = Plan::new(&ds, d(2026, 7, 1));
        assert!(per_window(&ds, &plan).is_empty());
        plan.signings.push(Signing {
            id: PlayerId::new("konate"),
            assumed_fee: Some(gbp(30)),
        });
        plan.signings.push(Signing {
            id: PlayerId::new("nobody-knows"),
            assumed_fee: None,
        });
        plan.departures.push(Departure {
            id: PlayerId::new("rudiger"),
            kind: DepartureKind::Sold,
            fee: Some(gbp(10)),
        });
        plan.departures.push(Departure {
            id: PlayerId::new("alaba"),
            kind: DepartureKind::Released,
            fee: None,
        });
        plan.budgets.push(WindowBudget {
            window: d(2026, 7, 1),
            amount: gbp(15),
        });
        plan.budgets.push(WindowBudget {
            window: d(2027, 1, 1),
            amount: gbp(5),
        });
        let m = per_window(&ds, &plan);
        assert_eq!(m.len(), 2);
        assert_eq!(
            m[0].text(),
            "summer 2026 (2026/27): in £30m + 1 unknown · out £10m · net £20m + 1 unknown · \
             budget £15m · over by £5m (1 unknown fee) · OVER BUDGET"
        );
        assert_eq!(
            m[1].text(),
            "winter 2027 (2026/27): in none · out none · net none · budget £5m · left £5m"
        );
        assert_eq!(
            warnings(&ds, &plan),
            ["over budget in summer 2026 (2026/27): budget £15m · over by £5m (1 unknown fee)"]
        );
        plan.budgets[0].amount = gbp(25);
        assert!(warnings(&ds, &plan).is_empty());
        assert!(
            per_window(&ds, &plan)[0]
                .budget_text()
                .starts_with("budget £25m · left £5m")
        );
    }

    #[test]
    fn windows_open_in_january_and_july() {
        assert_eq!(window_of(d(2026, 8, 31)), d(2026, 7, 1));
        assert_eq!(window_of(d(2027, 6, 30)), d(2027, 1, 1));
        assert_eq!(window_of(d(2027, 1, 1)), d(2027, 1, 1));
    }

    fn arb_fee() -> impl Strategy<Value = Option<Fee>> {
        prop::option::of((0u64..200_000_000, 0usize..3, any::<bool>()).prop_map(
            |(amount, c, approximate)| Fee {
                amount,
                currency: [Currency::EUR, Currency::GBP, Currency::USD][c],
                approximate,
            },
        ))
    }

    proptest! {
        #[test]
        fn net_is_in_minus_out_with_unknowns_carried(
            ins in prop::collection::vec(arb_fee(), 0..6),
            outs in prop::collection::vec(arb_fee(), 0..6),
        ) {
            let mut a = Sum::default();
            ins.iter().for_each(|f| a.add_fee(*f));
            let mut b = Sum::default();
            outs.iter().for_each(|f| b.add_fee(*f));
            let net = a.minus(&b);
            for c in [Currency::EUR, Currency::GBP, Currency::USD] {
                let total = |v: &[Option<Fee>]| -> i128 {
                    v.iter().flatten().filter(|f| f.currency == c).map(|f| i128::from(f.amount)).sum()
                };
                prop_assert_eq!(net.known(c), total(&ins) - total(&outs));
            }
            let unknown = |v: &[Option<Fee>]| v.iter().filter(|f| f.is_none()).count();
            prop_assert_eq!(net.unknown, unknown(&ins) + unknown(&outs));
            // An unknown fee is never shown as nothing.
            if net.unknown > 0 {
                let unknown_text = format!("{} unknown", net.unknown);
                prop_assert!(net.to_string().contains(&unknown_text));
            }
        }
    }
}
