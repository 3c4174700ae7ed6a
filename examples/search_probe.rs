//! Times the `/` filter over a generated pool without criterion, reporting wall-clock median and
//! minimum and the process's CPU time per query (from /proc/self/stat, so a busy shared machine
//! inflates it less than wall time):
//! `cargo run --release --example search_probe -- [N] [QUERY..]`.

use squadboard::search::index::SearchIndex;
use std::time::{Duration, Instant};

/// User + system CPU time of this process, in clock ticks (1/100 s on Linux).
fn cpu_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is the 12th, stime 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let get = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    get(11) + get(12)
}

fn measure(runs: usize, mut f: impl FnMut()) -> (Duration, Duration, Duration) {
    let mut times = Vec::with_capacity(runs);
    let c0 = cpu_ticks();
    for _ in 0..runs {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    let cpu = Duration::from_millis((cpu_ticks() - c0) * 10) / runs as u32;
    times.sort();
    (times[times.len() / 2], times[0], cpu)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let queries: Vec<String> = args.collect();
    let queries = if queries.is_empty() {
        ["m", "ma", "mar", "jo sil", "kowalski", "zz"]
            .map(String::from)
            .to_vec()
    } else {
        queries
    };
    let names = fakepool::names(n, 42);
    let (med, min, cpu) = measure(5, || {
        let mut idx = SearchIndex::new();
        for name in &names {
            idx.push(name, []);
        }
        std::hint::black_box(idx.len());
    });
    println!("build {n}: median {med:?}, min {min:?}, cpu {cpu:?}");
    let mut idx = SearchIndex::new();
    for name in &names {
        idx.push(name, []);
    }
    for q in &queries {
        let (med, min, cpu) = measure(300, || {
            std::hint::black_box(idx.query_all(q, 50));
        });
        idx.query(q, 0);
        println!(
            "fresh {q:>10}: median {med:?}, min {min:?}, cpu/query {cpu:?} ({} match)",
            idx.last_match_count().unwrap_or(0)
        );
    }
    for word in ["martinez", "gonçalves", "kowalski"] {
        let len = word.chars().count() as u32;
        let (med, min, cpu) = measure(100, || {
            idx.reset();
            let mut typed = String::new();
            for ch in word.chars() {
                typed.push(ch);
                std::hint::black_box(idx.query(&typed, 50));
            }
        });
        println!(
            "typing {word:>9}: per keystroke median {:?}, min {:?}, cpu {:?}",
            med / len,
            min / len,
            cpu / len
        );
    }
}
