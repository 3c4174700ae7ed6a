//! What the results of effects do to the board: a save's new file name and fingerprint, an
//! opened or restored scenario, the picker's list, a deletion, a comparison, and each failure
//! said to the user.

use super::Done;
use crate::app::Board;
use crate::app::command::Command;
use crate::app::document::ScenarioFile;
use crate::app::effects::Effect;
use crate::app::message::Message;
use crate::app::modal::{Modal, PickFor, Picker, Then};
use crate::domain::plan::Plan;

impl Board {
    /// Applies the result of file work.
    pub(crate) fn done(&mut self, done: Done) {
        match done {
            Done::Saved {
                path,
                fingerprint,
                name,
                created,
                plan,
                deleted_old,
            } => {
                let mut message = format!("saved “{name}” to {}", path.display());
                // Restored work is saved somewhere now: its recovery file goes.
                if let Some(r) = self.doc.file.recovered.take() {
                    self.effects.push(Effect::DiscardRecovery(r));
                }
                if let Some(Err(e)) = deleted_old {
                    message.push_str(&format!("; the old file could not be removed: {e}"));
                }
                self.doc.file = ScenarioFile::in_file(name, Some(path), Some(fingerprint), created);
                self.doc.saved = *plan;
                self.say(message);
                if self.view.quit_after_save {
                    self.view.should_quit = !self.doc.dirty();
                }
            }
            Done::SaveFailed(error) => {
                self.view.quit_after_save = false;
                if error.changed_on_disk() {
                    self.view.modal = Some(Modal::Confirm {
                        question: format!("{error}. Overwrite it with this scenario?"),
                        then: Then::Overwrite,
                        offer_save: false,
                    });
                } else {
                    self.say(format!("not saved: {error}"));
                }
            }
            Done::Opened { path, loaded } => {
                let notices = loaded.notices();
                let s = loaded.scenario;
                self.doc.replace_plan(s.plan);
                // Opened at another date than its own (`--date`): the saved one stays.
                if let Some(date) = self.doc.open_at.take() {
                    self.doc.date = date;
                    self.doc.refresh();
                }
                self.doc.file = ScenarioFile::in_file(
                    s.name.clone(),
                    Some(path),
                    Some(loaded.fingerprint),
                    s.created,
                );
                self.view.drag = None;
                self.view.press = None;
                self.view.filter = Default::default();
                self.say(format!("opened “{}”", s.name));
                if !notices.is_empty() {
                    self.show(Modal::Notice {
                        title: format!("Opened “{}” with changes", s.name),
                        lines: notices,
                        scroll: 0,
                    });
                }
            }
            Done::NameTaken {
                name,
                existing,
                path,
                fingerprint,
                changed,
                then_delete,
                ask,
            } => {
                let file = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |f| f.to_string_lossy().into(),
                );
                let what = if changed {
                    format!("“{existing}” ({file}) changed on disk since you were asked.")
                } else {
                    format!("“{existing}” already exists ({file}).")
                };
                self.view.modal = Some(Modal::Confirm {
                    question: format!(
                        "{what} Replace it with this scenario? n or Esc goes back to the \
                         name, to pick another."
                    ),
                    then: Then::Replace {
                        name,
                        path,
                        fingerprint,
                        then_delete,
                        ask,
                    },
                    offer_save: false,
                });
            }
            Done::RenameChanged { name, error } => {
                self.view.modal = Some(Modal::Confirm {
                    question: format!("{error}. Rename it to “{name}” anyway, deleting that edit?"),
                    then: Then::RenameAnyway(name),
                    offer_save: false,
                });
            }
            Done::OpenFailed(error) => {
                self.show(Modal::Notice {
                    title: "Could not open the scenario".into(),
                    lines: vec![error.to_string()],
                    scroll: 0,
                });
            }
            Done::Listed(PickFor::Compare, Ok(entries)) if entries.is_empty() => {
                // Nothing saved to compare with: the plan that changes nothing.
                let mut none = Plan::new(&self.doc.ds, self.doc.plan.date);
                none.date = self.doc.date;
                self.view.modal = Some(Modal::Compare {
                    name: "no moves".into(),
                    other: Box::new(none),
                    scroll: 0,
                });
            }
            Done::Listed(purpose, Ok(entries)) => {
                if entries.is_empty() {
                    self.say(
                        Message::text(format!(
                            "no scenarios in {} yet: ",
                            self.doc.scenarios_dir.display()
                        ))
                        .key(Command::Save)
                        .then(" saves one"),
                    );
                } else {
                    self.view.modal = Some(Modal::Picker(Picker {
                        purpose,
                        entries,
                        query: crate::app::TextInput::new(crate::app::view::QUERY_LIMIT),
                        cursor: 0,
                    }));
                }
            }
            Done::Listed(_, Err(error)) => self.say(error.to_string()),
            Done::Deleted(Ok(path)) => {
                if self.doc.file.path.as_ref() == Some(&path) {
                    // The work now lives only here: unsaved unless it is the data's own plan.
                    self.doc.file.path = None;
                    self.doc.file.fingerprint = None;
                    self.doc.saved = Plan::new(&self.doc.ds, self.doc.plan.date);
                }
                self.say(format!("deleted {}", path.display()));
                self.effects.push(Effect::List(PickFor::Open));
            }
            Done::Deleted(Err(error)) => self.say(format!("not deleted: {error}")),
            Done::Compared(Ok((name, other))) => {
                self.view.modal = Some(Modal::Compare {
                    name,
                    other,
                    scroll: 0,
                });
            }
            Done::RecoveriesFound(all) => self.offer_recoveries(&all),
            Done::Today(today) => {
                let said = self.date_to(today);
                self.say(said);
            }
            Done::Recovered(Ok((loaded, pending, fingerprint))) => {
                let notices = loaded.notices();
                let s = loaded.scenario;
                self.doc.date = s.plan.date;
                self.doc.plan = s.plan;
                self.doc.refresh();
                self.doc.file =
                    ScenarioFile::in_file(s.name.clone(), pending.origin, fingerprint, s.created);
                self.doc.file.recovered = Some(pending.path);
                self.doc.history.clear();
                self.say(format!("restored the unsaved work on “{}”", s.name));
                if !notices.is_empty() {
                    self.show(Modal::Notice {
                        title: format!("Restored “{}” with notes", s.name),
                        lines: notices,
                        scroll: 0,
                    });
                }
            }
            Done::Recovered(Err(error)) => {
                self.show(Modal::Notice {
                    title: "The recovery file could not be read".into(),
                    lines: vec![
                        error.to_string(),
                        "it is kept where it is; nothing was deleted".into(),
                    ],
                    scroll: 0,
                });
            }
            Done::SetAside(Ok(paths)) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                let names = names.join(", ");
                // After restoring one of several, both are said.
                self.view.message = Some(match self.view.message.take() {
                    Some(m) if m.starts_with("restored") => {
                        m.then(format!("; the other work is kept in {names}"))
                    }
                    _ => Message::text(format!("the unsaved work is kept in {names}")),
                });
            }
            Done::RecoveryDiscarded(_) => {}
            Done::SetAside(Err(error)) => {
                self.say(format!("the recovery file stays where it is: {error}"));
            }
            Done::Compared(Err(error)) => {
                self.show(Modal::Notice {
                    title: "Could not compare".into(),
                    lines: vec![error.to_string()],
                    scroll: 0,
                });
            }
        }
    }
}
