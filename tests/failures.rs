//! One fixture per failure: `tests/fixtures/base` is a valid project; each other folder
//! holds the files that replace the base's to make one thing wrong. `mdbook-catalog build`
//! must exit 1 and say what is wrong, where, and how to fix it.

mod common;

use std::path::Path;

/// Copies the base project, lays the case's files over it, builds, returns (exit, stderr).
fn build_case(case: &str) -> (i32, String) {
    let dir = common::fixture_case(case);
    let (code, stderr) = build_in(&dir);
    if case != "base" {
        assert!(
            !dir.path().join("book/book/cache.html").exists(),
            "{case}: no page may be written"
        );
    }
    (code, stderr)
}

fn build_in(dir: &tempfile::TempDir) -> (i32, String) {
    let output = common::bin()
        .args(["build", "book"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code().unwrap(), stderr)
}

/// The build fails with findings (exit 1).
fn assert_fails(case: &str, needles: &[&str]) {
    assert_exit(case, 1, needles);
}

/// The catalog does not load: unusable input (exit 2).
fn assert_unusable(case: &str, needles: &[&str]) {
    assert_exit(case, 2, needles);
}

fn assert_exit(case: &str, expected: i32, needles: &[&str]) {
    let (code, stderr) = build_case(case);
    assert_eq!(code, expected, "{case}: exit code\n{stderr}");
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{case}: expected `{needle}` in\n{stderr}"
        );
    }
    insta::assert_snapshot!(case, stderr);
}

#[test]
fn base_builds_and_leaves_escaped_and_code_directives_alone() {
    let dir = common::fixture_case("base");
    let (code, stderr) = build_in(&dir);
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(dir.path().join("book/book/cache.html")).unwrap();
    assert!(html.contains("See <code>/terraform/envs/dev/example.tf.example</code> lines 3-7"));
    assert!(
        html.contains("<code>{{#catalog module cache}}</code>"),
        "code span kept"
    );
    assert!(
        html.contains(" {{#catalog summary}} is shown as text"),
        "escape shown without backslash"
    );
    assert!(
        html.contains("{{#catalog quick-reference}}\n</code></pre>")
            || html.contains("{{#catalog quick-reference}}\n"),
        "code block kept"
    );
}

/// Builds the base project with `text` as the theme's override of template `name`: the exit
/// code, stderr, and the page `cache.html` (empty when the build failed).
fn build_with_template(name: &str, text: &str) -> (i32, String, String) {
    let dir = common::fixture_case("base");
    let theme = dir.path().join("book/theme/catalog");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(theme.join(name), text).unwrap();
    let (code, stderr) = build_in(&dir);
    let html = std::fs::read_to_string(dir.path().join("book/book/cache.html")).unwrap_or_default();
    (code, stderr, html)
}

#[test]
fn a_theme_template_overrides_the_builtin() {
    let (code, stderr, html) = build_with_template(
        "example.md.tera",
        "Lines {{ example.lines }} of `{{ example.file }}`.\n",
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        html.contains("Lines 3-7 of <code>/terraform/envs/dev/example.tf.example</code>."),
        "{html}"
    );
}

#[test]
fn a_theme_template_overrides_the_interface_tables() {
    let (code, stderr, html) = build_with_template(
        "interface.md.tera",
        "{% for section in sections %}{{ section.title }}: {{ section.rows | length }} row(s). \
         {% endfor %}",
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(html.contains("Requirements: "), "{html}");
    assert!(html.contains(" row(s). Inputs: "), "{html}");
}

#[test]
fn a_broken_theme_template_names_its_file() {
    let (code, stderr, _) = build_with_template("costs.md.tera", "{% if %}");
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("theme/catalog/costs.md.tera"), "{stderr}");
}

#[test]
fn toml_syntax() {
    assert_unusable("toml-syntax", &["error[toml-syntax]", "catalog.toml:9:"]);
}

#[test]
fn schema_unknown_key() {
    assert_unusable(
        "schema-unknown-key",
        &[
            "error[schema]: unknown field `cots`",
            "catalog.toml:9:1",
            "did you mean `cost`?",
        ],
    );
}

#[test]
fn schema_wrong_type() {
    assert_unusable(
        "schema-wrong-type",
        &["error[schema]", "expected a string", "catalog.toml:9:8"],
    );
}

#[test]
fn comparison_unknown_module() {
    assert_unusable(
        "comparison-unknown-module",
        &["module `cahce`", "did you mean `cache`?"],
    );
}

#[test]
fn unknown_module_in_directive() {
    assert_fails(
        "unknown-module-in-directive",
        &[
            "error[unknown-directive]: the catalog has no module `cahce`",
            "cache.md:3:5",
            "did you mean `cache`?",
        ],
    );
}

#[test]
fn missing_example_file() {
    assert_fails(
        "missing-example-file",
        &[
            "error[broken-path]",
            "missing.tf.example` does not exist",
            "catalog.toml:3:11",
        ],
    );
}

#[test]
fn range_past_eof() {
    assert_fails(
        "range-past-eof",
        &[
            "error[ref-out-of-range]",
            "lines 3-70, but the file has 7 lines",
            "now spans lines 3-7",
        ],
    );
}

#[test]
fn range_not_the_block() {
    assert_fails(
        "range-not-the-block",
        &[
            "error[ref-moved]",
            "module `cache` cites",
            "lines 3-7",
            "it now spans lines 4-8",
            "run `mdbook-catalog fix`",
        ],
    );
}

#[test]
fn every_fixture_has_a_test() {
    // A fixture may be used by any test file.
    let mut source = String::new();
    for entry in std::fs::read_dir(common::repo().join("tests")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() && path.extension().is_some_and(|e| e == "rs") {
            source.push_str(&std::fs::read_to_string(&path).unwrap());
            source.push('\n');
        }
    }
    for entry in std::fs::read_dir(common::repo().join("tests/fixtures")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if Path::new(&name).extension().is_none() && name != "base" {
            assert!(
                source.contains(&format!("\"{name}\"")),
                "fixture `{name}` has no test"
            );
        }
    }
}

#[test]
fn example_block_unterminated() {
    assert_fails(
        "example-block-unterminated",
        &[
            "error[hcl-syntax]",
            "module \"cache\" block is not closed before the end of the file",
            "example.tf.example:3:1",
            "error[ref-out-of-range]",
        ],
    );
}

#[test]
fn example_not_utf8() {
    assert_fails(
        "example-not-utf8",
        &[
            "error[broken-path]",
            "example.tf.example` cannot be read: not valid UTF-8",
            "catalog.toml:3:11",
        ],
    );
}

/// `check` (given the book's chapters) and `build` reach the same verdict on every fixture:
/// the same exit code and the same findings, code and location.
#[test]
fn check_and_build_agree_on_every_fixture() {
    let fixtures = common::repo().join("tests/fixtures");
    let mut cases: Vec<String> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(cases.len() > 10, "fixtures: {cases:?}");
    let mut compared = 0;
    for case in &cases {
        let dir = common::fixture_case(case);
        let chapters: Vec<String> = std::fs::read_dir(dir.path().join("book/src"))
            .unwrap()
            .map(|e| format!("book/src/{}", e.unwrap().file_name().to_string_lossy()))
            .filter(|p| p.ends_with(".md") && !p.ends_with("SUMMARY.md"))
            .collect();
        let check = common::bin()
            .arg("check")
            .args(&chapters)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let check_stderr = String::from_utf8(check.stderr).unwrap();
        let (build_code, build_stderr) = build_in(&dir);
        assert_eq!(
            check.status.code(),
            Some(build_code),
            "{case}: check and build exit differently\ncheck:\n{check_stderr}\nbuild:\n{build_stderr}"
        );
        let found = common::human_findings(&build_stderr);
        assert_eq!(
            common::human_findings(&check_stderr),
            found,
            "{case}: check and build find differently\ncheck:\n{check_stderr}\nbuild:\n{build_stderr}"
        );
        compared += found.len();
    }
    assert!(
        compared >= cases.len() - 5,
        "too few findings compared: {compared}"
    );
}
