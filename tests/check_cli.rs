//! `mdbook-catalog check` and `fix` from the command line: every state of a line reference
//! (through the catalog and through prose in markdown), the ways example blocks are written,
//! cited paths, the embedded project and the hand-written guide, and the output formats.
//!
//! Fixtures follow failures.rs: `tests/fixtures/base` is a valid project and a case folder
//! holds only the files that replace the base's. Small variations are written inline.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{check_json, fixture_cases, output};
use serde_json::Value;

/// The base project's example file, relative to the project root.
const EXAMPLE: &str = "terraform/envs/dev/example.tf.example";

/// A project without catalog.toml: the base's Terraform tree, and `guide` as GUIDE.md.
fn prose_dir(guide: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let base = common::repo().join("tests/fixtures/base");
    common::copy_dir(&base.join("terraform"), &dir.path().join("terraform"));
    write(dir.path(), "GUIDE.md", guide);
    dir
}

/// Lays the Terraform tree of fixture `case` over `dir`'s.
fn lay_terraform(dir: &Path, case: &str) {
    let from = common::repo()
        .join("tests/fixtures")
        .join(case)
        .join("terraform");
    common::copy_dir(&from, &dir.join("terraform"));
}

fn write(dir: &Path, path: &str, text: &str) {
    common::write_file(dir, path, text);
}

fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).unwrap()
}

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The only finding of a `check --format json` run that exited with `exit`.
fn only_finding(dir: &Path, args: &[&str], exit: i32) -> Value {
    let (code, findings) = check_json(dir, args);
    assert_eq!(code, exit, "exit code; findings: {findings:#?}");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    findings.into_iter().next().unwrap()
}

/// What a line-reference finding says: code, cited, actual, file and line.
fn assert_ref(
    finding: &Value,
    code: &str,
    cited: &str,
    actual: Option<&str>,
    file: &str,
    line: u64,
) {
    let expected = serde_json::json!({
        "code": code, "cited": cited, "actual": actual, "file": file, "line": line,
    });
    let got = serde_json::json!({
        "code": finding["code"], "cited": finding["cited"], "actual": finding["actual"],
        "file": finding["file"], "line": finding["line"],
    });
    assert_eq!(got, expected, "{finding:#}");
}

/// Replaces the base catalog's `lines = "3-7"` with `lines`.
fn cite(dir: &Path, lines: &str) {
    let catalog = read(dir, "catalog.toml");
    assert_eq!(catalog.matches("lines = \"3-7\"").count(), 1);
    write(
        dir,
        "catalog.toml",
        &catalog.replace("lines = \"3-7\"", &format!("lines = \"{lines}\"")),
    );
}

/// `fix` exits 0, rewrites the catalog's range from `from` to `to` and nothing else, and
/// `check` is clean after it.
fn assert_fix_rewrites_catalog(dir: &Path, from: &str, to: &str) {
    let before = tree(dir);
    let catalog = read(dir, "catalog.toml");
    let fixed = output(dir, &["fix"]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert!(
        fixed.stderr.contains("fixed 1 reference in catalog.toml"),
        "{}",
        fixed.stderr
    );
    assert_eq!(
        read(dir, "catalog.toml"),
        catalog.replace(&format!("lines = \"{from}\""), &format!("lines = \"{to}\""))
    );
    let mut after = tree(dir);
    after.remove(Path::new("catalog.toml"));
    let mut before = before;
    before.remove(Path::new("catalog.toml"));
    assert!(after == before, "fix wrote files other than catalog.toml");
    assert_eq!(check_json(dir, &[]), (0, vec![]));
}

/// `fix` has nothing machine-applicable to do: it writes nothing and exits 1.
fn assert_fix_writes_nothing(dir: &Path) {
    let before = tree(dir);
    let fixed = output(dir, &["fix"]);
    assert_eq!(fixed.code, 1, "{}", fixed.stderr);
    assert!(!fixed.stderr.contains("fixed "), "{}", fixed.stderr);
    assert!(tree(dir) == before, "fix wrote files");
}

// ---------------------------------------------------------------------------------------
// 1. Reference states, through the catalog.

#[test]
fn catalog_reference_ok() {
    let dir = fixture_cases(&[]);
    assert_eq!(check_json(dir.path(), &[]), (0, vec![]));
    let human = output(dir.path(), &["check"]);
    assert_eq!((human.code, human.stdout.as_str()), (0, ""));
    // A clean run says what it proved, in one line; `--quiet` says nothing.
    assert_eq!(
        human.stderr,
        "checked 1 reference, 2 arguments, 0 paths: all true\n"
    );
    let quiet = output(dir.path(), &["check", "--quiet"]);
    assert_eq!(
        (quiet.code, quiet.stdout.as_str(), quiet.stderr.as_str()),
        (0, "", "")
    );
}

#[test]
fn catalog_reference_moved() {
    let dir = fixture_cases(&["range-not-the-block"]);
    let f = only_finding(dir.path(), &[], 1);
    assert_ref(&f, "ref-moved", "3-7", Some("4-8"), "catalog.toml", 12);
    assert_eq!(f["column"], 21);
    assert_eq!(f["severity"], "error");
    assert_eq!(f["related"][0]["file"], EXAMPLE);
    assert_eq!(f["related"][0]["line"], 4);
    assert_eq!(f["related"][0]["end_line"], 8);
    assert_eq!(f["fix"]["edits"][0]["replacement"], "\"4-8\"");
    assert_fix_rewrites_catalog(dir.path(), "3-7", "4-8");
}

#[test]
fn catalog_reference_changed() {
    let dir = fixture_cases(&["check-changed"]);
    let f = only_finding(dir.path(), &[], 1);
    assert_ref(&f, "ref-changed", "3-7", Some("3-8"), "catalog.toml", 12);
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("changed extent: it now spans lines 3-8"),
        "{f:#}"
    );
    assert_fix_rewrites_catalog(dir.path(), "3-7", "3-8");
}

#[test]
fn catalog_reference_gone() {
    // The block now instantiates a registry module: nothing in the file is the module's.
    let dir = fixture_cases(&["check-gone"]);
    let f = only_finding(dir.path(), &[], 1);
    assert_ref(&f, "ref-gone", "3-7", None, "catalog.toml", 12);
    assert_eq!(f["fix"], Value::Null);
    assert_fix_writes_nothing(dir.path());
}

#[test]
fn catalog_reference_ambiguous() {
    // Two blocks instantiate `modules/cache` (lines 4-8 and 10-14); the catalog cites 3-7.
    let dir = fixture_cases(&["check-ambiguous"]);
    let f = only_finding(dir.path(), &[], 1);
    assert_ref(&f, "ref-ambiguous", "3-7", None, "catalog.toml", 12);
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains("`cache` (lines 4-8)")
            && message.contains("`cache_replica` (lines 10-14)"),
        "{message}"
    );
    let related: Vec<(u64, u64)> = f["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["end_line"].as_u64().unwrap()))
        .collect();
    assert_eq!(related, vec![(4, 8), (10, 14)]);
    assert!(f["help"][0].as_str().unwrap().contains("label"), "{f:#}");
    assert_eq!(f["fix"], Value::Null);
    assert_fix_writes_nothing(dir.path());
}

#[test]
fn catalog_reference_ambiguous_resolved_by_label() {
    // `label = "cache_replica"` pins the second block: the reference moved to it.
    let dir = fixture_cases(&["check-ambiguous", "check-ambiguous-label"]);
    let f = only_finding(dir.path(), &[], 1);
    assert_ref(&f, "ref-moved", "3-7", Some("10-14"), "catalog.toml", 12);
    assert_fix_rewrites_catalog(dir.path(), "3-7", "10-14");
    assert!(
        read(dir.path(), "catalog.toml").contains("lines = \"10-14\", label = \"cache_replica\"")
    );

    // The label wins over a range that is exactly the other block.
    let dir = fixture_cases(&["check-ambiguous", "check-ambiguous-label"]);
    cite(dir.path(), "4-8");
    let f = only_finding(dir.path(), &[], 1);
    assert_ref(&f, "ref-moved", "4-8", Some("10-14"), "catalog.toml", 12);

    // Pinning the first block with its exact range is clean.
    let dir = fixture_cases(&["check-ambiguous", "check-ambiguous-label"]);
    let catalog = read(dir.path(), "catalog.toml").replace(
        "lines = \"3-7\", label = \"cache_replica\"",
        "lines = \"4-8\", label = \"cache\"",
    );
    write(dir.path(), "catalog.toml", &catalog);
    assert_eq!(check_json(dir.path(), &[]), (0, vec![]));
}

fn assert_out_of_range(lines: &str, why: &str) {
    let dir = fixture_cases(&[]);
    cite(dir.path(), lines);
    let f = only_finding(dir.path(), &[], 1);
    assert_ref(
        &f,
        "ref-out-of-range",
        lines,
        Some("3-7"),
        "catalog.toml",
        12,
    );
    let message = f["message"].as_str().unwrap();
    assert!(message.ends_with(why), "{lines}: {message}");
    assert_fix_rewrites_catalog(dir.path(), lines, "3-7");
}

#[test]
fn catalog_reference_out_of_range_zero() {
    assert_out_of_range("0-3", "but line numbers start at 1");
}

#[test]
fn catalog_reference_out_of_range_reversed() {
    assert_out_of_range("7-3", "but the range is reversed");
}

#[test]
fn catalog_reference_out_of_range_past_end() {
    assert_out_of_range("3-70", "but the file has 7 lines");
}

// ---------------------------------------------------------------------------------------
// 2. How blocks are written. Each example is checked three ways: the right ranges are
// clean; ranges of "1" are reported with the blocks' actual lines; `fix` writes those.

/// A catalog of `modules` (id, path, lines), all citing the base's example file.
fn catalog(modules: &[(&str, &str, &str)]) -> String {
    let mut text = String::from(
        "[guide]\ntitle = \"Fixture guide\"\nexample = \"/terraform/envs/dev/example.tf.example\"\n",
    );
    for (id, path, lines) in modules {
        text.push_str(&format!(
            "\n[modules.{id}]\nname = \"{id}\"\npath = \"{path}\"\nuse-case = \"Testing\"\n\
             cost = \"~$1\"\nenable = \"Always\"\ndoes = \"Creates things.\"\n\
             example = {{ lines = \"{lines}\" }}\n"
        ));
    }
    text
}

/// The base project with `example` as its example file, and two more modules, `queue` and
/// `store`, which take `name` (required), `tags` and `policy`.
fn example_dir(example: &str) -> tempfile::TempDir {
    let dir = fixture_cases(&[]);
    write(dir.path(), EXAMPLE, example);
    let variables = "variable \"name\" {\n  type = string\n}\n\n\
                     variable \"tags\" {\n  type    = map(string)\n  default = {}\n}\n\n\
                     variable \"policy\" {\n  type    = string\n  default = \"\"\n}\n";
    write(dir.path(), "terraform/modules/queue/main.tf", variables);
    write(dir.path(), "terraform/modules/store/main.tf", variables);
    dir
}

/// `blocks` are (module id, module path, the block's lines).
fn assert_blocks(example: &str, blocks: &[(&str, &str, &str)]) {
    let dir = example_dir(example);
    write(dir.path(), "catalog.toml", &catalog(blocks));
    let (code, findings) = check_json(dir.path(), &[]);
    assert_eq!((code, &findings), (0, &vec![]), "right ranges\n{example}");

    let wrong: Vec<_> = blocks
        .iter()
        .map(|(id, path, _)| (*id, *path, "1"))
        .collect();
    write(dir.path(), "catalog.toml", &catalog(&wrong));
    let (code, findings) = check_json(dir.path(), &[]);
    assert_eq!(code, 1, "{findings:#?}");
    let actual: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["actual"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    let expected: Vec<(&str, &str)> = blocks
        .iter()
        .map(|(_, _, lines)| ("ref-changed", *lines))
        .collect();
    assert_eq!(actual, expected, "{findings:#?}");
    for f in &findings {
        assert_eq!(f["cited"], "1");
        assert_eq!(f["file"], "catalog.toml");
    }

    let fixed = output(dir.path(), &["fix"]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert_eq!(read(dir.path(), "catalog.toml"), catalog(blocks));
    assert_eq!(
        read(dir.path(), EXAMPLE),
        example,
        "the example is never written"
    );
}

#[test]
fn block_commented_with_slashes() {
    let example = "// Optional modules. Uncomment what you need.\n\
                   //\n\
                   // module \"cache\" {\n\
                   //   source = \"../../modules/cache\"\n\
                   //   name   = \"dev-cache\" // a trailing comment\n\
                   //\n\
                   //   nodes = 2\n\
                   // }\n\
                   \n\
                   //module \"queue\" {\n\
                   //  source = \"../../modules/queue\"\n\
                   //  name   = \"dev-queue\"\n\
                   //  tags   = { team = \"platform\" }\n\
                   //}\n";
    assert_blocks(
        example,
        &[
            ("cache", "terraform/modules/cache", "3-8"),
            ("queue", "terraform/modules/queue", "10-14"),
        ],
    );
}

#[test]
fn block_in_a_crlf_file() {
    let base = read(&common::repo().join("tests/fixtures/base"), EXAMPLE);
    let example = base.replace('\n', "\r\n");
    assert_blocks(&example, &[("cache", "terraform/modules/cache", "3-7")]);
}

#[test]
fn block_with_tab_indented_comments() {
    let example = "# Optional modules. Uncomment what you need.\n\
                   \n\
                   \t# module \"cache\" {\n\
                   \t#\tsource = \"../../modules/cache\"\n\
                   \t#\tname   = \"dev-cache\"\n\
                   \t#\n\
                   \t#\tnodes = 2\n\
                   \t# }\n\
                   \n\
                   #\tmodule \"queue\" {\n\
                   #\t\tsource = \"../../modules/queue\"\n\
                   #\t\tname   = \"dev-queue\"\n\
                   #\t\ttags = {\n\
                   #\t\t\tteam = \"platform\"\n\
                   #\t\t}\n\
                   #\t}\n";
    assert_blocks(
        example,
        &[
            ("cache", "terraform/modules/cache", "3-8"),
            ("queue", "terraform/modules/queue", "10-16"),
        ],
    );
}

#[test]
fn live_block_with_comment_lines_inside() {
    let example = "# Optional modules. Uncomment what you need.\n\
                   \n\
                   module \"cache\" {\n\
                   \x20 # The module directory, relative to this file. {\n\
                   \x20 source = \"../../modules/cache\"\n\
                   \n\
                   \x20 # name = \"commented-out\"\n\
                   \x20 # }\n\
                   \x20 name  = \"dev-cache\" # a trailing } brace\n\
                   \x20 // nodes = 3 }\n\
                   \x20 nodes = 2\n\
                   }\n\
                   \n\
                   # A comment after the block.\n";
    assert_blocks(example, &[("cache", "terraform/modules/cache", "3-12")]);
}

#[test]
fn live_and_commented_blocks_in_one_file() {
    let example = "# Optional modules. Uncomment what you need.\n\
                   \n\
                   # module \"queue\" {\n\
                   #   source = \"../../modules/queue\"\n\
                   #   name   = \"dev-queue\"\n\
                   # }\n\
                   module \"cache\" {\n\
                   \x20 source = \"../../modules/cache\"\n\
                   \x20 # nodes = 3\n\
                   \x20 name   = \"dev-cache\"\n\
                   }\n\
                   # Trailing commented code:\n\
                   # output \"x\" { value = 1 }\n";
    assert_blocks(
        example,
        &[
            ("cache", "terraform/modules/cache", "7-11"),
            ("queue", "terraform/modules/queue", "3-6"),
        ],
    );
}

#[test]
fn block_with_braces_in_strings_and_a_heredoc() {
    let example = "# Optional modules. Uncomment what you need.\n\
                   \n\
                   # module \"cache\" {\n\
                   #   source = \"../../modules/cache\"\n\
                   #   name   = \"dev-}-cache\"\n\
                   #   nodes  = 2 # a } in a comment\n\
                   #   # nodes = 3 }\n\
                   #   # }\n\
                   # }\n\
                   \n\
                   # module \"queue\" {\n\
                   #   source = \"../../modules/queue\"\n\
                   #   name   = \"q-${var.env}}-\\\"}\\\"\"\n\
                   #   tags   = { note = \"a } brace\", \"x}\" = \"${var.env}}\" }\n\
                   #   policy = <<-EOT\n\
                   #     {\n\
                   #       \"close\": \"}\"\n\
                   #     }\n\
                   #     }\n\
                   #   EOT\n\
                   # }\n\
                   \n\
                   # After the blocks: a stray } in a comment.\n\
                   module \"store\" {\n\
                   \x20 source = \"../../modules/store\"\n\
                   \x20 name   = \"}\"\n\
                   \x20 policy = <<EOT\n\
                   }\n\
                   EOT\n\
                   }\n";
    assert_blocks(
        example,
        &[
            ("cache", "terraform/modules/cache", "3-9"),
            ("queue", "terraform/modules/queue", "11-21"),
            ("store", "terraform/modules/store", "24-30"),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// 3. Prose references in markdown, checked without a catalog.

/// A guide whose `## Cache` section names the module and whose `### Example` subsection
/// holds `reference` (on line 9).
fn cache_guide(reference: &str) -> String {
    format!(
        "# Guide\n\n## Cache\n\n**Module**: `terraform/modules/cache`\n\n### Example\n\n\
         {reference}\n\n## Elsewhere\n\nNothing here.\n"
    )
}

/// The whole prose cycle for one reference: `check` reports it, `fix --dry-run` shows a
/// diff and writes nothing, `fix` replaces exactly `old` by `new`, a second `fix` changes
/// nothing, `check` is clean and `fix --dry-run` prints nothing.
fn assert_prose_cycle(
    reference: &str,
    code: &str,
    cited: &str,
    actual: &str,
    old: &str,
    new: &str,
) {
    let guide = cache_guide(reference);
    assert_eq!(guide.matches(old).count(), 1, "`{old}` once in\n{guide}");
    let dir = prose_dir(&guide);
    let dir = dir.path();
    let args = ["GUIDE.md", "--root", "."];

    let f = only_finding(dir, &args, 1);
    assert_ref(&f, code, cited, Some(actual), "GUIDE.md", 9);
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains("section `Cache` (module `terraform/modules/cache`) cites"),
        "{message}"
    );

    let before = tree(dir);
    let dry = output(dir, &["fix", "--dry-run", "GUIDE.md", "--root", "."]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    let old_line = guide.lines().nth(8).unwrap();
    let new_line = old_line.replace(old, new);
    assert!(dry.stdout.contains("--- GUIDE.md"), "{}", dry.stdout);
    assert!(dry.stdout.contains("+++ GUIDE.md"), "{}", dry.stdout);
    assert!(
        dry.stdout.contains(&format!("\n-{old_line}\n")),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout.contains(&format!("\n+{new_line}\n")),
        "{}",
        dry.stdout
    );
    assert!(tree(dir) == before, "--dry-run wrote files");

    let fixed = output(dir, &["fix", "GUIDE.md", "--root", "."]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert!(
        fixed.stderr.contains("fixed 1 reference in GUIDE.md"),
        "{}",
        fixed.stderr
    );
    assert_eq!(read(dir, "GUIDE.md"), guide.replacen(old, new, 1));
    let mut after = tree(dir);
    let mut before_rest = before.clone();
    after.remove(Path::new("GUIDE.md"));
    before_rest.remove(Path::new("GUIDE.md"));
    assert!(after == before_rest, "fix wrote files other than GUIDE.md");

    let fixed_once = tree(dir);
    let again = output(dir, &["fix", "GUIDE.md", "--root", "."]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(!again.stderr.contains("fixed "), "{}", again.stderr);
    assert!(tree(dir) == fixed_once, "a second fix changed files");

    assert_eq!(check_json(dir, &args), (0, vec![]));
    let dry = output(dir, &["fix", "--dry-run", "GUIDE.md", "--root", "."]);
    assert_eq!((dry.code, dry.stdout.as_str()), (0, ""));
    assert!(tree(dir) == fixed_once);
}

#[test]
fn prose_lines_with_hyphen() {
    assert_prose_cycle(
        "See `/terraform/envs/dev/example.tf.example` lines 2-6 for the block.",
        "ref-moved",
        "2-6",
        "3-7",
        "lines 2-6",
        "lines 3-7",
    );
}

#[test]
fn prose_lines_with_en_dash() {
    assert_prose_cycle(
        "See `/terraform/envs/dev/example.tf.example` lines 2–6 for the block.",
        "ref-moved",
        "2-6",
        "3-7",
        "lines 2–6",
        "lines 3–7",
    );
}

#[test]
fn prose_lines_capitalised_and_changed() {
    assert_prose_cycle(
        "`/terraform/envs/dev/example.tf.example`, Lines 3-6.",
        "ref-changed",
        "3-6",
        "3-7",
        "Lines 3-6",
        "Lines 3-7",
    );
}

#[test]
fn prose_single_line() {
    assert_prose_cycle(
        "See `/terraform/envs/dev/example.tf.example` line 1 for the block.",
        "ref-changed",
        "1",
        "3-7",
        "line 1",
        "lines 3-7",
    );
}

#[test]
fn prose_link_range() {
    assert_prose_cycle(
        "The block is [here](/terraform/envs/dev/example.tf.example#L2-L6).",
        "ref-moved",
        "2-6",
        "3-7",
        "#L2-L6",
        "#L3-L7",
    );
}

#[test]
fn prose_link_single_line() {
    assert_prose_cycle(
        "The block is [here](/terraform/envs/dev/example.tf.example#L1).",
        "ref-changed",
        "1",
        "3-7",
        "#L1)",
        "#L3-L7)",
    );
}

#[test]
fn prose_fix_keeps_crlf_line_endings() {
    let guide = cache_guide(
        "See `/terraform/envs/dev/example.tf.example` lines 2-6,\n\
         and [here](/terraform/envs/dev/example.tf.example#L2-L6).",
    )
    .replace('\n', "\r\n");
    let dir = prose_dir(&guide);
    let fixed = output(dir.path(), &["fix", "GUIDE.md", "--root", "."]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    let want = guide
        .replacen("lines 2-6", "lines 3-7", 1)
        .replacen("#L2-L6", "#L3-L7", 1);
    assert_eq!(read(dir.path(), "GUIDE.md"), want);
}

#[test]
fn prose_right_references_are_clean() {
    let guide = cache_guide(
        "See `/terraform/envs/dev/example.tf.example` lines 3-7, lines 3–7 of \
         [the file](/terraform/envs/dev/example.tf.example#L3-L7).",
    );
    let dir = prose_dir(&guide);
    assert_eq!(
        check_json(dir.path(), &["GUIDE.md", "--root", "."]),
        (0, vec![])
    );
}

// Bugs found while writing these tests (see the ignore reasons).

#[test]
fn prose_reference_style_link_is_fixed_in_its_definition() {
    // `[the block][b]` with `[b]: /path#L2-L6`: the reference is found, but its numbers are
    // located inside the link's text `[the block][b]` (where the destination is not
    // written), so `fix` writes "L3-L7" into the middle of the definition's path:
    // "[b]: /terraform/enL3-L7v/example.tf.example#L2-L6".
    let guide =
        cache_guide("See [the block][b] now.\n\n[b]: /terraform/envs/dev/example.tf.example#L2-L6");
    let dir = prose_dir(&guide);
    let f = only_finding(dir.path(), &["GUIDE.md", "--root", "."], 1);
    assert_ref(&f, "ref-moved", "2-6", Some("3-7"), "GUIDE.md", 9);
    let fixed = output(dir.path(), &["fix", "GUIDE.md", "--root", "."]);
    assert_eq!(
        read(dir.path(), "GUIDE.md"),
        guide.replacen("#L2-L6", "#L3-L7", 1)
    );
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
}

#[test]
fn prose_link_title_repeating_the_destination() {
    // The numbers are found with `rfind(dest)` over the whole link source, so the title's
    // copy wins: one `fix` rewrites the title and leaves the destination wrong.
    let guide = cache_guide(
        "See [it](/terraform/envs/dev/example.tf.example#L2-L6 \"/terraform/envs/dev/example.tf.example#L2-L6\").",
    );
    let dir = prose_dir(&guide);
    let fixed = output(dir.path(), &["fix", "GUIDE.md", "--root", "."]);
    assert_eq!(
        read(dir.path(), "GUIDE.md"),
        guide.replacen("#L2-L6", "#L3-L7", 1)
    );
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
}

#[test]
fn prose_range_with_spaces_is_not_cut_in_half() {
    // Either the whole range is read (cited 2-6) or the text is left alone; what must not
    // happen is a rewrite of "lines 2" alone, which leaves "lines 3-7 - 6".
    for written in ["lines 2 - 6", "lines 2 to 6"] {
        let guide = cache_guide(&format!(
            "See `/terraform/envs/dev/example.tf.example` {written} now."
        ));
        let dir = prose_dir(&guide);
        let (_, findings) = check_json(dir.path(), &["GUIDE.md", "--root", "."]);
        for f in &findings {
            assert_ne!(f["cited"], "2", "{written}: read as a single line\n{f:#}");
        }
        output(dir.path(), &["fix", "GUIDE.md", "--root", "."]);
        let fixed = read(dir.path(), "GUIDE.md");
        let whole = [
            guide.clone(),
            guide.replacen(written, "lines 3-7", 1),
            guide.replacen(written, &written.replace('2', "3").replace('6', "7"), 1),
        ];
        assert!(whole.contains(&fixed), "{written}: fixed into\n{fixed}");
    }
}

#[test]
fn prose_fix_keeps_the_word_as_written() {
    let guide = cache_guide("See `/terraform/envs/dev/example.tf.example` LINES 2-6 now.");
    let dir = prose_dir(&guide);
    let fixed = output(dir.path(), &["fix", "GUIDE.md", "--root", "."]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert_eq!(
        read(dir.path(), "GUIDE.md"),
        guide.replacen("LINES 2-6", "LINES 3-7", 1)
    );
}

#[test]
fn markdown_named_twice_is_checked_once() {
    let guide = cache_guide("See `/terraform/envs/dev/example.tf.example` lines 2-6 now.");
    let dir = prose_dir(&guide);
    let f = only_finding(dir.path(), &["GUIDE.md", "GUIDE.md", "--root", "."], 1);
    assert_ref(&f, "ref-moved", "2-6", Some("3-7"), "GUIDE.md", 9);
    let fixed = output(dir.path(), &["fix", "GUIDE.md", "GUIDE.md", "--root", "."]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert_eq!(
        read(dir.path(), "GUIDE.md"),
        guide.replacen("lines 2-6", "lines 3-7", 1)
    );
}

#[test]
fn check_without_catalog_or_markdown_is_a_usage_error() {
    let dir = prose_dir("# Nothing\n");
    let out = output(dir.path(), &["check"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("no catalog.toml"), "{}", out.stderr);
}

// ---------------------------------------------------------------------------------------
// 4. Prose ranges with no module context: a whole block or attribute, or its comment header
// too; anything else is a warning (which block was meant is a guess), never an error.

#[test]
fn prose_range_cutting_through_a_block_is_misaligned() {
    let guide = "# Notes\n\nThe cache is at `/terraform/envs/dev/example.tf.example` lines 4-6.\n";
    let dir = prose_dir(guide);
    let f = only_finding(dir.path(), &["GUIDE.md", "--root", "."], 0);
    assert_ref(&f, "ref-misaligned", "4-6", None, "GUIDE.md", 3);
    assert_eq!(f["severity"], "warning");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("is part of block `module \"cache\"` (lines 3-7)"),
        "{f:#}"
    );
    assert_eq!(f["fix"], Value::Null);
    let before = tree(dir.path());
    let fixed = output(dir.path(), &["fix", "GUIDE.md", "--root", "."]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert!(tree(dir.path()) == before, "nothing to fix");
}

#[test]
fn prose_range_over_two_blocks_is_misaligned() {
    let dir = prose_dir("# Notes\n\nBoth: `/terraform/envs/dev/example.tf.example` lines 3-12.\n");
    lay_terraform(dir.path(), "check-uncatalogued");
    let f = only_finding(dir.path(), &["GUIDE.md", "--root", "."], 0);
    assert_ref(&f, "ref-misaligned", "3-12", None, "GUIDE.md", 3);
    assert!(f["message"].as_str().unwrap().contains("2 blocks"), "{f:#}");
}

#[test]
fn prose_range_of_a_block_with_its_comment_header_is_ok() {
    // check-comment-header: lines 3-4 are comments directly above the block (5-9); line 2
    // is blank.
    for (lines, clean) in [
        ("3-9", true),
        ("4-9", true),
        ("5-9", true),
        ("2-9", false),
        ("1-9", false),
        ("3-8", false),
    ] {
        let guide = format!(
            "# Notes\n\nThe cache: `/terraform/envs/dev/example.tf.example` lines {lines}.\n"
        );
        let dir = prose_dir(&guide);
        lay_terraform(dir.path(), "check-comment-header");
        let (code, findings) = check_json(dir.path(), &["GUIDE.md", "--root", "."]);
        if clean {
            assert_eq!((code, &findings), (0, &vec![]), "lines {lines}");
        } else {
            assert_eq!(code, 0, "lines {lines}: a warning");
            assert_eq!(findings.len(), 1, "{findings:#?}");
            assert_ref(&findings[0], "ref-misaligned", lines, None, "GUIDE.md", 3);
        }
    }
}

#[test]
fn prose_header_is_also_accepted_in_a_module_section() {
    let dir = prose_dir(&cache_guide(
        "See `/terraform/envs/dev/example.tf.example` lines 3-9.",
    ));
    lay_terraform(dir.path(), "check-comment-header");
    assert_eq!(
        check_json(dir.path(), &["GUIDE.md", "--root", "."]),
        (0, vec![])
    );
}

// ---------------------------------------------------------------------------------------
// 5. Cited paths and the modules touched blocks instantiate.

#[test]
fn markdown_code_span_to_a_missing_file_is_a_broken_path() {
    let dir = prose_dir("# Notes\n\nRead `/docs/missing.md` first.\n");
    let f = only_finding(dir.path(), &["GUIDE.md", "--root", "."], 1);
    assert_eq!(f["code"], "broken-path");
    assert_eq!(f["file"], "GUIDE.md");
    assert_eq!(f["line"], 3);
    assert_eq!(f["column"], 6);
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("`/docs/missing.md` does not exist"),
        "{f:#}"
    );
}

#[test]
fn catalog_step_citing_a_missing_file_is_a_broken_path() {
    let dir = fixture_cases(&[]);
    let catalog = read(dir.path(), "catalog.toml").replace(
        "[guide]\n",
        "[guide]\nsteps = [\"**Check** the module\", \"Read `/terraform/y.md` first\"]\n",
    );
    write(dir.path(), "catalog.toml", &catalog);
    let f = only_finding(dir.path(), &[], 1);
    assert_eq!(f["code"], "broken-path");
    assert_eq!(f["file"], "catalog.toml");
    assert_eq!(f["line"], 2);
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("`/terraform/y.md` does not exist"),
        "{f:#}"
    );
}

#[test]
fn a_named_block_or_attribute_is_followed_and_fixed_in_the_guide() {
    let dir = tempfile::tempdir().unwrap();
    let tf = "variable \"region\" {\n  type = string\n}\n\nlocals {\n  tags = {\n    Team = \"x\"\n  }\n}\n";
    write(dir.path(), "stack/main.tf", tf);
    let guide = "# Stack\n\n- `var.region`: `stack/main.tf` lines 1-3\n\
                 - `local.tags`: [the tags](stack/main.tf#L6-L8)\n";
    write(dir.path(), "GUIDE.md", guide);
    let args = ["GUIDE.md", "--root", "."];
    assert_eq!(check_json(dir.path(), &args), (0, vec![]));
    // Two lines on top: both moved; `fix` rewrites each in its own style.
    write(dir.path(), "stack/main.tf", &format!("# Stack.\n\n{tf}"));
    let (code, findings) = check_json(dir.path(), &args);
    assert_eq!(code, 1);
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["ref-moved", "ref-moved"], "{findings:#?}");
    assert!(
        findings[1]["message"]
            .as_str()
            .unwrap()
            .contains("its attribute `local.tags` moved: it now spans lines 8-10"),
        "{findings:#?}"
    );
    let fixed = output(dir.path(), &["fix", "GUIDE.md", "--root", "."]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert_eq!(
        read(dir.path(), "GUIDE.md"),
        guide
            .replace("lines 1-3", "lines 3-5")
            .replace("#L6-L8", "#L8-L10")
    );
    assert_eq!(check_json(dir.path(), &args), (0, vec![]));
}

#[test]
fn lines_of_a_file_that_is_not_terraform_only_have_to_exist() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "charts/values.yaml", "a: 1\nb:\n  c: 2\n");
    write(
        dir.path(),
        "GUIDE.md",
        "# Chart\n\nSee `charts/values.yaml` lines 2-3, and `charts/values.yaml` lines 2-9.\n",
    );
    let f = only_finding(dir.path(), &["GUIDE.md", "--root", "."], 1);
    assert_eq!(f["code"], "ref-out-of-range");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("lines 2-9, but the file has 3 lines"),
        "{f:#}"
    );
}

#[test]
fn rooted_names_outside_the_repository_are_prose_and_typos_are_caught() {
    let dir = prose_dir(
        "# Notes\n\nThe health check asks `/ping`; add hosts to `/etc/hosts`; logs go to\n\
         `/aws/vendedlogs/states/`; the token is `/terraformer/token`, the Spacelift file\n\
         `/.spacelift/config.yml`. The module is in `/terafrom/modules/cache` (relative to\n\
         the modules' parent, `terafrom/modules/cache` is prose).\n",
    );
    let f = only_finding(dir.path(), &["GUIDE.md", "--root", "."], 1);
    assert_eq!(f["code"], "broken-path");
    assert_eq!(f["line"], 5, "{f:#}");
    assert_eq!(
        f["help"][0],
        "did you mean `/terraform/modules/cache`? a leading `/` means the project root"
    );
}

#[test]
fn prose_reference_to_a_block_without_module_is_module_missing() {
    let dir =
        prose_dir("# Notes\n\nThe ghost: `/terraform/envs/dev/example.tf.example` lines 3-7.\n");
    let example = read(dir.path(), EXAMPLE).replace("../../modules/cache", "../../modules/ghost");
    write(dir.path(), EXAMPLE, &example);
    // The directory exists, but holds no .tf file.
    write(dir.path(), "terraform/modules/ghost/README.md", "# Ghost\n");
    let f = only_finding(dir.path(), &["GUIDE.md", "--root", "."], 1);
    assert_eq!(f["code"], "module-missing");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["file"], EXAMPLE);
    assert_eq!(f["line"], 3);
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("`../../modules/ghost`, which holds no module"),
        "{f:#}"
    );
}

#[test]
fn prose_reference_to_an_uncatalogued_module_is_a_warning() {
    let dir = fixture_cases(&["check-uncatalogued"]);
    let f = only_finding(dir.path(), &["GUIDE.md"], 0);
    assert_eq!(f["code"], "uncatalogued-block");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["file"], EXAMPLE);
    assert_eq!(f["line"], 9);
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("`terraform/modules/queue`"),
        "{f:#}"
    );
    let github = output(dir.path(), &["check", "--format", "github", "GUIDE.md"]);
    assert_eq!(github.code, 0);
    assert!(
        github.stdout.starts_with(&format!(
            "::warning file={EXAMPLE},line=9,endLine=9,col=1,title=uncatalogued-block::"
        )),
        "{}",
        github.stdout
    );
    // Without the prose reference, nothing touches the queue block.
    assert_eq!(check_json(dir.path(), &[]), (0, vec![]));
}

// ---------------------------------------------------------------------------------------
// 6. The embedded project: one line inserted above every block.

#[test]
fn embedded_project_line_inserted_fix_moves_every_reference() {
    let dir = common::project_copy();
    let dir = dir.path();
    let example = "terraform/environments/dev/optional-modules.tf.example";
    let text = read(dir, example);
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    lines.insert(7, "#\n");
    write(dir, example, &lines.concat());

    let moves = [
        ("8-27", "9-28"),
        ("38-57", "39-58"),
        ("72-102", "73-103"),
        ("116-137", "117-138"),
        ("151-174", "152-175"),
        ("188-217", "189-218"),
        ("231-273", "232-274"),
    ];
    let (code, findings) = check_json(dir, &[]);
    assert_eq!(code, 1);
    let got: Vec<(&str, &str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["cited"].as_str().unwrap_or("-"),
                f["actual"].as_str().unwrap_or("-"),
                f["file"].as_str().unwrap(),
            )
        })
        .collect();
    let expected: Vec<_> = moves
        .iter()
        .map(|(cited, actual)| ("ref-moved", *cited, *actual, "catalog.toml"))
        .collect();
    assert_eq!(got, expected);

    let catalog = read(dir, "catalog.toml");
    let mut want = catalog.clone();
    for (old, new) in moves {
        let old = format!("lines = \"{old}\"");
        assert_eq!(want.matches(&old).count(), 1, "{old}");
        want = want.replace(&old, &format!("lines = \"{new}\""));
    }
    let mut before = tree(dir);
    let fixed = output(dir, &["fix"]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert!(
        fixed.stderr.contains("fixed 7 references in catalog.toml"),
        "{}",
        fixed.stderr
    );
    assert_eq!(read(dir, "catalog.toml"), want);
    let mut after = tree(dir);
    before.remove(Path::new("catalog.toml"));
    after.remove(Path::new("catalog.toml"));
    assert!(after == before, "fix wrote files other than catalog.toml");

    assert_eq!(check_json(dir, &[]), (0, vec![]));
    let dry = output(dir, &["fix", "--dry-run"]);
    assert_eq!((dry.code, dry.stdout.as_str()), (0, ""));
}

// ---------------------------------------------------------------------------------------
// 7. The hand-written guide, with no catalog.

#[test]
fn handwritten_guide_is_checked_and_fixed() {
    let dir = common::project_copy();
    let dir = dir.path();
    std::fs::remove_file(dir.join("catalog.toml")).unwrap();
    let guide = read(&common::repo(), "tests/guides/handwritten.md");
    write(dir, "GUIDE.md", &guide);

    let (code, findings) = check_json(dir, &["GUIDE.md"]);
    assert_eq!(code, 1, "{findings:#?}");
    let got: Vec<(&str, &str, &str, &str, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["cited"].as_str().unwrap_or("-"),
                f["actual"].as_str().unwrap_or("-"),
                f["file"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("ref-moved", "36-55", "38-57", "GUIDE.md", 23),
            ("ref-moved", "70-100", "72-102", "GUIDE.md", 32),
            ("ref-changed", "116", "116-137", "GUIDE.md", 41),
        ]
    );

    let fixed = output(dir, &["fix", "GUIDE.md"]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    let want = guide
        .replacen("lines 36–55", "lines 38–57", 1)
        .replacen("#L70-L100", "#L72-L102", 1)
        .replacen("line 116", "lines 116-137", 1);
    assert_ne!(want, guide);
    assert_eq!(read(dir, "GUIDE.md"), want);
    assert_eq!(check_json(dir, &["GUIDE.md"]), (0, vec![]));
    let human = output(dir, &["check", "GUIDE.md"]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(
        human.stderr.starts_with("checked ") && human.stderr.ends_with(": all true\n"),
        "{}",
        human.stderr
    );
}

// ---------------------------------------------------------------------------------------
// 8. Output formats.

#[test]
fn github_format_for_a_moved_reference() {
    let dir = fixture_cases(&["range-not-the-block"]);
    let out = output(dir.path(), &["check", "--format", "github"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "::error file=catalog.toml,line=12,endLine=12,col=21,title=ref-moved::\
         module `cache` cites `/terraform/envs/dev/example.tf.example` lines 3-7, but its \
         block `module \"cache\"` moved: it now spans lines 4-8\
         %0Ahelp: the block now spans lines 4-8; run `mdbook-catalog fix`\n\
         ::error file=terraform/envs/dev/example.tf.example,line=4,endLine=8,col=1,title=ref-moved::\
         module `cache` cites `/terraform/envs/dev/example.tf.example` lines 3-7, but its \
         block `module \"cache\"` moved: it now spans lines 4-8\
         %0Ahelp: cited at catalog.toml:12; run `mdbook-catalog fix`\n",
        "the citation, then the block where it is now (the line a Terraform change touched)"
    );
}

#[test]
fn human_output_moved() {
    let dir = fixture_cases(&["range-not-the-block"]);
    let out = output(dir.path(), &["check"]);
    assert_eq!((out.code, out.stdout.as_str()), (1, ""));
    insta::assert_snapshot!("human-moved", out.stderr);
}

#[test]
fn human_output_misaligned() {
    let dir = prose_dir(
        "# Notes\n\nThe cache is at `/terraform/envs/dev/example.tf.example` lines 4-6.\n",
    );
    let out = output(dir.path(), &["check", "GUIDE.md", "--root", "."]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""));
    insta::assert_snapshot!("human-misaligned", out.stderr);
}

#[test]
fn human_output_broken_path() {
    let dir = prose_dir("# Notes\n\nRead `/docs/missing.md` first.\n");
    let out = output(dir.path(), &["check", "GUIDE.md", "--root", "."]);
    assert_eq!((out.code, out.stdout.as_str()), (1, ""));
    insta::assert_snapshot!("human-broken-path", out.stderr);
}

// ---------------------------------------------------------------------------------------
// 9. Exit codes of `fix --dry-run` and writes to stdout.

/// `fix --dry-run` exits as `check` would after the fix: 1 while errors remain that the fix
/// cannot mend, 0 when every error is fixed, 2 for a catalog that does not load.
#[test]
fn fix_dry_run_exits_as_check() {
    let gone = fixture_cases(&["check-gone"]);
    let dry = output(gone.path(), &["fix", "--dry-run"]);
    assert_eq!(dry.code, 1, "{}", dry.stderr);
    assert!(dry.stderr.contains("ref-gone"), "{}", dry.stderr);

    let moved = fixture_cases(&["range-not-the-block"]);
    let before = tree(moved.path());
    let dry = output(moved.path(), &["fix", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(dry.stdout.contains("+++ catalog.toml"), "{}", dry.stdout);
    assert!(tree(moved.path()) == before, "--dry-run wrote files");

    let invalid = fixture_cases(&["toml-syntax"]);
    assert_eq!(output(invalid.path(), &["fix", "--dry-run"]).code, 2);
}

/// Runs the binary with stdout on `/dev/full`.
fn to_full_disk(dir: &Path, args: &[&str]) -> (i32, String) {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = common::bin()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), stderr)
}

/// A failed write to stdout (a full disk) is exit 2 with a message, for every command that
/// prints to stdout.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_to_stdout_is_exit_2() {
    let dir = fixture_cases(&["range-not-the-block"]);
    let module = common::repo().join("tests/fixtures/base/terraform/modules/cache");
    let module = module.to_str().unwrap();
    for args in [
        &["schema"][..],
        &["module", module],
        &["module", module, "--format", "json"],
        &["check", "--format", "json"],
        &["check", "--format", "github"],
        &["fix", "--dry-run"],
    ] {
        let (code, stderr) = to_full_disk(dir.path(), args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to stdout") && stderr.contains("No space left"),
            "{args:?}: {stderr}"
        );
    }
}

/// A reader that closes the pipe early (`| head`) ends the output quietly, with success.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = fixture_cases(&["range-not-the-block"]);
    for args in [&["schema"][..], &["check", "--format", "json"]] {
        // The reading end is closed before the binary starts: its first write fails (EPIPE).
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = common::bin()
            .args(args)
            .current_dir(dir.path())
            .stdout(writer)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

// ---------------------------------------------------------------------------------------
// 10. Control characters from the repository never reach the terminal raw.

/// Whether `text` holds a control character other than a line break or a tab, or a
/// bidirectional override.
fn has_raw_control(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

#[test]
fn control_characters_are_escaped_in_every_format() {
    // ESC (a terminal command), BEL, a lone CR (rewrites the line), DEL, C1 CSI, RLO.
    let name = "G\u{1b}]0;owned\u{7}UI\rDE\u{7f}.md";
    let cited = "/docs/\u{1b}[2Jmis\u{9b}31msing\u{202e}.md";
    let dir = prose_dir("");
    std::fs::remove_file(dir.path().join("GUIDE.md")).unwrap();
    write(
        dir.path(),
        name,
        &format!("# Notes\n\nRead `{cited}` first.\u{1b}[1A\r\n"),
    );
    for format in ["human", "json", "github"] {
        let out = output(
            dir.path(),
            &["check", "--format", format, name, "--root", "."],
        );
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert_eq!(has_raw_control(text), None, "{format} {stream}: {text:?}");
        }
        let all = out.stdout.clone() + &out.stderr;
        assert!(all.contains("mis"), "{format}: the finding is shown: {all}");
        if format == "json" {
            // JSON escapes, and decodes back to the very names.
            let finding: Value = serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
            assert_eq!(finding["file"], name);
            assert!(finding["message"].as_str().unwrap().contains(cited));
        }
        if format == "github" {
            assert!(
                out.stdout.starts_with("::error file=G\\u{1b}]0;owned"),
                "{}",
                out.stdout
            );
        }
    }
    // Error messages too.
    let out = output(dir.path(), &["check", "--root", ".", "no\u{1b}[2Jsuch.md"]);
    assert_eq!(out.code, 2);
    assert_eq!(has_raw_control(&out.stderr), None, "{:?}", out.stderr);
    assert!(out.stderr.contains("no\\u{1b}[2Jsuch.md"), "{}", out.stderr);
}

/// Every command says in one line what it did, as cargo does, and `--quiet` silences the
/// line (never the findings): a clean check, a failing check's closing summary, `fix --dry-run`,
/// `fix`, and `build`.
#[test]
fn every_command_says_what_it_did_in_one_line() {
    let dir = fixture_cases(&[]);
    let dir = dir.path();
    let built = output(dir, &["build", "book"]);
    assert_eq!(
        (built.code, built.stderr.as_str()),
        (0, "built the book into book/book\n")
    );
    cite(dir, "4-8"); // the block is at 3-7: a moved reference
    let failed = output(dir, &["check"]);
    assert_eq!(failed.code, 1);
    assert!(
        failed.stderr.ends_with("\n\nerror: 1 error in 1 file\n"),
        "{}",
        failed.stderr
    );
    let github = output(dir, &["check", "--format", "github"]);
    assert_eq!(github.stderr, "error: 1 error in 1 file\n");
    let dry = output(dir, &["fix", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert_eq!(
        dry.stderr,
        "would fix 1 reference in 1 file, writing nothing; then all true\n"
    );
    for args in [&["check", "-q"][..], &["fix", "--dry-run", "--quiet"]] {
        let quiet = output(dir, args);
        assert!(
            !quiet.stderr.contains("error: 1 error"),
            "{args:?}: {}",
            quiet.stderr
        );
        assert!(
            !quiet.stderr.contains("would fix"),
            "{args:?}: {}",
            quiet.stderr
        );
    }
    let fixed = output(dir, &["fix"]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert_eq!(
        fixed.stderr,
        "fixed 1 reference in catalog.toml\nchecked 1 reference, 2 arguments, 0 paths: all true\n"
    );
    let quiet = output(dir, &["build", "book", "--quiet"]);
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""));
}

/// A link in a guide below the root resolves beside the guide, also when the catalog is in
/// the current directory (the root is then written as an empty path).
#[test]
fn links_resolve_beside_a_guide_in_a_subdirectory() {
    let dir = common::project_copy();
    write(
        dir.path(),
        "book/src/links.md",
        "# Links\n\n[a](summary.md) [b](modules.md#top) [c](missing.md)\n",
    );
    let (code, findings) = check_json(dir.path(), &["book/src/links.md"]);
    assert_eq!(code, 1, "{findings:?}");
    let broken: Vec<&str> = findings
        .iter()
        .filter(|f| f["code"] == "broken-path")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(broken, ["`missing.md` does not exist"], "{findings:?}");
}

/// From a subdirectory the nearest catalog.toml above is found, every format names files
/// relative to the project root (so GitHub annotations attach to the pull request), and
/// `fix` writes the files it read.
#[test]
fn runs_from_a_subdirectory_with_paths_relative_to_the_root() {
    let dir = common::project_copy();
    let example = dir
        .path()
        .join("terraform/environments/dev/optional-modules.tf.example");
    let text = read(
        dir.path(),
        "terraform/environments/dev/optional-modules.tf.example",
    );
    std::fs::write(&example, format!("# added\n{text}")).unwrap();
    write(
        dir.path(),
        "docs/guide.md",
        "# G\n\nSee `/terraform/environments/dev/optional-modules.tf.example` lines 2-3.\n",
    );
    let sub = dir.path().join("docs");
    let human = output(&sub, &["check", "guide.md"]);
    assert_eq!(human.code, 1, "{}", human.stderr);
    assert!(
        human.stderr.contains("--> catalog.toml:42:21"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("--> docs/guide.md:3:5"),
        "{}",
        human.stderr
    );
    assert!(!human.stderr.contains("../"), "{}", human.stderr);
    let github = output(&sub, &["check", "guide.md", "--format", "github"]);
    assert!(
        github.stdout.contains("::error file=catalog.toml,line=42"),
        "{}",
        github.stdout
    );
    assert!(
        github
            .stdout
            .contains("file=terraform/environments/dev/optional-modules.tf.example,line=9"),
        "{}",
        github.stdout
    );
    let (_, json) = {
        let out = output(&sub, &["check", "guide.md", "--format", "json"]);
        (out.code, out.stdout)
    };
    assert!(json.contains("\"file\":\"docs/guide.md\""), "{json}");
    let fixed = output(&sub, &["fix", "guide.md"]);
    assert!(
        fixed.stderr.contains("fixed 7 references in catalog.toml"),
        "{}",
        fixed.stderr
    );
    assert!(read(dir.path(), "catalog.toml").contains("lines = \"9-28\""));
}
