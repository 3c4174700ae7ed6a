//! Issue 13 item 11: an endless or huge pool (`--pool /dev/zero`, a file with one enormous line)
//! is a one-line error naming the file and the limit, quoting at most ~80 characters of it.

use crate::common::squadboard_bin;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Runs `squadboard find x --pool FILE` and returns (exit code, stderr). A run that has not
/// ended after two minutes is killed (and the test fails): before the fix `/dev/zero` grew to
/// many gigabytes and never ended. This bounds the test, it does not time the program.
fn find_with_pool(pool: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let err_path = dir.path().join("stderr");
    let err_file = std::fs::File::create(&err_path).expect("stderr file");
    let mut child = squadboard_bin()
        .args(["find", "x", "--pool", pool])
        .stdout(Stdio::null())
        .stderr(err_file)
        .spawn()
        .expect("run squadboard");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let status = status.expect("squadboard still reading the pool after two minutes: killed");
    let stderr = std::fs::read_to_string(&err_path).expect("read stderr");
    (status.code(), stderr)
}

/// Failed before the fix: the CSV reader read `/dev/zero` as one endless header.
#[test]
fn dev_zero_as_a_pool_is_refused_at_the_record_limit() {
    let (code, stderr) = find_with_pool("/dev/zero");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("/dev/zero"), "{stderr}");
    assert!(stderr.contains("longer than 1 MiB"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.len() < 300, "{} bytes: {stderr:.300}", stderr.len());
}

/// Failed before the fix: the error echoed the 2 MB header whole.
#[test]
fn a_generated_oversized_line_is_one_short_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pool.csv");
    let header: String = (0..300_000).map(|i| format!("c{i},")).collect();
    std::fs::write(&path, format!("{header}\nrow\n")).expect("write");
    let shown = path.display().to_string();
    let (code, stderr) = find_with_pool(&shown);
    assert_eq!(code, Some(2), "{stderr:.300}");
    // `find` reads a regular file's header through its fast path, which reports the missing
    // column (the 1 MiB record limit is the full reader's: `csv_import`'s unit test).
    assert!(stderr.contains(&shown), "{stderr:.300}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr:.300}");
    assert!(stderr.len() < 500, "{} bytes: {stderr:.500}", stderr.len());

    // Under the limit, a header without the needed columns is listed, cut short.
    let header: String = (0..20_000).map(|i| format!("c{i},")).collect();
    std::fs::write(&path, format!("{header}\nrow\n")).expect("write");
    let (code, stderr) = find_with_pool(&shown);
    assert_eq!(code, Some(2), "{stderr:.300}");
    assert!(
        stderr.contains("missing required column `player_id`"),
        "{stderr:.300}"
    );
    assert!(stderr.len() < 500, "{} bytes: {stderr:.500}", stderr.len());
}

/// A RON pool is a regular file of at most 64 MiB: `/dev/zero` by way of a link named `.ron`
/// is refused (issue 23: as every RON file is, at the open, for not being a regular file).
#[cfg(unix)]
#[test]
fn an_endless_ron_pool_is_refused_at_the_size_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let link = dir.path().join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
    let (code, stderr) = find_with_pool(&link.display().to_string());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("zero.ron") && stderr.contains("not a regular file"),
        "{stderr}"
    );
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}

/// Issue 23, item 11: a 50 MB field in a regular CSV was accepted by the fast reader (the
/// README promises a 1 MiB record limit), and a long name made every search cost field length
/// × query length (`find xxxxxxxxxxxx --no-cache` asked for a 10.4 GB block). One limit on a
/// record on every path, and one on a name: a name, first or last name longer than a few
/// hundred bytes skips its row with its file:row:column; a club or nationality that long is
/// left unknown.
#[test]
fn one_limit_on_a_record_and_on_a_name_on_every_path() {
    use squadboard::cli::find::{Method, search};
    use squadboard::store::csv_import::{CsvOptions, MAX_NAME_BYTES, read_players};
    use squadboard::store::pool::load_pool;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut made = Vec::new();
    fakepool::write_csv(&fakepool::generate(3_000, 5), &mut made).expect("csv");
    let text = String::from_utf8(made).expect("utf-8");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let name_col = header.iter().position(|h| *h == "name").expect("name");
    let club_col = header
        .iter()
        .position(|h| *h == "current_club_name")
        .expect("club");
    let set = |line: &str, col: usize, to: &str| {
        let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
        cells[col] = to.to_string();
        cells.join(",")
    };
    let plain = |i: usize| !lines[i].contains('"');
    let long_name = "x".repeat(MAX_NAME_BYTES + 100);
    let a = (10..).find(|&i| plain(i)).expect("row");
    let b = (a + 1..).find(|&i| plain(i)).expect("row");
    lines[a] = set(&lines[a], name_col, &long_name);
    lines[b] = set(&lines[b], club_col, &"y".repeat(MAX_NAME_BYTES + 1));
    let csv = dir.path().join("long-name.csv");
    std::fs::write(&csv, lines.join("\n") + "\n").expect("write");
    let shown = csv.display().to_string();
    let full = read_players(
        &shown,
        std::fs::File::open(&csv).expect("open"),
        &CsvOptions::default(),
        |_, _| {},
    )
    .expect("full");
    let pool = load_pool(&csv, |_| {}).expect("pool");
    assert_eq!(pool.players, full.players);
    assert_eq!(pool.players.len(), 2_999, "the long name's row is skipped");
    let want = format!(
        "{shown}:{}:name: {} bytes, longer than a name can be ({MAX_NAME_BYTES})",
        a + 1,
        MAX_NAME_BYTES + 100
    );
    assert_eq!(pool.problems, vec![want]);
    assert!(
        pool.warnings
            .iter()
            .any(|w| w.starts_with(&format!("{shown}:{}:current_club_name: ", b + 1))),
        "{:?}",
        pool.warnings
    );
    let ds = crate::common::bundled_data();
    for m in [Method::Fast, Method::Full] {
        let found = search(&ds, Some(&csv), "xxxxxxxxxxxx", 0, m).expect("find");
        assert!(found.players.is_empty(), "{m:?}");
    }

    // A field of 2 MiB: over the record limit on every path, with the file named.
    lines[b] = set(&lines[b], club_col, &"z".repeat(2 << 20));
    let big = dir.path().join("big-field.csv");
    std::fs::write(&big, lines.join("\n") + "\n").expect("write");
    let err = load_pool(&big, |_| {}).expect_err("too long").to_string();
    assert!(
        err.starts_with(&big.display().to_string()) && err.contains("longer than 1 MiB"),
        "{err}"
    );
    for m in [Method::Fast, Method::Full] {
        let err = search(&ds, Some(&big), "mar", 20, m).expect_err("too long");
        assert!(err.contains("longer than 1 MiB"), "{m:?}: {err}");
    }
}
