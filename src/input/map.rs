//! Turning one terminal event into actions.

use crate::app::{Action, Board, Command, Edit, Modal};
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
                    _ => match edit_key(key) {
                        Some(Edit::Insert(c)) => vec![Action::FilterChar(c)],
                        Some(Edit::Backspace) => vec![Action::FilterBackspace],
                        Some(e) => vec![Action::Edit(e)],
                        // Other Ctrl combinations keep their commands while typing (Ctrl-c
                        // quits).
                        None if ctrl => keymap
                            .command(key)
                            .map(Action::Command)
                            .into_iter()
                            .collect(),
                        None => Vec::new(),
                    },
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
        Modal::Prompt { input, .. } => {
            let multiline = input.is_multiline();
            let alt = key.modifiers.contains(KeyModifiers::ALT);
            match key.code {
                KeyCode::Esc => cmd(Command::Cancel),
                // Notes take line breaks: Ctrl-S or Alt-Enter saves them.
                KeyCode::Enter if multiline && !ctrl && !alt => vec![Action::Edit(Edit::Newline)],
                KeyCode::Enter => vec![Action::ModalAccept],
                KeyCode::Char('s' | 'S') if ctrl => vec![Action::ModalAccept],
                KeyCode::Up if multiline => vec![Action::Edit(Edit::Up)],
                KeyCode::Down if multiline => vec![Action::Edit(Edit::Down)],
                _ => modal_edit(key),
            }
        }
        Modal::Confirm { .. } => match key.code {
            KeyCode::Char('y' | 'Y') => vec![Action::ConfirmYes],
            KeyCode::Char('s' | 'S') => vec![Action::ConfirmSave],
            KeyCode::Char('n' | 'N') | KeyCode::Esc => cmd(Command::Cancel),
            // q answers no, as it closes every other dialog: it never does what cannot be undone.
            _ if quit => cmd(Command::Cancel),
            _ => Vec::new(),
        },
        // Letters filter, so only keys that type nothing move (Home/End, PgUp/PgDn, Ctrl-b/f)
        // or close (Ctrl-c).
        Modal::Picker(_) => match key.code {
            KeyCode::Char('d') if ctrl => vec![Action::PickerDelete],
            KeyCode::Delete if !ctrl => vec![Action::PickerDelete],
            KeyCode::Enter => vec![Action::ModalAccept],
            KeyCode::Up => cmd(Command::Up),
            KeyCode::Down => cmd(Command::Down),
            KeyCode::Esc => cmd(Command::Cancel),
            // Letters type into the filter; Ctrl-c closes; Home/End, PgUp/PgDn and Ctrl-b/f
            // move the list; the other editing keys edit the filter.
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                vec![Action::ModalChar(c)]
            }
            _ if quit => cmd(Command::Cancel),
            _ => moves(keymap, key).map_or_else(|| modal_edit(key), cmd),
        },
        Modal::Compare { .. } | Modal::Notice { .. } | Modal::Message { .. } => match key.code {
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

/// An editing key in a prompt or the picker's filter.
fn modal_edit(key: &KeyEvent) -> Vec<Action> {
    match edit_key(key) {
        Some(Edit::Insert(c)) => vec![Action::ModalChar(c)],
        Some(Edit::Backspace) => vec![Action::ModalBackspace],
        Some(e) => vec![Action::Edit(e)],
        None => Vec::new(),
    }
}

/// The readline keys every text input takes (Enter, Esc, Up and Down are the caller's):
/// arrows, Home/End and Ctrl-A/E move (Ctrl-B/F are the keymap's page keys); Alt-B/F and Ctrl- or Alt-arrows move by words; Ctrl-U,
/// Ctrl-K and Ctrl-W cut to the line's start, its end and the word before; Alt-D cuts the word
/// after. Any other Ctrl or Alt combination types nothing.
pub fn edit_key(key: &KeyEvent) -> Option<Edit> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        KeyCode::Left if ctrl || alt => Edit::WordLeft,
        KeyCode::Right if ctrl || alt => Edit::WordRight,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::LineStart,
        KeyCode::End => Edit::LineEnd,
        KeyCode::Backspace if ctrl || alt => Edit::KillWordBack,
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete if ctrl || alt => Edit::KillWordForward,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Char(c) if ctrl => match c.to_ascii_lowercase() {
            'a' => Edit::LineStart,
            'e' => Edit::LineEnd,
            'h' => Edit::Backspace,
            'u' => Edit::KillToStart,
            'k' => Edit::KillToEnd,
            'w' => Edit::KillWordBack,
            _ => return None,
        },
        KeyCode::Char(c) if alt => match c.to_ascii_lowercase() {
            'b' => Edit::WordLeft,
            'f' => Edit::WordRight,
            'd' => Edit::KillWordForward,
            _ => return None,
        },
        KeyCode::Char(c) => Edit::Insert(c),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Ask;
    use std::sync::Arc;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn every_editing_key() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        let alt = KeyModifiers::ALT;
        for (code, mods, want) in [
            (KeyCode::Char('x'), none, Some(Edit::Insert('x'))),
            (
                KeyCode::Char('X'),
                KeyModifiers::SHIFT,
                Some(Edit::Insert('X')),
            ),
            (KeyCode::Left, none, Some(Edit::Left)),
            (KeyCode::Right, none, Some(Edit::Right)),
            // Ctrl-b/f page lists (the keymap's), so they are no editing keys.
            (KeyCode::Char('b'), ctrl, None),
            (KeyCode::Char('f'), ctrl, None),
            (KeyCode::Home, none, Some(Edit::LineStart)),
            (KeyCode::End, none, Some(Edit::LineEnd)),
            (KeyCode::Char('a'), ctrl, Some(Edit::LineStart)),
            (KeyCode::Char('e'), ctrl, Some(Edit::LineEnd)),
            (KeyCode::Char('b'), alt, Some(Edit::WordLeft)),
            (KeyCode::Char('f'), alt, Some(Edit::WordRight)),
            (KeyCode::Left, ctrl, Some(Edit::WordLeft)),
            (KeyCode::Right, alt, Some(Edit::WordRight)),
            (KeyCode::Backspace, none, Some(Edit::Backspace)),
            (KeyCode::Char('h'), ctrl, Some(Edit::Backspace)),
            (KeyCode::Delete, none, Some(Edit::Delete)),
            (KeyCode::Char('u'), ctrl, Some(Edit::KillToStart)),
            (KeyCode::Char('k'), ctrl, Some(Edit::KillToEnd)),
            (KeyCode::Char('w'), ctrl, Some(Edit::KillWordBack)),
            (KeyCode::Backspace, alt, Some(Edit::KillWordBack)),
            (KeyCode::Char('d'), alt, Some(Edit::KillWordForward)),
            (KeyCode::Delete, ctrl, Some(Edit::KillWordForward)),
            // Other Ctrl and Alt combinations type nothing.
            (KeyCode::Char('x'), alt, None),
            (KeyCode::Char('c'), ctrl, None),
            (KeyCode::Enter, none, None),
            (KeyCode::Esc, none, None),
        ] {
            assert_eq!(edit_key(&key(code, mods)), want, "{code:?} {mods:?}");
        }
    }

    fn board_with(ask: Ask) -> Board {
        let ds = crate::store::load(None).expect("bundled data");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).expect("a day");
        let mut b = Board::new(Arc::new(ds), None, today, std::path::PathBuf::new());
        let input = ask.input();
        b.view.modal = Some(Modal::Prompt { ask, input });
        b
    }

    fn actions(b: &Board, code: KeyCode, mods: KeyModifiers) -> Vec<Action> {
        let km = Keymap::default_keys();
        event_to_actions(&Event::Key(key(code, mods)), b, &km, &HitMap::default())
    }

    #[test]
    fn alt_b_moves_a_word_and_types_nothing() {
        let b = board_with(Ask::SaveAs);
        assert_eq!(
            actions(&b, KeyCode::Char('b'), KeyModifiers::ALT),
            [Action::Edit(Edit::WordLeft)]
        );
        assert_eq!(
            actions(&b, KeyCode::Char('b'), KeyModifiers::NONE),
            [Action::ModalChar('b')]
        );
    }

    #[test]
    fn enter_accepts_a_name_and_breaks_a_line_in_notes() {
        let name = board_with(Ask::SaveAs);
        assert_eq!(
            actions(&name, KeyCode::Enter, KeyModifiers::NONE),
            [Action::ModalAccept]
        );
        assert!(actions(&name, KeyCode::Up, KeyModifiers::NONE).is_empty());
        let notes = board_with(Ask::Notes);
        assert_eq!(
            actions(&notes, KeyCode::Enter, KeyModifiers::NONE),
            [Action::Edit(Edit::Newline)]
        );
        for (code, mods) in [
            (KeyCode::Char('s'), KeyModifiers::CONTROL),
            (KeyCode::Enter, KeyModifiers::ALT),
        ] {
            assert_eq!(actions(&notes, code, mods), [Action::ModalAccept]);
        }
        assert_eq!(
            actions(&notes, KeyCode::Up, KeyModifiers::NONE),
            [Action::Edit(Edit::Up)]
        );
    }

    #[test]
    fn the_search_box_edits_and_keeps_ctrl_commands() {
        let ds = crate::store::load(None).expect("bundled data");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).expect("a day");
        let mut b = Board::new(Arc::new(ds), None, today, std::path::PathBuf::new());
        b.view.filter.typing = true;
        assert_eq!(
            actions(&b, KeyCode::Char('w'), KeyModifiers::CONTROL),
            [Action::Edit(Edit::KillWordBack)]
        );
        assert_eq!(
            actions(&b, KeyCode::Char('c'), KeyModifiers::CONTROL),
            [Action::Command(Command::Quit)]
        );
        assert_eq!(
            actions(&b, KeyCode::Char('b'), KeyModifiers::ALT),
            [Action::Edit(Edit::WordLeft)]
        );
        assert!(actions(&b, KeyCode::Char('x'), KeyModifiers::ALT).is_empty());
    }
}
