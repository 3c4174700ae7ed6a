//! A made-up club with a player at every position, for the depth chart's lines beyond the back
//! line (the bundled data may hold only the back line): two goalkeepers, a back four, three
//! midfield columns, three attack columns, one centre-back whose contract ran out on 30 June
//! 2026, one midfielder the chart leaves out and one squad player of unknown position.
#![allow(dead_code)]

use chrono::NaiveDate;
use squadboard::app::Board;
use squadboard::domain::{Dataset, DepthChart, Player, PlayerId, Position};
use std::sync::Arc;

pub const CLUB: &str = "Atlético Valdoria";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

pub fn dataset() -> Dataset {
    use Position::*;
    let squad_spec: [(&str, &str, Option<Position>, i32); 22] = [
        ("gk1", "Iker Salcedo", Some(GK), 2029),
        ("gk2", "Pau Ribas", Some(GK), 2027),
        ("rb1", "Noé Kéïta", Some(RB), 2028),
        ("cb1", "Íñigo Zubiría", Some(CB), 2028),
        ("cb2", "Tomás Quiroga", Some(CB), 2029),
        ("cb3", "Łukasz Wierzbicki", Some(CB), 2026),
        ("cb4", "Bruno Altamira", Some(CB), 2027),
        ("lb1", "Jonás Etxeberria", Some(LB), 2030),
        ("dm1", "Mateo Lucero", Some(DM), 2028),
        ("cm1", "Oriol Casals", Some(CM), 2029),
        ("cm2", "Dário Faria", Some(CM), 2027),
        ("cm3", "Yannick Moreau", Some(CM), 2028),
        ("cm4", "Sergi Vidal", Some(CM), 2030),
        ("am1", "Lucca Benedetti", Some(AM), 2028),
        ("rw1", "Kofi Mensah", Some(RW), 2029),
        ("rw2", "Adrián Solé", Some(RW), 2027),
        ("st1", "Gonzalo Herrera", Some(ST), 2028),
        ("st2", "Ilias Benali", Some(ST), 2027),
        ("lw1", "Rafael Pinto", Some(LW), 2029),
        ("lw2", "Marek Novák", Some(LW), 2028),
        ("xx1", "Joel Abad", None, 2028),
        ("old", "Aitor Ugarte", Some(CM), 2028),
    ];
    let mut squad: Vec<Player> = squad_spec
        .iter()
        .map(|(id, name, pos, until)| {
            let mut p = Player::new(id, name, CLUB, *pos);
            p.contract_until = Some(date(*until, 6, 30));
            p
        })
        .collect();
    // A former player: he left before the planning date, so he is nowhere on the board.
    if let Some(old) = squad.iter_mut().find(|p| p.id.as_str() == "old") {
        old.left = Some(date(2025, 7, 16));
    }
    let mut depth = DepthChart::default();
    for (pos, ids) in [
        (GK, vec!["gk1", "gk2"]),
        (RB, vec!["rb1"]),
        (CB, vec!["cb1", "cb3", "cb2", "cb4"]),
        (LB, vec!["lb1"]),
        (DM, vec!["dm1", "cm2"]),
        (CM, vec!["cm1", "cm2", "cm3", "old"]),
        (AM, vec!["am1"]),
        (RW, vec!["rw1", "rw2"]),
        (ST, vec!["st1", "st2"]),
        (LW, vec!["lw1", "lw2"]),
    ] {
        depth
            .columns
            .insert(pos, ids.into_iter().map(PlayerId::new).collect());
    }
    squad_only(CLUB, squad, depth)
}

/// A club's data with no targets, reports or links.
fn squad_only(club: &str, squad: Vec<Player>, depth: DepthChart) -> Dataset {
    Dataset::new(
        club.to_string(),
        None,
        squad,
        Vec::new(),
        Vec::new(),
        Vec::new(),
        depth,
    )
}

/// A board on the made-up club at 1 July 2026.
pub fn board() -> Board {
    crate::common::new_board(Arc::new(dataset()), Some(date(2026, 7, 1)))
}

pub const IMPORTED: &str = "Deportivo Imported";

/// A club as `squadboard import` makes it from a `players.csv`: made-up players (accents of a
/// dozen nations, long double surnames), the depth chart by market value, more players per
/// position than a small terminal has rows. Two of them share a surname (Zárate) and both start;
/// one has a name too long for a narrow list and a contract that ran out.
pub fn imported_dataset() -> Dataset {
    let mut squad: Vec<Player> = fakepool::generate(60, 14)
        .iter()
        .map(|g| {
            let mut p = g.to_player();
            p.club = IMPORTED.to_string();
            p
        })
        .collect();
    // Namesakes at the top of two columns (the most valuable at their positions).
    for (k, (first, pos)) in [("Mateo", Position::CB), ("Joaquín", Position::ST)]
        .into_iter()
        .enumerate()
    {
        if let Some(p) = squad.get_mut(k) {
            p.name = format!("{first} Zárate");
            p.position = Some(pos);
            p.contract_until = Some(date(2030, 6, 30));
            p.market_value = Some(squadboard::domain::Fee {
                amount: 900_000_000,
                currency: squadboard::domain::Currency::EUR,
                approximate: false,
            });
        }
    }
    // A long double surname whose contract ran out on 30 June 2026: "OUT" at the board's date.
    if let Some(p) = squad.get_mut(2) {
        p.name = "Sebastián Echeverría Goikoetxea".to_string();
        p.contract_until = Some(date(2026, 6, 30));
    }
    let depth = squadboard::cli::import::default_depth(&squad);
    squad_only(IMPORTED, squad, depth)
}

/// A board on the imported club at 1 July 2026.
pub fn imported_board() -> Board {
    crate::common::new_board(Arc::new(imported_dataset()), Some(date(2026, 7, 1)))
}
