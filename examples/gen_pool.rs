//! Writes a made-up scouting pool, deterministic by seed:
//! `cargo run --release --example gen_pool -- [--n 100000] [--seed 42] [--format csv|ron|names] OUT`
//! (`-` for stdout). CSV is in Transfermarkt's `players.csv` columns; `names` is one name a line.

use fakepool::{Generated, generate, write_csv, write_ron};
use std::io::{BufWriter, Write};

fn main() -> std::process::ExitCode {
    let mut n = 100_000usize;
    let mut seed = 42u64;
    let mut format = String::from("csv");
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--n" => n = args.next().and_then(|v| v.parse().ok()).unwrap_or(n),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "--format" => format = args.next().unwrap_or(format),
            _ => out = Some(a),
        }
    }
    let Some(out) = out else {
        eprintln!("usage: gen_pool [--n N] [--seed S] [--format csv|ron|names] OUT");
        return std::process::ExitCode::from(2);
    };
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
    let written = match format.as_str() {
        "csv" => write_csv(&players, &mut w),
        "ron" => write_ron(&players, &mut w),
        "names" => players
            .iter()
            .try_for_each(|p: &Generated| writeln!(w, "{}", p.name())),
        other => {
            eprintln!("unknown format `{other}` (csv, ron or names)");
            return std::process::ExitCode::from(2);
        }
    };
    match written.and_then(|()| w.flush()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{out}: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
