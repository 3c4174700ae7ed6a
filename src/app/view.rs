//! What the board shows and where the user stands in it: the focused pane and its cursors,
//! overlays, the search box and the target list, help, the timeline view, the detail pane, a
//! drag under way, the status message, the open modal and those waiting behind it; and the
//! depth chart's columns and rows as drawn.

use super::message::Message;
use super::modal::Modal;
use super::timeline::TimelineView;
use crate::domain::plan::Origin;
use crate::domain::{PlayerId, Position};
use std::collections::VecDeque;

/// The board's view state.
pub struct View {
    pub focus: Pane,
    /// Depth pane cursor: column index into
    /// [`Board::depth_columns`](super::Board::depth_columns), row.
    pub depth_cursor: (usize, usize),
    /// The row (column, row) a depth column's "more" row last brought into view: that window
    /// stays while the cursor is in it, so a press on a row it shows takes the player drawn there.
    pub depth_reveal: Option<(usize, usize)>,
    pub slot_cursor: usize,
    /// The slot `j` left for the keeper from the foot of a flank, and the keeper's slot: `k`
    /// there goes back to it.
    pub slot_below: Option<(usize, usize)>,
    pub list_cursor: usize,
    pub overlays: Overlays,
    pub filter: Filter,
    /// The target pane's rows, rebuilt by [`Board::refresh_list`](super::Board::refresh_list).
    pub list: Vec<ListItem>,
    /// The target pane as a table: shown or not, and its sort.
    pub table: super::table::TableView,
    pub help: bool,
    pub help_scroll: u16,
    /// The timeline view (key `T`), when shown.
    pub timeline_view: Option<TimelineView>,
    pub detail: bool,
    /// How far the details (on the board or the timeline) are scrolled.
    pub detail_scroll: u16,
    /// How far the warnings pane is scrolled, in rows (`W`, or the wheel over it).
    pub warnings_scroll: u16,
    /// The last frame's page and scroll end of the view that takes the keys.
    pub viewport: super::Viewport,
    pub drag: Option<DragState>,
    /// A mouse press that may become a drag: the player under it.
    pub press: Option<(PlayerId, Origin)>,
    pub message: Option<Message>,
    /// A prompt, confirmation, picker… on top of the board; it takes the keys while open.
    pub modal: Option<Modal>,
    /// Dialogues raised while another was open (a notice during the recovery offer): shown, in
    /// order, as each one before them closes — never dropped.
    pub pending_modals: VecDeque<Modal>,
    pub should_quit: bool,
    /// Quit once the save under way succeeds ("save and quit").
    pub quit_after_save: bool,
}

impl Default for View {
    fn default() -> View {
        View {
            focus: Pane::Depth,
            depth_cursor: (0, 0),
            depth_reveal: None,
            slot_cursor: 1,
            slot_below: None,
            list_cursor: 0,
            overlays: Overlays {
                injury: true,
                contract: true,
            },
            filter: Filter::default(),
            list: Vec::new(),
            table: super::table::TableView::default(),
            help: false,
            help_scroll: 0,
            timeline_view: None,
            detail: false,
            detail_scroll: 0,
            warnings_scroll: 0,
            viewport: super::Viewport::default(),
            drag: None,
            press: None,
            message: None,
            modal: None,
            pending_modals: VecDeque::new(),
            should_quit: false,
            quit_after_save: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Depth,
    Pitch,
    List,
}

impl Pane {
    pub fn next(self) -> Pane {
        match self {
            Pane::Depth => Pane::Pitch,
            Pane::Pitch => Pane::List,
            Pane::List => Pane::Depth,
        }
    }
    pub fn prev(self) -> Pane {
        match self {
            Pane::Depth => Pane::List,
            Pane::Pitch => Pane::Depth,
            Pane::List => Pane::Pitch,
        }
    }
}

/// A place on screen the mouse can press or drop on, as the last frame drew it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Spot {
    /// A depth chart cell: column (index into
    /// [`Board::depth_columns`](super::Board::depth_columns)) and row; a row one past the last
    /// player is the empty space under the column.
    Depth { col: usize, row: usize },
    /// A depth column's "↑ 7 more" / "↓ 4 more" row: `row` is the nearest player it hides.
    /// Clicking it (or dragging over it) scrolls him into view; nothing drops there.
    DepthMore { col: usize, row: usize },
    /// A slot of the XI on the pitch.
    Slot(usize),
    /// A row of the target pane's list.
    ListRow(usize),
    /// The target list's "↑ 3 more" / "↓ 4 more" on its border: the nearest row it hides.
    /// Clicking it scrolls that row into view; a drop there takes a signing out, as anywhere
    /// in the pane.
    ListMore(usize),
    /// Anywhere else in the target pane: dropping here takes a signing out of the plan.
    ListPane,
    /// The warnings pane: the wheel scrolls it, a click on its "↓ 3 more" turns a page;
    /// nothing drops there.
    Warnings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlays {
    pub injury: bool,
    pub contract: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Linked by reports.
    Linked,
    /// A squad player found by search (the depth chart shows him).
    Squad,
    /// From the scouting pool (found by search).
    Pool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub id: PlayerId,
    pub kind: ListKind,
    /// Matched chars of the name, for highlighting.
    pub matched: Vec<usize>,
}

impl ListItem {
    /// A row with nothing highlighted.
    pub fn of(id: PlayerId, kind: ListKind) -> ListItem {
        ListItem {
            id,
            kind,
            matched: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// The search box takes keys.
    pub typing: bool,
    pub query: super::TextInput,
}

/// The longest search a box takes (the search box, the picker's filter), in characters.
pub const QUERY_LIMIT: usize = 200;

impl Default for Filter {
    fn default() -> Filter {
        Filter {
            typing: false,
            query: super::TextInput::new(QUERY_LIMIT),
        }
    }
}

impl Filter {
    pub fn is_active(&self) -> bool {
        self.typing || !self.query.is_empty()
    }
}

/// A player being dragged, where from, and (for the mouse) what he is over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DragState {
    pub id: PlayerId,
    pub origin: Origin,
    pub by_mouse: bool,
    /// The spot under the mouse; keyboard drags drop at the cursor instead.
    pub over: Option<Spot>,
}

/// A line of the team, as the depth chart groups its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DepthLine {
    Goalkeepers,
    Defence,
    Midfield,
    Attack,
    /// Squad players whose position is unknown.
    Unplaced,
}

impl DepthLine {
    pub fn of(pos: Position) -> DepthLine {
        match pos {
            Position::GK => DepthLine::Goalkeepers,
            Position::RWB | Position::RB | Position::CB | Position::LB | Position::LWB => {
                DepthLine::Defence
            }
            Position::DM | Position::CM | Position::AM => DepthLine::Midfield,
            Position::RW | Position::ST | Position::LW => DepthLine::Attack,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DepthLine::Goalkeepers => "goalkeepers",
            DepthLine::Defence => "defence",
            DepthLine::Midfield => "midfield",
            DepthLine::Attack => "attack",
            DepthLine::Unplaced => "position unknown",
        }
    }
}

/// The depth chart's columns in the order drawn: line by line, each line from left to right as
/// the pitch under it shows them (LB … RB, LW … RW).
pub(super) const COLUMN_ORDER: [Position; 12] = [
    Position::GK,
    Position::LWB,
    Position::LB,
    Position::CB,
    Position::RB,
    Position::RWB,
    Position::DM,
    Position::CM,
    Position::AM,
    Position::LW,
    Position::ST,
    Position::RW,
];

/// A column of the depth pane: a position's, or the squad players whose position is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DepthColumn {
    Pos(Position),
    Unplaced,
}

impl DepthColumn {
    pub fn line(self) -> DepthLine {
        match self {
            DepthColumn::Pos(p) => DepthLine::of(p),
            DepthColumn::Unplaced => DepthLine::Unplaced,
        }
    }

    pub fn position(self) -> Option<Position> {
        match self {
            DepthColumn::Pos(p) => Some(p),
            DepthColumn::Unplaced => None,
        }
    }
}

impl PartialEq<Position> for DepthColumn {
    fn eq(&self, other: &Position) -> bool {
        *self == DepthColumn::Pos(*other)
    }
}

/// A player as a depth column draws him.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepthRow {
    pub id: PlayerId,
    /// His index in the chart's column; `None` for a squad player the chart leaves out.
    pub index: Option<usize>,
    /// Our own player whose contract has run out at the date: drawn apart at the foot.
    pub expired: bool,
}
