//! The one HCL lexer: code, quoted strings, template sequences (`${ }`, `%{ }`), comments and
//! heredocs, as HashiCorp's scanner tells them apart. It decides structure only (where a
//! string or comment ends, which `}` closes what); meaning comes from hcl-edit.
//!
//! Three readers consume it: the example-file block scanner (where a commented-out `module`
//! block ends), the masking before hcl-edit parses ([`super::mask`]: heredocs, and the line
//! breaks HCL skips inside the brackets it tracks), and the highlighting of HCL snippets on
//! the site. It is fed one line at a time, its state carried from line to line,
//! because the block scanner lexes "virtual" lines (comment prefixes removed).

use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Code outside strings and comments: identifiers, numbers, operators, spaces.
    Code,
    /// A `{` in code.
    Open,
    /// A `}` in code that closes a `{` (or stands alone).
    Close,
    /// Text of a quoted string, its quotes included; a template sequence splits it.
    String,
    /// `${` or `%{` inside a string, or the `}` that closes one.
    Template,
    /// `#` or `//` to the end of the line, or a `/* … */` comment (one token per line).
    Comment,
    /// A heredoc: its `<<EOT` opener to the end of that line, each body line, and the line
    /// of its closing marker, one token each.
    Heredoc,
}

/// One token: its kind and its bytes in the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum State {
    #[default]
    Code,
    Str,
    BlockComment,
    /// Inside a heredoc whose closing marker is this.
    Heredoc(String),
}

/// An open bracket of code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// `{` in code.
    Brace,
    /// `${` or `%{` in a string, which returns to its string when closed.
    Template,
    Paren,
    Bracket,
}

/// The lexer's state between lines.
#[derive(Debug, Clone, Default)]
pub struct Lexer {
    state: State,
    /// Open brackets, innermost last.
    stack: Vec<Open>,
}

impl Lexer {
    /// The innermost bracket open now (at the end of the last line lexed).
    pub fn innermost(&self) -> Option<Open> {
        self.stack.last().copied()
    }

    /// Lexes one line, `line` (without its line break), which starts at byte `offset` of the
    /// whole text; `emit` gets each token in order. Returns `false` when a quoted string is
    /// still open at the end of the line (HCL strings do not span lines; the lexer goes on
    /// as if it had been closed).
    pub fn line(&mut self, line: &str, offset: usize, mut emit: impl FnMut(Token)) -> bool {
        let mut push = |kind, range: Range<usize>| {
            if !range.is_empty() {
                emit(Token {
                    kind,
                    span: offset + range.start..offset + range.end,
                });
            }
        };
        if let State::Heredoc(tag) = &self.state {
            if line.trim() == tag {
                self.state = State::Code;
            }
            push(Kind::Heredoc, 0..line.len());
            return true;
        }
        let code = line.as_bytes();
        let mut start = 0; // start of the token being read
        let mut i = 0;
        while i < code.len() {
            let c = code[i];
            let next = code.get(i + 1).copied();
            match self.state {
                State::Code => match c {
                    b'"' => {
                        push(Kind::Code, start..i);
                        start = i;
                        self.state = State::Str;
                    }
                    b'#' => {
                        push(Kind::Code, start..i);
                        push(Kind::Comment, i..code.len());
                        return true;
                    }
                    b'/' if next == Some(b'/') => {
                        push(Kind::Code, start..i);
                        push(Kind::Comment, i..code.len());
                        return true;
                    }
                    b'/' if next == Some(b'*') => {
                        push(Kind::Code, start..i);
                        start = i;
                        self.state = State::BlockComment;
                        i += 1;
                    }
                    b'<' if next == Some(b'<') => {
                        if let Some(tag) = opening_tag(&line[i + 2..]) {
                            push(Kind::Code, start..i);
                            push(Kind::Heredoc, i..code.len());
                            self.state = State::Heredoc(tag.to_owned());
                            return true;
                        }
                        // Not skipped: in `1 <<<EOT` the heredoc starts at the second `<`
                        // (HCL has `<`, and no `<<` operator).
                    }
                    b'{' => {
                        push(Kind::Code, start..i);
                        push(Kind::Open, i..i + 1);
                        start = i + 1;
                        self.stack.push(Open::Brace);
                    }
                    b'(' => self.stack.push(Open::Paren),
                    b'[' => self.stack.push(Open::Bracket),
                    b')' | b']' => {
                        let open = if c == b')' {
                            Open::Paren
                        } else {
                            Open::Bracket
                        };
                        if self.stack.last() == Some(&open) {
                            self.stack.pop();
                        }
                    }
                    b'}' => {
                        push(Kind::Code, start..i);
                        start = i + 1;
                        // A `(` or `[` left open inside the braces closes with them.
                        while matches!(self.stack.last(), Some(Open::Paren | Open::Bracket)) {
                            self.stack.pop();
                        }
                        if self.stack.pop() == Some(Open::Template) {
                            push(Kind::Template, i..i + 1);
                            self.state = State::Str;
                        } else {
                            push(Kind::Close, i..i + 1);
                        }
                    }
                    _ => {}
                },
                State::Str => match c {
                    b'\\' => i += 1,
                    b'"' => {
                        push(Kind::String, start..i + 1);
                        start = i + 1;
                        self.state = State::Code;
                    }
                    // `$${` and `%%{` are escapes, not template sequences.
                    b'$' | b'%' if next == Some(c) => i += 1,
                    b'$' | b'%' if next == Some(b'{') => {
                        push(Kind::String, start..i);
                        push(Kind::Template, i..i + 2);
                        self.stack.push(Open::Template);
                        self.state = State::Code;
                        i += 1;
                        start = i + 1;
                    }
                    _ => {}
                },
                State::BlockComment => {
                    if c == b'*' && next == Some(b'/') {
                        push(Kind::Comment, start..i + 2);
                        self.state = State::Code;
                        i += 1;
                        start = i + 1;
                    }
                }
                State::Heredoc(_) => unreachable!("heredoc lines return early"),
            }
            i += 1;
        }
        let end = code.len().min(i);
        match self.state {
            State::Code => push(Kind::Code, start..end),
            State::BlockComment => push(Kind::Comment, start..end),
            State::Str => {
                push(Kind::String, start..end);
                self.state = State::Code;
                return false;
            }
            State::Heredoc(_) => {}
        }
        true
    }
}

/// Every token of `text`, lexed line by line from the top.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut lexer = Lexer::default();
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n').trim_end_matches('\r');
        lexer.line(content, offset, |t| out.push(t));
        offset += line.len();
    }
    out
}

/// The marker of a heredoc whose `<<` comes just before `rest`: `EOT` of `<<EOT` or
/// `<<-EOT`, when that is all the line holds.
pub fn opening_tag(rest: &str) -> Option<&str> {
    let line = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
    let tag = line.strip_prefix('-').unwrap_or(line);
    let mut chars = tag.chars();
    let starts_ident = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_');
    (starts_ident && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')).then_some(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        tokens(text)
            .into_iter()
            .map(|t| (t.kind, &text[t.span]))
            .collect()
    }

    #[test]
    fn strings_templates_and_braces() {
        use Kind::*;
        assert_eq!(
            kinds("a = \"x${b[\"}\"]}y\" # c {\n"),
            [
                (Code, "a = "),
                (String, "\"x"),
                (Template, "${"),
                (Code, "b["),
                (String, "\"}\""),
                (Code, "]"),
                (Template, "}"),
                (String, "y\""),
                (Code, " "),
                (Comment, "# c {"),
            ]
        );
        assert_eq!(
            kinds("m {\n  k = \"$${x}\" /* } */ // {\n}\n"),
            [
                (Code, "m "),
                (Open, "{"),
                (Code, "  k = "),
                (String, "\"$${x}\""),
                (Code, " "),
                (Comment, "/* } */"),
                (Code, " "),
                (Comment, "// {"),
                (Close, "}"),
            ]
        );
    }

    #[test]
    fn heredocs_are_opaque_to_their_marker() {
        use Kind::*;
        assert_eq!(
            kinds("d = <<-EOT\n  } \"\n  EOT\nx = 1\n"),
            [
                (Code, "d = "),
                (Heredoc, "<<-EOT"),
                (Heredoc, "  } \""),
                (Heredoc, "  EOT"),
                (Code, "x = 1"),
            ]
        );
        // `<<` without a marker alone on its line is no heredoc.
        assert_eq!(kinds("a = 1 << 2\n"), [(Code, "a = 1 << 2")]);
        // A marker is an identifier: `_` and `-` after its first letter, no space.
        assert_eq!(
            kinds("a = <<E_T-2\n}\nE_T-2\n"),
            [
                (Code, "a = "),
                (Heredoc, "<<E_T-2"),
                (Heredoc, "}"),
                (Heredoc, "E_T-2"),
            ]
        );
        assert_eq!(kinds("a = <<EOT x\n"), [(Code, "a = <<EOT x")]);
        // After a `<`, one starts (HashiCorp's parser reads `1 < <<EOT`).
        assert_eq!(
            kinds("a = 1 <<<EOT\n}\nEOT\n"),
            [
                (Code, "a = 1 <"),
                (Heredoc, "<<EOT"),
                (Heredoc, "}"),
                (Heredoc, "EOT"),
            ]
        );
    }

    #[test]
    fn brackets_are_tracked_with_braces() {
        let mut lexer = Lexer::default();
        lexer.line("a = [f(\"${x[\"(\"]", 0, |_| {});
        assert_eq!(lexer.innermost(), Some(Open::Template));
        lexer.line("}\"), # )", 0, |_| {});
        assert_eq!(lexer.innermost(), Some(Open::Bracket));
        // A `}` closes what its braces left open.
        let mut lexer = Lexer::default();
        lexer.line("b { x = (1", 0, |_| {});
        assert_eq!(lexer.innermost(), Some(Open::Paren));
        lexer.line("}", 0, |_| {});
        assert_eq!(lexer.innermost(), None);
    }

    #[test]
    fn an_open_string_ends_with_its_line() {
        let mut lexer = Lexer::default();
        assert!(!lexer.line("a = \"open", 0, |_| {}));
        assert!(lexer.line("b = {", 10, |_| {}));
        assert_eq!(lexer.innermost(), Some(Open::Brace));
    }

    #[test]
    fn a_slash_alone_divides() {
        use Kind::*;
        assert_eq!(
            kinds("a = 4 / 2 # c\nb = x /2/* d */\n"),
            [
                (Code, "a = 4 / 2 "),
                (Comment, "# c"),
                (Code, "b = x /2"),
                (Comment, "/* d */"),
            ]
        );
    }
}
