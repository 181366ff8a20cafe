//! `{{#catalog KIND [ID]}}` in chapter text. Directives inside code spans, code blocks and
//! HTML comments are left alone (inside other HTML, such as `<details>`, they are not);
//! `\{{#catalog ...}}` is an escape that renders the directive as text.
//!
//! [`resolve`] is the one verdict on a directive: `check` reports its errors ([`check`]) and
//! the preprocessor renders what it accepts, so both reach the same verdict.

use std::ops::Range;

use mdbook_markdown::pulldown_cmark::{Event, Tag};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};

use crate::catalog::model::Catalog;
use crate::diag::{Code, Finding, Label};
use crate::render::Request;
use crate::render::interface::Section;
use crate::source::FileId;

const OPEN: &str = "{{#catalog";

/// A directive or an escaped one, found in chapter text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the whole `{{#catalog ...}}` (with the backslash, if escaped).
    pub span: Range<usize>,
    pub escaped: bool,
    /// The words after `{{#catalog`.
    pub args: Vec<String>,
}

/// Every directive outside code, in order.
pub fn find(content: &str) -> Vec<Found> {
    find_outside(content, None)
}

/// [`find`], given the code ranges when the chapter's markdown was already read
/// ([`crate::prose::ProseScan::code`]).
pub fn find_outside(content: &str, code: Option<&[Range<usize>]>) -> Vec<Found> {
    // Most chapters (every generated module page) hold no directive: skip their markdown parse.
    if !content.contains(OPEN) {
        return Vec::new();
    }
    let parsed;
    let code = match code {
        Some(code) => code,
        None => {
            parsed = code_ranges(content);
            &parsed
        }
    };
    // The ranges are in text order and do not overlap: a binary search finds the one that
    // could hold `at`.
    let in_code = |at: usize| {
        let i = code.partition_point(|r| r.start <= at);
        i > 0 && code[i - 1].contains(&at)
    };
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(pos) = content[from..].find(OPEN).map(|p| p + from) {
        from = pos + OPEN.len();
        let after = &content[from..];
        // `{{#catalogue}}` is not ours.
        if !after.starts_with(|c: char| c.is_whitespace() || c == '}') {
            continue;
        }
        let Some(close) = after.find("}}") else { break };
        if in_code(pos) {
            continue;
        }
        let escaped = pos > 0 && content.as_bytes()[pos - 1] == b'\\';
        let start = if escaped { pos - 1 } else { pos };
        let end = from + close + 2;
        found.push(Found {
            span: start..end,
            escaped,
            args: after[..close]
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
        });
        from = end;
    }
    found
}

/// Byte ranges of code spans, code blocks and HTML comments, as mdBook's markdown parser
/// sees them, in text order.
fn code_ranges(content: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for (event, range) in new_cmark_parser(content, &MarkdownOptions::default()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => ranges.push(range),
            Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_)
                if crate::prose::is_html_comment(&content[range.clone()]) =>
            {
                ranges.push(range)
            }
            _ => {}
        }
    }
    ranges
}

/// What is wrong with a directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub help: Option<String>,
}

/// The request a directive's words make of `catalog`, or what is wrong with them: an
/// unknown or misspelt kind, wrong arguments, or an id the catalog does not have. Without a
/// catalog (markdown checked on its own) only the directive's form is judged.
pub fn resolve(args: &[String], catalog: Option<&Catalog>) -> Result<Request, Problem> {
    let request = parse(args).map_err(|message| Problem {
        message,
        help: None,
    })?;
    let Some(catalog) = catalog else {
        return Ok(request);
    };
    let (what, id, known): (&str, &str, Vec<&str>) = match &request {
        Request::Comparison(id) => {
            let known = catalog.comparisons.keys().map(|k| k.get_ref().as_str());
            ("comparison", id, known.collect())
        }
        Request::Module(id)
        | Request::Example(id)
        | Request::Costs(id)
        | Request::Interface(id, _) => {
            let known = catalog.modules.keys().map(|k| k.get_ref().as_str());
            ("module", id, known.collect())
        }
        Request::Intro
        | Request::QuickReference
        | Request::HowToUse
        | Request::Summary
        | Request::Related => return Ok(request),
    };
    if known.contains(&id) {
        return Ok(request);
    }
    let help = crate::suggest::closest(id, known.iter().copied())
        .map(|best| format!("did you mean `{best}`?"))
        .unwrap_or_else(|| format!("the catalog's {what}s: {}", known.join(", ")));
    Err(Problem {
        message: format!("the catalog has no {what} `{id}`"),
        help: Some(help),
    })
}

/// A finding for every directive of `content` (in `file`; `code` as for [`find_outside`])
/// that [`resolve`] rejects. `check` runs it on the markdown it is given, the preprocessor
/// on the book's chapters.
pub fn check(
    content: &str,
    code: Option<&[Range<usize>]>,
    catalog: Option<&Catalog>,
    file: FileId,
) -> Vec<Finding> {
    find_outside(content, code)
        .into_iter()
        .filter(|d| !d.escaped)
        .filter_map(|d| {
            let problem = resolve(&d.args, catalog).err()?;
            let finding = Finding::error(Code::UnknownDirective, problem.message)
                .at(Label::new(file, d.span));
            Some(match problem.help {
                Some(help) => finding.help(help),
                None => finding,
            })
        })
        .collect()
}

/// Turns a directive's words into a request, or says what is wrong.
pub fn parse(args: &[String]) -> Result<Request, String> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let with_id = |make: fn(String) -> Request, kind: &str| match words.as_slice() {
        [_, id] => Ok(make((*id).to_owned())),
        [_] => Err(format!("`{kind}` needs an id: {{{{#catalog {kind} ID}}}}")),
        _ => Err(format!("`{kind}` takes one id, found {}", words.len() - 1)),
    };
    let bare = |request: Request, kind: &str| match words.as_slice() {
        [_] => Ok(request),
        _ => Err(format!("`{kind}` takes no arguments")),
    };
    match words.first().copied() {
        None => Err("empty directive: expected {{#catalog KIND [ID]}}".to_owned()),
        Some(kind @ "intro") => bare(Request::Intro, kind),
        Some(kind @ "quick-reference") => bare(Request::QuickReference, kind),
        Some(kind @ "how-to-use") => bare(Request::HowToUse, kind),
        Some(kind @ "summary") => bare(Request::Summary, kind),
        Some(kind @ "related") => bare(Request::Related, kind),
        Some(kind @ "module") => with_id(Request::Module, kind),
        Some(kind @ "comparison") => with_id(Request::Comparison, kind),
        Some(kind @ "example") => with_id(Request::Example, kind),
        Some(kind @ "costs") => with_id(Request::Costs, kind),
        Some("interface") => match words.as_slice() {
            [_, id] => Ok(Request::Interface((*id).to_owned(), None)),
            [_, id, section] => match Section::parse(section) {
                Some(section) => Ok(Request::Interface((*id).to_owned(), Some(section))),
                None => Err(format!(
                    "unknown interface section `{section}`; expected one of: requirements, providers, modules, resources, inputs, outputs"
                )),
            },
            _ => Err("`interface` takes an id and an optional section: {{#catalog interface ID [inputs]}}".to_owned()),
        },
        Some(other) => Err(
            match crate::suggest::closest(other, Request::KINDS.iter().copied()) {
                Some(best) => format!("unknown directive `{other}`; did you mean `{best}`?"),
                None => format!(
                    "unknown directive `{other}`; expected one of: {}",
                    Request::KINDS.join(", ")
                ),
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_directives_outside_code_only() {
        let text = "a {{#catalog module x}} b `{{#catalog module y}}`\n\n```\n{{#catalog summary}}\n```\n\\{{#catalog summary}} {{#catalogue x}}";
        let found = find(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].args, vec!["module", "x"]);
        assert_eq!(&text[found[0].span.clone()], "{{#catalog module x}}");
        assert!(found[1].escaped);
        assert_eq!(&text[found[1].span.clone()], "\\{{#catalog summary}}");
        let html = "<b>{{#catalog summary}}</b>\n\n    {{#catalog summary}}\n";
        let block = "<details>\n<summary>More</summary>\n{{#catalog summary}}\n</details>\n";
        assert_eq!(find(html).len(), 1, "inline HTML is not code");
        assert_eq!(find(block).len(), 1, "an HTML block is not code");
        let comments = "<!-- {{#catalog summary}} -->\n\nText <!-- {{#catalog intro}} --> and {{#catalog related}}\n";
        let left: Vec<&str> = find(comments)
            .iter()
            .map(|d| &comments[d.span.clone()])
            .collect();
        assert_eq!(
            left,
            ["{{#catalog related}}"],
            "commented-out directives stay off"
        );
        for text in [text, html, block, comments] {
            let scanned = crate::prose::scan(text).code;
            assert_eq!(find_outside(text, Some(&scanned)), find(text), "{text}");
        }
    }

    #[test]
    fn parses_requests() {
        let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            parse(&words("module memcached")),
            Ok(Request::Module("memcached".into()))
        );
        assert_eq!(parse(&words("summary")), Ok(Request::Summary));
        assert!(parse(&words("module")).unwrap_err().contains("needs an id"));
        assert!(
            parse(&words("sumary"))
                .unwrap_err()
                .contains("did you mean `summary`")
        );
    }
}
