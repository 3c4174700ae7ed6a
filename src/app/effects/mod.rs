//! Performing the file work the board asks for. This is the only part of `app` that touches
//! files; it reads the board and answers with an [`Action::Done`] for `update` to apply.

use super::modal::PickFor;
use super::{Action, Board};
use crate::domain::plan::Plan;
use crate::domain::scenario::{FORMAT_VERSION, Scenario};
use crate::store::atomic::{self, Expect, Fingerprint};
use crate::store::recovery;
use crate::store::scenario::{self as files, Entry, Loaded};
use chrono::{DateTime, Utc};
use std::path::PathBuf;

mod done;

/// File work the board asks for; the loop performs it (see [`perform`]) and answers
/// with an action carrying the result. `update` itself never touches a file.
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
        deleted_old: Option<Result<PathBuf, String>>,
    },
    SaveFailed {
        message: String,
        changed_on_disk: bool,
    },
    /// A rename found the old file changed on disk since it was opened: nothing was written.
    RenameChanged {
        name: String,
        message: String,
    },
    Opened {
        path: PathBuf,
        loaded: Box<Loaded>,
    },
    OpenFailed(String),
    Listed(PickFor, Result<Vec<Entry>, String>),
    Deleted(Result<PathBuf, String>),
    Compared(Result<(String, Box<Plan>), String>),
    /// The recovery file's work, and where it came from.
    Recovered(Result<(Box<Loaded>, recovery::Pending), String>),
    SetAside(Result<Vec<PathBuf>, String>),
    RecoveryDiscarded(PathBuf),
}

/// The scenario the board would write now.
pub fn scenario_of(board: &Board, name: &str, now: DateTime<Utc>) -> Scenario {
    let mut s = Scenario::new(name.to_string(), board.doc.plan.clone(), now);
    s.format_version = FORMAT_VERSION;
    s.created = board.doc.file.created.min(s.modified);
    s
}

pub fn perform(board: &Board, effect: Effect) -> Action {
    let now = Utc::now();
    let done = match effect {
        Effect::Save { overwrite } => match &board.doc.file.path {
            None => Done::SaveFailed {
                message: "this scenario has no file yet: save it as a new one".into(),
                changed_on_disk: false,
            },
            Some(path) => {
                let s = scenario_of(board, &board.doc.file.name, now);
                let expect = match (overwrite, board.doc.file.fingerprint) {
                    (false, Some(fp)) => Expect::Unchanged(fp),
                    _ => Expect::Anything,
                };
                match files::save(path, &s, expect) {
                    Ok(fingerprint) => Done::Saved {
                        path: path.clone(),
                        fingerprint,
                        name: s.name,
                        created: s.created,
                        plan: Box::new(s.plan),
                        deleted_old: None,
                    },
                    Err(e) => Done::SaveFailed {
                        changed_on_disk: e.is_changed_on_disk(),
                        message: e.to_string(),
                    },
                }
            }
        },
        Effect::SaveNew { name, then_delete } => {
            // A rename deletes the old file: the same check as saving over it.
            if let Some((old, Some(fp))) = &then_delete
                && let Err(e) = atomic::check_unchanged(old, *fp)
            {
                return Action::Done(Box::new(Done::RenameChanged {
                    name,
                    message: e.to_string(),
                }));
            }
            let then_delete = then_delete.map(|(old, _)| old);
            let s = scenario_of(board, &name, now);
            match files::save_new(&board.doc.scenarios_dir, &s) {
                Ok((path, fingerprint)) => {
                    let deleted_old = then_delete.filter(|old| *old != path).map(|old| {
                        std::fs::remove_file(&old)
                            .map(|()| old.clone())
                            .map_err(|e| format!("{}: {e}", old.display()))
                    });
                    Done::Saved {
                        path,
                        fingerprint,
                        name: s.name,
                        created: s.created,
                        plan: Box::new(s.plan),
                        deleted_old,
                    }
                }
                Err(e) => Done::SaveFailed {
                    changed_on_disk: false,
                    message: e.to_string(),
                },
            }
        }
        Effect::Open(path) => match files::load(&path, &board.doc.ds) {
            Ok(loaded) => Done::Opened {
                path,
                loaded: Box::new(loaded),
            },
            Err(e) => Done::OpenFailed(e.to_string()),
        },
        Effect::List(purpose) => Done::Listed(
            purpose,
            files::list(&board.doc.scenarios_dir, &board.doc.ds).map_err(|e| e.to_string()),
        ),
        Effect::Delete(path) => Done::Deleted(
            std::fs::remove_file(&path)
                .map(|()| path.clone())
                .map_err(|e| format!("{}: {e}", path.display())),
        ),
        // Nothing is deleted here: the file goes once its work is saved (`DiscardRecovery`).
        Effect::Recover(path) => match (files::load(&path, &board.doc.ds), recovery::read(&path)) {
            (Ok(loaded), Some(pending)) => Done::Recovered(Ok((Box::new(loaded), pending))),
            (Err(e), _) => Done::Recovered(Err(e.to_string())),
            (Ok(_), None) => {
                Done::Recovered(Err(format!("{}: not a regular file", path.display())))
            }
        },
        Effect::SetAsideRecovery(paths) => Done::SetAside(
            paths
                .iter()
                .map(|p| recovery::set_aside(p, now))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string()),
        ),
        Effect::DiscardRecovery(path) => {
            recovery::discard(&path);
            Done::RecoveryDiscarded(path)
        }
        Effect::Compare(path) => Done::Compared(
            files::load(&path, &board.doc.ds)
                .map(|l| (l.scenario.name, Box::new(l.scenario.plan)))
                .map_err(|e| e.to_string()),
        ),
    };
    Action::Done(Box::new(done))
}

impl Board {
    /// Writes unsaved work to the recovery file (after a signal or a panic). Returns where, or
    /// `None` when there was nothing unsaved.
    pub fn keep_unsaved(&self) -> Option<Result<PathBuf, String>> {
        if !self.doc.dirty() {
            return None;
        }
        let s = scenario_of(self, &self.doc.file.name, Utc::now());
        let written = recovery::write(
            &self.doc.scenarios_dir,
            &s,
            self.doc.file.path.as_deref(),
            self.doc.file.fingerprint,
        )
        .map_err(|e| e.to_string());
        // A restored recovery's work is now in the new one: the old one goes.
        if let (Ok(new), Some(old)) = (&written, &self.doc.file.recovered)
            && new != old
        {
            recovery::discard(old);
        }
        Some(written)
    }

    /// Performs every effect `update` asked for, feeding each result back through `update`.
    pub fn run_effects(&mut self) {
        // Bounded: an effect's result may ask for another (a re-list after a delete).
        for _ in 0..16 {
            if self.effects.is_empty() {
                return;
            }
            let effect = self.effects.remove(0);
            let action = perform(self, effect);
            self.update(action);
        }
    }

    /// `update` then the effects it asked for: what the event loop does for each action.
    pub fn apply(&mut self, action: Action) {
        self.update(action);
        self.run_effects();
    }
}
