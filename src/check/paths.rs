//! Paths the catalog cites exist inside the project: module directories (holding `.tf`
//! files), related documents, deprecated modules and their replacements, example files.

use std::ops::Range;

use crate::containment::Refusal;
use crate::diag::{Code, Finding, Label};
use crate::project::Project;
use crate::source::display_path;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    ModuleDir,
    File,
}

pub fn check(project: &Project) -> Vec<Finding> {
    let catalog = &project.catalog;
    let mut findings = Vec::new();
    let mut check = |cited: &str, span: Range<usize>, what: &str, kind: Kind| {
        findings.extend(check_path(project, cited, span, what, kind));
    };
    for module in catalog.modules.values() {
        check(
            module.path.get_ref(),
            module.path.span(),
            "module directory",
            Kind::ModuleDir,
        );
    }
    for dep in &catalog.summary.deprecated {
        check(
            dep.path.get_ref(),
            dep.path.span(),
            "deprecated module",
            Kind::ModuleDir,
        );
        check(
            dep.replacement.get_ref(),
            dep.replacement.span(),
            "replacement module",
            Kind::ModuleDir,
        );
    }
    for doc in &catalog.docs {
        check(doc.path.get_ref(), doc.path.span(), "document", Kind::File);
    }
    let module_examples = catalog
        .modules
        .values()
        .filter_map(|m| m.example.as_ref()?.file.as_ref());
    for example in catalog.guide.example.iter().chain(module_examples) {
        check(
            example.get_ref(),
            example.span(),
            "example file",
            Kind::File,
        );
    }
    findings.extend(environments(project));
    findings.extend(module_files(project));
    findings
}

/// Paths under `environments-dir` the boundary refused, at the catalog's key (or the
/// catalog as a whole when the default is in use).
fn environments(project: &Project) -> Vec<Finding> {
    let key = &project.catalog.guide.environments_dir;
    project
        .environment_refused
        .iter()
        .map(|(path, refusal)| {
            let (what, help) = if path.as_os_str() == key.get_ref().as_str() {
                (
                    format!("environments-dir `{}`", key.get_ref()),
                    "environments-dir is a relative path inside the project, without `..`",
                )
            } else {
                (
                    format!(
                        "`{}` under environments-dir `{}`",
                        path.display(),
                        key.get_ref()
                    ),
                    terraform_file_help(refusal),
                )
            };
            let mut finding =
                Finding::error(refusal.code(), format!("{what} is not read: {refusal}")).help(help);
            if !key.span().is_empty() {
                finding = finding.at(project.at_catalog(key.span()));
            }
            finding
        })
        .collect()
}

/// `.tf` files of module directories the boundary refused, at the catalog's `path` of the
/// module, or at the first example block that uses it.
fn module_files(project: &Project) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut interfaces: Vec<_> = project
        .interfaces
        .values()
        .filter(|i| !i.refused.is_empty())
        .collect();
    interfaces.sort_by(|a, b| a.dir.cmp(&b.dir));
    for interface in interfaces {
        let at = project
            .catalog
            .modules
            .values()
            .find(|m| project.cited(m.path.get_ref()).as_ref() == Some(&interface.dir))
            .map(|m| project.at_catalog(m.path.span()))
            .or_else(|| {
                let mut examples: Vec<_> = project.examples.values().flatten().collect();
                examples.sort_by_key(|e| e.file.0);
                examples.into_iter().find_map(|e| {
                    let block = e.blocks_of(&interface.dir).next()?;
                    let span = project
                        .sources
                        .get(e.file)
                        .lines_span(block.lines.first, block.lines.first);
                    Some(Label::new(e.file, span))
                })
            });
        for (path, refusal) in &interface.refused {
            let mut finding = Finding::error(
                refusal.code(),
                format!(
                    "module `{}`: `{}` is not read: {refusal}",
                    interface.dir.display(),
                    path.display()
                ),
            )
            .help(terraform_file_help(refusal));
            if let Some(at) = &at {
                finding = finding.at(at.clone());
            }
            findings.push(finding);
        }
    }
    findings
}

fn check_path(
    project: &Project,
    cited: &str,
    span: Range<usize>,
    what: &str,
    kind: Kind,
) -> Option<Finding> {
    let Some(path) = project.cited(cited) else {
        return Some(project.escapes_root(span, cited));
    };
    let full = project.root.join(&path);
    let at = project
        .at_catalog(span)
        .with_note(format!("resolved to {}", display_path(&full).display()));
    let resolved = project.containment.resolve(&path);
    if resolved.as_ref().is_err_and(Refusal::escapes) {
        return Some(
            Finding::error(
                Code::PathEscapesRoot,
                format!("{what} `{cited}` leads outside the project root through a symbolic link"),
            )
            .at(at)
            .help("cite a path inside the project, or allow the directory with `allow-paths` in book.toml"),
        );
    }
    // Present but neither a file nor a directory (a FIFO, a device): never opened.
    if resolved.is_ok() {
        let wrong = match kind {
            Kind::ModuleDir => project.containment.dir(&path).err(),
            Kind::File => project.containment.file(&path).err(),
        };
        if let Some(refusal @ Refusal::WrongKind { found, .. }) = wrong
            && !matches!(found, "a directory" | "a regular file")
        {
            return Some(
                Finding::error(Code::BrokenPath, format!("{what} `{cited}`: {refusal}"))
                    .at(at)
                    .help("cite a regular file, or a directory for a module"),
            );
        }
    }
    let why = match kind {
        Kind::ModuleDir if project.is_module_dir(&path) => return None,
        Kind::ModuleDir if full.is_dir() => "holds no .tf files".to_owned(),
        Kind::File => match project.examples.get(&path) {
            _ if full.is_dir() => "is a directory".to_owned(),
            // Present (maybe as a symbolic link that loops or dangles) but not readable.
            Some(Err(error)) if full.symlink_metadata().is_ok() => {
                format!("cannot be read: {error}")
            }
            _ if full.is_file() => return None,
            _ => "does not exist".to_owned(),
        },
        Kind::ModuleDir => "does not exist".to_owned(),
    };
    Some(
        Finding::error(Code::BrokenPath, format!("{what} `{cited}` {why}"))
            .at(at)
            .help("fix the path; a leading `/` means the project root"),
    )
}

/// How to mend a `.tf` entry Terraform would read and the boundary could not.
fn terraform_file_help(refusal: &Refusal) -> &'static str {
    match refusal {
        Refusal::Outside | Refusal::LeadsOut => {
            "Terraform files must lie inside the project, or in a directory `allow-paths` admits"
        }
        Refusal::WrongKind { .. } => {
            "Terraform reads every `*.tf` entry of the directory: make it a regular file, or rename it"
        }
        Refusal::Missing | Refusal::Io(_) => {
            "Terraform reads every `*.tf` entry of the directory: make it readable, or remove it"
        }
    }
}
