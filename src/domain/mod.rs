//! Plain data and pure rules: no terminal, no I/O.

pub mod budget;
pub mod compare;
pub mod dataset;
pub mod dates;
pub mod depth;
pub mod formation;
pub mod index;
pub mod plan;
pub mod player;
pub mod position;
pub mod report;
pub mod scenario;
pub mod search;
pub mod status;
pub mod timeline;
pub mod timeline_compare;
pub mod warnings;

pub use dataset::{Anchor, DataFile, Dataset, Problem, Severity, Side};
pub use dates::PartialDate;
pub use depth::DepthChart;
pub use formation::{Formation, Slot};
pub use player::{Currency, Fee, Foot, Injury, Player, PlayerId, ReportedAge};
pub use position::Position;
pub use report::{Link, Report, ReportId};
