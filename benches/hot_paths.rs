//! Criterion benches of the hot paths, on the repository's own project: catalog load,
//! example-file scan, module read, the whole check, and rendering every module page.
//! `cargo bench --bench hot_paths`; whole-project numbers at scale are in `bench/run`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use mdbook_catalog::project::Project;
use mdbook_catalog::render::Renderer;
use mdbook_catalog::source::{SourceFile, Sources};
use mdbook_catalog::terraform::module::{Detail, read_module};
use mdbook_catalog::terraform::scan_module_blocks;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn hot_paths(c: &mut Criterion) {
    let root = repo();
    let catalog = std::fs::read(root.join("catalog.toml")).unwrap();
    c.bench_function("catalog load", |b| {
        b.iter(|| {
            let mut sources = Sources::default();
            black_box(
                mdbook_catalog::catalog::load::parse(
                    Path::new("catalog.toml"),
                    catalog.clone(),
                    &mut sources,
                )
                .is_ok(),
            )
        })
    });
    let example = std::fs::read_to_string(
        root.join("terraform/environments/dev/optional-modules.tf.example"),
    )
    .unwrap();
    let file = SourceFile::new("optional-modules.tf.example", example);
    c.bench_function("example-file scan", |b| {
        b.iter(|| black_box(scan_module_blocks(&file).blocks.len()))
    });
    let containment = mdbook_catalog::containment::Containment::new(&root, &[]);
    c.bench_function("module read", |b| {
        b.iter(|| {
            let mut sources = Sources::default();
            black_box(
                read_module(
                    &containment,
                    Path::new("terraform/modules/ml/mlflow"),
                    Detail::Full,
                    &mut sources,
                )
                .unwrap()
                .unwrap()
                .variables
                .len(),
            )
        })
    });
    c.bench_function("check", |b| {
        b.iter(|| {
            let catalog = root.join("catalog.toml");
            let project = Project::load_with(&catalog, None, &[], Detail::Signatures).unwrap();
            black_box(mdbook_catalog::check::run(&project).len())
        })
    });
    let project = Project::load(&root.join("catalog.toml"), None).unwrap();
    let renderer = Renderer::new(None, true, Some("modules".into())).unwrap();
    c.bench_function("render module pages", |b| {
        b.iter(|| {
            for id in project.catalog.modules.keys() {
                black_box(renderer.page(&project, id.get_ref()).unwrap().len());
            }
        })
    });
}

criterion_group!(benches, hot_paths);
criterion_main!(benches);
