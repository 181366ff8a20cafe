//! Cited paths exist: module directories (holding `.tf` files), related documents,
//! deprecated modules and their replacements, example files.

use std::ops::Range;

use crate::diag::{Code, Finding};
use crate::project::Project;
use crate::source::display_path;

pub fn check(project: &Project) -> Vec<Finding> {
    let catalog = &project.catalog;
    let mut findings = Vec::new();
    let mut check_dir = |cited: &str, span: Range<usize>, what: &str| {
        let Some(path) = project.cited(cited) else {
            findings.push(project.escapes_root(span, cited));
            return;
        };
        let full = project.root.join(&path);
        let has_tf = std::fs::read_dir(&full).is_ok_and(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| e.path().extension().is_some_and(|x| x == "tf"))
        });
        if !has_tf {
            let why = if full.is_dir() {
                "holds no .tf files"
            } else {
                "does not exist"
            };
            findings.push(
                Finding::error(Code::BrokenPath, format!("{what} `{cited}` {why}"))
                    .at(project
                        .at_catalog(span)
                        .with_note(format!("resolved to {}", display_path(&full).display())))
                    .help("fix the path, relative to the project root"),
            );
        }
    };
    for module in catalog.modules.values() {
        check_dir(
            module.path.get_ref(),
            module.path.span(),
            "module directory",
        );
    }
    for dep in &catalog.summary.deprecated {
        check_dir(dep.path.get_ref(), dep.path.span(), "deprecated module");
        check_dir(
            dep.replacement.get_ref(),
            dep.replacement.span(),
            "replacement module",
        );
    }
    let mut check_file = |cited: &str, span: Range<usize>, what: &str| {
        let Some(path) = project.cited(cited) else {
            findings.push(project.escapes_root(span, cited));
            return;
        };
        let full = project.root.join(&path);
        let why = match project.examples.get(&path) {
            Some(Err(error)) if full.is_file() => format!("cannot be read: {error}"),
            _ if full.is_dir() => "is a directory".to_owned(),
            _ if !full.is_file() => "does not exist".to_owned(),
            _ => return,
        };
        {
            findings.push(
                Finding::error(Code::BrokenPath, format!("{what} `{cited}` {why}"))
                    .at(project
                        .at_catalog(span)
                        .with_note(format!("resolved to {}", display_path(&full).display())))
                    .help("fix the path; a leading `/` means the project root"),
            );
        }
    };
    for doc in &catalog.docs {
        check_file(doc.path.get_ref(), doc.path.span(), "document");
    }
    let mut examples: Vec<_> = catalog.guide.example.iter().collect();
    examples.extend(
        catalog
            .modules
            .values()
            .filter_map(|m| m.example.as_ref()?.file.as_ref()),
    );
    for example in examples {
        check_file(example.get_ref(), example.span(), "example file");
    }
    findings
}
