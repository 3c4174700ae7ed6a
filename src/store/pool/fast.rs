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
use crate::search::index::KeyScorer;
use crate::store::csv_import::{Columns, Fields, Row, fields, player_from_row};
use crate::store::ron_file::StoreError;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

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

/// What a fast `find` over a pool found.
#[derive(Debug, Default)]
pub struct Found {
    /// The best matches, best first (ties in file order): score, and the player.
    pub top: Vec<(i64, Player)>,
    /// Rows kept with a field left unknown, as `file:row:column: what`, in row order.
    pub warnings: Vec<String>,
}

/// One scored row: score, row index (0 = first data row), where its line starts.
type Scored = (i64, u64, usize);

/// What one thread found in its part of the file.
#[derive(Default)]
struct Part {
    rows: u64,
    ids: Vec<u64>,
    /// (row index in the part, column, message)
    warnings: Vec<(u64, &'static str, String)>,
    top: Vec<Scored>,
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
fn keys<'a>(f: &Fields<'a>, full: &'a mut String) -> (&'a str, Option<&'a str>) {
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

/// Keeps the `limit` best (0: all), ties to the earlier row.
struct Best {
    limit: usize,
    heap: BinaryHeap<(Reverse<i64>, u64, usize)>,
    all: Vec<Scored>,
}

impl Best {
    fn new(limit: usize) -> Best {
        Best {
            limit,
            heap: BinaryHeap::new(),
            all: Vec::new(),
        }
    }

    fn offer(&mut self, score: i64, row: u64, at: usize) {
        if self.limit == 0 {
            self.all.push((score, row, at));
        } else if self.heap.len() < self.limit {
            self.heap.push((Reverse(score), row, at));
        } else if self
            .heap
            .peek()
            .is_some_and(|(Reverse(w), _, _)| score > *w)
        {
            self.heap.pop();
            self.heap.push((Reverse(score), row, at));
        }
    }

    fn into_vec(self) -> Vec<Scored> {
        let mut v = self.all;
        v.extend(self.heap.into_iter().map(|(Reverse(s), r, a)| (s, r, a)));
        v
    }
}

/// Reads the rows of `bytes[start..end]` (whole lines).
fn scan_part(
    bytes: &[u8],
    start: usize,
    end: usize,
    cols: &Columns,
    query: &str,
    limit: usize,
    keep: &(dyn Fn(&Fields, &str, Option<&str>) -> bool + Sync),
) -> Part {
    let mut part = Part::default();
    let Some(mut scorer) = KeyScorer::new(query) else {
        part.irregular = true;
        return part;
    };
    let mut best = Best::new(limit);
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
        let row = part.rows;
        part.rows += 1;
        at = line_end + 1;
        if !plain
            || cells.len() != cols.width
            || cells
                .iter()
                .all(|c| c.bytes().all(|b| b.is_ascii_whitespace()))
        {
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
        let Some(score) = scorer.score(std::iter::once(name).chain(alias)) else {
            continue;
        };
        if keep(&f, name, alias) {
            best.offer(score, row, start + line_start);
        }
    }
    part.top = best.into_vec();
    part
}

/// `find` over the CSV `bytes` (named `file` in messages): the `limit` best rows (0: all) for
/// the folded `query`, among rows `keep` keeps (given the row, its name and its other name).
/// `None` when the file needs the full reader; an error when its header is unusable.
pub fn find(
    file: &str,
    bytes: &[u8],
    query: &str,
    limit: usize,
    keep: &(dyn Fn(&Fields, &str, Option<&str>) -> bool + Sync),
) -> Result<Option<Found>, StoreError> {
    if memchr::memchr(b'\r', bytes).is_some() || KeyScorer::new(query).is_none() {
        return Ok(None);
    }
    let Some(header_end) = memchr::memchr(b'\n', bytes).map(|i| i + 1) else {
        return Ok(None);
    };
    let head = &bytes[..header_end];
    if memchr::memchr(b'"', head).is_some() {
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
    // The data ends before a final line break.
    let end = bytes.len() - usize::from(bytes.ends_with(b"\n") && bytes.len() > header_end);
    let middle = header_end + (end - header_end) / 2;
    let split = if end - header_end > SPLIT_ABOVE {
        memchr::memchr(b'\n', &bytes[middle..end]).map(|i| middle + i + 1)
    } else {
        None
    };
    let parts: Vec<Part> = match split {
        Some(split) => std::thread::scope(|s| {
            let second = s.spawn(|| scan_part(bytes, split, end, &cols, query, limit, keep));
            let first = scan_part(bytes, header_end, split, &cols, query, limit, keep);
            let second = second.join().unwrap_or_else(|_| Part {
                irregular: true,
                ..Part::default()
            });
            vec![first, second]
        }),
        None => vec![scan_part(bytes, header_end, end, &cols, query, limit, keep)],
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
    let mut found = Found::default();
    let mut top: Vec<Scored> = Vec::new();
    let mut offset = 0;
    for p in parts {
        for (row, col, message) in p.warnings {
            // Row 1 is the header.
            found
                .warnings
                .push(format!("{file}:{}:{col}: {message}", offset + row + 2));
        }
        top.extend(p.top.into_iter().map(|(s, r, a)| (s, offset + r, a)));
        offset += p.rows;
    }
    top.sort_unstable_by_key(|&(score, row, _)| (Reverse(score), row));
    if limit > 0 {
        top.truncate(limit);
    }
    let mut cells: Vec<&str> = Vec::with_capacity(cols.width);
    for (score, _, at) in top {
        let line_end = memchr::memchr(b'\n', &bytes[at..end]).map_or(end, |i| at + i);
        let Ok(line) = std::str::from_utf8(&bytes[at..line_end]) else {
            return Ok(None);
        };
        if split_line(line, &mut cells).is_none() {
            return Ok(None);
        }
        let mut r = Row::from_text(&cols, |i| cells.get(i).copied());
        let Some(p) = player_from_row(&mut r) else {
            return Ok(None);
        };
        found.top.push((score, p));
    }
    Ok(Some(found))
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
        let all = |_: &Fields, _: &str, _: Option<&str>| true;
        let ok = find("p.csv", b"player_id,name\n1,Ann\n2,Bo\n", "ann", 5, &all)
            .expect("header")
            .expect("regular");
        assert_eq!(ok.top.len(), 1);
        for odd in [
            &b"player_id,name\r\n1,Ann\r\n"[..],
            b"player_id,name\n1,Ann\n\n2,Bo\n",
            b"player_id,name\n1,\"Ann\nOak\"\n",
            b"player_id,name\n1,Ann\n1,Ann B\n",
            b"player_id,name\nx,Ann\n",
            b"player_id,name\n1,Ann,extra\n",
        ] {
            let got = find("p.csv", odd, "ann", 5, &all).expect("header");
            assert!(got.is_none(), "{}", String::from_utf8_lossy(odd));
        }
        assert!(find("p.csv", b"id,name\n1,Ann\n", "ann", 5, &all).is_err());
    }
}
