//! Where the board's pool load goes: read the CSV, then merge (the data's people looked up, the
//! index built, the data grown), and the whole load as the board gets it.
//! `cargo run --release --example pool_phases -- POOL [RUNS]`

use squadboard::app::pool::merge;
use squadboard::search::index::SearchIndex;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: pool_phases POOL [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let base = squadboard::store::load(None).expect("bundled");
    for _ in 0..runs {
        let t = Instant::now();
        let pool = squadboard::store::pool::load_pool(path.as_ref(), |_| {}).expect("pool");
        let read = t.elapsed();
        let t = Instant::now();
        let index = SearchIndex::from_players(&pool.players);
        let build = t.elapsed();
        drop(index);
        let n = pool.players.len();
        let t = Instant::now();
        let known = squadboard::search::KnownPeople::new(base.squad.iter().chain(&base.targets));
        let same = pool
            .players
            .iter()
            .filter(|p| known.find_player(p).is_some())
            .count();
        let lookups = t.elapsed();
        let t = Instant::now();
        let mut targets = base.targets.clone();
        targets.extend(pool.players.iter().cloned());
        let clone = t.elapsed();
        let t = Instant::now();
        let ds = squadboard::domain::Dataset::new(
            base.club.clone(),
            None,
            base.squad.clone(),
            targets,
            vec![],
            vec![],
            base.depth.clone(),
        );
        let new = t.elapsed();
        drop(ds);
        println!(
            "  lookups {lookups:?} ({same} same), clone players {clone:?}, Dataset::new {new:?}"
        );
        let t = Instant::now();
        let loaded = merge(&base, pool);
        let merged = t.elapsed();
        println!(
            "{n} players: read {read:?}, index alone {build:?}, merge (lookups + index + data) {merged:?}"
        );
        drop(loaded);
    }
}
