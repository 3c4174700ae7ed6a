//! The shell side of the binary (issue 14, items 14–16): quiet on a closed pipe, help texts that
//! describe every argument and show each command only its own flags, completions, a man page,
//! and JSON from `show` and `find`.

use crate::common::{data_dir_with_scenario_fixtures, fixture_arg, squadboard_bin};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn bin(data_dir: &Path) -> Command {
    let mut c = squadboard_bin();
    c.env("SQUADBOARD_DATA_DIR", data_dir).env("NO_COLOR", "1");
    c
}

fn run(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("tempdir");
    bin(dir.path())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run squadboard")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs the binary with its standard output a pipe whose reading end is already closed: every
/// write fails with a broken pipe, whatever the timing.
fn into_closed_pipe(data_dir: &Path, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    bin(data_dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("run squadboard")
}

#[test]
fn every_command_ends_quietly_on_a_closed_pipe() {
    let (dir, _) = data_dir_with_scenario_fixtures();
    let (v1, v2) = (
        fixture_arg("scenario-v1.ron"),
        fixture_arg("scenario-v2.ron"),
    );
    let commands: Vec<Vec<&str>> = vec![
        vec!["show"],
        vec!["show", "--format", "json"],
        vec!["find", "a", "--limit", "0"],
        vec!["find", "a", "--format", "json"],
        vec!["timeline"],
        vec!["check"],
        vec!["scenario", "show", &v1],
        vec!["scenario", "list"],
        vec!["scenario", "compare", &v1, &v2],
        vec!["scenario", "export", &v1, "--format", "markdown"],
        vec!["completions", "bash"],
        vec!["man"],
    ];
    for args in commands {
        let out = into_closed_pipe(dir.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?} said something on a closed pipe");
    }
}

/// The lines of a help text's section (`Arguments:`, `Options:`, `Commands:`).
fn section(help: &str, title: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim_end() != title)
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn help(args: &[&str]) -> String {
    let mut all = args.to_vec();
    // The short help: one line an argument, its description beside its name.
    all.push("-h");
    let out = run(&all);
    assert_eq!(out.status.code(), Some(0), "{all:?}: {}", stderr(&out));
    stdout(&out)
}

const EVERY_COMMAND: &[&[&str]] = &[
    &[],
    &["check"],
    &["show"],
    &["scenario"],
    &["scenario", "show"],
    &["scenario", "export"],
    &["scenario", "list"],
    &["scenario", "compare"],
    &["import"],
    &["find"],
    &["timeline"],
    &["completions"],
    &["man"],
];

#[test]
fn scenario_help_names_every_subcommand() {
    let top = help(&[]);
    let line = top
        .lines()
        .find(|l| l.trim_start().starts_with("scenario "))
        .expect("scenario in the command list");
    for sub in ["show", "export", "list", "compare"] {
        assert!(line.contains(sub), "{sub} not in {line:?}");
    }
    let commands = section(&help(&["scenario"]), "Commands:").join("\n");
    for sub in ["show", "export", "list", "compare"] {
        assert!(
            commands.contains(&format!("  {sub} ")),
            "{sub} not in\n{commands}"
        );
    }
}

#[test]
fn every_positional_argument_is_described() {
    for cmd in EVERY_COMMAND {
        let h = help(cmd);
        for line in section(&h, "Arguments:") {
            // `  <FILE>  What it is`: a name, then a description after it.
            let words: Vec<&str> = line.split_whitespace().collect();
            assert!(
                words.len() >= 2,
                "{cmd:?}: argument without a description: {line:?}\n{h}"
            );
        }
    }
}

fn options(cmd: &[&str]) -> String {
    section(&help(cmd), "Options:").join("\n")
}

#[test]
fn each_command_shows_only_its_own_flags() {
    // (command, flags it must show, flags it must not)
    let cases: &[(&[&str], &[&str], &[&str])] = &[
        (&["check"], &[], &["--pool", "--date", "--scenarios"]),
        (
            &["import"],
            &["--club", "--out"],
            &["--pool", "--date", "--data", "--scenarios"],
        ),
        (
            &["show"],
            &["--data", "--date", "--format"],
            &["--pool", "--scenarios"],
        ),
        (
            &["find"],
            &["--data", "--date", "--pool", "--limit", "--format"],
            &["--scenarios"],
        ),
        (
            &["timeline"],
            &["--data", "--date", "--seasons", "--pool", "--scenarios"],
            &[],
        ),
        (
            &["scenario", "list"],
            &["--data", "--pool", "--scenarios"],
            &["--date"],
        ),
        (
            &["scenario", "show"],
            &["--data", "--date", "--pool", "--scenarios"],
            &[],
        ),
        (&["scenario", "compare"], &["--date", "--scenarios"], &[]),
        (
            &["completions"],
            &[],
            &["--data", "--date", "--pool", "--scenarios"],
        ),
        (
            &["man"],
            &[],
            &["--data", "--date", "--pool", "--scenarios"],
        ),
    ];
    for (cmd, shown, hidden) in cases {
        let o = options(cmd);
        for f in *shown {
            assert!(o.contains(&format!("{f} ")), "{cmd:?} lacks {f}:\n{o}");
        }
        for f in *hidden {
            assert!(!o.contains(&format!("{f} ")), "{cmd:?} shows {f}:\n{o}");
        }
    }
}

#[test]
fn the_old_spellings_still_work_where_they_mean_something() {
    // A flag before the command, as before.
    let out = run(&["--date", "2026-03-02", "find", "rudiger"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = run(&["find", "rudiger", "--date", "2026-03-02"]);
    assert_eq!(stdout(&out), stdout(&after));
    // A flag before a command that has no use for it is refused, not ignored.
    for (args, flag) in [
        (vec!["--pool", "x.csv", "check"], "--pool"),
        (
            vec![
                "--date",
                "2027-01-01",
                "import",
                "p.csv",
                "--club",
                "X",
                "--out",
                "o",
            ],
            "--date",
        ),
        (vec!["--date", "2027-01-01", "scenario", "list"], "--date"),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stdout(&out));
        let err = stderr(&out);
        assert!(
            err.contains(flag) && err.contains("does nothing"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn completions_for_three_shells() {
    for (shell, mark, seasons) in [
        ("bash", "complete -F", "--seasons"),
        ("zsh", "#compdef squadboard", "--seasons"),
        ("fish", "complete -c squadboard", "-l seasons"),
    ] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains(mark), "{shell}:\n{text}");
        assert!(
            text.contains("timeline") && text.contains(seasons),
            "{shell}"
        );
    }
    let out = run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_man_page_in_roff() {
    let out = run(&["man"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(".ie") || text.contains(".TH squadboard"),
        "{text}"
    );
    assert!(
        text.contains(".SH NAME") && text.contains(".SH COMMANDS"),
        "{text}"
    );
    assert!(text.contains(".SS \"squadboard timeline"), "{text}");
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn show_as_json() {
    let v = json(&["show", "--date", "2026-07-01", "--format", "json"]);
    assert_eq!(v["date"], "2026-07-01");
    assert_eq!(v["club"], "Real Madrid");
    let depth = v["depth_chart"]["positions"].as_array().expect("positions");
    let cb = depth
        .iter()
        .find(|p| p["position"] == "CB")
        .expect("a CB column");
    let huijsen = cb["players"]
        .as_array()
        .expect("players")
        .iter()
        .find(|p| p["name"] == "Dean Huijsen")
        .expect("Huijsen at CB");
    assert_eq!(huijsen["contract"]["status"], "secure");
    assert_eq!(huijsen["contract"]["until"], "2030-06-30");
    assert!(huijsen["age"].is_u64(), "{huijsen}");
    let targets = v["targets"].as_array().expect("targets");
    assert!(!targets.is_empty());
    assert!(
        targets
            .iter()
            .all(|t| t["name"].is_string() && t["reports"].is_u64())
    );
    // The text stays as it was by default.
    let text = stdout(&run(&["show", "--date", "2026-07-01"]));
    assert!(
        text.starts_with("Real Madrid — planning date 2026-07-01"),
        "{text}"
    );
}

#[test]
fn find_as_json() {
    let v = json(&[
        "find",
        "rudiger",
        "--date",
        "2026-03-02",
        "--format",
        "json",
    ]);
    let rows = v.as_array().expect("an array");
    assert_eq!(rows[0]["name"], "Antonio Rüdiger");
    assert_eq!(rows[0]["club"], "Real Madrid");
    // Typed: positions as a list, the id beside the name.
    assert_eq!(rows[0]["positions"], serde_json::json!(["CB"]));
    assert_eq!(rows[0]["id"], "rudiger");
    assert_eq!(rows[0]["age"], 32);
    let none = run(&["find", "zzzzqqq", "--format", "json"]);
    assert_eq!(none.status.code(), Some(1));
    let empty: serde_json::Value = serde_json::from_slice(&none.stdout).expect("JSON");
    assert_eq!(empty, serde_json::json!([]));
}
