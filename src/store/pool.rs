//! A scouting pool: many players (a whole league, 100k from a Transfermarkt dump) searchable
//! beside the targets. Loaded from CSV in Transfermarkt's columns or from RON
//! (`Pool(players: [Player(..)])`), on a background thread if the caller likes: everything here
//! is `Send`, and progress is reported as it goes.

pub mod cache;
pub mod fast;
mod mapped;

use super::csv_import::{CsvOptions, MAX_CSV_BYTES, MAX_NAME_BYTES, PROGRESS_EVERY, read_players};
use super::ron_file::{MAX_FILE_BYTES, StoreError, line_col, read_text};
use crate::domain::{Fee, Foot, Player, PlayerId, Position};
use chrono::NaiveDate;
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserializer, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where a load has got to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Players (CSV: rows) read so far.
    pub loaded: usize,
    /// Bytes of the file read so far; a RON file is read whole before parsing starts.
    pub bytes: u64,
    /// The file's size.
    pub total_bytes: u64,
    /// How many players the file holds, when that is known before the end (a CSV read on both
    /// cores counts its lines first).
    pub expected: Option<usize>,
}

impl Progress {
    /// 0.0 ..= 1.0, by bytes.
    pub fn fraction(&self) -> f64 {
        if self.total_bytes == 0 {
            1.0
        } else {
            (self.bytes as f64 / self.total_bytes as f64).min(1.0)
        }
    }

    /// How many players the whole file will give, roughly: counted, else reckoned from the
    /// share of bytes read so far; `None` before anything is read.
    pub fn estimate(&self) -> Option<usize> {
        self.expected.or_else(|| {
            let f = self.fraction();
            (f > 0.0 && self.loaded > 0).then(|| (self.loaded as f64 / f).round() as usize)
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolFormat {
    Csv,
    Ron,
}

impl PoolFormat {
    /// By extension; otherwise a file starting with `Pool` or `(` is RON, anything else CSV.
    pub fn detect(path: &Path, head: &[u8]) -> PoolFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("csv") => return PoolFormat::Csv,
            Some(e) if e.eq_ignore_ascii_case("ron") => return PoolFormat::Ron,
            _ => {}
        }
        let text = String::from_utf8_lossy(head);
        let start = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("//"))
            .unwrap_or("");
        if start.starts_with("Pool") || start.starts_with('(') {
            PoolFormat::Ron
        } else {
            PoolFormat::Csv
        }
    }
}

/// A loaded pool: its players, what was skipped (with file:row:column or file:line:col), and
/// the rows kept with a field left unknown.
#[derive(Debug, Clone)]
pub struct Pool {
    pub source: PathBuf,
    pub players: Vec<Player>,
    pub problems: Vec<String>,
    pub warnings: Vec<String>,
    /// The CSV row of each player, in `players` order (empty for a RON pool).
    pub rows: Vec<u64>,
}

/// Consecutive players of a pool, in file order: what [`stream_pool`] hands over at a time.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub players: Vec<Player>,
    /// The CSV row of each player, in `players` order (empty for a RON pool).
    pub rows: Vec<u64>,
    /// Rows skipped (with file:row:column or file:line:col), up to the next batch's rows.
    pub problems: Vec<String>,
    /// Rows of this batch kept with a field left unknown.
    pub warnings: Vec<String>,
}

impl From<fast::Chunk> for Batch {
    fn from(c: fast::Chunk) -> Batch {
        Batch {
            rows: c.rows().collect(),
            players: c.players,
            problems: Vec::new(),
            warnings: c.warnings,
        }
    }
}

/// What [`stream_pool`] hands its caller, in order.
pub enum PoolStep<T> {
    Progress(Progress),
    /// The next players, as `prepare` made them.
    Batch(T),
}

/// Loads a pool, calling `progress` as it goes (every few thousand players, and at the end).
/// A file that cannot be read or parsed at all is an error; a bad CSV row is a problem and is
/// skipped; a player id seen twice keeps its first player.
pub fn load_pool(path: &Path, mut progress: impl FnMut(Progress)) -> Result<Pool, StoreError> {
    let mut pool = Pool {
        source: path.to_path_buf(),
        players: Vec::new(),
        problems: Vec::new(),
        warnings: Vec::new(),
        rows: Vec::new(),
    };
    stream_pool(path, usize::MAX, &|b| b, &mut |step| match step {
        PoolStep::Progress(p) => progress(p),
        PoolStep::Batch(b) => {
            if pool.players.is_empty() {
                pool.players = b.players;
            } else {
                pool.players.extend(b.players);
            }
            pool.rows.extend(b.rows);
            pool.problems.extend(b.problems);
            pool.warnings.extend(b.warnings);
        }
    })?;
    Ok(pool)
}

/// Loads a pool a batch of about `batch_rows` players at a time, in file order: each batch is
/// handed to `prepare` (on whichever thread read it: a regular CSV is read on both cores) and
/// what that makes goes to `on`, on the calling thread, with progress between. The batches
/// together hold what [`load_pool`] gives. A file that cannot be read or parsed at all is an
/// error, possibly after some batches were handed over.
pub fn stream_pool<T: Send>(
    path: &Path,
    batch_rows: usize,
    prepare: &(dyn Fn(Batch) -> T + Sync),
    on: &mut dyn FnMut(PoolStep<T>),
) -> Result<(), StoreError> {
    let shown = path.display().to_string();
    let total_bytes = std::fs::metadata(path)
        .map_err(|e| StoreError::io(&shown, e))?
        .len();
    let mut head = [0u8; 256];
    let format = {
        use std::io::Read;
        let n = std::fs::File::open(path)
            .and_then(|mut f| f.read(&mut head))
            .map_err(|e| StoreError::io(&shown, e))?;
        PoolFormat::detect(path, &head[..n])
    };
    let progress = |loaded: usize, bytes: u64, expected: Option<usize>| Progress {
        loaded,
        bytes,
        total_bytes,
        expected,
    };
    on(PoolStep::Progress(progress(0, 0, None)));
    match format {
        PoolFormat::Csv => {
            if total_bytes > MAX_CSV_BYTES {
                return Err(StoreError::invalid(
                    &shown,
                    format!(
                        "larger than {} MiB; refusing to load it",
                        MAX_CSV_BYTES >> 20
                    ),
                ));
            }
            let file = std::fs::File::open(path).map_err(|e| StoreError::io(&shown, e))?;
            // A regular file is read on both cores straight from its mapped bytes; from a row
            // that reader does not take (a quoted line break, a row to skip) the full one goes on.
            let mut from_row = 2;
            if file.metadata().is_ok_and(|m| m.is_file())
                && let Some(mapped) = fast::Mapped::open_lazy(&file)
            {
                // A batch read from a file cut short or rewritten under the mapping is not
                // handed on: the load fails with what had arrived before it.
                let got = fast::load_chunks(
                    &shown,
                    mapped.bytes(),
                    Some(&mapped),
                    batch_rows,
                    &|chunk| prepare(Batch::from(chunk)),
                    &mut |step| match step {
                        fast::Step::Progress { rows, bytes, total } => on(PoolStep::Progress(
                            progress(rows as usize, bytes, Some(total as usize)),
                        )),
                        fast::Step::Chunk(t) if mapped.intact() => on(PoolStep::Batch(t)),
                        fast::Step::Chunk(_) => {}
                    },
                );
                mapped.check(&shown)?;
                match got? {
                    Some(fast::Streamed::Whole) => return Ok(()),
                    Some(fast::Streamed::From(row)) => from_row = row,
                    None => {}
                }
            }
            let reader = std::io::BufReader::with_capacity(256 * 1024, file);
            let options = CsvOptions {
                total_bytes: Some(total_bytes),
                ..CsvOptions::default()
            };
            // Progress only forward: the rows handed over already are read again.
            let mut furthest = 0;
            let got = read_players(&shown, reader, &options, |rows, bytes| {
                if bytes >= furthest {
                    furthest = bytes;
                    on(PoolStep::Progress(progress(rows as usize, bytes, None)));
                }
            })?;
            let rest = got.player_rows.partition_point(|&r| r < from_row);
            let players = got.players.into_iter().zip(got.player_rows).skip(rest);
            let mut problems = got
                .problems
                .into_iter()
                .filter(|p| p.row >= from_row)
                .peekable();
            let mut warnings = got
                .warnings
                .into_iter()
                .filter(|p| p.row >= from_row)
                .peekable();
            let mut players = players.peekable();
            loop {
                let mut batch = Batch::default();
                for (p, row) in players.by_ref().take(batch_rows.max(1)) {
                    batch.players.push(p);
                    batch.rows.push(row);
                }
                // What was said of rows up to the next batch's first.
                let until = players.peek().map_or(u64::MAX, |(_, row)| *row);
                while let Some(p) = problems.next_if(|p| p.row < until) {
                    batch.problems.push(p.to_string());
                }
                while let Some(w) = warnings.next_if(|w| w.row < until) {
                    batch.warnings.push(w.to_string());
                }
                let last = players.peek().is_none();
                if !(batch.players.is_empty()
                    && batch.problems.is_empty()
                    && batch.warnings.is_empty())
                {
                    on(PoolStep::Batch(prepare(batch)));
                }
                if last {
                    return Ok(());
                }
            }
        }
        PoolFormat::Ron => {
            let text = read_text(path)?;
            let players = parse_pool_ron(&shown, &text, |loaded| {
                on(PoolStep::Progress(progress(loaded, total_bytes, None)))
            })?;
            let (players, mut problems) = drop_duplicates(&shown, &text, players);
            drop(text);
            let count = players.len();
            let mut players = players.into_iter().peekable();
            loop {
                let batch = Batch {
                    players: players.by_ref().take(batch_rows.max(1)).collect(),
                    rows: Vec::new(),
                    problems: std::mem::take(&mut problems),
                    warnings: Vec::new(),
                };
                if !(batch.players.is_empty() && batch.problems.is_empty()) {
                    on(PoolStep::Batch(prepare(batch)));
                }
                if players.peek().is_none() {
                    break;
                }
            }
            on(PoolStep::Progress(progress(
                count,
                total_bytes,
                Some(count),
            )));
            Ok(())
        }
    }
}

/// Keeps the first player of each id; later ones are reported at their line and column.
/// Works in place: a second 100k `Vec<Player>` would double the peak memory.
fn drop_duplicates(
    shown: &str,
    text: &str,
    mut players: Vec<Player>,
) -> (Vec<Player>, Vec<String>) {
    let mut problems = Vec::new();
    let mut dropped = vec![false; players.len()];
    {
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(players.len());
        for (i, p) in players.iter().enumerate() {
            // A name as the CSV readers take one: a few hundred bytes, one line of text.
            let bad_name = if p.name.len() > MAX_NAME_BYTES {
                Some(format!(
                    "{} bytes, longer than a name can be ({MAX_NAME_BYTES})",
                    p.name.len()
                ))
            } else if p.name.chars().any(char::is_control) {
                Some(format!(
                    "`{}` holds a control character (a line break, tab or escape)",
                    p.name.escape_debug()
                ))
            } else {
                None
            };
            if let Some(why) = bad_name {
                dropped[i] = true;
                let needle = format!("id: \"{}\"", p.id);
                problems.push(match text.find(&needle).map(|at| line_col(text, at + 4)) {
                    Some((l, c)) => {
                        format!("{shown}:{l}:{c}: player `{}`: name {why}; skipped", p.id)
                    }
                    None => format!("{shown}: player `{}`: name {why}; skipped", p.id),
                });
                continue;
            }
            let Some(times) = seen.get_mut(p.id.as_str()) else {
                seen.insert(p.id.as_str(), 1);
                continue;
            };
            dropped[i] = true;
            // The id's text appears once per player holding it.
            let needle = format!("id: \"{}\"", p.id);
            let place = text
                .match_indices(&needle)
                .nth(*times)
                .map(|(at, _)| line_col(text, at + 4));
            problems.push(match place {
                Some((l, c)) => format!("{shown}:{l}:{c}: duplicate player id `{}`; skipped", p.id),
                None => format!("{shown}: duplicate player id `{}`; skipped", p.id),
            });
            *times += 1;
        }
    }
    if !problems.is_empty() {
        let mut i = 0;
        players.retain(|_| {
            i += 1;
            !dropped[i - 1]
        });
    }
    (players, problems)
}

/// Parses `Pool(players: [..])`, counting players as they come.
pub fn parse_pool_ron(
    file: &str,
    text: &str,
    progress: impl FnMut(usize),
) -> Result<Vec<Player>, StoreError> {
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    // Serde's sequences carry no length; growing a 100k Vec by doubling would briefly hold
    // two copies, so count the players first (a fast scan) and allocate once.
    let expected = text.matches("Player(").count();
    let seed = PoolSeed { progress, expected };
    options
        .from_str_seed(text, seed)
        .map_err(|e| StoreError::Parse {
            file: file.to_string(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: match e.code {
                ron::Error::ExceededRecursionLimit => {
                    format!("nested deeper than {RECURSION_LIMIT} levels")
                }
                other => other.to_string(),
            },
        })
}

/// As for every other RON file: nesting deeper than this is an error, not a stack overflow.
const RECURSION_LIMIT: usize = 64;

struct PoolSeed<F> {
    progress: F,
    expected: usize,
}

impl<'de, F: FnMut(usize)> DeserializeSeed<'de> for PoolSeed<F> {
    type Value = Vec<Player>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Player>, D::Error> {
        d.deserialize_struct("Pool", &["players"], self)
    }
}

impl<'de, F: FnMut(usize)> Visitor<'de> for PoolSeed<F> {
    type Value = Vec<Player>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("Pool(players: [Player(..), ..])")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Vec<Player>, A::Error> {
        let mut players = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "players" if players.is_none() => {
                    players = Some(map.next_value_seed(PlayersSeed {
                        progress: &mut self.progress,
                        expected: self.expected,
                    })?);
                }
                "players" => return Err(serde::de::Error::duplicate_field("players")),
                other => return Err(serde::de::Error::unknown_field(other, &["players"])),
            }
        }
        Ok(players.unwrap_or_default())
    }
}

struct PlayersSeed<'a, F> {
    progress: &'a mut F,
    expected: usize,
}

impl<'de, F: FnMut(usize)> DeserializeSeed<'de> for PlayersSeed<'_, F> {
    type Value = Vec<Player>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Player>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(usize)> Visitor<'de> for PlayersSeed<'_, F> {
    type Value = Vec<Player>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of Player(..)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Player>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(self.expected));
        while let Some(p) = seq.next_element::<Player>()? {
            out.push(p);
            if (out.len() as u64).is_multiple_of(PROGRESS_EVERY) {
                (self.progress)(out.len());
            }
        }
        Ok(out)
    }
}

/// A player written the short way: fields left unknown are left out (the reader defaults them),
/// so an imported squad or a pool reads like a hand-written one.
#[derive(Debug, Clone, Copy)]
pub struct PlayerOut<'a>(pub &'a Player);

#[derive(Serialize)]
#[serde(rename = "Player")]
struct PlayerFields<'a> {
    id: &'a PlayerId,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    known_as: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: &'a [String],
    club: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<Position>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    secondary: &'a [Position],
    #[serde(skip_serializing_if = "Option::is_none")]
    born: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reported_age: Option<crate::domain::ReportedAge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nationality: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    foot: Option<Foot>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contract_until: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    market_value: Option<Fee>,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<u8>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    injuries: &'a [crate::domain::Injury],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    notes: &'a [crate::domain::player::Note],
}

impl Serialize for PlayerOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        PlayerFields {
            id: &p.id,
            name: &p.name,
            known_as: p.known_as.as_deref(),
            aliases: &p.aliases,
            club: &p.club,
            position: p.position,
            secondary: &p.secondary,
            born: p.born,
            reported_age: p.reported_age,
            nationality: p.nationality.as_deref(),
            foot: p.foot,
            contract_until: p.contract_until,
            market_value: p.market_value,
            number: p.number,
            injuries: &p.injuries,
            notes: &p.notes,
        }
        .serialize(s)
    }
}

/// Pools are refused above this size (RON is read whole).
pub const MAX_RON_POOL_BYTES: u64 = MAX_FILE_BYTES;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ron_pool_error_names_line_and_column_and_duplicates_are_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        std::fs::write(
            &path,
            "Pool(players: [\n  Player(id: \"a\", name: \"A\", club: \"C\"),\n  Player(id: \"b\", name: \"B\", club: \"C\", position: Some(XX)),\n])",
        )
        .expect("write");
        let err = load_pool(&path, |_| {}).expect_err("bad position");
        assert!(
            err.to_string()
                .starts_with(&format!("{}:3:", path.display())),
            "{err}"
        );

        std::fs::write(
            &path,
            "// a pool\nPool(players: [\n  Player(id: \"a\", name: \"A\", club: \"C\"),\n  Player(id: \"a\", name: \"A2\", club: \"C\"),\n])",
        )
        .expect("write");
        let pool = load_pool(&path, |_| {}).expect("loads");
        assert_eq!(pool.players.len(), 1);
        assert_eq!(pool.players[0].name, "A");
        assert_eq!(
            pool.problems,
            vec![format!(
                "{}:4:14: duplicate player id `a`; skipped",
                path.display()
            )]
        );
    }

    /// Issue 23, items 9 and 11, for a RON pool: a name with a line break, or longer than a
    /// name can be, skips its player with the place of his id (as the CSV readers do).
    #[test]
    fn a_ron_pool_player_with_an_impossible_name_is_skipped_at_his_place() {
        let long = "x".repeat(MAX_NAME_BYTES + 1);
        let text = format!(
            "Pool(players: [\n  Player(id: \"a\", name: \"Ann\\n3. Erling Haaland\", club: \"X\"),\n  Player(id: \"b\", name: \"{long}\", club: \"X\"),\n  Player(id: \"c\", name: \"Cy\", club: \"X\"),\n])"
        );
        let players = parse_pool_ron("p.ron", &text, |_| {}).expect("parses");
        let (kept, problems) = drop_duplicates("p.ron", &text, players);
        let names: Vec<&str> = kept.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Cy"]);
        assert_eq!(
            problems,
            vec![
                "p.ron:2:14: player `a`: name `Ann\\n3. Erling Haaland` holds a control character \
                 (a line break, tab or escape); skipped"
                    .to_string(),
                format!(
                    "p.ron:3:14: player `b`: name {} bytes, longer than a name can be (300); skipped",
                    MAX_NAME_BYTES + 1
                ),
            ]
        );
    }

    #[test]
    fn format_is_told_by_extension_or_content() {
        let p = Path::new("pool");
        assert_eq!(
            PoolFormat::detect(p, b"// x\nPool(players: [])"),
            PoolFormat::Ron
        );
        assert_eq!(PoolFormat::detect(p, b"player_id,name\n"), PoolFormat::Csv);
        assert_eq!(
            PoolFormat::detect(Path::new("x.CSV"), b"Pool("),
            PoolFormat::Csv
        );
    }
}
