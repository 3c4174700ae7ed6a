//! A scouting pool held compactly: what the search list, the filters and the details need of a
//! million players in about 80 bytes each, where a [`Player`] takes 400–500 with its strings.
//!
//! Each player is a fixed row (dates, value, positions, foot, club and nationality as numbers)
//! and his strings (id, name, known-as, other names, secondary positions in their order) one
//! after the other in one buffer. A player with more than a pool row holds (injuries, notes,
//! absences, a reported age or contract, a day he left: a RON pool can say so) is kept whole.
//! [`PoolPlayers::player`] makes the whole `Player` of a row the first time it is asked for and
//! keeps it (the board's views borrow players); the filters read the rows through
//! [`PoolPlayers::scout`] without making any.

use super::{Currency, Fee, Foot, Player, PlayerId, Position};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

const NO_DATE: i32 = i32::MIN;
const NONE: u32 = u32::MAX;
const NO_POSITION: u8 = u8::MAX;

const HAS_VALUE: u8 = 1;
const VALUE_APPROX: u8 = 2;
const HAS_NUMBER: u8 = 4;
/// The player is kept whole in `rich`; his row holds his id only.
const RICH: u8 = 8;

/// Rows whose whole players are made in one go of the lazy table.
const CHUNK: usize = 256;

#[derive(Debug, Clone, Copy)]
struct Row {
    /// Where the row's strings start in `text`.
    text: u64,
    born: i32,
    contract: i32,
    value: u64,
    club: u32,
    nation: u32,
    /// Secondary positions as bits of `Position::ALL` (their order is in `text`).
    secondary: u16,
    position: u8,
    foot: u8,
    number: u8,
    flags: u8,
    currency: u8,
}

/// Strings held once, numbered in the order first seen.
#[derive(Debug, Clone, Default)]
struct Names {
    list: Vec<Box<str>>,
    at: HashMap<Box<str>, u32>,
}

impl Names {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&n) = self.at.get(s) {
            return n;
        }
        let n = u32::try_from(self.list.len()).unwrap_or(NONE - 1);
        self.list.push(s.into());
        self.at.insert(s.into(), n);
        n
    }

    fn get(&self, n: u32) -> Option<&str> {
        self.list.get(n as usize).map(|s| &**s)
    }
}

type Made = OnceLock<Box<[OnceLock<Box<Player>>]>>;

/// Pool players, in pool order, found by index or id.
#[derive(Clone, Default)]
pub struct PoolPlayers {
    rows: Vec<Row>,
    text: Vec<u8>,
    clubs: Names,
    nations: Names,
    rich: HashMap<u32, Player>,
    /// Row indices sorted by id, one run a batch (the first of an id first in each): taking in
    /// a batch sorts its own rows only, and a lookup searches each run (50 at a million).
    by_id: Vec<Vec<u32>>,
    made: Vec<Made>,
    /// Players with a market value.
    valued: usize,
}

impl fmt::Debug for PoolPlayers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PoolPlayers({} players)", self.rows.len())
    }
}

fn date_code(d: Option<NaiveDate>) -> i32 {
    d.map_or(NO_DATE, |d| d.num_days_from_ce())
}

fn date_of(code: i32) -> Option<NaiveDate> {
    (code != NO_DATE)
        .then(|| NaiveDate::from_num_days_from_ce_opt(code))
        .flatten()
}

fn position_code(p: Position) -> u8 {
    Position::ALL.iter().position(|q| *q == p).unwrap_or(0) as u8
}

fn position_of(code: u8) -> Option<Position> {
    Position::ALL.get(usize::from(code)).copied()
}

fn currency_code(c: Currency) -> u8 {
    match c {
        Currency::EUR => 0,
        Currency::GBP => 1,
        Currency::USD => 2,
    }
}

fn currency_of(code: u8) -> Currency {
    match code {
        1 => Currency::GBP,
        2 => Currency::USD,
        _ => Currency::EUR,
    }
}

fn foot_code(f: Option<Foot>) -> u8 {
    match f {
        None => 0,
        Some(Foot::Right) => 1,
        Some(Foot::Left) => 2,
        Some(Foot::Both) => 3,
    }
}

fn foot_of(code: u8) -> Option<Foot> {
    match code {
        1 => Some(Foot::Right),
        2 => Some(Foot::Left),
        3 => Some(Foot::Both),
        _ => None,
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_len(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads what [`put_len`] and [`put_str`] wrote.
struct Cursor<'a> {
    bytes: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn len(&mut self) -> usize {
        let mut n = 0usize;
        let mut shift = 0;
        while let Some((&b, rest)) = self.bytes.split_first() {
            self.bytes = rest;
            n |= usize::from(b & 0x7f) << shift;
            if b < 0x80 {
                break;
            }
            shift += 7;
        }
        n
    }

    fn str(&mut self) -> &'a str {
        let n = self.len().min(self.bytes.len());
        let (s, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        // Only whole strings are written.
        std::str::from_utf8(s).unwrap_or("")
    }

    fn byte(&mut self) -> u8 {
        let (&b, rest) = self.bytes.split_first().unwrap_or((&0, &[]));
        self.bytes = rest;
        b
    }
}

/// Whether a row holds all of `p`: nothing but what a pool's CSV columns give.
fn fits_a_row(p: &Player) -> bool {
    p.reported_age.is_none()
        && p.contract_reported.is_none()
        && p.injuries.is_empty()
        && p.absences.is_empty()
        && p.notes.is_empty()
        && p.left.is_none()
}

impl PoolPlayers {
    pub fn new() -> PoolPlayers {
        PoolPlayers::default()
    }

    /// A pool of `players`, in their order.
    pub fn of(players: impl IntoIterator<Item = Player>) -> PoolPlayers {
        let mut pool = PoolPlayers::new();
        let players = players.into_iter();
        pool.reserve(players.size_hint().0);
        let start = pool.rows.len();
        for p in players {
            pool.push_row(p);
        }
        pool.index_from(start);
        pool
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Room for `more` players.
    pub fn reserve(&mut self, more: usize) {
        self.rows.reserve(more);
        self.text.reserve(more.saturating_mul(32));
    }

    fn push_row(&mut self, p: Player) {
        let i = self.rows.len() as u32;
        let mut row = Row {
            text: self.text.len() as u64,
            born: date_code(p.born),
            contract: date_code(p.contract_until),
            value: 0,
            club: 0,
            nation: NONE,
            secondary: 0,
            position: p.position.map_or(NO_POSITION, position_code),
            foot: foot_code(p.foot),
            number: p.number.unwrap_or(0),
            flags: 0,
            currency: 0,
        };
        if let Some(v) = p.market_value {
            self.valued += 1;
            row.flags |= HAS_VALUE;
            if v.approximate {
                row.flags |= VALUE_APPROX;
            }
            row.value = v.amount;
            row.currency = currency_code(v.currency);
        }
        if p.number.is_some() {
            row.flags |= HAS_NUMBER;
        }
        row.club = self.clubs.intern(&p.club);
        if let Some(n) = &p.nationality {
            row.nation = self.nations.intern(n);
        }
        for s in &p.secondary {
            row.secondary |= 1 << position_code(*s);
        }
        put_str(&mut self.text, p.id.as_str());
        if fits_a_row(&p) {
            put_str(&mut self.text, &p.name);
            match &p.known_as {
                Some(k) => {
                    self.text.push(1);
                    put_str(&mut self.text, k);
                }
                None => self.text.push(0),
            }
            put_len(&mut self.text, p.aliases.len());
            for a in &p.aliases {
                put_str(&mut self.text, a);
            }
            put_len(&mut self.text, p.secondary.len());
            self.text
                .extend(p.secondary.iter().map(|s| position_code(*s)));
        } else {
            row.flags |= RICH;
            self.rich.insert(i, p);
        }
        self.rows.push(row);
    }

    /// Indexes the rows from `start` on by id, and makes room in the lazy table for them.
    fn index_from(&mut self, start: usize) {
        let mut new: Vec<u32> = (start as u32..self.rows.len() as u32).collect();
        new.sort_by(|&a, &b| self.id(a as usize).cmp(self.id(b as usize)).then(a.cmp(&b)));
        if !new.is_empty() {
            self.by_id.push(new);
        }
        self.grow_made();
    }

    fn grow_made(&mut self) {
        let chunks = self.rows.len().div_ceil(CHUNK);
        while self.made.len() < chunks {
            self.made.push(OnceLock::new());
        }
    }

    /// Adds `more` after the others (a batch made ready on another thread).
    pub fn extend(&mut self, more: PoolPlayers) {
        let base = self.rows.len();
        // Taking the batch whole is cheapest, unless room was made for the pool (`reserve`):
        // that room would go with it, and the rows would grow by doubling from the batch's.
        if base == 0 && self.rows.capacity() == 0 {
            *self = more;
            return;
        }
        let text_base = self.text.len() as u64;
        self.text.extend_from_slice(&more.text);
        let clubs: Vec<u32> = more
            .clubs
            .list
            .iter()
            .map(|c| self.clubs.intern(c))
            .collect();
        let nations: Vec<u32> = more
            .nations
            .list
            .iter()
            .map(|n| self.nations.intern(n))
            .collect();
        self.rows.extend(more.rows.into_iter().map(|mut r| {
            r.text += text_base;
            r.club = clubs.get(r.club as usize).copied().unwrap_or(r.club);
            if r.nation != NONE {
                r.nation = nations.get(r.nation as usize).copied().unwrap_or(NONE);
            }
            r
        }));
        for (i, p) in more.rich {
            self.rich.insert(i + base as u32, p);
        }
        self.valued += more.valued;
        let offset = base as u32;
        self.by_id.extend(
            more.by_id
                .into_iter()
                .map(|run| run.into_iter().map(|i| i + offset).collect::<Vec<u32>>()),
        );
        self.grow_made();
    }

    fn strings(&self, i: usize) -> Cursor<'_> {
        let at = self
            .rows
            .get(i)
            .map_or(self.text.len(), |r| r.text as usize);
        Cursor {
            bytes: self.text.get(at..).unwrap_or(&[]),
        }
    }

    /// The id of row `i` ("" past the end).
    pub fn id(&self, i: usize) -> &str {
        self.strings(i).str()
    }

    /// The name of row `i`.
    pub fn name(&self, i: usize) -> &str {
        match self.rows.get(i) {
            Some(r) if r.flags & RICH != 0 => {
                self.rich.get(&(i as u32)).map_or("", |p| p.name.as_str())
            }
            Some(_) => {
                let mut c = self.strings(i);
                c.str();
                c.str()
            }
            None => "",
        }
    }

    /// The row of the first player with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.by_id
            .iter()
            .filter_map(|run| {
                let at = run.partition_point(|&i| self.id(i as usize) < id);
                let i = *run.get(at)? as usize;
                (self.id(i) == id).then_some(i)
            })
            .min()
    }

    /// Row `i` as a whole player, made now.
    pub fn to_player(&self, i: usize) -> Option<Player> {
        let r = self.rows.get(i)?;
        if r.flags & RICH != 0 {
            return self.rich.get(&(i as u32)).cloned();
        }
        let mut c = self.strings(i);
        let id = c.str();
        let name = c.str();
        let known_as = (c.byte() == 1).then(|| c.str().to_string());
        let aliases = (0..c.len()).map(|_| c.str().to_string()).collect();
        let secondary = (0..c.len()).filter_map(|_| position_of(c.byte())).collect();
        let mut p = Player::new(id, name, "", None);
        // The filters' fields as a scout reads them, then what only a whole player has.
        p_fill_scout(self, r, &mut p);
        p.known_as = known_as;
        p.aliases = aliases;
        p.secondary = secondary;
        p.number = (r.flags & HAS_NUMBER != 0).then_some(r.number);
        Some(p)
    }

    /// Row `i` as a whole player, made the first time it is asked for and kept.
    pub fn player(&self, i: usize) -> Option<&Player> {
        if i >= self.rows.len() {
            return None;
        }
        let chunk = self.made.get(i / CHUNK)?.get_or_init(|| {
            (0..CHUNK)
                .map(|_| OnceLock::new())
                .collect::<Vec<_>>()
                .into_boxed_slice()
        });
        let slot = chunk.get(i % CHUNK)?;
        if let Some(p) = slot.get() {
            return Some(p);
        }
        let p = self.to_player(i)?;
        Some(slot.get_or_init(|| Box::new(p)))
    }

    /// Row `i` as far as a scouting filter reads a player — positions, birth, contract, market
    /// value, foot, nationality, club (and everything for a player kept whole) — written into
    /// `scratch`, whose strings are reused: nothing is allocated for most rows. The id, names and
    /// shirt number in `scratch` are not row `i`'s.
    pub fn scout<'a>(&'a self, i: usize, scratch: &'a mut Player) -> Option<&'a Player> {
        let r = self.rows.get(i)?;
        if r.flags & RICH != 0 {
            return self.rich.get(&(i as u32));
        }
        p_fill_scout(self, r, scratch);
        Some(scratch)
    }

    /// As [`PoolPlayers::scout`], with the id, name and known-as written too (what a sort by
    /// name reads).
    pub fn scout_named<'a>(&'a self, i: usize, scratch: &'a mut Player) -> Option<&'a Player> {
        let r = self.rows.get(i)?;
        if r.flags & RICH != 0 {
            return self.rich.get(&(i as u32));
        }
        p_fill_scout(self, r, scratch);
        let mut c = self.strings(i);
        scratch.id.0.clear();
        scratch.id.0.push_str(c.str());
        scratch.name.clear();
        scratch.name.push_str(c.str());
        scratch.known_as = (c.byte() == 1).then(|| c.str().to_string());
        Some(scratch)
    }

    /// Whether any player holds a market value.
    pub fn any_market_value(&self) -> bool {
        self.valued > 0
    }

    /// Ids of every player, in pool order.
    pub fn ids(&self) -> impl Iterator<Item = PlayerId> + '_ {
        (0..self.len()).map(|i| PlayerId::new(self.id(i)))
    }

    /// Bytes held, roughly (the players made whole not counted).
    pub fn heap_bytes(&self) -> usize {
        self.rows.capacity() * std::mem::size_of::<Row>()
            + self.text.capacity()
            + self.by_id.iter().map(|r| r.capacity() * 4).sum::<usize>()
            + self.made.capacity() * std::mem::size_of::<Made>()
            + self.rich.len() * std::mem::size_of::<Player>()
    }
}

fn value_of(r: &Row) -> Option<Fee> {
    (r.flags & HAS_VALUE != 0).then(|| Fee {
        amount: r.value,
        currency: currency_of(r.currency),
        approximate: r.flags & VALUE_APPROX != 0,
    })
}

/// What [`PoolPlayers::scout`] writes: the filters' fields, strings reused.
fn p_fill_scout(pool: &PoolPlayers, r: &Row, p: &mut Player) {
    p.born = date_of(r.born);
    p.contract_until = date_of(r.contract);
    p.position = position_of(r.position);
    p.foot = foot_of(r.foot);
    p.market_value = value_of(r);
    p.secondary.clear();
    if r.secondary != 0 {
        p.secondary.extend(
            Position::ALL
                .iter()
                .enumerate()
                .filter(|(k, _)| r.secondary & (1 << k) != 0)
                .map(|(_, q)| *q),
        );
    }
    p.club.clear();
    p.club.push_str(pool.clubs.get(r.club).unwrap_or(""));
    match (pool.nations.get(r.nation), &mut p.nationality) {
        (None, n) => *n = None,
        (Some(s), Some(n)) => {
            n.clear();
            n.push_str(s);
        }
        (Some(s), n) => *n = Some(s.to_string()),
    }
    p.reported_age = None;
    p.contract_reported = None;
    p.left = None;
    p.injuries.clear();
    p.absences.clear();
    p.notes.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Injury, ReportedAge};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a date")
    }

    fn players() -> Vec<Player> {
        let mut a = Player::new("tm-9", "Ana Müller", "River Plate", Some(Position::CB));
        a.born = Some(d(2003, 2, 28));
        a.contract_until = Some(d(2027, 6, 30));
        a.market_value = Some(Fee {
            amount: 12_500_000,
            currency: Currency::GBP,
            approximate: true,
        });
        a.secondary = vec![Position::RB, Position::DM];
        a.foot = Some(Foot::Left);
        a.nationality = Some("Argentina".into());
        a.known_as = Some("Ana".into());
        a.aliases = vec!["Ana María Müller".into()];
        a.number = Some(0);
        let b = Player::new("tm-1", "B", "", None);
        let mut c = Player::new("tm-5", "Çağlar Söyüncü", "River Plate", Some(Position::ST));
        c.reported_age = Some(ReportedAge {
            age: 22,
            on: d(2025, 11, 9),
        });
        c.injuries = vec![Injury {
            what: "knee".into(),
            since: None,
            back: None,
            latest: None,
            sources: Vec::new(),
        }];
        vec![a, b, c]
    }

    #[test]
    fn every_player_comes_back_whole() {
        let ps = players();
        let pool = PoolPlayers::of(ps.clone());
        assert_eq!(pool.len(), 3);
        for (i, p) in ps.iter().enumerate() {
            assert_eq!(pool.to_player(i).as_ref(), Some(p), "row {i}");
            assert_eq!(pool.player(i), Some(p), "row {i}");
            assert_eq!(pool.id(i), p.id.as_str());
            assert_eq!(pool.name(i), p.name);
            assert_eq!(pool.find(p.id.as_str()), Some(i));
        }
        assert_eq!(pool.find("tm-2"), None);
        assert_eq!(pool.player(3), None);
    }

    #[test]
    fn batches_put_together_are_one_pool() {
        let ps = players();
        let mut pool = PoolPlayers::of(ps[..1].to_vec());
        pool.extend(PoolPlayers::of(ps[1..].to_vec()));
        let mut more = ps[0].clone();
        more.id = PlayerId::new("tm-10");
        more.club = "Boca".into();
        pool.extend(PoolPlayers::of([more.clone()]));
        let all: Vec<Player> = (0..pool.len()).filter_map(|i| pool.to_player(i)).collect();
        let mut want = ps.clone();
        want.push(more);
        assert_eq!(all, want);
        for (i, p) in want.iter().enumerate() {
            assert_eq!(pool.find(p.id.as_str()), Some(i));
        }
    }

    #[test]
    fn room_made_for_the_pool_is_kept_by_its_first_batch() {
        let ps = players();
        let mut pool = PoolPlayers::default();
        pool.reserve(1000);
        pool.extend(PoolPlayers::of(ps.clone()));
        assert!(pool.rows.capacity() >= 1000, "{}", pool.rows.capacity());
        let all: Vec<Player> = (0..pool.len()).filter_map(|i| pool.to_player(i)).collect();
        assert_eq!(all, ps);
        assert_eq!(pool.find("tm-5"), Some(2));
    }

    #[test]
    fn the_first_of_an_id_is_found() {
        let ps = players();
        let mut again = ps[0].clone();
        again.name = "Second".into();
        let mut pool = PoolPlayers::of([ps[0].clone()]);
        pool.extend(PoolPlayers::of([again]));
        assert_eq!(pool.find("tm-9"), Some(0));
    }

    #[test]
    fn scouting_reads_the_filters_fields() {
        let ps = players();
        let pool = PoolPlayers::of(ps.clone());
        let mut scratch = Player::new("x", "x", "x", None);
        scratch.nationality = Some("Old".into());
        for (i, p) in ps.iter().enumerate() {
            let s = pool.scout(i, &mut scratch).expect("a row").clone();
            assert_eq!(s.born, p.born);
            assert_eq!(s.contract_until, p.contract_until);
            assert_eq!(s.market_value, p.market_value);
            assert_eq!(s.position, p.position);
            let mut sec = s.secondary.clone();
            let mut want = p.secondary.clone();
            sec.sort();
            want.sort();
            assert_eq!(sec, want);
            assert_eq!(s.foot, p.foot);
            assert_eq!(s.nationality, p.nationality);
            assert_eq!(s.club, p.club);
            assert_eq!(s.reported_age, p.reported_age);
            assert_eq!(s.injuries, p.injuries);
            let named = pool.scout_named(i, &mut scratch).expect("a row");
            assert_eq!((&named.id, &named.name), (&p.id, &p.name));
            assert_eq!(named.known_as, p.known_as);
        }
    }

    #[test]
    fn a_row_is_a_fraction_of_a_player() {
        let mut ps = Vec::new();
        for n in 0..10_000 {
            let mut p = Player::new(
                &format!("tm-{n}"),
                &format!("Player Number{n}"),
                &format!("Club {}", n % 300),
                Some(Position::CM),
            );
            p.born = Some(d(2000, 1, 1));
            p.nationality = Some("Spain".into());
            ps.push(p);
        }
        let pool = PoolPlayers::of(ps);
        let per = pool.heap_bytes() / 10_000;
        assert!(per < 100, "{per} bytes a player");
    }
}
