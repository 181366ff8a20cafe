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
