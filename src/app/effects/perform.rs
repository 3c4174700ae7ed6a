//! Performing effects: the file work (scenarios, recovery) and the pool loader, each answered
//! with the actions that carry its result. The runtime calls [`perform`] beside the event loop;
//! [`Board::apply`] does the same inline, for tests and for `main` before the terminal is taken.

use super::{Done, Effect, EffectError};
use crate::app::pool;
use crate::app::{Action, Board};
use crate::domain::scenario::{FORMAT_VERSION, Scenario};
use crate::store::atomic::{self, Expect, Fingerprint};
use crate::store::recovery;
use crate::store::scenario as files;
use chrono::{DateTime, Utc};
use std::path::PathBuf;

/// The scenario the board would write now (`now` is its modified time, and its created time
/// if it was never saved).
pub fn scenario_of(board: &Board, name: &str, now: DateTime<Utc>) -> Scenario {
    let mut s = Scenario::new(name.to_string(), board.doc.plan.clone(), now);
    s.format_version = FORMAT_VERSION;
    // A pool player's name goes into the file beside his id, for a reopening without the pool.
    s.plan.keep_pool_names(&board.doc.ds);
    s.created = board
        .doc
        .file
        .created
        .map_or(s.modified, |c| c.min(s.modified));
    s
}

/// Performs one effect here and now, reading the board as it is; `send` gets each action that
/// answers it (the pool loader sends its progress before the pool).
pub fn perform(board: &Board, effect: Effect, send: &mut dyn FnMut(Action)) {
    let now = Utc::now();
    let done = match effect {
        Effect::LoadPool(path) => {
            return pool::Loader::new(&board.doc.ds).load(&path, send);
        }
        Effect::Today => Done::Today(chrono::Local::now().date_naive()),
        Effect::FindRecoveries => {
            Done::RecoveriesFound(recovery::pending(&board.doc.scenarios_dir))
        }
        Effect::Save { overwrite } => match &board.doc.file.path {
            None => Done::SaveFailed(EffectError::NoFile),
            Some(path) => {
                let s = scenario_of(board, &board.doc.file.name, now);
                let expect = match (overwrite, board.doc.file.fingerprint) {
                    (false, Some(fp)) => Expect::Unchanged(fp),
                    _ => Expect::Anything,
                };
                // Whatever was answered, only a scenario is written over.
                if matches!(expect, Expect::Anything) && !absent_or_scenario(board, path) {
                    send(Action::Done(Box::new(Done::SaveFailed(
                        EffectError::NotAScenario { path: path.clone() },
                    ))));
                    return;
                }
                match files::save(path, &s, expect) {
                    Ok(fingerprint) => Done::Saved {
                        path: path.clone(),
                        fingerprint,
                        name: s.name,
                        created: s.created,
                        plan: Box::new(s.plan),
                        deleted_old: None,
                    },
                    Err(e) => Done::SaveFailed(e.into()),
                }
            }
        },
        Effect::SaveNew {
            name,
            then_delete,
            mut replace,
            ask,
        } => {
            // A rename deletes the old file: the same check as saving over it.
            if let Some((old, Some(fp))) = &then_delete
                && let Err(e) = atomic::check_unchanged(old, *fp)
            {
                return send(Action::Done(Box::new(Done::RenameChanged {
                    name,
                    error: e.into(),
                })));
            }
            // The scenario to replace changed after the user said to replace it (another board
            // saved it, an editor): asked again, not written over. Gone: the name is free.
            if let Some((path, Some(asked))) = &replace {
                match Fingerprint::of_file(path) {
                    Ok(Some(now)) if now != *asked => {
                        let existing = files::load(path, &board.doc.ds)
                            .map_or_else(|_| name.clone(), |l| l.scenario.name);
                        return send(Action::Done(Box::new(Done::NameTaken {
                            name,
                            existing,
                            path: path.clone(),
                            fingerprint: Some(now),
                            changed: true,
                            then_delete,
                            ask,
                        })));
                    }
                    Ok(None) => replace = None,
                    _ => {}
                }
            }
            // A name another scenario has is refused until the user says to replace it. A
            // rename may keep its own name in another case: that is its own file, kept.
            if replace.is_none()
                && let Ok(entries) = files::list(&board.doc.scenarios_dir, &board.doc.ds)
                && let Some(taken) = files::name_taken(&entries, &name)
            {
                let own = then_delete
                    .as_ref()
                    .is_some_and(|(old, _)| *old == taken.path);
                if !own {
                    return send(Action::Done(Box::new(Done::NameTaken {
                        name,
                        existing: taken.name.clone(),
                        path: taken.path.clone(),
                        fingerprint: Fingerprint::of_file(&taken.path).ok().flatten(),
                        changed: false,
                        then_delete,
                        ask,
                    })));
                }
                replace = Some((taken.path.clone(), None));
            }
            let then_delete = then_delete.map(|(old, _)| old);
            let s = scenario_of(board, &name, now);
            let written = match replace {
                Some((path, asked)) => {
                    let expect = asked.map_or(Expect::Anything, Expect::Unchanged);
                    files::save(&path, &s, expect).map(|fp| (path, fp))
                }
                None => files::save_new(&board.doc.scenarios_dir, &s),
            };
            match written {
                Ok((path, fingerprint)) => {
                    let deleted_old = then_delete
                        .filter(|old| *old != path)
                        .map(|old| remove(&old));
                    Done::Saved {
                        path,
                        fingerprint,
                        name: s.name,
                        created: s.created,
                        plan: Box::new(s.plan),
                        deleted_old,
                    }
                }
                Err(e) => Done::SaveFailed(e.into()),
            }
        }
        Effect::Open(path) => match files::load(&path, &board.doc.ds) {
            Ok(loaded) => Done::Opened {
                path,
                loaded: Box::new(loaded),
            },
            Err(e) => Done::OpenFailed(e.into()),
        },
        Effect::List(purpose) => Done::Listed(
            purpose,
            files::list(&board.doc.scenarios_dir, &board.doc.ds).map_err(EffectError::from),
        ),
        Effect::Delete(path) => Done::Deleted(remove(&path)),
        // Nothing is deleted here: the file goes once its work is saved (`DiscardRecovery`).
        Effect::Recover(path) => match (files::load(&path, &board.doc.ds), recovery::read(&path)) {
            (Ok(loaded), Some(mut pending)) => {
                // Saving goes back to the file it came from, if that file is still as it was
                // when the work was opened (else it asks, as any save does). A recovery with
                // no fingerprint (an older build's, or one written by hand) cannot tell: the
                // save asks first, and a file there that is not a scenario is not its file.
                let fingerprint = match (&pending.origin, pending.origin_fingerprint) {
                    (_, Some(fp)) => Some(fp),
                    (None, None) => None,
                    (Some(origin), None) => {
                        if !absent_or_scenario(board, origin) {
                            pending.origin = None;
                            None
                        } else {
                            Fingerprint::of_file(origin)
                                .ok()
                                .flatten()
                                .map(|_| Fingerprint::UNKNOWN)
                        }
                    }
                };
                Done::Recovered(Ok((Box::new(loaded), pending, fingerprint)))
            }
            (Err(e), _) => Done::Recovered(Err(e.into())),
            (Ok(_), None) => Done::Recovered(Err(EffectError::NotAFile { path })),
        },
        Effect::SetAsideRecovery(paths) => Done::SetAside(
            paths
                .iter()
                .map(|p| recovery::set_aside(p, now))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| EffectError::SetAside(std::sync::Arc::new(e))),
        ),
        Effect::DiscardRecovery(path) => {
            recovery::discard(&path);
            Done::RecoveryDiscarded(path)
        }
        Effect::Compare(path) => Done::Compared(
            files::load(&path, &board.doc.ds)
                .map(|l| (l.scenario.name, Box::new(l.scenario.plan)))
                .map_err(EffectError::from),
        ),
    };
    send(Action::Done(Box::new(done)));
}

/// Whether nothing is at `path`, or a file that reads as a scenario.
fn absent_or_scenario(board: &Board, path: &std::path::Path) -> bool {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        _ => files::load(path, &board.doc.ds).is_ok(),
    }
}

fn remove(path: &std::path::Path) -> Result<PathBuf, EffectError> {
    std::fs::remove_file(path)
        .map(|()| path.to_path_buf())
        .map_err(|e| EffectError::io(path, e))
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

    /// Performs `effects` inline, feeding each result back through `update`, and what those
    /// ask for in turn. Returns the effects left undone (none, unless results kept asking for
    /// more past the bound).
    pub fn run_effects(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        // Bounded: an effect's result may ask for another (a re-list after a delete).
        for _ in 0..16 {
            let Some(effect) = queue.pop_front() else {
                break;
            };
            let mut answers = Vec::new();
            perform(self, effect, &mut |a| answers.push(a));
            for action in answers {
                queue.extend(self.update(action));
            }
        }
        queue.into()
    }

    /// `update` then, inline, the effects it asked for — what the event loop and its runtime
    /// do for each action, without the threads. Returns the effects left undone.
    pub fn apply(&mut self, action: Action) -> Vec<Effect> {
        let effects = self.update(action);
        self.run_effects(effects)
    }

    /// Offers the work signals or crashes left in the scenario folder, looked for here and now.
    pub fn offer_recovery(&mut self) {
        self.run_effects(vec![Effect::FindRecoveries]);
    }
}
