//! catalog.toml loading: arbitrary bytes must give a catalog or findings, never a panic,
//! and every finding's span must lie inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mdbook_catalog::catalog::{LoadError, load::parse};
use mdbook_catalog::source::Sources;

fuzz_target!(|data: &[u8]| {
    let mut sources = Sources::default();
    if let Err(LoadError::Invalid(findings)) = parse("catalog.toml".as_ref(), data.to_vec(), &mut sources) {
        for finding in &findings {
            if let Some(label) = &finding.primary {
                let text = &sources.get(label.file).text;
                assert!(label.span.end <= text.len() && label.span.start <= label.span.end);
            }
        }
        let _ = mdbook_catalog::diag::render::human(&findings, &sources, false);
        let _ = mdbook_catalog::diag::render::json_lines(&findings, &sources);
    }
});
