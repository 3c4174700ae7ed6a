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
        t.contains("drop: Konaté → left CB; Militão drops to 3rd CB"),
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

/// The depth pane's lines (the top part of the screen, left of the targets).
fn depth_pane(t: &str) -> Vec<String> {
    let lines: Vec<&str> = t.lines().collect();
    let end = lines
        .iter()
        .skip(1)
        .position(|l| l.starts_with('┗') || l.starts_with('└'))
        .map_or(lines.len(), |i| i + 1);
    lines[..end]
        .iter()
        .map(|l| l.split(['┓', '┐']).next().unwrap_or("").to_string())
        .map(|l| l.split("┃│").next().unwrap_or("").to_string())
        .collect()
}

/// Issue 14, item 10: a mark outranks the name — the name is shortened with "…" and the mark
/// kept, in every column alike (Alaba stands in two), at 80×24 and 100×30.
#[test]
fn marks_outrank_names_in_every_column_at_80x24_and_100x30() {
    let mut b = board();
    // A season on: more players with a contract mark.
    cmd(&mut b, Command::SeasonForward);
    for (w, h) in [(80, 24), (100, 30)] {
        let t = text(&render(&b, w, h).0);
        let pane = depth_pane(&t);
        for who in ["Alaba", "Rüdig", "Carva", "Mendy"] {
            for line in pane.iter().filter(|l| l.contains(who)) {
                // Each cell that names him ends in a mark: the cell runs to the next number.
                let cell = line[line.find(who).unwrap_or(0)..]
                    .split("  ")
                    .next()
                    .unwrap_or("");
                assert!(
                    cell.contains(" OUT") || cell.contains(" c?") || cell.contains(" <"),
                    "{who} without his mark at {w}×{h}: {cell:?}\n{t}"
                );
            }
        }
        assert_snapshot!(format!("marks_season_on_{w}x{h}"), t);
    }
}

/// Issue 14, item 10: a status message too long for the line ends in "…" and the key that
/// shows it whole; the key opens it in full.
#[test]
fn a_cut_status_message_names_the_key_that_shows_it_whole() {
    let mut b = board();
    // Huijsen is selected; he is no signing.
    cmd(&mut b, Command::Remove);
    let whole = "Huijsen is not a projected signing; x removes signings";
    for (w, h) in [(80, 24), (100, 30)] {
        let t = text(&render(&b, w, h).0);
        let status = t.lines().last().unwrap_or("");
        assert!(status.contains("Huijsen is not a"), "{status}");
        assert!(
            status.contains(whole) || status.contains("… m full"),
            "cut without saying how to read it: {status}"
        );
        assert_snapshot!(format!("status_cut_{w}x{h}"), t);
    }
    let t = text(&render(&b, 80, 24).0);
    assert!(
        !t.contains(whole),
        "the test needs a message that is cut at 80"
    );
    cmd(&mut b, Command::FullMessage);
    let t = text(&render(&b, 80, 24).0);
    assert!(t.contains(whole), "{t}");
    assert_snapshot!("status_full_80x24", t);
    cmd(&mut b, Command::Cancel);
    assert!(b.view.modal.is_none());
    // Under a dialog, or while the search box takes the letters, `m` does nothing or types:
    // a message cut there is not offered the key.
    for open in [Command::SaveAs, Command::Search] {
        cmd(&mut b, open);
        // A message that arrives with the dialog open (a file's answer, the pool's notes).
        b.say(whole);
        let status = text(&render(&b, 80, 24).0)
            .lines()
            .last()
            .unwrap_or("")
            .to_string();
        assert!(status.contains("Huijsen is not a"), "{open:?}: {status}");
        assert!(!status.contains("m full"), "{open:?}: {status}");
        cmd(&mut b, Command::Cancel);
    }
}

/// Issue 14, item 11: rows a column cannot show get a marker row of their own, both ways, and
/// the names stay whole; so does the target list.
#[test]
fn hidden_rows_get_marker_rows_of_their_own_both_ways() {
    let mut b = full_club::imported_board();
    for (w, h) in [(80, 24), (100, 30)] {
        let t = text(&render(&b, w, h).0);
        let pane = depth_pane(&t);
        assert!(
            pane.iter().any(|l| l.contains("↓ ") && l.contains(" more")),
            "no ↓ marker at {w}×{h}:\n{t}"
        );
        // A marker shares its row with no player: no rank number on it.
        for l in pane.iter().filter(|l| l.contains(" more")) {
            let rest = l.replace(['┃', '┊'], " ");
            assert!(
                !rest
                    .split_whitespace()
                    .any(|w| w.parse::<u32>().is_ok() && !rest.contains(&format!("{w} more"))),
                "a marker on a player's row: {l}"
            );
        }
        assert_snapshot!(format!("imported_top_{w}x{h}"), t);
    }
    // Down the longest column of the defence: rows above are counted too.
    for _ in 0..12 {
        cmd(&mut b, Command::Down);
    }
    for (w, h) in [(80, 24), (100, 30)] {
        let t = text(&render(&b, w, h).0);
        let pane = depth_pane(&t);
        assert!(
            pane.iter().any(|l| l.contains("↑ ") && l.contains(" more")),
            "no ↑ marker at {w}×{h}:\n{t}"
        );
        assert_snapshot!(format!("imported_scrolled_{w}x{h}"), t);
    }
    // The search results: more than fit, counted on the pane's bottom border, both ways.
    let mut s = full_club::imported_board();
    cmd(&mut s, Command::Search);
    typed(&mut s, "a");
    s.update(Action::FilterAccept);
    for _ in 0..9 {
        cmd(&mut s, Command::Down);
    }
    for (w, h) in [(80, 24), (100, 30)] {
        let t = text(&render(&s, w, h).0);
        assert!(t.contains("↑ ") && t.contains("↓ "), "{t}");
        assert_snapshot!(format!("imported_search_{w}x{h}"), t);
    }
}

/// Issue 14, item 12: namesakes get initials wherever short names are shown together — here
/// the comparison of two plans.
#[test]
fn namesakes_get_initials_in_the_comparison() {
    let b = full_club::imported_board();
    let mut c = full_club::imported_board();
    c.view.modal = Some(squadboard::app::Modal::Compare {
        name: "copy".into(),
        other: Box::new(b.doc.plan.clone()),
        scroll: 0,
    });
    for (w, h) in [(80, 24), (100, 30)] {
        let t = text(&render(&c, w, h).0);
        assert!(t.contains("M. Zárate") && t.contains("J. Zárate"), "{t}");
        assert_snapshot!(format!("compare_namesakes_{w}x{h}"), t);
    }
}

/// Issue 14, item 13: at 80 columns the two plans stack, one above the other, each the whole
/// width; at 100 they stand side by side.
#[test]
fn compare_stacks_at_80_columns_and_stands_side_by_side_wider() {
    let before = board();
    let mut b = board();
    select_in_list(&mut b, "konate");
    cmd(&mut b, Command::Grab);
    cmds(&mut b, &[Command::NextPane, Command::NextPane]);
    b.view.slot_cursor = slot(&b, "LCB");
    cmd(&mut b, Command::Grab);
    b.view.modal = Some(squadboard::app::Modal::Compare {
        name: "before".into(),
        other: Box::new(before.doc.plan.clone()),
        scroll: 0,
    });
    let t = text(&render(&b, 80, 24).0);
    let lines: Vec<&str> = t.lines().collect();
    let at = |needle: &str| lines.iter().position(|l| l.contains(needle));
    let (a, z) = (at("“untitled” 4-3-3"), at("“before” 4-3-3"));
    assert!(
        a.is_some() && z.is_some() && a < z,
        "stacked: this plan above the other\n{t}"
    );
    for l in &lines {
        assert!(
            l.matches("XI age").count() <= 1,
            "two sides on one row: {l}"
        );
    }
    assert_snapshot!("compare_80x24", t);
    let t = text(&render(&b, 100, 30).0);
    assert!(
        t.lines()
            .any(|l| l.contains("“untitled” 4-3-3") && l.contains("“before” 4-3-3")),
        "side by side at 100\n{t}"
    );
    assert_snapshot!("compare_100x30", t);
}
/// Issue 14, item 10, the lists: a long name in the search results gives way to its contract
/// mark ("Sebastián Echeverría Goi… OUT"), at 80×24 and 100×30.
#[test]
fn marks_outrank_long_names_in_the_search_results() {
    let ds = full_club::imported_dataset();
    let b = full_club::imported_board();
    let theme = squadboard::ui::Theme::default();
    // The longest name that carries a contract mark.
    let (p, mark) = ds
        .squad
        .iter()
        .filter_map(|p| {
            let m = squadboard::ui::marks::marks(&theme, b.view.overlays, &b.doc.plan, p, false);
            let (t, _) = m.contract?;
            (!t.is_empty()).then_some((p, t))
        })
        .max_by_key(|(p, _)| p.name.chars().count())
        .expect("a marked player");
    let mut s = full_club::imported_board();
    cmd(&mut s, Command::Search);
    typed(&mut s, &p.name);
    for (w, h) in [(80, 24), (100, 30)] {
        let t = text(&render(&s, w, h).0);
        // The target pane: the right 40% of the screen.
        let row: String = t
            .lines()
            .nth(1)
            .unwrap_or("")
            .chars()
            .skip(usize::from(w) * 60 / 100)
            .collect();
        let first = p.name.split(' ').next().unwrap_or("");
        assert!(row.contains(first), "{} not first:\n{t}", p.name);
        assert!(
            row.contains(&format!(" {mark} "))
                || row.contains(&format!(" {mark}│"))
                || row.contains(&format!(" {mark}┃")),
            "{}'s mark {mark} lost at {w}×{h}: {row}",
            p.name
        );
        assert_snapshot!(format!("search_long_name_{w}x{h}"), t);
    }
}

/// Warnings name players as the board draws them: a namesake gets his initial there too
/// ("M. Zárate: contract ends …"), where it used to read "Zárate" alone.
#[test]
fn namesakes_get_initials_in_the_warnings() {
    let mut ds = full_club::imported_dataset();
    for p in ds.squad.iter_mut().filter(|p| p.name == "Mateo Zárate") {
        p.contract_until = Some(ymd(2027, 6, 30));
    }
    let b = new_board(std::sync::Arc::new(ds), Some(ymd(2026, 7, 1)));
    let a = squadboard::domain::warnings::assess(&b.doc.ds, &b.doc.plan_on_date());
    let texts = a.warning_texts(&b.doc.ds, &b.doc.plan);
    assert!(
        texts.contains(&"M. Zárate: contract ends 2027-06-30 (<12m)".to_string()),
        "{texts:?}"
    );
    let t = text(&render(&b, 120, 40).0);
    assert!(t.contains("! M. Zárate: contract"), "{t}");
}

/// "What changes" between two plans names namesakes as the rest of the board does: a change to
/// Mateo Zárate reads "M. Zárate", in the compare view and in `scenario diff`'s lines.
#[test]
fn namesakes_get_initials_in_what_changes() {
    let a = full_club::imported_board();
    let mut b = full_club::imported_board();
    let mateo = b
        .doc
        .ds
        .squad
        .iter()
        .find(|p| p.name == "Mateo Zárate")
        .map(|p| p.id.clone())
        .expect("Mateo Zárate");
    b.doc
        .plan
        .assume(squadboard::domain::plan::Assumption::InjuredUntil {
            id: mateo,
            since: ymd(2026, 6, 1),
            until: Some(ymd(2026, 12, 31)),
        });
    let c = squadboard::domain::compare::compare(&b.doc.ds, &a.doc.plan, &b.doc.plan);
    let lines = c.lines(&b.doc.ds);
    assert!(lines.iter().any(|l| l.contains("M. Zárate")), "{lines:#?}");
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("Zárate") && !l.contains(". Zárate")),
        "a Zárate without his initial: {lines:#?}"
    );
    let mut shown = full_club::imported_board();
    shown.doc.plan = b.doc.plan.clone();
    shown.view.modal = Some(squadboard::app::Modal::Compare {
        name: "before".into(),
        other: Box::new(a.doc.plan.clone()),
        scroll: 0,
    });
    let t = text(&render(&shown, 120, 40).0);
    let changes = t.split("What changes").nth(1).expect("What changes shown");
    assert!(changes.contains("M. Zárate"), "{t}");
}

/// The quit question names every answer whole at 80 columns (its title used to repeat the keys
/// and was cut: "… n/Esc/q sta┓").
#[test]
fn the_quit_question_lists_its_answers_whole() {
    let mut b = board();
    cmd(&mut b, Command::Formation);
    cmd(&mut b, Command::Quit);
    assert!(matches!(
        b.view.modal,
        Some(squadboard::app::Modal::Confirm { .. })
    ));
    for (w, h) in [(80, 24), (120, 40)] {
        let t = text(&render(&b, w, h).0);
        assert!(t.contains(" Are you sure? "), "{t}");
        assert!(
            t.contains("y quit without saving · s save and quit · n/Esc/q stay"),
            "{t}"
        );
        assert!(!t.contains("sta┓") && !t.contains("st┓"), "{t}");
    }
}

/// The rule over our out-of-contract players says the same in every column at once (at 100
/// columns it read "╌ no contract" in one and "╌ expired" in the next).
#[test]
fn the_out_of_contract_rule_reads_the_same_in_every_column() {
    let mut b = board();
    for season in 0..2 {
        for (w, h) in [(80, 24), (100, 30), (120, 40), (160, 50), (200, 60)] {
            let t = text(&render(&b, w, h).0);
            let labels: std::collections::BTreeSet<&str> = depth_pane(&t)
                .iter()
                .flat_map(|l| {
                    ["out of contract", "no contract", "expired"]
                        .into_iter()
                        .filter(move |label| l.contains(&format!("╌ {label}")))
                })
                .collect();
            assert_eq!(
                labels.len(),
                1,
                "season +{season} at {w}x{h}: {labels:?}\n{t}"
            );
        }
        cmd(&mut b, Command::SeasonForward);
    }
}

/// The status line's key hints are whole at every width: a key and what it does, then "…" for
/// the rest (at 120 columns it ended "u …", a key without its word).
#[test]
fn the_key_hints_are_whole_at_every_width() {
    let b = board();
    for w in (80..=220).step_by(3) {
        let t = text(&render(&b, w, 40).0);
        let status = t.lines().last().unwrap_or("").trim_end().to_string();
        let last = status.rsplit(' ').next().unwrap_or("");
        assert!(
            [
                "help",
                "search",
                "grab",
                "pane",
                "formation",
                "undo",
                "quit",
                "…"
            ]
            .contains(&last),
            "{w} columns: {status}"
        );
        if last == "…" {
            assert!(status.ends_with(" · …"), "{w} columns: {status}");
        }
    }
}
