//! Issue 26, the headless commands' outputs: typed JSON (item 12). Each test failed on the
//! commit before its fix.

use crate::common::{data_dir_with_scenario_fixtures, fixture_arg, squadboard_bin};
use serde_json::{Value, json};
use std::path::Path;

macro_rules! assert_snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(format!("cli_typed__{}", $name), $value)
        })
    };
}

/// What the binary prints for `args` with `SQUADBOARD_DATA_DIR` at `data_dir`, expecting exit 0.
fn stdout_of(data_dir: &Path, args: &[&str]) -> Vec<u8> {
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
    out.stdout
}

fn json_of(data_dir: &Path, args: &[&str]) -> Value {
    let out = stdout_of(data_dir, args);
    serde_json::from_slice(&out).unwrap_or_else(|e| {
        panic!(
            "{args:?} is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out)
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

/// `timeline --format json`: the money in the shape `scenario export` gives it (each window's
/// sums as numbers with their currency, the same objects), the seasons' amortisation as sums, the
/// days as dates, and `json_version`. Before, each sum was a string ("34800000") beside a
/// sentence ("~€34.8m + 1 unknown"), the window a name, and no `json_version`.
#[test]
fn timeline_json_is_typed() {
    let (dir, _) = data_dir_with_scenario_fixtures();
    // v3 sets a budget its signings overspend.
    let v3 = fixture_arg("scenario-v3.ron");
    let v = json_of(dir.path(), &["timeline", &v3, "--format", "json"]);
    assert_typed(&v);
    let export = json_of(dir.path(), &["scenario", "export", &v3, "--format", "json"]);
    assert_eq!(v["windows"], export["windows"], "one truth about the money");
    assert_eq!(v["windows"][0]["over_budget"], true);
    assert_eq!(v["windows"][0]["net"]["amount"], 29_800_000);
    assert_eq!(v["planning_date"], export["planning_date"]);
    let first = &v["amortisation"][0];
    assert_eq!(first["season"], "2026/27");
    assert_eq!(
        first["total"],
        json!({"amount": 0, "currency": "EUR", "approximate": false, "unknown": 2})
    );
    assert_eq!(first["charges"][0]["amount"], Value::Null);
    assert_eq!(first["charges"][0]["unknown"], "contract length unknown");
    // Konaté joins as a signing, 27 in the first season, his contract's end unknown.
    let konate = v["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .flat_map(|r| r["cells"][0]["players"].as_array().expect("players"))
        .find(|p| p["id"] == "konate")
        .expect("Konaté in the first season");
    assert_eq!(konate["age"], 27);
    assert_eq!(konate["age_text"], "27");
    assert_eq!(konate["signing"], true);
    assert_eq!(konate["contract_unknown"], true);
}

// Item 13: the XI as an SVG picture.

/// The value of attribute `name` in the element `line`.
fn attr<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let at = line.find(&format!(" {name}=\""))? + name.len() + 3;
    line[at..].split('"').next()
}

fn num(line: &str, name: &str) -> f32 {
    attr(line, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no number {name} in {line}"))
}

/// A text element's content as it reads, entities undone.
fn content(line: &str) -> String {
    let from = line.find('>').expect("an element") + 1;
    let to = line.rfind("</").expect("closed");
    line[from..to]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Whether `xml` is well-formed as far as an SVG needs: only characters XML 1.0 allows, every
/// `&` an entity, every attribute quoted, every element closed in order.
fn well_formed(xml: &str) -> Result<(), String> {
    if let Some(c) = xml.chars().find(|&c| {
        !(matches!(c, '\t' | '\n' | '\r')
            || (' '..='\u{d7ff}').contains(&c)
            || ('\u{e000}'..='\u{fffd}').contains(&c)
            || c >= '\u{10000}')
    }) {
        return Err(format!("{:?} is not an XML character", c));
    }
    let entities = |s: &str| -> Result<(), String> {
        for (i, _) in s.match_indices('&') {
            let rest = &s[i + 1..];
            let ok = ["amp;", "lt;", "gt;", "quot;", "apos;"]
                .iter()
                .any(|e| rest.starts_with(e));
            if !ok {
                return Err(format!("a bare & in {s:?}"));
            }
        }
        Ok(())
    };
    let mut open: Vec<String> = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        entities(&rest[..i])?;
        let end = rest[i..].find('>').ok_or("an unclosed tag")? + i;
        let tag = &rest[i + 1..end];
        if tag.contains('<') || tag.matches('"').count() % 2 == 1 {
            return Err(format!("a broken tag: <{tag}>"));
        }
        entities(tag)?;
        let name = |t: &str| t.split_whitespace().next().unwrap_or_default().to_string();
        if let Some(closing) = tag.strip_prefix('/') {
            let want = open.pop().ok_or(format!("</{closing}> closes nothing"))?;
            if want != name(closing) {
                return Err(format!("</{closing}> closes <{want}>"));
            }
        } else if !tag.ends_with('/') {
            open.push(name(tag));
        }
        rest = &rest[end + 1..];
    }
    entities(rest)?;
    if open.is_empty() {
        Ok(())
    } else {
        Err(format!("left open: {open:?}"))
    }
}

/// A data folder whose scenarios hold the whole squad as it stands, saved as `name`; and the
/// file's path.
fn whole_squad_named(name: &str) -> (tempfile::TempDir, String) {
    use squadboard::domain::plan::Plan;
    let (dir, scenarios) = data_dir_with_scenario_fixtures();
    let ds = crate::common::bundled_data();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).expect("date");
    let now = chrono::DateTime::parse_from_rfc3339("2026-01-01T12:00:00Z")
        .expect("time")
        .to_utc();
    let s = squadboard::domain::scenario::Scenario::new(name, Plan::new(&ds, date), now);
    let (path, _) = squadboard::store::scenario::save_new(&scenarios, &s).expect("save");
    (dir, path.display().to_string())
}

fn svg_of(dir: &Path, args: &[&str]) -> String {
    String::from_utf8(stdout_of(dir, args)).expect("UTF-8")
}

/// The text around the pitch, line by line, outside the slots.
fn outer_lines(svg: &str) -> Vec<&str> {
    let mut in_slot = false;
    let mut out = Vec::new();
    for line in svg.lines() {
        in_slot = (in_slot || line.starts_with("<g class=\"slot\"")) && line != "</g>";
        if !in_slot && line.starts_with("<text") {
            out.push(line);
        }
    }
    out
}

/// The name, the summary and the footer are whole: every line of them is set in the monospace
/// face and ends inside the picture, and none of their words is lost. Before, the summary of
/// `scenario-v2` ran past the edge in one line (cut at "… · net ~€29.8m + 1") and so did the
/// footer (cut at "1 under 23, …").
#[test]
fn xi_svg_keeps_its_lines_whole() {
    use squadboard::cli::timeline_svg::{MONO, text_width};
    let (dir, whole) = whole_squad_named(
        "The whole squad as it stands on the first day of summer, with every renewal still open",
    );
    for (args, phrases) in [
        (
            vec!["scenario", "export", "scenario-v2", "--format", "svg"],
            vec![
                "+Konaté +Rivero −Rüdiger −Alaba",
                "net ~€29.8m + 1 unknown",
                "XI ages avg 24.5 (21-27), 1 under 23, 0 over 30",
            ],
        ),
        (
            vec![
                "scenario",
                "export",
                &whole,
                "--format",
                "svg",
                "--date",
                "2027-01-01",
            ],
            vec![
                "The whole squad as it stands on the first day of summer, with every renewal \
                 still open",
                "planning date 1 January 2027 (--date; saved for 1 July 2026)",
                "1 over 30",
            ],
        ),
    ] {
        let svg = svg_of(dir.path(), &args);
        let width = num(svg.lines().next().expect("svg"), "width");
        let mut words = Vec::new();
        for line in outer_lines(&svg) {
            assert_eq!(attr(line, "font-family"), Some(MONO), "{args:?}: {line}");
            let text = content(line);
            let right = num(line, "x") + text_width(text.chars().count(), num(line, "font-size"));
            assert!(
                right <= width - 20.0,
                "{args:?}: ends at {right} of {width}: {line}"
            );
            words.extend(text.split_whitespace().map(String::from));
        }
        let flat = words.join(" ");
        for p in phrases {
            assert!(flat.contains(p), "{args:?}: {p:?} not whole in\n{flat}");
        }
    }
}

/// Every slot is drawn on the grass: its circle, name and marks inside the touchlines and goal
/// lines. Before, the keeper stood on his goal line with his name under it, off the pitch.
#[test]
fn xi_svg_draws_the_keeper_off_the_goal_line() {
    let (dir, whole) = whole_squad_named("As it stands");
    let svg = svg_of(
        dir.path(),
        &["scenario", "export", &whole, "--format", "svg"],
    );
    let pitch = svg
        .lines()
        .find(|l| l.starts_with("<rect") && l.contains(r##"fill="#2e7d32""##))
        .expect("the grass");
    let (top, bottom) = (num(pitch, "y"), num(pitch, "y") + num(pitch, "height"));
    let mut slot = String::new();
    for line in svg.lines() {
        if let Some(s) = attr(line, "data-slot") {
            slot = s.to_string();
        }
        if slot.is_empty() {
            continue;
        }
        if line.starts_with("<circle") {
            let (cy, r) = (num(line, "cy"), num(line, "r"));
            assert!(cy - r >= top && cy + r < bottom, "{slot}: {line}");
        }
        if line.starts_with("<text") {
            // A baseline and the descent under it.
            let y = num(line, "y");
            assert!(y + 4.0 < bottom && y > top, "{slot} off the pitch: {line}");
        }
        if line == "</g>" {
            slot.clear();
        }
    }
    let gk = svg.find(r#"data-slot="GK""#).expect("the keeper");
    assert!(svg[gk..].contains(">Courtois<"), "the keeper is drawn");
}

/// A legend says what the circles' colours mean: every colour a slot is drawn in is in it, with
/// a word, and the marks are spelt out. Before, there was none.
#[test]
fn xi_svg_has_a_legend_for_its_colours() {
    let (dir, _) = data_dir_with_scenario_fixtures();
    let svg = svg_of(
        dir.path(),
        &["scenario", "export", "scenario-v2", "--format", "svg"],
    );
    let from = svg.find(r#"<g class="legend">"#).expect("a legend");
    let legend = &svg[from..from + svg[from..].find("</g>").expect("closed")];
    for line in svg
        .lines()
        .filter(|l| l.starts_with("<circle") && l.contains(r#"r="24""#))
    {
        for colour in [attr(line, "fill"), attr(line, "stroke")]
            .into_iter()
            .flatten()
        {
            assert!(
                colour == "none" || legend.contains(&format!("\"{colour}\"")),
                "{colour} is not in the legend: {line}"
            );
        }
    }
    for word in ["signing", "injured", "empty slot", "OUT = out of contract"] {
        assert!(legend.contains(word), "{word} in\n{legend}");
    }
}

/// Both SVGs go through the one XML escape: a name with a control character, U+FFFF (which XML
/// does not allow either), quotes and ampersands still gives well-formed XML. Before, U+FFFF
/// went into the file as it was.
#[test]
fn a_name_with_control_characters_still_gives_valid_xml() {
    let (dir, whole) = whole_squad_named("Tom's \"A&B\" <plan>\u{1}\u{7}\u{ffff}\u{fffe} end");
    for view in ["xi", "timeline"] {
        let svg = svg_of(
            dir.path(),
            &[
                "scenario", "export", &whole, "--format", "svg", "--view", view,
            ],
        );
        well_formed(&svg).unwrap_or_else(|e| panic!("{view}: {e}"));
        assert!(
            svg.contains("Tom&apos;s &quot;A&amp;B&quot; &lt;plan&gt;"),
            "{view}"
        );
    }
    assert_eq!(
        well_formed("<a b=\"1\">x &amp; y</a>"),
        Ok(()),
        "the checker takes XML"
    );
    assert!(well_formed("<a>x & y</a>").is_err());
    assert!(well_formed("<a>\u{1}</a>").is_err());
    assert!(well_formed("<a><b></a>").is_err());
}

// Item 16: import and pool from one CSV.

/// The README's own workflow: `import players.csv` into a folder, then `--pool players.csv` on
/// that folder. The club's own players are in the pool too, under the same ids: merged without
/// a word. Before, the board opened on a notice "rows skipped" listing each of them. An id the
/// data gives someone else is still said.
#[test]
fn import_and_pool_from_one_csv_merge_quietly() {
    use squadboard::app::Modal;
    use squadboard::app::pool::PoolStatus;
    let csv = crate::common::fixture_path("players.csv");
    let tmp = tempfile::tempdir().expect("tempdir");
    let club = tmp.path().join("club");
    let csv_arg = csv.display().to_string();
    let club_arg = club.display().to_string();
    let args = [
        "import",
        csv_arg.as_str(),
        "--club",
        "Atlético Valdoria",
        "--out",
        club_arg.as_str(),
    ];
    let said = String::from_utf8(stdout_of(tmp.path(), &args)).expect("UTF-8");
    assert!(
        said.contains("12 player(s) of Atlético Valdoria imported"),
        "{said}"
    );
    let board_on = |club: &Path| {
        let ds = squadboard::store::load(Some(club)).expect("the imported folder loads");
        let mut b = crate::common::new_board(std::sync::Arc::new(ds), None);
        crate::board_pool::deliver(&mut b, &csv);
        b
    };

    let b = board_on(&club);
    assert_eq!(
        b.search.pool,
        PoolStatus::Ready {
            players: 2,
            problems: 0
        },
        "the two players of other clubs are the pool"
    );
    assert!(b.view.modal.is_none(), "nothing to say: {:?}", b.view.modal);
    assert_eq!(b.doc.ds.squad.len(), 12, "the squad as imported");

    // The data gives Quiroga's id to another man: that pool row is left out, and said.
    let squad = club.join("squad.ron");
    let text = std::fs::read_to_string(&squad).expect("squad.ron");
    let text = text
        .replace("\"Tomás Quiroga\"", "\"Someone Else\"")
        .replace("\"2003-07-30\"", "\"2001-01-01\"");
    std::fs::write(&squad, text).expect("write");
    let b = board_on(&club);
    let Some(Modal::Notice { lines, .. }) = &b.view.modal else {
        panic!("no notice: {:?}", b.view.modal)
    };
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("pool player `tm-900002` (Tomás Quiroga) skipped")
            && lines[0].contains("already has the id `tm-900002` (Someone Else)"),
        "{lines:?}"
    );
}

// Item 17: the manual page and the completions.

/// Roff as a reader sees it: the escapes `squadboard man` writes undone.
fn unroff(page: &str) -> String {
    page.replace("\\-", "-")
        .replace("\\*(Aq", "'")
        .replace("\\(aq", "'")
        .replace("\\\\", "\\")
}

/// The page has the keys (from the default keymap, as the board's help), the marks (from the
/// board's legend), the files, the environment and the exit status; every command is in it, and
/// it names no other page. Before, it had none of these sections and named `squadboard-check(1)`
/// and eight more pages `squadboard man` cannot make.
#[test]
fn the_man_page_has_keys_marks_files_environment_and_exit_codes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let page = String::from_utf8(stdout_of(tmp.path(), &["man"])).expect("UTF-8");
    assert!(!page.contains("(1)"), "names another page:\n{page}");
    let text = unroff(&page);
    for section in [
        ".SH COMMANDS",
        ".SH KEYS",
        ".SH MARKS",
        ".SH FILES",
        ".SH ENVIRONMENT",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(text.contains(section), "no {section}");
    }
    let km = squadboard::config::Keymap::default_keys();
    for (cmd, _) in km.entries() {
        assert!(text.contains(&km.label(cmd)), "key {}", km.label(cmd));
        assert!(text.contains(cmd.describe()), "{}", cmd.describe());
    }
    for (_, meaning) in squadboard::ui::marks::LEGEND {
        assert!(text.contains(meaning), "mark: {meaning}");
    }
    for (_, meaning) in squadboard::domain::timeline::MARKS {
        assert!(text.contains(meaning), "timeline mark: {meaning}");
    }
    for want in [
        "squadboard scenario compare [OPTIONS] <A> <B>",
        "squadboard import [OPTIONS] --club <NAME> --out <DIR> <players.csv>",
        squadboard::store::scenario::DATA_DIR_ENV,
        "SQUADBOARD_CONFIG_DIR",
        "keymap.ron",
        "128+N",
    ] {
        assert!(text.contains(want), "{want} not in\n{text}");
    }
    assert!(
        !text.contains("__scenarios"),
        "the completion hook is not a command"
    );
    assert_snapshot!("man_page", page);
}

/// The completion scripts offer the scenario folder's scenarios where a scenario goes, asking
/// the binary each time (`squadboard __scenarios`). Before, they offered file names only. Bash
/// is run for real; zsh and fish are checked to call the hook.
#[test]
fn completions_offer_scenario_names() {
    let (dir, _) = data_dir_with_scenario_fixtures();
    let names = String::from_utf8(stdout_of(dir.path(), &["__scenarios"])).expect("UTF-8");
    assert_eq!(names, "scenario-v1\nscenario-v2\n");
    for shell in ["zsh", "fish"] {
        let script =
            String::from_utf8(stdout_of(dir.path(), &["completions", shell])).expect("UTF-8");
        assert!(script.contains("squadboard __scenarios"), "{shell}");
    }
    let script = dir.path().join("squadboard.bash");
    std::fs::write(&script, stdout_of(dir.path(), &["completions", "bash"])).expect("write");
    if std::process::Command::new("bash")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("no bash here: the bash script is checked by its text only");
        return;
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_squadboard"));
    let path = format!(
        "{}:{}",
        bin.parent().expect("the binary's folder").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let offered = |words: &str| {
        let line = format!(
            "source '{}'; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             _squadboard_scenarios squadboard; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let out = std::process::Command::new("bash")
            .args(["--norc", "--noprofile", "-c", &line])
            .env("PATH", &path)
            .env("SQUADBOARD_DATA_DIR", dir.path())
            .output()
            .expect("bash");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    for words in [
        "squadboard scenario show ''",
        "squadboard scenario export --format svg scen",
        "squadboard timeline ''",
        "squadboard scenario compare scenario-v1 ''",
    ] {
        let got = offered(words);
        assert!(
            got.lines().any(|l| l == "scenario-v1") && got.lines().any(|l| l == "scenario-v2"),
            "{words}: {got:?}"
        );
    }
    for words in [
        "squadboard scenario list ''",
        "squadboard show --data ''",
        "squadboard timeline --pool ''",
    ] {
        let got = offered(words);
        assert!(!got.contains("scenario-v1"), "{words}: {got:?}");
    }
}
