//! Issue 26, the headless commands' outputs: typed JSON (item 12). Each test failed on the
//! commit before its fix.

use crate::common::{data_dir_with_scenario_fixtures, squadboard_bin};
use serde_json::{Value, json};
use std::path::Path;

macro_rules! assert_snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(format!("cli_typed__{}", $name), $value)
        })
    };
}

/// Runs the binary with `SQUADBOARD_DATA_DIR` at `data_dir`, expecting exit 0 and JSON.
fn json_of(data_dir: &Path, args: &[&str]) -> Value {
    let out = squadboard_bin()
        .env("SQUADBOARD_DATA_DIR", data_dir)
        .args(args)
        .output()
        .expect("run squadboard");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?} is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// Fields that hold a message for people, as the text prints it: the only strings a date may
/// stand inside.
const MESSAGES: [&str; 6] = ["text", "lines", "seasons", "notices", "summary", "error"];

/// Every string of `v` outside [`MESSAGES`] that holds a date but is not one by itself
/// ("contract until 2030-06-30 (4 years left)"), or that reads as a sum of money ("€60m"), with
/// where it stands.
fn sentences(v: &Value, at: &str, out: &mut Vec<String>) {
    let is_date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok();
    let is_time = |s: &str| chrono::DateTime::parse_from_rfc3339(s).is_ok();
    match v {
        Value::String(s) => {
            let has_date = s
                .as_bytes()
                .windows(10)
                .any(|w| std::str::from_utf8(w).is_ok_and(is_date));
            let money = ['€', '£', '$'].iter().any(|c| s.contains(*c));
            if (has_date && !is_date(s) && !is_time(s)) || money {
                out.push(format!("{at}: {s}"));
            }
        }
        Value::Array(xs) => {
            for (i, x) in xs.iter().enumerate() {
                sentences(x, &format!("{at}[{i}]"), out);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                if !MESSAGES.contains(&k.as_str()) {
                    sentences(x, &format!("{at}.{k}"), out);
                }
            }
        }
        _ => {}
    }
}

fn assert_typed(v: &Value) {
    let mut found = Vec::new();
    sentences(v, "", &mut found);
    assert!(
        found.is_empty(),
        "sentences where values belong:\n{}",
        found.join("\n")
    );
    assert_eq!(v["json_version"], 2, "the typed shape is version 2");
}

/// `show --format json`: dates, ages, fees with their currency, positions as lists, `null` for
/// unknown. Before, a contract was the sentence "contract until 2030-06-30 (4 years left)", a
/// target's positions "CB" and his fee "~£35m".
#[test]
fn show_json_is_typed() {
    let (dir, _) = data_dir_with_scenario_fixtures();
    let v = json_of(
        dir.path(),
        &["show", "--date", "2026-03-01", "--format", "json"],
    );
    assert_typed(&v);
    assert_eq!(v["date"], "2026-03-01");
    let players: Vec<&Value> = v["depth_chart"]["positions"]
        .as_array()
        .expect("positions")
        .iter()
        .flat_map(|c| c["players"].as_array().expect("players"))
        .collect();
    let who = |id: &str| {
        *players
            .iter()
            .find(|p| p["id"] == id)
            .unwrap_or_else(|| panic!("{id} in the depth chart"))
    };
    let huijsen = who("huijsen");
    assert_eq!(huijsen["born"], "2005-04-14");
    assert_eq!(huijsen["age"], 20);
    assert_eq!(huijsen["positions"], json!(["CB"]));
    assert_eq!(
        huijsen["contract"],
        json!({"status": "secure", "until": "2030-06-30", "years_left": 4, "reported_year": null})
    );
    assert_eq!(huijsen["availability"]["status"], "available");
    assert_eq!(who("courtois")["contract"]["status"], "unknown");
    assert_eq!(who("courtois")["contract"]["until"], Value::Null);
    assert_eq!(who("endrick")["contract"]["reported_year"], 2030);
    assert_eq!(
        who("endrick")["availability"]["until"],
        json!({"precision": "day", "from": "2026-06-30", "to": "2026-06-30"})
    );
    // Expected back by April 2026: a month, said as the month's first and last day.
    let militao = &who("militao")["availability"];
    assert_eq!(militao["status"], "injured");
    assert_eq!(militao["what"], "torn hamstring");
    assert_eq!(
        militao["back"],
        json!({"precision": "month", "from": "2026-04-01", "to": "2026-04-30"})
    );
    assert_eq!(militao["expected"], true);
    let targets = v["targets"].as_array().expect("targets");
    let konate = targets
        .iter()
        .find(|t| t["id"] == "konate")
        .expect("Konaté");
    assert_eq!(
        konate["fee"],
        json!({"amount": 35_000_000, "currency": "GBP", "approximate": true})
    );
    assert_eq!(konate["positions"], json!(["CB"]));
    assert_eq!(konate["rivals"], json!([]));
    assert_eq!(konate["latest_report"], "2025-07-12");
    assert_eq!(konate["contract"]["status"], "under_6_months");
    let romero = targets
        .iter()
        .find(|t| t["id"] == "romero")
        .expect("Romero");
    assert_eq!(romero["fee"], Value::Null);
    assert_eq!(romero["rivals"], json!(["Atlético Madrid"]));
}

/// `scenario export --format json`: the XI's ages and contracts, the signings' fees, the
/// departures, the totals as values. Before, `fees` was "in ~€34.8m + 1 unknown · out €5m · …"
/// and each signing one sentence.
#[test]
fn scenario_export_json_is_typed() {
    let (dir, _) = data_dir_with_scenario_fixtures();
    let mut v = json_of(
        dir.path(),
        &["scenario", "export", "scenario-v2", "--format", "json"],
    );
    assert_typed(&v);
    assert_eq!(v["format_version"], 4, "the scenario format `plan` is in");
    assert_eq!(v["xi"][2]["player"]["id"], "konate");
    assert_eq!(v["xi"][2]["player"]["age"], 27);
    assert_eq!(
        v["fees"]["fees_in"],
        json!({"amount": 34_800_000, "currency": "EUR", "approximate": true, "unknown": 1})
    );
    assert_eq!(v["signings"][0]["fee"]["basis"], "assumed");
    assert_eq!(
        v["signings"][0]["fee"]["fee"],
        json!({"amount": 30_000_000, "currency": "GBP", "approximate": true})
    );
    assert_eq!(v["departures"][1]["kind"], "sold");
    assert_eq!(v["ages"]["average"], 24.5);
    // The plan itself is the scenario file's, already typed; the rest is the document.
    v.as_object_mut().expect("object").remove("plan");
    assert_snapshot!(
        "export_scenario_v2",
        serde_json::to_string_pretty(&v).expect("json")
    );
}

/// `scenario list --format json`: one object per file, its moves typed, `null` where a file
/// cannot be read (and exit 1, as the text). Before, `list` had no `--format`.
#[test]
fn scenario_list_json_is_typed() {
    let (dir, scenarios) = data_dir_with_scenario_fixtures();
    let v = json_of(dir.path(), &["scenario", "list", "--format", "json"]);
    assert_typed(&v);
    let all = v["scenarios"].as_array().expect("scenarios");
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["file"], "scenario-v1.ron");
    assert_eq!(all[0]["planning_date"], "2026-07-01");
    assert_eq!(all[0]["modified"], "2025-12-01T18:30:00Z");
    assert_eq!(all[0]["signings"][0]["id"], "konate");
    assert_eq!(all[0]["signings"][0]["window"]["opens"], "2026-07-01");
    assert_eq!(all[0]["departures"][0]["kind"], "contract_not_renewed");
    assert_eq!(all[0]["error"], Value::Null);

    std::fs::write(scenarios.join("broken.ron"), "garbage").expect("write");
    let out = squadboard_bin()
        .env("SQUADBOARD_DATA_DIR", dir.path())
        .args(["scenario", "list", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "a file that cannot be read");
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let broken = &v["scenarios"][0];
    assert_eq!(broken["file"], "broken.ron");
    assert_eq!(broken["planning_date"], Value::Null);
    assert!(broken["error"].is_string(), "{broken}");
}

/// `scenario compare --format json`: each change typed, with the text's lines beside them.
/// Before, `compare` had no `--format`.
#[test]
fn scenario_compare_json_is_typed() {
    let (dir, _) = data_dir_with_scenario_fixtures();
    let v = json_of(
        dir.path(),
        &[
            "scenario",
            "compare",
            "scenario-v1",
            "scenario-v2",
            "--format",
            "json",
        ],
    );
    assert_typed(&v);
    assert_eq!(v["a"]["name"], "Konaté for Rüdiger");
    assert_eq!(v["b"]["planning_date"], "2026-07-01");
    let c = &v["changes"];
    assert_eq!(c["same"], false);
    assert_eq!(c["signings_added"][0]["id"], "rivero");
    assert_eq!(c["signings_added"][0]["fee"]["basis"], "unknown");
    assert_eq!(c["signings_added"][0]["fee"]["fee"], Value::Null);
    assert_eq!(
        c["departures_added"][0]["fee"],
        json!({"amount": 5_000_000, "currency": "EUR", "approximate": false})
    );
    assert_eq!(c["assumptions_added"][0]["kind"], "injured_until");
    assert_eq!(c["assumptions_added"][0]["until"], "2026-07-15");
    assert_eq!(c["fees"]["b"]["fees_out"]["amount"], 5_000_000);
    assert!(
        c["warnings_added"]
            .as_array()
            .expect("warnings")
            .iter()
            .any(|w| w["kind"] == "thin_cover" && w["places"] == json!(["LB"])),
        "{c}"
    );
    assert_eq!(v["lines"][0], "Signing added: Rivero (fee unknown)");
}
