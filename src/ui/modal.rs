//! Drawing the modal on top of the board: prompt, confirmation, scenario picker, comparison,
//! notice, menu.

use super::text::{clip_spans, highlighted, put_line, truncate, wrapped_height};
use super::{HitMap, Theme, centered, pane_block};
use crate::app::Board;
use crate::app::TextInput;
use crate::app::modal::{Ask, Modal, PickFor, Picker};
use crate::config::Keymap;
use crate::domain::compare::compare;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

fn frame(
    area: Rect,
    buf: &mut Buffer,
    w: u16,
    h: u16,
    title: Line<'static>,
    theme: &Theme,
) -> Rect {
    let rect = centered(area, w, h);
    Clear.render(rect, buf);
    let block = pane_block(title, true, theme);
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

fn title(text: &str, hint: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {text} "), theme.title),
        Span::styled(format!("· {hint} "), theme.dim),
    ])
}

/// A framed box whose title reads whole: its keys beside it when there is room, else on the
/// bottom border.
fn frame_with_keys(
    area: Rect,
    buf: &mut Buffer,
    (w, h): (u16, u16),
    text: &str,
    hint: &str,
    theme: &Theme,
) -> Rect {
    let head = title(text, hint, theme);
    let beside = head.width() + 2 <= usize::from(w);
    let head = if beside {
        head
    } else {
        Line::from(Span::styled(format!(" {text} "), theme.title))
    };
    let inner = frame(area, buf, w, h, head, theme);
    if !beside {
        let rect = centered(area, w, h);
        let keys = Line::from(Span::styled(format!(" {hint} "), theme.dim));
        let foot = Rect::new(
            rect.x + 1,
            rect.bottom().saturating_sub(1),
            rect.width.saturating_sub(2),
            1,
        );
        put_line(buf, foot, foot.x, foot.y, &keys);
    }
    inner
}

/// A text prompt: one line for a name, a taller box for notes; the count once near the limit,
/// and the last message (a refusal, a limit) under the text.
fn prompt(
    area: Rect,
    buf: &mut Buffer,
    board: &Board,
    km: &Keymap,
    theme: &Theme,
    ask: &Ask,
    input: &TextInput,
) {
    let multiline = input.is_multiline();
    let hint = if input.is_selected() {
        "type to replace · Enter accepts · Esc cancels"
    } else if multiline {
        "Enter new line · Ctrl-S saves · Esc cancels"
    } else {
        "Enter accepts · Esc cancels"
    };
    let said = board
        .view
        .message
        .as_ref()
        .map(|m| m.render(|c| km.label(c)));
    // A long message (why a typed value is refused) wraps onto a row or two more.
    let said_rows = said
        .as_deref()
        .map_or(1, |m| super::text::width(m).div_ceil(70).clamp(1, 3)) as u16;
    let h = if multiline {
        area.height.saturating_sub(4).clamp(5, 16)
    } else {
        4 + said_rows
    };
    let w = if multiline { 76 } else { 72 };
    let inner = frame_with_keys(area, buf, (w, h), ask.title(), hint, theme);
    let count = input.len_chars();
    let limit = input.limit();
    // The count, once near the limit.
    let counter = if count * 10 >= limit * 9 {
        format!(" {count}/{limit}")
    } else {
        String::new()
    };
    let style = if input.is_selected() {
        theme.selected
    } else {
        theme.matched
    };
    let message = said
        .clone()
        .map(|m| Line::from(Span::styled(m, theme.warning)));
    if multiline {
        let text_rows = inner.height.saturating_sub(1);
        let (lines, _, _) = super::textinput::rows(
            input,
            inner.width as usize,
            text_rows as usize,
            style,
            theme.matched,
        );
        for (i, line) in lines.iter().enumerate() {
            put_line(buf, inner, inner.x, inner.y + i as u16, line);
        }
        let last = inner.y + text_rows;
        match message {
            Some(m) => put_line(buf, inner, inner.x, last, &m),
            None => put_line(
                buf,
                inner,
                inner.x,
                last,
                &Line::from(Span::styled(counter, theme.warning)),
            ),
        }
        return;
    }
    if let Some(help) = ask.help() {
        let help = truncate(help, inner.width as usize);
        put_line(
            buf,
            inner,
            inner.x,
            inner.y,
            &Line::from(Span::styled(help, theme.dim)),
        );
    }
    let w = (inner.width as usize).saturating_sub(counter.chars().count());
    let mut line = super::textinput::one_line(input, w, style, theme.matched, true);
    line.push_span(Span::styled(counter, theme.warning));
    put_line(buf, inner, inner.x, inner.y + 1, &line);
    if let Some(m) = said {
        let rows = Rect::new(
            inner.x,
            inner.y + 2,
            inner.width,
            inner.height.saturating_sub(2),
        )
        .intersection(inner);
        Paragraph::new(Line::from(Span::styled(m, theme.warning)))
            .wrap(Wrap { trim: true })
            .render(rows, buf);
    }
}

pub fn render(
    area: Rect,
    buf: &mut Buffer,
    board: &Board,
    km: &Keymap,
    theme: &Theme,
    hits: &mut HitMap,
) {
    let Some(modal) = &board.view.modal else {
        return;
    };
    match modal {
        Modal::Prompt { ask, input } => prompt(area, buf, board, km, theme, ask, input),
        Modal::Confirm {
            question,
            offer_save,
            ..
        } => {
            let keys = if *offer_save {
                "y quit without saving · s save and quit · n/Esc/q stay"
            } else {
                "y yes · n/Esc/q no"
            };
            // The keys are listed in the box, under the question: the title is the question's.
            let head = Line::from(Span::styled(" Are you sure? ", theme.title));
            let inner = frame(area, buf, 72, 7, head, theme);
            Paragraph::new(vec![
                Line::from(Span::styled(question.clone(), theme.text)),
                Line::from(""),
                Line::from(Span::styled(keys, theme.title)),
            ])
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        }
        Modal::Picker(p) => picker(area, buf, board, theme, p, hits),
        Modal::Compare {
            name,
            other,
            scroll,
        } => compare_view(
            area,
            buf,
            board,
            theme,
            (name.as_str(), other.as_ref()),
            *scroll,
            hits,
        ),
        Modal::Notice {
            title: t,
            lines,
            scroll,
        } => {
            let h = (lines.len() as u16).saturating_add(4);
            let inner = frame(
                area,
                buf,
                90,
                h,
                title(t, "Enter/Esc/q closes · ↑↓ PgUp PgDn scroll", theme),
                theme,
            );
            let text: Vec<Line<'static>> = lines
                .iter()
                .map(|l| Line::from(Span::styled(format!("· {l}"), theme.text)))
                .collect();
            let total = wrapped_height(&text, inner.width, false);
            hits.view(inner.height, Some(total));
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .scroll(((*scroll).min(total.saturating_sub(inner.height)), 0))
                .render(inner, buf);
        }
        Modal::Message { message, scroll } => {
            let text = message.render(|c| km.label(c));
            let w = area.width.saturating_sub(4).min(90);
            // Wrapped at word breaks, a line or so more than the text needs.
            let lines = (super::text::width(&text) as u16).div_ceil(w.saturating_sub(4).max(1));
            let inner = frame(
                area,
                buf,
                w,
                lines.saturating_add(3),
                title("Message", "Enter/Esc closes", theme),
                theme,
            );
            let text = vec![Line::from(Span::styled(text, theme.text))];
            let total = wrapped_height(&text, inner.width, true);
            hits.view(inner.height, Some(total));
            let scroll = (*scroll).min(total.saturating_sub(inner.height));
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .scroll((scroll, 0))
                .render(inner, buf);
        }
        Modal::Menu { title: t, items } => {
            let h = (items.len() as u16).saturating_add(2);
            let inner = frame_with_keys(area, buf, (56, h), t, "key picks · Esc cancels", theme);
            for (i, item) in items.iter().enumerate() {
                let line = Line::from(vec![
                    Span::styled(
                        format!(" {} ", item.key),
                        theme.title.add_modifier(Modifier::REVERSED),
                    ),
                    Span::styled(format!(" {}", item.label), theme.text),
                ]);
                put_line(buf, inner, inner.x, inner.y + i as u16, &line);
            }
        }
    }
}

fn picker(
    area: Rect,
    buf: &mut Buffer,
    board: &Board,
    theme: &Theme,
    p: &Picker,
    hits: &mut HitMap,
) {
    let what = match p.purpose {
        PickFor::Open => "Open a scenario",
        PickFor::Compare => "Compare with",
    };
    let rect_h = area.height.saturating_sub(4).max(8);
    let inner = frame(
        area,
        buf,
        area.width.saturating_sub(8).max(40),
        rect_h,
        title(
            what,
            "type to filter · ↑↓ · Enter picks · Del deletes · Esc",
            theme,
        ),
        theme,
    );
    if inner.height == 0 {
        return;
    }
    let mut filter = Line::from(Span::styled("filter: ", theme.title));
    let query = super::textinput::one_line(
        &p.query,
        (inner.width as usize / 2).max(10),
        theme.matched,
        theme.matched,
        true,
    );
    for s in query.spans {
        filter.push_span(s);
    }
    filter.push_span(Span::styled(
        format!("  {}", board.doc.scenarios_dir.display()),
        theme.dim,
    ));
    put_line(buf, inner, inner.x, inner.y, &filter);
    let visible = p.visible();
    let rows = inner.height.saturating_sub(1) as usize / 2;
    hits.view(u16::try_from(rows).unwrap_or(u16::MAX), None);
    let offset = p.cursor.saturating_sub(rows.saturating_sub(1));
    let w = inner.width as usize;
    for (n, (i, matched)) in visible.iter().enumerate().skip(offset).take(rows) {
        let Some(e) = p.entries.get(*i) else { continue };
        let y = inner.y + 1 + ((n - offset) * 2) as u16;
        let when = e
            .modified
            .map_or("?".to_string(), |m| m.format("%Y-%m-%d %H:%M").to_string());
        let current = board.doc.file.path.as_ref() == Some(&e.path);
        let mut first = highlighted(&e.name, matched, theme.title, theme.matched);
        first.push(Span::styled(format!("  {when}"), theme.dim));
        if current {
            first.push(Span::styled("  (open now)", theme.signing));
        }
        let second = match &e.summary {
            Ok(s) => Span::styled(format!("  {s}"), theme.text),
            Err(err) => Span::styled(format!("  cannot be read: {err}"), theme.injured),
        };
        let mut l1 = Line::from(clip_spans(first, w));
        let mut l2 = Line::from(clip_spans(vec![second], w));
        if n == p.cursor {
            l1 = l1.patch_style(theme.selected);
            l2 = l2.patch_style(theme.selected);
            buf.set_style(
                Rect::new(inner.x, y, inner.width, 2).intersection(inner),
                theme.selected,
            );
        }
        put_line(buf, inner, inner.x, y, &l1);
        put_line(buf, inner, inner.x, y + 1, &l2);
    }
    if visible.is_empty() {
        put_line(
            buf,
            inner,
            inner.x,
            inner.y + 1,
            &Line::from(Span::styled("no scenario matches", theme.dim)),
        );
    }
}

/// The comparison is widest when the two sides stand side by side; below this many columns
/// (inside the frame) they stack, one above the other.
pub const COMPARE_SIDE_BY_SIDE: u16 = 90;

fn compare_view(
    area: Rect,
    buf: &mut Buffer,
    board: &Board,
    theme: &Theme,
    (name, other): (&str, &crate::domain::plan::Plan),
    scroll: u16,
    hits: &mut HitMap,
) {
    let ds = &board.doc.ds;
    let c = compare(ds, &board.doc.plan_on_date(), other);
    let inner = frame(
        area,
        buf,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
        title(
            &format!("“{}”  vs  “{name}”", board.doc.file.name),
            "↑↓ PgUp PgDn scroll · Esc/q closes",
            theme,
        ),
        theme,
    );
    if inner.width < 10 || inner.height == 0 {
        return;
    }
    // Namesakes in either plan, or among the players the changes name, told apart ("M. Zárate").
    let who = |id: &crate::domain::PlayerId| c.name(ds, id);
    let side = |plan: &crate::domain::plan::Plan, doc: &str, b: bool| -> Vec<Line<'static>> {
        let mut out = Vec::new();
        let fees = if b { &c.fees.1 } else { &c.fees.0 };
        let ages = if b { &c.ages.1 } else { &c.ages.0 };
        out.push(Line::from(vec![
            Span::styled(
                format!("“{doc}” "),
                theme.title.add_modifier(Modifier::BOLD),
            ),
            Span::styled(
                format!(
                    "{} · {}",
                    plan.formation(),
                    crate::domain::scenario::long_date(plan.date)
                ),
                theme.title,
            ),
        ]));
        let xi = plan.xi(ds);
        for (slot, pick) in plan.formation().slots().iter().zip(xi.iter()) {
            let changed = c.slots.iter().any(|s| s.key == slot.key);
            let name = pick.as_ref().map_or("—".to_string(), &who);
            let st = if changed {
                theme.signing.add_modifier(Modifier::BOLD)
            } else {
                theme.text
            };
            out.push(Line::from(vec![
                Span::styled(format!("{:>4} ", slot.key), theme.dim),
                Span::styled(format!("{}{name}", if changed { "▶ " } else { "  " }), st),
            ]));
        }
        let signings: Vec<String> = plan
            .signings
            .iter()
            .map(|s| format!("{} ({})", who(&s.id), s.window))
            .collect();
        let departures: Vec<String> = plan
            .departures
            .iter()
            .map(|d| {
                let fee = match crate::domain::budget::departure_fee(d) {
                    Some(Some(f)) => format!(", {}", plan.money.fee_short(f)),
                    Some(None) => ", fee unknown".into(),
                    None => String::new(),
                };
                format!("{} ({}, {}{fee})", who(&d.id), d.kind.label(), d.window)
            })
            .collect();
        let list = |v: Vec<String>| {
            if v.is_empty() {
                "nobody".to_string()
            } else {
                v.join(", ")
            }
        };
        for (label, value) in [
            ("In: ", list(signings)),
            ("Out: ", list(departures)),
            ("Fees: ", fees.to_string()),
            ("XI age: ", ages.to_string()),
        ] {
            out.push(Line::from(vec![
                Span::styled(label, theme.title),
                Span::styled(value, theme.text),
            ]));
        }
        out
    };
    let l = side(&board.doc.plan, &board.doc.file.name, false);
    let r = side(other, name, true);
    let w = inner.width as usize;
    let mut rows: Vec<Line<'static>> = Vec::new();
    if inner.width >= COMPARE_SIDE_BY_SIDE {
        // Side by side, each half of the width, a rule between them.
        let half = (w - 3) / 2;
        let lw: Vec<Line<'static>> = l.iter().flat_map(|x| wrap(x, half)).collect();
        let rw: Vec<Line<'static>> = r.iter().flat_map(|x| wrap(x, half)).collect();
        for k in 0..lw.len().max(rw.len()) {
            let mut spans: Vec<Span<'static>> = lw.get(k).map_or(Vec::new(), |x| x.spans.clone());
            let used: usize = spans.iter().map(|s| super::text::width(&s.content)).sum();
            spans.push(Span::raw(" ".repeat(half.saturating_sub(used) + 1)));
            spans.push(Span::styled("│ ", theme.border));
            spans.extend(rw.get(k).map_or(Vec::new(), |x| x.spans.clone()));
            rows.push(Line::from(spans));
        }
    } else {
        // Stacked: one side above the other, each the whole width.
        rows.extend(l.iter().flat_map(|x| wrap(x, w)));
        rows.push(Line::from(""));
        rows.extend(r.iter().flat_map(|x| wrap(x, w)));
    }
    // What changed, in words, the whole width.
    rows.push(Line::from(""));
    rows.push(Line::from(Span::styled("What changes", theme.title)));
    for d in c.lines(ds) {
        rows.extend(wrap(&Line::from(Span::styled(d, theme.text)), w));
    }
    // Season by season and window by window (B is the other side): who each has, and the
    // net spend of each window, in the plan's currency.
    let seasons = crate::domain::timeline_compare::season_lines(ds, &board.doc.plan, other, 4);
    rows.push(Line::from(""));
    rows.push(Line::from(Span::styled(
        format!("Season by season (A “{}”, B “{name}”)", board.doc.file.name),
        theme.title,
    )));
    if seasons.is_empty() {
        rows.push(Line::from(Span::styled(
            "the same squads and money",
            theme.dim,
        )));
    }
    for d in seasons {
        rows.extend(wrap(&Line::from(Span::styled(d, theme.text)), w));
    }
    // It scrolls until the last row is in view.
    let total = u16::try_from(rows.len()).unwrap_or(u16::MAX);
    hits.view(inner.height, Some(total));
    let scroll = scroll.min(total.saturating_sub(inner.height));
    for (k, line) in rows
        .iter()
        .skip(scroll as usize)
        .take(inner.height as usize)
        .enumerate()
    {
        put_line(buf, inner, inner.x, inner.y + k as u16, line);
    }
}

/// A line broken at spaces into lines of at most `w` columns (a word longer than `w` is cut
/// with `…`), each span keeping its style.
fn wrap(line: &Line<'static>, w: usize) -> Vec<Line<'static>> {
    use super::text::width;
    let w = w.max(1);
    // Words with their styles: (text, style) runs up to and including a trailing space.
    let mut words: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    for span in &line.spans {
        let mut run = String::new();
        for ch in span.content.chars() {
            run.push(ch);
            if ch == ' ' {
                if let Some(last) = words.last_mut() {
                    last.push(Span::styled(std::mem::take(&mut run), span.style));
                }
                words.push(Vec::new());
            }
        }
        if !run.is_empty()
            && let Some(last) = words.last_mut()
        {
            last.push(Span::styled(run, span.style));
        }
    }
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut cur: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for word in words.into_iter().filter(|w| !w.is_empty()) {
        let ww: usize = word.iter().map(|s| width(&s.content)).sum();
        let bare = width(
            word.iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
                .trim_end(),
        );
        if used > 0 && used + bare > w {
            out.push(Line::from(std::mem::take(&mut cur)));
            used = 0;
        }
        if bare > w {
            cur.extend(clip_spans(word, w));
            out.push(Line::from(std::mem::take(&mut cur)));
            continue;
        }
        cur.extend(word);
        used += ww;
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(Line::from(cur));
    }
    out
}
