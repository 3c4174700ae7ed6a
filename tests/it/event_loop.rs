//! The real event loop on a test backend, fed crossterm events: keys through the keymap, the
//! mouse through the hit map of the frame the loop drew last.

use crate::common;
use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use squadboard::tui::{Exit, ScriptedEvents, Signals, run_loop};
use squadboard::ui::Theme;
use std::collections::VecDeque;

#[test]
fn keys_drive_the_loop_and_q_quits() {
    let mut b = board();
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut events = ScriptedEvents(VecDeque::from(vec![
        char_press('/'),
        char_press('k'),
        char_press('o'),
        char_press('n'),
        key_press(KeyCode::Enter),
        char_press(' '),
        key_press(KeyCode::Tab),
        key_press(KeyCode::Tab),
        char_press('h'),
        char_press(' '),
        char_press('q'),
        // Unsaved changes: quitting asks first; y quits without saving.
        char_press('y'),
    ]));
    let exit = run_loop(
        &mut term,
        &mut b,
        crate::common::keymap(),
        &Theme::default(),
        &mut events,
        &Signals::default(),
        &squadboard::app::runtime::Runtime::new(),
        true,
    )
    .expect("loop");
    assert_eq!(exit, Exit::Quit);
    assert_eq!(
        b.doc.shown.xi(&b.doc.ds)[slot(&b, "RCB")],
        Some(id("konate"))
    );
    let screen = text(term.backend().buffer());
    assert!(screen.contains("★Kon"), "{screen}");
}

#[test]
fn key_releases_are_ignored_and_scripts_end_cleanly() {
    let mut b = board();
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut release = KeyEvent::new(KeyCode::Char('f'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    let mut events = ScriptedEvents(VecDeque::from(vec![
        Event::Key(release),
        Event::Resize(100, 30),
    ]));
    let exit = run_loop(
        &mut term,
        &mut b,
        crate::common::keymap(),
        &Theme::default(),
        &mut events,
        &Signals::default(),
        &squadboard::app::runtime::Runtime::new(),
        true,
    )
    .expect("loop");
    assert_eq!(exit, Exit::EndOfInput);
    assert_eq!(
        b.doc.plan.formation().name(),
        "4-3-3",
        "a key release does nothing"
    );
}

#[test]
fn the_mouse_uses_the_frame_the_loop_drew() {
    let mut b = board();
    // Where things are at 120×40, from an identical render.
    let (buf, hits) = render(&b, 120, 40);
    drop(buf);
    let row = list_row(&b, "konate");
    let from = hits
        .area_of(squadboard::app::Spot::ListRow(row))
        .expect("row");
    let to = hits
        .area_of(squadboard::app::Spot::Slot(slot(&b, "LCB")))
        .expect("slot");
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut events = ScriptedEvents(VecDeque::from(vec![
        mouse_at(MouseEventKind::Down(MouseButton::Left), from.x + 3, from.y),
        mouse_at(MouseEventKind::Drag(MouseButton::Left), to.x + 1, to.y),
        mouse_at(MouseEventKind::Up(MouseButton::Left), to.x + 1, to.y),
    ]));
    run_loop(
        &mut term,
        &mut b,
        crate::common::keymap(),
        &Theme::default(),
        &mut events,
        &Signals::default(),
        &squadboard::app::runtime::Runtime::new(),
        true,
    )
    .expect("loop");
    assert_eq!(
        b.doc.shown.xi(&b.doc.ds)[slot(&b, "LCB")],
        Some(id("konate"))
    );
}
