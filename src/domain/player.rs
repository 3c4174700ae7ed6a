//! A player as the data files describe him: positions, club, contract, injuries and notes, each
//! sourced to a report where the data is reported.

use super::dates::PartialDate;
use super::ids::{PlayerId, ReportId};
use super::money::Fee;
use super::position::Position;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Foot {
    Right,
    Left,
    Both,
}

/// When a player is back from an injury: known to the day (his first day back), or only to the
/// month ("back by July 2025": some day in that month, so fit from the first day after it), and
/// either a fact or only what was expected when it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Return {
    pub on: PartialDate,
    /// Reported as expected at the time, not seen to happen.
    #[serde(default)]
    pub expected: bool,
}

impl Return {
    /// A return known to the day, as a fact.
    pub fn on_day(day: NaiveDate) -> Return {
        Return {
            on: PartialDate::Day(day),
            expected: false,
        }
    }

    /// The first day he counts as fit: the day itself, or the day after the month (or season)
    /// he is back by — never a day the facts do not give.
    pub fn fit_from(self) -> NaiveDate {
        match self.on {
            PartialDate::Day(d) => d,
            other => other.latest().succ_opt().unwrap_or(NaiveDate::MAX),
        }
    }
}

impl fmt::Display for Return {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.expected {
            f.write_str("expected ")?;
        }
        match self.on {
            PartialDate::Day(d) => write!(f, "back {}", d.format("%Y-%m-%d")),
            other => write!(f, "back by {}", other.spoken()),
        }
    }
}

/// An injury as reported: what, since when, and when he is (or was expected) back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "InjuryFile", into = "InjuryFile")]
pub struct Injury {
    pub what: String,
    pub since: Option<PartialDate>,
    /// Unknown when nobody has said.
    pub back: Option<Return>,
    /// Latest word on it, in our own words ("back in individual training").
    pub latest: Option<String>,
    pub sources: Vec<ReportId>,
}

/// An injury as files write it. Older files give `expected_return: "YYYY-MM-DD"`, read as an
/// expected return on that day; files are written with `back`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename = "Injury", deny_unknown_fields)]
struct InjuryFile {
    what: String,
    #[serde(default)]
    since: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    back: Option<Return>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expected_return: Option<NaiveDate>,
    #[serde(default)]
    latest: Option<String>,
    #[serde(default)]
    sources: Vec<ReportId>,
}

impl From<InjuryFile> for Injury {
    fn from(f: InjuryFile) -> Injury {
        let legacy = f.expected_return.map(|d| Return {
            on: PartialDate::Day(d),
            expected: true,
        });
        Injury {
            what: f.what,
            since: f.since,
            back: f.back.or(legacy),
            latest: f.latest,
            sources: f.sources,
        }
    }
}

impl From<Injury> for InjuryFile {
    fn from(i: Injury) -> InjuryFile {
        InjuryFile {
            what: i.what,
            since: i.since,
            back: i.back,
            expected_return: None,
            latest: i.latest,
            sources: i.sources,
        }
    }
}

/// Time away from the club with dates, like a loan out: unavailable from `from` to `until`
/// (the last day away, inclusive; the end of the month when only the month is known).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Absence {
    /// What it is, in our own words ("on loan at Lyon").
    pub what: String,
    pub from: PartialDate,
    #[serde(default)]
    pub until: Option<PartialDate>,
    /// The day it was announced.
    #[serde(default)]
    pub announced: Option<NaiveDate>,
    #[serde(default)]
    pub sources: Vec<ReportId>,
}

/// A contract end the press reported but the club never announced: kept apart from
/// `contract_until` and shown as reported ("2030?").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedContract {
    /// The year the reports give; no day is known.
    pub until_year: i32,
    #[serde(default)]
    pub source: Option<ReportId>,
}

/// An age a report gave on a day, when the birth date itself is not known ("22 on 2025-11-09").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedAge {
    pub age: u32,
    pub on: NaiveDate,
}

/// A fact about a player from a report, in our own words, with the report it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub text: String,
    #[serde(default)]
    pub source: Option<ReportId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Player {
    pub id: PlayerId,
    pub name: String,
    /// The short name the game uses for him ("Rivero" for Lautaro Rubén Rivero Cruz).
    #[serde(default)]
    pub known_as: Option<String>,
    /// Other names people search for him by ("Alvaro Fernandez").
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub born: Option<NaiveDate>,
    #[serde(default)]
    pub reported_age: Option<ReportedAge>,
    #[serde(default)]
    pub nationality: Option<String>,
    #[serde(default)]
    pub foot: Option<Foot>,
    pub club: String,
    /// The last day of his contract, as announced.
    #[serde(default)]
    pub contract_until: Option<NaiveDate>,
    /// A contract end only the press gave; never used as `contract_until`.
    #[serde(default)]
    pub contract_reported: Option<ReportedContract>,
    #[serde(default)]
    pub market_value: Option<Fee>,
    #[serde(default)]
    pub number: Option<u8>,
    /// Unknown for a player the data has only seen used out of position.
    #[serde(default)]
    pub position: Option<Position>,
    #[serde(default)]
    pub secondary: Vec<Position>,
    #[serde(default)]
    pub injuries: Vec<Injury>,
    /// Dated time away (loans out).
    #[serde(default)]
    pub absences: Vec<Absence>,
    #[serde(default)]
    pub notes: Vec<Note>,
    /// The day he left the club (the exit announced): from this day on he is a former player,
    /// in no squad list, depth column or XI. Unknown/none for a player still at the club.
    #[serde(default)]
    pub left: Option<NaiveDate>,
}

impl Player {
    /// A player with only the required fields set; everything else unknown.
    pub fn new(id: &str, name: &str, club: &str, position: Option<Position>) -> Player {
        Player {
            id: PlayerId::new(id),
            name: name.to_string(),
            known_as: None,
            aliases: Vec::new(),
            born: None,
            reported_age: None,
            nationality: None,
            foot: None,
            club: club.to_string(),
            contract_until: None,
            contract_reported: None,
            market_value: None,
            number: None,
            position,
            secondary: Vec::new(),
            injuries: Vec::new(),
            absences: Vec::new(),
            notes: Vec::new(),
            left: None,
        }
    }

    pub fn plays(&self, pos: Position) -> bool {
        self.position == Some(pos) || self.secondary.contains(&pos)
    }

    /// How he fits a slot asking for `pos` (see [`Position::stand_ins`]).
    pub fn fit_at(&self, pos: Position) -> super::position::PositionFit {
        pos.fit_of(self.position, &self.secondary)
    }

    /// "CB" or "CB/LB" or "?" when unknown.
    pub fn positions_label(&self) -> String {
        let mut out = self
            .position
            .map(|p| p.label().to_string())
            .unwrap_or_else(|| "?".into());
        for p in &self.secondary {
            out.push('/');
            out.push_str(p.label());
        }
        out
    }

    /// The name lists show: the one people use (`known_as`, "Rivero"), else the full name. The
    /// details show the full name.
    pub fn list_name(&self) -> &str {
        self.known_as.as_deref().unwrap_or(&self.name)
    }

    /// The short form used in tight cells: `known_as`, else the surname — the last word of the
    /// name with the particles before it ("van Dijk", "de Jong", "van der Vaart"). The one
    /// source of short names: `domain::scenario::short_name` and [`distinct_short_names`] use
    /// it.
    pub fn short_name(&self) -> &str {
        if let Some(k) = &self.known_as {
            return k;
        }
        surname(self.name.trim())
    }
}

/// Words that belong to the surname after them ("van Dijk"), compared ignoring case.
const PARTICLES: [&str; 20] = [
    "van", "der", "den", "de", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le",
    "von", "zu", "ter", "ten", "bin", "al",
];

/// The last word of `name` with the particles before it; never the first word alone unless the
/// name is one word, so "De Bruyne" keeps his "De" but "Da Silva" alone stays whole.
fn surname(name: &str) -> &str {
    let starts: Vec<usize> = name
        .char_indices()
        .filter(|(i, c)| !c.is_whitespace() && (*i == 0 || name[..*i].ends_with(' ')))
        .map(|(i, _)| i)
        .collect();
    let Some(mut k) = starts.len().checked_sub(1) else {
        return name;
    };
    while k > 1 {
        let word = name[starts[k - 1]..starts[k]].trim();
        if !PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(word)) {
            break;
        }
        k -= 1;
    }
    &name[starts[k]..]
}

/// Short names for a set of players drawn together, in the same order: where two short names
/// collide, each gets the initial of his first name ("M. Zárate", "J. Zárate"); where those
/// still collide (or a one-word name has no initial to give), the full name.
pub fn distinct_short_names(players: &[&Player]) -> Vec<String> {
    use std::collections::HashMap;
    fn count<'a>(names: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
        let mut n = HashMap::new();
        for name in names {
            *n.entry(name.to_lowercase()).or_insert(0) += 1;
        }
        n
    }
    let short: Vec<&str> = players.iter().map(|p| p.short_name()).collect();
    let seen = count(short.iter().copied());
    let with_initial: Vec<String> = players
        .iter()
        .zip(&short)
        .map(|(p, s)| {
            if seen.get(&s.to_lowercase()).copied().unwrap_or(0) < 2 {
                return s.to_string();
            }
            let first = p.name.split_whitespace().next().unwrap_or("");
            match first.chars().next() {
                Some(c) if first != *s && p.name.trim() != *s => format!("{c}. {s}"),
                _ => p.name.clone(),
            }
        })
        .collect();
    let seen = count(with_initial.iter().map(String::as_str));
    with_initial
        .into_iter()
        .zip(players)
        .map(|(n, p)| {
            if seen.get(&n.to_lowercase()).copied().unwrap_or(0) > 1 {
                p.name.clone()
            } else {
                n
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_say_how_much_is_known() {
        let day = NaiveDate::from_ymd_opt(2025, 7, 9).expect("date");
        assert_eq!(Return::on_day(day).to_string(), "back 2025-07-09");
        assert_eq!(Return::on_day(day).fit_from(), day);
        let month = Return {
            on: PartialDate::Month {
                year: 2026,
                month: 4,
            },
            expected: true,
        };
        assert_eq!(month.to_string(), "expected back by April 2026");
        assert_eq!(
            month.fit_from(),
            NaiveDate::from_ymd_opt(2026, 5, 1).expect("date")
        );
    }

    #[test]
    fn old_files_expected_return_still_loads() {
        let old =
            r#"Injury(what: "ACL", since: Some("2024-10"), expected_return: Some("2025-08-01"))"#;
        let inj: Injury = ron::from_str(old).expect("old injury");
        assert_eq!(
            inj.back,
            Some(Return {
                on: PartialDate::Day(NaiveDate::from_ymd_opt(2025, 8, 1).expect("date")),
                expected: true
            })
        );
        // Written back in the new form, and read again the same.
        let text = ron::to_string(&inj).expect("write");
        assert!(!text.contains("expected_return"), "{text}");
        assert_eq!(ron::from_str::<Injury>(&text).expect("reread"), inj);
        let bad = r#"Injury(what: "ACL", returns: "2025-08-01")"#;
        assert!(ron::from_str::<Injury>(bad).is_err());
    }

    /// Written first, to fail on main: "Milan van Dijk" was shown as "Dijk", and two Zárates
    /// as "Zárate" twice.
    #[test]
    fn short_names_keep_particles_and_tell_namesakes_apart() {
        let p = |name: &str| Player::new("x", name, "Club", None);
        assert_eq!(p("Milan van Dijk").short_name(), "van Dijk");
        assert_eq!(p("Rafael van der Vaart").short_name(), "van der Vaart");
        assert_eq!(p("Frenkie de Jong").short_name(), "de Jong");
        assert_eq!(p("Kevin De Bruyne").short_name(), "De Bruyne");
        assert_eq!(p("Rui dos Santos").short_name(), "dos Santos");
        assert_eq!(p("Da Silva").short_name(), "Silva");
        assert_eq!(p("Rodrygo").short_name(), "Rodrygo");
        assert_eq!(p("  ").short_name(), "");
        assert_eq!(p("Federico Valverde").short_name(), "Valverde");
        let (m, j, v, r) = (
            p("Matías Zárate"),
            p("Juan Zárate"),
            p("Federico Valverde"),
            p("Rodrygo"),
        );
        assert_eq!(
            distinct_short_names(&[&m, &v, &j, &r]),
            ["M. Zárate", "Valverde", "J. Zárate", "Rodrygo"]
        );
        // Same initial: the full names.
        let (a, b) = (p("Arda Güler"), p("Ayşe Güler"));
        assert_eq!(
            distinct_short_names(&[&a, &b]),
            ["Arda Güler", "Ayşe Güler"]
        );
        // `known_as` collisions are told apart the same way.
        let mut k1 = p("Lautaro Rivero Cruz");
        k1.known_as = Some("Rivero".into());
        let k2 = p("Pablo Rivero");
        assert_eq!(
            distinct_short_names(&[&k1, &k2]),
            ["L. Rivero", "P. Rivero"]
        );
    }

    #[test]
    fn positions_label_marks_unknown() {
        let mut p = Player::new("x", "Federico Valverde", "Real Madrid", None);
        assert_eq!(p.positions_label(), "?");
        p.position = Some(Position::CB);
        p.secondary.push(Position::LB);
        assert_eq!(p.positions_label(), "CB/LB");
        assert!(p.plays(Position::LB) && !p.plays(Position::RB));
        assert_eq!(p.short_name(), "Valverde");
    }
}
