//! `scenario export --format json`: the scenario, its XI and its warnings as one JSON object.

use super::view::{Row, View};
use crate::domain::plan::Plan;
use serde::Serialize;

impl View<'_> {
    pub(super) fn json(&self) -> Result<String, String> {
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
}
