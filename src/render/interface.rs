//! A module's interface as markdown tables in terraform-docs' conventions: Requirements,
//! Providers, Modules, Resources, Inputs, Outputs, made from terraform-docs' model of the
//! module ([`super::tfdocs::Doc`]): the same rows, in the same order, with the same values
//! (defaults as JSON, resources with their registry links), rows sorted by name (or
//! required inputs first).
//!
//! Two flavours: [`Flavor::Readme`] is terraform-docs' own markdown (byte for byte, see
//! [`super::tfdocs`]); [`Flavor::Page`] is the same tables for a book page, every `.tf` text
//! passed through the output-encoding boundary ([`super::encode`]).

use std::fmt::Write;

use serde::Deserialize;

use super::encode;
use super::tfdocs::{self, Doc, Version};
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
    let doc = doc(module, sort);
    let mut out = String::new();
    for section in sections {
        let table = doc_table(flavor, &doc, *section);
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
    doc_table(flavor, &doc(module, sort), section)
}

/// terraform-docs' model of `module`, inputs in `sort` order.
fn doc(module: &ModuleInterface, sort: Sort) -> Doc {
    let mut doc = Doc::of(module);
    if sort == Sort::Required {
        // terraform-docs' `sort-by required`: inputs without a default first, then by name.
        doc.inputs.sort_by_key(|i| !i.required);
    }
    doc
}

/// One section of `doc` for `flavor`.
fn doc_table(flavor: Flavor, doc: &Doc, section: Section) -> String {
    if flavor == Flavor::Readme {
        return doc.table(section, Version::default());
    }
    let anchor = |kind: &str, name: &str| anchor(flavor, kind, name);
    let text = encode::text;
    let or_na = |s: &str| {
        if s.is_empty() {
            "n/a".to_owned()
        } else {
            text(s)
        }
    };
    let (head, rows): (&str, Vec<String>) = match section {
        Section::Requirements => (
            "| Name | Version |\n|------|---------|",
            doc.requirements
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
            "| Name | Version |\n|------|---------|",
            doc.providers
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
            "| Name | Source | Version |\n|------|--------|---------|",
            doc.modules
                .iter()
                .map(|m| {
                    format!(
                        "| {} | {} | {} |",
                        anchor("module", &m.name),
                        text(&m.source),
                        or_na(&m.version)
                    )
                })
                .collect(),
        ),
        Section::Resources => (
            "| Name | Type |\n|------|------|",
            doc.resources
                .iter()
                .map(|r| {
                    let spec = text(&r.spec());
                    let name = match r.url().as_deref().and_then(encode::url) {
                        Some(url) => format!("<a href=\"{url}\">{spec}</a>"),
                        None => spec,
                    };
                    format!("| {name} | {} |", r.kind())
                })
                .collect(),
        ),
        Section::Inputs => (
            "| Name | Description | Type | Default | Required |\n\
             |------|-------------|------|---------|:--------:|",
            doc.inputs
                .iter()
                .map(|i| {
                    let value = i.value();
                    format!(
                        "| {} | {} | {} | {} | {} |",
                        anchor("input", &i.name),
                        description(&i.description),
                        code(&i.type_),
                        if value.is_empty() {
                            "n/a".to_owned()
                        } else {
                            code(&value)
                        },
                        if i.required { "yes" } else { "no" },
                    )
                })
                .collect(),
        ),
        Section::Outputs => (
            "| Name | Description |\n|------|-------------|",
            doc.outputs
                .iter()
                .map(|o| {
                    format!(
                        "| {} | {} |",
                        anchor("output", &o.name),
                        description(&o.description)
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

/// The name cell: an anchor to link to, and a link to it.
fn anchor(flavor: Flavor, kind: &str, name: &str) -> String {
    match flavor {
        Flavor::Readme => tfdocs::anchor(kind, name),
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

/// A description on a page: markdown kept, line breaks as `<br>`, `n/a` when empty.
fn description(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return "n/a".into();
    }
    let lines: Vec<String> = text.lines().map(|l| encode::inline(l.trim_end())).collect();
    lines.join("<br>")
}

/// A type or default on a page: code on one line; folded when it spans several (the first
/// line in the summary, the whole value when opened), so a long `object({…})` does not
/// widen its column.
fn code(text: &str) -> String {
    if text.contains('\n') {
        let first = text.lines().next().unwrap_or("").trim_end();
        format!(
            "<details><summary>{}</summary>{}</details>",
            encode::code(&format!("{first} …")),
            encode::cell_pre(text)
        )
    } else {
        encode::code(text)
    }
}
