//! A player's status at a date: age, availability and contract. These are the numbers every
//! overlay shows, so their edges are pinned down by tests.

use super::dates::add_months;
use super::player::{Injury, Player};
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Whole years from `born` to `on`. A 29 February birthday counts from 1 March in common years.
/// `None` when `on` is before the birth.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> Option<u32> {
    if on < born {
        return None;
    }
    let mut years = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// An age: exact from a birth date, a range from an age a report gave on a day, or unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    Exact(u32),
    Between(u32, u32),
    Unknown,
}

impl Age {
    /// The youngest the player can be (for sorting and averages).
    pub fn low(self) -> Option<u32> {
        match self {
            Age::Exact(a) | Age::Between(a, _) => Some(a),
            Age::Unknown => None,
        }
    }
}

impl fmt::Display for Age {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Age::Exact(a) => write!(f, "{a}"),
            Age::Between(a, b) => write!(f, "{a}-{b}"),
            Age::Unknown => f.write_str("?"),
        }
    }
}

pub fn age(player: &Player, on: NaiveDate) -> Age {
    if let Some(born) = player.born {
        return age_on(born, on).map_or(Age::Unknown, Age::Exact);
    }
    let Some(rep) = player.reported_age else {
        return Age::Unknown;
    };
    // "22 on D" means born in (D - 23 years, D - 22 years]: the oldest and youngest he can be.
    // An age no calendar year can be born in (a typo, a fuzzed file) is no age at all.
    let Some(year) = i32::try_from(rep.age)
        .ok()
        .and_then(|a| rep.on.year().checked_sub(a))
    else {
        return Age::Unknown;
    };
    let Some(latest_birth) = rep
        .on
        .with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
    else {
        return Age::Unknown;
    };
    let earliest_birth = add_months(latest_birth, -12)
        .succ_opt()
        .unwrap_or(latest_birth);
    match (age_on(latest_birth, on), age_on(earliest_birth, on)) {
        (Some(a), Some(b)) if a == b => Age::Exact(a),
        (Some(a), Some(b)) => Age::Between(a.min(b), a.max(b)),
        (None, Some(b)) => Age::Between(0, b),
        _ => Age::Unknown,
    }
}

/// Whether he is still at his club on `on`: a player who left (see [`Player::left`]) is a former
/// player from that day on.
pub fn is_at_club(player: &Player, on: NaiveDate) -> bool {
    player.left.is_none_or(|left| on < left)
}

/// Fit or not at a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Availability {
    Available,
    InjuredUntil { until: NaiveDate, what: String },
    InjuredReturnUnknown { what: String },
}

impl Availability {
    pub fn is_available(&self) -> bool {
        matches!(self, Availability::Available)
    }

    /// Short mark for tight cells.
    pub fn mark(&self) -> &'static str {
        match self {
            Availability::Available => "",
            Availability::InjuredUntil { .. } => "+",
            Availability::InjuredReturnUnknown { .. } => "+?",
        }
    }
}

impl fmt::Display for Availability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Availability::Available => f.write_str("available"),
            Availability::InjuredUntil { until, what } => {
                write!(f, "injured ({what}) until {}", until.format("%Y-%m-%d"))
            }
            Availability::InjuredReturnUnknown { what } => {
                write!(f, "injured ({what}), return unknown")
            }
        }
    }
}

/// Whether one injury keeps him out on `on`: from its start (the earliest day it can mean) to the
/// day before his expected return; with no expected return, from its start on.
pub fn injury_active(injury: &Injury, on: NaiveDate) -> bool {
    let started = injury.since.is_none_or(|s| s.earliest() <= on);
    let not_back = injury.expected_return.is_none_or(|r| on < r);
    started && not_back
}

pub fn availability(player: &Player, on: NaiveDate) -> Availability {
    // With several injuries running, the one keeping him out longest is the one that matters.
    let mut best = Availability::Available;
    for inj in player.injuries.iter().filter(|i| injury_active(i, on)) {
        let this = match inj.expected_return {
            Some(until) => Availability::InjuredUntil {
                until,
                what: inj.what.clone(),
            },
            None => Availability::InjuredReturnUnknown {
                what: inj.what.clone(),
            },
        };
        best = match (&best, &this) {
            (Availability::Available, _) => this,
            (
                Availability::InjuredUntil { until: a, .. },
                Availability::InjuredUntil { until: b, .. },
            ) if b > a => this,
            (Availability::InjuredUntil { .. }, Availability::InjuredReturnUnknown { .. }) => this,
            _ => best,
        };
    }
    best
}

/// Contract standing at a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractStatus {
    /// The contract ended before the date: a free agent.
    Expired {
        ended: NaiveDate,
    },
    /// Ends within six months of the date (the last day included).
    UnderSixMonths {
        ends: NaiveDate,
    },
    UnderTwelveMonths {
        ends: NaiveDate,
    },
    /// A year or more left; `years` is the whole years remaining.
    Secure {
        ends: NaiveDate,
        years: u32,
    },
    Unknown,
}

impl ContractStatus {
    /// A text mark that keeps its meaning without colour.
    pub fn mark(self) -> &'static str {
        match self {
            ContractStatus::Expired { .. } => "FREE",
            ContractStatus::UnderSixMonths { .. } => "<6m",
            ContractStatus::UnderTwelveMonths { .. } => "<12m",
            ContractStatus::Secure { .. } => "",
            ContractStatus::Unknown => "c?",
        }
    }

    pub fn ends(self) -> Option<NaiveDate> {
        match self {
            ContractStatus::Expired { ended } => Some(ended),
            ContractStatus::UnderSixMonths { ends }
            | ContractStatus::UnderTwelveMonths { ends }
            | ContractStatus::Secure { ends, .. } => Some(ends),
            ContractStatus::Unknown => None,
        }
    }
}

impl fmt::Display for ContractStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContractStatus::Expired { ended } => {
                write!(f, "expired {} (free agent)", ended.format("%Y-%m-%d"))
            }
            ContractStatus::UnderSixMonths { ends } => {
                write!(f, "ends {} (under 6 months)", ends.format("%Y-%m-%d"))
            }
            ContractStatus::UnderTwelveMonths { ends } => {
                write!(f, "ends {} (under 12 months)", ends.format("%Y-%m-%d"))
            }
            ContractStatus::Secure { ends, years } => {
                let s = if *years == 1 { "" } else { "s" };
                write!(
                    f,
                    "until {} ({years} year{s} left)",
                    ends.format("%Y-%m-%d")
                )
            }
            ContractStatus::Unknown => f.write_str("unknown"),
        }
    }
}

/// A contract running to `ends` (inclusive), seen on `on`.
pub fn contract_status(ends: Option<NaiveDate>, on: NaiveDate) -> ContractStatus {
    let Some(ends) = ends else {
        return ContractStatus::Unknown;
    };
    if on > ends {
        return ContractStatus::Expired { ended: ends };
    }
    if add_months(on, 6) > ends {
        return ContractStatus::UnderSixMonths { ends };
    }
    if add_months(on, 12) > ends {
        return ContractStatus::UnderTwelveMonths { ends };
    }
    let mut years = 1;
    while years < 200 && add_months(on, 12 * (years as i32 + 1)) <= ends {
        years += 1;
    }
    ContractStatus::Secure { ends, years }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{PartialDate, ReportedAge};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn a_player_who_left_is_gone_from_the_day_he_left() {
        let mut p = Player::new("vazquez", "Lucas Vázquez", "Real Madrid", None);
        assert!(is_at_club(&p, d("2030-01-01")));
        p.left = Some(d("2025-07-16"));
        assert!(is_at_club(&p, d("2025-07-15")));
        assert!(!is_at_club(&p, d("2025-07-16")));
        assert!(!is_at_club(&p, d("2025-07-17")));
    }

    #[test]
    fn age_turns_on_the_birthday() {
        let born = d("1999-05-25");
        assert_eq!(age_on(born, d("2026-05-24")), Some(26));
        assert_eq!(age_on(born, d("2026-05-25")), Some(27));
        assert_eq!(age_on(born, born), Some(0));
        assert_eq!(age_on(born, d("1999-05-24")), None);
    }

    #[test]
    fn leap_day_birthdays_count_from_first_of_march() {
        let born = d("2000-02-29");
        assert_eq!(age_on(born, d("2001-02-28")), Some(0));
        assert_eq!(age_on(born, d("2001-03-01")), Some(1));
        assert_eq!(age_on(born, d("2004-02-28")), Some(3));
        assert_eq!(age_on(born, d("2004-02-29")), Some(4));
    }

    #[test]
    fn reported_age_gives_a_range_that_narrows_to_exact() {
        let mut p = Player::new("rivero", "Lautaro Rivero", "River Plate", None);
        assert_eq!(age(&p, d("2026-07-01")), Age::Unknown);
        p.reported_age = Some(ReportedAge {
            age: 22,
            on: d("2025-11-09"),
        });
        // On the report's day he is exactly 22.
        assert_eq!(age(&p, d("2025-11-09")), Age::Exact(22));
        // Eight months later he may have had his birthday.
        assert_eq!(age(&p, d("2026-07-01")), Age::Between(22, 23));
        // A year on, exactly one more.
        assert_eq!(age(&p, d("2026-11-09")), Age::Exact(23));
        // A record birth date wins over the reported age.
        p.born = Some(d("2003-08-01"));
        assert_eq!(age(&p, d("2026-07-01")), Age::Exact(22));
    }

    #[test]
    fn contract_boundaries() {
        let ends = Some(d("2026-06-30"));
        // The last day of the contract he is still under it.
        assert_eq!(
            contract_status(ends, d("2026-06-30")),
            ContractStatus::UnderSixMonths {
                ends: d("2026-06-30")
            }
        );
        assert_eq!(
            contract_status(ends, d("2026-07-01")),
            ContractStatus::Expired {
                ended: d("2026-06-30")
            }
        );
        // Six months before the last day: 2026-01-01 + 6 months = 2026-07-01 > end.
        assert!(matches!(
            contract_status(ends, d("2026-01-01")),
            ContractStatus::UnderSixMonths { .. }
        ));
        assert!(matches!(
            contract_status(ends, d("2025-12-31")),
            ContractStatus::UnderTwelveMonths { .. }
        ));
        assert!(matches!(
            contract_status(ends, d("2025-07-01")),
            ContractStatus::UnderTwelveMonths { .. }
        ));
        assert_eq!(
            contract_status(ends, d("2025-06-30")),
            ContractStatus::Secure {
                ends: d("2026-06-30"),
                years: 1
            }
        );
        assert_eq!(
            contract_status(Some(d("2031-06-30")), d("2026-07-01")),
            ContractStatus::Secure {
                ends: d("2031-06-30"),
                years: 4
            }
        );
        assert_eq!(
            contract_status(Some(d("2031-06-30")), d("2026-06-30")),
            ContractStatus::Secure {
                ends: d("2031-06-30"),
                years: 5
            }
        );
        assert_eq!(
            contract_status(None, d("2026-07-01")),
            ContractStatus::Unknown
        );
    }

    #[test]
    fn contract_ending_on_a_leap_day() {
        let ends = Some(d("2028-02-29"));
        // 31 August + 6 months clamps to 29 February: still six whole months left.
        assert!(matches!(
            contract_status(ends, d("2027-08-31")),
            ContractStatus::UnderTwelveMonths { .. }
        ));
        assert!(matches!(
            contract_status(ends, d("2027-09-01")),
            ContractStatus::UnderSixMonths { .. }
        ));
        // 2027-02-28 + 12 months = 2028-02-28 <= end: a full year left.
        assert_eq!(
            contract_status(ends, d("2027-02-28")),
            ContractStatus::Secure {
                ends: d("2028-02-29"),
                years: 1
            }
        );
        assert!(matches!(
            contract_status(ends, d("2028-03-01")),
            ContractStatus::Expired { .. }
        ));
    }

    #[test]
    fn injuries_run_from_their_start_to_the_day_before_return() {
        let mut p = Player::new("carvajal", "Dani Carvajal", "Real Madrid", None);
        assert_eq!(availability(&p, d("2026-07-01")), Availability::Available);
        p.injuries.push(Injury {
            what: "ACL".into(),
            since: Some(PartialDate::Month {
                year: 2024,
                month: 10,
            }),
            expected_return: None,
            latest: None,
            sources: vec![],
        });
        assert_eq!(availability(&p, d("2024-09-30")), Availability::Available);
        assert_eq!(
            availability(&p, d("2024-10-01")),
            Availability::InjuredReturnUnknown { what: "ACL".into() }
        );
        p.injuries[0].expected_return = Some(d("2025-08-01"));
        assert_eq!(
            availability(&p, d("2025-07-31")),
            Availability::InjuredUntil {
                until: d("2025-08-01"),
                what: "ACL".into()
            }
        );
        assert_eq!(availability(&p, d("2025-08-01")), Availability::Available);
        // A second, open-ended injury outweighs a dated one.
        p.injuries.push(Injury {
            what: "hamstring".into(),
            since: Some(PartialDate::Day(d("2025-07-01"))),
            expected_return: None,
            latest: None,
            sources: vec![],
        });
        assert_eq!(
            availability(&p, d("2025-07-15")),
            Availability::InjuredReturnUnknown {
                what: "hamstring".into()
            }
        );
    }
}
