//! The real binary in a real terminal (a pseudo-terminal, `super::pty`): start on the bundled
//! data, press the keys the help lists, drag Konaté in by keyboard and by mouse (SGR mouse
//! sequences), browse to the strikers and drag a pool striker onto ST, undo, redo, quit — and
//! check the terminal is restored after a quit, a SIGTERM, a SIGHUP and a panic: main screen,
//! mouse capture off, the tty's settings as before.

use super::pty::{Term, find, sgr, signal};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Like [`find`], from the bottom of the screen up (the pitch is below the depth chart), the
/// status line left out (it may name him: "undone: … Militão drops to 3rd CB").
fn find_last(screen: &str, needle: &str) -> (u16, u16) {
    let lines: Vec<&str> = screen.lines().collect();
    let board = lines.len().saturating_sub(1);
    for (row, line) in lines.iter().enumerate().take(board).rev() {
        if let Some(at) = line.find(needle) {
            let col = line[..at].chars().count();
            return (col as u16 + 1, row as u16 + 1);
        }
    }
    panic!("`{needle}` not on screen:\n{screen}");
}

#[test]
fn every_key_in_the_help_does_what_it_says() {
    let t = Term::start();
    t.launch("");
    // ? shows the help, generated from the keymap; Esc closes it.
    t.keys(&["?"]);
    t.wait_for("from the keymap", Duration::from_secs(3));
    t.keys(&["Escape"]);
    sleep(Duration::from_millis(300));
    assert!(!t.screen().contains("from the keymap"));
    // Overlays: marks go and come back. Nobody is injured on 1 July 2026; Rüdiger is out of
    // contract (OUT) and Konaté a free agent (FREE).
    assert!(t.screen().contains("OUT"));
    t.keys(&["i"]);
    assert!(
        t.status_line().contains("injury:off"),
        "{}",
        t.status_line()
    );
    t.keys(&["c"]);
    assert!(t.status_line().contains("contract:off"));
    assert!(!t.screen().contains("FREE") && !t.screen().contains("OUT"));
    t.keys(&["i", "c"]);
    assert!(t.screen().contains("OUT") && t.screen().contains("FREE"));
    // Dates: ] [ } { w.
    t.keys(&["]"]);
    assert!(
        t.status_line().contains("1 Aug 2026"),
        "{}",
        t.status_line()
    );
    t.keys(&["["]);
    assert!(t.status_line().contains("1 Jul 2026"));
    t.keys(&["}"]);
    assert!(t.status_line().contains("1 Jul 2027 (2027/28)"));
    t.keys(&["{"]);
    t.keys(&["w"]);
    assert!(
        t.status_line().contains("1 Jan 2027"),
        "{}",
        t.status_line()
    );
    // The date is where the board looks, not a change to the plan: six months back by hand.
    t.keys(&["[", "[", "[", "[", "[", "["]);
    assert!(
        t.status_line().contains("1 Jul 2026"),
        "{}",
        t.status_line()
    );
    // t: today, as the clock reads it; @: a typed day (a day-first one refused with the format
    // to use), then back to 1 July 2026 for what follows.
    t.keys(&["t"]);
    let today = chrono::Local::now()
        .date_naive()
        .format("%-d %b %Y")
        .to_string();
    t.wait_for(&today, Duration::from_secs(3));
    t.keys(&["@"]);
    t.wait_for("Planning date", Duration::from_secs(3));
    t.literal("30/06/2030\r");
    t.wait_for("write it as 2030-06-30", Duration::from_secs(3));
    t.keys(&["C-u"]);
    t.literal("2026-07-01\r");
    t.wait_for("1 Jul 2026", Duration::from_secs(3));
    // Formation.
    t.keys(&["f"]);
    t.wait_for("Projected XI · 4-2-3-1", Duration::from_secs(3));
    t.keys(&["u"]);
    t.wait_for("Projected XI · 4-3-3", Duration::from_secs(3));
    // Moving: j/k along the CB column, Enter opens the details, Esc closes.
    t.keys(&["j", "Enter"]);
    t.wait_for("Esc closes", Duration::from_secs(3));
    assert!(t.screen().contains("Militão"));
    t.keys(&["Escape"]);
    // J moves Militão below Asencio; K puts him back (Rüdiger, out of contract, is drawn at
    // the foot of the column, so Militão is the second row).
    t.keys(&["J"]);
    assert!(t.status_line().contains("Militão"), "{}", t.status_line());
    t.wait_for("● unsaved", Duration::from_secs(3));
    t.keys(&["K"]);
    assert!(t.status_line().contains("Militão"), "{}", t.status_line());
    assert!(!t.status_line().contains("unsaved"), "{}", t.status_line());
    // L / H jump a line of the depth chart: midfield, then back to the defence.
    t.keys(&["L"]);
    t.wait_for("Depth chart · midfield", Duration::from_secs(3));
    t.keys(&["H"]);
    t.wait_for("Depth chart · defence", Duration::from_secs(3));
    // Tab / Shift-Tab move the focus; the details follow the selection.
    t.keys(&["Tab", "Tab"]);
    t.keys(&["BTab"]);
    // Search: / types, Enter keeps the results, Esc clears.
    t.keys(&["/"]);
    t.literal("rudi");
    t.wait_for("Search: rudi", Duration::from_secs(3));
    t.keys(&["Escape"]);
    sleep(Duration::from_millis(200));
    assert!(!t.screen().contains("Search:"));
    // Quit.
    t.keys(&["q"]);
    t.assert_restored("0");
}

/// Issue 26 item 15: `squadboard FILE --date D` was refused; the board opens the scenario at
/// that date, and its own stays (nothing unsaved).
#[test]
fn a_scenario_opens_at_the_date_given_keeping_its_own() {
    let t = Term::start();
    let file = format!(
        "{}/tests/fixtures/scenario-v2.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    t.launch_with("", &format!("{file} --date 2027-01-15"));
    t.wait_for("15 Jan 2027", Duration::from_secs(5));
    assert!(!t.status_line().contains("unsaved"), "{}", t.status_line());
    // The fixture is an older format: a notice says what opening it changed. Esc closes it.
    t.keys(&["Escape"]);
    sleep(Duration::from_millis(300));
    t.keys(&["q"]);
    t.assert_restored("0");
}

#[test]
fn a_pool_striker_dragged_onto_st_after_browsing_to_the_attack() {
    let t = Term::start();
    let pool = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/players.csv");
    t.launch_with("", &format!("--pool {}", pool.display()));
    t.wait_for("pool", Duration::from_secs(10));
    // Browse: L twice to the attack line, l to the strikers.
    t.keys(&["L", "L"]);
    t.wait_for("Depth chart · attack", Duration::from_secs(3));
    t.keys(&["l"]);
    let s = t.screen();
    assert!(s.contains("ST"), "the ST column is on screen:\n{s}");
    // Search a pool striker and keep the result.
    t.keys(&["/"]);
    t.literal("soyler");
    t.wait_for("Barış Söyler", Duration::from_secs(5));
    t.keys(&["Enter"]);
    // Drag him by mouse from his row onto the ST column's first row.
    let s = t.screen();
    let (x0, y0) = find(&s, "Barış Söyler");
    let head = s
        .lines()
        .position(|l| l.contains("Depth chart · attack"))
        .expect("depth pane");
    let (x1, y1) = s
        .lines()
        .enumerate()
        .skip(head)
        .find_map(|(row, line)| {
            let at = line.find("ST")?;
            Some((line[..at].chars().count() as u16 + 1, row as u16 + 2))
        })
        .expect("ST header");
    t.literal(&sgr(0, x0 + 2, y0, true));
    t.literal(&sgr(32, x0 - 5, y0 + 2, true));
    t.literal(&sgr(32, x1 + 3, y1, true));
    t.wait_for("drop: Söyler", Duration::from_secs(3));
    t.literal(&sgr(0, x1 + 3, y1, false));
    t.wait_for("● unsaved", Duration::from_secs(3));
    let s = t.screen();
    assert!(
        t.status_line().contains("Söyler → striker") || t.status_line().contains("Söyler → ST"),
        "{}",
        t.status_line()
    );
    // On the pitch and first in the ST column.
    let depth_rows: Vec<&str> = s.lines().skip(head).take(6).collect();
    assert!(
        depth_rows
            .iter()
            .any(|l| l.contains(" 1 Söyler") || l.contains(" 1 ★Söyler")),
        "{s}"
    );
    t.keys(&["q"]);
    t.wait_for("Quit without saving them?", Duration::from_secs(3));
    t.keys(&["y"]);
    t.assert_restored("0");
}

#[test]
fn konate_into_the_xi_by_keyboard_then_by_mouse_with_undo_and_redo() {
    let t = Term::start();
    t.launch("");
    // Keyboard: search him, keep the result, grab, walk to the pitch, left to the right CB, drop.
    t.keys(&["/"]);
    t.literal("konate");
    t.keys(&["Enter", "Space", "Tab", "Tab"]);
    let s = t.wait_for("drop: Konaté", Duration::from_secs(3));
    assert!(
        s.contains("drop: Konaté → right-back"),
        "the cursor starts on the RB slot:\n{s}"
    );
    t.keys(&["h"]);
    t.wait_for(
        "drop: Konaté → right CB; Huijsen → left CB; Militão drops to 3rd CB",
        Duration::from_secs(3),
    );
    t.keys(&["Space"]);
    t.wait_for("● unsaved", Duration::from_secs(3));
    assert!(
        t.status_line().contains("Konaté → right CB"),
        "{}",
        t.status_line()
    );
    t.keys(&["u"]);
    assert!(t.status_line().contains("undone"));
    assert!(!t.status_line().contains("unsaved"));
    t.keys(&["C-r"]);
    assert!(t.status_line().contains("redone"));
    t.keys(&["u"]);

    // Mouse: press on his row in the target pane, drag onto the left CB slot, release.
    let s = t.screen();
    let (x0, y0) = find(&s, "Ibrahima Konaté");
    let (x1, y1) = find_last(&s, "Militão");
    t.literal(&sgr(0, x0 + 2, y0, true));
    t.literal(&sgr(32, x0 - 10, y0 + 5, true));
    t.literal(&sgr(32, x1 + 1, y1, true));
    t.wait_for(
        "drop: Konaté → left CB; Militão drops to 3rd CB",
        Duration::from_secs(3),
    );
    t.literal(&sgr(0, x1 + 1, y1, false));
    t.wait_for("● unsaved", Duration::from_secs(3));
    assert!(
        t.status_line().contains("Konaté → left CB"),
        "{}",
        t.status_line()
    );
    t.keys(&["u"]);
    assert!(!t.status_line().contains("unsaved"));
    t.keys(&["C-r"]);
    assert!(t.status_line().contains("unsaved"));
    // Quitting with unsaved changes asks; y quits without saving.
    t.keys(&["q"]);
    t.wait_for("Quit without saving them?", Duration::from_secs(3));
    t.keys(&["y"]);
    t.assert_restored("0");
}

/// Signs Konaté by keyboard so the board has unsaved work.
pub(crate) fn sign_konate(t: &Term) {
    t.keys(&["/"]);
    t.literal("konate");
    t.keys(&["Enter", "Space", "Tab", "Tab", "h", "Space"]);
    t.wait_for("● unsaved", Duration::from_secs(3));
}

/// Starts again in the same data folder: the board offers the kept work; y restores it.
fn offered_back(t: &Term, env: &str) {
    t.launch(env);
    t.wait_for("stopped with unsaved work", Duration::from_secs(3));
    t.keys(&["y"]);
    let s = t.wait_for("restored the unsaved work", Duration::from_secs(3));
    assert!(s.contains("★Kon"), "Konaté is back in the XI:\n{s}");
    assert!(t.status_line().contains("unsaved"));
    t.keys(&["q", "y"]);
    t.assert_restored("0");
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_unsaved_work() {
    for (sig, code) in [(libc::SIGTERM, "143"), (libc::SIGHUP, "129")] {
        let (t, env) = ended_by_signal_with_work_kept(sig, code);
        offered_back(&t, &env);
    }
}

/// Starts the board with unsaved work and sends `sig`: the terminal is restored, the process
/// exits with `code` and one recovery is kept. The terminal and its start's environment.
fn ended_by_signal_with_work_kept(sig: i32, code: &str) -> (Term, String) {
    let t = Term::start();
    let env = format!("SQUADBOARD_DATA_DIR={}", t.path("data").display());
    t.launch(&env);
    sign_konate(&t);
    signal(t.pid(), sig);
    t.assert_restored(code);
    assert!(
        t.screen().contains("unsaved work kept in"),
        "signal {sig}: {}",
        t.screen()
    );
    assert_eq!(
        squadboard::store::recovery::pending(&t.path("data").join("scenarios")).len(),
        1,
        "signal {sig}"
    );
    (t, env)
}

/// Every other signal that ends a process by default ends the board as SIGTERM does: they
/// left the terminal raw and lost the unsaved work.
#[test]
fn other_ending_signals_restore_the_terminal_and_keep_unsaved_work() {
    for (sig, code) in [
        (libc::SIGQUIT, "131"),
        (libc::SIGUSR1, "138"),
        (libc::SIGALRM, "142"),
        (libc::SIGXCPU, "152"),
    ] {
        ended_by_signal_with_work_kept(sig, code);
    }
}

#[test]
fn a_panic_restores_the_terminal_and_keeps_unsaved_work() {
    let t = Term::start();
    let env = format!("SQUADBOARD_DATA_DIR={}", t.path("data").display());
    // No backtrace (a developer's RUST_BACKTRACE=1 would scroll the message off the screen).
    t.launch(&format!("{env} RUST_BACKTRACE=0 SQUADBOARD_PANIC_ON_KEY=P"));
    sign_konate(&t);
    t.keys(&["P"]);
    t.assert_restored("101");
    let s = t.screen();
    assert!(
        s.contains("panic requested"),
        "the panic message is shown on the main screen:\n{s}"
    );
    assert!(s.contains("unsaved work kept in"), "{s}");
    offered_back(&t, &env);
}

#[test]
fn two_scenarios_saved_reopened_compared_and_exported() {
    let t = Term::start();
    let data = t.path("data");
    let env = format!("SQUADBOARD_DATA_DIR={}", data.display());
    t.launch(&env);
    // Scenario one: Konaté signed at right CB, saved under a name.
    t.keys(&["/"]);
    t.literal("konate");
    t.keys(&["Enter", "Space", "Tab", "Tab", "h", "Space"]);
    t.wait_for("● unsaved", Duration::from_secs(3));
    t.keys(&["C-s"]);
    t.wait_for("Save as", Duration::from_secs(3));
    t.literal("Konate in");
    t.keys(&["Enter"]);
    t.wait_for("saved “Konate in”", Duration::from_secs(3));
    // Scenario two: a new one in 4-4-2.
    t.keys(&["n", "f", "f", "S"]);
    t.wait_for("Save as", Duration::from_secs(3));
    t.literal("Two up front");
    t.keys(&["Enter"]);
    t.wait_for("saved “Two up front”", Duration::from_secs(3));
    t.keys(&["q"]);
    t.assert_restored("0");
    let dir = data.join("scenarios");
    assert!(dir.join("konate-in.ron").exists() && dir.join("two-up-front.ron").exists());

    // Reopen the first by its file, compare it with the second.
    let first = dir.join("konate-in.ron");
    t.launch_with(&env, &first.display().to_string());
    assert!(t.status_line().contains("Konate in"), "{}", t.status_line());
    assert!(t.screen().contains("★Kon"));
    t.keys(&["C"]);
    t.wait_for("Compare with", Duration::from_secs(3));
    t.literal("two");
    t.keys(&["Enter"]);
    let s = t.wait_for("vs  “Two up front”", Duration::from_secs(3));
    assert!(s.contains("4-4-2"), "{s}");
    t.keys(&["Escape"]);
    // The picker opens the other one.
    t.keys(&["o"]);
    t.wait_for("Open a scenario", Duration::from_secs(3));
    t.literal("two");
    t.keys(&["Enter"]);
    t.wait_for("opened “Two up front”", Duration::from_secs(3));
    t.wait_for("Projected XI · 4-4-2", Duration::from_secs(3));
    t.keys(&["q"]);
    t.assert_restored("0");

    // Export it as a picture of the XI.
    let svg = t.path("xi.svg");
    let out = Command::new(env!("CARGO_BIN_EXE_squadboard"))
        .args(["scenario", "export"])
        .arg(&first)
        .args(["--format", "svg", "-o"])
        .arg(&svg)
        .output()
        .expect("export");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pic = std::fs::read_to_string(&svg).expect("svg written");
    assert!(pic.starts_with("<svg") || pic.contains("<svg"), "{pic}");
    assert!(pic.contains("Konaté"));
}

#[test]
fn a_closed_terminal_ends_the_board_and_keeps_unsaved_work() {
    let t = Term::start();
    t.launch("");
    sign_konate(&t);
    let pid = t.pid();
    // Close the terminal under it: the window goes, as when an ssh session drops.
    t.close();
    // Ended = gone, or a zombie its new parent has not reaped yet. The bound is generous: on a
    // loaded machine writing the recovery file can take a while; a board that spins forever
    // (the bug this guards) never ends.
    let running = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .ok()
            .and_then(|s| {
                s.rsplit(')')
                    .next()
                    .map(|rest| rest.trim_start().to_string())
            })
            .is_some_and(|rest| !rest.starts_with('Z'))
    };
    let start = Instant::now();
    while running() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the board is still running after its terminal closed: {}",
            where_it_waits(pid)
        );
        sleep(Duration::from_millis(50));
    }
    let pending = squadboard::store::recovery::pending(&t.path("data").join("scenarios"));
    assert_eq!(pending.len(), 1, "unsaved work kept");
}

/// What a process that should have ended is doing: each thread's state and the kernel function
/// it waits in (so a failure says "stopped" or "sleeping in pipe_read", not just "running").
fn where_it_waits(pid: i32) -> String {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return "gone".into();
    };
    let mut out = Vec::new();
    for task in tasks.flatten() {
        let dir = task.path();
        let stat = std::fs::read_to_string(dir.join("stat")).unwrap_or_default();
        let state = stat.rsplit(')').next().unwrap_or("").trim_start();
        let state = state.split(' ').next().unwrap_or("?");
        let wchan = std::fs::read_to_string(dir.join("wchan")).unwrap_or_default();
        out.push(format!(
            "{}: {state} in {wchan}",
            task.file_name().to_string_lossy()
        ));
    }
    out.join("; ")
}
