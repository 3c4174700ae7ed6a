//! Why an effect failed, typed: the store's own errors (a parse error keeps its `file:line:col`),
//! a file changed on disk, an I/O error on a named file. Shared (`Arc`) so an [`Action`](crate::app::Action)
//! carrying one can still be cloned; two errors are equal when they say the same thing.

use crate::store::atomic::WriteError;
use crate::store::ron_file::StoreError;
use crate::store::scenario::SaveError;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone, thiserror::Error)]
pub enum EffectError {
    /// Reading a scenario or the folder: I/O, a parse error with its place, a file unfit to use.
    #[error(transparent)]
    Store(Arc<StoreError>),
    /// Writing a scenario; [`EffectError::changed_on_disk`] tells a file someone else changed.
    #[error(transparent)]
    Save(Arc<SaveError>),
    /// A check before writing (a rename's old file changed on disk).
    #[error(transparent)]
    Write(Arc<WriteError>),
    /// Removing or moving a file.
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: Arc<io::Error>,
    },
    /// Setting a recovery file aside (the error names its file itself).
    #[error(transparent)]
    SetAside(Arc<io::Error>),
    #[error("{}: not a regular file", .path.display())]
    NotAFile { path: PathBuf },
    /// Saving over a file that does not read as a scenario (a restored recovery naming some
    /// other file): never written over.
    #[error("{}: not a scenario file, so it is not written over; save the work as a new one", .path.display())]
    NotAScenario { path: PathBuf },
    /// Saving in place with no file to save to.
    #[error("this scenario has no file yet: save it as a new one")]
    NoFile,
}

impl EffectError {
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> EffectError {
        EffectError::Io {
            path: path.into(),
            source: Arc::new(source),
        }
    }

    /// The file changed on disk since it was read: ask before overwriting it.
    pub fn changed_on_disk(&self) -> bool {
        match self {
            EffectError::Save(e) => e.is_changed_on_disk(),
            EffectError::Write(e) => matches!(**e, WriteError::Changed { .. }),
            _ => false,
        }
    }
}

impl From<StoreError> for EffectError {
    fn from(e: StoreError) -> EffectError {
        EffectError::Store(Arc::new(e))
    }
}

impl From<SaveError> for EffectError {
    fn from(e: SaveError) -> EffectError {
        EffectError::Save(Arc::new(e))
    }
}

impl From<WriteError> for EffectError {
    fn from(e: WriteError) -> EffectError {
        EffectError::Write(Arc::new(e))
    }
}

/// Equal when they say the same to the user (the I/O errors inside compare no other way).
impl PartialEq for EffectError {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}
