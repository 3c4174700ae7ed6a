//! A scouting pool on the board: loaded in the background with progress, searched beside the
//! targets, and dragged into the XI like them.

use crate::common;
use common::*;
use squadboard::app::pool::PoolStatus;
use squadboard::app::runtime::Runtime;
use squadboard::app::{Action, Board, Effect, ListKind};
use squadboard::input::Command;
use std::path::Path;

/// Applies what the loader sends, as the event loop does, until the pool is in (or failed): the
/// runtime starts `Effect::LoadPool` on its thread, and its actions come through the inbox.
fn deliver(b: &mut Board, path: &Path) -> usize {
    let runtime = Runtime::new();
    runtime.perform(b, vec![Effect::LoadPool(path.to_path_buf())]);
    let mut progress = 0;
    loop {
        let action = runtime.recv().expect("the loader answers");
        let last = matches!(action, Action::PoolLoaded(_) | Action::PoolFailed(_));
        if matches!(action, Action::PoolProgress { .. }) {
            progress += 1;
        }
        b.apply(action);
        if last {
            return progress;
        }
    }
}

#[test]
fn pool_players_are_found_and_signed_like_targets() {
    let mut b = board();
    let base_targets = b.doc.ds.targets.len();
    let progress = deliver(&mut b, &fixture_path("players.csv"));
    assert!(progress >= 1, "progress is reported");
    let PoolStatus::Ready { players, .. } = b.search.pool else {
        panic!("{:?}", b.search.pool)
    };
    assert!(players >= 10, "{players}");
    assert_eq!(b.doc.ds.targets.len(), base_targets + players);
    // Not listed until searched: the target pane keeps the linked signings.
    assert!(b.view.list.iter().all(|i| i.kind != ListKind::Pool));

    cmd(&mut b, Command::Search);
    typed(&mut b, "zubiria");
    let first = b.view.list.first().expect("a hit").clone();
    assert_eq!(first.kind, ListKind::Pool);
    assert_eq!(
        b.doc.ds.player(&first.id).map(|p| p.name.as_str()),
        Some("Íñigo Zubiría")
    );
    assert!(!first.matched.is_empty(), "matched letters are highlighted");
    let (buf, _) = render(&b, 120, 40);
    let t = text(&buf);
    assert!(
        t.contains("pool ·"),
        "pool rows say where they come from:\n{t}"
    );

    // Grab him from the results and drop him at right CB.
    b.apply(Action::FilterAccept);
    cmd(&mut b, Command::Grab);
    cmds(&mut b, &[Command::NextPane, Command::NextPane]);
    b.view.slot_cursor = slot(&b, "RCB");
    cmd(&mut b, Command::Grab);
    assert_eq!(
        b.doc.plan.xi(&b.doc.ds)[slot(&b, "RCB")],
        Some(first.id.clone())
    );
    assert!(b.doc.plan.is_signing(&first.id));

    // A scenario with a pool signing saves and loads back with the same pool.
    let dir = tempfile::tempdir().expect("tempdir");
    let s =
        squadboard::domain::scenario::Scenario::new("pool", b.doc.plan.clone(), chrono::Utc::now());
    let path = dir.path().join("pool.ron");
    squadboard::store::scenario::save(&path, &s, squadboard::store::atomic::Expect::Nothing)
        .expect("save");
    let loaded = squadboard::store::scenario::load(&path, &b.doc.ds).expect("load");
    assert_eq!(loaded.scenario.plan, b.doc.plan);
    assert!(loaded.unresolved.is_empty());
}

#[test]
fn a_scenario_waiting_for_the_pool_opens_once_it_is_in() {
    let mut b = board();
    deliver(&mut b, &fixture_path("players.csv"));
    cmd(&mut b, Command::Search);
    typed(&mut b, "quiroga");
    b.apply(Action::FilterAccept);
    cmd(&mut b, Command::Grab);
    cmds(&mut b, &[Command::NextPane, Command::NextPane]);
    b.view.slot_cursor = slot(&b, "LCB");
    cmd(&mut b, Command::Grab);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("q.ron");
    let s =
        squadboard::domain::scenario::Scenario::new("q", b.doc.plan.clone(), chrono::Utc::now());
    squadboard::store::scenario::save(&path, &s, squadboard::store::atomic::Expect::Nothing)
        .expect("save");

    let mut fresh = board();
    fresh.doc.scenarios_dir = dir.path().to_path_buf();
    fresh.doc.open_after_pool = Some(path.clone());
    deliver(&mut fresh, &fixture_path("players.csv"));
    assert_eq!(fresh.doc.file.path.as_deref(), Some(path.as_path()));
    assert_eq!(
        fresh.doc.plan, b.doc.plan,
        "the pool signing survived the opening"
    );
}

#[test]
fn a_missing_pool_is_reported_and_the_board_carries_on() {
    let mut b = board();
    deliver(&mut b, Path::new("/nonexistent/pool.csv"));
    assert!(matches!(b.search.pool, PoolStatus::Failed(_)));
    assert!(
        b.message_text()
            .as_deref()
            .unwrap_or("")
            .contains("/nonexistent/pool.csv")
    );
    let (buf, _) = render(&b, 120, 40);
    assert!(text(&buf).contains("pool failed"));
}

#[test]
fn a_pool_player_who_is_a_squad_player_is_not_added_twice() {
    let mut b = board();
    let base_targets = b.doc.ds.targets.len();
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = tmp.path().join("players.csv");
    std::fs::write(
        &csv,
        "player_id,name,date_of_birth,current_club_name,foot\n\
         86202,Antonio Rüdiger,1993-03-03 00:00:00,Chelsea FC,right\n\
         86203,Kai Lind,2004-05-06,Elm FC,-\n",
    )
    .expect("write");
    deliver(&mut b, &csv);
    let PoolStatus::Ready { players, .. } = b.search.pool else {
        panic!("{:?}", b.search.pool)
    };
    assert_eq!(players, 1, "only Kai Lind is new");
    assert_eq!(b.doc.ds.targets.len(), base_targets + 1);
    let rudigers = b
        .doc
        .ds
        .squad
        .iter()
        .chain(&b.doc.ds.targets)
        .filter(|p| p.name == "Antonio Rüdiger")
        .count();
    assert_eq!(rudigers, 1);
    // What was left out and what was kept with a field unknown are both said.
    let Some(squadboard::app::Modal::Notice { lines, .. }) = &b.view.modal else {
        panic!("no notice: {:?}", b.view.modal)
    };
    assert!(
        lines
            .iter()
            .any(|l| l.contains("the same person as `rudiger`")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.contains(":3:foot:")), "{lines:?}");
}

/// Issue 13: a pool player whose id is a squad player's id was dropped without a word (on
/// main before this fix the notice named neither the pool file's row nor who was kept).
#[test]
fn a_pool_id_that_is_a_squad_id_keeps_the_squad_player_and_names_the_row() {
    let base = board().doc.ds;
    let pool = squadboard::store::pool::Pool {
        source: Path::new("scouts.csv").to_path_buf(),
        players: vec![squadboard::domain::Player::new(
            "rudiger",
            "Someone Else",
            "Elm FC",
            None,
        )],
        problems: Vec::new(),
        warnings: Vec::new(),
        rows: vec![7],
    };
    let loaded = squadboard::app::pool::merge(&base, pool);
    assert!(loaded.ids.is_empty(), "the pool's man is left out");
    let kept = loaded.dataset.player(&id("rudiger")).expect("kept");
    assert_eq!(kept.name, "Antonio Rüdiger", "the squad player is kept");
    assert!(
        loaded
            .problems
            .iter()
            .any(|l| l.starts_with("scouts.csv:7:")
                && l.contains("already has the id `rudiger`")
                && l.contains("Antonio Rüdiger")),
        "{:?}",
        loaded.problems
    );
}

/// Issue 13: a scenario named on the command line was dropped when the pool failed to load (on
/// main before this fix `open_after_pool` was never taken on `PoolFailed`).
#[test]
fn a_scenario_named_with_a_pool_that_fails_still_opens() {
    let mut b = board();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("q.ron");
    cmd(&mut b, Command::Formation);
    let s =
        squadboard::domain::scenario::Scenario::new("q", b.doc.plan.clone(), chrono::Utc::now());
    squadboard::store::scenario::save(&path, &s, squadboard::store::atomic::Expect::Nothing)
        .expect("save");
    let mut fresh = board();
    fresh.doc.scenarios_dir = dir.path().to_path_buf();
    fresh.doc.open_after_pool = Some(path.clone());
    deliver(&mut fresh, Path::new("/nonexistent/pool.csv"));
    assert!(matches!(fresh.search.pool, PoolStatus::Failed(_)));
    assert_eq!(fresh.doc.file.path.as_deref(), Some(path.as_path()));
    assert_eq!(
        fresh.doc.plan.formation(),
        b.doc.plan.formation(),
        "the scenario opened"
    );
}
