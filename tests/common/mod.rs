//! Helpers shared by the board tests: a board on the bundled data at its default date, rendering
//! into a buffer, reading the screen back as text.
#![allow(dead_code)]

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use squadboard::app::{Action, Board};
use squadboard::input::{Command, HitMap, Keymap};
use squadboard::store;
use squadboard::ui::{self, Theme};
use std::sync::Arc;

/// The default keymap, loaded once: ui and input take it as the board holds none.
pub fn keymap() -> &'static Keymap {
    static KEYS: std::sync::OnceLock<Keymap> = std::sync::OnceLock::new();
    KEYS.get_or_init(Keymap::default_keys)
}

pub fn board() -> Board {
    let ds = store::load(None).expect("bundled data");
    Board::new(Arc::new(ds), None)
}

/// A board on the bundled data whose scenario files go to `dir`.
pub fn board_in(dir: impl AsRef<std::path::Path>) -> Board {
    let mut b = board();
    b.doc.scenarios_dir = dir.as_ref().to_path_buf();
    b
}

/// A command through `update` only: the effects it asks for (files) are left queued, not run.
pub fn cmd(b: &mut Board, c: Command) {
    b.update(Action::Command(c));
}

/// A command as the event loop runs it: `update`, then the effects it asked for (files written,
/// read, deleted).
pub fn run_cmd(b: &mut Board, c: Command) {
    b.apply(Action::Command(c));
}

pub fn cmds(b: &mut Board, cs: &[Command]) {
    for c in cs {
        cmd(b, *c);
    }
}

pub fn typed(b: &mut Board, text: &str) {
    for c in text.chars() {
        b.update(Action::FilterChar(c));
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

/// Moves the list cursor onto a player (the target pane must hold him).
pub fn select_in_list(b: &mut Board, who: &str) {
    cmd(b, Command::NextPane);
    while b.view.focus != squadboard::app::Pane::List {
        cmd(b, Command::NextPane);
    }
    let at = b
        .view
        .list
        .iter()
        .position(|i| i.id.as_str() == who)
        .expect("in the list");
    b.view.list_cursor = 0;
    for _ in 0..at {
        cmd(b, Command::Down);
    }
}
