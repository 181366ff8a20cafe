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
//! output: types and defaults are the source lines joined with `<br/>`, descriptions the
//! (dedented) heredoc lines joined with `<br>`.

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

/// The name cell terraform-docs writes: underscores escaped in the link only.
fn name_cell(kind: &str, name: &str) -> String {
    format!(
        "<a name=\"{kind}_{name}\"></a> [{name}](#{kind}\\_{})",
        name.replace('_', "\\_")
    )
}

fn input_row(name: &str, description: &str, type_: &str, default: &str, required: bool) -> String {
    format!(
        "| {} | {description} | {type_} | {default} | {} |",
        name_cell("input", name),
        if required { "yes" } else { "no" }
    )
}

/// A multi-line type or default: source lines, HTML-escaped, in a `<pre>` block.
fn pre(lines: &[&str]) -> String {
    let escaped: Vec<String> = lines
        .iter()
        .map(|l| {
            l.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('|', "\\|")
        })
        .collect();
    format!("<pre>{}</pre>", escaped.join("<br/>"))
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
        "| Name | Version |\n|------|---------|\n\
         | <a name=\"requirement_terraform\"></a> [terraform](#requirement\\_terraform) | >= 1.5.7 |\n\
         | <a name=\"requirement_aws\"></a> [aws](#requirement\\_aws) | >= 5.79 |"
    );
    assert_eq!(
        section(&md, "Providers"),
        "| Name | Version |\n|------|---------|\n\
         | <a name=\"provider_aws\"></a> [aws](#provider\\_aws) | >= 5.79 |"
    );
    let inputs = section(&md, "Inputs");
    assert!(inputs.starts_with(
        "| Name | Description | Type | Default | Required |\n\
         |------|-------------|------|---------|:--------:|\n"
    ));
    assert!(
        section(&md, "Outputs").starts_with("| Name | Description |\n|------|-------------|\n")
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
    for name in blocks_in_source(BIG_VPC, "data") {
        expected.push(format!("| {name} | data source |"));
    }
    for name in blocks_in_source(BIG_VPC, "resource") {
        expected.push(format!("| {name} | resource |"));
    }
    let rows: BTreeSet<&str> = table.lines().skip(2).collect();
    assert_eq!(rows.len(), expected.len());
    for row in &expected {
        assert!(rows.contains(row.as_str()), "missing {row}");
    }
    // Resources only reached through `dynamic` blocks and for-expressions are still listed.
    assert!(rows.contains("| aws_default_network_acl.this | resource |"));
    assert!(rows.contains("| aws_route.private_tgw | resource |"));
}

#[test]
fn big_vpc_module_calls() {
    let md = markdown(BIG_VPC);
    let table = section(&md, "Modules");
    assert!(table.starts_with("| Name | Source | Version |\n|------|--------|---------|\n"));
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
    .join("<br>");
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
        "    s3 = {",
        "      service      = \"s3\"",
        "      service_type = \"Gateway\"",
        "    }",
        "  }",
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
fn big_vpc_defaults_as_written() {
    let md = markdown(BIG_VPC);
    let acl = pre(&[
        "[",
        "    {",
        "      rule_no    = 100",
        "      action     = \"allow\"",
        "      from_port  = 0",
        "      to_port    = 0",
        "      protocol   = \"-1\"",
        "      cidr_block = \"0.0.0.0/0\"",
        "    },",
        "    {",
        "      rule_no         = 101",
        "      action          = \"allow\"",
        "      from_port       = 0",
        "      to_port         = 0",
        "      protocol        = \"-1\"",
        "      ipv6_cidr_block = \"::/0\"",
        "    },",
        "  ]",
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
    // A comment inside a default is part of it; a comment after a type or default is not.
    assert_eq!(
        row(&md, "input", "legacy_overrides"),
        input_row(
            "legacy_overrides",
            "Escape hatch for settings the module does not model yet (no type constraint).",
            "`any`",
            &pre(&[
                "{",
                "    # keep in sync with the v4 module",
                "    enable_classiclink = false",
                "    tags = {",
                "      \"kubernetes.io/role/elb\" = \"1\"",
                "    }",
                "  }",
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
                "    [\"public\", 0],",
                "    [\"private\", 16], # leaves room for 16 public subnets",
                "    [\"database\", 32],",
                "  ]",
            ]),
            false
        )
    );
    // `|` inside a single-line default is escaped for the table.
    assert!(
        row(&md, "input", "environment_pattern")
            .ends_with(" | `string` | `\"^(prod\\|staging\\|dev)$\"` | no |")
    );
    // `$${` is an escape in the source: the description shows the value, the default the source.
    assert_eq!(
        row(&md, "input", "name_template"),
        input_row(
            "name_template",
            "Name template for per-AZ resources; ${name} and ${az} are replaced.",
            "`string`",
            "`\"$${name}-$${az}\"`",
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
    // A heredoc default is shown as written, markers included.
    assert_eq!(
        row(&md, "input", "endpoint_default_policy"),
        input_row(
            "endpoint_default_policy",
            "Policy document attached to endpoints that do not set their own.",
            "`string`",
            &pre(&[
                "<<-EOT",
                "    {",
                "      \"Version\": \"2012-10-17\",",
                "      \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\"}]",
                "    }",
                "  EOT",
            ]),
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
            "Tags for each secondary CIDR block association, keyed by CIDR.<br>Use this to mark blocks reserved for EKS pods.",
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
            "A list of availability zones names or ids in the region.<br>The order matters: subnet N of every tier is placed in `azs[N % length(azs)]`.",
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
            "CIDRs inside the VPC that no tier may use.<br>Checked by a precondition on the VPC.",
            "`set(string)`",
            "`[]`",
            false
        )
    );
    // Heredoc output description; `<` before a letter is escaped, `|` in text too.
    assert_eq!(
        row(&md, "output", "layout_subnets"),
        format!(
            "| {} | Subnets created from `subnet_layout`, keyed by \"&lt;tier>-&lt;az>\".<br>Each value has `id`, `cidr_block` and `availability_zone`. |",
            name_cell("output", "layout_subnets")
        )
    );
    assert_eq!(
        row(&md, "input", "route_priority"),
        input_row(
            "route_priority",
            "Order in which route sources win, e.g. tgw \\| vgw \\| nat. Values < 0 are rejected.",
            "`list(string)`",
            "`[\"tgw\", \"vgw\", \"nat\"]`",
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
            BTreeSet::from([
                "name",
                "type",
                "default",
                "description",
                "required",
                "sensitive"
            ])
        );
        // Required exactly when there is no default.
        assert_eq!(
            i["required"].as_bool().unwrap(),
            i["default"].is_null(),
            "{i}"
        );
    }

    let account = input(&json, "account_id");
    assert_eq!(account["default"], Value::Null);
    assert_eq!(account["required"], true);
    assert_eq!(account["type"], "string");

    // `default = null` is a default: not required.
    let token = input(&json, "ipam_auth_token");
    assert_eq!(token["default"], "null");
    assert_eq!(token["required"], false);
    assert_eq!(token["sensitive"], false);

    let untyped = input(&json, "legacy_passthrough");
    assert_eq!(untyped["type"], "any");
    assert_eq!(untyped["description"], Value::Null);
    assert_eq!(untyped["required"], true);

    assert_eq!(input(&json, "vpn_connections")["sensitive"], true);
    assert_eq!(input(&json, "flow_log_shared_secret")["sensitive"], true);
    assert_eq!(input(&json, "flow_log_shared_secret")["required"], true);

    // Types exactly as written, comments and indentation included.
    let written = "object({\n    # One entry per tier, keyed by tier name\n    tiers = optional(map(object({\n      newbits       = number\n      netnum_offset = optional(number, 0) // first network number\n      routing = optional(object({\n        # How the tier reaches the internet\n        mode = optional(string, \"nat\") # \"igw\", \"nat\" or \"none\"\n        nat = optional(object({\n          // Level four: where the NAT gateways live\n          strategy           = optional(string, \"per_az\")\n          eip_allocation_ids = optional(list(string), [])\n        }), {})\n      }), {})\n      tags = optional(map(string), {})\n    })), {})\n    reserve_for_future = optional(list(string), []) # CIDRs kept free\n  })";
    let source =
        std::fs::read_to_string(common::repo().join(BIG_VPC).join("variables_advanced.tf"))
            .unwrap();
    assert!(source.contains(&format!("  type = {written}\n")));
    assert_eq!(input(&json, "subnet_layout")["type"], written);
    assert_eq!(input(&json, "subnet_layout")["default"], "{}");
    assert_eq!(input(&json, "flow_log_traffic_type")["type"], "string");
    assert_eq!(
        input(&json, "flow_log_max_aggregation_interval")["default"],
        "600"
    );
    assert_eq!(input(&json, "customer_gateways")["type"], "map(map(any))");
    assert_eq!(
        input(&json, "public_inbound_acl_rules")["default"],
        "[\n    {\n      rule_number = 100\n      rule_action = \"allow\"\n      from_port   = 0\n      to_port     = 0\n      protocol    = \"-1\"\n      cidr_block  = \"0.0.0.0/0\"\n    },\n  ]"
    );
    assert_eq!(
        input(&json, "subnet_layout")["description"],
        "Declarative subnet layout, an alternative to the `*_subnets` lists.\n\nEach tier is carved out of `cidr` with `cidrsubnet()`:\n  - `newbits` is added to the VPC prefix length\n  - `netnum_offset` shifts the first network number\nTiers that are left out are not created."
    );

    let outputs = json["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), blocks_in_source(BIG_VPC, "output").len());
    let sensitive: BTreeSet<&str> = outputs
        .iter()
        .filter(|o| o["sensitive"] == true)
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        sensitive,
        BTreeSet::from([
            "vpc_flow_log_signing_secret",
            "vpn_connection_customer_gateway_configuration",
            "vpn_connection_preshared_keys",
        ])
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
    assert_eq!(input(&json, "registry_pull_token")["sensitive"], true);
    assert_eq!(input(&json, "argocd_admin_password")["sensitive"], true);
    assert_eq!(input(&json, "argocd_admin_password")["default"], "null");
    assert_eq!(input(&json, "aws_load_balancer_controller")["type"], "any");
    assert_eq!(
        input(&json, "helm_repository_credentials")["type"],
        "map(object({\n    username = string\n    password = string\n  }))"
    );
    assert_eq!(
        input(&json, "karpenter_node_pools")["description"],
        "Karpenter NodePools, keyed by pool name.\nEach pool selects instance types by category, generation and capacity type;\nthe default pool runs general purpose on-demand and spot instances."
    );
    let outputs = json["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), blocks_in_source(EKS_ADDONS, "output").len());
    let sensitive: Vec<&str> = outputs
        .iter()
        .filter(|o| o["sensitive"] == true)
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(sensitive, ["argocd_admin_password"]);
}

// ---------------------------------------------------------------------------------------
// eks_addons: rows computed by hand
// ---------------------------------------------------------------------------------------

#[test]
fn eks_addons_requirements_and_providers() {
    let md = markdown(EKS_ADDONS);
    assert_eq!(
        section(&md, "Requirements"),
        "| Name | Version |\n|------|---------|\n\
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
    .join("<br>");
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
        "| {} | Karpenter NodePools, keyed by pool name.<br>Each pool selects instance types by category, generation and capacity type;<br>the default pool runs general purpose on-demand and spot instances. | <pre>map(object({{<br/>    weight = optional(number, 10)<br/>",
        name_cell("input", "karpenter_node_pools")
    )));
    assert!(row_text.contains("<br/>      })), [{ nodes = \"10%\" }])<br/>"));
    assert!(row_text.ends_with(&format!(
        " | {} | no |",
        pre(&[
            "{",
            "    default = {",
            "      requirements = {",
            "        capacity_type = [\"on-demand\", \"spot\"]",
            "      }",
            "    }",
            "  }",
        ])
    )));
    // `<<-DESC`: relative indentation of a line is kept.
    assert!(row(&md, "input", "argocd_applications").starts_with(&format!(
        "| {} | Argo CD applications bootstrapped with the add-on, keyed by application name.<br><br>Each application points at a path of a Git repository:<br>  repo_url + path @ revision<br>`sync_policy.automated` turns on automatic sync. | <pre>map(object({{<br/>",
        name_cell("input", "argocd_applications")
    )));
    // A markdown table inside a heredoc: every `|` escaped, one table row.
    assert_eq!(
        row(&md, "input", "aws_load_balancer_controller"),
        input_row(
            "aws_load_balancer_controller",
            "AWS Load Balancer Controller add-on configuration values.<br><br>\\| Key \\| Meaning \\|<br>\\|-----\\|---------\\|<br>\\| `chart_version` \\| Helm chart version \\|<br>\\| `values` \\| Extra values files, as YAML strings \\|",
            "`any`",
            "`{}`",
            false
        )
    );
    // Backslashes in a heredoc are text.
    assert!(row(&md, "input", "helm_releases").contains(
        "<br>e.g. `controller.service.annotations.service\\.beta\\.kubernetes\\.io/aws-load-balancer-type`. | <pre>"
    ));
    // A heredoc default (YAML) is shown as written.
    assert_eq!(
        row(&md, "input", "kube_prometheus_stack_values"),
        input_row(
            "kube_prometheus_stack_values",
            "Values for the kube-prometheus-stack chart, merged after the module's own.",
            "`string`",
            &pre(&[
                "<<-EOT",
                "    prometheus:",
                "      prometheusSpec:",
                "        retention: 15d",
                "    grafana:",
                "      enabled: false",
                "  EOT",
            ]),
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
            "| {} | Names of the built-in add-ons that are enabled, e.g.<br>`[\"aws-load-balancer-controller\", \"karpenter\"]`. |",
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
        .map(|l| &l[l.find('[').unwrap() + 1..l.find(']').unwrap()])
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
    assert_eq!(input(&json, "notes")["description"], "");
    assert_eq!(input(&json, "notes")["type"], "string");
    assert_eq!(input(&json, "region")["description"], "AWS region.");
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
