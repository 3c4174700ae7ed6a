//! What a signing costs season by season, as UEFA's club licensing rules book it: the fee is
//! spread in equal parts over the years of his contract, at most five. A sale's profit is the fee
//! received less the book value (the fee less what has been amortised). A fee or a contract length
//! nobody knows makes these unknown, never zero.
//!
//! Months are the unit: a summer signing on five seasons books a fifth a season, a winter one on
//! three and a half seasons books 6/42 of it in his first season. Pure, over the whole plan.

use super::budget::SigningFee;
use super::dataset::Dataset;
use super::dates::season_start;
use super::ids::PlayerId;
use super::money::Total;
use super::plan::{Departure, Plan, Signing};
use chrono::{Datelike, NaiveDate};

/// The longest a fee is spread over, in months (five years).
pub const MAX_MONTHS: u32 = 60;

/// A fee spread over months from the day a signing joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// The day he joins (his window opens).
    pub start: NaiveDate,
    /// Months the fee is spread over (his contract, at most [`MAX_MONTHS`]).
    pub months: u32,
    /// The fee in the plan's currency.
    pub fee: i128,
    pub approximate: bool,
}

/// Why a signing's cost per season is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    Fee,
    Length,
}

impl Unknown {
    pub fn text(self) -> &'static str {
        match self {
            Unknown::Fee => "fee unknown",
            Unknown::Length => "contract length unknown",
        }
    }
}

/// Whole months from `a` to `b` (0 when `b` is not after `a`).
fn months_between(a: NaiveDate, b: NaiveDate) -> u32 {
    if b <= a {
        return 0;
    }
    let m = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
    let m = if b.day() < a.day() { m - 1 } else { m };
    u32::try_from(m.max(0)).unwrap_or(0)
}

impl Schedule {
    /// The schedule of `s` in `plan`: `Err` says what is unknown. A free signing books nothing.
    pub fn of(ds: &Dataset, plan: &Plan, s: &Signing) -> Result<Schedule, Unknown> {
        let fee = match SigningFee::of(ds, plan, s).converted(&plan.money) {
            Some(Some(c)) => (c.amount, c.approximate),
            Some(None) => (0, false),
            None => return Err(Unknown::Fee),
        };
        let end = s.contract_end().ok_or(Unknown::Length)?;
        let start = s.window.opens();
        let months = months_between(start, end.succ_opt().unwrap_or(end)).min(MAX_MONTHS);
        if months == 0 {
            return Err(Unknown::Length);
        }
        Ok(Schedule {
            start,
            months,
            fee: fee.0,
            approximate: fee.1,
        })
    }

    /// Months of the schedule gone by on `on` (0 before it starts, all of them after it).
    fn elapsed(&self, on: NaiveDate) -> u32 {
        months_between(self.start, on).min(self.months)
    }

    /// What has been booked by `on`: rounded so the parts add up to the fee exactly.
    fn booked(&self, on: NaiveDate) -> i128 {
        let m = i128::from(self.elapsed(on));
        let total = i128::from(self.months);
        (self.fee * m + total / 2) / total
    }

    /// What the season starting on 1 July of `year` books.
    pub fn in_season(&self, year: i32) -> i128 {
        self.booked(season_start(year.saturating_add(1))) - self.booked(season_start(year))
    }

    /// The fee less what has been booked by `on`.
    pub fn book_value(&self, on: NaiveDate) -> i128 {
        self.fee - self.booked(on)
    }
}

/// One signing's charge in one season.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    pub id: PlayerId,
    /// `Err` when it cannot be known.
    pub amount: Result<i128, Unknown>,
    pub approximate: bool,
}

/// What one season books for the plan's signings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeasonCost {
    /// The year the season starts.
    pub season: i32,
    /// One per signing on the books that season (joined by then, not yet fully amortised or
    /// gone); unknowns included.
    pub charges: Vec<Charge>,
    pub total: Total,
}

/// The seasons from `first`, `count` of them: each signing of the plan from the season he joins
/// in, until his fee is booked or he leaves.
pub fn per_season(ds: &Dataset, plan: &Plan, first: i32, count: usize) -> Vec<SeasonCost> {
    (0..count)
        .map(|i| {
            let season = first.saturating_add(i32::try_from(i).unwrap_or(i32::MAX));
            let (from, to) = (season_start(season), season_start(season.saturating_add(1)));
            let mut total = Total::zero(plan.money.currency);
            let mut charges = Vec::new();
            for s in &plan.signings {
                let joins = s.window.opens();
                let leaves = plan.departure(&s.id).map(|d| d.window.opens());
                if joins >= to || leaves.is_some_and(|l| l <= from) {
                    continue;
                }
                let charge = match Schedule::of(ds, plan, s) {
                    Ok(sched) => {
                        // Booked up to the day he leaves, if he leaves within the season.
                        let end = leaves.map_or(to, |l| l.min(to));
                        let amount = sched.booked(end) - sched.booked(from);
                        if sched.elapsed(from) >= sched.months {
                            continue;
                        }
                        total.amount += amount;
                        total.approximate |= sched.approximate;
                        Charge {
                            id: s.id.clone(),
                            amount: Ok(amount),
                            approximate: sched.approximate,
                        }
                    }
                    Err(why) => {
                        total.unknown += 1;
                        Charge {
                            id: s.id.clone(),
                            amount: Err(why),
                            approximate: false,
                        }
                    }
                };
                charges.push(charge);
            }
            SeasonCost {
                season,
                charges,
                total,
            }
        })
        .collect()
}

/// One line for the seasons' footers: "amortisation 2026/27 €10m · 2027/28 €10m + 1 unknown";
/// `None` when the plan signs nobody.
pub fn line(ds: &Dataset, plan: &Plan, first: i32, count: usize) -> Option<String> {
    if plan.signings.is_empty() {
        return None;
    }
    let parts: Vec<String> = per_season(ds, plan, first, count)
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                super::dates::season_label(season_start(s.season)),
                s.total
            )
        })
        .collect();
    Some(format!("amortisation {}", parts.join(" · ")))
}

/// What a departure brings, in words: the fee ("for €5m", "for a fee unknown"; none for a
/// release) and a sale's profit ("profit €10m", "profit unknown (book value unknown)").
pub fn departure_terms(
    ds: &Dataset,
    plan: &Plan,
    d: &Departure,
) -> (Option<String>, Option<String>) {
    let money = &plan.money;
    let fee = super::budget::departure_fee(d).map(|f| match f {
        Some(f) => format!("for {}", money.fee_text(f)),
        None => "for a fee unknown".into(),
    });
    let profit = match sale_profit(ds, plan, d) {
        Some(p) => Some(format!("profit {}", money.amount_text(p, false))),
        None if d.kind == super::plan::DepartureKind::Sold => {
            Some("profit unknown (book value unknown)".into())
        }
        None => None,
    };
    (fee, profit)
}

/// One line of the money under a timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyLine {
    /// A window's money, and whether it is over budget.
    Window { text: String, over: bool },
    /// What the signings book season by season.
    Books(String),
    /// The rates the plan assumes.
    Rates(String),
}

impl MoneyLine {
    pub fn text(&self) -> &str {
        match self {
            MoneyLine::Window { text, .. } | MoneyLine::Books(text) | MoneyLine::Rates(text) => {
                text
            }
        }
    }

    pub fn over_budget(&self) -> bool {
        matches!(self, MoneyLine::Window { over: true, .. })
    }
}

/// The money under a timeline of `count` seasons from `first`, in the plan's currency: one line
/// per window, what the signings book each season, then the rates assumed (when any money is
/// shown). The board's timeline, `timeline` (every format) and its SVG all print these.
pub fn money_lines(ds: &Dataset, plan: &Plan, first: i32, count: usize) -> Vec<MoneyLine> {
    let windows = super::budget::per_window(ds, plan);
    let mut out: Vec<MoneyLine> = windows
        .iter()
        .map(|m| MoneyLine::Window {
            text: m.text(),
            over: m.over_budget(),
        })
        .collect();
    out.extend(line(ds, plan, first, count).map(MoneyLine::Books));
    if !windows.is_empty() && !plan.money.rates.is_empty() {
        out.push(MoneyLine::Rates(format!(
            "rates {}",
            plan.money.rates_text().join(" · ")
        )));
    }
    out
}

/// What the plan books for `s` each season, one phrase: "€10m a season for 5 seasons", "fee
/// unknown", "contract length unknown".
pub fn per_season_text(ds: &Dataset, plan: &Plan, s: &Signing) -> String {
    match Schedule::of(ds, plan, s) {
        Ok(sched) if sched.fee == 0 => "free: nothing to amortise".into(),
        Ok(sched) => {
            let per_year = sched.fee * 12 / i128::from(sched.months);
            let years = f64::from(sched.months) / 12.0;
            format!(
                "{} a season over {} (to {})",
                plan.money.amount_text(per_year, sched.approximate),
                if sched.months % 12 == 0 {
                    format!("{} seasons", sched.months / 12)
                } else {
                    format!("{years:.1} seasons")
                },
                s.contract_end().map_or_else(String::new, |e| e.to_string())
            )
        }
        Err(why) => format!("amortisation unknown ({})", why.text()),
    }
}

/// A sale's profit: the fee received less his book value when he goes. Known only for a player
/// the plan signed with a known fee and length, sold for a known fee; `None` otherwise.
pub fn sale_profit(ds: &Dataset, plan: &Plan, d: &Departure) -> Option<i128> {
    let received = plan.money.convert(d.fee?)?.amount;
    let s = plan.signing(&d.id)?;
    let sched = Schedule::of(ds, plan, s).ok()?;
    Some(received - sched.book_value(d.window.opens()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Window;
    use crate::domain::money::{Currency, Fee};
    use crate::domain::plan::DepartureKind;

    fn eur(m: u64) -> Fee {
        Fee {
            amount: m * 1_000_000,
            currency: Currency::EUR,
            approximate: false,
        }
    }

    fn ds() -> Dataset {
        let mut a = crate::domain::Player::new("a", "Ann Able", "Other FC", None);
        a.contract_until = NaiveDate::from_ymd_opt(2030, 6, 30);
        let b = crate::domain::Player::new("b", "Bo Best", "Other FC", None);
        Dataset::new(
            "Club".into(),
            None,
            Vec::new(),
            vec![a, b],
            Vec::new(),
            Vec::new(),
            Default::default(),
        )
    }

    fn plan_with(signings: Vec<Signing>) -> Plan {
        let ds = ds();
        let mut p = Plan::new(&ds, NaiveDate::from_ymd_opt(2026, 7, 1).expect("date"));
        p.signings = signings;
        p
    }

    fn signing(id: &str, w: Window, fee: Option<Fee>, years: Option<u8>) -> Signing {
        Signing {
            id: PlayerId::new(id),
            window: w,
            assumed_fee: fee,
            contract_years: years,
            loan: false,
        }
    }

    #[test]
    fn a_fee_is_spread_over_the_contract_at_most_five_years() {
        let ds = ds();
        let p = plan_with(vec![
            signing("a", Window::summer(2026), Some(eur(50)), Some(5)),
            signing("b", Window::winter(2027), Some(eur(42)), Some(4)),
        ]);
        let seasons = per_season(&ds, &p, 2026, 7);
        let of = |season: usize, id: &str| {
            seasons[season]
                .charges
                .iter()
                .find(|c| c.id.as_str() == id)
                .map(|c| c.amount)
        };
        assert_eq!(of(0, "a"), Some(Ok(10_000_000)));
        // Winter 2027 on 4 seasons counted from 2026/27: to 2030-06-30, 42 months.
        assert_eq!(of(0, "b"), Some(Ok(6_000_000)));
        assert_eq!(of(1, "b"), Some(Ok(12_000_000)));
        assert_eq!(of(4, "a"), Some(Ok(10_000_000)));
        assert_eq!(of(5, "a"), None, "fully booked after five seasons");
        let booked: i128 = seasons
            .iter()
            .flat_map(|s| s.charges.iter())
            .filter(|c| c.id.as_str() == "b")
            .map(|c| *c.amount.as_ref().expect("known"))
            .sum();
        assert_eq!(booked, 42_000_000, "the parts add up to the fee");
        assert_eq!(seasons[0].total.to_string(), "€16m");
        // Eight seasons are booked over five.
        let long = plan_with(vec![signing(
            "a",
            Window::summer(2026),
            Some(eur(80)),
            Some(8),
        )]);
        assert_eq!(per_season(&ds, &long, 2026, 1)[0].total.amount, 16_000_000);
    }

    #[test]
    fn unknown_fees_and_lengths_stay_unknown() {
        let ds = ds();
        let p = plan_with(vec![
            signing("a", Window::summer(2026), Some(eur(50)), None),
            signing("b", Window::summer(2026), None, Some(5)),
        ]);
        let s = &per_season(&ds, &p, 2026, 1)[0];
        assert_eq!(
            s.charges.iter().map(|c| c.amount).collect::<Vec<_>>(),
            [Err(Unknown::Length), Err(Unknown::Fee)]
        );
        assert_eq!(s.total.to_string(), "2 unknown");
    }

    #[test]
    fn a_sale_books_its_profit_against_the_book_value() {
        let ds = ds();
        let mut p = plan_with(vec![signing(
            "a",
            Window::summer(2026),
            Some(eur(50)),
            Some(5),
        )]);
        p.departures.push(Departure {
            id: PlayerId::new("a"),
            kind: DepartureKind::Sold,
            window: Window::summer(2028),
            fee: Some(eur(40)),
        });
        // Two seasons booked: €30m left on the books, sold for €40m.
        assert_eq!(sale_profit(&ds, &p, &p.departures[0]), Some(10_000_000));
        // Gone from the books when he leaves.
        let seasons = per_season(&ds, &p, 2026, 4);
        assert_eq!(seasons[1].total.amount, 10_000_000);
        assert!(seasons[2].charges.is_empty());
        p.departures[0].fee = None;
        assert_eq!(sale_profit(&ds, &p, &p.departures[0]), None);
    }
}
