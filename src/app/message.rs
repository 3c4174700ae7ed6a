//! The status line's message: text with the keys it names kept as [`Command`]s, so the board
//! holds no keymap and ui prints each key as the user's keymap binds it.

use super::Command;
use std::fmt;

/// One piece of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    /// The key bound to this command, printed by ui from the keymap.
    Key(Command),
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Message(Vec<Part>);

impl Message {
    pub fn text(s: impl Into<String>) -> Message {
        Message(vec![Part::Text(s.into())])
    }

    /// The message followed by more text.
    pub fn then(mut self, s: impl Into<String>) -> Message {
        self.0.push(Part::Text(s.into()));
        self
    }

    /// The message followed by the key bound to `c`.
    pub fn key(mut self, c: Command) -> Message {
        self.0.push(Part::Key(c));
        self
    }

    pub fn parts(&self) -> &[Part] {
        &self.0
    }

    /// The text with each key printed by `label`.
    pub fn render(&self, label: impl Fn(Command) -> String) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.clone(),
                Part::Key(c) => label(*c),
            })
            .collect()
    }

    /// Whether the message starts with this text (keys not counted).
    pub fn starts_with(&self, s: &str) -> bool {
        matches!(self.0.first(), Some(Part::Text(t)) if t.starts_with(s))
    }
}

impl From<String> for Message {
    fn from(s: String) -> Message {
        Message::text(s)
    }
}

impl From<&str> for Message {
    fn from(s: &str) -> Message {
        Message::text(s)
    }
}

/// The text with each key shown as its command's name in angle brackets (`<Grab>`): for logs
/// and tests, which have no keymap.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(|c| format!("<{c:?}>")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_printed_by_the_label_given() {
        let m = Message::text("press ").key(Command::Grab).then(" to drop");
        assert_eq!(m.render(|_| "Space".into()), "press Space to drop");
        assert_eq!(m.to_string(), "press <Grab> to drop");
        assert!(m.starts_with("press"));
        assert!(!m.starts_with("drop"));
    }
}
