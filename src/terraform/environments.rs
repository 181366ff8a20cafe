//! Which environments instantiate which modules: every live `module` block in the `.tf`
//! files directly under `<environments-dir>/<env>/` (example files and commented-out blocks
//! do not count).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::blocks::{ScanProblem, scan_module_blocks};
use super::module_source::{ModuleSource, resolve};
use crate::source::{FileId, SourceFile, Sources};

/// Module directory (relative to the project root) -> environments using it, sorted.
pub type Usage = BTreeMap<PathBuf, Vec<String>>;

/// Module blocks of environment files that could not be read, by file.
pub type Problems = Vec<(FileId, ScanProblem)>;

/// Reads every environment under `root/dir`. A missing directory means no environments.
/// An error names the file or directory that could not be read.
pub fn module_usage(
    root: &Path,
    dir: &Path,
    sources: &mut Sources,
) -> Result<(Usage, Problems), (PathBuf, std::io::Error)> {
    let mut usage = Usage::new();
    let mut problems = Problems::new();
    let entries = match std::fs::read_dir(root.join(dir)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((usage, problems)),
        Err(e) => return Err((root.join(dir), e)),
    };
    let mut envs: Vec<_> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .collect();
    envs.sort_by_key(|e| e.file_name());
    for env in envs {
        let name = env.file_name().to_string_lossy().into_owned();
        let env_dir = dir.join(&name);
        let mut files: Vec<_> = std::fs::read_dir(env.path())
            .map_err(|e| (env.path(), e))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "tf") && p.is_file())
            .collect();
        files.sort();
        for path in files {
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(error) => return Err((path, error)),
            };
            let id = sources.add(SourceFile::new(&path, text));
            let scan = scan_module_blocks(sources.get(id));
            problems.extend(scan.problems.into_iter().map(|p| (id, p)));
            for block in scan.blocks {
                if block.commented {
                    continue;
                }
                if let Some(ModuleSource::Local(module)) =
                    block.source.as_deref().map(|s| resolve(&env_dir, s))
                {
                    let list = usage.entry(module).or_default();
                    if !list.contains(&name) {
                        list.push(name.clone());
                    }
                }
            }
        }
    }
    Ok((usage, problems))
}
