//! `mdbook-catalog init`: scaffolds `catalog.toml` from an existing repository. Every module
//! under the modules directory gets an entry: its example block's location in any
//! `*.tf.example` file, its description from the README's first paragraph, and `TODO`
//! where a person must write (cost, when to use it).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
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

/// A module found in the tree, with its example block if one exists.
#[derive(Debug)]
struct Found {
    dir: PathBuf,
    example: Option<(PathBuf, usize, usize)>,
}

/// Writes `root/catalog.toml` (and the schema beside it); refuses to overwrite a catalog.
pub fn init(root: &Path, modules_dir: &str) -> Result<PathBuf> {
    let target = root.join("catalog.toml");
    if target.exists() {
        bail!(
            "`{}` exists; init writes a new catalog only",
            target.display()
        );
    }
    // Everything init reads is repository content: it goes through the boundary.
    let containment = Containment::new(root, &[]);
    let modules = find_modules(root, Path::new(modules_dir))?;
    if modules.is_empty() {
        bail!(
            "no module (a directory with .tf files) under `{}`\nhelp: {}",
            root.join(modules_dir).display(),
            where_modules_are(root)
        );
    }
    let mut sources = crate::source::Sources::default();
    let environments = Path::new("terraform/environments");
    let found =
        crate::terraform::environments::module_usage(&containment, environments, &mut sources)
            .map_err(|(path, error)| {
                anyhow::anyhow!("cannot read `{}`: {error}", path.display())
            })?;
    if let Some((path, refusal)) = found.refused.first() {
        bail!("{}", refused(&containment, path, refusal));
    }
    let usage = found.usage;
    let text = catalog_text(root, modules_dir, &modules, &usage)?;
    crate::fix::write_new(&target, &text)?;
    let schema = root.join("catalog.schema.json");
    if !schema.exists() {
        crate::fix::write_new(&schema, &crate::catalog::schema::json())?;
    }
    Ok(target)
}

/// A hint for `init` run where its modules directory holds nothing: the root itself is a
/// module (the terraform-aws-modules layout), or these directories hold `.tf` files.
fn where_modules_are(root: &Path) -> String {
    if has_tf(root) {
        return "the root holds .tf files, so it is a module itself (with `modules/*` beside \
                it, the terraform-aws-modules layout): run `mdbook-catalog init --modules-dir .`"
            .to_owned();
    }
    let mut parents: Vec<PathBuf> = Vec::new();
    let _ = walk(root, &mut |dir| {
        if has_tf(dir)
            && let Some(parent) = dir.parent().and_then(|p| p.strip_prefix(root).ok())
            && !parents.iter().any(|p| p == parent)
        {
            parents.push(parent.to_path_buf());
        }
    });
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
        dirs.push(PathBuf::from("."));
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
            .filter(|d| d.as_path() != Path::new("."))
            .any(|d: &PathBuf| path.starts_with(root.join(d)));
        if has_tf
            && !nested
            && let Ok(rel) = path.strip_prefix(root)
        {
            dirs.push(rel.to_path_buf());
        }
    })?;
    dirs.sort();
    let mut examples = Vec::new();
    walk(root, &mut |dir| {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            // Not `is_file()`: a FIFO or a link that leads out is refused when read.
            if name.ends_with(".tf.example")
                && !entry.file_type().is_ok_and(|t| t.is_dir())
                && !entry.path().is_dir()
            {
                examples.push(entry.path());
            }
        }
    })?;
    examples.sort();
    let mut found: Vec<Found> = dirs
        .into_iter()
        .map(|dir| Found { dir, example: None })
        .collect();
    let containment = Containment::new(root, &[]);
    for path in examples {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let text = match containment.read_string(rel) {
            Ok(text) => text,
            Err(refusal) if reported(&refusal) => bail!("{}", refused(&containment, rel, &refusal)),
            Err(_) => continue,
        };
        let file_dir = rel.parent().unwrap_or(Path::new(""));
        for block in scan_module_blocks(&SourceFile::new(&path, text)).blocks {
            let Some(ModuleSource::Local(dir)) =
                block.source.as_deref().map(|s| resolve(file_dir, s))
            else {
                continue;
            };
            if let Some(module) = found
                .iter_mut()
                .find(|f| f.dir == dir && f.example.is_none())
            {
                module.example = Some((rel.to_path_buf(), block.lines.first, block.lines.last));
            }
        }
    }
    Ok(found)
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
        .filter_map(|m| m.example.as_ref().map(|e| &e.0))
        .collect();
    let default_example = examples
        .first()
        .copied()
        .filter(|first| examples.iter().all(|e| e == first));
    if let Some(example) = default_example {
        guide["example"] = value(format!("/{}", example.display()));
    }
    doc["guide"] = Item::Table(guide);
    let mut table = Table::new();
    table.set_implicit(true);
    let mut ids: std::collections::HashSet<String> = std::collections::HashSet::new();
    for module in modules {
        // The root module is named after the repository's directory.
        let dir = if module.dir == Path::new(".") {
            &root_name
        } else {
            &module.dir
        };
        let last = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = module_id(dir, &ids);
        ids.insert(id.clone());
        let (title, paragraph) = readme(root, &module.dir)?;
        let mut entry = Table::new();
        entry["name"] = value(title.unwrap_or_else(|| last.clone()));
        entry["path"] = value(module.dir.to_string_lossy().into_owned());
        entry["use-case"] = value("TODO");
        entry["cost"] = value("TODO");
        entry["enable"] = value("TODO");
        entry["does"] =
            value(paragraph.unwrap_or_else(|| "TODO: what the module does.".to_owned()));
        if usage.contains_key(&module.dir) {
            entry["status"] = value("active");
        }
        if let Some((file, first, last)) = &module.example {
            let mut example = InlineTable::new();
            if default_example.is_none() {
                example.insert("file", format!("/{}", file.display()).into());
            }
            example.insert("lines", format!("{first}-{last}").into());
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
