//! The data a board is built from (squad, targets, reports, links, default depth chart) and the
//! cross-checks `squadboard check` runs over it.

use super::dates::next_summer_window;
use super::depth::DepthChart;
use super::ids::{IdHasher, PlayerId, ReportId};
use super::money::Currency;
use super::player::Player;
use super::pool::PoolPlayers;
use super::report::{Link, Report};
use super::status::age_on;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// Which file of a data folder a fact lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DataFile {
    Squad,
    Targets,
    Depth,
}

impl DataFile {
    pub const ALL: [DataFile; 3] = [DataFile::Squad, DataFile::Targets, DataFile::Depth];

    pub fn file_name(self) -> &'static str {
        match self {
            DataFile::Squad => "squad.ron",
            DataFile::Targets => "targets.ron",
            DataFile::Depth => "depth.ron",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A piece of text to find in a file (its `nth` occurrence, from 0), so the store can point at a
/// line and column without the domain knowing about source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub text: String,
    pub nth: usize,
}

fn at(text: String) -> Option<Anchor> {
    Some(Anchor { text, nth: 0 })
}

/// One thing wrong (or odd) in a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub file: DataFile,
    pub anchor: Option<Anchor>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}: {}: {}", self.file.file_name(), self.message)
    }
}

/// Where a player is found in a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Squad(usize),
    Target(usize),
    /// A scouting pool's player: a possible target, found by search (row of [`Dataset::pool`]).
    Pool(usize),
}

#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub club: String,
    /// The currency the club accounts in (named in `squad.ron`; EUR when it is not).
    pub currency: Currency,
    pub coach: Option<String>,
    pub squad: Vec<Player>,
    pub targets: Vec<Player>,
    pub reports: Vec<Report>,
    pub links: Vec<Link>,
    pub depth: DepthChart,
    index: HashMap<PlayerId, Side, IdHasher>,
    /// The scouting pool's players, held compactly; a squad player or target of the same id
    /// wins.
    pool: PoolPlayers,
}

impl Dataset {
    /// Short names for the players `ids` name, told apart where they collide ("M. Zárate",
    /// "J. Zárate"; see [`super::player::distinct_short_names`]). Ids the data does not know are
    /// left out (`scenario::short_name` labels them).
    pub fn distinct_short_names<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a PlayerId>,
    ) -> HashMap<PlayerId, String> {
        let mut players: Vec<&Player> = Vec::new();
        for id in ids {
            if let Some(p) = self.player(id)
                && !players.iter().any(|q| q.id == p.id)
            {
                players.push(p);
            }
        }
        let names = super::player::distinct_short_names(&players);
        players
            .into_iter()
            .map(|p| p.id.clone())
            .zip(names)
            .collect()
    }

    pub fn new(
        club: String,
        coach: Option<String>,
        squad: Vec<Player>,
        targets: Vec<Player>,
        reports: Vec<Report>,
        links: Vec<Link>,
        depth: DepthChart,
    ) -> Dataset {
        let mut d = Dataset {
            club,
            currency: Currency::EUR,
            coach,
            squad,
            targets,
            reports,
            links,
            depth,
            index: HashMap::default(),
            pool: PoolPlayers::default(),
        };
        d.reindex();
        d
    }

    fn reindex(&mut self) {
        self.index.clear();
        // Targets first so a squad player with the same id (an error `check` reports) wins.
        for (i, p) in self.targets.iter().enumerate() {
            self.index.insert(p.id.clone(), Side::Target(i));
        }
        for (i, p) in self.squad.iter().enumerate() {
            self.index.insert(p.id.clone(), Side::Squad(i));
        }
    }

    /// Adds `players` after the targets (a scouting pool arriving in batches): only they are
    /// indexed, as [`Dataset::new`] would index them (a squad player of the same id wins).
    /// `ids` are their ids, in the same order, copied beforehand (a pool batch copies them on
    /// the thread that read it, so taking it in allocates nothing per player).
    pub fn append_targets(&mut self, players: Vec<Player>, ids: Vec<PlayerId>) {
        debug_assert!(players.iter().map(|p| &p.id).eq(ids.iter()));
        let start = self.targets.len();
        self.index.reserve(players.len());
        for (i, id) in ids.into_iter().enumerate() {
            match self.index.get_mut(&id) {
                Some(Side::Squad(_)) => {}
                Some(side) => *side = Side::Target(start + i),
                None => {
                    self.index.insert(id, Side::Target(start + i));
                }
            }
        }
        self.targets.extend(players);
    }

    /// Room for `more` targets, so appending them copies nothing already in.
    pub fn reserve_targets(&mut self, more: usize) {
        self.targets.reserve(more);
        self.index.reserve(more);
    }

    /// Adds a scouting pool's players (a batch of them) after those already in.
    pub fn append_pool(&mut self, players: PoolPlayers) {
        self.pool.extend(players);
    }

    /// Room for `more` pool players, so appending them copies nothing already in.
    pub fn reserve_pool(&mut self, more: usize) {
        self.pool.reserve(more);
    }

    /// The scouting pool's players.
    pub fn pool(&self) -> &PoolPlayers {
        &self.pool
    }

    pub fn side(&self, id: &PlayerId) -> Option<Side> {
        self.index
            .get(id)
            .copied()
            .or_else(|| self.pool.find(id.as_str()).map(Side::Pool))
    }

    pub fn player(&self, id: &PlayerId) -> Option<&Player> {
        match self.side(id)? {
            Side::Squad(i) => self.squad.get(i),
            Side::Target(i) => self.targets.get(i),
            Side::Pool(i) => self.pool.player(i),
        }
    }

    /// The name of a player, read without making a pool player whole.
    pub fn name_of(&self, id: &PlayerId) -> Option<&str> {
        match self.side(id)? {
            Side::Pool(i) => Some(self.pool.name(i)),
            _ => self.player(id).map(|p| p.name.as_str()),
        }
    }

    /// A possible signing: a target of the data or a pool player.
    pub fn is_target(&self, id: &PlayerId) -> bool {
        matches!(self.side(id), Some(Side::Target(_) | Side::Pool(_)))
    }

    pub fn link(&self, id: &PlayerId) -> Option<&Link> {
        self.links.iter().find(|l| l.target == *id)
    }

    pub fn report(&self, id: &ReportId) -> Option<&Report> {
        self.reports.iter().find(|r| r.id == *id)
    }

    /// The reports behind a link, newest first.
    pub fn reports_for(&self, id: &PlayerId) -> Vec<&Report> {
        let mut out: Vec<&Report> = self
            .link(id)
            .map(|l| l.reports.iter().filter_map(|r| self.report(r)).collect())
            .unwrap_or_default();
        out.sort_by_key(|r| std::cmp::Reverse(r.date));
        out
    }

    pub fn newest_report(&self) -> Option<NaiveDate> {
        self.reports.iter().map(|r| r.date).max()
    }

    /// Where planning starts: the opening of the next summer window after the newest report
    /// (or after `today` when there are no reports).
    pub fn default_planning_date(&self, today: NaiveDate) -> NaiveDate {
        next_summer_window(self.newest_report().unwrap_or(today))
    }

    /// Every cross-file problem: errors that make the data wrong, warnings that are allowed.
    pub fn check(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut err = |file, anchor: Option<Anchor>, message: String| {
            out.push(Problem {
                severity: Severity::Error,
                file,
                anchor,
                message,
            })
        };

        let mut seen: HashMap<&PlayerId, DataFile> = HashMap::new();
        for (file, list) in [
            (DataFile::Squad, &self.squad),
            (DataFile::Targets, &self.targets),
        ] {
            for (i, p) in list.iter().enumerate() {
                let anchor = at(format!("\"{}\"", p.id));
                if p.id.as_str().trim().is_empty() {
                    // An empty id is no anchor: point at his name, written next to it.
                    let by_name = if p.id.as_str().is_empty() {
                        at(format!("\"{}\"", p.name))
                    } else {
                        anchor.clone()
                    };
                    err(
                        file,
                        by_name,
                        format!("player `{}` has an empty id", p.name),
                    );
                }
                if p.name.trim().is_empty() {
                    err(
                        file,
                        anchor.clone(),
                        format!("player `{}` has an empty name", p.id),
                    );
                }
                // A line break in a name would print as a row of its own (a spoofed depth row
                // in `show`); an escape would reprogram the terminal.
                let texts = [("name", Some(&p.name)), ("club", Some(&p.club))]
                    .into_iter()
                    .chain([("known_as", p.known_as.as_ref())])
                    .chain([("nationality", p.nationality.as_ref())])
                    .chain(p.aliases.iter().map(|a| ("alias", Some(a))));
                for (field, text) in texts {
                    if let Some(text) = text.filter(|t| t.chars().any(char::is_control)) {
                        err(
                            file,
                            at(format!("\"{text}\"")),
                            format!(
                                "player `{}`: {field} `{}` holds a control character (a line \
                                 break, tab or escape); it must be one line of visible text",
                                p.id,
                                text.escape_debug()
                            ),
                        );
                    }
                }
                if let Some(first) = seen.insert(&p.id, file) {
                    let nth = if first == file {
                        list[..i].iter().filter(|q| q.id == p.id).count()
                    } else {
                        0
                    };
                    err(
                        file,
                        Some(Anchor {
                            text: format!("\"{}\"", p.id),
                            nth,
                        }),
                        format!(
                            "duplicate player id `{}` (already used in {})",
                            p.id,
                            first.file_name()
                        ),
                    );
                }
                if let (Some(born), Some(until)) = (p.born, p.contract_until)
                    && until < born
                {
                    err(
                        file,
                        anchor.clone(),
                        format!(
                            "`{}`: contract ends {} before his birth {}",
                            p.id, until, born
                        ),
                    );
                }
                for inj in &p.injuries {
                    if let (Some(since), Some(back)) = (inj.since, inj.back)
                        && back.fit_from() < since.earliest()
                    {
                        err(
                            file,
                            anchor.clone(),
                            format!(
                                "`{}`: injury `{}` returns {} before it starts {}",
                                p.id, inj.what, back.on, since
                            ),
                        );
                    }
                    for r in &inj.sources {
                        if self.report(r).is_none() {
                            err(
                                file,
                                at(format!("\"{r}\"")),
                                format!("`{}`: injury cites unknown report `{r}`", p.id),
                            );
                        }
                    }
                }
                for a in &p.absences {
                    if let Some(until) = a.until
                        && until.latest() < a.from.earliest()
                    {
                        err(
                            file,
                            anchor.clone(),
                            format!(
                                "`{}`: absence `{}` ends {} before it starts {}",
                                p.id, a.what, until, a.from
                            ),
                        );
                    }
                    for r in &a.sources {
                        if self.report(r).is_none() {
                            err(
                                file,
                                at(format!("\"{r}\"")),
                                format!("`{}`: absence cites unknown report `{r}`", p.id),
                            );
                        }
                    }
                }
                if let Some(r) = p.contract_reported.as_ref().and_then(|c| c.source.as_ref())
                    && self.report(r).is_none()
                {
                    err(
                        file,
                        at(format!("\"{r}\"")),
                        format!("`{}`: reported contract cites unknown report `{r}`", p.id),
                    );
                }
                for n in &p.notes {
                    if let Some(r) = &n.source
                        && self.report(r).is_none()
                    {
                        err(
                            file,
                            at(format!("\"{r}\"")),
                            format!("`{}`: note cites unknown report `{r}`", p.id),
                        );
                    }
                }
            }
        }

        let mut report_ids = HashSet::new();
        for r in &self.reports {
            if !report_ids.insert(&r.id) {
                err(
                    DataFile::Targets,
                    at(format!("\"{}\"", r.id)),
                    format!("duplicate report id `{}`", r.id),
                );
            }
        }

        let mut linked = HashSet::new();
        for l in &self.links {
            let anchor = at(format!("\"{}\"", l.target));
            match self.side(&l.target) {
                None => err(
                    DataFile::Targets,
                    anchor.clone(),
                    format!("link names unknown player `{}`", l.target),
                ),
                Some(Side::Squad(_)) => err(
                    DataFile::Targets,
                    anchor.clone(),
                    format!("link names `{}`, who is already in the squad", l.target),
                ),
                Some(Side::Target(_) | Side::Pool(_)) => {}
            }
            if !linked.insert(&l.target) {
                err(
                    DataFile::Targets,
                    anchor.clone(),
                    format!(
                        "`{}` is linked twice; list every report in one link",
                        l.target
                    ),
                );
            }
            if l.reports.is_empty() {
                err(
                    DataFile::Targets,
                    anchor.clone(),
                    format!("link for `{}` cites no report", l.target),
                );
            }
            for r in &l.reports {
                if self.report(r).is_none() {
                    err(
                        DataFile::Targets,
                        at(format!("\"{r}\"")),
                        format!("link for `{}` cites unknown report `{r}`", l.target),
                    );
                }
            }
        }

        for (pos, col) in &self.depth.columns {
            let mut in_col = HashSet::new();
            for id in col {
                let anchor = at(format!("\"{id}\""));
                if !in_col.insert(id) {
                    err(
                        DataFile::Depth,
                        anchor.clone(),
                        format!("`{id}` stands twice in the {pos} column"),
                    );
                }
                match self.side(id) {
                    None => err(
                        DataFile::Depth,
                        anchor,
                        format!("{pos} column names unknown player `{id}`"),
                    ),
                    Some(Side::Target(_) | Side::Pool(_)) => err(
                        DataFile::Depth,
                        anchor,
                        format!("{pos} column names target `{id}`: signings belong in a scenario"),
                    ),
                    Some(Side::Squad(_)) => {}
                }
            }
        }

        // Warnings: allowed, but worth a look.
        let mut warn = |file, anchor: Option<Anchor>, message: String| {
            out.push(Problem {
                severity: Severity::Warning,
                file,
                anchor,
                message,
            })
        };
        for (pos, col) in &self.depth.columns {
            for id in col {
                if let Some(p) = self.player(id)
                    && !p.plays(*pos)
                {
                    warn(
                        DataFile::Depth,
                        at(format!("\"{id}\"")),
                        format!(
                            "`{id}` ({}) in the {pos} column is a makeshift choice",
                            p.positions_label()
                        ),
                    );
                }
            }
        }
        for (file, list) in [
            (DataFile::Squad, &self.squad),
            (DataFile::Targets, &self.targets),
        ] {
            for p in list {
                if let (Some(born), Some(rep)) = (p.born, p.reported_age)
                    && age_on(born, rep.on) != Some(rep.age)
                {
                    warn(
                        file,
                        at(format!("\"{}\"", p.id)),
                        format!(
                            "`{}`: reported as {} on {}, but born {} makes him {}",
                            p.id,
                            rep.age,
                            rep.on,
                            born,
                            age_on(born, rep.on).map_or("unborn".into(), |a| a.to_string())
                        ),
                    );
                }
            }
        }
        let mut numbers: BTreeMap<u8, &PlayerId> = BTreeMap::new();
        for p in &self.squad {
            if let Some(n) = p.number
                && let Some(other) = numbers.insert(n, &p.id)
            {
                warn(
                    DataFile::Squad,
                    at(format!("\"{}\"", p.id)),
                    format!("`{}` and `{other}` both wear number {n}", p.id),
                );
            }
        }
        for t in &self.targets {
            if !linked.contains(&t.id) {
                warn(
                    DataFile::Targets,
                    at(format!("\"{}\"", t.id)),
                    format!("target `{}` is not cited by any link", t.id),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Position, Report};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn sample() -> Dataset {
        let mut a = Player::new("a", "Ann A", "Club", Some(Position::CB));
        a.born = Some(d("2000-01-01"));
        let b = Player::new("b", "Bob B", "Club", Some(Position::RB));
        let t = Player::new("t", "Tom T", "Other", Some(Position::CB));
        let r = Report {
            id: ReportId("r1".into()),
            outlet: "Paper".into(),
            via: None,
            date: d("2025-11-09"),
            claim: "wants him".into(),
            seed: None,
        };
        let l = Link {
            target: t.id.clone(),
            reports: vec![r.id.clone()],
            fee: None,
            rivals: None,
            window: None,
        };
        let mut depth = DepthChart::default();
        depth.columns.insert(Position::CB, vec![a.id.clone()]);
        depth.columns.insert(Position::RB, vec![b.id.clone()]);
        Dataset::new(
            "Club".into(),
            None,
            vec![a, b],
            vec![t],
            vec![r],
            vec![l],
            depth,
        )
    }

    #[test]
    fn a_clean_dataset_has_no_problems() {
        let ds = sample();
        assert_eq!(ds.check(), vec![]);
        assert_eq!(ds.default_planning_date(d("2000-01-01")), d("2026-07-01"));
        assert!(ds.is_target(&PlayerId::new("t")));
        assert_eq!(ds.reports_for(&PlayerId::new("t")).len(), 1);
    }

    /// Issue 16: a pool arrives in batches, appended to the targets without rebuilding the data;
    /// each player is then found where a dataset built with all of them finds him (a squad
    /// player keeps his id; of two targets with one id the later, as `new` indexes them).
    #[test]
    fn targets_appended_in_batches_are_found_as_in_data_built_with_them() {
        let base = sample();
        let more = [
            Player::new("p1", "Pia P", "Elm", None),
            Player::new("a", "Not Ann", "Elm", None),
            Player::new("p2", "Pat Q", "Oak", Some(Position::ST)),
            Player::new("t", "Tom Again", "Oak", None),
            Player::new("p1", "Pia Again", "Elm", None),
        ];
        let mut grown = base.clone();
        grown.reserve_targets(more.len());
        let ids = |ps: &[Player]| ps.iter().map(|p| p.id.clone()).collect();
        grown.append_targets(more[..2].to_vec(), ids(&more[..2]));
        grown.append_targets(Vec::new(), Vec::new());
        grown.append_targets(more[2..].to_vec(), ids(&more[2..]));
        let mut targets = base.targets.clone();
        targets.extend(more.iter().cloned());
        let all = Dataset::new(
            base.club.clone(),
            None,
            base.squad.clone(),
            targets,
            base.reports.clone(),
            base.links.clone(),
            base.depth.clone(),
        );
        assert_eq!(grown.targets, all.targets);
        for id in ["a", "b", "t", "p1", "p2", "nobody"] {
            let id = PlayerId::new(id);
            assert_eq!(grown.side(&id), all.side(&id), "{id}");
        }
        assert_eq!(
            grown.player(&PlayerId::new("a")).map(|p| p.name.as_str()),
            Some("Ann A")
        );
        assert_eq!(
            grown.player(&PlayerId::new("p1")).map(|p| p.name.as_str()),
            Some("Pia Again")
        );
        assert_eq!(grown.index.len(), all.index.len());
    }

    #[test]
    fn every_cross_file_problem_is_found() {
        let mut ds = sample();
        ds.squad.push(Player::new("t", "Dup", "Club", None));
        ds.squad[0].contract_until = Some(d("1999-06-30"));
        ds.links[0].reports.push(ReportId("nope".into()));
        ds.depth.columns.insert(
            Position::LB,
            vec![PlayerId::new("ghost"), PlayerId::new("b")],
        );
        ds.reindex();
        let problems = ds.check();
        let errors: Vec<String> = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.message.clone())
            .collect();
        let has = |s: &str| errors.iter().any(|e| e.contains(s));
        assert!(has("duplicate player id `t`"), "{errors:?}");
        assert!(
            has("contract ends 1999-06-30 before his birth"),
            "{errors:?}"
        );
        assert!(has("cites unknown report `nope`"), "{errors:?}");
        assert!(has("unknown player `ghost`"), "{errors:?}");
        assert!(has("already in the squad"), "{errors:?}");
        let warnings: Vec<&Problem> = problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .collect();
        assert!(
            warnings.iter().any(|w| w
                .message
                .contains("`b` (RB) in the LB column is a makeshift")),
            "{warnings:?}"
        );
    }
}
