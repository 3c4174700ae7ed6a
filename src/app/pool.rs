//! The scouting pool on the board: loaded by an effect (`Effect::LoadPool`) that the runtime
//! runs on its own thread (the board draws its first frame at once and shows progress), then
//! merged into the data as possible targets and searched through the pool's own index.

use super::Action;
use crate::domain::{Dataset, PlayerId};
use crate::search::KnownPeople;
use crate::search::index::SearchIndex;
use crate::store::pool::{Progress, load_pool};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A loaded pool, ready to hand to the board.
pub struct LoadedPool {
    /// The data with every pool player added as a possible target.
    pub dataset: Dataset,
    /// Search over the pool players only, in `ids` order.
    pub index: SearchIndex,
    pub ids: Vec<PlayerId>,
    pub problems: Vec<String>,
    pub source: PathBuf,
}

/// Actions are cloned and compared in tests: a pool is only ever the same as itself.
impl PartialEq for LoadedPool {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl fmt::Debug for LoadedPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "LoadedPool({} players from {})",
            self.ids.len(),
            self.source.display()
        )
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

/// Merges pool players into the data as targets. A pool player who is one of the data's players
/// (same id, or same name and birth date, or same name and club) is skipped, and said so; rows
/// the pool kept with a field unknown are said too.
pub fn merge(base: &Dataset, pool: crate::store::pool::Pool) -> LoadedPool {
    let mut problems = pool.problems;
    problems.extend(pool.warnings);
    let known = KnownPeople::new(base.squad.iter().chain(base.targets.iter()));
    let mut targets = base.targets.clone();
    let mut ids = Vec::with_capacity(pool.players.len());
    let mut players = Vec::with_capacity(pool.players.len());
    let source = pool.source.display().to_string();
    for (i, p) in pool.players.into_iter().enumerate() {
        if let Some(theirs) = known.find_player(&p) {
            // Where in the pool file he stands, so the user can find the row.
            let place = pool
                .rows
                .get(i)
                .map_or(source.clone(), |row| format!("{source}:{row}"));
            problems.push(if theirs == p.id.as_str() {
                format!(
                    "{place}: pool player `{}` ({}) skipped: the data already has the id `{}` \
                     ({}); the data's player is kept",
                    p.id,
                    p.name,
                    p.id,
                    base.player(&p.id).map_or("", |q| q.name.as_str())
                )
            } else {
                format!(
                    "pool player `{}` ({}) skipped: the same person as `{theirs}` in the data",
                    p.id, p.name
                )
            });
            continue;
        }
        ids.push(p.id.clone());
        players.push(p);
    }
    let index = SearchIndex::from_players(&players);
    targets.extend(players);
    let dataset = Dataset::new(
        base.club.clone(),
        base.coach.clone(),
        base.squad.clone(),
        targets,
        base.reports.clone(),
        base.links.clone(),
        base.depth.clone(),
    );
    LoadedPool {
        dataset,
        index,
        ids,
        problems,
        source: pool.source,
    }
}

/// Loads the pool in `path` and merges it into `base`: progress, then the pool (or why not), go
/// to `send` as actions. The runtime runs this on its own thread; tests may run it inline.
pub fn load(path: &Path, base: &Dataset, send: &mut dyn FnMut(Action)) {
    let file = path.display().to_string();
    let result = load_pool(path, |progress| {
        send(Action::PoolProgress {
            file: file.clone(),
            progress,
        });
    });
    send(match result {
        Ok(pool) => Action::PoolLoaded(Arc::new(merge(base, pool))),
        Err(e) => Action::PoolFailed(e.to_string()),
    });
}
