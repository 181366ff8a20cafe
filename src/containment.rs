//! Keeps every path a run reads inside the project root, or inside a directory the book
//! explicitly allows: a `..` that climbs out and a symbolic link that leads out are both
//! refused (`path-escapes-root`). The checker reads local files only; it never opens a
//! network connection.

use std::path::{Component, Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct Containment {
    /// The root, absolute and lexically normalised.
    root: PathBuf,
    /// The root and the allowed directories with symbolic links resolved.
    real: Vec<PathBuf>,
    /// Allowed directories, absolute and lexically normalised.
    allowed: Vec<PathBuf>,
}

impl Containment {
    pub fn new(root: &Path, allowed: &[PathBuf]) -> Containment {
        // A catalog given as `catalog.toml` has the root "" (the current directory).
        let root = if root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            root
        };
        let absolute = |p: &Path| {
            std::path::absolute(p)
                .map(|p| normalize_absolute(&p))
                .unwrap_or_default()
        };
        let root_abs = absolute(root);
        let allowed: Vec<PathBuf> = allowed.iter().map(|a| absolute(a)).collect();
        let real = std::iter::once(&root_abs)
            .chain(&allowed)
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect();
        Containment {
            root: root_abs,
            real,
            allowed,
        }
    }

    /// Where `path` (relative to the root, `..` allowed) lies: relative to the root when
    /// inside it, absolute when inside an allowed directory, `None` otherwise.
    pub fn place(&self, path: &Path) -> Option<PathBuf> {
        if path.is_absolute() {
            return None;
        }
        let full = normalize_absolute(&self.root.join(path));
        if let Ok(inside) = full.strip_prefix(&self.root) {
            return Some(inside.to_path_buf());
        }
        self.allowed
            .iter()
            .any(|a| full.starts_with(a))
            .then_some(full)
    }

    /// Whether the existing file or directory at `path` (as [`Containment::place`] gives
    /// it) resolves, through symbolic links, outside the root and the allowed directories.
    pub fn escapes(&self, path: &Path) -> bool {
        match std::fs::canonicalize(self.root.join(path)) {
            Ok(real) => !self.real.iter().any(|r| real.starts_with(r)),
            Err(_) => false, // missing or unreadable: reported as such
        }
    }
}

/// Lexically resolves `.` and `..` in an absolute path.
pub fn normalize_absolute(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_paths_inside_the_root_or_allowed_dirs() {
        let c = Containment::new(Path::new("/p/repo"), &[PathBuf::from("/p/shared")]);
        assert_eq!(
            c.place(Path::new("docs/a.md")),
            Some(PathBuf::from("docs/a.md"))
        );
        assert_eq!(
            c.place(Path::new("docs/../a.md")),
            Some(PathBuf::from("a.md"))
        );
        assert_eq!(
            c.place(Path::new("../shared/x.md")),
            Some(PathBuf::from("/p/shared/x.md"))
        );
        assert_eq!(c.place(Path::new("../../etc/passwd")), None);
        assert_eq!(c.place(Path::new("/etc/passwd")), None);
    }

    #[test]
    fn symbolic_links_that_lead_out_escape() {
        let outside = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path(), root.path().join("link")).unwrap();
        std::fs::write(root.path().join("ok"), "x").unwrap();
        let c = Containment::new(root.path(), &[]);
        assert!(c.escapes(Path::new("link/secret")));
        assert!(!c.escapes(Path::new("ok")));
        let allowing = Containment::new(root.path(), &[outside.path().to_path_buf()]);
        assert!(!allowing.escapes(Path::new("link/secret")));
    }
}
