//! The view model of `squadboard scenario`: a loaded scenario at its planning date (the XI slot by
//! slot with each player's age, injury and contract on that date, the warnings, the money), the
//! one thing every output format (`text`, `markdown`, `json`, `svg`) reads.

use super::Context;
use crate::domain::Dataset;
use crate::domain::PlayerId;
use crate::domain::plan::Plan;
use crate::domain::scenario::long_date;
use crate::domain::status::{ContractStatus, age, availability, contract};
use crate::domain::warnings::{Assessment, assess};
use crate::store::scenario::Loaded;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One slot of the XI with what the planning date says about its player.
#[derive(Debug)]
pub(super) struct Row {
    pub(super) slot: &'static str,
    pub(super) label: &'static str,
    /// Where the slot stands: 0 = left touchline .. 100, 0 = own goal .. 100.
    pub(super) x: u8,
    pub(super) y: u8,
    pub(super) player: Option<RowPlayer>,
}

#[derive(Debug)]
pub(super) struct RowPlayer {
    pub(super) id: PlayerId,
    pub(super) name: String,
    pub(super) short_name: String,
    pub(super) age: String,
    pub(super) signing: bool,
    /// `None` when fit.
    pub(super) injury: Option<String>,
    /// `None` when nothing to flag (a year or more left, or a signing's new contract).
    pub(super) contract: Option<String>,
    pub(super) contract_mark: &'static str,
    /// The same facts typed, for JSON: `None` for a player the data does not hold.
    pub(super) facts: Option<Facts>,
}

/// What the date says of a row's player, as values.
#[derive(Debug)]
pub(super) struct Facts {
    pub(super) born: Option<chrono::NaiveDate>,
    pub(super) age: crate::domain::status::Age,
    pub(super) availability: crate::domain::status::Availability,
    pub(super) contract: ContractStatus,
}

/// A loaded scenario at its planning date, ready to print in any format.
pub(super) struct View<'a> {
    pub(super) ds: &'a Dataset,
    pub(super) path: PathBuf,
    pub(super) loaded: Loaded,
    pub(super) plan: Plan,
    pub(super) assessment: Assessment,
    pub(super) rows: Vec<Row>,
}

impl<'a> View<'a> {
    pub(super) fn new(ds: &'a Dataset, path: &Path, loaded: Loaded, ctx: &Context) -> View<'a> {
        let mut plan = loaded.scenario.plan.clone();
        if let Some(d) = ctx.date {
            plan.date = d;
        }
        let on = plan.date;
        // Namesakes told apart as the board tells them apart ("A. Sørensen").
        let names = crate::domain::scenario::Names::of(ds, &[&plan], []);
        let rows = plan
            .formation()
            .slots()
            .iter()
            .zip(plan.xi(ds))
            .map(|(slot, pick)| Row {
                slot: slot.key,
                label: slot.label,
                x: slot.x,
                y: slot.y,
                player: pick.map(|id| {
                    let signing = ds.is_target(&id);
                    match ds.player(&id) {
                        None => RowPlayer {
                            name: id.to_string(),
                            short_name: id.to_string(),
                            id,
                            age: "?".into(),
                            signing,
                            injury: None,
                            contract: None,
                            contract_mark: "",
                            facts: None,
                        },
                        Some(p) => {
                            let p = plan.effective(p);
                            let a = availability(&p, on);
                            let c = contract(&p, !signing, on);
                            let flag = !signing && !matches!(c, ContractStatus::Secure { .. });
                            RowPlayer {
                                short_name: names.get(&id),
                                id,
                                name: p.name.clone(),
                                age: age(&p, on).to_string(),
                                signing,
                                injury: (!a.is_available()).then(|| a.to_string()),
                                contract: flag.then(|| c.sentence()),
                                contract_mark: if flag { c.mark() } else { "" },
                                facts: Some(Facts {
                                    born: p.born,
                                    age: age(&p, on),
                                    availability: a,
                                    contract: c,
                                }),
                            }
                        }
                    }
                }),
            })
            .collect();
        View {
            ds,
            path: path.to_path_buf(),
            assessment: assess(ds, &plan),
            loaded,
            plan,
            rows,
        }
    }

    pub(super) fn name(&self, id: &PlayerId) -> String {
        self.ds
            .player(id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    pub(super) fn short(&self, id: &PlayerId) -> String {
        crate::domain::scenario::Names::of(self.ds, &[&self.plan], [id]).get(id)
    }

    pub(super) fn summary(&self) -> String {
        crate::domain::scenario::summary(self.ds, &self.plan)
    }

    /// "Ibrahima Konaté (Liverpool, CB): ~£35m, reported".
    pub(super) fn signing_lines(&self) -> Vec<String> {
        self.plan
            .signings
            .iter()
            .map(|s| {
                let who = match self.ds.player(&s.id) {
                    Some(p) => format!("{} ({}, {})", p.name, p.club, p.positions_label()),
                    None => s.id.to_string(),
                };
                let fee = crate::domain::budget::SigningFee::of(self.ds, &self.plan, s)
                    .text(&self.plan.money, self.plan.date);
                let contract = match (s.returns(), s.contract_end()) {
                    (Some(back), _) => format!("on loan, goes back on {back}"),
                    (None, Some(end)) => format!("new contract to {end}"),
                    (None, None) => "new contract, length unknown".into(),
                };
                format!("{who} · {}: {fee}; {contract}", s.window)
            })
            .collect()
    }

    pub(super) fn departure_lines(&self) -> Vec<String> {
        self.plan
            .departures
            .iter()
            .map(|d| {
                let (fee, profit) =
                    crate::domain::amortisation::departure_terms(self.ds, &self.plan, d);
                let fee = fee.map_or(String::new(), |f| format!(" {f}"));
                let profit = profit.map_or(String::new(), |p| format!("; {p}"));
                format!(
                    "{} · {}: {}{fee}{profit}",
                    self.name(&d.id),
                    d.window,
                    d.kind.label()
                )
            })
            .collect()
    }

    pub(super) fn assumption_lines(&self) -> Vec<String> {
        self.plan
            .assumptions
            .iter()
            .map(|a| a.describe(&self.short(a.player())))
            .collect()
    }

    pub(super) fn warning_lines(&self) -> Vec<String> {
        self.assessment
            .warning_texts(self.ds, &self.plan)
            .into_iter()
            .collect()
    }

    /// The sections every text form of the summary lists, in order.
    pub(super) fn sections(&self) -> [(&'static str, Vec<String>); 5] {
        [
            ("Signings", self.signing_lines()),
            ("Departures", self.departure_lines()),
            ("Assumptions", self.assumption_lines()),
            ("Warnings", self.warning_lines()),
            ("Totals", self.totals()),
        ]
    }

    pub(super) fn totals(&self) -> Vec<String> {
        let mut out = vec![
            format!("Fees: {}", self.assessment.fees),
            format!(
                "XI: {} of 11 slots filled; ages {}",
                self.assessment.filled, self.assessment.ages
            ),
        ];
        let money = crate::domain::budget::per_window(self.ds, &self.plan);
        out.extend(money.iter().map(|m| format!("Money {}", m.text())));
        out
    }

    pub(super) fn date_line(&self) -> String {
        let saved = self.loaded.scenario.plan.date;
        let mut s = format!(
            "{} · planning date {}",
            self.ds.club,
            long_date(self.plan.date)
        );
        if saved != self.plan.date {
            let _ = write!(s, " (--date; saved for {})", long_date(saved));
        }
        s
    }
}
