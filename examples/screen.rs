//! Prints the board as text at a size: `cargo run --example screen -- 120 40 [keys...]`.
//! Handy for the README and for looking at layouts without a terminal.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use squadboard::app::{Action, Board};
use squadboard::input::{Command, Keymap};
use squadboard::{store, ui};
use std::sync::Arc;

fn main() {
    let mut args = std::env::args().skip(1);
    let w: u16 = args.next().and_then(|a| a.parse().ok()).unwrap_or(120);
    let h: u16 = args.next().and_then(|a| a.parse().ok()).unwrap_or(40);
    let ds = match store::load(None) {
        Ok(ds) => ds,
        Err(e) => {
            eprintln!("{e:?}");
            std::process::exit(1);
        }
    };
    let mut board = Board::new(
        Arc::new(ds),
        None,
        chrono::Local::now().date_naive(),
        store::scenario::scenarios_dir(None),
    );
    for a in args {
        let cmd: Option<Command> = ron::from_str(&a).ok();
        match cmd {
            Some(c) => {
                board.update(Action::Command(c));
            }
            None => a.chars().for_each(|c| {
                board.update(Action::FilterChar(c));
            }),
        }
    }
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    ui::render(
        area,
        &mut buf,
        &board,
        &Keymap::default_keys(),
        &ui::Theme::default(),
    );
    for y in 0..h {
        let line: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
        println!("{}", line.trim_end());
    }
}
