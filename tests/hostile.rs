//! Hostile repository text: catalog fields, `.tf` names, descriptions and defaults, and the
//! example file hold markup, mdBook directives in every spelling, heading attributes, script
//! links and reference definitions. The book is built through `mdbook-driver` with mdBook's
//! own `links` and `index` preprocessors active, and the whole output directory is audited
//! (`common::audit`): no element or attribute outside the allow-list in page content, the
//! page around the content exactly mdBook's, no script URL, no byte of a file outside the
//! project, no markup in the search index's breadcrumbs.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::audit::Chrome;
use mdbook_catalog::book::CatalogPreprocessor;
use proptest::prelude::*;

/// A file outside the project whose text must never reach the site, and the project's
/// parent directory.
struct Outside {
    _dir: tempfile::TempDir,
    parent: PathBuf,
    secret_path: PathBuf,
}

const SECRET: &str = "SECRET-7d1c0e9b-outside-the-root";
/// What `/proc/self/environ` of a test process holds.
const ENV_SECRET: &str = "CARGO_MANIFEST_DIR=";

fn outside() -> &'static Outside {
    static OUTSIDE: OnceLock<Outside> = OnceLock::new();
    OUTSIDE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let secret_path = dir.path().join("outside/secret.txt");
        std::fs::create_dir_all(secret_path.parent().unwrap()).unwrap();
        std::fs::write(&secret_path, format!("{SECRET}\n")).unwrap();
        Outside {
            parent: dir.path().to_path_buf(),
            _dir: dir,
            secret_path,
        }
    })
}

/// The attacks, each as one string; `S` is the secret file's absolute path.
fn vectors() -> Vec<String> {
    let s = outside().secret_path.display().to_string();
    let templates = [
        "{{#include S}}",
        "{{ #include S }}",
        "{{{#include S}}}",
        "{{#include\tS}}",
        "{{  #rustdoc_include S}}",
        "{{#playground S}}",
        "\\{{ #include S }}",
        "{{#include ../../../outside/secret.txt}}",
        "{{#include /proc/self/environ}}",
        "{{#title <img src=x onerror=alert(1)>}}",
        "`{{ #include S }}`",
        "```\n{{#include S}}\n```",
        "{ {#include S} }",
        "{{#catalog module cache}}",
        "Title {tabindex=0 autofocus onfocus=alert(1)}",
        "x {#id .c onfocus=alert(1)}",
        "&lt;img src=x onerror=alert(1)&gt;",
        "&#60;img src=x onerror=alert(1)&#62;",
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "<svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "<javascript:alert(1)>",
        "![i](data:image/svg+xml,<svg onload=alert(1)>)",
        "[x](vbscript:msgbox(1))",
        "[x]: javascript:alert(1)",
        "> [x]: javascript:alert(1)\n> [x]",
        "- [x]: javascript:alert(1)\n- [x]",
        "[x\ny]: javascript:alert(1)\n\n[x y]",
        "[r]",
        "\n[r]: javascript:alert(1)\n",
        "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | c |",
        "# heading <img src=x onerror=alert(1)>",
        "`<`img src=x onerror=alert(1)>",
        "a/<\n\nimg src=x onerror=alert(1)>",
        "    indented {{#include S}}",
        "<details><summary>x</summary>{{#include S}}</details>",
        "\u{1b}[31mred\u{7}\r",
    ];
    templates.iter().map(|t| t.replace('S', &s)).collect()
}

/// Pieces random strings are made of.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "{{",
    "}}",
    "#",
    "<",
    ">",
    "&",
    "[",
    "]",
    "(",
    ")",
    ":",
    "\\",
    "|",
    "`",
    "```",
    "\n",
    "\n\n",
    "é",
    "→",
    "\u{200B}",
    "&lt;",
    "&#123;",
    "javascript:",
    "data:",
    "include",
    "%",
    "$",
    "${",
    "%{",
    "*",
    "_",
    "~",
    "!",
    "'",
    "\"",
    "\r",
    "\t",
    " ",
    "    ",
    "- ",
    "1. ",
    "> ",
    "=",
    "---",
    "img",
    "script",
    "onerror=",
    "alert(1)",
    "/",
    "..",
    "EOT",
    "<<EOT",
];

fn hostile_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(vectors()),
        4 => prop::sample::select(TOKENS).prop_map(str::to_owned),
        2 => "[a-z]{1,6}",
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 1..8).prop_map(|pieces| pieces.concat())
}

/// Builds the book of `project` as `mdbook build` does (mdBook's `links` and `index`
/// preprocessors included) with the catalog preprocessor; `Err` with the chain of causes.
fn build(project: &Path) -> Result<PathBuf, String> {
    let mut book =
        mdbook_driver::MDBook::load(project.join("book")).map_err(|e| format!("{e:#}"))?;
    // mdBook's `links` and `index` run (the fixture's book.toml keeps the defaults).
    assert!(book.config.build.use_default_preprocessors);
    book.with_preprocessor(CatalogPreprocessor);
    book.build().map_err(|e| format!("{e:#}"))?;
    Ok(project.join("book/book"))
}

/// A project in the shared parent directory (so `../../../outside` reaches the secret).
fn project_dir() -> tempfile::TempDir {
    tempfile::tempdir_in(&outside().parent).unwrap()
}

/// The page chrome of a book built from harmless text, by page.
fn chrome() -> &'static Chrome {
    static CHROME: OnceLock<Chrome> = OnceLock::new();
    CHROME.get_or_init(|| {
        let dir = project_dir();
        common::hostile_project(dir.path(), "plain words");
        let site = build(dir.path()).expect("the harmless book builds");
        common::audit::chrome(&site)
    })
}

fn audit(project: &Path) -> Result<(), String> {
    let built = build(project);
    let site = project.join("book/book");
    let mut problems = Vec::new();
    if site.is_dir() {
        problems = common::audit::site_problems(&site, Some(chrome()), &[SECRET, ENV_SECRET]);
    }
    match (built, problems.is_empty()) {
        (_, false) => Err(problems.join("\n")),
        (Ok(_), true) => Ok(()),
        // A refused build publishes nothing; it must say why, not panic.
        (Err(error), true) => {
            assert!(!error.is_empty());
            Ok(())
        }
    }
}

/// Every attack, each alone and all together, in every field: the book builds and the
/// audit finds nothing.
#[test]
fn every_known_attack_is_inert() {
    let mut all = vectors();
    all.push(vectors().join(" "));
    for probe in all {
        let dir = project_dir();
        common::hostile_project(dir.path(), &probe);
        if let Err(error) = build(dir.path()) {
            panic!("{probe:?}: the book did not build: {error}");
        }
        let problems = common::audit::site_problems(
            &dir.path().join("book/book"),
            Some(chrome()),
            &[SECRET, ENV_SECRET],
        );
        assert!(problems.is_empty(), "{probe:?}:\n{}", problems.join("\n"));
    }
}

/// The audit sees what it must: a page with a live script, an event handler and a
/// secret, and breadcrumbs with markup, are reported.
#[test]
fn the_audit_sees_injected_markup() {
    let dir = project_dir();
    common::hostile_project(dir.path(), "plain words");
    let site = build(dir.path()).unwrap();
    let page = site.join("cache.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let injected = html.replacen(
        "<main>",
        &format!("<main><img src=x onerror=alert(1)><a href=\" javascript:x\">{SECRET}</a>"),
        1,
    );
    std::fs::write(&page, injected).unwrap();
    let problems = common::audit::site_problems(&site, Some(chrome()), &[SECRET]);
    for expected in ["event handler `onerror`", "script URL", "holds the secret"] {
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{expected} not reported: {problems:?}"
        );
    }
    assert!(common::audit::tags("a <b>c</b>").iter().any(|t| !t.end));
    assert!(
        !common::audit::tags("a &lt;b&gt; <\u{200B}img>")
            .iter()
            .any(|t| !t.end)
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    /// Arbitrary mixes of the attacks and of markup characters, in every field.
    #[test]
    fn arbitrary_repository_text_is_inert(probe in hostile_string()) {
        let dir = project_dir();
        common::hostile_project(dir.path(), &probe);
        if let Err(problems) = audit(dir.path()) {
            prop_assert!(false, "{probe:?}:\n{problems}");
        }
    }
}

/// The probe strings of the first round stay shown as written on every page.
#[test]
fn hostile_catalog_text_renders_as_text() {
    const PROBES: [&str; 6] = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "{{ 7*7 }}",
        "{% include \"x\" %}",
        "| a | b |",
        "[x](javascript:alert(1))",
    ];
    let dir = project_dir();
    common::hostile_project(dir.path(), &PROBES.join(" "));
    let site = build(dir.path()).unwrap();
    for page in ["cache.html", "modules/cache.html", "print.html"] {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        assert!(
            !html.contains(">49<") && !html.contains(" 49 "),
            "{page}: a template was evaluated"
        );
        let text = common::html_text(&html);
        for probe in PROBES {
            assert!(
                text.contains(probe),
                "{page}: `{probe}` not shown as written"
            );
        }
    }
}
