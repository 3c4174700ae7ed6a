//! Helpers shared by the integration tests. Here: a board on the bundled data at its default
//! date, commands with (`run_cmd`) or without (`cmd`) their file effects, rendering into a
//! buffer and reading the screen back as text. `files`: fixtures, the bundled data, the built
//! binary. `events`: crossterm key and mouse events.
#![allow(dead_code)]

mod events;
mod files;

// Not every test binary uses every helper.
#[allow(unused_imports)]
pub use events::*;
#[allow(unused_imports)]
pub use files::*;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use squadboard::app::{Action, Board};
use squadboard::input::{Command, HitMap, Keymap};
use squadboard::ui::{self, Theme};
use std::sync::Arc;

/// The default keymap, loaded once: ui and input take it as the board holds none.
pub fn keymap() -> &'static Keymap {
    static KEYS: std::sync::OnceLock<Keymap> = std::sync::OnceLock::new();
    KEYS.get_or_init(Keymap::default_keys)
}

pub fn board() -> Board {
    new_board(Arc::new(bundled_data()), None)
}

/// A board on `ds` as the binary opens one: today from the clock, the scenario folder from the
/// environment (`Board::new` itself reads neither).
pub fn new_board(ds: Arc<squadboard::domain::Dataset>, date: Option<chrono::NaiveDate>) -> Board {
    Board::new(
        ds,
        date,
        chrono::Local::now().date_naive(),
        squadboard::store::scenario::scenarios_dir(None),
    )
}

/// A board on the bundled data whose scenario files go to `dir`.
pub fn board_in(dir: impl AsRef<std::path::Path>) -> Board {
    let mut b = board();
    b.doc.scenarios_dir = dir.as_ref().to_path_buf();
    b
}

/// A command through `update` only: the effects it asks for (files) are returned and dropped,
/// not run.
pub fn cmd(b: &mut Board, c: Command) {
    b.update(Action::Command(c));
}

/// A command as the event loop runs it: `update`, then the effects it asked for (files written,
/// read, deleted).
pub fn run_cmd(b: &mut Board, c: Command) {
    b.apply(Action::Command(c));
}

/// Commands through `update` only, as [`cmd`].
pub fn cmds(b: &mut Board, cs: &[Command]) {
    for c in cs {
        cmd(b, *c);
    }
}

/// Commands as the event loop runs them, effects and all, as [`run_cmd`].
pub fn run_cmds(b: &mut Board, cs: &[Command]) {
    for c in cs {
        run_cmd(b, *c);
    }
}

/// Text typed into the search box (through `update`: typing asks for no file work).
pub fn typed(b: &mut Board, text: &str) {
    for c in text.chars() {
        b.update(Action::FilterChar(c));
    }
}

/// Text typed into the open modal (a prompt, the picker's filter), effects and all.
pub fn typed_in_modal(b: &mut Board, text: &str) {
    for c in text.chars() {
        b.apply(Action::ModalChar(c));
    }
}

pub fn render(b: &Board, w: u16, h: u16) -> (Buffer, HitMap) {
    render_with(b, w, h, &Theme::default())
}

pub fn render_with(b: &Board, w: u16, h: u16, theme: &Theme) -> (Buffer, HitMap) {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    let hits = ui::render(area, &mut buf, b, keymap(), theme);
    (buf, hits)
}

/// The screen as lines of text, trailing spaces trimmed.
pub fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        for x in area.left()..area.right() {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The screen as lines of text, every cell, trailing spaces kept.
pub fn text_raw(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

pub fn id(s: &str) -> squadboard::domain::PlayerId {
    squadboard::domain::PlayerId::new(s)
}

/// Index of a formation slot by its key ("RCB").
pub fn slot(b: &Board, key: &str) -> usize {
    b.doc
        .plan
        .formation()
        .slots()
        .iter()
        .position(|s| s.key == key)
        .expect("slot key")
}

/// The row of a player in the list pane (the pane must hold him).
pub fn list_row(b: &Board, who: &str) -> usize {
    b.view
        .list
        .iter()
        .position(|i| i.id.as_str() == who)
        .expect("listed")
}

/// Moves the focus to the list and its cursor onto a player (the list must hold him).
pub fn select_in_list(b: &mut Board, who: &str) {
    while b.view.focus != squadboard::app::Pane::List {
        cmd(b, Command::NextPane);
    }
    let at = list_row(b, who);
    b.view.list_cursor = 0;
    for _ in 0..at {
        cmd(b, Command::Down);
    }
}

/// Signs Konaté at right centre-back by keyboard (see [`sign`]).
pub fn sign_konate(b: &mut Board) {
    sign(b, "konate", "RCB");
}

/// Signs a target by keyboard: selected in the list, grabbed, dropped on the pitch's slot `at`.
pub fn sign(b: &mut Board, who: &str, at: &str) {
    select_in_list(b, who);
    run_cmd(b, Command::Grab);
    run_cmd(b, Command::NextPane);
    run_cmd(b, Command::NextPane);
    b.view.slot_cursor = slot(b, at);
    run_cmd(b, Command::Grab);
    assert!(b.doc.plan.is_signing(&id(who)), "{:?}", b.message_text());
}

/// Renders as the loop does and hands the board what the frame showed (a page, a scroll's
/// end), as the loop does after each draw.
pub fn draw(b: &mut Board, w: u16, h: u16) -> (Buffer, HitMap) {
    let (buf, hits) = render(b, w, h);
    if hits.viewport != b.view.viewport {
        b.update(Action::Viewport(hits.viewport));
    }
    (buf, hits)
}
