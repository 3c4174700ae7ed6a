//! The timeline as an SVG picture (`scenario export --format svg --view timeline`): seasons across,
//! positions down. The picture is as wide as its longest line needs, so no text is cut at the
//! edge: text is set in a monospace face, whose advance is known (0.6 em a character).

use crate::domain::Dataset;
use crate::domain::budget::per_window;
use crate::domain::plan::Plan;
use crate::domain::scenario::long_date;
use crate::domain::timeline::{Timeline, build, first_season};
use std::fmt::Write as _;

/// Font size of the grid's text, in pixels.
pub const SIZE: f32 = 13.0;
/// The advance of one character of the monospace face, in ems.
pub const ADVANCE: f32 = 0.6;
const PAD: f32 = 16.0;
const LINE: f32 = 18.0;

/// The monospace faces every SVG sets its measured text in.
pub const MONO: &str = "DejaVu Sans Mono, Menlo, Consolas, monospace";

/// The width text of `chars` characters takes at `size`.
pub fn text_width(chars: usize, size: f32) -> f32 {
    chars as f32 * ADVANCE * size
}

/// `text` in lines that each fit `room` pixels at `size` in the monospace face: broken after a
/// " · " where it can, else between words, a word longer than a line between its characters.
/// Nothing is left out: the lines joined are the text.
pub fn wrap(text: &str, size: f32, room: f32) -> Vec<String> {
    let cols = |s: &str| super::sanitize::width(s);
    let max = ((room / (ADVANCE * size)).floor() as usize).max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for piece in text.split(" · ") {
        let sep = if line.is_empty() { "" } else { " · " };
        if cols(&line) + cols(sep) + cols(piece) <= max {
            line.push_str(sep);
            line.push_str(piece);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for word in piece.split(' ') {
            let sep = if line.is_empty() { "" } else { " " };
            if cols(&line) + cols(sep) + cols(word) <= max {
                line.push_str(sep);
                line.push_str(word);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                if !line.is_empty() && cols(&line) + cols(c.encode_utf8(&mut [0; 4])) > max {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

use super::sanitize::xml as esc;

/// The cell's lines: players, then flags.
fn cell_lines(t: &Timeline, row: usize, col: usize) -> Vec<(String, bool)> {
    let cell = &t.rows[row].cells[col];
    let mut out: Vec<(String, bool)> = cell.entries.iter().map(|e| (e.text(), false)).collect();
    if !cell.flags.is_empty() {
        let f: Vec<String> = cell.flags.iter().map(|f| f.to_string()).collect();
        out.push((f.join(", "), true));
    }
    out
}

pub fn svg(ds: &Dataset, plan: &Plan, name: &str, seasons: usize) -> String {
    let t = build(ds, plan, first_season(plan.date), seasons, plan.timeline);
    let title = format!("{name} · seasons ahead");
    let sub = format!(
        "{} · planning date {} · first choice flagged at {}+",
        ds.club,
        long_date(plan.date),
        t.old_age
    );
    let heads: Vec<String> = t
        .seasons
        .iter()
        .map(|s| format!("{} ({})", s.label, s.flags))
        .collect();
    let pos_w = text_width(5, SIZE);
    let col_w: Vec<f32> = (0..t.seasons.len())
        .map(|c| {
            let longest = (0..t.rows.len())
                .flat_map(|r| cell_lines(&t, r, c))
                .map(|(l, _)| l.chars().count())
                .chain([heads[c].chars().count()])
                .max()
                .unwrap_or(0);
            text_width(longest, SIZE) + PAD
        })
        .collect();
    let mut footer: Vec<(String, bool)> = per_window(ds, plan)
        .iter()
        .map(|m| (m.text(), m.over_budget()))
        .collect();
    footer.push((crate::domain::timeline::legend(&t), false));
    let grid_w = PAD + pos_w + col_w.iter().sum::<f32>();
    let text_w = [(&title, 20.0), (&sub, SIZE)]
        .iter()
        .map(|(s, size)| text_width(s.chars().count(), *size))
        .chain(
            footer
                .iter()
                .map(|(s, _)| text_width(s.chars().count(), SIZE)),
        )
        .fold(0.0f32, f32::max)
        + 2.0 * PAD;
    let w = grid_w.max(text_w).ceil();
    let row_h: Vec<f32> = (0..t.rows.len())
        .map(|r| {
            let n = (0..t.seasons.len())
                .map(|c| cell_lines(&t, r, c).len())
                .max()
                .unwrap_or(0)
                .max(1);
            n as f32 * LINE + 8.0
        })
        .collect();
    let top = 84.0;
    let grid_h = LINE + 8.0 + row_h.iter().sum::<f32>();
    let h = (top + grid_h + 16.0 + footer.len() as f32 * LINE + PAD).ceil();

    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{MONO}">"#
    );
    let _ = writeln!(s, "<title>{}</title>", esc(&title));
    let _ = writeln!(s, r##"<rect width="{w}" height="{h}" fill="#0f2a1a"/>"##);
    let _ = writeln!(
        s,
        r##"<text x="{PAD}" y="34" fill="#ffffff" font-size="20" font-weight="bold">{}</text>"##,
        esc(&title)
    );
    let _ = writeln!(
        s,
        r##"<text x="{PAD}" y="60" fill="#d8e8d8" font-size="{SIZE}">{}</text>"##,
        esc(&sub)
    );
    let col_x = |c: usize| PAD + pos_w + col_w[..c].iter().sum::<f32>();
    let mut y = top + LINE;
    for (c, head) in heads.iter().enumerate() {
        let warn = t.seasons[c].flags.total() > 0;
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{y:.1}" fill="{}" font-size="{SIZE}" font-weight="bold">{}</text>"##,
            col_x(c),
            if warn { "#ffcc66" } else { "#ffffff" },
            esc(head)
        );
    }
    y += 8.0;
    for (r, row) in t.rows.iter().enumerate() {
        let _ = writeln!(
            s,
            r##"<line x1="{PAD}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#3c6e4c"/>"##,
            w - PAD
        );
        let _ = writeln!(
            s,
            r##"<text x="{PAD}" y="{:.1}" fill="#9fd3a8" font-size="{SIZE}" font-weight="bold">{}</text>"##,
            y + LINE,
            row.position.label()
        );
        for c in 0..t.seasons.len() {
            for (k, (line, flag)) in cell_lines(&t, r, c).iter().enumerate() {
                let _ = writeln!(
                    s,
                    r##"<text x="{:.1}" y="{:.1}" fill="{}" font-size="{SIZE}">{}</text>"##,
                    col_x(c),
                    y + LINE * (k as f32 + 1.0),
                    if *flag { "#ffcc66" } else { "#ffffff" },
                    esc(line)
                );
            }
        }
        y += row_h[r];
    }
    y += 16.0;
    for (line, warn) in &footer {
        y += LINE;
        let _ = writeln!(
            s,
            r##"<text x="{PAD}" y="{y:.1}" fill="{}" font-size="{SIZE}">{}</text>"##,
            if *warn { "#ff8a80" } else { "#d8e8d8" },
            esc(line)
        );
    }
    let _ = writeln!(s, "</svg>");
    s
}
