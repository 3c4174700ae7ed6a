//! The one shape of every command's JSON (`show`, `find`, `scenario export|list|compare --format
//! json`): dates as ISO dates (`YYYY-MM-DD`), ages and amounts as numbers, an amount always with
//! its currency, positions as lists, `null` for what is unknown. Sentences stay in the text
//! outputs; where a value is known only in part (an age range, a return by a month) the JSON says
//! which part.
//!
//! [`JSON_VERSION`] names this shape in every JSON object a command prints.

use crate::domain::dates::PartialDate;
use crate::domain::money::{Converted, Currency, Fee, Total};
use crate::domain::player::Return;
use crate::domain::status::{Age, Availability, ContractStatus};
use crate::domain::warnings::{AgeProfile, FeeTotal};
use crate::domain::{Player, Window};
use chrono::NaiveDate;
use serde::Serialize;

/// The version of the JSON the commands print. 1: values as sentences ("contract until
/// 2030-06-30 (4 years left)"); 2: typed as this module says.
pub const JSON_VERSION: u32 = 2;

/// An amount of money in whole units of its currency.
#[derive(Debug, Serialize)]
pub struct Money {
    pub amount: i128,
    /// `EUR`, `GBP`, `USD`.
    pub currency: &'static str,
    /// Reported as "about", or counted at an assumed rate.
    pub approximate: bool,
}

impl Money {
    pub fn fee(f: Fee) -> Money {
        Money {
            amount: i128::from(f.amount),
            currency: f.currency.code(),
            approximate: f.approximate,
        }
    }

    pub fn converted(c: Converted, currency: Currency) -> Money {
        Money {
            amount: c.amount,
            currency: currency.code(),
            approximate: c.approximate,
        }
    }

    pub fn amount(amount: i128, currency: Currency, approximate: bool) -> Money {
        Money {
            amount,
            currency: currency.code(),
            approximate,
        }
    }
}

/// A sum of known amounts and how many more are unknown (never counted as zero).
#[derive(Debug, Serialize)]
pub struct Sum {
    /// What the known amounts add up to.
    pub amount: i128,
    pub currency: &'static str,
    pub approximate: bool,
    /// Amounts left out because nobody knows them.
    pub unknown: usize,
}

impl From<&Total> for Sum {
    fn from(t: &Total) -> Sum {
        Sum {
            amount: t.amount,
            currency: t.currency.code(),
            approximate: t.approximate,
            unknown: t.unknown,
        }
    }
}

/// The money of a whole plan.
#[derive(Debug, Serialize)]
pub struct Fees {
    /// What the signings cost.
    pub fees_in: Sum,
    /// Signings who come free.
    pub free: usize,
    /// What the sales bring in.
    pub fees_out: Sum,
    /// Departures that bring a fee.
    pub sales: usize,
    /// In − out.
    pub net: Sum,
}

impl From<&FeeTotal> for Fees {
    fn from(f: &FeeTotal) -> Fees {
        Fees {
            fees_in: (&f.fees_in).into(),
            free: f.free,
            fees_out: (&f.fees_out).into(),
            sales: f.sales,
            net: (&f.net()).into(),
        }
    }
}

/// One window's money, in the plan's currency (`scenario export`'s `windows`, `timeline`'s).
#[derive(Debug, Serialize)]
pub struct WindowMoney {
    pub window: JsonWindow,
    pub fees_in: Sum,
    /// Signings who come free in this window.
    pub free: usize,
    pub fees_out: Sum,
    /// Departures that bring a fee.
    pub sales: usize,
    pub net: Sum,
    /// As set, in the currency it was set in.
    pub budget: Option<Money>,
    /// The budget less the known net spend (negative: over), in the plan's currency.
    pub left: Option<Money>,
    pub over_budget: bool,
}

impl From<&crate::domain::budget::WindowMoney> for WindowMoney {
    fn from(m: &crate::domain::budget::WindowMoney) -> WindowMoney {
        WindowMoney {
            window: m.window.into(),
            fees_in: (&m.fees_in).into(),
            free: m.free,
            fees_out: (&m.fees_out).into(),
            sales: m.sales,
            net: (&m.net).into(),
            budget: m.budget.map(Money::fee),
            left: m.left().map(|l| {
                Money::amount(
                    l,
                    m.money.currency,
                    m.net.approximate || m.budget_converted.is_some_and(|b| b.approximate),
                )
            }),
            over_budget: m.over_budget(),
        }
    }
}

/// The XI's ages.
#[derive(Debug, Serialize)]
pub struct Ages {
    /// `null` when no age is known.
    pub average: Option<f64>,
    pub youngest: Option<u32>,
    pub oldest: Option<u32>,
    pub under_23: usize,
    pub over_30: usize,
    /// Players whose age is known, and those whose age is not.
    pub known: usize,
    pub unknown: usize,
}

impl From<&AgeProfile> for Ages {
    fn from(a: &AgeProfile) -> Ages {
        Ages {
            // One decimal, as the text prints it.
            average: a.average.map(|v| (v * 10.0).round() / 10.0),
            youngest: a.youngest,
            oldest: a.oldest,
            under_23: a.under_23,
            over_30: a.over_30,
            known: a.known,
            unknown: a.unknown,
        }
    }
}

/// A transfer window: its name and the day it opens.
#[derive(Debug, Serialize)]
pub struct JsonWindow {
    /// `summer 2026`, `winter 2027`.
    pub name: String,
    pub opens: NaiveDate,
}

impl From<Window> for JsonWindow {
    fn from(w: Window) -> JsonWindow {
        JsonWindow {
            name: w.to_string(),
            opens: w.opens(),
        }
    }
}

/// Main position first, then the secondary ones (`[]` when unknown).
pub fn positions(p: &Player) -> Vec<&'static str> {
    p.position
        .into_iter()
        .chain(p.secondary.iter().copied())
        .map(|pos| pos.label())
        .collect()
}

/// In years; `null` unless known exactly (`age_text` beside it says what is known).
pub fn exact_age(a: Age) -> Option<u32> {
    match a {
        Age::Exact(n) => Some(n),
        _ => None,
    }
}

/// A date known to a day, a month or a season: the first and the last day it can mean.
#[derive(Debug, Serialize)]
pub struct Span {
    /// `day`, `month` or `season`.
    pub precision: &'static str,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl From<PartialDate> for Span {
    fn from(d: PartialDate) -> Span {
        Span {
            precision: match d {
                PartialDate::Day(_) => "day",
                PartialDate::Month { .. } => "month",
                PartialDate::Season { .. } => "season",
            },
            from: d.earliest(),
            to: d.latest(),
        }
    }
}

/// Fit or not at the date.
#[derive(Debug, Serialize)]
pub struct JsonAvailability {
    /// `available`, `injured` or `away`.
    pub status: &'static str,
    /// The injury, or why he is away (`null` when available).
    pub what: Option<String>,
    /// An injured player's return (`null` when unknown or available).
    pub back: Option<Span>,
    /// Whether the return was only expected when reported, not seen to happen.
    pub expected: Option<bool>,
    /// An away player's last day away.
    pub until: Option<Span>,
}

impl From<&Availability> for JsonAvailability {
    fn from(a: &Availability) -> JsonAvailability {
        let none = JsonAvailability {
            status: "available",
            what: None,
            back: None,
            expected: None,
            until: None,
        };
        match a {
            Availability::Available => none,
            Availability::Injured { what, back } => JsonAvailability {
                status: "injured",
                what: Some(what.clone()),
                back: back.map(|r: Return| r.on.into()),
                expected: back.map(|r| r.expected),
                ..none
            },
            Availability::Away { what, until } => JsonAvailability {
                status: "away",
                what: Some(what.clone()),
                until: until.map(Span::from),
                ..none
            },
        }
    }
}

/// A contract at the date.
#[derive(Debug, Serialize)]
pub struct JsonContract {
    /// `secure` (a year or more left), `under_12_months`, `under_6_months`, `expired` (our
    /// player, stays only if renewed), `free_agent` (another club's, ended), `reported` (no end
    /// announced; the press gave a year) or `unknown`.
    pub status: &'static str,
    /// The announced last day.
    pub until: Option<NaiveDate>,
    /// Whole years left (`secure` only).
    pub years_left: Option<u32>,
    /// The year the press gave (`reported` only).
    pub reported_year: Option<i32>,
}

impl From<ContractStatus> for JsonContract {
    fn from(c: ContractStatus) -> JsonContract {
        JsonContract {
            status: match c {
                ContractStatus::Secure { .. } => "secure",
                ContractStatus::UnderTwelveMonths { .. } => "under_12_months",
                ContractStatus::UnderSixMonths { .. } => "under_6_months",
                ContractStatus::Expired { .. } => "expired",
                ContractStatus::FreeAgent { .. } => "free_agent",
                ContractStatus::Reported { .. } => "reported",
                ContractStatus::Unknown => "unknown",
            },
            until: c.ends(),
            years_left: match c {
                ContractStatus::Secure { years, .. } => Some(years),
                _ => None,
            },
            reported_year: match c {
                ContractStatus::Reported { year } => Some(year),
                _ => None,
            },
        }
    }
}

/// Who a player is, as `find` lists him and `show` starts each player with.
#[derive(Debug, Serialize)]
pub struct Person<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub known_as: Option<&'a str>,
    pub club: Option<&'a str>,
    /// Main position first, then the secondary ones (`[]` when unknown).
    pub positions: Vec<&'static str>,
    pub born: Option<NaiveDate>,
    /// In years at the planning date; `null` unless known exactly.
    pub age: Option<u32>,
    /// As the text prints it: `33`, `32-33` or `?`.
    pub age_text: String,
    pub nationality: Option<&'a str>,
    /// `left`, `right` or `both`.
    pub foot: Option<&'static str>,
    pub market_value: Option<Money>,
    /// The contract's last day.
    pub contract_until: Option<NaiveDate>,
}

impl<'a> Person<'a> {
    pub fn of(p: &'a Player, on: NaiveDate) -> Person<'a> {
        let a = crate::domain::status::age(p, on);
        Person {
            id: p.id.as_str(),
            name: &p.name,
            known_as: p.known_as.as_deref(),
            club: known(&p.club),
            positions: positions(p),
            born: p.born,
            age: exact_age(a),
            age_text: a.to_string(),
            nationality: p.nationality.as_deref(),
            foot: p.foot.map(|f| match f {
                crate::domain::Foot::Left => "left",
                crate::domain::Foot::Right => "right",
                crate::domain::Foot::Both => "both",
            }),
            market_value: p.market_value.map(Money::fee),
            contract_until: p.contract_until,
        }
    }
}

/// `null` for an empty field.
pub fn known(s: &str) -> Option<&str> {
    Some(s).filter(|s| !s.trim().is_empty())
}

/// Pretty JSON with a final line break.
pub fn to_text<T: Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|mut j| {
            j.push('\n');
            j
        })
        .map_err(|e| format!("cannot write JSON: {e}"))
}
