//! Scenarios on the board: save, save-as, open, new, duplicate, rename, delete, compare, quit with
//! unsaved changes, departures, assumptions, notes — through `apply` (update plus the file work
//! it asks for), in a temporary scenario folder.

use crate::common;
use common::*;
use squadboard::app::{Action, Modal};
use squadboard::domain::plan::DepartureKind;
use squadboard::input::Command;
use std::fs;

fn files(dir: &tempfile::TempDir) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn first_save_asks_for_a_name_then_saves_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    sign_konate(&mut b);
    assert!(b.doc.dirty());
    run_cmd(&mut b, Command::Save);
    assert!(
        matches!(b.view.modal, Some(Modal::Prompt { .. })),
        "asks for a name"
    );
    typed_in_modal(&mut b, "Konaté in");
    b.apply(Action::ModalAccept);
    assert!(b.view.modal.is_none());
    assert!(!b.doc.dirty(), "{:?}", b.view.message);
    assert_eq!(files(&dir), vec!["konate-in.ron"]);
    assert_eq!(b.doc.file.name, "Konaté in");
    let text = fs::read_to_string(dir.path().join("konate-in.ron")).expect("saved");
    assert!(text.contains("\"konate\""));
    // A change, then Ctrl-s saves in place without asking.
    run_cmd(&mut b, Command::Formation);
    assert!(b.doc.dirty());
    run_cmd(&mut b, Command::Save);
    assert!(b.view.modal.is_none());
    assert!(!b.doc.dirty());
    assert_eq!(files(&dir), vec!["konate-in.ron"]);
    assert!(
        fs::read_to_string(dir.path().join("konate-in.ron"))
            .expect("saved")
            .contains("4-2-3-1")
    );
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    run_cmd(&mut b, Command::SaveAs);
    typed_in_modal(&mut b, "plan a");
    b.apply(Action::ModalAccept);
    let path = dir.path().join("plan-a.ron");
    let theirs = fs::read_to_string(&path)
        .expect("saved")
        .replace("plan a", "plan a (edited elsewhere)");
    fs::write(&path, &theirs).expect("external edit");
    run_cmd(&mut b, Command::Formation);
    run_cmd(&mut b, Command::Save);
    assert!(
        matches!(b.view.modal, Some(Modal::Confirm { .. })),
        "asks before overwriting"
    );
    assert_eq!(
        fs::read_to_string(&path).expect("file"),
        theirs,
        "untouched while asking"
    );
    assert!(b.doc.dirty());
    // No: nothing written, still unsaved.
    run_cmd(&mut b, Command::Cancel);
    assert_eq!(fs::read_to_string(&path).expect("file"), theirs);
    assert!(b.doc.dirty());
    // Yes: overwritten.
    run_cmd(&mut b, Command::Save);
    b.apply(Action::ConfirmYes);
    assert!(!b.doc.dirty());
    assert!(fs::read_to_string(&path).expect("file").contains("4-2-3-1"));
}

#[test]
fn a_failed_save_keeps_the_scenario_unsaved_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    // The scenario folder is a file: nothing can be saved in it.
    let blocker = dir.path().join("not-a-folder");
    fs::write(&blocker, "x").expect("file");
    b.doc.scenarios_dir = blocker.clone();
    sign_konate(&mut b);
    run_cmd(&mut b, Command::SaveAs);
    typed_in_modal(&mut b, "doomed");
    b.apply(Action::ModalAccept);
    assert!(b.doc.dirty());
    let m = b.message_text().unwrap_or_default();
    assert!(m.starts_with("not saved:"), "{m}");
    assert!(m.contains("not-a-folder"), "{m}");
    assert_eq!(fs::read_to_string(&blocker).expect("file"), "x");
}

#[test]
fn open_picker_filters_opens_and_deletes_with_confirmation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    // Two scenarios: one with Konaté, one in 4-4-2.
    sign_konate(&mut b);
    run_cmd(&mut b, Command::SaveAs);
    typed_in_modal(&mut b, "Konaté in");
    b.apply(Action::ModalAccept);
    run_cmd(&mut b, Command::NewScenario);
    run_cmd(&mut b, Command::Formation);
    run_cmd(&mut b, Command::Formation);
    run_cmd(&mut b, Command::SaveAs);
    typed_in_modal(&mut b, "Two up front");
    b.apply(Action::ModalAccept);
    assert_eq!(files(&dir), vec!["konate-in.ron", "two-up-front.ron"]);

    run_cmd(&mut b, Command::OpenScenario);
    let Some(Modal::Picker(p)) = &b.view.modal else {
        panic!("picker: {:?}", b.view.modal)
    };
    assert_eq!(p.entries.len(), 2);
    typed_in_modal(&mut b, "kon");
    let Some(Modal::Picker(p)) = &b.view.modal else {
        panic!("picker")
    };
    assert_eq!(p.visible().len(), 1);
    b.apply(Action::ModalAccept);
    assert!(b.view.modal.is_none(), "{:?}", b.view.modal);
    assert_eq!(b.doc.file.name, "Konaté in");
    assert!(b.doc.plan.is_signing(&id("konate")));
    assert_eq!(b.doc.plan.formation().name(), "4-3-3");
    assert!(!b.doc.dirty());
    assert!(
        b.doc.history.undo_steps().is_empty(),
        "history starts again with the opened scenario"
    );

    // Delete "Two up front": asks, then deletes and lists again.
    run_cmd(&mut b, Command::OpenScenario);
    typed_in_modal(&mut b, "two");
    b.apply(Action::PickerDelete);
    assert!(matches!(b.view.modal, Some(Modal::Confirm { .. })));
    assert_eq!(files(&dir).len(), 2, "nothing deleted before yes");
    b.apply(Action::ConfirmYes);
    assert_eq!(files(&dir), vec!["konate-in.ron"]);
    assert!(
        matches!(b.view.modal, Some(Modal::Picker(_))),
        "the picker again, without it"
    );
}

#[test]
fn opening_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    run_cmd(&mut b, Command::SaveAs);
    typed_in_modal(&mut b, "base");
    b.apply(Action::ModalAccept);
    run_cmd(&mut b, Command::Formation);
    run_cmd(&mut b, Command::OpenScenario);
    b.apply(Action::ModalAccept);
    assert!(matches!(b.view.modal, Some(Modal::Confirm { .. })));
    run_cmd(&mut b, Command::Cancel);
    assert_eq!(
        b.doc.plan.formation().name(),
        "4-2-3-1",
        "kept the unsaved work"
    );
}

#[test]
fn quitting_with_unsaved_changes_asks_and_can_save_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    run_cmd(&mut b, Command::Quit);
    assert!(b.view.should_quit, "nothing to lose: quits at once");

    let mut b = board_in(&dir);
    sign_konate(&mut b);
    run_cmd(&mut b, Command::Quit);
    assert!(!b.view.should_quit);
    assert!(matches!(b.view.modal, Some(Modal::Confirm { .. })));
    run_cmd(&mut b, Command::Cancel);
    assert!(!b.view.should_quit && b.view.modal.is_none());
    // s: save (asks a name, the first time), then quit.
    run_cmd(&mut b, Command::Quit);
    b.apply(Action::ConfirmSave);
    typed_in_modal(&mut b, "before quitting");
    b.apply(Action::ModalAccept);
    assert!(b.view.should_quit);
    assert_eq!(files(&dir), vec!["before-quitting.ron"]);
    // y: quit without saving.
    let mut b = board_in(&dir);
    sign_konate(&mut b);
    run_cmd(&mut b, Command::Quit);
    b.apply(Action::ConfirmYes);
    assert!(b.view.should_quit);
}

#[test]
fn duplicate_and_rename() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    run_cmd(&mut b, Command::SaveAs);
    typed_in_modal(&mut b, "first");
    b.apply(Action::ModalAccept);
    run_cmd(&mut b, Command::Duplicate);
    b.apply(Action::ModalAccept); // "first copy"
    assert_eq!(files(&dir), vec!["first-copy.ron", "first.ron"]);
    assert_eq!(b.doc.file.name, "first copy");
    run_cmd(&mut b, Command::Rename);
    for _ in 0.."first copy".len() {
        b.apply(Action::ModalBackspace);
    }
    typed_in_modal(&mut b, "second");
    b.apply(Action::ModalAccept);
    assert_eq!(files(&dir), vec!["first.ron", "second.ron"]);
    assert_eq!(b.doc.file.name, "second");
    assert!(!b.doc.dirty());
}

#[test]
fn compare_opens_side_by_side() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    run_cmd(&mut b, Command::SaveAs);
    typed_in_modal(&mut b, "as it is");
    b.apply(Action::ModalAccept);
    sign_konate(&mut b);
    run_cmd(&mut b, Command::Compare);
    b.apply(Action::ModalAccept);
    let Some(Modal::Compare { name, .. }) = &b.view.modal else {
        panic!("compare: {:?}", b.view.modal)
    };
    assert_eq!(name, "as it is");
    let (buf, _) = render(&b, 120, 40);
    let t = text(&buf);
    assert!(t.contains("vs  “as it is”"), "{t}");
    assert!(t.contains("▶ Konaté"), "the changed slot is marked: {t}");
    // Arrows scroll it; Enter closes it as Esc does.
    run_cmd(&mut b, Command::Down);
    run_cmd(&mut b, Command::Down);
    run_cmd(&mut b, Command::Up);
    let Some(Modal::Compare { scroll, .. }) = &b.view.modal else {
        panic!("still open")
    };
    assert_eq!(*scroll, 1);
    b.apply(Action::ModalAccept);
    assert!(b.view.modal.is_none());
    run_cmd(&mut b, Command::Compare);
    b.apply(Action::ModalAccept);
    run_cmd(&mut b, Command::Cancel);
    assert!(b.view.modal.is_none());
}

#[test]
fn departures_assumptions_and_notes_are_undoable_plan_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    // Rüdiger (2nd CB; out of contract at the date, so drawn at the foot of the column) leaves:
    // contract not renewed.
    let cols = b.depth_columns();
    let cb = cols
        .iter()
        .position(|c| *c == squadboard::domain::Position::CB)
        .expect("CB");
    let row = b
        .depth_view(cols[cb])
        .iter()
        .position(|r| r.id == id("rudiger"))
        .expect("Rüdiger drawn");
    b.view.depth_cursor = (cb, row);
    run_cmd(&mut b, Command::Depart);
    let Some(Modal::Menu { items, .. }) = &b.view.modal else {
        panic!("menu")
    };
    // Out of contract, he can only go free: released, or not renewed.
    assert_eq!(items.len(), 2);
    b.apply(Action::MenuKey('2'));
    assert_eq!(
        b.doc.plan.departure(&id("rudiger")).map(|d| d.kind),
        Some(DepartureKind::ContractNotRenewed)
    );
    assert!(!b.doc.shown.depth.contains(&id("rudiger")));
    // Militão fit from the planning date (the second row: Rüdiger was drawn at the foot).
    b.view.depth_cursor.1 = 1;
    assert_eq!(b.selected().map(|(i, _)| i), Some(id("militao")));
    run_cmd(&mut b, Command::Assume);
    b.apply(Action::MenuKey('1'));
    // The planning date is suggested: Enter takes it.
    b.apply(Action::ModalAccept);
    let a = squadboard::domain::warnings::assess(&b.doc.ds, &b.doc.plan_on_date());
    assert!(
        !a.warnings
            .iter()
            .any(|w| w.text(&b.doc.ds).starts_with("Militão injured"))
    );
    // Notes.
    run_cmd(&mut b, Command::Notes);
    typed_in_modal(&mut b, "Konaté on a free?");
    b.apply(Action::ModalAccept);
    assert_eq!(b.doc.plan.notes, "Konaté on a free?");
    // An unknown menu key keeps the menu; Esc closes it.
    run_cmd(&mut b, Command::Assume);
    b.apply(Action::MenuKey('9'));
    assert!(b.view.modal.is_some());
    run_cmd(&mut b, Command::Cancel);
    // Undo all three.
    run_cmd(&mut b, Command::Undo);
    run_cmd(&mut b, Command::Undo);
    run_cmd(&mut b, Command::Undo);
    assert!(!b.doc.dirty());
}

#[test]
fn opening_a_scenario_naming_unknown_players_lists_what_was_dropped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    sign_konate(&mut b);
    run_cmd(&mut b, Command::SaveAs);
    typed_in_modal(&mut b, "old data");
    b.apply(Action::ModalAccept);
    let path = dir.path().join("old-data.ron");
    let text = fs::read_to_string(&path)
        .expect("saved")
        .replace("\"konate\"", "\"ghost\"");
    fs::write(&path, text).expect("write");
    let mut fresh = board_in(&dir);
    run_cmd(&mut fresh, Command::OpenScenario);
    fresh.apply(Action::ModalAccept);
    let Some(Modal::Notice { lines, .. }) = &fresh.view.modal else {
        panic!("notice: {:?}", fresh.view.modal)
    };
    assert!(lines.iter().any(|l| l.contains("ghost")), "{lines:?}");
    assert_eq!(fresh.doc.file.name, "old data");
}

#[test]
fn a_suggested_name_is_replaced_by_typing_and_kept_by_enter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    run_cmd(&mut b, Command::SaveAs);
    typed_in_modal(&mut b, "Plan A");
    b.apply(Action::ModalAccept);
    // Save as again: "Plan A" is suggested, selected; typing replaces it.
    run_cmd(&mut b, Command::SaveAs);
    let Some(Modal::Prompt { input, .. }) = &b.view.modal else {
        panic!("prompt")
    };
    assert_eq!((input.text(), input.is_selected()), ("Plan A", true));
    typed_in_modal(&mut b, "Plan B");
    b.apply(Action::ModalAccept);
    assert_eq!(b.doc.file.name, "Plan B");
    // Enter alone keeps the suggestion.
    run_cmd(&mut b, Command::Duplicate);
    b.apply(Action::ModalAccept);
    assert_eq!(b.doc.file.name, "Plan B copy");
    assert_eq!(
        files(&dir),
        vec!["plan-a.ron", "plan-b-copy.ron", "plan-b.ron"]
    );
}

/// Issue 13, item 3. Fails on main: `R` deleted the old file without looking, losing an edit
/// made to it in another editor since it was opened.
#[test]
fn rename_asks_before_deleting_a_file_changed_on_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    run_cmd(&mut b, Command::SaveAs);
    typed_in_modal(&mut b, "mine");
    b.apply(Action::ModalAccept);
    let mine = dir.path().join("mine.ron");
    let mut edited = fs::read_to_string(&mine).expect("mine");
    edited.push_str("// edited elsewhere\n");
    fs::write(&mine, &edited).expect("edit");
    run_cmd(&mut b, Command::Rename);
    for _ in 0..4 {
        b.apply(Action::ModalBackspace);
    }
    typed_in_modal(&mut b, "theirs");
    b.apply(Action::ModalAccept);
    let Some(Modal::Confirm { question, .. }) = &b.view.modal else {
        panic!("asked first: {:?} {:?}", b.view.modal, b.view.message)
    };
    assert!(question.contains("changed on disk"), "{question}");
    assert_eq!(fs::read_to_string(&mine).expect("kept"), edited);
    assert_eq!(files(&dir), ["mine.ron"]);
    // Yes renames anyway, as saving over a changed file does.
    b.apply(Action::ConfirmYes);
    assert_eq!(files(&dir), ["theirs.ron"], "{:?}", b.view.message);
}

/// Issue 13, item 5. Fails on main: a pasted megabyte went into the name and the notes, so
/// neither the scenario nor its recovery could be written.
#[test]
fn prompts_are_bounded_on_type_and_paste_and_any_name_saves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    run_cmd(&mut b, Command::SaveAs);
    b.apply(Action::ModalBackspace);
    b.apply(Action::Paste("ü".repeat(1_100_000)));
    typed_in_modal(&mut b, "more");
    let Some(Modal::Prompt { input, .. }) = &b.view.modal else {
        panic!("{:?}", b.view.modal)
    };
    assert_eq!(input.len_chars(), squadboard::app::modal::NAME_LIMIT);
    let (buf, _) = render(&b, 120, 40);
    let screen = text(&buf);
    assert!(
        screen.contains("80/80"),
        "the count near the limit:\n{screen}"
    );
    b.apply(Action::ModalAccept);
    assert!(b.doc.file.path.is_some(), "saved: {:?}", b.view.message);

    run_cmd(&mut b, Command::Notes);
    b.apply(Action::Paste("x\n".repeat(1_100_000)));
    let Some(Modal::Prompt { input, .. }) = &b.view.modal else {
        panic!("{:?}", b.view.modal)
    };
    assert_eq!(input.len_chars(), squadboard::app::modal::NOTES_LIMIT);
    b.apply(Action::ModalAccept);
    run_cmd(&mut b, Command::Save);
    assert!(!b.doc.dirty(), "{:?}", b.view.message);
    assert!(b.keep_unsaved().is_none());
}

/// Issue 13, item 8. Fails on main: editing notes again joined their lines, and the old text
/// was pre-selected so the first key typed replaced all of it.
#[test]
fn notes_keep_their_line_breaks_and_the_cursor_starts_at_the_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    run_cmd(&mut b, Command::Notes);
    b.apply(Action::Paste("first line\r\nsecond line".into()));
    b.apply(Action::ModalAccept);
    assert_eq!(b.doc.plan.notes, "first line\nsecond line");
    run_cmd(&mut b, Command::Notes);
    typed_in_modal(&mut b, "!");
    b.apply(Action::ModalAccept);
    assert_eq!(b.doc.plan.notes, "first line\nsecond line!");
}

/// The confirmation open now, if any: its question.
fn question(b: &squadboard::app::Board) -> Option<String> {
    match &b.view.modal {
        Some(Modal::Confirm { question, .. }) => Some(question.clone()),
        _ => None,
    }
}

/// Issue 14, item 8. Fails on main: a second "Konaté at RCB" was written as
/// `konate-at-rcb-2.ron`, and "Romero Plan" beside "Romero plan" passed silently. Save-as,
/// duplicate and rename refuse a name the folder has (case, accents and the file name's slug
/// compared) and offer to replace it, or to pick another name with the text kept.
#[test]
fn a_name_that_exists_is_refused_and_replaced_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    run_cmd(&mut b, Command::SaveAs);
    typed_in_modal(&mut b, "Romero plan");
    b.apply(Action::ModalAccept);
    assert_eq!(files(&dir), vec!["romero-plan.ron"]);
    sign_konate(&mut b);
    run_cmd(&mut b, Command::SaveAs);
    b.apply(Action::ModalBackspace);
    typed_in_modal(&mut b, "Romero Plan");
    b.apply(Action::ModalAccept);
    let q = question(&b).expect("asks");
    assert!(q.contains("“Romero plan” already exists"), "{q}");
    assert_eq!(files(&dir), vec!["romero-plan.ron"], "nothing written yet");
    // n: back to the prompt, the name kept, to pick another.
    b.apply(Action::Command(Command::Cancel));
    let Some(Modal::Prompt { input, .. }) = &b.view.modal else {
        panic!("back to the prompt: {:?}", b.view.modal)
    };
    assert_eq!(input.text(), "Romero Plan");
    b.apply(Action::ModalBackspace);
    typed_in_modal(&mut b, "Romëro plan");
    b.apply(Action::ModalAccept);
    assert!(question(&b).is_some(), "accents are ignored too");
    // y: replaces it, in its own file.
    b.apply(Action::ConfirmYes);
    assert_eq!(files(&dir), vec!["romero-plan.ron"]);
    assert!(!b.doc.dirty(), "{:?}", b.view.message);
    assert_eq!(b.doc.file.name, "Romëro plan");
    let text = fs::read_to_string(dir.path().join("romero-plan.ron")).expect("saved");
    assert!(text.contains("\"konate\""), "the new plan replaced it");

    // Duplicate under a name whose slug is taken ("romero plan!" is romero-plan.ron).
    run_cmd(&mut b, Command::Duplicate);
    b.apply(Action::ModalBackspace);
    typed_in_modal(&mut b, "romero plan!");
    b.apply(Action::ModalAccept);
    assert!(question(&b).is_some(), "the file name clashes");
    b.apply(Action::Command(Command::Cancel));
    b.apply(Action::Command(Command::Cancel));
    assert!(b.view.modal.is_none());
    assert_eq!(files(&dir), vec!["romero-plan.ron"]);

    // Rename onto another scenario's name asks; renaming to its own name in another case
    // does not, and keeps its file.
    run_cmd(&mut b, Command::Duplicate);
    b.apply(Action::ModalBackspace);
    typed_in_modal(&mut b, "Konaté at RCB");
    b.apply(Action::ModalAccept);
    assert_eq!(files(&dir), vec!["konate-at-rcb.ron", "romero-plan.ron"]);
    run_cmd(&mut b, Command::Rename);
    b.apply(Action::ModalBackspace);
    typed_in_modal(&mut b, "ROMERO PLAN");
    b.apply(Action::ModalAccept);
    assert!(question(&b).is_some(), "rename onto another scenario");
    b.apply(Action::Command(Command::Cancel));
    b.apply(Action::ModalBackspace);
    typed_in_modal(&mut b, "KONATE AT RCB");
    b.apply(Action::ModalAccept);
    assert!(b.view.modal.is_none(), "its own name: {:?}", b.view.modal);
    assert_eq!(b.doc.file.name, "KONATE AT RCB");
    assert_eq!(files(&dir), vec!["konate-at-rcb.ron", "romero-plan.ron"]);
}

/// The scenario a taken name belongs to is replaced only as it was when the user said yes: if
/// another board (or an editor) saved it meanwhile, the user is asked again and that work is
/// not written over (it used to be, without a word). Gone meanwhile, the name is simply free.
#[test]
fn a_scenario_changed_after_the_replace_question_is_asked_about_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut other = board_in(&dir);
    run_cmd(&mut other, Command::SaveAs);
    typed_in_modal(&mut other, "Romero plan");
    other.apply(Action::ModalAccept);
    let file = dir.path().join("romero-plan.ron");

    let mut b = board_in(&dir);
    sign_konate(&mut b);
    run_cmd(&mut b, Command::SaveAs);
    typed_in_modal(&mut b, "romero plan");
    b.apply(Action::ModalAccept);
    assert!(question(&b).is_some_and(|q| q.contains("already exists")));
    // Meanwhile the other board changes and saves that scenario.
    run_cmd(&mut other, Command::Formation);
    run_cmd(&mut other, Command::Save);
    assert!(!other.doc.dirty(), "{:?}", other.view.message);
    let theirs = fs::read_to_string(&file).expect("theirs");
    b.apply(Action::ConfirmYes);
    let q = question(&b).expect("asked again");
    assert!(q.contains("changed on disk since you were asked"), "{q}");
    assert_eq!(
        fs::read_to_string(&file).expect("kept"),
        theirs,
        "not written over"
    );
    assert!(b.doc.dirty());
    // Yes again, to what it holds now: replaced.
    b.apply(Action::ConfirmYes);
    assert!(b.view.modal.is_none(), "{:?}", b.view.modal);
    assert!(!b.doc.dirty(), "{:?}", b.view.message);
    let text = fs::read_to_string(&file).expect("replaced");
    assert!(text.contains("\"konate\""), "{text}");

    // Asked, then the file is deleted: yes saves it as a new file under the name.
    let mut c = board_in(&dir);
    run_cmd(&mut c, Command::SaveAs);
    typed_in_modal(&mut c, "Romero plan");
    c.apply(Action::ModalAccept);
    assert!(question(&c).is_some());
    fs::remove_file(&file).expect("removed");
    c.apply(Action::ConfirmYes);
    assert!(c.view.modal.is_none(), "{:?}", c.view.modal);
    assert!(file.exists(), "saved under the free name");
}

/// Issue 14, items 4 and 6, in the dialogues. Fails on main: End, Home and PgDn did nothing in
/// the picker, nor g/G in compare (whose scroll ran on past its end). `q` still filters in the
/// picker (Ctrl-c closes it) and closes compare. Keys go through the real input map.
#[test]
fn the_picker_and_compare_jump_page_and_close_by_the_keymap() {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let key = |b: &mut squadboard::app::Board, code: KeyCode, mods: KeyModifiers| {
        let ev = key_with(code, mods);
        let hits = draw(b, 120, 40).1;
        for a in squadboard::input::event_to_actions(&ev, b, keymap(), &hits) {
            b.apply(a);
        }
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(&dir);
    for name in ["one", "two", "three", "four"] {
        run_cmd(&mut b, Command::Formation);
        run_cmd(&mut b, Command::SaveAs);
        b.apply(Action::ModalBackspace);
        typed_in_modal(&mut b, name);
        b.apply(Action::ModalAccept);
    }
    assert_eq!(files(&dir).len(), 4);
    let cursor = |b: &squadboard::app::Board| match &b.view.modal {
        Some(Modal::Picker(p)) => p.cursor,
        other => panic!("picker: {other:?}"),
    };
    run_cmd(&mut b, Command::OpenScenario);
    key(&mut b, KeyCode::End, KeyModifiers::NONE);
    assert_eq!(cursor(&b), 3, "End: the last scenario");
    key(&mut b, KeyCode::Home, KeyModifiers::NONE);
    assert_eq!(cursor(&b), 0);
    key(&mut b, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(cursor(&b), 3, "a page holds them all");
    // Letters filter here: q is typed, Ctrl-c closes as Esc does.
    key(&mut b, KeyCode::Char('q'), KeyModifiers::NONE);
    let Some(Modal::Picker(p)) = &b.view.modal else {
        panic!("still open: {:?}", b.view.modal)
    };
    assert_eq!(p.query.text(), "q");
    key(&mut b, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(b.view.modal.is_none());
    assert!(!b.view.should_quit);

    // Compare: G to the end, no further than the end; q closes.
    run_cmd(&mut b, Command::Compare);
    b.apply(Action::ModalAccept);
    let scroll = |b: &squadboard::app::Board| match &b.view.modal {
        Some(Modal::Compare { scroll, .. }) => *scroll,
        other => panic!("compare: {other:?}"),
    };
    key(&mut b, KeyCode::Char('G'), KeyModifiers::SHIFT);
    let end = scroll(&b);
    let (buf, _) = draw(&mut b, 120, 40);
    assert!(text(&buf).contains("What changes"), "the end in view");
    key(&mut b, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(scroll(&b), end, "no further than the end");
    key(&mut b, KeyCode::Char('g'), KeyModifiers::NONE);
    assert_eq!(scroll(&b), 0);
    key(&mut b, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(b.view.modal.is_none() && !b.view.should_quit);
}
