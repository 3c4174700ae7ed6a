//! The target pane as a table (key `v`): whether it shows, the column its rows are sorted by
//! and which way (`s` cycles the column, `r` reverses it), and the orders themselves. A sort
//! keeps a player whose value for the column is unknown after every known one, whichever way
//! it runs.

use super::board::Board;
use super::command::Command;
use super::message::Message;
use crate::domain::money::MoneySettings;
use chrono::NaiveDate;

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

mod keys;
pub use keys::{ColumnKeys, SortKey, SortKeys};

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
        self.say_sorted();
    }

    /// Says the sort now shown, and takes the cursor to its first row.
    fn say_sorted(&mut self) {
        let t = &self.view.table;
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
    use crate::app::view::{ListItem, ListKind};
    use crate::domain::pool::PoolPlayers;
    use crate::domain::status::age;
    use crate::domain::{Dataset, DepthChart, Player, PlayerId, Position};
    use crate::search::fold_char;
    use chrono::Datelike;
    use std::cmp::Ordering;

    // The comparator the table sorted with before its keys: what the keys must agree with.

    #[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
    enum Key<'p> {
        Number(i128),
        Text(&'p str),
        Positions(Position, &'p [Position]),
    }

    fn reference_cmp(order: &Order<'_>, a: &Player, b: &Player) -> Ordering {
        let by_column = match (key(order, a), key(order, b)) {
            (Some(x), Some(y)) => {
                let o = match (&x, &y) {
                    (Key::Text(x), Key::Text(y)) => folded_cmp(x, y),
                    _ => x.cmp(&y),
                };
                if order.descending { o.reverse() } else { o }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_column
            .then_with(|| folded_cmp(&a.name, &b.name))
            .then_with(|| a.id.cmp(&b.id))
    }

    fn key<'p>(order: &Order<'_>, p: &'p Player) -> Option<Key<'p>> {
        match order.column {
            SortColumn::Name => Some(Key::Text(&p.name)),
            SortColumn::Positions => p.position.map(|m| Key::Positions(m, &p.secondary)),
            SortColumn::Age => age(p, order.on).low().map(|a| Key::Number(i128::from(a))),
            SortColumn::Club => {
                Some(Key::Text(p.club.trim())).filter(|_| !p.club.trim().is_empty())
            }
            SortColumn::Nationality => p.nationality.as_deref().map(Key::Text),
            SortColumn::Value => p
                .market_value
                .and_then(|v| order.money.convert(v))
                .map(|c| Key::Number(c.amount)),
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

    fn folded_cmp(a: &str, b: &str) -> Ordering {
        a.chars().map(fold_char).cmp(b.chars().map(fold_char))
    }

    /// The rows of a list as the reference sorted them (rows of unknown players last).
    fn reference_sort(items: &mut [ListItem], ds: &Dataset, order: &Order<'_>) {
        items.sort_by(|a, b| match (ds.player(&a.id), ds.player(&b.id)) {
            (Some(x), Some(y)) => reference_cmp(order, x, y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        });
    }

    fn p(id: &str, name: &str) -> Player {
        Player::new(id, name, "Club", None)
    }

    fn data(squad: Vec<Player>, targets: Vec<Player>, pool: Vec<Player>) -> Dataset {
        let mut ds = Dataset::new(
            "Club".into(),
            None,
            squad,
            targets,
            vec![],
            vec![],
            DepthChart::default(),
        );
        ds.append_pool(PoolPlayers::of(pool));
        ds
    }

    fn ids(items: &[ListItem]) -> Vec<String> {
        items.iter().map(|i| i.id.to_string()).collect()
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
        // One in the squad, one a target, one in the pool: all numbered alike.
        let ds = data(vec![a], vec![b], vec![c]);
        let mut keys = SortKeys::default();
        let mut order = Order {
            column: SortColumn::Age,
            descending: false,
            on,
            money: &money,
        };
        let mut sorted = |order: &Order<'_>| {
            let mut v: Vec<ListItem> = ["a", "b", "c"]
                .map(|i| ListItem::of(PlayerId::new(i), ListKind::Pool))
                .into();
            keys.column(&ds, order).sort(&mut v, &ds, order.descending);
            let mut r = v.clone();
            reference_sort(&mut r, &ds, order);
            assert_eq!(
                ids(&v),
                ids(&r),
                "{:?} descending {}",
                order.column,
                order.descending
            );
            ids(&v)
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
    fn the_first_rows_of_the_passing_are_picked() {
        let money = MoneySettings::for_currency(crate::domain::Currency::EUR);
        let on = NaiveDate::from_ymd_opt(2026, 7, 1).expect("date");
        let players: Vec<Player> = (0..1000)
            .map(|i| {
                let mut x = p(&format!("p{i:04}"), &format!("P {}", i % 97));
                // Every seventh value unknown; the others in a scrambled order, many equal.
                if i % 7 != 0 {
                    x.market_value = Some(crate::domain::Fee {
                        amount: (i * 7919 % 100) as u64 * 1000,
                        currency: crate::domain::Currency::EUR,
                        approximate: false,
                    });
                }
                x
            })
            .collect();
        let ds = data(vec![], vec![], players.clone());
        let mut keys = SortKeys::default();
        for descending in [false, true] {
            let order = Order {
                column: SortColumn::Value,
                descending,
                on,
                money: &money,
            };
            let keys = keys.column(&ds, &order);
            // All passing (the order walked), and one in three (their keys sorted).
            for step in [1, 3, 11] {
                let passing: Vec<u32> = (0..1000).step_by(step).collect();
                let got: Vec<u32> = keys.first_pool_rows(&passing, 10, descending);
                let mut want: Vec<u32> = passing.clone();
                want.sort_by(|&x, &y| {
                    reference_cmp(&order, &players[x as usize], &players[y as usize])
                });
                want.truncate(10);
                assert_eq!(got, want, "descending {descending}, every {step}th passing");
            }
        }
    }

    /// Players made up from `seed`: few names, clubs and values, so many ties; accents and
    /// case that fold alike; blank clubs; some kept whole in the pool (a reported contract or
    /// age); secondary positions in any order.
    fn made_up(seed: u64, n: usize) -> Vec<Player> {
        let mut s = seed | 1;
        let mut next = move |m: u64| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s % m
        };
        let names = [
            "Émile Zola",
            "emile zola",
            "Ángel Díaz",
            "angel diaz",
            "Øyvind",
            "Bo",
            "bo",
        ];
        let clubs = ["River Plate", " river plate ", "Boca", "", "  ", "Ajax"];
        let nations = ["Argentina", "argentina", "Norway", ""];
        (0..n)
            .map(|i| {
                let name = names[next(names.len() as u64) as usize];
                // Ids mostly their own, sometimes another's (a namesake kept twice).
                let id = format!("x{}", if next(10) == 0 { next(5) as usize } else { i });
                let club = clubs[next(clubs.len() as u64) as usize];
                let position = (next(5) != 0).then(|| Position::ALL[next(12) as usize]);
                let mut x = Player::new(&id, name, club, position);
                x.secondary = (0..next(4))
                    .map(|_| Position::ALL[next(12) as usize])
                    .collect();
                x.born = (next(4) != 0)
                    .then(|| {
                        NaiveDate::from_ymd_opt(1990 + next(15) as i32, 1 + next(12) as u32, 1)
                    })
                    .flatten();
                if x.born.is_none() && next(2) == 0 {
                    x.reported_age = Some(crate::domain::player::ReportedAge {
                        age: 18 + next(15) as u32,
                        on: NaiveDate::from_ymd_opt(2025, 3, 1).expect("date"),
                    });
                }
                x.nationality = (next(4) != 0).then(|| nations[next(4) as usize].to_string());
                if next(3) != 0 {
                    let currency = [
                        crate::domain::Currency::EUR,
                        crate::domain::Currency::GBP,
                        crate::domain::Currency::USD,
                    ][next(3) as usize];
                    x.market_value = Some(crate::domain::Fee {
                        amount: next(20) * 500_000,
                        currency,
                        approximate: next(2) == 0,
                    });
                }
                match next(4) {
                    0 => {}
                    1 => {
                        x.contract_reported = Some(crate::domain::player::ReportedContract {
                            until_year: 2026 + next(4) as i32,
                            source: None,
                        })
                    }
                    _ => {
                        x.contract_until =
                            NaiveDate::from_ymd_opt(2026 + next(4) as i32, 6, 30 - next(2) as u32)
                    }
                }
                x
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Over made-up data, every column either way: a list sorted by the keys is in the
        /// reference's order, and the first rows picked of the pool's passing are the
        /// reference's first.
        #[test]
        fn the_keys_order_as_the_comparator_did(seed in 1u64.., pass_one_in in 1u32..12, room in 1usize..40) {
            let all = made_up(seed, 300);
            let (squad, rest) = all.split_at(20);
            let (targets, pool) = rest.split_at(20);
            let ds = data(squad.to_vec(), targets.to_vec(), pool.to_vec());
            // Dollars have no rate (unknown, as a missing fee) unless one is set.
            let mut money = MoneySettings::for_currency(crate::domain::Currency::EUR);
            if seed % 2 == 0 {
                proptest::prop_assert!(money.set_rate(crate::domain::Currency::USD, 0.93).is_ok());
            }
            let on = NaiveDate::from_ymd_opt(2026, 1, 1 + (seed % 28) as u32).expect("date");
            let mut keys = SortKeys::default();
            let pool_players: Vec<Player> = (0..pool.len())
                .filter_map(|i| ds.pool().to_player(i))
                .collect();
            for column in SortColumn::ALL {
                for descending in [false, true] {
                    let order = Order { column, descending, on, money: &money };
                    let k = keys.column(&ds, &order);
                    // A list as a search gives it: players of every kind, one the data
                    // does not know, in a scrambled order.
                    let mut items: Vec<ListItem> = all
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| !(i * 7).wrapping_add(seed as usize).is_multiple_of(3))
                        .map(|(_, x)| ListItem::of(x.id.clone(), ListKind::Pool))
                        .chain([ListItem::of(PlayerId::new("nobody"), ListKind::Pool)])
                        .collect();
                    items.reverse();
                    let mut want = items.clone();
                    reference_sort(&mut want, &ds, &order);
                    k.sort(&mut items, &ds, descending);
                    proptest::prop_assert_eq!(ids(&items), ids(&want), "{:?} descending {}", column, descending);

                    let passing: Vec<u32> = (0..pool.len() as u32)
                        .filter(|i| i.wrapping_add(seed as u32).is_multiple_of(pass_one_in))
                        .collect();
                    let mut want: Vec<u32> = passing.clone();
                    want.sort_by(|&x, &y| {
                        reference_cmp(&order, &pool_players[x as usize], &pool_players[y as usize])
                    });
                    want.truncate(room);
                    let got = k.first_pool_rows(&passing, room, descending);
                    proptest::prop_assert_eq!(got, want, "{:?} descending {} room {}", column, descending, room);
                }
            }
        }
    }
}
