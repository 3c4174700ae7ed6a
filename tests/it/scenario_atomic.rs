//! Saving a scenario never leaves a half-written file, a temporary file, or an overwritten
//! external edit behind.

use crate::common::bundled_data;
use chrono::{NaiveDate, TimeZone, Utc};
use squadboard::domain::plan::{DepartureKind, Plan};
use squadboard::domain::scenario::Scenario;
use squadboard::domain::{Dataset, PlayerId};
use squadboard::store::atomic::{self, Expect, Fingerprint, Step, WriteError};
use squadboard::store::scenario::{SaveError, load, save, save_with, to_ron};
use std::fs;
use std::io;
use std::path::Path;

/// Two different scenarios: the one on disk and the one being saved over it.
fn old_and_new(ds: &Dataset) -> (Scenario, Scenario) {
    let now = Utc
        .with_ymd_and_hms(2026, 1, 10, 9, 0, 0)
        .single()
        .expect("t");
    let date = NaiveDate::from_ymd_opt(2026, 7, 1).expect("date");
    let old = Scenario::new("Plan A", Plan::new(ds, date), now);
    let mut new = old.clone();
    new.plan
        .depart(ds, &PlayerId::new("rudiger"), DepartureKind::Sold)
        .expect("depart");
    new.plan.notes = "the new one".into();
    new.touch(now + chrono::Duration::minutes(5));
    (old, new)
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_save_failing_at_any_step_leaves_the_complete_old_or_new_file() {
    let ds = bundled_data();
    let (old, new) = old_and_new(&ds);
    let (old_text, new_text) = (to_ron(&old).expect("ron"), to_ron(&new).expect("ron"));
    for step in Step::ALL {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("plan-a.ron");
        let fp = save(&path, &old, Expect::Nothing).expect("first save");
        let mut hook = |s: Step| {
            if s == step {
                Err(io::Error::other("disk on fire"))
            } else {
                Ok(())
            }
        };
        let err = save_with(&path, &new, Expect::Unchanged(fp), &mut hook).expect_err("fails");
        assert!(err.to_string().contains("disk on fire"), "{err}");
        let on_disk = fs::read_to_string(&path).expect("read");
        let loaded = load(&path, &ds).expect("still loads").scenario;
        match step {
            Step::TempWritten | Step::BeforeRename => {
                assert_eq!(on_disk, old_text, "{step:?}: the old file, whole");
                assert_eq!(loaded, old);
            }
            Step::AfterRename => {
                assert_eq!(on_disk, new_text, "{step:?}: the new file, whole");
                assert_eq!(loaded, new);
            }
        }
        assert_eq!(
            names(dir.path()),
            ["plan-a.ron"],
            "{step:?}: no temporary left"
        );
    }
}

#[test]
fn a_panic_mid_save_leaves_the_old_file_and_no_temporary() {
    let ds = bundled_data();
    let (old, new) = old_and_new(&ds);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan-a.ron");
    save(&path, &old, Expect::Nothing).expect("first save");
    let result = std::panic::catch_unwind(|| {
        let mut hook = |s: Step| -> io::Result<()> {
            assert_ne!(s, Step::BeforeRename, "crash before the rename");
            Ok(())
        };
        let _ = save_with(&path, &new, Expect::Anything, &mut hook);
    });
    assert!(result.is_err(), "the hook panicked");
    assert_eq!(load(&path, &ds).expect("loads").scenario, old);
    assert_eq!(names(dir.path()), ["plan-a.ron"]);
}

#[cfg(unix)]
#[test]
fn permission_bits_survive_a_save() {
    use std::os::unix::fs::PermissionsExt;
    let ds = bundled_data();
    let (old, new) = old_and_new(&ds);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan-a.ron");
    save(&path, &old, Expect::Nothing).expect("first save");
    for (mode, next) in [(0o640, &new), (0o600, &old), (0o444, &new)] {
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).expect("chmod");
        save(&path, next, Expect::Anything).expect("save");
        let got = fs::metadata(&path).expect("meta").permissions().mode() & 0o7777;
        assert_eq!(got, mode, "mode {mode:o} kept");
        assert_eq!(&load(&path, &ds).expect("load").scenario, next);
    }
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_silently() {
    let ds = bundled_data();
    let (old, new) = old_and_new(&ds);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan-a.ron");
    save(&path, &old, Expect::Nothing).expect("first save");
    let loaded = load(&path, &ds).expect("load");

    // Someone edits the file in another editor after we loaded it.
    let theirs = fs::read_to_string(&path)
        .expect("read")
        .replace("Plan A", "Plan A (theirs)");
    fs::write(&path, &theirs).expect("external edit");
    let err = save(&path, &new, Expect::Unchanged(loaded.fingerprint)).expect_err("stale");
    assert!(err.is_changed_on_disk(), "{err}");
    assert!(err.to_string().contains("changed on disk"), "{err}");
    assert_eq!(fs::read_to_string(&path).expect("read"), theirs);

    // The user says "overwrite": the save goes through.
    let fp = save(&path, &new, Expect::Anything).expect("overwrite");
    assert_eq!(load(&path, &ds).expect("load").scenario, new);

    // Touched but not changed: nothing would be lost, so the save goes through.
    let same = fs::read(&path).expect("read");
    fs::write(&path, &same).expect("rewrite the same bytes");
    save(&path, &old, Expect::Unchanged(fp)).expect("content unchanged");

    // Changed while the save was writing its temporary file: caught before the rename.
    let fp = Fingerprint::of_file(&path).expect("fp").expect("exists");
    let mut hook = |s: Step| {
        if s == Step::TempWritten {
            fs::write(&path, "// edited elsewhere mid-save\n")?;
        }
        Ok(())
    };
    let err = save_with(&path, &new, Expect::Unchanged(fp), &mut hook).expect_err("stale");
    assert!(err.is_changed_on_disk(), "{err}");
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        "// edited elsewhere mid-save\n"
    );
    assert_eq!(names(dir.path()), ["plan-a.ron"]);

    // Deleted since it was loaded: also a change, not a silent re-creation.
    fs::remove_file(&path).expect("rm");
    let err = save(&path, &new, Expect::Unchanged(fp)).expect_err("gone");
    assert!(matches!(
        err,
        SaveError::Write(WriteError::Changed { now: None, .. })
    ));
    assert!(names(dir.path()).is_empty());
}

#[test]
fn a_thousand_saves_leave_one_file_and_no_temporaries() {
    let ds = bundled_data();
    let (mut s, _) = old_and_new(&ds);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan-a.ron");
    let mut fp = save(&path, &s, Expect::Nothing).expect("first save");
    for i in 0..1000 {
        s.plan.notes = format!("save number {i}");
        fp = save(&path, &s, Expect::Unchanged(fp)).expect("save");
    }
    assert_eq!(names(dir.path()), ["plan-a.ron"]);
    let loaded = load(&path, &ds).expect("load");
    assert_eq!(loaded.scenario.plan.notes, "save number 999");
    assert!(loaded.fingerprint.same_content(&fp));
}

/// Makes a folder unwritable for as long as it lives. Permission bits do not stop root, so as
/// root the folder is made immutable instead (`chattr +i`, which needs CAP_LINUX_IMMUTABLE).
struct ReadOnly<'a> {
    dir: &'a Path,
    immutable: bool,
}

impl<'a> ReadOnly<'a> {
    #[cfg(unix)]
    fn new(dir: &'a Path) -> Option<ReadOnly<'a>> {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).expect("chmod");
        let mut guard = ReadOnly {
            dir,
            immutable: false,
        };
        if guard.writable() {
            let ok = std::process::Command::new("chattr")
                .arg("+i")
                .arg(dir)
                .status()
                .is_ok_and(|s| s.success());
            guard.immutable = ok;
            if !ok || guard.writable() {
                return None;
            }
        }
        Some(guard)
    }

    fn writable(&self) -> bool {
        let probe = self.dir.join("probe");
        let ok = fs::write(&probe, b"x").is_ok();
        let _ = fs::remove_file(&probe);
        ok
    }
}

impl Drop for ReadOnly<'_> {
    fn drop(&mut self) {
        if self.immutable {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(self.dir)
                .status();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = fs::set_permissions(self.dir, fs::Permissions::from_mode(0o755));
        }
    }
}

#[cfg(unix)]
#[test]
fn saving_into_a_read_only_folder_fails_cleanly() {
    let ds = bundled_data();
    let (old, new) = old_and_new(&ds);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan-a.ron");
    let fp = save(&path, &old, Expect::Nothing).expect("first save");
    let before = fs::read(&path).expect("read");
    let Some(guard) = ReadOnly::new(dir.path()) else {
        eprintln!("skipped: cannot make a folder read-only here (root without chattr)");
        return;
    };
    let err = save(&path, &new, Expect::Unchanged(fp)).expect_err("read-only");
    let text = err.to_string();
    assert!(text.contains("creating a temporary file"), "{text}");
    assert!(text.starts_with(&path.display().to_string()), "{text}");
    assert_eq!(fs::read(&path).expect("read"), before, "old file untouched");
    assert_eq!(names(dir.path()), ["plan-a.ron"]);
    drop(guard);
    // Writable again: the same save now works.
    save(&path, &new, Expect::Unchanged(fp)).expect("save");
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_written_through_and_kept() {
    use std::os::unix::fs::symlink;
    let ds = bundled_data();
    let (old, new) = old_and_new(&ds);
    let dir = tempfile::tempdir().expect("tempdir");
    let real_dir = dir.path().join("dotfiles");
    fs::create_dir(&real_dir).expect("mkdir");
    let target = real_dir.join("plan-a.ron");
    save(&target, &old, Expect::Nothing).expect("first save");
    // A relative link, through a second link.
    let link1 = dir.path().join("link1.ron");
    let link2 = dir.path().join("plan-a.ron");
    symlink("dotfiles/plan-a.ron", &link1).expect("symlink");
    symlink("link1.ron", &link2).expect("symlink");

    let loaded = load(&link2, &ds).expect("load through links");
    save(&link2, &new, Expect::Unchanged(loaded.fingerprint)).expect("save through links");
    assert!(
        fs::symlink_metadata(&link2)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::symlink_metadata(&link1)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert_eq!(load(&target, &ds).expect("target").scenario, new);
    assert_eq!(
        names(&real_dir),
        ["plan-a.ron"],
        "temporary was beside the target"
    );

    // A dangling link creates its target.
    let dangling = dir.path().join("new.ron");
    symlink("dotfiles/new.ron", &dangling).expect("symlink");
    atomic::write(&dangling, b"hello", Expect::Nothing).expect("write");
    assert_eq!(fs::read(real_dir.join("new.ron")).expect("read"), b"hello");

    // A loop is an error, not a hang.
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    symlink("b.ron", &a).expect("symlink");
    symlink("a.ron", &b).expect("symlink");
    let err = atomic::write(&a, b"x", Expect::Anything).expect_err("loop");
    assert!(matches!(err, WriteError::LinkLoop { .. }), "{err}");
}
