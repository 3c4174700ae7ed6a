//! What sits on top of the board: prompts, confirmations, the scenario picker, a comparison,
//! notices and small menus: their state here, what their answers do in `answer`.

use super::textinput::TextInput;
use crate::domain::PlayerId;
use crate::domain::plan::Plan;
use crate::store::scenario::Entry;
use std::path::PathBuf;

mod answer;

/// What a text prompt is asking for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    SaveAs,
    Rename,
    Duplicate,
    Notes,
    /// The board's planning date, typed as a day.
    Date,
    /// A typed value for one of a player's assumptions (see `app::assume`).
    Assume {
        id: PlayerId,
        what: Assume,
        /// "Assumed fee for Romero".
        title: String,
        /// What to type, and what holds now.
        help: String,
    },
}

/// The assumptions a prompt takes a typed value for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assume {
    /// The fee a projected signing costs.
    Fee,
    /// The fee a sale (or a loan out) brings.
    SaleFee,
    /// Fit from a day.
    FitFrom,
    /// Injured from a day, to a day or with no known return.
    Injured,
    /// The contract renewed to a day.
    Renews,
    /// The window a signing joins in.
    JoinWindow,
    /// The window a departure leaves in.
    LeaveWindow,
    /// The length of a signing's new contract, in seasons.
    ContractYears,
    /// A signing as a loan for the rest of his season, or a transfer (a toggle, no prompt).
    Loan,
    /// The transfer budget of the window open at the board's date (the plan's, not the
    /// player's).
    Budget,
    /// The exchange rate from a currency into the plan's (the plan's, not the player's).
    Rate(crate::domain::Currency),
}

/// The longest scenario name a prompt takes, in characters (the file name is its slug,
/// shortened further, so every name that can be typed can be saved).
pub const NAME_LIMIT: usize = 80;
/// The longest notes a prompt takes, in characters.
pub const NOTES_LIMIT: usize = 10_000;

impl Ask {
    /// How many characters the prompt takes.
    pub fn limit(&self) -> usize {
        match self {
            Ask::Notes => NOTES_LIMIT,
            _ => NAME_LIMIT,
        }
    }

    /// An empty input for this prompt: notes take several lines, names one.
    pub fn input(&self) -> TextInput {
        let input = TextInput::new(self.limit());
        if *self == Ask::Notes {
            input.multiline()
        } else {
            input
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Ask::SaveAs => "Save as — scenario name",
            Ask::Rename => "Rename scenario",
            Ask::Duplicate => "Duplicate as — name of the copy",
            Ask::Notes => "Notes for this scenario",
            Ask::Date => "Planning date",
            Ask::Assume { title, .. } => title,
        }
    }

    /// A line above the text saying what to type.
    pub fn help(&self) -> Option<&str> {
        match self {
            Ask::Assume { help, .. } => Some(help),
            Ask::Date => Some("a day, YYYY-MM-DD (2027-01-15); the plan's own date is not changed"),
            _ => None,
        }
    }
}

/// What a yes answer to a confirmation does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    /// Quit without saving.
    Quit,
    /// Save over a file that changed on disk since it was opened.
    Overwrite,
    Delete(PathBuf),
    /// Open a scenario, dropping unsaved changes.
    Open(PathBuf),
    /// Start a new scenario, dropping unsaved changes.
    New,
    /// Rename to this name although the old file changed on disk since it was opened.
    RenameAnyway(String),
    /// Restore the work a crash or signal left in this recovery file.
    Recover(PathBuf),
    /// Save under a name another scenario has, over that scenario's file (no: back to the
    /// prompt `ask`, the name kept, to pick another).
    Replace {
        name: String,
        path: PathBuf,
        /// What that file held when the user was asked.
        fingerprint: Option<crate::store::atomic::Fingerprint>,
        then_delete: Option<(PathBuf, Option<crate::store::atomic::Fingerprint>)>,
        ask: Ask,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickFor {
    Open,
    Compare,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    pub purpose: PickFor,
    pub entries: Vec<Entry>,
    pub query: TextInput,
    pub cursor: usize,
}

impl Picker {
    /// The entries the query lets through, best match first (all, by name, with no query).
    pub fn visible(&self) -> Vec<(usize, Vec<usize>)> {
        let m = crate::search::Matcher::default();
        let mut out: Vec<(i64, usize, Vec<usize>)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                m.matches(&crate::search::fold(&e.name), self.query.text())
                    .map(|h| (h.score, i, h.indices))
            })
            .collect();
        if !self.query.text().trim().is_empty() {
            out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        out.into_iter().map(|(_, i, idx)| (i, idx)).collect()
    }

    pub fn selected(&self) -> Option<&Entry> {
        let v = self.visible();
        v.get(self.cursor).and_then(|(i, _)| self.entries.get(*i))
    }
}

/// A choice in a small menu, picked by its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuItem {
    pub key: char,
    pub label: String,
    pub choice: Choice,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Depart(PlayerId, crate::domain::plan::DepartureKind),
    Recall(PlayerId),
    /// Ask for a typed value for this assumption.
    Assume(PlayerId, Assume),
    ClearAssumptions(PlayerId),
    /// Restore this recovery; keep the `others` as scenario files in the picker.
    Restore {
        path: PathBuf,
        others: Vec<PathBuf>,
    },
    /// Keep these recoveries as scenario files in the picker.
    SetAside(Vec<PathBuf>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    Prompt {
        ask: Ask,
        /// The text and its cursor; a suggested text is selected (typing replaces it).
        input: TextInput,
    },
    Confirm {
        question: String,
        then: Then,
        /// Offer "s: save first" (quitting with unsaved changes).
        offer_save: bool,
    },
    Picker(Picker),
    /// The current plan beside another scenario's.
    Compare {
        name: String,
        other: Box<Plan>,
        scroll: u16,
    },
    Notice {
        title: String,
        lines: Vec<String>,
        scroll: u16,
    },
    /// The status message in full, keys printed by ui (a cut status line ends in `…` and the
    /// key that opens this).
    Message {
        message: super::Message,
        scroll: u16,
    },
    Menu {
        title: String,
        items: Vec<MenuItem>,
    },
}
