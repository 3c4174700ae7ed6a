//! `squadboard show`: the depth chart and the targets as text, at a planning date.

use crate::domain::Dataset;
use crate::domain::status::{age, availability, contract_status};
use chrono::NaiveDate;
use std::io::Write;

pub fn run(ds: &Dataset, on: NaiveDate, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{} — planning date {on}", ds.club)?;
    writeln!(out)?;
    writeln!(out, "Depth chart ({})", ds.depth.formation)?;
    for pos in ds.depth.formation.back_line() {
        let col = ds.depth.column(pos);
        if col.is_empty() {
            continue;
        }
        for (i, id) in col.iter().enumerate() {
            let label = if i == 0 { pos.label() } else { "" };
            let Some(p) = ds.player(id) else { continue };
            writeln!(
                out,
                "  {label:<4} {}. {:<26} age {:<5} {:<32} contract {}",
                i + 1,
                p.name,
                age(p, on).to_string(),
                availability(p, on).to_string(),
                contract_status(p.contract_until, on)
            )?;
        }
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
            contract_status(p.contract_until, on)
        )?;
    }
    Ok(())
}
