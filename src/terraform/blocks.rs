//! Finds the blocks of a Terraform file, whether live or commented out line by line with `#`
//! or `//`, as example files keep them: the `module` blocks with their `source` and
//! arguments, and every block and attribute at any depth as an addressed [`Item`], which a
//! line reference may cite.
//!
//! Each line's comment prefix (`# `, `#`, `// `, `//`) is set aside, giving a "virtual" line
//! of code at the same line number. A block starts at a virtual line `type "label" ... {`;
//! the HCL lexer ([`super::lex`]), which knows strings, interpolations, heredocs and
//! comments, finds its closing brace; then the block's virtual text is parsed with `hcl-edit`.
//! Lexing decides extent only; meaning comes from the real parser. A `module` block that
//! cannot be read is a problem; any other header that does not parse is taken for prose (a
//! commented-out line such as `# Note {`) and skipped.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use hcl::edit::Span;
use hcl::edit::expr::Expression;
use hcl::edit::structure::Structure;
use rayon::prelude::*;

use super::lex::{Kind, Lexer};
use super::mask::Masked;
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

/// A block or an attribute, at any depth, named by its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// As Terraform's references name it where it has a name (`aws_instance.web`,
    /// `data.aws_ami.ubuntu`, `module.vpc`, `var.region`, `local.tags`, `output.id`,
    /// `provider.aws`, `terraform`, `locals`), then the path inside it
    /// (`aws_instance.web.ebs_block_device`, `module.vpc.cidr`).
    pub address: String,
    /// How a reader knows it: a top-level block by its header (`variable "region"`),
    /// anything else by its address.
    pub title: String,
    pub kind: ItemKind,
    pub lines: LineRange,
    /// First line of the comment lines directly above the item (its first line if none).
    pub header: usize,
    /// The enclosing item's index in [`BlockScan::items`].
    pub parent: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Block,
    Attribute,
}

impl Item {
    /// How a message names it: block `resource "aws_instance" "web"`, attribute `local.tags`.
    pub fn describe(&self) -> String {
        match self.kind {
            ItemKind::Block => format!("block `{}`", self.title),
            ItemKind::Attribute => format!("attribute `{}`", self.title),
        }
    }

    /// What kind of thing it is, to tell a sibling from an unrelated item: the kind of a
    /// top-level item (`var`, `resource`: `aws_instance.web` and `aws_s3_bucket.logs` are
    /// both resources), else the parent's address and block or attribute.
    fn family(&self, items: &[Item]) -> String {
        match (self.parent, kind(self)) {
            (None, Some(kind)) => kind.to_owned(),
            (None, None) => self.address.split('.').next().unwrap_or("").to_owned(),
            (Some(p), _) => format!("{} {:?}", items[p].address, self.kind),
        }
    }

    /// Whether `self` and `other` are of the same kind (two variables, two attributes of one
    /// block): a range that moved from one to the other is drift, not a different subject.
    pub fn same_family(&self, other: &Item, items: &[Item]) -> bool {
        self.family(items) == other.family(items)
    }
}

/// Indices of [`BlockScan::items`], by what the checks look them up by.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Index {
    /// By last line: what a range cites exactly.
    ending_at: HashMap<usize, Vec<usize>>,
    /// By the last segment of the address: what a name beside a reference names.
    names: HashMap<String, Vec<usize>>,
    /// The kinds of the file's top-level items (`var`, `data`, `resource`, ...), and `local`.
    kinds: HashSet<&'static str>,
}

impl Index {
    fn of(items: &[Item]) -> Index {
        let mut index = Index::default();
        for (i, item) in items.iter().enumerate() {
            index.ending_at.entry(item.lines.last).or_default().push(i);
            let last = item.address.rsplit('.').next().unwrap_or(&item.address);
            index.names.entry(last.to_owned()).or_default().push(i);
            index.kinds.extend(kind(item));
        }
        index
    }
}

/// `var`, `data`, `resource`, ... for a top-level item, `local` for a local value.
fn kind(item: &Item) -> Option<&'static str> {
    let first = item.address.split('.').next().unwrap_or("");
    match (item.parent, first) {
        (_, "local") => Some("local"),
        (Some(_), _) => None,
        (None, first) if is_resource_type(first) => Some("resource"),
        (None, first) => KEYWORDS.iter().copied().find(|k| *k == first),
    }
}

/// Resource types are `<provider>_<type>`; the keywords are not resources.
fn is_resource_type(first: &str) -> bool {
    first.contains('_') && !KEYWORDS.contains(&first)
}

/// The first segments of addresses that are not resources.
const KEYWORDS: [&str; 8] = [
    "data",
    "module",
    "var",
    "local",
    "output",
    "provider",
    "terraform",
    "locals",
];

/// The address a name written in prose stands for, if it is one: a reference as Terraform
/// writes it (`aws_instance.web`, `var.region`, `module.vpc.vpc_id`, `local.tags[0]`) or a
/// block header (`variable "region"`, `resource "aws_instance" "web" {`).
pub fn hint_address(text: &str) -> Option<String> {
    let braced = text.trim().ends_with('{');
    let text = text.trim().trim_end_matches('{').trim_end();
    if braced && !text.contains(['.', '=']) {
        // `terraform {`, `egress {`, `dynamic "ingress" {`
        return block_header(&format!("{text} {{")).map(|header| header.address());
    }
    if text.contains(char::is_whitespace) {
        let header = block_header(&format!("{text} {{"))?;
        return (!header.labels.is_empty()).then(|| header.address());
    }
    // Index and key parts name an element, which the attribute stands for.
    let mut address = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            rest = &after[after.find(']')? + 1..];
            continue;
        }
        let part = rest.strip_prefix('.').unwrap_or(rest);
        if !address.is_empty() && part.len() == rest.len() {
            return None;
        }
        if !part.starts_with(is_ident_start) {
            return None;
        }
        let end = part.find(|c| !is_ident(c)).unwrap_or(part.len());
        if !address.is_empty() {
            address.push('.');
        }
        address.push_str(&part[..end]);
        rest = &part[end..];
    }
    // A single word (`name`, `locals`) names too many things to be a name.
    address.contains('.').then_some(address)
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
    /// Every block and attribute of the file, parents before their children, in file order.
    pub items: Vec<Item>,
    /// Where to look items up without reading them all.
    index: Index,
    pub problems: Vec<ScanProblem>,
}

impl BlockScan {
    /// Whether `inner` is `outer` or lies inside it.
    pub fn within(&self, inner: usize, outer: usize) -> bool {
        let mut at = Some(inner);
        while let Some(i) = at {
            if i == outer {
                return true;
            }
            at = self.items[i].parent;
        }
        false
    }

    /// The top-level item holding item `i`.
    pub fn top_level(&self, mut i: usize) -> usize {
        while let Some(parent) = self.items[i].parent {
            i = parent;
        }
        i
    }

    /// The kind `address` names, when it names a top-level kind the file has items of:
    /// `var` for `var.region`, `resource` for `aws_instance.web`, `local` for `local.tags`;
    /// none for a longer path.
    pub fn kind_of_address(&self, address: &str) -> Option<&'static str> {
        let segments: Vec<&str> = address.split('.').collect();
        let kind = match segments.as_slice() {
            [first, _] if ["var", "output", "module", "provider", "local"].contains(first) => {
                KEYWORDS.iter().copied().find(|k| k == first)?
            }
            ["data", _, _] => "data",
            [first, _] if is_resource_type(first) => "resource",
            // A single word (`terraform`, `locals`) names a kind of the file only when the
            // file holds such a block, which it then names itself.
            _ => return None,
        };
        self.index.kinds.contains(kind).then_some(kind)
    }

    /// The kind of item `i` in the sense of [`BlockScan::kind_of_address`].
    pub fn kind_of(&self, i: usize) -> Option<&'static str> {
        kind(&self.items[i])
    }

    /// The items whose address is `address` (several nested blocks may share one), or else
    /// nested items whose address ends with it: `dynamic.ingress` names
    /// `aws_security_group.web.dynamic.ingress`.
    pub fn items_named(&self, address: &str) -> Vec<usize> {
        let last = address.rsplit('.').next().unwrap_or(address);
        let candidates = self.index.names.get(last).map_or(&[][..], Vec::as_slice);
        let exact: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| self.items[i].address == address)
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        let suffix = format!(".{address}");
        candidates
            .iter()
            .copied()
            .filter(|&i| self.items[i].parent.is_some() && self.items[i].address.ends_with(&suffix))
            .collect()
    }

    /// The items a range cites exactly: from the item's first line (or a line of the comment
    /// header above it) to its last line.
    pub fn items_cited(&self, cited: LineRange) -> Vec<usize> {
        let ending = self
            .index
            .ending_at
            .get(&cited.last)
            .map_or(&[][..], Vec::as_slice);
        ending
            .iter()
            .copied()
            .filter(|&i| {
                let item = &self.items[i];
                cited.last == item.lines.last
                    && cited.first <= item.lines.first
                    && cited.first >= item.header
            })
            .collect()
    }

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

/// A block header at the start of a virtual line: `type "label" ... {`.
struct Header {
    ident: String,
    labels: Vec<String>,
    /// Byte after the `{` in the virtual line.
    body_start: usize,
}

impl Header {
    fn is_module(&self) -> bool {
        self.ident == "module" && self.labels.len() == 1
    }

    /// `resource "aws_instance" "web"`.
    fn title(&self) -> String {
        let mut title = self.ident.clone();
        for label in &self.labels {
            title.push_str(&format!(" \"{label}\""));
        }
        title
    }

    /// The block's address as Terraform's references write it (see [`Item::address`]).
    fn address(&self) -> String {
        let labels = self.labels.join(".");
        match (self.ident.as_str(), self.labels.len()) {
            ("resource", 2) => labels,
            ("variable", 1) => format!("var.{labels}"),
            (ident, 0) => ident.to_owned(),
            (ident, _) => format!("{ident}.{labels}"),
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// `ident ("label" | label)* {` at the start of a virtual line.
fn block_header(code: &str) -> Option<Header> {
    let mut rest = code.trim_start();
    if !rest.starts_with(is_ident_start) {
        return None;
    }
    let end = rest.find(|c| !is_ident(c)).unwrap_or(rest.len());
    let ident = rest[..end].to_owned();
    rest = &rest[end..];
    let mut labels = Vec::new();
    loop {
        let trimmed = rest.trim_start();
        if let Some(after) = trimmed.strip_prefix('{') {
            return Some(Header {
                ident,
                labels,
                body_start: code.len() - after.len(),
            });
        }
        if let Some(quoted) = trimmed.strip_prefix('"') {
            let close = quoted.find('"')?;
            labels.push(quoted[..close].to_owned());
            rest = &quoted[close + 1..];
        } else if trimmed.starts_with(is_ident_start) {
            // HCL needs no space between labels: `resource "a"b {` is valid.
            let end = trimmed.find(|c| !is_ident(c)).unwrap_or(trimmed.len());
            labels.push(trimmed[..end].to_owned());
            rest = &trimmed[end..];
        } else {
            return None; // `name = {`, `modules`, prose
        }
    }
}

/// One block found by its header and closing brace, not yet parsed.
struct Extent {
    range: LineRange,
    header: Header,
    commented: bool,
}

/// Scans `file` for blocks.
pub fn scan_module_blocks(file: &SourceFile) -> BlockScan {
    let count = file.line_count();
    let lines: Vec<VirtualLine> = (1..=count).map(|n| virtual_line(file.line(n))).collect();
    // First the extents, in one pass over the lines; then each block is parsed on its own,
    // in parallel (blocks do not overlap).
    let mut extents = Vec::new();
    let mut problems = Vec::new();
    let mut n = 0; // 0-based index into `lines`
    while n < lines.len() {
        let Some(header) = block_header(lines[n].code) else {
            n += 1;
            continue;
        };
        let commented = lines[n].commented;
        match find_block_end(&lines, n, header.body_start, commented) {
            Ok(end) => {
                extents.push(Extent {
                    range: LineRange::new(n + 1, end + 1),
                    header,
                    commented,
                });
                n = end + 1;
            }
            Err(message) if header.is_module() => {
                problems.push(ScanProblem {
                    span: file.line_span(n + 1),
                    message: format!("module \"{}\" block {message}", header.labels[0]),
                });
                n += 1;
            }
            Err(_) => n += 1,
        }
    }
    let read: Vec<Result<Read, ScanProblem>> = extents
        .par_iter()
        .map(|extent| read_block(file, &lines, extent))
        .collect();
    let mut scan = BlockScan::default();
    let mut previous_end = 0;
    for (extent, result) in extents.iter().zip(read) {
        let mut read = match result {
            Ok(read) => read,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if read.items.is_empty() {
            continue; // not a block: prose that looked like a header
        }
        // The comment lines above a top-level block, back to the previous block.
        let mut header = extent.range.first;
        while header - 1 > previous_end && is_comment(lines[header - 2].raw) {
            header -= 1;
        }
        read.items[0].header = header;
        previous_end = extent.range.last;
        let offset = scan.items.len();
        scan.items.extend(read.items.into_iter().map(|mut item| {
            item.parent = item.parent.map(|p| p + offset);
            item
        }));
        scan.blocks.extend(read.module);
    }
    problems.sort_by_key(|p| p.span.start);
    scan.problems = problems;
    scan.index = Index::of(&scan.items);
    scan
}

fn is_comment(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with('#') || line.starts_with("//")
}

/// 0-based index of the line holding the block's closing brace, found by the lexer
/// ([`super::lex`]) over the block's virtual lines.
fn find_block_end(
    lines: &[VirtualLine],
    start: usize,
    body_start: usize,
    commented: bool,
) -> Result<usize, String> {
    // Inside the block's `{`; a template sequence's braces are not counted. The lexer starts
    // after that `{`: a `}` with nothing open is a `Close` token all the same.
    let mut lexer = Lexer::default();
    let mut depth = 1usize;
    for (n, line) in lines.iter().enumerate().skip(start) {
        let text = line.text(commented);
        // (The header's line is commented: a commented block starts at one.)
        if commented && !line.commented && !text.trim().is_empty() {
            return Err(format!(
                "is not closed before line {}, where live code begins",
                n + 1
            ));
        }
        let from = if n == start { body_start } else { 0 };
        let mut closed = false;
        let whole = lexer.line(&text[from..], 0, |token| match token.kind {
            Kind::Open => depth += 1,
            // What follows the closing brace on its line is not the block's.
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

/// What one block's text holds: its items, and the module block if it is one.
struct Read {
    module: Option<ModuleBlock>,
    items: Vec<Item>,
}

/// The block's virtual text and where each of its lines starts in it.
struct BlockText<'a> {
    lines: &'a [VirtualLine<'a>],
    range: LineRange,
    commented: bool,
    offsets: Vec<usize>,
}

impl BlockText<'_> {
    /// 1-based file line of a byte of the text.
    fn line_of(&self, offset: usize) -> usize {
        self.range.first + self.offsets.partition_point(|&o| o <= offset) - 1
    }

    /// The file lines of a node's span, or the block's first line if it has none.
    fn lines_of(&self, span: Option<Range<usize>>) -> LineRange {
        match span {
            Some(s) => LineRange::new(
                self.line_of(s.start),
                // The end is exclusive; an empty span is on its start's line.
                self.line_of(s.end.saturating_sub(1).max(s.start)),
            ),
            None => LineRange::new(self.range.first, self.range.first),
        }
    }

    /// Whether file line `n` is a comment inside the block.
    fn is_comment(&self, n: usize) -> bool {
        is_comment(self.lines[n - 1].text(self.commented))
    }
}

/// Parses the block's virtual text with hcl-edit: every block and attribute in it, and for a
/// `module` block its label, source and arguments.
fn read_block(
    file: &SourceFile,
    lines: &[VirtualLine],
    extent: &Extent,
) -> Result<Read, ScanProblem> {
    let Extent {
        range,
        header,
        commented,
    } = extent;
    let (range, commented) = (*range, *commented);
    let mut text = String::new();
    let mut offsets = Vec::new();
    for line in &lines[range.first - 1..range.last] {
        offsets.push(text.len());
        text.push_str(line.text(commented));
        text.push('\n');
    }
    let block_text = BlockText {
        lines,
        range,
        commented,
        offsets,
    };
    let (body, masked) = match super::parse::body(&text) {
        Ok(parsed) => parsed,
        Err(err) if header.is_module() => {
            // An error at the end of the text is on the line after the block's last.
            let offsets = &block_text.offsets;
            let n = err.line.clamp(1, offsets.len());
            let line = range.first + n - 1;
            let start = file.line_span(line).start
                + lines[line - 1].prefix(commented)
                + err.at.saturating_sub(offsets[n - 1]);
            let start = start.min(file.line_span(line).end);
            return Err(ScanProblem {
                span: start..start,
                message: format!(
                    "module \"{}\" block is not valid HCL: {}",
                    header.labels[0], err.message
                ),
            });
        }
        Err(_) => {
            return Ok(Read {
                module: None,
                items: Vec::new(),
            });
        }
    };
    let Some(block) = body.iter().find_map(|s| match s {
        Structure::Block(b) => Some(b),
        Structure::Attribute(_) => None,
    }) else {
        return Ok(Read {
            module: None,
            items: Vec::new(),
        });
    };
    let mut items = vec![Item {
        address: header.address(),
        title: header.title(),
        kind: ItemKind::Block,
        lines: range,
        header: range.first,
        parent: None,
    }];
    body_items(&block_text, &masked, &block.body, 0, &mut items);
    let module = header.is_module().then(|| ModuleBlock {
        label: header.labels[0].clone(),
        source: block.body.iter().find_map(|s| match s {
            Structure::Attribute(attr) if attr.key.as_str() == "source" => match &attr.value {
                Expression::String(s) => Some(s.value().clone()),
                _ => None,
            },
            _ => None,
        }),
        lines: range,
        commented,
        arguments: block
            .body
            .iter()
            .map(|structure| match structure {
                Structure::Attribute(attr) => Argument {
                    name: attr.key.to_string(),
                    line: block_text.lines_of(attr.span()).first,
                    value: Literal::of(&attr.value),
                },
                Structure::Block(inner) => Argument {
                    name: inner.ident.to_string(),
                    line: block_text.lines_of(inner.span()).first,
                    value: Literal::Other,
                },
            })
            .collect(),
    });
    Ok(Read { module, items })
}

/// Adds the blocks and attributes of `body`, whose block is `items[parent]`, depth first.
fn body_items(
    text: &BlockText,
    masked: &Masked,
    body: &hcl::edit::structure::Body,
    parent: usize,
    items: &mut Vec<Item>,
) {
    for structure in body.iter() {
        let (name, kind, span) = match structure {
            Structure::Attribute(attr) => (attr.key.to_string(), ItemKind::Attribute, attr.span()),
            Structure::Block(block) => {
                let mut name = block.ident.to_string();
                for label in &block.labels {
                    name.push('.');
                    name.push_str(label.as_str());
                }
                (name, ItemKind::Block, block.span())
            }
        };
        // An attribute whose value ends with a heredoc ends with its closing marker.
        let lines = text.lines_of(span.map(|s| s.start..masked.end_in_original(&s)));
        let mut header = lines.first;
        // Up to the previous item or the parent's header, neither of which ends with a
        // comment line.
        while text.is_comment(header - 1) {
            header -= 1;
        }
        let parent_address = &items[parent].address;
        // `locals { tags = ... }`: Terraform calls the attribute `local.tags`.
        let address = if parent_address == "locals" {
            format!("local.{name}")
        } else {
            format!("{parent_address}.{name}")
        };
        items.push(Item {
            title: address.clone(),
            address,
            kind,
            lines,
            header,
            parent: Some(parent),
        });
        if let Structure::Block(block) = structure {
            let index = items.len() - 1;
            body_items(text, masked, &block.body, index, items);
        }
    }
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

    /// Each item as (address, header line, first line, last line).
    fn addressed(scan: &BlockScan) -> Vec<(&str, usize, usize, usize)> {
        scan.items
            .iter()
            .map(|i| (i.address.as_str(), i.header, i.lines.first, i.lines.last))
            .collect()
    }

    #[test]
    fn block_headers_as_hcl_writes_them() {
        let header = |code: &str| block_header(code).map(|h| (h.ident, h.labels, h.body_start));
        let labels = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            header("resource \"a\" \"b\" {"),
            Some(("resource".into(), labels(&["a", "b"]), 18))
        );
        assert_eq!(
            header("  resource a b{ x"),
            Some(("resource".into(), labels(&["a", "b"]), 15))
        );
        assert_eq!(
            header("resource \"a\"b {"),
            Some(("resource".into(), labels(&["a", "b"]), 15))
        );
        assert_eq!(header("locals {"), Some(("locals".into(), labels(&[]), 8)));
        for prose in ["name = {", "modules", "Note: see {", "\"x\" {", "a \"b {"] {
            assert_eq!(header(prose), None, "{prose}");
        }
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
        // A commented-out block loses its marker and the one space after it.
        let text = "  # module \"a\" {\n  //   source = \"./a\"\n  #}\n";
        let file = SourceFile::new("x.tf.example", text.to_owned());
        assert_eq!(
            uncommented_lines(&file, LineRange::new(1, 3)),
            ["module \"a\" {", "  source = \"./a\"", "}"]
        );
    }

    #[test]
    fn error_columns_are_bytes() {
        let scan = scan("# module \"a\" {\n#   n = \"日本\" x\n# }\n");
        let span = scan.problems[0].span.clone();
        let text = "# module \"a\" {\n#   n = \"日本\" x\n# }\n";
        assert_eq!(span.start, text.find(" x").unwrap_or_default() + 1);
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
        // Any other header left open is prose: no problem, and the blocks after it are read.
        let scan = self::scan("# note {\n# see \"this\" {\nlocals {\n  a = 1\n}\n");
        assert_eq!(scan.problems, vec![]);
        assert_eq!(scan.items[0].address, "locals");
    }

    #[test]
    fn reads_what_hashicorps_parser_reads() {
        // A line break inside a conditional of a for expression (hcl-edit alone rejects it).
        let scan = scan(
            "# module \"a\" {\n#   name = \"n\"\n#   source = \"./a\"\n#   m = { for k in x : k => k == 1 ? 1 :\n#     2 }\n# }\n",
        );
        assert_eq!(scan.problems, vec![]);
        assert_eq!(scan.blocks[0].source.as_deref(), Some("./a"));
    }

    #[test]
    fn nested_items_have_their_comment_headers_and_whole_lines() {
        let scan = scan("locals {\n  a = 1\n\n  # about b\n  b = <<EOT\n  x\n  EOT\n  c = 2\n}\n");
        let items = addressed(&scan);
        assert_eq!(
            items,
            [
                ("locals", 1, 1, 9),
                ("local.a", 2, 2, 2),
                ("local.b", 4, 5, 7),
                ("local.c", 8, 8, 8),
            ]
        );
        // A block ends at its closing brace, whatever follows it on the line.
        let scan = self::scan("# module \"a\" {\n#   source = \"./a\"\n# } { { }\n");
        assert!(
            scan.problems[0].message.contains("not valid HCL"),
            "{:?}",
            scan.problems
        );
    }

    #[test]
    fn every_block_and_attribute_is_an_addressed_item() {
        let scan = scan(
            "# Region.\nvariable \"region\" {\n  type = string\n}\n\n\
             resource \"aws_sg\" \"web\" {\n  # rules\n  dynamic \"ingress\" {\n    content {}\n  }\n}\n\
             locals { tags = {} }\n# Note {\n#   prose, not HCL\n# }\n",
        );
        let items = addressed(&scan);
        assert_eq!(
            items,
            vec![
                ("var.region", 1, 2, 4),
                ("var.region.type", 3, 3, 3),
                ("aws_sg.web", 6, 6, 11),
                ("aws_sg.web.dynamic.ingress", 7, 8, 10),
                ("aws_sg.web.dynamic.ingress.content", 9, 9, 9),
                ("locals", 12, 12, 12),
                ("local.tags", 12, 12, 12),
            ]
        );
        assert_eq!(scan.items[0].describe(), "block `variable \"region\"`");
        assert_eq!(scan.items_named("dynamic.ingress"), vec![3]);
        assert_eq!(scan.items_cited(LineRange::new(1, 4)), vec![0]);
        assert_eq!(scan.kind_of_address("var.zone"), Some("var"));
        assert_eq!(scan.kind_of_address("output.id"), None);
        assert_eq!(scan.kind_of_address("aws_sg.db"), Some("resource"));
        assert_eq!(scan.kind_of_address("each.value"), None);
        assert_eq!(scan.kind_of_address("locals"), None);
        assert_eq!(
            scan.problems,
            vec![],
            "a header that is prose is no problem"
        );
    }

    #[test]
    fn names_in_prose_are_addresses() {
        for (text, address) in [
            ("aws_instance.web", Some("aws_instance.web")),
            ("module.vpc.vpc_id", Some("module.vpc.vpc_id")),
            ("local.tags[0]", Some("local.tags")),
            ("var.m[\"k\"].x", Some("var.m.x")),
            ("variable \"region\"", Some("var.region")),
            (
                "resource \"aws_instance\" \"web\" {",
                Some("aws_instance.web"),
            ),
            ("data \"aws_ami\" \"u\"", Some("data.aws_ami.u")),
            ("terraform {", Some("terraform")),
            ("dynamic \"ingress\" {", Some("dynamic.ingress")),
            ("terraform", None),
            ("name", None),
            ("terraform/modules/vpc", None),
            ("main.tf:12", None),
            ("a = b", None),
            ("x.y z", None),
        ] {
            assert_eq!(hint_address(text).as_deref(), address, "{text:?}");
        }
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
