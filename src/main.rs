//! The `mdbook-catalog` command: mdBook's preprocessor protocol when run without a
//! subcommand, plus `supports`, `build`, `check`, `fix` and the others; `module` lives in
//! [`cli::module`].
//!
//! Exit codes, decided in one place ([`exit_code`]): 0 success; 1 the checks found errors;
//! 2 unusable input (a catalog that does not load), usage, configuration or I/O errors.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use mdbook_catalog::book::CatalogPreprocessor;
use mdbook_catalog::book::preprocessor::{FindingsFailed, stderr_color};
use mdbook_catalog::catalog::CatalogInvalid;
use mdbook_catalog::diag::render::{Escape, printable};
use mdbook_catalog::diag::{Finding, render};
use mdbook_catalog::project::{OpenError, Project};
use mdbook_catalog::source::Sources;
use mdbook_catalog::terraform::module::Detail;
use mdbook_preprocessor::Preprocessor;

mod cli {
    pub mod module;
}

#[derive(Parser)]
#[command(
    version,
    about = "Render a Terraform module guide from catalog.toml, and prove its references true"
)]
struct Cli {
    /// Print findings only: no line on success, no closing summary.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

/// "1 file", "2 files".
fn plural(count: usize, what: &str) -> String {
    format!("{count} {what}{}", if count == 1 { "" } else { "s" })
}

/// Set once from `--quiet`.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A status line on stderr, as cargo prints "Finished …": what a command did, or the
/// summary of what it found. `--quiet` drops it.
fn status(line: &str) {
    if !QUIET.load(std::sync::atomic::Ordering::Relaxed) {
        eprintln!("{}", printable(line, Escape::Line));
    }
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
    /// Check the catalog's and the markdown files' references against the Terraform tree.
    Check {
        #[command(flatten)]
        selection: Selection,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[command(flatten)]
        baseline: BaselineArgs,
    },
    /// Rewrite moved and changed references (in catalog.toml and markdown), then check again.
    Fix {
        #[command(flatten)]
        selection: Selection,
        /// Print the changes as a unified diff and write nothing; report (and exit for) the
        /// findings the fix would leave.
        #[arg(long)]
        dry_run: bool,
    },
    /// Scaffold catalog.toml from an existing repository (modules, example blocks, READMEs).
    Init {
        /// The repository's root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where the modules live, relative to the root [default: terraform/modules, else
        /// `.` when the root holds .tf files: the root module, modules/* and examples/*].
        #[arg(long)]
        modules_dir: Option<String>,
        /// Catalog only the module directories this glob matches (repeatable), relative to
        /// the root or to the modules directory: `modules/*`, `ml/**`; the root module is `.`.
        #[arg(long, value_name = "GLOB")]
        include: Vec<String>,
        /// Leave out the module directories this glob matches (repeatable).
        #[arg(long, value_name = "GLOB")]
        exclude: Vec<String>,
    },
    /// Add the preprocessor, its CSS and watch directories to a book (idempotent).
    Install {
        /// The book's root directory.
        #[arg(default_value = "book")]
        book_dir: PathBuf,
        /// The catalog the book renders.
        #[arg(long, default_value = "catalog.toml")]
        catalog: PathBuf,
    },
    /// Print the JSON Schema of catalog.toml (the repository ships it as catalog.schema.json).
    Schema,
    /// Print a module's interface as terraform-docs does (`markdown table` or `json`), or
    /// inject it into a README between `<!-- BEGIN_TF_DOCS -->` and `<!-- END_TF_DOCS -->`.
    Module(cli::module::ModuleArgs),
}

/// What to check: a catalog (optional) and markdown files.
#[derive(Args)]
struct Selection {
    /// The catalog; by default `catalog.toml` in the current directory, if there is one.
    #[arg(long)]
    catalog: Option<PathBuf>,
    /// Project root for cited paths; defaults to the catalog's directory, or the current one.
    #[arg(long)]
    root: Option<PathBuf>,
    /// A directory outside the root that cited paths may lead into (repeatable).
    #[arg(long = "allow", value_name = "DIR")]
    allow: Vec<PathBuf>,
    /// Markdown files whose prose references ("`file` lines 8-27", `file#L8-L27`) to check.
    markdown: Vec<PathBuf>,
}

/// Adopting gradually: accept today's findings, fail on new ones.
#[derive(clap::Args)]
struct BaselineArgs {
    /// Leave out the findings this baseline file records (see --write-baseline).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in FILE (created or replaced) and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    QUIET.store(cli.quiet, std::sync::atomic::Ordering::Relaxed);
    let result = match cli.command {
        None => preprocess().map(|()| Outcome::Done),
        Some(Command::Supports { renderer }) => supports(&renderer),
        Some(Command::Build { book_dir }) => build(&book_dir).map(|()| Outcome::Done),
        Some(Command::Check {
            selection,
            format,
            baseline,
        }) => check(&selection, format, &baseline),
        Some(Command::Fix { selection, dry_run }) => fix(&selection, dry_run),
        Some(Command::Module(args)) => cli::module::run(&args),
        Some(Command::Init {
            root,
            modules_dir,
            include,
            exclude,
        }) => {
            let options = mdbook_catalog::adopt::init::Options {
                modules_dir,
                include,
                exclude,
            };
            mdbook_catalog::adopt::init::init(&root, &options).map(|done| {
                for note in &done.notes {
                    eprintln!("note: {}", printable(note, Escape::Line));
                }
                eprintln!(
                    "wrote {}; replace its TODOs, then run `mdbook-catalog check`",
                    shown(&done.catalog)
                );
                Outcome::Done
            })
        }
        Some(Command::Install { book_dir, catalog }) => {
            mdbook_catalog::adopt::install::install(&book_dir, &catalog).map(|report| {
                if report.is_empty() {
                    eprintln!("{} is already set up", shown(&book_dir));
                }
                for line in report {
                    eprintln!("{}", printable(&line, Escape::Lines));
                }
                Outcome::Done
            })
        }
        Some(Command::Schema) => {
            emit(&mdbook_catalog::catalog::schema::json()).map(|()| Outcome::Done)
        }
    };
    if let Err(err) = &result
        && !err.is::<StdoutClosed>()
    {
        eprintln!("error: {}", printable(&format!("{err:#}"), Escape::Lines));
    }
    exit_code(&result)
}

/// How a command ended when it did not fail with an error; [`exit_code`] maps it.
pub(crate) enum Outcome {
    /// Done, and nothing is wrong.
    Done,
    /// Done, and what was looked at is wrong: error findings, a `.tf` file that does not
    /// parse, a README out of date; or `supports` answering no.
    Failed,
    /// The catalog does not load (its findings are printed): nothing was checked.
    CatalogInvalid,
}

impl Outcome {
    /// [`Outcome::Failed`] when any finding is an error.
    pub(crate) fn of(findings: &[Finding]) -> Outcome {
        if findings.iter().any(Finding::is_error) {
            Outcome::Failed
        } else {
            Outcome::Done
        }
    }
}

/// The one place the process's exit code is decided, from how the command ended: 0
/// success; 1 the checks found errors (also when a build fails for its findings); 2 a
/// catalog that does not load, usage, configuration or I/O errors.
fn exit_code(result: &Result<Outcome>) -> ExitCode {
    ExitCode::from(match result {
        Ok(Outcome::Done) => 0,
        Ok(Outcome::Failed) => 1,
        Ok(Outcome::CatalogInvalid) => 2,
        // The reader has all it wanted (`| head`): end quietly, as ripgrep does.
        Err(err) if err.is::<StdoutClosed>() => 0,
        Err(err) if err.chain().any(|e| e.is::<FindingsFailed>()) => 1,
        Err(err) if err.chain().any(|e| e.is::<CatalogInvalid>()) => 2,
        Err(_) => 2,
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
    stdout.flush().context("cannot write the book to stdout")?;
    Ok(())
}

fn supports(renderer: &str) -> Result<Outcome> {
    let yes = CatalogPreprocessor.supports_renderer(renderer)?;
    Ok(if yes { Outcome::Done } else { Outcome::Failed })
}

fn build(book_dir: &Path) -> Result<()> {
    if !book_dir.join("book.toml").is_file() && !book_dir.join("src/SUMMARY.md").is_file() {
        anyhow::bail!(
            "`{}` is not a book: expected a directory holding book.toml (or src/SUMMARY.md)\n\
             help: pass the book's directory, e.g. `mdbook-catalog build book`; \
             `mdbook-catalog install DIR` sets one up",
            book_dir.display()
        );
    }
    refuse_special_chapters(&book_dir.join("src"))?;
    let mut book = mdbook_driver::MDBook::load(book_dir)
        .with_context(|| format!("cannot load the book in `{}`", book_dir.display()))?;
    // Replaces the `[preprocessor.catalog]` command with this very process, keeping its order.
    book.with_preprocessor(CatalogPreprocessor);
    book.build().context("the book was not built")?;
    let out = book.root.join(&book.config.build.build_dir);
    status(&format!(
        "built the book into {}",
        shown(&mdbook_catalog::source::display_path(&out))
    ));
    Ok(())
}

/// mdBook reads every chapter before any preprocessor runs, and opening a FIFO for reading
/// blocks: a `.md` under `src` that is not a regular file (a FIFO, a socket, a device) is an
/// error before mdBook starts. Directories reached through symbolic links are not entered.
fn refuse_special_chapters(dir: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(()); // mdBook says what is wrong with a missing `src`
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            refuse_special_chapters(&path)?;
        } else if path.extension().is_some_and(|e| e == "md")
            && std::fs::metadata(&path).is_ok_and(|m| !m.is_file())
        {
            bail!(
                "the chapter `{}` is not a regular file (a FIFO, socket or device); mdBook would \
                 wait on it forever: replace it with a regular file",
                shown(&path)
            );
        }
    }
    Ok(())
}

/// The project a selection describes, with its findings.
type Opened = (Box<Project>, Vec<Finding>);

/// The nearest `catalog.toml` in the current directory or above it, up to the repository's
/// root (a directory holding `.git`), as a path relative to the current directory: `check`
/// runs from any subdirectory of the project.
fn find_catalog() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let mut up = PathBuf::new();
    for dir in cwd.ancestors() {
        if dir.join("catalog.toml").is_file() {
            return Some(up.join("catalog.toml"));
        }
        if dir.join(".git").exists() {
            return None;
        }
        up.push("..");
    }
    None
}

/// Without a catalog: the repository's root (the nearest directory above holding `.git`),
/// else the current directory.
fn repository_root() -> PathBuf {
    let mut up = PathBuf::from(".");
    if let Ok(cwd) = std::env::current_dir() {
        for dir in cwd.ancestors() {
            if dir.join(".git").exists() {
                return up;
            }
            up.push("..");
        }
    }
    PathBuf::from(".")
}

/// The project a selection describes and its findings; `Ok(Err(_))` when the catalog does
/// not load.
fn open(selection: &Selection) -> Result<Result<Opened, CatalogInvalid>> {
    let catalog = match &selection.catalog {
        Some(path) => Some(path.clone()),
        None => find_catalog(),
    };
    // Every path this run prints is relative to the project root, wherever it runs from.
    let root = match (&selection.root, &catalog) {
        (Some(root), _) => root.clone(),
        (None, Some(catalog)) => catalog.parent().map(Path::to_path_buf).unwrap_or_default(),
        (None, None) => repository_root(),
    };
    mdbook_catalog::source::show_paths_from(&root);
    let mut project = match &catalog {
        Some(path) => match Project::load_with(
            path,
            selection.root.as_deref(),
            &selection.allow,
            Detail::Signatures,
        ) {
            Ok(project) => project,
            Err(OpenError::Invalid(invalid)) => return Ok(Err(invalid)),
            Err(err) => return Err(err.into()),
        },
        None if selection.markdown.is_empty() => {
            bail!(
                "no catalog.toml here and no markdown files given; pass --catalog FILE or MARKDOWN files"
            )
        }
        None => Project::without_catalog(&root, &selection.allow),
    };
    let mut seen = Vec::new();
    for path in &selection.markdown {
        // A file named twice is checked (and fixed) once.
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        // Named on the command line, but a link in its place may not lead out, and a FIFO
        // is refused before it is opened.
        let bytes = project.containment.read_named(path).map_err(|refusal| {
            let code = if refusal.escapes() {
                "[path-escapes-root] "
            } else {
                ""
            };
            anyhow::anyhow!("{code}cannot read `{}`: {refusal}", path.display())
        })?;
        let text = String::from_utf8(bytes).map_err(|err| {
            let at = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&err.as_bytes()[..at]).into_owned();
            let (line, column) = mdbook_catalog::source::SourceFile::new(path, text).line_col(at);
            anyhow::anyhow!(
                "{}:{line}:{column}: not valid UTF-8; expected a UTF-8 markdown file",
                path.display()
            )
        })?;
        project.add_markdown(path, text, false);
    }
    let findings = mdbook_catalog::check::run(&project);
    Ok(Ok((Box::new(project), findings)))
}

fn print(findings: &[Finding], sources: &Sources, format: Format) -> Result<()> {
    match format {
        Format::Human => {
            eprint!("{}", render::human(findings, sources, stderr_color()));
            Ok(())
        }
        Format::Json => emit(&render::json_lines(findings, sources)),
        Format::Github => emit(&render::github(findings, sources)),
    }
}

fn check(selection: &Selection, format: Format, baseline: &BaselineArgs) -> Result<Outcome> {
    use mdbook_catalog::check::baseline as base;
    let (project, findings) = match open(selection)? {
        Ok(opened) => opened,
        // An unusable catalog: nothing could be checked.
        Err(invalid) => {
            print(&invalid.findings, &invalid.sources, format)?;
            if let Some(summary) = render::summary(&invalid.findings) {
                status(&format!(
                    "{summary}; the catalog does not load, nothing was checked"
                ));
            }
            return Ok(Outcome::CatalogInvalid);
        }
    };
    if let Some(path) = &baseline.write_baseline {
        let text = base::write(&findings, &project.sources, &project.root);
        match std::fs::read_to_string(path) {
            Ok(old) => mdbook_catalog::write::write_if_unchanged(path, &old, &text)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                mdbook_catalog::write::write_new(path, &text)?
            }
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read `{}`", path.display()));
            }
        }
        status(&format!(
            "wrote {} to the baseline {}; `check --baseline {}` now fails only on new ones",
            plural(findings.len(), "finding"),
            path.display(),
            path.display()
        ));
        return Ok(Outcome::Done);
    }
    let (findings, left_out) = match &baseline.baseline {
        Some(path) => base::read(path)?.filter(findings, &project.sources, &project.root),
        None => (findings, 0),
    };
    print(&findings, &project.sources, format)?;
    let proven = mdbook_catalog::check::Proven::of(&project);
    status(&match (render::summary(&findings), left_out) {
        (Some(summary), 0) => summary,
        (Some(summary), n) => format!("{summary}; {n} more in the baseline"),
        (None, 0) => proven.to_string(),
        (None, n) => proven.with_baseline(n),
    });
    // The process ends here: freeing every module's strings one by one would only slow
    // the exit (0.1 s at 10,000 modules), so the memory goes back with the process.
    std::mem::forget(project);
    Ok(Outcome::of(&findings))
}

fn fix(selection: &Selection, dry_run: bool) -> Result<Outcome> {
    let (project, findings) = match open(selection)? {
        Ok(opened) => opened,
        Err(invalid) => {
            print(&invalid.findings, &invalid.sources, Format::Human)?;
            eprintln!("error: the catalog must load before it can be fixed; nothing written");
            return Ok(Outcome::CatalogInvalid);
        }
    };
    let changes = mdbook_catalog::fix::plan(&findings, &project.sources)?;
    if dry_run {
        emit_repository_text(&mdbook_catalog::fix::diff(&changes))?;
        // Exits as `check` would after the fix: the findings it does not mend remain.
        let remaining: Vec<Finding> = findings
            .into_iter()
            .filter(|f| !mdbook_catalog::fix::mended(f))
            .collect();
        print(&remaining, &project.sources, Format::Human)?;
        let edits: usize = changes.iter().map(|c| c.edits).sum();
        let after = render::summary(&remaining).unwrap_or_else(|| "then all true".to_owned());
        status(&format!(
            "would fix {} in {}, writing nothing; {after}",
            plural(edits, "reference"),
            plural(changes.len(), "file")
        ));
        return Ok(Outcome::of(&remaining));
    }
    mdbook_catalog::fix::write(&changes)?;
    for change in &changes {
        status(&format!(
            "fixed {} in {}",
            plural(change.edits, "reference"),
            shown(&change.shown)
        ));
    }
    let no_baseline = BaselineArgs {
        baseline: None,
        write_baseline: None,
    };
    check(selection, Format::Human, &no_baseline)
}

/// A path as printed in a message: no control character of its name reaches the terminal.
fn shown(path: &Path) -> String {
    printable(&path.display().to_string(), Escape::Line).into_owned()
}

/// Writes to stdout. A reader that went away (`| head`) is [`StdoutClosed`], which ends the
/// run quietly with success; any other write error (a full disk) fails it with exit 2.
/// Writes repository text (a module's tables, a diff) to stdout: as it is into a file or a
/// pipe (`> README.md` keeps terraform-docs' bytes), with control characters escaped on a
/// terminal, where they would be commands to it.
fn emit_repository_text(text: &str) -> Result<()> {
    if io::stdout().is_terminal() {
        emit(&printable(text, Escape::Lines))
    } else {
        emit(text)
    }
}

fn emit(text: &str) -> Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Err(StdoutClosed.into()),
        Err(err) => Err(anyhow::Error::new(err).context("cannot write to stdout")),
    }
}

/// Standard output was closed by its reader: nothing more to say, and not a failure.
#[derive(Debug, thiserror::Error)]
#[error("standard output was closed")]
struct StdoutClosed;
