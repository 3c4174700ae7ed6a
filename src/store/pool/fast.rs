//! `find` over a CSV pool straight from the file's bytes: every row is checked as the full
//! reader checks it (so the same warnings, at the same `file:row:column`), but only its names are
//! scored, no player is built and no index is kept; the players printed are built at the end.
//! The file is split at a line boundary and both halves are read at once.
//!
//! It covers the regular file: one line a row, ending in LF or CR LF (mixed as they come), fields
//! quoted or not but with no line breaks or escaped quotes inside, no lone carriage returns or
//! blank lines, no row to skip and no id twice. On anything else it answers
//! `None` and the caller reads the pool with the full reader, which says exactly what is wrong
//! and where.

use crate::domain::Player;
use crate::search::fold_char;
use crate::search::index::{KeyScorer, SearchIndex};
use crate::store::csv_import::{
    Columns, Fields, MAX_RECORD_BYTES, PROGRESS_EVERY, Row, fields, player_from_row,
};
use crate::store::ron_file::StoreError;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

pub use super::mapped::Mapped;

/// Below this size one thread reads the whole file (starting a second costs more).
const SPLIT_ABOVE: usize = 512 * 1024;

/// Bytes of a part read between two page releases: `find` holds a window of a large pool at a
/// time, not the whole file (a 1M-player pool is 250 MB).
#[cfg(not(test))]
const WINDOW: usize = 4 << 20;
/// Small in the unit tests, so their pools are read in many windows.
#[cfg(test)]
const WINDOW: usize = 4096;

/// A regular CSV pool read for `find`: every row's names in a search index (item `i` is data row
/// `i`), where each row's line starts, its id, and the rows kept with a field left unknown.
/// Built by one pass over the file ([`scan`]) or read back from the cache beside it
/// ([`super::cache`]).
pub struct Scanned {
    pub index: SearchIndex,
    /// Where each row's line starts in the file.
    pub lines: Vec<u64>,
    /// Each row's `player_id`.
    pub ids: Vec<u64>,
    /// Rows kept with a field left unknown: row index (0 = first data row), column, what.
    pub warnings: Vec<(u64, String, String)>,
    /// The header's columns, and where the data ends (before a final line break).
    pub(crate) cols: Columns,
    pub(crate) end: usize,
}

/// What one thread found in its part of the file; what it made of each row is its sink's.
#[derive(Default)]
struct Part {
    /// Rows read.
    rows: u64,
    ids: Vec<u64>,
    /// (row index in the part, column, message)
    warnings: Vec<(u64, &'static str, String)>,
    /// The part is not regular: the full reader must read the file.
    irregular: bool,
}

/// Where a part hands each regular row: its index in the part, where its line starts in the
/// file, its fields checked, and the names it is found by ([`keys`]).
trait Sink: Send {
    fn row(&mut self, row: u64, line: usize, f: &Fields, name: &str, alias: Option<&str>);
}

/// The scan for the cache: every row's names indexed.
#[derive(Default)]
struct Indexed {
    index: SearchIndex,
    lines: Vec<u64>,
}

impl Sink for Indexed {
    fn row(&mut self, _: u64, line: usize, _: &Fields, name: &str, alias: Option<&str>) {
        self.lines.push(line as u64);
        self.index.push(name, alias);
    }
}

/// The cells of one line, or `None` when the line is not a plain row (a quote that is not a
/// whole field, an escaped quote, an unclosed quote).
fn split_line<'a>(line: &'a str, cells: &mut Vec<&'a str>) -> Option<()> {
    cells.clear();
    let bytes = line.as_bytes();
    let mut start = 0;
    for at in memchr::memchr2_iter(b',', b'"', bytes) {
        if bytes[at] == b'"' {
            return split_quoted(line, cells);
        }
        cells.push(&line[start..at]);
        start = at + 1;
    }
    cells.push(&line[start..]);
    Some(())
}

fn split_quoted<'a>(line: &'a str, cells: &mut Vec<&'a str>) -> Option<()> {
    cells.clear();
    let mut rest = line;
    loop {
        if let Some(quoted) = rest.strip_prefix('"') {
            let close = memchr::memchr(b'"', quoted.as_bytes())?;
            cells.push(&quoted[..close]);
            match &quoted.as_bytes()[close + 1..] {
                [] => return Some(()),
                [b',', ..] => rest = &quoted[close + 2..],
                _ => return None, // `""` inside, or text after the closing quote
            }
        } else {
            let end = memchr::memchr(b',', rest.as_bytes()).unwrap_or(rest.len());
            if memchr::memchr(b'"', &rest.as_bytes()[..end]).is_some() {
                return None;
            }
            cells.push(&rest[..end]);
            if end == rest.len() {
                return Some(());
            }
            rest = &rest[end + 1..];
        }
    }
}

/// The names a row is found by: the name shown, and the full name when it differs.
pub fn keys<'a>(f: &Fields<'a>, full: &'a mut String) -> (&'a str, Option<&'a str>) {
    full.clear();
    // Most rows: the name shown is first and last name, so there is no other name.
    if let (Some(name), Some(a), Some(b)) = (f.name, f.first, f.last)
        && name.len() == a.len() + 1 + b.len()
        && name.starts_with(a)
        && name.ends_with(b)
        && name.as_bytes()[a.len()] == b' '
    {
        return (name, None);
    }
    match (f.first, f.last) {
        (Some(a), Some(b)) => {
            full.push_str(a);
            full.push(' ');
            full.push_str(b);
        }
        (Some(a), None) | (None, Some(a)) => full.push_str(a),
        (None, None) => {}
    }
    let full: &'a str = full;
    match f.name {
        Some(name) => {
            let differs = !full.is_empty()
                && full != name
                && full.chars().map(fold_char).ne(name.chars().map(fold_char));
            (name, differs.then_some(full))
        }
        None => (full, None),
    }
}

/// The bytes a row's reading turns on — `,`, `"`, line breaks, carriage returns and every byte
/// of a char beyond ASCII — found 64 at a time as a bitmask (one `memchr` search per cell cost more than the
/// cells are long), their places given in order.
struct Marks<'b> {
    bytes: &'b [u8],
    /// Where the block of `mask` starts.
    block: usize,
    mask: u64,
}

impl<'b> Marks<'b> {
    fn new(bytes: &'b [u8]) -> Marks<'b> {
        Marks {
            bytes,
            block: 0,
            mask: marks64(bytes),
        }
    }
}

impl Iterator for Marks<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            self.block += 64;
            if self.block >= self.bytes.len() {
                return None;
            }
            self.mask = marks64(&self.bytes[self.block..]);
        }
        let bit = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(self.block + bit)
    }
}

/// One bit for each of the first 64 bytes of `bytes` that is a mark (see [`Marks`]).
#[inline]
fn marks64(bytes: &[u8]) -> u64 {
    if let Some(whole) = bytes.first_chunk::<64>() {
        return marks_of(whole);
    }
    // The last block, padded with NULs (which are no mark).
    let mut block = [0u8; 64];
    block[..bytes.len()].copy_from_slice(bytes);
    marks_of(&block)
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn marks_of(block: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let mut mask = 0u64;
    for i in 0..4 {
        // SAFETY: SSE2 is part of every x86_64; the load reads 16 bytes inside `block`.
        let bits = unsafe {
            let v = _mm_loadu_si128(block.as_ptr().add(16 * i).cast::<__m128i>());
            let comma = _mm_cmpeq_epi8(v, _mm_set1_epi8(b',' as i8));
            let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
            let line = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\n' as i8));
            let cr = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\r' as i8));
            // A byte's own top bit: part of a char beyond ASCII.
            let ends = _mm_or_si128(line, cr);
            _mm_movemask_epi8(_mm_or_si128(
                _mm_or_si128(comma, quote),
                _mm_or_si128(ends, v),
            ))
        };
        mask |= u64::from(bits as u16) << (16 * i);
    }
    mask
}

#[cfg(not(target_arch = "x86_64"))]
fn marks_of(block: &[u8; 64]) -> u64 {
    block.iter().enumerate().fold(0, |mask, (i, &b)| {
        let hit = matches!(b, b',' | b'"' | b'\n' | b'\r') || b >= 0x80;
        mask | (u64::from(hit) << i)
    })
}

/// Reads the rows of `bytes[start..end]` (whole lines), a window at a time: each window's pages
/// are asked for before it is read and let go after it (`pages`: the mapping `bytes` is), so a
/// large pool is never held whole.
fn scan_part(
    bytes: &[u8],
    start: usize,
    end: usize,
    cols: &Columns,
    pages: Option<&Mapped>,
    sink: &mut dyn Sink,
) -> Part {
    let mut part = Part::default();
    let mut cells: Vec<&str> = Vec::with_capacity(cols.width);
    let mut full = String::new();
    let mut window_start = start;
    while window_start < end {
        // Windows end at a line break, so no line is cut.
        let window_end = match window_start.checked_add(WINDOW) {
            Some(at) if at < end => {
                memchr::memchr(b'\n', &bytes[at..end]).map_or(end, |i| at + i + 1)
            }
            _ => end,
        };
        let window = &bytes[window_start..window_end];
        if let Some(m) = pages {
            m.populate(window);
        }
        let wend = window.len();
        let mut marks = Marks::new(window);
        // The cells of a line, cut at ASCII bytes, are text once every run of bytes beyond ASCII
        // in them is (a run is whole chars or the line is not UTF-8): each run is checked
        // when its first byte is met, before the comma that ends its cell.
        let cell = |from: usize, to: usize| {
            // SAFETY: `window[from..to]` lies between ASCII bytes and every run of bytes
            // beyond ASCII in it was found to be UTF-8 (see above).
            unsafe { std::str::from_utf8_unchecked(&window[from..to]) }
        };
        let mut at = 0;
        while at < wend {
            let line_start = at;
            let mut cell_start = at;
            cells.clear();
            let mut quoted = false;
            let line_end = loop {
                match marks.next() {
                    // Inside a quoted line read before.
                    Some(i) if i < line_start => {}
                    Some(i) => match window[i] {
                        b',' => {
                            cells.push(cell(cell_start, i));
                            cell_start = i + 1;
                        }
                        b'\n' => {
                            cells.push(cell(cell_start, i));
                            break i;
                        }
                        b'"' => {
                            quoted = true;
                            break memchr::memchr(b'\n', &window[line_start..wend])
                                .map_or(wend, |i| line_start + i);
                        }
                        // CR LF ends a line as LF does (the `\n`'s mark, before the next line,
                        // is passed over).
                        b'\r' if window.get(i + 1) == Some(&b'\n') => {
                            cells.push(cell(cell_start, i));
                            break i + 1;
                        }
                        // A lone CR (which the CSV reader takes for a line end): theirs.
                        b'\r' => {
                            part.irregular = true;
                            return part;
                        }
                        // A run of bytes beyond ASCII starts: it must be whole chars.
                        _ if i == 0 || window[i - 1] < 0x80 => {
                            let run = window[i..]
                                .iter()
                                .position(|&b| b < 0x80)
                                .map_or(wend, |n| i + n);
                            if std::str::from_utf8(&window[i..run]).is_err() {
                                part.irregular = true;
                                return part;
                            }
                        }
                        _ => {}
                    },
                    None => {
                        cells.push(cell(cell_start, wend));
                        break wend;
                    }
                }
            };
            let row = part.rows;
            part.rows += 1;
            at = line_end + 1;
            // A record longer than the full reader's limit: it says so, and where.
            if line_end - line_start > MAX_RECORD_BYTES {
                part.irregular = true;
                return part;
            }
            // A quoted line is checked and cut whole (its marks after the quote were not read).
            let plain = !quoted
                || std::str::from_utf8(&window[line_start..line_end]).is_ok_and(|line| {
                    let line = line.strip_suffix('\r').unwrap_or(line);
                    memchr::memchr(b'\r', line.as_bytes()).is_none()
                        && split_quoted(line, &mut cells).is_some()
                });
            if !plain || !regular_cells(&cells, cols.width) {
                part.irregular = true;
                return part;
            }
            let mut r = Row::from_text(cols, |i| cells.get(i).copied());
            let f = fields(&mut r);
            let Some(id) = f.id.filter(|_| r.errors.is_empty()) else {
                part.irregular = true;
                return part;
            };
            part.ids.push(id);
            for (col, message) in r.warnings {
                part.warnings.push((row, col.header(), message));
            }
            let (name, alias) = keys(&f, &mut full);
            sink.row(row, window_start + line_start, &f, name, alias);
        }
        if let Some(m) = pages {
            m.release_part(window);
        }
        window_start = window_end;
    }
    part
}

/// Reads `bytes[header_end..end]` in one part, or two at once when it is large; `None` when a
/// part is not regular or an id comes twice (the full reader says where). `sinks` are made one
/// per part, in file order, and given back with what their part read.
fn scan_parts<S: Sink>(
    bytes: &[u8],
    header_end: usize,
    end: usize,
    cols: &Columns,
    pages: Option<&Mapped>,
    sink: impl Fn() -> S,
) -> Option<Vec<(Part, S)>> {
    let middle = header_end + (end - header_end) / 2;
    let split = if end - header_end > SPLIT_ABOVE {
        memchr::memchr(b'\n', &bytes[middle..end]).map(|i| middle + i + 1)
    } else {
        None
    };
    let run =
        |from: usize, to: usize, mut s: S| (scan_part(bytes, from, to, cols, pages, &mut s), s);
    let parts: Vec<(Part, S)> = match split {
        Some(split) => {
            let (first, second) = (sink(), sink());
            std::thread::scope(|sc| {
                let second = sc.spawn(|| run(split, end, second));
                let first = run(header_end, split, first);
                Some(vec![first, second.join().ok()?])
            })?
        }
        None => vec![run(header_end, end, sink())],
    };
    if parts.iter().any(|(p, _)| p.irregular) {
        return None;
    }
    let mut ids: Vec<u64> = parts
        .iter()
        .flat_map(|(p, _)| p.ids.iter().copied())
        .collect();
    ids.sort_unstable();
    if ids.windows(2).any(|w| w[0] == w[1]) {
        return None;
    }
    Some(parts)
}

/// The header's columns, where the data starts and where it ends (before a final line break);
/// `None` when the header is not one the fast reader takes; an error when it is unusable.
pub(crate) fn frame(
    file: &str,
    bytes: &[u8],
) -> Result<Option<(Columns, usize, usize)>, StoreError> {
    let Some(header_end) = memchr::memchr(b'\n', bytes).map(|i| i + 1) else {
        return Ok(None);
    };
    // The header's line without its line end, LF or CR LF.
    let head = &bytes[..header_end - 1];
    let head = head.strip_suffix(b"\r").unwrap_or(head);
    // An empty first line the CSV reader skips, taking the header from the next line: the full
    // reader does the same (and numbers the rows as it does).
    if memchr::memchr(b'\r', head).is_some() || head.is_empty() {
        return Ok(None);
    }
    // Quoted names (every field quoted, as some writers do) are fine when each is a whole,
    // plain field; a line break or an escaped quote inside one is the full reader's.
    if memchr::memchr(b'"', head).is_some()
        && std::str::from_utf8(head)
            .ok()
            .and_then(|h| split_quoted(h.trim_start_matches('\u{feff}'), &mut Vec::new()))
            .is_none()
    {
        return Ok(None);
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(head);
    let header = match rdr.byte_headers() {
        Ok(h) => h.clone(),
        Err(_) => return Ok(None),
    };
    let cols = Columns::from_header(file, &header)?;
    // Before the final line end (LF or CR LF), if there is one after the header.
    let end = if bytes.len() > header_end && bytes.ends_with(b"\n") {
        let crlf = bytes.ends_with(b"\r\n") && bytes.len() - 2 >= header_end;
        bytes.len() - 1 - usize::from(crlf)
    } else {
        bytes.len()
    };
    Ok(Some((cols, header_end, end)))
}

/// Reads the CSV `bytes` (named `file` in messages) for `find`: every row checked as the full
/// reader checks it, its names indexed. `None` when the file needs the full reader; an error
/// when its header is unusable.
pub fn scan(file: &str, bytes: &[u8]) -> Result<Option<Scanned>, StoreError> {
    scan_mapped(file, bytes, None)
}

/// [`scan`] of a pool mapped by `pages` (`bytes` is its mapping), held a window at a time.
pub fn scan_mapped(
    file: &str,
    bytes: &[u8],
    pages: Option<&Mapped>,
) -> Result<Option<Scanned>, StoreError> {
    // A carriage return anywhere is found by the parts (the header has none: `frame`).
    let Some((cols, header_end, end)) = frame(file, bytes)? else {
        return Ok(None);
    };
    let Some(parts) = scan_parts(bytes, header_end, end, &cols, pages, Indexed::default) else {
        return Ok(None);
    };
    let mut out = Scanned {
        index: SearchIndex::new(),
        lines: Vec::new(),
        ids: Vec::new(),
        warnings: Vec::new(),
        cols,
        end,
    };
    for (p, part) in parts {
        let offset = out.lines.len() as u64;
        out.warnings.extend(
            p.warnings
                .into_iter()
                .map(|(row, col, message)| (offset + row, col.to_string(), message)),
        );
        // The first part's arrays become the whole's (appending them to nothing copied them).
        if out.lines.is_empty() {
            (out.index, out.lines, out.ids) = (part.index, part.lines, p.ids);
        } else {
            out.index.append(part.index);
            out.lines.extend(part.lines);
            out.ids.extend(p.ids);
        }
    }
    Ok(Some(out))
}

/// Who may be printed: `keep(id, fields, name, alias)` of a row that matches and would make
/// the list (`find` leaves out a pool player who is one of the data's).
pub type Keep<'k> = dyn Fn(u64, &Fields, &str, Option<&str>) -> bool + Sync + 'k;

/// The worst entry of a best-`limit` list: lowest score, and among equals the latest row (as
/// the index's own); with the row's line start.
type Worst = (Reverse<i64>, u64, u64);

/// The scan for one query: every row's names scored as they are read, the `limit` best kept
/// (0: every match). Nothing else of the row is kept.
struct Scoring<'q, 'k> {
    scorer: KeyScorer<'q>,
    limit: usize,
    best: BinaryHeap<Worst>,
    keep: &'k Keep<'k>,
}

impl Sink for Scoring<'_, '_> {
    fn row(&mut self, row: u64, line: usize, f: &Fields, name: &str, alias: Option<&str>) {
        let Some(score) = self.scorer.score(std::iter::once(name).chain(alias)) else {
            return;
        };
        // Rows come in file order, so an equal score cannot displace an earlier row.
        let full = self.limit > 0 && self.best.len() == self.limit;
        if full
            && self
                .best
                .peek()
                .is_some_and(|(Reverse(w), _, _)| score <= *w)
        {
            return;
        }
        let Some(id) = f.id else { return };
        if !(self.keep)(id, f, name, alias) {
            return;
        }
        if full {
            self.best.pop();
        }
        self.best.push((Reverse(score), row, line as u64));
    }
}

/// A pool's best matches for one query, read straight from the CSV without building an index
/// ([`find`]): score and where each line starts, best first (ties in file order).
pub struct Best {
    pub top: Vec<(i64, u64)>,
    /// Rows kept with a field left unknown: `file:row:column: what`, in row order.
    pub warnings: Vec<String>,
    cols: Columns,
    end: usize,
}

impl Best {
    /// The players of the matches, best first; `None` if a line is no longer a row. Their lines
    /// are read in file order, the pages passed let go as they go (`pages`: the mapping `bytes`
    /// is): every page read faults in its neighbours too, and at 1M players the matches of a
    /// common query are spread over the whole file.
    pub fn players(&self, bytes: &[u8], pages: Option<&Mapped>) -> Option<Vec<Player>> {
        let mut order: Vec<(u64, usize)> = self
            .top
            .iter()
            .enumerate()
            .map(|(rank, &(_, at))| (at, rank))
            .collect();
        order.sort_unstable();
        let lines = order.iter().map(|&(at, _)| at);
        let in_file_order = players_at(bytes, &self.cols, self.end, lines, pages)?;
        let mut ranked: Vec<Option<Player>> = Vec::with_capacity(order.len());
        ranked.resize_with(order.len(), || None);
        for ((_, rank), p) in order.into_iter().zip(in_file_order) {
            ranked[rank] = Some(p);
        }
        ranked.into_iter().collect()
    }
}

/// The `limit` best rows (0: every match) of the CSV `bytes` (named `file` in messages, mapped
/// by `pages` when given) for the `folded` query among those `keep` keeps, every row checked as
/// the full reader checks it, on both cores. `None` when the file needs the full reader (or the
/// query is empty); an error when its header is unusable.
pub fn find(
    file: &str,
    bytes: &[u8],
    pages: Option<&Mapped>,
    folded: &str,
    limit: usize,
    keep: &Keep,
) -> Result<Option<Best>, StoreError> {
    // A carriage return anywhere is found by the parts (the header has none: `frame`).
    if KeyScorer::new(folded).is_none() {
        return Ok(None);
    }
    let Some((cols, header_end, end)) = frame(file, bytes)? else {
        return Ok(None);
    };
    let sink = || Scoring {
        scorer: KeyScorer::new(folded).expect("checked above"),
        limit,
        best: BinaryHeap::new(),
        keep,
    };
    let Some(parts) = scan_parts(bytes, header_end, end, &cols, pages, sink) else {
        return Ok(None);
    };
    let mut top: Vec<(i64, u64, u64)> = Vec::new();
    let mut warnings = Vec::new();
    let mut offset = 0;
    for (p, part) in parts {
        warnings.extend(
            p.warnings
                .into_iter()
                .map(|(row, col, message)| format!("{file}:{}:{col}: {message}", offset + row + 2)),
        );
        top.extend(
            part.best
                .into_iter()
                .map(|(Reverse(score), row, at)| (score, offset + row, at)),
        );
        offset += p.rows;
    }
    top.sort_unstable_by_key(|&(score, row, _)| (Reverse(score), row));
    if limit > 0 {
        top.truncate(limit);
    }
    Ok(Some(Best {
        top: top.into_iter().map(|(score, _, at)| (score, at)).collect(),
        warnings,
        cols,
        end,
    }))
}

/// The line starting at `at` in `bytes`, whose rows end at `end`.
fn line_at(bytes: &[u8], at: u64, end: usize) -> Option<&str> {
    let at = usize::try_from(at).ok()?;
    let end = end.min(bytes.len());
    if at >= end {
        return None;
    }
    let line_end = memchr::memchr(b'\n', &bytes[at..end]).map_or(end, |i| at + i);
    let line = std::str::from_utf8(&bytes[at..line_end]).ok()?;
    Some(line.strip_suffix('\r').unwrap_or(line))
}

/// The players of the lines starting at `lines` in `bytes`, in that order; `None` if a line is
/// no longer a row. With `pages` (the mapping `bytes` is) and lines in file order, what is
/// behind is let go every [`WINDOW`] bytes.
fn players_at(
    bytes: &[u8],
    cols: &Columns,
    end: usize,
    lines: impl IntoIterator<Item = u64>,
    pages: Option<&Mapped>,
) -> Option<Vec<Player>> {
    let mut cells: Vec<&str> = Vec::with_capacity(cols.width);
    let mut out = Vec::new();
    let mut kept_from = 0usize;
    for at in lines {
        if let Some(m) = pages {
            let at = usize::try_from(at).ok()?.min(bytes.len());
            if at > kept_from + WINDOW {
                m.release_part(&bytes[kept_from..at]);
                kept_from = at;
            }
        }
        split_line(line_at(bytes, at, end)?, &mut cells)?;
        let mut r = Row::from_text(cols, |i| cells.get(i).copied());
        out.push(player_from_row(&mut r)?);
    }
    if let Some(m) = pages {
        m.release_part(&bytes[kept_from.min(bytes.len())..]);
    }
    Some(out)
}

impl Scanned {
    /// Whether the arrays agree with each other and with a file of `len` bytes.
    pub fn fits(&self, len: usize) -> bool {
        let n = self.index.len();
        self.lines.len() == n
            && self.ids.len() == n
            && self.lines.iter().all(|&at| (at as usize) < len)
            && self.warnings.iter().all(|(row, _, _)| (*row as usize) < n)
    }

    /// The warnings as the full reader words them: `file:row:column: what` (row 1 is the header).
    pub fn warning_lines(&self, file: &str) -> Vec<String> {
        self.warnings
            .iter()
            .map(|(row, col, message)| format!("{file}:{}:{col}: {message}", row + 2))
            .collect()
    }

    /// The line of row `row` in `bytes` (the file this was read from).
    fn line<'b>(&self, bytes: &'b [u8], row: usize) -> Option<&'b str> {
        line_at(bytes, *self.lines.get(row)?, self.end)
    }

    /// Reads row `row` of `bytes` again and hands its fields and names to `f`; `None` when the
    /// line is no longer a row.
    pub fn with_row<T>(
        &self,
        bytes: &[u8],
        row: usize,
        f: impl FnOnce(&Fields, &str, Option<&str>) -> T,
    ) -> Option<T> {
        let mut cells: Vec<&str> = Vec::with_capacity(self.cols.width);
        split_line(self.line(bytes, row)?, &mut cells)?;
        let mut r = Row::from_text(&self.cols, |i| cells.get(i).copied());
        let fields = fields(&mut r);
        let mut full = String::new();
        let (name, alias) = keys(&fields, &mut full);
        Some(f(&fields, name, alias))
    }

    /// The matches `top` (row and score, best first) as [`find`] gives them; the index and the
    /// other rows' arrays are let go. `file` names the pool in the warnings.
    pub fn into_best(self, top: &[(usize, i64)], file: &str) -> Option<Best> {
        let top = top
            .iter()
            .map(|&(row, score)| Some((score, *self.lines.get(row)?)))
            .collect::<Option<Vec<_>>>()?;
        let warnings = self.warning_lines(file);
        Some(Best {
            top,
            warnings,
            cols: self.cols,
            end: self.end,
        })
    }

    /// The players of `rows` of `bytes`, in that order; `None` if a line is no longer a row.
    pub fn players(
        &self,
        bytes: &[u8],
        rows: impl IntoIterator<Item = usize>,
    ) -> Option<Vec<Player>> {
        let lines = rows
            .into_iter()
            .map(|row| self.lines.get(row).copied())
            .collect::<Option<Vec<u64>>>()?;
        players_at(bytes, &self.cols, self.end, lines, None)
    }
}

/// A regular CSV pool read whole into players by [`load`], as the full reader would read it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub players: Vec<Player>,
    /// Rows kept with a field left unknown: `file:row:column: what`, in row order.
    pub warnings: Vec<String>,
    /// The CSV row of each player (the header is row 1).
    pub rows: Vec<u64>,
}

/// Consecutive rows of a regular CSV pool read into players: one batch of [`load_chunks`].
#[derive(Debug, Default)]
pub struct Chunk {
    pub players: Vec<Player>,
    /// The CSV row of its first player (the header is row 1); the others follow one a row.
    pub first_row: u64,
    /// Rows kept with a field left unknown: `file:row:column: what`, in row order.
    pub warnings: Vec<String>,
}

impl Chunk {
    /// The CSV row of each player.
    pub fn rows(&self) -> std::ops::Range<u64> {
        self.first_row..self.first_row + self.players.len() as u64
    }
}

/// What [`load_chunks`] hands its caller, on the calling thread and in file order.
pub enum Step<T> {
    /// Rows and bytes read so far (every few thousand rows), and the rows in the file.
    Progress { rows: u64, bytes: u64, total: u64 },
    /// The next chunk, as `prepare` made it.
    Chunk(T),
}

/// How far [`load_chunks`] got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Streamed {
    /// Every row was handed over.
    Whole,
    /// The rows before this CSV row were handed over; from it on the file needs the full reader
    /// (a row it must skip or read differently, or an id seen before).
    From(u64),
}

/// Rows and bytes read so far by every thread.
#[derive(Default)]
struct Done {
    rows: std::sync::atomic::AtomicU64,
    bytes: std::sync::atomic::AtomicU64,
}

/// One chunk's rows to read: `bytes[start..end]` (whole lines, without the last line break),
/// its first CSV row, how many rows.
#[derive(Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    first_row: u64,
    rows: usize,
}

/// Reads every player of one span, adding its rows to `done` as it goes; `report` is called
/// every few thousand rows (on the calling thread's chunks only). `None` when a row is not
/// regular. The ids (as numbers) come back beside the chunk.
fn load_span(
    file: &str,
    bytes: &[u8],
    span: Span,
    room: usize,
    cols: &Columns,
    done: &Done,
    report: &mut dyn FnMut(),
) -> Option<(Chunk, Vec<u64>)> {
    use std::sync::atomic::Ordering::Relaxed;
    let text = std::str::from_utf8(&bytes[span.start..span.end]).ok()?;
    let mut chunk = Chunk {
        players: Vec::with_capacity(room),
        first_row: span.first_row,
        warnings: Vec::new(),
    };
    let mut ids = Vec::with_capacity(span.rows);
    let mut cells: Vec<&str> = Vec::with_capacity(cols.width);
    let (mut since, mut since_bytes) = (0u64, 0usize);
    for (i, line) in text.split('\n').enumerate() {
        let bytes_read = line.len() + 1;
        // CR LF ends a line as LF does; a lone CR is a line end the full reader takes.
        let line = line.strip_suffix('\r').unwrap_or(line);
        if memchr::memchr(b'\r', line.as_bytes()).is_some() || line.len() > MAX_RECORD_BYTES {
            return None;
        }
        split_line(line, &mut cells)?;
        if !regular_cells(&cells, cols.width) {
            return None;
        }
        let mut r = Row::from_text(cols, |i| cells.get(i).copied());
        let p = player_from_row(&mut r)?;
        let id =
            p.id.as_str()
                .strip_prefix("tm-")
                .and_then(|n| n.parse::<u64>().ok());
        ids.push(id.unwrap_or_default());
        let row = span.first_row + i as u64;
        for (col, message) in r.warnings {
            chunk
                .warnings
                .push(format!("{file}:{row}:{}: {message}", col.header()));
        }
        chunk.players.push(p);
        since += 1;
        since_bytes += bytes_read;
        if since == PROGRESS_EVERY {
            done.rows.fetch_add(since, Relaxed);
            done.bytes.fetch_add(since_bytes as u64, Relaxed);
            (since, since_bytes) = (0, 0);
            report();
        }
    }
    done.rows.fetch_add(since, Relaxed);
    done.bytes.fetch_add(since_bytes as u64, Relaxed);
    Some((chunk, ids))
}

/// Bytes of the file counted at a time: its pages are filled in, counted and let go again, so
/// counting a pool does not hold the whole file in memory beside the players it makes.
const COUNT_WINDOW: usize = 4 << 20;

/// Cuts `bytes[start..end]` into spans of `per` rows (the last one shorter), with the number of
/// rows in all; with `pages`, a window at a time ([`COUNT_WINDOW`]), each let go once counted.
fn spans(
    bytes: &[u8],
    start: usize,
    end: usize,
    per: usize,
    pages: Option<&Mapped>,
) -> (Vec<Span>, usize) {
    let per = per.max(1);
    let mut out = Vec::new();
    let (mut from, mut rows, mut first_row) = (start, 0usize, 2u64);
    let mut at = start;
    while at < end {
        let to = (at + COUNT_WINDOW).min(end);
        let window = &bytes[at..to];
        if let Some(m) = pages {
            m.populate(window);
        }
        for nl in memchr::memchr_iter(b'\n', window) {
            rows += 1;
            if rows == per {
                out.push(Span {
                    start: from,
                    end: at + nl,
                    first_row,
                    rows,
                });
                from = at + nl + 1;
                first_row += rows as u64;
                rows = 0;
            }
        }
        if let Some(m) = pages {
            m.release_part(window);
        }
        at = to;
    }
    out.push(Span {
        start: from,
        end,
        first_row,
        rows: rows + 1,
    });
    let all = (first_row - 2) as usize + rows + 1;
    (out, all)
}

/// What a thread made of one span: `None` when it is not regular.
type Made<T> = Option<(T, Vec<u64>)>;

/// Reads a regular CSV pool (`bytes`, named `file` in messages) in chunks of `chunk_rows` rows,
/// on both cores: each chunk is read into players and handed to `prepare` on the thread that
/// read it, and what `prepare` makes goes to `on` in file order, on the calling thread, with
/// progress between. Gives what the full reader gives: the same players, warnings and rows.
///
/// `None` (nothing handed over) when the file needs the full reader from the start; an error
/// when its header is unusable; [`Streamed::From`] when a row further on needs it (every row
/// before it was handed over, and is what the full reader reads there).
pub fn load_chunks<T: Send>(
    file: &str,
    bytes: &[u8],
    pages: Option<&Mapped>,
    chunk_rows: usize,
    prepare: &(dyn Fn(Chunk) -> T + Sync),
    on: &mut dyn FnMut(Step<T>),
) -> Result<Option<Streamed>, StoreError> {
    use std::sync::atomic::Ordering::Relaxed;
    use std::sync::atomic::{AtomicBool, AtomicUsize};
    let Some((cols, header_end, end)) = frame(file, bytes)? else {
        return Ok(None);
    };
    if end <= header_end {
        return Ok(Some(Streamed::Whole));
    }
    let both = end - header_end > SPLIT_ABOVE;
    let (mut spans, rows) = spans(bytes, header_end, end, chunk_rows, pages);
    // Two cores need two chunks at least.
    if both && spans.len() < 2 {
        let per = chunk_rows.min(rows.div_ceil(2));
        spans = self::spans(bytes, header_end, end, per, pages).0;
    }
    let spans = &spans[..];
    let (next, stop, done) = (AtomicUsize::new(0), AtomicBool::new(false), Done::default());
    // A caller taking the whole file at once gets the first chunk with room for every player,
    // so the others are appended to it (growing a 100k Vec<Player> copies it).
    let room = |k: usize| {
        if k == 0 && chunk_rows >= rows {
            rows
        } else {
            spans[k].rows
        }
    };
    let make = |k: usize, report: &mut dyn FnMut()| -> Made<T> {
        let span = spans[k];
        if let Some(m) = pages {
            m.populate(&bytes[span.start..span.end]);
        }
        let made = load_span(file, bytes, span, room(k), &cols, &done, report);
        // Read: its pages go back (the players hold copies), so the mapping is let go as the
        // players grow, not held whole beside them.
        if let Some(m) = pages {
            m.release_part(&bytes[span.start..span.end]);
        }
        let (chunk, ids) = made?;
        Some((prepare(chunk), ids))
    };
    let report = |on: &mut dyn FnMut(Step<T>)| {
        on(Step::Progress {
            rows: done.rows.load(Relaxed),
            bytes: header_end as u64 + done.bytes.load(Relaxed),
            total: rows as u64,
        })
    };
    let mut order = InOrder {
        spans,
        ready: (0..spans.len()).map(|_| None).collect(),
        handed: 0,
        seen: SeenIds::default(),
    };
    // The count goes out before the first chunk: how much is coming.
    report(on);
    let cut = std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, Made<T>)>();
        if both {
            let (next, stop, make) = (&next, &stop, &make);
            s.spawn(move || {
                while !stop.load(Relaxed) {
                    let k = next.fetch_add(1, Relaxed);
                    if k >= spans.len() || tx.send((k, make(k, &mut || {}))).is_err() {
                        break;
                    }
                }
            });
        } else {
            drop(tx);
        }
        let cut = loop {
            let k = next.fetch_add(1, Relaxed);
            if k >= spans.len() {
                break None;
            }
            order.ready[k] = Some(make(k, &mut || report(on)));
            while let Ok((k, made)) = rx.try_recv() {
                order.ready[k] = Some(made);
            }
            if let Some(row) = order.hand(on, &report) {
                break Some(row);
            }
        };
        // Nothing left to read here: hand over the other thread's chunks as they come.
        let cut = cut.or_else(|| {
            loop {
                if let Some(row) = order.hand(on, &report) {
                    break Some(row);
                }
                if order.handed == spans.len() {
                    break None;
                }
                match rx.recv() {
                    Ok((k, made)) => order.ready[k] = Some(made),
                    // The other thread ended early (a panic): the full reader reads the rest.
                    Err(_) => break Some(spans[order.handed].first_row),
                }
            }
        });
        stop.store(true, Relaxed);
        cut
    });
    if let Some(row) = cut {
        return Ok(Some(Streamed::From(row)));
    }
    on(Step::Progress {
        rows: rows as u64,
        bytes: bytes.len() as u64,
        total: rows as u64,
    });
    Ok(Some(Streamed::Whole))
}

/// Sends the progress so far to where the steps go.
type Report<'a, T> = dyn Fn(&mut dyn FnMut(Step<T>)) + 'a;

/// Chunks made by either thread, handed over in file order.
struct InOrder<'s, T> {
    spans: &'s [Span],
    ready: Vec<Option<Made<T>>>,
    handed: usize,
    /// Every id handed over.
    seen: SeenIds,
}

/// A set of ids as numbers: a bit each up to [`SeenIds::BITS`] (Transfermarkt's ids are all
/// below two million: a million players' ids fit in a few hundred kilobytes, where a hash set
/// of them takes 18 MiB), a hash set for any beyond.
#[derive(Default)]
struct SeenIds {
    bits: Vec<u64>,
    far: std::collections::HashSet<u64, crate::domain::ids::IdHasher>,
}

impl SeenIds {
    /// Ids below this are bits: at most 16 MiB of them.
    const BITS: u64 = 1 << 27;

    /// Adds `id`; `false` when it was in already.
    fn insert(&mut self, id: u64) -> bool {
        if id >= Self::BITS {
            return self.far.insert(id);
        }
        let (word, bit) = ((id / 64) as usize, 1u64 << (id % 64));
        if word >= self.bits.len() {
            self.bits.resize((word + 1).next_power_of_two(), 0);
        }
        let new = self.bits[word] & bit == 0;
        self.bits[word] |= bit;
        new
    }
}

impl<T> InOrder<'_, T> {
    /// Hands over every chunk whose turn has come; `Some(row)` where the full reader must take
    /// over.
    fn hand(&mut self, on: &mut dyn FnMut(Step<T>), progress: &Report<T>) -> Option<u64> {
        while self.handed < self.spans.len() {
            let made = self.ready[self.handed].take()?;
            let first_row = self.spans[self.handed].first_row;
            let Some((t, ids)) = made else {
                return Some(first_row);
            };
            // An id seen before: the full reader keeps the first and says where.
            if !ids.iter().all(|&id| self.seen.insert(id)) {
                return Some(first_row);
            }
            on(Step::Chunk(t));
            self.handed += 1;
            progress(on);
        }
        None
    }
}

/// Reads a regular CSV pool (`bytes`, named `file` in messages) whole into players, on both
/// cores, giving what the full reader gives: the same players, warnings and rows. `progress`
/// (rows, bytes) is called every few thousand rows. `None` when the file needs the full reader
/// (which says what is wrong and where); an error when its header is unusable.
pub fn load(
    file: &str,
    bytes: &[u8],
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Option<Loaded>, StoreError> {
    let mut out = Loaded::default();
    let got = load_chunks(
        file,
        bytes,
        None,
        usize::MAX,
        &|chunk| chunk,
        &mut |step| match step {
            Step::Progress { rows, bytes, .. } => progress(rows, bytes),
            Step::Chunk(chunk) => {
                out.rows.extend(chunk.rows());
                out.warnings.extend(chunk.warnings);
                if out.players.is_empty() {
                    out.players = chunk.players;
                } else {
                    out.players.extend(chunk.players);
                }
            }
        },
    )?;
    Ok(match got {
        Some(Streamed::Whole) => Some(out),
        _ => None,
    })
}

/// A row both fast paths can read: every column there and not all of them blank (anything else
/// is left to the full reader, which names the place).
fn regular_cells(cells: &[&str], width: usize) -> bool {
    cells.len() == width
        && !cells
            .iter()
            .all(|c| c.bytes().all(|b| b.is_ascii_whitespace()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_ids_tell_a_second_sighting_near_and_far() {
        let mut seen = SeenIds::default();
        for id in [
            0,
            63,
            64,
            1_300_000,
            SeenIds::BITS - 1,
            SeenIds::BITS,
            u64::MAX,
        ] {
            assert!(seen.insert(id), "{id} first");
            assert!(!seen.insert(id), "{id} again");
        }
        assert!(seen.insert(65) && seen.insert(1_299_999));
        assert!(seen.bits.len() * 8 <= 1 << 24, "{} words", seen.bits.len());
    }

    #[test]
    fn lines_split_into_cells_or_are_left_to_the_full_reader() {
        let mut cells = Vec::new();
        assert!(split_line("1,Ann,,x", &mut cells).is_some());
        assert_eq!(cells, vec!["1", "Ann", "", "x"]);
        assert!(split_line("1,\"Oak, Ann\",\"\"", &mut cells).is_some());
        assert_eq!(cells, vec!["1", "Oak, Ann", ""]);
        assert!(split_line("1,Ann,\"Oak\"", &mut cells).is_some());
        assert_eq!(cells, vec!["1", "Ann", "Oak"]);
        for odd in [
            "1,\"Ann \"\"A\"\" Oak\"",
            "1,\"unclosed",
            "1,An\"n",
            "1,\"Ann\"x",
        ] {
            assert!(split_line(odd, &mut cells).is_none(), "{odd:?}");
        }
    }

    /// Issue 24: CR LF line ends (Python's `csv`, every spreadsheet), alone or mixed with LF,
    /// are read on the fast path as LF is; where each line starts is where it starts.
    #[test]
    fn crlf_and_mixed_line_ends_read_as_lf() {
        for text in [
            &b"player_id,name\r\n1,Ann\r\n2,\"Bo, B\"\n3,Cy\r\n"[..],
            b"player_id,name\r\n1,Ann\r\n2,\"Bo, B\"\n3,Cy",
        ] {
            let got = scan("p.csv", text).expect("header").expect("regular");
            assert_eq!(got.ids, vec![1, 2, 3]);
            assert_eq!(got.lines, vec![16, 23, 33]);
            let names: Vec<String> = (0..3)
                .map(|r| {
                    got.with_row(text, r, |_, name, _| name.to_string())
                        .expect("row")
                })
                .collect();
            assert_eq!(names, ["Ann", "Bo, B", "Cy"]);
            let loaded = load("p.csv", text, &mut |_, _| {})
                .expect("header")
                .expect("regular");
            let names: Vec<&str> = loaded.players.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(names, ["Ann", "Bo, B", "Cy"]);
        }
    }

    #[test]
    fn irregular_files_are_left_to_the_full_reader() {
        let ok = scan("p.csv", b"player_id,name\n1,Ann\n2,Bo\n")
            .expect("header")
            .expect("regular");
        assert_eq!(ok.index.len(), 2);
        assert_eq!(ok.lines, vec![15, 21]);
        assert_eq!(ok.ids, vec![1, 2]);
        for odd in [
            &b"player_id,name\n1,Ann\n\n2,Bo\n"[..],
            b"player_id,name\r\n1,Ann\r\n\r\n2,Bo\r\n",
            b"player_id,name\n1,\"Ann\nOak\"\n",
            b"player_id,name\n1,Ann\n1,Ann B\n",
            b"player_id,name\nx,Ann\n",
            b"player_id,name\n1,Ann,extra\n",
            // Not UTF-8: a stray continuation byte, a cut char, a byte no UTF-8 has.
            b"player_id,name\n1,Ann\n2,B\x80o\n",
            b"player_id,name\n1,Ann\xc3,x\n",
            b"player_id,name\n1,\"Ann\xff\"\n",
            // A carriage return at the end, inside a cell, inside quotes.
            b"player_id,name\n1,Ann\n2,Bo\r",
            b"player_id,name\n1,A\rnn\n",
            b"player_id,name\n1,\"A,\rnn\"\n",
        ] {
            let got = scan("p.csv", odd).expect("header");
            assert!(got.is_none(), "{}", String::from_utf8_lossy(odd));
        }
        assert!(scan("p.csv", b"id,name\n1,Ann\n").is_err());
    }

    #[test]
    fn marks_are_every_comma_quote_line_end_and_wide_byte() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in 0..300 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    [
                        b',', b'"', b'\n', b'a', b' ', 0xc3, 0xa9, 0x80, 0, b'z', b'\r',
                    ][(state % 11) as usize]
                })
                .collect();
            let expected: Vec<usize> = (0..len)
                .filter(|&i| matches!(bytes[i], b',' | b'"' | b'\n' | b'\r') || bytes[i] >= 0x80)
                .collect();
            assert_eq!(
                Marks::new(&bytes).collect::<Vec<_>>(),
                expected,
                "{bytes:?}"
            );
        }
    }

    /// A pool of a few hundred windows (4 KiB in the unit tests), mapped and let go a window at
    /// a time: scored as it is read, it ranks as its index does, ties in file order.
    #[test]
    fn scored_as_read_it_ranks_as_the_index_across_windows() {
        use std::io::Write;
        const NAMES: &[(&str, &str)] = &[
            ("João", "Gonçalves"),
            ("Joao", "Goncalves"),
            ("Mar", "Marín"),
            ("Ann", "Oak"),
            ("Łukasz", "Żółć"),
            ("Ma", "Kim"),
        ];
        let mut text = String::from("player_id,first_name,last_name,name,foot\n");
        for i in 0..20_000usize {
            let (first, last) = NAMES[(i * 7 + i / 5) % NAMES.len()];
            let foot = if i % 997 == 0 { "-" } else { "left" };
            if i % 1013 == 0 {
                // Known by another name: found by both.
                text.push_str(&format!("{i},{first},{last},\"{last}, Jr\",{foot}\n"));
            } else {
                text.push_str(&format!("{i},{first},{last},{first} {last},{foot}\n"));
            }
        }
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        file.write_all(text.as_bytes()).expect("write");
        let mapped = Mapped::open_lazy(file.as_file()).expect("mapped");
        let bytes = mapped.bytes();
        let scanned = scan_mapped("p.csv", bytes, Some(&mapped))
            .expect("header")
            .expect("regular");
        let starts: Vec<u64> = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', bytes).map(|i| i as u64 + 1))
            .skip(1)
            .take(20_000)
            .collect();
        assert_eq!(scanned.lines, starts);
        let keep = |id: u64, _: &Fields, _: &str, _: Option<&str>| !id.is_multiple_of(3);
        for q in ["joao goncalves", "mar", "zolc", "jr oak", "a", "qq"] {
            for limit in [1, 5, 50, 0] {
                let got = find("p.csv", bytes, Some(&mapped), q, limit, &keep)
                    .expect("header")
                    .expect("regular");
                let n = if limit == 0 {
                    scanned.index.len()
                } else {
                    limit
                };
                let top = scanned
                    .index
                    .ranked_where(q, n, &mut |row| !scanned.ids[row].is_multiple_of(3));
                let expected: Vec<(i64, u64)> = top
                    .iter()
                    .map(|&(row, score)| (score, scanned.lines[row]))
                    .collect();
                assert_eq!(got.top, expected, "`{q}` limit {limit}");
                assert_eq!(got.warnings, scanned.warning_lines("p.csv"), "`{q}`");
            }
        }
        assert_eq!(scanned.warnings.len(), 21);
    }
}
