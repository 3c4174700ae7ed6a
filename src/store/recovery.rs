//! Recovery files: unsaved work written out when the board is stopped by a signal or a panic,
//! offered back at the next start. Each board writes its own (`.recovery-<pid>-<time>.ron` in
//! the scenario folder, a normal scenario file behind three comment lines naming the scenario
//! file it came from, that file's fingerprint when the work was opened, and when it was
//! written), so two boards on one folder never overwrite each other's. Hidden, so the picker
//! never lists them.
//!
//! A recovery file is created new, never written over anything: the bytes go to a temporary
//! file opened with `O_EXCL | O_NOFOLLOW`, which is then hard-linked to its name (failing if
//! anything, a planted symbolic link included, is there). It is removed only once its work has
//! been saved somewhere (see `app::effects`).
//!
//! Files from older builds (`.recovery.ron` with `.recovery.path` beside it) are still offered.

use super::atomic::{self, Fingerprint};
use super::scenario::{self as files, SaveError};
use crate::domain::scenario::Scenario;
use chrono::{DateTime, Utc};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The single recovery file of older builds.
pub const LEGACY_FILE: &str = ".recovery.ron";
const LEGACY_ORIGIN: &str = ".recovery.path";
const PREFIX: &str = ".recovery-";

const ORIGIN_TAG: &str = "// recovery of: ";
const FINGERPRINT_TAG: &str = "// recovery fingerprint: ";
const WRITTEN_TAG: &str = "// recovery written: ";

fn io_error(path: &Path, doing: &'static str, e: std::io::Error) -> SaveError {
    SaveError::Write(atomic::WriteError::Io {
        path: path.to_path_buf(),
        doing,
        source: e,
    })
}

/// Creates `path` with `bytes`, never over anything already there (a file, a directory, a
/// symbolic link — dangling or not) and never through a link: `O_CREAT | O_EXCL | O_NOFOLLOW`,
/// owner-only permissions, flushed to disk.
pub fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NOFOLLOW).mode(0o600);
    }
    let mut f = opts.open(path)?;
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    if written.is_err() {
        let _ = std::fs::remove_file(path);
    }
    written
}

/// Writes the unsaved work to a new recovery file of its own. `origin` is the file the scenario
/// was opened from, if any, and `origin_fingerprint` that file as it was read (what a later save
/// must still find there).
pub fn write(
    dir: &Path,
    s: &Scenario,
    origin: Option<&Path>,
    origin_fingerprint: Option<Fingerprint>,
) -> Result<PathBuf, SaveError> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, "creating the scenario folder", e))?;
    let body = files::to_ron(s).map_err(|e| SaveError::Format {
        path: dir.to_path_buf(),
        message: e.to_string(),
    })?;
    let now = Utc::now();
    let mut text = String::new();
    if let Some(o) = origin {
        let quoted = ron::to_string(&o.display().to_string()).unwrap_or_default();
        text.push_str(&format!("{ORIGIN_TAG}{quoted}\n"));
    }
    if let Some(fp) = origin_fingerprint {
        text.push_str(&format!("{FINGERPRINT_TAG}{} {:016x}\n", fp.len, fp.hash));
    }
    text.push_str(&format!("{WRITTEN_TAG}{}\n", now.to_rfc3339()));
    text.push_str(&body);
    if text.len() as u64 > files::MAX_SCENARIO_BYTES {
        return Err(SaveError::TooLarge {
            path: dir.to_path_buf(),
            len: text.len(),
        });
    }
    let pid = std::process::id();
    let stamp = now.format("%Y%m%dT%H%M%S");
    let tmp = create_temp(dir, text.as_bytes())?;
    // Linked to its name, never replacing anything there; the first free name wins.
    let mut n = 1u32;
    let result = loop {
        let name = if n == 1 {
            format!("{PREFIX}{pid}-{stamp}.ron")
        } else {
            format!("{PREFIX}{pid}-{stamp}-{n}.ron")
        };
        let to = dir.join(name);
        match std::fs::hard_link(&tmp, &to) {
            Ok(()) => break Ok(to),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => break Err(io_error(&to, "naming the recovery", e)),
        }
    };
    let _ = std::fs::remove_file(&tmp);
    if result.is_ok() {
        // The new name survives a power cut.
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    result
}

/// The recovery's bytes in a new temporary file of the folder, under a name nobody can guess
/// (a predictable one could be planted to make the recovery fail and the work be lost); a name
/// taken all the same is tried again under another.
fn create_temp(dir: &Path, bytes: &[u8]) -> Result<PathBuf, SaveError> {
    let mut tries = 0;
    loop {
        let tmp = dir.join(format!("{PREFIX}{:016x}.tmp", unguessable()));
        match create_new(&tmp, bytes) {
            Ok(()) => return Ok(tmp),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && tries < 100 => tries += 1,
            Err(e) => return Err(io_error(&tmp, "writing the recovery", e)),
        }
    }
}

/// A number nobody can guess: std's hasher keys come from the system's random source, and each
/// `RandomState` made differs from the last.
fn unguessable() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.finish()
}

/// A recovery waiting in the scenario folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub path: PathBuf,
    pub written: Option<DateTime<Utc>>,
    /// The scenario file the work was opened from.
    pub origin: Option<PathBuf>,
    /// That file as it was read when the work was opened; `None` from older builds.
    pub origin_fingerprint: Option<Fingerprint>,
    /// The scenario's name, as the file writes it.
    pub name: Option<String>,
}

impl Pending {
    /// "28 Nov 2026 12:01 (from plans/mine.ron)".
    pub fn describe(&self) -> String {
        let when = self.written.map_or("an earlier session".to_string(), |w| {
            w.with_timezone(&chrono::Local)
                .format("%-d %b %Y %H:%M")
                .to_string()
        });
        match &self.origin {
            Some(o) => format!("{when} (from {})", o.display()),
            None => format!("{when} (a new scenario)"),
        }
    }
}

/// Reads the comment lines a recovery file starts with. Only regular files are looked at.
fn read_pending(path: &Path, legacy_origin: Option<PathBuf>) -> Option<Pending> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_file() {
        return None;
    }
    let mut p = Pending {
        path: path.to_path_buf(),
        written: meta.modified().ok().map(DateTime::<Utc>::from),
        origin: legacy_origin,
        origin_fingerprint: None,
        name: None,
    };
    let text = files::read_text(path).ok()?;
    p.name = text
        .lines()
        .find_map(|l| l.strip_prefix("    name: "))
        .and_then(|q| ron::from_str::<String>(q.trim_end_matches(',')).ok());
    for line in text.lines().take(3) {
        if let Some(q) = line.strip_prefix(ORIGIN_TAG) {
            p.origin = ron::from_str::<String>(q).ok().map(PathBuf::from);
        } else if let Some(f) = line.strip_prefix(FINGERPRINT_TAG) {
            let mut parts = f.split_whitespace();
            let len = parts.next().and_then(|v| v.parse().ok());
            let hash = parts.next().and_then(|v| u64::from_str_radix(v, 16).ok());
            if let (Some(len), Some(hash)) = (len, hash) {
                p.origin_fingerprint = Some(Fingerprint {
                    len,
                    modified: None,
                    hash,
                });
            }
        } else if let Some(w) = line.strip_prefix(WRITTEN_TAG)
            && let Ok(t) = DateTime::parse_from_rfc3339(w.trim())
        {
            p.written = Some(t.with_timezone(&Utc));
        }
    }
    Some(p)
}

/// What a recovery file says about itself (`None` when it is not a regular file).
pub fn read(path: &Path) -> Option<Pending> {
    let legacy_origin = if path.file_name().is_some_and(|n| n == LEGACY_FILE) {
        path.parent().and_then(|d| {
            std::fs::read_to_string(d.join(LEGACY_ORIGIN))
                .ok()
                .map(|s| PathBuf::from(s.trim()))
                .filter(|p| !p.as_os_str().is_empty())
        })
    } else {
        None
    };
    read_pending(path, legacy_origin)
}

/// Every recovery waiting in `dir`, oldest first.
pub fn pending(dir: &Path) -> Vec<Pending> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for item in rd.flatten() {
            let name = item.file_name().to_string_lossy().into_owned();
            if name.starts_with(PREFIX) && name.ends_with(".ron") {
                out.extend(read_pending(&item.path(), None));
            }
        }
    }
    out.extend(read(&dir.join(LEGACY_FILE)));
    out.sort_by(|a, b| a.written.cmp(&b.written).then(a.path.cmp(&b.path)));
    out
}

/// Removes a recovery once its work has been saved somewhere.
pub fn discard(path: &Path) {
    let _ = std::fs::remove_file(path);
    if path.file_name().is_some_and(|n| n == LEGACY_FILE)
        && let Some(dir) = path.parent()
    {
        let _ = std::fs::remove_file(dir.join(LEGACY_ORIGIN));
    }
}

/// Keeps a recovery as an ordinary scenario file (`recovered-<time>.ron`), so it is never lost
/// and the picker lists it.
pub fn set_aside(path: &Path, now: DateTime<Utc>) -> std::io::Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let stamp = now.format("%Y%m%d-%H%M%S");
    let mut n = 1;
    loop {
        let to = if n == 1 {
            dir.join(format!("recovered-{stamp}.ron"))
        } else {
            dir.join(format!("recovered-{stamp}-{n}.ron"))
        };
        // A link never replaces anything already there; then the hidden name goes.
        match std::fs::hard_link(path, &to) {
            Ok(()) => {
                discard(path);
                return Ok(to);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::Plan;
    use crate::store;

    /// The temporary names the old code used (pid, second, a counter from 0), planted for
    /// this second and the next two: the recovery is written all the same (it failed with
    /// "File exists" and the work was lost).
    #[test]
    fn planted_temporary_names_do_not_stop_the_recovery() {
        let ds = store::load(None).expect("bundled");
        let dir = tempfile::tempdir().expect("tempdir");
        let pid = std::process::id();
        let now = Utc::now();
        for ahead in 0..3 {
            let stamp = (now + chrono::Duration::seconds(ahead)).format("%Y%m%dT%H%M%S");
            for seq in 0..50 {
                let planted = dir.path().join(format!("{PREFIX}{pid}-{stamp}-{seq}.tmp"));
                std::fs::write(planted, "planted").expect("plant");
            }
        }
        let plan = Plan::new(
            &ds,
            chrono::NaiveDate::from_ymd_opt(2026, 7, 1).expect("date"),
        );
        let s = Scenario::new("work", plan, Utc::now());
        let kept = write(dir.path(), &s, None, None).expect("the recovery is written");
        assert!(files::load(&kept, &ds).is_ok());
        assert_eq!(pending(dir.path()).len(), 1);
        let tmps = std::fs::read_dir(dir.path())
            .expect("list")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            })
            .count();
        assert_eq!(tmps, 150, "only the planted ones are left");
    }

    #[test]
    fn written_offered_set_aside_and_discarded() {
        let ds = store::load(None).expect("bundled");
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(pending(dir.path()).is_empty());
        let plan = Plan::new(
            &ds,
            chrono::NaiveDate::from_ymd_opt(2026, 7, 1).expect("date"),
        );
        let s = Scenario::new("work", plan.clone(), Utc::now());
        let origin_file = dir.path().join("work.ron");
        let fp = Fingerprint::of_bytes(b"as opened", None);
        write(dir.path(), &s, Some(&origin_file), Some(fp)).expect("write");
        let all = pending(dir.path());
        assert_eq!(all.len(), 1, "{all:?}");
        let p = all[0].clone();
        assert_eq!(p.origin.as_deref(), Some(origin_file.as_path()));
        assert!(p.origin_fingerprint.is_some_and(|f| f.same_content(&fp)));
        let loaded = files::load(&p.path, &ds).expect("a normal scenario file");
        assert_eq!(loaded.scenario.plan, plan);
        let kept = set_aside(&p.path, Utc::now()).expect("set aside");
        assert!(kept.exists());
        assert!(pending(dir.path()).is_empty());
        // Listed as an ordinary scenario; the hidden recovery never is.
        let again = write(dir.path(), &s, None, None).expect("write");
        let names: Vec<String> = files::list(dir.path(), &ds)
            .expect("list")
            .iter()
            .map(|e| {
                e.path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(names[0].starts_with("recovered-"));
        discard(&again);
        assert!(pending(dir.path()).is_empty());
    }
}
