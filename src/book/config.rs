//! The `[preprocessor.catalog]` table of `book.toml`.

use std::path::PathBuf;

use serde::Deserialize;

use crate::render::interface::{Section, Sort};

/// Our keys, plus mdBook's own keys for every preprocessor (accepted and ignored here),
/// so that a misspelt key of ours is an error instead of being silently ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BookConfig {
    /// catalog.toml, relative to the book root.
    #[serde(default = "default_catalog")]
    pub catalog: PathBuf,
    /// The project root against which cited paths resolve, relative to the book root;
    /// defaults to the catalog's directory.
    #[serde(default)]
    pub root: Option<PathBuf>,
    /// The chapter (its file, relative to `src`) under which one page per module is
    /// generated. Without it no pages are generated.
    #[serde(default)]
    pub modules_chapter: Option<PathBuf>,
    /// Directory of the generated pages, relative to `src`.
    #[serde(default = "default_pages_dir")]
    pub pages_dir: PathBuf,
    /// Whether a drifted line reference fails the build (`error`) or only warns (`warn`).
    #[serde(default)]
    pub on_stale: OnStale,
    /// Directories outside the project root that cited paths may lead into, relative to
    /// the book root. Everything else outside is refused (`path-escapes-root`).
    #[serde(default)]
    pub allow_paths: Vec<PathBuf>,
    /// Interface sections on module pages, in order.
    #[serde(default = "default_sections")]
    pub interface: Vec<Section>,
    /// Inputs sorted by `name`, or `required` first.
    #[serde(default)]
    pub sort_inputs: Sort,
    /// The branch that links into the repository name (with `output.html.git-repository-url`).
    #[serde(default = "default_branch")]
    pub branch: String,

    // mdBook's keys.
    #[serde(default)]
    pub command: Option<toml::Value>,
    #[serde(default)]
    pub before: Option<toml::Value>,
    #[serde(default)]
    pub after: Option<toml::Value>,
    #[serde(default)]
    pub renderers: Option<toml::Value>,
    #[serde(default)]
    pub optional: Option<toml::Value>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OnStale {
    #[default]
    Error,
    Warn,
}

fn default_sections() -> Vec<Section> {
    crate::render::DEFAULT_SECTIONS.to_vec()
}

fn default_branch() -> String {
    "main".to_owned()
}

fn default_catalog() -> PathBuf {
    PathBuf::from("catalog.toml")
}

fn default_pages_dir() -> PathBuf {
    PathBuf::from("modules")
}

impl Default for BookConfig {
    fn default() -> Self {
        BookConfig {
            catalog: default_catalog(),
            root: None,
            modules_chapter: None,
            pages_dir: default_pages_dir(),
            on_stale: OnStale::Error,
            allow_paths: Vec::new(),
            interface: default_sections(),
            sort_inputs: Sort::Name,
            branch: default_branch(),
            command: None,
            before: None,
            after: None,
            renderers: None,
            optional: None,
        }
    }
}
