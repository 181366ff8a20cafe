//! The bad-input matrix: each case breaks one thing in a copy of `tests/fixtures/base` and
//! asserts the exit code (2 unusable input, 1 findings, 0 when the input is odd but fine),
//! a message naming the file and line:col with what was expected, no panic, `fix` leaving
//! every file byte-identical when there is nothing safe to fix, and a failed build writing
//! no page.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

const CATALOG: &str = include_str!("fixtures/base/catalog.toml");
const EXAMPLE: &str = "terraform/envs/dev/example.tf.example";

/// What a case does to the base project.
enum Edit {
    Write(&'static str, Vec<u8>),
    Remove(&'static str),
    Dir(&'static str),
    Symlink(&'static str, &'static str),
    Mode(&'static str, u32),
}

struct Case {
    name: &'static str,
    edits: Vec<Edit>,
    /// Arguments after the binary; `check` unless set.
    args: Vec<&'static str>,
    stdin: Option<Vec<u8>>,
    exit: i32,
    needles: Vec<&'static str>,
    /// `fix` may legitimately repair this case.
    fixable: bool,
}

fn case(name: &'static str, edits: Vec<Edit>, exit: i32, needles: &[&'static str]) -> Case {
    Case {
        name,
        edits,
        args: vec!["check"],
        stdin: None,
        exit,
        needles: needles.to_vec(),
        fixable: false,
    }
}

fn catalog(text: impl Into<Vec<u8>>) -> Edit {
    Edit::Write("catalog.toml", text.into())
}

/// The base catalog with one line replaced.
fn catalog_with(from: &str, to: &str) -> Edit {
    assert!(CATALOG.contains(from), "{from}");
    catalog(CATALOG.replace(from, to))
}

fn cases() -> Vec<Case> {
    let big_tf = {
        let mut text = String::with_capacity(52 << 20);
        while text.len() < 50 << 20 {
            text.push_str(
                "# padding comment line of a very large generated environment file ......\n",
            );
        }
        text.push_str("module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n");
        text
    };
    let many_modules = {
        let mut text = String::from("[guide]\ntitle = \"t\"\n");
        for i in 0..10_000 {
            text.push_str(&format!("\n[modules.m{i}]\nname = \"M{i}\"\npath = \"terraform/modules/cache\"\nuse-case = \"u\"\ncost = \"c\"\nenable = \"e\"\ndoes = \"d\"\n"));
        }
        text
    };
    let mut cases = vec![
        // TOML syntax
        case("toml-unclosed-string", vec![catalog_with("cost = \"~$12\"", "cost = \"~$12")], 2, &["error[toml-syntax]", "catalog.toml:9:13", "expected `\"`"]),
        case("toml-unclosed-table", vec![catalog_with("[modules.cache]", "[modules.cache")], 2, &["error[toml-syntax]", "catalog.toml:5:", "expected"]),
        case("toml-duplicate-key", vec![catalog_with("cost = \"~$12\"", "cost = \"~$12\"\ncost = \"~$13\"")], 2, &["catalog.toml:10:1", "duplicate key"]),
        case("toml-bare-value", vec![catalog_with("does = \"Creates a cache.\"", "does = Creates a cache.")], 2, &["error[toml-syntax]", "catalog.toml:11:8"]),
        // Types
        case("type-number-for-string", vec![catalog_with("cost = \"~$12\"", "cost = 12")], 2, &["error[schema]", "catalog.toml:9:8", "expected a string"]),
        case("type-string-for-list", vec![catalog_with("does = \"Creates a cache.\"", "does = \"d\"\nuse-when = \"always\"")], 2, &["catalog.toml:12:12", "expected a sequence"]),
        case("type-number-for-range", vec![catalog_with("lines = \"3-7\"", "lines = 3")], 2, &["catalog.toml:12:21", "expected a string"]),
        case("type-bad-verdict", vec![catalog(format!("{CATALOG}\n[comparisons.c]\ntitle = \"C\"\ncolumns = [\"A\"]\nrows = [{{ feature = \"f\", cells = [{{ verdict = \"maybe\" }}] }}]\n"))], 2, &["catalog.toml:17:", "unknown variant `maybe`", "expected one of: yes, no, partial"]),
        // Unknown keys, with a suggestion
        case("unknown-module-key", vec![catalog_with("cost = ", "cots = ")], 2, &["catalog.toml:9:1", "unknown field `cots`", "did you mean `cost`?"]),
        case("unknown-guide-key", vec![catalog_with("title = ", "titel = ")], 2, &["catalog.toml:2:1", "did you mean `title`?"]),
        case("unknown-top-level-table", vec![catalog(CATALOG.replace("[modules.cache]", "[modulse.cache]"))], 2, &["catalog.toml:5:", "did you mean `modules`?"]),
        // Ids and references
        case("duplicate-module-id", vec![catalog(format!("{CATALOG}\n[modules.cache]\nname = \"Again\"\n"))], 2, &["catalog.toml:14:", "duplicate key"]),
        case("comparison-unknown-module", vec![catalog(format!("{CATALOG}\n[comparisons.c]\ntitle = \"C\"\nmodule = \"cahce\"\ncolumns = [\"A\"]\nrows = []\n"))], 2, &["catalog.toml:16:10", "did you mean `cache`?"]),
        case("bad-module-id", vec![catalog_with("[modules.cache]", "[modules.\"Cache Module\"]")], 2, &["catalog.toml:5:10", "is not a valid id"]),
        case("cell-count", vec![catalog(format!("{CATALOG}\n[comparisons.c]\ntitle = \"C\"\ncolumns = [\"A\", \"B\"]\nrows = [{{ feature = \"f\", cells = [\"x\"] }}]\n"))], 2, &["catalog.toml:17:9", "has 1 cell(s) but comparison `c` has 2 column(s)"]),
        // Empty and odd catalogs
        case("catalog-without-modules", vec![catalog("[guide]\ntitle = \"t\"\n")], 2, &["catalog.toml:1:1", "missing field `modules`"]),
        case("catalog-with-empty-modules", vec![catalog("[guide]\ntitle = \"t\"\n[modules]\n")], 2, &["the catalog has no modules"]),
        case("catalog-zero-bytes", vec![catalog("")], 2, &["catalog.toml:1:1", "missing field `guide`"]),
        case("catalog-bom", vec![catalog(format!("\u{feff}{CATALOG}"))], 0, &[]),
        case("catalog-crlf", vec![catalog(CATALOG.replace('\n', "\r\n"))], 0, &[]),
        case("catalog-crlf-error", vec![catalog(CATALOG.replace('\n', "\r\n").replace("cost = ", "cots = "))], 2, &["catalog.toml:9:1", "did you mean `cost`?"]),
        case("catalog-tabs", vec![catalog(CATALOG.replace("\nname", "\n\tname").replace(" = ", "\t=\t"))], 0, &[]),
        case("catalog-not-utf8", vec![catalog([b"[guide]\ntitle = \"t\xff\"\n".as_slice()].concat())], 2, &["catalog.toml:2:11", "not valid UTF-8"]),
        // Ranges
        case("range-reversed", vec![catalog_with("\"3-7\"", "\"7-3\"")], 1, &["catalog.toml:12:21", "the range is reversed", "now spans lines 3-7"]),
        case("range-zero", vec![catalog_with("\"3-7\"", "\"0-4\"")], 1, &["catalog.toml:12:21", "line numbers start at 1"]),
        case("range-negative", vec![catalog_with("\"3-7\"", "\"-3\"")], 2, &["catalog.toml:12:21", "line numbers start at 1"]),
        case("range-past-end", vec![catalog_with("\"3-7\"", "\"3-70\"")], 1, &["catalog.toml:12:21", "the file has 7 lines"]),
        case("range-absurd", vec![catalog_with("\"3-7\"", "\"3-99999999999999999999999\"")], 2, &["catalog.toml:12:21", "expected a line number"]),
        case("range-not-a-number", vec![catalog_with("\"3-7\"", "\"three\"")], 2, &["catalog.toml:12:21", "expected a line number, found `three`"]),
        // Example files
        case("example-is-a-directory", vec![Edit::Remove(EXAMPLE), Edit::Dir(EXAMPLE)], 1, &["catalog.toml:3:11", "is a directory"]),
        case("example-missing", vec![Edit::Remove(EXAMPLE)], 1, &["catalog.toml:3:11", "does not exist"]),
        case("example-symlink-loop", vec![Edit::Remove(EXAMPLE), Edit::Symlink("example.tf.example", EXAMPLE)], 1, &["catalog.toml:3:11", "cannot be read"]),
        case("example-zero-bytes", vec![Edit::Write(EXAMPLE, Vec::new())], 1, &["catalog.toml:12:21", "the file has 0 lines"]),
        case("example-not-utf8", vec![Edit::Write(EXAMPLE, b"# \xff\n".to_vec())], 1, &["catalog.toml:3:11", "not valid UTF-8"]),
        case("example-unterminated-block", vec![Edit::Write(EXAMPLE, b"#\n#\n# module \"cache\" {\n#   source = \"../../modules/cache\"\n".to_vec())], 1, &["example.tf.example:3:1", "is not closed before the end of the file"]),
        case("example-braces-in-strings", vec![Edit::Write(EXAMPLE, b"#\n#\n# module \"cache\" {\n#   source = \"../../modules/cache\"\n#   name = \"}{}}\"\n#   nodes = 2 # }\n# }\n".to_vec())], 0, &[]),
        case("example-braces-in-heredoc", vec![Edit::Write(EXAMPLE, b"#\n#\n# module \"cache\" {\n#   source = \"../../modules/cache\"\n#   name = <<-EOT\n#     }}}\n#   EOT\n# }\n".to_vec()), catalog_with("\"3-7\"", "\"3-8\"")], 0, &[]),
        case("example-doubly-commented", vec![Edit::Write(EXAMPLE, b"#\n#\n# # module \"cache\" {\n# #   source = \"../../modules/cache\"\n# #   name = \"x\"\n# #   nodes = 2\n# # }\n".to_vec())], 1, &["catalog.toml:12:21", "no block in that file instantiates the module"]),
        case("example-invalid-hcl", vec![Edit::Write(EXAMPLE, b"#\n#\n# module \"cache\" {\n#   source = \"../../modules/cache\"\n#   name = = \"x\"\n#   nodes = 2\n# }\n".to_vec())], 1, &["example.tf.example:5:", "not valid HCL"]),
        // Containment
        case("path-climbs-out", vec![catalog(format!("{CATALOG}\n[[docs]]\npath = \"../../etc/passwd\"\nabout = \"x\"\n"))], 1, &["error[path-escapes-root]", "catalog.toml:15:8", "points outside the project root"]),
        case("symlink-leads-out", vec![Edit::Symlink("/etc", "docs"), catalog(format!("{CATALOG}\n[[docs]]\npath = \"/docs/passwd\"\nabout = \"x\"\n"))], 1, &["error[path-escapes-root]", "catalog.toml:15:8", "through a symbolic link"]),
        case("markdown-path-climbs-out", vec![Edit::Write("GUIDE.md", b"# G\n\nSee [this](../../../etc/passwd).\n".to_vec())], 1, &["error[path-escapes-root]", "GUIDE.md:3:"]),
        // Terraform modules and environments
        case("module-tf-does-not-parse", vec![Edit::Write("terraform/modules/cache/broken.tf", b"variable \"x\" {\n  type = = string\n}\n".to_vec())], 1, &["error[hcl-syntax]", "broken.tf:2:10", "not valid HCL"]),
        case("module-tf-not-utf8", vec![Edit::Write("terraform/modules/cache/bad.tf", b"# \xfe\n".to_vec())], 1, &["bad.tf:1:3", "not valid UTF-8"]),
        case("environment-50mb-tf", vec![Edit::Write("terraform/environments/dev/huge.tf", big_tf.into_bytes())], 0, &[]),
        case("catalog-10000-modules", vec![catalog(many_modules), Edit::Remove("book/src/cache.md")], 0, &[]),
        // Markdown
        case("markdown-not-utf8", vec![Edit::Write("GUIDE.md", b"# Guide\n\nok \xff\n".to_vec())], 2, &["GUIDE.md:3:4", "not valid UTF-8"]),
        case("markdown-missing", vec![], 2, &["cannot read `NOPE.md`"]),
    ];
    cases.last_mut().unwrap().args = vec!["check", "NOPE.md"];
    if let Some(c) = cases
        .iter_mut()
        .find(|c| c.name == "markdown-path-climbs-out")
    {
        c.args = vec!["check", "GUIDE.md"];
    }
    let n = cases.len();
    cases[n - 2].args = vec!["check", "GUIDE.md"];
    // Book and protocol
    cases.push(Case {
        args: vec!["build", "book"],
        ..case(
            "directive-unknown-kind",
            vec![Edit::Write(
                "book/src/cache.md",
                b"# C\n\n{{#catalog modul cache}}\n".to_vec(),
            )],
            1,
            &["book/src/cache.md:3:1", "did you mean `module`?"],
        )
    });
    cases.push(Case {
        args: vec!["build", "book"],
        ..case(
            "directive-missing-id",
            vec![Edit::Write(
                "book/src/cache.md",
                b"# C\n\n{{#catalog module}}\n".to_vec(),
            )],
            1,
            &["book/src/cache.md:3:1", "needs an id"],
        )
    });
    cases.push(Case {
        args: vec!["build", "book"],
        ..case(
            "book-toml-unknown-key",
            vec![Edit::Write(
                "book/book.toml",
                b"[book]\ntitle = \"t\"\n[preprocessor.catalog]\ncatalgo = \"../catalog.toml\"\n"
                    .to_vec(),
            )],
            2,
            &["unknown field `catalgo`", "catalog"],
        )
    });
    cases.push(Case {
        args: vec![],
        stdin: Some(b"{not json".to_vec()),
        ..case(
            "protocol-malformed-json",
            vec![],
            2,
            &["expected mdBook's preprocessor input"],
        )
    });
    cases.push(Case {
        args: vec!["supports", "no-such-renderer"],
        ..case("unknown-renderer", vec![], 0, &[])
    });
    if !running_as_root() {
        cases.push(case(
            "example-unreadable",
            vec![Edit::Mode(EXAMPLE, 0o000)],
            1,
            &["catalog.toml:3:11", "cannot be read"],
        ));
        // A module's file that cannot be read is reported, not skipped in silence.
        cases.push(case(
            "module-tf-unreadable",
            vec![
                Edit::Write(
                    "terraform/modules/cache/extra.tf",
                    b"variable \"x\" {}\n".to_vec(),
                ),
                Edit::Mode("terraform/modules/cache/extra.tf", 0o000),
            ],
            1,
            &[
                "error[broken-path]",
                "`terraform/modules/cache/extra.tf` is not read",
                "help: Terraform reads every `*.tf` entry of the directory: make it readable",
            ],
        ));
    }
    for c in &mut cases {
        c.fixable = matches!(c.name, "range-reversed" | "range-zero" | "range-past-end");
    }
    cases
}

/// Permission bits do not stop root; the unreadable-file case needs another user.
fn running_as_root() -> bool {
    let dir = tempfile::tempdir().unwrap();
    let probe = dir.path().join("probe");
    std::fs::write(&probe, "x").unwrap();
    std::fs::set_permissions(&probe, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    std::fs::read(&probe).is_ok()
}

fn apply(dir: &Path, edits: &[Edit]) {
    for edit in edits {
        match edit {
            Edit::Write(path, bytes) => {
                let path = dir.join(path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, bytes).unwrap();
            }
            Edit::Remove(path) => std::fs::remove_file(dir.join(path)).unwrap(),
            Edit::Dir(path) => std::fs::create_dir_all(dir.join(path)).unwrap(),
            Edit::Symlink(target, link) => {
                std::os::unix::fs::symlink(target, dir.join(link)).unwrap()
            }
            Edit::Mode(path, mode) => std::fs::set_permissions(
                dir.join(path),
                std::os::unix::fs::PermissionsExt::from_mode(*mode),
            )
            .unwrap(),
        }
    }
}

/// Every regular file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_dir() => stack.push(path),
                Ok(m) if m.is_file() => {
                    files.insert(path.clone(), std::fs::read(&path).unwrap_or_default());
                }
                _ => {}
            }
        }
    }
    files
}

fn run(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> (i32, String) {
    let mut child = common::bin()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        pipe.write_all(bytes).unwrap();
    }
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn bad_input_matrix() {
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let dir = tempfile::tempdir().unwrap();
        common::copy_dir(&common::repo().join("tests/fixtures/base"), dir.path());
        apply(dir.path(), &c.edits);
        let before = snapshot(dir.path());
        let (code, output) = run(dir.path(), &c.args, c.stdin.as_deref());
        let mut problems = Vec::new();
        if output.contains("panicked") {
            problems.push("panicked".to_owned());
        }
        if code != c.exit {
            problems.push(format!("exit {code}, expected {}", c.exit));
        }
        for needle in &c.needles {
            if !output.contains(needle) {
                problems.push(format!("no `{needle}`"));
            }
        }
        if c.exit == 0 && !c.needles.is_empty() {
            problems.push("a passing case has needles".to_owned());
        }
        if c.args.first() == Some(&"check") && c.exit != 0 {
            // Nothing safe to fix: every file stays byte-identical.
            let mut fix_args = c.args.clone();
            fix_args[0] = "fix";
            let (fix_code, fix_output) = run(dir.path(), &fix_args, None);
            if fix_output.contains("panicked") {
                problems.push("fix panicked".to_owned());
            }
            if !c.fixable && snapshot(dir.path()) != before {
                problems.push(format!("fix (exit {fix_code}) changed files"));
            }
            // A failed build writes no page.
            if !c.name.starts_with("markdown-") {
                let (build_code, _) = run(dir.path(), &["build", "book"], None);
                if build_code == 0 && !c.fixable {
                    problems.push("build succeeded".to_owned());
                }
                if build_code != 0 && dir.path().join("book/book/cache.html").exists() {
                    problems.push("a failed build wrote a page".to_owned());
                }
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{}: {}\n{}", c.name, problems.join("; "), output));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
