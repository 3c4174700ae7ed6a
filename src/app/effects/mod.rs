//! Effects as data: what `update` asks the world to do ([`Effect`]: scenario files, recovery,
//! the pool loader) and what came of it ([`Done`], with a typed [`EffectError`]). `perform`
//! does the work (the only part of `app` that touches files), `done` applies the results, and
//! [`Runtime`](super::runtime::Runtime) runs them beside the event loop.

use super::modal::PickFor;
use crate::domain::plan::Plan;
use crate::store::atomic::Fingerprint;
use crate::store::recovery;
use crate::store::scenario::{Entry, Loaded};
use chrono::{DateTime, Utc};
use std::path::PathBuf;

mod done;
mod error;
mod perform;

pub use error::EffectError;
pub use perform::{perform, scenario_of};

/// Work the board asks for, returned by `update`; the runtime performs it (see [`perform`]) and
/// answers with actions carrying the result. `update` itself never touches a file or the clock.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save the current plan to its file; `overwrite` ignores changes made on disk.
    Save {
        overwrite: bool,
    },
    /// Save the current plan as a new file under this name (save-as, duplicate); a rename then
    /// deletes the old file, if it still holds what was read (`None`: delete it anyway).
    SaveNew {
        name: String,
        then_delete: Option<(PathBuf, Option<crate::store::atomic::Fingerprint>)>,
        /// The file to write over: a scenario whose name was taken, the user having chosen to
        /// replace it, with what it held when asked (if it changed since, the user is asked
        /// again). `None`: a new file, once no scenario of the folder has the name.
        replace: Option<(PathBuf, Option<crate::store::atomic::Fingerprint>)>,
        /// The prompt the name came from, to go back to when the name is taken.
        ask: super::Ask,
    },
    Open(PathBuf),
    List(PickFor),
    Delete(PathBuf),
    Compare(PathBuf),
    /// Bring back the work in this recovery file (it stays until that work is saved).
    Recover(PathBuf),
    /// Keep these recovery files as ordinary scenarios instead.
    SetAsideRecovery(Vec<PathBuf>),
    /// The recovered work is saved: its recovery file goes.
    DiscardRecovery(PathBuf),
    /// Look in the scenario folder for work a crash or a signal left behind, to offer it back.
    FindRecoveries,
    /// Load the scouting pool in this file, in the background: progress, then the pool (or why
    /// not), arrive as actions.
    LoadPool(PathBuf),
    /// Read the clock: today's date, for the board to move to.
    Today,
}

/// The result of one effect.
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    Saved {
        path: PathBuf,
        fingerprint: Fingerprint,
        name: String,
        created: DateTime<Utc>,
        /// The plan as written (the board may have moved on meanwhile in a later design).
        plan: Box<Plan>,
        /// A rename also deletes the old file: how that went.
        deleted_old: Option<Result<PathBuf, EffectError>>,
    },
    SaveFailed(EffectError),
    /// Another scenario of the folder has the name (case and accents ignored, or its file
    /// name): nothing was written.
    NameTaken {
        name: String,
        /// That scenario's name, and its file.
        existing: String,
        path: PathBuf,
        /// What that file holds now: replacing it checks it still does.
        fingerprint: Option<Fingerprint>,
        /// Asked again: the file changed after the user said to replace it.
        changed: bool,
        then_delete: Option<(PathBuf, Option<Fingerprint>)>,
        ask: super::Ask,
    },
    /// A rename found the old file changed on disk since it was opened: nothing was written.
    RenameChanged {
        name: String,
        error: EffectError,
    },
    Opened {
        path: PathBuf,
        loaded: Box<Loaded>,
    },
    OpenFailed(EffectError),
    Listed(PickFor, Result<Vec<Entry>, EffectError>),
    Deleted(Result<PathBuf, EffectError>),
    Compared(Result<(String, Box<Plan>), EffectError>),
    /// The recovery file's work, where it came from, and the fingerprint a save back to that
    /// file expects.
    Recovered(Result<(Box<Loaded>, recovery::Pending, Option<Fingerprint>), EffectError>),
    SetAside(Result<Vec<PathBuf>, EffectError>),
    RecoveryDiscarded(PathBuf),
    /// The work crashes or signals left in the scenario folder.
    RecoveriesFound(Vec<recovery::Pending>),
    /// Today's date, as the clock read it: the board's date moves there.
    Today(chrono::NaiveDate),
}
