//! A search index over many players (a 100k scouting pool), answering each keystroke of the
//! target pane's `/` filter in well under a frame.
//!
//! It finds and ranks exactly as [`search::Matcher`] does — accents folded, every word of the
//! query matched anywhere in the name, scores summed — but fast:
//! - the folded keys are computed once and kept in one `String` arena with offsets, beside the
//!   skim "in-place bonus" of every byte;
//! - a char-bag bitmask per player rejects, with one AND, every name lacking a query letter;
//! - an in-order scan rejects names where the letters are there but in the wrong order;
//! - the survivors are scored by a re-implementation of `SkimMatcherV2`'s score for ASCII keys
//!   without allocating (tests check it gives the very same score), and only the `limit`
//!   best are passed through the real `Matcher` for the highlighted indices;
//! - when a query extends the previous one, only the previous matches are rescored.

use super::codec::{Reader, Writer, le_u64};
use super::{Hit, Matcher, fold};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Keys longer than this (in bytes) and query words longer than [`MAX_WORD`] go through
/// `SkimMatcherV2` itself; names are never that long.
const MAX_KEY: usize = 255;
const MAX_WORD: usize = 64;

/// Skim's default scoring constants (`SkimScoreConfig::default()`).
const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const FIRST_CHAR_MULTIPLIER: i32 = 2;
const NEG_INFINITY: i32 = i16::MIN as i32;

/// Key flag: the key is ASCII and short enough for the fast scorer.
const FAST: u8 = 1;

/// One [`ItemMeta`] as [`SearchIndex::encode`] writes it.
const ITEM_BYTES: usize = 32;

#[derive(Clone, Copy, PartialEq, Eq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn char_type(b: u8) -> CharType {
    match b {
        0 => CharType::Empty,
        b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => CharType::HardSep,
        b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => CharType::SoftSep,
        b'0'..=b'9' => CharType::Number,
        b'A'..=b'Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

/// Skim's bonus for matching a char, from the type of the char before it and its own.
fn in_place_bonus(prev: CharType, cur: CharType) -> i32 {
    match (prev, cur) {
        (CharType::Empty, _) | (CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower, CharType::Upper) | (CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// One bit per letter and digit, a few for punctuation, one for anything beyond ASCII. A key
/// can match a query only if its bag holds every bit of the query's.
fn bag(s: &str) -> u64 {
    s.bytes().fold(0, |acc, b| acc | bag_bit(b))
}

fn bag_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        b' ' => 0,
        0..=127 => 1 << (36 + b % 27),
        _ => 1 << 63,
    }
}

/// Reusable rows of the score matrix and a key's bonuses, so scoring does not allocate.
struct Scratch {
    rows: Vec<i32>,
    bonus: Vec<u8>,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            rows: vec![0; 4 * (MAX_KEY + 1)],
            bonus: Vec::with_capacity(MAX_KEY),
        }
    }
}

/// Skim's in-place bonus of every byte of the folded `key`, into `out` (cleared first): worked
/// out when a key is scored rather than kept beside every key (at a million players that is
/// the text's size again).
fn key_bonus(key: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let mut prev = CharType::Empty;
    for (j, &b) in key.iter().enumerate() {
        let cur = char_type(b);
        let mut bonus = in_place_bonus(prev, cur);
        if j == 0 {
            bonus *= FIRST_CHAR_MULTIPLIER;
        }
        out.push(bonus as u8);
        prev = cur;
    }
}

/// `SkimMatcherV2`'s score (as `fuzzy_indices` computes it, ignoring case) of the ASCII
/// `pattern` in the ASCII `choice`, whose per-byte in-place bonuses are `bonus`.
fn skim_score(choice: &[u8], bonus: &[u8], pattern: &[u8], scratch: &mut Scratch) -> Option<i32> {
    let (m, n) = (choice.len(), pattern.len());
    if n == 0 {
        return Some(0);
    }
    // The first place each pattern char can match, in order: no such places, no match.
    let mut first = [0usize; MAX_WORD];
    let mut j = 0;
    for (i, &p) in pattern.iter().enumerate() {
        let found = choice[j..]
            .iter()
            .position(|&c| c.eq_ignore_ascii_case(&p))?;
        first[i] = j + found;
        j += found + 1;
    }
    if n == 1 {
        // One row: the best-placed occurrence wins.
        let p = pattern[0];
        let best = choice[first[0]..]
            .iter()
            .zip(&bonus[first[0]..])
            .filter(|(c, _)| c.eq_ignore_ascii_case(&p))
            .map(|(_, b)| *b as i32)
            .max()
            .unwrap_or(0);
        return Some(best + GAP_EXTENSION + SCORE_MATCH + case_penalty(choice[first[0]], p));
    }
    let w = m + 1;
    let (prev_rows, cur_rows) = scratch.rows.split_at_mut(2 * (MAX_KEY + 1));
    let (mut pm, mut pp) = prev_rows.split_at_mut(MAX_KEY + 1);
    let (mut cm, mut cp) = cur_rows.split_at_mut(MAX_KEY + 1);
    // Row 0: nothing matched yet; skipping costs one gap extension.
    for col in first[0]..w {
        pm[col] = NEG_INFINITY;
        pp[col] = GAP_EXTENSION;
    }
    for (i, &p) in pattern.iter().enumerate() {
        let skip = first[i];
        cm[skip] = NEG_INFINITY;
        cp[skip] = NEG_INFINITY;
        for col in skip + 1..w {
            let c = choice[col - 1];
            cm[col] = if c.eq_ignore_ascii_case(&p) {
                let ipb = bonus[col - 1] as i32;
                let consecutive = ipb.max(BONUS_CONSECUTIVE);
                let score_match = pm[col - 1] + consecutive;
                let score_skip = pp[col - 1] + ipb;
                score_match.max(score_skip) + SCORE_MATCH + case_penalty(c, p)
            } else {
                NEG_INFINITY
            };
            cp[col] = (GAP_START + GAP_EXTENSION + cm[col - 1]).max(GAP_EXTENSION + cp[col - 1]);
        }
        std::mem::swap(&mut pm, &mut cm);
        std::mem::swap(&mut pp, &mut cp);
    }
    pm[first[n - 1]..w].iter().copied().max()
}

fn case_penalty(c: u8, p: u8) -> i32 {
    if c == p { 0 } else { 2 * GAP_EXTENSION }
}

/// What the cheap tests need of an item, side by side so one cache line serves them all.
#[derive(Debug, Clone, Copy)]
struct ItemMeta {
    /// The bag of the chars that open a key.
    first: u64,
    /// The bag of the chars that open a word inside a key.
    heads: u64,
    /// Its first key (the name shown), in `text`.
    start: u32,
    end: u32,
    /// Its keys are `first_key .. first_key + keys` of the key table.
    first_key: u32,
    keys: u16,
    /// Every key is ASCII and short: the fast scorer applies.
    fast: bool,
}

/// Folded names of many players, ready to be searched as the user types.
#[derive(Default)]
pub struct SearchIndex {
    /// Every folded key, one after the other.
    text: String,
    /// Key `k` is `text[key_end[k - 1]..key_end[k]]` (from 0 for the first).
    key_end: Vec<u32>,
    key_flags: Vec<u8>,
    key_bag: Vec<u64>,
    items: Vec<ItemMeta>,
    /// Every item's bag (the union of its keys' bags), side by side: the first test of a query
    /// reads 8 bytes an item, not a whole `ItemMeta` (at a million players the scan is what a
    /// keystroke costs).
    bags: Vec<u64>,
    matcher: Matcher,
    /// The previous query (folded) and every item it matched, for narrowing.
    last: Option<(String, Vec<u32>)>,
}

/// A copy with the same items and the same open query (its matcher is built afresh).
impl Clone for SearchIndex {
    fn clone(&self) -> SearchIndex {
        SearchIndex {
            text: self.text.clone(),
            key_end: self.key_end.clone(),
            key_flags: self.key_flags.clone(),
            key_bag: self.key_bag.clone(),
            items: self.items.clone(),
            bags: self.bags.clone(),
            matcher: Matcher::default(),
            last: self.last.clone(),
        }
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("items", &self.len())
            .field("keys", &self.key_end.len())
            .field("text_bytes", &self.text.len())
            .finish()
    }
}

/// The query, folded and split, with what the cheap tests need.
struct Prepared<'q> {
    folded: &'q str,
    words: Vec<&'q str>,
    /// The words the bag test does not settle alone (a one-letter word needs only its letter).
    scan: Vec<&'q str>,
    bag: u64,
    /// Every word is ASCII and short enough for the fast scorer.
    fast: bool,
    /// What [`SearchIndex::upper_bound`] needs of each word, worked out once per query.
    bounds: Vec<WordBound>,
}

/// A query word's best possible score, short of the bonus its first char (or each char) earns.
enum WordBound {
    /// A word of letters and digits: `base` plus the best bonus of its first char, `bit`.
    Alnum { bit: u64, base: i64 },
    /// Any other word: 16 plus the best bonus (at least the consecutive bonus) of each char.
    Other(Vec<u64>),
}

impl Prepared<'_> {
    /// The folded query `q`, split into words (none for an empty query).
    fn new(q: &str) -> Prepared<'_> {
        let words: Vec<&str> = q.split_whitespace().collect();
        Prepared {
            folded: q,
            bag: bag(q),
            fast: words.iter().all(|w| w.is_ascii() && w.len() <= MAX_WORD),
            scan: words
                .iter()
                .copied()
                .filter(|w| !(w.len() == 1 && w.as_bytes()[0].is_ascii_alphanumeric()))
                .collect(),
            bounds: words
                .iter()
                .map(|w| {
                    let bytes = w.as_bytes();
                    if bytes.iter().all(u8::is_ascii_alphanumeric) {
                        let later = (bytes.len() as i32 - 1) * (SCORE_MATCH + BONUS_CONSECUTIVE);
                        WordBound::Alnum {
                            bit: bag_bit(bytes[0]),
                            base: i64::from(GAP_EXTENSION + SCORE_MATCH + later),
                        }
                    } else {
                        WordBound::Other(bytes.iter().map(|&b| bag_bit(b)).collect())
                    }
                })
                .collect(),
            words,
        }
    }
}

/// Whether `word` occurs in `key` in order (not necessarily together).
fn in_order(key: &[u8], word: &[u8]) -> bool {
    let mut rest = key;
    for &w in word {
        match rest.iter().position(|&c| c == w) {
            Some(i) => rest = &rest[i + 1..],
            None => return false,
        }
    }
    true
}

/// Above this many items to search, a query searches two halves at once.
const PARALLEL_ABOVE: usize = 200_000;

/// The items a query looks at: a range of them, or a list (the previous query's matches).
#[derive(Clone, Copy)]
enum Over<'a> {
    Range(u32, u32),
    List(&'a [u32]),
}

impl Over<'_> {
    fn len(&self) -> usize {
        match self {
            Over::Range(from, to) => (to - from) as usize,
            Over::List(items) => items.len(),
        }
    }

    /// The first half and the second, in index order.
    fn halves(self) -> (Self, Self) {
        match self {
            Over::Range(from, to) => {
                let middle = from + (to - from) / 2;
                (Over::Range(from, middle), Over::Range(middle, to))
            }
            Over::List(items) => {
                let (a, b) = items.split_at(items.len() / 2);
                (Over::List(a), Over::List(b))
            }
        }
    }
}

/// The worst entry of a best-`k` list: lowest score, and among equals the latest item.
type Worst = (Reverse<i64>, u32);

impl SearchIndex {
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    /// Indexes players by name, known-as name and aliases; item `i` is the `i`th player.
    pub fn from_players<'a>(
        players: impl IntoIterator<Item = &'a crate::domain::Player>,
    ) -> SearchIndex {
        let mut idx = SearchIndex::new();
        for p in players {
            idx.push(
                &p.name,
                p.known_as.iter().chain(&p.aliases).map(String::as_str),
            );
        }
        idx
    }

    /// Adds an item: the name shown (highlight indices point into it) and other names it is
    /// found by. Returns its number.
    pub fn push<'a>(&mut self, name: &str, others: impl IntoIterator<Item = &'a str>) -> usize {
        let first_key = self.key_end.len();
        self.push_key(name);
        for o in others {
            self.push_key(o);
        }
        let (start, end) = self.key_range(first_key);
        let mut bag = 0;
        let mut meta = ItemMeta {
            first: 0,
            heads: 0,
            start: start as u32,
            end: end as u32,
            first_key: first_key as u32,
            keys: (self.key_end.len() - first_key).min(u16::MAX as usize) as u16,
            fast: true,
        };
        for k in first_key..first_key + meta.keys as usize {
            bag |= self.key_bag[k];
            meta.fast &= self.key_flags[k] & FAST != 0;
            let (s, e) = self.key_range(k);
            let bytes = &self.text.as_bytes()[s..e];
            let mut prev = CharType::Empty;
            for (j, &b) in bytes.iter().enumerate() {
                let cur = char_type(b);
                if j == 0 {
                    meta.first |= bag_bit(b);
                } else if in_place_bonus(prev, cur) > 0 {
                    meta.heads |= bag_bit(b);
                }
                prev = cur;
            }
        }
        self.items.push(meta);
        self.bags.push(bag);
        self.last = None;
        self.items.len() - 1
    }

    fn push_key(&mut self, name: &str) {
        let start = self.text.len();
        // Folding is one char for one char, straight into the arena; most names are ASCII,
        // lower-cased in place.
        if name.is_ascii() {
            self.text.push_str(name);
            self.text[start..].make_ascii_lowercase();
        } else {
            self.text.extend(name.chars().map(|c| {
                if c.is_ascii() {
                    c.to_ascii_lowercase()
                } else {
                    super::fold_char(c)
                }
            }));
        }
        let key = &self.text[start..];
        let fast = key.is_ascii() && key.len() <= MAX_KEY;
        let b = bag(key);
        self.key_end.push(self.text.len() as u32);
        self.key_flags.push(if fast { FAST } else { 0 });
        self.key_bag.push(b);
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn key_range(&self, k: usize) -> (usize, usize) {
        let start = if k == 0 {
            0
        } else {
            self.key_end[k - 1] as usize
        };
        (start, self.key_end[k] as usize)
    }

    fn keys(&self, item: usize) -> std::ops::Range<usize> {
        let m = &self.items[item];
        m.first_key as usize..m.first_key as usize + m.keys as usize
    }

    /// The folded name of item `i` (what highlight indices count chars in).
    pub fn key(&self, item: usize) -> &str {
        let m = &self.items[item];
        &self.text[m.start as usize..m.end as usize]
    }

    /// Every folded name item `i` is found by, the name shown first.
    pub fn names(&self, item: usize) -> impl Iterator<Item = &str> {
        self.keys(item).map(|k| {
            let (s, e) = self.key_range(k);
            &self.text[s..e]
        })
    }

    /// Heap bytes held (for the memory budget).
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.key_end.capacity() * 4
            + self.key_flags.capacity()
            + self.key_bag.capacity() * 8
            + self.items.capacity() * std::mem::size_of::<ItemMeta>()
            + self.bags.capacity() * 8
            + self
                .last
                .as_ref()
                .map_or(0, |(q, m)| q.capacity() + m.capacity() * 4)
    }

    /// Whether some key of the item holds every word in order: what `Matcher` calls a match.
    #[inline]
    fn matches(&self, item: usize, q: &Prepared) -> bool {
        self.matches_from(item, q)
    }

    /// [`SearchIndex::matches`], its first test read from the compact `bags` (in a scan in
    /// index order eight bytes an item stream through the cache).
    #[inline(always)]
    fn matches_from(&self, item: usize, q: &Prepared) -> bool {
        if self.bags[item] & q.bag != q.bag {
            return false;
        }
        let m = &self.items[item];
        if m.keys == 1 && m.fast && q.fast {
            // One key: its bag is the item's, already tested.
            let key = &self.text.as_bytes()[m.start as usize..m.end as usize];
            return q.scan.iter().all(|w| in_order(key, w.as_bytes()));
        }
        self.keys(item).any(|k| {
            if self.key_bag[k] & q.bag != q.bag {
                return false;
            }
            let (s, e) = self.key_range(k);
            if q.fast && self.key_flags[k] & FAST != 0 {
                let key = &self.text.as_bytes()[s..e];
                q.scan.iter().all(|w| in_order(key, w.as_bytes()))
            } else {
                self.matcher.matches(&self.text[s..e], q.folded).is_some()
            }
        })
    }

    /// A score no key of the item can beat, from the letters that open its keys and words.
    ///
    /// The first char of a word scores `15 + bonus` (16 opening the key, up to 8 opening a
    /// word). In a word of letters and digits, every later char scores at most 20: matched
    /// right after the previous char it sits inside a word (no in-place bonus, so the
    /// consecutive bonus 4), and after a gap the gap costs at least 4 of its bonus of at most
    /// 8. Other words get 16 plus the best bonus per char.
    #[inline]
    fn upper_bound(&self, item: usize, q: &Prepared) -> i64 {
        let m = &self.items[item];
        if !(q.fast && m.fast) {
            return i64::MAX;
        }
        let best_bonus = |bit: u64| {
            if m.first & bit != 0 {
                BONUS_HEAD * FIRST_CHAR_MULTIPLIER
            } else if m.heads & bit != 0 {
                BONUS_HEAD.max(BONUS_BREAK).max(BONUS_CAMEL)
            } else {
                0
            }
        };
        q.bounds
            .iter()
            .map(|w| match w {
                WordBound::Alnum { bit, base } => base + i64::from(best_bonus(*bit)),
                WordBound::Other(bits) => bits
                    .iter()
                    .map(|&bit| i64::from(SCORE_MATCH + best_bonus(bit).max(BONUS_CONSECUTIVE)))
                    .sum(),
            })
            .sum()
    }

    /// The best score of any of the item's keys, every word matching the same key.
    fn score(&self, item: usize, q: &Prepared, scratch: &mut Scratch) -> Option<i64> {
        let mut best: Option<i64> = None;
        for k in self.keys(item) {
            if self.key_bag[k] & q.bag != q.bag {
                continue;
            }
            let (s, e) = self.key_range(k);
            let score = if q.fast && self.key_flags[k] & FAST != 0 {
                let key = &self.text.as_bytes()[s..e];
                key_bonus(key, &mut scratch.bonus);
                let bonus = std::mem::take(&mut scratch.bonus);
                let score = q.words.iter().try_fold(0i64, |total, w| {
                    skim_score(key, &bonus, w.as_bytes(), scratch).map(|sc| total + i64::from(sc))
                });
                scratch.bonus = bonus;
                score
            } else {
                self.matcher
                    .matches(&self.text[s..e], q.folded)
                    .map(|h| h.score)
            };
            if let Some(sc) = score {
                best = Some(best.map_or(sc, |b| b.max(sc)));
            }
        }
        best
    }

    /// The `limit` best matches of `query`, best first (ties in index order), with the matched
    /// char positions in each item's name. An empty query lists the first `limit` items.
    ///
    /// When `query` extends the previous query, only the previous matches are rescored.
    pub fn query(&mut self, query: &str, limit: usize) -> Vec<(usize, Hit)> {
        let q = fold(query.trim());
        let narrowed = match self.last.take() {
            Some((prev, matched)) if !prev.is_empty() && q.starts_with(&prev) => Some(matched),
            _ => None,
        };
        let (hits, matched) = self.run(&q, limit, narrowed.as_deref());
        self.last = Some((q, matched));
        hits
    }

    /// Like [`SearchIndex::query`] but always over every item, without remembering the query.
    pub fn query_all(&self, query: &str, limit: usize) -> Vec<(usize, Hit)> {
        self.run(&fold(query.trim()), limit, None).0
    }

    /// How many items the previous [`SearchIndex::query`] matched (all of them, not only the
    /// `limit` returned); `None` before any query or after an empty one.
    pub fn last_match_count(&self) -> Option<usize> {
        self.last
            .as_ref()
            .filter(|(q, _)| !q.is_empty())
            .map(|(_, m)| m.len())
    }

    /// Like [`SearchIndex::query_all`] without the highlight indices: item and score, best
    /// first. For printing many matches (`find --limit 0`), where indices would cost more than
    /// the search.
    pub fn ranked(&self, query: &str, limit: usize) -> Vec<(usize, i64)> {
        let q = fold(query.trim());
        self.best(&q, limit, None).0
    }

    /// [`SearchIndex::ranked`] among the items `keep` keeps. `keep` is asked only about items
    /// that match and could make the list, in index order.
    pub fn ranked_where(
        &self,
        query: &str,
        limit: usize,
        keep: &mut dyn FnMut(usize) -> bool,
    ) -> Vec<(usize, i64)> {
        let q = fold(query.trim());
        let all = Over::Range(0, self.len() as u32);
        self.best_where(&q, limit, all, keep).0
    }

    /// Forgets the previous query, so the next one scores every item.
    pub fn reset(&mut self) {
        self.last = None;
    }

    /// Adds every item of `other` after this index's own, in their order (an index built in
    /// parts, one per thread, or growing as a pool arrives): it then finds and ranks as one
    /// index built at once. The previous query's matches are kept, with the new items it
    /// matches after them, so the next keystroke still rescored only those.
    pub fn append(&mut self, other: SearchIndex) {
        let from = self.items.len();
        let text_shift = self.text.len() as u32;
        let key_shift = self.key_end.len() as u32;
        self.text.push_str(&other.text);
        self.key_end
            .extend(other.key_end.iter().map(|e| e + text_shift));
        self.key_flags.extend_from_slice(&other.key_flags);
        self.key_bag.extend_from_slice(&other.key_bag);
        self.items.extend(other.items.iter().map(|m| ItemMeta {
            start: m.start + text_shift,
            end: m.end + text_shift,
            first_key: m.first_key + key_shift,
            ..*m
        }));
        self.bags.extend_from_slice(&other.bags);
        if let Some((q, mut matched)) = self.last.take()
            && !q.is_empty()
        {
            let prepared = Prepared::new(&q);
            matched.extend(
                (from..self.items.len())
                    .filter(|&i| self.matches(i, &prepared))
                    .map(|i| i as u32),
            );
            self.last = Some((q, matched));
        }
    }

    /// Room for `more` items like those in already, so appending them copies nothing.
    pub fn reserve_items(&mut self, more: usize) {
        let n = self.items.len().max(1);
        let (keys, text) = (
            self.key_end.len() * more / n + 1,
            self.text.len() * more / n + 1,
        );
        self.text.reserve(text);
        self.key_end.reserve(keys);
        self.key_flags.reserve(keys);
        self.key_bag.reserve(keys);
        self.items.reserve(more);
        self.bags.reserve(more);
    }

    /// Writes the index as plain arrays (for a cache file); [`SearchIndex::decode`] reads it.
    pub fn encode(&self, w: &mut Writer) {
        w.bytes(self.text.as_bytes());
        w.u32s(&self.key_end);
        w.bytes(&self.key_flags);
        w.u64s(&self.key_bag);
        w.u64s(&self.bags);
        w.u64(self.items.len() as u64);
        w.bytes.reserve(self.items.len() * ITEM_BYTES);
        for m in &self.items {
            for v in [m.first, m.heads] {
                w.bytes.extend_from_slice(&v.to_le_bytes());
            }
            for v in [m.start, m.end, m.first_key] {
                w.bytes.extend_from_slice(&v.to_le_bytes());
            }
            w.bytes.extend_from_slice(&m.keys.to_le_bytes());
            w.bytes.extend_from_slice(&[u8::from(m.fast), 0]);
        }
    }

    /// Reads what [`SearchIndex::encode`] wrote; `None` unless every array is whole and every
    /// offset falls inside the text (a damaged file is never searched).
    pub fn decode(r: &mut Reader) -> Option<SearchIndex> {
        let text = String::from_utf8(r.bytes()?.to_vec()).ok()?;
        let key_end = r.u32s()?;
        let key_flags = r.bytes()?.to_vec();
        let key_bag = r.u64s()?;
        let bags = r.u64s()?;
        let raw = r.records(ITEM_BYTES)?;
        let items: Vec<ItemMeta> = raw
            .chunks_exact(ITEM_BYTES)
            .map(|c| {
                let u32_at = |i: usize| u32::from_le_bytes([c[i], c[i + 1], c[i + 2], c[i + 3]]);
                ItemMeta {
                    first: le_u64(&c[0..]),
                    heads: le_u64(&c[8..]),
                    start: u32_at(16),
                    end: u32_at(20),
                    first_key: u32_at(24),
                    keys: u16::from_le_bytes([c[28], c[29]]),
                    fast: c[30] != 0,
                }
            })
            .collect();
        let idx = SearchIndex {
            bags,
            text,
            key_end,
            key_flags,
            key_bag,
            items,
            matcher: Matcher::default(),
            last: None,
        };
        idx.is_whole().then_some(idx)
    }

    /// Every offset inside the text and on a char boundary, every key the fast scorer takes
    /// short and ASCII: what searching relies on.
    fn is_whole(&self) -> bool {
        let n = self.key_end.len();
        if self.bags.len() != self.items.len()
            || self.key_flags.len() != n
            || self.key_bag.len() != n
            || self.text.len() > u32::MAX as usize
        {
            return false;
        }
        // In ASCII text every offset is a char boundary.
        let ascii = self.text.is_ascii();
        let boundary = |at: usize| ascii || self.text.is_char_boundary(at);
        let mut start = 0usize;
        for k in 0..n {
            let end = self.key_end[k] as usize;
            if end < start || end > self.text.len() || !boundary(end) {
                return false;
            }
            if self.key_flags[k] & FAST != 0
                && (end - start > MAX_KEY || !(ascii || self.text[start..end].is_ascii()))
            {
                return false;
            }
            start = end;
        }
        self.items.iter().all(|m| {
            let (s, e) = (m.start as usize, m.end as usize);
            let keys = m.first_key as usize..m.first_key as usize + m.keys as usize;
            s <= e
                && e <= self.text.len()
                && boundary(s)
                && boundary(e)
                && keys.end <= n
                && (!m.fast || keys.clone().all(|k| self.key_flags[k] & FAST != 0))
                && (m.keys != 1 || self.key_range(m.first_key as usize) == (s, e))
        })
    }

    fn run(&self, q: &str, limit: usize, within: Option<&[u32]>) -> (Vec<(usize, Hit)>, Vec<u32>) {
        let (top, matched) = self.best(q, limit, within);
        let hits = top
            .into_iter()
            .map(|(item, score)| {
                let indices = self
                    .matcher
                    .matches(self.key(item), q)
                    .map(|h| h.indices)
                    .unwrap_or_default();
                (item, Hit { score, indices })
            })
            .collect();
        (hits, matched)
    }

    /// The best `limit` items and scores for the folded query `q`, and every item it matches.
    /// Many items are searched in two halves at once, one on another thread (at a million
    /// players a keystroke is the scan): each half keeps its own best, and the best of both,
    /// ties in index order, are the best of all.
    fn best(&self, q: &str, limit: usize, within: Option<&[u32]>) -> (Vec<(usize, i64)>, Vec<u32>) {
        let over = within.map_or(Over::Range(0, self.len() as u32), Over::List);
        if over.len() < PARALLEL_ABOVE || q.split_whitespace().next().is_none() {
            return self.best_where(q, limit, over, |_| true);
        }
        let (a, b) = over.halves();
        let (first, second) = std::thread::scope(|s| {
            let second = s.spawn(move || self.best_where(q, limit, b, |_| true));
            (self.best_where(q, limit, a, |_| true), second.join())
        });
        let (mut top, mut matched) = first;
        let (top_b, matched_b) = second.unwrap_or_else(|_| self.best_where(q, limit, b, |_| true));
        top.extend(top_b);
        top.sort_unstable_by_key(|&(item, score)| (Reverse(score), item));
        top.truncate(limit);
        matched.extend(matched_b);
        (top, matched)
    }

    /// [`SearchIndex::best`] among the items `keep` keeps.
    fn best_where(
        &self,
        q: &str,
        limit: usize,
        over: Over,
        keep: impl FnMut(usize) -> bool,
    ) -> (Vec<(usize, i64)>, Vec<u32>) {
        let prepared = Prepared::new(q);
        if prepared.words.is_empty() {
            let limit = limit.min(self.len());
            return ((0..limit).map(|i| (i, 0)).collect(), Vec::new());
        }
        match over {
            Over::Range(from, to) => self.best_of(from..to, limit, &prepared, keep),
            Over::List(items) => self.best_of(items.iter().copied(), limit, &prepared, keep),
        }
    }

    /// The loop of [`SearchIndex::best_where`] over `items`, in index order.
    fn best_of(
        &self,
        items: impl Iterator<Item = u32>,
        limit: usize,
        prepared: &Prepared,
        mut keep: impl FnMut(usize) -> bool,
    ) -> (Vec<(usize, i64)>, Vec<u32>) {
        let limit = limit.min(self.len());
        let mut scratch = Scratch::new();
        let mut matched: Vec<u32> = Vec::new();
        // The best `limit` so far; its top is the one to beat.
        let mut best: BinaryHeap<Worst> = BinaryHeap::with_capacity(limit + 1);
        for item in items {
            let i = item as usize;
            if !self.matches_from(i, prepared) {
                continue;
            }
            matched.push(item);
            if limit == 0 {
                continue;
            }
            // Items come in index order, so an equal score cannot displace an earlier item.
            let full = best.len() == limit;
            if full
                && let Some((Reverse(worst), _)) = best.peek()
                && self.upper_bound(i, prepared) <= *worst
            {
                continue;
            }
            let Some(score) = self.score(i, prepared, &mut scratch) else {
                continue;
            };
            if full && best.peek().is_some_and(|(Reverse(w), _)| score <= *w) || !keep(i) {
                continue;
            }
            if full {
                best.pop();
            }
            best.push((Reverse(score), item));
        }
        let mut top: Vec<(i64, u32)> = best
            .into_iter()
            .map(|(Reverse(score), item)| (score, item))
            .collect();
        top.sort_unstable_by_key(|&(score, item)| (Reverse(score), item));
        let top = top
            .into_iter()
            .map(|(score, item)| (item as usize, score))
            .collect();
        (top, matched)
    }
}

/// Scores names one at a time, as [`SearchIndex`] would score an item with those names as its
/// keys, without building an index: for reading a pool straight from its file.
pub struct KeyScorer<'q> {
    q: Prepared<'q>,
    scratch: Scratch,
    key: String,
    bonus: Vec<u8>,
    matcher: Matcher,
}

impl<'q> KeyScorer<'q> {
    /// For a query already folded ([`fold`]) and trimmed; `None` for an empty one (it matches
    /// everything, unscored).
    pub fn new(folded: &'q str) -> Option<KeyScorer<'q>> {
        let q = Prepared::new(folded);
        if q.words.is_empty() {
            return None;
        }
        Some(KeyScorer {
            q,
            scratch: Scratch::new(),
            key: String::new(),
            bonus: Vec::new(),
            matcher: Matcher::default(),
        })
    }

    /// The best score of any of `keys` (every word matching the same key), or `None`.
    pub fn score<'k>(&mut self, keys: impl IntoIterator<Item = &'k str>) -> Option<i64> {
        let mut best: Option<i64> = None;
        for name in keys {
            if let Some(sc) = self.score_key(name) {
                best = Some(best.map_or(sc, |b| b.max(sc)));
            }
        }
        best
    }

    fn score_key(&mut self, name: &str) -> Option<i64> {
        self.key.clear();
        if name.is_ascii() {
            // Most names: lower-cased in place, no char by char.
            self.key.push_str(name);
            self.key.make_ascii_lowercase();
        } else {
            self.key.extend(name.chars().map(super::fold_char));
        }
        let key = self.key.as_bytes();
        if bag(&self.key) & self.q.bag != self.q.bag {
            return None;
        }
        if !(self.q.fast && self.key.is_ascii() && key.len() <= MAX_KEY) {
            return self
                .matcher
                .matches(&self.key, self.q.folded)
                .map(|h| h.score);
        }
        if !self.q.scan.iter().all(|w| in_order(key, w.as_bytes())) {
            return None;
        }
        key_bonus(key, &mut self.bonus);
        let (bonus, scratch) = (&self.bonus, &mut self.scratch);
        self.q.words.iter().try_fold(0i64, |total, w| {
            skim_score(key, bonus, w.as_bytes(), scratch).map(|sc| total + i64::from(sc))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    fn bundled_names() -> Vec<crate::domain::Player> {
        let ds = crate::store::load(None).expect("bundled");
        ds.squad.into_iter().chain(ds.targets).collect()
    }

    /// What the board would do without the index: `Matcher` over every name, stable by score.
    fn naive(players: &[crate::domain::Player], q: &str, limit: usize) -> Vec<(usize, Hit)> {
        let m = Matcher::default();
        let mut out: Vec<(usize, Hit)> = players
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                std::iter::once(&p.name)
                    .chain(&p.known_as)
                    .chain(&p.aliases)
                    .filter_map(|n| m.matches(&fold(n), q))
                    .map(|h| h.score)
                    .max()
                    .map(|s| {
                        let indices = m
                            .matches(&fold(&p.name), q)
                            .map(|h| h.indices)
                            .unwrap_or_default();
                        (i, Hit { score: s, indices })
                    })
            })
            .collect();
        out.sort_by_key(|(_, h)| Reverse(h.score));
        out.truncate(limit);
        out
    }

    /// `n` names from small lists (hyphens, apostrophes, particles, capitals inside words and a
    /// few accents, as real names have), picked by a xorshift seeded with `seed`. The bigger
    /// generator is the dev-only `fakepool` crate, which the library's own tests cannot use.
    fn made_up_names(n: usize, seed: u64) -> Vec<String> {
        const FIRST: &[&str] = &[
            "Trent",
            "Mohamed",
            "Virgil",
            "Ibrahima",
            "Joe",
            "Kostas",
            "Dominik",
            "Alexis",
            "Ryan",
            "Curtis",
            "Harvey",
            "Luis",
            "Cody",
            "Darwin",
            "Diogo",
            "Alisson",
            "Caoimhin",
            "Jarell",
            "Wataru",
            "Conor",
            "Jean-Philippe",
            "Shay",
            "Marco",
            "Joao",
            "Kim",
            "Ma",
            "Zé",
            "José",
            "Łukasz",
            "Ángel",
        ];
        const LAST: &[&str] = &[
            "Alexander-Arnold",
            "Salah",
            "van Dijk",
            "Konate",
            "Gomez",
            "Tsimikas",
            "Szoboszlai",
            "Mac Allister",
            "Gravenberch",
            "Jones",
            "Elliott",
            "Diaz",
            "Gakpo",
            "Nunez",
            "Jota",
            "Becker",
            "Kelleher",
            "Quansah",
            "Endo",
            "Bradley",
            "O'Neil",
            "dos Santos",
            "McTominay",
            "DeJong",
            "Ma-Rossi",
            "da Silva",
            "Kim",
            "Martínez",
            "Żółć",
            "Gonçalves",
        ];
        let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut next = move |len: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % len as u64) as usize
        };
        (0..n)
            .map(|_| format!("{} {}", FIRST[next(FIRST.len())], LAST[next(LAST.len())]))
            .collect()
    }

    #[test]
    fn the_fast_score_is_skims_score() {
        let names = made_up_names(3000, 7);
        let mut scratch = Scratch::new();
        let mut checked = 0;
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        for name in &names {
            let key = fold(name);
            if !key.is_ascii() {
                continue;
            }
            let mut idx = SearchIndex::new();
            idx.push(name, []);
            let mut bonus = Vec::new();
            key_bonus(key.as_bytes(), &mut bonus);
            let chars: Vec<u8> = key.bytes().collect();
            // Patterns: prefixes, scattered subsequences, and random letters (mostly misses).
            let mut patterns = vec![key[..key.len().min(3)].to_string()];
            for _ in 0..6 {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                let len = 1 + (rng % 5) as usize;
                let p: String = (0..len)
                    .map(|k| {
                        let r = (rng >> (k * 8)) as usize;
                        if r.is_multiple_of(4) {
                            (b'a' + (r % 26) as u8) as char
                        } else {
                            chars[(r / 4) % chars.len()] as char
                        }
                    })
                    .filter(|c| *c != ' ')
                    .collect();
                patterns.push(p);
            }
            for p in patterns.iter().filter(|p| !p.is_empty()) {
                // A fresh matcher each time: skim keeps its matrix between calls.
                let expected = SkimMatcherV2::default()
                    .ignore_case()
                    .fuzzy_indices(&key, p)
                    .map(|(s, _)| s as i32);
                let got = skim_score(key.as_bytes(), &bonus, p.as_bytes(), &mut scratch);
                assert_eq!(got, expected, "`{p}` in `{key}`");
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn it_agrees_with_matcher_on_the_bundled_names() {
        let players = bundled_names();
        let mut idx = SearchIndex::from_players(&players);
        for q in [
            "rudiger",
            "Rüdiger",
            "rdgr",
            "konate ibra",
            "kon",
            "mil",
            "a",
            "al",
            "ala",
            "car",
            "carv",
            "alvaro fernandez",
            "ez",
            "xyz",
            "trent",
            "r",
            "  militao  ",
            "dean h",
        ] {
            let got = idx.query_all(q, 50);
            assert_eq!(got, naive(&players, q, 50), "query `{q}`");
            let scores: Vec<(usize, i64)> = got.iter().map(|(i, h)| (*i, h.score)).collect();
            assert_eq!(idx.ranked(q, 50), scores, "ranked `{q}`");
            // Narrowing one keystroke at a time gives the same as a fresh query.
            let mut typed = String::new();
            idx.reset();
            for c in q.chars() {
                typed.push(c);
                let step = idx.query(&typed, 50);
                assert_eq!(step, idx.query_all(&typed, 50), "typed `{typed}`");
            }
        }
        assert!(idx.query_all("xyz", 10).is_empty());
        let top = idx.query_all("rudiger", 1);
        assert_eq!(players[top[0].0].name, "Antonio Rüdiger");
    }

    #[test]
    fn an_index_built_in_parts_or_read_back_searches_as_the_whole() {
        let names = made_up_names(2000, 3);
        let alias = |i: usize| {
            i.is_multiple_of(3)
                .then(|| names[(i * 7) % names.len()].as_str())
        };
        let mut whole = SearchIndex::new();
        let (mut a, mut b) = (SearchIndex::new(), SearchIndex::new());
        for (i, n) in names.iter().enumerate() {
            whole.push(n, alias(i));
            if i < 700 { &mut a } else { &mut b }.push(n, alias(i));
        }
        a.append(b);
        let mut w = Writer::default();
        whole.encode(&mut w);
        let read = SearchIndex::decode(&mut Reader::new(&w.bytes)).expect("whole");
        for q in [
            "mar",
            "jo sil",
            "a",
            "kim",
            "zolc",
            "xyz",
            "gonçalves",
            "o'n",
        ] {
            let all = whole.ranked(q, names.len());
            assert_eq!(a.ranked(q, 50), whole.ranked(q, 50), "appended `{q}`");
            assert_eq!(read.ranked(q, names.len()), all, "read back `{q}`");
            // Among the items `keep` keeps: the same as leaving the others out afterwards.
            for limit in [1, 20, names.len()] {
                let odd: Vec<(usize, i64)> = all
                    .iter()
                    .copied()
                    .filter(|(i, _)| i % 2 == 1)
                    .take(limit)
                    .collect();
                assert_eq!(whole.ranked_where(q, limit, &mut |i| i % 2 == 1), odd);
            }
        }
        // Cut anywhere, it reads as nothing.
        for cut in (0..w.bytes.len()).step_by(101) {
            assert!(SearchIndex::decode(&mut Reader::new(&w.bytes[..cut])).is_none());
        }
        // An offset past the text, or a long key flagged for the fast scorer, is refused.
        let mut bad = SearchIndex::decode(&mut Reader::new(&w.bytes)).expect("whole");
        bad.key_end[5] = bad.text.len() as u32 + 9;
        let mut w = Writer::default();
        bad.encode(&mut w);
        assert!(SearchIndex::decode(&mut Reader::new(&w.bytes)).is_none());
        let mut long = SearchIndex::new();
        long.push(&"a".repeat(MAX_KEY + 1), []);
        long.key_flags[0] = FAST;
        let mut w = Writer::default();
        long.encode(&mut w);
        assert!(SearchIndex::decode(&mut Reader::new(&w.bytes)).is_none());
    }

    /// Issue 16: the board's pool index grows batch by batch while a query is open. After each
    /// batch it finds and ranks as an index built at once over the same names, and the open
    /// query's matches already hold the new names (so the next keystroke narrows them).
    #[test]
    fn a_growing_index_keeps_the_open_query_and_ranks_as_one_built_at_once() {
        let names = made_up_names(3000, 11);
        let alias = |i: usize| (i % 5 == 2).then(|| names[(i * 13) % names.len()].as_str());
        let mut grown = SearchIndex::new();
        let typed = ["m", "ma", "mar", "mart", "marti", "ma", "jo", "jo s"];
        let mut at = 0;
        for (step, size) in [1, 7, 250, 0, 1200, 42, 900, 600].into_iter().enumerate() {
            let mut batch = SearchIndex::new();
            let end = (at + size).min(names.len());
            for (i, name) in names.iter().enumerate().take(end).skip(at) {
                batch.push(name, alias(i));
            }
            at = end;
            if step == 3 {
                grown.reserve_items(names.len());
            }
            grown.append(batch);
            let mut once = SearchIndex::new();
            for (i, name) in names.iter().enumerate().take(at) {
                once.push(name, alias(i));
            }
            let q = typed[step];
            if step > 0 {
                let prev = typed[step - 1];
                let want: Vec<u32> = (0..at as u32)
                    .filter(|&i| once.matches(i as usize, &Prepared::new(prev)))
                    .collect();
                let kept = grown.last.as_ref().map(|(q, m)| (q.as_str(), m.clone()));
                assert_eq!(kept, Some((prev, want)), "after batch {step}");
            }
            assert_eq!(
                grown.query(q, 50),
                once.query(q, 50),
                "`{q}` after batch {step}"
            );
            assert_eq!(grown.last_match_count(), once.last_match_count(), "`{q}`");
            assert_eq!(grown.ranked(q, at), once.ranked(q, at), "`{q}` in full");
        }
        assert_eq!(at, names.len());
        assert!(
            grown
                .last
                .as_ref()
                .is_some_and(|(q, m)| q == "jo s" && !m.is_empty())
        );
    }

    #[test]
    fn highlights_point_into_the_name_and_accents_fold() {
        let mut idx = SearchIndex::new();
        idx.push("Ibrahima Konaté", []);
        idx.push("Łukasz Żółć", []);
        idx.push("Kaito Mori", ["Mori Kaito"]);
        let hits = idx.query("kon", 10);
        assert_eq!(
            hits,
            vec![(
                0,
                Hit {
                    score: hits[0].1.score,
                    indices: vec![9, 10, 11]
                }
            )]
        );
        assert_eq!(idx.query("zolc", 10)[0].0, 1);
        assert_eq!(idx.query("Żółć", 10)[0].0, 1);
        // Words in any order; the alias is found too, the highlight stays on the name.
        assert_eq!(idx.query("mori kaito", 10)[0].0, 2);
        assert_eq!(idx.query("", 2).len(), 2);
    }
}
