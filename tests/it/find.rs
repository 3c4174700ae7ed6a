//! `squadboard find`: best matches first, tab-separated name, club, position, age; over the data
//! and a scouting pool.

use std::path::Path;
use std::process::{Command, Output};

fn find(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_squadboard"))
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

fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/players.csv")
        .display()
        .to_string()
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
    let pool = fixture();
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
        stderr.contains(&format!("{}:3:date_of_birth:", csv.display())),
        "{stderr}"
    );
    assert_eq!(lines(&out)[0][0], "Ann Oak");
}
