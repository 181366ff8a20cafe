//! Where modules run, against what the catalog says: `status-mismatch` when a module marked
//! optional is instantiated by an environment (or one marked active by none), and
//! `deprecated-in-use` when a deprecated module is still instantiated.

use crate::catalog::model::Status;
use crate::diag::{Code, Finding};
use crate::project::Project;

pub fn check(project: &Project) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (id, module) in &project.catalog.modules {
        let envs = project.environments_of(module.path.get_ref());
        let at = project.at_catalog(id.span());
        match (module.status, envs.is_empty()) {
            (Status::Optional, false) => findings.push(
                Finding::error(
                    Code::StatusMismatch,
                    format!(
                        "module `{}` is marked optional, but {} instantiate it",
                        id.get_ref(),
                        envs.join(", ")
                    ),
                )
                .at(at)
                .help(
                    "set `status = \"active\"`, or remove the module block from those environments",
                ),
            ),
            (Status::Active, true) => findings.push(
                Finding::error(
                    Code::StatusMismatch,
                    format!(
                        "module `{}` is marked active, but no environment instantiates it",
                        id.get_ref()
                    ),
                )
                .at(at)
                .help("set `status = \"optional\"`, or instantiate it in an environment"),
            ),
            _ => {}
        }
    }
    for deprecation in &project.catalog.summary.deprecated {
        let envs = project.environments_of(deprecation.path.get_ref());
        if !envs.is_empty() {
            findings.push(
                Finding::warning(
                    Code::DeprecatedInUse,
                    format!(
                        "deprecated module `{}` is still instantiated in {}",
                        deprecation.path.get_ref(),
                        envs.join(", ")
                    ),
                )
                .at(project.at_catalog(deprecation.path.span()))
                .help(format!(
                    "move those environments to `{}`",
                    deprecation.replacement.get_ref()
                )),
            );
        }
    }
    findings
}
