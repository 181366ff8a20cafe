//! The classifier's verdicts, table-driven: each line reference is one row (an example file,
//! the range it cites, the verdict), run in-process through the library's checks.
//!
//! A verdict is what a reader of `check` learns: `ok`, or the finding's code, the lines the
//! block has now (`actual`, which `fix` writes) and, for out-of-range, misaligned and
//! ambiguous references, why. Every state (ok / moved / changed / gone / ambiguous /
//! out-of-range / misaligned) is tried at the boundaries: a block on the first line, on the
//! last line (with and without a final newline), comment headers, touching blocks, an empty
//! file, CRLF line endings.
//!
//! A reference is cited three ways and, for a module, must get the same verdict the first two
//! ways: from catalog.toml (`example = { lines = ... }`), from prose in a section naming the
//! module (`**Module**: ...`), and from prose with no module around it (any one block).

use mdbook_catalog::check;
use mdbook_catalog::diag::Finding;
use mdbook_catalog::project::Project;

const EXAMPLE: &str = "terraform/envs/dev/example.tf.example";

/// `cache` takes `name` (required) and `nodes`; `queue` takes `name`.
fn project_dir(example: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| crate::common::write_file(dir.path(), path, text);
    write(
        "terraform/modules/cache/main.tf",
        "variable \"name\" {\n  type = string\n}\n\nvariable \"nodes\" {\n  type    = number\n  default = 2\n}\n",
    );
    write(
        "terraform/modules/queue/main.tf",
        "variable \"name\" {\n  type = string\n}\n",
    );
    write(EXAMPLE, example);
    dir
}

/// The one line-reference finding, as a verdict (see the file's doc).
fn verdict(findings: &[Finding], replacement: impl Fn(&str) -> String) -> String {
    let stale: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.code.is_stale_reference())
        .collect();
    let f = match stale.as_slice() {
        [] => return "ok".to_owned(),
        [f] => f,
        more => panic!("several reference findings: {more:#?}"),
    };
    let mut out = f.code.as_str().to_owned();
    if let Some(actual) = f.actual {
        out.push_str(&format!(" {actual}"));
        // The fix writes exactly the block's lines, in the reference's own form.
        let fix = f
            .fix
            .as_ref()
            .expect("a block to point at comes with a fix");
        assert_eq!(fix.edits.len(), 1, "{f:#?}");
        assert_eq!(fix.edits[0].replacement, replacement(&actual.to_string()));
    } else {
        assert!(f.fix.is_none(), "no block, no fix: {f:#?}");
    }
    let why = [", but ", ", which is not a whole block or attribute: it "]
        .iter()
        .find_map(|sep| f.message.rsplit_once(sep).map(|(_, why)| why));
    match (f.code.as_str(), why) {
        ("ref-out-of-range" | "ref-misaligned", Some(why)) => out.push_str(&format!(": {why}")),
        ("ref-ambiguous", Some(why)) => {
            let count = why.split(" blocks").next().unwrap();
            out.push_str(&format!(": {count} blocks"));
        }
        _ => {}
    }
    out
}

/// The verdict on module `module`'s catalog reference `lines` (and `label`) into `example`.
fn through_catalog(example: &str, module: &str, lines: &str, label: Option<&str>) -> String {
    let dir = project_dir(example);
    let label = label.map_or_else(String::new, |l| format!(", label = \"{l}\""));
    let catalog = format!(
        "[guide]\ntitle = \"Guide\"\nexample = \"/{EXAMPLE}\"\n\n\
         [modules.{module}]\nname = \"{module}\"\npath = \"terraform/modules/{module}\"\n\
         use-case = \"Testing\"\ncost = \"~$1\"\nenable = \"Always\"\ndoes = \"Things.\"\n\
         example = {{ lines = \"{lines}\"{label} }}\n"
    );
    std::fs::write(dir.path().join("catalog.toml"), catalog).unwrap();
    let project = Project::load(&dir.path().join("catalog.toml"), None).unwrap();
    verdict(&check::run(&project), |range| format!("\"{range}\""))
}

/// The verdict on `lines` written in a markdown guide, in a section naming `module` (or in
/// none).
fn through_prose(example: &str, module: Option<&str>, lines: &str) -> String {
    let dir = project_dir(example);
    let named = module.map_or_else(String::new, |m| {
        format!("**Module**: `terraform/modules/{m}`\n\n")
    });
    let guide = format!("# Guide\n\n## Section\n\n{named}See `/{EXAMPLE}` lines {lines}.\n");
    let mut project = Project::without_catalog(dir.path(), &[]);
    project.add_markdown(&dir.path().join("GUIDE.md"), guide, false);
    verdict(&check::run(&project), |range| {
        if range.contains('-') {
            format!("lines {range}")
        } else {
            format!("line {range}")
        }
    })
}

/// Rows of (cited lines, expected verdict) for module `module` in `example`, through the
/// catalog and through a section naming the module; then `example` with CRLF line endings
/// must get the same verdicts.
fn assert_module_rows(example: &str, module: &str, rows: &[(&str, &str)]) {
    let crlf = example.replace('\n', "\r\n");
    let mut failed = Vec::new();
    for (text, endings) in [(example, "LF"), (crlf.as_str(), "CRLF")] {
        for &(lines, expected) in rows {
            let catalog = through_catalog(text, module, lines, None);
            let prose = through_prose(text, Some(module), lines);
            for (how, got) in [("catalog", catalog), ("prose", prose)] {
                if got != expected {
                    failed.push(format!(
                        "{endings} {how} lines {lines}: expected `{expected}`, got `{got}`"
                    ));
                }
            }
        }
    }
    assert!(failed.is_empty(), "{}\nin\n{example}", failed.join("\n"));
}

/// Rows of (cited lines, expected verdict) written in prose outside any module's section:
/// any single block, with or without its comment header. CRLF as for modules.
fn assert_any_block_rows(example: &str, rows: &[(&str, &str)]) {
    let crlf = example.replace('\n', "\r\n");
    let mut failed = Vec::new();
    for (text, endings) in [(example, "LF"), (crlf.as_str(), "CRLF")] {
        for &(lines, expected) in rows {
            let got = through_prose(text, None, lines);
            if got != expected {
                failed.push(format!(
                    "{endings} lines {lines}: expected `{expected}`, got `{got}`"
                ));
            }
        }
    }
    assert!(failed.is_empty(), "{}\nin\n{example}", failed.join("\n"));
}

/// A block on the file's first line and on its last (no header, no trailing blank).
const ONE_BLOCK: &str = "# module \"cache\" {\n\
                         #   source = \"../../modules/cache\"\n\
                         #   name   = \"dev-cache\"\n\
                         # }\n";

/// The block at lines 5-8, under a two-line comment header (3-4), after a blank line (2)
/// and a file comment (1); two blank lines after it.
const HEADED: &str = "# Optional modules.\n\
                      \n\
                      # Cache: a small cluster.\n\
                      # Costs ~$12/month.\n\
                      # module \"cache\" {\n\
                      #   source = \"../../modules/cache\"\n\
                      #   name   = \"dev-cache\"\n\
                      # }\n\
                      \n\
                      \n";

/// Two blocks touching (1-4 `cache`, 5-8 `queue`): the first one's `# }` is no header of
/// the second.
const TOUCHING: &str = "# module \"cache\" {\n\
                        #   source = \"../../modules/cache\"\n\
                        #   name   = \"dev-cache\"\n\
                        # }\n\
                        # module \"queue\" {\n\
                        #   source = \"../../modules/queue\"\n\
                        #   name   = \"dev-queue\"\n\
                        # }\n";

/// Two blocks of `cache`: `primary` (3-6) and `replica` (8-11).
const TWO_CACHES: &str = "# Two caches.\n\
                          \n\
                          # module \"primary\" {\n\
                          #   source = \"../../modules/cache\"\n\
                          #   name   = \"a\"\n\
                          # }\n\
                          \n\
                          # module \"replica\" {\n\
                          #   source = \"../../modules/cache\"\n\
                          #   name   = \"b\"\n\
                          # }\n";

#[test]
fn a_block_on_the_first_and_last_lines() {
    assert_module_rows(
        ONE_BLOCK,
        "cache",
        &[
            ("1-4", "ok"),
            // One line too many at either end, one too few: the extent changed.
            ("1-5", "ref-out-of-range 1-4: the file has 4 lines"),
            ("1-3", "ref-changed 1-4"),
            ("2-4", "ref-changed 1-4"),
            ("1", "ref-changed 1-4"),
            ("4", "ref-changed 1-4"),
            ("0-4", "ref-out-of-range 1-4: line numbers start at 1"),
            ("4-1", "ref-out-of-range 1-4: the range is reversed"),
            ("5", "ref-out-of-range 1-4: the file has 4 lines"),
        ],
    );
}

#[test]
fn a_block_ending_the_file_without_a_final_newline() {
    let example = ONE_BLOCK.trim_end_matches('\n');
    assert_module_rows(
        example,
        "cache",
        &[
            ("1-4", "ok"),
            ("1-5", "ref-out-of-range 1-4: the file has 4 lines"),
        ],
    );
}

#[test]
fn a_block_under_a_comment_header() {
    assert_module_rows(
        HEADED,
        "cache",
        &[
            ("5-8", "ok"),
            ("4-8", "ok"),
            ("3-8", "ok"),
            // The blank line (2) ends the header; the file's comment (1) is not part of it.
            ("2-8", "ref-changed 5-8"),
            ("1-8", "ref-changed 5-8"),
            // Past the block's end, into the blank lines after it.
            ("5-9", "ref-changed 5-8"),
            ("3-9", "ref-changed 5-8"),
            ("3-10", "ref-changed 5-8"),
            ("3-7", "ref-changed 5-8"),
            ("6-8", "ref-changed 5-8"),
            // Same length, other lines: moved.
            ("6-9", "ref-moved 5-8"),
            ("1-4", "ref-moved 5-8"),
            ("7-10", "ref-moved 5-8"),
            ("10", "ref-changed 5-8"),
            ("11", "ref-out-of-range 5-8: the file has 10 lines"),
            ("7-11", "ref-out-of-range 5-8: the file has 10 lines"),
        ],
    );
}

#[test]
fn touching_blocks() {
    assert_module_rows(
        TOUCHING,
        "cache",
        &[
            ("1-4", "ok"),
            ("1-5", "ref-changed 1-4"),
            ("5-8", "ref-moved 1-4"),
        ],
    );
    assert_module_rows(
        TOUCHING,
        "queue",
        &[
            ("5-8", "ok"),
            // The line above is the other block's closing `# }`: no header.
            ("4-8", "ref-changed 5-8"),
            ("1-4", "ref-moved 5-8"),
            ("5-9", "ref-out-of-range 5-8: the file has 8 lines"),
        ],
    );
}

#[test]
fn a_module_no_block_instantiates_is_gone() {
    let only_queue = TOUCHING.lines().skip(4).collect::<Vec<_>>().join("\n") + "\n";
    assert_module_rows(
        &only_queue,
        "cache",
        &[
            ("2-3", "ref-gone"),
            // Out of range wins, and there is no block to point at.
            ("1-5", "ref-out-of-range: the file has 4 lines"),
            ("0-1", "ref-out-of-range: line numbers start at 1"),
        ],
    );
    assert_module_rows("# No modules here.\n", "cache", &[("1", "ref-gone")]);
    // Exactly the block of another module: the catalog's example is gone; a guide's section
    // names its module by the paths written in it, a guess the exact range overrules.
    assert_eq!(
        through_catalog(&only_queue, "cache", "1-4", None),
        "ref-gone"
    );
    assert_eq!(through_prose(&only_queue, Some("cache"), "1-4"), "ok");
    // But an argument of that block is no other subject: the section's module is gone.
    assert_eq!(through_prose(&only_queue, Some("cache"), "3"), "ref-gone");
}

#[test]
fn an_empty_file_has_no_line_to_cite() {
    for example in ["", "\n"] {
        let lines = if example.is_empty() { 0 } else { 1 };
        let word = if lines == 1 { "line" } else { "lines" };
        let past = format!("ref-out-of-range: the file has {lines} {word}");
        let rows: Vec<(&str, &str)> = vec![
            ("2", past.as_str()),
            ("0", "ref-out-of-range: line numbers start at 1"),
        ];
        assert_module_rows(example, "cache", &rows);
        assert_any_block_rows(example, &rows);
    }
    assert_module_rows(
        "",
        "cache",
        &[("1", "ref-out-of-range: the file has 0 lines")],
    );
}

#[test]
fn several_blocks_of_one_module() {
    assert_module_rows(
        TWO_CACHES,
        "cache",
        &[
            // Citing one of them exactly is unambiguous.
            ("3-6", "ok"),
            ("8-11", "ok"),
            // Line 2 is blank: no header.
            ("2-6", "ref-ambiguous: 2 blocks"),
            ("3-7", "ref-ambiguous: 2 blocks"),
            ("2-5", "ref-ambiguous: 2 blocks"),
            ("3-11", "ref-ambiguous: 2 blocks"),
            ("8-12", "ref-out-of-range: the file has 11 lines"),
        ],
    );
}

#[test]
fn a_label_picks_one_of_several_blocks() {
    for (lines, label, expected) in [
        ("8-11", "replica", "ok"),
        ("3-6", "replica", "ref-moved 8-11"),
        ("3-6", "primary", "ok"),
        ("3-7", "primary", "ref-changed 3-6"),
        (
            "8-12",
            "replica",
            "ref-out-of-range 8-11: the file has 11 lines",
        ),
        ("3-6", "standby", "ref-gone"),
    ] {
        assert_eq!(
            through_catalog(TWO_CACHES, "cache", lines, Some(label)),
            expected,
            "lines {lines}, label {label}"
        );
    }
}

#[test]
fn the_catalog_cites_the_block_prose_may_cite_inside_it() {
    // Line 3 is the block's `name` argument: the catalog's `example` is the module's block by
    // definition; a guide's section may cite one argument of it.
    assert_eq!(
        through_catalog(ONE_BLOCK, "cache", "3", None),
        "ref-changed 1-4"
    );
    assert_eq!(through_prose(ONE_BLOCK, Some("cache"), "3"), "ok");
    assert_eq!(through_prose(ONE_BLOCK, None, "3"), "ok");
    // An argument of another module's block is no other subject: the section's module moved.
    assert_eq!(
        through_prose(TOUCHING, Some("cache"), "7"),
        "ref-changed 1-4"
    );
    // Line 1 alone is no whole item: in the section it is the module's block moved or
    // changed; outside any section, a guess.
    assert_eq!(
        through_prose(ONE_BLOCK, Some("cache"), "1"),
        "ref-changed 1-4"
    );
}

#[test]
fn prose_outside_a_module_section_cites_any_one_block() {
    assert_any_block_rows(
        HEADED,
        &[
            ("5-8", "ok"),
            ("3-8", "ok"),
            ("4-8", "ok"),
            (
                "2-8",
                "ref-misaligned: is part of block `module \"cache\"` (lines 5-8)",
            ),
            (
                "5-9",
                "ref-misaligned: is part of block `module \"cache\"` (lines 5-8)",
            ),
            (
                "5-7",
                "ref-misaligned: is part of block `module \"cache\"` (lines 5-8)",
            ),
            (
                "8",
                "ref-misaligned: is part of block `module \"cache\"` (lines 5-8)",
            ),
            (
                "5",
                "ref-misaligned: is part of block `module \"cache\"` (lines 5-8)",
            ),
            ("1-3", "ref-misaligned: covers no block or attribute"),
            ("9-10", "ref-misaligned: covers no block or attribute"),
            ("0-8", "ref-out-of-range: line numbers start at 1"),
            ("8-5", "ref-out-of-range: the range is reversed"),
            ("9-11", "ref-out-of-range: the file has 10 lines"),
        ],
    );
    assert_any_block_rows(
        TOUCHING,
        &[
            ("1-4", "ok"),
            ("5-8", "ok"),
            (
                "4-8",
                "ref-misaligned: covers parts of 2 blocks: `module.cache` (1-4), `module.queue` (5-8)",
            ),
            (
                "4-5",
                "ref-misaligned: covers parts of 2 blocks: `module.cache` (1-4), `module.queue` (5-8)",
            ),
            (
                "1-8",
                "ref-misaligned: covers parts of 2 blocks: `module.cache` (1-4), `module.queue` (5-8)",
            ),
            (
                "1-5",
                "ref-misaligned: covers parts of 2 blocks: `module.cache` (1-4), `module.queue` (5-8)",
            ),
            (
                "8",
                "ref-misaligned: is part of block `module \"queue\"` (lines 5-8)",
            ),
            (
                "1",
                "ref-misaligned: is part of block `module \"cache\"` (lines 1-4)",
            ),
        ],
    );
}

#[test]
fn a_block_runs_to_its_closing_brace_not_past_it() {
    // The probe: a range that runs past the block's end is not the block.
    let example = "# module \"cache\" {\n\
                   #   source = \"../../modules/cache\"\n\
                   #   name   = \"dev-cache\"\n\
                   # }\n\
                   \n\
                   # Notes after the block.\n";
    assert_module_rows(
        example,
        "cache",
        &[
            ("1-4", "ok"),
            ("1-5", "ref-changed 1-4"),
            ("1-6", "ref-changed 1-4"),
        ],
    );
}
