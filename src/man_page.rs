//! `squadboard man` and `squadboard completions`: the manual page and the completion scripts,
//! made from the same sources the help and the board use (clap's commands, the default keymap
//! in `assets/keymap.ron`, the marks' legend), so they cannot drift from them.
//!
//! The page is one page: every command is described in it (COMMANDS), and no other page is
//! named, since `squadboard man` makes only this one.

use clap::Command;
use clap_mangen::roff::{Roff, bold, italic, roman};
use squadboard::config::Keymap;

/// The whole page, in roff.
pub fn render(cmd: Command) -> std::io::Result<Vec<u8>> {
    let mut cmd = cmd;
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    let mut roff = Roff::new();
    commands(&mut roff, &cmd);
    keys(&mut roff, &Keymap::default_keys());
    marks(&mut roff);
    files(&mut roff);
    environment(&mut roff);
    exit_status(&mut roff);
    roff.to_writer(&mut page)?;
    man.render_version_section(&mut page)?;
    // Each piece starts with roff's preamble (the apostrophe string): once is enough.
    let page = String::from_utf8_lossy(&page).into_owned();
    let preamble = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    let page = match page.split_once(preamble) {
        Some((before, after)) => format!("{before}{preamble}{}", after.replace(preamble, "")),
        None => page,
    };
    Ok(page.into_bytes())
}

/// Every command with its usage, what it does and its arguments, the scenario commands under
/// `scenario`.
fn commands(roff: &mut Roff, cmd: &Command) {
    roff.control("SH", ["COMMANDS"]);
    for sub in visible(cmd) {
        command(roff, sub);
        for inner in visible(sub) {
            command(roff, inner);
        }
    }
}

fn visible(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

fn command(roff: &mut Roff, cmd: &Command) {
    let mut usage = cmd.clone().render_usage().to_string();
    if let Some(rest) = usage.strip_prefix("Usage: ") {
        usage = rest.to_string();
    }
    roff.control("SS", [usage.as_str()]);
    if let Some(about) = cmd.get_long_about().or(cmd.get_about()) {
        roff.text([roman(about.to_string())]);
    }
    for arg in cmd.get_arguments() {
        let id = arg.get_id().as_str();
        if arg.is_hide_set() || id == "help" || id == "version" {
            continue;
        }
        let Some(help) = arg.get_long_help().or(arg.get_help()) else {
            continue;
        };
        let value = arg.get_value_names().map(|v| {
            v.iter()
                .map(|n| format!("<{n}>"))
                .collect::<Vec<_>>()
                .join(" ")
        });
        let mut head = Vec::new();
        match (arg.get_long(), arg.get_short()) {
            (Some(long), Some(short)) => head.push(bold(format!("-{short}, --{long}"))),
            (Some(long), None) => head.push(bold(format!("--{long}"))),
            (None, Some(short)) => head.push(bold(format!("-{short}"))),
            (None, None) => {}
        }
        match (&value, head.is_empty()) {
            (Some(v), true) => head.push(italic(v.clone())),
            (Some(v), false) if arg.get_action().takes_values() => {
                head.push(roman(" "));
                head.push(italic(v.clone()));
            }
            _ => {}
        }
        roff.control("TP", []);
        roff.text(head);
        roff.text([roman(help.to_string())]);
    }
}

/// The board's keys as the default keymap (`assets/keymap.ron`) binds them.
fn keys(roff: &mut Roff, km: &Keymap) {
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "The board's keys as the default keymap binds them; a keymap.ron in the config folder \
         (see FILES) is laid over it, and the board's help (?) lists the keys in use.",
    )]);
    for (cmd, _) in km.entries() {
        roff.control("TP", []);
        roff.text([bold(km.label(cmd))]);
        roff.text([roman(cmd.describe())]);
    }
}

/// The marks the board, `show` and the timeline write beside a name.
fn marks(roff: &mut Roff) {
    roff.control("SH", ["MARKS"]);
    roff.text([roman(
        "Beside a name on the board (the colours say the same; the marks keep it without them):",
    )]);
    for (mark, meaning) in squadboard::ui::marks::LEGEND {
        roff.control("TP", []);
        roff.text([bold(mark)]);
        roff.text([roman(meaning)]);
    }
    roff.control("PP", []);
    roff.text([roman("In the timeline, after a name:")]);
    for (mark, meaning) in squadboard::domain::timeline::MARKS {
        roff.control("TP", []);
        roff.text([bold(mark)]);
        roff.text([roman(meaning)]);
    }
}

fn entries(roff: &mut Roff, items: &[(&str, String)]) {
    for (what, meaning) in items {
        roff.control("TP", []);
        roff.text([bold(*what)]);
        roff.text([roman(meaning.as_str())]);
    }
}

fn files(roff: &mut Roff) {
    roff.control("SH", ["FILES"]);
    entries(
        roff,
        &[
            (
                "DIR/squad.ron, DIR/targets.ron, DIR/depth.ron",
                "A data folder (--data DIR): the squad, the linked targets with their reports, \
                 the depth chart. Without --data, the bundled data."
                    .into(),
            ),
            (
                "SCENARIOS/NAME.ron",
                "Saved scenarios. SCENARIOS is --scenarios DIR, else $SQUADBOARD_DATA_DIR/scenarios, \
                 else the platform data directory's scenarios/ (~/.local/share/squadboard/scenarios \
                 on Linux)."
                    .into(),
            ),
            (
                "SCENARIOS/.recovery-PID-TIME.ron",
                "Unsaved work kept when the board was stopped by a signal or a panic; the next \
                 start offers it back."
                    .into(),
            ),
            (
                "CONFIG/keymap.ron, CONFIG/theme.ron",
                "Keys and colours laid over the defaults. CONFIG is $SQUADBOARD_CONFIG_DIR, else \
                 the platform config directory (~/.config/squadboard on Linux)."
                    .into(),
            ),
            (
                "POOL, .POOL.squadboard-cache",
                "A scouting pool (--pool FILE: a CSV in Transfermarkt's columns, or RON) and the \
                 index find keeps beside a large CSV pool (find --no-cache reads without it)."
                    .into(),
            ),
        ],
    );
}

fn environment(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    entries(
        roff,
        &[
            (
                squadboard::store::scenario::DATA_DIR_ENV,
                "The data directory: scenarios (and recovery files) in its scenarios/ folder, \
                 unless --scenarios is given."
                    .into(),
            ),
            (
                "SQUADBOARD_CONFIG_DIR",
                "The config folder holding keymap.ron and theme.ron.".into(),
            ),
        ],
    );
}

fn exit_status(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    entries(
        roff,
        &[
            (
                "0",
                "Success (and a reader that stopped early, as with | head).".into(),
            ),
            (
                "1",
                "The command ran and found problems: check found errors, find matched nobody, \
                 import or scenario list met files it could not read."
                    .into(),
            ),
            (
                "2",
                "The command could not run: bad arguments, data or files that cannot be read \
                 (the message is on standard error)."
                    .into(),
            ),
            (
                "128+N",
                "The board was stopped by signal N; unsaved work was kept (see FILES).".into(),
            ),
        ],
    );
}

/// The completion script for `shell`, which also offers the scenario folder's scenarios where
/// a command takes one: the script asks `squadboard __scenarios` each time, so a scenario saved
/// a minute ago is offered.
pub fn completions(shell: clap_complete::Shell, cmd: &mut Command) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, cmd, "squadboard", &mut script);
    let mut script = String::from_utf8_lossy(&script).into_owned();
    match shell {
        clap_complete::Shell::Bash => script.push_str(BASH),
        clap_complete::Shell::Fish => script.push_str(FISH),
        clap_complete::Shell::Zsh => {
            let dispatch = "if [ \"$funcstack[1]\" = \"_squadboard\" ]; then\n    _squadboard \"$@\"\nelse\n    compdef _squadboard squadboard\nfi\n";
            let ours = "if [ \"$funcstack[1]\" = \"_squadboard\" ]; then\n    _squadboard_scenarios \"$@\"\nelse\n    compdef _squadboard_scenarios squadboard\nfi\n";
            script = match script.find(dispatch) {
                Some(at) => format!(
                    "{}{ZSH}{ours}{}",
                    &script[..at],
                    &script[at + dispatch.len()..]
                ),
                None => format!("{script}{ZSH}compdef _squadboard_scenarios squadboard\n"),
            };
        }
        _ => {}
    }
    script.into_bytes()
}

/// Bash: after the generated completion, the scenario names where a scenario goes.
const BASH: &str = r#"
# Scenario names where a command takes a scenario (`squadboard __scenarios` lists them).
_squadboard_scenarios() {
    _squadboard "$@"
    local i word skip="" sub="" verb=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${COMP_WORDS[i]}"
        if [[ -n "$skip" ]]; then skip=""; continue; fi
        case "$word" in
            --data|--date|--pool|--scenarios|--format|--view|--output|-o|--seasons|--limit) skip=1 ;;
            -*) ;;
            *) if [[ -z "$sub" ]]; then sub="$word"; elif [[ -z "$verb" ]]; then verb="$word"; fi ;;
        esac
    done
    [[ -n "$skip" ]] && return 0
    case "$sub $verb" in
        "scenario show"|"scenario export"|"scenario compare"|"scenario budget"|"scenario rate"|timeline*) ;;
        *) return 0 ;;
    esac
    local IFS=$'\n'
    COMPREPLY+=( $(compgen -W "$(squadboard __scenarios 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _squadboard_scenarios -o nosort -o bashdefault -o default squadboard
else
    complete -F _squadboard_scenarios -o bashdefault -o default squadboard
fi
"#;

/// Fish: the scenario names as arguments of the commands that take a scenario.
const FISH: &str = r#"
# Scenario names where a command takes a scenario (`squadboard __scenarios` lists them).
complete -c squadboard -n "__fish_squadboard_using_subcommand scenario; and __fish_seen_subcommand_from show export compare budget rate" -f -a "(squadboard __scenarios 2>/dev/null)" -d scenario
complete -c squadboard -n "__fish_squadboard_using_subcommand timeline" -f -a "(squadboard __scenarios 2>/dev/null)" -d scenario
"#;

/// Zsh: after the generated completion, the scenario names where a scenario goes.
const ZSH: &str = r#"
# Scenario names where a command takes a scenario (`squadboard __scenarios` lists them).
_squadboard_scenarios() {
    # Read before `_squadboard`, whose `_arguments` may shift `words` for a subcommand.
    local -a said=(${${words[2,CURRENT-1]}:#-*})
    _squadboard "$@"
    if [[ ${said[1]} == timeline || ( ${said[1]} == scenario && ${said[2]} == (show|export|compare|budget|rate) ) ]]; then
        local -a names=(${(f)"$(squadboard __scenarios 2>/dev/null)"})
        compadd -a names
    fi
}

"#;

/// The first argument the completion scripts call the binary with to list the scenarios.
pub const HOOK: &str = "__scenarios";

/// `squadboard __scenarios [--scenarios DIR]`: the scenario folder's scenarios, one a line.
pub fn print_scenario_names() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(2).collect();
    let given = match args.as_slice() {
        [] => None,
        [flag, dir] if flag == "--scenarios" => Some(std::path::PathBuf::from(dir)),
        _ => return std::process::ExitCode::from(2),
    };
    let dir = squadboard::store::scenario::scenarios_dir(given.as_deref());
    let mut out = std::io::stdout().lock();
    for n in scenario_names(&dir) {
        // A reader gone away (a closed pipe) has what it wanted.
        if std::io::Write::write_all(&mut out, format!("{n}\n").as_bytes()).is_err() {
            break;
        }
    }
    std::process::ExitCode::SUCCESS
}

/// What `squadboard __scenarios` prints: each scenario's file name without `.ron`, one a line
/// (what every scenario argument takes), hidden files left out.
pub fn scenario_names(dir: &std::path::Path) -> Vec<String> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = rd
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".ron")?;
            // A name a terminal would act on is offered to nobody.
            let plain = squadboard::cli::sanitize::clean(stem) == stem;
            (plain && !stem.is_empty() && !stem.starts_with('.')).then(|| stem.to_string())
        })
        .collect();
    names.sort();
    names
}
