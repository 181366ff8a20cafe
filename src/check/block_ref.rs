//! The one classification of a line reference against a Terraform file, shared by the
//! catalog's references and prose references in markdown: what the range should cite (a
//! module's block, or the block or attribute the text beside it names), and how the range
//! relates to it now.

use std::ops::Range;
use std::path::Path;

use crate::catalog::LineRange;
use crate::diag::{Applicability, Code, Edit, Finding, Fix, Label};
use crate::project::ExampleFile;
use crate::source::{FileId, Sources};
use crate::terraform::ModuleBlock;
use crate::terraform::blocks::{BlockScan, Item, hint_address};

/// What the reference should cite.
pub enum Expect<'a> {
    /// The block instantiating this module directory (relative to the project root),
    /// optionally pinned by label. Unless `only_the_block` (the catalog's `example`, which is
    /// the block by definition), another block or attribute of the file also does when the
    /// range cites one exactly or the text beside it names one.
    Module {
        dir: &'a Path,
        label: Option<&'a str>,
        only_the_block: bool,
    },
    /// Any block or attribute: the one the text beside the reference names, or else the one
    /// the range cites exactly.
    AnyItem,
    /// Lines of a file that is not Terraform (a YAML template, a script): they exist.
    Lines,
}

/// What a reference cites, when it is known.
#[derive(Clone, Copy)]
pub enum Target<'a> {
    Module(&'a ModuleBlock),
    /// An item, and the lines a reference to it should cite (with its comment header when the
    /// reference had one).
    Item(&'a Item, LineRange),
}

impl Target<'_> {
    pub fn lines(&self) -> LineRange {
        match self {
            Target::Module(b) => b.lines,
            Target::Item(_, lines) => *lines,
        }
    }

    /// "block `module \"cache\"`", "attribute `local.tags`".
    fn describe(&self) -> String {
        match self {
            Target::Module(b) => format!("block `module \"{}\"`", b.label),
            Target::Item(i, _) => i.describe(),
        }
    }
}

/// How a cited range relates to the file as it is.
pub enum State<'a> {
    Ok,
    /// Why the range is unusable, and the block it should be when that is known.
    OutOfRange(String, Option<&'a ModuleBlock>),
    /// The module's block is no longer in the file, or the block or attribute the text
    /// names (with what the cited lines hold now, when that is one item).
    Gone(Option<(String, Option<&'a Item>)>),
    Ambiguous(Vec<&'a ModuleBlock>),
    Moved(Target<'a>),
    Changed(Target<'a>),
    /// The range is not a whole block or attribute, and nothing says which one was meant: the
    /// innermost item holding the whole range, or the top-level items it touches.
    Misaligned(Vec<&'a Item>),
}

/// Classifies `cited` in `example`; `context` is the text written beside the reference (code
/// spans that may name a block or attribute).
pub fn classify<'a>(
    example: &'a ExampleFile,
    sources: &Sources,
    cited: LineRange,
    expect: &Expect,
    context: &[String],
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
    if !cited.fits(line_count) && matches!(expect, Expect::AnyItem | Expect::Lines) {
        return out_of_range(None);
    }
    let scan = &example.scan;
    let named = Named::new(scan, context);
    let exact = scan.items_cited(cited);
    match expect {
        Expect::Module {
            dir,
            label,
            only_the_block,
        } => {
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
            if let [block] = matching.as_slice()
                && header_ok(block)
            {
                return State::Ok;
            }
            // Another subject: an item of the module's block, or one that is not a module
            // block (a provider, a variable), named beside the reference or cited exactly.
            let other_subject = |i: usize| {
                let top = scan.top_level(i);
                !only_the_block
                    && (!scan.items[top].address.starts_with("module.")
                        || (top != i && matching.iter().any(|b| b.lines == scan.items[top].lines)))
            };
            if named.found.iter().any(|&i| other_subject(i)) {
                return by_name(scan, cited, &exact, &named);
            }
            // A whole block of another module, where the section's module has none: the
            // section's module is a guess from the paths it names; the range is not.
            let whole_module_block = |i: usize| {
                scan.items[i].parent.is_none() && scan.items[i].address.starts_with("module.")
            };
            if exact.iter().any(|&i| other_subject(i))
                || (matching.is_empty()
                    && !only_the_block
                    && exact.iter().any(|&i| whole_module_block(i)))
            {
                return State::Ok;
            }
            match matching.as_slice() {
                [] => State::Gone(None),
                [block] if block.lines.len() == cited.len() => State::Moved(Target::Module(block)),
                [block] => State::Changed(Target::Module(block)),
                blocks => State::Ambiguous(blocks.to_vec()),
            }
        }
        // With no name beside it, a range is right when it cites an item exactly.
        Expect::AnyItem => by_name(scan, cited, &exact, &named),
        Expect::Lines => State::Ok,
    }
}

/// The items the text beside a reference names: those found in the file, and whether a name
/// of a kind the file has (`var.x` in a file of variables) is missing from it.
struct Named {
    found: Vec<usize>,
    /// Names not in the file, of a kind it has (or block headers): each with its kind.
    missing: Vec<(String, &'static str)>,
}

impl Named {
    fn new(scan: &BlockScan, context: &[String]) -> Named {
        let mut found = Vec::new();
        let mut missing = Vec::new();
        for (address, braced) in context
            .iter()
            .filter_map(|text| Some((hint_address(text)?, text.trim_end().ends_with('{'))))
        {
            let mut candidate = address.as_str();
            let items = loop {
                let items = scan.items_named(candidate);
                // `module.vpc.vpc_id`, `aws_instance.web.id`: an output or attribute of the
                // block, which the block stands for; shortened down to the block's own
                // address (`data.<type>.<name>`, `<type>.<name>`).
                let least = if address.starts_with("data.") { 3 } else { 2 };
                match candidate.rsplit_once('.') {
                    Some((shorter, _))
                        if items.is_empty() && shorter.split('.').count() >= least =>
                    {
                        candidate = shorter
                    }
                    _ => break items,
                }
            };
            // A name of a kind the file has, or a block header (`egress {`), which names a
            // block whatever the file holds.
            let kind = scan
                .kind_of_address(candidate)
                .or(braced.then_some("block"));
            if items.is_empty()
                && let Some(kind) = kind
            {
                missing.push((candidate.to_owned(), kind));
            }
            for i in items {
                if !found.contains(&i) {
                    found.push(i);
                }
            }
        }
        Named { found, missing }
    }
}

/// The state of a reference by what the text beside it names (perhaps nothing).
fn by_name<'a>(scan: &'a BlockScan, cited: LineRange, exact: &[usize], named: &Named) -> State<'a> {
    let related = |a: usize, b: usize| scan.within(a, b) || scan.within(b, a);
    // The cited item is a named one, holds one or lies in one.
    if exact
        .iter()
        .any(|&e| named.found.iter().any(|&n| related(e, n)))
    {
        return State::Ok;
    }
    // The range cites exactly an item of another kind than every named one: the names are
    // mentions (the variable a module block passes on), not what is cited.
    let sibling = |e: usize, of: &[usize]| {
        of.iter()
            .any(|&n| scan.items[e].same_family(&scan.items[n], &scan.items))
    };
    if !exact.is_empty()
        && exact.iter().all(|&e| {
            !sibling(e, &named.found)
                && !named
                    .missing
                    .iter()
                    .any(|(_, kind)| scan.kind_of(e) == Some(*kind))
        })
    {
        return State::Ok;
    }
    let found = the_named_one(scan, cited, exact, &named.found, sibling);
    match found.as_slice() {
        // An excerpt from inside the named item (not from its first line): which lines were
        // meant is a guess.
        [one]
            if scan.items[*one].lines.first < cited.first
                && cited.last <= scan.items[*one].lines.last =>
        {
            State::Misaligned(around(scan, cited))
        }
        [one] => {
            let item = &scan.items[*one];
            // A reference that starts at the item's comment header keeps it (without a
            // header, `headed` is the item's own lines).
            let headed = LineRange::new(item.header, item.lines.last);
            if cited.first == item.header {
                State::Changed(Target::Item(item, headed))
            } else if item.lines.len() == cited.len() {
                State::Moved(Target::Item(item, item.lines))
            } else if headed.len() == cited.len() {
                State::Moved(Target::Item(item, headed))
            } else {
                State::Changed(Target::Item(item, item.lines))
            }
        }
        // A named item of a kind the file has is missing, and the range is not an excerpt
        // of one item: the range cites what is gone.
        [] => {
            let gone = match exact.first() {
                Some(&e) => named
                    .missing
                    .iter()
                    .find(|(_, kind)| scan.kind_of(e) == Some(*kind)),
                None if !is_excerpt(scan, cited) => named.missing.first(),
                None => None,
            };
            match gone {
                Some((name, _)) => {
                    let now = exact.first().map(|&e| &scan.items[e]);
                    State::Gone(Some((name.clone(), now)))
                }
                None => State::Misaligned(around(scan, cited)),
            }
        }
        _ => State::Misaligned(around(scan, cited)),
    }
}

/// Of several names, the one the reference means: the one of the cited item's kind, or else
/// the nearest (drift is mostly a few lines), preferring those as long as the range. All of
/// them when that does not single one out.
fn the_named_one(
    scan: &BlockScan,
    cited: LineRange,
    exact: &[usize],
    found: &[usize],
    sibling: impl Fn(usize, &[usize]) -> bool,
) -> Vec<usize> {
    let of_kind: Vec<usize> = found
        .iter()
        .copied()
        .filter(|&n| exact.iter().any(|&e| sibling(e, &[n])))
        .collect();
    if of_kind.len() == 1 {
        return of_kind;
    }
    let as_long: Vec<usize> = found
        .iter()
        .copied()
        .filter(|&n| scan.items[n].lines.len() == cited.len())
        .collect();
    let pool = if as_long.is_empty() { found } else { &as_long };
    let distance = |n: &usize| scan.items[*n].lines.first.abs_diff(cited.first);
    let nearest = pool.iter().map(distance).min().unwrap_or(0);
    let at_nearest: Vec<usize> = pool
        .iter()
        .copied()
        .filter(|n| distance(n) == nearest)
        .collect();
    if at_nearest.len() == 1 {
        at_nearest
    } else {
        found.to_vec()
    }
}

/// How far a block may have moved for [`same_length_nearby`] to name it.
const NEARBY: usize = 20;

/// The top-level block as long as the range nearest to it (within [`NEARBY`] lines, one
/// only): what an unnamed range that drifted probably cited.
fn same_length_nearby(scan: &BlockScan, cited: LineRange) -> Option<&Item> {
    let distance = |i: &Item| i.lines.first.abs_diff(cited.first);
    let near: Vec<&Item> = scan
        .items
        .iter()
        .filter(|i| i.parent.is_none() && i.lines.len() == cited.len() && distance(i) <= NEARBY)
        .collect();
    let nearest = near.iter().map(|i| distance(i)).min()?;
    match near
        .iter()
        .filter(|i| distance(i) == nearest)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [one] => Some(one),
        _ => None,
    }
}

/// Whether the range lies inside an item, not from its first line: an excerpt of it.
fn is_excerpt(scan: &BlockScan, cited: LineRange) -> bool {
    scan.items
        .iter()
        .any(|i| i.lines.first < cited.first && cited.last <= i.lines.last)
}

/// What a range that is not a whole item covers: the innermost item holding all of it, or
/// else the top-level items it touches.
fn around(scan: &BlockScan, cited: LineRange) -> Vec<&Item> {
    let holding = scan
        .items
        .iter()
        .filter(|i| i.lines.first <= cited.first && cited.last <= i.lines.last)
        .min_by_key(|i| i.lines.len());
    match holding {
        Some(item) => vec![item],
        None => scan
            .items
            .iter()
            .filter(|i| i.parent.is_none())
            .filter(|i| i.lines.first <= cited.last && cited.first <= i.lines.last)
            .collect(),
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
    let block_label = |lines: LineRange| {
        Label::new(file, source.lines_span(lines.first, lines.last))
            .with_note(format!("the block now spans lines {lines}"))
    };
    let cited_label =
        || Label::new(file, source.lines_span(cited.first, cited.last)).with_note("cited lines");
    let subject = cite.subject;
    let f = match state {
        State::Ok => return None,
        State::OutOfRange(why, block) => {
            let f =
                Finding::error(Code::RefOutOfRange, format!("{subject}, but {why}")).at(cite.at);
            match block {
                Some(block) => with_target(f, block.lines, block_label(block.lines), cite.numbers),
                None => f,
            }
        }
        State::Gone(None) => Finding::error(
            Code::RefGone,
            format!("{subject}, but no block in that file instantiates the module"),
        )
        .at(cite.at)
        .also(cited_label())
        .help("restore the module block, or remove the reference"),
        State::Gone(Some((name, now))) => Finding::error(
            Code::RefGone,
            match now {
                Some(now) => format!(
                    "{subject}, but `{name}` is not in that file: those lines now hold {}",
                    now.describe()
                ),
                None => format!("{subject}, but `{name}` is not in that file"),
            },
        )
        .at(cite.at)
        .also(cited_label())
        .help(format!(
            "restore `{name}`, or cite and name what the guide means now"
        )),
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
                f = f.also(block_label(b.lines));
            }
            f.help("cite one of them; in catalog.toml, pin it with `label = \"...\"`")
        }
        // The classifier decides moved or changed; the finding only says so.
        State::Moved(target) => {
            let f = shifted(Code::RefMoved, "moved", &subject, target, cite.at, cited);
            with_target(f, target.lines(), block_label(target.lines()), cite.numbers)
        }
        State::Changed(target) => {
            let f = shifted(
                Code::RefChanged,
                "changed extent",
                &subject,
                target,
                cite.at,
                cited,
            );
            with_target(f, target.lines(), block_label(target.lines()), cite.numbers)
        }
        State::Misaligned(items) => {
            let what = match items.as_slice() {
                [] => "covers no block or attribute".to_owned(),
                [item] => format!("is part of {} (lines {})", item.describe(), item.lines),
                items => {
                    let list: Vec<String> = items
                        .iter()
                        .map(|i| format!("`{}` ({})", i.address, i.lines))
                        .collect();
                    format!(
                        "covers parts of {} blocks: {}",
                        items.len(),
                        list.join(", ")
                    )
                }
            };
            let mut f = Finding::warning(
                Code::RefMisaligned,
                format!("{subject}, which is not a whole block or attribute: it {what}"),
            )
            .at(cite.at);
            for item in &items {
                f = f.also(
                    Label::new(file, source.lines_span(item.lines.first, item.lines.last))
                        .with_note(format!("{} spans lines {}", item.describe(), item.lines)),
                );
            }
            let f = f.help("cite a whole block or attribute, from its first line (or the comments above it) to its last; name it beside the reference (`aws_instance.web`, `var.region`) and its moves are followed");
            match same_length_nearby(&example.scan, cited) {
                Some(item) => f.help(format!(
                    "if a block moved: {} spans as many lines, now lines {}",
                    item.describe(),
                    item.lines
                )),
                None => f,
            }
        }
    };
    let mut f = f;
    f.cited = Some(cited);
    Some(f)
}

/// The finding for a block or attribute that moved or changed extent, at the reference.
fn shifted(
    code: Code,
    what: &str,
    subject: &str,
    target: Target,
    at: Label,
    cited: LineRange,
) -> Finding {
    Finding::error(
        code,
        format!(
            "{subject}, but its {} {what}: it now spans lines {}",
            target.describe(),
            target.lines()
        ),
    )
    .at(at.with_note(format!("cited {}", lines_word(cited))))
}

/// Adds where the block is now, the help line and the machine-applicable fix.
fn with_target(
    finding: Finding,
    lines: LineRange,
    label: Label,
    numbers: Option<Numbers>,
) -> Finding {
    let mut f = finding.also(label).help(format!(
        "the block now spans lines {lines}; run `mdbook-catalog fix`"
    ));
    f.actual = Some(lines);
    if let Some(Numbers { file, span, write }) = numbers {
        f = f.fix(Fix {
            title: format!("cite lines {lines}"),
            applicability: Applicability::MachineApplicable,
            edits: vec![Edit {
                file,
                span,
                replacement: write(lines),
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
