//! One keystroke of the `/` filter over a 100k scouting pool: filter + rank, fresh and narrowing.
//! Kept short (the machine is shared): `cargo bench --bench search`.

use criterion::{Criterion, criterion_group, criterion_main};
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

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = search
}
criterion_main!(benches);
