//! Characters a name may hold that draw nothing yet change how the text around them is shown:
//! the one list the text outputs (`cli::sanitize`) and the board (`ui`) neutralise.

/// Bidirectional controls (U+202E reverses what follows: "Haaland" read backwards), zero-width
/// spaces and joiners, the word joiner and invisible operators, the byte-order mark, and the
/// line and paragraph separators (a line break to some terminals).
pub fn is_hidden_format(c: char) -> bool {
    matches!(
        c,
        '\u{061c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hidden_are_hidden_and_letters_are_not() {
        for c in [
            '\u{202e}', '\u{200d}', '\u{200b}', '\u{2028}', '\u{feff}', '\u{2067}',
        ] {
            assert!(is_hidden_format(c), "{c:?}");
        }
        for c in "Vinícius Júnior 김민재 Ødegaard".chars() {
            assert!(!is_hidden_format(c), "{c:?}");
        }
    }
}
