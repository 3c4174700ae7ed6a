//! Writes a made-up scouting pool, deterministic by seed:
//! `cargo run --release --example gen_pool -- [--n 100000] [--seed 42] [--format csv|ron|names] OUT`
//! (`-` for stdout). CSV is in Transfermarkt's `players.csv` columns; `names` is one name a line.

use clap::{Parser, ValueEnum};
use fakepool::{Generated, generate, write_csv, write_ron};
use std::io::{BufWriter, Write};

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Transfermarkt's `players.csv` columns.
    Csv,
    /// `Pool(players: [..])`.
    Ron,
    /// One name a line (what fzf is given).
    Names,
}

/// Writes a made-up scouting pool, the same for the same seed.
#[derive(Parser)]
#[command(name = "gen_pool")]
struct Args {
    /// How many players.
    #[arg(long, default_value_t = 100_000)]
    n: usize,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// The file to write (`-` for standard output).
    out: String,
}

fn main() -> std::process::ExitCode {
    // `--help` and a bad argument are answered before any file is made.
    let Args {
        n,
        seed,
        format,
        out,
    } = Args::parse();
    let players = generate(n, seed);
    let sink: Box<dyn Write> = if out == "-" {
        Box::new(std::io::stdout().lock())
    } else {
        match std::fs::File::create(&out) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("{out}: {e}");
                return std::process::ExitCode::from(2);
            }
        }
    };
    let mut w = BufWriter::new(sink);
    let written = match format {
        Format::Csv => write_csv(&players, &mut w),
        Format::Ron => write_ron(&players, &mut w),
        Format::Names => players
            .iter()
            .try_for_each(|p: &Generated| writeln!(w, "{}", p.name())),
    };
    match written.and_then(|()| w.flush()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{out}: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
