//! The board's search state: the matcher and the folded names of the club's own players and
//! targets, the scouting pool's status and its index (growing as its batches arrive), and
//! the pool hits of the last query (so a redraw does not search 100k names again).

use super::pool::{PoolNotes, PoolStatus};
use super::view::{ListItem, ListKind};
use crate::domain::pool::PoolPlayers;
use crate::domain::status::is_at_club;
use crate::domain::{Dataset, PlayerId};
use crate::search::index::SearchIndex;
use crate::search::{Matcher, fold};
use chrono::NaiveDate;
use std::sync::Arc;

/// The most pool players a search lists (the title says how many matched in all).
pub const POOL_LIMIT: usize = 200;

pub struct SearchState {
    pub pool: PoolStatus,
    /// The pool's search index, as far as it has arrived (item `i` is the data's pool row `i`).
    pool_index: Option<SearchIndex>,
    /// What the pool's batches had to say, shown once the last is in.
    pool_notes: PoolNotes,
    /// The pool hits of the last query, so a redraw does not search 100k names again (`None`:
    /// search again, the pool has grown).
    pool_hits: (Option<String>, Vec<(i64, ListItem)>),
    /// How many pool players the last query matched in all.
    pub pool_matches: usize,
    /// The rows the last query listed, what they were listed from, and `pool_matches` then.
    listed: Option<(ListedKey, Vec<ListItem>, usize)>,
    /// The pool rows passing the last query of filters alone, and what they passed.
    passing: Option<(PassKey, Vec<u32>)>,
    /// The table's sort keys over the data, a column each, kept from sort to sort.
    pub sort_keys: super::table::SortKeys,
    matcher: Arc<Matcher>,
    /// Folded search keys of squad and targets: (id, folded name, folded other names).
    keys: Arc<Vec<(PlayerId, String, Vec<String>)>>,
}

impl SearchState {
    /// Search over the squad and the targets of `ds`; no pool yet.
    pub fn new(ds: &Dataset) -> SearchState {
        let keys = ds
            .squad
            .iter()
            .chain(ds.targets.iter())
            .map(|p| {
                let mut others: Vec<String> = p.aliases.iter().map(|a| fold(a)).collect();
                if let Some(k) = &p.known_as {
                    others.push(fold(k));
                }
                (p.id.clone(), fold(&p.name), others)
            })
            .collect();
        SearchState {
            pool: PoolStatus::None,
            pool_index: None,
            pool_notes: PoolNotes::default(),
            pool_hits: (None, Vec::new()),
            pool_matches: 0,
            listed: None,
            passing: None,
            sort_keys: super::table::SortKeys::default(),
            matcher: Arc::new(Matcher::default()),
            keys: Arc::new(keys),
        }
    }

    /// How many of the club's own players and targets can be found.
    pub fn club_len(&self) -> usize {
        self.keys.len()
    }

    /// The club's own players and targets matching `q`, best first (by id at equal scores); a
    /// former player at `date` is no longer in the squad to be found.
    pub fn club_hits(&self, ds: &Dataset, date: NaiveDate, q: &str) -> Vec<(i64, ListItem)> {
        let mut hits: Vec<(i64, ListItem)> = Vec::new();
        for (id, name, others) in self.keys.iter() {
            let hit = self
                .matcher
                .matches(name, q)
                .map(|h| (h.score, h.indices))
                .or_else(|| {
                    others
                        .iter()
                        .filter_map(|o| self.matcher.matches(o, q))
                        .map(|h| (h.score, Vec::new()))
                        .max_by_key(|(s, _)| *s)
                });
            let gone = ds
                .player(id)
                .is_some_and(|p| !ds.is_target(id) && !is_at_club(p, date));
            if let Some((score, matched)) = hit.filter(|_| !gone) {
                let kind = if ds.is_target(id) {
                    ListKind::Linked
                } else {
                    ListKind::Squad
                };
                hits.push((
                    score,
                    ListItem {
                        id: id.clone(),
                        kind,
                        matched,
                    },
                ));
            }
        }
        hits.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
        hits
    }

    /// Pool hits for a query, searched again only when the query changed (`pool`: the data's
    /// pool players, whose ids the hits carry).
    pub fn pool_search(&mut self, pool: &PoolPlayers, q: &str) -> Vec<(i64, ListItem)> {
        let Some(index) = self.pool_index.as_mut() else {
            return Vec::new();
        };
        if self.pool_hits.0.as_deref() != Some(q) {
            let hits = index.query(q, POOL_LIMIT);
            self.pool_matches = index.last_match_count().unwrap_or(hits.len());
            let items = hits
                .into_iter()
                .filter_map(|(i, h)| pool_item(pool, i, h))
                .collect();
            self.pool_hits = (Some(q.to_string()), items);
        }
        self.pool_hits.1.clone()
    }

    /// Up to `limit` pool hits for `q`, searched now (for a query with filters, which keep
    /// only some of them); the open query's cached hits are left alone.
    pub fn pool_search_wide(
        &mut self,
        pool: &PoolPlayers,
        q: &str,
        limit: usize,
    ) -> Vec<(i64, ListItem)> {
        let Some(index) = self.pool_index.as_mut() else {
            return Vec::new();
        };
        let hits = index.query(q, limit);
        // The narrowing state belongs to the open query: searched again from scratch next.
        self.pool_hits = (None, Vec::new());
        hits.into_iter()
            .filter_map(|(i, h)| pool_item(pool, i, h))
            .collect()
    }

    /// Heap bytes the pool's search index holds (for the memory budget).
    pub fn pool_index_bytes(&self) -> usize {
        self.pool_index.as_ref().map_or(0, SearchIndex::heap_bytes)
    }

    /// How many pool players can be found so far.
    pub fn pool_len(&self) -> usize {
        self.pool_index.as_ref().map_or(0, SearchIndex::len)
    }

    /// Takes in a batch of the pool: its index over its players (in the order the data's pool
    /// holds them) goes after what is in, and the next search runs again.
    pub fn append_pool(&mut self, index: SearchIndex, notes: PoolNotes) {
        match &mut self.pool_index {
            Some(grown) => grown.append(index),
            None => self.pool_index = Some(index),
        }
        self.pool_notes.extend(notes);
        self.pool_hits.0 = None;
    }

    /// Room for `more` pool players, so a growing pool is not copied as it grows.
    pub fn reserve_pool(&mut self, more: usize) {
        if let Some(index) = &mut self.pool_index {
            index.reserve_items(more);
        }
    }

    /// Every batch is in: the pool is ready; what its batches said is handed back.
    pub fn pool_ready(&mut self) -> PoolNotes {
        let notes = std::mem::take(&mut self.pool_notes);
        self.pool = PoolStatus::Ready {
            players: self.pool_len(),
            problems: notes.len(),
        };
        notes
    }
}

/// What a query's list is made from: the query, the date and money it reads, the table's sort,
/// and the data (which data, and how many players of each kind it holds: a pool grows).
#[derive(Debug, Clone, PartialEq)]
pub struct ListedKey {
    pub text: String,
    pub date: NaiveDate,
    pub money: crate::domain::MoneySettings,
    pub table: super::table::TableView,
    pub data: usize,
    pub sizes: (usize, usize, usize),
}

/// What a pool row passing a query of filters alone depends on: the query, the date and money it
/// reads, and the data (which, and how many pool players: a pool grows).
#[derive(Debug, Clone, PartialEq)]
pub struct PassKey {
    pub text: String,
    pub date: NaiveDate,
    pub money: crate::domain::MoneySettings,
    pub data: usize,
    pub pool: usize,
}

impl SearchState {
    /// The pool rows that passed `key`'s query, if it was the last tested (taken: hand them
    /// back with [`SearchState::keep_passing`]).
    pub fn take_passing(&mut self, key: &PassKey) -> Option<Vec<u32>> {
        match self.passing.take() {
            Some((k, rows)) if k == *key => Some(rows),
            _ => None,
        }
    }

    pub fn keep_passing(&mut self, key: PassKey, rows: Vec<u32>) {
        self.passing = Some((key, rows));
    }

    /// The rows listed last for `key`, and how many pool players matched then.
    pub fn listed(&self, key: &ListedKey) -> Option<(Vec<ListItem>, usize)> {
        match &self.listed {
            Some((k, rows, matches)) if k == key => Some((rows.clone(), *matches)),
            _ => None,
        }
    }

    /// Keeps the rows listed for `key` (with the pool's match count now).
    pub fn keep_listed(&mut self, key: ListedKey, rows: Vec<ListItem>) {
        self.listed = Some((key, rows, self.pool_matches));
    }
}

/// The list row for the pool index's `i`th player, with his score.
fn pool_item(pool: &PoolPlayers, i: usize, h: crate::search::Hit) -> Option<(i64, ListItem)> {
    if i >= pool.len() {
        return None;
    }
    Some((
        h.score,
        ListItem {
            id: PlayerId::new(pool.id(i)),
            kind: ListKind::Pool,
            matched: h.indices,
        },
    ))
}
