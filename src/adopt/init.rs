//! `mdbook-catalog init`: scaffolds `catalog.toml` from an existing repository. Every module
//! under the modules directory gets an entry: its example block's location, its description
//! from the README's first paragraph, and `TODO` where a person must write (cost, when to
//! use it).
//!
//! Two layouts are understood. The seed's: modules under `terraform/modules/`, commented
//! example blocks in `*.tf.example` files. The terraform-aws-modules one: a module at the
//! root, `modules/*` beside it, and live `module` blocks in `examples/*/*.tf` whose `source`
//! is `../../` or `../../modules/x`. Without `--modules-dir`, the first is tried, then the
//! second when the root holds `.tf` files.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use globset::{Glob, GlobSet, GlobSetBuilder};
use toml_edit::{DocumentMut, InlineTable, Item, Table, value};

use crate::containment::{Containment, Refusal};
use crate::source::SourceFile;
use crate::terraform::module_source::{ModuleSource, resolve};
use crate::terraform::scan_module_blocks;

/// Directories never searched for example files.
const SKIP: [&str; 6] = [
    ".git",
    "target",
    "node_modules",
    "book",
    ".terraform",
    "fuzz",
];

/// Where modules live unless `--modules-dir` says otherwise (the seed's layout).
pub const DEFAULT_MODULES_DIR: &str = "terraform/modules";

/// A module found in the tree, with its example block if one exists. `dir` is relative to
/// the root; the root module's is empty (as `resolve` gives it for `source = "../../"`).
#[derive(Debug)]
struct Found {
    dir: PathBuf,
    example: Option<Example>,
}

/// A module block that instantiates a module: the file (root-relative), its lines, its
/// label, and whether other blocks of the same file instantiate the module too.
#[derive(Debug, Clone)]
struct Example {
    file: PathBuf,
    first: usize,
    last: usize,
    label: String,
    shared: bool,
}

/// What `init` is asked to do.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Where the modules live, relative to the root; `None` finds out (see the module doc).
    pub modules_dir: Option<String>,
    /// Globs of module directories to catalog (all when empty).
    pub include: Vec<String>,
    /// Globs of module directories to leave out.
    pub exclude: Vec<String>,
}

/// What `init` wrote, and what it chose that the user should know.
#[derive(Debug)]
pub struct Initialized {
    pub catalog: PathBuf,
    pub notes: Vec<String>,
}

/// Writes `root/catalog.toml` (and the schema beside it); refuses to overwrite a catalog.
pub fn init(root: &Path, options: &Options) -> Result<Initialized> {
    let target = root.join("catalog.toml");
    if target.exists() {
        bail!(
            "`{}` exists; init writes a new catalog only (remove it, or edit it by hand)",
            target.display()
        );
    }
    let filter = Filter::new(options)?;
    let mut notes = Vec::new();
    let (modules_dir, modules) = match &options.modules_dir {
        Some(dir) => (dir.clone(), find_modules(root, Path::new(dir))?),
        None => {
            let seed = find_modules(root, Path::new(DEFAULT_MODULES_DIR))?;
            if seed.is_empty() && has_tf(root) {
                notes.push(format!(
                    "no module under `{DEFAULT_MODULES_DIR}`, and the root holds .tf files: \
                     cataloging the root module and `modules/*` beside it, with examples from \
                     `examples/` (the terraform-aws-modules layout); `--modules-dir` chooses \
                     another directory"
                ));
                (".".to_owned(), find_modules(root, Path::new("."))?)
            } else {
                (DEFAULT_MODULES_DIR.to_owned(), seed)
            }
        }
    };
    if modules.is_empty() {
        bail!(
            "no module (a directory with .tf files) under `{}`\nhelp: {}",
            shown_dir(root, &modules_dir),
            where_modules_are(root)
        );
    }
    let found = modules.len();
    let modules: Vec<Found> = modules
        .into_iter()
        .filter(|m| filter.keeps(&m.dir, Path::new(&modules_dir)))
        .collect();
    notes.extend(filter.unused(root, &modules_dir));
    if modules.is_empty() {
        bail!(
            "{found} module(s) under `{}`, but --include / --exclude leave none\nhelp: globs \
             match module directories relative to the root (`modules/*`, \
             `terraform/modules/ml/**`) or to the modules directory (`ml/*`); the root module \
             is `.`",
            shown_dir(root, &modules_dir),
        );
    }
    // Everything init reads is repository content: it goes through the boundary.
    let containment = Containment::new(root, &[]);
    let mut sources = crate::source::Sources::default();
    let environments = environments_dir(root, &modules_dir);
    let environments = environments.as_path();
    let usage =
        crate::terraform::environments::module_usage(&containment, environments, &mut sources)
            .map_err(|(path, error)| {
                anyhow::anyhow!(
                    "cannot read `{}`: {error}\nhelp: make it readable, or move it out of \
                     `{}`",
                    path.display(),
                    environments.display()
                )
            })?;
    if let Some((path, refusal)) = usage.refused.first() {
        bail!("{}", refused(&containment, path, refusal));
    }
    let text = catalog_text(root, &modules_dir, environments, &modules, &usage.usage)?;
    crate::write::write_new(&target, &text)?;
    let schema = root.join("catalog.schema.json");
    if !schema.exists() {
        crate::write::write_new(&schema, &crate::catalog::schema::json())?;
    }
    Ok(Initialized {
        catalog: target,
        notes,
    })
}

/// Where environments live unless the catalog says otherwise.
const DEFAULT_ENVIRONMENTS_DIR: &str = "terraform/environments";

/// The directory whose subdirectories are environments (root-relative): the default when it
/// exists, else `environments` or `envs` beside the modules directory or at the root.
fn environments_dir(root: &Path, modules_dir: &str) -> PathBuf {
    let beside = Path::new(modules_dir)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf);
    let mut candidates = vec![PathBuf::from(DEFAULT_ENVIRONMENTS_DIR)];
    for base in beside.iter().chain([&PathBuf::new()]) {
        candidates.push(base.join("environments"));
        candidates.push(base.join("envs"));
    }
    candidates
        .into_iter()
        .find(|c| {
            // Not followed out of the root: a directory entry that is a real directory.
            std::fs::symlink_metadata(root.join(c)).is_ok_and(|m| m.is_dir())
        })
        .unwrap_or_else(|| PathBuf::from(DEFAULT_ENVIRONMENTS_DIR))
}

/// The modules directory as the user knows it: `terraform/modules` under the root, or the
/// root itself for `.`.
fn shown_dir(root: &Path, modules_dir: &str) -> String {
    let dir = Path::new(modules_dir);
    if dir.as_os_str().is_empty() || dir == Path::new(".") {
        root.display().to_string()
    } else {
        root.join(dir).display().to_string()
    }
}

/// `--include` and `--exclude`, compiled.
struct Filter {
    include: Vec<(String, GlobSet)>,
    exclude: Vec<(String, GlobSet)>,
    /// Which globs (include, then exclude) matched a module.
    used: std::cell::RefCell<Vec<bool>>,
}

impl Filter {
    fn new(options: &Options) -> Result<Filter> {
        let compile = |flag: &str, globs: &[String]| -> Result<Vec<(String, GlobSet)>> {
            globs
                .iter()
                .map(|glob| {
                    let compiled = Glob::new(glob.trim_start_matches("./")).map_err(|err| {
                        anyhow::anyhow!(
                            "`{flag} {glob}` is not a glob: {}\nhelp: write a glob of module \
                             directories such as `modules/*` or `terraform/modules/ml/**`",
                            err.kind()
                        )
                    })?;
                    let mut set = GlobSetBuilder::new();
                    set.add(compiled);
                    let set = set
                        .build()
                        .with_context(|| format!("`{flag} {glob}` is not a glob"))?;
                    Ok((glob.clone(), set))
                })
                .collect()
        };
        let include = compile("--include", &options.include)?;
        let exclude = compile("--exclude", &options.exclude)?;
        let used = std::cell::RefCell::new(vec![false; include.len() + exclude.len()]);
        Ok(Filter {
            include,
            exclude,
            used,
        })
    }

    /// Whether the module in `dir` (root-relative, empty for the root) is cataloged: some
    /// `--include` glob matches it (or there is none) and no `--exclude` glob does. A glob
    /// matches the root-relative path (`.` for the root module) or the path relative to
    /// the modules directory.
    fn keeps(&self, dir: &Path, modules_dir: &Path) -> bool {
        let shown = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir.to_path_buf()
        };
        let mut names = vec![shown];
        if let Ok(inner) = dir.strip_prefix(modules_dir.strip_prefix(".").unwrap_or(modules_dir))
            && !inner.as_os_str().is_empty()
            && inner != dir
        {
            names.push(inner.to_path_buf());
        }
        let mut used = self.used.borrow_mut();
        let mut matches = |offset: usize, globs: &[(String, GlobSet)]| -> bool {
            let mut any = false;
            for (i, (_, set)) in globs.iter().enumerate() {
                if names.iter().any(|n| set.is_match(n)) {
                    used[offset + i] = true;
                    any = true;
                }
            }
            any
        };
        // `|`, not `||`: every glob that matches is marked used.
        let included = self.include.is_empty() | matches(0, &self.include);
        let excluded = matches(self.include.len(), &self.exclude);
        included && !excluded
    }

    /// A note for each glob that matched no module (a typo, most likely).
    fn unused(&self, root: &Path, modules_dir: &str) -> Vec<String> {
        let used = self.used.borrow();
        let flags = self
            .include
            .iter()
            .map(|g| ("--include", &g.0))
            .chain(self.exclude.iter().map(|g| ("--exclude", &g.0)));
        flags
            .zip(used.iter())
            .filter(|(_, used)| !**used)
            .map(|((flag, glob), _)| {
                format!(
                    "`{flag} {glob}` matches no module under `{}`; globs match module \
                     directories relative to the root or to the modules directory",
                    shown_dir(root, modules_dir)
                )
            })
            .collect()
    }
}

/// A hint for `init` run where its modules directory holds nothing: the root itself is a
/// module (the terraform-aws-modules layout), or these directories hold `.tf` files.
fn where_modules_are(root: &Path) -> String {
    if has_tf(root) {
        return "the root holds .tf files, so it is a module itself (with `modules/*` beside \
                it, the terraform-aws-modules layout): run `mdbook-catalog init --modules-dir .`"
            .to_owned();
    }
    // Directories holding modules, by how many: one named `modules` first, then the one
    // with the most; one inside another listed is left out (`modules/ml` under `modules`).
    let mut parents: Vec<(PathBuf, usize)> = Vec::new();
    let _ = walk(root, &mut |dir| {
        if has_tf(dir)
            && let Some(parent) = dir.parent().and_then(|p| p.strip_prefix(root).ok())
        {
            match parents.iter_mut().find(|(p, _)| p == parent) {
                Some((_, count)) => *count += 1,
                None => parents.push((parent.to_path_buf(), 1)),
            }
        }
    });
    let all: Vec<PathBuf> = parents.iter().map(|(p, _)| p.clone()).collect();
    parents.retain(|(p, _)| {
        !p.as_os_str().is_empty()
            && !all
                .iter()
                .any(|q| q != p && !q.as_os_str().is_empty() && p.starts_with(q))
    });
    parents.sort_by_key(|(p, count)| {
        (
            p.file_name().is_none_or(|n| n != "modules"),
            usize::MAX - count,
        )
    });
    let parents: Vec<PathBuf> = parents.into_iter().map(|(p, _)| p).collect();
    match parents.first() {
        Some(first) => format!(
            "directories with .tf files are under {}: run `mdbook-catalog init --modules-dir {}`",
            parents
                .iter()
                .take(3)
                .map(|p| format!("`{}`", p.display()))
                .collect::<Vec<_>>()
                .join(", "),
            first.display()
        ),
        None => "no directory here holds .tf files; run init at the repository's root".to_owned(),
    }
}

fn has_tf(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "tf"))
    })
}

fn find_modules(root: &Path, modules_dir: &Path) -> Result<Vec<Found>> {
    let mut dirs = Vec::new();
    // The root as the modules directory: the root module, and its `modules/*` each a module
    // of its own (examples and tests use modules; they are not modules of the guide).
    let at_root = modules_dir.as_os_str().is_empty() || modules_dir == Path::new(".");
    if at_root && has_tf(root) {
        dirs.push(PathBuf::new());
    }
    let below = if at_root {
        root.join("modules")
    } else {
        root.join(modules_dir)
    };
    walk(&below, &mut |path| {
        let has_tf = has_tf(path);
        // A module's own sub-modules (`modules/x/modules/y`) belong to it.
        let nested = dirs
            .iter()
            .filter(|d| !d.as_os_str().is_empty())
            .any(|d: &PathBuf| path.starts_with(root.join(d)));
        if has_tf
            && !nested
            && let Ok(rel) = path.strip_prefix(root)
        {
            dirs.push(rel.to_path_buf());
        }
    })?;
    dirs.sort();
    let mut found: Vec<Found> = dirs
        .into_iter()
        .map(|dir| Found { dir, example: None })
        .collect();
    let containment = Containment::new(root, &[]);
    for path in example_files(root)? {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let text = match containment.read_string(rel) {
            Ok(text) => text,
            Err(refusal) if reported(&refusal) => bail!("{}", refused(&containment, rel, &refusal)),
            Err(_) => continue,
        };
        let file_dir = rel.parent().unwrap_or(Path::new(""));
        let blocks = scan_module_blocks(&SourceFile::new(&path, text)).blocks;
        let targets: Vec<Option<PathBuf>> = blocks
            .iter()
            .map(
                |block| match block.source.as_deref().map(|s| resolve(file_dir, s)) {
                    Some(ModuleSource::Local(dir)) => Some(dir),
                    _ => None,
                },
            )
            .collect();
        for (block, target) in blocks.iter().zip(&targets) {
            let Some(dir) = target else {
                continue;
            };
            let Some(module) = found.iter_mut().find(|f| &f.dir == dir) else {
                continue;
            };
            let candidate = Example {
                file: rel.to_path_buf(),
                first: block.lines.first,
                last: block.lines.last,
                label: block.label.clone(),
                shared: targets.iter().filter(|t| t.as_ref() == Some(dir)).count() > 1,
            };
            let better = match &module.example {
                None => true,
                Some(current) => rank(&candidate, dir) < rank(current, dir),
            };
            if better {
                module.example = Some(candidate);
            }
        }
    }
    Ok(found)
}

/// Which example of the module in `dir` the catalog cites, lowest first: a commented block
/// in a `.tf.example` file (written for readers), then a block in an example directory
/// named after the module (`examples/part` for `modules/part`), then one its file holds
/// alone; ties go to the first file in path order (the caller visits files in that order).
fn rank(example: &Example, dir: &Path) -> (bool, bool, bool) {
    let tf_example = example
        .file
        .file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(".tf.example"));
    let named = dir.file_name().is_some_and(|name| {
        example
            .file
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|parent| parent == name)
    });
    (!tf_example, !named, example.shared)
}

/// Files that may hold example blocks, in path order: every `*.tf.example` file, and the
/// `.tf` files of directories under an `examples` directory (`examples/complete/main.tf`).
fn example_files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    walk(root, &mut |dir| {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let in_examples = dir
            .strip_prefix(root)
            .is_ok_and(|rel| rel.components().any(|c| c.as_os_str() == "examples"));
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            // Not `is_file()`: a FIFO or a link that leads out is refused when read.
            let wanted = name.ends_with(".tf.example") || (in_examples && name.ends_with(".tf"));
            if wanted && !entry.file_type().is_ok_and(|t| t.is_dir()) && !entry.path().is_dir() {
                files.push(entry.path());
            }
        }
    })?;
    files.sort();
    Ok(files)
}

/// Calls `visit` on `dir` and every directory below it, skipping build and VCS folders.
fn walk(dir: &Path, visit: &mut dyn FnMut(&Path)) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    visit(dir);
    let mut children: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read `{}`", dir.display()))?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| !SKIP.contains(&e.file_name().to_string_lossy().as_ref()))
        .map(|e| e.path())
        .collect();
    children.sort();
    for child in children {
        walk(&child, visit)?;
    }
    Ok(())
}

/// Whether a refusal fails `init` (a link that leads out, a FIFO) rather than meaning
/// "no such file" (missing, dangling).
fn reported(refusal: &Refusal) -> bool {
    refusal.escapes()
        || matches!(refusal, Refusal::WrongKind { found, .. } if *found != "a directory")
}

/// The error for a path the boundary refused.
fn refused(containment: &Containment, path: &Path, refusal: &Refusal) -> String {
    let code = if refusal.escapes() {
        "[path-escapes-root] "
    } else {
        ""
    };
    format!(
        "{code}cannot read `{}`: {refusal}",
        crate::source::display_path(&containment.shown(path)).display()
    )
}

/// The README's title and first paragraph, when there is a README. `dir` is the module's
/// directory relative to `root`.
fn readme(root: &Path, dir: &Path) -> Result<(Option<String>, Option<String>)> {
    let containment = Containment::new(root, &[]);
    let path = dir.join("README.md");
    let text = match containment.read_string(&path) {
        Ok(text) => text,
        Err(refusal) if reported(&refusal) => bail!("{}", refused(&containment, &path, &refusal)),
        Err(_) => return Ok((None, None)),
    };
    let mut title = None;
    let mut paragraph = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(heading) = trimmed.strip_prefix("# ")
            && title.is_none()
            && paragraph.is_empty()
        {
            title = Some(heading.trim().to_owned());
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("```") {
            if paragraph.is_empty() {
                continue;
            }
            break;
        }
        paragraph.push(trimmed);
    }
    let paragraph = (!paragraph.is_empty()).then(|| paragraph.join(" "));
    Ok((title, paragraph))
}

/// An id for the module in `dir` that the catalog accepts and `taken` does not hold: the
/// directory's name in lowercase, other characters made `-` and none leading; its whole
/// path when the name is taken (`Cache` and `cache`); then with a number (`cache-2`).
fn module_id(dir: &Path, taken: &std::collections::HashSet<String>) -> String {
    let slug = |text: &str| -> String {
        let id: String = text
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        id.trim_start_matches('-').to_owned()
    };
    let name = dir
        .file_name()
        .map(|n| slug(&n.to_string_lossy()))
        .filter(|id| !id.is_empty())
        .unwrap_or_else(|| "module".to_owned());
    let path = slug(&dir.to_string_lossy());
    let id = [name.clone(), path]
        .into_iter()
        .find(|id| !id.is_empty() && !taken.contains(id))
        .unwrap_or_else(|| {
            (2..)
                .map(|n| format!("{name}-{n}"))
                .find(|id| !taken.contains(id))
                .expect("a free number")
        });
    debug_assert!(crate::catalog::load::is_slug(&id), "{id}");
    id
}

fn catalog_text(
    root: &Path,
    modules_dir: &str,
    environments: &Path,
    modules: &[Found],
    usage: &crate::terraform::environments::Usage,
) -> Result<String> {
    let mut doc = DocumentMut::new();
    let mut guide = Table::new();
    let root_name = std::path::absolute(root)
        .map(|p| crate::containment::normalize_absolute(&p))
        .ok()
        .and_then(|p| p.file_name().map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("modules"));
    let title = match readme(root, Path::new("."))? {
        (Some(title), _) => title,
        _ => format!("{} modules", root_name.display()),
    };
    guide["title"] = value(title);
    guide["intro"] = value("TODO: what these modules are for and who should read this guide.");
    guide["modules-dir"] = value(modules_dir);
    let examples: Vec<&PathBuf> = modules
        .iter()
        .filter_map(|m| m.example.as_ref().map(|e| &e.file))
        .collect();
    let default_example = examples
        .first()
        .copied()
        .filter(|first| examples.iter().all(|e| e == first));
    if let Some(example) = default_example {
        guide["example"] = value(format!("/{}", example.display()));
    }
    if environments != Path::new(DEFAULT_ENVIRONMENTS_DIR) {
        // Not the default: said in the catalog, so `check` and the pages read the same tree.
        guide["environments-dir"] = value(environments.to_string_lossy().into_owned());
    }
    doc["guide"] = Item::Table(guide);
    let mut table = Table::new();
    table.set_implicit(true);
    let mut ids: std::collections::HashSet<String> = std::collections::HashSet::new();
    for module in modules {
        // The root module is named after the repository's directory.
        let at_root = module.dir.as_os_str().is_empty();
        let dir = if at_root { &root_name } else { &module.dir };
        let last = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = module_id(dir, &ids);
        ids.insert(id.clone());
        let (title, paragraph) = readme(root, &module.dir)?;
        let mut entry = Table::new();
        entry["name"] = value(title.unwrap_or_else(|| last.clone()));
        entry["path"] = value(if at_root {
            ".".to_owned()
        } else {
            module.dir.to_string_lossy().into_owned()
        });
        if at_root && !last.is_empty() {
            // The quick reference lists a module by its directory's name; the root's is ".".
            entry["short"] = value(last.clone());
        }
        entry["use-case"] = value("TODO");
        entry["cost"] = value("TODO");
        entry["enable"] = value("TODO");
        entry["does"] =
            value(paragraph.unwrap_or_else(|| "TODO: what the module does.".to_owned()));
        if usage.contains_key(&module.dir) {
            entry["status"] = value("active");
        }
        if let Some(found) = &module.example {
            let mut example = InlineTable::new();
            if default_example.is_none() {
                example.insert("file", format!("/{}", found.file.display()).into());
            }
            example.insert("lines", format!("{}-{}", found.first, found.last).into());
            if found.shared {
                // Other blocks of the file instantiate the module too: pin this one.
                example.insert("label", found.label.as_str().into());
            }
            entry["example"] = value(example);
        }
        table.insert(&id, Item::Table(entry));
    }
    doc["modules"] = Item::Table(table);
    Ok(format!(
        "#:schema ./catalog.schema.json\n# Scaffolded by `mdbook-catalog init`: replace every TODO, then run `mdbook-catalog check`.\n\n{doc}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_ids_are_valid_and_unique() {
        let mut taken = std::collections::HashSet::new();
        let mut ids = Vec::new();
        for dir in [
            "m/_internal",
            "m/Cache",
            "m/cache",
            "m/CACHE",
            "m/--",
            "m/caché",
        ] {
            let id = module_id(Path::new(dir), &taken);
            assert!(crate::catalog::load::is_slug(&id), "{dir}: {id}");
            assert!(taken.insert(id.clone()), "{dir}: {id} twice");
            ids.push(id);
        }
        assert_eq!(
            ids,
            ["internal", "cache", "m-cache", "cache-2", "module", "cach-"]
        );
    }
}
