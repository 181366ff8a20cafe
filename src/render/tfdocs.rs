//! terraform-docs' view of a module, and its two outputs that `mdbook-catalog module DIR`
//! reproduces byte for byte: `markdown table` and `json`, with terraform-docs' default
//! settings. We follow terraform-docs v0.22.0; [`Version::V0_21`] gives the output of v0.20
//! and v0.21, which differs in one rule only: their table delimiter rows have no spaces
//! (`|------|` where v0.22.0 writes `| ---- |`, terraform-docs commit 00694450, "Use spaces
//! consistently for Markdown table formatting").
//!
//! [`Doc`] is the model both outputs (and the book's module pages, through
//! [`super::interface`]) are made from: which rows there are, in which order, with which
//! values. It is built from a [`ModuleInterface`] the way terraform-docs' loader builds
//! its module (`terraform/load.go`):
//!
//! - blocks whose comment above holds `terraform-docs-ignore` are left out;
//! - an input or output without a description takes the comment above it;
//! - an input's type is its type expression as written, or for an untyped one the kind
//!   of its default (`string`, `number`, `bool`, `list`, `map`), else `any`;
//! - defaults are values (JSON), printed as Go's `encoding/json` prints them;
//! - providers are those resources use (by name and alias), with the constraints that
//!   `required_providers` gives them; requirements are `terraform` then each provider's
//!   constraints, one row per constraint;
//! - a module call's `?ref=` is its version when it has no `version`;
//! - resources link to the Terraform registry (`hashicorp/NAME` unless `required_providers`
//!   names a source; the version when a constraint pins one exactly, else `latest`).
//!
//! The text rules (escaping `_` and `|`, `<br/>`, `<pre>`, URLs) are terraform-docs'
//! sanitizers (`template/sanitizer.go`), re-implemented here with the same regular
//! expressions (Go's RE2 classes spelled out as ASCII sets).

use std::sync::LazyLock;

use regex::Regex;

use super::interface::Section;
use crate::terraform::module::{ModuleInterface, RequiredProvider};
use crate::terraform::value::Json;

/// Which terraform-docs' markdown to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Version {
    /// v0.20.0 and v0.21.0: delimiter rows `|------|---------|`.
    V0_21,
    /// v0.22.0: delimiter rows `| ---- | ------- |`.
    #[default]
    V0_22,
}

impl Version {
    /// A table's delimiter row for `cells` (`"---"`, or `":---:"` for a centred column),
    /// written with the dashes each version uses for that column header.
    fn delimiter(self, headers: &[&str]) -> String {
        let cells: Vec<String> = headers
            .iter()
            .map(|h| {
                let centred = h.starts_with(':');
                let name = h.trim_start_matches(':');
                match (self, centred) {
                    // v0.21: as many dashes as the header cell is wide, spaces included.
                    (Version::V0_21, false) => "-".repeat(name.len() + 2),
                    (Version::V0_21, true) => format!(":{}:", "-".repeat(name.len())),
                    (Version::V0_22, false) => format!(" {} ", "-".repeat(name.len())),
                    (Version::V0_22, true) => format!(" :{}: ", "-".repeat(name.len() - 2)),
                }
            })
            .collect();
        format!("|{}|", cells.join("|"))
    }

    /// A table's header and delimiter rows.
    fn head(self, headers: &[&str]) -> String {
        let names: Vec<&str> = headers.iter().map(|h| h.trim_start_matches(':')).collect();
        format!("| {} |\n{}", names.join(" | "), self.delimiter(headers))
    }
}

/// The comment marker that hides a block from terraform-docs.
const IGNORE: &str = "terraform-docs-ignore";

/// A module as terraform-docs models it, rows sorted as it sorts them (by name).
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub header: String,
    pub inputs: Vec<Input>,
    pub modules: Vec<Call>,
    pub outputs: Vec<Output>,
    pub providers: Vec<Provider>,
    pub requirements: Vec<Requirement>,
    pub resources: Vec<Resource>,
}

#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    /// As written, or the default's kind, or `any`.
    pub type_: String,
    /// Empty when there is none.
    pub description: String,
    /// `None` without a default.
    pub default: Option<Json>,
    pub required: bool,
}

impl Input {
    /// The default as terraform-docs' `GetValue` prints it: indented JSON; `null` for an
    /// explicit null; empty for a required input.
    pub fn value(&self) -> String {
        match &self.default {
            None | Some(Json::Null) if self.required => String::new(),
            None => "null".into(),
            Some(value) => value.encode(true, false),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Call {
    pub name: String,
    pub source: String,
    pub version: String,
    pub description: String,
}

#[derive(Debug, Clone)]
pub struct Output {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone)]
pub struct Provider {
    pub name: String,
    pub alias: String,
    /// The constraints joined with a space; empty when there are none.
    pub version: String,
}

impl Provider {
    /// `aws`, or `aws.east` for an aliased configuration.
    pub fn full_name(&self) -> String {
        if self.alias.is_empty() {
            self.name.clone()
        } else {
            format!("{}.{}", self.name, self.alias)
        }
    }
}

#[derive(Debug, Clone)]
pub struct Requirement {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone)]
pub struct Resource {
    /// The type without its provider's prefix (`s3_bucket`).
    pub type_: String,
    pub name: String,
    pub provider: String,
    /// The provider's registry source (`hashicorp/aws`).
    pub source: String,
    /// `managed` or `data`.
    pub mode: &'static str,
    /// The registry version the link points at (`latest`), empty when the provider is not
    /// required anywhere.
    pub version: String,
    pub description: String,
}

impl Resource {
    /// `aws_s3_bucket.this`.
    pub fn spec(&self) -> String {
        format!("{}_{}.{}", self.provider, self.type_, self.name)
    }

    /// `resource` or `data source`.
    pub fn kind(&self) -> &'static str {
        if self.mode == "managed" {
            "resource"
        } else {
            "data source"
        }
    }

    /// The registry page of the resource type; `None` for a source with a host name.
    pub fn url(&self) -> Option<String> {
        let kind = if self.mode == "managed" {
            "resources"
        } else {
            "data-sources"
        };
        (self.source.matches('/').count() <= 1).then(|| {
            format!(
                "https://registry.terraform.io/providers/{}/{}/docs/{kind}/{}",
                self.source, self.version, self.type_
            )
        })
    }
}

impl Doc {
    /// terraform-docs' model of `module`.
    pub fn of(module: &ModuleInterface) -> Doc {
        let shown = |comment: &str| !comment.contains(IGNORE);
        let or_comment = |description: Option<&str>, comment: &str| match description
            .map(|d| d.replace("\r\n", "\n"))
        {
            Some(d) if !d.is_empty() => d,
            _ => comment.to_owned(),
        };
        let required = |name: &str| -> Option<&RequiredProvider> {
            module.required_providers.iter().find(|p| p.name == name)
        };

        let mut inputs: Vec<Input> = module
            .variables
            .iter()
            .filter(|v| shown(&v.comment))
            .map(|v| Input {
                name: v.name.clone(),
                type_: v.type_.clone().unwrap_or_else(|| {
                    v.default_value
                        .as_ref()
                        .map_or("any", Json::kind)
                        .to_owned()
                }),
                description: or_comment(v.description.as_deref(), &v.comment),
                default: v.default_value.clone(),
                required: v.required,
            })
            .collect();
        inputs.sort_by(|a, b| a.name.cmp(&b.name));

        let mut modules: Vec<Call> = module
            .modules
            .iter()
            .filter(|m| shown(&m.comment))
            .map(|m| {
                let (source, version) = split_ref(
                    m.source.as_deref().unwrap_or(""),
                    m.version.as_deref().unwrap_or(""),
                );
                Call {
                    name: m.name.clone(),
                    source,
                    version,
                    description: m.comment.clone(),
                }
            })
            .collect();
        modules.sort_by(|a, b| a.name.cmp(&b.name));

        let mut outputs: Vec<Output> = module
            .outputs
            .iter()
            .filter(|o| shown(&o.comment))
            .map(|o| Output {
                name: o.name.clone(),
                description: or_comment(o.description.as_deref(), &o.comment),
            })
            .collect();
        outputs.sort_by(|a, b| a.name.cmp(&b.name));

        let used = module.resources.iter().filter(|r| shown(&r.comment));
        let mut providers: Vec<Provider> = Vec::new();
        for r in used.clone() {
            let alias = r.alias.clone().unwrap_or_default();
            if providers
                .iter()
                .any(|p| p.name == r.provider && p.alias == alias)
            {
                continue;
            }
            providers.push(Provider {
                name: r.provider.clone(),
                alias,
                version: required(&r.provider)
                    .map(|p| p.versions.join(" "))
                    .unwrap_or_default(),
            });
        }
        providers.sort_by(|a, b| (&a.name, &a.alias).cmp(&(&b.name, &b.alias)));

        let mut requirements: Vec<Requirement> = module
            .required_core
            .iter()
            .map(|v| Requirement {
                name: "terraform".into(),
                version: v.clone(),
            })
            .collect();
        let mut names: Vec<&RequiredProvider> = module.required_providers.iter().collect();
        names.sort_by(|a, b| a.name.cmp(&b.name));
        for p in names {
            requirements.extend(p.versions.iter().map(|v| Requirement {
                name: p.name.clone(),
                version: v.clone(),
            }));
        }

        let mut resources: Vec<Resource> = Vec::new();
        for r in used {
            let mode = if r.mode == "resource" {
                "managed"
            } else {
                "data"
            };
            let type_ = r
                .type_
                .strip_prefix(&format!("{}_", r.provider))
                .unwrap_or(&r.type_)
                .to_owned();
            let requirement = required(&r.provider);
            let resource = Resource {
                type_,
                name: r.name.clone(),
                provider: r.provider.clone(),
                source: requirement
                    .and_then(|p| p.source.clone())
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| format!("hashicorp/{}", r.provider)),
                mode,
                version: requirement.map_or(String::new(), |p| registry_version(&p.versions)),
                description: r.comment.clone(),
            };
            // One row per provider, mode, type and name: a repeated block replaces it.
            let same = |x: &Resource| {
                (
                    x.provider.as_str(),
                    x.mode,
                    x.type_.as_str(),
                    x.name.as_str(),
                ) == (
                    resource.provider.as_str(),
                    resource.mode,
                    resource.type_.as_str(),
                    resource.name.as_str(),
                )
            };
            match resources.iter().position(same) {
                Some(i) => resources[i] = resource,
                None => resources.push(resource),
            }
        }
        // Managed resources first, then data sources; each by `provider_type.name`.
        resources.sort_by(|a, b| {
            b.mode
                .cmp(a.mode)
                .then_with(|| a.spec().cmp(&b.spec()))
                .then_with(|| a.name.cmp(&b.name))
        });

        Doc {
            header: module.header.clone(),
            inputs,
            modules,
            outputs,
            providers,
            requirements,
            resources,
        }
    }

    /// Provider versions from a `.terraform.lock.hcl` text, as terraform-docs reads them by
    /// default (`--lockfile=true`): a locked provider's row shows the locked version instead
    /// of its constraints. A lock file that does not parse is ignored, as terraform-docs does.
    pub fn apply_lock_file(&mut self, lock: &str) {
        let Ok(body) = hcl::parse(lock) else {
            return;
        };
        for block in body.blocks().filter(|b| b.identifier() == "provider") {
            let Some(address) = block.labels().first().map(|l| l.as_str()) else {
                continue;
            };
            // `registry.terraform.io/hashicorp/aws` -> `aws`.
            let name = address.rsplit('/').next().unwrap_or(address);
            let version = block.body().attributes().find_map(|a| match a.expr() {
                hcl::Expression::String(v) if a.key() == "version" => Some(v.clone()),
                _ => None,
            });
            let Some(version) = version else {
                continue;
            };
            for provider in self.providers.iter_mut().filter(|p| p.name == name) {
                provider.version = version.clone();
            }
        }
    }

    /// What `terraform-docs markdown table DIR` (v0.22.0) prints, without the final line
    /// break.
    pub fn markdown(&self) -> String {
        self.markdown_as(Version::default())
    }

    /// What `terraform-docs markdown table DIR` of `version` prints.
    pub fn markdown_as(&self, version: Version) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.header.is_empty() {
            parts.push(sanitize_section(&self.header));
        }
        for section in Section::ALL {
            parts.push(format!(
                "## {}\n\n{}",
                section.title(),
                self.table(section, version)
            ));
        }
        sanitize(&parts.join("\n\n"))
    }

    /// One section's table as terraform-docs' `markdown table` of `version` writes it, or
    /// its "No ..." line when the section is empty (before the final [`sanitize`]).
    pub fn table(&self, section: Section, version: Version) -> String {
        let (head, rows): (String, Vec<String>) = match section {
            Section::Requirements => (
                version.head(&["Name", "Version"]),
                self.requirements
                    .iter()
                    .map(|r| {
                        format!(
                            "| {} | {} |",
                            anchor("requirement", &r.name),
                            or_na(&r.version)
                        )
                    })
                    .collect(),
            ),
            Section::Providers => (
                version.head(&["Name", "Version"]),
                self.providers
                    .iter()
                    .map(|p| {
                        format!(
                            "| {} | {} |",
                            anchor("provider", &p.full_name()),
                            or_na(&p.version)
                        )
                    })
                    .collect(),
            ),
            Section::Modules => (
                version.head(&["Name", "Source", "Version"]),
                self.modules
                    .iter()
                    .map(|m| {
                        format!(
                            "| {} | {} | {} |",
                            anchor("module", &m.name),
                            m.source,
                            or_na(&m.version)
                        )
                    })
                    .collect(),
            ),
            Section::Resources => (
                version.head(&["Name", "Type"]),
                self.resources
                    .iter()
                    .map(|r| {
                        let spec = r.spec();
                        let name = match r.url() {
                            Some(url) => format!("[{spec}]({url})"),
                            None => spec,
                        };
                        format!("| {name} | {} |", r.kind())
                    })
                    .collect(),
            ),
            Section::Inputs => (
                version.head(&["Name", "Description", "Type", "Default", ":Required"]),
                self.inputs
                    .iter()
                    .map(|i| {
                        let value = i.value();
                        let value = if value.is_empty() {
                            "n/a".to_owned()
                        } else {
                            fenced(&value)
                        };
                        format!(
                            "| {} | {} | {} | {} | {} |",
                            anchor("input", &i.name),
                            sanitize_table(&i.description),
                            sanitize_table(&fenced(&i.type_)),
                            sanitize_table(&value),
                            if i.required { "yes" } else { "no" }
                        )
                    })
                    .collect(),
            ),
            Section::Outputs => (
                version.head(&["Name", "Description"]),
                self.outputs
                    .iter()
                    .map(|o| {
                        format!(
                            "| {} | {} |",
                            anchor("output", &o.name),
                            sanitize_table(&o.description)
                        )
                    })
                    .collect(),
            ),
        };
        if rows.is_empty() {
            return format!("No {}.", section.title().to_lowercase());
        }
        format!("{head}\n{}", rows.join("\n"))
    }

    /// What `terraform-docs json DIR` prints, without the final line break.
    pub fn json(&self) -> String {
        let s = |text: &str| Json::String(text.to_owned());
        // terraform-docs' `types.String`: empty is `null`.
        let or_null = |text: &str| {
            if text.is_empty() { Json::Null } else { s(text) }
        };
        let record = Record;
        let inputs = self.inputs.iter().map(|i| {
            record(vec![
                ("name", s(&i.name)),
                ("type", or_null(&i.type_)),
                ("description", or_null(&i.description)),
                ("default", i.default.clone().unwrap_or(Json::Null)),
                ("required", Json::Bool(i.required)),
            ])
        });
        let modules = self.modules.iter().map(|m| {
            record(vec![
                ("name", s(&m.name)),
                ("source", s(&m.source)),
                ("version", s(&m.version)),
                ("description", or_null(&m.description)),
            ])
        });
        let outputs = self.outputs.iter().map(|o| {
            record(vec![
                ("name", s(&o.name)),
                ("description", or_null(&o.description)),
            ])
        });
        let providers = self.providers.iter().map(|p| {
            record(vec![
                ("name", s(&p.name)),
                ("alias", or_null(&p.alias)),
                ("version", or_null(&p.version)),
            ])
        });
        let requirements = self
            .requirements
            .iter()
            .map(|r| record(vec![("name", s(&r.name)), ("version", or_null(&r.version))]));
        let resources = self.resources.iter().map(|r| {
            record(vec![
                ("type", s(&r.type_)),
                ("name", s(&r.name)),
                ("provider", s(&r.provider)),
                ("source", s(&r.source)),
                ("mode", s(r.mode)),
                ("version", or_null(&r.version)),
                ("description", or_null(&r.description)),
            ])
        });
        let list = Value::List;
        let document = Record(vec![("header", s(&self.header)), ("footer", s(""))]);
        let mut out = String::from("{\n");
        for (key, value) in &document.0 {
            out.push_str(&format!("  \"{key}\": {},\n", value.encode(true, true)));
        }
        let sections = [
            ("inputs", list(inputs.collect())),
            ("modules", list(modules.collect())),
            ("outputs", list(outputs.collect())),
            ("providers", list(providers.collect())),
            ("requirements", list(requirements.collect())),
            ("resources", list(resources.collect())),
        ];
        let count = sections.len();
        for (i, (key, value)) in sections.into_iter().enumerate() {
            out.push_str(&format!("  \"{key}\": {}", value.encode(1)));
            out.push_str(if i + 1 < count { ",\n" } else { "\n" });
        }
        out.push('}');
        out
    }
}

/// A struct terraform-docs encodes: members in field order, not sorted.
struct Record(Vec<(&'static str, Json)>);

enum Value {
    List(Vec<Record>),
}

impl Value {
    /// Go's indented encoding of a list of structs at `depth`.
    fn encode(&self, depth: usize) -> String {
        let Value::List(records) = self;
        if records.is_empty() {
            return "[]".into();
        }
        let pad = |d: usize| "  ".repeat(d);
        let mut out = String::from("[");
        for (i, record) in records.iter().enumerate() {
            out.push_str(if i > 0 { ",\n" } else { "\n" });
            out.push_str(&pad(depth + 1));
            out.push('{');
            for (j, (key, value)) in record.0.iter().enumerate() {
                out.push_str(if j > 0 { ",\n" } else { "\n" });
                // A nested value is indented as Go indents it: re-indent its lines.
                let encoded = value
                    .encode(true, true)
                    .replace('\n', &format!("\n{}", pad(depth + 2)));
                out.push_str(&format!("{}\"{key}\": {encoded}", pad(depth + 2)));
            }
            out.push('\n');
            out.push_str(&pad(depth + 1));
            out.push('}');
        }
        out.push('\n');
        out.push_str(&pad(depth));
        out.push(']');
        out
    }
}

/// terraform-docs' `formatSource`: without a version, a source's `?ref=` is its version.
fn split_ref(source: &str, version: &str) -> (String, String) {
    if !version.is_empty() {
        return (source.to_owned(), version.to_owned());
    }
    match source.rfind("?ref=") {
        Some(at) if at + 5 < source.len() => (source[..at].to_owned(), source[at + 5..].to_owned()),
        _ => (source.to_owned(), String::new()),
    }
}

/// terraform-docs' `resourceVersion`: the registry version a resource link points at, from
/// the last constraint: an exact version (`5.0.1`, `=5.0.1`, `= 5.0.1`), else `latest`.
fn registry_version(constraints: &[String]) -> String {
    let Some(last) = constraints.last() else {
        return "latest".into();
    };
    let parts: Vec<&str> = last.split(' ').collect();
    match parts.as_slice() {
        [one] if one.starts_with(|c: char| c.is_ascii_digit()) => (*one).to_owned(),
        [one] if one.starts_with('=') => one[1..].to_owned(),
        ["=", version] => (*version).to_owned(),
        _ => "latest".into(),
    }
}

fn or_na(text: &str) -> &str {
    if text.is_empty() { "n/a" } else { text }
}

/// The name cell: `<a name="input_x_y"></a> [x\_y](#input\_x\_y)`.
pub fn anchor(kind: &str, name: &str) -> String {
    let id = format!("{kind}_{name}");
    format!(
        "<a name=\"{id}\"></a> [{}](#{})",
        name.replace('_', "\\_"),
        id.replace('_', "\\_")
    )
}

/// terraform-docs' `PrintFencedCodeBlock`: a code span, or a fenced block when multi-line.
fn fenced(code: &str) -> String {
    if code.contains('\n') {
        format!("\n\n```\n{code}\n```\n")
    } else {
        format!("`{code}`")
    }
}

/// Go's RE2 `\s` (ASCII whitespace), `\S` and `\w`, spelled out for the `regex` crate, whose
/// classes are Unicode-aware.
macro_rules! go_regex {
    ($name:ident, $pattern:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| {
            let pattern = $pattern
                .replace(r"\S", r"[^\t\n\f\r ]")
                .replace(r"\s", r"[\t\n\f\r ]")
                .replace(r"\w", r"[0-9A-Za-z_]");
            Regex::new(&pattern).unwrap_or_else(|err| panic!("a fixed pattern: {err}"))
        });
    };
}

go_regex!(LEADING_UNDERSCORES, r"^(\s*)(_+)(\s+)(.*)");
go_regex!(
    EMPHASIS_UNDERSCORES,
    r"(\s+)(_+)([^\t\n\f\r _])(.*)([^\t\n\f\r _])(_+)(\s+)"
);
go_regex!(LINE_BREAK_BEFORE_WORD, r"(\S*)(\r?\n)(\s*)(\w+)");
go_regex!(
    URL_SCHEME,
    r"(?i)(?:https?|ftps?|sftp|git|ssh|wss?|s3)://|(?:mailto|file|tel):"
);

/// terraform-docs' `sanitizeMarkdownTbl`: a cell's text with `|` and `_` escaped outside
/// code, line breaks as `<br/>`, fenced code as `<pre>`, `n/a` when empty.
pub fn sanitize_table(text: &str) -> String {
    if text.is_empty() {
        return "n/a".into();
    }
    segments(
        text,
        "```",
        |segment| {
            let segment = escape_characters(segment, true);
            let segment = multi_line_table(&segment);
            normalize_urls(&segment)
        },
        |segment| {
            let segment = segment.trim().replace('\n', "<br/>").replace('\r', "");
            format!("<pre>{segment}</pre>")
        },
    )
}

/// terraform-docs' `sanitizeSection` (for the header): `_` escaped outside code, line
/// breaks kept, fenced code closed on its own line.
fn sanitize_section(text: &str) -> String {
    segments(
        text,
        "```",
        |segment| normalize_urls(&escape_characters(segment, false)),
        |segment| {
            let last_line_blank = segment
                .rsplit('\n')
                .next()
                .is_some_and(|l| l.trim().is_empty());
            let line_break = if segment.ends_with('\n') || last_line_blank {
                ""
            } else {
                "\n"
            };
            format!("```{segment}{line_break}```")
        },
    )
}

/// terraform-docs' `processSegments`: `text` split at `delimiter`, alternate pieces
/// being code; an empty piece is skipped without switching (so "``" vanishes), and an
/// unclosed code piece is closed.
fn segments(
    text: &str,
    delimiter: &str,
    normal: impl Fn(&str) -> String,
    code: impl Fn(&str) -> String,
) -> String {
    let mut in_code = text.starts_with(delimiter);
    let mut out = String::with_capacity(text.len());
    for segment in text.split(delimiter) {
        if segment.is_empty() {
            continue;
        }
        out.push_str(&if in_code {
            code(segment)
        } else {
            normal(segment)
        });
        in_code = !in_code;
    }
    out
}

/// terraform-docs' `EscapeCharacters`: `|` (in tables) and `_` escaped outside code spans,
/// except underscores that open a line or wrap words (`_emphasis_`).
fn escape_characters(text: &str, pipes: bool) -> String {
    if !text.contains(['_', '|', '`']) {
        return text.to_owned();
    }
    let span = |s: &str| format!("`{s}`");
    let text = if pipes {
        segments(text, "`", |s| s.replace('|', "\\|"), span)
    } else {
        text.to_owned()
    };
    segments(
        &text,
        "`",
        |s| {
            s.split('\n')
                .map(escape_underscores)
                .collect::<Vec<_>>()
                .join("\n")
        },
        span,
    )
}

/// One line's underscores escaped, as terraform-docs' `escape("_")` does.
fn escape_underscores(line: &str) -> String {
    const KEEP: &str = "‡‡‡DONTESCAPE‡‡‡";
    if !line.contains('_') {
        return line.to_owned();
    }
    let mut line = line.to_owned();
    let keep = |line: &mut String, range: std::ops::Range<usize>| {
        let kept = line[range.clone()].replace('_', KEEP);
        line.replace_range(range, &kept);
    };
    if let Some(range) = LEADING_UNDERSCORES
        .captures(&line)
        .and_then(|c| c.get(2))
        .map(|m| m.range())
    {
        keep(&mut line, range);
    }
    if let Some(captures) = EMPHASIS_UNDERSCORES.captures(&line) {
        // The later group first, so the earlier one's range still holds.
        let ranges: Vec<_> = [6, 2]
            .iter()
            .filter_map(|&g| captures.get(g).map(|m| m.range()))
            .collect();
        for range in ranges {
            keep(&mut line, range);
        }
    }
    line.replace('_', "\\_").replace(KEEP, "_")
}

/// terraform-docs' `ConvertMultiLineText` for a table cell: trimmed, every line break
/// (and "two spaces, line break") as `<br/>`.
fn multi_line_table(text: &str) -> String {
    let text = text.trim();
    if !text.contains('\n') {
        return text.to_owned();
    }
    let text = LINE_BREAK_BEFORE_WORD.replace_all(text, "${1}  ${2}${3}${4}");
    text.replace("    \n", "  \n")
        .replace("  \n\n", "\n\n")
        .replace("\n  \n", "\n\n")
        .replace("  \n", "<br/>")
        .replace('\n', "<br/>")
}

/// terraform-docs' `NormalizeURLs`: the backslashes escaping put into URLs taken out again.
fn normalize_urls(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_owned();
    }
    let mut out = text.to_owned();
    for url in urls(text) {
        out = out.replace(url, &url.replace('\\', ""));
    }
    out
}

/// The URLs in `text` with a scheme, as xurls' strict matcher finds them: after the scheme,
/// the characters a URL may hold, ending on one that may end it (not `.`, `,`, `:`, `\`
/// ...), parentheses and brackets only when balanced.
fn urls(text: &str) -> Vec<&str> {
    let mid =
        |c: char| c.is_ascii_alphanumeric() || "/?#\\-._~%!$&'*+,;=:@".contains(c) || !c.is_ascii();
    let end = |c: char| {
        c.is_ascii_alphanumeric()
            || "/#-_~%$&+=".contains(c)
            || (!c.is_ascii() && !c.is_ascii_punctuation() && c.is_alphanumeric())
    };
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(scheme) = URL_SCHEME.find_at(text, from) {
        let mut depth: Vec<char> = Vec::new();
        let mut stop = scheme.end();
        let mut last_good = scheme.end();
        for (i, c) in text[scheme.end()..].char_indices() {
            let at = scheme.end() + i;
            let ok = match c {
                '(' | '[' | '{' => {
                    depth.push(c);
                    true
                }
                ')' | ']' | '}' => {
                    let open = match c {
                        ')' => '(',
                        ']' => '[',
                        _ => '{',
                    };
                    if depth.last() == Some(&open) {
                        depth.pop();
                        true
                    } else {
                        false
                    }
                }
                c => mid(c),
            };
            if !ok {
                break;
            }
            stop = at + c.len_utf8();
            if depth.is_empty() && (end(c) || matches!(c, ')' | ']' | '}')) {
                last_good = stop;
            }
        }
        if last_good > scheme.end() {
            found.push(&text[scheme.start()..last_good]);
        }
        from = stop.max(scheme.end());
    }
    found
}

/// terraform-docs' final `sanitize`: trailing spaces removed (two kept as a line break),
/// at most one blank line in a row, none at the end.
fn sanitize(markdown: &str) -> String {
    static DOUBLE: LazyLock<Regex> = LazyLock::new(|| re(r" {2}(\r?\n)"));
    static TRAILING: LazyLock<Regex> = LazyLock::new(|| re(r" +(\r?\n)"));
    static TRAILING_END: LazyLock<Regex> = LazyLock::new(|| re(r" +$"));
    static MARK: LazyLock<Regex> = LazyLock::new(|| re(r"‡‡‡DOUBLESPACES‡‡‡(\r?\n)"));
    static BLANK_SPACES: LazyLock<Regex> = LazyLock::new(|| re(r"(\r?\n)  (\r?\n)"));
    static BLANKS: LazyLock<Regex> = LazyLock::new(|| re(r"(\r?\n){3,}"));
    static BLANKS_END: LazyLock<Regex> = LazyLock::new(|| re(r"(\r?\n){2,}$"));
    let s = DOUBLE.replace_all(markdown, "‡‡‡DOUBLESPACES‡‡‡${1}");
    let s = TRAILING.replace_all(&s, "${1}");
    let s = TRAILING_END.replace_all(&s, "");
    let s = MARK.replace_all(&s, "  ${1}");
    let s = BLANK_SPACES.replace_all(&s, "${1}");
    let s = BLANKS.replace_all(&s, "${1}${1}");
    BLANKS_END.replace_all(&s, "").into_owned()
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|err| panic!("a fixed pattern: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_descriptions_escape_as_terraform_docs_does() {
        assert_eq!(
            anchor("input", "apply_immediately"),
            "<a name=\"input_apply_immediately\"></a> [apply\\_immediately](#input\\_apply\\_immediately)"
        );
        assert_eq!(
            sanitize_table("Use `snake_case` or a_b | c"),
            "Use `snake_case` or a\\_b \\| c"
        );
        // Words wrapped in underscores are emphasis, not escaped.
        assert_eq!(
            sanitize_table("an _emphasised_ word"),
            "an _emphasised_ word"
        );
        assert_eq!(
            sanitize_table("First.\nSecond line"),
            "First.<br/>Second line"
        );
        assert_eq!(
            sanitize_table("See https://example.com/a_b_c.html now_"),
            "See https://example.com/a_b_c.html now\\_"
        );
        assert_eq!(
            sanitize_table("[docs](https://x.io/iam_policy#statement) for x_y"),
            "[docs](https://x.io/iam_policy#statement) for x\\_y"
        );
        assert_eq!(sanitize_table(""), "n/a");
    }

    #[test]
    fn multi_line_values_are_pre_blocks() {
        assert_eq!(
            sanitize_table(&fenced("[\n  \"a\",\n  \"b_c\"\n]")),
            "<pre>[<br/>  \"a\",<br/>  \"b_c\"<br/>]</pre>"
        );
        assert_eq!(sanitize_table(&fenced("{}")), "`{}`");
    }

    #[test]
    fn registry_versions() {
        let v = |s: &[&str]| registry_version(&s.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(v(&[]), "latest");
        assert_eq!(v(&[">= 5.0"]), "latest");
        assert_eq!(v(&["5.1.0"]), "5.1.0");
        assert_eq!(v(&["=5.1.0"]), "5.1.0");
        assert_eq!(v(&["= 5.1.0"]), "5.1.0");
        assert_eq!(
            split_ref("git::https://x/y.git?ref=v1.2", ""),
            ("git::https://x/y.git".into(), "v1.2".into())
        );
    }

    #[test]
    fn final_sanitize_collapses_blank_lines() {
        assert_eq!(sanitize("a  \nb \n\n\n\nc\n\n"), "a  \nb\n\nc");
    }
}
