//! The target pane as a table (key `v`): whether it shows, the column its rows are sorted by
//! and which way (`s` cycles the column, `r` reverses it), and the orders themselves. A sort
//! keeps a player whose value for the column is unknown after every known one, whichever way
//! it runs.

use super::board::Board;
use super::command::Command;
use super::message::Message;
use super::view::{ListItem, ListKind};
use crate::domain::money::MoneySettings;
use crate::domain::status::age;
use crate::domain::{Dataset, Player, Position};
use crate::search::fold_char;
use chrono::{Datelike, NaiveDate};
use std::cmp::Ordering;

/// A column of the table, in the order drawn and cycled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortColumn {
    Name,
    Positions,
    Age,
    Club,
    Nationality,
    Value,
    Contract,
}

impl SortColumn {
    pub const ALL: [SortColumn; 7] = [
        SortColumn::Name,
        SortColumn::Positions,
        SortColumn::Age,
        SortColumn::Club,
        SortColumn::Nationality,
        SortColumn::Value,
        SortColumn::Contract,
    ];

    /// The column's header.
    pub fn header(self) -> &'static str {
        match self {
            SortColumn::Name => "Name",
            SortColumn::Positions => "Pos",
            SortColumn::Age => "Age",
            SortColumn::Club => "Club",
            SortColumn::Nationality => "Nat",
            SortColumn::Value => "Value",
            SortColumn::Contract => "Contract",
        }
    }

    /// What the column holds, in words (for the status line).
    pub fn label(self) -> &'static str {
        match self {
            SortColumn::Name => "name",
            SortColumn::Positions => "position",
            SortColumn::Age => "age",
            SortColumn::Club => "club",
            SortColumn::Nationality => "nationality",
            SortColumn::Value => "market value",
            SortColumn::Contract => "contract end",
        }
    }

    /// The way a sort by this column starts: the most valuable first, else from A, the
    /// youngest, the soonest.
    fn starts_descending(self) -> bool {
        self == SortColumn::Value
    }

    /// The column after this one; after the last, none (the list's own order).
    fn next(self) -> Option<SortColumn> {
        let at = SortColumn::ALL.iter().position(|c| *c == self)?;
        SortColumn::ALL.get(at + 1).copied()
    }
}

/// The table's state: shown or not, and its sort (`None`: the list's own order — best match
/// first while searching, the newest report first for the linked targets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TableView {
    pub shown: bool,
    pub sort: Option<SortColumn>,
    pub descending: bool,
}

impl TableView {
    /// The order the rows are in, when the table shows and is sorted.
    pub fn order<'a>(&self, on: NaiveDate, money: &'a MoneySettings) -> Option<Order<'a>> {
        let column = self.sort.filter(|_| self.shown)?;
        Some(Order {
            column,
            descending: self.descending,
            on,
            money,
        })
    }
}

/// A sort by one column, at the planning date, in the plan's currency.
#[derive(Debug, Clone, Copy)]
pub struct Order<'a> {
    pub column: SortColumn,
    pub descending: bool,
    pub on: NaiveDate,
    pub money: &'a MoneySettings,
}

/// A player's value for a column, as it is compared.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key<'p> {
    Number(i128),
    Text(&'p str),
    Positions(Position, &'p [Position]),
}

impl Order<'_> {
    /// `a` against `b`: by the column's value, unknowns last either way; then by name and id,
    /// so equal values keep one order.
    pub fn cmp(&self, a: &Player, b: &Player) -> Ordering {
        let by_column = match (self.key(a), self.key(b)) {
            (Some(x), Some(y)) => {
                let o = compare_keys(&x, &y);
                if self.descending { o.reverse() } else { o }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_column
            .then_with(|| folded_cmp(&a.name, &b.name))
            .then_with(|| a.id.cmp(&b.id))
    }

    fn key<'p>(&self, p: &'p Player) -> Option<Key<'p>> {
        match self.column {
            SortColumn::Name => Some(Key::Text(&p.name)),
            SortColumn::Positions => p.position.map(|m| Key::Positions(m, &p.secondary)),
            SortColumn::Age => age(p, self.on).low().map(|a| Key::Number(i128::from(a))),
            SortColumn::Club => {
                Some(Key::Text(p.club.trim())).filter(|_| !p.club.trim().is_empty())
            }
            SortColumn::Nationality => p.nationality.as_deref().map(Key::Text),
            SortColumn::Value => p
                .market_value
                .and_then(|v| self.money.convert(v))
                .map(|c| Key::Number(c.amount)),
            // An announced end by its day; a reported year as its season's last day.
            SortColumn::Contract => p
                .contract_until
                .or_else(|| {
                    p.contract_reported
                        .as_ref()
                        .and_then(|r| NaiveDate::from_ymd_opt(r.until_year, 6, 30))
                })
                .map(|d| Key::Number(i128::from(d.num_days_from_ce()))),
        }
    }
}

fn compare_keys(a: &Key<'_>, b: &Key<'_>) -> Ordering {
    match (a, b) {
        (Key::Text(x), Key::Text(y)) => folded_cmp(x, y),
        _ => a.cmp(b),
    }
}

/// Two names as people alphabetise them: accents and case folded, with no allocation (a sort
/// over a million players compares millions of times).
fn folded_cmp(a: &str, b: &str) -> Ordering {
    a.chars().map(fold_char).cmp(b.chars().map(fold_char))
}

/// The first `room` rows of a sort, kept while the players are offered one by one: a million
/// players passing a filter are never all held or sorted, only the best `2 × room` at a time.
pub struct Best<'d> {
    order: Order<'d>,
    room: usize,
    /// Copies of the players kept (a pool's are read into one scratch player each).
    rows: Vec<(Player, ListKind)>,
    /// The last row kept at the last cut: a player not before him cannot be among the first.
    worst: Option<Player>,
}

impl<'d> Best<'d> {
    pub fn new(order: Order<'d>, room: usize) -> Best<'d> {
        Best {
            order,
            room,
            rows: Vec::with_capacity(room.saturating_mul(2).min(1 << 16)),
            worst: None,
        }
    }

    pub fn offer(&mut self, p: &Player, kind: ListKind) {
        if self.room == 0
            || self
                .worst
                .as_ref()
                .is_some_and(|w| self.order.cmp(p, w) != Ordering::Less)
        {
            return;
        }
        self.rows.push((p.clone(), kind));
        if self.rows.len() >= self.room.saturating_mul(2) {
            self.cut();
        }
    }

    fn cut(&mut self) {
        let order = self.order;
        if self.rows.len() > self.room {
            self.rows
                .select_nth_unstable_by(self.room - 1, |a, b| order.cmp(&a.0, &b.0));
            self.rows.truncate(self.room);
        }
        // After the partial sort the last row kept is the worst of them.
        self.worst = self.rows.last().map(|r| r.0.clone());
    }

    /// The first `room` rows, in order.
    pub fn finish(mut self) -> Vec<ListItem> {
        self.cut();
        let order = self.order;
        self.rows.sort_by(|a, b| order.cmp(&a.0, &b.0));
        self.rows
            .into_iter()
            .map(|(p, kind)| ListItem {
                id: p.id,
                kind,
                matched: Vec::new(),
            })
            .collect()
    }
}

/// Puts the rows of the list in `order` (rows of players the data does not know go last).
pub fn sort_items(items: &mut [ListItem], ds: &Dataset, order: &Order<'_>) {
    items.sort_by(|a, b| match (ds.player(&a.id), ds.player(&b.id)) {
        (Some(x), Some(y)) => order.cmp(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
}

impl Board {
    /// The table's keys: `v` shows it or the list, `s` sorts by the next column (after the
    /// last, the list's own order again), `r` reverses the sort. Sorting shows the table, and
    /// takes the cursor to the first row: the best by that column.
    pub(super) fn table_command(&mut self, cmd: Command) {
        let t = &mut self.view.table;
        match cmd {
            Command::Table => {
                t.shown = !t.shown;
                let now = if t.shown { "table" } else { "list" };
                self.say(
                    Message::text(format!("targets as a {now} · "))
                        .key(Command::Table)
                        .then(" switches back"),
                );
                return;
            }
            Command::SortColumn => {
                if !t.shown {
                    t.shown = true;
                    t.sort = Some(SortColumn::Name);
                } else {
                    t.sort = match t.sort {
                        None => Some(SortColumn::Name),
                        Some(c) => c.next(),
                    };
                }
                t.descending = t.sort.is_some_and(SortColumn::starts_descending);
            }
            Command::SortReverse => {
                t.shown = true;
                if t.sort.is_none() {
                    self.say(
                        Message::text("in the list's own order: ")
                            .key(Command::SortColumn)
                            .then(" picks a column to sort by"),
                    );
                    return;
                }
                t.descending = !t.descending;
            }
            _ => return,
        }
        let said = match t.sort {
            Some(c) => format!(
                "sorted by {} {}",
                c.label(),
                if t.descending {
                    "descending"
                } else {
                    "ascending"
                }
            ),
            None => "in the list's own order".to_string(),
        };
        self.say(said);
        self.view.list_cursor = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: &str, name: &str) -> Player {
        Player::new(id, name, "Club", None)
    }

    #[test]
    fn unknowns_go_last_both_ways_and_names_fold_accents() {
        let money = MoneySettings::for_currency(crate::domain::Currency::EUR);
        let on = NaiveDate::from_ymd_opt(2026, 7, 1).expect("date");
        let mut a = p("a", "Émile Zola");
        a.born = NaiveDate::from_ymd_opt(2000, 1, 1);
        let mut b = p("b", "emile Abel");
        b.born = NaiveDate::from_ymd_opt(2004, 1, 1);
        let c = p("c", "Ángel Unknown");
        let mut order = Order {
            column: SortColumn::Age,
            descending: false,
            on,
            money: &money,
        };
        let sorted = |order: &Order<'_>| {
            let mut v = [&a, &b, &c];
            v.sort_by(|x, y| order.cmp(x, y));
            v.map(|x| x.id.as_str().to_string())
        };
        assert_eq!(sorted(&order), ["b", "a", "c"]);
        order.descending = true;
        assert_eq!(sorted(&order), ["a", "b", "c"]);
        order.column = SortColumn::Name;
        order.descending = false;
        // "Ángel" sorts under A, "emile" and "Émile" together.
        assert_eq!(sorted(&order), ["c", "b", "a"]);
    }

    #[test]
    fn the_best_rows_are_kept_while_offered() {
        let money = MoneySettings::for_currency(crate::domain::Currency::EUR);
        let on = NaiveDate::from_ymd_opt(2026, 7, 1).expect("date");
        let players: Vec<Player> = (0..1000)
            .map(|i| {
                let mut x = p(&format!("p{i:04}"), &format!("P {i}"));
                // Every seventh value unknown; the others in a scrambled order.
                if i % 7 != 0 {
                    x.market_value = Some(crate::domain::Fee {
                        amount: (i * 7919 % 1000) as u64 * 1000,
                        currency: crate::domain::Currency::EUR,
                        approximate: false,
                    });
                }
                x
            })
            .collect();
        let order = Order {
            column: SortColumn::Value,
            descending: true,
            on,
            money: &money,
        };
        let mut best = Best::new(order, 10);
        for x in &players {
            best.offer(x, ListKind::Pool);
        }
        let got: Vec<String> = best.finish().iter().map(|i| i.id.to_string()).collect();
        let mut all: Vec<&Player> = players.iter().collect();
        all.sort_by(|x, y| order.cmp(x, y));
        let want: Vec<String> = all[..10].iter().map(|x| x.id.to_string()).collect();
        assert_eq!(got, want);
    }
}
