//! Every screen — the board, help, search, both drags, details, and every modal: the scenario
//! picker, compare, a prompt, a confirmation, a notice, a menu — at every terminal size from 0×0
//! to 300×100: no panic, nothing drawn outside the terminal, and the modal on top at a usable
//! size. The modal states are reached through `Board::apply`, file effects and all, in a
//! temporary scenario folder.
//!
//! By default every height at every twelfth width and the widths where the layout changes;
//! `SQUADBOARD_FULL=1` sweeps every width.

use crate::common::{
    board_in, full_run, render, run_cmd, run_cmds, select_in_list, text_raw, typed, typed_in_modal,
};
use ratatui::layout::Rect;
use squadboard::app::{Action, Board, Modal, PickFor, Spot};
use squadboard::input::Command;
use squadboard::ui::{MIN_HEIGHT, MIN_WIDTH};
use std::path::Path;

const SCENARIO_V1: &str = include_str!("../fixtures/scenario-v1.ron");

/// Save-as under `name`, as the keys do it: the prompt, the name, Enter.
fn save_as(b: &mut Board, name: &str) {
    run_cmd(b, Command::SaveAs);
    assert!(
        matches!(b.view.modal, Some(Modal::Prompt { .. })),
        "{:?}",
        b.view.modal
    );
    // The prompt may suggest a name: clear it first.
    for _ in 0..80 {
        b.apply(Action::ModalBackspace);
    }
    typed_in_modal(b, name);
    b.apply(Action::ModalAccept);
    assert!(
        b.view.modal.is_none(),
        "{:?} {:?}",
        b.view.modal,
        b.view.message
    );
    assert_eq!(b.doc.file.name, name);
}

/// Every screen a user can be looking at, each with a line only it shows at 120×40.
fn screens(dir: &Path) -> Vec<(&'static str, Board, &'static str)> {
    let mut out = Vec::new();
    // Two scenarios on disk, the second the one open.
    let mut base = board_in(dir);
    save_as(&mut base, "Konaté in");
    run_cmd(&mut base, Command::Formation);
    save_as(&mut base, "Plan B, 4-2-3-1");

    out.push(("board", board_in(dir), "Depth chart"));

    let mut help = board_in(dir);
    run_cmd(&mut help, Command::Help);
    out.push(("help", help, "show or hide this help"));

    let mut search = board_in(dir);
    run_cmd(&mut search, Command::Search);
    typed(&mut search, "ko");
    out.push(("search", search, "type to search"));

    let mut drag = board_in(dir);
    select_in_list(&mut drag, "konate");
    run_cmd(&mut drag, Command::Grab);
    run_cmds(&mut drag, &[Command::NextPane, Command::NextPane]);
    out.push(("keyboard drag", drag, "drop:"));

    let mut mouse_drag = board_in(dir);
    mouse_drag.apply(Action::Press(Spot::Depth { col: 1, row: 0 }));
    mouse_drag.apply(Action::DragTo(Some(Spot::Slot(3))));
    assert!(mouse_drag.view.drag.is_some());
    out.push(("mouse drag", mouse_drag, "drop:"));

    let mut detail = board_in(dir);
    run_cmd(&mut detail, Command::Open);
    assert!(detail.view.detail);
    out.push(("details", detail, "Contract:"));

    let mut picker = board_in(dir);
    run_cmd(&mut picker, Command::OpenScenario);
    match &picker.view.modal {
        Some(Modal::Picker(p)) => {
            assert_eq!(p.purpose, PickFor::Open);
            assert_eq!(p.entries.len(), 2, "{:?}", p.entries);
        }
        other => panic!("no picker: {other:?} {:?}", picker.view.message),
    }
    out.push(("picker", picker, "Plan B, 4-2-3-1"));

    let mut filtered = board_in(dir);
    run_cmd(&mut filtered, Command::OpenScenario);
    typed_in_modal(&mut filtered, "kon");
    out.push(("picker, filtered", filtered, "Konaté in"));

    let mut compare = board_in(dir);
    run_cmd(&mut compare, Command::Formation);
    run_cmd(&mut compare, Command::Compare);
    assert!(matches!(&compare.view.modal, Some(Modal::Picker(p)) if p.purpose == PickFor::Compare));
    compare.apply(Action::ModalAccept);
    assert!(
        matches!(compare.view.modal, Some(Modal::Compare { .. })),
        "{:?}",
        compare.view.modal
    );
    out.push(("compare", compare, "Konaté in"));

    let mut prompt = board_in(dir);
    run_cmd(&mut prompt, Command::SaveAs);
    typed_in_modal(
        &mut prompt,
        "a very long scenario name that will not fit in any prompt box at all, not even at 300 columns wide, no, not even then",
    );
    out.push(("prompt", prompt, "Save as"));

    let mut notes = board_in(dir);
    run_cmd(&mut notes, Command::Notes);
    assert!(matches!(notes.view.modal, Some(Modal::Prompt { .. })));
    out.push(("notes prompt", notes, "Notes"));

    let mut confirm = board_in(dir);
    run_cmd(&mut confirm, Command::Formation);
    run_cmd(&mut confirm, Command::Quit);
    assert!(matches!(confirm.view.modal, Some(Modal::Confirm { .. })));
    out.push(("confirm", confirm, "Unsaved changes"));

    // A scenario in the old format opens with a notice saying it was migrated.
    std::fs::write(dir.join("old.ron"), SCENARIO_V1).expect("written");
    let mut notice = board_in(dir);
    run_cmd(&mut notice, Command::OpenScenario);
    typed_in_modal(&mut notice, "rudiger");
    notice.apply(Action::ModalAccept);
    assert!(
        matches!(notice.view.modal, Some(Modal::Notice { .. })),
        "{:?}",
        notice.view.modal
    );
    out.push(("notice", notice, "scenario format 1"));

    let mut menu = board_in(dir);
    run_cmd(&mut menu, Command::Depart);
    assert!(
        matches!(menu.view.modal, Some(Modal::Menu { .. })),
        "{:?}",
        menu.view.message
    );
    out.push(("menu", menu, "leaves:"));

    let mut assume = board_in(dir);
    run_cmd(&mut assume, Command::Assume);
    assert!(matches!(assume.view.modal, Some(Modal::Menu { .. })));
    out.push(("assume menu", assume, "renews to"));
    out
}

#[test]
fn every_screen_shows_what_it_is_at_120x40() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let screens = screens(dir.path());
    let (plain, _) = render(&screens[0].1, 120, 40);
    for (name, b, marker) in &screens {
        let (buf, hits) = render(b, 120, 40);
        let t = text_raw(&buf);
        assert!(t.contains(marker), "{name}: no `{marker}` in\n{t}");
        if b.view.modal.is_some() {
            assert!(
                hits.hits.is_empty(),
                "{name}: the board under a modal is clickable"
            );
        }
        if *name != "board" {
            assert_ne!(buf, plain, "{name} looks like the plain board");
        }
    }
    assert_eq!(screens.len(), 15);
}

/// The widths swept: every one in the full run; by default every twelfth, and those where the
/// layout changes (1 and 2, each side of the 80-column minimum, the wide layout's 120).
fn widths() -> Vec<u16> {
    (0..=300u16)
        .filter(|w| full_run() || w % 12 == 0 || [1, 2, 79, 80, 81, 119, 120].contains(w))
        .collect()
}

/// Renders screens `range` of [`screens`] at every swept width and every height 0..=100.
fn sweep(range: std::ops::Range<usize>) -> usize {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut renders = 0;
    for (name, b, marker) in screens(dir.path())
        .into_iter()
        .skip(range.start)
        .take(range.len())
    {
        for w in widths() {
            for h in 0..=100u16 {
                let result =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| render(&b, w, h)));
                let Ok((buf, hits)) = result else {
                    panic!("{name} panicked at {w}×{h}");
                };
                assert_eq!(buf.area, Rect::new(0, 0, w, h), "{name} at {w}×{h}");
                for hit in &hits.hits {
                    assert_eq!(
                        hit.area.intersection(buf.area),
                        hit.area,
                        "{name} at {w}×{h}: a click target off screen"
                    );
                }
                if w < MIN_WIDTH || h < MIN_HEIGHT {
                    assert!(
                        hits.hits.is_empty(),
                        "{name} at {w}×{h}: clickable when too small"
                    );
                } else if (w >= 120 && h == 40) || (w == 120 && h >= 40) {
                    // Roomy enough: what the screen is shows.
                    let t = text_raw(&buf);
                    assert!(t.contains(marker), "{name} at {w}×{h}: no `{marker}`");
                }
                renders += 1;
            }
        }
    }
    renders
}

// In four parts, so the two cores share the sweep evenly.
#[test]
fn the_board_and_its_overlays_render_at_every_size() {
    let renders = sweep(0..4);
    assert_eq!(renders, 4 * widths().len() * 101);
}

#[test]
fn the_board_and_its_overlays_render_at_every_size_too() {
    let renders = sweep(4..7);
    assert_eq!(renders, 3 * widths().len() * 101);
}

#[test]
fn every_modal_renders_at_every_size() {
    let renders = sweep(7..11);
    assert_eq!(renders, 4 * widths().len() * 101);
}

#[test]
fn every_modal_renders_at_every_size_too() {
    let renders = sweep(11..15);
    assert_eq!(renders, 4 * widths().len() * 101);
}
