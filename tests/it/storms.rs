//! Event storms: random sequences of about 200 terminal events — bound keys, stray characters,
//! Enter/Esc/Tab/arrows, Ctrl and Alt chords, mouse presses, drags, releases and wheel turns at
//! random cells and on what the last frame drew, resizes down to nothing, pastes — fed through
//! the real input map and `Board::apply` exactly as the event loop does (draw, then the event's
//! actions, file effects included, in a temporary scenario folder).
//!
//! After every event the plan's invariants hold, every cursor is in range and the frame draws at
//! the current size; at the end the board's plan saves and loads back equal.
//!
//! 60 storms by default; `SQUADBOARD_FULL=1` runs 10,000.

use crate::common::{
    bundled_data, char_press, drag_begun, full_run, key_press, key_with, list_row, mouse_at,
    render_with,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use squadboard::app::effects::scenario_of;
use squadboard::app::{Board, Modal};
use squadboard::domain::PlayerId;
use squadboard::domain::scenario::Scenario;
use squadboard::input::{Command, HitMap, Keymap, event_to_actions};
use squadboard::store;
use squadboard::store::atomic::Expect;
use squadboard::ui::Theme;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

const SCENARIO_V2: &str = include_str!("../fixtures/scenario-v2.ron");
const SCENARIO_V1: &str = include_str!("../fixtures/scenario-v1.ron");

/// Where a mouse event lands: on something the last frame drew (a hit, picked by number, at a
/// cell inside it), or at any cell of the terminal and a little beyond.
#[derive(Debug, Clone, Copy)]
enum Target {
    Hit { n: usize, dx: u16, dy: u16 },
    Cell { x: u16, y: u16 },
}

#[derive(Debug, Clone)]
enum Ev {
    /// A key the keymap binds (by number among all bound keys, quit left out).
    Bound(usize),
    /// Quit, by `q` or Ctrl-c: ends the storm when the board agrees to quit.
    Quit(bool),
    Char(char),
    Special(KeyCode),
    Ctrl(char),
    Alt(char),
    /// A key released: the loop must ignore it.
    Released(char),
    Mouse(MouseEventKind, Target),
    /// Press on one spot, drag a cell aside, drag to another, release there.
    Gesture(Target, Target),
    Resize(u16, u16),
    Paste(String),
    Focus(bool),
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        3 => (any::<usize>(), any::<u16>(), any::<u16>()).prop_map(|(n, dx, dy)| Target::Hit { n, dx, dy }),
        1 => (0u16..=310, 0u16..=110).prop_map(|(x, y)| Target::Cell { x, y }),
    ]
}

fn printable() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z').prop_filter("q quits", |c| *c != 'q'),
        1 => proptest::char::range('A', 'Z'),
        1 => proptest::char::range('0', '9'),
        2 => prop::sample::select(vec![
            ' ', '/', '?', '[', ']', '{', '}', '"', '\\', '\'', ',', '.', '-', ':', 'é', 'ü',
            'ñ', 'ß', '日', '本', '👍', '\u{301}', '\u{200b}', '\u{202e}', 'ǅ',
        ]),
        1 => any::<char>().prop_filter("printable", |c| !c.is_control()),
    ]
}

fn special() -> impl Strategy<Value = KeyCode> {
    prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Insert,
        KeyCode::F(1),
        KeyCode::F(12),
    ])
}

fn mouse_kind() -> impl Strategy<Value = MouseEventKind> {
    prop::sample::select(vec![
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Drag(MouseButton::Left),
        MouseEventKind::Up(MouseButton::Left),
        MouseEventKind::ScrollUp,
        MouseEventKind::ScrollDown,
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::Moved,
        MouseEventKind::ScrollLeft,
    ])
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        2 => (0u16..12, 0u16..8),
        3 => (76u16..=84, 20u16..=28),
        3 => (80u16..=300, 24u16..=100),
        1 => (0u16..=300, 0u16..=100),
    ]
}

fn ev() -> impl Strategy<Value = Ev> {
    prop_oneof![
        30 => any::<usize>().prop_map(Ev::Bound),
        1 => any::<bool>().prop_map(Ev::Quit),
        8 => printable().prop_map(Ev::Char),
        10 => special().prop_map(Ev::Special),
        2 => proptest::char::range('a', 'z').prop_filter("Ctrl-c quits", |c| *c != 'c').prop_map(Ev::Ctrl),
        1 => printable().prop_map(Ev::Alt),
        1 => printable().prop_map(Ev::Released),
        15 => (mouse_kind(), target()).prop_map(|(k, t)| Ev::Mouse(k, t)),
        10 => (target(), target()).prop_map(|(a, b)| Ev::Gesture(a, b)),
        2 => size().prop_map(|(w, h)| Ev::Resize(w, h)),
        2 => prop_oneof![".{0,30}", "[a-z \n\r\t\"\\\\]{0,12}"].prop_map(Ev::Paste),
        // Paste-sized inputs (issue 13): up to 1.1 MB, lines and control characters included.
        1 => ("[a-zé\n\u{1b}]{1,4}", 1usize..1_100_000)
            .prop_map(|(unit, n)| Ev::Paste(unit.repeat(n / unit.len().max(1)))),
        1 => any::<bool>().prop_map(Ev::Focus),
    ]
}

/// A storm: where it starts (terminal size, a recovery file waiting or not) and its events.
#[derive(Debug, Clone)]
struct Storm {
    size: (u16, u16),
    recovery: bool,
    events: Vec<Ev>,
}

fn storm() -> impl Strategy<Value = Storm> {
    (
        prop_oneof![4 => Just((120u16, 40u16)), 1 => size()],
        prop::bool::weighted(0.2),
        prop::collection::vec(ev(), 200),
    )
        .prop_map(|(size, recovery, events)| Storm {
            size,
            recovery,
            events,
        })
}

fn cell(t: Target, hits: &HitMap, (w, h): (u16, u16)) -> (u16, u16) {
    match t {
        Target::Hit { n, dx, dy } if !hits.hits.is_empty() => {
            let a = hits.hits[n % hits.hits.len()].area;
            (a.x + dx % a.width.max(1), a.y + dy % a.height.max(1))
        }
        Target::Hit { dx, dy, .. } => (dx % w.saturating_add(2), dy % h.saturating_add(2)),
        Target::Cell { x, y } => (x, y),
    }
}

/// Every key the keymap binds except quit's, as terminal events.
fn bound_keys(km: &Keymap) -> Vec<Event> {
    let mut out = Vec::new();
    for (cmd, keys) in km.entries() {
        if cmd == Command::Quit {
            continue;
        }
        for k in keys {
            let mut mods = KeyModifiers::NONE;
            if k.ctrl {
                mods |= KeyModifiers::CONTROL;
            }
            if k.alt {
                mods |= KeyModifiers::ALT;
            }
            if matches!(k.code, KeyCode::Char(c) if c.is_uppercase()) {
                mods |= KeyModifiers::SHIFT;
            }
            out.push(key_with(k.code, mods));
        }
    }
    out
}

fn render(board: &Board, theme: &Theme, (w, h): (u16, u16)) -> HitMap {
    render_with(board, w, h, theme).1
}

/// The scenario folder a storm starts with: two good scenarios (one in the old format), one
/// broken, one from a newer squadboard.
fn seed_folder(dir: &Path) {
    for (name, text) in [
        ("konate-and-rivero.ron", SCENARIO_V2.to_string()),
        ("konate-for-rudiger.ron", SCENARIO_V1.to_string()),
        (
            "broken.ron",
            "Scenario(format_version: 2, name: \"broken\",".to_string(),
        ),
        (
            "from-the-future.ron",
            SCENARIO_V2.replace("format_version: 2", "format_version: 9"),
        ),
    ] {
        std::fs::write(dir.join(name), text).expect("seeded");
    }
}

fn check_invariants(b: &Board) -> Result<(), TestCaseError> {
    let xi: Vec<PlayerId> = b.doc.shown.xi(&b.doc.ds).into_iter().flatten().collect();
    let unique: BTreeSet<&PlayerId> = xi.iter().collect();
    prop_assert_eq!(xi.len(), unique.len(), "a player twice in the XI: {:?}", xi);
    let signed: BTreeSet<&PlayerId> = b.doc.plan.signings.iter().map(|s| &s.id).collect();
    prop_assert_eq!(
        signed.len(),
        b.doc.plan.signings.len(),
        "a signing listed twice"
    );
    let placed: BTreeSet<&PlayerId> = b
        .doc
        .plan
        .depth
        .players()
        .filter(|id| b.doc.ds.is_target(id))
        .collect();
    prop_assert_eq!(
        signed,
        placed,
        "signings are the targets in the depth chart"
    );
    for (pos, col) in &b.doc.shown.depth.columns {
        let set: BTreeSet<&PlayerId> = col.iter().collect();
        prop_assert_eq!(set.len(), col.len(), "a player twice in the {} column", pos);
    }
    let cols = b.depth_columns();
    let (col, row) = b.view.depth_cursor;
    match cols.get(col) {
        Some(pos) => prop_assert!(
            row < b.depth_rows(*pos),
            "depth row {} of {}",
            row,
            b.depth_rows(*pos)
        ),
        None => prop_assert_eq!((col, row), (0, 0), "no columns, cursor at the origin"),
    }
    prop_assert!(b.view.slot_cursor < b.doc.plan.formation().slots().len());
    prop_assert!(
        b.view.list_cursor < b.view.list.len().max(1),
        "list cursor {} of {}",
        b.view.list_cursor,
        b.view.list.len()
    );
    if let Some(Modal::Picker(p)) = &b.view.modal {
        prop_assert!(p.cursor < p.visible().len().max(1), "picker cursor");
    }
    if let Some(Modal::Menu { items, .. }) = &b.view.modal {
        prop_assert!(!items.is_empty(), "an empty menu");
    }
    Ok(())
}

fn run_storm(storm: &Storm, keys: &[Event]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    seed_folder(dir.path());
    let ds = Arc::new(bundled_data());
    let mut board = crate::common::new_board(Arc::clone(&ds), None);
    board.doc.scenarios_dir = dir.path().to_path_buf();
    if storm.recovery {
        let mut s = Scenario::new("left behind", board.doc.plan.clone(), chrono::Utc::now());
        s.plan.notes = "written by a storm".into();
        store::recovery::write(dir.path(), &s, None, None).expect("recovery written");
        board.offer_recovery();
        prop_assert!(board.view.modal.is_some(), "the recovery is offered");
    }
    let theme = Theme::default();
    let mut size = storm.size;
    let mut events = Vec::new();
    for e in &storm.events {
        // Gestures are several events, each on the frame drawn after the last.
        match e {
            Ev::Gesture(a, b) => {
                events.push(Ev::Mouse(MouseEventKind::Down(MouseButton::Left), *a));
                events.push(Ev::Mouse(
                    MouseEventKind::Drag(MouseButton::Left),
                    match *a {
                        Target::Hit { n, dx, dy } => Target::Hit {
                            n,
                            dx: dx.wrapping_add(1),
                            dy,
                        },
                        Target::Cell { x, y } => Target::Cell { x: x + 1, y },
                    },
                ));
                events.push(Ev::Mouse(MouseEventKind::Drag(MouseButton::Left), *b));
                events.push(Ev::Mouse(MouseEventKind::Up(MouseButton::Left), *b));
            }
            other => events.push(other.clone()),
        }
    }
    for (n, e) in events.iter().enumerate() {
        // The loop: draw (the hits come from this frame), stop on quit, then the event.
        let hits = render(&board, &theme, size);
        if board.view.should_quit {
            break;
        }
        let event = match e {
            Ev::Bound(i) => keys[i % keys.len()].clone(),
            Ev::Quit(ctrl) => {
                if *ctrl {
                    key_with(KeyCode::Char('c'), KeyModifiers::CONTROL)
                } else {
                    char_press('q')
                }
            }
            Ev::Char(c) => char_press(*c),
            Ev::Special(code) => key_press(*code),
            Ev::Ctrl(c) => key_with(KeyCode::Char(*c), KeyModifiers::CONTROL),
            Ev::Alt(c) => key_with(KeyCode::Char(*c), KeyModifiers::ALT),
            Ev::Released(c) => Event::Key(KeyEvent::new_with_kind(
                KeyCode::Char(*c),
                KeyModifiers::NONE,
                KeyEventKind::Release,
            )),
            Ev::Mouse(kind, t) => {
                let (x, y) = cell(*t, &hits, size);
                mouse_at(*kind, x, y)
            }
            Ev::Gesture(..) => unreachable!("expanded above"),
            Ev::Resize(w, h) => Event::Resize(*w, *h),
            Ev::Paste(s) => Event::Paste(s.clone()),
            Ev::Focus(gained) => {
                if *gained {
                    Event::FocusGained
                } else {
                    Event::FocusLost
                }
            }
        };
        let before = (board.doc.plan.clone(), board.view.modal.clone());
        let actions = event_to_actions(&event, &board, crate::common::keymap(), &hits);
        if matches!(e, Ev::Released(_) | Ev::Focus(_)) {
            prop_assert!(actions.is_empty(), "{:?} asked for {:?}", event, actions);
        }
        for action in actions {
            let left = board.apply(action);
            prop_assert!(left.is_empty(), "effects left undone: {:?}", left);
        }
        if let Event::Resize(w, h) = event {
            size = (w, h);
        }
        check_invariants(&board).map_err(|e| {
            TestCaseError::fail(format!(
                "after event {n} {event:?} (modal before: {:?}): {e}",
                before.1
            ))
        })?;
    }
    render(&board, &theme, size);

    // What the board holds saves and loads back as it is.
    let name = board.doc.file.name.clone();
    let s = scenario_of(&board, &name, chrono::Utc::now());
    let path = dir.path().join("zz-storm-end.ron");
    store::scenario::save(&path, &s, Expect::Anything)
        .map_err(|e| TestCaseError::fail(format!("saving the storm's plan: {e}")))?;
    let loaded = store::scenario::load(&path, &ds)
        .map_err(|e| TestCaseError::fail(format!("loading the storm's plan: {e}")))?;
    prop_assert_eq!(&loaded.scenario.plan, &board.doc.plan);
    prop_assert_eq!(&loaded.scenario.name, &name);
    prop_assert!(loaded.unresolved.is_empty(), "{:?}", loaded.unresolved);
    prop_assert!(
        loaded.xi_differences.is_empty(),
        "{:?}",
        loaded.xi_differences
    );
    Ok(())
}

// Two halves, so the two cores share the storms.
proptest! {
    #![proptest_config(ProptestConfig {
        cases: if full_run() { 5_000 } else { 30 },
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn event_storms_keep_the_board_whole(storm in storm()) {
        let keys = bound_keys(&Keymap::default_keys());
        run_storm(&storm, &keys)?;
    }

    #[test]
    fn event_storms_keep_the_board_whole_too(storm in storm()) {
        let keys = bound_keys(&Keymap::default_keys());
        run_storm(&storm, &keys)?;
    }
}

/// The storms reach what they are meant to: a scripted storm of the same events opens the
/// picker, sorts the target table, signs a player by mouse from it, saves, and ends with a
/// plan that differs from the start.
#[test]
fn a_scripted_storm_reaches_the_picker_a_signing_and_a_save() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    seed_folder(dir.path());
    let ds = Arc::new(bundled_data());
    let mut board = crate::common::new_board(Arc::clone(&ds), None);
    board.doc.scenarios_dir = dir.path().to_path_buf();
    let theme = Theme::default();
    let size = (120, 40);
    let send = |board: &mut Board, ev: Event| {
        let hits = render(board, &theme, size);
        for a in event_to_actions(&ev, board, crate::common::keymap(), &hits) {
            board.apply(a);
        }
        check_invariants(board).expect("invariants");
    };
    send(&mut board, char_press('o'));
    assert!(
        matches!(&board.view.modal, Some(Modal::Picker(p)) if p.entries.len() == 4),
        "{:?}",
        board.view.modal
    );
    send(&mut board, key_press(KeyCode::Esc));
    assert!(board.view.modal.is_none());
    // The target pane as a table sorted by name, then back to its own order and sorted again
    // the other way: the drag below starts from a table row.
    for c in ['v', 's', 'r', 'v', 'v'] {
        send(&mut board, char_press(c));
    }
    assert!(board.view.table.shown);
    assert!(board.view.table.descending, "{:?}", board.view.table);
    // Konaté from the target table onto the depth chart's first CB row, by mouse.
    let hits = render(&board, &theme, size);
    let row = list_row(&board, "konate");
    let from = hits
        .area_of(squadboard::app::Spot::ListRow(row))
        .expect("drawn");
    let cb = board
        .depth_columns()
        .iter()
        .position(|p| *p == squadboard::domain::Position::CB)
        .expect("a CB column");
    let to = hits
        .area_of(squadboard::app::Spot::Depth { col: cb, row: 0 })
        .expect("drawn");
    for ev in drag_begun(from.x + 2, from.y) {
        send(&mut board, ev);
    }
    send(
        &mut board,
        mouse_at(MouseEventKind::Drag(MouseButton::Left), to.x + 1, to.y),
    );
    send(
        &mut board,
        mouse_at(MouseEventKind::Up(MouseButton::Left), to.x + 1, to.y),
    );
    assert!(board.doc.plan.is_signing(&PlayerId::new("konate")));
    // Ctrl-s asks for a name, typed and accepted: the file is in the temporary folder.
    send(
        &mut board,
        key_with(KeyCode::Char('s'), KeyModifiers::CONTROL),
    );
    for c in "Storm".chars() {
        send(&mut board, char_press(c));
    }
    send(&mut board, key_press(KeyCode::Enter));
    assert!(
        dir.path().join("storm.ron").exists(),
        "{:?}",
        board.view.message
    );
    assert!(!board.doc.dirty());
}
