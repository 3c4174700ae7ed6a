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
