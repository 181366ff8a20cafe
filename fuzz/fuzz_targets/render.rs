//! The output-encoding boundary: arbitrary text in every context the renderer writes
//! (plain text, the catalog's inline markdown, code, code blocks, table cells, headings),
//! assembled into one page, read as mdBook reads markdown and rendered to HTML. Checked:
//! no `{{` reaches mdBook's `links` preprocessor, no markdown-made link, image or heading
//! attribute, only allow-listed elements and attributes, no script URL, and heading text that
//! stays text when mdBook's search inserts it as HTML.
#![no_main]

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use libfuzzer_sys::fuzz_target;
use mdbook_catalog::render::encode;
use mdbook_markdown::pulldown_cmark::{Event, Tag, TagEnd, html};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};

const ELEMENTS: &[&str] = &[
    "h1", "p", "strong", "em", "del", "code", "a", "img", "br", "pre", "span", "table", "thead",
    "tbody", "tr", "th", "td",
];
const ATTRIBUTES: &[&str] = &["href", "src", "alt", "title", "class", "style", "name"];

#[derive(Default)]
struct Sink {
    tags: RefCell<Vec<(bool, String, Vec<(String, String)>)>>,
}

impl TokenSink for Sink {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            let attrs = tag
                .attrs
                .iter()
                .map(|a| (a.name.local.to_string(), a.value.to_string()))
                .collect();
            self.tags
                .borrow_mut()
                .push((tag.kind == TagKind::StartTag, tag.name.to_string(), attrs));
        }
        TokenSinkResult::Continue
    }
}

fn start_tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(html));
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    let tags = tokenizer.sink.tags.take();
    tags.into_iter()
        .filter(|(start, ..)| *start)
        .map(|(_, name, attrs)| (name, attrs))
        .collect()
}

fn script_url(value: &str) -> bool {
    let v: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "data:", "vbscript:"].iter().any(|s| v.starts_with(s))
}

fuzz_target!(|data: &[u8]| {
    let Ok(t) = std::str::from_utf8(data) else { return };
    let (text, inline, code) = (encode::text(t), encode::inline(t), encode::code(t));
    let (pre, cell_pre) = (encode::pre(t, "hcl"), encode::cell_pre(t));
    for (name, out) in [
        ("text", &text),
        ("inline", &inline),
        ("code", &code),
        ("pre", &pre),
        ("cell_pre", &cell_pre),
    ] {
        assert!(!out.contains("{{"), "{name}: `{{{{` in {out:?}");
        assert!(name == "pre" || !out.contains('\n'), "{name}: a line break in {out:?}");
    }
    let page = encode::finish(format!(
        "# {inline}\n\n{text} {inline} {code}\n\n| a | b |\n|---|---|\n| {inline} | {cell_pre} |\n\n{pre}\n"
    ));
    let options = MarkdownOptions::default();
    let mut heading = false;
    let mut heading_text = String::new();
    for event in new_cmark_parser(&page, &options) {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                panic!("a markdown link or image in {page:?}")
            }
            Event::Start(Tag::Heading { id, classes, attrs, .. }) => {
                assert!(id.is_none() && classes.is_empty() && attrs.is_empty(), "{page:?}");
                heading = true;
            }
            Event::End(TagEnd::Heading(_)) => heading = false,
            Event::Text(s) | Event::Code(s) if heading => heading_text.push_str(s),
            _ => {}
        }
    }
    // mdBook's searcher.js inserts heading text, decoded, as HTML.
    assert!(start_tags(&heading_text).is_empty(), "heading text {heading_text:?}");
    let mut out = String::new();
    html::push_html(&mut out, new_cmark_parser(&page, &options));
    for (name, attrs) in start_tags(&out) {
        assert!(ELEMENTS.contains(&name.as_str()), "<{name}> in {out:?}");
        for (attr, value) in attrs {
            assert!(ATTRIBUTES.contains(&attr.as_str()), "{attr} on <{name}> in {out:?}");
            assert!(!script_url(&value), "{attr}={value:?} in {out:?}");
        }
    }
});
