//! Adoption: the shipped schema matches the types, `install` is idempotent and keeps
//! formatting, and `init` + `install` + `build` turn a repository with a hand-made book
//! but no catalog into a site whose references check clean.

mod common;

use std::path::Path;

use common::run;

#[test]
fn the_shipped_schema_is_generated_from_the_types() {
    let shipped = std::fs::read_to_string(common::repo().join("catalog.schema.json")).unwrap();
    assert_eq!(
        shipped,
        mdbook_catalog::catalog::schema::json(),
        "run `cargo run -- schema > catalog.schema.json`"
    );
    let catalog = std::fs::read_to_string(common::repo().join("catalog.toml")).unwrap();
    assert!(catalog.starts_with("#:schema ./catalog.schema.json\n"));
    let schema: serde_json::Value = serde_json::from_str(&shipped).unwrap();
    let module = &schema["$defs"]["Module"];
    assert_eq!(
        module["additionalProperties"], false,
        "unknown keys are rejected"
    );
    assert!(
        module["properties"]["use-case"].is_object(),
        "keys as written in catalog.toml"
    );
}

#[test]
fn install_is_idempotent_and_keeps_formatting() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir_all(&book).unwrap();
    std::fs::write(dir.path().join("catalog.toml"), "").unwrap();
    let original = "# my book\n[book]\ntitle   = \"Mine\"  # aligned\n\n[output.html]\nadditional-css = [\"custom.css\"]\n";
    std::fs::write(book.join("book.toml"), original).unwrap();
    let (code, out) = run(dir.path(), &["install", "book"]);
    assert_eq!(code, 0, "{out}");
    let once = std::fs::read_to_string(book.join("book.toml")).unwrap();
    assert!(
        once.starts_with("# my book\n[book]\ntitle   = \"Mine\"  # aligned\n"),
        "{once}"
    );
    assert!(
        once.contains("additional-css = [\"custom.css\", \"theme/catalog.css\"]"),
        "{once}"
    );
    assert!(
        once.contains("[preprocessor.catalog]\ncatalog = \"../catalog.toml\""),
        "{once}"
    );
    assert!(
        once.contains("extra-watch-dirs = [\"../catalog.toml\"]"),
        "{once}"
    );
    assert!(book.join("theme/catalog.css").is_file());
    assert!(
        book.join("src/SUMMARY.md").is_file(),
        "a book without chapters gets the guide's"
    );
    let files = |b: &Path| -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut all = Vec::new();
        for entry in walk(b) {
            all.push((entry.clone(), std::fs::read(&entry).unwrap()));
        }
        all
    };
    let before = files(&book);
    let (code, out) = run(dir.path(), &["install", "book"]);
    assert_eq!(code, 0);
    assert!(out.contains("already set up"), "{out}");
    assert_eq!(files(&book), before, "a second install changes nothing");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn install_refuses_to_overwrite_a_non_table() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("book")).unwrap();
    let original = "build = 1\n";
    std::fs::write(dir.path().join("book/book.toml"), original).unwrap();
    let (code, out) = run(dir.path(), &["install", "book"]);
    assert_eq!(code, 2);
    assert!(out.contains("`build` in book.toml is not a table"), "{out}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("book/book.toml")).unwrap(),
        original
    );
}

#[test]
fn init_install_build_adopts_a_repository_without_a_catalog() {
    let dir = common::project_copy();
    std::fs::remove_file(dir.path().join("catalog.toml")).unwrap();
    std::fs::remove_file(dir.path().join("book/book.toml")).unwrap();
    let (code, out) = run(dir.path(), &["init"]);
    assert_eq!(code, 0, "{out}");
    let catalog = std::fs::read_to_string(dir.path().join("catalog.toml")).unwrap();
    assert!(
        catalog.contains("[modules.elasticache-memcached]"),
        "{catalog}"
    );
    assert!(
        catalog.contains("example = { lines = \"38-57\" }"),
        "the example block is found"
    );
    assert!(
        catalog.contains("cost = \"TODO\""),
        "editorial fields are marked"
    );
    assert!(
        catalog.contains("does = \"Creates an Amazon ElastiCache"),
        "README's first paragraph"
    );
    assert_eq!(
        run(dir.path(), &["init"]).0,
        2,
        "init never overwrites a catalog"
    );

    let (code, out) = run(dir.path(), &["install", "book"]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(
        dir.path(),
        &[
            "check",
            "book/src/README.md",
            "book/src/modules.md",
            "book/src/summary.md",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(dir.path(), &["build", "book"]);
    assert_eq!(code, 0, "{out}");
    let page = std::fs::read_to_string(
        dir.path()
            .join("book/book/modules/elasticache-memcached.html"),
    )
    .unwrap();
    let text = common::html_text(&page);
    assert!(
        text.contains("See /terraform/environments/dev/optional-modules.tf.example lines 38-57"),
        "{text}"
    );
}

/// A `book.toml` that is a symbolic link: `install` edits the target and keeps the link.
#[cfg(unix)]
#[test]
fn install_follows_a_symbolic_link() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir_all(&book).unwrap();
    std::fs::write(dir.path().join("catalog.toml"), "").unwrap();
    std::fs::write(
        dir.path().join("real-book.toml"),
        "[book]\ntitle = \"Mine\"\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("../real-book.toml", book.join("book.toml")).unwrap();
    let (code, out) = run(dir.path(), &["install", "book"]);
    assert_eq!(code, 0, "{out}");
    let link = std::fs::symlink_metadata(book.join("book.toml")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    let real = std::fs::read_to_string(dir.path().join("real-book.toml")).unwrap();
    assert!(real.contains("[preprocessor.catalog]"), "{real}");
}

/// `init` gives every module an id its own schema accepts, and modules whose names differ
/// only in case each get their own entry.
#[test]
fn init_makes_valid_unique_ids() {
    let dir = tempfile::tempdir().unwrap();
    let names = ["_internal", "Cache", "cache", "CACHE"];
    for name in names {
        let module = dir.path().join("terraform/modules").join(name);
        std::fs::create_dir_all(&module).unwrap();
        std::fs::write(module.join("main.tf"), "variable \"x\" {}\n").unwrap();
    }
    let (code, out) = run(dir.path(), &["init"]);
    assert_eq!(code, 0, "{out}");
    let text = std::fs::read_to_string(dir.path().join("catalog.toml")).unwrap();
    let catalog: toml::Table = text.parse().unwrap();
    let modules = catalog["modules"].as_table().unwrap();
    let mut paths: Vec<&str> = modules
        .values()
        .map(|m| m["path"].as_str().unwrap())
        .collect();
    paths.sort();
    let mut want: Vec<String> = names
        .iter()
        .map(|n| format!("terraform/modules/{n}"))
        .collect();
    want.sort();
    assert_eq!(paths, want, "a module was dropped:\n{text}");
    // The catalog loads: no id is rejected (exit 2 is an unusable catalog).
    let (code, out) = run(dir.path(), &["check"]);
    assert_ne!(code, 2, "{out}");
    assert!(!out.contains("is not a valid id"), "{out}");
}

/// A book with chapters of its own gets the chapter the module pages hang under (linked from
/// its SUMMARY), so the first build after `install` succeeds and shows the module pages.
#[test]
fn install_into_an_existing_book_leaves_a_book_that_builds() {
    let dir = common::project_copy();
    let book = dir.path().join("book");
    std::fs::remove_dir_all(&book).unwrap();
    std::fs::create_dir_all(book.join("src")).unwrap();
    std::fs::write(book.join("book.toml"), "[book]\ntitle = \"Ours\"\n").unwrap();
    std::fs::write(
        book.join("src/SUMMARY.md"),
        "# Summary\n\n- [Intro](intro.md)",
    )
    .unwrap();
    std::fs::write(book.join("src/intro.md"), "# Intro\n\nOur words.\n").unwrap();
    let (code, out) = run(dir.path(), &["install", "book"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        std::fs::read_to_string(book.join("src/SUMMARY.md")).unwrap(),
        "# Summary\n\n- [Intro](intro.md)\n- [Modules](modules.md)\n"
    );
    let (code, out) = run(dir.path(), &["build", "book"]);
    assert_eq!(code, 0, "{out}");
    assert!(book.join("book/modules/memcached.html").is_file(), "{out}");
    assert_eq!(
        std::fs::read_to_string(book.join("src/intro.md")).unwrap(),
        "# Intro\n\nOur words.\n"
    );
    let (code, out) = run(dir.path(), &["install", "book"]);
    assert_eq!((code, out.contains("already set up")), (0, true), "{out}");
}

/// The terraform-aws-modules layout: a module at the root, `modules/*` beside it and
/// `examples/*` that use it. Plain `init` says where the modules are; `--modules-dir .`
/// catalogs the root module and each `modules/*`, and the adopted book builds.
#[test]
fn init_understands_a_module_at_the_root() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("terraform-aws-thing");
    let files = [
        (
            "README.md",
            "# AWS Thing Terraform module\n\nCreates a thing.\n",
        ),
        ("main.tf", "variable \"name\" {\n  type = string\n}\n"),
        (
            "modules/part/main.tf",
            "variable \"size\" {\n  type = number\n}\n",
        ),
        (
            "examples/basic/main.tf",
            "module \"thing\" {\n  source = \"../../\"\n  name   = \"a\"\n}\n",
        ),
    ];
    for (path, text) in files {
        std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
        std::fs::write(root.join(path), text).unwrap();
    }
    let (code, out) = run(&root, &["init"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("run `mdbook-catalog init --modules-dir .`"),
        "{out}"
    );
    let (code, out) = run(&root, &["init", "--modules-dir", "."]);
    assert_eq!(code, 0, "{out}");
    let catalog = std::fs::read_to_string(root.join("catalog.toml")).unwrap();
    for expected in [
        "title = \"AWS Thing Terraform module\"",
        "[modules.terraform-aws-thing]",
        "path = \".\"",
        "[modules.part]",
        "path = \"modules/part\"",
    ] {
        assert!(catalog.contains(expected), "{expected}: {catalog}");
    }
    assert!(!catalog.contains("examples/basic"), "{catalog}");
    let (code, out) = run(&root, &["check"]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(&root, &["install", "book"]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(&root, &["build", "book"]);
    assert_eq!(code, 0, "{out}");
    assert!(root.join("book/book/modules/part.html").is_file(), "{out}");
}
