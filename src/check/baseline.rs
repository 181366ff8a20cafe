//! A baseline: the findings a team accepted when it adopted the tool, so that only new ones
//! fail. `check --write-baseline FILE` records the current findings; `check --baseline FILE`
//! leaves out each finding the file records. An entry is keyed by the code, the file (root-
//! relative) and the text of the line the finding points at, never by line numbers, so edits
//! elsewhere in a file do not invalidate it; identical keys are counted.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::diag::{Code, Finding};
use crate::source::Sources;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct Key {
    code: Code,
    /// Root-relative, `/`-separated; empty for a finding without a place.
    file: String,
    /// The line the finding points at, trimmed (its message when it has no place).
    text: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    key: Key,
    /// How many findings share this key.
    count: usize,
}

#[derive(Debug, Serialize, Deserialize)]
struct File {
    /// The format of this file; this build writes and reads 1.
    version: u32,
    findings: Vec<Entry>,
}

fn key(finding: &Finding, sources: &Sources, root: &Path) -> Key {
    let Some(label) = &finding.primary else {
        return Key {
            code: finding.code,
            file: String::new(),
            text: finding.message.clone(),
        };
    };
    let source = sources.get(label.file);
    let (line, _) = source.line_col(label.span.start.min(source.text.len()));
    let text = if line <= source.line_count() {
        source.line(line).trim().to_owned()
    } else {
        String::new()
    };
    let file = crate::check::levels::relative(&source.read_from, root)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    Key {
        code: finding.code,
        file,
        text,
    }
}

/// The baseline of `findings`, as the file `--write-baseline` writes (JSON, sorted).
pub fn write(findings: &[Finding], sources: &Sources, root: &Path) -> String {
    let mut counts: HashMap<Key, usize> = HashMap::new();
    for finding in findings {
        *counts.entry(key(finding, sources, root)).or_default() += 1;
    }
    let mut entries: Vec<Entry> = counts
        .into_iter()
        .map(|(key, count)| Entry { key, count })
        .collect();
    entries.sort_by(|a, b| {
        (&a.key.file, a.key.code, &a.key.text).cmp(&(&b.key.file, b.key.code, &b.key.text))
    });
    let file = File {
        version: 1,
        findings: entries,
    };
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}

/// Reads a baseline written by [`write`].
pub fn read(path: &Path) -> Result<Baseline> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the baseline `{}`", path.display()))?;
    let file: File = serde_json::from_str(&text).with_context(|| {
        format!(
            "`{}` is not a baseline written by `mdbook-catalog check --write-baseline`",
            path.display()
        )
    })?;
    anyhow::ensure!(
        file.version == 1,
        "`{}` is a baseline of format {}; this mdbook-catalog reads format 1",
        path.display(),
        file.version
    );
    Ok(Baseline(
        file.findings
            .into_iter()
            .map(|e| (e.key, e.count))
            .collect(),
    ))
}

/// Findings accepted earlier, by key, with how many of each.
pub struct Baseline(HashMap<Key, usize>);

impl Baseline {
    /// `findings` less those the baseline records (each entry covers `count` findings);
    /// also returns how many were left out.
    pub fn filter(
        mut self,
        findings: Vec<Finding>,
        sources: &Sources,
        root: &Path,
    ) -> (Vec<Finding>, usize) {
        let before = findings.len();
        let kept: Vec<Finding> = findings
            .into_iter()
            .filter(|f| match self.0.get_mut(&key(f, sources, root)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect();
        let left_out = before - kept.len();
        (kept, left_out)
    }
}
