//! The markdown each directive renders for the embedded catalog, as snapshots.

mod common;

use std::path::Path;

use mdbook_catalog::project::Project;
use mdbook_catalog::render::{Renderer, Request};

fn project() -> Project {
    Project::load(&common::repo().join("catalog.toml"), None).unwrap()
}

fn render(project: &Project, html: bool, request: Request, chapter: &str) -> String {
    let renderer = Renderer::new(None, html, Some("modules".into())).unwrap();
    renderer
        .request(project, &request, Path::new(chapter))
        .unwrap()
        .expect("the catalog has it")
}

#[test]
fn directives_render_as_snapshotted() {
    let p = project();
    let id = |s: &str| s.to_owned();
    let cases = [
        ("intro", Request::Intro),
        ("quick-reference", Request::QuickReference),
        ("how-to-use", Request::HowToUse),
        ("module-vpc-lattice", Request::Module(id("vpc-lattice"))),
        ("module-mlflow", Request::Module(id("mlflow"))),
        (
            "comparison-lbc-vs-nginx",
            Request::Comparison(id("lbc-vs-nginx")),
        ),
        ("example-memcached", Request::Example(id("memcached"))),
        ("costs-nginx-ingress", Request::Costs(id("nginx-ingress"))),
        ("summary", Request::Summary),
        ("related", Request::Related),
    ];
    for (name, request) in cases {
        insta::assert_snapshot!(name, render(&p, false, request, "README.md"));
    }
}

#[test]
fn html_cells_carry_classes_and_accessible_names() {
    let p = project();
    let md = render(
        &p,
        true,
        Request::Comparison("redis-vs-memcached".into()),
        "README.md",
    );
    insta::assert_snapshot!("comparison-redis-vs-memcached-html", md);
}

#[test]
fn module_pages_link_relative_to_the_chapter() {
    let p = project();
    let md = render(&p, false, Request::QuickReference, "deep/er/chapter.md");
    assert!(
        md.contains("[vpc&#95;lattice&#95;core](../../modules/vpc-lattice.md)"),
        "{md}"
    );
}

#[test]
fn unknown_ids_render_nothing() {
    let p = project();
    let renderer = Renderer::new(None, false, None).unwrap();
    let missing = renderer.request(&p, &Request::Module("nope".into()), Path::new("a.md"));
    assert!(matches!(missing, Ok(None)));
}

/// With the book's `git-repository-url`, a snippet's caption links to the cited lines, the
/// module's path to its directory and related documents to their files (`blob` / `tree` on
/// the configured branch); without it, nothing links out (the snapshots above).
#[test]
fn repository_links_follow_git_repository_url() {
    let p = project();
    let renderer = Renderer::new(None, true, Some("modules".into()))
        .unwrap()
        .with_repository(Some("https://github.com/acme/platform/".into()), "trunk");
    let render = |request| {
        renderer
            .request(&p, &request, Path::new("README.md"))
            .unwrap()
            .unwrap()
    };
    let example = render(Request::Example("memcached".into()));
    assert!(
        example.starts_with(
            "See <a href=\"https://github.com/acme/platform/blob/trunk/terraform/environments/dev/optional-modules.tf.example#L38-L57\"><code>"
        ),
        "{example}"
    );
    let module = render(Request::Module("memcached".into()));
    assert!(
        module.contains(
            "<a href=\"https://github.com/acme/platform/tree/trunk/terraform/modules/cache/elasticache_memcached\">"
        ),
        "{module}"
    );
    let related = render(Request::Related);
    assert!(
        related.contains("<a href=\"https://github.com/acme/platform/blob/trunk/docs/"),
        "{related}"
    );
}

/// The summary counts in words: one module "is", several "are".
#[test]
fn the_summary_agrees_in_number() {
    let dir = tempfile::tempdir().unwrap();
    let module = dir.path().join("terraform/modules/cache");
    std::fs::create_dir_all(&module).unwrap();
    std::fs::write(module.join("main.tf"), "variable \"name\" {}\n").unwrap();
    std::fs::write(
        dir.path().join("catalog.toml"),
        "[guide]\ntitle = \"Guide\"\n\n[modules.cache]\nname = \"cache\"\n\
         path = \"terraform/modules/cache\"\nuse-case = \"Caching\"\ncost = \"~$1\"\n\
         enable = \"Always\"\ndoes = \"Caches.\"\n",
    )
    .unwrap();
    let p = Project::load(&dir.path().join("catalog.toml"), None).unwrap();
    let md = render(&p, false, Request::Summary, "README.md");
    assert!(
        md.contains("The module exists and is maintained, but not active"),
        "{md}"
    );
}
