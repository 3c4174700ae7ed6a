//! Assumptions typed on the board: `a` on a player opens a menu of what the plan can assume for
//! him (fit from a day, injured, a renewal, the fee a signing costs or a sale brings), each
//! choice a prompt that takes a typed value — a fee with its currency, a day — checks it, and
//! says in the prompt what is wrong. An empty answer clears that assumption.

use super::board::Board;
use super::message::Message;
use super::modal::{Ask, Assume, Choice, MenuItem, Modal};
use crate::domain::PlayerId;
use crate::domain::budget::SigningFee;
use crate::domain::dates::{add_months, parse_planning_date, season_end};
use crate::domain::money::Fee;
use crate::domain::plan::{Assumption, AssumptionKind, DepartureKind};
use chrono::NaiveDate;

const FEE_HELP: &str = "£35m, €60m or 40000000 EUR";

impl Board {
    /// The menu `a` opens on the selected player.
    pub(super) fn assume_menu(&mut self) {
        let Some((id, _)) = self.selected() else {
            self.say("select a player first");
            return;
        };
        let own = !self.doc.ds.is_target(&id) && self.doc.ds.player(&id).is_some();
        let mut offers: Vec<(Assume, String)> = Vec::new();
        if let Some(s) = self.doc.plan.signings.iter().find(|s| s.id == id) {
            let now = SigningFee::of(&self.doc.ds, &self.doc.plan, s).text(self.doc.plan.date);
            offers.push((Assume::Fee, format!("fee he costs… (now {now})")));
        }
        if let Some(d) = self.doc.plan.departure(&id)
            && matches!(d.kind, DepartureKind::Sold | DepartureKind::Loaned)
        {
            let now = d.fee.map_or("unknown".to_string(), |f| f.to_string());
            offers.push((
                Assume::SaleFee,
                format!("fee his {} brings… (now {now})", d.kind.label()),
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
        let mut items: Vec<MenuItem> = offers
            .into_iter()
            .zip('1'..)
            .map(|((what, label), key)| {
                let label = match self.current(&id, what) {
                    Some(now) if what != Assume::Fee && what != Assume::SaleFee => {
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
        let has_fee = self
            .doc
            .plan
            .signings
            .iter()
            .any(|s| s.id == id && s.assumed_fee.is_some());
        if has_fee || self.doc.plan.assumptions.iter().any(|a| *a.player() == id) {
            items.push(MenuItem {
                key: '0',
                label: "clear his assumptions".into(),
                choice: Choice::ClearAssumptions(id.clone()),
            });
        }
        self.view.modal = Some(Modal::Menu {
            title: format!("Assume for {}:", self.display_name(&id)),
            items,
        });
    }

    /// What the plan assumes now, as the prompt takes it ("2026-08-01", "£40m").
    fn current(&self, id: &PlayerId, what: Assume) -> Option<String> {
        let assumed = |kind| self.doc.plan.assumption(id, kind);
        match what {
            Assume::Fee => self
                .doc
                .plan
                .signings
                .iter()
                .find(|s| s.id == *id)
                .and_then(|s| s.assumed_fee)
                .map(|f| f.exact()),
            Assume::SaleFee => self
                .doc
                .plan
                .departure(id)
                .and_then(|d| d.fee)
                .map(|f| f.exact()),
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
        let date = self.doc.plan.date;
        let end = self.doc.ds.player(&id).and_then(|p| p.contract_until);
        let (title, help, likely) = match what {
            Assume::Fee => {
                let reported = self
                    .doc
                    .plan
                    .signings
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| SigningFee::of(&self.doc.ds, &self.doc.plan, s).text(date))
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
        let said = match what {
            Assume::Fee => {
                let fee = (!clear).then(|| Fee::parse(text)).transpose()?;
                self.doc.plan.set_assumed_fee(id, fee)?;
                let s = self.doc.plan.signings.iter().find(|s| s.id == *id);
                let now = s.map(|s| {
                    SigningFee::of(&self.doc.ds, &self.doc.plan, s).text(self.doc.plan.date)
                });
                format!("{name}: {}", now.unwrap_or_default())
            }
            Assume::SaleFee => {
                let fee = (!clear).then(|| Fee::parse(text)).transpose()?;
                self.doc.plan.set_departure_fee(id, fee)?;
                match fee {
                    Some(f) => format!("{name}'s move brings {f}"),
                    None => format!("{name}'s move brings an unknown fee"),
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
                self.assumed(Assumption::Renews {
                    id: id.clone(),
                    until,
                })
            }
        };
        self.doc.record(before);
        Ok(Message::text(said))
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
