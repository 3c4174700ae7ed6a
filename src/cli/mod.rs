//! Headless commands: everything the binary does without opening the board.

pub mod check;
pub mod find;
pub mod import;
pub mod scenario;
pub mod show;

use chrono::NaiveDate;
use std::path::PathBuf;

/// The global options every command sees.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// `--data DIR`: a data folder instead of the bundled data.
    pub data: Option<PathBuf>,
    /// `--date`: the planning date.
    pub date: Option<NaiveDate>,
    /// `--pool FILE`: a scouting pool (CSV or RON).
    pub pool: Option<PathBuf>,
    /// `--scenarios DIR`: the scenario folder instead of the platform data directory's.
    pub scenarios: Option<PathBuf>,
}

/// What a command ends with: `Ok(true)` success (exit 0), `Ok(false)` it ran and found problems
/// (exit 1), `Err(message)` it could not run (exit 2, message on stderr).
pub type Outcome = Result<bool, String>;
