//! The cache beside a CSV pool that `find` reads instead of the pool's 23 columns: every row's
//! names already folded and indexed, where its line starts, its id, and the rows kept with a
//! field left unknown ([`Scanned`]).
//!
//! It is the file `.NAME.squadboard-cache` in the pool's folder, written whole through
//! [`crate::store::atomic::write_rebuildable`] (never half; not flushed to disk, since a cache a
//! crash left stale or empty fails its own checks and is written again), and used only while the pool has the size,
//! modification time and content hash it had when the cache was written; the hash is taken
//! again on every use (a few milliseconds for 25 MB, on both cores). A cache that is stale,
//! damaged, of another version or unreadable is ignored and written again; a folder that cannot
//! be written only means no cache. Pools under [`CACHE_ABOVE`] get none: reading them is quicker.

use super::fast::{Mapped, Scanned, frame};
use crate::search::codec::{Reader, Writer};
use crate::search::index::SearchIndex;
use crate::store::ron_file::StoreError;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"SQBFIND\0";
/// Raised whenever what is stored, or how names are folded and scored, changes.
const VERSION: u64 = 2;

/// Pools smaller than this are read straight from the CSV every time.
pub const CACHE_ABOVE: u64 = 1 << 20;

/// Below this size one thread hashes the whole file.
const HASH_SPLIT_ABOVE: usize = 4 << 20;

/// The cache file of a pool: `.NAME.squadboard-cache` beside it.
pub fn path_for(pool: &Path) -> Option<PathBuf> {
    let name = pool.file_name()?.to_str()?;
    Some(pool.with_file_name(format!(".{name}.squadboard-cache")))
}

/// What a cache must agree with: the pool's size, modification time and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    len: u64,
    secs: u64,
    nanos: u64,
    hash: u64,
}

impl Key {
    /// The key of a pool whose bytes are `bytes`; `None` without a modification time.
    pub fn of(meta: &Metadata, bytes: &[u8]) -> Option<Key> {
        Key::of_paged(meta, bytes, None)
    }

    /// [`Key::of`] of a pool mapped by `pages`: hashed a window at a time, each let go once
    /// hashed.
    pub fn of_paged(meta: &Metadata, bytes: &[u8], pages: Option<&Mapped>) -> Option<Key> {
        let since = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        Some(Key {
            len: bytes.len() as u64,
            secs: since.as_secs(),
            nanos: u64::from(since.subsec_nanos()),
            hash: content_hash_paged(bytes, pages),
        })
    }
}

/// A 64-bit hash of the content, both halves of a large file hashed at once. Not for
/// adversaries: it tells a changed pool from the one the cache was made of.
pub fn content_hash(bytes: &[u8]) -> u64 {
    content_hash_paged(bytes, None)
}

/// [`content_hash`] of the bytes `pages` maps, a window at a time: each window's pages filled in
/// before it is hashed and let go after, so the file is never held whole.
fn content_hash_paged(bytes: &[u8], pages: Option<&Mapped>) -> u64 {
    if bytes.len() <= HASH_SPLIT_ABOVE {
        return finish(hash_lanes(bytes, pages), bytes.len());
    }
    let half = (bytes.len() / 2) & !31;
    let (a, b) = bytes.split_at(half);
    let (ha, hb) = std::thread::scope(|s| {
        let second = s.spawn(|| hash_lanes(b, pages));
        let first = hash_lanes(a, pages);
        (first, second.join().unwrap_or([0; 4]))
    });
    let mut all = ha;
    for (x, y) in all.iter_mut().zip(hb) {
        *x = mix(*x ^ y.rotate_left(17));
    }
    finish(all, bytes.len())
}

const K: u64 = 0x9e37_79b9_7f4a_7c15;

fn mix(x: u64) -> u64 {
    let m = u128::from(x) * u128::from(K);
    (m as u64) ^ ((m >> 64) as u64)
}

/// Bytes hashed between two page releases (a multiple of the 32-byte block).
const HASH_WINDOW: usize = 4 << 20;

/// Four independent lanes over 32-byte blocks (they run side by side in the processor), the
/// tail padded with zeros; a window at a time through `pages` when given.
fn hash_lanes(bytes: &[u8], pages: Option<&Mapped>) -> [u64; 4] {
    let mut lanes = [K, K.rotate_left(16), K.rotate_left(32), K.rotate_left(48)];
    let whole = bytes.len() / 32 * 32;
    for window in bytes[..whole].chunks(HASH_WINDOW) {
        if let Some(m) = pages {
            m.populate(window);
        }
        for block in window.chunks_exact(32) {
            for (i, lane) in lanes.iter_mut().enumerate() {
                let w = crate::search::codec::le_u64(&block[i * 8..]);
                *lane = (*lane ^ w).wrapping_mul(K).rotate_left(31);
            }
        }
        if let Some(m) = pages {
            m.release_part(window);
        }
    }
    let mut tail = [0u8; 32];
    let rest = &bytes[whole..];
    tail[..rest.len()].copy_from_slice(rest);
    for (i, lane) in lanes.iter_mut().enumerate() {
        let w = crate::search::codec::le_u64(&tail[i * 8..]);
        *lane = (*lane ^ w).wrapping_mul(K).rotate_left(31);
    }
    lanes
}

fn finish(lanes: [u64; 4], len: usize) -> u64 {
    lanes
        .iter()
        .fold(mix(len as u64), |h, &l| mix(h ^ l).rotate_left(23))
}

/// A CSV pool read for `find` ([`super::fast::scan`]) through its cache: the cache read when it
/// fits the pool, else the pool scanned and the cache written. `pages` is the mapping `bytes`
/// is, when it is one: the pool is then hashed and scanned a window at a time, never held
/// whole. `None` when the pool needs the full reader.
pub fn open(
    file: &str,
    pool: &Path,
    bytes: &[u8],
    meta: &Metadata,
    pages: Option<&Mapped>,
) -> Result<Option<Scanned>, StoreError> {
    let key = Key::of_paged(meta, bytes, pages);
    if let Some(key) = &key
        && let Some(scanned) = read(pool, key, file, bytes)
    {
        return Ok(Some(scanned));
    }
    let scanned = super::fast::scan_mapped(file, bytes, pages);
    // Nothing read from a pool that changed under the mapping is kept or trusted.
    if let Some(m) = pages {
        m.check(file)?;
    }
    let scanned = scanned?;
    if let (Some(key), Some(scanned)) = (&key, &scanned) {
        write(pool, key, scanned);
    }
    Ok(scanned)
}

/// The cache of the pool at `pool` (whose bytes are `bytes`, named `file` in messages), when it
/// is there, whole and made of this very content.
pub fn read(pool: &Path, key: &Key, file: &str, bytes: &[u8]) -> Option<Scanned> {
    let path = path_for(pool)?;
    // A cache is a fraction of its pool; anything much larger is not ours.
    let limit = key.len.saturating_mul(2).saturating_add(1 << 20);
    // Never through a link (see `atomic::write_rebuildable`): a link there is no cache.
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > limit {
        return None;
    }
    let cache = std::fs::File::open(&path).ok()?;
    // Mapped, not read: its arrays are copied out once, by the decoding, and its pages let go
    // as they are (the cache is not held twice).
    let mapped = Mapped::open_lazy(&cache)?;
    let scanned = decode(mapped.bytes(), key, file, bytes, Some(&mapped));
    // A cache cut short while it was decoded is no cache.
    scanned.filter(|_| mapped.intact())
}

fn decode(
    raw: &[u8],
    key: &Key,
    file: &str,
    bytes: &[u8],
    pages: Option<&Mapped>,
) -> Option<Scanned> {
    let mut r = Reader::new(raw);
    let magic = r.bytes()?;
    if magic != MAGIC || r.u64()? != VERSION {
        return None;
    }
    let stored = Key {
        len: r.u64()?,
        secs: r.u64()?,
        nanos: r.u64()?,
        hash: r.u64()?,
    };
    if stored != *key {
        return None;
    }
    let body_hash = r.u64()?;
    let body = r.bytes()?;
    if content_hash_paged(body, pages) != body_hash || !r.rest.is_empty() {
        return None;
    }
    let mut r = Reader::new(body);
    // What is copied out is let go.
    let done = |r: &Reader| {
        if let Some(m) = pages {
            m.release_part(&body[..body.len() - r.rest.len()]);
        }
    };
    let index = SearchIndex::decode(&mut r)?;
    done(&r);
    let lines = r.u64s()?;
    let ids = r.u64s()?;
    done(&r);
    let n = usize::try_from(r.u64()?).ok()?;
    let mut warnings = Vec::with_capacity(n.min(r.rest.len() / 24));
    for _ in 0..n {
        let row = r.u64()?;
        let col = String::from_utf8(r.bytes()?.to_vec()).ok()?;
        let message = String::from_utf8(r.bytes()?.to_vec()).ok()?;
        warnings.push((row, col, message));
    }
    if !r.rest.is_empty() {
        return None;
    }
    let (cols, _, end) = frame(file, bytes).ok()??;
    let scanned = Scanned {
        index,
        lines,
        ids,
        warnings,
        cols,
        end,
    };
    scanned.fits(bytes.len()).then_some(scanned)
}

/// The cache's bytes: the header, then the body written in place after it (not written apart
/// and copied: at 1M players the body is 100 MB), its length and hash filled in last.
fn encode(key: &Key, scanned: &Scanned) -> Vec<u8> {
    let mut w = Writer::default();
    w.bytes(MAGIC);
    w.u64(VERSION);
    for v in [key.len, key.secs, key.nanos, key.hash] {
        w.u64(v);
    }
    // The body's hash, then its length (as `Writer::bytes` writes it), then the body.
    let hash_at = w.bytes.len();
    w.u64(0);
    w.u64(0);
    let body_at = w.bytes.len();
    scanned.index.encode(&mut w);
    w.u64s(&scanned.lines);
    w.u64s(&scanned.ids);
    w.u64(scanned.warnings.len() as u64);
    for (row, col, message) in &scanned.warnings {
        w.u64(*row);
        w.bytes(col.as_bytes());
        w.bytes(message.as_bytes());
    }
    let len = (w.bytes.len() - body_at) as u64;
    let hash = content_hash(&w.bytes[body_at..]);
    w.bytes[hash_at..hash_at + 8].copy_from_slice(&hash.to_le_bytes());
    w.bytes[hash_at + 8..body_at].copy_from_slice(&len.to_le_bytes());
    w.bytes
}

/// Writes the cache of the pool at `pool`; `false` when it could not be written (a read-only
/// folder), which only means the next `find` reads the CSV again.
pub fn write(pool: &Path, key: &Key, scanned: &Scanned) -> bool {
    let Some(path) = path_for(pool) else {
        return false;
    };
    let bytes = encode(key, scanned);
    crate::store::atomic::write_rebuildable(&path, &bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_sees_every_byte_and_the_cut() {
        let base: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let h = content_hash(&base);
        assert_eq!(h, content_hash(&base.clone()));
        for at in [0, 1, 31, 32, 4999, 9968, 9999] {
            let mut changed = base.clone();
            changed[at] ^= 1;
            assert_ne!(content_hash(&changed), h, "byte {at}");
        }
        assert_ne!(content_hash(&base[..9999]), h);
        // Two bytes swapped, and trailing zeros (the tail's padding) are told apart.
        let mut swapped = base.clone();
        swapped.swap(100, 101);
        assert_ne!(content_hash(&swapped), h);
        assert_ne!(content_hash(&[0u8; 3]), content_hash(&[0u8; 4]));
        // Large enough for both halves to be hashed at once.
        let big: Vec<u8> = (0..HASH_SPLIT_ABOVE as u32 + 100)
            .map(|i| i as u8)
            .collect();
        let hb = content_hash(&big);
        let mut changed = big.clone();
        changed[HASH_SPLIT_ABOVE - 1] ^= 0x80;
        assert_ne!(content_hash(&changed), hb);
    }

    #[test]
    fn the_cache_sits_beside_the_pool() {
        assert_eq!(
            path_for(Path::new("/data/pool.csv")),
            Some(PathBuf::from("/data/.pool.csv.squadboard-cache"))
        );
        assert_eq!(
            path_for(Path::new("pool.csv")),
            Some(PathBuf::from(".pool.csv.squadboard-cache"))
        );
    }
}
