//! Issue 14, items 4–9 end to end: the real binary in the pseudo-terminal (`super::pty`). `q`
//! closes what is open and quits only from the board; grabbing says what to do next; g/G,
//! Home/End, PgUp/PgDn jump in lists and reading views; a scenario name that exists is refused
//! until replaced; a drop one row under a name on the pitch lands on the slot.

use super::pty::{Term, find, sgr};
use std::thread::sleep;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(3);

/// Like [`find`], from the bottom of the screen up (the pitch is below the depth chart).
fn find_last(screen: &str, needle: &str) -> (u16, u16) {
    let lines: Vec<&str> = screen.lines().collect();
    for (row, line) in lines.iter().enumerate().rev() {
        if let Some(at) = line.find(needle) {
            let col = line[..at].chars().count();
            return (col as u16 + 1, row as u16 + 1);
        }
    }
    panic!("`{needle}` not on screen:\n{screen}");
}

/// Waits until `needle` is gone from the screen.
fn wait_gone(t: &Term, needle: &str) -> String {
    for _ in 0..30 {
        let s = t.screen();
        if !s.contains(needle) {
            return s;
        }
        sleep(Duration::from_millis(100));
    }
    panic!("`{needle}` still on screen:\n{}", t.screen());
}

#[test]
fn q_closes_each_view_and_cancels_a_drag_then_quits_from_the_board() {
    let t = Term::start();
    t.launch("");
    t.keys(&["?"]);
    t.wait_for("from the keymap", WAIT);
    t.keys(&["q"]);
    wait_gone(&t, "from the keymap");
    t.keys(&["Enter"]);
    t.wait_for("Details · Esc closes", WAIT);
    t.keys(&["q"]);
    wait_gone(&t, "Details · Esc closes");
    t.keys(&["T"]);
    t.wait_for("Timeline", WAIT);
    t.keys(&["Enter"]);
    t.wait_for("Details · Esc closes", WAIT);
    t.keys(&["q"]);
    wait_gone(&t, "Details · Esc closes");
    assert!(t.screen().contains("Timeline"), "the details first");
    t.keys(&["q"]);
    t.wait_for("Depth chart", WAIT);
    t.keys(&["Space"]);
    t.wait_for("grabbed Huijsen", WAIT);
    t.keys(&["q"]);
    t.wait_for("drag cancelled", WAIT);
    assert!(
        !t.screen().contains("EXIT="),
        "still running:\n{}",
        t.screen()
    );
    // Nothing changed, so q on the board quits at once.
    t.keys(&["q"]);
    t.assert_restored("0");
}

#[test]
fn grabbing_says_what_to_do_and_moving_shows_the_drop() {
    let t = Term::start();
    t.launch("");
    t.keys(&["/"]);
    t.literal("konate");
    t.keys(&["Enter", "Space"]);
    let s = t.wait_for("grabbed Konaté", WAIT);
    let status = t.status_line();
    assert!(
        status.contains("grabbed Konaté — move to a slot, Space drops, Esc cancels"),
        "{status}"
    );
    assert!(!s.contains("can't drop"), "{s}");
    t.keys(&["Tab", "Tab"]);
    t.wait_for("drop: Konaté → right-back", WAIT);
    t.keys(&["Escape"]);
    t.wait_for("drag cancelled", WAIT);
    t.keys(&["q"]);
    t.assert_restored("0");
}

#[test]
fn jumps_and_pages_in_the_help_the_results_and_the_details() {
    let t = Term::start();
    t.launch("");
    // The help: G to its end (the marks' legend), g back to the top, PgDn a page on.
    t.keys(&["?"]);
    t.wait_for("from the keymap", WAIT);
    assert!(!t.screen().contains("in the projected XI"));
    t.keys(&["G"]);
    let s = t.wait_for("bold depth number: in the projected XI", WAIT);
    assert!(!s.contains("show or hide this help"), "scrolled:\n{s}");
    t.keys(&["g"]);
    let s = t.wait_for("show or hide this help", WAIT);
    assert!(!s.contains("in the projected XI"), "{s}");
    t.keys(&["PageDown"]);
    wait_gone(&t, "show or hide this help");
    t.keys(&["Home"]);
    t.wait_for("show or hide this help", WAIT);
    t.keys(&["Escape"]);
    // Search results: End moves to the last (the list scrolls), Home back to the first.
    t.keys(&["/"]);
    t.literal("a");
    t.keys(&["Enter"]);
    t.wait_for("Search: a", WAIT);
    sleep(Duration::from_millis(300));
    let top = t.screen();
    t.keys(&["End"]);
    sleep(Duration::from_millis(300));
    assert_ne!(t.screen(), top, "End moved the cursor down the results");
    t.keys(&["Home"]);
    sleep(Duration::from_millis(300));
    assert_eq!(t.screen(), top, "Home came back to the first");
    // The details scroll by pages, within their end.
    t.keys(&["Escape", "Enter"]);
    t.wait_for("Details · Esc closes", WAIT);
    // They fit: paging cannot scroll them away.
    t.keys(&["PageDown", "PageDown", "End"]);
    let s = t.wait_for("Details · Esc closes", WAIT);
    assert!(s.contains("Age: "), "{s}");
    t.keys(&["Escape", "q"]);
    t.assert_restored("0");
}

#[test]
fn a_name_that_exists_is_refused_then_replaced_or_another_picked() {
    let t = Term::start();
    let env = format!("SQUADBOARD_DATA_DIR={}", t.path("data").display());
    t.launch(&env);
    let dir = t.path("data").join("scenarios");
    t.keys(&["C-s"]);
    t.wait_for("Save as", WAIT);
    t.literal("Romero plan");
    t.keys(&["Enter"]);
    t.wait_for("saved “Romero plan”", WAIT);
    // The same name in another case: refused, and nothing written.
    t.keys(&["S"]);
    t.wait_for("Save as", WAIT);
    t.literal("Romero Plan");
    t.keys(&["Enter"]);
    t.wait_for("already exists", WAIT);
    let files = |d: &std::path::Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .expect("scenarios")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(files(&dir), vec!["romero-plan.ron"]);
    // n: back to the name, kept, to pick another.
    t.keys(&["n"]);
    t.wait_for("Romero Plan", WAIT);
    t.keys(&["BSpace"]);
    t.literal("Plan B");
    t.keys(&["Enter"]);
    t.wait_for("saved “Plan B”", WAIT);
    assert_eq!(files(&dir), vec!["plan-b.ron", "romero-plan.ron"]);
    // Rename onto the first one: asked, and y replaces it.
    t.keys(&["R"]);
    t.wait_for("Rename scenario", WAIT);
    t.keys(&["BSpace"]);
    t.literal("ROMERO PLAN");
    t.keys(&["Enter"]);
    t.wait_for("already exists", WAIT);
    t.keys(&["y"]);
    t.wait_for("saved “ROMERO PLAN”", WAIT);
    assert_eq!(
        files(&dir),
        vec!["romero-plan.ron"],
        "replaced, the old file gone"
    );
    t.keys(&["q"]);
    t.assert_restored("0");
}

#[test]
fn a_drop_one_row_under_a_name_on_the_pitch_lands_on_its_slot() {
    let t = Term::start();
    t.launch("");
    let s = t.screen();
    let (x0, y0) = find(&s, "Ibrahima Konaté");
    let (x1, y1) = find_last(&s, "Militão");
    // Press on Konaté, drag, release on the row under Militão's name.
    t.literal(&sgr(0, x0 + 2, y0, true));
    t.literal(&sgr(32, x0 - 10, y0 + 5, true));
    t.literal(&sgr(32, x1 + 2, y1 + 1, true));
    t.wait_for("drop: Konaté → left CB", WAIT);
    t.literal(&sgr(0, x1 + 2, y1 + 1, false));
    t.wait_for("● unsaved", WAIT);
    assert!(
        t.status_line().contains("Konaté → left CB"),
        "{}",
        t.status_line()
    );
    t.keys(&["q"]);
    t.wait_for("Quit without saving them?", WAIT);
    t.keys(&["y"]);
    t.assert_restored("0");
}
