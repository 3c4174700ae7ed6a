//! `squadboard show`: the depth chart and the targets as text, at a planning date.

use super::sanitize::pad;
use super::typed::{self, JsonAvailability, JsonContract, Money, Person};
use crate::domain::Dataset;
use crate::domain::report::Link;
use crate::domain::status::{age, availability, contract, is_at_club};
use crate::domain::{Player, Position};
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;

/// Every position the data has a column for, from the goal outwards, with the players in it at
/// `on`: former players are in no column after they left.
fn columns(ds: &Dataset, on: NaiveDate) -> Vec<(Position, Vec<&Player>)> {
    Position::ALL
        .into_iter()
        .map(|pos| {
            let col = ds
                .depth
                .column(pos)
                .iter()
                .filter_map(|id| ds.player(id))
                .filter(|p| is_at_club(p, on))
                .collect();
            (pos, col)
        })
        .collect()
}

/// The players at the club at `on` who are in no column.
fn unplaced(ds: &Dataset, on: NaiveDate) -> Vec<&str> {
    ds.squad
        .iter()
        .filter(|p| is_at_club(p, on) && !ds.depth.contains(&p.id))
        .map(|p| p.name.as_str())
        .collect()
}

fn rivals(l: &Link) -> String {
    match &l.rivals {
        None => "unknown".to_string(),
        Some(r) if r.is_empty() => "none reported".to_string(),
        Some(r) => r.join(", "),
    }
}

pub fn run(ds: &Dataset, on: NaiveDate, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{} — planning date {on}", ds.club)?;
    writeln!(out)?;
    writeln!(out, "Depth chart ({})", ds.depth.formation)?;
    let columns = columns(ds, on);
    let rows: Vec<(&str, &Player, String)> = columns
        .iter()
        .flat_map(|(pos, col)| {
            col.iter()
                .map(move |p| (pos.label(), *p, availability(p, on).to_string()))
        })
        .collect();
    // Each column as wide as its longest entry and a space, so no two run into each other.
    let name_w = room(rows.iter().map(|(_, p, _)| p.name.as_str()), 26);
    let avail_w = room(rows.iter().map(|(_, _, a)| a.as_str()), 44);
    let mut last = "";
    let mut i = 0;
    for (label, p, avail) in &rows {
        i = if *label == last { i + 1 } else { 1 };
        let shown = if i == 1 { *label } else { "" };
        last = label;
        writeln!(
            out,
            "  {shown:<4} {i}. {} age {:<5} {} {}",
            pad(&p.name, name_w),
            age(p, on).to_string(),
            pad(avail, avail_w),
            contract(p, !ds.is_target(&p.id), on).sentence()
        )?;
    }
    let unplaced = unplaced(ds, on);
    if !unplaced.is_empty() {
        writeln!(out, "  Not in the depth chart: {}", unplaced.join(", "))?;
    }
    writeln!(out)?;
    writeln!(out, "Targets")?;
    let targets: Vec<(&Link, &Player, String)> = ds
        .links
        .iter()
        .filter_map(|l| Some((l, ds.player(&l.target)?, rivals(l))))
        .collect();
    let name_w = room(targets.iter().map(|(_, p, _)| p.name.as_str()), 26);
    let club_w = room(targets.iter().map(|(_, p, _)| p.club.as_str()), 18);
    let rivals_w = room(targets.iter().map(|(_, _, r)| r.as_str()), 32);
    for (l, p, rivals) in &targets {
        let reports = ds.reports_for(&l.target);
        let latest = reports
            .first()
            .map_or("-".to_string(), |r| r.date.to_string());
        writeln!(
            out,
            "  {} {} {:<3} age {:<5} fee {:<8} rivals {} {}, latest {latest}; contract {}",
            pad(&p.name, name_w),
            pad(&p.club, club_w),
            p.positions_label(),
            age(p, on).to_string(),
            l.fee.map_or("unknown".to_string(), |f| f.to_string()),
            pad(rivals, rivals_w),
            match reports.len() {
                1 => "1 report".to_string(),
                n => format!("{n} reports"),
            },
            contract(p, false, on)
        )?;
    }
    Ok(())
}

/// How wide a column is padded: `least`, or its longest entry and a space.
fn room<'a>(entries: impl Iterator<Item = &'a str>, least: usize) -> usize {
    entries
        .map(|e| super::sanitize::width(e) + 1)
        .fold(least, usize::max)
}

/// `show --format json`: the same facts as the text, typed ([`super::typed`]).
#[derive(Serialize)]
struct JsonShow<'a> {
    json_version: u32,
    club: &'a str,
    date: NaiveDate,
    depth_chart: JsonDepth<'a>,
    targets: Vec<JsonTarget<'a>>,
}

#[derive(Serialize)]
struct JsonDepth<'a> {
    formation: String,
    positions: Vec<JsonColumn<'a>>,
    /// At the club at the date but in no column.
    not_in_depth_chart: Vec<JsonName<'a>>,
}

#[derive(Serialize)]
struct JsonName<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct JsonColumn<'a> {
    position: &'static str,
    /// First choice first.
    players: Vec<JsonPlayer<'a>>,
}

#[derive(Serialize)]
struct JsonPlayer<'a> {
    #[serde(flatten)]
    person: Person<'a>,
    /// At the date, as the club sees his contract (`contract_until` is its last day).
    contract: JsonContract,
    availability: JsonAvailability,
}

#[derive(Serialize)]
struct JsonTarget<'a> {
    #[serde(flatten)]
    person: Person<'a>,
    contract: JsonContract,
    /// As reported; `null` when unknown.
    fee: Option<Money>,
    /// Other clubs after him: `null` when the reports do not say, `[]` when nobody else is.
    rivals: Option<&'a [String]>,
    /// The window the club is said to plan for, as the report words it.
    window: Option<&'a str>,
    reports: usize,
    latest_report: Option<NaiveDate>,
}

/// `show --format json`.
pub fn json(ds: &Dataset, on: NaiveDate, out: &mut dyn Write) -> std::io::Result<()> {
    let positions = columns(ds, on)
        .into_iter()
        .filter(|(_, col)| !col.is_empty())
        .map(|(pos, col)| JsonColumn {
            position: pos.label(),
            players: col
                .into_iter()
                .map(|p| JsonPlayer {
                    person: Person::of(p, on),
                    contract: contract(p, !ds.is_target(&p.id), on).into(),
                    availability: (&availability(p, on)).into(),
                })
                .collect(),
        })
        .collect();
    let targets = ds
        .links
        .iter()
        .filter_map(|l| ds.player(&l.target).map(|p| (l, p)))
        .map(|(l, p)| {
            let reports = ds.reports_for(&l.target);
            JsonTarget {
                person: Person::of(p, on),
                contract: contract(p, false, on).into(),
                fee: l.fee.map(Money::fee),
                rivals: l.rivals.as_deref(),
                window: l.window.as_deref(),
                reports: reports.len(),
                latest_report: reports.first().map(|r| r.date),
            }
        })
        .collect();
    let unplaced = ds
        .squad
        .iter()
        .filter(|p| is_at_club(p, on) && !ds.depth.contains(&p.id))
        .map(|p| JsonName {
            id: p.id.as_str(),
            name: &p.name,
        })
        .collect();
    let doc = JsonShow {
        json_version: typed::JSON_VERSION,
        club: &ds.club,
        date: on,
        depth_chart: JsonDepth {
            formation: ds.depth.formation.to_string(),
            positions,
            not_in_depth_chart: unplaced,
        },
        targets,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(on: &str) -> String {
        let ds = crate::store::load(None).expect("bundled");
        let on = NaiveDate::parse_from_str(on, "%Y-%m-%d").expect("date");
        let mut out = Vec::new();
        run(&ds, on, &mut out).expect("write");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn every_position_at_the_date_with_the_facts_as_they_stand() {
        let t = shown("2026-07-01");
        for pos in ["GK", "RB", "CB", "LB", "DM", "CM", "AM", "RW", "LW", "ST"] {
            assert!(t.contains(&format!("\n  {pos:<4} 1. ")), "no {pos} in\n{t}");
        }
        let line = |who: &str| {
            t.lines()
                .find(|l| l.contains(who))
                .unwrap_or_else(|| panic!("{who} not in\n{t}"))
                .to_string()
        };
        assert!(line("Dean Huijsen").ends_with("contract until 2030-06-30 (4 years left)"));
        assert!(
            line("Antonio Rüdiger")
                .ends_with("out of contract since 2026-06-30 — stays only if renewed")
        );
        assert!(line("Endrick").ends_with("contract 2030? (reported, not announced)"));
        assert!(line("Thibaut Courtois").ends_with("contract unknown"));
        assert!(line("Ibrahima Konaté").ends_with("contract ended 2026-06-30 (free agent)"));
        // Lucas Vázquez left on 2025-07-16: in no list after it.
        assert!(!t.contains("Vázquez"), "{t}");
        assert!(!t.contains("Not in the depth chart"), "{t}");
    }

    #[test]
    fn injuries_and_the_loan_at_their_dates() {
        let t = shown("2026-03-01");
        let line = |who: &str| {
            t.lines()
                .find(|l| l.contains(who))
                .unwrap_or_else(|| panic!("{who} not in\n{t}"))
                .to_string()
        };
        assert!(line("Endrick").contains("away: on loan at Lyon until 2026-06-30"));
        assert!(
            line("Éder Militão").contains("injured (torn hamstring), expected back by April 2026")
        );
        assert!(line("Dani Carvajal").contains(" available "));
        let t = shown("2025-05-12");
        assert!(t.contains("injured (ACL), back 2025-07-09"), "{t}");
        assert!(t.contains("David Alaba"), "{t}");
    }
}
