//! Drawing the board. Everything here only reads the [`Board`]; what it drew where is returned
//! as a [`HitMap`] for the mouse.

mod depth;
mod detail;
mod help;
pub mod marks;
mod pitch;
mod side;
pub mod text;
pub mod theme;

pub use theme::Theme;

use crate::app::{Board, Pane};
use crate::input::{Command, HitMap};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};
use text::{clip_spans, truncate, width};

/// The smallest terminal the board is drawn in; below it a short message says so.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn draw(frame: &mut Frame, board: &Board, theme: &Theme) -> HitMap {
    let area = frame.area();
    render(area, frame.buffer_mut(), board, theme)
}

/// Renders the whole screen into `buf` within `area`.
pub fn render(area: Rect, buf: &mut Buffer, board: &Board, theme: &Theme) -> HitMap {
    let area = area.intersection(buf.area);
    let mut hits = HitMap::default();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf);
        return hits;
    }
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(main);

    let depth_rows = board
        .depth_columns()
        .iter()
        .map(|p| board.depth_rows(*p))
        .max()
        .unwrap_or(1) as u16;
    // Borders, the header row, the players; never more than half the column.
    let depth_h = (depth_rows + 3).clamp(5, left.height / 2);
    let [depth_area, lower] =
        Layout::vertical([Constraint::Length(depth_h), Constraint::Min(0)]).areas(left);
    let (pitch_area, warn_area) = if lower.width >= 70 {
        let [p, w] = Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
            .areas(lower);
        (p, w)
    } else {
        let [p, w] = Layout::vertical([Constraint::Min(8), Constraint::Length(6)]).areas(lower);
        (p, w)
    };
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(right);

    depth::render(depth_area, buf, board, theme, &mut hits);
    pitch::render(pitch_area, buf, board, theme, &mut hits);
    side::render_warnings(warn_area, buf, board, theme);
    side::render_list(list_area, buf, board, theme, &mut hits);
    detail::render_pane(detail_area, buf, board, theme);
    render_status(status, buf, board, theme);

    if board.detail {
        detail::render_popup(main, buf, board, theme);
    }
    if board.help {
        help::render(main, buf, board, theme);
    }
    hits
}

/// A bordered block, highlighted when its pane has the focus.
pub fn pane_block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title(title)
}

pub fn focused(board: &Board, pane: Pane) -> bool {
    board.focus == pane && !board.help && !board.detail
}

fn too_small(area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!(
        "squadboard needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this terminal is {}×{}",
        area.width, area.height
    );
    Clear.render(area, buf);
    let lines = (width(&text) as u16).div_ceil(area.width.max(1));
    let y = area.y + area.height.saturating_sub(lines) / 2;
    let inner = Rect::new(
        area.x,
        y,
        area.width,
        area.height.saturating_sub(y - area.y),
    );
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .centered()
        .render(inner, buf);
}

fn render_status(area: Rect, buf: &mut Buffer, board: &Board, theme: &Theme) {
    buf.set_style(area, theme.status);
    let date = board.plan.date;
    let mut left: Vec<Span<'static>> = vec![
        Span::styled(
            format!(
                " {} ({}) ",
                date.format("%-d %b %Y"),
                crate::domain::dates::season_label(date)
            ),
            theme.status.patch(theme.title),
        ),
        Span::styled(format!("│ {} ", board.scenario_name), theme.status),
    ];
    if board.dirty() {
        left.push(Span::styled("● unsaved ", theme.status_dirty));
    }
    let overlay = |on: bool, name: &str| {
        if on {
            format!("{name}:on")
        } else {
            format!("{name}:off")
        }
    };
    left.push(Span::styled(
        format!(
            "│ {} {} │ ",
            overlay(board.overlays.injury, "injury"),
            overlay(board.overlays.contract, "contract")
        ),
        theme.status,
    ));
    // While dragging: what the drop would do. Otherwise the last message, or the main keys.
    let right: Vec<Span<'static>> = if let Some((_, result)) = board.drop_preview() {
        match result {
            Ok((_, text)) => vec![Span::styled(format!(" drop: {text} "), theme.drop_target)],
            Err(why) => vec![Span::styled(
                format!(" can't drop here: {why} "),
                theme.drop_refused,
            )],
        }
    } else if board.drag.is_some() {
        vec![Span::styled(
            " drag over a slot, a depth row or the target list ",
            theme.drop_refused,
        )]
    } else if let Some(m) = &board.message {
        vec![Span::styled(m.clone(), theme.status.patch(theme.title))]
    } else if board.filter.typing {
        vec![Span::styled(
            "type to search · ↑↓ choose · Enter keep results · Esc clear".to_string(),
            theme.status,
        )]
    } else {
        let km = &board.keymap;
        let hint = [
            (Command::Help, "help"),
            (Command::Search, "search"),
            (Command::Grab, "grab/drop"),
            (Command::NextPane, "pane"),
            (Command::Formation, "formation"),
            (Command::NextWindow, "window"),
            (Command::Undo, "undo"),
            (Command::Quit, "quit"),
        ]
        .iter()
        .map(|(c, what)| format!("{} {what}", km.label(*c)))
        .collect::<Vec<_>>()
        .join(" · ");
        vec![Span::styled(hint, theme.status)]
    };
    let mut spans = left;
    spans.extend(right);
    let spans = clip_spans(spans, area.width as usize);
    text::put_line(buf, area, area.x, area.y, &Line::from(spans));
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A player's name cut to fit, for cells.
pub fn cell_name(name: &str, max: usize) -> String {
    truncate(name, max)
}

pub fn style_if(cond: bool, style: Style) -> Style {
    if cond { style } else { Style::default() }
}
