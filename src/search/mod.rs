//! Finding players the way people type names: accents folded ("rudiger" finds Rüdiger), fuzzy
//! ranked by skim's algorithm.

pub mod codec;
pub mod index;
pub mod query;

use crate::domain::Player;
use chrono::NaiveDate;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::HashMap;

/// Folds a name to lower-case ASCII, one char for one char, so match indices in the folded key
/// point at the same chars of the original name.
pub fn fold(name: &str) -> String {
    name.chars().map(fold_char).collect()
}

pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ķ' => 'k',
        'ł' | 'ľ' | 'ļ' | 'ĺ' => 'l',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' | 'ŕ' => 'r',
        'ś' | 'š' | 'ş' | 'ș' | 'ß' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'æ' => 'a',
        'œ' => 'o',
        'þ' => 't',
        'ð' => 'd',
        other => other,
    }
}

/// A name as people compare names: folded, words separated by single spaces.
pub fn name_key(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The players of the data (squad and targets), to tell whether a pool player is one of them:
/// the same id (a Transfermarkt id is kept as `tm-N`), or the same name and birth date, or the
/// same name and club when either birth date is missing.
#[derive(Debug, Default)]
pub struct KnownPeople {
    ids: HashMap<String, usize>,
    /// Name key → (birth date, club key, player) of every player known by that name.
    by_name: HashMap<String, Vec<(Option<NaiveDate>, String, usize)>>,
    shown: Vec<String>,
}

impl KnownPeople {
    pub fn new<'a>(players: impl IntoIterator<Item = &'a Player>) -> KnownPeople {
        let mut known = KnownPeople::default();
        for p in players {
            let n = known.shown.len();
            known.shown.push(p.id.as_str().to_string());
            known.ids.entry(p.id.as_str().to_string()).or_insert(n);
            let club = name_key(&p.club);
            for name in std::iter::once(&p.name)
                .chain(&p.known_as)
                .chain(&p.aliases)
            {
                known
                    .by_name
                    .entry(name_key(name))
                    .or_default()
                    .push((p.born, club.clone(), n));
            }
        }
        known
    }

    /// The id of the data's player who is this person, if one is.
    pub fn find<'n>(
        &self,
        id: &str,
        names: impl IntoIterator<Item = &'n str>,
        born: Option<NaiveDate>,
        club: &str,
    ) -> Option<&str> {
        if let Some(&n) = self.ids.get(id) {
            return Some(&self.shown[n]);
        }
        if self.by_name.is_empty() {
            return None;
        }
        let mut club_key: Option<String> = None;
        for name in names {
            let Some(same_name) = self.by_name.get(&name_key(name)) else {
                continue;
            };
            for (their_born, their_club, n) in same_name {
                let same = match (born, their_born) {
                    (Some(a), Some(b)) => a == *b,
                    _ => {
                        !their_club.is_empty()
                            && *their_club == *club_key.get_or_insert_with(|| name_key(club))
                    }
                };
                if same {
                    return Some(&self.shown[*n]);
                }
            }
        }
        None
    }

    /// Whether a player of this id or of one of these names could be one of the data's players:
    /// `false` settles it without his birth date and club; `true` asks [`KnownPeople::find`].
    /// Folded names do (folding twice is folding once).
    pub fn might_know<'n>(&self, id: &str, names: impl IntoIterator<Item = &'n str>) -> bool {
        self.ids.contains_key(id)
            || (!self.by_name.is_empty()
                && names
                    .into_iter()
                    .any(|n| self.by_name.contains_key(&name_key(n))))
    }

    /// [`KnownPeople::find`] for a whole player.
    pub fn find_player(&self, p: &Player) -> Option<&str> {
        let names = std::iter::once(&p.name)
            .chain(&p.known_as)
            .chain(&p.aliases)
            .map(String::as_str);
        self.find(p.id.as_str(), names, p.born, &p.club)
    }
}

/// A scored match: higher is better; `indices` are char positions in the matched text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub score: i64,
    pub indices: Vec<usize>,
}

/// Fuzzy matcher over folded text. Holds the skim matcher so it is built once.
pub struct Matcher {
    inner: SkimMatcherV2,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher {
            inner: SkimMatcherV2::default().ignore_case(),
        }
    }
}

impl Matcher {
    /// Matches `query` against an already folded `key`. An empty query matches everything.
    pub fn matches(&self, folded_key: &str, query: &str) -> Option<Hit> {
        let q = fold(query.trim());
        if q.is_empty() {
            return Some(Hit {
                score: 0,
                indices: Vec::new(),
            });
        }
        // Words in any order: "konate ibrahima" finds "Ibrahima Konaté". Every word must match.
        let mut total = 0;
        let mut indices = Vec::new();
        for word in q.split_whitespace() {
            let (score, idx) = self.inner.fuzzy_indices(folded_key, word)?;
            total += score;
            indices.extend(idx);
        }
        indices.sort_unstable();
        indices.dedup();
        Some(Hit {
            score: total,
            indices,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_one_char_per_char() {
        for name in [
            "Antonio Rüdiger",
            "Éder Militão",
            "Ibrahima Konaté",
            "Łukasz Żółć",
            "Straße",
        ] {
            assert_eq!(fold(name).chars().count(), name.chars().count(), "{name}");
        }
        assert_eq!(fold("Éder Militão"), "eder militao");
    }

    #[test]
    fn the_same_person_is_told_by_id_or_name_and_birth_or_name_and_club() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let mut rudiger = Player::new("rudiger", "Antonio Rüdiger", "Real Madrid", None);
        rudiger.born = day(1993, 3, 3);
        let unborn = Player::new("x1", "Ana  Oak", "Elm FC", None);
        let tm = Player::new("tm-77", "Someone Else", "Elm FC", None);
        let known = KnownPeople::new([&rudiger, &unborn, &tm]);
        // Same name and birth date, accents and case aside; another club does not matter.
        assert_eq!(
            known.find("tm-1", ["antonio rudiger"], day(1993, 3, 3), "Chelsea"),
            Some("rudiger")
        );
        // Same name, another birth date: another person, even at the same club.
        assert_eq!(
            known.find("tm-1", ["Antonio Rüdiger"], day(2001, 3, 3), "Real Madrid"),
            None
        );
        // A birth date missing on either side: the club decides.
        assert_eq!(
            known.find("tm-2", ["Antonio Rüdiger"], None, "real  madrid"),
            Some("rudiger")
        );
        assert_eq!(
            known.find("tm-2", ["Antonio Rüdiger"], None, "Chelsea"),
            None
        );
        assert_eq!(
            known.find("tm-3", ["Ana Oak"], day(2000, 1, 1), "Elm FC"),
            Some("x1")
        );
        // The same id is the same person whatever the name.
        assert_eq!(known.find("tm-77", ["Other"], None, ""), Some("tm-77"));
        assert_eq!(known.find("tm-78", ["Other"], None, ""), None);
    }

    /// `might_know` is asked with names already folded: folding again must change nothing.
    #[test]
    fn folding_twice_is_folding_once() {
        let odd: Vec<char> = (0..0x11_0000u32)
            .filter_map(char::from_u32)
            .filter(|&c| fold_char(fold_char(c)) != fold_char(c))
            .collect();
        assert!(odd.is_empty(), "{odd:?}");
    }

    #[test]
    fn people_find_players_the_way_they_type() {
        let m = Matcher::default();
        let key = fold("Antonio Rüdiger");
        assert!(m.matches(&key, "rudiger").is_some());
        assert!(m.matches(&key, "Rüdiger").is_some());
        assert!(m.matches(&key, "rdgr").is_some());
        assert!(m.matches(&key, "xyz").is_none());
        let key = fold("Ibrahima Konaté");
        assert!(m.matches(&key, "konate ibra").is_some());
        let hit = m.matches(&key, "kon").expect("hit");
        assert_eq!(hit.indices, vec![9, 10, 11]);
        // A contiguous, word-start match outranks a scattered one.
        let good = m.matches(&fold("Militão"), "mil").expect("hit").score;
        let weak = m
            .matches(&fold("Carvajal Miguel"), "mil")
            .map_or(0, |h| h.score);
        assert!(good > weak);
    }
}
