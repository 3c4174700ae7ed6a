//! `scenario export --format json`: the scenario, its XI and its warnings as one JSON object,
//! typed as every command's JSON is ([`crate::cli::typed`]); the pieces `scenario list` and
//! `scenario compare` print too (moves, assumptions, warnings).

use super::view::{Row, View};
use crate::cli::typed::{
    self, Ages, Fees, JsonAvailability, JsonContract, JsonWindow, Money, exact_age,
};
use crate::domain::Dataset;
use crate::domain::PlayerId;
use crate::domain::budget::{SigningFee, per_window};
use crate::domain::plan::{Assumption, Departure, DepartureKind, Plan, Signing};
use crate::domain::warnings::Warning;
use chrono::NaiveDate;
use serde::Serialize;

/// A player named in a plan: his id, and his name when the data holds him (`null` when not).
#[derive(Serialize)]
pub(super) struct Named<'a> {
    pub(super) id: &'a str,
    pub(super) name: Option<&'a str>,
}

pub(super) fn named<'a>(ds: &'a Dataset, id: &'a PlayerId) -> Named<'a> {
    Named {
        id: id.as_str(),
        name: ds.player(id).map(|p| p.name.as_str()),
    }
}

#[derive(Serialize)]
struct XiRow<'a> {
    slot: &'static str,
    label: &'static str,
    /// Where the slot stands: 0 = left touchline .. 100, 0 = own goal .. 100.
    x: u8,
    y: u8,
    /// `null` for a slot nobody fills.
    player: Option<XiPlayer<'a>>,
}

#[derive(Serialize)]
struct XiPlayer<'a> {
    id: &'a str,
    name: &'a str,
    /// As the pitch labels him, namesakes told apart ("A. Sørensen").
    short_name: &'a str,
    signing: bool,
    born: Option<NaiveDate>,
    age: Option<u32>,
    age_text: &'a str,
    /// `null` for a player the data does not hold (a pool player without `--pool`).
    availability: Option<JsonAvailability>,
    contract: Option<JsonContract>,
    /// The contract's mark when it needs one (`<12m`, `<6m`, `OUT`, `c?`), else `null`.
    contract_mark: Option<&'static str>,
}

fn xi_row(r: &Row) -> XiRow<'_> {
    XiRow {
        slot: r.slot,
        label: r.label,
        x: r.x,
        y: r.y,
        player: r.player.as_ref().map(|p| XiPlayer {
            id: p.id.as_str(),
            name: &p.name,
            short_name: &p.short_name,
            signing: p.signing,
            born: p.facts.as_ref().and_then(|f| f.born),
            age: p.facts.as_ref().and_then(|f| exact_age(f.age)),
            age_text: &p.age,
            availability: p.facts.as_ref().map(|f| (&f.availability).into()),
            contract: p.facts.as_ref().map(|f| f.contract.into()),
            contract_mark: Some(p.contract_mark).filter(|m| !m.is_empty()),
        }),
    }
}

/// What a signing costs, as the totals count it.
#[derive(Serialize)]
struct JsonFee {
    /// `assumed` (by the plan), `reported` (for the link), `estimated` (his market value),
    /// `free` (out of contract when his window opens) or `unknown`.
    basis: &'static str,
    /// As reported or assumed, in its own currency (`null` when free or unknown).
    fee: Option<Money>,
    /// In the plan's currency (`null` when free, unknown, or with no rate for its currency).
    counted: Option<Money>,
    /// The window the fee was reported for, as the report words it.
    reported_for: Option<String>,
    /// A free signing's fee reported before his contract ran out (not counted).
    reported_before: Option<Money>,
}

fn signing_fee(ds: &Dataset, plan: &Plan, s: &Signing) -> JsonFee {
    let f = SigningFee::of(ds, plan, s);
    let counted = f
        .converted(&plan.money)
        .flatten()
        .map(|c| Money::converted(c, plan.money.currency));
    let none = JsonFee {
        basis: "unknown",
        fee: None,
        counted,
        reported_for: None,
        reported_before: None,
    };
    match f {
        SigningFee::Assumed(fee) => JsonFee {
            basis: "assumed",
            fee: Some(Money::fee(fee)),
            ..none
        },
        SigningFee::Reported { fee, window } => JsonFee {
            basis: "reported",
            fee: Some(Money::fee(fee)),
            reported_for: window,
            ..none
        },
        SigningFee::Estimated(fee) => JsonFee {
            basis: "estimated",
            fee: Some(Money::fee(fee)),
            ..none
        },
        SigningFee::Free { reported, .. } => JsonFee {
            basis: "free",
            reported_for: reported.as_ref().and_then(|(_, w)| w.clone()),
            reported_before: reported.map(|(fee, _)| Money::fee(fee)),
            ..none
        },
        SigningFee::Unknown => none,
    }
}

#[derive(Serialize)]
pub(super) struct JsonSigning<'a> {
    #[serde(flatten)]
    who: Named<'a>,
    club: Option<&'a str>,
    positions: Vec<&'static str>,
    window: JsonWindow,
    fee: JsonFee,
    loan: bool,
    /// A loan's return to his club.
    loan_returns: Option<NaiveDate>,
    /// The new contract's last day (a loan's last day), `null` until the plan assumes it.
    contract_until: Option<NaiveDate>,
}

pub(super) fn signing<'a>(ds: &'a Dataset, plan: &Plan, s: &'a Signing) -> JsonSigning<'a> {
    let p = ds.player(&s.id);
    JsonSigning {
        who: named(ds, &s.id),
        club: p.and_then(|p| typed::known(&p.club)),
        positions: p.map(typed::positions).unwrap_or_default(),
        window: s.window.into(),
        fee: signing_fee(ds, plan, s),
        loan: s.loan,
        loan_returns: s.returns(),
        contract_until: s.contract_end(),
    }
}

#[derive(Serialize)]
pub(super) struct JsonDeparture<'a> {
    #[serde(flatten)]
    who: Named<'a>,
    /// `sold`, `loaned`, `released` or `contract_not_renewed`.
    kind: &'static str,
    window: JsonWindow,
    /// What he leaves for (`null` when nothing is due, or it is unknown: see `fee_due`).
    fee: Option<Money>,
    /// Whether the departure brings a fee (a sale, a loan for a fee), known or not.
    fee_due: bool,
    /// A sale's profit over his book value, in the plan's currency (`null` when unknown or
    /// not a sale).
    profit: Option<Money>,
}

pub(super) fn departure<'a>(ds: &'a Dataset, plan: &Plan, d: &'a Departure) -> JsonDeparture<'a> {
    let due = crate::domain::budget::departure_fee(d);
    JsonDeparture {
        who: named(ds, &d.id),
        kind: match d.kind {
            DepartureKind::Sold => "sold",
            DepartureKind::Loaned => "loaned",
            DepartureKind::Released => "released",
            DepartureKind::ContractNotRenewed => "contract_not_renewed",
        },
        window: d.window.into(),
        fee: due.flatten().map(Money::fee),
        fee_due: due.is_some(),
        profit: crate::domain::amortisation::sale_profit(ds, plan, d)
            .map(|p| Money::amount(p, plan.money.currency, false)),
    }
}

#[derive(Serialize)]
pub(super) struct JsonAssumption<'a> {
    #[serde(flatten)]
    who: Named<'a>,
    /// `fit_from`, `injured_until` or `renews`.
    kind: &'static str,
    /// `fit_from`: the first day fit; `injured_until`: the first day out.
    from: Option<NaiveDate>,
    /// `injured_until`: the last day out (`null`: return unknown); `renews`: the contract's new
    /// last day.
    until: Option<NaiveDate>,
    /// `renews`: the window the renewal is agreed in (`null`: from the start of the plan).
    window: Option<JsonWindow>,
    text: String,
}

pub(super) fn assumption<'a>(
    ds: &'a Dataset,
    a: &'a Assumption,
    text: String,
) -> JsonAssumption<'a> {
    let (kind, from, until, window) = match a {
        Assumption::FitFrom { from, .. } => ("fit_from", Some(*from), None, None),
        Assumption::InjuredUntil { since, until, .. } => {
            ("injured_until", Some(*since), *until, None)
        }
        Assumption::Renews { until, window, .. } => ("renews", None, Some(*until), *window),
    };
    JsonAssumption {
        who: named(ds, a.player()),
        kind,
        from,
        until,
        window: window.map(JsonWindow::from),
        text,
    }
}

/// A warning: its kind, the players it is about, and its line as the text prints it.
#[derive(Serialize)]
pub(super) struct JsonWarning<'a> {
    /// `injured_in_xi`, `contract_ending`, `thin_cover`, `out_of_position`, `empty_slots`,
    /// `over_budget` or `out_of_contract`.
    kind: &'static str,
    players: Vec<&'a str>,
    /// The position or slots it is about (`thin_cover`, `out_of_position`, `empty_slots`).
    places: Vec<&'static str>,
    text: String,
}

pub(super) fn warning(w: &Warning, text: String) -> JsonWarning<'_> {
    let (kind, places): (&'static str, Vec<&'static str>) = match w {
        Warning::InjuredInXi { .. } => ("injured_in_xi", Vec::new()),
        Warning::ContractEnding { .. } => ("contract_ending", Vec::new()),
        Warning::ThinCover { pos, .. } => ("thin_cover", vec![pos.label()]),
        Warning::OutOfPosition { slot, .. } => ("out_of_position", vec![*slot]),
        Warning::EmptySlots(slots) => ("empty_slots", slots.clone()),
        Warning::OverBudget(_) => ("over_budget", Vec::new()),
        Warning::OutOfContract { .. } => ("out_of_contract", Vec::new()),
    };
    JsonWarning {
        kind,
        players: w.players().into_iter().map(PlayerId::as_str).collect(),
        places,
        text,
    }
}

impl View<'_> {
    pub(super) fn json(&self) -> Result<String, String> {
        #[derive(Serialize)]
        struct Export<'v> {
            json_version: u32,
            /// The scenario file's format (`plan` below is in it).
            format_version: u32,
            name: &'v str,
            created: chrono::DateTime<chrono::Utc>,
            modified: chrono::DateTime<chrono::Utc>,
            club: &'v str,
            summary: String,
            planning_date: chrono::NaiveDate,
            formation: String,
            xi: Vec<XiRow<'v>>,
            signings: Vec<JsonSigning<'v>>,
            departures: Vec<JsonDeparture<'v>>,
            assumptions: Vec<JsonAssumption<'v>>,
            warnings: Vec<JsonWarning<'v>>,
            fees: Fees,
            ages: Ages,
            /// XI slots filled, of 11.
            filled: usize,
            windows: Vec<typed::WindowMoney>,
            notices: Vec<String>,
            plan: &'v Plan,
        }
        let s = &self.loaded.scenario;
        let plan = &self.plan;
        let texts = self
            .assessment
            .warning_texts(self.ds, plan)
            .into_iter()
            .collect::<Vec<_>>();
        let e = Export {
            json_version: typed::JSON_VERSION,
            format_version: s.format_version,
            name: &s.name,
            created: s.created,
            modified: s.modified,
            club: &self.ds.club,
            summary: self.summary(),
            planning_date: plan.date,
            formation: plan.formation().to_string(),
            xi: self.rows.iter().map(xi_row).collect(),
            signings: plan
                .signings
                .iter()
                .map(|x| signing(self.ds, plan, x))
                .collect(),
            departures: plan
                .departures
                .iter()
                .map(|d| departure(self.ds, plan, d))
                .collect(),
            assumptions: plan
                .assumptions
                .iter()
                .zip(self.assumption_lines())
                .map(|(a, t)| assumption(self.ds, a, t))
                .collect(),
            warnings: self
                .assessment
                .warnings
                .iter()
                .zip(texts)
                .map(|(w, t)| warning(w, t))
                .collect(),
            fees: (&self.assessment.fees).into(),
            ages: (&self.assessment.ages).into(),
            filled: self.assessment.filled,
            windows: per_window(self.ds, plan)
                .iter()
                .map(typed::WindowMoney::from)
                .collect(),
            notices: self.loaded.notices(),
            plan,
        };
        typed::to_text(&e)
    }
}

/// `scenario list --format json`.
pub(super) fn list(
    ds: &Dataset,
    dir: &std::path::Path,
    entries: &[crate::store::scenario::Entry],
) -> Result<String, String> {
    #[derive(Serialize)]
    struct Listing<'a> {
        json_version: u32,
        dir: String,
        scenarios: Vec<Listed<'a>>,
    }
    #[derive(Serialize)]
    struct Listed<'a> {
        file: String,
        path: String,
        name: &'a str,
        /// Last saved (the file's time when it cannot be loaded).
        modified: Option<chrono::DateTime<chrono::Utc>>,
        /// `null` when it cannot be loaded (see `error`).
        planning_date: Option<NaiveDate>,
        formation: Option<String>,
        signings: Vec<JsonSigning<'a>>,
        departures: Vec<JsonDeparture<'a>>,
        /// The line the text prints under its name.
        summary: Option<&'a str>,
        notices: &'a [String],
        /// Why it cannot be loaded; `null` when it loads.
        error: Option<&'a str>,
    }
    let scenarios = entries
        .iter()
        .map(|e| {
            let plan = e.plan.as_deref();
            Listed {
                file: e.path.file_name().map_or_else(
                    || e.path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                ),
                path: e.path.display().to_string(),
                name: &e.name,
                modified: e.modified,
                planning_date: plan.map(|p| p.date),
                formation: plan.map(|p| p.formation().to_string()),
                signings: plan.map_or_else(Vec::new, |p| {
                    p.signings.iter().map(|s| signing(ds, p, s)).collect()
                }),
                departures: plan.map_or_else(Vec::new, |p| {
                    p.departures.iter().map(|d| departure(ds, p, d)).collect()
                }),
                summary: e.summary.as_deref().ok(),
                notices: &e.notices,
                error: e.summary.as_ref().err().map(String::as_str),
            }
        })
        .collect();
    typed::to_text(&Listing {
        json_version: typed::JSON_VERSION,
        dir: dir.display().to_string(),
        scenarios,
    })
}

/// One side of `scenario compare`.
pub(super) struct Side<'a> {
    pub(super) path: &'a std::path::Path,
    pub(super) loaded: &'a crate::store::scenario::Loaded,
    /// Its plan, at the date compared.
    pub(super) plan: &'a Plan,
}

/// `scenario compare --format json`: `b` against `a`, each change typed, and the text's lines.
pub(super) fn compare(
    ds: &Dataset,
    a: &Side,
    b: &Side,
    lines: Vec<String>,
    seasons: Vec<String>,
) -> Result<String, String> {
    use crate::domain::compare::SlotPick;
    #[derive(Serialize)]
    struct Doc<'a> {
        json_version: u32,
        a: Head<'a>,
        b: Head<'a>,
        /// What B changes against A.
        changes: Changes<'a>,
        /// The changes as the text prints them.
        lines: Vec<String>,
        /// Season by season, as the text prints it.
        seasons: Vec<String>,
    }
    #[derive(Serialize)]
    struct Head<'a> {
        name: &'a str,
        path: String,
        planning_date: NaiveDate,
        formation: String,
        summary: String,
        notices: Vec<String>,
    }
    #[derive(Serialize)]
    struct Pick<'a> {
        /// Whether the plan's formation has this slot.
        has_slot: bool,
        /// `null` when the slot is empty (or missing).
        player: Option<Named<'a>>,
    }
    #[derive(Serialize)]
    struct SlotChange<'a> {
        slot: &'static str,
        a: Pick<'a>,
        b: Pick<'a>,
    }
    #[derive(Serialize)]
    struct FeeChange<'a> {
        #[serde(flatten)]
        who: Named<'a>,
        /// The fee each plan assumes (`null`: the reported fee).
        a: Option<Money>,
        b: Option<Money>,
    }
    #[derive(Serialize)]
    struct DepartureChange<'a> {
        a: JsonDeparture<'a>,
        b: JsonDeparture<'a>,
    }
    #[derive(Serialize)]
    struct Both<T> {
        a: T,
        b: T,
    }
    #[derive(Serialize)]
    struct Changes<'a> {
        same: bool,
        formation: Both<String>,
        planning_date: Both<NaiveDate>,
        slots: Vec<SlotChange<'a>>,
        xi_in: Vec<Named<'a>>,
        xi_out: Vec<Named<'a>>,
        signings_added: Vec<JsonSigning<'a>>,
        signings_removed: Vec<JsonSigning<'a>>,
        fee_changes: Vec<FeeChange<'a>>,
        departures_added: Vec<JsonDeparture<'a>>,
        departures_removed: Vec<JsonDeparture<'a>>,
        departures_changed: Vec<DepartureChange<'a>>,
        assumptions_added: Vec<JsonAssumption<'a>>,
        assumptions_removed: Vec<JsonAssumption<'a>>,
        fees: Both<Fees>,
        ages: Both<Ages>,
        warnings_added: Vec<JsonWarning<'a>>,
        warnings_gone: Vec<JsonWarning<'a>>,
    }
    let c = crate::domain::compare::compare(ds, a.plan, b.plan);
    fn head<'x>(ds: &Dataset, s: &'x Side) -> Head<'x> {
        Head {
            name: &s.loaded.scenario.name,
            path: s.path.display().to_string(),
            planning_date: s.plan.date,
            formation: s.plan.formation().to_string(),
            summary: s.loaded.scenario.summary(ds),
            notices: s.loaded.notices(),
        }
    }
    fn pick<'x>(ds: &'x Dataset, p: &'x SlotPick) -> Pick<'x> {
        let player = match p {
            SlotPick::Player(id) => Some(named(ds, id)),
            SlotPick::NoSlot | SlotPick::Empty => None,
        };
        Pick {
            has_slot: !matches!(p, SlotPick::NoSlot),
            player,
        }
    }
    fn ids<'x>(ds: &'x Dataset, v: &'x [PlayerId]) -> Vec<Named<'x>> {
        v.iter().map(|id| named(ds, id)).collect()
    }
    fn assumptions<'x>(
        ds: &'x Dataset,
        c: &'x crate::domain::compare::Comparison,
        v: &'x [Assumption],
    ) -> Vec<JsonAssumption<'x>> {
        v.iter()
            .map(|x| assumption(ds, x, x.describe(&c.name(ds, x.player()))))
            .collect()
    }
    fn warnings<'x>(
        ds: &'x Dataset,
        c: &'x crate::domain::compare::Comparison,
        v: &'x [Warning],
    ) -> Vec<JsonWarning<'x>> {
        v.iter()
            .map(|w| warning(w, w.text_named(ds, &c.names)))
            .collect()
    }
    let changes = Changes {
        same: c.is_same(),
        formation: Both {
            a: c.formations.0.to_string(),
            b: c.formations.1.to_string(),
        },
        planning_date: Both {
            a: c.dates.0,
            b: c.dates.1,
        },
        slots: c
            .slots
            .iter()
            .map(|s| SlotChange {
                slot: s.key,
                a: pick(ds, &s.a),
                b: pick(ds, &s.b),
            })
            .collect(),
        xi_in: ids(ds, &c.xi_in),
        xi_out: ids(ds, &c.xi_out),
        signings_added: c
            .signings_added
            .iter()
            .map(|s| signing(ds, b.plan, s))
            .collect(),
        signings_removed: c
            .signings_removed
            .iter()
            .map(|s| signing(ds, a.plan, s))
            .collect(),
        fee_changes: c
            .fee_changes
            .iter()
            .map(|f| FeeChange {
                who: named(ds, &f.id),
                a: f.a.map(Money::fee),
                b: f.b.map(Money::fee),
            })
            .collect(),
        departures_added: c
            .departures_added
            .iter()
            .map(|d| departure(ds, b.plan, d))
            .collect(),
        departures_removed: c
            .departures_removed
            .iter()
            .map(|d| departure(ds, a.plan, d))
            .collect(),
        departures_changed: c
            .departures_changed
            .iter()
            .map(|(x, y)| DepartureChange {
                a: departure(ds, a.plan, x),
                b: departure(ds, b.plan, y),
            })
            .collect(),
        assumptions_added: assumptions(ds, &c, &c.assumptions_added),
        assumptions_removed: assumptions(ds, &c, &c.assumptions_removed),
        fees: Both {
            a: (&c.fees.0).into(),
            b: (&c.fees.1).into(),
        },
        ages: Both {
            a: (&c.ages.0).into(),
            b: (&c.ages.1).into(),
        },
        warnings_added: warnings(ds, &c, &c.warnings_added),
        warnings_gone: warnings(ds, &c, &c.warnings_gone),
    };
    typed::to_text(&Doc {
        json_version: typed::JSON_VERSION,
        a: head(ds, a),
        b: head(ds, b),
        changes,
        lines,
        seasons,
    })
}
