//! Where the board's pool load goes: reading the CSV into players (`load_pool`), the data's own
//! people looked up and the index built (`merge`, what each batch does on the thread that read
//! it), and the whole load as the board gets it (batches appended to its data and index).
//! `cargo run --release --example pool_phases -- POOL [RUNS] [read|board]`

use squadboard::app::pool::{Loader, merge};
use squadboard::app::{Action, Board};
use squadboard::store::pool::load_pool;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: pool_phases POOL [RUNS] [read|board]");
        std::process::exit(2);
    };
    let path = std::path::Path::new(path);
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let only = args.get(2).map(String::as_str);
    let base = squadboard::store::load(None).expect("bundled");
    for _ in 0..runs {
        if only != Some("board") {
            let t = Instant::now();
            let pool = load_pool(path, |_| {}).expect("pool");
            let read = t.elapsed();
            let n = pool.players.len();
            if only == Some("read") {
                println!("{n} players: read {read:?}");
                continue;
            }
            let t = Instant::now();
            let merged = merge(&base, pool);
            println!(
                "{n} players: read {read:?}, then at once: lookups + index + data {:?}",
                t.elapsed()
            );
            drop(merged);
        }
        if only != Some("read") {
            let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
            let mut board = Board::new(Arc::new(base.clone()), None, today, "/tmp".into());
            let t = Instant::now();
            let mut taking = Duration::ZERO;
            let mut taking_cpu = Duration::ZERO;
            let mut worst = Duration::ZERO;
            let mut batches = 0;
            let mut first = None;
            Loader::new(&base).load(path, &mut |a| {
                let batch = matches!(a, Action::PoolBatch(_));
                if std::env::var_os("PHASES_RSS").is_some() {
                    eprintln!("{}", rss_parts());
                }
                let (at, cpu) = (Instant::now(), thread_cpu());
                board.update(a);
                if batch {
                    batches += 1;
                    taking += at.elapsed();
                    let used = thread_cpu() - cpu;
                    taking_cpu += used;
                    worst = worst.max(used);
                    first.get_or_insert(t.elapsed());
                }
            });
            println!(
                "  board: {} players in {batches} batches, first after {:?}, all in {:?} \
                 (taking them in on the board's thread: {taking:?}, CPU {taking_cpu:?}, \
                 the most for one batch {worst:?}); peak RSS {:.0} MiB, the pool's rows {:.0} MiB, its index {:.0} MiB",
                board.search.pool_len(),
                first.unwrap_or_default(),
                t.elapsed(),
                peak_kib() as f64 / 1024.0,
                board.doc.ds.pool().heap_bytes() as f64 / 1048576.0,
                board.search.pool_index_bytes() as f64 / 1048576.0
            );
        }
    }
}

/// RssAnon and RssFile now, in MiB.
fn rss_parts() -> String {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
            .unwrap_or(0)
            / 1024
    };
    format!("anon {} MiB, file {} MiB", get("RssAnon:"), get("RssFile:"))
}

/// The process's peak resident set so far (VmHWM), in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_string();
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

/// CPU time of the calling thread (the board's), which other threads' work does not inflate.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec for the call to fill in.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}
