//! The `squadboard` binary: parses the command line, runs a headless command (`cli`) or opens the
//! board in the terminal (`tui`), with the recovery file written on a signal or a panic.

use chrono::NaiveDate;
use clap::{CommandFactory, Parser, Subcommand};
use squadboard::app::runtime::Runtime;
use squadboard::app::{Action, Board, Done, Effect};
use squadboard::cli::args::{DataArg, DateArg, PoolArg, ScenariosArg, TextOrJson};
use squadboard::cli::{self, Context, Outcome};
use squadboard::{store, tui};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

mod man_page;

/// A terminal squad-planning board: depth chart, linked targets, injury and contract overlays,
/// the projected XI, and scenarios saved as RON files.
#[derive(Parser)]
#[command(name = "squadboard", version, about)]
struct Cli {
    /// A data folder (squad.ron, targets.ron, depth.ron) instead of the bundled Real Madrid data.
    #[arg(long = "data", id = "board_data", value_name = "DIR")]
    data: Option<PathBuf>,
    /// The board's planning date (YYYY-MM-DD); default: the next summer window after the newest
    /// report. With FILE.ron: the scenario opens at this date, its saved date unchanged.
    #[arg(long = "date", id = "board_date", value_name = "DATE", value_parser = squadboard::domain::dates::parse_planning_date)]
    date: Option<NaiveDate>,
    /// A scouting pool (CSV in Transfermarkt's columns, or RON) searchable beside the targets.
    #[arg(long = "pool", id = "board_pool", value_name = "FILE")]
    pool: Option<PathBuf>,
    /// The scenario folder (default: the platform data directory's `scenarios/`).
    #[arg(long = "scenarios", id = "board_scenarios", value_name = "DIR")]
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
    Check {
        /// The data folder to check (squad.ron, targets.ron, depth.ron).
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// The same as DIR.
        #[arg(long = "data", value_name = "DIR", conflicts_with = "dir")]
        data: Option<PathBuf>,
    },
    /// Print the depth chart and the targets at the planning date, without the board.
    Show {
        #[command(flatten)]
        data: DataArg,
        #[command(flatten)]
        date: DateArg,
        /// `text` for people, `json` for programs.
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Scenarios without the board: show, export, list, compare.
    Scenario {
        #[command(flatten)]
        data: DataArg,
        #[command(flatten)]
        pool: PoolArg,
        #[command(flatten)]
        scenarios: ScenariosArg,
        #[command(flatten)]
        args: cli::scenario::Args,
    },
    /// Import a club from a Transfermarkt-style players.csv into a data folder.
    Import(cli::import::Args),
    /// Fuzzy-find players in the data (and the pool), best first, one per line.
    Find {
        #[command(flatten)]
        data: DataArg,
        #[command(flatten)]
        date: DateArg,
        #[command(flatten)]
        pool: PoolArg,
        #[command(flatten)]
        args: cli::find::Args,
    },
    /// The squad season by season: who is left at each position, ages, contracts, flags.
    Timeline {
        #[command(flatten)]
        data: DataArg,
        #[command(flatten)]
        date: DateArg,
        #[command(flatten)]
        pool: PoolArg,
        #[command(flatten)]
        scenarios: ScenariosArg,
        #[command(flatten)]
        args: cli::timeline::Args,
    },
    /// Print a completion script for a shell (e.g. `squadboard completions bash >
    /// ~/.local/share/bash-completion/completions/squadboard`).
    Completions {
        /// The shell to complete in.
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page in roff (e.g. `squadboard man > squadboard.1; man ./squadboard.1`).
    Man,
}

/// Which of the shared flags a command takes.
#[derive(Clone, Copy, Default)]
struct Takes {
    data: bool,
    date: bool,
    pool: bool,
    scenarios: bool,
}

impl Takes {
    const NONE: Takes = Takes {
        data: false,
        date: false,
        pool: false,
        scenarios: false,
    };
}

/// The command's context: its own flags, and the ones written before the command name (the
/// older spelling, `squadboard --data DIR show`) where the command takes them. A flag before a
/// command that has no use for it is refused rather than ignored.
fn context(top: &Context, own: Context, takes: Takes, name: &str) -> Result<Context, String> {
    fn merge<T: Clone>(
        top: &Option<T>,
        own: Option<T>,
        takes: bool,
        flag: &str,
        name: &str,
    ) -> Result<Option<T>, String> {
        match (top, takes) {
            (Some(_), false) => Err(format!(
                "{flag} does nothing for `squadboard {name}` (its flags: `squadboard {name} --help`)"
            )),
            (Some(t), true) => Ok(own.or_else(|| Some(t.clone()))),
            (None, _) => Ok(own),
        }
    }
    Ok(Context {
        data: merge(&top.data, own.data, takes.data, "--data", name)?,
        date: merge(&top.date, own.date, takes.date, "--date", name)?,
        pool: merge(&top.pool, own.pool, takes.pool, "--pool", name)?,
        scenarios: merge(
            &top.scenarios,
            own.scenarios,
            takes.scenarios,
            "--scenarios",
            name,
        )?,
    })
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

fn show(ctx: &Context, format: TextOrJson, out: &mut dyn Write) -> Outcome {
    let ds = ctx.load_data()?;
    let on = ctx.planning_date(&ds);
    match format {
        TextOrJson::Text => cli::show::run(&ds, on, out),
        TextOrJson::Json => cli::show::json(&ds, on, out),
    }
    .map_err(|e| e.to_string())?;
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
    let today = chrono::Local::now().date_naive();
    let scenarios_dir = store::scenario::scenarios_dir(ctx.scenarios.as_deref());
    let mut board = Board::new(Arc::new(ds), ctx.date, today, scenarios_dir);
    // A scenario named with `--date` opens at that date; what it saved stays its own.
    if file.is_some() {
        board.doc.open_at = ctx.date;
    }
    let runtime = Runtime::new();
    // Work a crash or a signal left behind is offered before the first frame (and before the
    // pool can raise a notice: that one waits behind the offer).
    let mut start = vec![Effect::FindRecoveries];
    // A pool loads in the background: the board draws at once and shows progress. A scenario
    // to open waits for it, as it may sign pool players.
    if let Some(pool) = ctx.pool.as_deref() {
        start.push(Effect::LoadPool(pool.to_path_buf()));
        board.doc.open_after_pool = file.map(std::path::Path::to_path_buf);
    } else if let Some(path) = file {
        // Opened before the terminal is taken, so a bad file is reported plainly.
        if !path.exists() {
            return Err(store::scenario::missing(
                path,
                &board.doc.scenarios_dir,
                &board.doc.ds,
            ));
        }
        let loaded = store::scenario::load(path, &board.doc.ds).map_err(|e| e.to_string())?;
        board.apply(Action::Done(Box::new(Done::Opened {
            path: path.to_path_buf(),
            loaded: Box::new(loaded),
        })));
    }
    runtime.perform(&board, start);
    let ended =
        tui::run(&mut board, &keymap, &theme, &runtime).map_err(|e| format!("terminal: {e}"))?;
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
    // The completion scripts' hook, kept out of clap so no help, page or script lists it.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == man_page::HOOK)
    {
        return man_page::print_scenario_names();
    }
    let cli = Cli::parse();
    // Everything a command prints passes through the one sanitiser: text from data or files
    // never sends escape sequences to the terminal. A reader that stops early (`| head`) is
    // noticed here, once, for every command.
    let mut out = cli::sanitize::Clean(PipeWatch::new(std::io::stdout().lock()));
    let outcome = run(cli, &mut out);
    if out.0.closed {
        // The reader has what it wanted: not a failure, and nothing to say.
        return ExitCode::SUCCESS;
    }
    finish(outcome)
}

fn run(cli: Cli, out: &mut dyn Write) -> Outcome {
    // The flags written before a command's name.
    let top = Context {
        data: cli.data,
        date: cli.date,
        pool: cli.pool,
        scenarios: cli.scenarios,
    };
    let all = Takes {
        data: true,
        date: true,
        pool: true,
        scenarios: true,
    };
    let name = |c: &Command| match c {
        Command::Check { .. } => "check",
        Command::Show { .. } => "show",
        Command::Scenario { args, .. } => match args.command {
            cli::scenario::Sub::Show { .. } => "scenario show",
            cli::scenario::Sub::Export { .. } => "scenario export",
            cli::scenario::Sub::List { .. } => "scenario list",
            cli::scenario::Sub::Compare { .. } => "scenario compare",
            cli::scenario::Sub::Budget { .. } => "scenario budget",
            cli::scenario::Sub::Rate { .. } => "scenario rate",
        },
        Command::Import(_) => "import",
        Command::Find { .. } => "find",
        Command::Timeline { .. } => "timeline",
        Command::Completions { .. } => "completions",
        Command::Man => "man",
    };
    let Some(command) = cli.command else {
        let ctx = context(&top, Context::default(), all, "")?;
        return board(&ctx, cli.file.as_deref());
    };
    let name = name(&command);
    if cli.file.is_some() {
        return Err(format!(
            "a scenario file opens the board; `squadboard {name}` takes none"
        ));
    }
    let own = |data: DataArg, date: Option<NaiveDate>, pool: Option<PoolArg>| Context {
        data: data.data,
        date,
        pool: pool.and_then(|p| p.pool),
        scenarios: None,
    };
    match command {
        Command::Check { dir, data } => {
            let takes = Takes {
                data: true,
                ..Takes::NONE
            };
            let given = Context {
                data: dir.or(data),
                ..Context::default()
            };
            let ctx = context(&top, given, takes, name)?;
            cli::check::run(ctx.data.as_deref(), out).map_err(|e| e.to_string())
        }
        Command::Show { data, date, format } => {
            let takes = Takes {
                data: true,
                date: true,
                ..Takes::NONE
            };
            let ctx = context(&top, own(data, date.date, None), takes, name)?;
            show(&ctx, format, out)
        }
        Command::Scenario {
            data,
            pool,
            scenarios,
            args,
        } => {
            let given = Context {
                scenarios: scenarios.scenarios,
                ..own(data, args.command.date(), Some(pool))
            };
            let takes = Takes {
                date: !matches!(args.command, cli::scenario::Sub::List { .. }),
                ..all
            };
            let ctx = context(&top, given, takes, name)?;
            cli::scenario::run(args, &ctx, out)
        }
        Command::Import(args) => {
            let ctx = context(&top, Context::default(), Takes::NONE, name)?;
            cli::import::run(args, &ctx, out)
        }
        Command::Find {
            data,
            date,
            pool,
            args,
        } => {
            let takes = Takes {
                scenarios: false,
                ..all
            };
            let ctx = context(&top, own(data, date.date, Some(pool)), takes, name)?;
            cli::find::run(args, &ctx, out)
        }
        Command::Timeline {
            data,
            date,
            pool,
            scenarios,
            args,
        } => {
            // As `scenario show`: a pool signing resolves, a listed name finds its file.
            let given = Context {
                scenarios: scenarios.scenarios,
                ..own(data, date.date, Some(pool))
            };
            let ctx = context(&top, given, all, name)?;
            cli::timeline::run(args, &ctx, out)
        }
        Command::Completions { shell } => {
            context(&top, Context::default(), Takes::NONE, name)?;
            // Into memory first: the generator panics when its writer fails (a closed pipe).
            let script = man_page::completions(shell, &mut Cli::command());
            out.write_all(&script).map_err(|e| e.to_string())?;
            Ok(true)
        }
        Command::Man => {
            context(&top, Context::default(), Takes::NONE, name)?;
            let page = man_page::render(Cli::command()).map_err(|e| e.to_string())?;
            out.write_all(&page).map_err(|e| e.to_string())?;
            Ok(true)
        }
    }
}

/// Standard output that remembers whether its reader went away (a broken pipe), so the command
/// can end quietly: `squadboard show | head -1` is not an error.
struct PipeWatch<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> PipeWatch<W> {
    fn new(inner: W) -> Self {
        PipeWatch {
            inner,
            closed: false,
        }
    }

    fn watch<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &r
            && e.kind() == std::io::ErrorKind::BrokenPipe
        {
            self.closed = true;
        }
        r
    }
}

impl<W: Write> Write for PipeWatch<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.watch(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.watch(r)
    }
}
