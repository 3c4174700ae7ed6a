//! Money per transfer window, in the plan's one currency: what the signings of each window cost
//! (the reported fee, or the fee the plan assumes), what its sales bring in, the net spend and
//! what is left of the window's budget. Every fee keeps the currency it was reported or typed in
//! and is counted at the plan's rate; a fee nobody knows (or in a currency the plan has no rate
//! for) is counted as unknown, never as zero: "€30m + 1 unknown".
//!
//! Pure arithmetic over the whole plan (every window's moves, not one date's); the budgets and
//! rates themselves are part of the plan (`Plan::budgets`, `Plan::money`).

use super::dataset::Dataset;
use super::money::{Converted, Fee, MoneySettings, Total};
use super::plan::{Departure, DepartureKind, Plan, Signing};
use super::status::{ContractStatus, contract};
use super::window::Window;
use chrono::NaiveDate;
use std::fmt;

pub use super::plan_settings::WindowBudget;

/// The opening of the window a date falls in: 1 July for July to December, else 1 January.
pub fn window_of(date: NaiveDate) -> NaiveDate {
    Window::of(date).opens()
}

/// "summer 2026 (2026/27)", "winter 2027 (2026/27)".
pub fn window_label(window: Window) -> String {
    window.long_label()
}

/// The window a link names ("summer 2025", "winter 2026"); `None` for any other wording, which
/// is then shown as written.
pub fn parse_window(text: &str) -> Option<Window> {
    text.parse().ok()
}

/// A link's window as the plan at `on` sees it: "summer 2025 — past window" once the plan is
/// in a later window, else as written.
pub fn link_window_text(text: &str, on: NaiveDate) -> String {
    match parse_window(text) {
        Some(w) if w < Window::of(on) => format!("{text} — past window"),
        _ => text.to_string(),
    }
}

/// What one signing costs: the one rule every fee total uses (warnings, `scenario show`,
/// exports, compare, money per window, the seasons' amortisation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigningFee {
    /// The fee the plan assumes: it wins over everything else.
    Assumed(Fee),
    /// The fee reported for the link, with the window it was reported for.
    Reported {
        fee: Fee,
        window: Option<String>,
    },
    /// No fee reported, none assumed: his market value (a pool's), counted as an estimate.
    Estimated(Fee),
    /// Out of contract when his window opens: he signs free. What was reported before is kept
    /// to be shown as reported, never counted.
    Free {
        ended: NaiveDate,
        joins: NaiveDate,
        reported: Option<(Fee, Option<String>)>,
    },
    Unknown,
}

impl SigningFee {
    /// The fee for `s`, who joins when his window opens.
    pub fn of(ds: &Dataset, _plan: &Plan, s: &Signing) -> SigningFee {
        if let Some(f) = s.assumed_fee {
            return SigningFee::Assumed(f);
        }
        let link = ds.link(&s.id);
        let reported = link.and_then(|l| l.fee.map(|f| (f, l.window.clone())));
        let joins = s.window.opens();
        // His old club's contract as the data has it (the plan's new one starts on the day).
        let ended = ds
            .player(&s.id)
            .and_then(|p| match contract(p, false, joins) {
                ContractStatus::FreeAgent { ended } => Some(ended),
                _ => None,
            });
        match (ended, reported) {
            (Some(ended), reported) => SigningFee::Free {
                ended,
                joins,
                reported,
            },
            (None, Some((fee, window))) => SigningFee::Reported { fee, window },
            (None, None) => match ds.player(&s.id).and_then(|p| p.market_value) {
                Some(v) => SigningFee::Estimated(v),
                None => SigningFee::Unknown,
            },
        }
    }

    /// What the totals count: a fee, nothing (`Some(None)`: free), or unknown (`None`).
    pub fn counted(&self) -> Option<Option<Fee>> {
        match self {
            SigningFee::Assumed(f)
            | SigningFee::Reported { fee: f, .. }
            | SigningFee::Estimated(f) => Some(Some(*f)),
            SigningFee::Free { .. } => Some(None),
            SigningFee::Unknown => None,
        }
    }

    /// The fee in the plan's currency: `Some(None)` free, `None` unknown (no fee, or no rate).
    pub fn converted(&self, money: &MoneySettings) -> Option<Option<Converted>> {
        match self.counted()? {
            Some(f) => money.convert(f).map(Some),
            None => Some(None),
        }
    }

    /// "~£35m (~€40.6m at 1.16), assumed", "~£35m reported for summer 2025", "free in summer
    /// 2026 (contract ended 2026-06-30; ~£35m reported for summer 2025 — past window)", "fee
    /// unknown"; `on` is the date the plan is seen at.
    pub fn text(&self, money: &MoneySettings, on: NaiveDate) -> String {
        let reported = |fee: &Fee, window: &Option<String>| match window {
            Some(w) => format!(
                "{} reported for {}",
                money.fee_text(*fee),
                link_window_text(w, on)
            ),
            None => format!("{} reported", money.fee_text(*fee)),
        };
        match self {
            SigningFee::Assumed(f) => format!("{}, assumed", money.fee_text(*f)),
            SigningFee::Estimated(f) => {
                format!("{} market value, an estimate", money.fee_text(*f))
            }
            SigningFee::Reported { fee, window } => reported(fee, window),
            SigningFee::Free {
                ended,
                joins,
                reported: r,
            } => {
                let mut t = format!("free in {} (contract ended {ended})", Window::of(*joins));
                if let Some((fee, window)) = r {
                    t = format!("{}; {t}", reported(fee, window));
                }
                t
            }
            SigningFee::Unknown => "fee unknown".into(),
        }
    }
}

/// What a departure brings in: a sale's fee, or a loan's when the plan gives one. `None` when
/// it brings nothing; `Some(None)` when a fee is due but unknown.
pub fn departure_fee(d: &Departure) -> Option<Option<Fee>> {
    match d.kind {
        DepartureKind::Sold => Some(d.fee),
        DepartureKind::Loaned if d.fee.is_some() => Some(d.fee),
        _ => None,
    }
}

/// One window's money, every amount in the plan's currency.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowMoney {
    pub window: Window,
    pub fees_in: Total,
    pub fees_out: Total,
    /// In − out.
    pub net: Total,
    /// Signings who come free in this window.
    pub free: usize,
    /// Departures that bring a fee (sold, or loaned for one), known or not.
    pub sales: usize,
    /// The budget as set, in the currency it was set in.
    pub budget: Option<Fee>,
    /// The budget in the plan's currency (`None` with no rate for its currency).
    pub budget_converted: Option<Converted>,
    pub money: MoneySettings,
}

impl WindowMoney {
    /// The budget less the known net spend; `None` without a budget (or a rate for it). With
    /// unknown fees it is only what the known ones leave.
    pub fn left(&self) -> Option<i128> {
        self.budget_converted
            .map(|b| b.amount.saturating_sub(self.net.amount))
    }

    /// The known net spend already goes past the budget.
    pub fn over_budget(&self) -> bool {
        self.left().is_some_and(|l| l < 0)
    }

    /// "budget €50m · over by €31.2m (1 unknown fee)", or "no budget".
    pub fn budget_text(&self) -> String {
        let Some(b) = self.budget else {
            return "no budget".into();
        };
        let (Some(bc), Some(left)) = (self.budget_converted, self.left()) else {
            return format!("budget {}", self.money.fee_text(b));
        };
        let shown = if b.currency == self.money.currency {
            b.to_string()
        } else {
            self.money.fee_text(b)
        };
        let mut s = format!(
            "budget {shown} · {} {}",
            if left < 0 { "over by" } else { "left" },
            self.money
                .amount_text(left.abs(), self.net.approximate || bc.approximate)
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

    /// "summer 2026 (2026/27): in €30m + 1 unknown · out €20m · net €10m + 1 unknown · …".
    pub fn text(&self) -> String {
        let free = if self.free > 0 {
            format!(" ({} free)", self.free)
        } else {
            String::new()
        };
        format!(
            "{}: in {}{free} · out {} · net {} · {}{}",
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

/// The budget the plan sets for `window`, if any.
pub fn budget_for(plan: &Plan, window: Window) -> Option<Fee> {
    plan.budgets
        .iter()
        .rev()
        .find(|b| b.window == window)
        .map(|b| b.amount)
}

/// Money per window of the whole plan, in window order: every window it moves players in and
/// every window it holds a budget for.
pub fn per_window(ds: &Dataset, plan: &Plan) -> Vec<WindowMoney> {
    let mut windows: Vec<Window> = plan.budgets.iter().map(|b| b.window).collect();
    windows.extend(plan.signings.iter().map(|s| s.window));
    windows.extend(plan.departures.iter().map(|d| d.window));
    windows.sort();
    windows.dedup();
    let money = &plan.money;
    windows
        .into_iter()
        .map(|w| {
            let mut fees_in = Total::zero(money.currency);
            let mut fees_out = Total::zero(money.currency);
            let (mut free, mut sales) = (0, 0);
            for s in plan.signings.iter().filter(|s| s.window == w) {
                match SigningFee::of(ds, plan, s).converted(money) {
                    Some(Some(c)) => fees_in.add(Some(c)),
                    Some(None) => free += 1,
                    None => fees_in.add(None),
                }
            }
            for d in plan.departures.iter().filter(|d| d.window == w) {
                if let Some(fee) = departure_fee(d) {
                    sales += 1;
                    fees_out.add(fee.and_then(|f| money.convert(f)));
                }
            }
            let net = fees_in.minus(&fees_out);
            let budget = budget_for(plan, w);
            WindowMoney {
                window: w,
                fees_in,
                fees_out,
                net,
                free,
                sales,
                budget,
                budget_converted: budget.and_then(|b| money.convert(b)),
                money: money.clone(),
            }
        })
        .collect()
}

/// The whole plan's net spend over every window, in its currency.
pub fn net_total(ds: &Dataset, plan: &Plan) -> Total {
    per_window(ds, plan)
        .iter()
        .fold(Total::zero(plan.money.currency), |t, m| t.plus(&m.net))
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

impl fmt::Display for WindowMoney {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PlayerId;
    use crate::domain::money::Currency;
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

    fn eur(m: u64) -> Fee {
        Fee {
            amount: m * 1_000_000,
            currency: Currency::EUR,
            approximate: false,
        }
    }

    fn signing(id: &str, window: Window, fee: Option<Fee>) -> Signing {
        Signing {
            id: PlayerId::new(id),
            window,
            assumed_fee: fee,
            contract_years: None,
            loan: false,
        }
    }

    fn sale(id: &str, window: Window, kind: DepartureKind, fee: Option<Fee>) -> Departure {
        Departure {
            id: PlayerId::new(id),
            kind,
            window,
            fee,
        }
    }

    /// Konaté, out of contract when summer 2026 opens, signs free then; in winter 2026 (his
    /// contract still running) his reported ~£35m counts, at the plan's rate.
    #[test]
    fn a_free_agent_signs_free_unless_the_plan_assumes_a_fee() {
        let ds = store::load(None).expect("bundled");
        let mut plan = Plan::new(&ds, d(2026, 7, 1));
        plan.signings
            .push(signing("konate", Window::summer(2026), None));
        let fee = SigningFee::of(&ds, &plan, &plan.signings[0]);
        assert!(matches!(fee, SigningFee::Free { .. }), "{fee:?}");
        assert_eq!(
            fee.text(&plan.money, plan.date),
            "~£35m (~€40.6m at 1.16) reported for summer 2025 — past window; free in summer \
             2026 (contract ended 2026-06-30)"
        );
        let money = per_window(&ds, &plan);
        assert_eq!(money[0].fees_in.to_string(), "€0");
        assert_eq!(money[0].free, 1);
        assert_eq!(
            crate::domain::warnings::assess(&ds, &plan).fees.to_string(),
            "1 free"
        );
        // Signed in winter 2026, before his contract ends: the reported fee counts.
        let mut early = plan.clone();
        early.signings[0].window = Window::winter(2026);
        let fee = SigningFee::of(&ds, &early, &early.signings[0]);
        assert_eq!(
            fee.text(&early.money, d(2026, 1, 1)),
            "~£35m (~€40.6m at 1.16) reported for summer 2025 — past window"
        );
        assert_eq!(per_window(&ds, &early)[0].fees_in.to_string(), "~€40.6m");
        // An assumed fee wins over the free transfer.
        plan.signings[0].assumed_fee = Some(gbp(10));
        assert_eq!(per_window(&ds, &plan)[0].fees_in.to_string(), "€11.6m");
        assert_eq!(
            crate::domain::warnings::assess(&ds, &plan).fees.to_string(),
            "€11.6m"
        );
        // Windows: past only once the plan is in a later one.
        assert_eq!(parse_window("summer 2025"), Some(Window::summer(2025)));
        assert_eq!(parse_window("Winter 2026"), Some(Window::winter(2026)));
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

    /// Issue 22: every move counts in its own window, every amount in the plan's currency.
    #[test]
    fn each_window_holds_its_own_moves_in_one_currency() {
        let ds = store::load(None).expect("bundled");
        let mut plan = Plan::new(&ds, d(2026, 7, 1));
        plan.signings
            .push(signing("rivero", Window::summer(2026), Some(eur(30))));
        plan.signings
            .push(signing("romero", Window::summer(2027), Some(gbp(50))));
        plan.departures.push(sale(
            "rodrygo",
            Window::summer(2027),
            DepartureKind::Sold,
            Some(gbp(70)),
        ));
        plan.budgets.push(WindowBudget {
            window: Window::summer(2027),
            amount: eur(50),
        });
        let m = per_window(&ds, &plan);
        assert_eq!(
            m.iter().map(|w| w.window).collect::<Vec<_>>(),
            [Window::summer(2026), Window::summer(2027)]
        );
        assert_eq!(m[0].fees_in.to_string(), "€30m");
        // £50m in at 1.16 is €58m; £70m out is €81.2m: net −€23.2m, under a €50m budget.
        assert_eq!(
            m[1].text(),
            "summer 2027 (2027/28): in €58m · out €81.2m · net −€23.2m · budget €50m · left \
             €73.2m"
        );
        assert!(!m[1].over_budget());
        // The £70m sale is what keeps summer 2027 in budget: without it, €8m over.
        plan.departures.clear();
        assert_eq!(
            per_window(&ds, &plan)[1].budget_text(),
            "budget €50m · over by €8m"
        );
        // Changing the rate changes the verdict.
        plan.money.set_rate(Currency::GBP, 0.9).expect("rate");
        assert_eq!(
            per_window(&ds, &plan)[1].budget_text(),
            "budget €50m · left €5m"
        );
        assert_eq!(net_total(&ds, &plan).to_string(), "€75m");
    }

    #[test]
    fn unknown_fees_are_counted_never_zero_and_over_budget_warns() {
        let ds = store::load(None).expect("bundled");
        let mut plan = Plan::new(&ds, d(2026, 7, 1));
        assert!(per_window(&ds, &plan).is_empty());
        let summer = Window::summer(2026);
        plan.signings.push(signing("konate", summer, Some(gbp(30))));
        plan.signings.push(signing("nobody-knows", summer, None));
        plan.departures
            .push(sale("rudiger", summer, DepartureKind::Sold, Some(gbp(10))));
        plan.departures
            .push(sale("alaba", summer, DepartureKind::Released, None));
        plan.budgets.push(WindowBudget {
            window: summer,
            amount: gbp(15),
        });
        plan.budgets.push(WindowBudget {
            window: Window::winter(2027),
            amount: gbp(5),
        });
        let m = per_window(&ds, &plan);
        assert_eq!(m.len(), 2);
        assert_eq!(
            m[0].text(),
            "summer 2026 (2026/27): in €34.8m + 1 unknown · out €11.6m · net €23.2m + 1 \
             unknown · budget £15m (€17.4m at 1.16) · over by €5.8m (1 unknown fee) · OVER \
             BUDGET"
        );
        assert_eq!(
            m[1].text(),
            "winter 2027 (2026/27): in €0 · out €0 · net €0 · budget £5m (€5.8m at 1.16) · \
             left €5.8m"
        );
        assert_eq!(
            warnings(&ds, &plan),
            [
                "over budget in summer 2026 (2026/27): budget £15m (€17.4m at 1.16) · over by \
                 €5.8m (1 unknown fee)"
            ]
        );
        plan.budgets[0].amount = gbp(25);
        assert!(warnings(&ds, &plan).is_empty());
        // A fee in a currency the plan has no rate for is unknown, not zero.
        plan.signings[0].assumed_fee = Some(Fee {
            amount: 5_000_000,
            currency: Currency::USD,
            approximate: false,
        });
        assert_eq!(per_window(&ds, &plan)[0].fees_in.to_string(), "2 unknown");
    }

    /// Issue 25: a pool player signed with no reported fee costs his market value, as an
    /// estimate; a typed fee wins.
    #[test]
    fn a_pool_players_market_value_is_the_estimate() {
        let mut p = crate::domain::Player::new("tm-1", "Ana Pool", "Other FC", None);
        p.market_value = Some(eur(12));
        let ds = Dataset::new(
            "Club".into(),
            None,
            Vec::new(),
            vec![p],
            Vec::new(),
            Vec::new(),
            Default::default(),
        );
        let mut plan = Plan::new(&ds, d(2026, 7, 1));
        plan.signings
            .push(signing("tm-1", Window::summer(2026), None));
        let fee = SigningFee::of(&ds, &plan, &plan.signings[0]);
        assert_eq!(fee, SigningFee::Estimated(eur(12)));
        assert_eq!(
            fee.text(&plan.money, plan.date),
            "€12m market value, an estimate"
        );
        assert_eq!(per_window(&ds, &plan)[0].fees_in.to_string(), "€12m");
        plan.signings[0].assumed_fee = Some(eur(9));
        assert_eq!(per_window(&ds, &plan)[0].fees_in.to_string(), "€9m");
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
        fn net_is_in_minus_out_in_one_currency_with_unknowns_carried(
            ins in prop::collection::vec(arb_fee(), 0..6),
            outs in prop::collection::vec(arb_fee(), 0..6),
            rate in 0.5f64..2.0,
        ) {
            let mut money = MoneySettings::for_currency(Currency::EUR);
            money.set_rate(Currency::GBP, rate).expect("rate");
            let conv = |f: &Fee| money.convert(*f);
            let mut a = Total::zero(Currency::EUR);
            ins.iter().for_each(|f| a.add(f.as_ref().and_then(conv)));
            let mut b = Total::zero(Currency::EUR);
            outs.iter().for_each(|f| b.add(f.as_ref().and_then(conv)));
            let net = a.minus(&b);
            let total = |v: &[Option<Fee>]| -> i128 {
                v.iter().flatten().filter_map(conv).map(|c| c.amount).sum()
            };
            prop_assert_eq!(net.amount, total(&ins) - total(&outs));
            // Unknown: no fee, or a fee in dollars (no rate).
            let unknown = |v: &[Option<Fee>]| v.iter().filter(|f| f.is_none_or(|f| f.currency == Currency::USD)).count();
            prop_assert_eq!(net.unknown, unknown(&ins) + unknown(&outs));
            // Approximate only when a counted part is.
            let approx = ins.iter().chain(&outs).flatten().any(|f| f.approximate && f.currency != Currency::USD);
            prop_assert_eq!(net.approximate, approx);
            if net.unknown > 0 {
                let unknown_text = format!("{} unknown", net.unknown);
                prop_assert!(net.to_string().contains(&unknown_text));
            }
        }
    }
}
