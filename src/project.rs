//! A project as one run sees it: the catalog, the project root, every file read (once),
//! the example files' blocks, which environments use which module, and the findings.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::catalog::{self, Catalog, LineRange, LoadError};
use crate::diag::{Code, Finding, Label};
use crate::source::{FileId, SourceFile, Sources};
use crate::terraform::environments::{self, Usage};
use crate::terraform::module_source::normalize;
use crate::terraform::{BlockScan, scan_module_blocks};

/// An example file, read and scanned.
#[derive(Debug)]
pub struct ExampleFile {
    pub file: FileId,
    pub scan: BlockScan,
}

/// A module's example reference, resolved against the example file.
#[derive(Debug, Clone)]
pub struct ResolvedExample {
    /// The path as the guide writes it, with a leading `/` for the project root.
    pub cited: String,
    /// The path relative to the project root.
    pub path: PathBuf,
    pub file: FileId,
    pub lines: LineRange,
}

/// Why a project could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// A file could not be read at all.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The catalog is not usable; the findings say why and `sources` holds their files.
    Invalid {
        findings: Vec<Finding>,
        sources: Sources,
    },
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Io { path, error } => write!(f, "cannot read `{}`: {error}", path.display()),
            OpenError::Invalid { findings, .. } => {
                write!(f, "the catalog has {} error(s)", findings.len())
            }
        }
    }
}

impl std::error::Error for OpenError {}

#[derive(Debug)]
pub struct Project {
    pub root: PathBuf,
    pub catalog: Catalog,
    pub catalog_file: FileId,
    pub sources: Sources,
    /// Example files by root-relative path, or why one could not be read.
    pub examples: HashMap<PathBuf, Result<ExampleFile, String>>,
    /// Example references that point at an existing file, by module id.
    pub resolved: HashMap<String, ResolvedExample>,
    pub usage: Usage,
    /// Module blocks of environment `.tf` files that could not be read.
    pub environment_problems: environments::Problems,
}

impl Project {
    /// Loads the catalog and everything it cites. `root` defaults to the catalog's directory.
    pub fn load(catalog_path: &Path, root: Option<&Path>) -> Result<Project, OpenError> {
        let mut sources = Sources::default();
        let loaded = match catalog::load(catalog_path, &mut sources) {
            Ok(loaded) => loaded,
            Err(LoadError::Io { path, error }) => return Err(OpenError::Io { path, error }),
            Err(LoadError::Invalid(findings)) => {
                return Err(OpenError::Invalid { findings, sources });
            }
        };
        let root = root.map_or_else(|| loaded.dir.clone(), Path::to_path_buf);
        let environments_dir = PathBuf::from(&loaded.catalog.guide.environments_dir);
        let (usage, environment_problems) =
            environments::module_usage(&root, &environments_dir, &mut sources)
                .map_err(|(path, error)| OpenError::Io { path, error })?;
        let mut project = Project {
            root,
            catalog: loaded.catalog,
            catalog_file: loaded.file,
            sources,
            examples: HashMap::new(),
            resolved: HashMap::new(),
            usage,
            environment_problems,
        };
        project.read_examples();
        Ok(project)
    }

    /// A path as cited in the guide (`/docs/x.md` or `docs/x.md`), relative to the root.
    /// `None` when it climbs out of the root.
    pub fn cited(&self, cited: &str) -> Option<PathBuf> {
        normalize(Path::new(cited.trim_start_matches('/')))
    }

    /// Reads each example file the catalog cites, once.
    fn read_examples(&mut self) {
        let mut wanted = Vec::new();
        for (id, module) in &self.catalog.modules {
            let Some(example) = &module.example else {
                continue;
            };
            let Some(file) = example
                .file
                .as_ref()
                .or(self.catalog.guide.example.as_ref())
            else {
                continue;
            };
            let Ok(lines) = LineRange::parse(example.lines.get_ref()) else {
                continue;
            };
            wanted.push((id.get_ref().clone(), file.get_ref().clone(), lines));
        }
        for (id, cited, lines) in wanted {
            let Some(path) = self.cited(&cited) else {
                continue;
            };
            if !self.examples.contains_key(&path) {
                let example = std::fs::read(self.root.join(&path))
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| {
                        String::from_utf8(bytes).map_err(|e| format!("not valid UTF-8 ({e})"))
                    })
                    .map(|text| {
                        let file = self
                            .sources
                            .add(SourceFile::new(self.root.join(&path), text));
                        let scan = scan_module_blocks(self.sources.get(file));
                        ExampleFile { file, scan }
                    });
                self.examples.insert(path.clone(), example);
            }
            if let Some(Ok(example)) = self.examples.get(&path) {
                let file = example.file;
                self.resolved.insert(
                    id,
                    ResolvedExample {
                        cited: cited.clone(),
                        path,
                        file,
                        lines,
                    },
                );
            }
        }
    }

    /// A label on a span of catalog.toml.
    pub fn at_catalog(&self, span: std::ops::Range<usize>) -> Label {
        Label::new(self.catalog_file, span)
    }

    /// The module's name relative to the modules directory ("ml/mlflow").
    pub fn module_name(&self, path: &str) -> String {
        let dir = self.catalog.guide.modules_dir.trim_end_matches('/');
        path.trim_start_matches('/')
            .strip_prefix(dir)
            .map_or(path, |p| p.trim_start_matches('/'))
            .to_owned()
    }

    /// Environments in which the module at `path` is instantiated.
    pub fn environments_of(&self, path: &str) -> &[String] {
        self.cited(path)
            .and_then(|p| self.usage.get(&p))
            .map_or(&[], Vec::as_slice)
    }

    /// A finding for a path that climbs out of the project root.
    pub fn escapes_root(&self, span: std::ops::Range<usize>, cited: &str) -> Finding {
        Finding::error(
            Code::BrokenPath,
            format!("`{cited}` points outside the project root"),
        )
        .at(self.at_catalog(span))
        .help("cite paths inside the project; a leading `/` means the project root")
    }
}
