//! What hcl-edit is handed instead of the text as written: the same bytes at the same
//! offsets, with the few changes that make hcl-edit 0.10 read what HashiCorp's parser reads.
//!
//! - **Heredocs become `""` and spaces.** Nothing we read needs a heredoc's template
//!   structure, only its text as written, while hcl-edit parses heredoc templates slowly
//!   (about half the parse time of a module whose descriptions are heredocs) and mis-reads an
//!   empty one (0.10 reads `<<-EOT` directly followed by `EOT` on to the next closing marker in
//!   the file). [`Masked::heredoc_at`] gives the heredoc back where its `""` starts.
//! - **Line breaks HashiCorp's parser ignores become spaces.** Inside parentheses, brackets,
//!   `{ for … }` expressions and template sequences (`${ }`, `%{ }`) HCL skips newlines, but
//!   hcl-edit does not everywhere: not in a for expression's key, value or collection, nor in
//!   a template `if`. Inside braces that are an object or a block body a newline still ends
//!   an item, so those keep theirs. A `#` or `//` comment in such a place becomes spaces too,
//!   or it would run on into the next line; and a line whose quoted string is still open keeps
//!   its break, so that an unclosed string stays an error.
//!
//! Lengths and line starts of everything else are kept, so every span and every error offset
//! holds for the original text. The one lexer ([`super::lex`]) says what is a string, comment,
//! heredoc or bracket; a heredoc without its closing marker is left for hcl-edit to report.

use std::borrow::Cow;
use std::ops::Range;

use super::lex::{self, Kind, Lexer, Open, Token};

/// A text ready for hcl-edit, and where its heredocs were.
#[derive(Debug)]
pub struct Masked<'a> {
    /// The original text.
    pub original: &'a str,
    /// The text to parse.
    pub text: Cow<'a, str>,
    /// Each heredoc's byte range in the original, from `<<` to the end of its closing marker.
    heredocs: Vec<Range<usize>>,
    /// The end of the first line that leaves a quoted string open, an error HCL reports and
    /// hcl-edit does not (it reads the string on into the next line).
    pub(super) open_string: Option<usize>,
}

impl Masked<'_> {
    /// The heredoc whose opening `<<` is at byte `start`, if one is.
    pub fn heredoc_at(&self, start: usize) -> Option<Range<usize>> {
        let i = self.heredocs.partition_point(|h| h.start < start);
        self.heredocs.get(i).filter(|h| h.start == start).cloned()
    }

    /// Where `span` of the parsed text ends in the original: where the closing marker of a
    /// heredoc starting inside it and not followed by more of it ends.
    pub fn end_in_original(&self, span: &Range<usize>) -> usize {
        let i = self.heredocs.partition_point(|h| h.start < span.end);
        match i.checked_sub(1).and_then(|i| self.heredocs.get(i)) {
            Some(h) if h.start >= span.start => h.end.max(span.end),
            _ => span.end,
        }
    }

    /// Replaces `range` of the text to parse by spaces (line breaks included); false, and
    /// nothing done, unless `range` is on characters (so the text stays UTF-8) and holds
    /// something else than spaces.
    pub(super) fn blank(&mut self, range: Range<usize>) -> bool {
        let changes = self
            .text
            .get(range.clone())
            .is_some_and(|t| t.bytes().any(|b| b != b' '));
        if changes {
            apply(&mut self.text, &[(range, Fill::Blank)]);
        }
        changes
    }
}

/// What a `{` in code opens (the lexer knows the other brackets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Brace {
    /// Its first word is not read yet: a for expression or an object.
    Undecided,
    /// An object constructor or a block body: a newline ends an item.
    Items,
    /// `{ for … }`.
    For,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fill {
    /// Every byte a space.
    Blank,
    /// `""`, then spaces, line breaks kept.
    Heredoc,
    /// `""`, then spaces: a heredoc where HCL skips line breaks.
    FlatHeredoc,
}

/// A heredoc whose closing marker is not read yet.
struct OpenHeredoc<'t> {
    span: Range<usize>,
    tag: &'t str,
}

struct Masker<'t> {
    text: &'t str,
    /// What each `{` open in code is, innermost last.
    braces: Vec<Brace>,
    /// Whether HCL skips the line break that ends the line last lexed: inside `(`, `[`, a
    /// template sequence or a for expression.
    skips_newlines: bool,
    edits: Vec<(Range<usize>, Fill)>,
    heredocs: Vec<Range<usize>>,
    heredoc: Option<OpenHeredoc<'t>>,
    open_string: Option<usize>,
    /// Inside a `/* */` comment that spans lines.
    in_block_comment: bool,
    /// The `#` or `//` comment of the line being lexed.
    line_comment: Option<Range<usize>>,
}

/// The text of `text` for hcl-edit: closed heredocs replaced by `""` padded with spaces, line
/// breaks and line comments that HCL skips replaced by spaces.
pub fn mask(text: &str) -> Masked<'_> {
    let mut masker = Masker {
        text,
        braces: Vec::new(),
        skips_newlines: false,
        edits: Vec::new(),
        heredocs: Vec::new(),
        heredoc: None,
        open_string: None,
        in_block_comment: false,
        line_comment: None,
    };
    let mut lexer = Lexer::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n').trim_end_matches('\r');
        let closed = lexer.line(content, offset, |token| masker.token(token));
        masker.skips_newlines = match lexer.innermost() {
            Some(Open::Brace) => masker.braces.last() == Some(&Brace::For),
            Some(_) => true,
            None => false,
        };
        masker.comment_end();
        let end = offset + line.len();
        masker.line_break(offset + content.len()..end, closed);
        offset = end;
    }
    let mut masked = Masked {
        original: text,
        text: Cow::Borrowed(text),
        heredocs: masker.heredocs,
        open_string: masker.open_string,
    };
    apply(&mut masked.text, &masker.edits);
    masked
}

impl<'t> Masker<'t> {
    /// Decides a `{` not yet known to be a for expression: anything but `for` makes it items.
    fn settle(&mut self, code: &str) {
        if self.braces.last() != Some(&Brace::Undecided) {
            return;
        }
        let code = code.trim_start();
        if code.is_empty() {
            return;
        }
        let is_for = code
            .strip_prefix("for")
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
        self.braces.pop();
        self.braces
            .push(if is_for { Brace::For } else { Brace::Items });
    }

    fn token(&mut self, token: Token) {
        let text = self.text;
        match token.kind {
            Kind::Code => self.settle(&text[token.span]),
            Kind::Template => {}
            Kind::Heredoc => self.heredoc(token.span.clone(), &text[token.span]),
            Kind::Open => {
                self.settle("{");
                self.braces.push(Brace::Undecided);
            }
            Kind::Close => {
                self.braces.pop();
            }
            Kind::String => self.settle("\""),
            Kind::Comment => self.comment(token.span.clone(), &text[token.span]),
        }
    }

    /// A comment token: a `#` or `//` comment, or one line's part of a `/* */` comment.
    fn comment(&mut self, span: Range<usize>, piece: &str) {
        if self.in_block_comment {
            self.in_block_comment = !piece.ends_with("*/");
        } else if piece.starts_with("/*") {
            self.in_block_comment = piece.len() < 4 || !piece.ends_with("*/");
        } else {
            // A line comment ends its line: whether it is blanked depends on where the line
            // ends, known once the line is lexed.
            self.line_comment = Some(span);
        }
    }

    /// Blanks the line comment of the line just lexed, where HCL skips the line break.
    fn comment_end(&mut self) {
        if let Some(span) = self.line_comment.take()
            && self.skips_newlines
        {
            self.edits.push((span, Fill::Blank));
        }
    }

    /// One token of a heredoc: its opener, a body line or its closing marker's line.
    fn heredoc(&mut self, span: Range<usize>, piece: &'t str) {
        let Some(open) = self.heredoc.as_mut() else {
            self.settle("<<");
            let tag = piece
                .strip_prefix("<<")
                .and_then(lex::opening_tag)
                .unwrap_or_default();
            self.heredoc = Some(OpenHeredoc { span, tag });
            return;
        };
        open.span.end = span.end;
        if piece.trim() != open.tag {
            return;
        }
        let Some(open) = self.heredoc.take() else {
            return;
        };
        let fill = if self.skips_newlines {
            Fill::FlatHeredoc
        } else {
            Fill::Heredoc
        };
        self.edits.push((open.span.clone(), fill));
        self.heredocs.push(open.span);
    }

    /// The line break `range` after a line; `closed` is false when the line left a quoted
    /// string open.
    fn line_break(&mut self, range: Range<usize>, closed: bool) {
        if !closed && self.open_string.is_none() {
            self.open_string = Some(range.start);
        }
        // A heredoc's own line breaks go with it when it closes.
        if !range.is_empty() && self.heredoc.is_none() && closed && self.skips_newlines {
            self.edits.push((range, Fill::Blank));
        }
    }
}

/// Writes `edits` over `text`.
fn apply(text: &mut Cow<'_, str>, edits: &[(Range<usize>, Fill)]) {
    if edits.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_owned().into_bytes();
    for (range, fill) in edits {
        let Some(target) = bytes.get_mut(range.clone()) else {
            continue;
        };
        for b in target.iter_mut() {
            if *fill != Fill::Heredoc || *b != b'\n' {
                *b = b' ';
            }
        }
        if *fill != Fill::Blank && target.len() >= 2 {
            target[..2].copy_from_slice(b"\"\"");
        }
    }
    // Each edit overwrites whole tokens or line breaks (never part of a character) with
    // ASCII, so the text stays UTF-8; the lossy fallback cannot happen.
    *text = Cow::Owned(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heredocs_become_empty_strings_of_the_same_shape() {
        let text = "a = <<-EOT\n  Text, ünïcode.\n  EOT\nb = 1\n";
        let masked = mask(text);
        assert_eq!(masked.text.len(), text.len());
        assert_eq!(masked.text.lines().count(), text.lines().count());
        assert!(masked.text.starts_with("a = \"\"    \n"));
        assert!(masked.text.ends_with("\nb = 1\n"));
        let heredoc = masked.heredoc_at(4).expect("the heredoc");
        assert_eq!(&text[heredoc], "<<-EOT\n  Text, ünïcode.\n  EOT");
        assert_eq!(masked.heredoc_at(5), None);
        // A span of the masked text ends where a heredoc starting inside it ends; one that
        // starts at its end or before its start is not its own.
        let end = text.find("\nb").unwrap_or_default();
        assert_eq!(masked.end_in_original(&(0..6)), end);
        assert_eq!(masked.end_in_original(&(4..6)), end);
        assert_eq!(masked.end_in_original(&(0..4)), 4);
        assert_eq!(masked.end_in_original(&(6..8)), 8);
        assert_eq!(masked.end_in_original(&(end + 1..end + 6)), end + 6);
    }

    #[test]
    fn in_brackets_line_comments_become_spaces_and_block_comments_stay() {
        for (text, masked) in [
            // A block comment closed on its line, then a line comment.
            ("x = [\n1, /**/ # c\n2,\n]\n", "x = [ 1, /**/     2, ]\n"),
            (
                "x = [\n1, /* b */ # c\n2,\n]\n",
                "x = [ 1, /* b */     2, ]\n",
            ),
            // Across lines: `/*/` opens and does not close; the line that closes it, then a
            // line comment.
            (
                "x = [\n1, /*/\n*/ # c\n2,\n]\n",
                "x = [ 1, /*/ */     2, ]\n",
            ),
            (
                "x = [\n1, /* a\nb */ # c\n2,\n]\n",
                "x = [ 1, /* a b */     2, ]\n",
            ),
            // The line that closes a block comment is no line comment.
            ("x = [\n1, /* a\nb */ 2,\n]\n", "x = [ 1, /* a b */ 2, ]\n"),
            ("x = [\n1, /*/\n*/ 2,\n]\n", "x = [ 1, /*/ */ 2, ]\n"),
        ] {
            assert_eq!(mask(text).text, masked, "{text:?}");
        }
    }

    #[test]
    fn an_object_stays_an_object_whatever_its_values_hold() {
        // A `for` inside a value of an object (not right after its `{`) leaves the object's
        // line breaks alone; a repeated key written without spaces is read too.
        for text in [
            "x = {\n  a = 1\n  b = [\n    for v in l : v\n  ]\n  c = 2\n}\n",
            "x = {\nk=1\nk=2\n}\n",
        ] {
            assert!(crate::terraform::parse::body(text).is_ok(), "{text:?}");
        }
    }

    #[test]
    fn markers_in_strings_and_comments_are_not_heredocs() {
        for text in [
            "a = \"<<EOT\"\nEOT\n",
            "# a = <<EOT\nEOT\n",
            "// <<EOT\nEOT\n",
            "/* <<EOT */\nEOT\n",
            "a = \"${\"<<EOT\"}\"\nEOT\n",
            "a = 1 << 2\n",
        ] {
            assert!(matches!(mask(text).text, Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn an_interpolation_returns_to_its_string() {
        let text = "a = \"${x} <<EOT\"\nb = <<EOT\nEOT\n";
        let masked = mask(text);
        assert_eq!(masked.heredocs, vec![21..30]);
    }

    proptest::proptest! {
        /// Any text, heredoc-like or not: the masked text has the same length, each heredoc
        /// found starts with `<<` and is `""` plus blanks once masked, and every other byte
        /// is untouched or a space (a line break or comment HCL skips).
        #[test]
        fn masking_keeps_every_span(text in "(a = <<-?E\\n|[ab#/*\"{}()\\[\\]$<\\-E\\\\]|for |\\n|é|  E\\n){0,40}") {
            let masked = mask(&text);
            proptest::prop_assert_eq!(masked.text.len(), text.len());
            for heredoc in &masked.heredocs {
                proptest::prop_assert!(text[heredoc.clone()].starts_with("<<"));
                let shown = &masked.text[heredoc.clone()];
                proptest::prop_assert!(shown.starts_with("\"\""));
                proptest::prop_assert!(shown[2..].bytes().all(|b| b == b' ' || b == b'\n'));
            }
            for (i, (was, is)) in text.bytes().zip(masked.text.bytes()).enumerate() {
                let heredoc_start = masked.heredocs.iter().any(|h| i == h.start || i == h.start + 1);
                proptest::prop_assert!(was == is || is == b' ' || heredoc_start, "byte {}", i);
            }
        }
    }

    #[test]
    fn line_breaks_hcl_skips_become_spaces() {
        for (text, masked) in [
            // Brackets, parentheses, for expressions, template sequences.
            ("l = [1,\n2]\n", "l = [1, 2]\n"),
            ("c = f(1,\r\n2)\n", "c = f(1,  2)\n"),
            (
                "o = { for k in x : k => a ?\n b : c }\n",
                "o = { for k in x : k => a ?  b : c }\n",
            ),
            (
                "s = \"%{if\n x}y%{endif}\"\n",
                "s = \"%{if  x}y%{endif}\"\n",
            ),
            // A line comment there becomes spaces, or it would swallow the next line.
            ("l = [1, # one\n2]\n", "l = [1,       2]\n"),
            // A heredoc there loses its line breaks too.
            ("l = [<<EOT\nx\nEOT\n]\n", "l = [\"\"          ]\n"),
        ] {
            assert_eq!(mask(text).text, masked, "{text:?}");
        }
    }

    #[test]
    fn line_breaks_that_end_items_are_kept() {
        for text in [
            // Block bodies and objects, also inside brackets and for expressions.
            "b {\n  a = 1\n}\n",
            "o = {\n  a = 1\n  b = 2\n}\n",
            "l = [{\n  a = 1\n  b = 2\n}]\n",
            "o = { for k in x : k => {\n  a = 1\n} }\n",
            // A `{` whose first word is `for_each` or `format` is not a for expression.
            "d {\n  for_each = x\n  y = 1\n}\n",
            "o = {\n  format = 1\n  y = 1\n}\n",
        ] {
            assert_eq!(mask(text).text, text);
        }
        // A `{` then `for` on a later line is a for expression; the breaks before `for` stay.
        assert_eq!(
            mask("o = {\n for k in x : k =>\n k }\n").text,
            "o = {\n for k in x : k =>  k }\n"
        );
        // A block comment keeps its text: a `#` in it starts no line comment.
        assert_eq!(
            mask("l = [1, /* a\n # b */ 2]\n").text,
            "l = [1, /* a  # b */ 2]\n"
        );
    }

    #[test]
    fn an_open_string_keeps_its_line_break() {
        let text = "l = [\"abc\n\"]\n";
        assert_eq!(mask(text).text, text);
    }

    #[test]
    fn empty_and_unclosed_heredocs() {
        let masked = mask("a = <<-EOT\n  EOT\nb = <<EOT\nEOT\n");
        assert_eq!(masked.heredocs.len(), 2);
        assert!(matches!(
            mask("a = <<EOT\nnever closed\n").text,
            Cow::Borrowed(_)
        ));
    }
}
