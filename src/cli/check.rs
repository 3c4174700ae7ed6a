//! `squadboard check [DIR]`: the data folder's parse errors and cross-checks, printed with their
//! place.

use crate::store::{Sources, check};
use std::io::Write;
use std::path::Path;

/// Runs `squadboard check [DIR]`, printing every error and warning. Returns whether the data is
/// clean (no errors; warnings allowed).
pub fn run(dir: Option<&Path>, out: &mut dyn Write) -> std::io::Result<bool> {
    let sources = match dir {
        Some(d) => match Sources::read(d) {
            Ok(s) => s,
            Err(errors) => {
                for e in &errors {
                    writeln!(out, "error: {e}")?;
                }
                writeln!(out, "{} error(s); nothing checked further", errors.len())?;
                return Ok(false);
            }
        },
        None => Sources::bundled(),
    };
    let report = check(&sources);
    for e in &report.errors {
        writeln!(out, "error: {e}")?;
    }
    for w in &report.warnings {
        writeln!(out, "warning: {w}")?;
    }
    let what = match dir {
        Some(d) => d.display().to_string(),
        None => "bundled data".to_string(),
    };
    writeln!(
        out,
        "{what}: {} error(s), {} warning(s)",
        report.errors.len(),
        report.warnings.len()
    )?;
    Ok(report.is_clean())
}
