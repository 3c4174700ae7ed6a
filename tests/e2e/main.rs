//! End-to-end tests: the real binary driven in a pseudo-terminal from Rust (`pty`), so `cargo
//! test` needs nothing outside cargo.

#[macro_use]
mod pty;

mod e2e_harden;
mod e2e_tmux;
