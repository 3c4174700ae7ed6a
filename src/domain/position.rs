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

    /// The positions whose players can fill a slot asking for `self` when its own column has
    /// nobody left, best first. A small explicit table, not a similarity score:
    ///
    /// | slot | filled next by |
    /// |---|---|
    /// | RWB / LWB | the full-back of that side (RB / LB), then the winger (RW / LW) |
    /// | RB / LB | the wing-back of that side (RWB / LWB) |
    /// | DM | CM |
    /// | CM | DM, then AM |
    /// | AM | CM |
    /// | RW / LW | the other winger, then ST |
    /// | ST | RW, LW |
    ///
    /// Goalkeepers and centre-backs have no stand-ins here: a midfielder at CB is a choice the
    /// user makes by dragging him there, never one the XI makes on its own.
    pub fn stand_ins(self) -> &'static [Position] {
        use Position::*;
        match self {
            RWB => &[RB, RW],
            LWB => &[LB, LW],
            RB => &[RWB],
            LB => &[LWB],
            DM => &[CM],
            CM => &[DM, AM],
            AM => &[CM],
            RW => &[LW, ST],
            LW => &[RW, ST],
            ST => &[RW, LW],
            GK | CB => &[],
        }
    }

    /// Whether a player whose positions are `main` and `secondary` can fill a slot asking for
    /// `self`, and how well.
    pub fn fit_of(self, main: Option<Position>, secondary: &[Position]) -> PositionFit {
        if main == Some(self) {
            PositionFit::Main
        } else if secondary.contains(&self) {
            PositionFit::Secondary
        } else if main.is_some_and(|m| self.stand_ins().contains(&m))
            || secondary.iter().any(|s| self.stand_ins().contains(s))
        {
            PositionFit::StandIn
        } else {
            PositionFit::Out
        }
    }

    pub fn parse(s: &str) -> Option<Position> {
        let up = s.trim().to_ascii_uppercase();
        Position::ALL.into_iter().find(|p| p.label() == up)
    }
}

/// How a player fits a slot's position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionFit {
    /// His main position.
    Main,
    /// One of his secondary positions.
    Secondary,
    /// A position the table in [`Position::stand_ins`] lets one of his positions fill.
    StandIn,
    /// None of these.
    Out,
}

impl PositionFit {
    /// Playing somewhere other than his main position (including out of position).
    pub fn is_off_main(self) -> bool {
        self != PositionFit::Main
    }

    /// The mark shown beside his name in a slot that is not his main position: `'` for a
    /// secondary position or a stand-in, `!` out of position.
    pub fn mark(self) -> &'static str {
        match self {
            PositionFit::Main => "",
            PositionFit::Secondary | PositionFit::StandIn => "'",
            PositionFit::Out => "!",
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::Position::*;
    use super::*;

    /// Written first, to fail on main: there was no compatibility table, so a full-back never
    /// filled a wing-back slot.
    #[test]
    fn full_backs_fill_wing_back_slots_and_the_table_is_small() {
        assert_eq!(RWB.fit_of(Some(RB), &[]), PositionFit::StandIn);
        assert_eq!(LWB.fit_of(Some(LB), &[]), PositionFit::StandIn);
        assert_eq!(RB.fit_of(Some(RWB), &[]), PositionFit::StandIn);
        assert_eq!(RB.fit_of(Some(RB), &[]), PositionFit::Main);
        assert_eq!(RB.fit_of(Some(CM), &[RB]), PositionFit::Secondary);
        // The other side is not a stand-in, nor is a centre-back anywhere.
        assert_eq!(RWB.fit_of(Some(LB), &[]), PositionFit::Out);
        assert_eq!(CB.fit_of(Some(DM), &[]), PositionFit::Out);
        assert_eq!(GK.fit_of(None, &[]), PositionFit::Out);
        // A secondary position counts for stand-ins too: CM (DM, LB) can fill LWB.
        assert_eq!(LWB.fit_of(Some(CM), &[DM, LB]), PositionFit::StandIn);
        for p in Position::ALL {
            assert!(!p.stand_ins().contains(&p), "{p} stands in for itself");
            assert!(p.stand_ins().len() <= 2, "{p}: keep the table small");
        }
        assert_eq!(PositionFit::Main.mark(), "");
        assert!(PositionFit::StandIn.is_off_main() && !PositionFit::Main.is_off_main());
    }
}
