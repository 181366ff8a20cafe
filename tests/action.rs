//! The composite GitHub Action (`action.yml`) runs what its steps say, with their inputs at
//! their defaults: on the embedded project both steps pass; when a Terraform change moves a
//! cited block, the check step fails with annotations and the build does not run.

mod common;

use std::path::Path;

/// The `mdbook-catalog ...` command lines of `action.yml`'s steps, with each
/// `${{ inputs.NAME }}` replaced by that input's default.
fn action_commands() -> Vec<Vec<String>> {
    let action = std::fs::read_to_string(common::repo().join("action.yml")).unwrap();
    let default_of = |name: &str| -> String {
        let at = action
            .find(&format!("\n  {name}:\n"))
            .unwrap_or_else(|| panic!("input `{name}` is declared"));
        let line = action[at..]
            .lines()
            .find(|l| l.trim_start().starts_with("default:"))
            .unwrap();
        let value = line.trim_start().trim_start_matches("default:").trim();
        value.trim_matches('"').to_owned()
    };
    let mut commands = Vec::new();
    for line in action.lines() {
        let Some(command) = line.trim_start().strip_prefix("run: mdbook-catalog ") else {
            continue;
        };
        let mut expanded = command.to_owned();
        while let Some(start) = expanded.find("${{ inputs.") {
            let end = start + expanded[start..].find("}}").unwrap() + 2;
            let name = expanded[start + "${{ inputs.".len()..end - 2].trim();
            expanded.replace_range(start..end, &default_of(name));
        }
        commands.push(
            expanded
                .split_whitespace()
                .map(|w| w.trim_matches('"').to_owned())
                .collect(),
        );
    }
    commands
}

/// `mdbook-catalog ARGS` as the workflow writes them.
fn run_command(dir: &Path, command: &[String]) -> (i32, String) {
    let args: Vec<&str> = command.iter().map(String::as_str).collect();
    common::run(dir, &args)
}

#[test]
fn the_action_checks_then_builds_the_embedded_project() {
    let commands = action_commands();
    assert_eq!(
        commands.iter().map(|c| c[0].as_str()).collect::<Vec<_>>(),
        ["check", "build"],
        "{commands:?}"
    );
    assert!(commands[0].contains(&"github".to_owned()), "{commands:?}");
    let dir = common::project_copy();
    for command in &commands {
        let (code, out) = run_command(dir.path(), command);
        assert_eq!(code, 0, "{command:?}: {out}");
    }
    assert!(dir.path().join("book/book/index.html").is_file());
}

#[test]
fn the_check_step_annotates_and_fails_when_a_cited_block_moves() {
    let commands = action_commands();
    let dir = common::project_copy();
    let example = dir
        .path()
        .join("terraform/environments/dev/optional-modules.tf.example");
    let text = std::fs::read_to_string(&example).unwrap();
    std::fs::write(&example, format!("# a new first line\n{text}")).unwrap();
    let (code, out) = run_command(dir.path(), &commands[0]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("::error file="), "{out}");
}
