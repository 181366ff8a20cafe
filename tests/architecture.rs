//! The import graph of `src/` goes one way: each top-level module imports only modules of a
//! lower layer (docs/architecture.md draws it). A new upward or sideways `crate::` import
//! fails here with the file that made it.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

/// Layers, bottom first; modules of one layer do not import each other.
const LAYERS: &[&[&str]] = &[
    &["lines", "source", "suggest", "write"],
    &["diag"],
    &["containment", "fix"],
    &["catalog", "terraform", "prose"],
    &["project"],
    &["render"],
    &["check"],
    &["book", "adopt"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_import_goes_down_a_layer() {
    let src = common::repo().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = BTreeSet::new();
    let mut modules = BTreeSet::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let from = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        // The binary (main.rs and its commands in cli/) sits above every layer.
        if from == "main" || from == "lib" || from == "cli" {
            continue;
        }
        modules.insert(from.clone());
        let Some(from_layer) = layer(&from) else {
            wrong.insert(format!(
                "src/{from}: not in a layer of tests/architecture.rs"
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (i, _) in text.match_indices("crate::") {
            let to: String = text[i + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if to == from || to.is_empty() {
                continue;
            }
            match layer(&to) {
                Some(to_layer) if to_layer < from_layer => {}
                _ => {
                    wrong.insert(format!("{} imports crate::{to}", rel.display()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.into_iter().collect::<Vec<_>>().join("\n")
    );
    let listed: BTreeSet<String> = LAYERS
        .iter()
        .flat_map(|l| l.iter().map(|m| m.to_string()))
        .collect();
    assert_eq!(
        modules, listed,
        "every module of src/ has a layer, and every layer names a module"
    );
}
