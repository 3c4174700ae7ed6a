//! Terminal events as crossterm delivers them, for tests that drive the input map or the loop.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// A key pressed with `modifiers` held.
pub fn key_with(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// A key pressed alone.
pub fn key_press(code: KeyCode) -> Event {
    key_with(code, KeyModifiers::NONE)
}

/// A character typed: an upper-case letter comes with Shift, as a terminal reports it.
pub fn char_press(c: char) -> Event {
    let shift = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key_with(KeyCode::Char(c), shift)
}

/// A mouse event at a 0-based cell, no modifier held.
pub fn mouse_at(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

/// The left button pressed at a cell and the pointer moved one cell right with it held: a drag
/// begun (the board starts dragging on the first move).
pub fn drag_begun(column: u16, row: u16) -> [Event; 2] {
    [
        mouse_at(MouseEventKind::Down(MouseButton::Left), column, row),
        mouse_at(MouseEventKind::Drag(MouseButton::Left), column + 1, row),
    ]
}
