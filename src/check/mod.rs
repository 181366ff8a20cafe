//! Every check of a loaded project, returning sorted findings. Checks never write.

mod arguments;
pub mod baseline;
pub mod block_ref;
mod cited_paths;
mod directives;
mod example_refs;
mod hcl_problems;
pub mod levels;
mod paths;
mod prose_refs;
mod status;
mod touched_blocks;

use rayon::prelude::*;
use serde::Serialize;

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
    let found: Vec<Finding> = found.into_iter().flatten().collect();
    let (levels, mut findings) =
        levels::Levels::new(&project.catalog.check, |span| project.at_catalog(span));
    findings.extend(levels::apply(
        found,
        &levels,
        &project.sources,
        &project.root,
    ));
    finding::sort(&mut findings);
    findings
}

/// What the checks read and proved, for the line a clean run prints.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Proven {
    /// Line references: the catalog's example references and those written in markdown.
    pub references: usize,
    /// Arguments of the example blocks those references touch, checked against their module
    /// (`source`, `count` and Terraform's other meta-arguments not counted).
    pub arguments: usize,
    /// Paths cited in markdown and in the catalog's related documents.
    pub paths: usize,
}

impl Proven {
    pub fn of(project: &Project) -> Proven {
        let markdown = &project.markdown;
        let arguments = project
            .touched_blocks()
            .into_iter()
            .filter_map(|(path, first)| match project.examples.get(&path) {
                Some(Ok(example)) => example.scan.block_at(first),
                _ => None,
            })
            .map(|block| {
                let meta = |a: &&crate::terraform::blocks::Argument| {
                    arguments::META.contains(&a.name.as_str())
                };
                block.arguments.iter().filter(|a| !meta(a)).count()
            })
            .sum();
        Proven {
            references: project
                .catalog
                .modules
                .values()
                .filter(|m| m.example.is_some())
                .count()
                + markdown
                    .iter()
                    .map(|d| {
                        // Only a repository URL needs its path resolved to count.
                        let checked = |r: &&crate::prose::ProseRef| {
                            !r.remote || {
                                let path = project.resolve_in(&d.dir, &r.path);
                                prose_refs::is_checked(project, path.as_deref(), r)
                            }
                        };
                        d.scan.refs.iter().filter(checked).count()
                    })
                    .sum::<usize>(),
            arguments,
            paths: project.catalog.docs.len()
                + markdown.iter().map(|d| d.scan.paths.len()).sum::<usize>(),
        }
    }
}

impl std::fmt::Display for Proven {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = |count: usize, what: &str| {
            format!("{count} {what}{}", if count == 1 { "" } else { "s" })
        };
        write!(
            f,
            "checked {}, {}, {}: all true",
            n(self.references, "reference"),
            n(self.arguments, "argument"),
            n(self.paths, "path")
        )
    }
}

impl Proven {
    /// The clean line of a run whose remaining findings all sit in a baseline.
    pub fn with_baseline(&self, left_out: usize) -> String {
        let line = self.to_string();
        let checked = line.strip_suffix(": all true").unwrap_or(&line);
        let s = if left_out == 1 { "" } else { "s" };
        format!("{checked}: nothing new ({left_out} known finding{s} in the baseline)")
    }
}
