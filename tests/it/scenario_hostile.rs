//! Issue 13: hostile files around the scenario commands — a FIFO in the scenario folder
//! (item 9), `export -o` over its own input or a file that is not an export (item 6), and
//! terminal escape sequences in names printed by every command (item 10).

use crate::common::{bundled_data, fixture_path, squadboard_bin};
use std::fs;
use std::path::Path;

fn squadboard(dir: &Path, args: &[&str]) -> std::process::Output {
    squadboard_bin()
        .arg("--scenarios")
        .arg(dir)
        .args(args)
        .output()
        .expect("runs")
}

/// Item 9. Fails on main (hangs): opening the FIFO to read it waited for a writer forever.
#[cfg(unix)]
#[test]
fn a_fifo_in_the_scenario_folder_is_listed_not_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::copy(fixture_path("scenario-v2.ron"), dir.path().join("good.ron")).expect("copy");
    let fifo = dir.path().join("x.ron");
    let c = std::ffi::CString::new(fifo.to_str().expect("utf-8")).expect("c string");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let ds = bundled_data();
    let entries = squadboard::store::scenario::list(dir.path(), &ds).expect("lists");
    assert_eq!(entries.len(), 2);
    let x = entries.iter().find(|e| e.path == fifo).expect("listed");
    let err = x.summary.clone().expect_err("not loaded");
    assert!(err.contains("not a regular file"), "{err}");
    let err = squadboard::store::scenario::load(&fifo, &ds).expect_err("refused");
    assert!(err.to_string().contains("not a regular file"), "{err}");
}

/// Item 6. Fails on main: `export -o s.ron s.ron` replaced the scenario with its Markdown, and
/// any other file was replaced without a word.
#[test]
fn export_never_writes_over_its_input_or_a_file_that_is_not_an_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = dir.path().join("s.ron");
    fs::copy(fixture_path("scenario-v2.ron"), &s).expect("copy");
    let before = fs::read(&s).expect("read");
    let sp = s.to_str().expect("utf-8");
    for force in [false, true] {
        let mut args = vec!["scenario", "export", "--format", "markdown", "-o", sp, sp];
        if force {
            args.push("--force");
        }
        let out = squadboard(dir.path(), &args);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("its own input"), "{err}");
        assert_eq!(fs::read(&s).expect("read"), before);
    }
    // A file that is not an export needs --force.
    let notes = dir.path().join("notes.md");
    fs::write(&notes, "my own notes\n").expect("write");
    let np = notes.to_str().expect("utf-8");
    let out = squadboard(
        dir.path(),
        &["scenario", "export", "--format", "markdown", "-o", np, sp],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(fs::read_to_string(&notes).expect("read"), "my own notes\n");
    // A new file, then an earlier export of the same format, are written without it.
    let md = dir.path().join("s.md");
    let mp = md.to_str().expect("utf-8");
    for _ in 0..2 {
        let out = squadboard(
            dir.path(),
            &["scenario", "export", "--format", "markdown", "-o", mp, sp],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // But not one of another format.
    let out = squadboard(
        dir.path(),
        &["scenario", "export", "--format", "json", "-o", mp, sp],
    );
    assert!(!out.status.success());
    let out = squadboard(
        dir.path(),
        &[
            "scenario", "export", "--format", "json", "-o", np, sp, "--force",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const EVIL: &str = "Evil\u{1b}]0;owned\u{7}\u{1b}[2J";

fn assert_clean(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.iter().any(|b| *b == 0x1b || *b == 0x07),
        "{what} printed a control character:\n{}",
        String::from_utf8_lossy(bytes)
    );
}

/// Item 10. Fails on main: the escape sequences in a name reached the terminal through
/// `scenario show/list/compare`, `find` and `show`.
#[test]
fn escape_sequences_from_files_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = fs::read_to_string(fixture_path("scenario-v2.ron"))
        .expect("fixture")
        .replacen("name: \"", &format!("name: \"{EVIL}"), 1);
    let s = dir.path().join("evil.ron");
    fs::write(&s, text).expect("write");
    let sp = s.to_str().expect("utf-8");
    // A copy to compare with: a file compared with itself is refused.
    let copy = dir.path().join("evil-copy.ron");
    fs::copy(&s, &copy).expect("copy");
    let cp = copy.to_str().expect("utf-8");
    for args in [
        vec!["scenario", "show", sp],
        vec!["scenario", "list"],
        vec!["scenario", "compare", sp, cp],
        vec!["scenario", "export", "--format", "markdown", sp],
    ] {
        let out = squadboard(dir.path(), &args);
        assert!(out.status.success(), "{args:?}");
        assert_clean(&format!("{args:?}"), &out.stdout);
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Evil\\u{1b}]0;owned"),
            "{args:?} shows it visibly"
        );
    }
    // A pool player with the same name, through find and show.
    let csv = fs::read_to_string(fixture_path("players.csv"))
        .expect("fixture")
        .replace("Tomás Quiroga", EVIL);
    let pool = dir.path().join("evil.csv");
    fs::write(&pool, csv).expect("write");
    let pp = pool.to_str().expect("utf-8");
    // (Without `--scenarios`, which `find` refuses: with it this ran nothing and proved nothing.)
    let out = squadboard_bin()
        .args(["--pool", pp, "find", "Evil"])
        .output()
        .expect("find");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_clean("find", &out.stdout);
    assert_clean("find (stderr)", &out.stderr);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Evil\\u{1b}]0;owned"),
        "find shows it visibly"
    );
    // An error message quoting a file's text is cleaned too.
    let bad = dir.path().join("bad.ron");
    fs::write(
        &bad,
        format!("Scenario(format_version: 2, name: \"{EVIL}\" oops"),
    )
    .expect("w");
    let out = squadboard(
        dir.path(),
        &["scenario", "show", bad.to_str().expect("utf-8")],
    );
    assert!(!out.status.success());
    assert_clean("an error", &out.stderr);
}

/// Issue 23, item 8: `scenario export -o FILE` wrote a name's and a note's raw escape
/// sequences (ESC ]0; BEL, ESC[2J, U+009B) into the file, where standard output had them
/// shown as `\u{1b}`. Every format, to a file and to standard output, has none; the JSON is
/// still JSON with the name in it as it was.
#[test]
fn exports_to_a_file_carry_no_control_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let evil = format!("{EVIL}\u{9b}2J");
    let text = fs::read_to_string(fixture_path("scenario-v2.ron"))
        .expect("fixture")
        .replacen("name: \"", &format!("name: \"{evil}"), 1)
        .replacen("notes: \"", &format!("notes: \"{evil}"), 1);
    let s = dir.path().join("evil.ron");
    fs::write(&s, text).expect("write");
    let sp = s.to_str().expect("utf-8");
    for format in ["markdown", "json", "svg"] {
        for view in ["xi", "timeline"] {
            let to = dir.path().join(format!("out-{view}.{format}"));
            let _ = fs::remove_file(&to);
            let tp = to.to_str().expect("utf-8");
            let args = [
                "scenario", "export", "--format", format, "--view", view, "-o", tp, sp,
            ];
            let out = squadboard(dir.path(), &args);
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let written = fs::read_to_string(&to).expect("written");
            assert!(
                !written
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t'),
                "{format} {view}: a control character in the file:\n{written}"
            );
            let stdout = squadboard(
                dir.path(),
                &args[..args.len() - 3]
                    .iter()
                    .copied()
                    .chain([sp])
                    .collect::<Vec<_>>(),
            );
            assert_eq!(
                stdout.stdout,
                written.as_bytes(),
                "{format} {view}: file = stdout"
            );
            if format == "json" {
                let v: serde_json::Value = serde_json::from_str(&written).expect("JSON");
                if view == "xi" {
                    assert!(v.to_string().contains("Evil\\u001b]0;owned"), "{v}");
                }
            }
        }
    }
}

/// Issue 23, item 10: bidi overrides (U+202E) reached stdout raw from show/find, and zero-width
/// joiners, U+2028 and BOMs in a name shifted the board's columns. Text output shows them as
/// `\u{202e}`; the board draws the name as if they were not there.
#[test]
fn bidi_and_invisible_characters_neither_reach_the_terminal_nor_shift_the_board() {
    const HIDDEN: [char; 6] = [
        '\u{202e}', '\u{200d}', '\u{200b}', '\u{2028}', '\u{feff}', '\u{2066}',
    ];
    let sly = "Cour\u{200d}t\u{202e}o\u{2028}i\u{feff}s\u{200b}\u{2066}";
    // The board, against the same board with the name as it shows.
    let plain = bundled_data();
    let mut tricked = plain.clone();
    let at = tricked
        .squad
        .iter()
        .position(|p| p.name == "Thibaut Courtois")
        .expect("Courtois");
    tricked.squad[at].name = format!("Thibaut {sly}");
    let draw = |ds: squadboard::domain::Dataset| {
        let b = crate::common::new_board(std::sync::Arc::new(ds), None);
        crate::common::render(&b, 160, 45).0
    };
    let (want, got) = (draw(plain), draw(tricked));
    for cell in got.content() {
        assert!(
            !cell.symbol().chars().any(|c| HIDDEN.contains(&c)),
            "{:?} drawn",
            cell.symbol()
        );
    }
    // The same screen; the layout gave the line separator a column of its own, drawn as a
    // space (the centred name one column wider).
    assert_eq!(
        crate::common::text(&got),
        crate::common::text(&want).replace(" Courtois c?", "Courto is c?")
    );

    // Text output: shown, never sent.
    let csv = fs::read_to_string(fixture_path("players.csv"))
        .expect("fixture")
        .replace("Tomás Quiroga", &format!("Tomás {sly}"));
    let dir = tempfile::tempdir().expect("tempdir");
    let pool = dir.path().join("sly.csv");
    fs::write(&pool, csv).expect("write");
    let out = crate::common::squadboard_bin()
        .args(["--pool", pool.to_str().expect("utf-8"), "find", "tomas"])
        .output()
        .expect("find");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Cour\\u{200d}t\\u{202e}o"),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!stdout.chars().any(|c| HIDDEN.contains(&c)), "{stdout}");
}
