//! A module's interface as markdown tables in terraform-docs' conventions: Requirements,
//! Providers, Modules, Resources, Inputs, Outputs; `Name | Description | Type | Default |
//! Required` for inputs, `n/a` for no default, multi-line types and defaults as `<pre>`
//! blocks, rows sorted by name (or required inputs first).

use std::fmt::Write;

use serde::Deserialize;

use super::escape::{escape_inline, neutralize_directives, table_cell};
use crate::terraform::module::ModuleInterface;

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

/// The sections, each under a heading of `level` (`##` = 2).
pub fn markdown(
    module: &ModuleInterface,
    sections: &[Section],
    sort: Sort,
    level: usize,
) -> String {
    let mut out = String::new();
    for section in sections {
        let table = table(module, *section, sort);
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

/// One section's table, or terraform-docs' "No ..." line when it is empty.
pub fn table(module: &ModuleInterface, section: Section, sort: Sort) -> String {
    let mut out = String::new();
    let anchor = |kind: &str, name: &str| {
        format!(
            "<a name=\"{kind}_{name}\"></a> [{name}](#{kind}\\_{})",
            name.replace('_', "\\_")
        )
    };
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
                    v.default.as_deref().map_or("n/a".to_owned(), code),
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

/// Inline text for a cell.
fn cell(text: &str) -> String {
    table_cell(&escape_inline(text))
}

/// A description: markdown kept, line breaks as `<br>`.
fn description(text: Option<&str>) -> String {
    let text = text.unwrap_or("n/a");
    let lines: Vec<String> = text
        .lines()
        .map(|l| table_cell(&escape_inline(l)))
        .collect();
    lines.join("<br>")
}

/// A type or default: `code` on one line, a `<pre>` block when it spans several.
fn code(text: &str) -> String {
    if !text.contains('\n') && !text.contains('`') {
        return format!("`{}`", neutralize_directives(&text.replace('|', "\\|")));
    }
    let html = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace('`', "&#96;");
    let html = neutralize_directives(&html);
    let lines: Vec<&str> = html.lines().collect();
    format!("<pre>{}</pre>", lines.join("<br/>"))
}
