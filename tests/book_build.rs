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

/// Every fact of the seed guide (`tests/seed-facts.txt`, one per line, glyphs restored) is
/// on some page of the built site.
#[test]
fn every_fact_of_the_seed_is_on_some_page() {
    let out = build();
    let mut site = String::new();
    for page in ["index.html", "modules.html", "summary.html"] {
        site.push_str(&common::html_text(&read(&out, page)));
    }
    for (id, _, _) in MODULES {
        site.push_str(&common::html_text(&read(
            &out,
            &format!("modules/{id}.html"),
        )));
    }
    let facts = std::fs::read_to_string(common::repo().join("tests/seed-facts.txt")).unwrap();
    let missing: Vec<&str> = facts
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .filter(|fact| !site.contains(&fact.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect();
    assert!(
        missing.is_empty(),
        "facts missing from the site:\n{}",
        missing.join("\n")
    );
}
