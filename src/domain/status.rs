//! A player's status at a date: age, availability and contract. These are the numbers every
//! overlay shows, so their edges are pinned down by tests.

use super::dates::{PartialDate, add_months};
use super::player::{Absence, Injury, Player, Return};
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
    /// Injured; `back` is unknown when nobody has said.
    Injured {
        what: String,
        back: Option<Return>,
    },
    /// Away from the club for a dated spell (a loan out); `until` is the last day away.
    Away {
        what: String,
        until: Option<PartialDate>,
    },
}

impl Availability {
    pub fn is_available(&self) -> bool {
        matches!(self, Availability::Available)
    }

    /// Short mark for tight cells.
    pub fn mark(&self) -> &'static str {
        match self {
            Availability::Available => "",
            Availability::Injured { back: Some(_), .. } => "+",
            Availability::Injured { back: None, .. } => "+?",
            Availability::Away { .. } => "L",
        }
    }

    /// The first day he is fit again, when known (`None` when available or unknown).
    fn fit_from(&self) -> Option<NaiveDate> {
        match self {
            Availability::Available => None,
            Availability::Injured { back, .. } => back.map(Return::fit_from),
            Availability::Away { until, .. } => until.and_then(|u| u.latest().succ_opt()),
        }
    }
}

impl fmt::Display for Availability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Availability::Available => f.write_str("available"),
            Availability::Injured {
                what,
                back: Some(back),
            } => write!(f, "injured ({what}), {back}"),
            Availability::Injured { what, back: None } => {
                write!(f, "injured ({what}), return unknown")
            }
            Availability::Away {
                what,
                until: Some(until),
            } => write!(f, "away: {what} until {}", until.spoken()),
            Availability::Away { what, until: None } => write!(f, "away: {what}, end unknown"),
        }
    }
}

/// Whether one injury keeps him out on `on`: from its start (the earliest day it can mean) to the
/// day before he is fit again (see [`Return::fit_from`]); with no known return, from its start on.
pub fn injury_active(injury: &Injury, on: NaiveDate) -> bool {
    let started = injury.since.is_none_or(|s| s.earliest() <= on);
    let not_back = injury.back.is_none_or(|r| on < r.fit_from());
    started && not_back
}

/// Whether a dated absence keeps him away on `on`: from its first day to its last, inclusive.
pub fn absence_active(absence: &Absence, on: NaiveDate) -> bool {
    absence.from.earliest() <= on && absence.until.is_none_or(|u| on <= u.latest())
}

/// An injury that has ended by `on`: his history, not his fitness.
pub fn injury_over(injury: &Injury, on: NaiveDate) -> bool {
    injury.back.is_some_and(|r| r.fit_from() <= on)
}

/// Fit, injured or away at `on`: the one pure rule every view uses.
pub fn availability(player: &Player, on: NaiveDate) -> Availability {
    let injuries = player
        .injuries
        .iter()
        .filter(|i| injury_active(i, on))
        .map(|i| Availability::Injured {
            what: i.what.clone(),
            back: i.back,
        });
    let absences = player
        .absences
        .iter()
        .filter(|a| absence_active(a, on))
        .map(|a| Availability::Away {
            what: a.what.clone(),
            until: a.until,
        });
    // With several running, the one keeping him out longest is the one that matters; an
    // unknown end outweighs any known one.
    let mut best = Availability::Available;
    for this in injuries.chain(absences) {
        let longer = match (&best, this.fit_from(), best.fit_from()) {
            (Availability::Available, _, _) => true,
            (_, None, Some(_)) => true,
            (_, Some(a), Some(b)) => a > b,
            _ => false,
        };
        if longer {
            best = this;
        }
    }
    best
}

/// Contract standing at a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractStatus {
    /// Our own player whose contract ended before the date: he stays only if renewed.
    Expired {
        ended: NaiveDate,
    },
    /// Another club's player whose contract ended before the date: free to sign.
    FreeAgent {
        ended: NaiveDate,
    },
    /// Under six months left, the last day included.
    UnderSixMonths {
        ends: NaiveDate,
    },
    UnderTwelveMonths {
        ends: NaiveDate,
    },
    /// A year or more left; `years` is the whole years remaining, counted to the last day
    /// inclusive (2026-07-01 to 2030-06-30 is 4).
    Secure {
        ends: NaiveDate,
        years: u32,
    },
    /// No announced end; the press gave a year (shown "2030?").
    Reported {
        year: i32,
    },
    Unknown,
}

impl ContractStatus {
    /// A text mark that keeps its meaning without colour.
    pub fn mark(self) -> &'static str {
        match self {
            ContractStatus::Expired { .. } => "OUT",
            ContractStatus::FreeAgent { .. } => "FREE",
            ContractStatus::UnderSixMonths { .. } => "<6m",
            ContractStatus::UnderTwelveMonths { .. } => "<12m",
            ContractStatus::Secure { .. } => "",
            ContractStatus::Reported { .. } | ContractStatus::Unknown => "c?",
        }
    }

    /// The announced last day (none for a reported year or an unknown end).
    pub fn ends(self) -> Option<NaiveDate> {
        match self {
            ContractStatus::Expired { ended } | ContractStatus::FreeAgent { ended } => Some(ended),
            ContractStatus::UnderSixMonths { ends }
            | ContractStatus::UnderTwelveMonths { ends }
            | ContractStatus::Secure { ends, .. } => Some(ends),
            ContractStatus::Reported { .. } | ContractStatus::Unknown => None,
        }
    }

    /// The status as a phrase that stands alone in a line: "contract until 2030-06-30 (4 years
    /// left)", "out of contract since 2026-06-30 — stays only if renewed".
    pub fn sentence(self) -> String {
        match self {
            ContractStatus::Expired { .. } => self.to_string(),
            c => format!("contract {c}"),
        }
    }

    /// Ended at the date, whoever's player he is.
    pub fn has_ended(self) -> bool {
        matches!(
            self,
            ContractStatus::Expired { .. } | ContractStatus::FreeAgent { .. }
        )
    }
}

impl fmt::Display for ContractStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContractStatus::Expired { ended } => write!(
                f,
                "out of contract since {} — stays only if renewed",
                ended.format("%Y-%m-%d")
            ),
            ContractStatus::FreeAgent { ended } => {
                write!(f, "ended {} (free agent)", ended.format("%Y-%m-%d"))
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
            ContractStatus::Reported { year } => {
                write!(f, "{year}? (reported, not announced)")
            }
            ContractStatus::Unknown => f.write_str("unknown"),
        }
    }
}

/// Whole months from `on` to the day after `ends`: the time left when the last day counts.
/// `None` when the contract has ended.
fn months_left(ends: NaiveDate, on: NaiveDate) -> Option<u32> {
    let after = ends.succ_opt().unwrap_or(ends);
    if on >= after {
        return None;
    }
    // Start from the calendar difference and correct by one either way for day-of-month
    // clamping; add_months from `on` itself keeps month-end dates anchored.
    let guess = (after.year() - on.year()) * 12 + after.month() as i32 - on.month() as i32;
    let mut m = guess.clamp(0, 12 * 10_000);
    while m > 0 && add_months(on, m) > after {
        m -= 1;
    }
    while add_months(on, m + 1) <= after && m < 12 * 10_000 {
        m += 1;
    }
    u32::try_from(m).ok()
}

/// A contract running to `ends` (its last day included), seen on `on`. An ended contract is
/// [`ContractStatus::Expired`]: use [`contract`] to tell our own player from another club's.
///
/// The one rule every view reads: a contract that ends before `on` + 6 months is under six
/// months (on 1 January a June contract allows a pre-contract), before `on` + 12 months under
/// twelve (on 1 July a contract to next 30 June is in its last year).
pub fn contract_status(ends: Option<NaiveDate>, on: NaiveDate) -> ContractStatus {
    let Some(ends) = ends else {
        return ContractStatus::Unknown;
    };
    let Some(months) = months_left(ends, on) else {
        return ContractStatus::Expired { ended: ends };
    };
    if ends < add_months(on, 6) {
        ContractStatus::UnderSixMonths { ends }
    } else if ends < add_months(on, 12) {
        ContractStatus::UnderTwelveMonths { ends }
    } else {
        ContractStatus::Secure {
            ends,
            years: (months / 12).max(1),
        }
    }
}

/// A player's contract at `on`: for our own player (`own`) an ended contract means out of
/// contract, for anyone else a free agent; a contract end only the press gave is shown as
/// reported.
pub fn contract(player: &Player, own: bool, on: NaiveDate) -> ContractStatus {
    match contract_status(player.contract_until, on) {
        ContractStatus::Expired { ended } if !own => ContractStatus::FreeAgent { ended },
        ContractStatus::Unknown => player
            .contract_reported
            .as_ref()
            .map_or(ContractStatus::Unknown, |r| ContractStatus::Reported {
                year: r.until_year,
            }),
        c => c,
    }
}

/// Our own player whose contract has ended at `on` (and no plan renewed it).
pub fn out_of_contract(player: &Player, own: bool, on: NaiveDate) -> bool {
    own && matches!(contract(player, own, on), ContractStatus::Expired { .. })
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
    fn contract_time_left_counts_the_last_day() {
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
        // On 1 January a contract to 30 June ends before the date + 6 months: a pre-contract
        // is possible (issue 26), so under six; a day earlier not.
        assert!(matches!(
            contract_status(ends, d("2026-01-01")),
            ContractStatus::UnderSixMonths { .. }
        ));
        assert!(matches!(
            contract_status(ends, d("2025-12-31")),
            ContractStatus::UnderTwelveMonths { .. }
        ));
        // On 1 July his contract to next 30 June is his last year: under twelve.
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
        // The examples: Huijsen to 2030-06-30 has four seasons left on 2026-07-01.
        let years = |end: &str, on: &str| match contract_status(Some(d(end)), d(on)) {
            ContractStatus::Secure { years, .. } => years,
            other => panic!("{other:?}"),
        };
        assert_eq!(years("2030-06-30", "2026-07-01"), 4);
        assert_eq!(years("2027-06-30", "2026-06-30"), 1);
        assert_eq!(years("2031-06-30", "2026-07-01"), 5);
        assert_eq!(years("2031-06-30", "2026-07-02"), 4);
        assert_eq!(years("2031-06-30", "2026-06-30"), 5);
        assert_eq!(
            contract_status(Some(d("2030-06-30")), d("2026-07-01")).to_string(),
            "until 2030-06-30 (4 years left)"
        );
        assert_eq!(
            contract_status(None, d("2026-07-01")),
            ContractStatus::Unknown
        );
    }

    #[test]
    fn contract_ending_on_a_leap_day() {
        let ends = Some(d("2028-02-29"));
        // 29 February is before 1 September + 6 months (1 March): under six.
        assert!(matches!(
            contract_status(ends, d("2027-08-31")),
            ContractStatus::UnderTwelveMonths { .. }
        ));
        assert!(matches!(
            contract_status(ends, d("2027-09-01")),
            ContractStatus::UnderSixMonths { .. }
        ));
        // 2027-02-28 + 12 months is 2028-02-28: a day short of the end, a year left.
        assert_eq!(
            contract_status(ends, d("2027-02-28")),
            ContractStatus::Secure {
                ends: d("2028-02-29"),
                years: 1
            }
        );
        assert!(matches!(
            contract_status(ends, d("2027-03-01")),
            ContractStatus::UnderTwelveMonths { .. }
        ));
        assert!(matches!(
            contract_status(ends, d("2028-03-01")),
            ContractStatus::Expired { .. }
        ));
    }

    #[test]
    fn own_player_out_of_contract_is_not_a_free_agent() {
        let mut p = Player::new("carvajal", "Dani Carvajal", "Real Madrid", None);
        p.contract_until = Some(d("2026-06-30"));
        let on = d("2026-07-01");
        assert_eq!(
            contract(&p, true, on).to_string(),
            "out of contract since 2026-06-30 — stays only if renewed"
        );
        assert!(out_of_contract(&p, true, on));
        assert!(!out_of_contract(&p, true, d("2026-06-30")));
        assert_eq!(
            contract(&p, false, on).to_string(),
            "ended 2026-06-30 (free agent)"
        );
        assert!(!out_of_contract(&p, false, on));
        // Only reported: shown as such, never as a known end.
        let mut e = Player::new("endrick", "Endrick", "Real Madrid", None);
        e.contract_reported = Some(crate::domain::player::ReportedContract {
            until_year: 2030,
            source: None,
        });
        let c = contract(&e, true, on);
        assert_eq!(c.to_string(), "2030? (reported, not announced)");
        assert_eq!(c.ends(), None);
        assert_eq!(c.mark(), "c?");
        // An announced end wins over a reported one.
        e.contract_until = Some(d("2029-06-30"));
        assert!(matches!(
            contract(&e, true, on),
            ContractStatus::Secure { years: 3, .. }
        ));
    }

    fn injury(what: &str, since: &str, back: Option<Return>) -> Injury {
        Injury {
            what: what.into(),
            since: Some(since.parse().expect("since")),
            back,
            latest: None,
            sources: vec![],
        }
    }

    fn month(year: i32, month: u32, expected: bool) -> Return {
        Return {
            on: PartialDate::Month { year, month },
            expected,
        }
    }

    #[test]
    fn an_injury_known_to_the_day_ends_that_day() {
        // Carvajal's ACL: from 2024-10-05, back in a match on 2025-07-09.
        let mut p = Player::new("carvajal", "Dani Carvajal", "Real Madrid", None);
        p.injuries.push(injury(
            "ACL",
            "2024-10-05",
            Some(Return::on_day(d("2025-07-09"))),
        ));
        assert!(availability(&p, d("2024-10-04")).is_available());
        assert_eq!(
            availability(&p, d("2024-10-05")).to_string(),
            "injured (ACL), back 2025-07-09"
        );
        assert!(!availability(&p, d("2025-07-08")).is_available());
        assert!(availability(&p, d("2025-07-09")).is_available());
        assert!(availability(&p, d("2025-07-10")).is_available());
        assert!(!injury_over(&p.injuries[0], d("2025-07-08")));
        assert!(injury_over(&p.injuries[0], d("2025-07-09")));
    }

    #[test]
    fn a_return_known_to_the_month_runs_to_the_end_of_it() {
        let mut p = Player::new("militao", "Éder Militão", "Real Madrid", None);
        p.injuries.push(injury(
            "torn hamstring",
            "2025-12-07",
            Some(month(2026, 4, true)),
        ));
        assert!(availability(&p, d("2025-12-06")).is_available());
        let a = availability(&p, d("2025-12-07"));
        assert_eq!(
            a.to_string(),
            "injured (torn hamstring), expected back by April 2026"
        );
        assert_eq!(a.mark(), "+");
        // No day is made up: all of April he may still be out.
        assert!(!availability(&p, d("2026-03-31")).is_available());
        assert!(!availability(&p, d("2026-04-01")).is_available());
        assert!(!availability(&p, d("2026-04-30")).is_available());
        assert!(availability(&p, d("2026-05-01")).is_available());
        assert!(injury_over(&p.injuries[0], d("2026-05-01")));
    }

    #[test]
    fn an_injury_with_no_known_return_never_ends() {
        let mut p = Player::new("carvajal", "Dani Carvajal", "Real Madrid", None);
        assert_eq!(availability(&p, d("2026-07-01")), Availability::Available);
        p.injuries.push(injury("ACL", "2024-10", None));
        assert_eq!(availability(&p, d("2024-09-30")), Availability::Available);
        let a = availability(&p, d("2030-10-01"));
        assert_eq!(a.to_string(), "injured (ACL), return unknown");
        assert_eq!(a.mark(), "+?");
        assert!(!injury_over(&p.injuries[0], d("2030-10-01")));
    }

    #[test]
    fn the_injury_keeping_him_out_longest_is_shown() {
        let mut p = Player::new("carvajal", "Dani Carvajal", "Real Madrid", None);
        p.injuries.push(injury(
            "knee surgery",
            "2025-10-28",
            Some(month(2026, 1, true)),
        ));
        p.injuries.push(injury(
            "ankle",
            "2025-11-01",
            Some(Return::on_day(d("2025-11-20"))),
        ));
        assert!(
            availability(&p, d("2025-11-10"))
                .to_string()
                .starts_with("injured (knee surgery)")
        );
        // An open-ended one outweighs both.
        p.injuries.push(injury("hamstring", "2025-11-05", None));
        assert_eq!(
            availability(&p, d("2025-11-10")).to_string(),
            "injured (hamstring), return unknown"
        );
    }

    #[test]
    fn a_loan_out_is_an_absence_with_dates() {
        // Endrick on loan at Lyon from January 2026 to 2026-06-30.
        let mut p = Player::new("endrick", "Endrick", "Real Madrid", None);
        p.absences.push(Absence {
            what: "on loan at Lyon".into(),
            from: "2026-01".parse().expect("from"),
            until: Some("2026-06-30".parse().expect("until")),
            announced: Some(d("2025-12-23")),
            sources: vec![],
        });
        assert!(availability(&p, d("2025-12-31")).is_available());
        let a = availability(&p, d("2026-01-01"));
        assert_eq!(a.to_string(), "away: on loan at Lyon until 2026-06-30");
        assert_eq!(a.mark(), "L");
        assert!(!availability(&p, d("2026-06-30")).is_available());
        assert!(availability(&p, d("2026-07-01")).is_available());
    }

    /// Whole months and years from `on` to the day after `ends`, counted one day at a time: a
    /// month passes on each day that is `on`'s day of the month (or the month's last day when
    /// shorter), a year on each such day in `on`'s month.
    fn naive_left(ends: NaiveDate, on: NaiveDate) -> (u32, u32) {
        let Some(after) = ends.succ_opt() else {
            return (0, 0);
        };
        let (mut months, mut years) = (0, 0);
        let mut day = on;
        while day < after {
            day = day.succ_opt().expect("day");
            let month_len = NaiveDate::from_ymd_opt(day.year(), day.month(), 1)
                .and_then(|f| f.checked_add_months(chrono::Months::new(1)))
                .and_then(|n| n.pred_opt())
                .map_or(31, |l| l.day());
            if day.day() == on.day().min(month_len) {
                months += 1;
                if day.month() == on.month() {
                    years += 1;
                }
            }
        }
        (months, years)
    }

    proptest::proptest! {
        #[test]
        fn time_left_matches_a_day_by_day_count(
            on_days in 0i64..4000,
            len in -40i64..4500,
        ) {
            let on = d("2024-01-01") + chrono::Duration::days(on_days);
            let ends = on + chrono::Duration::days(len);
            let c = contract_status(Some(ends), on);
            if ends < on {
                proptest::prop_assert_eq!(c, ContractStatus::Expired { ended: ends });
            } else {
                let (_, years) = naive_left(ends, on);
                let plus = |m| on.checked_add_months(chrono::Months::new(m)).expect("date");
                let want = if ends < plus(6) {
                    ContractStatus::UnderSixMonths { ends }
                } else if ends < plus(12) {
                    ContractStatus::UnderTwelveMonths { ends }
                } else {
                    ContractStatus::Secure { ends, years }
                };
                proptest::prop_assert_eq!(c, want, "on {} ends {}", on, ends);
            }
        }
    }
}
