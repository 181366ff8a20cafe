//! HCL snippets highlighted at build time: mdBook's bundled highlight.js has no HCL grammar,
//! so the example configurations would otherwise look like plain text. The HCL lexer
//! ([`crate::terraform::lex`]) finds strings, template sequences, comments and heredocs;
//! code between them is split into identifiers, numbers and the rest. Tokens get
//! highlight.js' own classes (`hljs-keyword`, `hljs-string`, …), which every mdBook theme
//! colours; the browser's highlight.js leaves a `language-hcl` block alone, since it does not
//! know the language.
//!
//! Every byte still goes through the output-encoding boundary ([`super::encode`]).

use super::encode::push_pre_text;
use crate::terraform::lex::{self, Kind};

/// Words that make a line a block or an expression keyword.
const KEYWORDS: [&str; 8] = [
    "for", "in", "if", "else", "endif", "endfor", "each", "count",
];

/// `code` as the HTML body of a `<pre><code class="language-hcl">` block.
pub fn hcl(code: &str) -> String {
    let mut out = String::with_capacity(code.len() * 3 / 2);
    let mut last = 0;
    for token in lex::tokens(code) {
        // Line breaks and whatever the lexer does not cover (a `\r`) as they are.
        push_pre_text(&mut out, &code[last..token.span.start]);
        let text = &code[token.span.clone()];
        match token.kind {
            Kind::Comment => span(&mut out, "hljs-comment", text),
            Kind::String | Kind::Heredoc => span(&mut out, "hljs-string", text),
            // `hljs-variable`: the one interpolation-like class every mdBook theme colours.
            Kind::Template => span(&mut out, "hljs-variable", text),
            Kind::Open | Kind::Close => push_pre_text(&mut out, text),
            Kind::Code => code_tokens(&mut out, code, token.span.start, text),
        }
        last = token.span.end;
    }
    push_pre_text(&mut out, &code[last..]);
    out
}

fn span(out: &mut String, class: &str, text: &str) {
    out.push_str("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
    push_pre_text(out, text);
    out.push_str("</span>");
}

/// Identifiers, numbers and the rest of a code token that starts at byte `at` of `all`.
fn code_tokens(out: &mut String, all: &str, at: usize, text: &str) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_alphabetic() || c == b'_' {
            let len = bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'-')
                .count();
            let word = &text[i..i + len];
            let after = all[at + i + len..].trim_start_matches([' ', '\t']);
            let line_start = all[..at + i]
                .rsplit('\n')
                .next()
                .is_some_and(|before| before.trim().is_empty());
            let class = if matches!(word, "true" | "false" | "null") {
                Some("hljs-literal")
            } else if (line_start && (after.starts_with('"') || after.starts_with('{')))
                || (KEYWORDS.contains(&word) && !after.starts_with('='))
            {
                // A block (`module "x" {`, `locals {`) or an expression keyword.
                Some("hljs-keyword")
            } else if after.starts_with('=') && !after.starts_with("==") {
                Some("hljs-attr")
            } else if after.starts_with('(') {
                Some("hljs-built_in")
            } else {
                None
            };
            match class {
                Some(class) => span(out, class, word),
                None => push_pre_text(out, word),
            }
            i += len;
        } else if c.is_ascii_digit() {
            let len = bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_digit() || **b == b'.')
                .count();
            span(out, "hljs-number", &text[i..i + len]);
            i += len;
        } else {
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            push_pre_text(out, &text[i..i + len]);
            i += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_get_highlight_js_classes() {
        let html = hcl(
            "module \"cache\" {\n  # nodes\n  count = 2\n  on  = true\n  name = \"${var.x}-c\"\n  tags = merge(local.t, {})\n}\n",
        );
        for expected in [
            "<span class=\"hljs-keyword\">module</span> <span class=\"hljs-string\">\"cache\"</span> &#123;",
            "<span class=\"hljs-comment\"># nodes</span>",
            "<span class=\"hljs-attr\">count</span> = <span class=\"hljs-number\">2</span>",
            "<span class=\"hljs-literal\">true</span>",
            "<span class=\"hljs-variable\">$&#123;</span>var.x<span class=\"hljs-variable\">&#125;</span>",
            "<span class=\"hljs-built_in\">merge</span>(",
        ] {
            assert!(html.contains(expected), "{expected} not in {html}");
        }
    }

    #[test]
    fn the_text_is_kept_and_encoded() {
        let code = "a = \"<b>&{{ #include x }}\" // }\n<<EOT\n  x\nEOT\n";
        let html = hcl(code);
        let text: String = {
            let mut t = String::new();
            let mut in_tag = false;
            for c in html.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' if in_tag => in_tag = false,
                    c if !in_tag => t.push(c),
                    _ => {}
                }
            }
            t
        };
        let decoded = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#123;", "{")
            .replace("&#125;", "}")
            .replace("&amp;", "&");
        assert_eq!(decoded, code);
        assert!(!html.contains("{{"));
    }
}
