//! The scouting pool on the board: loaded by an effect (`Effect::LoadPool`) that the runtime
//! runs on its own thread (the board draws its first frame at once), arriving in batches of
//! about [`Loader::BATCH_ROWS`] players through the inbox: each batch is added to the data as
//! possible targets and to the pool's growing search index, so `/` finds what is in so far.
//!
//! Each batch is made ready (the data's own people left out, its index built) on the thread that
//! read it; the board only appends. A load that fails midway keeps what arrived: the user may
//! already have signed one of those players, and dropping him would break the plan.

use super::Action;
use crate::domain::pool::PoolPlayers;
use crate::domain::{Dataset, PlayerId};
use crate::search::KnownPeople;
use crate::search::index::SearchIndex;
use crate::store::pool::{Batch, Pool, PoolStep, Progress, stream_pool};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A pool merged into the data at once (for the commands that read a scenario with `--pool`).
pub struct LoadedPool {
    /// The data with every pool player added as a possible target.
    pub dataset: Dataset,
    /// Search over the pool players only, in `ids` order.
    pub index: SearchIndex,
    pub ids: Vec<PlayerId>,
    pub problems: Vec<String>,
    pub source: PathBuf,
}

/// Consecutive pool players ready for the board: one step of the load.
pub struct PoolBatch {
    /// The new possible targets, in pool order (the data's own people left out), held
    /// compactly (made here, off the board's thread).
    pub players: PoolPlayers,
    /// Search over `players` (item `i` is row `i`).
    pub index: SearchIndex,
    /// What the notice at the end says, kept apart so it reads as a load in one go would:
    /// rows the reader skipped, rows kept with a field unknown, pool players who are the data's.
    pub notes: PoolNotes,
}

/// What a pool load has to say, by kind, each in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PoolNotes {
    pub problems: Vec<String>,
    pub warnings: Vec<String>,
    pub skipped: Vec<String>,
}

impl PoolNotes {
    pub fn len(&self) -> usize {
        self.problems.len() + self.warnings.len() + self.skipped.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn extend(&mut self, more: PoolNotes) {
        self.problems.extend(more.problems);
        self.warnings.extend(more.warnings);
        self.skipped.extend(more.skipped);
    }

    /// Every line, in the order the notice shows them.
    pub fn lines(self) -> Vec<String> {
        let mut out = self.problems;
        out.extend(self.warnings);
        out.extend(self.skipped);
        out
    }
}

/// Actions are cloned and compared in tests: a batch is only ever the same as itself.
impl PartialEq for PoolBatch {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl fmt::Debug for PoolBatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PoolBatch({} players)", self.players.len())
    }
}

/// What the board knows of its pool.
#[derive(Debug, Clone, PartialEq)]
pub enum PoolStatus {
    None,
    Loading { file: String, progress: Progress },
    Ready { players: usize, problems: usize },
    Failed(String),
}

/// The data's own people, to leave out of a pool: a pool player who is one of the data's
/// players (same id, or same name and birth date, or same name and club) is left out. The
/// data's own player under his own id (a club imported from the CSV that is also the pool) is
/// merged without a word; anyone else left out is said: an id the data gives another person, or
/// the data's player under another id. Holds no reference to the data, so the board can grow
/// its data while the pool loads.
pub struct DataPeople {
    known: KnownPeople,
    /// Who the data's player of each id is (a squad player's over a target's, as
    /// `Dataset::player`).
    names: HashMap<String, Known>,
}

/// What tells a data player with a pool player's id apart from another person.
struct Known {
    name: String,
    /// Every name he goes by, folded.
    folded: Vec<String>,
    born: Option<chrono::NaiveDate>,
}

impl Known {
    /// Whether `p`, with the same id, is this person: a name in common, or the same birth date.
    fn is(&self, p: &crate::domain::Player) -> bool {
        let same_born = matches!((self.born, p.born), (Some(a), Some(b)) if a == b);
        same_born
            || std::iter::once(&p.name)
                .chain(&p.known_as)
                .chain(&p.aliases)
                .any(|n| self.folded.contains(&crate::search::fold(n)))
    }
}

impl DataPeople {
    pub fn of(ds: &Dataset) -> DataPeople {
        let mut names = HashMap::new();
        for p in ds.targets.iter().chain(&ds.squad) {
            let folded = std::iter::once(&p.name)
                .chain(&p.known_as)
                .chain(&p.aliases)
                .map(|n| crate::search::fold(n))
                .collect();
            names.insert(
                p.id.as_str().to_string(),
                Known {
                    name: p.name.clone(),
                    folded,
                    born: p.born,
                },
            );
        }
        DataPeople {
            known: KnownPeople::new(ds.squad.iter().chain(ds.targets.iter())),
            names,
        }
    }

    /// A batch of pool players (from the file `source`) made ready for the board: the data's
    /// own people left out and said so, the rest indexed.
    pub fn prepare(&self, source: &str, batch: Batch) -> PoolBatch {
        let mut skipped = Vec::new();
        let mut players = Vec::with_capacity(batch.players.len());
        for (i, p) in batch.players.into_iter().enumerate() {
            if let Some(theirs) = self.known.find_player(&p) {
                let ours = self.names.get(p.id.as_str());
                if theirs == p.id.as_str() && ours.is_some_and(|k| k.is(&p)) {
                    // The data's own player, as the pool has him: nothing to say.
                    continue;
                }
                // Where in the pool file he stands, so the user can find the row.
                let place = batch
                    .rows
                    .get(i)
                    .map_or(source.to_string(), |row| format!("{source}:{row}"));
                skipped.push(if theirs == p.id.as_str() {
                    format!(
                        "{place}: pool player `{}` ({}) skipped: the data already has the id `{}` \
                         ({}); the data's player is kept",
                        p.id,
                        p.name,
                        p.id,
                        ours.map_or("", |k| k.name.as_str())
                    )
                } else {
                    format!(
                        "pool player `{}` ({}) skipped: the same person as `{theirs}` in the data",
                        p.id, p.name
                    )
                });
                continue;
            }
            players.push(p);
        }
        PoolBatch {
            index: SearchIndex::from_players(&players),
            players: PoolPlayers::of(players),
            notes: PoolNotes {
                problems: batch.problems,
                warnings: batch.warnings,
                skipped,
            },
        }
    }
}

/// Merges a whole pool into `base` as targets, as the board holds it once every batch is in.
pub fn merge(base: &Dataset, pool: Pool) -> LoadedPool {
    let source = pool.source.display().to_string();
    let batch = DataPeople::of(base).prepare(
        &source,
        Batch {
            players: pool.players,
            rows: pool.rows,
            problems: pool.problems,
            warnings: pool.warnings,
        },
    );
    let mut dataset = base.clone();
    let ids = batch.players.ids().collect();
    dataset.append_pool(batch.players);
    LoadedPool {
        dataset,
        index: batch.index,
        ids,
        problems: batch.notes.lines(),
        source: pool.source,
    }
}

/// Loads a pool for the board, in batches.
pub struct Loader {
    people: DataPeople,
    batch_rows: usize,
}

impl Loader {
    /// Players a batch holds: at both cores' pace a few hundredths of a second of reading, so
    /// the board's search grows several times a second, and taking one in (moving its players
    /// into the data, their ids into its index) stays within a frame at a million players.
    pub const BATCH_ROWS: usize = 20_000;

    /// A loader that leaves out the people of `base` (read now: the loader keeps no reference).
    pub fn new(base: &Dataset) -> Loader {
        Loader {
            people: DataPeople::of(base),
            batch_rows: Loader::BATCH_ROWS,
        }
    }

    /// Batches of about `rows` players instead.
    pub fn batch_rows(mut self, rows: usize) -> Loader {
        self.batch_rows = rows.max(1);
        self
    }

    /// Loads the pool in `path`: progress, each batch, then `PoolLoaded` (or `PoolFailed`, after
    /// the batches that did arrive) go to `send` as actions. The runtime runs this on its own
    /// thread; tests may run it inline.
    pub fn load(&self, path: &Path, send: &mut dyn FnMut(Action)) {
        let file = path.display().to_string();
        let result = stream_pool(
            path,
            self.batch_rows,
            &|batch| self.people.prepare(&file, batch),
            &mut |step| match step {
                PoolStep::Progress(progress) => send(Action::PoolProgress {
                    file: file.clone(),
                    progress,
                }),
                PoolStep::Batch(batch) => send(Action::PoolBatch(Arc::new(batch))),
            },
        );
        send(match result {
            Ok(()) => Action::PoolLoaded(path.to_path_buf()),
            Err(e) => Action::PoolFailed(e.to_string()),
        });
    }
}
