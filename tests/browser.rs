//! Real-browser tests of the built guide. The site is built in-process (as `book_build.rs`
//! does) into a temporary directory, served over HTTP on 127.0.0.1 by a small file server, and
//! loaded in headless Chromium driven over the DevTools protocol (`headless_chrome`, with no
//! download feature: it runs `/usr/bin/chromium`). The server, the launch and the browser tab
//! with what it reported are in `common/browser.rs`.
//!
//! Needs Debian's `chromium` and `fonts-noto-color-emoji` (`.ci/run` installs them). Without
//! either, every test passes after one line on the terminal saying what is missing and how to
//! install it, unless `MDBOOK_CATALOG_BROWSER=required` is set, when they fail.
//!
//! All tests share one Chromium (and one pair of built sites) while any of them runs; each
//! test works in its own browser context, so a theme chosen in one test is not seen by another.

#[path = "common/browser.rs"]
mod browser_support;
mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use browser_support::{Server, Session};
use headless_chrome::protocol::cdp::{CSS, DOM};
use headless_chrome::{Browser, Tab};
use mdbook_catalog::book::CatalogPreprocessor;
use serde_json::Value;

const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's fonts-noto-color-emoji: verdict glyphs are measured in it.
const EMOJI_FONT: &str = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";

/// Module id and the `<h1>` of its page, in quick-reference order.
const MODULES: [(&str, &str); 7] = [
    ("vpc-lattice", "VPC Lattice"),
    ("memcached", "Memcached"),
    ("nginx-ingress", "NGINX Ingress"),
    ("aurora-global", "Aurora Global"),
    ("greengrass", "Greengrass"),
    ("ecr-scanning", "ECR Scanning"),
    ("mlflow", "MLflow"),
];

const THEMES: [&str; 5] = ["light", "rust", "coal", "navy", "ayu"];

/// The repository the guide's site links into (set for these tests; never fetched).
const REPOSITORY: &str = "https://github.com/example-org/platform";

/// The pages that carry comparison tables (verdict cells).
const COMPARISON_PAGES: [&str; 2] = ["modules/memcached.html", "modules/nginx-ingress.html"];

// ---------------------------------------------------------------------------------------------
// The tests

/// Every link in the first column of the quick reference opens the module's page.
#[test]
fn quick_reference_links_open_each_module_page() {
    let Some(env) = env() else { return };
    let s = env.session();
    s.goto("guide/index.html");
    let hrefs = s.eval(
        "return [...document.querySelectorAll('main table tbody tr td:first-child a')]
            .map(a => a.getAttribute('href'));",
    );
    let expected: Vec<String> = MODULES
        .iter()
        .map(|(id, _)| format!("modules/{id}.html"))
        .collect();
    assert_eq!(hrefs, serde_json::json!(expected), "quick reference links");

    for (row, (id, name)) in MODULES.iter().enumerate() {
        if row > 0 {
            s.goto("guide/index.html");
        }
        let selector = format!(
            "main table tbody tr:nth-child({}) td:first-child a",
            row + 1
        );
        s.tab
            .wait_for_element(&selector)
            .unwrap_or_else(|e| panic!("{id}: link {selector}: {e}"))
            .click()
            .unwrap_or_else(|e| panic!("{id}: click: {e}"));
        let page = format!("/guide/modules/{id}.html");
        s.wait_until(
            &format!(
                "location.pathname === {page:?} && document.readyState === 'complete' \
                 && document.querySelector('main h1') !== null"
            ),
            &format!("{id}: the click opens {page}"),
        );
        let h1 = s.eval("return document.querySelector('main h1').textContent.trim();");
        assert_eq!(h1, *name, "{id}: <h1> of {page}");
    }
    s.assert_no_problems("quick reference navigation");
}

/// Typing "Memcached" into mdBook's search bar lists results; the first one that points at
/// the Memcached page opens it.
#[test]
fn search_finds_memcached_and_opens_its_page() {
    let Some(env) = env() else { return };
    let s = env.session();
    s.goto("guide/index.html");
    // `s` is mdBook's shortcut for the search bar.
    s.tab.press_key("s").expect("press s");
    s.wait_until(
        "!document.getElementById('mdbook-search-wrapper').classList.contains('hidden') \
         && document.activeElement === document.getElementById('mdbook-searchbar')",
        "pressing `s` opens and focuses #mdbook-searchbar",
    );
    s.tab
        .type_str("Memcached")
        .expect("type into the search bar");
    assert_eq!(
        s.eval("return document.getElementById('mdbook-searchbar').value;"),
        "Memcached"
    );
    s.wait_until(
        "document.querySelectorAll('#mdbook-searchresults li a').length > 0 \
         && !document.getElementById('mdbook-searchresults-outer').classList.contains('hidden')",
        "search results for Memcached",
    );
    let results = s.eval(
        "return [...document.querySelectorAll('#mdbook-searchresults li a')]
            .map(a => a.getAttribute('href'));",
    );
    let results: Vec<String> = serde_json::from_value(results).unwrap();
    let first = results
        .iter()
        .position(|href| href.starts_with("modules/memcached.html"))
        .unwrap_or_else(|| panic!("no result points at modules/memcached.html: {results:?}"));
    s.tab
        .find_elements("#mdbook-searchresults li a")
        .expect("result links")
        .get(first)
        .expect("the result link")
        .click()
        .expect("click the result");
    s.wait_until(
        "location.pathname === '/guide/modules/memcached.html' \
         && document.readyState === 'complete' && document.querySelector('main h1') !== null",
        "the search result opens modules/memcached.html",
    );
    assert_eq!(
        s.eval("return document.querySelector('main h1').textContent.trim();"),
        "Memcached"
    );
    s.assert_no_problems("search");
}

/// Every verdict cell shows its glyph and its text, and the glyph is drawn with the color
/// emoji font (no tofu box from a fallback font).
#[test]
fn verdict_cells_show_glyph_and_text_in_the_emoji_font() {
    let Some(env) = env() else { return };
    let s = env.session();
    s.tab
        .call_method(DOM::Enable {
            include_whitespace: None,
        })
        .expect("DOM.enable");
    s.tab.call_method(CSS::Enable(None)).expect("CSS.enable");
    for page in COMPARISON_PAGES {
        s.goto(&format!("guide/{page}"));
        s.eval("await document.fonts.ready; return null;");
        let cells = s.eval(
            "return [...document.querySelectorAll('.catalog-verdict')].map(cell => {
                const glyph = cell.firstElementChild;
                const box = glyph ? glyph.getBoundingClientRect() : { width: 0, height: 0 };
                return {
                    class: cell.className,
                    text: cell.textContent,
                    glyph: glyph ? glyph.textContent : null,
                    width: box.width,
                    height: box.height,
                    fontSize: parseFloat(getComputedStyle(cell).fontSize),
                };
            });",
        );
        let cells = cells.as_array().expect("cells");
        assert!(!cells.is_empty(), "{page}: no .catalog-verdict cell");
        for cell in cells {
            let class = cell["class"].as_str().unwrap();
            let text = cell["text"].as_str().unwrap();
            let glyph = if class.contains("catalog-verdict-yes") {
                "✅"
            } else if class.contains("catalog-verdict-no") {
                "❌"
            } else if class.contains("catalog-verdict-partial") {
                "⚠️"
            } else {
                panic!("{page}: verdict cell of no known kind: {cell}")
            };
            assert_eq!(cell["glyph"], glyph, "{page}: glyph span of {cell}");
            let words = text
                .strip_prefix(&format!("{glyph} "))
                .unwrap_or_else(|| panic!("{page}: `{text}` does not start with `{glyph} `"));
            assert!(!words.trim().is_empty(), "{page}: `{text}` has no text");
            // Drawn, at about one em: a glyph of the color font, not a collapsed span.
            let (w, h, em) = (
                cell["width"].as_f64().unwrap(),
                cell["height"].as_f64().unwrap(),
                cell["fontSize"].as_f64().unwrap(),
            );
            assert!(
                w >= 0.8 * em && h >= 0.8 * em,
                "{page}: glyph of `{text}` is {w}x{h}px at font-size {em}px"
            );
        }
        // Which font Chromium actually drew each glyph with.
        let glyphs = s
            .tab
            .find_elements(".catalog-verdict > span:first-child")
            .expect("glyph spans");
        assert_eq!(glyphs.len(), cells.len(), "{page}: one glyph span per cell");
        for glyph in glyphs {
            let fonts = s
                .tab
                .call_method(CSS::GetPlatformFontsForNode {
                    node_id: glyph.node_id,
                })
                .expect("CSS.getPlatformFontsForNode")
                .fonts;
            let families: Vec<&str> = fonts.iter().map(|f| f.family_name.as_str()).collect();
            assert!(
                families.contains(&"Noto Color Emoji"),
                "{page}: glyph `{}` drawn with {families:?}, not Noto Color Emoji \
                 (is fonts-noto-color-emoji installed?)",
                glyph.get_inner_text().unwrap_or_default()
            );
        }
    }
    s.assert_no_problems("verdict cells");
}

/// In each of mdBook's five themes every verdict cell's text has a WCAG contrast ratio of at
/// least 4.5 against the background it is drawn on. The theme is chosen as a reader does,
/// through the theme menu.
#[test]
fn verdict_cells_are_readable_in_every_theme() {
    let Some(env) = env() else { return };
    let s = env.session();
    let mut low = Vec::new();
    for page in COMPARISON_PAGES {
        s.goto(&format!("guide/{page}"));
        add_synthetic_partial_cell(&s);
        for theme in THEMES {
            choose_theme(&s, theme);
            let cells = verdict_contrasts(&s);
            assert!(
                cells.len() >= 2,
                "{page} [{theme}]: no verdict cell besides the synthetic one"
            );
            let mut lowest = f64::INFINITY;
            for cell in cells {
                let ratio = cell["ratio"].as_f64().unwrap();
                lowest = lowest.min(ratio);
                if ratio < 4.5 {
                    low.push(format!("{page} [{theme}] {cell}"));
                }
            }
            eprintln!("{page} [{theme}]: lowest verdict contrast {lowest}:1");
        }
    }
    // The measure itself, on colors of known contrast: #777 on white is 4.48:1; white on
    // half-transparent white over black (a mid gray) is 3.98:1.
    s.eval(
        "document.querySelector('main').insertAdjacentHTML('beforeend',
             '<div style=\"background:#fff\"><span id=\"cal-a\" style=\"color:#777\">a</span></div>' +
             '<div style=\"background:#000\"><p style=\"background:rgba(255,255,255,0.5)\">' +
             '<span id=\"cal-b\" style=\"color:#fff\">b</span></p></div>');
         return null;",
    );
    let calibration = contrasts(&s, "#cal-a, #cal-b");
    let ratios: Vec<f64> = calibration
        .iter()
        .map(|c| c["ratio"].as_f64().unwrap())
        .collect();
    assert!(
        (ratios[0] - 4.48).abs() < 0.02 && (ratios[1] - 3.98).abs() < 0.02,
        "the contrast measure is off: {calibration:?}"
    );
    assert!(
        low.is_empty(),
        "verdict cells below 4.5:1:\n{}",
        low.join("\n")
    );
    s.assert_no_problems("theme switching");
}

/// With `git-repository-url`, a snippet's caption links to the cited lines, a module's path
/// to its directory and a related document to its file; those links and the status badges
/// (quick reference and module page) read at 4.5:1 or more in every theme.
#[test]
fn repository_links_and_status_badges_in_every_theme() {
    let Some(env) = env() else { return };
    let s = env.session();
    let hrefs = |selector: &str| -> Vec<String> {
        let script = format!(
            "return [...document.querySelectorAll({})].map(a => a.getAttribute('href'));",
            Value::from(selector)
        );
        serde_json::from_value(s.eval(&script)).unwrap()
    };
    let tree = format!("{REPOSITORY}/tree/main/terraform/modules/cache/elasticache_memcached");
    let blob = format!(
        "{REPOSITORY}/blob/main/terraform/environments/dev/optional-modules.tf.example#L38-L57"
    );
    let mut low = Vec::new();
    for (page, links) in [
        ("modules/memcached.html", vec![tree, blob]),
        (
            "modules/vpc-lattice.html",
            vec![format!("{REPOSITORY}/blob/main/docs/CILIUM_ENABLEMENT.md")],
        ),
        (
            "summary.html",
            vec![format!("{REPOSITORY}/blob/main/docs/stack-optimization.md")],
        ),
        ("index.html", vec![]),
    ] {
        s.goto(&format!("guide/{page}"));
        let found = hrefs("main a[href^='https://']");
        for link in &links {
            assert!(
                found.contains(link),
                "{page}: no link to {link} in {found:?}"
            );
        }
        let badges = s.eval("return document.querySelectorAll('.catalog-status').length;");
        if page == "index.html" || page == "modules/memcached.html" {
            assert!(badges.as_u64() > Some(0), "{page}: no status badge");
        }
        for theme in THEMES {
            choose_theme(&s, theme);
            for selector in ["main a[href^='https://']", ".catalog-status"] {
                for el in contrasts(&s, selector) {
                    if el["ratio"].as_f64().unwrap() < 4.5 {
                        low.push(format!("{page} [{theme}] {el}"));
                    }
                }
            }
        }
    }
    assert!(low.is_empty(), "below 4.5:1:\n{}", low.join("\n"));
    s.assert_no_problems("repository links");
}

/// The example snippets are HCL highlighted at build time: on a real snippet, in every theme,
/// keywords, strings, comments, numbers, interpolations, attributes and literals carry
/// highlight.js' classes, are coloured unlike plain code, and stay readable (3:1 or more).
#[test]
fn hcl_snippets_are_highlighted_in_every_theme() {
    let Some(env) = env() else { return };
    let s = env.session();
    s.goto("guide/modules/memcached.html");
    const CLASSES: [&str; 7] = [
        "hljs-keyword",
        "hljs-string",
        "hljs-comment",
        "hljs-number",
        "hljs-variable",
        "hljs-attr",
        "hljs-literal",
    ];
    let mut low = Vec::new();
    for theme in THEMES {
        choose_theme(&s, theme);
        for class in CLASSES {
            let selector = format!("main pre code.language-hcl span.{class}");
            let found = s.eval(&format!(
                "const spans = [...document.querySelectorAll('{selector}')];
                 const code = document.querySelector('main pre code.language-hcl');
                 return {{ count: spans.length,
                          colored: spans.some(x => getComputedStyle(x).color !== getComputedStyle(code).color) }};"
            ));
            assert!(
                found["count"].as_u64().unwrap_or(0) > 0,
                "[{theme}] no {class} token in the snippet"
            );
            assert_eq!(
                found["colored"],
                serde_json::json!(true),
                "[{theme}] {class} is not coloured"
            );
            for c in contrasts(&s, &selector) {
                if c["ratio"].as_f64().unwrap() < 3.0 {
                    low.push(format!("[{theme}] {class}: {c}"));
                }
            }
        }
    }
    assert!(low.is_empty(), "tokens below 3:1:\n{}", low.join("\n"));
    s.assert_no_problems("highlighted snippets");
}

/// Every table of every page fits the content column at a 1280 px window and at a 400 px
/// one: long types and defaults wrap, nothing hides behind a horizontal scroll. A picture of
/// each page at each width goes to `target/screenshots/`.
#[test]
fn tables_fit_the_content_column_at_1280_and_400_px() {
    use headless_chrome::protocol::cdp::Emulation;
    let Some(env) = env() else { return };
    let s = env.session();
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let mut wide = Vec::new();
    for width in [1280u32, 400] {
        s.tab
            .call_method(Emulation::SetDeviceMetricsOverride {
                width,
                height: 900,
                device_scale_factor: 1.0,
                mobile: width < 600,
                scale: None,
                screen_width: None,
                screen_height: None,
                position_x: None,
                position_y: None,
                dont_set_visible_size: None,
                screen_orientation: None,
                viewport: None,
                display_feature: None,
                device_posture: None,
            })
            .expect("set the window width");
        let pages = ["index", "modules", "summary"]
            .map(String::from)
            .into_iter()
            .chain(MODULES.iter().map(|(id, _)| format!("modules/{id}")));
        for page in pages {
            let id = page.trim_start_matches("modules/");
            s.goto(&format!("guide/{page}.html"));
            s.eval("await document.fonts.ready; return null;");
            std::fs::write(dir.join(format!("{id}-{width}px.png")), s.full_page_png()).unwrap();
            let tables = s.eval(
                "const main = document.querySelector('main');
                 const column = main.clientWidth;
                 return [...main.querySelectorAll('table')].map(t => ({
                     heading: (t.closest('div')?.previousElementSibling?.textContent ?? '').slice(0, 40),
                     width: t.scrollWidth, column }));",
            );
            for table in tables.as_array().unwrap() {
                let (w, c) = (
                    table["width"].as_f64().unwrap(),
                    table["column"].as_f64().unwrap(),
                );
                if w > c + 1.0 {
                    wide.push(format!("{width} px, {id}: {table}"));
                }
            }
        }
    }
    assert!(
        wide.is_empty(),
        "tables wider than the content column:\n{}",
        wide.join("\n")
    );
}

/// Loading the guide's index and a module page logs no console error, throws no exception
/// and has no failed request.
#[test]
fn pages_load_without_console_errors() {
    let Some(env) = env() else { return };
    let s = env.session();
    for page in ["guide/index.html", "guide/modules/memcached.html"] {
        s.goto(page);
        s.eval("await document.fonts.ready; return null;");
        // Late messages (fonts, prefetches) have time to arrive.
        std::thread::sleep(Duration::from_millis(500));
        s.assert_no_problems(page);
    }
    // The probe would see errors: a script error on the page is reported.
    s.eval("setTimeout(() => { throw new Error('probe of the error listener'); }); return null;");
    let seen = s.wait_for_problem("probe of the error listener");
    assert!(
        seen,
        "the exception listener saw nothing: {:?}",
        s.problems()
    );
}

/// A project whose every catalog field, `.tf` label, description and default, and example
/// block holds script, markup, heading attributes and script links: every page of its site
/// (the sidebar included, which mdBook builds by script from `toc.js`) shows the probe as
/// text and opens no JavaScript dialog.
#[test]
fn hostile_catalog_text_opens_no_dialog() {
    let Some(env) = env() else { return };
    let s = env.session();
    let site = env.sites.path().join("hostile");
    let pages: Vec<String> = common::audit::files(&site)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        // 404.html links its assets from the site's root, which this server is not; it holds
        // no catalog text, and `tests/hostile.rs` audits its markup.
        .filter(|p| !p.ends_with("404.html"))
        .map(|p| format!("hostile/{}", p.strip_prefix(&site).unwrap().display()))
        .collect();
    assert!(pages.len() >= 6, "pages of the hostile site: {pages:?}");
    for page in &pages {
        s.goto(page);
        let shown = s.eval(
            // mdbook-catalog puts a zero-width space after a `<` that could open a tag.
            "const text = s => (document.querySelector(s)?.textContent ?? '').replace(/\\u200B/g, '');
             return { main: text('main'), sidebar: text('#mdbook-sidebar') };",
        );
        let catalog_pages = [
            "hostile/cache.html",
            "hostile/modules/cache.html",
            "hostile/print.html",
        ];
        if catalog_pages.contains(&page.as_str()) {
            for (part, text) in [("main", &shown["main"]), ("sidebar", &shown["sidebar"])] {
                assert!(
                    text.as_str().unwrap().contains(PROBE_IMG),
                    "{page}: the probe is not shown as text in the {part}"
                );
            }
        }
        assert_no_live_markup(&s, page);
    }
    let dialogs = s.dialogs();
    assert!(dialogs.is_empty(), "JavaScript dialogs opened: {dialogs:?}");
    s.assert_no_problems("hostile pages");
    // The hook would see a dialog: an inline handler that calls alert is recorded.
    s.eval(
        "const img = document.createElement('img');
         img.setAttribute('onerror', 'alert(\"control\")');
         img.src = 'missing.png';
         document.body.append(img);
         await new Promise(r => setTimeout(r, 300));
         return null;",
    );
    let dialogs = s.dialogs();
    assert!(
        dialogs.iter().any(|d| d.starts_with("alert(control)")),
        "the dialog hook saw nothing: {dialogs:?}"
    );
}

/// Searching the hostile book for each hostile word lists results whose titles (mdBook's
/// breadcrumbs: chapter and heading names) hold the probe; they must show it as text.
#[test]
fn hostile_catalog_text_in_search_results_opens_no_dialog() {
    let Some(env) = env() else { return };
    let s = env.session();
    for term in SEARCH_TERMS {
        s.goto("hostile/cache.html");
        s.tab.press_key("s").expect("press s");
        s.wait_until(
            "document.activeElement === document.getElementById('mdbook-searchbar')",
            "the search bar",
        );
        s.tab.type_str(term).expect("type the probe");
        s.wait_until(
            "document.querySelectorAll('#mdbook-searchresults li a').length > 0",
            &format!("search results for `{term}`"),
        );
        std::thread::sleep(Duration::from_millis(300)); // image errors fire asynchronously
        // mdBook's searcher puts result titles into the page as HTML; the zero-width space
        // mdbook-catalog writes after `<` keeps them text.
        let dialogs = s.dialogs();
        assert!(
            dialogs.is_empty(),
            "`{term}`: JavaScript dialogs opened by search results ({}): {:?}",
            dialogs.len(),
            &dialogs[..dialogs.len().min(3)]
        );
        assert_no_live_markup(&s, &format!("search results for `{term}`"));
    }
    s.assert_no_problems("hostile search");
}

/// No element of the page has an event-handler attribute, a javascript: URL, a script that
/// calls alert, or an image whose source is the probe's `x`.
fn assert_no_live_markup(s: &Session, page: &str) {
    let injected = s.eval(
        "const on = [...document.querySelectorAll('*')].flatMap(el =>
             [...el.attributes].filter(a => /^on/i.test(a.name))
                 .map(a => el.tagName + ' ' + a.name + '=' + a.value));
         const js = [...document.querySelectorAll('a[href], area[href], iframe[src]')]
             .map(el => el.getAttribute('href') || el.getAttribute('src'))
             .filter(u => /^\\s*javascript:/i.test(u));
         const scripts = [...document.scripts].map(x => x.textContent)
             .filter(t => t.includes('alert('));
         const imgs = [...document.images].map(i => i.getAttribute('src'))
             .filter(src => src === 'x');
         return { on, js, scripts, imgs };",
    );
    assert_eq!(
        injected,
        serde_json::json!({ "on": [], "js": [], "scripts": [], "imgs": [] }),
        "{page}: markup from the catalog became live"
    );
}

/// Writes `quick-reference.png` and `memcached.png` (whole pages, light theme) and one
/// picture of the Memcached comparison table per theme to `target/screenshots/`.
#[test]
fn screenshots_of_the_quick_reference_and_a_comparison() {
    let Some(env) = env() else { return };
    let s = env.session();
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).unwrap();
    s.goto("guide/index.html");
    s.eval("await document.fonts.ready; return null;");
    let png = s.full_page_png();
    std::fs::write(dir.join("quick-reference.png"), &png).unwrap();
    s.goto("guide/modules/memcached.html");
    s.eval("await document.fonts.ready; return null;");
    let png = s.full_page_png();
    std::fs::write(dir.join("memcached.png"), &png).unwrap();
    for theme in THEMES {
        choose_theme(&s, theme);
        let png = s.element_png("main table:has(.catalog-verdict)");
        std::fs::write(dir.join(format!("memcached-table-{theme}.png")), &png).unwrap();
    }
    eprintln!("screenshots in {}", dir.display());
}

// ---------------------------------------------------------------------------------------------
// Page helpers

/// Opens the theme menu and clicks `theme`, then waits until the page shows it.
fn choose_theme(s: &Session, theme: &str) {
    const MENU_OPEN: &str =
        "document.getElementById('mdbook-theme-list').style.display === 'block'";
    s.eval("window.scrollTo(0, 0); return null;");
    let toggle = || {
        s.tab
            .wait_for_element("#mdbook-theme-toggle")
            .and_then(|b| b.click().map(|_| ()))
            .expect("click the theme menu button");
    };
    // Choosing a theme leaves mdBook's menu open; the menu button opens and closes it.
    if s.eval(&format!("return {MENU_OPEN};")) != Value::Bool(true) {
        toggle();
        s.wait_until(MENU_OPEN, "the theme menu opens");
    }
    s.tab
        .wait_for_element(&format!("#mdbook-theme-{theme}"))
        .and_then(|b| b.click().map(|_| ()))
        .unwrap_or_else(|e| panic!("choose {theme}: {e}"));
    s.wait_until(
        &format!("document.documentElement.classList.contains({theme:?})"),
        &format!("theme {theme} applied to <html>"),
    );
    toggle();
    s.wait_until(&format!("!({MENU_OPEN})"), "the theme menu closes");
    // Let mdBook's color transitions finish before reading computed colors.
    s.eval(
        "await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
         return null;",
    );
}

/// The real site has no "partial" verdict: one is added to the first comparison table, so
/// that its colors are measured too. It is marked as synthetic in the results.
fn add_synthetic_partial_cell(s: &Session) {
    s.eval(
        "const td = document.querySelector('main td:has(> .catalog-verdict)');
         const span = document.createElement('span');
         span.className = 'catalog-verdict catalog-verdict-partial';
         span.dataset.synthetic = 'true';
         span.innerHTML = '<span aria-hidden=\"true\">⚠️</span> Partial';
         td.append(' ', span);
         return null;",
    );
}

/// For every `.catalog-verdict`: its text color, the color it is drawn on (its own
/// background, or the first non-transparent ancestor's, translucent layers composited) and
/// the WCAG 2 contrast ratio between them.
fn verdict_contrasts(s: &Session) -> Vec<Value> {
    contrasts(s, ".catalog-verdict")
}

/// [`verdict_contrasts`] for the elements that match `selector`.
fn contrasts(s: &Session, selector: &str) -> Vec<Value> {
    let script = "const selector = SELECTOR;
         const canvas = document.createElement('canvas');
         canvas.width = canvas.height = 1;
         const ctx = canvas.getContext('2d', { willReadFrequently: true });
         // Any CSS color to [r, g, b, a] in sRGB bytes.
         const rgba = css => {
             const m = css.match(/^rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)$/);
             if (m) return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
             ctx.clearRect(0, 0, 1, 1);
             ctx.fillStyle = css;
             ctx.fillRect(0, 0, 1, 1);
             const d = ctx.getImageData(0, 0, 1, 1).data;
             return [d[0], d[1], d[2], d[3] / 255];
         };
         const over = (top, bottom) =>
             [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
         const background = el => {
             const layers = [];
             for (let n = el; n; n = n.parentElement) {
                 const c = rgba(getComputedStyle(n).backgroundColor);
                 if (c[3] > 0) layers.push(c);
                 if (c[3] >= 1) break;
             }
             let bg = [255, 255, 255, 1]; // the canvas under an all-transparent page
             for (const layer of layers.reverse()) bg = over(layer, bg);
             return bg;
         };
         const lum = c => {
             const [r, g, b] = c.slice(0, 3).map(v => {
                 v /= 255;
                 return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
             });
             return 0.2126 * r + 0.7152 * g + 0.0722 * b;
         };
         const hex = c => '#' + c.slice(0, 3)
             .map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
         return [...document.querySelectorAll(selector)].map(el => {
             const bg = background(el);
             const fg = over(rgba(getComputedStyle(el).color), bg);
             const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
             return {
                 text: el.textContent + (el.dataset.synthetic ? ' (synthetic)' : ''),
                 class: el.className,
                 color: hex(fg),
                 background: hex(bg),
                 ratio: Math.round((hi + 0.05) / (lo + 0.05) * 100) / 100,
             };
         });";
    let result = s.eval(&script.replace("SELECTOR", &Value::from(selector).to_string()));
    result.as_array().expect("contrasts").clone()
}

fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::repo().join("target"));
    let target = if target.is_relative() {
        common::repo().join(target)
    } else {
        target
    };
    target.join("screenshots")
}

// ---------------------------------------------------------------------------------------------
// The shared environment: built sites, the file server, Chromium.

struct Env {
    // Fields drop in this order: Chromium first, then the server, then the directories.
    _ticker: Arc<Tab>,
    browser: Browser,
    server: Server,
    _profile: tempfile::TempDir,
    sites: tempfile::TempDir,
}

static SHARED: Mutex<Weak<Env>> = Mutex::new(Weak::new());

/// The shared environment, started by the first test that needs it and stopped when the
/// last test holding it ends; `None` (after a skip message) without Chromium.
fn env() -> Option<Arc<Env>> {
    let missing: Vec<&str> = [CHROMIUM, EMOJI_FONT]
        .into_iter()
        .filter(|path| !Path::new(path).exists())
        .collect();
    if !missing.is_empty() {
        let what = format!(
            "{} missing (apt-get install chromium fonts-noto-color-emoji)",
            missing.join(" and ")
        );
        let required = std::env::var("MDBOOK_CATALOG_BROWSER").is_ok_and(|v| v == "required");
        assert!(!required, "MDBOOK_CATALOG_BROWSER=required but {what}");
        // Once per run, straight to the terminal: the test harness hides what passing
        // tests print, and a skip nobody sees is a silent gap.
        static SAID: std::sync::Once = std::sync::Once::new();
        SAID.call_once(|| {
            let line = format!(
                "browser tests skipped: {what}; MDBOOK_CATALOG_BROWSER=required makes this a failure\n"
            );
            let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
        });
        return None;
    }
    let mut shared = SHARED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(env) = shared.upgrade() {
        return Some(env);
    }
    let env = Arc::new(Env::start());
    *shared = Arc::downgrade(&env);
    Some(env)
}

impl Env {
    fn start() -> Env {
        let sites = tempfile::tempdir().unwrap();
        build_guide(&sites.path().join("guide"));
        build_hostile(
            &sites.path().join("hostile-project"),
            &sites.path().join("hostile"),
        );
        let server = Server::start(sites.path().to_path_buf());
        let profile = tempfile::tempdir().unwrap();
        let (browser, ticker) = browser_support::launch(Path::new(CHROMIUM), profile.path());
        Env {
            _ticker: ticker,
            browser,
            server,
            _profile: profile,
            sites,
        }
    }

    /// A tab in a fresh browser context, on the server of the built sites.
    fn session(&self) -> Session {
        Session::open(&self.browser, &self.server)
    }
}

/// The repository's guide, built as `mdbook-catalog build book` builds it.
fn build_guide(out: &Path) {
    let mut book = mdbook_driver::MDBook::load(common::repo().join("book")).unwrap();
    book.config.build.build_dir = out.to_path_buf();
    book.config
        .set("output.html.git-repository-url", REPOSITORY)
        .unwrap();
    book.with_preprocessor(CatalogPreprocessor);
    book.build().expect("build the guide");
}

/// Markup, a script, event handlers and a javascript link in one string.
/// Ends with heading attribute syntax, so that in a heading it would become attributes.
const PROBE: &str = "<script>alert(1)</script> <img src=x onerror=alert(1)> \
                     [x](javascript:alert(1)) <svg onload=alert(1)> \
                     &lt;img src=x onerror=alert(2)&gt; {{ #include /etc/passwd }} \
                     [r]: javascript:alert(3) [r] {tabindex=0 autofocus onfocus=alert(4)}";
/// Words of the probe typed into the search bar, one search each.
const SEARCH_TERMS: [&str; 5] = ["onerror", "img", "script", "onfocus", "javascript"];
const PROBE_IMG: &str = "<img src=x onerror=alert(1)>";

/// A book from `tests/fixtures/base` whose catalog holds [`PROBE`] in every text field, with
/// one page that uses every directive.
fn build_hostile(project: &Path, out: &Path) {
    common::hostile_project(project, PROBE);
    let mut book = mdbook_driver::MDBook::load(project.join("book")).unwrap();
    book.config.build.build_dir = out.to_path_buf();
    book.with_preprocessor(CatalogPreprocessor);
    book.build().expect("build the hostile book");
}
