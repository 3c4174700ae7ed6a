//! Scenario work on the board: save, save-as, open, new, duplicate, rename, delete, compare,
//! departures, assumptions and notes — and the modals they go through.

use super::Action;
use super::board::{Board, Document};
use super::command::Command;
use super::effects::Done;
use super::message::Message;
use super::modal::{Ask, Choice, Effect, MenuItem, Modal, PickFor, Picker, Then};
use crate::domain::dates::{add_months, season_end};
use crate::domain::plan::{Assumption, DepartureKind, Plan};

impl Board {
    /// The commands about scenarios, departures and assumptions.
    pub(super) fn scenario_command(&mut self, cmd: Command) {
        match cmd {
            Command::Quit => {
                if self.dirty() {
                    self.modal = Some(Modal::Confirm {
                        question: format!(
                            "Unsaved changes to “{}”. Quit without saving them?",
                            self.doc.name
                        ),
                        then: Then::Quit,
                        offer_save: true,
                    });
                } else {
                    self.should_quit = true;
                }
            }
            Command::Save => self.save(),
            Command::SaveAs => self.prompt(Ask::SaveAs, self.suggested_name()),
            Command::Duplicate => self.prompt(Ask::Duplicate, format!("{} copy", self.doc.name)),
            Command::Rename => self.prompt(Ask::Rename, self.doc.name.clone()),
            Command::Notes => self.prompt(Ask::Notes, self.plan.notes.clone()),
            Command::OpenScenario => self.effects.push(Effect::List(PickFor::Open)),
            Command::Compare => self.effects.push(Effect::List(PickFor::Compare)),
            Command::NewScenario => {
                if self.dirty() {
                    self.modal = Some(Modal::Confirm {
                        question: format!(
                            "Unsaved changes to “{}”. Start a new scenario without them?",
                            self.doc.name
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
        if self.doc.path.is_none() && self.doc.name == "untitled" {
            String::new()
        } else {
            self.doc.name.clone()
        }
    }

    fn prompt(&mut self, ask: Ask, input: String) {
        // A suggested name is selected (typing replaces it); notes are edited from their end.
        let selected = !input.is_empty() && ask != Ask::Notes;
        self.modal = Some(Modal::Prompt {
            ask,
            input,
            selected,
        });
    }

    fn save(&mut self) {
        if self.doc.path.is_some() {
            self.effects.push(Effect::Save { overwrite: false });
        } else {
            self.prompt(Ask::SaveAs, self.suggested_name());
        }
    }

    /// A fresh plan from the data's depth chart at the current planning date.
    fn new_scenario(&mut self) {
        let plan = Plan::new(&self.ds, self.plan.date);
        self.saved = plan.clone();
        self.plan = plan;
        self.doc = Document::untitled();
        self.undo.clear();
        self.redo.clear();
        self.drag = None;
        self.say("new scenario");
    }

    fn depart_menu(&mut self) {
        let Some((id, _)) = self.selected() else {
            self.say("select a squad player first");
            return;
        };
        if self.ds.is_target(&id) {
            self.say(
                Message::text(format!("{} is a target: ", self.display_name(&id)))
                    .key(Command::Remove)
                    .then(" takes a signing out"),
            );
            return;
        }
        let mut items: Vec<MenuItem> = DepartureKind::ALL
            .iter()
            .zip('1'..)
            .map(|(kind, key)| MenuItem {
                key,
                label: kind.label().to_string(),
                choice: Choice::Depart(id.clone(), *kind),
            })
            .collect();
        if self.plan.departure(&id).is_some() {
            items.push(MenuItem {
                key: '0',
                label: "stays after all".into(),
                choice: Choice::Recall(id.clone()),
            });
        }
        self.modal = Some(Modal::Menu {
            title: format!("{} leaves:", self.display_name(&id)),
            items,
        });
    }

    fn assume_menu(&mut self) {
        let Some((id, _)) = self.selected() else {
            self.say("select a player first");
            return;
        };
        let date = self.plan.date;
        let renew_to = add_months(season_end(date), 12);
        let item = |key, label: String, a: Assumption| MenuItem {
            key,
            label,
            choice: Choice::Assume(a),
        };
        let mut items = vec![
            item(
                '1',
                format!("fit from {date}"),
                Assumption::FitFrom {
                    id: id.clone(),
                    from: date,
                },
            ),
            item(
                '2',
                format!("renews to {renew_to}"),
                Assumption::Renews {
                    id: id.clone(),
                    until: renew_to,
                },
            ),
            item(
                '3',
                format!("injured from {date}, return unknown"),
                Assumption::InjuredUntil {
                    id: id.clone(),
                    since: date,
                    until: None,
                },
            ),
        ];
        if self.plan.assumptions.iter().any(|a| *a.player() == id) {
            items.push(MenuItem {
                key: '0',
                label: "clear his assumptions".into(),
                choice: Choice::ClearAssumptions(id.clone()),
            });
        }
        self.modal = Some(Modal::Menu {
            title: format!("Assume for {}:", self.display_name(&id)),
            items,
        });
    }

    /// Offers the work signals or crashes left in the scenario folder: one recovery as a
    /// yes/no question, several as a menu (each with its scenario and when it was written).
    pub(super) fn offer_recoveries(&mut self) {
        let all = crate::store::recovery::pending(&self.scenarios_dir);
        match all.as_slice() {
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
        crate::domain::scenario::short_name(&self.ds, id)
    }

    /// Keys and the mouse while a modal is open. Returns whether the action was for it.
    pub(super) fn modal_action(&mut self, action: Action) {
        let Some(modal) = self.modal.take() else {
            return;
        };
        // Closing is the default; arms that keep the modal put it back.
        match (modal, action) {
            (
                Modal::Confirm {
                    then: Then::Recover(path),
                    ..
                },
                Action::Command(Command::Cancel),
            ) => self.effects.push(Effect::SetAsideRecovery(vec![path])),
            (_, Action::Command(Command::Cancel)) => {
                self.quit_after_save = false;
            }
            (
                Modal::Prompt {
                    ask,
                    mut input,
                    selected,
                },
                action,
            ) => {
                // A suggested text is selected: typing replaces it, Backspace clears it.
                let edit = |input: &mut String| {
                    if selected {
                        input.clear();
                    }
                };
                let limit = ask.limit();
                match action {
                    Action::ModalChar(c) => {
                        edit(&mut input);
                        if input.chars().count() < limit {
                            input.push(c);
                        } else {
                            self.say(format!("at most {limit} characters"));
                        }
                    }
                    Action::Paste(text) => {
                        edit(&mut input);
                        let room = limit.saturating_sub(input.chars().count());
                        // Notes keep their line breaks; a name takes the first line.
                        let kept: Vec<char> = if ask == Ask::Notes {
                            text.replace("\r\n", "\n")
                                .chars()
                                .filter(|c| *c == '\n' || !c.is_control())
                                .take(room + 1)
                                .collect()
                        } else {
                            text.lines()
                                .next()
                                .unwrap_or("")
                                .chars()
                                .filter(|c| !c.is_control())
                                .take(room + 1)
                                .collect()
                        };
                        if kept.len() > room {
                            self.say(format!("pasted text cut at {limit} characters"));
                        }
                        input.extend(kept.into_iter().take(room));
                    }
                    Action::ModalBackspace => {
                        if selected {
                            input.clear();
                        } else {
                            input.pop();
                        }
                    }
                    Action::ModalAccept => return self.answer(ask, input),
                    _ => {
                        self.modal = Some(Modal::Prompt {
                            ask,
                            input,
                            selected,
                        });
                        return;
                    }
                }
                self.modal = Some(Modal::Prompt {
                    ask,
                    input,
                    selected: false,
                });
            }
            (
                Modal::Confirm {
                    question,
                    then,
                    offer_save,
                },
                action,
            ) => match action {
                Action::ConfirmYes => self.confirmed(then),
                Action::ConfirmSave if offer_save => {
                    self.quit_after_save = true;
                    self.save();
                }
                _ => {
                    self.modal = Some(Modal::Confirm {
                        question,
                        then,
                        offer_save,
                    })
                }
            },
            (Modal::Picker(mut p), action) => {
                match action {
                    Action::ModalChar(c) => {
                        p.query.push(c);
                        p.cursor = 0;
                    }
                    Action::Paste(text) => {
                        p.query.push_str(text.lines().next().unwrap_or(""));
                        p.cursor = 0;
                    }
                    Action::ModalBackspace => {
                        p.query.pop();
                        p.cursor = 0;
                    }
                    Action::Command(Command::Up) => p.cursor = p.cursor.saturating_sub(1),
                    Action::Command(Command::Down) => {
                        p.cursor = (p.cursor + 1).min(p.visible().len().saturating_sub(1));
                    }
                    Action::ModalAccept => {
                        if let Some(e) = p.selected() {
                            let path = e.path.clone();
                            match p.purpose {
                                PickFor::Compare => self.effects.push(Effect::Compare(path)),
                                PickFor::Open if self.dirty() => {
                                    self.modal = Some(Modal::Confirm {
                                        question: format!(
                                            "Unsaved changes to “{}”. Open “{}” without them?",
                                            self.doc.name, e.name
                                        ),
                                        then: Then::Open(path),
                                        offer_save: false,
                                    });
                                }
                                PickFor::Open => self.effects.push(Effect::Open(path)),
                            }
                            return;
                        }
                    }
                    Action::PickerDelete => {
                        if let Some(e) = p.selected() {
                            self.modal = Some(Modal::Confirm {
                                question: format!(
                                    "Delete “{}” ({})? This cannot be undone.",
                                    e.name,
                                    e.path.display()
                                ),
                                then: Then::Delete(e.path.clone()),
                                offer_save: false,
                            });
                            return;
                        }
                    }
                    _ => {}
                }
                self.modal = Some(Modal::Picker(p));
            }
            (mut modal @ (Modal::Compare { .. } | Modal::Notice { .. }), action) => {
                // Reading views: arrows scroll, Enter or q closes.
                let (Modal::Compare { scroll, .. } | Modal::Notice { scroll, .. }) = &mut modal
                else {
                    return;
                };
                match action {
                    Action::Command(Command::Down) => *scroll = scroll.saturating_add(1),
                    Action::Command(Command::Up) => *scroll = scroll.saturating_sub(1),
                    Action::ModalAccept | Action::Command(Command::Quit) => return,
                    _ => {}
                }
                self.modal = Some(modal);
            }
            (Modal::Menu { title, items }, action) => match action {
                Action::MenuKey(k) => match items.iter().find(|i| i.key == k) {
                    Some(item) => self.choose(item.choice.clone()),
                    None => self.modal = Some(Modal::Menu { title, items }),
                },
                _ => self.modal = Some(Modal::Menu { title, items }),
            },
        }
    }

    fn answer(&mut self, ask: Ask, input: String) {
        let text = input.trim().to_string();
        if ask != Ask::Notes && text.is_empty() {
            self.say("a scenario needs a name");
            self.prompt(ask, input);
            return;
        }
        match ask {
            Ask::SaveAs | Ask::Duplicate => self.effects.push(Effect::SaveNew {
                name: text,
                then_delete: None,
            }),
            Ask::Rename => match &self.doc.path {
                Some(old) => self.effects.push(Effect::SaveNew {
                    name: text,
                    then_delete: Some((old.clone(), self.doc.fingerprint)),
                }),
                None => {
                    self.doc.name = text;
                    self.say(format!("renamed “{}” (not saved yet)", self.doc.name));
                }
            },
            Ask::Notes => {
                let before = self.plan.clone();
                self.plan.notes = input;
                self.record_change(before);
            }
        }
    }

    fn confirmed(&mut self, then: Then) {
        match then {
            Then::Quit => self.should_quit = true,
            Then::Overwrite => self.effects.push(Effect::Save { overwrite: true }),
            Then::Delete(path) => self.effects.push(Effect::Delete(path)),
            Then::Open(path) => self.effects.push(Effect::Open(path)),
            Then::Recover(path) => self.effects.push(Effect::Recover(path)),
            Then::New => self.new_scenario(),
            Then::RenameAnyway(name) => {
                if let Some(old) = &self.doc.path {
                    self.effects.push(Effect::SaveNew {
                        name,
                        then_delete: Some((old.clone(), None)),
                    });
                }
            }
        }
    }

    fn choose(&mut self, choice: Choice) {
        let before = self.plan.clone();
        let result = match choice {
            Choice::Restore { path, others } => {
                self.effects.push(Effect::Recover(path));
                if !others.is_empty() {
                    self.effects.push(Effect::SetAsideRecovery(others));
                }
                return;
            }
            Choice::SetAside(all) => {
                self.effects.push(Effect::SetAsideRecovery(all));
                return;
            }
            Choice::Depart(id, kind) => self
                .plan
                .depart(&self.ds, &id, kind)
                .map(|()| format!("{} leaves: {}", self.display_name(&id), kind.label())),
            Choice::Recall(id) => self
                .plan
                .recall(&self.ds, &id)
                .map(|()| format!("{} stays", self.display_name(&id))),
            Choice::Assume(a) => {
                let name = self.display_name(a.player());
                let text = a.describe(&name);
                self.plan.assume(a);
                Ok(format!("assumed: {text}"))
            }
            Choice::ClearAssumptions(id) => {
                self.plan.assumptions.retain(|a| *a.player() != id);
                Ok(format!("no assumptions for {}", self.display_name(&id)))
            }
        };
        match result {
            Ok(m) => {
                self.say(m);
                self.record_change(before);
            }
            Err(why) => self.say(why),
        }
    }

    /// Applies the result of file work.
    pub(super) fn done(&mut self, done: Done) {
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
                if let Some(r) = self.doc.recovered.take() {
                    self.effects.push(Effect::DiscardRecovery(r));
                }
                if let Some(Err(e)) = deleted_old {
                    message.push_str(&format!("; the old file could not be removed: {e}"));
                }
                self.doc = Document::in_file(name, Some(path), Some(fingerprint), created);
                self.saved = *plan;
                self.say(message);
                if self.quit_after_save {
                    self.should_quit = !self.dirty();
                }
            }
            Done::SaveFailed {
                message,
                changed_on_disk,
            } => {
                self.quit_after_save = false;
                if changed_on_disk {
                    self.modal = Some(Modal::Confirm {
                        question: format!("{message}. Overwrite it with this scenario?"),
                        then: Then::Overwrite,
                        offer_save: false,
                    });
                } else {
                    self.say(format!("not saved: {message}"));
                }
            }
            Done::Opened { path, loaded } => {
                let notices = loaded.notices();
                let s = loaded.scenario;
                self.plan = s.plan;
                self.saved = self.plan.clone();
                self.doc = Document::in_file(
                    s.name.clone(),
                    Some(path),
                    Some(loaded.fingerprint),
                    s.created,
                );
                self.undo.clear();
                self.redo.clear();
                self.drag = None;
                self.press = None;
                self.filter = Default::default();
                self.say(format!("opened “{}”", s.name));
                if !notices.is_empty() {
                    self.show(Modal::Notice {
                        title: format!("Opened “{}” with changes", s.name),
                        lines: notices,
                        scroll: 0,
                    });
                }
            }
            Done::RenameChanged { name, message } => {
                self.modal = Some(Modal::Confirm {
                    question: format!(
                        "{message}. Rename it to “{name}” anyway, deleting that edit?"
                    ),
                    then: Then::RenameAnyway(name),
                    offer_save: false,
                });
            }
            Done::OpenFailed(message) => {
                self.show(Modal::Notice {
                    title: "Could not open the scenario".into(),
                    lines: vec![message],
                    scroll: 0,
                });
            }
            Done::Listed(purpose, Ok(entries)) => {
                if entries.is_empty() {
                    self.say(
                        Message::text(format!(
                            "no scenarios in {} yet: ",
                            self.scenarios_dir.display()
                        ))
                        .key(Command::Save)
                        .then(" saves one"),
                    );
                } else {
                    self.modal = Some(Modal::Picker(Picker {
                        purpose,
                        entries,
                        query: String::new(),
                        cursor: 0,
                    }));
                }
            }
            Done::Listed(_, Err(message)) => self.say(message),
            Done::Deleted(Ok(path)) => {
                if self.doc.path.as_ref() == Some(&path) {
                    // The work now lives only here: unsaved unless it is the data's own plan.
                    self.doc.path = None;
                    self.doc.fingerprint = None;
                    self.saved = Plan::new(&self.ds, self.plan.date);
                }
                self.say(format!("deleted {}", path.display()));
                self.effects.push(Effect::List(PickFor::Open));
            }
            Done::Deleted(Err(message)) => self.say(format!("not deleted: {message}")),
            Done::Compared(Ok((name, other))) => {
                self.modal = Some(Modal::Compare {
                    name,
                    other,
                    scroll: 0,
                });
            }
            Done::Recovered(Ok((loaded, pending))) => {
                let notices = loaded.notices();
                let s = loaded.scenario;
                self.plan = s.plan;
                // Saving goes back to the file it came from, if that file is still as it was
                // when the work was opened (else it asks, as any save does). A recovery from an
                // older build did not keep that: the file as it is now.
                let fingerprint = pending.origin_fingerprint.or_else(|| {
                    pending
                        .origin
                        .as_deref()
                        .and_then(|p| crate::store::atomic::Fingerprint::of_file(p).ok().flatten())
                });
                self.doc =
                    Document::in_file(s.name.clone(), pending.origin, fingerprint, s.created);
                self.doc.recovered = Some(pending.path);
                self.undo.clear();
                self.redo.clear();
                self.say(format!("restored the unsaved work on “{}”", s.name));
                if !notices.is_empty() {
                    self.show(Modal::Notice {
                        title: format!("Restored “{}” with notes", s.name),
                        lines: notices,
                        scroll: 0,
                    });
                }
            }
            Done::Recovered(Err(message)) => {
                self.show(Modal::Notice {
                    title: "The recovery file could not be read".into(),
                    lines: vec![
                        message,
                        "it is kept where it is; nothing was deleted".into(),
                    ],
                    scroll: 0,
                });
            }
            Done::SetAside(Ok(paths)) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                let names = names.join(", ");
                // After restoring one of several, both are said.
                self.message = Some(match self.message.take() {
                    Some(m) if m.starts_with("restored") => {
                        m.then(format!("; the other work is kept in {names}"))
                    }
                    _ => Message::text(format!("the unsaved work is kept in {names}")),
                });
            }
            Done::RecoveryDiscarded(_) => {}
            Done::SetAside(Err(message)) => {
                self.say(format!("the recovery file stays where it is: {message}"));
            }
            Done::Compared(Err(message)) => {
                self.show(Modal::Notice {
                    title: "Could not compare".into(),
                    lines: vec![message],
                    scroll: 0,
                });
            }
        }
    }
}
