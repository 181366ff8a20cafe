//! Applies the machine-applicable fixes of findings to the files they name: edits sorted and
//! non-overlapping, a rewritten catalog re-parsed (with `toml_edit`) before anything is
//! written, writes atomic (temporary file beside the file + rename, permissions kept; a
//! symbolic link's target is rewritten, a file with several hard links refused), and a file
//! that changed on disk since it was read is refused. `--dry-run` shows the same changes as a
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
    /// Where the file is written (as it was read).
    pub path: PathBuf,
    /// The file as messages and diffs name it (root-relative).
    pub shown: PathBuf,
    pub old: String,
    pub new: String,
    /// Number of edits applied.
    pub edits: usize,
}

/// The changes the machine-applicable fixes of `findings` make, one per file.
pub fn plan(findings: &[Finding], sources: &Sources) -> Result<Vec<Change>> {
    let mut by_file: BTreeMap<FileId, Vec<&Edit>> = BTreeMap::new();
    for fix in findings
        .iter()
        .filter(|f| mended(f))
        .filter_map(|f| f.fix.as_ref())
    {
        for edit in &fix.edits {
            by_file.entry(edit.file).or_default().push(edit);
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
                path: source.read_from.clone(),
                shown: source.path.clone(),
                old: source.text.clone(),
                new: text,
                edits: count,
            });
        }
    }
    Ok(changes)
}

/// Whether `fix` mends `finding`: it has a machine-applicable fix with edits. What `fix
/// --dry-run` reports as remaining are the findings it does not mend.
pub fn mended(finding: &Finding) -> bool {
    finding
        .fix
        .as_ref()
        .is_some_and(|f| f.applicability == Applicability::MachineApplicable && !f.edits.is_empty())
}

/// The changes as a unified diff.
pub fn diff(changes: &[Change]) -> String {
    let mut out = String::new();
    for change in changes {
        let name = change.shown.display().to_string();
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
///
/// A symbolic link is followed: its target is rewritten (a temporary file beside the target,
/// renamed over it) and the link stays a link. A file with more than one hard link is
/// refused, since the rename would give only this name the new text and leave the other
/// names holding the old one; nothing is written and the error says how to proceed.
pub fn write_if_unchanged(path: &Path, old: &str, new: &str) -> Result<()> {
    let target = std::fs::canonicalize(path)
        .with_context(|| format!("cannot resolve `{}`", path.display()))?;
    let shown = || {
        if target == path {
            format!("`{}`", path.display())
        } else {
            format!(
                "`{}` (the target of `{}`)",
                target.display(),
                path.display()
            )
        }
    };
    let current = std::fs::read(&target).with_context(|| format!("cannot read {}", shown()))?;
    if current != old.as_bytes() {
        bail!(
            "{} changed since it was read; nothing written, run again",
            shown()
        );
    }
    let metadata =
        std::fs::metadata(&target).with_context(|| format!("cannot read {}", shown()))?;
    let links = hard_links(&metadata);
    if links > 1 {
        bail!(
            "{} has {links} hard links; replacing it would leave the other names with the old \
             text, so nothing was written. Make it a file of its own (`cp FILE FILE.new && mv \
             FILE.new FILE`) and run again, or apply the change by hand",
            shown()
        );
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    tmp.write_all(new.as_bytes())?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), metadata.permissions())?;
    tmp.persist(&target)
        .with_context(|| format!("cannot replace {}", shown()))?;
    Ok(())
}

#[cfg(unix)]
fn hard_links(metadata: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(metadata)
}

#[cfg(not(unix))]
fn hard_links(_: &std::fs::Metadata) -> u64 {
    1
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
