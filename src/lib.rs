//! squadboard: a terminal squad-planning board for football clubs.
//!
//! Data flows one way: `input` turns terminal events into [`app::Action`]s, `app::update` is the
//! only place state changes, `ui` only reads state, `domain` holds the pure rules and `store`
//! everything that touches files.
#![deny(clippy::unwrap_used)]

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod input;
pub mod search;
pub mod store;
pub mod tui;
pub mod ui;
