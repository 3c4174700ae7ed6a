//! Money per transfer window: what the plan's signings cost (the reported fee, or the fee the
//! plan assumes), what its sales bring in, the net spend and what is left of the window's budget.
//! A fee nobody knows is counted as unknown, never as zero: "£30m + 1 unknown".
//!
//! Pure arithmetic over the plan; the budgets themselves are part of the plan (`Plan::budgets`).

use super::dataset::Dataset;
use super::dates::{season_label, season_of};
use super::money::{Currency, Fee};
use super::plan::{DepartureKind, Plan};
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

/// A sum of fees: known amounts per currency (signed, so a net can go below zero), and how many
/// fees are unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sum {
    pub by_currency: BTreeMap<Currency, i128>,
    pub unknown: usize,
    pub approximate: bool,
}

impl Sum {
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
                    fees_in.add_fee(s.assumed_fee.or_else(|| ds.link(&s.id).and_then(|l| l.fee)));
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
