use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use squadboard::app::Board;
use squadboard::input::Keymap;
use squadboard::{store, ui};
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let ds = store::load(None).expect("data");
    let board = Board::new(
        Arc::new(ds),
        None,
        chrono::Local::now().date_naive(),
        store::scenario::scenarios_dir(None),
    );
    let theme = ui::Theme::default();
    let keys = Keymap::default_keys();
    for (w, h) in [(200u16, 60u16), (300, 100), (50, 20)] {
        let area = Rect::new(0, 0, w, h);
        let n: u32 = std::env::var("N")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(300);
        let t = Instant::now();
        for _ in 0..n {
            let mut buf = Buffer::empty(area);
            ui::render(area, &mut buf, &board, &keys, &theme);
        }
        println!("{w}x{h}: {:?} per frame", t.elapsed() / n);
    }
}
