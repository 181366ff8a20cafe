//! Presentation of findings: rustc-style text (through annotate-snippets), JSON lines and
//! GitHub workflow commands. Formatting only; nothing here decides what is wrong.
//!
//! File names, messages and source text come from the repository: every format passes them
//! through [`printable`], so no control character reaches a terminal or a CI log raw.

use std::borrow::Cow;
use std::collections::HashMap;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde_json::json;

use super::finding::{Code, Finding, Label, Severity};
use crate::source::{FileId, Sources};

/// How [`printable`] writes what it escapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// One line of text: `\u{1b}`; tabs stay, line breaks are escaped too.
    Line,
    /// Text of several lines: as [`Escape::Line`], but `\n` (and `\r\n`) stay.
    Lines,
    /// Serialized JSON, whose strings serde already escapes below U+0020: `\u009b`, a JSON
    /// escape that decodes to the same text.
    Json,
}

/// Whether `c` can drive a terminal or hide text: C0 controls, DEL, C1 controls (U+0080 to
/// U+009F, where U+009B starts an escape sequence) and the bidirectional overrides and
/// isolates (which reorder what a reader sees).
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character that could rewrite a terminal or a CI log line escaped
/// (see [`Escape`]); borrowed when there is none. The one escaping function of every
/// output format.
pub fn printable(text: &str, how: Escape) -> Cow<'_, str> {
    escape_with_shifts(text, how).0
}

/// [`printable`], with where the text grew: (byte offset in `text` of an escaped character,
/// growth up to and including it), in order.
fn escape_with_shifts(text: &str, how: Escape) -> (Cow<'_, str>, Vec<(usize, usize)>) {
    let keep = |at: usize, c: char| match c {
        '\t' => how != Escape::Json,
        '\n' => how == Escape::Lines,
        '\r' => how == Escape::Lines && text[at + 1..].starts_with('\n'),
        _ => false,
    };
    let mut escaped = text
        .char_indices()
        .filter(|&(at, c)| is_unsafe(c) && !keep(at, c))
        .peekable();
    if escaped.peek().is_none() {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut shifts = Vec::new();
    let mut last = 0;
    for (at, c) in escaped {
        out.push_str(&text[last..at]);
        let before = out.len();
        match how {
            Escape::Json => out.push_str(&format!("\\u{:04x}", c as u32)),
            Escape::Line | Escape::Lines => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
        let growth = shifts.last().map_or(0, |&(_, g)| g) + (out.len() - before) - c.len_utf8();
        shifts.push((at, growth));
        last = at + c.len_utf8();
    }
    out.push_str(&text[last..]);
    (Cow::Owned(out), shifts)
}

/// Where byte `at` of a text went in its escaped form.
fn shifted(shifts: &[(usize, usize)], at: usize) -> usize {
    let before = shifts.partition_point(|&(start, _)| start < at);
    at + before.checked_sub(1).map_or(0, |i| shifts[i].1)
}

/// A labelled file, made printable once for all findings: its path, its text, and the
/// growth of its text for moving spans.
struct Shown<'a> {
    path: String,
    text: Cow<'a, str>,
    shifts: Vec<(usize, usize)>,
}

/// Renders findings the way rustc does, with snippets of every labelled file; the citations
/// of one moved or changed block are shown as one finding ([`super::group::by_block`]).
pub fn human(findings: &[Finding], sources: &Sources, color: bool) -> String {
    let findings: &Vec<Finding> = &super::group::by_block(findings)
        .into_iter()
        .map(|f| first_line_of_moved_block(f, sources))
        .collect();
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut shown = HashMap::new();
    for finding in findings {
        for label in finding.primary.iter().chain(&finding.secondary) {
            shown.entry(label.file).or_insert_with(|| {
                let source = sources.get(label.file);
                let (text, shifts) = escape_with_shifts(&source.text, Escape::Lines);
                Shown {
                    path: printable(&source.path.to_string_lossy(), Escape::Line).into_owned(),
                    text,
                    shifts,
                }
            });
        }
    }
    let mut out = String::new();
    for finding in findings {
        out.push_str(&renderer.render(&report(finding, sources, &shown)));
        out.push_str("\n\n");
    }
    out
}

/// A block that moved is unchanged: its first line (and the note with its new extent) says
/// where it went, so the snippet shows that line instead of the whole block.
fn first_line_of_moved_block(mut finding: Finding, sources: &Sources) -> Finding {
    if finding.code == Code::RefMoved
        && let Some(block) = finding.secondary.first_mut()
    {
        let text = &sources.get(block.file).text;
        let start = block.span.start.min(text.len());
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        block.span = start..end.min(block.span.end.max(start));
    }
    finding
}

/// The closing line of a run with findings, as cargo ends a failed build:
/// `error: 3 errors, 2 warnings in 2 files`; `None` when there are no errors or warnings.
pub fn summary(findings: &[Finding]) -> Option<String> {
    let findings = &super::group::by_block(findings);
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    if errors + warnings == 0 {
        return None;
    }
    let mut files: Vec<FileId> = findings
        .iter()
        .filter(|f| f.severity != Severity::Note)
        .filter_map(|f| f.primary.as_ref().map(|l| l.file))
        .collect();
    files.sort();
    files.dedup();
    let n =
        |count: usize, what: &str| format!("{count} {what}{}", if count == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(n(errors, "error"));
    }
    if warnings > 0 {
        parts.push(n(warnings, "warning"));
    }
    let level = if errors > 0 { "error" } else { "warning" };
    let files = match files.len() {
        0 => String::new(),
        count => format!(" in {}", n(count, "file")),
    };
    Some(format!("{level}: {}{files}", parts.join(", ")))
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

fn report<'a>(
    finding: &'a Finding,
    sources: &'a Sources,
    shown: &'a HashMap<FileId, Shown<'a>>,
) -> Vec<Group<'a>> {
    let mut group = Group::with_title(
        level(finding.severity)
            .primary_title(printable(&finding.message, Escape::Lines))
            .id(finding.code.as_str()),
    );
    // One snippet per file, primary file first, in the order labels name them.
    let labels = finding.primary.iter().map(|l| (l, true));
    let labels = labels.chain(finding.secondary.iter().map(|l| (l, false)));
    let mut files = Vec::new();
    for (label, _) in labels.clone() {
        if !files.contains(&label.file) {
            files.push(label.file);
        }
    }
    for file in files {
        let source = sources.get(file);
        let file_shown = &shown[&file];
        let mut in_file: Vec<_> = labels
            .clone()
            .filter(|(l, _)| l.file == file)
            .map(|(label, primary)| (label, primary, clamp(label.span.clone(), &source.text)))
            .collect();
        in_file.sort_by_key(|(_, _, span)| span.start);
        // The renderer is given only the lines around each cluster of nearby labels, not
        // the whole file: a file with many findings, or one finding labelling blocks far
        // apart, is then read once per label's lines, not once per finding.
        let mut clusters: Vec<Vec<_>> = Vec::new();
        let mut cluster_end = 0;
        for item in in_file {
            let (first_line, _) = source.line_col(item.2.start);
            let (last_line, _) = source.line_col(item.2.end);
            match clusters.last_mut() {
                Some(cluster) if first_line <= cluster_end + CLUSTER_GAP => cluster.push(item),
                _ => clusters.push(vec![item]),
            }
            cluster_end = cluster_end.max(last_line);
        }
        // The cluster with the primary label comes first: it gets the `-->` location.
        clusters.sort_by_key(|cluster| !cluster.iter().any(|(_, primary, _)| *primary));
        for cluster in clusters {
            let first = cluster.iter().map(|(_, _, s)| s.start).min().unwrap_or(0);
            let last = cluster.iter().map(|(_, _, s)| s.end).max().unwrap_or(0);
            let (first_line, _) = source.line_col(first);
            let (last_line, _) = source.line_col(last);
            let window = source.line_span(first_line).start..source.line_span(last_line).end;
            let shown_window = shifted(&file_shown.shifts, window.start)
                ..shifted(&file_shown.shifts, window.end).max(shifted(&file_shown.shifts, last));
            let text = &file_shown.text[shown_window.clone()];
            let mut snippet = Snippet::source(text)
                .line_start(first_line)
                .path(file_shown.path.as_str())
                .fold(true);
            for (label, primary, span) in cluster {
                let kind = if primary {
                    AnnotationKind::Primary
                } else {
                    AnnotationKind::Context
                };
                let span = shifted(&file_shown.shifts, span.start) - shown_window.start
                    ..shifted(&file_shown.shifts, span.end) - shown_window.start;
                let note = label.note.as_deref().map(|n| printable(n, Escape::Line));
                snippet = snippet.annotation(kind.span(span).label(note));
            }
            group = group.element(snippet);
        }
    }
    let mut groups = vec![group];
    for help in &finding.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(printable(help, Escape::Lines)),
        ));
    }
    groups
}

/// Labels of one file at most this many lines apart share a snippet; farther ones get a
/// snippet each (`:::`), as rustc shows distant spans.
const CLUSTER_GAP: usize = 8;

/// Keeps a span inside the text and on character boundaries, so a stale span cannot panic.
fn clamp(span: std::ops::Range<usize>, text: &str) -> std::ops::Range<usize> {
    let fit = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = fit(span.start);
    start..fit(span.end).max(start)
}

/// One JSON object per finding, one per line: `code`, `severity`, `message`, `file`,
/// `line`, `column` (of the primary location), `cited` and `actual` ("A-B", for line
/// references), `related`, `help`, `fix`.
pub fn json_lines(findings: &[Finding], sources: &Sources) -> String {
    let mut out = String::new();
    for finding in findings {
        let loc = |label: &crate::diag::Label| {
            let file = sources.get(label.file);
            let (line, column) = file.line_col(label.span.start);
            let (end_line, end_column) = file.line_col(label.span.end);
            json!({
                "file": file.path.to_string_lossy(),
                "line": line, "column": column,
                "end_line": end_line, "end_column": end_column,
                "note": label.note,
            })
        };
        let primary = finding.primary.as_ref().map(loc);
        let field = |name: &str| primary.as_ref().and_then(|p| p.get(name).cloned());
        let value = json!({
            "code": finding.code,
            "severity": finding.severity,
            "message": finding.message,
            "file": field("file"),
            "line": field("line"),
            "column": field("column"),
            "cited": finding.cited.map(|r| r.to_string()),
            "actual": finding.actual.map(|r| r.to_string()),
            "location": primary,
            "related": finding.secondary.iter().map(loc).collect::<Vec<_>>(),
            "help": finding.help,
            "fix": finding.fix.as_ref().map(|fix| json!({
                "title": fix.title,
                "applicability": fix.applicability,
                "edits": fix.edits.iter().map(|e| json!({
                    "file": sources.get(e.file).path.to_string_lossy(),
                    "start": e.span.start, "end": e.span.end,
                    "replacement": e.replacement,
                })).collect::<Vec<_>>(),
            })),
        });
        out.push_str(&printable(&value.to_string(), Escape::Json));
        out.push('\n');
    }
    out
}

/// GitHub Actions workflow commands, one per finding: `::error file=F,line=L,...::message`.
pub fn github(findings: &[Finding], sources: &Sources) -> String {
    let mut out = String::new();
    for finding in findings {
        let mut message = finding.message.clone();
        for help in &finding.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&annotation(
            finding,
            finding.primary.as_ref(),
            &message,
            sources,
        ));
    }
    // A block that moved or changed is annotated where it is now, in the file the pull
    // request touched, once, naming every citation that is now stale.
    for finding in super::group::by_block(findings) {
        let (Some(cited), Some(block)) = (&finding.primary, finding.secondary.first()) else {
            continue;
        };
        if !matches!(finding.code, Code::RefMoved | Code::RefChanged) || cited.file == block.file {
            continue;
        }
        let citations: Vec<String> = std::iter::once(cited)
            .chain(finding.secondary.iter().skip(1))
            .map(|label| {
                let file = sources.get(label.file);
                let (line, _) = file.line_col(label.span.start);
                format!("{}:{line}", file.path.display())
            })
            .collect();
        let message = format!(
            "{}\nhelp: cited at {}; run `mdbook-catalog fix`",
            finding.message,
            citations.join(", ")
        );
        out.push_str(&annotation(&finding, Some(block), &message, sources));
    }
    out
}

/// One workflow command: `finding`'s severity and code, at `label` when there is one.
fn annotation(
    finding: &Finding,
    label: Option<&Label>,
    message: &str,
    sources: &Sources,
) -> String {
    let command = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut properties = vec![format!("title={}", property(finding.code.as_str()))];
    if let Some(label) = label {
        let file = sources.get(label.file);
        let (line, column) = file.line_col(label.span.start);
        let (end_line, _) = file.line_col(label.span.end);
        properties.insert(
            0,
            format!(
                "file={}",
                property(&printable(&file.path.to_string_lossy(), Escape::Line))
            ),
        );
        properties.insert(1, format!("line={line},endLine={end_line},col={column}"));
    }
    format!(
        "::{command} {}::{}\n",
        properties.join(","),
        data(&printable(message, Escape::Lines))
    )
}

/// Escapes a workflow command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        let text = "a\u{1b}[2J\tb\u{7}\rc\u{7f}\u{9b}d\u{202e}\r\ne\n";
        assert_eq!(
            printable(text, Escape::Line),
            "a\\u{1b}[2J\tb\\u{7}\\u{d}c\\u{7f}\\u{9b}d\\u{202e}\\u{d}\\u{a}e\\u{a}"
        );
        assert_eq!(
            printable(text, Escape::Lines),
            "a\\u{1b}[2J\tb\\u{7}\\u{d}c\\u{7f}\\u{9b}d\\u{202e}\r\ne\n"
        );
        assert_eq!(printable("\"\u{9b}\"", Escape::Json), "\"\\u009b\"");
        assert!(matches!(
            printable("plain é", Escape::Line),
            Cow::Borrowed(_)
        ));
    }

    /// The renderer is given the finding's lines only; what it prints is as if it had the
    /// whole file: the line numbers, the `-->` location, the labelled text.
    #[test]
    fn a_finding_deep_in_a_file_shows_its_own_lines() {
        use crate::diag::{Code, Label};
        use crate::source::SourceFile;
        let text: String = (1..=2000).map(|n| format!("line {n}\n")).collect();
        let mut sources = Sources::default();
        let file = sources.add(SourceFile::new("big.tf", text.clone()));
        let start = text.find("line 1500").unwrap();
        let span = start..text.find("line 1502").unwrap() + "line 1502".len();
        let findings = [Finding::error(Code::BrokenPath, "here".to_owned())
            .at(Label::new(file, span).with_note("these three".to_owned()))];
        let out = human(&findings, &sources, false);
        assert!(out.contains("--> big.tf:1500:1"), "{out}");
        for line in ["1500 | / line 1500", "1502 | | line 1502"] {
            assert!(out.contains(line), "{line} not in\n{out}");
        }
        assert!(
            !out.contains("line 1499") && !out.contains("line 1503"),
            "{out}"
        );
    }

    /// Labels far apart in one file get a snippet each, the primary's first.
    #[test]
    fn distant_labels_get_a_snippet_each() {
        use crate::diag::{Code, Label};
        use crate::source::SourceFile;
        let text: String = (1..=2000).map(|n| format!("line {n}\n")).collect();
        let mut sources = Sources::default();
        let file = sources.add(SourceFile::new("big.tf", text.clone()));
        let at = |n: usize| {
            let start = text.find(&format!("line {n}\n")).unwrap();
            start..start + format!("line {n}").len()
        };
        let findings = [Finding::error(Code::RefAmbiguous, "two".to_owned())
            .at(Label::new(file, at(1800)))
            .also(Label::new(file, at(10)).with_note("and here".to_owned()))];
        let out = human(&findings, &sources, false);
        let primary = out.find("--> big.tf:1800:1").expect(&out);
        let other = out.find("::: big.tf:10:1").expect(&out);
        assert!(primary < other, "{out}");
        assert!(
            !out.contains("line 11\n") && !out.contains("line 1799"),
            "{out}"
        );
    }

    #[test]
    fn spans_move_with_the_escapes() {
        let text = "\u{1b}ab\u{9b}c";
        let (escaped, shifts) = escape_with_shifts(text, Escape::Lines);
        let at = |i: usize| shifted(&shifts, i);
        // `a` and `c` are where they were, in the escaped text.
        assert_eq!(&escaped[at(1)..at(2)], "a");
        assert_eq!(&escaped[at(5)..at(6)], "c");
        // A span over an escaped character covers its escape.
        assert_eq!(&escaped[at(3)..at(5)], "\\u{9b}");
        assert_eq!(at(0), 0);
    }
}
