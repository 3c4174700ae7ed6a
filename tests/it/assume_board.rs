//! Issue 14, item 1: assumptions typed on the board — `a`, a menu of what can be assumed for
//! the selected player, then a prompt that takes a fee with its currency or a day, checks it,
//! and says in the prompt what is wrong (nothing changes then). All failed on main, where `a`
//! offered fixed choices only (and a renewal for Romero, and to Militão's own contract end).

use crate::common;
use common::*;
use squadboard::app::modal::{Ask, Assume, Choice};
use squadboard::app::{Action, Board, Modal};
use squadboard::domain::plan::{Assumption, AssumptionKind};
use squadboard::domain::warnings::assess;
use squadboard::input::Command;

macro_rules! assert_snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(format!("snapshots__{}", $name), $value)
        })
    };
}

/// Selects a squad player in the depth chart, in his own column.
fn select_in_depth(b: &mut Board, who: &str) {
    for (c, col) in b.depth_columns().into_iter().enumerate() {
        if let Some(row) = b.depth_view(col).iter().position(|r| r.id.as_str() == who) {
            b.view.focus = squadboard::app::Pane::Depth;
            b.view.depth_cursor = (c, row);
            assert_eq!(b.selected().map(|(i, _)| i), Some(id(who)));
            return;
        }
    }
    panic!("{who} is not in the depth chart");
}

/// The menu's items as (key, label, choice).
fn menu(b: &Board) -> Vec<(char, String, Choice)> {
    let Some(Modal::Menu { items, .. }) = &b.view.modal else {
        panic!("a menu: {:?}", b.view.modal)
    };
    items
        .iter()
        .map(|i| (i.key, i.label.clone(), i.choice.clone()))
        .collect()
}

/// Opens `a` and picks the item asking for `what`.
fn ask(b: &mut Board, what: Assume) {
    run_cmd(b, Command::Assume);
    let key = menu(b)
        .into_iter()
        .find(|(_, _, c)| matches!(c, Choice::Assume(_, w) if *w == what))
        .map(|(k, _, _)| k)
        .unwrap_or_else(|| panic!("{what:?} offered: {:?}", menu(b)));
    b.apply(Action::MenuKey(key));
    assert!(
        matches!(&b.view.modal, Some(Modal::Prompt { ask: Ask::Assume { what: w, .. }, .. }) if *w == what),
        "{:?}",
        b.view.modal
    );
}

/// Replaces the prompt's text with `text` and presses Enter.
fn answer(b: &mut Board, text: &str) {
    b.apply(Action::Edit(squadboard::app::Edit::LineEnd));
    b.apply(Action::Edit(squadboard::app::Edit::KillToStart));
    typed_in_modal(b, text);
    b.apply(Action::ModalAccept);
}

fn prompt_text(b: &Board) -> Option<String> {
    match &b.view.modal {
        Some(Modal::Prompt { input, .. }) => Some(input.text().to_string()),
        _ => None,
    }
}

#[test]
fn a_typed_fee_is_what_the_totals_count() {
    let mut b = board();
    sign(&mut b, "romero", "RCB");
    let before = assess(&b.doc.ds, &b.doc.plan_on_date()).fees.to_string();
    assert!(!before.contains("£40m"), "{before}");
    ask(&mut b, Assume::Fee);
    answer(&mut b, "£40m");
    assert!(b.view.modal.is_none(), "{:?}", b.message_text());
    assert_eq!(
        assess(&b.doc.ds, &b.doc.plan_on_date()).fees.to_string(),
        // Counted in the plan's euros at its assumed 1.16.
        "€46.4m",
        "{:?}",
        b.message_text()
    );
    assert!(
        b.message_text()
            .is_some_and(|m| m.contains("£40m (€46.4m at 1.16), assumed")),
        "{:?}",
        b.message_text()
    );
    // Another currency, and a plain number with its code.
    ask(&mut b, Assume::Fee);
    assert_eq!(
        prompt_text(&b).as_deref(),
        Some("£40m"),
        "the fee is suggested"
    );
    answer(&mut b, "40000000 EUR");
    assert_eq!(
        assess(&b.doc.ds, &b.doc.plan_on_date()).fees.to_string(),
        "€40m"
    );
    // Undo goes back one fee; an empty answer clears it.
    run_cmd(&mut b, Command::Undo);
    assert_eq!(
        assess(&b.doc.ds, &b.doc.plan_on_date()).fees.to_string(),
        "€46.4m"
    );
    ask(&mut b, Assume::Fee);
    answer(&mut b, "");
    assert_eq!(
        assess(&b.doc.ds, &b.doc.plan_on_date()).fees.to_string(),
        before
    );
    assert_eq!(b.doc.plan.signings[0].assumed_fee, None);
}

#[test]
fn a_bad_fee_is_refused_in_the_prompt_and_nothing_changes() {
    let mut b = board();
    sign(&mut b, "romero", "RCB");
    let plan = b.doc.plan.clone();
    ask(&mut b, Assume::Fee);
    for (typed, why) in [
        ("35m", "has no currency"),
        ("£lots", "not an amount"),
        ("35m CHF", "not a currency"),
    ] {
        answer(&mut b, typed);
        assert_eq!(prompt_text(&b).as_deref(), Some(typed), "the prompt stays");
        assert!(
            b.message_text().is_some_and(|m| m.contains(why)),
            "{typed}: {:?}",
            b.message_text()
        );
        assert_eq!(b.doc.plan, plan, "nothing changed for {typed}");
    }
    // The reason is shown in the prompt.
    let (buf, _) = render(&b, 80, 24);
    let screen = text(&buf);
    assert!(screen.contains("not a currency"), "{screen}");
    assert_snapshot!("assume_fee_refused_80x24", screen);
    run_cmd(&mut b, Command::Cancel);
    assert_eq!(b.doc.plan, plan);
}

#[test]
fn a_renewal_is_offered_only_for_our_players() {
    let mut b = board();
    select_in_list(&mut b, "romero");
    run_cmd(&mut b, Command::Assume);
    let items = menu(&b);
    assert!(
        !items.iter().any(|(_, label, c)| label.contains("renew")
            || matches!(c, Choice::Assume(_, Assume::Renews))),
        "Romero is Tottenham's: {items:?}"
    );
    run_cmd(&mut b, Command::Cancel);
    // Signed, he is still not one of ours to renew.
    sign(&mut b, "romero", "RCB");
    run_cmd(&mut b, Command::Assume);
    assert!(
        !menu(&b)
            .iter()
            .any(|(_, _, c)| matches!(c, Choice::Assume(_, Assume::Renews)))
    );
}

#[test]
fn a_renewal_ends_after_the_contract_it_renews() {
    let mut b = board();
    select_in_depth(&mut b, "militao");
    run_cmd(&mut b, Command::Assume);
    let renew = menu(&b)
        .into_iter()
        .find(|(_, _, c)| matches!(c, Choice::Assume(_, Assume::Renews)))
        .expect("Militão can renew");
    assert!(renew.1.contains("after 2028-06-30"), "{}", renew.1);
    run_cmd(&mut b, Command::Cancel);
    ask(&mut b, Assume::Renews);
    // A year on from his contract's end is suggested.
    assert_eq!(prompt_text(&b).as_deref(), Some("2029-06-30"));
    let (buf, _) = render(&b, 80, 24);
    assert_snapshot!("assume_renewal_80x24", text(&buf));
    let plan = b.doc.plan.clone();
    for (typed, why) in [
        ("2028-06-30", "already runs to 2028-06-30"),
        ("2027-01-01", "already runs to 2028-06-30"),
        ("2029-02-30", "not a date"),
        ("next year", "not a date"),
    ] {
        answer(&mut b, typed);
        assert!(
            b.message_text().is_some_and(|m| m.contains(why)),
            "{typed}: {:?}",
            b.message_text()
        );
        assert_eq!(b.doc.plan, plan, "nothing changed for {typed}");
    }
    answer(&mut b, "2030-06-30");
    assert!(b.view.modal.is_none(), "{:?}", b.message_text());
    assert_eq!(
        b.doc
            .plan
            .assumption(&id("militao"), AssumptionKind::Renews),
        Some(&Assumption::Renews {
            id: id("militao"),
            until: chrono::NaiveDate::from_ymd_opt(2030, 6, 30).expect("day"),
            // Agreed on 1 July 2026, the day summer 2026 opens: in force at once.
            window: None,
        })
    );
    // Cleared by an empty answer.
    ask(&mut b, Assume::Renews);
    assert_eq!(prompt_text(&b).as_deref(), Some("2030-06-30"));
    answer(&mut b, "");
    assert_eq!(
        b.doc
            .plan
            .assumption(&id("militao"), AssumptionKind::Renews),
        None
    );
}

#[test]
fn fit_and_injury_days_are_typed_and_checked() {
    let mut b = board();
    select_in_depth(&mut b, "militao");
    ask(&mut b, Assume::Injured);
    let plan = b.doc.plan.clone();
    answer(&mut b, "2026-07-01 to 2026-06-01");
    assert!(
        b.message_text().is_some_and(|m| m.contains("comes after")),
        "{:?}",
        b.message_text()
    );
    assert_eq!(b.doc.plan, plan);
    answer(&mut b, "2026-07-01 to 2026-10-01");
    assert!(matches!(
        b.doc
            .plan
            .assumption(&id("militao"), AssumptionKind::Injured),
        Some(Assumption::InjuredUntil { until: Some(_), .. })
    ));
    ask(&mut b, Assume::FitFrom);
    answer(&mut b, "2026-08-15");
    assert!(matches!(
        b.doc
            .plan
            .assumption(&id("militao"), AssumptionKind::FitFrom),
        Some(Assumption::FitFrom { .. })
    ));
    // `0` clears them all.
    run_cmd(&mut b, Command::Assume);
    b.apply(Action::MenuKey('0'));
    assert!(b.doc.plan.assumptions.is_empty());
}

#[test]
fn a_sale_brings_a_typed_fee() {
    let mut b = board();
    select_in_depth(&mut b, "militao");
    run_cmd(&mut b, Command::Depart);
    b.apply(Action::MenuKey('1'));
    assert_eq!(
        b.doc.plan.departure(&id("militao")).map(|d| d.kind),
        Some(squadboard::domain::plan::DepartureKind::Sold)
    );
    // Out of the depth chart, he is found by the search.
    cmd(&mut b, Command::Search);
    typed(&mut b, "militao");
    b.update(Action::FilterAccept);
    assert_eq!(b.selected().map(|(i, _)| i), Some(id("militao")));
    let out = |b: &Board| {
        squadboard::domain::budget::per_window(&b.doc.ds, &b.doc.plan)
            .iter()
            .map(|w| w.fees_out.to_string())
            .collect::<Vec<_>>()
    };
    assert!(!out(&b).concat().contains("€50m"), "{:?}", out(&b));
    ask(&mut b, Assume::SaleFee);
    answer(&mut b, "€50m");
    assert!(out(&b).concat().contains("€50m"), "{:?}", out(&b));
    assert_eq!(
        b.doc
            .plan
            .departure(&id("militao"))
            .and_then(|d| d.fee)
            .map(|f| f.amount),
        Some(50_000_000)
    );
}

#[test]
fn the_assume_menu_and_notes_prompt_at_80x24() {
    let mut b = board();
    select_in_depth(&mut b, "militao");
    run_cmd(&mut b, Command::Assume);
    let (buf, _) = render(&b, 80, 24);
    assert_snapshot!("assume_menu_80x24", text(&buf));
    run_cmd(&mut b, Command::Cancel);
    run_cmd(&mut b, Command::Notes);
    b.apply(Action::Paste(
        "Konaté on a free?\nAsk about Romero's clause.".into(),
    ));
    b.apply(Action::Edit(squadboard::app::Edit::Up));
    let (buf, _) = render(&b, 80, 24);
    let screen = text(&buf);
    assert!(screen.contains("Ctrl-S saves · Esc cancels"), "{screen}");
    assert_snapshot!("notes_prompt_80x24", screen);
}
