//! The search index against the plain `Matcher` on many made-up names (`fakepool`); moved here
//! from `search::index`'s unit tests when the generator left the library.

use squadboard::search::index::{KeyScorer, SearchIndex};
use squadboard::search::{Hit, Matcher, fold};
use std::cmp::Reverse;

/// What the board would do without the index: `Matcher` over every name, stable by score.
fn naive(players: &[squadboard::domain::Player], q: &str, limit: usize) -> Vec<(usize, Hit)> {
    let m = Matcher::default();
    let mut out: Vec<(usize, Hit)> = players
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            std::iter::once(&p.name)
                .chain(&p.known_as)
                .chain(&p.aliases)
                .filter_map(|n| m.matches(&fold(n), q))
                .map(|h| h.score)
                .max()
                .map(|s| {
                    let indices = m
                        .matches(&fold(&p.name), q)
                        .map(|h| h.indices)
                        .unwrap_or_default();
                    (i, Hit { score: s, indices })
                })
        })
        .collect();
    out.sort_by_key(|(_, h)| Reverse(h.score));
    out.truncate(limit);
    out
}

#[test]
fn pruning_by_upper_bound_keeps_the_exact_best() {
    // Many names and a small limit, so most candidates are skipped unscored.
    let mut players: Vec<squadboard::domain::Player> = fakepool::generate(4000, 9)
        .iter()
        .map(|g| g.to_player())
        .collect();
    for (i, n) in [
        "Trent Alexander-Arnold",
        "Shay O'Neil",
        "J.-P. Ma-Rossi",
        "Ma Ma",
    ]
    .iter()
    .enumerate()
    {
        players.push(squadboard::domain::Player::new(
            &format!("x{i}"),
            n,
            "C",
            None,
        ));
    }
    let idx = SearchIndex::from_players(&players);
    for q in [
        "m", "ma", "mar", "ro", "jo sil", "er-ar", "o'n", "a", "z", "ss", "ma ma", "p. ma", "gon",
        "sa", "kim",
    ] {
        for limit in [1, 5, 20] {
            assert_eq!(
                idx.query_all(q, limit),
                naive(&players, q, limit),
                "`{q}` limit {limit}"
            );
        }
    }
}

#[test]
fn the_key_scorer_scores_as_the_index_does() {
    let mut players: Vec<squadboard::domain::Player> = fakepool::generate(3000, 5)
        .iter()
        .map(|g| g.to_player())
        .collect();
    players[7].aliases.push("Zé Roberto da Silva".into());
    players.push(squadboard::domain::Player::new(
        "long",
        &"Ma ".repeat(120),
        "C",
        None,
    ));
    let idx = SearchIndex::from_players(&players);
    for q in [
        "m", "mar", "jo sil", "ze rob", "ss", "kim", "ma ma", "ó", "xyz",
    ] {
        let folded = fold(q.trim());
        let mut scorer = KeyScorer::new(&folded).expect("a query");
        let mut got: Vec<(usize, i64)> = players
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let keys = std::iter::once(&p.name)
                    .chain(&p.aliases)
                    .map(String::as_str);
                scorer.score(keys).map(|s| (i, s))
            })
            .collect();
        got.sort_by_key(|&(i, s)| (Reverse(s), i));
        assert_eq!(got, idx.ranked(q, players.len()), "`{q}`");
    }
    assert!(KeyScorer::new("").is_none());
}

#[test]
fn narrowing_only_rescores_previous_matches_and_resets_on_a_new_query() {
    let names = fakepool::names(20_000, 11);
    let mut idx = SearchIndex::new();
    for n in &names {
        idx.push(n, []);
    }
    let mut typed = String::new();
    let mut previous = usize::MAX;
    for c in "mar sil".chars() {
        typed.push(c);
        let hits = idx.query(&typed, 20);
        assert_eq!(hits, idx.query_all(&typed, 20), "`{typed}`");
        let matched = idx.last_match_count().unwrap_or(0);
        assert!(
            matched <= previous,
            "`{typed}` widened: {matched} > {previous}"
        );
        previous = matched;
    }
    // Backspace: not an extension, so everything is scored again.
    let hits = idx.query("mar", 20);
    assert_eq!(hits, idx.query_all("mar", 20));
    assert!(idx.last_match_count().unwrap_or(0) >= previous);
}

/// Issue 16: above 200,000 players a query searches two halves at once; it finds and ranks
/// exactly as one pass over every player (`ranked_where` keeps to one pass), fresh or narrowing
/// the previous query's matches, and counts the same matches.
#[test]
fn a_large_pool_searched_in_two_halves_ranks_as_one_pass() {
    let names = fakepool::names(250_000, 8);
    let mut idx = SearchIndex::new();
    for (i, n) in names.iter().enumerate() {
        let other = (i % 9 == 4).then(|| names[(i * 31) % names.len()].as_str());
        idx.push(n, other);
    }
    for q in ["m", "mar", "jo sil", "kowalski", "zz", "gonçalves", "a e"] {
        for limit in [1, 200, 5_000] {
            let one_pass = idx.ranked_where(q, limit, &mut |_| true);
            assert_eq!(idx.ranked(q, limit), one_pass, "`{q}` limit {limit}");
        }
    }
    idx.reset();
    let mut typed = String::new();
    for c in "martinez".chars() {
        typed.push(c);
        let hits = idx.query(&typed, 200);
        let fresh = idx.query_all(&typed, 200);
        assert_eq!(hits, fresh, "`{typed}`");
        let one_pass = idx.ranked_where(&typed, usize::MAX, &mut |_| true);
        assert_eq!(idx.last_match_count(), Some(one_pass.len()), "`{typed}`");
        assert_eq!(
            hits.iter().map(|(i, h)| (*i, h.score)).collect::<Vec<_>>(),
            one_pass.into_iter().take(200).collect::<Vec<_>>()
        );
    }
}
