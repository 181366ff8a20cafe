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

#[test]
fn hostile_catalog_text_renders_as_text() {
    let dir = tempfile::tempdir().unwrap();
    common::hostile_project(dir.path(), &PROBES.join(" "));

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
