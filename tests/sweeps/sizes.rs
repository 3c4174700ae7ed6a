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
    ]
}

#[test]
fn every_screen_renders_at_every_size_from_0x0_to_300x100() {
    let mut renders = 0;
    for (name, b) in screens() {
        for w in 0..=300u16 {
            // Every height for the main screen; the others at every height too, but only every
            // third width, which still crosses every layout breakpoint.
            if name != "board" && w % 3 != 0 && w != MIN_WIDTH && w != MIN_WIDTH - 1 {
                continue;
            }
            for h in 0..=100u16 {
                let result =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| render(&b, w, h)));
                assert!(result.is_ok(), "{name} panicked at {w}×{h}");
                renders += 1;
            }
        }
    }
    assert!(renders > 60_000, "{renders}");
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
