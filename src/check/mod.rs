//! Every check of a loaded project, returning sorted findings. Checks never write.

mod arguments;
pub mod block_ref;
mod cited_paths;
mod example_refs;
mod hcl_problems;
mod paths;
mod prose_refs;
mod status;
mod touched_blocks;

use crate::diag::{Finding, finding};
use crate::project::Project;

/// Runs all checks on `project`.
pub fn run(project: &Project) -> Vec<Finding> {
    let mut findings = Vec::new();
    findings.extend(paths::check(project));
    findings.extend(hcl_problems::check(project));
    findings.extend(example_refs::check(project));
    findings.extend(prose_refs::check(project));
    findings.extend(cited_paths::check(project));
    findings.extend(touched_blocks::check(project));
    findings.extend(arguments::check(project));
    findings.extend(status::check(project));
    finding::sort(&mut findings);
    findings
}
