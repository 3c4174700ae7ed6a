//! A scenario: a named, dated [`Plan`] the user saves, reopens and compares. Pure: the file
//! format and its versions live in `store::scenario`.

use super::dataset::Dataset;
use super::ids::PlayerId;
use super::plan::Plan;
use super::position::Position;
use super::warnings::assess;
use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The scenario file format this build writes. Older versions are migrated on load; newer ones
/// are refused (see `store::scenario`).
pub const FORMAT_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// The format the scenario was read in; [`FORMAT_VERSION`] once loaded (migration upgrades
    /// it) and always what a save writes.
    pub format_version: u32,
    pub name: String,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    pub plan: Plan,
}

/// One slot of the XI as a scenario file writes it out for the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pick {
    /// The slot's key in the formation ("RCB").
    pub slot: String,
    #[serde(default)]
    pub player: Option<PlayerId>,
}

/// A slot where the XI written in a file is not the XI its depth chart gives. The depth chart
/// wins: the XI is only ever derived from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XiDifference {
    pub slot: String,
    pub in_file: Option<PlayerId>,
    pub from_depth: Option<PlayerId>,
}

impl fmt::Display for XiDifference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show =
            |p: &Option<PlayerId>| p.as_ref().map_or("nobody".to_string(), |p| p.to_string());
        write!(
            f,
            "xi {}: the file says {}, the depth chart gives {} (the depth chart wins)",
            self.slot,
            show(&self.in_file),
            show(&self.from_depth)
        )
    }
}

/// Where in a plan a player the data no longer has was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DroppedFrom {
    Depth(Position),
    Signing,
    Departure,
    Assumption,
}

/// A reference a plan loses on load because the data does not know the player.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    pub id: PlayerId,
    pub from: DroppedFrom,
}

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = &self.id;
        match self.from {
            DroppedFrom::Depth(pos) => {
                write!(f, "unknown player `{id}` dropped from the {pos} column")
            }
            DroppedFrom::Signing => write!(f, "unknown player `{id}` dropped from the signings"),
            DroppedFrom::Departure => {
                write!(f, "unknown player `{id}` dropped from the departures")
            }
            DroppedFrom::Assumption => {
                write!(f, "unknown player `{id}` dropped from the assumptions")
            }
        }
    }
}

impl Scenario {
    /// A new scenario created `now` (kept to whole seconds, so the file reads cleanly).
    pub fn new(name: impl Into<String>, plan: Plan, now: DateTime<Utc>) -> Scenario {
        let now = now.trunc_subsecs(0);
        Scenario {
            format_version: FORMAT_VERSION,
            name: name.into(),
            created: now,
            modified: now,
            plan,
        }
    }

    /// Marks the scenario as modified `now`; the board calls this before saving.
    pub fn touch(&mut self, now: DateTime<Utc>) {
        self.modified = now.trunc_subsecs(0);
    }

    /// The XI by slot, in formation order, as the file writes it out.
    pub fn xi_by_slot(&self) -> Vec<Pick> {
        xi_by_slot(&self.plan)
    }

    /// One line for lists: "4-3-3 · 1 July 2026 · +Konaté −Rüdiger · ~£35m".
    pub fn summary(&self, ds: &Dataset) -> String {
        summary(ds, &self.plan)
    }
}

pub fn xi_by_slot(plan: &Plan) -> Vec<Pick> {
    plan.formation()
        .slots()
        .iter()
        .zip(plan.xi())
        .map(|(slot, player)| Pick {
            slot: slot.key.to_string(),
            player,
        })
        .collect()
}

/// Where a file's written-out XI disagrees with the XI its depth chart gives. An empty `in_file`
/// (a hand-written file without `xi`) disagrees with nothing.
pub fn xi_differences(plan: &Plan, in_file: &[Pick]) -> Vec<XiDifference> {
    if in_file.is_empty() {
        return Vec::new();
    }
    let derived = xi_by_slot(plan);
    let mut out = Vec::new();
    for d in &derived {
        let written = in_file.iter().find(|p| p.slot == d.slot);
        let in_file = written.and_then(|p| p.player.clone());
        if in_file != d.player {
            out.push(XiDifference {
                slot: d.slot.clone(),
                in_file,
                from_depth: d.player.clone(),
            });
        }
    }
    // Slots the formation does not have (the file's formation was changed by hand).
    for p in in_file {
        if !derived.iter().any(|d| d.slot == p.slot) && p.player.is_some() {
            out.push(XiDifference {
                slot: p.slot.clone(),
                in_file: p.player.clone(),
                from_depth: None,
            });
        }
    }
    out
}

/// Takes every player the data does not know out of the plan, and says where each was.
pub fn drop_unknown(plan: &mut Plan, ds: &Dataset) -> Vec<Dropped> {
    let known = |id: &PlayerId| ds.player(id).is_some();
    let mut out = Vec::new();
    let mut emptied = Vec::new();
    for (pos, col) in plan.depth.columns.iter_mut() {
        let before = col.len();
        col.retain(|id| {
            let keep = known(id);
            if !keep {
                out.push(Dropped {
                    id: id.clone(),
                    from: DroppedFrom::Depth(*pos),
                });
            }
            keep
        });
        if col.is_empty() && before > 0 {
            emptied.push(*pos);
        }
    }
    // A column left empty by the drop goes, as the board's own edits do; one the file wrote
    // empty stays as written.
    for pos in emptied {
        plan.depth.columns.remove(&pos);
    }
    plan.signings.retain(|s| {
        let keep = known(&s.id);
        if !keep {
            out.push(Dropped {
                id: s.id.clone(),
                from: DroppedFrom::Signing,
            });
        }
        keep
    });
    plan.departures.retain(|d| {
        let keep = known(&d.id);
        if !keep {
            out.push(Dropped {
                id: d.id.clone(),
                from: DroppedFrom::Departure,
            });
        }
        keep
    });
    plan.assumptions.retain(|a| {
        let keep = known(a.player());
        if !keep {
            out.push(Dropped {
                id: a.player().clone(),
                from: DroppedFrom::Assumption,
            });
        }
        keep
    });
    out
}

/// A player's short name, or his id when the data does not know him.
pub fn short_name(ds: &Dataset, id: &PlayerId) -> String {
    ds.player(id)
        .map_or_else(|| id.to_string(), |p| p.short_name().to_string())
}

/// "1 July 2026".
pub fn long_date(d: chrono::NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// At most this many moves are named in a summary; the rest are counted.
const SUMMARY_MOVES: usize = 6;

pub fn summary(ds: &Dataset, plan: &Plan) -> String {
    let mut moves: Vec<String> = plan
        .signings
        .iter()
        .map(|s| format!("+{}", short_name(ds, &s.id)))
        .chain(
            plan.departures
                .iter()
                .map(|d| format!("−{}", short_name(ds, &d.id))),
        )
        .collect();
    if moves.len() > SUMMARY_MOVES {
        let more = moves.len() - SUMMARY_MOVES;
        moves.truncate(SUMMARY_MOVES);
        moves.push(format!("and {more} more"));
    }
    let mut parts = vec![plan.formation().to_string(), long_date(plan.date)];
    if moves.is_empty() {
        parts.push("no moves".into());
    } else {
        parts.push(moves.join(" "));
    }
    if !plan.signings.is_empty() {
        parts.push(assess(ds, plan).fees.to_string());
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::formation::Formation;
    use crate::domain::plan::{Assumption, DepartureKind, Origin, Place, Signing};
    use crate::store;
    use chrono::{NaiveDate, TimeZone};

    fn ds() -> Dataset {
        store::load(None).expect("bundled")
    }

    fn id(s: &str) -> PlayerId {
        PlayerId::new(s)
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn slot(key: &str) -> usize {
        Formation::F433
            .slots()
            .iter()
            .position(|s| s.key == key)
            .expect("slot")
    }

    fn konate_for_rudiger(ds: &Dataset) -> Plan {
        let mut p = Plan::new(ds, d(2026, 7, 1));
        p.drop_player(ds, &id("konate"), Origin::List, Place::Slot(slot("RCB")))
            .expect("drop");
        p.depart(ds, &id("rudiger"), DepartureKind::ContractNotRenewed)
            .expect("depart");
        p
    }

    #[test]
    fn summary_reads_like_the_board() {
        let ds = ds();
        let p = konate_for_rudiger(&ds);
        assert_eq!(
            summary(&ds, &p),
            "4-3-3 · 1 July 2026 · +Konaté −Rüdiger · ~£35m"
        );
        let untouched = Plan::new(&ds, d(2026, 7, 1));
        assert_eq!(summary(&ds, &untouched), "4-3-3 · 1 July 2026 · no moves");
        // A signing with no reported fee and none assumed is counted as unknown.
        let mut q = untouched.clone();
        q.signings.push(Signing {
            id: id("rivero"),
            assumed_fee: None,
        });
        assert_eq!(
            summary(&ds, &q),
            "4-3-3 · 1 July 2026 · +Rivero · 1 unknown"
        );
    }

    #[test]
    fn long_summaries_count_the_rest() {
        let ds = ds();
        let mut p = Plan::new(&ds, d(2026, 7, 1));
        for who in [
            "rudiger", "militao", "asencio", "alaba", "carvajal", "carreras", "huijsen",
        ] {
            p.depart(&ds, &id(who), DepartureKind::Sold)
                .expect("depart");
        }
        let s = summary(&ds, &p);
        assert!(s.ends_with("−Carvajal −Carreras and 1 more"), "{s}");
    }

    #[test]
    fn new_scenarios_keep_whole_seconds() {
        let ds = ds();
        let t = Utc
            .with_ymd_and_hms(2026, 1, 10, 9, 30, 0)
            .single()
            .expect("time")
            + chrono::Duration::milliseconds(750);
        let mut s = Scenario::new("x", Plan::new(&ds, d(2026, 7, 1)), t);
        assert_eq!(s.format_version, FORMAT_VERSION);
        assert_eq!(s.created.timestamp_subsec_nanos(), 0);
        assert_eq!(s.created, s.modified);
        s.touch(t + chrono::Duration::seconds(5));
        assert_eq!(s.modified - s.created, chrono::Duration::seconds(5));
    }

    #[test]
    fn the_depth_chart_wins_over_a_hand_edited_xi() {
        let ds = ds();
        let p = konate_for_rudiger(&ds);
        let mut written = xi_by_slot(&p);
        assert!(xi_differences(&p, &written).is_empty());
        assert!(xi_differences(&p, &[]).is_empty());
        let rcb = slot("RCB");
        assert_eq!(written[rcb].player, Some(id("konate")));
        written[rcb].player = Some(id("militao"));
        written.push(Pick {
            slot: "RM".into(),
            player: Some(id("valverde")),
        });
        let diffs = xi_differences(&p, &written);
        assert_eq!(
            diffs,
            vec![
                XiDifference {
                    slot: "RCB".into(),
                    in_file: Some(id("militao")),
                    from_depth: Some(id("konate")),
                },
                XiDifference {
                    slot: "RM".into(),
                    in_file: Some(id("valverde")),
                    from_depth: None,
                },
            ]
        );
        assert_eq!(
            diffs[0].to_string(),
            "xi RCB: the file says militao, the depth chart gives konate (the depth chart wins)"
        );
    }

    #[test]
    fn unknown_players_are_dropped_everywhere_and_listed() {
        let ds = ds();
        let mut p = konate_for_rudiger(&ds);
        p.depth.insert(Position::CB, 0, id("ghost"));
        p.depth.insert(Position::LB, 5, id("ghost"));
        p.signings.push(Signing {
            id: id("nobody"),
            assumed_fee: None,
        });
        p.departures.push(crate::domain::plan::Departure {
            id: id("gone"),
            kind: DepartureKind::Sold,
            fee: None,
        });
        p.assume(Assumption::Renews {
            id: id("gone"),
            until: d(2027, 6, 30),
        });
        let dropped = drop_unknown(&mut p, &ds);
        let texts: Vec<String> = dropped.iter().map(|x| x.to_string()).collect();
        assert_eq!(
            texts,
            [
                "unknown player `ghost` dropped from the CB column",
                "unknown player `ghost` dropped from the LB column",
                "unknown player `nobody` dropped from the signings",
                "unknown player `gone` dropped from the departures",
                "unknown player `gone` dropped from the assumptions",
            ]
        );
        // What is left is the plan without them.
        assert_eq!(p, konate_for_rudiger(&ds));
        assert!(drop_unknown(&mut p, &ds).is_empty());
    }
}
