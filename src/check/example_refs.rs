//! Each module's example reference must cite exactly the block whose `source` resolves to
//! the module's directory: `ref-out-of-range`, `ref-gone`, `ref-ambiguous`, `ref-moved`
//! (same extent, other lines) and `ref-changed` (the extent changed). Blocks of an example
//! file that cannot be read are `hcl-syntax`.

use std::path::Path;

use crate::diag::{Applicability, Code, Edit, Finding, Fix, Label};
use crate::project::Project;
use crate::terraform::ModuleBlock;
use crate::terraform::module_source::{ModuleSource, resolve};

pub fn check(project: &Project) -> Vec<Finding> {
    let mut findings = Vec::new();
    let examples = project.examples.values().filter_map(|e| e.as_ref().ok());
    let example_problems = examples.flat_map(|e| e.scan.problems.iter().map(|p| (e.file, p)));
    for (file, problem) in example_problems {
        findings.push(
            Finding::error(Code::HclSyntax, problem.message.clone())
                .at(Label::new(file, problem.span.clone()))
                .help("readers copy this block: make it valid HCL once uncommented"),
        );
    }
    for (file, problem) in &project.environment_problems {
        findings.push(
            Finding::warning(Code::HclSyntax, problem.message.clone())
                .at(Label::new(*file, problem.span.clone()))
                .help("until this block reads, the guide cannot tell where its module is active"),
        );
    }
    for (id, module) in &project.catalog.modules {
        let id = id.get_ref();
        let (Some(example), Some(resolved)) = (&module.example, project.resolved.get(id)) else {
            continue;
        };
        let Some(Ok(file)) = project.examples.get(&resolved.path) else {
            continue;
        };
        let source = project.sources.get(file.file);
        let cited = resolved.lines;
        let lines_span = example.lines.span();
        let at = project.at_catalog(lines_span.clone());
        let wanted = project.cited(module.path.get_ref());
        let dir = resolved.path.parent().unwrap_or(Path::new(""));
        let mut matching: Vec<&ModuleBlock> = file
            .scan
            .blocks
            .iter()
            .filter(|b| {
                matches!(b.source.as_deref().map(|s| resolve(dir, s)),
                    Some(ModuleSource::Local(p)) if Some(&p) == wanted.as_ref())
            })
            .collect();
        if let Some(label) = &example.label {
            matching.retain(|b| &b.label == label);
        }
        // Several candidates, one of them exactly cited: the reference is unambiguous.
        if matching.len() > 1 && matching.iter().any(|b| b.lines == cited) {
            matching.retain(|b| b.lines == cited);
        }
        let subject = format!("module `{id}` cites `{}` lines {cited}", resolved.cited);
        if !cited.fits(source.line_count()) {
            let why = if cited.first == 0 {
                "line numbers start at 1".to_owned()
            } else if cited.first > cited.last {
                "the range is reversed".to_owned()
            } else {
                format!("the file has {} lines", source.line_count())
            };
            let mut f = Finding::error(Code::RefOutOfRange, format!("{subject}, but {why}")).at(at);
            if let [block] = matching.as_slice() {
                f = with_block(f, project, file.file, block, &lines_span);
            }
            findings.push(f);
            continue;
        }
        match matching.as_slice() {
            [] => findings.push(
                Finding::error(
                    Code::RefGone,
                    format!(
                        "{subject}, but no block in that file has `source` pointing at `{}`",
                        module.path.get_ref()
                    ),
                )
                .at(at)
                .also(
                    Label::new(file.file, source.lines_span(cited.first, cited.last))
                        .with_note("cited lines"),
                )
                .help("restore the module block, or remove the example reference"),
            ),
            [block] if block.lines == cited => {}
            [block] => {
                let (code, what) = if block.lines.len() == cited.len() {
                    (Code::RefMoved, "moved")
                } else {
                    (Code::RefChanged, "changed extent")
                };
                let f = Finding::error(
                    code,
                    format!(
                        "{subject}, but its block `module \"{}\"` {what}: it now spans lines {}",
                        block.label, block.lines
                    ),
                )
                .at(at.with_note(format!("cited lines {cited}")));
                findings.push(with_block(f, project, file.file, block, &lines_span));
            }
            blocks => {
                let list: Vec<String> = blocks
                    .iter()
                    .map(|b| format!("`{}` (lines {})", b.label, b.lines))
                    .collect();
                let mut f = Finding::error(
                    Code::RefAmbiguous,
                    format!(
                        "{subject}, but {} blocks instantiate that module: {}",
                        blocks.len(),
                        list.join(", ")
                    ),
                )
                .at(at);
                for b in blocks {
                    f = f.also(Label::new(
                        file.file,
                        source.lines_span(b.lines.first, b.lines.first),
                    ));
                }
                findings.push(f.help("pin one with `label = \"...\"` in the example reference"));
            }
        }
    }
    findings
}

/// Adds where the block is now, a help line and the machine-applicable fix.
fn with_block(
    finding: Finding,
    project: &Project,
    file: crate::source::FileId,
    block: &ModuleBlock,
    lines_span: &std::ops::Range<usize>,
) -> Finding {
    let source = project.sources.get(file);
    let now = block.lines.to_string();
    finding
        .also(
            Label::new(file, source.lines_span(block.lines.first, block.lines.last))
                .with_note(format!("the block now spans lines {now}")),
        )
        .help(format!(
            "the block now spans lines {now}; run `mdbook-catalog fix`"
        ))
        .fix(Fix {
            title: format!("cite lines {now}"),
            applicability: Applicability::MachineApplicable,
            edits: vec![Edit {
                file: project.catalog_file,
                span: lines_span.clone(),
                replacement: format!("\"{now}\""),
            }],
        })
}
