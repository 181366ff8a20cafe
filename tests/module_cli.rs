//! `mdbook-catalog module DIR` on realistic modules: the interface printed as
//! `terraform-docs markdown table DIR` prints it, and as JSON.
//!
//! Fixtures live in `tests/modules/`:
//! - `big_vpc`: a large VPC module (250+ variables across several files, nested optional
//!   object types with comments, heredocs, multi-line defaults, a nested module that must
//!   not leak into the parent's interface);
//! - `eks_addons`: a Helm/Kubernetes add-ons module with `map(object({...}))` types;
//! - `broken`: one valid file and one that does not parse.
//!
//! Every expected row below was written from the fixture's source, not from the tool's
//! output, by terraform-docs' rules: types are the source lines joined with `<br/>`;
//! defaults are JSON as Go prints it (two-space indentation, keys sorted), in a `<pre>`
//! when multi-line; descriptions are the (dedented) heredoc lines joined with `<br/>`, `_`
//! and `|` escaped outside code spans.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

const BIG_VPC: &str = "tests/modules/big_vpc";
const EKS_ADDONS: &str = "tests/modules/eks_addons";
const BROKEN: &str = "tests/modules/broken";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `mdbook-catalog module <dir> <args>` from the repository root.
fn module(dir: &str, args: &[&str]) -> Run {
    module_in(&common::repo(), dir, args)
}

fn module_in(cwd: &Path, dir: &str, args: &[&str]) -> Run {
    let output = common::bin()
        .arg("module")
        .arg(dir)
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn markdown(dir: &str) -> String {
    let run = module(dir, &[]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(run.stderr, "");
    run.stdout
}

fn json(dir: &str) -> Value {
    let run = module(dir, &["--format", "json"]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(run.stderr, "");
    serde_json::from_str(&run.stdout).unwrap()
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

fn input_row(name: &str, description: &str, type_: &str, default: &str, required: bool) -> String {
    format!(
        "| {} | {description} | {type_} | {default} | {} |",
        name_cell("input", name),
        if required { "yes" } else { "no" }
    )
}

/// A multi-line type or default: its lines in a `<pre>` block, joined by `<br/>`, nothing
/// escaped (terraform-docs escapes nothing inside code).
fn pre(lines: &[&str]) -> String {
    format!("<pre>{}</pre>", lines.join("<br/>"))
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

// ---------------------------------------------------------------------------------------
// Snapshots
// ---------------------------------------------------------------------------------------

#[test]
fn big_vpc_markdown_snapshot() {
    insta::assert_snapshot!("big_vpc-markdown", markdown(BIG_VPC));
}

#[test]
fn eks_addons_markdown_snapshot() {
    insta::assert_snapshot!("eks_addons-markdown", markdown(EKS_ADDONS));
}

// ---------------------------------------------------------------------------------------
// big_vpc: structure
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
    assert_eq!(
        section(&md, "Requirements"),
        "| Name | Version |\n| ---- | ------- |\n\
         | <a name=\"requirement_terraform\"></a> [terraform](#requirement\\_terraform) | >= 1.5.7 |\n\
         | <a name=\"requirement_aws\"></a> [aws](#requirement\\_aws) | >= 5.79 |"
    );
    assert_eq!(
        section(&md, "Providers"),
        "| Name | Version |\n| ---- | ------- |\n\
         | <a name=\"provider_aws\"></a> [aws](#provider\\_aws) | >= 5.79 |"
    );
    let inputs = section(&md, "Inputs");
    assert!(inputs.starts_with(
        "| Name | Description | Type | Default | Required |\n\
         | ---- | ----------- | ---- | ------- | :------: |\n"
    ));
    assert!(
        section(&md, "Outputs").starts_with("| Name | Description |\n| ---- | ----------- |\n")
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

#[test]
fn big_vpc_module_calls() {
    let md = markdown(BIG_VPC);
    let table = section(&md, "Modules");
    assert!(table.starts_with("| Name | Source | Version |\n| ---- | ------ | ------- |\n"));
    assert!(table.contains(&format!(
        "| {} | ./modules/vpc-endpoints | n/a |",
        name_cell("module", "vpc_endpoints")
    )));
    assert!(table.contains(&format!(
        "| {} | terraform-aws-modules/s3-bucket/aws |",
        name_cell("module", "flow_log_bucket")
    )));
}

// ---------------------------------------------------------------------------------------
// big_vpc: rows computed by hand
// ---------------------------------------------------------------------------------------

#[test]
fn big_vpc_required_row() {
    let md = markdown(BIG_VPC);
    assert_eq!(
        row(&md, "input", "account_id"),
        input_row(
            "account_id",
            "The AWS account ID the VPC is created in (12 digits). Used to scope endpoint and flow log policies.",
            "`string`",
            "n/a",
            true
        )
    );
    // No type and no description.
    assert_eq!(
        row(&md, "input", "legacy_passthrough"),
        input_row("legacy_passthrough", "n/a", "`any`", "n/a", true)
    );
    // Sensitive and ephemeral, still required.
    assert_eq!(
        row(&md, "input", "flow_log_shared_secret"),
        input_row(
            "flow_log_shared_secret",
            "HMAC secret the flow log forwarder signs records with.",
            "`string`",
            "n/a",
            true
        )
    );
}

#[test]
fn big_vpc_deeply_nested_optional_object_with_comments_and_heredoc() {
    let md = markdown(BIG_VPC);
    let description = [
        "Declarative subnet layout, an alternative to the `*_subnets` lists.",
        "",
        "Each tier is carved out of `cidr` with `cidrsubnet()`:",
        "  - `newbits` is added to the VPC prefix length",
        "  - `netnum_offset` shifts the first network number",
        "Tiers that are left out are not created.",
    ]
    .join("<br/>");
    let type_ = pre(&[
        "object({",
        "    # One entry per tier, keyed by tier name",
        "    tiers = optional(map(object({",
        "      newbits       = number",
        "      netnum_offset = optional(number, 0) // first network number",
        "      routing = optional(object({",
        "        # How the tier reaches the internet",
        "        mode = optional(string, \"nat\") # \"igw\", \"nat\" or \"none\"",
        "        nat = optional(object({",
        "          // Level four: where the NAT gateways live",
        "          strategy           = optional(string, \"per_az\")",
        "          eip_allocation_ids = optional(list(string), [])",
        "        }), {})",
        "      }), {})",
        "      tags = optional(map(string), {})",
        "    })), {})",
        "    reserve_for_future = optional(list(string), []) # CIDRs kept free",
        "  })",
    ]);
    assert_eq!(
        row(&md, "input", "subnet_layout"),
        input_row("subnet_layout", &description, &type_, "`{}`", false)
    );
}

#[test]
fn big_vpc_map_of_objects_with_block_comment_and_multiline_default() {
    let md = markdown(BIG_VPC);
    let type_ = pre(&[
        "map(object({",
        "    service             = string",
        "    service_type        = optional(string, \"Interface\") /* or \"Gateway\" */",
        "    private_dns_enabled = optional(bool, true)",
        "    subnet_ids          = optional(list(string))",
        "    policy = optional(object({",
        "      version = optional(string, \"2012-10-17\")",
        "      statements = list(object({",
        "        sid     = optional(string)",
        "        effect  = optional(string, \"Allow\")",
        "        actions = list(string)",
        "        conditions = optional(list(object({",
        "          test     = string # e.g. \"StringEquals\"",
        "          variable = string // e.g. \"aws:SourceVpc\"",
        "          values   = list(string)",
        "        })), [])",
        "      }))",
        "    }))",
        "    timeouts = optional(object({ create = optional(string, \"10m\"), delete = optional(string, \"10m\") }), {})",
        "  }))",
    ]);
    let default = pre(&[
        "{",
        "  \"s3\": {",
        "    \"service\": \"s3\",",
        "    \"service_type\": \"Gateway\"",
        "  }",
        "}",
    ]);
    assert_eq!(
        row(&md, "input", "endpoints"),
        input_row(
            "endpoints",
            "A map of interface and/or gateway endpoints containing their properties and configurations",
            &type_,
            &default,
            false
        )
    );

    let type_ = pre(&[
        "object({",
        "    transit_gateway_id = string",
        "    /*",
        "     * Subnets the attachment's ENIs are placed in;",
        "     * defaults to the private subnets.",
        "     */",
        "    subnet_ids                 = optional(list(string))",
        "    appliance_mode_support     = optional(bool, false)",
        "    dns_support                = optional(bool, true)",
        "    routes                     = optional(list(string), []) # destination CIDRs sent to the TGW",
        "    tgw_route_table_propagated = optional(bool, true)",
        "  })",
    ]);
    assert_eq!(
        row(&md, "input", "transit_gateway_attachment"),
        input_row(
            "transit_gateway_attachment",
            "Attach the VPC to a transit gateway. Leave null to skip the attachment.",
            &type_,
            "`null`",
            false
        )
    );
}

#[test]
fn big_vpc_defaults_as_json() {
    let md = markdown(BIG_VPC);
    let acl = pre(&[
        "[",
        "  {",
        "    \"action\": \"allow\",",
        "    \"cidr_block\": \"0.0.0.0/0\",",
        "    \"from_port\": 0,",
        "    \"protocol\": \"-1\",",
        "    \"rule_no\": 100,",
        "    \"to_port\": 0",
        "  },",
        "  {",
        "    \"action\": \"allow\",",
        "    \"from_port\": 0,",
        "    \"ipv6_cidr_block\": \"::/0\",",
        "    \"protocol\": \"-1\",",
        "    \"rule_no\": 101,",
        "    \"to_port\": 0",
        "  }",
        "]",
    ]);
    assert_eq!(
        row(&md, "input", "default_network_acl_ingress"),
        input_row(
            "default_network_acl_ingress",
            "List of maps of ingress rules to set on the Default Network ACL",
            "`list(map(string))`",
            &acl,
            false
        )
    );
    // A comment inside a default is not part of its value.
    assert_eq!(
        row(&md, "input", "legacy_overrides"),
        input_row(
            "legacy_overrides",
            "Escape hatch for settings the module does not model yet (no type constraint).",
            // Untyped: terraform-docs names the default's kind.
            "`map`",
            &pre(&[
                "{",
                "  \"enable_classiclink\": false,",
                "  \"tags\": {",
                "    \"kubernetes.io/role/elb\": \"1\"",
                "  }",
                "}",
            ]),
            false
        )
    );
    assert_eq!(
        row(&md, "input", "flow_log_traffic_type"),
        input_row(
            "flow_log_traffic_type",
            "The type of traffic to capture. Valid values: ACCEPT \\| REJECT \\| ALL",
            "`string`",
            "`\"ALL\"`",
            false
        )
    );
    assert!(
        row(&md, "input", "flow_log_max_aggregation_interval")
            .ends_with(" | `number` | `600` | no |")
    );
    assert_eq!(
        row(&md, "input", "ipv6_subnet_plan"),
        input_row(
            "ipv6_subnet_plan",
            "IPv6 prefix assignment per tier as (tier, first prefix) pairs.",
            "`list(tuple([string, number]))`",
            &pre(&[
                "[",
                "  [",
                "    \"public\",",
                "    0",
                "  ],",
                "  [",
                "    \"private\",",
                "    16",
                "  ],",
                "  [",
                "    \"database\",",
                "    32",
                "  ]",
                "]",
            ]),
            false
        )
    );
    // terraform-docs escapes `|` outside code spans only, so not in a default.
    assert!(
        row(&md, "input", "environment_pattern")
            .ends_with(" | `string` | `\"^(prod|staging|dev)$\"` | no |")
    );
    // `$${` is an escape in the source: description and default show the value.
    assert_eq!(
        row(&md, "input", "name_template"),
        input_row(
            "name_template",
            "Name template for per-AZ resources; ${name} and ${az} are replaced.",
            "`string`",
            "`\"${name}-${az}\"`",
            false
        )
    );
    assert_eq!(
        row(&md, "input", "name_tag_key"),
        input_row(
            "name_tag_key",
            "The \"Name\" tag key. Some organisations use \"name\" instead.",
            "`string`",
            "`\"Name\"`",
            false
        )
    );
    // A heredoc default is its value: a JSON string, line breaks as `\n`.
    assert_eq!(
        row(&md, "input", "endpoint_default_policy"),
        input_row(
            "endpoint_default_policy",
            "Policy document attached to endpoints that do not set their own.",
            "`string`",
            "`\"{\\n  \\\"Version\\\": \\\"2012-10-17\\\",\\n  \\\"Statement\\\": [{\\\"Effect\\\": \\\"Allow\\\", \\\"Principal\\\": \\\"*\\\", \\\"Action\\\": \\\"*\\\", \\\"Resource\\\": \\\"*\\\"}]\\n}\\n\"`",
            false
        )
    );
}

#[test]
fn big_vpc_heredoc_descriptions() {
    let md = markdown(BIG_VPC);
    // `<<EOT`, text at column 0, attributes in an unusual order.
    assert_eq!(
        row(&md, "input", "secondary_cidr_tags"),
        input_row(
            "secondary_cidr_tags",
            "Tags for each secondary CIDR block association, keyed by CIDR.<br/>Use this to mark blocks reserved for EKS pods.",
            "`map(map(string))`",
            "`{}`",
            false
        )
    );
    // `<<-EOT` inside a variable that sets the type after the description.
    assert_eq!(
        row(&md, "input", "azs"),
        input_row(
            "azs",
            "A list of availability zones names or ids in the region.<br/>The order matters: subnet N of every tier is placed in `azs[N % length(azs)]`.",
            "`list(string)`",
            "`[]`",
            false
        )
    );
    // `\n` in a quoted description is a line break too.
    assert_eq!(
        row(&md, "input", "reserved_cidrs"),
        input_row(
            "reserved_cidrs",
            "CIDRs inside the VPC that no tier may use.<br/>Checked by a precondition on the VPC.",
            "`set(string)`",
            "`[]`",
            false
        )
    );
    // Heredoc output description; `<` before a letter is escaped, `|` in text too.
    assert_eq!(
        row(&md, "output", "layout_subnets"),
        format!(
            "| {} | Subnets created from `subnet_layout`, keyed by \"<tier>-<az>\".<br/>Each value has `id`, `cidr_block` and `availability_zone`. |",
            name_cell("output", "layout_subnets")
        )
    );
    assert_eq!(
        row(&md, "input", "route_priority"),
        input_row(
            "route_priority",
            "Order in which route sources win, e.g. tgw \\| vgw \\| nat. Values < 0 are rejected.",
            "`list(string)`",
            &pre(&["[", "  \"tgw\",", "  \"vgw\",", "  \"nat\"", "]"]),
            false
        )
    );
}

#[test]
fn big_vpc_outputs() {
    let md = markdown(BIG_VPC);
    let in_source = blocks_in_source(BIG_VPC, "output");
    assert!(in_source.len() >= 20);
    let rows: Vec<&str> = section(&md, "Outputs").lines().skip(2).collect();
    assert_eq!(rows.len(), in_source.len());
    // A sensitive output is listed like any other (terraform-docs shows no value column).
    assert_eq!(
        row(&md, "output", "vpn_connection_preshared_keys"),
        format!(
            "| {} | Pre-shared keys of both tunnels of every VPN connection |",
            name_cell("output", "vpn_connection_preshared_keys")
        )
    );
    assert_eq!(
        row(&md, "output", "tgw_attachment_id"),
        format!("| {} | n/a |", name_cell("output", "tgw_attachment_id"))
    );
}

// ---------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------

#[test]
fn big_vpc_json() {
    let json = json(BIG_VPC);
    let variables = blocks_in_source(BIG_VPC, "variable");
    assert_eq!(inputs(&json).len(), variables.len());
    let names: BTreeSet<String> = inputs(&json)
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, variables);
    for i in inputs(&json) {
        let keys: BTreeSet<&str> = i.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            BTreeSet::from(["name", "type", "description", "default", "required"])
        );
        // A required input has no default (`null`).
        if i["required"] == true {
            assert!(i["default"].is_null(), "{i}");
        }
    }
    // terraform-docs' document: its keys in its order, Go's indentation.
    let text = module(BIG_VPC, &["--format", "json"]).stdout;
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
    assert!(text.contains(
        "    {\n      \"name\": \"account_id\",\n      \"type\": \"string\",\n      \"description\": \"The AWS account ID the VPC is created in (12 digits). Used to scope endpoint and flow log policies.\",\n      \"default\": null,\n      \"required\": true\n    },\n"
    ));

    let account = input(&json, "account_id");
    assert_eq!(account["default"], Value::Null);
    assert_eq!(account["required"], true);
    assert_eq!(account["type"], "string");

    // `default = null` is a default: not required.
    let token = input(&json, "ipam_auth_token");
    assert_eq!(token["default"], Value::Null);
    assert_eq!(token["required"], false);

    let untyped = input(&json, "legacy_passthrough");
    assert_eq!(untyped["type"], "any");
    assert_eq!(untyped["description"], Value::Null);
    assert_eq!(untyped["required"], true);

    assert_eq!(input(&json, "flow_log_shared_secret")["required"], true);

    // Types exactly as written, comments and indentation included.
    let written = "object({\n    # One entry per tier, keyed by tier name\n    tiers = optional(map(object({\n      newbits       = number\n      netnum_offset = optional(number, 0) // first network number\n      routing = optional(object({\n        # How the tier reaches the internet\n        mode = optional(string, \"nat\") # \"igw\", \"nat\" or \"none\"\n        nat = optional(object({\n          // Level four: where the NAT gateways live\n          strategy           = optional(string, \"per_az\")\n          eip_allocation_ids = optional(list(string), [])\n        }), {})\n      }), {})\n      tags = optional(map(string), {})\n    })), {})\n    reserve_for_future = optional(list(string), []) # CIDRs kept free\n  })";
    let source =
        std::fs::read_to_string(common::repo().join(BIG_VPC).join("variables_advanced.tf"))
            .unwrap();
    assert!(source.contains(&format!("  type = {written}\n")));
    assert_eq!(input(&json, "subnet_layout")["type"], written);
    assert_eq!(
        input(&json, "subnet_layout")["default"],
        serde_json::json!({})
    );
    assert_eq!(input(&json, "flow_log_traffic_type")["type"], "string");
    assert_eq!(
        input(&json, "flow_log_max_aggregation_interval")["default"],
        600
    );
    assert_eq!(input(&json, "customer_gateways")["type"], "map(map(any))");
    assert_eq!(
        input(&json, "public_inbound_acl_rules")["default"],
        serde_json::json!([{
            "rule_number": 100, "rule_action": "allow", "from_port": 0, "to_port": 0,
            "protocol": "-1", "cidr_block": "0.0.0.0/0"
        }])
    );
    assert_eq!(
        input(&json, "subnet_layout")["description"],
        "Declarative subnet layout, an alternative to the `*_subnets` lists.\n\nEach tier is carved out of `cidr` with `cidrsubnet()`:\n  - `newbits` is added to the VPC prefix length\n  - `netnum_offset` shifts the first network number\nTiers that are left out are not created.\n"
    );

    let outputs = json["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), blocks_in_source(BIG_VPC, "output").len());
    // Outputs are name and description only (terraform-docs shows values only on request).
    for o in outputs {
        let keys: BTreeSet<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, BTreeSet::from(["name", "description"]));
    }
    assert_eq!(
        json["providers"],
        serde_json::json!([{ "name": "aws", "alias": null, "version": ">= 5.79" }])
    );
    let vpc = json["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == "vpc")
        .unwrap();
    assert_eq!(
        vpc,
        &serde_json::json!({
            "type": "vpc", "name": "this", "provider": "aws", "source": "hashicorp/aws",
            "mode": "managed", "version": "latest", "description": null
        })
    );
    let tgw = outputs
        .iter()
        .find(|o| o["name"] == "tgw_attachment_id")
        .unwrap();
    assert_eq!(tgw["description"], Value::Null);
}

#[test]
fn eks_addons_json() {
    let json = json(EKS_ADDONS);
    let variables = blocks_in_source(EKS_ADDONS, "variable");
    assert!((30..=60).contains(&variables.len()), "{}", variables.len());
    assert_eq!(inputs(&json).len(), variables.len());
    let required: BTreeSet<&str> = inputs(&json)
        .iter()
        .filter(|i| i["required"] == true)
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        required,
        BTreeSet::from([
            "cluster_endpoint",
            "cluster_name",
            "cluster_version",
            "oidc_provider_arn",
            "registry_pull_token",
        ])
    );
    for name in &required {
        assert_eq!(input(&json, name)["default"], Value::Null);
    }
    assert_eq!(
        input(&json, "argocd_admin_password")["default"],
        Value::Null
    );
    assert_eq!(input(&json, "argocd_admin_password")["required"], false);
    assert_eq!(input(&json, "aws_load_balancer_controller")["type"], "any");
    assert_eq!(
        input(&json, "helm_repository_credentials")["type"],
        "map(object({\n    username = string\n    password = string\n  }))"
    );
    assert_eq!(
        input(&json, "karpenter_node_pools")["description"],
        "Karpenter NodePools, keyed by pool name.\nEach pool selects instance types by category, generation and capacity type;\nthe default pool runs general purpose on-demand and spot instances.\n"
    );
    let outputs = json["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), blocks_in_source(EKS_ADDONS, "output").len());
}

// ---------------------------------------------------------------------------------------
// eks_addons: rows computed by hand
// ---------------------------------------------------------------------------------------

#[test]
fn eks_addons_requirements_and_providers() {
    let md = markdown(EKS_ADDONS);
    assert_eq!(
        section(&md, "Requirements"),
        "| Name | Version |\n| ---- | ------- |\n\
         | <a name=\"requirement_terraform\"></a> [terraform](#requirement\\_terraform) | >= 1.6.0 |\n\
         | <a name=\"requirement_aws\"></a> [aws](#requirement\\_aws) | >= 5.40, < 7.0 |\n\
         | <a name=\"requirement_helm\"></a> [helm](#requirement\\_helm) | >= 2.13 |\n\
         | <a name=\"requirement_kubernetes\"></a> [kubernetes](#requirement\\_kubernetes) | >= 2.27 |"
    );
    assert_eq!(section(&md, "Modules"), "No modules.");
}

#[test]
fn eks_addons_map_of_objects_with_heredoc() {
    let md = markdown(EKS_ADDONS);
    let description = [
        "Map of EKS add-on configurations to enable for the cluster.",
        "The key is the add-on name (`vpc-cni`, `coredns`, `kube-proxy`, ...).",
        "",
        "Set `most_recent = true` to track the newest version the cluster supports;",
        "otherwise pin `addon_version`.",
    ]
    .join("<br/>");
    let type_ = pre(&[
        "map(object({",
        "    name                        = optional(string) # defaults to the map key",
        "    addon_version               = optional(string)",
        "    most_recent                 = optional(bool, false)",
        "    configuration_values        = optional(string) // JSON, validated by EKS",
        "    preserve                    = optional(bool, true)",
        "    resolve_conflicts_on_create = optional(string, \"OVERWRITE\")",
        "    resolve_conflicts_on_update = optional(string, \"OVERWRITE\")",
        "    service_account_role_arn    = optional(string)",
        "    pod_identity_association = optional(list(object({",
        "      role_arn        = string",
        "      service_account = string",
        "    })), [])",
        "    timeouts = optional(object({",
        "      create = optional(string)",
        "      update = optional(string)",
        "      delete = optional(string)",
        "    }), {})",
        "    tags = optional(map(string), {})",
        "  }))",
    ]);
    assert_eq!(
        row(&md, "input", "eks_addons"),
        input_row("eks_addons", &description, &type_, "`{}`", false)
    );
}

#[test]
fn eks_addons_heredoc_variants() {
    let md = markdown(EKS_ADDONS);
    // `<<EOF` with text at column 0; a multi-line default.
    let row_text = row(&md, "input", "karpenter_node_pools");
    assert!(row_text.starts_with(&format!(
        "| {} | Karpenter NodePools, keyed by pool name.<br/>Each pool selects instance types by category, generation and capacity type;<br/>the default pool runs general purpose on-demand and spot instances. | <pre>map(object({{<br/>    weight = optional(number, 10)<br/>",
        name_cell("input", "karpenter_node_pools")
    )));
    assert!(row_text.contains("<br/>      })), [{ nodes = \"10%\" }])<br/>"));
    assert!(row_text.ends_with(&format!(
        " | {} | no |",
        pre(&[
            "{",
            "  \"default\": {",
            "    \"requirements\": {",
            "      \"capacity_type\": [",
            "        \"on-demand\",",
            "        \"spot\"",
            "      ]",
            "    }",
            "  }",
            "}",
        ])
    )));
    // `<<-DESC`: relative indentation of a line is kept.
    assert!(row(&md, "input", "argocd_applications").starts_with(&format!(
        "| {} | Argo CD applications bootstrapped with the add-on, keyed by application name.<br/><br/>Each application points at a path of a Git repository:<br/>  repo\\_url + path @ revision<br/>`sync_policy.automated` turns on automatic sync. | <pre>map(object({{<br/>",
        name_cell("input", "argocd_applications")
    )));
    // A markdown table inside a heredoc: every `|` escaped, one table row.
    assert_eq!(
        row(&md, "input", "aws_load_balancer_controller"),
        input_row(
            "aws_load_balancer_controller",
            "AWS Load Balancer Controller add-on configuration values.<br/><br/>\\| Key \\| Meaning \\|<br/>\\|-----\\|---------\\|<br/>\\| `chart_version` \\| Helm chart version \\|<br/>\\| `values` \\| Extra values files, as YAML strings \\|",
            "`any`",
            "`{}`",
            false
        )
    );
    // Backslashes in a heredoc are text.
    assert!(row(&md, "input", "helm_releases").contains(
        "<br/>e.g. `controller.service.annotations.service\\.beta\\.kubernetes\\.io/aws-load-balancer-type`. | <pre>"
    ));
    // A heredoc default (YAML) is its value, a JSON string.
    assert_eq!(
        row(&md, "input", "kube_prometheus_stack_values"),
        input_row(
            "kube_prometheus_stack_values",
            "Values for the kube-prometheus-stack chart, merged after the module's own.",
            "`string`",
            "`\"prometheus:\\n  prometheusSpec:\\n    retention: 15d\\ngrafana:\\n  enabled: false\\n\"`",
            false
        )
    );
    assert_eq!(
        row(&md, "input", "registry_pull_token"),
        input_row(
            "registry_pull_token",
            "Token the image pull secret is created from; read at apply time only.",
            "`string`",
            "n/a",
            true
        )
    );
    assert_eq!(
        row(&md, "output", "enabled_addons"),
        format!(
            "| {} | Names of the built-in add-ons that are enabled, e.g.<br/>`[\"aws-load-balancer-controller\", \"karpenter\"]`. |",
            name_cell("output", "enabled_addons")
        )
    );
    assert_eq!(
        row(&md, "output", "argocd_admin_password"),
        format!(
            "| {} | Initial Argo CD admin password (only when it was passed in) |",
            name_cell("output", "argocd_admin_password")
        )
    );
}

// ---------------------------------------------------------------------------------------
// A file that does not parse
// ---------------------------------------------------------------------------------------

#[test]
fn broken_file_is_reported_and_the_rest_is_read() {
    let run = module(BROKEN, &[]);
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

    let md = run.stdout;
    assert_eq!(
        row(&md, "input", "bucket_name"),
        input_row(
            "bucket_name",
            "Name of the S3 bucket.",
            "`string`",
            "n/a",
            true
        )
    );
    assert_eq!(
        row(&md, "input", "versioning"),
        input_row(
            "versioning",
            "Keep every version of every object.",
            "`bool`",
            "`true`",
            false
        )
    );
    assert_eq!(
        row(&md, "input", "lifecycle_rules"),
        input_row(
            "lifecycle_rules",
            "Lifecycle rules, applied in order.",
            &pre(&[
                "list(object({",
                "    id              = string",
                "    expiration_days = optional(number) # never expire when null",
                "  }))",
            ]),
            "`[]`",
            false
        )
    );
    // Nothing of the broken file: its variable, resources and output are not guessed.
    assert!(!md.contains("only_in_the_broken_file"));
    assert_eq!(section(&md, "Resources"), "No resources.");
    assert_eq!(section(&md, "Outputs"), "No outputs.");
}

#[test]
fn broken_file_in_json_mode() {
    let run = module(BROKEN, &["--format", "json"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("tests/modules/broken/main.tf:18:36"),
        "{}",
        run.stderr
    );
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let names: Vec<&str> = inputs(&json)
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["bucket_name", "lifecycle_rules", "versioning"]);
    assert_eq!(input(&json, "bucket_name")["default"], Value::Null);
    assert_eq!(input(&json, "bucket_name")["required"], true);
    assert_eq!(json["outputs"], Value::Array(vec![]));
}

// ---------------------------------------------------------------------------------------
// Known bugs (see the reasons); these assert the correct behaviour.
// ---------------------------------------------------------------------------------------

#[test]
fn module_call_version_is_shown() {
    let md = markdown(BIG_VPC);
    assert_eq!(
        row(&md, "module", "flow_log_bucket"),
        format!(
            "| {} | terraform-aws-modules/s3-bucket/aws | ~> 4.1 |",
            name_cell("module", "flow_log_bucket")
        )
    );
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

#[test]
fn providers_used_by_resources_are_listed() {
    let md = markdown(EKS_ADDONS);
    assert!(
        section(&md, "Providers").contains(&format!("| {} | n/a |", name_cell("provider", "time"))),
        "{}",
        section(&md, "Providers")
    );
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
// written by hand from terraform-docs v0.22.0's source (see docs/mdbook-catalog/terraform-docs.md)
// ---------------------------------------------------------------------------------------

const RULES: &str = "tests/modules/tfdocs_rules";

/// Header from `main.tf`'s leading comment; `required_providers` without a constraint (no
/// requirement row, `n/a` provider); an aliased provider; a provider only resources use
/// (`null`: its registry link has no version, as terraform-docs writes it); a source with a
/// host name (no link); a pinned version in the link; `?ref=` as a module's version;
/// `terraform-docs-ignore`; comments as descriptions; untyped defaults named by kind; the
/// quoted legacy type; `|` escaped outside code only; `_` escaped except in code, URLs and
/// `_emphasis_`; heredoc description and default.
const RULES_MARKDOWN: &str = r#"# Rules

A module for terraform-docs' rules.

## Requirements

| Name | Version |
| ---- | ------- |
| <a name="requirement_terraform"></a> [terraform](#requirement\_terraform) | >= 1.5 |
| <a name="requirement_aws"></a> [aws](#requirement\_aws) | >= 5.0 |
| <a name="requirement_random"></a> [random](#requirement\_random) | 3.6.0 |

## Providers

| Name | Version |
| ---- | ------- |
| <a name="provider_aws"></a> [aws](#provider\_aws) | >= 5.0 |
| <a name="provider_aws.east"></a> [aws.east](#provider\_aws.east) | >= 5.0 |
| <a name="provider_corp"></a> [corp](#provider\_corp) | n/a |
| <a name="provider_null"></a> [null](#provider\_null) | n/a |
| <a name="provider_random"></a> [random](#provider\_random) | 3.6.0 |

## Modules

| Name | Source | Version |
| ---- | ------ | ------- |
| <a name="module_pinned"></a> [pinned](#module\_pinned) | git::https://example.com/modules.git | v1.2.0 |
| <a name="module_registry"></a> [registry](#module\_registry) | terraform-aws-modules/s3-bucket/aws | ~> 4.1 |

## Resources

| Name | Type |
| ---- | ---- |
| [aws_s3_bucket.east](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket) | resource |
| [aws_s3_bucket.this](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket) | resource |
| corp_thing.x | resource |
| [null_resource.wait](https://registry.terraform.io/providers/hashicorp/null//docs/resources/resource) | resource |
| [random_id.suffix](https://registry.terraform.io/providers/hashicorp/random/3.6.0/docs/resources/id) | resource |
| [aws_region.current](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/region) | data source |

## Inputs

| Name | Description | Type | Default | Required |
| ---- | ----------- | ---- | ------- | :------: |
| <a name="input_legacy"></a> [legacy](#input\_legacy) | n/a | `string` | `"a|b"` | no |
| <a name="input_name"></a> [name](#input\_name) | Name of the bucket; see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket_naming_rules.html for the rules | `string` | n/a | yes |
| <a name="input_nothing"></a> [nothing](#input\_nothing) | n/a | `string` | `null` | no |
| <a name="input_policy"></a> [policy](#input\_policy) | First line<br/>second\_line with words. | `string` | `"{\"a\": 1}\n"` | no |
| <a name="input_ports"></a> [ports](#input\_ports) | Ports: `from_port` \| `to_port`, an _emphasised_ note | `list(number)` | <pre>[<br/>  80,<br/>  443<br/>]</pre> | no |
| <a name="input_ratio"></a> [ratio](#input\_ratio) | n/a | `number` | `0.5` | no |
| <a name="input_tags"></a> [tags](#input\_tags) | Tags put on every resource | `map` | `{}` | no |

## Outputs

| Name | Description |
| ---- | ----------- |
| <a name="output_arn"></a> [arn](#output\_arn) | The ARN \| with pipe |
| <a name="output_id"></a> [id](#output\_id) | The bucket's ID |
"#;

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

#[test]
fn terraform_docs_rules_json() {
    let run = module(RULES, &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json["header"],
        "# Rules\n\nA module for terraform-docs' rules."
    );
    assert_eq!(json["footer"], "");
    assert_eq!(
        input(&json, "ports")["default"],
        serde_json::json!([80, 443])
    );
    assert_eq!(input(&json, "ratio")["default"], 0.5);
    assert_eq!(input(&json, "ratio")["type"], "number");
    assert_eq!(
        input(&json, "tags")["description"],
        "Tags put on every resource"
    );
    assert_eq!(input(&json, "policy")["default"], "{\"a\": 1}\n");
    assert_eq!(
        input(&json, "policy")["description"],
        "First line\nsecond_line with words.\n"
    );
    assert_eq!(input(&json, "nothing")["default"], Value::Null);
    assert!(inputs(&json).iter().all(|i| i["name"] != "internal"));
    assert_eq!(
        json["modules"][0],
        serde_json::json!({
            "name": "pinned", "source": "git::https://example.com/modules.git",
            "version": "v1.2.0", "description": null
        })
    );
    assert_eq!(
        json["providers"][1],
        serde_json::json!({ "name": "aws", "alias": "east", "version": ">= 5.0" })
    );
    assert_eq!(
        json["requirements"][2],
        serde_json::json!({ "name": "random", "version": "3.6.0" })
    );
    let null = json["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["provider"] == "null")
        .unwrap();
    assert_eq!(null["version"], Value::Null);
    assert_eq!(null["source"], "hashicorp/null");
    // terraform-docs' encoder escapes `<`, `>` and `&` in its JSON document.
    assert!(
        run.stdout
            .contains("\"description\": \"The ARN | with pipe\"")
    );
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
