//! Issue 13, item 0: a player the loaded data cannot resolve (a pool player opened without the
//! pool) is never dropped. He stays in the scenario as an unresolved entry, is shown where he
//! stands, is kept byte-for-byte on save, and every command reading a scenario honours `--pool`.

use crate::common;
use common::*;
use squadboard::app::{Action, Done};
use squadboard::cli::{Context, scenario};
use squadboard::domain::Position;
use squadboard::store::atomic::Expect;
use squadboard::store::scenario::{load, save, to_ron};
use std::fs;
use std::path::PathBuf;

/// Fails on main: the pool player was dropped from the CB column and the signings on load, so
/// the next save wrote the file without him.
#[test]
fn an_unresolved_player_is_kept_listed_and_saved_as_he_was() {
    let ds = bundled_data();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = scenario_with_pool_player(dir.path());
    let l = load(&path, &ds).expect("loads");
    let id = squadboard::domain::PlayerId::new("tm-900002");
    assert!(l.scenario.plan.depth.column(Position::CB).contains(&id));
    assert!(l.scenario.plan.is_signing(&id));
    let notices = l.notices();
    assert!(
        notices.iter().any(|n| n.starts_with(
            "not in the loaded data, kept as written (open with --pool \
                 FILE): ? tm-900002 in the CB column, the signings"
        )),
        "{notices:?}"
    );
    // Saved and read back twice: the same bytes, him included.
    let out = dir.path().join("again.ron");
    save(&out, &l.scenario, Expect::Anything).expect("save");
    let first = fs::read_to_string(&out).expect("read");
    assert!(first.contains("\"tm-900002\""), "{first}");
    let back = load(&out, &ds).expect("loads again");
    assert_eq!(back.scenario.plan, l.scenario.plan);
    assert_eq!(to_ron(&back.scenario).expect("ron"), first);
}

/// Fails on main: the board opened the file with him dropped and showed nothing in his place.
#[test]
fn the_board_shows_him_where_he_stands_and_has_nothing_unsaved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = scenario_with_pool_player(dir.path());
    let mut b = board();
    let loaded = load(&path, &b.doc.ds).expect("loads");
    b.apply(Action::Done(Box::new(Done::Opened {
        path: path.clone(),
        loaded: Box::new(loaded),
    })));
    assert!(!b.doc.dirty(), "opening changed nothing");
    b.view.modal = None;
    let (buf, _) = render(&b, 160, 50);
    let screen = text(&buf);
    assert!(screen.contains("? tm-900002"), "{screen}");
}

/// Fails on main: `scenario show`, `export` and `compare` ignored `--pool` and dropped him.
#[test]
fn scenario_commands_honour_the_pool() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = scenario_with_pool_player(dir.path());
    let run = |pool: Option<PathBuf>, args: &[&str]| -> String {
        use clap::Parser;
        #[derive(clap::Parser)]
        struct T {
            #[command(flatten)]
            a: scenario::Args,
        }
        let mut argv = vec!["t"];
        argv.extend_from_slice(args);
        let t = T::try_parse_from(argv).expect("args");
        let ctx = Context {
            pool,
            scenarios: Some(dir.path().to_path_buf()),
            ..Context::default()
        };
        let mut out = Vec::new();
        scenario::run(t.a, &ctx, &mut out).expect("runs");
        String::from_utf8(out).expect("utf-8")
    };
    let file = path.to_str().expect("utf-8 path");
    let pool = Some(fixture_path("players.csv"));
    let shown = run(pool.clone(), &["show", file]);
    assert!(shown.contains("Quiroga"), "{shown}");
    let without = run(None, &["show", file]);
    assert!(without.contains("? tm-900002"), "{without}");
    let md = run(pool.clone(), &["export", "--format", "markdown", file]);
    assert!(md.contains("Quiroga"), "{md}");
    // Against a copy: a file compared with itself is refused.
    let copy = dir.path().join("pool-copy.ron");
    std::fs::copy(&path, &copy).expect("copy");
    let cmp = run(pool, &["compare", file, copy.to_str().expect("utf-8 path")]);
    assert!(cmp.contains("Quiroga"), "{cmp}");
}
