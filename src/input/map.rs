//! Turning one terminal event into actions.

use crate::app::{Action, Board, Command, Modal};
use crate::config::Keymap;
use crate::ui::HitMap;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

/// The actions one event asks for, read in the board's current mode: keys through `keymap`, the
/// mouse through the last frame's `hits`.
pub fn event_to_actions(ev: &Event, board: &Board, keymap: &Keymap, hits: &HitMap) -> Vec<Action> {
    match ev {
        Event::Key(key) => {
            if key.kind == KeyEventKind::Release {
                return Vec::new();
            }
            if let Some(modal) = &board.view.modal {
                return modal_keys(modal, key, keymap);
            }
            if board.view.filter.typing && !board.view.help {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                return match key.code {
                    KeyCode::Char(c) if !ctrl => vec![Action::FilterChar(c)],
                    KeyCode::Backspace => vec![Action::FilterBackspace],
                    KeyCode::Enter => vec![Action::FilterAccept],
                    KeyCode::Esc => vec![Action::Command(Command::Cancel)],
                    KeyCode::Up => vec![Action::Command(Command::Up)],
                    KeyCode::Down => vec![Action::Command(Command::Down)],
                    // Pages through the results as they are typed.
                    KeyCode::PageUp | KeyCode::PageDown => keymap
                        .command(key)
                        .map(Action::Command)
                        .into_iter()
                        .collect(),
                    // Ctrl combinations keep their commands while typing (Ctrl-c quits).
                    _ if ctrl => keymap
                        .command(key)
                        .map(Action::Command)
                        .into_iter()
                        .collect(),
                    _ => Vec::new(),
                };
            }
            keymap
                .command(key)
                .map(Action::Command)
                .into_iter()
                .collect()
        }
        Event::Mouse(m) => {
            if board.view.modal.is_some() {
                // Wheel scrolls lists in a modal; clicks on the board under it do nothing.
                return match m.kind {
                    MouseEventKind::ScrollDown => vec![Action::Command(Command::Down)],
                    MouseEventKind::ScrollUp => vec![Action::Command(Command::Up)],
                    _ => Vec::new(),
                };
            }
            let spot = hits.spot_at(m.column, m.row);
            match m.kind {
                MouseEventKind::Down(MouseButton::Left) => {
                    spot.map(Action::Press).into_iter().collect()
                }
                MouseEventKind::Drag(MouseButton::Left) => vec![Action::DragTo(spot)],
                MouseEventKind::Up(MouseButton::Left) => vec![Action::Release(spot)],
                MouseEventKind::ScrollDown => spot
                    .map(|spot| Action::Scroll { spot, down: true })
                    .into_iter()
                    .collect(),
                MouseEventKind::ScrollUp => spot
                    .map(|spot| Action::Scroll { spot, down: false })
                    .into_iter()
                    .collect(),
                _ => Vec::new(),
            }
        }
        Event::Paste(text) => vec![Action::Paste(text.clone())],
        Event::Resize(..) => vec![Action::Resize],
        Event::FocusGained | Event::FocusLost => Vec::new(),
    }
}

/// The list and reading-view commands a key is bound to: moving, jumping, paging.
fn moves(keymap: &Keymap, key: &KeyEvent) -> Option<Command> {
    keymap.command(key).filter(|c| {
        matches!(
            c,
            Command::Up
                | Command::Down
                | Command::Top
                | Command::Bottom
                | Command::PageUp
                | Command::PageDown
        )
    })
}

/// Keys while a modal is open: fixed, as in any dialog (listed in the help), except moving
/// in lists and reading views and closing them, which follow the keymap.
fn modal_keys(modal: &Modal, key: &KeyEvent, keymap: &Keymap) -> Vec<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let cmd = |c| vec![Action::Command(c)];
    let quit = keymap.command(key) == Some(Command::Quit);
    match modal {
        Modal::Prompt { .. } => match key.code {
            KeyCode::Char(c) if !ctrl => vec![Action::ModalChar(c)],
            KeyCode::Backspace => vec![Action::ModalBackspace],
            KeyCode::Enter => vec![Action::ModalAccept],
            KeyCode::Esc => cmd(Command::Cancel),
            _ => Vec::new(),
        },
        Modal::Confirm { .. } => match key.code {
            KeyCode::Char('y' | 'Y') => vec![Action::ConfirmYes],
            KeyCode::Char('s' | 'S') => vec![Action::ConfirmSave],
            KeyCode::Char('n' | 'N') | KeyCode::Esc => cmd(Command::Cancel),
            _ => Vec::new(),
        },
        // Letters filter, so only keys that type nothing move (Home/End, PgUp/PgDn, Ctrl-b/f)
        // or close (Ctrl-c).
        Modal::Picker(_) => match key.code {
            KeyCode::Char('d') if ctrl => vec![Action::PickerDelete],
            KeyCode::Char(c) if !ctrl => vec![Action::ModalChar(c)],
            KeyCode::Backspace => vec![Action::ModalBackspace],
            KeyCode::Delete => vec![Action::PickerDelete],
            KeyCode::Enter => vec![Action::ModalAccept],
            KeyCode::Up => cmd(Command::Up),
            KeyCode::Down => cmd(Command::Down),
            KeyCode::Esc => cmd(Command::Cancel),
            _ if quit => cmd(Command::Cancel),
            _ => moves(keymap, key).map_or_else(Vec::new, cmd),
        },
        Modal::Compare { .. } | Modal::Notice { .. } => match key.code {
            KeyCode::Up => cmd(Command::Up),
            KeyCode::Down => cmd(Command::Down),
            KeyCode::Enter => vec![Action::ModalAccept],
            KeyCode::Esc => cmd(Command::Cancel),
            _ if quit || keymap.command(key) == Some(Command::Cancel) => cmd(Command::Cancel),
            _ => moves(keymap, key).map_or_else(Vec::new, cmd),
        },
        Modal::Menu { items, .. } => match key.code {
            KeyCode::Char(c) if !ctrl && items.iter().any(|i| i.key == c) => {
                vec![Action::MenuKey(c)]
            }
            KeyCode::Esc => cmd(Command::Cancel),
            _ if quit => cmd(Command::Cancel),
            KeyCode::Char(c) if !ctrl => vec![Action::MenuKey(c)],
            _ => Vec::new(),
        },
    }
}
