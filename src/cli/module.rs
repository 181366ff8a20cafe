//! `mdbook-catalog module DIR`: a module's interface as terraform-docs prints it
//! (`markdown table` or `json`, default settings, see [`mdbook_catalog::render::tfdocs`]),
//! on stdout or, as terraform-docs' CI modes, injected into a README
//! (`--output-file`) or checked against it (`--output-check`).
//!
//! Exit codes: 0 printed, written or up to date; 1 a `.tf` file does not parse, or (with
//! `--output-check`) the file is out of date; 2 not a module, unusable markers, I/O.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use mdbook_catalog::book::preprocessor::stderr_color;
use mdbook_catalog::containment::Containment;
use mdbook_catalog::diag::render::{Escape, printable};
use mdbook_catalog::diag::{Code, Finding, Label, render};
use mdbook_catalog::render::readme::{self, Placement};
use mdbook_catalog::render::tfdocs::{Doc, Version};
use mdbook_catalog::source::{Sources, display_path};
use mdbook_catalog::terraform::module::{Detail, read_module};

use crate::{Outcome, emit_repository_text, shown, status};

/// The command line of `module`.
#[derive(Args)]
pub struct ModuleArgs {
    /// The module's directory.
    dir: PathBuf,
    #[arg(long, value_enum, default_value_t = ModuleFormat::Markdown)]
    format: ModuleFormat,
    /// Inject the output into this file (relative to DIR) between `<!-- BEGIN_TF_DOCS -->`
    /// and `<!-- END_TF_DOCS -->`, as `terraform-docs --output-file` does.
    #[arg(long, value_name = "FILE")]
    output_file: Option<PathBuf>,
    /// With --output-file: write nothing; exit 1 when the file is out of date.
    #[arg(long, requires = "output_file")]
    output_check: bool,
    /// The terraform-docs release whose markdown to match: 0.22, or 0.20 / 0.21 (whose
    /// table delimiter rows are `|------|` instead of `| ---- |`).
    #[arg(long, value_name = "VERSION", default_value = "0.22",
          value_parser = ["0.20", "0.21", "0.22"])]
    terraform_docs: String,
    /// Read provider versions from DIR/.terraform.lock.hcl, as terraform-docs does by
    /// default; `--lockfile=false` shows the constraints instead.
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    lockfile: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ModuleFormat {
    /// terraform-docs' `markdown table`.
    Markdown,
    /// terraform-docs' `json`.
    Json,
}

pub fn run(args: &ModuleArgs) -> Result<Outcome> {
    let dir = &args.dir;
    let mut sources = Sources::default();
    // The command line names the directory; its files are repository content. The boundary
    // is the current directory, or the module's own directory when it lies elsewhere.
    let cwd = std::env::current_dir().context("cannot find the current directory")?;
    let inside = std::path::absolute(dir)
        .is_ok_and(|d| mdbook_catalog::containment::normalize_absolute(&d).starts_with(&cwd));
    let (root, rel) = if inside {
        (Path::new(""), dir.as_path())
    } else {
        (dir.as_path(), Path::new(""))
    };
    let containment = Containment::new(root, &[]);
    let interface =
        read_module(&containment, rel, Detail::Full, &mut sources).with_context(|| {
            format!(
                "`{}` is not a Terraform module: expected a directory holding `.tf` files",
                dir.display()
            )
        })?;
    let refused = interface.refused.iter().map(|(path, refusal)| {
        let shown = display_path(&containment.shown(path));
        Finding::error(
            refusal.code(),
            format!("`{}` is not read: {refusal}", shown.display()),
        )
    });
    let problems: Vec<Finding> = interface
        .problems
        .iter()
        .map(|(file, span, message)| {
            Finding::error(Code::HclSyntax, message.clone()).at(Label::new(*file, span.clone()))
        })
        .chain(refused)
        .collect();
    eprint!("{}", render::human(&problems, &sources, stderr_color()));
    let mut doc = Doc::of(&interface);
    if args.lockfile {
        // A missing (or refused) lock file is no lock file, as for terraform-docs.
        if let Ok(lock) = containment.read_string(&rel.join(".terraform.lock.hcl")) {
            doc.apply_lock_file(&lock);
        }
    }
    let generated = match args.format {
        ModuleFormat::Markdown => doc.markdown_as(match args.terraform_docs.as_str() {
            "0.22" => Version::V0_22,
            _ => Version::V0_21,
        }),
        ModuleFormat::Json => doc.json(),
    };
    let parsed = Outcome::of(&problems);
    let Some(file) = &args.output_file else {
        emit_repository_text(&(generated + "\n"))?;
        return Ok(parsed);
    };
    let path = dir.join(file);
    let updated = output_file(&path, &generated, args.output_check)?;
    Ok(if updated { parsed } else { Outcome::Failed })
}

/// Injects `generated` into `path` (or, with `check`, compares); returns false when a
/// check finds the file out of date.
fn output_file(path: &Path, generated: &str, check: bool) -> Result<bool> {
    let current = match std::fs::read(path) {
        Ok(bytes) => Some(String::from_utf8(bytes).map_err(|err| {
            anyhow::anyhow!(
                "`{}` is not valid UTF-8 (at byte {}); expected a text file to inject into",
                path.display(),
                err.utf8_error().valid_up_to()
            )
        })?),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => {
            return Err(
                anyhow::Error::new(err).context(format!("cannot read `{}`", path.display()))
            );
        }
    };
    let (new, placement) = readme::inject(current.as_deref(), generated)
        .with_context(|| format!("cannot inject into `{}`", path.display()))?;
    let name = shown(path);
    if current.as_deref() == Some(new.as_str()) {
        status(&format!("{name} is up to date"));
        return Ok(true);
    }
    if check {
        let why = match (&current, &placement) {
            (None, _) => " (it does not exist)".to_owned(),
            (_, Placement::Appended) => format!(
                " (it has no `{}` / `{}` section; one would be appended)",
                readme::BEGIN,
                readme::END
            ),
            _ => String::new(),
        };
        eprintln!("{name} is out of date{why}; run without --output-check to update it");
        let diff = readme::short_diff(&name, current.as_deref().unwrap_or(""), &new, 40);
        eprint!("{}", printable(&diff, Escape::Lines));
        return Ok(false);
    }
    match &current {
        Some(old) => mdbook_catalog::write::write_if_unchanged(path, old, &new)?,
        None => mdbook_catalog::write::write_new(path, &new)?,
    }
    match placement {
        Placement::Appended => status(&format!(
            "{name} had no `{}` / `{}` markers: appended the section at its end",
            readme::BEGIN,
            readme::END
        )),
        _ => status(&format!("{name} updated successfully")),
    }
    Ok(true)
}
