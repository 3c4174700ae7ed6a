//! One sort keystroke of the board's table over a 1M-player pool, as `update` runs it: the
//! query's filters tested over every player and the first rows of the sort kept (`s`, the next
//! column; `r`, reversed), beside a keystroke that does not sort (`j`) on the same results.
//! Builds and loads the pool first (a few seconds, ~0.5 GiB): `cargo bench --bench table`.

use criterion::{Criterion, criterion_group, criterion_main};
use squadboard::app::runtime::Runtime;
use squadboard::app::table::SortColumn;
use squadboard::app::{Action, Board, Effect};
use squadboard::input::Command;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

/// The bundled board with a pool of `n` made-up players loaded, as the event loop loads it.
fn board_with_pool(n: usize) -> (Board, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("pool.csv");
    let mut text = Vec::new();
    fakepool::write_csv(&fakepool::generate(n, 42), &mut text).expect("csv");
    std::fs::write(&path, &text).expect("write");
    let ds = squadboard::store::load(None).expect("the bundled data");
    let mut b = Board::new(
        Arc::new(ds),
        None,
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        dir.path().to_path_buf(),
    );
    let runtime = Runtime::new();
    runtime.perform(&b, vec![Effect::LoadPool(path)]);
    loop {
        let action = runtime.recv().expect("the loader answers");
        let last = matches!(action, Action::PoolLoaded(_) | Action::PoolFailed(_));
        b.apply(action);
        if last {
            break;
        }
    }
    (b, dir)
}

fn query(b: &mut Board, q: &str) {
    b.update(Action::Command(Command::Search));
    for c in q.chars() {
        b.update(Action::FilterChar(c));
    }
    b.update(Action::FilterAccept);
}

fn sort_1m(c: &mut Criterion) {
    let (mut b, _dir) = board_with_pool(1_000_000);
    b.update(Action::Command(Command::Table));
    let mut g = c.benchmark_group("table_1m");
    g.sample_size(10);
    for q in ["pos:CB age:<24 contract:<=2027", "age:<40", "silva"] {
        query(&mut b, q);
        g.bench_function(format!("`{q}`, j (no sort)"), |t| {
            b.view.table.sort = None;
            t.iter(|| black_box(b.update(Action::Command(Command::Down))))
        });
        g.bench_function(format!("`{q}`, s (next column)"), |t| {
            t.iter(|| black_box(b.update(Action::Command(Command::SortColumn))))
        });
        g.bench_function(format!("`{q}`, r (by value, reversed)"), |t| {
            b.view.table.sort = Some(SortColumn::Value);
            t.iter(|| black_box(b.update(Action::Command(Command::SortReverse))))
        });
    }
    g.finish();
}

criterion_group! {
    name = table;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = sort_1m
}
criterion_main!(table);
