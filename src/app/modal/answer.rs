//! A modal's answers: the keys and the mouse while a modal is open, and what each answer does —
//! a prompt's text, a confirmation's yes, the picker's choice, a menu item.

use super::{Ask, Choice, Modal, PickFor, Then};
use crate::app::command::Command;
use crate::app::effects::Effect;
use crate::app::{Action, Board};

impl Board {
    /// Keys and the mouse while a modal is open. Returns whether the action was for it.
    pub(crate) fn modal_action(&mut self, action: Action) {
        let Some(modal) = self.view.modal.take() else {
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
            // A name taken, not replaced: back to the prompt to pick another, the text kept.
            (
                Modal::Confirm {
                    then: Then::Replace { name, ask, .. },
                    ..
                },
                Action::Command(Command::Cancel),
            ) => self.prompt(ask, name),
            (_, Action::Command(Command::Cancel)) => {
                self.view.quit_after_save = false;
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
                        self.view.modal = Some(Modal::Prompt {
                            ask,
                            input,
                            selected,
                        });
                        return;
                    }
                }
                self.view.modal = Some(Modal::Prompt {
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
                    self.view.quit_after_save = true;
                    self.save();
                }
                _ => {
                    self.view.modal = Some(Modal::Confirm {
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
                    Action::Command(
                        cmd @ (Command::Up
                        | Command::Down
                        | Command::Top
                        | Command::Bottom
                        | Command::PageUp
                        | Command::PageDown),
                    ) => {
                        let (len, page) = (p.visible().len(), self.view.viewport.page);
                        let to = crate::app::viewport::jump(cmd, p.cursor, len, page);
                        p.cursor = to.unwrap_or(p.cursor);
                    }
                    Action::ModalAccept => {
                        if let Some(e) = p.selected() {
                            let path = e.path.clone();
                            match p.purpose {
                                PickFor::Compare => self.effects.push(Effect::Compare(path)),
                                PickFor::Open if self.doc.dirty() => {
                                    self.view.modal = Some(Modal::Confirm {
                                        question: format!(
                                            "Unsaved changes to “{}”. Open “{}” without them?",
                                            self.doc.file.name, e.name
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
                            self.view.modal = Some(Modal::Confirm {
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
                self.view.modal = Some(Modal::Picker(p));
            }
            (mut modal @ (Modal::Compare { .. } | Modal::Notice { .. }), action) => {
                // Reading views: arrows, pages, top and end scroll; Enter or q closes.
                let (Modal::Compare { scroll, .. } | Modal::Notice { scroll, .. }) = &mut modal
                else {
                    return;
                };
                match action {
                    Action::ModalAccept | Action::Command(Command::Quit) => return,
                    Action::Command(cmd) => {
                        if let Some(to) = self.view.viewport.scroll(cmd, *scroll) {
                            *scroll = to;
                        }
                    }
                    _ => {}
                }
                self.view.modal = Some(modal);
            }
            (Modal::Menu { title, items }, action) => match action {
                Action::MenuKey(k) => match items.iter().find(|i| i.key == k) {
                    Some(item) => self.choose(item.choice.clone()),
                    None => self.view.modal = Some(Modal::Menu { title, items }),
                },
                _ => self.view.modal = Some(Modal::Menu { title, items }),
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
                replace: None,
                ask,
            }),
            Ask::Rename => match &self.doc.file.path {
                Some(old) => self.effects.push(Effect::SaveNew {
                    name: text,
                    then_delete: Some((old.clone(), self.doc.file.fingerprint)),
                    replace: None,
                    ask,
                }),
                None => {
                    self.doc.file.name = text;
                    self.say(format!("renamed “{}” (not saved yet)", self.doc.file.name));
                }
            },
            Ask::Notes => {
                let before = self.doc.plan.clone();
                self.doc.plan.notes = input;
                self.doc.record(before);
            }
        }
    }

    fn confirmed(&mut self, then: Then) {
        match then {
            Then::Quit => self.view.should_quit = true,
            Then::Overwrite => self.effects.push(Effect::Save { overwrite: true }),
            Then::Delete(path) => self.effects.push(Effect::Delete(path)),
            Then::Open(path) => self.effects.push(Effect::Open(path)),
            Then::Recover(path) => self.effects.push(Effect::Recover(path)),
            Then::New => self.new_scenario(),
            Then::RenameAnyway(name) => {
                if let Some(old) = &self.doc.file.path {
                    self.effects.push(Effect::SaveNew {
                        name,
                        then_delete: Some((old.clone(), None)),
                        replace: None,
                        ask: Ask::Rename,
                    });
                }
            }
            Then::Replace {
                name,
                path,
                then_delete,
                ask,
            } => self.effects.push(Effect::SaveNew {
                name,
                then_delete,
                replace: Some(path),
                ask,
            }),
        }
    }

    fn choose(&mut self, choice: Choice) {
        let before = self.doc.plan.clone();
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
                .doc
                .plan
                .depart(&self.doc.ds, &id, kind)
                .map(|()| format!("{} leaves: {}", self.display_name(&id), kind.label())),
            Choice::Recall(id) => self
                .doc
                .plan
                .recall(&self.doc.ds, &id)
                .map(|()| format!("{} stays", self.display_name(&id))),
            Choice::Assume(a) => {
                let name = self.display_name(a.player());
                let text = a.describe(&name);
                self.doc.plan.assume(a);
                Ok(format!("assumed: {text}"))
            }
            Choice::ClearAssumptions(id) => {
                self.doc.plan.assumptions.retain(|a| *a.player() != id);
                Ok(format!("no assumptions for {}", self.display_name(&id)))
            }
        };
        match result {
            Ok(m) => {
                self.say(m);
                self.doc.record(before);
            }
            Err(why) => self.say(why),
        }
    }
}
