//! A modal's answers: the keys and the mouse while a modal is open, and what each answer does —
//! a prompt's text, a confirmation's yes, the picker's choice, a menu item.

use super::{Ask, Choice, Modal, PickFor, Then};
use crate::app::command::Command;
use crate::app::effects::Effect;
use crate::app::textinput::{Edit, Edited};
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
            (Modal::Prompt { ask, mut input }, action) => {
                let edit = match action {
                    Action::ModalChar(c) => Some(Edit::Insert(c)),
                    Action::ModalBackspace => Some(Edit::Backspace),
                    Action::Edit(e) => Some(e),
                    Action::Paste(text) => {
                        if input.paste(&text) > 0 {
                            self.say(format!("pasted text cut at {} characters", input.limit()));
                        }
                        None
                    }
                    Action::ModalAccept => return self.answer(ask, input.into_text()),
                    _ => None,
                };
                if let Some(e) = edit
                    && input.apply(e) == Edited::Full
                {
                    self.say(format!("at most {} characters", input.limit()));
                }
                self.view.modal = Some(Modal::Prompt { ask, input });
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
                        p.query.apply(Edit::Insert(c));
                        p.cursor = 0;
                    }
                    Action::Paste(text) => {
                        p.query.paste(&text);
                        p.cursor = 0;
                    }
                    Action::ModalBackspace => {
                        p.query.apply(Edit::Backspace);
                        p.cursor = 0;
                    }
                    // The edit is made in the guard; only a changed filter moves the cursor.
                    Action::Edit(e) if p.query.apply(e) == Edited::Changed => p.cursor = 0,
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
            (
                mut modal @ (Modal::Compare { .. } | Modal::Notice { .. } | Modal::Message { .. }),
                action,
            ) => {
                // Reading views: arrows, pages, top and end scroll; Enter or q closes.
                let (Modal::Compare { scroll, .. }
                | Modal::Notice { scroll, .. }
                | Modal::Message { scroll, .. }) = &mut modal
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
        // A typed value: applied, or refused with the prompt kept as typed, saying why (nothing
        // changed).
        let typed = match &ask {
            Ask::Assume { id, what, .. } => Some(self.answer_assume(&id.clone(), *what, &text)),
            Ask::Date => {
                Some(crate::domain::dates::parse_planning_date(&text).map(|day| self.date_to(day)))
            }
            _ => None,
        };
        if let Some(typed) = typed {
            match typed {
                Ok(said) => self.say(said),
                Err(why) => {
                    self.say(why);
                    let input = ask.input().with_text(&input);
                    self.view.modal = Some(Modal::Prompt { ask, input });
                }
            }
            return;
        }
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
                self.doc.record(before, "notes edited");
            }
            Ask::Assume { .. } | Ask::Date => {}
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
                fingerprint,
                then_delete,
                ask,
            } => self.effects.push(Effect::SaveNew {
                name,
                then_delete,
                replace: Some((path, fingerprint)),
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
            Choice::Depart(id, kind) => {
                // A departure already planned keeps its window; a new one goes into the window
                // open at the board's date (the board moves there if it opens later).
                let window = match self.doc.plan.departure(&id) {
                    Some(d) => d.window,
                    None => self.move_into_window(),
                };
                let ds = std::sync::Arc::clone(&self.doc.ds);
                self.doc.plan.depart_in(&ds, &id, kind, window).map(|()| {
                    format!(
                        "{} leaves in {window}: {}",
                        self.display_name(&id),
                        kind.label()
                    )
                })
            }
            Choice::Recall(id) => self
                .doc
                .plan
                .recall(&self.doc.ds, &id)
                .map(|()| format!("{} stays", self.display_name(&id))),
            Choice::Assume(id, what) => {
                self.ask_assume(id, what);
                return;
            }
            Choice::ClearAssumptions(id) => {
                self.doc.plan.assumptions.retain(|a| *a.player() != id);
                for s in self.doc.plan.signings.iter_mut().filter(|s| s.id == id) {
                    s.assumed_fee = None;
                    s.contract_years = None;
                }
                Ok(format!("no assumptions for {}", self.display_name(&id)))
            }
        };
        match result {
            Ok(m) => {
                self.say(m.clone());
                self.doc.record(before, m);
            }
            Err(why) => self.say(why),
        }
    }
}
