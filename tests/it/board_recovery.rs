//! Unsaved work kept after a signal or a panic, and offered back at the next start.

use crate::common;
use common::*;
use squadboard::app::{Action, Board, Modal};
use squadboard::input::Command;

fn sign_konate(b: &mut Board) {
    select_in_list(b, "konate");
    cmd(b, Command::Grab);
    cmds(b, &[Command::NextPane, Command::NextPane]);
    b.slot_cursor = slot(b, "RCB");
    cmd(b, Command::Grab);
}

#[test]
fn nothing_unsaved_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let b = board_in(dir.path());
    assert!(b.keep_unsaved().is_none());
    assert!(squadboard::store::recovery::pending(dir.path()).is_none());
}

#[test]
fn kept_work_is_offered_and_restored_with_its_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(dir.path());
    // Saved once, then changed: the change is what a signal would lose.
    b.apply(Action::Command(Command::SaveAs));
    for c in "mine".chars() {
        b.apply(Action::ModalChar(c));
    }
    b.apply(Action::ModalAccept);
    sign_konate(&mut b);
    let kept = b.keep_unsaved().expect("dirty").expect("written");
    assert!(kept.exists());

    let mut next = board_in(dir.path());
    next.offer_recovery();
    let Some(Modal::Confirm { question, .. }) = &next.modal else {
        panic!("offered: {:?}", next.modal)
    };
    assert!(question.contains("mine.ron"), "{question}");
    next.apply(Action::ConfirmYes);
    assert!(next.modal.is_none(), "{:?}", next.modal);
    assert_eq!(next.plan, b.plan, "the work is back");
    assert!(next.dirty(), "and still unsaved");
    assert_eq!(next.doc.name, "mine");
    assert!(
        squadboard::store::recovery::pending(dir.path()).is_none(),
        "offered once"
    );
    // Saving goes back to the scenario's own file.
    next.apply(Action::Command(Command::Save));
    assert!(!next.dirty(), "{:?}", next.message);
    let text = std::fs::read_to_string(dir.path().join("mine.ron")).expect("mine.ron");
    assert!(text.contains("\"konate\""));
}

#[test]
fn declined_work_is_kept_as_a_scenario_not_lost() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(dir.path());
    sign_konate(&mut b);
    b.keep_unsaved().expect("dirty").expect("written");
    let mut next = board_in(dir.path());
    next.offer_recovery();
    next.apply(Action::Command(Command::Cancel));
    assert!(next.modal.is_none());
    assert!(!next.dirty());
    let m = next.message.clone().unwrap_or_default();
    assert!(m.contains("recovered-"), "{m}");
    // The picker lists it; opening it brings the work back.
    next.apply(Action::Command(Command::OpenScenario));
    next.apply(Action::ModalAccept);
    assert_eq!(next.plan, b.plan);
}
