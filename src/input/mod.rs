//! Terminal events to [`Action`](crate::app::Action)s: keys through the keymap, mouse through the
//! hit map of the last frame drawn.

pub mod map;

pub use crate::config::{Command, Key, Keymap};
pub use crate::ui::{Hit, HitMap};
pub use map::event_to_actions;
