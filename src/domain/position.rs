//! Positions on the pitch (GK, CB, …) and their labels.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A position on the pitch, from the goal outwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Position {
    GK,
    RB,
    RWB,
    CB,
    LB,
    LWB,
    DM,
    CM,
    AM,
    RW,
    LW,
    ST,
}

impl Position {
    pub const ALL: [Position; 12] = [
        Position::GK,
        Position::RB,
        Position::RWB,
        Position::CB,
        Position::LB,
        Position::LWB,
        Position::DM,
        Position::CM,
        Position::AM,
        Position::RW,
        Position::LW,
        Position::ST,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Position::GK => "GK",
            Position::RB => "RB",
            Position::RWB => "RWB",
            Position::CB => "CB",
            Position::LB => "LB",
            Position::LWB => "LWB",
            Position::DM => "DM",
            Position::CM => "CM",
            Position::AM => "AM",
            Position::RW => "RW",
            Position::LW => "LW",
            Position::ST => "ST",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Position::GK => "goalkeeper",
            Position::RB => "right-back",
            Position::RWB => "right wing-back",
            Position::CB => "centre-back",
            Position::LB => "left-back",
            Position::LWB => "left wing-back",
            Position::DM => "defensive midfielder",
            Position::CM => "central midfielder",
            Position::AM => "attacking midfielder",
            Position::RW => "right winger",
            Position::LW => "left winger",
            Position::ST => "striker",
        }
    }

    /// Whether this position belongs to the back line the depth chart shows (defenders and the
    /// screening midfielder).
    pub fn is_back_line(self) -> bool {
        matches!(
            self,
            Position::RB
                | Position::RWB
                | Position::CB
                | Position::LB
                | Position::LWB
                | Position::DM
        )
    }

    pub fn parse(s: &str) -> Option<Position> {
        let up = s.trim().to_ascii_uppercase();
        Position::ALL.into_iter().find(|p| p.label() == up)
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}
