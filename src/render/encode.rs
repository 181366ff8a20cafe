//! The output-encoding boundary: every byte of repository text (catalog fields, `.tf` names,
//! descriptions, types and defaults, example-file lines) reaches a generated page through one
//! of the functions here, each for the context it is written into.
//!
//! What comes out is markdown that mdBook reads as HTML and text only, never as structure:
//!
//! - text is entity-encoded: `& < >` for HTML (and `" '` in attributes), and every character
//!   that markdown, mdBook's `links` preprocessor (`{{#include}}` in any spacing or brace
//!   count) or heading attribute syntax (`{#id onfocus=…}`) could read as syntax
//!   (`` \ ` * _ [ ] { } | ~ # ``);
//! - the markdown catalog fields may use ([`inline`]) is parsed here, and only emphasis, strong,
//!   strikethrough, code spans, line breaks, links and images come out, as HTML elements; link
//!   and image URLs must be `http`, `https`, `mailto` or relative ([`url`]); everything else
//!   (block syntax, raw HTML, other schemes) is shown as written;
//! - code blocks are `<pre><code class="language-…">` HTML blocks: HCL highlighted here
//!   ([`super::highlight`]), other languages by highlight.js in the browser, as fenced blocks;
//! - mdBook's search puts heading text and chapter names back into the page as HTML, decoded
//!   and joined across elements: [`finish`] and [`chapter_name`] put a zero-width space after
//!   every `<` there.
//!
//! Since no function here emits a literal `{`, `[` or `` ` `` from repository text, nothing the
//! tool renders can form a directive, a link or a reference definition, alone or joined with
//! the output of another field.

use std::fmt::Write as _;
use std::ops::Range;

use mdbook_markdown::pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};

/// Zero-width space: after `<`, it keeps the `<` from opening a tag when mdBook's search
/// inserts heading text as HTML, and is invisible on the page.
const ZWSP: char = '\u{200B}';

/// Plain text, shown exactly as written on one line (line breaks become spaces).
pub fn text(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    push_text(&mut out, input, Breaks::Space);
    guard_line_start(out)
}

/// Text inside a `<pre>` HTML block: line breaks kept, HTML and braces encoded.
fn pre_text(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    push_pre_text(&mut out, input);
    out
}

/// Appends text for the inside of a `<pre>` HTML block (see [`pre_text`]).
pub(crate) fn push_pre_text(out: &mut String, input: &str) {
    push_text(out, input, Breaks::Keep);
}

/// Inline code: `<code>` with the text as written.
pub fn code(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 16);
    out.push_str("<code>");
    push_text(&mut out, input, Breaks::Space);
    out.push_str("</code>");
    out
}

/// A code block as an HTML block on lines of its own: `<pre><code class="language-LANG">`.
/// HCL is highlighted here ([`super::highlight`]), other languages by highlight.js in the
/// browser as a fenced block is; markdown and mdBook's preprocessors see none of its text.
pub fn pre(input: &str, lang: &str) -> String {
    let lang: String = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{lang}\"")
    };
    let input = input.trim_end_matches(['\n', '\r']);
    // HCL is coloured here: the browser's highlight.js has no grammar for it.
    let body = if lang == "hcl" {
        super::highlight::hcl(input)
    } else {
        pre_text(input)
    };
    format!("<pre><code{class}>{body}</code></pre>")
}

/// A multi-line value inside a table cell: a `<pre>` on one markdown line, line breaks as
/// `<br/>`.
pub fn cell_pre(input: &str) -> String {
    // Inside a table cell markdown is read: every line fully encoded, its indentation kept.
    let lines: Vec<String> = input
        .lines()
        .map(|line| {
            let mut out = String::with_capacity(line.len() + 8);
            push_text(&mut out, line, Breaks::Space);
            out
        })
        .collect();
    format!("<pre>{}</pre>", lines.join("<br/>"))
}

/// A value for an HTML attribute between double quotes.
pub fn attr(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    push_text(&mut out, input, Breaks::Attribute);
    out
}

/// A link or image destination, if its scheme is allowed (`http`, `https`, `mailto`, or
/// none: a relative path or `#fragment`), percent-encoded where a URL must be and ready for
/// an attribute.
pub fn url(input: &str) -> Option<String> {
    let trimmed = input.trim();
    if !allowed_scheme(trimmed) {
        return None;
    }
    let mut out = String::with_capacity(trimmed.len() + 8);
    for c in trimmed.chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' => out.push(c),
            '-' | '.' | '_' | '/' | ':' | '?' | '=' | '%' | ',' | ';' | '+' | '@' | '#' | '~'
            | '!' => out.push(c),
            // `&` is legal in URLs but opens an entity in HTML.
            '&' => out.push_str("&amp;"),
            c => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
        }
    }
    Some(out)
}

/// Whether a destination names no scheme, or an allowed one. A scheme is what precedes the
/// first `:` when no `/`, `?` or `#` comes before it.
fn allowed_scheme(dest: &str) -> bool {
    if dest.chars().any(|c| c.is_control()) {
        return false;
    }
    let Some(colon) = dest.find(':') else {
        return true;
    };
    let before = &dest[..colon];
    if before.contains(['/', '?', '#']) {
        return true;
    }
    ["http", "https", "mailto"]
        .iter()
        .any(|s| before.eq_ignore_ascii_case(s))
}

/// The markdown catalog fields may use, as HTML: emphasis, strong, strikethrough, code spans,
/// links and images with allowed URLs, hard line breaks; paragraphs joined by a blank line's
/// worth of `<br>`. Everything else is shown as written. The result is one line.
pub fn inline(input: &str) -> String {
    // Most fields are plain prose: without a character that could start markup they need
    // no parse (each parse costs a parser's set-up, and a page has dozens of fields).
    if !input.contains(|c: char| "*_`[]<>!&\\~\n\r".contains(c) || c.is_control()) {
        return text(input);
    }
    let mut out = String::with_capacity(input.len() + input.len() / 4);
    let parser = Parser::new_ext(input, Options::ENABLE_STRIKETHROUGH).into_offset_iter();
    let mut blocks = 0;
    let mut depth = 0usize;
    // Elements shown as written (block syntax, links whose URL was refused): their events
    // are skipped to the element's end; this is how many of its elements are open.
    let mut skipping = 0usize;
    // While inside an allowed image: its alt text is being written into the attribute.
    let mut in_image = false;
    for (event, range) in parser {
        if skipping > 0 {
            match event {
                Event::Start(_) => skipping += 1,
                Event::End(_) => skipping -= 1,
                _ => {}
            }
            continue;
        }
        if in_image {
            // The alt text, written into the attribute: its text stays, its markup goes.
            match event {
                Event::Start(_) => depth += 1,
                Event::End(TagEnd::Image) => {
                    depth -= 1;
                    in_image = false;
                    out.push_str("\">");
                }
                Event::End(_) => depth -= 1,
                Event::Text(t) | Event::Code(t) => push_text(&mut out, &t, Breaks::Attribute),
                _ => out.push(' '),
            }
            continue;
        }
        match event {
            Event::Start(tag) => {
                let top = depth == 0;
                depth += 1;
                if top {
                    if blocks > 0 {
                        out.push_str("<br><br>");
                    }
                    blocks += 1;
                    if !matches!(tag, Tag::Paragraph) {
                        // Block syntax (headings, lists, quotes, code blocks, HTML blocks,
                        // tables) is shown as written.
                        push_source(&mut out, &input[range.clone()]);
                        skipping = 1;
                        depth -= 1;
                        continue;
                    }
                }
                let is_image = matches!(tag, Tag::Image { .. });
                match tag {
                    Tag::Emphasis => out.push_str("<em>"),
                    Tag::Strong => out.push_str("<strong>"),
                    Tag::Strikethrough => out.push_str("<del>"),
                    Tag::Link {
                        dest_url, title, ..
                    }
                    | Tag::Image {
                        dest_url, title, ..
                    } => {
                        let Some(target) = url(&dest_url) else {
                            // A refused URL: the link or image is shown as written.
                            push_text(&mut out, &input[range.clone()], Breaks::Space);
                            skipping = 1;
                            depth -= 1;
                            continue;
                        };
                        let (element, attribute) = if is_image {
                            ("img", "src")
                        } else {
                            ("a", "href")
                        };
                        let _ = write!(out, "<{element} {attribute}=\"{target}\"");
                        if !title.is_empty() {
                            let _ = write!(out, " title=\"{}\"", attr(&title));
                        }
                        if is_image {
                            // The alt text follows, written into the attribute.
                            out.push_str(" alt=\"");
                            in_image = true;
                        } else {
                            out.push('>');
                        }
                    }
                    _ => {}
                }
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                match tag {
                    TagEnd::Emphasis => out.push_str("</em>"),
                    TagEnd::Strong => out.push_str("</strong>"),
                    TagEnd::Strikethrough => out.push_str("</del>"),
                    // A refused link's end was skipped with the rest of it.
                    TagEnd::Link => out.push_str("</a>"),
                    _ => {}
                }
            }
            Event::Text(t) => push_text(&mut out, &t, Breaks::Space),
            Event::Code(t) => {
                out.push_str("<code>");
                push_text(&mut out, &t, Breaks::Space);
                out.push_str("</code>");
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("<br>"),
            // Raw HTML, footnote references, task markers, math, rules: as written.
            _ => {
                if depth == 0 {
                    if blocks > 0 {
                        out.push_str("<br><br>");
                    }
                    blocks += 1;
                }
                push_source(&mut out, &input[range]);
            }
        }
    }
    guard_line_start(out)
}

/// Source text shown as written, its line breaks as `<br>`.
fn push_source(out: &mut String, source: &str) {
    let mut first = true;
    for line in source.trim_end_matches(['\n', '\r']).lines() {
        if !first {
            out.push_str("<br>");
        }
        first = false;
        push_text(out, line, Breaks::Space);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Breaks {
    /// Line breaks become spaces.
    Space,
    /// The body of an HTML block (`<pre>`), which markdown does not read: line breaks stay
    /// (`\r\n` becomes `\n`), only HTML and `{`, `}` are encoded.
    Keep,
    /// An attribute value: line breaks become spaces, quotes are encoded too.
    Attribute,
}

/// Appends `input` entity-encoded; control characters other than tab and kept line breaks
/// become U+FFFD.
fn push_text(out: &mut String, input: &str, breaks: Breaks) {
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Quotes matter in attributes only; in text, mdBook's smart punctuation curls them.
            '"' if breaks == Breaks::Attribute => out.push_str("&quot;"),
            '\'' if breaks == Breaks::Attribute => out.push_str("&#39;"),
            // In an HTML block markdown is not read: only `links`' braces need encoding.
            '{' | '}' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' if breaks != Breaks::Keep => {
                let _ = write!(out, "&#{};", c as u32);
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' if breaks == Breaks::Keep => out.push('\n'),
            '\n' | '\r' => out.push(' '),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// Makes the start of a line of output unable to open a block: leading blanks dropped (no
/// indented code), and a list, quote or definition marker encoded.
fn guard_line_start(out: String) -> String {
    let trimmed = out.trim_start_matches([' ', '\t']);
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match trimmed.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => Some(digits),
        Some(b'-' | b'+' | b'=' | b':') if digits == 0 => Some(0),
        _ => None,
    };
    match marker {
        Some(at) => {
            let c = trimmed.as_bytes()[at];
            format!("{}&#{};{}", &trimmed[..at], c, &trimmed[at + 1..])
        }
        None if trimmed.len() == out.len() => out,
        None => trimmed.to_owned(),
    }
}

/// A chapter name for mdBook: the sidebar escapes it, but the search puts it back into the
/// page as HTML, so no `<` in it may open a tag: a zero-width space follows each.
pub fn chapter_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_control() {
            out.push(' ');
            continue;
        }
        out.push(c);
        if c == '<' {
            out.push(ZWSP);
        }
    }
    out
}

/// The last step for every generated markdown text: in headings, which mdBook's search
/// index keeps as decoded text and inserts as HTML, a zero-width space follows every
/// encoded `<`. Every one, not only those before a letter: the text of a heading is joined
/// across its elements, so `` `<`img … `` would decode to `<img …`.
pub fn finish(markdown: String) -> String {
    // Only an encoded `<` needs the space: most pages have none, and skip the parse.
    if !markdown.contains("&lt;") {
        return markdown;
    }
    let headings = heading_ranges(&markdown);
    if headings.is_empty() {
        return markdown;
    }
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut last = 0;
    for range in headings {
        out.push_str(&markdown[last..range.start]);
        let mut rest = &markdown[range.clone()];
        while let Some(at) = rest.find("&lt;") {
            out.push_str(&rest[..at + 4]);
            out.push(ZWSP);
            rest = &rest[at + 4..];
        }
        out.push_str(rest);
        last = range.end;
    }
    out.push_str(&markdown[last..]);
    out
}

/// Byte ranges of the headings of `markdown`, read as mdBook reads it.
fn heading_ranges(markdown: &str) -> Vec<Range<usize>> {
    let options = MarkdownOptions::default();
    new_cmark_parser(markdown, &options)
        .into_offset_iter()
        .filter_map(|(event, range)| {
            matches!(event, Event::Start(Tag::Heading { .. })).then_some(range)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_shown_as_written() {
        assert_eq!(text("a <b> & \"c\""), "a &lt;b&gt; &amp; \"c\"");
        assert_eq!(attr("a\"b'c"), "a&quot;b&#39;c");
        assert_eq!(
            text("{{#include x}}"),
            "&#123;&#123;&#35;include x&#125;&#125;"
        );
        assert_eq!(text("a | b\nc"), "a &#124; b c");
        assert_eq!(text("1. not a list"), "1&#46; not a list");
        assert_eq!(text("- not a list"), "&#45; not a list");
        assert_eq!(text("    not code"), "not code");
        assert_eq!(text("bell\u{7} esc\u{1b}"), "bell\u{FFFD} esc\u{FFFD}");
    }

    #[test]
    fn inline_markdown_becomes_html() {
        assert_eq!(
            inline("**a** *b* `c<d>` ~~e~~"),
            "<strong>a</strong> <em>b</em> <code>c&lt;d&gt;</code> <del>e</del>"
        );
        assert_eq!(
            inline("[site](https://x.io/a_b?c=1&d=2)"),
            "<a href=\"https://x.io/a_b?c=1&amp;d=2\">site</a>"
        );
        assert_eq!(
            inline("[doc](../docs/a%20b.md#s)"),
            "<a href=\"../docs/a%20b.md#s\">doc</a>"
        );
        assert_eq!(inline("one\n\ntwo"), "one<br><br>two");
        assert_eq!(inline("one\ntwo"), "one two");
    }

    #[test]
    fn script_urls_are_shown_as_text() {
        assert_eq!(
            inline("[x](javascript:alert(1))"),
            "&#91;x&#93;(javascript:alert(1))"
        );
        assert_eq!(inline("[x]( JavaScript:a)"), "&#91;x&#93;( JavaScript:a)");
        assert_eq!(
            inline("<javascript:alert(1)>"),
            "&lt;javascript:alert(1)&gt;"
        );
        assert_eq!(
            inline("[x][r]\n\n[r]: data:text/html,x"),
            "&#91;x&#93;&#91;r&#93;"
        );
        assert_eq!(inline("![i](vbscript:x)"), "!&#91;i&#93;(vbscript:x)");
        assert_eq!(url("java\tscript:x"), None);
        assert_eq!(url("JAVASCRIPT:x"), None);
        // Entities are decoded by the parser before the check; undecoded, they are a path.
        assert_eq!(
            inline("[x](&#106;avascript:a)"),
            "&#91;x&#93;(&amp;&#35;106;avascript:a)"
        );
    }

    #[test]
    fn html_and_blocks_are_shown_as_written() {
        assert_eq!(
            inline("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            inline("# Title {#id onfocus=x}"),
            "&#35; Title &#123;&#35;id onfocus=x&#125;"
        );
        assert_eq!(inline("> quote\n> more"), "&gt; quote<br>&gt; more");
        assert_eq!(
            inline("text\n\n```\n{{ #include /etc/passwd }}\n```"),
            "text<br><br>&#96;&#96;&#96;<br>&#123;&#123; &#35;include /etc/passwd &#125;&#125;<br>&#96;&#96;&#96;"
        );
    }

    #[test]
    fn code_blocks_are_html() {
        assert_eq!(
            pre("a = \"{{ #include x }}\"\n<<EOT\n", "text"),
            "<pre><code class=\"language-text\">a = \"&#123;&#123; #include x &#125;&#125;\"\n&lt;&lt;EOT</code></pre>"
        );
        let hcl = pre("a = \"{{ #include x }}\"\n", "hcl");
        assert!(
            hcl.starts_with("<pre><code class=\"language-hcl\"><span class=\"hljs-attr\">a</span>")
        );
        assert!(!hcl.contains("{{"), "{hcl}");
        assert_eq!(
            cell_pre("[\n  \"a\"\n]"),
            "<pre>&#91;<br/>  \"a\"<br/>&#93;</pre>"
        );
    }

    #[test]
    fn headings_and_chapter_names_cannot_open_tags_in_search() {
        assert_eq!(
            finish("# a &lt;img src=x&gt; &lt; b\n\nbody &lt;img&gt;\n".to_owned()),
            "# a &lt;\u{200B}img src=x&gt; &lt;\u{200B} b\n\nbody &lt;img&gt;\n"
        );
        assert_eq!(
            chapter_name("<img src=x> a < b"),
            "<\u{200B}img src=x> a <\u{200B} b"
        );
        // Text joined across elements: `<` ending a code span, or before a line break (the
        // fuzz target's find), must not meet `img` to open a tag.
        for field in ["`<`img src=x onerror=alert(1)>", "a/<\n\npre>"] {
            let heading = finish(format!("# {}\n", inline(field)));
            assert!(heading.contains("&lt;\u{200B}"), "{heading}");
        }
    }
}

#[cfg(test)]
mod boundary_tests {
    use super::*;

    #[test]
    fn each_context_encodes_what_it_must() {
        // Text: markdown's and mdBook's syntax characters, line breaks as spaces, `\r\n` as one.
        assert_eq!(
            text("a\\b`c*d_e[f]g|h~i#j'k\"l"),
            "a&#92;b&#96;c&#42;d&#95;e&#91;f&#93;g&#124;h&#126;i&#35;j'k\"l"
        );
        assert_eq!(text("a\r\nb\rc\td"), "a b c\td");
        assert_eq!(code("a<b>\r\nc"), "<code>a&lt;b&gt; c</code>");
        // Attributes: quotes too, line breaks as spaces.
        assert_eq!(attr("a'b\"c\nd"), "a&#39;b&quot;c d");
        // An HTML block: line breaks kept (`\r\n` and `\r` as `\n`), only HTML and braces.
        assert_eq!(
            pre("a*b_c`d'e\"f\r\ng\rh\u{1}i{j}", "text"),
            "<pre><code class=\"language-text\">a*b_c`d'e\"f\ng\nh\u{FFFD}i&#123;j&#125;</code></pre>"
        );
        // A table cell: one markdown line, every line fully encoded, indentation kept.
        assert_eq!(
            cell_pre("{\n  a = \"*\"\r\n}"),
            "<pre>&#123;<br/>  a = \"&#42;\"<br/>&#125;</pre>"
        );
    }

    #[test]
    fn a_code_block_class_keeps_only_name_characters() {
        assert_eq!(
            pre("x", "objective-c_2\"><script>"),
            "<pre><code class=\"language-objective-c_2script\">x</code></pre>"
        );
        assert_eq!(pre("x\n\n", "\"<>"), "<pre><code>x</code></pre>");
        assert!(pre("a = 1", "hcl").contains("hljs-"));
        assert_eq!(
            pre("a = 1", "HCL"),
            "<pre><code class=\"language-HCL\">a = 1</code></pre>"
        );
    }

    #[test]
    fn a_line_cannot_start_a_block() {
        for (input, shown) in [
            ("1) x", "1&#41; x"),
            ("12. x", "12&#46; x"),
            ("+ x", "&#43; x"),
            ("= x", "&#61; x"),
            (": x", "&#58; x"),
            ("\t  - x", "&#45; x"),
            // Not markers: a number alone, `-` after digits, `.` without digits.
            ("12 x", "12 x"),
            ("1- x", "1- x"),
            (". x", ". x"),
            ("x. y", "x. y"),
            ("", ""),
        ] {
            assert_eq!(text(input), shown, "{input:?}");
        }
    }

    #[test]
    fn urls_keep_their_characters_and_encode_the_rest() {
        assert_eq!(
            url(" https://x.io/a-b.c_d/~e?f=1,2;g+h@i#j!k%20 ").as_deref(),
            Some("https://x.io/a-b.c_d/~e?f=1,2;g+h@i#j!k%20")
        );
        assert_eq!(url("a b\"é").as_deref(), Some("a%20b%22%C3%A9"));
        assert_eq!(url("mailto:a@b.c").as_deref(), Some("mailto:a@b.c"));
        assert_eq!(url("HTTPS://x").as_deref(), Some("HTTPS://x"));
        // A colon after `/`, `?` or `#` names no scheme.
        for relative in ["docs/a:b.md", "a?b=c:d", "#x:y", "a"] {
            assert_eq!(url(relative).as_deref(), Some(relative), "{relative}");
        }
        for refused in ["data:text/html,x", "ftp://x", "javascript:x", "a\u{7f}b"] {
            assert_eq!(url(refused), None, "{refused}");
        }
    }

    #[test]
    fn inline_markup_nests_and_alt_text_stays_in_its_attribute() {
        assert_eq!(
            inline("![an *alt* `x` text](i.png \"t\") after"),
            "<img src=\"i.png\" title=\"t\" alt=\"an alt x text\"> after"
        );
        assert_eq!(
            inline("[a *b* **c**](u \"q'\") d"),
            "<a href=\"u\" title=\"q&#39;\">a <em>b</em> <strong>c</strong></a> d"
        );
        assert_eq!(
            inline("[x](javascript:a) *after*"),
            "&#91;x&#93;(javascript:a) <em>after</em>"
        );
        assert_eq!(inline("a  \nb"), "a<br>b");
        assert_eq!(inline("a\\\nb"), "a<br>b");
        assert_eq!(
            inline("para\n\n- item\n- two\n\nend"),
            "para<br><br>- item<br>- two<br><br>end"
        );
        assert_eq!(inline("a <b>c</b> d"), "a &lt;b&gt;c&lt;/b&gt; d");
        assert_eq!(inline("<div>x</div>"), "&lt;div&gt;x&lt;/div&gt;");
        assert_eq!(
            inline("x\n\n<div>y</div>"),
            "x<br><br>&lt;div&gt;y&lt;/div&gt;"
        );
        assert_eq!(inline("plain & simple"), "plain &amp; simple");
        assert_eq!(inline("1. one"), "1&#46; one");
        assert_eq!(inline("tab\u{1}"), "tab\u{FFFD}");
        // What follows an image or a refused link is still in its paragraph, and the next
        // paragraph still starts one.
        assert_eq!(
            inline("![a *b*](i.png) *c*\n\n# d"),
            "<img src=\"i.png\" alt=\"a b\"> <em>c</em><br><br>&#35; d"
        );
        assert_eq!(
            inline("[x](javascript:a)\n\n# d"),
            "&#91;x&#93;(javascript:a)<br><br>&#35; d"
        );
        assert_eq!(
            inline("![i](vbscript:x)\n\n# d"),
            "!&#91;i&#93;(vbscript:x)<br><br>&#35; d"
        );
        // A rule is a block of its own, first or after another.
        assert_eq!(
            inline("---\n\nb\n\n***"),
            "&#45;--<br><br>b<br><br>&#42;&#42;&#42;"
        );
        // Text is what markdown reads, escapes and entities decoded, then encoded again.
        assert_eq!(inline("a \\*b\\* &amp; c"), "a &#42;b&#42; &amp; c");
    }

    #[test]
    fn finish_marks_every_encoded_angle_in_every_heading() {
        assert_eq!(
            finish("# &lt;a&gt;&lt;b\n\ntext &lt;c\n\n## d &lt;e\n".to_owned()),
            "# &lt;\u{200B}a&gt;&lt;\u{200B}b\n\ntext &lt;c\n\n## d &lt;\u{200B}e\n"
        );
        assert_eq!(finish("text &lt;c\n".to_owned()), "text &lt;c\n");
        assert_eq!(finish("# plain\n".to_owned()), "# plain\n");
        assert_eq!(chapter_name("a\u{7}<b"), "a <\u{200B}b");
    }
}
