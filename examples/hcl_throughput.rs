//! HCL parse throughput next to the physical floor: reads every `.tf` file under DIR, then
//! parses each as mdbook-catalog's module reader does (`terraform::parse::body`: masked, then hcl-edit) and
//! with hcl-edit on the text as it is, and prints the three rates, single-threaded.
//! `cargo run --release --example hcl_throughput -- DIR`

use std::path::{Path, PathBuf};
use std::time::Instant;

fn tf_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            tf_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "tf") {
            out.push(path);
        }
    }
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: hcl_throughput DIR");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    tf_files(Path::new(&dir), &mut files);
    files.sort();
    let start = Instant::now();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    let read = start.elapsed().as_secs_f64();
    let bytes: usize = texts.iter().map(String::len).sum();
    let parse = |mask: bool| {
        let start = Instant::now();
        let mut failed = 0;
        for text in &texts {
            let parsed = if mask {
                mdbook_catalog::terraform::parse::body(text).is_ok()
            } else {
                hcl::edit::parser::parse_body(text).is_ok()
            };
            failed += usize::from(!parsed);
        }
        (start.elapsed().as_secs_f64(), failed)
    };
    let (masked, failed) = parse(true);
    let (plain, _) = parse(false);
    let mb = bytes as f64 / 1e6;
    println!(
        "{} files, {:.1} MB: read {:.0} MB/s, parse {:.1} MB/s (hcl-edit alone {:.1} MB/s; single thread){}",
        texts.len(),
        mb,
        mb / read,
        mb / masked,
        mb / plain,
        if failed > 0 {
            format!(", {failed} did not parse")
        } else {
            String::new()
        }
    );
}
