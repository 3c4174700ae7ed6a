//! `find` over a CSV pool straight from the file's bytes: every row is checked as the full
//! reader checks it (so the same warnings, at the same `file:row:column`), but only its names are
//! scored, no player is built and no index is kept; the players printed are built at the end.
//! The file is split at a line boundary and both halves are read at once.
//!
//! It covers the regular file: one line a row, no line breaks or escaped quotes inside fields, no
//! carriage returns or blank lines, no row to skip and no id twice. On anything else it answers
//! `None` and the caller reads the pool with the full reader, which says exactly what is wrong
//! and where.

use crate::domain::Player;
use crate::search::fold_char;
use crate::search::index::SearchIndex;
use crate::store::csv_import::{Columns, Fields, PROGRESS_EVERY, Row, fields, player_from_row};
use crate::store::ron_file::StoreError;

/// Private, and on Linux filled in at once rather than a page fault at a time.
#[cfg(target_os = "linux")]
const MAP_FLAGS: libc::c_int = libc::MAP_PRIVATE | libc::MAP_POPULATE;
#[cfg(not(target_os = "linux"))]
const MAP_FLAGS: libc::c_int = libc::MAP_PRIVATE;

/// A file's bytes, mapped read-only from the page cache: no copy and no fresh pages to fault
/// in (reading a 25 MB pool into a `Vec` was a fifth of `find`'s time).
///
/// A file cut shorter by another program while it is mapped would end the process (SIGBUS);
/// a pool being rewritten is replaced by a rename (as our own writes do), which is safe.
pub struct Mapped {
    ptr: *mut libc::c_void,
    len: usize,
}

// The mapping is read-only and private: sharing it between threads is sharing a `&[u8]`.
unsafe impl Send for Mapped {}
unsafe impl Sync for Mapped {}

impl Mapped {
    /// Maps `file`; `None` when it is empty or cannot be mapped (then read it instead).
    pub fn open(file: &std::fs::File) -> Option<Mapped> {
        use std::os::fd::AsRawFd;
        let len = usize::try_from(file.metadata().ok()?.len()).ok()?;
        if len == 0 {
            return None;
        }
        // SAFETY: a fresh read-only private mapping of an open file; checked for failure.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ,
                MAP_FLAGS,
                file.as_raw_fd(),
                0,
            )
        };
        (ptr != libc::MAP_FAILED).then_some(Mapped { ptr, len })
    }

    /// Hands the pages read so far back to the page cache (they are read again when touched):
    /// once `find` has hashed the whole pool it needs only the lines it prints, and the pool
    /// need not count in its memory while the cache is decoded.
    pub fn release(&self) {
        // SAFETY: advice on the range `open` mapped; a private read-only mapping of a file
        // reads the same bytes again from the file.
        unsafe {
            libc::madvise(self.ptr, self.len, libc::MADV_DONTNEED);
        }
    }

    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `ptr` maps `len` readable bytes until `drop`.
        unsafe { std::slice::from_raw_parts(self.ptr.cast::<u8>(), self.len) }
    }
}

impl Drop for Mapped {
    fn drop(&mut self) {
        // SAFETY: unmaps what `open` mapped, once.
        unsafe {
            libc::munmap(self.ptr, self.len);
        }
    }
}

/// Below this size one thread reads the whole file (starting a second costs more).
const SPLIT_ABOVE: usize = 512 * 1024;

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

/// What one thread found in its part of the file.
#[derive(Default)]
struct Part {
    index: SearchIndex,
    lines: Vec<u64>,
    ids: Vec<u64>,
    /// (row index in the part, column, message)
    warnings: Vec<(u64, &'static str, String)>,
    /// The part is not regular: the full reader must read the file.
    irregular: bool,
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

/// Reads the rows of `bytes[start..end]` (whole lines).
fn scan_part(bytes: &[u8], start: usize, end: usize, cols: &Columns) -> Part {
    let mut part = Part::default();
    let mut cells: Vec<&str> = Vec::with_capacity(cols.width);
    let mut full = String::new();
    // One check of the whole part: its lines and cells, cut at ASCII bytes, are then text.
    let Ok(text) = std::str::from_utf8(&bytes[start..end]) else {
        part.irregular = true;
        return part;
    };
    let (bytes, end) = (text.as_bytes(), end - start);
    // One pass over the part for commas, quotes and line ends together (a search per line cost
    // more than the lines are long).
    let mut hits = memchr::memchr3_iter(b',', b'"', b'\n', bytes);
    let mut at = 0;
    while at < end {
        let line_start = at;
        let mut cell_start = at;
        cells.clear();
        let mut plain = true;
        let line_end = loop {
            match hits.next() {
                // Inside a quoted line read before.
                Some(i) if i < line_start => {}
                Some(i) if bytes[i] == b',' => {
                    cells.push(&text[cell_start..i]);
                    cell_start = i + 1;
                }
                Some(i) if bytes[i] == b'\n' => {
                    cells.push(&text[cell_start..i]);
                    break i;
                }
                Some(_) => {
                    let line_end = memchr::memchr(b'\n', &bytes[line_start..end])
                        .map_or(end, |i| line_start + i);
                    plain = split_quoted(&text[line_start..line_end], &mut cells).is_some();
                    break line_end;
                }
                None => {
                    cells.push(&text[cell_start..end]);
                    break end;
                }
            }
        };
        let row = part.lines.len() as u64;
        at = line_end + 1;
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
        part.lines.push((start + line_start) as u64);
        for (col, message) in r.warnings {
            part.warnings.push((row, col.header(), message));
        }
        let (name, alias) = keys(&f, &mut full);
        part.index.push(name, alias);
    }
    part
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
    let head = &bytes[..header_end];
    if memchr::memchr2(b'"', b'\r', head).is_some() {
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
    let end = bytes.len() - usize::from(bytes.ends_with(b"\n") && bytes.len() > header_end);
    Ok(Some((cols, header_end, end)))
}

/// Reads the CSV `bytes` (named `file` in messages) for `find`: every row checked as the full
/// reader checks it, its names indexed. `None` when the file needs the full reader; an error
/// when its header is unusable.
pub fn scan(file: &str, bytes: &[u8]) -> Result<Option<Scanned>, StoreError> {
    if memchr::memchr(b'\r', bytes).is_some() {
        return Ok(None);
    }
    let Some((cols, header_end, end)) = frame(file, bytes)? else {
        return Ok(None);
    };
    let middle = header_end + (end - header_end) / 2;
    let split = if end - header_end > SPLIT_ABOVE {
        memchr::memchr(b'\n', &bytes[middle..end]).map(|i| middle + i + 1)
    } else {
        None
    };
    let parts: Vec<Part> = match split {
        Some(split) => std::thread::scope(|s| {
            let second = s.spawn(|| scan_part(bytes, split, end, &cols));
            let first = scan_part(bytes, header_end, split, &cols);
            let second = second.join().unwrap_or_else(|_| Part {
                irregular: true,
                ..Part::default()
            });
            vec![first, second]
        }),
        None => vec![scan_part(bytes, header_end, end, &cols)],
    };
    if parts.iter().any(|p| p.irregular) {
        return Ok(None);
    }
    // An id twice: the full reader says where.
    let mut ids: Vec<u64> = parts.iter().flat_map(|p| p.ids.iter().copied()).collect();
    ids.sort_unstable();
    if ids.windows(2).any(|w| w[0] == w[1]) {
        return Ok(None);
    }
    drop(ids);
    let mut out = Scanned {
        index: SearchIndex::new(),
        lines: Vec::new(),
        ids: Vec::new(),
        warnings: Vec::new(),
        cols,
        end,
    };
    for p in parts {
        let offset = out.lines.len() as u64;
        out.warnings.extend(
            p.warnings
                .into_iter()
                .map(|(row, col, message)| (offset + row, col.to_string(), message)),
        );
        out.index.append(p.index);
        out.lines.extend(p.lines);
        out.ids.extend(p.ids);
    }
    Ok(Some(out))
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
        let at = usize::try_from(*self.lines.get(row)?).ok()?;
        let end = self.end.min(bytes.len());
        if at >= end {
            return None;
        }
        let line_end = memchr::memchr(b'\n', &bytes[at..end]).map_or(end, |i| at + i);
        std::str::from_utf8(&bytes[at..line_end]).ok()
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

    /// The players of `rows` of `bytes`, in that order; `None` if a line is no longer a row.
    pub fn players(
        &self,
        bytes: &[u8],
        rows: impl IntoIterator<Item = usize>,
    ) -> Option<Vec<Player>> {
        let mut cells: Vec<&str> = Vec::with_capacity(self.cols.width);
        let mut out = Vec::new();
        for row in rows {
            split_line(self.line(bytes, row)?, &mut cells)?;
            let mut r = Row::from_text(&self.cols, |i| cells.get(i).copied());
            out.push(player_from_row(&mut r)?);
        }
        Some(out)
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

/// What one thread read of its part of the file.
#[derive(Default)]
struct LoadedPart {
    players: Vec<Player>,
    ids: Vec<u64>,
    warnings: Vec<(u64, &'static str, String)>,
    irregular: bool,
}

/// Reads every player of the rows of `bytes[start..end]`, adding each row to `done` (rows and
/// bytes) as it goes; `report` is called on the calling thread's part only.
fn load_part(
    bytes: &[u8],
    start: usize,
    end: usize,
    cols: &Columns,
    room: usize,
    done: &Done,
    report: &mut dyn FnMut(),
) -> LoadedPart {
    use std::sync::atomic::Ordering::Relaxed;
    let mut part = LoadedPart {
        players: Vec::with_capacity(room),
        ..LoadedPart::default()
    };
    let Ok(text) = std::str::from_utf8(&bytes[start..end]) else {
        part.irregular = true;
        return part;
    };
    let mut cells: Vec<&str> = Vec::with_capacity(cols.width);
    let mut since = 0u64;
    let mut since_bytes = 0usize;
    for (row, line) in text.split('\n').enumerate() {
        if split_line(line, &mut cells).is_none() || !regular_cells(&cells, cols.width) {
            part.irregular = true;
            return part;
        }
        let mut r = Row::from_text(cols, |i| cells.get(i).copied());
        let Some(p) = player_from_row(&mut r) else {
            part.irregular = true;
            return part;
        };
        let id =
            p.id.as_str()
                .strip_prefix("tm-")
                .and_then(|n| n.parse::<u64>().ok());
        part.ids.push(id.unwrap_or_default());
        for (col, message) in r.warnings {
            part.warnings.push((row as u64, col.header(), message));
        }
        part.players.push(p);
        since += 1;
        since_bytes += line.len() + 1;
        if since == PROGRESS_EVERY {
            done.rows.fetch_add(since, Relaxed);
            done.bytes.fetch_add(since_bytes as u64, Relaxed);
            (since, since_bytes) = (0, 0);
            report();
        }
    }
    done.rows.fetch_add(since, Relaxed);
    done.bytes.fetch_add(since_bytes as u64, Relaxed);
    part
}

/// Rows and bytes read so far by every thread.
#[derive(Default)]
struct Done {
    rows: std::sync::atomic::AtomicU64,
    bytes: std::sync::atomic::AtomicU64,
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
    use std::sync::atomic::Ordering::Relaxed;
    if memchr::memchr(b'\r', bytes).is_some() {
        return Ok(None);
    }
    let Some((cols, header_end, end)) = frame(file, bytes)? else {
        return Ok(None);
    };
    if end <= header_end {
        return Ok(Some(Loaded::default()));
    }
    // Room for every player at once: growing a 100k Vec<Player> copies it.
    let rows = memchr::memchr_iter(b'\n', &bytes[header_end..end]).count() + 1;
    let middle = header_end + (end - header_end) / 2;
    let split = if end - header_end > SPLIT_ABOVE {
        memchr::memchr(b'\n', &bytes[middle..end]).map(|i| middle + i + 1)
    } else {
        None
    };
    let done = Done::default();
    let mut report = || {
        progress(
            done.rows.load(Relaxed),
            (header_end as u64) + done.bytes.load(Relaxed),
        )
    };
    let parts: Vec<LoadedPart> = match split {
        Some(split) => std::thread::scope(|s| {
            let second = s.spawn(|| {
                let others = rows.saturating_sub(1) / 2 + 1;
                load_part(bytes, split, end, &cols, others, &done, &mut || {})
            });
            // The first part without the line break before the second.
            let first = load_part(
                bytes,
                header_end,
                split - 1,
                &cols,
                rows,
                &done,
                &mut report,
            );
            let second = second.join().unwrap_or_else(|_| LoadedPart {
                irregular: true,
                ..LoadedPart::default()
            });
            vec![first, second]
        }),
        None => vec![load_part(
            bytes,
            header_end,
            end,
            &cols,
            rows,
            &done,
            &mut report,
        )],
    };
    if parts.iter().any(|p| p.irregular) {
        return Ok(None);
    }
    let mut ids: Vec<u64> = parts.iter().flat_map(|p| p.ids.iter().copied()).collect();
    ids.sort_unstable();
    if ids.windows(2).any(|w| w[0] == w[1]) {
        return Ok(None);
    }
    drop(ids);
    let mut out = Loaded::default();
    for p in parts {
        let offset = out.players.len() as u64;
        out.warnings.extend(
            p.warnings
                .into_iter()
                .map(|(row, col, message)| format!("{file}:{}:{col}: {message}", offset + row + 2)),
        );
        if out.players.is_empty() {
            // The first part was given room for all.
            out.players = p.players;
        } else {
            out.players.extend(p.players);
        }
    }
    out.rows = (2..out.players.len() as u64 + 2).collect();
    progress(out.players.len() as u64, bytes.len() as u64);
    Ok(Some(out))
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

    #[test]
    fn irregular_files_are_left_to_the_full_reader() {
        let ok = scan("p.csv", b"player_id,name\n1,Ann\n2,Bo\n")
            .expect("header")
            .expect("regular");
        assert_eq!(ok.index.len(), 2);
        assert_eq!(ok.lines, vec![15, 21]);
        assert_eq!(ok.ids, vec![1, 2]);
        for odd in [
            &b"player_id,name\r\n1,Ann\r\n"[..],
            b"player_id,name\n1,Ann\n\n2,Bo\n",
            b"player_id,name\n1,\"Ann\nOak\"\n",
            b"player_id,name\n1,Ann\n1,Ann B\n",
            b"player_id,name\nx,Ann\n",
            b"player_id,name\n1,Ann,extra\n",
        ] {
            let got = scan("p.csv", odd).expect("header");
            assert!(got.is_none(), "{}", String::from_utf8_lossy(odd));
        }
        assert!(scan("p.csv", b"id,name\n1,Ann\n").is_err());
    }
}
