//! Reads `catalog.toml` into the [`Catalog`] model, turning TOML and schema errors into
//! findings that point at line:col, with a "did you mean" for misspelt keys and ids; a
//! catalog that does not load is a [`CatalogInvalid`], the one type for it.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;

use super::model::Catalog;
use crate::diag::{Code, Finding, Label};
use crate::lines::LineRange;
use crate::source::{FileId, SourceFile, Sources, display_path};
use crate::suggest;

/// A catalog that parsed and passed the schema's own consistency rules.
#[derive(Debug)]
pub struct LoadedCatalog {
    pub catalog: Catalog,
    pub file: FileId,
    /// The directory holding catalog.toml: the default project root.
    pub dir: PathBuf,
}

/// Why a catalog was not loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("cannot read `{}`: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The file was read but does not load.
    #[error(transparent)]
    Invalid(#[from] CatalogInvalid),
}

/// "The catalog does not load", the one notion of it from the loader to the exit code
/// (2): the file was read, but is not a usable catalog. The findings say why; `sources`
/// holds the files they point into. Whoever prints the findings decides what else is said.
#[derive(Debug, thiserror::Error)]
#[error("`{}` is not a usable catalog", display_path(path).display())]
pub struct CatalogInvalid {
    /// The catalog as the caller named it.
    pub path: PathBuf,
    pub findings: Vec<Finding>,
    pub sources: Sources,
}

/// Reads and validates the catalog at `path`, registering its text in `sources`.
pub fn load(path: &Path, sources: &mut Sources) -> Result<LoadedCatalog, LoadError> {
    let io = |error| LoadError::Io {
        path: path.to_owned(),
        error,
    };
    let bytes = std::fs::read(path).map_err(io)?;
    parse(path, bytes, sources)
}

/// Parses and validates catalog bytes read from `path`, registering the text in `sources`;
/// when the catalog does not load, `sources` moves into the [`CatalogInvalid`] its findings
/// point into.
pub fn parse(
    path: &Path,
    bytes: Vec<u8>,
    sources: &mut Sources,
) -> Result<LoadedCatalog, LoadError> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let file = sources.add(SourceFile::new(path, text));
            let at = char_floor(&sources.get(file).text, valid);
            let finding = Finding::error(Code::TomlSyntax, "catalog.toml is not valid UTF-8")
                .at(Label::new(file, at..at).with_note("invalid byte here"))
                .help("save the file as UTF-8");
            return Err(invalid(path, vec![finding], sources));
        }
    };
    let file = sources.add(SourceFile::new(path, text));
    let text = &sources.get(file).text;
    // A byte-order mark is legal in a UTF-8 file but not in TOML. Three spaces take its three
    // bytes, so every span still points into the file as it is on disk.
    let parsed;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            parsed = format!("   {rest}");
            parsed.as_str()
        }
        None => text.as_str(),
    };
    let catalog = match toml::from_str::<Catalog>(text) {
        Ok(catalog) => catalog,
        Err(err) => {
            let finding = toml_finding(&err, text, file);
            return Err(invalid(path, vec![finding], sources));
        }
    };
    let findings = validate(&catalog, file);
    if findings.is_empty() {
        let dir = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
        Ok(LoadedCatalog { catalog, file, dir })
    } else {
        Err(invalid(path, findings, sources))
    }
}

fn invalid(path: &Path, findings: Vec<Finding>, sources: &mut Sources) -> LoadError {
    LoadError::Invalid(CatalogInvalid {
        path: path.to_owned(),
        findings,
        sources: std::mem::take(sources),
    })
}

fn char_floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Turns a `toml` error into a finding, classifying syntax vs schema and adding suggestions.
fn toml_finding(err: &toml::de::Error, text: &str, file: FileId) -> Finding {
    let span = err.span().unwrap_or(0..0);
    let syntax = text.parse::<toml::Table>().is_err();
    let code = if syntax {
        Code::TomlSyntax
    } else {
        Code::Schema
    };
    let message = err.message().trim_end().to_owned();
    let mut finding = Finding::error(code, message.clone()).at(Label::new(file, span));
    if let Some(help) = suggest::for_serde_message(&message) {
        finding = finding.help(help);
    }
    finding
}

/// Rules the types cannot express: ids, cross references, cell counts, line ranges.
fn validate(catalog: &Catalog, file: FileId) -> Vec<Finding> {
    let mut findings = Vec::new();
    let at = |s: Range<usize>| Label::new(file, s);
    if catalog.modules.is_empty() {
        findings.push(
            Finding::error(Code::Schema, "the catalog has no modules").help(
                "add a module: [modules.my-module] with name, path, use-case, cost, enable, does",
            ),
        );
    }
    let module_ids: Vec<&str> = catalog
        .modules
        .keys()
        .map(|k| k.get_ref().as_str())
        .collect();
    let unknown_module = |id: &Spanned<String>, what: &str| {
        let mut f = Finding::error(
            Code::Schema,
            format!(
                "{what} names module `{}`, which the catalog does not have",
                id.get_ref()
            ),
        )
        .at(at(id.span()));
        if let Some(best) = suggest::closest(id.get_ref(), module_ids.iter().copied()) {
            f = f.help(format!("did you mean `{best}`?"));
        }
        f
    };
    for (id, module) in &catalog.modules {
        for key in [id] {
            if !is_slug(key.get_ref()) {
                findings.push(
                    Finding::error(Code::Schema, format!("module id `{}` is not a valid id", key.get_ref()))
                        .at(at(key.span()))
                        .help("ids are lowercase letters, digits, `-` and `_`, starting with a letter or digit; they name the module's page"),
                );
            }
        }
        if let Some(example) = &module.example {
            if let Err(msg) = LineRange::parse(example.lines.get_ref()) {
                findings.push(
                    Finding::error(Code::Schema, format!("invalid line range: {msg}"))
                        .at(at(example.lines.span()))
                        .help("write the range as \"8-27\", or one line as \"12\""),
                );
            }
            if example.file.is_none() && catalog.guide.example.is_none() {
                findings.push(
                    Finding::error(
                        Code::Schema,
                        format!(
                            "module `{}` has an example reference but no example file",
                            id.get_ref()
                        ),
                    )
                    .at(at(example.lines.span()))
                    .help("set `file` in the reference, or `example` in [guide] for all modules"),
                );
            }
        }
    }
    for (id, comparison) in &catalog.comparisons {
        if let Some(module) = &comparison.module
            && catalog.module(module.get_ref()).is_none()
        {
            findings.push(unknown_module(
                module,
                &format!("comparison `{}`", id.get_ref()),
            ));
        }
        for row in &comparison.rows {
            let (want, have) = (comparison.columns.len(), row.get_ref().cells.len());
            if want != have {
                findings.push(
                    Finding::error(
                        Code::Schema,
                        format!(
                            "row `{}` has {have} cell(s) but comparison `{}` has {want} column(s)",
                            row.get_ref().feature,
                            id.get_ref()
                        ),
                    )
                    .at(at(row.span()))
                    .help(format!(
                        "give one cell per column: {}",
                        comparison.columns.join(", ")
                    )),
                );
            }
        }
    }
    for doc in &catalog.docs {
        for module in &doc.modules {
            if catalog.module(module.get_ref()).is_none() {
                findings.push(unknown_module(
                    module,
                    &format!("document `{}`", doc.path.get_ref()),
                ));
            }
        }
    }
    findings
}

/// Whether `id` is a valid module id: lowercase letters, digits, `-` and `_`, starting with a
/// letter or digit.
pub(crate) fn is_slug(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}
