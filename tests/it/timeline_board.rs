//! The timeline view on the board (key `T`): snapshots at three sizes, its keys, and that it
//! follows the plan — date keys, edits, undo — because it is worked out at draw time.

use crate::common;
use common::*;
// The snapshots keep the names they had as their own test binary:
// `tests/snapshots/timeline_board__NAME.snap`.
macro_rules! assert_snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(format!("timeline_board__{}", $name), $value)
        })
    };
}
use squadboard::app::Action;
use squadboard::input::Command;

fn timeline_board() -> squadboard::app::Board {
    let mut b = board();
    cmd(&mut b, Command::Timeline);
    assert!(b.view.timeline_view.is_some(), "T opens the timeline");
    b
}

#[test]
fn snapshots_at_three_sizes() {
    let b = timeline_board();
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let t = text(&render(&b, w, h).0);
        assert!(t.contains("Timeline"), "{w}x{h}:\n{t}");
        assert!(t.contains("2026/27"), "{w}x{h}:\n{t}");
        assert_snapshot!(format!("timeline_{w}x{h}"), t);
    }
}

#[test]
fn t_and_esc_go_back_to_the_board() {
    let mut b = timeline_board();
    cmd(&mut b, Command::Timeline);
    assert!(b.view.timeline_view.is_none());
    cmd(&mut b, Command::Timeline);
    cmd(&mut b, Command::Cancel);
    assert!(b.view.timeline_view.is_none());
    let t = text(&render(&b, 120, 40).0);
    assert!(!t.contains("Timeline ·"), "{t}");
}

#[test]
fn the_cursor_walks_the_cells_and_enter_opens_the_player() {
    let mut b = timeline_board();
    // From the goal outwards: the cursor starts on the first goalkeeper, Down walks the cell
    // (Lunin, 2nd GK), then the next row (RB); Right moves a season on.
    let first = b.timeline_player().expect("a player under the cursor");
    assert_eq!(first, id("courtois"));
    cmd(&mut b, Command::Down);
    assert_eq!(b.timeline_player(), Some(id("lunin")));
    cmd(&mut b, Command::Down);
    cmd(&mut b, Command::Right);
    let v = b.view.timeline_view.expect("view");
    assert_eq!((v.row, v.col, v.entry), (1, 1, 0));
    assert_eq!(b.timeline_player(), Some(id("alexander-arnold")));
    cmd(&mut b, Command::Open);
    assert!(b.view.timeline_view.is_some_and(|v| v.detail));
    let t = text(&render(&b, 120, 40).0);
    assert!(
        t.contains("Details") && t.contains("Trent Alexander-Arnold"),
        "{t}"
    );
    // Esc closes the details first, then the view.
    cmd(&mut b, Command::Cancel);
    assert!(b.view.timeline_view.is_some_and(|v| !v.detail));
    // Keys the view does not take leave the plan alone.
    let before = b.doc.plan.clone();
    cmds(&mut b, &[Command::Remove, Command::Grab, Command::Depart]);
    assert_eq!(b.doc.plan, before);
    assert!(b.view.modal.is_none());
}

#[test]
fn it_follows_the_planning_date_edits_and_undo() {
    let mut b = timeline_board();
    let t = text(&render(&b, 120, 40).0);
    assert!(t.contains("2026/27") && !t.contains("2030/31"), "{t}");
    cmd(&mut b, Command::SeasonForward);
    let t = text(&render(&b, 120, 40).0);
    assert!(!t.contains("2026/27") && t.contains("2030/31"), "{t}");
    cmd(&mut b, Command::SeasonBack);
    // An edit made on the board shows in the timeline; undo takes it back out.
    cmd(&mut b, Command::Timeline);
    b.update(Action::Command(Command::Depart));
    // The depart menu asks for a kind: 1 is sold.
    b.update(Action::MenuKey('1'));
    let departed = b.doc.plan.departures.first().map(|d| d.id.clone());
    cmd(&mut b, Command::Timeline);
    if let Some(who) = departed {
        let name = b
            .doc
            .ds
            .player(&who)
            .expect("known")
            .short_name()
            .to_string();
        let count = |b: &squadboard::app::Board| {
            b.timeline()
                .rows
                .iter()
                .flat_map(|r| r.cells.iter().flat_map(|c| c.entries.iter()))
                .filter(|e| e.id == who)
                .count()
        };
        assert_eq!(count(&b), 0, "{name} left");
        cmd(&mut b, Command::Undo);
        assert!(count(&b) > 0, "{name} back after undo");
        assert!(text(&render(&b, 120, 40).0).contains(&name));
    } else {
        panic!("the depart key did not record a departure");
    }
}

#[test]
fn every_size_from_the_minimum_draws_without_panic() {
    let mut b = timeline_board();
    cmds(&mut b, &[Command::Down, Command::Down, Command::Open]);
    for w in (80..=200).step_by(7) {
        for h in (24..=60).step_by(5) {
            let t = text(&render(&b, w, h).0);
            assert!(t.contains("Timeline"), "{w}x{h}");
        }
    }
}
