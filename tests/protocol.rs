//! The compiled binary through mdBook's real out-of-process protocol: mdbook-driver spawns
//! `command = <this binary>` with `supports`, then pipes `[context, book]` through it.

mod common;

use std::io::Write;
use std::process::Stdio;

/// A copy of the embedded project whose book runs the compiled binary as its preprocessor.
fn project_with_command() -> tempfile::TempDir {
    with_command(env!("CARGO_BIN_EXE_mdbook-catalog").to_owned())
}

/// As [`project_with_command`], the binary's stderr written to `stderr.log` in the project
/// (mdBook passes its own stderr on, which would print a failing build's diagnostics into the
/// test run).
fn project_logging_stderr() -> tempfile::TempDir {
    let bin = env!("CARGO_BIN_EXE_mdbook-catalog");
    with_command(format!(
        "sh -c '\"{bin}\" \"$@\" 2>>../stderr.log' mdbook-catalog"
    ))
}

fn with_command(command: String) -> tempfile::TempDir {
    let dir = common::project_copy();
    let book_toml = dir.path().join("book/book.toml");
    let text = std::fs::read_to_string(&book_toml).unwrap();
    let command = format!("[preprocessor.catalog]\ncommand = {command:?}");
    std::fs::write(&book_toml, text.replace("[preprocessor.catalog]", &command)).unwrap();
    dir
}

#[test]
fn stock_mdbook_builds_the_guide_through_the_binary() {
    let dir = project_with_command();
    let book = mdbook_driver::MDBook::load(dir.path().join("book")).unwrap();
    book.build().unwrap();
    let page = std::fs::read_to_string(dir.path().join("book/book/modules/mlflow.html")).unwrap();
    let text = common::html_text(&page);
    assert!(
        text.contains("See /terraform/environments/dev/optional-modules.tf.example lines 231-273")
    );
    let index = std::fs::read_to_string(dir.path().join("book/book/index.html")).unwrap();
    assert!(index.contains("href=\"modules/mlflow.html\""));
}

#[test]
fn a_drifted_reference_fails_the_out_of_process_build() {
    let dir = project_logging_stderr();
    let example = dir
        .path()
        .join("terraform/environments/dev/optional-modules.tf.example");
    let text = std::fs::read_to_string(&example).unwrap();
    std::fs::write(&example, format!("# one more header line\n{text}")).unwrap();
    let book = mdbook_driver::MDBook::load(dir.path().join("book")).unwrap();
    let err = book.build().unwrap_err();
    assert!(format!("{err:#}").contains("catalog"), "{err:#}");
    assert!(!dir.path().join("book/book/index.html").exists());
    let stderr = std::fs::read_to_string(dir.path().join("stderr.log")).unwrap();
    assert!(stderr.contains("error[ref-moved]"), "{stderr}");
}

#[test]
fn supports_every_renderer() {
    for renderer in ["html", "markdown"] {
        let status = common::bin().args(["supports", renderer]).status().unwrap();
        assert!(status.success(), "{renderer}");
    }
}

/// Runs the binary as a preprocessor with `input` on stdin.
fn run_protocol(input: &[u8]) -> std::process::Output {
    let mut child = common::bin()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn malformed_input_on_stdin_is_a_clear_error() {
    let output = run_protocol(b"{not json");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("expected mdBook's preprocessor input"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn the_protocol_round_trips_a_book_and_warns_on_another_mdbook_version() {
    let dir = common::project_copy();
    let book = mdbook_driver::MDBook::load(dir.path().join("book")).unwrap();
    let ctx = serde_json::json!({
        "root": dir.path().join("book"),
        "config": book.config,
        "renderer": "html",
        "mdbook_version": "0.4.40",
    });
    let input = serde_json::to_vec(&(ctx, &book.book)).unwrap();
    let output = run_protocol(&input);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: mdbook-catalog was built against mdBook 0.5"),
        "{stderr}"
    );
    let out: mdbook_preprocessor::book::Book = serde_json::from_slice(&output.stdout).unwrap();
    let names: Vec<String> = out.chapters().map(|c| c.name.clone()).collect();
    assert!(names.contains(&"Aurora Global".to_owned()), "{names:?}");
    let readme = out
        .chapters()
        .find(|c| c.name == "Optional Modules Guide")
        .unwrap();
    assert!(
        readme
            .content
            .contains("| [ml/mlflow](modules/mlflow.md) |")
    );
    assert!(!readme.content.contains("{{#catalog"));
}
