//! Block and attribute identity: a prose reference that names what it cites (a code span
//! beside it: `aws_instance.web`, `var.region`, `dynamic "ingress" {`) is checked against that
//! block or attribute, of every kind, wherever it is now: ok, moved (lines added above),
//! changed (lines added inside), gone (removed), each with the fix `fix` writes; live and
//! commented out as example files keep them. A range that is neither a block nor an
//! attribute, or an excerpt of one, is the warning `ref-misaligned`, never an error.

use mdbook_catalog::check;
use mdbook_catalog::diag::{Finding, Severity};
use mdbook_catalog::project::Project;

/// One of every kind of block, a nested block at each depth, attributes; numbered below.
const BASE: &str = "terraform {\n\
  required_version = \">= 1.5\"\n\
  required_providers {\n\
    aws = {\n\
      source  = \"hashicorp/aws\"\n\
      version = \">= 5.0\"\n\
    }\n\
  }\n\
}\n\
\n\
provider \"aws\" {\n\
  region = var.region\n\
}\n\
\n\
provider \"random\" {\n\
}\n\
\n\
# The region to deploy in.\n\
variable \"region\" {\n\
  type    = string\n\
  default = \"eu-west-1\"\n\
}\n\
\n\
variable \"name\" {\n\
  type = string\n\
}\n\
\n\
locals {\n\
  tags = {\n\
    Name = var.name\n\
  }\n\
  prefix = \"app\"\n\
}\n\
\n\
data \"aws_ami\" \"ubuntu\" {\n\
  most_recent = true\n\
  owners      = [\"099720109477\"]\n\
}\n\
\n\
data \"aws_region\" \"current\" {}\n\
\n\
resource \"aws_security_group\" \"web\" {\n\
  name = local.prefix\n\
\n\
  dynamic \"ingress\" {\n\
    for_each = [80, 443]\n\
    content {\n\
      from_port = ingress.value\n\
      to_port   = ingress.value\n\
      protocol  = \"tcp\"\n\
    }\n\
  }\n\
\n\
  egress {\n\
    from_port = 0\n\
    to_port   = 0\n\
    protocol  = \"-1\"\n\
  }\n\
}\n\
\n\
resource \"aws_instance\" \"app\" {\n\
  ami = data.aws_ami.ubuntu.id\n\
}\n\
\n\
module \"vpc\" {\n\
  source = \"./modules/vpc\"\n\
  cidr   = \"10.0.0.0/16\"\n\
}\n\
\n\
module \"dns\" {\n\
  source = \"./modules/dns\"\n\
}\n\
\n\
output \"sg_id\" {\n\
  value = aws_security_group.web.id\n\
}\n\
\n\
output \"app_id\" {\n\
  value = aws_instance.app.id\n\
}\n\
";

/// The verdict on `guide`, citing `/main.tf`, with `text` as `main.tf`: `ok`, or the code
/// and the lines `fix` writes (checked against the fix's edit).
fn verdict(text: &str, guide: &str) -> String {
    let findings = findings(text, guide);
    let f = match findings.as_slice() {
        [] => return "ok".to_owned(),
        [f] => f,
        more => panic!("several findings: {more:#?}"),
    };
    let mut out = f.code.as_str().to_owned();
    if f.code.as_str() == "ref-misaligned" {
        assert_eq!(f.severity, Severity::Warning, "{f:#?}");
    }
    if let Some(actual) = f.actual {
        out.push_str(&format!(" {actual}"));
        let fix = f.fix.as_ref().expect("a fix");
        let word = if actual.first == actual.last {
            "line"
        } else {
            "lines"
        };
        assert_eq!(fix.edits[0].replacement, format!("{word} {actual}"));
    }
    out
}

/// The line-reference findings of `guide`, citing `/main.tf`, with `text` as `main.tf`.
fn findings(text: &str, guide: &str) -> Vec<Finding> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), text).unwrap();
    let mut project = Project::without_catalog(dir.path(), &[]);
    project.add_markdown(&dir.path().join("GUIDE.md"), guide.to_owned(), false);
    check::run(&project)
        .into_iter()
        .filter(|f| f.code.is_stale_reference())
        .collect()
}

/// `text` with every line of code commented out, as example files keep blocks.
fn commented(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("# {l}\n")
            }
        })
        .map(|l| if l.is_empty() { "\n".to_owned() } else { l })
        .collect()
}

/// `text` with `insert` as a new line after line `after`.
fn insert_after(text: &str, after: usize, insert: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(after, insert);
    lines.join("\n") + "\n"
}

/// `text` without lines `first..=last`.
fn remove(text: &str, first: usize, last: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let kept: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| *i + 1 < first || *i + 1 > last)
        .map(|(_, l)| *l)
        .collect();
    kept.join("\n") + "\n"
}

fn shift(range: &str, by: usize) -> String {
    let (a, b) = range.split_once('-').unwrap_or((range, range));
    let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
    if a == b {
        format!("{}", a + by)
    } else {
        format!("{}-{}", a + by, b + by)
    }
}

struct Row {
    /// The name written beside the reference.
    name: &'static str,
    cited: &'static str,
    /// A line inserted inside the item (after this line), and the item's lines then.
    changed: Option<(usize, &'static str, &'static str)>,
    /// The lines removed to delete the item, and the verdict then.
    gone: Option<(usize, usize, &'static str)>,
}

const ROWS: &[Row] = &[
    Row {
        name: "resource \"aws_security_group\" \"web\"",
        cited: "42-59",
        changed: Some((43, "  description = \"web\"", "42-60")),
        gone: Some((42, 60, "ref-gone")),
    },
    Row {
        name: "data.aws_ami.ubuntu",
        cited: "35-38",
        changed: Some((36, "  name_regex = \"^ubuntu\"", "35-39")),
        gone: Some((35, 39, "ref-gone")),
    },
    Row {
        name: "var.region",
        cited: "18-22",
        changed: Some((20, "  nullable = false", "18-23")),
        gone: Some((18, 23, "ref-gone")),
    },
    Row {
        name: "variable \"region\"",
        cited: "19-22",
        changed: Some((20, "  nullable = false", "19-23")),
        gone: Some((18, 23, "ref-gone")),
    },
    // Removed, its range starts at the next block's first line: gone, not an excerpt.
    Row {
        name: "var.name",
        cited: "24-26",
        changed: Some((25, "  nullable = false", "24-27")),
        gone: Some((24, 27, "ref-gone")),
    },
    Row {
        name: "output \"sg_id\"",
        cited: "74-76",
        changed: Some((75, "  description = \"sg\"", "74-77")),
        gone: Some((74, 77, "ref-gone")),
    },
    Row {
        name: "locals {",
        cited: "28-33",
        changed: Some((32, "  suffix = \"x\"", "28-34")),
        gone: Some((28, 34, "ref-gone")),
    },
    Row {
        name: "local.tags",
        cited: "29-31",
        changed: Some((30, "    Team = \"x\"", "29-32")),
        gone: Some((29, 31, "ref-gone")),
    },
    Row {
        name: "module.vpc",
        cited: "65-68",
        changed: Some((67, "  azs    = 2", "65-69")),
        gone: Some((65, 69, "ref-gone")),
    },
    Row {
        name: "module.vpc.vpc_id",
        cited: "65-68",
        changed: Some((67, "  azs    = 2", "65-69")),
        gone: Some((65, 69, "ref-gone")),
    },
    Row {
        name: "provider \"aws\"",
        cited: "11-13",
        changed: Some((12, "  profile = \"dev\"", "11-14")),
        gone: Some((11, 14, "ref-gone")),
    },
    Row {
        name: "terraform {",
        cited: "1-9",
        changed: Some((2, "  experiments = []", "1-10")),
        gone: Some((1, 10, "ref-gone")),
    },
    Row {
        name: "required_providers {",
        cited: "3-8",
        changed: Some((7, "    random = { source = \"hashicorp/random\" }", "3-9")),
        gone: Some((3, 8, "ref-gone")),
    },
    Row {
        name: "dynamic \"ingress\" {",
        cited: "45-52",
        changed: Some((46, "    labels   = []", "45-53")),
        gone: Some((45, 53, "ref-gone")),
    },
    Row {
        name: "content {",
        cited: "47-51",
        changed: Some((50, "      self      = true", "47-52")),
        gone: Some((47, 51, "ref-misaligned")),
    },
    Row {
        name: "egress {",
        cited: "54-58",
        changed: Some((57, "    self      = true", "54-59")),
        gone: Some((54, 58, "ref-gone")),
    },
    Row {
        name: "terraform.required_version",
        cited: "2",
        changed: None,
        gone: Some((2, 2, "ref-misaligned")),
    },
    Row {
        name: "module.vpc.cidr",
        cited: "67",
        changed: None,
        gone: Some((67, 67, "ref-misaligned")),
    },
];

#[test]
fn every_kind_of_block_and_attribute_is_followed_by_its_name() {
    let mut failed = Vec::new();
    for form in ["live", "commented"] {
        let prepare = |text: &str| {
            if form == "live" {
                text.to_owned()
            } else {
                commented(text)
            }
        };
        for row in ROWS {
            let guide = |cited: &str| {
                let word = if cited.contains('-') { "lines" } else { "line" };
                format!(
                    "# Guide\n\nThe `{}` (`/main.tf` {word} {cited}).\n",
                    row.name
                )
            };
            let mut expect = |what: &str, text: String, want: String| {
                let got = verdict(&prepare(&text), &guide(row.cited));
                if got != want {
                    failed.push(format!(
                        "{form} `{}` {what}: expected `{want}`, got `{got}`",
                        row.name
                    ));
                }
            };
            expect("as it is", BASE.to_owned(), "ok".to_owned());
            expect(
                "moved",
                format!("# Stack.\n\n{BASE}"),
                format!("ref-moved {}", shift(row.cited, 2)),
            );
            if let Some((after, line, now)) = row.changed {
                expect(
                    "changed",
                    insert_after(BASE, after, line),
                    format!("ref-changed {now}"),
                );
            }
            if let Some((first, last, verdict)) = row.gone {
                expect("gone", remove(BASE, first, last), verdict.to_owned());
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn names_beside_a_reference_that_it_does_not_cite_are_mentions() {
    // The module block cited exactly, beside the variable it passes on: ok, also after both
    // moved; the variable alone named beside a range it no longer is: moved.
    let guide = |lines: &str| {
        format!("# Guide\n\n`module.vpc` (`/main.tf` lines {lines}) reads `var.region`.\n")
    };
    assert_eq!(verdict(BASE, &guide("65-68")), "ok");
    let moved = format!("# Stack.\n\n{BASE}");
    assert_eq!(verdict(&moved, &guide("65-68")), "ref-moved 67-70");
    // The variable alone named beside the module block it is passed to: a mention, ok.
    let passes = "# Guide\n\nThe block at `/main.tf` lines 65-68 reads `var.region`.\n";
    assert_eq!(verdict(BASE, passes), "ok");
    // Terraform's other references (`path.module`, `each.value`, `count.index`) name no
    // block: not a resource that is gone.
    let path = "# Guide\n\nThe block at `/main.tf` lines 65-68 reads `path.module`.\n";
    assert_eq!(verdict(BASE, path), "ok");
    let path = "# Guide\n\nSee `/main.tf` lines 65-68 for `each.value`.\n";
    assert_eq!(verdict(BASE, path), "ok");
    // A range that now is exactly another item of the named one's kind (another variable)
    // is no mention: the named variable is elsewhere.
    let drifted = "# Guide\n\n`var.region` is declared at `/main.tf` lines 24-26.\n";
    assert_eq!(verdict(BASE, drifted), "ref-changed 19-22");
    // A name of another file (no `var.environment` here) beside an exact block: ok.
    let other = "# Guide\n\n`module.dns` (`/main.tf` lines 70-72) reads `var.environment`.\n";
    assert_eq!(verdict(BASE, other), "ok");
    // Two names at the same distance from a drifted range: the one as long as the range.
    let uses = "# Guide\n\n`module.vpc` (`/main.tf` lines 65-68) uses `aws_instance.app`.\n";
    assert_eq!(verdict(&moved, uses), "ref-moved 67-70");
    // A nested block cited exactly, inside one named block, beside the name of a sibling of
    // it: the range cites what the text names (the block holding it).
    let inside = "# Guide\n\nIn `aws_security_group.web`, the egress rule \
                  (`/main.tf` lines 54-58) follows `dynamic \"ingress\" {`.\n";
    assert_eq!(verdict(BASE, inside), "ok");
    // An excerpt inside a named block is a warning: which lines were meant is a guess.
    let excerpt = "# Guide\n\nIn `aws_security_group.web`, see `/main.tf` lines 46-47.\n";
    assert_eq!(verdict(BASE, excerpt), "ref-misaligned");
}

#[test]
fn an_unnamed_range_is_any_whole_block_or_attribute() {
    let guide = |lines: &str| format!("# Guide\n\nSee `/main.tf` lines {lines}.\n");
    for (lines, want) in [
        ("42-59", "ok"),
        ("45-52", "ok"),
        ("47-51", "ok"),
        ("48-48", "ok"),
        ("29-31", "ok"),
        ("18-22", "ok"),
        ("17-22", "ref-misaligned"),
        ("43-44", "ref-misaligned"),
        ("48-49", "ref-misaligned"),
        ("10-10", "ref-misaligned"),
        ("80-81", "ref-out-of-range"),
    ] {
        assert_eq!(verdict(BASE, &guide(lines)), want, "lines {lines}");
    }
    // Unnamed and drifted: a warning, whose help names the block as long as the range nearby.
    let moved = format!("# Stack.\n\n{BASE}");
    let found = findings(&moved, &guide("42-59"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].help.iter().any(|h| h
            == "if a block moved: block `resource \"aws_security_group\" \"web\"` spans as many lines, now lines 44-61"),
        "{found:#?}"
    );
}

/// In a module's section, a file that holds no block of modules (the module's own files, an
/// environment's variables) is cited for whatever it holds: a range that is not a whole item
/// there is a guess (`ref-misaligned`), not the section's module gone. A repository URL to
/// another repository's file is not checked at all.
#[test]
fn a_module_section_cites_other_files_for_what_they_hold() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let variables = "variable \"name\" {\n  type = string\n}\n";
    write("terraform/modules/cache/variables.tf", variables);
    write(
        "terraform/modules/cache/main.tf",
        "module \"sub\" {\n  source = \"./sub\"\n  name   = var.name\n}\n",
    );
    write("terraform/modules/cache/sub/main.tf", variables);
    write("terraform/envs/dev/variables.tf", variables);
    let guide = "# Guide\n\n## Cache\n\n**Module**: `terraform/modules/cache`\n\n\
                 - `/terraform/modules/cache/main.tf` lines 2-3\n\
                 - `/terraform/envs/dev/variables.tf` lines 2-3\n\
                 - [upstream](https://github.com/other/repo/blob/main/nowhere.tf#L1-L3)\n";
    let mut project = Project::without_catalog(dir.path(), &[]);
    project.add_markdown(&dir.path().join("GUIDE.md"), guide.to_owned(), false);
    let found: Vec<(String, usize)> = check::run(&project)
        .iter()
        .map(|f| {
            let line = f.primary.as_ref().map_or(0, |at| {
                project.sources.get(at.file).text[..at.span.start]
                    .lines()
                    .count()
            });
            (f.code.as_str().to_owned(), line)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("ref-misaligned".to_owned(), 7),
            ("ref-misaligned".to_owned(), 8)
        ],
        "{found:?}"
    );
}
