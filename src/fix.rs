//! Applies the machine-applicable fixes of findings to the files they name: edits sorted and
//! non-overlapping, the result re-parsed before anything is written, written atomically
//! (temporary file + rename, permissions kept), and refused if the file changed on disk
//! since it was read.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::diag::{Applicability, Edit, Finding};
use crate::source::{FileId, Sources};

/// What `apply` changed: file path and number of edits applied.
pub type Applied = Vec<(std::path::PathBuf, usize)>;

pub fn apply(findings: &[Finding], sources: &Sources) -> Result<Applied> {
    let mut by_file: BTreeMap<FileId, Vec<&Edit>> = BTreeMap::new();
    for fix in findings.iter().filter_map(|f| f.fix.as_ref()) {
        if fix.applicability == Applicability::MachineApplicable {
            for edit in &fix.edits {
                by_file.entry(edit.file).or_default().push(edit);
            }
        }
    }
    let mut applied = Applied::new();
    for (file, mut edits) in by_file {
        let source = sources.get(file);
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        edits.dedup_by(|a, b| a.span == b.span && a.replacement == b.replacement);
        let mut text = String::with_capacity(source.text.len());
        let mut last = 0;
        let mut count = 0;
        for edit in edits {
            if edit.span.start < last || edit.span.end > source.text.len() {
                continue; // overlapping or stale: leave it for the next run
            }
            text.push_str(&source.text[last..edit.span.start]);
            text.push_str(&edit.replacement);
            last = edit.span.end;
            count += 1;
        }
        text.push_str(&source.text[last..]);
        if is_toml(&source.path) {
            text.parse::<toml_edit::DocumentMut>().with_context(|| {
                format!(
                    "fixing `{}` would break its TOML; nothing written",
                    source.path.display()
                )
            })?;
        }
        write_if_unchanged(&source.path, &source.text, &text)?;
        applied.push((source.path.clone(), count));
    }
    Ok(applied)
}

fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
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
