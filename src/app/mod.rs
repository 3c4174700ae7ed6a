//! The board's state and the one place it changes: [`Board::update`].

mod board;
mod update;

pub use board::{Board, DragState, Filter, ListItem, ListKind, Overlays, Pane, Preview, Spot};

use crate::input::Command;

/// Everything that can happen to the board. Keys arrive as keymap [`Command`]s and are read in
/// context (Space grabs, or drops while dragging); the mouse arrives as presses, drags and
/// releases on [`Spot`]s resolved against the last frame.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}
