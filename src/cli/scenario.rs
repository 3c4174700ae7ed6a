//! `squadboard scenario` (not written yet).

use super::{Context, Outcome};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args, _ctx: &Context, _out: &mut dyn Write) -> Outcome {
    Err("`scenario` is not available yet".into())
}
