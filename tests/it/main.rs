//! The integration tests, one binary: one module per former `tests/*.rs` file.

#[path = "../common/mod.rs"]
mod common;

mod board_pool;
mod board_recovery;
mod board_scenarios;
mod board_update;
mod check;
mod drag;
mod event_loop;
mod find;
mod frame_diff;
mod fuzz_loaders;
mod import;
mod props;
mod readme;
mod scenario_atomic;
mod scenario_cli;
mod scenario_format;
mod snapshots;
mod storms;
