//! Line references and cited paths as people write them in markdown:
//! "`/path/file.tf.example` lines 8-27", "lines 8–27", "line 12", `path:8-27`, `path#L8`,
//! links `path#L8-L27` / `path#L12` and repository URLs (the grammar: README, "Checking a
//! hand-written guide"); the code spans beside each reference, which may name the block or
//! attribute it cites; text that reads as a line reference but names no file; and the
//! headings, so a reference can be tied to the module its section names ("**Module**:
//! `terraform/modules/...`" under the `##` heading).
//!
//! Reading only: mdBook's own markdown parser finds code spans, links and headings (so
//! nothing inside code blocks counts); the checks decide what the text means.

use std::ops::Range;

use mdbook_markdown::pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};

use crate::lines::LineRange;

/// How a reference is written, which decides how `fix` rewrites it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// "lines 8-27" or "line 12" after a code span, with the separator and the word's case
    /// as written.
    Lines { sep: &'static str, case: Case },
    /// `L8-L27`, `L8-27` or `L12`: a link fragment, or after a code span. `second_l` keeps
    /// whether the last number had its own `L`.
    Anchor { second_l: bool },
    /// `path:8-27` or `path:12` inside a code span.
    Colon,
}

/// How "lines" was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Lower,
    Capital,
    Upper,
}

impl Case {
    fn of(word: &str) -> Case {
        if word.chars().all(|c| c.is_ascii_uppercase()) {
            Case::Upper
        } else if word.starts_with(|c: char| c.is_ascii_uppercase()) {
            Case::Capital
        } else {
            Case::Lower
        }
    }

    fn apply(self, word: &str) -> String {
        match self {
            Case::Lower => word.to_owned(),
            Case::Upper => word.to_ascii_uppercase(),
            Case::Capital => word[..1].to_ascii_uppercase() + &word[1..],
        }
    }
}

/// Separators between two line numbers, longest first so " - " wins over "-".
const SEPARATORS: [&str; 6] = [" to ", " - ", " – ", "-", "–", "—"];

impl Form {
    /// The range written the way this reference writes it.
    pub fn write(self, range: LineRange) -> String {
        match self {
            Form::Lines { sep, case } => {
                let word = case.apply(if range.first == range.last {
                    "line"
                } else {
                    "lines"
                });
                if range.first == range.last {
                    format!("{word} {}", range.first)
                } else {
                    format!("{word} {}{sep}{}", range.first, range.last)
                }
            }
            Form::Anchor { .. } | Form::Colon if range.first == range.last => {
                let l = if matches!(self, Form::Anchor { .. }) {
                    "L"
                } else {
                    ""
                };
                format!("{l}{}", range.first)
            }
            Form::Anchor { second_l: true } => format!("L{}-L{}", range.first, range.last),
            Form::Anchor { second_l: false } => format!("L{}-{}", range.first, range.last),
            Form::Colon => format!("{}-{}", range.first, range.last),
        }
    }
}

/// A line reference found in prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProseRef {
    /// The file as written (before resolution).
    pub path: String,
    pub lines: LineRange,
    /// Bytes of the whole reference, for messages.
    pub span: Range<usize>,
    /// Bytes that `fix` rewrites: "lines 8-27" (word and numbers) or "L8-L27".
    pub numbers: Range<usize>,
    pub form: Form,
    /// Where "line 1" was typed ("line") vs "lines": both are kept as written.
    pub singular: bool,
    /// Written as a repository URL (`https://github.com/O/R/blob/BRANCH/path#L8-L27`): checked
    /// when the path is a file of this project, and not otherwise (it may name another
    /// repository's file).
    pub remote: bool,
    /// The code spans of the paragraph, list item, table row or heading the reference is
    /// written in (its own path excepted): names such as `aws_instance.web` or
    /// `variable "region"` that may say which block or attribute it cites.
    pub context: Vec<String>,
}

/// A path-like code span or link destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedPath {
    pub text: String,
    pub span: Range<usize>,
    pub link: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub start: usize,
    pub title: String,
}

/// Everything the checks need from one markdown text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ProseScan {
    pub refs: Vec<ProseRef>,
    pub paths: Vec<CitedPath>,
    pub headings: Vec<Heading>,
    /// Code spans and code blocks: where a `{{#catalog}}` directive is text.
    pub code: Vec<Range<usize>>,
    /// Text that reads as a line reference ("lines 8-27", "L8-L27") with no file before it
    /// or link around it: it cannot be checked.
    pub unresolved: Vec<Range<usize>>,
    /// The enclosing heading of each heading, computed once.
    parents: Vec<Option<usize>>,
}

/// Scans `content`.
pub fn scan(content: &str) -> ProseScan {
    let mut out = ProseScan::default();
    let mut heading: Option<Heading> = None;
    // The paragraph, list item, table row or heading each code span and each reference is
    // written in (by the order they open), to give a reference the code spans beside it.
    let mut open: Vec<usize> = Vec::new();
    let mut opened = 0;
    let mut spans: Vec<(Option<usize>, Range<usize>, String)> = Vec::new();
    let mut ref_blocks: Vec<Option<usize>> = Vec::new();
    let mut in_code_block = false;
    let mut events = new_cmark_parser(content, &MarkdownOptions::default()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        match &event {
            Event::Start(
                Tag::Paragraph | Tag::Item | Tag::TableRow | Tag::TableHead | Tag::Heading { .. },
            ) => {
                open.push(opened);
                opened += 1;
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::Heading(_),
            ) => {
                open.pop();
            }
            Event::Code(text) => {
                spans.push((open.last().copied(), range.clone(), text.to_string()))
            }
            _ => {}
        }
        match &event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(_) if !in_code_block => {
                let text = &content[range.clone()];
                // Not a URL's fragment (`blob/main/x.md?plain=1#L264-L268`).
                out.unresolved.extend(
                    LINES_IN_TEXT
                        .find_iter(text)
                        .filter(|m| !text[..m.start()].ends_with('#'))
                        .map(|m| range.start + m.start()..range.start + m.end()),
                );
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(Heading {
                    level: level as u8,
                    start: range.start,
                    title: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => out.headings.extend(heading.take()),
            Event::Text(text) => {
                if let Some(h) = heading.as_mut() {
                    h.title.push_str(&text);
                }
            }
            Event::Code(text) => {
                if let Some(h) = heading.as_mut() {
                    h.title.push_str(&text);
                }
                out.code.push(range.clone());
                code_span(&mut out, content, &text, range);
            }
            Event::Start(Tag::CodeBlock(_)) => out.code.push(range),
            // A commented-out directive stays off.
            Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_)
                if is_html_comment(&content[range.clone()]) =>
            {
                out.code.push(range)
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                // Where the destination is written: in the link itself, or in its
                // reference definition elsewhere in the text.
                let written = match link_type {
                    LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
                        let key = if id.is_empty() {
                            content[range.clone()].trim_matches(['[', ']'])
                        } else {
                            &id
                        };
                        events
                            .reference_definitions()
                            .get(key)
                            .map(|def| def.span.clone())
                    }
                    _ => Some(range.clone()),
                };
                if let Some(written) = written {
                    link(&mut out, content, &dest_url, range, written);
                }
            }
            _ => {}
        }
        ref_blocks.resize(out.refs.len(), open.last().copied());
    }
    out.parents = parents(&out.headings);
    let mut by_block: std::collections::HashMap<usize, Vec<(Range<usize>, String)>> =
        std::collections::HashMap::new();
    for (block, range, text) in spans {
        if let Some(block) = block {
            by_block.entry(block).or_default().push((range, text));
        }
    }
    for (r, block) in out.refs.iter_mut().zip(ref_blocks) {
        let beside = block
            .and_then(|b| by_block.get(&b))
            .map_or(&[][..], Vec::as_slice);
        r.context = beside
            .iter()
            .filter(|(at, _)| at.end <= r.span.start || r.span.end <= at.start)
            .map(|(_, text)| text.clone())
            .collect();
    }
    // What a reference reads is resolved, and so is "lines 3-7 of [a link](…)" or "… of
    // `a path`"; the rest of the text is not.
    let mut read: Vec<Range<usize>> = out.refs.iter().map(|r| r.span.clone()).collect();
    read.sort_by_key(|r| r.start);
    let mut furthest: Vec<usize> = Vec::with_capacity(read.len());
    for r in &read {
        furthest.push(furthest.last().map_or(r.end, |&end| end.max(r.end)));
    }
    out.unresolved.retain(|u| {
        let before_a_file = LINES_OF_FILE.is_match(&content[u.end..]);
        // Some reference starting before `u` ends runs into it.
        let starts_before = read.partition_point(|r| r.start < u.end);
        let overlaps = starts_before > 0 && furthest[starts_before - 1] > u.start;
        !before_a_file && !overlaps
    });
    out
}

/// " of [", " in `": what follows "lines 3-7" that cites a link or a code span.
static LINES_OF_FILE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^[ \t]+(?i:of|in)[ \t]+[\[`]").expect("a valid pattern")
});

/// "line 12", "lines 8-27", "Lines 8 to 27", "L8-L27" in running text.
static LINES_IN_TEXT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i:\blines?[ \t]+\d+(?:[ \t]*(?:-|–|—|to)[ \t]*\d+)?\b)|\bL\d+-L?\d+\b")
        .expect("a valid pattern")
});

/// Whether an HTML block or inline HTML is a comment (`<!-- … -->`).
pub(crate) fn is_html_comment(html: &str) -> bool {
    html.trim_start().starts_with("<!--")
}

/// For each heading, the nearest earlier heading of a higher level: one pass with a stack of
/// the open headings.
fn parents(headings: &[Heading]) -> Vec<Option<usize>> {
    let mut open: Vec<usize> = Vec::new();
    headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            while open.last().is_some_and(|&o| headings[o].level >= h.level) {
                open.pop();
            }
            let parent = open.last().copied();
            open.push(i);
            parent
        })
        .collect()
}

/// A path as written in prose: no spaces, a `/`, not a URL, and no placeholder or glob
/// (`<env>`, `{env}`, `*`), which names many files or none.
fn looks_like_path(text: &str) -> bool {
    !text.is_empty()
        && !text.contains(char::is_whitespace)
        && text.contains('/')
        && !text.contains("://")
        && !has_placeholder(text)
}

/// Records `path`, written inside the code span `text` at `range`, as a cited path; returns
/// where `text` starts in the content (after the backticks).
fn code_span_path(
    out: &mut ProseScan,
    content: &str,
    text: &str,
    range: &Range<usize>,
    path: &str,
) -> usize {
    out.paths.push(CitedPath {
        text: path.to_owned(),
        span: range.clone(),
        link: false,
    });
    content[range.clone()]
        .find(text)
        .map_or(range.start, |i| range.start + i)
}

/// A file path with spaces in it (`docs/my file.tf`): one line with a `/`, a file name with
/// an extension at the end, nothing a shell command or an expression would have (flags,
/// operators, quotes).
fn spaced_file(text: &str) -> bool {
    let name = text.rsplit('/').next().unwrap_or(text);
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    !text.contains(['\n', '&', '|', ';', '$', '=', '`', '"', '\'', '(', ')'])
        && !text.contains("://")
        && text.contains('/')
        && !text.split_whitespace().any(|word| word.starts_with('-'))
        && !has_placeholder(text)
        && !text.starts_with(char::is_whitespace)
        && !text.ends_with(char::is_whitespace)
        && !extension.is_empty()
        && extension.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A file name a line reference can cite without a directory: `main.tf:12`.
fn looks_like_file(text: &str) -> bool {
    looks_like_path(text)
        || [".tf", ".tf.example", ".tfvars", ".hcl", ".md"]
            .iter()
            .any(|ext| {
                text.len() > ext.len()
                    && text.ends_with(ext)
                    && !text.contains(char::is_whitespace)
                    && !text.contains(':')
                    && !has_placeholder(text)
            })
}

/// `path:12` or `path:8-27`: the path and the numbers' byte range within `text`.
fn colon_lines(text: &str) -> Option<(&str, Range<usize>, LineRange)> {
    let (path, numbers) = text.rsplit_once(':')?;
    let (a, b) = numbers.split_once('-').unwrap_or((numbers, numbers));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if !looks_like_file(path) || !all_digits(a) || !all_digits(b) {
        return None;
    }
    let lines = LineRange::new(a.parse().ok()?, b.parse().ok()?);
    Some((path, path.len() + 1..text.len(), lines))
}

/// A code span: a cited path if it looks like one, a reference if "lines A-B" or "L8-L27"
/// follows it, "lines A-B of" comes before it, or it ends in `:A-B` or `#L8-L27`.
fn code_span(out: &mut ProseScan, content: &str, text: &str, range: Range<usize>) {
    // `path#L8-L11`: a link's anchor written in a code span.
    if let Some((path, fragment)) = text.rsplit_once('#')
        && let Some(lines) = anchor_lines(fragment)
        && looks_like_file(path)
    {
        let inner = code_span_path(out, content, text, &range, path);
        out.refs.push(anchor_ref(
            path.to_owned(),
            lines,
            range,
            inner + path.len() + 1,
            fragment,
        ));
        return;
    }
    if let Some((path, numbers, lines)) = colon_lines(text) {
        let inner = code_span_path(out, content, text, &range, path);
        out.refs.push(ProseRef {
            path: path.to_owned(),
            lines,
            span: range.clone(),
            numbers: inner + numbers.start..inner + numbers.end,
            form: Form::Colon,
            singular: lines.first == lines.last,
            remote: false,
            context: Vec::new(),
        });
        return;
    }
    // A file name alone (`main.tf`) or with a space is a path only where a line reference
    // says so: on its own, `cd terraform && make plan` would be one too.
    let cited = || {
        anchor_after(content, range.end).is_some()
            || lines_after(content, range.end).is_some()
            || lines_before(content, range.start).is_some()
    };
    if !(looks_like_path(text) || (spaced_file(text) || looks_like_file(text)) && cited()) {
        return;
    }
    out.paths.push(CitedPath {
        text: text.to_owned(),
        span: range.clone(),
        link: false,
    });
    if let Some((numbers, lines, second_l)) = anchor_after(content, range.end) {
        out.refs.push(ProseRef {
            path: text.to_owned(),
            lines,
            span: range.start..numbers.end,
            numbers,
            form: Form::Anchor { second_l },
            singular: lines.first == lines.last,
            remote: false,
            context: Vec::new(),
        });
        return;
    }
    let found = lines_after(content, range.end)
        .map(|found| {
            let span = range.start..found.0.end;
            (found, span)
        })
        .or_else(|| {
            lines_before(content, range.start).map(|found| {
                let span = found.0.start..range.end;
                (found, span)
            })
        });
    if let Some(((numbers, lines, sep, singular), span)) = found {
        let word: String = content[numbers.clone()]
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        out.refs.push(ProseRef {
            path: text.to_owned(),
            lines,
            span,
            numbers,
            form: Form::Lines {
                sep,
                case: Case::of(&word),
            },
            singular,
            remote: false,
            context: Vec::new(),
        });
    }
}

/// " lines 8-27", " lines 8–27", " lines 8 to 27", " line 12" right after `at` (on the same
/// line or the next, optional comma): the bytes from the word to the last digit, the range, the separator,
/// and whether the word was "line".
fn lines_after(content: &str, at: usize) -> Option<(Range<usize>, LineRange, &'static str, bool)> {
    let rest = &content[at..];
    // Within the paragraph: a wrapped line is fine, a blank line ends it.
    let mut newlines = 0;
    let word_at = rest.len()
        - rest
            .trim_start_matches(|c| match c {
                ' ' | '\t' | ',' | ':' | '(' | '\r' => true,
                '\n' => {
                    newlines += 1;
                    newlines == 1
                }
                _ => false,
            })
            .len();
    let after_ws = &rest[word_at..];
    let (singular, after_word) = if let Some(r) = strip_word(after_ws, "lines") {
        (false, r)
    } else {
        (true, strip_word(after_ws, "line")?)
    };
    let skip = after_word.len() - after_word.trim_start_matches([' ', '\t']).len();
    let start = at + word_at + (after_ws.len() - after_word.len()) + skip;
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let text = &content[start..];
    let a = digits(text);
    if a == 0 {
        return None;
    }
    let first: usize = text[..a].parse().ok()?;
    let second = SEPARATORS.iter().find_map(|sep| {
        let after = text[a..].strip_prefix(sep)?;
        let b = digits(after);
        (b > 0).then(|| (*sep, a + sep.len() + b, &after[..b]))
    });
    let (sep, end, last) = match second {
        Some((sep, end, last)) => (sep, end, last.parse().ok()?),
        None => ("-", a, first),
    };
    Some((
        at + word_at..start + end,
        LineRange::new(first, last),
        sep,
        singular,
    ))
}

/// "lines 38-57 of " or "line 12 in " right before `at`, on the same line.
fn lines_before(content: &str, at: usize) -> Option<(Range<usize>, LineRange, &'static str, bool)> {
    let before = content[..at].rsplit('\n').next().unwrap_or_default();
    let line_start = at - before.len();
    let lower = before.to_ascii_lowercase();
    let joint = [" of ", " in "].iter().find(|j| lower.ends_with(*j))?;
    let numbers_end = line_start + before.len() - joint.len();
    // The last "line" word of the text before the joint starts the phrase.
    let word = lower[..before.len() - joint.len()].rfind("line")?;
    let word_at = line_start + word;
    let found = lines_after(content, word_at)?;
    (found.0.start == word_at && found.0.end == numbers_end).then_some(found)
}

/// " L38-L57", " L38-57" or " L12" (optionally in parentheses) right after `at`: the bytes
/// of the numbers, the range, and whether the last number has its own `L`.
fn anchor_after(content: &str, at: usize) -> Option<(Range<usize>, LineRange, bool)> {
    let rest = &content[at..];
    let skip = rest.len() - rest.trim_start_matches([' ', '\t', ',', '(']).len();
    let text = &rest[skip..];
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(text.len());
    let word = &text[..end];
    let lines = anchor_lines(word)?;
    Some((at + skip..at + skip + end, lines, second_l(word)))
}

fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    let rest = &text[word.len()..];
    (head.eq_ignore_ascii_case(word) && rest.starts_with([' ', '\t'])).then_some(rest)
}

/// A link: a cited path unless it is a URL or an in-page anchor; a reference with `#L..`.
fn link(
    out: &mut ProseScan,
    content: &str,
    dest: &str,
    range: Range<usize>,
    written: Range<usize>,
) {
    if let Some((path, fragment)) = github_blob(dest)
        && let Some(lines) = anchor_lines(fragment)
        && let Some(dest_at) = destination_at(content, written.clone(), dest)
    {
        let numbers_start = dest_at + dest.len() - fragment.len();
        let anchor = anchor_ref(percent_decoded(path), lines, range, numbers_start, fragment);
        out.refs.push(ProseRef {
            remote: true,
            ..anchor
        });
        return;
    }
    if dest.is_empty()
        || dest.starts_with('#')
        || dest.contains("://")
        || dest.starts_with("mailto:")
    {
        return;
    }
    let (raw_path, fragment) = dest.split_once('#').unwrap_or((dest, ""));
    let path = &percent_decoded(raw_path);
    let Some(dest_at) = destination_at(content, written, dest) else {
        return; // written with escapes or entities: not ours to rewrite
    };
    if !looks_like_link_path(path) {
        return;
    }
    out.paths.push(CitedPath {
        text: path.to_owned(),
        span: dest_at..dest_at + dest.len(),
        link: true,
    });
    let Some(lines) = anchor_lines(fragment) else {
        return;
    };
    let numbers_start = dest_at + raw_path.len() + 1;
    out.refs.push(anchor_ref(
        path.to_owned(),
        lines,
        range,
        numbers_start,
        fragment,
    ));
}

/// A link's line fragment as a reference: `fragment` (`L8-L27`) starts at `numbers_start`.
fn anchor_ref(
    path: String,
    lines: LineRange,
    span: Range<usize>,
    numbers_start: usize,
    fragment: &str,
) -> ProseRef {
    ProseRef {
        path,
        lines,
        span,
        numbers: numbers_start..numbers_start + fragment.len(),
        form: Form::Anchor {
            second_l: second_l(fragment),
        },
        singular: lines.first == lines.last,
        remote: false,
        context: Vec::new(),
    }
}

/// `https://github.com/OWNER/REPO/blob/BRANCH/path#L8-L27`: the path (with a leading `/`, the
/// repository's root) and the fragment.
fn github_blob(dest: &str) -> Option<(&str, &str)> {
    let rest = dest
        .strip_prefix("https://github.com/")
        .or_else(|| dest.strip_prefix("http://github.com/"))?;
    let (url, fragment) = rest.split_once('#')?;
    let mut parts = url.splitn(5, '/');
    let (_owner, _repo, blob, branch, path) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    // A commit's permalink cites the file as it was then, which never changes.
    let commit = branch.len() >= 7 && branch.bytes().all(|c| c.is_ascii_hexdigit());
    if blob != "blob" || path.is_empty() || commit {
        return None;
    }
    // The path as a root-relative path: from the `/` that precedes it in the URL, up to a
    // query (`?plain=1`).
    let at = dest.len() - fragment.len() - 1 - path.len() - 1;
    let with_query = &dest[at..dest.len() - fragment.len() - 1];
    Some((with_query.split('?').next().unwrap_or(with_query), fragment))
}

/// A link destination that names one file: no placeholder or glob (`<env>`, `{env}`, `*`).
fn looks_like_link_path(path: &str) -> bool {
    !has_placeholder(path)
}

/// `<env>`, `{env}` or `*`: a path that names many files or none.
fn has_placeholder(text: &str) -> bool {
    text.contains(['<', '>', '{', '}', '*'])
}

/// `%20` and the like decoded, as a browser does before asking for the file; text that is
/// not valid percent-encoded UTF-8 is kept as written.
fn percent_decoded(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// Byte offset of the destination in `content[written]`: the first copy that follows `(`,
/// `<` or `]:` (so a title repeating it is not taken), or the first copy at all.
fn destination_at(content: &str, written: Range<usize>, dest: &str) -> Option<usize> {
    let source = content.get(written.clone())?;
    let mut from = 0;
    while let Some(i) = source[from..].find(dest).map(|i| i + from) {
        let before = source[..i].trim_end_matches([' ', '\t', '\n']);
        if before.ends_with(['(', '<']) || before.ends_with("]:") {
            return Some(written.start + i);
        }
        from = i + dest.len().max(1);
    }
    source.find(dest).map(|i| written.start + i)
}

/// Whether a range written in place of `anchor` gives its last number an `L`: as written,
/// and GitHub's way (`L3-L7`) when the anchor was a single line.
fn second_l(anchor: &str) -> bool {
    !anchor.contains('-') || anchor.contains("-L")
}

/// `L8-L27`, `L8-27` or `L12`.
fn anchor_lines(fragment: &str) -> Option<LineRange> {
    let rest = fragment.strip_prefix('L')?;
    let (a, b) = match rest.split_once('-') {
        Some((a, b)) => (a, b.strip_prefix('L').unwrap_or(b)),
        None => (rest, rest),
    };
    let number = |s: &str| {
        (!s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    Some(LineRange::new(number(a)?, number(b)?))
}

impl ProseScan {
    /// Index of the innermost heading whose section holds byte `at` (headings are in text
    /// order: a binary search).
    pub fn section_at(&self, at: usize) -> Option<usize> {
        self.headings
            .partition_point(|h| h.start <= at)
            .checked_sub(1)
    }

    /// The heading that encloses section `index` (the nearest earlier one of a higher level).
    pub fn parent(&self, index: usize) -> Option<usize> {
        self.parents.get(index).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_urls_are_remote_references_and_names_beside_them_their_context() {
        let scan = scan(
            "- `aws_instance.web`: [web](https://github.com/o/r/blob/main/x.tf#L3-L9), \
             [local](x.tf#L3-L9)\n- `var.other`\n",
        );
        let refs: Vec<(&str, bool, &[String])> = scan
            .refs
            .iter()
            .map(|r| (r.path.as_str(), r.remote, r.context.as_slice()))
            .collect();
        let beside = ["aws_instance.web".to_owned()];
        let plain = super::scan("[a](https://github.com/o/r/blob/main/docs/a.md?plain=1#L2-L4)");
        assert_eq!(plain.refs[0].path, "/docs/a.md");
        assert_eq!(
            refs,
            vec![("/x.tf", true, &beside[..]), ("x.tf", false, &beside[..])]
        );
    }

    #[test]
    fn a_destination_is_the_copy_after_its_opener_not_the_text_or_title_repeating_it() {
        // (content, written range, destination, expected offset in content)
        let cases = [
            ("> [abc](abc)", 2..12, "abc", Some(8)),
            ("x [abc](abc)", 0..12, "abc", Some(8)),
            ("[x.tf]( x.tf \"x.tf\")", 0..20, "x.tf", Some(8)),
            ("[x.tf]: x.tf", 0..12, "x.tf", Some(8)),
            ("see <x.tf>", 4..10, "x.tf", Some(5)),
            ("x.tf and x.tf", 0..13, "x.tf", Some(0)),
            ("> [x.tf] x.tf", 2..13, "x.tf", Some(3)),
            ("[a](b)", 0..6, "c", None),
        ];
        for (content, written, dest, expected) in cases {
            assert_eq!(
                destination_at(content, written, dest),
                expected,
                "{content:?}"
            );
        }
    }

    #[test]
    fn a_line_anchor_is_digits_after_each_l() {
        let lines = |f: &str| anchor_lines(f).map(|r| (r.first, r.last));
        assert_eq!(lines("L8-L27"), Some((8, 27)));
        assert_eq!(lines("L8-27"), Some((8, 27)));
        assert_eq!(lines("L12"), Some((12, 12)));
        // `str::parse` takes a sign; an anchor does not.
        for not_lines in ["L+5", "L3-+4", "L", "L3-", "L-4", "Lx", "L3-L4x", "12"] {
            assert_eq!(lines(not_lines), None, "{not_lines}");
        }
    }

    #[test]
    fn percent_escapes_are_decoded_and_the_rest_kept() {
        assert_eq!(percent_decoded("a%20b%41%2fc%zz%4"), "a bA/c%zz%4");
    }

    #[test]
    fn a_single_line_is_one_line_in_every_form() {
        // Messages say "line 12" or "lines 3-4" as the reference reads.
        let scan =
            scan("`x.tf:12`, `x.tf:3-4`, `/x.tf#L5`, `/x.tf#L5-L6`, `/x.tf` L7, `/x.tf` L7-L8");
        let singular: Vec<bool> = scan.refs.iter().map(|r| r.singular).collect();
        assert_eq!(singular, [true, false, true, false, true, false]);
    }

    #[test]
    fn a_block_closed_inside_an_item_keeps_its_names() {
        // A tight item: the heading closes and the text after it is the item's own.
        let scan = scan("- ### `aws_instance.web`\n  See `/main.tf` lines 3-4 with `var.x`.\n");
        assert_eq!(scan.refs.len(), 1);
        assert_eq!(scan.refs[0].context, ["var.x"]);
    }

    #[test]
    fn finds_every_form() {
        let text = "See `/a/x.tf.example` lines 8-27 and `b/y.tf` lines 8–27, `c/z.tf` line 12.\n\
                    [block](/a/x.tf.example#L8-L27) and [one](d/w.tf#L3).\n\n```\n`/no/x.tf` lines 1-2\n```\n";
        let scan = scan(text);
        let refs: Vec<(&str, LineRange, Form)> = scan
            .refs
            .iter()
            .map(|r| (r.path.as_str(), r.lines, r.form))
            .collect();
        assert_eq!(
            refs,
            vec![
                (
                    "/a/x.tf.example",
                    LineRange::new(8, 27),
                    Form::Lines {
                        sep: "-",
                        case: Case::Lower
                    }
                ),
                (
                    "b/y.tf",
                    LineRange::new(8, 27),
                    Form::Lines {
                        sep: "–",
                        case: Case::Lower
                    }
                ),
                (
                    "c/z.tf",
                    LineRange::new(12, 12),
                    Form::Lines {
                        sep: "-",
                        case: Case::Lower
                    }
                ),
                (
                    "/a/x.tf.example",
                    LineRange::new(8, 27),
                    Form::Anchor { second_l: true }
                ),
                (
                    "d/w.tf",
                    LineRange::new(3, 3),
                    Form::Anchor { second_l: true }
                ),
            ]
        );
        assert_eq!(&text[scan.refs[1].numbers.clone()], "lines 8–27");
        assert_eq!(&text[scan.refs[3].numbers.clone()], "L8-L27");
        assert_eq!(scan.paths.len(), 5);
    }

    #[test]
    fn rewrites_in_the_written_form() {
        let upper = Form::Lines {
            sep: " to ",
            case: Case::Upper,
        };
        assert_eq!(upper.write(LineRange::new(9, 28)), "LINES 9 to 28");
        let found = scan("`a/x.tf` lines 2 - 6 and `a/y.tf` LINES 2 to 6");
        assert_eq!(found.refs[0].lines, LineRange::new(2, 6));
        assert_eq!(
            found.refs[1].form,
            Form::Lines {
                sep: " to ",
                case: Case::Upper
            }
        );
        assert_eq!(
            Form::Lines {
                sep: "–",
                case: Case::Lower
            }
            .write(LineRange::new(9, 28)),
            "lines 9–28"
        );
        assert_eq!(
            Form::Lines {
                sep: "-",
                case: Case::Capital
            }
            .write(LineRange::new(9, 9)),
            "Line 9"
        );
        assert_eq!(
            Form::Anchor { second_l: true }.write(LineRange::new(9, 28)),
            "L9-L28"
        );
        assert_eq!(
            Form::Anchor { second_l: true }.write(LineRange::new(9, 9)),
            "L9"
        );
    }

    #[test]
    fn sections_nest_by_level() {
        let scan = scan("# A\n## B\n**Module**: `m/x`\n### C\ntext\n## D\n");
        let c = scan.section_at(scan.headings[2].start + 5).unwrap();
        assert_eq!(scan.headings[c].title, "C");
        assert_eq!(scan.headings[scan.parent(c).unwrap()].title, "B");
        assert_eq!(scan.parent(scan.parent(c).unwrap()), Some(0));
    }
}

#[cfg(test)]
mod link_tests {
    use super::*;

    #[test]
    fn reference_links_are_found_in_their_definition() {
        let text = "See [the block][b] now.\n\n[b]: /e/x.tf.example#L2-L6\n";
        let found = scan(text);
        assert_eq!(&text[found.refs[0].numbers.clone()], "L2-L6");
        let titled = "[it](/e/x.tf#L2-L6 \"/e/x.tf#L2-L6\")";
        let found = scan(titled);
        assert_eq!(&titled[found.refs[0].numbers.clone()], "L2-L6");
        assert_eq!(
            found.refs[0].numbers.start, 13,
            "the destination, not the title"
        );
    }

    #[test]
    fn sections_and_parents_follow_heading_levels() {
        let text = "intro\n# A\n## B\ntext b\n### C\n## D\n# E\n### F\n";
        let scan = scan(text);
        let titles: Vec<&str> = scan.headings.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(titles, ["A", "B", "C", "D", "E", "F"]);
        let parents: Vec<Option<usize>> = (0..6).map(|i| scan.parent(i)).collect();
        assert_eq!(parents, [None, Some(0), Some(1), Some(0), None, Some(4)]);
        assert_eq!(scan.section_at(0), None);
        assert_eq!(scan.section_at(text.find("text b").unwrap()), Some(1));
        assert_eq!(scan.section_at(text.len()), Some(5));
        assert_eq!(scan.section_at(text.find("# A").unwrap()), Some(0));
    }
}

#[cfg(test)]
mod boundary_tests {
    use super::*;

    /// (path, lines, the bytes `fix` rewrites) of each reference in `text`.
    fn refs(text: &str) -> Vec<(String, LineRange, String)> {
        scan(text)
            .refs
            .into_iter()
            .map(|r| (r.path, r.lines, text[r.numbers].to_owned()))
            .collect()
    }

    fn r(path: &str, first: usize, last: usize, numbers: &str) -> (String, LineRange, String) {
        (
            path.to_owned(),
            LineRange::new(first, last),
            numbers.to_owned(),
        )
    }

    #[test]
    fn a_reference_is_a_path_then_the_word_then_numbers() {
        let text = "`a/x.tf`, lines 3-4. `a/y.tf`: line 7. `a/z.tf`\tLines\t10 to 12. \
                    `a/w.tf` LINES 5 – 6.";
        assert_eq!(
            refs(text),
            vec![
                r("a/x.tf", 3, 4, "lines 3-4"),
                r("a/y.tf", 7, 7, "line 7"),
                r("a/z.tf", 10, 12, "Lines\t10 to 12"),
                r("a/w.tf", 5, 6, "LINES 5 – 6"),
            ]
        );
        let scanned = scan(text);
        let cases: Vec<(Form, bool)> = scanned.refs.iter().map(|r| (r.form, r.singular)).collect();
        assert_eq!(
            cases,
            vec![
                (
                    Form::Lines {
                        sep: "-",
                        case: Case::Lower
                    },
                    false
                ),
                (
                    Form::Lines {
                        sep: "-",
                        case: Case::Lower
                    },
                    true
                ),
                (
                    Form::Lines {
                        sep: " to ",
                        case: Case::Capital
                    },
                    false
                ),
                (
                    Form::Lines {
                        sep: " – ",
                        case: Case::Upper
                    },
                    false
                ),
            ]
        );
        assert_eq!(&text[scanned.refs[0].span.clone()], "`a/x.tf`, lines 3-4");
    }

    #[test]
    fn other_words_and_missing_numbers_are_no_reference() {
        for text in [
            "`a/x.tf` needs 5 minutes",
            "`a/x.tf` linesman 5",
            "`a/x.tf` lines",
            "`a/x.tf` lines x-4",
            "`a/x.tf`\n\nlines 3-4",
            "`a/x.tf` and lines 3-4",
        ] {
            let found = scan(text);
            assert_eq!(found.refs, vec![], "{text}");
            assert_eq!(found.paths.len(), 1, "{text}");
        }
        // "lines 3-" ends at the first number.
        assert_eq!(
            refs("`a/x.tf` lines 3-."),
            vec![r("a/x.tf", 3, 3, "lines 3")]
        );
    }

    #[test]
    fn code_spans_are_paths_only_when_they_look_like_one() {
        let text = "`a/b` `word` `two words/x` `https://x.io/a` `/abs` ``";
        let paths: Vec<String> = scan(text).paths.into_iter().map(|p| p.text).collect();
        assert_eq!(paths, ["a/b", "/abs"]);
    }

    #[test]
    fn links_are_paths_unless_urls_or_anchors_and_line_fragments_are_references() {
        let text = "[a](https://x.io/a/b) [b](#local) [c](mailto:a@b.c) [d](docs/a.md) \
                    [e](t/a.tf#L3-L5) [f](t/b.tf#L3-5) [g](t/c.tf#L7) [h](t/d.tf#Lx) \
                    [i](t/e.tf#top) [j](<t/f g.tf#L1-L2>)";
        let found = scan(text);
        let paths: Vec<(&str, bool)> = found
            .paths
            .iter()
            .map(|p| (p.text.as_str(), p.link))
            .collect();
        assert_eq!(
            paths,
            [
                ("docs/a.md", true),
                ("t/a.tf", true),
                ("t/b.tf", true),
                ("t/c.tf", true),
                ("t/d.tf", true),
                ("t/e.tf", true),
                ("t/f g.tf", true),
            ]
        );
        assert_eq!(&text[found.paths[1].span.clone()], "t/a.tf#L3-L5");
        assert_eq!(
            refs(text),
            vec![
                r("t/a.tf", 3, 5, "L3-L5"),
                r("t/b.tf", 3, 5, "L3-5"),
                r("t/c.tf", 7, 7, "L7"),
                r("t/f g.tf", 1, 2, "L1-L2"),
            ]
        );
        assert_eq!(&text[found.refs[0].span.clone()], "[e](t/a.tf#L3-L5)");
        assert!(found.refs[2].singular && !found.refs[0].singular);
    }

    #[test]
    fn code_and_html_comments_hide_directives() {
        let text = "a `{{#catalog x}}` b\n\n<!-- {{#catalog y}} -->\n\n<b>bold</b> <!-- z -->\n\n```\ncode\n```\n";
        let code: Vec<&str> = scan(text).code.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            code,
            [
                "`{{#catalog x}}`",
                "<!-- {{#catalog y}} -->\n",
                "<!-- z -->",
                "```\ncode\n```"
            ]
        );
    }

    #[test]
    fn headings_keep_their_text_and_code() {
        let found = scan("# The `cache` module\n\n## Two\n");
        let titles: Vec<(&str, u8)> = found
            .headings
            .iter()
            .map(|h| (h.title.as_str(), h.level))
            .collect();
        assert_eq!(titles, [("The cache module", 1), ("Two", 2)]);
        assert_eq!(found.headings[1].start, 22);
        assert_eq!(found.parent(1), Some(0));
        assert_eq!(found.parent(0), None);
        assert_eq!(found.parent(7), None);
    }
}
