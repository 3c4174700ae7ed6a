//! `scenario export --format svg`: the XI on a pitch, as a standalone SVG picture.
//!
//! The text around the pitch (name, summary, legend, footer) is set in the monospace face whose
//! advance is known ([`crate::cli::timeline_svg::MONO`]) and wrapped to the picture's width, so
//! no line is cut at its edge; the picture grows by the lines it needs.

use super::view::View;
use crate::cli::sanitize::xml as esc;
use crate::cli::timeline_svg::{MONO, text_width, wrap};
use std::fmt::Write as _;

/// The picture's width, and the pitch's left edge and size in it.
const W: f32 = 680.0;
const LEFT: f32 = 20.0;
const PW: f32 = 640.0;
const PH: f32 = 960.0;
/// How far a slot's drawing reaches above its centre (the circle) and below it (the name, then
/// the marks): a slot's centre stays this far inside the pitch, so the keeper stands off his
/// goal line with his name on the grass.
const ABOVE: f32 = 32.0;
const BELOW: f32 = 72.0;

/// A circle's colours: what fills it, what rings it.
const SIGNING: &str = "#ffd54f";
const SQUAD: &str = "#ffffff";
const INJURED: &str = "#d32f2f";
const CONTRACT: &str = "#ff9800";
const SETTLED: &str = "#1b5e20";

/// How a legend entry draws its circle: fill, ring, dashed.
struct Swatch {
    fill: &'static str,
    ring: &'static str,
    dashed: bool,
    label: &'static str,
}

/// What each colour of the circles means, in the order the legend shows them.
const LEGEND: [Swatch; 5] = [
    Swatch {
        fill: SIGNING,
        ring: SETTLED,
        dashed: false,
        label: "signing",
    },
    Swatch {
        fill: SQUAD,
        ring: SETTLED,
        dashed: false,
        label: "squad player",
    },
    Swatch {
        fill: SQUAD,
        ring: INJURED,
        dashed: false,
        label: "injured",
    },
    Swatch {
        fill: SQUAD,
        ring: CONTRACT,
        dashed: false,
        label: "contract <12m, <6m, OUT, c?",
    },
    Swatch {
        fill: "none",
        ring: SQUAD,
        dashed: true,
        label: "empty slot",
    },
];

/// The marks under a name, spelt out.
const MARKS: &str = "marks: new = a signing · <12m, <6m = contract ends within 12 or 6 months · \
                     OUT = out of contract · c? = contract end unknown or only reported";

const LEGEND_SIZE: f32 = 13.0;
const LEGEND_ROW: f32 = 24.0;

/// Lines of text wrapped to the picture's width, one baseline `step` apart.
struct Block {
    lines: Vec<String>,
    size: f32,
    step: f32,
}

impl Block {
    fn new(text: &str, size: f32, step: f32) -> Block {
        Block {
            lines: wrap(text, size, W - 2.0 * LEFT),
            size,
            step,
        }
    }

    /// From the first baseline to the one after the last.
    fn height(&self) -> f32 {
        self.lines.len() as f32 * self.step
    }

    /// The lines from the baseline `y` down.
    fn draw(&self, t: &mut String, y: f32, fill: &str, bold: bool) {
        let weight = if bold { r#" font-weight="bold""# } else { "" };
        for (i, line) in self.lines.iter().enumerate() {
            let _ = writeln!(
                t,
                r#"<text x="{LEFT}" y="{:.1}" fill="{fill}" font-size="{}" font-family="{MONO}"{weight}>{}</text>"#,
                y + i as f32 * self.step,
                self.size,
                esc(line)
            );
        }
    }
}

/// The legend's entries in rows that fit the picture: each entry's left edge, row by row.
fn legend_rows() -> Vec<Vec<(f32, &'static Swatch)>> {
    let mut rows: Vec<Vec<(f32, &Swatch)>> = vec![Vec::new()];
    let mut x = LEFT;
    for s in &LEGEND {
        let w = 24.0 + text_width(s.label.chars().count(), LEGEND_SIZE);
        if x > LEFT && x + w > W - LEFT {
            rows.push(Vec::new());
            x = LEFT;
        }
        if let Some(row) = rows.last_mut() {
            row.push((x, s));
        }
        x += w + 20.0;
    }
    rows
}

fn circle(t: &mut String, x: f32, y: f32, r: f32, fill: &str, ring: &str, dashed: bool) {
    // A player's ring is thick; an empty slot's and the legend's thin.
    let (width, dash) = match (dashed, r >= 24.0) {
        (true, _) => (2, r#" stroke-dasharray="5 4""#),
        (false, true) => (4, ""),
        (false, false) => (2, ""),
    };
    let _ = writeln!(
        t,
        r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r}" fill="{fill}" stroke="{ring}" stroke-width="{width}"{dash}/>"#
    );
}

impl View<'_> {
    /// The XI on a pitch, attacking upwards, each player at his slot's place.
    pub(super) fn svg(&self) -> String {
        let s = &self.loaded.scenario;
        let title = Block::new(&s.name, 26.0, 32.0);
        let sub = Block::new(&self.summary(), 16.0, 22.0);
        let marks = Block::new(MARKS, LEGEND_SIZE, 18.0);
        let footer = Block::new(
            &format!(
                "{} · fees {} · XI ages {}",
                self.date_line(),
                self.assessment.fees,
                self.assessment.ages
            ),
            13.0,
            18.0,
        );
        let legend = legend_rows();
        // Baselines, top to bottom: the title, the summary, the pitch, the legend, the marks
        // spelt out, the footer.
        let sub_y = 38.0 + title.height();
        let top = sub_y + sub.height() - sub.step + 26.0;
        let legend_y = top + PH + 30.0;
        let marks_y = legend_y + legend.len() as f32 * LEGEND_ROW;
        let footer_y = marks_y + marks.height() + 6.0;
        let h = (footer_y + footer.height() + 6.0).ceil();
        let px = |x: u8| LEFT + PW * f32::from(x) / 100.0;
        let py =
            |y: u8| (top + PH * (1.0 - f32::from(y) / 100.0)).clamp(top + ABOVE, top + PH - BELOW);
        // Metres to pixels along each axis of a 68 m × 105 m pitch.
        let mx = |m: f32| m * PW / 68.0;
        let my = |m: f32| m * PH / 105.0;
        let mut t = String::new();
        let _ = writeln!(
            t,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{h}" viewBox="0 0 {W} {h}" font-family="Helvetica, Arial, sans-serif">"#
        );
        let _ = writeln!(t, "<title>{}</title>", esc(&s.name));
        let _ = writeln!(t, r##"<rect width="{W}" height="{h}" fill="#0f3d1e"/>"##);
        title.draw(&mut t, 38.0, "#ffffff", true);
        sub.draw(&mut t, sub_y, "#d8e8d8", false);
        // The pitch: grass, touchlines, halfway line, centre circle, boxes and spots.
        let _ = writeln!(
            t,
            r##"<rect class="pitch" x="{LEFT}" y="{top}" width="{PW}" height="{PH}" fill="#2e7d32"/>"##
        );
        let _ = writeln!(
            t,
            r##"<g fill="none" stroke="#ffffff" stroke-opacity="0.8" stroke-width="2">"##
        );
        let _ = writeln!(
            t,
            r#"<rect x="{LEFT}" y="{top}" width="{PW}" height="{PH}"/>"#
        );
        let mid = top + PH / 2.0;
        let cx = LEFT + PW / 2.0;
        let _ = writeln!(
            t,
            r#"<line x1="{LEFT}" y1="{mid}" x2="{}" y2="{mid}"/>"#,
            LEFT + PW
        );
        let _ = writeln!(t, r#"<circle cx="{cx}" cy="{mid}" r="{:.1}"/>"#, mx(9.15));
        for (depth, width) in [(16.5, 40.32), (5.5, 18.32)] {
            let (bw, bh) = (mx(width), my(depth));
            let x = cx - bw / 2.0;
            let _ = writeln!(
                t,
                r#"<rect x="{x:.1}" y="{top}" width="{bw:.1}" height="{bh:.1}"/>"#
            );
            let _ = writeln!(
                t,
                r#"<rect x="{x:.1}" y="{:.1}" width="{bw:.1}" height="{bh:.1}"/>"#,
                top + PH - bh
            );
        }
        let _ = writeln!(t, "</g>");
        for spot in [top + my(11.0), top + PH - my(11.0), mid] {
            let _ = writeln!(
                t,
                r##"<circle cx="{cx}" cy="{spot:.1}" r="3" fill="#ffffff"/>"##
            );
        }
        for r in &self.rows {
            let (x, y) = (px(r.x), py(r.y));
            let _ = writeln!(t, r#"<g class="slot" data-slot="{}">"#, r.slot);
            match &r.player {
                None => {
                    circle(&mut t, x, y, 24.0, "none", SQUAD, true);
                    let _ = writeln!(
                        t,
                        r##"<text x="{x:.1}" y="{:.1}" fill="#ffffff" font-size="13" text-anchor="middle">{}</text>"##,
                        y + 5.0,
                        r.slot
                    );
                }
                Some(p) => {
                    let fill = if p.signing { SIGNING } else { SQUAD };
                    let ring = if p.injury.is_some() {
                        INJURED
                    } else if p.contract.is_some() {
                        CONTRACT
                    } else {
                        SETTLED
                    };
                    circle(&mut t, x, y, 24.0, fill, ring, false);
                    let _ = writeln!(
                        t,
                        r##"<text x="{x:.1}" y="{:.1}" fill="#1b1b1b" font-size="13" font-weight="bold" text-anchor="middle">{}</text>"##,
                        y + 5.0,
                        r.slot
                    );
                    let _ = writeln!(
                        t,
                        r##"<text x="{x:.1}" y="{:.1}" fill="#ffffff" font-size="15" font-weight="bold" text-anchor="middle">{}</text>"##,
                        y + 44.0,
                        esc(&p.short_name)
                    );
                    let mut marks = Vec::new();
                    if p.signing {
                        marks.push("new".to_string());
                    }
                    if p.injury.is_some() {
                        marks.push("injured".to_string());
                    }
                    if !p.contract_mark.is_empty() {
                        marks.push(p.contract_mark.to_string());
                    }
                    if !marks.is_empty() {
                        let _ = writeln!(
                            t,
                            r##"<text x="{x:.1}" y="{:.1}" fill="#ffe0b2" font-size="12" text-anchor="middle">{}</text>"##,
                            y + 60.0,
                            esc(&marks.join(" · "))
                        );
                    }
                }
            }
            let _ = writeln!(t, "</g>");
        }
        let _ = writeln!(t, r#"<g class="legend">"#);
        for (i, row) in legend.iter().enumerate() {
            let y = legend_y + i as f32 * LEGEND_ROW;
            for (x, s) in row {
                circle(&mut t, x + 8.0, y - 4.5, 8.0, s.fill, s.ring, s.dashed);
                let _ = writeln!(
                    t,
                    r##"<text x="{:.1}" y="{y:.1}" fill="#d8e8d8" font-size="{LEGEND_SIZE}" font-family="{MONO}">{}</text>"##,
                    x + 24.0,
                    esc(s.label)
                );
            }
        }
        marks.draw(&mut t, marks_y, "#d8e8d8", false);
        let _ = writeln!(t, "</g>");
        footer.draw(&mut t, footer_y, "#d8e8d8", false);
        let _ = writeln!(t, "</svg>");
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_fits_the_picture() {
        for row in legend_rows() {
            let (x, s) = row.last().expect("a row holds an entry");
            let right = x + 24.0 + text_width(s.label.chars().count(), LEGEND_SIZE);
            assert!(right <= W - LEFT, "{} ends at {right}", s.label);
        }
    }
}
