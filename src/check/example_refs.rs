//! Each module's example reference in catalog.toml must cite exactly the block whose
//! `source` resolves to the module's directory (see [`super::block_ref`] for the states).

use super::block_ref::{Cite, Expect, Numbers, classify, finding};
use crate::catalog::LineRange;
use crate::diag::Finding;
use crate::project::Project;

pub fn check(project: &Project) -> Vec<Finding> {
    let mut findings = Vec::new();
    let quoted = |range: LineRange| format!("\"{range}\"");
    for (id, module) in &project.catalog.modules {
        let id = id.get_ref();
        let (Some(example), Some(resolved)) = (&module.example, project.resolved.get(id)) else {
            continue;
        };
        let Some(Ok(file)) = project.examples.get(&resolved.path) else {
            continue;
        };
        let Some(dir) = project.cited(module.path.get_ref()) else {
            continue; // reported by the path check
        };
        let expect = Expect::Module {
            dir: &dir,
            label: example.label.as_deref(),
            only_the_block: true,
        };
        let cited = resolved.lines;
        let state = classify(file, &project.sources, cited, &expect, &[]);
        let cite = Cite {
            subject: format!("module `{id}` cites `{}` lines {cited}", resolved.cited),
            at: project.at_catalog(example.lines.span()),
            numbers: Some(Numbers {
                file: project.catalog_file,
                span: example.lines.span(),
                write: &quoted,
            }),
        };
        findings.extend(finding(state, cite, file, &project.sources, cited));
    }
    findings
}
