//! Presentation of findings: rustc-style text (through annotate-snippets) and JSON lines.
//! Formatting only; nothing here decides what is wrong.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde_json::json;

use super::finding::{Finding, Severity};
use crate::source::Sources;

/// Renders findings the way rustc does, with snippets of every labelled file.
pub fn human(findings: &[Finding], sources: &Sources, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for finding in findings {
        out.push_str(&renderer.render(&report(finding, sources)));
        out.push_str("\n\n");
    }
    out
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

fn report<'a>(finding: &'a Finding, sources: &'a Sources) -> Vec<Group<'a>> {
    let mut group = Group::with_title(
        level(finding.severity)
            .primary_title(finding.message.as_str())
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
        let mut snippet = Snippet::source(source.text.as_str())
            .path(source.path.to_string_lossy().into_owned())
            .fold(true);
        for (label, primary) in labels.clone().filter(|(l, _)| l.file == file) {
            let kind = if primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            let span = clamp(label.span.clone(), &source.text);
            snippet = snippet.annotation(kind.span(span).label(label.note.as_deref()));
        }
        group = group.element(snippet);
    }
    let mut groups = vec![group];
    for help in &finding.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    groups
}

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
        out.push_str(&value.to_string());
        out.push('\n');
    }
    out
}

/// GitHub Actions workflow commands, one per finding: `::error file=F,line=L,...::message`.
pub fn github(findings: &[Finding], sources: &Sources) -> String {
    let mut out = String::new();
    for finding in findings {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut properties = vec![format!("title={}", property(finding.code.as_str()))];
        if let Some(label) = &finding.primary {
            let file = sources.get(label.file);
            let (line, column) = file.line_col(label.span.start);
            let (end_line, _) = file.line_col(label.span.end);
            properties.insert(
                0,
                format!("file={}", property(&file.path.to_string_lossy())),
            );
            properties.insert(1, format!("line={line},endLine={end_line},col={column}"));
        }
        let mut message = finding.message.clone();
        for help in &finding.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            properties.join(","),
            data(&message)
        ));
    }
    out
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
