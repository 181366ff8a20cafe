//! The one entry point from Terraform text to hcl-edit's syntax tree: the module reader and
//! the example-file block scanner both parse through [`body`], so whatever one accepts the
//! other does, and `tools/parity` measures exactly this function against HashiCorp's parser.
//!
//! hcl-edit reads the masked text ([`super::mask`]). One difference is left that masking
//! cannot see without parsing: an object constructor that repeats a key is valid HCL
//! (Terraform keeps the last value) but an error to hcl-edit. On that error the earlier item
//! is blanked and the text parsed again, which also gives the reader what Terraform sees.
//! And one the other way round: a quoted string left open at the end of its line is an error
//! to HCL, while hcl-edit reads it on into the next line; the lexer finds it while masking.

use std::ops::Range;

use hcl::edit::structure::Body;

use super::lex::{self, Kind};
use super::mask::{self, Masked};

/// Why a text is not valid HCL, and where (in the text given, masking undone).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ParseError {
    /// Byte offset of the error.
    pub at: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
}

/// Parses `text` as an HCL body; the [`Masked`] text maps spans back to what was written.
pub fn body(text: &str) -> Result<(Body, Masked<'_>), ParseError> {
    let mut masked = mask::mask(text);
    // HashiCorp's scanner reports a string left open first, whatever else the text holds.
    if let Some(at) = masked.open_string {
        let message =
            "quoted strings may not be split over multiple lines; use a heredoc or \"\\n\"";
        return Err(error_at(text, at, message));
    }
    loop {
        let err = match hcl::edit::parser::parse_body(&masked.text) {
            Ok(body) => return Ok((body, masked)),
            Err(err) => err,
        };
        let at = err.location().offset().min(text.len());
        if err.message().contains("redefined object key")
            && let Some(earlier) = earlier_item(&masked.text, at)
            && masked.blank(earlier)
        {
            continue;
        }
        return Err(error_at(text, at, err.message()));
    }
}

/// The error at byte `at` of `text`, with its line and column.
fn error_at(text: &str, at: usize, message: &str) -> ParseError {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    ParseError {
        at,
        line: text[..line_start].matches('\n').count() + 1,
        column: text[line_start..at].chars().count() + 1,
        message: message.to_owned(),
    }
}

/// The item of the object constructor around byte `key` (where a repeated key starts) that
/// set the same key before: from its key to its comma, or to the end of its value.
fn earlier_item(text: &str, key: usize) -> Option<Range<usize>> {
    let items = object_items(text, key)?;
    let (repeated, earlier) = items.split_last()?;
    let name = |item: &Item| text.get(item.start..item.assign?).map(str::trim);
    let wanted = name(repeated)?;
    earlier
        .iter()
        .rev()
        .find(|item| name(item) == Some(wanted))
        .map(|item| item.start..item.end)
}

/// One `key = value` of an object constructor.
#[derive(Debug)]
struct Item {
    /// Its first byte.
    start: usize,
    /// Its `=` or `:`, once read.
    assign: Option<usize>,
    /// After its last byte (its comma included).
    end: usize,
}

/// An open bracket of any kind and the items read at its level.
#[derive(Default)]
struct Level {
    object: bool,
    items: Vec<Item>,
    current: Option<Item>,
}

impl Level {
    /// Bytes `span` belong to the current item, which they start if there is none.
    fn touch(&mut self, span: Range<usize>) {
        let item = self.current.get_or_insert(Item {
            start: span.start,
            assign: None,
            end: span.end,
        });
        item.end = span.end;
    }

    fn finish(&mut self) {
        self.items.extend(self.current.take());
    }
}

/// The items of the object constructor that holds the item starting at byte `key`, up to
/// that one (its `=` read), as the lexer ([`super::lex`]) splits the text: at the object's
/// own level, a `,` or a line break ends an item.
fn object_items(text: &str, key: usize) -> Option<Vec<Item>> {
    let mut levels = vec![Level::default()];
    let mut last_end = 0;
    for token in lex::tokens(text) {
        let span = token.span.clone();
        // Tokens cover every byte but line breaks.
        if span.start > last_end {
            levels.last_mut()?.finish();
        }
        last_end = span.end;
        match token.kind {
            Kind::Comment => {}
            Kind::String | Kind::Heredoc => levels.last_mut()?.touch(span),
            Kind::Open => {
                levels.last_mut()?.touch(span);
                levels.push(Level {
                    object: true,
                    ..Level::default()
                });
            }
            Kind::Template if &text[span.clone()] != "}" => {
                levels.last_mut()?.touch(span);
                levels.push(Level::default());
            }
            Kind::Close | Kind::Template => {
                if levels.len() > 1 {
                    levels.pop();
                }
                levels.last_mut()?.touch(span);
            }
            Kind::Code => {
                for (i, b) in text[span.clone()].bytes().enumerate() {
                    let at = span.start + i;
                    let level = levels.last_mut()?;
                    match b {
                        b'(' | b'[' => {
                            level.touch(at..at + 1);
                            levels.push(Level::default());
                        }
                        b')' | b']' => {
                            if levels.len() > 1 {
                                levels.pop();
                            }
                            levels.last_mut()?.touch(at..at + 1);
                        }
                        b',' => {
                            level.touch(at..at + 1);
                            level.finish();
                        }
                        b'=' | b':' if assignment(text, at) => {
                            level.touch(at..at + 1);
                            let object = level.object;
                            let item = level.current.as_mut()?;
                            if item.assign.is_none() {
                                item.assign = Some(at);
                                if object && item.start == key {
                                    level.finish();
                                    return Some(std::mem::take(&mut level.items));
                                }
                            }
                        }
                        b if b.is_ascii_whitespace() => {}
                        _ => level.touch(at..at + 1),
                    }
                }
            }
        }
    }
    None
}

/// Whether the `=` or `:` at byte `at` assigns (not `==`, `!=`, `<=`, `>=` or `=>`).
fn assignment(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let before = at.checked_sub(1).and_then(|i| bytes.get(i));
    let after = bytes.get(at + 1);
    bytes.get(at) == Some(&b':')
        || (!matches!(before, Some(b'=' | b'!' | b'<' | b'>'))
            && !matches!(after, Some(b'=' | b'>')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Masked<'_> {
        match body(text) {
            Ok((_, masked)) => masked,
            Err(err) => panic!("{text:?}: {err}"),
        }
    }

    #[test]
    fn repeated_keys_keep_the_last_item() {
        for (text, parsed) in [
            ("o = { a = 1, a = 2 }\n", "o = {        a = 2 }\n"),
            (
                "o = {\n  a = {\n    x = 1\n  } # first\n  b = 1\n  a = 2\n}\n",
                "o = {\n                      # first\n  b = 1\n  a = 2\n}\n",
            ),
            // Three times, and a repeated key in an object inside a list.
            (
                "o = { a = 1, a = 2, a = 3 }\n",
                "o = {               a = 3 }\n",
            ),
            (
                "l = [{ k = \"x\", k = f(1, 2) }]\n",
                "l = [{          k = f(1, 2) }]\n",
            ),
            (
                "o = { \"a\" = 1, \"a\" : 2 }\n",
                "o = {          \"a\" : 2 }\n",
            ),
            // Commas inside brackets do not end an item; a key's `==` does not assign.
            (
                "o = { a = f(1, 2), b = [1, 2], a = 3 }\n",
                "o = {              b = [1, 2], a = 3 }\n",
            ),
            // A template's braces, an item ending with a bracket at its line's end.
            (
                "o = { a = \"${x}\", b = 1, a = 2 }\n",
                "o = {             b = 1, a = 2 }\n",
            ),
            (
                "o = {\n  a = f(1)\n  a = 2\n}\n",
                "o = {\n          \n  a = 2\n}\n",
            ),
            (
                "o = { x = 1, x == \"y\" = 2, x = 3 }\n",
                "o = {        x == \"y\" = 2, x = 3 }\n",
            ),
        ] {
            assert_eq!(ok(text).text, parsed);
        }
        // An object whose keys only look alike is not touched.
        assert_eq!(
            ok("o = { a = 1, b = { a = 2 } }\n").text,
            "o = { a = 1, b = { a = 2 } }\n"
        );
    }

    #[test]
    fn errors_are_where_they_are_written() {
        // Line breaks before the error were masked; the position is the original's.
        let err = body("l = [\n  1,\n  \"é\" = 2\n]\n").unwrap_err();
        assert_eq!((err.line, err.column, err.at), (3, 7, 18), "{err}");
        let err = body("a = 1 +\n").unwrap_err();
        assert_eq!(err.line, 1, "{err}");
        // Past the end of the text.
        let err = body("a = [1,\n").unwrap_err();
        assert!(err.at <= 8, "{err:?}");
        // An offset inside a character (from a masked text) points at that character.
        let err = error_at("a\n é = 1", 4, "m");
        assert_eq!((err.at, err.line, err.column), (3, 2, 2));
        // A string left open is the error, before or after any other, at its line's end.
        for text in [
            "a = \"open\nb = 2\n",
            "a = \"open\nb = = 2\n",
            "b = = 2\na = \"open\n",
        ] {
            let err = body(text).unwrap_err();
            let at = text.find("open\n").unwrap_or_default() + 4;
            assert_eq!(err.at, at, "{text:?}: {err:?}");
            assert!(err.message.starts_with("quoted strings may not"), "{err:?}");
        }
    }
}
