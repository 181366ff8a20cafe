//! Every check of a loaded project, returning sorted findings. Checks never write.

mod arguments;
pub mod block_ref;
mod cited_paths;
mod directives;
mod example_refs;
mod hcl_problems;
mod paths;
mod prose_refs;
mod status;
mod touched_blocks;

use rayon::prelude::*;

use crate::diag::{Finding, finding};
use crate::project::Project;

type Check = fn(&Project) -> Vec<Finding>;

const CHECKS: [Check; 9] = [
    paths::check,
    hcl_problems::check,
    example_refs::check,
    prose_refs::check,
    cited_paths::check,
    touched_blocks::check,
    arguments::check,
    status::check,
    directives::check,
];

/// Runs all checks on `project`. They only read it, so they run side by side (the
/// filesystem checks wait on `stat`s, the others on the CPU); findings come back in the
/// same order either way.
pub fn run(project: &Project) -> Vec<Finding> {
    let found: Vec<Vec<Finding>> = CHECKS.par_iter().map(|check| check(project)).collect();
    let mut findings: Vec<Finding> = found.into_iter().flatten().collect();
    finding::sort(&mut findings);
    findings
}
