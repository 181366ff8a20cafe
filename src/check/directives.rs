//! `{{#catalog ...}}` directives in the markdown: each must be one the preprocessor can
//! render, judged by the same function ([`crate::render::directive::check`]) so that `check`
//! and `build` reach the same verdict.

use crate::diag::Finding;
use crate::project::Project;
use crate::render::directive;

pub fn check(project: &Project) -> Vec<Finding> {
    // A project checked without a catalog (markdown on its own) has no modules: only the
    // directives' form can be judged.
    let catalog = (!project.catalog.modules.is_empty()).then_some(&project.catalog);
    project
        .markdown
        .iter()
        .flat_map(|doc| {
            let text = &project.sources.get(doc.file).text;
            directive::check(text, Some(&doc.scan.code), catalog, doc.file)
        })
        .collect()
}
