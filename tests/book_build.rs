//! Builds the repository's `book/` in-process through mdbook-driver, as `mdbook-catalog
//! build` does, and checks the site against the seed guide.

mod common;

use mdbook_catalog::book::CatalogPreprocessor;

/// Builds the embedded book into a temporary directory and returns it.
fn build() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut book = mdbook_driver::MDBook::load(common::repo().join("book")).unwrap();
    book.config.build.build_dir = out.path().to_path_buf();
    book.with_preprocessor(CatalogPreprocessor);
    book.build().unwrap();
    out
}

fn read(dir: &tempfile::TempDir, page: &str) -> String {
    std::fs::read_to_string(dir.path().join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

const MODULES: [(&str, &str, &str); 7] = [
    ("vpc-lattice", "VPC Lattice", "8-27"),
    ("memcached", "Memcached", "38-57"),
    ("nginx-ingress", "NGINX Ingress", "72-102"),
    ("aurora-global", "Aurora Global", "116-137"),
    ("greengrass", "Greengrass", "151-174"),
    ("ecr-scanning", "ECR Scanning", "188-217"),
    ("mlflow", "MLflow", "231-273"),
];

#[test]
fn the_guide_is_built_with_one_page_per_module() {
    let out = build();
    let index = read(&out, "index.html");
    let toc = read(&out, "toc.html");
    for (id, name, lines) in MODULES {
        let page = read(&out, &format!("modules/{id}.html"));
        assert!(page.contains(&format!(">{name}</a></h1>")), "{id}: title");
        // Reachable from the quick reference and from the sidebar.
        assert!(
            index.contains(&format!("href=\"modules/{id}.html\"")),
            "{id}: quick reference link"
        );
        assert!(
            toc.contains(&format!("modules/{id}.html")),
            "{id}: sidebar link"
        );
        // The caption cites the seed's range.
        let text = common::html_text(&page);
        let caption =
            format!("See /terraform/environments/dev/optional-modules.tf.example lines {lines}");
        assert!(text.contains(&caption), "{id}: caption {caption}");
    }
}

#[test]
fn example_snippets_are_the_cited_blocks_uncommented() {
    let out = build();
    let example = std::fs::read_to_string(
        common::repo().join("terraform/environments/dev/optional-modules.tf.example"),
    )
    .unwrap();
    let lines: Vec<&str> = example.lines().collect();
    for (id, _, range) in MODULES {
        let (a, b) = range.split_once('-').unwrap();
        let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
        assert!(
            lines[a - 1].starts_with("# module \""),
            "{id}: line {a} opens the block"
        );
        assert_eq!(lines[b - 1], "# }", "{id}: line {b} closes the block");
        let page = common::html_text(&read(&out, &format!("modules/{id}.html")));
        for line in &lines[a - 1..b] {
            let code = line.strip_prefix("# ").or(line.strip_prefix('#')).unwrap();
            let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(page.contains(&code), "{id}: snippet line `{code}`");
        }
    }
}

#[test]
fn comparison_cells_show_glyph_and_text() {
    let out = build();
    let memcached = read(&out, "modules/memcached.html");
    assert!(memcached.contains(
        r#"<span class="catalog-verdict catalog-verdict-yes"><span role="img" aria-label="Yes:">✅</span> Lists, sets, sorted sets</span>"#
    ));
    assert!(memcached.contains(r#"<span aria-hidden="true">❌</span> No</span>"#));
    let nginx = common::html_text(&read(&out, "modules/nginx-ingress.html"));
    assert!(
        nginx.contains("Cloud portability ❌ AWS-only ✅ Multi-cloud"),
        "{nginx}"
    );
}

/// The seed guide (`tests/seed/optional-modules-guide.md`, the document this project was
/// founded on, glyphs restored) read as sentences: every heading, every sentence of a
/// paragraph or list item, every table row (cells joined by a space) and every line of a
/// code block. Each must be on some page of the built site, word for word, unless
/// `tests/seed/intended.toml` lists it as an intended change, with what the site says
/// instead (which must then be on the site) and why.
#[test]
fn the_site_says_every_sentence_of_the_seed_or_an_intended_change() {
    let out = build();
    let mut site = String::new();
    for page in ["index.html", "modules.html", "summary.html"] {
        site.push_str(&common::html_text(&read(&out, page)));
        site.push(' ');
    }
    for (id, _, _) in MODULES {
        site.push_str(&common::html_text(&read(
            &out,
            &format!("modules/{id}.html"),
        )));
        site.push(' ');
    }
    let seed = std::fs::read_to_string(common::repo().join("tests/seed/optional-modules-guide.md"))
        .unwrap();
    let intended: toml::Table =
        std::fs::read_to_string(common::repo().join("tests/seed/intended.toml"))
            .unwrap()
            .parse()
            .unwrap();
    let changes: Vec<(String, String)> = intended["change"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert!(
                c["why"].as_str().is_some_and(|w| !w.is_empty()),
                "{c}: why?"
            );
            (
                normalize(c["seed"].as_str().unwrap()),
                normalize(c["site"].as_str().unwrap()),
            )
        })
        .collect();
    let units = seed_sentences(&seed);
    assert!(
        units.len() > 250,
        "the seed has more sentences: {}",
        units.len()
    );
    let mut problems = Vec::new();
    for unit in &units {
        if site.contains(unit.as_str()) {
            continue;
        }
        match changes.iter().find(|(from, _)| from == unit) {
            Some((_, to)) if to.is_empty() || site.contains(to.as_str()) => {}
            Some((_, to)) => problems.push(format!(
                "intended `{to}` is not on the site either (seed: `{unit}`)"
            )),
            None => problems.push(format!("changed without being intended: `{unit}`")),
        }
    }
    for (from, _) in &changes {
        if !units.contains(from) {
            problems.push(format!(
                "intended.toml names a sentence the seed does not have: `{from}`"
            ));
        } else if site.contains(from.as_str()) {
            problems.push(format!(
                "intended.toml lists `{from}`, but the site says it word for word"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The seed's sentences, as a reader sees them (markup dropped, whitespace collapsed).
fn seed_sentences(markdown: &str) -> Vec<String> {
    use mdbook_markdown::pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut units = Vec::new();
    let mut text = String::new();
    let mut code = false;
    let flush = |text: &mut String, units: &mut Vec<String>, split: bool| {
        let whole = normalize(text);
        text.clear();
        if whole.is_empty() {
            return;
        }
        if !split {
            units.push(whole);
            return;
        }
        // Sentences end at ". " (abbreviations like "e.g." do not occur in the seed).
        let mut rest = whole.as_str();
        while let Some(i) = rest.find(". ") {
            units.push(rest[..=i].to_owned());
            rest = &rest[i + 2..];
        }
        units.push(rest.to_owned());
    };
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code = true,
            Event::End(TagEnd::CodeBlock) => code = false,
            Event::Text(t) if code => {
                units.extend(t.lines().map(normalize).filter(|l| !l.is_empty()));
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::TableCell) => text.push(' '),
            Event::End(TagEnd::Heading(_) | TagEnd::TableRow | TagEnd::TableHead) => {
                flush(&mut text, &mut units, false)
            }
            Event::End(TagEnd::Paragraph) | Event::Start(Tag::Item | Tag::List(_)) => {
                flush(&mut text, &mut units, true)
            }
            Event::End(TagEnd::Item) => flush(&mut text, &mut units, true),
            _ => {}
        }
    }
    units
}

/// `check` (given the chapter) and `build` reach the same verdict on every directive: both
/// accept a valid one (also inside an HTML block such as `<details>`, where `build` renders
/// it), both reject a misspelt kind and an unknown module.
#[test]
fn check_and_build_agree_on_directives() {
    let cases = [
        ("valid", "{{#catalog module cache}}", 0),
        ("misspelt kind", "{{#catalog modul cache}}", 1),
        ("unknown module", "{{#catalog module cahce}}", 1),
        ("bad arguments", "{{#catalog summary cache}}", 1),
        (
            "inside <details>",
            "<details>\n<summary>More</summary>\n{{#catalog module cache}}\n</details>",
            0,
        ),
        (
            "unknown module inside <details>",
            "<details>\n{{#catalog module cahce}}\n</details>",
            1,
        ),
        (
            "misspelt kind inside inline HTML",
            "<b>{{#catalog sumary}}</b>",
            1,
        ),
        ("in code: text", "`{{#catalog modul x}}`", 0),
    ];
    for (case, directive, want) in cases {
        let dir = common::fixture_case("base");
        let chapter = dir.path().join("book/src/cache.md");
        std::fs::write(&chapter, format!("# Cache\n\n{directive}\n")).unwrap();
        let run = |args: &[&str]| {
            let out = common::output(dir.path(), args);
            (out.code, out.stderr)
        };
        let (check, check_err) = run(&["check", "--catalog", "catalog.toml", "book/src/cache.md"]);
        let (build, build_err) = run(&["build", "book"]);
        assert_eq!(
            (check, build),
            (want, want),
            "{case}: check said\n{check_err}\nbuild said\n{build_err}"
        );
        if want == 1 {
            assert!(
                check_err.contains("error[unknown-directive]"),
                "{case}: {check_err}"
            );
            assert_eq!(
                build_err.matches("error[unknown-directive]").count(),
                1,
                "{case}: reported once\n{build_err}"
            );
        } else {
            let page = std::fs::read_to_string(dir.path().join("book/book/cache.html")).unwrap();
            let text = common::html_text(&page);
            let code = directive.starts_with('`');
            assert_eq!(text.contains("{{#catalog"), code, "{case}: {text}");
            if !code {
                assert!(text.contains("Creates a cache."), "{case}: {text}");
            }
        }
    }
}

/// mdBook's `output.html.git-repository-url` (and `branch` in `[preprocessor.catalog]`) makes
/// every snippet caption a link to its lines in the repository, in the built page.
#[test]
fn snippet_captions_link_to_the_repository() {
    let dir = common::project_copy();
    let book_toml = dir.path().join("book/book.toml");
    let text = std::fs::read_to_string(&book_toml).unwrap().replace(
        "[preprocessor.catalog]",
        "[preprocessor.catalog]\nbranch = \"release\"",
    ) + "git-repository-url = \"https://github.com/acme/platform\"\n";
    std::fs::write(&book_toml, text).unwrap();
    let mut book = mdbook_driver::MDBook::load(dir.path().join("book")).unwrap();
    book.with_preprocessor(CatalogPreprocessor);
    book.build().unwrap();
    let page =
        std::fs::read_to_string(dir.path().join("book/book/modules/memcached.html")).unwrap();
    assert!(
        page.contains("href=\"https://github.com/acme/platform/blob/release/terraform/environments/dev/optional-modules.tf.example#L38-L57\""),
        "no link to the cited lines"
    );
}
