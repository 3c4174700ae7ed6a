//! The timeline's three outputs on the bundled data, against files kept in `tests/golden/`.
//! `UPDATE_GOLDEN=1 cargo test --test it timeline` writes them again (then read the diff).

use crate::common::{bundled_data, fixture_path, ymd};
use squadboard::cli::timeline::{Format, render};
use squadboard::domain::plan::Plan;
use squadboard::store;
use std::path::PathBuf;

fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert!(
        expected == actual,
        "{} differs from the output (UPDATE_GOLDEN=1 rewrites it):\n{actual}",
        path.display()
    );
}

fn bundled() -> (squadboard::domain::Dataset, Plan) {
    let ds = bundled_data();
    let date = ymd(2026, 7, 1);
    let plan = Plan::new(&ds, date);
    (ds, plan)
}

#[test]
fn text_output() {
    let (ds, plan) = bundled();
    let out = render(&ds, &plan, 4, Format::Text);
    assert!(
        out.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("position"))
    );
    golden("timeline.txt", &out);
}

#[test]
fn markdown_output() {
    let (ds, plan) = bundled();
    let out = render(&ds, &plan, 4, Format::Markdown);
    assert!(out.contains("| position | 2026/27 | 2027/28 | 2028/29 | 2029/30 |"));
    golden("timeline.md", &out);
}

#[test]
fn json_output() {
    let (ds, plan) = bundled();
    let out = render(&ds, &plan, 4, Format::Json);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid json");
    assert_eq!(v["seasons"].as_array().map(Vec::len), Some(4));
    assert_eq!(v["seasons"][0]["label"], "2026/27");
    golden("timeline.json", &out);
}

#[test]
fn a_scenario_brings_its_settings_and_money_into_the_timeline() {
    let ds = bundled_data();
    let path = fixture_path("scenario-v3.ron");
    let plan = store::scenario::load(&path, &ds)
        .expect("v3 fixture")
        .scenario
        .plan;
    let out = render(&ds, &plan, 2, Format::Text);
    // The fixture sets the age flag at 31 and a £25m summer budget it overspends.
    assert!(out.contains("first choice flagged at 31+"), "{out}");
    assert!(
        out.contains(
            "money summer 2026 (2026/27): in ~€34.8m + 1 unknown · out €5m · net ~€29.8m + 1 \
             unknown · budget £25m (€29m at 1.16) · over by ~€800k (1 unknown fee) · OVER BUDGET"
        ),
        "{out}"
    );
    // Konaté joins as a signing, on a contract nobody knows the end of.
    assert!(out.contains("Konaté 27 c?"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&render(&ds, &plan, 2, Format::Json)).expect("json");
    assert_eq!(json["windows"][0]["over_budget"], true);
    assert_eq!(json["windows"][0]["net"]["unknown"], 1);
}

/// The number after `name="` in an SVG element line.
fn attr(line: &str, name: &str) -> f32 {
    let key = format!("{name}=\"");
    let at = line.find(&key).map(|i| i + key.len()).expect("attribute");
    let end = line[at..].find('"').expect("closing quote") + at;
    line[at..end].parse().expect("a number")
}

#[test]
fn the_svg_picture_never_cuts_text_at_the_edge() {
    use squadboard::cli::timeline_svg::text_width;
    let ds = bundled_data();
    let path = fixture_path("scenario-v3.ron");
    let plan = store::scenario::load(&path, &ds)
        .expect("v3 fixture")
        .scenario
        .plan;
    let svg = squadboard::cli::timeline::export(
        &ds,
        &plan,
        "Konaté and Rivero — a long name for a plan, to make the title the widest line",
        Format::Svg,
    );
    let first = svg.lines().next().expect("svg");
    assert!(first.starts_with("<svg "), "{first}");
    assert!(svg.trim_end().ends_with("</svg>"));
    let width = attr(first, "width");
    let height = attr(first, "height");
    let mut texts = 0;
    for line in svg.lines().filter(|l| l.starts_with("<text ")) {
        texts += 1;
        let x = attr(line, "x");
        let y = attr(line, "y");
        let size = attr(line, "font-size");
        let open = line.find('>').expect(">") + 1;
        let close = line.rfind("</text>").expect("</text>");
        let shown = line[open..close]
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"");
        let right = x + text_width(shown.chars().count(), size);
        assert!(
            right <= width,
            "cut at the right ({right} > {width}): {shown}"
        );
        assert!(y <= height, "below the picture: {shown}");
    }
    for season in ["2026/27", "2027/28", "2028/29", "2029/30"] {
        assert!(svg.contains(season), "{season}");
    }
    assert!(svg.contains("OVER BUDGET"));
    assert!(texts > 20, "{texts} texts");
}
