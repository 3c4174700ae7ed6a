//! A terminal for the end-to-end tests, in-process: a pseudo-terminal (`portable-pty`) running a
//! bare bash, its output parsed into a screen (`vt100`). Nothing outside cargo is needed: no
//! terminal multiplexer, no `kill` or `clear` binaries (signals go through `libc`).
//!
//! `start` opens a terminal, `keys` presses named keys ("Enter", "C-s", "BTab"…), `literal` types,
//! `screen` and `flag` read back what the programs drew and which modes they left set,
//! `launch` runs the board from the shell and `assert_restored` checks what it left behind.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{JoinHandle, sleep};
use std::time::{Duration, Instant};

pub struct Term {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Mutex<Option<Box<dyn Write + Send>>>,
    master: Mutex<Option<Box<dyn MasterPty + Send>>>,
    child: Mutex<Box<dyn Child + Send + Sync>>,
    reader: Option<JoinHandle<()>>,
    closed: AtomicBool,
    /// The terminal's own files: the shell's working folder, the board's pid, tty settings.
    own: tempfile::TempDir,
    /// Where config (`./`) and data (`data/`) go: the terminal's own folder unless shared.
    home: PathBuf,
}

/// A shell command that clears the screen with escape codes (no `clear` binary needed).
const CLEAR: &str = "printf '\\033[H\\033[2J'";

const ROWS: u16 = 40;
const COLS: u16 = 120;

impl Term {
    /// A 120×40 terminal running a bare shell, with the config folder pointed at an empty one.
    pub fn start() -> Term {
        let own = tempfile::tempdir().expect("tempdir");
        let home = own.path().to_path_buf();
        Term::open(own, home)
    }

    /// A second window on the same machine: a terminal of its own whose config and data folders
    /// are in `home` (as another terminal's [`Term::path`]`("")`).
    pub fn start_in(home: &Path) -> Term {
        Term::open(tempfile::tempdir().expect("tempdir"), home.to_path_buf())
    }

    fn open(own: tempfile::TempDir, home: PathBuf) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new("bash");
        cmd.args(["--norc", "--noprofile"]);
        cmd.env("SQUADBOARD_CONFIG_DIR", &home);
        // Scenarios and recovery files go to the test's folder, never the user's.
        cmd.env("SQUADBOARD_DATA_DIR", home.join("data"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("PS1", "sb$ ");
        cmd.cwd(own.path());
        let child = pair.slave.spawn_command(cmd).expect("spawn bash");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let mut read = pair.master.try_clone_reader().expect("reader");
        let sink = Arc::clone(&parser);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match read.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => sink.lock().expect("parser").process(&buf[..n]),
                }
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        let t = Term {
            parser,
            writer: Mutex::new(Some(writer)),
            master: Mutex::new(Some(pair.master)),
            child: Mutex::new(child),
            reader: Some(reader),
            closed: AtomicBool::new(false),
            own,
            home,
        };
        t.wait_for("sb$", Duration::from_secs(5));
        t
    }

    fn send(&self, bytes: &[u8]) {
        let mut w = self.writer.lock().expect("writer");
        let w = w.as_mut().expect("the terminal is open");
        w.write_all(bytes).and_then(|()| w.flush()).expect("write");
    }

    /// Keys by name ("Enter", "C-s", "C-z", "Escape", "Space", "BTab", "Up"…); anything else is
    /// sent as typed.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            let app_cursor = self
                .parser
                .lock()
                .expect("parser")
                .screen()
                .application_cursor();
            let bytes = key_bytes(k, app_cursor);
            self.send(&bytes);
            sleep(Duration::from_millis(120));
        }
    }

    pub fn literal(&self, text: &str) {
        self.send(text.as_bytes());
        sleep(Duration::from_millis(120));
    }

    /// The screen as text, one line a row, trailing spaces trimmed.
    pub fn screen(&self) -> String {
        let p = self.parser.lock().expect("parser");
        let s = p.screen();
        let (_, cols) = s.size();
        s.rows(0, cols)
            .map(|r| r.trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A mode the programs left set, read off the parsed terminal: "1" or "0".
    pub fn flag(&self, name: &str) -> String {
        use vt100::{MouseProtocolEncoding as E, MouseProtocolMode as M};
        let p = self.parser.lock().expect("parser");
        let s = p.screen();
        let on = match name {
            "alternate_on" => s.alternate_screen(),
            "mouse_any_flag" => s.mouse_protocol_mode() != M::None,
            "mouse_standard_flag" => s.mouse_protocol_mode() == M::PressRelease,
            "mouse_button_flag" => s.mouse_protocol_mode() == M::ButtonMotion,
            "mouse_all_flag" => s.mouse_protocol_mode() == M::AnyMotion,
            "mouse_sgr_flag" => s.mouse_protocol_encoding() == E::Sgr,
            "mouse_utf8_flag" => s.mouse_protocol_encoding() == E::Utf8,
            "bracketed_paste" => s.bracketed_paste(),
            "cursor_flag" => !s.hide_cursor(),
            other => panic!("flag `{other}` is not read by this terminal"),
        };
        if on { "1" } else { "0" }.to_string()
    }

    pub fn wait_for(&self, needle: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            if start.elapsed() > timeout {
                panic!("`{needle}` did not appear in {timeout:?}; the screen:\n{s}");
            }
            sleep(Duration::from_millis(100));
        }
    }

    pub fn status_line(&self) -> String {
        self.screen()
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .to_string()
    }

    /// Clears the screen from the shell, so text from an earlier run cannot answer a wait.
    pub fn clear(&self) {
        self.literal(&format!("{CLEAR}\n"));
    }

    /// A path in the folder config and data go to (`path("data")` is the data folder).
    pub fn path(&self, name: &str) -> PathBuf {
        self.home.join(name)
    }

    /// A path among the terminal's own files, never shared with another terminal.
    fn own(&self, name: &str) -> PathBuf {
        self.own.path().join(name)
    }

    /// Every mouse mode off: no capture, no SGR encoding.
    pub fn mouse_off(&self) -> bool {
        [
            "mouse_any_flag",
            "mouse_all_flag",
            "mouse_sgr_flag",
            "mouse_button_flag",
        ]
        .iter()
        .all(|f| self.flag(f) == "0")
    }

    /// Runs the board from the shell, recording the tty settings before and its pid.
    pub fn launch(&self, env: &str) {
        self.launch_with(env, "");
    }

    pub fn launch_with(&self, env: &str, args: &str) {
        let bin = env!("CARGO_BIN_EXE_squadboard");
        let before = self.own("stty-before");
        let pid = self.own("pid");
        // The screen is cleared first so an old `EXIT=` cannot answer for this run.
        self.literal(&format!(
            "stty -g > {}; {CLEAR}; {env} sh -c 'echo $$ > {}; exec {bin} {args}'; echo EXIT=$?\n",
            before.display(),
            pid.display()
        ));
        self.wait_for("Depth chart", Duration::from_secs(10));
        assert_eq!(
            self.flag("alternate_on"),
            "1",
            "the board runs on the alternate screen"
        );
        assert_eq!(
            self.flag("mouse_sgr_flag"),
            "1",
            "mouse capture is on while it runs"
        );
    }

    pub fn pid(&self) -> i32 {
        std::fs::read_to_string(self.own("pid"))
            .expect("pid file")
            .trim()
            .parse()
            .expect("pid")
    }

    /// After the board ended: main screen, mouse capture off, tty settings as before.
    pub fn assert_restored(&self, expected_exit: &str) {
        let s = self.wait_for(&format!("EXIT={expected_exit}"), Duration::from_secs(10));
        assert_eq!(
            self.flag("alternate_on"),
            "0",
            "left the alternate screen:\n{s}"
        );
        for f in [
            "mouse_any_flag",
            "mouse_all_flag",
            "mouse_sgr_flag",
            "mouse_button_flag",
        ] {
            assert_eq!(self.flag(f), "0", "{f} still on after exit");
        }
        let after = self.own("stty-after");
        self.literal(&format!("stty -g > {}\n", after.display()));
        let start = Instant::now();
        while !after.exists()
            || std::fs::read_to_string(&after)
                .unwrap_or_default()
                .is_empty()
        {
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "stty did not run: raw mode left on?"
            );
            sleep(Duration::from_millis(50));
        }
        let before = std::fs::read_to_string(self.own("stty-before")).expect("before");
        let after = std::fs::read_to_string(after).expect("after");
        assert_eq!(before, after, "tty settings restored (raw mode off)");
    }

    /// Resizes the terminal (the programs in it get SIGWINCH).
    pub fn resize(&self, cols: u16, rows: u16) {
        if let Some(m) = self.master.lock().expect("master").as_ref() {
            m.resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
        }
        self.parser
            .lock()
            .expect("parser")
            .screen_mut()
            .set_size(rows, cols);
        sleep(Duration::from_millis(120));
    }

    /// Closes the terminal under its programs, as a window closing or an ssh session dropping:
    /// the shell is hung up (and hangs up its jobs) and our side of the terminal is closed.
    pub fn close(&self) {
        if self.closed.swap(true, Ordering::SeqCst) {
            return;
        }
        let mut child = self.child.lock().expect("child");
        if let Some(pid) = child.process_id() {
            // SAFETY: a plain signal to the shell this terminal started.
            unsafe {
                libc::kill(pid as i32, libc::SIGHUP);
            }
        }
        self.writer.lock().expect("writer").take();
        self.master.lock().expect("master").take();
        let _ = child.wait();
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        self.close();
        // The reader ends when the last program holding the terminal is gone; don't wait on a
        // straggler.
        if let Some(r) = self.reader.take()
            && r.is_finished()
        {
            let _ = r.join();
        }
    }
}

/// The bytes a key sends: named keys, `C-x` for control, `M-x` for alt, anything else as typed.
fn key_bytes(k: &str, app_cursor: bool) -> Vec<u8> {
    let arrow = |c: char| {
        if app_cursor {
            format!("\x1bO{c}")
        } else {
            format!("\x1b[{c}")
        }
    };
    let named = match k {
        "Enter" => Some("\r".to_string()),
        "Escape" => Some("\x1b".into()),
        "Space" => Some(" ".into()),
        "Tab" => Some("\t".into()),
        "BTab" => Some("\x1b[Z".into()),
        "BSpace" => Some("\x7f".into()),
        "Up" => Some(arrow('A')),
        "Down" => Some(arrow('B')),
        "Right" => Some(arrow('C')),
        "Left" => Some(arrow('D')),
        "Home" => Some("\x1b[H".into()),
        "End" => Some("\x1b[F".into()),
        "DC" => Some("\x1b[3~".into()),
        "IC" => Some("\x1b[2~".into()),
        "PPage" | "PageUp" => Some("\x1b[5~".into()),
        "NPage" | "PageDown" => Some("\x1b[6~".into()),
        _ => None,
    };
    if let Some(s) = named {
        return s.into_bytes();
    }
    let mut chars = k.chars();
    match (chars.next(), chars.next(), chars.next(), chars.next()) {
        (Some('C'), Some('-'), Some(c), None) if c.is_ascii() => vec![(c as u8) & 0x1f],
        (Some('M'), Some('-'), Some(c), None) => format!("\x1b{c}").into_bytes(),
        _ => k.as_bytes().to_vec(),
    }
}

/// SGR mouse event: button code, 1-based column and row, press (`M`) or release (`m`).
pub fn sgr(code: u8, x: u16, y: u16, press: bool) -> String {
    format!("\x1b[<{code};{x};{y}{}", if press { 'M' } else { 'm' })
}

/// 1-based (column, row) of the first cell of `needle` on the screen.
pub fn find(screen: &str, needle: &str) -> (u16, u16) {
    for (row, line) in screen.lines().enumerate() {
        if let Some(at) = line.find(needle) {
            let col = line[..at].chars().count();
            return (col as u16 + 1, row as u16 + 1);
        }
    }
    panic!("`{needle}` not on screen:\n{screen}");
}

/// Sends `sig` (`libc::SIGTERM`…) to the process `pid`, as `kill` from another terminal.
pub fn signal(pid: i32, sig: libc::c_int) {
    // SAFETY: a plain signal to a process the test started.
    let r = unsafe { libc::kill(pid, sig) };
    assert_eq!(
        r,
        0,
        "kill({pid}, {sig}): {}",
        std::io::Error::last_os_error()
    );
}

/// The harness itself: the modes a program sets are read back, and a resize reaches it.
#[test]
fn the_terminal_reads_back_the_modes_a_program_sets_and_resizes() {
    let t = Term::start();
    // `$((…))` so the marker appears in the output only, not in the echoed command line.
    t.literal("printf '\\033[?1049h\\033[?1002h\\033[?1006h'; echo ON-$((6*7))\n");
    t.wait_for("ON-42", Duration::from_secs(5));
    for f in [
        "alternate_on",
        "mouse_any_flag",
        "mouse_button_flag",
        "mouse_sgr_flag",
    ] {
        assert_eq!(t.flag(f), "1", "{f}");
    }
    assert_eq!(t.flag("mouse_all_flag"), "0");
    t.literal("printf '\\033[?1002l\\033[?1006l\\033[?1049l'; echo OFF-$((6*7))\n");
    t.wait_for("OFF-42", Duration::from_secs(5));
    for f in ["alternate_on", "mouse_any_flag", "mouse_sgr_flag"] {
        assert_eq!(t.flag(f), "0", "{f}");
    }
    t.resize(100, 30);
    t.literal("echo SIZE-$(stty size | tr ' ' x)\n");
    t.wait_for("SIZE-30x100", Duration::from_secs(5));
    assert_eq!(key_bytes("C-s", false), vec![0x13]);
    assert_eq!(key_bytes("Up", true), b"\x1bOA".to_vec());
    assert_eq!(key_bytes("q", false), b"q".to_vec());
}
