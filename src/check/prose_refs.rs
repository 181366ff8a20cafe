//! Line references written in markdown: the file exists, the range is in bounds, and it is
//! the block of the module its section names (walking out through the headings), or else
//! exactly one block, optionally with the comment header above it (`ref-misaligned`).

use std::path::PathBuf;

use super::block_ref::{Cite, Expect, Numbers, classify, finding};
use crate::diag::{Code, Finding, Label};
use crate::project::{MarkdownDoc, Project};
use crate::prose::ProseRef;

pub fn check(project: &Project) -> Vec<Finding> {
    let mut findings = Vec::new();
    for doc in &project.markdown {
        for reference in &doc.scan.refs {
            findings.extend(check_ref(project, doc, reference));
        }
    }
    findings
}

fn check_ref(project: &Project, doc: &MarkdownDoc, r: &ProseRef) -> Option<Finding> {
    let at = Label::new(doc.file, r.span.clone());
    let Some(path) = project.resolve_in(&doc.dir, &r.path) else {
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
    let module = section_module(project, doc, r.span.start);
    let expect = match &module {
        Some((dir, _)) => Expect::Module { dir, label: None },
        None => Expect::AnyBlock,
    };
    let state = classify(example, &project.sources, r.lines, &expect);
    let written = if r.singular { "line" } else { "lines" };
    let subject = match &module {
        Some((dir, section)) => format!(
            "`{}` {written} {} in section `{section}` (module `{}`)",
            r.path,
            r.lines,
            dir.display()
        ),
        None => format!("`{}` {written} {}", r.path, r.lines),
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

/// The module named by the nearest enclosing section that names module paths, if it names
/// exactly one: its directory (root-relative) and the section's title. The text before the
/// first heading encloses every section.
fn section_module(project: &Project, doc: &MarkdownDoc, at: usize) -> Option<(PathBuf, String)> {
    let scan = &doc.scan;
    let named_in = |section: Option<usize>| {
        let mut named: Vec<PathBuf> = Vec::new();
        let in_section = scan
            .paths
            .iter()
            .filter(|p| !p.link && scan.section_at(p.span.start) == section);
        for dir in in_section.filter_map(|p| project.resolve_in(&doc.dir, &p.text)) {
            if !named.contains(&dir) && project.is_module_dir(&dir) {
                named.push(dir);
            }
        }
        named
    };
    let mut section = scan.section_at(at);
    loop {
        let named = named_in(section);
        if !named.is_empty() {
            let title = section.map_or_else(String::new, |s| scan.headings[s].title.clone());
            return <[PathBuf; 1]>::try_from(named)
                .ok()
                .map(|[dir]| (dir, title));
        }
        section = scan.parent(section?);
    }
}
