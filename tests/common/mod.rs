//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a directory tree (files and directories only).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of the embedded project (catalog, Terraform tree, docs, book sources).
pub fn project_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["terraform", "docs"] {
        copy_dir(&repo().join(name), &dir.path().join(name));
    }
    std::fs::copy(repo().join("catalog.toml"), dir.path().join("catalog.toml")).unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir_all(&book).unwrap();
    std::fs::copy(repo().join("book/book.toml"), book.join("book.toml")).unwrap();
    copy_dir(&repo().join("book/src"), &book.join("src"));
    copy_dir(&repo().join("book/theme"), &book.join("theme"));
    dir
}

/// The visible text of an HTML page: tags dropped, common entities decoded, mdBook's smart
/// punctuation undone, whitespace collapsed.
pub fn html_text(html: &str) -> String {
    const INLINE: [&str; 5] = ["strong", "em", "code", "a", "span"];
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !INLINE.contains(&name.as_str()) {
            text.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replace(['“', '”'], "\"")
        .replace('’', "'")
        // mdbook-catalog puts a zero-width space after a `<` that could open a tag.
        .replace('\u{200B}', "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs the compiled binary.
pub fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_mdbook-catalog"))
}
