//! Heredocs handed to hcl-edit as empty strings.
//!
//! Nothing we read needs a heredoc's template structure, only its text as written, while
//! hcl-edit parses heredoc templates slowly (about half the parse time of a module whose
//! descriptions are heredocs) and mis-reads an empty one (0.10 reads `<<-EOT` directly
//! followed by `EOT` on to the next closing marker in the file). So before parsing, each
//! heredoc is replaced by `""` and spaces: same bytes, same lines, so every span still holds,
//! and [`Masked::heredoc_at`] gives the heredoc back where its `""` starts.
//!
//! The lexer ([`super::lex`]) knows strings, interpolations and comments, so `"<<EOT"` and
//! `# <<EOT` are not heredocs. A heredoc without its closing marker is left alone for
//! hcl-edit to report.

use std::borrow::Cow;
use std::ops::Range;

use super::lex::{self, Kind};

/// A text ready for hcl-edit, and where its heredocs were.
#[derive(Debug)]
pub struct Masked<'a> {
    /// The original text.
    pub original: &'a str,
    /// The text to parse.
    pub text: Cow<'a, str>,
    /// Each heredoc's byte range in the original, from `<<` to the end of its closing marker.
    heredocs: Vec<Range<usize>>,
}

impl Masked<'_> {
    /// The heredoc whose opening `<<` is at byte `start`, if one is.
    pub fn heredoc_at(&self, start: usize) -> Option<Range<usize>> {
        let i = self.heredocs.partition_point(|h| h.start < start);
        self.heredocs.get(i).filter(|h| h.start == start).cloned()
    }
}

/// Replaces every closed heredoc of `text` by `""` padded with spaces.
pub fn mask(text: &str) -> Masked<'_> {
    let heredocs = find(text);
    if heredocs.is_empty() {
        return Masked {
            original: text,
            text: Cow::Borrowed(text),
            heredocs,
        };
    }
    let mut bytes = text.as_bytes().to_vec();
    for heredoc in &heredocs {
        bytes[heredoc.start] = b'"';
        bytes[heredoc.start + 1] = b'"';
        for b in &mut bytes[heredoc.start + 2..heredoc.end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Only ASCII bytes were written, each over a whole heredoc's bytes, so the text stays
    // UTF-8; the fallback cannot happen but costs nothing to keep honest.
    let masked = String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned());
    Masked {
        original: text,
        text: Cow::Owned(masked),
        heredocs,
    }
}

/// Byte ranges of the closed heredocs in `text`, in order: from the opener's `<<` to the end
/// of the closing marker's line, as the lexer ([`super::lex`]) finds them.
fn find(text: &str) -> Vec<Range<usize>> {
    let mut heredocs = Vec::new();
    // The heredoc being read: its range so far and its closing marker.
    let mut open: Option<(Range<usize>, &str)> = None;
    for token in lex::tokens(text) {
        if token.kind != Kind::Heredoc {
            open = None; // an unclosed heredoc runs to the end of the text, so this is none
            continue;
        }
        let piece = &text[token.span.clone()];
        match open.as_mut() {
            None => {
                let tag = piece
                    .strip_prefix("<<")
                    .and_then(lex::opening_tag)
                    .unwrap_or_default();
                open = Some((token.span, tag));
            }
            Some((range, tag)) => {
                range.end = token.span.end;
                if piece.trim() == *tag {
                    heredocs.push(range.clone());
                    open = None;
                }
            }
        }
    }
    heredocs
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
        /// Any text, heredoc-like or not: the masked text has the same length and the same
        /// newlines, each heredoc found starts with `<<` and is `""` plus blanks once masked,
        /// and every other byte is untouched.
        #[test]
        fn masking_keeps_every_span(text in "(a = <<-?E\\n|[ab#/*\"{}$<\\-E\\\\]|\\n|é|  E\\n){0,40}") {
            let masked = mask(&text);
            proptest::prop_assert_eq!(masked.text.len(), text.len());
            let mut outside = text.clone().into_bytes();
            for heredoc in &masked.heredocs {
                proptest::prop_assert!(text[heredoc.clone()].starts_with("<<"));
                let shown = &masked.text[heredoc.clone()];
                proptest::prop_assert!(shown.starts_with("\"\""));
                proptest::prop_assert!(shown[2..].bytes().all(|b| b == b' ' || b == b'\n'));
                proptest::prop_assert_eq!(shown.matches('\n').count(), text[heredoc.clone()].matches('\n').count());
                outside[heredoc.clone()].copy_from_slice(shown.as_bytes());
            }
            proptest::prop_assert_eq!(masked.text.as_bytes(), &outside[..]);
        }
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
