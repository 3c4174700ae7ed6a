//! The table's sort at a million players: every player's place by a column is worked out once
//! (per column, what it reads — the planning date for age, the currency for value — and the
//! data) as numbers, so a sort, or its reverse, compares numbers and never looks a player up.
//!
//! The players are numbered once: the pool's rows first, then the squad, then the targets.
//! A player's key is (whether his value is known, his value's rank, his rank by name and id),
//! which orders the players exactly as the rule in the module above does: by the column's
//! value (folded, for text), unknowns after every known one either way, then by name and id.

use super::{Order, SortColumn};
use crate::app::view::ListItem;
use crate::domain::money::MoneySettings;
use crate::domain::status::age;
use crate::domain::{Dataset, Player, PlayerId, Side};
use crate::search::fold_char;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::sync::Arc;

/// A column rank for a player with no value in the column.
const UNKNOWN: u32 = u32::MAX;

/// Which data keys were worked out over: its address and how many players of each kind it
/// holds (a pool grows in place).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Of {
    data: usize,
    sizes: (usize, usize, usize),
}

impl Of {
    fn new(ds: &Dataset) -> Of {
        Of {
            data: std::ptr::from_ref(ds) as usize,
            sizes: (ds.squad.len(), ds.targets.len(), ds.pool().len()),
        }
    }
}

/// What a column's keys read besides the players.
#[derive(Debug, Clone, PartialEq)]
enum Reads {
    Nothing,
    Date(NaiveDate),
    Money(MoneySettings),
}

fn reads(order: &Order<'_>) -> Reads {
    match order.column {
        SortColumn::Age => Reads::Date(order.on),
        SortColumn::Value => Reads::Money(order.money.clone()),
        _ => Reads::Nothing,
    }
}

/// The kept keys: the ranks by name, and each column sorted by so far.
#[derive(Default)]
pub struct SortKeys {
    names: Option<Arc<Names>>,
    columns: Vec<Arc<ColumnKeys>>,
}

impl SortKeys {
    /// The keys of `order`'s column over `ds`, worked out now unless kept.
    pub fn column(&mut self, ds: &Dataset, order: &Order<'_>) -> Arc<ColumnKeys> {
        let of = Of::new(ds);
        let reads = reads(order);
        if let Some(k) = self
            .columns
            .iter()
            .find(|k| k.of == of && k.column == order.column && k.reads == reads)
        {
            return Arc::clone(k);
        }
        let names = match &self.names {
            Some(n) if n.of == of => Arc::clone(n),
            _ => {
                // Other data: nothing kept is of it.
                self.columns.clear();
                let n = Arc::new(Names::new(ds));
                self.names = Some(Arc::clone(&n));
                n
            }
        };
        let keys = Arc::new(ColumnKeys::new(ds, order, reads, names));
        // One set of keys a column and what it reads: a new date or currency replaces them.
        self.columns.retain(|k| k.column != order.column);
        self.columns.push(Arc::clone(&keys));
        keys
    }
}

/// The players' number, from the data's side of them.
fn number_of(ds: &Dataset, side: Side) -> u32 {
    let n = match side {
        Side::Pool(i) => i,
        Side::Squad(i) => ds.pool().len() + i,
        Side::Target(i) => ds.pool().len() + ds.squad.len() + i,
    };
    n as u32
}

/// Every player's rank by folded name and by folded name then id.
struct Names {
    of: Of,
    /// By (folded name, id): equal for equal names and ids.
    rank: Vec<u32>,
    /// By folded name alone: the name column's value.
    name: Vec<u32>,
    /// The players in order of `rank` (ties by number).
    by_rank: Vec<u32>,
}

impl Names {
    fn new(ds: &Dataset) -> Names {
        let pool = ds.pool();
        let p = pool.len();
        let club: Vec<&Player> = ds.squad.iter().chain(&ds.targets).collect();
        let n = p + club.len();
        let name_of = |u: usize| {
            if u < p {
                pool.name(u)
            } else {
                club[u - p].name.as_str()
            }
        };
        let id_of = |u: usize| {
            if u < p {
                pool.id(u)
            } else {
                club[u - p].id.as_str()
            }
        };
        // The folded names one after the other: compared as bytes, as folded chars (UTF-8
        // keeps the order of code points).
        let mut folded: Vec<u8> = Vec::with_capacity(n.saturating_mul(16));
        let mut ends: Vec<usize> = Vec::with_capacity(n + 1);
        ends.push(0);
        let mut buf = [0u8; 4];
        for u in 0..n {
            for c in name_of(u).chars().map(fold_char) {
                folded.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            ends.push(folded.len());
        }
        let text = |u: usize| &folded[ends[u]..ends[u + 1]];
        // First by the first 8 bytes (zeros after a short name keep it first), then the runs
        // sharing them by the whole name and id.
        let mut by: Vec<(u64, u32)> = (0..n)
            .map(|u| {
                let t = text(u);
                let mut b = [0u8; 8];
                let k = t.len().min(8);
                b[..k].copy_from_slice(&t[..k]);
                (u64::from_be_bytes(b), u as u32)
            })
            .collect();
        by.sort_unstable();
        let mut by_rank: Vec<u32> = by.iter().map(|x| x.1).collect();
        let mut s = 0;
        while s < n {
            let e = s + by[s..].iter().take_while(|x| x.0 == by[s].0).count();
            if e - s > 1 {
                by_rank[s..e].sort_by(|&a, &b| {
                    let (a, b) = (a as usize, b as usize);
                    text(a)
                        .cmp(text(b))
                        .then_with(|| id_of(a).cmp(id_of(b)))
                        .then(a.cmp(&b))
                });
            }
            s = e;
        }
        let mut rank = vec![0u32; n];
        let mut name = vec![0u32; n];
        let (mut r, mut nr) = (0u32, 0u32);
        for (k, &u) in by_rank.iter().enumerate() {
            if k > 0 {
                let prev = by_rank[k - 1] as usize;
                let u = u as usize;
                if text(prev) != text(u) {
                    nr += 1;
                    r += 1;
                } else if id_of(prev) != id_of(u) {
                    r += 1;
                }
            }
            rank[u as usize] = r;
            name[u as usize] = nr;
        }
        Names {
            of: Of::new(ds),
            rank,
            name,
            by_rank,
        }
    }
}

/// A player's place in a sort, compared as is.
pub type SortKey = (u8, u32, u32, u32);

/// One column's keys: each player's rank by its value, and every player in its order.
pub struct ColumnKeys {
    of: Of,
    column: SortColumn,
    reads: Reads,
    names: Arc<Names>,
    /// Each player's rank by the column's value (`UNKNOWN`: none).
    rank: Vec<u32>,
    /// The players with a value by (value, name, id, number), then those without by (name,
    /// id, number).
    order: Vec<u32>,
    known: usize,
}

/// A column's value as a number ordered as the values are (`None`: unknown).
struct Values<'d> {
    order: &'d Order<'d>,
    names: &'d Names,
    /// Distinct texts (clubs, nationalities, positions as bytes) numbered as first seen.
    texts: HashMap<Vec<u8>, u32>,
    scratch: Vec<u8>,
}

impl Values<'_> {
    fn of(&mut self, u: usize, p: &Player) -> Option<u128> {
        match self.order.column {
            SortColumn::Name => Some(u128::from(self.names.name[u])),
            SortColumn::Positions => {
                let m = p.position?;
                self.scratch.clear();
                self.scratch.push(m as u8);
                self.scratch.extend(p.secondary.iter().map(|s| *s as u8));
                Some(self.text_number())
            }
            SortColumn::Age => age(p, self.order.on).low().map(u128::from),
            SortColumn::Club => {
                let club = p.club.trim();
                if club.is_empty() {
                    return None;
                }
                self.scratch.clear();
                self.scratch.extend_from_slice(club.as_bytes());
                Some(self.text_number())
            }
            SortColumn::Nationality => {
                let n = p.nationality.as_deref()?;
                self.scratch.clear();
                self.scratch.extend_from_slice(n.as_bytes());
                Some(self.text_number())
            }
            // Signed amounts in order as unsigned numbers: the sign bit flipped.
            SortColumn::Value => p
                .market_value
                .and_then(|v| self.order.money.convert(v))
                .map(|c| (c.amount as u128) ^ (1 << 127)),
            // An announced end by its day; a reported year as its season's last day.
            SortColumn::Contract => p
                .contract_until
                .or_else(|| {
                    p.contract_reported
                        .as_ref()
                        .and_then(|r| NaiveDate::from_ymd_opt(r.until_year, 6, 30))
                })
                .map(|d| (i64::from(d.num_days_from_ce()) - i64::from(i32::MIN)) as u128),
        }
    }

    /// The number of the text in `scratch`, as first seen (put in order later).
    fn text_number(&mut self) -> u128 {
        if let Some(&n) = self.texts.get(self.scratch.as_slice()) {
            return u128::from(n);
        }
        let n = self.texts.len() as u32;
        self.texts.insert(self.scratch.clone(), n);
        u128::from(n)
    }

    /// For text columns: each text's number → its rank in the column's order (texts folding
    /// alike share one).
    fn text_ranks(&self) -> Option<Vec<u32>> {
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let mut all: Vec<(&Vec<u8>, u32)> = self.texts.iter().map(|(t, &n)| (t, n)).collect();
        let mut out = vec![0u32; all.len()];
        match self.order.column {
            SortColumn::Positions => {
                all.sort_unstable();
                let mut r = 0;
                for k in 0..all.len() {
                    if k > 0 && all[k - 1].0 != all[k].0 {
                        r += 1;
                    }
                    out[all[k].1 as usize] = r;
                }
            }
            SortColumn::Club | SortColumn::Nationality => {
                let mut folded: Vec<(String, u32)> = all
                    .drain(..)
                    .map(|(t, n)| (text(t).chars().map(fold_char).collect(), n))
                    .collect();
                folded.sort_unstable();
                let mut r = 0;
                for k in 0..folded.len() {
                    if k > 0 && folded[k - 1].0 != folded[k].0 {
                        r += 1;
                    }
                    out[folded[k].1 as usize] = r;
                }
            }
            _ => return None,
        }
        Some(out)
    }
}

impl ColumnKeys {
    fn new(ds: &Dataset, order: &Order<'_>, reads: Reads, names: Arc<Names>) -> ColumnKeys {
        let pool = ds.pool();
        let p = pool.len();
        let mut values = Values {
            order,
            names: &names,
            texts: HashMap::new(),
            scratch: Vec::new(),
        };
        let mut known: Vec<(u128, u32, u32)> = Vec::new();
        let mut scratch = Player::new("", "", "", None);
        for u in 0..p {
            let Some(player) = pool.scout(u, &mut scratch) else {
                continue;
            };
            // A scout gives the secondary positions as a set; a whole player in his own
            // order, repeats and all, which the column compares (a pool's CSV gives none).
            let whole;
            let player = if order.column == SortColumn::Positions && !player.secondary.is_empty() {
                whole = pool.to_player(u);
                whole.as_ref().unwrap_or(player)
            } else {
                player
            };
            if let Some(v) = values.of(u, player) {
                known.push((v, names.rank[u], u as u32));
            }
        }
        for (j, player) in ds.squad.iter().chain(&ds.targets).enumerate() {
            let u = p + j;
            if let Some(v) = values.of(u, player) {
                known.push((v, names.rank[u], u as u32));
            }
        }
        if let Some(ranks) = values.text_ranks() {
            for k in &mut known {
                k.0 = u128::from(ranks[k.0 as usize]);
            }
        }
        known.sort_unstable();
        let mut rank = vec![UNKNOWN; names.rank.len()];
        let mut r = 0u32;
        for k in 0..known.len() {
            if k > 0 && known[k - 1].0 != known[k].0 {
                r += 1;
            }
            rank[known[k].2 as usize] = r;
        }
        let mut sorted: Vec<u32> = known.iter().map(|k| k.2).collect();
        let n_known = sorted.len();
        sorted.extend(
            names
                .by_rank
                .iter()
                .copied()
                .filter(|&u| rank[u as usize] == UNKNOWN),
        );
        ColumnKeys {
            of: Of::new(ds),
            column: order.column,
            reads,
            names,
            rank,
            order: sorted,
            known: n_known,
        }
    }

    /// Player `u`'s key in a sort this way.
    pub fn key(&self, u: u32, descending: bool) -> SortKey {
        let u_ = u as usize;
        let (Some(&r), Some(&n)) = (self.rank.get(u_), self.names.rank.get(u_)) else {
            return (2, 0, 0, u);
        };
        match (r == UNKNOWN, descending) {
            (true, _) => (1, 0, n, u),
            (false, false) => (0, r, n, u),
            (false, true) => (0, !r, n, u),
        }
    }

    /// The key of the player a row names (rows of players the data does not know go last).
    fn key_of(&self, ds: &Dataset, id: &PlayerId, descending: bool) -> SortKey {
        match ds.side(id) {
            Some(side) => self.key(number_of(ds, side), descending),
            None => (2, 0, 0, 0),
        }
    }

    /// Puts `items` in this order, equal keys (rows of one player) as they were.
    pub fn sort(&self, items: &mut [ListItem], ds: &Dataset, descending: bool) {
        items.sort_by_cached_key(|i| self.key_of(ds, &i.id, descending));
    }

    /// The first `room` of the pool rows `passing` (rows in pool order) in this order.
    pub fn first_pool_rows(&self, passing: &[u32], room: usize, descending: bool) -> Vec<u32> {
        let p = self.of.sizes.2;
        if room == 0 {
            return Vec::new();
        }
        // A few passing: their keys sorted; many: the order walked, skipping those failing.
        if passing.len() / 8 < p / 64 || passing.len() <= room {
            let mut keyed: Vec<(SortKey, u32)> = passing
                .iter()
                .map(|&i| (self.key(i, descending), i))
                .collect();
            if keyed.len() > room {
                keyed.select_nth_unstable(room - 1);
                keyed.truncate(room);
            }
            keyed.sort_unstable();
            return keyed.into_iter().map(|k| k.1).collect();
        }
        let mut pass = vec![0u64; p.div_ceil(64)];
        for &i in passing {
            if let Some(w) = pass.get_mut(i as usize / 64) {
                *w |= 1 << (i % 64);
            }
        }
        let passes = |u: u32| {
            (u as usize) < p
                && pass
                    .get(u as usize / 64)
                    .is_some_and(|w| w & (1 << (u % 64)) != 0)
        };
        let mut out = Vec::with_capacity(room);
        // Takes the rows of `run` passing; true when there is no more room.
        let take = |out: &mut Vec<u32>, run: &[u32]| {
            let left = room - out.len();
            out.extend(run.iter().copied().filter(|&u| passes(u)).take(left));
            out.len() == room
        };
        let (known, unknown) = self.order.split_at(self.known);
        if descending {
            // The values' runs from the highest, each run in its own (name) order.
            let mut end = known.len();
            while end > 0 {
                let r = self.rank[known[end - 1] as usize];
                let start = end
                    - known[..end]
                        .iter()
                        .rev()
                        .take_while(|&&u| self.rank[u as usize] == r)
                        .count();
                if take(&mut out, &known[start..end]) {
                    return out;
                }
                end = start;
            }
        } else if take(&mut out, known) {
            return out;
        }
        take(&mut out, unknown);
        out
    }
}
