//! The user's config folder: `keymap.ron` and `theme.ron`, each laid over the embedded defaults.

use super::{Keymap, Theme};
use crate::store::ron_file::{StoreError, read_text};
use std::path::PathBuf;

/// `$SQUADBOARD_CONFIG_DIR`, else the platform's config directory for squadboard
/// (`~/.config/squadboard` on Linux).
pub fn config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("SQUADBOARD_CONFIG_DIR") {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "squadboard").map(|p| p.config_dir().to_path_buf())
}

fn user_file(name: &str) -> Result<Option<(String, String)>, StoreError> {
    let Some(dir) = config_dir() else {
        return Ok(None);
    };
    let path = dir.join(name);
    if !path.exists() {
        return Ok(None);
    }
    let text = read_text(&path)?;
    Ok(Some((path.display().to_string(), text)))
}

pub fn load_keymap() -> Result<Keymap, StoreError> {
    let user = user_file("keymap.ron")?;
    Keymap::load(user.as_ref().map(|(n, t)| (n.as_str(), t.as_str())))
}

pub fn load_theme() -> Result<Theme, StoreError> {
    let user = user_file("theme.ron")?;
    Theme::load(user.as_ref().map(|(n, t)| (n.as_str(), t.as_str())))
}
