//! `scenario export --format svg`: the XI on a pitch, as a standalone SVG picture.

use super::view::View;
use std::fmt::Write as _;

impl View<'_> {
    /// The XI on a pitch, attacking upwards, each player at his slot's place.
    pub(super) fn svg(&self) -> String {
        const W: f32 = 680.0;
        const TOP: f32 = 96.0;
        const PW: f32 = 640.0;
        const PH: f32 = 960.0;
        const LEFT: f32 = 20.0;
        let h = TOP + PH + 60.0;
        let px = |x: u8| LEFT + PW * f32::from(x) / 100.0;
        let py = |y: u8| TOP + PH * (1.0 - f32::from(y) / 100.0);
        // Metres to pixels along each axis of a 68 m × 105 m pitch.
        let mx = |m: f32| m * PW / 68.0;
        let my = |m: f32| m * PH / 105.0;
        let s = &self.loaded.scenario;
        let mut t = String::new();
        let _ = writeln!(
            t,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{h}" viewBox="0 0 {W} {h}" font-family="Helvetica, Arial, sans-serif">"#
        );
        let _ = writeln!(t, "<title>{}</title>", esc(&s.name));
        let _ = writeln!(t, r##"<rect width="{W}" height="{h}" fill="#0f3d1e"/>"##);
        let _ = writeln!(
            t,
            r##"<text x="{LEFT}" y="38" fill="#ffffff" font-size="26" font-weight="bold">{}</text>"##,
            esc(&s.name)
        );
        let _ = writeln!(
            t,
            r##"<text x="{LEFT}" y="70" fill="#d8e8d8" font-size="16">{}</text>"##,
            esc(&self.summary())
        );
        // The pitch: grass, touchlines, halfway line, centre circle, boxes and spots.
        let _ = writeln!(
            t,
            r##"<rect x="{LEFT}" y="{TOP}" width="{PW}" height="{PH}" fill="#2e7d32"/>"##
        );
        let _ = writeln!(
            t,
            r##"<g fill="none" stroke="#ffffff" stroke-opacity="0.8" stroke-width="2">"##
        );
        let _ = writeln!(
            t,
            r#"<rect x="{LEFT}" y="{TOP}" width="{PW}" height="{PH}"/>"#
        );
        let mid = TOP + PH / 2.0;
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
                r#"<rect x="{x:.1}" y="{TOP}" width="{bw:.1}" height="{bh:.1}"/>"#
            );
            let _ = writeln!(
                t,
                r#"<rect x="{x:.1}" y="{:.1}" width="{bw:.1}" height="{bh:.1}"/>"#,
                TOP + PH - bh
            );
        }
        let _ = writeln!(t, "</g>");
        for spot in [TOP + my(11.0), TOP + PH - my(11.0), mid] {
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
                    let _ = writeln!(
                        t,
                        r##"<circle cx="{x:.1}" cy="{y:.1}" r="24" fill="none" stroke="#ffffff" stroke-width="2" stroke-dasharray="5 4"/>"##
                    );
                    let _ = writeln!(
                        t,
                        r##"<text x="{x:.1}" y="{:.1}" fill="#ffffff" font-size="13" text-anchor="middle">{}</text>"##,
                        y + 5.0,
                        r.slot
                    );
                }
                Some(p) => {
                    let fill = if p.signing { "#ffd54f" } else { "#ffffff" };
                    let stroke = if p.injury.is_some() {
                        "#d32f2f"
                    } else if p.contract.is_some() {
                        "#ff9800"
                    } else {
                        "#1b5e20"
                    };
                    let _ = writeln!(
                        t,
                        r##"<circle cx="{x:.1}" cy="{y:.1}" r="24" fill="{fill}" stroke="{stroke}" stroke-width="4"/>"##
                    );
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
        let _ = writeln!(
            t,
            r##"<text x="{LEFT}" y="{:.1}" fill="#d8e8d8" font-size="13">{}</text>"##,
            h - 24.0,
            esc(&format!(
                "{} · fees {} · XI ages {}",
                self.date_line(),
                self.assessment.fees,
                self.assessment.ages
            ))
        );
        let _ = writeln!(t, "</svg>");
        t
    }
}

/// Escapes text for XML content and attributes: the one XML escape.
fn esc(s: &str) -> String {
    crate::cli::sanitize::xml(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping() {
        assert_eq!(
            esc("A & B <\"x\"> 'y'\u{1}"),
            "A &amp; B &lt;&quot;x&quot;&gt; &apos;y&apos; "
        );
    }
}
