//! The help overlay, generated from the keymap itself.

use super::marks::LEGEND;
use super::{HitMap, Theme, centered, pane_block};
use crate::app::Board;
use crate::app::Command;
use crate::config::Keymap;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

pub fn lines(km: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (cmd, _) in km.entries() {
        out.push(Line::from(vec![
            Span::styled(format!("{:>14}  ", km.label(cmd)), theme.title),
            Span::styled(cmd.describe().to_string(), theme.text),
        ]));
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled("Mouse", theme.title)));
    for text in [
        "click selects a depth row, a slot on the pitch or a target",
        "press on a player, drag, release on a slot, a depth row or the target list",
        "  (the drop spot lights up and the status line says what will happen)",
        "wheel scrolls the pane under the pointer",
        "click (or drag over) a column's \"↓ 4 more\" row to show what it hides;",
        "  the target list's \"↓ 4 more\" on its border too (a click)",
    ] {
        out.push(Line::from(Span::styled(format!("  {text}"), theme.text)));
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled("In dialogs", theme.title)));
    for text in [
        "prompts: type, Enter accepts, Esc cancels (keys below)",
        "questions: y yes, n, Esc or q no (s saves first when quitting)",
        "a name taken: y replaces that scenario, n, Esc or q goes back to pick another",
        "scenario picker: type to filter, Enter opens, Del or Ctrl-d deletes",
        "  (↑↓, PgUp/PgDn and Home/End move: letters filter)",
        "menus: the key beside a choice picks it; Esc or q closes",
        "help, details, timeline, compare, notices: Esc or q closes them",
    ] {
        out.push(Line::from(Span::styled(format!("  {text}"), theme.text)));
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled(
        "Typing (prompts, search, picker filter)",
        theme.title,
    )));
    for (keys, what) in crate::app::textinput::EDIT_KEYS {
        out.push(Line::from(vec![
            Span::styled(format!("{keys:>18}  "), theme.title),
            Span::styled(what.to_string(), theme.text),
        ]));
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled(
        "Search (/): name words, accents optional (mueller finds Müller), and filters",
        theme.title,
    )));
    for (filter, what) in [
        (
            "pos:CB",
            "plays the position (stand-ins as the depth chart has them)",
        ),
        ("age:<24 age:20-25", "age at the planning date"),
        (
            "contract:<=2027",
            "contract ends by the end of that season; contract:free",
        ),
        (
            "value:<40m",
            "market value, in the plan's currency (£30m counted at its rate)",
        ),
        ("foot:left nat:arg", "foot; nationality by name or code"),
        ("club:\"river plate\"", "club; quotes keep spaces together"),
    ] {
        out.push(Line::from(vec![
            Span::styled(format!("{filter:>22}  "), theme.title),
            Span::styled(what.to_string(), theme.text),
        ]));
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled("Marks", theme.title)));
    for (mark, meaning) in LEGEND {
        out.push(Line::from(vec![
            Span::styled(format!("{mark:>6}  "), theme.title),
            Span::styled(meaning.to_string(), theme.text),
        ]));
    }
    out.push(Line::from(vec![
        Span::styled("     1  ", theme.title),
        Span::styled("bold depth number: in the projected XI", theme.text),
    ]));
    out
}

pub fn render(
    area: Rect,
    buf: &mut Buffer,
    board: &Board,
    km: &Keymap,
    theme: &Theme,
    hits: &mut HitMap,
) {
    let content = lines(km, theme);
    let h = (content.len() as u16).saturating_add(2);
    let rect = centered(area, 84, h);
    let page = rect.height.saturating_sub(2);
    hits.view(page, Some(content.len() as u16));
    let scroll = board
        .view
        .help_scroll
        .min((content.len() as u16).saturating_sub(page));
    Clear.render(rect, buf);
    let title = Line::from(vec![
        Span::styled(" Keys ", theme.title),
        Span::styled(
            format!(
                "· from the keymap · {}, {} or {} closes · ↑↓ {} {} scroll ",
                km.short_label(Command::Help),
                km.short_label(Command::Cancel),
                km.short_label(Command::Quit),
                km.short_label(Command::PageUp),
                km.short_label(Command::PageDown)
            ),
            theme.dim,
        ),
    ]);
    Paragraph::new(content)
        .scroll((scroll, 0))
        .block(pane_block(title, true, theme))
        .render(rect, buf);
}
