//! Scenario files: pretty RON a person can read and edit, saved atomically, loaded with errors
//! that name `file:line:column`, migrated from older format versions.
//!
//! Format history (each old shape is kept, frozen, in its own module below, so its files stay
//! loadable; when the format next changes, copy today's shape into `v2` first):
//! - **1**: the plan's fields flat at the top level; signings a list of ids with fees in a
//!   separate `fees` map; departures a map from id to kind; one `saved` time.
//! - **2**: the plan nested as `plan: Plan(..)`, as the board holds it; signings carry
//!   their assumed fee, departures their fee; `created` and `modified`; the XI written out by slot
//!   for the reader (`xi`), which is derived again on load — the depth chart wins.
//! - **3**: the plan may hold transfer budgets per window (`budgets`, each window the day it
//!   opens) and the timeline's settings (`timeline: (old_age: Some(32))`); both optional.
//! - **4** (current): every move belongs to a window — a signing's and a departure's `window:
//!   "summer 2026"` (required), a renewal's (optional); a signing may assume the length of his
//!   new contract (`contract_years`); budgets name their window the same way; the plan holds its
//!   currency and the exchange rates it assumes (`money`). A departing player keeps his place in
//!   the depth chart (he is gone from it once his window opens). Migrated from 1–3: each old move
//!   in the window the plan's date falls in, the data's currency with the default rate, and a
//!   departed player back at the foot of his position's column for the dates before he goes.

use super::atomic::{self, Expect, Fingerprint, Step, WriteError};
use super::ron_file::{StoreError, line_col, parse_ron};
use crate::domain::Dataset;
use crate::domain::plan::Plan;
use crate::domain::scenario::{
    FORMAT_VERSION, Pick, Scenario, Unresolved, XiDifference, unresolved, xi_differences,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Scenario files are small; anything larger is refused before parsing, and never written.
pub const MAX_SCENARIO_BYTES: u64 = 1 << 20;

/// When set, scenarios live in `$SQUADBOARD_DATA_DIR/scenarios`.
pub const DATA_DIR_ENV: &str = "SQUADBOARD_DATA_DIR";

const OLDEST_VERSION: u32 = 1;

const HEADER: &str = "\
// A squadboard scenario. Players are named by their ids in squad.ron and targets.ron.
// `xi` is written out for reading only: it is worked out again from `plan.depth` on load, and
// where the two disagree the depth chart wins.
";

/// The scenario folder: `override_dir` (`--scenarios DIR`) if given, else
/// `$SQUADBOARD_DATA_DIR/scenarios`, else the platform data directory's `scenarios/` (e.g.
/// `~/.local/share/squadboard/scenarios`), else `./scenarios` on a system without a home folder.
pub fn scenarios_dir(override_dir: Option<&Path>) -> PathBuf {
    let project = directories::ProjectDirs::from("", "", "squadboard")
        .map(|p| p.data_dir().join("scenarios"));
    choose_dir(override_dir, std::env::var_os(DATA_DIR_ENV), project)
}

fn choose_dir(
    override_dir: Option<&Path>,
    env: Option<OsString>,
    project: Option<PathBuf>,
) -> PathBuf {
    if let Some(d) = override_dir {
        return d.to_path_buf();
    }
    if let Some(d) = env.filter(|v| !v.is_empty()) {
        return PathBuf::from(d).join("scenarios");
    }
    project.unwrap_or_else(|| PathBuf::from("scenarios"))
}

/// A file-name-safe form of a scenario name: lower-case ASCII letters and digits joined by
/// dashes, accents folded ("Konaté in, Rüdiger out" → "konate-in-rudiger-out").
pub fn slug(name: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::new();
    let mut gap = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        let folded = fold(c);
        let pieces: Vec<char> = match folded {
            Some(s) => s.chars().collect(),
            None => vec![crate::search::fold_char(c)],
        };
        for m in pieces {
            if m.is_ascii_alphanumeric() {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                gap = false;
                out.push(m);
            } else {
                gap = true;
            }
        }
        if out.len() >= MAX {
            break;
        }
    }
    out.truncate(MAX);
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        return "scenario".into();
    }
    // Names Windows keeps for devices.
    const RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];
    let device = RESERVED.contains(&out.as_str())
        || ((out.starts_with("com") || out.starts_with("lpt"))
            && out.len() == 4
            && out.ends_with(|c: char| c.is_ascii_digit()));
    if device {
        out.push_str("-scenario");
    }
    out
}

/// Accents folded as the search folds them ([`crate::search::fold_char`]), so a scenario's file
/// name and its search key agree; the ligatures a file name can afford to spell out in full
/// ("Straße" → "strasse") are spelled out.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        'þ' => "th",
        _ => return None,
    })
}

/// The file name a scenario is saved under: its name's slug + `.ron`.
pub fn file_name_for(name: &str) -> String {
    format!("{}.ron", slug(name))
}

/// The current format (4).
mod v4 {
    use super::*;

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(rename = "Scenario", deny_unknown_fields)]
    pub struct File {
        pub format_version: u32,
        pub name: String,
        pub created: DateTime<Utc>,
        pub modified: DateTime<Utc>,
        pub plan: Plan,
        #[serde(default, with = "super::v2::xi_map")]
        pub xi: Vec<Pick>,
    }
}

/// Format 3, frozen: moves with no window, budgets by the day their window opens, no money.
mod v3 {
    use super::v2::{DepartureV2, SigningV2};
    use super::*;
    use crate::domain::DepthChart;
    use crate::domain::Window;
    use crate::domain::money::Fee;
    use crate::domain::plan::Assumption;
    use crate::domain::plan_settings::{TimelineSettings, WindowBudget};

    #[derive(Debug, Deserialize)]
    #[serde(rename = "Scenario", deny_unknown_fields)]
    pub struct File {
        #[allow(dead_code)]
        pub format_version: u32,
        pub name: String,
        pub created: DateTime<Utc>,
        pub modified: DateTime<Utc>,
        pub plan: PlanV3,
        #[serde(default, with = "super::v2::xi_map")]
        pub xi: Vec<Pick>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename = "Plan", deny_unknown_fields)]
    pub struct PlanV3 {
        pub date: chrono::NaiveDate,
        pub depth: DepthChart,
        #[serde(default)]
        pub signings: Vec<SigningV2>,
        #[serde(default)]
        pub departures: Vec<DepartureV2>,
        #[serde(default)]
        pub assumptions: Vec<Assumption>,
        #[serde(default)]
        pub notes: String,
        #[serde(default)]
        pub budgets: Vec<BudgetV3>,
        #[serde(default)]
        pub timeline: TimelineSettings,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename = "WindowBudget", deny_unknown_fields)]
    pub struct BudgetV3 {
        pub window: chrono::NaiveDate,
        pub amount: Fee,
    }

    /// Version 3 → 4: every move in the window the plan's date falls in (where the old format
    /// made them all); money and departed players' places are filled in with the data by
    /// [`super::after_migration`].
    pub fn upgrade(f: File) -> v4::File {
        let p = f.plan;
        let w = Window::of(p.date);
        v4::File {
            format_version: 4,
            name: f.name,
            created: f.created,
            modified: f.modified,
            plan: Plan {
                date: p.date,
                depth: p.depth,
                signings: p
                    .signings
                    .into_iter()
                    .map(|s| crate::domain::plan::Signing {
                        id: s.id,
                        window: w,
                        assumed_fee: s.assumed_fee,
                        contract_years: None,
                        loan: false,
                    })
                    .collect(),
                departures: p
                    .departures
                    .into_iter()
                    .map(|d| crate::domain::plan::Departure {
                        id: d.id,
                        kind: d.kind,
                        window: w,
                        fee: d.fee,
                    })
                    .collect(),
                assumptions: p.assumptions,
                notes: p.notes,
                budgets: p
                    .budgets
                    .into_iter()
                    .map(|b| WindowBudget {
                        window: Window::of(b.window),
                        amount: b.amount,
                    })
                    .collect(),
                timeline: p.timeline,
                money: Default::default(),
                pool_names: Default::default(),
            },
            xi: f.xi,
        }
    }
}

/// Format 2, frozen: the plan without budgets or timeline settings.
mod v2 {
    use super::*;
    use crate::domain::DepthChart;
    use crate::domain::PlayerId;
    use crate::domain::money::Fee;
    use crate::domain::plan::{Assumption, DepartureKind};

    /// A signing of formats 2 and 3: no window.
    #[derive(Debug, Deserialize)]
    #[serde(rename = "Signing", deny_unknown_fields)]
    pub struct SigningV2 {
        pub id: PlayerId,
        #[serde(default)]
        pub assumed_fee: Option<Fee>,
    }

    /// A departure of formats 2 and 3: no window.
    #[derive(Debug, Deserialize)]
    #[serde(rename = "Departure", deny_unknown_fields)]
    pub struct DepartureV2 {
        pub id: PlayerId,
        pub kind: DepartureKind,
        #[serde(default)]
        pub fee: Option<Fee>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename = "Scenario", deny_unknown_fields)]
    pub struct File {
        // Read through `Header` to choose this type; kept so `deny_unknown_fields` accepts it.
        #[allow(dead_code)]
        pub format_version: u32,
        pub name: String,
        pub created: DateTime<Utc>,
        pub modified: DateTime<Utc>,
        pub plan: PlanV2,
        #[serde(default, with = "xi_map")]
        pub xi: Vec<Pick>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename = "Plan", deny_unknown_fields)]
    pub struct PlanV2 {
        pub date: chrono::NaiveDate,
        pub depth: DepthChart,
        #[serde(default)]
        pub signings: Vec<SigningV2>,
        #[serde(default)]
        pub departures: Vec<DepartureV2>,
        #[serde(default)]
        pub assumptions: Vec<Assumption>,
        #[serde(default)]
        pub notes: String,
    }

    /// Version 2 → 3: the same plan, with no budgets and default timeline settings.
    pub fn upgrade(f: File) -> v3::File {
        let p = f.plan;
        v3::File {
            format_version: 3,
            name: f.name,
            created: f.created,
            modified: f.modified,
            plan: v3::PlanV3 {
                date: p.date,
                depth: p.depth,
                signings: p.signings,
                departures: p.departures,
                assumptions: p.assumptions,
                notes: p.notes,
                budgets: Vec::new(),
                timeline: Default::default(),
            },
            xi: f.xi,
        }
    }

    /// The XI as a map from slot key to player, one line a slot, in formation order.
    pub(super) mod xi_map {
        use crate::domain::PlayerId;
        use crate::domain::scenario::Pick;
        use serde::de::{MapAccess, Visitor};
        use serde::ser::SerializeMap;
        use serde::{Deserializer, Serializer};
        use std::fmt;

        pub fn serialize<S: Serializer>(xi: &[Pick], s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(Some(xi.len()))?;
            for p in xi {
                m.serialize_entry(&p.slot, &p.player)?;
            }
            m.end()
        }

        struct V;

        impl<'de> Visitor<'de> for V {
            type Value = Vec<Pick>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from slot key to player, like { \"RCB\": Some(\"konate\") }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Pick>, A::Error> {
                let mut out = Vec::new();
                while let Some((slot, player)) = map.next_entry::<String, Option<PlayerId>>()? {
                    out.push(Pick { slot, player });
                }
                Ok(out)
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Pick>, D::Error> {
            d.deserialize_map(V)
        }
    }
}

/// Format 1, frozen: do not change these types, or old files stop loading.
mod v1 {
    use super::*;
    use crate::domain::{Formation, PlayerId, Position};
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize)]
    #[serde(rename = "Scenario", deny_unknown_fields)]
    pub struct File {
        // Read through `Header` to choose this type; kept so `deny_unknown_fields` accepts it.
        #[allow(dead_code)]
        pub format_version: u32,
        pub name: String,
        pub saved: DateTime<Utc>,
        pub date: chrono::NaiveDate,
        #[serde(default)]
        pub formation: Formation,
        pub depth: BTreeMap<Position, Vec<PlayerId>>,
        #[serde(default)]
        pub signings: Vec<PlayerId>,
        #[serde(default)]
        pub fees: BTreeMap<PlayerId, Fee>,
        #[serde(default)]
        pub departures: BTreeMap<PlayerId, DepartureKind>,
        #[serde(default)]
        pub assumptions: Vec<Assumption>,
        #[serde(default)]
        pub notes: String,
    }

    #[derive(Debug, Clone, Copy, Deserialize)]
    #[serde(rename = "Fee", deny_unknown_fields)]
    pub struct Fee {
        pub amount: u64,
        pub currency: Currency,
        #[serde(default)]
        pub approximate: bool,
    }

    // Spelled as the files spell them.
    #[allow(clippy::upper_case_acronyms)]
    #[derive(Debug, Clone, Copy, Deserialize)]
    pub enum Currency {
        EUR,
        GBP,
        USD,
    }

    #[derive(Debug, Clone, Copy, Deserialize)]
    pub enum DepartureKind {
        Sold,
        Loaned,
        Released,
        ContractNotRenewed,
    }

    #[derive(Debug, Clone, Deserialize)]
    pub enum Assumption {
        FitFrom {
            id: PlayerId,
            from: chrono::NaiveDate,
        },
        InjuredUntil {
            id: PlayerId,
            since: chrono::NaiveDate,
            until: Option<chrono::NaiveDate>,
        },
        Renews {
            id: PlayerId,
            until: chrono::NaiveDate,
        },
    }

    /// Version 1 → 2: the plan's fields gather under `plan`, fees move onto the signings, the
    /// one `saved` time becomes both `created` and `modified`. The file had no XI to check.
    pub fn upgrade(f: File) -> v2::File {
        use crate::domain::money as pl;
        use crate::domain::plan as p;
        let fee = |f: Fee| pl::Fee {
            amount: f.amount,
            currency: match f.currency {
                Currency::EUR => pl::Currency::EUR,
                Currency::GBP => pl::Currency::GBP,
                Currency::USD => pl::Currency::USD,
            },
            approximate: f.approximate,
        };
        let plan = v2::PlanV2 {
            date: f.date,
            depth: crate::domain::DepthChart {
                formation: f.formation,
                columns: f.depth,
            },
            signings: f
                .signings
                .into_iter()
                .map(|id| v2::SigningV2 {
                    assumed_fee: f.fees.get(&id).copied().map(fee),
                    id,
                })
                .collect(),
            departures: f
                .departures
                .into_iter()
                .map(|(id, kind)| v2::DepartureV2 {
                    id,
                    kind: match kind {
                        DepartureKind::Sold => p::DepartureKind::Sold,
                        DepartureKind::Loaned => p::DepartureKind::Loaned,
                        DepartureKind::Released => p::DepartureKind::Released,
                        DepartureKind::ContractNotRenewed => p::DepartureKind::ContractNotRenewed,
                    },
                    fee: None,
                })
                .collect(),
            assumptions: f
                .assumptions
                .into_iter()
                .map(|a| match a {
                    Assumption::FitFrom { id, from } => p::Assumption::FitFrom { id, from },
                    Assumption::InjuredUntil { id, since, until } => {
                        p::Assumption::InjuredUntil { id, since, until }
                    }
                    Assumption::Renews { id, until } => p::Assumption::Renews {
                        id,
                        until,
                        window: None,
                    },
                })
                .collect(),
            notes: f.notes,
        };
        v2::File {
            format_version: 2,
            name: f.name,
            created: f.saved,
            modified: f.saved,
            plan,
            xi: Vec::new(),
        }
    }
}

/// Just enough of any version to tell which one it is.
#[derive(Deserialize)]
#[serde(rename = "Scenario")]
struct Header {
    format_version: u32,
}

/// A file of any known version, as parsed.
enum Versioned {
    V1(v1::File),
    V2(v2::File),
    V3(v3::File),
    V4(v4::File),
}

impl Versioned {
    /// Migrates one step at a time up to the current version.
    fn upgrade(self) -> v4::File {
        match self {
            Versioned::V1(f) => Versioned::V2(v1::upgrade(f)).upgrade(),
            Versioned::V2(f) => Versioned::V3(v2::upgrade(f)).upgrade(),
            Versioned::V3(f) => Versioned::V4(v3::upgrade(f)).upgrade(),
            Versioned::V4(f) => f,
        }
    }
}

/// What a migration from formats 1–3 needs the data for: the club's currency with the default
/// rate, and a place in the depth chart for each departed player (those formats took him out
/// of it), at the foot of his position's column, so the dates before he goes have him.
fn after_migration(plan: &mut Plan, ds: &Dataset) {
    plan.money = crate::domain::MoneySettings::for_currency(ds.currency);
    for d in &plan.departures {
        if !plan.depth.contains(&d.id)
            && let Some(pos) = ds.player(&d.id).and_then(|p| p.position)
        {
            plan.depth.insert(pos, usize::MAX, d.id.clone());
        }
    }
}

/// A scenario as loaded, and everything the user should be told about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// Always in the current format (`format_version` == [`FORMAT_VERSION`]).
    pub scenario: Scenario,
    /// The file as read; pass it back to [`save`] as `Expect::Unchanged(fingerprint)`.
    pub fingerprint: Fingerprint,
    /// References to players the loaded data cannot resolve: kept in the plan as written.
    pub unresolved: Vec<Unresolved>,
    /// Where the file's written-out XI disagreed with its depth chart (the depth chart won).
    pub xi_differences: Vec<XiDifference>,
    /// What was put right so the plan keeps the board's rules (see `Plan::normalize`).
    pub normalized: Vec<String>,
    /// The version the file was written in, when it was older than the current one. Saving
    /// writes the current version.
    pub migrated_from: Option<u32>,
}

impl Loaded {
    /// Everything to tell the user, one line each; empty when the file loaded as it was.
    pub fn notices(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(v) = self.migrated_from {
            out.push(format!(
                "written in scenario format {v}; saving it will write format {FORMAT_VERSION}"
            ));
        }
        out.extend(crate::domain::scenario::unresolved_notice(
            &self.unresolved,
            &self.scenario.plan,
        ));
        out.extend(self.xi_differences.iter().map(|d| d.to_string()));
        out.extend(self.normalized.iter().cloned());
        out
    }
}

/// Parses scenario text; `file` is the name errors carry. The fingerprint is the text's.
pub fn parse(file: &str, text: &str, ds: &Dataset) -> Result<Loaded, StoreError> {
    let header: Header = parse_ron(file, text)?;
    let version = header.format_version;
    let parsed = match version {
        1 => Versioned::V1(parse_ron(file, text)?),
        2 => Versioned::V2(parse_ron(file, text)?),
        3 => Versioned::V3(parse_ron(file, text)?),
        4 => Versioned::V4(parse_ron(file, text)?),
        v => {
            let message = if v > FORMAT_VERSION {
                format!(
                    "scenario format version {v} is newer than this squadboard reads \
                     ({OLDEST_VERSION} to {FORMAT_VERSION}); open it with a newer squadboard"
                )
            } else {
                format!(
                    "unknown scenario format version {v} (this squadboard reads versions \
                     {OLDEST_VERSION} to {FORMAT_VERSION})"
                )
            };
            return Err(match text.find("format_version") {
                Some(at) => {
                    let (line, col) = line_col(text, at);
                    StoreError::Parse {
                        file: file.to_string(),
                        line,
                        col,
                        message,
                    }
                }
                None => StoreError::invalid(file, message),
            });
        }
    };
    let f = parsed.upgrade();
    let mut plan = f.plan;
    if version < 4 {
        after_migration(&mut plan, ds);
    }
    let xi_differences = xi_differences(&plan, &f.xi);
    // A hand edit may break the board's rules (a player twice in a column, a target placed but
    // not signed): put them right, and say so.
    let normalized = plan.normalize(ds);
    // Players the data cannot resolve stay as written (a pool opened without its pool); listed
    // as the plan now stands.
    let unresolved = unresolved(&plan, ds);
    Ok(Loaded {
        scenario: Scenario {
            format_version: FORMAT_VERSION,
            name: f.name,
            created: f.created,
            modified: f.modified,
            plan,
        },
        fingerprint: Fingerprint::of_bytes(text.as_bytes(), None),
        unresolved,
        xi_differences,
        normalized,
        migrated_from: (version != FORMAT_VERSION).then_some(version),
    })
}

/// Reads a file of at most [`MAX_SCENARIO_BYTES`], with the fingerprint of exactly the bytes
/// read.
fn read_capped(path: &Path) -> Result<(String, Fingerprint), StoreError> {
    let shown = path.display();
    // The type first (a FIFO would block the open), then opened without blocking, then the type
    // again on what was opened, in case it was swapped in between.
    let meta = std::fs::metadata(path).map_err(|e| StoreError::io(&shown, e))?;
    if !meta.is_file() {
        return Err(StoreError::invalid(&shown, "not a regular file"));
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file: File = opts.open(path).map_err(|e| StoreError::io(&shown, e))?;
    let meta = file.metadata().map_err(|e| StoreError::io(&shown, e))?;
    if !meta.is_file() {
        return Err(StoreError::invalid(&shown, "not a regular file"));
    }
    let too_big = || {
        StoreError::invalid(
            &shown,
            format!(
                "larger than {} KiB; not a scenario squadboard wrote, refusing to load it",
                MAX_SCENARIO_BYTES >> 10
            ),
        )
    };
    if meta.len() > MAX_SCENARIO_BYTES {
        return Err(too_big());
    }
    let mut buf = Vec::new();
    file.take(MAX_SCENARIO_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| StoreError::io(&shown, e))?;
    if buf.len() as u64 > MAX_SCENARIO_BYTES {
        return Err(too_big());
    }
    let fp = Fingerprint::of_bytes(&buf, meta.modified().ok());
    let text = String::from_utf8(buf).map_err(|e| {
        let (line, col) = line_col(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        StoreError::Parse {
            file: shown.to_string(),
            line,
            col,
            message: "not valid UTF-8".into(),
        }
    })?;
    Ok((text, fp))
}

/// The text of a scenario-sized file (at most [`MAX_SCENARIO_BYTES`], regular files only).
pub fn read_text(path: &Path) -> Result<String, StoreError> {
    read_capped(path).map(|(text, _)| text)
}

/// Loads a scenario file against a dataset: players the data does not have are kept and
/// listed, older formats migrated, newer ones refused.
pub fn load(path: &Path, ds: &Dataset) -> Result<Loaded, StoreError> {
    let (text, fp) = read_capped(path)?;
    let mut loaded = parse(&path.display().to_string(), &text, ds)?;
    loaded.fingerprint = fp;
    Ok(loaded)
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("{}: the scenario cannot be written as RON: {message}", .path.display())]
    Format { path: PathBuf, message: String },
    #[error("{}: the scenario would be {len} bytes, over the {} KiB limit; nothing written", .path.display(), MAX_SCENARIO_BYTES >> 10)]
    TooLarge { path: PathBuf, len: usize },
}

impl SaveError {
    /// The file changed on disk since it was loaded: ask before overwriting.
    pub fn is_changed_on_disk(&self) -> bool {
        matches!(self, SaveError::Write(WriteError::Changed { .. }))
    }
}

/// The text a save writes: a comment header, then pretty RON in the current format.
pub fn to_ron(s: &Scenario) -> Result<String, ron::Error> {
    let file = v4::File {
        format_version: FORMAT_VERSION,
        name: s.name.clone(),
        created: s.created,
        modified: s.modified,
        plan: s.plan.clone(),
        xi: s.xi_by_slot(),
    };
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ")
        .new_line("\n");
    let body = ron::ser::to_string_pretty(&file, config)?;
    Ok(format!("{HEADER}{body}\n"))
}

/// Saves a scenario to `path` atomically (see [`atomic`]). It is written as it is: call
/// [`Scenario::touch`] first to stamp the save time. Returns the new file's fingerprint.
pub fn save(path: &Path, s: &Scenario, expect: Expect) -> Result<Fingerprint, SaveError> {
    save_with(path, s, expect, &mut |_| Ok(()))
}

/// [`save`] with a fault-injection hook (see [`atomic::write_with`]).
pub fn save_with(
    path: &Path,
    s: &Scenario,
    expect: Expect,
    hook: &mut dyn FnMut(Step) -> std::io::Result<()>,
) -> Result<Fingerprint, SaveError> {
    let text = to_ron(s).map_err(|e| SaveError::Format {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    if text.len() as u64 > MAX_SCENARIO_BYTES {
        return Err(SaveError::TooLarge {
            path: path.to_path_buf(),
            len: text.len(),
        });
    }
    Ok(atomic::write_with(path, text.as_bytes(), expect, hook)?)
}

/// Saves a new scenario in `dir` (created if missing) under its name's slug, never over an
/// existing file: `slug.ron`, else `slug-2.ron`, `slug-3.ron`, …
pub fn save_new(dir: &Path, s: &Scenario) -> Result<(PathBuf, Fingerprint), SaveError> {
    std::fs::create_dir_all(dir).map_err(|e| {
        SaveError::Write(WriteError::Io {
            path: dir.to_path_buf(),
            doing: "creating the scenario folder",
            source: e,
        })
    })?;
    let base = slug(&s.name);
    let mut n = 1u32;
    loop {
        let name = if n == 1 {
            format!("{base}.ron")
        } else {
            format!("{base}-{n}.ron")
        };
        let path = dir.join(name);
        match save(&path, s, Expect::Nothing) {
            Err(SaveError::Write(WriteError::Exists { .. })) if n < 10_000 => n += 1,
            r => return r.map(|fp| (path, fp)),
        }
    }
}

/// The scenario of the folder that already has `name`: the same name with case and accents
/// ignored (as the search folds names), or the file the name would be saved under. "Romero
/// Plan" is taken by "Romero plan", and "Romero plan!" by `romero-plan.ron`.
pub fn name_taken<'a>(entries: &'a [Entry], name: &str) -> Option<&'a Entry> {
    let key = crate::search::fold(name.trim());
    let file = file_name_for(name);
    entries
        .iter()
        .find(|e| crate::search::fold(e.name.trim()) == key)
        .or_else(|| {
            entries
                .iter()
                .find(|e| e.path.file_name().is_some_and(|f| *f == *file))
        })
}

/// One file of the scenario folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub path: PathBuf,
    /// The scenario's name, or the file name when it cannot be read.
    pub name: String,
    /// When the scenario was last saved, or the file's time when it cannot be read.
    pub modified: Option<DateTime<Utc>>,
    /// The one-line summary, or why the file cannot be loaded.
    pub summary: Result<String, String>,
    /// What loading it would report (dropped players, migration, XI edits).
    pub notices: Vec<String>,
    /// The plan it holds, when it loads (for `scenario list --format json`).
    pub plan: Option<Box<Plan>>,
}

/// Lists the `*.ron` files of a scenario folder by file name. Files that cannot be read or
/// parsed are listed with their error, never skipped; hidden files (temporaries) and
/// sub-folders are not scenarios. A missing folder is an empty list.
pub fn list(dir: &Path, ds: &Dataset) -> Result<Vec<Entry>, StoreError> {
    let shown = dir.display();
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(&shown, e)),
    };
    let mut out = Vec::new();
    for item in rd {
        let item = item.map_err(|e| StoreError::io(&shown, e))?;
        let path = item.path();
        let file_name = item.file_name().to_string_lossy().into_owned();
        if file_name.starts_with('.') || !file_name.ends_with(".ron") {
            continue;
        }
        // Follows links: a link to a scenario is a scenario.
        let meta = std::fs::metadata(&path);
        if meta.as_ref().is_ok_and(|m| m.is_dir()) {
            continue;
        }
        let file_time = meta
            .ok()
            .and_then(|m| m.modified().ok())
            .map(DateTime::<Utc>::from);
        let stem = file_name.trim_end_matches(".ron").to_string();
        out.push(match load(&path, ds) {
            Ok(l) => Entry {
                summary: Ok(l.scenario.summary(ds)),
                notices: l.notices(),
                name: l.scenario.name,
                modified: Some(l.scenario.modified),
                plan: Some(Box::new(l.scenario.plan)),
                path,
            },
            Err(e) => Entry {
                path,
                name: stem,
                modified: file_time,
                summary: Err(e.to_string()),
                notices: Vec::new(),
                plan: None,
            },
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// What to say when `arg` names no file and no scenario of `dir`: the names `dir` has, so the
/// one meant can be typed ("no scenario “konate” in DIR; its scenarios: “Konaté at right CB”,
/// “Romero in”").
pub fn missing(arg: &Path, dir: &Path, ds: &Dataset) -> String {
    let names: Vec<String> = list(dir, ds)
        .unwrap_or_default()
        .into_iter()
        .map(|e| format!("“{}”", e.name))
        .collect();
    let there = if names.is_empty() {
        "it has none yet".to_string()
    } else {
        format!("its scenarios: {}", names.join(", "))
    };
    format!(
        "{}: no such file, and no scenario of that name in {}; {there}",
        arg.display(),
        dir.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_taken_whatever_its_case_accents_or_punctuation() {
        let entry = |file: &str, name: &str| Entry {
            path: PathBuf::from("/s").join(file),
            name: name.into(),
            modified: None,
            summary: Ok(String::new()),
            notices: Vec::new(),
            plan: None,
        };
        let all = [
            entry("romero-plan.ron", "Romero plan"),
            entry("konate-at-rcb-2.ron", "Konaté at RCB"),
        ];
        let taken = |n: &str| name_taken(&all, n).map(|e| e.name.as_str());
        assert_eq!(taken("Romero Plan"), Some("Romero plan"));
        assert_eq!(taken(" ROMÉRO plan "), Some("Romero plan"));
        assert_eq!(taken("romero plan!"), Some("Romero plan"), "the file name");
        assert_eq!(
            taken("konate at rcb"),
            Some("Konaté at RCB"),
            "whatever its file"
        );
        assert_eq!(taken("Romero plan B"), None);
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Konaté in, Rüdiger out"), "konate-in-rudiger-out");
        assert_eq!(slug("  4-3-3 / Ødegaard?  "), "4-3-3-odegaard");
        assert_eq!(slug("Straße"), "strasse");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("日本"), "scenario");
        assert_eq!(slug(""), "scenario");
        assert_eq!(slug("CON"), "con-scenario");
        assert_eq!(slug("com1"), "com1-scenario");
        assert_eq!(slug("comet"), "comet");
        let long = slug(&"a b ".repeat(100));
        assert!(long.len() <= 60 && !long.ends_with('-'), "{long}");
        assert_eq!(file_name_for("Plan B"), "plan-b.ron");
    }

    #[test]
    fn file_names_fold_accents_as_the_search_does() {
        // Letters the search folds but the file names used to turn into a dash.
        assert_eq!(slug("Bușoi"), "busoi");
        assert_eq!(slug("Ķēniņš"), "kenins");
        for c in "àçďèğìłñòřśťùýźðøőůı".chars() {
            let s = slug(&c.to_string());
            assert_eq!(s, crate::search::fold_char(c).to_string(), "{c}");
        }
        // The ligatures: the search keeps one letter, the file name spells them out.
        for (c, spelled) in [('æ', "ae"), ('œ', "oe"), ('ß', "ss"), ('þ', "th")] {
            assert_eq!(slug(&c.to_string()), spelled);
            assert!(spelled.starts_with(crate::search::fold_char(c)), "{c}");
        }
    }

    #[test]
    fn the_folder_override_beats_the_environment_beats_the_platform() {
        let platform = Some(PathBuf::from("/home/u/.local/share/squadboard/scenarios"));
        assert_eq!(
            choose_dir(Some(Path::new("/x")), Some("/env".into()), platform.clone()),
            PathBuf::from("/x")
        );
        assert_eq!(
            choose_dir(None, Some("/env".into()), platform.clone()),
            PathBuf::from("/env/scenarios")
        );
        assert_eq!(
            choose_dir(None, Some("".into()), platform.clone()),
            platform.clone().expect("platform")
        );
        assert_eq!(choose_dir(None, None, None), PathBuf::from("scenarios"));
    }
}
