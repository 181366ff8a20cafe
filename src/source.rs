//! Source files held in memory once per run: their text, a line index for turning byte
//! offsets into line:col, and the path shown to users.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub usize);

/// One text file: the path we show, the text, and where each line starts.
#[derive(Debug)]
pub struct SourceFile {
    /// Path as shown in diagnostics (relative to the project root, or to the working
    /// directory, where possible).
    pub path: PathBuf,
    /// Path as it was read (relative to the working directory, or absolute): where `fix`
    /// writes.
    pub read_from: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

/// Where shown paths are relative to: the project root once [`show_paths_from`] names it,
/// else the working directory.
static BASE: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();

fn cwd() -> Option<&'static PathBuf> {
    CWD.get_or_init(|| std::env::current_dir().ok()).as_ref()
}

/// Shows every path of this run relative to `root` (a run from a subdirectory still names
/// files as the repository does). Call before the first file is read; later calls are
/// ignored.
pub fn show_paths_from(root: &Path) {
    let root = cwd().map(|cwd| normalize(&cwd.join(root)));
    let _ = BASE.set(root);
}

/// `..` resolved lexically, `.` dropped.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir
                if matches!(
                    out.components().next_back(),
                    Some(std::path::Component::Normal(_))
                ) =>
            {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The path as users should see it: `..` resolved lexically and, when it lies under the
/// project root (or the current directory), relative to it.
pub fn display_path(path: &Path) -> PathBuf {
    let out = normalize(path);
    // Asked for every file read: the directories are looked up once per run.
    let base = BASE.get_or_init(|| cwd().cloned()).as_ref();
    match (base, cwd()) {
        (Some(base), Some(cwd)) if base != cwd => {
            let absolute = normalize(&cwd.join(&out));
            absolute
                .strip_prefix(base)
                .map(Path::to_path_buf)
                .unwrap_or(out)
        }
        (Some(base), _) => out.strip_prefix(base).map(Path::to_path_buf).unwrap_or(out),
        (None, _) => out,
    }
}

impl SourceFile {
    /// A file with its path as given; diagnostics show it through [`display_path`].
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let read_from = path.into();
        SourceFile {
            path: display_path(&read_from),
            read_from,
            text,
            line_starts,
        }
    }

    /// Number of lines, counting a last line without a newline; an empty file has none.
    pub fn line_count(&self) -> usize {
        let starts = self.line_starts.len();
        if self.text.is_empty() || self.text.ends_with('\n') {
            starts - 1
        } else {
            starts
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// Byte range of 1-based line `line`, without its line ending (`\n` or `\r\n`).
    pub fn line_span(&self, line: usize) -> Range<usize> {
        let start = self.line_starts[line - 1];
        let mut end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// Text of 1-based line `line`, without its line ending.
    pub fn line(&self, line: usize) -> &str {
        &self.text[self.line_span(line)]
    }

    /// Byte range covering 1-based lines `first..=last`, without the last line ending.
    pub fn lines_span(&self, first: usize, last: usize) -> Range<usize> {
        self.line_span(first).start..self.line_span(last).end
    }
}

/// Every file read during a run, each read once.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() - 1)
    }

    /// Moves `other`'s files to the end; returns how much their ids shift.
    pub fn append(&mut self, other: Sources) -> usize {
        let offset = self.files.len();
        self.files.extend(other.files);
        offset
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    /// Every file read so far, in the order read.
    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }

    /// The id of an already loaded file with this path.
    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files.iter().position(|f| f.path == path).map(FileId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let f = SourceFile::new("x", "ab\r\ncd\n\nef".to_string());
        assert_eq!(f.line_count(), 4);
        assert_eq!(f.line(1), "ab");
        assert_eq!(f.line(2), "cd");
        assert_eq!(f.line(3), "");
        assert_eq!(f.line(4), "ef");
        assert_eq!(f.line_col(5), (2, 2));
        assert_eq!(f.lines_span(1, 2), 0..6);
    }

    #[test]
    fn empty_and_trailing_newline() {
        assert_eq!(SourceFile::new("x", String::new()).line_count(), 0);
        assert_eq!(SourceFile::new("x", "a\n".into()).line_count(), 1);
    }
}
