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

use super::search::{Hit, Matcher, fold};
use std::cmp::{Ordering, Reverse};

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

/// Reusable rows of the score matrix, so scoring does not allocate.
struct Scratch {
    rows: Vec<i32>,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            rows: vec![0; 4 * (MAX_KEY + 1)],
        }
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

/// Folded names of many players, ready to be searched as the user types.
pub struct SearchIndex {
    /// Every folded key, one after the other.
    text: String,
    /// Skim's in-place bonus of every byte of `text` (for keys flagged [`FAST`]).
    bonus: Vec<u8>,
    /// Key `k` is `text[key_end[k - 1]..key_end[k]]` (from 0 for the first).
    key_end: Vec<u32>,
    key_flags: Vec<u8>,
    key_bag: Vec<u64>,
    /// Item `i` owns keys `item_keys[i]..item_keys[i + 1]`; the first is the one shown.
    item_keys: Vec<u32>,
    /// The union of its keys' bags.
    item_bag: Vec<u64>,
    matcher: Matcher,
    /// The previous query (folded) and every item it matched, for narrowing.
    last: Option<(String, Vec<u32>)>,
}

impl Default for SearchIndex {
    fn default() -> Self {
        SearchIndex {
            text: String::new(),
            bonus: Vec::new(),
            key_end: Vec::new(),
            key_flags: Vec::new(),
            key_bag: Vec::new(),
            item_keys: vec![0],
            item_bag: Vec::new(),
            matcher: Matcher::default(),
            last: None,
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

impl SearchIndex {
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    /// Indexes players by name, known-as name and aliases; item `i` is `players[i]`.
    pub fn from_players<'a>(players: impl IntoIterator<Item = &'a super::Player>) -> SearchIndex {
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
        let mut item_bag = self.push_key(name);
        for o in others {
            item_bag |= self.push_key(o);
        }
        self.item_keys.push(self.key_end.len() as u32);
        self.item_bag.push(item_bag);
        self.last = None;
        self.item_bag.len() - 1
    }

    fn push_key(&mut self, name: &str) -> u64 {
        let key = fold(name);
        let start = self.text.len();
        self.text.push_str(&key);
        let bytes = key.as_bytes();
        let fast = key.is_ascii() && bytes.len() <= MAX_KEY;
        let mut prev = CharType::Empty;
        for (j, &b) in bytes.iter().enumerate() {
            let cur = char_type(b);
            let mut bonus = in_place_bonus(prev, cur);
            if j == 0 {
                bonus *= FIRST_CHAR_MULTIPLIER;
            }
            self.bonus.push(bonus as u8);
            prev = cur;
        }
        debug_assert_eq!(self.bonus.len(), self.text.len());
        self.key_end.push((start + bytes.len()) as u32);
        self.key_flags.push(if fast { FAST } else { 0 });
        let b = bag(&key);
        self.key_bag.push(b);
        b
    }

    pub fn len(&self) -> usize {
        self.item_bag.len()
    }

    pub fn is_empty(&self) -> bool {
        self.item_bag.is_empty()
    }

    fn key_range(&self, k: usize) -> (usize, usize) {
        let start = if k == 0 {
            0
        } else {
            self.key_end[k - 1] as usize
        };
        (start, self.key_end[k] as usize)
    }

    /// The folded name of item `i` (what highlight indices count chars in).
    pub fn key(&self, item: usize) -> &str {
        let k = self.item_keys[item] as usize;
        let (s, e) = self.key_range(k);
        &self.text[s..e]
    }

    /// Heap bytes held (for the memory budget).
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.bonus.capacity()
            + self.key_end.capacity() * 4
            + self.key_flags.capacity()
            + self.key_bag.capacity() * 8
            + self.item_keys.capacity() * 4
            + self.item_bag.capacity() * 8
            + self
                .last
                .as_ref()
                .map_or(0, |(q, m)| q.capacity() + m.capacity() * 4)
    }

    /// The best score of any of the item's keys, every word matching the same key.
    fn score_item(
        &self,
        item: usize,
        query: &str,
        words: &[&str],
        qbag: u64,
        fast_words: bool,
        scratch: &mut Scratch,
    ) -> Option<i64> {
        let (k0, k1) = (
            self.item_keys[item] as usize,
            self.item_keys[item + 1] as usize,
        );
        let mut best: Option<i64> = None;
        for k in k0..k1 {
            if self.key_bag[k] & qbag != qbag {
                continue;
            }
            let (s, e) = self.key_range(k);
            let score = if fast_words && self.key_flags[k] & FAST != 0 {
                let (key, bonus) = (&self.text.as_bytes()[s..e], &self.bonus[s..e]);
                let mut total = 0i64;
                let mut all = true;
                for w in words {
                    match skim_score(key, bonus, w.as_bytes(), scratch) {
                        Some(sc) => total += i64::from(sc),
                        None => {
                            all = false;
                            break;
                        }
                    }
                }
                all.then_some(total)
            } else {
                self.matcher
                    .matches(&self.text[s..e], query)
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

    /// Forgets the previous query, so the next one scores every item.
    pub fn reset(&mut self) {
        self.last = None;
    }

    fn run(&self, q: &str, limit: usize, within: Option<&[u32]>) -> (Vec<(usize, Hit)>, Vec<u32>) {
        let words: Vec<&str> = q.split_whitespace().collect();
        if words.is_empty() {
            let hits = (0..self.len().min(limit))
                .map(|i| {
                    (
                        i,
                        Hit {
                            score: 0,
                            indices: Vec::new(),
                        },
                    )
                })
                .collect();
            return (hits, Vec::new());
        }
        let qbag = bag(q);
        let fast_words = words.iter().all(|w| w.is_ascii() && w.len() <= MAX_WORD);
        let mut scratch = Scratch::new();
        let mut scored: Vec<(i64, u32)> = Vec::new();
        let mut consider = |item: u32, scored: &mut Vec<(i64, u32)>| {
            let i = item as usize;
            if self.item_bag[i] & qbag != qbag {
                return;
            }
            if let Some(s) = self.score_item(i, q, &words, qbag, fast_words, &mut scratch) {
                scored.push((s, item));
            }
        };
        match within {
            Some(items) => items.iter().for_each(|&i| consider(i, &mut scored)),
            None => (0..self.len() as u32).for_each(|i| consider(i, &mut scored)),
        }
        let matched: Vec<u32> = scored.iter().map(|&(_, i)| i).collect();
        let order = |a: &(i64, u32), b: &(i64, u32)| -> Ordering {
            (Reverse(a.0), a.1).cmp(&(Reverse(b.0), b.1))
        };
        if limit == 0 {
            return (Vec::new(), matched);
        }
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, order);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(order);
        let hits = scored
            .into_iter()
            .map(|(score, item)| {
                let indices = self
                    .matcher
                    .matches(self.key(item as usize), q)
                    .map(|h| h.indices)
                    .unwrap_or_default();
                (item as usize, Hit { score, indices })
            })
            .collect();
        (hits, matched)
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

    #[test]
    fn the_fast_score_is_skims_score() {
        let names = crate::store::pool::generate::names(3000, 7);
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
            let bonus = idx.bonus.clone();
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
                        if r % 4 == 0 {
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

    #[test]
    fn narrowing_only_rescores_previous_matches_and_resets_on_a_new_query() {
        let names = crate::store::pool::generate::names(20_000, 11);
        let mut idx = SearchIndex::new();
        for n in &names {
            idx.push(n, []);
        }
        let mut typed = String::new();
        let mut previous = usize::MAX;
        for c in "mar sil".chars() {
            typed.push(c);
            let hits = idx.query(&typed, 20);
            assert_eq!(hits, idx.query_all(&typed, 20), "`{typed}`");
            let matched = idx.last.as_ref().map_or(0, |(_, m)| m.len());
            assert!(
                matched <= previous,
                "`{typed}` widened: {matched} > {previous}"
            );
            previous = matched;
        }
        // Backspace: not an extension, so everything is scored again.
        let hits = idx.query("mar", 20);
        assert_eq!(hits, idx.query_all("mar", 20));
        assert!(idx.last.as_ref().map_or(0, |(_, m)| m.len()) >= previous);
    }
}
