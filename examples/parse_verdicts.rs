//! mdbook-catalog's verdict on each `.tf` file given, read as the tool reads one (UTF-8, then
//! [`mdbook_catalog::terraform::parse::body`]): one line per file, `PATH<TAB>ok` or
//! `PATH<TAB>error LINE:COLUMN MESSAGE`. Paths come as arguments, or one a line on stdin.
//! `tools/parity/run` compares these verdicts with HashiCorp's parser.
//! `cargo run --release --example parse_verdicts -- FILE...`

use std::io::{BufRead, Write};

use mdbook_catalog::terraform::parse;

fn verdict(path: &str) -> String {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => return format!("error 0:0 cannot read: {err}"),
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let before = &err.as_bytes()[..at];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
            return format!("error {line}:{column} the file is not valid UTF-8");
        }
    };
    match parse::body(&text) {
        Ok(_) => "ok".to_owned(),
        Err(err) => format!(
            "error {}:{} {}",
            err.line,
            err.column,
            err.message.replace('\n', " ")
        ),
    }
}

fn main() {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        paths = std::io::stdin()
            .lock()
            .lines()
            .map_while(Result::ok)
            .collect();
    }
    let mut out = std::io::stdout().lock();
    for path in paths.iter().filter(|p| !p.is_empty()) {
        if writeln!(out, "{path}\t{}", verdict(path)).is_err() {
            std::process::exit(2);
        }
    }
}
