//! What reaches the terminal when the cursor moves one row: only the cells that changed, a small
//! fraction of a full frame. Counted in bytes through the real crossterm backend.

use crate::common;
use common::*;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use squadboard::input::Command;
use squadboard::ui::{self, Theme};
use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Counter(Arc<Mutex<usize>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        *self.0.lock().expect("lock") += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_cursor_move_writes_a_fraction_of_a_frame() {
    let theme = Theme::default();
    let mut b = board();
    let counter = Counter::default();
    let mut term = Terminal::with_options(
        CrosstermBackend::new(counter.clone()),
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, 200, 60)),
        },
    )
    .expect("terminal");
    let mut draw = |b: &squadboard::app::Board| {
        let before = *counter.0.lock().expect("lock");
        term.draw(|f| {
            ui::draw(f, b, crate::common::keymap(), &theme);
        })
        .expect("draw");
        *counter.0.lock().expect("lock") - before
    };
    let full = draw(&b);
    let same = draw(&b);
    cmd(&mut b, Command::Down);
    let moved = draw(&b);
    eprintln!("bytes: full frame {full}, unchanged {same}, cursor moved one row {moved}");
    assert!(full > 5_000, "a full 200×60 frame is large: {full}");
    assert!(
        same < 100,
        "an unchanged frame writes (almost) nothing: {same}"
    );
    assert!(moved > same, "the move is drawn");
    assert!(
        moved * 5 < full,
        "a one-row move writes a fraction of a frame: {moved} of {full}"
    );
}
