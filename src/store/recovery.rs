//! The recovery file: unsaved work written out when the board is stopped by a signal or a
//! panic, offered back at the next start. It lives in the scenario folder as a hidden file
//! (`.recovery.ron`, a normal scenario file) with the path of the scenario it came from beside it
//! (`.recovery.path`), so the picker never lists it and nothing else reads it.

use super::atomic::{self, Expect};
use super::scenario::{self as files, SaveError};
use crate::domain::scenario::Scenario;
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

pub const FILE: &str = ".recovery.ron";
const ORIGIN: &str = ".recovery.path";

pub fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// Writes the unsaved work (atomically, replacing an older recovery). `origin` is the file the
/// scenario was opened from, if any.
pub fn write(dir: &Path, s: &Scenario, origin: Option<&Path>) -> Result<PathBuf, SaveError> {
    std::fs::create_dir_all(dir).map_err(|e| {
        SaveError::Write(atomic::WriteError::Io {
            path: dir.to_path_buf(),
            doing: "creating the scenario folder",
            source: e,
        })
    })?;
    let p = path(dir);
    files::save(&p, s, Expect::Anything)?;
    let origin_file = dir.join(ORIGIN);
    match origin {
        Some(o) => {
            atomic::write(
                &origin_file,
                o.display().to_string().as_bytes(),
                Expect::Anything,
            )?;
        }
        None => {
            let _ = std::fs::remove_file(&origin_file);
        }
    }
    Ok(p)
}

/// A recovery waiting in `dir`: its path, when it was written and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub path: PathBuf,
    pub written: Option<DateTime<Utc>>,
    pub origin: Option<PathBuf>,
}

pub fn pending(dir: &Path) -> Option<Pending> {
    let p = path(dir);
    let meta = std::fs::metadata(&p).ok()?;
    Some(Pending {
        written: meta.modified().ok().map(DateTime::<Utc>::from),
        origin: origin(dir),
        path: p,
    })
}

pub fn origin(dir: &Path) -> Option<PathBuf> {
    std::fs::read_to_string(dir.join(ORIGIN))
        .ok()
        .map(|s| PathBuf::from(s.trim()))
        .filter(|p| !p.as_os_str().is_empty())
}

/// Removes the recovery once its work is back on the board.
pub fn discard(dir: &Path) {
    let _ = std::fs::remove_file(path(dir));
    let _ = std::fs::remove_file(dir.join(ORIGIN));
}

/// Keeps a declined recovery as an ordinary scenario file (`recovered-<time>.ron`), so it is
/// never lost and the picker lists it.
pub fn set_aside(dir: &Path, now: DateTime<Utc>) -> std::io::Result<PathBuf> {
    let from = path(dir);
    let stamp = now.format("%Y%m%d-%H%M%S");
    let mut to = dir.join(format!("recovered-{stamp}.ron"));
    let mut n = 2;
    while to.exists() {
        to = dir.join(format!("recovered-{stamp}-{n}.ron"));
        n += 1;
    }
    std::fs::rename(&from, &to)?;
    let _ = std::fs::remove_file(dir.join(ORIGIN));
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::Plan;
    use crate::store;

    #[test]
    fn written_offered_set_aside_and_discarded() {
        let ds = store::load(None).expect("bundled");
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(pending(dir.path()), None);
        let plan = Plan::new(
            &ds,
            chrono::NaiveDate::from_ymd_opt(2026, 7, 1).expect("date"),
        );
        let s = Scenario::new("work", plan.clone(), Utc::now());
        let origin_file = dir.path().join("work.ron");
        write(dir.path(), &s, Some(&origin_file)).expect("write");
        let p = pending(dir.path()).expect("pending");
        assert_eq!(p.origin.as_deref(), Some(origin_file.as_path()));
        let loaded = files::load(&p.path, &ds).expect("a normal scenario file");
        assert_eq!(loaded.scenario.plan, plan);
        let kept = set_aside(dir.path(), Utc::now()).expect("set aside");
        assert!(kept.exists());
        assert_eq!(pending(dir.path()), None);
        // Listed as an ordinary scenario; the hidden recovery never is.
        write(dir.path(), &s, None).expect("write");
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
        discard(dir.path());
        assert_eq!(pending(dir.path()), None);
    }
}
