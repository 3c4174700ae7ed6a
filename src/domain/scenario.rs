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
pub const FORMAT_VERSION: u32 = 4;

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

/// Where in a plan a player the data cannot resolve is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedIn {
    Depth(Position),
    Signing,
    Departure,
    Assumption,
}

impl fmt::Display for NamedIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NamedIn::Depth(pos) => write!(f, "the {pos} column"),
            NamedIn::Signing => f.write_str("the signings"),
            NamedIn::Departure => f.write_str("the departures"),
            NamedIn::Assumption => f.write_str("the assumptions"),
        }
    }
}

/// A reference the loaded data cannot resolve (a pool player opened without his pool, a player
/// the data no longer has). Never dropped: the plan keeps him as written, the board shows him as
/// [`unresolved_label`], and saving writes him back unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub id: PlayerId,
    pub named_in: NamedIn,
}

impl fmt::Display for Unresolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} — not in the loaded data; open with --pool FILE (named in {})",
            unresolved_label(&self.id),
            self.named_in
        )
    }
}

/// One notice for every reference the data cannot resolve, the way to load them said once:
/// each player once, by the name the plan kept for him (else "? id"), with where it names him.
pub fn unresolved_notice(unresolved: &[Unresolved], plan: &Plan) -> Option<String> {
    let mut players: Vec<(&PlayerId, Vec<String>)> = Vec::new();
    for u in unresolved {
        let place = u.named_in.to_string();
        match players.iter_mut().find(|(id, _)| **id == u.id) {
            Some((_, places)) if !places.contains(&place) => places.push(place),
            Some(_) => {}
            None => players.push((&u.id, vec![place])),
        }
    }
    if players.is_empty() {
        return None;
    }
    let listed: Vec<String> = players
        .into_iter()
        .map(|(id, places)| {
            let who = plan
                .pool_names
                .get(id)
                .map_or_else(|| unresolved_label(id), |n| format!("{n} ({id})"));
            format!("{who} in {}", places.join(", "))
        })
        .collect();
    Some(format!(
        "not in the loaded data, kept as written (open with --pool FILE): {}",
        listed.join("; ")
    ))
}

/// How a player the data cannot resolve is shown wherever he stands: "? tm-109986".
pub fn unresolved_label(id: &PlayerId) -> String {
    format!("? {id}")
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
        .zip(plan.depth_xi())
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

/// Every reference in the plan the data cannot resolve, where it stands. The plan is left as it
/// is: nothing is ever dropped.
pub fn unresolved(plan: &Plan, ds: &Dataset) -> Vec<Unresolved> {
    let unknown = |id: &PlayerId| ds.player(id).is_none();
    let mut out = Vec::new();
    let mut note = |id: &PlayerId, named_in| {
        if unknown(id) {
            out.push(Unresolved {
                id: id.clone(),
                named_in,
            });
        }
    };
    for (pos, col) in &plan.depth.columns {
        col.iter().for_each(|id| note(id, NamedIn::Depth(*pos)));
    }
    plan.signings
        .iter()
        .for_each(|s| note(&s.id, NamedIn::Signing));
    plan.departures
        .iter()
        .for_each(|d| note(&d.id, NamedIn::Departure));
    plan.assumptions
        .iter()
        .for_each(|a| note(a.player(), NamedIn::Assumption));
    out
}

/// A player's short name, or "? id" when the data does not know him. Where namesakes may meet,
/// [`Names`] tells them apart.
pub fn short_name(ds: &Dataset, id: &PlayerId) -> String {
    ds.player(id)
        .map_or_else(|| unresolved_label(id), |p| p.short_name().to_string())
}

/// The short names every text about a plan uses: everyone the plans name (their depth charts,
/// signings, departures and assumptions), the club's squad and the ids in `also` (a player
/// being dragged in), namesakes among them told apart ("A. Sørensen", "B. Sørensen") as the
/// depth chart and the pitch tell them apart.
pub struct Names(std::collections::HashMap<PlayerId, String>);

impl Names {
    pub fn of<'a>(
        ds: &'a Dataset,
        plans: &[&'a Plan],
        also: impl IntoIterator<Item = &'a PlayerId>,
    ) -> Names {
        use super::player::{Player, distinct_short_names};
        let named = plans.iter().flat_map(|plan| plan.named());
        let squad = ds.squad.iter().map(|p| &p.id);
        // A pool player the data cannot resolve is named by the name the plan kept for him.
        let mut missing: Vec<Player> = Vec::new();
        let mut players: Vec<&Player> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for id in named.chain(squad).chain(also) {
            if !seen.insert(id) {
                continue;
            }
            match ds.player(id) {
                Some(p) => players.push(p),
                None => {
                    if let Some(name) = plans.iter().find_map(|p| p.pool_names.get(id)) {
                        missing.push(Player::new(id.as_str(), name, "", None));
                    }
                }
            }
        }
        let known = players.len();
        players.extend(missing.iter());
        let names = distinct_short_names(&players);
        Names(
            players
                .iter()
                .zip(names)
                .enumerate()
                .map(|(k, (p, n))| {
                    let n = if k < known {
                        n
                    } else {
                        format!("{n} (pool player, not loaded)")
                    };
                    (p.id.clone(), n)
                })
                .collect(),
        )
    }

    /// His name among the others, if the data knows him.
    pub fn find(&self, id: &PlayerId) -> Option<&str> {
        self.0.get(id).map(String::as_str)
    }

    /// His name among the others, else "? id" for a player the data does not know.
    pub fn get(&self, id: &PlayerId) -> String {
        self.0
            .get(id)
            .cloned()
            .unwrap_or_else(|| unresolved_label(id))
    }
}

/// "1 July 2026".
pub fn long_date(d: chrono::NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// At most this many moves are named in a summary; the rest are counted.
const SUMMARY_MOVES: usize = 6;

pub fn summary(ds: &Dataset, plan: &Plan) -> String {
    let names = Names::of(ds, &[plan], []);
    let mut windows: Vec<super::window::Window> = plan
        .signings
        .iter()
        .map(|s| s.window)
        .chain(plan.departures.iter().map(|d| d.window))
        .collect();
    windows.sort();
    windows.dedup();
    // Moves in more than one window are named window by window: "summer 2026: +Rivero;
    // summer 2027: +Romero".
    let mut moves: Vec<String> = Vec::new();
    for w in &windows {
        if windows.len() > 1
            && let Some(last) = moves.last_mut()
        {
            last.push(';');
        }
        let here: Vec<String> = plan
            .signings
            .iter()
            .filter(|s| s.window == *w)
            .map(|s| format!("+{}", names.get(&s.id)))
            .chain(
                plan.departures
                    .iter()
                    .filter(|d| d.window == *w)
                    .map(|d| format!("−{}", names.get(&d.id))),
            )
            .collect();
        if windows.len() > 1
            && let Some(first) = here.first()
        {
            moves.push(format!("{w}: {first}"));
            moves.extend(here.into_iter().skip(1));
        } else {
            moves.extend(here);
        }
    }
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
    let fees = assess(ds, plan).fees;
    if !fees.is_none() {
        parts.push(fees.to_string());
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
            // Konaté's contract ended the day before: he signs free.
            "4-3-3 · 1 July 2026 · +Konaté −Rüdiger · 1 free"
        );
        let untouched = Plan::new(&ds, d(2026, 7, 1));
        assert_eq!(summary(&ds, &untouched), "4-3-3 · 1 July 2026 · no moves");
        // A signing with no reported fee and none assumed is counted as unknown.
        let mut q = untouched.clone();
        q.signings.push(Signing {
            window: crate::domain::Window::summer(2026),
            contract_years: None,
            loan: false,
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
        // Seven sales at fees nobody knows: counted as unknown, never as nothing.
        assert!(
            s.ends_with("−Carvajal −Carreras and 1 more · in none · out 7 unknown · net 7 unknown"),
            "{s}"
        );
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
    fn unknown_players_are_listed_everywhere_and_kept() {
        let ds = ds();
        let mut p = konate_for_rudiger(&ds);
        p.depth.insert(Position::CB, 0, id("ghost"));
        p.depth.insert(Position::LB, 5, id("ghost"));
        p.signings.push(Signing {
            window: crate::domain::Window::summer(2026),
            contract_years: None,
            loan: false,
            id: id("nobody"),
            assumed_fee: None,
        });
        p.departures.push(crate::domain::plan::Departure {
            window: crate::domain::Window::summer(2026),
            id: id("gone"),
            kind: DepartureKind::Sold,
            fee: None,
        });
        p.assume(Assumption::Renews {
            window: None,
            id: id("gone"),
            until: d(2027, 6, 30),
        });
        let before = p.clone();
        let texts: Vec<String> = unresolved(&p, &ds).iter().map(|x| x.to_string()).collect();
        let tail = "not in the loaded data; open with --pool FILE";
        assert_eq!(
            texts,
            [
                format!("? ghost — {tail} (named in the CB column)"),
                format!("? ghost — {tail} (named in the LB column)"),
                format!("? nobody — {tail} (named in the signings)"),
                format!("? gone — {tail} (named in the departures)"),
                format!("? gone — {tail} (named in the assumptions)"),
            ]
        );
        // One notice: each player once, the way to load them said once, a kept name used.
        p.pool_names
            .0
            .insert(id("nobody"), "Anders Sørensen".into());
        assert_eq!(
            unresolved_notice(&unresolved(&p, &ds), &p).as_deref(),
            Some(
                "not in the loaded data, kept as written (open with --pool FILE): ? ghost in \
                 the CB column, the LB column; Anders Sørensen (nobody) in the signings; ? gone \
                 in the departures, the assumptions"
            )
        );
        p.pool_names = Default::default();
        assert_eq!(p, before, "nothing is dropped");
        assert!(unresolved(&konate_for_rudiger(&ds), &ds).is_empty());
    }
}
