//! Finding players the way people type names: accents folded ("rudiger" finds Rüdiger), fuzzy
//! ranked by skim's algorithm.

pub mod index;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Folds a name to lower-case ASCII, one char for one char, so match indices in the folded key
/// point at the same chars of the original name.
pub fn fold(name: &str) -> String {
    name.chars().map(fold_char).collect()
}

pub fn fold_char(c: char) -> char {
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
