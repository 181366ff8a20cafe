//! Writes a project that grows along one input dimension, for the scaling table of
//! `bench/scale`: `cargo run --release --example scale -- DIMENSION N DIR`.
//!
//! Every project has one small module (`terraform/modules/cache`), an example file citing it
//! and a catalog; the dimension decides what grows:
//!
//! | dimension | what N counts |
//! |---|---|
//! | `example-blocks` | module blocks in the example file |
//! | `refs-sections` | sections of `guide.md`, each with one reference |
//! | `refs-one-section` | references in the one section of `guide.md` |
//! | `field-kb` | KB of code spans and links in the module's `does` |
//! | `findings` | broken references in `guide.md` (each a finding) |
//! | `example-mb` | MB of the example file (filler comments; ten wrong references) |
//!
//! Modules and generated pages grow with `examples/synth.rs`. The output is the same for the
//! same arguments.

use std::fmt::Write as _;
use std::path::Path;

const BLOCK: &str = "# module \"cache\" {\n#   source = \"../../modules/cache\"\n#   name   = \"dev-cache\"\n#   nodes  = 2\n# }\n";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dimension), Some(n), Some(dir)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: scale DIMENSION N DIR");
        std::process::exit(2);
    };
    if let Err(err) = write(dimension, n, Path::new(dir)) {
        eprintln!("error: {err}");
        std::process::exit(2);
    }
}

fn put(dir: &Path, path: &str, text: &str) -> std::io::Result<()> {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap_or(dir))?;
    std::fs::write(path, text)
}

fn write(dimension: &str, n: usize, dir: &Path) -> std::io::Result<()> {
    put(
        dir,
        "terraform/modules/cache/main.tf",
        "variable \"name\" {\n  type = string\n}\n\nvariable \"nodes\" {\n  type    = number\n  default = 2\n}\n",
    )?;
    let mut example = String::from("# Optional modules.\n\n");
    let mut does = String::from("Creates a cache.");
    let mut guide = String::from("# Guide\n");
    let cite = "/terraform/envs/dev/example.tf.example";
    let mut cited = "3-7".to_owned();
    match dimension {
        "example-blocks" => {
            for _ in 0..n {
                example.push_str(BLOCK);
                example.push('\n');
            }
        }
        "refs-sections" | "refs-one-section" | "findings" => {
            example.push_str(BLOCK);
            let one_section = dimension == "refs-one-section";
            if one_section {
                guide.push_str("\n## Cache\n\n**Module**: `terraform/modules/cache`\n\n");
            }
            for i in 0..n {
                if !one_section {
                    let _ = write!(
                        guide,
                        "\n## Section {i}\n\n**Module**: `terraform/modules/cache`\n\n"
                    );
                }
                // A finding each: a file that is not there.
                let file = if dimension == "findings" {
                    format!("/terraform/envs/dev/missing-{i}.tf.example")
                } else {
                    cite.to_owned()
                };
                let _ = writeln!(guide, "See `{file}` lines 3-7 for block {i}.\n");
            }
        }
        "field-kb" => {
            example.push_str(BLOCK);
            does.clear();
            let mut i = 0;
            while does.len() < n * 1024 {
                let _ = write!(
                    does,
                    "Set `var.setting_{i}` as [the docs](https://example.com/{i}) say, `{{x}}` [x] "
                );
                i += 1;
            }
        }
        "example-mb" => {
            // Ten blocks, each cited one line off (ten findings), spread through filler.
            let filler = "# filler comment line of the example file, padding it out\n";
            let per_gap = (n * 1024 * 1024 / filler.len() / 10).max(1);
            for b in 0..10 {
                for _ in 0..per_gap {
                    example.push_str(filler);
                }
                let first = example.lines().count() + 1;
                if b == 0 {
                    cited = format!("{first}-{}", first + 4);
                }
                example.push_str(BLOCK);
                let _ = writeln!(
                    guide,
                    "\n## Block {b}\n\n**Module**: `terraform/modules/cache`\n\nSee `{cite}` lines {}-{}\n",
                    first + 1,
                    first + 5
                );
            }
        }
        other => {
            return Err(std::io::Error::other(format!(
                "unknown dimension `{other}`"
            )));
        }
    }
    put(dir, "terraform/envs/dev/example.tf.example", &example)?;
    put(dir, "guide.md", &guide)?;
    let does = toml_string(&does);
    put(
        dir,
        "catalog.toml",
        &format!(
            "[guide]\ntitle = \"Scale\"\nexample = \"{cite}\"\n\n[modules.cache]\nname = \"Cache\"\npath = \"terraform/modules/cache\"\nuse-case = \"Caching\"\ncost = \"~$12\"\nenable = \"Hot reads\"\ndoes = {does}\nexample = {{ lines = \"{cited}\" }}\n"
        ),
    )?;
    put(
        dir,
        "book/book.toml",
        "[book]\ntitle = \"Scale\"\n\n[preprocessor.catalog]\ncatalog = \"../catalog.toml\"\nbefore = [\"links\"]\n",
    )?;
    put(
        dir,
        "book/src/SUMMARY.md",
        "# Summary\n\n- [Cache](cache.md)\n",
    )?;
    put(
        dir,
        "book/src/cache.md",
        "# Cache\n\n{{#catalog module cache}}\n",
    )?;
    Ok(())
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
