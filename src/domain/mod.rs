//! Plain data and pure rules: no terminal, no I/O.

pub mod amortisation;
pub mod budget;
pub mod compare;
pub mod dataset;
pub mod dates;
pub mod depth;
pub mod formation;
pub mod ids;
pub mod money;
pub mod plan;
pub mod plan_settings;
pub mod player;
pub mod pool;
pub mod position;
pub mod report;
pub mod scenario;
pub mod status;
pub mod text;
pub mod timeline;
pub mod timeline_compare;
pub mod warnings;
pub mod window;

pub use dataset::{Anchor, DataFile, Dataset, Problem, Severity, Side};
pub use dates::PartialDate;
pub use depth::DepthChart;
pub use formation::{Formation, Slot};
pub use ids::{PlayerId, ReportId};
pub use money::{Currency, Fee, MoneySettings, Total};
pub use player::{Foot, Injury, Player, ReportedAge};
pub use position::Position;
pub use report::{Link, Report};
pub use window::Window;
