//! Prose reference parsing in markdown, and the rewrite `fix` would make: spans are in
//! bounds, and rewriting the numbers keeps the text valid UTF-8 around them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mdbook_catalog::prose::scan;
use mdbook_catalog::render::encode;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let found = scan(text);
    for r in &found.refs {
        assert!(text.get(r.span.clone()).is_some());
        assert!(text.get(r.numbers.clone()).is_some());
        let rewritten = r.form.write(r.lines);
        let _ = format!("{}{rewritten}{}", &text[..r.numbers.start], &text[r.numbers.end..]);
    }
    for h in 0..found.headings.len() {
        let _ = found.parent(h);
    }
    let _ = found.section_at(text.len());
    let _ = encode::inline(text);
    let _ = encode::pre(text, "hcl");
});
