//! Finds `module` blocks in a Terraform file, whether live or commented out line by line
//! with `#` or `//`, as example files keep them.
//!
//! Each line's comment prefix (`# `, `#`, `// `, `//`) is set aside, giving a "virtual" line
//! of code at the same line number. A block starts at a virtual line `module "label" {`;
//! the HCL lexer ([`super::lex`]), which knows strings, interpolations, heredocs and
//! comments, finds its closing brace; then the block's virtual text is parsed with `hcl-edit` to read its
//! `source` and arguments. Lexing decides extent only; meaning comes from the real parser.

use std::ops::Range;

use hcl::edit::Span;
use hcl::edit::expr::Expression;
use hcl::edit::structure::Structure;
use rayon::prelude::*;

use super::lex::{Kind, Lexer};
use crate::lines::LineRange;
use crate::source::SourceFile;

/// One `module` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleBlock {
    pub label: String,
    /// The `source` argument, when it is a plain string.
    pub source: Option<String>,
    pub lines: LineRange,
    /// Whether the block is commented out (every line carries a comment prefix).
    pub commented: bool,
    /// Arguments set in the block, in order.
    pub arguments: Vec<Argument>,
}

/// One argument of a module block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Argument {
    pub name: String,
    /// 1-based line of the argument's name.
    pub line: usize,
    pub value: Literal,
}

/// What an argument's value is, when that is plain from the syntax alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    String(String),
    Number,
    Bool,
    Null,
    List,
    Object,
    /// A reference, call, template or expression: its type is known only to Terraform.
    Other,
}

impl Literal {
    fn of(expr: &Expression) -> Literal {
        match expr {
            Expression::String(s) => Literal::String(s.value().clone()),
            Expression::Number(_) => Literal::Number,
            Expression::Bool(_) => Literal::Bool,
            Expression::Null(_) => Literal::Null,
            Expression::Array(_) => Literal::List,
            Expression::Object(_) => Literal::Object,
            Expression::HeredocTemplate(_) | Expression::StringTemplate(_) => {
                Literal::String(String::new())
            }
            _ => Literal::Other,
        }
    }

    /// How a message names it.
    pub fn describe(&self) -> &'static str {
        match self {
            Literal::String(_) => "a string",
            Literal::Number => "a number",
            Literal::Bool => "a bool",
            Literal::Null => "null",
            Literal::List => "a list",
            Literal::Object => "an object",
            Literal::Other => "an expression",
        }
    }
}

/// A block-like region the scanner could not read: unterminated, or not valid HCL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanProblem {
    /// Byte range in the original file.
    pub span: Range<usize>,
    pub message: String,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BlockScan {
    pub blocks: Vec<ModuleBlock>,
    pub problems: Vec<ScanProblem>,
}

impl BlockScan {
    /// The innermost block containing 1-based `line`, if any.
    pub fn block_at(&self, line: usize) -> Option<&ModuleBlock> {
        // Blocks are in file order and do not overlap.
        let i = self.blocks.partition_point(|b| b.lines.last < line);
        self.blocks.get(i).filter(|b| b.lines.first <= line)
    }
}

/// A line split into its comment prefix and the code after it.
struct VirtualLine<'a> {
    prefix: usize,
    commented: bool,
    code: &'a str,
    raw: &'a str,
}

impl<'a> VirtualLine<'a> {
    /// The line as code of a block: prefix removed in a commented-out block, as written in a
    /// live one (where a `#` line is a real comment).
    fn text(&self, commented_block: bool) -> &'a str {
        if commented_block { self.code } else { self.raw }
    }

    fn prefix(&self, commented_block: bool) -> usize {
        if commented_block { self.prefix } else { 0 }
    }
}

fn virtual_line(line: &str) -> VirtualLine<'_> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let marker = if rest.starts_with('#') {
        1
    } else if rest.starts_with("//") {
        2
    } else {
        0
    };
    if marker == 0 {
        return VirtualLine {
            prefix: 0,
            commented: false,
            code: line,
            raw: line,
        };
    }
    let mut prefix = indent + marker;
    if line[prefix..].starts_with(' ') {
        prefix += 1;
    }
    VirtualLine {
        prefix,
        commented: true,
        code: &line[prefix..],
        raw: line,
    }
}

/// `module "label" {` at the start of a virtual line: the label and the byte after `{`.
fn block_header(code: &str) -> Option<(String, usize)> {
    let trimmed = code.trim_start();
    let after = trimmed.strip_prefix("module")?;
    let after_ws = after.trim_start();
    if after_ws.len() == after.len() {
        return None; // `modules`, `module_x`, ...
    }
    let label_rest = after_ws.strip_prefix('"')?;
    let end = label_rest.find('"')?;
    let label = &label_rest[..end];
    let rest = label_rest[end + 1..].trim_start();
    rest.strip_prefix('{')?;
    let brace = code.len() - rest.len();
    Some((label.to_owned(), brace + 1))
}

/// Scans `file` for module blocks.
pub fn scan_module_blocks(file: &SourceFile) -> BlockScan {
    let count = file.line_count();
    let lines: Vec<VirtualLine> = (1..=count).map(|n| virtual_line(file.line(n))).collect();
    // First the extents, in one pass over the lines; then each block is parsed on its own,
    // in parallel (blocks do not overlap).
    let mut extents = Vec::new();
    let mut problems = Vec::new();
    let mut n = 0; // 0-based index into `lines`
    while n < lines.len() {
        let Some((label, body_start)) = block_header(lines[n].code) else {
            n += 1;
            continue;
        };
        let commented = lines[n].commented;
        match find_block_end(&lines, n, body_start, commented) {
            Ok(end) => {
                extents.push((LineRange::new(n + 1, end + 1), label, commented));
                n = end + 1;
            }
            Err(message) => {
                problems.push(ScanProblem {
                    span: file.line_span(n + 1),
                    message: format!("module \"{label}\" block {message}"),
                });
                n += 1;
            }
        }
    }
    let read: Vec<Result<ModuleBlock, ScanProblem>> = extents
        .into_par_iter()
        .map(|(range, label, commented)| read_block(file, &lines, range, label, commented))
        .collect();
    let mut scan = BlockScan::default();
    for result in read {
        match result {
            Ok(block) => scan.blocks.push(block),
            Err(problem) => problems.push(problem),
        }
    }
    problems.sort_by_key(|p| p.span.start);
    scan.problems = problems;
    scan
}

/// 0-based index of the line holding the block's closing brace, found by the lexer
/// ([`super::lex`]) over the block's virtual lines.
fn find_block_end(
    lines: &[VirtualLine],
    start: usize,
    body_start: usize,
    commented: bool,
) -> Result<usize, String> {
    // Inside the block's `{`; a template sequence's braces are not counted.
    let mut lexer = Lexer::inside(1);
    let mut depth = 1usize;
    for (n, line) in lines.iter().enumerate().skip(start) {
        let text = line.text(commented);
        if commented && n > start && !line.commented && !text.trim().is_empty() {
            return Err(format!(
                "is not closed before line {}, where live code begins",
                n + 1
            ));
        }
        let from = if n == start { body_start } else { 0 };
        let mut closed = false;
        let whole = lexer.line(&text[from..], 0, |token| match token.kind {
            Kind::Open if !closed => depth += 1,
            Kind::Close if !closed => {
                depth = depth.saturating_sub(1);
                closed = depth == 0;
            }
            _ => {}
        });
        if closed {
            return Ok(n);
        }
        if !whole {
            return Err(format!("has a string that is not closed on line {}", n + 1));
        }
    }
    Err("is not closed before the end of the file".to_owned())
}

/// Parses the block's virtual text with hcl-edit and reads its label, source and arguments.
fn read_block(
    file: &SourceFile,
    lines: &[VirtualLine],
    range: LineRange,
    label: String,
    commented: bool,
) -> Result<ModuleBlock, ScanProblem> {
    let mut text = String::new();
    let mut line_offsets = Vec::new();
    for line in &lines[range.first - 1..range.last] {
        line_offsets.push(text.len());
        text.push_str(line.text(commented));
        text.push('\n');
    }
    let line_of = |offset: usize| range.first + line_offsets.partition_point(|&o| o <= offset) - 1;
    let (body, _) = super::parse::body(&text).map_err(|err| {
        // An error at the end of the text is on the line after the block's last.
        let n = err.line.clamp(1, line_offsets.len());
        let line = range.first + n - 1;
        let start = file.line_span(line).start
            + lines[line - 1].prefix(commented)
            + err.at.saturating_sub(line_offsets[n - 1]);
        let start = start.min(file.line_span(line).end);
        ScanProblem {
            span: start..start,
            message: format!("module \"{label}\" block is not valid HCL: {}", err.message),
        }
    })?;
    let block = body.iter().find_map(|s| match s {
        Structure::Block(b) => Some(b),
        Structure::Attribute(_) => None,
    });
    let mut source = None;
    let mut arguments = Vec::new();
    if let Some(block) = block {
        for structure in block.body.iter() {
            match structure {
                Structure::Attribute(attr) => {
                    let line = attr.span().map_or(range.first, |s| line_of(s.start));
                    if attr.key.as_str() == "source"
                        && let Expression::String(s) = &attr.value
                    {
                        source = Some(s.value().clone());
                    }
                    arguments.push(Argument {
                        name: attr.key.to_string(),
                        line,
                        value: Literal::of(&attr.value),
                    });
                }
                Structure::Block(inner) => {
                    let line = inner.span().map_or(range.first, |s| line_of(s.start));
                    arguments.push(Argument {
                        name: inner.ident.to_string(),
                        line,
                        value: Literal::Other,
                    });
                }
            }
        }
    }
    Ok(ModuleBlock {
        label,
        source,
        lines: range,
        commented,
        arguments,
    })
}

/// The block's lines as code: each line's comment prefix removed when the block is
/// commented out, nested comments kept.
pub fn uncommented_lines(file: &SourceFile, range: LineRange) -> Vec<&str> {
    let commented = virtual_line(file.line(range.first)).commented;
    (range.first..=range.last)
        .map(|n| virtual_line(file.line(n)).text(commented))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> BlockScan {
        scan_module_blocks(&SourceFile::new("x.tf.example", text.to_owned()))
    }

    #[test]
    fn finds_commented_and_live_blocks() {
        let text = "# header\n\
                    # module \"a\" {\n\
                    #   source = \"../m/a\" # trailing\n\
                    #\n\
                    #   # nested comment with a } brace\n\
                    #   tags = { x = \"}\" }\n\
                    # }\n\
                    module \"b\" {\n\
                    \tsource = \"../m/b\"\n\
                    }\n";
        let scan = scan(text);
        assert_eq!(scan.problems, vec![]);
        assert_eq!(scan.blocks.len(), 2);
        let a = &scan.blocks[0];
        assert_eq!(
            (a.label.as_str(), a.lines, a.commented),
            ("a", LineRange::new(2, 7), true)
        );
        assert_eq!(a.source.as_deref(), Some("../m/a"));
        let names: Vec<(&str, usize)> = a
            .arguments
            .iter()
            .map(|a| (a.name.as_str(), a.line))
            .collect();
        assert_eq!(names, vec![("source", 3), ("tags", 6)]);
        assert_eq!(a.arguments[1].value, Literal::Object);
        let b = &scan.blocks[1];
        assert_eq!((b.lines, b.commented), (LineRange::new(8, 10), false));
    }

    #[test]
    fn handles_crlf_slashes_and_heredocs() {
        let text = "// module \"a\" {\r\n//   source = \"./a\"\r\n//   doc = <<EOT\r\n//   }}} not code\r\n//   EOT\r\n//   s = \"${var.x}}\"\r\n// }\r\n";
        let scan = scan(text);
        assert_eq!(scan.problems, vec![]);
        assert_eq!(scan.blocks[0].lines, LineRange::new(1, 7));
    }

    #[test]
    fn live_blocks_keep_their_comments_and_escapes() {
        let text = "module \"a\" {\n  # a comment with a { brace\n  source = \"./a\"\n  s = \"$${literal}\"\n  d = <<-END-DOC\n  }\n  END-DOC\n}\n";
        let scan = scan(text);
        assert_eq!(scan.problems, vec![]);
        assert_eq!(scan.blocks[0].lines, LineRange::new(1, 8));
        let file = SourceFile::new("x.tf", text.to_owned());
        assert_eq!(
            uncommented_lines(&file, LineRange::new(1, 2))[1],
            "  # a comment with a { brace"
        );
    }

    #[test]
    fn error_columns_are_bytes() {
        let scan = scan("# module \"a\" {\n#   n = \"日本\" x\n# }\n");
        let span = scan.problems[0].span.clone();
        assert!("# module \"a\" {\n#   n = \"日本\" x\n# }\n".is_char_boundary(span.start));
    }

    #[test]
    fn reports_unterminated_blocks() {
        let scan = scan("# module \"a\" {\n#   source = \"./a\"\nlocals {}\n");
        assert_eq!(scan.blocks, vec![]);
        assert!(
            scan.problems[0]
                .message
                .contains("not closed before line 3"),
            "{:?}",
            scan.problems
        );
        let scan = scan_module_blocks(&SourceFile::new("x", "# module \"a\" {\n".into()));
        assert!(scan.problems[0].message.contains("end of the file"));
    }

    #[test]
    fn reads_what_hashicorps_parser_reads() {
        // A line break inside a conditional of a for expression (hcl-edit alone rejects it).
        let scan = scan(
            "# module \"a\" {\n#   source = \"./a\"\n#   m = { for k in x : k => k == 1 ? 1 :\n#     2 }\n# }\n",
        );
        assert_eq!(scan.problems, vec![]);
        assert_eq!(scan.blocks[0].source.as_deref(), Some("./a"));
    }

    #[test]
    fn reports_invalid_hcl_inside_a_block() {
        let scan = scan("# module \"a\" {\n#   source = = 1\n# }\n");
        assert!(
            scan.problems[0].message.contains("not valid HCL"),
            "{:?}",
            scan.problems
        );
    }
}
