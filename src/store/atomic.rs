//! Writing a file so that, at every instant, the path holds either the complete old file or the
//! complete new one — never a truncated or half-written one.
//!
//! How: the bytes go to a temporary file in the same folder (`.NAME.PID-N.tmp`, so a rename can
//! replace the old file in one step), which is flushed to disk, given the old file's permission
//! bits (and, best effort, its owner and group), then renamed over the old file; the folder is
//! flushed last so the rename itself survives a power cut. The temporary file is removed on every
//! error path, including a panic (a guard deletes it when dropped); only a process killed outright
//! can leave one behind, and its name starts with a dot so listings skip it.
//!
//! **Symbolic links** are written *through*: when the path is a link (or a chain of links), the
//! file it points at is replaced and the link is kept. Replacing the link itself would silently
//! cut a file kept elsewhere (a dotfiles repository, a synced folder) loose from the path the user
//! opened. A dangling link is written through too, creating its target, as `echo > link` would.
//!
//! **External changes**: [`Fingerprint`] is taken when a file is read; saving with
//! [`Expect::Unchanged`] refuses with [`WriteError::Changed`] when the file on disk no longer has
//! that content (or is gone), so the caller can ask "file changed on disk — overwrite?". The check
//! runs again just before the rename; a change in the instant between that check and the rename
//! cannot be caught without locks, which editors do not take.
//!
//! **Fault injection**: [`write_with`] calls a hook at each [`Step`]; a hook returning `Err`
//! makes the write fail there, exactly as a failing disk would, so tests can prove the promise
//! above at each step.

use std::fs::{self, File, OpenOptions};
use std::hash::Hasher;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

/// What a file held when it was read: enough to tell, at save time, whether someone else has
/// changed it since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    /// A 64-bit hash of the content. Stored only in recovery files (to check, when restored
    /// work is saved, that its file was not edited meanwhile); a build hashing differently
    /// reads as a change, so it asks before overwriting.
    pub hash: u64,
}

impl Fingerprint {
    /// A file's content nobody knows: matches no file, so a save expecting it asks first.
    pub const UNKNOWN: Fingerprint = Fingerprint {
        len: u64::MAX,
        modified: None,
        hash: 0,
    };

    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Fingerprint {
        Fingerprint {
            len: bytes.len() as u64,
            modified,
            hash: content_hash(bytes),
        }
    }

    /// Whether the content is the same. The modification time is not compared: a file touched
    /// but not changed loses nothing when it is overwritten.
    pub fn same_content(&self, other: &Fingerprint) -> bool {
        self.len == other.len && self.hash == other.hash
    }

    /// The fingerprint of the file at `path` now (`None` when there is no file).
    pub fn of_file(path: &Path) -> io::Result<Option<Fingerprint>> {
        read_fingerprint(path, u64::MAX)
    }
}

fn content_hash(bytes: &[u8]) -> u64 {
    // SipHash with fixed keys: deterministic within a build, which is all a fingerprint needs.
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// Reads at most `limit + 1` bytes: enough to tell a file of `limit` bytes from a longer one.
fn read_fingerprint(path: &Path, limit: u64) -> io::Result<Option<Fingerprint>> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let modified = file.metadata()?.modified().ok();
    let mut buf = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    Ok(Some(Fingerprint::of_bytes(&buf, modified)))
}

/// What the caller expects to find at the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Replace whatever is there (exports the user asked for by name).
    Anything,
    /// A new file: fail with [`WriteError::Exists`] if there is one.
    Nothing,
    /// The file as it was read: fail with [`WriteError::Changed`] if its content differs now or
    /// it is gone.
    Unchanged(Fingerprint),
}

/// The points at which [`write_with`] calls its hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// The temporary file holds the new bytes and is flushed; the old file is untouched.
    TempWritten,
    /// Permissions copied, external changes checked; the next thing is the rename.
    BeforeRename,
    /// The new file is in place; the folder is not flushed yet.
    AfterRename,
}

impl Step {
    pub const ALL: [Step; 3] = [Step::TempWritten, Step::BeforeRename, Step::AfterRename];

    fn doing(self) -> &'static str {
        match self {
            Step::TempWritten => "after writing the temporary file",
            Step::BeforeRename => "before replacing the file",
            Step::AfterRename => "after replacing the file",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Someone else changed (or deleted) the file since it was read. Nothing was written.
    #[error("{}: changed on disk since it was opened; not overwriting it", .path.display())]
    Changed {
        path: PathBuf,
        /// The file as it is now; `None` when it was deleted.
        now: Option<Fingerprint>,
    },
    /// [`Expect::Nothing`] and a file is there. Nothing was written.
    #[error("{}: a file of that name already exists; not overwriting it", .path.display())]
    Exists { path: PathBuf },
    #[error("{}: not a regular file; not writing over it", .path.display())]
    NotAFile { path: PathBuf },
    #[error("{}: too many levels of symbolic links", .path.display())]
    LinkLoop { path: PathBuf },
    #[error("{}: {doing}: {source}", .path.display())]
    Io {
        path: PathBuf,
        doing: &'static str,
        #[source]
        source: io::Error,
    },
}

impl WriteError {
    fn io(path: &Path, doing: &'static str, source: io::Error) -> WriteError {
        WriteError::Io {
            path: path.to_path_buf(),
            doing,
            source,
        }
    }
}

/// Follows `path` through symbolic links to the file a write should replace.
pub fn resolve(path: &Path) -> Result<PathBuf, WriteError> {
    let mut p = path.to_path_buf();
    // Linux gives up after 40 links; so do we.
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to =
                    fs::read_link(&p).map_err(|e| WriteError::io(&p, "reading the link", e))?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            Ok(_) => return Ok(p),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(p),
            Err(e) => return Err(WriteError::io(&p, "looking at the file", e)),
        }
    }
    Err(WriteError::LinkLoop {
        path: path.to_path_buf(),
    })
}

/// Whether the file at `path` still has the content `fp` was taken from: `Err(Changed)` when it
/// differs or is gone (what saving with [`Expect::Unchanged`] checks; a rename checks it too
/// before deleting the old file).
pub fn check_unchanged(path: &Path, fp: Fingerprint) -> Result<(), WriteError> {
    check(&resolve(path)?, Expect::Unchanged(fp))
}

fn check(target: &Path, expect: Expect) -> Result<(), WriteError> {
    match expect {
        Expect::Anything => Ok(()),
        Expect::Nothing => match fs::symlink_metadata(target) {
            Ok(_) => Err(WriteError::Exists {
                path: target.to_path_buf(),
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(WriteError::io(target, "looking at the file", e)),
        },
        Expect::Unchanged(fp) => {
            let now = read_fingerprint(target, fp.len)
                .map_err(|e| WriteError::io(target, "reading the file to check it", e))?;
            match now {
                Some(now) if now.same_content(&fp) => Ok(()),
                now => Err(WriteError::Changed {
                    path: target.to_path_buf(),
                    now,
                }),
            }
        }
    }
}

/// A temporary file that is deleted when dropped, unless it has been renamed into place.
struct Temp {
    path: PathBuf,
    armed: bool,
}

impl Drop for Temp {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn create_temp(dir: &Path, name: &str, new_file: bool) -> io::Result<(File, Temp)> {
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // A new file gets the usual 0o666 less the umask; over an old file, owner-only until
            // the old file's bits are copied.
            opts.mode(if new_file { 0o666 } else { 0o600 });
        }
        #[cfg(not(unix))]
        let _ = new_file;
        match opts.open(&path) {
            Ok(f) => return Ok((f, Temp { path, armed: true })),
            // A leftover of a killed process with the same pid: take the next number.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Gives the new file the old one's owner (best effort: only root may give a file away), then
/// its permission bits — in that order, since a change of owner clears set-id bits.
fn copy_permissions(file: &File, old: &fs::Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let mine = file.metadata()?;
        if mine.uid() != old.uid() || mine.gid() != old.gid() {
            let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()))
                .or_else(|_| std::os::unix::fs::fchown(file, None, Some(old.gid())));
        }
        file.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))
    }
    #[cfg(not(unix))]
    {
        file.set_permissions(old.permissions())
    }
}

/// Writes `bytes` to `path` as the module describes. Returns the new file's fingerprint, to
/// be kept for the next save.
pub fn write(path: &Path, bytes: &[u8], expect: Expect) -> Result<Fingerprint, WriteError> {
    write_with(path, bytes, expect, &mut |_| Ok(()))
}

/// [`write`], calling `hook` at each [`Step`]; an `Err` from the hook fails the write there.
pub fn write_with(
    path: &Path,
    bytes: &[u8],
    expect: Expect,
    hook: &mut dyn FnMut(Step) -> io::Result<()>,
) -> Result<Fingerprint, WriteError> {
    let target = resolve(path)?;
    let old = match fs::metadata(&target) {
        Ok(m) if m.is_file() => Some(m),
        Ok(_) => return Err(WriteError::NotAFile { path: target }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(WriteError::io(&target, "looking at the file", e)),
    };
    // Refuse before writing anything when we can already tell.
    check(&target, expect)?;
    let Some(name) = target.file_name().and_then(|n| n.to_str()) else {
        return Err(WriteError::NotAFile { path: target });
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (mut file, mut temp) = create_temp(&dir, name, old.is_none())
        .map_err(|e| WriteError::io(&target, "creating a temporary file beside it", e))?;
    let step = |hook: &mut dyn FnMut(Step) -> io::Result<()>, s: Step| {
        hook(s).map_err(|e| WriteError::io(&target, s.doing(), e))
    };
    file.write_all(bytes)
        .map_err(|e| WriteError::io(&target, "writing the temporary file", e))?;
    file.sync_all()
        .map_err(|e| WriteError::io(&target, "flushing the temporary file to disk", e))?;
    step(hook, Step::TempWritten)?;
    if let Some(old) = &old {
        copy_permissions(&file, old)
            .map_err(|e| WriteError::io(&target, "copying the file's permissions", e))?;
    }
    let modified = file.metadata().ok().and_then(|m| m.modified().ok());
    drop(file);
    // Again, as late as possible: the file may have changed while we wrote.
    check(&target, expect)?;
    step(hook, Step::BeforeRename)?;
    fs::rename(&temp.path, &target)
        .map_err(|e| WriteError::io(&target, "replacing the file", e))?;
    temp.armed = false;
    step(hook, Step::AfterRename)?;
    #[cfg(unix)]
    File::open(&dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| WriteError::io(&target, "flushing the folder to disk", e))?;
    Ok(Fingerprint::of_bytes(bytes, modified))
}

/// Writes a file that can be made again from others (a cache): to a temporary beside it, then
/// renamed into place, so no reader ever sees it half written. Unlike [`write`] it is not
/// flushed to disk, not compared with what was there, and no fingerprint is taken: a crash may
/// leave it stale, empty or missing, which its reader must check anyway (the pool cache checks
/// its own hash). Flushing a 100 MB cache cost more than taking it.
///
/// A symbolic link at `path` is refused, never followed: such a file sits in folders others
/// write to (a shared pool folder), where a planted link would have it replace the link's
/// target (or create a dangling link's). The rename replaces a name, never writes through one.
pub fn write_rebuildable(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let target = path.to_path_buf();
    match fs::symlink_metadata(&target) {
        Ok(m) if !m.is_file() => return Err(WriteError::NotAFile { path: target }),
        _ => {}
    }
    let Some(name) = target.file_name().and_then(|n| n.to_str()) else {
        return Err(WriteError::NotAFile { path: target });
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (mut file, mut temp) = create_temp(&dir, name, true)
        .map_err(|e| WriteError::io(&target, "creating a temporary file beside it", e))?;
    file.write_all(bytes)
        .map_err(|e| WriteError::io(&target, "writing the temporary file", e))?;
    drop(file);
    fs::rename(&temp.path, &target)
        .map_err(|e| WriteError::io(&target, "replacing the file", e))?;
    temp.armed = false;
    Ok(())
}

fn is_empty_dir(dir: &Path) -> std::io::Result<bool> {
    Ok(std::fs::read_dir(dir)?.next().is_none())
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or("data".into(), |n| n.to_string_lossy().to_string());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Writes a folder of files (name, text) the same way: into a temporary sibling of `out`, then
/// renames it into place. On any failure the temporary folder is removed and `out` is as it was.
///
/// An `out` that already holds files is refused unless `force`; with `force` only the files named
/// in `files` are replaced (each written to a temporary file beside it first, and all renamed into
/// place only once every one is on disk) and everything else in the folder — other files,
/// subfolders — is left alone. Returns the names that existed and were replaced.
pub fn write_folder(
    out: &Path,
    files: &[(&str, &str)],
    force: bool,
) -> Result<Vec<String>, String> {
    let shown = out.display();
    let existing = match std::fs::symlink_metadata(out) {
        Ok(m) if m.is_dir() => {
            let empty = is_empty_dir(out).map_err(|e| format!("{shown}: {e}"))?;
            if !empty && !force {
                return Err(format!(
                    "{shown} already holds files; pass --force to replace the files import writes"
                ));
            }
            Some(empty)
        }
        Ok(_) => return Err(format!("{shown} exists and is not a folder")),
        // Not there, or a file stands where a folder on its path should: the folder it goes
        // into is looked at below.
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            None
        }
        Err(e) => return Err(format!("{shown}: {e}")),
    };
    if existing == Some(false) {
        return replace_in_folder(out, files);
    }
    if existing.is_none() {
        // The folder `out` goes into must be there: the message names it, not the temporary
        // folder import would have made in it.
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        match std::fs::metadata(parent) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(format!(
                    "{shown}: {} is not a folder; nothing written",
                    parent.display()
                ));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(format!(
                    "{shown}: the folder {} does not exist; create it first (nothing written)",
                    parent.display()
                ));
            }
            Err(e) => return Err(format!("{shown}: {}: {e}", parent.display())),
        }
    }
    let tmp = sibling(out, "import");
    let result = (|| -> Result<(), String> {
        std::fs::create_dir(&tmp).map_err(|e| format!("{shown}: {e}"))?;
        for (name, text) in files {
            let path = tmp.join(name);
            let mut file =
                std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            file.write_all(text.as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        if existing == Some(true) {
            std::fs::remove_dir(out).map_err(|e| format!("{shown}: {e}"))?;
        }
        std::fs::rename(&tmp, out).map_err(|e| format!("{shown}: {e}"))
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result.map(|()| Vec::new())
}

/// The `--force` case of [`write_folder`]: every file goes to a temporary file in `out` first;
/// only when all are on disk are they renamed over their names (a failure before that leaves the
/// folder as it was: the guards delete the temporary files).
fn replace_in_folder(out: &Path, files: &[(&str, &str)]) -> Result<Vec<String>, String> {
    let mut staged = Vec::new();
    for (name, text) in files {
        let target = resolve(&out.join(name)).map_err(|e| e.to_string())?;
        let shown = target.display();
        let old = match fs::metadata(&target) {
            Ok(m) if m.is_file() => Some(m),
            Ok(_) => return Err(format!("{shown} is not a file; nothing written")),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(format!("{shown}: {e}")),
        };
        let dir = target
            .parent()
            .map_or_else(|| out.to_path_buf(), Path::to_path_buf);
        let (mut file, temp) =
            create_temp(&dir, name, old.is_none()).map_err(|e| format!("{shown}: {e}"))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| format!("{shown}: {e}"))?;
        if let Some(old) = &old {
            copy_permissions(&file, old).map_err(|e| format!("{shown}: {e}"))?;
        }
        staged.push((name.to_string(), target, temp, old.is_some()));
    }
    let mut replaced = Vec::new();
    for (name, target, mut temp, existed) in staged {
        fs::rename(&temp.path, &target).map_err(|e| format!("{}: {e}", target.display()))?;
        temp.armed = false;
        if existed {
            replaced.push(name);
        }
    }
    #[cfg(unix)]
    File::open(out)
        .and_then(|d| d.sync_all())
        .map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn writes_a_new_file_and_replaces_an_old_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("a.ron");
        let fp = write(&p, b"one", Expect::Nothing).expect("new");
        assert_eq!(fs::read(&p).expect("read"), b"one");
        assert_eq!(Fingerprint::of_file(&p).expect("fp"), Some(fp));
        assert!(matches!(
            write(&p, b"two", Expect::Nothing),
            Err(WriteError::Exists { .. })
        ));
        let fp2 = write(&p, b"three", Expect::Unchanged(fp)).expect("replace");
        assert_eq!(fs::read(&p).expect("read"), b"three");
        assert!(!fp2.same_content(&fp));
        assert_eq!(names(dir.path()), ["a.ron"]);
    }

    #[test]
    fn a_stale_or_deleted_file_is_not_overwritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("a.ron");
        let fp = write(&p, b"mine", Expect::Anything).expect("write");
        fs::write(&p, b"theirs").expect("external edit");
        let err = write(&p, b"mine again", Expect::Unchanged(fp)).expect_err("stale");
        assert!(
            matches!(err, WriteError::Changed { now: Some(_), .. }),
            "{err}"
        );
        assert!(err.to_string().contains("changed on disk"), "{err}");
        assert_eq!(fs::read(&p).expect("read"), b"theirs");
        fs::remove_file(&p).expect("rm");
        let err = write(&p, b"mine again", Expect::Unchanged(fp)).expect_err("gone");
        assert!(
            matches!(err, WriteError::Changed { now: None, .. }),
            "{err}"
        );
        assert!(!p.exists());
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn a_rebuildable_file_replaces_the_old_one_whole_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("dir");
        let p = dir.path().join(".pool.csv.squadboard-cache");
        write_rebuildable(&p, b"first").expect("new");
        write_rebuildable(&p, b"second, longer").expect("replaced");
        assert_eq!(fs::read(&p).expect("read"), b"second, longer");
        assert_eq!(
            names(dir.path()),
            vec![".pool.csv.squadboard-cache".to_string()]
        );
        // A folder where the file would go is refused, and left as it is.
        let folder = dir.path().join("taken");
        fs::create_dir(&folder).expect("mkdir");
        assert!(matches!(
            write_rebuildable(&folder, b"x"),
            Err(WriteError::NotAFile { .. })
        ));
        assert!(folder.is_dir());
    }

    #[test]
    fn a_folder_at_the_path_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = write(dir.path(), b"x", Expect::Anything).expect_err("dir");
        assert!(matches!(err, WriteError::NotAFile { .. }), "{err}");
    }
}
