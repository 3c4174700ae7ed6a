//! `squadboard import`: a Transfermarkt-style CSV becomes a data folder `check` accepts; broken
//! rows are named by row and column; nothing half-written is ever left behind.

use crate::common::{fixture_path, squadboard_bin};
use std::fs;
use std::path::Path;
use std::process::Output;

fn squadboard(args: &[&str]) -> Output {
    squadboard_bin()
        .args(args)
        .output()
        .expect("run squadboard")
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn import(csv: &Path, club: &str, dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import",
        csv.to_str().expect("utf-8 path"),
        "--club",
        club,
        "--out",
        dir.to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra);
    squadboard(&args)
}

/// Names in `parent` other than `keep`: leftovers of a temporary folder would show here.
fn others(parent: &Path, keep: &[&str]) -> Vec<String> {
    fs::read_dir(parent)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect()
}

#[test]
fn a_club_round_trips_into_a_folder_check_accepts() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("valdoria");
    let out = import(&fixture_path("players.csv"), "atletico valdoria", &dir, &[]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains("12 player(s) of Atlético Valdoria imported, 0 row(s) skipped"),
        "{stdout}"
    );
    assert_eq!(others(tmp.path(), &["valdoria"]), Vec::<String>::new());

    let check = squadboard(&["check", dir.to_str().expect("path")]);
    let (stdout, stderr) = text(&check);
    assert!(check.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("0 error(s)"), "{stdout}");

    let ds = squadboard::store::load(Some(&dir)).expect("the folder loads");
    assert_eq!(ds.club, "Atlético Valdoria");
    assert_eq!(ds.squad.len(), 12);
    assert!(ds.targets.is_empty() && ds.links.is_empty() && ds.reports.is_empty());
    let inigo = ds
        .squad
        .iter()
        .find(|p| p.id.as_str() == "tm-900001")
        .expect("Íñigo");
    assert_eq!(inigo.name, "Íñigo Zubiría");
    assert_eq!(inigo.aliases, vec!["Íñigo Zubiría Loidi".to_string()]);
    assert_eq!(
        inigo.born.map(|d| d.to_string()).as_deref(),
        Some("1999-02-11")
    );
    assert_eq!(
        inigo.contract_until.map(|d| d.to_string()).as_deref(),
        Some("2028-06-30")
    );
    assert_eq!(
        inigo.market_value.map(|f| f.to_string()).as_deref(),
        Some("€32m")
    );
    assert_eq!(inigo.nationality.as_deref(), Some("Spain"));
    // Unknown stays unknown: no value, no contract, no birth, a bare "Defender" has no position.
    let piet = ds
        .squad
        .iter()
        .find(|p| p.id.as_str() == "tm-900012")
        .expect("Piet");
    assert_eq!(
        (piet.born, piet.position, piet.market_value),
        (None, None, None)
    );

    use squadboard::domain::Position;
    let ids = |pos| -> Vec<String> { ds.depth.column(pos).iter().map(|i| i.to_string()).collect() };
    assert_eq!(
        ids(Position::CB),
        vec!["tm-900001", "tm-900002", "tm-900003"]
    );
    assert_eq!(
        ids(Position::LW),
        vec!["tm-900011"],
        "a left midfielder stands at LW"
    );
    assert_eq!(ids(Position::GK), vec!["tm-900008"]);
    assert!(
        !ds.depth
            .contains(&squadboard::domain::PlayerId::new("tm-900012"))
    );

    // The board's text view runs on it.
    let show = squadboard(&["show", "--data", dir.to_str().expect("path")]);
    let (stdout, stderr) = text(&show);
    assert!(show.status.success(), "{stderr}");
    assert!(stdout.contains("Íñigo Zubiría"), "{stdout}");
}

#[test]
fn bad_optional_cells_keep_the_row_and_only_bad_rows_are_skipped_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = tmp.path().join("players.csv");
    let good = fs::read_to_string(fixture_path("players.csv")).expect("fixture");
    let broken = good
        .replacen("1999-02-11 00:00:00", "1999-02-30 00:00:00", 1) // row 2
        .replacen("18000000.0,18000000.0", "eighteen million,18000000.0", 1) // row 3
        .replacen("Right-Back,Defender", "Sweeper,Defender", 1) // row 5
        .replacen("Kaito,Ōta,Kaito Ōta,2025", "Kaito,Ōta", 1) // row 7: too few fields
        .replacen(",right,", ",-,", 1); // the first right-footed row: foot unknown
    fs::write(&csv, broken).expect("write");
    let dir = tmp.path().join("out");
    let out = import(&csv, "Atlético Valdoria", &dir, &[]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let shown = csv.display().to_string();
    for needle in [
        format!("warning {shown}:2:date_of_birth: `1999-02-30 00:00:00` is not a date"),
        format!("warning {shown}:3:market_value_in_eur: `eighteen million` is not a number"),
        format!("warning {shown}:5:sub_position: `Sweeper` is not a position"),
        format!("{shown}:2:foot: `-` is not a foot (right, left or both); left unknown"),
        format!("skipped {shown}:7: 21 field(s), but the header has 23"),
        "11 player(s) of Atlético Valdoria imported, 1 row(s) skipped".to_string(),
    ] {
        assert!(stdout.contains(&needle), "missing `{needle}` in:\n{stdout}");
    }
    // The rest still makes a folder check accepts.
    let check = squadboard(&["check", dir.to_str().expect("path")]);
    assert!(check.status.success(), "{}", text(&check).0);
}

#[test]
fn a_missing_required_column_stops_and_names_file_and_column() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (column, renamed) in [
        ("player_id", "id"),
        ("name", "full_name"),
        ("current_club_name", "club"),
    ] {
        let csv = tmp.path().join(format!("no-{column}.csv"));
        let good = fs::read_to_string(fixture_path("players.csv")).expect("fixture");
        let (header, rest) = good.split_once('\n').expect("header");
        let header = header
            .split(',')
            .map(|h| if h == column { renamed } else { h })
            .collect::<Vec<_>>()
            .join(",");
        fs::write(&csv, format!("{header}\n{rest}")).expect("write");
        let dir = tmp.path().join(format!("out-{column}"));
        let out = import(&csv, "Atlético Valdoria", &dir, &[]);
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(2), "{stdout}{stderr}");
        let expected = format!("{}: missing required column `{column}`", csv.display());
        assert!(stderr.contains(&expected), "`{expected}` not in:\n{stderr}");
        assert!(!dir.exists(), "nothing written for {column}");
    }
}

#[test]
fn nothing_half_written_and_nothing_overwritten_without_force() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("club");
    fs::create_dir(&dir).expect("mkdir");
    fs::write(dir.join("notes.txt"), "mine").expect("write");

    // A folder with the user's files is left alone.
    let out = import(&fixture_path("players.csv"), "Ashbury Rovers", &dir, &[]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("already holds files; pass --force"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(dir.join("notes.txt")).expect("kept"),
        "mine"
    );

    // An unknown club fails before anything is written.
    let fresh = tmp.path().join("fresh");
    let out = import(&fixture_path("players.csv"), "Real Ashbury", &fresh, &[]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("no club named `Real Ashbury`"), "{stderr}");
    assert!(stderr.contains("did you mean"), "{stderr}");
    assert!(!fresh.exists());

    // --force writes the three files in; the user's file stays; no temporary file is left.
    let out = import(
        &fixture_path("players.csv"),
        "Ashbury Rovers",
        &dir,
        &["--force"],
    );
    assert!(out.status.success(), "{}", text(&out).1);
    assert_eq!(
        fs::read_to_string(dir.join("notes.txt")).expect("kept"),
        "mine"
    );
    assert_eq!(
        others(
            &dir,
            &["notes.txt", "squad.ron", "targets.ron", "depth.ron"]
        ),
        Vec::<String>::new()
    );
    for f in ["squad.ron", "targets.ron", "depth.ron"] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    assert_eq!(others(tmp.path(), &["club"]), Vec::<String>::new());

    // An empty folder is simply filled.
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).expect("mkdir");
    let out = import(&fixture_path("players.csv"), "Ashbury Rovers", &empty, &[]);
    assert!(out.status.success(), "{}", text(&out).1);
    let ds = squadboard::store::load(Some(&empty)).expect("loads");
    assert_eq!(ds.squad.len(), 2);
}

/// Issue 13 item 7: `import --force` replaces only the files import writes. Failed before the
/// fix: the whole folder was swapped for a new one, so the subfolder, the CSV and the
/// hand-written `targets.ron` were deleted, and nothing said what was replaced.
#[test]
fn force_replaces_only_what_import_writes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("club");
    let out = import(&fixture_path("players.csv"), "Ashbury Rovers", &dir, &[]);
    assert!(out.status.success(), "{}", text(&out).1);
    let made = fs::read_to_string(dir.join("targets.ron")).expect("targets");
    assert!(made.starts_with("// Made by `squadboard import`"), "{made}");

    // The user's things beside the imported files.
    fs::create_dir(dir.join("reports")).expect("mkdir");
    fs::write(dir.join("reports/scout.txt"), "left back, 19").expect("write");
    fs::write(dir.join("shortlist.csv"), "name\nSomeone\n").expect("write");
    fs::write(dir.join("squad.ron"), "// old squad\n").expect("write");

    // A targets.ron import made is replaced along with squad.ron and depth.ron.
    let out = import(
        &fixture_path("players.csv"),
        "Ashbury Rovers",
        &dir,
        &["--force"],
    );
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("replaced squad.ron, targets.ron, depth.ron"),
        "{stdout}"
    );
    assert_ne!(
        fs::read_to_string(dir.join("squad.ron")).expect("squad"),
        "// old squad\n"
    );
    assert_eq!(
        fs::read_to_string(dir.join("reports/scout.txt")).expect("kept"),
        "left back, 19"
    );
    assert_eq!(
        fs::read_to_string(dir.join("shortlist.csv")).expect("kept"),
        "name\nSomeone\n"
    );

    // A hand-written targets.ron is kept, and said so.
    let mine = "// my targets\nTargets(reports: [], players: [], links: [])\n";
    fs::write(dir.join("targets.ron"), mine).expect("write");
    let out = import(
        &fixture_path("players.csv"),
        "Ashbury Rovers",
        &dir,
        &["--force"],
    );
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("replaced squad.ron, depth.ron"), "{stdout}");
    assert!(
        stdout.contains("kept targets.ron (not written by import)"),
        "{stdout}"
    );
    assert_eq!(
        fs::read_to_string(dir.join("targets.ron")).expect("kept"),
        mine
    );
    assert_eq!(
        others(
            &dir,
            &[
                "reports",
                "shortlist.csv",
                "squad.ron",
                "targets.ron",
                "depth.ron"
            ]
        ),
        Vec::<String>::new()
    );
    assert_eq!(others(tmp.path(), &["club"]), Vec::<String>::new());
    squadboard::store::load(Some(&dir)).expect("the folder loads");
}

/// Issue 26: `--out` into a folder that does not exist names that folder and writes nothing.
/// Failed before: the message named import's temporary folder (".dir.import-PID: No such file
/// or directory"), which the user never asked for.
#[test]
fn out_into_a_missing_folder_names_the_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let parent = tmp.path().join("no").join("such");
    let dir = parent.join("club");
    let out = import(&fixture_path("players.csv"), "Ashbury Rovers", &dir, &[]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{} does not exist", parent.display())),
        "{stderr}"
    );
    assert!(!stderr.contains(".import-"), "{stderr}");
    assert_eq!(others(tmp.path(), &[]), Vec::<String>::new());

    // A file where the folder should be is named as such.
    let file = tmp.path().join("afile");
    fs::write(&file, "mine").expect("write");
    let out = import(
        &fixture_path("players.csv"),
        "Ashbury Rovers",
        &file.join("club"),
        &[],
    );
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{} is not a folder", file.display())),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&file).expect("kept"), "mine");
}
