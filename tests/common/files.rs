//! What the integration tests read and run outside the board: the fixtures in `tests/fixtures`
//! (by path, as an argument, or copied into a data folder), the bundled data, and the built
//! `squadboard` binary.

use chrono::NaiveDate;
use squadboard::domain::Dataset;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The path of a file in `tests/fixtures` (read it, never write it).
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The path of a file in `tests/fixtures` as a command-line argument.
pub fn fixture_arg(name: &str) -> String {
    fixture_path(name).display().to_string()
}

/// A fresh data folder whose `scenarios/` holds copies of the v1 and v2 scenario fixtures;
/// returns the folder (removed when dropped) and its `scenarios/`.
pub fn data_dir_with_scenario_fixtures() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let scenarios = dir.path().join("scenarios");
    fs::create_dir(&scenarios).expect("mkdir");
    for f in ["scenario-v1.ron", "scenario-v2.ron"] {
        fs::copy(fixture_path(f), scenarios.join(f)).expect("copy");
    }
    (dir, scenarios)
}

/// Writes `dir/pool.ron`: the v2 fixture with Rivero replaced by a pool player (`tm-900002`,
/// Quiroga in tests/fixtures/players.csv) in the CB column and the signings.
pub fn scenario_with_pool_player(dir: &Path) -> PathBuf {
    let text = fs::read_to_string(fixture_path("scenario-v2.ron"))
        .expect("fixture")
        .replace("\"rivero\"", "\"tm-900002\"");
    let p = dir.join("pool.ron");
    fs::write(&p, text).expect("write");
    p
}

/// The bundled data (`data/real-madrid`), loaded.
pub fn bundled_data() -> Dataset {
    squadboard::store::load(None).expect("bundled data")
}

/// The built binary, to be given arguments and run.
pub fn squadboard_bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_squadboard"))
}

/// 1-based line and column of the first `needle` in `text`.
pub fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("needle in text");
    let before = &text[..at];
    (
        before.matches('\n').count() + 1,
        before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
    )
}

/// A date from year, month and day.
pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Whether this is the full run (`SQUADBOARD_FULL=1`): the slow tests then do all their cases.
pub fn full_run() -> bool {
    std::env::var_os("SQUADBOARD_FULL").is_some_and(|v| !v.is_empty() && v != "0")
}
