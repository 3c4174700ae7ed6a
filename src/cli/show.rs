//! `squadboard show`: the depth chart and the targets as text, at a planning date.

use crate::domain::Dataset;
use crate::domain::Position;
use crate::domain::status::{age, availability, contract, is_at_club};
use chrono::NaiveDate;
use std::io::Write;

pub fn run(ds: &Dataset, on: NaiveDate, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{} — planning date {on}", ds.club)?;
    writeln!(out)?;
    writeln!(out, "Depth chart ({})", ds.depth.formation)?;
    // Every position the data has a column for, from the goal outwards; former players are in
    // no column after they left.
    for pos in Position::ALL {
        let col: Vec<_> = ds
            .depth
            .column(pos)
            .iter()
            .filter_map(|id| ds.player(id))
            .filter(|p| is_at_club(p, on))
            .collect();
        for (i, p) in col.iter().enumerate() {
            let label = if i == 0 { pos.label() } else { "" };
            writeln!(
                out,
                "  {label:<4} {}. {:<26} age {:<5} {:<44} {}",
                i + 1,
                p.name,
                age(p, on).to_string(),
                availability(p, on).to_string(),
                contract(p, !ds.is_target(&p.id), on).sentence()
            )?;
        }
    }
    let unplaced: Vec<&str> = ds
        .squad
        .iter()
        .filter(|p| is_at_club(p, on) && !ds.depth.contains(&p.id))
        .map(|p| p.name.as_str())
        .collect();
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
        let rivals = match &l.rivals {
            None => "unknown".to_string(),
            Some(r) if r.is_empty() => "none reported".to_string(),
            Some(r) => r.join(", "),
        };
        writeln!(
            out,
            "  {:<26} {:<18} {:<3} age {:<5} fee {:<8} rivals {:<32} {} report(s), latest {latest}; contract {}",
            p.name,
            p.club,
            p.positions_label(),
            age(p, on).to_string(),
            l.fee.map_or("unknown".to_string(), |f| f.to_string()),
            rivals,
            reports.len(),
            contract(p, false, on)
        )?;
    }
    Ok(())
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
