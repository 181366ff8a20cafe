//! Applies the machine-applicable fixes of findings to the files they name: edits sorted and
//! non-overlapping, a rewritten catalog re-parsed (with `toml_edit`) before anything is
//! written, each file written through [`crate::write`] (atomic, refused when it changed on
//! disk since it was read). `--dry-run` shows the same changes as a unified diff.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result};

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
        crate::write::write_if_unchanged(&change.path, &change.old, &change.new)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Fix};
    use crate::source::SourceFile;

    fn edit(file: FileId, span: std::ops::Range<usize>, to: &str) -> Edit {
        Edit {
            file,
            span,
            replacement: to.to_owned(),
        }
    }

    fn fixing(edits: Vec<Edit>, applicability: Applicability) -> Finding {
        Finding::error(Code::RefMoved, "moved").fix(Fix {
            title: "cite".to_owned(),
            applicability,
            edits,
        })
    }

    fn machine(edits: Vec<Edit>) -> Finding {
        fixing(edits, Applicability::MachineApplicable)
    }

    /// The new text of each changed file, and its number of edits.
    fn planned(findings: &[Finding], sources: &Sources) -> Vec<(String, usize)> {
        plan(findings, sources)
            .unwrap()
            .into_iter()
            .map(|c| (c.new, c.edits))
            .collect()
    }

    #[test]
    fn edits_apply_in_order_and_overlapping_or_stale_ones_wait() {
        let mut sources = Sources::default();
        let f = sources.add(SourceFile::new(
            "GUIDE.md",
            "lines 1-2, lines 1-2, é.".into(),
        ));
        // Two references rewritten to the same text: both applied, in text order.
        let same = [edit(f, 11..20, "lines 3-4"), edit(f, 0..9, "lines 3-4")];
        assert_eq!(
            planned(&[machine(same.to_vec())], &sources),
            vec![("lines 3-4, lines 3-4, é.".to_owned(), 2)]
        );
        // The same edit from two findings is made once.
        let twice = [
            machine(vec![same[1].clone()]),
            machine(vec![same[1].clone()]),
        ];
        assert_eq!(
            planned(&twice, &sources),
            vec![("lines 3-4, lines 1-2, é.".to_owned(), 1)]
        );
        // Overlapping the one before, past the end, inside a character: left for the next run.
        for skipped in [
            edit(f, 5..12, "X"),
            edit(f, 24..40, "X"),
            edit(f, 23..24, "X"),
            edit(f, 22..23, "X"),
        ] {
            assert_eq!(
                planned(
                    &[machine(vec![edit(f, 0..9, "lines 3-4"), skipped.clone()])],
                    &sources
                ),
                vec![("lines 3-4, lines 1-2, é.".to_owned(), 1)],
                "{skipped:?}"
            );
        }
        // An edit that changes nothing is no change.
        assert!(planned(&[machine(vec![edit(f, 0..9, "lines 1-2")])], &sources).is_empty());
    }

    #[test]
    fn insertions_at_one_place_are_made_in_order_and_a_repeated_one_once() {
        let mut sources = Sources::default();
        let f = sources.add(SourceFile::new("GUIDE.md", "ab".into()));
        let two = machine(vec![edit(f, 1..1, "X"), edit(f, 1..1, "Y")]);
        assert_eq!(planned(&[two], &sources), vec![("aXYb".to_owned(), 2)]);
        let same = [
            machine(vec![edit(f, 1..1, "X")]),
            machine(vec![edit(f, 1..1, "X")]),
        ];
        assert_eq!(planned(&same, &sources), vec![("aXb".to_owned(), 1)]);
    }

    #[test]
    fn only_machine_applicable_fixes_with_edits_mend() {
        let mut sources = Sources::default();
        let f = sources.add(SourceFile::new("GUIDE.md", "lines 1-2".into()));
        let maybe = fixing(
            vec![edit(f, 0..9, "lines 3-4")],
            Applicability::MaybeIncorrect,
        );
        assert!(!mended(&maybe));
        assert!(planned(&[maybe], &sources).is_empty());
        assert!(!mended(&machine(vec![])));
        assert!(!mended(&Finding::error(Code::RefGone, "gone")));
        assert!(mended(&machine(vec![edit(f, 0..9, "lines 3-4")])));
    }

    #[test]
    fn a_catalog_the_edits_would_break_is_not_changed() {
        let mut sources = Sources::default();
        let toml = "lines = \"1-2\"\n";
        let catalog = sources.add(SourceFile::new("catalog.toml", toml.into()));
        let guide = sources.add(SourceFile::new("GUIDE.md", toml.into()));
        let breaking = |file| machine(vec![edit(file, 8..13, "\"3-4")]);
        let error = plan(&[breaking(catalog)], &sources).unwrap_err();
        assert!(
            format!("{error:#}").contains("fixing `catalog.toml` would break its TOML"),
            "{error:#}"
        );
        // Markdown is not TOML.
        assert_eq!(
            planned(&[breaking(guide)], &sources),
            vec![("lines = \"3-4\n".to_owned(), 1)]
        );
    }
}
