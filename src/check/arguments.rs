//! Each example block that a reference touches is checked against the module its `source`
//! resolves to: `unknown-argument` (with the closest declared variable), `missing-required`,
//! and `type-mismatch` where a literal clearly contradicts the declared type. Registry and
//! git sources are skipped with a note.

use std::path::Path;

use crate::diag::{Code, Finding, Label};
use crate::project::Project;
use crate::terraform::blocks::{Argument, Literal, ModuleBlock};
use crate::terraform::module::{ModuleInterface, Variable};
use crate::terraform::module_source::{ModuleSource, resolve};

/// Arguments Terraform itself gives every module block.
pub(super) const META: [&str; 6] = [
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

pub fn check(project: &Project) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (path, first) in project.touched_blocks() {
        let Some(Ok(example)) = project.examples.get(&path) else {
            continue;
        };
        let Some(block) = example.scan.block_at(first) else {
            continue;
        };
        let Some(written) = block.source.as_deref() else {
            continue;
        };
        let file = project.sources.get(example.file);
        let line_label = |line: usize| Label::new(example.file, file.line_span(line));
        match resolve(path.parent().unwrap_or(Path::new("")), written) {
            ModuleSource::Remote(source) => findings.push(
                Finding::note(
                    Code::RemoteSource,
                    format!(
                        "block `module \"{}\"` uses `{source}`; its arguments are not checked",
                        block.label
                    ),
                )
                .at(line_label(block.lines.first)),
            ),
            ModuleSource::Local(dir) => {
                if let Some(interface) = project.interface(&dir) {
                    findings.extend(check_block(block, interface, &line_label));
                }
            }
            ModuleSource::Outside(_) => {}
        }
    }
    findings
}

fn check_block(
    block: &ModuleBlock,
    module: &ModuleInterface,
    at: &dyn Fn(usize) -> Label,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let dir = module.dir.display();
    for argument in block
        .arguments
        .iter()
        .filter(|a| !META.contains(&a.name.as_str()))
    {
        match module.variables.iter().find(|v| v.name == argument.name) {
            None => {
                let names = module.variables.iter().map(|v| v.name.as_str());
                let mut f = Finding::error(
                    Code::UnknownArgument,
                    format!("`{}` is not a variable of `{dir}`", argument.name),
                )
                .at(at(argument.line).with_note(format!("in block `module \"{}\"`", block.label)));
                f = match closest_variable(&argument.name, names) {
                    Some(best) => f.help(format!("did you mean `{best}`?")),
                    None => f.help(format!("`{dir}` declares: {}", list(module))),
                };
                findings.push(f);
            }
            Some(variable) => {
                if let Some(why) = contradiction(argument, variable) {
                    findings.push(
                        Finding::error(
                            Code::TypeMismatch,
                            format!(
                                "`{}` is given {}, but its type is `{}`",
                                argument.name,
                                argument.value.describe(),
                                why
                            ),
                        )
                        .at(at(argument.line)),
                    );
                }
            }
        }
    }
    for variable in module.variables.iter().filter(|v| v.required) {
        if !block.arguments.iter().any(|a| a.name == variable.name) {
            findings.push(
                Finding::error(
                    Code::MissingRequired,
                    format!(
                        "block `module \"{}\"` does not set `{}`, which `{dir}` requires",
                        block.label, variable.name
                    ),
                )
                .at(at(block.lines.first))
                .help(format!(
                    "add `{} = ...`{}",
                    variable.name,
                    variable
                        .type_
                        .as_deref()
                        .map(|t| format!(" (type {})", one_line(t)))
                        .unwrap_or_default()
                )),
            );
        }
    }
    findings
}

/// The closest variable name: one that contains the name or is contained in it
/// ("parameter_group" -> "parameter_group_name", "node_type" -> "cache_node_type"), else the
/// most similar plausible typo.
fn closest_variable<'a>(
    name: &str,
    names: impl Iterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let containing = names
        .clone()
        .filter(|n| n.len().min(name.len()) >= 4 && (n.contains(name) || name.contains(n)))
        .min_by_key(|n| n.len().abs_diff(name.len()));
    containing.or_else(|| crate::suggest::closest(name, names))
}

fn list(module: &ModuleInterface) -> String {
    module
        .variables
        .iter()
        .map(|v| v.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A type on one line for a message: its lines joined (comments dropped), abbreviated with
/// `…` past 60 characters, so `object({` never stands alone.
fn one_line(text: &str) -> String {
    let joined = text
        .lines()
        .map(|line| {
            let code = line.split(" #").next().unwrap_or(line);
            code.split(" //").next().unwrap_or(code).trim()
        })
        .filter(|line| !line.is_empty() && !line.starts_with('#') && !line.starts_with("//"))
        .collect::<Vec<_>>()
        .join(" ");
    if joined.chars().count() <= 60 {
        return joined;
    }
    let cut: String = joined.chars().take(59).collect();
    format!("{}…", cut.trim_end())
}

/// The declared type's first line when `argument`'s literal value cannot be of that type.
fn contradiction(argument: &Argument, variable: &Variable) -> Option<String> {
    let declared = variable.type_.as_deref()?;
    let kind: String = declared
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    // `null` and expressions (`Literal::Null`, `Literal::Other`) fit every type: the last arm.
    let clash = match (kind.as_str(), &argument.value) {
        ("number", Literal::String(s)) => !s.is_empty() && s.trim().parse::<f64>().is_err(),
        ("number", Literal::Bool | Literal::List | Literal::Object) => true,
        ("bool", Literal::String(s)) => !s.is_empty() && s != "true" && s != "false",
        ("bool", Literal::Number | Literal::List | Literal::Object) => true,
        ("string", Literal::List | Literal::Object) => true,
        (
            "list" | "set" | "tuple",
            Literal::String(_) | Literal::Number | Literal::Bool | Literal::Object,
        ) => true,
        (
            "map" | "object",
            Literal::String(_) | Literal::Number | Literal::Bool | Literal::List,
        ) => true,
        _ => false,
    };
    clash.then(|| one_line(declared))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_in_messages_are_one_whole_line() {
        assert_eq!(
            one_line("object({\n  # nested\n  enabled = optional(bool) // on\n  size = number\n})"),
            "object({ enabled = optional(bool) size = number })"
        );
        assert_eq!(one_line("string"), "string");
        let long = one_line(
            "object({\n  a_long_attribute_name = optional(string)\n  another_long_one = optional(number)\n})",
        );
        assert!(long.ends_with('…') && long.chars().count() == 60, "{long}");
        // 60 characters are shown whole; from 61 on, 59 and `…` (trailing blanks dropped).
        let sixty = format!("map({})", "x".repeat(55));
        assert_eq!(one_line(&sixty), sixty);
        let sixty_one = format!("map({}  )", "x".repeat(54));
        assert_eq!(one_line(&sixty_one), format!("map({}…", "x".repeat(54)));
        assert_eq!(
            one_line("// leading\n\nlist(\n  # inside\n  string # why\n)"),
            "list( string )"
        );
    }

    #[test]
    fn did_you_mean_takes_prefixes() {
        let names = ["parameter_group_name", "node_type", "name"];
        assert_eq!(
            closest_variable("parameter_group", names.iter().copied()),
            Some("parameter_group_name")
        );
        assert_eq!(
            closest_variable("node_typ", names.iter().copied()),
            Some("node_type")
        );
    }
}
