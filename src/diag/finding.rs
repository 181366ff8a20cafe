//! The one model every check reports through: a code, a severity, where, what, how to fix.
//! Checks never print and never write; they return findings.

use std::ops::Range;

use serde::Serialize;

use crate::lines::LineRange;
use crate::source::FileId;

/// How bad a finding is. `Error` fails the build and makes `check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// Stable kebab-case identifiers; documented in `docs/codes.md`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// catalog.toml is not valid TOML.
    TomlSyntax,
    /// catalog.toml is valid TOML but does not fit the schema.
    Schema,
    /// A directive names a module, comparison or kind the catalog does not have.
    UnknownDirective,
    /// A cited file does not exist or cannot be read.
    BrokenPath,
    /// A cited path leads outside the project root (`..`, or a symbolic link).
    PathEscapesRoot,
    /// A cited range is reversed, zero, or past the end of the file.
    RefOutOfRange,
    /// The block is intact but sits at other lines.
    RefMoved,
    /// The block's extent changed.
    RefChanged,
    /// A prose range cuts through blocks instead of citing one.
    RefMisaligned,
    /// A block touched by a reference instantiates a module the catalog does not describe.
    UncataloguedBlock,
    /// A block touched by a reference has a `source` directory without `.tf` files.
    ModuleMissing,
    /// An example block sets an argument the module does not declare.
    UnknownArgument,
    /// An example block leaves out a variable the module requires.
    MissingRequired,
    /// An example block gives a literal that contradicts the variable's type.
    TypeMismatch,
    /// An example block's module comes from a registry or git: not checked.
    RemoteSource,
    /// The catalog's `status` disagrees with where the module is instantiated.
    StatusMismatch,
    /// A deprecated module is still instantiated by an environment.
    DeprecatedInUse,
    /// No block in the file instantiates the module.
    RefGone,
    /// Several blocks instantiate the module and the reference does not say which.
    RefAmbiguous,
    /// A `.tf` file does not parse.
    HclSyntax,
    /// Text reads as a line reference ("lines 8-27") but names no file to check it against.
    RefUnresolved,
}

impl Code {
    /// Codes of line references that no longer match the file (`on-stale` applies).
    pub fn is_stale_reference(self) -> bool {
        matches!(
            self,
            Code::RefOutOfRange
                | Code::RefMoved
                | Code::RefChanged
                | Code::RefGone
                | Code::RefAmbiguous
                | Code::RefMisaligned
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Code::TomlSyntax => "toml-syntax",
            Code::Schema => "schema",
            Code::UnknownDirective => "unknown-directive",
            Code::BrokenPath => "broken-path",
            Code::PathEscapesRoot => "path-escapes-root",
            Code::RefOutOfRange => "ref-out-of-range",
            Code::RefMoved => "ref-moved",
            Code::RefChanged => "ref-changed",
            Code::RefMisaligned => "ref-misaligned",
            Code::UncataloguedBlock => "uncatalogued-block",
            Code::ModuleMissing => "module-missing",
            Code::UnknownArgument => "unknown-argument",
            Code::MissingRequired => "missing-required",
            Code::TypeMismatch => "type-mismatch",
            Code::RemoteSource => "remote-source",
            Code::StatusMismatch => "status-mismatch",
            Code::DeprecatedInUse => "deprecated-in-use",
            Code::RefGone => "ref-gone",
            Code::RefAmbiguous => "ref-ambiguous",
            Code::HclSyntax => "hcl-syntax",
            Code::RefUnresolved => "ref-unresolved",
        }
    }
}

/// A span of a loaded file, optionally annotated.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Label {
    pub file: FileId,
    pub span: Range<usize>,
    pub note: Option<String>,
}

impl Label {
    pub fn new(file: FileId, span: Range<usize>) -> Self {
        Label {
            file,
            span,
            note: None,
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    MachineApplicable,
    MaybeIncorrect,
}

/// One replacement of a byte range of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub file: FileId,
    pub span: Range<usize>,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Where the problem is; `None` only for findings about the run as a whole.
    pub primary: Option<Label>,
    pub secondary: Vec<Label>,
    pub help: Vec<String>,
    pub fix: Option<Fix>,
    /// For line references: the range as cited.
    pub cited: Option<LineRange>,
    /// For line references: the lines the block has now, `module` line to closing brace.
    pub actual: Option<LineRange>,
}

impl Finding {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: Severity::Error,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: Vec::new(),
            fix: None,
            cited: None,
            actual: None,
        }
    }

    pub fn note(code: Code, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Note,
            ..Finding::error(code, message)
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(code, message)
        }
    }

    pub fn at(mut self, label: Label) -> Self {
        self.primary = Some(label);
        self
    }

    pub fn also(mut self, label: Label) -> Self {
        self.secondary.push(label);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts findings by file, position, then code, so output and snapshots are stable.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let key = |f: &Finding| {
            f.primary
                .as_ref()
                .map(|l| (l.file, l.span.start, l.span.end))
        };
        key(a)
            .cmp(&key(b))
            .then(a.code.cmp(&b.code))
            .then(a.message.cmp(&b.message))
    });
}
