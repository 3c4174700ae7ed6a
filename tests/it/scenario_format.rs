//! The scenario file format: versions, migration, errors with `file:line:column`, dropped
//! players, the written-out XI, the size cap, and a round trip of any scenario.

use crate::common::{bundled_data, fixture_path, id, line_col, ymd};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use squadboard::domain::budget::WindowBudget;
use squadboard::domain::plan::{Assumption, Departure, DepartureKind, Plan, Signing};
use squadboard::domain::scenario::{FORMAT_VERSION, NamedIn, Scenario};
use squadboard::domain::timeline::TimelineSettings;
use squadboard::domain::{
    Currency, Dataset, DepthChart, Fee, Formation, MoneySettings, PlayerId, Position, Window,
};
use squadboard::store::StoreError;
use squadboard::store::atomic::Expect;
use squadboard::store::scenario::{
    MAX_SCENARIO_BYTES, SaveError, load, parse, save, save_new, to_ron,
};
use std::fs;

#[test]
fn the_v1_fixture_stays_loadable_and_migrates() {
    let ds = bundled_data();
    let l = load(&fixture_path("scenario-v1.ron"), &ds).expect("v1 loads");
    assert_eq!(l.migrated_from, Some(1));
    assert!(l.unresolved.is_empty(), "{:?}", l.unresolved);
    assert!(l.xi_differences.is_empty());
    let s = &l.scenario;
    assert_eq!(s.format_version, FORMAT_VERSION);
    assert_eq!(s.name, "Konaté for Rüdiger");
    let saved = Utc
        .with_ymd_and_hms(2025, 12, 1, 18, 30, 0)
        .single()
        .expect("t");
    assert_eq!((s.created, s.modified), (saved, saved));
    let p = &s.plan;
    assert_eq!(p.date, ymd(2026, 7, 1));
    assert_eq!(p.formation(), Formation::F433);
    assert_eq!(
        p.depth.column(Position::CB),
        // Rüdiger left in format 1's plan: back at the foot for the dates before he goes.
        [
            "konate", "huijsen", "militao", "asencio", "alaba", "rudiger"
        ]
        .map(id)
    );
    assert_eq!(
        p.signings,
        vec![Signing {
            id: id("konate"),
            // Format 1 had no windows: every move is in the plan's own.
            window: Window::summer(2026),
            assumed_fee: Some(Fee {
                amount: 30_000_000,
                currency: Currency::GBP,
                approximate: true
            }),
            contract_years: None,
            loan: false,
        }]
    );
    assert_eq!(
        p.departures,
        vec![Departure {
            id: id("rudiger"),
            kind: DepartureKind::ContractNotRenewed,
            window: Window::summer(2026),
            fee: None
        }]
    );
    // Format 1 took him out of the depth chart: he is back at its foot for the days before
    // he goes, and gone from 1 July 2026.
    assert_eq!(p.depth.column(Position::CB).last(), Some(&id("rudiger")));
    assert!(!p.at(p.date).depth.contains(&id("rudiger")));
    assert_eq!(p.money, MoneySettings::for_currency(Currency::EUR));
    assert_eq!(
        p.assumptions,
        vec![
            Assumption::FitFrom {
                id: id("militao"),
                from: ymd(2026, 8, 1)
            },
            Assumption::Renews {
                id: id("carvajal"),
                until: ymd(2027, 6, 30),
                window: None,
            },
        ]
    );
    assert!(p.notes.starts_with("Konaté on a free"));
    assert_eq!(
        s.summary(&ds),
        "4-3-3 · 1 July 2026 · +Konaté −Rüdiger · ~€34.8m"
    );
    assert!(l.notices()[0].contains("written in scenario format 1"));

    // Saving writes the current format, which loads back the same, no longer migrated.
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("upgraded.ron");
    save(&out, s, Expect::Nothing).expect("save");
    let text = fs::read_to_string(&out).expect("read");
    assert!(text.contains(&format!("format_version: {FORMAT_VERSION},")));
    let again = load(&out, &ds).expect("reload");
    assert_eq!(again.migrated_from, None);
    assert_eq!(&again.scenario, s);
}

#[test]
fn the_current_format_is_pinned_by_its_fixture() {
    // If this fails, the file format changed: bump FORMAT_VERSION, freeze the old shape and
    // migrate it, rather than editing the fixture.
    let ds = bundled_data();
    let path = fixture_path("scenario-v4.ron");
    let text = fs::read_to_string(&path).expect("fixture");
    let l = load(&path, &ds).expect("v4 loads");
    assert_eq!(l.migrated_from, None);
    assert_eq!(l.scenario.plan.budgets.len(), 2);
    assert_eq!(l.scenario.plan.timeline.old_age, Some(31));
    assert!(l.notices().is_empty(), "{:?}", l.notices());
    assert_eq!(to_ron(&l.scenario).expect("ron"), text);
    assert_eq!(l.scenario.name, "Konaté and Rivero");
    let p = &l.scenario.plan;
    assert_eq!(p.signings.len(), 2);
    assert_eq!(p.signings[1].window, Window::summer(2027));
    assert_eq!(p.signings[1].contract_end(), Some(ymd(2032, 6, 30)));
    assert_eq!(p.assumptions.len(), 3);
    assert_eq!(p.money, MoneySettings::for_currency(Currency::EUR));
    assert_eq!(
        l.scenario.summary(&ds),
        "4-3-3 · 1 July 2026 · summer 2026: +Konaté −Rüdiger −Alaba; summer 2027: +Rivero · in \
         ~€34.8m + 1 unknown · out €5m · net ~€29.8m + 1 unknown"
    );
}

#[test]
fn the_v2_fixture_stays_loadable_and_migrates_without_budgets() {
    let ds = bundled_data();
    let v2 = load(&fixture_path("scenario-v2.ron"), &ds).expect("v2 loads");
    assert_eq!(v2.migrated_from, Some(2));
    assert!(v2.notices()[0].contains("written in scenario format 2"));
    assert!(v2.scenario.plan.budgets.is_empty());
    assert_eq!(v2.scenario.plan.timeline, TimelineSettings::default());
    // The same plan as the v3 fixture, less the fields format 3 added.
    let mut v3 = load(&fixture_path("scenario-v3.ron"), &ds)
        .expect("v3 loads")
        .scenario;
    v3.plan.budgets.clear();
    v3.plan.timeline = TimelineSettings::default();
    assert_eq!(v2.scenario, v3);
    // A format-2 file naming a format-3 field is refused: version 2 never had it.
    let text = fs::read_to_string(fixture_path("scenario-v2.ron")).expect("fixture");
    let bad = text.replace("        notes:", "        budgets: [],\n        notes:");
    let err = parse("bad.ron", &bad, &ds)
        .expect_err("refused")
        .to_string();
    assert!(err.contains("budgets"), "{err}");
}

#[test]
fn newer_and_unknown_versions_are_refused_naming_the_file() {
    let ds = bundled_data();
    let v2 = fs::read_to_string(fixture_path("scenario-v2.ron")).expect("fixture");
    let dir = tempfile::tempdir().expect("tempdir");
    for (version, says) in [
        (
            5,
            "scenario format version 5 is newer than this squadboard reads (1 to 4)",
        ),
        (0, "unknown scenario format version 0"),
    ] {
        let text = v2.replace("format_version: 2,", &format!("format_version: {version},"));
        let path = dir.path().join(format!("v{version}.ron"));
        fs::write(&path, &text).expect("write");
        let err = load(&path, &ds).expect_err("refused").to_string();
        let (line, col) = line_col(&text, "format_version");
        let at = format!("{}:{line}:{col}: ", path.display());
        assert!(err.starts_with(&at), "{err}");
        assert!(err.contains(says), "{err}");
    }
    // A newer file with fields this build has never heard of is refused for its version, not
    // for the fields.
    let future = v2
        .replace("format_version: 2,", "format_version: 7,")
        .replace("    name:", "    colour: Blue(3),\n    name:");
    let err = parse("future.ron", &future, &ds).expect_err("refused");
    assert!(err.to_string().contains("version 7 is newer"), "{err}");
}

#[test]
fn malformed_files_name_line_and_column() {
    let ds = bundled_data();
    let v2 = fs::read_to_string(fixture_path("scenario-v2.ron")).expect("fixture");
    let cases = [
        // (broken text, where the error points, what it says)
        (
            v2.replace("\"2026-07-01\"", "\"2026-02-30\""),
            "\"2026-02-30\"",
            "",
        ),
        (
            v2.replace("formation: \"4-3-3\"", "formation: \"4-5-1\""),
            "\"4-5-1\"",
            "unknown formation `4-5-1`",
        ),
        (
            v2.replace("kind: Sold", "kind: Swapped"),
            "Swapped",
            "Swapped",
        ),
        (v2.replace("    name: ", "    nmae: "), "nmae", "nmae"),
        (v2.replace("amount: 5000000,", "amount: -5,"), "-5", ""),
    ];
    for (text, needle, says) in cases {
        let err = parse("s.ron", &text, &ds).expect_err("malformed");
        let StoreError::Parse {
            file,
            line,
            col,
            message,
        } = &err
        else {
            panic!("not a parse error: {err}");
        };
        assert_eq!(file, "s.ron");
        let (nl, nc) = line_col(&text, needle);
        assert_eq!(*line, nl, "{err}");
        // Errors point at the value or just past it; never elsewhere on the line.
        assert!(
            *col >= nc && *col <= nc + needle.chars().count(),
            "{err} (expected near column {nc})"
        );
        assert!(message.contains(says), "{err}");
    }
    // Not RON at all, and not UTF-8.
    let err = parse("s.ron", "Scenario(format_version: 2, name: ", &ds).expect_err("cut");
    assert!(err.to_string().starts_with("s.ron:1:"), "{err}");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("latin1.ron");
    let mut bytes = b"// ok\n// caf".to_vec();
    bytes.push(0xE9);
    fs::write(&path, bytes).expect("write");
    let err = load(&path, &ds).expect_err("not utf-8").to_string();
    assert_eq!(err, format!("{}:2:7: not valid UTF-8", path.display()));
}

#[test]
fn files_over_the_size_cap_are_refused_and_never_written() {
    let ds = bundled_data();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.ron");
    let mut text = fs::read_to_string(fixture_path("scenario-v2.ron")).expect("fixture");
    text.push_str(&"// padding\n".repeat((MAX_SCENARIO_BYTES / 11 + 1) as usize));
    fs::write(&path, &text).expect("write");
    let err = load(&path, &ds).expect_err("too big").to_string();
    assert!(err.starts_with(&path.display().to_string()), "{err}");
    assert!(err.contains("larger than 1024 KiB"), "{err}");

    // A scenario whose notes would make it too big is not saved, and nothing is left behind.
    let mut s = load(&fixture_path("scenario-v2.ron"), &ds)
        .expect("v2")
        .scenario;
    s.plan.notes = "x".repeat(MAX_SCENARIO_BYTES as usize);
    let out = dir.path().join("big-notes.ron");
    let err = save(&out, &s, Expect::Anything).expect_err("too big");
    assert!(matches!(err, SaveError::TooLarge { .. }), "{err}");
    assert!(!out.exists());
}

#[test]
fn players_the_data_no_longer_has_are_kept_and_listed() {
    let ds = bundled_data();
    let v2 = fs::read_to_string(fixture_path("scenario-v2.ron")).expect("fixture");
    // Rivero is gone from the data: he is in the CB column and the signings.
    let text = v2.replace("\"rivero\"", "\"rivero-cruz\"");
    let l = parse("s.ron", &text, &ds).expect("loads the rest");
    let listed: Vec<(String, NamedIn)> = l
        .unresolved
        .iter()
        .map(|x| (x.id.to_string(), x.named_in))
        .collect();
    assert_eq!(
        listed,
        vec![
            ("rivero-cruz".into(), NamedIn::Depth(Position::CB)),
            ("rivero-cruz".into(), NamedIn::Signing),
        ]
    );
    let p = &l.scenario.plan;
    assert_eq!(p.signings.len(), 2);
    // Format 2 took Rüdiger and Alaba out; migrated, they are back at the foot for before.
    assert_eq!(p.depth.column(Position::CB).len(), 7);
    assert_eq!(p.departures.len(), 2);
    assert_eq!(p.assumptions.len(), 3);
    assert!(
        l.notices().contains(
            &"not in the loaded data, kept as written (open with --pool FILE): ? rivero-cruz in \
              the CB column, the signings"
                .to_string()
        ),
        "{:?}",
        l.notices()
    );
}

#[test]
fn a_hand_edited_xi_loses_to_the_depth_chart_and_is_reported() {
    let ds = bundled_data();
    let v4 = fs::read_to_string(fixture_path("scenario-v4.ron")).expect("fixture");
    let text = v4.replace("\"LCB\": Some(\"huijsen\")", "\"LCB\": Some(\"militao\")");
    let l = parse("s.ron", &text, &ds).expect("loads");
    let xi = l.scenario.plan.xi(&ds);
    let lcb = Formation::F433
        .slots()
        .iter()
        .position(|s| s.key == "LCB")
        .expect("slot");
    assert_eq!(xi[lcb], Some(id("huijsen")), "the depth chart wins");
    assert_eq!(l.xi_differences.len(), 1);
    assert_eq!(
        l.notices(),
        vec!["xi LCB: the file says militao, the depth chart gives huijsen (the depth chart wins)"]
    );
    // Saving writes the XI as the depth chart gives it.
    assert!(
        to_ron(&l.scenario)
            .expect("ron")
            .contains("\"LCB\": Some(\"huijsen\")")
    );
    // A hand-written file without `xi` at all is fine.
    let start = v4.find("    xi: {").expect("xi");
    let end = v4[start..].find("    },\n").expect("end") + start + "    },\n".len();
    let without = format!("{}{}", &v4[..start], &v4[end..]);
    let l = parse("s.ron", &without, &ds).expect("loads");
    assert!(l.notices().is_empty(), "{:?}", l.notices());
}

#[test]
fn new_scenarios_get_a_slug_and_never_overwrite_each_other() {
    let ds = bundled_data();
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("not-yet/scenarios");
    let now = Utc
        .with_ymd_and_hms(2026, 1, 10, 9, 0, 0)
        .single()
        .expect("t");
    let a = Scenario::new("Konaté in!", Plan::new(&ds, ymd(2026, 7, 1)), now);
    let mut b = a.clone();
    b.plan.date = ymd(2026, 9, 1);
    let (pa, _) = save_new(&folder, &a).expect("first");
    let (pb, _) = save_new(&folder, &b).expect("second");
    assert_eq!(pa, folder.join("konate-in.ron"));
    assert_eq!(pb, folder.join("konate-in-2.ron"));
    assert_eq!(load(&pa, &ds).expect("a").scenario, a);
    assert_eq!(load(&pb, &ds).expect("b").scenario, b);
}

fn fee() -> impl Strategy<Value = Fee> {
    (
        any::<u64>(),
        prop::sample::select(vec![Currency::EUR, Currency::GBP, Currency::USD]),
        any::<bool>(),
    )
        .prop_map(|(amount, currency, approximate)| Fee {
            amount,
            currency,
            approximate,
        })
}

fn window() -> impl Strategy<Value = Window> {
    (1990i32..2045, any::<bool>()).prop_map(|(y, summer)| {
        if summer {
            Window::summer(y)
        } else {
            Window::winter(y)
        }
    })
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..20_000).prop_map(|n| ymd(1990, 1, 1) + chrono::Days::new(n))
}

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..4_102_444_800, 0u32..1_000_000_000)
        .prop_map(|(s, n)| DateTime::from_timestamp(s, n).expect("in range"))
}

fn scenario(ds: &Dataset) -> impl Strategy<Value = Scenario> + use<> {
    let squad: Vec<PlayerId> = ds.squad.iter().map(|p| p.id.clone()).collect();
    let targets: Vec<PlayerId> = ds.targets.iter().map(|p| p.id.clone()).collect();
    let all: Vec<PlayerId> = squad.iter().chain(&targets).cloned().collect();
    let n_all = all.len();
    let columns = prop::collection::btree_map(
        prop::sample::select(Position::ALL.to_vec()),
        prop::sample::subsequence(all.clone(), 0..=n_all).prop_shuffle(),
        0..6,
    );
    let signings =
        prop::sample::subsequence(targets.clone(), 0..=targets.len()).prop_flat_map(|ids| {
            ids.into_iter()
                .map(|id| {
                    (
                        prop::option::of(fee()),
                        window(),
                        prop::option::of(1u8..=10),
                        any::<bool>(),
                    )
                        .prop_map(
                            move |(assumed_fee, window, contract_years, loan)| Signing {
                                id: id.clone(),
                                window,
                                assumed_fee,
                                contract_years,
                                loan,
                            },
                        )
                })
                .collect::<Vec<_>>()
        });
    let kinds = prop::sample::select(DepartureKind::ALL.to_vec());
    let departures =
        prop::sample::subsequence(squad.clone(), 0..=squad.len()).prop_flat_map(move |ids| {
            let kinds = kinds.clone();
            ids.into_iter()
                .map(move |id| {
                    (kinds.clone(), prop::option::of(fee()), window()).prop_map(
                        move |(kind, fee, window)| Departure {
                            id: id.clone(),
                            kind,
                            window,
                            fee,
                        },
                    )
                })
                .collect::<Vec<_>>()
        });
    let who = prop::sample::select(all);
    let assumption = prop_oneof![
        (who.clone(), date()).prop_map(|(id, from)| Assumption::FitFrom { id, from }),
        (who.clone(), date(), prop::option::of(date()))
            .prop_map(|(id, since, until)| Assumption::InjuredUntil { id, since, until }),
        (who, date(), prop::option::of(window()))
            .prop_map(|(id, until, window)| Assumption::Renews { id, until, window }),
    ];
    let plan = (
        date(),
        prop::sample::select(Formation::ALL.to_vec()),
        columns,
        signings,
        departures,
        prop::collection::vec(assumption, 0..5),
        any::<String>(),
        prop::collection::vec(
            (window(), fee()).prop_map(|(window, amount)| WindowBudget { window, amount }),
            0..3,
        ),
        prop::option::of(0u32..60).prop_map(|old_age| TimelineSettings { old_age }),
        (
            prop::sample::select(Currency::ALL.to_vec()),
            prop::sample::select(vec![0.5, 1.16, 0.8621, 1.0e-4, 123_456.789]),
        )
            .prop_map(|(currency, rate)| {
                let mut m = MoneySettings::for_currency(currency);
                let other = Currency::ALL.into_iter().find(|c| *c != currency);
                if let Some(c) = other {
                    m.set_rate(c, rate).expect("rate");
                }
                m
            }),
    )
        .prop_map(
            |(
                date,
                formation,
                columns,
                signings,
                departures,
                assumptions,
                notes,
                budgets,
                timeline,
                money,
            )| Plan {
                date,
                depth: DepthChart { formation, columns },
                signings,
                departures,
                assumptions,
                notes,
                budgets,
                timeline,
                money,
                pool_names: Default::default(),
            },
        );
    // Any scenario the board can hold: one that keeps its rules (a player once per column,
    // signings = targets placed), as every plan the board edits does.
    let ds = ds.clone();
    (any::<String>(), time(), time(), plan).prop_map(move |(name, created, modified, mut plan)| {
        plan.normalize(&ds);
        Scenario {
            format_version: FORMAT_VERSION,
            name,
            created,
            modified,
            plan,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_scenario_saves_and_loads_back_equal(s in scenario(&bundled_data())) {
        let ds = bundled_data();
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        let fp = save(&path, &s, Expect::Nothing).expect("save");
        let l = load(&path, &ds).expect("load");
        prop_assert_eq!(&l.scenario, &s);
        prop_assert!(l.unresolved.is_empty());
        prop_assert!(l.xi_differences.is_empty());
        prop_assert_eq!(l.migrated_from, None);
        prop_assert!(l.fingerprint.same_content(&fp));
        // And saving what was loaded writes the same bytes.
        prop_assert_eq!(to_ron(&l.scenario).expect("ron"), fs::read_to_string(&path).expect("read"));
    }
}
