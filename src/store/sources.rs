//! The text of a data folder's three files (or the bundled ones), read but not yet parsed:
//! what `dataset` parses and `check` points its messages into.

use super::ron_file::{StoreError, read_text};
use crate::domain::DataFile;
use std::path::{Path, PathBuf};

const BUNDLED: [(DataFile, &str); 3] = [
    (
        DataFile::Squad,
        include_str!("../../data/real-madrid/squad.ron"),
    ),
    (
        DataFile::Targets,
        include_str!("../../data/real-madrid/targets.ron"),
    ),
    (
        DataFile::Depth,
        include_str!("../../data/real-madrid/depth.ron"),
    ),
];

/// The text of a data folder's files, and where they came from.
#[derive(Debug, Clone)]
pub struct Sources {
    /// `None` for the bundled data.
    pub dir: Option<PathBuf>,
    pub texts: Vec<(DataFile, String)>,
}

impl Sources {
    pub fn bundled() -> Sources {
        Sources {
            dir: None,
            texts: BUNDLED.iter().map(|(f, t)| (*f, t.to_string())).collect(),
        }
    }

    /// Reads every file of a data folder; all missing or unreadable files are reported at once.
    pub fn read(dir: &Path) -> Result<Sources, Vec<StoreError>> {
        let mut texts = Vec::new();
        let mut errors = Vec::new();
        for f in DataFile::ALL {
            match read_text(&dir.join(f.file_name())) {
                Ok(t) => texts.push((f, t)),
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(Sources {
                dir: Some(dir.to_path_buf()),
                texts,
            })
        } else {
            Err(errors)
        }
    }

    /// The name a file is shown under in messages: its path, or `bundled:squad.ron`.
    pub fn shown(&self, f: DataFile) -> String {
        match &self.dir {
            Some(d) => d.join(f.file_name()).display().to_string(),
            None => format!("bundled:{}", f.file_name()),
        }
    }

    pub fn text(&self, f: DataFile) -> &str {
        self.texts
            .iter()
            .find(|(g, _)| *g == f)
            .map_or("", |(_, t)| t.as_str())
    }
}
