//! The `squadboard` binary: parses the command line, runs a headless command (`cli`) or opens the
//! board in the terminal (`tui`), with the recovery file written on a signal or a panic.

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use squadboard::app::{Action, Board, Done};
use squadboard::cli::{self, Context, Outcome};
use squadboard::{store, tui};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// A terminal squad-planning board: depth chart, linked targets, injury and contract overlays,
/// the projected XI, and scenarios saved as RON files.
#[derive(Parser)]
#[command(name = "squadboard", version, about)]
struct Cli {
    /// A data folder (squad.ron, targets.ron, depth.ron) instead of the bundled Real Madrid data.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Planning date (YYYY-MM-DD); default: the next summer window after the newest report.
    #[arg(long, global = true, value_name = "DATE")]
    date: Option<NaiveDate>,
    /// A scouting pool (CSV in Transfermarkt's columns, or RON) searchable beside the targets.
    #[arg(long, global = true, value_name = "FILE")]
    pool: Option<PathBuf>,
    /// The scenario folder (default: the platform data directory's `scenarios/`).
    #[arg(long, global = true, value_name = "DIR")]
    scenarios: Option<PathBuf>,
    /// A scenario file to open on the board.
    #[arg(value_name = "FILE.ron")]
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Validate a data folder (the bundled data when no DIR is given).
    Check { dir: Option<PathBuf> },
    /// Print the depth chart and the targets at the planning date, without the board.
    Show,
    /// Scenarios without the board: show, export, list.
    Scenario(cli::scenario::Args),
    /// Import a club from a Transfermarkt-style players.csv into a data folder.
    Import(cli::import::Args),
    /// Fuzzy-find players in the data (and the pool), best first, one per line.
    Find(cli::find::Args),
    /// The squad season by season: who is left at each position, ages, contracts, flags.
    Timeline(cli::timeline::Args),
}

fn finish(outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            let _ = writeln!(
                std::io::stderr(),
                "squadboard: {}",
                cli::sanitize::clean(&message)
            );
            ExitCode::from(2)
        }
    }
}

fn show(ctx: &Context, out: &mut dyn Write) -> Outcome {
    let ds = ctx.load_data()?;
    let on = ctx.planning_date(&ds);
    cli::show::run(&ds, on, out).map_err(|e| e.to_string())?;
    Ok(true)
}

/// Opens the board on the data and runs it until the user quits.
fn board(ctx: &Context, file: Option<&std::path::Path>) -> Outcome {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err("the board needs a terminal; `squadboard show` prints it as text".into());
    }
    let ds = ctx.load_data()?;
    let keymap = squadboard::config::paths::load_keymap().map_err(|e| e.to_string())?;
    let theme = squadboard::config::paths::load_theme().map_err(|e| e.to_string())?;
    let mut board = Board::new(Arc::new(ds), ctx.date);
    board.scenarios_dir = store::scenario::scenarios_dir(ctx.scenarios.as_deref());
    // A pool loads in the background: the board draws at once and shows progress. A scenario
    // to open waits for it, as it may sign pool players.
    let inbox = ctx
        .pool
        .as_deref()
        .map(|p| squadboard::app::pool::spawn_loader(p, Arc::clone(&board.ds)));
    if let (Some(path), Some(_)) = (file, &inbox) {
        board.open_after_pool = Some(path.to_path_buf());
    } else if let Some(path) = file {
        // Opened before the terminal is taken, so a bad file is reported plainly.
        let loaded = store::scenario::load(path, &board.ds).map_err(|e| e.to_string())?;
        board.apply(Action::Done(Box::new(Done::Opened {
            path: path.to_path_buf(),
            loaded: Box::new(loaded),
        })));
    }
    board.offer_recovery();
    let ended =
        tui::run(&mut board, &keymap, &theme, inbox).map_err(|e| format!("terminal: {e}"))?;
    match ended {
        tui::Ended::Exit(tui::Exit::Quit | tui::Exit::EndOfInput) => Ok(true),
        tui::Ended::Exit(tui::Exit::Signal(sig)) => {
            keep_unsaved(&board);
            let _ = writeln!(std::io::stderr(), "squadboard: stopped by signal {sig}");
            std::process::exit(128 + sig);
        }
        tui::Ended::Failed(e) => {
            keep_unsaved(&board);
            Err(format!("terminal: {e}"))
        }
        tui::Ended::Panicked(payload) => {
            keep_unsaved(&board);
            std::panic::resume_unwind(payload);
        }
    }
}

/// After a signal or a panic: unsaved work goes to the recovery file, offered at the next start.
fn keep_unsaved(board: &Board) {
    // stderr may be a terminal that has gone away: write, never panic.
    let mut err = std::io::stderr();
    let _ = match board.keep_unsaved() {
        None => Ok(()),
        Some(Ok(path)) => writeln!(
            err,
            "squadboard: unsaved work kept in {}; the next start offers it back",
            path.display()
        ),
        Some(Err(e)) => writeln!(err, "squadboard: could not keep the unsaved work: {e}"),
    };
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = Context {
        data: cli.data,
        date: cli.date,
        pool: cli.pool,
        scenarios: cli.scenarios,
    };
    // Everything a command prints passes through the one sanitiser: text from data or files
    // never sends escape sequences to the terminal.
    let mut out = cli::sanitize::Clean(std::io::stdout().lock());
    let outcome = match cli.command {
        Some(Command::Check { dir }) => {
            let dir = dir.or(ctx.data.clone());
            cli::check::run(dir.as_deref(), &mut out).map_err(|e| e.to_string())
        }
        Some(Command::Show) => show(&ctx, &mut out),
        Some(Command::Scenario(args)) => cli::scenario::run(args, &ctx, &mut out),
        Some(Command::Import(args)) => cli::import::run(args, &ctx, &mut out),
        Some(Command::Find(args)) => cli::find::run(args, &ctx, &mut out),
        Some(Command::Timeline(args)) => cli::timeline::run(args, &ctx, &mut out),
        None => board(&ctx, cli.file.as_deref()),
    };
    finish(outcome)
}
