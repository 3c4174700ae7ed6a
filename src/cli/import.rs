//! `squadboard import players.csv --club NAME --out DIR`: one club of a Transfermarkt-style
//! `players.csv` becomes a data folder (`squad.ron`, an empty `targets.ron`, a `depth.ron` with
//! every position's players by market value) that `squadboard --data DIR` opens.
//!
//! The folder is written whole or not at all: the three files go into a temporary sibling folder
//! that is checked, then renamed into place.

use super::{Context, Outcome};
use crate::domain::{DataFile, DepthChart, Player, Position};
use crate::search::{Matcher, fold};
use crate::store::atomic::write_folder;
use crate::store::check;
use crate::store::csv_import::{CsvOptions, MAX_CSV_BYTES, club_names, read_players};
use crate::store::dataset::TargetsFile;
use crate::store::pool::PlayerOut;
use crate::store::ron_file::read_bytes;
use crate::store::sources::Sources;
use serde::Serialize;
use std::cmp::Reverse;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A CSV in the columns of Transfermarkt's players.csv.
    #[arg(value_name = "players.csv")]
    csv: PathBuf,
    /// The club to import, as `current_club_name` spells it (accents and case optional; a
    /// unique part of the name will do: "Real Madrid" for "Real Madrid Club de Fútbol").
    #[arg(long, value_name = "NAME")]
    club: String,
    /// The data folder to write.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Write into DIR even if it already holds files: only squad.ron, depth.ron and a
    /// targets.ron that import wrote are replaced; everything else is kept.
    #[arg(long)]
    force: bool,
}

#[derive(Serialize)]
#[serde(rename = "Squad")]
struct SquadOut<'a> {
    club: &'a str,
    players: Vec<PlayerOut<'a>>,
}

/// Picks the CSV's club for what the user typed: the same name, the same name without accents
/// and case, or the one club whose name contains it.
pub fn resolve_club(wanted: &str, clubs: &[String]) -> Result<String, String> {
    let w = fold(wanted.trim());
    if let Some(c) = clubs.iter().find(|c| c.trim() == wanted.trim()) {
        return Ok(c.clone());
    }
    if let Some(c) = clubs.iter().find(|c| fold(c) == w) {
        return Ok(c.clone());
    }
    let containing: Vec<&String> = clubs.iter().filter(|c| fold(c).contains(&w)).collect();
    match containing.as_slice() {
        [one] => Ok((*one).clone()),
        [] => {
            let m = Matcher::default();
            // Clubs sharing any word of what was typed, the closest first.
            let mut near: Vec<(i64, &String)> = clubs
                .iter()
                .filter_map(|c| {
                    let key = fold(c);
                    let scores: Vec<i64> = w
                        .split_whitespace()
                        .filter_map(|word| m.matches(&key, word).map(|h| h.score))
                        .collect();
                    (!scores.is_empty()).then(|| (scores.iter().sum(), c))
                })
                .collect();
            near.sort_by_key(|(s, c)| (Reverse(*s), (*c).clone()));
            let near: Vec<&str> = near.iter().take(5).map(|(_, c)| c.as_str()).collect();
            Err(if near.is_empty() {
                format!("no club named `{wanted}` in the file")
            } else {
                format!(
                    "no club named `{wanted}` in the file; did you mean: {}?",
                    near.join(", ")
                )
            })
        }
        many => Err(format!(
            "`{wanted}` could be any of: {}; give the full name",
            many.iter()
                .take(8)
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Per position, the club's players there by market value (highest first), then by name.
pub fn default_depth(players: &[Player]) -> DepthChart {
    let mut depth = DepthChart::default();
    for pos in Position::ALL {
        let mut here: Vec<&Player> = players.iter().filter(|p| p.position == Some(pos)).collect();
        here.sort_by(|a, b| {
            let value = |p: &Player| Reverse(p.market_value.map(|f| f.amount));
            (value(a), &a.name, &a.id).cmp(&(value(b), &b.name, &b.id))
        });
        if !here.is_empty() {
            depth
                .columns
                .insert(pos, here.iter().map(|p| p.id.clone()).collect());
        }
    }
    depth
}

/// The first line of a `targets.ron` that import wrote: `import --force` replaces a
/// `targets.ron` only when it starts with this line, so a hand-written one is kept.
pub const TARGETS_MARKER: &str = "// Made by `squadboard import`";

/// Whether `text` (a `targets.ron`) is one import wrote, by [`TARGETS_MARKER`] at its top.
pub fn made_by_import(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .starts_with(TARGETS_MARKER)
}

/// The three files of a data folder for `club`'s players, as text.
pub fn data_folder_texts(
    club: &str,
    players: &[Player],
    source: &str,
) -> Result<Vec<(DataFile, String)>, String> {
    let squad = SquadOut {
        club,
        players: players.iter().map(PlayerOut).collect(),
    };
    let header = format!(
        "// {club}: imported by `squadboard import` from {source}.\n// Fields left out are unknown.\n"
    );
    Ok(vec![
        (DataFile::Squad, header + &ron(&squad)? + "\n"),
        (
            DataFile::Targets,
            format!(
                "{TARGETS_MARKER} (no targets yet; `import --force` replaces this file only \
                 while this line heads it).\n// Players linked with the club, the reports that \
                 link them, and the links.\n"
            ) + &ron(&TargetsFile::default())?
                + "\n",
        ),
        (
            DataFile::Depth,
            "// Per position, first choice first: by market value, then by name.\n".to_string()
                + &ron(&default_depth(players))?
                + "\n",
        ),
    ])
}

fn ron<T: Serialize>(value: &T) -> Result<String, String> {
    let pretty = ron::ser::PrettyConfig::new().struct_names(true);
    ron::ser::to_string_pretty(value, pretty).map_err(|e| e.to_string())
}

pub fn run(args: Args, _ctx: &Context, out: &mut dyn Write) -> Outcome {
    let shown = args.csv.display().to_string();
    let bytes = read_bytes(&args.csv, MAX_CSV_BYTES, "read").map_err(|e| e.to_string())?;
    let clubs = club_names(&shown, &bytes).map_err(|e| e.to_string())?;
    let club = resolve_club(&args.club, &clubs).map_err(|e| format!("{shown}: {e}"))?;
    let options = CsvOptions {
        require_club: true,
        only_club: Some(club.clone()),
        total_bytes: None,
    };
    let got =
        read_players(&shown, bytes.as_slice(), &options, |_, _| {}).map_err(|e| e.to_string())?;
    if got.players.is_empty() {
        let mut msg = format!("{shown}: no usable player of `{club}`");
        for p in &got.problems {
            msg.push_str(&format!("\n  {p}"));
        }
        return Err(msg);
    }
    let source = args
        .csv
        .file_name()
        .map_or(shown.clone(), |n| n.to_string_lossy().to_string());
    let mut files = data_folder_texts(&club, &got.players, &source)?;
    // A `targets.ron` already in the folder that import did not write is kept (with `--force`
    // too); the new squad is checked together with it.
    let mut texts = files.clone();
    let mut kept_targets = false;
    let old_targets = args.out.join(DataFile::Targets.file_name());
    if args.force && old_targets.is_file() {
        let old = read_bytes(&old_targets, MAX_CSV_BYTES, "read").map_err(|e| e.to_string())?;
        let old = String::from_utf8_lossy(&old).into_owned();
        if !made_by_import(&old) {
            kept_targets = true;
            files.retain(|(f, _)| *f != DataFile::Targets);
            for (f, t) in &mut texts {
                if *f == DataFile::Targets {
                    t.clone_from(&old);
                }
            }
        }
    }
    // What is written must pass `check`: test the texts before anything touches the disk.
    let sources = Sources { dir: None, texts };
    let report = check(&sources);
    if !report.is_clean() {
        return Err(format!(
            "the imported data does not pass check (nothing written):\n{}",
            report.errors.join("\n")
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(f, t)| (f.file_name(), t.as_str()))
        .collect();
    let replaced = write_folder(&args.out, &files, args.force)?;
    let io = |e: std::io::Error| e.to_string();
    if !replaced.is_empty() {
        writeln!(out, "replaced {}", replaced.join(", ")).map_err(io)?;
    }
    if kept_targets {
        writeln!(
            out,
            "kept {} (not written by import); everything else in {} left as it was",
            DataFile::Targets.file_name(),
            args.out.display()
        )
        .map_err(io)?;
    } else if !replaced.is_empty() {
        writeln!(
            out,
            "everything else in {} left as it was",
            args.out.display()
        )
        .map_err(io)?;
    }
    for p in &got.problems {
        writeln!(out, "skipped {p}").map_err(io)?;
    }
    for w in &got.warnings {
        writeln!(out, "warning {w}").map_err(io)?;
    }
    writeln!(
        out,
        "{}: {} player(s) of {club} imported, {} row(s) skipped",
        args.out.display(),
        got.players.len(),
        got.skipped
    )
    .map_err(io)?;
    Ok(got.problems.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_club_is_found_the_way_people_type_it() {
        let clubs: Vec<String> = [
            "Real Madrid Club de Fútbol",
            "Club Atlético de Madrid",
            "Real Sociedad",
            "Rayo Vallecano",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            resolve_club("real madrid", &clubs).as_deref(),
            Ok("Real Madrid Club de Fútbol")
        );
        assert_eq!(
            resolve_club("CLUB ATLETICO DE MADRID", &clubs).as_deref(),
            Ok("Club Atlético de Madrid")
        );
        let err = resolve_club("madrid", &clubs).expect_err("two clubs");
        assert!(err.contains("could be any of"), "{err}");
        let err = resolve_club("Real Socidad", &clubs).expect_err("typo");
        assert!(err.contains("did you mean: Real Sociedad"), "{err}");
    }

    #[test]
    fn depth_columns_go_by_value_then_name() {
        let mut a = Player::new("a", "Zed A", "C", Some(Position::CB));
        let mut b = Player::new("b", "Amy B", "C", Some(Position::CB));
        let c = Player::new("c", "Bob C", "C", Some(Position::CB));
        let d = Player::new("d", "Al D", "C", Some(Position::CB));
        let gk = Player::new("g", "Gus G", "C", Some(Position::GK));
        let unknown = Player::new("u", "Uli U", "C", None);
        let fee = |amount| crate::domain::Fee {
            amount,
            currency: crate::domain::Currency::EUR,
            approximate: false,
        };
        a.market_value = Some(fee(9_000_000));
        b.market_value = Some(fee(1_000_000));
        let depth = default_depth(&[c, b, a, d, gk, unknown]);
        let ids = |pos| -> Vec<&str> { depth.column(pos).iter().map(|i| i.as_str()).collect() };
        assert_eq!(ids(Position::CB), vec!["a", "b", "d", "c"]);
        assert_eq!(ids(Position::GK), vec!["g"]);
        assert_eq!(depth.columns.len(), 2, "no column for unknown positions");
    }
}
