//! End-to-end tests: the real binary driven in a pseudo-terminal from Rust (`pty`), so `cargo
//! test` needs nothing outside cargo.

mod pty;

mod board;
mod jobs;
mod keys;
mod text;
