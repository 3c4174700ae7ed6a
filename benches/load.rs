//! Loading: a 100k scouting pool from CSV (LF and CR LF line ends) and from RON, the bundled data, and indexing the pool;
//! and the pool as the board loads it (in batches: the data's people left out, each batch
//! indexed, appended to the board's data and search).
//! Kept short (the machine is shared): `cargo bench --bench load`. Peak memory is measured by
//! `cargo run --release --example pool_memory -- csv|ron`.

use criterion::{Criterion, criterion_group, criterion_main};
use squadboard::search::index::SearchIndex;
use squadboard::store::pool::load_pool;
use std::hint::black_box;
use std::time::Duration;

fn load(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("squadboard-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let made = fakepool::generate(100_000, 42);
    let csv = dir.join("pool.csv");
    let ron = dir.join("pool.ron");
    fakepool::write_csv(&made, std::fs::File::create(&csv).expect("csv file")).expect("csv");
    fakepool::write_ron(&made, std::fs::File::create(&ron).expect("ron file")).expect("ron");

    // The same pool with CR LF line ends, as Python's csv module and spreadsheets write it.
    let crlf = dir.join("pool-crlf.csv");
    let lf = std::fs::read_to_string(&csv).expect("csv");
    std::fs::write(&crlf, lf.replace('\n', "\r\n")).expect("crlf file");
    drop(lf);

    let mut g = c.benchmark_group("load");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    g.bench_function("pool 100k csv", |b| {
        b.iter(|| black_box(load_pool(&csv, |_| {}).expect("csv pool").players.len()))
    });
    g.bench_function("pool 100k csv crlf", |b| {
        b.iter(|| black_box(load_pool(&crlf, |_| {}).expect("crlf pool").players.len()))
    });
    // The yardstick: serde_json parsing the same records into a typed struct.
    let players: Vec<squadboard::domain::Player> = made.iter().map(|g| g.to_player()).collect();
    let json = serde_json::to_string(
        &players
            .iter()
            .map(squadboard::store::pool::PlayerOut)
            .collect::<Vec<_>>(),
    )
    .expect("json");
    drop(players);
    g.bench_function("serde_json 100k typed", |b| {
        b.iter(|| {
            let got: Vec<squadboard::domain::Player> =
                serde_json::from_str(black_box(&json)).expect("json");
            black_box(got.len())
        })
    });
    let base = squadboard::store::load(None).expect("bundled");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    g.bench_function("board pool 100k csv (batches, indexed, in the data)", |b| {
        b.iter(|| {
            let mut board = squadboard::app::Board::new(
                std::sync::Arc::new(base.clone()),
                None,
                today,
                dir.clone(),
            );
            squadboard::app::pool::Loader::new(&base).load(&csv, &mut |a| {
                board.update(a);
            });
            black_box(board.search.pool_len())
        })
    });
    g.bench_function("pool 100k ron", |b| {
        b.iter(|| black_box(load_pool(&ron, |_| {}).expect("ron pool").players.len()))
    });
    drop(made);
    drop(json);
    let players = load_pool(&csv, |_| {}).expect("pool").players;
    g.bench_function("index 100k players", |b| {
        b.iter(|| black_box(SearchIndex::from_players(&players).len()))
    });
    g.finish();
    c.bench_function("bundled data", |b| {
        b.iter(|| black_box(squadboard::store::load(None).expect("bundled").squad.len()))
    });
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = load
}
criterion_main!(benches);
