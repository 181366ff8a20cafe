//! Line references written in markdown: the file exists, the range is in bounds, and it is
//! the block of the module its section names (walking out through the headings), or else
//! the block or attribute the text beside it names, or exactly one block or attribute,
//! optionally with the comment header above it (else the warning `ref-misaligned`).

use std::collections::HashMap;
use std::path::PathBuf;

use indexmap::IndexSet;

use super::block_ref::{Cite, Expect, Numbers, classify, finding};
use crate::diag::{Code, Finding, Label};
use crate::project::{MarkdownDoc, Project};
use crate::prose::ProseRef;

pub fn check(project: &Project) -> Vec<Finding> {
    let mut findings = Vec::new();
    for doc in &project.markdown {
        let sections = SectionModules::new(project, doc);
        // Each written path is resolved once, however many references cite it.
        let mut resolved: HashMap<&str, Option<PathBuf>> = HashMap::new();
        for reference in &doc.scan.refs {
            let path = resolved
                .entry(reference.path.as_str())
                .or_insert_with(|| project.resolve_in(&doc.dir, &reference.path))
                .clone();
            findings.extend(check_ref(project, doc, &sections, reference, path));
        }
        findings.extend(
            doc.scan
                .unresolved
                .iter()
                .map(|span| unresolved(project, doc, span)),
        );
    }
    findings
}

/// The warning for text that reads as a line reference but names no file.
fn unresolved(project: &Project, doc: &MarkdownDoc, span: &std::ops::Range<usize>) -> Finding {
    let text = &project.sources.get(doc.file).text[span.clone()];
    Finding::warning(
        Code::RefUnresolved,
        format!("the guide writes `{text}` but names no file, so those lines cannot be checked"),
    )
    .at(Label::new(doc.file, span.clone()))
    .help(format!(
        "write the file's path in a code span right before it (`path/main.tf` {text}), or link the lines ([text](path/main.tf#L8-L27))"
    ))
}

/// Whether `r`, whose path resolved to `path`, is checked: a repository URL may name another
/// repository's file, so it is checked only when the path is a file of this project.
pub(super) fn is_checked(project: &Project, path: Option<&std::path::Path>, r: &ProseRef) -> bool {
    !r.remote || path.is_some_and(|p| project.root.join(p).is_file())
}

fn check_ref(
    project: &Project,
    doc: &MarkdownDoc,
    sections: &SectionModules,
    r: &ProseRef,
    path: Option<PathBuf>,
) -> Option<Finding> {
    if !is_checked(project, path.as_deref(), r) {
        return None;
    }
    let at = Label::new(doc.file, r.span.clone());
    let Some(path) = path else {
        return Some(
            Finding::error(
                Code::PathEscapesRoot,
                format!("`{}` points outside the project root", r.path),
            )
            .at(at)
            .help("cite paths inside the project; a leading `/` means the project root"),
        );
    };
    let example = match project.examples.get(&path) {
        Some(Ok(example)) => example,
        Some(Err(error)) => {
            let (code, why) = match error {
                _ if error.escapes() => (Code::PathEscapesRoot, error.to_string()),
                _ if project.root.join(&path).exists() => {
                    (Code::BrokenPath, format!("cannot be read: {error}"))
                }
                _ => (Code::BrokenPath, "does not exist".to_owned()),
            };
            return Some(
                Finding::error(code, format!("`{}` {why}", r.path))
                    .at(at.with_note(format!("resolved to {}", path.display())))
                    .help("fix the path; a leading `/` means the project root"),
            );
        }
        None => return None,
    };
    let module = sections.module_at(doc, r.span.start);
    // The section's module is what a file of module blocks (or of no block at all) is cited
    // for; in the module's own files, or a file of other blocks, the range cites whatever it
    // cites.
    let scan = &example.scan;
    let expect = match &module {
        _ if !is_terraform(&path) => Expect::Lines,
        Some((dir, _))
            if (!scan.blocks.is_empty() || scan.items.is_empty()) && !path.starts_with(dir) =>
        {
            Expect::Module {
                dir,
                label: None,
                only_the_block: false,
            }
        }
        _ => Expect::AnyItem,
    };
    let state = classify(example, &project.sources, r.lines, &expect, &r.context);
    let written = if r.singular { "line" } else { "lines" };
    let subject = match &module {
        Some((dir, section)) => format!(
            "section `{section}` (module `{}`) cites `{}` {written} {}",
            dir.display(),
            r.path,
            r.lines
        ),
        None => format!("the guide cites `{}` {written} {}", r.path, r.lines),
    };
    let write = |range| r.form.write(range);
    let cite = Cite {
        subject,
        at,
        numbers: Some(Numbers {
            file: doc.file,
            span: r.numbers.clone(),
            write: &write,
        }),
    };
    finding(state, cite, example, &project.sources, r.lines)
}

/// Whether `path` is Terraform (`.tf`, `.tfvars`, `.hcl`, and their `.example` copies), whose
/// blocks a range is checked against; other files' ranges only have to exist.
fn is_terraform(path: &std::path::Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let name = name.strip_suffix(".example").unwrap_or(name);
    [".tf", ".tfvars", ".hcl"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// The module directories each section of a document names itself ("**Module**:
/// `terraform/modules/...`"), by section (`None`: the text before the first heading); built
/// once per document, each path resolved once.
struct SectionModules {
    named: HashMap<Option<usize>, IndexSet<PathBuf>>,
}

impl SectionModules {
    fn new(project: &Project, doc: &MarkdownDoc) -> SectionModules {
        let scan = &doc.scan;
        let mut modules: HashMap<&str, Option<PathBuf>> = HashMap::new();
        let mut named: HashMap<Option<usize>, IndexSet<PathBuf>> = HashMap::new();
        for path in scan.paths.iter().filter(|p| !p.link) {
            let dir = modules.entry(path.text.as_str()).or_insert_with(|| {
                project
                    .resolve_in(&doc.dir, &path.text)
                    .filter(|dir| project.is_module_dir(dir))
            });
            if let Some(dir) = dir {
                named
                    .entry(scan.section_at(path.span.start))
                    .or_default()
                    .insert(dir.clone());
            }
        }
        SectionModules { named }
    }

    /// The module named by the nearest enclosing section that names module paths, if it
    /// names exactly one: its directory (root-relative) and the section's title. The text
    /// before the first heading encloses every section.
    fn module_at(&self, doc: &MarkdownDoc, at: usize) -> Option<(PathBuf, String)> {
        let scan = &doc.scan;
        let mut section = scan.section_at(at);
        loop {
            if let Some(named) = self.named.get(&section).filter(|n| !n.is_empty()) {
                let title = section.map_or_else(String::new, |s| scan.headings[s].title.clone());
                return (named.len() == 1).then(|| (named[0].clone(), title));
            }
            section = scan.parent(section?);
        }
    }
}
