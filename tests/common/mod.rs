//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod audit;

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a directory tree (files and directories only).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Writes `text` to `dir/path`, creating the directories on the way.
pub fn write_file(dir: &Path, path: &str, text: impl AsRef<[u8]>) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A temporary copy of `tests/fixtures/base` with the files of `tests/fixtures/<case>` laid
/// over it (`"base"` alone for the valid project).
pub fn fixture_case(case: &str) -> tempfile::TempDir {
    if case == "base" {
        fixture_cases(&[])
    } else {
        fixture_cases(&[case])
    }
}

/// A temporary copy of `tests/fixtures/base` with the fixtures `cases` laid over it in order.
pub fn fixture_cases(cases: &[&str]) -> tempfile::TempDir {
    let fixtures = repo().join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures.join("base"), dir.path());
    for case in cases {
        let case = fixtures.join(case);
        assert!(case.is_dir(), "no fixture {}", case.display());
        copy_dir(&case, dir.path());
    }
    dir
}

/// A temporary copy of the embedded project (catalog, Terraform tree, docs, book sources).
pub fn project_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["terraform", "docs", "theme"] {
        copy_dir(&repo().join(name), &dir.path().join(name));
    }
    std::fs::copy(repo().join("catalog.toml"), dir.path().join("catalog.toml")).unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir_all(&book).unwrap();
    std::fs::copy(repo().join("book/book.toml"), book.join("book.toml")).unwrap();
    copy_dir(&repo().join("book/src"), &book.join("src"));
    copy_dir(&repo().join("book/theme"), &book.join("theme"));
    dir
}

/// The visible text of an HTML page: tags dropped, common entities decoded, mdBook's smart
/// punctuation undone, whitespace collapsed.
pub fn html_text(html: &str) -> String {
    const INLINE: [&str; 7] = ["strong", "em", "code", "a", "span", "del", "wbr"];
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !INLINE.contains(&name.as_str()) {
            text.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replace(['“', '”'], "\"")
        .replace('’', "'")
        // mdbook-catalog puts a zero-width space after a `<` that could open a tag.
        .replace('\u{200B}', "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs the compiled binary.
pub fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_mdbook-catalog"))
}

/// How a run of the binary ended and what it printed.
pub struct Output {
    /// The exit code; -1 when a signal ended the process.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// `mdbook-catalog ARGS` in `dir` (so paths in messages are relative to it), without
/// colour. A panic fails the test.
pub fn output(dir: &Path, args: &[&str]) -> Output {
    let out = bin()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap();
    let output = Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !output.stderr.contains("panicked"),
        "{args:?} panicked:\n{}",
        output.stderr
    );
    output
}

/// `mdbook-catalog ARGS` in `dir`, without colour: the exit code, and stderr then stdout as
/// one text (what a person at the terminal reads).
pub fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = output(dir, args);
    (out.code, out.stderr + &out.stdout)
}

/// `check --format json ARGS` in `dir`: the exit code and the findings, one per line.
pub fn check_json(dir: &Path, args: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = output(dir, &all);
    let findings = out
        .stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (out.code, findings)
}

/// The findings in human output (`error[code]: …` with ` --> file:line:col` under it), each
/// as `level code at place`, sorted.
pub fn human_findings(out: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut lines = out.lines().peekable();
    while let Some(line) = lines.next() {
        let (level, rest) = if let Some(rest) = line.strip_prefix("error[") {
            ("error", rest)
        } else if let Some(rest) = line.strip_prefix("warning[") {
            ("warning", rest)
        } else {
            continue;
        };
        let code = rest.split(']').next().unwrap_or("");
        let at = lines
            .peek()
            .and_then(|l| l.trim_start().strip_prefix("--> "))
            .unwrap_or("");
        found.push(format!("{level} {code} at {at}"));
    }
    found.sort();
    found
}

/// `text` as an HCL quoted string: escapes for `\`, `"` and control characters, and
/// `$${` / `%%{` so that nothing in it is a template sequence.
pub fn hcl_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out.replace("${", "$${").replace("%{", "%%{")
}

/// `text` as the body of an HCL heredoc ending at `EOT_PROBE`: control characters other than
/// line breaks become spaces, template sequences are escaped.
fn heredoc_body(text: &str) -> String {
    let body: String = text
        .replace("\r\n", "\n")
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect();
    let body = body.replace("${", "$${").replace("%{", "%%{");
    body.lines()
        .map(|line| {
            if line.trim() == "EOT_PROBE" {
                "EOT"
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` on one line, without control characters: for a comment in the example file.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A copy of `tests/fixtures/base` whose catalog holds `probe` in every text field, whose
/// module holds it in variable, output and resource names, descriptions, defaults (quoted,
/// heredoc, multi-line) and a multi-line type (a comment and an optional default inside), and
/// whose example file holds it in the cited block; with a chapter
/// that uses every directive and generated module pages: the escaping probe of the
/// hostile-input tests.
pub fn hostile_project(dir: &Path, probe: &str) {
    copy_dir(&repo().join("tests/fixtures/base"), dir);
    let q = hcl_string(probe);
    // Labels carry a prefix, so that no probe names one of the fixture's own variables.
    let l = hcl_string(&format!("probe {probe}"));
    let heredoc = heredoc_body(probe);
    let comment = one_line(probe);
    let module = format!(
        "variable \"name\" {{\n  type        = string\n  description = {q}\n}}\n\n\
         variable \"nodes\" {{\n  type        = number\n  description = <<-EOT_PROBE\n{heredoc}\nEOT_PROBE\n  default     = 2\n}}\n\n\
         variable {l} {{\n  type        = map(string)\n  description = {q}\n  default = {{\n    probe = {q}\n    other = \"x\"\n  }}\n}}\n\n\
         variable \"typed\" {{\n  type = object({{\n    # {comment}\n    a = optional(string, {q})\n  }})\n  default = {{}}\n}}\n\n\
         output {l} {{\n  description = {q}\n  value       = var.name\n}}\n\n\
         resource {l} {l} {{\n  tags = {{ probe = {q} }}\n}}\n"
    );
    std::fs::write(dir.join("terraform/modules/cache/main.tf"), module).unwrap();
    let example = format!(
        "# Optional modules. Uncomment what you need.\n\n\
         # module \"cache\" {{\n\
         #   source = \"../../modules/cache\"\n\
         #   name   = {q} # {comment}\n\
         #   nodes  = 2\n\
         # }}\n"
    );
    std::fs::write(dir.join("terraform/envs/dev/example.tf.example"), example).unwrap();
    let p = toml::Value::String(probe.to_owned()).to_string();
    let catalog = format!(
        r#"[guide]
title = {p}
intro = {p}
example = "/terraform/envs/dev/example.tf.example"
steps = [{p}]

[modules.cache]
name = {p}
path = "terraform/modules/cache"
use-case = {p}
cost = {p}
enable = {p}
does = {p}
use-when = [{p}]
skip-when = [{p}]
uses-title = {p}
recommend = [{{ case = {p}, advice = {p} }}]
example = {{ lines = "3-7" }}
costs = {{ items = [{{ item = {p}, cost = {p} }}], typical = {p}, note = {p} }}

[[modules.cache.integrations]]
title = {p}
summary = {p}
points = [{p}]
layers = [{{ name = {p}, scope = {p} }}]

[[modules.cache.uses]]
title = {p}
diagram = {p}

[comparisons.probe]
title = {p}
module = "cache"
feature = {p}
columns = [{p}, {p}]
rows = [{{ feature = {p}, cells = [{p}, {{ verdict = "yes", note = {p} }}] }}]

[summary]
ready = {p}
philosophy = {p}

[[docs]]
path = "/terraform/modules/cache/main.tf"
about = {p}
modules = ["cache"]
"#
    );
    std::fs::write(dir.join("catalog.toml"), catalog).unwrap();
    let src = dir.join("book/src");
    std::fs::write(
        src.join("SUMMARY.md"),
        "# Summary\n\n- [Cache](cache.md)\n- [Modules](modules.md)\n",
    )
    .unwrap();
    std::fs::write(
        src.join("cache.md"),
        "# All\n\n{{#catalog intro}}\n\n{{#catalog quick-reference}}\n\n{{#catalog how-to-use}}\n\n\
         {{#catalog module cache}}\n\n{{#catalog comparison probe}}\n\n{{#catalog example cache}}\n\n\
         {{#catalog costs cache}}\n\n{{#catalog summary}}\n\n{{#catalog related}}\n",
    )
    .unwrap();
    std::fs::write(src.join("modules.md"), "# Modules\n").unwrap();
    let book_toml = dir.join("book/book.toml");
    let config =
        std::fs::read_to_string(&book_toml).unwrap() + "modules-chapter = \"modules.md\"\n";
    std::fs::write(&book_toml, config).unwrap();
}
