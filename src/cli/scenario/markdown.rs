//! `scenario export --format markdown`: the summary as a Markdown document with the XI as a table.

use super::view::View;
use std::fmt::Write as _;

impl View<'_> {
    pub(super) fn markdown(&self) -> String {
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
}
