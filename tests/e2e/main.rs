//! End-to-end tests: the real binary driven in a terminal.

mod e2e_tmux;
