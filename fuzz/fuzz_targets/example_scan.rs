//! The example-file scan (comment stripping and block finding): blocks are ordered, inside
//! the file, non-overlapping, and their text can be uncommented.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mdbook_catalog::source::SourceFile;
use mdbook_catalog::terraform::blocks::uncommented_lines;
use mdbook_catalog::terraform::scan_module_blocks;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = SourceFile::new("x.tf.example", text.to_owned());
    let scan = scan_module_blocks(&file);
    let mut last = 0;
    for block in &scan.blocks {
        assert!(block.lines.first > last && block.lines.first <= block.lines.last);
        assert!(block.lines.last <= file.line_count());
        last = block.lines.last;
        let _ = uncommented_lines(&file, block.lines);
    }
    for problem in &scan.problems {
        assert!(problem.span.end <= text.len());
        let _ = file.line_col(problem.span.start);
    }
});
