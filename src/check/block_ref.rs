//! The one classification of a line reference against an example file, shared by the
//! catalog's references and prose references in markdown: which block the range should be,
//! and how the range relates to it now.

use std::ops::Range;
use std::path::Path;

use crate::catalog::LineRange;
use crate::diag::{Applicability, Code, Edit, Finding, Fix, Label};
use crate::project::ExampleFile;
use crate::source::{FileId, Sources};
use crate::terraform::ModuleBlock;

/// What the reference should cite.
pub enum Expect<'a> {
    /// The block instantiating this module directory (relative to the project root),
    /// optionally pinned by label.
    Module {
        dir: &'a Path,
        label: Option<&'a str>,
    },
    /// Any single block, possibly with the comment header directly above it.
    AnyBlock,
}

/// How a cited range relates to the file as it is.
pub enum State<'a> {
    Ok,
    /// Why the range is unusable, and the block it should be when that is known.
    OutOfRange(String, Option<&'a ModuleBlock>),
    Gone,
    Ambiguous(Vec<&'a ModuleBlock>),
    Moved(&'a ModuleBlock),
    Changed(&'a ModuleBlock),
    /// The range cuts through blocks (or covers none, or several).
    Misaligned(Vec<&'a ModuleBlock>),
}

/// Classifies `cited` in `example`.
pub fn classify<'a>(
    example: &'a ExampleFile,
    sources: &Sources,
    cited: LineRange,
    expect: &Expect,
) -> State<'a> {
    let line_count = sources.get(example.file).line_count();
    let header_ok = |b: &ModuleBlock| {
        cited.last == b.lines.last
            && cited.first <= b.lines.first
            && cited.first >= header_start(example, sources, b)
    };
    let out_of_range = |block| {
        let why = if cited.first == 0 {
            "line numbers start at 1".to_owned()
        } else if cited.first > cited.last {
            "the range is reversed".to_owned()
        } else {
            let s = if line_count == 1 { "" } else { "s" };
            format!("the file has {line_count} line{s}")
        };
        State::OutOfRange(why, block)
    };
    if !cited.fits(line_count) && matches!(expect, Expect::AnyBlock) {
        return out_of_range(None);
    }
    match expect {
        Expect::Module { dir, label } => {
            let mut matching: Vec<&ModuleBlock> = example.blocks_of(dir).collect();
            if let Some(label) = label {
                matching.retain(|b| b.label == *label);
            }
            // Several candidates, one of them exactly cited: the reference is unambiguous.
            if matching.len() > 1 && matching.iter().any(|b| header_ok(b)) {
                matching.retain(|b| header_ok(b));
            }
            if !cited.fits(line_count) {
                return out_of_range(match matching.as_slice() {
                    [block] => Some(block),
                    _ => None,
                });
            }
            match matching.as_slice() {
                [] => State::Gone,
                [block] if header_ok(block) => State::Ok,
                [block] if block.lines.len() == cited.len() => State::Moved(block),
                [block] => State::Changed(block),
                blocks => State::Ambiguous(blocks.to_vec()),
            }
        }
        Expect::AnyBlock => {
            let touched: Vec<&ModuleBlock> = example.blocks_touching(cited).iter().collect();
            match touched.as_slice() {
                [block] if header_ok(block) => State::Ok,
                _ => State::Misaligned(touched),
            }
        }
    }
}

/// First line of the comment lines directly above `block` (the block's first line if none).
pub fn header_start(example: &ExampleFile, sources: &Sources, block: &ModuleBlock) -> usize {
    let file = sources.get(example.file);
    let mut first = block.lines.first;
    while first > 1 {
        let line = file.line(first - 1).trim_start();
        let comment = line.starts_with('#') || line.starts_with("//");
        let in_block = example.scan.block_at(first - 1).is_some();
        if !comment || in_block {
            break;
        }
        first -= 1;
    }
    first
}

/// Where a reference is written, and how to rewrite its numbers.
pub struct Cite<'a> {
    /// "module `memcached` cites `/x.tf.example` lines 38-57"
    pub subject: String,
    /// The reference's location (catalog value or markdown text).
    pub at: Label,
    /// Where the range's numbers are written, if they can be rewritten.
    pub numbers: Option<Numbers<'a>>,
}

/// The bytes holding a reference's range, and how to write a range there.
pub struct Numbers<'a> {
    pub file: FileId,
    pub span: Range<usize>,
    pub write: &'a dyn Fn(LineRange) -> String,
}

/// The finding for a state, or `None` when the reference is right.
pub fn finding(
    state: State,
    cite: Cite,
    example: &ExampleFile,
    sources: &Sources,
    cited: LineRange,
) -> Option<Finding> {
    let file = example.file;
    let source = sources.get(file);
    let block_label = |b: &ModuleBlock| {
        Label::new(file, source.lines_span(b.lines.first, b.lines.last))
            .with_note(format!("the block now spans lines {}", b.lines))
    };
    let subject = cite.subject;
    let f = match state {
        State::Ok => return None,
        State::OutOfRange(why, block) => {
            let f =
                Finding::error(Code::RefOutOfRange, format!("{subject}, but {why}")).at(cite.at);
            match block {
                Some(block) => with_block(f, block, block_label(block), cite.numbers),
                None => f,
            }
        }
        State::Gone => Finding::error(
            Code::RefGone,
            format!("{subject}, but no block in that file instantiates the module"),
        )
        .at(cite.at)
        .also(Label::new(file, source.lines_span(cited.first, cited.last)).with_note("cited lines"))
        .help("restore the module block, or remove the reference"),
        State::Ambiguous(blocks) => {
            let list: Vec<String> = blocks
                .iter()
                .map(|b| format!("`{}` (lines {})", b.label, b.lines))
                .collect();
            let mut f = Finding::error(
                Code::RefAmbiguous,
                format!(
                    "{subject}, but {} blocks instantiate the module: {}",
                    blocks.len(),
                    list.join(", ")
                ),
            )
            .at(cite.at);
            for b in blocks {
                f = f.also(block_label(b));
            }
            f.help("cite one of them; in catalog.toml, pin it with `label = \"...\"`")
        }
        // The classifier decides moved or changed; the finding only says so.
        State::Moved(block) => {
            let f = shifted(Code::RefMoved, "moved", &subject, block, cite.at, cited);
            with_block(f, block, block_label(block), cite.numbers)
        }
        State::Changed(block) => {
            let f = shifted(
                Code::RefChanged,
                "changed extent",
                &subject,
                block,
                cite.at,
                cited,
            );
            with_block(f, block, block_label(block), cite.numbers)
        }
        State::Misaligned(blocks) => {
            let what = match blocks.as_slice() {
                [] => "no module block".to_owned(),
                [b] => format!("part of block `module \"{}\"` (lines {})", b.label, b.lines),
                bs => {
                    let list: Vec<String> = bs
                        .iter()
                        .map(|b| format!("`{}` ({})", b.label, b.lines))
                        .collect();
                    format!("{} blocks: {}", bs.len(), list.join(", "))
                }
            };
            let mut f = Finding::error(
                Code::RefMisaligned,
                format!("{subject}, which cover {what}"),
            )
            .at(cite.at);
            for b in &blocks {
                f = f.also(block_label(b));
            }
            f.help("cite exactly one block, from its `module` line (or the comment header above it) to its closing brace")
        }
    };
    let mut f = f;
    f.cited = Some(cited);
    Some(f)
}

/// The finding for a block that moved or changed extent, at the reference.
fn shifted(
    code: Code,
    what: &str,
    subject: &str,
    block: &ModuleBlock,
    at: Label,
    cited: LineRange,
) -> Finding {
    Finding::error(
        code,
        format!(
            "{subject}, but its block `module \"{}\"` {what}: it now spans lines {}",
            block.label, block.lines
        ),
    )
    .at(at.with_note(format!("cited {}", lines_word(cited))))
}

/// Adds where the block is now, the help line and the machine-applicable fix.
fn with_block(
    finding: Finding,
    block: &ModuleBlock,
    label: Label,
    numbers: Option<Numbers>,
) -> Finding {
    let mut f = finding.also(label).help(format!(
        "the block now spans lines {}; run `mdbook-catalog fix`",
        block.lines
    ));
    f.actual = Some(block.lines);
    if let Some(Numbers { file, span, write }) = numbers {
        f = f.fix(Fix {
            title: format!("cite lines {}", block.lines),
            applicability: Applicability::MachineApplicable,
            edits: vec![Edit {
                file,
                span,
                replacement: write(block.lines),
            }],
        });
    }
    f
}

/// "line 12" or "lines 8-27".
fn lines_word(range: LineRange) -> String {
    if range.first == range.last {
        format!("line {range}")
    } else {
        format!("lines {range}")
    }
}
