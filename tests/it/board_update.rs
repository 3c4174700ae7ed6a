//! Navigation, search, overlays and date moves through the update function, no terminal.

use crate::common;
use common::*;
use squadboard::app::{Action, Pane};
use squadboard::domain::Position;
use squadboard::input::Command::*;

#[test]
fn starts_on_the_first_centre_back_at_the_next_summer_window() {
    let b = board();
    assert_eq!(b.doc.date, ymd(2026, 7, 1));
    assert_eq!(b.view.focus, Pane::Depth);
    // The goalkeepers' column first, then the back line (the default focus) from left to
    // right as the pitch, then the rest.
    assert_eq!(
        b.depth_columns()[..5],
        [
            Position::GK,
            Position::LB,
            Position::CB,
            Position::RB,
            Position::DM
        ]
    );
    assert!(
        b.depth_columns()
            .contains(&squadboard::app::DepthColumn::Pos(Position::ST))
    );
    assert_eq!(b.depth_line(), squadboard::app::DepthLine::Defence);
    assert_eq!(b.selected().map(|(i, _)| i), Some(id("huijsen")));
    assert!(b.view.overlays.injury && b.view.overlays.contract);
    assert!(!b.doc.dirty());
}

#[test]
fn arrows_and_hjkl_walk_positions_and_depth() {
    let mut b = board();
    // Rüdiger's contract ends on 30 June 2026: he is drawn apart at the foot.
    cmd(&mut b, Down);
    assert_eq!(b.selected().map(|(i, _)| i), Some(id("militao")));
    // Huijsen, Militão, Asencio, Tchouaméni, then (apart) Rüdiger and Alaba.
    cmds(&mut b, &[Down, Down, Down, Down, Down]);
    assert_eq!(
        b.selected().map(|(i, _)| i),
        Some(id("alaba")),
        "stops at the foot"
    );
    cmd(&mut b, Left);
    // LB has five players: the row is clamped to the last (Alaba, out of contract).
    assert_eq!(b.selected().map(|(i, _)| i), Some(id("alaba")));
    cmds(&mut b, &[Left, Left]);
    assert_eq!(
        b.view.depth_cursor.0, 0,
        "stops at the first column (goalkeepers)"
    );
    // Third row across LB and CB to RB (Carvajal, out of contract), then up the column.
    cmds(&mut b, &[Right, Right, Right]);
    assert_eq!(b.selected().map(|(i, _)| i), Some(id("carvajal")));
    cmds(&mut b, &[Up, Up]);
    assert_eq!(b.selected().map(|(i, _)| i), Some(id("alexander-arnold")));
}

#[test]
fn tab_cycles_panes_and_the_pitch_moves_spatially() {
    let mut b = board();
    cmd(&mut b, NextPane);
    assert_eq!(b.view.focus, Pane::Pitch);
    b.view.slot_cursor = slot(&b, "RCB");
    cmd(&mut b, Left);
    assert_eq!(b.view.slot_cursor, slot(&b, "LCB"));
    cmd(&mut b, Left);
    assert_eq!(b.view.slot_cursor, slot(&b, "LB"));
    cmd(&mut b, Down);
    assert_eq!(
        b.view.slot_cursor,
        slot(&b, "LCB"),
        "down from LB goes deeper"
    );
    cmd(&mut b, Down);
    assert_eq!(b.view.slot_cursor, slot(&b, "GK"));
    cmd(&mut b, Down);
    assert_eq!(
        b.view.slot_cursor,
        slot(&b, "GK"),
        "nothing behind the keeper"
    );
    cmd(&mut b, NextPane);
    assert_eq!(b.view.focus, Pane::List);
    cmd(&mut b, NextPane);
    assert_eq!(b.view.focus, Pane::Depth);
    cmd(&mut b, PrevPane);
    assert_eq!(b.view.focus, Pane::List);
}

#[test]
fn enter_opens_details_and_esc_closes_them() {
    let mut b = board();
    cmd(&mut b, Open);
    assert!(b.view.detail);
    cmd(&mut b, Cancel);
    assert!(!b.view.detail);
    cmd(&mut b, Help);
    assert!(b.view.help);
    cmd(&mut b, Formation);
    assert_eq!(
        b.doc.plan.formation().name(),
        "4-3-3",
        "keys other than help/esc wait while help is open"
    );
    cmd(&mut b, Cancel);
    assert!(!b.view.help);
}

#[test]
fn fuzzy_search_narrows_as_you_type_and_highlights_letters() {
    let mut b = board();
    cmd(&mut b, Search);
    assert!(b.view.filter.typing);
    assert_eq!(b.view.focus, Pane::List);
    typed(&mut b, "r");
    let many = b.view.list.len();
    typed(&mut b, "udi");
    assert!(b.view.list.len() < many, "narrows");
    assert_eq!(
        b.view.list[0].id,
        id("rudiger"),
        "accents folded: rudi finds Rüdiger first"
    );
    assert_eq!(
        b.view.list[0].matched,
        vec![8, 9, 10, 11],
        "Antonio [Rüdi]ger"
    );
    b.update(Action::FilterBackspace);
    b.update(Action::FilterBackspace);
    b.update(Action::FilterBackspace);
    typed(&mut b, "konate");
    assert_eq!(b.view.list[0].id, id("konate"));
    // Aliases: "alvaro fernandez" finds Carreras.
    for _ in 0.."konate".len() + 1 {
        b.update(Action::FilterBackspace);
    }
    typed(&mut b, "alvaro fernandez");
    assert_eq!(
        b.view.list.first().map(|i| i.id.clone()),
        Some(id("carreras"))
    );
    b.update(Action::FilterAccept);
    assert!(
        !b.view.filter.typing && b.view.filter.is_active(),
        "Enter keeps the results"
    );
    assert_eq!(b.selected().map(|(i, _)| i), Some(id("carreras")));
    cmd(&mut b, Cancel);
    assert!(!b.view.filter.is_active());
    assert_eq!(
        b.view.list[0].id,
        id("haaland"),
        "back to the linked targets, newest report first"
    );
}

#[test]
fn overlays_toggle() {
    let mut b = board();
    cmd(&mut b, InjuryOverlay);
    assert!(!b.view.overlays.injury);
    cmd(&mut b, ContractOverlay);
    assert!(!b.view.overlays.contract);
    cmd(&mut b, InjuryOverlay);
    assert!(b.view.overlays.injury);
}

#[test]
fn the_planning_date_moves_by_month_season_and_window() {
    let mut b = board();
    cmd(&mut b, MonthForward);
    assert_eq!(b.doc.date, ymd(2026, 8, 1));
    cmd(&mut b, SeasonForward);
    assert_eq!(b.doc.date, ymd(2027, 8, 1));
    cmd(&mut b, MonthBack);
    cmd(&mut b, SeasonBack);
    assert_eq!(b.doc.date, ymd(2026, 7, 1));
    cmd(&mut b, NextWindow);
    assert_eq!(b.doc.date, ymd(2027, 1, 1));
    cmd(&mut b, NextWindow);
    assert_eq!(b.doc.date, ymd(2027, 7, 1));
    // The date is where the board looks: the plan, and its own date, are unchanged.
    assert!(!b.doc.dirty(), "moving the date changes no plan");
    assert_eq!(b.doc.plan.date, ymd(2026, 7, 1));
    // Warnings follow at once: a season earlier Rüdiger's contract has not yet expired.
    cmds(&mut b, &[SeasonBack, SeasonBack]);
    assert_eq!(b.doc.date, ymd(2025, 7, 1));
    let a = squadboard::domain::warnings::assess(&b.doc.ds, &b.doc.plan_on_date());
    let texts: Vec<String> = a.warnings.iter().map(|w| w.text(&b.doc.ds)).collect();
    assert!(
        texts
            .iter()
            .any(|t| t == "Rüdiger: contract ends 2026-06-30 (<12m)"),
        "{texts:?}"
    );
}

#[test]
fn formation_cycles_and_the_depth_chart_follows() {
    let mut b = board();
    for name in ["4-2-3-1", "4-4-2", "3-5-2"] {
        cmd(&mut b, Formation);
        assert_eq!(b.doc.plan.formation().name(), name);
    }
    // 3-5-2 has wing-backs; the RB and LB columns still show their players.
    assert_eq!(
        b.depth_columns()[..7],
        [
            Position::GK,
            Position::LWB,
            Position::LB,
            Position::CB,
            Position::RB,
            Position::RWB,
            Position::DM
        ]
    );
    cmds(&mut b, &[Undo, Undo, Undo]);
    assert_eq!(b.doc.plan.formation().name(), "4-3-3");
    cmd(&mut b, Redo);
    assert_eq!(b.doc.plan.formation().name(), "4-2-3-1");
    assert_eq!(
        b.message_text().as_deref(),
        Some("redone: formation 4-2-3-1")
    );
}

#[test]
fn paste_goes_into_the_search_box_only() {
    let mut b = board();
    b.update(Action::Paste("konat\nignored".into()));
    assert!(b.view.filter.query.is_empty());
    cmd(&mut b, Search);
    b.update(Action::Paste("konat\nignored".into()));
    assert_eq!(b.view.filter.query.text(), "konat");
}

#[test]
fn quit_sets_the_flag() {
    let mut b = board();
    cmd(&mut b, Quit);
    assert!(b.view.should_quit);
}

use crate::full_club;
use squadboard::app::{DepthColumn, DepthLine};

fn at(b: &squadboard::app::Board) -> Option<String> {
    b.selected().map(|(i, _)| i.as_str().to_string())
}

#[test]
fn a_club_with_every_position_gets_a_column_for_each_grouped_by_line() {
    let b = full_club::board();
    use Position::*;
    let mut want: Vec<DepthColumn> = [GK, LB, CB, RB, DM, CM, AM, LW, ST, RW]
        .into_iter()
        .map(DepthColumn::Pos)
        .collect();
    // Joel Abad: a squad player of unknown position in no column.
    want.push(DepthColumn::Unplaced);
    assert_eq!(b.depth_columns(), want);
    // The back line is the default focus.
    assert_eq!(b.depth_line(), DepthLine::Defence);
    assert_eq!(at(&b).as_deref(), Some("cb1"));
}

#[test]
fn right_and_left_walk_every_column_and_line_keys_jump_between_lines() {
    let mut b = full_club::board();
    let n = b.depth_columns().len();
    for _ in 0..n + 2 {
        cmd(&mut b, Right);
    }
    assert_eq!(b.view.depth_cursor.0, n - 1, "stops at the last column");
    assert_eq!(b.depth_line(), DepthLine::Unplaced);
    assert_eq!(at(&b).as_deref(), Some("xx1"));
    for _ in 0..n + 2 {
        cmd(&mut b, Left);
    }
    assert_eq!(b.view.depth_cursor.0, 0);
    assert_eq!(at(&b).as_deref(), Some("gk1"));

    let mut b = full_club::board();
    let mut seen = Vec::new();
    for _ in 0..5 {
        cmd(&mut b, NextLine);
        seen.push((b.depth_line(), at(&b)));
    }
    assert_eq!(
        seen,
        vec![
            (DepthLine::Midfield, Some("dm1".into())),
            (DepthLine::Attack, Some("lw1".into())),
            (DepthLine::Unplaced, Some("xx1".into())),
            (DepthLine::Goalkeepers, Some("gk1".into())),
            (DepthLine::Defence, Some("lb1".into())),
        ]
    );
    cmd(&mut b, PrevLine);
    assert_eq!(b.depth_line(), DepthLine::Goalkeepers);
    // From another pane, a line key brings the focus back to the depth chart.
    cmd(&mut b, NextPane);
    cmd(&mut b, PrevLine);
    assert_eq!(b.view.focus, Pane::Depth);
    assert_eq!(b.depth_line(), DepthLine::Unplaced);
}

#[test]
fn columns_show_everyone_at_the_club_and_out_of_contract_players_last() {
    let b = full_club::board();
    let ids = |c: Position| -> Vec<String> {
        b.depth_view(DepthColumn::Pos(c))
            .iter()
            .map(|r| r.id.as_str().to_string())
            .collect()
    };
    // Wierzbicki's contract ended on 30 June 2026: he goes to the foot, apart.
    assert_eq!(ids(Position::CB), ["cb1", "cb2", "cb4", "cb3"]);
    let cb = b.depth_view(DepthColumn::Pos(Position::CB));
    assert_eq!(
        cb.iter().map(|r| r.expired).collect::<Vec<_>>(),
        [false, false, false, true]
    );
    // Aitor Ugarte left in 2025: gone. Sergi Vidal has no depth place: shown in his column.
    assert_eq!(ids(Position::CM), ["cm1", "cm2", "cm3", "cm4"]);
    assert_eq!(b.depth_view(DepthColumn::Pos(Position::CM))[3].index, None);
    // Nobody hidden: every squad player at the club shows in some column.
    for p in &b.doc.ds.squad {
        let shown = b
            .depth_columns()
            .iter()
            .any(|c| b.depth_view(*c).iter().any(|r| r.id == p.id));
        assert_eq!(shown, p.id.as_str() != "old", "{}", p.id);
    }
    // Targets only in the target pane.
    assert!(b.view.list.iter().all(|i| b.doc.ds.is_target(&i.id)));
}

#[test]
fn keyboard_drops_and_reorders_work_in_midfield_and_attack_columns() {
    let mut b = full_club::board();
    // Grab the second striker, go to the CM column's second row, drop.
    cmds(&mut b, &[NextLine, NextLine, Right, Down]);
    assert_eq!(at(&b).as_deref(), Some("st2"));
    cmd(&mut b, Grab);
    cmds(&mut b, &[PrevLine, Right, Down]);
    cmd(&mut b, Grab);
    assert!(b.view.drag.is_none());
    assert_eq!(
        b.doc.shown.depth.column(Position::CM),
        &[id("cm1"), id("st2"), id("cm2"), id("cm3"), id("old")]
    );
    assert_eq!(b.doc.shown.depth.column(Position::ST), &[id("st1")]);
    assert_eq!(at(&b).as_deref(), Some("st2"), "the cursor follows him");
    // K/J in the attack line: the second left winger (the line's first column) moves up.
    cmds(&mut b, &[NextLine, Down]);
    assert_eq!(at(&b).as_deref(), Some("lw2"));
    cmd(&mut b, MoveUp);
    assert_eq!(
        b.doc.shown.depth.column(Position::LW),
        &[id("lw2"), id("lw1")]
    );
    assert_eq!(b.view.depth_cursor.1, 0);
    // An unplaced squad player is dropped into a column like a target.
    cmds(&mut b, &[NextLine]);
    cmd(&mut b, Grab);
    cmd(&mut b, PrevLine);
    cmd(&mut b, Grab);
    assert_eq!(b.doc.shown.depth.column(Position::LW)[0], id("xx1"));
    assert!(!b.depth_columns().contains(&DepthColumn::Unplaced));
}

#[test]
fn search_finds_squad_players_marked_as_squad_but_not_former_players() {
    let mut b = full_club::board();
    cmd(&mut b, Search);
    typed(&mut b, "vidal");
    let hit = b.view.list.first().expect("Sergi Vidal found");
    assert_eq!(hit.id, id("cm4"));
    assert_eq!(hit.kind, squadboard::app::ListKind::Squad);
    // Aitor Ugarte left in July 2025: not found at 1 July 2026.
    cmd(&mut b, Cancel);
    cmd(&mut b, Search);
    typed(&mut b, "ugarte");
    assert!(
        b.view.list.iter().all(|i| i.id != id("old")),
        "{:?}",
        b.view.list
    );
}

/// Issue 14, item 4. Fails on main: `q` in the help, the details, the timeline and mid-drag
/// quit the program. `q` closes what is open (or cancels the drag); only on the board itself
/// does it quit.
#[test]
fn q_closes_the_view_or_cancels_the_drag_and_quits_only_from_the_board() {
    let mut b = board();
    cmd(&mut b, Help);
    cmd(&mut b, Quit);
    assert!(!b.view.help && !b.view.should_quit, "q closes the help");
    cmd(&mut b, Open);
    assert!(b.view.detail);
    cmd(&mut b, Quit);
    assert!(
        !b.view.detail && !b.view.should_quit,
        "q closes the details"
    );
    cmd(&mut b, Timeline);
    cmd(&mut b, Open);
    assert!(b.view.timeline_view.is_some_and(|v| v.detail));
    cmd(&mut b, Quit);
    assert!(
        b.view.timeline_view.is_some_and(|v| !v.detail) && !b.view.should_quit,
        "q closes the timeline's details first"
    );
    cmd(&mut b, Quit);
    assert!(
        b.view.timeline_view.is_none() && !b.view.should_quit,
        "then the timeline"
    );
    let before = b.doc.plan.clone();
    cmd(&mut b, Grab);
    assert!(b.view.drag.is_some());
    cmd(&mut b, Quit);
    assert!(
        b.view.drag.is_none() && !b.view.should_quit,
        "q cancels the drag"
    );
    assert_eq!(b.doc.plan, before);
    assert_eq!(b.message_text().as_deref(), Some("drag cancelled"));
    cmd(&mut b, Quit);
    assert!(b.view.should_quit, "on the board itself q quits");
}

/// Issue 14, item 5. Fails on main: the status line said "can't drop here: not in the plan"
/// right after Space on Konaté. It says what to do; once the cursor moves, the drop preview.
#[test]
fn grabbing_says_what_to_do_and_moving_shows_the_drop_preview() {
    let mut b = board();
    select_in_list(&mut b, "konate");
    cmd(&mut b, Grab);
    assert_eq!(
        b.message_text().as_deref(),
        Some("grabbed Konaté — move to a slot, <Grab> drops, <Cancel> cancels")
    );
    let status = |b: &squadboard::app::Board| {
        let (buf, _) = render(b, 120, 40);
        text(&buf).lines().last().unwrap_or("").to_string()
    };
    let s = status(&b);
    assert!(
        s.contains("grabbed Konaté — move to a slot, Space drops, Esc cancels"),
        "{s}"
    );
    assert!(!s.contains("can't drop"), "{s}");
    cmd(&mut b, NextPane);
    let s = status(&b);
    assert!(
        s.contains("drop: Konaté →"),
        "the preview while moving: {s}"
    );
}

/// Issue 14, item 6. Fails on main: there were no such commands. g/G (Home/End) go to the top
/// and the foot of a list, PgUp/PgDn a page, as the last frame showed it.
#[test]
fn top_bottom_and_pages_in_the_lists_and_the_help() {
    let mut b = board();
    // The target list: the foot, a page up, the top.
    select_in_list(&mut b, "haaland");
    let n = b.view.list.len();
    assert!(n > 3, "{n}");
    cmd(&mut b, Bottom);
    assert_eq!(b.view.list_cursor, n - 1);
    cmd(&mut b, Top);
    assert_eq!(b.view.list_cursor, 0);
    b.update(Action::Viewport(squadboard::app::Viewport {
        page: 2,
        max_scroll: None,
        warnings: None,
    }));
    cmd(&mut b, PageDown);
    assert_eq!(b.view.list_cursor, 2, "a page of two");
    cmd(&mut b, PageUp);
    assert_eq!(b.view.list_cursor, 0);
    // A depth column: the foot, then the top.
    cmd(&mut b, NextPane);
    assert_eq!(b.view.focus, Pane::Depth);
    cmd(&mut b, Bottom);
    assert_eq!(b.selected().map(|(i, _)| i), Some(id("alaba")));
    cmd(&mut b, Top);
    assert_eq!(b.selected().map(|(i, _)| i), Some(id("huijsen")));
    cmd(&mut b, PageDown);
    assert_eq!(b.view.depth_cursor.1, 2);
    // The help scrolls no further than its end, as the frame measured it.
    cmd(&mut b, Help);
    b.update(Action::Viewport(squadboard::app::Viewport {
        page: 10,
        max_scroll: Some(25),
        warnings: None,
    }));
    cmd(&mut b, Bottom);
    assert_eq!(b.view.help_scroll, 25);
    cmd(&mut b, Down);
    assert_eq!(b.view.help_scroll, 25, "no further than the end");
    cmd(&mut b, PageUp);
    assert_eq!(b.view.help_scroll, 15);
    cmd(&mut b, Top);
    assert_eq!(b.view.help_scroll, 0);
    assert!(b.view.help);
}
