//! Resolving a module block's `source` to a directory of the project.

use std::path::{Component, Path, PathBuf};

/// Where a `source` string points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModuleSource {
    /// A local path, resolved and normalised relative to the project root.
    Local(PathBuf),
    /// A registry, git or other remote source, which we do not follow.
    Remote(String),
    /// A local path that climbs out of the project root.
    Outside(String),
}

/// Resolves `source`, written in a file in `dir` (relative to the project root).
pub fn resolve(dir: &Path, source: &str) -> ModuleSource {
    if !(source.starts_with("./") || source.starts_with("../")) {
        return ModuleSource::Remote(source.to_owned());
    }
    match normalize(&dir.join(source)) {
        Some(path) => ModuleSource::Local(path),
        None => ModuleSource::Outside(source.to_owned()),
    }
}

/// Lexically removes `.` and `..`; `None` if the path climbs above its start.
pub fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(part) => out.push(part),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_sources() {
        assert_eq!(
            resolve(
                Path::new("terraform/environments/dev"),
                "../../modules/ml/mlflow"
            ),
            ModuleSource::Local(PathBuf::from("terraform/modules/ml/mlflow"))
        );
        assert_eq!(
            resolve(Path::new("a"), "terraform-aws-modules/vpc/aws"),
            ModuleSource::Remote("terraform-aws-modules/vpc/aws".into())
        );
        assert!(matches!(
            resolve(Path::new("a"), "../../x"),
            ModuleSource::Outside(_)
        ));
    }
}
