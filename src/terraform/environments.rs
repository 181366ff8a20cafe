//! Which environments instantiate which modules: every live `module` block in the `.tf`
//! files directly under `<environments-dir>/<env>/` (example files and commented-out blocks
//! do not count). Every directory and file is opened through the containment boundary.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use super::blocks::{ScanProblem, scan_module_blocks};
use super::module::is_config_file;
use super::module_source::{ModuleSource, resolve};
use crate::containment::{Containment, Kind, Refusal};
use crate::source::{FileId, SourceFile, Sources};

/// Module directory (relative to the project root) -> environments using it, sorted.
pub type Usage = BTreeMap<PathBuf, Vec<String>>;

/// Module blocks of environment files that could not be read, by file.
pub type Problems = Vec<(FileId, ScanProblem)>;

/// Paths under the environments directory (root-relative; the directory itself when it is
/// refused) that the containment boundary refused, and why: not read.
pub type Refused = Vec<(PathBuf, Refusal)>;

/// What the environments say.
#[derive(Debug, Default)]
pub struct Environments {
    pub usage: Usage,
    pub problems: Problems,
    pub refused: Refused,
}

/// Reads every environment under `dir` (relative to the containment's root). A missing
/// directory means no environments. `dir` is repository content: absolute, or with any
/// `..`, it is refused, not followed. An error names the file or directory that could not
/// be read.
pub fn module_usage(
    containment: &Containment,
    dir: &Path,
    sources: &mut Sources,
) -> Result<Environments, (PathBuf, std::io::Error)> {
    let mut found = Environments::default();
    let shown = |path: &Path| containment.shown(path);
    let cannot =
        |path: &Path, refusal: Refusal| (shown(path), std::io::Error::other(refusal.to_string()));
    if dir
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        found.refused.push((dir.to_path_buf(), Refusal::Outside));
        return Ok(found);
    }
    let entries = match containment.list(dir) {
        Ok(entries) => entries,
        Err(Refusal::Missing) => return Ok(found),
        Err(refusal) if refusal.escapes() => {
            found.refused.push((dir.to_path_buf(), refusal));
            return Ok(found);
        }
        Err(refusal) => return Err(cannot(dir, refusal)),
    };
    for env in entries {
        match env.kind {
            Ok(Kind::Dir) => {}
            Err(refusal) if refusal.escapes() => {
                found.refused.push((env.path, refusal));
                continue;
            }
            _ => continue,
        }
        let name = env.name;
        let env_dir = env.path;
        let files = containment
            .list(&env_dir)
            .map_err(|refusal| cannot(&env_dir, refusal))?;
        for file in files {
            if !is_config_file(&file.name) {
                continue;
            }
            match &file.kind {
                Ok(Kind::File) => {}
                // Terraform would fail on it (a link that leads out or dangles, a FIFO).
                Err(refusal) => {
                    found.refused.push((file.path.clone(), refusal.clone()));
                    continue;
                }
                Ok(Kind::Dir) => continue,
            }
            let text = containment
                .read_entry(&file)
                .and_then(|bytes| {
                    String::from_utf8(bytes)
                        .map_err(|e| Refusal::Io(format!("not valid UTF-8 ({})", e.utf8_error())))
                })
                .map_err(|refusal| cannot(&file.path, refusal))?;
            let id = sources.add(SourceFile::new(shown(&file.path), text));
            let scan = scan_module_blocks(sources.get(id));
            found
                .problems
                .extend(scan.problems.into_iter().map(|p| (id, p)));
            for block in scan.blocks {
                if block.commented {
                    continue;
                }
                if let Some(ModuleSource::Local(module)) =
                    block.source.as_deref().map(|s| resolve(&env_dir, s))
                {
                    let list = found.usage.entry(module).or_default();
                    if !list.contains(&name) {
                        list.push(name.clone());
                    }
                }
            }
        }
    }
    Ok(found)
}
