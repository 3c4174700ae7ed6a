//! Press reports and the links they make between the club and a target.

use super::ids::{PlayerId, ReportId};
use super::money::Fee;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A press report: who said it, through whom, when, and what it claimed (in our own words).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub id: ReportId,
    pub outlet: String,
    #[serde(default)]
    pub via: Option<String>,
    pub date: NaiveDate,
    pub claim: String,
    /// The source file the report was read from.
    #[serde(default)]
    pub seed: Option<String>,
}

impl Report {
    /// "The Sun via GOAL".
    pub fn byline(&self) -> String {
        match &self.via {
            Some(v) => format!("{} via {}", self.outlet, v),
            None => self.outlet.clone(),
        }
    }
}

/// A target linked to the club by one or more reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub target: PlayerId,
    pub reports: Vec<ReportId>,
    #[serde(default)]
    pub fee: Option<Fee>,
    /// Other clubs after him: `None` when the reports do not say, `Some([])` when they say
    /// nobody else is in the running.
    #[serde(default)]
    pub rivals: Option<Vec<String>>,
    /// The window the club is said to plan for ("summer 2026").
    #[serde(default)]
    pub window: Option<String>,
}
