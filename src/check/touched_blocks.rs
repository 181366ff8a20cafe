//! Every module block that a reference touches instantiates a module that exists
//! (`module-missing`: its `source` directory holds `.tf` files) and, when there is a
//! catalog, that the catalog describes (`uncatalogued-block`, a warning).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Finding, Label};
use crate::project::Project;
use crate::terraform::module_source::{ModuleSource, resolve};

pub fn check(project: &Project) -> Vec<Finding> {
    let catalogued: HashSet<PathBuf> = project
        .catalog
        .modules
        .values()
        .filter_map(|m| project.cited(m.path.get_ref()))
        .collect();
    let mut findings = Vec::new();
    for (path, first) in project.touched_blocks() {
        let Some(Ok(example)) = project.examples.get(&path) else {
            continue;
        };
        let Some(block) = example.scan.block_at(first) else {
            continue;
        };
        let source = project.sources.get(example.file);
        let at = Label::new(example.file, source.line_span(block.lines.first));
        let dir = path.parent().unwrap_or(Path::new(""));
        let Some(written) = block.source.as_deref() else {
            continue;
        };
        // The root (a module itself in the terraform-aws-modules layout) is shown as `.`.
        let shown = |module: &Path| -> String {
            if module.as_os_str().is_empty() {
                ".".to_owned()
            } else {
                module.display().to_string()
            }
        };
        match resolve(dir, written) {
            ModuleSource::Local(module) if !project.is_module_dir(&module) => findings.push(
                Finding::error(
                    Code::ModuleMissing,
                    format!("block `module \"{}\"` uses `{written}`, which holds no module", block.label),
                )
                .at(at.with_note(format!("resolves to {}", shown(&module))))
                .help("fix `source`, or restore the module directory with its .tf files"),
            ),
            ModuleSource::Local(module) if !catalogued.is_empty() && !catalogued.contains(&module) => {
                findings.push(
                    Finding::warning(
                        Code::UncataloguedBlock,
                        format!("block `module \"{}\"` instantiates `{}`, which the catalog does not describe", block.label, shown(&module)),
                    )
                    .at(at)
                    .help(format!("add a [modules.<id>] entry with path = \"{}\"", shown(&module))),
                )
            }
            ModuleSource::Outside(_) => findings.push(
                Finding::error(Code::PathEscapesRoot, format!("block `module \"{}\"` uses `{written}`, outside the project root", block.label))
                    .at(at),
            ),
            _ => {}
        }
    }
    findings
}
