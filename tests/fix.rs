//! `mdbook-catalog fix` rewrites drifted ranges in catalog.toml and nothing else.

mod common;

use std::path::Path;

/// `fix` in `dir` succeeds.
fn fix_succeeds(dir: &Path) {
    let out = common::output(dir, &["fix"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

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
    let out = common::output(dir.path(), &["fix"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
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
    fix_succeeds(dir.path());
    let after = std::fs::read_to_string(&catalog).unwrap();
    assert_eq!(after, before.replace("lines = \"3-7\"", "lines = \"4-8\""));
}

/// A catalog that is a symbolic link: `fix` rewrites the link's target in place (mode kept)
/// and the link stays a link.
#[cfg(unix)]
#[test]
fn fix_follows_a_symbolic_link_and_keeps_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = common::fixture_case("range-not-the-block");
    let catalog = dir.path().join("catalog.toml");
    let real = dir.path().join("real.toml");
    std::fs::rename(&catalog, &real).unwrap();
    std::os::unix::fs::symlink("real.toml", &catalog).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let before = std::fs::read_to_string(&real).unwrap();
    fix_succeeds(dir.path());
    let link = std::fs::symlink_metadata(&catalog).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        before.replace("lines = \"3-7\"", "lines = \"4-8\""),
        "the target was not updated"
    );
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

/// A catalog with a second hard link: an atomic rename would split the two names, so `fix`
/// refuses, says why, and writes nothing.
#[cfg(unix)]
#[test]
fn fix_refuses_a_hard_linked_file_and_writes_nothing() {
    let dir = common::fixture_case("range-not-the-block");
    let catalog = dir.path().join("catalog.toml");
    let other = dir.path().join("other.toml");
    std::fs::hard_link(&catalog, &other).unwrap();
    let before = std::fs::read(&catalog).unwrap();
    let out = common::output(dir.path(), &["fix"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let stderr = out.stderr;
    assert!(stderr.contains("has 2 hard links"), "{stderr}");
    assert_eq!(std::fs::read(&catalog).unwrap(), before);
    assert_eq!(std::fs::read(&other).unwrap(), before);
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(&catalog).unwrap().nlink(), 2, "split");
}
