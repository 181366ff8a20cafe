//! A variable's default as a value, the way terraform-docs holds it: the expression
//! evaluated without variables or functions (HCL's `Expression.Value(nil)`), then through
//! JSON into plain values, so numbers are 64-bit floats and object keys come out sorted.
//!
//! [`Json::encode`] writes such a value as Go's `encoding/json` does (terraform-docs prints
//! defaults and its `json` document with it): two-space indentation, `"key": value`, keys
//! in byte order, integral numbers without a fraction, `<`, `>` and `&` escaped only when
//! asked, U+2028 and U+2029 always escaped.

use std::fmt::Write;

/// A JSON value with object members kept sorted by key.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    /// Sorted by key, each key once.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// An object from members in any order; a repeated key keeps its last value.
    pub fn object(members: impl IntoIterator<Item = (String, Json)>) -> Json {
        let mut sorted: Vec<(String, Json)> = Vec::new();
        for (key, value) in members {
            match sorted.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
                Ok(i) => sorted[i].1 = value,
                Err(i) => sorted.insert(i, (key, value)),
            }
        }
        Json::Object(sorted)
    }

    /// An evaluated HCL value. Numbers go through `f64`, as terraform-docs' `interface{}` does.
    pub fn from_hcl(value: hcl::Value) -> Json {
        match value {
            hcl::Value::Null => Json::Null,
            hcl::Value::Bool(b) => Json::Bool(b),
            hcl::Value::Number(n) => Json::Number(n.as_f64().unwrap_or(0.0)),
            hcl::Value::String(s) => Json::String(s),
            hcl::Value::Array(items) => {
                Json::Array(items.into_iter().map(Json::from_hcl).collect())
            }
            hcl::Value::Object(map) => {
                Json::object(map.into_iter().map(|(k, v)| (k, Json::from_hcl(v))))
            }
        }
    }

    /// The kind terraform-docs names for an untyped variable with this default.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "any",
            Json::Bool(_) => "bool",
            Json::Number(_) => "number",
            Json::String(_) => "string",
            Json::Array(_) => "list",
            Json::Object(_) => "map",
        }
    }

    /// Go's `json.Encoder` with `SetIndent("", "  ")` (or compact with `indent` false) and
    /// `SetEscapeHTML(escape_html)`, without the trailing newline.
    pub fn encode(&self, indent: bool, escape_html: bool) -> String {
        let mut out = String::new();
        self.write(&mut out, indent, escape_html, 0);
        out
    }

    fn write(&self, out: &mut String, indent: bool, escape_html: bool, depth: usize) {
        let newline = |out: &mut String, depth: usize| {
            if indent {
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
            }
        };
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(&number(*n)),
            Json::String(s) => string(out, s, escape_html),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    item.write(out, indent, escape_html, depth + 1);
                }
                newline(out, depth);
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    string(out, key, escape_html);
                    out.push_str(if indent { ": " } else { ":" });
                    value.write(out, indent, escape_html, depth + 1);
                }
                newline(out, depth);
                out.push('}');
            }
        }
    }
}

/// A float as Go's `encoding/json` writes it: the shortest decimal that reads back the
/// same, positional between 1e-6 and 1e21, else with an exponent (`1e+21`, `1e-7`).
fn number(n: f64) -> String {
    if !n.is_finite() {
        return "null".into();
    }
    let abs = n.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        // Rust writes `1e21` and `1e-7`; Go writes `1e+21` and `1e-07`, then trims the
        // exponent's leading zero back to `1e-7`.
        let text = format!("{n:e}");
        return match text.split_once('e') {
            Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
            _ => text,
        };
    }
    format!("{n}")
}

/// A JSON string as Go writes it.
fn string(out: &mut String, s: &str, escape_html: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' if escape_html => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_as_go_does() {
        let value = Json::object([
            (
                "b".into(),
                Json::Array(vec![Json::Number(1.0), Json::Number(15.75)]),
            ),
            ("a".into(), Json::String("<x> & \"y\"\n".into())),
            ("c".into(), Json::Object(vec![])),
        ]);
        assert_eq!(
            value.encode(true, false),
            "{\n  \"a\": \"<x> & \\\"y\\\"\\n\",\n  \"b\": [\n    1,\n    15.75\n  ],\n  \"c\": {}\n}"
        );
        assert_eq!(
            value.encode(false, true),
            "{\"a\":\"\\u003cx\\u003e \\u0026 \\\"y\\\"\\n\",\"b\":[1,15.75],\"c\":{}}"
        );
        assert_eq!(number(1e21), "1e+21");
        assert_eq!(number(1e-7), "1e-7");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(86400.0), "86400");
    }

    #[test]
    fn a_repeated_key_keeps_the_last_value() {
        let value = Json::object([
            ("k".into(), Json::Bool(true)),
            ("k".into(), Json::Bool(false)),
        ]);
        assert_eq!(value, Json::Object(vec![("k".into(), Json::Bool(false))]));
    }
}
