//! Parse parity with HashiCorp's HCL parser (issue 16), on minimal hand-written fixtures in
//! `tests/parity/`: each file of `valid/` is a construct HashiCorp's parser accepts and
//! hcl-edit alone rejects, found by `tools/parity/run` on the corpus or named in the issue;
//! each file of `invalid/` is one HashiCorp's parser rejects, to prove that the masking
//! before hcl-edit makes nothing valid that is not, and that the error keeps HCL's position.
//! `tools/parity/run tests/parity` compares these files with `@cdktf/hcl2json` itself.

mod common;

use std::path::{Path, PathBuf};

use hcl::edit::expr::{Expression, ObjectKey};
use hcl::edit::structure::Structure;
use mdbook_catalog::terraform::parse;

fn fixtures(kind: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/parity")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "tf"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn every_valid_fixture_is_read() {
    let valid = fixtures("valid");
    assert!(valid.len() >= 3);
    for (name, text) in valid {
        // The reason the fixture exists: hcl-edit alone rejects it.
        assert!(
            hcl::edit::parser::parse_body(&text).is_err(),
            "{name}: hcl-edit now reads it unaided; the fixture no longer tests the masking"
        );
        if let Err(err) = parse::body(&text) {
            panic!("{name}: {err}");
        }
    }
}

/// Where HashiCorp's parser puts the first error of each invalid fixture (hcl2json 0.21.0,
/// `tools/parity/verdicts.js`), line and column.
const HCL_POSITIONS: &[(&str, usize, usize)] = &[
    ("comment-does-not-join-items", 4, 5),
    ("newline-after-operator", 2, 10),
    ("newline-after-operator-in-object-in-for", 3, 12),
    ("repeated-attribute", 3, 3),
    ("repeated-key-then-missing-value", 2, 20),
    ("unclosed-string-in-brackets", 2, 12),
];

#[test]
fn every_invalid_fixture_is_an_error_at_hcls_position() {
    let invalid = fixtures("invalid");
    assert_eq!(
        invalid.len(),
        HCL_POSITIONS.len(),
        "a fixture without its position"
    );
    for (name, text) in invalid {
        let &(_, line, column) = HCL_POSITIONS
            .iter()
            .find(|(n, ..)| *n == name)
            .unwrap_or_else(|| panic!("{name}: no position in HCL_POSITIONS"));
        let err = parse::body(&text)
            .err()
            .unwrap_or_else(|| panic!("{name}: accepted"));
        assert_eq!((err.line, err.column), (line, column), "{name}: {err}");
        let line_start: usize = text
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum();
        assert_eq!(err.at, line_start + column - 1, "{name}: byte offset");
    }
}

#[test]
fn a_repeated_key_keeps_the_last_value() {
    let text = &fixtures("valid")
        .into_iter()
        .find(|(name, _)| name == "object-repeated-key")
        .unwrap()
        .1;
    let (body, _) = parse::body(text).unwrap();
    let Some(Structure::Block(locals)) = body.iter().next() else {
        panic!("no locals block");
    };
    for (attr, key, last) in [("settings", "size", "2"), ("inline", "a", "2")] {
        let Some(Expression::Object(object)) = locals.body.get_attribute(attr).map(|a| &a.value)
        else {
            panic!("{attr} is not an object");
        };
        let values: Vec<String> = object
            .iter()
            .filter(|(k, _)| matches!(k, ObjectKey::Ident(i) if i.as_str() == key))
            .map(|(_, v)| v.expr().to_string().trim().to_owned())
            .collect();
        assert_eq!(values, [last], "{attr}");
    }
}

#[test]
fn the_module_reader_reads_valid_fixtures_and_reports_invalid_ones_where_hcl_does() {
    let run = common::bin()
        .args(["module", "tests/parity/valid"])
        .current_dir(common::repo())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(!stderr.contains("hcl-syntax"), "{stderr}");

    let run = common::bin()
        .args(["module", "tests/parity/invalid"])
        .current_dir(common::repo())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    for (name, line, column) in HCL_POSITIONS {
        let at = format!("tests/parity/invalid/{name}.tf:{line}:{column}");
        assert!(stderr.contains(&at), "{at} not in:\n{stderr}");
    }
}
