//! Adoption: the shipped schema matches the types, `install` is idempotent and keeps
//! formatting, and `init` + `install` + `build` turn a repository with a hand-made book
//! but no catalog into a site whose references check clean.

mod common;

use std::path::{Path, PathBuf};

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

/// A copy of `tests/adoption/<fixture>` in a temporary directory, at `<dir>/<name>` (the
/// root module of the terraform-aws-modules layout is named after its directory).
fn adoption_fixture(fixture: &str, name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join(name);
    common::copy_dir(&common::repo().join("tests/adoption").join(fixture), &root);
    (dir, root)
}

fn ok(root: &Path, args: &[&str]) -> String {
    let (code, out) = run(root, args);
    assert_eq!(code, 0, "{args:?}:\n{out}");
    out
}

fn read(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The visible text of a built page of the book in `root/book`.
fn page(root: &Path, page: &str) -> String {
    common::html_text(&read(root, &format!("book/book/{page}")))
}

/// The adoption commands of the README after `init`: install, check (the catalog and the
/// given guides), build. Returns the catalog `init` wrote.
fn install_check_build(root: &Path, guides: &[&str]) -> String {
    ok(root, &["install", "book"]);
    let mut check = vec!["check"];
    check.extend(guides);
    let out = ok(root, &check);
    assert!(out.contains(": all true"), "{out}");
    ok(root, &["build", "book"]);
    read(root, "catalog.toml")
}

/// The seed's layout: modules under `terraform/modules` (one in a group directory),
/// commented example blocks in a `.tf.example` file, a live block in an environment, and a
/// hand-written guide citing the example file. The five commands end in a building book.
#[test]
fn the_seed_layout_is_adopted_in_five_commands() {
    let (_dir, root) = adoption_fixture("seed", "platform");
    let out = ok(&root, &["init"]);
    assert!(!out.contains("note:"), "{out}");
    let catalog = install_check_build(&root, &["docs/guide.md"]);
    for expected in [
        "example = \"/terraform/environments/dev/optional.tf.example\"",
        "[modules.cache]\nname = \"Cache\"\npath = \"terraform/modules/cache\"",
        "does = \"Creates a managed cache cluster for read-heavy services.\"",
        "status = \"active\"",
        "example = { lines = \"13-17\" }",
        "[modules.queue]\nname = \"queue\"\npath = \"terraform/modules/queue\"",
        "example = { lines = \"3-6\" }",
        "[modules.tracking]\nname = \"Experiment tracking\"\npath = \"terraform/modules/ml/tracking\"",
        "example = { lines = \"8-11\" }",
    ] {
        assert!(catalog.contains(expected), "{expected}:\n{catalog}");
    }
    let text = page(&root, "modules/tracking.html");
    assert!(
        text.contains("See /terraform/environments/dev/optional.tf.example lines 8-11"),
        "{text}"
    );
    assert!(text.contains("bucket = \"dev-experiments\""), "{text}");
}

/// The terraform-aws-modules layout: a module at the root, `modules/*` beside it, live
/// `module` blocks in `examples/*/main.tf`. Plain `init` recognizes it and says so; each
/// module's example is a live block (`check` proves it, the page shows it); the root module
/// is listed by its repository's name.
#[test]
fn the_root_module_layout_is_adopted_in_five_commands() {
    let (_dir, root) = adoption_fixture("root", "terraform-aws-widget");
    let out = ok(&root, &["init"]);
    assert!(
        out.contains("note: no module under `terraform/modules`, and the root holds .tf files"),
        "{out}"
    );
    let catalog = install_check_build(&root, &[]);
    for expected in [
        "title = \"AWS Widget Terraform module\"",
        "modules-dir = \".\"",
        "[modules.terraform-aws-widget]\nname = \"AWS Widget Terraform module\"\npath = \".\"\nshort = \"terraform-aws-widget\"",
        // `examples/simple` holds one block of the root module; `examples/complete` two.
        "example = { file = \"/examples/simple/main.tf\", lines = \"1-5\" }",
        "[modules.listener]\nname = \"Widget listener\"\npath = \"modules/listener\"",
        "example = { file = \"/examples/complete/main.tf\", lines = \"18-23\" }",
        "[modules.policy]\nname = \"policy\"\npath = \"modules/policy\"",
        "example = { file = \"/examples/complete/main.tf\", lines = \"25-28\" }",
    ] {
        assert!(catalog.contains(expected), "{expected}:\n{catalog}");
    }
    assert!(!catalog.contains("[modules.complete]"), "{catalog}");
    let text = page(&root, "modules/terraform-aws-widget.html");
    assert!(
        text.contains("See /examples/simple/main.tf lines 1-5")
            && text.contains("name = \"simple\""),
        "{text}"
    );
    assert!(
        text.contains("Name of the widget."),
        "the root's interface: {text}"
    );
    let text = page(&root, "modules/listener.html");
    assert!(text.contains("port = 8443"), "{text}");
    let text = page(&root, "index.html");
    assert!(text.contains("terraform-aws-widget TODO"), "{text}");

    // Several blocks of one file instantiate the module: the catalog pins one by label (and
    // with every example in one file, that file is the guide's).
    let (_dir, root) = adoption_fixture("root", "terraform-aws-widget");
    std::fs::remove_dir_all(root.join("examples/simple")).unwrap();
    ok(&root, &["init"]);
    let catalog = install_check_build(&root, &[]);
    assert!(
        catalog.contains("example = \"/examples/complete/main.tf\"")
            && catalog.contains("example = { lines = \"5-9\", label = \"widget\" }"),
        "{catalog}"
    );
}

/// When `init` finds no module, it says which `--modules-dir` to pass, in both layouts.
#[test]
fn init_with_nothing_found_suggests_modules_dir() {
    // The seed's layout elsewhere than `terraform/modules`.
    let (_dir, root) = adoption_fixture("seed", "platform");
    std::fs::rename(root.join("terraform"), root.join("infra")).unwrap();
    let (code, out) = run(&root, &["init"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("no module (a directory with .tf files) under `./terraform/modules`")
            && out.contains("run `mdbook-catalog init --modules-dir infra/modules`"),
        "{out}"
    );
    assert!(!root.join("catalog.toml").exists());
    ok(&root, &["init", "--modules-dir", "infra/modules"]);
    // Environments beside the modules directory are found, so the live block makes the
    // cache active (not "used by no environment" on its page).
    let catalog = read(&root, "catalog.toml");
    assert!(
        catalog.contains("environments-dir = \"infra/environments\"")
            && catalog.contains("status = \"active\""),
        "{catalog}"
    );
    install_check_build(&root, &[]);

    // The terraform-aws-modules layout, with a modules directory that is not there.
    let (_dir, root) = adoption_fixture("root", "terraform-aws-widget");
    let (code, out) = run(&root, &["init", "--modules-dir", "terraform/modules"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("run `mdbook-catalog init --modules-dir .`"),
        "{out}"
    );

    // Nothing anywhere.
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = run(dir.path(), &["init"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("no directory here holds .tf files"), "{out}");
}

/// The module paths in a catalog, sorted.
fn cataloged(root: &Path) -> Vec<String> {
    let catalog: toml::Table = read(root, "catalog.toml").parse().unwrap();
    let mut paths: Vec<String> = catalog["modules"]
        .as_table()
        .unwrap()
        .values()
        .map(|m| m["path"].as_str().unwrap().to_owned())
        .collect();
    paths.sort();
    paths
}

#[test]
fn init_include_and_exclude_choose_modules() {
    let (_dir, root) = adoption_fixture("root", "terraform-aws-widget");
    let out = ok(
        &root,
        &[
            "init",
            "--include",
            "modules/*",
            "--include",
            "modulse/*",
            "--exclude",
            "*/policy",
        ],
    );
    assert!(
        out.contains("`--include modulse/*` matches no module"),
        "a glob that matches nothing is pointed out: {out}"
    );
    assert_eq!(cataloged(&root), ["modules/listener"]);
    install_check_build(&root, &[]);

    // The root module is `.`; globs relative to the modules directory work too.
    let (_dir, root) = adoption_fixture("root", "terraform-aws-widget");
    ok(&root, &["init", "--exclude", "."]);
    assert_eq!(cataloged(&root), ["modules/listener", "modules/policy"]);
    let (_dir, root) = adoption_fixture("seed", "platform");
    ok(&root, &["init", "--include", "ml/**", "--include", "cache"]);
    assert_eq!(
        cataloged(&root),
        ["terraform/modules/cache", "terraform/modules/ml/tracking"]
    );

    // Nothing left, or a glob that is not one: an error that says how to fix it, no file.
    for (args, says) in [
        (
            &["--exclude", "**"][..],
            "but --include / --exclude leave none",
        ),
        (
            &["--include", "modules/[x"][..],
            "`--include modules/[x` is not a glob",
        ),
    ] {
        let (_dir, root) = adoption_fixture("root", "terraform-aws-widget");
        let mut all = vec!["init"];
        all.extend(args);
        let (code, out) = run(&root, &all);
        assert_eq!(code, 2, "{out}");
        assert!(out.contains(says) && out.contains("help: "), "{out}");
        assert!(!root.join("catalog.toml").exists());
    }
}

/// Whatever `init` writes, in every layout and with every filter, passes the schema it
/// ships (`mdbook-catalog schema`, what editors validate with) and loads (`check` runs).
#[test]
fn what_init_writes_passes_its_schema_and_loads() {
    let (_dir, root) = adoption_fixture("root", "terraform-aws-widget");
    let schema = ok(&root, &["schema"]);
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let big = big_repository();
    let cases: [(&str, &str, &[&str]); 5] = [
        ("seed", "platform", &[]),
        ("seed", "Odd Name!", &["--include", "**"]),
        ("root", "terraform-aws-widget", &[]),
        ("root", "_", &["--exclude", "modules/*"]),
        ("root", "x", &["--modules-dir", "modules"]),
    ];
    let mut roots: Vec<(Option<tempfile::TempDir>, PathBuf, Vec<&str>)> = cases
        .iter()
        .map(|(fixture, name, args)| {
            let (dir, root) = adoption_fixture(fixture, name);
            (Some(dir), root, args.to_vec())
        })
        .collect();
    roots.push((None, big.path().join("platform"), Vec::new()));
    for (_dir, root, args) in &roots {
        let mut all = vec!["init"];
        all.extend(args);
        ok(root, &all);
        let text = read(root, "catalog.toml");
        let catalog: toml::Table = text.parse().unwrap();
        let catalog = serde_json::to_value(&catalog).unwrap();
        let mut errors = Vec::new();
        schema::validate(&schema, &schema, &catalog, "", &mut errors);
        assert!(errors.is_empty(), "{}: {errors:#?}\n{text}", root.display());
        let (code, out) = run(root, &["check"]);
        assert_eq!(code, 0, "{}: {out}", root.display());
    }
}

/// Modules of the big repository: directory under `terraform/modules`, and whether the
/// example file holds a block for it.
const BIG: [(&str, bool); 14] = [
    ("compute/batch", true),
    ("compute/lambda", false),
    ("data/cache", true),
    ("data/queue", true),
    ("data/rds", true),
    ("ml/feature-store", true),
    ("ml/kubeflow", true),
    ("ml/mlflow", true),
    ("network/lattice", true),
    ("network/vpc", true),
    ("observability/logs", true),
    ("observability/metrics", true),
    ("security/kms", true),
    ("security/waf", true),
];

const BIG_EXAMPLE: &str = "terraform/environments/prod/optional.tf.example";

/// The first line of the commented block for `BIG[i]` in the example file (five lines each,
/// a blank between, after a two-line header), before any edit.
fn big_block(i: usize) -> usize {
    let before = BIG[..i].iter().filter(|(_, example)| *example).count();
    3 + before * 6
}

/// A platform repository of 14 modules (READMEs on some, one without an example), an
/// environment instantiating two of them, an example file, and guides: a current one with
/// a placeholder path, and a legacy one citing a runbook that is gone.
fn big_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("platform");
    let write = |path: &str, text: &str| common::write_file(&root, path, text);
    let mut example = String::from("# Optional production modules.\n# Uncomment what you need.\n");
    for (i, (module, has_example)) in BIG.iter().enumerate() {
        let name = module.rsplit('/').next().unwrap().replace('-', "_");
        write(
            &format!("terraform/modules/{module}/main.tf"),
            &format!(
                "variable \"name\" {{\n  description = \"Name of the {name}.\"\n  type        = string\n}}\n\nvariable \"size_{i}\" {{\n  type    = number\n  default = {i}\n}}\n"
            ),
        );
        if i % 3 != 0 {
            write(
                &format!("terraform/modules/{module}/README.md"),
                &format!("# {name}\n\nProvides the {name} service for the platform.\n"),
            );
        }
        if *has_example {
            assert_eq!(example.lines().count() + 1, big_block(i));
            example.push_str(&format!(
                "# module \"{name}\" {{\n#   source = \"../../modules/{module}\"\n#   name   = \"prod-{name}\"\n#   size_{i} = {i}\n# }}\n\n"
            ));
        }
    }
    write(BIG_EXAMPLE, &example);
    write(
        "terraform/environments/prod/main.tf",
        "module \"vpc\" {\n  source = \"../../modules/network/vpc\"\n  name   = \"prod\"\n}\n\nmodule \"rds\" {\n  source = \"../../modules/data/rds\"\n  name   = \"prod\"\n}\n",
    );
    let at = |i: usize| format!("{}-{}", big_block(i), big_block(i) + 4);
    write(
        "docs/platform.md",
        &format!(
            "# Platform\n\n## Network\n\nThe VPC: `/{BIG_EXAMPLE}` lines {}.\nEach environment has its own `terraform/environments/<env>/main.tf`.\n\n\
             ## Cache\n\nThe cache: `/{BIG_EXAMPLE}` lines {}.\n\n\
             ## Tracking\n\nMLflow: `/{BIG_EXAMPLE}` lines {}. Restore it with `/docs/runbooks/restore.md`.\n",
            at(9),
            at(2),
            at(7)
        ),
    );
    write(
        "docs/legacy/old.md",
        "# Old\n\nSee `/docs/old-runbook.md`.\n",
    );
    dir
}

/// A big repository with mixed problems is adopted gradually: `init` catalogs its 14
/// modules, the guides are checked too; drift found later is made a warning by `[check]`,
/// a legacy folder is let off per path, what is left goes into a baseline; `check` fails
/// before, passes with the baseline, and fails again on a new problem alone.
#[test]
fn a_big_repository_is_adopted_through_levels_and_a_baseline() {
    let dir = big_repository();
    let root = dir.path().join("platform");
    ok(&root, &["init"]);
    assert_eq!(cataloged(&root).len(), 14);
    let catalog = read(&root, "catalog.toml");
    assert!(catalog.contains("[modules.lambda]"), "{catalog}");
    assert_eq!(
        catalog.matches("example = { lines = ").count(),
        13,
        "{catalog}"
    );
    assert_eq!(
        catalog.matches("status = \"active\"").count(),
        2,
        "{catalog}"
    );
    ok(&root, &["install", "book"]);
    let guides = ["docs/platform.md", "docs/legacy/old.md"];
    let check = |extra: &[&str]| -> (i32, String) {
        let mut args = vec!["check"];
        args.extend(guides);
        args.extend(extra);
        run(&root, &args)
    };
    // The runbooks are gone: two broken paths (the placeholder `<env>` is not one).
    let (code, out) = check(&[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        common::human_findings(&out),
        [
            "error broken-path at docs/legacy/old.md:3:5",
            "error broken-path at docs/platform.md:14:89",
        ],
        "{out}"
    );

    // Later, someone adds two lines above the cache block: every block from there moves.
    let text = read(&root, BIG_EXAMPLE);
    let cache = big_block(2);
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(cache - 1, "# Caches: see the runbook.\n#");
    std::fs::write(root.join(BIG_EXAMPLE), lines.join("\n") + "\n").unwrap();
    let (code, out) = check(&[]);
    assert_eq!(code, 1, "{out}");
    // The catalog's 12 entries from the cache on moved; the guide's three ranges, which name
    // nothing, now cover a part of a block or two: a warning (which block was meant is a
    // guess).
    assert_eq!(out.matches("error[ref-moved]").count(), 12, "{out}");
    assert_eq!(out.matches("warning[ref-misaligned]").count(), 3, "{out}");
    assert!(
        out.contains("error: 14 errors, 3 warnings in 3 files"),
        "{out}"
    );
    let (code, out) = run(&root, &["build", "book"]);
    assert_eq!(code, 1, "build fails on the drift too: {out}");

    // Adopt: drift is a warning for now, the legacy folder is let off broken paths.
    let mut catalog = read(&root, "catalog.toml");
    catalog.push_str(
        "\n[check]\nwarn = [\"ref-moved\"]\n\n[[check.per-path]]\npaths = [\"docs/legacy/**\"]\nallow = [\"broken-path\"]\n",
    );
    std::fs::write(root.join("catalog.toml"), catalog).unwrap();
    let (code, out) = check(&[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(out.matches("warning[ref-moved]").count(), 12, "{out}");
    assert!(!out.contains("docs/legacy"), "{out}");
    assert!(
        out.contains("error: 1 error, 15 warnings in 2 files"),
        "{out}"
    );
    let (code, out) = run(&root, &["build", "book"]);
    assert_eq!(code, 0, "the book builds: {out}");
    // What is left goes into a baseline.
    let out = ok(
        &root,
        &[
            "check",
            guides[0],
            guides[1],
            "--write-baseline",
            ".catalog-baseline.json",
        ],
    );
    assert!(out.contains("wrote 16 findings to the baseline"), "{out}");
    let (code, out) = check(&["--baseline", ".catalog-baseline.json"]);
    assert_eq!(code, 0, "{out}");

    // A new problem fails, alone: a module directory is deleted.
    std::fs::remove_dir_all(root.join("terraform/modules/compute/lambda")).unwrap();
    let (code, out) = check(&["--baseline", ".catalog-baseline.json"]);
    assert_eq!(code, 1, "{out}");
    let new: Vec<String> = common::human_findings(&out)
        .into_iter()
        .filter(|f| f.starts_with("error"))
        .collect();
    assert_eq!(new.len(), 1, "{out}");
    assert!(
        new[0].starts_with("error broken-path at catalog.toml:"),
        "{out}"
    );
    assert!(
        out.contains("module directory `terraform/modules/compute/lambda` does not exist"),
        "{out}"
    );
}

/// Run from a subdirectory (`docs/`), `check` finds the catalog above it and names every
/// file relative to the root, in human, GitHub and JSON output.
#[test]
fn run_from_a_subdirectory_every_path_is_relative_to_the_root() {
    let dir = big_repository();
    let root = dir.path().join("platform");
    ok(&root, &["init"]);
    let docs = root.join("docs");
    let (code, out) = run(&docs, &["check", "platform.md"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(" --> docs/platform.md:14:89") && !out.contains("../"),
        "{out}"
    );
    let (code, out) = run(&docs, &["check", "platform.md", "--format", "github"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("::error file=docs/platform.md,line=14,") && !out.contains("../"),
        "{out}"
    );
    // A stale reference: the finding and its related place, both from the root.
    let text = read(&root, BIG_EXAMPLE);
    std::fs::write(root.join(BIG_EXAMPLE), format!("#\n{text}")).unwrap();
    let (code, out) = run(&docs, &["check", "platform.md", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let mut files = std::collections::BTreeSet::new();
    for line in out.lines().filter(|l| l.starts_with('{')) {
        let f: serde_json::Value = serde_json::from_str(line).unwrap();
        files.insert(f["file"].as_str().unwrap().to_owned());
        for related in f["related"].as_array().into_iter().flatten() {
            files.insert(related["file"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        ["catalog.toml", "docs/platform.md", BIG_EXAMPLE],
        "{out}"
    );
}

/// `check` and `build` reach the same verdict on every way of writing a module path: the
/// root module as `.`, `./`, `` or `/`, a module with a trailing slash, a directory without
/// `.tf` files, one that does not exist.
#[test]
fn check_and_build_agree_on_every_module_path() {
    let (_dir, root) = adoption_fixture("root", "terraform-aws-widget");
    ok(&root, &["init"]);
    install_check_build(&root, &[]);
    let adopted = read(&root, "catalog.toml");
    for (path, clean) in [
        (".", true),
        ("./", true),
        ("", true),
        ("/", true),
        ("/.", true),
        ("modules/listener/", false),
        ("./modules/listener", false),
        ("examples", false),
        ("nope", false),
    ] {
        let catalog = adopted.replacen("path = \".\"", &format!("path = \"{path}\""), 1);
        std::fs::write(root.join("catalog.toml"), catalog).unwrap();
        let (check, check_out) = run(&root, &["check"]);
        let (build, build_out) = run(&root, &["build", "book"]);
        assert_eq!(
            (check, common::human_findings(&check_out)),
            (build, common::human_findings(&build_out)),
            "`{path}`:\ncheck:\n{check_out}\nbuild:\n{build_out}"
        );
        assert_eq!(check == 0, clean, "`{path}`: {check_out}");
    }
}

/// A JSON Schema validator for the keywords `schemars` writes: the test's own, so init's
/// output is held to the schema editors use, not to the loader beside the code under test.
/// A keyword it does not know fails the test rather than passing in silence.
mod schema {
    use serde_json::Value;

    pub fn validate(
        schema: &Value,
        root: &Value,
        value: &Value,
        at: &str,
        errors: &mut Vec<String>,
    ) {
        let Some(object) = schema.as_object() else {
            if schema == &Value::Bool(false) {
                errors.push(format!("{at}: not allowed"));
            }
            return;
        };
        for (keyword, rule) in object {
            match keyword.as_str() {
                "$schema" | "$defs" | "title" | "description" | "default" | "deprecated" => {}
                "$ref" => {
                    let name = rule.as_str().unwrap().strip_prefix("#/$defs/").unwrap();
                    validate(&root["$defs"][name], root, value, at, errors);
                }
                "type" => {
                    let types: Vec<&str> = match rule {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().map(|t| t.as_str().unwrap()).collect(),
                        _ => panic!("type {rule}"),
                    };
                    let fits = |t: &str| match t {
                        "string" => value.is_string(),
                        "null" => value.is_null(),
                        "object" => value.is_object(),
                        "array" => value.is_array(),
                        "boolean" => value.is_boolean(),
                        "integer" => value.is_i64() || value.is_u64(),
                        "number" => value.is_number(),
                        other => panic!("type {other}"),
                    };
                    if !types.iter().any(|t| fits(t)) {
                        errors.push(format!("{at}: {value} is not {types:?}"));
                    }
                }
                "properties" => {
                    for (key, sub) in rule.as_object().unwrap() {
                        if let Some(v) = value.get(key) {
                            validate(sub, root, v, &format!("{at}.{key}"), errors);
                        }
                    }
                }
                "additionalProperties" => {
                    let known = object.get("properties").and_then(Value::as_object);
                    for (key, v) in value.as_object().into_iter().flatten() {
                        if known.is_none_or(|k| !k.contains_key(key)) {
                            validate(rule, root, v, &format!("{at}.{key}"), errors);
                        }
                    }
                }
                "required" => {
                    for key in rule.as_array().unwrap() {
                        let key = key.as_str().unwrap();
                        if value.is_object() && value.get(key).is_none() {
                            errors.push(format!("{at}: `{key}` is required"));
                        }
                    }
                }
                "items" => {
                    for (i, v) in value.as_array().into_iter().flatten().enumerate() {
                        validate(rule, root, v, &format!("{at}[{i}]"), errors);
                    }
                }
                "enum" => {
                    if !rule.as_array().unwrap().contains(value) {
                        errors.push(format!("{at}: {value} is not one of {rule}"));
                    }
                }
                "const" => {
                    if rule != value {
                        errors.push(format!("{at}: {value} is not {rule}"));
                    }
                }
                "oneOf" | "anyOf" => {
                    let fitting = rule
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|sub| {
                            let mut e = Vec::new();
                            validate(sub, root, value, at, &mut e);
                            e.is_empty()
                        })
                        .count();
                    let fits = if keyword == "oneOf" {
                        fitting == 1
                    } else {
                        fitting >= 1
                    };
                    if !fits {
                        errors.push(format!("{at}: {value} fits {fitting} of {keyword}"));
                    }
                }
                other => panic!("the test's validator does not know `{other}`"),
            }
        }
    }
}
