//! Scenario commands on the board: save, save-as, open, new, duplicate, rename, compare,
//! departures, assumptions and notes, and the offer of unsaved work left by a crash — each opens
//! the modal it goes through (answered in `modal::answer`) or asks for an effect.

use super::board::Board;
use super::command::Command;
use super::document::ScenarioFile;
use super::effects::Effect;
use super::message::Message;
use super::modal::{Ask, Choice, MenuItem, Modal, PickFor, Then};
use crate::domain::plan::{DepartureKind, Plan};

impl Board {
    /// The commands about scenarios, departures and assumptions.
    pub(super) fn scenario_command(&mut self, cmd: Command) {
        match cmd {
            Command::Quit => {
                if self.doc.dirty() {
                    self.view.modal = Some(Modal::Confirm {
                        question: format!(
                            "Unsaved changes to “{}”. Quit without saving them?",
                            self.doc.file.name
                        ),
                        then: Then::Quit,
                        offer_save: true,
                    });
                } else {
                    self.view.should_quit = true;
                }
            }
            Command::Save => self.save(),
            Command::SaveAs => self.prompt(Ask::SaveAs, self.suggested_name()),
            Command::Duplicate => {
                self.prompt(Ask::Duplicate, format!("{} copy", self.doc.file.name))
            }
            Command::Rename => self.prompt(Ask::Rename, self.doc.file.name.clone()),
            Command::Notes => self.prompt(Ask::Notes, self.doc.plan.notes.clone()),
            Command::OpenScenario => self.effects.push(Effect::List(PickFor::Open)),
            Command::Compare => self.effects.push(Effect::List(PickFor::Compare)),
            Command::NewScenario => {
                if self.doc.dirty() {
                    self.view.modal = Some(Modal::Confirm {
                        question: format!(
                            "Unsaved changes to “{}”. Start a new scenario without them?",
                            self.doc.file.name
                        ),
                        then: Then::New,
                        offer_save: false,
                    });
                } else {
                    self.new_scenario();
                }
            }
            Command::Depart => self.depart_menu(),
            Command::Assume => self.assume_menu(),
            _ => {}
        }
    }

    fn suggested_name(&self) -> String {
        if self.doc.file.path.is_none() && self.doc.file.name == "untitled" {
            String::new()
        } else {
            self.doc.file.name.clone()
        }
    }

    pub(super) fn prompt(&mut self, ask: Ask, text: String) {
        // A suggested name is selected (typing replaces it); notes are edited from their end.
        let input = if ask == Ask::Notes {
            ask.input().with_text(&text)
        } else {
            ask.input().suggested(&text)
        };
        self.view.modal = Some(Modal::Prompt { ask, input });
    }

    pub(super) fn save(&mut self) {
        if self.doc.file.path.is_some() {
            self.effects.push(Effect::Save { overwrite: false });
        } else {
            self.prompt(Ask::SaveAs, self.suggested_name());
        }
    }

    /// A fresh plan from the data's depth chart at the current planning date.
    pub(super) fn new_scenario(&mut self) {
        let plan = Plan::new(&self.doc.ds, self.doc.plan.date);
        self.doc.replace_plan(plan);
        self.doc.file = ScenarioFile::untitled();
        self.view.drag = None;
        self.say("new scenario");
    }

    fn depart_menu(&mut self) {
        let Some((id, _)) = self.selected() else {
            self.say("select a squad player first");
            return;
        };
        if self.doc.ds.is_target(&id) {
            self.say(
                Message::text(format!("{} is a target: ", self.display_name(&id)))
                    .key(Command::Remove)
                    .then(" takes a signing out"),
            );
            return;
        }
        // A player out of contract at the date can no longer be sold or loaned: he goes free.
        let expired = self.out_of_contract(&id);
        let mut items: Vec<MenuItem> = DepartureKind::ALL
            .iter()
            .filter(|k| {
                !expired
                    || matches!(
                        k,
                        DepartureKind::Released | DepartureKind::ContractNotRenewed
                    )
            })
            .zip('1'..)
            .map(|(kind, key)| MenuItem {
                key,
                label: kind.label().to_string(),
                choice: Choice::Depart(id.clone(), *kind),
            })
            .collect();
        if self.doc.plan.departure(&id).is_some() {
            items.push(MenuItem {
                key: '0',
                label: "stays after all".into(),
                choice: Choice::Recall(id.clone()),
            });
        }
        self.view.modal = Some(Modal::Menu {
            title: format!("{} leaves:", self.display_name(&id)),
            items,
        });
    }

    /// Offers the work signals or crashes left in the scenario folder (found by
    /// `Effect::FindRecoveries`): one recovery as a
    /// yes/no question, several as a menu (each with its scenario and when it was written).
    pub(crate) fn offer_recoveries(&mut self, all: &[crate::store::recovery::Pending]) {
        match all {
            [] => {}
            [one] => {
                self.show(Modal::Confirm {
                    question: format!(
                        "squadboard stopped with unsaved work{} on {}. Restore it? \
                         y restores it; n keeps it as a scenario file in the picker.",
                        one.name
                            .as_ref()
                            .map_or(String::new(), |n| format!(" on “{n}”")),
                        one.describe()
                    ),
                    then: Then::Recover(one.path.clone()),
                    offer_save: false,
                });
            }
            several => {
                let paths: Vec<std::path::PathBuf> =
                    several.iter().map(|p| p.path.clone()).collect();
                let mut items: Vec<MenuItem> = several
                    .iter()
                    .zip('1'..='9')
                    .map(|(p, key)| MenuItem {
                        key,
                        label: format!(
                            "“{}”, {}",
                            p.name.as_deref().unwrap_or("unnamed"),
                            p.describe()
                        ),
                        choice: Choice::Restore {
                            path: p.path.clone(),
                            others: paths.iter().filter(|o| **o != p.path).cloned().collect(),
                        },
                    })
                    .collect();
                items.push(MenuItem {
                    key: 'k',
                    label: "keep them all as scenario files in the picker".into(),
                    choice: Choice::SetAside(paths),
                });
                // The others are kept as scenario files in the picker.
                self.show(Modal::Menu {
                    title: format!("{} unsaved works kept: restore which?", several.len()),
                    items,
                });
            }
        }
    }

    pub(super) fn display_name(&self, id: &crate::domain::PlayerId) -> String {
        self.names([id]).get(id)
    }
}
