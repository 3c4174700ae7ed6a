//! `squadboard timeline [FILE.ron]`: the squad season by season, as text, a Markdown table or
//! JSON. Without a file, the data's own depth chart at the planning date; with one, that
//! scenario's plan (`--date` moves its planning date, and with it the first season).

use super::typed;
use super::{Context, Outcome};
use crate::domain::Dataset;
use crate::domain::budget::per_window;
use crate::domain::plan::Plan;
use crate::domain::scenario::long_date;
use crate::domain::timeline::{Cell, Timeline, TimelineSettings, build, first_season};
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A scenario: a file, or a name as `scenario list` shows it; without one, the data's
    /// depth chart.
    #[arg(value_name = "FILE.ron")]
    pub file: Option<PathBuf>,
    /// How many seasons, from the planning date's season.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=20))]
    pub seasons: u16,
    /// How to print it.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
    /// A picture of the seasons grid (also `scenario export --format svg --view timeline`).
    Svg,
}

/// How many seasons an export shows.
pub const EXPORT_SEASONS: usize = 4;

/// `scenario export --view timeline`: the scenario's timeline in `format`, titled by its name.
pub fn export(ds: &Dataset, plan: &Plan, name: &str, format: Format) -> String {
    match format {
        Format::Svg => super::timeline_svg::svg(ds, plan, name, EXPORT_SEASONS),
        f => render(ds, plan, EXPORT_SEASONS, f),
    }
}

pub fn run(args: Args, ctx: &Context, out: &mut dyn Write) -> Outcome {
    // With `--pool`, so a pool signing reads by his name; a file is found as `scenario show`
    // finds it (a path, a file of the scenario folder, or a name `scenario list` shows).
    let ds = ctx.load_data_with_pool()?;
    let mut plan = match &args.file {
        Some(arg) => {
            let dir = crate::store::scenario::scenarios_dir(ctx.scenarios.as_deref());
            let path = &super::scenario::locate(arg, &dir, &ds);
            if !path.exists() {
                return Err(crate::store::scenario::missing(arg, &dir, &ds));
            }
            let loaded = crate::store::scenario::load(path, &ds).map_err(|e| e.to_string())?;
            for n in loaded.notices() {
                let _ = writeln!(std::io::stderr(), "squadboard: {}: {n}", path.display());
            }
            loaded.scenario.plan
        }
        None => Plan::new(&ds, ctx.planning_date(&ds)),
    };
    if let Some(d) = ctx.date {
        plan.date = d;
    }
    let text = render(&ds, &plan, usize::from(args.seasons), args.format);
    out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(true)
}

/// The timeline of `plan` over `seasons` seasons from its planning date's, in `format`.
pub fn render(ds: &Dataset, plan: &Plan, seasons: usize, format: Format) -> String {
    let t = build(ds, plan, first_season(plan.date), seasons, settings(plan));
    match format {
        Format::Text => text(ds, plan, &t),
        Format::Markdown => markdown(ds, plan, &t),
        Format::Json => json(ds, plan, &t),
        Format::Svg => super::timeline_svg::svg(ds, plan, &ds.club, seasons),
    }
}

/// The plan's timeline settings.
pub fn settings(plan: &Plan) -> TimelineSettings {
    plan.timeline
}

/// The money lines under the grid ([`amortisation::money_lines`]), with whether each is over
/// budget.
pub fn money_lines(ds: &Dataset, plan: &Plan, t: &Timeline) -> Vec<(String, bool)> {
    use chrono::Datelike;
    let first = t.seasons.first().map_or(0, |s| s.start.year());
    crate::domain::amortisation::money_lines(ds, plan, first, t.seasons.len())
        .into_iter()
        .map(|l| (l.text().to_string(), l.over_budget()))
        .collect()
}

/// The marks and the flags.
fn legend(t: &Timeline) -> String {
    format!(
        "{} · flags: !none nobody, !Nfit fewer than two fit, !AGE first choice that old",
        crate::domain::timeline::legend(t)
    )
}

fn title(ds: &Dataset, plan: &Plan, t: &Timeline) -> String {
    format!(
        "{} · seasons ahead from {} · planning date {} · first choice flagged at {}+",
        ds.club,
        t.seasons.first().map_or("-", |s| s.label.as_str()),
        long_date(plan.date),
        t.old_age
    )
}

/// A cell as lines: one per player, then its flags.
fn cell_lines(cell: &Cell) -> Vec<String> {
    let mut lines: Vec<String> = cell.entries.iter().map(|e| e.text()).collect();
    if !cell.flags.is_empty() {
        let marks: Vec<String> = cell.flags.iter().map(|f| f.mark()).collect();
        lines.push(marks.join(" "));
    }
    lines
}

fn text(ds: &Dataset, plan: &Plan, t: &Timeline) -> String {
    const GAP: usize = 2;
    let pos_w = 8;
    let heads: Vec<String> = t
        .seasons
        .iter()
        .map(|s| format!("{} ({})", s.label, s.flags))
        .collect();
    let widths: Vec<usize> = (0..t.seasons.len())
        .map(|i| {
            t.rows
                .iter()
                .flat_map(|r| cell_lines(&r.cells[i]))
                .map(|l| super::sanitize::width(&l))
                .chain([super::sanitize::width(&heads[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let pad = super::sanitize::pad;
    let mut out = String::new();
    let _ = writeln!(out, "{}", title(ds, plan, t));
    let mut head = pad("position", pos_w);
    for (h, w) in heads.iter().zip(&widths) {
        head.push_str(&" ".repeat(GAP));
        head.push_str(&pad(h, *w));
    }
    let _ = writeln!(out, "{}", head.trim_end());
    let mut line = None;
    for row in &t.rows {
        if line != Some(row.line) {
            line = Some(row.line);
            let _ = writeln!(out, "── {}", row.line.label());
        }
        let cells: Vec<Vec<String>> = row.cells.iter().map(cell_lines).collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..height {
            let mut l = pad(if k == 0 { row.position.label() } else { "" }, pos_w);
            for (c, w) in cells.iter().zip(&widths) {
                l.push_str(&" ".repeat(GAP));
                l.push_str(&pad(c.get(k).map_or("", String::as_str), *w));
            }
            let _ = writeln!(out, "{}", l.trim_end());
        }
    }
    for (l, _) in money_lines(ds, plan, t) {
        let _ = writeln!(out, "money {l}");
    }
    let _ = writeln!(out, "{}", legend(t));
    out
}

fn markdown(ds: &Dataset, plan: &Plan, t: &Timeline) -> String {
    let esc = |s: &str| s.replace('|', "\\|");
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", esc(&title(ds, plan, t)));
    let mut head = String::from("| position |");
    let mut rule = String::from("|---|");
    let mut flags = String::from("| flags |");
    for s in &t.seasons {
        let _ = write!(head, " {} |", s.label);
        rule.push_str("---|");
        let _ = write!(flags, " {} |", s.flags);
    }
    let _ = writeln!(out, "{head}\n{rule}\n{flags}");
    for row in &t.rows {
        let _ = write!(out, "| {} |", row.position);
        for cell in &row.cells {
            let mut lines: Vec<String> = cell.entries.iter().map(|e| esc(&e.text())).collect();
            if !cell.flags.is_empty() {
                let marks: Vec<String> = cell.flags.iter().map(|f| f.to_string()).collect();
                lines.push(format!("**{}**", marks.join(", ")));
            }
            let _ = write!(out, " {} |", lines.join("<br>"));
        }
        out.push('\n');
    }
    let money = money_lines(ds, plan, t);
    if !money.is_empty() {
        out.push('\n');
        for (l, _) in money {
            let _ = writeln!(out, "- money {}", esc(&l));
        }
    }
    let _ = writeln!(out, "\n{}", legend(t));
    out
}

/// `timeline --format json`, typed as every command's JSON is ([`super::typed`]).
#[derive(Serialize)]
struct Doc<'a> {
    json_version: u32,
    club: &'a str,
    planning_date: NaiveDate,
    /// The plan's currency: every sum below is in it.
    currency: &'static str,
    rates: Vec<Rate>,
    /// First choice this old or older is flagged.
    old_age: u32,
    seasons: Vec<Season<'a>>,
    rows: Vec<Row<'a>>,
    /// Each window's money, as `scenario export` gives it.
    windows: Vec<typed::WindowMoney>,
    /// What each season books for the plan's signings.
    amortisation: Vec<SeasonCharges<'a>>,
}

#[derive(Serialize)]
struct Rate {
    currency: &'static str,
    value: f64,
    basis: String,
    assumed: bool,
}

#[derive(Serialize)]
struct Season<'a> {
    label: &'a str,
    start: NaiveDate,
    /// The day the season is read on (who is fit, whose contract runs).
    read_on: NaiveDate,
    flags: SeasonFlags,
}

#[derive(Serialize)]
struct SeasonFlags {
    nobody: usize,
    thin: usize,
    old: usize,
}

#[derive(Serialize)]
struct Row<'a> {
    line: &'static str,
    position: &'static str,
    cells: Vec<JsonCell<'a>>,
}

#[derive(Serialize)]
struct JsonCell<'a> {
    players: Vec<JsonEntry<'a>>,
    fit: usize,
    /// As the text prints them ("first choice 34").
    flags: Vec<String>,
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    id: &'a str,
    name: &'a str,
    /// In years on the season's first day; `null` unless known exactly.
    age: Option<u32>,
    /// As the text prints it: `33`, `32-33` or `?`.
    age_text: String,
    /// Injured into the season (`null`: fit).
    injury: Option<typed::JsonAvailability>,
    last_season: bool,
    under_six_months: bool,
    contract_unknown: bool,
    signing: bool,
    renewal_assumed: bool,
}

#[derive(Serialize)]
struct SeasonCharges<'a> {
    season: String,
    total: typed::Sum,
    charges: Vec<JsonCharge<'a>>,
}

#[derive(Serialize)]
struct JsonCharge<'a> {
    id: &'a str,
    /// `null` when it cannot be known (`unknown` says why).
    amount: Option<typed::Money>,
    unknown: Option<&'static str>,
}

fn json(ds: &Dataset, plan: &Plan, t: &Timeline) -> String {
    let currency = plan.money.currency;
    let first = t.seasons.first().map_or(0, |s| {
        use chrono::Datelike;
        s.start.year()
    });
    let amortisation = crate::domain::amortisation::per_season(ds, plan, first, t.seasons.len());
    let doc = Doc {
        json_version: typed::JSON_VERSION,
        club: &ds.club,
        planning_date: plan.date,
        currency: currency.code(),
        rates: plan
            .money
            .rates
            .iter()
            .map(|r| Rate {
                currency: r.currency.code(),
                value: r.value,
                basis: r.basis.clone(),
                assumed: r.assumed,
            })
            .collect(),
        old_age: t.old_age,
        seasons: t
            .seasons
            .iter()
            .map(|s| Season {
                label: &s.label,
                start: s.start,
                read_on: s.on,
                flags: SeasonFlags {
                    nobody: s.flags.nobody,
                    thin: s.flags.thin,
                    old: s.flags.old,
                },
            })
            .collect(),
        rows: t
            .rows
            .iter()
            .map(|r| Row {
                line: r.line.label(),
                position: r.position.label(),
                cells: r.cells.iter().map(json_cell).collect(),
            })
            .collect(),
        windows: per_window(ds, plan)
            .iter()
            .map(typed::WindowMoney::from)
            .collect(),
        amortisation: amortisation
            .iter()
            .map(|s| SeasonCharges {
                season: crate::domain::dates::season_label(crate::domain::dates::season_start(
                    s.season,
                )),
                total: (&s.total).into(),
                charges: s
                    .charges
                    .iter()
                    .map(|c| JsonCharge {
                        id: c.id.as_str(),
                        amount: c
                            .amount
                            .ok()
                            .map(|a| typed::Money::amount(a, currency, c.approximate)),
                        unknown: c.amount.err().map(|why| why.text()),
                    })
                    .collect(),
            })
            .collect(),
    };
    typed::to_text(&doc).unwrap_or_default()
}

fn json_cell(c: &Cell) -> JsonCell<'_> {
    JsonCell {
        players: c
            .entries
            .iter()
            .map(|e| JsonEntry {
                id: e.id.as_str(),
                name: &e.name,
                age: typed::exact_age(e.age),
                age_text: e.age.to_string(),
                injury: e.injury.as_ref().map(typed::JsonAvailability::from),
                last_season: e.last_season,
                under_six_months: e.under_six,
                contract_unknown: e.contract_unknown,
                signing: e.signing,
                renewal_assumed: e.renewed,
            })
            .collect(),
        fit: c.fit(),
        flags: c.flags.iter().map(|f| f.to_string()).collect(),
    }
}
