//! The data folder: `squad.ron`, `targets.ron`, `depth.ron`. The bundled Real Madrid folder is
//! compiled into the binary, so the board runs with no files around.

use super::ron_file::{StoreError, parse_ron};
use super::sources::Sources;
use crate::domain::{Currency, DataFile, Dataset, DepthChart, Link, Player, Report};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename = "Squad", deny_unknown_fields)]
pub struct SquadFile {
    pub club: String,
    #[serde(default)]
    pub coach: Option<String>,
    /// The currency the club accounts in; EUR when not named.
    #[serde(default)]
    pub currency: Option<Currency>,
    pub players: Vec<Player>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename = "Targets", deny_unknown_fields)]
pub struct TargetsFile {
    #[serde(default)]
    pub reports: Vec<Report>,
    #[serde(default)]
    pub players: Vec<Player>,
    #[serde(default)]
    pub links: Vec<Link>,
}

impl Sources {
    /// Parses every file; all parse errors are reported at once.
    pub fn parse(&self) -> Result<Dataset, Vec<StoreError>> {
        let squad =
            parse_ron::<SquadFile>(&self.shown(DataFile::Squad), self.text(DataFile::Squad));
        let targets =
            parse_ron::<TargetsFile>(&self.shown(DataFile::Targets), self.text(DataFile::Targets));
        let depth =
            parse_ron::<DepthChart>(&self.shown(DataFile::Depth), self.text(DataFile::Depth));
        match (squad, targets, depth) {
            (Ok(s), Ok(t), Ok(d)) => {
                let currency = s.currency.unwrap_or_default();
                let mut ds =
                    Dataset::new(s.club, s.coach, s.players, t.players, t.reports, t.links, d);
                ds.currency = currency;
                Ok(ds)
            }
            (s, t, d) => Err([s.err(), t.err(), d.err()].into_iter().flatten().collect()),
        }
    }
}

/// Loads a data folder (or the bundled data with `None`): parsed, and refused when the
/// cross-checks find errors (every one is returned, placed as `check` places them).
pub fn load(dir: Option<&Path>) -> Result<Dataset, Vec<StoreError>> {
    let sources = match dir {
        Some(d) => Sources::read(d)?,
        None => Sources::bundled(),
    };
    sources.load()
}

impl Sources {
    /// Parses and cross-checks; errors are `StoreError::Invalid` lines with their place.
    pub fn load(&self) -> Result<Dataset, Vec<StoreError>> {
        let ds = self.parse()?;
        let report = super::check::check_parsed(self, &ds);
        if report.errors.is_empty() {
            Ok(ds)
        } else {
            Err(report
                .errors
                .into_iter()
                .map(|e| StoreError::Invalid {
                    file: String::new(),
                    message: e,
                })
                .collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_data_loads() {
        let ds = load(None).expect("bundled data parses");
        assert_eq!(ds.club, "Real Madrid");
        assert_eq!(ds.squad.len(), 27);
        assert_eq!(ds.targets.len(), 5);
        assert_eq!(ds.links.len(), 5);
    }
}
