//! Issue 26: every view tells the same truth. Each test failed on the commit before its fix.

use crate::common;
use common::*;
use squadboard::domain::Position;
use squadboard::domain::status::contract;
use squadboard::domain::timeline::{TimelineSettings, build, first_season};
use squadboard::domain::warnings::assess;

/// Vinícius's contract (to 2027-06-30) as the board's pitch, details' status, the timeline, the
/// warnings and `show` read it on `date`.
fn vinicius_everywhere(date: chrono::NaiveDate) -> (String, String, String, Vec<String>, String) {
    let ds = bundled_data();
    let b = new_board(std::sync::Arc::new(bundled_data()), Some(date));
    let p = ds.player(&id("vinicius")).expect("Vinícius in the data");
    let status = contract(p, true, date);
    let (buf, _) = render(&b, 200, 60);
    // The pitch's label, not the warnings pane's line.
    let board_line = text(&buf)
        .lines()
        .find(|l| l.contains("Vinícius") && !l.contains("contract ends"))
        .unwrap_or_default()
        .to_string();
    let plan = &b.doc.plan;
    let t = build(
        &ds,
        plan,
        first_season(date),
        1,
        TimelineSettings::default(),
    );
    let cell = t
        .rows
        .iter()
        .filter(|r| r.position == Position::LW)
        .flat_map(|r| r.cells[0].entries.iter())
        .find(|e| e.id == id("vinicius"))
        .map(|e| e.text())
        .unwrap_or_default();
    let warnings: Vec<String> = assess(&ds, plan)
        .warning_texts(&ds, &plan.at(date))
        .into_iter()
        .filter(|w| w.contains("Vinícius"))
        .collect();
    let out = squadboard_bin()
        .args(["show", "--date", &date.to_string()])
        .output()
        .expect("show");
    let show = String::from_utf8_lossy(&out.stdout)
        .lines()
        .find(|l| l.contains("Vinícius"))
        .unwrap_or_default()
        .to_string();
    (status.mark().to_string(), board_line, cell, warnings, show)
}

/// One rule: a contract ending before the date + 12 months is `<12m`, before the date + 6
/// months `<6m` — on 1 July 2026 Vinícius is in his last year, on 1 January 2027 a
/// pre-contract is possible.
#[test]
fn contract_marks_agree_on_the_window_days() {
    for (date, mark, words) in [
        (ymd(2026, 7, 1), "<12m", "under 12 months"),
        (ymd(2027, 1, 1), "<6m", "under 6 months"),
    ] {
        let (status, board, cell, warnings, show) = vinicius_everywhere(date);
        assert_eq!(status, mark, "status on {date}");
        assert!(
            board.contains(&format!("Vinícius {mark}")),
            "board on {date}: {board}"
        );
        assert!(cell.ends_with(mark), "timeline on {date}: {cell}");
        assert_eq!(
            warnings,
            [format!("Vinícius: contract ends 2027-06-30 ({mark})")],
            "warnings on {date}"
        );
        assert!(show.contains(words), "show on {date}: {show}");
    }
}

/// The warnings rank a player as the depth chart does: the chart draws Valverde 2nd at RB and
/// Carvajal, out of contract, under the divider with no number, so the warning may not call
/// Carvajal "2nd RB".
#[test]
fn warnings_rank_players_as_the_depth_chart_does() {
    use squadboard::app::DepthColumn;
    let b = new_board(std::sync::Arc::new(bundled_data()), Some(ymd(2026, 7, 1)));
    let rb = b.depth_view(DepthColumn::Pos(Position::RB));
    let drawn: Vec<(String, bool)> = rb.iter().map(|r| (r.id.to_string(), r.expired)).collect();
    assert_eq!(
        drawn[..3],
        [
            ("alexander-arnold".to_string(), false),
            ("valverde".to_string(), false),
            ("carvajal".to_string(), true)
        ]
    );
    let ds = &b.doc.ds;
    let texts = assess(ds, &b.doc.plan).warning_texts(ds, &b.doc.shown);
    let out = texts
        .iter()
        .find(|t| t.starts_with("out of contract since 2026-06-30"))
        .expect("the out-of-contract warning");
    assert!(out.contains("Carvajal (RB)"), "{out}");
    assert!(!out.contains("2nd RB") && !out.contains("2nd CB"), "{out}");
}

/// `/` starts a fresh query: a second search typed after the first is a search of its own, not
/// "konateromero" with nothing found.
#[test]
fn a_second_slash_starts_a_fresh_query() {
    use squadboard::app::Action;
    use squadboard::input::Command;
    let mut b = board();
    cmd(&mut b, Command::Search);
    typed(&mut b, "konate");
    b.update(Action::FilterAccept);
    assert_eq!(b.view.list[0].id.as_str(), "konate");
    cmd(&mut b, Command::Search);
    typed(&mut b, "romero");
    assert_eq!(b.view.filter.query.text(), "romero");
    assert_eq!(b.view.list[0].id.as_str(), "romero");
}

/// `j`/`k` on the pitch go to the nearest slot below/above on the same flank, so `j` then `k`
/// comes back (and `k` then `j`); at the foot or the head of a flank they stay. Before, right
/// CB `j` went to the keeper, `k` then to the holding mid and on to the striker.
#[test]
fn j_then_k_on_the_pitch_comes_back() {
    use squadboard::app::Pane;
    use squadboard::input::Command;
    let mut b = board();
    b.view.focus = Pane::Pitch;
    let rcb = slot(&b, "RCB");
    b.view.slot_cursor = rcb;
    // Nothing below the right CB on his flank: the keeper, and `k` back to the right CB (not
    // the holding mid).
    cmd(&mut b, Command::Down);
    assert_eq!(b.view.slot_cursor, slot(&b, "GK"));
    cmd(&mut b, Command::Up);
    assert_eq!(b.view.slot_cursor, rcb);
    cmd(&mut b, Command::Up);
    assert_eq!(b.view.slot_cursor, slot(&b, "RB"));
    // The keeper by himself goes up his own flank, the centre.
    cmd(&mut b, Command::Down);
    cmd(&mut b, Command::Down);
    cmd(&mut b, Command::Down);
    assert_eq!(b.view.slot_cursor, slot(&b, "GK"));
    b.view.slot_below = None;
    cmd(&mut b, Command::Up);
    assert_eq!(b.view.slot_cursor, slot(&b, "DM"));
    for _ in 0..5 {
        let f = b.doc.plan.formation();
        for from in 0..11 {
            for (there, back) in [(Command::Down, Command::Up), (Command::Up, Command::Down)] {
                b.view.slot_cursor = from;
                cmd(&mut b, there);
                let to = b.view.slot_cursor;
                let (a, z) = (&f.slots()[from], &f.slots()[to]);
                let keeper = |s: &squadboard::domain::formation::Slot| s.key == "GK";
                assert!(
                    a.x.cmp(&50) == z.x.cmp(&50) || keeper(a) || keeper(z),
                    "{f:?}: {there:?} from {} went to {} on another flank",
                    a.key,
                    z.key
                );
                if to == from {
                    continue; // the foot or the head of his flank
                }
                cmd(&mut b, back);
                assert_eq!(
                    b.view.slot_cursor, from,
                    "{f:?}: {there:?} from {} to {}, then {back:?}",
                    a.key, z.key
                );
            }
        }
        // `j` far enough reaches the keeper from anywhere.
        for from in 0..11 {
            b.view.slot_cursor = from;
            for _ in 0..11 {
                cmd(&mut b, Command::Down);
            }
            assert_eq!(f.slots()[b.view.slot_cursor].key, "GK", "{f:?} from {from}");
        }
        cmd(&mut b, Command::Formation);
    }
}

/// The drop preview says what the drop does: Konaté on the holding mid's slot makes Tchouaméni
/// 2nd DM and leaves the CBs alone, where the preview read "Tchouaméni drops to 4th CB".
#[test]
fn the_drop_preview_says_what_the_drop_does() {
    use squadboard::input::Command;
    let mut b = board();
    select_in_list(&mut b, "konate");
    run_cmd(&mut b, Command::Grab);
    run_cmd(&mut b, Command::NextPane);
    run_cmd(&mut b, Command::NextPane);
    b.view.slot_cursor = slot(&b, "DM");
    let (_, preview) = b.drop_preview().expect("a preview");
    let (_, said) = preview.expect("the drop is allowed");
    assert!(said.starts_with("Konaté → holding mid"), "{said}");
    run_cmd(&mut b, Command::Grab);
    let dm = b.doc.shown.depth.column(Position::DM);
    assert_eq!(dm.iter().position(|x| *x == id("tchouameni")), Some(1));
    assert!(said.contains("Tchouaméni drops to 2nd DM"), "{said}");
    assert!(!said.contains("CB"), "{said}");
}

/// A press in a scrolled depth column picks up the player under the pointer where he is: at
/// 80×24, with Konaté and Romero signed, CB's "↓ 2 more" clicked, a press on "4 Militão"
/// scrolled the column back to the top and dragged the player a row off.
#[test]
fn a_press_in_a_scrolled_depth_column_takes_the_player_under_it() {
    use ratatui::crossterm::event::{Event, MouseButton, MouseEventKind};
    use squadboard::app::{Board, Spot};
    use squadboard::input::event_to_actions;
    let (w, h) = (80, 24);
    let mut b = board();
    sign(&mut b, "konate", "RCB");
    sign(&mut b, "romero", "LCB");
    let send_at = |b: &mut Board, ev: Event| {
        let hits = render(b, w, h).1;
        for a in event_to_actions(&ev, b, keymap(), &hits) {
            b.update(a);
        }
        render(b, w, h).1
    };
    let hits = render(&b, w, h).1;
    // The first "↓ more" row: the column and the hidden row it stands for.
    let (more, col, row) = hits
        .hits
        .iter()
        .find_map(|hit| match hit.spot {
            Spot::DepthMore { col, row } if row > 0 => Some((hit.area, col, row)),
            _ => None,
        })
        .expect("a ↓ more row at 80x24");
    for kind in [
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Up(MouseButton::Left),
    ] {
        send_at(&mut b, mouse_at(kind, more.x + 2, more.y));
    }
    // Militão, 4th: shown above the row the click brought in.
    let row = (0..row)
        .find(|r| {
            b.depth_player(col, *r)
                .is_some_and(|(p, _)| p == id("militao"))
        })
        .expect("Militão above the row shown");
    let who = id("militao");
    let hits = render(&b, w, h).1;
    let at = hits
        .area_of(Spot::Depth { col, row })
        .expect("the row shown after the click");
    let hits = send_at(
        &mut b,
        mouse_at(MouseEventKind::Down(MouseButton::Left), at.x + 2, at.y),
    );
    assert_eq!(b.view.depth_cursor, (col, row));
    assert_eq!(
        hits.area_of(Spot::Depth { col, row }),
        Some(at),
        "the row stays where it was pressed"
    );
    let hits = send_at(
        &mut b,
        mouse_at(MouseEventKind::Drag(MouseButton::Left), at.x + 3, at.y),
    );
    assert_eq!(b.view.drag.as_ref().map(|d| d.id.clone()), Some(who));
    assert_eq!(
        hits.area_of(Spot::Depth { col, row }),
        Some(at),
        "no scroll"
    );
}

/// Details say what is known without "#unknown" and "foot: unknown" noise: a shirt number and a
/// foot the data does not have are left out (the nationality, known or not, stays).
#[test]
fn details_leave_out_an_unknown_number_and_foot() {
    let b = board();
    let t = text(&render(&b, 120, 40).0);
    assert!(t.contains("Details"), "{t}");
    assert!(t.contains("Nationality: Spain"), "{t}");
    assert!(!t.contains("#unknown"), "{t}");
    assert!(!t.contains("foot: unknown"), "{t}");
}

/// `show` counts reports as words do: "1 report", not "1 report(s)".
#[test]
fn show_counts_one_report() {
    let out = squadboard_bin().arg("show").output().expect("show");
    let out = String::from_utf8_lossy(&out.stdout);
    let konate = out
        .lines()
        .find(|l| l.contains("Ibrahima Konaté"))
        .expect("Konaté in the targets");
    assert!(konate.contains(" 1 report, latest 2025-07-12"), "{konate}");
    assert!(!out.contains("report(s)"), "{out}");
}

/// `timeline` takes `--pool` and a scenario's listed name, as `scenario show` does: the pool
/// signing reads by his name, not "tm-900002 ?", and "konate for rudiger" finds the file.
#[test]
fn timeline_takes_a_pool_and_a_listed_name() {
    let (dir, scenarios) = data_dir_with_scenario_fixtures();
    let file = scenario_with_pool_player(&scenarios);
    let pool = fixture_arg("players.csv");
    let run = |args: &[&str]| {
        let out = squadboard_bin()
            .env("SQUADBOARD_DATA_DIR", dir.path())
            .args(args)
            .output()
            .expect("timeline");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let path = file.to_str().expect("utf-8");
    let (code, out, err) = run(&["timeline", "--pool", &pool, path]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Quiroga"), "{out}");
    assert!(!out.contains("tm-900002"), "{out}");
    // "Konaté for Rüdiger" (scenario-v1.ron) by its name, accents and case aside: his signing
    // is in the rows.
    let (code, out, err) = run(&["timeline", "konate for rudiger"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Konaté 27"), "{out}");
}

/// `scenario compare` of a plan with itself is refused with a message, not "No differences".
#[test]
fn comparing_a_scenario_with_itself_is_refused() {
    let (dir, _) = data_dir_with_scenario_fixtures();
    let out = squadboard_bin()
        .env("SQUADBOARD_DATA_DIR", dir.path())
        .args(["scenario", "compare", "scenario-v2", "scenario-v2.ron"])
        .output()
        .expect("compare");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("compares a scenario with itself"), "{err}");
}

/// The lines of the screen's depth chart pane (the rows above the pitch's pane).
fn depth_rows(t: &str) -> Vec<String> {
    t.lines()
        .take_while(|l| !l.contains("Projected XI"))
        .filter(|l| l.starts_with(['│', '┃']))
        .map(|l| l.split(['│', '┃']).nth(1).unwrap_or("").to_string())
        .collect()
}

/// Names read whole where there is room: at 120×40 the chart read "Alexander…", "Rüdig… OUT",
/// "Carva… OUT" and "Fran… <12m" while its columns had equal shares; at 200×60
/// "Alexander-…", "Fran Garc…", "Carvaj… OUT", "Mastantuo…". Columns now share the width by
/// what their names need, and the columns of other lines give way first.
#[test]
fn depth_chart_names_read_whole_where_there_is_room() {
    let b = board();
    for (w, h, names) in [
        (
            120,
            40,
            &[
                "Alexander-Arnold",
                "Rüdiger OUT",
                "Carvajal OUT",
                "Fran García <12m",
            ][..],
        ),
        (
            200,
            60,
            &[
                "Alexander-Arnold",
                "Rüdiger OUT",
                "Carvajal OUT",
                "Fran García <12m",
                "Mastantuono",
                "Ceballos <12m",
            ][..],
        ),
    ] {
        let t = text(&render(&b, w, h).0);
        let pane = depth_rows(&t).join("\n");
        for name in names {
            assert!(pane.contains(name), "{name} at {w}x{h}:\n{pane}");
        }
        assert!(!pane.contains('…'), "a name cut at {w}x{h}:\n{pane}");
    }
}

/// On the pitch a long name takes the room a short name beside it leaves: in an imported club
/// at 80×24 "M. Ashw… c?" was cut beside "M. Zárate" with the row's room unused (so was
/// "★Kon… FREE" beside a short name), as each label had only half the way to its neighbour.
#[test]
fn a_pitch_name_takes_the_room_its_neighbour_leaves() {
    let b = crate::full_club::imported_board();
    let t = text(&render(&b, 80, 24).0);
    let row = t
        .lines()
        .skip_while(|l| !l.contains("Projected XI"))
        .find(|l| l.contains("M. Zárate"))
        .unwrap_or_else(|| panic!("M. Zárate on the pitch:\n{t}"));
    let pitch = row.split(['│', '┃']).nth(1).unwrap_or("");
    assert!(
        pitch.contains("M. Ashworth c?") && !pitch.contains('…'),
        "{pitch}"
    );
}

/// Lists use the name people use: the targets showed "Lautaro Rubén Rivero Cruz" and pushed his
/// club out, though the data knows him as "Rivero"; a query that matches letters only his full
/// name has shows that name, the details always do.
#[test]
fn lists_use_the_known_name_and_details_the_full_one() {
    let mut b = board();
    let t = text(&render(&b, 120, 40).0);
    let row = t
        .lines()
        .find(|l| l.contains("Rivero"))
        .expect("Rivero in the targets");
    assert!(
        row.contains("Rivero c?  CB · 22 · River Plate") && !row.contains("Lautaro"),
        "{row}"
    );
    use squadboard::input::Command;
    select_in_list(&mut b, "rivero");
    let t = text(&render(&b, 120, 40).0);
    assert!(t.contains("Lautaro Rubén Rivero Cruz"), "the details:\n{t}");
    cmd(&mut b, Command::Search);
    typed(&mut b, "rivero");
    let t = text(&render(&b, 120, 40).0);
    assert!(t.contains(" Rivero c?  CB · 22 · River Plate"), "{t}");
    cmd(&mut b, Command::Search);
    typed(&mut b, "lautaro");
    let t = text(&render(&b, 120, 40).0);
    let row = t
        .lines()
        .find(|l| l.contains("c?  CB · 22"))
        .expect("his row");
    assert!(row.contains("Lautaro Rubén Rivero Cruz"), "{row}");
}

/// The bundled data with two pool centre-backs who share a surname.
fn board_with_namesakes() -> squadboard::app::Board {
    use squadboard::domain::Player;
    let mut ds = bundled_data();
    let a = Player::new("pool-a", "Anders Sørensen", "Brøndby", Some(Position::CB));
    let b = Player::new(
        "pool-b",
        "Bjørn Sørensen",
        "Midtjylland",
        Some(Position::CB),
    );
    ds.append_targets(vec![a, b], vec![id("pool-a"), id("pool-b")]);
    new_board(std::sync::Arc::new(ds), None)
}

/// Signs the only player `query` finds at `slot`, by keyboard; returns what the drop preview
/// said just before the drop.
fn sign_found(b: &mut squadboard::app::Board, query: &str, slot_key: &str) -> String {
    use squadboard::app::Action;
    use squadboard::input::Command;
    cmd(b, Command::Search);
    typed(b, query);
    b.apply(Action::FilterAccept);
    cmd(b, Command::Grab);
    cmds(b, &[Command::NextPane, Command::NextPane]);
    b.view.slot_cursor = slot(b, slot_key);
    let said = match b.drop_preview() {
        Some((_, Ok((_, said)))) => said,
        other => panic!("no preview: {other:?}"),
    };
    cmd(b, Command::Grab);
    said
}

/// Namesakes are told apart everywhere, as the depth chart and the pitch tell them apart: the
/// drop preview read "Sørensen → right CB; Sørensen → left CB", and the summary the picker,
/// `scenario list` and the SVG subtitle print, and the timeline, named both "Sørensen".
#[test]
fn namesakes_are_told_apart_in_messages_summaries_and_the_timeline() {
    let mut b = board_with_namesakes();
    sign_found(&mut b, "anders sorensen", "RCB");
    let said = sign_found(&mut b, "bjorn sorensen", "RCB");
    assert!(said.starts_with("B. Sørensen → right CB"), "{said}");
    assert!(said.contains("A. Sørensen → left CB"), "{said}");
    let ds = b.doc.ds.clone();
    let summary = squadboard::domain::scenario::summary(&ds, &b.doc.plan);
    assert!(
        summary.contains("+A. Sørensen") && summary.contains("+B. Sørensen"),
        "{summary}"
    );
    let t = build(
        &ds,
        &b.doc.plan,
        first_season(b.doc.date),
        2,
        TimelineSettings::default(),
    );
    let cb: Vec<String> = t
        .rows
        .iter()
        .filter(|r| r.position == Position::CB)
        .flat_map(|r| r.cells[0].entries.iter())
        .map(|e| e.name.clone())
        .collect();
    assert!(
        cb.contains(&"A. Sørensen".to_string()) && cb.contains(&"B. Sørensen".to_string()),
        "{cb:?}"
    );
    // The board's pitch and chart say the same.
    let t = text(&render(&b, 120, 40).0);
    assert!(
        t.contains("A. Sørensen") && t.contains("B. Sørensen"),
        "{t}"
    );
}

/// A pool player's name is kept in the scenario beside his id: reopened without the pool the
/// plan showed "? pool-a" and its notice listed each player once per place, the way to load
/// him each time; now the board reads "A. Sørensen (pool player, not loaded)" and one notice
/// names each player once.
#[test]
fn a_pool_players_name_is_kept_for_a_reopening_without_the_pool() {
    use squadboard::app::{Action, Done};
    use squadboard::store::scenario::{parse, to_ron};
    let mut b = board_with_namesakes();
    sign_found(&mut b, "anders sorensen", "RCB");
    sign_found(&mut b, "bjorn sorensen", "LCB");
    let s = squadboard::app::effects::scenario_of(&b, "two Sørensens", chrono::Utc::now());
    let text = to_ron(&s).expect("ron");
    assert!(text.contains("\"Anders Sørensen\""), "{text}");
    let without = bundled_data();
    let loaded = parse("two.ron", &text, &without).expect("loads without the pool");
    let notices = loaded.notices();
    let about: Vec<&String> = notices.iter().filter(|n| n.contains("pool-")).collect();
    assert_eq!(about.len(), 1, "{notices:?}");
    assert_eq!(about[0].matches("--pool").count(), 1, "{notices:?}");
    assert!(
        about[0].contains("Anders Sørensen (pool-a) in the CB column, the signings"),
        "{notices:?}"
    );
    // Saved again without the pool, the names stay.
    assert!(
        to_ron(&loaded.scenario)
            .expect("ron")
            .contains("\"Bjørn Sørensen\"")
    );
    let mut fresh = board();
    fresh.apply(Action::Done(Box::new(Done::Opened {
        path: "two.ron".into(),
        loaded: Box::new(loaded),
    })));
    fresh.view.modal = None;
    assert!(!fresh.doc.dirty(), "opening changed nothing");
    let screen = text_of(&fresh);
    assert!(
        screen.contains("A. Sørensen (pool player, not loaded)") && !screen.contains("? pool-a"),
        "{screen}"
    );
}

fn text_of(b: &squadboard::app::Board) -> String {
    text(&render(b, 200, 60).0)
}

/// The cursor onto `who` in the depth chart (the first column that shows him).
fn select_in_depth(b: &mut squadboard::app::Board, who: &str) {
    let cols = b.depth_columns();
    let (col, row) = cols
        .iter()
        .enumerate()
        .find_map(|(c, col)| {
            let rows = b.depth_view(*col);
            rows.iter()
                .position(|r| r.id.as_str() == who)
                .map(|r| (c, r))
        })
        .expect("in the depth chart");
    b.view.focus = squadboard::app::Pane::Depth;
    b.view.depth_cursor = (col, row);
}

/// Item 18: a day typed as 30/06/2030 in a date prompt was refused as "input contains invalid
/// characters"; it is refused with the day written as the prompt takes it.
#[test]
fn a_day_typed_day_first_is_refused_with_the_format_to_use() {
    use squadboard::app::Action;
    use squadboard::input::Command;
    let mut b = board();
    select_in_depth(&mut b, "militao");
    cmd(&mut b, Command::Assume);
    let key = match &b.view.modal {
        Some(squadboard::app::Modal::Menu { items, .. }) => {
            items
                .iter()
                .find(|i| i.label.starts_with("fit from"))
                .expect("fit from")
                .key
        }
        other => panic!("{other:?}"),
    };
    b.update(Action::MenuKey(key));
    typed_in_modal(&mut b, "30/06/2030");
    b.apply(Action::ModalAccept);
    assert!(
        matches!(b.view.modal, Some(squadboard::app::Modal::Prompt { .. })),
        "the prompt stays"
    );
    let said = b.message_text().unwrap_or_default();
    assert!(said.contains("write it as 2030-06-30"), "{said}");
}

/// Item 18: `show`'s columns ran into each other where an entry was longer than its column
/// ("… expected back by January 2026 contract ends", "Tottenham Hotspur 1 report").
#[test]
fn show_columns_never_run_into_each_other() {
    let out = squadboard_bin()
        .args(["show", "--date", "2025-12-20"])
        .output()
        .expect("show");
    let out = String::from_utf8_lossy(&out.stdout);
    let line = |who: &str| {
        out.lines()
            .find(|l| l.contains(who))
            .unwrap_or_else(|| panic!("{who}: {out}"))
    };
    assert!(
        line("Dani Carvajal").contains("January 2026  contract ends"),
        "{out}"
    );
    assert!(
        line("Rivero Cruz").contains("Tottenham Hotspur  1 report"),
        "{out}"
    );
    // The columns still line up: every depth row's contract starts in one column.
    let starts: std::collections::HashSet<usize> = out
        .lines()
        .take_while(|l| !l.starts_with("Targets"))
        .filter_map(|l| l.find(" contract ").map(|i| l[..i].chars().count()))
        .collect();
    assert_eq!(starts.len(), 1, "{out}");
}

/// Item 18: "undone" said nothing of what was undone; each step says it, and so does redo.
#[test]
fn undo_and_redo_say_what_they_took_back() {
    use squadboard::input::Command;
    let mut b = board();
    select_in_depth(&mut b, "militao");
    cmd(&mut b, Command::MoveDown);
    let moved = b.message_text().expect("the move said");
    cmd(&mut b, Command::Formation);
    cmd(&mut b, Command::Undo);
    assert_eq!(
        b.message_text().as_deref(),
        Some("undone: formation 4-2-3-1")
    );
    cmd(&mut b, Command::Undo);
    assert_eq!(b.message_text(), Some(format!("undone: {moved}")));
    cmd(&mut b, Command::Redo);
    assert_eq!(b.message_text(), Some(format!("redone: {moved}")));
}

/// The cursor onto `who` in the search's results (a departed player is in no column).
fn select_by_search(b: &mut squadboard::app::Board, query: &str, who: &str) {
    use squadboard::app::Action;
    use squadboard::input::Command;
    cmd(b, Command::Search);
    typed(b, query);
    b.update(Action::FilterAccept);
    b.view.list_cursor = list_row(b, who);
}

/// The labels of the menu open on the board.
fn menu_labels(b: &squadboard::app::Board) -> Vec<String> {
    match &b.view.modal {
        Some(squadboard::app::Modal::Menu { items, .. }) => {
            items.iter().map(|i| i.label.clone()).collect()
        }
        other => panic!("no menu open: {other:?}"),
    }
}

/// Item 18: the `a` menu of a player the plan sells read "fee his sold brings…".
#[test]
fn the_assume_menu_names_the_sale_his_fee_comes_from() {
    use squadboard::app::Action;
    use squadboard::input::Command;
    let mut b = board();
    select_in_depth(&mut b, "rodrygo");
    cmd(&mut b, Command::Depart);
    b.update(Action::MenuKey('1'));
    assert!(b.doc.plan.departure(&id("rodrygo")).is_some());
    // Gone from the chart at the date: found by search.
    select_by_search(&mut b, "rodrygo", "rodrygo");
    cmd(&mut b, Command::Assume);
    let labels = menu_labels(&b);
    assert!(
        labels.iter().any(|l| l.starts_with("fee his sale brings…")),
        "{labels:?}"
    );
    assert!(!labels.iter().any(|l| l.contains("his sold")), "{labels:?}");
}

/// Item 18: `d` on a player whose contract has run out offered "sold" and "loaned out"; a
/// player out of contract goes free: released, or his contract not renewed.
#[test]
fn d_on_an_expired_player_offers_him_released_not_sold() {
    use squadboard::input::Command;
    let mut b = new_board(std::sync::Arc::new(bundled_data()), Some(ymd(2026, 7, 1)));
    select_in_depth(&mut b, "carvajal");
    assert!(b.out_of_contract(&id("carvajal")));
    cmd(&mut b, Command::Depart);
    let labels = menu_labels(&b);
    assert_eq!(labels, ["released", "contract not renewed"], "{labels:?}");
    // A player under contract is still offered every way out.
    b.view.modal = None;
    select_in_depth(&mut b, "rodrygo");
    cmd(&mut b, Command::Depart);
    assert!(menu_labels(&b).contains(&"sold".to_string()));
}

/// Item 18: a prompt's title cut its keys off at 80×24 (" Fee Alexander-Arnold's move brings
/// · type to replace · Enter acc"), and so did a menu's: the title and the keys read whole.
#[test]
fn a_prompt_reads_its_title_and_keys_whole_at_80x24() {
    use squadboard::app::Action;
    use squadboard::input::Command;
    let mut b = board();
    select_in_depth(&mut b, "alexander-arnold");
    cmd(&mut b, Command::Depart);
    b.update(Action::MenuKey('1'));
    select_by_search(&mut b, "alexander", "alexander-arnold");
    cmd(&mut b, Command::Assume);
    // The menu's title too ("Assume for Alexander-Arnold: · key picks · Esc cancel").
    let t = text(&render(&b, 80, 24).0);
    assert!(t.contains("Assume for Alexander-Arnold:"), "{t}");
    assert!(t.contains("key picks · Esc cancels"), "{t}");
    let key = menu_labels(&b)
        .iter()
        .position(|l| l.starts_with("fee his"))
        .expect("the fee item");
    let key = match &b.view.modal {
        Some(squadboard::app::Modal::Menu { items, .. }) => items[key].key,
        _ => unreachable!(),
    };
    b.update(Action::MenuKey(key));
    let t = text(&render(&b, 80, 24).0);
    assert!(t.contains("Fee Alexander-Arnold's move brings"), "{t}");
    assert!(t.contains("Enter accepts · Esc cancels"), "{t}");
}

/// Item 18: a scenario named that is not there said "No such file or directory"; the message
/// lists the scenarios the folder has, so the one meant can be typed.
#[test]
fn a_missing_scenario_lists_the_names_there_are() {
    let (dir, _) = data_dir_with_scenario_fixtures();
    let out = squadboard_bin()
        .env("SQUADBOARD_DATA_DIR", dir.path())
        .args(["timeline", "konate and rivro"])
        .output()
        .expect("timeline");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("“Konaté for Rüdiger”") && err.contains("“Konaté and Rivero”"),
        "{err}"
    );
}

/// Item 18: the depth chart ran right to left (RB, CB, LB; RW, ST, LW) over a pitch drawn left
/// to right; it runs as the pitch does.
#[test]
fn the_depth_chart_runs_left_to_right_as_the_pitch() {
    use squadboard::app::DepthColumn;
    use squadboard::input::Command;
    let mut b = board();
    let at = |b: &squadboard::app::Board, p: Position| {
        b.depth_columns()
            .iter()
            .position(|c| *c == DepthColumn::Pos(p))
            .expect("a column")
    };
    assert!(at(&b, Position::LB) < at(&b, Position::CB));
    assert!(at(&b, Position::CB) < at(&b, Position::RB));
    assert!(at(&b, Position::LW) < at(&b, Position::ST));
    assert!(at(&b, Position::ST) < at(&b, Position::RW));
    // As drawn: the defence's headers read LB, CB, RB from the left, as the back four below.
    let t = text(&render(&b, 120, 40).0);
    let head = t.lines().nth(1).expect("the header row");
    let x = |label: &str| {
        head.find(label)
            .unwrap_or_else(|| panic!("{label}: {head}"))
    };
    assert!(x("LB") < x("CB") && x("CB") < x("RB"), "{head}");
    cmd(&mut b, Command::NextLine);
    cmd(&mut b, Command::NextLine);
    let t = text(&render(&b, 120, 40).0);
    let head = t.lines().nth(1).expect("the header row");
    let x = |label: &str| {
        head.find(label)
            .unwrap_or_else(|| panic!("{label}: {head}"))
    };
    assert!(x("LW") < x("ST") && x("ST") < x("RW"), "{head}");
}

/// Item 18: the timeline put the back line above the goalkeepers; it runs from the goal
/// outwards, as the README says, on the board and in `squadboard timeline`.
#[test]
fn the_timeline_runs_from_the_goal_outwards() {
    let b = board();
    let t = b.timeline();
    assert_eq!(t.rows[0].position, Position::GK);
    assert!(t.rows.windows(2).all(|w| w[0].line <= w[1].line));
    let out = squadboard_bin().arg("timeline").output().expect("timeline");
    let out = String::from_utf8_lossy(&out.stdout);
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("{s}: {out}"));
    assert!(at("── goal") < at("── back line"), "{out}");
    assert!(at("── back line") < at("── midfield"), "{out}");
    assert!(at("── midfield") < at("── attack"), "{out}");
}

/// Item 14: the timeline at 80×24 holds part of its rows; the ones cut off are counted in a
/// row of their own ("↓ 12 more"), and from the end the ones above ("↑ 12 more").
#[test]
fn the_timeline_counts_the_rows_it_cuts_at_80x24() {
    use squadboard::input::Command;
    let mut b = board();
    cmd(&mut b, Command::Timeline);
    let t = text(&draw(&mut b, 80, 24).0);
    assert!(
        t.lines().any(|l| l.contains("↓ ") && l.contains(" more")),
        "{t}"
    );
    cmd(&mut b, Command::Bottom);
    let t = text(&draw(&mut b, 80, 24).0);
    assert!(
        t.lines().any(|l| l.contains("↑ ") && l.contains(" more")),
        "{t}"
    );
    // The attack's last row is in view at the end.
    assert!(t.contains("ST"), "{t}");
}

/// Item 14: at 80×24 the warnings pane is cut under the pitch; it says how much is hidden, as
/// a depth column does, and names the key that shows it.
#[test]
fn the_warnings_pane_counts_the_rows_it_cuts_at_80x24() {
    let b = board();
    let t = text(&render(&b, 80, 24).0);
    let foot = t
        .lines()
        .find(|l| l.contains("more · W"))
        .unwrap_or_else(|| panic!("no \"↓ N more · W\" on the warnings pane:\n{t}"));
    assert!(foot.contains("↓ "), "{foot}");
}

/// Item 14: `W` turns the warnings pane a page (round to the first after the last), the wheel
/// over it a row; the marker on top counts what scrolled away.
#[test]
fn the_warnings_pane_scrolls_by_key_and_wheel() {
    use squadboard::app::{Action, Spot};
    use squadboard::input::Command;
    let mut b = board();
    let (_, hits) = draw(&mut b, 80, 24);
    let (page, end) = b.view.viewport.warnings.expect("the warnings cut");
    assert!(end > 0 && page > 0);
    cmd(&mut b, Command::Warnings);
    assert_eq!(b.view.warnings_scroll, page.min(end));
    let t = text(&draw(&mut b, 80, 24).0);
    assert!(t.contains(&format!("↑ {} more", page.min(end))), "{t}");
    while b.view.warnings_scroll < end {
        cmd(&mut b, Command::Warnings);
    }
    cmd(&mut b, Command::Warnings);
    assert_eq!(b.view.warnings_scroll, 0, "after the last page, the first");
    // The wheel, over the pane.
    let area = hits.area_of(Spot::Warnings).expect("the pane's area");
    assert!(area.width > 0);
    b.update(Action::Scroll {
        spot: Spot::Warnings,
        down: true,
    });
    assert_eq!(b.view.warnings_scroll, 1);
    for _ in 0..end + 3 {
        b.update(Action::Scroll {
            spot: Spot::Warnings,
            down: true,
        });
    }
    assert_eq!(b.view.warnings_scroll, end, "no further than the end");
}

/// Item 15: `t` asks the runtime for the clock (update reads none) and the board moves to the
/// day it answers; the plan's own date stays.
#[test]
fn t_moves_the_board_to_the_day_the_runtime_reads() {
    use squadboard::app::{Action, Done, Effect};
    use squadboard::input::Command;
    let mut b = board();
    let own = b.doc.plan.date;
    assert_eq!(b.update(Action::Command(Command::Today)), [Effect::Today]);
    assert_eq!(b.doc.date, own, "nothing moves before the clock is read");
    b.update(Action::Done(Box::new(Done::Today(ymd(2027, 1, 15)))));
    assert_eq!(b.doc.date, ymd(2027, 1, 15));
    assert_eq!(b.doc.plan.date, own);
    assert!(!b.doc.dirty());
    // Performed as the loop does, it is today's date.
    run_cmd(&mut b, Command::Today);
    assert_eq!(b.doc.date, chrono::Local::now().date_naive());
}

/// Item 15: `@` asks for a day; 2027-01-15 moves the board there, 30/06/2030 is refused with
/// the day as it is to be typed.
#[test]
fn a_typed_day_moves_the_board_to_it() {
    use squadboard::app::{Action, Edit, Modal};
    use squadboard::input::Command;
    let mut b = board();
    let own = b.doc.plan.date;
    cmd(&mut b, Command::Date);
    let t = text(&render(&b, 80, 24).0);
    assert!(t.contains("Planning date"), "{t}");
    // The board's date is offered, selected: typing replaces it.
    typed_in_modal(&mut b, "30/06/2030");
    b.apply(Action::ModalAccept);
    assert!(matches!(b.view.modal, Some(Modal::Prompt { .. })));
    let said = b.message_text().unwrap_or_default();
    assert!(said.contains("write it as 2030-06-30"), "{said}");
    assert_eq!(b.doc.date, own);
    for _ in 0..10 {
        b.apply(Action::Edit(Edit::Backspace));
    }
    typed_in_modal(&mut b, "2027-01-15");
    b.apply(Action::ModalAccept);
    assert!(b.view.modal.is_none());
    assert_eq!(b.doc.date, ymd(2027, 1, 15));
    assert_eq!(b.doc.plan.date, own, "the plan's own date stays");
    // Help lists both keys.
    cmd(&mut b, Command::Help);
    let t = text(&render(&b, 120, 60).0);
    assert!(t.contains("planning date to today"), "{t}");
    assert!(
        t.contains("planning date to a day typed as YYYY-MM-DD"),
        "{t}"
    );
}

/// Item 15: a scenario opened with `--date` is shown at that date; its own stays, so nothing
/// is unsaved and a save writes the date it had.
#[test]
fn a_scenario_opened_at_a_date_keeps_its_own() {
    use squadboard::app::{Action, Done};
    let mut b = board();
    b.doc.open_at = Some(ymd(2027, 1, 15));
    let path = fixture_path("scenario-v2.ron");
    let loaded = squadboard::store::scenario::load(&path, &b.doc.ds).expect("fixture");
    let own = loaded.scenario.plan.date;
    b.apply(Action::Done(Box::new(Done::Opened {
        path,
        loaded: Box::new(loaded),
    })));
    assert_eq!(b.doc.date, ymd(2027, 1, 15));
    assert_eq!(b.doc.plan.date, own);
    assert_ne!(own, ymd(2027, 1, 15));
    assert!(!b.doc.dirty());
}
