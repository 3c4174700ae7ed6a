//! The terminal: set up, the event loop, and restoring it on every way out — quit, error, panic,
//! SIGTERM, SIGHUP — mouse capture included (which `ratatui::restore()` leaves on).

use crate::app::{Action, Board};
use std::sync::mpsc::Receiver;
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
use std::time::Duration;

/// Where events come from: the real terminal, or a script in tests.
pub trait EventSource {
    /// The next event, or `None` when `timeout` passed with none.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
}

pub struct CrosstermEvents;

impl EventSource for CrosstermEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if event::poll(timeout)? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    }
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

/// The set of signals that end the board, and the last one that arrived.
#[derive(Clone, Default)]
pub struct Signals {
    pub last: Arc<AtomicUsize>,
}

impl Signals {
    /// Registers SIGTERM, SIGHUP and SIGINT (raw mode turns Ctrl-C into a key, so SIGINT only
    /// comes from `kill`).
    pub fn register() -> io::Result<Signals> {
        let s = Signals::default();
        #[cfg(unix)]
        for sig in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            let last = Arc::clone(&s.last);
            // SAFETY-free: the handler only stores into an atomic.
            signal_hook::flag::register_usize(sig, last, sig as usize)?;
        }
        Ok(s)
    }

    pub fn pending(&self) -> Option<i32> {
        match self.last.load(Ordering::SeqCst) {
            0 => None,
            n => Some(n as i32),
        }
    }
}

/// One draw per pass, then one event's actions. Generic over the backend so tests drive the
/// real loop on a `TestBackend`.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    board: &mut Board,
    theme: &Theme,
    events: &mut dyn EventSource,
    signals: &Signals,
    inbox: Option<&Receiver<Action>>,
    scripted: bool,
) -> io::Result<Exit>
where
    B::Error: std::fmt::Display,
{
    loop {
        // Work done in the background (the pool loading) arrives between frames.
        if let Some(rx) = inbox {
            while let Ok(action) = rx.try_recv() {
                board.apply(action);
            }
        }
        let mut hits = HitMap::default();
        terminal
            .draw(|f| hits = ui::draw(f, board, theme))
            .map_err(|e| io::Error::other(e.to_string()))?;
        if board.should_quit {
            return Ok(Exit::Quit);
        }
        if let Some(sig) = signals.pending() {
            return Ok(Exit::Signal(sig));
        }
        match events.next(Duration::from_millis(200))? {
            Some(ev) => {
                for action in event_to_actions(&ev, board, &hits) {
                    board.apply(action);
                }
            }
            None if scripted => return Ok(Exit::EndOfInput),
            None => {}
        }
    }
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
        let _ = disable_raw_mode();
    }
}

/// Restores the terminal when dropped, so `?` and early returns cannot skip it.
pub struct TerminalGuard {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalGuard {
    pub fn new() -> io::Result<TerminalGuard> {
        install_panic_hook();
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
    panic_on: Option<char>,
}

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        let ev = CrosstermEvents.next(timeout)?;
        if let (Some(c), Some(Event::Key(k))) = (self.panic_on, &ev)
            && k.code == event::KeyCode::Char(c)
        {
            panic!("panic requested with SQUADBOARD_PANIC_ON_KEY={c}");
        }
        Ok(ev)
    }
}

/// How a run of the board ended.
pub enum Ended {
    Exit(Exit),
    /// The loop panicked; the terminal is already restored. The caller keeps the unsaved work,
    /// then resumes the panic.
    Panicked(Box<dyn std::any::Any + Send>),
}

/// Runs the board in the real terminal until it quits, a signal ends it, or it panics.
pub fn run(
    board: &mut Board,
    theme: &Theme,
    inbox: Option<Receiver<Action>>,
) -> io::Result<Ended> {
    let signals = Signals::register()?;
    let mut events = TerminalEvents {
        panic_on: std::env::var("SQUADBOARD_PANIC_ON_KEY")
            .ok()
            .and_then(|v| v.chars().next()),
    };
    let mut guard = TerminalGuard::new()?;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_loop(
            &mut guard.terminal,
            board,
            theme,
            &mut events,
            &signals,
            inbox.as_ref(),
            false,
        )
    }));
    drop(guard);
    match result {
        Ok(exit) => exit.map(Ended::Exit),
        Err(payload) => Ok(Ended::Panicked(payload)),
    }
}
