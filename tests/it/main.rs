//! The integration tests, one binary: one module per former `tests/*.rs` file.

#[path = "../common/mod.rs"]
mod common;
#[path = "../full_club/mod.rs"]
mod full_club;

mod assume_board;
mod board_pool;
mod board_recovery;
mod board_scenarios;
mod board_update;
mod check;
mod cli_typed;
mod drag;
mod event_loop;
mod find;
mod frame_diff;
mod fuzz_loaders;
mod import;
mod pool_files;
mod pool_limits;
mod pool_table;
mod props;
mod readme;
mod scenario_atomic;
mod scenario_cli;
mod scenario_format;
mod scenario_hostile;
mod scenario_unresolved;
mod scouting;
mod search_index;
mod shell;
mod snapshots;
mod storms;
mod timeline;
mod timeline_board;
mod views_agree;
mod windows;
