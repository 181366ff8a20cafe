//! `mdbook-catalog module DIR` on realistic modules: the interface printed as
//! `terraform-docs markdown table DIR` prints it, and as JSON.
//!
//! Fixtures live in `tests/modules/`:
//! - `big_vpc`: a large VPC module (250+ variables across several files, nested optional
//!   object types with comments, heredocs, multi-line defaults, a nested module that must
//!   not leak into the parent's interface);
//! - `eks_addons`: a Helm/Kubernetes add-ons module with `map(object({...}))` types;
//! - `broken`: one valid file and one that does not parse;
//! - `tfdocs_rules`: a small module whose whole markdown, `tests/golden/tfdocs_rules.md`, was
//!   written by hand from terraform-docs' source.
//!
//! The whole output for each is pinned by a snapshot (`tests/snapshots/module_cli__*.snap`)
//! or the golden file. The tests beside them check it against the fixtures' source (every
//! variable, output and resource, once) and name terraform-docs' rules one row each: types
//! are the source lines joined with `<br/>`; defaults are JSON as Go prints it (two-space
//! indentation, keys sorted), in a `<pre>` when multi-line; descriptions are the (dedented)
//! heredoc lines joined with `<br/>`, `_` and `|` escaped outside code spans.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

const BIG_VPC: &str = "tests/modules/big_vpc";
const EKS_ADDONS: &str = "tests/modules/eks_addons";
const BROKEN: &str = "tests/modules/broken";

/// Runs `mdbook-catalog module <dir> <args>` from the repository root.
fn module(dir: &str, args: &[&str]) -> common::Output {
    module_in(&common::repo(), dir, args)
}

fn module_in(cwd: &Path, dir: &str, args: &[&str]) -> common::Output {
    let mut all = vec!["module", dir];
    all.extend_from_slice(args);
    common::output(cwd, &all)
}

/// The stdout of a run that succeeds and says nothing on stderr.
fn clean(run: common::Output) -> String {
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(run.stderr, "");
    run.stdout
}

fn markdown(dir: &str) -> String {
    clean(module(dir, &[]))
}

fn json_text(dir: &str) -> String {
    clean(module(dir, &["--format", "json"]))
}

fn json(dir: &str) -> Value {
    serde_json::from_str(&json_text(dir)).unwrap()
}

/// The markdown row of `kind` (`input`, `output`, ...) `name`.
fn row<'a>(md: &'a str, kind: &str, name: &str) -> &'a str {
    let start = format!("| <a name=\"{kind}_{name}\"></a> ");
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with(&start)).collect();
    assert_eq!(rows.len(), 1, "{kind} {name}: {rows:?}");
    rows[0]
}

/// The name cell terraform-docs writes: underscores escaped in the link text and target,
/// not in the anchor.
fn name_cell(kind: &str, name: &str) -> String {
    let escaped = name.replace('_', "\\_");
    format!("<a name=\"{kind}_{name}\"></a> [{escaped}](#{kind}\\_{escaped})")
}

/// Checks `rules`, each a row (`kind`, `name`) and a piece of it that shows one rule.
fn assert_rows_hold(md: &str, rules: &[(&str, &str, &str)]) {
    for (kind, name, piece) in rules {
        let row = row(md, kind, name);
        assert!(row.contains(piece), "{kind} {name}: no {piece:?} in\n{row}");
    }
}

/// Top-level blocks `kind` ("variable", "output", "resource", ...) in the `.tf` files of
/// `dir` (not its subdirectories), counted from the source text.
fn blocks_in_source(dir: &str, kind: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let prefix = format!("{kind} \"");
    for entry in std::fs::read_dir(common::repo().join(dir)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "tf") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            if let Some(rest) = line.strip_prefix(&prefix) {
                // `aws_vpc" "this" {` -> ["aws_vpc", "this"]; `name" {` -> ["name"].
                let labels: Vec<&str> = rest.split('"').step_by(2).collect();
                // `resource "type" "name" {` -> `type.name`; `variable "name" {` -> `name`.
                let name = match kind {
                    "resource" | "data" => format!("{}.{}", labels[0], labels[1]),
                    _ => labels[0].to_owned(),
                };
                assert!(names.insert(name.clone()), "duplicate {kind} {name}");
            }
        }
    }
    names
}

fn inputs(json: &Value) -> &Vec<Value> {
    json["inputs"].as_array().unwrap()
}

fn input<'a>(json: &'a Value, name: &str) -> &'a Value {
    let found: Vec<&Value> = inputs(json).iter().filter(|i| i["name"] == name).collect();
    assert_eq!(found.len(), 1, "input {name}");
    found[0]
}

fn section<'a>(md: &'a str, title: &str) -> &'a str {
    let heading = format!("## {title}\n\n");
    let start = md.find(&heading).unwrap_or_else(|| panic!("no {title}")) + heading.len();
    let end = md[start..].find("\n## ").map_or(md.len(), |e| start + e);
    md[start..end].trim_end()
}

/// The sorted keys of a JSON object.
fn keys(object: &Value) -> BTreeSet<&str> {
    object
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

// ---------------------------------------------------------------------------------------
// Snapshots: the whole output
// ---------------------------------------------------------------------------------------

#[test]
fn big_vpc_markdown_snapshot() {
    insta::assert_snapshot!("big_vpc-markdown", markdown(BIG_VPC));
}

#[test]
fn eks_addons_markdown_snapshot() {
    insta::assert_snapshot!("eks_addons-markdown", markdown(EKS_ADDONS));
}

#[test]
fn big_vpc_json_snapshot() {
    insta::assert_snapshot!("big_vpc-json", json_text(BIG_VPC));
}

#[test]
fn eks_addons_json_snapshot() {
    insta::assert_snapshot!("eks_addons-json", json_text(EKS_ADDONS));
}

#[test]
fn tfdocs_rules_json_snapshot() {
    insta::assert_snapshot!("tfdocs_rules-json", json_text(RULES));
}

/// What is read of a module with a file that does not parse (the error is on stderr).
#[test]
fn broken_snapshots() {
    insta::assert_snapshot!("broken-markdown", module(BROKEN, &[]).stdout);
    insta::assert_snapshot!("broken-json", module(BROKEN, &["--format", "json"]).stdout);
}

// ---------------------------------------------------------------------------------------
// big_vpc
// ---------------------------------------------------------------------------------------

#[test]
fn big_vpc_sections_in_terraform_docs_order() {
    let md = markdown(BIG_VPC);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Requirements",
            "## Providers",
            "## Modules",
            "## Resources",
            "## Inputs",
            "## Outputs"
        ]
    );
}

#[test]
fn big_vpc_every_variable_once_sorted_by_name() {
    let md = markdown(BIG_VPC);
    let in_source = blocks_in_source(BIG_VPC, "variable");
    assert!(in_source.len() >= 200, "{}", in_source.len());
    let rows: Vec<String> = section(&md, "Inputs")
        .lines()
        .skip(2)
        .map(|l| {
            let rest = l.strip_prefix("| <a name=\"input_").unwrap();
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect();
    let mut sorted = rows.clone();
    sorted.sort();
    assert_eq!(rows, sorted, "inputs are sorted by name");
    assert_eq!(rows.into_iter().collect::<BTreeSet<_>>(), in_source);
    // The nested module's own variables (modules/vpc-endpoints) are not the parent's.
    assert!(!md.contains("input_create\""));
    assert!(!md.contains("aws_vpc_endpoint.this"));
}

#[test]
fn big_vpc_every_output_once() {
    let md = markdown(BIG_VPC);
    let in_source = blocks_in_source(BIG_VPC, "output");
    assert!(in_source.len() >= 20);
    let rows: Vec<&str> = section(&md, "Outputs").lines().skip(2).collect();
    assert_eq!(rows.len(), in_source.len());
}

#[test]
fn big_vpc_resources_and_data_sources_from_every_file() {
    let md = markdown(BIG_VPC);
    let table = section(&md, "Resources");
    let mut expected: Vec<String> = Vec::new();
    // Linked to the registry: `aws_vpc.this` -> `.../hashicorp/aws/latest/docs/resources/vpc`.
    let link = |name: &str, kind: &str| {
        let type_ = name
            .split('.')
            .next()
            .unwrap()
            .strip_prefix("aws_")
            .unwrap();
        format!(
            "[{name}](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/{kind}/{type_})"
        )
    };
    for name in blocks_in_source(BIG_VPC, "data") {
        expected.push(format!("| {} | data source |", link(&name, "data-sources")));
    }
    for name in blocks_in_source(BIG_VPC, "resource") {
        expected.push(format!("| {} | resource |", link(&name, "resources")));
    }
    let rows: BTreeSet<&str> = table.lines().skip(2).collect();
    assert_eq!(rows.len(), expected.len());
    for row in &expected {
        assert!(rows.contains(row.as_str()), "missing {row}");
    }
    // Resources only reached through `dynamic` blocks and for-expressions are still listed.
    assert!(rows.contains("| [aws_default_network_acl.this](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_network_acl) | resource |"));
    assert!(rows.contains("| [aws_route.private_tgw](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route) | resource |"));
}

/// terraform-docs' rules, a row each: (kind, name, a piece of the row that shows the rule).
/// The snapshot pins the whole rows.
const BIG_VPC_ROWS: &[(&str, &str, &str)] = &[
    // `_` escaped in the link text and target (the anchor, which `row` finds, keeps it).
    (
        "input",
        "account_id",
        "[account\\_id](#input\\_account\\_id) | The AWS",
    ),
    // Required: no default, "yes".
    ("input", "account_id", "policies. | `string` | n/a | yes |"),
    // No type and no description.
    (
        "input",
        "legacy_passthrough",
        " | n/a | `any` | n/a | yes |",
    ),
    // Sensitive and ephemeral, still required.
    (
        "input",
        "flow_log_shared_secret",
        " | `string` | n/a | yes |",
    ),
    // A heredoc description: dedented, lines joined with `<br/>`, blank lines and relative
    // indentation kept, code spans as written.
    (
        "input",
        "subnet_layout",
        "the `*_subnets` lists.<br/><br/>Each tier is carved out of `cidr` with `cidrsubnet()`:<br/>  - `newbits` is added",
    ),
    // A multi-line type: its source lines in a `<pre>`, comments and indentation kept.
    (
        "input",
        "subnet_layout",
        " | <pre>object({<br/>    # One entry per tier, keyed by tier name<br/>    tiers = optional(map(object({<br/>",
    ),
    (
        "input",
        "subnet_layout",
        "<br/>        mode = optional(string, \"nat\") # \"igw\", \"nat\" or \"none\"<br/>",
    ),
    ("input", "subnet_layout", "<br/>  })</pre> | `{}` | no |"),
    (
        "input",
        "endpoints",
        "<br/>    service_type        = optional(string, \"Interface\") /* or \"Gateway\" */<br/>",
    ),
    (
        "input",
        "transit_gateway_attachment",
        "<br/>    /*<br/>     * Subnets the attachment's ENIs are placed in;<br/>",
    ),
    (
        "input",
        "transit_gateway_attachment",
        "</pre> | `null` | no |",
    ),
    // A multi-line default: JSON as Go prints it (two-space indentation) in a `<pre>`.
    (
        "input",
        "endpoints",
        " | <pre>{<br/>  \"s3\": {<br/>    \"service\": \"s3\",<br/>    \"service_type\": \"Gateway\"<br/>  }<br/>}</pre> | no |",
    ),
    // Keys sorted.
    (
        "input",
        "default_network_acl_ingress",
        "<pre>[<br/>  {<br/>    \"action\": \"allow\",<br/>    \"cidr_block\": \"0.0.0.0/0\",<br/>    \"from_port\": 0,<br/>",
    ),
    // Untyped: the type names the default's kind. A comment inside a default is no part of
    // its value.
    (
        "input",
        "legacy_overrides",
        " | `map` | <pre>{<br/>  \"enable_classiclink\": false,<br/>  \"tags\": {<br/>    \"kubernetes.io/role/elb\": \"1\"<br/>  }<br/>}</pre> | no |",
    ),
    // Tuples are JSON arrays.
    (
        "input",
        "ipv6_subnet_plan",
        " | `list(tuple([string, number]))` | <pre>[<br/>  [<br/>    \"public\",<br/>    0<br/>  ],<br/>",
    ),
    (
        "input",
        "flow_log_max_aggregation_interval",
        " | `number` | `600` | no |",
    ),
    // `|` escaped outside code spans only: in a description, not in a default.
    (
        "input",
        "flow_log_traffic_type",
        "Valid values: ACCEPT \\| REJECT \\| ALL | `string` | `\"ALL\"` | no |",
    ),
    (
        "input",
        "environment_pattern",
        " | `string` | `\"^(prod|staging|dev)$\"` | no |",
    ),
    (
        "input",
        "route_priority",
        "e.g. tgw \\| vgw \\| nat. Values < 0 are rejected. | `list(string)` | <pre>[<br/>  \"tgw\",<br/>  \"vgw\",<br/>  \"nat\"<br/>]</pre> | no |",
    ),
    // `$${` is an escape in the source: description and default show the value.
    (
        "input",
        "name_template",
        "; ${name} and ${az} are replaced. | `string` | `\"${name}-${az}\"` | no |",
    ),
    // Quotes as written.
    (
        "input",
        "name_tag_key",
        " | The \"Name\" tag key. Some organisations use \"name\" instead. | `string` | `\"Name\"` | no |",
    ),
    // A heredoc default is its value: a JSON string, line breaks as `\n`.
    (
        "input",
        "endpoint_default_policy",
        " | `string` | `\"{\\n  \\\"Version\\\": \\\"2012-10-17\\\",\\n  \\\"Statement\\\": [",
    ),
    // `<<EOT` with text at column 0, attributes in an unusual order.
    (
        "input",
        "secondary_cidr_tags",
        "keyed by CIDR.<br/>Use this to mark blocks reserved for EKS pods. | `map(map(string))` |",
    ),
    // `<<-EOT` in a variable that sets the type after the description.
    (
        "input",
        "azs",
        "in the region.<br/>The order matters: subnet N of every tier is placed in `azs[N % length(azs)]`. | `list(string)` |",
    ),
    // `\n` in a quoted description is a line break too.
    (
        "input",
        "reserved_cidrs",
        "no tier may use.<br/>Checked by a precondition on the VPC. | `set(string)` |",
    ),
    // A heredoc output description; `<` as written.
    (
        "output",
        "layout_subnets",
        " | Subnets created from `subnet_layout`, keyed by \"<tier>-<az>\".<br/>Each value has `id`, `cidr_block` and `availability_zone`. |",
    ),
    // A sensitive output is listed like any other (terraform-docs shows no value column).
    (
        "output",
        "vpn_connection_preshared_keys",
        " | Pre-shared keys of both tunnels of every VPN connection |",
    ),
    (
        "output",
        "tgw_attachment_id",
        "(#output\\_tgw\\_attachment\\_id) | n/a |",
    ),
    // A module call's version is shown; a local source has none.
    (
        "module",
        "flow_log_bucket",
        " | terraform-aws-modules/s3-bucket/aws | ~> 4.1 |",
    ),
    (
        "module",
        "vpc_endpoints",
        " | ./modules/vpc-endpoints | n/a |",
    ),
];

#[test]
fn big_vpc_rows_follow_terraform_docs_rules() {
    assert_rows_hold(&markdown(BIG_VPC), BIG_VPC_ROWS);
}

#[test]
fn module_calls_are_sorted_by_name() {
    let md = markdown(BIG_VPC);
    let names: Vec<&str> = section(&md, "Modules")
        .lines()
        .skip(2)
        .map(|l| &l[l.find("name=\"module_").unwrap() + 13..l.find("\"></a>").unwrap()])
        .collect();
    assert_eq!(names, ["flow_log_bucket", "vpc_endpoints"]);
}

#[test]
fn big_vpc_json() {
    let json = json(BIG_VPC);
    let names: BTreeSet<String> = inputs(&json)
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(inputs(&json).len(), names.len());
    assert_eq!(names, blocks_in_source(BIG_VPC, "variable"));
    for i in inputs(&json) {
        assert_eq!(
            keys(i),
            BTreeSet::from(["name", "type", "description", "default", "required"])
        );
        // A required input has no default (`null`).
        if i["required"] == true {
            assert!(i["default"].is_null(), "{i}");
        }
    }
    // `default = null` is a default: not required.
    let token = input(&json, "ipam_auth_token");
    assert_eq!(token["default"], Value::Null);
    assert_eq!(token["required"], false);
    // A type exactly as written, comments and indentation included.
    let written = input(&json, "subnet_layout")["type"].as_str().unwrap();
    assert!(written.lines().count() > 10, "{written}");
    let source =
        std::fs::read_to_string(common::repo().join(BIG_VPC).join("variables_advanced.tf"))
            .unwrap();
    assert!(source.contains(&format!("  type = {written}\n")));
    // Outputs are name and description only (terraform-docs shows values only on request).
    let outputs = json["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), blocks_in_source(BIG_VPC, "output").len());
    for o in outputs {
        assert_eq!(keys(o), BTreeSet::from(["name", "description"]));
    }
    // terraform-docs' document: its keys in its order, Go's indentation.
    let text = json_text(BIG_VPC);
    assert!(
        text.starts_with("{\n  \"header\": \"\",\n  \"footer\": \"\",\n  \"inputs\": [\n    {\n")
    );
    let at = |key: &str| text.find(&format!("\n  \"{key}\": ")).unwrap();
    let order = [
        "inputs",
        "modules",
        "outputs",
        "providers",
        "requirements",
        "resources",
    ];
    assert!(order.windows(2).all(|w| at(w[0]) < at(w[1])), "{order:?}");
}

// ---------------------------------------------------------------------------------------
// eks_addons
// ---------------------------------------------------------------------------------------

/// As [`BIG_VPC_ROWS`].
const EKS_ADDONS_ROWS: &[(&str, &str, &str)] = &[
    (
        "input",
        "eks_addons",
        " for the cluster.<br/>The key is the add-on name (`vpc-cni`, `coredns`, `kube-proxy`, ...).<br/><br/>Set `most_recent = true`",
    ),
    (
        "input",
        "eks_addons",
        " | <pre>map(object({<br/>    name                        = optional(string) # defaults to the map key<br/>",
    ),
    // `<<EOF` with text at column 0; a multi-line default.
    (
        "input",
        "karpenter_node_pools",
        " | Karpenter NodePools, keyed by pool name.<br/>Each pool selects instance types by category, generation and capacity type;<br/>the default pool runs general purpose on-demand and spot instances. | <pre>map(object({<br/>    weight = optional(number, 10)<br/>",
    ),
    (
        "input",
        "karpenter_node_pools",
        "<br/>      })), [{ nodes = \"10%\" }])<br/>",
    ),
    (
        "input",
        "karpenter_node_pools",
        " | <pre>{<br/>  \"default\": {<br/>    \"requirements\": {<br/>      \"capacity_type\": [<br/>        \"on-demand\",<br/>        \"spot\"<br/>      ]<br/>    }<br/>  }<br/>}</pre> | no |",
    ),
    // `<<-DESC`: relative indentation of a line is kept; `_` escaped outside code spans.
    (
        "input",
        "argocd_applications",
        " | Argo CD applications bootstrapped with the add-on, keyed by application name.<br/><br/>Each application points at a path of a Git repository:<br/>  repo\\_url + path @ revision<br/>`sync_policy.automated` turns on automatic sync. | <pre>map(object({<br/>",
    ),
    // A markdown table inside a heredoc: every `|` escaped, one table row.
    (
        "input",
        "aws_load_balancer_controller",
        " | AWS Load Balancer Controller add-on configuration values.<br/><br/>\\| Key \\| Meaning \\|<br/>\\|-----\\|---------\\|<br/>\\| `chart_version` \\| Helm chart version \\|<br/>\\| `values` \\| Extra values files, as YAML strings \\| | `any` | `{}` | no |",
    ),
    // Backslashes in a heredoc are text.
    (
        "input",
        "helm_releases",
        "<br/>e.g. `controller.service.annotations.service\\.beta\\.kubernetes\\.io/aws-load-balancer-type`. | <pre>",
    ),
    // A heredoc default (YAML) is its value, a JSON string.
    (
        "input",
        "kube_prometheus_stack_values",
        " | `string` | `\"prometheus:\\n  prometheusSpec:\\n    retention: 15d\\ngrafana:\\n  enabled: false\\n\"` | no |",
    ),
    ("input", "registry_pull_token", " | `string` | n/a | yes |"),
    (
        "output",
        "enabled_addons",
        " | Names of the built-in add-ons that are enabled, e.g.<br/>`[\"aws-load-balancer-controller\", \"karpenter\"]`. |",
    ),
    // A provider only resources use is listed, without a version.
    ("provider", "time", "[time](#provider\\_time) | n/a |"),
];

#[test]
fn eks_addons_rows_follow_terraform_docs_rules() {
    assert_rows_hold(&markdown(EKS_ADDONS), EKS_ADDONS_ROWS);
}

#[test]
fn eks_addons_json() {
    let json = json(EKS_ADDONS);
    let variables = blocks_in_source(EKS_ADDONS, "variable");
    assert!((30..=60).contains(&variables.len()), "{}", variables.len());
    assert_eq!(inputs(&json).len(), variables.len());
    for i in inputs(&json).iter().filter(|i| i["required"] == true) {
        assert!(i["default"].is_null(), "{i}");
    }
    let outputs = json["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), blocks_in_source(EKS_ADDONS, "output").len());
}

#[test]
fn resources_before_data_sources() {
    let md = markdown(EKS_ADDONS);
    let modes: Vec<&str> = section(&md, "Resources")
        .lines()
        .skip(2)
        .map(|l| l.rsplit(" | ").next().unwrap().trim_end_matches(" |"))
        .collect();
    let first_data = modes.iter().position(|m| *m == "data source").unwrap();
    assert!(
        modes[first_data..].iter().all(|m| *m == "data source"),
        "{modes:?}"
    );
}

// ---------------------------------------------------------------------------------------
// A file that does not parse
// ---------------------------------------------------------------------------------------

#[test]
fn broken_file_is_reported_and_the_rest_is_read() {
    for args in [&[][..], &["--format", "json"]] {
        let run = module(BROKEN, args);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("error[hcl-syntax]"), "{}", run.stderr);
        // main.tf line 18: `  depends_on = [aws_s3_bucket.this aws_s3_bucket_public_access_block.this]`;
        // the second element (column 36) is where a `,` or `]` was expected.
        assert!(
            run.stderr.contains("tests/modules/broken/main.tf:18:36"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("expected `]`"), "{}", run.stderr);
        assert!(!run.stderr.contains("variables.tf"), "{}", run.stderr);
        // The valid file's variables are read (see the snapshots); nothing of the broken
        // file: its variable, resources and output are not guessed.
        assert!(run.stdout.contains("bucket_name"), "{}", run.stdout);
        assert!(!run.stdout.contains("only_in_the_broken_file"));
    }
    let md = module(BROKEN, &[]).stdout;
    assert_eq!(section(&md, "Resources"), "No resources.");
    assert_eq!(section(&md, "Outputs"), "No outputs.");
}

// ---------------------------------------------------------------------------------------
// Edge cases
// ---------------------------------------------------------------------------------------

#[test]
fn empty_heredoc_does_not_swallow_the_next_variable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("variables.tf"),
        "variable \"notes\" {\n  description = <<-EOT\n  EOT\n  type        = string\n}\n\n\
         variable \"region\" {\n  description = <<-EOT\n    AWS region.\n  EOT\n  type        = string\n}\n",
    )
    .unwrap();
    let run = module_in(dir.path(), ".", &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let names: Vec<&str> = inputs(&json)
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["notes", "region"]);
    // terraform-docs writes an empty description as `null`.
    assert_eq!(input(&json, "notes")["description"], Value::Null);
    assert_eq!(input(&json, "notes")["type"], "string");
    // A heredoc's value ends with its last line break.
    assert_eq!(input(&json, "region")["description"], "AWS region.\n");
}

#[test]
fn closed_stdout_is_not_a_panic() {
    use std::process::Stdio;
    let mut child = common::bin()
        .args(["module", BIG_VPC])
        .current_dir(common::repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The markdown (~75 KB) is larger than a pipe buffer: the write blocks, then fails.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_directory_without_tf_files_is_not_a_module() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "# not a module\n").unwrap();
    for target in ["empty", "missing"] {
        if target == "empty" {
            std::fs::create_dir(dir.path().join(target)).unwrap();
        }
        let run = module_in(dir.path(), target, &[]);
        assert_eq!(run.code, 2, "{target}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("`{target}` is not a Terraform module")),
            "{target}: {}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("expected a directory holding `.tf` files")
        );
        assert_eq!(run.stdout, "");
    }
}

// ---------------------------------------------------------------------------------------
// terraform-docs' rules, one small module (`tests/modules/tfdocs_rules`), the whole output
// (`tests/golden/tfdocs_rules.md`) written by hand from terraform-docs v0.22.0's source (see
// docs/mdbook-catalog/terraform-docs.md)
// ---------------------------------------------------------------------------------------

const RULES: &str = "tests/modules/tfdocs_rules";

/// Header from `main.tf`'s leading comment; `required_providers` without a constraint (no
/// requirement row, `n/a` provider); an aliased provider; a provider only resources use
/// (`null`: its registry link has no version, as terraform-docs writes it); a source with a
/// host name (no link); a pinned version in the link; `?ref=` as a module's version;
/// `terraform-docs-ignore`; comments as descriptions; untyped defaults named by kind; the
/// quoted legacy type; `|` escaped outside code only; `_` escaped except in code, URLs and
/// `_emphasis_`; heredoc description and default.
const RULES_MARKDOWN: &str = include_str!("golden/tfdocs_rules.md");

#[test]
fn terraform_docs_rules_byte_for_byte() {
    assert_eq!(markdown(RULES), RULES_MARKDOWN);
}

#[test]
fn older_terraform_docs_differs_in_delimiter_rows_only() {
    let run = module(RULES, &["--terraform-docs", "0.21"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Longest first: the shorter rows are parts of the longer ones.
    let older = RULES_MARKDOWN
        .replace(
            "| ---- | ----------- | ---- | ------- | :------: |",
            "|------|-------------|------|---------|:--------:|",
        )
        .replace("| ---- | ------ | ------- |", "|------|--------|---------|")
        .replace("| ---- | ----------- |", "|------|-------------|")
        .replace("| ---- | ------- |", "|------|---------|")
        .replace("| ---- | ---- |", "|------|------|");
    assert_eq!(run.stdout, older);
}

/// The JSON document (the snapshot pins the whole of it) by terraform-docs' rules.
#[test]
fn terraform_docs_rules_json() {
    let json: Value = serde_json::from_str(&json_text(RULES)).unwrap();
    // The header is `main.tf`'s leading comment.
    assert_eq!(
        json["header"],
        "# Rules\n\nA module for terraform-docs' rules."
    );
    assert_eq!(json["footer"], "");
    // `terraform-docs-ignore`.
    assert!(inputs(&json).iter().all(|i| i["name"] != "internal"));
    // A heredoc description keeps its last line break; nothing is escaped in JSON.
    assert_eq!(
        input(&json, "policy")["description"],
        "First line\nsecond_line with words.\n"
    );
    assert_eq!(json["outputs"][0]["description"], "The ARN | with pipe");
    // A provider only resources use has no version.
    let null = json["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["provider"] == "null")
        .unwrap();
    assert_eq!(null["version"], Value::Null);
}

// ---------------------------------------------------------------------------------------
// --output-file / --output-check
// ---------------------------------------------------------------------------------------

/// A copy of the rules module with `readme` as its README.md (when given).
fn module_with_readme(readme: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(common::repo().join(RULES)).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    if let Some(text) = readme {
        std::fs::write(dir.path().join("README.md"), text).unwrap();
    }
    dir
}

fn readme_of(dir: &tempfile::TempDir) -> String {
    std::fs::read_to_string(dir.path().join("README.md")).unwrap()
}

/// The README around a generated section, with CRLF and text after it to keep.
fn readme_around(section: &str) -> String {
    format!(
        "# Rules\r\n\r\nUsage, by hand.\r\n\n<!-- BEGIN_TF_DOCS -->\n{section}\n<!-- END_TF_DOCS -->\n\n## License\r\nApache-2.0 \n"
    )
}

#[test]
fn output_check_up_to_date() {
    let current = readme_around(RULES_MARKDOWN.trim_end());
    let dir = module_with_readme(Some(&current));
    let run = module_in(
        dir.path(),
        ".",
        &["--output-file", "README.md", "--output-check"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("README.md is up to date"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    assert_eq!(readme_of(&dir), current);
}

#[test]
fn output_check_stale_then_output_file_updates_between_the_markers_only() {
    let stale = readme_around("## Inputs\n\nNo inputs.");
    let dir = module_with_readme(Some(&stale));
    let run = module_in(
        dir.path(),
        ".",
        &["--output-file", "README.md", "--output-check"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("README.md is out of date"),
        "{}",
        run.stderr
    );
    // A short unified diff of what would change.
    assert!(
        run.stderr.contains("+++ ./README.md (generated)\n@@ "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("\n+## Requirements\n"),
        "{}",
        run.stderr
    );
    // Short: the first 40 lines, then how many more.
    assert!(run.stderr.contains("more lines)"), "{}", run.stderr);
    assert!(run.stderr.lines().count() < 45, "{}", run.stderr);
    assert_eq!(readme_of(&dir), stale, "a check writes nothing");

    let run = module_in(dir.path(), ".", &["--output-file", "README.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("README.md updated successfully"),
        "{}",
        run.stderr
    );
    assert_eq!(readme_of(&dir), readme_around(RULES_MARKDOWN.trim_end()));
    // No temporary file left beside it.
    let names: BTreeSet<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from(["README.md", "main.tf", "outputs.tf", "variables.tf"].map(String::from))
    );

    let run = module_in(
        dir.path(),
        ".",
        &["--output-file", "README.md", "--output-check"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn output_file_without_markers_appends_as_terraform_docs_does() {
    let dir = module_with_readme(Some("# Rules\n\nNo markers here.\n"));
    let run = module_in(
        dir.path(),
        ".",
        &["--output-file", "README.md", "--output-check"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("one would be appended"),
        "{}",
        run.stderr
    );
    let run = module_in(dir.path(), ".", &["--output-file", "README.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("appended"), "{}", run.stderr);
    assert_eq!(
        readme_of(&dir),
        format!(
            "# Rules\n\nNo markers here.\n\n<!-- BEGIN_TF_DOCS -->\n{}\n<!-- END_TF_DOCS -->",
            RULES_MARKDOWN.trim_end()
        )
    );
}

#[test]
fn output_file_with_one_marker_is_an_error_that_says_what_to_add() {
    for (readme, missing) in [
        ("# R\n<!-- BEGIN_TF_DOCS -->\nold\n", "<!-- END_TF_DOCS -->"),
        ("# R\nold\n<!-- END_TF_DOCS -->\n", "<!-- BEGIN_TF_DOCS -->"),
    ] {
        let dir = module_with_readme(Some(readme));
        for check in [false, true] {
            let mut args = vec!["--output-file", "README.md"];
            if check {
                args.push("--output-check");
            }
            let run = module_in(dir.path(), ".", &args);
            assert_eq!(run.code, 2, "{}", run.stderr);
            assert!(run.stderr.contains("cannot inject into"), "{}", run.stderr);
            assert!(run.stderr.contains("README.md"), "{}", run.stderr);
            assert!(
                run.stderr.contains(&format!("add `{missing}`")),
                "{}",
                run.stderr
            );
            assert_eq!(readme_of(&dir), readme, "nothing written");
        }
    }
}

#[test]
fn output_file_creates_a_missing_file() {
    let dir = module_with_readme(None);
    let run = module_in(
        dir.path(),
        ".",
        &["--output-file", "README.md", "--output-check"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    let run = module_in(dir.path(), ".", &["--output-file", "README.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        readme_of(&dir),
        format!(
            "<!-- BEGIN_TF_DOCS -->\n{}\n<!-- END_TF_DOCS -->",
            RULES_MARKDOWN.trim_end()
        )
    );
}

#[test]
fn output_check_needs_output_file() {
    let run = module(RULES, &["--output-check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--output-file"), "{}", run.stderr);
}

#[test]
fn provider_versions_from_the_lock_file_unless_lockfile_false() {
    let dir = module_with_readme(None);
    std::fs::write(
        dir.path().join(".terraform.lock.hcl"),
        "provider \"registry.terraform.io/hashicorp/aws\" {\n  version     = \"5.80.0\"\n  constraints = \">= 5.0\"\n  hashes = [\"h1:x\"]\n}\n",
    )
    .unwrap();
    let run = module_in(dir.path(), ".", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let providers = section(&run.stdout, "Providers");
    assert!(providers.contains(&format!("| {} | 5.80.0 |", name_cell("provider", "aws"))));
    assert!(providers.contains(&format!(
        "| {} | 5.80.0 |",
        name_cell("provider", "aws.east")
    )));
    // Requirements keep the constraints.
    assert!(section(&run.stdout, "Requirements").contains(" | >= 5.0 |"));
    let run = module_in(dir.path(), ".", &["--lockfile=false"]);
    assert_eq!(run.stdout, RULES_MARKDOWN);
}

/// A description holding a terminal control sequence: `--output-check`'s diff on stderr shows
/// it escaped, while the README text itself (stdout into a pipe, or the file) keeps the bytes
/// terraform-docs would write.
#[test]
fn control_characters_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "variable \"x\" {\n  description = \"a\\u001b[31mred\"\n  type        = string\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("README.md"),
        "# X\n\n<!-- BEGIN_TF_DOCS -->\nold\n<!-- END_TF_DOCS -->\n",
    )
    .unwrap();
    let check = module_in(
        dir.path(),
        ".",
        &["--output-file", "README.md", "--output-check"],
    );
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(check.stderr.contains("a\\u{1b}[31mred"), "{}", check.stderr);
    assert!(!check.stderr.contains('\u{1b}'), "{}", check.stderr);
    let piped = module_in(dir.path(), ".", &[]);
    assert!(piped.stdout.contains("a\u{1b}[31mred"), "{}", piped.stdout);
}
