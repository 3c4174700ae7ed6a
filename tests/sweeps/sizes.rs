//! Every screen at every terminal size from 0×0 to 300×100: no panic, and below the minimum a
//! message that says what size is needed.

use crate::common;
use common::*;
use squadboard::app::{Action, Board};
use squadboard::input::Command;
use squadboard::ui::{MIN_HEIGHT, MIN_WIDTH};

/// The screens a user can be looking at.
fn screens() -> Vec<(&'static str, Board)> {
    let main = board();
    let mut help = board();
    cmd(&mut help, Command::Help);
    let mut search = board();
    cmd(&mut search, Command::Search);
    typed(&mut search, "ko");
    let mut drag = board();
    select_in_list(&mut drag, "konate");
    cmd(&mut drag, Command::Grab);
    cmds(&mut drag, &[Command::NextPane, Command::NextPane]);
    let mut mouse_drag = board();
    mouse_drag.update(Action::Press(squadboard::app::Spot::Depth {
        col: 1,
        row: 0,
    }));
    mouse_drag.update(Action::DragTo(Some(squadboard::app::Spot::Slot(3))));
    let mut detail = board();
    cmd(&mut detail, Command::Open);
    // The target pane as a table, a search's results sorted by club.
    let mut table = board();
    cmd(&mut table, Command::Search);
    typed(&mut table, "pos:CB");
    table.update(Action::FilterAccept);
    // Name, position, age, club.
    let sort = Command::SortColumn;
    cmds(&mut table, &[Command::Table, sort, sort, sort, sort]);
    let mut wingbacks = board();
    cmds(
        &mut wingbacks,
        &[Command::Formation, Command::Formation, Command::Formation],
    );
    vec![
        ("board", main),
        ("help", help),
        ("search", search),
        ("keyboard drag", drag),
        ("mouse drag", mouse_drag),
        ("details", detail),
        ("3-5-2", wingbacks),
        ("table", table),
    ]
}

/// The widths a screen is swept at: every one for the main board; for the others every third,
/// which still crosses every layout breakpoint, and each side of the minimum.
fn widths(name: &str) -> Vec<u16> {
    (0..=300u16)
        .filter(|w| name == "board" || w % 3 == 0 || *w == MIN_WIDTH || *w == MIN_WIDTH - 1)
        .collect()
}

/// Renders the named screens at their widths and every height 0..=100: none panics.
fn sweep(names: &[&str]) -> usize {
    let mut renders = 0;
    for (name, b) in screens().into_iter().filter(|(n, _)| names.contains(n)) {
        for w in widths(name) {
            for h in 0..=100u16 {
                let result =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| render(&b, w, h)));
                assert!(result.is_ok(), "{name} panicked at {w}×{h}");
                renders += 1;
            }
        }
    }
    renders
}

// One test a screen, so the two cores share the sweep evenly.
#[test]
fn every_screen_renders_at_every_size_from_0x0_to_300x100() {
    assert_eq!(sweep(&["board"]), 301 * 101);
    // Every screen is swept by one of the tests below.
    assert_eq!(screens().len(), 8);
}

#[test]
fn help_renders_at_every_size() {
    assert_eq!(sweep(&["help"]), 103 * 101);
    assert_eq!(widths("help").len(), 103);
}

#[test]
fn search_renders_at_every_size() {
    assert_eq!(sweep(&["search"]), 103 * 101);
}

#[test]
fn the_keyboard_drag_renders_at_every_size() {
    assert_eq!(sweep(&["keyboard drag"]), 103 * 101);
}

#[test]
fn the_mouse_drag_renders_at_every_size() {
    assert_eq!(sweep(&["mouse drag"]), 103 * 101);
}

#[test]
fn details_render_at_every_size() {
    assert_eq!(sweep(&["details"]), 103 * 101);
}

#[test]
fn the_3_5_2_renders_at_every_size() {
    assert_eq!(sweep(&["3-5-2"]), 103 * 101);
}

#[test]
fn the_table_renders_at_every_size() {
    let (_, b) = screens().pop().expect("the table");
    assert_eq!(
        b.view.table.sort,
        Some(squadboard::app::table::SortColumn::Club)
    );
    assert_eq!(sweep(&["table"]), 103 * 101);
}

#[test]
fn below_the_minimum_the_screen_says_what_it_needs() {
    let b = board();
    let (buf, hits) = render(&b, 79, 24);
    let t = text(&buf);
    assert!(t.contains("needs at least 80×24"), "{t}");
    assert!(t.contains("79×24"), "{t}");
    assert!(hits.hits.is_empty(), "nothing to click on");
    let (buf, _) = render(&b, MIN_WIDTH, MIN_HEIGHT);
    assert!(text(&buf).contains("Depth chart"));
    // One column wide: the message wraps, nothing panics, something is shown.
    let (buf, _) = render(&b, 1, 30);
    assert!(!text(&buf).trim().is_empty());
}
