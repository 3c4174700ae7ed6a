//! The README's screen capture and key table are generated from the real board and keymap; this
//! test fails when they drift. `UPDATE_README=1 cargo test --test it readme` rewrites them.

use crate::common;
use common::*;
use std::fs;
use std::path::Path;

fn section(readme: &str, name: &str) -> Option<(usize, usize)> {
    let begin = format!("<!-- {name}:begin -->\n");
    let end = format!("<!-- {name}:end -->");
    let a = readme.find(&begin)? + begin.len();
    let b = readme[a..].find(&end)? + a;
    Some((a, b))
}

fn screen_block() -> String {
    let b = board();
    let (buf, _) = render(&b, 120, 40);
    format!("```text\n{}```\n", text(&buf))
}

/// The timeline view (key `T`) on the bundled data.
fn timeline_block() -> String {
    let mut b = board();
    cmd(&mut b, squadboard::input::Command::Timeline);
    let (buf, _) = render(&b, 120, 26);
    format!("```text\n{}```\n", text(&buf))
}

fn keys_block() -> String {
    let mut out = String::from("| keys | what they do |\n|---|---|\n");
    for (cmd, _) in crate::common::keymap().entries() {
        let label = crate::common::keymap().label(cmd).replace('|', "\\|");
        out.push_str(&format!("| `{label}` | {} |\n", cmd.describe()));
    }
    out
}

#[test]
fn readme_shows_the_board_and_the_keys_as_they_are() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let mut readme = fs::read_to_string(&path).expect("README.md");
    let update = std::env::var_os("UPDATE_README").is_some();
    for (name, want) in [
        ("screen", screen_block()),
        ("keys", keys_block()),
        ("timeline", timeline_block()),
    ] {
        let (a, b) =
            section(&readme, name).unwrap_or_else(|| panic!("README has no {name} markers"));
        if readme[a..b] != want {
            assert!(
                update,
                "README's {name} section is stale: run UPDATE_README=1 cargo test --test it readme"
            );
            readme.replace_range(a..b, &want);
        }
    }
    if update {
        fs::write(&path, readme).expect("write README");
    }
}

/// What the real binary prints for `args` (a picture), run against the bundled data with the
/// scenarios in `dir`.
fn picture(dir: &Path, args: &[&str]) -> String {
    let out = squadboard_bin()
        .args(args)
        .arg("--scenarios")
        .arg(dir)
        .env("SQUADBOARD_CONFIG_DIR", dir)
        .env("SQUADBOARD_DATA_DIR", dir)
        .output()
        .expect("squadboard runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The README's pictures in `assets/` are what the board exports today: the XI with Konaté
/// signed at right CB, and the seasons ahead. `UPDATE_README=1` rewrites them too.
#[test]
fn readme_pictures_are_the_exports_as_they_are() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("tempdir");
    let mut b = board_in(dir.path());
    sign_konate(&mut b);
    b.apply(squadboard::app::Action::Command(
        squadboard::input::Command::SaveAs,
    ));
    typed_in_modal(&mut b, "Konaté at right CB");
    b.apply(squadboard::app::Action::ModalAccept);
    assert!(!b.doc.dirty(), "{:?}", b.view.message);
    let update = std::env::var_os("UPDATE_README").is_some();
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    for (file, args) in [
        (
            "assets/readme-xi.svg",
            &[
                "scenario",
                "export",
                "Konaté at right CB",
                "--format",
                "svg",
            ][..],
        ),
        (
            "assets/readme-timeline.svg",
            &[
                "scenario",
                "export",
                "Konaté at right CB",
                "--format",
                "svg",
                "--view",
                "timeline",
            ][..],
        ),
    ] {
        assert!(readme.contains(&format!("({file})")), "README shows {file}");
        let want = picture(dir.path(), args);
        let path = root.join(file);
        let have = fs::read_to_string(&path).unwrap_or_default();
        if have != want {
            assert!(
                update,
                "{file} is stale: run UPDATE_README=1 cargo test --test it readme"
            );
            fs::write(&path, &want).expect("write the picture");
        }
    }
}

#[test]
fn readme_gives_the_two_setup_commands_and_ci_runs_the_test_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
    let ci = fs::read_to_string(root.join(".ci/run")).expect(".ci/run");
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test"),
        ".ci/run runs the README's test command"
    );
}
