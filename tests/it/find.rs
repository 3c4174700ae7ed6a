//! `squadboard find`: best matches first, tab-separated name, club, position, age; over the data
//! and a scouting pool.

use crate::common::{bundled_data, fixture_arg, squadboard_bin};
use std::process::Output;

fn find(args: &[&str]) -> Output {
    squadboard_bin()
        .arg("find")
        .args(args)
        .output()
        .expect("run squadboard")
}

fn lines(out: &Output) -> Vec<Vec<String>> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn finds_bundled_players_without_accents_with_age_at_the_planning_date() {
    let out = find(&["rudiger"]);
    assert!(out.status.success());
    let got = lines(&out);
    // Born 1993-03-03; the bundled planning date is 2026-07-01.
    assert_eq!(got[0], vec!["Antonio Rüdiger", "Real Madrid", "CB", "33"]);
    let out = find(&["rudiger", "--date", "2026-03-02"]);
    assert_eq!(lines(&out)[0][3], "32");
    // Words in any order.
    let out = find(&["konate", "ibrahima"]);
    assert!(out.status.success());
    assert!(lines(&out)[0][0].contains("Konat"), "{:?}", lines(&out));
}

#[test]
fn searches_the_pool_too_best_first_and_limited() {
    let pool = fixture_arg("players.csv");
    let out = find(&["keita", "--pool", &pool]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        lines(&out)[0],
        vec!["Noé Kéïta", "Atlético Valdoria", "RB", "24"]
    );
    // The alias (first and last name) finds him too.
    let out = find(&["keita dubois", "--pool", &pool]);
    assert_eq!(lines(&out)[0][0], "Noé Kéïta");

    let out = find(&["a", "--pool", &pool, "--limit", "3"]);
    assert_eq!(lines(&out).len(), 3);
    let all = find(&["a", "--pool", &pool, "--limit", "0"]);
    assert!(lines(&all).len() > 20, "{}", lines(&all).len());
    // Best first: the top three of a longer list are the limited list.
    assert_eq!(lines(&all)[..3], lines(&out)[..]);
    // Unknown age and position print as `?`.
    let out = find(&["piet vos", "--pool", &pool]);
    assert_eq!(
        lines(&out)[0],
        vec!["Piet Vos", "Atlético Valdoria", "?", "?"]
    );
}

#[test]
fn no_match_exits_one_and_a_bad_pool_exits_two() {
    let out = find(&["qqqxz"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());

    let out = find(&["a", "--pool", "/nonexistent/pool.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/pool.csv"));

    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = tmp.path().join("pool.csv");
    std::fs::write(
        &csv,
        "player_id,name,date_of_birth\n1,Ann Oak,1999-01-01\n2,Bo Elm,soon\n",
    )
    .expect("write");
    let out = find(&["ann", "--pool", csv.to_str().expect("path")]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("warning: {}:3:date_of_birth:", csv.display())),
        "{stderr}"
    );
    assert_eq!(lines(&out)[0][0], "Ann Oak");
    // Bo Elm is kept, his birth date unknown.
    let out = find(&["bo elm", "--pool", csv.to_str().expect("path")]);
    assert_eq!(lines(&out)[0], vec!["Bo Elm", "?", "?", "?"]);
    // A row without a name is skipped, with its row and column.
    std::fs::write(
        &csv,
        "player_id,name
1,Ann Oak
2,
",
    )
    .expect("write");
    let out = find(&["ann", "--pool", csv.to_str().expect("path")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("skipped: {}:3:name: empty", csv.display())),
        "{stderr}"
    );
}

#[test]
fn a_pool_player_who_is_in_the_data_is_listed_once_and_odd_cells_only_warn() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = tmp.path().join("players.csv");
    std::fs::write(
        &csv,
        "player_id,name,date_of_birth,current_club_name,foot\n\
         86202,Antonio Rüdiger,1993-03-03 00:00:00,Chelsea FC,right\n\
         86203,Antonio Rudiger,2004-05-06,Elm FC,-\n\
         86204,Antonio Rüdiger,,Real Madrid,left\n",
    )
    .expect("write");
    let out = find(&["rudiger", "--pool", csv.to_str().expect("path")]);
    assert!(out.status.success());
    let got = lines(&out);
    let rudigers: Vec<&Vec<String>> = got.iter().filter(|l| l[0].contains("Rüdiger")).collect();
    // Rows 2 (same name and birth date) and 4 (same name and club, no birth date) are the
    // squad's Rüdiger; row 3, born elsewhen, is another man, kept with his foot unknown.
    assert_eq!(rudigers.len(), 1, "{got:?}");
    assert_eq!(rudigers[0][1], "Real Madrid");
    assert!(
        got.iter()
            .any(|l| l[0] == "Antonio Rudiger" && l[1] == "Elm FC"),
        "{got:?}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "warning: {}:3:foot: `-` is not a foot",
            csv.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("skipped"), "{stderr}");
}

/// The fast reading of a CSV pool gives what the full one (load, index, rank) gives: the same
/// players in the same order, and the same warnings.
#[test]
fn the_fast_pool_search_ranks_exactly_as_the_full_one() {
    use squadboard::cli::find::{Method, search};
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = tmp.path().join("pool.csv");
    let made = fakepool::generate(25_000, 17);
    let mut text = Vec::new();
    fakepool::write_csv(&made, &mut text).expect("csv");
    let mut text = String::from_utf8(text).expect("utf-8");
    // Odd cells that only warn, a squad player in the pool, and a name with a comma (quoted).
    text = text
        .replacen(",right,", ",-,", 3)
        .replacen(" 00:00:00,Centre-Back", ",Centre-Back", 1)
        .replacen(",Centre-Back,", ",Sweeper,", 2);
    text.push_str("86202,Antonio,Rüdiger,Antonio Rüdiger,2025,1,x,,,Germany,1993-03-03 00:00:00,Centre-Back,Defender,right,190.0,,,,,,Chelsea FC,,\n");
    text.push_str("86203,Mar,\"Oak, Jr\",\"Mar Oak, Jr\",2025,1,x,,,,,,,,,,,,,,Elm FC,,\n");
    std::fs::write(&csv, &text).expect("write");
    let ds = bundled_data();
    let mut compared = 0;
    for q in [
        "mar",
        "m",
        "jo sil",
        "kowalski",
        "rudiger",
        "zz",
        "ma ma",
        "gonçalves",
        "oak jr",
        "a",
        "sa",
        "ó",
    ] {
        for limit in [1, 20, 0] {
            let fast = search(&ds, Some(&csv), q, limit, Method::Fast).expect("fast");
            let full = search(&ds, Some(&csv), q, limit, Method::Full).expect("full");
            let ids = |f: &squadboard::cli::find::Found| -> Vec<String> {
                f.players.iter().map(|p| p.id.to_string()).collect()
            };
            assert_eq!(ids(&fast), ids(&full), "`{q}` limit {limit}");
            assert_eq!(fast.players, full.players, "`{q}` limit {limit}");
            assert_eq!(fast.warnings, full.warnings, "`{q}`");
            assert_eq!(fast.skipped, full.skipped, "`{q}`");
            compared += fast.players.len();
        }
    }
    assert!(compared > 25_000, "{compared}");
    let fast = search(&ds, Some(&csv), "mar", 20, Method::Fast).expect("fast");
    assert_eq!(fast.warnings.len(), 5, "{:?}", fast.warnings);
    let rudigers = search(&ds, Some(&csv), "rudiger", 0, Method::Fast).expect("fast");
    assert_eq!(
        rudigers
            .players
            .iter()
            .filter(|p| p.name == "Antonio Rüdiger")
            .count(),
        1
    );
}

/// A pool the fast reader cannot take (a skipped row, an id twice, a quoted line break) is read
/// by the full reader, with its file:row:column.
#[test]
fn a_malformed_pool_still_names_row_and_column() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = tmp.path().join("pool.csv");
    std::fs::write(
        &csv,
        "player_id,name,foot\n1,Ann Oak,left\n2,\"Ann\nElm\",-\nzz,Ann Ash,right\n1,Ann Twice,\n",
    )
    .expect("write");
    let out = find(&["ann", "--pool", csv.to_str().expect("path"), "--limit", "0"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let shown = csv.display();
    for needle in [
        format!("skipped: {shown}:4:player_id: `zz` is not a player number"),
        format!("skipped: {shown}:5:player_id: player tm-1 is already on row 2"),
        format!("warning: {shown}:3:foot: `-` is not a foot"),
    ] {
        assert!(stderr.contains(&needle), "missing `{needle}` in {stderr}");
    }
    let names: Vec<String> = lines(&out).into_iter().map(|l| l[0].clone()).collect();
    // The name's line break prints as a space, so the columns hold.
    assert!(names.contains(&"Ann Oak".to_string()), "{names:?}");
    assert!(names.contains(&"Ann Elm".to_string()), "{names:?}");
    assert!(!names.contains(&"Ann Twice".to_string()), "{names:?}");
}
