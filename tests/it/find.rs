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
    let mut text = made_up_pool(25_000, 17);
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

/// `n` made-up players as a CSV pool in Transfermarkt's columns.
fn made_up_pool(n: usize, seed: u64) -> String {
    let mut text = Vec::new();
    fakepool::write_csv(&fakepool::generate(n, seed), &mut text).expect("csv");
    String::from_utf8(text).expect("utf-8")
}

/// A made-up pool large enough to get a cache (25,000 rows, 6 MB), with odd cells that warn.
fn big_pool(dir: &std::path::Path) -> std::path::PathBuf {
    let csv = dir.join("pool.csv");
    let text = made_up_pool(25_000, 17).replacen(",right,", ",-,", 3);
    std::fs::write(&csv, &text).expect("write");
    csv
}

fn ids(f: &squadboard::cli::find::Found) -> Vec<String> {
    f.players.iter().map(|p| p.id.to_string()).collect()
}

/// Issue 16: `find` keeps the pool's names indexed in a cache beside it. The first search
/// writes it, later ones read it, and both give what the full reader gives.
#[test]
fn the_cache_beside_the_pool_gives_what_the_full_search_gives() {
    use squadboard::cli::find::{Method, search};
    use squadboard::store::pool::cache;
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = big_pool(tmp.path());
    let cache_file = cache::path_for(&csv).expect("cache path");
    let ds = bundled_data();
    assert!(!cache_file.exists());
    let first = search(&ds, Some(&csv), "mar", 0, Method::Cached).expect("cold");
    assert!(cache_file.exists(), "no cache written");
    let written = std::fs::read(&cache_file).expect("cache");
    // The cache fits the pool as it is.
    let bytes = std::fs::read(&csv).expect("pool");
    let meta = std::fs::metadata(&csv).expect("meta");
    let key = cache::Key::of(&meta, &bytes).expect("key");
    let shown = csv.display().to_string();
    assert!(cache::read(&csv, &key, &shown, &bytes).is_some());
    for q in ["mar", "kowalski", "jo sil", "a", "qqxz", "gonçalves"] {
        for limit in [1, 20, 0] {
            let cached = search(&ds, Some(&csv), q, limit, Method::Cached).expect("cached");
            let full = search(&ds, Some(&csv), q, limit, Method::Full).expect("full");
            assert_eq!(ids(&cached), ids(&full), "`{q}` limit {limit}");
            assert_eq!(cached.players, full.players, "`{q}` limit {limit}");
            assert_eq!(cached.warnings, full.warnings, "`{q}`");
            assert_eq!(cached.warnings.len(), 3, "`{q}`");
        }
    }
    assert_eq!(
        ids(&first),
        ids(&search(&ds, Some(&csv), "mar", 0, Method::Full).expect("full"))
    );
    // Read, not rewritten.
    assert_eq!(std::fs::read(&cache_file).expect("cache"), written);
}

/// A pool changed under its cache (same size, its old modification time put back) is read
/// again: the content hash tells. A damaged cache is ignored and written anew.
#[test]
fn a_stale_or_damaged_cache_is_ignored_and_rebuilt() {
    use squadboard::cli::find::{Method, search};
    use squadboard::store::pool::cache;
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = big_pool(tmp.path());
    let cache_file = cache::path_for(&csv).expect("cache path");
    let ds = bundled_data();
    search(&ds, Some(&csv), "mar", 20, Method::Cached).expect("cold");
    let before = std::fs::read(&cache_file).expect("cache");

    // One name becomes another of the same length; the size and the time stay.
    let text = std::fs::read_to_string(&csv).expect("pool");
    let row = text
        .lines()
        .skip(100)
        .find(|l| !l.contains('"') && l.split(',').nth(3).is_some_and(str::is_ascii))
        .expect("a plain row");
    let name = row.split(',').nth(3).expect("name").to_string();
    let other: String = "Qzyxwv Qzyxwv"
        .chars()
        .cycle()
        .take(name.chars().count())
        .collect();
    assert_eq!(other.len(), name.len(), "{name}");
    let changed = text.replacen(row, &row.replace(&name, &other), 1);
    assert_eq!(changed.len(), text.len());
    let modified = std::fs::metadata(&csv)
        .expect("meta")
        .modified()
        .expect("mtime");
    std::fs::write(&csv, &changed).expect("write");
    std::fs::File::options()
        .write(true)
        .open(&csv)
        .and_then(|f| f.set_modified(modified))
        .expect("old time back");
    let found = search(&ds, Some(&csv), "qzyxwv", 0, Method::Cached).expect("stale");
    let full = search(&ds, Some(&csv), "qzyxwv", 0, Method::Full).expect("full");
    assert_eq!(found.players.len(), 1, "{:?}", ids(&found));
    assert_eq!(found.players, full.players);
    assert_ne!(
        std::fs::read(&cache_file).expect("cache"),
        before,
        "not rebuilt"
    );

    // Damaged: cut short, then every byte of its middle flipped.
    let good = std::fs::read(&cache_file).expect("cache");
    for bad in [good[..good.len() / 2].to_vec(), {
        let mut b = good.clone();
        let mid = b.len() / 2;
        b[mid..mid + 64].iter_mut().for_each(|x| *x ^= 0xff);
        b
    }] {
        std::fs::write(&cache_file, &bad).expect("damage");
        let got = search(&ds, Some(&csv), "mar", 20, Method::Cached).expect("damaged");
        let full = search(&ds, Some(&csv), "mar", 20, Method::Full).expect("full");
        assert_eq!(got.players, full.players);
        assert_eq!(
            std::fs::read(&cache_file).expect("cache"),
            good,
            "not rewritten"
        );
    }

    // A cache that cannot be written (its name taken by a folder) only means no cache.
    std::fs::remove_file(&cache_file).expect("remove");
    std::fs::create_dir(&cache_file).expect("folder");
    let got = search(&ds, Some(&csv), "mar", 20, Method::Cached).expect("no cache");
    assert_eq!(
        got.players,
        search(&ds, Some(&csv), "mar", 20, Method::Full)
            .expect("full")
            .players
    );
    assert!(cache_file.is_dir());
}

/// Issue 23, item 6: a cache name planted as a symbolic link in a shared pool folder made
/// `find` replace the link's target with cache bytes (and a dangling link create its target).
/// The link is never followed: the target is left as it was, nothing is created, the search
/// gives what the full reader gives.
#[cfg(unix)]
#[test]
fn a_cache_planted_as_a_symlink_is_never_written_through() {
    use squadboard::cli::find::{Method, search};
    use squadboard::store::pool::cache;
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = big_pool(tmp.path());
    let cache_file = cache::path_for(&csv).expect("cache path");
    let ds = bundled_data();
    let victim = tmp.path().join("somefile");
    std::fs::write(&victim, "precious").expect("victim");
    let dangling = tmp.path().join("created-by-find");
    for target in [&victim, &dangling] {
        let _ = std::fs::remove_file(&cache_file);
        std::os::unix::fs::symlink(target, &cache_file).expect("symlink");
        let got = search(&ds, Some(&csv), "mar", 20, Method::Cached).expect("search");
        let full = search(&ds, Some(&csv), "mar", 20, Method::Full).expect("full");
        assert_eq!(got.players, full.players);
        assert!(
            std::fs::symlink_metadata(&cache_file)
                .expect("still there")
                .file_type()
                .is_symlink()
        );
    }
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "precious"
    );
    assert!(!dangling.exists(), "a dangling link's target was created");
}

/// Issue 23, item 7: a forged cache (its body hash made again) made `find` print players who
/// do not match: the lines reversed, or another pool's body under this pool's key. Each row
/// printed is checked against the pool, which is read anyway: a cache can make `find` slower,
/// never wrong.
#[test]
fn a_forged_cache_never_makes_find_wrong() {
    use squadboard::cli::find::{Method, search};
    use squadboard::store::pool::{cache, fast};
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = big_pool(tmp.path());
    let other = tmp.path().join("other.csv");
    std::fs::write(&other, made_up_pool(20_000, 99)).expect("other pool");
    let ds = bundled_data();
    let bytes = std::fs::read(&csv).expect("pool");
    let meta = std::fs::metadata(&csv).expect("meta");
    let key = cache::Key::of(&meta, &bytes).expect("key");
    let shown = csv.display().to_string();
    let scan = |path: &std::path::Path| {
        let b = std::fs::read(path).expect("read");
        fast::scan(&path.display().to_string(), &b)
            .expect("scan")
            .expect("regular")
    };
    let mut reversed = scan(&csv);
    reversed.lines.reverse();
    let forgeries = [
        ("lines reversed", reversed),
        ("another pool's body", scan(&other)),
    ];
    for (what, forged) in forgeries {
        assert!(cache::write(&csv, &key, &forged), "{what}: written");
        assert!(
            cache::read(&csv, &key, &shown, &bytes).is_some(),
            "{what}: the forgery passes the cache's own checks"
        );
        for q in ["mar", "kowalski", "qqxz"] {
            let got = search(&ds, Some(&csv), q, 20, Method::Cached).expect("cached");
            let full = search(&ds, Some(&csv), q, 20, Method::Full).expect("full");
            assert_eq!(ids(&got), ids(&full), "{what}: `{q}`");
        }
    }
}

/// `--no-cache` writes nothing beside the pool; a pool the fast reader leaves to the full one
/// gets no cache and still names the row and column of what is wrong.
#[test]
fn no_cache_for_the_asking_nor_for_a_malformed_pool() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = big_pool(tmp.path());
    let path = csv.to_str().expect("path");
    let cache_file = squadboard::store::pool::cache::path_for(&csv).expect("cache path");
    let out = find(&["mar", "--pool", path, "--no-cache"]);
    assert!(out.status.success());
    assert!(!cache_file.exists());
    let with = find(&["mar", "--pool", path]);
    assert!(cache_file.exists());
    assert_eq!(with.stdout, out.stdout);
    assert_eq!(with.stderr, out.stderr);

    std::fs::remove_file(&cache_file).expect("remove");
    let mut text = std::fs::read_to_string(&csv).expect("pool");
    text.push_str(&format!("zz,Ann,Ash,Ann Ash{}\n", ",".repeat(19)));
    std::fs::write(&csv, &text).expect("write");
    let out = find(&["mar", "--pool", path]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "skipped: {}:25002:player_id: `zz` is not a player number",
            csv.display()
        )),
        "{stderr}"
    );
    assert!(!cache_file.exists());
}

/// Issue 16: `--no-cache` (and a pool under the cache's size) scores each row as it is read,
/// keeping only the best; it gives what the cache gives, and what the full reader gives: on a
/// pool of two parts read a window at a time, with names that tie (the same name on many rows,
/// and spelt with and without accents), for a few and for every match.
#[test]
fn no_cache_ranks_as_the_cache_does_with_ties_and_accents() {
    use squadboard::cli::find::{Method, search};
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = tmp.path().join("pool.csv");
    let mut text = made_up_pool(40_000, 29).replacen(",right,", ",-,", 2);
    // Namesakes spread through the file (both parts), accents or not: equal scores, which
    // the file's order settles.
    let mut id = 990_000;
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (at, (first, last)) in [
        (100, ("João", "Gonçalves")),
        (9_000, ("Joao", "Goncalves")),
        (20_500, ("João", "Gonçalves")),
        (39_000, ("JOAO", "GONCALVES")),
        (30_000, ("Mar", "Marín")),
        (5, ("Mar", "Marin")),
    ] {
        id += 1;
        lines.insert(
            at,
            format!("{id},{first},{last},{first} {last},2025,1,x,,,,,,,,,,,,,,Elm FC,,"),
        );
    }
    text = lines.join("\n");
    text.push('\n');
    std::fs::write(&csv, &text).expect("write");
    assert!(
        text.len() > 9 << 20,
        "{} bytes: two windows a part",
        text.len()
    );
    let ds = bundled_data();
    let mut compared = 0;
    for q in [
        "mar",
        "joao goncalves",
        "gonçalves",
        "kowalski",
        "a",
        "qqxz",
    ] {
        for limit in [1, 3, 20, 0] {
            let cold = search(&ds, Some(&csv), q, limit, Method::Fast).expect("no cache");
            let cached = search(&ds, Some(&csv), q, limit, Method::Cached).expect("cache");
            assert_eq!(ids(&cold), ids(&cached), "`{q}` limit {limit}");
            assert_eq!(cold.players, cached.players, "`{q}` limit {limit}");
            assert_eq!(cold.warnings, cached.warnings, "`{q}`");
            assert_eq!(cold.warnings.len(), 2, "`{q}`");
            if limit != 1 {
                let full = search(&ds, Some(&csv), q, limit, Method::Full).expect("full");
                assert_eq!(ids(&cold), ids(&full), "`{q}` limit {limit}");
            }
            compared += cold.players.len();
        }
    }
    assert!(compared > 30_000, "{compared}");
    let namesakes = search(&ds, Some(&csv), "joao goncalves", 0, Method::Fast).expect("fast");
    let ours: Vec<String> = ids(&namesakes)
        .into_iter()
        .filter(|id| id.starts_with("tm-9900"))
        .collect();
    assert_eq!(ours, ["tm-990001", "tm-990002", "tm-990003", "tm-990004"]);
    // The binary prints the very same bytes either way.
    let path = csv.to_str().expect("path");
    for q in ["mar", "joao goncalves"] {
        let cold = find(&[q, "--pool", path, "--limit", "0", "--no-cache"]);
        let cached = find(&[q, "--pool", path, "--limit", "0"]);
        assert!(cold.status.success());
        assert_eq!(cold.stdout, cached.stdout, "`{q}`");
        assert_eq!(cold.stderr, cached.stderr, "`{q}`");
    }
}
