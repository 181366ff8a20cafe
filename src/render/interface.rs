//! A module's interface on a book page: Requirements, Providers, Modules, Resources, Inputs,
//! Outputs, made from terraform-docs' model of the module ([`super::tfdocs::Doc`]): the same
//! rows, in the same order, with the same values (defaults as JSON, resources with their
//! registry links), rows sorted by name (or required inputs first). This file gives the
//! template `interface.md.tera` its variables ([`sections`]) and the filters its cells use
//! (the encoders below); the template lays the tables out, and a book may override it.
//! terraform-docs' own markdown, for READMEs, is [`super::tfdocs`].

use serde::{Deserialize, Serialize};

use super::encode;
use super::tfdocs::Doc;
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

/// One section as `interface.md.tera` receives it: `name` ("inputs"), `title` ("Inputs")
/// and its rows, each field as the module's `.tf` files write it (encoded by the template's
/// filters).
#[derive(Debug, Serialize)]
pub struct SectionView {
    pub name: String,
    pub title: &'static str,
    pub rows: Vec<serde_json::Value>,
}

/// The `sections` of `module` as `interface.md.tera` receives them, inputs in `sort` order.
pub fn sections(module: &ModuleInterface, sections: &[Section], sort: Sort) -> Vec<SectionView> {
    let mut doc = Doc::of(module);
    if sort == Sort::Required {
        // terraform-docs' `sort-by required`: inputs without a default first, then by name.
        doc.inputs.sort_by_key(|i| !i.required);
    }
    sections.iter().map(|s| section(&doc, *s)).collect()
}

fn section(doc: &Doc, section: Section) -> SectionView {
    use serde_json::json;
    let rows = match section {
        Section::Requirements => doc
            .requirements
            .iter()
            .map(|r| json!({ "name": r.name, "version": r.version }))
            .collect(),
        Section::Providers => doc
            .providers
            .iter()
            .map(|p| json!({ "name": p.full_name(), "version": p.version }))
            .collect(),
        Section::Modules => doc
            .modules
            .iter()
            .map(|m| json!({ "name": m.name, "source": m.source, "version": m.version }))
            .collect(),
        Section::Resources => doc
            .resources
            .iter()
            .map(|r| {
                // Only a link the encoding boundary accepts is one.
                let url = r.url().filter(|u| encode::url(u).is_some());
                json!({ "name": r.spec(), "url": url, "kind": r.kind() })
            })
            .collect(),
        Section::Inputs => doc
            .inputs
            .iter()
            .map(|i| {
                json!({
                    "name": i.name,
                    "description": i.description,
                    "type": i.type_,
                    "default": i.value(),
                    "required": i.required,
                })
            })
            .collect(),
        Section::Outputs => doc
            .outputs
            .iter()
            .map(|o| json!({ "name": o.name, "description": o.description }))
            .collect(),
    };
    SectionView {
        name: section.title().to_lowercase(),
        title: section.title(),
        rows,
    }
}

/// The name cell (filter `anchor(kind=…)`): an anchor to link to, and a link to it.
pub fn anchor(kind: &str, name: &str) -> String {
    let id = format!("{kind}_{name}");
    let href = encode::url(&format!("#{id}")).unwrap_or_default();
    // A line may break after each `_` of a long name (`<wbr>`: copying keeps the name
    // whole), so the name column stays narrow.
    let shown = encode::text(name).replace("&#95;", "&#95;<wbr>");
    format!(
        "<a name=\"{}\"></a> <a href=\"{href}\">{shown}</a>",
        encode::attr(&id),
    )
}

/// A description on a page (filter `description`): markdown kept, line breaks as `<br>`,
/// `n/a` when empty.
pub fn description(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return "n/a".into();
    }
    let lines: Vec<String> = text.lines().map(|l| encode::inline(l.trim_end())).collect();
    lines.join("<br>")
}

/// A type or default on a page (filter `hcl_value`): code on one line; folded when it spans
/// several (the first line in the summary, the whole value when opened), so a long
/// `object({…})` does not widen its column.
pub fn hcl_value(text: &str) -> String {
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
