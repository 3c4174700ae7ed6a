//! Navigation, search, overlays and date moves through the update function, no terminal.

use crate::common;
use chrono::NaiveDate;
use common::*;
use squadboard::app::{Action, Pane};
use squadboard::domain::Position;
use squadboard::input::Command::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

#[test]
fn starts_on_the_first_centre_back_at_the_next_summer_window() {
    let b = board();
    assert_eq!(b.plan.date, d(2026, 7, 1));
    assert_eq!(b.focus, Pane::Depth);
    assert_eq!(
        b.depth_columns(),
        vec![Position::RB, Position::CB, Position::LB, Position::DM]
    );
    assert_eq!(b.selected().map(|(i, _)| i), Some(id("huijsen")));
    assert!(b.overlays.injury && b.overlays.contract);
    assert!(!b.dirty());
}

#[test]
fn arrows_and_hjkl_walk_positions_and_depth() {
    let mut b = board();
    cmds(&mut b, &[Down, Down]);
    assert_eq!(b.selected().map(|(i, _)| i), Some(id("militao")));
    cmds(&mut b, &[Down, Down, Down, Down]);
    assert_eq!(
        b.selected().map(|(i, _)| i),
        Some(id("alaba")),
        "stops at the foot"
    );
    cmd(&mut b, Left);
    // RB has two players: the row is clamped to the last.
    assert_eq!(b.selected().map(|(i, _)| i), Some(id("carvajal")));
    cmd(&mut b, Left);
    assert_eq!(b.depth_cursor.0, 0, "stops at the first column");
    cmds(&mut b, &[Right, Right, Up]);
    assert_eq!(b.selected().map(|(i, _)| i), Some(id("carreras")));
    cmd(&mut b, Right);
    assert_eq!(b.selected(), None, "the empty DM column");
}

#[test]
fn tab_cycles_panes_and_the_pitch_moves_spatially() {
    let mut b = board();
    cmd(&mut b, NextPane);
    assert_eq!(b.focus, Pane::Pitch);
    b.slot_cursor = slot(&b, "RCB");
    cmd(&mut b, Left);
    assert_eq!(b.slot_cursor, slot(&b, "LCB"));
    cmd(&mut b, Left);
    assert_eq!(b.slot_cursor, slot(&b, "LB"));
    cmd(&mut b, Down);
    assert_eq!(b.slot_cursor, slot(&b, "LCB"), "down from LB goes deeper");
    cmd(&mut b, Down);
    assert_eq!(b.slot_cursor, slot(&b, "GK"));
    cmd(&mut b, Down);
    assert_eq!(b.slot_cursor, slot(&b, "GK"), "nothing behind the keeper");
    cmd(&mut b, NextPane);
    assert_eq!(b.focus, Pane::List);
    cmd(&mut b, NextPane);
    assert_eq!(b.focus, Pane::Depth);
    cmd(&mut b, PrevPane);
    assert_eq!(b.focus, Pane::List);
}

#[test]
fn enter_opens_details_and_esc_closes_them() {
    let mut b = board();
    cmd(&mut b, Open);
    assert!(b.detail);
    cmd(&mut b, Cancel);
    assert!(!b.detail);
    cmd(&mut b, Help);
    assert!(b.help);
    cmd(&mut b, Formation);
    assert_eq!(
        b.plan.formation().name(),
        "4-3-3",
        "keys other than help/esc wait while help is open"
    );
    cmd(&mut b, Cancel);
    assert!(!b.help);
}

#[test]
fn fuzzy_search_narrows_as_you_type_and_highlights_letters() {
    let mut b = board();
    cmd(&mut b, Search);
    assert!(b.filter.typing);
    assert_eq!(b.focus, Pane::List);
    typed(&mut b, "r");
    let many = b.list.len();
    typed(&mut b, "udi");
    assert!(b.list.len() < many, "narrows");
    assert_eq!(
        b.list[0].id,
        id("rudiger"),
        "accents folded: rudi finds Rüdiger first"
    );
    assert_eq!(b.list[0].matched, vec![8, 9, 10, 11], "Antonio [Rüdi]ger");
    b.update(Action::FilterBackspace);
    b.update(Action::FilterBackspace);
    b.update(Action::FilterBackspace);
    typed(&mut b, "konate");
    assert_eq!(b.list[0].id, id("konate"));
    // Aliases: "alvaro fernandez" finds Carreras.
    for _ in 0.."konate".len() + 1 {
        b.update(Action::FilterBackspace);
    }
    typed(&mut b, "alvaro fernandez");
    assert_eq!(b.list.first().map(|i| i.id.clone()), Some(id("carreras")));
    b.update(Action::FilterAccept);
    assert!(
        !b.filter.typing && b.filter.is_active(),
        "Enter keeps the results"
    );
    assert_eq!(b.selected().map(|(i, _)| i), Some(id("carreras")));
    cmd(&mut b, Cancel);
    assert!(!b.filter.is_active());
    assert_eq!(
        b.list[0].id,
        id("haaland"),
        "back to the linked targets, newest report first"
    );
}

#[test]
fn overlays_toggle() {
    let mut b = board();
    cmd(&mut b, InjuryOverlay);
    assert!(!b.overlays.injury);
    cmd(&mut b, ContractOverlay);
    assert!(!b.overlays.contract);
    cmd(&mut b, InjuryOverlay);
    assert!(b.overlays.injury);
}

#[test]
fn the_planning_date_moves_by_month_season_and_window() {
    let mut b = board();
    cmd(&mut b, MonthForward);
    assert_eq!(b.plan.date, d(2026, 8, 1));
    cmd(&mut b, SeasonForward);
    assert_eq!(b.plan.date, d(2027, 8, 1));
    cmd(&mut b, MonthBack);
    cmd(&mut b, SeasonBack);
    assert_eq!(b.plan.date, d(2026, 7, 1));
    cmd(&mut b, NextWindow);
    assert_eq!(b.plan.date, d(2027, 1, 1));
    cmd(&mut b, NextWindow);
    assert_eq!(b.plan.date, d(2027, 7, 1));
    assert!(b.dirty(), "the date is part of the plan");
    // Warnings follow at once: a season earlier Rüdiger's contract has not yet expired.
    cmds(&mut b, &[SeasonBack, SeasonBack]);
    assert_eq!(b.plan.date, d(2025, 7, 1));
    let a = squadboard::domain::warnings::assess(&b.ds, &b.plan);
    let texts: Vec<String> = a.warnings.iter().map(|w| w.text(&b.ds)).collect();
    assert!(
        texts
            .iter()
            .any(|t| t == "Rüdiger: contract ends 2026-06-30 this season"),
        "{texts:?}"
    );
}

#[test]
fn formation_cycles_and_the_depth_chart_follows() {
    let mut b = board();
    for name in ["4-2-3-1", "4-4-2", "3-5-2"] {
        cmd(&mut b, Formation);
        assert_eq!(b.plan.formation().name(), name);
    }
    // 3-5-2 has wing-backs; the RB and LB columns still show their players.
    assert_eq!(
        b.depth_columns(),
        vec![
            Position::RWB,
            Position::RB,
            Position::CB,
            Position::LB,
            Position::LWB,
            Position::DM
        ]
    );
    cmds(&mut b, &[Undo, Undo, Undo]);
    assert_eq!(b.plan.formation().name(), "4-3-3");
    cmd(&mut b, Redo);
    assert_eq!(b.plan.formation().name(), "4-2-3-1");
    assert!(b.message.as_deref() == Some("redone"));
}

#[test]
fn paste_goes_into_the_search_box_only() {
    let mut b = board();
    b.update(Action::Paste("konat\nignored".into()));
    assert!(b.filter.query.is_empty());
    cmd(&mut b, Search);
    b.update(Action::Paste("konat\nignored".into()));
    assert_eq!(b.filter.query, "konat");
}

#[test]
fn quit_sets_the_flag() {
    let mut b = board();
    cmd(&mut b, Quit);
    assert!(b.should_quit);
}
