//! Money as reported: a fee in whole units of its currency.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Currency {
    #[default]
    EUR,
    GBP,
    USD,
}

impl Currency {
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::EUR => "€",
            Currency::GBP => "£",
            Currency::USD => "$",
        }
    }
}

/// A sum of money in whole units of its currency, as reported ("about £35m").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    pub amount: u64,
    pub currency: Currency,
    /// The report hedged ("about", "around").
    #[serde(default)]
    pub approximate: bool,
}

impl fmt::Display for Fee {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            f.write_str("~")?;
        }
        f.write_str(self.currency.symbol())?;
        let a = self.amount;
        if a >= 1_000_000 {
            // Up to two decimals, trailing zeros dropped: "35.5m", "6.96m" (a fee divided over
            // seasons must not read as a rounder figure than it is).
            let hundredths = a.saturating_add(5_000) / 10_000;
            let (whole, frac) = (hundredths / 100, hundredths % 100);
            match frac {
                0 => write!(f, "{whole}m"),
                f2 if f2 % 10 == 0 => write!(f, "{whole}.{}m", f2 / 10),
                f2 => write!(f, "{whole}.{f2:02}m"),
            }
        } else if a >= 1_000 {
            write!(f, "{}k", a / 1_000)
        } else {
            write!(f, "{a}")
        }
    }
}

impl Currency {
    /// The currency a symbol ("£") or an ISO code ("gbp", "GBP") names.
    pub fn named(s: &str) -> Option<Currency> {
        match s.to_ascii_uppercase().as_str() {
            "€" | "EUR" => Some(Currency::EUR),
            "£" | "GBP" => Some(Currency::GBP),
            "$" | "USD" => Some(Currency::USD),
            _ => None,
        }
    }
}

impl Fee {
    /// The fee written so that [`Fee::parse`] reads it back exactly: "£35m", "€35.25m",
    /// "£750k", "~$1.5m".
    pub fn exact(&self) -> String {
        let a = self.amount;
        let number = if a >= 1_000_000 {
            let frac = format!("{:06}", a % 1_000_000);
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() {
                format!("{}m", a / 1_000_000)
            } else {
                format!("{}.{frac}m", a / 1_000_000)
            }
        } else if a >= 1_000 && a.is_multiple_of(1_000) {
            format!("{}k", a / 1_000)
        } else {
            a.to_string()
        };
        let about = if self.approximate { "~" } else { "" };
        format!("{about}{}{number}", self.currency.symbol())
    }

    /// A fee as people type it: "£35m", "€60m", "$1.5m", "£750k", "40000000 EUR",
    /// "EUR 40,000,000", "35m gbp"; "~" or "about" in front marks it approximate.
    pub fn parse(input: &str) -> Result<Fee, String> {
        let usage = "write it as £35m, €60m, $1.5m, £750k or 40000000 EUR";
        let mut s = input.trim();
        let mut approximate = false;
        for about in ["~", "about ", "around ", "c. ", "ca. "] {
            if let Some(rest) = s.strip_prefix(about) {
                approximate = true;
                s = rest.trim_start();
            }
        }
        if s.is_empty() {
            return Err(format!("no amount: {usage}"));
        }
        if s.contains('-') {
            return Err(format!("“{input}”: a fee cannot be negative"));
        }
        // A currency in front, the number, k/m/bn, a currency at the end.
        let Some(at) = s.find(|c: char| c.is_ascii_digit() || c == '.') else {
            return Err(format!("“{input}” is not an amount: {usage}"));
        };
        let head = s[..at].trim();
        let rest = &s[at..];
        let chars: Vec<(usize, char)> = rest.char_indices().collect();
        let mut end = 0;
        for (n, (i, c)) in chars.iter().enumerate() {
            let digit_next = chars.get(n + 1).is_some_and(|(_, d)| d.is_ascii_digit());
            if c.is_ascii_digit() || matches!(c, ',' | '_' | '.') || (*c == ' ' && digit_next) {
                end = i + c.len_utf8();
            } else {
                break;
            }
        }
        let number = &rest[..end];
        let after = rest[end..].trim_start();
        let lower = after.to_ascii_lowercase();
        let unit = |word: &str| {
            lower
                .strip_prefix(word)
                .is_some_and(|r| !r.starts_with(|c: char| c.is_alphabetic()))
        };
        let (times, unit_len): (u64, usize) = if unit("bn") {
            (1_000_000_000, 2)
        } else if unit("m") {
            (1_000_000, 1)
        } else if unit("k") {
            (1_000, 1)
        } else {
            (1, 0)
        };
        let tail = after[unit_len..].trim();
        let code = match (head.is_empty(), tail.is_empty()) {
            (false, false) => return Err(format!("“{input}” names a currency twice: {usage}")),
            (true, true) => return Err(format!("“{input}” has no currency: {usage}")),
            (false, true) => head,
            (true, false) => tail,
        };
        let Some(currency) = Currency::named(code) else {
            return Err(format!(
                "“{code}” is not a currency this board knows (€/EUR, £/GBP, $/USD): {usage}"
            ));
        };
        let number: String = number
            .chars()
            .filter(|c| !matches!(c, ',' | '_' | ' '))
            .collect();
        let bad = || format!("“{input}” is not an amount: {usage}");
        let (whole, frac) = number.split_once('.').unwrap_or((&number, ""));
        if whole.is_empty() && frac.is_empty()
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !frac.chars().all(|c| c.is_ascii_digit())
        {
            return Err(bad());
        }
        let too_big = || format!("“{input}” is more money than a fee can be");
        let whole: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| too_big())?
        };
        let mut amount = whole.checked_mul(times).ok_or_else(too_big)?;
        if !frac.is_empty() {
            let scale = 10u64.checked_pow(frac.len() as u32).ok_or_else(bad)?;
            let f: u64 = frac.parse().map_err(|_| bad())?;
            let part = f.checked_mul(times).ok_or_else(too_big)?;
            if part % scale != 0 {
                return Err(format!("“{input}” is not a whole amount of money"));
            }
            amount = amount.checked_add(part / scale).ok_or_else(too_big)?;
        }
        Ok(Fee {
            amount,
            currency,
            approximate,
        })
    }
}

/// How many units of a plan's currency one unit of another is worth: an assumption of the plan,
/// never a fact of a deal ("1 GBP = 1.16 EUR, assumed (2025 average)").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    /// The currency converted from.
    pub currency: Currency,
    /// Units of the plan's currency for one unit of `currency`.
    pub value: f64,
    /// What the rate is based on, as shown ("2025 average").
    #[serde(default)]
    pub basis: String,
    /// The plan assumes it (the default rate, or one the user typed).
    #[serde(default = "yes")]
    pub assumed: bool,
}

fn yes() -> bool {
    true
}

// A rate is never NaN in a plan (`set_rate` refuses it, a loaded plan is checked by
// `Plan::normalize`), so equality is total.
impl Eq for Rate {}
impl Eq for MoneySettings {}

/// The default pound–euro rate: the ECB reference rate averaged about 0.86 GBP per EUR through
/// 2025, so 1 GBP = 1.16 EUR (`shared/facts.md`, "Money conventions").
pub const GBP_EUR_2025: f64 = 1.16;

/// The most a rate may be: a typed rate beyond this is a typing error.
pub const MAX_RATE: f64 = 1_000_000.0;

/// A plan's money: the currency every total is in and the rates it assumes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoneySettings {
    pub currency: Currency,
    #[serde(default)]
    pub rates: Vec<Rate>,
}

impl Default for MoneySettings {
    fn default() -> MoneySettings {
        MoneySettings::for_currency(Currency::EUR)
    }
}

/// A fee in the plan's currency: the amount, whether it is approximate (the fee was, or a rate
/// was applied to it), and the rate used when it was converted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Converted {
    pub amount: i128,
    pub approximate: bool,
    /// The rate applied, when the fee was in another currency.
    pub rate: Option<f64>,
}

impl MoneySettings {
    /// The settings for a club accounting in `currency`, with the default rate between pounds
    /// and euros (the only one the data gives); any other currency has no rate until one is set.
    pub fn for_currency(currency: Currency) -> MoneySettings {
        let rates = match currency {
            Currency::EUR => vec![Rate {
                currency: Currency::GBP,
                value: GBP_EUR_2025,
                basis: "2025 average".into(),
                assumed: true,
            }],
            Currency::GBP => vec![Rate {
                currency: Currency::EUR,
                value: (1.0 / GBP_EUR_2025 * 10_000.0).round() / 10_000.0,
                basis: "2025 average".into(),
                assumed: true,
            }],
            Currency::USD => Vec::new(),
        };
        MoneySettings { currency, rates }
    }

    /// Units of the plan's currency for one of `from`; `None` when the plan has no such rate.
    pub fn rate(&self, from: Currency) -> Option<f64> {
        if from == self.currency {
            return Some(1.0);
        }
        self.rates
            .iter()
            .rev()
            .find(|r| r.currency == from)
            .map(|r| r.value)
            .filter(|v| valid_rate(*v))
    }

    /// The rate from `from`, as the plan holds it.
    pub fn rate_entry(&self, from: Currency) -> Option<&Rate> {
        self.rates.iter().rev().find(|r| r.currency == from)
    }

    /// Sets the rate for `from` (replacing the one held), as the user typed it.
    pub fn set_rate(&mut self, from: Currency, value: f64) -> Result<(), String> {
        if from == self.currency {
            return Err(format!(
                "{} is the plan's own currency: its rate is 1",
                from.code()
            ));
        }
        if !valid_rate(value) {
            return Err(format!(
                "a rate is a number above 0 and at most {MAX_RATE}: “{value}”"
            ));
        }
        self.rates.retain(|r| r.currency != from);
        self.rates.push(Rate {
            currency: from,
            value,
            basis: "typed".into(),
            assumed: true,
        });
        self.rates.sort_by_key(|r| r.currency);
        Ok(())
    }

    /// `fee` in the plan's currency; `None` when there is no rate for its currency.
    pub fn convert(&self, fee: Fee) -> Option<Converted> {
        if fee.currency == self.currency {
            return Some(Converted {
                amount: i128::from(fee.amount),
                approximate: fee.approximate,
                rate: None,
            });
        }
        let rate = self.rate(fee.currency)?;
        // Whole units; a rate is held to a few decimals, so f64 is exact enough for fees.
        let amount = (fee.amount as f64 * rate).round();
        Some(Converted {
            amount: amount as i128,
            approximate: fee.approximate,
            rate: Some(rate),
        })
    }

    /// "£35m (€40.6m at 1.16)", "€60m", "$5m (no $ rate: unknown in €)".
    pub fn fee_text(&self, fee: Fee) -> String {
        match self.convert(fee) {
            Some(Converted {
                rate: Some(rate),
                amount,
                approximate,
            }) => format!(
                "{fee} ({} at {})",
                self.amount_text(amount, approximate),
                rate_text(rate)
            ),
            Some(_) => fee.to_string(),
            None => format!(
                "{fee} (no {} rate: unknown in {})",
                fee.currency.symbol(),
                self.currency.symbol()
            ),
        }
    }

    /// "~£35m (~€40.6m)": the fee, and beside it the plan's figure when converted (for narrow
    /// lists; [`MoneySettings::fee_text`] names the rate).
    pub fn fee_short(&self, fee: Fee) -> String {
        match self.convert(fee) {
            Some(c) if c.rate.is_some() => {
                format!("{fee} ({})", self.amount_text(c.amount, c.approximate))
            }
            Some(_) => fee.to_string(),
            None => format!("{fee} (no rate)"),
        }
    }

    /// An amount of the plan's currency, signed: "−€5m", "~€40.6m".
    pub fn amount_text(&self, amount: i128, approximate: bool) -> String {
        signed_amount(self.currency, amount, approximate)
    }

    /// The rate from `c` as [`MoneySettings::rates_text`] says it ("1 GBP = 1.16 EUR (assumed,
    /// 2025 average)"), or "no GBP rate".
    pub fn rates_text_for(&self, c: Currency) -> String {
        let held = MoneySettings {
            currency: self.currency,
            rates: self.rate_entry(c).cloned().into_iter().collect(),
        };
        held.rates_text()
            .pop()
            .unwrap_or_else(|| format!("no {} rate", c.code()))
    }

    /// "1 GBP = 1.16 EUR (assumed, 2025 average)", one for each rate held.
    pub fn rates_text(&self) -> Vec<String> {
        self.rates
            .iter()
            .map(|r| {
                let mut how = Vec::new();
                if r.assumed {
                    how.push("assumed".to_string());
                }
                if !r.basis.is_empty() {
                    how.push(r.basis.clone());
                }
                let how = if how.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", how.join(", "))
                };
                format!(
                    "1 {} = {} {}{how}",
                    r.currency.code(),
                    rate_text(r.value),
                    self.currency.code()
                )
            })
            .collect()
    }
}

/// A rate with no trailing zeros: "1.16", "0.8621".
pub fn rate_text(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

fn valid_rate(v: f64) -> bool {
    v.is_finite() && v > 0.0 && v <= MAX_RATE
}

/// A signed amount: "−€5m", "~£30m".
pub fn signed_amount(c: Currency, a: i128, approximate: bool) -> String {
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

/// A sum in one currency: the known amount (signed, so a net can go below zero), whether any
/// part of it is approximate, and how many amounts are unknown (never counted as zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Total {
    pub currency: Currency,
    pub amount: i128,
    pub approximate: bool,
    pub unknown: usize,
}

impl Total {
    pub fn zero(currency: Currency) -> Total {
        Total {
            currency,
            amount: 0,
            approximate: false,
            unknown: 0,
        }
    }

    /// Adds a converted fee, or one more unknown.
    pub fn add(&mut self, c: Option<Converted>) {
        match c {
            Some(c) => {
                self.amount = self.amount.saturating_add(c.amount);
                self.approximate |= c.approximate;
            }
            None => self.unknown += 1,
        }
    }

    /// `self − other`; unknowns on either side are carried.
    pub fn minus(&self, other: &Total) -> Total {
        Total {
            currency: self.currency,
            amount: self.amount.saturating_sub(other.amount),
            approximate: self.approximate || other.approximate,
            unknown: self.unknown + other.unknown,
        }
    }

    pub fn plus(&self, other: &Total) -> Total {
        Total {
            currency: self.currency,
            amount: self.amount.saturating_add(other.amount),
            approximate: self.approximate || other.approximate,
            unknown: self.unknown + other.unknown,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.amount == 0 && self.unknown == 0
    }
}

impl fmt::Display for Total {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if self.amount != 0 || self.unknown == 0 {
            parts.push(signed_amount(self.currency, self.amount, self.approximate));
        }
        if self.unknown > 0 {
            parts.push(format!("{} unknown", self.unknown));
        }
        f.write_str(&parts.join(" + "))
    }
}

impl Currency {
    /// "EUR", "GBP", "USD".
    pub fn code(self) -> &'static str {
        match self {
            Currency::EUR => "EUR",
            Currency::GBP => "GBP",
            Currency::USD => "USD",
        }
    }

    pub const ALL: [Currency; 3] = [Currency::EUR, Currency::GBP, Currency::USD];
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fee(amount: u64, currency: Currency, approximate: bool) -> Fee {
        Fee {
            amount,
            currency,
            approximate,
        }
    }

    #[test]
    fn fees_parse_as_people_type_them() {
        use Currency::*;
        for (typed, want) in [
            ("£35m", fee(35_000_000, GBP, false)),
            ("€60m", fee(60_000_000, EUR, false)),
            ("40000000 EUR", fee(40_000_000, EUR, false)),
            ("EUR 40,000,000", fee(40_000_000, EUR, false)),
            ("35m gbp", fee(35_000_000, GBP, false)),
            ("$1.5m", fee(1_500_000, USD, false)),
            ("£750k", fee(750_000, GBP, false)),
            ("~£35m", fee(35_000_000, GBP, true)),
            ("about €1.25bn", fee(1_250_000_000, EUR, true)),
            ("60m€", fee(60_000_000, EUR, false)),
            ("£0", fee(0, GBP, false)),
            (" £ 35 M ", fee(35_000_000, GBP, false)),
        ] {
            assert_eq!(Fee::parse(typed), Ok(want), "{typed}");
        }
    }

    #[test]
    fn bad_fees_say_why() {
        for (typed, why) in [
            ("35m", "has no currency"),
            ("", "no amount"),
            ("£", "not an amount"),
            ("£abc", "not an amount"),
            ("35m CHF", "not a currency"),
            ("£35m EUR", "currency twice"),
            ("£1.2345678m", "whole amount"),
            ("£-5m", "negative"),
            ("£99999999999999999999", "more money"),
            ("£99999999999999m", "more money"),
        ] {
            let err = Fee::parse(typed).expect_err(typed);
            assert!(err.contains(why), "{typed}: {err}");
        }
    }

    #[test]
    fn an_exact_fee_reads_back_as_itself() {
        for f in [
            fee(35_000_000, Currency::GBP, false),
            fee(35_250_000, Currency::EUR, true),
            fee(750_000, Currency::USD, false),
            fee(1_234, Currency::GBP, false),
            fee(0, Currency::EUR, false),
        ] {
            assert_eq!(Fee::parse(&f.exact()), Ok(f), "{}", f.exact());
        }
        assert_eq!(fee(35_250_000, Currency::EUR, true).exact(), "~€35.25m");
    }

    #[test]
    fn fees_print_as_people_say_them() {
        let f = |amount, approximate| Fee {
            amount,
            currency: Currency::GBP,
            approximate,
        };
        assert_eq!(f(35_000_000, true).to_string(), "~£35m");
        assert_eq!(f(35_500_000, false).to_string(), "£35.5m");
        assert_eq!(f(750_000, false).to_string(), "£750k");
        assert_eq!(f(0, false).to_string(), "£0");
        assert_eq!(f(6_960_000, false).to_string(), "£6.96m");
        assert_eq!(f(40_600_000, false).to_string(), "£40.6m");
        // Found by the value sweeps: the rounding must not overflow at the top.
        assert!(f(u64::MAX, false).to_string().ends_with('m'));
    }
    #[test]
    fn fees_convert_into_the_plan_currency_at_its_rate() {
        let m = MoneySettings::for_currency(Currency::EUR);
        let konate = fee(35_000_000, Currency::GBP, true);
        let c = m.convert(konate).expect("a GBP rate by default");
        assert_eq!(c.amount, 40_600_000);
        assert!(c.approximate);
        assert_eq!(m.fee_text(konate), "~£35m (~€40.6m at 1.16)");
        assert_eq!(m.fee_text(fee(60_000_000, Currency::EUR, false)), "€60m");
        assert_eq!(m.convert(fee(5, Currency::USD, false)), None);
        assert_eq!(
            m.fee_text(fee(5_000_000, Currency::USD, false)),
            "$5m (no $ rate: unknown in €)"
        );
        assert_eq!(m.rates_text(), ["1 GBP = 1.16 EUR (assumed, 2025 average)"]);
        let mut m2 = m.clone();
        m2.set_rate(Currency::GBP, 1.2).expect("rate");
        assert_eq!(m2.convert(konate).map(|c| c.amount), Some(42_000_000));
        assert!(m2.set_rate(Currency::EUR, 2.0).is_err());
        assert!(m2.set_rate(Currency::GBP, 0.0).is_err());
        assert!(m2.set_rate(Currency::GBP, f64::NAN).is_err());
        let gbp = MoneySettings::for_currency(Currency::GBP);
        assert_eq!(
            gbp.rates_text(),
            ["1 EUR = 0.8621 GBP (assumed, 2025 average)"]
        );
    }

    #[test]
    fn a_total_is_approximate_only_when_a_part_is() {
        let m = MoneySettings::for_currency(Currency::EUR);
        let mut t = Total::zero(Currency::EUR);
        t.add(m.convert(fee(60_000_000, Currency::EUR, false)));
        assert_eq!(t.to_string(), "€60m");
        t.add(m.convert(fee(35_000_000, Currency::GBP, true)));
        assert_eq!(t.to_string(), "~€100.6m");
        t.add(None);
        assert_eq!(t.to_string(), "~€100.6m + 1 unknown");
        let out = {
            let mut o = Total::zero(Currency::EUR);
            o.add(m.convert(fee(70_000_000, Currency::GBP, false)));
            o
        };
        assert_eq!(out.to_string(), "€81.2m");
        assert_eq!(
            Total::zero(Currency::EUR).minus(&out).to_string(),
            "−€81.2m"
        );
        let mut u = Total::zero(Currency::EUR);
        u.add(None);
        assert_eq!(u.to_string(), "1 unknown");
        assert_eq!(Total::zero(Currency::EUR).to_string(), "€0");
    }
}
