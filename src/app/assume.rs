//! Assumptions typed on the board: `a` on a player opens a menu of what the plan can assume for
//! him (fit from a day, injured, a renewal, the fee a signing costs or a sale brings), each
//! choice a prompt that takes a typed value — a fee with its currency, a day — checks it, and
//! says in the prompt what is wrong. An empty answer clears that assumption.

use super::board::Board;
use super::message::Message;
use super::modal::{Ask, Assume, Choice, MenuItem, Modal};
use crate::domain::budget::SigningFee;
use crate::domain::dates::{add_months, parse_planning_date, season_end};
use crate::domain::money::{Fee, rate_text};
use crate::domain::plan::{Assumption, AssumptionKind, DepartureKind, MAX_CONTRACT_YEARS};
use crate::domain::{Currency, MoneySettings, PlayerId, Window};
use chrono::NaiveDate;

const FEE_HELP: &str = "£35m, €60m or 40000000 EUR";

impl Board {
    /// The menu `a` opens on the selected player (and the plan's money, with or without one).
    pub(super) fn assume_menu(&mut self) {
        let selected = self.selected().map(|(id, _)| id);
        let id = selected.clone().unwrap_or_else(|| PlayerId::new(""));
        let plan = &self.doc.plan;
        let money = &plan.money;
        let on = self.doc.date;
        let mut offers: Vec<(Assume, String)> = Vec::new();
        if selected.is_some() {
            let own = !self.doc.ds.is_target(&id) && self.doc.ds.player(&id).is_some();
            if let Some(s) = plan.signing(&id) {
                let now = SigningFee::of(&self.doc.ds, plan, s).text(money, on);
                offers.push((Assume::Fee, format!("fee he costs… (now {now})")));
                offers.push((
                    Assume::JoinWindow,
                    format!("window he joins in… (now {})", s.window),
                ));
                let length = match (s.contract_years, s.contract_end()) {
                    (Some(y), Some(end)) => format!("{y} seasons, to {end}"),
                    _ => "length unknown".into(),
                };
                if !s.loan {
                    offers.push((
                        Assume::ContractYears,
                        format!("his new contract… (now {length})"),
                    ));
                }
                offers.push((
                    Assume::Loan,
                    if s.loan {
                        format!(
                            "a transfer, not a loan (now on loan to {})",
                            s.returns().map_or(String::new(), |r| r.to_string())
                        )
                    } else {
                        "a loan for the rest of his season (returns 1 July)".into()
                    },
                ));
            }
            if let Some(d) = plan.departure(&id) {
                // "the fee his sale brings", never "his sold".
                let deal = match d.kind {
                    DepartureKind::Sold => Some("sale"),
                    DepartureKind::Loaned => Some("loan"),
                    DepartureKind::Released | DepartureKind::ContractNotRenewed => None,
                };
                if let Some(deal) = deal {
                    let now = d.fee.map_or("unknown".to_string(), |f| money.fee_text(f));
                    offers.push((
                        Assume::SaleFee,
                        format!("fee his {deal} brings… (now {now})"),
                    ));
                }
                offers.push((
                    Assume::LeaveWindow,
                    format!("window he leaves in… (now {})", d.window),
                ));
            }
            offers.push((Assume::FitFrom, "fit from a day…".into()));
            offers.push((
                Assume::Injured,
                "injured from a day, to a day or return unknown…".into(),
            ));
            if own {
                let after = self
                    .doc
                    .ds
                    .player(&id)
                    .and_then(|p| p.contract_until)
                    .map_or(String::new(), |end| format!(" after {end}"));
                offers.push((Assume::Renews, format!("renews to a day{after}…")));
            }
        }
        let window = Window::next_open(on);
        let budget = crate::domain::budget::budget_for(plan, window)
            .map_or("none".to_string(), |b| money.fee_text(b));
        offers.push((
            Assume::Budget,
            format!("budget for {window}… (now {budget})"),
        ));
        for c in Currency::ALL {
            if c == money.currency {
                continue;
            }
            let now = money.rate_entry(c).map_or_else(
                || format!("1 {} = ? {}: not set", c.code(), money.currency.code()),
                |r| {
                    format!(
                        "1 {} = {} {}{}",
                        c.code(),
                        rate_text(r.value),
                        money.currency.code(),
                        if r.assumed { ", assumed" } else { "" }
                    )
                },
            );
            offers.push((Assume::Rate(c), format!("exchange rate… (now {now})")));
        }
        let mut items: Vec<MenuItem> = offers
            .into_iter()
            .zip(('1'..='9').chain('a'..='z'))
            .map(|((what, label), key)| {
                let label = match self.current(&id, what) {
                    Some(now)
                        if matches!(what, Assume::FitFrom | Assume::Injured | Assume::Renews) =>
                    {
                        format!("{label} (now {now})")
                    }
                    _ => label,
                };
                MenuItem {
                    key,
                    label,
                    choice: Choice::Assume(id.clone(), what),
                }
            })
            .collect();
        let has_fee = plan
            .signings
            .iter()
            .any(|s| s.id == id && (s.assumed_fee.is_some() || s.contract_years.is_some()));
        if selected.is_some() && (has_fee || plan.assumptions.iter().any(|a| *a.player() == id)) {
            items.push(MenuItem {
                key: '0',
                label: "clear his assumptions".into(),
                choice: Choice::ClearAssumptions(id.clone()),
            });
        }
        let title = match &selected {
            Some(id) => format!("Assume for {}:", self.display_name(id)),
            None => "Assume for the plan:".to_string(),
        };
        self.view.modal = Some(Modal::Menu { title, items });
    }

    /// What the plan assumes now, as the prompt takes it ("2026-08-01", "£40m").
    fn current(&self, id: &PlayerId, what: Assume) -> Option<String> {
        let plan = &self.doc.plan;
        let assumed = |kind| plan.assumption(id, kind);
        match what {
            Assume::Fee => plan
                .signing(id)
                .and_then(|s| s.assumed_fee)
                .map(|f| f.exact()),
            Assume::SaleFee => plan.departure(id).and_then(|d| d.fee).map(|f| f.exact()),
            Assume::JoinWindow => plan.signing(id).map(|s| s.window.to_string()),
            Assume::Loan => None,
            Assume::LeaveWindow => plan.departure(id).map(|d| d.window.to_string()),
            Assume::ContractYears => plan
                .signing(id)
                .and_then(|s| s.contract_years)
                .map(|y| y.to_string()),
            Assume::Budget => {
                crate::domain::budget::budget_for(plan, Window::next_open(self.doc.date))
                    .map(|b| b.exact())
            }
            Assume::Rate(c) => plan.money.rate_entry(c).map(|r| rate_text(r.value)),
            Assume::FitFrom => match assumed(AssumptionKind::FitFrom)? {
                Assumption::FitFrom { from, .. } => Some(from.to_string()),
                _ => None,
            },
            Assume::Injured => match assumed(AssumptionKind::Injured)? {
                Assumption::InjuredUntil {
                    since,
                    until: Some(u),
                    ..
                } => Some(format!("{since} to {u}")),
                Assumption::InjuredUntil { since, .. } => Some(since.to_string()),
                _ => None,
            },
            Assume::Renews => match assumed(AssumptionKind::Renews)? {
                Assumption::Renews { until, .. } => Some(until.to_string()),
                _ => None,
            },
        }
    }

    /// Opens the prompt for one assumption, its current value (or a likely one) suggested.
    pub(super) fn ask_assume(&mut self, id: PlayerId, what: Assume) {
        let name = self.display_name(&id);
        let date = self.doc.date;
        let money = &self.doc.plan.money;
        let end = self.doc.ds.player(&id).and_then(|p| p.contract_until);
        let window = Window::next_open(date);
        let (title, help, likely) = match what {
            Assume::Fee => {
                let reported = self
                    .doc
                    .plan
                    .signing(&id)
                    .map(|s| SigningFee::of(&self.doc.ds, &self.doc.plan, s).text(money, date))
                    .unwrap_or_default();
                (
                    format!("Fee {name} costs"),
                    format!("{FEE_HELP}; empty: {reported}"),
                    None,
                )
            }
            Assume::SaleFee => (
                format!("Fee {name}'s move brings"),
                format!("{FEE_HELP}; empty: unknown"),
                None,
            ),
            Assume::Loan => {
                // A toggle: made at once by `toggle_loan`, never a prompt.
                self.toggle_loan(&id);
                return;
            }
            Assume::JoinWindow => (
                format!("Window {name} joins in"),
                WINDOW_HELP.to_string(),
                None,
            ),
            Assume::LeaveWindow => (
                format!("Window {name} leaves in"),
                WINDOW_HELP.to_string(),
                None,
            ),
            Assume::ContractYears => (
                format!("{name}'s new contract, in seasons"),
                format!(
                    "1 to {MAX_CONTRACT_YEARS} (5 from summer 2026 runs to 2031-06-30); \
                     empty: length unknown"
                ),
                None,
            ),
            Assume::Budget => (
                format!("Budget for {window}"),
                format!(
                    "net spend it may reach: {FEE_HELP} (counted in {}); empty clears it",
                    money.currency.code()
                ),
                None,
            ),
            Assume::Rate(c) => (
                format!("{} for 1 {}", money.currency.code(), c.code()),
                format!(
                    "a number, as 1.16; an assumption of the plan, never a deal's rate; \
                     empty: {}",
                    if c == Currency::GBP || money.currency == Currency::GBP {
                        "the default (2025 average)"
                    } else {
                        "no rate (its fees count as unknown)"
                    }
                ),
                None,
            ),
            Assume::FitFrom => (
                format!("{name} fit from"),
                "a day, YYYY-MM-DD; empty clears it".into(),
                Some(date.to_string()),
            ),
            Assume::Injured => (
                format!("{name} injured"),
                "from YYYY-MM-DD [to YYYY-MM-DD]; no end: return unknown; empty clears".into(),
                Some(date.to_string()),
            ),
            Assume::Renews => {
                let renew_to = end.map_or(add_months(season_end(date), 12), |e| add_months(e, 12));
                let help = match end {
                    Some(end) => format!("a day after {end}, YYYY-MM-DD; empty clears it"),
                    None => format!("a day after {date}, YYYY-MM-DD; empty clears it"),
                };
                (
                    format!("{name} renews to"),
                    help,
                    Some(renew_to.to_string()),
                )
            }
        };
        let text = self.current(&id, what).or(likely).unwrap_or_default();
        let ask = Ask::Assume {
            id,
            what,
            title,
            help,
        };
        let input = ask.input().suggested(&text);
        self.view.modal = Some(Modal::Prompt { ask, input });
    }

    /// Applies a typed value; `Err` says what is wrong with it (the plan is left as it was).
    pub(super) fn answer_assume(
        &mut self,
        id: &PlayerId,
        what: Assume,
        text: &str,
    ) -> Result<Message, String> {
        let name = self.display_name(id);
        let text = text.trim();
        let clear = text.is_empty();
        let before = self.doc.plan.clone();
        let on = self.doc.date;
        let said = match what {
            Assume::Fee => {
                let fee = (!clear).then(|| Fee::parse(text)).transpose()?;
                self.doc.plan.set_assumed_fee(id, fee)?;
                let plan = &self.doc.plan;
                let now = plan
                    .signing(id)
                    .map(|s| SigningFee::of(&self.doc.ds, plan, s).text(&plan.money, on));
                format!("{name}: {}", now.unwrap_or_default())
            }
            Assume::SaleFee => {
                let fee = (!clear).then(|| Fee::parse(text)).transpose()?;
                self.doc.plan.set_departure_fee(id, fee)?;
                match fee {
                    Some(f) => format!("{name}'s move brings {}", self.doc.plan.money.fee_text(f)),
                    None => format!("{name}'s move brings an unknown fee"),
                }
            }
            Assume::Loan => return Err("a loan is set from the menu".into()),
            Assume::JoinWindow | Assume::LeaveWindow => {
                let w: Window = text.parse()?;
                if what == Assume::JoinWindow {
                    self.doc.plan.set_signing_window(id, w)?;
                } else {
                    self.doc.plan.set_departure_window(id, w)?;
                }
                let verb = if what == Assume::JoinWindow {
                    "joins"
                } else {
                    "leaves"
                };
                let seen = if w.opened_by(on) {
                    "made at this date"
                } else {
                    "not made yet at this date"
                };
                format!("{name} {verb} in {w} ({seen})")
            }
            Assume::ContractYears => {
                let years = if clear {
                    None
                } else {
                    Some(text.parse::<u8>().map_err(|_| {
                        format!("“{text}” is not a number of seasons (1 to {MAX_CONTRACT_YEARS})")
                    })?)
                };
                self.doc.plan.set_contract_years(id, years)?;
                match self.doc.plan.signing(id).and_then(|s| s.contract_end()) {
                    Some(end) => format!("{name}: new contract to {end}"),
                    None => format!("{name}: new contract, length unknown"),
                }
            }
            Assume::Budget => {
                let window = Window::next_open(on);
                let fee = (!clear).then(|| Fee::parse(text)).transpose()?;
                self.doc.plan.set_budget(window, fee);
                match fee {
                    Some(f) => format!("budget for {window}: {}", self.doc.plan.money.fee_text(f)),
                    None => format!("no budget for {window}"),
                }
            }
            Assume::Rate(c) => {
                if clear {
                    let default = MoneySettings::for_currency(self.doc.plan.money.currency);
                    self.doc.plan.money.rates.retain(|r| r.currency != c);
                    if let Some(r) = default.rate_entry(c) {
                        self.doc.plan.money.rates.push(r.clone());
                    }
                } else {
                    let v: f64 = text
                        .replace(',', ".")
                        .parse()
                        .map_err(|_| format!("“{text}” is not a rate: write it as 1.16"))?;
                    self.doc.plan.money.set_rate(c, v)?;
                }
                let money = &self.doc.plan.money;
                match money.rate_entry(c) {
                    Some(_) => format!("rate {}", money.rates_text_for(c)),
                    None => format!("no {} rate: its fees count as unknown", c.code()),
                }
            }
            Assume::FitFrom if clear => self.cleared(id, AssumptionKind::FitFrom, &name),
            Assume::FitFrom => {
                let from = parse_planning_date(text)?;
                self.assumed(Assumption::FitFrom {
                    id: id.clone(),
                    from,
                })
            }
            Assume::Injured if clear => self.cleared(id, AssumptionKind::Injured, &name),
            Assume::Injured => {
                let (since, until) = injury_span(text)?;
                self.assumed(Assumption::InjuredUntil {
                    id: id.clone(),
                    since,
                    until,
                })
            }
            Assume::Renews if clear => self.cleared(id, AssumptionKind::Renews, &name),
            Assume::Renews => {
                let until = parse_planning_date(text)?;
                self.doc.plan.can_renew(&self.doc.ds, id, until)?;
                let window = Window::next_open(on);
                // Agreed now: in force from the window open now, or already at this date.
                let window = (!window.opened_by(on)).then_some(window);
                self.assumed(Assumption::Renews {
                    id: id.clone(),
                    until,
                    window,
                })
            }
        };
        self.doc.record(before, said.clone());
        Ok(Message::text(said))
    }

    /// A signing made a loan for the rest of his season, or a transfer again: one undo step.
    fn toggle_loan(&mut self, id: &PlayerId) {
        let before = self.doc.plan.clone();
        let loan = !self.doc.plan.signing(id).is_some_and(|s| s.loan);
        match self.doc.plan.set_loan(id, loan) {
            Ok(()) => {
                let name = self.display_name(id);
                let said = match self.doc.plan.signing(id).and_then(|s| s.returns()) {
                    Some(r) => format!("{name} on loan: he goes back on {r}"),
                    None => format!("{name}: a transfer, not a loan"),
                };
                self.say(said.clone());
                self.doc.record(before, said);
            }
            Err(why) => self.say(why),
        }
    }

    fn assumed(&mut self, a: Assumption) -> String {
        let text = a.describe(&self.display_name(a.player()));
        self.doc.plan.assume(a);
        format!("assumed: {text}")
    }

    fn cleared(&mut self, id: &PlayerId, kind: AssumptionKind, name: &str) -> String {
        let what = match kind {
            AssumptionKind::FitFrom => "fit-from day",
            AssumptionKind::Injured => "injury",
            AssumptionKind::Renews => "renewal",
        };
        if self.doc.plan.unassume(id, kind) {
            format!("{name}: no assumed {what}")
        } else {
            format!("{name} had no assumed {what}")
        }
    }
}

const WINDOW_HELP: &str = "summer YYYY (opens 1 July) or winter YYYY (opens 1 January)";

/// "2026-07-01" (return unknown) or "2026-07-01 to 2026-10-01" (also with ".." or "–").
fn injury_span(text: &str) -> Result<(NaiveDate, Option<NaiveDate>), String> {
    let (since, until) = [" to ", "..", "–", " - "]
        .iter()
        .find_map(|sep| text.split_once(sep))
        .map_or((text, None), |(a, b)| (a, Some(b)));
    let since = parse_planning_date(since.trim())?;
    let until = until
        .map(str::trim)
        .filter(|u| !u.is_empty() && !u.eq_ignore_ascii_case("unknown") && *u != "?")
        .map(parse_planning_date)
        .transpose()?;
    if let Some(u) = until
        && u <= since
    {
        return Err(format!(
            "the return ({u}) comes after the injury starts ({since})"
        ));
    }
    Ok((since, until))
}

#[cfg(test)]
mod tests {
    use super::injury_span;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn an_injury_is_a_start_and_maybe_a_return() {
        assert_eq!(injury_span("2026-07-01"), Ok((d("2026-07-01"), None)));
        for typed in [
            "2026-07-01 to 2026-10-01",
            "2026-07-01..2026-10-01",
            " 2026-07-01 – 2026-10-01 ",
        ] {
            assert_eq!(
                injury_span(typed.trim()),
                Ok((d("2026-07-01"), Some(d("2026-10-01")))),
                "{typed}"
            );
        }
        assert_eq!(
            injury_span("2026-07-01 to unknown"),
            Ok((d("2026-07-01"), None))
        );
        let back_first = injury_span("2026-07-01 to 2026-06-01").expect_err("return first");
        assert!(back_first.contains("comes after"), "{back_first}");
        assert!(injury_span("July").is_err());
        assert!(injury_span("2026-07-01 to soon").is_err());
    }
}
