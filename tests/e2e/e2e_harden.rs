//! Issue 13 end to end, the real binary in tmux: two boards on one scenario folder, both hung up
//! with unsaved work, both offered back and restored; Ctrl-Z suspends the board with the terminal
//! restored, and `fg` brings it back on the alternate screen with mouse capture, redrawn.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::sleep;
use std::time::{Duration, Instant};

static N: AtomicUsize = AtomicUsize::new(0);

struct Tmux {
    name: String,
}

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

macro_rules! need_tmux {
    () => {
        if !have_tmux() {
            eprintln!("tmux is not installed: skipped");
            return;
        }
    };
}

impl Tmux {
    /// A 120×40 session running a bare shell with job control, config and data in `dir`.
    fn start(dir: &Path) -> Tmux {
        let name = format!(
            "sbh-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let status = Command::new("tmux")
            .args(["new-session", "-d", "-s", &name, "-x", "120", "-y", "40"])
            .args([
                "env",
                &format!("SQUADBOARD_CONFIG_DIR={}", dir.display()),
                &format!("SQUADBOARD_DATA_DIR={}", dir.join("data").display()),
                "TERM=xterm-256color",
                "PS1=sb$ ",
                "bash",
                "--norc",
                "--noprofile",
                "-i",
            ])
            .status()
            .expect("tmux new-session");
        assert!(status.success());
        let t = Tmux { name };
        t.wait_for("sb$", Duration::from_secs(5));
        t
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            let ok = Command::new("tmux")
                .args(["send-keys", "-t", &self.name, k])
                .status()
                .expect("send-keys");
            assert!(ok.success());
            sleep(Duration::from_millis(120));
        }
    }

    fn literal(&self, text: &str) {
        let ok = Command::new("tmux")
            .args(["send-keys", "-t", &self.name, "-l", text])
            .status()
            .expect("send-keys -l");
        assert!(ok.success());
        sleep(Duration::from_millis(120));
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    fn flag(&self, name: &str) -> String {
        let out = Command::new("tmux")
            .args(["display", "-p", "-t", &self.name, &format!("#{{{name}}}")])
            .output()
            .expect("display");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn wait_for(&self, needle: &str, timeout: Duration) -> String {
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

    /// Runs the board from the shell; its pid goes to `pid_file`.
    fn launch(&self, pid_file: &Path) {
        let bin = env!("CARGO_BIN_EXE_squadboard");
        self.literal(&format!(
            "clear; sh -c 'echo $$ > {}; exec {bin}'; echo EXIT=$?\n",
            pid_file.display()
        ));
        self.wait_for("Depth chart", Duration::from_secs(10));
        assert_eq!(self.flag("alternate_on"), "1");
    }

    /// Signs Konaté by keyboard so the board has unsaved work.
    fn sign_konate(&self) {
        self.keys(&["/"]);
        self.literal("konate");
        self.keys(&["Enter", "Space", "Tab", "Tab", "h", "Space"]);
        self.wait_for("● unsaved", Duration::from_secs(3));
    }

    fn mouse_off(&self) -> bool {
        [
            "mouse_any_flag",
            "mouse_all_flag",
            "mouse_sgr_flag",
            "mouse_button_flag",
        ]
        .iter()
        .all(|f| self.flag(f) == "0")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .status();
    }
}

fn pid(p: &Path) -> String {
    std::fs::read_to_string(p).expect("pid").trim().to_string()
}

/// Fails on main: the second board's `.recovery.ron` overwrote the first's, so one board's
/// work was lost and only one was offered.
#[test]
fn two_boards_on_one_folder_hung_up_are_both_kept_and_restored() {
    need_tmux!();
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (Tmux::start(dir.path()), Tmux::start(dir.path()));
    let (pa, pb): (PathBuf, PathBuf) = (dir.path().join("pid-a"), dir.path().join("pid-b"));
    a.launch(&pa);
    b.launch(&pb);
    a.sign_konate();
    b.sign_konate();
    for p in [&pa, &pb] {
        let ok = Command::new("kill")
            .args(["-HUP", &pid(p)])
            .status()
            .expect("kill");
        assert!(ok.success());
    }
    a.wait_for("EXIT=129", Duration::from_secs(10));
    b.wait_for("EXIT=129", Duration::from_secs(10));
    let scenarios = dir.path().join("data").join("scenarios");
    assert_eq!(squadboard::store::recovery::pending(&scenarios).len(), 2);

    // The next start offers both; restoring one keeps the other in the picker.
    a.literal("clear\n");
    let bin = env!("CARGO_BIN_EXE_squadboard");
    a.literal(&format!("{bin}; echo EXIT=$?\n"));
    a.wait_for("restore which?", Duration::from_secs(10));
    a.keys(&["1"]);
    let s = a.wait_for("restored the unsaved work", Duration::from_secs(3));
    assert!(s.contains("★Kon"), "{s}");
    let kept: Vec<_> = std::fs::read_dir(&scenarios)
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("recovered-"))
        .collect();
    assert_eq!(kept.len(), 1, "the other board's work is a scenario now");
    // Saved: its recovery goes too.
    a.keys(&["C-s"]);
    a.wait_for("Save as", Duration::from_secs(3));
    a.literal("restored");
    a.keys(&["Enter"]);
    let start = Instant::now();
    while !squadboard::store::recovery::pending(&scenarios).is_empty() {
        assert!(start.elapsed() < Duration::from_secs(5), "{}", a.screen());
        sleep(Duration::from_millis(100));
    }
    a.keys(&["q"]);
    a.wait_for("EXIT=0", Duration::from_secs(5));
}

/// Fails on main: Ctrl-Z did nothing inside the board, and SIGTSTP left the terminal in raw
/// mode on the alternate screen.
#[test]
fn ctrl_z_suspends_with_the_terminal_restored_and_fg_resumes() {
    need_tmux!();
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Tmux::start(dir.path());
    let p = dir.path().join("pid");
    t.launch(&p);
    t.sign_konate();
    t.keys(&["C-z"]);
    t.wait_for("Stopped", Duration::from_secs(5));
    assert_eq!(t.flag("alternate_on"), "0", "main screen while stopped");
    assert!(t.mouse_off(), "mouse capture off while stopped");
    // The shell is usable: cooked mode, echo on.
    t.literal("echo shell-works\n");
    t.wait_for("shell-works\nsb$", Duration::from_secs(3));
    t.literal("fg\n");
    let s = t.wait_for("Depth chart", Duration::from_secs(5));
    assert_eq!(t.flag("alternate_on"), "1", "back on the alternate screen");
    assert_eq!(t.flag("mouse_sgr_flag"), "1", "mouse capture back on");
    assert!(
        s.contains("★Kon") && s.contains("● unsaved"),
        "redrawn in full:\n{s}"
    );
    // And from outside: kill -TSTP does the same.
    let ok = Command::new("kill")
        .args(["-TSTP", &pid(&p)])
        .status()
        .expect("kill");
    assert!(ok.success());
    t.wait_for("Stopped", Duration::from_secs(5));
    assert_eq!(t.flag("alternate_on"), "0");
    t.literal("fg\n");
    t.wait_for("Depth chart", Duration::from_secs(5));
    t.keys(&["q"]);
    t.wait_for("Quit without saving them?", Duration::from_secs(3));
    t.keys(&["y"]);
    // The job ends (its `echo EXIT` ran when it was first stopped): the terminal is back.
    let start = Instant::now();
    while t.flag("alternate_on") != "0" {
        assert!(start.elapsed() < Duration::from_secs(5), "{}", t.screen());
        sleep(Duration::from_millis(100));
    }
    assert!(t.mouse_off());
}
