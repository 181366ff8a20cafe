//! Example blocks checked against the modules they instantiate, and where modules run.

mod common;

use std::path::Path;

use common::check_json;

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

const EXAMPLE: &str = "terraform/environments/dev/optional-modules.tf.example";

/// `check` over a copy of the embedded project with `from` replaced by `to` in `file`: it
/// fails, with a finding `code`, which is returned.
fn finding_after_edit(file: &str, from: &str, to: &str, code: &str) -> serde_json::Value {
    let dir = common::project_copy();
    edit(&dir.path().join(file), from, to);
    let (exit, findings) = check_json(dir.path(), &[]);
    assert_eq!(exit, 1, "{findings:#?}");
    findings
        .into_iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no {code}"))
}

#[test]
fn the_embedded_example_passes_every_check() {
    let (code, findings) = check_json(&common::repo(), &[]);
    assert_eq!(code, 0, "{findings:#?}");
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn a_renamed_variable_is_an_unknown_argument_with_a_suggestion() {
    let f = finding_after_edit(
        "terraform/modules/cache/elasticache_memcached/variables.tf",
        "variable \"node_type\"",
        "variable \"cache_node_type\"",
        "unknown-argument",
    );
    assert_eq!(f["file"], EXAMPLE);
    assert_eq!(f["line"], 45, "the argument's line in the example");
    assert!(f["message"].as_str().unwrap().contains("`node_type`"));
    assert_eq!(f["help"][0], "did you mean `cache_node_type`?");
}

#[test]
fn a_shortened_argument_gets_the_full_name_suggested() {
    let f = finding_after_edit(
        EXAMPLE,
        "#   parameter_group_name = null",
        "#   parameter_group = null",
        "unknown-argument",
    );
    assert_eq!(f["line"], 51);
    assert_eq!(f["help"][0], "did you mean `parameter_group_name`?");
}

#[test]
fn a_dropped_required_argument_is_reported() {
    let f = finding_after_edit(
        EXAMPLE,
        "#   subnet_ids = module.vpc.private_subnets\n",
        "#\n",
        "missing-required",
    );
    assert!(
        f["message"].as_str().unwrap().contains("`subnet_ids`"),
        "{f}"
    );
    assert_eq!(f["line"], 38, "the block's first line");
}

#[test]
fn a_literal_of_the_wrong_type_is_reported() {
    let f = finding_after_edit(
        EXAMPLE,
        "#   num_cache_nodes = 2\n",
        "#   num_cache_nodes = \"two\"\n",
        "type-mismatch",
    );
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("`num_cache_nodes` is given a string, but its type is `number`")
    );
}

#[test]
fn an_optional_module_instantiated_in_dev_is_a_status_mismatch_and_shows_as_active() {
    let dir = common::project_copy();
    let live = dir.path().join("terraform/environments/dev/ecr.tf");
    std::fs::write(
        &live,
        "module \"ecr_scanning\" {\n  source           = \"../../modules/container/ecr_scanning\"\n  name_prefix      = \"dev\"\n  repository_names = [\"app\"]\n}\n",
    )
    .unwrap();
    let (code, findings) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let f = findings
        .iter()
        .find(|f| f["code"] == "status-mismatch")
        .expect("status-mismatch");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("`ecr-scanning` is marked optional, but dev instantiate it"),
        "{f}"
    );

    let out = tempfile::tempdir().unwrap();
    let mut book = mdbook_driver::MDBook::load(dir.path().join("book")).unwrap();
    book.config.build.build_dir = out.path().to_path_buf();
    book.config
        .set("preprocessor.catalog.on-stale", "warn")
        .unwrap();
    book.with_preprocessor(mdbook_catalog::book::CatalogPreprocessor);
    // status-mismatch is an error, so the build fails; the quick reference is rendered
    // through the renderer directly instead.
    assert!(book.build().is_err());
    let project =
        mdbook_catalog::project::Project::load(&dir.path().join("catalog.toml"), None).unwrap();
    let renderer =
        mdbook_catalog::render::Renderer::new(None, false, Some("modules".into())).unwrap();
    let md = renderer
        .request(
            &project,
            &mdbook_catalog::render::Request::QuickReference,
            Path::new("README.md"),
        )
        .unwrap()
        .unwrap();
    assert!(
        md.contains(
            "| Container security | Free-$50 | Compliance, vuln scanning | active in dev |"
        ),
        "{md}"
    );
}

#[test]
fn module_pages_show_inputs_and_outputs() {
    let out = tempfile::tempdir().unwrap();
    let mut book = mdbook_driver::MDBook::load(common::repo().join("book")).unwrap();
    book.config.build.build_dir = out.path().to_path_buf();
    book.with_preprocessor(mdbook_catalog::book::CatalogPreprocessor);
    book.build().unwrap();
    for id in [
        "vpc-lattice",
        "memcached",
        "nginx-ingress",
        "aurora-global",
        "greengrass",
        "ecr-scanning",
        "mlflow",
    ] {
        let page = std::fs::read_to_string(out.path().join(format!("modules/{id}.html"))).unwrap();
        assert!(page.contains("<h2 id=\"inputs\">"), "{id}: inputs");
        assert!(page.contains("<h2 id=\"outputs\">"), "{id}: outputs");
        assert!(page.contains("<th>Name</th><th>Description</th><th>Type</th><th>Default</th><th style=\"text-align: center\">Required</th>"), "{id}: inputs header");
    }
    let memcached = common::html_text(
        &std::fs::read_to_string(out.path().join("modules/memcached.html")).unwrap(),
    );
    assert!(
        memcached.contains("subnet_ids Private subnet IDs"),
        "{memcached}"
    );
}
