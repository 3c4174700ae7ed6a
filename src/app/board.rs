//! The board: the document (data, plan, file, history), the view (cursors, panes, modals) and
//! the search state, each in its own module; here the questions asked of all three (what is
//! selected, where a drop lands, the target list). Changed only by
//! [`Board::update`](crate::app::Board::update).

use super::document::Document;
use super::effects::Effect;
use super::message::Message;
use super::modal::Modal;
use super::pool::{PoolBatch, PoolStatus};
use super::search::{POOL_LIMIT, SearchState};
use super::view::{DepthColumn, DepthLine, ListItem, ListKind, Pane, Spot, View};
use crate::domain::dates::next_summer_window;
use crate::domain::plan::{Origin, Place, Plan};
use crate::domain::{Dataset, PlayerId, Position};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::Arc;

pub struct Board {
    /// The scenario being planned: data, plan, file and undo history.
    pub doc: Document,
    /// What is shown and where the user stands: cursors, panes, modals.
    pub view: View,
    /// Search over the club's players and the scouting pool.
    pub search: SearchState,
    /// The effects the action being handled asks for, handed back by `update`.
    pub(crate) effects: Vec<Effect>,
}

/// What a drop would do: the plan after it and a line saying so, or why it would not happen.
pub type Preview = Result<(Plan, String), String>;

impl Board {
    /// The short names the board uses for every player it may draw or name: the whole plan,
    /// the date's view of it, the squad, the player being dragged and `also`, namesakes told
    /// apart ("A. Sørensen") — the same in the depth chart, the pitch and every message.
    pub fn names<'a>(
        &'a self,
        also: impl IntoIterator<Item = &'a PlayerId>,
    ) -> crate::domain::scenario::Names {
        let drag = self.view.drag.as_ref().map(|d| &d.id);
        crate::domain::scenario::Names::of(
            &self.doc.ds,
            &[&self.doc.plan, &self.doc.shown],
            drag.into_iter().chain(also),
        )
    }

    /// Puts a line in the status bar.
    pub fn say(&mut self, m: impl Into<Message>) {
        self.view.message = Some(m.into());
    }

    /// The status line's text, keys shown as `<Command>` (for tests and logs; ui prints keys
    /// from the keymap).
    pub fn message_text(&self) -> Option<String> {
        self.view.message.as_ref().map(ToString::to_string)
    }

    /// A board on `ds` at `date` (else the summer window after the newest report, or after
    /// `today` with no reports), its scenarios saved in `scenarios_dir`. Reads no clock and no
    /// environment: the caller passes both.
    pub fn new(
        ds: Arc<Dataset>,
        date: Option<NaiveDate>,
        today: NaiveDate,
        scenarios_dir: PathBuf,
    ) -> Board {
        let date = date.unwrap_or_else(|| {
            ds.newest_report()
                .map_or_else(|| next_summer_window(today), next_summer_window)
        });
        let plan = Plan::new(&ds, date);
        let mut b = Board {
            search: SearchState::new(&ds),
            doc: Document::new(ds, plan, scenarios_dir),
            view: View::default(),
            effects: Vec::new(),
        };
        // Start on the first centre-back: the question is usually about the middle of defence.
        // With no CB column, the first column of the defence: the back line is the default.
        let cols = b.depth_columns();
        if let Some(cb) = cols
            .iter()
            .position(|p| *p == Position::CB)
            .or_else(|| cols.iter().position(|c| c.line() == DepthLine::Defence))
        {
            b.view.depth_cursor = (cb, 0);
        }
        b.refresh_list();
        b
    }

    /// The player under the cursor of the focused pane, and where he is.
    pub fn selected(&self) -> Option<(PlayerId, Origin)> {
        match self.view.focus {
            Pane::Depth => self.depth_player(self.view.depth_cursor.0, self.view.depth_cursor.1),
            Pane::Pitch => {
                let id = self.doc.shown.xi(&self.doc.ds)[self.view.slot_cursor.min(10)].clone()?;
                Some((id, Origin::Slot(self.view.slot_cursor)))
            }
            Pane::List => {
                let item = self.view.list.get(self.view.list_cursor)?;
                Some((item.id.clone(), Origin::List))
            }
        }
    }

    /// The player the detail pane shows: the one being dragged, else the selected one.
    pub fn shown_player(&self) -> Option<PlayerId> {
        self.view
            .drag
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
        let drag = self.view.drag.as_ref()?;
        if drag.by_mouse {
            return drag.over;
        }
        Some(match self.view.focus {
            Pane::Depth => Spot::Depth {
                col: self.view.depth_cursor.0,
                row: self.view.depth_cursor.1,
            },
            Pane::Pitch => Spot::Slot(self.view.slot_cursor.min(10)),
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
            Spot::DepthMore { .. } | Spot::Warnings => None,
            Spot::Slot(i) if i < 11 => Some(Place::Slot(i)),
            Spot::Slot(_) => None,
            Spot::ListRow(_) | Spot::ListPane | Spot::ListMore(_) => Some(Place::Out),
        }
    }

    /// What dropping now would do: the plan after it and a line saying so, or why it would not.
    pub fn drop_preview(&self) -> Option<(Place, Preview)> {
        let drag = self.view.drag.as_ref()?;
        let place = self.drop_place()?;
        let mut after = self.doc.shown.clone();
        let result = after
            .drop_player(&self.doc.ds, &drag.id, drag.origin, place)
            .map(|()| {
                let text = crate::domain::plan::describe_change(
                    &self.doc.ds,
                    &self.doc.shown,
                    &after,
                    &drag.id,
                );
                (after, text)
            });
        Some((place, result))
    }

    /// Rebuilds the target pane's list: search hits while searching (targets, squad players
    /// marked as such, pool players), else the linked targets, newest report first. Squad
    /// players are never listed as targets: the depth chart shows every one of them.
    pub fn refresh_list(&mut self) {
        let ds = Arc::clone(&self.doc.ds);
        let money = self.doc.plan.money.clone();
        let order = self.view.table.order(self.doc.date, &money);
        // The table's sort, over the rows listed (a query with filters alone has already
        // kept the first of every player passing them, in order).
        let sort = |search: &mut SearchState, rows: &mut Vec<ListItem>| {
            if let Some(order) = &order {
                let keys = search.sort_keys.column(&ds, order);
                keys.sort(rows, &ds, order.descending);
            }
        };
        self.view.list =
            if self.view.filter.is_active() && !self.view.filter.query.text().trim().is_empty() {
                let text = self.view.filter.query.text().to_string();
                // A key that changes neither the query nor what it reads (a cursor move) lists
                // the same rows: a query with filters alone tests every pool player.
                let key = super::search::ListedKey {
                    text: text.clone(),
                    date: self.doc.date,
                    money: self.doc.plan.money.clone(),
                    table: self.view.table,
                    data: Arc::as_ptr(&ds) as usize,
                    sizes: (ds.squad.len(), ds.targets.len(), ds.pool().len()),
                };
                match self.search.listed(&key) {
                    Some((rows, matches)) => {
                        self.search.pool_matches = matches;
                        rows
                    }
                    None => {
                        let (mut rows, sorted) = self.search_hits(&ds, &text);
                        if !sorted {
                            sort(&mut self.search, &mut rows);
                        }
                        self.search.keep_listed(key, rows.clone());
                        rows
                    }
                }
            } else {
                let mut linked: Vec<&crate::domain::Link> = ds.links.iter().collect();
                linked.sort_by_key(|l| {
                    let latest = ds.reports_for(&l.target).first().map(|r| r.date);
                    (std::cmp::Reverse(latest), l.target.clone())
                });
                let mut rows = linked
                    .into_iter()
                    .map(|l| ListItem {
                        id: l.target.clone(),
                        kind: ListKind::Linked,
                        matched: Vec::new(),
                    })
                    .collect();
                sort(&mut self.search, &mut rows);
                rows
            };
        self.clamp_cursors();
    }

    /// The search box's query as the list shows it: name words (also with German and Nordic
    /// letters written out) and filters (`pos:CB age:<24 …`, see `search::query`), best first.
    /// A malformed filter empties the list and says where it is.
    /// Also says whether the rows are in the table's sort already.
    fn search_hits(
        &mut self,
        ds: &Arc<crate::domain::Dataset>,
        text: &str,
    ) -> (Vec<ListItem>, bool) {
        use crate::search::query::{Query, passes, transliterated};
        let money = self.doc.plan.money.clone();
        let on = self.doc.date;
        let query = match Query::parse(text, &money) {
            Ok(q) => q,
            Err(e) => {
                if self.view.filter.typing {
                    self.say(e.to_string());
                }
                return (Vec::new(), true);
            }
        };
        let any_value = ds.pool().any_market_value()
            || ds
                .squad
                .iter()
                .chain(&ds.targets)
                .any(|p| p.market_value.is_some());
        let (filters, said) = query.unanswerable_when(any_value);
        if let Some(s) = said.first()
            && self.view.filter.typing
        {
            self.say(s.clone());
        }
        let words = query.words.trim().to_string();
        let room = POOL_LIMIT + self.search.club_len();
        // Pool players are tested through one scratch player: none is made whole to be tested.
        let mut scratch = crate::domain::Player::new("", "", "", None);
        let mut keep = |item: &ListItem| {
            filters.is_empty()
                || match ds.side(&item.id) {
                    Some(crate::domain::Side::Pool(i)) => ds
                        .pool()
                        .scout(i, &mut scratch)
                        .is_some_and(|p| passes(&filters, p, on, &money)),
                    _ => ds
                        .player(&item.id)
                        .is_some_and(|p| passes(&filters, p, on, &money)),
                }
        };
        let (mut hits, sorted): (Vec<(i64, ListItem)>, bool) = if words.is_empty() {
            // Filters alone: every player passing them, the club's first, the pool's in order.
            let gone = |p: &crate::domain::Player| {
                !ds.is_target(&p.id) && !crate::domain::status::is_at_club(p, on)
            };
            let mut out = Vec::new();
            // A sorted table shows the first by its column of every player passing: the
            // column's keys, worked out once, pick them.
            let order = self.view.table.order(on, &money);
            let keys = order.map(|o| (self.search.sort_keys.column(ds, &o), o.descending));
            let mut club_passing_rows = Vec::new();
            // Every player is tested, so the title counts all the pool players passing.
            let mut club_passing = 0usize;
            // The club's players numbered as the sort's keys number them: after the pool's.
            for (p, number) in ds.squad.iter().chain(&ds.targets).zip(ds.pool().len()..) {
                if gone(p) || !passes(&filters, p, on, &money) {
                    continue;
                }
                let kind = match ds.side(&p.id) {
                    Some(crate::domain::Side::Squad(_)) => ListKind::Squad,
                    _ if ds.link(&p.id).is_some() => ListKind::Linked,
                    _ => ListKind::Pool,
                };
                let item = ListItem::of(p.id.clone(), kind);
                if kind != ListKind::Pool {
                    club_passing += 1;
                }
                if keys.is_some() {
                    club_passing_rows.push((number, item));
                } else if out.len() < room {
                    out.push((0, item));
                }
            }
            let pool = ds.pool();
            // The pool rows passing these filters are kept: a sort or another key on the same
            // query goes over them only, not over every pool player again.
            let pass_key = super::search::PassKey {
                text: text.to_string(),
                date: on,
                money: money.clone(),
                data: Arc::as_ptr(ds) as usize,
                pool: pool.len(),
            };
            let passing = self.search.take_passing(&pass_key).unwrap_or_else(|| {
                (0..pool.len())
                    .filter(|&i| {
                        pool.scout(i, &mut scratch)
                            .is_some_and(|p| passes(&filters, p, on, &money))
                    })
                    .map(|i| i as u32)
                    .collect()
            });
            let mut pool_passing = passing.len()
                + club_passing_rows
                    .iter()
                    .filter(|(_, i)| i.kind == ListKind::Pool)
                    .count();
            if let Some((keys, descending)) = &keys {
                let mut rows: Vec<(usize, ListItem)> = keys
                    .first_pool_rows(&passing, room, *descending)
                    .into_iter()
                    .map(|i| {
                        let i = i as usize;
                        (i, ListItem::of(PlayerId::new(pool.id(i)), ListKind::Pool))
                    })
                    .collect();
                rows.extend(club_passing_rows);
                rows.sort_by_key(|(number, _)| keys.key(*number as u32, *descending));
                rows.truncate(room);
                let rows: Vec<ListItem> = rows.into_iter().map(|(_, i)| i).collect();
                // The title counts the pool's players not shown; a sort can leave the club's
                // own out too, and they are counted with them.
                let club_shown = rows.iter().filter(|i| i.kind != ListKind::Pool).count();
                pool_passing += club_passing.saturating_sub(club_shown);
                out = rows.into_iter().map(|i| (0, i)).collect();
            } else {
                let left = room.saturating_sub(out.len());
                out.extend(passing.iter().take(left).map(|&i| {
                    (
                        0,
                        ListItem::of(PlayerId::new(pool.id(i as usize)), ListKind::Pool),
                    )
                }));
            }
            self.search.keep_passing(pass_key, passing);
            self.search.pool_matches = pool_passing;
            (out, true)
        } else {
            let mut spellings = vec![words.clone()];
            spellings.extend(transliterated(&words));
            let mut out = Vec::new();
            for w in &spellings {
                out.extend(self.search.club_hits(ds, on, w));
                if filters.is_empty() && spellings.len() == 1 {
                    // The pool's best, merged in by score after the club's own.
                    out.extend(self.search.pool_search(ds.pool(), w));
                } else {
                    out.extend(self.search.pool_search_wide(ds.pool(), w, room * 50));
                }
            }
            out.retain(|(_, item)| keep(item));
            // Either spelling held whole in the name first ("Müller" and "Mueller" for
            // `mueller`), then by score.
            let folded: Vec<String> = spellings.iter().map(|s| crate::search::fold(s)).collect();
            let whole = |id: &crate::domain::PlayerId| {
                spellings.len() > 1
                    && ds.name_of(id).is_some_and(|name| {
                        let name = crate::search::fold(name);
                        folded
                            .iter()
                            .any(|q| q.split_whitespace().all(|w| name.contains(w)))
                    })
            };
            out.sort_by_key(|h| (!whole(&h.1.id), std::cmp::Reverse(h.0)));
            let mut seen = std::collections::HashSet::new();
            out.retain(|(_, item)| seen.insert(item.id.clone()));
            if !filters.is_empty() || spellings.len() > 1 {
                // What the title counts: the pool's hits passing the filters (of those searched).
                self.search.pool_matches =
                    out.iter().filter(|(_, i)| i.kind == ListKind::Pool).count();
            }
            (out, false)
        };
        hits.truncate(room);
        (hits.into_iter().map(|(_, item)| item).collect(), sorted)
    }

    /// Takes in a batch of the pool: its players become possible targets, found by search.
    pub fn take_pool_batch(&mut self, batch: PoolBatch) {
        // Room for the whole pool at the first batch: nothing is copied as it grows.
        let room = match &self.search.pool {
            PoolStatus::Loading { progress, .. } if self.search.pool_len() == 0 => {
                progress.estimate()
            }
            _ => None,
        };
        // The board holds the only reference to its data (the loader keeps none), so the data
        // grows in place.
        let ds = Arc::make_mut(&mut self.doc.ds);
        if let Some(n) = room {
            ds.reserve_pool(n);
        }
        let came = batch.players.len();
        ds.append_pool(batch.players);
        self.search.append_pool(batch.index, batch.notes);
        if let Some(n) = room {
            self.search.reserve_pool(n.saturating_sub(came));
        }
    }

    /// The last batch is in: the pool is ready, what it had to say is shown, and the scenario
    /// named on the command line opens.
    pub fn pool_loaded(&mut self, source: &std::path::Path) {
        let notes = self.search.pool_ready();
        if !notes.is_empty() {
            let mut lines = notes.lines();
            let more = lines.len().saturating_sub(200);
            lines.truncate(200);
            if more > 0 {
                lines.push(format!("… and {more} more"));
            }
            self.show(Modal::Notice {
                title: format!("Pool {}: rows skipped", source.display()),
                lines,
                scroll: 0,
            });
        }
        if let Some(path) = self.doc.open_after_pool.take() {
            self.effects.push(Effect::Open(path));
        }
    }

    pub fn clamp_cursors(&mut self) {
        let cols = self.depth_columns();
        let (mut col, mut row) = self.view.depth_cursor;
        col = col.min(cols.len().saturating_sub(1));
        if let Some(pos) = cols.get(col) {
            row = row.min(self.depth_rows(*pos).saturating_sub(1));
        } else {
            row = 0;
        }
        self.view.depth_cursor = (col, row);
        self.view.slot_cursor = self.view.slot_cursor.min(10);
        self.view.list_cursor = self
            .view
            .list_cursor
            .min(self.view.list.len().saturating_sub(1));
    }
}
