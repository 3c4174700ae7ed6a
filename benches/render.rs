//! Rendering speed: one full frame of the board at 200×60 (into a buffer, and through the
//! terminal backend), and a frame after the cursor moves one row (only the diff is written).
//! `cargo bench --bench render`

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use squadboard::app::{Action, Board};
use squadboard::input::{Command, Keymap};
use squadboard::{store, ui};
use std::hint::black_box;
use std::sync::Arc;

fn board() -> Board {
    let ds = store::load(None).expect("bundled data");
    Board::new(
        Arc::new(ds),
        None,
        chrono::Local::now().date_naive(),
        store::scenario::scenarios_dir(None),
    )
}

fn bench(c: &mut Criterion) {
    let theme = ui::Theme::default();
    let keys = Keymap::default_keys();
    let b = board();
    let area = Rect::new(0, 0, 200, 60);
    let mut g = c.benchmark_group("render");
    g.bench_function("board 200x60 into a buffer", |bench| {
        let mut buf = Buffer::empty(area);
        bench.iter(|| {
            buf.reset();
            black_box(ui::render(area, &mut buf, &b, &keys, &theme));
        })
    });
    g.bench_function("board 120x40 into a buffer", |bench| {
        let area = Rect::new(0, 0, 120, 40);
        let mut buf = Buffer::empty(area);
        bench.iter(|| {
            buf.reset();
            black_box(ui::render(area, &mut buf, &b, &keys, &theme));
        })
    });
    // Through the real backend into a sink: the cursor moves down and up, so each draw writes
    // only the cells that changed.
    g.bench_function("terminal draw 200x60 after a cursor move", |bench| {
        let backend = CrosstermBackend::new(std::io::sink());
        let mut term = Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(area),
            },
        )
        .expect("terminal");
        let mut b = board();
        let mut down = true;
        bench.iter(|| {
            b.update(Action::Command(if down {
                Command::Down
            } else {
                Command::Up
            }));
            down = !down;
            term.draw(|f| {
                black_box(ui::draw(f, &b, &keys, &theme));
            })
            .expect("draw");
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
