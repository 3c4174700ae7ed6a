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
