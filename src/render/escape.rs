//! Making catalog text safe to place in generated markdown.
//!
//! Catalog strings may use inline markdown (bold, code spans, links). They must not inject
//! HTML, mdBook directives (`{{#include ...}}`, which the `links` preprocessor running after
//! us would expand) or `javascript:`/`data:` links. Code spans are kept verbatim.

use std::io::{self, Write};

/// Tera's escape function for `.md` templates: every `{{ value }}` goes through here.
pub fn markdown_inline(input: &str, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(escape_inline(input).as_bytes())
}

/// Escapes inline markdown text; see the module docs.
pub fn escape_inline(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < input.len() {
        let c = bytes[i];
        // A backslash escape is kept whole, so `\`` cannot open a code span.
        if c == b'\\' && i + 1 < input.len() && bytes[i + 1].is_ascii_punctuation() {
            out.push_str(&input[i..i + 2]);
            i += 2;
            continue;
        }
        // A link reference definition (`[r]: javascript:...`) at the start of a line.
        if c == b'[' && at_line_start(&out) && is_reference_definition(&input[i..]) {
            out.push_str("\\[");
            i += 1;
            continue;
        }
        if c == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if let Some(len) = code_span_len(&input[i..], run) {
                out.push_str(&neutralize_directives(&input[i..i + len]));
                i += len;
            } else {
                out.push_str(&input[i..i + run]);
                i += run;
            }
            continue;
        }
        match c {
            // Only `<` that could open a tag, comment or declaration is HTML; `< 3.0` and
            // `<1s` are text.
            b'<' if bytes
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || b"/!?".contains(b)) =>
            {
                // The zero-width space keeps `<` from opening a tag again when mdBook's
                // search puts heading text back into a page as HTML.
                out.push_str("&lt;\u{200B}")
            }
            b'{' if bytes.get(i + 1) == Some(&b'{') => out.push_str("&#123;"),
            b'{' if bytes.get(i + 1) == Some(&b'%') => out.push_str("&#123;"),
            b']' if bytes.get(i + 1) == Some(&b'(') && dangerous_link(&input[i + 2..]) => {
                out.push_str("]\\(");
                i += 2;
                continue;
            }
            _ => {
                let ch = input[i..].chars().next().unwrap_or('\u{fffd}');
                out.push(ch);
                i += ch.len_utf8();
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Puts a backslash before every `{{ #` that mdBook's `links` would read as a directive
/// (`links` removes the backslash again; no directive runs).
pub(crate) fn neutralize_directives(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("{{") {
        let after = rest[pos + 2..].trim_start();
        let escaped = pos > 0 && rest.as_bytes()[pos - 1] == b'\\';
        out.push_str(&rest[..pos]);
        if after.starts_with('#') && !escaped {
            out.push('\\');
        }
        out.push_str("{{");
        rest = &rest[pos + 2..];
    }
    out.push_str(rest);
    out
}

/// Whether `text` (starting at `[`) opens a link reference definition: `[label]:`.
fn is_reference_definition(text: &str) -> bool {
    let line = text.lines().next().unwrap_or("");
    line.find("]:")
        .is_some_and(|end| !line[1..end].contains(['[', ']']))
}

/// Whether only indentation follows the last line break of `out` (or `out` is empty).
fn at_line_start(out: &str) -> bool {
    let line = out.rsplit('\n').next().unwrap_or("");
    line.len() <= 3 && line.bytes().all(|b| b == b' ')
}

/// Length of a code span opened by `run` backticks at the start of `text`, if it closes
/// before a blank line (which ends the paragraph, and so any code span).
fn code_span_len(text: &str, run: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let end = text.find("\n\n").unwrap_or(text.len());
    let bytes = &bytes[..end];
    let mut j = run;
    while j < bytes.len() {
        if bytes[j] == b'`' {
            let close = bytes[j..].iter().take_while(|&&b| b == b'`').count();
            if close == run {
                return Some(j + close);
            }
            j += close;
        } else {
            j += 1;
        }
    }
    None
}

/// Whether a link destination uses a scheme that runs code.
fn dangerous_link(destination: &str) -> bool {
    let d = destination.trim_start_matches(|c: char| c.is_whitespace() || c == '<');
    // Entities and backslashes can spell a scheme in disguise; no honest link starts so.
    if d.starts_with('&')
        || d.chars()
            .take_while(|c| *c != ':')
            .any(|c| c == '\\' || c == '&')
    {
        return true;
    }
    let d: String = d
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(11)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "data:", "vbscript:"]
        .iter()
        .any(|s| d.starts_with(s))
}

/// `text` as a code span shown exactly as written: a backtick run longer than any inside
/// it, line breaks folded, mdBook directives neutralised.
pub fn code_span(text: &str) -> String {
    let text = text.replace("\r\n", " ").replace('\n', " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", neutralize_directives(&text))
}

/// Plain text (a chapter name) that mdBook shows escaped in the sidebar but that its search
/// puts back into pages as HTML: a zero-width space after each `<` that could open a tag.
pub fn defuse_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(*n))
        {
            out.push('\u{200B}');
        }
    }
    out
}

/// Text for a table cell: inline text with `|` escaped and line breaks folded.
pub fn table_cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace("\r\n", " ")
        .replace('\n', " ")
}

/// A fenced code block whose fence is longer than any backtick run in `code`, with mdBook
/// directives neutralised (the `links` preprocessor removes the backslash again).
pub fn fenced(code: &str, lang: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let code = neutralize_directives(code);
    let lang: String = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("{fence}{lang}\n{}\n{fence}", code.trim_end_matches('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text_markdown_stays() {
        assert_eq!(
            escape_inline("**a** <script>alert(1)</script> `<b>` <1s >= 2"),
            "**a** &lt;\u{200B}script>alert(1)&lt;\u{200B}/script> `<b>` <1s >= 2"
        );
    }

    #[test]
    fn directives_and_templates_are_neutralised() {
        assert_eq!(escape_inline("{{#include x}}"), "&#123;{#include x}}");
        assert_eq!(
            escape_inline("{% include \"x\" %}"),
            "&#123;% include \"x\" %}"
        );
        assert_eq!(escape_inline("`{{#include x}}`"), "`\\{{#include x}}`");
    }

    #[test]
    fn script_links_are_refused() {
        assert_eq!(
            escape_inline("[x](javascript:alert(1))"),
            "[x]\\(javascript:alert(1))"
        );
        assert_eq!(escape_inline("[x]( JavaScript:a)"), "[x]\\( JavaScript:a)");
        assert_eq!(escape_inline("[x](https://a)"), "[x](https://a)");
    }

    #[test]
    fn disguised_escapes_are_caught() {
        assert_eq!(
            escape_inline("\\`<img src=x>`"),
            "\\`&lt;\u{200B}img src=x>`"
        );
        assert_eq!(
            escape_inline("`a\n\n<img>\n\n`"),
            "`a\n\n&lt;\u{200B}img>\n\n`"
        );
        assert_eq!(escape_inline("`{{ #include x }}`"), "`\\{{ #include x }}`");
        assert_eq!(
            escape_inline("[x](&#106;avascript:a)"),
            "[x]\\(&#106;avascript:a)"
        );
        assert_eq!(
            escape_inline("a\n[r]: javascript:a"),
            "a\n\\[r]: javascript:a"
        );
        assert_eq!(
            fenced("{{ #include x }}", ""),
            "```\n\\{{ #include x }}\n```"
        );
    }

    #[test]
    fn code_spans_show_text_as_written() {
        assert_eq!(code_span("a/b"), "`a/b`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_span("{{#include y}}"), "`\\{{#include y}}`");
    }

    #[test]
    fn chapter_names_are_defused() {
        assert_eq!(
            defuse_markup("<img src=x> a < b"),
            "<\u{200B}img src=x> a < b"
        );
    }

    #[test]
    fn fences_outgrow_backticks() {
        assert_eq!(fenced("a ```` b", "hcl"), "`````hcl\na ```` b\n`````");
        assert_eq!(table_cell("a | b\nc"), "a \\| b c");
    }
}
