//! The runtime beside the event loop: it performs the effects `update` returns and sends every
//! result back through one inbox, a channel of [`Action`]s the loop drains between frames.
//! File work (scenarios, recovery) is done at once on the loop's thread, its answer queued in
//! the inbox; the pool loader runs on a thread of its own and sends its progress and its pool
//! through the same inbox.

use super::effects::{Effect, perform};
use super::pool;
use super::{Action, Board};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, OnceLock};

/// What wakes the loop from its wait for a key when an action arrives from another thread.
type Waker = Arc<OnceLock<Box<dyn Fn() + Send + Sync>>>;

/// Performs effects; holds the inbox their results arrive in.
pub struct Runtime {
    tx: Sender<Action>,
    inbox: Receiver<Action>,
    wake: Waker,
}

impl Default for Runtime {
    fn default() -> Runtime {
        Runtime::new()
    }
}

impl Runtime {
    pub fn new() -> Runtime {
        let (tx, inbox) = channel();
        Runtime {
            tx,
            inbox,
            wake: Waker::default(),
        }
    }

    /// Called after each action another thread puts in the inbox (a pool batch), so a loop
    /// waiting for a key takes it at once instead of at the end of its wait. Set once (the
    /// terminal's reader, when the loop starts); threads already running use it from then on.
    pub fn set_waker(&self, wake: impl Fn() + Send + Sync + 'static) {
        let _ = self.wake.set(Box::new(wake));
    }

    /// Somewhere else to send actions from (another thread's work).
    pub fn sender(&self) -> Sender<Action> {
        self.tx.clone()
    }

    /// Starts each effect; its results arrive in the inbox.
    pub fn perform(&self, board: &Board, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::LoadPool(path) => {
                    // The data's people are read here: the thread holds no reference to the
                    // data, which the board grows as the batches arrive.
                    let loader = pool::Loader::new(&board.doc.ds);
                    let (tx, wake) = (self.tx.clone(), Arc::clone(&self.wake));
                    std::thread::spawn(move || {
                        loader.load(&path, &mut |a| {
                            let _ = tx.send(a);
                            if let Some(wake) = wake.get() {
                                wake();
                            }
                        });
                    });
                }
                other => perform(board, other, &mut |a| {
                    let _ = self.tx.send(a);
                }),
            }
        }
    }

    /// One action through `update`, and the effects it asks for started.
    pub fn dispatch(&self, board: &mut Board, action: Action) {
        let effects = board.update(action);
        self.perform(board, effects);
    }

    /// Waits for the next action in the inbox (for tests and tools with no frames to draw);
    /// `None` only if every sender is gone.
    pub fn recv(&self) -> Option<Action> {
        self.inbox.recv().ok()
    }

    /// Applies every action waiting in the inbox (and what their effects answer at once), until
    /// none is left.
    pub fn drain(&self, board: &mut Board) {
        while let Ok(action) = self.inbox.try_recv() {
            self.dispatch(board, action);
        }
    }

    /// As [`Runtime::drain`], but stops taking actions once `budget` has passed (at least one
    /// is taken): a million-player pool arrives in 50 batches of ~10 ms each, and a key typed
    /// meanwhile must not wait for all of them. `true` when it stopped with actions perhaps
    /// still waiting, so the loop should not sleep before the next pass.
    pub fn drain_for(&self, board: &mut Board, budget: std::time::Duration) -> bool {
        let start = std::time::Instant::now();
        loop {
            match self.inbox.try_recv() {
                Ok(action) => self.dispatch(board, action),
                Err(_) => return false,
            }
            if start.elapsed() >= budget {
                return true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A board on the bundled data, its scenarios in `dir`.
    fn board_in(dir: std::path::PathBuf) -> Board {
        let ds = crate::store::load(None).expect("bundled");
        let today = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).expect("date");
        Board::new(Arc::new(ds), None, today, dir)
    }
    use std::sync::Arc;

    #[test]
    fn a_pool_that_fails_to_load_says_so_through_the_inbox() {
        let mut board = board_in(std::path::PathBuf::new());
        let rt = Runtime::new();
        rt.perform(
            &board,
            vec![Effect::LoadPool("/nonexistent/pool.csv".into())],
        );
        // The loader's thread ends after its last action; the runtime still holds a sender.
        let action = rt.inbox.recv().expect("the loader answers");
        let failed = matches!(action, Action::PoolFailed(_));
        rt.dispatch(&mut board, action);
        assert!(failed, "{:?}", board.search.pool);
        assert!(matches!(board.search.pool, pool::PoolStatus::Failed(_)));
    }

    #[test]
    fn a_drain_with_no_time_left_takes_one_action_and_says_more_may_wait() {
        let mut board = board_in(std::path::PathBuf::new());
        let rt = Runtime::new();
        for message in ["first", "second"] {
            rt.sender()
                .send(Action::PoolFailed(message.into()))
                .expect("send");
        }
        assert!(rt.drain_for(&mut board, std::time::Duration::ZERO));
        assert_eq!(board.search.pool, pool::PoolStatus::Failed("first".into()));
        // Time enough: the rest is taken, and the inbox is said to be empty.
        assert!(!rt.drain_for(&mut board, std::time::Duration::from_secs(60)));
        assert_eq!(board.search.pool, pool::PoolStatus::Failed("second".into()));
    }

    #[test]
    fn file_work_is_answered_in_the_inbox_before_the_next_frame() {
        let dir = std::env::temp_dir().join(format!("squadboard-runtime-{}", std::process::id()));
        let mut board = board_in(dir.clone());
        let rt = Runtime::new();
        rt.dispatch(
            &mut board,
            Action::Command(super::super::Command::OpenScenario),
        );
        // Nothing applied yet: the listing waits in the inbox.
        assert!(board.view.message.is_none());
        rt.drain(&mut board);
        let said = board.message_text().unwrap_or_default();
        assert!(said.starts_with("no scenarios in"), "{said}");
        let _ = std::fs::remove_dir_all(dir);
    }

    /// The pool loader's thread calls the waker after each action it sends, so a loop waiting
    /// for a key takes the action at once.
    #[test]
    fn the_loader_wakes_the_loop_after_each_action() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let dir = tempfile::tempdir().expect("tempdir");
        let board = board_in(dir.path().to_path_buf());
        let rt = Runtime::new();
        let woken = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&woken);
        rt.set_waker(move || {
            count.fetch_add(1, Ordering::SeqCst);
        });
        let pool = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/players.csv");
        rt.perform(&board, vec![Effect::LoadPool(pool.into())]);
        let mut received = 0;
        loop {
            let action = rt.recv().expect("the loader answers");
            received += 1;
            // Each action is woken for after it is sent: all before this one have been.
            assert!(woken.load(Ordering::SeqCst) >= received - 1);
            if matches!(action, Action::PoolLoaded(_) | Action::PoolFailed(_)) {
                assert!(matches!(action, Action::PoolLoaded(_)), "{action:?}");
                break;
            }
        }
        assert!(received >= 3, "progress, a batch, the end: {received}");
    }
}
