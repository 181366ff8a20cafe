//! Directive finding and parsing in chapter text: spans are in bounds and on boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mdbook_catalog::render::directive::{find, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for found in find(text) {
        assert!(text.get(found.span.clone()).is_some());
        let _ = parse(&found.args);
    }
});
