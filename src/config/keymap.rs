//! The keymap: commands bound to keys, read from `assets/keymap.ron` (embedded) with the user's
//! file laid over it. The help screen is generated from it, so help and keys cannot drift apart.

pub use crate::app::command::Command;
use crate::store::ron_file::{field_place, line_col};
use crate::store::{StoreError, parse_ron};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.ron");

/// One key with its modifiers. Characters carry their own case, so Shift is not compared for
/// them ("K" is Shift+k, "?" is Shift+/ on most layouts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut code = ev.code;
        // Some terminals send Shift+Tab as Tab with Shift.
        if code == KeyCode::Tab && ev.modifiers.contains(KeyModifiers::SHIFT) {
            code = KeyCode::BackTab;
        }
        Key {
            code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        }
    }

    pub fn parse(s: &str) -> Result<Key, String> {
        let mut rest = s;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                ctrl = true;
                rest = &rest[5..];
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            // The terminal never sends a control character as itself: ESC arrives as Esc, a tab
            // as Tab, NUL as Ctrl-Space. Bound to one, a command could never be given.
            (Some(c), None) if c.is_control() => {
                let instead = match c {
                    '\u{1b}' => " (write \"esc\")",
                    '\t' => " (write \"tab\")",
                    '\n' | '\r' => " (write \"enter\")",
                    '\u{7f}' | '\u{8}' => " (write \"backspace\")",
                    '\0' => " (write \"ctrl-space\")",
                    _ => "",
                };
                return Err(format!(
                    "`{}` is a control character, which no key sends as itself{instead}",
                    s.escape_debug()
                ));
            }
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                f if f.starts_with('f') && f.len() > 1 => match f[1..].parse::<u8>() {
                    Ok(n) if (1..=12).contains(&n) => KeyCode::F(n),
                    _ => return Err(format!("`{}` is not a key", s.escape_debug())),
                },
                _ => return Err(format!("`{}` is not a key", s.escape_debug())),
            },
        };
        // Ctrl with a letter arrives lower-case whatever the Shift state.
        let code = match code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

type KeymapFile = BTreeMap<Command, Vec<String>>;

/// Commands a user's keymap may rebind but not leave without a key: without them the board
/// cannot be left, saved, or found out about.
pub const ESSENTIAL: [Command; 7] = [
    Command::Quit,
    Command::Help,
    Command::Cancel,
    Command::Up,
    Command::Down,
    Command::Open,
    Command::Save,
];

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<Command, Vec<Key>>,
    lookup: HashMap<Key, Command>,
}

impl Keymap {
    /// The embedded defaults.
    pub fn default_keys() -> Keymap {
        Keymap::load(None).unwrap_or_else(|_| Keymap {
            bindings: BTreeMap::new(),
            lookup: HashMap::new(),
        })
    }

    /// The defaults with `user` (file name, text) laid over them: a command the user lists gets
    /// exactly the user's keys.
    pub fn load(user: Option<(&str, &str)>) -> Result<Keymap, StoreError> {
        let mut bindings = parse_file("assets/keymap.ron", DEFAULT_KEYMAP)?;
        let mut from_user = Vec::new();
        if let Some((name, text)) = user {
            for (cmd, keys) in parse_file(name, text)? {
                bindings.insert(cmd, keys);
                from_user.push(cmd);
            }
        }
        if let Some((name, text)) = user {
            for cmd in ESSENTIAL {
                if bindings.get(&cmd).is_none_or(Vec::is_empty) {
                    let message = format!(
                        "`{}` must keep a key ({}); give it one or leave it out for the default",
                        snake(cmd),
                        cmd.describe()
                    );
                    return Err(match field_place(text, &snake(cmd), None) {
                        Some((line, col)) => StoreError::Parse {
                            file: name.to_string(),
                            line,
                            col,
                            message,
                        },
                        None => StoreError::invalid(name, message),
                    });
                }
            }
        }
        let mut lookup = HashMap::new();
        for (cmd, keys) in &bindings {
            for k in keys {
                if let Some(other) = lookup.insert(*k, *cmd)
                    && other != *cmd
                {
                    let message = format!(
                        "`{k}` is bound to both `{}` and `{}`",
                        snake(other),
                        snake(*cmd)
                    );
                    // Placed at the binding the user wrote (the later one when he wrote both).
                    let (name, text) = user.unwrap_or(("assets/keymap.ron", DEFAULT_KEYMAP));
                    let blamed = if user.is_none() || from_user.contains(cmd) {
                        *cmd
                    } else {
                        other
                    };
                    return Err(match field_place(text, &snake(blamed), None) {
                        Some((line, col)) => StoreError::Parse {
                            file: name.to_string(),
                            line,
                            col,
                            message,
                        },
                        None => StoreError::invalid(name, message),
                    });
                }
            }
        }
        Ok(Keymap { bindings, lookup })
    }

    pub fn command(&self, ev: &KeyEvent) -> Option<Command> {
        self.lookup.get(&Key::from_event(ev)).copied()
    }

    pub fn keys(&self, cmd: Command) -> &[Key] {
        self.bindings.get(&cmd).map_or(&[], Vec::as_slice)
    }

    /// "q" or "↑/k": the keys of a command as the help shows them.
    pub fn label(&self, cmd: Command) -> String {
        let keys: Vec<String> = self.keys(cmd).iter().map(|k| k.to_string()).collect();
        if keys.is_empty() {
            "(unbound)".into()
        } else {
            keys.join("/")
        }
    }

    /// The first key of a command ("PgDn"), for titles with little room.
    pub fn short_label(&self, cmd: Command) -> String {
        self.keys(cmd)
            .first()
            .map_or_else(|| "(unbound)".into(), ToString::to_string)
    }

    /// Every command with its keys, in help order.
    pub fn entries(&self) -> impl Iterator<Item = (Command, &[Key])> {
        self.bindings.iter().map(|(c, k)| (*c, k.as_slice()))
    }
}

fn snake(c: Command) -> String {
    ron::to_string(&c).unwrap_or_else(|_| format!("{c:?}"))
}

fn parse_file(name: &str, text: &str) -> Result<BTreeMap<Command, Vec<Key>>, StoreError> {
    let file: KeymapFile = parse_ron(name, text)?;
    let mut out = BTreeMap::new();
    for (cmd, keys) in file {
        let mut parsed = Vec::new();
        for k in keys {
            let key = Key::parse(&k).map_err(|message| {
                // Where the user wrote it; written with escapes (`"\u{1b}"`), at its command.
                let needle = format!("\"{k}\"");
                let (line, col) = text
                    .find(&needle)
                    .map(|at| line_col(text, at))
                    .or_else(|| field_place(text, &snake(cmd), Some("[")))
                    .unwrap_or((1, 1));
                StoreError::Parse {
                    file: name.to_string(),
                    line,
                    col,
                    message,
                }
            })?;
            parsed.push(key);
        }
        out.insert(cmd, parsed);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn defaults_bind_every_command_once() {
        let km = Keymap::load(None).expect("defaults");
        for (cmd, keys) in km.entries() {
            assert!(!keys.is_empty(), "{cmd:?}");
        }
        assert_eq!(km.entries().count(), 49);
        assert_eq!(
            km.command(&ev(KeyCode::Char('@'), KeyModifiers::SHIFT)),
            Some(Command::Date)
        );
        assert_eq!(
            km.command(&ev(KeyCode::Char('t'), KeyModifiers::NONE)),
            Some(Command::Today)
        );
        assert_eq!(
            km.command(&ev(KeyCode::Char('W'), KeyModifiers::SHIFT)),
            Some(Command::Warnings)
        );
        assert_eq!(
            km.command(&ev(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Command::Quit)
        );
        assert_eq!(
            km.command(&ev(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Command::Help)
        );
        assert_eq!(
            km.command(&ev(KeyCode::Char('K'), KeyModifiers::SHIFT)),
            Some(Command::MoveUp)
        );
        assert_eq!(
            km.command(&ev(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Command::Redo)
        );
        assert_eq!(
            km.command(&ev(KeyCode::Char('r'), KeyModifiers::NONE)),
            Some(Command::SortReverse)
        );
        assert_eq!(
            km.command(&ev(KeyCode::Tab, KeyModifiers::SHIFT)),
            Some(Command::PrevPane)
        );
        assert_eq!(km.label(Command::Up), "↑/k");
        assert_eq!(km.short_label(Command::PageDown), "PgDn");
        assert_eq!(
            km.command(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Command::Bottom)
        );
        assert_eq!(
            km.command(&ev(KeyCode::Home, KeyModifiers::NONE)),
            Some(Command::Top)
        );
    }

    #[test]
    fn a_user_file_overrides_only_what_it_names() {
        let km = Keymap::load(Some(("user.ron", "{ quit: [\"ctrl-q\", \"Q\"] }"))).expect("user");
        assert_eq!(
            km.command(&ev(KeyCode::Char('q'), KeyModifiers::CONTROL)),
            Some(Command::Quit)
        );
        assert_eq!(
            km.command(&ev(KeyCode::Char('q'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            km.command(&ev(KeyCode::Char('u'), KeyModifiers::NONE)),
            Some(Command::Undo)
        );
    }

    /// Issue 13 ("smaller"): `quit: []` was accepted, leaving a board that cannot be quit.
    /// Failed before the fix: the file loaded.
    #[test]
    fn an_essential_command_keeps_a_key() {
        let err = Keymap::load(Some(("user.ron", "{\n  undo: [\"u\"],\n  quit: [],\n}")))
            .expect_err("quit unbound");
        assert_eq!(
            err.to_string(),
            "user.ron:3:3: `quit` must keep a key (close the view or cancel the drag, else quit, \
             asking if unsaved); give it one or leave it out for the default"
        );
        for cmd in ESSENTIAL {
            let text = format!("{{ {}: [] }}", snake(cmd));
            let err = Keymap::load(Some(("k.ron", &text))).expect_err("unbound");
            assert!(err.to_string().starts_with("k.ron:1:3: `"), "{err}");
        }
        // Rebinding is fine; so is unbinding a command that is not essential.
        let k = Keymap::load(Some(("k.ron", "{ quit: [\"ctrl-q\"], compare: [] }"))).expect("ok");
        assert_eq!(k.label(Command::Quit), "Ctrl-q");
    }

    /// Issue 23: `quit` bound only to a key the terminal never sends as such (ESC, NUL, a tab,
    /// a line break) passed the "must keep a key" check and left a board nobody could quit.
    #[test]
    fn a_control_character_is_not_a_key() {
        for (written, says) in [
            (
                "\\u{1b}",
                "`\\u{1b}` is a control character, which no key sends as itself (write \"esc\")",
            ),
            (
                "\\u{0}",
                "`\\0` is a control character, which no key sends as itself (write \"ctrl-space\")",
            ),
            (
                "\\t",
                "`\\t` is a control character, which no key sends as itself (write \"tab\")",
            ),
            (
                "\\n",
                "`\\n` is a control character, which no key sends as itself (write \"enter\")",
            ),
            (
                "ctrl-\\u{7}",
                "`ctrl-\\u{7}` is a control character, which no key sends as itself",
            ),
        ] {
            let text = format!("{{\n  undo: [\"u\"],\n  quit: [\"{written}\"],\n}}");
            let err = Keymap::load(Some(("user.ron", &text))).expect_err(written);
            assert_eq!(
                err.to_string(),
                format!("user.ron:3:9: {says}"),
                "{written}"
            );
        }
    }

    #[test]
    fn bad_user_files_name_their_place() {
        let err =
            Keymap::load(Some(("user.ron", "{\n  quit: [\"ctrl-\"],\n}"))).expect_err("bad key");
        assert_eq!(err.to_string(), "user.ron:2:10: `ctrl-` is not a key");
        let err =
            Keymap::load(Some(("user.ron", "{\n  qiut: [\"q\"],\n}"))).expect_err("bad command");
        assert!(err.to_string().starts_with("user.ron:2:"), "{err}");
        // Found by tests/fuzz_loaders.rs: a clash names its place too, the binding the user
        // wrote.
        let err = Keymap::load(Some(("user.ron", "{ undo: [\"q\"] }"))).expect_err("clash");
        assert_eq!(
            err.to_string(),
            "user.ron:1:3: `q` is bound to both `quit` and `undo`"
        );
        let err = Keymap::load(Some((
            "user.ron",
            "{\n  // up: [\"x\"]\n  quit: [\"k\"],\n}",
        )))
        .expect_err("clash");
        assert_eq!(
            err.to_string(),
            "user.ron:3:3: `k` is bound to both `quit` and `up`"
        );
    }
}
