//! Issue 14, items 1 and 7, in the real binary: an assumed fee typed on the board, refused
//! without a currency (the reason in the prompt), mended with the readline keys (Alt-b moves a
//! word and types nothing), then counted in the warnings.

use super::pty::Term;
use std::time::Duration;

#[test]
fn an_assumed_fee_typed_mended_and_counted() {
    let t = Term::start();
    t.launch("");
    // Sign Romero at the right CB by keyboard: the cursor follows him onto the pitch.
    t.keys(&["/"]);
    t.literal("romero");
    t.keys(&["Enter", "Space", "Tab", "Tab", "h", "Space"]);
    t.wait_for("● unsaved", Duration::from_secs(3));
    t.keys(&["a"]);
    t.wait_for("Assume for Romero", Duration::from_secs(3));
    t.keys(&["1"]);
    t.wait_for("Fee Romero costs", Duration::from_secs(3));
    t.literal("35m");
    t.keys(&["Enter"]);
    let s = t.wait_for("has no currency", Duration::from_secs(3));
    assert!(s.contains("35m▏"), "the prompt keeps what was typed:\n{s}");
    // Alt-b goes back over "35m" without typing a "b"; the pound sign goes in front.
    t.keys(&["M-b"]);
    t.literal("£");
    let s = t.wait_for("£▏35m", Duration::from_secs(3));
    assert!(!s.contains("b35m") && !s.contains("35mb"), "{s}");
    t.keys(&["Enter"]);
    t.wait_for("£35m (€40.6m at 1.16), assumed", Duration::from_secs(3));
    let s = t.wait_for("Fees €40.6m", Duration::from_secs(3));
    assert!(!s.contains("Fee Romero costs"), "the prompt closed:\n{s}");
    t.keys(&["q"]);
    t.wait_for("Quit without saving them?", Duration::from_secs(3));
    t.keys(&["y"]);
    t.assert_restored("0");
}
