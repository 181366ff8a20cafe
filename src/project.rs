//! A project as one run sees it: the catalog, the project root, every file read (once),
//! the example files' blocks, which environments use which module, and the findings.

use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use crate::catalog::{self, Catalog, CatalogInvalid, LineRange, LoadError};
use crate::containment::{Containment, relative_to};
use crate::diag::{Code, Finding, Label};
use crate::prose::ProseScan;
use crate::source::{FileId, SourceFile, Sources};
use crate::terraform::environments::{self, Usage};
use crate::terraform::module::{Detail, ModuleInterface, read_module, tf_files};
use crate::terraform::module_source::{ModuleSource, resolve};
use crate::terraform::{BlockScan, ModuleBlock, scan_module_blocks};

/// Why a cited file could not be read: the containment boundary's answer.
pub use crate::containment::Refusal as Unreadable;

/// An example file, read and scanned.
#[derive(Debug)]
pub struct ExampleFile {
    pub file: FileId,
    pub scan: BlockScan,
    /// Indices of `scan.blocks` by the module directory their `source` resolves to.
    pub by_module: HashMap<PathBuf, Vec<usize>>,
}

impl ExampleFile {
    fn new(file: FileId, scan: BlockScan, path: &Path) -> ExampleFile {
        let dir = path.parent().unwrap_or(Path::new(""));
        let mut by_module: HashMap<PathBuf, Vec<usize>> = HashMap::new();
        for (i, block) in scan.blocks.iter().enumerate() {
            if let Some(ModuleSource::Local(module)) =
                block.source.as_deref().map(|s| resolve(dir, s))
            {
                by_module.entry(module).or_default().push(i);
            }
        }
        ExampleFile {
            file,
            scan,
            by_module,
        }
    }

    /// The blocks instantiating the module in `dir`.
    pub fn blocks_of(&self, dir: &Path) -> impl Iterator<Item = &ModuleBlock> {
        let indices = self.by_module.get(dir).map_or(&[][..], Vec::as_slice);
        indices.iter().map(|&i| &self.scan.blocks[i])
    }

    /// The blocks overlapping `lines` (blocks are in file order and do not overlap).
    pub fn blocks_touching(&self, lines: LineRange) -> &[ModuleBlock] {
        let blocks = &self.scan.blocks;
        let start = blocks.partition_point(|b| b.lines.last < lines.first);
        let end = blocks.partition_point(|b| b.lines.first <= lines.last);
        &blocks[start..end.max(start)]
    }
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
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// A file could not be read at all.
    #[error("cannot read `{}`: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The catalog was refused by the containment boundary (a link that leads out, a FIFO).
    #[error("{}cannot read `{}`: {refusal}", escapes_prefix(refusal), path.display())]
    Refused {
        path: PathBuf,
        refusal: crate::containment::Refusal,
    },
    /// The catalog does not load.
    #[error(transparent)]
    Invalid(#[from] CatalogInvalid),
}

/// `[path-escapes-root] ` before a refusal that leads out of the root.
fn escapes_prefix(refusal: &Unreadable) -> String {
    if refusal.escapes() {
        format!("[{}] ", Code::PathEscapesRoot.as_str())
    } else {
        String::new()
    }
}

#[derive(Debug)]
pub struct Project {
    pub root: PathBuf,
    pub catalog: Catalog,
    pub catalog_file: FileId,
    pub sources: Sources,
    /// Example files by root-relative path, or why one could not be read.
    pub examples: HashMap<PathBuf, Result<ExampleFile, Unreadable>>,
    /// What may be read: the root and the directories the book allows.
    pub containment: Containment,
    /// Example references that point at an existing file, by module id.
    pub resolved: HashMap<String, ResolvedExample>,
    pub usage: Usage,
    /// Module blocks of environment `.tf` files that could not be read.
    pub environment_problems: environments::Problems,
    /// Paths under `environments-dir` the containment boundary refused: not read.
    pub environment_refused: environments::Refused,
    /// Markdown checked for prose references: files given to `check`, or book chapters.
    pub markdown: Vec<MarkdownDoc>,
    /// Interfaces of the catalog's modules and of every module an example block uses, by
    /// root-relative directory (a file that could not be read is in the interface's
    /// `refused`).
    pub interfaces: HashMap<PathBuf, ModuleInterface>,
    /// Answers of `is_module_dir`, which several checks ask about the same directories.
    module_dirs: Mutex<HashMap<PathBuf, bool>>,
    /// How much of each module is read: what the checks use, or what pages show too.
    detail: Detail,
}

/// A markdown text checked for prose references and cited paths.
#[derive(Debug)]
pub struct MarkdownDoc {
    pub file: FileId,
    /// The document's directory relative to the project root, for relative paths.
    pub dir: PathBuf,
    /// A book chapter: relative `.md`/`.html` links are mdBook's, not repository paths.
    pub chapter: bool,
    pub scan: ProseScan,
}

impl Project {
    /// Loads the catalog and everything it cites, modules in full. `root` defaults to the
    /// catalog's directory.
    pub fn load(catalog_path: &Path, root: Option<&Path>) -> Result<Project, OpenError> {
        Project::load_with(catalog_path, root, &[], Detail::Full)
    }

    /// [`Project::load`], also reading inside the `allowed` directories outside the root, and
    /// as much of each module as `detail` says.
    pub fn load_with(
        catalog_path: &Path,
        root: Option<&Path>,
        allowed: &[PathBuf],
        detail: Detail,
    ) -> Result<Project, OpenError> {
        let mut sources = Sources::default();
        // The root defaults to the catalog's directory; the catalog is read through the
        // boundary (book.toml or the command line names it; a link in its place may not lead
        // out).
        let root = root.map_or_else(
            || {
                catalog_path
                    .parent()
                    .map_or_else(PathBuf::new, Path::to_path_buf)
            },
            Path::to_path_buf,
        );
        let containment = Containment::new(&root, allowed);
        let bytes = match containment.read_named(catalog_path) {
            Ok(bytes) => bytes,
            Err(Unreadable::Missing) => {
                let error = std::io::Error::from(std::io::ErrorKind::NotFound);
                let path = catalog_path.to_path_buf();
                return Err(OpenError::Io { path, error });
            }
            Err(refusal) => {
                let path = catalog_path.to_path_buf();
                return Err(OpenError::Refused { path, refusal });
            }
        };
        let loaded = match catalog::load::parse(catalog_path, bytes, &mut sources) {
            Ok(loaded) => loaded,
            Err(LoadError::Io { path, error }) => return Err(OpenError::Io { path, error }),
            Err(LoadError::Invalid(invalid)) => return Err(invalid.into()),
        };
        let environments_dir = PathBuf::from(loaded.catalog.guide.environments_dir.get_ref());
        let environments =
            environments::module_usage(&containment, &environments_dir, &mut sources)
                .map_err(|(path, error)| OpenError::Io { path, error })?;
        let mut project = Project {
            root,
            catalog: loaded.catalog,
            catalog_file: loaded.file,
            sources,
            examples: HashMap::new(),
            containment,
            resolved: HashMap::new(),
            usage: environments.usage,
            environment_problems: environments.problems,
            environment_refused: environments.refused,
            markdown: Vec::new(),
            interfaces: HashMap::new(),
            module_dirs: Mutex::default(),
            detail,
        };
        project.read_examples();
        project.read_interfaces(project.catalog_modules());
        Ok(project)
    }

    /// A project with no catalog: only markdown given later is checked (modules are read for
    /// the checks only).
    pub fn without_catalog(root: &Path, allowed: &[PathBuf]) -> Project {
        let mut sources = Sources::default();
        let catalog_file = sources.add(SourceFile::new("(no catalog)", String::new()));
        Project {
            root: root.to_path_buf(),
            catalog: Catalog::empty(),
            catalog_file,
            sources,
            examples: HashMap::new(),
            containment: Containment::new(root, allowed),
            resolved: HashMap::new(),
            usage: Usage::new(),
            environment_problems: Vec::new(),
            environment_refused: Vec::new(),
            markdown: Vec::new(),
            interfaces: HashMap::new(),
            module_dirs: Mutex::default(),
            detail: Detail::Signatures,
        }
    }

    /// Adds a markdown text to check, reading the example files it references.
    /// `path` is where it lives on disk (shown in messages).
    pub fn add_markdown(&mut self, path: &Path, text: String, chapter: bool) {
        let scan = crate::prose::scan(&text);
        let dir = path
            .parent()
            .and_then(|d| relative_to(d, &self.root))
            .unwrap_or_default();
        let file = self.sources.add(SourceFile::new(path, text));
        let wanted: Vec<PathBuf> = scan
            .refs
            .iter()
            .filter_map(|r| self.resolve_in(&dir, &r.path))
            .filter(|path| !self.examples.contains_key(path))
            .collect();
        let mut modules = Vec::new();
        for path in wanted {
            self.load_example(&path);
            if let Some(Ok(example)) = self.examples.get(&path) {
                modules.extend(example.by_module.keys().cloned());
            }
        }
        self.markdown.push(MarkdownDoc {
            file,
            dir,
            chapter,
            scan,
        });
        // Only example files read just now can name modules not read yet.
        self.read_interfaces(modules);
    }

    /// The module directories the catalog names or a block of its example files uses.
    fn catalog_modules(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = self
            .catalog
            .modules
            .values()
            .filter_map(|m| self.cited(m.path.get_ref()))
            .collect();
        for example in self.examples.values().filter_map(|e| e.as_ref().ok()) {
            dirs.extend(example.by_module.keys().cloned());
        }
        dirs
    }

    /// Reads the interface of each of `dirs` (root-relative) not read yet, once.
    fn read_interfaces(&mut self, mut dirs: Vec<PathBuf>) {
        dirs.sort();
        dirs.dedup();
        let known_not_module = |dir: &PathBuf| {
            self.module_dirs
                .lock()
                .is_ok_and(|known| known.get(dir) == Some(&false))
        };
        dirs.retain(|dir| !self.interfaces.contains_key(dir) && !known_not_module(dir));
        // Modules are independent: resolve, list and parse them in parallel, each into its own
        // sources, then register those sources here in a fixed order.
        let (detail, containment) = (self.detail, &self.containment);
        let read: Vec<_> = dirs
            .into_par_iter()
            .map(|dir| {
                let mut sources = Sources::default();
                // A directory the boundary refuses (a link that leads out) is not a module.
                let interface = read_module(containment, &dir, detail, &mut sources);
                (dir, interface, sources)
            })
            .collect();
        for (dir, interface, sources) in read {
            // Listing the directory answered whether it is a module.
            if let Ok(mut known) = self.module_dirs.lock() {
                known.insert(dir.clone(), interface.is_some());
            }
            let Some(mut interface) = interface else {
                continue;
            };
            let offset = self.sources.append(sources);
            for (file, _, _) in &mut interface.problems {
                file.0 += offset;
            }
            self.interfaces.insert(dir, interface);
        }
    }

    /// The interface of the module in `dir` (root-relative), if it was read.
    pub fn interface(&self, dir: &Path) -> Option<&ModuleInterface> {
        self.interfaces.get(dir)
    }

    /// Every module block that some reference (catalog or prose) touches: example path and
    /// the block's first line, sorted.
    pub fn touched_blocks(&self) -> BTreeSet<(PathBuf, usize)> {
        let mut touched = BTreeSet::new();
        let mut mark = |path: &Path, cited: LineRange| {
            if let Some(Ok(example)) = self.examples.get(path) {
                for block in example.blocks_touching(cited) {
                    touched.insert((path.to_path_buf(), block.lines.first));
                }
            }
        };
        for resolved in self.resolved.values() {
            mark(&resolved.path, resolved.lines);
        }
        for doc in &self.markdown {
            for r in &doc.scan.refs {
                if let Some(path) = self.resolve_in(&doc.dir, &r.path) {
                    mark(&path, r.lines);
                }
            }
        }
        touched
    }

    /// A path written in a markdown document in `dir`: a leading `/` means the project root;
    /// otherwise relative to the document, or to the root when only that exists.
    pub fn resolve_in(&self, dir: &Path, written: &str) -> Option<PathBuf> {
        if written.starts_with('/') {
            return self.cited(written);
        }
        let beside = self.containment.place(&dir.join(written));
        match (&beside, self.cited(written)) {
            (Some(b), _) if self.root.join(b).exists() => beside,
            (_, Some(r)) if self.root.join(&r).exists() => Some(r),
            _ => beside,
        }
    }

    /// Reads and scans an example file (root-relative) once.
    pub fn load_example(&mut self, path: &Path) {
        if self.examples.contains_key(path) {
            return;
        }
        let full = self.containment.shown(path);
        let text = self.containment.read_string(path);
        let example = text.map(|text| {
            let file = self.sources.add(SourceFile::new(&full, text));
            let scan = scan_module_blocks(self.sources.get(file));
            ExampleFile::new(file, scan, path)
        });
        self.examples.insert(path.to_path_buf(), example);
    }

    /// Whether `path` (root-relative) is a directory holding `.tf` files; asked once per path.
    pub fn is_module_dir(&self, path: &Path) -> bool {
        let cached = |dirs: &Mutex<HashMap<PathBuf, bool>>| {
            dirs.lock().ok().and_then(|d| d.get(path).copied())
        };
        if let Some(known) = cached(&self.module_dirs) {
            return known;
        }
        let answer = self.read_is_module_dir(path);
        if let Ok(mut dirs) = self.module_dirs.lock() {
            dirs.insert(path.to_path_buf(), answer);
        }
        answer
    }

    fn read_is_module_dir(&self, path: &Path) -> bool {
        tf_files(&self.containment, path).is_some()
    }

    /// A path as cited in the guide (`/docs/x.md` or `docs/x.md`), relative to the root (or
    /// absolute, in an allowed directory). `None` when it climbs out.
    pub fn cited(&self, cited: &str) -> Option<PathBuf> {
        self.containment
            .place(Path::new(cited.trim_start_matches('/')))
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
            self.load_example(&path);
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

    /// The module's name relative to the modules directory ("ml/mlflow"), compared by
    /// whole components (`terraform/modules-old/x` is not under `terraform/modules`); the
    /// path as written when it is not under it, or is the modules directory itself.
    pub fn module_name(&self, path: &str) -> String {
        let dir = Path::new(self.catalog.guide.modules_dir.trim_start_matches('/'));
        Path::new(path.trim_start_matches('/'))
            .strip_prefix(dir)
            .ok()
            .map(|p| p.to_string_lossy().into_owned())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| path.to_owned())
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
            Code::PathEscapesRoot,
            format!("`{cited}` points outside the project root"),
        )
        .at(self.at_catalog(span))
        .help("cite paths inside the project; a leading `/` means the project root")
    }
}
