//! Issue 22: plans across windows, counted in one currency — every move in a window, the board's
//! date playing the plan, money per window in the plan's currency at its (editable, undoable)
//! rate, amortisation, and old files migrating. Each of these failed on the commit before
//! (moves had no window; fees were summed per currency).

use crate::common;
use common::*;
use squadboard::app::modal::{Ask, Assume, Choice};
use squadboard::app::{Action, Board, Modal};
use squadboard::domain::budget::per_window;
use squadboard::domain::plan::DepartureKind;
use squadboard::domain::timeline::{TimelineSettings, build};
use squadboard::domain::{Currency, Position, Window};
use squadboard::input::Command;
use squadboard::store::scenario::{load, parse, to_ron};

fn menu_key(b: &Board, what: Assume) -> char {
    let Some(Modal::Menu { items, .. }) = &b.view.modal else {
        panic!("a menu: {:?}", b.view.modal)
    };
    items
        .iter()
        .find(|i| matches!(&i.choice, Choice::Assume(_, w) if *w == what))
        .map(|i| i.key)
        .unwrap_or_else(|| panic!("{what:?} not offered"))
}

/// `a`, the item for `what`, the prompt emptied and `text` typed, Enter.
fn assume(b: &mut Board, what: Assume, text: &str) {
    run_cmd(b, Command::Assume);
    let key = menu_key(b, what);
    b.apply(Action::MenuKey(key));
    assert!(
        matches!(
            &b.view.modal,
            Some(Modal::Prompt {
                ask: Ask::Assume { .. },
                ..
            })
        ),
        "{:?}",
        b.view.modal
    );
    b.apply(Action::Edit(squadboard::app::Edit::LineEnd));
    b.apply(Action::Edit(squadboard::app::Edit::KillToStart));
    typed_in_modal(b, text);
    b.apply(Action::ModalAccept);
    assert!(b.view.modal.is_none(), "{:?}", b.message_text());
}

fn names_in(t: &squadboard::domain::timeline::Timeline, season: usize) -> Vec<String> {
    t.rows
        .iter()
        .filter(|r| r.position == Position::CB)
        .flat_map(|r| r.cells[season].entries.iter().map(|e| e.id.to_string()))
        .collect()
}

/// The sequence: Rivero at 1 July 2026, `}`, Romero, save. The plan keeps its own
/// date; 2026/27 has Rivero and not Romero, 2027/28 both; each summer's money holds its move.
#[test]
fn rivero_in_summer_2026_and_romero_in_summer_2027() {
    let dir = tempfile::tempdir().expect("dir");
    let mut b = board_in(dir.path());
    assert_eq!(b.doc.date, ymd(2026, 7, 1));
    sign(&mut b, "rivero", "RCB");
    cmd(&mut b, Command::SeasonForward);
    assert_eq!(b.doc.date, ymd(2027, 7, 1));
    sign(&mut b, "romero", "LCB");
    let plan = &b.doc.plan;
    assert_eq!(plan.date, ymd(2026, 7, 1), "the plan's own date stays");
    assert_eq!(
        plan.signing(&id("rivero")).map(|s| s.window),
        Some(Window::summer(2026))
    );
    assert_eq!(
        plan.signing(&id("romero")).map(|s| s.window),
        Some(Window::summer(2027))
    );
    // Back in 2026/27 the board plays the plan as it stood: Rivero, no Romero.
    cmd(&mut b, Command::SeasonBack);
    assert!(b.doc.shown.depth.contains(&id("rivero")));
    assert!(!b.doc.shown.depth.contains(&id("romero")));
    assert!(!b.doc.shown.xi(&b.doc.ds).contains(&Some(id("romero"))));

    // Saved and read back: format 4, the windows in the file.
    b.view.modal = None;
    let mut s = squadboard::domain::scenario::Scenario::new(
        "windows",
        b.doc.plan.clone(),
        chrono::Utc::now(),
    );
    s.touch(chrono::Utc::now());
    let text = to_ron(&s).expect("ron");
    assert!(text.contains("format_version: 4"), "{text}");
    assert!(text.contains("window: \"summer 2027\""), "{text}");
    let back = parse("w.ron", &text, &b.doc.ds).expect("reads back");
    assert_eq!(back.scenario.plan, b.doc.plan);

    let plan = &back.scenario.plan;
    let t = build(&b.doc.ds, plan, 2026, 3, TimelineSettings::default());
    assert_eq!(t.seasons[0].label, "2026/27");
    let first = names_in(&t, 0);
    assert!(
        first.contains(&"rivero".into()) && !first.contains(&"romero".into()),
        "{first:?}"
    );
    let second = names_in(&t, 1);
    assert!(
        second.contains(&"rivero".into()) && second.contains(&"romero".into()),
        "{second:?}"
    );

    let money = per_window(&b.doc.ds, plan);
    let windows: Vec<Window> = money.iter().map(|m| m.window).collect();
    assert_eq!(windows, [Window::summer(2026), Window::summer(2027)]);
    // Rivero's fee is unknown, Romero's too: each window holds exactly its own one.
    assert_eq!(money[0].fees_in.unknown, 1);
    assert_eq!(money[1].fees_in.unknown, 1);
}

/// At 7 December 2026 summer 2026 has closed: a signing goes into winter 2027 and the board
/// moves to the day it opens, saying so.
#[test]
fn a_move_after_the_summer_window_goes_into_the_winter_one() {
    let ds = std::sync::Arc::new(bundled_data());
    let mut b = new_board(ds, Some(ymd(2026, 12, 7)));
    sign(&mut b, "romero", "RCB");
    assert_eq!(
        b.doc.plan.signing(&id("romero")).map(|s| s.window),
        Some(Window::winter(2027))
    );
    assert_eq!(b.doc.date, ymd(2027, 1, 1));
    let said = b.message_text().unwrap_or_default();
    assert!(said.contains("joins in winter 2027"), "{said}");
    assert!(said.contains("1 January 2027"), "{said}");
    assert!(b.doc.shown.xi(&b.doc.ds).contains(&Some(id("romero"))));
}

/// A £70m sale counts against a €50m budget at the plan's rate; the rate typed on the board
/// changes the verdict, and undo takes it back.
#[test]
fn a_sale_in_pounds_counts_against_a_budget_in_euros_at_the_plans_rate() {
    let mut b = board();
    sign(&mut b, "romero", "RCB");
    assume(&mut b, Assume::Fee, "€90m");
    assume(&mut b, Assume::Budget, "€50m");
    // Rodrygo sold for £70m.
    let (col, row) = b
        .depth_columns()
        .into_iter()
        .enumerate()
        .find_map(|(c, col)| {
            b.depth_view(col)
                .iter()
                .position(|r| r.id.as_str() == "rodrygo")
                .map(|r| (c, r))
        })
        .expect("Rodrygo in a column");
    b.view.focus = squadboard::app::Pane::Depth;
    b.view.depth_cursor = (col, row);
    run_cmd(&mut b, Command::Depart);
    b.apply(Action::MenuKey('1'));
    assert_eq!(
        b.doc
            .plan
            .departure(&id("rodrygo"))
            .map(|d| (d.kind, d.window)),
        Some((DepartureKind::Sold, Window::summer(2026)))
    );
    // He is gone from the board at once (summer 2026 opened today): select him in the list.
    b.view.focus = squadboard::app::Pane::List;
    typed(&mut b, "rodrygo");
    select_in_list(&mut b, "rodrygo");
    assume(&mut b, Assume::SaleFee, "£70m");
    let verdict = |b: &Board| per_window(&b.doc.ds, &b.doc.plan)[0].text();
    // €90m in, £70m at 1.16 = €81.2m out: net €8.8m, €41.2m left of €50m.
    assert_eq!(
        verdict(&b),
        "summer 2026 (2026/27): in €90m · out €81.2m · net €8.8m · budget €50m · left €41.2m"
    );
    let before = b.doc.plan.clone();
    assume(&mut b, Assume::Rate(Currency::GBP), "0.5");
    assert!(
        verdict(&b).ends_with("net €55m · budget €50m · over by €5m · OVER BUDGET"),
        "{}",
        verdict(&b)
    );
    run_cmd(&mut b, Command::Undo);
    assert_eq!(b.doc.plan, before);
    assert!(verdict(&b).ends_with("left €41.2m"), "{}", verdict(&b));
    // The warnings' fees line says the same, in one currency.
    let fees = squadboard::domain::warnings::assess(&b.doc.ds, &b.doc.plan_on_date()).fees;
    assert_eq!(fees.to_string(), "in €90m · out €81.2m · net €8.8m");
}

/// Konaté once signed is ours on a new contract: never "FREE"; its length set on the board
/// gives his amortisation per season; unknowns stay unknown.
#[test]
fn a_signing_is_on_a_new_contract_and_books_his_fee_per_season() {
    let mut b = board();
    sign(&mut b, "konate", "RCB");
    for _ in 0..6 {
        cmd(&mut b, Command::MonthForward);
    }
    assert_eq!(b.doc.date, ymd(2027, 1, 1));
    let (buf, _) = render(&b, 160, 48);
    let screen = text(&buf);
    assert!(!screen.contains("Konaté FREE"), "{screen}");
    let p = b
        .doc
        .shown
        .effective(b.doc.ds.player(&id("konate")).expect("konate"));
    assert_eq!(p.contract_until, None, "length unknown until assumed");
    let am = |b: &Board| {
        squadboard::domain::amortisation::per_season(&b.doc.ds, &b.doc.plan, 2026, 6)
            .iter()
            .map(|s| s.total.to_string())
            .collect::<Vec<_>>()
    };
    // Free: nothing to book, but the length is unknown.
    assert_eq!(am(&b)[0], "1 unknown");
    b.view.focus = squadboard::app::Pane::Pitch;
    b.view.slot_cursor = slot(&b, "RCB");
    assume(&mut b, Assume::Fee, "£30m");
    assume(&mut b, Assume::ContractYears, "5");
    assert_eq!(
        b.doc
            .plan
            .signing(&id("konate"))
            .and_then(|s| s.contract_end()),
        Some(ymd(2031, 6, 30))
    );
    // £30m = €34.8m over five seasons: €6.96m a season, nothing in the sixth.
    assert_eq!(
        am(&b),
        ["€6.96m", "€6.96m", "€6.96m", "€6.96m", "€6.96m", "€0"]
    );
}

/// Carvajal's contract ended on 2026-06-30: under the divider through the summer window, a
/// former player once it has closed.
#[test]
fn an_expired_player_leaves_once_the_window_after_his_contract_closes() {
    let mut b = board();
    let in_rb = |b: &Board| {
        b.depth_columns()
            .into_iter()
            .flat_map(|c| b.depth_view(c))
            .any(|r| r.id.as_str() == "carvajal")
    };
    assert!(in_rb(&b), "1 July 2026: to be renewed or let go");
    for _ in 0..2 {
        cmd(&mut b, Command::MonthForward);
    }
    assert_eq!(b.doc.date, ymd(2026, 9, 1));
    assert!(!in_rb(&b), "the summer window has closed");
    let texts = squadboard::domain::warnings::assess(&b.doc.ds, &b.doc.plan_on_date())
        .warning_texts(&b.doc.ds, &b.doc.shown);
    assert!(!texts.iter().any(|t| t.contains("Carvajal")), "{texts:?}");
}

/// Every old fixture opens, migrates and saves as format 4 with every move, each in the
/// window the plan's date falls in.
#[test]
fn old_formats_migrate_to_windows_without_losing_a_move() {
    let ds = bundled_data();
    for f in ["scenario-v1.ron", "scenario-v2.ron", "scenario-v3.ron"] {
        let l = load(&fixture_path(f), &ds).expect(f);
        let p = &l.scenario.plan;
        let w = Window::of(p.date);
        assert!(!p.signings.is_empty() || !p.departures.is_empty(), "{f}");
        assert!(p.signings.iter().all(|s| s.window == w), "{f}");
        assert!(p.departures.iter().all(|d| d.window == w), "{f}");
        assert_eq!(p.money.currency, Currency::EUR, "{f}");
        let text = to_ron(&l.scenario).expect("ron");
        let again = parse(f, &text, &ds).expect("format 4 reads back");
        assert_eq!(again.migrated_from, None, "{f}");
        assert_eq!(&again.scenario.plan, p, "{f}: nothing lost");
    }
}

/// A loan in: he joins in his window, goes back on the 1 July after, and his fee is booked in
/// his one season; the file says `loan: true`.
#[test]
fn a_loan_in_is_with_the_club_for_the_rest_of_his_season() {
    let mut b = board();
    sign(&mut b, "romero", "RCB");
    b.view.focus = squadboard::app::Pane::Pitch;
    b.view.slot_cursor = slot(&b, "RCB");
    run_cmd(&mut b, Command::Assume);
    let key = menu_key(&b, Assume::Loan);
    b.apply(Action::MenuKey(key));
    let s = b.doc.plan.signing(&id("romero")).expect("signed").clone();
    assert!(s.loan);
    assert_eq!(s.returns(), Some(ymd(2027, 7, 1)));
    assume(&mut b, Assume::Fee, "€8m");
    // Back at Spurs from 1 July 2027.
    cmd(&mut b, Command::SeasonForward);
    assert!(!b.doc.shown.depth.contains(&id("romero")));
    cmd(&mut b, Command::SeasonBack);
    assert!(b.doc.shown.depth.contains(&id("romero")));
    let t = build(&b.doc.ds, &b.doc.plan, 2026, 2, TimelineSettings::default());
    assert!(names_in(&t, 0).contains(&"romero".to_string()));
    assert!(!names_in(&t, 1).contains(&"romero".to_string()));
    let am = squadboard::domain::amortisation::per_season(&b.doc.ds, &b.doc.plan, 2026, 2);
    assert_eq!(am[0].total.to_string(), "€8m");
    assert!(am[1].charges.is_empty());
    let s =
        squadboard::domain::scenario::Scenario::new("loan", b.doc.plan.clone(), chrono::Utc::now());
    let text = to_ron(&s).expect("ron");
    assert!(text.contains("loan: true"), "{text}");
    assert_eq!(
        parse("l.ron", &text, &b.doc.ds)
            .expect("reads")
            .scenario
            .plan,
        b.doc.plan
    );
    // Undo makes him a transfer again.
    run_cmd(&mut b, Command::Undo);
    run_cmd(&mut b, Command::Undo);
    assert!(!b.doc.plan.signing(&id("romero")).expect("signed").loan);
}
