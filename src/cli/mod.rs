//! Headless commands: everything the binary does without opening the board.

pub mod args;
pub mod check;
pub mod find;
pub mod import;
pub mod sanitize;
pub mod scenario;
pub mod show;
pub mod timeline;
pub mod timeline_svg;
pub mod typed;

use crate::domain::Dataset;
use crate::store;
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

impl Context {
    /// The data the commands work on (`--data`, else the bundled data), with every problem in
    /// one message when it cannot be loaded.
    pub fn load_data(&self) -> Result<Dataset, String> {
        store::load(self.data.as_deref()).map_err(|errors| {
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    /// The data with `--pool`'s players added as possible targets, as the board holds them once
    /// its pool is in: every command that reads a scenario uses this, so a pool signing resolves.
    pub fn load_data_with_pool(&self) -> Result<Dataset, String> {
        let ds = self.load_data()?;
        match &self.pool {
            None => Ok(ds),
            Some(p) => {
                let pool = store::pool::load_pool(p, |_| {}).map_err(|e| e.to_string())?;
                Ok(crate::app::pool::merge(&ds, pool).dataset)
            }
        }
    }

    /// `--date`, else the opening of the next summer window after the data's newest report.
    pub fn planning_date(&self, ds: &Dataset) -> NaiveDate {
        let today = chrono::Local::now().date_naive();
        self.date.unwrap_or_else(|| ds.default_planning_date(today))
    }
}
