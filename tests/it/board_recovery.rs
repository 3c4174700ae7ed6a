//! Unsaved work kept after a signal or a panic, and offered back at the next start.

use crate::common;
use common::*;
use squadboard::app::{Action, Modal};
use squadboard::input::Command;

/// A board in `dir` with Konaté signed and unsaved, its work kept as a signal would keep it,
/// and the next board there asking whether to restore it.
fn recovery_offered(dir: &std::path::Path) -> (squadboard::app::Board, squadboard::app::Board) {
    let mut b = board_in(dir);
    sign_konate(&mut b);
    b.keep_unsaved().expect("dirty").expect("written");
    let mut next = board_in(dir);
    next.offer_recovery();
    assert!(matches!(next.view.modal, Some(Modal::Confirm { .. })));
    (b, next)
}

#[test]
fn nothing_unsaved_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let b = board_in(dir.path());
    assert!(b.keep_unsaved().is_none());
    assert!(squadboard::store::recovery::pending(dir.path()).is_empty());
}

#[test]
fn kept_work_is_offered_and_restored_with_its_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(dir.path());
    // Saved once, then changed: the change is what a signal would lose.
    b.apply(Action::Command(Command::SaveAs));
    typed_in_modal(&mut b, "mine");
    b.apply(Action::ModalAccept);
    sign_konate(&mut b);
    let kept = b.keep_unsaved().expect("dirty").expect("written");
    assert!(kept.exists());

    let mut next = board_in(dir.path());
    next.offer_recovery();
    let Some(Modal::Confirm { question, .. }) = &next.view.modal else {
        panic!("offered: {:?}", next.view.modal)
    };
    assert!(question.contains("mine.ron"), "{question}");
    next.apply(Action::ConfirmYes);
    assert!(next.view.modal.is_none(), "{:?}", next.view.modal);
    assert_eq!(next.doc.plan, b.doc.plan, "the work is back");
    assert!(next.doc.dirty(), "and still unsaved");
    assert_eq!(next.doc.file.name, "mine");
    assert_eq!(
        squadboard::store::recovery::pending(dir.path()).len(),
        1,
        "kept until saved"
    );
    // Saving goes back to the scenario's own file.
    next.apply(Action::Command(Command::Save));
    assert!(!next.doc.dirty(), "{:?}", next.view.message);
    assert!(
        squadboard::store::recovery::pending(dir.path()).is_empty(),
        "saved: offered no more"
    );
    let text = std::fs::read_to_string(dir.path().join("mine.ron")).expect("mine.ron");
    assert!(text.contains("\"konate\""));
}

#[test]
fn declined_work_is_kept_as_a_scenario_not_lost() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (b, mut next) = recovery_offered(dir.path());
    next.apply(Action::Command(Command::Cancel));
    assert!(next.view.modal.is_none());
    assert!(!next.doc.dirty());
    let m = next.message_text().unwrap_or_default();
    assert!(m.contains("recovered-"), "{m}");
    // The picker lists it; opening it brings the work back.
    next.apply(Action::Command(Command::OpenScenario));
    next.apply(Action::ModalAccept);
    assert_eq!(next.doc.plan, b.doc.plan);
}

/// Issue 13, item 1. Fails on main: the restore dropped the pool player without a word and
/// deleted the recovery file before anything was saved.
#[test]
fn a_restore_drops_nobody_and_the_recovery_goes_only_once_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = scenario_with_pool_player(dir.path());
    let mut b = board_in(dir.path());
    let loaded = squadboard::store::scenario::load(&path, &b.doc.ds).expect("loads");
    b.apply(Action::Done(Box::new(squadboard::app::Done::Opened {
        path: path.clone(),
        loaded: Box::new(loaded),
    })));
    b.view.modal = None;
    b.doc.plan.notes = "changed after opening".into();
    let kept = b.keep_unsaved().expect("dirty").expect("written");

    let mut next = board_in(dir.path());
    next.offer_recovery();
    next.apply(Action::ConfirmYes);
    let pool_player = id("tm-900002");
    assert!(
        next.doc
            .plan
            .depth
            .column(squadboard::domain::Position::CB)
            .contains(&pool_player)
    );
    assert!(next.doc.plan.is_signing(&pool_player));
    assert_eq!(next.doc.plan, b.doc.plan, "the work is back, whole");
    assert!(kept.exists(), "kept until its work is saved somewhere");
    next.view.modal = None;
    next.apply(Action::Command(Command::Save));
    assert!(
        !next.doc.dirty(),
        "{:?} {:?}",
        next.view.message,
        next.view.modal
    );
    assert!(!kept.exists(), "saved: the recovery goes");
    let text = std::fs::read_to_string(&path).expect("saved");
    assert!(text.contains("\"tm-900002\""), "{text}");
}

/// Issue 13, item 2. Fails on main: the second board's recovery overwrote the first's.
#[test]
fn two_boards_keep_two_recoveries_and_both_are_offered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut one = board_in(dir.path());
    sign_konate(&mut one);
    one.doc.plan.notes = "board one".into();
    let mut two = board_in(dir.path());
    sign_konate(&mut two);
    two.doc.plan.notes = "board two".into();
    let a = one.keep_unsaved().expect("dirty").expect("written");
    let b = two.keep_unsaved().expect("dirty").expect("written");
    assert_ne!(a, b);
    let pending = squadboard::store::recovery::pending(dir.path());
    assert_eq!(pending.len(), 2, "{pending:?}");

    let mut next = board_in(dir.path());
    next.offer_recovery();
    let Some(Modal::Menu { items, .. }) = &next.view.modal else {
        panic!("both offered: {:?}", next.view.modal)
    };
    assert_eq!(
        items.len(),
        3,
        "two to restore and one to keep both: {items:?}"
    );
    let first = items[0].key;
    next.apply(Action::MenuKey(first));
    let restored = next.doc.plan.notes.clone();
    assert!(restored.starts_with("board "), "{restored}");
    // The other is kept as a scenario the picker lists, never lost.
    let other = if restored == "board one" {
        "board two"
    } else {
        "board one"
    };
    let kept: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("recovered-"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    assert!(kept.iter().any(|t| t.contains(other)), "{kept:?}");
}

/// Issue 13, item 4. Fails on main: the restored work took the fingerprint of the file as it is
/// now, so saving overwrote an edit made to it meanwhile without asking.
#[test]
fn a_restored_recovery_asks_before_overwriting_an_edit_made_meanwhile() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(dir.path());
    b.apply(Action::Command(Command::SaveAs));
    typed_in_modal(&mut b, "mine");
    b.apply(Action::ModalAccept);
    sign_konate(&mut b);
    b.keep_unsaved().expect("dirty").expect("written");
    let file = dir.path().join("mine.ron");
    let mut edited = std::fs::read_to_string(&file).expect("mine");
    edited.push_str("// an edit made in another editor\n");
    std::fs::write(&file, &edited).expect("edit");

    let mut next = board_in(dir.path());
    next.offer_recovery();
    next.apply(Action::ConfirmYes);
    next.view.modal = None;
    next.apply(Action::Command(Command::Save));
    let Some(Modal::Confirm { question, .. }) = &next.view.modal else {
        panic!("asked first: {:?} {:?}", next.view.modal, next.view.message)
    };
    assert!(question.contains("changed on disk"), "{question}");
    assert_eq!(std::fs::read_to_string(&file).expect("mine"), edited);
}

/// Issue 13, item 13. Fails on main: a planted `.recovery.ron` symlink made the recovery write
/// go through it to its target.
#[cfg(unix)]
#[test]
fn a_planted_symlink_is_never_written_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let outside = tempfile::tempdir().expect("tempdir");
    let target = outside.path().join("precious.txt");
    std::fs::write(&target, "precious").expect("write");
    std::os::unix::fs::symlink(&target, dir.path().join(".recovery.ron")).expect("symlink");
    let mut b = board_in(dir.path());
    sign_konate(&mut b);
    let kept = b.keep_unsaved().expect("dirty").expect("written");
    assert_eq!(
        std::fs::read_to_string(&target).expect("target"),
        "precious"
    );
    let meta = std::fs::symlink_metadata(&kept).expect("kept");
    assert!(meta.file_type().is_file(), "a new regular file");
    // And the exclusive create refuses a link at its own name.
    let link = dir.path().join(".recovery-planted.ron");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    assert!(squadboard::store::recovery::create_new(&link, b"x").is_err());
    assert_eq!(
        std::fs::read_to_string(&target).expect("target"),
        "precious"
    );
}

/// Issue 13: a file notice raised while the recovery offer was open replaced (or was replaced
/// by) the offer (on main before this fix one of the two was lost). Now the notice waits.
#[test]
fn a_notice_raised_during_the_recovery_offer_waits_for_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (b, mut next) = recovery_offered(dir.path());
    next.apply(Action::Done(Box::new(squadboard::app::Done::OpenFailed(
        squadboard::store::ron_file::StoreError::invalid("x.ron", "changed on disk").into(),
    ))));
    assert!(
        matches!(next.view.modal, Some(Modal::Confirm { .. })),
        "the offer stays open: {:?}",
        next.view.modal
    );
    next.apply(Action::ConfirmYes);
    assert_eq!(next.doc.plan, b.doc.plan, "the work is back");
    let Some(Modal::Notice { lines, .. }) = &next.view.modal else {
        panic!("the notice follows the offer: {:?}", next.view.modal)
    };
    assert!(
        lines.iter().any(|l| l.contains("changed on disk")),
        "{lines:?}"
    );
}

/// `q` answers the recovery question as `n` and `Esc` do, as it closes every other dialog: the
/// work is set aside as a scenario, never thrown away (it used to be ignored there).
#[test]
fn q_n_and_esc_all_set_the_recovery_aside() {
    use ratatui::crossterm::event::KeyCode;
    use squadboard::input::{HitMap, event_to_actions};
    for (what, key) in [
        ("q", char_press('q')),
        ("n", char_press('n')),
        ("Esc", key_press(KeyCode::Esc)),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let (b, mut next) = recovery_offered(dir.path());
        let actions = event_to_actions(&key, &next, keymap(), &HitMap::default());
        assert!(!actions.is_empty(), "{what} does something");
        for a in actions {
            next.apply(a);
        }
        assert!(next.view.modal.is_none(), "{what}: {:?}", next.view.modal);
        assert!(
            !next.view.should_quit,
            "{what} answered the question; the board stays"
        );
        let m = next.message_text().unwrap_or_default();
        assert!(m.contains("recovered-"), "{what}: {m}");
        next.apply(Action::Command(Command::OpenScenario));
        next.apply(Action::ModalAccept);
        assert_eq!(next.doc.plan, b.doc.plan, "{what}: the work is kept");
    }
}

/// Issue 23, item 15: a recovery whose origin line names a file that is not a scenario, with
/// no fingerprint line (as the old `.recovery.ron` + `.recovery.path` form has), was restored
/// and Ctrl-s wrote over that file unasked. Without a fingerprint the save asks; a file that
/// does not parse as a scenario is never written over, whatever is answered.
#[test]
fn a_recovery_without_fingerprint_never_saves_over_a_file_unasked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let victim = dir.path().join("victim2.txt");
    std::fs::write(&victim, "precious text\n").expect("victim");
    // A scenario too, saved by another board.
    let mut other = board_in(dir.path());
    other.apply(Action::Command(Command::SaveAs));
    typed_in_modal(&mut other, "theirs");
    other.apply(Action::ModalAccept);
    let theirs = dir.path().join("theirs.ron");
    let theirs_text = std::fs::read_to_string(&theirs).expect("theirs");
    for origin in [&victim, &theirs] {
        let mut b = board_in(dir.path());
        sign_konate(&mut b);
        let kept = b.keep_unsaved().expect("dirty").expect("written");
        let text = std::fs::read_to_string(&kept).expect("recovery");
        let quoted = format!("{:?}", origin.display().to_string());
        std::fs::write(&kept, format!("// recovery of: {quoted}\n{text}")).expect("forged");
        let mut next = board_in(dir.path());
        next.offer_recovery();
        next.apply(Action::ConfirmYes);
        next.view.modal = None;
        next.apply(Action::Command(Command::Save));
        assert!(
            next.view.modal.is_some(),
            "{}: saved unasked: {:?}",
            origin.display(),
            next.view.message
        );
        // Even answered yes, a file that is not a scenario is not written over.
        if origin == &victim {
            if matches!(next.view.modal, Some(Modal::Confirm { .. })) {
                next.apply(Action::ConfirmYes);
            }
            assert_eq!(
                std::fs::read_to_string(&victim).expect("victim"),
                "precious text\n"
            );
        } else {
            assert_eq!(
                std::fs::read_to_string(&theirs).expect("theirs"),
                theirs_text
            );
        }
        for p in squadboard::store::recovery::pending(dir.path()) {
            squadboard::store::recovery::discard(&p.path);
        }
    }
}
