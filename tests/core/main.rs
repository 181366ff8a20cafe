//! The core's verdicts, in-process and table-driven: one test binary, so that a mutation
//! test (tools/mutants/run) links one more binary per mutant, not one per file.
//!
//! - `classifier`: every state of a line reference at its boundaries;
//! - `checks`: the other checks (arguments, status, touched blocks, prose paths, counts);
//! - `identity`: references that name the block or attribute they cite, of every kind.

#[path = "../common/mod.rs"]
mod common;

mod checks;
mod classifier;
mod identity;
