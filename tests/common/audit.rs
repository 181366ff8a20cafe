//! Audits a built site for what hostile repository text must never produce: elements or
//! attributes outside an allow-list in page content, script URLs, bytes of files outside the
//! project, and search-index breadcrumbs that mdBook's `searcher.js` would insert as markup.
//!
//! Pages are tokenized with html5ever (the tokenizer mdBook itself uses), so the audit reads
//! markup as a browser does, not as a regular expression would.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// A tag as the chrome comparison sees it: end tag or not, name, attribute names.
pub type Signature = (bool, String, Vec<String>);

/// Every page's tag sequence outside `<main>`, by path relative to the site.
pub type Chrome = BTreeMap<PathBuf, Vec<Signature>>;

/// One start or end tag: its name and attributes, values decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagToken {
    pub end: bool,
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

#[derive(Default)]
struct Collector {
    tags: RefCell<Vec<TagToken>>,
}

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            let name = tag.name.to_string();
            let start = tag.kind == TagKind::StartTag;
            self.tags.borrow_mut().push(TagToken {
                end: !start,
                name: name.clone(),
                attrs: tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect(),
            });
            if start {
                match name.as_str() {
                    "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" => return TokenSinkResult::RawData(RawKind::Rawtext),
                    "textarea" | "title" => return TokenSinkResult::RawData(RawKind::Rcdata),
                    _ => {}
                }
            }
        }
        TokenSinkResult::Continue
    }
}

/// The tags of an HTML text, in order.
pub fn tags(html: &str) -> Vec<TagToken> {
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(html));
    let tokenizer = Tokenizer::new(Collector::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.tags.take()
}

/// Elements chapter content may hold (inside `<main>`).
const CONTENT_ELEMENTS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "details",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "wbr",
];

/// Attributes chapter content may carry.
const CONTENT_ATTRIBUTES: &[&str] = &[
    "alt",
    "aria-hidden",
    "aria-label",
    "class",
    "href",
    "id",
    "name",
    "role",
    "src",
    "start",
    "style",
    "title",
];

/// Whether a URL, as a browser reads it, runs script or embeds a document.
pub fn script_url(value: &str) -> bool {
    let cleaned: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "data:", "vbscript:"]
        .iter()
        .any(|s| cleaned.starts_with(s))
}

/// Problems of one page. `chrome` is the page's tag sequence outside `<main>` in a build of
/// the same book from harmless text: outside `<main>` the page must match it tag for tag.
pub fn page_problems(html: &str, chrome: Option<&[Signature]>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut in_main = 0usize;
    let mut outside = Vec::new();
    for tag in tags(html) {
        for (name, value) in &tag.attrs {
            if name.starts_with("on") {
                problems.push(format!("event handler `{name}` on <{}>", tag.name));
            }
            if matches!(
                name.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href" | "srcset" | "poster"
            ) && script_url(value)
            {
                problems.push(format!("script URL `{value}` in <{} {name}>", tag.name));
            }
        }
        if tag.name == "main" {
            if tag.end {
                in_main = in_main.saturating_sub(1);
            } else {
                in_main += 1;
            }
            outside.push(signature(&tag));
            continue;
        }
        if in_main == 0 {
            outside.push(signature(&tag));
            continue;
        }
        if !CONTENT_ELEMENTS.contains(&tag.name.as_str()) {
            problems.push(format!("element <{}> in the content", tag.name));
        }
        for (name, value) in &tag.attrs {
            if !CONTENT_ATTRIBUTES.contains(&name.as_str()) {
                problems.push(format!(
                    "attribute `{name}` on <{}> in the content",
                    tag.name
                ));
            }
            // Table alignment, and print.html's page breaks between chapters.
            if name == "style"
                && !value.starts_with("text-align:")
                && value != "break-before: page; page-break-before: always;"
            {
                problems.push(format!("style `{value}` in the content"));
            }
        }
    }
    if let Some(chrome) = chrome
        && outside != chrome
    {
        let first = outside
            .iter()
            .zip(chrome)
            .position(|(a, b)| a != b)
            .unwrap_or(outside.len().min(chrome.len()));
        problems.push(format!(
            "the page outside <main> differs from mdBook's at tag {first}: {:?} vs {:?}",
            outside.get(first),
            chrome.get(first)
        ));
    }
    problems
}

fn signature(tag: &TagToken) -> Signature {
    let mut names: Vec<String> = tag.attrs.iter().map(|(n, _)| n.clone()).collect();
    names.sort();
    (tag.end, tag.name.clone(), names)
}

/// Every page's tag sequence outside `<main>`, by path relative to the site.
pub fn chrome(site: &Path) -> Chrome {
    files(site)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|path| {
            let html = std::fs::read_to_string(&path).unwrap();
            let mut in_main = 0usize;
            let mut outside = Vec::new();
            for tag in tags(&html) {
                if tag.name == "main" {
                    in_main = if tag.end { in_main - 1 } else { in_main + 1 };
                } else if in_main > 0 {
                    continue;
                }
                outside.push(signature(&tag));
            }
            (path.strip_prefix(site).unwrap().to_path_buf(), outside)
        })
        .collect()
}

/// Every file under `dir`.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The breadcrumbs of every document in the site's search index.
pub fn breadcrumbs(site: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for path in files(site) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("searchindex") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let json: serde_json::Value = if name.ends_with(".json") {
            serde_json::from_str(&text).unwrap()
        } else {
            // mdBook writes `JSON.parse('…')` with `\` and `'` escaped by a backslash.
            let start = text
                .find("JSON.parse('")
                .expect("JSON.parse in searchindex.js")
                + 12;
            let end = text.rfind("')").expect("end of the JSON string");
            let mut json = String::with_capacity(end - start);
            let mut chars = text[start..end].chars();
            while let Some(c) = chars.next() {
                json.push(if c == '\\' { chars.next().unwrap() } else { c });
            }
            serde_json::from_str(&json).unwrap()
        };
        collect_breadcrumbs(&json, &mut out);
    }
    out
}

fn collect_breadcrumbs(json: &serde_json::Value, out: &mut Vec<String>) {
    match json {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match value {
                    serde_json::Value::String(s) if key == "breadcrumbs" => out.push(s.clone()),
                    _ => collect_breadcrumbs(value, out),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                collect_breadcrumbs(item, out);
            }
        }
        _ => {}
    }
}

/// Problems of a whole site: every page audited (outside `<main>` against `chrome` when
/// given), no file holding any of `secrets`, no breadcrumb that is markup.
pub fn site_problems(site: &Path, chrome: Option<&Chrome>, secrets: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    for path in files(site) {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let shown = path.strip_prefix(site).unwrap().to_path_buf();
        for secret in secrets {
            if text.contains(secret) {
                problems.push(format!("{}: holds the secret `{secret}`", shown.display()));
            }
        }
        if path.extension().is_some_and(|e| e == "html") {
            let expected = chrome.and_then(|c| c.get(&shown)).map(Vec::as_slice);
            problems.extend(
                page_problems(&text, expected)
                    .into_iter()
                    .map(|p| format!("{}: {p}", shown.display())),
            );
        }
    }
    for crumb in breadcrumbs(site) {
        if tags(&crumb).iter().any(|t| !t.end) {
            problems.push(format!("search breadcrumbs `{crumb}` hold markup"));
        }
    }
    problems
}
