//! The mdBook preprocessor: loads and checks the project, generates module pages, expands
//! directives, and fails the build when any finding is an error.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use super::config::{BookConfig, OnStale};
use super::pages::add_module_pages;
use crate::containment::Refusal;
use crate::diag::{Code, Finding, Severity, render};
use crate::project::{OpenError, Project};
use crate::render::Renderer;
use crate::render::directive;
use crate::source::{SourceFile, Sources};
use crate::terraform::module::Detail;

pub struct CatalogPreprocessor;

impl CatalogPreprocessor {
    pub const NAME: &'static str = "catalog";
}

impl Preprocessor for CatalogPreprocessor {
    fn name(&self) -> &str {
        Self::NAME
    }

    fn run(&self, ctx: &PreprocessorContext, book: Book) -> Result<Book> {
        let config: BookConfig = ctx
            .config
            .get("preprocessor.catalog")
            .context("invalid [preprocessor.catalog] in book.toml")?
            .unwrap_or_default();
        let started = std::time::Instant::now();
        let result = run(ctx, &config, book);
        // For benchmarks: the preprocessor's own share of a build, without a profiler.
        if std::env::var_os("MDBOOK_CATALOG_TIMINGS").is_some() {
            eprintln!(
                "mdbook-catalog: preprocessor took {:.3} s",
                started.elapsed().as_secs_f64()
            );
        }
        result
    }

    fn supports_renderer(&self, _renderer: &str) -> Result<bool> {
        // Everything we emit is markdown; the HTML renderer also gets styled verdict cells.
        Ok(true)
    }
}

/// Whether diagnostics on stderr get colour: only on a terminal, and never with NO_COLOR.
pub fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn run(ctx: &PreprocessorContext, config: &BookConfig, mut book: Book) -> Result<Book> {
    let catalog_path = ctx.root.join(&config.catalog);
    let root = config.root.as_ref().map(|r| ctx.root.join(r));
    let allowed: Vec<PathBuf> = config
        .allow_paths
        .iter()
        .map(|p| ctx.root.join(p))
        .collect();
    let mut project =
        match Project::load_with(&catalog_path, root.as_deref(), &allowed, Detail::Full) {
            Ok(project) => project,
            Err(OpenError::Invalid(invalid)) => {
                let shown = render::human(&invalid.findings, &invalid.sources, stderr_color());
                eprint!("{shown}");
                return Err(invalid.into());
            }
            Err(err) => return Err(err.into()),
        };
    // Hand-written chapters are checked like markdown given to `check`.
    let src = ctx.root.join(&ctx.config.book.src);
    // mdBook has read the chapters already; one that is a link leading out of the project
    // and the book's `src` fails the build, so its text is never published.
    let chapters = project.containment.admitting(&src);
    for chapter in book.chapters() {
        if let Some(source) = &chapter.source_path
            && let Err(refusal) = chapters.file(&std::path::absolute(src.join(source))?)
            && (refusal.escapes() || matches!(refusal, Refusal::WrongKind { .. }))
        {
            let code = if refusal.escapes() {
                format!("[{}] ", Code::PathEscapesRoot.as_str())
            } else {
                String::new()
            };
            bail!(
                "{code}chapter `{}` ({}) is refused: {refusal}",
                source.display(),
                crate::source::display_path(&src.join(source)).display()
            );
        }
    }
    // Each chapter's index in `project.markdown`, by source path.
    let mut chapter_docs = HashMap::new();
    for chapter in book.chapters() {
        if let Some(source) = &chapter.source_path {
            project.add_markdown(&src.join(source), chapter.content.clone(), true);
            chapter_docs.insert(source.clone(), project.markdown.len() - 1);
        }
    }
    let mut findings = crate::check::run(&project);
    if config.on_stale == OnStale::Warn {
        for finding in findings.iter_mut().filter(|f| f.code.is_stale_reference()) {
            finding.severity = Severity::Warning;
        }
    }

    // Generated pages stay inside the book's `src`, whatever `pages-dir` says.
    if !crate::containment::stays_below(&config.pages_dir) {
        bail!(
            "[{}] [preprocessor.catalog] pages-dir = \"{}\" leads outside the book's src; \
             give a relative directory inside it",
            Code::PathEscapesRoot.as_str(),
            config.pages_dir.display()
        );
    }
    let html = ctx.renderer == "html";
    let pages = config
        .modules_chapter
        .as_ref()
        .map(|_| config.pages_dir.clone());
    // Snippets, module paths and related documents link into the repository when the book
    // names it (mdBook's own setting, which also draws the repository icon).
    let repository = ctx
        .config
        .get::<String>("output.html.git-repository-url")
        .ok()
        .flatten()
        .filter(|_| html);
    // Template overrides live in the book's theme directory, mdBook's own: `theme` beside
    // book.toml, or `[output.html] theme` (this repository's book points at `../theme`).
    let theme = ctx
        .config
        .get::<PathBuf>("output.html.theme")
        .ok()
        .flatten()
        .unwrap_or_else(|| PathBuf::from("theme"));
    let renderer = Renderer::new(Some(&ctx.root.join(theme)), html, pages)?
        .with_interface(config.interface.clone(), config.sort_inputs)
        .with_repository(repository, &config.branch);
    if let Some(parent) = &config.modules_chapter
        && !add_module_pages(&mut book, &project, &renderer, parent)?
    {
        bail!(
            "[preprocessor.catalog] modules-chapter = \"{}\" is not a chapter of SUMMARY.md",
            parent.display()
        );
    }

    let mut failure = None;
    book.for_each_chapter_mut(|chapter| {
        if failure.is_some() {
            return;
        }
        let path = chapter.path.clone().unwrap_or_default();
        let shown = chapter.source_path.as_ref().map(|p| src.join(p));
        let doc = chapter
            .source_path
            .as_ref()
            .and_then(|p| chapter_docs.get(p))
            .copied();
        if doc.is_none() && directive::find(&chapter.content).iter().any(|d| !d.escaped) {
            // A chapter `check::run` did not see (no source file): its directives are
            // judged here, by the same function.
            let file = project.sources.add(SourceFile::new(
                shown.unwrap_or_else(|| PathBuf::from(&chapter.name)),
                chapter.content.clone(),
            ));
            let catalog = Some(&project.catalog);
            findings.extend(directive::check(&chapter.content, None, catalog, file));
        }
        let code = doc.map(|i| project.markdown[i].scan.code.as_slice());
        match expand(&chapter.content, code, &path, &project, &renderer) {
            Ok(None) => {}
            Ok(Some(content)) => chapter.content = content,
            Err(err) => failure = Some(err.context(format!("in chapter `{}`", path.display()))),
        }
    });
    if let Some(err) = failure {
        return Err(err);
    }
    report(&findings, &project.sources)?;
    Ok(book)
}

/// Replaces each directive of `content` by its markdown; `None` when it holds none. `code`
/// are the chapter's code ranges when its markdown was already read. A directive that
/// [`directive::resolve`] rejects is dropped: its finding fails the build.
fn expand(
    content: &str,
    code: Option<&[std::ops::Range<usize>]>,
    chapter: &Path,
    project: &Project,
    renderer: &Renderer,
) -> Result<Option<String>> {
    let found = directive::find_outside(content, code);
    if found.is_empty() {
        return Ok(None);
    }
    let mut out = String::with_capacity(content.len() * 2);
    let mut last = 0;
    for d in found {
        out.push_str(&content[last..d.span.start]);
        last = d.span.end;
        if d.escaped {
            out.push_str(&content[d.span.start + 1..d.span.end]);
            continue;
        }
        let Ok(request) = directive::resolve(&d.args, Some(&project.catalog)) else {
            continue;
        };
        let markdown = renderer
            .request(project, &request, chapter)?
            .with_context(|| {
                format!(
                    "`{{{{#catalog {}}}}}` was accepted but has nothing to render",
                    d.args.join(" ")
                )
            })?;
        out.push_str(&markdown);
    }
    out.push_str(&content[last..]);
    Ok(Some(out))
}

/// Prints findings to stderr; fails when any is an error.
fn report(findings: &[Finding], sources: &Sources) -> Result<()> {
    if findings.is_empty() {
        return Ok(());
    }
    eprint!("{}", render::human(findings, sources, stderr_color()));
    let errors = findings.iter().filter(|f| f.is_error()).count();
    if errors > 0 {
        return Err(FindingsFailed { errors }.into());
    }
    Ok(())
}

/// The build failed because of error findings (already printed), not because of I/O or
/// configuration; the CLI exits 1 for it.
#[derive(Debug, thiserror::Error)]
#[error("mdbook-catalog found {errors} error(s)")]
pub struct FindingsFailed {
    pub errors: usize,
}
