//! `scenario show`: the plain-text summary of a scenario, for a terminal.

use super::view::View;
use std::fmt::Write as _;

impl View<'_> {
    pub(super) fn text(&self) -> String {
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
}
