//! Criterion benches of the hot paths, on the repository's own project: catalog load,
//! example-file scan, module read, the whole check, and rendering every module page; and the
//! paths the scaling table found growing faster than their input (a long catalog field through
//! the output-encoding boundary, a guide with many references and sections, many findings in
//! human format).
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
    // 800 KB of code spans, links and braces: once quadratic in the escaping.
    let mut field = String::new();
    let mut i = 0;
    while field.len() < 800 * 1024 {
        field.push_str(&format!(
            "Set `var.s_{i}` as [docs](https://x.io/{i}) say, `{{x}}` [x] "
        ));
        i += 1;
    }
    c.bench_function("encode 800 KB field", |b| {
        b.iter(|| black_box(mdbook_catalog::render::encode::inline(&field).len()))
    });
    // 5,000 sections, each naming a module and citing lines: sections were rescanned per
    // reference.
    let mut guide = String::new();
    for i in 0..5000 {
        guide.push_str(&format!(
            "## Section {i}\n\n**Module**: `terraform/modules/cache`\n\nSee `/x.tf.example` lines 3-7.\n\n"
        ));
    }
    c.bench_function("prose scan, 5,000 sections", |b| {
        b.iter(|| {
            let scan = mdbook_catalog::prose::scan(&guide);
            let last = scan.refs.last().map_or(0, |r| r.span.start);
            black_box(scan.section_at(last).and_then(|s| scan.parent(s)))
        })
    });
}

criterion_group!(benches, hot_paths);
criterion_main!(benches);
