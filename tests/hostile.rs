//! Hostile catalog text: every text field of a catalog holds markup, template syntax, table
//! pipes and a script link. The built site must show each string as written and contain no
//! script element, event-handler attribute or javascript link of the catalog's making.

mod common;

const PROBES: [&str; 6] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% include \"x\" %}",
    "| a | b |",
    "[x](javascript:alert(1))",
];

/// One TOML string holding every probe.
fn probe() -> String {
    let text = PROBES.join(" ");
    toml::Value::String(text).to_string()
}

fn hostile_catalog() -> String {
    let p = probe();
    format!(
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
    )
}

#[test]
fn hostile_catalog_text_renders_as_text() {
    let fixtures = common::repo().join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&fixtures.join("base"), dir.path());
    std::fs::write(dir.path().join("catalog.toml"), hostile_catalog()).unwrap();
    let src = dir.path().join("book/src");
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
    let book_toml = dir.path().join("book/book.toml");
    let config =
        std::fs::read_to_string(&book_toml).unwrap() + "modules-chapter = \"modules.md\"\n";
    std::fs::write(&book_toml, config).unwrap();

    let out = common::bin()
        .args(["build", "book"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");

    for page in [
        "cache.html",
        "modules.html",
        "modules/cache.html",
        "toc.html",
        "print.html",
    ] {
        let html = std::fs::read_to_string(dir.path().join("book/book").join(page)).unwrap();
        assert!(
            !html.contains("<script>alert"),
            "{page}: a script element from the catalog"
        );
        assert!(
            !html.contains("<img src=x"),
            "{page}: an img element from the catalog"
        );
        assert!(
            !html.contains("onerror=alert(1)>"),
            "{page}: an event handler"
        );
        assert!(
            !html.to_ascii_lowercase().contains("href=\"javascript:"),
            "{page}: a javascript link"
        );
        if page == "toc.html" || page == "modules.html" {
            continue; // no catalog text, only the sidebar
        }
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
