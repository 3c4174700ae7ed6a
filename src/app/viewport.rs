//! What the last frame showed of the view that takes the keys — a page of it, and how far it
//! scrolls — so `update` can move a page or to the end without knowing the layout. ui measures
//! it while drawing (in the `HitMap`); the loop hands it over as [`Action::Viewport`](super::Action::Viewport).

/// A page of the view that takes the keys, in rows (lines of a reading view, items of a list),
/// and how far a reading view scrolls before its last line is in view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    pub page: usize,
    /// `None` until a frame measured it (no clamping then).
    pub max_scroll: Option<u16>,
    /// The warnings pane when its lines do not all show: a page of it and its scroll end, in
    /// rows. `None` when they all show.
    pub warnings: Option<(u16, u16)>,
}

impl Default for Viewport {
    /// Before the first frame: a page of ten rows, the end unknown.
    fn default() -> Viewport {
        Viewport {
            page: 10,
            max_scroll: None,
            warnings: None,
        }
    }
}

/// Where a jump command takes a position in a list of `len` items (or a scroll offset when
/// `len` is the scroll's end + 1), a page being `page` rows. `None` for other commands.
pub fn jump(cmd: super::Command, at: usize, len: usize, page: usize) -> Option<usize> {
    use super::Command;
    let last = len.saturating_sub(1);
    let page = page.max(1);
    Some(match cmd {
        Command::Top => 0,
        Command::Bottom => last,
        Command::PageUp => at.saturating_sub(page),
        Command::PageDown => at.saturating_add(page).min(last),
        Command::Up => at.saturating_sub(1),
        Command::Down => at.saturating_add(1).min(last),
        _ => return None,
    })
}

impl Viewport {
    /// A reading view's scroll after `cmd` (`None`: not a scrolling command), kept within its
    /// end when a frame measured it.
    pub fn scroll(&self, cmd: super::Command, at: u16) -> Option<u16> {
        let end = self.max_scroll.map_or(usize::from(u16::MAX), usize::from);
        let to = jump(cmd, usize::from(at), end + 1, self.page)?;
        Some(u16::try_from(to).unwrap_or(u16::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Command;

    #[test]
    fn jumps_stay_inside_the_list_and_the_scroll_inside_its_end() {
        assert_eq!(jump(Command::Bottom, 3, 10, 4), Some(9));
        assert_eq!(jump(Command::PageDown, 7, 10, 4), Some(9));
        assert_eq!(jump(Command::PageUp, 3, 10, 4), Some(0));
        assert_eq!(jump(Command::Top, 3, 0, 4), Some(0));
        assert_eq!(jump(Command::Left, 3, 10, 4), None);
        let v = Viewport {
            page: 5,
            max_scroll: Some(12),
            warnings: None,
        };
        assert_eq!(v.scroll(Command::Bottom, 0), Some(12));
        assert_eq!(v.scroll(Command::Down, 12), Some(12));
        assert_eq!(v.scroll(Command::PageUp, 12), Some(7));
        // Unmeasured: the end is far away, but the page is the default's.
        assert_eq!(Viewport::default().scroll(Command::PageDown, 0), Some(10));
    }
}
