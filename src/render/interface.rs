//! A module's interface as markdown tables in terraform-docs' conventions: Requirements,
//! Providers, Modules, Resources, Inputs, Outputs; `Name | Description | Type | Default |
//! Required` for inputs, `n/a` for no default, multi-line types and defaults as `<pre>`
//! blocks, rows sorted by name (or required inputs first).
//!
//! Two flavours: [`Flavor::Readme`] is terraform-docs' own markdown, for `module DIR` and
//! module READMEs; [`Flavor::Page`] is the same tables for a book page, every `.tf` text
//! passed through the output-encoding boundary ([`super::encode`]).

use std::fmt::Write;

use serde::Deserialize;

use super::encode;
use crate::terraform::module::ModuleInterface;

/// Who reads the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// terraform-docs' markdown, as a README holds it.
    Readme,
    /// A page of the book: names, descriptions, types and defaults encoded for the site.
    Page,
}

/// The sections a page shows, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Requirements,
    Providers,
    Modules,
    Resources,
    Inputs,
    Outputs,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Requirements,
        Section::Providers,
        Section::Modules,
        Section::Resources,
        Section::Inputs,
        Section::Outputs,
    ];

    pub fn parse(word: &str) -> Option<Section> {
        Section::ALL
            .into_iter()
            .find(|s| s.title().eq_ignore_ascii_case(word))
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Requirements => "Requirements",
            Section::Providers => "Providers",
            Section::Modules => "Modules",
            Section::Resources => "Resources",
            Section::Inputs => "Inputs",
            Section::Outputs => "Outputs",
        }
    }
}

/// How inputs are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Name,
    Required,
}

/// The sections in terraform-docs' markdown, each under a heading of `level` (`##` = 2).
pub fn markdown(
    module: &ModuleInterface,
    sections: &[Section],
    sort: Sort,
    level: usize,
) -> String {
    markdown_as(Flavor::Readme, module, sections, sort, level)
}

/// One section's table in terraform-docs' markdown.
pub fn table(module: &ModuleInterface, section: Section, sort: Sort) -> String {
    table_as(Flavor::Readme, module, section, sort)
}

/// The sections for `flavor`, each under a heading of `level`.
pub fn markdown_as(
    flavor: Flavor,
    module: &ModuleInterface,
    sections: &[Section],
    sort: Sort,
    level: usize,
) -> String {
    let mut out = String::new();
    for section in sections {
        let table = table_as(flavor, module, *section, sort);
        let _ = write!(
            out,
            "{} {}\n\n{}\n\n",
            "#".repeat(level),
            section.title(),
            table
        );
    }
    out.trim_end().to_owned()
}

/// One section's table for `flavor`, or terraform-docs' "No ..." line when it is empty.
pub fn table_as(flavor: Flavor, module: &ModuleInterface, section: Section, sort: Sort) -> String {
    let mut out = String::new();
    let anchor = |kind: &str, name: &str| anchor(flavor, kind, name);
    let cell = |text: &str| cell(flavor, text);
    let code = |text: &str| code(flavor, text);
    let description = |text: Option<&str>| description(flavor, text);
    match section {
        Section::Requirements => {
            let mut rows: Vec<(String, String)> = Vec::new();
            if let Some(v) = &module.required_version {
                rows.push(("terraform".into(), v.clone()));
            }
            rows.extend(
                module
                    .providers
                    .iter()
                    .filter(|p| p.declared)
                    .map(|p| (p.name.clone(), p.version.clone().unwrap_or_default())),
            );
            if rows.is_empty() {
                return "No requirements.".into();
            }
            out.push_str("| Name | Version |\n|------|---------|\n");
            for (name, version) in rows {
                let _ = writeln!(
                    out,
                    "| {} | {} |",
                    anchor("requirement", &name),
                    cell(&version)
                );
            }
        }
        Section::Providers => {
            if module.providers.is_empty() {
                return "No providers.".into();
            }
            out.push_str("| Name | Version |\n|------|---------|\n");
            for p in &module.providers {
                let version = p.version.as_deref().unwrap_or("n/a");
                let _ = writeln!(
                    out,
                    "| {} | {} |",
                    anchor("provider", &p.name),
                    cell(version)
                );
            }
        }
        Section::Modules => {
            if module.modules.is_empty() {
                return "No modules.".into();
            }
            out.push_str("| Name | Source | Version |\n|------|--------|---------|\n");
            for m in &module.modules {
                let source = m.source.as_deref().unwrap_or("");
                let version = m.version.as_deref().unwrap_or("n/a");
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    anchor("module", &m.name),
                    cell(source),
                    cell(version)
                );
            }
        }
        Section::Resources => {
            if module.resources.is_empty() {
                return "No resources.".into();
            }
            out.push_str("| Name | Type |\n|------|------|\n");
            for r in &module.resources {
                let _ = writeln!(out, "| {}.{} | {} |", cell(&r.type_), cell(&r.name), r.mode);
            }
        }
        Section::Inputs => {
            if module.variables.is_empty() {
                return "No inputs.".into();
            }
            let mut variables: Vec<_> = module.variables.iter().collect();
            if sort == Sort::Required {
                variables.sort_by_key(|v| !v.required);
            }
            out.push_str("| Name | Description | Type | Default | Required |\n");
            out.push_str("|------|-------------|------|---------|:--------:|\n");
            for v in variables {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    anchor("input", &v.name),
                    description(v.description.as_deref()),
                    code(v.type_.as_deref().unwrap_or("any")),
                    v.default.as_deref().map_or("n/a".to_owned(), &code),
                    if v.required { "yes" } else { "no" },
                );
            }
        }
        Section::Outputs => {
            if module.outputs.is_empty() {
                return "No outputs.".into();
            }
            out.push_str("| Name | Description |\n|------|-------------|\n");
            for o in &module.outputs {
                let _ = writeln!(
                    out,
                    "| {} | {} |",
                    anchor("output", &o.name),
                    description(o.description.as_deref())
                );
            }
        }
    }
    out.trim_end().to_owned()
}

/// The name cell: an anchor to link to, and a link to it.
fn anchor(flavor: Flavor, kind: &str, name: &str) -> String {
    match flavor {
        Flavor::Readme => format!(
            "<a name=\"{kind}_{name}\"></a> [{name}](#{kind}\\_{})",
            name.replace('_', "\\_")
        ),
        Flavor::Page => {
            let id = format!("{kind}_{name}");
            let href = encode::url(&format!("#{id}")).unwrap_or_default();
            // A line may break after each `_` of a long name (`<wbr>`: copying keeps the
            // name whole), so the name column stays narrow.
            let shown = encode::text(name).replace("&#95;", "&#95;<wbr>");
            format!(
                "<a name=\"{}\"></a> <a href=\"{href}\">{shown}</a>",
                encode::attr(&id),
            )
        }
    }
}

/// Plain text for a cell (a version, a source, a resource's type and name).
fn cell(flavor: Flavor, text: &str) -> String {
    match flavor {
        Flavor::Readme => text
            .replace('|', "\\|")
            .replace("\r\n", " ")
            .replace('\n', " "),
        Flavor::Page => encode::text(text),
    }
}

/// A description: markdown kept, line breaks as `<br>`.
fn description(flavor: Flavor, text: Option<&str>) -> String {
    let text = text.unwrap_or("n/a");
    let lines: Vec<String> = text
        .lines()
        .map(|line| match flavor {
            // Markdown kept; a `<` that would open a tag is shown as text, as GitHub would
            // otherwise drop `<tier>` from the README.
            Flavor::Readme => cell(flavor, &tags_as_text(line)),
            Flavor::Page => encode::inline(line),
        })
        .collect();
    lines.join("<br>")
}

/// `text` with every `<` outside code spans that could open an HTML tag written as `&lt;`.
fn tags_as_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_code = false;
    while let Some(c) = chars.next() {
        in_code ^= c == '`';
        if c == '<'
            && !in_code
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
        {
            out.push_str("&lt;");
        } else {
            out.push(c);
        }
    }
    out
}

/// A type or default: code on one line, a `<pre>` block when it spans several.
fn code(flavor: Flavor, text: &str) -> String {
    match flavor {
        // Folded: the first line in the summary, the whole value when opened, so a long
        // `object({…})` does not widen its column.
        Flavor::Page if text.contains('\n') => {
            let first = text.lines().next().unwrap_or("").trim_end();
            format!(
                "<details><summary>{}</summary>{}</details>",
                encode::code(&format!("{first} …")),
                encode::cell_pre(text)
            )
        }
        Flavor::Page => encode::code(text),
        Flavor::Readme => {
            if !text.contains('\n') && !text.contains('`') {
                return format!("`{}`", text.replace('|', "\\|"));
            }
            let html = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('|', "\\|")
                .replace('`', "&#96;");
            let lines: Vec<&str> = html.lines().collect();
            format!("<pre>{}</pre>", lines.join("<br/>"))
        }
    }
}
