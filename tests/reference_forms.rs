//! The reference grammar, as a table: every way a guide writes a line reference is
//! recognized with its path and range, and `fix` rewrites it in the author's own style;
//! text that is not a reference stays silent. (README, "Checking a hand-written guide".)

use mdbook_catalog::catalog::LineRange;
use mdbook_catalog::prose::scan;

/// `markdown`, the path and lines it cites, and the text after a fix to lines 9-28.
struct Case {
    markdown: String,
    path: &'static str,
    lines: (usize, usize),
    fixed: String,
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let file = "/terraform/envs/dev/x.tf.example";
    // "lines A-B" after the path: every case of the word and every separator.
    for (word, fixed_word) in [("lines", "lines"), ("Lines", "Lines"), ("LINES", "LINES")] {
        for sep in [" to ", " - ", " – ", "-", "–", "—"] {
            for (before, after) in [
                ("See `{f}` ", "."),
                ("`{f}`, ", ""),
                ("`{f}` (", ")"),
                ("`{f}`: ", ""),
            ] {
                let before = before.replace("{f}", file);
                cases.push(Case {
                    markdown: format!("{before}{word} 8{sep}27{after}"),
                    path: file,
                    lines: (8, 27),
                    fixed: format!("{before}{fixed_word} 9{sep}28{after}"),
                });
            }
        }
    }
    // A file name alone, relative to the guide, where a line reference goes with it.
    cases.push(Case {
        markdown: "See `main.tf` lines 8-27.".to_owned(),
        path: "main.tf",
        lines: (8, 27),
        fixed: "See `main.tf` lines 9-28.".to_owned(),
    });
    // A link's anchor inside a code span.
    for (markdown, fixed) in [
        (format!("`{file}#L8-L27`"), format!("`{file}#L9-L28`")),
        (format!("`{file}#L8-27`"), format!("`{file}#L9-28`")),
    ] {
        cases.push(Case {
            markdown,
            path: file,
            lines: (8, 27),
            fixed,
        });
    }
    // A paragraph wrapped between the path and the range.
    cases.push(Case {
        markdown: format!("Queue jobs with `{file}`\nlines 8-27."),
        path: file,
        lines: (8, 27),
        fixed: format!("Queue jobs with `{file}`\nlines 9-28."),
    });
    // A path with a space, where a line reference follows or precedes it.
    for (markdown, fixed) in [
        (
            "`/docs/my file.tf` lines 8-27",
            "`/docs/my file.tf` lines 9-28",
        ),
        ("`/docs/my file.tf` L8-L27", "`/docs/my file.tf` L9-L28"),
        (
            "lines 8-27 of `/docs/my file.tf`",
            "lines 9-28 of `/docs/my file.tf`",
        ),
    ] {
        cases.push(Case {
            markdown: markdown.to_owned(),
            path: "/docs/my file.tf",
            lines: (8, 27),
            fixed: fixed.to_owned(),
        });
    }
    // "line 12" stays singular when the fix keeps one line, and becomes "lines" for more.
    cases.push(Case {
        markdown: format!("`{file}` line 12"),
        path: file,
        lines: (12, 12),
        fixed: format!("`{file}` lines 9-28"),
    });
    // "lines A-B of `file`" and "in `file`".
    for joint in ["of", "in", "OF"] {
        cases.push(Case {
            markdown: format!("See lines 8-27 {joint} `{file}`."),
            path: file,
            lines: (8, 27),
            fixed: format!("See lines 9-28 {joint} `{file}`."),
        });
    }
    // `L8-L27` after the path, kept with or without the second L.
    for (written, fixed) in [
        ("L8-L27", "L9-L28"),
        ("L8-27", "L9-28"),
        ("(L8-L27)", "(L9-L28)"),
    ] {
        cases.push(Case {
            markdown: format!("`{file}` {written}"),
            path: file,
            lines: if written == "L8" { (8, 8) } else { (8, 27) },
            fixed: format!("`{file}` {fixed}"),
        });
    }
    // Links with a line fragment, inline and by reference, with a percent-encoded path.
    for (written, fixed) in [("#L8-L27", "#L9-L28"), ("#L8-27", "#L9-28")] {
        cases.push(Case {
            markdown: format!("[block]({file}{written})"),
            path: file,
            lines: (8, 27),
            fixed: format!("[block]({file}{fixed})"),
        });
        cases.push(Case {
            markdown: format!("[block][b]\n\n[b]: {file}{written}\n"),
            path: file,
            lines: (8, 27),
            fixed: format!("[block][b]\n\n[b]: {file}{fixed}\n"),
        });
    }
    for (url, fixed) in [
        ("https://github.com/acme/infra/blob/main", "L9-L28"),
        ("https://github.com/acme/infra/blob/release-1.2", "L9-L28"),
    ] {
        cases.push(Case {
            markdown: format!("[block]({url}{file}#L8-L27)"),
            path: file,
            lines: (8, 27),
            fixed: format!("[block]({url}{file}#{fixed})"),
        });
    }
    cases.push(Case {
        markdown: "[block](/docs/my%20file.tf#L8-L27)".to_owned(),
        path: "/docs/my file.tf",
        lines: (8, 27),
        fixed: "[block](/docs/my%20file.tf#L9-L28)".to_owned(),
    });
    // `path:A-B` and `path:12` inside a code span, with or without a directory.
    for (written, fixed, path, lines) in [
        (
            "`clusters.tf:8-27`",
            "`clusters.tf:9-28`",
            "clusters.tf",
            (8, 27),
        ),
        (
            "`envs/dev/main.tf:8-27`",
            "`envs/dev/main.tf:9-28`",
            "envs/dev/main.tf",
            (8, 27),
        ),
        (
            "`clusters.tf:61`",
            "`clusters.tf:9-28`",
            "clusters.tf",
            (61, 61),
        ),
    ] {
        cases.push(Case {
            markdown: written.to_owned(),
            path,
            lines,
            fixed: fixed.to_owned(),
        });
    }
    cases
}

#[test]
fn every_form_is_recognized_and_fixed_in_its_own_style() {
    let cases = cases();
    assert!(cases.len() >= 60, "{} forms", cases.len());
    let mut wrong = Vec::new();
    for case in &cases {
        let found = scan(&case.markdown);
        let Some(r) = found.refs.first() else {
            wrong.push(format!("not recognized: {:?}", case.markdown));
            continue;
        };
        if (r.path.as_str(), (r.lines.first, r.lines.last)) != (case.path, case.lines) {
            wrong.push(format!(
                "{:?}: read as {} lines {}",
                case.markdown, r.path, r.lines
            ));
            continue;
        }
        let mut fixed = case.markdown.clone();
        fixed.replace_range(r.numbers.clone(), &r.form.write(LineRange::new(9, 28)));
        if fixed != case.fixed {
            wrong.push(format!(
                "{:?}: fixed as {fixed:?}, not {:?}",
                case.markdown, case.fixed
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn what_is_not_a_reference_stays_silent() {
    for text in [
        "`/terraform/envs/dev/x.tf.example` is the example file.",
        "lines 8-27 are the block",
        "`/terraform/envs/dev/x.tf.example` lines",
        "`/terraform/envs/dev/x.tf.example` lines eight",
        "`/terraform/envs/dev/x.tf.example`\n\nlines 8-27",
        "`/terraform/envs/dev/x.tf.example` Lx",
        "`/terraform/envs/dev/x.tf.example` L",
        "`/terraform/envs/dev/x.tf.example` Lambda",
        "`key:value`",
        "`http://example.com/x.tf:12`",
        "`x.tf:`",
        "`x.tf:1a`",
        "`x.tf:+5`",
        "`x.tf:+1-5`",
        "`.tf:12`",
        "[a](https://example.com/x.tf#L1-L3)",
        "[pinned](https://github.com/o/r/blob/1b338fe664e5debc5bbac30cfe42003f7458575a/x.tf#L96-L100)",
        "[short sha](https://github.com/o/r/blob/1b338fe/x.tf#L96-L100)",
        "[a](#L1-L3)",
        "[tree](https://github.com/o/r/tree/main/x.tf#L1-L3)",
        "```\n`/t/x.tf` lines 1-2\n```",
        "<!-- `/t/x.tf` lines 1-2 -->",
        "lines 8-27 of the file",
        "See lines 8-27, of `/t/x.tf`",
        "`cd terraform && make plan` lines 1-2",
        "`terraform plan -out x.tfplan` lines 1-2",
        // Words with spaces name a file only with a directory in them.
        "`my notes.tf` lines 1-2",
    ] {
        let found = scan(text);
        assert!(
            found.refs.is_empty(),
            "{text:?} is not a reference: {:?}",
            found.refs
        );
    }
}

#[test]
fn line_references_naming_no_file_are_unresolved_never_skipped() {
    let unresolved = |text: &str| -> Vec<String> {
        let found = scan(text);
        found
            .unresolved
            .iter()
            .map(|r| text[r.clone()].to_owned())
            .collect()
    };
    for (text, read) in [
        ("lines 8-27 are the block", "lines 8-27"),
        ("`/t/x.tf`\n\nlines 8-27", "lines 8-27"),
        ("lines 8-27 of the file", "lines 8-27"),
        ("See lines 8-27, of `/t/x.tf`", "lines 8-27"),
        ("Line 12 sets the region.", "Line 12"),
        ("see LINES 3 to 9", "LINES 3 to 9"),
        ("lines 3 – 9 hold it", "lines 3 – 9"),
        ("the range L8-L27 in the example", "L8-L27"),
        ("| cache | lines 4-6 |", "lines 4-6"),
        ("- **Lines 1-2**: the header", "Lines 1-2"),
        ("```\nx\n```\n\nlines 1-2 after a code block", "lines 1-2"),
        // Touching a reference is not being part of it.
        ("lines 1-2[x](/t/x.tf#L3-L4)", "lines 1-2"),
        ("[x](/t/x.tf#L3-L4)lines 1-2", "lines 1-2"),
    ] {
        assert_eq!(unresolved(text), vec![read], "{text:?}");
    }
    for text in [
        "`/t/x.tf` lines 8-27",
        "lines 3-7 of [the file](/t/x.tf#L3-L7)",
        "lines 3-7 in `/t/x.tf`",
        "[lines 1-2](/t/x.tf#L1-L2)",
        "`lines 1-2`",
        "```\nlines 1-2\n```",
        "<!-- lines 1-2 -->",
        "headlines 8-27 and guidelines 2",
        "online 5",
        "a few lines of code",
        "the L2 cache",
        "See https://github.com/o/r/blob/main/docs/a.md?plain=1#L264-L268 for more",
        "`/t/x.tf` lines eight",
    ] {
        assert_eq!(unresolved(text), Vec::<String>::new(), "{text:?}");
    }
}

#[test]
fn placeholders_and_globs_are_not_cited_paths() {
    for text in [
        "`terraform/environments/<env>/main.tf`",
        "`terraform/environments/{env}/main.tf`",
        "`terraform/modules/*/README.md`",
        "[x](terraform/environments/<env>/main.tf)",
    ] {
        assert!(
            scan(text).paths.is_empty(),
            "{text:?}: {:?}",
            scan(text).paths
        );
    }
    let found = scan("`terraform/environments/dev/main.tf`");
    assert_eq!(found.paths.len(), 1);
    // A name with a space is a path only beside a line reference.
    assert!(scan("`docs/my file.tf` is long").paths.is_empty());
    assert_eq!(scan("`docs/my file.tf` line 3").paths.len(), 1);
}

mod common;

/// Through the binary: each form cites the Memcached block; after a line is added on top of
/// the example file, `check` reports every one and `fix` rewrites each in its own style.
#[test]
fn check_and_fix_resolve_every_style_against_the_real_file() {
    let dir = common::project_copy();
    let f = "/terraform/environments/dev/optional-modules.tf.example";
    let forms = [
        format!("See `{f}` lines 38-57."),
        format!("See `{f}` (lines 38 to 57)."),
        format!("See lines 38-57 of `{f}`."),
        format!("See `{f}` L38-L57."),
        format!("See [the block]({f}#L38-57)."),
        "See `terraform/environments/dev/optional-modules.tf.example:38-57`.".to_owned(),
        format!("See [on GitHub](https://github.com/acme/infra/blob/main{f}#L38-L57)."),
        // Another repository's file: not this project's, so not checked.
        "See [upstream](https://github.com/other/repo/blob/main/nowhere.tf#L1-L3).".to_owned(),
    ];
    let guide = format!(
        "# Guide\n\n## Memcached\n\n**Module**: `terraform/modules/cache/elasticache_memcached`\n\n{}\n",
        forms.join("\n\n")
    );
    std::fs::write(dir.path().join("guide.md"), &guide).unwrap();
    let check = |args: &[&str]| {
        let out = common::output(dir.path(), args);
        (out.code, out.stderr)
    };
    let (code, out) = check(&["check", "guide.md"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("checked 14 references"), "{out}");

    let example = dir.path().join(&f[1..]);
    let text = std::fs::read_to_string(&example).unwrap();
    std::fs::write(&example, format!("# added\n{text}")).unwrap();
    let (code, out) = check(&["check", "guide.md"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("8 citations are stale"),
        "one block, the catalog and seven forms: {out}"
    );
    let (code, out) = check(&["fix", "guide.md"]);
    assert_eq!(code, 0, "{out}");
    let fixed = std::fs::read_to_string(dir.path().join("guide.md")).unwrap();
    for expected in [
        format!("See `{f}` lines 39-58."),
        format!("See `{f}` (lines 39 to 58)."),
        format!("See lines 39-58 of `{f}`."),
        format!("See `{f}` L39-L58."),
        format!("See [the block]({f}#L39-58)."),
        "See `terraform/environments/dev/optional-modules.tf.example:39-58`.".to_owned(),
        format!("See [on GitHub](https://github.com/acme/infra/blob/main{f}#L39-L58)."),
        "See [upstream](https://github.com/other/repo/blob/main/nowhere.tf#L1-L3).".to_owned(),
    ] {
        assert!(fixed.contains(&expected), "{expected}\n{fixed}");
    }
}
