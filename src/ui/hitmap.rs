//! What the last frame drew where: each pane pushes the areas of its spots while it renders, and
//! `input` asks it which spot a mouse event fell on. The view that takes the keys records how
//! much of it shows (its [`Viewport`]), for paging.

use crate::app::{Spot, Viewport};
use ratatui::layout::{Position, Rect};

/// What the last frame drew where, for the mouse: later entries were drawn on top.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HitMap {
    pub hits: Vec<Hit>,
    /// A page of the view that takes the keys, and how far it scrolls (the last view drawn
    /// that takes keys records it).
    pub viewport: Viewport,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub area: Rect,
    pub spot: Spot,
}

impl HitMap {
    pub fn push(&mut self, area: Rect, spot: Spot) {
        if area.width > 0 && area.height > 0 {
            self.hits.push(Hit { area, spot });
        }
    }

    /// Records the view that takes the keys: `page` rows show; it scrolls `content` rows in
    /// all when it is a reading view.
    pub fn view(&mut self, page: u16, content: Option<u16>) {
        self.viewport.page = usize::from(page.max(1));
        self.viewport.max_scroll = content.map(|c| c.saturating_sub(page));
    }

    /// The spot at a terminal cell, the topmost drawn.
    pub fn spot_at(&self, column: u16, row: u16) -> Option<Spot> {
        let p = Position::new(column, row);
        self.hits
            .iter()
            .rev()
            .find(|h| h.area.contains(p))
            .map(|h| h.spot)
    }

    /// Where a spot was drawn (the first area), for tests and the mouse harness.
    pub fn area_of(&self, spot: Spot) -> Option<Rect> {
        self.hits.iter().find(|h| h.spot == spot).map(|h| h.area)
    }
}
