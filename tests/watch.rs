//! Live preview. `mdbook serve` watches the book's `src`, its theme, `book.toml` and each
//! `build.extra-watch-dirs` entry, and rebuilds on every change it sees there outside the
//! book's root (inside it, the nearest `.gitignore` filters). So a book is set up for live
//! preview when every file a build reads is watched and nothing a build or cargo writes is:
//! these tests hold the embedded book and a book set up by `install` to that rule.

mod common;

use std::path::{Path, PathBuf};

use mdbook_catalog::project::Project;

/// What mdBook's watcher watches for the book at `book` (canonical paths).
fn watched(book: &Path) -> Vec<PathBuf> {
    let config: toml::Table = std::fs::read_to_string(book.join("book.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let src = config
        .get("book")
        .and_then(|b| b.get("src"))
        .and_then(|s| s.as_str())
        .unwrap_or("src");
    let extra = config
        .get("build")
        .and_then(|b| b.get("extra-watch-dirs"))
        .and_then(|d| d.as_array())
        .cloned()
        .unwrap_or_default();
    // mdBook watches its theme directory: `theme`, or `[output.html] theme`.
    let theme = config
        .get("output")
        .and_then(|o| o.get("html"))
        .and_then(|h| h.get("theme"))
        .and_then(|t| t.as_str())
        .unwrap_or("theme");
    let mut roots = vec![book.join(src), book.join(theme), book.join("book.toml")];
    roots.extend(
        extra
            .iter()
            .filter_map(|d| d.as_str())
            .map(|d| book.join(d)),
    );
    roots
        .into_iter()
        .filter_map(|r| std::fs::canonicalize(r).ok())
        .collect()
}

/// Every file a build of the book at `book` reads: the chapters and what the catalog loads
/// (the catalog, example files, module and environment `.tf` files).
fn read_by_build(book: &Path, catalog: &Path) -> Vec<PathBuf> {
    let project = Project::load(catalog, None).unwrap_or_else(|_| panic!("{catalog:?} loads"));
    let cwd = std::env::current_dir().unwrap();
    let mut files: Vec<PathBuf> = project
        .sources
        .iter()
        .map(|f| std::fs::canonicalize(cwd.join(&f.read_from)).unwrap())
        .collect();
    // Module directories are read in parallel into their own sources; list their files.
    let root = catalog.parent().unwrap();
    for module in project.catalog.modules.values() {
        for entry in std::fs::read_dir(root.join(module.path.get_ref())).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "tf") {
                files.push(std::fs::canonicalize(path).unwrap());
            }
        }
    }
    for entry in std::fs::read_dir(book.join("src")).unwrap().flatten() {
        files.push(std::fs::canonicalize(entry.path()).unwrap());
    }
    assert!(
        files.len() > 10,
        "the build reads more than this: {files:?}"
    );
    files
}

fn assert_set_up_for_live_preview(book: &Path, catalog: &Path, written: &[PathBuf]) {
    let roots = watched(book);
    let unwatched: Vec<_> = read_by_build(book, catalog)
        .into_iter()
        .filter(|f| !roots.iter().any(|r| f.starts_with(r)))
        .collect();
    assert!(
        unwatched.is_empty(),
        "`mdbook serve` would not rebuild when these change: {unwatched:?} (watched: {roots:?})"
    );
    for out in written {
        std::fs::create_dir_all(out).unwrap();
        let out = std::fs::canonicalize(out).unwrap();
        let outside_book = !out.starts_with(std::fs::canonicalize(book).unwrap());
        let watching = roots.iter().find(|r| out.starts_with(r));
        assert!(
            !(outside_book && watching.is_some()),
            "every write to {out:?} would rebuild the book: {watching:?} is watched"
        );
        assert!(
            !roots.iter().any(|r| r.starts_with(&out) && outside_book),
            "{out:?} holds a watched path"
        );
    }
}

#[test]
fn the_embedded_book_rebuilds_on_its_catalog_and_terraform_and_not_on_its_output() {
    let repo = common::repo();
    assert_set_up_for_live_preview(
        &repo.join("book"),
        &repo.join("catalog.toml"),
        &[repo.join("target"), repo.join("book/book")],
    );
}

#[test]
fn install_sets_a_book_up_for_live_preview() {
    let dir = common::project_copy();
    let book = dir.path().join("book");
    std::fs::remove_file(book.join("book.toml")).unwrap();
    let status = common::bin()
        .current_dir(dir.path())
        .args(["install", "book"])
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    assert_set_up_for_live_preview(
        &book,
        &dir.path().join("catalog.toml"),
        &[dir.path().join("target"), book.join("book")],
    );
}
