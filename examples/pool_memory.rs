//! Peak memory with a scouting pool loaded and indexed, as the board holds it.
//! `cargo run --release --example pool_memory -- [csv|ron] [N]` writes a made-up pool of N
//! players, then measures a child process that loads it, builds the search index and runs a
//! query, and reports the child's peak resident set (VmHWM from /proc/self/status) — the child
//! never held the generator's memory, so the figure is the board's.

use squadboard::search::index::SearchIndex;
use squadboard::store::pool::load_pool;
use std::path::Path;

fn kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn load_only(path: &Path) {
    let pool = load_pool(path, |_| {}).expect("pool loads");
    let mut index = SearchIndex::from_players(&pool.players);
    let hits = index.query("mar", 50);
    println!(
        "loaded {} players ({} problems), index {:.1} MiB, {} hits; peak RSS {:.1} MiB, now {:.1} MiB",
        pool.players.len(),
        pool.problems.len(),
        index.heap_bytes() as f64 / 1048576.0,
        hits.len(),
        kib("VmHWM:").unwrap_or(0) as f64 / 1024.0,
        kib("VmRSS:").unwrap_or(0) as f64 / 1024.0,
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--load-only") {
        load_only(Path::new(&args[1]));
        return;
    }
    let format = args.first().cloned().unwrap_or_else(|| "csv".into());
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = tempfile_dir();
    let path = dir.join(format!("pool.{format}"));
    {
        let made = fakepool::generate(n, 42);
        let w = std::io::BufWriter::new(std::fs::File::create(&path).expect("create pool file"));
        if format == "ron" {
            fakepool::write_ron(&made, w).expect("write ron");
        } else {
            fakepool::write_csv(&made, w).expect("write csv");
        }
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "pool file: {n} players, {:.1} MiB of {format}",
        size as f64 / 1048576.0
    );
    let status = std::process::Command::new(std::env::current_exe().expect("own path"))
        .arg("--load-only")
        .arg(&path)
        .status()
        .expect("child runs");
    let _ = std::fs::remove_dir_all(&dir);
    std::process::exit(if status.success() { 0 } else { 1 });
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("squadboard-mem-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
