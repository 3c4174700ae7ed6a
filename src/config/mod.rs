//! The user's settings: the keymap, the theme and where their files live (one `ProjectDirs`).
//! Each is an embedded default from `assets/` with the user's file laid over it.

pub mod keymap;
pub mod paths;
pub mod theme;

pub use keymap::{Command, Key, Keymap};
pub use theme::Theme;
