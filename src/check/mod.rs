//! Every check of a loaded project, returning sorted findings. Checks never write.

mod example_refs;
mod paths;

use crate::diag::{Finding, finding};
use crate::project::Project;

/// Runs all checks on `project`.
pub fn run(project: &Project) -> Vec<Finding> {
    let mut findings = Vec::new();
    findings.extend(paths::check(project));
    findings.extend(example_refs::check(project));
    finding::sort(&mut findings);
    findings
}
