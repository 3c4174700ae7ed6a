//! `Board::update`: the one place the board's state changes, one [`Action`](crate::app::Action)
//! at a time (keys arrive as [`Command`](crate::app::Command)s, the mouse as spots).

use super::Action;
use super::board::Board;
use super::command::Command;
use super::effects::Effect;
use super::message::Message;
use super::view::DepthColumn;
use super::view::{DragState, Pane, Spot};
use crate::domain::dates::{add_months, next_window};
use crate::domain::plan::{Origin, Place, describe_change};
use crate::domain::{Formation, PlayerId};
use std::sync::Arc;

#[derive(Clone, Copy)]
enum Dir {
    Up,
    Down,
    Left,
    Right,
}

impl Board {
    /// The only place the board changes. Touches no file, clock or environment: the work it
    /// asks for is returned, for the runtime to perform (its results come back as actions).
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.update_now(action);
        self.doc.refresh();
        if self.view.modal.is_none() {
            self.view.modal = self.view.pending_modals.pop_front();
        }
        std::mem::take(&mut self.effects)
    }

    /// Opens a dialogue, or queues it behind the one open now.
    pub(crate) fn show(&mut self, modal: super::Modal) {
        if self.view.modal.is_some() {
            self.view.pending_modals.push_back(modal);
        } else {
            self.view.modal = Some(modal);
        }
    }

    fn update_now(&mut self, action: Action) {
        match action {
            Action::Done(done) => {
                self.done(*done);
                self.refresh_list();
                return;
            }
            Action::PoolProgress { file, progress } => {
                self.search.pool = super::pool::PoolStatus::Loading { file, progress };
                return;
            }
            Action::PoolBatch(batch) => {
                // Sent once by the loader, so the board holds the only reference; a copy of
                // the action delivered again finds the batch taken.
                if let Ok(batch) = Arc::try_unwrap(batch) {
                    self.take_pool_batch(batch);
                }
                // An open search is run again: the new players may be among its hits.
                self.refresh_list();
                return;
            }
            Action::PoolLoaded(source) => {
                self.pool_loaded(&source);
                self.refresh_list();
                return;
            }
            Action::Viewport(v) => {
                // A measurement, not a key: the status line's message stays.
                self.view.viewport = v;
                self.clamp_scrolls();
                return;
            }
            Action::PoolFailed(message) => {
                // What arrived stays (a plan may sign one of them already).
                let kept = self.search.pool_len();
                self.say(if kept == 0 {
                    format!("pool not loaded: {message}")
                } else {
                    format!("pool stopped after {kept} players (kept): {message}")
                });
                self.search.pool = super::pool::PoolStatus::Failed(message);
                // The scenario named on the command line opens all the same: players only the
                // pool knew stay in it as unresolved entries, kept on save.
                if let Some(path) = self.doc.open_after_pool.take() {
                    self.effects.push(Effect::Open(path));
                }
                return;
            }
            _ => {}
        }
        // A message lasts one action; the key that reads it whole takes it along.
        let message = self.view.message.take();
        if action == Action::Command(Command::FullMessage) && self.view.modal.is_none() {
            match message {
                Some(message) => self.show(super::Modal::Message { message, scroll: 0 }),
                None => self.say("no message to read"),
            }
            return;
        }
        if self.view.modal.is_some() {
            self.modal_action(action);
            self.refresh_list();
            return;
        }
        match action {
            Action::Command(cmd) => self.command(cmd),
            Action::FilterChar(c) => self.filter_edit(super::Edit::Insert(c)),
            Action::FilterBackspace => self.filter_edit(super::Edit::Backspace),
            Action::Edit(e) => {
                if self.view.filter.typing {
                    self.filter_edit(e);
                }
            }
            Action::FilterAccept => {
                self.view.filter.typing = false;
                self.view.focus = Pane::List;
            }
            Action::Paste(text) => {
                if self.view.filter.typing {
                    self.view.filter.query.paste(&text);
                    self.view.list_cursor = 0;
                }
            }
            Action::Press(spot) => self.press(spot),
            Action::DragTo(spot) => self.drag_to(spot),
            Action::Release(spot) => self.release(spot),
            Action::Scroll {
                spot: Spot::Warnings,
                down,
            } => self.scroll_warnings(if down { 1 } else { -1 }),
            Action::Scroll { spot, down } => {
                self.select_spot(spot);
                self.move_cursor(if down { Dir::Down } else { Dir::Up });
            }
            Action::Resize | Action::Viewport(_) => {}
            // Modal answers with no modal open: nothing to answer.
            Action::ModalChar(_)
            | Action::ModalBackspace
            | Action::ModalAccept
            | Action::ConfirmYes
            | Action::ConfirmSave
            | Action::PickerDelete
            | Action::MenuKey(_)
            | Action::Done(_)
            | Action::PoolProgress { .. }
            | Action::PoolBatch(_)
            | Action::PoolLoaded(_)
            | Action::PoolFailed(_) => {}
        }
        self.refresh_list();
    }

    fn command(&mut self, cmd: Command) {
        if self.view.help {
            match cmd {
                // q closes the help as Esc does: it quits only from the board itself.
                Command::Help | Command::Cancel | Command::Open | Command::Quit => {
                    self.view.help = false;
                }
                _ => {
                    if let Some(to) = self.view.viewport.scroll(cmd, self.view.help_scroll) {
                        self.view.help_scroll = to;
                    }
                }
            }
            return;
        }
        if self.timeline_command(cmd) {
            return;
        }
        match cmd {
            // Details open or a drag under way: q closes them, as Esc does.
            Command::Quit if self.view.detail || self.view.drag.is_some() => self.cancel(),
            Command::Top | Command::Bottom | Command::PageUp | Command::PageDown => {
                self.jump(cmd);
            }
            Command::Timeline => self.open_timeline(),
            Command::Warnings => self.warnings_page(),
            Command::Table | Command::SortColumn | Command::SortReverse => {
                self.table_command(cmd);
            }
            // Read before the message is cleared, in `update_now`.
            Command::FullMessage => {}
            Command::Quit
            | Command::Save
            | Command::SaveAs
            | Command::OpenScenario
            | Command::NewScenario
            | Command::Duplicate
            | Command::Rename
            | Command::Compare
            | Command::Depart
            | Command::Assume
            | Command::Notes => self.scenario_command(cmd),
            Command::Help => {
                self.view.help = true;
                self.view.help_scroll = 0;
            }
            Command::NextPane => self.view.focus = self.view.focus.next(),
            Command::PrevPane => self.view.focus = self.view.focus.prev(),
            Command::Up => self.move_cursor(Dir::Up),
            Command::Down => self.move_cursor(Dir::Down),
            Command::Left => self.move_cursor(Dir::Left),
            Command::Right => self.move_cursor(Dir::Right),
            Command::NextLine => self.jump_line(1),
            Command::PrevLine => self.jump_line(-1),
            Command::Open => {
                if self.view.drag.is_some() {
                    self.drop_here();
                } else {
                    self.view.detail = !self.view.detail && self.selected().is_some();
                    self.view.detail_scroll = 0;
                }
            }
            Command::Search => {
                // A fresh query: a second `/` typed on the first found "konateromero".
                self.view.filter.query.clear();
                self.view.filter.typing = true;
                self.view.focus = Pane::List;
                self.view.list_cursor = 0;
            }
            Command::Cancel => self.cancel(),
            Command::InjuryOverlay => {
                self.view.overlays.injury = !self.view.overlays.injury;
                self.say(format!(
                    "injury overlay {}",
                    on_off(self.view.overlays.injury)
                ));
            }
            Command::ContractOverlay => {
                self.view.overlays.contract = !self.view.overlays.contract;
                self.say(format!(
                    "contract overlay {}",
                    on_off(self.view.overlays.contract)
                ));
            }
            Command::MonthBack => self.set_date(add_months(self.doc.date, -1)),
            Command::MonthForward => self.set_date(add_months(self.doc.date, 1)),
            Command::SeasonBack => self.set_date(add_months(self.doc.date, -12)),
            Command::SeasonForward => self.set_date(add_months(self.doc.date, 12)),
            Command::NextWindow => self.set_date(next_window(self.doc.date)),
            // The clock is read by the runtime, which answers with today's date.
            Command::Today => self.effects.push(Effect::Today),
            Command::Date => {
                let ask = super::Ask::Date;
                let input = ask.input().suggested(&self.doc.date.to_string());
                self.show(super::Modal::Prompt { ask, input });
            }
            Command::Formation => {
                let before = self.doc.plan.clone();
                self.doc.plan.depth.formation = self.doc.plan.formation().next();
                let said = format!("formation {}", self.doc.plan.formation());
                self.say(said.clone());
                self.doc.record(before, said);
            }
            Command::Grab => {
                if self.view.drag.is_some() {
                    self.drop_here();
                } else {
                    self.grab();
                }
            }
            Command::Remove => self.remove_selected(),
            Command::MoveUp => self.shift_selected(-1),
            Command::MoveDown => self.shift_selected(1),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
        }
    }

    /// An edit in the search box; the list goes back to its top when the query changed.
    fn filter_edit(&mut self, e: super::Edit) {
        if self.view.filter.query.apply(e) == super::textinput::Edited::Changed {
            self.view.list_cursor = 0;
        }
    }

    fn cancel(&mut self) {
        if self.view.detail {
            self.view.detail = false;
        } else if self.view.drag.is_some() {
            self.view.drag = None;
            self.view.press = None;
            self.say("drag cancelled");
        } else if self.view.filter.is_active() {
            self.view.filter.typing = false;
            self.view.filter.query.clear();
            self.view.list_cursor = 0;
        }
    }

    /// Moves the board's date to a day (today, or one typed); returns what to say: the moves
    /// it made or took back, else where the board is now.
    pub(super) fn date_to(&mut self, day: chrono::NaiveDate) -> Message {
        self.set_date(day);
        self.view.message.take().unwrap_or_else(|| {
            Message::text(format!(
                "planning date {}",
                crate::domain::scenario::long_date(day)
            ))
        })
    }

    /// Moves the board's planning date: the plan plays every move whose window has opened by
    /// then. The plan itself (and its own date) is not changed.
    fn set_date(&mut self, date: chrono::NaiveDate) {
        let before = crate::domain::Window::of(self.doc.date);
        self.doc.date = date;
        self.doc.refresh();
        let now = crate::domain::Window::of(date);
        if now != before {
            let moves = self
                .doc
                .plan
                .signings
                .iter()
                .map(|s| s.window)
                .chain(self.doc.plan.departures.iter().map(|d| d.window))
                .filter(|w| *w > before.min(now) && *w <= before.max(now))
                .count();
            if moves > 0 {
                self.say(format!(
                    "{}: {moves} move{} of the plan {}",
                    crate::domain::scenario::long_date(date),
                    if moves == 1 { "" } else { "s" },
                    if now > before {
                        "made since"
                    } else {
                        "not made yet"
                    },
                ));
            }
        }
    }

    /// Before a move that goes into a window (a signing, a departure): when that window opens
    /// after the board's date, the board moves to the day it opens, so the move is seen made.
    /// Returns the window.
    pub(super) fn move_into_window(&mut self) -> crate::domain::Window {
        let w = crate::domain::Window::next_open(self.doc.date);
        if !w.opened_by(self.doc.date) {
            self.doc.date = w.opens();
            self.doc.refresh();
        }
        w
    }

    fn undo(&mut self) {
        match self.doc.undo() {
            Some(what) => self.say(format!("undone: {what}")),
            None => self.say("nothing to undo"),
        }
    }

    fn redo(&mut self) {
        match self.doc.redo() {
            Some(what) => self.say(format!("redone: {what}")),
            None => self.say("nothing to redo"),
        }
    }

    fn move_cursor(&mut self, dir: Dir) {
        match self.view.focus {
            Pane::Depth => {
                let cols = self.depth_columns();
                let (mut col, mut row) = self.view.depth_cursor;
                match dir {
                    Dir::Up => row = row.saturating_sub(1),
                    Dir::Down => row += 1,
                    Dir::Left => col = col.saturating_sub(1),
                    Dir::Right => col = (col + 1).min(cols.len().saturating_sub(1)),
                }
                self.view.depth_cursor = (col, row);
            }
            Pane::Pitch => {
                let f = self.doc.plan.formation();
                let from = self.view.slot_cursor;
                let keeper = f
                    .slots()
                    .iter()
                    .position(|s| s.position == crate::domain::Position::GK);
                let mut below = None;
                let to = match (dir, self.view.slot_below) {
                    (Dir::Up, Some((back, at))) if at == from => back,
                    _ => match nearest_slot(f, from, dir) {
                        // The foot of a flank: down to the keeper, and `k` back.
                        n if n == from && matches!(dir, Dir::Down) && Some(from) != keeper => {
                            below = keeper.map(|k| (from, k));
                            keeper.unwrap_or(from)
                        }
                        n => n,
                    },
                };
                self.view.slot_below = below;
                self.view.slot_cursor = to;
            }
            Pane::List => match dir {
                Dir::Up => self.view.list_cursor = self.view.list_cursor.saturating_sub(1),
                Dir::Down => self.view.list_cursor += 1,
                Dir::Left | Dir::Right => {}
            },
        }
        self.clamp_cursors();
    }

    /// Top, foot or a page of the details when they are open, else of the focused list (a
    /// depth column, the targets); the pitch has no pages.
    fn jump(&mut self, cmd: Command) {
        let page = self.view.viewport.page;
        if self.view.detail {
            if let Some(to) = self.view.viewport.scroll(cmd, self.view.detail_scroll) {
                self.view.detail_scroll = to;
            }
            return;
        }
        match self.view.focus {
            Pane::Depth => {
                let (col, row) = self.view.depth_cursor;
                let rows = self
                    .depth_columns()
                    .get(col)
                    .map_or(1, |c| self.depth_rows(*c));
                if let Some(to) = super::viewport::jump(cmd, row, rows, page) {
                    self.view.depth_cursor.1 = to;
                }
            }
            Pane::List => {
                let (at, len) = (self.view.list_cursor, self.view.list.len());
                if let Some(to) = super::viewport::jump(cmd, at, len, page) {
                    self.view.list_cursor = to;
                }
            }
            Pane::Pitch => {}
        }
        self.clamp_cursors();
    }

    /// `W`: the warnings pane's next page, round to the first after the last.
    fn warnings_page(&mut self) {
        match self.view.viewport.warnings {
            None => self.say("the warnings all show"),
            Some((_, end)) if self.view.warnings_scroll >= end => self.view.warnings_scroll = 0,
            Some((page, end)) => {
                self.view.warnings_scroll = self.view.warnings_scroll.saturating_add(page).min(end);
            }
        }
    }

    /// The wheel over the warnings pane: a row at a time, within what the frame measured.
    fn scroll_warnings(&mut self, by: i16) {
        let end = self.view.viewport.warnings.map_or(0, |(_, end)| end);
        self.view.warnings_scroll = self.view.warnings_scroll.saturating_add_signed(by).min(end);
    }

    /// Keeps every scroll within the end the last frame measured.
    fn clamp_scrolls(&mut self) {
        let end = self.view.viewport.warnings.map_or(0, |(_, end)| end);
        self.view.warnings_scroll = self.view.warnings_scroll.min(end);
        let Some(end) = self.view.viewport.max_scroll else {
            return;
        };
        let v = &mut self.view;
        // The view on top is the one measured.
        match &mut v.modal {
            Some(super::Modal::Compare { scroll, .. } | super::Modal::Notice { scroll, .. }) => {
                *scroll = (*scroll).min(end);
            }
            Some(_) => {}
            None if v.help => v.help_scroll = v.help_scroll.min(end),
            None if v.detail || v.timeline_view.is_some_and(|t| t.detail) => {
                v.detail_scroll = v.detail_scroll.min(end);
            }
            None => {}
        }
    }

    fn grab(&mut self) {
        match self.selected() {
            Some((id, origin)) => {
                let name = self.display_name(&id);
                self.view.drag = Some(DragState {
                    id,
                    origin,
                    by_mouse: false,
                    over: None,
                });
                // What to do next; the drop preview takes the line once the cursor moves.
                self.say(
                    Message::text(format!("grabbed {name} — move to a slot, "))
                        .key(Command::Grab)
                        .then(" drops, ")
                        .key(Command::Cancel)
                        .then(" cancels"),
                );
            }
            None => self.say("nobody here to grab"),
        }
    }

    fn drop_here(&mut self) {
        match self.drop_place() {
            Some(place) => self.drop_at(place),
            None => {
                self.view.drag = None;
                self.say("dropped outside the board: nothing changed");
            }
        }
    }

    /// The one drop both the keyboard and the mouse end in.
    fn drop_at(&mut self, place: Place) {
        let Some(drag) = self.view.drag.take() else {
            return;
        };
        self.view.press = None;
        let before = self.doc.plan.clone();
        let date_before = self.doc.date;
        let signs = self.doc.ds.is_target(&drag.id)
            && !self.doc.shown.is_signing(&drag.id)
            && place != Place::Out;
        let window = signs.then(|| self.move_into_window());
        let shown_before = self.doc.shown.clone();
        let ds = Arc::clone(&self.doc.ds);
        match self
            .doc
            .edit_shown(|p| p.drop_player(&ds, &drag.id, drag.origin, place))
        {
            Ok(()) => {
                let mut said = describe_change(&ds, &shown_before, &self.doc.shown, &drag.id);
                if let Some(w) = window
                    && self.doc.date != date_before
                {
                    said.push_str(&format!(
                        " · joins in {w} (the board moves to {})",
                        crate::domain::scenario::long_date(self.doc.date)
                    ));
                }
                self.say(said.clone());
                self.doc.record(before, said);
                self.follow(&drag.id, place);
            }
            Err(why) => {
                self.doc.date = date_before;
                self.doc.refresh();
                self.say(format!("{}: {why}", self.display_name(&drag.id)));
            }
        }
    }

    /// After a drop, the cursor follows the player to where he landed.
    fn follow(&mut self, id: &PlayerId, place: Place) {
        match place {
            Place::Slot(i) => {
                self.view.focus = Pane::Pitch;
                self.view.slot_cursor = i;
            }
            Place::Depth { pos, .. } => {
                if let Some(col) = self.depth_columns().iter().position(|p| *p == pos) {
                    let row = self
                        .depth_view(DepthColumn::Pos(pos))
                        .iter()
                        .position(|r| r.id == *id)
                        .unwrap_or(0);
                    self.view.focus = Pane::Depth;
                    self.view.depth_cursor = (col, row);
                }
            }
            Place::Out => self.view.focus = Pane::List,
        }
    }

    fn remove_selected(&mut self) {
        let Some((id, _)) = self.selected() else {
            self.say("nobody selected");
            return;
        };
        if !self.doc.shown.is_signing(&id) {
            self.say(
                Message::text(format!(
                    "{} is not a projected signing; ",
                    self.display_name(&id)
                ))
                .key(Command::Remove)
                .then(" removes signings"),
            );
            return;
        }
        let before = self.doc.plan.clone();
        match self.doc.plan.remove_signing(&self.doc.ds, &id) {
            Ok(()) => {
                let said = format!("{} taken out of the plan", self.display_name(&id));
                self.say(said.clone());
                self.doc.record(before, said);
            }
            Err(why) => self.say(why),
        }
    }

    fn shift_selected(&mut self, delta: isize) {
        let Some((id, origin)) = self.selected() else {
            return;
        };
        let before = self.doc.plan.clone();
        let shown_before = self.doc.shown.clone();
        let moved = match origin {
            Origin::Depth { pos, index } => self.shift_in_view(pos, index, delta),
            Origin::Slot(i) => {
                let pos = self.doc.shown.formation().slots()[i.min(10)].position;
                match self
                    .doc
                    .shown
                    .depth
                    .column(pos)
                    .iter()
                    .position(|p| *p == id)
                {
                    Some(index) => self
                        .doc
                        .edit_shown(|p| p.depth.shift(pos, index, delta))
                        .map(|_| pos),
                    None => return,
                }
            }
            Origin::List => {
                let why = if self.doc.ds.is_target(&id) {
                    Message::text("move a player in the depth chart or on the pitch")
                } else {
                    Message::text(format!("{} has no depth place: ", self.display_name(&id)))
                        .key(Command::Grab)
                        .then(" him into a column first")
                };
                self.say(why);
                return;
            }
        };
        match moved {
            Some(pos) => {
                let said = describe_change(&self.doc.ds, &shown_before, &self.doc.shown, &id);
                self.say(said.clone());
                self.doc.record(before, said);
                if self.view.focus == Pane::Depth {
                    if let Some(row) = self
                        .depth_view(DepthColumn::Pos(pos))
                        .iter()
                        .position(|r| r.id == id)
                    {
                        self.view.depth_cursor.1 = row;
                    }
                } else if let Some(i) = self
                    .doc
                    .shown
                    .xi(&self.doc.ds)
                    .iter()
                    .position(|x| x.as_ref() == Some(&id))
                {
                    self.view.slot_cursor = i;
                }
            }
            None => self.say(format!("{} is already at that end", self.display_name(&id))),
        }
    }

    /// Moves the player at `index` of a column past his neighbour as the column is drawn (the
    /// players under contract and those out of contract are each kept together). Returns the
    /// column when he moved.
    fn shift_in_view(
        &mut self,
        pos: crate::domain::Position,
        index: usize,
        delta: isize,
    ) -> Option<crate::domain::Position> {
        let view = self.depth_view(DepthColumn::Pos(pos));
        let here = view.iter().position(|r| r.index == Some(index))?;
        let other = view.get(here.checked_add_signed(delta)?)?;
        let to = other
            .index
            .filter(|_| other.expired == view[here].expired)?;
        // Past the neighbour, as a drag onto his row would (`K`) or just under him (`J`).
        let id = view[here].id.clone();
        self.doc.edit_shown(|p| {
            p.depth.remove(pos, &id);
            p.depth.insert(pos, to, id);
        });
        Some(pos)
    }

    fn select_spot(&mut self, spot: Spot) {
        match spot {
            Spot::Depth { col, row } | Spot::DepthMore { col, row } => {
                self.view.focus = Pane::Depth;
                self.view.depth_cursor = (col, row);
            }
            Spot::Slot(i) => {
                self.view.focus = Pane::Pitch;
                self.view.slot_cursor = i;
            }
            Spot::ListRow(i) | Spot::ListMore(i) => {
                self.view.focus = Pane::List;
                self.view.list_cursor = i;
            }
            Spot::ListPane => self.view.focus = Pane::List,
            Spot::Warnings => {}
        }
        self.clamp_cursors();
    }

    fn player_at(&self, spot: Spot) -> Option<(PlayerId, Origin)> {
        match spot {
            Spot::Depth { col, row } => self.depth_player(col, row),
            Spot::Slot(i) => Some((
                self.doc.shown.xi(&self.doc.ds).get(i)?.clone()?,
                Origin::Slot(i),
            )),
            Spot::ListRow(i) => Some((self.view.list.get(i)?.id.clone(), Origin::List)),
            Spot::ListPane | Spot::DepthMore { .. } | Spot::ListMore(_) | Spot::Warnings => None,
        }
    }

    fn press(&mut self, spot: Spot) {
        if self.view.help {
            self.view.help = false;
            return;
        }
        // A column's hidden rows: shown, whatever is under way.
        if let Spot::DepthMore { col, row } = spot {
            self.view.depth_cursor = (col, row);
            self.view.depth_reveal = Some((col, row));
            if self.view.drag.is_none() {
                self.view.focus = Pane::Depth;
            }
            self.view.press = None;
            return;
        }
        // The warnings pane: a click turns its page, whatever is under way.
        if spot == Spot::Warnings {
            self.warnings_page();
            self.view.press = None;
            return;
        }
        // The list's hidden rows, when nothing is being dragged: shown, nobody picked up.
        if let Spot::ListMore(i) = spot
            && self.view.drag.is_none()
        {
            self.select_spot(spot);
            self.view.list_cursor = i;
            self.view.press = None;
            return;
        }
        // A keyboard drag in progress: a click drops there.
        if self.view.drag.as_ref().is_some_and(|d| !d.by_mouse) {
            if let Some(place) = self.place_of(spot) {
                self.drop_at(place);
            }
            return;
        }
        self.view.press = self.player_at(spot);
        self.select_spot(spot);
    }

    fn drag_to(&mut self, spot: Option<Spot>) {
        if self.view.drag.is_none()
            && let Some((id, origin)) = self.view.press.take()
        {
            self.view.drag = Some(DragState {
                id,
                origin,
                by_mouse: true,
                over: None,
            });
        }
        if let Some(d) = self.view.drag.as_mut().filter(|d| d.by_mouse) {
            d.over = spot;
            // Over a column's hidden rows: they scroll into view, a row each move.
            if let Some(Spot::DepthMore { col, row }) = spot {
                self.view.depth_cursor = (col, row);
                self.view.depth_reveal = Some((col, row));
            }
        }
    }

    fn release(&mut self, spot: Option<Spot>) {
        self.view.press = None;
        if !self.view.drag.as_ref().is_some_and(|d| d.by_mouse) {
            return;
        }
        match spot.and_then(|s| self.place_of(s)) {
            Some(place) => self.drop_at(place),
            None => {
                self.view.drag = None;
                self.say("dropped outside the board: nothing changed");
            }
        }
    }

    /// Replaces the data (e.g. a pool player signed) keeping the plan.
    pub fn set_dataset(&mut self, ds: Arc<crate::domain::Dataset>) {
        self.doc.ds = ds;
        self.refresh_list();
    }
}

fn on_off(b: bool) -> &'static str {
    if b { "on" } else { "off" }
}

/// The slot the cursor reaches from `from` going `dir` on the pitch: the nearest one that way,
/// weighing sideways distance double. Stays put when there is none.
fn nearest_slot(f: Formation, from: usize, dir: Dir) -> usize {
    let slots = f.slots();
    let Some(here) = slots.get(from) else {
        return 0;
    };
    if matches!(dir, Dir::Up | Dir::Down) {
        let n = along_flank(slots, from, dir);
        // The keeper alone in the centre (4-4-2): up to the nearest slot as the other keys go.
        if n != from || matches!(dir, Dir::Down) || here.position != crate::domain::Position::GK {
            return n;
        }
    }
    let (hx, hy) = (i32::from(here.x), i32::from(here.y));
    let mut best: Option<(i32, usize)> = None;
    for (i, s) in slots.iter().enumerate() {
        let (dx, dy) = (i32::from(s.x) - hx, i32::from(s.y) - hy);
        // Up the screen is up the pitch (towards the opponent's goal).
        let (ahead, side) = match dir {
            Dir::Up => (dy, dx),
            Dir::Down => (-dy, dx),
            Dir::Left => (-dx, dy),
            Dir::Right => (dx, dy),
        };
        if ahead <= 0 {
            continue;
        }
        let cost = ahead + 2 * side.abs();
        if best.is_none_or(|(c, _)| cost < c) {
            best = Some((cost, i));
        }
    }
    best.map_or(from, |(_, i)| i)
}

/// Up or down the pitch on the slot's own flank (left of centre, the centre, right of it): the
/// flank's slots in one order, from the goal up (then from the middle out), and a step along
/// it, so `j` then `k` comes back. At the foot or the head of the flank it stays (the board
/// takes `j` at the foot to the keeper and `k` there back).
fn along_flank(slots: &[crate::domain::formation::Slot], from: usize, dir: Dir) -> usize {
    let flank = |x: u8| x.cmp(&50);
    let Some(here) = slots.get(from) else {
        return from;
    };
    let mut chain: Vec<usize> = (0..slots.len())
        .filter(|&i| flank(slots[i].x) == flank(here.x))
        .collect();
    chain.sort_by_key(|&i| (slots[i].y, slots[i].x.abs_diff(50), slots[i].x));
    let Some(at) = chain.iter().position(|&i| i == from) else {
        return from;
    };
    let next = match dir {
        Dir::Up => chain.get(at + 1),
        _ => at.checked_sub(1).and_then(|a| chain.get(a)),
    };
    next.copied().unwrap_or(from)
}
