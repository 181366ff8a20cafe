//! Inputs the fuzzers found, replayed through the same code and properties as their fuzz
//! target (`fuzz/fuzz_targets/`). See FUZZING.md.

mod common;

use mdbook_catalog::source::SourceFile;
use mdbook_catalog::terraform::blocks::uncommented_lines;
use mdbook_catalog::terraform::scan_module_blocks;

#[test]
fn example_scan_regressions() {
    let dir = common::repo().join("tests/fuzz_regressions/example_scan");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let file = SourceFile::new("x.tf.example", text.clone());
        let scan = scan_module_blocks(&file);
        let mut last = 0;
        for block in &scan.blocks {
            assert!(
                block.lines.first > last && block.lines.first <= block.lines.last,
                "{}",
                path.display()
            );
            assert!(block.lines.last <= file.line_count());
            last = block.lines.last;
            let _ = uncommented_lines(&file, block.lines);
        }
        for problem in &scan.problems {
            assert!(problem.span.end <= text.len());
        }
    }
}

/// The render target's finds: a catalog field in a heading, decoded as mdBook's search index
/// joins a heading's text, opens no tag.
#[test]
fn render_regressions() {
    use mdbook_catalog::render::encode;
    use mdbook_markdown::pulldown_cmark::{Event, Tag, TagEnd};
    use mdbook_markdown::{MarkdownOptions, new_cmark_parser};
    let dir = common::repo().join("tests/fuzz_regressions/render");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let page = encode::finish(format!("# {}\n", encode::inline(&text)));
        let mut heading = false;
        let mut joined = String::new();
        for event in new_cmark_parser(&page, &MarkdownOptions::default()) {
            match event {
                Event::Start(Tag::Heading { .. }) => heading = true,
                Event::End(TagEnd::Heading(_)) => heading = false,
                Event::Text(s) | Event::Code(s) if heading => joined.push_str(&s),
                _ => {}
            }
        }
        let opened = common::audit::tags(&joined)
            .into_iter()
            .filter(|t| !t.end)
            .count();
        assert_eq!(opened, 0, "{}: {joined:?}", path.display());
    }
}
