//! `squadboard find QUERY`: fuzzy-find players in the data (squad and targets) and the scouting
//! pool (`--pool FILE`), best first, one per line, tab-separated so scripts can `cut` it:
//! name, club, position(s), age at the planning date.
//!
//! A CSV pool is searched straight from its bytes ([`crate::store::pool::fast`]), its names
//! indexed once and kept in a cache beside it ([`crate::store::pool::cache`]); a RON pool, or a
//! CSV the fast reader leaves to the full one, is loaded whole and indexed ([`Method::Full`]).
//! All give the same players in the same order.

use super::{Context, Outcome};
use crate::domain::status::age;
use crate::domain::{Dataset, Player};
use crate::search::index::SearchIndex;
use crate::search::query::{Filter, Query};
use crate::search::{KnownPeople, fold};
use crate::store;
use crate::store::pool::PoolFormat;
use std::cmp::Reverse;
use std::io::Write;
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to look for: any part of a name, accents optional, words in any order, and filters
    /// (`pos:CB age:<24 age:20-25 contract:<=2027 contract:free value:<40m foot:left nat:arg
    /// club:"river plate"`), ages and contracts at the planning date.
    #[arg(required = true, value_name = "QUERY")]
    query: Vec<String>,
    /// Print at most N players (0: every match).
    #[arg(long, default_value_t = 20, value_name = "N")]
    limit: usize,
    /// `text`: one player a line, tab-separated; `json`: an array of {id, name, known_as, club,
    /// positions (a list), born (a date), age (a number), age_text, nationality, foot,
    /// market_value {amount, currency, approximate}, contract_until (a date)}, null for unknown.
    #[arg(long, value_enum, default_value_t = super::args::TextOrJson::Text)]
    format: super::args::TextOrJson,
    /// Read a CSV pool without the cache beside it (`.NAME.squadboard-cache`), and write none.
    #[arg(long)]
    no_cache: bool,
}

/// How the pool is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// As [`Method::Fast`], through the cache beside the pool ([`store::pool::cache`]): read
    /// when it fits the pool, written when it does not.
    Cached,
    /// A CSV pool straight from its bytes when it is regular, else as [`Method::Full`].
    Fast,
    /// The whole pool loaded into players and indexed with the data.
    Full,
}

/// What `find` found: the players to print, best first, and what the pool's reader said.
#[derive(Debug, Default)]
pub struct Found {
    pub players: Vec<Player>,
    /// Each player's name score, in the same order (0 for a filter-only query).
    pub scores: Vec<i64>,
    /// Rows skipped, `file:row:column: why`.
    pub skipped: Vec<String>,
    /// Rows kept with a field left unknown.
    pub warnings: Vec<String>,
}

/// Tabs and line breaks inside a field would break the columns.
fn cell(s: &str) -> String {
    if s.is_empty() {
        return "?".into();
    }
    s.replace(['\t', '\n', '\r'], " ")
}

/// Runs `find`. Exits 0 with matches, 1 with none (as `grep` does), 2 when the data or the pool
/// cannot be read. Rows a pool skipped or kept with a field unknown are listed on stderr.
pub fn run(args: Args, ctx: &Context, out: &mut dyn Write) -> Outcome {
    let ds = ctx.load_data()?;
    let on = ctx.planning_date(&ds);
    let text = args.query.join(" ");
    let money = crate::domain::MoneySettings::for_currency(ds.currency);
    let query = Query::parse(&text, &money).map_err(|e| format!("{e} in “{text}”"))?;
    let method = if args.no_cache {
        Method::Fast
    } else {
        Method::Cached
    };
    let found = if query.filters.is_empty() {
        search_words(&ds, ctx.pool.as_deref(), &query.words, args.limit, method)?
    } else {
        search_filtered(&ds, ctx.pool.as_deref(), &query, on, &money, args.limit)?
    };
    for p in &found.skipped {
        eprintln!("skipped: {}", super::sanitize::clean(p));
    }
    for w in &found.warnings {
        eprintln!("warning: {}", super::sanitize::clean(w));
    }
    let any = !found.players.is_empty();
    let printed = match args.format {
        super::args::TextOrJson::Text => print(&found.players, on, out),
        super::args::TextOrJson::Json => print_json(&found.players, on, out),
    };
    // The process ends right after: handing players back to the allocator one by one costs
    // more than the search.
    std::mem::forget(found);
    std::mem::forget(ds);
    match printed {
        Ok(()) => Ok(any),
        // `find .. | head` closing the pipe early is not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(any),
        Err(e) => Err(e.to_string()),
    }
}

/// The name words' best matches, and those of the words with German and Nordic letters written
/// out (`mueller` also as `muller`, as "Müller" folds), merged by score: every Müller and
/// Mueller before a name the words match only loosely.
fn search_words(
    ds: &Dataset,
    pool: Option<&Path>,
    words: &str,
    limit: usize,
    method: Method,
) -> Result<Found, String> {
    let mut found = search(ds, pool, words, limit, method)?;
    let Some(other) = crate::search::query::transliterated(words) else {
        return Ok(found);
    };
    let more = search(ds, pool, &other, limit, method)?;
    let mut all: Vec<(i64, usize, Player)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let a = found.players.drain(..).zip(found.scores.drain(..));
    let b = more.players.into_iter().zip(more.scores);
    for (order, (p, score)) in a.chain(b).enumerate() {
        all.push((score, order, p));
    }
    // A name holding every word whole, in either spelling, before a looser match: the variant
    // is shorter, so its fuzzy score alone would rank "Manuella Guerra" over "Thomas Müller".
    let whole = |p: &Player| {
        let name = fold(&p.name);
        let held = |q: &str| q.split_whitespace().all(|w| name.contains(w));
        held(&fold(words)) || held(&other)
    };
    all.sort_by_key(|(score, order, p)| (!whole(p), Reverse(*score), *order));
    for (score, _, p) in all {
        if seen.insert(p.id.clone()) {
            found.players.push(p);
            found.scores.push(score);
        }
    }
    if limit > 0 {
        found.players.truncate(limit);
        found.scores.truncate(limit);
    }
    found.warnings.extend(more.warnings);
    found.warnings.dedup();
    Ok(found)
}

/// Every player passing the query's filters at `on` (the data's, then the pool's in file
/// order), ranked by the name words when there are any; a filter no player can answer is said
/// on stderr and left out.
fn search_filtered(
    ds: &Dataset,
    pool: Option<&Path>,
    query: &Query,
    on: chrono::NaiveDate,
    money: &crate::domain::MoneySettings,
    limit: usize,
) -> Result<Found, String> {
    let mut found = Found::default();
    // The pool read on both cores a batch at a time, each batch filtered where it was read, so
    // only the players passing are kept. A value filter waits for the end: whether anyone has
    // a market value is known only then.
    let (early, value): (Vec<Filter>, Vec<Filter>) = query
        .filters
        .iter()
        .cloned()
        .partition(|f| !matches!(f, Filter::Value(_)));
    let any_value = std::sync::atomic::AtomicBool::new(false);
    let mut pool_players: Vec<Player> = Vec::new();
    if let Some(path) = pool {
        let known = KnownPeople::new(ds.squad.iter().chain(&ds.targets));
        let prepare = |mut b: store::pool::Batch| {
            if b.players.iter().any(|p| p.market_value.is_some()) {
                any_value.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            b.players.retain(|p| {
                crate::search::query::passes(&early, p, on, money) && known.find_player(p).is_none()
            });
            b
        };
        store::pool::stream_pool(path, 50_000, &prepare, &mut |step| {
            if let store::pool::PoolStep::Batch(b) = step {
                pool_players.extend(b.players);
                found.skipped.extend(b.problems);
                found.warnings.extend(b.warnings);
            }
        })
        .map_err(|e| e.to_string())?;
    }
    let everyone: Vec<&Player> = ds
        .squad
        .iter()
        .chain(&ds.targets)
        .chain(&pool_players)
        .collect();
    let mut q = query.clone();
    if any_value.load(std::sync::atomic::Ordering::Relaxed) {
        // Someone in the pool has a value: the filter can be answered.
        q.filters.retain(|f| !matches!(f, Filter::Value(_)));
    }
    let (mut filters, said) = q.unanswerable(everyone.iter().copied());
    if any_value.load(std::sync::atomic::Ordering::Relaxed) {
        filters.extend(value);
    }
    for s in said {
        eprintln!("note: {s}");
    }
    let passed: Vec<&Player> = everyone
        .into_iter()
        .filter(|p| crate::search::query::passes(&filters, p, on, money))
        .collect();
    if query.words.trim().is_empty() {
        let n = if limit == 0 { passed.len() } else { limit };
        for p in passed.iter().take(n) {
            found.players.push((*p).clone());
            found.scores.push(0);
        }
    } else {
        let index = SearchIndex::from_players(passed.iter().copied());
        let n = if limit == 0 { passed.len() } else { limit };
        let mut ranked = index.ranked(&query.words, n);
        if let Some(other) = crate::search::query::transliterated(&query.words) {
            ranked.extend(index.ranked(&other, n));
            ranked.sort_by_key(|&(i, score)| (Reverse(score), i));
            let mut seen = std::collections::HashSet::new();
            ranked.retain(|(i, _)| seen.insert(*i));
            ranked.truncate(n);
        }
        for (i, score) in ranked {
            found.players.push(passed[i].clone());
            found.scores.push(score);
        }
        std::mem::forget(index);
    }
    std::mem::forget(passed);
    std::mem::forget(pool_players);
    Ok(found)
}

/// The `limit` best matches of `query` (0: every match) among the data's players and the pool's.
/// A pool player who is one of the data's players is left out (he is listed as the data's).
pub fn search(
    ds: &Dataset,
    pool: Option<&Path>,
    query: &str,
    limit: usize,
    method: Method,
) -> Result<Found, String> {
    if let (Some(path), Method::Fast | Method::Cached) = (pool, method)
        && let Some(found) = search_fast(ds, path, query, limit, method == Method::Cached)?
    {
        return Ok(found);
    }
    search_full(ds, pool, query, limit)
}

/// The whole pool loaded, less the data's own players (listed as the data's); what its reader
/// said goes into `found`.
fn whole_pool(ds: &Dataset, pool: Option<&Path>, found: &mut Found) -> Result<Vec<Player>, String> {
    let Some(path) = pool else {
        return Ok(Vec::new());
    };
    let pool = store::pool::load_pool(path, |_| {}).map_err(|e| e.to_string())?;
    found.skipped = pool.problems;
    found.warnings = pool.warnings;
    let known = KnownPeople::new(ds.squad.iter().chain(&ds.targets));
    let mut players = pool.players;
    players.retain(|p| known.find_player(p).is_none());
    Ok(players)
}

fn search_full(
    ds: &Dataset,
    pool: Option<&Path>,
    query: &str,
    limit: usize,
) -> Result<Found, String> {
    let mut found = Found::default();
    let pool = whole_pool(ds, pool, &mut found)?;
    let players: Vec<&Player> = ds.squad.iter().chain(&ds.targets).chain(&pool).collect();
    let index = SearchIndex::from_players(players.iter().copied());
    let limit = if limit == 0 { players.len() } else { limit };
    for (i, score) in index.ranked(query, limit) {
        found.players.push(players[i].clone());
        found.scores.push(score);
    }
    std::mem::forget(index);
    std::mem::forget(players);
    std::mem::forget(pool);
    Ok(found)
}

/// `None` when the pool is not a CSV the fast reader takes.
fn search_fast(
    ds: &Dataset,
    path: &Path,
    query: &str,
    limit: usize,
    use_cache: bool,
) -> Result<Option<Found>, String> {
    let shown = path.display().to_string();
    let io = |e| store::StoreError::io(&shown, e).to_string();
    let file = std::fs::File::open(path).map_err(io)?;
    // Only a regular file of a known size is read whole here; anything else (`/dev/zero`, a
    // pipe) goes to the full reader, which bounds what it reads.
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() || meta.len() > store::csv_import::MAX_CSV_BYTES {
        return Ok(None);
    }
    let folded = fold(query.trim());
    if folded.trim().is_empty() {
        return Ok(None);
    }
    // Mapped but not filled in: the pool is read a window at a time and each let go once read.
    let mapped = store::pool::fast::Mapped::open_lazy(&file);
    let read;
    let bytes: &[u8] = match &mapped {
        Some(m) => m.bytes(),
        None => {
            read = std::fs::read(path).map_err(io)?;
            &read
        }
    };
    if PoolFormat::detect(path, &bytes[..bytes.len().min(256)]) != PoolFormat::Csv
        || bytes.len() as u64 > store::csv_import::MAX_CSV_BYTES
    {
        return Ok(None);
    }
    let known = KnownPeople::new(ds.squad.iter().chain(&ds.targets));
    let pages = mapped.as_ref();
    // Each row scored as it is read; no index.
    let scan = || {
        let keep = |id: u64, f: &store::csv_import::Fields, name: &str, alias: Option<&str>| {
            let names = std::iter::once(name).chain(alias);
            known
                .find(&format!("tm-{id}"), names, f.born, f.club)
                .is_none()
        };
        let best = store::pool::fast::find(&shown, bytes, pages, &folded, limit, &keep);
        if let Some(m) = &mapped {
            m.check(&shown).map_err(|e| e.to_string())?;
        }
        best.map_err(|e| e.to_string())
    };
    // A cache that says of a row what the pool does not hold is no cache: gone, so the next
    // search writes it anew, and this one reads the pool.
    let untrue = || {
        if let Some(c) = store::pool::cache::path_for(path) {
            let _ = std::fs::remove_file(c);
        }
    };
    let (best, said) = if use_cache && bytes.len() as u64 >= store::pool::cache::CACHE_ABOVE {
        match through_cache(&shown, path, bytes, &meta, pages, &known, &folded, limit)? {
            Cached::Answered(best, said) => (best.map(|b| *b), Some(said)),
            Cached::Untrue => {
                untrue();
                (scan()?, None)
            }
        }
    } else {
        (scan()?, None)
    };
    let Some(mut best) = best else {
        if let Some(m) = &mapped {
            m.check(&shown).map_err(|e| e.to_string())?;
        }
        return Ok(None);
    };
    let mut players = best.players(bytes, pages);
    if let (Some(said), Some(got)) = (&said, &players)
        && !said.holds(got)
    {
        untrue();
        match scan()? {
            Some(b) => best = b,
            None => return Ok(None),
        }
        players = best.players(bytes, pages);
    }
    // What was read is the pool only if it did not change meanwhile (cut short under the
    // mapping, its later pages read as zeros).
    if let Some(m) = &mapped {
        m.check(&shown).map_err(|e| e.to_string())?;
    }
    let Some(players) = players else {
        return Ok(None);
    };
    // The data's players come first in the full search's order, the pool's after them.
    let data: Vec<&Player> = ds.squad.iter().chain(&ds.targets).collect();
    let index = SearchIndex::from_players(data.iter().copied());
    let mut ranked: Vec<(i64, usize, Player)> = index
        .ranked(query, if limit == 0 { data.len() } else { limit })
        .into_iter()
        .map(|(i, score)| (score, i, data[i].clone()))
        .collect();
    ranked.extend(
        best.top
            .iter()
            .zip(players)
            .enumerate()
            .map(|(k, (&(score, _), p))| (score, data.len() + k, p)),
    );
    // Stable: the pool's own order (file order among equals) is kept.
    ranked.sort_by_key(|&(score, order, _)| (Reverse(score), order));
    if limit > 0 {
        ranked.truncate(limit);
    }
    let scores = ranked.iter().map(|(s, _, _)| *s).collect();
    Ok(Some(Found {
        players: ranked.into_iter().map(|(_, _, p)| p).collect(),
        scores,
        skipped: Vec::new(),
        warnings: best.warnings,
    }))
}

/// What the cache answered.
enum Cached {
    /// The best matches (`None`: the pool needs the full reader), and what the cache says of
    /// each: to be checked against the players read from the pool.
    Answered(Option<Box<store::pool::fast::Best>>, Said),
    /// A row it named does not start a line of the pool: a forged or mistaken cache.
    Untrue,
}

/// What the cache says of the rows it answered with, best first: each one's id and the names
/// its index scored (folded, one after another).
#[derive(Default)]
struct Said {
    ids: Vec<u64>,
    names: String,
    /// Where each row's names end in `names`, and how many it has.
    ends: Vec<(usize, u8)>,
}

impl Said {
    fn of(pool: &store::pool::fast::Scanned, top: &[(usize, i64)]) -> Said {
        let mut said = Said::default();
        for &(row, _) in top {
            said.ids.push(pool.ids[row]);
            let mut n = 0u8;
            for name in pool.index.names(row) {
                said.names.push_str(name);
                n = n.saturating_add(1);
            }
            said.ends.push((said.names.len(), n));
        }
        said
    }

    /// Whether `players` (read from the pool's lines, best first) are the rows the cache
    /// named: each with its id and, folded, the names it was scored by.
    fn holds(&self, players: &[Player]) -> bool {
        players.len() == self.ids.len()
            && players.iter().enumerate().all(|(k, p)| {
                let from = k.checked_sub(1).map_or(0, |j| self.ends[j].0);
                let (to, n) = self.ends[k];
                let names = std::iter::once(&p.name).chain(p.aliases.first());
                let folded = names
                    .clone()
                    .flat_map(|n| n.chars().map(crate::search::fold_char));
                p.id.as_str()
                    .strip_prefix("tm-")
                    .and_then(|n| n.parse::<u64>().ok())
                    == Some(self.ids[k])
                    && names.count() == usize::from(n)
                    && self.names[from..to].chars().eq(folded)
            })
    }
}

/// The pool's best matches through the cache beside it: read when it fits the pool, else the
/// pool indexed and the cache written.
#[allow(clippy::too_many_arguments)]
fn through_cache(
    shown: &str,
    path: &Path,
    bytes: &[u8],
    meta: &std::fs::Metadata,
    pages: Option<&store::pool::fast::Mapped>,
    known: &KnownPeople,
    folded: &str,
    limit: usize,
) -> Result<Cached, String> {
    let Some(pool) =
        store::pool::cache::open(shown, path, bytes, meta, pages).map_err(|e| e.to_string())?
    else {
        return Ok(Cached::Answered(None, Said::default()));
    };
    // A pool player who is one of the data's players is left out: most rows are told apart by
    // id and name alone; the few that might be are read again for birth date and club.
    let mut keep = |row: usize| {
        let id = format!("tm-{}", pool.ids[row]);
        if !known.might_know(&id, pool.index.names(row)) {
            return true;
        }
        pool.with_row(bytes, row, |f, name, alias| {
            let names = std::iter::once(name).chain(alias);
            known.find(&id, names, f.born, f.club).is_none()
        })
        .unwrap_or(true)
    };
    let pool_limit = if limit == 0 { pool.index.len() } else { limit };
    let top = pool.index.ranked_where(folded, pool_limit, &mut keep);
    // The rows to print are read anyway: each is checked to start a line now, and once read
    // to be what the index scored ([`Said::holds`]).
    let starts_a_line = |row: usize| {
        usize::try_from(pool.lines[row])
            .is_ok_and(|at| at < bytes.len() && (at == 0 || bytes[at - 1] == b'\n'))
    };
    if !top.iter().all(|&(row, _)| starts_a_line(row)) {
        return Ok(Cached::Untrue);
    }
    let said = Said::of(&pool, &top);
    // The index has answered: its memory goes back before the players printed are built.
    Ok(Cached::Answered(
        pool.into_best(&top, shown).map(Box::new),
        said,
    ))
}

fn print(players: &[Player], on: chrono::NaiveDate, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(out);
    for p in players {
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

fn print_json(
    players: &[Player],
    on: chrono::NaiveDate,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let rows: Vec<super::typed::Person> = players
        .iter()
        .map(|p| super::typed::Person::of(p, on))
        .collect();
    let mut w = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut w, &rows)?;
    writeln!(w)?;
    w.flush()
}
