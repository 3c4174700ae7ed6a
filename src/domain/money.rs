//! Money as reported: a fee in whole units of its currency.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Currency {
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
            let m = a as f64 / 1_000_000.0;
            if a.is_multiple_of(1_000_000) {
                write!(f, "{}m", a / 1_000_000)
            } else {
                write!(f, "{m:.1}m")
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
    }
}
