//! The flags several commands share, each defined once and flattened into the commands that use
//! it, so a command's help lists only the flags that do something for it.

use chrono::NaiveDate;
use std::path::PathBuf;

/// `--data DIR`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DataArg {
    /// A data folder (squad.ron, targets.ron, depth.ron) instead of the bundled Real Madrid data.
    #[arg(long = "data", global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
}

/// `--date DATE`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DateArg {
    /// Planning date (YYYY-MM-DD); default: the next summer window after the newest report
    /// (a scenario: its own date).
    #[arg(long = "date", global = true, value_name = "DATE", value_parser = crate::domain::dates::parse_planning_date)]
    pub date: Option<NaiveDate>,
}

/// `--pool FILE`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PoolArg {
    /// A scouting pool (CSV in Transfermarkt's columns, or RON) searchable beside the targets.
    #[arg(long = "pool", global = true, value_name = "FILE")]
    pub pool: Option<PathBuf>,
}

/// `--scenarios DIR`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ScenariosArg {
    /// The scenario folder (default: the platform data directory's `scenarios/`).
    #[arg(long = "scenarios", global = true, value_name = "DIR")]
    pub scenarios: Option<PathBuf>,
}

/// `--format text|json` on `show` and `find`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum TextOrJson {
    /// For people: aligned text (`find`: tab-separated).
    #[default]
    Text,
    /// For programs (`jq`): one JSON document.
    Json,
}
