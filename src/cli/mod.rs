//! Headless commands: everything the binary does without opening the board.

pub mod check;
pub mod show;
