//! The `mdbook-catalog` command: mdBook's preprocessor protocol when run without a
//! subcommand, plus `supports`, `build` and `check`.
//!
//! Exit codes: 0 success; 1 the catalog or the book has errors (findings); 2 usage,
//! configuration or I/O errors.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use mdbook_catalog::book::CatalogPreprocessor;
use mdbook_catalog::book::preprocessor::{FindingsFailed, stderr_color};
use mdbook_catalog::diag::render;
use mdbook_catalog::project::{OpenError, Project};
use mdbook_preprocessor::Preprocessor;

#[derive(Parser)]
#[command(
    version,
    about = "Render a Terraform module guide from catalog.toml, and prove its references true"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Tell mdBook whether a renderer is supported (exit 0: yes).
    Supports { renderer: String },
    /// Build a book in-process, with this preprocessor attached.
    Build {
        /// The book's root directory (holding book.toml).
        #[arg(default_value = "book")]
        book_dir: PathBuf,
    },
    /// Check the catalog's references against the Terraform tree.
    Check {
        /// The catalog file.
        #[arg(long, default_value = "catalog.toml")]
        catalog: PathBuf,
        /// Project root for cited paths; defaults to the catalog's directory.
        #[arg(long)]
        root: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Apply the safe fixes (drifted line ranges) to catalog.toml, then check again.
    Fix {
        /// The catalog file.
        #[arg(long, default_value = "catalog.toml")]
        catalog: PathBuf,
        /// Project root for cited paths; defaults to the catalog's directory.
        #[arg(long)]
        root: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => preprocess().map(|()| ExitCode::SUCCESS),
        Some(Command::Supports { renderer }) => supports(&renderer),
        Some(Command::Build { book_dir }) => build(&book_dir).map(|()| ExitCode::SUCCESS),
        Some(Command::Check {
            catalog,
            root,
            format,
        }) => Ok(check(&catalog, root.as_deref(), format)),
        Some(Command::Fix { catalog, root }) => fix(&catalog, root.as_deref()),
    };
    result.unwrap_or_else(|err| {
        eprintln!("error: {err:#}");
        let findings = err.chain().any(|e| e.is::<FindingsFailed>());
        ExitCode::from(if findings { 1 } else { 2 })
    })
}

/// mdBook's protocol: `[context, book]` as JSON on stdin, the book as JSON on stdout.
fn preprocess() -> Result<()> {
    let (ctx, book) = mdbook_preprocessor::parse_input(io::stdin().lock())
        .context("expected mdBook's preprocessor input ([context, book] as JSON) on stdin")?;
    if ctx.mdbook_version != mdbook_preprocessor::MDBOOK_VERSION {
        eprintln!(
            "warning: mdbook-catalog was built against mdBook {}, but is called by mdBook {}",
            mdbook_preprocessor::MDBOOK_VERSION,
            ctx.mdbook_version
        );
    }
    let book = CatalogPreprocessor.run(&ctx, book)?;
    let mut stdout = io::stdout().lock();
    serde_json::to_writer(&mut stdout, &book).context("cannot write the book to stdout")?;
    stdout.flush()?;
    Ok(())
}

fn supports(renderer: &str) -> Result<ExitCode> {
    let yes = CatalogPreprocessor.supports_renderer(renderer)?;
    Ok(if yes {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn build(book_dir: &Path) -> Result<()> {
    let mut book = mdbook_driver::MDBook::load(book_dir)
        .with_context(|| format!("cannot load the book in `{}`", book_dir.display()))?;
    // Replaces the `[preprocessor.catalog]` command with this very process, keeping its order.
    book.with_preprocessor(CatalogPreprocessor);
    book.build().context("the book was not built")?;
    Ok(())
}

fn check(catalog: &Path, root: Option<&Path>, format: Format) -> ExitCode {
    let (findings, sources) = match Project::load(catalog, root) {
        Ok(project) => (mdbook_catalog::check::run(&project), project.sources),
        Err(OpenError::Invalid { findings, sources }) => (findings, sources),
        Err(err @ OpenError::Io { .. }) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    match format {
        Format::Human => eprint!("{}", render::human(&findings, &sources, stderr_color())),
        Format::Json => print!("{}", render::json_lines(&findings, &sources)),
    }
    if findings.iter().any(|f| f.is_error()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn fix(catalog: &Path, root: Option<&Path>) -> Result<ExitCode> {
    let project = match Project::load(catalog, root) {
        Ok(project) => project,
        Err(OpenError::Invalid { findings, sources }) => {
            eprint!("{}", render::human(&findings, &sources, stderr_color()));
            eprintln!("error: the catalog must load before it can be fixed; nothing written");
            return Ok(ExitCode::FAILURE);
        }
        Err(err) => return Err(err.into()),
    };
    let findings = mdbook_catalog::check::run(&project);
    for (path, count) in mdbook_catalog::fix::apply(&findings, &project.sources)? {
        eprintln!("fixed {count} reference(s) in {}", path.display());
    }
    Ok(check(catalog, root, Format::Human))
}
