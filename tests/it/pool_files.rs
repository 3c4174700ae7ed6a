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

/// A made-up pool written in one of the shapes real `players.csv` files come in: LF, CR LF or
/// both mixed, a byte-order mark or not, a final line end or not, the columns in another
/// order, every field quoted or only those that must be, and now and then an odd row (a name
/// with a comma, an escaped quote, a line break inside quotes, a blank line).
#[derive(Debug, Clone)]
struct Shape {
    n: usize,
    seed: u64,
    /// 0: LF, 1: CR LF, 2: mixed (the lines whose bit in `mask` is set end in CR LF).
    ends: u8,
    mask: u64,
    bom: bool,
    final_end: bool,
    rotate: usize,
    quote_all: bool,
    odd: Option<(usize, u8)>,
}

fn shapes() -> impl proptest::strategy::Strategy<Value = Shape> {
    use proptest::prelude::*;
    (
        (20usize..150, any::<u64>(), 0u8..3, any::<u64>()),
        (any::<bool>(), any::<bool>(), 0usize..30, any::<bool>()),
        proptest::option::of((0usize..150, 0u8..4)),
    )
        .prop_map(
            |((n, seed, ends, mask), (bom, final_end, rotate, quote_all), odd)| Shape {
                n,
                seed,
                ends,
                mask,
                bom,
                final_end,
                rotate,
                quote_all,
                odd,
            },
        )
}

impl Shape {
    fn bytes(&self) -> Vec<u8> {
        let mut made = Vec::new();
        fakepool::write_csv(&fakepool::generate(self.n, self.seed), &mut made).expect("csv");
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&made[..]);
        let mut records: Vec<Vec<String>> = rdr
            .records()
            .map(|r| r.expect("record").iter().map(str::to_string).collect())
            .collect();
        let name_col = records[0].iter().position(|h| h == "name").expect("name");
        if let Some((at, kind)) = self.odd {
            let at = 1 + at % (records.len() - 1);
            match kind {
                0 => records[at][name_col] = "Oak, Ann".into(),
                1 => records[at][name_col] = "Ann \"Red\" Oak".into(),
                2 => records[at][name_col] = "Ann\nOak".into(),
                _ => records[at] = vec![String::new()],
            }
        }
        let width = records[0].len();
        let rotate = self.rotate % width;
        let mut out = Vec::new();
        if self.bom {
            out.extend_from_slice("\u{feff}".as_bytes());
        }
        let style = if self.quote_all {
            csv::QuoteStyle::Always
        } else {
            csv::QuoteStyle::Necessary
        };
        let count = records.len();
        for (i, r) in records.into_iter().enumerate() {
            let mut r = r;
            if r.len() == width {
                r.rotate_left(rotate);
            }
            let mut w = csv::WriterBuilder::new()
                .quote_style(style)
                .flexible(true)
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(Vec::new());
            if r == [String::new()] {
                w.write_record(None::<&[u8]>).expect("blank");
            } else {
                w.write_record(&r).expect("record");
            }
            let mut line = w.into_inner().expect("line");
            line.pop();
            out.extend_from_slice(&line);
            if i + 1 < count || self.final_end {
                let crlf = match self.ends {
                    0 => false,
                    1 => true,
                    _ => self.mask >> (i % 64) & 1 == 1,
                };
                out.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
            }
        }
        out
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: 64,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    })]

    /// Issue 24: on every shape, the fast reader (the board's load and `find`) gives what the
    /// full reader gives: the same players in the same order, the same rows, the same
    /// warnings and problems, and `find` the same matches.
    #[test]
    fn every_csv_shape_reads_as_the_full_reader_reads_it(shape in shapes()) {
        use squadboard::cli::find::{Method, search};
        use squadboard::store::csv_import::{CsvOptions, read_players};
        let dir = tempfile::tempdir().expect("tempdir");
        let csv = dir.path().join("pool.csv");
        let bytes = shape.bytes();
        std::fs::write(&csv, &bytes).expect("write");
        let shown = csv.display().to_string();
        let full = read_players(&shown, &bytes[..], &CsvOptions::default(), |_, _| {})
            .expect("full reader");
        let fast = load_pool(&csv, |_| {}).expect("pool");
        proptest::prop_assert_eq!(&fast.players, &full.players);
        proptest::prop_assert_eq!(&fast.rows, &full.player_rows);
        let warnings: Vec<String> = full.warnings.iter().map(ToString::to_string).collect();
        let problems: Vec<String> = full.problems.iter().map(ToString::to_string).collect();
        proptest::prop_assert_eq!(&fast.warnings, &warnings);
        proptest::prop_assert_eq!(&fast.problems, &problems);
        // Every shape but a row only the full reader reads is read on the fast path.
        if shape.odd.is_none_or(|(_, kind)| kind == 0) {
            let direct = squadboard::store::pool::fast::load(&shown, &bytes, &mut |_, _| {})
                .expect("header");
            proptest::prop_assert!(direct.is_some(), "left to the full reader: {:?}", shape);
        }
        let ds = crate::common::bundled_data();
        for q in ["mar", "oak", "qqxz"] {
            let a = search(&ds, Some(&csv), q, 0, Method::Fast).expect("fast");
            let b = search(&ds, Some(&csv), q, 0, Method::Full).expect("full");
            proptest::prop_assert_eq!(&a.players, &b.players, "{}", q);
            proptest::prop_assert_eq!(&a.warnings, &b.warnings, "{}", q);
        }
    }
}

/// Issue 23, item 1: a pool cut short while the board's loader reads it through its mapping
/// ended the process with SIGBUS (the terminal left raw, the unsaved work lost). Here the file
/// is emptied by the first batch's preparation, while the rest is still to be read: the load
/// fails with a message, what was handed over before stays handed over, and the process lives.
#[test]
fn a_pool_cut_short_while_it_loads_fails_the_load_not_the_process() {
    use squadboard::store::pool::{PoolStep, stream_pool};
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("pool.csv");
    let mut text = Vec::new();
    fakepool::write_csv(&fakepool::generate(40_000, 3), &mut text).expect("csv");
    std::fs::write(&csv, &text).expect("write");
    let cut = AtomicBool::new(false);
    let prepare = |b: squadboard::store::pool::Batch| {
        if !cut.swap(true, Ordering::SeqCst) {
            std::fs::OpenOptions::new()
                .write(true)
                .open(&csv)
                .and_then(|f| f.set_len(0))
                .expect("cut short");
        }
        b.players.len()
    };
    let mut handed = 0;
    let got = stream_pool(&csv, 1_000, &prepare, &mut |step| {
        if let PoolStep::Batch(n) = step {
            handed += n;
        }
    });
    let err = got
        .expect_err("the pool changed under the load")
        .to_string();
    assert!(err.contains("changed while it was being read"), "{err}");
    assert!(handed < 40_000, "{handed}");
}
