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
                return modal_keys(modal, key);
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

/// Keys while a modal is open: fixed, as in any dialog (listed in the help).
fn modal_keys(modal: &Modal, key: &KeyEvent) -> Vec<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let cmd = |c| vec![Action::Command(c)];
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
        Modal::Picker(_) => match key.code {
            KeyCode::Char('d') if ctrl => vec![Action::PickerDelete],
            KeyCode::Char(c) if !ctrl => vec![Action::ModalChar(c)],
            KeyCode::Backspace => vec![Action::ModalBackspace],
            KeyCode::Delete => vec![Action::PickerDelete],
            KeyCode::Enter => vec![Action::ModalAccept],
            KeyCode::Up => cmd(Command::Up),
            KeyCode::Down => cmd(Command::Down),
            KeyCode::Esc => cmd(Command::Cancel),
            _ => Vec::new(),
        },
        Modal::Compare { .. } | Modal::Notice { .. } => match key.code {
            KeyCode::Up | KeyCode::Char('k') => cmd(Command::Up),
            KeyCode::Down | KeyCode::Char('j') => cmd(Command::Down),
            KeyCode::Enter => vec![Action::ModalAccept],
            KeyCode::Esc | KeyCode::Char('q') => cmd(Command::Cancel),
            _ => Vec::new(),
        },
        Modal::Menu { .. } => match key.code {
            KeyCode::Char(c) if !ctrl => vec![Action::MenuKey(c)],
            KeyCode::Esc => cmd(Command::Cancel),
            _ => Vec::new(),
        },
    }
}
