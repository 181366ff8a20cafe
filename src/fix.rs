//! Applies the machine-applicable fixes of findings to the files they name: edits sorted and
//! non-overlapping, a rewritten catalog re-parsed (with `toml_edit`) before anything is
//! written, writes atomic (temporary file + rename, permissions kept), and a file that
//! changed on disk since it was read is refused. `--dry-run` shows the same changes as a
//! unified diff.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::diag::{Applicability, Edit, Finding};
use crate::source::{FileId, Sources};

/// A file's new content, not yet written.
#[derive(Debug)]
pub struct Change {
    pub path: PathBuf,
    pub old: String,
    pub new: String,
    /// Number of edits applied.
    pub edits: usize,
}

/// The changes the machine-applicable fixes of `findings` make, one per file.
pub fn plan(findings: &[Finding], sources: &Sources) -> Result<Vec<Change>> {
    let mut by_file: BTreeMap<FileId, Vec<&Edit>> = BTreeMap::new();
    for fix in findings.iter().filter_map(|f| f.fix.as_ref()) {
        if fix.applicability == Applicability::MachineApplicable {
            for edit in &fix.edits {
                by_file.entry(edit.file).or_default().push(edit);
            }
        }
    }
    let mut changes = Vec::new();
    for (file, mut edits) in by_file {
        let source = sources.get(file);
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        edits.dedup_by(|a, b| a.span == b.span && a.replacement == b.replacement);
        let mut text = String::with_capacity(source.text.len());
        let mut last = 0;
        let mut count = 0;
        for edit in edits {
            let fits = edit.span.start >= last
                && edit.span.end <= source.text.len()
                && source.text.is_char_boundary(edit.span.start)
                && source.text.is_char_boundary(edit.span.end);
            if !fits {
                continue; // overlapping or stale: left for the next run
            }
            text.push_str(&source.text[last..edit.span.start]);
            text.push_str(&edit.replacement);
            last = edit.span.end;
            count += 1;
        }
        text.push_str(&source.text[last..]);
        if source.path.extension().is_some_and(|e| e == "toml") {
            text.parse::<toml_edit::DocumentMut>().with_context(|| {
                format!(
                    "fixing `{}` would break its TOML; nothing written",
                    source.path.display()
                )
            })?;
        }
        if text != source.text {
            changes.push(Change {
                path: source.path.clone(),
                old: source.text.clone(),
                new: text,
                edits: count,
            });
        }
    }
    Ok(changes)
}

/// The changes as a unified diff.
pub fn diff(changes: &[Change]) -> String {
    let mut out = String::new();
    for change in changes {
        let name = change.path.display().to_string();
        let diff = similar::TextDiff::from_lines(&change.old, &change.new);
        out.push_str(&diff.unified_diff().header(&name, &name).to_string());
    }
    out
}

/// Writes every change; the first file that cannot be written stops the run.
pub fn write(changes: &[Change]) -> Result<()> {
    for change in changes {
        write_if_unchanged(&change.path, &change.old, &change.new)?;
    }
    Ok(())
}

/// Replaces `path`'s content with `new` if it still holds `old`; atomic, permissions kept.
pub fn write_if_unchanged(path: &Path, old: &str, new: &str) -> Result<()> {
    let current =
        std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    if current != old.as_bytes() {
        bail!(
            "`{}` changed since it was read; nothing written, run again",
            path.display()
        );
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(path)?.permissions();
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    tmp.write_all(new.as_bytes())?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), permissions)?;
    tmp.persist(path)
        .with_context(|| format!("cannot replace `{}`", path.display()))?;
    Ok(())
}

/// Creates `path` with `text`, atomically, refusing to replace an existing file.
pub fn write_new(path: &Path, text: &str) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}
