//! Where `find`'s time goes on a pool: load, index, query.
//! `cargo run --release --example find_phases -- POOL QUERY`

use squadboard::search::index::SearchIndex;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(q)) = (args.first(), args.get(1)) else {
        eprintln!("usage: find_phases POOL QUERY");
        std::process::exit(2);
    };
    let t = Instant::now();
    let pool = squadboard::store::pool::load_pool(path.as_ref(), |_| {}).expect("pool");
    let load = t.elapsed();
    let t = Instant::now();
    let index = SearchIndex::from_players(&pool.players);
    let build = t.elapsed();
    let t = Instant::now();
    let hits = index.query_all(q, pool.players.len());
    let query = t.elapsed();
    println!(
        "{} players: load {load:?}, index {build:?}, query {query:?} ({} hits)",
        pool.players.len(),
        hits.len()
    );
    std::mem::forget(pool);
}
