//! `squadboard check` on the bundled data, on broken copies of it, and malformed files.

use crate::common::{line_col, squadboard_bin};
use std::fs;
use std::path::Path;

const FILES: [&str; 3] = ["squad.ron", "targets.ron", "depth.ron"];

fn bundled(name: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/real-madrid")
            .join(name),
    )
    .expect("bundled file")
}

fn copy_of_bundled() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in FILES {
        fs::write(dir.path().join(f), bundled(f)).expect("write");
    }
    dir
}

fn check(dir: Option<&Path>) -> (bool, String) {
    let mut cmd = squadboard_bin();
    cmd.arg("check");
    if let Some(d) = dir {
        cmd.arg(d);
    }
    let out = cmd.output().expect("run squadboard");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn bundled_data_is_clean() {
    let (ok, text) = check(None);
    assert!(ok, "{text}");
    assert!(text.contains("0 error(s), 0 warning(s)"), "{text}");
    // An untouched copy on disk is clean too.
    let dir = copy_of_bundled();
    let (ok, text) = check(Some(dir.path()));
    assert!(ok, "{text}");
}

#[test]
fn a_malformed_copy_of_each_file_names_its_line_and_column() {
    // Each break: the text to replace, what to put instead, and where the parser should stop.
    let breaks = [
        (
            "squad.ron",
            "position: Some(CB),\n            nationality: Some(\"Spain\"),\n            born: Some(\"2005",
            "position: Some(CX),\n            nationality: Some(\"Spain\"),\n            born: Some(\"2005",
            "Some(CX)",
        ),
        (
            "targets.ron",
            "date: \"2025-07-12\"",
            "date: \"2025-07-32\"",
            "\"2025-07-32\"",
        ),
        (
            "depth.ron",
            "LB: [\"carreras\", \"mendy\",",
            "LB: [\"carreras\" \"mendy\",",
            "\"carreras\" \"mendy\"",
        ),
    ];
    for (file, from, to, at) in breaks {
        let dir = copy_of_bundled();
        let text = bundled(file).replacen(from, to, 1);
        assert_ne!(text, bundled(file), "{file}: the break applies");
        fs::write(dir.path().join(file), &text).expect("write");
        let (ok, out) = check(Some(dir.path()));
        assert!(!ok, "{file}: {out}");
        let (line, _) = line_col(&text, at);
        let expected = format!("{}:{line}:", dir.path().join(file).display());
        assert!(
            out.contains(&expected),
            "{file}: expected `{expected}` in:\n{out}"
        );
    }
}

#[test]
fn every_problem_in_a_broken_folder_is_listed() {
    let dir = copy_of_bundled();
    let p = dir.path();
    // Unknown player in the depth chart, a link citing a missing report, a duplicate id, a
    // contract ending before birth, and a makeshift choice (a warning).
    let depth = bundled("depth.ron")
        .replace("\"asencio\"", "\"asensio\"")
        .replace(
            "DM: [\"tchouameni\", \"camavinga\"],",
            "DM: [\"tchouameni\", \"camavinga\", \"rudiger\"],",
        );
    fs::write(p.join("depth.ron"), depth).expect("write");
    let targets = bundled("targets.ron").replace(
        "reports: [\"fichajes-2025-11-09\"]",
        "reports: [\"fichajes-2025-11-09\", \"as-2026-01-01\"]",
    );
    fs::write(p.join("targets.ron"), targets).expect("write");
    // Huijsen's contract is the one written just before his first note.
    let squad = bundled("squad.ron")
        .replace("id: \"vazquez\"", "id: \"valverde\"")
        .replace(
            "contract_until: Some(\"2030-06-30\"),\n            notes: [\n                Note(text: \"Joined",
            "contract_until: Some(\"2001-06-30\"),\n            notes: [\n                Note(text: \"Joined",
        );
    fs::write(p.join("squad.ron"), squad).expect("write");

    let (ok, out) = check(Some(p));
    assert!(!ok, "{out}");
    for needle in [
        "CB column names unknown player `asensio`",
        "cites unknown report `as-2026-01-01`",
        "duplicate player id `valverde`",
        "contract ends 2001-06-30 before his birth",
        "warning:",
        "`rudiger` (CB) in the DM column is a makeshift choice",
        // Three more warnings come from the duplicate: `valverde` now also names Lucas Vázquez,
        // whose position is unknown, in Valverde's RB, CM and RW columns.
        "`valverde` (?) in the RW column is a makeshift choice",
        "4 error(s), 4 warning(s)",
    ] {
        assert!(out.contains(needle), "missing `{needle}` in:\n{out}");
    }
    // Each error points at a line and column of its file.
    for line in out.lines().filter(|l| l.starts_with("error:")) {
        let rest = line.trim_start_matches("error: ");
        let mut parts = rest.splitn(4, ':');
        let (_file, l, c) = (parts.next(), parts.next(), parts.next());
        assert!(
            l.and_then(|l| l.parse::<usize>().ok()).is_some(),
            "no line in `{line}`"
        );
        assert!(
            c.and_then(|c| c.trim().parse::<usize>().ok()).is_some(),
            "no column in `{line}`"
        );
    }
}

#[test]
fn missing_files_are_each_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ok, out) = check(Some(dir.path()));
    assert!(!ok);
    for f in FILES {
        assert!(out.contains(f), "{f} not named in:\n{out}");
    }
}

#[test]
fn unknown_fields_and_deep_nesting_are_errors_not_crashes() {
    let dir = copy_of_bundled();
    let squad = bundled("squad.ron").replacen("contract_until:", "contract_untill:", 1);
    fs::write(dir.path().join("squad.ron"), squad).expect("write");
    let deep = format!("DepthChart(columns: {{CB: {}]}})", "[".repeat(50_000));
    fs::write(dir.path().join("depth.ron"), deep).expect("write");
    let (ok, out) = check(Some(dir.path()));
    assert!(!ok);
    assert!(out.contains("contract_untill"), "{out}");
    assert!(out.contains("depth.ron:1:"), "{out}");
}

/// Issue 23, item 9: a line break in a name passed `check` and printed as two lines in
/// `show`, spoofing a depth row ("3. Erling Haaland" under GK). A name, club or nationality
/// with a control character is an error at its line and column, and `show` refuses the data.
#[test]
fn a_control_character_in_a_name_is_an_error_at_its_place() {
    let dir = copy_of_bundled();
    let squad = bundled("squad.ron").replacen(
        "name: \"Andriy Lunin\"",
        "name: \"Andriy Lunin\\n 3. Erling Haaland\"",
        1,
    );
    let squad = squad.replacen(
        "name: \"Thibaut Courtois\",\n            club: \"",
        "name: \"Thibaut Courtois\",\n            club: \"Real\\u{1b}[2J ",
        1,
    );
    fs::write(dir.path().join("squad.ron"), &squad).expect("write");
    let (ok, text) = check(Some(dir.path()));
    assert!(!ok, "{text}");
    let (line, col) = line_col(&squad, "\"Andriy Lunin\\n");
    let want = format!(
        "squad.ron:{line}:{col}: player `lunin`: name `Andriy Lunin\\n 3. Erling Haaland` holds a \
         control character"
    );
    assert!(text.contains(&want), "{want}\nnot in:\n{text}");
    assert!(text.contains("club `Real\\u{1b}[2J"), "{text}");
    let out = squadboard_bin()
        .args(["--data", dir.path().to_str().expect("utf-8"), "show"])
        .output()
        .expect("show");
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Erling"));
}

/// Issue 23, item 13: a FIFO as `squad.ron` hung `check` and `show --data` (the open waited
/// for a writer forever). Every data file is type-checked as it is opened. Run in a child
/// that is killed if it hangs, so the old code fails instead of hanging the suite.
#[cfg(unix)]
#[test]
fn a_fifo_as_a_data_file_is_refused_not_waited_on() {
    let dir = copy_of_bundled();
    let squad = dir.path().join("squad.ron");
    fs::remove_file(&squad).expect("remove");
    let c = std::ffi::CString::new(squad.to_str().expect("utf-8")).expect("c string");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let d = dir.path().to_str().expect("utf-8");
    for args in [vec!["check", d], vec!["--data", d, "show"]] {
        let mut child = squadboard_bin()
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut waited = 0;
        while child.try_wait().expect("wait").is_none() && waited < 200 {
            std::thread::sleep(std::time::Duration::from_millis(50));
            waited += 1;
        }
        if child.try_wait().expect("wait").is_none() {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} hung on the FIFO");
        }
        let out = child.wait_with_output().expect("output");
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            text.contains("squad.ron: not a regular file"),
            "{args:?}: {text}"
        );
    }
}

/// Issue 23, item 14: `CB` twice in `depth.columns` silently dropped the first list; now an
/// error at the second `CB`, naming the first.
#[test]
fn a_depth_column_given_twice_is_an_error_at_its_place() {
    let dir = copy_of_bundled();
    let depth = bundled("depth.ron").replacen(
        "        LB: [",
        "        CB: [\"alaba\"],\n        LB: [",
        1,
    );
    fs::write(dir.path().join("depth.ron"), &depth).expect("write");
    let (ok, text) = check(Some(dir.path()));
    assert!(!ok, "{text}");
    let (first, _) = line_col(&depth, "CB: [\"huijsen\"");
    let (line, col) = line_col(&depth, "CB: [\"alaba\"]");
    let want = format!(
        "depth.ron:{line}:{col}: `CB` is given twice in this map (first at {first}:9); give each \
         key once"
    );
    assert!(text.contains(&want), "{want}\nnot in:\n{text}");
}

/// Issue 23, item 10: `show` padded names by chars, so a CJK name (two columns a char) or one
/// with combining marks pushed the rest of its row out of line. Padded by display width now.
#[test]
fn show_lines_up_wide_and_combining_names() {
    let dir = copy_of_bundled();
    let squad = bundled("squad.ron")
        .replacen("name: \"Andriy Lunin\"", "name: \"김민재 Lunin\"", 1)
        .replacen(
            "name: \"Thibaut Courtois\"",
            "name: \"Thibaut Courtoi\\u{301}s\"",
            1,
        );
    fs::write(dir.path().join("squad.ron"), &squad).expect("write");
    let out = squadboard_bin()
        .args(["--data", dir.path().to_str().expect("utf-8"), "show"])
        .output()
        .expect("show");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let column_of_age = |line: &str| {
        let at = line.find(" age ").expect("age");
        unicode_width::UnicodeWidthStr::width(&line[..at])
    };
    let gk: Vec<usize> = text
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("GK"))
        .take(3)
        .map(column_of_age)
        .collect();
    assert_eq!(gk.len(), 3, "{text}");
    assert!(gk.iter().all(|&c| c == gk[0]), "{gk:?}\n{text}");
}
