//! A text input: the text of a prompt, the search box or the picker's filter, a cursor in it,
//! and the edits the usual readline keys make (`input` turns keys into [`Edit`]s, `ui` draws
//! the cursor). Pure state: no terminal, no drawing.
//!
//! The cursor always stands on a grapheme boundary, so one step moves over "é" whether it is
//! one `char` or `e` and a combining accent, and over a flag made of two code points. Limits
//! count `char`s, as the scenario file's name and notes limits do.

use unicode_segmentation::UnicodeSegmentation;

/// The keys of every text input (prompts, the search box, the picker's filter), as the help
/// lists them; `input::map::edit_key` and the prompts' keys follow this list.
pub const EDIT_KEYS: [(&str, &str); 9] = [
    ("←/→", "move a character"),
    ("Alt-b/f Ctrl-←/→", "move a word"),
    ("Home/End Ctrl-a/e", "start / end of the line"),
    ("Backspace Del", "delete before / under the cursor"),
    ("Ctrl-u / Ctrl-k", "delete to the start / end of the line"),
    ("Ctrl-w / Alt-d", "delete the word before / after"),
    (
        "paste",
        "inserts at the cursor (a name takes the first line)",
    ),
    (
        "Enter",
        "accepts; in notes a new line (↑↓ move between lines)",
    ),
    ("Ctrl-s Alt-Enter", "accepts notes (and any prompt)"),
];

/// One editing step, named for what it does (the keys for each are in `input::map`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Type a character (replacing a suggestion).
    Insert(char),
    /// A line break: only a multi-line input takes it.
    Newline,
    /// Delete the grapheme before the cursor.
    Backspace,
    /// Delete the grapheme under the cursor.
    Delete,
    Left,
    Right,
    /// To the start of the word before the cursor (letters and digits make a word).
    WordLeft,
    /// To the end of the word after the cursor.
    WordRight,
    /// To the start of the line (of the text, for one line).
    LineStart,
    LineEnd,
    /// The line above, keeping the column as far as the line allows (multi-line only).
    Up,
    Down,
    /// Delete from the start of the line to the cursor (Ctrl-U).
    KillToStart,
    /// Delete from the cursor to the end of the line (Ctrl-K).
    KillToEnd,
    /// Delete the word before the cursor, up to the whitespace before it (Ctrl-W).
    KillWordBack,
    /// Delete to the end of the word after the cursor (Alt-D).
    KillWordForward,
}

/// What an edit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    /// The text changed.
    Changed,
    /// Only the cursor moved (or nothing at all happened).
    Moved,
    /// Refused: the text holds as many characters as it takes.
    Full,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// A byte offset into `text`, on a grapheme boundary.
    cursor: usize,
    /// The most characters the text takes.
    limit: usize,
    /// Takes line breaks.
    multiline: bool,
    /// The whole text is a suggestion: typing replaces it, deleting clears it.
    selected: bool,
}

impl TextInput {
    /// An empty one-line input taking at most `limit` characters.
    pub fn new(limit: usize) -> TextInput {
        TextInput {
            text: String::new(),
            cursor: 0,
            limit,
            multiline: false,
            selected: false,
        }
    }

    /// A multi-line input (Enter is a new line there).
    pub fn multiline(mut self) -> TextInput {
        self.multiline = true;
        self
    }

    /// Starts with `text` (cut to the limit; a one-line input keeps its first line), the
    /// cursor at its end.
    pub fn with_text(mut self, text: &str) -> TextInput {
        self.text.clear();
        self.cursor = 0;
        self.paste(text);
        self.selected = false;
        self
    }

    /// Starts with `text` as a suggestion, shown selected: typing replaces it.
    pub fn suggested(self, text: &str) -> TextInput {
        let mut input = self.with_text(text);
        input.selected = !input.text.is_empty();
        input
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    /// The cursor's byte offset into [`TextInput::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_selected(&self) -> bool {
        self.selected
    }

    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// How many characters the text holds.
    pub fn len_chars(&self) -> usize {
        self.text.chars().count()
    }

    /// Empties the text.
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
        self.selected = false;
    }

    /// Inserts `text` at the cursor (replacing a suggestion): control characters dropped, line
    /// breaks kept in a multi-line input, only the first line taken in a one-line one. Returns
    /// how many characters did not fit.
    pub fn paste(&mut self, text: &str) -> usize {
        if self.selected {
            self.clear();
        }
        // Terminals send a pasted line break as CR (tmux's paste-buffer does), some as CR LF.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let line = if self.multiline {
            text.as_str()
        } else {
            text.lines().next().unwrap_or("")
        };
        let room = self.limit.saturating_sub(self.len_chars());
        let mut kept = String::new();
        let (mut count, mut dropped) = (0, 0);
        for c in line.chars().filter(|c| self.takes(*c)) {
            if count < room {
                kept.push(c);
                count += 1;
            } else {
                dropped += 1;
            }
        }
        self.text.insert_str(self.cursor, &kept);
        self.cursor += kept.len();
        self.cursor = self.snap(self.cursor);
        dropped
    }

    fn takes(&self, c: char) -> bool {
        if c == '\n' {
            self.multiline
        } else {
            !c.is_control()
        }
    }

    /// Applies one edit.
    pub fn apply(&mut self, edit: Edit) -> Edited {
        let before = (self.text.len(), self.cursor);
        let changes_text = match edit {
            Edit::Newline => self.multiline,
            _ => matches!(
                edit,
                Edit::Insert(_)
                    | Edit::Backspace
                    | Edit::Delete
                    | Edit::KillToStart
                    | Edit::KillToEnd
                    | Edit::KillWordBack
                    | Edit::KillWordForward
            ),
        };
        if self.selected {
            self.selected = false;
            if changes_text {
                // Typing replaces a suggestion; any deleting key clears it.
                let had = !self.text.is_empty();
                self.clear();
                return match edit {
                    Edit::Insert(_) | Edit::Newline => self.apply(edit),
                    _ if had => Edited::Changed,
                    _ => Edited::Moved,
                };
            }
        }
        match edit {
            Edit::Insert(c) => return self.insert(c),
            Edit::Newline => {
                if !self.multiline {
                    return Edited::Moved;
                }
                return self.insert('\n');
            }
            Edit::Backspace => {
                let from = self.prev_boundary(self.cursor);
                self.remove(from, self.cursor);
            }
            Edit::Delete => {
                let to = self.next_boundary(self.cursor);
                self.remove(self.cursor, to);
            }
            Edit::Left => self.cursor = self.prev_boundary(self.cursor),
            Edit::Right => self.cursor = self.next_boundary(self.cursor),
            Edit::WordLeft => self.cursor = self.word_start_before(self.cursor),
            Edit::WordRight => self.cursor = self.word_end_after(self.cursor),
            Edit::LineStart => self.cursor = self.line_start(self.cursor),
            Edit::LineEnd => self.cursor = self.line_end(self.cursor),
            Edit::Up => self.vertical(-1),
            Edit::Down => self.vertical(1),
            Edit::KillToStart => {
                let from = self.line_start(self.cursor);
                // At the start of a line, Ctrl-U joins it to the one above, as Backspace does.
                let from = if from == self.cursor {
                    self.prev_boundary(from)
                } else {
                    from
                };
                self.remove(from, self.cursor);
            }
            Edit::KillToEnd => {
                let to = self.line_end(self.cursor);
                let to = if to == self.cursor {
                    self.next_boundary(to)
                } else {
                    to
                };
                self.remove(self.cursor, to);
            }
            Edit::KillWordBack => {
                let from = self.space_word_start_before(self.cursor);
                self.remove(from, self.cursor);
            }
            Edit::KillWordForward => {
                let to = self.word_end_after(self.cursor);
                self.remove(self.cursor, to);
            }
        }
        if self.text.len() != before.0 {
            Edited::Changed
        } else {
            Edited::Moved
        }
    }

    fn insert(&mut self, c: char) -> Edited {
        if !self.takes(c) {
            return Edited::Moved;
        }
        if self.len_chars() >= self.limit {
            return Edited::Full;
        }
        self.text.insert(self.cursor, c);
        // A combining mark joins the grapheme before it: the cursor goes past the whole of it.
        self.cursor = self.snap(self.cursor + c.len_utf8());
        Edited::Changed
    }

    fn remove(&mut self, from: usize, to: usize) {
        if from < to {
            self.text.replace_range(from..to, "");
            self.cursor = from;
        }
    }

    /// The first grapheme boundary at or after `at`.
    fn snap(&self, at: usize) -> usize {
        let at = at.min(self.text.len());
        let mut pos = 0;
        for g in self.text.graphemes(true) {
            if pos >= at {
                return pos;
            }
            pos += g.len();
        }
        pos
    }

    fn prev_boundary(&self, at: usize) -> usize {
        self.text[..at]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self, at: usize) -> usize {
        self.text[at..]
            .graphemes(true)
            .next()
            .map_or(at, |g| at + g.len())
    }

    fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i)
    }

    /// Back over anything that is not a word, then over the word.
    fn word_start_before(&self, at: usize) -> usize {
        let mut pos = at;
        let mut in_word = false;
        for (i, g) in self.text[..at].grapheme_indices(true).rev() {
            let word = is_word(g);
            if in_word && !word {
                break;
            }
            in_word |= word;
            pos = i;
        }
        pos
    }

    /// On over anything that is not a word, then over the word.
    fn word_end_after(&self, at: usize) -> usize {
        let mut pos = at;
        let mut in_word = false;
        for (i, g) in self.text[at..].grapheme_indices(true) {
            let word = is_word(g);
            if in_word && !word {
                break;
            }
            in_word |= word;
            pos = at + i + g.len();
        }
        pos
    }

    /// Back over whitespace, then over everything up to the whitespace before it (as a shell's
    /// Ctrl-W: "Real Madrid-CF|" loses "Madrid-CF").
    fn space_word_start_before(&self, at: usize) -> usize {
        let mut pos = at;
        let mut in_word = false;
        for (i, g) in self.text[..at].grapheme_indices(true).rev() {
            let word = !g.chars().all(char::is_whitespace);
            if in_word && !word {
                break;
            }
            in_word |= word;
            pos = i;
        }
        pos
    }

    fn vertical(&mut self, step: isize) {
        if !self.multiline {
            return;
        }
        let start = self.line_start(self.cursor);
        let column = self.text[start..self.cursor].graphemes(true).count();
        let target = if step < 0 {
            if start == 0 {
                self.cursor = 0;
                return;
            }
            self.line_start(start - 1)
        } else {
            let end = self.line_end(self.cursor);
            if end == self.text.len() {
                self.cursor = end;
                return;
            }
            end + 1
        };
        let end = self.line_end(target);
        self.cursor = self.text[target..end]
            .grapheme_indices(true)
            .nth(column)
            .map_or(end, |(i, _)| target + i);
    }

    /// The lines of the text with the cursor's place: (line, grapheme column).
    pub fn cursor_line_column(&self) -> (usize, usize) {
        let before = &self.text[..self.cursor];
        let line = before.matches('\n').count();
        let start = self.line_start(self.cursor);
        (line, self.text[start..self.cursor].graphemes(true).count())
    }
}

fn is_word(g: &str) -> bool {
    g.chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-line input holding `text` with the cursor where `|` stands.
    fn at(text: &str) -> TextInput {
        let cursor = text.find('|').expect("a | marks the cursor");
        let mut t = TextInput::new(100).with_text(&text.replace('|', ""));
        t.cursor = cursor;
        t
    }

    fn multi(text: &str) -> TextInput {
        let cursor = text.find('|').expect("a | marks the cursor");
        let mut t = TextInput::new(100)
            .multiline()
            .with_text(&text.replace('|', ""));
        t.cursor = cursor;
        t
    }

    /// The text with `|` where the cursor is.
    fn shown(t: &TextInput) -> String {
        let mut s = t.text().to_string();
        s.insert(t.cursor(), '|');
        s
    }

    fn after(mut t: TextInput, edits: &[Edit]) -> String {
        for e in edits {
            t.apply(*e);
        }
        shown(&t)
    }

    #[test]
    fn typing_inserts_at_the_cursor() {
        assert_eq!(
            after(at("Plan |B"), &[Edit::Insert('A'), Edit::Insert(' ')]),
            "Plan A |B"
        );
        assert_eq!(after(at("|"), &[Edit::Insert('ü')]), "ü|");
    }

    /// A bracketed paste's line breaks come as CR: kept as line breaks in the notes, and the
    /// end of the first line in a one-line input (they used to glue the lines together).
    #[test]
    fn pasted_carriage_returns_are_line_breaks() {
        let mut notes = multi("|");
        notes.paste("line one\rline two\r\nline three");
        assert_eq!(shown(&notes), "line one\nline two\nline three|");
        let mut name = at("|");
        name.paste("Plan A\rline two");
        assert_eq!(shown(&name), "Plan A|");
    }

    #[test]
    fn left_right_home_end() {
        assert_eq!(after(at("abc|"), &[Edit::Left, Edit::Left]), "a|bc");
        assert_eq!(after(at("a|bc"), &[Edit::Right]), "ab|c");
        assert_eq!(after(at("ab|c"), &[Edit::LineStart]), "|abc");
        assert_eq!(after(at("a|bc"), &[Edit::LineEnd]), "abc|");
        // At either end they stay.
        assert_eq!(after(at("|abc"), &[Edit::Left]), "|abc");
        assert_eq!(after(at("abc|"), &[Edit::Right]), "abc|");
    }

    #[test]
    fn the_cursor_steps_over_whole_graphemes() {
        // "é" as e + combining acute, and a flag of two regional indicators.
        let decomposed = "Mile\u{301}|";
        assert_eq!(after(at(decomposed), &[Edit::Left]), "Mil|e\u{301}");
        assert_eq!(after(at(decomposed), &[Edit::Backspace]), "Mil|");
        let flag = "a\u{1F1EA}\u{1F1F8}|b";
        assert_eq!(after(at(flag), &[Edit::Left]), "a|\u{1F1EA}\u{1F1F8}b");
        assert_eq!(after(at("a|\u{1F1EA}\u{1F1F8}b"), &[Edit::Delete]), "a|b");
        // A combining mark typed after a letter joins it; the cursor goes past both.
        let mut t = at("Mile|");
        t.apply(Edit::Insert('\u{301}'));
        assert_eq!(shown(&t), "Mile\u{301}|");
        t.apply(Edit::Left);
        assert_eq!(shown(&t), "Mil|e\u{301}");
    }

    #[test]
    fn backspace_and_delete() {
        assert_eq!(after(at("ab|c"), &[Edit::Backspace]), "a|c");
        assert_eq!(after(at("ab|c"), &[Edit::Delete]), "ab|");
        assert_eq!(after(at("|abc"), &[Edit::Backspace]), "|abc");
        assert_eq!(after(at("abc|"), &[Edit::Delete]), "abc|");
    }

    #[test]
    fn word_moves_skip_punctuation_and_spaces() {
        let t = "Konaté at RCB, then |Huijsen";
        assert_eq!(
            after(at(t), &[Edit::WordLeft]),
            "Konaté at RCB, |then Huijsen"
        );
        assert_eq!(
            after(at(t), &[Edit::WordLeft, Edit::WordLeft]),
            "Konaté at |RCB, then Huijsen"
        );
        assert_eq!(
            after(at("|Konaté at RCB"), &[Edit::WordRight]),
            "Konaté| at RCB"
        );
        assert_eq!(
            after(at("Konaté| at RCB"), &[Edit::WordRight]),
            "Konaté at| RCB"
        );
        assert_eq!(after(at("|, x"), &[Edit::WordRight]), ", x|");
        assert_eq!(after(at("x, |"), &[Edit::WordLeft]), "|x, ");
    }

    #[test]
    fn kills_cut_to_the_line_ends_and_words() {
        assert_eq!(after(at("Plan |A"), &[Edit::KillToStart]), "|A");
        assert_eq!(after(at("Plan |A"), &[Edit::KillToEnd]), "Plan |");
        assert_eq!(
            after(at("Real Madrid-CF|"), &[Edit::KillWordBack]),
            "Real |"
        );
        assert_eq!(after(at("Real Madrid  |"), &[Edit::KillWordBack]), "Real |");
        assert_eq!(
            after(at("Real| Madrid CF"), &[Edit::KillWordForward]),
            "Real| CF"
        );
        assert_eq!(after(at("|"), &[Edit::KillWordBack, Edit::KillToEnd]), "|");
    }

    #[test]
    fn a_suggestion_is_replaced_by_typing_and_cleared_by_deleting() {
        let s = || TextInput::new(80).suggested("Plan A");
        assert!(s().is_selected());
        assert_eq!(after(s(), &[Edit::Insert('B')]), "B|");
        for e in [
            Edit::Backspace,
            Edit::Delete,
            Edit::KillToStart,
            Edit::KillToEnd,
            Edit::KillWordBack,
            Edit::KillWordForward,
        ] {
            assert_eq!(after(s(), &[e]), "|", "{e:?}");
        }
        // A move keeps the text and ends the selection.
        let mut t = s();
        t.apply(Edit::Left);
        assert!(!t.is_selected());
        assert_eq!(shown(&t), "Plan |A");
        t.apply(Edit::Insert('X'));
        assert_eq!(shown(&t), "Plan X|A");
        // Pasting replaces it too.
        let mut t = s();
        t.paste("Plan C");
        assert_eq!(shown(&t), "Plan C|");
    }

    #[test]
    fn limits_hold_on_typing_and_paste() {
        let mut t = TextInput::new(3).with_text("abcdef");
        assert_eq!(t.text(), "abc");
        assert_eq!(t.apply(Edit::Insert('x')), Edited::Full);
        t.apply(Edit::LineStart);
        t.apply(Edit::Delete);
        assert_eq!(t.paste("xyz"), 2);
        assert_eq!(shown(&t), "x|bc");
    }

    #[test]
    fn one_line_takes_no_line_breaks_and_no_control_characters() {
        let mut t = TextInput::new(50);
        t.paste("first\tline\nsecond");
        assert_eq!(t.text(), "firstline");
        assert_eq!(t.apply(Edit::Newline), Edited::Moved);
        t.apply(Edit::Insert('\u{7}'));
        assert_eq!(t.text(), "firstline");
        // Up and Down do nothing on one line.
        t.apply(Edit::LineStart);
        t.apply(Edit::Down);
        assert_eq!(t.cursor(), 0);
    }

    #[test]
    fn multi_line_keeps_breaks_and_moves_between_lines() {
        let mut t = TextInput::new(100).multiline();
        t.paste("one\r\ntwo");
        assert_eq!(t.text(), "one\ntwo");
        t.apply(Edit::Newline);
        t.apply(Edit::Insert('3'));
        assert_eq!(shown(&t), "one\ntwo\n3|");
        assert_eq!(t.cursor_line_column(), (2, 1));
        assert_eq!(after(multi("one\ntw|o\n3"), &[Edit::Up]), "on|e\ntwo\n3");
        assert_eq!(after(multi("one\ntw|o\n3"), &[Edit::Down]), "one\ntwo\n3|");
        assert_eq!(after(multi("o|ne\ntwo"), &[Edit::Up]), "|one\ntwo");
        assert_eq!(after(multi("one\nt|wo"), &[Edit::Down]), "one\ntwo|");
        // Home, End, Ctrl-U and Ctrl-K work on the cursor's line.
        assert_eq!(
            after(multi("one\ntw|o\n3"), &[Edit::LineStart]),
            "one\n|two\n3"
        );
        assert_eq!(
            after(multi("one\nt|wo\n3"), &[Edit::LineEnd]),
            "one\ntwo|\n3"
        );
        assert_eq!(
            after(multi("one\ntw|o\n3"), &[Edit::KillToStart]),
            "one\n|o\n3"
        );
        assert_eq!(
            after(multi("one\nt|wo\n3"), &[Edit::KillToEnd]),
            "one\nt|\n3"
        );
        // At a line's end Ctrl-K joins the next line; at its start Ctrl-U joins the one above.
        assert_eq!(after(multi("one|\ntwo"), &[Edit::KillToEnd]), "one|two");
        assert_eq!(after(multi("one\n|two"), &[Edit::KillToStart]), "one|two");
    }
}
