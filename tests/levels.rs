//! Adopting gradually: `[check]` levels per code and per path, inline suppressions, and a
//! baseline. `check` and `build` honour the same levels.

mod common;

use std::path::Path;

use common::run;

fn append(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(path, old + text).unwrap();
}

const EXAMPLE: &str = "terraform/environments/dev/optional-modules.tf.example";

/// The embedded project with one line added on top of the example file: seven catalog
/// references are stale (`ref-moved`).
fn moved() -> tempfile::TempDir {
    let dir = common::project_copy();
    let path = dir.path().join(EXAMPLE);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(path, format!("# added\n{text}")).unwrap();
    dir
}

#[test]
fn a_code_set_to_warn_reports_without_failing_check_or_build() {
    let dir = moved();
    assert_eq!(run(dir.path(), &["check"]).0, 1);
    append(
        dir.path(),
        "catalog.toml",
        "\n[check]\nwarn = [\"ref-moved\"]\n",
    );
    let (code, out) = run(dir.path(), &["check"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("warning[ref-moved]").count(), 7, "{out}");
    assert!(out.contains("7 warnings"), "{out}");
    let (code, out) = run(dir.path(), &["build", "book"]);
    assert_eq!(code, 0, "build honours [check] too: {out}");
    assert!(out.contains("warning[ref-moved]"), "{out}");
}

#[test]
fn allow_drops_a_code_and_error_raises_one() {
    let dir = moved();
    append(
        dir.path(),
        "catalog.toml",
        "\n[check]\nallow = [\"ref-moved\"]\n",
    );
    let (code, out) = run(dir.path(), &["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("ref-moved"), "{out}");
}

#[test]
fn per_path_levels_apply_to_matching_files_only() {
    let dir = common::project_copy();
    for guide in ["docs/legacy/old.md", "docs/new.md"] {
        std::fs::create_dir_all(dir.path().join(guide).parent().unwrap()).unwrap();
        std::fs::write(dir.path().join(guide), "# Guide\n\nSee `/docs/gone.md`.\n").unwrap();
    }
    append(
        dir.path(),
        "catalog.toml",
        "\n[[check.per-path]]\npaths = [\"docs/legacy/**\"]\nwarn = [\"broken-path\"]\n",
    );
    let (code, out) = run(
        dir.path(),
        &[
            "check",
            "docs/legacy/old.md",
            "docs/new.md",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1, "{out}");
    let levels: Vec<(String, String)> = out
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        levels,
        [
            ("docs/legacy/old.md".to_owned(), "warning".to_owned()),
            ("docs/new.md".to_owned(), "error".to_owned())
        ]
    );
}

#[test]
fn a_misspelt_code_or_glob_in_check_is_an_error_at_its_place() {
    let dir = common::project_copy();
    append(
        dir.path(),
        "catalog.toml",
        "\n[check]\nwarn = [\"ref-mvoed\"]\n",
    );
    let (code, out) = run(dir.path(), &["check"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("ref-mvoed") && out.contains("catalog.toml:"),
        "{out}"
    );

    let dir = common::project_copy();
    append(
        dir.path(),
        "catalog.toml",
        "\n[[check.per-path]]\npaths = [\"docs/[legacy\"]\nallow = [\"broken-path\"]\n",
    );
    let (code, out) = run(dir.path(), &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("`docs/[legacy` is not a path glob"), "{out}");
}

#[test]
fn suppression_comments_in_markdown_and_in_the_example_file() {
    let dir = moved();
    // A guide citing a path that does not exist, once suppressed and once not.
    std::fs::write(
        dir.path().join("guide.md"),
        "# Guide\n\n<!-- mdbook-catalog: allow(broken-path) -->\nSee `/docs/gone.md`.\n\n\
         See `/docs/also-gone.md`.\n",
    )
    .unwrap();
    // Above the Memcached block in the example file: its findings are known.
    let path = dir.path().join(EXAMPLE);
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "# module \"elasticache_memcached\" {",
        "# mdbook-catalog: allow(ref-moved)\n# module \"elasticache_memcached\" {",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let (code, out) = run(dir.path(), &["check", "guide.md"]);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("`/docs/gone.md`"), "{out}");
    assert!(out.contains("`/docs/also-gone.md` does not exist"), "{out}");
    assert!(!out.contains("elasticache_memcached\"` moved"), "{out}");
    assert!(out.contains("vpc_lattice_core\"` moved"), "{out}");
}

#[test]
fn a_baseline_accepts_known_findings_and_fails_on_new_ones() {
    let dir = moved();
    let (code, out) = run(
        dir.path(),
        &["check", "--write-baseline", "catalog-baseline.json"],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("wrote 7 findings to the baseline"), "{out}");
    let (code, out) = run(
        dir.path(),
        &["check", "--baseline", "catalog-baseline.json"],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("nothing new (7 known findings in the baseline)"),
        "{out}"
    );

    // Unrelated edits move every block again: the entries still hold (no line numbers).
    let path = dir.path().join(EXAMPLE);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("# two\n# more\n{text}")).unwrap();
    let (code, out) = run(
        dir.path(),
        &["check", "--baseline", "catalog-baseline.json"],
    );
    assert_eq!(code, 0, "{out}");

    // A new problem fails, alone.
    std::fs::write(dir.path().join("guide.md"), "# G\n\nSee `/docs/gone.md`.\n").unwrap();
    let (code, out) = run(
        dir.path(),
        &["check", "guide.md", "--baseline", "catalog-baseline.json"],
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error: 1 error in 1 file; 7 more in the baseline"),
        "{out}"
    );

    // Not a baseline: a clear error, exit 2.
    std::fs::write(dir.path().join("bad.json"), "{}").unwrap();
    let (code, out) = run(dir.path(), &["check", "--baseline", "bad.json"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("is not a baseline written by"), "{out}");
}

/// An entry is the code, the file and the text of the line a finding points at, counted: a
/// new finding on another line of the same file fails (and is the one reported), and so does
/// a second finding on an identical line once the entry's count is used up.
#[test]
fn baseline_entries_are_keyed_by_line_text_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("guide.md"), "# G\n\nSee `/docs/gone.md`.\n").unwrap();
    let (code, out) = run(
        dir.path(),
        &["check", "guide.md", "--write-baseline", "b.json"],
    );
    assert_eq!(code, 0, "{out}");
    // A new missing path on an earlier line, and the known line written twice.
    std::fs::write(
        dir.path().join("guide.md"),
        "# G\n\nRead `/docs/new.md`.\n\nSee `/docs/gone.md`.\n\nSee `/docs/gone.md`.\n",
    )
    .unwrap();
    let (code, out) = run(
        dir.path(),
        &[
            "check",
            "guide.md",
            "--baseline",
            "b.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1, "{out}");
    let lines: Vec<u64> = out
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|f| f["line"].as_u64())
        .collect();
    assert_eq!(lines, [3, 7], "{out}");
}
