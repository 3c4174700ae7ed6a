//! `squadboard scenario`: scenarios without the board — show, export, list, compare.
//!
//! A FILE argument is a path; a bare name that is not a file here is looked up in the scenario
//! folder, with or without `.ron` (`squadboard scenario show konate-in`). `--date` shows the
//! scenario at another planning date than the one it was saved with.

mod json;
mod markdown;
mod svg;
mod text;
mod view;

use super::{Context, Outcome};
use crate::domain::Dataset;
use crate::domain::compare::compare;
use crate::store::atomic::{self, Expect};
use crate::store::scenario::{Loaded, list, load, scenarios_dir};
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use view::View;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    /// Print a scenario: the XI with injury and contract marks at the planning date, signings,
    /// departures, assumptions, warnings and totals.
    Show {
        /// The scenario: a path, or a name in the scenario folder (`.ron` optional).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        when: super::args::DateArg,
    },
    /// Write a scenario as Markdown, JSON, or an SVG picture of the XI on a pitch.
    Export {
        /// The scenario: a path, or a name in the scenario folder (`.ron` optional).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// What to write.
        #[arg(long, value_enum)]
        format: Format,
        /// What to draw: the XI (default) or the seasons ahead (`timeline`).
        #[arg(long, value_enum, default_value_t = ExportView::Xi)]
        view: ExportView,
        /// Write here (replacing it safely) instead of to standard output. Never the scenario
        /// itself; an existing file only when it is an earlier export of the same format.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace an existing OUT that is not an earlier export of this format.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        when: super::args::DateArg,
    },
    /// List the scenario folder: name, last saved, summary; unreadable files with their error.
    List {
        /// `text` for people, `json` for programs (typed: dates, moves, money).
        #[arg(long, value_enum, default_value_t = super::args::TextOrJson::Text)]
        format: super::args::TextOrJson,
    },
    /// What scenario B changes against scenario A.
    Compare {
        /// The scenario compared against: a path or a name in the scenario folder.
        #[arg(value_name = "A")]
        a: PathBuf,
        /// The scenario whose changes are listed: a path or a name in the scenario folder.
        #[arg(value_name = "B")]
        b: PathBuf,
        #[command(flatten)]
        when: super::args::DateArg,
        /// `text` for people, `json` for programs (each change typed, and the text's lines).
        #[arg(long, value_enum, default_value_t = super::args::TextOrJson::Text)]
        format: super::args::TextOrJson,
    },
    /// Set (or with `none` clear) a window's transfer budget in a scenario file, saved in place
    /// (safely: refused when the file changed since it was read).
    Budget {
        /// The scenario: a path or a name in the scenario folder.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The window: `summer 2026` or `winter 2027`.
        #[arg(value_name = "WINDOW")]
        window: String,
        /// The budget with its currency (`€50m`, `£40m`, `60000000 EUR`), or `none`.
        #[arg(value_name = "AMOUNT")]
        amount: String,
    },
    /// Set the exchange rate a scenario assumes from a currency into its own (`GBP 1.16`), or
    /// with `default` the default rate back; saved in place, safely.
    Rate {
        /// The scenario: a path or a name in the scenario folder.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The currency converted from: EUR, GBP or USD.
        #[arg(value_name = "CURRENCY")]
        currency: String,
        /// Units of the plan's currency for one of CURRENCY (`1.16`), or `default`.
        #[arg(value_name = "RATE")]
        rate: String,
    },
}

impl Sub {
    /// `--date`, for the subcommands that take it.
    pub fn date(&self) -> Option<chrono::NaiveDate> {
        match self {
            Sub::Show { when, .. } | Sub::Export { when, .. } | Sub::Compare { when, .. } => {
                when.date
            }
            Sub::List { .. } | Sub::Budget { .. } | Sub::Rate { .. } => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportView {
    Xi,
    Timeline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
    Svg,
}

pub fn run(args: Args, ctx: &Context, out: &mut dyn Write) -> Outcome {
    // With `--pool`, so a pool signing resolves instead of showing as unresolved.
    let ds = ctx.load_data_with_pool()?;
    let dir = scenarios_dir(ctx.scenarios.as_deref());
    let io = |e: std::io::Error| e.to_string();
    match args.command {
        Sub::Budget {
            file,
            window,
            amount,
        } => {
            let (path, loaded) = open(&file, &dir, &ds)?;
            let w: crate::domain::Window = window.parse()?;
            let fee = if amount.trim().eq_ignore_ascii_case("none") {
                None
            } else {
                Some(crate::domain::Fee::parse(&amount)?)
            };
            let mut s = loaded.scenario;
            s.plan.set_budget(w, fee);
            let said = match fee {
                Some(f) => format!("budget for {w}: {}", s.plan.money.fee_text(f)),
                None => format!("no budget for {w}"),
            };
            save_in_place(&path, s, loaded.fingerprint)?;
            writeln!(out, "{}: {said}", path.display()).map_err(io)?;
            Ok(true)
        }
        Sub::Rate {
            file,
            currency,
            rate,
        } => {
            let (path, loaded) = open(&file, &dir, &ds)?;
            let c = crate::domain::Currency::named(currency.trim()).ok_or_else(|| {
                format!("“{currency}” is not a currency this board knows (EUR, GBP, USD)")
            })?;
            let mut s = loaded.scenario;
            let money = &mut s.plan.money;
            if rate.trim().eq_ignore_ascii_case("default") {
                money.rates.retain(|r| r.currency != c);
                let default = crate::domain::MoneySettings::for_currency(money.currency);
                money.rates.extend(default.rate_entry(c).cloned());
            } else {
                let v: f64 = rate
                    .trim()
                    .parse()
                    .map_err(|_| format!("“{rate}” is not a rate: write it as 1.16"))?;
                money.set_rate(c, v)?;
            }
            let said = money.rates_text_for(c);
            save_in_place(&path, s, loaded.fingerprint)?;
            writeln!(out, "{}: {said}", path.display()).map_err(io)?;
            Ok(true)
        }
        Sub::Show { file, .. } => {
            let (path, loaded) = open(&file, &dir, &ds)?;
            let view = View::new(&ds, &path, loaded, ctx);
            out.write_all(view.text().as_bytes()).map_err(io)?;
            Ok(true)
        }
        Sub::Export {
            file,
            format,
            view: what,
            output,
            force,
            ..
        } => {
            let (path, loaded) = open(&file, &dir, &ds)?;
            if let Some(o) = &output {
                may_replace(o, &path, format, force)?;
            }
            let view = View::new(&ds, &path, loaded, ctx);
            let text = match (what, format) {
                (ExportView::Timeline, f) => super::timeline::export(
                    &ds,
                    &view.plan,
                    &view.loaded.scenario.name,
                    match f {
                        Format::Markdown => super::timeline::Format::Markdown,
                        Format::Json => super::timeline::Format::Json,
                        Format::Svg => super::timeline::Format::Svg,
                    },
                ),
                (ExportView::Xi, Format::Markdown) => view.markdown(),
                (ExportView::Xi, Format::Json) => view.json()?,
                (ExportView::Xi, Format::Svg) => view.svg(),
            };
            // A file gets what standard output gets: nothing a terminal would act on.
            let text = match format {
                Format::Json => super::sanitize::json(&text),
                Format::Markdown | Format::Svg => super::sanitize::clean(&text),
            }
            .into_owned();
            match output {
                Some(o) => {
                    atomic::write(&o, text.as_bytes(), Expect::Anything)
                        .map_err(|e| e.to_string())?;
                    writeln!(out, "wrote {}", o.display()).map_err(io)?;
                }
                None => out.write_all(text.as_bytes()).map_err(io)?,
            }
            Ok(true)
        }
        Sub::List { format } => {
            let entries = list(&dir, &ds).map_err(|e| e.to_string())?;
            if format == super::args::TextOrJson::Json {
                let text = json::list(&ds, &dir, &entries)?;
                out.write_all(super::sanitize::json(&text).as_bytes())
                    .map_err(io)?;
                return Ok(entries.iter().all(|e| e.summary.is_ok()));
            }
            if entries.is_empty() {
                writeln!(out, "No scenarios in {}", dir.display()).map_err(io)?;
                return Ok(true);
            }
            writeln!(out, "Scenarios in {}", dir.display()).map_err(io)?;
            let mut all_ok = true;
            for e in &entries {
                let file = e.path.file_name().map_or_else(
                    || e.path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                );
                let when = e
                    .modified
                    .map_or("?".to_string(), |t| t.format("%Y-%m-%d %H:%M").to_string());
                match &e.summary {
                    Ok(s) => {
                        writeln!(out, "  {file}  {}  (saved {when})", e.name).map_err(io)?;
                        writeln!(out, "      {s}").map_err(io)?;
                        for n in &e.notices {
                            writeln!(out, "      note: {n}").map_err(io)?;
                        }
                    }
                    Err(msg) => {
                        all_ok = false;
                        writeln!(out, "  {file}  cannot be loaded: {msg}").map_err(io)?;
                    }
                }
            }
            Ok(all_ok)
        }
        Sub::Compare { a, b, format, .. } => {
            let (pa, la) = open(&a, &dir, &ds)?;
            let (pb, lb) = open(&b, &dir, &ds)?;
            // One file twice ("scenario-v2" and "scenario-v2.ron") has nothing to compare.
            let same = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
            if same(&pa) == same(&pb) {
                return Err(format!(
                    "{}: compares a scenario with itself; name two scenarios (`squadboard \
                     scenario list` shows them)",
                    pa.display()
                ));
            }
            let (mut plan_a, mut plan_b) = (la.scenario.plan.clone(), lb.scenario.plan.clone());
            if let Some(d) = ctx.date {
                plan_a.date = d;
                plan_b.date = d;
            }
            let lines = compare(&ds, &plan_a, &plan_b).lines(&ds);
            let seasons = crate::domain::timeline_compare::season_lines(
                &ds,
                &plan_a,
                &plan_b,
                super::timeline::EXPORT_SEASONS,
            );
            let text = match format {
                super::args::TextOrJson::Json => {
                    let side = |path, loaded, plan| json::Side { path, loaded, plan };
                    let doc = json::compare(
                        &ds,
                        &side(&pa, &la, &plan_a),
                        &side(&pb, &lb, &plan_b),
                        lines,
                        seasons,
                    )?;
                    super::sanitize::json(&doc).into_owned()
                }
                super::args::TextOrJson::Text => {
                    compare_text(&ds, [("A", &pa, &la), ("B", &pb, &lb)], lines, seasons)
                }
            };
            out.write_all(text.as_bytes()).map_err(io)?;
            Ok(true)
        }
    }
}

/// `scenario compare` as text: each scenario's line and notices, then the changes and the
/// seasons.
fn compare_text(
    ds: &Dataset,
    sides: [(&str, &Path, &Loaded); 2],
    lines: Vec<String>,
    seasons: Vec<String>,
) -> String {
    let mut text = String::new();
    for (tag, path, l) in sides {
        let _ = writeln!(
            text,
            "{tag}: {} — {} ({})",
            l.scenario.name,
            l.scenario.summary(ds),
            path.display()
        );
        for n in l.notices() {
            let _ = writeln!(text, "   note: {n}");
        }
    }
    text.push('\n');
    for line in lines {
        let _ = writeln!(text, "{line}");
    }
    if !seasons.is_empty() {
        let _ = writeln!(text, "\nSeason by season:");
        for line in seasons {
            let _ = writeln!(text, "  {line}");
        }
    }
    text
}

/// Whether `out` may be written: never the input itself (by any path or link to it); an
/// existing file only if it is an earlier export of the same format, or with `--force`.
fn may_replace(out: &Path, input: &Path, format: Format, force: bool) -> Result<(), String> {
    let Ok(meta) = std::fs::metadata(out) else {
        return Ok(());
    };
    let shown = out.display();
    if same_file(out, input) {
        return Err(format!(
            "{shown}: that is the scenario being exported, its own input; not writing over it"
        ));
    }
    if !meta.is_file() {
        return Err(format!("{shown}: not a regular file; not writing over it"));
    }
    if force {
        return Ok(());
    }
    // An export is small; a larger file is not one.
    let earlier =
        meta.len() <= 16 << 20 && std::fs::read_to_string(out).is_ok_and(|t| is_export(format, &t));
    if earlier {
        Ok(())
    } else {
        Err(format!(
            "{shown}: exists and is not an earlier {} export; use --force to replace it",
            format_name(format)
        ))
    }
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Markdown => "Markdown",
        Format::Json => "JSON",
        Format::Svg => "SVG",
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    matches!(
        (a.canonicalize(), b.canonicalize()),
        (Ok(x), Ok(y)) if x == y
    )
}

/// Whether `text` looks like what [`View`] writes in `format`.
fn is_export(format: Format, text: &str) -> bool {
    match format {
        Format::Markdown => {
            text.starts_with("# ")
                && text.contains("\n## XI (")
                && text.contains("| Slot | Player | Age |")
        }
        Format::Json => serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| {
            ["format_version", "club", "xi", "plan"]
                .iter()
                .all(|k| v.get(k).is_some())
        }),
        Format::Svg => {
            text.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg""#)
                && text.contains(r##"fill="#0f3d1e""##)
        }
    }
}

/// The file the user means: the path as given, else a file of the scenario folder, else the
/// scenario of that folder with that name as `scenario list` shows it (case and accents
/// ignored: "konate at right cb" finds "Konaté at right CB").
pub(crate) fn locate(arg: &Path, dir: &Path, ds: &Dataset) -> PathBuf {
    if arg.exists() || arg.components().count() > 1 {
        return arg.to_path_buf();
    }
    let named = dir.join(arg);
    if named.exists() {
        return named;
    }
    let with_ext = dir.join(format!("{}.ron", arg.display()));
    if with_ext.exists() {
        return with_ext;
    }
    if let Some(name) = arg.to_str()
        && let Ok(entries) = crate::store::scenario::list(dir, ds)
        && let Some(entry) = crate::store::scenario::name_taken(&entries, name)
    {
        return entry.path.clone();
    }
    arg.to_path_buf()
}

/// Writes a scenario changed headless back where it was read, stamped now; refused when the
/// file changed on disk since.
fn save_in_place(
    path: &Path,
    mut s: crate::domain::scenario::Scenario,
    read: crate::store::atomic::Fingerprint,
) -> Result<(), String> {
    s.touch(chrono::Utc::now());
    crate::store::scenario::save(path, &s, Expect::Unchanged(read))
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn open(arg: &Path, dir: &Path, ds: &Dataset) -> Result<(PathBuf, Loaded), String> {
    let path = locate(arg, dir, ds);
    let loaded = load(&path, ds).map_err(|e| e.to_string())?;
    Ok((path, loaded))
}
