//! Drawing the board. Everything here only reads the [`Board`]; what it drew where is returned
//! as a [`HitMap`] for the mouse.

mod depth;
mod detail;
mod help;
pub mod hitmap;
pub mod marks;
mod modal;
mod pitch;
pub mod pool_table;
mod side;
pub mod text;
mod textinput;
mod timeline;

pub use crate::config::Theme;
pub use hitmap::{Hit, HitMap};

use crate::app::Command;
use crate::app::{Board, Pane};
use crate::config::Keymap;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};
use text::{clip_spans, width};

/// The smallest terminal the board is drawn in; below it a short message says so.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn draw(frame: &mut Frame, board: &Board, keymap: &Keymap, theme: &Theme) -> HitMap {
    let area = frame.area();
    render(area, frame.buffer_mut(), board, keymap, theme)
}

/// Renders the whole screen into `buf` within `area`; keys are named as `keymap` binds them.
pub fn render(
    area: Rect,
    buf: &mut Buffer,
    board: &Board,
    keymap: &Keymap,
    theme: &Theme,
) -> HitMap {
    let hits = render_board(area, buf, board, keymap, theme);
    drop_hidden(buf);
    hits
}

/// Takes out of every cell the characters that draw nothing but reorder or shift what a
/// terminal shows ([`crate::domain::text::is_hidden_format`]: a name's bidi override or
/// zero-width joiner, glued by the layout to the letter before it), so the board shows what
/// it laid out. A joiner inside an emoji sequence is kept: that one is laid out as drawn.
fn drop_hidden(buf: &mut Buffer) {
    use crate::domain::text::is_hidden_format;
    for cell in buf.content.iter_mut() {
        let sym = cell.symbol();
        if sym.is_ascii() || !sym.chars().any(is_hidden_format) {
            continue;
        }
        let emoji = sym.chars().any(|c| u32::from(c) >= 0x1f000);
        let kept: String = sym
            .chars()
            .filter(|&c| !is_hidden_format(c) || (emoji && c == '\u{200d}'))
            .collect();
        cell.set_symbol(if kept.is_empty() { " " } else { &kept });
    }
}

fn render_board(
    area: Rect,
    buf: &mut Buffer,
    board: &Board,
    keymap: &Keymap,
    theme: &Theme,
) -> HitMap {
    let area = area.intersection(buf.area);
    let mut hits = HitMap::default();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf);
        return hits;
    }
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let share = pool_table::left_share(board);
    let [left, right] = Layout::horizontal([
        Constraint::Percentage(share),
        Constraint::Percentage(100 - share),
    ])
    .areas(main);

    // Room for the longest column plus the drop row under it, whether or not a drag is on, so
    // the layout does not jump when a drag starts.
    let depth_rows = depth::tallest(board);
    // Borders, the header row, the players; never more than half the column.
    let depth_h = u16::try_from(depth_rows.saturating_add(3))
        .unwrap_or(u16::MAX)
        .clamp(5, left.height / 2);
    let [depth_area, lower] =
        Layout::vertical([Constraint::Length(depth_h), Constraint::Min(0)]).areas(left);
    // Wide: warnings beside the pitch. Narrow: under the details, so the pitch keeps its rows.
    let (pitch_area, warn_area, list_area, detail_area) = if lower.width >= 70 {
        let [p, w] = Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
            .areas(lower);
        let [l, d] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(right);
        (p, w, l, d)
    } else {
        let [l, d, w] = Layout::vertical([
            Constraint::Percentage(45),
            Constraint::Percentage(30),
            Constraint::Percentage(25),
        ])
        .areas(right);
        (lower, w, l, d)
    };

    depth::render(depth_area, buf, board, theme, &mut hits);
    pitch::render(pitch_area, buf, board, theme, &mut hits);
    side::render_warnings(warn_area, buf, board, keymap, theme, &mut hits);
    side::render_list(list_area, buf, board, theme, &mut hits);
    detail::render_pane(detail_area, buf, board, theme);
    render_status(status, buf, board, keymap, theme);

    // Each view drawn on top records its page in `hits` (the last one takes the keys).
    if board.view.timeline_view.is_some() {
        // The board under the timeline takes no clicks.
        hits.hits.clear();
        timeline::render(main, buf, board, keymap, theme, &mut hits);
    }
    if board.view.detail {
        detail::render_popup(main, buf, board, keymap, theme, &mut hits);
    }
    if board.view.help {
        help::render(main, buf, board, keymap, theme, &mut hits);
    }
    if board.view.modal.is_some() {
        // The board under a modal takes no clicks.
        hits.hits.clear();
        modal::render(main, buf, board, keymap, theme, &mut hits);
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
    board.view.focus == pane && !board.view.help && !board.view.detail && board.view.modal.is_none()
}

/// The style of a drop spot: lit when the drop would be taken, warned when refused.
pub fn drop_style(theme: &Theme, ok: bool) -> ratatui::style::Style {
    if ok {
        theme.drop_target
    } else {
        theme.drop_refused
    }
}

/// How a cell of a pane that takes drops is lit: as the drop spot (over the cursor), or as the
/// cursor (selected in the focused pane, underlined in the others), or not at all.
pub fn cell_highlight(
    theme: &Theme,
    drop: Option<bool>,
    is_cursor: bool,
    is_focused: bool,
) -> Option<ratatui::style::Style> {
    match drop {
        Some(ok) => Some(drop_style(theme, ok)),
        None if is_cursor && is_focused => Some(theme.selected),
        None if is_cursor => Some(
            ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::UNDERLINED),
        ),
        None => None,
    }
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

fn render_status(area: Rect, buf: &mut Buffer, board: &Board, km: &Keymap, theme: &Theme) {
    buf.set_style(area, theme.status);
    let date = board.doc.shown.date;
    let mut spans: Vec<Span<'static>> = vec![Span::styled(
        format!(
            " {} ({}) ",
            date.format("%-d %b %Y"),
            crate::domain::dates::season_label(date)
        ),
        theme.status.patch(theme.title),
    )];
    // While dragging, what the drop would do is all that matters: it gets the whole line —
    // after the word the last key had (just grabbed: what to do next).
    if board.view.drag.is_some() {
        spans.push(match (&board.view.message, board.drop_preview()) {
            (Some(m), _) => Span::styled(
                format!(" {} ", m.render(|c| km.label(c))),
                theme.status.patch(theme.title),
            ),
            (None, Some((_, Ok((_, text))))) => {
                Span::styled(format!(" drop: {text} "), theme.drop_target)
            }
            (None, Some((_, Err(why)))) => {
                Span::styled(format!(" can't drop here: {why} "), theme.drop_refused)
            }
            (None, None) => Span::styled(
                " drag over a slot, a depth row or the target list ",
                theme.drop_refused,
            ),
        });
        let spans = clip_spans(spans, area.width as usize);
        text::put_line(buf, area, area.x, area.y, &Line::from(spans));
        return;
    }
    spans.push(Span::styled(
        format!("│ {} ", board.doc.file.name),
        theme.status,
    ));
    if board.doc.dirty() {
        spans.push(Span::styled("● unsaved ", theme.status_dirty));
    }
    let flag = |on: bool, name: &str| {
        if on {
            format!("{name}:on")
        } else {
            format!("{name}:off")
        }
    };
    let flags = Span::styled(
        format!(
            "│ {} {} │ ",
            flag(board.view.overlays.injury, "injury"),
            flag(board.view.overlays.contract, "contract")
        ),
        theme.status,
    );
    let room = area.width as usize;
    if let Some(m) = &board.view.message {
        let text = m.render(|c| km.label(c));
        let style = theme.status.patch(theme.title);
        let used = |s: &[Span<'_>]| s.iter().map(|s| width(&s.content)).sum::<usize>();
        // The message outranks the overlay flags (the marks on the board show those).
        if used(&spans) + width(&flags.content) + width(&text) <= room {
            spans.push(flags);
        } else {
            spans.push(Span::styled("│ ", theme.status));
        }
        // The key is offered only where it works: not while a dialog or the search box takes
        // the letters.
        let offer_key = board.view.modal.is_none() && !board.view.filter.typing;
        spans.extend(fit_message(
            &text,
            style,
            room.saturating_sub(used(&spans)),
            offer_key.then_some(km),
        ));
    } else {
        spans.push(flags);
        if board.view.filter.typing {
            spans.push(Span::styled(
                "type to search · ↑↓ choose · Enter keep results · Esc clear",
                theme.status,
            ));
        } else {
            // As many whole hints as fit, then "…" for the rest ("u …" named a key and not
            // what it does).
            let used: usize = spans.iter().map(|s| width(&s.content)).sum();
            let items: Vec<String> = [
                (Command::Help, "help"),
                (Command::Search, "search"),
                (Command::Grab, "grab"),
                (Command::NextPane, "pane"),
                (Command::Formation, "formation"),
                (Command::Undo, "undo"),
                (Command::Quit, "quit"),
            ]
            .iter()
            .map(|(c, what)| format!("{} {what}", km.label(*c)))
            .collect();
            let mut hint = String::new();
            for (k, item) in items.iter().enumerate() {
                let sep = if hint.is_empty() { "" } else { " · " };
                let more = if k + 1 < items.len() { " · …" } else { "" };
                if used + width(&hint) + width(sep) + width(item) + width(more) > room {
                    if !hint.is_empty() {
                        hint.push_str(" · …");
                    }
                    break;
                }
                hint.push_str(sep);
                hint.push_str(item);
            }
            spans.push(Span::styled(hint, theme.status));
        }
    }
    let spans = clip_spans(spans, room);
    text::put_line(buf, area, area.x, area.y, &Line::from(spans));
}

/// A status message in `room` columns: whole when it fits, else cut with `…` and followed by
/// the key that shows it in full (`Command::FullMessage`) when `km` is given.
fn fit_message(text: &str, style: Style, room: usize, km: Option<&Keymap>) -> Vec<Span<'static>> {
    if width(text) <= room {
        return vec![Span::styled(text.to_string(), style)];
    }
    let cut = || vec![Span::styled(text::truncate(text, room), style)];
    let Some(km) = km else {
        return cut();
    };
    let key = format!(" {} full ", km.label(Command::FullMessage));
    let key_w = width(&key);
    // Too narrow even for a word of the message and the key: the cut message alone.
    if room < key_w + 8 || km.keys(Command::FullMessage).is_empty() {
        return cut();
    }
    vec![
        Span::styled(text::truncate(text, room - key_w), style),
        Span::styled(key, style.add_modifier(Modifier::REVERSED)),
    ]
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
