//! Reading players from a CSV in the columns of the public Transfermarkt `players.csv`
//! (`player_id`, `name`, `current_club_name`, `date_of_birth`, `sub_position`, ...).
//!
//! Unknown columns are ignored and a missing optional column leaves its field unknown. A missing
//! required column stops the read with a message naming the file and the column. A bad row is
//! reported with its row (as a spreadsheet counts them: the header is row 1) and column, and
//! skipped; every other row is still read.

use super::ron_file::StoreError;
use crate::domain::{Currency, Fee, Foot, Player, Position};
use chrono::{NaiveDate, NaiveTime};
use std::collections::HashMap;
use std::fmt;
use std::io::Read;

/// A CSV larger than this is refused before parsing (the whole Transfermarkt dump is ~10 MiB).
pub const MAX_CSV_BYTES: u64 = 1024 * 1024 * 1024;

/// How often (in rows) the progress callback is called.
pub const PROGRESS_EVERY: u64 = 4096;

/// One bad row: where (file, row, column) and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub file: String,
    /// 1-based, the header being row 1.
    pub row: u64,
    /// `None` when the whole row is at fault (wrong number of fields).
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(f, "{}:{}:{}: {}", self.file, self.row, c, self.message),
            None => write!(f, "{}:{}: {}", self.file, self.row, self.message),
        }
    }
}

/// The columns this reader understands, by their Transfermarkt names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Col {
    PlayerId,
    Name,
    FirstName,
    LastName,
    Club,
    Citizenship,
    Born,
    Position,
    SubPosition,
    Foot,
    MarketValue,
    ContractUntil,
}

impl Col {
    const ALL: [Col; 12] = [
        Col::PlayerId,
        Col::Name,
        Col::FirstName,
        Col::LastName,
        Col::Club,
        Col::Citizenship,
        Col::Born,
        Col::Position,
        Col::SubPosition,
        Col::Foot,
        Col::MarketValue,
        Col::ContractUntil,
    ];

    pub(crate) fn header(self) -> &'static str {
        match self {
            Col::PlayerId => "player_id",
            Col::Name => "name",
            Col::FirstName => "first_name",
            Col::LastName => "last_name",
            Col::Club => "current_club_name",
            Col::Citizenship => "country_of_citizenship",
            Col::Born => "date_of_birth",
            Col::Position => "position",
            Col::SubPosition => "sub_position",
            Col::Foot => "foot",
            Col::MarketValue => "market_value_in_eur",
            Col::ContractUntil => "contract_expiration_date",
        }
    }
}

/// What the reader is for: a club import needs the club column, a scouting pool does not.
#[derive(Debug, Clone, Default)]
pub struct CsvOptions {
    /// Stop when `current_club_name` is missing.
    pub require_club: bool,
    /// Keep only rows whose `current_club_name` is exactly this (other rows are not checked).
    pub only_club: Option<String>,
    /// The file's size, when known: room for all its players is then made once.
    pub total_bytes: Option<u64>,
}

/// The players read from a CSV, the rows that were skipped and why, and the rows that were kept
/// with a field left unknown.
#[derive(Debug, Clone, Default)]
pub struct CsvPlayers {
    pub players: Vec<Player>,
    /// Why rows were skipped: a missing or wrong id or name, a row of the wrong width, an id
    /// seen before. A row with two wrong required fields has two problems.
    pub problems: Vec<RowProblem>,
    /// Rows kept with an optional field left unknown (a foot of `-`, a date that is not one).
    pub warnings: Vec<RowProblem>,
    /// Rows skipped, each counted once however many of its fields were wrong.
    pub skipped: u64,
    /// Data rows read (header not counted), kept or not.
    pub rows: u64,
    /// The row each player was read from, in `players` order (for messages about him later).
    pub player_rows: Vec<u64>,
}

/// Column positions found in a header.
pub(crate) struct Columns {
    at: [Option<usize>; Col::ALL.len()],
    pub(crate) width: usize,
}

impl Columns {
    pub(crate) fn from_header(file: &str, header: &csv::ByteRecord) -> Result<Columns, StoreError> {
        let mut at = [None; Col::ALL.len()];
        for (i, raw) in header.iter().enumerate() {
            let name = String::from_utf8_lossy(raw);
            // A UTF-8 byte-order mark sticks to the first header written by spreadsheets.
            let name = name
                .trim_start_matches('\u{feff}')
                .trim()
                .to_ascii_lowercase();
            if let Some(c) = Col::ALL.iter().find(|c| c.header() == name) {
                at[*c as usize].get_or_insert(i);
            }
        }
        let cols = Columns {
            at,
            width: header.len(),
        };
        for required in [Col::PlayerId, Col::Name] {
            cols.require(file, header, required)?;
        }
        Ok(cols)
    }

    fn require(&self, file: &str, header: &csv::ByteRecord, col: Col) -> Result<(), StoreError> {
        if self.at[col as usize].is_some() {
            return Ok(());
        }
        let found: Vec<String> = header
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().to_string())
            .collect();
        Err(StoreError::invalid(
            file,
            format!(
                "missing required column `{}` in the header (row 1); columns found: {}",
                col.header(),
                if found.iter().all(|f| f.is_empty()) {
                    "none".to_string()
                } else {
                    found.join(", ")
                }
            ),
        ))
    }

    fn index(&self, col: Col) -> Option<usize> {
        self.at[col as usize]
    }
}

/// One row being read: the raw cell of every column this reader knows, and what is wrong.
pub(crate) struct Row<'a> {
    cells: [Option<&'a [u8]>; Col::ALL.len()],
    /// The cells as text, when the whole line was checked to be UTF-8 at once.
    texts: Option<[Option<&'a str>; Col::ALL.len()]>,
    /// Problems with a required field (id, name): the row is skipped.
    pub(crate) errors: Vec<(Col, String)>,
    /// Problems with an optional field: the row is kept with that field unknown.
    pub(crate) warnings: Vec<(Col, String)>,
}

impl<'a> Row<'a> {
    /// A row from its cells, `cell(i)` being the `i`th field.
    pub(crate) fn new(cols: &Columns, cell: impl Fn(usize) -> Option<&'a [u8]>) -> Row<'a> {
        let mut cells = [None; Col::ALL.len()];
        for (slot, at) in cells.iter_mut().zip(&cols.at) {
            *slot = at.and_then(&cell);
        }
        Row {
            cells,
            texts: None,
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// A row of text already checked to be UTF-8, `cell(i)` being the `i`th field.
    pub(crate) fn from_text(cols: &Columns, cell: impl Fn(usize) -> Option<&'a str>) -> Row<'a> {
        let mut texts = [None; Col::ALL.len()];
        for (slot, at) in texts.iter_mut().zip(&cols.at) {
            *slot = at.and_then(&cell);
        }
        Row {
            cells: [None; Col::ALL.len()],
            texts: Some(texts),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn complain(&mut self, col: Col, message: String) {
        let message = super::ron_file::clip_quotes(&message);
        if matches!(col, Col::PlayerId | Col::Name) {
            self.errors.push((col, message));
        } else {
            self.warnings
                .push((col, format!("{message}; left unknown")));
        }
    }

    /// The trimmed text of a column; `None` when the column is absent or the cell empty.
    fn text(&mut self, col: Col) -> Option<&'a str> {
        if let Some(texts) = &self.texts {
            let s = texts[col as usize]?;
            // Most cells start and end with a printable ASCII byte: nothing to trim.
            let b = s.as_bytes();
            let s = match (b.first(), b.last()) {
                (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => s,
                _ => s.trim(),
            };
            return (!s.is_empty()).then_some(s);
        }
        let raw = self.cells[col as usize]?;
        match std::str::from_utf8(raw) {
            Ok(s) => {
                let s = s.trim();
                (!s.is_empty()).then_some(s)
            }
            Err(_) => {
                self.complain(col, "not valid UTF-8".into());
                None
            }
        }
    }

    fn parse<T>(&mut self, col: Col, f: impl FnOnce(&str) -> Result<T, String>) -> Option<T> {
        let s = self.text(col)?;
        match f(s) {
            Ok(v) => Some(v),
            Err(message) => {
                self.complain(col, message);
                None
            }
        }
    }
}

/// "2026-06-30", or with a time of day as Transfermarkt writes it: "2026-06-30 00:00:00".
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let bad = || format!("`{s}` is not a date (YYYY-MM-DD)");
    // Both are ASCII: a byte search finds the same place, without decoding chars.
    let (day, rest) = match s.bytes().position(|b| b == b' ' || b == b'T') {
        Some(i) => (&s[..i], Some(s[i + 1..].trim())),
        None => (s, None),
    };
    // By hand: chrono's format parser is most of the time of reading a 100k-row pool.
    let b = day.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter().all(u8::is_ascii_digit).then(|| {
            part.iter()
                .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'))
        })
    };
    let date = match (b.len(), b.get(4), b.get(7)) {
        (10, Some(b'-'), Some(b'-')) => match (num(0..4), num(5..7), num(8..10)) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d),
            _ => None,
        },
        _ => None,
    }
    .ok_or_else(bad)?;
    if let Some(time) = rest
        && !is_midnight(time)
        && NaiveTime::parse_from_str(time, "%H:%M:%S%.f").is_err()
        && NaiveTime::parse_from_str(time, "%H:%M").is_err()
    {
        return Err(bad());
    }
    Ok(date)
}

/// Transfermarkt's midnight, checked without chrono's format parser.
fn is_midnight(time: &str) -> bool {
    time == "00:00:00"
}

/// Whole euros: "45000000" or "45000000.0" (the dump writes floats).
fn parse_money(s: &str) -> Result<u64, String> {
    if let Ok(n) = s.parse::<u64>() {
        return Ok(n);
    }
    match s.parse::<f64>() {
        Ok(f) if (0.0..1e15).contains(&f) => Ok(f.round() as u64),
        Ok(_) => Err(format!("`{s}` is not an amount in euros")),
        Err(_) => Err(format!("`{s}` is not a number")),
    }
}

fn parse_foot(s: &str) -> Result<Foot, String> {
    // Compared in place: lower-casing a copy was a good part of reading a pool's row.
    if s.eq_ignore_ascii_case("right") {
        Ok(Foot::Right)
    } else if s.eq_ignore_ascii_case("left") {
        Ok(Foot::Left)
    } else if s.eq_ignore_ascii_case("both") {
        Ok(Foot::Both)
    } else {
        Err(format!("`{s}` is not a foot (right, left or both)"))
    }
}

/// Transfermarkt's detailed position. There is no wide midfielder on our board, so a left or
/// right midfielder stands as a winger on his side.
pub fn map_sub_position(s: &str) -> Option<Position> {
    // Its letters and digits, lower-cased, on the stack (no name in the table is longer).
    let mut buf = [0u8; 24];
    let mut n = 0;
    for b in s.bytes().filter(u8::is_ascii_alphanumeric) {
        let Some(slot) = buf.get_mut(n) else {
            return Position::parse(s);
        };
        *slot = b.to_ascii_lowercase();
        n += 1;
    }
    let p = match &buf[..n] {
        b"goalkeeper" => Position::GK,
        b"centreback" | b"centerback" => Position::CB,
        b"rightback" => Position::RB,
        b"leftback" => Position::LB,
        b"rightwingback" => Position::RWB,
        b"leftwingback" => Position::LWB,
        b"defensivemidfield" => Position::DM,
        b"centralmidfield" => Position::CM,
        b"attackingmidfield" => Position::AM,
        b"rightwinger" | b"rightmidfield" => Position::RW,
        b"leftwinger" | b"leftmidfield" => Position::LW,
        b"centreforward" | b"centerforward" | b"secondstriker" => Position::ST,
        _ => return Position::parse(s),
    };
    Some(p)
}

/// Broad positions that say too little to place a player: left unknown, not guessed.
const BROAD: [&str; 7] = [
    "defender",
    "defence",
    "midfield",
    "midfielder",
    "attack",
    "forward",
    "missing",
];

/// Transfermarkt's broad position: only a goalkeeper says where he plays; "Defender" could be
/// any of three positions, so it leaves the position unknown rather than guessing.
fn is_broad(s: &str) -> bool {
    BROAD.iter().any(|b| b.eq_ignore_ascii_case(s))
}

fn map_position(s: &str) -> Result<Option<Position>, String> {
    match s {
        _ if s.eq_ignore_ascii_case("goalkeeper") => Ok(Some(Position::GK)),
        _ if is_broad(s) => Ok(None),
        _ => match map_sub_position(s) {
            Some(p) => Ok(Some(p)),
            None => Err(format!(
                "`{s}` is not a position (Goalkeeper, Defender, Midfield, Attack)"
            )),
        },
    }
}

/// What a row says, checked, borrowed from the row. A field that was wrong is `None`.
pub struct Fields<'a> {
    pub id: Option<u64>,
    /// The `name` column.
    pub name: Option<&'a str>,
    pub first: Option<&'a str>,
    pub last: Option<&'a str>,
    pub club: &'a str,
    pub born: Option<NaiveDate>,
    pub contract: Option<NaiveDate>,
    pub foot: Option<Foot>,
    pub value: Option<u64>,
    pub position: Option<Position>,
    pub nationality: Option<&'a str>,
}

impl Fields<'_> {
    /// First and last name together, when either is given.
    pub fn full_name(&self) -> Option<String> {
        match (self.first, self.last) {
            (Some(f), Some(l)) => Some(format!("{f} {l}")),
            (None, Some(l)) => Some(l.to_string()),
            (Some(f), None) => Some(f.to_string()),
            (None, None) => None,
        }
    }
}

/// The longest name, club or nationality a row may give, in bytes (a few hundred: the longest
/// real names are under a hundred).
pub const MAX_NAME_BYTES: usize = 300;

fn too_long(t: &str) -> String {
    format!(
        "{} bytes, longer than a name can be ({MAX_NAME_BYTES})",
        t.len()
    )
}

/// Reads and checks every known column of a row. Its problems are left in `row`.
pub(crate) fn fields<'a>(row: &mut Row<'a>) -> Fields<'a> {
    let id = row.parse(Col::PlayerId, |s| {
        s.parse::<u64>()
            .map_err(|_| format!("`{s}` is not a player number"))
    });
    if id.is_none() && row.errors.is_empty() {
        row.errors.push((Col::PlayerId, "empty".into()));
    }
    let first = row.text(Col::FirstName);
    let last = row.text(Col::LastName);
    let name = row.text(Col::Name);
    if name.is_none() && first.is_none() && last.is_none() {
        row.errors.push((Col::Name, "empty".into()));
    }
    // A name is a few words: a longer "name" is not one, and would cost every search.
    for (col, text) in [
        (Col::Name, name),
        (Col::FirstName, first),
        (Col::LastName, last),
    ] {
        if let Some(t) = text.filter(|t| t.len() > MAX_NAME_BYTES) {
            row.errors.push((col, too_long(t)));
        }
    }
    let mut club = row.text(Col::Club).unwrap_or_default();
    if club.len() > MAX_NAME_BYTES {
        row.complain(Col::Club, too_long(club));
        club = "";
    }
    let mut nationality = row.text(Col::Citizenship);
    if let Some(t) = nationality.filter(|t| t.len() > MAX_NAME_BYTES) {
        row.complain(Col::Citizenship, too_long(t));
        nationality = None;
    }
    let born = row.parse(Col::Born, parse_date);
    let mut contract = row.parse(Col::ContractUntil, parse_date);
    let foot = row.parse(Col::Foot, parse_foot);
    let value = row.parse(Col::MarketValue, parse_money);
    let broad = row.parse(Col::Position, map_position).flatten();
    let detailed = row.parse(Col::SubPosition, |s| match map_sub_position(s) {
        Some(p) => Ok(Some(p)),
        // Some rows repeat the broad position here ("Defender"): known to be vague, not wrong.
        None if is_broad(s) => Ok(None),
        None => Err(format!(
            "`{s}` is not a position (e.g. Centre-Back, Left Winger)"
        )),
    });
    // Transfermarkt's dump has contracts to 5023: no planning date reaches them.
    if let Some(c) = contract
        && !crate::domain::dates::PLANNING_YEARS.contains(&chrono::Datelike::year(&c))
    {
        row.complain(
            Col::ContractUntil,
            format!(
                "contract ends {c}, outside the years a plan can be made for ({}-{})",
                crate::domain::dates::PLANNING_YEARS.start(),
                crate::domain::dates::PLANNING_YEARS.end()
            ),
        );
        contract = None;
    }
    if let (Some(b), Some(c)) = (born, contract)
        && c < b
    {
        row.complain(
            Col::ContractUntil,
            format!("contract ends {c}, before the birth {b}"),
        );
        contract = None;
    }
    Fields {
        id,
        name,
        first,
        last,
        club,
        born,
        contract,
        foot,
        value,
        position: detailed.flatten().or(broad),
        nationality,
    }
}

/// The player of a row, or `None` when a required field is missing or wrong.
pub(crate) fn player_from_row(row: &mut Row<'_>) -> Option<Player> {
    let f = fields(row);
    if !row.errors.is_empty() {
        return None;
    }
    let id = f.id?;
    let full = f.full_name();
    let name = match (f.name, &full) {
        (Some(n), _) => n.to_string(),
        (None, Some(full)) => full.clone(),
        (None, None) => return None,
    };
    let mut p = Player::new(&format!("tm-{id}"), &name, f.club, f.position);
    p.born = f.born;
    p.contract_until = f.contract;
    p.foot = f.foot;
    p.nationality = f.nationality.map(str::to_string);
    p.market_value = f.value.map(|amount| Fee {
        amount,
        currency: Currency::EUR,
        approximate: false,
    });
    // "Vini Jr." is searched for as "Vinícius Júnior" too.
    if let Some(full) = full
        && full != name
        && crate::search::fold(&full) != crate::search::fold(&name)
    {
        p.aliases.push(full);
    }
    Some(p)
}

/// The distinct `current_club_name` values of a CSV, in first-seen order.
pub fn club_names(file: &str, bytes: &[u8]) -> Result<Vec<String>, StoreError> {
    let mut rdr = reader(bytes);
    let header = rdr.byte_headers().map_err(|e| csv_error(file, &e))?.clone();
    let cols = Columns::from_header(file, &header)?;
    cols.require(file, &header, Col::Club)?;
    let Some(at) = cols.index(Col::Club) else {
        return Ok(Vec::new());
    };
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if let Some(Ok(name)) = record.get(at).map(std::str::from_utf8) {
                    let name = name.trim();
                    if !name.is_empty() && seen.insert(name.to_string()) {
                        out.push(name.to_string());
                    }
                }
            }
            // Broken rows are reported when the players are read.
            Err(_) => continue,
        }
    }
    Ok(out)
}

/// The longest CSV record read: an endless or binary file (`/dev/zero`) is an error at this
/// length, not a read until memory runs out.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;

/// The error [`RecordLimit`] stops a read with.
#[derive(Debug)]
struct RecordTooLong;

impl fmt::Display for RecordTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a record longer than {} MiB (the limit for one row); not a players CSV?",
            MAX_RECORD_BYTES >> 20
        )
    }
}

impl std::error::Error for RecordTooLong {}

/// Passes bytes through, counting those since the last record's end; more than
/// [`MAX_RECORD_BYTES`] of them is an error. Quotes are read as the CSV reader reads them: a
/// quote opens a quoted field only as a field's first byte (`Ma"rta` is a name with a quote in
/// it), `""` inside one is a quote, and after its closing quote the field goes on unquoted; a
/// line end (LF, CR or both) outside quotes ends the record. So the count is one record's
/// length, whatever stray quotes it holds.
struct RecordLimit<R> {
    inner: R,
    run: usize,
    at: FieldState,
}

/// Where [`RecordLimit`] is in the CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldState {
    /// At a field's first byte.
    Start,
    /// In a field that did not start with a quote.
    Unquoted,
    /// Inside quotes.
    Quoted,
    /// Just after a quote inside quotes: a second one is a quote, else the quotes closed.
    QuoteInQuoted,
}

impl<R> RecordLimit<R> {
    /// Steps over `bytes`; `Err` when a record runs past the limit.
    fn scan(&mut self, bytes: &[u8]) -> Result<(), RecordTooLong> {
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (next, ends_record) = match self.at {
                // A quote opens quotes at a field's start; after a quote inside them, it is
                // a quote and they go on.
                FieldState::Start | FieldState::QuoteInQuoted => match b {
                    b'"' => (FieldState::Quoted, false),
                    b',' => (FieldState::Start, false),
                    b'\n' | b'\r' => (FieldState::Start, true),
                    _ => (FieldState::Unquoted, false),
                },
                FieldState::Unquoted => {
                    // Quotes mean nothing here: on to the next comma or line end.
                    match memchr::memchr3(b',', b'\n', b'\r', &bytes[i..]) {
                        None => {
                            self.run += bytes.len() - i;
                            break;
                        }
                        Some(n) => {
                            self.run += n;
                            i += n;
                            let ends = bytes[i] != b',';
                            (FieldState::Start, ends)
                        }
                    }
                }
                FieldState::Quoted => match memchr::memchr(b'"', &bytes[i..]) {
                    None => {
                        self.run += bytes.len() - i;
                        break;
                    }
                    Some(n) => {
                        self.run += n;
                        i += n;
                        (FieldState::QuoteInQuoted, false)
                    }
                },
            };
            self.run += 1;
            if ends_record {
                if self.run > MAX_RECORD_BYTES {
                    return Err(RecordTooLong);
                }
                self.run = 0;
            }
            self.at = next;
            i += 1;
        }
        if self.run > MAX_RECORD_BYTES {
            return Err(RecordTooLong);
        }
        Ok(())
    }
}

impl<R: Read> Read for RecordLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.scan(&buf[..n])
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        Ok(n)
    }
}

fn reader<R: Read>(r: R) -> csv::Reader<RecordLimit<R>> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(RecordLimit {
            inner: r,
            run: 0,
            at: FieldState::Start,
        })
}

fn csv_error(file: &str, e: &csv::Error) -> StoreError {
    if let csv::ErrorKind::Io(io) = e.kind()
        && io
            .get_ref()
            .is_some_and(|inner| inner.is::<RecordTooLong>())
    {
        return StoreError::invalid(file, format!("row 1: {RecordTooLong}"));
    }
    match e.position() {
        Some(p) => StoreError::invalid(file, format!("row {}: {e}", p.record() + 1)),
        None => StoreError::invalid(file, e.to_string()),
    }
}

/// Reads players from CSV text. `file` is the name messages carry; `progress(rows, byte)` is
/// called every [`PROGRESS_EVERY`] rows and once at the end.
pub fn read_players<R: Read>(
    file: &str,
    source: R,
    options: &CsvOptions,
    mut progress: impl FnMut(u64, u64),
) -> Result<CsvPlayers, StoreError> {
    let mut rdr = reader(source);
    let header = rdr.byte_headers().map_err(|e| csv_error(file, &e))?.clone();
    let cols = Columns::from_header(file, &header)?;
    if options.require_club || options.only_club.is_some() {
        cols.require(file, &header, Col::Club)?;
    }
    let mut out = CsvPlayers::default();
    let mut first_row: HashMap<u64, u64, crate::domain::ids::IdHasher> = HashMap::default();
    let mut record = csv::ByteRecord::new();
    loop {
        let more = rdr.read_byte_record(&mut record);
        let row_no = match &more {
            Ok(_) => record.position().map(|p| p.record()),
            Err(e) => e.position().map(|p| p.record()),
        }
        .unwrap_or(out.rows + 1)
            + 1;
        let problem = |column: Option<&str>, message: String| RowProblem {
            file: file.to_string(),
            row: row_no,
            column: column.map(str::to_string),
            message,
        };
        match more {
            Ok(false) => break,
            Ok(true) => out.rows += 1,
            Err(e) => {
                out.rows += 1;
                let message = e.to_string();
                // An I/O error ends the read; a broken row (bad UTF-8 in a record) is skipped.
                if let csv::ErrorKind::Io(io) = e.into_kind() {
                    if io
                        .get_ref()
                        .is_some_and(|inner| inner.is::<RecordTooLong>())
                    {
                        return Err(StoreError::invalid(
                            file,
                            format!("row {row_no}: {RecordTooLong}"),
                        ));
                    }
                    return Err(StoreError::io(file, io));
                }
                out.problems.push(problem(None, message));
                out.skipped += 1;
                continue;
            }
        }
        if out.rows.is_multiple_of(PROGRESS_EVERY) {
            progress(out.rows, rdr.position().byte());
        }
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue; // a blank line is not a player
        }
        // A row of the wrong width cannot be read, whoever's it is.
        if record.len() != cols.width {
            out.skipped += 1;
            out.problems.push(problem(
                None,
                format!(
                    "{} field(s), but the header has {}",
                    record.len(),
                    cols.width
                ),
            ));
            continue;
        }
        if let Some(club) = &options.only_club {
            let here = cols
                .index(Col::Club)
                .and_then(|i| record.get(i))
                .and_then(|b| std::str::from_utf8(b).ok())
                .map(str::trim);
            if here != Some(club.as_str()) {
                continue;
            }
        }
        let mut row = Row::new(&cols, |i| record.get(i));
        // A skipped row reports only why it was skipped.
        let Some(player) = player_from_row(&mut row) else {
            out.skipped += 1;
            for (col, message) in row.errors {
                out.problems.push(problem(Some(col.header()), message));
            }
            continue;
        };
        let number = player
            .id
            .as_str()
            .strip_prefix("tm-")
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or_default();
        if let Some(first) = first_row.get(&number) {
            out.skipped += 1;
            out.problems.push(problem(
                Some(Col::PlayerId.header()),
                format!("player {} is already on row {first}", player.id),
            ));
            continue;
        }
        first_row.insert(number, row_no);
        for (col, message) in row.warnings {
            out.warnings.push(problem(Some(col.header()), message));
        }
        // Once the first rows tell the average row size, make room for the rest at once:
        // doubling a 100k Vec<Player> copies it and briefly holds it twice.
        if out.players.len() == 1024
            && let Some(total) = options.total_bytes
        {
            let per_row = (rdr.position().byte() / out.rows.max(1)).max(1);
            let expected = (total / per_row) as usize + 64;
            out.players
                .reserve(expected.saturating_sub(out.players.len()));
            first_row.reserve(expected.saturating_sub(first_row.len()));
        }
        out.players.push(player);
        out.player_rows.push(row_no);
    }
    progress(out.rows, rdr.position().byte());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "player_id,first_name,last_name,name,last_season,current_club_id,country_of_citizenship,date_of_birth,sub_position,position,foot,height_in_cm,contract_expiration_date,current_club_name,market_value_in_eur\n";

    fn read(text: &str) -> CsvPlayers {
        read_players("p.csv", text.as_bytes(), &CsvOptions::default(), |_, _| {}).expect("readable")
    }

    #[test]
    fn a_transfermarkt_row_becomes_a_player() {
        let csv = format!(
            "{HEADER}1001,Tomás,Varela Ríos,Tomás Varela,2025,418,Spain,2001-03-04 00:00:00,Centre-Back,Defender,left,188.0,2029-06-30 00:00:00,Fictional CF,25000000.0\n"
        );
        let got = read(&csv);
        assert!(got.problems.is_empty(), "{:?}", got.problems);
        let p = &got.players[0];
        assert_eq!(p.id.as_str(), "tm-1001");
        assert_eq!(p.name, "Tomás Varela");
        assert_eq!(p.aliases, vec!["Tomás Varela Ríos".to_string()]);
        assert_eq!(p.club, "Fictional CF");
        assert_eq!(p.position, Some(Position::CB));
        assert_eq!(p.foot, Some(Foot::Left));
        assert_eq!(p.born, NaiveDate::from_ymd_opt(2001, 3, 4));
        assert_eq!(p.contract_until, NaiveDate::from_ymd_opt(2029, 6, 30));
        assert_eq!(p.market_value.map(|f| f.amount), Some(25_000_000));
        assert_eq!(p.nationality.as_deref(), Some("Spain"));
    }

    #[test]
    fn empty_cells_and_missing_columns_stay_unknown() {
        let got = read("name,player_id\nAri Koski,7\n");
        let p = &got.players[0];
        assert_eq!(
            (p.born, p.position, p.foot, p.market_value),
            (None, None, None, None)
        );
        assert_eq!(p.club, "");
        let got = read(&format!("{HEADER}8,,,Bo Lind,,,,,,Defender,,,,,\n"));
        assert!(got.problems.is_empty(), "{:?}", got.problems);
        assert_eq!(
            got.players[0].position, None,
            "a bare `Defender` is not a guess"
        );
    }

    #[test]
    fn bad_optional_cells_keep_the_row_with_the_field_unknown_and_warn() {
        let csv = format!(
            "{HEADER}1,,,Good One,,,,,,,,,,A,\n2,,,Bad Date,,,,1999-13-40,,,,,,A,\n3,,,Bad Value,,,,,,,,,,A,lots\n4,,,Bad Pos,,,,,Sweeper,,,,,A,\n5,,,Dash Foot,,,,2001-02-03,,,-,,,A,\n6,,,Late,,,,2001-02-03,,,,,1999-01-01,A,\n"
        );
        let got = read(&csv);
        assert!(got.problems.is_empty(), "{:?}", got.problems);
        assert_eq!((got.players.len(), got.skipped), (6, 0));
        let shown: Vec<String> = got.warnings.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            vec![
                "p.csv:3:date_of_birth: `1999-13-40` is not a date (YYYY-MM-DD); left unknown",
                "p.csv:4:market_value_in_eur: `lots` is not a number; left unknown",
                "p.csv:5:sub_position: `Sweeper` is not a position (e.g. Centre-Back, Left Winger); left unknown",
                "p.csv:6:foot: `-` is not a foot (right, left or both); left unknown",
                "p.csv:7:contract_expiration_date: contract ends 1999-01-01, before the birth 2001-02-03; left unknown",
            ]
        );
        let dash = &got.players[4];
        assert_eq!(dash.name, "Dash Foot");
        assert_eq!(
            (dash.foot, dash.born),
            (None, NaiveDate::from_ymd_opt(2001, 2, 3))
        );
        assert_eq!(got.players[1].born, None);
        assert_eq!(got.players[5].contract_until, None);
    }

    #[test]
    fn only_a_bad_id_or_name_skips_a_row_counted_once() {
        let csv = format!(
            "{HEADER}x,,,,,,,,,,,,,A,\n,,,No Id,,,,,,,,,,A,\n3,,,,,,,,,,,,,A,\n4,,,Kept,,,,,,,-,,,A,\n"
        );
        let got = read(&csv);
        let shown: Vec<String> = got.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            vec![
                "p.csv:2:player_id: `x` is not a player number",
                "p.csv:2:name: empty",
                "p.csv:3:player_id: empty",
                "p.csv:4:name: empty",
            ]
        );
        // Row 2 has two wrong fields and is one skipped row.
        assert_eq!(got.skipped, 3);
        assert_eq!(got.players.len(), 1);
        assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
    }

    #[test]
    fn short_rows_duplicates_and_quoted_newlines_are_counted_as_rows() {
        let csv = "player_id,name\n1,\"Ann\nMultiline\"\n2\n1,Again\n3,Cy\n";
        let got = read(csv);
        assert_eq!(got.skipped, 2);
        let shown: Vec<String> = got.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            vec![
                "p.csv:3: 1 field(s), but the header has 2",
                "p.csv:4:player_id: player tm-1 is already on row 2",
            ]
        );
        assert_eq!(got.players.len(), 2);
        assert_eq!(got.rows, 4);
    }

    /// Issue 13 item 11. Failed before the fix: the reader kept growing one record until
    /// memory ran out, and the error (for a record that did end) quoted all of it.
    #[test]
    fn a_record_longer_than_the_limit_is_one_short_error() {
        let long = "x".repeat(MAX_RECORD_BYTES + 10);
        // In the header, in a row, and in a quoted field that never ends.
        for text in [
            format!("{long}\n"),
            format!(
                "{HEADER}1,A,B,A B,2024,1,ES,2000-01-01,Centre-Back,Defender,right,180,,C,1\n2,{long}\n"
            ),
            format!("{HEADER}3,\"{}", "line\n".repeat(MAX_RECORD_BYTES / 4)),
        ] {
            let err = read_players("p.csv", text.as_bytes(), &CsvOptions::default(), |_, _| {})
                .expect_err("too long");
            let err = err.to_string();
            assert!(err.starts_with("p.csv: row "), "{err}");
            assert!(err.contains("longer than 1 MiB"), "{err}");
            assert!(err.len() < 200 && !err.contains('\n'), "{err}");
        }
        // Many short rows and a long quoted field under the limit read as ever (in a column
        // that is not read: a name that long is not one).
        let cell = "y\n".repeat(1000);
        let text = format!(
            "{HEADER}4,A,B,A B,\"{cell}\",1,ES,2000-01-01,Centre-Back,Defender,right,180,,C,1\n"
        );
        let got = read(&text);
        assert_eq!(got.players.len(), 1, "{:?}", got.problems);
    }

    /// Issue 24: the Transfermarkt dataset's absurd contract years (5023) are kept as a
    /// warning with the contract unknown; its dates with a time, `position` "Missing" and a
    /// club id of -1 read as before.
    #[test]
    fn transfermarkt_quirks_are_read_or_warned() {
        let text = format!(
            "{HEADER}1,Ann,Oak,Ann Oak,2025,-1,ES,2000-07-21 00:00:00,,Missing,right,180,5023-06-30 00:00:00,C,1\n"
        );
        let got = read(&text);
        assert_eq!(got.players.len(), 1, "{:?}", got.problems);
        let p = &got.players[0];
        assert_eq!(p.contract_until, None);
        assert_eq!(p.born, chrono::NaiveDate::from_ymd_opt(2000, 7, 21));
        assert_eq!(p.position, None);
        let w: Vec<String> = got.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            w,
            vec![
                "p.csv:2:contract_expiration_date: contract ends 5023-06-30, outside the years a \
                 plan can be made for (1900-2200); left unknown"
                    .to_string()
            ]
        );
    }

    /// Issue 23, item 12: one stray quote mid-field (`Ma"rta`, unquoted) made the limiter think
    /// a quoted field ran to the end of the file: a 1.4 MB pool was refused ("a record longer
    /// than 1 MiB") where a small one loaded `Ma"rta`. The limiter reads quotes as the reader.
    #[test]
    fn a_stray_quote_mid_field_reads_as_the_csv_reader_reads_it() {
        let row = |id: u32, name: &str| {
            format!("{id},A,B,{name},2024,1,ES,2000-01-01,Centre-Back,Defender,right,180,,C,1\n")
        };
        let mut text = HEADER.to_string();
        text.push_str(&row(1, "Ma\"rta"));
        // A quoted field closed, then more of it unquoted, with a quote: still one field.
        text.push_str(&row(2, "\"Jo\"\"e\"x"));
        let mut id = 3;
        while text.len() < 2 * MAX_RECORD_BYTES {
            text.push_str(&row(id, "Plain Name"));
            id += 1;
        }
        let got = read(&text);
        assert!(got.problems.is_empty(), "{:?}", &got.problems[..1]);
        assert_eq!(got.players[0].name, "Ma\"rta");
        assert_eq!(got.players[1].name, "Jo\"ex");
        assert_eq!(got.players.len(), id as usize - 1);
        // CR line ends end records too.
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(read(&crlf).players.len(), id as usize - 1);
    }

    /// Issue 13 item 11. Failed before the fix: a bad cell was quoted whole in the warning.
    #[test]
    fn a_bad_cell_is_quoted_at_most_80_characters() {
        let junk = "9".repeat(5000);
        let text =
            format!("{HEADER}1,A,B,A B,2024,1,ES,{junk},Centre-Back,Defender,right,180,,C,1\n");
        let got = read(&text);
        assert_eq!(got.players.len(), 1);
        let w = got.warnings[0].to_string();
        assert!(
            w.contains("is not a date") && w.contains("(5000 characters)"),
            "{w}"
        );
        assert!(w.len() < 200, "{w}");
    }

    #[test]
    fn a_missing_required_column_stops_with_its_name() {
        let err = read_players(
            "p.csv",
            "id,name\n1,A\n".as_bytes(),
            &CsvOptions::default(),
            |_, _| {},
        )
        .expect_err("no player_id");
        assert!(
            err.to_string()
                .starts_with("p.csv: missing required column `player_id`"),
            "{err}"
        );
        let opts = CsvOptions {
            require_club: true,
            ..CsvOptions::default()
        };
        let err = read_players("p.csv", "player_id,name\n".as_bytes(), &opts, |_, _| {})
            .expect_err("no club");
        assert!(err.to_string().contains("`current_club_name`"), "{err}");
    }

    #[test]
    fn dates_take_either_form() {
        let d = NaiveDate::from_ymd_opt(2026, 6, 30);
        assert_eq!(parse_date("2026-06-30").ok(), d);
        assert_eq!(parse_date("2026-06-30 00:00:00").ok(), d);
        assert!(parse_date("2026-06-30 noon").is_err());
        assert!(parse_date("30/06/2026").is_err());
    }

    #[test]
    fn transfermarkt_positions_map_onto_the_board() {
        for (tm, ours) in [
            ("Goalkeeper", Position::GK),
            ("Centre-Back", Position::CB),
            ("Right-Back", Position::RB),
            ("Left-Back", Position::LB),
            ("Defensive Midfield", Position::DM),
            ("Central Midfield", Position::CM),
            ("Attacking Midfield", Position::AM),
            ("Right Winger", Position::RW),
            ("Left Winger", Position::LW),
            ("Left Midfield", Position::LW),
            ("Right Midfield", Position::RW),
            ("Centre-Forward", Position::ST),
            ("Second Striker", Position::ST),
            ("CB", Position::CB),
        ] {
            assert_eq!(map_sub_position(tm), Some(ours), "{tm}");
        }
        assert_eq!(map_sub_position("Libero"), None);
    }

    #[test]
    fn only_club_keeps_that_club_and_ignores_other_rows_problems() {
        let csv = format!(
            "{HEADER}1,,,Kept,,,,,,,,,,Mine FC,\n2,,,Other,,,,not-a-date,,,,,,Theirs FC,\n"
        );
        let opts = CsvOptions {
            require_club: true,
            only_club: Some("Mine FC".into()),
            total_bytes: None,
        };
        let got = read_players("p.csv", csv.as_bytes(), &opts, |_, _| {}).expect("reads");
        assert_eq!(got.players.len(), 1);
        assert!(got.problems.is_empty());
        assert_eq!(
            club_names("p.csv", csv.as_bytes()).expect("clubs"),
            vec!["Mine FC".to_string(), "Theirs FC".to_string()]
        );
    }
}
