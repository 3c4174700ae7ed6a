//! The depth chart as the board draws it: its columns line by line, the players of each column
//! (the chart's, the squad players it leaves out, those out of contract at the foot), and the
//! depth cursor's moves between lines. (Its types, `DepthColumn` and the rest, are in `view`.)

use super::board::Board;
use super::view::{COLUMN_ORDER, DepthColumn, DepthLine, DepthRow, Pane};
use crate::domain::plan::Origin;
use crate::domain::status::is_at_club;
use crate::domain::{PlayerId, Position};

impl Board {
    /// The depth chart's columns, line by line (goalkeepers · defence · midfield · attack), each
    /// line left to right as the pitch (LB … RB): every position of the formation, every column that has players, and
    /// the position of every squad player the chart leaves out; last, an "unplaced" column for
    /// squad players whose position is unknown and who stand in no column.
    pub fn depth_columns(&self) -> Vec<DepthColumn> {
        let formation = self.doc.shown.formation();
        let unplaced = self.unplaced();
        let mut out: Vec<DepthColumn> = COLUMN_ORDER
            .into_iter()
            .filter(|p| {
                formation.slots_for(*p) > 0
                    || !self.doc.shown.depth.column(*p).is_empty()
                    || unplaced.iter().any(|u| u.position == Some(*p))
            })
            .map(DepthColumn::Pos)
            .collect();
        if unplaced.iter().any(|u| u.position.is_none()) {
            out.push(DepthColumn::Unplaced);
        }
        out
    }

    /// Squad players at the club on the planning date who stand in no depth column.
    fn unplaced(&self) -> Vec<&crate::domain::Player> {
        let on = self.doc.shown.date;
        self.doc
            .ds
            .squad
            .iter()
            .filter(|p| {
                is_at_club(p, on)
                    && !self.doc.shown.is_former(&self.doc.ds, p)
                    && !self.doc.shown.depth.contains(&p.id)
                    && self.doc.plan.departure(&p.id).is_none()
            })
            .collect()
    }

    /// Whether this is our own player whose contract has run out at the planning date (the
    /// plan's assumed renewals counted): drawn apart at the foot of his column.
    pub fn out_of_contract(&self, id: &PlayerId) -> bool {
        self.doc.ds.player(id).is_some_and(|p| {
            self.doc
                .shown
                .out_of_contract(&self.doc.ds, &self.doc.shown.effective(p))
        })
    }

    /// A depth column as drawn, top to bottom: the players of the chart under contract (in
    /// order), the squad players of this position the chart leaves out, then our own players
    /// whose contract has run out. Former players are gone from the day they left.
    pub fn depth_view(&self, col: DepthColumn) -> Vec<DepthRow> {
        let on = self.doc.shown.date;
        // A player the loaded data cannot resolve stays where he stands (drawn as `? id`).
        // Our own players out of contract stay (under the divider) until the window after
        // their contract closes; then they are former players, as one who left is.
        let present = |id: &PlayerId| {
            self.doc.ds.player(id).is_none_or(|p| {
                (self.doc.ds.is_target(id) || is_at_club(p, on))
                    && !self
                        .doc
                        .shown
                        .is_former(&self.doc.ds, &self.doc.shown.effective(p))
            })
        };
        let mut rows: Vec<DepthRow> = match col {
            DepthColumn::Pos(pos) => self
                .doc
                .shown
                .depth
                .column(pos)
                .iter()
                .enumerate()
                .filter(|(_, id)| present(id))
                .map(|(i, id)| DepthRow {
                    id: id.clone(),
                    index: Some(i),
                    expired: false,
                })
                .collect(),
            DepthColumn::Unplaced => Vec::new(),
        };
        let want = match col {
            DepthColumn::Pos(pos) => Some(pos),
            DepthColumn::Unplaced => None,
        };
        rows.extend(
            self.unplaced()
                .into_iter()
                .filter(|p| p.position == want)
                .map(|p| DepthRow {
                    id: p.id.clone(),
                    index: None,
                    expired: false,
                }),
        );
        for r in &mut rows {
            r.expired = self.out_of_contract(&r.id);
        }
        // Stable: each part keeps the chart's order.
        rows.sort_by_key(|r| r.expired);
        rows
    }

    /// How many rows the cursor may reach in a depth column: his players, plus the empty spot
    /// under them while dragging (to drop at the foot).
    pub fn depth_rows(&self, col: DepthColumn) -> usize {
        let n = self.depth_view(col).len();
        if self.view.drag.is_some() {
            n + 1
        } else {
            n.max(1)
        }
    }

    /// The depth index a drop on row `row` of a column lands at: the place of the player drawn
    /// there (he moves down one), or the foot of the chart's column.
    pub(super) fn depth_index(&self, pos: Position, row: usize) -> usize {
        let view = self.depth_view(DepthColumn::Pos(pos));
        view.get(row)
            .and_then(|r| r.index)
            .unwrap_or_else(|| self.doc.shown.depth.column(pos).len())
    }

    /// The player on a depth row, and where he comes from when grabbed (a squad player with no
    /// depth place comes as from a list: he is copied in, taken out of nowhere).
    pub fn depth_player(&self, col: usize, row: usize) -> Option<(PlayerId, Origin)> {
        let column = *self.depth_columns().get(col)?;
        let r = self.depth_view(column).get(row)?.clone();
        let origin = match (column, r.index) {
            (DepthColumn::Pos(pos), Some(index)) => Origin::Depth { pos, index },
            _ => Origin::List,
        };
        Some((r.id, origin))
    }

    /// The line of the depth chart the cursor is on.
    pub fn depth_line(&self) -> DepthLine {
        self.depth_columns()
            .get(self.view.depth_cursor.0)
            .map_or(DepthLine::Defence, |c| c.line())
    }

    /// Moves the depth cursor to the first column of the next (`+1`) or previous (`-1`) line,
    /// round the ends.
    pub fn jump_line(&mut self, delta: isize) {
        let cols = self.depth_columns();
        let mut lines: Vec<DepthLine> = cols.iter().map(|c| c.line()).collect();
        lines.dedup();
        if lines.is_empty() {
            return;
        }
        let here = lines
            .iter()
            .position(|l| *l == self.depth_line())
            .unwrap_or(0);
        let n = lines.len() as isize;
        let to = lines[((here as isize + delta).rem_euclid(n)) as usize];
        let col = cols.iter().position(|c| c.line() == to).unwrap_or(0);
        self.view.focus = Pane::Depth;
        self.view.depth_cursor = (col, 0);
        self.clamp_cursors();
    }
}
