//! What scenario B changes against scenario A season by season: who is in B's squad but not A's
//! (and the other way round) in each season, and the net spend of each window in both.

use super::budget::per_window;
use super::dataset::Dataset;
use super::ids::PlayerId;
use super::plan::Plan;
use super::timeline::{Timeline, TimelineSettings, build, first_season};
use std::collections::BTreeSet;

/// Everyone a timeline has in one season, in any position.
fn squad(t: &Timeline, season: usize) -> BTreeSet<PlayerId> {
    t.rows
        .iter()
        .filter_map(|r| r.cells.get(season))
        .flat_map(|c| c.entries.iter().map(|e| e.id.clone()))
        .collect()
}

/// One line per season that differs ("2027/28: B adds Konaté; B loses Rüdiger"), then the net
/// spend per window where the two differ. Both read from the earlier planning date's season.
pub fn season_lines(ds: &Dataset, a: &Plan, b: &Plan, seasons: usize) -> Vec<String> {
    let first = first_season(a.date.min(b.date));
    let settings = TimelineSettings::default();
    let (ta, tb) = (
        build(ds, a, first, seasons, settings),
        build(ds, b, first, seasons, settings),
    );
    let told_apart = super::scenario::Names::of(ds, &[a, b], []);
    let names = |ids: Vec<&PlayerId>| {
        ids.into_iter()
            .map(|id| told_apart.get(id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    for (i, season) in tb.seasons.iter().enumerate() {
        // The two may start in different seasons when their planning dates differ.
        let Some(ia) = ta.seasons.iter().position(|s| s.start == season.start) else {
            continue;
        };
        let (sa, sb) = (squad(&ta, ia), squad(&tb, i));
        let added: Vec<&PlayerId> = sb.difference(&sa).collect();
        let lost: Vec<&PlayerId> = sa.difference(&sb).collect();
        let mut parts = Vec::new();
        if !added.is_empty() {
            parts.push(format!("B adds {}", names(added)));
        }
        if !lost.is_empty() {
            parts.push(format!("B loses {}", names(lost)));
        }
        if !parts.is_empty() {
            out.push(format!("{}: {}", season.label, parts.join("; ")));
        }
    }
    let (ma, mb) = (per_window(ds, a), per_window(ds, b));
    let mut windows: Vec<_> = ma.iter().chain(&mb).map(|m| m.window).collect();
    windows.sort();
    windows.dedup();
    for w in windows {
        let net = |ms: &[super::budget::WindowMoney]| {
            ms.iter()
                .find(|m| m.window == w)
                .map_or("none".to_string(), |m| m.net.to_string())
        };
        let (na, nb) = (net(&ma), net(&mb));
        if na != nb {
            out.push(format!(
                "net spend {}: A {na}, B {nb}",
                super::budget::window_label(w)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::{Currency, Fee};
    use crate::domain::plan::{DepartureKind, Signing};
    use crate::domain::position::Position;
    use crate::store;
    use chrono::NaiveDate;

    #[test]
    fn a_signing_and_a_sale_show_in_every_season_they_change() {
        let ds = store::load(None).expect("bundled");
        let a = Plan::new(&ds, NaiveDate::from_ymd_opt(2026, 7, 1).expect("date"));
        assert!(season_lines(&ds, &a, &a, 3).is_empty());
        let mut b = a.clone();
        let konate = PlayerId::new("konate");
        b.depth.insert(Position::CB, 0, konate.clone());
        b.signings.push(Signing {
            window: crate::domain::Window::summer(2026),
            contract_years: None,
            loan: false,
            id: konate,
            assumed_fee: Some(Fee {
                amount: 30_000_000,
                currency: Currency::GBP,
                approximate: false,
            }),
        });
        b.depart(&ds, &PlayerId::new("huijsen"), DepartureKind::Sold)
            .expect("depart");
        let lines = season_lines(&ds, &a, &b, 2);
        assert_eq!(
            lines,
            [
                "2026/27: B adds Konaté; B loses Huijsen",
                "2027/28: B adds Konaté; B loses Huijsen",
                "net spend summer 2026 (2026/27): A none, B €34.8m + 1 unknown",
            ]
        );
    }
}
