//! Seasons ahead: the plan's depth chart laid out season by season. Rows are positions grouped by
//! line (from the goal outwards), columns are seasons, and each cell is the players a position still
//! has that season, in depth order, with their age on 1 July and what to watch (an injury running
//! into the season, a contract in its last season, a contract end nobody knows).
//!
//! Pure: the status of each player is asked of [`super::status`] at the season's first day, so
//! the rules for age, contract and injury live in one place.

use super::dataset::Dataset;
use super::dates::{season_label, season_of, season_start};
use super::ids::PlayerId;
use super::plan::Plan;
use super::position::Position;
use super::status::{Age, Availability, ContractStatus, age, availability, contract_status};
use chrono::NaiveDate;
use std::fmt;

pub use super::plan_settings::{DEFAULT_OLD_AGE, TimelineSettings};

/// A line of the team, in the order the rows show them: from the goal outwards, as the README
/// says (the goalkeepers, the back line, midfield, attack).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Line {
    Goal,
    Back,
    Midfield,
    Attack,
}

impl Line {
    pub fn of(pos: Position) -> Line {
        match pos {
            Position::GK => Line::Goal,
            p if p.is_back_line() => Line::Back,
            Position::CM | Position::AM => Line::Midfield,
            _ => Line::Attack,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Line::Goal => "goal",
            Line::Back => "back line",
            Line::Midfield => "midfield",
            Line::Attack => "attack",
        }
    }
}

/// Something a cell warns about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flag {
    /// Nobody left at the position.
    Nobody,
    /// Fewer than two fit (and at least one player).
    Thin { fit: usize },
    /// The first choice is this old or older on 1 July.
    Old { age: u32 },
}

impl Flag {
    /// A short mark for cells.
    pub fn mark(self) -> String {
        match self {
            Flag::Nobody => "!none".into(),
            Flag::Thin { fit } => format!("!{fit}fit"),
            Flag::Old { age } => format!("!{age}"),
        }
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Flag::Nobody => f.write_str("nobody"),
            Flag::Thin { fit } => write!(f, "only {fit} fit"),
            Flag::Old { age } => write!(f, "first choice {age}"),
        }
    }
}

/// How many cells of a season carry each flag.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FlagCount {
    pub nobody: usize,
    pub thin: usize,
    pub old: usize,
}

impl FlagCount {
    pub fn total(self) -> usize {
        self.nobody + self.thin + self.old
    }

    fn add(&mut self, flag: Flag) {
        match flag {
            Flag::Nobody => self.nobody += 1,
            Flag::Thin { .. } => self.thin += 1,
            Flag::Old { .. } => self.old += 1,
        }
    }
}

impl fmt::Display for FlagCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.total() == 0 {
            return f.write_str("no flags");
        }
        let mut parts = Vec::new();
        if self.nobody > 0 {
            parts.push(format!("{} empty", self.nobody));
        }
        if self.thin > 0 {
            parts.push(format!("{} thin", self.thin));
        }
        if self.old > 0 {
            parts.push(format!("{} old", self.old));
        }
        f.write_str(&parts.join(", "))
    }
}

/// One season's column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Season {
    /// 1 July of the season.
    pub start: NaiveDate,
    /// The day the season's squad is read: its first day, or the planning date when the plan
    /// starts later in that season.
    pub on: NaiveDate,
    /// "2026/27".
    pub label: String,
    pub flags: FlagCount,
}

/// A player in a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: PlayerId,
    /// His short name, or his id when the data does not know him.
    pub name: String,
    /// Age on the season's first day.
    pub age: Age,
    /// Injured on the day the season is read: the injury runs into it.
    pub injury: Option<Availability>,
    /// His contract ends before the day the season is read + 12 months (`<12m`: on 1 July, his
    /// last contract season), the board's rule ([`contract_status`]).
    pub last_season: bool,
    /// ... and before that day + 6 months (`<6m`: a pre-contract is possible).
    pub under_six: bool,
    /// Nobody knows when his contract ends: kept, and said so.
    pub contract_unknown: bool,
    /// A signing of this plan.
    pub signing: bool,
    /// The plan assumes he renews.
    pub renewed: bool,
}

impl Entry {
    pub fn fit(&self) -> bool {
        self.injury.is_none()
    }

    /// The marks after his name ([`MARKS`]): `+`/`+?` injured into the season, `L` away on
    /// loan, `<12m` last contract season (the board's mark for a contract ending within twelve
    /// months of the date), `c?` contract end unknown, `r` renewal assumed.
    pub fn marks(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if let Some(a) = &self.injury {
            out.push(a.mark());
        }
        if self.under_six {
            out.push(UNDER_SIX);
        } else if self.last_season {
            out.push(LAST_SEASON);
        }
        if self.contract_unknown {
            out.push("c?");
        }
        if self.renewed {
            out.push("r");
        }
        out
    }

    /// "Huijsen 21", "Carvajal 34 +? <12m".
    pub fn text(&self) -> String {
        let mut s = format!("{} {}", self.name, self.age);
        for m in self.marks() {
            s.push(' ');
            s.push_str(m);
        }
        s
    }
}

/// The mark of a player in his last contract season: the board's "contract ends within twelve
/// months" mark, which on 1 July it is.
const LAST_SEASON: &str = "<12m";
/// Under six months left on the day read: only in a column read mid-season (the planning
/// date's own), as on the board.
const UNDER_SIX: &str = "<6m";

/// What the marks after a name in the timeline mean, in the order they come: for every legend
/// under the grid (the board's view, `timeline` as text, its SVG).
pub const MARKS: [(&str, &str); 7] = [
    ("+", "injured into the season"),
    ("+?", "return unknown"),
    ("L", "on loan"),
    (LAST_SEASON, "last contract season"),
    (UNDER_SIX, "under 6 months left"),
    ("c?", "contract end unknown (kept)"),
    ("r", "renewal assumed"),
];

/// "age on 1 July · + injured into the season · …": the ages and every mark of `t`, one line.
/// `<6m` only comes in a column read mid-season, so it is named only when `t` has one.
pub fn legend(t: &Timeline) -> String {
    let six = t
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().flat_map(|c| c.entries.iter()))
        .any(|e| e.under_six);
    std::iter::once("age on 1 July".to_string())
        .chain(
            MARKS
                .iter()
                .filter(|(mark, _)| six || *mark != UNDER_SIX)
                .map(|(mark, what)| format!("{mark} {what}")),
        )
        .collect::<Vec<_>>()
        .join(" · ")
}

/// One position in one season.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    pub entries: Vec<Entry>,
    pub flags: Vec<Flag>,
}

impl Cell {
    pub fn fit(&self) -> usize {
        self.entries.iter().filter(|e| e.fit()).count()
    }
}

/// One position across the seasons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: Line,
    pub position: Position,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub seasons: Vec<Season>,
    pub rows: Vec<Row>,
    pub old_age: u32,
}

/// The year the first season of a timeline starts, for a planning date.
pub fn first_season(date: NaiveDate) -> i32 {
    season_of(date)
}

/// The positions a timeline shows: the formation's and every column of the depth chart, grouped
/// by line from the goal outwards.
pub fn positions(plan: &Plan) -> Vec<Position> {
    let mut out: Vec<Position> = plan
        .formation()
        .slots()
        .iter()
        .map(|s| s.position)
        .chain(plan.depth.columns.keys().copied())
        .collect();
    out.sort_by_key(|p| (Line::of(*p), *p));
    out.dedup();
    out
}

/// Whether `id` is with the club on `on` as this plan sees it, and the entry to show if so.
/// Departures leave when their window opens, signings join then (`plan` is the plan as it
/// stands that day, see [`Plan::at`]); a squad player stays while his contract runs (an assumed
/// renewal extends it) or while nobody knows when it ends.
pub fn entry(ds: &Dataset, plan: &Plan, id: &PlayerId, start: NaiveDate) -> Option<Entry> {
    let on = start.max(plan.date);
    if !plan.can_play_by_moves(id) || plan.departure(id).is_some_and(|d| d.window.opened_by(on)) {
        return None;
    }
    let signing = plan.is_signing(id) || ds.is_target(id);
    let renewed = plan
        .assumptions
        .iter()
        .any(|a| matches!(a, super::plan::Assumption::Renews { id: who, .. } if who == id));
    let Some(raw) = ds.player(id) else {
        // A player the data does not know (a pool signing): nothing about him is known.
        return Some(Entry {
            id: id.clone(),
            name: id.to_string(),
            age: Age::Unknown,
            injury: None,
            last_season: false,
            under_six: false,
            contract_unknown: true,
            signing,
            renewed: false,
        });
    };
    let p = plan.effective(raw);
    if !super::status::is_at_club(&p, on) {
        return None;
    }
    // A signing comes on a new contract: its end is the length the plan assumes, else unknown
    // (`Plan::effective` says which).
    let ends = if plan.is_signing(id) || !ds.is_target(id) || renewed {
        p.contract_until
    } else {
        None
    };
    let contract = contract_status(ends, on);
    if matches!(contract, ContractStatus::Expired { .. }) {
        return None;
    }
    let injury = Some(availability(&p, on)).filter(|a| !a.is_available());
    Some(Entry {
        id: id.clone(),
        name: p.short_name().to_string(),
        age: age(&p, start),
        injury,
        last_season: matches!(
            contract,
            ContractStatus::UnderTwelveMonths { .. } | ContractStatus::UnderSixMonths { .. }
        ),
        under_six: matches!(contract, ContractStatus::UnderSixMonths { .. }),
        contract_unknown: matches!(contract, ContractStatus::Unknown),
        signing,
        renewed,
    })
}

/// The timeline of `plan` over `seasons` seasons from the one starting in `first` (a year; never
/// earlier than the planning date's season).
pub fn build(
    ds: &Dataset,
    plan: &Plan,
    first: i32,
    seasons: usize,
    settings: TimelineSettings,
) -> Timeline {
    let old_age = settings.old_age();
    // No column before the plan's own season: the plan says nothing about the past.
    let first = first.max(first_season(plan.date));
    let mut cols: Vec<Season> = (0..seasons)
        .map(|i| {
            let start = season_start(first.saturating_add(i32::try_from(i).unwrap_or(i32::MAX)));
            Season {
                start,
                on: start.max(plan.date),
                label: season_label(start),
                flags: FlagCount::default(),
            }
        })
        .collect();
    let mut rows = Vec::new();
    // Each season's squad is the plan as it stands that day: every move whose window has opened.
    let squads: Vec<Plan> = cols.iter().map(|s| plan.at(s.on)).collect();
    // Namesakes told apart as the board tells them apart ("A. Sørensen", "B. Sørensen").
    let names = super::scenario::Names::of(ds, &[plan], []);
    for pos in positions(plan) {
        let cells: Vec<Cell> = cols
            .iter()
            .zip(&squads)
            .map(|(season, squad)| {
                let entries: Vec<Entry> = squad
                    .depth
                    .column(pos)
                    .iter()
                    .filter_map(|id| entry(ds, squad, id, season.start))
                    .map(|mut e| {
                        e.name = names.get(&e.id);
                        e
                    })
                    .collect();
                let mut cell = Cell {
                    entries,
                    flags: Vec::new(),
                };
                if cell.entries.is_empty() {
                    cell.flags.push(Flag::Nobody);
                } else if cell.fit() < 2 {
                    cell.flags.push(Flag::Thin { fit: cell.fit() });
                }
                if let Some(a) = cell.entries.first().and_then(|e| e.age.low())
                    && a >= old_age
                {
                    cell.flags.push(Flag::Old { age: a });
                }
                cell
            })
            .collect();
        for (season, cell) in cols.iter_mut().zip(&cells) {
            for f in &cell.flags {
                season.flags.add(*f);
            }
        }
        rows.push(Row {
            line: Line::of(pos),
            position: pos,
            cells,
        });
    }
    Timeline {
        seasons: cols,
        rows,
        old_age,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::{Assumption, DepartureKind};
    use crate::domain::{Player, ReportedAge};
    use crate::store;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn id(s: &str) -> PlayerId {
        PlayerId::new(s)
    }

    fn names(t: &Timeline, pos: Position, season: usize) -> Vec<String> {
        let row = t.rows.iter().find(|r| r.position == pos).expect("row");
        row.cells[season].entries.iter().map(|e| e.text()).collect()
    }

    /// A small club: three centre-backs with known contracts and birth dates.
    fn club() -> Dataset {
        let mut squad = Vec::new();
        for (who, born, until) in [
            ("alpha", d(1994, 3, 1), Some(d(2027, 6, 30))),
            ("beta", d(2004, 9, 1), Some(d(2030, 6, 30))),
            ("gamma", d(2000, 1, 15), None),
        ] {
            let mut p = Player::new(who, &format!("Player {who}"), "Club", None);
            p.known_as = Some(who.to_string());
            p.born = Some(born);
            p.contract_until = until;
            p.position = Some(Position::CB);
            squad.push(p);
        }
        let mut depth = crate::domain::DepthChart::default();
        depth
            .columns
            .insert(Position::CB, vec![id("alpha"), id("beta"), id("gamma")]);
        Dataset::new("Club".into(), None, squad, vec![], vec![], vec![], depth)
    }

    /// A player away on loan into his last contract season carries both marks, told apart: the
    /// loan's `L` and the last season's `<12m` (both were `L`, so "alpha 32 L L").
    #[test]
    fn a_loan_and_a_last_season_read_apart() {
        let mut ds = club();
        let alpha = ds
            .squad
            .iter_mut()
            .find(|p| p.id == id("alpha"))
            .expect("alpha");
        alpha.absences.push(crate::domain::player::Absence {
            what: "on loan at Lyon".into(),
            from: "2026-01".parse().expect("from"),
            until: Some("2026-12-31".parse().expect("until")),
            announced: None,
            sources: vec![],
        });
        let ds = Dataset::new(
            "Club".into(),
            None,
            ds.squad.clone(),
            vec![],
            vec![],
            vec![],
            ds.depth.clone(),
        );
        let plan = Plan::new(&ds, d(2026, 7, 1));
        let t = build(&ds, &plan, 2026, 1, TimelineSettings::default());
        assert_eq!(names(&t, Position::CB, 0)[0], "alpha 32 L <12m");
        let legend = legend(&t);
        assert!(legend.contains("L on loan") && legend.contains("<12m last contract season"));
        // No column read mid-season, no `<6m` to explain.
        assert!(!legend.contains("<6m"), "{legend}");
    }

    #[test]
    fn contracts_run_out_after_their_last_season_unless_renewed() {
        let ds = club();
        let plan = Plan::new(&ds, d(2026, 7, 1));
        let t = build(&ds, &plan, 2026, 3, TimelineSettings::default());
        assert_eq!(
            t.seasons
                .iter()
                .map(|s| s.label.as_str())
                .collect::<Vec<_>>(),
            ["2026/27", "2027/28", "2028/29"]
        );
        assert_eq!(
            names(&t, Position::CB, 0),
            ["alpha 32 <12m", "beta 21", "gamma 26 c?"]
        );
        assert_eq!(names(&t, Position::CB, 1), ["beta 22", "gamma 27 c?"]);
        // Alpha, 32 and first choice in 2026/27, is flagged; the season header counts it.
        let cb = &t
            .rows
            .iter()
            .find(|r| r.position == Position::CB)
            .expect("cb");
        assert_eq!(cb.cells[0].flags, [Flag::Old { age: 32 }]);
        assert!(cb.cells[1].flags.is_empty());
        let mut renewed = plan.clone();
        renewed.assume(Assumption::Renews {
            window: None,
            id: id("alpha"),
            until: d(2028, 6, 30),
        });
        let t = build(&ds, &renewed, 2026, 3, TimelineSettings::default());
        assert_eq!(
            names(&t, Position::CB, 0),
            ["alpha 32 r", "beta 21", "gamma 26 c?"]
        );
        assert_eq!(names(&t, Position::CB, 1)[0], "alpha 33 <12m r");
        assert_eq!(names(&t, Position::CB, 2), ["beta 23", "gamma 28 c?"]);
        // The threshold is the plan's to set.
        let t = build(&ds, &plan, 2026, 1, TimelineSettings { old_age: Some(33) });
        assert!(t.rows.iter().all(|r| {
            r.cells[0]
                .flags
                .iter()
                .all(|f| !matches!(f, Flag::Old { .. }))
        }));
    }

    #[test]
    fn departures_and_former_players_leave_and_empty_cells_are_flagged() {
        let mut ds = club();
        ds.squad[2].left = Some(d(2026, 8, 1));
        let mut plan = Plan::new(&ds, d(2026, 7, 1));
        plan.depart(&ds, &id("beta"), DepartureKind::Sold)
            .expect("depart");
        let t = build(&ds, &plan, 2026, 2, TimelineSettings::default());
        // Gamma is still there on 1 July 2026 and gone by the next season.
        assert_eq!(names(&t, Position::CB, 0), ["alpha 32 <12m", "gamma 26 c?"]);
        assert_eq!(names(&t, Position::CB, 1), Vec::<String>::new());
        let cb = &t
            .rows
            .iter()
            .find(|r| r.position == Position::CB)
            .expect("cb");
        assert_eq!(cb.cells[1].flags, [Flag::Nobody]);
        // Rows are grouped by line from the goal outwards: the goalkeeper, then the back line.
        assert_eq!(t.rows[0].position, Position::GK);
        assert_eq!(t.rows[1].line, Line::Back);
        assert!(t.rows.windows(2).all(|w| w[0].line <= w[1].line));
        // Every empty GK cell counts towards its season's header.
        assert!(t.seasons[1].flags.nobody >= 2);
    }

    #[test]
    fn a_reported_age_gives_a_range_and_injuries_into_the_season_are_marked() {
        let mut ds = club();
        ds.squad[1].born = None;
        ds.squad[1].reported_age = Some(ReportedAge {
            age: 21,
            on: d(2025, 11, 1),
        });
        let plan = Plan::new(&ds, d(2026, 7, 1));
        let mut hurt = plan.clone();
        hurt.assume(Assumption::InjuredUntil {
            id: id("beta"),
            since: d(2026, 5, 1),
            until: Some(d(2026, 9, 1)),
        });
        let t = build(&ds, &hurt, 2026, 2, TimelineSettings::default());
        assert_eq!(names(&t, Position::CB, 0)[1], "beta 21-22 +");
        assert_eq!(names(&t, Position::CB, 1)[0], "beta 22-23");
        let cb = &t
            .rows
            .iter()
            .find(|r| r.position == Position::CB)
            .expect("cb");
        assert_eq!(cb.cells[0].fit(), 2);
    }

    #[test]
    fn the_first_season_is_read_from_a_winter_planning_date() {
        let ds = club();
        let plan = Plan::new(&ds, d(2027, 1, 1));
        assert_eq!(first_season(plan.date), 2026);
        let t = build(&ds, &plan, 2026, 1, TimelineSettings::default());
        assert_eq!(t.seasons[0].on, d(2027, 1, 1));
        // Age is still given on 1 July; his contract to 30 June is read on the date itself, as
        // on the board: under six months.
        assert_eq!(names(&t, Position::CB, 0)[0], "alpha 32 <6m");
        assert!(
            legend(&t).contains("<6m under 6 months left"),
            "{}",
            legend(&t)
        );
    }

    #[test]
    fn bundled_data_keeps_unknown_contracts_and_drops_expired_ones() {
        let ds = store::load(None).expect("bundled");
        let plan = Plan::new(&ds, d(2026, 7, 1));
        let t = build(&ds, &plan, 2026, 4, TimelineSettings::default());
        let ids: Vec<&PlayerId> = t
            .rows
            .iter()
            .flat_map(|r| r.cells[0].entries.iter().map(|e| &e.id))
            .collect();
        // Rüdiger's contract ran out on 30 June 2026.
        assert!(!ids.contains(&&id("rudiger")), "{ids:?}");
        assert!(ids.contains(&&id("huijsen")), "{ids:?}");
    }

    /// What the property tests vary: for each of a few players, a contract end (or none), a
    /// birth date, whether the plan sells him and whether it assumes a renewal.
    fn arb_case() -> impl Strategy<Value = Vec<(Option<i32>, i32, bool, Option<i32>)>> {
        prop::collection::vec(
            (
                prop::option::of(2025i32..2033),
                1985i32..2008,
                any::<bool>(),
                prop::option::of(2026i32..2035),
            ),
            1..6,
        )
    }

    proptest! {
        #[test]
        fn players_appear_only_while_under_contract_and_never_after_leaving(
            case in arb_case(),
            plan_year in 2025i32..2029,
            first_offset in 0i32..3,
        ) {
            let mut squad = Vec::new();
            let mut col = Vec::new();
            for (i, (ends, born, _, _)) in case.iter().enumerate() {
                let mut p = Player::new(&format!("p{i}"), &format!("P {i}"), "Club", None);
                p.contract_until = ends.map(|y| d(y, 6, 30));
                p.born = Some(d(*born, 2, 28));
                p.position = Some(Position::CB);
                col.push(p.id.clone());
                squad.push(p);
            }
            let mut depth = crate::domain::DepthChart::default();
            depth.columns.insert(Position::CB, col);
            let ds = Dataset::new("Club".into(), None, squad, vec![], vec![], vec![], depth);
            let mut plan = Plan::new(&ds, d(plan_year, 7, 1));
            for (i, (_, _, sold, renew)) in case.iter().enumerate() {
                let pid = id(&format!("p{i}"));
                if *sold {
                    plan.depart(&ds, &pid, DepartureKind::Sold).expect("depart");
                }
                if let Some(y) = renew {
                    plan.assume(Assumption::Renews { window: None, id: pid, until: d(*y, 6, 30) });
                }
            }
            let first = plan_year + first_offset;
            let t = build(&ds, &plan, first, 4, TimelineSettings::default());
            let cb = t.rows.iter().find(|r| r.position == Position::CB).expect("cb");
            let mut last_age: BTreeMap<PlayerId, u32> = BTreeMap::new();
            for (s, season) in t.seasons.iter().enumerate() {
                for (i, (ends, _, sold, renew)) in case.iter().enumerate() {
                    let pid = id(&format!("p{i}"));
                    let shown = cb.cells[s].entries.iter().find(|e| e.id == pid);
                    let end = renew.map(|y| d(y, 6, 30)).or(ends.map(|y| d(y, 6, 30)));
                    let under_contract = end.is_none_or(|e| season.on <= e);
                    // Sold: gone from the planning date, which is on or before every column.
                    prop_assert_eq!(shown.is_some(), under_contract && !*sold, "p{} in {}", i, season.label);
                    if let Some(e) = shown {
                        prop_assert_eq!(e.contract_unknown, end.is_none());
                        if let Age::Exact(a) = e.age {
                            if let Some(prev) = last_age.insert(pid.clone(), a) {
                                prop_assert_eq!(a, prev + 1);
                            }
                        } else {
                            prop_assert!(false, "known birth date gives an exact age");
                        }
                    }
                }
            }
        }

        #[test]
        fn signings_never_appear_before_their_window(plan_year in 2025i32..2030, first in 2024i32..2030) {
            let ds = store::load(None).expect("bundled");
            let mut plan = Plan::new(&ds, d(plan_year, 7, 1));
            let target = ds.targets.first().expect("a target").id.clone();
            plan.depth.insert(Position::CB, 0, target.clone());
            plan.signings.push(crate::domain::plan::Signing { window: crate::domain::Window::of(plan.date), contract_years: None, loan: false, id: target.clone(), assumed_fee: None });
            let t = build(&ds, &plan, first, 3, TimelineSettings::default());
            for (s, season) in t.seasons.iter().enumerate() {
                let cb = t.rows.iter().find(|r| r.position == Position::CB).expect("cb");
                let shown = cb.cells[s].entries.iter().any(|e| e.id == target);
                // He joins in the plan's window: no column is read before it, and from it on
                // he is in every one, on a new contract nobody knows the end of.
                prop_assert!(season.on >= plan.date);
                prop_assert!(season.start >= season_start(plan_year.max(first)));
                prop_assert!(shown, "{} missing in {}", target, season.label);
                let e = cb.cells[s].entries.iter().find(|e| e.id == target).expect("shown");
                prop_assert!(e.contract_unknown && e.signing);
            }
        }
    }
}
