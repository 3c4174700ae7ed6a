//! One keystroke of the `/` filter over a 100k scouting pool: filter + rank, fresh and narrowing;
//! and over a 1M pool, whole or still arriving (half of it in; a batch coming in while a query is
//! open). Kept short (the machine is shared): `cargo bench --bench search`, or one group:
//! `cargo bench --bench search -- search_1m`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use squadboard::search::index::SearchIndex;
use std::hint::black_box;
use std::time::Duration;

const N: usize = 100_000;

fn index() -> SearchIndex {
    let mut idx = SearchIndex::new();
    for name in fakepool::names(N, 42) {
        idx.push(&name, []);
    }
    idx
}

fn search(c: &mut Criterion) {
    let idx = index();
    let mut g = c.benchmark_group("search_100k");
    // A fresh query scores every player: the first keystroke, or after a backspace.
    for q in ["m", "ma", "mar", "jo sil", "kowalski", "zz"] {
        g.bench_function(format!("fresh `{q}`"), |b| {
            b.iter(|| black_box(idx.query_all(black_box(q), 50)))
        });
    }
    // Typing a name: each keystroke narrows the previous matches. Per keystroke = time / len.
    let mut idx = idx;
    for word in ["martinez", "gonçalves"] {
        g.bench_function(
            format!("type `{word}` ({} keystrokes)", word.chars().count()),
            |b| {
                b.iter(|| {
                    idx.reset();
                    let mut typed = String::new();
                    for ch in word.chars() {
                        typed.push(ch);
                        black_box(idx.query(&typed, 50));
                    }
                })
            },
        );
    }
    // The narrowing step alone: "marti" after "mart".
    g.bench_function("narrow `mart` -> `marti`", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                idx.reset();
                idx.query("mart", 50);
                let t = std::time::Instant::now();
                black_box(idx.query("marti", 50));
                total += t.elapsed();
            }
            total
        })
    });
    g.finish();
    c.bench_function("build index 100k", |b| b.iter(|| black_box(index().len())));
}

/// The board's pool at a million players: as many hits as the board lists.
fn search_1m(c: &mut Criterion) {
    const BIG: usize = 1_000_000;
    const LISTED: usize = 200;
    const BATCH: usize = 20_000;
    let names = fakepool::names(BIG, 42);
    let index_of = |names: &[String]| {
        let mut idx = SearchIndex::new();
        for name in names {
            idx.push(name, []);
        }
        idx
    };
    let mut g = c.benchmark_group("search_1m");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    {
        let mut full = index_of(&names);
        for q in ["m", "mar", "jo sil", "kowalski", "zz"] {
            g.bench_function(format!("fresh `{q}`, all in"), |b| {
                b.iter(|| black_box(full.query_all(black_box(q), LISTED)))
            });
        }
        g.bench_function("narrow `mart` -> `marti`, all in", |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    full.reset();
                    full.query("mart", LISTED);
                    let t = std::time::Instant::now();
                    black_box(full.query("marti", LISTED));
                    total += t.elapsed();
                }
                total
            })
        });
    }
    // While it loads: half of it in, then the last batch arriving as `mar` is open.
    {
        let half = index_of(&names[..BIG / 2]);
        for q in ["m", "mar", "kowalski"] {
            g.bench_function(format!("fresh `{q}`, half in"), |b| {
                b.iter(|| black_box(half.query_all(black_box(q), LISTED)))
            });
        }
    }
    let mut before = index_of(&names[..BIG - BATCH]);
    before.query("mar", LISTED);
    let batch = index_of(&names[BIG - BATCH..]);
    g.bench_function(
        "a batch of 20k arrives at 980k with `mar` open: append, search again",
        |b| {
            b.iter_batched(
                // The board makes room for the whole pool at its first batch.
                || {
                    let mut idx = before.clone();
                    idx.reserve_items(BATCH);
                    (idx, batch.clone())
                },
                |(mut idx, batch)| {
                    idx.append(batch);
                    let hits = idx.query("mar", LISTED);
                    (idx, hits)
                },
                BatchSize::PerIteration,
            )
        },
    );
    g.finish();
}

/// One keystroke of a query with filters over 1M pool players, as the board's box runs it
/// with no name words: every player tested until the list's 200 rows are filled (a selective
/// query tests them all).
fn filters_1m(c: &mut Criterion) {
    use squadboard::domain::{Currency, MoneySettings};
    use squadboard::search::query::{Query, passes};
    let players: Vec<squadboard::domain::Player> = fakepool::generate(1_000_000, 42)
        .iter()
        .map(fakepool::Generated::to_player)
        .collect();
    let money = MoneySettings::for_currency(Currency::EUR);
    let on = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap_or_default();
    let mut g = c.benchmark_group("filters_1m");
    g.sample_size(10);
    for q in [
        "pos:CB age:<24 contract:<=2027",
        "nat:arg foot:left value:<5m",
        "club:\"river plate\"",
    ] {
        let filters = Query::parse(q, &money)
            .map(|q| q.filters)
            .unwrap_or_default();
        g.bench_function(format!("`{q}`, 200 rows"), |b| {
            b.iter(|| {
                black_box(
                    players
                        .iter()
                        .filter(|p| passes(&filters, p, on, &money))
                        .take(200)
                        .count(),
                )
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = filtered;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = filters_1m
}

criterion_group! {
    name = big;
    config = Criterion::default();
    targets = search_1m
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = search
}
criterion_main!(benches, big, filtered);
