//! A scouting pool on the board: loaded in the background with progress, searched beside the
//! targets, and dragged into the XI like them.

use crate::common;
use common::*;
use squadboard::app::pool::{PoolStatus, spawn_loader};
use squadboard::app::{Action, Board, ListKind};
use squadboard::input::Command;
use std::path::Path;
use std::sync::Arc;

fn fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/players.csv")
}

/// Applies what the loader sends, as the event loop does, until the pool is in (or failed).
fn deliver(b: &mut Board, path: &Path) -> usize {
    let rx = spawn_loader(path, Arc::clone(&b.ds));
    let mut progress = 0;
    for action in rx.iter() {
        if matches!(action, Action::PoolProgress { .. }) {
            progress += 1;
        }
        b.apply(action);
    }
    progress
}

#[test]
fn pool_players_are_found_and_signed_like_targets() {
    let mut b = board();
    let base_targets = b.ds.targets.len();
    let progress = deliver(&mut b, &fixture());
    assert!(progress >= 1, "progress is reported");
    let PoolStatus::Ready { players, .. } = b.pool else {
        panic!("{:?}", b.pool)
    };
    assert!(players >= 10, "{players}");
    assert_eq!(b.ds.targets.len(), base_targets + players);
    // Not listed until searched: the target pane keeps the linked signings.
    assert!(b.list.iter().all(|i| i.kind != ListKind::Pool));

    cmd(&mut b, Command::Search);
    typed(&mut b, "zubiria");
    let first = b.list.first().expect("a hit").clone();
    assert_eq!(first.kind, ListKind::Pool);
    assert_eq!(
        b.ds.player(&first.id).map(|p| p.name.as_str()),
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
    b.slot_cursor = slot(&b, "RCB");
    cmd(&mut b, Command::Grab);
    assert_eq!(b.plan.xi(&b.ds)[slot(&b, "RCB")], Some(first.id.clone()));
    assert!(b.plan.is_signing(&first.id));

    // A scenario with a pool signing saves and loads back with the same pool.
    let dir = tempfile::tempdir().expect("tempdir");
    let s = squadboard::domain::scenario::Scenario::new("pool", b.plan.clone(), chrono::Utc::now());
    let path = dir.path().join("pool.ron");
    squadboard::store::scenario::save(&path, &s, squadboard::store::atomic::Expect::Nothing)
        .expect("save");
    let loaded = squadboard::store::scenario::load(&path, &b.ds).expect("load");
    assert_eq!(loaded.scenario.plan, b.plan);
    assert!(loaded.unresolved.is_empty());
}

#[test]
fn a_scenario_waiting_for_the_pool_opens_once_it_is_in() {
    let mut b = board();
    deliver(&mut b, &fixture());
    cmd(&mut b, Command::Search);
    typed(&mut b, "quiroga");
    b.apply(Action::FilterAccept);
    cmd(&mut b, Command::Grab);
    cmds(&mut b, &[Command::NextPane, Command::NextPane]);
    b.slot_cursor = slot(&b, "LCB");
    cmd(&mut b, Command::Grab);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("q.ron");
    let s = squadboard::domain::scenario::Scenario::new("q", b.plan.clone(), chrono::Utc::now());
    squadboard::store::scenario::save(&path, &s, squadboard::store::atomic::Expect::Nothing)
        .expect("save");

    let mut fresh = board();
    fresh.scenarios_dir = dir.path().to_path_buf();
    fresh.open_after_pool = Some(path.clone());
    deliver(&mut fresh, &fixture());
    assert_eq!(fresh.doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(fresh.plan, b.plan, "the pool signing survived the opening");
}

#[test]
fn a_missing_pool_is_reported_and_the_board_carries_on() {
    let mut b = board();
    deliver(&mut b, Path::new("/nonexistent/pool.csv"));
    assert!(matches!(b.pool, PoolStatus::Failed(_)));
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
    let base_targets = b.ds.targets.len();
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
    let PoolStatus::Ready { players, .. } = b.pool else {
        panic!("{:?}", b.pool)
    };
    assert_eq!(players, 1, "only Kai Lind is new");
    assert_eq!(b.ds.targets.len(), base_targets + 1);
    let rudigers =
        b.ds.squad
            .iter()
            .chain(&b.ds.targets)
            .filter(|p| p.name == "Antonio Rüdiger")
            .count();
    assert_eq!(rudigers, 1);
    // What was left out and what was kept with a field unknown are both said.
    let Some(squadboard::app::Modal::Notice { lines, .. }) = &b.modal else {
        panic!("no notice: {:?}", b.modal)
    };
    assert!(
        lines
            .iter()
            .any(|l| l.contains("the same person as `rudiger`")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.contains(":3:foot:")), "{lines:?}");
}
