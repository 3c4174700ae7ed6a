//! Issue 25: the pool searched as scouts search it — filters in the query, typed JSON, and
//! transliteration in the fold. Each failed before: `find 'pos:CB age:<24'` found nothing, the
//! JSON had no ids and a positions string, and `mueller` ranked other names above Müller.

use crate::common::squadboard_bin;
use chrono::NaiveDate;
use squadboard::domain::Position;
use squadboard::domain::position::PositionFit;
use std::collections::BTreeSet;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Whole years from `born` to `on`.
fn age(born: NaiveDate, on: NaiveDate) -> i32 {
    use chrono::Datelike;
    let mut a = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        a -= 1;
    }
    a
}

/// The Done-when line: on a 100k pool, `find 'pos:CB age:<24 contract:<=2027' --limit 0
/// --format json` returns every such player and no other, with ids — checked against a plain
/// filter over the CSV's own columns.
#[test]
fn filters_find_every_such_player_of_a_100k_pool_and_no_other() {
    let dir = tempfile::tempdir().expect("dir");
    let csv_path = dir.path().join("pool.csv");
    let mut text = Vec::new();
    fakepool::write_csv(&fakepool::generate(100_000, 25), &mut text).expect("csv");
    std::fs::write(&csv_path, &text).expect("write");

    let on = ymd(2026, 7, 1);
    let mut expected = BTreeSet::new();
    let mut r = csv::Reader::from_reader(text.as_slice());
    let head = r.headers().expect("header").clone();
    let col = |name: &str| head.iter().position(|h| h == name).expect(name);
    let (id, born, sub, until) = (
        col("player_id"),
        col("date_of_birth"),
        col("sub_position"),
        col("contract_expiration_date"),
    );
    for row in r.records() {
        let row = row.expect("row");
        let day = |s: &str| NaiveDate::parse_from_str(&s[..s.len().min(10)], "%Y-%m-%d").ok();
        let pos = squadboard::store::csv_import::map_sub_position(&row[sub]);
        let plays_cb = Position::CB.fit_of(pos, &[]) != PositionFit::Out;
        let young = day(&row[born]).is_some_and(|b| age(b, on) < 24);
        let ends = day(&row[until]).is_some_and(|e| e <= ymd(2027, 6, 30));
        if plays_cb && young && ends {
            expected.insert(format!("tm-{}", &row[id]));
        }
    }
    assert!(expected.len() > 500, "a fair test: {}", expected.len());

    let out = squadboard_bin()
        .args([
            "find",
            "pos:CB age:<24 contract:<=2027",
            "--limit",
            "0",
            "--format",
            "json",
        ])
        .arg("--pool")
        .arg(&csv_path)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    let got: BTreeSet<String> = rows
        .iter()
        .map(|r| r["id"].as_str().expect("an id").to_string())
        .filter(|id| id.starts_with("tm-"))
        .collect();
    assert_eq!(got.len(), expected.len());
    assert_eq!(got, expected);
    // Typed: a list of positions, a number for the age, a date for the contract.
    let r = rows
        .iter()
        .find(|r| r["id"].as_str().is_some_and(|i| i.starts_with("tm-")));
    let r = r.expect("a pool player");
    assert!(r["positions"].is_array(), "{r}");
    assert!(r["age"].as_u64().is_some_and(|a| a < 24), "{r}");
    assert!(
        r["contract_until"]
            .as_str()
            .is_some_and(|d| d <= "2027-06-30"),
        "{r}"
    );
    assert_eq!(r["market_value"]["currency"], "EUR", "{r}");
}

/// A malformed filter names where it is; a filter nobody can answer is said, not silently
/// emptying the list.
#[test]
fn bad_and_unanswerable_filters_say_so() {
    let out = squadboard_bin()
        .args(["find", "silva age:<old"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("query column 11: `<old` is not a comparison"),
        "{err}"
    );
    let out = squadboard_bin()
        .args(["find", "height:>185 pos:GK"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("height: no player here has a height"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Courtois"));
}

/// `mueller` on a pool with Müllers: the first five are all Müller or Mueller.
#[test]
fn mueller_finds_every_muller_first() {
    let dir = tempfile::tempdir().expect("dir");
    let csv_path = dir.path().join("pool.csv");
    let mut players = fakepool::generate(2_000, 9);
    for (i, (first, last)) in [
        ("Thomas", "Müller"),
        ("Gerd", "Müller"),
        ("Lena", "Mueller"),
        ("Kai", "Müller"),
        ("Manuella", "Guerra"),
        ("Miguel", "Mueller"),
    ]
    .into_iter()
    .enumerate()
    {
        players[i * 7].first_name = first.into();
        players[i * 7].last_name = last.into();
    }
    let mut text = Vec::new();
    fakepool::write_csv(&players, &mut text).expect("csv");
    std::fs::write(&csv_path, &text).expect("write");
    for extra in [&[][..], &["--no-cache"][..]] {
        let out = squadboard_bin()
            .args(["find", "mueller", "--limit", "5"])
            .args(extra)
            .arg("--pool")
            .arg(&csv_path)
            .output()
            .expect("run");
        assert!(out.status.success());
        let names: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.split('\t').next().unwrap_or("").to_string())
            .collect();
        assert_eq!(names.len(), 5, "{names:?}");
        assert!(
            names
                .iter()
                .all(|n| n.ends_with("Müller") || n.ends_with("Mueller")),
            "{names:?}"
        );
    }
}

/// On the board `/` takes the same query: the list narrows to the players passing the filters,
/// and a malformed one says where it is.
#[test]
fn the_board_search_box_takes_filters() {
    use crate::common::{board, typed};
    use squadboard::input::Command;
    let mut b = board();
    crate::common::cmd(&mut b, Command::Search);
    typed(&mut b, "pos:CB age:<24");
    let ids: Vec<String> = b.view.list.iter().map(|i| i.id.to_string()).collect();
    for want in ["huijsen", "asencio", "rivero"] {
        assert!(ids.contains(&want.to_string()), "{want} in {ids:?}");
    }
    assert!(!ids.contains(&"rudiger".to_string()), "{ids:?}");
    assert!(
        !ids.contains(&"carreras".to_string()),
        "a left-back: {ids:?}"
    );
    // Words and filters together.
    typed(&mut b, " riv");
    let ids: Vec<String> = b.view.list.iter().map(|i| i.id.to_string()).collect();
    assert_eq!(ids, ["rivero"]);
    typed(&mut b, " age:<x");
    assert!(b.view.list.is_empty());
    assert!(
        b.message_text()
            .is_some_and(|m| m.contains("is not a comparison")),
        "{:?}",
        b.message_text()
    );
}

/// The title counts what the filters keep, not what the name words alone would match.
#[test]
fn the_title_counts_the_players_passing_the_filters() {
    use crate::common::{board, render, text, typed};
    use squadboard::input::Command;
    let mut b = board();
    crate::common::cmd(&mut b, Command::Search);
    typed(&mut b, "pos:CB age:<24");
    let t = text(&render(&b, 120, 40).0);
    let n = b.view.list.len();
    assert!(t.contains(&format!("{n} found")), "{t}");
}
