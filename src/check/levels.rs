//! How loud each finding is: the catalog's `[check]` levels (per code, and per path glob),
//! then the inline suppressions written beside what a finding points at. Applied to every
//! run's findings in [`super::run`], so `check` and `build` report alike.
//!
//! A suppression names codes and sits in a comment on the line a finding points at, or on
//! the line above it: `<!-- mdbook-catalog: allow(ref-misaligned) -->` in markdown,
//! `# mdbook-catalog: allow(uncatalogued-block)` in `.tf` / `.tf.example` files (and in
//! catalog.toml). Any label counts, so a comment above a block in the example file silences
//! the findings about that block wherever it is cited from.

use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::catalog::model::CheckLevels;
use crate::diag::{Code, Finding, Label, Severity};
use crate::source::Sources;

/// What a level list does to a finding of its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Error,
    Warn,
    Allow,
}

/// The catalog's `[check]` table, compiled.
pub struct Levels {
    base: Vec<(Code, Level)>,
    per_path: Vec<(GlobSet, Vec<(Code, Level)>)>,
}

fn listed(error: &[Code], warn: &[Code], allow: &[Code]) -> Vec<(Code, Level)> {
    [
        (error, Level::Error),
        (warn, Level::Warn),
        (allow, Level::Allow),
    ]
    .into_iter()
    .flat_map(|(codes, level)| codes.iter().map(move |&c| (c, level)))
    .collect()
}

impl Levels {
    /// Compiles `[check]`; an invalid glob is a finding at `label_of(its span)`.
    pub fn new(
        table: &CheckLevels,
        label_of: impl Fn(std::ops::Range<usize>) -> Label,
    ) -> (Levels, Vec<Finding>) {
        let mut problems = Vec::new();
        let per_path = table
            .per_path
            .iter()
            .map(|entry| {
                let mut set = GlobSetBuilder::new();
                for glob in &entry.paths {
                    match Glob::new(glob.get_ref()) {
                        Ok(g) => {
                            set.add(g);
                        }
                        Err(err) => problems.push(
                            Finding::error(
                                Code::Schema,
                                format!("`{}` is not a path glob: {}", glob.get_ref(), err.kind()),
                            )
                            .at(label_of(glob.span()))
                            .help("write a glob such as `docs/legacy/**` or `*.md`"),
                        ),
                    }
                }
                let set = set.build().unwrap_or_else(|_| GlobSet::empty());
                (set, listed(&entry.error, &entry.warn, &entry.allow))
            })
            .collect();
        let levels = Levels {
            base: listed(&table.error, &table.warn, &table.allow),
            per_path,
        };
        (levels, problems)
    }

    /// The level for `code` in the file at `path` (root-relative), if `[check]` sets one.
    fn level(&self, code: Code, path: Option<&Path>) -> Option<Level> {
        let find =
            |list: &[(Code, Level)]| list.iter().rev().find(|(c, _)| *c == code).map(|(_, l)| *l);
        let mut level = find(&self.base);
        if let Some(path) = path {
            for (globs, list) in &self.per_path {
                if globs.is_match(path) {
                    level = find(list).or(level);
                }
            }
        }
        level
    }
}

/// `findings` after levels and suppressions: `allow`ed and suppressed ones dropped, the
/// rest at their level. `root` makes the findings' paths root-relative for the globs.
pub fn apply(
    findings: Vec<Finding>,
    levels: &Levels,
    sources: &Sources,
    root: &Path,
) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|mut finding| {
            if suppressed(&finding, sources) {
                return None;
            }
            let path = finding
                .primary
                .as_ref()
                .map(|l| relative(&sources.get(l.file).read_from, root));
            match levels.level(finding.code, path.as_deref()) {
                Some(Level::Allow) => None,
                Some(Level::Warn) => {
                    finding.severity = Severity::Warning;
                    Some(finding)
                }
                Some(Level::Error) => {
                    finding.severity = Severity::Error;
                    Some(finding)
                }
                None => Some(finding),
            }
        })
        .collect()
}

/// `path` as the root sees it (sources hold paths as shown, relative to the current
/// directory or absolute).
pub fn relative(path: &Path, root: &Path) -> std::path::PathBuf {
    use crate::containment::{normalize_absolute, relative_to};
    relative_to(path, root).unwrap_or_else(|| {
        std::path::absolute(path).map_or_else(|_| path.to_path_buf(), |p| normalize_absolute(&p))
    })
}

/// Whether a comment on the line of one of `finding`'s labels, or on the line above it,
/// allows the finding's code.
fn suppressed(finding: &Finding, sources: &Sources) -> bool {
    finding
        .primary
        .iter()
        .chain(&finding.secondary)
        .any(|label| {
            let file = sources.get(label.file);
            let (line, _) = file.line_col(label.span.start.min(file.text.len()));
            (line.saturating_sub(1).max(1)..=line)
                .any(|l| l <= file.line_count() && allows(file.line(l), finding.code))
        })
}

/// Whether `line` holds a suppression comment naming `code`.
fn allows(line: &str, code: Code) -> bool {
    const MARK: &str = "mdbook-catalog: allow(";
    let Some(at) = line.find(MARK) else {
        return false;
    };
    let before = line[..at].trim_end();
    // `#` and `//` open a comment at the start of a line or after a space.
    let opens = |mark: &str| {
        before
            .strip_suffix(mark)
            .is_some_and(|b| b.is_empty() || b.ends_with(char::is_whitespace))
    };
    let in_comment = before.ends_with("<!--") || opens("#") || opens("//");
    let rest = &line[at + MARK.len()..];
    let codes = rest.split(')').next().unwrap_or("");
    in_comment && codes.split(',').any(|c| c.trim() == code.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppression_comments() {
        let moved = Code::RefMoved;
        for yes in [
            "<!-- mdbook-catalog: allow(ref-moved) -->",
            "See x.tf lines 1-3 <!-- mdbook-catalog: allow(ref-changed, ref-moved) -->",
            "# mdbook-catalog: allow(ref-moved)",
            "  // mdbook-catalog: allow( ref-moved )",
        ] {
            assert!(allows(yes, moved), "{yes}");
        }
        for no in [
            "mdbook-catalog: allow(ref-moved)",
            "<!-- mdbook-catalog: allow(ref-changed) -->",
            "# mdbook-catalog: allow(ref-moved-x)",
            "`# mdbook-catalog: allow(ref-moved)` in code",
        ] {
            assert!(!allows(no, moved), "{no}");
        }
    }
}
