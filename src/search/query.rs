//! The query language of `/` on the board and of `find`: fuzzy name words and the filters scouts
//! ask with, in one line — `pos:CB age:<24 contract:<=2027 value:<40m foot:left nat:arg
//! club:"river plate" height:>185 silva`.
//!
//! Ages and contracts are read at the planning date; a value is compared in the plan's currency.
//! A player whose field is unknown does not pass a filter on it. A filter no player can answer
//! (the data has no such column) is reported once and left out, never silently dropping
//! everyone. A malformed filter is an error saying where it is in the query.

use super::fold;
use crate::domain::money::{Fee, MoneySettings};
use crate::domain::position::PositionFit;
use crate::domain::status::{Age, ContractStatus, age, contract};
use crate::domain::{Foot, Player, Position};
use chrono::NaiveDate;
use std::fmt;

/// A comparison of a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Lt(i64),
    Le(i64),
    Gt(i64),
    Ge(i64),
    Eq(i64),
    /// Both ends included.
    Between(i64, i64),
}

impl Cmp {
    pub fn holds(self, v: i64) -> bool {
        match self {
            Cmp::Lt(x) => v < x,
            Cmp::Le(x) => v <= x,
            Cmp::Gt(x) => v > x,
            Cmp::Ge(x) => v >= x,
            Cmp::Eq(x) => v == x,
            Cmp::Between(a, b) => a <= v && v <= b,
        }
    }
}

/// One filter of a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// Plays the position: main, secondary or a stand-in, as the depth chart has them.
    Pos(Position),
    Age(Cmp),
    /// The season (by the year it ends) his contract ends in, compared.
    ContractEnds(Cmp),
    /// Out of contract at the date.
    Free,
    /// Market value in the plan's currency, in whole units.
    Value(Cmp),
    Foot(Foot),
    /// Folded text the nationality must hold (a name, or what a code stands for).
    Nat(Vec<String>),
    /// Folded text the club must hold.
    Club(String),
    Height(Cmp),
}

/// A query: the name words (as typed) and the filters.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    pub words: String,
    pub filters: Vec<Filter>,
}

/// A malformed filter: where in the query (characters from the start) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub at: usize,
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "query column {}: {}", self.at + 1, self.message)
    }
}

pub const FILTERS: &str = "pos: age: contract: value: foot: nat: club: height:";

/// What the filters take, one line (for errors and the help).
pub const FILTER_HELP: &str = "pos:CB age:<24 age:20-25 contract:<=2027 contract:free \
                               value:<40m foot:left nat:arg club:\"river plate\" height:>185";

impl Query {
    pub fn parse(text: &str, money: &MoneySettings) -> Result<Query, QueryError> {
        let mut words: Vec<String> = Vec::new();
        let mut filters = Vec::new();
        for (at, token) in tokens(text) {
            let Some((key, value)) = token.split_once(':') else {
                words.push(token);
                continue;
            };
            let key_l = key.to_ascii_lowercase();
            if !matches!(
                key_l.as_str(),
                "pos" | "age" | "contract" | "value" | "foot" | "nat" | "club" | "height"
            ) {
                // A colon in a name ("O:Neil") is a word; an unknown filter name is a mistake.
                if key.chars().all(|c| c.is_ascii_alphabetic()) && key.len() >= 2 {
                    return Err(QueryError {
                        at,
                        message: format!("no filter `{key}:` (filters: {FILTERS})"),
                    });
                }
                words.push(token);
                continue;
            }
            let vat = at + key.chars().count() + 1;
            let err = |message: String| QueryError { at: vat, message };
            if value.trim().is_empty() {
                return Err(err(format!("`{key}:` needs a value, as in {FILTER_HELP}")));
            }
            let f = match key_l.as_str() {
                "pos" => Filter::Pos(
                    Position::parse(&value.to_ascii_uppercase())
                        .ok_or_else(|| err(format!("`{value}` is not a position (CB, LB, DM…)")))?,
                ),
                "age" => Filter::Age(cmp(value, |s| s.parse().ok()).map_err(err)?),
                "contract" if value.eq_ignore_ascii_case("free") => Filter::Free,
                "contract" => Filter::ContractEnds(
                    cmp(value, |s| {
                        s.parse().ok().filter(|y: &i64| (1900..=2200).contains(y))
                    })
                    .map_err(|m| err(format!("{m} (a year, as <=2027, or free)")))?,
                ),
                "value" => Filter::Value(
                    cmp(value, |s| amount(s, money))
                        .map_err(|m| err(format!("{m} (an amount, as <40m or 10m-30m)")))?,
                ),
                "foot" => Filter::Foot(match value.to_ascii_lowercase().as_str() {
                    "left" | "l" => Foot::Left,
                    "right" | "r" => Foot::Right,
                    "both" | "either" => Foot::Both,
                    _ => return Err(err(format!("`{value}` is not a foot (left, right, both)"))),
                }),
                "nat" => Filter::Nat(nationalities(value)),
                "club" => Filter::Club(fold(value.trim())),
                "height" => Filter::Height(cmp(value, |s| s.parse().ok()).map_err(err)?),
                _ => unreachable!("keys matched above"),
            };
            filters.push(f);
        }
        Ok(Query {
            words: words.join(" "),
            filters,
        })
    }

    /// The filters no player in `players` can answer (nobody has the field), with a line
    /// saying so; the query keeps the others.
    pub fn unanswerable<'a>(
        &self,
        mut players: impl Iterator<Item = &'a Player>,
    ) -> (Vec<Filter>, Vec<String>) {
        self.unanswerable_when(players.any(|p| p.market_value.is_some()))
    }

    /// As [`Query::unanswerable`], knowing whether anyone has a market value.
    pub fn unanswerable_when(&self, any_value: bool) -> (Vec<Filter>, Vec<String>) {
        // Heights are not held for anyone: the data files have no such field.
        let mut keep = Vec::new();
        let mut said = Vec::new();
        for f in &self.filters {
            match f {
                Filter::Height(_) => said.push(
                    "height: no player here has a height (the data has no such column): \
                     filter left out"
                        .to_string(),
                ),
                Filter::Value(_) if !any_value => said
                    .push("value: no player here has a market value: filter left out".to_string()),
                f => keep.push(f.clone()),
            }
        }
        (keep, said)
    }
}

/// Whether `p` passes every filter at `on`; `own` says whether he is one of the club's (an
/// ended contract is then "out of contract" rather than a free agent: both are `free`).
pub fn passes(filters: &[Filter], p: &Player, on: NaiveDate, money: &MoneySettings) -> bool {
    filters.iter().all(|f| passes_one(f, p, on, money))
}

fn passes_one(f: &Filter, p: &Player, on: NaiveDate, money: &MoneySettings) -> bool {
    match f {
        Filter::Pos(pos) => p.fit_at(*pos) != PositionFit::Out,
        Filter::Age(c) => match age(p, on) {
            Age::Exact(a) => c.holds(i64::from(a)),
            // Only when every age he can be passes.
            Age::Between(a, b) => c.holds(i64::from(a)) && c.holds(i64::from(b)),
            Age::Unknown => false,
        },
        Filter::ContractEnds(c) => p
            .contract_until
            .is_some_and(|end| c.holds(i64::from(crate::domain::dates::season_of(end) + 1))),
        Filter::Free => {
            contract(p, false, on).has_ended()
                || matches!(contract(p, true, on), ContractStatus::Expired { .. })
        }
        Filter::Value(c) => p
            .market_value
            .and_then(|v| money.convert(v))
            .is_some_and(|v| c.holds(i64::try_from(v.amount).unwrap_or(i64::MAX))),
        Filter::Foot(foot) => p.foot.is_some_and(|f| f == *foot || f == Foot::Both),
        Filter::Nat(names) => p.nationality.as_deref().is_some_and(|n| {
            let n = fold(n);
            names
                .iter()
                .any(|want| n == *want || n.split([' ', '-']).any(|w| w.starts_with(want.as_str())))
        }),
        Filter::Club(c) => holds_folded(&p.club, c),
        // No heights are held (see `unanswerable`).
        Filter::Height(_) => false,
    }
}

/// Whether `hay`, folded as [`fold`] folds it, holds `needle` (already folded): compared char by
/// char, with nothing allocated (it runs once a player a keystroke over a whole pool).
fn holds_folded(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if hay.is_ascii() {
        // Folding ASCII is lower-casing: compare bytes (a needle with accents cannot match).
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        return n.is_ascii()
            && h.len() >= n.len()
            && (0..=h.len() - n.len()).any(|i| {
                h[i].to_ascii_lowercase() == n[0] && h[i..i + n.len()].eq_ignore_ascii_case(n)
            });
    }
    let first = needle.chars().next();
    for (i, c) in hay.char_indices() {
        if Some(super::fold_char(c)) != first {
            continue;
        }
        let mut rest = hay[i..].chars().map(super::fold_char);
        if needle.chars().all(|n| rest.next() == Some(n)) {
            return true;
        }
    }
    false
}

/// The query's parts, split at spaces outside double quotes, each with where it starts
/// (characters); the quotes are taken off.
fn tokens(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = None;
    let mut quoted = false;
    for (i, c) in text.chars().enumerate() {
        match c {
            '"' => {
                quoted = !quoted;
                start.get_or_insert(i);
            }
            c if c.is_whitespace() && !quoted => {
                if let Some(s) = start.take() {
                    out.push((s, std::mem::take(&mut cur)));
                }
            }
            c => {
                start.get_or_insert(i);
                cur.push(c);
            }
        }
    }
    if let Some(s) = start {
        out.push((s, cur));
    }
    out
}

/// `<24`, `<=24`, `>24`, `>=24`, `=24`, `24`, `20-25`.
fn cmp(s: &str, num: impl Fn(&str) -> Option<i64>) -> Result<Cmp, String> {
    let s = s.trim();
    let bad = || format!("`{s}` is not a comparison");
    let (op, rest) = if let Some(r) = s.strip_prefix("<=") {
        ("<=", r)
    } else if let Some(r) = s.strip_prefix(">=") {
        (">=", r)
    } else if let Some(r) = s.strip_prefix('<') {
        ("<", r)
    } else if let Some(r) = s.strip_prefix('>') {
        (">", r)
    } else if let Some(r) = s.strip_prefix('=') {
        ("=", r)
    } else {
        ("", s)
    };
    if op.is_empty()
        && let Some((a, b)) = rest.split_once('-')
        && !a.is_empty()
    {
        let (a, b) = (
            num(a.trim()).ok_or_else(bad)?,
            num(b.trim()).ok_or_else(bad)?,
        );
        return Ok(Cmp::Between(a.min(b), a.max(b)));
    }
    let n = num(rest.trim()).ok_or_else(bad)?;
    Ok(match op {
        "<" => Cmp::Lt(n),
        "<=" => Cmp::Le(n),
        ">" => Cmp::Gt(n),
        ">=" => Cmp::Ge(n),
        _ => Cmp::Eq(n),
    })
}

/// An amount in the plan's currency: "40m" (the plan's), "€40m", "£30m", "750k".
fn amount(s: &str, money: &MoneySettings) -> Option<i64> {
    let fee = Fee::parse(s)
        .or_else(|_| Fee::parse(&format!("{}{s}", money.currency.symbol())))
        .ok()?;
    money
        .convert(fee)
        .and_then(|c| i64::try_from(c.amount).ok())
}

/// What a `nat:` value stands for, folded: the text itself, and the country a common code
/// (FIFA's, or ISO's three letters) names.
fn nationalities(value: &str) -> Vec<String> {
    let v = fold(value.trim());
    let mut out = vec![v.clone()];
    const CODES: &[(&str, &str)] = &[
        ("arg", "argentina"),
        ("aus", "australia"),
        ("aut", "austria"),
        ("bel", "belgium"),
        ("bra", "brazil"),
        ("can", "canada"),
        ("chi", "chile"),
        ("civ", "cote d'ivoire"),
        ("cmr", "cameroon"),
        ("col", "colombia"),
        ("cro", "croatia"),
        ("hrv", "croatia"),
        ("cze", "czech republic"),
        ("den", "denmark"),
        ("dnk", "denmark"),
        ("ecu", "ecuador"),
        ("eng", "england"),
        ("esp", "spain"),
        ("fra", "france"),
        ("ger", "germany"),
        ("deu", "germany"),
        ("gha", "ghana"),
        ("gre", "greece"),
        ("irl", "ireland"),
        ("ita", "italy"),
        ("jpn", "japan"),
        ("kor", "korea"),
        ("mar", "morocco"),
        ("mex", "mexico"),
        ("ned", "netherlands"),
        ("nld", "netherlands"),
        ("nga", "nigeria"),
        ("nor", "norway"),
        ("par", "paraguay"),
        ("pol", "poland"),
        ("por", "portugal"),
        ("prt", "portugal"),
        ("sco", "scotland"),
        ("sen", "senegal"),
        ("srb", "serbia"),
        ("sui", "switzerland"),
        ("che", "switzerland"),
        ("swe", "sweden"),
        ("tur", "turkiye"),
        ("ukr", "ukraine"),
        ("uru", "uruguay"),
        ("ury", "uruguay"),
        ("usa", "united states"),
        ("wal", "wales"),
    ];
    for (code, name) in CODES {
        if *code == v {
            out.push((*name).to_string());
        }
    }
    // Türkiye is also written Turkey.
    if v == "turkey" || v == "tur" {
        out.push("turkiye".into());
    }
    out
}

/// The spelling the query might mean with German and Nordic letters written out: "mueller" →
/// "muller" (as "Müller" folds), "oe" → "o", "ae" → "a", "aa" → "a", "ss" → "s". `None` when
/// the words have none of these.
pub fn transliterated(words: &str) -> Option<String> {
    let mut s = fold(words);
    let before = s.clone();
    for (from, to) in [
        ("ue", "u"),
        ("oe", "o"),
        ("ae", "a"),
        ("aa", "a"),
        ("ss", "s"),
    ] {
        s = s.replace(from, to);
    }
    (s != before).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    fn eur() -> MoneySettings {
        MoneySettings::for_currency(Currency::EUR)
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn a_query_is_words_and_filters() {
        let q = Query::parse(
            "pos:CB age:<24 silva contract:<=2027 value:<40m foot:left nat:arg club:\"river plate\"",
            &eur(),
        )
        .expect("parses");
        assert_eq!(q.words, "silva");
        assert_eq!(
            q.filters,
            vec![
                Filter::Pos(Position::CB),
                Filter::Age(Cmp::Lt(24)),
                Filter::ContractEnds(Cmp::Le(2027)),
                Filter::Value(Cmp::Lt(40_000_000)),
                Filter::Foot(Foot::Left),
                Filter::Nat(vec!["arg".into(), "argentina".into()]),
                Filter::Club("river plate".into()),
            ]
        );
        let q = Query::parse("age:20-25 value:£10m-£20m contract:free", &eur()).expect("ok");
        assert_eq!(
            q.filters,
            vec![
                Filter::Age(Cmp::Between(20, 25)),
                Filter::Value(Cmp::Between(11_600_000, 23_200_000)),
                Filter::Free,
            ]
        );
        assert_eq!(Query::parse("", &eur()), Ok(Query::default()));
    }

    #[test]
    fn a_malformed_filter_says_where_it_is() {
        for (q, at, says) in [
            ("silva age:<x", 10, "not a comparison"),
            ("pos:XY", 4, "not a position"),
            ("foot:middle", 5, "not a foot"),
            ("colour:red", 0, "no filter `colour:`"),
            ("age:", 4, "needs a value"),
            ("contract:<=99999", 9, "a year"),
        ] {
            let e = Query::parse(q, &eur()).expect_err(q);
            assert_eq!(e.at, at, "{q}: {e}");
            assert!(e.message.contains(says), "{q}: {e}");
            assert!(
                e.to_string()
                    .starts_with(&format!("query column {}", at + 1))
            );
        }
    }

    #[test]
    fn a_compact_pool_row_passes_the_filters_its_player_passes() {
        use crate::domain::pool::PoolPlayers;
        let mut players = Vec::new();
        let clubs = ["River Plate", "Boca", ""];
        let nations = [Some("Argentina"), Some("Brazil"), None];
        let feet = [Some(Foot::Left), Some(Foot::Right), Some(Foot::Both), None];
        for n in 0..72u32 {
            let mut p = Player::new(
                &format!("p{n}"),
                &format!("Player {n}"),
                clubs[n as usize % 3],
                Position::ALL.get(n as usize % 13).copied(),
            );
            p.secondary = Position::ALL
                .iter()
                .copied()
                .filter(|q| (n as usize + q.label().len()).is_multiple_of(5))
                .collect();
            p.born = (n % 4 != 0).then(|| d(1995 + (n % 12) as i32, 1 + n % 12, 1 + n % 28));
            p.contract_until = (n % 3 != 0).then(|| d(2025 + (n % 5) as i32, 6, 30));
            p.nationality = nations[n as usize % 3].map(str::to_string);
            p.foot = feet[n as usize % 4];
            if n % 2 == 0 {
                p.market_value = Fee::parse(if n % 4 == 0 { "£30m" } else { "€45m" }).ok();
            }
            players.push(p);
        }
        let pool = PoolPlayers::of(players.clone());
        let on = d(2026, 7, 1);
        let mut scratch = Player::new("", "", "", None);
        let queries = [
            "pos:CB",
            "pos:ST",
            "age:<24",
            "age:20-25",
            "contract:<=2027",
            "contract:free",
            "value:<40m",
            "value:>=40m",
            "foot:left",
            "nat:arg",
            "club:river",
            "club:\"boca\"",
            "pos:CB age:<30 foot:right",
        ];
        for text in queries {
            let filters = Query::parse(text, &eur()).expect(text).filters;
            let mut passing = 0;
            for (i, p) in players.iter().enumerate() {
                let want = passes(&filters, p, on, &eur());
                let row = pool.scout(i, &mut scratch).expect("a row");
                assert_eq!(passes(&filters, row, on, &eur()), want, "{text}: {}", p.id);
                passing += usize::from(want);
            }
            assert!(passing > 0 && passing < players.len(), "{text}: {passing}");
        }
    }

    #[test]
    fn filters_read_the_player_at_the_date() {
        let mut p = Player::new("x", "Ana Xavier", "River Plate", Some(Position::CB));
        p.born = Some(d(2003, 11, 1));
        p.contract_until = Some(d(2027, 6, 30));
        p.nationality = Some("Argentina".into());
        p.foot = Some(Foot::Left);
        let on = d(2026, 7, 1);
        let q = |s: &str| Query::parse(s, &eur()).expect(s).filters;
        let pass = |s: &str| passes(&q(s), &p, on, &eur());
        assert!(pass(
            "pos:CB age:<24 contract:<=2027 foot:left nat:arg club:river"
        ));
        assert!(!pass("pos:GK"));
        assert!(!pass("age:>=23"), "22 on 1 July 2026");
        assert!(!pass("contract:<2027"));
        assert!(pass("contract:2027"));
        assert!(!pass("contract:free"));
        assert!(!pass("value:<40m"), "an unknown value passes nothing");
        p.market_value = Some(Fee::parse("£30m").expect("fee"));
        assert!(passes(&q("value:<40m"), &p, on, &eur()), "£30m is €34.8m");
        assert!(!passes(&q("value:<30m"), &p, on, &eur()));
        assert!(passes(&q("contract:free"), &p, d(2027, 7, 1), &eur()));
        assert!(passes(&q("nat:argentina"), &p, on, &eur()));
        assert!(!passes(&q("nat:bra"), &p, on, &eur()));
    }

    #[test]
    fn a_filter_nobody_can_answer_is_said_and_left_out() {
        let p = Player::new("x", "Ana Xavier", "River Plate", Some(Position::CB));
        let q = Query::parse("height:>185 pos:CB", &eur()).expect("parses");
        let (keep, said) = q.unanswerable([&p].into_iter());
        assert_eq!(keep, vec![Filter::Pos(Position::CB)]);
        assert_eq!(said.len(), 1);
        assert!(said[0].starts_with("height:"), "{said:?}");
    }

    #[test]
    fn folded_holding_is_folds_then_contains() {
        for (hay, needle) in [
            ("River Plate", "river plate"),
            ("Atlético Madrid", "etico ma"),
            ("São Paulo", "sao"),
            ("Club", ""),
            ("Club", "clubs"),
            ("ÖÖ", "oo"),
            ("", "a"),
        ] {
            assert_eq!(
                holds_folded(hay, needle),
                fold(hay).contains(needle),
                "{hay} / {needle}"
            );
        }
    }

    #[test]
    fn german_and_nordic_letters_written_out() {
        assert_eq!(transliterated("mueller").as_deref(), Some("muller"));
        assert_eq!(transliterated("Groß").as_deref(), None);
        assert_eq!(transliterated("strasse").as_deref(), Some("strase"));
        assert_eq!(transliterated("silva"), None);
    }
}
