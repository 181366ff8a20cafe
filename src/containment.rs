//! The file-system boundary: every path a run opens goes through here. Repository content is
//! untrusted, so a path it names (a catalog field, an `environments-dir`, a symbolic link in
//! the tree) is resolved, symbolic links included, and refused unless it lies inside the
//! project root or a directory the book explicitly allows (`path-escapes-root`). Only
//! `book.toml` and the command line are trusted. A file is opened only after its type was
//! checked, and without blocking, so a FIFO or a device where a file is expected is an error
//! at once, never a hang. The checker reads local files only; it never opens a network
//! connection.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::diag::Code;

#[derive(Debug, Clone, Default)]
pub struct Containment {
    /// The root as given (shown in messages).
    given: PathBuf,
    /// The root, absolute and lexically normalised.
    root: PathBuf,
    /// The root and the allowed directories with symbolic links resolved.
    real: Vec<PathBuf>,
    /// Allowed directories, absolute and lexically normalised.
    allowed: Vec<PathBuf>,
    /// What [`Containment::resolve`] found for each absolute path, so that a directory asked
    /// about several times in a run (is it a module? read it, list it) is resolved once. The
    /// guarantee holds for a tree that does not change during the run.
    resolved: Arc<Mutex<HashMap<PathBuf, Result<PathBuf, Refusal>>>>,
}

/// What a path is expected to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
}

impl Kind {
    /// What a path of this kind is, in a message: "a regular file", "a directory".
    pub fn noun(self) -> &'static str {
        match self {
            Kind::File => "a regular file",
            Kind::Dir => "a directory",
        }
    }
}

/// Why a path was not opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// It is absolute, or a `..` climbs out of the root.
    #[error("it points outside the project root")]
    Outside,
    /// It resolves, through a symbolic link, outside the root and the allowed directories.
    #[error("it leads outside the project root through a symbolic link")]
    LeadsOut,
    /// It exists but is not what was expected: `found` is "a FIFO", "a directory", ...
    #[error("it is {found}, not {}", expected.noun())]
    WrongKind { expected: Kind, found: &'static str },
    /// Nothing is there (a dangling symbolic link is [`Refusal::Io`]).
    #[error("it does not exist")]
    Missing,
    /// Any other reason it cannot be read: a link loop, permissions, not UTF-8.
    #[error("{0}")]
    Io(String),
}

impl Refusal {
    /// Whether the path leaves the root (lexically or through a link).
    pub fn escapes(&self) -> bool {
        matches!(self, Refusal::Outside | Refusal::LeadsOut)
    }

    /// The finding code for this refusal.
    pub fn code(&self) -> Code {
        if self.escapes() {
            Code::PathEscapesRoot
        } else {
            Code::BrokenPath
        }
    }

    fn io(error: &std::io::Error) -> Refusal {
        match error.kind() {
            std::io::ErrorKind::NotFound => Refusal::Missing,
            _ => Refusal::Io(error.to_string()),
        }
    }
}

/// One entry of a listed directory.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The entry's name.
    pub name: String,
    /// The listed path joined with the name (as the caller wrote the directory).
    pub path: PathBuf,
    /// What the entry is once resolved: a file or directory inside the boundary, or why not.
    pub kind: Result<Kind, Refusal>,
    /// Its real path when it is not a symbolic link (the listed directory was resolved).
    real: Option<PathBuf>,
}

impl Containment {
    pub fn new(root: &Path, allowed: &[PathBuf]) -> Containment {
        let given = root.to_path_buf();
        // A catalog given as `catalog.toml` has the root "" (the current directory).
        let root = if root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            root
        };
        let root_abs = absolute(root);
        let allowed: Vec<PathBuf> = allowed.iter().map(|a| absolute(a)).collect();
        let real = std::iter::once(&root_abs)
            .chain(&allowed)
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect();
        Containment {
            given,
            root: root_abs,
            real,
            allowed,
            resolved: Arc::default(),
        }
    }

    /// The same boundary, also admitting `dir` (absolute or relative to the current
    /// directory): a directory trusted configuration names, such as the book's `src`.
    pub fn admitting(&self, dir: &Path) -> Containment {
        let mut wider = self.clone();
        // A wider boundary may admit what this one refused.
        wider.resolved = Arc::default();
        let dir = absolute(dir);
        if let Ok(real) = std::fs::canonicalize(&dir) {
            wider.real.push(real);
        }
        wider.allowed.push(dir);
        wider
    }

    /// The root, absolute.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `path` (relative to the root) as messages show it: joined to the root as given.
    pub fn shown(&self, path: &Path) -> PathBuf {
        self.given.join(path)
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
    /// A missing or unreadable path does not escape: it is reported as such.
    pub fn escapes(&self, path: &Path) -> bool {
        self.resolve(path).is_err_and(|r| r.escapes())
    }

    /// The real path (symbolic links resolved) of `path`, relative to the root or absolute,
    /// refused when it lies outside the root and the allowed directories, lexically or
    /// through a link.
    pub fn resolve(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let full = normalize_absolute(&self.root.join(path));
        if !(full.starts_with(&self.root) || self.allowed.iter().any(|a| full.starts_with(a))) {
            return Err(Refusal::Outside);
        }
        if let Some(known) = self
            .resolved
            .lock()
            .ok()
            .and_then(|r| r.get(&full).cloned())
        {
            return known;
        }
        let answer = self.resolve_uncached(&full);
        if let Ok(mut resolved) = self.resolved.lock() {
            resolved.insert(full, answer.clone());
        }
        answer
    }

    /// [`Containment::resolve`] of an absolute, normalised path inside the lexical bounds.
    fn resolve_uncached(&self, full: &Path) -> Result<PathBuf, Refusal> {
        let real = match std::fs::canonicalize(full) {
            Ok(real) => real,
            Err(error) => {
                let link = std::fs::symlink_metadata(full).is_ok_and(|m| m.is_symlink());
                return Err(if link && error.kind() == std::io::ErrorKind::NotFound {
                    Refusal::Io("it is a dangling symbolic link".into())
                } else {
                    Refusal::io(&error)
                });
            }
        };
        if self.real.iter().any(|r| real.starts_with(r)) {
            Ok(real)
        } else {
            Err(Refusal::LeadsOut)
        }
    }

    /// The real path of a regular file at `path`, inside the boundary.
    pub fn file(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let real = self.resolve(path)?;
        expect(&real, Kind::File)?;
        Ok(real)
    }

    /// The real path of a directory at `path`, inside the boundary.
    pub fn dir(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let real = self.resolve(path)?;
        expect(&real, Kind::Dir)?;
        Ok(real)
    }

    /// The bytes of the regular file at `path`, inside the boundary.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, Refusal> {
        read_regular(&self.file(path)?)
    }

    /// The text of the regular file at `path`, inside the boundary.
    pub fn read_string(&self, path: &Path) -> Result<String, Refusal> {
        String::from_utf8(self.read(path)?)
            .map_err(|e| Refusal::Io(format!("not valid UTF-8 ({})", e.utf8_error())))
    }

    /// The file at `path`, a path that trusted configuration names (relative to the current
    /// directory): read where it is, even outside the root, unless it is itself a symbolic
    /// link that leads outside. (`book.toml` names the catalog; the link is repository
    /// content.)
    pub fn read_named(&self, path: &Path) -> Result<Vec<u8>, Refusal> {
        let full = absolute(path);
        let link = std::fs::symlink_metadata(&full).is_ok_and(|m| m.is_symlink());
        if link {
            return self.read(&full);
        }
        expect(&full, Kind::File)?;
        read_regular(&full)
    }

    /// The bytes of a listed entry that is a regular file: read at once when the listing
    /// resolved it, through [`Containment::read`] when it is a symbolic link.
    pub fn read_entry(&self, entry: &Entry) -> Result<Vec<u8>, Refusal> {
        match (&entry.kind, &entry.real) {
            (Ok(Kind::File), Some(real)) => read_regular(real),
            _ => self.read(&entry.path),
        }
    }

    /// The entries of the directory at `path`, inside the boundary, sorted by name. Each
    /// entry that is a symbolic link is resolved through the boundary.
    pub fn list(&self, path: &Path) -> Result<Vec<Entry>, Refusal> {
        let real = self.dir(path)?;
        let mut entries: Vec<Entry> = std::fs::read_dir(&real)
            .map_err(|e| Refusal::io(&e))?
            .filter_map(Result::ok)
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let path = path.join(e.file_name());
                let plain = e.file_type().is_ok_and(|t| !t.is_symlink());
                let real = plain.then(|| real.join(e.file_name()));
                let kind = match e.file_type() {
                    Ok(t) if t.is_symlink() => self
                        .resolve(&path)
                        .and_then(|real| std::fs::metadata(real).map_err(|e| Refusal::io(&e)))
                        .and_then(|m| kind_of(&m.file_type())),
                    Ok(t) => kind_of(&t),
                    Err(e) => Err(Refusal::io(&e)),
                };
                Entry {
                    name,
                    path,
                    kind,
                    real,
                }
            })
            .collect();
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(entries)
    }
}

/// Checks that `real` is of `kind`, from its metadata, before anything opens it.
fn expect(real: &Path, kind: Kind) -> Result<(), Refusal> {
    let meta = std::fs::metadata(real).map_err(|e| Refusal::io(&e))?;
    let found = meta.file_type();
    let ok = match kind {
        Kind::File => found.is_file(),
        Kind::Dir => found.is_dir(),
    };
    if ok {
        Ok(())
    } else {
        Err(Refusal::WrongKind {
            expected: kind,
            found: describe(&found),
        })
    }
}

fn kind_of(t: &std::fs::FileType) -> Result<Kind, Refusal> {
    if t.is_dir() {
        Ok(Kind::Dir)
    } else if t.is_file() {
        Ok(Kind::File)
    } else {
        Err(Refusal::WrongKind {
            expected: Kind::File,
            found: describe(t),
        })
    }
}

fn describe(t: &std::fs::FileType) -> &'static str {
    if t.is_dir() {
        "a directory"
    } else if t.is_file() {
        "a regular file"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

/// Reads a regular file at a path whose type was already checked. It is opened without
/// following a final symbolic link and without blocking, and its type is checked again on
/// the open handle, so a file swapped for a FIFO or a link in between is refused, not
/// waited on.
pub fn read_regular(real: &Path) -> Result<Vec<u8>, Refusal> {
    let mut file = File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(real)
        .map_err(|e| Refusal::io(&e))?;
    let meta = file.metadata().map_err(|e| Refusal::io(&e))?;
    if !meta.is_file() {
        return Err(Refusal::WrongKind {
            expected: Kind::File,
            found: describe(&meta.file_type()),
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(|e| Refusal::io(&e))?;
    Ok(bytes)
}

/// `path` made absolute against the current directory and lexically normalised.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path)
        .map(|p| normalize_absolute(&p))
        .unwrap_or_default()
}

/// Whether `path`, relative, stays below its base: no root, no prefix, and no `..` that
/// climbs above where it started. (`pages-dir` inside the book's `src`.)
pub fn stays_below(path: &Path) -> bool {
    let mut depth = 0usize;
    for component in path.components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    true
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

/// `path` relative to `root`, comparing absolute forms; `None` when it is outside.
pub fn relative_to(path: &Path, root: &Path) -> Option<PathBuf> {
    // An empty path is the current directory (the root of a catalog found there).
    let absolute = |p: &Path| {
        let p = if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        };
        std::path::absolute(p).ok().map(|p| normalize_absolute(&p))
    };
    let (path, root) = (absolute(path)?, absolute(root)?);
    path.strip_prefix(&root).ok().map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checked_file_swapped_for_a_link_or_a_fifo_is_refused_not_followed_or_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.tf");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(read_regular(&file).unwrap(), b"x");
        let link = dir.path().join("link.tf");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert!(read_regular(&link).is_err());
        let fifo = dir.path().join("fifo.tf");
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid, NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_regular(&fifo),
            Err(Refusal::WrongKind {
                found: "a FIFO",
                ..
            })
        ));
    }

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

    #[test]
    fn reads_only_regular_files_inside() {
        let outside = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        let r = root.path();
        std::fs::write(outside.path().join("secret"), "s").unwrap();
        std::fs::write(r.join("ok"), "x").unwrap();
        std::fs::create_dir(r.join("dir")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), r.join("out")).unwrap();
        std::os::unix::fs::symlink("ok", r.join("in")).unwrap();
        std::os::unix::fs::symlink("nowhere", r.join("dangling")).unwrap();
        std::os::unix::fs::symlink("loop", r.join("loop")).unwrap();
        let fifo = std::ffi::CString::new(r.join("fifo").into_os_string().into_encoded_bytes());
        assert_eq!(unsafe { libc::mkfifo(fifo.unwrap().as_ptr(), 0o600) }, 0);
        let c = Containment::new(r, &[]);
        assert_eq!(c.read_string(Path::new("ok")).unwrap(), "x");
        assert_eq!(c.read_string(Path::new("in")).unwrap(), "x");
        assert_eq!(c.read(Path::new("out")), Err(Refusal::LeadsOut));
        assert_eq!(c.read(Path::new("../x")), Err(Refusal::Outside));
        assert_eq!(c.read(Path::new("/etc/passwd")), Err(Refusal::Outside));
        assert_eq!(c.read(Path::new("missing")), Err(Refusal::Missing));
        assert!(matches!(c.read(Path::new("dangling")), Err(Refusal::Io(_))));
        assert!(matches!(c.read(Path::new("loop")), Err(Refusal::Io(_))));
        let wrong = |found| {
            Err(Refusal::WrongKind {
                expected: Kind::File,
                found,
            })
        };
        assert_eq!(c.read(Path::new("fifo")), wrong("a FIFO"));
        assert_eq!(c.read(Path::new("dir")), wrong("a directory"));
        let names: Vec<_> = c
            .list(Path::new(""))
            .unwrap()
            .into_iter()
            .map(|e| (e.name, e.kind.ok()))
            .collect();
        assert!(names.contains(&("out".into(), None)));
        assert!(names.contains(&("in".into(), Some(Kind::File))));
        assert!(names.contains(&("dir".into(), Some(Kind::Dir))));
        assert!(names.contains(&("fifo".into(), None)));
    }

    #[test]
    fn pages_stay_below() {
        assert!(stays_below(Path::new("modules")));
        assert!(stays_below(Path::new("a/../b")));
        assert!(!stays_below(Path::new("../x")));
        assert!(!stays_below(Path::new("a/../../x")));
        assert!(!stays_below(Path::new("/abs")));
    }
}
