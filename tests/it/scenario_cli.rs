//! `squadboard scenario show|export|list|compare`, run as the real binary.

use crate::common::{bundled_data, data_dir_with_scenario_fixtures, fixture_path, squadboard_bin};
use chrono::{NaiveDate, TimeZone, Utc};
use squadboard::domain::plan::Plan;
use squadboard::domain::scenario::Scenario;
use squadboard::store::scenario::save_new;
use std::fs;
use std::path::Path;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `squadboard` with `SQUADBOARD_DATA_DIR` pointing at `data_dir`.
fn run(data_dir: &Path, args: &[&str]) -> Run {
    let out = squadboard_bin()
        .env("SQUADBOARD_DATA_DIR", data_dir)
        .args(args)
        .output()
        .expect("run squadboard");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn list_uses_the_data_dir_and_names_unreadable_files() {
    let (dir, scenarios) = data_dir_with_scenario_fixtures();
    fs::write(
        scenarios.join("broken.ron"),
        "Scenario(\n    format_version: 2,\n    name: 5,\n)\n",
    )
    .expect("write");
    // Not scenarios: a leftover temporary, another file type, a sub-folder.
    fs::write(scenarios.join(".plan.ron.123-0.tmp"), "x").expect("write");
    fs::write(scenarios.join("readme.txt"), "x").expect("write");
    fs::create_dir(scenarios.join("old.ron")).expect("mkdir");

    let r = run(dir.path(), &["scenario", "list"]);
    assert_eq!(
        r.code,
        Some(1),
        "an unreadable file is a problem: {}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains(&format!("Scenarios in {}", scenarios.display())),
        "{}",
        r.stdout
    );
    let broken = scenarios.join("broken.ron");
    // Line 3, at (ron: just before) the `5` where a string was expected.
    let line = r
        .stdout
        .lines()
        .find(|l| l.contains("broken.ron  cannot be loaded: "))
        .expect("broken.ron listed");
    assert!(
        line.contains(&format!("{}:3:", broken.display())) && line.ends_with(": Expected string"),
        "{line}"
    );
    assert!(
        r.stdout
            .contains("scenario-v1.ron  Konaté for Rüdiger  (saved 2025-12-01 18:30)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("4-3-3 · 1 July 2026 · +Konaté +Rivero −Rüdiger −Alaba · in ~€34.8m + 1 unknown · out €5m · net ~€29.8m + 1 unknown"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("note: written in scenario format 1; saving it will write format 4"),
        "{}",
        r.stdout
    );
    for hidden in [".plan.ron", "readme", "old.ron"] {
        assert!(!r.stdout.contains(hidden), "{hidden}: {}", r.stdout);
    }

    // `--scenarios` beats the environment; a folder that does not exist is simply empty.
    let empty = dir.path().join("nowhere");
    let r = run(
        dir.path(),
        &[
            "--scenarios",
            &empty.display().to_string(),
            "scenario",
            "list",
        ],
    );
    assert_eq!(r.code, Some(0));
    assert_eq!(
        r.stdout.trim(),
        format!("No scenarios in {}", empty.display())
    );
}

#[test]
fn show_prints_the_xi_with_marks_moves_warnings_and_totals() {
    let (dir, scenarios) = data_dir_with_scenario_fixtures();
    let r = run(dir.path(), &["scenario", "show", "scenario-v2"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let t = &r.stdout;
    for want in [
        "Konaté and Rivero\n4-3-3 · 1 July 2026 · +Konaté +Rivero −Rüdiger −Alaba · in ~€34.8m + 1 unknown · out €5m · net ~€29.8m + 1 unknown\n",
        "  RCB  right CB         Ibrahima Konaté               27  new signing\n",
        "  LB   left-back        Álvaro Carreras               23  + injured (assumed injury), back 2026-07-15\n",
        "  GK   goalkeeper       —\n",
        "Signings\n  Ibrahima Konaté (Liverpool, CB) · summer 2026: ~£30m (~€34.8m at 1.16), assumed; new contract, length unknown\n  Lautaro Rubén Rivero Cruz (River Plate, CB) · summer 2026: fee unknown; new contract, length unknown\n",
        "  David Alaba · summer 2026: sold for €5m; profit unknown (book value unknown)\n",
        "  Militão fit from 2026-08-01\n",
        "Warnings\n  Carreras injured (assumed injury), back 2026-07-15\n",
        "Totals\n  Fees: in ~€34.8m + 1 unknown · out €5m · net ~€29.8m + 1 unknown\n  XI: 4 of 11 slots filled; ages avg 24.5 (21-27)",
        "Notes\n  Konaté \"on a free\" would be ideal.\n",
    ] {
        assert!(t.contains(want), "missing {want:?} in\n{t}");
    }

    // The untouched squad at its default date: Rüdiger's contract has run out, so the XI takes
    // Militão, and Rüdiger is warned about as out of contract, not called a free agent.
    let ds = bundled_data();
    let now = Utc
        .with_ymd_and_hms(2026, 1, 1, 12, 0, 0)
        .single()
        .expect("t");
    let plain = Scenario::new(
        "As it stands",
        Plan::new(&ds, NaiveDate::from_ymd_opt(2026, 7, 1).expect("date")),
        now,
    );
    let (path, _) = save_new(&scenarios, &plain).expect("save");
    assert_eq!(path, scenarios.join("as-it-stands.ron"));
    let r = run(dir.path(), &["scenario", "show", "as-it-stands.ron"]);
    for want in [
        "  LCB  left CB          Éder Militão                  28\n",
        "Rüdiger (CB)",
        "out of contract since 2026-06-30, stay only if renewed",
        "XI: 11 of 11 slots filled",
    ] {
        assert!(r.stdout.contains(want), "missing {want:?} in\n{}", r.stdout);
    }
    assert!(!r.stdout.contains("free agent"), "{}", r.stdout);
    // --date shows it at another date, and says so.
    let r = run(
        dir.path(),
        &["--date", "2026-01-01", "scenario", "show", "as-it-stands"],
    );
    assert!(
        r.stdout
            .contains("planning date 1 January 2026 (--date; saved for 1 July 2026)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("<6m contract ends 2026-06-30 (under 6 months)"),
        "{}",
        r.stdout
    );
}

#[test]
fn export_markdown_json_and_svg() {
    let (dir, _) = data_dir_with_scenario_fixtures();
    let md = run(
        dir.path(),
        &["scenario", "export", "scenario-v2", "--format", "markdown"],
    );
    assert_eq!(md.code, Some(0), "{}", md.stderr);
    assert!(
        md.stdout.starts_with("# Konaté and Rivero\n"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout
            .contains("| right CB | Ibrahima Konaté (new) | 27 | fit |  |"),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("## Warnings\n\n- Carreras injured"));

    let js = run(
        dir.path(),
        &["scenario", "export", "scenario-v2", "--format", "json"],
    );
    assert_eq!(js.code, Some(0), "{}", js.stderr);
    let v: serde_json::Value = serde_json::from_str(&js.stdout).expect("valid JSON");
    assert_eq!(v["name"], "Konaté and Rivero");
    assert_eq!(v["formation"], "4-3-3");
    assert_eq!(v["planning_date"], "2026-07-01");
    assert_eq!(v["xi"][2]["slot"], "RCB");
    assert_eq!(v["xi"][2]["x"], 63);
    assert_eq!(v["xi"][2]["player"]["id"], "konate");
    assert_eq!(v["xi"][2]["player"]["signing"], true);
    assert_eq!(v["xi"][0]["player"], serde_json::Value::Null);
    assert_eq!(v["fees"]["net"]["amount"], 29_800_000);
    assert_eq!(v["fees"]["net"]["unknown"], 1);
    assert_eq!(v["plan"]["depth"]["columns"]["CB"][0], "konate");

    // SVG, written to a file: eleven slots, each at its formation coordinates.
    let out = dir.path().join("xi.svg");
    let r = run(
        dir.path(),
        &[
            "scenario",
            "export",
            "scenario-v2",
            "--format",
            "svg",
            "-o",
            &out.display().to_string(),
        ],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout.trim(), format!("wrote {}", out.display()));
    let svg = fs::read_to_string(&out).expect("svg written");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("class=\"slot\"").count(), 11);
    // RCB stands at x 63, y 18: 20 + 640 × 0.63 = 423.2, and 118 + 960 × 0.82 = 905.2 under
    // the pitch's top (the summary takes two lines).
    assert!(
        svg.contains(r##"<rect class="pitch" x="20" y="118""##),
        "{svg}"
    );
    let rcb = svg.find("data-slot=\"RCB\"").expect("RCB");
    let group = &svg[rcb..rcb + svg[rcb..].find("</g>").expect("end")];
    assert!(group.contains("cx=\"423.2\" cy=\"905.2\""), "{group}");
    assert!(group.contains(">Konaté<"), "{group}");
    assert!(
        group.contains("fill=\"#ffd54f\""),
        "signings stand out: {group}"
    );
    let lb = svg.find("data-slot=\"LB\"").expect("LB");
    assert!(svg[lb..].contains("injured"), "injury marked");
    // Quotes in the name are escaped.
    assert!(svg.contains("<title>Konaté and Rivero</title>"));
    // Every tag that opens closes: a cheap well-formedness check.
    assert_eq!(
        svg.matches("<g ").count() + svg.matches("<g>").count(),
        svg.matches("</g>").count()
    );
}

/// A scenario is found by its name as `scenario list` shows it, case and accents ignored, as
/// well as by its path or file name ("Konaté for Rüdiger" is `scenario-v1.ron`).
#[test]
fn scenarios_are_found_by_their_listed_names() {
    let (dir, _) = data_dir_with_scenario_fixtures();
    for name in ["Konaté for Rüdiger", "konate for rudiger", "scenario-v1"] {
        let r = run(dir.path(), &["scenario", "show", name]);
        assert_eq!(r.code, Some(0), "{name}: {}", r.stderr);
        assert!(
            r.stdout.contains("Konaté for Rüdiger"),
            "{name}: {}",
            r.stdout
        );
    }
    let r = run(dir.path(), &["scenario", "show", "Konaté for nobody"]);
    assert_ne!(r.code, Some(0));
    assert!(r.stderr.contains("Konaté for nobody"), "{}", r.stderr);
}

#[test]
fn compare_two_scenarios() {
    let (dir, _) = data_dir_with_scenario_fixtures();
    let r = run(
        dir.path(),
        &["scenario", "compare", "scenario-v1", "scenario-v2"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    for want in [
        "A: Konaté for Rüdiger — 4-3-3 · 1 July 2026 · +Konaté −Rüdiger · ~€34.8m",
        "B: Konaté and Rivero — ",
        "Signing added: Rivero (fee unknown)",
        "Departure added: Alaba (sold)",
        "Assumption added: Carreras injured 2026-06-20 to 2026-07-15",
        "New warning: Carreras injured (assumed injury), back 2026-07-15",
        "Fees: ~€34.8m → in ~€34.8m + 1 unknown · out €5m · net ~€29.8m + 1 unknown",
        "XI ages: avg 24.5 (21-27), 1 under 23, 0 over 30 (unchanged)",
    ] {
        assert!(r.stdout.contains(want), "missing {want:?} in\n{}", r.stdout);
    }
}

#[test]
fn bad_files_fail_with_the_file_named() {
    let (dir, scenarios) = data_dir_with_scenario_fixtures();
    let r = run(dir.path(), &["scenario", "show", "no-such-plan"]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.starts_with("squadboard: no-such-plan: "),
        "{}",
        r.stderr
    );

    let newer = scenarios.join("newer.ron");
    fs::write(
        &newer,
        fs::read_to_string(fixture_path("scenario-v2.ron"))
            .expect("fixture")
            .replace("format_version: 2,", "format_version: 5,"),
    )
    .expect("write");
    let r = run(dir.path(), &["scenario", "show", "newer"]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains(&format!(
            "{}:5:5: scenario format version 5 is newer than this squadboard reads",
            newer.display()
        )),
        "{}",
        r.stderr
    );
}
