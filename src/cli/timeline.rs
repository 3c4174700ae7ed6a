//! `squadboard timeline [FILE.ron]`: the squad season by season, as text, a Markdown table or
//! JSON. Without a file, the data's own depth chart at the planning date; with one, that
//! scenario's plan (`--date` moves its planning date, and with it the first season).

use super::{Context, Outcome};
use crate::domain::Dataset;
use crate::domain::budget::per_window;
use crate::domain::plan::Plan;
use crate::domain::scenario::long_date;
use crate::domain::status::Age;
use crate::domain::timeline::{Cell, Timeline, TimelineSettings, build, first_season};
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

fn age_json(a: Age) -> serde_json::Value {
    match a {
        Age::Exact(n) => serde_json::json!({ "exact": n }),
        Age::Between(lo, hi) => serde_json::json!({ "from": lo, "to": hi }),
        Age::Unknown => serde_json::Value::Null,
    }
}

fn json(ds: &Dataset, plan: &Plan, t: &Timeline) -> String {
    use serde_json::json;
    let seasons: Vec<_> = t
        .seasons
        .iter()
        .map(|s| {
            json!({
                "label": s.label,
                "start": s.start.to_string(),
                "read_on": s.on.to_string(),
                "flags": { "nobody": s.flags.nobody, "thin": s.flags.thin, "old": s.flags.old },
            })
        })
        .collect();
    let rows: Vec<_> = t
        .rows
        .iter()
        .map(|r| {
            let cells: Vec<_> = r
                .cells
                .iter()
                .map(|c| {
                    let players: Vec<_> = c
                        .entries
                        .iter()
                        .map(|e| {
                            json!({
                                "id": e.id,
                                "name": e.name,
                                "age": age_json(e.age),
                                "injury": e.injury.as_ref().map(|a| a.to_string()),
                                "last_season": e.last_season,
                                "under_six_months": e.under_six,
                                "contract_unknown": e.contract_unknown,
                                "signing": e.signing,
                                "renewal_assumed": e.renewed,
                            })
                        })
                        .collect();
                    let flags: Vec<String> = c.flags.iter().map(|f| f.to_string()).collect();
                    json!({ "players": players, "fit": c.fit(), "flags": flags })
                })
                .collect();
            json!({ "line": r.line.label(), "position": r.position.label(), "cells": cells })
        })
        .collect();
    let money: Vec<_> = per_window(ds, plan)
        .iter()
        .map(|m| {
            let sum = |s: &crate::domain::Total| {
                json!({
                    "known": s.amount.to_string(),
                    "currency": s.currency.code(),
                    "approximate": s.approximate,
                    "unknown": s.unknown,
                    "text": s.to_string(),
                })
            };
            json!({
                "window": m.window.to_string(),
                "fees_in": sum(&m.fees_in),
                "fees_out": sum(&m.fees_out),
                "net": sum(&m.net),
                "budget": m.budget.map(|b| json!({ "amount": b.amount, "currency": format!("{:?}", b.currency) })),
                "left": m.left().map(|l| l.to_string()),
                "over_budget": m.over_budget(),
            })
        })
        .collect();
    let first = t.seasons.first().map_or(0, |s| {
        use chrono::Datelike;
        s.start.year()
    });
    let amortisation: Vec<_> =
        crate::domain::amortisation::per_season(ds, plan, first, t.seasons.len())
            .iter()
            .map(|s| {
                let charges: Vec<_> = s
                    .charges
                    .iter()
                    .map(|c| match c.amount {
                        Ok(a) => json!({ "id": c.id, "amount": a.to_string() }),
                        Err(why) => json!({ "id": c.id, "amount": null, "unknown": why.text() }),
                    })
                    .collect();
                json!({
                    "season": crate::domain::dates::season_label(crate::domain::dates::season_start(s.season)),
                    "total": s.total.amount.to_string(),
                    "unknown": s.total.unknown,
                    "text": s.total.to_string(),
                    "charges": charges,
                })
            })
            .collect();
    let rates: Vec<_> = plan
        .money
        .rates
        .iter()
        .map(|r| json!({ "currency": r.currency.code(), "value": r.value, "basis": r.basis, "assumed": r.assumed }))
        .collect();
    let doc = json!({
        "currency": plan.money.currency.code(),
        "rates": rates,
        "money": money,
        "amortisation": amortisation,
        "club": ds.club,
        "planning_date": plan.date.to_string(),
        "old_age": t.old_age,
        "seasons": seasons,
        "rows": rows,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
