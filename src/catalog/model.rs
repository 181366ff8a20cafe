//! The catalog as plain data: what `catalog.toml` holds, field by field.
//!
//! Keys are kebab-case; unknown keys are rejected. Values that diagnostics point at are
//! wrapped in [`Spanned`] so a message can name their line and column in catalog.toml.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use toml::Spanned;

/// The whole guide. Modules and comparisons are tables keyed by id, in guide order.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct Catalog {
    pub guide: Guide,
    #[schemars(with = "IndexMap<String, Module>")]
    pub modules: IndexMap<Spanned<String>, Module>,
    #[serde(default)]
    #[schemars(with = "IndexMap<String, Comparison>")]
    pub comparisons: IndexMap<Spanned<String>, Comparison>,
    /// Related documents; a document tagged with modules also shows on their pages.
    #[serde(default)]
    pub docs: Vec<Doc>,
    #[serde(default)]
    pub summary: Summary,
    /// How findings are reported, by code and by path (`check` and `build` alike).
    #[serde(default)]
    pub check: CheckLevels,
}

/// `[check]`: each code listed under a level is reported at that level (`allow`: not at
/// all); unlisted codes keep their own. `per-path` entries apply to findings whose file
/// matches one of their globs (root-relative, `**` for any depth), later entries winning.
// Serialized as written, so that the schema's default reads `per-path`.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckLevels {
    #[serde(default)]
    pub error: Vec<crate::diag::Code>,
    #[serde(default)]
    pub warn: Vec<crate::diag::Code>,
    #[serde(default)]
    pub allow: Vec<crate::diag::Code>,
    #[serde(default)]
    pub per_path: Vec<PathLevels>,
}

/// One `[[check.per-path]]` entry.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct PathLevels {
    /// Globs of root-relative paths (`docs/legacy/**`, `*.md`).
    #[schemars(with = "Vec<String>")]
    pub paths: Vec<Spanned<String>>,
    #[serde(default)]
    pub error: Vec<crate::diag::Code>,
    #[serde(default)]
    pub warn: Vec<crate::diag::Code>,
    #[serde(default)]
    pub allow: Vec<crate::diag::Code>,
}

/// Facts about the guide as a whole.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct Guide {
    pub title: String,
    /// Inline markdown; `{count}` stands for the number of modules in the catalog.
    #[serde(default)]
    pub intro: Option<String>,
    /// The example file that module references cite unless they name their own.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub example: Option<Spanned<String>>,
    /// Where modules live; module names in the guide are shown relative to it.
    #[serde(default = "default_modules_dir")]
    pub modules_dir: String,
    /// Each subdirectory is an environment whose live `.tf` files instantiate modules.
    #[serde(default = "default_environments_dir")]
    #[schemars(with = "String")]
    pub environments_dir: Spanned<String>,
    /// The "How to Use" steps, as inline markdown.
    #[serde(default)]
    pub steps: Vec<String>,
}

fn default_modules_dir() -> String {
    "terraform/modules".into()
}

fn default_environments_dir() -> Spanned<String> {
    Spanned::new(0..0, "terraform/environments".into())
}

/// One optional module.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct Module {
    /// Display name, the page title.
    pub name: String,
    /// Module directory, relative to the project root.
    #[schemars(with = "String")]
    pub path: Spanned<String>,
    /// Name in the quick reference; defaults to the directory's last component.
    #[serde(default)]
    pub short: Option<String>,
    pub use_case: String,
    /// Monthly cost as shown in the quick reference.
    pub cost: String,
    /// When to enable it, in a few words.
    pub enable: String,
    /// What it does.
    pub does: String,
    #[serde(default)]
    pub use_when: Vec<String>,
    #[serde(default)]
    pub skip_when: Vec<String>,
    #[serde(default)]
    pub integrations: Vec<Integration>,
    #[serde(default)]
    pub recommend: Vec<Recommendation>,
    /// Heading of the use-case section; "MLOps Use Cases" unless set.
    #[serde(default)]
    pub uses_title: Option<String>,
    #[serde(default)]
    pub uses: Vec<UseCase>,
    #[serde(default)]
    pub costs: Option<Costs>,
    #[serde(default)]
    pub example: Option<ExampleRef>,
    /// Whether environments are expected to instantiate it; checked against the tree.
    #[serde(default)]
    pub status: Status,
}

/// A module's intended state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Kept ready to use, instantiated by no environment.
    #[default]
    Optional,
    /// Instantiated by at least one environment.
    Active,
}

/// How the module fits with another system, as layers from the bottom up.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct Integration {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub points: Vec<String>,
    #[serde(default)]
    pub layers: Vec<Layer>,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct Layer {
    pub name: String,
    pub scope: String,
}

/// "**For IRSA only**: use ..." lines.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct Recommendation {
    /// The situation, rendered as "For <case>".
    pub case: String,
    pub advice: String,
}

/// A use case with a plain-text diagram of the flow.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct UseCase {
    pub title: String,
    pub diagram: String,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct Costs {
    #[serde(default)]
    pub items: Vec<CostItem>,
    /// The typical total.
    #[serde(default)]
    pub typical: Option<String>,
    /// The word that introduces the total ("Total", "Typical setup"); default "Typical".
    #[serde(default)]
    pub total_label: Option<String>,
    /// A remark when there is no breakdown.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct CostItem {
    pub item: String,
    pub cost: String,
}

/// Where the module's commented example block is.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct ExampleRef {
    /// Defaults to `guide.example`. A leading `/` means the project root.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub file: Option<Spanned<String>>,
    /// "8-27", or "12" for a single line.
    #[schemars(with = "String")]
    pub lines: Spanned<String>,
    /// Pins the block by its label when several blocks instantiate the module.
    #[serde(default)]
    pub label: Option<String>,
}

/// A comparison table. Cells are plain text or a verdict with an optional note.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct Comparison {
    pub title: String,
    /// The module whose page shows the table.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub module: Option<Spanned<String>>,
    /// Header of the first column.
    #[serde(default = "default_feature_header")]
    pub feature: String,
    pub columns: Vec<String>,
    #[schemars(with = "Vec<Row>")]
    pub rows: Vec<Spanned<Row>>,
}

fn default_feature_header() -> String {
    "Feature".into()
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct Row {
    pub feature: String,
    pub cells: Vec<Cell>,
}

/// A table cell: `"Good"`, or `{ verdict = "no", note = "AWS-only" }`.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Verdict(VerdictCell),
}

// Hand-written so that a wrong cell gets the inner error ("unknown variant `maybe`,
// expected one of `yes`, `no`, `partial`") instead of serde's "did not match any variant".
impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CellVisitor;
        impl<'de> serde::de::Visitor<'de> for CellVisitor {
            type Value = Cell;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a table like { verdict = \"yes\", note = \"...\" }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Cell, A::Error> {
                let de = serde::de::value::MapAccessDeserializer::new(map);
                VerdictCell::deserialize(de).map(Cell::Verdict)
            }
        }
        deserializer.deserialize_any(CellVisitor)
    }
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct VerdictCell {
    pub verdict: Verdict,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Yes,
    No,
    Partial,
}

impl Verdict {
    pub fn glyph(self) -> &'static str {
        match self {
            Verdict::Yes => "✅",
            Verdict::No => "❌",
            Verdict::Partial => "⚠️",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Verdict::Yes => "Yes",
            Verdict::No => "No",
            Verdict::Partial => "Partial",
        }
    }
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct Doc {
    /// A leading `/` means the project root.
    #[schemars(with = "String")]
    pub path: Spanned<String>,
    pub about: String,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub modules: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct Summary {
    #[serde(default)]
    pub ready: Option<String>,
    #[serde(default)]
    pub philosophy: Option<String>,
    #[serde(default)]
    pub deprecated: Vec<Deprecation>,
}

/// A module directory that should go, and what replaces it.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all(deserialize = "kebab-case", serialize = "snake_case")
)]
pub struct Deprecation {
    #[schemars(with = "String")]
    pub path: Spanned<String>,
    #[schemars(with = "String")]
    pub replacement: Spanned<String>,
}

impl Catalog {
    /// A catalog without modules, for checking markdown on its own.
    pub fn empty() -> Catalog {
        Catalog {
            guide: Guide {
                title: String::new(),
                intro: None,
                example: None,
                modules_dir: default_modules_dir(),
                environments_dir: default_environments_dir(),
                steps: Vec::new(),
            },
            modules: IndexMap::new(),
            comparisons: IndexMap::new(),
            docs: Vec::new(),
            summary: Summary::default(),
            check: CheckLevels::default(),
        }
    }

    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.get(id)
    }

    pub fn comparison(&self, id: &str) -> Option<&Comparison> {
        self.comparisons.get(id)
    }

    /// Comparisons shown on a module's page, in catalog order.
    pub fn comparisons_of<'a>(
        &'a self,
        module: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a Comparison)> {
        self.comparisons
            .iter()
            .filter(move |(_, c)| c.module.as_ref().is_some_and(|m| m.get_ref() == module))
            .map(|(id, c)| (id.get_ref().as_str(), c))
    }

    /// Documents tagged with a module, in catalog order.
    pub fn docs_of<'a>(&'a self, module: &'a str) -> impl Iterator<Item = &'a Doc> {
        self.docs
            .iter()
            .filter(move |d| d.modules.iter().any(|m| m.get_ref() == module))
    }
}
