//! Whole-screen snapshots on a test backend. Where colour carries meaning (overlays, the drop
//! highlight, matched letters) the snapshot is the buffer's debug form, styles included.

use crate::common;
use common::*;

// The snapshots keep the names and folder they had when this was `tests/snapshots.rs` (its own
// test binary): `tests/snapshots/snapshots__NAME.snap`.
macro_rules! assert_snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(format!("snapshots__{}", $name), $value)
        })
    };
}
macro_rules! assert_debug_snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_debug_snapshot!(format!("snapshots__{}", $name), $value)
        })
    };
}
use squadboard::app::{Action, Spot};
use squadboard::input::Command;

#[test]
fn main_screen_120x40() {
    let b = board();
    let (buf, _) = render(&b, 120, 40);
    assert_snapshot!("main_120x40", text(&buf));
    assert_debug_snapshot!("main_120x40_styled", buf);
}

#[test]
fn main_screen_80x24() {
    let b = board();
    let (buf, _) = render(&b, 80, 24);
    assert_snapshot!("main_80x24", text(&buf));
    assert_debug_snapshot!("main_80x24_styled", buf);
}

#[test]
fn overlays_off() {
    let mut b = board();
    cmds(&mut b, &[Command::InjuryOverlay, Command::ContractOverlay]);
    let (buf, _) = render(&b, 120, 40);
    let t = text(&buf);
    assert!(
        !t.contains("+?") && !t.contains("FREE"),
        "no marks with the overlays off"
    );
    assert_snapshot!("overlays_off_120x40", t);
    assert_debug_snapshot!("overlays_off_80x24_styled", render(&b, 80, 24).0);
}

#[test]
fn overlays_on_show_marks_in_text_not_just_colour() {
    let b = board();
    // Out of contract, he is drawn under the column's divider, at every size.
    let (buf, _) = render(&b, 120, 40);
    let t = text(&buf);
    let lines: Vec<&str> = t.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("- Carva"))
        .expect("Carvajal shown");
    assert!(lines[at - 1].contains("╌"), "{t}");
    // Carvajal: back from his injuries, but our player out of contract on 1 July 2026 — not
    // a free agent.
    assert!(
        lines[at].contains("OUT") && !lines[at].contains('+'),
        "{}",
        lines[at]
    );
    // Konaté's Liverpool contract has run out: a free transfer.
    let konate = t
        .lines()
        .find(|l| l.contains("Konaté"))
        .expect("Konaté shown");
    assert!(konate.contains("FREE"), "{konate}");
}

#[test]
fn help_overlay() {
    let mut b = board();
    cmd(&mut b, Command::Help);
    // Generated from the keymap: every command's description is there with its key (on a
    // screen tall enough for all of them; a shorter one scrolls).
    let tall = text(&render(&b, 120, 60).0);
    for (c, _) in crate::common::keymap().entries() {
        assert!(tall.contains(c.describe()), "help misses {c:?}");
    }
    let (buf, _) = render(&b, 120, 40);
    let t = text(&buf);
    assert_snapshot!("help_120x40", t);
}

#[test]
fn pitch_in_each_formation() {
    let mut b = board();
    for _ in 0..5 {
        let (buf, _) = render(&b, 120, 40);
        let name = format!("pitch_{}", b.doc.plan.formation().name());
        assert_snapshot!(name, text(&buf));
        cmd(&mut b, Command::Formation);
    }
}

#[test]
fn mid_drag_by_keyboard_and_by_mouse() {
    let mut b = board();
    select_in_list(&mut b, "konate");
    cmd(&mut b, Command::Grab);
    cmds(&mut b, &[Command::NextPane, Command::NextPane]);
    b.view.slot_cursor = slot(&b, "LCB");
    let (buf, _) = render(&b, 120, 40);
    let t = text(&buf);
    assert!(
        t.contains("drop: Konaté → left CB; Militão drops to 4th CB"),
        "{t}"
    );
    assert_snapshot!("drag_keyboard_120x40", t);
    assert_debug_snapshot!("drag_keyboard_80x24_styled", render(&b, 80, 24).0);

    let mut m = board();
    let row = list_row(&m, "konate");
    m.update(Action::Press(Spot::ListRow(row)));
    m.update(Action::DragTo(Some(Spot::Slot(slot(&m, "RCB")))));
    let (buf, _) = render(&m, 120, 40);
    assert_snapshot!("drag_mouse_120x40", text(&buf));
}

#[test]
fn search_highlights_matched_letters() {
    let mut b = board();
    cmd(&mut b, Command::Search);
    typed(&mut b, "rud");
    let (buf, _) = render(&b, 80, 24);
    assert_debug_snapshot!("search_rud_80x24_styled", buf);
}

#[test]
fn details_popup() {
    let mut b = board();
    select_in_list(&mut b, "konate");
    cmd(&mut b, Command::Open);
    let (buf, _) = render(&b, 120, 40);
    let t = text(&buf);
    assert!(t.contains("Marca"), "the report is cited: {t}");
    assert_snapshot!("details_konate_120x40", t);
}

use crate::full_club;

/// Each line of the depth chart of a club with every position, at the three sizes: the pane
/// scrolls sideways to the line the cursor is on and its title names it.
#[test]
fn each_line_of_the_depth_chart_at_three_sizes() {
    let mut b = full_club::board();
    // Start on the back line, then midfield, attack, the unplaced, goalkeepers.
    for step in 0..5 {
        let line = b.depth_line().label().replace(' ', "_");
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let (buf, _) = render(&b, w, h);
            let t = text(&buf);
            let title = t.lines().next().unwrap_or("");
            assert!(
                title.contains(&format!("Depth chart · {}", b.depth_line().label())),
                "{title}"
            );
            assert_snapshot!(format!("depth_line_{step}_{line}_{w}x{h}"), t);
        }
        cmd(&mut b, Command::NextLine);
    }
}
