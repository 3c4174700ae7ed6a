//! A player as the data files describe him: positions, club, contract, injuries and notes, each
//! sourced to a report where the data is reported.

use super::dates::PartialDate;
use super::ids::{PlayerId, ReportId};
use super::money::Fee;
use super::position::Position;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Foot {
    Right,
    Left,
    Both,
}

/// An injury as reported: what, since when, and when he is expected back (often unknown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Injury {
    pub what: String,
    #[serde(default)]
    pub since: Option<PartialDate>,
    #[serde(default)]
    pub expected_return: Option<NaiveDate>,
    /// Latest word on it, in our own words ("back in individual training").
    #[serde(default)]
    pub latest: Option<String>,
    #[serde(default)]
    pub sources: Vec<ReportId>,
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
    /// The last day of his contract.
    #[serde(default)]
    pub contract_until: Option<NaiveDate>,
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
            market_value: None,
            number: None,
            position,
            secondary: Vec::new(),
            injuries: Vec::new(),
            notes: Vec::new(),
            left: None,
        }
    }

    pub fn plays(&self, pos: Position) -> bool {
        self.position == Some(pos) || self.secondary.contains(&pos)
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

    /// The short form used in tight cells: `known_as`, else the last word of the name.
    pub fn short_name(&self) -> &str {
        if let Some(k) = &self.known_as {
            return k;
        }
        self.name.rsplit(' ').next().unwrap_or(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
