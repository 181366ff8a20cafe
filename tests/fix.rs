//! `mdbook-catalog fix` rewrites drifted ranges in catalog.toml and nothing else.

mod common;

#[test]
fn fix_rewrites_only_the_range_and_is_idempotent() {
    let dir = common::fixture_case("range-not-the-block");
    let catalog = dir.path().join("catalog.toml");
    let before = std::fs::read_to_string(&catalog).unwrap();

    let run = |args: &[&str]| {
        common::bin()
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    assert_eq!(run(&["check"]).status.code(), Some(1));
    let fixed = run(&["fix"]);
    assert_eq!(
        fixed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&fixed.stderr)
    );
    let after = std::fs::read_to_string(&catalog).unwrap();
    assert_eq!(after, before.replace("lines = \"3-7\"", "lines = \"4-8\""));

    let again = run(&["fix"]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&catalog).unwrap(), after);
    assert_eq!(run(&["check"]).status.code(), Some(0));
}

#[test]
fn fix_refuses_an_invalid_catalog_and_writes_nothing() {
    let dir = common::fixture_case("toml-syntax");
    let catalog = dir.path().join("catalog.toml");
    let before = std::fs::read(&catalog).unwrap();
    let out = common::bin()
        .arg("fix")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&catalog).unwrap(), before);
}

#[test]
fn fix_keeps_a_byte_order_mark_and_edits_the_right_bytes() {
    let dir = common::fixture_case("range-not-the-block");
    let catalog = dir.path().join("catalog.toml");
    let before = format!("\u{feff}{}", std::fs::read_to_string(&catalog).unwrap());
    std::fs::write(&catalog, &before).unwrap();
    let check = common::bin()
        .arg("check")
        .env("NO_COLOR", "1")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&check.stderr).contains("catalog.toml:12:21"));
    let fixed = common::bin()
        .arg("fix")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        fixed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&fixed.stderr)
    );
    let after = std::fs::read_to_string(&catalog).unwrap();
    assert_eq!(after, before.replace("lines = \"3-7\"", "lines = \"4-8\""));
}
