//! Markdown for each directive, from tera templates that ship in the binary and that a book
//! may override one by one in `catalog/<name>.md.tera` of its theme directory.
//!
//! Templates autoescape every `{{ value }}` with [`encode::inline`], the output-encoding
//! boundary: catalog text keeps the inline markdown it may use but cannot inject HTML,
//! directives or script links. Filters pick the other contexts: `text` (plain text), `code`,
//! `fence(lang=…)` (a code block), `url`; `cell` is kept for old overrides and does nothing
//! more than the autoescape.

pub mod directive;
pub mod encode;
mod highlight;
pub mod interface;
pub mod readme;
pub mod tfdocs;
pub mod view;

use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, Result};
use serde::Serialize;
use tera::{Context, Kwargs, State, Tera, Value};

use crate::containment::Containment;
use crate::project::Project;
use interface::{Section, Sort};

/// Interface sections a module page shows unless the book says otherwise.
pub const DEFAULT_SECTIONS: [Section; 5] = [
    Section::Requirements,
    Section::Providers,
    Section::Resources,
    Section::Inputs,
    Section::Outputs,
];

/// The templates, by name, as shipped.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "comparison.md.tera",
        include_str!("templates/comparison.md.tera"),
    ),
    ("costs.md.tera", include_str!("templates/costs.md.tera")),
    ("example.md.tera", include_str!("templates/example.md.tera")),
    (
        "how-to-use.md.tera",
        include_str!("templates/how-to-use.md.tera"),
    ),
    (
        "interface.md.tera",
        include_str!("templates/interface.md.tera"),
    ),
    ("intro.md.tera", include_str!("templates/intro.md.tera")),
    ("module.md.tera", include_str!("templates/module.md.tera")),
    ("page.md.tera", include_str!("templates/page.md.tera")),
    (
        "quick-reference.md.tera",
        include_str!("templates/quick-reference.md.tera"),
    ),
    ("related.md.tera", include_str!("templates/related.md.tera")),
    ("status.md.tera", include_str!("templates/status.md.tera")),
    ("summary.md.tera", include_str!("templates/summary.md.tera")),
];

/// What a directive asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Intro,
    QuickReference,
    HowToUse,
    Module(String),
    Comparison(String),
    Example(String),
    Costs(String),
    Summary,
    Related,
    /// A module's interface tables; all configured sections, or one.
    Interface(String, Option<Section>),
}

impl Request {
    /// The directive kinds, as written after `{{#catalog`.
    pub const KINDS: &[&str] = &[
        "intro",
        "quick-reference",
        "how-to-use",
        "module",
        "comparison",
        "example",
        "costs",
        "summary",
        "related",
        "interface",
    ];
}

/// Renders markdown for one book (one renderer, one set of template overrides).
pub struct Renderer {
    tera: Tera,
    html: bool,
    /// Directory of the generated module pages, relative to the book's `src`.
    pages: Option<PathBuf>,
    /// Interface sections shown on module pages, and the order of inputs.
    sections: Vec<Section>,
    sort: Sort,
    /// Links into the repository: `(url, branch)`, from the book's `git-repository-url`.
    repository: Option<(String, String)>,
}

impl Renderer {
    /// `theme_dir` holds overrides in `catalog/`; `html` selects HTML-enhanced cells;
    /// `pages` is where module pages are generated, if they are.
    pub fn new(theme_dir: Option<&Path>, html: bool, pages: Option<PathBuf>) -> Result<Self> {
        let mut tera = Tera::new();
        tera.set_escape_fn(|text: &str, out: &mut dyn std::io::Write| {
            out.write_all(encode::inline(text).as_bytes())
        });
        tera.autoescape_on([".md.tera"]);
        // Inline text is one line without `|` already: a table cell needs nothing more.
        tera.register_filter("cell", |text: &str, _: Kwargs, _: &State| text.to_owned());
        tera.register_filter("text", |text: &str, _: Kwargs, _: &State| {
            Value::safe_string(&encode::text(text))
        });
        tera.register_filter("code", |text: &str, _: Kwargs, _: &State| {
            Value::safe_string(&encode::code(text))
        });
        tera.register_filter("url", |text: &str, _: Kwargs, _: &State| {
            Value::safe_string(&encode::url(text).unwrap_or_else(|| "#".to_owned()))
        });
        tera.register_filter("fence", |code: &str, kwargs: Kwargs, _: &State| {
            let lang = kwargs.get::<&str>("lang")?.unwrap_or("");
            Ok::<_, tera::Error>(Value::safe_string(&encode::pre(code, lang)))
        });
        // The cells of the interface tables (`interface.md.tera`).
        tera.register_filter("anchor", |name: &str, kwargs: Kwargs, _: &State| {
            let kind = kwargs.get::<&str>("kind")?.unwrap_or("");
            Ok::<_, tera::Error>(Value::safe_string(&interface::anchor(kind, name)))
        });
        tera.register_filter("description", |text: &str, _: Kwargs, _: &State| {
            Value::safe_string(&interface::description(text))
        });
        tera.register_filter("hcl_value", |text: &str, _: Kwargs, _: &State| {
            Value::safe_string(&interface::hcl_value(text))
        });
        let mut templates = Vec::with_capacity(TEMPLATES.len());
        let mut overridden = Vec::new();
        for (name, builtin) in TEMPLATES {
            let custom = theme_dir
                .map(|d| d.join("catalog").join(name))
                .filter(|p| p.symlink_metadata().is_ok_and(|m| !m.is_dir()));
            let text = match &custom {
                // Read through the boundary: the override lies inside the theme directory,
                // symbolic links included, and is a regular file.
                Some(path) => {
                    overridden.push(path.display().to_string());
                    let theme = Containment::new(theme_dir.unwrap_or(Path::new("")), &[]);
                    theme
                        .read_string(&std::path::absolute(path)?)
                        .map_err(|refusal| {
                            anyhow::anyhow!("cannot read template `{}`: {refusal}", path.display())
                        })?
                }
                None => (*builtin).to_owned(),
            };
            templates.push((*name, text));
        }
        // All at once, since templates include one another.
        tera.add_raw_templates(templates)
            .with_context(|| match overridden.as_slice() {
                [] => "a built-in template does not compile".to_owned(),
                paths => format!(
                    "a template does not compile (overrides in use: {})",
                    paths.join(", ")
                ),
            })?;
        Ok(Renderer {
            tera,
            html,
            pages,
            sections: DEFAULT_SECTIONS.to_vec(),
            sort: Sort::Name,
            repository: None,
        })
    }

    /// Sets which interface sections module pages show, and how inputs are sorted.
    pub fn with_interface(mut self, sections: Vec<Section>, sort: Sort) -> Self {
        self.sections = sections;
        self.sort = sort;
        self
    }

    /// Links snippets, module paths and related documents to `url` (a repository on a forge
    /// with GitHub's URL layout: `blob/BRANCH/path#L1-L9`, `tree/BRANCH/dir`).
    pub fn with_repository(mut self, url: Option<String>, branch: &str) -> Self {
        self.repository = url.map(|u| (u.trim_end_matches('/').to_owned(), branch.to_owned()));
        self
    }

    /// A link into the repository: `kind` is `blob` (a file) or `tree` (a directory); `path`
    /// is root-relative (a leading `/` allowed).
    fn repository_link(&self, kind: &str, path: &str) -> Option<String> {
        let (url, branch) = self.repository.as_ref()?;
        Some(format!(
            "{url}/{kind}/{branch}/{}",
            path.trim_start_matches('/')
        ))
    }

    /// Fills the repository links of a module's view.
    fn link_module(&self, module: &mut view::ModuleView) {
        module.path_href = self.repository_link("tree", module.path);
        if let Some(example) = module.example.as_mut() {
            self.link_example(example);
        }
        self.link_docs(&mut module.docs);
    }

    fn link_example(&self, example: &mut view::ExampleView) {
        example.href = self
            .repository_link("blob", &example.file)
            .map(|url| format!("{url}#L{}-L{}", example.first, example.last));
    }

    fn link_docs(&self, docs: &mut [view::DocView]) {
        for doc in docs {
            doc.href = self.repository_link("blob", doc.path);
        }
    }

    /// A module's interface as markdown (`interface.md.tera`): the configured sections under
    /// headings, or one section's table; `None` when it could not be read.
    fn interface(
        &self,
        project: &Project,
        id: &str,
        section: Option<Section>,
    ) -> Result<Option<String>> {
        let Some(interface) = project
            .catalog
            .module(id)
            .and_then(|module| project.cited(module.path.get_ref()))
            .and_then(|dir| project.interface(&dir))
        else {
            return Ok(None);
        };
        let (sections, heading) = match section {
            Some(section) => (vec![section], false),
            None => (self.sections.clone(), true),
        };
        let sections = interface::sections(interface, &sections, self.sort);
        let vars = serde_json::json!({ "sections": sections, "heading": heading });
        let tables = self.render("interface.md.tera", vars)?;
        Ok(Some(tables.trim_end().to_owned()))
    }

    /// Path of a module's generated page, relative to the book's `src`.
    pub fn page_path(&self, id: &str) -> Option<PathBuf> {
        self.pages.as_ref().map(|dir| dir.join(format!("{id}.md")))
    }

    fn render(&self, name: &str, vars: impl Serialize) -> Result<String> {
        let mut context =
            Context::from_serialize(&vars).context("cannot build template context")?;
        context.insert("html", &self.html);
        self.tera
            .render(name, &context)
            .with_context(|| format!("cannot render template `{name}`"))
    }

    /// Markdown for `request`, rendered into the chapter at `chapter` (relative to `src`).
    /// `Ok(None)` when the request names something the catalog does not have.
    pub fn request(
        &self,
        project: &Project,
        request: &Request,
        chapter: &Path,
    ) -> Result<Option<String>> {
        let catalog = &project.catalog;
        let rendered = match request {
            Request::Intro => {
                let mut guide = serde_json::to_value(&catalog.guide)?;
                if let Some(intro) = &catalog.guide.intro {
                    let count = catalog.modules.len().to_string();
                    guide["intro"] = intro.replace("{count}", &count).into();
                }
                self.render("intro.md.tera", serde_json::json!({ "guide": guide }))?
            }
            Request::HowToUse => self.render(
                "how-to-use.md.tera",
                serde_json::json!({ "steps": catalog.guide.steps }),
            )?,
            Request::QuickReference => {
                let modules: Vec<_> = catalog
                    .modules
                    .keys()
                    .filter_map(|id| {
                        let mut module =
                            view::module(project, id.get_ref(), self.href(chapter, id.get_ref()))?;
                        self.link_module(&mut module);
                        Some(module)
                    })
                    .collect();
                self.render(
                    "quick-reference.md.tera",
                    serde_json::json!({ "modules": modules }),
                )?
            }
            Request::Module(id) => {
                let Some(mut module) = view::module(project, id, self.href(chapter, id)) else {
                    return Ok(None);
                };
                self.link_module(&mut module);
                let interface = self.interface(project, id, None)?;
                let vars = serde_json::json!({ "module": module, "interface": interface });
                self.render("module.md.tera", vars)?
            }
            Request::Comparison(id) => {
                let Some((key, c)) = catalog.comparisons.get_key_value(id.as_str()) else {
                    return Ok(None);
                };
                let comparison = view::comparison(key.get_ref(), c);
                self.render(
                    "comparison.md.tera",
                    serde_json::json!({ "comparison": comparison }),
                )?
            }
            Request::Example(id) => {
                if catalog.module(id).is_none() {
                    return Ok(None);
                }
                let mut example = view::example(project, id);
                if let Some(example) = example.as_mut() {
                    self.link_example(example);
                }
                self.render("example.md.tera", serde_json::json!({ "example": example }))?
            }
            Request::Costs(id) => {
                let Some(module) = catalog.module(id) else {
                    return Ok(None);
                };
                self.render(
                    "costs.md.tera",
                    serde_json::json!({ "costs": module.costs }),
                )?
            }
            Request::Related => {
                let mut docs = view::docs(catalog.docs.iter());
                self.link_docs(&mut docs);
                self.render("related.md.tera", serde_json::json!({ "docs": docs }))?
            }
            Request::Summary => self.render("summary.md.tera", view::summary(project))?,
            Request::Interface(id, section) => {
                if catalog.module(id).is_none() {
                    return Ok(None);
                }
                self.interface(project, id, *section)?.unwrap_or_default()
            }
        };
        Ok(Some(encode::finish(rendered.trim_end().to_owned())))
    }

    /// The whole generated page of a module.
    pub fn page(&self, project: &Project, id: &str) -> Result<String> {
        let chapter = self.page_path(id).unwrap_or_default();
        let mut module = view::module(project, id, self.href(&chapter, id));
        if let Some(module) = module.as_mut() {
            self.link_module(module);
        }
        let interface = self.interface(project, id, None)?;
        let vars = serde_json::json!({ "module": module, "interface": interface });
        let page = self.render("page.md.tera", vars)?.trim_end().to_owned() + "\n";
        Ok(encode::finish(page))
    }

    /// Relative link from `chapter` to the page of module `id`.
    fn href(&self, chapter: &Path, id: &str) -> Option<String> {
        let target = self.page_path(id)?;
        Some(relative_link(chapter, &target))
    }
}

/// A relative URL from the chapter file `from` to the file `to`, both relative to `src`.
pub fn relative_link(from: &Path, to: &Path) -> String {
    let from_dir: Vec<Component> = from
        .parent()
        .map(|p| p.components().collect())
        .unwrap_or_default();
    let to_parts: Vec<Component> = to.components().collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from_dir.len() - common];
    parts.extend(
        to_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links() {
        assert_eq!(
            relative_link(Path::new("README.md"), Path::new("modules/a.md")),
            "modules/a.md"
        );
        assert_eq!(
            relative_link(Path::new("modules/b.md"), Path::new("modules/a.md")),
            "a.md"
        );
        assert_eq!(
            relative_link(Path::new("x/y/c.md"), Path::new("modules/a.md")),
            "../../modules/a.md"
        );
    }
}
