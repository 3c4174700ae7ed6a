//! `squadboard scenario`: scenarios without the board — show, export, list, compare.
//!
//! A FILE argument is a path; a bare name that is not a file here is looked up in the scenario
//! folder, with or without `.ron` (`squadboard scenario show konate-in`). `--date` shows the
//! scenario at another planning date than the one it was saved with.

use super::{Context, Outcome};
use crate::domain::compare::compare;
use crate::domain::plan::Plan;
use crate::domain::scenario::long_date;
use crate::domain::status::{ContractStatus, age, availability, contract};
use crate::domain::warnings::{Assessment, assess};
use crate::domain::{Dataset, PlayerId};
use crate::store::atomic::{self, Expect};
use crate::store::scenario::{Loaded, list, load, scenarios_dir};
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

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
    List,
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
    },
}

impl Sub {
    /// `--date`, for the subcommands that take it.
    pub fn date(&self) -> Option<chrono::NaiveDate> {
        match self {
            Sub::Show { when, .. } | Sub::Export { when, .. } | Sub::Compare { when, .. } => {
                when.date
            }
            Sub::List => None,
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
        Sub::List => {
            let entries = list(&dir, &ds).map_err(|e| e.to_string())?;
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
        Sub::Compare { a, b, .. } => {
            let (pa, la) = open(&a, &dir, &ds)?;
            let (pb, lb) = open(&b, &dir, &ds)?;
            let mut text = String::new();
            for (tag, path, l) in [("A", &pa, &la), ("B", &pb, &lb)] {
                let _ = writeln!(
                    text,
                    "{tag}: {} — {} ({})",
                    l.scenario.name,
                    l.scenario.summary(&ds),
                    path.display()
                );
                for n in l.notices() {
                    let _ = writeln!(text, "   note: {n}");
                }
            }
            text.push('\n');
            let (mut plan_a, mut plan_b) = (la.scenario.plan, lb.scenario.plan);
            if let Some(d) = ctx.date {
                plan_a.date = d;
                plan_b.date = d;
            }
            for line in compare(&ds, &plan_a, &plan_b).lines(&ds) {
                let _ = writeln!(text, "{line}");
            }
            let seasons = crate::domain::timeline_compare::season_lines(
                &ds,
                &plan_a,
                &plan_b,
                super::timeline::EXPORT_SEASONS,
            );
            if !seasons.is_empty() {
                let _ = writeln!(text, "\nSeason by season:");
                for line in seasons {
                    let _ = writeln!(text, "  {line}");
                }
            }
            out.write_all(text.as_bytes()).map_err(io)?;
            Ok(true)
        }
    }
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

/// The file the user means: the path as given, else a name in the scenario folder.
fn locate(arg: &Path, dir: &Path) -> PathBuf {
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
    arg.to_path_buf()
}

fn open(arg: &Path, dir: &Path, ds: &Dataset) -> Result<(PathBuf, Loaded), String> {
    let path = locate(arg, dir);
    let loaded = load(&path, ds).map_err(|e| e.to_string())?;
    Ok((path, loaded))
}

/// One slot of the XI with what the planning date says about its player.
#[derive(Debug, Serialize)]
struct Row {
    slot: &'static str,
    label: &'static str,
    /// Where the slot stands: 0 = left touchline .. 100, 0 = own goal .. 100.
    x: u8,
    y: u8,
    player: Option<RowPlayer>,
}

#[derive(Debug, Serialize)]
struct RowPlayer {
    id: PlayerId,
    name: String,
    short_name: String,
    age: String,
    signing: bool,
    /// `None` when fit.
    injury: Option<String>,
    /// `None` when nothing to flag (a year or more left, or a signing's new contract).
    contract: Option<String>,
    #[serde(skip)]
    contract_mark: &'static str,
}

/// A loaded scenario at its planning date, ready to print in any format.
struct View<'a> {
    ds: &'a Dataset,
    path: PathBuf,
    loaded: Loaded,
    plan: Plan,
    assessment: Assessment,
    rows: Vec<Row>,
}

impl<'a> View<'a> {
    fn new(ds: &'a Dataset, path: &Path, loaded: Loaded, ctx: &Context) -> View<'a> {
        let mut plan = loaded.scenario.plan.clone();
        if let Some(d) = ctx.date {
            plan.date = d;
        }
        let on = plan.date;
        let rows = plan
            .formation()
            .slots()
            .iter()
            .zip(plan.xi(ds))
            .map(|(slot, pick)| Row {
                slot: slot.key,
                label: slot.label,
                x: slot.x,
                y: slot.y,
                player: pick.map(|id| {
                    let signing = ds.is_target(&id);
                    match ds.player(&id) {
                        None => RowPlayer {
                            name: id.to_string(),
                            short_name: id.to_string(),
                            id,
                            age: "?".into(),
                            signing,
                            injury: None,
                            contract: None,
                            contract_mark: "",
                        },
                        Some(p) => {
                            let p = plan.effective(p);
                            let a = availability(&p, on);
                            let c = contract(&p, !signing, on);
                            let flag = !signing && !matches!(c, ContractStatus::Secure { .. });
                            RowPlayer {
                                id,
                                name: p.name.clone(),
                                short_name: p.short_name().to_string(),
                                age: age(&p, on).to_string(),
                                signing,
                                injury: (!a.is_available()).then(|| a.to_string()),
                                contract: flag.then(|| c.sentence()),
                                contract_mark: if flag { c.mark() } else { "" },
                            }
                        }
                    }
                }),
            })
            .collect();
        View {
            ds,
            path: path.to_path_buf(),
            assessment: assess(ds, &plan),
            loaded,
            plan,
            rows,
        }
    }

    fn name(&self, id: &PlayerId) -> String {
        self.ds
            .player(id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    fn short(&self, id: &PlayerId) -> String {
        crate::domain::scenario::short_name(self.ds, id)
    }

    fn summary(&self) -> String {
        crate::domain::scenario::summary(self.ds, &self.plan)
    }

    /// "Ibrahima Konaté (Liverpool, CB): ~£35m, reported".
    fn signing_lines(&self) -> Vec<String> {
        self.plan
            .signings
            .iter()
            .map(|s| {
                let who = match self.ds.player(&s.id) {
                    Some(p) => format!("{} ({}, {})", p.name, p.club, p.positions_label()),
                    None => s.id.to_string(),
                };
                let fee = crate::domain::budget::SigningFee::of(self.ds, &self.plan, s)
                    .text(self.plan.date);
                format!("{who}: {fee}")
            })
            .collect()
    }

    fn departure_lines(&self) -> Vec<String> {
        self.plan
            .departures
            .iter()
            .map(|d| {
                let fee = d.fee.map_or(String::new(), |f| format!(" for {f}"));
                format!("{}: {}{fee}", self.name(&d.id), d.kind.label())
            })
            .collect()
    }

    fn assumption_lines(&self) -> Vec<String> {
        self.plan
            .assumptions
            .iter()
            .map(|a| a.describe(&self.short(a.player())))
            .collect()
    }

    fn warning_lines(&self) -> Vec<String> {
        self.assessment
            .warnings
            .iter()
            .map(|w| w.text(self.ds))
            .chain(crate::domain::budget::warnings(self.ds, &self.plan))
            .collect()
    }

    /// The sections every text form of the summary lists, in order.
    fn sections(&self) -> [(&'static str, Vec<String>); 5] {
        [
            ("Signings", self.signing_lines()),
            ("Departures", self.departure_lines()),
            ("Assumptions", self.assumption_lines()),
            ("Warnings", self.warning_lines()),
            ("Totals", self.totals()),
        ]
    }

    fn totals(&self) -> Vec<String> {
        let mut out = vec![
            format!("Fees: {}", self.assessment.fees),
            format!(
                "XI: {} of 11 slots filled; ages {}",
                self.assessment.filled, self.assessment.ages
            ),
        ];
        let money = crate::domain::budget::per_window(self.ds, &self.plan);
        out.extend(money.iter().map(|m| format!("Money {}", m.text())));
        out
    }

    fn date_line(&self) -> String {
        let saved = self.loaded.scenario.plan.date;
        let mut s = format!(
            "{} · planning date {}",
            self.ds.club,
            long_date(self.plan.date)
        );
        if saved != self.plan.date {
            let _ = write!(s, " (--date; saved for {})", long_date(saved));
        }
        s
    }

    fn text(&self) -> String {
        let s = &self.loaded.scenario;
        let mut t = String::new();
        let _ = writeln!(t, "{}", s.name);
        let _ = writeln!(t, "{}", self.summary());
        let _ = writeln!(t, "{}", self.date_line());
        let _ = writeln!(
            t,
            "Created {} · modified {} · {}",
            s.created.format("%Y-%m-%d %H:%M UTC"),
            s.modified.format("%Y-%m-%d %H:%M UTC"),
            self.path.display()
        );
        for n in self.loaded.notices() {
            let _ = writeln!(t, "note: {n}");
        }
        let _ = writeln!(t);
        let _ = writeln!(t, "XI ({})", self.plan.formation());
        for r in &self.rows {
            match &r.player {
                None => {
                    let _ = writeln!(t, "  {:<4} {:<16} —", r.slot, r.label);
                }
                Some(p) => {
                    let mut marks = Vec::new();
                    if p.signing {
                        marks.push("new signing".to_string());
                    }
                    if let Some(i) = &p.injury {
                        marks.push(format!("+ {i}"));
                    }
                    if let Some(c) = &p.contract {
                        marks.push(format!("{} {c}", p.contract_mark));
                    }
                    let line = format!(
                        "  {:<4} {:<16} {:<26} {:>5}  {}",
                        r.slot,
                        r.label,
                        p.name,
                        p.age,
                        marks.join("; ")
                    );
                    let _ = writeln!(t, "{}", line.trim_end());
                }
            }
        }
        let sections = self.sections();
        for (title, lines) in sections {
            let _ = writeln!(t);
            let _ = writeln!(t, "{title}");
            if lines.is_empty() {
                let _ = writeln!(t, "  none");
            }
            for l in lines {
                let _ = writeln!(t, "  {l}");
            }
        }
        if !self.plan.notes.trim().is_empty() {
            let _ = writeln!(t);
            let _ = writeln!(t, "Notes");
            for l in self.plan.notes.lines() {
                let _ = writeln!(t, "  {l}");
            }
        }
        t
    }

    fn markdown(&self) -> String {
        let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let s = &self.loaded.scenario;
        let mut t = String::new();
        let _ = writeln!(t, "# {}", cell(&s.name));
        let _ = writeln!(t);
        let _ = writeln!(t, "{}", self.summary());
        let _ = writeln!(t);
        let _ = writeln!(
            t,
            "*{}; last saved {}.*",
            self.date_line(),
            s.modified.format("%Y-%m-%d %H:%M UTC")
        );
        for n in self.loaded.notices() {
            let _ = writeln!(t);
            let _ = writeln!(t, "> Note: {}", cell(&n));
        }
        let _ = writeln!(t);
        let _ = writeln!(t, "## XI ({})", self.plan.formation());
        let _ = writeln!(t);
        let _ = writeln!(t, "| Slot | Player | Age | Fitness | Contract |");
        let _ = writeln!(t, "|---|---|---|---|---|");
        for r in &self.rows {
            match &r.player {
                None => {
                    let _ = writeln!(t, "| {} | — | | | |", r.label);
                }
                Some(p) => {
                    let name = if p.signing {
                        format!("{} (new)", cell(&p.name))
                    } else {
                        cell(&p.name)
                    };
                    let _ = writeln!(
                        t,
                        "| {} | {name} | {} | {} | {} |",
                        r.label,
                        p.age,
                        p.injury.as_deref().map_or("fit".into(), cell),
                        p.contract.as_deref().map_or(String::new(), cell),
                    );
                }
            }
        }
        let sections = self.sections();
        for (title, lines) in sections {
            let _ = writeln!(t);
            let _ = writeln!(t, "## {title}");
            let _ = writeln!(t);
            if lines.is_empty() {
                let _ = writeln!(t, "None.");
            }
            for l in lines {
                let _ = writeln!(t, "- {}", cell(&l));
            }
        }
        if !self.plan.notes.trim().is_empty() {
            let _ = writeln!(t);
            let _ = writeln!(t, "## Notes");
            let _ = writeln!(t);
            for l in self.plan.notes.lines() {
                let _ = writeln!(t, "> {l}");
            }
        }
        t
    }

    fn json(&self) -> Result<String, String> {
        #[derive(Serialize)]
        struct Export<'v> {
            format_version: u32,
            name: &'v str,
            created: chrono::DateTime<chrono::Utc>,
            modified: chrono::DateTime<chrono::Utc>,
            club: &'v str,
            summary: String,
            planning_date: chrono::NaiveDate,
            formation: String,
            xi: &'v [Row],
            signings: Vec<String>,
            departures: Vec<String>,
            assumptions: Vec<String>,
            warnings: Vec<String>,
            fees: String,
            ages: String,
            notices: Vec<String>,
            plan: &'v Plan,
        }
        let s = &self.loaded.scenario;
        let e = Export {
            format_version: s.format_version,
            name: &s.name,
            created: s.created,
            modified: s.modified,
            club: &self.ds.club,
            summary: self.summary(),
            planning_date: self.plan.date,
            formation: self.plan.formation().to_string(),
            xi: &self.rows,
            signings: self.signing_lines(),
            departures: self.departure_lines(),
            assumptions: self.assumption_lines(),
            warnings: self.warning_lines(),
            fees: self.assessment.fees.to_string(),
            ages: self.assessment.ages.to_string(),
            notices: self.loaded.notices(),
            plan: &self.plan,
        };
        serde_json::to_string_pretty(&e)
            .map(|mut j| {
                j.push('\n');
                j
            })
            .map_err(|e| format!("cannot write JSON: {e}"))
    }

    /// The XI on a pitch, attacking upwards, each player at his slot's place.
    fn svg(&self) -> String {
        const W: f32 = 680.0;
        const TOP: f32 = 96.0;
        const PW: f32 = 640.0;
        const PH: f32 = 960.0;
        const LEFT: f32 = 20.0;
        let h = TOP + PH + 60.0;
        let px = |x: u8| LEFT + PW * f32::from(x) / 100.0;
        let py = |y: u8| TOP + PH * (1.0 - f32::from(y) / 100.0);
        // Metres to pixels along each axis of a 68 m × 105 m pitch.
        let mx = |m: f32| m * PW / 68.0;
        let my = |m: f32| m * PH / 105.0;
        let s = &self.loaded.scenario;
        let mut t = String::new();
        let _ = writeln!(
            t,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{h}" viewBox="0 0 {W} {h}" font-family="Helvetica, Arial, sans-serif">"#
        );
        let _ = writeln!(t, "<title>{}</title>", esc(&s.name));
        let _ = writeln!(t, r##"<rect width="{W}" height="{h}" fill="#0f3d1e"/>"##);
        let _ = writeln!(
            t,
            r##"<text x="{LEFT}" y="38" fill="#ffffff" font-size="26" font-weight="bold">{}</text>"##,
            esc(&s.name)
        );
        let _ = writeln!(
            t,
            r##"<text x="{LEFT}" y="70" fill="#d8e8d8" font-size="16">{}</text>"##,
            esc(&self.summary())
        );
        // The pitch: grass, touchlines, halfway line, centre circle, boxes and spots.
        let _ = writeln!(
            t,
            r##"<rect x="{LEFT}" y="{TOP}" width="{PW}" height="{PH}" fill="#2e7d32"/>"##
        );
        let _ = writeln!(
            t,
            r##"<g fill="none" stroke="#ffffff" stroke-opacity="0.8" stroke-width="2">"##
        );
        let _ = writeln!(
            t,
            r#"<rect x="{LEFT}" y="{TOP}" width="{PW}" height="{PH}"/>"#
        );
        let mid = TOP + PH / 2.0;
        let cx = LEFT + PW / 2.0;
        let _ = writeln!(
            t,
            r#"<line x1="{LEFT}" y1="{mid}" x2="{}" y2="{mid}"/>"#,
            LEFT + PW
        );
        let _ = writeln!(t, r#"<circle cx="{cx}" cy="{mid}" r="{:.1}"/>"#, mx(9.15));
        for (depth, width) in [(16.5, 40.32), (5.5, 18.32)] {
            let (bw, bh) = (mx(width), my(depth));
            let x = cx - bw / 2.0;
            let _ = writeln!(
                t,
                r#"<rect x="{x:.1}" y="{TOP}" width="{bw:.1}" height="{bh:.1}"/>"#
            );
            let _ = writeln!(
                t,
                r#"<rect x="{x:.1}" y="{:.1}" width="{bw:.1}" height="{bh:.1}"/>"#,
                TOP + PH - bh
            );
        }
        let _ = writeln!(t, "</g>");
        for spot in [TOP + my(11.0), TOP + PH - my(11.0), mid] {
            let _ = writeln!(
                t,
                r##"<circle cx="{cx}" cy="{spot:.1}" r="3" fill="#ffffff"/>"##
            );
        }
        for r in &self.rows {
            let (x, y) = (px(r.x), py(r.y));
            let _ = writeln!(t, r#"<g class="slot" data-slot="{}">"#, r.slot);
            match &r.player {
                None => {
                    let _ = writeln!(
                        t,
                        r##"<circle cx="{x:.1}" cy="{y:.1}" r="24" fill="none" stroke="#ffffff" stroke-width="2" stroke-dasharray="5 4"/>"##
                    );
                    let _ = writeln!(
                        t,
                        r##"<text x="{x:.1}" y="{:.1}" fill="#ffffff" font-size="13" text-anchor="middle">{}</text>"##,
                        y + 5.0,
                        r.slot
                    );
                }
                Some(p) => {
                    let fill = if p.signing { "#ffd54f" } else { "#ffffff" };
                    let stroke = if p.injury.is_some() {
                        "#d32f2f"
                    } else if p.contract.is_some() {
                        "#ff9800"
                    } else {
                        "#1b5e20"
                    };
                    let _ = writeln!(
                        t,
                        r##"<circle cx="{x:.1}" cy="{y:.1}" r="24" fill="{fill}" stroke="{stroke}" stroke-width="4"/>"##
                    );
                    let _ = writeln!(
                        t,
                        r##"<text x="{x:.1}" y="{:.1}" fill="#1b1b1b" font-size="13" font-weight="bold" text-anchor="middle">{}</text>"##,
                        y + 5.0,
                        r.slot
                    );
                    let _ = writeln!(
                        t,
                        r##"<text x="{x:.1}" y="{:.1}" fill="#ffffff" font-size="15" font-weight="bold" text-anchor="middle">{}</text>"##,
                        y + 44.0,
                        esc(&p.short_name)
                    );
                    let mut marks = Vec::new();
                    if p.signing {
                        marks.push("new".to_string());
                    }
                    if p.injury.is_some() {
                        marks.push("injured".to_string());
                    }
                    if !p.contract_mark.is_empty() {
                        marks.push(p.contract_mark.to_string());
                    }
                    if !marks.is_empty() {
                        let _ = writeln!(
                            t,
                            r##"<text x="{x:.1}" y="{:.1}" fill="#ffe0b2" font-size="12" text-anchor="middle">{}</text>"##,
                            y + 60.0,
                            esc(&marks.join(" · "))
                        );
                    }
                }
            }
            let _ = writeln!(t, "</g>");
        }
        let _ = writeln!(
            t,
            r##"<text x="{LEFT}" y="{:.1}" fill="#d8e8d8" font-size="13">{}</text>"##,
            h - 24.0,
            esc(&format!(
                "{} · fees {} · XI ages {}",
                self.date_line(),
                self.assessment.fees,
                self.assessment.ages
            ))
        );
        let _ = writeln!(t, "</svg>");
        t
    }
}

/// Escapes text for XML content and attributes.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping() {
        assert_eq!(
            esc("A & B <\"x\"> 'y'\u{1}"),
            "A &amp; B &lt;&quot;x&quot;&gt; &apos;y&apos; "
        );
    }
}
