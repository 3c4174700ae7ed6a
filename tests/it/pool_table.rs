//! Issue 25: the target pane as a sortable table (`v`, `s` the next column, `r` reversed):
//! snapshots, each column's order with unknowns last both ways, a sort over every player a
//! filter keeps (not only the first listed), and Space on a row signing that player.

use crate::board_pool::deliver;
use crate::common::*;
use squadboard::app::table::SortColumn;
use squadboard::app::{Board, ListKind, Pane, Spot};
use squadboard::domain::Player;
use squadboard::input::Command;
use std::cmp::Ordering;

macro_rules! assert_snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(format!("pool_table__{}", $name), $value)
        })
    };
}

/// The bundled board with the fixture pool in, the search `query` kept, the table shown.
fn table_board(query: &str) -> Board {
    let mut b = board();
    deliver(&mut b, &fixture_path("players.csv"));
    cmd(&mut b, Command::Search);
    typed(&mut b, query);
    b.update(squadboard::app::Action::FilterAccept);
    cmd(&mut b, Command::Table);
    b
}

/// `s` until the table is sorted by `col`.
fn sort_by(b: &mut Board, col: SortColumn) {
    for _ in 0..=SortColumn::ALL.len() {
        if b.view.table.sort == Some(col) {
            return;
        }
        cmd(b, Command::SortColumn);
    }
    panic!("{col:?} never came");
}

#[test]
fn the_table_at_120x40_and_80x24() {
    let mut b = table_board("age:<30");
    let (buf, _) = render(&b, 120, 40);
    let t = text(&buf);
    for head in ["Name", "Pos", "Age", "Club", "Nat", "Value", "Contract"] {
        assert!(t.contains(head), "{head}:\n{t}");
    }
    assert_snapshot!("table_120x40", t);
    sort_by(&mut b, SortColumn::Value);
    let (buf, _) = render(&b, 120, 40);
    let t = text(&buf);
    assert!(t.contains("Value ▼"), "the header says the sort:\n{t}");
    assert_snapshot!("table_by_value_120x40", t);
    let (buf, _) = render(&b, 80, 24);
    let t = text(&buf);
    // Fewer columns at 80×24, the sorted one kept.
    assert!(t.contains("Value ▼") && !t.contains("Club"), "{t}");
    assert_snapshot!("table_by_value_80x24", t);
}

/// What a column holds for a player, the way the test reads it (independently of the board's
/// sort): `None` for unknown.
#[derive(Debug, PartialEq, PartialOrd)]
enum V {
    N(f64),
    S(String),
    P(
        squadboard::domain::Position,
        Vec<squadboard::domain::Position>,
    ),
}

fn value_of(b: &Board, p: &Player, col: SortColumn) -> Option<V> {
    let on = b.doc.date;
    let fold = |s: &str| squadboard::search::fold(s);
    match col {
        SortColumn::Name => Some(V::S(fold(&p.name))),
        SortColumn::Positions => p.position.map(|m| V::P(m, p.secondary.clone())),
        SortColumn::Age => squadboard::domain::status::age(p, on)
            .low()
            .map(|a| V::N(f64::from(a))),
        SortColumn::Club => Some(p.club.trim())
            .filter(|c| !c.is_empty())
            .map(|c| V::S(fold(c))),
        SortColumn::Nationality => p.nationality.as_deref().map(|n| V::S(fold(n))),
        SortColumn::Value => p
            .market_value
            .and_then(|v| b.doc.plan.money.convert(v))
            .map(|c| V::N(c.amount as f64)),
        SortColumn::Contract => p.contract_until.map(|d| V::S(d.to_string())).or_else(|| {
            p.contract_reported
                .as_ref()
                .map(|r| V::S(format!("{}-06-30", r.until_year)))
        }),
    }
}

/// The rows are in the column's order, that way; every unknown after every known.
fn check_order(b: &Board, col: SortColumn) {
    let values: Vec<Option<V>> = b
        .view
        .list
        .iter()
        .map(|i| value_of(b, b.doc.ds.player(&i.id).expect("known"), col))
        .collect();
    let desc = b.view.table.descending;
    for (k, pair) in values.windows(2).enumerate() {
        match (&pair[0], &pair[1]) {
            (None, Some(_)) => panic!("{col:?}: an unknown before a known at row {k}"),
            (Some(x), Some(y)) => {
                let o = x.partial_cmp(y).expect("comparable");
                let wrong = if desc {
                    Ordering::Less
                } else {
                    Ordering::Greater
                };
                assert_ne!(o, wrong, "{col:?} desc={desc} rows {k}: {x:?} then {y:?}");
            }
            _ => {}
        }
    }
}

#[test]
fn sorting_by_each_column_orders_the_rows_unknowns_last_both_ways() {
    // The club's players (many values unknown) and the pool's, found together.
    let mut b = table_board("age:<40");
    assert!(b.view.list.len() > 15, "{}", b.view.list.len());
    let listed: std::collections::BTreeSet<String> =
        b.view.list.iter().map(|i| i.id.to_string()).collect();
    for col in SortColumn::ALL {
        sort_by(&mut b, col);
        let some_unknown = b
            .view
            .list
            .iter()
            .any(|i| value_of(&b, b.doc.ds.player(&i.id).expect("known"), col).is_none());
        for _ in 0..2 {
            check_order(&b, col);
            assert_eq!(b.view.list_cursor, 0, "a sort starts at its first row");
            cmd(&mut b, Command::SortReverse);
        }
        // The same players, only reordered.
        let now: std::collections::BTreeSet<String> =
            b.view.list.iter().map(|i| i.id.to_string()).collect();
        assert_eq!(now, listed, "{col:?}");
        if matches!(
            col,
            SortColumn::Value | SortColumn::Contract | SortColumn::Nationality
        ) {
            assert!(some_unknown, "{col:?}: a fair test has unknowns");
        }
    }
    // After the last column, the list's own order again.
    cmd(&mut b, Command::SortColumn);
    assert_eq!(b.view.table.sort, None);
}

/// A query of filters alone passes more players than the list holds: sorted, the table shows
/// the first of all of them by the column, not the first listed.
#[test]
fn a_sort_ranks_every_player_the_filters_keep() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("pool.csv");
    let mut text = Vec::new();
    fakepool::write_csv(&fakepool::generate(5_000, 7), &mut text).expect("csv");
    std::fs::write(&path, &text).expect("write");
    let mut b = board();
    deliver(&mut b, &path);
    cmd(&mut b, Command::Search);
    typed(&mut b, "pos:CB");
    b.update(squadboard::app::Action::FilterAccept);
    let on = b.doc.date;
    let money = b.doc.plan.money.clone();
    let filters = squadboard::search::query::Query::parse("pos:CB", &money)
        .expect("query")
        .filters;
    let pool = b.doc.ds.pool();
    let everyone: Vec<squadboard::domain::Player> = b
        .doc
        .ds
        .targets
        .iter()
        .cloned()
        .chain((0..pool.len()).filter_map(|i| pool.to_player(i)))
        .collect();
    let mut values: Vec<i128> = everyone
        .iter()
        .filter(|p| squadboard::search::query::passes(&filters, p, on, &money))
        .filter_map(|p| p.market_value.and_then(|v| money.convert(v)))
        .map(|c| c.amount)
        .collect();
    assert!(
        values.len() > b.view.list.len(),
        "more pass than are listed"
    );
    values.sort_unstable_by(|a, b| b.cmp(a));
    cmd(&mut b, Command::Table);
    sort_by(&mut b, SortColumn::Value);
    assert!(b.view.table.descending, "the most valuable first");
    let shown: Vec<i128> = b
        .view
        .list
        .iter()
        .take(20)
        .map(|i| {
            let p = b.doc.ds.player(&i.id).expect("known");
            money
                .convert(p.market_value.expect("a value"))
                .expect("converted")
                .amount
        })
        .collect();
    assert_eq!(shown, values[..20]);
    // The title still counts every player passing.
    let (buf, _) = render(&b, 120, 40);
    let passing = b
        .doc
        .ds
        .squad
        .iter()
        .chain(&b.doc.ds.targets)
        .filter(|p| squadboard::search::query::passes(&filters, p, on, &money))
        .filter(|p| b.doc.ds.is_target(&p.id) || squadboard::domain::status::is_at_club(p, on))
        .count();
    let t = crate::common::text(&buf);
    assert!(t.contains(&format!("of {passing}")), "{passing}:\n{t}");
}

#[test]
fn space_on_a_table_row_signs_that_player() {
    let mut b = table_board("zubiria");
    sort_by(&mut b, SortColumn::Age);
    let row = b
        .view
        .list
        .iter()
        .position(|i| i.kind == ListKind::Pool)
        .expect("a pool row");
    let who = b.view.list[row].id.clone();
    // Picked by the mouse on the row the table drew for him, then signed with Space.
    let (_, hits) = draw(&mut b, 120, 40);
    let at = hits.area_of(Spot::ListRow(row)).expect("drawn");
    assert_eq!(hits.spot_at(at.x + 3, at.y), Some(Spot::ListRow(row)));
    b.update(squadboard::app::Action::Press(Spot::ListRow(row)));
    b.update(squadboard::app::Action::Release(Some(Spot::ListRow(row))));
    assert_eq!(b.view.focus, Pane::List);
    assert_eq!(b.selected().map(|(id, _)| id), Some(who.clone()));
    // The details are his, as for a target.
    let (buf, _) = render(&b, 120, 40);
    let name = b.doc.ds.player(&who).expect("known").name.clone();
    assert!(text(&buf).contains(&format!("│{name}")), "{}", text(&buf));
    run_cmd(&mut b, Command::Grab);
    run_cmds(&mut b, &[Command::NextPane, Command::NextPane]);
    b.view.slot_cursor = slot(&b, "RCB");
    run_cmd(&mut b, Command::Grab);
    assert!(b.doc.plan.is_signing(&who), "{:?}", b.message_text());
    // Still a table after the signing, the signing starred.
    let (buf, _) = render(&b, 120, 40);
    assert!(b.view.table.shown);
    let t = text(&buf);
    let row = t
        .lines()
        .find(|l| l.contains("Zubiría") && l.contains("CB  "));
    assert!(
        row.is_some_and(|l| l.contains("┃★") || l.contains("│★")),
        "{t}"
    );
}

/// The table in any area, down to one column and one row: no panic, nothing outside it.
#[test]
fn the_table_draws_in_any_area() {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    let mut b = table_board("age:<40");
    sort_by(&mut b, SortColumn::Nationality);
    b.view.focus = Pane::List;
    let theme = squadboard::ui::Theme::default();
    for (w, h) in [
        (1, 1),
        (1, 30),
        (2, 3),
        (5, 5),
        (12, 4),
        (30, 10),
        (47, 20),
        (200, 60),
    ] {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        let mut hits = squadboard::ui::HitMap::default();
        let block = ratatui::widgets::Block::bordered();
        squadboard::ui::pool_table::render(area, &mut buf, &b, &theme, &mut hits, block);
        assert!(
            hits.hits.iter().all(|h| area.contains(h.area.as_position())
                && h.area.right() <= area.right()
                && h.area.bottom() <= area.bottom()),
            "{w}×{h}: {:?}",
            hits.hits
        );
        if w >= 30 && h >= 4 {
            // The sorted column is kept however narrow.
            assert!(text(&buf).contains("Nat ▲"), "{w}×{h}:\n{}", text(&buf));
        }
    }
}
