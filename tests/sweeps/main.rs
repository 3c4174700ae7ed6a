//! The slow sweeps: every screen and modal drawn at every terminal size, in a binary of their own.

#[path = "../common/mod.rs"]
mod common;

mod sizes;
mod sizes_modals;
