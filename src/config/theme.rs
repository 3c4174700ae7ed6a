//! Styles by meaning, read from `assets/theme.ron` (embedded) with the user's file laid over it.

use crate::store::ron_file::field_place;
use crate::store::{StoreError, parse_ron};
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::str::FromStr;

pub const DEFAULT_THEME: &str = include_str!("../../assets/theme.ron");

/// The embedded theme's name in messages, and its text.
const DEFAULTS: (&str, &str) = ("assets/theme.ron", DEFAULT_THEME);

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleDef {
    #[serde(default)]
    fg: Option<String>,
    #[serde(default)]
    bg: Option<String>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    dim: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underlined: bool,
    #[serde(default)]
    reversed: bool,
}

macro_rules! theme {
    ($($name:ident),* $(,)?) => {
        /// Every style the board draws with, by what it means.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Theme { $(pub $name: Style,)* }

        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ThemeFile { $(#[serde(default)] $name: Option<StyleDef>,)* }

        impl Theme {
            /// `user` is the overriding file's (name, text), for placing errors in it.
            fn build(base: ThemeFile, over: Option<ThemeFile>, user: (&str, &str)) -> Result<Theme, StoreError> {
                let over = over.unwrap_or_default();
                Ok(Theme { $($name: {
                    let (def, source) = match over.$name {
                        Some(d) => (d, user),
                        None => (base.$name.unwrap_or_default(), DEFAULTS),
                    };
                    style(def, source, stringify!($name))?
                },)* })
            }

            /// Every style with no colour or modifier: what a monochrome terminal shows.
            pub fn plain() -> Theme {
                Theme { $($name: Style::default(),)* }
            }
        }
    };
}

theme!(
    text,
    dim,
    title,
    border,
    border_focus,
    selected,
    drop_target,
    drop_refused,
    dragged,
    matched,
    injured,
    contract_expired,
    contract_6m,
    contract_12m,
    contract_secure,
    contract_unknown,
    signing,
    pitch,
    warning,
    status,
    status_dirty,
    hint,
);

/// A colour, or an error at the place the file writes it.
fn color(s: &str, (file, text): (&str, &str), field: &str) -> Result<Color, StoreError> {
    Color::from_str(s).map_err(|_| {
        let message = format!("`{field}`: `{s}` is not a colour");
        match field_place(text, field, Some(&format!("\"{s}\""))) {
            Some((line, col)) => StoreError::Parse {
                file: file.to_string(),
                line,
                col,
                message,
            },
            None => StoreError::invalid(file, message),
        }
    })
}

fn style(d: StyleDef, source: (&str, &str), field: &str) -> Result<Style, StoreError> {
    let mut st = Style::default();
    if let Some(fg) = &d.fg {
        st = st.fg(color(fg, source, field)?);
    }
    if let Some(bg) = &d.bg {
        st = st.bg(color(bg, source, field)?);
    }
    let mods = [
        (d.bold, Modifier::BOLD),
        (d.dim, Modifier::DIM),
        (d.italic, Modifier::ITALIC),
        (d.underlined, Modifier::UNDERLINED),
        (d.reversed, Modifier::REVERSED),
    ];
    for (on, m) in mods {
        if on {
            st = st.add_modifier(m);
        }
    }
    Ok(st)
}

impl Theme {
    /// The embedded theme with `user` (file name, text) laid over it style by style.
    pub fn load(user: Option<(&str, &str)>) -> Result<Theme, StoreError> {
        let base: ThemeFile = parse_ron("assets/theme.ron", DEFAULT_THEME)?;
        match user {
            None => Theme::build(base, None, DEFAULTS),
            Some((name, text)) => {
                let over: ThemeFile = parse_ron(name, text)?;
                Theme::build(base, Some(over), (name, text))
            }
        }
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::load(None).unwrap_or_else(|_| Theme::plain())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_theme_loads_and_user_styles_override_one_by_one() {
        let base = Theme::load(None).expect("embedded");
        assert_eq!(base.injured.fg, Some(Color::LightRed));
        let user =
            Theme::load(Some(("t.ron", "(injured: (fg: Some(\"#ff8800\")))"))).expect("user");
        assert_eq!(user.injured.fg, Some(Color::Rgb(0xff, 0x88, 0x00)));
        assert_eq!(user.contract_12m, base.contract_12m);
    }

    #[test]
    fn bad_theme_files_say_where_and_what() {
        let err = Theme::load(Some(("t.ron", "(\n  injurd: ())"))).expect_err("unknown style");
        assert!(err.to_string().starts_with("t.ron:2:"), "{err}");
        let err =
            Theme::load(Some(("t.ron", "(injured: (fg: Some(\"reddish\")))"))).expect_err("colour");
        assert_eq!(
            err.to_string(),
            "t.ron:1:21: `injured`: `reddish` is not a colour"
        );
        // Found by tests/fuzz_loaders.rs: the place is the colour's, in the file that wrote it,
        // not a field's name in a comment or the same colour under another style.
        let text = "// injured: (fg: \"reddish\")\n(\n  title: (fg: Some(\"red\")),\n  injured: (bg: Some(\"red\"), fg: \"reddish\"),\n)";
        let err = Theme::load(Some(("t.ron", text))).expect_err("colour");
        assert_eq!(
            err.to_string(),
            "t.ron:4:34: `injured`: `reddish` is not a colour"
        );
    }
}
