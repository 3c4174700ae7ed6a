//! Formations (4-3-3, 4-4-2, …) and their slots: the position each slot asks for and where it
//! stands on the pitch.

use super::position::Position;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A slot of a formation: what it is called, the position it asks for, and where it stands on a
/// pitch seen with the team attacking upwards (`x` 0 = left touchline .. 100, `y` 0 = own goal ..
/// 100).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub key: &'static str,
    pub label: &'static str,
    pub position: Position,
    pub x: u8,
    pub y: u8,
}

const fn s(key: &'static str, label: &'static str, position: Position, x: u8, y: u8) -> Slot {
    Slot {
        key,
        label,
        position,
        x,
        y,
    }
}

use Position::*;

const GK_SLOT: Slot = s("GK", "goalkeeper", GK, 50, 4);

// Within a line, slots run right to left so the first name in a depth column takes the right-hand
// slot: "Konaté → right CB" is the top of the CB column.
const F433: [Slot; 11] = [
    GK_SLOT,
    s("RB", "right-back", RB, 88, 24),
    s("RCB", "right CB", CB, 63, 18),
    s("LCB", "left CB", CB, 37, 18),
    s("LB", "left-back", LB, 12, 24),
    s("DM", "holding mid", DM, 50, 40),
    s("RCM", "right CM", CM, 72, 52),
    s("LCM", "left CM", CM, 28, 52),
    s("RW", "right wing", RW, 85, 78),
    s("ST", "striker", ST, 50, 86),
    s("LW", "left wing", LW, 15, 78),
];

const F4231: [Slot; 11] = [
    GK_SLOT,
    s("RB", "right-back", RB, 88, 24),
    s("RCB", "right CB", CB, 63, 18),
    s("LCB", "left CB", CB, 37, 18),
    s("LB", "left-back", LB, 12, 24),
    s("RDM", "right DM", DM, 63, 40),
    s("LDM", "left DM", DM, 37, 40),
    s("RW", "right wing", RW, 85, 66),
    s("AM", "No. 10", AM, 50, 64),
    s("LW", "left wing", LW, 15, 66),
    s("ST", "striker", ST, 50, 86),
];

const F442: [Slot; 11] = [
    GK_SLOT,
    s("RB", "right-back", RB, 88, 24),
    s("RCB", "right CB", CB, 63, 18),
    s("LCB", "left CB", CB, 37, 18),
    s("LB", "left-back", LB, 12, 24),
    s("RM", "right mid", RW, 88, 54),
    s("RCM", "right CM", CM, 63, 48),
    s("LCM", "left CM", CM, 37, 48),
    s("LM", "left mid", LW, 12, 54),
    s("RST", "right ST", ST, 63, 84),
    s("LST", "left ST", ST, 37, 84),
];

const F352: [Slot; 11] = [
    GK_SLOT,
    s("RCB", "right CB", CB, 75, 18),
    s("CCB", "centre CB", CB, 50, 16),
    s("LCB", "left CB", CB, 25, 18),
    s("RWB", "right wing-back", RWB, 90, 46),
    s("DM", "holding mid", DM, 50, 38),
    s("RCM", "right CM", CM, 68, 54),
    s("LCM", "left CM", CM, 32, 54),
    s("LWB", "left wing-back", LWB, 10, 46),
    s("RST", "right ST", ST, 63, 84),
    s("LST", "left ST", ST, 37, 84),
];

const F343: [Slot; 11] = [
    GK_SLOT,
    s("RCB", "right CB", CB, 75, 18),
    s("CCB", "centre CB", CB, 50, 16),
    s("LCB", "left CB", CB, 25, 18),
    s("RWB", "right wing-back", RWB, 90, 46),
    s("RCM", "right CM", CM, 63, 46),
    s("LCM", "left CM", CM, 37, 46),
    s("LWB", "left wing-back", LWB, 10, 46),
    s("RW", "right wing", RW, 82, 76),
    s("ST", "striker", ST, 50, 84),
    s("LW", "left wing", LW, 18, 76),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Formation {
    #[default]
    F433,
    F4231,
    F442,
    F352,
    F343,
}

impl Formation {
    pub const ALL: [Formation; 5] = [
        Formation::F433,
        Formation::F4231,
        Formation::F442,
        Formation::F352,
        Formation::F343,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Formation::F433 => "4-3-3",
            Formation::F4231 => "4-2-3-1",
            Formation::F442 => "4-4-2",
            Formation::F352 => "3-5-2",
            Formation::F343 => "3-4-3",
        }
    }

    pub fn slots(self) -> &'static [Slot; 11] {
        match self {
            Formation::F433 => &F433,
            Formation::F4231 => &F4231,
            Formation::F442 => &F442,
            Formation::F352 => &F352,
            Formation::F343 => &F343,
        }
    }

    pub fn next(self) -> Formation {
        let i = Formation::ALL.iter().position(|f| *f == self).unwrap_or(0);
        Formation::ALL[(i + 1) % Formation::ALL.len()]
    }

    /// The back-line positions this formation uses, right to left, each once ("RB, CB, LB").
    pub fn back_line(self) -> Vec<Position> {
        let mut order: Vec<&Slot> = self
            .slots()
            .iter()
            .filter(|s| s.position.is_back_line())
            .collect();
        // Deepest line first, then right to left.
        order.sort_by_key(|s| (s.position == DM, std::cmp::Reverse(s.x)));
        let mut out = Vec::new();
        for s in order {
            if !out.contains(&s.position) {
                out.push(s.position);
            }
        }
        out
    }

    /// The slot position a column of `pos` players feeds when the formation has no slot of its
    /// own for it (3-5-2's right-backs stand in at RWB): `None` when it has one, or none of
    /// its slots takes `pos` as a stand-in.
    pub fn stands_in_at(self, pos: Position) -> Option<Position> {
        if self.slots_for(pos) > 0 {
            return None;
        }
        self.slots()
            .iter()
            .map(|s| s.position)
            .find(|slot| slot.stand_ins().contains(&pos))
    }

    /// The header of a depth column for `pos`, short enough for the narrowest column (12
    /// characters): "CB", "CB ×3", "RB → RWB" (feeds another slot), "RB · no slot".
    pub fn column_header(self, pos: Position) -> String {
        match (self.slots_for(pos), self.stands_in_at(pos)) {
            (0, Some(at)) => format!("{pos} → {at}"),
            (0, None) => format!("{pos} · no slot"),
            (1, _) => pos.label().to_string(),
            (n, _) => format!("{pos} ×{n}"),
        }
    }

    /// How many slots ask for `pos`.
    pub fn slots_for(self, pos: Position) -> usize {
        self.slots().iter().filter(|s| s.position == pos).count()
    }
}

impl fmt::Display for Formation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Formation {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Formation::ALL
            .into_iter()
            .find(|f| f.name() == s.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = Formation::ALL.iter().map(|f| f.name()).collect();
                format!(
                    "unknown formation `{s}`: expected one of {}",
                    names.join(", ")
                )
            })
    }
}

impl TryFrom<String> for Formation {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Formation> for String {
    fn from(f: Formation) -> String {
        f.name().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formation_has_one_keeper_and_ten_outfielders_named_uniquely() {
        for f in Formation::ALL {
            let slots = f.slots();
            assert_eq!(slots.iter().filter(|s| s.position == GK).count(), 1, "{f}");
            let mut keys: Vec<&str> = slots.iter().map(|s| s.key).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), 11, "{f}");
            let outfield: usize = f
                .name()
                .split('-')
                .map(|n| n.parse::<usize>().unwrap_or(0))
                .sum();
            assert_eq!(outfield, 10, "{f}");
            assert_eq!(f.name().parse::<Formation>(), Ok(f));
        }
        assert!("4-5-1".parse::<Formation>().is_err());
    }

    #[test]
    fn back_lines_run_right_to_left() {
        assert_eq!(Formation::F433.back_line(), vec![RB, CB, LB, DM]);
        assert_eq!(Formation::F352.back_line(), vec![RWB, CB, LWB, DM]);
        assert_eq!(Formation::F343.back_line(), vec![RWB, CB, LWB]);
        assert_eq!(Formation::F433.slots_for(CB), 2);
        assert_eq!(Formation::F352.slots_for(CB), 3);
    }

    /// Written first, to fail on main: the header was "RB (not in 3-5-2)", cut to "RB (not in"
    /// in a 13-character column.
    #[test]
    fn column_headers_fit_the_narrowest_column() {
        assert_eq!(Formation::F352.column_header(RB), "RB → RWB");
        assert_eq!(Formation::F352.column_header(LB), "LB → LWB");
        assert_eq!(Formation::F352.column_header(CB), "CB ×3");
        assert_eq!(Formation::F433.column_header(RWB), "RWB → RB");
        assert_eq!(Formation::F433.column_header(DM), "DM");
        assert_eq!(Formation::F352.column_header(AM), "AM → CM");
        assert_eq!(Formation::F433.column_header(AM), "AM → CM");
        assert_eq!(Formation::F4231.column_header(GK), "GK");
        for f in Formation::ALL {
            for p in Position::ALL {
                let h = f.column_header(p);
                assert!(h.chars().count() <= 12, "{f} {p}: {h}");
            }
        }
    }

    #[test]
    fn cycling_visits_every_formation() {
        let mut f = Formation::F433;
        for _ in 0..5 {
            f = f.next();
        }
        assert_eq!(f, Formation::F433);
    }
}
