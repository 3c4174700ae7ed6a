//! A file's bytes mapped read-only, and the guard that keeps a file cut short under its mapping
//! from ending the process.
//!
//! A mapped file that another program truncates (`truncate -s 10M pool.csv`, or `cp other.csv
//! pool.csv`, which empties it first) turns every read past its new end into SIGBUS, which ends
//! the process: the board's terminal left raw and its unsaved work lost. The guard's handler
//! (installed with the first mapping) sees that the faulting address is in one of our mappings,
//! maps zeros over it from that page to its end, marks the mapping damaged and lets the read go
//! on; whoever read through it asks [`Mapped::check`] before trusting what it read, which also
//! notices a file rewritten in place (its size or time changed). A fault anywhere else goes to
//! the handler that was there before (Rust's own, for stack overflows) or ends the process as
//! before.

use crate::store::ron_file::StoreError;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Private, and on Linux filled in at once rather than a page fault at a time.
#[cfg(target_os = "linux")]
const MAP_FLAGS: libc::c_int = libc::MAP_PRIVATE | libc::MAP_POPULATE;
#[cfg(not(target_os = "linux"))]
const MAP_FLAGS: libc::c_int = libc::MAP_PRIVATE;

/// A file's bytes, mapped read-only from the page cache: no copy and no fresh pages to fault
/// in (reading a 25 MB pool into a `Vec` was a fifth of `find`'s time).
///
/// A file cut shorter by another program while it is mapped reads as zeros from there on, and
/// [`Mapped::check`] says so (see the module's comment).
pub struct Mapped {
    ptr: *mut libc::c_void,
    len: usize,
    /// Its place in [`SLOTS`].
    slot: usize,
    /// The file, to tell afterwards whether it changed while it was read.
    file: std::fs::File,
    was: Stamp,
}

// The mapping is read-only and private: sharing it between threads is sharing a `&[u8]`.
unsafe impl Send for Mapped {}
unsafe impl Sync for Mapped {}

impl Mapped {
    /// Maps `file`; `None` when it is empty or cannot be mapped (then read it instead).
    pub fn open(file: &std::fs::File) -> Option<Mapped> {
        Mapped::open_with(file, MAP_FLAGS)
    }

    /// Maps `file` without filling the mapping in: for a reader that goes through it a window
    /// at a time ([`Mapped::populate`], [`Mapped::release_part`]), holding only that window.
    pub fn open_lazy(file: &std::fs::File) -> Option<Mapped> {
        Mapped::open_with(file, libc::MAP_PRIVATE)
    }

    fn open_with(file: &std::fs::File, flags: libc::c_int) -> Option<Mapped> {
        use std::os::fd::AsRawFd;
        let meta = file.metadata().ok()?;
        let len = usize::try_from(meta.len()).ok()?;
        if len == 0 {
            return None;
        }
        guard::install();
        let file = file.try_clone().ok()?;
        // SAFETY: a fresh read-only private mapping of an open file; checked for failure.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ,
                flags,
                file.as_raw_fd(),
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            return None;
        }
        let Some(slot) = guard::register(ptr as usize, len) else {
            // No room to guard it: read the file instead.
            // SAFETY: unmaps the mapping just made, which nothing has seen.
            unsafe { libc::munmap(ptr, len) };
            return None;
        };
        Some(Mapped {
            ptr,
            len,
            slot,
            file,
            was: Stamp::of(&meta),
        })
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

    /// The whole pages of `part` (a slice of [`Mapped::bytes`]), as offsets into the mapping.
    fn pages_of(&self, part: &[u8]) -> Option<(usize, usize)> {
        // SAFETY: `sysconf` only reads a setting.
        let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) })
            .ok()
            .filter(|p| p.is_power_of_two())?;
        let base = self.ptr as usize;
        let start = (part.as_ptr() as usize).checked_sub(base)?;
        let end = start.checked_add(part.len())?;
        if end > self.len {
            return None;
        }
        // Pages wholly inside `part`: its neighbours' pages are left as they are.
        let (from, to) = (start.next_multiple_of(page), end / page * page);
        (from < to).then_some((from, to))
    }

    /// Fills in the pages of `part` (a slice of [`Mapped::bytes`]) at once, ahead of reading it,
    /// rather than a fault at a time (a kernel without it faults them in as they are read).
    pub fn populate(&self, part: &[u8]) {
        #[cfg(target_os = "linux")]
        self.advise(part, libc::MADV_POPULATE_READ);
        #[cfg(not(target_os = "linux"))]
        let _ = part;
    }

    /// [`Mapped::release`] of the pages of `part` (a slice of [`Mapped::bytes`]) only: a
    /// reader going through the file a window at a time lets each go once read.
    pub fn release_part(&self, part: &[u8]) {
        self.advise(part, libc::MADV_DONTNEED);
    }

    /// `madvise` on the whole pages of `part`; advice is only advice, so its failure is not one.
    fn advise(&self, part: &[u8], advice: libc::c_int) {
        if let Some((from, to)) = self.pages_of(part) {
            // SAFETY: advice on whole pages inside the mapping `open` made; a private
            // read-only mapping of a file reads the same bytes again after `MADV_DONTNEED`.
            unsafe {
                libc::madvise(self.ptr.cast::<u8>().add(from).cast(), to - from, advice);
            }
        }
    }

    /// Whether every byte read through the mapping so far was the file's: false once a read
    /// went past the end of a file cut short under it.
    pub fn intact(&self) -> bool {
        !guard::SLOTS[self.slot].damaged.load(Ordering::Acquire)
    }

    /// `Ok` when what was read through the mapping is the file as it was when mapped: not cut
    /// short under it, and neither its size nor its modification time changed since.
    pub fn check(&self, shown: &str) -> Result<(), StoreError> {
        let same = self.intact()
            && self
                .file
                .metadata()
                .is_ok_and(|m| Stamp::of(&m) == self.was);
        if same {
            Ok(())
        } else {
            Err(StoreError::invalid(
                shown,
                "changed while it was being read (another program cut it short or wrote over \
                 it); load it again once it is written",
            ))
        }
    }

    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `ptr` maps `len` readable bytes until `drop`.
        unsafe { std::slice::from_raw_parts(self.ptr.cast::<u8>(), self.len) }
    }
}

impl Drop for Mapped {
    fn drop(&mut self) {
        guard::unregister(self.slot, || {
            // SAFETY: unmaps what `open` mapped, once.
            unsafe {
                libc::munmap(self.ptr, self.len);
            }
        });
    }
}

/// What tells a file changed under its mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// The SIGBUS handler and the table of mappings it guards.
mod guard {
    use super::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::OnceLock;

    /// One mapping the handler guards: `start == 0` is a free slot, `usize::MAX` one being
    /// filled in or emptied.
    pub(super) struct Slot {
        start: AtomicUsize,
        len: AtomicUsize,
        pub(super) damaged: AtomicBool,
    }

    const BUSY: usize = usize::MAX;

    /// More mappings than are ever open at once (a pool and its cache, a few loads); a mapping
    /// that finds no free slot is not made (the file is read instead).
    pub(super) static SLOTS: [Slot; 64] = [const {
        Slot {
            start: AtomicUsize::new(0),
            len: AtomicUsize::new(0),
            damaged: AtomicBool::new(false),
        }
    }; 64];

    static PAGE: AtomicUsize = AtomicUsize::new(4096);

    /// The SIGBUS action before ours, for faults that are not in our mappings.
    struct Previous(libc::sigaction);
    // SAFETY: plain data written once before any handler can read it.
    unsafe impl Sync for Previous {}
    unsafe impl Send for Previous {}
    static PREVIOUS: OnceLock<Previous> = OnceLock::new();

    pub(super) fn install() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            // SAFETY: `sysconf` only reads a setting; `sigaction` with a zeroed, filled-in
            // action whose handler only touches atomics, `mmap` and the previous action.
            unsafe {
                if let Ok(page) = usize::try_from(libc::sysconf(libc::_SC_PAGESIZE))
                    && page.is_power_of_two()
                {
                    PAGE.store(page, Ordering::Relaxed);
                }
                let mut before: libc::sigaction = std::mem::zeroed();
                // Recorded before ours is in place, so a fault never finds it missing.
                if libc::sigaction(libc::SIGBUS, std::ptr::null(), &mut before) != 0 {
                    return;
                }
                let _ = PREVIOUS.set(Previous(before));
                let mut ours: libc::sigaction = std::mem::zeroed();
                ours.sa_sigaction = on_sigbus as *const () as usize;
                ours.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
                libc::sigemptyset(&mut ours.sa_mask);
                libc::sigaction(libc::SIGBUS, &ours, std::ptr::null_mut());
            }
        });
    }

    pub(super) fn register(start: usize, len: usize) -> Option<usize> {
        let i = SLOTS.iter().position(|s| {
            s.start
                .compare_exchange(0, BUSY, Ordering::AcqRel, Ordering::Relaxed)
                .is_ok()
        })?;
        let s = &SLOTS[i];
        s.damaged.store(false, Ordering::Release);
        s.len.store(len, Ordering::Release);
        s.start.store(start, Ordering::Release);
        Some(i)
    }

    /// Takes slot `i` out of the table, runs `unmap` and frees the slot.
    pub(super) fn unregister(i: usize, unmap: impl FnOnce()) {
        let s = &SLOTS[i];
        s.start.store(BUSY, Ordering::Release);
        s.len.store(0, Ordering::Release);
        unmap();
        s.start.store(0, Ordering::Release);
    }

    extern "C" fn on_sigbus(sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
        // SAFETY: the kernel hands a valid `siginfo_t` to an `SA_SIGINFO` handler.
        let addr = unsafe { (*info).si_addr() } as usize;
        let page = PAGE.load(Ordering::Relaxed);
        for s in &SLOTS {
            let start = s.start.load(Ordering::Acquire);
            if start == 0 || start == BUSY {
                continue;
            }
            let len = s.len.load(Ordering::Acquire);
            if addr < start || addr - start >= len {
                continue;
            }
            // The file ends before `addr`: zeros from its page to the mapping's end, in one go
            // (every page after it is past the end too).
            let from = addr & !(page - 1);
            let to = (start + len).next_multiple_of(page);
            // SAFETY: replaces pages of our own read-only mapping, which stays ours until
            // `unregister`; `mmap` is a plain system call, safe in a handler.
            let p = unsafe {
                libc::mmap(
                    from as *mut libc::c_void,
                    to - from,
                    libc::PROT_READ,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                    -1,
                    0,
                )
            };
            if p != libc::MAP_FAILED {
                s.damaged.store(true, Ordering::Release);
                return;
            }
        }
        pass_on(sig, info, ctx);
    }

    /// A fault that is not ours: the previous handler's, or the default (the fault comes again
    /// when the handler returns, and ends the process).
    fn pass_on(sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
        let previous = PREVIOUS.get().map(|p| p.0);
        // SAFETY: calls the handler that was installed before ours with what the kernel gave
        // us, as it would have been called; else puts the default action back.
        unsafe {
            match previous {
                Some(p) if p.sa_sigaction != libc::SIG_DFL && p.sa_sigaction != libc::SIG_IGN => {
                    if p.sa_flags & libc::SA_SIGINFO != 0 {
                        let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                            std::mem::transmute(p.sa_sigaction);
                        f(sig, info, ctx);
                    } else {
                        let f: extern "C" fn(libc::c_int) = std::mem::transmute(p.sa_sigaction);
                        f(sig);
                    }
                }
                _ => {
                    let mut dfl: libc::sigaction = std::mem::zeroed();
                    dfl.sa_sigaction = libc::SIG_DFL;
                    libc::sigaction(sig, &dfl, std::ptr::null_mut());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A file cut short under its mapping: the read goes on (zeros past the new end) and
    /// `check` fails, where it used to end the process with SIGBUS.
    #[test]
    fn a_file_cut_short_while_mapped_is_an_error_not_a_crash() {
        let mut file = tempfile::tempfile().expect("tempfile");
        file.write_all(&vec![b'x'; 64 * 1024]).expect("write");
        for lazy in [false, true] {
            file.set_len(64 * 1024).expect("grow");
            let mapped = if lazy {
                Mapped::open_lazy(&file)
            } else {
                Mapped::open(&file)
            }
            .expect("mapped");
            assert!(mapped.check("pool.csv").is_ok());
            file.set_len(100).expect("truncate");
            mapped.release();
            let xs = mapped.bytes().iter().filter(|&&b| b == b'x').count();
            assert_eq!(xs, 100, "the bytes still in the file read as they were");
            assert!(!mapped.intact());
            let err = mapped.check("pool.csv").expect_err("cut short").to_string();
            assert!(
                err.starts_with("pool.csv: changed while it was being read"),
                "{err}"
            );
        }
    }

    #[test]
    fn a_file_rewritten_in_place_while_mapped_fails_the_check() {
        let mut file = tempfile::tempfile().expect("tempfile");
        file.write_all(&vec![b'x'; 8192]).expect("write");
        let mapped = Mapped::open(&file).expect("mapped");
        file.write_all(b"more").expect("grow");
        assert!(mapped.intact());
        assert!(mapped.check("pool.csv").is_err());
    }
}
