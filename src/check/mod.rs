//! Every check of a loaded project, returning sorted findings. Checks never write.

pub mod block_ref;
mod example_refs;
mod hcl_problems;
mod paths;

use crate::diag::{Finding, finding};
use crate::project::Project;

/// Runs all checks on `project`.
pub fn run(project: &Project) -> Vec<Finding> {
    let mut findings = Vec::new();
    findings.extend(paths::check(project));
    findings.extend(hcl_problems::check(project));
    findings.extend(example_refs::check(project));
    finding::sort(&mut findings);
    findings
}
