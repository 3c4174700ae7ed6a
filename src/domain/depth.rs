//! The depth chart: per position, the players in the order the coach would pick them.

use super::formation::Formation;
use super::ids::PlayerId;
use super::position::Position;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Per position, the players in the order the coach would pick them. A player may stand in
/// several columns (Alaba at CB and LB); the XI takes him once.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepthChart {
    #[serde(default)]
    pub formation: Formation,
    pub columns: BTreeMap<Position, Vec<PlayerId>>,
}

impl DepthChart {
    pub fn column(&self, pos: Position) -> &[PlayerId] {
        self.columns.get(&pos).map_or(&[], Vec::as_slice)
    }

    /// The projected XI: each slot, in formation order, takes the highest player of its
    /// position's column who is not already in the XI; a slot left empty then takes the
    /// highest free player of a column that stands in for it ([`Position::stand_ins`]).
    pub fn xi(&self, formation: Formation) -> [Option<PlayerId>; 11] {
        self.xi_with(formation, |_| true)
    }

    /// The projected XI taking only players `eligible` allows: a player it refuses is passed
    /// over and the next one in his column plays.
    pub fn xi_with(
        &self,
        formation: Formation,
        eligible: impl Fn(&PlayerId) -> bool,
    ) -> [Option<PlayerId>; 11] {
        let mut out: [Option<PlayerId>; 11] = Default::default();
        let free = |out: &[Option<PlayerId>; 11], id: &PlayerId| {
            !out.iter().flatten().any(|taken| taken == id) && eligible(id)
        };
        for (i, slot) in formation.slots().iter().enumerate() {
            out[i] = self
                .column(slot.position)
                .iter()
                .find(|id| free(&out, id))
                .cloned();
        }
        // A slot its own column cannot fill takes the top free player of a column that stands
        // in for it (a right-back at right wing-back). A second pass, so a stand-in never takes
        // a player another slot's own column would have picked.
        for (i, slot) in formation.slots().iter().enumerate() {
            if out[i].is_some() {
                continue;
            }
            out[i] = slot
                .position
                .stand_ins()
                .iter()
                .find_map(|pos| self.column(*pos).iter().find(|id| free(&out, id)))
                .cloned();
        }
        out
    }

    /// Every player in every column, column by column (a player in two columns comes twice).
    pub fn players(&self) -> impl Iterator<Item = &PlayerId> {
        self.columns.values().flatten()
    }

    pub fn contains(&self, id: &PlayerId) -> bool {
        self.columns.values().any(|c| c.contains(id))
    }

    /// Positions whose column holds `id`.
    pub fn positions_of(&self, id: &PlayerId) -> Vec<Position> {
        self.columns
            .iter()
            .filter(|(_, c)| c.contains(id))
            .map(|(p, _)| *p)
            .collect()
    }

    /// Puts `id` into `pos` at `index` (clamped), taking him out of that column first if he was
    /// already in it.
    pub fn insert(&mut self, pos: Position, index: usize, id: PlayerId) {
        let col = self.columns.entry(pos).or_default();
        col.retain(|p| *p != id);
        let at = index.min(col.len());
        col.insert(at, id);
    }

    /// Takes `id` out of one column. Returns his index there, if he was in it.
    pub fn remove(&mut self, pos: Position, id: &PlayerId) -> Option<usize> {
        let col = self.columns.get_mut(&pos)?;
        let at = col.iter().position(|p| p == id)?;
        col.remove(at);
        if col.is_empty() {
            self.columns.remove(&pos);
        }
        Some(at)
    }

    /// Takes `id` out of every column.
    pub fn remove_everywhere(&mut self, id: &PlayerId) {
        for col in self.columns.values_mut() {
            col.retain(|p| p != id);
        }
        self.columns.retain(|_, c| !c.is_empty());
    }

    /// Moves the player at `from` one step up (`-1`) or down (`+1`) his column. Returns the new
    /// index, or `None` when he is already at that end.
    pub fn shift(&mut self, pos: Position, from: usize, delta: isize) -> Option<usize> {
        let col = self.columns.get_mut(&pos)?;
        let to = from.checked_add_signed(delta)?;
        if from >= col.len() || to >= col.len() {
            return None;
        }
        col.swap(from, to);
        Some(to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Position::*;

    fn id(s: &str) -> PlayerId {
        PlayerId::new(s)
    }

    fn chart() -> DepthChart {
        let mut d = DepthChart::default();
        for (p, names) in [
            (CB, vec!["huijsen", "rudiger", "militao", "alaba"]),
            (RB, vec!["taa", "carvajal"]),
            (LB, vec!["alaba", "carreras"]),
        ] {
            d.columns.insert(p, names.into_iter().map(id).collect());
        }
        d
    }

    #[test]
    fn xi_takes_the_top_of_each_column_once() {
        let mut d = chart();
        let xi = d.xi(Formation::F433);
        let at = |k: &str, xi: &[Option<PlayerId>; 11]| {
            let i = Formation::F433
                .slots()
                .iter()
                .position(|s| s.key == k)
                .expect("slot");
            xi[i].clone()
        };
        assert_eq!(at("RCB", &xi), Some(id("huijsen")));
        assert_eq!(at("LCB", &xi), Some(id("rudiger")));
        assert_eq!(at("LB", &xi), Some(id("alaba")));
        assert_eq!(at("GK", &xi), None);
        // Alaba is moved to the top of CB: he plays CB and LB falls to the next man.
        d.insert(CB, 0, id("alaba"));
        let xi = d.xi(Formation::F433);
        assert_eq!(at("RCB", &xi), Some(id("alaba")));
        assert_eq!(at("LCB", &xi), Some(id("huijsen")));
        assert_eq!(at("LB", &xi), Some(id("carreras")));
        let named: Vec<_> = xi.iter().flatten().collect();
        let mut unique = named.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(named.len(), unique.len());
    }

    /// Written first, to fail on main: in 3-5-2 the wing-back slots stayed empty although the
    /// right- and left-back columns had players.
    #[test]
    fn empty_wing_back_columns_take_the_full_backs() {
        let d = chart();
        let xi = d.xi(Formation::F352);
        let at = |k: &str| {
            let i = Formation::F352
                .slots()
                .iter()
                .position(|s| s.key == k)
                .expect("slot");
            xi[i].clone()
        };
        assert_eq!(at("RWB"), Some(id("taa")));
        // Three CBs take the top three of their column; Alaba, 4th there, plays LWB.
        assert_eq!(at("CCB"), Some(id("rudiger")));
        assert_eq!(at("LWB"), Some(id("alaba")));
        // A wing-back column of its own comes first.
        let mut d = chart();
        d.insert(RWB, 0, id("valverde"));
        let xi = d.xi(Formation::F352);
        assert!(xi.contains(&Some(id("valverde"))) && !xi.contains(&Some(id("taa"))));
    }

    #[test]
    fn edits_keep_columns_tidy() {
        let mut d = chart();
        assert_eq!(d.remove(RB, &id("taa")), Some(0));
        assert_eq!(d.column(RB), &[id("carvajal")]);
        assert_eq!(d.remove(RB, &id("nobody")), None);
        d.remove_everywhere(&id("alaba"));
        assert!(!d.contains(&id("alaba")));
        assert_eq!(d.shift(CB, 0, 1), Some(1));
        assert_eq!(d.column(CB)[1], id("huijsen"));
        assert_eq!(d.shift(CB, 0, -1), None);
        assert_eq!(d.shift(CB, 2, 1), None);
        d.remove(RB, &id("carvajal"));
        assert!(!d.columns.contains_key(&RB));
        d.insert(RB, 99, id("valverde"));
        assert_eq!(d.column(RB), &[id("valverde")]);
        assert_eq!(d.positions_of(&id("huijsen")), vec![CB]);
    }
}
