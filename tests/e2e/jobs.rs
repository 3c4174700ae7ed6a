//! Issue 13 end to end, the real binary as a shell's job in a pseudo-terminal (`super::pty`):
//! two boards on one scenario folder, both hung up with unsaved work, both offered back and
//! restored; Ctrl-Z suspends the board with the terminal restored, and `fg` brings it back on
//! the alternate screen with mouse capture, redrawn.

use super::board::sign_konate;
use super::pty::{Term, signal};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Fails on main: the second board's `.recovery.ron` overwrote the first's, so one board's
/// work was lost and only one was offered.
#[test]
fn two_boards_on_one_folder_hung_up_are_both_kept_and_restored() {
    let a = Term::start();
    let b = Term::start_in(&a.path(""));
    a.launch("");
    b.launch("");
    sign_konate(&a);
    sign_konate(&b);
    for t in [&a, &b] {
        signal(t.pid(), libc::SIGHUP);
    }
    a.wait_for("EXIT=129", Duration::from_secs(10));
    b.wait_for("EXIT=129", Duration::from_secs(10));
    let scenarios = a.path("data").join("scenarios");
    assert_eq!(squadboard::store::recovery::pending(&scenarios).len(), 2);

    // The next start offers both; restoring one keeps the other in the picker.
    a.clear();
    let bin = env!("CARGO_BIN_EXE_squadboard");
    a.literal(&format!("{bin}; echo EXIT=$?\n"));
    a.wait_for("restore which?", Duration::from_secs(10));
    a.keys(&["1"]);
    let s = a.wait_for("restored the unsaved work", Duration::from_secs(3));
    assert!(s.contains("★Kon"), "{s}");
    let kept: Vec<_> = std::fs::read_dir(&scenarios)
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("recovered-"))
        .collect();
    assert_eq!(kept.len(), 1, "the other board's work is a scenario now");
    // Saved: its recovery goes too.
    a.keys(&["C-s"]);
    a.wait_for("Save as", Duration::from_secs(3));
    a.literal("restored");
    a.keys(&["Enter"]);
    let start = Instant::now();
    while !squadboard::store::recovery::pending(&scenarios).is_empty() {
        assert!(start.elapsed() < Duration::from_secs(5), "{}", a.screen());
        sleep(Duration::from_millis(100));
    }
    a.keys(&["q"]);
    a.wait_for("EXIT=0", Duration::from_secs(5));
}

/// Fails on main: Ctrl-Z did nothing inside the board, and SIGTSTP left the terminal in raw
/// mode on the alternate screen.
#[test]
fn ctrl_z_suspends_with_the_terminal_restored_and_fg_resumes() {
    let t = Term::start();
    t.launch("");
    sign_konate(&t);
    t.keys(&["C-z"]);
    t.wait_for("Stopped", Duration::from_secs(5));
    assert_eq!(t.flag("alternate_on"), "0", "main screen while stopped");
    assert!(t.mouse_off(), "mouse capture off while stopped");
    // The shell is usable: cooked mode, echo on.
    t.literal("echo shell-works\n");
    t.wait_for("shell-works\nsb$", Duration::from_secs(3));
    t.literal("fg\n");
    let s = t.wait_for("Depth chart", Duration::from_secs(5));
    assert_eq!(t.flag("alternate_on"), "1", "back on the alternate screen");
    assert_eq!(t.flag("mouse_sgr_flag"), "1", "mouse capture back on");
    assert!(
        s.contains("★Kon") && s.contains("● unsaved"),
        "redrawn in full:\n{s}"
    );
    // And from outside: kill -TSTP does the same.
    signal(t.pid(), libc::SIGTSTP);
    t.wait_for("Stopped", Duration::from_secs(5));
    assert_eq!(t.flag("alternate_on"), "0");
    t.literal("fg\n");
    t.wait_for("Depth chart", Duration::from_secs(5));
    t.keys(&["q"]);
    t.wait_for("Quit without saving them?", Duration::from_secs(3));
    t.keys(&["y"]);
    // The job ends (its `echo EXIT` ran when it was first stopped): the terminal is back.
    let start = Instant::now();
    while t.flag("alternate_on") != "0" {
        assert!(start.elapsed() < Duration::from_secs(5), "{}", t.screen());
        sleep(Duration::from_millis(100));
    }
    assert!(t.mouse_off());
}
