//! `squadboard show`: the depth chart and the targets as text, at a planning date.

use super::sanitize::pad;
use crate::domain::Dataset;
use crate::domain::report::Link;
use crate::domain::status::Age;
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
    for (pos, col) in columns(ds, on) {
        for (i, p) in col.iter().enumerate() {
            let label = if i == 0 { pos.label() } else { "" };
            writeln!(
                out,
                "  {label:<4} {}. {} age {:<5} {:<44} {}",
                i + 1,
                pad(&p.name, 26),
                age(p, on).to_string(),
                availability(p, on).to_string(),
                contract(p, !ds.is_target(&p.id), on).sentence()
            )?;
        }
    }
    let unplaced = unplaced(ds, on);
    if !unplaced.is_empty() {
        writeln!(out, "  Not in the depth chart: {}", unplaced.join(", "))?;
    }
    writeln!(out)?;
    writeln!(out, "Targets")?;
    for l in &ds.links {
        let Some(p) = ds.player(&l.target) else {
            continue;
        };
        let reports = ds.reports_for(&l.target);
        let latest = reports
            .first()
            .map_or("-".to_string(), |r| r.date.to_string());
        let rivals = rivals(l);
        writeln!(
            out,
            "  {} {} {:<3} age {:<5} fee {:<8} rivals {} {}, latest {latest}; contract {}",
            pad(&p.name, 26),
            pad(&p.club, 18),
            p.positions_label(),
            age(p, on).to_string(),
            l.fee.map_or("unknown".to_string(), |f| f.to_string()),
            pad(&rivals, 32),
            match reports.len() {
                1 => "1 report".to_string(),
                n => format!("{n} reports"),
            },
            contract(p, false, on)
        )?;
    }
    Ok(())
}

/// `show --format json`: the same facts as the text, one JSON document.
#[derive(Serialize)]
struct JsonShow<'a> {
    club: &'a str,
    date: String,
    depth_chart: JsonDepth<'a>,
    targets: Vec<JsonTarget<'a>>,
}

#[derive(Serialize)]
struct JsonDepth<'a> {
    formation: String,
    positions: Vec<JsonColumn<'a>>,
    /// At the club at the date but in no column.
    not_in_depth_chart: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonColumn<'a> {
    position: &'static str,
    /// First choice first.
    players: Vec<JsonPlayer<'a>>,
}

#[derive(Serialize)]
struct JsonPlayer<'a> {
    id: &'a str,
    name: &'a str,
    /// In years at the date; `null` unless known exactly (`age_text` says what is known).
    age: Option<u32>,
    age_text: String,
    availability: String,
    contract: String,
}

#[derive(Serialize)]
struct JsonTarget<'a> {
    id: &'a str,
    name: &'a str,
    club: &'a str,
    positions: String,
    age: Option<u32>,
    age_text: String,
    /// As reported; `null` when unknown.
    fee: Option<String>,
    rivals: String,
    reports: usize,
    latest_report: Option<String>,
    contract: String,
}

fn exact(a: Age) -> Option<u32> {
    match a {
        Age::Exact(n) => Some(n),
        _ => None,
    }
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
                    id: p.id.as_str(),
                    name: &p.name,
                    age: exact(age(p, on)),
                    age_text: age(p, on).to_string(),
                    availability: availability(p, on).to_string(),
                    contract: contract(p, !ds.is_target(&p.id), on).sentence(),
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
                id: p.id.as_str(),
                name: &p.name,
                club: &p.club,
                positions: p.positions_label(),
                age: exact(age(p, on)),
                age_text: age(p, on).to_string(),
                fee: l.fee.map(|f| f.to_string()),
                rivals: rivals(l),
                reports: reports.len(),
                latest_report: reports.first().map(|r| r.date.to_string()),
                contract: contract(p, false, on).to_string(),
            }
        })
        .collect();
    let doc = JsonShow {
        club: &ds.club,
        date: on.to_string(),
        depth_chart: JsonDepth {
            formation: ds.depth.formation.to_string(),
            positions,
            not_in_depth_chart: unplaced(ds, on),
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
