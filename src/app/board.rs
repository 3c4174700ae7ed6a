//! The board's state: the dataset, the scenario being planned and its history, cursors, panes,
//! modals and search caches. Changed only by [`Board::update`](crate::app::Board::update).

use super::message::Message;
use super::modal::{Effect, Modal};
use super::pool::{LoadedPool, PoolStatus};
use crate::domain::dates::next_summer_window;
use crate::domain::plan::{Origin, Place, Plan};
use crate::domain::status::is_at_club;
use crate::domain::{Dataset, PlayerId, Position};
use crate::search::index::SearchIndex;
use crate::search::{Matcher, fold};
use crate::store::atomic::Fingerprint;
use chrono::{DateTime, NaiveDate, Utc};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Depth,
    Pitch,
    List,
}

impl Pane {
    pub fn next(self) -> Pane {
        match self {
            Pane::Depth => Pane::Pitch,
            Pane::Pitch => Pane::List,
            Pane::List => Pane::Depth,
        }
    }
    pub fn prev(self) -> Pane {
        match self {
            Pane::Depth => Pane::List,
            Pane::Pitch => Pane::Depth,
            Pane::List => Pane::Pitch,
        }
    }
}

/// A place on screen the mouse can press or drop on, as the last frame drew it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Spot {
    /// A depth chart cell: column (index into [`Board::depth_columns`]) and row; a row one past
    /// the last player is the empty space under the column.
    Depth { col: usize, row: usize },
    /// A slot of the XI on the pitch.
    Slot(usize),
    /// A row of the target pane's list.
    ListRow(usize),
    /// Anywhere else in the target pane: dropping here takes a signing out of the plan.
    ListPane,
}

/// A line of the team, as the depth chart groups its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DepthLine {
    Goalkeepers,
    Defence,
    Midfield,
    Attack,
    /// Squad players whose position is unknown.
    Unplaced,
}

impl DepthLine {
    pub fn of(pos: Position) -> DepthLine {
        match pos {
            Position::GK => DepthLine::Goalkeepers,
            Position::RWB | Position::RB | Position::CB | Position::LB | Position::LWB => {
                DepthLine::Defence
            }
            Position::DM | Position::CM | Position::AM => DepthLine::Midfield,
            Position::RW | Position::ST | Position::LW => DepthLine::Attack,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DepthLine::Goalkeepers => "goalkeepers",
            DepthLine::Defence => "defence",
            DepthLine::Midfield => "midfield",
            DepthLine::Attack => "attack",
            DepthLine::Unplaced => "position unknown",
        }
    }
}

/// The depth chart's columns in the order drawn: line by line, each line right to left.
const COLUMN_ORDER: [Position; 12] = [
    Position::GK,
    Position::RWB,
    Position::RB,
    Position::CB,
    Position::LB,
    Position::LWB,
    Position::DM,
    Position::CM,
    Position::AM,
    Position::RW,
    Position::ST,
    Position::LW,
];

/// A column of the depth pane: a position's, or the squad players whose position is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DepthColumn {
    Pos(Position),
    Unplaced,
}

impl DepthColumn {
    pub fn line(self) -> DepthLine {
        match self {
            DepthColumn::Pos(p) => DepthLine::of(p),
            DepthColumn::Unplaced => DepthLine::Unplaced,
        }
    }

    pub fn position(self) -> Option<Position> {
        match self {
            DepthColumn::Pos(p) => Some(p),
            DepthColumn::Unplaced => None,
        }
    }
}

impl PartialEq<Position> for DepthColumn {
    fn eq(&self, other: &Position) -> bool {
        *self == DepthColumn::Pos(*other)
    }
}

/// A player as a depth column draws him.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepthRow {
    pub id: PlayerId,
    /// His index in the chart's column; `None` for a squad player the chart leaves out.
    pub index: Option<usize>,
    /// Our own player whose contract has run out at the date: drawn apart at the foot.
    pub expired: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlays {
    pub injury: bool,
    pub contract: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Linked by reports.
    Linked,
    /// A squad player found by search (the depth chart shows him).
    Squad,
    /// From the scouting pool (found by search).
    Pool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub id: PlayerId,
    pub kind: ListKind,
    /// Matched chars of the name, for highlighting.
    pub matched: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The search box takes keys.
    pub typing: bool,
    pub query: String,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        self.typing || !self.query.is_empty()
    }
}

/// A player being dragged, where from, and (for the mouse) what he is over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DragState {
    pub id: PlayerId,
    pub origin: Origin,
    pub by_mouse: bool,
    /// The spot under the mouse; keyboard drags drop at the cursor instead.
    pub over: Option<Spot>,
}

/// The scenario being edited: its name and the file it lives in, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub name: String,
    pub path: Option<PathBuf>,
    /// The file as last read or written, to notice changes made on disk since.
    pub fingerprint: Option<Fingerprint>,
    pub created: DateTime<Utc>,
    /// Brought back from this recovery file: unsaved whatever the plan until saved, and the
    /// file is removed only once its work is saved somewhere.
    pub recovered: Option<PathBuf>,
}

impl Document {
    /// A scenario as it stands in its file.
    pub fn in_file(
        name: String,
        path: Option<PathBuf>,
        fingerprint: Option<Fingerprint>,
        created: DateTime<Utc>,
    ) -> Document {
        Document {
            name,
            path,
            fingerprint,
            created,
            recovered: None,
        }
    }

    pub fn untitled() -> Document {
        Document {
            name: "untitled".into(),
            path: None,
            fingerprint: None,
            created: Utc::now(),
            recovered: None,
        }
    }
}

pub struct Board {
    pub ds: Arc<Dataset>,
    pub plan: Plan,
    /// The plan as last saved (or opened): unsaved changes are the difference.
    pub saved: Plan,
    pub doc: Document,
    /// Where scenarios are saved and listed.
    pub scenarios_dir: PathBuf,
    /// A prompt, confirmation, picker… on top of the board; it takes the keys while open.
    pub modal: Option<Modal>,
    /// Dialogues raised while another was open (a notice during the recovery offer): shown, in
    /// order, as each one before them closes — never dropped.
    pub pending_modals: std::collections::VecDeque<Modal>,
    /// File work asked for by `update`, performed by the loop ([`Board::run_effects`]).
    pub effects: Vec<Effect>,
    pub overlays: Overlays,
    pub focus: Pane,
    /// Depth pane cursor: column index into [`Board::depth_columns`], row.
    pub depth_cursor: (usize, usize),
    pub slot_cursor: usize,
    pub list_cursor: usize,
    pub filter: Filter,
    pub list: Vec<ListItem>,
    pub help: bool,
    pub help_scroll: u16,
    /// The timeline view (key `T`), when shown.
    pub timeline_view: Option<super::timeline::TimelineView>,
    pub detail: bool,
    pub drag: Option<DragState>,
    /// A mouse press that may become a drag: the player under it.
    pub press: Option<(PlayerId, Origin)>,
    pub undo: Vec<Plan>,
    pub redo: Vec<Plan>,
    pub message: Option<Message>,
    pub should_quit: bool,
    /// Quit once the save under way succeeds ("save and quit").
    pub quit_after_save: bool,
    pub pool: PoolStatus,
    /// The pool's search index and its players' ids, once loaded.
    pool_index: Option<SearchIndex>,
    pool_ids: Vec<PlayerId>,
    /// The pool hits of the last query, so a redraw does not search 100k names again.
    pool_hits: (String, Vec<(i64, ListItem)>),
    /// How many pool players the last query matched in all.
    pub pool_matches: usize,
    /// A scenario to open once the pool has loaded (it may sign pool players).
    pub open_after_pool: Option<PathBuf>,
    matcher: Arc<Matcher>,
    /// Folded search keys of squad and targets: (id, folded name, folded other names).
    keys: Arc<Vec<(PlayerId, String, Vec<String>)>>,
}

pub const HISTORY_LIMIT: usize = 1000;

/// The most pool players a search lists (the title says how many matched in all).
pub const POOL_LIMIT: usize = 200;

/// What a drop would do: the plan after it and a line saying so, or why it would not happen.
pub type Preview = Result<(Plan, String), String>;

impl Board {
    /// Puts a line in the status bar.
    pub fn say(&mut self, m: impl Into<Message>) {
        self.message = Some(m.into());
    }

    /// The status line's text, keys shown as `<Command>` (for tests and logs; ui prints keys
    /// from the keymap).
    pub fn message_text(&self) -> Option<String> {
        self.message.as_ref().map(ToString::to_string)
    }

    pub fn new(ds: Arc<Dataset>, date: Option<NaiveDate>) -> Board {
        let today = chrono::Local::now().date_naive();
        let date = date.unwrap_or_else(|| {
            ds.newest_report()
                .map_or_else(|| next_summer_window(today), next_summer_window)
        });
        let plan = Plan::new(&ds, date);
        let keys = ds
            .squad
            .iter()
            .chain(ds.targets.iter())
            .map(|p| {
                let mut others: Vec<String> = p.aliases.iter().map(|a| fold(a)).collect();
                if let Some(k) = &p.known_as {
                    others.push(fold(k));
                }
                (p.id.clone(), fold(&p.name), others)
            })
            .collect();
        let mut b = Board {
            ds,
            saved: plan.clone(),
            plan,
            doc: Document::untitled(),
            scenarios_dir: crate::store::scenario::scenarios_dir(None),
            modal: None,
            pending_modals: std::collections::VecDeque::new(),
            effects: Vec::new(),
            overlays: Overlays {
                injury: true,
                contract: true,
            },
            focus: Pane::Depth,
            depth_cursor: (0, 0),
            slot_cursor: 1,
            list_cursor: 0,
            filter: Filter::default(),
            list: Vec::new(),
            help: false,
            help_scroll: 0,
            timeline_view: None,
            detail: false,
            drag: None,
            press: None,
            undo: Vec::new(),
            redo: Vec::new(),
            message: None,
            should_quit: false,
            quit_after_save: false,
            pool: PoolStatus::None,
            pool_index: None,
            pool_ids: Vec::new(),
            pool_hits: (String::new(), Vec::new()),
            pool_matches: 0,
            open_after_pool: None,
            matcher: Arc::new(Matcher::default()),
            keys: Arc::new(keys),
        };
        // Start on the first centre-back: the question is usually about the middle of defence.
        // With no CB column, the first column of the defence: the back line is the default.
        let cols = b.depth_columns();
        if let Some(cb) = cols
            .iter()
            .position(|p| *p == Position::CB)
            .or_else(|| cols.iter().position(|c| c.line() == DepthLine::Defence))
        {
            b.depth_cursor = (cb, 0);
        }
        b.refresh_list();
        b
    }

    pub fn dirty(&self) -> bool {
        self.plan != self.saved || self.doc.recovered.is_some()
    }

    /// Offers the work signals or crashes left in the scenario folder (see `app::scenario`).
    pub fn offer_recovery(&mut self) {
        self.offer_recoveries();
    }

    /// The depth chart's columns, line by line (goalkeepers · defence · midfield · attack), each
    /// line right to left: every position of the formation, every column that has players, and
    /// the position of every squad player the chart leaves out; last, an "unplaced" column for
    /// squad players whose position is unknown and who stand in no column.
    pub fn depth_columns(&self) -> Vec<DepthColumn> {
        let formation = self.plan.formation();
        let unplaced = self.unplaced();
        let mut out: Vec<DepthColumn> = COLUMN_ORDER
            .into_iter()
            .filter(|p| {
                formation.slots_for(*p) > 0
                    || !self.plan.depth.column(*p).is_empty()
                    || unplaced.iter().any(|u| u.position == Some(*p))
            })
            .map(DepthColumn::Pos)
            .collect();
        if unplaced.iter().any(|u| u.position.is_none()) {
            out.push(DepthColumn::Unplaced);
        }
        out
    }

    /// Squad players at the club on the planning date who stand in no depth column.
    fn unplaced(&self) -> Vec<&crate::domain::Player> {
        let on = self.plan.date;
        self.ds
            .squad
            .iter()
            .filter(|p| is_at_club(p, on) && !self.plan.depth.contains(&p.id))
            .collect()
    }

    /// Whether this is our own player whose contract has run out at the planning date (the
    /// plan's assumed renewals counted): drawn apart at the foot of his column.
    pub fn out_of_contract(&self, id: &PlayerId) -> bool {
        self.ds
            .player(id)
            .is_some_and(|p| self.plan.out_of_contract(&self.ds, &self.plan.effective(p)))
    }

    /// A depth column as drawn, top to bottom: the players of the chart under contract (in
    /// order), the squad players of this position the chart leaves out, then our own players
    /// whose contract has run out. Former players are gone from the day they left.
    pub fn depth_view(&self, col: DepthColumn) -> Vec<DepthRow> {
        let on = self.plan.date;
        // A player the loaded data cannot resolve stays where he stands (drawn as `? id`).
        let present = |id: &PlayerId| {
            self.ds.is_target(id) || self.ds.player(id).is_none_or(|p| is_at_club(p, on))
        };
        let mut rows: Vec<DepthRow> = match col {
            DepthColumn::Pos(pos) => self
                .plan
                .depth
                .column(pos)
                .iter()
                .enumerate()
                .filter(|(_, id)| present(id))
                .map(|(i, id)| DepthRow {
                    id: id.clone(),
                    index: Some(i),
                    expired: false,
                })
                .collect(),
            DepthColumn::Unplaced => Vec::new(),
        };
        let want = match col {
            DepthColumn::Pos(pos) => Some(pos),
            DepthColumn::Unplaced => None,
        };
        rows.extend(
            self.unplaced()
                .into_iter()
                .filter(|p| p.position == want)
                .map(|p| DepthRow {
                    id: p.id.clone(),
                    index: None,
                    expired: false,
                }),
        );
        for r in &mut rows {
            r.expired = self.out_of_contract(&r.id);
        }
        // Stable: each part keeps the chart's order.
        rows.sort_by_key(|r| r.expired);
        rows
    }

    /// How many rows the cursor may reach in a depth column: his players, plus the empty spot
    /// under them while dragging (to drop at the foot).
    pub fn depth_rows(&self, col: DepthColumn) -> usize {
        let n = self.depth_view(col).len();
        if self.drag.is_some() { n + 1 } else { n.max(1) }
    }

    /// The depth index a drop on row `row` of a column lands at: the place of the player drawn
    /// there (he moves down one), or the foot of the chart's column.
    fn depth_index(&self, pos: Position, row: usize) -> usize {
        let view = self.depth_view(DepthColumn::Pos(pos));
        view.get(row)
            .and_then(|r| r.index)
            .unwrap_or_else(|| self.plan.depth.column(pos).len())
    }

    /// The player on a depth row, and where he comes from when grabbed (a squad player with no
    /// depth place comes as from a list: he is copied in, taken out of nowhere).
    pub fn depth_player(&self, col: usize, row: usize) -> Option<(PlayerId, Origin)> {
        let column = *self.depth_columns().get(col)?;
        let r = self.depth_view(column).get(row)?.clone();
        let origin = match (column, r.index) {
            (DepthColumn::Pos(pos), Some(index)) => Origin::Depth { pos, index },
            _ => Origin::List,
        };
        Some((r.id, origin))
    }

    /// The line of the depth chart the cursor is on.
    pub fn depth_line(&self) -> DepthLine {
        self.depth_columns()
            .get(self.depth_cursor.0)
            .map_or(DepthLine::Defence, |c| c.line())
    }

    /// Moves the depth cursor to the first column of the next (`+1`) or previous (`-1`) line,
    /// round the ends.
    pub fn jump_line(&mut self, delta: isize) {
        let cols = self.depth_columns();
        let mut lines: Vec<DepthLine> = cols.iter().map(|c| c.line()).collect();
        lines.dedup();
        if lines.is_empty() {
            return;
        }
        let here = lines
            .iter()
            .position(|l| *l == self.depth_line())
            .unwrap_or(0);
        let n = lines.len() as isize;
        let to = lines[((here as isize + delta).rem_euclid(n)) as usize];
        let col = cols.iter().position(|c| c.line() == to).unwrap_or(0);
        self.focus = Pane::Depth;
        self.depth_cursor = (col, 0);
        self.clamp_cursors();
    }

    /// The player under the cursor of the focused pane, and where he is.
    pub fn selected(&self) -> Option<(PlayerId, Origin)> {
        match self.focus {
            Pane::Depth => self.depth_player(self.depth_cursor.0, self.depth_cursor.1),
            Pane::Pitch => {
                let id = self.plan.xi(&self.ds)[self.slot_cursor.min(10)].clone()?;
                Some((id, Origin::Slot(self.slot_cursor)))
            }
            Pane::List => {
                let item = self.list.get(self.list_cursor)?;
                Some((item.id.clone(), Origin::List))
            }
        }
    }

    /// The player the detail pane shows: the one being dragged, else the selected one.
    pub fn shown_player(&self) -> Option<PlayerId> {
        self.drag
            .as_ref()
            .map(|d| d.id.clone())
            .or_else(|| self.selected().map(|(id, _)| id))
    }

    /// Where a drop would land now: the spot under the mouse, or the keyboard cursor.
    pub fn drop_place(&self) -> Option<Place> {
        self.place_of(self.drop_spot()?)
    }

    /// The spot a drop would land on now: under the mouse, or at the keyboard cursor.
    pub fn drop_spot(&self) -> Option<Spot> {
        let drag = self.drag.as_ref()?;
        if drag.by_mouse {
            return drag.over;
        }
        Some(match self.focus {
            Pane::Depth => Spot::Depth {
                col: self.depth_cursor.0,
                row: self.depth_cursor.1,
            },
            Pane::Pitch => Spot::Slot(self.slot_cursor.min(10)),
            Pane::List => Spot::ListPane,
        })
    }

    pub fn place_of(&self, spot: Spot) -> Option<Place> {
        match spot {
            Spot::Depth { col, row } => match *self.depth_columns().get(col)? {
                DepthColumn::Pos(pos) => Some(Place::Depth {
                    pos,
                    index: self.depth_index(pos, row),
                }),
                DepthColumn::Unplaced => None,
            },
            Spot::Slot(i) if i < 11 => Some(Place::Slot(i)),
            Spot::Slot(_) => None,
            Spot::ListRow(_) | Spot::ListPane => Some(Place::Out),
        }
    }

    /// What dropping now would do: the plan after it and a line saying so, or why it would not.
    pub fn drop_preview(&self) -> Option<(Place, Preview)> {
        let drag = self.drag.as_ref()?;
        let place = self.drop_place()?;
        let mut after = self.plan.clone();
        let result = after
            .drop_player(&self.ds, &drag.id, drag.origin, place)
            .map(|()| {
                let text =
                    crate::domain::plan::describe_change(&self.ds, &self.plan, &after, &drag.id);
                (after, text)
            });
        Some((place, result))
    }

    /// Rebuilds the target pane's list: search hits while searching (targets, squad players
    /// marked as such, pool players), else the linked targets, newest report first. Squad
    /// players are never listed as targets: the depth chart shows every one of them.
    pub fn refresh_list(&mut self) {
        let ds = Arc::clone(&self.ds);
        self.list = if self.filter.is_active() && !self.filter.query.trim().is_empty() {
            let q = self.filter.query.clone();
            let mut hits: Vec<(i64, ListItem)> = Vec::new();
            for (id, name, others) in self.keys.iter() {
                let hit = self
                    .matcher
                    .matches(name, &q)
                    .map(|h| (h.score, h.indices))
                    .or_else(|| {
                        others
                            .iter()
                            .filter_map(|o| self.matcher.matches(o, &q))
                            .map(|h| (h.score, Vec::new()))
                            .max_by_key(|(s, _)| *s)
                    });
                // A former player is no longer in the squad to be found.
                let gone = ds
                    .player(id)
                    .is_some_and(|p| !ds.is_target(id) && !is_at_club(p, self.plan.date));
                if let Some((score, matched)) = hit.filter(|_| !gone) {
                    let kind = if ds.is_target(id) {
                        ListKind::Linked
                    } else {
                        ListKind::Squad
                    };
                    hits.push((
                        score,
                        ListItem {
                            id: id.clone(),
                            kind,
                            matched,
                        },
                    ));
                }
            }
            hits.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
            // The pool's best, merged in by score after the club's own at equal scores.
            hits.extend(self.pool_search(&q));
            hits.sort_by_key(|h| std::cmp::Reverse(h.0));
            hits.truncate(POOL_LIMIT + self.keys.len());
            hits.into_iter().map(|(_, item)| item).collect()
        } else {
            let mut linked: Vec<&crate::domain::Link> = ds.links.iter().collect();
            linked.sort_by_key(|l| {
                let latest = ds.reports_for(&l.target).first().map(|r| r.date);
                (std::cmp::Reverse(latest), l.target.clone())
            });
            linked
                .into_iter()
                .map(|l| ListItem {
                    id: l.target.clone(),
                    kind: ListKind::Linked,
                    matched: Vec::new(),
                })
                .collect()
        };
        self.clamp_cursors();
    }

    /// Pool hits for a query, searched again only when the query changed.
    fn pool_search(&mut self, q: &str) -> Vec<(i64, ListItem)> {
        let Some(index) = self.pool_index.as_mut() else {
            return Vec::new();
        };
        if self.pool_hits.0 != q {
            let hits = index.query(q, POOL_LIMIT);
            self.pool_matches = index.last_match_count().unwrap_or(hits.len());
            let items = hits
                .into_iter()
                .filter_map(|(i, h)| {
                    let id = self.pool_ids.get(i)?.clone();
                    Some((
                        h.score,
                        ListItem {
                            id,
                            kind: ListKind::Pool,
                            matched: h.indices,
                        },
                    ))
                })
                .collect();
            self.pool_hits = (q.to_string(), items);
        }
        self.pool_hits.1.clone()
    }

    /// Takes in a loaded pool: its players become possible targets.
    pub fn take_pool(&mut self, pool: LoadedPool) {
        self.pool = PoolStatus::Ready {
            players: pool.ids.len(),
            problems: pool.problems.len(),
        };
        self.ds = Arc::new(pool.dataset);
        self.pool_index = Some(pool.index);
        self.pool_ids = pool.ids;
        self.pool_hits = (String::new(), Vec::new());
        if !pool.problems.is_empty() {
            let mut lines = pool.problems;
            let more = lines.len().saturating_sub(200);
            lines.truncate(200);
            if more > 0 {
                lines.push(format!("… and {more} more"));
            }
            self.show(Modal::Notice {
                title: format!("Pool {}: rows skipped", pool.source.display()),
                lines,
                scroll: 0,
            });
        }
        if let Some(path) = self.open_after_pool.take() {
            self.effects.push(Effect::Open(path));
        }
    }

    pub fn clamp_cursors(&mut self) {
        let cols = self.depth_columns();
        let (mut col, mut row) = self.depth_cursor;
        col = col.min(cols.len().saturating_sub(1));
        if let Some(pos) = cols.get(col) {
            row = row.min(self.depth_rows(*pos).saturating_sub(1));
        } else {
            row = 0;
        }
        self.depth_cursor = (col, row);
        self.slot_cursor = self.slot_cursor.min(10);
        self.list_cursor = self.list_cursor.min(self.list.len().saturating_sub(1));
    }
}
