//! `mdbook-catalog install [BOOK_DIR]`: adds `[preprocessor.catalog]`, the theme CSS and
//! `build.extra-watch-dirs` (the catalog file and the Terraform tree) to `book.toml`,
//! keeping its formatting, and gives a book without chapters the guide's chapters. Running
//! it twice changes nothing the second time.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use toml_edit::{Array, DocumentMut, Item, Table, value};

use crate::containment::normalize_absolute;
use crate::render::relative_link;
use crate::write::{write_if_unchanged, write_new};

/// The stylesheet for verdict cells and badges, as shipped in this repository's book.
pub const CATALOG_CSS: &str = include_str!("../../theme/catalog.css");

const CHAPTERS: [(&str, &str); 4] = [
    (
        "SUMMARY.md",
        "# Summary\n\n[Guide](README.md)\n\n- [Modules](modules.md)\n- [Summary](summary.md)\n",
    ),
    (
        "README.md",
        "# Guide\n\n{{#catalog intro}}\n\n## Quick Reference\n\n{{#catalog quick-reference}}\n\n## How to Use\n\n{{#catalog how-to-use}}\n",
    ),
    (
        "modules.md",
        "# Modules\n\nEach page that follows covers one module: what it does, when to enable it and when not, what it costs, and an example configuration to copy.\n",
    ),
    (
        "summary.md",
        "# Summary\n\n{{#catalog summary}}\n\n## Related Documentation\n\n{{#catalog related}}\n",
    ),
];

/// What `install` did, one line per change.
pub type Report = Vec<String>;

/// Installs into the book at `book_dir`, whose project has its catalog at `catalog`.
pub fn install(book_dir: &Path, catalog: &Path) -> Result<Report> {
    let mut report = Report::new();
    std::fs::create_dir_all(book_dir)
        .with_context(|| format!("cannot create `{}`", book_dir.display()))?;
    let book_toml = book_dir.join("book.toml");
    let old = match std::fs::read_to_string(&book_toml) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", book_toml.display())),
    };
    let mut doc: DocumentMut = old
        .as_deref()
        .unwrap_or("[book]\ntitle = \"Guide\"\nsrc = \"src\"\n")
        .parse()
        .with_context(|| format!("`{}` is not valid TOML", book_toml.display()))?;

    let absolute =
        |p: &Path| normalize_absolute(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()));
    let from_book =
        |target: &Path| relative_link(&absolute(book_dir).join("book.toml"), &absolute(target));
    let catalog_rel = from_book(catalog);
    let project = catalog
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let terraform = project.join("terraform");

    let preprocessor = table(&mut doc, &["preprocessor", "catalog"])?;
    if !preprocessor.contains_key("catalog") {
        preprocessor["catalog"] = value(catalog_rel.clone());
        report.push(format!(
            "[preprocessor.catalog] catalog = \"{catalog_rel}\""
        ));
    }
    if !preprocessor.contains_key("before") {
        preprocessor["before"] = value(Array::from_iter(["links"]));
        report.push("[preprocessor.catalog] before = [\"links\"]".into());
    }
    if !preprocessor.contains_key("modules-chapter") {
        preprocessor["modules-chapter"] = value("modules.md");
        report.push("[preprocessor.catalog] modules-chapter = \"modules.md\"".into());
    }

    let html = table(&mut doc, &["output", "html"])?;
    if add_to_array(html, "additional-css", "theme/catalog.css") {
        report.push("[output.html] additional-css += \"theme/catalog.css\"".into());
    }

    // The catalog file itself, not its directory: mdBook's watcher rebuilds on any change
    // outside the book's root, so watching the project root would rebuild on every write
    // to `target/` or to the book's own output.
    let mut watch = vec![catalog_rel.clone()];
    if terraform.is_dir() {
        watch.push(from_book(&terraform));
    }
    let build = table(&mut doc, &["build"])?;
    for dir in watch {
        if add_to_array(build, "extra-watch-dirs", &dir) {
            report.push(format!("[build] extra-watch-dirs += \"{dir}\""));
        }
    }

    let text = doc.to_string();
    match &old {
        Some(old) if *old == text => {}
        Some(old) => write_if_unchanged(&book_toml, old, &text)?,
        None => write_new(&book_toml, &text)?,
    }

    let src = book_dir.join(
        doc.get("book")
            .and_then(|b| b.get("src"))
            .and_then(Item::as_str)
            .unwrap_or("src"),
    );
    let extra: Vec<(PathBuf, &str)> = vec![
        (book_dir.join("theme/catalog.css"), CATALOG_CSS),
        // `mdbook serve` watches the project root: its own output must not trigger rebuilds.
        (book_dir.join(".gitignore"), "book\n"),
    ];
    let summary = src.join("SUMMARY.md");
    let chapters: Vec<(PathBuf, &str)> = if summary.exists() {
        // An existing book gets the chapter its pages hang under, or its next build fails.
        let chapter = doc
            .get("preprocessor")
            .and_then(|p| p.get("catalog"))
            .and_then(|c| c.get("modules-chapter"))
            .and_then(Item::as_str)
            .unwrap_or("modules.md")
            .to_owned();
        let old = std::fs::read_to_string(&summary)
            .with_context(|| format!("cannot read `{}`", summary.display()))?;
        if !old.contains(&format!("]({chapter})")) {
            let sep = if old.ends_with('\n') { "" } else { "\n" };
            let new = format!("{old}{sep}- [Modules]({chapter})\n");
            write_if_unchanged(&summary, &old, &new)?;
            report.push(format!("{} += - [Modules]({chapter})", summary.display()));
        }
        let text = CHAPTERS.iter().find(|(name, _)| *name == "modules.md");
        text.map(|(_, text)| (src.join(&chapter), *text))
            .into_iter()
            .collect()
    } else {
        CHAPTERS
            .iter()
            .map(|(name, text)| (src.join(name), *text))
            .collect()
    };
    for (path, text) in extra.into_iter().chain(chapters) {
        if !path.exists() {
            write_new(&path, text)?;
            report.push(format!("wrote {}", path.display()));
        }
    }
    Ok(report)
}

/// The table at `path`, created (implicitly for parents) when missing. A key that holds
/// something else is an error: nothing of the user's is overwritten.
fn table<'a>(doc: &'a mut DocumentMut, path: &[&str]) -> Result<&'a mut Table> {
    let mut current = doc.as_table_mut();
    for (i, key) in path.iter().enumerate() {
        if !current.contains_key(key) {
            let mut t = Table::new();
            t.set_implicit(i + 1 < path.len());
            current.insert(key, Item::Table(t));
        }
        current = current
            .get_mut(key)
            .and_then(Item::as_table_mut)
            .with_context(|| {
                format!(
                    "`{}` in book.toml is not a table; change it by hand",
                    path[..=i].join(".")
                )
            })?;
    }
    Ok(current)
}

/// Adds `item` to the array `key` of `table` (creating it); false if it was there.
fn add_to_array(table: &mut Table, key: &str, item: &str) -> bool {
    if !table.contains_key(key) {
        table[key] = value(Array::new());
    }
    let Some(array) = table[key].as_array_mut() else {
        return false;
    };
    if array.iter().any(|v| v.as_str() == Some(item)) {
        return false;
    }
    array.push(item);
    true
}
