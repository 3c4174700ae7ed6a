//! The document on the board: the data, the plan being edited and the plan as last saved, the
//! scenario file it lives in, and its undo history (a bounded [`History`]).

use crate::domain::Dataset;
use crate::domain::plan::Plan;
use crate::store::atomic::Fingerprint;
use chrono::{DateTime, Utc};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;

/// The most undo steps kept; the oldest goes first.
pub const HISTORY_LIMIT: usize = 1000;

/// The scenario being planned: its data, plan, file and history.
pub struct Document {
    pub ds: Arc<Dataset>,
    /// The whole plan, every window's moves, dated the day it opens at: what a save writes.
    pub plan: Plan,
    /// The planning date the board shows (moved with the date keys): not part of the plan.
    pub date: chrono::NaiveDate,
    /// The plan as it stands at `date` ([`Plan::at`]): what the depth chart, the XI and the
    /// details draw. Worked out again after every change ([`Document::refresh`]).
    pub shown: Plan,
    /// The plan as last saved (or opened): unsaved changes are the difference.
    pub saved: Plan,
    pub file: ScenarioFile,
    pub history: History,
    /// Where scenarios are saved and listed.
    pub scenarios_dir: PathBuf,
    /// A scenario to open once the pool has loaded (it may sign pool players).
    pub open_after_pool: Option<PathBuf>,
    /// The date the next scenario opened is shown at instead of its own (`--date` with a
    /// scenario file): its saved date is not changed.
    pub open_at: Option<chrono::NaiveDate>,
}

impl Document {
    /// The data's own plan at `date`, in no file yet.
    pub fn new(ds: Arc<Dataset>, plan: Plan, scenarios_dir: PathBuf) -> Document {
        Document {
            ds,
            saved: plan.clone(),
            date: plan.date,
            shown: plan.at(plan.date),
            plan,
            file: ScenarioFile::untitled(),
            history: History::default(),
            scenarios_dir,
            open_after_pool: None,
            open_at: None,
        }
    }

    /// Whether there is work a save would keep: the plan changed, or it is restored work.
    pub fn dirty(&self) -> bool {
        self.plan != self.saved || self.file.recovered.is_some()
    }

    /// Takes `plan` as the document's, saved as it is (opened, restored or new): the history
    /// starts again.
    pub fn replace_plan(&mut self, plan: Plan) {
        self.saved = plan.clone();
        self.date = plan.date;
        self.plan = plan;
        self.history.clear();
        self.refresh();
    }

    /// Works out [`Document::shown`] again from the plan and the date.
    pub fn refresh(&mut self) {
        self.shown = self.plan.at(self.date);
    }

    /// The whole plan seen at the board's date: every window's moves, the date the board's
    /// (for the warnings and money of that date).
    pub fn plan_on_date(&self) -> Plan {
        let mut p = self.plan.clone();
        p.date = self.date;
        p
    }

    /// Runs an edit on the plan as the board shows it, and takes the result back into the
    /// whole plan ([`Plan::absorb`]).
    pub fn edit_shown<R>(&mut self, f: impl FnOnce(&mut Plan) -> R) -> R {
        let mut shown = self.plan.at(self.date);
        let r = f(&mut shown);
        self.plan.absorb(self.date, &shown);
        self.refresh();
        r
    }

    /// Keeps `before` for undo when the plan changed since; `what` says what the change did
    /// ("Konaté → right CB"), for "undone: …".
    pub fn record(&mut self, before: Plan, what: impl Into<String>) {
        if before != self.plan {
            self.history.push(before, what.into());
        }
        self.refresh();
    }

    /// Steps back one change: what it did, or `None` when there is none.
    pub fn undo(&mut self) -> Option<String> {
        let done = self.history.undo(&mut self.plan);
        self.refresh();
        done
    }

    /// Steps forward one undone change: what it did, or `None` when there is none.
    pub fn redo(&mut self) -> Option<String> {
        let done = self.history.redo(&mut self.plan);
        self.refresh();
        done
    }
}

/// The scenario file the document lives in, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioFile {
    pub name: String,
    pub path: Option<PathBuf>,
    /// The file as last read or written, to notice changes made on disk since.
    pub fingerprint: Option<Fingerprint>,
    /// `None` for a scenario never saved: its first save is when it was created.
    pub created: Option<DateTime<Utc>>,
    /// Brought back from this recovery file: unsaved whatever the plan until saved, and the
    /// file is removed only once its work is saved somewhere.
    pub recovered: Option<PathBuf>,
}

impl ScenarioFile {
    /// A scenario as it stands in its file.
    pub fn in_file(
        name: String,
        path: Option<PathBuf>,
        fingerprint: Option<Fingerprint>,
        created: DateTime<Utc>,
    ) -> ScenarioFile {
        ScenarioFile {
            name,
            path,
            fingerprint,
            created: Some(created),
            recovered: None,
        }
    }

    pub fn untitled() -> ScenarioFile {
        ScenarioFile {
            name: "untitled".into(),
            path: None,
            fingerprint: None,
            created: None,
            recovered: None,
        }
    }
}

/// Undo and redo: the plans before each change, at most [`HISTORY_LIMIT`] of them, each with
/// what the change did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// Oldest at the front, newest at the back.
    undo: VecDeque<(Plan, String)>,
    /// The next redo at the back.
    redo: Vec<(Plan, String)>,
}

impl History {
    /// A change that did `what` was made from `before`: it can be undone, and what was undone
    /// cannot be redone.
    pub fn push(&mut self, before: Plan, what: String) {
        self.undo.push_back((before, what));
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.pop_front();
        }
        self.redo.clear();
    }

    /// Puts the plan before the last change in `plan`, keeping `plan` for redo; returns what
    /// that change did.
    pub fn undo(&mut self, plan: &mut Plan) -> Option<String> {
        let (prev, what) = self.undo.pop_back()?;
        self.redo
            .push((std::mem::replace(plan, prev), what.clone()));
        Some(what)
    }

    /// Puts the last undone plan back in `plan`, keeping `plan` for undo; returns what that
    /// change did.
    pub fn redo(&mut self, plan: &mut Plan) -> Option<String> {
        let (next, what) = self.redo.pop()?;
        self.undo
            .push_back((std::mem::replace(plan, next), what.clone()));
        Some(what)
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// The plans undo steps back through, oldest first.
    pub fn undo_steps(&self) -> Vec<&Plan> {
        self.undo.iter().map(|(p, _)| p).collect()
    }

    /// How many undone changes can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// A plan told apart from the others by its date: `n` days into 2030.
    fn plan(ds: &Dataset, n: u64) -> Plan {
        let start = NaiveDate::from_ymd_opt(2030, 1, 1).expect("date");
        Plan::new(ds, start + chrono::Days::new(n))
    }

    #[test]
    fn history_keeps_the_newest_steps_up_to_its_limit() {
        let ds = crate::store::load(None).expect("bundled");
        let mut h = History::default();
        for n in 0..HISTORY_LIMIT as u64 + 5 {
            h.push(plan(&ds, n), format!("step {n}"));
        }
        assert_eq!(h.undo_steps().len(), HISTORY_LIMIT);
        // The five oldest went; the newest is undone first.
        assert_eq!(h.undo_steps().first(), Some(&&plan(&ds, 5)));
        let mut current = plan(&ds, 9999);
        assert_eq!(h.undo(&mut current).as_deref(), Some("step 1004"));
        assert_eq!(current, plan(&ds, HISTORY_LIMIT as u64 + 4));
    }

    #[test]
    fn undo_then_redo_comes_back_and_a_new_change_drops_the_redo() {
        let ds = crate::store::load(None).expect("bundled");
        let mut doc = Document::new(Arc::new(ds.clone()), plan(&ds, 0), PathBuf::new());
        assert!(!doc.dirty());
        doc.plan = plan(&ds, 1);
        doc.record(plan(&ds, 0), "a step");
        // An unchanged plan is no step.
        doc.record(plan(&ds, 1), "no step");
        assert_eq!(doc.history.undo_steps().len(), 1);
        assert!(doc.dirty());
        assert!(doc.undo().is_some());
        assert_eq!(doc.plan, plan(&ds, 0));
        assert!(doc.undo().is_none());
        assert_eq!(doc.history.redo_len(), 1);
        assert!(doc.redo().is_some());
        assert_eq!(doc.plan, plan(&ds, 1));
        assert!(doc.undo().is_some());
        doc.plan = plan(&ds, 2);
        doc.record(plan(&ds, 0), "a step");
        assert_eq!(doc.history.redo_len(), 0);
        assert!(doc.redo().is_none());
    }
}
