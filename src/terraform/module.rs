//! A module's interface, read from every `.tf` file of its directory with the span-aware
//! parser: variables (type and default exactly as written, sliced from the source),
//! outputs, `required_version`, `required_providers`, resources, data sources and module
//! calls. A file that does not parse is a problem with its position; the rest is still read.

use std::ops::Range;
use std::path::{Path, PathBuf};

use hcl::edit::Span;
use hcl::edit::expr::Expression;
use hcl::edit::structure::{Block, Body, Structure};
use serde::Serialize;

use super::mask::Masked;
use super::value::Json;
use crate::containment::{Containment, Entry, Kind, Refusal};
use crate::source::{FileId, SourceFile, Sources};

#[derive(Debug, Clone, Default, Serialize)]
pub struct ModuleInterface {
    /// The directory, relative to the project root.
    pub dir: PathBuf,
    pub variables: Vec<Variable>,
    pub outputs: Vec<Output>,
    pub resources: Vec<Resource>,
    pub modules: Vec<ModuleCall>,
    /// The leading `/* ... */` comment of `main.tf`, as terraform-docs' header reads it.
    #[serde(skip)]
    pub header: String,
    /// Each `terraform` block's `required_version`, in the order read.
    #[serde(skip)]
    pub required_core: Vec<String>,
    /// `required_providers` entries (and `provider` blocks), merged by name, in the order read.
    #[serde(skip)]
    pub required_providers: Vec<RequiredProvider>,
    /// Files that did not parse: where and why.
    #[serde(skip)]
    pub problems: Vec<(FileId, Range<usize>, String)>,
    /// `.tf` files the containment boundary refused (root-relative path, why): not read.
    #[serde(skip)]
    pub refused: Vec<(PathBuf, Refusal)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Variable {
    pub name: String,
    /// As written, comments inside included; `None` means `any`.
    #[serde(rename = "type")]
    pub type_: Option<String>,
    /// As written; `None` means required.
    pub default: Option<String>,
    pub description: Option<String>,
    pub required: bool,
    pub sensitive: bool,
    pub ephemeral: bool,
    pub nullable: bool,
    pub validations: Vec<Validation>,
    /// The default evaluated without variables or functions, as terraform-docs holds it;
    /// `None` without a default. (Read with [`Detail::Full`] only.)
    #[serde(skip)]
    pub default_value: Option<Json>,
    /// The comment lines directly above the block ([`comment_above`]).
    #[serde(skip)]
    pub comment: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Validation {
    pub condition: String,
    pub error_message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Output {
    pub name: String,
    pub description: Option<String>,
    pub sensitive: bool,
    /// The comment lines directly above the block ([`comment_above`]).
    #[serde(skip)]
    pub comment: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Resource {
    /// "resource" or "data source".
    pub mode: &'static str,
    #[serde(rename = "type")]
    pub type_: String,
    pub name: String,
    /// The provider's local name: the `provider` argument's first part, else the type's
    /// prefix up to the first `_`.
    #[serde(skip)]
    pub provider: String,
    /// The provider configuration's alias (`provider = aws.east`).
    #[serde(skip)]
    pub alias: Option<String>,
    /// The comment lines directly above the block ([`comment_above`]).
    #[serde(skip)]
    pub comment: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModuleCall {
    pub name: String,
    pub source: Option<String>,
    pub version: Option<String>,
    /// The comment lines directly above the block ([`comment_above`]).
    #[serde(skip)]
    pub comment: String,
}

/// A provider requirement: `required_providers` entries and `provider` blocks of one name.
#[derive(Debug, Clone, Default)]
pub struct RequiredProvider {
    pub name: String,
    pub source: Option<String>,
    /// Every version constraint given, in the order read.
    pub versions: Vec<String>,
}

/// Whether Terraform reads a directory entry of this name as configuration: `*.tf`, except
/// hidden files (Terraform ignores names that start with `.`; the editor backups it also
/// ignores, `*~` and `#*#`, never end in `.tf`).
pub fn is_config_file(name: &str) -> bool {
    name.ends_with(".tf") && !name.starts_with('.')
}

/// The configuration files directly in `dir` (relative to the root), sorted: every entry
/// [`is_config_file`] names that is not a directory, so that one Terraform would fail to
/// read (a link that leads out or dangles, a FIFO) is reported, not skipped. `None` when the
/// directory is refused or holds none (it is not a module).
pub fn tf_files(containment: &Containment, dir: &Path) -> Option<Vec<Entry>> {
    let files: Vec<Entry> = containment
        .list(dir)
        .ok()?
        .into_iter()
        .filter(|e| is_config_file(&e.name) && !matches!(e.kind, Ok(Kind::Dir)))
        .collect();
    (!files.is_empty()).then_some(files)
}

/// How much of a module a run reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// What the checks use: each variable's name, type and whether it has a default, and
    /// where a file does not parse. (`check`, `fix`.)
    Signatures,
    /// Everything a page shows. (The preprocessor, `module`.)
    Full,
}

/// Reads the module in `dir` (relative to the root), through the containment boundary,
/// registering the files that have problems in `sources`; `None` when it is not a module.
/// A `.tf` file that cannot be read (the boundary refuses it, or reading it fails) is listed
/// in `refused`, to be reported; the module's other files are still read.
pub fn read_module(
    containment: &Containment,
    dir: &Path,
    detail: Detail,
    sources: &mut Sources,
) -> Option<ModuleInterface> {
    let files = tf_files(containment, dir)?;
    let mut module = ModuleInterface {
        dir: dir.to_path_buf(),
        ..Default::default()
    };
    for entry in files {
        let bytes = match containment.read_entry(&entry) {
            Ok(bytes) => bytes,
            Err(refusal) => {
                module.refused.push((entry.path, refusal));
                continue;
            }
        };
        let path = containment.shown(&entry.path);
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let at = err.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                let file = sources.add(SourceFile::new(&path, text));
                module
                    .problems
                    .push((file, at..at, "the file is not valid UTF-8".into()));
                continue;
            }
        };
        // A file's text is kept (for messages) only when something in it is wrong: at
        // 10,000 modules, keeping every text doubled the memory of a check.
        if detail == Detail::Full && entry.name == "main.tf" {
            module.header = header(&text);
        }
        let problems = read_file(&mut module, &text, detail);
        if !problems.is_empty() {
            let file = sources.add(SourceFile::new(&path, text));
            let located = problems
                .into_iter()
                .map(|(span, message)| (file, span, message));
            module.problems.extend(located);
        }
    }
    module.variables.sort_by(|a, b| a.name.cmp(&b.name));
    module.outputs.sort_by(|a, b| a.name.cmp(&b.name));
    // Resources stay in the order read: `render::tfdocs` sorts them (and derives the
    // providers from them) as terraform-docs does.
    module.modules.sort_by(|a, b| a.name.cmp(&b.name));
    // Interfaces live for the whole run, and a vector grown by doubling holds up to twice
    // its length: at 10,000 modules that slack was 80 MB.
    module.variables.shrink_to_fit();
    module.outputs.shrink_to_fit();
    module.resources.shrink_to_fit();
    Some(module)
}

/// Reads one file's blocks into `module`; returns where and why the file does not parse.
fn read_file(
    module: &mut ModuleInterface,
    text: &str,
    detail: Detail,
) -> Vec<(Range<usize>, String)> {
    let (body, src) = match super::parse::body(text) {
        Ok(parsed) => parsed,
        Err(err) => return vec![(err.at..err.at, format!("not valid HCL: {}", err.message))],
    };
    let src = &src;
    let full = detail == Detail::Full;
    for block in blocks(&body) {
        let label = |i: usize| {
            block
                .labels
                .get(i)
                .map(|l| l.as_str().to_owned())
                .unwrap_or_default()
        };
        let comment = || {
            block
                .span()
                .filter(|_| full)
                .map(|span| comment_above(text, span.start))
                .unwrap_or_default()
        };
        match block.ident.as_str() {
            "variable" => {
                let mut variable = variable(label(0), &block.body, src, detail);
                variable.comment = comment();
                module.variables.push(variable);
            }
            _ if detail == Detail::Signatures => {}
            "output" => module.outputs.push(Output {
                name: label(0),
                description: attr(&block.body, "description").and_then(|e| string(e, src)),
                sensitive: attr(&block.body, "sensitive").is_some_and(is_true),
                comment: comment(),
            }),
            "resource" | "data" => {
                let type_ = label(0);
                let (provider, alias) = attr(&block.body, "provider")
                    .and_then(|e| provider_ref(e, src))
                    .unwrap_or_else(|| (default_provider(&type_).to_owned(), None));
                module.resources.push(Resource {
                    mode: if block.ident.as_str() == "resource" {
                        "resource"
                    } else {
                        "data source"
                    },
                    type_,
                    name: label(1),
                    provider,
                    alias,
                    comment: comment(),
                });
            }
            "module" => module.modules.push(ModuleCall {
                name: label(0),
                source: attr(&block.body, "source").and_then(|e| string(e, src)),
                version: attr(&block.body, "version").and_then(|e| string(e, src)),
                comment: comment(),
            }),
            "terraform" => terraform_block(module, &block.body, src),
            "provider" => {
                let version = attr(&block.body, "version").and_then(|e| string(e, src));
                require(module, &label(0), None, version);
            }
            _ => {}
        }
    }
    Vec::new()
}

/// The provider a resource's type implies: its prefix up to the first `_`.
fn default_provider(type_: &str) -> &str {
    type_.split('_').next().unwrap_or(type_)
}

/// `provider = aws.east` (or the older `"aws.east"`): the local name and the alias.
fn provider_ref(expr: &Expression, src: &Masked) -> Option<(String, Option<String>)> {
    let text = match expr {
        Expression::String(s) => s.value().clone(),
        _ => raw(expr, src)?,
    };
    let mut parts = text.split('.');
    let name = parts.next().filter(|n| !n.is_empty())?.trim().to_owned();
    let alias = parts.next().map(|a| a.trim().to_owned());
    Some((name, alias))
}

/// Adds a provider requirement (merging with one of the same name).
fn require(
    module: &mut ModuleInterface,
    name: &str,
    source: Option<String>,
    version: Option<String>,
) {
    let index = match module
        .required_providers
        .iter()
        .position(|p| p.name == name)
    {
        Some(i) => i,
        None => {
            module.required_providers.push(RequiredProvider {
                name: name.to_owned(),
                ..Default::default()
            });
            module.required_providers.len() - 1
        }
    };
    let entry = &mut module.required_providers[index];
    if entry.source.is_none() {
        entry.source = source;
    }
    entry.versions.extend(version);
}

/// The comment lines directly above the line holding byte `at`, as terraform-docs reads
/// them: each line starting (in its first column) with `#` or `//`, stripped of the marker
/// and surrounding spaces, joined with a space; a line of anything else ends the run.
pub fn comment_above(text: &str, at: usize) -> String {
    let before = text.get(..at).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut lines: Vec<&str> = Vec::new();
    for line in text[..line_start].split_inclusive('\n').rev() {
        if !(line.starts_with('#') || line.starts_with("//")) {
            break;
        }
        let line = line.trim();
        let line = line.strip_prefix('#').unwrap_or(line);
        let line = line.strip_prefix("//").unwrap_or(line);
        lines.push(line.trim());
    }
    lines.reverse();
    lines.join(" ")
}

/// terraform-docs' header from `main.tf`: the lines of a leading `/* ... */` comment, each
/// without its `* ` prefix; empty when the file does not start with one.
pub fn header(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !(trimmed.starts_with("/*") || trimmed.starts_with('*')) {
            break;
        }
        if trimmed.starts_with("/*") || trimmed.starts_with("*/") {
            continue;
        }
        if trimmed == "*" {
            lines.push(String::new());
            continue;
        }
        let line = line.trim_start_matches(' ').trim_end_matches(['\r', '\n']);
        lines.push(line.strip_prefix("* ").unwrap_or(line).to_owned());
    }
    lines.join("\n")
}

fn blocks(body: &Body) -> impl Iterator<Item = &Block> {
    body.iter().filter_map(|s| match s {
        Structure::Block(b) => Some(b),
        Structure::Attribute(_) => None,
    })
}

fn attr<'a>(body: &'a Body, key: &str) -> Option<&'a Expression> {
    body.get_attribute(key).map(|a| &a.value)
}

/// The source text of an expression, as written (a heredoc whole, though hcl-edit saw `""`).
fn raw(expr: &Expression, src: &Masked) -> Option<String> {
    let span = expr.span()?;
    let span = src.heredoc_at(span.start).unwrap_or(span);
    src.original.get(span).map(|s| s.trim().to_owned())
}

fn is_true(expr: &Expression) -> bool {
    matches!(expr, Expression::Bool(b) if *b.value())
}

/// A string's text: plain strings decoded, heredocs without their markers and indentation,
/// templates as written between the quotes.
fn string(expr: &Expression, src: &Masked) -> Option<String> {
    let heredoc = expr.span().and_then(|span| src.heredoc_at(span.start));
    match expr {
        Expression::String(_) if heredoc.is_some() => raw(expr, src).map(|r| heredoc_text(&r)),
        Expression::String(s) => Some(s.value().clone()),
        Expression::StringTemplate(_) => raw(expr, src).map(|r| r.trim_matches('"').to_owned()),
        _ => raw(expr, src),
    }
}

/// A heredoc's value, as HCL reads it: the lines between the opener and the closing
/// marker, each with its line break; `<<-` removes the smallest indentation of the lines
/// that are not blank (blank lines are kept as they are). `$${` and `%%{` are the escapes
/// for `${` and `%{`.
fn heredoc_text(raw: &str) -> String {
    let mut lines = raw.split_inclusive('\n');
    let flush = lines.next().is_some_and(|opener| opener.starts_with("<<-"));
    let mut lines: Vec<&str> = lines.collect();
    lines.pop(); // the closing marker
    let blank = |l: &str| l.trim().is_empty();
    let indent = |l: &str| {
        l.chars()
            .take_while(|c| c.is_whitespace() && *c != '\n')
            .count()
    };
    let strip = if flush {
        lines
            .iter()
            .filter(|l| !blank(l))
            .map(|l| indent(l))
            .min()
            .unwrap_or(0)
    } else {
        0
    };
    let mut out = String::new();
    for line in lines {
        if blank(line) {
            out.push_str(line);
        } else {
            let skip: usize = line.chars().take(strip).map(char::len_utf8).sum();
            out.push_str(&line[skip..]);
        }
    }
    out.replace("$${", "${").replace("%%{", "%{")
}

/// A variable's default as terraform-docs holds it ([`Json`]): the expression evaluated
/// without variables or functions. An expression that needs either (Terraform rejects it)
/// reads as `null`.
fn default_value(expr: &Expression, src: &Masked) -> Json {
    let Some(span) = expr.span() else {
        return Json::Null;
    };
    if let Some(heredoc) = src.heredoc_at(span.start) {
        return src
            .original
            .get(heredoc)
            .map_or(Json::Null, |raw| Json::String(heredoc_text(raw.trim())));
    }
    // Heredocs inside the expression were masked: parse its own text again.
    let masked = src.text.get(span.clone()) != src.original.get(span.clone());
    let reparsed;
    let expr = if masked {
        match src.original.get(span).map(hcl::edit::parser::parse_expr) {
            Some(Ok(e)) => {
                reparsed = e;
                &reparsed
            }
            _ => return Json::Null,
        }
    } else {
        expr
    };
    use hcl::eval::Evaluate;
    hcl::Expression::from(expr.clone())
        .evaluate(&hcl::eval::Context::new())
        .map_or(Json::Null, Json::from_hcl)
}

fn variable(name: String, body: &Body, src: &Masked, detail: Detail) -> Variable {
    let default = attr(body, "default").and_then(|e| raw(e, src));
    let full = detail == Detail::Full;
    Variable {
        required: default.is_none(),
        default_value: attr(body, "default")
            .filter(|_| full)
            .map(|e| default_value(e, src)),
        comment: String::new(),
        // The older quoted form, `type = "string"`, is read as its text.
        type_: attr(body, "type").and_then(|e| match e {
            Expression::String(s) => Some(s.value().clone()),
            _ => raw(e, src),
        }),
        description: attr(body, "description")
            .filter(|_| full)
            .and_then(|e| string(e, src)),
        sensitive: attr(body, "sensitive").is_some_and(is_true),
        ephemeral: attr(body, "ephemeral").is_some_and(is_true),
        nullable: !attr(body, "nullable")
            .is_some_and(|e| matches!(e, Expression::Bool(b) if !*b.value())),
        validations: blocks(body)
            .filter(|b| full && b.ident.as_str() == "validation")
            .map(|b| Validation {
                condition: attr(&b.body, "condition")
                    .and_then(|e| raw(e, src))
                    .unwrap_or_default(),
                error_message: attr(&b.body, "error_message")
                    .and_then(|e| string(e, src))
                    .unwrap_or_default(),
            })
            .collect(),
        default,
        name,
    }
}

fn terraform_block(module: &mut ModuleInterface, body: &Body, src: &Masked) {
    if let Some(version) = attr(body, "required_version").and_then(|e| string(e, src)) {
        module.required_core.push(version);
    }
    for providers in blocks(body).filter(|b| b.ident.as_str() == "required_providers") {
        for structure in providers.body.iter() {
            let Structure::Attribute(a) = structure else {
                continue;
            };
            let (source, version) = match &a.value {
                Expression::Object(object) => {
                    let field = |key: &str| {
                        object.iter().find_map(|(k, v)| {
                            let name = match k {
                                hcl::edit::expr::ObjectKey::Ident(i) => i.as_str().to_owned(),
                                hcl::edit::expr::ObjectKey::Expression(e) => {
                                    string(e, src).unwrap_or_default()
                                }
                            };
                            (name == key).then(|| string(v.expr(), src)).flatten()
                        })
                    };
                    (field("source"), field("version"))
                }
                other => (None, string(other, src)),
            };
            require(module, a.key.as_str(), source, version);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> ModuleInterface {
        let mut module = ModuleInterface::default();
        let problems = read_file(&mut module, text, Detail::Full);
        module.problems = problems
            .into_iter()
            .map(|(span, m)| (FileId(0), span, m))
            .collect();
        module
    }

    #[test]
    fn variables_keep_types_and_defaults_as_written() {
        let m = read(
            "variable \"cfg\" {\n  type = object({\n    # the name\n    name = string\n    size = optional(number, 2)\n  })\n  default = {\n    name = \"x\"\n  }\n  description = <<-EOT\n    First line.\n      Indented.\n  EOT\n  sensitive = true\n  nullable = false\n  validation {\n    condition     = length(var.cfg.name) > 0\n    error_message = \"Name it.\"\n  }\n}\nvariable \"req\" {}\n",
        );
        let cfg = &m.variables[0];
        assert_eq!(
            cfg.type_.as_deref(),
            Some(
                "object({\n    # the name\n    name = string\n    size = optional(number, 2)\n  })"
            )
        );
        assert_eq!(cfg.default.as_deref(), Some("{\n    name = \"x\"\n  }"));
        assert_eq!(
            cfg.description.as_deref(),
            Some("First line.\n  Indented.\n")
        );
        assert!(cfg.sensitive && !cfg.nullable && !cfg.required);
        assert_eq!(cfg.validations[0].condition, "length(var.cfg.name) > 0");
        assert!(m.variables[1].required && m.variables[1].type_.is_none());
    }

    #[test]
    fn reads_terraform_outputs_resources() {
        let m = read(
            "terraform {\n  required_version = \">= 1.5\"\n  required_providers {\n    aws = { source = \"hashicorp/aws\", version = \">= 5.0\" }\n  }\n}\nresource \"aws_s3_bucket\" \"this\" {}\ndata \"aws_region\" \"current\" {}\noutput \"arn\" {\n  description = \"The ARN.\"\n  sensitive = true\n}\nmodule \"x\" { source = \"./x\" }\n",
        );
        assert_eq!(m.required_core, [">= 1.5"]);
        let aws = &m.required_providers[0];
        assert_eq!(aws.name, "aws");
        assert_eq!(aws.source.as_deref(), Some("hashicorp/aws"));
        assert_eq!(aws.versions, [">= 5.0"]);
        assert_eq!(m.resources.len(), 2);
        assert!(m.outputs[0].sensitive);
        assert_eq!(m.modules[0].source.as_deref(), Some("./x"));
    }

    #[test]
    fn providers_flags_templates_and_validations_as_terraform_reads_them() {
        let m = read(
            "resource \"aws_s3_bucket\" \"old\" {\n  provider = \"aws.east\"\n}\n\
             resource \"aws_s3_bucket\" \"new\" {\n  provider = aws.west\n}\n\
             output \"shown\" {\n  description = \"Named ${var.name}.\"\n  sensitive = false\n}\n\
             variable \"v\" {\n  sensitive = false\n  precondition {\n    condition = true\n  }\n\
             validation {\n    condition = var.v != \"\"\n    error_message = \"Set it.\"\n  }\n}\n",
        );
        let providers: Vec<(&str, Option<&str>)> = m
            .resources
            .iter()
            .map(|r| (r.provider.as_str(), r.alias.as_deref()))
            .collect();
        assert_eq!(providers, [("aws", Some("east")), ("aws", Some("west"))]);
        let output = &m.outputs[0];
        assert_eq!(output.description.as_deref(), Some("Named ${var.name}."));
        assert!(!output.sensitive);
        let v = &m.variables[0];
        assert!(!v.sensitive);
        // Only `validation` blocks are validations.
        let conditions: Vec<&str> = v.validations.iter().map(|x| x.condition.as_str()).collect();
        assert_eq!(conditions, ["var.v != \"\""]);
    }

    #[test]
    fn an_empty_heredoc_does_not_swallow_the_next_variable() {
        let m = read(
            "variable \"a\" {\n  description = <<-EOT\n  EOT\n}\nvariable \"b\" {\n  description = <<-EOT\n    B.\n  EOT\n}\n",
        );
        assert_eq!(m.variables.len(), 2);
        assert_eq!(m.variables[0].description.as_deref(), Some(""));
        // A heredoc's value ends with its line break, as HCL reads it.
        assert_eq!(m.variables[1].description.as_deref(), Some("B.\n"));
    }

    #[test]
    fn heredocs_read_as_written() {
        let m = read(
            "variable \"p\" {\n  description = <<EOT\nUses ${var.x} and %{ if true }}{%{ endif }.\nEOT\n  default = <<-JSON\n    {\"a\": \"<<EOT\"}\n  JSON\n}\noutput \"o\" {\n  description = \"# not a comment <<EOT\"\n}\n",
        );
        let p = &m.variables[0];
        assert_eq!(
            p.description.as_deref(),
            Some("Uses ${var.x} and %{ if true }}{%{ endif }.\n")
        );
        assert_eq!(
            p.default.as_deref(),
            Some("<<-JSON\n    {\"a\": \"<<EOT\"}\n  JSON")
        );
        assert_eq!(
            m.outputs[0].description.as_deref(),
            Some("# not a comment <<EOT")
        );
        assert!(m.problems.is_empty());
    }

    #[test]
    fn what_terraform_docs_reads() {
        let m = read(
            "# The region\n// to deploy in\nvariable \"region\" {\n  type = \"string\"\n}\n\
             variable \"cfg\" {\n  default = { b = [1, 2.5, null], a = \"$${x}\", c = -3 }\n}\n\
             variable \"doc\" {\n  default = <<-EOT\n    one\n\n      two  \n  EOT\n}\n\
             variable \"nested\" {\n  default = [<<EOT\n  x\nEOT\n  ]\n}\n\
             resource \"aws_s3_bucket\" \"b\" {\n  provider = aws.east\n}\n\
             terraform {\n  required_providers {\n    aws = \">= 5.0\"\n  }\n}\n\
             provider \"aws\" {\n  version = \"< 7\"\n}\nprovider \"null\" {}\n",
        );
        let region = &m.variables[0];
        assert_eq!(region.comment, "The region to deploy in");
        assert_eq!(region.type_.as_deref(), Some("string"));
        assert_eq!(region.default_value, None);
        assert_eq!(
            m.variables[1].default_value,
            Some(Json::Object(vec![
                ("a".into(), Json::String("${x}".into())),
                (
                    "b".into(),
                    Json::Array(vec![Json::Number(1.0), Json::Number(2.5), Json::Null])
                ),
                ("c".into(), Json::Number(-3.0)),
            ]))
        );
        // `<<-`: the smallest indentation of the non-blank lines goes; blank lines stay.
        assert_eq!(
            m.variables[2].default_value,
            Some(Json::String("one\n\n  two  \n".into()))
        );
        // A heredoc inside a default is read from the original text.
        assert_eq!(
            m.variables[3].default_value,
            Some(Json::Array(vec![Json::String("  x\n".into())]))
        );
        assert_eq!(m.resources[0].provider, "aws");
        assert_eq!(m.resources[0].alias.as_deref(), Some("east"));
        let names: Vec<(&str, Vec<&str>)> = m
            .required_providers
            .iter()
            .map(|p| {
                (
                    p.name.as_str(),
                    p.versions.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(names, [("aws", vec![">= 5.0", "< 7"]), ("null", vec![])]);
    }

    #[test]
    fn header_and_comments() {
        assert_eq!(
            header("/**\n * # Title\n *\n * Text with * star.\n */\n\nterraform {}\n"),
            "# Title\n\nText with * star."
        );
        assert_eq!(header("# not a header\nterraform {}\n"), "");
        let text = "# far\n\n  # indented\n# near\n// also\nvariable \"x\" {}\n";
        assert_eq!(
            comment_above(text, text.find("variable").unwrap()),
            "near also"
        );
        assert_eq!(comment_above("variable \"x\" {}", 0), "");
    }

    #[test]
    fn a_broken_file_is_a_problem_not_a_panic() {
        let m = read("variable \"a\" {\n  type = = string\n}\n");
        assert_eq!(m.problems.len(), 1);
        assert!(m.problems[0].2.contains("not valid HCL"));
    }
}
