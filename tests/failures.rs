//! One fixture per failure: `tests/fixtures/base` is a valid project; each other folder
//! holds the files that replace the base's to make one thing wrong. `mdbook-catalog build`
//! must exit 1 and say what is wrong, where, and how to fix it.

mod common;

use std::path::Path;

/// Copies the base project, lays the case's files over it, builds, returns (exit, stderr).
fn build_case(case: &str) -> (i32, String) {
    let fixtures = common::repo().join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&fixtures.join("base"), dir.path());
    if case != "base" {
        common::copy_dir(&fixtures.join(case), dir.path());
    }
    let output = common::bin()
        .args(["build", "book"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    if case != "base" {
        assert!(
            !dir.path().join("book/book/cache.html").exists(),
            "{case}: no page may be written"
        );
    }
    (output.status.code().unwrap(), stderr)
}

fn assert_fails(case: &str, needles: &[&str]) {
    let (code, stderr) = build_case(case);
    assert_eq!(code, 1, "{case}: exit code\n{stderr}");
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{case}: expected `{needle}` in\n{stderr}"
        );
    }
    insta::assert_snapshot!(case, stderr);
}

#[test]
fn base_builds() {
    let (code, stderr) = build_case("base");
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn toml_syntax() {
    assert_fails("toml-syntax", &["error[toml-syntax]", "catalog.toml:9:"]);
}

#[test]
fn schema_unknown_key() {
    assert_fails(
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
    assert_fails(
        "schema-wrong-type",
        &["error[schema]", "expected a string", "catalog.toml:9:8"],
    );
}

#[test]
fn comparison_unknown_module() {
    assert_fails(
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
    let source = std::fs::read_to_string(common::repo().join("tests/failures.rs")).unwrap();
    for entry in std::fs::read_dir(common::repo().join("tests/fixtures")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if Path::new(&name).extension().is_none() {
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
