//! Writes a synthetic project of N modules into DIR, for benchmarks:
//! `cargo run --release --example synth -- N DIR`.
//!
//! Each module has about 40 variables (a few nested object types, heredoc descriptions),
//! outputs and resources; one example file holds N commented blocks; `catalog.toml` has N
//! entries and a comparison table per ten modules; `book/` renders a page per module.
//! `book-static/` holds the same pages pre-rendered to plain markdown, their snippets as
//! mdBook's own `{{#include file:A:B}}`, for a build without the preprocessor. The output is
//! the same for the same N.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (
        args.next().and_then(|n| n.parse::<usize>().ok()),
        args.next(),
    ) else {
        eprintln!("usage: synth N DIR");
        std::process::exit(2);
    };
    if let Err(err) = write(n, Path::new(&dir)) {
        eprintln!("error: {err}");
        std::process::exit(2);
    }
}

fn write(n: usize, dir: &Path) -> std::io::Result<()> {
    let put = |path: &str, text: &str| -> std::io::Result<()> {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap_or(dir))?;
        std::fs::write(path, text)
    };
    let mut example = String::from("# Synthetic optional modules. Uncomment what you need.\n");
    let mut catalog = String::from(
        "[guide]\ntitle = \"Synthetic guide\"\nintro = \"Generated for benchmarks.\"\nexample = \"/terraform/environments/dev/optional-modules.tf.example\"\nsteps = [\"**Copy** a block\", \"**Uncomment** it\"]\n",
    );
    let mut comparisons = String::new();
    for i in 0..n {
        let name = format!("m{i:05}");
        put(
            &format!("terraform/modules/group{}/{name}/variables.tf", i % 50),
            &variables(i),
        )?;
        put(
            &format!("terraform/modules/group{}/{name}/main.tf", i % 50),
            &main_tf(&name),
        )?;
        put(
            &format!("terraform/modules/group{}/{name}/outputs.tf", i % 50),
            OUTPUTS,
        )?;
        example.push_str(&format!("\n# ---- {name}: synthetic module {i} ----\n"));
        let first = example.lines().count() + 1;
        let _ = write!(
            example,
            "# module \"{name}\" {{\n#   source = \"../../modules/group{}/{name}\"\n#\n#   name        = \"{name}\"\n#   vpc_id      = module.vpc.vpc_id\n#   subnet_ids  = module.vpc.private_subnets\n#   # Optional settings\n#   node_count  = {}\n#   tags        = {{ Team = \"platform\" }} # merged into every resource\n# }}\n",
            i % 50,
            1 + i % 5
        );
        let last = example.lines().count();
        let _ = write!(
            catalog,
            "\n[modules.{name}]\nname = \"Module {i}\"\npath = \"terraform/modules/group{}/{name}\"\nuse-case = \"Use case {i}\"\ncost = \"~${}\"\nenable = \"When workload {i} needs it\"\ndoes = \"Creates synthetic resources for workload {i}.\"\nuse-when = [\"You run workload {i}\", \"You need `{name}`\"]\nskip-when = [\"Workload {i} is off\"]\nexample = {{ lines = \"{first}-{last}\" }}\n\n[[modules.{name}.uses]]\ntitle = \"Pipeline {i}\"\ndiagram = \"\"\"\nSource → {name} → Sink\"\"\"\n\n[modules.{name}.costs]\nitems = [{{ item = \"Nodes\", cost = \"~${}/month\" }}]\ntypical = \"~${}/month\"\n",
            i % 50,
            10 + i % 90,
            5 + i % 40,
            10 + i % 90
        );
        if i % 10 == 0 {
            let _ = write!(
                comparisons,
                "\n[comparisons.c{i:05}]\ntitle = \"{name} vs the default\"\nmodule = \"{name}\"\ncolumns = [\"{name}\", \"Default\"]\nrows = [\n  {{ feature = \"Persistence\", cells = [{{ verdict = \"yes\" }}, {{ verdict = \"no\", note = \"In memory\" }}] }},\n  {{ feature = \"Throughput\", cells = [\"Good\", \"Better\"] }},\n]\n"
            );
        }
    }
    catalog.push_str(&comparisons);
    put(
        "terraform/environments/dev/optional-modules.tf.example",
        &example,
    )?;
    put(
        "terraform/environments/dev/main.tf",
        "terraform {\n  required_version = \">= 1.5\"\n}\n",
    )?;
    put("catalog.toml", &catalog)?;
    put(
        "book/book.toml",
        "[book]\ntitle = \"Synthetic guide\"\n\n[preprocessor.catalog]\ncatalog = \"../catalog.toml\"\nmodules-chapter = \"modules.md\"\nbefore = [\"links\"]\n\n[output.html]\nsearch.enable = true\n",
    )?;
    put(
        "book/src/SUMMARY.md",
        "# Summary\n\n[Guide](README.md)\n\n- [Modules](modules.md)\n",
    )?;
    put(
        "book/src/README.md",
        "# Synthetic guide\n\n{{#catalog intro}}\n\n{{#catalog how-to-use}}\n",
    )?;
    put(
        "book/src/modules.md",
        "# Modules\n\n{{#catalog quick-reference}}\n",
    )?;
    write_static(n, dir)?;
    Ok(())
}

/// The same book without the preprocessor: every page as plain markdown, snippets included
/// by mdBook's `links` preprocessor.
fn write_static(n: usize, dir: &Path) -> std::io::Result<()> {
    let project = mdbook_catalog::project::Project::load(&dir.join("catalog.toml"), None)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let renderer = mdbook_catalog::render::Renderer::new(None, true, Some("modules".into()))
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut summary = String::from("# Summary\n\n[Guide](README.md)\n\n- [Modules](modules.md)\n");
    let src = dir.join("book-static/src");
    std::fs::create_dir_all(src.join("modules"))?;
    for (id, module) in &project.catalog.modules {
        let id = id.get_ref();
        let page = renderer
            .page(&project, id)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        // The snippet becomes an include of the example file's lines, as a hand-written
        // mdBook guide would have it.
        let lines = module
            .example
            .as_ref()
            .map(|e| e.lines.get_ref().replace('-', ":"))
            .unwrap_or_default();
        let include = format!(
            "```hcl\n{{{{#include ../../../terraform/environments/dev/optional-modules.tf.example:{lines}}}}}\n```"
        );
        let page = match (page.find("```hcl\n"), page.rfind("\n```")) {
            (Some(start), Some(end)) if end > start => {
                format!("{}{include}{}", &page[..start], &page[end + 4..])
            }
            _ => page,
        };
        std::fs::write(src.join(format!("modules/{id}.md")), page)?;
        let _ = writeln!(summary, "  - [{}](modules/{id}.md)", module.name);
    }
    let render = |request| {
        renderer
            .request(&project, &request, Path::new("modules.md"))
            .map_err(|e| std::io::Error::other(e.to_string()))
            .map(Option::unwrap_or_default)
    };
    let quick = render(mdbook_catalog::render::Request::QuickReference)?;
    std::fs::write(src.join("modules.md"), format!("# Modules\n\n{quick}\n"))?;
    let intro = render(mdbook_catalog::render::Request::Intro)?;
    std::fs::write(
        src.join("README.md"),
        format!("# Synthetic guide\n\n{intro}\n"),
    )?;
    std::fs::write(src.join("SUMMARY.md"), summary)?;
    std::fs::write(
        dir.join("book-static/book.toml"),
        "[book]\ntitle = \"Synthetic guide\"\n",
    )?;
    let _ = n;
    Ok(())
}

fn variables(i: usize) -> String {
    let mut text = String::new();
    text.push_str("variable \"name\" {\n  description = \"Name of the module's resources.\"\n  type        = string\n}\n\n");
    text.push_str("variable \"vpc_id\" {\n  description = \"VPC to deploy into.\"\n  type        = string\n}\n\n");
    text.push_str("variable \"subnet_ids\" {\n  description = \"Private subnets.\"\n  type        = list(string)\n}\n\n");
    text.push_str("variable \"node_count\" {\n  description = \"Number of nodes.\"\n  type        = number\n  default     = 2\n\n  validation {\n    condition     = var.node_count > 0\n    error_message = \"At least one node.\"\n  }\n}\n\n");
    text.push_str("variable \"tags\" {\n  description = \"Tags.\"\n  type        = map(string)\n  default     = {}\n}\n\n");
    for v in 0..32 {
        let _ = write!(
            text,
            "variable \"setting_{v:02}\" {{\n  description = <<-EOT\n    Setting {v} of module {i}.\n    It tunes part {v} of the synthetic workload.\n  EOT\n  type        = string\n  default     = \"value-{v}\"\n}}\n\n"
        );
    }
    for v in 0..3 {
        let _ = write!(
            text,
            "variable \"advanced_{v}\" {{\n  description = \"Advanced settings {v}.\"\n  type = object({{\n    # nested settings\n    enabled = optional(bool, false)\n    limits  = optional(object({{\n      cpu    = optional(string, \"500m\")\n      memory = optional(string, \"1Gi\") // per pod\n      extra  = optional(map(object({{\n        value = string\n      }})), {{}})\n    }}), {{}})\n  }})\n  default = {{}}\n}}\n\n"
        );
    }
    text
}

fn main_tf(name: &str) -> String {
    format!(
        "resource \"aws_security_group\" \"this\" {{\n  name   = var.name\n  vpc_id = var.vpc_id\n  tags   = merge(var.tags, {{ Module = \"{name}\" }})\n\n  dynamic \"ingress\" {{\n    for_each = [for s in var.subnet_ids : s if s != \"\"]\n    content {{\n      from_port = 443\n      to_port   = 443\n      protocol  = \"tcp\"\n    }}\n  }}\n}}\n\ndata \"aws_region\" \"current\" {{}}\n"
    )
}

const OUTPUTS: &str = "output \"security_group_id\" {\n  description = \"ID of the security group.\"\n  value       = aws_security_group.this.id\n}\n\noutput \"region\" {\n  description = \"Region deployed to.\"\n  value       = data.aws_region.current.name\n}\n";
