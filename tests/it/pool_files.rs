//! Pool files made by `fakepool` (moved here from `store::pool`'s unit tests when the generator
//! left the library): CSV and RON load the same players, with progress, on a thread.

use squadboard::store::pool::load_pool;

#[test]
fn csv_and_ron_pools_load_the_same_players_with_progress() {
    let dir = tempfile::tempdir().expect("tempdir");
    let made = fakepool::generate(10_000, 5);
    let csv = dir.path().join("pool.csv");
    let ron = dir.path().join("pool.ron");
    fakepool::write_csv(&made, std::fs::File::create(&csv).expect("create")).expect("csv");
    fakepool::write_ron(&made, std::fs::File::create(&ron).expect("create")).expect("ron");

    let mut seen = Vec::new();
    let a = load_pool(&csv, |p| seen.push(p)).expect("csv pool");
    assert!(a.problems.is_empty(), "{:?}", a.problems);
    assert_eq!(a.players.len(), 10_000);
    assert!(seen.len() >= 3, "{seen:?}");
    assert!(
        seen.windows(2)
            .all(|w| w[0].loaded <= w[1].loaded && w[0].bytes <= w[1].bytes)
    );
    let last = seen.last().expect("progress");
    assert_eq!((last.loaded, last.fraction()), (10_000, 1.0));

    let mut counts = Vec::new();
    let b = load_pool(&ron, |p| counts.push(p.loaded)).expect("ron pool");
    assert!(b.problems.is_empty(), "{:?}", b.problems);
    assert!(
        counts.contains(&4096) && counts.last() == Some(&10_000),
        "{counts:?}"
    );
    // CSV adds the full name as an alias when it differs; otherwise the two agree.
    for (x, y) in a.players.iter().zip(&b.players) {
        let mut x = x.clone();
        x.aliases.clear();
        assert_eq!(&x, y);
    }
}

#[test]
fn pools_load_on_a_background_thread() {
    fn is_send<T: Send + 'static>(_: &T) {}
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pool.csv");
    fakepool::write_csv(
        &fakepool::generate(100, 1),
        std::fs::File::create(&path).expect("create"),
    )
    .expect("csv");
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = std::thread::spawn(move || load_pool(&path, |p| tx.send(p).unwrap_or(())));
    is_send(&handle);
    let pool = handle.join().expect("thread").expect("pool");
    assert_eq!(pool.players.len(), 100);
    assert_eq!(rx.iter().last().map(|p| p.loaded), Some(100));
}

/// Issue 16: a regular CSV pool is read on both cores straight from its bytes; it gives what
/// the full reader gives (players, warnings with row and column, rows), and a pool that reader
/// must read (a row to skip) still names the row and column.
#[test]
fn the_fast_csv_load_gives_what_the_full_reader_gives() {
    use squadboard::store::csv_import::{CsvOptions, read_players};
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("pool.csv");
    let made = fakepool::generate(20_000, 9);
    let mut text = Vec::new();
    fakepool::write_csv(&made, &mut text).expect("csv");
    let text = String::from_utf8(text)
        .expect("utf-8")
        .replacen(",right,", ",-,", 4)
        .replacen(",Centre-Back,", ",Sweeper,", 2);
    std::fs::write(&csv, &text).expect("write");
    let full = |path: &std::path::Path| {
        let shown = path.display().to_string();
        let f = std::fs::File::open(path).expect("open");
        read_players(&shown, f, &CsvOptions::default(), |_, _| {}).expect("full")
    };
    let fast = load_pool(&csv, |_| {}).expect("fast");
    let want = full(&csv);
    assert_eq!(fast.players.len(), 20_000);
    assert_eq!(fast.players, want.players);
    assert_eq!(fast.rows, want.player_rows);
    let warnings: Vec<String> = want.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(fast.warnings, warnings);
    assert_eq!(fast.warnings.len(), 6, "{:?}", fast.warnings);
    assert!(fast.problems.is_empty());
    // It was the fast reader that read it.
    let shown = csv.display().to_string();
    let bytes = std::fs::read(&csv).expect("read");
    let direct = squadboard::store::pool::fast::load(&shown, &bytes, &mut |_, _| {})
        .expect("header")
        .expect("regular");
    assert_eq!(direct.players, want.players);

    let mut bad = text.clone();
    bad.push_str(&format!("zz,Ann,Ash,Ann Ash{}\n", ",".repeat(19)));
    std::fs::write(&csv, &bad).expect("write");
    let none = squadboard::store::pool::fast::load(&shown, bad.as_bytes(), &mut |_, _| {});
    assert!(none.expect("header").is_none());
    let pool = load_pool(&csv, |_| {}).expect("full reader");
    assert_eq!(pool.players.len(), 20_000);
    assert_eq!(
        pool.problems,
        vec![format!(
            "{}:20002:player_id: `zz` is not a player number",
            csv.display()
        )]
    );
}

/// Issue 16: a pool streamed in batches gives, batch after batch, what it gives loaded whole;
/// a regular file is handed over by the fast reader as it reads, and a row only the full
/// reader takes (here two thirds in) hands the rest over to it without losing or repeating a row.
#[test]
fn a_pool_streamed_in_batches_is_the_pool_loaded_whole() {
    use squadboard::store::pool::{Batch, PoolStep, stream_pool};
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("pool.csv");
    let mut text = Vec::new();
    fakepool::write_csv(&fakepool::generate(12_000, 21), &mut text).expect("csv");
    let text = String::from_utf8(text)
        .expect("utf-8")
        .replacen(",left,", ",-,", 3);
    for bad_at in [None, Some(8_000)] {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        if let Some(at) = bad_at {
            lines.insert(at, format!("zz,Ann,Ash,Ann Ash{}", ",".repeat(19)));
        }
        std::fs::write(&csv, lines.join("\n") + "\n").expect("write");
        let whole = load_pool(&csv, |_| {}).expect("whole");
        let mut steps: Vec<(usize, Option<usize>)> = Vec::new();
        let mut got = Batch::default();
        stream_pool(&csv, 1_000, &|b| b, &mut |step| match step {
            PoolStep::Progress(p) => steps.push((usize::MAX, p.expected)),
            PoolStep::Batch(b) => {
                steps.push((b.players.len(), None));
                got.players.extend(b.players);
                got.rows.extend(b.rows);
                got.problems.extend(b.problems);
                got.warnings.extend(b.warnings);
            }
        })
        .expect("streams");
        assert_eq!(got.players, whole.players);
        assert_eq!(got.rows, whole.rows);
        assert_eq!(got.problems, whole.problems);
        assert_eq!(got.warnings, whole.warnings);
        assert_eq!(whole.warnings.len(), 3);
        let batches = steps.iter().filter(|(n, _)| *n != usize::MAX).count();
        assert!(batches >= 12, "{steps:?}");
        // The fast reader counted the rows and handed batches over before the full reader
        // (which counts nothing beforehand) took over, if it had to.
        let counted = steps
            .iter()
            .position(|(n, e)| {
                *n == usize::MAX && *e == Some(12_000 + usize::from(bad_at.is_some()))
            })
            .expect("counted");
        // (The first step, before the file is looked at, counts nothing.)
        let fast_batches = steps
            .iter()
            .skip(1)
            .take_while(|(n, e)| *n != usize::MAX || e.is_some())
            .filter(|(n, _)| *n != usize::MAX)
            .count();
        assert_eq!(counted, 1, "{steps:?}");
        match bad_at {
            None => assert_eq!(fast_batches, batches),
            Some(_) => {
                assert_eq!(
                    fast_batches, 7,
                    "rows 2..7001 before the chunk with the bad row"
                );
                assert_eq!(whole.problems.len(), 1, "{:?}", whole.problems);
            }
        }
    }
}
