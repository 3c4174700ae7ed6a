//! What a plan holds beyond its players: transfer budgets per window and the timeline's
//! settings. A leaf module, so the plan and the views computed from it (budget, timeline) import
//! it without importing each other.

use super::money::Fee;
use super::window::Window;
use serde::{Deserialize, Serialize};

/// A transfer budget for one window: what its net spend may reach (in any currency; counted in
/// the plan's at its rate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowBudget {
    pub window: Window,
    pub amount: Fee,
}

/// The first choice at this age or older is flagged, unless the plan says otherwise.
pub const DEFAULT_OLD_AGE: u32 = 32;

/// The timeline's settings a scenario may hold (all optional in the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineSettings {
    /// Flag a first choice this old or older (default [`DEFAULT_OLD_AGE`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_age: Option<u32>,
}

impl TimelineSettings {
    pub fn is_default(&self) -> bool {
        *self == TimelineSettings::default()
    }

    pub fn old_age(&self) -> u32 {
        self.old_age.unwrap_or(DEFAULT_OLD_AGE)
    }
}
