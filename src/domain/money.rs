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

#[cfg(test)]
mod tests {
    use super::*;

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
