//! Dates as the reports give them (a day, a month, a season) and the calendar of transfer
//! windows the planning date moves along.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A date known to a day, a month or a season: "2024-10-15", "2024-10", "2024/25".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum PartialDate {
    Day(NaiveDate),
    Month {
        year: i32,
        month: u32,
    },
    /// The season that starts in summer of `start_year` (2024 = 2024/25).
    Season {
        start_year: i32,
    },
}

impl PartialDate {
    /// The first day the date can mean.
    pub fn earliest(self) -> NaiveDate {
        match self {
            PartialDate::Day(d) => d,
            PartialDate::Month { year, month } => ymd(year, month, 1),
            PartialDate::Season { start_year } => season_start(start_year),
        }
    }

    /// The last day the date can mean (the month's or the season's last day).
    pub fn latest(self) -> NaiveDate {
        match self {
            PartialDate::Day(d) => d,
            PartialDate::Month { year, month } => add_months(ymd(year, month, 1), 1)
                .pred_opt()
                .unwrap_or(NaiveDate::MIN),
            PartialDate::Season { start_year } => ymd(start_year + 1, 6, 30),
        }
    }

    /// How people say it: "2025-07-09", "July 2025", "2025/26".
    pub fn spoken(self) -> String {
        match self {
            PartialDate::Month { .. } => self.earliest().format("%B %Y").to_string(),
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            PartialDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            PartialDate::Season { start_year } => {
                write!(f, "{}/{:02}", start_year, (start_year + 1).rem_euclid(100))
            }
        }
    }
}

impl FromStr for PartialDate {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad =
            || format!("`{s}` is not a date: expected YYYY-MM-DD, YYYY-MM or a season YYYY/YY");
        if let Some((y, next)) = s.split_once('/') {
            let year: i32 = y.parse().map_err(|_| bad())?;
            let next: i32 = next.parse().map_err(|_| bad())?;
            return if y.len() == 4 && s.len() == 7 && (year + 1).rem_euclid(100) == next {
                Ok(PartialDate::Season { start_year: year })
            } else {
                Err(bad())
            };
        }
        match s.len() {
            10 => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(PartialDate::Day)
                .map_err(|_| bad()),
            7 => NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d")
                .map(|d| PartialDate::Month {
                    year: d.year(),
                    month: d.month(),
                })
                .map_err(|_| bad()),
            _ => Err(bad()),
        }
    }
}

impl TryFrom<String> for PartialDate {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<PartialDate> for String {
    fn from(d: PartialDate) -> String {
        d.to_string()
    }
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// Seasons run from 1 July to 30 June.
pub fn season_start(start_year: i32) -> NaiveDate {
    ymd(start_year, 7, 1)
}

/// The year the season containing `date` started.
pub fn season_of(date: NaiveDate) -> i32 {
    if date.month() >= 7 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// The last day of the season containing `date` (30 June).
pub fn season_end(date: NaiveDate) -> NaiveDate {
    ymd(season_of(date) + 1, 6, 30)
}

/// "2026/27" for any date inside that season.
pub fn season_label(date: NaiveDate) -> String {
    PartialDate::Season {
        start_year: season_of(date),
    }
    .to_string()
}

/// The next transfer window opening (1 January or 1 July) strictly after `date`.
pub fn next_window(date: NaiveDate) -> NaiveDate {
    let jan = ymd(date.year() + 1, 1, 1);
    let jul = ymd(date.year(), 7, 1);
    if date < jul { jul } else { jan }
}

/// The next summer window opening (1 July) strictly after `date`.
pub fn next_summer_window(date: NaiveDate) -> NaiveDate {
    let jul = ymd(date.year(), 7, 1);
    if date < jul {
        jul
    } else {
        ymd(date.year() + 1, 7, 1)
    }
}

/// Moves a date by whole months, clamping to the month's end (31 Jan + 1 month = 28/29 Feb) and
/// staying at the edge of the calendar instead of failing.
pub fn add_months(date: NaiveDate, months: i32) -> NaiveDate {
    let m = Months::new(months.unsigned_abs());
    let moved = if months >= 0 {
        date.checked_add_months(m)
    } else {
        date.checked_sub_months(m)
    };
    moved.unwrap_or(date)
}

/// The years a planning date may fall in: the windows it moves along stay real dates.
pub const PLANNING_YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// A planning date as `--date` takes it: `YYYY-MM-DD` in [`PLANNING_YEARS`].
/// A day written another way ("30/06/2030", "30.06.2030") is refused with the same day in the
/// format to use.
pub fn parse_planning_date(s: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|e| {
        match other_order(s.trim()) {
            Some(said) => format!("`{s}` is not a date (YYYY-MM-DD): write it as {said}"),
            None => format!("`{s}` is not a date (YYYY-MM-DD): {e}"),
        }
    })?;
    if !PLANNING_YEARS.contains(&date.year()) {
        return Err(format!(
            "{date} is outside the planning years {} to {}",
            PLANNING_YEARS.start(),
            PLANNING_YEARS.end()
        ));
    }
    Ok(date)
}

/// The day a date written day first or month first ("30/06/2030", "6.30.2030") stands for,
/// as it is to be written ("2030-06-30"; both readings when either could be meant).
fn other_order(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    let [a, b, y] = parts[..] else {
        return None;
    };
    let n = |t: &str| t.parse::<u32>().ok();
    let (a, b, y) = (n(a)?, n(b)?, i32::try_from(n(y)?).ok()?);
    if y < 1000 {
        return None;
    }
    let day_first = NaiveDate::from_ymd_opt(y, b, a);
    let month_first = NaiveDate::from_ymd_opt(y, a, b);
    match (day_first, month_first) {
        (Some(d), Some(m)) if d != m => Some(format!("{d} (day first) or {m} (month first)")),
        (Some(d), _) | (None, Some(d)) => Some(d.to_string()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    /// Issue 26 item 18: "30/06/2030" was refused as "input contains invalid characters",
    /// with no word of the format to use. Failed before: the message had no date in it.
    #[test]
    fn a_day_written_day_first_is_refused_with_the_format_to_use() {
        use super::parse_planning_date as p;
        assert_eq!(
            p("30/06/2030").expect_err("slashes"),
            "`30/06/2030` is not a date (YYYY-MM-DD): write it as 2030-06-30"
        );
        assert_eq!(
            p("06/07/2026").expect_err("either way"),
            "`06/07/2026` is not a date (YYYY-MM-DD): write it as 2026-07-06 (day first) or \
             2026-06-07 (month first)"
        );
        assert!(p("2027-01-15").is_ok());
    }

    /// Issue 13 ("smaller"): `--date` took year 0 and ±262142, where `w` then wrapped. Failed
    /// before the fix: there was no range and no function to check it.
    #[test]
    fn planning_dates_are_1900_to_2200() {
        use super::parse_planning_date as p;
        assert_eq!(
            p("2026-07-01"),
            Ok(NaiveDate::from_ymd_opt(2026, 7, 1).expect("date"))
        );
        assert!(p("1900-01-01").is_ok() && p("2200-12-31").is_ok());
        for bad in [
            "0000-01-01",
            "+262142-01-01",
            "-262142-01-01",
            "1899-12-31",
            "2201-01-01",
        ] {
            let err = p(bad).expect_err(bad);
            assert!(
                err.contains("1900 to 2200") || err.contains("not a date"),
                "{err}"
            );
        }
        assert!(
            p("0000-01-01")
                .expect_err("year 0")
                .contains("outside the planning years")
        );
        assert!(
            p("2026-13-01")
                .expect_err("month")
                .contains("not a date (YYYY-MM-DD)")
        );
    }

    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn partial_dates_parse_and_print_back() {
        for s in [
            "2024-10-15",
            "2024-10",
            "2024/25",
            "1999/00",
            "2011/12",
            "2011-12",
        ] {
            let p: PartialDate = s.parse().expect(s);
            assert_eq!(p.to_string(), s, "{s}");
        }
        assert_eq!(
            "2024/25".parse::<PartialDate>(),
            Ok(PartialDate::Season { start_year: 2024 })
        );
        assert_eq!(
            "2011-12".parse::<PartialDate>(),
            Ok(PartialDate::Month {
                year: 2011,
                month: 12
            })
        );
        for bad in [
            "2024-13-01",
            "2024-13",
            "2024/27",
            "2023-02-29",
            "yesterday",
            "2024/2025",
            "",
            "-",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad}");
        }
        assert!("2024-02-29".parse::<PartialDate>().is_ok());
    }

    #[test]
    fn earliest_day_of_each_kind() {
        assert_eq!(
            PartialDate::Month {
                year: 2024,
                month: 10
            }
            .earliest(),
            d("2024-10-01")
        );
        assert_eq!(
            PartialDate::Season { start_year: 2024 }.earliest(),
            d("2024-07-01")
        );
    }

    #[test]
    fn latest_day_of_each_kind() {
        let m = |year, month| PartialDate::Month { year, month };
        assert_eq!(m(2025, 7).latest(), d("2025-07-31"));
        assert_eq!(m(2028, 2).latest(), d("2028-02-29"));
        assert_eq!(m(2025, 12).latest(), d("2025-12-31"));
        assert_eq!(
            PartialDate::Season { start_year: 2024 }.latest(),
            d("2025-06-30")
        );
        assert_eq!(PartialDate::Day(d("2025-07-09")).latest(), d("2025-07-09"));
        assert_eq!(m(2026, 1).spoken(), "January 2026");
        assert_eq!(PartialDate::Day(d("2025-07-09")).spoken(), "2025-07-09");
    }

    #[test]
    fn windows_open_on_first_of_january_and_july() {
        assert_eq!(next_window(d("2025-11-09")), d("2026-01-01"));
        assert_eq!(next_window(d("2026-01-01")), d("2026-07-01"));
        assert_eq!(next_window(d("2026-06-30")), d("2026-07-01"));
        assert_eq!(next_window(d("2026-07-01")), d("2027-01-01"));
        assert_eq!(next_summer_window(d("2025-11-09")), d("2026-07-01"));
        assert_eq!(next_summer_window(d("2025-07-01")), d("2026-07-01"));
        assert_eq!(next_summer_window(d("2025-06-30")), d("2025-07-01"));
    }

    #[test]
    fn seasons_turn_on_first_of_july() {
        assert_eq!(season_of(d("2026-06-30")), 2025);
        assert_eq!(season_of(d("2026-07-01")), 2026);
        assert_eq!(season_end(d("2026-07-01")), d("2027-06-30"));
        assert_eq!(season_label(d("2099-12-01")), "2099/00");
    }

    #[test]
    fn month_moves_clamp_to_month_end() {
        assert_eq!(add_months(d("2026-01-31"), 1), d("2026-02-28"));
        assert_eq!(add_months(d("2028-01-31"), 1), d("2028-02-29"));
        assert_eq!(add_months(d("2028-02-29"), 12), d("2029-02-28"));
        assert_eq!(add_months(d("2026-07-01"), -12), d("2025-07-01"));
        assert_eq!(add_months(NaiveDate::MAX, 1), NaiveDate::MAX);
    }
}
