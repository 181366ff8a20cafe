//! What every command prints, on success and on failure, in each format it has: one snapshot
//! per case, exit code and both streams. Temporary paths are replaced by `[DIR]`.
//! (`module` output is held by `module_cli.rs`.)

mod common;

use std::path::Path;

/// The embedded project, with `change` applied to its example file.
fn project(change: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = common::project_copy();
    let example = dir
        .path()
        .join("terraform/environments/dev/optional-modules.tf.example");
    let text = std::fs::read_to_string(&example).unwrap();
    std::fs::write(&example, change(&text)).unwrap();
    // A guide that cites the Memcached block a second time, under its module's section.
    std::fs::write(
        dir.path().join("guide.md"),
        "# Guide\n\n## Memcached\n\n**Module**: `terraform/modules/cache/elasticache_memcached`\n\n\
         ### Example\n\nSee `/terraform/environments/dev/optional-modules.tf.example` lines 38-57.\n",
    )
    .unwrap();
    dir
}

fn clean() -> tempfile::TempDir {
    project(str::to_owned)
}

/// One line inserted above every block: each citation is stale by one line.
fn moved() -> tempfile::TempDir {
    project(|text| format!("# a line added at the top\n{text}"))
}

/// Exit code, stdout and stderr of `mdbook-catalog ARGS` in `dir`, paths made stable.
fn run(dir: &Path, args: &[&str]) -> String {
    let out = common::output(dir, args);
    let text = format!(
        "$ mdbook-catalog {}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        out.code,
        out.stdout,
        out.stderr
    );
    let dir = std::fs::canonicalize(dir).unwrap();
    text.replace(&dir.display().to_string(), "[DIR]")
}

macro_rules! case {
    ($name:ident, $project:expr, $args:expr) => {
        #[test]
        fn $name() {
            let dir = $project;
            insta::assert_snapshot!(stringify!($name), run(dir.path(), &$args));
        }
    };
}

case!(check_clean_human, clean(), ["check", "guide.md"]);
case!(
    check_clean_json,
    clean(),
    ["check", "guide.md", "--format", "json"]
);
case!(
    check_clean_github,
    clean(),
    ["check", "guide.md", "--format", "github"]
);
case!(check_moved_human, moved(), ["check", "guide.md"]);
case!(
    check_moved_json,
    moved(),
    ["check", "guide.md", "--format", "json"]
);
case!(
    check_moved_github,
    moved(),
    ["check", "guide.md", "--format", "github"]
);
case!(check_quiet_moved, moved(), ["check", "-q", "guide.md"]);
case!(check_no_catalog, tempfile::tempdir().unwrap(), ["check"]);
case!(fix_dry_run_clean, clean(), ["fix", "--dry-run", "guide.md"]);
case!(fix_dry_run_moved, moved(), ["fix", "--dry-run", "guide.md"]);
case!(build_clean, clean(), ["build", "book"]);
case!(build_moved, moved(), ["build", "book"]);
case!(build_no_book, clean(), ["build", "nowhere"]);
case!(supports_html, clean(), ["supports", "html"]);
case!(supports_other, clean(), ["supports", "pdf"]);
case!(unknown_command, clean(), ["chekc"]);

#[test]
fn fix_moved_then_check_is_clean() {
    let dir = moved();
    insta::assert_snapshot!("fix_moved", run(dir.path(), &["fix", "guide.md"]));
    insta::assert_snapshot!(
        "fix_moved_then_check",
        run(dir.path(), &["check", "guide.md"])
    );
}

#[test]
fn init_and_install() {
    let dir = common::project_copy();
    std::fs::remove_file(dir.path().join("catalog.toml")).unwrap();
    std::fs::remove_file(dir.path().join("book/book.toml")).unwrap();
    insta::assert_snapshot!("init", run(dir.path(), &["init"]));
    insta::assert_snapshot!("init_again", run(dir.path(), &["init"]));
    insta::assert_snapshot!("install", run(dir.path(), &["install", "book"]));
    insta::assert_snapshot!("install_again", run(dir.path(), &["install", "book"]));
}
