//! The data each template receives, built from a loaded project. Templates see these
//! structures as their variables; `docs/templates.md` lists them.

use serde::Serialize;

use crate::catalog::model::{Cell, Comparison, Module};
use crate::project::Project;
use crate::terraform::blocks::uncommented_lines;

#[derive(Debug, Serialize)]
pub struct ModuleView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// Name in the quick reference: `short`, or the directory's last component.
    pub listed_as: String,
    /// Directory relative to the modules directory ("ml/mlflow").
    pub dir_name: String,
    pub path: &'a str,
    /// The module's directory in the repository, when the book names the repository.
    pub path_href: Option<String>,
    /// Link to the module's page from the chapter being rendered, if it has a page.
    pub href: Option<String>,
    /// Environments whose live configuration instantiates the module.
    pub environments: &'a [String],
    #[serde(flatten)]
    pub fields: &'a Module,
    pub uses_title: &'a str,
    pub comparisons: Vec<ComparisonView<'a>>,
    pub docs: Vec<DocView<'a>>,
    pub example: Option<ExampleView>,
}

#[derive(Debug, Serialize)]
pub struct ComparisonView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub feature: &'a str,
    pub columns: &'a [String],
    pub rows: Vec<RowView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct RowView<'a> {
    pub feature: &'a str,
    pub cells: Vec<CellView<'a>>,
}

/// A cell: `verdict` is "yes" / "no" / "partial" or absent for plain text.
#[derive(Debug, Serialize)]
pub struct CellView<'a> {
    pub verdict: Option<&'static str>,
    pub glyph: &'static str,
    /// "Yes", "No", "Partial": what a screen reader says for the glyph.
    pub word: &'static str,
    /// The note of a verdict, or the text of a plain cell.
    pub text: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct ExampleView {
    /// The file as the guide cites it ("/terraform/environments/dev/x.tf.example").
    pub file: String,
    /// "8-27".
    pub lines: String,
    pub first: usize,
    pub last: usize,
    /// The block's lines, comment prefixes removed.
    pub code: String,
    /// The cited lines in the repository, when the book names the repository.
    pub href: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DocView<'a> {
    pub path: &'a str,
    pub about: &'a str,
    /// The document in the repository, when the book names the repository.
    pub href: Option<String>,
}

pub fn comparison<'a>(id: &'a str, c: &'a Comparison) -> ComparisonView<'a> {
    ComparisonView {
        id,
        title: &c.title,
        feature: &c.feature,
        columns: &c.columns,
        rows: c
            .rows
            .iter()
            .map(|row| RowView {
                feature: &row.get_ref().feature,
                cells: row.get_ref().cells.iter().map(cell).collect(),
            })
            .collect(),
    }
}

fn cell(c: &Cell) -> CellView<'_> {
    match c {
        Cell::Text(text) => CellView {
            verdict: None,
            glyph: "",
            word: "",
            text: Some(text),
        },
        Cell::Verdict(v) => CellView {
            verdict: Some(match v.verdict {
                crate::catalog::model::Verdict::Yes => "yes",
                crate::catalog::model::Verdict::No => "no",
                crate::catalog::model::Verdict::Partial => "partial",
            }),
            glyph: v.verdict.glyph(),
            word: v.verdict.word(),
            text: v.note.as_deref(),
        },
    }
}

pub fn example(project: &Project, id: &str) -> Option<ExampleView> {
    let resolved = project.resolved.get(id)?;
    let file = project.sources.get(resolved.file);
    let lines = resolved.lines;
    if !lines.fits(file.line_count()) {
        return None;
    }
    let code = uncommented_lines(file, lines).join("\n");
    Some(ExampleView {
        file: resolved.cited.clone(),
        lines: lines.to_string(),
        first: lines.first,
        last: lines.last,
        code,
        href: None,
    })
}

pub fn docs<'a>(docs: impl Iterator<Item = &'a crate::catalog::model::Doc>) -> Vec<DocView<'a>> {
    docs.map(|d| DocView {
        path: d.path.get_ref(),
        about: &d.about,
        href: None,
    })
    .collect()
}

/// `href` is the link to the module's page from the chapter being rendered.
pub fn module<'a>(
    project: &'a Project,
    id: &'a str,
    href: Option<String>,
) -> Option<ModuleView<'a>> {
    let m = project.catalog.module(id)?;
    let path = m.path.get_ref();
    let dir_name = project.module_name(path);
    // The directory's last name; a module at the modules directory itself (the root module
    // with `modules-dir = "."`) has none, and is listed by its name.
    let short =
        m.short
            .clone()
            .unwrap_or_else(|| match dir_name.rsplit('/').next().unwrap_or(&dir_name) {
                "" | "." => m.name.clone(),
                last => last.to_owned(),
            });
    Some(ModuleView {
        id,
        name: &m.name,
        listed_as: short,
        dir_name,
        path,
        path_href: None,
        href,
        environments: project.environments_of(path),
        fields: m,
        uses_title: m.uses_title.as_deref().unwrap_or("MLOps Use Cases"),
        comparisons: project
            .catalog
            .comparisons_of(id)
            .map(|(cid, c)| comparison(cid, c))
            .collect(),
        docs: docs(project.catalog.docs_of(id)),
        example: example(project, id),
    })
}

#[derive(Debug, Serialize)]
pub struct SummaryView<'a> {
    pub summary: &'a crate::catalog::model::Summary,
    /// Number of modules in the catalog.
    pub count: usize,
    /// Modules instantiated by some environment.
    pub active: Vec<ActiveView<'a>>,
    pub deprecated: Vec<DeprecatedView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ActiveView<'a> {
    pub name: &'a str,
    pub environments: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct DeprecatedView<'a> {
    /// Relative to the modules directory ("iam/irsa_mlflow").
    pub name: String,
    pub replacement: String,
    /// Environments that still instantiate the deprecated module.
    pub environments: &'a [String],
}

pub fn summary(project: &Project) -> SummaryView<'_> {
    let catalog = &project.catalog;
    SummaryView {
        summary: &catalog.summary,
        count: catalog.modules.len(),
        active: catalog
            .modules
            .values()
            .map(|m| ActiveView {
                name: &m.name,
                environments: project.environments_of(m.path.get_ref()),
            })
            .filter(|a| !a.environments.is_empty())
            .collect(),
        deprecated: catalog
            .summary
            .deprecated
            .iter()
            .map(|d| DeprecatedView {
                name: project.module_name(d.path.get_ref()),
                replacement: project.module_name(d.replacement.get_ref()),
                environments: project.environments_of(d.path.get_ref()),
            })
            .collect(),
    }
}
