//! Properties of `fix` over generated catalogs and example files: it is idempotent, it
//! changes no byte outside the rewritten ranges, the catalog still parses to the same data
//! except the ranges, and afterwards every reference is right. Plus the write guarantees:
//! permissions kept, a file changed since it was read refused.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use mdbook_catalog::project::Project;
use proptest::prelude::*;

/// One generated module: blank/comment lines above its block, the block's extra argument
/// lines, and how far off the catalog's range is.
#[derive(Debug, Clone)]
struct Gen {
    header: usize,
    extra: usize,
    shift: i64,
    comment: String,
    crlf: bool,
}

fn module_gen() -> impl Strategy<Value = Gen> {
    (
        0usize..4,
        0usize..4,
        -3i64..4,
        "[ a-z#=\"]{0,12}",
        any::<bool>(),
    )
        .prop_map(|(header, extra, shift, comment, crlf)| Gen {
            header,
            extra,
            shift,
            comment,
            crlf,
        })
}

/// Writes the project; returns the example lines of each block as generated.
fn write_project(dir: &Path, modules: &[Gen]) {
    let nl = if modules.first().is_some_and(|g| g.crlf) {
        "\r\n"
    } else {
        "\n"
    };
    let mut example = String::from("# generated example");
    example.push_str(nl);
    let mut line = 1;
    let mut catalog = String::from(
        "# generated catalog\n[guide]\ntitle = \"g\"  # aligned comment\nexample = \"/env/example.tf.example\"\n",
    );
    for (i, g) in modules.iter().enumerate() {
        let module_dir = dir.join(format!("modules/m{i}"));
        std::fs::create_dir_all(&module_dir).unwrap();
        std::fs::write(
            module_dir.join("main.tf"),
            "variable \"name\" {\n  type = string\n  default = \"x\"\n}\n",
        )
        .unwrap();
        for _ in 0..g.header {
            example.push_str("# header");
            example.push_str(nl);
            line += 1;
        }
        let first = line + 1;
        example.push_str(&format!(
            "# module \"m{i}\" {{{nl}#   source = \"../modules/m{i}\"{nl}"
        ));
        for _ in 0..g.extra {
            example.push_str(&format!("#   # {}{nl}", g.comment.replace(['{', '}'], "")));
        }
        example.push_str(&format!("#   name = \"v\"{nl}# }}{nl}"));
        let last = first + 3 + g.extra;
        line = last;
        let cited_first = (first as i64 + g.shift).max(1) as usize;
        let cited_last = cited_first + (last - first);
        catalog.push_str(&format!(
            "\n[modules.m{i}]   # {comment}\nname = \"M{i}\"\npath = \"modules/m{i}\"\nuse-case = \"u\"\ncost = \"c\"\nenable = \"e\"\ndoes = \"d\"\nexample = {{ lines =  \"{cited_first}-{cited_last}\" }}  # {comment}\n",
            comment = g.comment.replace('\n', " ")
        ));
    }
    std::fs::create_dir_all(dir.join("env")).unwrap();
    std::fs::write(dir.join("env/example.tf.example"), example).unwrap();
    std::fs::write(dir.join("catalog.toml"), catalog).unwrap();
}

fn fix_once(dir: &Path) -> usize {
    let project = Project::load(&dir.join("catalog.toml"), None).unwrap();
    let findings = mdbook_catalog::check::run(&project);
    let changes = mdbook_catalog::fix::plan(&findings, &project.sources).unwrap();
    mdbook_catalog::fix::write(&changes).unwrap();
    changes.len()
}

/// The catalog with every `lines = "..."` value blanked.
fn without_ranges(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("lines =  \"") {
        let start = i + "lines =  \"".len();
        out.push_str(&rest[..start]);
        let end = rest[start..].find('"').map_or(rest.len(), |e| start + e);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn fix_is_idempotent_and_touches_only_ranges(modules in prop::collection::vec(module_gen(), 1..6)) {
        let dir = tempfile::tempdir().unwrap();
        write_project(dir.path(), &modules);
        let before = std::fs::read_to_string(dir.path().join("catalog.toml")).unwrap();
        let example_before = std::fs::read(dir.path().join("env/example.tf.example")).unwrap();
        let changed = fix_once(dir.path());
        let drifted = modules.iter().any(|g| g.shift != 0);
        prop_assert_eq!(changed, usize::from(drifted), "one catalog file changes iff a range drifted");
        let after = std::fs::read_to_string(dir.path().join("catalog.toml")).unwrap();
        prop_assert_eq!(without_ranges(&before), without_ranges(&after));
        prop_assert_eq!(std::fs::read(dir.path().join("env/example.tf.example")).unwrap(), example_before);
        // Idempotent, and every reference right afterwards.
        prop_assert_eq!(fix_once(dir.path()), 0);
        prop_assert_eq!(std::fs::read_to_string(dir.path().join("catalog.toml")).unwrap(), after.clone());
        let project = Project::load(&dir.path().join("catalog.toml"), None).unwrap();
        let findings = mdbook_catalog::check::run(&project);
        prop_assert!(findings.iter().all(|f| !f.is_error()), "{:?}", findings);
        // Same catalog except the ranges.
        let a: toml::Table = before.parse().unwrap();
        let b: toml::Table = after.parse().unwrap();
        let strip = |mut t: toml::Table| {
            if let Some(toml::Value::Table(modules)) = t.get_mut("modules") {
                for (_, m) in modules.iter_mut() {
                    if let Some(toml::Value::Table(e)) = m.get_mut("example") { e.remove("lines"); }
                }
            }
            t
        };
        prop_assert_eq!(strip(a), strip(b));
    }
}

#[test]
fn writes_keep_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("catalog.toml");
    std::fs::write(&file, "a = 1\n").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    mdbook_catalog::write::write_if_unchanged(&file, "a = 1\n", "a = 2\n").unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "a = 2\n");
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o640
    );
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file left behind");
}

#[test]
fn a_file_changed_since_it_was_read_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("catalog.toml");
    std::fs::write(&file, "a = 3\n").unwrap();
    let err = mdbook_catalog::write::write_if_unchanged(&file, "a = 1\n", "a = 2\n").unwrap_err();
    assert!(
        err.to_string().contains("changed since it was read"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "a = 3\n");
}
