//! Everything that touches files: the bundled dataset, a user's data folder, `check`.

pub mod atomic;
pub mod check;
pub mod csv_import;
pub mod dataset;
pub mod pool;
pub mod recovery;
pub mod ron_file;
pub mod scenario;
pub mod sources;

pub use check::{CheckReport, check};
pub use dataset::load;
pub use ron_file::{MAX_FILE_BYTES, StoreError, parse_ron, read_text};
pub use sources::Sources;
