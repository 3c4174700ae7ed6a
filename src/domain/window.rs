//! Transfer windows: summer opens on 1 July, winter on 1 January (LaLiga and the Premier League).
//! Every move of a plan belongs to one. The real closing days vary by league and year and are
//! not modelled: a window counts as open through the end of its first two months in summer
//! (31 August) and its first month in winter (31 January), which is when a move made on the
//! board stops going into it.
//!
//! A leaf module: written in files as "summer 2026" / "winter 2027".

use super::dates::season_label;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Half {
    /// Opens 1 January.
    Winter,
    /// Opens 1 July.
    Summer,
}

/// One transfer window: the winter or summer window of a calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Window {
    year: i32,
    half: Half,
}

impl Window {
    pub fn summer(year: i32) -> Window {
        Window {
            year,
            half: Half::Summer,
        }
    }

    pub fn winter(year: i32) -> Window {
        Window {
            year,
            half: Half::Winter,
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn half(self) -> Half {
        self.half
    }

    /// The day it opens: 1 July or 1 January.
    pub fn opens(self) -> NaiveDate {
        let month = match self.half {
            Half::Summer => 7,
            Half::Winter => 1,
        };
        NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day a move made on the board still goes into it (31 August, 31 January): the
    /// nominal close, see the module's note.
    pub fn closes(self) -> NaiveDate {
        let (month, day) = match self.half {
            Half::Summer => (8, 31),
            Half::Winter => (1, 31),
        };
        NaiveDate::from_ymd_opt(self.year, month, day).unwrap_or(NaiveDate::MAX)
    }

    /// The window whose half of the season `date` falls in: July to December the summer
    /// window of that year, January to June the winter one (what money per window groups by).
    pub fn of(date: NaiveDate) -> Window {
        if date.month() >= 7 {
            Window::summer(date.year())
        } else {
            Window::winter(date.year())
        }
    }

    /// The window a move made at `date` goes into: the one open that day, else the next to
    /// open (1 Jul 2026 → summer 2026; 7 Dec 2026 → winter 2027; 15 Feb 2027 → summer 2027).
    pub fn next_open(date: NaiveDate) -> Window {
        let w = Window::of(date);
        if date <= w.closes() { w } else { w.next() }
    }

    pub fn next(self) -> Window {
        match self.half {
            Half::Summer => Window::winter(self.year.saturating_add(1)),
            Half::Winter => Window::summer(self.year),
        }
    }

    pub fn prev(self) -> Window {
        match self.half {
            Half::Summer => Window::winter(self.year),
            Half::Winter => Window::summer(self.year.saturating_sub(1)),
        }
    }

    /// Whether it has opened by `date`.
    pub fn opened_by(self, date: NaiveDate) -> bool {
        self.opens() <= date
    }

    /// "summer 2026 (2026/27)": the window and the season it belongs to.
    pub fn long_label(self) -> String {
        format!("{self} ({})", season_label(self.opens()))
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.half {
            Half::Summer => write!(f, "summer {}", self.year),
            Half::Winter => write!(f, "winter {}", self.year),
        }
    }
}

impl FromStr for Window {
    type Err = String;

    /// "summer 2026", "Winter 2027", "january 2027"; the day a window opens ("2026-07-01").
    fn from_str(s: &str) -> Result<Window, String> {
        let usage = "write a window as “summer 2026” or “winter 2027”";
        let t = s.trim();
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            let w = Window::of(d);
            return if w.opens() == d {
                Ok(w)
            } else {
                Err(format!(
                    "“{s}” is not the day a window opens (1 January or 1 July): {usage}"
                ))
            };
        }
        let mut words = t.split_whitespace();
        let (Some(half), Some(year), None) = (words.next(), words.next(), words.next()) else {
            return Err(format!("“{s}” is not a window: {usage}"));
        };
        // Any year a date can hold: a plan dated at the calendar's edge writes its window there.
        let year: i32 = year
            .parse()
            .ok()
            .filter(|y| NaiveDate::from_ymd_opt(*y, 1, 1).is_some())
            .ok_or_else(|| format!("“{s}”: the year is not one a date can hold: {usage}"))?;
        match half.to_lowercase().as_str() {
            "summer" | "july" => Ok(Window::summer(year)),
            "winter" | "january" => Ok(Window::winter(year)),
            _ => Err(format!("“{s}” is not a window: {usage}")),
        }
    }
}

impl Serialize for Window {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Window {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Window, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn a_move_goes_into_the_window_open_that_day_or_the_next() {
        assert_eq!(Window::next_open(d(2026, 7, 1)), Window::summer(2026));
        assert_eq!(Window::next_open(d(2026, 8, 31)), Window::summer(2026));
        assert_eq!(Window::next_open(d(2026, 9, 1)), Window::winter(2027));
        assert_eq!(Window::next_open(d(2026, 12, 7)), Window::winter(2027));
        assert_eq!(Window::next_open(d(2027, 1, 31)), Window::winter(2027));
        assert_eq!(Window::next_open(d(2027, 2, 1)), Window::summer(2027));
        assert_eq!(Window::next_open(d(2027, 6, 30)), Window::summer(2027));
    }

    #[test]
    fn windows_read_and_write_as_people_say_them() {
        for w in [Window::summer(2026), Window::winter(2027)] {
            assert_eq!(w.to_string().parse::<Window>(), Ok(w));
        }
        assert_eq!("Winter 2027".parse::<Window>(), Ok(Window::winter(2027)));
        assert_eq!("2026-07-01".parse::<Window>(), Ok(Window::summer(2026)));
        assert!("2026-07-02".parse::<Window>().is_err());
        assert!("autumn 2026".parse::<Window>().is_err());
        assert!("summer 999999".parse::<Window>().is_err());
        assert_eq!(Window::summer(2026).long_label(), "summer 2026 (2026/27)");
        assert_eq!(Window::winter(2027).long_label(), "winter 2027 (2026/27)");
        assert!(Window::winter(2027) > Window::summer(2026));
        assert_eq!(Window::summer(2026).next(), Window::winter(2027));
        assert_eq!(Window::winter(2027).prev(), Window::summer(2026));
    }
}
