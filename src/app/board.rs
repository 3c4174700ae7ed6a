//! The board's state: the dataset, the scenario being planned and its history, cursors, panes,
//! modals and search caches. Changed only by [`Board::update`](crate::app::Board::update).

use super::modal::{Effect, Modal};
use super::pool::{LoadedPool, PoolStatus};
use crate::config::Keymap;
use crate::domain::dates::next_summer_window;
use crate::domain::plan::{Origin, Place, Plan};
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlays {
    pub injury: bool,
    pub contract: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Linked by reports.
    Linked,
    /// In the squad, not in the depth chart (or found by search).
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
    /// Brought back from the recovery file: unsaved whatever the plan, until saved.
    pub recovered: bool,
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
            recovered: false,
        }
    }

    pub fn untitled() -> Document {
        Document {
            name: "untitled".into(),
            path: None,
            fingerprint: None,
            created: Utc::now(),
            recovered: false,
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
    /// File work asked for by `update`, performed by the loop ([`Board::run_effects`]).
    pub effects: Vec<Effect>,
    pub keymap: Arc<Keymap>,
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
    pub detail: bool,
    pub drag: Option<DragState>,
    /// A mouse press that may become a drag: the player under it.
    pub press: Option<(PlayerId, Origin)>,
    pub undo: Vec<Plan>,
    pub redo: Vec<Plan>,
    pub message: Option<String>,
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
    pub fn new(ds: Arc<Dataset>, date: Option<NaiveDate>, keymap: Arc<Keymap>) -> Board {
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
            effects: Vec::new(),
            keymap,
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
        if let Some(cb) = b.depth_columns().iter().position(|p| *p == Position::CB) {
            b.depth_cursor = (cb, 0);
        }
        b.refresh_list();
        b
    }

    pub fn dirty(&self) -> bool {
        self.plan != self.saved || self.doc.recovered
    }

    /// Offers the work a signal or a crash left in the scenario folder's recovery file.
    pub fn offer_recovery(&mut self) {
        if let Some(p) = crate::store::recovery::pending(&self.scenarios_dir) {
            let when = p.written.map_or("an earlier session".to_string(), |w| {
                w.with_timezone(&chrono::Local)
                    .format("%-d %b %Y %H:%M")
                    .to_string()
            });
            let from = p
                .origin
                .map_or(String::new(), |o| format!(" (from {})", o.display()));
            self.modal = Some(super::modal::Modal::Confirm {
                question: format!(
                    "squadboard stopped with unsaved work on {when}{from}. Restore it? \
                     y restores it; n keeps it as a scenario file in the picker."
                ),
                then: super::modal::Then::Recover,
                offer_save: false,
            });
        }
    }

    /// The depth chart's columns, right to left: the back-line positions of the formation, and
    /// any other back-line column that has players (Alexander-Arnold's RB column in a 3-5-2).
    pub fn depth_columns(&self) -> Vec<Position> {
        const ORDER: [Position; 6] = [
            Position::RWB,
            Position::RB,
            Position::CB,
            Position::LB,
            Position::LWB,
            Position::DM,
        ];
        let wanted = self.plan.formation().back_line();
        ORDER
            .into_iter()
            .filter(|p| wanted.contains(p) || !self.plan.depth.column(*p).is_empty())
            .collect()
    }

    /// How many rows the cursor may reach in a depth column: his players, plus the empty spot
    /// under them while dragging (to drop at the foot).
    pub fn depth_rows(&self, pos: Position) -> usize {
        let n = self.plan.depth.column(pos).len();
        if self.drag.is_some() { n + 1 } else { n.max(1) }
    }

    /// The player under the cursor of the focused pane, and where he is.
    pub fn selected(&self) -> Option<(PlayerId, Origin)> {
        match self.focus {
            Pane::Depth => {
                let (col, row) = self.depth_cursor;
                let pos = *self.depth_columns().get(col)?;
                let id = self.plan.depth.column(pos).get(row)?;
                Some((id.clone(), Origin::Depth { pos, index: row }))
            }
            Pane::Pitch => {
                let id = self.plan.xi()[self.slot_cursor.min(10)].clone()?;
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
        let drag = self.drag.as_ref()?;
        if drag.by_mouse {
            return self.place_of(drag.over?);
        }
        match self.focus {
            Pane::Depth => {
                let (col, row) = self.depth_cursor;
                let pos = *self.depth_columns().get(col)?;
                Some(Place::Depth { pos, index: row })
            }
            Pane::Pitch => Some(Place::Slot(self.slot_cursor.min(10))),
            Pane::List => Some(Place::Out),
        }
    }

    pub fn place_of(&self, spot: Spot) -> Option<Place> {
        match spot {
            Spot::Depth { col, row } => {
                let pos = *self.depth_columns().get(col)?;
                Some(Place::Depth { pos, index: row })
            }
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

    /// Rebuilds the target pane's list: search hits while searching, else the linked targets
    /// (newest report first) and then squad players outside the depth chart.
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
                if let Some((score, matched)) = hit {
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
            let mut out: Vec<ListItem> = linked
                .into_iter()
                .map(|l| ListItem {
                    id: l.target.clone(),
                    kind: ListKind::Linked,
                    matched: Vec::new(),
                })
                .collect();
            out.extend(
                ds.squad
                    .iter()
                    .filter(|p| !self.plan.depth.contains(&p.id))
                    .map(|p| ListItem {
                        id: p.id.clone(),
                        kind: ListKind::Squad,
                        matched: Vec::new(),
                    }),
            );
            out
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
            self.modal.get_or_insert(Modal::Notice {
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
