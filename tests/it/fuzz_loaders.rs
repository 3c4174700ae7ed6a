//! Malformed input, every loader: the real files, cut short, with bytes flipped, with nasty
//! snippets pushed in and tokens swapped out. Whatever comes in, loading never panics; an error
//! names the file and a line and column inside it; and whatever loads draws on the board.
//!
//! Default case counts keep `cargo test` quick; `SQUADBOARD_FULL=1` runs 10,000 cases a loader.

use crate::common::{bundled_data, full_run, keymap};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use squadboard::app::{Action, Board, Done, Modal};
use squadboard::domain::DataFile;
use squadboard::input::{Command, Keymap};
use squadboard::store::ron_file::decode_utf8;
use squadboard::store::scenario as scenarios;
use squadboard::store::{Sources, StoreError};
use squadboard::ui::{self, Theme};
use std::path::PathBuf;
use std::sync::Arc;

const SQUAD: &str = include_str!("../../data/real-madrid/squad.ron");
const TARGETS: &str = include_str!("../../data/real-madrid/targets.ron");
const DEPTH: &str = include_str!("../../data/real-madrid/depth.ron");
const SCENARIO_V2: &str = include_str!("../fixtures/scenario-v2.ron");
const SCENARIO_V1: &str = include_str!("../fixtures/scenario-v1.ron");
/// Format 4: windows, a contract length, a renewal's window, budgets by window, money and rates.
const SCENARIO_V4: &str = include_str!("../fixtures/scenario-v4.ron");
const KEYMAP: &str = include_str!("../../assets/keymap.ron");
const THEME: &str = include_str!("../../assets/theme.ron");
const PLAYERS_CSV: &str = include_str!("../fixtures/players.csv");

/// `default` cases in a plain `cargo test`, 10,000 with `SQUADBOARD_FULL=1`.
fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: if full_run() { 10_000 } else { default },
        // Shrunk failures are printed; no regression files are written into the tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// What gets pushed into the text: deep nesting, huge and negative numbers, impossible dates,
/// unknown fields, wrong types, unbalanced brackets and quotes, NUL, invalid UTF-8.
fn snippets() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = [
        "99999999999999999999999999999",
        "18446744073709551615",
        "18446744073709551616",
        "2147483648",
        "4294967295",
        "-1",
        "-9223372036854775808",
        "1e999",
        "-0.0",
        "NaN",
        "inf",
        "0x",
        "\"2025-02-30\"",
        "\"2025-13-01\"",
        "\"0000-00-00\"",
        "\"+262142-12-31\"",
        "\"-262143-01-01\"",
        "\"9999/00\"",
        "\"2024/26\"",
        "\"2024-1\"",
        "\"2024-02-29\"",
        "\"1-1-1\"",
        "unknown_field: 1,",
        "id: \"x\",",
        "players: [],",
        "Some(",
        "Some(Some(",
        "None",
        "Some(\"\")",
        "true",
        "()",
        "[]",
        "{}",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ",",
        ",,",
        ":",
        "\"",
        "'",
        "\\",
        "\\\"",
        "\"\"",
        "\"\\u{0}\"",
        "\"\\u{d800}\"",
        "\"\\u{10FFFF}\"",
        "r#\"raw\"#",
        "b\"bytes\"",
        "'x'",
        "/*",
        "*/",
        "//",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "\0",
        "\u{feff}",
        "\u{202e}",
        "ǅ̈́",
        "日本語",
        "👨‍👩‍👧",
        "#![enable(implicit_some)]",
        "#![enable(unwrap_newtypes)]",
        "Player(",
        "Fee(amount: 18446744073709551615, currency: GBP, approximate: true)",
        "ReportedAge(age: 2147483648, on: \"2025-01-01\")",
        "CB",
        "GK",
        "ZZ",
        "\"4-4-2\"",
        "\"9-9-9\"",
        "\"konate\"",
        "\"huijsen\"",
        "\"ctrl-\"",
        "\"alt-alt-\"",
        "\"f13\"",
        "\"#ff88\"",
        "\"reddish\"",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    out.push("[".repeat(300).into_bytes());
    out.push("(".repeat(300).into_bytes());
    out.push("{".repeat(200).into_bytes());
    out.push("Some(".repeat(100).into_bytes());
    out.push(format!("{}1{}", "[".repeat(100), "]".repeat(100)).into_bytes());
    out.push(format!("\"{}\"", "x".repeat(5000)).into_bytes());
    out.push("9".repeat(400).into_bytes());
    // Invalid UTF-8: lone continuation, truncated lead, overlong, surrogate, out of range.
    for bad in [
        &[0x80u8][..],
        &[0xc3],
        &[0xe2, 0x82],
        &[0xc0, 0xaf],
        &[0xed, 0xa0, 0x80],
        &[0xf4, 0x90, 0x80, 0x80],
        &[0xff, 0xfe],
    ] {
        out.push(bad.to_vec());
    }
    out
}

/// A place in the text as it is when the mutation applies: the byte `n % (len + 1)`.
#[derive(Debug, Clone, Copy)]
struct At(u32);

impl At {
    fn of(self, len: usize) -> usize {
        self.0 as usize % (len + 1)
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Cut the file short at a byte.
    Truncate(At),
    /// XOR one byte with a non-zero mask.
    Flip(At, u8),
    /// Insert a snippet (by its number) at a byte.
    Insert(At, usize),
    /// Replace the token (word, number or string) around a byte with a snippet.
    Replace(At, usize),
    /// Replace the token around a byte with the token around a byte of the original file.
    Swap(At, At),
    /// Delete a few bytes.
    Delete(At, usize),
}

fn at() -> impl Strategy<Value = At> {
    any::<u32>().prop_map(At)
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => at().prop_map(Mutation::Truncate),
        3 => (at(), 1u8..=255).prop_map(|(i, m)| Mutation::Flip(i, m)),
        4 => (at(), any::<usize>()).prop_map(|(i, s)| Mutation::Insert(i, s)),
        4 => (at(), any::<usize>()).prop_map(|(i, s)| Mutation::Replace(i, s)),
        3 => (at(), at()).prop_map(|(i, j)| Mutation::Swap(i, j)),
        2 => (at(), 1usize..24).prop_map(|(i, n)| Mutation::Delete(i, n)),
    ]
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(mutation(), 1..5)
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'+' | b'#' | b'/')
}

/// The byte range of the token around `at`: a quoted string, a run of word bytes, or the one
/// byte.
fn token_at(bytes: &[u8], at: usize) -> std::ops::Range<usize> {
    if at >= bytes.len() {
        return bytes.len()..bytes.len();
    }
    // Inside a string on this line? Take the whole string.
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let quotes_before = bytes[line_start..at].iter().filter(|&&b| b == b'"').count();
    if bytes[at] == b'"' || quotes_before % 2 == 1 {
        let open = if bytes[at] == b'"' && quotes_before % 2 == 0 {
            at
        } else {
            bytes[..at].iter().rposition(|&b| b == b'"').unwrap_or(at)
        };
        let close = bytes[open + 1..]
            .iter()
            .position(|&b| b == b'"')
            .map_or(bytes.len(), |p| open + 1 + p + 1);
        return open..close;
    }
    if !is_word(bytes[at]) {
        return at..at + 1;
    }
    let start = bytes[..at]
        .iter()
        .rposition(|&b| !is_word(b))
        .map_or(0, |p| p + 1);
    let end = bytes[at..]
        .iter()
        .position(|&b| !is_word(b))
        .map_or(bytes.len(), |p| at + p);
    start..end
}

fn apply(original: &[u8], muts: &[Mutation], snippets: &[Vec<u8>]) -> Vec<u8> {
    let mut b = original.to_vec();
    for m in muts {
        match *m {
            Mutation::Truncate(i) => b.truncate(i.of(b.len())),
            Mutation::Flip(i, mask) => {
                if !b.is_empty() {
                    let at = i.of(b.len() - 1);
                    b[at] ^= mask;
                }
            }
            Mutation::Insert(i, s) => {
                let at = i.of(b.len());
                let s = &snippets[s % snippets.len()];
                b.splice(at..at, s.iter().copied());
            }
            Mutation::Replace(i, s) => {
                let range = token_at(&b, i.of(b.len()));
                b.splice(range, snippets[s % snippets.len()].iter().copied());
            }
            Mutation::Swap(i, j) => {
                let range = token_at(&b, i.of(b.len()));
                let from = token_at(original, j.of(original.len()));
                let other = original.get(from).unwrap_or(&[]).to_vec();
                b.splice(range, other);
            }
            Mutation::Delete(i, n) => {
                let at = i.of(b.len());
                let end = (at + n).min(b.len());
                b.drain(at..end);
            }
        }
    }
    b
}

/// `name:line:col: ` at the start of a message: the place, read back.
fn leading_place<'a>(message: &str, names: &[&'a str]) -> Option<(&'a str, usize, usize)> {
    for name in names {
        let Some(rest) = message.strip_prefix(name) else {
            continue;
        };
        let mut parts = rest.splitn(4, ':');
        let (Some(""), Some(l), Some(c), Some(msg)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if let (Ok(l), Ok(c)) = (l.parse(), c.parse())
            && msg.starts_with(' ')
        {
            return Some((name, l, c));
        }
    }
    None
}

/// An error names one of `files` (name, text as read) and a line and column that exist in it.
fn assert_placed(err: &StoreError, files: &[(&str, &str)]) -> Result<(), TestCaseError> {
    let shown = err.to_string();
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    let (name, line, col) = leading_place(&shown, &names)
        .ok_or_else(|| TestCaseError::fail(format!("no `file:line:col:` in {shown:?}")))?;
    if let StoreError::Parse {
        file,
        line: l,
        col: c,
        message,
    } = err
    {
        prop_assert_eq!(file.as_str(), name);
        prop_assert_eq!((*l, *c), (line, col));
        prop_assert!(!message.trim().is_empty(), "an empty message: {}", shown);
    }
    let text = files
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, t)| *t);
    let lines: Vec<&str> = text.split('\n').collect();
    prop_assert!(
        line >= 1 && line <= lines.len(),
        "line {} outside the file's {} lines: {}",
        line,
        lines.len(),
        shown
    );
    prop_assert!(
        col >= 1 && col <= lines[line - 1].chars().count() + 1,
        "column {} outside line {} ({} chars): {}",
        col,
        line,
        lines[line - 1].chars().count(),
        shown
    );
    Ok(())
}

fn render(board: &Board, km: &Keymap, theme: &Theme, w: u16, h: u16) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    ui::render(area, &mut buf, board, km, theme);
    buf
}

/// Draws a board at both layouts, with the focus on every pane and the details open.
fn draw_everything(board: &mut Board, km: &Keymap, theme: &Theme) {
    for (w, h) in [(120, 40), (80, 24)] {
        render(board, km, theme, w, h);
    }
    for _ in 0..3 {
        board.update(Action::Command(Command::NextPane));
        render(board, km, theme, 120, 40);
    }
    board.update(Action::Command(Command::Open));
    render(board, km, theme, 80, 24);
    board.update(Action::Command(Command::Cancel));
}

fn original(which: DataFile) -> &'static str {
    match which {
        DataFile::Squad => SQUAD,
        DataFile::Targets => TARGETS,
        DataFile::Depth => DEPTH,
    }
}

/// A data folder with one file mutated, loaded as `squadboard --data` would load it.
fn fuzz_data_file(which: DataFile, muts: &[Mutation]) -> Result<(), TestCaseError> {
    check_data_file(which, apply(original(which).as_bytes(), muts, &snippets()))
}

/// A data folder with one file's bytes replaced: loads or says where it is wrong; draws if it
/// loads.
fn check_data_file(which: DataFile, bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let mut sources = Sources::bundled();
    sources.dir = Some(PathBuf::from("fuzz/data"));
    let name = sources.shown(which);
    let text = match decode_utf8(&name, bytes.clone()) {
        Ok(t) => t,
        Err(e) => {
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            return assert_placed(&e, &[(name.as_str(), lossy.as_str())]);
        }
    };
    for (f, t) in sources.texts.iter_mut() {
        if *f == which {
            *t = text.clone();
        }
    }
    let names: Vec<String> = DataFile::ALL.iter().map(|f| sources.shown(*f)).collect();
    let files: Vec<(&str, &str)> = DataFile::ALL
        .iter()
        .zip(&names)
        .map(|(f, n)| (n.as_str(), sources.text(*f)))
        .collect();
    // `check` and `load` agree on what is wrong.
    let report = squadboard::store::check(&sources);
    match sources.load() {
        Err(errors) => {
            prop_assert!(!errors.is_empty());
            prop_assert_eq!(errors.len(), report.errors.len());
            for e in &errors {
                assert_placed(e, &files)?;
            }
        }
        Ok(ds) => {
            prop_assert!(report.is_clean(), "{:?}", report.errors);
            let mut board = crate::common::new_board(Arc::new(ds), None);
            draw_everything(&mut board, keymap(), &Theme::default());
        }
    }
    Ok(())
}

/// A scenario file mutated, parsed against the bundled data, opened on the board.
fn fuzz_scenario(original: &str, muts: &[Mutation]) -> Result<(), TestCaseError> {
    check_scenario(apply(original.as_bytes(), muts, &snippets()))
}

fn check_scenario(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let name = "fuzz/scenarios/plan.ron";
    let text = match decode_utf8(name, bytes.clone()) {
        Ok(t) => t,
        Err(e) => {
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            return assert_placed(&e, &[(name, lossy.as_str())]);
        }
    };
    let ds = Arc::new(bundled_data());
    match scenarios::parse(name, &text, &ds) {
        Err(e) => assert_placed(&e, &[(name, text.as_str())])?,
        Ok(loaded) => {
            // Whatever loads saves and loads back the same.
            let again = scenarios::to_ron(&loaded.scenario).expect("a loaded scenario writes");
            let back = scenarios::parse(name, &again, &ds).expect("what was written loads");
            prop_assert_eq!(&back.scenario, &loaded.scenario);
            // Unresolved players are kept as they were, never dropped (issue 13, item 0).
            prop_assert_eq!(&back.unresolved, &loaded.unresolved);
            prop_assert!(back.xi_differences.is_empty());
            // Opened on the board, as the picker opens it; then compared against.
            let plan = loaded.scenario.plan.clone();
            let mut board = crate::common::new_board(Arc::clone(&ds), None);
            board.update(Action::Done(Box::new(Done::Opened {
                path: PathBuf::from(name),
                loaded: Box::new(loaded),
            })));
            board.view.modal = None;
            prop_assert_eq!(&board.doc.plan, &plan);
            draw_everything(&mut board, keymap(), &Theme::default());
            board.view.modal = Some(Modal::Compare {
                name: "fuzzed".into(),
                other: Box::new(crate::common::new_board(Arc::clone(&ds), None).doc.plan),
                scroll: 0,
            });
            render(&board, keymap(), &Theme::default(), 120, 40);
            render(&board, keymap(), &Theme::default(), 80, 24);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn squad_ron_mutated(muts in mutations()) {
        fuzz_data_file(DataFile::Squad, &muts)?;
    }

    #[test]
    fn targets_ron_mutated(muts in mutations()) {
        fuzz_data_file(DataFile::Targets, &muts)?;
    }

    #[test]
    fn depth_ron_mutated(muts in mutations()) {
        fuzz_data_file(DataFile::Depth, &muts)?;
    }

    #[test]
    fn scenario_v2_mutated(muts in mutations()) {
        fuzz_scenario(SCENARIO_V2, &muts)?;
    }

    #[test]
    fn scenario_v1_mutated(muts in mutations()) {
        fuzz_scenario(SCENARIO_V1, &muts)?;
    }

    #[test]
    fn keymap_mutated(muts in mutations()) {
        check_keymap(apply(KEYMAP.as_bytes(), &muts, &snippets()))?;
    }

    #[test]
    fn theme_mutated(muts in mutations()) {
        check_theme(apply(THEME.as_bytes(), &muts, &snippets()))?;
    }

    #[test]
    fn players_csv_mutated(muts in mutations()) {
        check_csv(apply(PLAYERS_CSV.as_bytes(), &muts, &csv_snippets()))?;
    }
}

/// The RON snippets, and what breaks a CSV: quotes, separators, line ends, Transfermarkt's
/// dates and numbers gone wrong.
fn csv_snippets() -> Vec<Vec<u8>> {
    let mut out = snippets();
    for s in [
        "\"",
        "\"\"",
        "\"a,\nb\"",
        ",",
        ",,,,,,,,",
        "\n",
        "\n\n",
        "\r",
        "2025-02-30 00:00:00",
        "2025-02-28 25:61:00",
        "+262142-12-31",
        "1e400",
        "-5.0",
        "99999999999999999999999.0",
        "18446744073709551616.0",
        "0.5",
        "Centre-Back",
        "Goalkeeper",
        "Attack",
        "both",
        "\u{feff}player_id",
        "player_id",
        "name",
        "current_club_name",
    ] {
        out.push(s.as_bytes().to_vec());
    }
    out
}

/// A `players.csv`: read as `import` and `--pool` read it. An error or a skipped row names the
/// file and its row (and column); the players read make a data folder that loads or says where
/// it is wrong, and draws on the board.
fn check_csv(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    use squadboard::store::csv_import::{CsvOptions, club_names, read_players};
    let name = "fuzz/players.csv";
    // Lines as the CSV reader (and a spreadsheet) counts them: `\n`, `\r\n` or a lone `\r`.
    let lines = 1 + bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count() as u64;
    let placed = |e: &StoreError| -> Result<(), TestCaseError> {
        let shown = e.to_string();
        prop_assert!(shown.starts_with(&format!("{name}: ")), "{}", shown);
        prop_assert!(
            shown.contains("row ") || shown.contains("header"),
            "no row in {}",
            shown
        );
        Ok(())
    };
    if let Err(e) = club_names(name, &bytes) {
        placed(&e)?;
    }
    let got = match read_players(name, &bytes[..], &CsvOptions::default(), |_, _| {}) {
        Err(e) => return placed(&e),
        Ok(got) => got,
    };
    for p in &got.problems {
        prop_assert_eq!(p.file.as_str(), name);
        prop_assert!(
            p.row >= 2 && p.row <= lines + 1,
            "row {} of {} lines: {}",
            p.row,
            lines,
            p
        );
        prop_assert!(
            p.to_string().starts_with(&format!("{name}:{}:", p.row)),
            "{}",
            p
        );
    }
    // The same bytes as a `--pool` file: the same players, the same rows skipped.
    let mut file = tempfile::Builder::new()
        .suffix(".csv")
        .tempfile()
        .expect("a temporary file");
    std::io::Write::write_all(&mut file, &bytes).expect("written");
    let shown = file.path().display().to_string();
    let pool = squadboard::store::pool::load_pool(file.path(), |_| {})
        .map_err(|e| TestCaseError::fail(format!("read_players read it, the pool did not: {e}")))?;
    prop_assert_eq!(pool.players.len(), got.players.len());
    prop_assert_eq!(pool.problems.len(), got.problems.len());
    for (p, q) in pool.problems.iter().zip(&got.problems) {
        prop_assert!(p.starts_with(&format!("{shown}:{}:", q.row)), "{}", p);
    }
    let texts = squadboard::cli::import::data_folder_texts("Fuzz FC", &got.players, name)
        .map_err(TestCaseError::fail)?;
    let sources = Sources {
        dir: Some(PathBuf::from("fuzz/import")),
        texts,
    };
    let names: Vec<String> = DataFile::ALL.iter().map(|f| sources.shown(*f)).collect();
    let files: Vec<(&str, &str)> = DataFile::ALL
        .iter()
        .zip(&names)
        .map(|(f, n)| (n.as_str(), sources.text(*f)))
        .collect();
    match sources.load() {
        Err(errors) => {
            for e in &errors {
                assert_placed(e, &files)?;
            }
        }
        Ok(ds) => {
            prop_assert_eq!(ds.squad.len(), got.players.len());
            let mut board = crate::common::new_board(Arc::new(ds), None);
            draw_everything(&mut board, keymap(), &Theme::default());
        }
    }
    Ok(())
}

/// A user keymap: loads or says where it is wrong; every binding it keeps answers; the board
/// and the help draw with it.
fn check_keymap(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let name = "fuzz/config/keymap.ron";
    let lossy = String::from_utf8_lossy(&bytes).into_owned();
    let text = match decode_utf8(name, bytes) {
        Ok(t) => t,
        Err(e) => return assert_placed(&e, &[(name, lossy.as_str())]),
    };
    match Keymap::load(Some((name, &text))) {
        Err(e) => assert_placed(&e, &[(name, text.as_str())])?,
        Ok(km) => {
            for (cmd, keys) in km.entries() {
                for k in keys.iter().filter(|k| !k.alt) {
                    let mods = if k.ctrl {
                        KeyModifiers::CONTROL
                    } else {
                        KeyModifiers::NONE
                    };
                    prop_assert_eq!(km.command(&KeyEvent::new(k.code, mods)), Some(cmd), "{}", k);
                }
            }
            let mut board = crate::common::new_board(Arc::new(bundled_data()), None);
            draw_everything(&mut board, &km, &Theme::default());
            board.update(Action::Command(Command::Help));
            board.view.help = true;
            render(&board, &km, &Theme::default(), 120, 40);
            render(&board, &km, &Theme::default(), 80, 24);
        }
    }
    Ok(())
}

/// A user theme: loads or says where it is wrong; the board draws with it.
fn check_theme(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let name = "fuzz/config/theme.ron";
    let lossy = String::from_utf8_lossy(&bytes).into_owned();
    let text = match decode_utf8(name, bytes) {
        Ok(t) => t,
        Err(e) => return assert_placed(&e, &[(name, lossy.as_str())]),
    };
    match Theme::load(Some((name, &text))) {
        Err(e) => assert_placed(&e, &[(name, text.as_str())])?,
        Ok(theme) => {
            let mut board = crate::common::new_board(Arc::new(bundled_data()), None);
            draw_everything(&mut board, keymap(), &theme);
        }
    }
    Ok(())
}

/// Every value token (number or string) of a file, and in the full run every token, replaced by
/// each of the values most likely to break arithmetic or dates; the rare single-token mutations
/// random search can miss.
///
/// By default only tokens in the first `default_upto` bytes are swept (the whole file in the
/// full run).
fn sweep(
    text: &str,
    default_upto: usize,
    check: &dyn Fn(Vec<u8>) -> Result<(), TestCaseError>,
) -> usize {
    let bytes = text.as_bytes();
    // Default: the values most likely to break arithmetic, dates and ids, in every number and
    // string. Full: every snippet in every number and string, and those values in every word.
    let values: Vec<Vec<u8>> = [
        "2147483648",
        "18446744073709551615",
        "-1",
        "0",
        "\"\"",
        "\"2025-02-30\"",
        "\"+262142-12-31\"",
        "\"-262143-01-01\"",
        "\"9999/00\"",
        "\"\\u{0}\\\"\"",
        "None",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    let all = snippets();
    let mut tokens = Vec::new();
    let mut at = 0;
    let upto = if full_run() {
        bytes.len()
    } else {
        default_upto
    };
    while at < bytes.len().min(upto) {
        let t = token_at(bytes, at);
        at = t.end.max(at + 1);
        let first = bytes[t.start];
        let value = first == b'"' || first.is_ascii_digit();
        if value || full_run() {
            tokens.push((t, value));
        }
    }
    let mut runs = 0;
    for (t, value) in &tokens {
        let t = t.clone();
        for v in if *value && full_run() { &all } else { &values } {
            let mut b = bytes.to_vec();
            b.splice(t.clone(), v.iter().copied());
            if let Err(e) = check(b.clone()) {
                panic!(
                    "{e}\nwith {:?} for {:?}",
                    String::from_utf8_lossy(v),
                    String::from_utf8_lossy(&bytes[t.clone()])
                );
            }
            runs += 1;
        }
    }
    eprintln!("{runs} single-token replacements");
    runs
}

/// One data file's values swept (one test a file, so the cores share them).
fn sweep_data_file(which: DataFile) -> usize {
    sweep(original(which), usize::MAX, &|b| check_data_file(which, b))
}

#[test]
fn every_value_swept_in_squad_ron() {
    let runs = sweep_data_file(DataFile::Squad);
    assert!(runs > 2000, "{runs}");
}

#[test]
fn every_value_swept_in_targets_ron() {
    let runs = sweep_data_file(DataFile::Targets);
    assert!(runs > 800, "{runs}");
}

#[test]
fn every_value_swept_in_depth_ron() {
    let runs = sweep_data_file(DataFile::Depth);
    assert!(runs > 300, "{runs}");
    assert_eq!(
        DataFile::ALL.len(),
        3,
        "every data file has its sweep above"
    );
}

#[test]
fn every_value_swept_in_scenarios_keymap_and_theme() {
    let mut runs = sweep(SCENARIO_V2, usize::MAX, &check_scenario);
    runs += sweep(SCENARIO_V1, usize::MAX, &check_scenario);
    runs += sweep(SCENARIO_V4, usize::MAX, &check_scenario);
    runs += sweep(KEYMAP, usize::MAX, &check_keymap);
    runs += sweep(THEME, usize::MAX, &check_theme);
    assert!(runs > 500, "{runs}");
}

#[test]
fn every_value_swept_in_the_csv() {
    // The header and the first three players by default: the other rows are more of the same.
    let four_lines = PLAYERS_CSV
        .match_indices('\n')
        .nth(3)
        .map_or(PLAYERS_CSV.len(), |(i, _)| i);
    let runs = sweep(PLAYERS_CSV, four_lines, &check_csv);
    assert!(runs > 300, "{runs}");
}

/// The mutator does what it says, and the untouched files load: each error the fuzz above
/// checks comes from a mutation, not from the harness.
#[test]
fn the_mutator_mutates_and_the_originals_load() {
    let snippets = snippets();
    let text = DEPTH.as_bytes();
    let n = text.len();
    let quoted = DEPTH.find("\"huijsen\"").expect("huijsen");
    let inside = At((quoted + 3) as u32);
    assert_eq!(token_at(text, quoted + 3), quoted..quoted + 9);
    assert_eq!(token_at(text, quoted), quoted..quoted + 9);
    let word = DEPTH.find("formation").expect("formation");
    assert_eq!(token_at(text, word + 2), word..word + "formation".len());

    let flipped = apply(text, &[Mutation::Flip(inside, 0x20)], &snippets);
    assert_eq!(flipped.len(), n);
    assert_ne!(flipped, text);
    let replaced = apply(text, &[Mutation::Replace(inside, 0)], &snippets);
    let replaced = String::from_utf8_lossy(&replaced).into_owned();
    assert!(!replaced.contains("\"huijsen\""), "{replaced}");
    assert!(replaced.contains(&String::from_utf8_lossy(&snippets[0]).into_owned()));
    assert_eq!(
        apply(text, &[Mutation::Truncate(At(10))], &snippets).len(),
        10
    );
    assert_eq!(
        apply(text, &[Mutation::Delete(At(0), 5)], &snippets),
        &text[5..]
    );
    let inserted = apply(text, &[Mutation::Insert(At(0), 1)], &snippets);
    assert!(inserted.starts_with(&snippets[1]));

    let ds = Arc::new(bundled_data());
    assert!(squadboard::store::check(&Sources::bundled()).is_clean());
    for (name, text) in [("squad", SQUAD), ("targets", TARGETS), ("depth", DEPTH)] {
        assert!(!text.is_empty(), "{name}");
    }
    assert!(Keymap::load(Some(("k.ron", KEYMAP))).is_ok());
    assert!(Theme::load(Some(("t.ron", THEME))).is_ok());
    assert!(scenarios::parse("v2.ron", SCENARIO_V2, &ds).is_ok());
    assert!(scenarios::parse("v1.ron", SCENARIO_V1, &ds).is_ok());
}

/// Found while writing the fuzz (a single-token mutation reaches it, but rarely): a reported
/// age past `i32::MAX` years overflowed the birth-year arithmetic when the board drew the age.
#[test]
fn a_reported_age_past_i32_max_draws_as_unknown() {
    for age in ["2147483648", "2147485000", "4294967295"] {
        let mut sources = Sources::bundled();
        for (f, t) in sources.texts.iter_mut() {
            if *f == DataFile::Targets {
                let was = "ReportedAge(age: 22,";
                assert!(t.contains(was));
                // Only the reported age: his record birth date would win over it.
                *t = t
                    .replace(was, &format!("ReportedAge(age: {age},"))
                    .replace("            born: Some(\"2003-11-01\"),\n", "");
            }
        }
        let ds = sources.load().expect("a silly age is still data");
        let mut board = crate::common::new_board(Arc::new(ds), None);
        draw_everything(&mut board, keymap(), &Theme::default());
        let rivero = board
            .doc
            .ds
            .player(&squadboard::domain::PlayerId::new("rivero"))
            .expect("rivero");
        let age = squadboard::domain::status::age(rivero, board.doc.date);
        assert_eq!(age, squadboard::domain::status::Age::Unknown, "{age}");
    }
}

/// Found while writing the fuzz: two signings at huge assumed fees overflowed the fee total when
/// the warnings pane drew it. The total saturates instead.
#[test]
fn huge_fees_add_up_without_overflow() {
    let max = u64::MAX;
    let text = SCENARIO_V2.replace("amount: 30000000", &format!("amount: {max}")).replace(
        "id: \"rivero\",\n                assumed_fee: None,",
        &format!(
            "id: \"rivero\",\n                assumed_fee: Some(Fee(amount: {max}, currency: GBP, approximate: false)),"
        ),
    );
    assert_eq!(text.matches(&max.to_string()).count(), 2, "{text}");
    let ds = Arc::new(bundled_data());
    let loaded = scenarios::parse("huge.ron", &text, &ds).expect("huge fees parse");
    let plan = loaded.scenario.plan.clone();
    let mut board = crate::common::new_board(Arc::clone(&ds), None);
    board.update(Action::Done(Box::new(Done::Opened {
        path: PathBuf::from("huge.ron"),
        loaded: Box::new(loaded),
    })));
    board.view.modal = None;
    draw_everything(&mut board, keymap(), &Theme::default());
    let fees = squadboard::domain::warnings::assess(&ds, &plan).fees;
    // Two fees of u64::MAX pounds, at 1.16 each, in euros: beyond u64, held in i128.
    assert!(fees.fees_in.amount > i128::from(max), "{:?}", fees.fees_in);
    assert_eq!(fees.fees_in.unknown, 0);
}

/// Found while reading the layout code the fuzz drives: a depth column of 65,532 rows or more
/// overflowed the `u16` height sum of the depth pane. The scenario loader now keeps a name once
/// per column (`Plan::normalize`), so such a column is built here directly: the layout must still
/// draw it, with the pane at its usual cap.
#[test]
fn a_depth_column_longer_than_a_terminal_is_tall_draws() {
    let text = SCENARIO_V2.to_string();
    let column = vec!["\"huijsen\""; 65_528].join(",");
    let doubled = text.replacen("CB: [", &format!("CB: [{column},"), 1);
    let ds = Arc::new(bundled_data());
    let loaded = scenarios::parse("tall.ron", &doubled, &ds).expect("a long column parses");
    assert!(
        loaded.notices().iter().any(|n| n.contains("listed twice")),
        "the loader says it kept him once: {:?}",
        loaded.notices()
    );
    let mut board = crate::common::new_board(Arc::clone(&ds), None);
    board.update(Action::Done(Box::new(Done::Opened {
        path: PathBuf::from("tall.ron"),
        loaded: Box::new(loaded),
    })));
    board.view.modal = None;
    let tall: Vec<squadboard::domain::PlayerId> = (0..65_533)
        .map(|_| squadboard::domain::PlayerId::new("huijsen"))
        .collect();
    board
        .doc
        .plan
        .depth
        .columns
        .insert(squadboard::domain::Position::CB, tall);
    for (w, h) in [(120, 40), (80, 24), (300, 100)] {
        let buf = render(&board, keymap(), &Theme::default(), w, h);
        let mut top = String::new();
        for x in 0..w {
            top.push_str(buf[(x, 1)].symbol());
        }
        assert!(top.contains("CB"), "{w}×{h}: {top}");
    }
}

/// Found by `players_csv_mutated`: a CSV whose first line is empty. The CSV reader skips that
/// line and takes the header from the next; the pool's fast reader took the empty line as the
/// header ("missing required column `player_id` … columns found: none"). Both agree now.
#[test]
fn an_empty_first_line_reads_the_same_as_a_pool() {
    for lead in ["\n", "\n\n"] {
        let bytes = format!("{lead}{PLAYERS_CSV}").into_bytes();
        if let Err(e) = check_csv(bytes) {
            panic!("{lead:?} first: {e}");
        }
    }
}
