//! `{{#catalog KIND [ID]}}` in chapter text. Directives inside code spans and code blocks
//! are left alone; `\{{#catalog ...}}` is an escape that renders the directive as text.

use std::ops::Range;

use mdbook_markdown::pulldown_cmark::{Event, Tag};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};

use crate::render::Request;
use crate::render::interface::Section;

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
    let in_code = |at: usize| code.iter().any(|r| r.contains(&at));
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

/// Byte ranges of code spans and code blocks, as mdBook's markdown parser sees them.
fn code_ranges(content: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for (event, range) in new_cmark_parser(content, &MarkdownOptions::default()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::CodeBlock(_))
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::Html(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges
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
        for text in [text, html] {
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
