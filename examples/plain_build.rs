//! Builds a book with mdBook alone (mdbook-driver, no mdbook-catalog preprocessor): the
//! baseline against which `bench/run` measures the preprocessor's overhead.
//! `cargo run --release --example plain_build -- BOOK_DIR`

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: plain_build BOOK_DIR");
        std::process::exit(2);
    };
    let result = mdbook_driver::MDBook::load(&dir).and_then(|book| book.build());
    if let Err(err) = result {
        eprintln!("error: {err:#}");
        std::process::exit(1);
    }
}
