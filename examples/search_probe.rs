//! Times the `/` filter over a generated pool, for quick looks without criterion:
//! `cargo run --release --example search_probe -- [N] [QUERY..]`.

use squadboard::domain::index::SearchIndex;
use squadboard::store::pool::generate;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let queries: Vec<String> = args.collect();
    let queries = if queries.is_empty() {
        ["m", "ma", "mar", "jo sil", "zz"]
            .map(String::from)
            .to_vec()
    } else {
        queries
    };
    let mut idx = SearchIndex::new();
    for name in generate::names(n, 42) {
        idx.push(&name, []);
    }
    for q in &queries {
        let mut times = Vec::new();
        for _ in 0..200 {
            let t = Instant::now();
            std::hint::black_box(idx.query_all(q, 50));
            times.push(t.elapsed());
        }
        times.sort();
        idx.query(q, 0);
        println!(
            "{q:>12}: median {:?} (min {:?}) over {n}, {} match",
            times[times.len() / 2],
            times[0],
            idx.last_match_count().unwrap_or(0)
        );
    }
}
