//! The JSON Schema of `catalog.toml`, generated from the model's types, so editors (Taplo,
//! Even Better TOML) complete and validate the catalog.

use super::model::Catalog;

/// The schema as pretty-printed JSON, ending in a newline.
pub fn json() -> String {
    let schema = schemars::schema_for!(Catalog);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
