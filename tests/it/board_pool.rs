//! A scouting pool on the board: loaded in the background with progress, searched beside the
//! targets, and dragged into the XI like them.

use crate::common;
use common::*;
use squadboard::app::pool::{Loader, PoolStatus};
use squadboard::app::runtime::Runtime;
use squadboard::app::{Action, Board, Effect, ListKind};
use squadboard::input::Command;
use squadboard::search::index::SearchIndex;
use std::path::Path;

/// Applies what the loader sends, as the event loop does, until the pool is in (or failed): the
/// runtime starts `Effect::LoadPool` on its thread, and its actions come through the inbox.
pub(crate) fn deliver(b: &mut Board, path: &Path) -> usize {
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
    assert_eq!(b.doc.ds.targets.len(), base_targets);
    assert_eq!(b.doc.ds.pool().len(), players);
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
        b.doc.shown.xi(&b.doc.ds)[slot(&b, "RCB")],
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
    assert_eq!(b.doc.ds.targets.len(), base_targets);
    assert_eq!(b.doc.ds.pool().len(), 1);
    let rudigers = b
        .doc
        .ds
        .squad
        .iter()
        .chain(&b.doc.ds.targets)
        .chain(&pool_players(&b.doc.ds))
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

/// What the loader sends for the pool in `path`, batches of about `rows` players, run inline.
fn loaded_in_batches(b: &Board, path: &Path, rows: usize) -> Vec<Action> {
    let mut actions = Vec::new();
    Loader::new(&b.doc.ds)
        .batch_rows(rows)
        .load(path, &mut |a| actions.push(a));
    actions
}

/// The pool players the list shows, in order.
fn pool_hits(b: &Board) -> Vec<String> {
    b.view
        .list
        .iter()
        .filter(|i| i.kind == ListKind::Pool)
        .map(|i| i.id.to_string())
        .collect()
}

/// Issue 16: the pool arrives in batches; an open search is run again as each one arrives, so
/// its players are found while the rest is still loading, and the title says how many are in.
#[test]
fn search_hits_arrive_with_each_batch_while_the_pool_loads() {
    let mut b = board();
    let base_targets = b.doc.ds.targets.len();
    let actions = loaded_in_batches(&b, &fixture_path("players.csv"), 4);
    let batches = actions
        .iter()
        .filter(|a| matches!(a, Action::PoolBatch(_)))
        .count();
    assert_eq!(batches, 4, "14 rows in batches of 4");
    cmd(&mut b, Command::Search);
    typed(&mut b, "o");
    assert!(pool_hits(&b).is_empty());
    let mut soyler_at = None;
    let mut batch = 0;
    for action in actions {
        let is_batch = matches!(action, Action::PoolBatch(_));
        let last = matches!(action, Action::PoolLoaded(_));
        b.apply(action);
        if !is_batch {
            continue;
        }
        batch += 1;
        // The hits are those of a search over every pool player in so far.
        assert_eq!(b.doc.ds.targets.len(), base_targets);
        let arrived = &pool_players(&b.doc.ds);
        assert_eq!(b.search.pool_len(), arrived.len());
        let want: Vec<String> = SearchIndex::from_players(arrived)
            .query_all("o", 200)
            .into_iter()
            .map(|(i, _)| arrived[i].id.to_string())
            .collect();
        assert_eq!(pool_hits(&b), want, "after batch {batch}");
        // Still loading, and the title counts what can be found of what is coming.
        assert!(matches!(b.search.pool, PoolStatus::Loading { .. }) && !last);
        let (buf, _) = render(&b, 120, 40);
        let t = text(&buf);
        let count = format!("pool {} of ~14 ", arrived.len());
        assert!(t.contains(&count), "{count:?} in the title:\n{t}");
        if soyler_at.is_none() && arrived.iter().any(|p| p.name == "Barış Söyler") {
            soyler_at = Some(batch);
        }
    }
    assert_eq!(
        soyler_at,
        Some(3),
        "row 10 is in the third batch of four rows"
    );
    assert!(matches!(
        b.search.pool,
        PoolStatus::Ready { players: 14, .. }
    ));
    // Typing on narrows what every batch added.
    typed(&mut b, "yler");
    let first = b.view.list.first().expect("a hit");
    assert_eq!(
        b.doc.ds.player(&first.id).map(|p| p.name.as_str()),
        Some("Barış Söyler")
    );
}

/// A pool with the data's own people, rows kept with a field unknown, and (two thirds in) a row
/// the fast reader leaves to the full one: loaded in small batches on both cores, it ends as it
/// ends in one go and as `merge` of the whole pool has it — the same targets in the same order,
/// the same search results, the same notice.
#[test]
fn a_pool_in_batches_ends_as_a_pool_loaded_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("pool.csv");
    let mut text = Vec::new();
    fakepool::write_csv(&fakepool::generate(20_000, 17), &mut text).expect("csv");
    let text = String::from_utf8(text)
        .expect("utf-8")
        .replacen(",right,", ",-,", 5);
    let mut lines: Vec<&str> = text.lines().collect();
    let rudiger = "86202,Antonio,Rüdiger,Antonio Rüdiger,2025,1,x,Germany,Berlin,Germany,\
                   1993-03-03 00:00:00,Centre-Back,Defender,right,190.0,,,,,GB1,Chelsea FC,1,1";
    assert_eq!(
        rudiger.split(',').count(),
        lines[0].split(',').count(),
        "{}",
        lines[0]
    );
    lines.insert(900, rudiger);
    let bad = format!("zz,Ann,Ash,Ann Ash{}", ",".repeat(19));
    lines.insert(13_500, &bad);
    std::fs::write(&csv, lines.join("\n") + "\n").expect("write");

    let reference = squadboard::app::pool::merge(
        &board().doc.ds,
        squadboard::store::pool::load_pool(&csv, |_| {}).expect("pool"),
    );
    assert!(reference.problems.len() >= 7, "{:?}", reference.problems);
    let mut boards = Vec::new();
    for rows in [1_500, usize::MAX] {
        let mut b = board();
        let actions = loaded_in_batches(&b, &csv, rows);
        let batches = actions
            .iter()
            .filter(|a| matches!(a, Action::PoolBatch(_)))
            .count();
        assert!(rows == usize::MAX || batches >= 13, "{batches} batches");
        cmd(&mut b, Command::Search);
        typed(&mut b, "mar");
        for action in actions {
            b.apply(action);
        }
        boards.push(b);
    }
    let notice = |b: &Board| match &b.view.modal {
        Some(squadboard::app::Modal::Notice { lines, .. }) => lines.clone(),
        other => panic!("no notice: {other:?}"),
    };
    let mut want = reference.problems.clone();
    want.truncate(200);
    for b in &boards {
        assert_eq!(b.doc.ds.targets, reference.dataset.targets);
        assert_eq!(pool_players(&b.doc.ds), pool_players(&reference.dataset));
        assert_eq!(b.search.pool_len(), reference.ids.len());
        assert_eq!(notice(b), want);
        assert_eq!(
            b.search.pool,
            PoolStatus::Ready {
                players: reference.ids.len(),
                problems: reference.problems.len()
            }
        );
    }
    for b in &mut boards {
        b.view.modal = None;
    }
    let mut index = reference.index;
    // (`ruediger` is also searched as `rudiger`, as "Rüdiger" folds: checked below.)
    for q in ["mar", "jo sil", "a", "kowalski", "rüdiger", "zz"] {
        let want: Vec<String> = index
            .query(q, 200)
            .into_iter()
            .map(|(i, _)| reference.ids[i].to_string())
            .collect();
        for b in &mut boards {
            b.view.filter.query.clear();
            typed(b, q);
            assert_eq!(pool_hits(b), want, "`{q}`");
        }
    }
    // Written out, `ruediger` finds what both spellings find.
    let both: std::collections::BTreeSet<String> = ["ruediger", "rudiger"]
        .iter()
        .flat_map(|q| index.query(q, 200))
        .map(|(i, _)| reference.ids[i].to_string())
        .collect();
    for b in &mut boards {
        b.view.filter.query.clear();
        typed(b, "ruediger");
        let got: std::collections::BTreeSet<String> = pool_hits(b).into_iter().collect();
        assert_eq!(got, both);
    }
}

/// Issue 16: a scenario named on the command line (it may sign pool players) opens only once
/// the last batch is in.
#[test]
fn a_scenario_waiting_for_the_pool_opens_after_the_last_batch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("q.ron");
    let mut fresh = board();
    fresh.doc.scenarios_dir = dir.path().to_path_buf();
    fresh.doc.open_after_pool = Some(path.clone());
    let actions = loaded_in_batches(&fresh, &fixture_path("players.csv"), 3);
    for action in actions {
        let last = matches!(action, Action::PoolLoaded(_));
        let effects = fresh.update(action);
        let opens = effects
            .iter()
            .any(|e| matches!(e, Effect::Open(p) if *p == path));
        assert_eq!(opens, last, "{effects:?}");
    }
    assert!(fresh.doc.open_after_pool.is_none());
}

/// A load that fails after some batches keeps what arrived (a plan may sign one of them
/// already), says how many, and still opens the scenario named on the command line.
#[test]
fn a_pool_that_fails_midway_keeps_what_arrived() {
    let mut b = board();
    let base_targets = b.doc.ds.targets.len();
    b.doc.open_after_pool = Some("/nonexistent/q.ron".into());
    let actions = loaded_in_batches(&b, &fixture_path("players.csv"), 4);
    let mut batches = 0;
    let mut effects = Vec::new();
    for action in actions {
        if matches!(action, Action::PoolBatch(_)) {
            batches += 1;
            if batches == 3 {
                effects = b.update(Action::PoolFailed("players.csv: read error".into()));
                break;
            }
        }
        b.update(action);
    }
    assert_eq!(b.search.pool_len(), 8);
    assert_eq!(b.doc.ds.targets.len(), base_targets);
    assert_eq!(b.doc.ds.pool().len(), 8);
    assert!(matches!(b.search.pool, PoolStatus::Failed(_)));
    let said = b.message_text().unwrap_or_default();
    assert!(
        said.contains("pool stopped after 8 players (kept)") && said.contains("read error"),
        "{said}"
    );
    assert!(effects.iter().any(|e| matches!(e, Effect::Open(_))));
    cmd(&mut b, Command::Search);
    typed(&mut b, "quiroga");
    assert_eq!(pool_hits(&b).len(), 1, "what arrived is still found");
    let (buf, _) = render(&b, 160, 40);
    let t = text(&buf);
    assert!(t.contains("pool 8 (load failed)"), "{t}");
}

/// The pool's count in the target pane's title is short ("123k", not 123456) and never cut: at
/// 80 columns the "(/ searches)" hint gives way first, and a long query gives way to the counts.
#[test]
fn the_pool_in_the_title_is_counted_short_and_never_cut() {
    let mut b = board();
    b.search.pool = PoolStatus::Ready {
        players: 123_456,
        problems: 0,
    };
    let title = |b: &Board, w: u16, h: u16| {
        let (buf, _) = render(b, w, h);
        text(&buf)
            .lines()
            .find(|l| l.contains(" Targets ") || l.contains(" Search: ") || l.contains("┏ / "))
            .unwrap_or_else(|| panic!("a target pane title at {w}x{h}"))
            .to_string()
    };
    let wide = title(&b, 120, 40);
    assert!(wide.contains("· pool 123k (/ searches) "), "{wide}");
    let narrow = title(&b, 80, 24);
    assert!(narrow.contains(" Targets · 5 · pool 123k "), "{narrow}");
    assert!(!narrow.contains("123456"), "{narrow}");

    cmd(&mut b, Command::Search);
    typed(&mut b, "sebastian echeverria goikoetxea of the long name");
    for (w, h) in [(80, 24), (100, 30), (120, 40)] {
        let t = title(&b, w, h);
        assert!(
            t.contains(" 0 found "),
            "the count is whole at {w}x{h}: {t}"
        );
        assert!(
            t.contains("▏ 0 found"),
            "the cursor is seen at {w}x{h}: {t}"
        );
        assert!(
            t.contains('…'),
            "the query's cut start is marked at {w}x{h}: {t}"
        );
        if w >= 100 {
            assert!(t.contains(" Search: …"), "{w}x{h}: {t}");
            assert!(t.contains(" 0 found · pool 123k "), "{w}x{h}: {t}");
        } else {
            // The size of a pool that is in gives way to the query; the key stands for "Search".
            assert!(t.contains("┏ / …"), "{w}x{h}: {t}");
        }
    }
}

/// Every pool player of `ds`, made whole, in pool order.
fn pool_players(ds: &squadboard::domain::Dataset) -> Vec<squadboard::domain::Player> {
    (0..ds.pool().len())
        .map(|i| ds.pool().to_player(i).expect("a pool row"))
        .collect()
}
