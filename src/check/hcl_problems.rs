//! Module blocks that cannot be read: `hcl-syntax`. An error in an example file (readers
//! copy those blocks), a warning in an environment (only the "where active" facts suffer).

use crate::diag::{Code, Finding, Label};
use crate::project::Project;

pub fn check(project: &Project) -> Vec<Finding> {
    let mut findings = Vec::new();
    let examples = project.examples.values().filter_map(|e| e.as_ref().ok());
    for example in examples {
        for problem in &example.scan.problems {
            findings.push(
                Finding::error(Code::HclSyntax, problem.message.clone())
                    .at(Label::new(example.file, problem.span.clone()))
                    .help("readers copy this block: make it valid HCL once uncommented"),
            );
        }
    }
    for interface in project.interfaces.values() {
        for (file, span, message) in &interface.problems {
            findings.push(
                Finding::error(
                    Code::HclSyntax,
                    format!("module `{}`: {message}", interface.dir.display()),
                )
                .at(Label::new(*file, span.clone()))
                .help("the rest of the module is read; its interface may be incomplete"),
            );
        }
    }
    for (file, problem) in &project.environment_problems {
        findings.push(
            Finding::warning(Code::HclSyntax, problem.message.clone())
                .at(Label::new(*file, problem.span.clone()))
                .help("until this block reads, the guide cannot tell where its module is active"),
        );
    }
    findings
}
