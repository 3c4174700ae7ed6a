//! A plan: the state of one scenario the user edits — planning date, formation, depth chart,
//! projected signings, departures and assumptions — and the moves a drag or a key makes on it.

use super::dataset::{Dataset, Side};
use super::dates::PartialDate;
use super::depth::DepthChart;
use super::formation::Formation;
use super::ids::PlayerId;
use super::money::Fee;
use super::money::MoneySettings;
use super::player::{Injury, Player, Return};
use super::position::Position;
use super::status;
use super::window::Window;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A target the plan signs in a window, with the fee it assumes (overriding the reported one when
/// set) and the length of his new contract (assumed by the user; unknown until then).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signing {
    pub id: PlayerId,
    /// The window he joins in: he is in the squad from the day it opens.
    pub window: Window,
    #[serde(default)]
    pub assumed_fee: Option<Fee>,
    /// Whole seasons of his new contract, counted from the season he joins in (a summer 2026
    /// signing for 5 runs to 2031-06-30). Unknown until the plan assumes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_years: Option<u8>,
    /// A loan for the rest of the season he joins in: he goes back on the 1 July after.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub loan: bool,
}

/// The longest contract a signing may be given, in seasons.
pub const MAX_CONTRACT_YEARS: u8 = 10;

impl Signing {
    /// A signing in `window` with nothing assumed.
    pub fn new(id: PlayerId, window: Window) -> Signing {
        Signing {
            id,
            window,
            assumed_fee: None,
            contract_years: None,
            loan: false,
        }
    }

    /// The day a loan ends and he goes back (the 1 July after he joins); `None` for a signing.
    pub fn returns(&self) -> Option<NaiveDate> {
        self.loan
            .then(|| super::dates::season_start(super::dates::season_of(self.window.opens()) + 1))
    }

    /// With the club on `on`: his window has opened and a loan has not yet ended.
    pub fn with_club_on(&self, on: NaiveDate) -> bool {
        self.window.opened_by(on) && self.returns().is_none_or(|r| on < r)
    }

    /// The last day of his new contract (of a loan: its last day), when known.
    pub fn contract_end(&self) -> Option<NaiveDate> {
        if let Some(r) = self.returns() {
            return r.pred_opt();
        }
        let years = i32::from(self.contract_years?);
        let start = super::dates::season_of(self.window.opens());
        NaiveDate::from_ymd_opt(start.checked_add(years)?, 6, 30)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DepartureKind {
    Sold,
    Loaned,
    Released,
    ContractNotRenewed,
}

impl DepartureKind {
    pub const ALL: [DepartureKind; 4] = [
        DepartureKind::Sold,
        DepartureKind::Loaned,
        DepartureKind::Released,
        DepartureKind::ContractNotRenewed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DepartureKind::Sold => "sold",
            DepartureKind::Loaned => "loaned out",
            DepartureKind::Released => "released",
            DepartureKind::ContractNotRenewed => "contract not renewed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Departure {
    pub id: PlayerId,
    pub kind: DepartureKind,
    /// The window he leaves in: gone from the day it opens.
    pub window: Window,
    #[serde(default)]
    pub fee: Option<Fee>,
}

/// What the plan assumes where the data says otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Assumption {
    /// Fit from this day: every open injury ends the day before.
    FitFrom { id: PlayerId, from: NaiveDate },
    /// Out from `since` until `until` (unknown return when `None`).
    InjuredUntil {
        id: PlayerId,
        since: NaiveDate,
        until: Option<NaiveDate>,
    },
    /// The contract now runs to this day, from the window the renewal is agreed in (from the
    /// start of the plan when none is given).
    Renews {
        id: PlayerId,
        until: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        window: Option<Window>,
    },
}

/// The kinds of assumption, one of each per player at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssumptionKind {
    FitFrom,
    Injured,
    Renews,
}

impl Assumption {
    pub fn kind(&self) -> AssumptionKind {
        match self {
            Assumption::FitFrom { .. } => AssumptionKind::FitFrom,
            Assumption::InjuredUntil { .. } => AssumptionKind::Injured,
            Assumption::Renews { .. } => AssumptionKind::Renews,
        }
    }

    pub fn player(&self) -> &PlayerId {
        match self {
            Assumption::FitFrom { id, .. }
            | Assumption::InjuredUntil { id, .. }
            | Assumption::Renews { id, .. } => id,
        }
    }

    pub fn describe(&self, name: &str) -> String {
        match self {
            Assumption::FitFrom { from, .. } => format!("{name} fit from {from}"),
            Assumption::InjuredUntil { since, until, .. } => match until {
                Some(u) => format!("{name} injured {since} to {u}"),
                None => format!("{name} injured from {since}, return unknown"),
            },
            Assumption::Renews {
                until,
                window: Some(w),
                ..
            } => format!("{name} renews to {until} ({w})"),
            Assumption::Renews { until, .. } => format!("{name} renews to {until}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub date: NaiveDate,
    pub depth: DepthChart,
    #[serde(default)]
    pub signings: Vec<Signing>,
    #[serde(default)]
    pub departures: Vec<Departure>,
    #[serde(default)]
    pub assumptions: Vec<Assumption>,
    #[serde(default)]
    pub notes: String,
    /// Transfer budgets per window (scenario format 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budgets: Vec<super::plan_settings::WindowBudget>,
    /// The timeline's settings (scenario format 3).
    #[serde(
        default,
        skip_serializing_if = "super::plan_settings::TimelineSettings::is_default"
    )]
    pub timeline: super::plan_settings::TimelineSettings,
    /// The currency every total is in and the exchange rates the plan assumes (format 4).
    #[serde(default)]
    pub money: MoneySettings,
    /// The names of the pool players the plan names, kept when it is saved so a plan opened
    /// without its pool still names them ("A. Sørensen (pool player, not loaded)").
    #[serde(default, skip_serializing_if = "KeptNames::is_empty")]
    pub pool_names: KeptNames,
}

/// Pool players' full names by id, as [`Plan::keep_pool_names`] last saw them. Only a label:
/// two plans that make the same moves are the same plan whichever names they kept, so it never
/// makes a plan differ (unsaved, changed on disk, compared).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KeptNames(pub std::collections::BTreeMap<PlayerId, String>);

impl KeptNames {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, id: &PlayerId) -> Option<&str> {
        self.0.get(id).map(String::as_str)
    }
}

impl PartialEq for KeptNames {
    fn eq(&self, _: &KeptNames) -> bool {
        true
    }
}

impl Eq for KeptNames {}

/// Where a dragged player comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A column of the depth chart, at a row.
    Depth { pos: Position, index: usize },
    /// A slot of the XI (index into the formation's slots).
    Slot(usize),
    /// A list: the target pane or search results.
    List,
}

/// Where a dragged player is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Slot(usize),
    Depth {
        pos: Position,
        index: usize,
    },
    /// Back to the target pane: a projected signing is dropped from the plan.
    Out,
}

impl Plan {
    pub fn new(ds: &Dataset, date: NaiveDate) -> Plan {
        Plan {
            date,
            depth: ds.depth.clone(),
            signings: Vec::new(),
            departures: Vec::new(),
            assumptions: Vec::new(),
            notes: String::new(),
            budgets: Vec::new(),
            timeline: Default::default(),
            money: MoneySettings::for_currency(ds.currency),
            pool_names: KeptNames::default(),
        }
    }

    /// Every player the plan names: its depth chart, signings, departures and assumptions.
    pub fn named(&self) -> impl Iterator<Item = &PlayerId> {
        self.depth
            .players()
            .chain(self.signings.iter().map(|s| &s.id))
            .chain(self.departures.iter().map(|d| &d.id))
            .chain(self.assumptions.iter().map(|a| a.player()))
    }

    /// Keeps the name of every pool player the plan names (a target the data links to no
    /// report), for a save: the names of players the data cannot resolve now stay as they were
    /// kept, those of players the plan no longer names go.
    pub fn keep_pool_names(&mut self, ds: &Dataset) {
        let named: std::collections::BTreeSet<PlayerId> = self.named().cloned().collect();
        let mut kept = std::mem::take(&mut self.pool_names.0);
        kept.retain(|id, _| named.contains(id) && ds.player(id).is_none());
        for id in named {
            if let Some(p) = ds.player(&id)
                && ds.is_target(&id)
                && ds.link(&id).is_none()
            {
                kept.insert(id, p.name.clone());
            }
        }
        self.pool_names = KeptNames(kept);
    }

    /// The plan as it stands at `on`: every move whose window has opened by then made, none
    /// of the later ones. Signings still to come are out of the depth chart and the list,
    /// departures made are out of the depth chart (the plan keeps a departing player's place
    /// in it until he goes), renewals agreed later are not yet assumed. Its date is `on`.
    ///
    /// Views of one date (the XI, the depth chart as drawn, warnings, compare) read this; views
    /// across dates (money per window, seasons ahead) read the whole plan. Taking it twice at
    /// the same date changes nothing.
    pub fn at(&self, on: NaiveDate) -> Plan {
        let mut p = self.clone();
        p.date = on;
        let later: Vec<PlayerId> = self
            .signings
            .iter()
            .filter(|s| !s.with_club_on(on))
            .map(|s| s.id.clone())
            .collect();
        let gone: Vec<PlayerId> = self
            .departures
            .iter()
            .filter(|d| d.window.opened_by(on))
            .map(|d| d.id.clone())
            .collect();
        p.signings.retain(|s| s.with_club_on(on));
        p.departures.retain(|d| d.window.opened_by(on));
        p.assumptions.retain(|a| match a {
            Assumption::Renews {
                window: Some(w), ..
            } => w.opened_by(on),
            _ => true,
        });
        if !later.is_empty() || !gone.is_empty() {
            for col in p.depth.columns.values_mut() {
                col.retain(|id| !later.contains(id) && !gone.contains(id));
            }
        }
        p
    }

    /// Takes back a change made on `shown` (this plan [`at`](Plan::at) `on`, then edited by a
    /// drag or a key): its depth order, its signings and fees. Players the view did not show
    /// (signings of later windows, departed players) keep their places in each column, just
    /// before the player they stood before.
    pub fn absorb(&mut self, on: NaiveDate, shown: &Plan) {
        let visible: std::collections::HashSet<&PlayerId> = shown.depth.players().collect();
        let hidden = |id: &PlayerId| {
            !visible.contains(id)
                && (self
                    .departures
                    .iter()
                    .any(|d| d.id == *id && d.window.opened_by(on))
                    || self
                        .signings
                        .iter()
                        .any(|s| s.id == *id && !s.with_club_on(on)))
        };
        let mut columns = shown.depth.columns.clone();
        for (pos, whole) in &self.depth.columns {
            let merged = merge_column(whole, shown.depth.column(*pos), hidden);
            if !merged.is_empty() {
                columns.insert(*pos, merged);
            }
        }
        let later: Vec<Signing> = self
            .signings
            .iter()
            .filter(|s| !s.with_club_on(on) && !shown.is_signing(&s.id))
            .cloned()
            .collect();
        self.depth.columns = columns;
        self.depth.formation = shown.depth.formation;
        self.signings = shown.signings.clone();
        self.signings.extend(later);
        self.signings.retain(|s| self.depth.contains(&s.id));
        let departed_later: Vec<Departure> = self
            .departures
            .iter()
            .filter(|d| !d.window.opened_by(on))
            .cloned()
            .collect();
        self.departures = shown.departures.clone();
        self.departures.extend(departed_later);
    }

    /// The window a move made at `on` goes into (see [`Window::next_open`]).
    pub fn window_for(on: NaiveDate) -> Window {
        Window::next_open(on)
    }

    pub fn signing(&self, id: &PlayerId) -> Option<&Signing> {
        self.signings.iter().find(|s| s.id == *id)
    }

    /// The window of a move the plan makes for `id`: his signing or his departure.
    pub fn move_window(&self, id: &PlayerId) -> Option<Window> {
        self.signing(id)
            .map(|s| s.window)
            .or_else(|| self.departure(id).map(|d| d.window))
    }

    /// Moves the signing of `id` into `window`; not into or after the window he leaves in.
    pub fn set_signing_window(&mut self, id: &PlayerId, window: Window) -> Result<(), String> {
        if let Some(d) = self.departure(id)
            && d.window <= window
        {
            return Err(format!("he leaves in {}: he must join before", d.window));
        }
        match self.signings.iter_mut().find(|s| s.id == *id) {
            Some(s) => {
                s.window = window;
                Ok(())
            }
            None => Err("only a projected signing joins in a window".into()),
        }
    }

    /// Moves the departure of `id` into `window`; a signing of the plan leaves only after the
    /// window he joins in.
    pub fn set_departure_window(&mut self, id: &PlayerId, window: Window) -> Result<(), String> {
        if let Some(s) = self.signing(id)
            && window <= s.window
        {
            return Err(format!("he joins in {}: he can leave after it", s.window));
        }
        match self.departures.iter_mut().find(|d| d.id == *id) {
            Some(d) => {
                d.window = window;
                Ok(())
            }
            None => Err("only a departure leaves in a window".into()),
        }
    }

    /// Sets (or with `None` clears) the transfer budget of `window`.
    pub fn set_budget(&mut self, window: Window, amount: Option<Fee>) {
        self.budgets.retain(|b| b.window != window);
        if let Some(amount) = amount {
            self.budgets
                .push(super::plan_settings::WindowBudget { window, amount });
            self.budgets.sort_by_key(|b| b.window);
        }
    }

    /// Makes a signing a loan for the rest of his season, or a transfer again.
    pub fn set_loan(&mut self, id: &PlayerId, loan: bool) -> Result<(), String> {
        match self.signings.iter_mut().find(|s| s.id == *id) {
            Some(s) => {
                s.loan = loan;
                Ok(())
            }
            None => Err("only a projected signing comes on loan".into()),
        }
    }

    /// Sets (or clears) the length of a signing's new contract, in seasons.
    pub fn set_contract_years(&mut self, id: &PlayerId, years: Option<u8>) -> Result<(), String> {
        if years.is_some_and(|y| y == 0 || y > MAX_CONTRACT_YEARS) {
            return Err(format!(
                "a new contract runs 1 to {MAX_CONTRACT_YEARS} seasons"
            ));
        }
        match self.signings.iter_mut().find(|s| s.id == *id) {
            Some(s) => {
                s.contract_years = years;
                Ok(())
            }
            None => Err("only a projected signing has a new contract".into()),
        }
    }

    pub fn formation(&self) -> Formation {
        self.depth.formation
    }

    /// The projected XI at the plan's date: the top of each column in the formation's slots,
    /// passing over anyone who cannot play for the club then (see [`Plan::can_play`]).
    pub fn xi(&self, ds: &Dataset) -> [Option<PlayerId>; 11] {
        self.depth
            .xi_with(self.depth.formation, |id| self.can_play(ds, id))
    }

    /// The XI the depth chart alone gives, before the date's rules (what a scenario file writes
    /// out as its `xi`, so a file reads the same without the data).
    pub fn depth_xi(&self) -> [Option<PlayerId>; 11] {
        self.depth.xi(self.depth.formation)
    }

    /// Whether `id` can be picked at the plan's date: not a former player, and not one of our
    /// own whose contract has ended (unless the plan assumes a renewal). Injured players can be
    /// picked; the warnings say so. An id the data does not know is left to `check`.
    pub fn can_play(&self, ds: &Dataset, id: &PlayerId) -> bool {
        if !self.can_play_by_moves(id) {
            return false;
        }
        let Some(p) = ds.player(id) else {
            return true;
        };
        let p = self.effective(p);
        status::is_at_club(&p, self.date) && !self.out_of_contract(ds, &p)
    }

    /// Not gone and not still to come at the plan's date, as its moves say: a departure whose
    /// window has opened, or a signing whose window has not, keeps him out (see [`Plan::at`]).
    pub fn can_play_by_moves(&self, id: &PlayerId) -> bool {
        !(self
            .departures
            .iter()
            .any(|d| d.id == *id && d.window.opened_by(self.date))
            || self
                .signings
                .iter()
                .any(|s| s.id == *id && !s.with_club_on(self.date)))
    }

    /// Our own player out of contract at the plan's date, as the plan sees him.
    pub fn out_of_contract(&self, ds: &Dataset, p: &Player) -> bool {
        status::out_of_contract(p, self.is_ours(ds, &p.id), self.date)
    }

    /// One of the club's players as the plan sees him: a squad player, or a signing once he
    /// has joined.
    pub fn is_ours(&self, ds: &Dataset, id: &PlayerId) -> bool {
        !ds.is_target(id) || self.signing(id).is_some_and(|s| s.with_club_on(self.date))
    }

    /// Gone from the club at the plan's date: a former player, or one of our own whose
    /// contract ended and the window after it has closed with no renewal. Until that window
    /// closes he stays under the divider, to be renewed or let go.
    pub fn is_former(&self, ds: &Dataset, p: &Player) -> bool {
        if !status::is_at_club(p, self.date) {
            return true;
        }
        let own = self.is_ours(ds, &p.id);
        match status::contract(p, own, self.date) {
            status::ContractStatus::Expired { ended } => {
                let after = ended.succ_opt().unwrap_or(ended);
                self.date > Window::next_open(after).closes()
            }
            _ => false,
        }
    }

    pub fn is_signing(&self, id: &PlayerId) -> bool {
        self.signings.iter().any(|s| s.id == *id)
    }

    pub fn departure(&self, id: &PlayerId) -> Option<&Departure> {
        self.departures.iter().find(|d| d.id == *id)
    }

    /// The player as this plan sees him: its assumptions laid over the data.
    pub fn effective<'a>(&self, p: &'a Player) -> Cow<'a, Player> {
        let mine: Vec<&Assumption> = self
            .assumptions
            .iter()
            .filter(|a| *a.player() == p.id)
            .collect();
        let signed = self.signing(&p.id).filter(|s| s.with_club_on(self.date));
        if mine.is_empty() && signed.is_none() {
            return Cow::Borrowed(p);
        }
        let mut p = p.clone();
        if let Some(s) = signed {
            // He joined on a new contract: its end is what the plan assumes, or unknown. His
            // old club's contract, and what the press said of it, no longer apply.
            p.contract_until = s.contract_end();
            p.contract_reported = None;
        }
        for a in mine {
            match a {
                Assumption::FitFrom { from, .. } => {
                    for inj in &mut p.injuries {
                        if inj.back.is_none_or(|r| r.fit_from() > *from) {
                            inj.back = Some(Return::on_day(*from));
                        }
                    }
                }
                Assumption::InjuredUntil { since, until, .. } => p.injuries.push(Injury {
                    what: "assumed injury".into(),
                    since: Some(PartialDate::Day(*since)),
                    back: until.map(Return::on_day),
                    latest: None,
                    sources: Vec::new(),
                }),
                Assumption::Renews { until, window, .. } => {
                    if window.is_none_or(|w| w.opened_by(self.date)) {
                        p.contract_until = Some(*until);
                    }
                }
            }
        }
        Cow::Owned(p)
    }

    /// Makes a plan read from a hand-edited file keep the rules the board keeps: a player at
    /// most once per column, no empty columns, signings equal to the targets placed (keeping
    /// assumed fees), no signing twice. Returns what it changed, one line each.
    pub fn normalize(&mut self, ds: &Dataset) -> Vec<String> {
        let mut changes = Vec::new();
        for (pos, col) in self.depth.columns.iter_mut() {
            let mut seen = std::collections::HashSet::new();
            let before = col.len();
            col.retain(|id| seen.insert(id.clone()));
            if col.len() != before {
                changes.push(format!("{pos}: a player listed twice is kept once"));
            }
        }
        self.depth.columns.retain(|_, c| !c.is_empty());
        let mut seen = std::collections::HashSet::new();
        self.signings.retain(|s| seen.insert(s.id.clone()));
        // A squad player cannot be signed (a hand-edited file may say so): he stays where he
        // stands in the depth chart, as one of ours.
        self.signings.retain(|s| {
            let ours = matches!(ds.side(&s.id), Some(Side::Squad(_)));
            if ours {
                changes.push(format!(
                    "`{}` is in the squad: not a signing (he stays in the depth chart)",
                    s.id
                ));
            }
            !ours
        });
        let before: Vec<PlayerId> = self.signings.iter().map(|s| s.id.clone()).collect();
        self.sync_signings(ds);
        for s in &self.signings {
            if !before.contains(&s.id) {
                changes.push(format!(
                    "`{}` stands in the depth chart: counted as a signing",
                    s.id
                ));
            }
        }
        for id in before {
            if !self.is_signing(&id) {
                changes.push(format!(
                    "`{id}` is not in the depth chart: no longer a signing"
                ));
            }
        }
        changes
    }

    /// Keeps the signings equal to the targets standing in the depth chart: a target placed is
    /// signed (keeping any assumed fee), a target taken out of every column is not.
    fn sync_signings(&mut self, ds: &Dataset) {
        let depth = &self.depth;
        self.signings.retain(|s| depth.contains(&s.id));
        let mut placed: Vec<&PlayerId> = depth.players().filter(|id| ds.is_target(id)).collect();
        placed.sort();
        placed.dedup();
        let window = Window::next_open(self.date);
        for id in placed {
            if !self.signings.iter().any(|s| s.id == *id) {
                self.signings.push(Signing::new(id.clone(), window));
            }
        }
    }

    /// Moves or signs `id` as a drag from `origin` dropped on `place` would. Returns `Err` with
    /// the reason when the drop does nothing.
    pub fn drop_player(
        &mut self,
        ds: &Dataset,
        id: &PlayerId,
        origin: Origin,
        place: Place,
    ) -> Result<(), String> {
        if ds.player(id).is_none() {
            return Err(format!("unknown player `{id}`"));
        }
        let before = self.clone();
        let formation = self.formation();
        // A move from one column to another leaves the old column; a copy from a list does not
        // touch the columns he already stands in.
        let from_pos = match origin {
            Origin::Depth { pos, .. } => Some(pos),
            Origin::Slot(i) => formation.slots().get(i).map(|s| s.position),
            Origin::List => None,
        };
        match place {
            Place::Out => {
                if !ds.is_target(id) {
                    return Err("only projected signings go back to the target list".into());
                }
                if !self.depth.contains(id) {
                    return Err("not in the plan".into());
                }
                self.depth.remove_everywhere(id);
            }
            Place::Depth { pos, index } => {
                let mut index = index;
                if let Some(from) = from_pos
                    && let Some(at) = self.depth.remove(from, id)
                    && from == pos
                    && at < index
                {
                    // Taking him out shifted the rows below up by one.
                    index -= 1;
                }
                self.depth.insert(pos, index, id.clone());
            }
            Place::Slot(i) => {
                let Some(slot) = formation.slots().get(i) else {
                    return Err("no such slot".into());
                };
                if let Some(from) = from_pos {
                    self.depth.remove(from, id);
                }
                // The lowest row of the column that still puts him in this slot, so the slots
                // before it keep their players.
                let col_len = self.depth.column(slot.position).len();
                let mut chosen = None;
                for k in (0..=col_len).rev() {
                    let mut trial = self.depth.clone();
                    trial.insert(slot.position, k, id.clone());
                    let eligible = |x: &PlayerId| self.can_play(ds, x);
                    if trial.xi_with(formation, eligible)[i].as_ref() == Some(id) {
                        chosen = Some(trial);
                        break;
                    }
                }
                match chosen {
                    Some(d) => self.depth = d,
                    None => {
                        *self = before;
                        return Err("he cannot take that slot".into());
                    }
                }
            }
        }
        self.sync_signings(ds);
        if *self == before {
            return Err("nothing changes".into());
        }
        Ok(())
    }

    /// Takes a projected signing out of the plan.
    pub fn remove_signing(&mut self, ds: &Dataset, id: &PlayerId) -> Result<(), String> {
        self.drop_player(ds, id, Origin::List, Place::Out)
    }

    /// Marks one of our players as leaving in the window open at the plan's date (see
    /// [`Plan::depart_in`]).
    pub fn depart(
        &mut self,
        ds: &Dataset,
        id: &PlayerId,
        kind: DepartureKind,
    ) -> Result<Window, String> {
        let w = Window::next_open(self.date);
        self.depart_in(ds, id, kind, w).map(|()| w)
    }

    /// Marks one of our players as leaving in `window`: listed as a departure, gone from the
    /// depth chart from the day the window opens (his place in it is kept until then, so the
    /// plan before the window is the squad with him). A signing of the plan can leave in a
    /// later window than the one he joins in. A fee he was sold for is kept when only the kind
    /// or window changes.
    pub fn depart_in(
        &mut self,
        ds: &Dataset,
        id: &PlayerId,
        kind: DepartureKind,
        window: Window,
    ) -> Result<(), String> {
        if ds.player(id).is_none() {
            return Err("only squad players can leave".into());
        }
        if ds.is_target(id) {
            match self.signing(id) {
                None => return Err("only squad players can leave".into()),
                Some(s) if window <= s.window => {
                    return Err(format!("he joins in {}: he can leave after it", s.window));
                }
                Some(_) => {}
            }
        }
        let fee = self
            .departure(id)
            .filter(|_| matches!(kind, DepartureKind::Sold | DepartureKind::Loaned))
            .and_then(|d| d.fee);
        if !self.depth.contains(id)
            && let Some(pos) = ds.player(id).and_then(|p| p.position)
        {
            // A file from before format 4 took him out: keep a place for the dates before.
            self.depth.insert(pos, usize::MAX, id.clone());
        }
        self.departures.retain(|d| d.id != *id);
        self.departures.push(Departure {
            id: id.clone(),
            kind,
            window,
            fee,
        });
        Ok(())
    }

    /// Undoes a departure; he is back where he stood in the depth chart.
    pub fn recall(&mut self, ds: &Dataset, id: &PlayerId) -> Result<(), String> {
        let before = self.departures.len();
        self.departures.retain(|d| d.id != *id);
        if self.departures.len() == before {
            return Err("not leaving".into());
        }
        if !self.depth.contains(id)
            && let Some(pos) = ds.player(id).and_then(|p| p.position)
        {
            self.depth.insert(pos, usize::MAX, id.clone());
        }
        Ok(())
    }

    /// The assumption of this kind the plan makes for `id`.
    pub fn assumption(&self, id: &PlayerId, kind: AssumptionKind) -> Option<&Assumption> {
        self.assumptions
            .iter()
            .find(|a| a.player() == id && a.kind() == kind)
    }

    /// Drops the assumption of this kind for `id`; whether there was one.
    pub fn unassume(&mut self, id: &PlayerId, kind: AssumptionKind) -> bool {
        let before = self.assumptions.len();
        self.assumptions
            .retain(|a| !(a.player() == id && a.kind() == kind));
        self.assumptions.len() != before
    }

    /// Sets (or with `None` clears) the fee the plan assumes for one of its signings.
    pub fn set_assumed_fee(&mut self, id: &PlayerId, fee: Option<Fee>) -> Result<(), String> {
        match self.signings.iter_mut().find(|s| s.id == *id) {
            Some(s) => {
                s.assumed_fee = fee;
                Ok(())
            }
            None => Err("only a projected signing has an assumed fee".into()),
        }
    }

    /// Sets (or clears) the fee a sale or a loan out brings.
    pub fn set_departure_fee(&mut self, id: &PlayerId, fee: Option<Fee>) -> Result<(), String> {
        match self.departures.iter_mut().find(|d| d.id == *id) {
            Some(d) if matches!(d.kind, DepartureKind::Sold | DepartureKind::Loaned) => {
                d.fee = fee;
                Ok(())
            }
            _ => Err("only a sale or a loan out brings a fee".into()),
        }
    }

    /// Whether the plan may assume that `id` renews to `until`: only one of the club's own
    /// players, and only to a day after his contract (as the data has it) ends — or after the
    /// plan's date when the data does not know the end.
    pub fn can_renew(&self, ds: &Dataset, id: &PlayerId, until: NaiveDate) -> Result<(), String> {
        let Some(p) = ds.player(id) else {
            return Err("a player the loaded data does not know cannot renew".into());
        };
        if ds.is_target(id) {
            return Err(format!(
                "{} is not one of the club's players: only they renew",
                p.name
            ));
        }
        match p.contract_until {
            Some(end) if until <= end => Err(format!(
                "{}'s contract already runs to {end}: a renewal ends after that",
                p.name
            )),
            None if until <= self.date => Err(format!(
                "a renewal ends after the planning date ({})",
                self.date
            )),
            _ => Ok(()),
        }
    }

    /// Sets or clears an assumption of the same kind for the same player.
    pub fn assume(&mut self, a: Assumption) {
        let same_kind = |x: &Assumption| {
            x.player() == a.player() && std::mem::discriminant(x) == std::mem::discriminant(&a)
        };
        self.assumptions.retain(|x| !same_kind(x));
        self.assumptions.push(a);
    }
}

/// A column of the whole plan after an edit made on its view: `shown` as edited, with every
/// player `hidden` says the view left out put back before the player he stood before in
/// `whole` (at the foot when nobody after him is still shown).
fn merge_column(
    whole: &[PlayerId],
    shown: &[PlayerId],
    hidden: impl Fn(&PlayerId) -> bool,
) -> Vec<PlayerId> {
    let mut out: Vec<PlayerId> = Vec::with_capacity(whole.len().max(shown.len()));
    // Each hidden player waits for the next shown player after him in `whole`.
    let mut waiting: Vec<(Option<&PlayerId>, &PlayerId)> = Vec::new();
    for (i, id) in whole.iter().enumerate() {
        if hidden(id) && !shown.contains(id) {
            let anchor = whole[i + 1..]
                .iter()
                .find(|x| !hidden(x) && shown.contains(x));
            waiting.push((anchor, id));
        }
    }
    for id in shown {
        for (anchor, h) in &waiting {
            if *anchor == Some(id) && !out.contains(h) {
                out.push((*h).clone());
            }
        }
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    for (anchor, h) in &waiting {
        if anchor.is_none() && !out.contains(h) {
            out.push((*h).clone());
        }
    }
    out
}

/// Says what a change did to the XI and the depth chart, from `id`'s point of view first:
/// "Konaté → right CB; Huijsen → left CB; Rüdiger drops to 3rd CB".
pub fn describe_change(ds: &Dataset, before: &Plan, after: &Plan, id: &PlayerId) -> String {
    let formation = after.formation();
    let slots = formation.slots();
    let xi_before = before.xi(ds);
    let xi_after = after.xi(ds);
    // Namesakes told apart as the board draws them ("A. Sørensen → right CB").
    let names = super::scenario::Names::of(ds, &[before, after], [id]);
    let name = |id: &PlayerId| names.get(id);
    let slot_of =
        |xi: &[Option<PlayerId>; 11], id: &PlayerId| xi.iter().position(|x| x.as_ref() == Some(id));
    // Where he stands after: his XI slot, else his place in a column — `near`'s column when he
    // is in it (the slot he lost: Tchouaméni out of the holding mid's slot is 2nd DM, not the
    // 4th CB his first column would say), else his first.
    let where_now = |id: &PlayerId, near: Option<Position>| -> String {
        if let Some(i) = slot_of(&xi_after, id) {
            return slots[i].label.to_string();
        }
        let cols = after.depth.positions_of(id);
        let col = near.filter(|p| cols.contains(p)).or(cols.first().copied());
        match col.as_ref() {
            Some(pos) => {
                // Counted as the depth chart numbers its rows: former players and our own out
                // of contract at the date are drawn apart and not ranked.
                let row = after
                    .depth
                    .column(*pos)
                    .iter()
                    .filter(|x| *x == id || after.can_play(ds, x))
                    .position(|x| x == id)
                    .unwrap_or(0);
                format!("{} {pos}", ordinal(row + 1))
            }
            None => "out of the plan".to_string(),
        }
    };
    let mut parts = vec![format!("{} → {}", name(id), where_now(id, None))];
    // Everyone else whose XI place changed.
    let mut others: Vec<&PlayerId> = xi_before.iter().chain(xi_after.iter()).flatten().collect();
    others.sort();
    others.dedup();
    for other in others {
        if other == id {
            continue;
        }
        let (b, a) = (slot_of(&xi_before, other), slot_of(&xi_after, other));
        if b == a {
            continue;
        }
        let text = match a {
            Some(i) => format!("{} → {}", name(other), slots[i].label),
            None => format!(
                "{} drops to {}",
                name(other),
                where_now(other, b.map(|i| before.formation().slots()[i].position))
            ),
        };
        parts.push(text);
    }
    parts.join("; ")
}

pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    fn ds() -> Dataset {
        store::load(None).expect("bundled")
    }

    fn id(s: &str) -> PlayerId {
        PlayerId::new(s)
    }

    fn slot(key: &str) -> usize {
        Formation::F433
            .slots()
            .iter()
            .position(|s| s.key == key)
            .expect("slot")
    }

    fn plan(ds: &Dataset) -> Plan {
        Plan::new(ds, NaiveDate::from_ymd_opt(2026, 7, 1).expect("date"))
    }

    #[test]
    fn dropping_a_target_on_a_slot_signs_him_into_it() {
        let ds = ds();
        let mut p = plan(&ds);
        let before = p.clone();
        p.drop_player(&ds, &id("konate"), Origin::List, Place::Slot(slot("LCB")))
            .expect("drop");
        assert_eq!(p.xi(&ds)[slot("LCB")], Some(id("konate")));
        assert_eq!(p.xi(&ds)[slot("RCB")], Some(id("huijsen")));
        assert_eq!(p.signings.len(), 1);
        assert_eq!(
            describe_change(&ds, &before, &p, &id("konate")),
            // Rüdiger, 2nd in the column, is out of contract on 1 July 2026: Militão was the
            // left CB, and is 3rd of the column as the board numbers it (Rüdiger drawn apart).
            "Konaté → left CB; Militão drops to 3rd CB"
        );
        // Back to the list: the plan is as it was.
        p.remove_signing(&ds, &id("konate")).expect("remove");
        assert_eq!(p, before);
    }

    #[test]
    fn dropping_on_the_right_cb_pushes_both_down() {
        let ds = ds();
        let mut p = plan(&ds);
        let before = p.clone();
        p.drop_player(&ds, &id("konate"), Origin::List, Place::Slot(slot("RCB")))
            .expect("drop");
        assert_eq!(
            describe_change(&ds, &before, &p, &id("konate")),
            "Konaté → right CB; Huijsen → left CB; Militão drops to 3rd CB"
        );
    }

    #[test]
    fn moving_a_player_between_positions_and_within_a_column() {
        let ds = ds();
        let mut p = plan(&ds);
        // Valverde, 3rd right-back, to the right-back slot.
        p.drop_player(&ds, &id("valverde"), Origin::List, Place::Slot(slot("RB")))
            .expect("drop");
        assert_eq!(p.xi(&ds)[slot("RB")], Some(id("valverde")));
        assert!(p.signings.is_empty());
        // Reorder within the CB column: Militão (3rd) to the top.
        p.drop_player(
            &ds,
            &id("militao"),
            Origin::Depth {
                pos: Position::CB,
                index: 2,
            },
            Place::Depth {
                pos: Position::CB,
                index: 0,
            },
        )
        .expect("reorder");
        assert_eq!(p.depth.column(Position::CB)[0], id("militao"));
        assert_eq!(p.depth.column(Position::CB).len(), 6);
        // Down one row within the same column: index accounts for his own removal.
        p.drop_player(
            &ds,
            &id("militao"),
            Origin::Depth {
                pos: Position::CB,
                index: 0,
            },
            Place::Depth {
                pos: Position::CB,
                index: 2,
            },
        )
        .expect("move down");
        assert_eq!(p.depth.column(Position::CB)[1], id("militao"));
        // A squad player cannot be dropped on the target list.
        assert!(
            p.drop_player(&ds, &id("huijsen"), Origin::List, Place::Out)
                .is_err()
        );
        // Dropping where he already is changes nothing.
        assert!(
            p.drop_player(
                &ds,
                &id("militao"),
                Origin::Depth {
                    pos: Position::CB,
                    index: 1
                },
                Place::Depth {
                    pos: Position::CB,
                    index: 1
                },
            )
            .is_err()
        );
    }

    #[test]
    fn from_a_slot_to_another_position_moves_him() {
        let ds = ds();
        let mut p = plan(&ds);
        p.drop_player(
            &ds,
            &id("huijsen"),
            Origin::Slot(slot("RCB")),
            Place::Slot(slot("LB")),
        )
        .expect("move");
        assert_eq!(p.xi(&ds)[slot("LB")], Some(id("huijsen")));
        assert!(!p.depth.column(Position::CB).contains(&id("huijsen")));
        let xi: Vec<_> = p.xi(&ds).into_iter().flatten().collect();
        let mut u = xi.clone();
        u.sort();
        u.dedup();
        assert_eq!(xi.len(), u.len());
    }

    #[test]
    fn assumptions_override_the_data() {
        let ds = ds();
        let mut p = plan(&ds);
        let militao = ds.player(&id("militao")).expect("militao");
        // His torn hamstring of 2025-12-07 was expected to keep him out to April 2026.
        let on = NaiveDate::from_ymd_opt(2026, 3, 15).expect("date");
        assert!(!super::super::status::availability(&p.effective(militao), on).is_available());
        p.assume(Assumption::FitFrom {
            id: id("militao"),
            from: NaiveDate::from_ymd_opt(2026, 3, 1).expect("date"),
        });
        assert!(super::super::status::availability(&p.effective(militao), on).is_available());
        let carvajal = ds.player(&id("carvajal")).expect("carvajal");
        p.assume(Assumption::Renews {
            window: None,
            id: id("carvajal"),
            until: NaiveDate::from_ymd_opt(2027, 6, 30).expect("date"),
        });
        assert_eq!(
            p.effective(carvajal).contract_until,
            NaiveDate::from_ymd_opt(2027, 6, 30)
        );
        assert_eq!(p.assumptions.len(), 2);
    }

    #[test]
    fn the_xi_passes_over_our_players_out_of_contract_until_renewed() {
        let ds = ds();
        let mut p = plan(&ds);
        // 1 July 2026: Rüdiger (2nd CB) is out of contract; Militão plays left CB.
        let xi = p.xi(&ds);
        assert_eq!(xi[slot("RCB")], Some(id("huijsen")));
        assert_eq!(xi[slot("LCB")], Some(id("militao")));
        assert!(!xi.contains(&Some(id("rudiger"))));
        assert!(p.out_of_contract(&ds, ds.player(&id("rudiger")).expect("rudiger")));
        // The day before, he is still under contract and plays.
        p.date = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
        assert_eq!(p.xi(&ds)[slot("LCB")], Some(id("rudiger")));
        // A renewal brings him back at the date.
        p.date = NaiveDate::from_ymd_opt(2026, 7, 1).expect("date");
        p.assume(Assumption::Renews {
            window: None,
            id: id("rudiger"),
            until: NaiveDate::from_ymd_opt(2027, 6, 30).expect("date"),
        });
        assert_eq!(p.xi(&ds)[slot("LCB")], Some(id("rudiger")));
        // He cannot be dropped into a slot while out of contract.
        let mut q = plan(&ds);
        assert!(
            q.drop_player(
                &ds,
                &id("carvajal"),
                Origin::Depth {
                    pos: Position::RB,
                    index: 1
                },
                Place::Slot(slot("RB"))
            )
            .is_err()
        );
    }

    #[test]
    fn the_default_xi_is_full_on_the_first_of_july_2026() {
        let ds = ds();
        let p = plan(&ds);
        let xi = p.xi(&ds);
        let names: Vec<&str> = xi
            .iter()
            .map(|x| x.as_ref().map_or("-", |id| id.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                "courtois",
                "alexander-arnold",
                "huijsen",
                "militao",
                "carreras",
                "tchouameni",
                "valverde",
                "bellingham",
                "rodrygo",
                "mbappe",
                "vinicius"
            ]
        );
        // A former player stands in no XI after he left, even if a column names him.
        let mut q = plan(&ds);
        q.depth.insert(Position::RB, 0, id("vazquez"));
        assert_eq!(q.xi(&ds)[slot("RB")], Some(id("alexander-arnold")));
        q.date = NaiveDate::from_ymd_opt(2025, 7, 15).expect("date");
        assert_eq!(q.xi(&ds)[slot("RB")], Some(id("vazquez")));
    }

    /// Written first, to fail on main: in 3-5-2 the wing-back slots stayed "(nobody)" on the
    /// bundled data, whose chart has right- and left-back columns but no wing-back ones.
    #[test]
    fn in_3_5_2_the_full_backs_play_wing_back() {
        let ds = ds();
        let mut p = plan(&ds);
        p.depth.formation = Formation::F352;
        let xi = p.xi(&ds);
        let at = |k: &str| {
            let i = Formation::F352
                .slots()
                .iter()
                .position(|s| s.key == k)
                .expect("slot");
            xi[i].clone()
        };
        assert_eq!(at("RWB"), Some(id("alexander-arnold")));
        assert_eq!(at("LWB"), Some(id("carreras")));
        assert!(xi.iter().all(Option::is_some), "{xi:?}");
        // A stand-in is off his main position: the board marks him.
        let taa = ds.player(&id("alexander-arnold")).expect("taa");
        assert!(taa.fit_at(Position::RWB).is_off_main());
        // And is no out-of-position warning.
        let texts: Vec<String> = super::super::warnings::assess(&ds, &p)
            .warnings
            .iter()
            .map(|w| w.text(&ds))
            .collect();
        assert!(
            !texts.iter().any(|t| t.contains("out of position")),
            "{texts:?}"
        );
    }

    #[test]
    fn departures_leave_the_depth_chart_and_come_back() {
        let ds = ds();
        let mut p = plan(&ds);
        p.depart(&ds, &id("rudiger"), DepartureKind::ContractNotRenewed)
            .expect("depart");
        // Gone from the squad once his window opens; the plan keeps his place for before.
        assert!(!p.at(p.date).depth.contains(&id("rudiger")));
        assert!(p.depth.contains(&id("rudiger")));
        assert!(
            p.at(NaiveDate::from_ymd_opt(2026, 6, 30).expect("date"))
                .depth
                .contains(&id("rudiger"))
        );
        assert!(p.depart(&ds, &id("konate"), DepartureKind::Sold).is_err());
        p.recall(&ds, &id("rudiger")).expect("recall");
        // Back where he stood (2nd CB), not at the foot of the column.
        assert_eq!(p.at(p.date).depth.column(Position::CB)[1], id("rudiger"));
    }

    /// Issue 13 ("smaller"): a hand-edited scenario naming a squad player as a signing was kept
    /// as it was (counted as bought). Failed before the fix: he stayed a signing, no change told.
    #[test]
    fn a_squad_player_named_as_a_signing_is_put_right() {
        let ds = ds();
        let mut p = plan(&ds);
        assert!(p.depth.contains(&id("rudiger")));
        p.signings.push(Signing {
            window: crate::domain::Window::summer(2026),
            contract_years: None,
            loan: false,
            id: id("rudiger"),
            assumed_fee: None,
        });
        let changes = p.normalize(&ds);
        assert_eq!(
            changes,
            vec!["`rudiger` is in the squad: not a signing (he stays in the depth chart)"]
        );
        assert!(!p.is_signing(&id("rudiger")));
        assert!(p.depth.contains(&id("rudiger")), "still in the depth chart");
        assert!(p.normalize(&ds).is_empty());
    }

    #[test]
    fn normalize_restores_the_board_rules() {
        let ds = ds();
        let mut p = plan(&ds);
        p.depth
            .columns
            .get_mut(&Position::CB)
            .expect("CB")
            .push(id("huijsen"));
        p.depth
            .columns
            .get_mut(&Position::CB)
            .expect("CB")
            .push(id("konate"));
        p.signings.push(Signing {
            window: crate::domain::Window::summer(2026),
            contract_years: None,
            loan: false,
            id: id("romero"),
            assumed_fee: None,
        });
        let changes = p.normalize(&ds);
        assert_eq!(changes.len(), 3, "{changes:?}");
        assert_eq!(
            p.depth
                .column(Position::CB)
                .iter()
                .filter(|i| **i == id("huijsen"))
                .count(),
            1
        );
        assert!(p.is_signing(&id("konate")) && !p.is_signing(&id("romero")));
        assert!(p.normalize(&ds).is_empty(), "a normal plan is left alone");
    }

    #[test]
    fn renewals_only_for_our_players_and_after_their_contract() {
        let ds = ds();
        let p = plan(&ds);
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        // Militão's contract ends 2028-06-30 in the data.
        assert!(p.can_renew(&ds, &id("militao"), day("2028-06-30")).is_err());
        assert_eq!(p.can_renew(&ds, &id("militao"), day("2029-06-30")), Ok(()));
        let romero = p
            .can_renew(&ds, &id("romero"), day("2030-06-30"))
            .expect_err("Romero is another club's player");
        assert!(romero.contains("not one of the club's players"), "{romero}");
    }

    #[test]
    fn fees_are_assumed_for_signings_and_sales_only() {
        let ds = ds();
        let mut p = plan(&ds);
        let gbp = |m: u64| Fee {
            amount: m * 1_000_000,
            currency: crate::domain::Currency::GBP,
            approximate: false,
        };
        assert!(p.set_assumed_fee(&id("romero"), Some(gbp(40))).is_err());
        p.signings.push(Signing {
            window: crate::domain::Window::summer(2026),
            contract_years: None,
            loan: false,
            id: id("romero"),
            assumed_fee: None,
        });
        p.set_assumed_fee(&id("romero"), Some(gbp(40)))
            .expect("a signing");
        assert_eq!(p.signings[0].assumed_fee, Some(gbp(40)));
        p.set_assumed_fee(&id("romero"), None).expect("cleared");
        assert_eq!(p.signings[0].assumed_fee, None);
        p.depart(&ds, &id("militao"), DepartureKind::Released)
            .expect("leaves");
        assert!(p.set_departure_fee(&id("militao"), Some(gbp(5))).is_err());
        p.depart(&ds, &id("militao"), DepartureKind::Sold)
            .expect("sold");
        p.set_departure_fee(&id("militao"), Some(gbp(50)))
            .expect("a sale");
        assert_eq!(
            p.departure(&id("militao")).and_then(|d| d.fee),
            Some(gbp(50))
        );
    }

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
            .iter()
            .map(|n| ordinal(*n))
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
    }
}
