//! Everything that touches files: the bundled dataset, a user's data folder, `check`.

pub mod check;
pub mod dataset;
pub mod ron_file;

pub use check::{CheckReport, check};
pub use dataset::{Sources, load};
pub use ron_file::{MAX_FILE_BYTES, StoreError, parse_ron, read_text};
