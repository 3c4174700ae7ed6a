use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use squadboard::cli;
use squadboard::store;
use std::path::PathBuf;
use std::process::ExitCode;

/// A terminal squad-planning board: depth chart, linked targets, injury and contract overlays.
#[derive(Parser)]
#[command(name = "squadboard", version, about)]
struct Cli {
    /// A data folder (squad.ron, targets.ron, depth.ron) instead of the bundled Real Madrid data.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Planning date (YYYY-MM-DD); default: the next summer window after the newest report.
    #[arg(long, global = true, value_name = "DATE")]
    date: Option<NaiveDate>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Validate a data folder (the bundled data when no DIR is given).
    Check { dir: Option<PathBuf> },
    /// Print the depth chart and the targets at the planning date, without the board.
    Show,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    match cli.command {
        Some(Command::Check { dir }) => {
            let dir = dir.or(cli.data);
            match cli::check::run(dir.as_deref(), &mut out) {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::from(1),
                Err(e) => {
                    eprintln!("squadboard: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Show) | None => {
            let ds = match store::load(cli.data.as_deref()) {
                Ok(ds) => ds,
                Err(errors) => {
                    for e in errors {
                        eprintln!("squadboard: {e}");
                    }
                    return ExitCode::from(1);
                }
            };
            let today = chrono::Local::now().date_naive();
            let on = cli.date.unwrap_or_else(|| ds.default_planning_date(today));
            match cli::show::run(&ds, on, &mut out) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("squadboard: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}
