//! The board's state and the one place it changes: [`Board::update`]. The board is three
//! parts: the [`Document`] (data, plan, file, history), the [`View`] (cursors, panes, modals)
//! and the [`SearchState`]; modals answer in `modal::answer`, effects are performed in
//! `effects` and their results applied in `effects::done`.

mod assume;
mod board;
pub mod command;
mod depth;
pub mod document;
pub mod effects;
pub mod message;
pub mod modal;
pub mod pool;
pub mod runtime;
mod scenario;
pub mod search;
pub mod table;
pub mod textinput;
pub mod timeline;
mod update;
pub mod view;
pub mod viewport;

pub use board::{Board, Preview};
pub use document::{Document, History, ScenarioFile};
pub use effects::{Done, Effect, EffectError};
pub use message::Message;
pub use modal::{Ask, Modal, PickFor, Then};
pub use search::SearchState;
pub use textinput::{Edit, TextInput};
pub use view::{
    DepthColumn, DepthLine, DepthRow, DragState, Filter, ListItem, ListKind, Overlays, Pane, Spot,
    View,
};

pub use command::Command;
pub use viewport::Viewport;

/// Everything that can happen to the board. Keys arrive as keymap [`Command`]s and are read in
/// context (Space grabs, or drops while dragging); the mouse arrives as presses, drags and
/// releases on [`Spot`]s resolved against the last frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Command(Command),
    /// Typing into the search box.
    FilterChar(char),
    FilterBackspace,
    FilterAccept,
    /// Mouse button pressed on a spot: selects it, and may start a drag.
    Press(Spot),
    /// Mouse moved with the button held, over a spot (or outside every spot).
    DragTo(Option<Spot>),
    /// Mouse button released over a spot (or outside every spot).
    Release(Option<Spot>),
    Scroll {
        spot: Spot,
        down: bool,
    },
    Paste(String),
    Resize,
    /// What the last frame showed of the view that takes the keys (page, scroll end): sent by
    /// the loop after a draw that measured it anew.
    Viewport(Viewport),
    /// An editing key in the open text input: a prompt, the picker's filter or the search box.
    Edit(textinput::Edit),
    /// Typing into a prompt or the picker's filter.
    ModalChar(char),
    ModalBackspace,
    /// Enter in a prompt, the picker or a notice.
    ModalAccept,
    /// `y` to a confirmation.
    ConfirmYes,
    /// `s` to "unsaved changes — quit?": save, then quit.
    ConfirmSave,
    /// Delete the scenario under the picker's cursor (after a confirmation).
    PickerDelete,
    /// A menu item's key.
    MenuKey(char),
    /// The result of file work the board asked for.
    Done(Box<Done>),
    /// The scouting pool loading in the background: how far it is.
    PoolProgress {
        file: String,
        progress: crate::store::pool::Progress,
    },
    /// The next players of the pool (each batch sent once, by the loader, in file order).
    PoolBatch(std::sync::Arc<pool::PoolBatch>),
    /// The last batch of the pool in this file is in.
    PoolLoaded(std::path::PathBuf),
    /// The pool could not be read (further); the batches that arrived stay.
    PoolFailed(String),
}
