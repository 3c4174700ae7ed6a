//! The terminal: set up, the event loop, and restoring it on every way out — quit, error, panic,
//! SIGTERM, SIGHUP — mouse capture included (which `ratatui::restore()` leaves on).

use crate::app::Board;
use crate::app::runtime::Runtime;
use crate::config::Keymap;
use crate::input::{HitMap, event_to_actions};
use crate::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::collections::VecDeque;
use std::io::{self, Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Receiver;
use std::time::Duration;

/// Where events come from: the real terminal, or a script in tests.
pub trait EventSource {
    /// The next event, or `None` when `timeout` passed with none.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;

    /// The terminal has gone away.
    fn hung_up(&self) -> bool {
        false
    }
}

/// The terminal's events, read on their own thread: crossterm's reader can spin forever on a
/// terminal that has gone away (end of file on the tty), so the loop never waits inside it — it
/// waits on a channel, and notices a hang-up itself.
pub struct CrosstermEvents {
    rx: Receiver<Input>,
    tx: std::sync::mpsc::Sender<Input>,
    /// A wake is on its way: more are not sent (one pass of the loop takes every result).
    waking: Arc<AtomicBool>,
}

/// What the loop's wait is woken by: a terminal event, or an action arriving from another
/// thread (see [`CrosstermEvents::waker`]).
enum Input {
    Event(io::Result<Event>),
    Wake,
}

/// What one wait for an event ended with.
#[derive(Debug)]
pub enum Waited {
    Event(Event),
    /// A [`CrosstermEvents::waker`] was called.
    Woken,
    TimedOut,
}

impl CrosstermEvents {
    pub fn spawn() -> CrosstermEvents {
        CrosstermEvents::reading(event::read)
    }

    /// Events from `read` (crossterm's reader, or a stand-in in tests) on a thread of its own.
    pub fn reading(
        mut read: impl FnMut() -> io::Result<Event> + Send + 'static,
    ) -> CrosstermEvents {
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = tx.clone();
        std::thread::spawn(move || {
            // The channel stays open while a waker is held, so the reader's end is sent, not
            // left to be noticed: an error read, or a panic inside the reader.
            let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                loop {
                    let ev = read();
                    let failed = ev.is_err();
                    if reader.send(Input::Event(ev)).is_err() || failed {
                        break;
                    }
                }
            }));
            if read.is_err() {
                let gone = io::Error::other("the terminal's reader failed");
                let _ = reader.send(Input::Event(Err(gone)));
            }
        });
        CrosstermEvents {
            rx,
            tx,
            waking: Arc::default(),
        }
    }

    /// Ends the current wait for an event early (as if it timed out), from any thread: the
    /// runtime calls it when a result arrives in its inbox.
    pub fn waker(&self) -> impl Fn() + Send + Sync + 'static {
        let (tx, waking) = (self.tx.clone(), Arc::clone(&self.waking));
        move || {
            if !waking.swap(true, Ordering::AcqRel) {
                let _ = tx.send(Input::Wake);
            }
        }
    }
}

impl CrosstermEvents {
    /// Waits at most `timeout` for an event, or for a waker to be called.
    pub fn wait(&mut self, timeout: Duration) -> io::Result<Waited> {
        match self.rx.recv_timeout(timeout) {
            Ok(Input::Event(ev)) => ev.map(Waited::Event),
            Ok(Input::Wake) => {
                self.waking.store(false, Ordering::Release);
                Ok(Waited::Woken)
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Ok(Waited::TimedOut),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                Err(io::Error::other("the terminal's input has closed"))
            }
        }
    }
}

impl EventSource for CrosstermEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        Ok(match self.wait(timeout)? {
            Waited::Event(ev) => Some(ev),
            Waited::Woken | Waited::TimedOut => None,
        })
    }

    fn hung_up(&self) -> bool {
        stdin_hung_up()
    }
}

/// Whether the terminal on standard input has hung up (its window closed, its ssh session
/// dropped), even if no SIGHUP came.
#[cfg(unix)]
pub fn stdin_hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, a zero timeout; poll only writes `revents`.
    let n = unsafe { libc::poll(&mut fd, 1, 0) };
    n > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

#[cfg(not(unix))]
pub fn stdin_hung_up() -> bool {
    false
}

/// Scripted events for tests; when they run out the board is asked to quit.
pub struct ScriptedEvents(pub VecDeque<Event>);

impl EventSource for ScriptedEvents {
    fn next(&mut self, _timeout: Duration) -> io::Result<Option<Event>> {
        Ok(self.0.pop_front())
    }
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// A signal arrived (its number).
    Signal(i32),
    /// Scripted events ran out.
    EndOfInput,
}

/// The set of signals that end the board, and the last one that arrived; and SIGTSTP (a
/// `kill -TSTP`), which suspends it as Ctrl-Z does.
#[derive(Clone, Default)]
pub struct Signals {
    pub last: Arc<AtomicUsize>,
    pub stop: Arc<AtomicBool>,
}

impl Signals {
    /// Registers every signal that ends a process by default and can be caught ([`ENDING`]):
    /// each ends the board as SIGTERM does, the terminal restored and unsaved work kept.
    pub fn register() -> io::Result<Signals> {
        let s = Signals::default();
        #[cfg(unix)]
        for &sig in ENDING {
            let last = Arc::clone(&s.last);
            // SAFETY-free: the handler only stores into an atomic.
            signal_hook::flag::register_usize(sig, last, sig as usize)?;
        }
        #[cfg(unix)]
        signal_hook::flag::register(signal_hook::consts::SIGTSTP, Arc::clone(&s.stop))?;
        #[cfg(unix)]
        ignore_ttin();
        Ok(s)
    }

    /// Whether a SIGTSTP arrived since the last call.
    pub fn take_stop(&self) -> bool {
        self.stop.swap(false, Ordering::SeqCst)
    }

    pub fn pending(&self) -> Option<i32> {
        match self.last.load(Ordering::SeqCst) {
            0 => None,
            n => Some(n as i32),
        }
    }
}

/// The signals that end a process by default and that a handler can catch and return from:
/// SIGINT only comes from `kill` (raw mode turns Ctrl-C into a key), SIGQUIT likewise (Ctrl-\\).
/// Left out: the faults a handler cannot return from (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGSYS,
/// SIGTRAP, SIGABRT), SIGPIPE (ignored by Rust), SIGKILL and SIGSTOP (never caught).
#[cfg(unix)]
pub const ENDING: &[i32] = &[
    libc::SIGTERM,
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGVTALRM,
    libc::SIGPROF,
    libc::SIGXCPU,
    libc::SIGXFSZ,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    libc::SIGIO,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    libc::SIGPWR,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    libc::SIGSTKFLT,
];

/// A read from the terminal while the board is not its foreground job (its shell took the
/// terminal back while hanging up) would stop the whole process with SIGTTIN; if the shell is
/// gone before that stop lands, nothing ever continues it, and the unsaved work is never kept.
/// Ignored, such a read fails (EIO) and the board ends the way a closed terminal ends it: the
/// work kept, the terminal restored. (Job control is unchanged: after Ctrl-Z, `bg` stops it
/// again on SIGTTOU as it takes the terminal back; `fg`.)
#[cfg(unix)]
fn ignore_ttin() {
    // SAFETY: setting a signal's disposition to SIG_IGN; no handler runs.
    unsafe {
        libc::signal(libc::SIGTTIN, libc::SIG_IGN);
    }
}

/// One draw per pass, then one event's actions, each through `update` with the effects it
/// returns handed to the runtime. Generic over the backend so tests drive the real loop on a
/// `TestBackend`.
// The settings (keymap, theme) are separate parameters so tests pass either alone.
#[allow(clippy::too_many_arguments)]
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    board: &mut Board,
    keymap: &Keymap,
    theme: &Theme,
    events: &mut dyn EventSource,
    signals: &Signals,
    runtime: &Runtime,
    scripted: bool,
) -> io::Result<Exit>
where
    B::Error: std::fmt::Display,
{
    loop {
        // The results of effects (file work, the pool loading) arrive between frames, as many
        // as fit in about half a frame: a key typed while a big pool arrives is not kept waiting.
        // (A scripted run takes them all, so what it ends on does not depend on timing.)
        let more = if scripted {
            runtime.drain(board);
            false
        } else {
            runtime.drain_for(board, Duration::from_millis(8))
        };
        let mut hits = HitMap::default();
        terminal
            .draw(|f| hits = ui::draw(f, board, keymap, theme))
            .map_err(|e| io::Error::other(e.to_string()))?;
        // A page and a scroll's end are what this frame showed: `update` pages by them.
        if hits.viewport != board.view.viewport {
            runtime.dispatch(board, crate::app::Action::Viewport(hits.viewport));
        }
        if board.view.should_quit {
            return Ok(Exit::Quit);
        }
        if let Some(sig) = signals.pending() {
            return Ok(Exit::Signal(sig));
        }
        #[cfg(unix)]
        if events.hung_up() {
            return Ok(Exit::Signal(signal_hook::consts::SIGHUP));
        }
        if !scripted && signals.take_stop() {
            suspend(terminal)?;
            continue;
        }
        // With results still waiting, only look for an event; else wait for one a while.
        let wait = Duration::from_millis(if more { 0 } else { 200 });
        match events.next(wait)? {
            // Ctrl-Z (raw mode makes it a key): stop like any terminal program.
            Some(ev) if !scripted && is_suspend_key(&ev) => suspend(terminal)?,
            Some(ev) => {
                for action in event_to_actions(&ev, board, keymap, &hits) {
                    runtime.dispatch(board, action);
                }
            }
            None if scripted => return Ok(Exit::EndOfInput),
            None => {}
        }
    }
}

/// Ctrl-Z.
pub fn is_suspend_key(ev: &Event) -> bool {
    matches!(ev, Event::Key(k)
        if k.kind == event::KeyEventKind::Press
            && k.code == event::KeyCode::Char('z')
            && k.modifiers.contains(event::KeyModifiers::CONTROL))
}

/// Suspends the board as a shell's job: the terminal restored (main screen, cooked mode, mouse
/// capture off), then the process stops; `fg` (SIGCONT) carries on here, taking the terminal
/// again and redrawing in full.
fn suspend<B: Backend>(terminal: &mut Terminal<B>) -> io::Result<()>
where
    B::Error: std::fmt::Display,
{
    restore();
    #[cfg(unix)]
    // SAFETY: raising a signal on our own process; SIGSTOP cannot be caught.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
    take_terminal()?;
    // Redrawn in full: the screen cleared, and both of ratatui's buffers emptied so the next
    // frame is drawn whole (`Terminal::clear` would ask the terminal where its cursor is, and
    // the event thread would swallow the answer).
    execute!(
        stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    terminal.swap_buffers();
    Ok(())
}

/// Raw mode, the alternate screen, mouse capture and bracketed paste.
fn take_terminal() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = stdout();
    if let Err(e) = execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    ) {
        restore();
        return Err(e);
    }
    Ok(())
}

static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back: mouse capture and bracketed paste off, main screen, cooked mode,
/// cursor shown. Safe to call more than once.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = stdout();
        let _ = execute!(
            out,
            DisableBracketedPaste,
            DisableMouseCapture,
            LeaveAlternateScreen,
            ratatui::crossterm::cursor::Show
        );
        without_ttou(|| {
            let _ = disable_raw_mode();
        });
    }
}

/// Runs `f` with SIGTTOU ignored, so setting the terminal's modes cannot stop the process: after
/// a hangup the shell may have taken the terminal back, and a board stopped while its shell is
/// going away is never continued (it would hang, its unsaved work never kept). Outside `f` job
/// control is unchanged.
#[cfg(unix)]
fn without_ttou(f: impl FnOnce()) {
    // SAFETY: swapping a signal's disposition for SIG_IGN and back; no handler runs.
    let before = unsafe { libc::signal(libc::SIGTTOU, libc::SIG_IGN) };
    f();
    if before != libc::SIG_ERR {
        // SAFETY: as above, putting back what was there.
        unsafe {
            libc::signal(libc::SIGTTOU, before);
        }
    }
}

#[cfg(not(unix))]
fn without_ttou(f: impl FnOnce()) {
    f()
}

/// Restores the terminal when dropped, so `?` and early returns cannot skip it.
pub struct TerminalGuard {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalGuard {
    pub fn new() -> io::Result<TerminalGuard> {
        install_panic_hook();
        take_terminal()?;
        match Terminal::new(CrosstermBackend::new(stdout())) {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// The real terminal's events. `SQUADBOARD_PANIC_ON_KEY=<char>` makes that key panic: the
/// end-to-end tests use it to prove a panic restores the terminal.
struct TerminalEvents {
    inner: CrosstermEvents,
    panic_on: Option<char>,
}

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        let ev = self.inner.next(timeout)?;
        if let (Some(c), Some(Event::Key(k))) = (self.panic_on, &ev)
            && k.code == event::KeyCode::Char(c)
        {
            panic!("panic requested with SQUADBOARD_PANIC_ON_KEY={c}");
        }
        Ok(ev)
    }

    fn hung_up(&self) -> bool {
        self.inner.hung_up()
    }
}

/// How a run of the board ended.
pub enum Ended {
    Exit(Exit),
    /// The loop panicked; the terminal is already restored. The caller keeps the unsaved work,
    /// then resumes the panic.
    Panicked(Box<dyn std::any::Any + Send>),
    /// The terminal failed under it (a write error, input closed); the terminal is restored.
    Failed(io::Error),
}

/// Runs the board in the real terminal until it quits, a signal ends it, or it panics.
pub fn run(
    board: &mut Board,
    keymap: &Keymap,
    theme: &Theme,
    runtime: &Runtime,
) -> io::Result<Ended> {
    let signals = Signals::register()?;
    let mut guard = TerminalGuard::new()?;
    let mut events = TerminalEvents {
        inner: CrosstermEvents::spawn(),
        panic_on: std::env::var("SQUADBOARD_PANIC_ON_KEY")
            .ok()
            .and_then(|v| v.chars().next()),
    };
    // A pool batch arriving while no key is pressed is drawn at once, not after the wait.
    runtime.set_waker(events.inner.waker());
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_loop(
            &mut guard.terminal,
            board,
            keymap,
            theme,
            &mut events,
            &signals,
            runtime,
            false,
        )
    }));
    // Dropping the terminal prints (and so panics) when the terminal has gone away; nothing of
    // that may stop the caller from keeping unsaved work.
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(guard)));
    restore();
    match result {
        Ok(Ok(exit)) => Ok(Ended::Exit(exit)),
        Ok(Err(e)) => Ok(Ended::Failed(e)),
        Err(payload) => Ok(Ended::Panicked(payload)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;

    /// A reader that reads nothing until the test ends (its sender dropped).
    fn silent() -> (std::sync::mpsc::Sender<()>, CrosstermEvents) {
        let (keep, block) = channel::<()>();
        let events = CrosstermEvents::reading(move || {
            let _ = block.recv();
            Err(io::Error::other("the test is over"))
        });
        (keep, events)
    }

    /// A result arriving from another thread ends the loop's wait at once (it used to wait out
    /// its 200 ms); wakes sent while one is pending are one wake.
    #[test]
    fn a_waker_ends_the_wait_and_wakes_pending_are_one() {
        let (_keep, mut events) = silent();
        let wake = events.waker();
        let far = Duration::from_secs(30);
        let thread = std::thread::spawn(move || {
            wake();
            wake();
            wake();
            wake
        });
        let wake = thread.join().expect("woke");
        assert!(matches!(events.wait(far), Ok(Waited::Woken)));
        assert!(matches!(events.wait(Duration::ZERO), Ok(Waited::TimedOut)));
        // Taken: the next result wakes it again.
        wake();
        assert!(matches!(events.wait(far), Ok(Waited::Woken)));
    }

    #[test]
    fn keys_still_arrive_and_a_failed_reader_ends_the_wait_with_an_error() {
        let mut sent = false;
        let mut events = CrosstermEvents::reading(move || {
            if !sent {
                sent = true;
                return Ok(Event::FocusGained);
            }
            panic!("the reader broke");
        });
        let far = Duration::from_secs(30);
        assert!(matches!(
            events.wait(far),
            Ok(Waited::Event(Event::FocusGained))
        ));
        // A waker keeps the channel open: the reader's end must be sent, not noticed.
        let _wake = events.waker();
        let err = events.wait(far).expect_err("the reader's end");
        assert!(err.to_string().contains("reader failed"), "{err}");
    }

    /// A board whose terminal is taken back from it must not be stopped for good by reading it
    /// (`Signals::register` calls this): SIGTTIN is ignored, so such a read fails instead.
    #[cfg(unix)]
    #[test]
    fn reading_a_terminal_not_its_own_never_stops_the_board() {
        ignore_ttin();
        // SAFETY: a zeroed sigaction is valid to pass for reading the current disposition.
        let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
        // SAFETY: a null new action only reads the current one into `old`.
        let rc = unsafe { libc::sigaction(libc::SIGTTIN, std::ptr::null(), &mut old) };
        assert_eq!(rc, 0);
        assert_eq!(old.sa_sigaction, libc::SIG_IGN);
    }
}
