//! `squadboard find QUERY`: fuzzy-find players in the data (squad and targets) and the scouting
//! pool (`--pool FILE`), best first, one per line, tab-separated so scripts can `cut` it:
//! name, club, position(s), age at the planning date.

use super::{Context, Outcome};
use crate::domain::Player;
use crate::domain::status::age;
use crate::search::index::SearchIndex;
use crate::store;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to look for: any part of a name, accents optional, words in any order.
    #[arg(required = true, value_name = "QUERY")]
    query: Vec<String>,
    /// Print at most N players (0: every match).
    #[arg(long, default_value_t = 20, value_name = "N")]
    limit: usize,
}

/// Tabs and line breaks inside a field would break the columns.
fn cell(s: &str) -> String {
    if s.is_empty() {
        return "?".into();
    }
    s.replace(['\t', '\n', '\r'], " ")
}

/// Runs `find`. Exits 0 with matches, 1 with none (as `grep` does), 2 when the data or the pool
/// cannot be read. Rows a pool skipped are listed on stderr.
pub fn run(args: Args, ctx: &Context, out: &mut dyn Write) -> Outcome {
    let ds = ctx.load_data()?;
    let on = ctx.planning_date(&ds);
    let pool = match &ctx.pool {
        Some(path) => {
            let pool = store::pool::load_pool(path, |_| {}).map_err(|e| e.to_string())?;
            for p in &pool.problems {
                eprintln!("skipped: {p}");
            }
            pool.players
        }
        None => Vec::new(),
    };
    let players: Vec<&Player> = ds.squad.iter().chain(&ds.targets).chain(&pool).collect();
    let index = SearchIndex::from_players(players.iter().copied());
    let limit = if args.limit == 0 {
        players.len()
    } else {
        args.limit
    };
    let hits = index.ranked(&args.query.join(" "), limit);
    let printed = print(&hits, &players, on, out);
    // The process ends right after: handing 100k players back to the allocator one by one
    // would cost more than the search itself.
    std::mem::forget(index);
    std::mem::forget(players);
    std::mem::forget(pool);
    match printed {
        Ok(()) => Ok(!hits.is_empty()),
        // `find .. | head` closing the pipe early is not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(!hits.is_empty()),
        Err(e) => Err(e.to_string()),
    }
}

fn print(
    hits: &[(usize, i64)],
    players: &[&Player],
    on: chrono::NaiveDate,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(out);
    for (i, _) in hits {
        let p = players[*i];
        writeln!(
            w,
            "{}\t{}\t{}\t{}",
            cell(&p.name),
            cell(&p.club),
            p.positions_label(),
            age(p, on)
        )?;
    }
    w.flush()
}
