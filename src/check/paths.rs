//! Paths the catalog cites exist inside the project: module directories (holding `.tf`
//! files), related documents, deprecated modules and their replacements, example files.

use std::ops::Range;

use crate::diag::{Code, Finding};
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
    if project.containment.escapes(&path) {
        return Some(
            Finding::error(
                Code::PathEscapesRoot,
                format!("{what} `{cited}` leads outside the project root through a symbolic link"),
            )
            .at(at)
            .help("cite a path inside the project, or allow the directory with `allow-paths` in book.toml"),
        );
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
