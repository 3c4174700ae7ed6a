//! The timeline view on the board (key `T`): the plan season by season. Nothing is cached: the
//! view is worked out from the current plan whenever it is asked for, so every edit, date change
//! and undo shows at once.

use super::Board;
use super::Command;
use crate::domain::PlayerId;
use crate::domain::timeline::{Timeline, build, first_season};

/// How many seasons the board's timeline shows.
pub const SEASONS: usize = 4;

/// Where the timeline's cursor stands: a position (row), a season (column) and a player of that
/// cell; and whether his details are open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimelineView {
    pub row: usize,
    pub col: usize,
    pub entry: usize,
    pub detail: bool,
}

impl Board {
    /// The plan's timeline as it stands now, from the planning date's season.
    pub fn timeline(&self) -> Timeline {
        build(
            &self.doc.ds,
            &self.doc.plan,
            // From the board's date: the seasons ahead of where the user looks (never before
            // the plan's own season, which `build` keeps).
            first_season(self.doc.date),
            SEASONS,
            self.doc.plan.timeline,
        )
    }

    /// The player under the timeline's cursor, if its cell has anyone.
    pub fn timeline_player(&self) -> Option<PlayerId> {
        let v = self.view.timeline_view?;
        let t = self.timeline();
        let cell = t.rows.get(v.row)?.cells.get(v.col)?;
        cell.entries.get(v.entry).map(|e| e.id.clone())
    }

    /// The view's own keys. `false` hands the command on to the board: the planning-date keys,
    /// undo and redo, saving and help work here as everywhere; q and Esc close the view.
    pub(super) fn timeline_command(&mut self, cmd: Command) -> bool {
        let Some(mut v) = self.view.timeline_view else {
            return false;
        };
        let t = self.timeline();
        let cell_len = |row: usize, col: usize| {
            t.rows
                .get(row)
                .and_then(|r| r.cells.get(col))
                .map_or(0, |c| c.entries.len())
        };
        // The plan may have changed under the cursor (undo, a date step): keep it inside.
        v.row = v.row.min(t.rows.len().saturating_sub(1));
        v.col = v.col.min(t.seasons.len().saturating_sub(1));
        v.entry = v.entry.min(cell_len(v.row, v.col).saturating_sub(1));
        match cmd {
            Command::Timeline => {
                self.view.timeline_view = None;
                return true;
            }
            // q closes as Esc does: the details first, then the timeline.
            Command::Cancel | Command::Quit if v.detail => v.detail = false,
            Command::Cancel | Command::Quit => {
                self.view.timeline_view = None;
                return true;
            }
            Command::Open => {
                v.detail = !v.detail && cell_len(v.row, v.col) > 0;
                self.view.detail_scroll = 0;
            }
            _ if v.detail => {
                // Details open: scrolling them, closing them, or the keys every screen has.
                if let Some(to) = self.view.viewport.scroll(cmd, self.view.detail_scroll) {
                    self.view.detail_scroll = to;
                    return true;
                }
                if !passes_through(cmd) {
                    return true;
                }
                return false;
            }
            Command::Top => (v.row, v.entry) = (0, 0),
            Command::Bottom => {
                v.row = t.rows.len().saturating_sub(1);
                v.entry = cell_len(v.row, v.col).saturating_sub(1);
            }
            Command::PageDown | Command::PageUp => {
                // A page of lines: each row is as tall as its fullest cell.
                let height = |row: usize| {
                    t.rows
                        .get(row)
                        .map_or(1, |r| {
                            r.cells.iter().map(|c| c.entries.len()).max().unwrap_or(0)
                        })
                        .max(1)
                };
                let mut left = self.view.viewport.page.max(1);
                if cmd == Command::PageDown {
                    while left > 0 && v.row + 1 < t.rows.len() {
                        left = left.saturating_sub(height(v.row));
                        v.row += 1;
                    }
                } else {
                    while left > 0 && v.row > 0 {
                        v.row -= 1;
                        left = left.saturating_sub(height(v.row));
                    }
                }
                v.entry = 0;
            }
            Command::Down => {
                if v.entry + 1 < cell_len(v.row, v.col) {
                    v.entry += 1;
                } else if v.row + 1 < t.rows.len() {
                    v.row += 1;
                    v.entry = 0;
                }
            }
            Command::Up => {
                if v.entry > 0 {
                    v.entry -= 1;
                } else if v.row > 0 {
                    v.row -= 1;
                    v.entry = cell_len(v.row, v.col).saturating_sub(1);
                }
            }
            Command::Left => v.col = v.col.saturating_sub(1),
            Command::Right => v.col = (v.col + 1).min(t.seasons.len().saturating_sub(1)),
            other if passes_through(other) => {
                self.view.timeline_view = Some(v);
                return false;
            }
            _ => {
                self.say("not in the timeline: T or Esc goes back to the board");
                return true;
            }
        }
        if matches!(cmd, Command::Left | Command::Right) {
            v.entry = v.entry.min(cell_len(v.row, v.col).saturating_sub(1));
        }
        self.view.timeline_view = Some(v);
        true
    }

    pub(super) fn open_timeline(&mut self) {
        self.view.timeline_view = Some(TimelineView::default());
        self.view.detail = false;
        self.view.detail_scroll = 0;
    }
}

/// Commands the board still takes while the timeline is shown.
fn passes_through(cmd: Command) -> bool {
    matches!(
        cmd,
        Command::Help
            | Command::MonthBack
            | Command::MonthForward
            | Command::SeasonBack
            | Command::SeasonForward
            | Command::NextWindow
            | Command::Today
            | Command::Date
            | Command::Undo
            | Command::Redo
            | Command::Save
            | Command::SaveAs
            | Command::InjuryOverlay
            | Command::ContractOverlay
    )
}
