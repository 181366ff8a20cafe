//! The file-system boundary (issue 17): every path the tool opens or writes is resolved,
//! symbolic links included, and refused with `path-escapes-root` unless it lies inside the
//! project root or a directory `allow-paths` admits; anything that is not a regular file
//! where a file is expected (a FIFO) is an error at once, never a hang. Each case works on a
//! copy of `tests/fixtures/base` and a sentinel directory outside it, and runs the binary
//! under a timeout so that a regression fails instead of hanging.

mod common;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SECRET: &str = "SENTINEL_OUTSIDE_THE_ROOT";
const EXAMPLE: &str = "terraform/envs/dev/example.tf.example";
const MODULE: &str = "terraform/modules/cache";

/// A project (copy of the base fixture) and a directory outside it holding the sentinel.
struct Case {
    project: tempfile::TempDir,
    outside: tempfile::TempDir,
}

impl Case {
    fn new() -> Case {
        let case = Case {
            project: common::fixture_case("base"),
            outside: tempfile::tempdir().unwrap(),
        };
        std::fs::write(case.out("secret.txt"), format!("{SECRET}\n")).unwrap();
        case
    }

    fn root(&self) -> &Path {
        self.project.path()
    }

    fn at(&self, path: &str) -> PathBuf {
        self.project.path().join(path)
    }

    fn out(&self, path: &str) -> PathBuf {
        self.outside.path().join(path)
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.at(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn write_out(&self, path: &str, text: &str) {
        let path = self.out(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Replaces `path` in the project by a symbolic link to `target`.
    fn link(&self, target: impl AsRef<Path>, path: &str) {
        let path = self.at(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&path);
        symlink(target, path).unwrap();
    }

    /// Replaces `path` in the project by a FIFO nobody writes to.
    fn fifo(&self, path: &str) {
        let path = self.at(path);
        let _ = std::fs::remove_file(&path);
        let status = Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(status.success());
    }

    fn catalog_with(&self, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.at("catalog.toml")).unwrap();
        assert!(text.contains(from), "{from}");
        std::fs::write(self.at("catalog.toml"), text.replace(from, to)).unwrap();
    }

    fn run(&self, args: &[&str]) -> (i32, String) {
        run_in(self.root(), args)
    }

    /// Every byte of every file under the project (the build output included).
    fn all_output(&self) -> String {
        let mut text = String::new();
        let mut stack = vec![self.root().to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let t = entry.file_type().unwrap();
                if t.is_dir() {
                    stack.push(entry.path());
                } else if t.is_file() {
                    text.push_str(&String::from_utf8_lossy(
                        &std::fs::read(entry.path()).unwrap(),
                    ));
                }
            }
        }
        text
    }
}

/// Runs the binary in `dir` with a timeout: a hang (a FIFO opened for reading) fails the
/// test instead of blocking the suite.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = tempfile::tempdir().unwrap();
    let (stdout, stderr) = (out.path().join("out"), out.path().join("err"));
    let mut child = common::bin()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!(
                "`mdbook-catalog {}` hung (killed after 60 s)",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let text = std::fs::read_to_string(stderr).unwrap() + &std::fs::read_to_string(stdout).unwrap();
    (status.code().unwrap_or(-1), text)
}

#[track_caller]
/// Runs `args` in `case`: the exit code is `code` and the output, returned, holds every
/// needle.
fn expect(case: &Case, args: &[&str], code: i32, needles: &[&str]) -> String {
    let (got, out) = case.run(args);
    assert_eq!(got, code, "{args:?}: {out}");
    assert_has(&out, needles);
    out
}

fn assert_has(output: &str, needles: &[&str]) {
    for needle in needles {
        assert!(output.contains(needle), "no `{needle}` in:\n{output}");
    }
}

// --- `.tf` files of a module directory ---

/// A `.tf` file that is a link to a file outside: not read, reported at the catalog's
/// `path` of the module, and its text reaches neither `check`, `module` nor the book.
#[test]
fn module_tf_linked_to_a_file_outside_is_refused() {
    let case = Case::new();
    case.write_out(
        "evil.tf",
        &format!("variable \"{SECRET}\" {{\n  type = string\n}}\n"),
    );
    case.link(case.out("evil.tf"), &format!("{MODULE}/evil.tf"));

    expect(
        &case,
        &["check"],
        1,
        &[
            "error[path-escapes-root]",
            "catalog.toml:7:8",
            "evil.tf",
            "symbolic link",
        ],
    );

    let out = expect(
        &case,
        &["module", MODULE],
        1,
        &["error[path-escapes-root]", "evil.tf"],
    );
    assert!(!out.contains(SECRET), "{out}");

    let (code, out) = case.run(&["build", "book"]);
    assert_ne!(code, 0, "{out}");
    assert!(!case.all_output().contains(SECRET));
}

/// A link inside the module to a file elsewhere in the project is fine, and so is one to a
/// directory `--allow` admits.
#[test]
fn module_tf_linked_inside_or_to_an_allowed_dir_is_read() {
    let case = Case::new();
    case.write(
        "terraform/shared/versions.tf",
        "variable \"region\" {\n  default = \"eu\"\n}\n",
    );
    case.link("../../shared/versions.tf", &format!("{MODULE}/versions.tf"));
    case.write_out(
        "allowed/extra.tf",
        "variable \"extra\" {\n  default = \"x\"\n}\n",
    );
    case.link(case.out("allowed/extra.tf"), &format!("{MODULE}/extra.tf"));
    let allowed = case.out("allowed");
    let (code, out) = case.run(&["check", "--allow", allowed.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    expect(
        &case,
        &["check"],
        1,
        &["error[path-escapes-root]", "extra.tf"],
    );
    assert!(!out.contains("versions.tf"), "{out}");
}

/// A `.tf` entry that is a FIFO: an error at once from `check`, `module` and `build`.
#[test]
fn module_tf_fifo_is_an_error_not_a_hang() {
    let case = Case::new();
    case.fifo(&format!("{MODULE}/pipe.tf"));
    expect(
        &case,
        &["check"],
        1,
        &["error[broken-path]", "pipe.tf", "a FIFO"],
    );
    expect(&case, &["module", MODULE], 1, &["pipe.tf", "a FIFO"]);
    expect(&case, &["build", "book"], 1, &["pipe.tf", "a FIFO"]);
}

// --- example files ---

/// The catalog's example file as a FIFO: `check` and `build` fail at once, naming the
/// catalog line that cites it.
#[test]
fn example_fifo_is_an_error_not_a_hang() {
    let case = Case::new();
    case.fifo(EXAMPLE);
    expect(
        &case,
        &["check"],
        1,
        &[
            "error[broken-path]",
            "catalog.toml:3:11",
            "it is a FIFO, not a regular file",
        ],
    );
    expect(
        &case,
        &["build", "book"],
        1,
        &["catalog.toml:3:11", "a FIFO"],
    );
    // A prose reference to it, in markdown given to `check`, as well.
    case.write("GUIDE.md", &format!("# G\n\nSee `/{EXAMPLE}` lines 3-7.\n"));
    expect(&case, &["check", "GUIDE.md"], 1, &["GUIDE.md:3:", "a FIFO"]);
}

/// Example files that are links: to a file outside (refused, on `check` and `build`), to a
/// directory outside (refused), dangling and looping (cannot be read, said plainly).
#[test]
fn example_links_out_dangling_and_looping() {
    let case = Case::new();
    case.write_out(
        "example.tf.example",
        &std::fs::read_to_string(case.at(EXAMPLE))
            .unwrap()
            .replace("dev-cache", SECRET),
    );
    case.link(case.out("example.tf.example"), EXAMPLE);
    expect(
        &case,
        &["check"],
        1,
        &["error[path-escapes-root]", "catalog.toml:3:11"],
    );
    let (code, _) = case.run(&["build", "book"]);
    assert_ne!(code, 0);
    assert!(!case.all_output().contains(SECRET));

    // The example's directory is a link to a directory outside.
    let case = Case::new();
    std::fs::create_dir_all(case.out("envdir")).unwrap();
    std::fs::copy(case.at(EXAMPLE), case.out("envdir/example.tf.example")).unwrap();
    std::fs::remove_dir_all(case.at("terraform/envs/dev")).unwrap();
    case.link(case.out("envdir"), "terraform/envs/dev");
    expect(
        &case,
        &["check"],
        1,
        &["error[path-escapes-root]", "catalog.toml:3:11"],
    );

    let case = Case::new();
    case.link("nowhere.tf.example", EXAMPLE);
    expect(
        &case,
        &["check"],
        1,
        &[
            "error[broken-path]",
            "catalog.toml:3:11",
            "dangling symbolic link",
        ],
    );

    let case = Case::new();
    case.link("example.tf.example", EXAMPLE);
    expect(
        &case,
        &["check"],
        1,
        &["error[broken-path]", "catalog.toml:3:11", "cannot be read"],
    );
}

/// `..` and absolute example paths in the catalog are refused, not read.
#[test]
fn example_paths_with_dotdot_or_absolute_are_refused() {
    for cited in [
        "../../../../../../../etc/passwd",
        "/../../../../../../etc/passwd",
    ] {
        let case = Case::new();
        case.catalog_with(
            "example = \"/terraform/envs/dev/example.tf.example\"",
            &format!("example = \"{cited}\""),
        );
        let (code, out) = case.run(&["check"]);
        assert_eq!(code, 1, "{out}");
        assert_has(&out, &["error[path-escapes-root]", "catalog.toml:3:11"]);
        assert!(!out.contains("root:x:0"), "{out}");
    }
}

// --- the catalog and markdown named on the command line ---

/// catalog.toml as a link to a catalog outside the root, or as a FIFO: exit 2 naming it.
#[test]
fn catalog_linked_out_or_fifo_is_refused() {
    let case = Case::new();
    std::fs::copy(case.at("catalog.toml"), case.out("catalog.toml")).unwrap();
    case.link(case.out("catalog.toml"), "catalog.toml");
    expect(
        &case,
        &["check"],
        2,
        &["path-escapes-root", "catalog.toml", "symbolic link"],
    );

    let case = Case::new();
    case.fifo("catalog.toml");
    expect(
        &case,
        &["check", "--catalog", "catalog.toml"],
        2,
        &["catalog.toml", "a FIFO"],
    );
    expect(&case, &["build", "book"], 2, &["catalog.toml", "a FIFO"]);
}

/// A markdown file given to `check` that is a FIFO, or a link leading out: exit 2 at once.
#[test]
fn markdown_argument_fifo_or_linked_out_is_refused() {
    let case = Case::new();
    case.fifo("GUIDE.md");
    expect(
        &case,
        &["check", "GUIDE.md"],
        2,
        &["cannot read `GUIDE.md`", "a FIFO"],
    );

    let case = Case::new();
    case.link(case.out("secret.txt"), "GUIDE.md");
    expect(
        &case,
        &["check", "GUIDE.md"],
        2,
        &["path-escapes-root", "GUIDE.md", "symbolic link"],
    );
}

// --- environments-dir ---

/// An environment outside the root that instantiates the module, to be refused.
fn outside_environment(case: &Case) {
    case.write_out(
        "envs/prod/main.tf",
        &format!("module \"{SECRET}\" {{\n  source = \"../../modules/cache\"\n}}\n"),
    );
}

/// `environments-dir` absolute, or climbing out with `..`: refused at the key, not followed.
#[test]
fn environments_dir_absolute_or_dotdot_is_refused() {
    let case = Case::new();
    let relative = Path::new("..")
        .join(case.outside.path().strip_prefix("/").unwrap())
        .to_string_lossy()
        .into_owned();
    // Enough `..` to reach `/` from any temporary directory.
    let climbing = format!("{}{relative}", "../".repeat(20));
    for dir in [
        case.out("envs").to_string_lossy().into_owned(),
        climbing,
        "terraform/../terraform/environments".to_owned(),
    ] {
        let case = Case::new();
        outside_environment(&case);
        case.catalog_with(
            "[guide]\n",
            &format!("[guide]\nenvironments-dir = \"{dir}\"\n"),
        );
        let (code, out) = case.run(&["check"]);
        assert_eq!(code, 1, "{dir}: {out}");
        assert_has(
            &out,
            &[
                "error[path-escapes-root]",
                "catalog.toml:2:20",
                "environments-dir",
            ],
        );
        assert!(!out.contains(SECRET), "{out}");
    }
}

/// The environments directory, an environment, or an environment's `.tf` file as a link
/// leading out: refused, naming the path, at the `environments-dir` key.
#[test]
fn environments_linked_out_are_refused() {
    // The directory itself (the default `terraform/environments`).
    let case = Case::new();
    outside_environment(&case);
    case.link(case.out("envs"), "terraform/environments");
    let out = expect(
        &case,
        &["check"],
        1,
        &[
            "error[path-escapes-root]",
            "environments-dir `terraform/environments`",
        ],
    );
    assert!(!out.contains(SECRET), "{out}");

    // One environment.
    let case = Case::new();
    outside_environment(&case);
    case.link(case.out("envs/prod"), "terraform/environments/prod");
    expect(
        &case,
        &["check"],
        1,
        &["error[path-escapes-root]", "terraform/environments/prod"],
    );

    // One `.tf` file, with the key written in the catalog: the finding points at it.
    let case = Case::new();
    outside_environment(&case);
    case.link(
        case.out("envs/prod/main.tf"),
        "terraform/environments/prod/main.tf",
    );
    case.catalog_with(
        "[guide]\n",
        "[guide]\nenvironments-dir = \"terraform/environments\"\n",
    );
    expect(
        &case,
        &["check"],
        1,
        &[
            "error[path-escapes-root]",
            "catalog.toml:2:20",
            "terraform/environments/prod/main.tf",
        ],
    );

    // A loop and a dangling link are skipped, as a missing environment is.
    let case = Case::new();
    case.link("loop", "terraform/environments/loop");
    case.link("nowhere", "terraform/environments/gone");
    let (code, out) = case.run(&["check"]);
    assert_eq!(code, 0, "{out}");
}

// --- the book: chapters and generated pages ---

/// `pages-dir` with a `..` that climbs out of the book's `src`, or absolute: the build
/// fails and writes no page outside.
#[test]
fn pages_dir_outside_src_is_refused() {
    for pages in ["../../../escaped", "/tmp/escaped-pages", "modules/../../x"] {
        let case = Case::new();
        let book_toml = case.at("book/book.toml");
        let config = std::fs::read_to_string(&book_toml).unwrap()
            + &format!("modules-chapter = \"cache.md\"\npages-dir = \"{pages}\"\n");
        std::fs::write(&book_toml, config).unwrap();
        let (code, out) = case.run(&["build", "book"]);
        assert_eq!(code, 2, "{pages}: {out}");
        assert_has(&out, &["path-escapes-root", "pages-dir", pages]);
        assert!(!case.at("escaped").exists());
    }
    // A `..` that stays inside is fine.
    let case = Case::new();
    let book_toml = case.at("book/book.toml");
    let config = std::fs::read_to_string(&book_toml).unwrap()
        + "modules-chapter = \"cache.md\"\npages-dir = \"a/../modules\"\n";
    std::fs::write(&book_toml, config).unwrap();
    let (code, out) = case.run(&["build", "book"]);
    assert_eq!(code, 0, "{out}");
}

/// A chapter that is a link to a file outside the project: the build fails, nothing of it
/// is published.
#[test]
fn chapter_linked_out_is_refused() {
    let case = Case::new();
    case.write_out("chapter.md", &format!("# Leak\n\n{SECRET}\n"));
    case.write(
        "book/src/SUMMARY.md",
        "# Summary\n\n- [Cache](cache.md)\n- [Leak](leak.md)\n",
    );
    case.link(case.out("chapter.md"), "book/src/leak.md");
    let (code, out) = case.run(&["build", "book"]);
    assert_ne!(code, 0, "{out}");
    assert_has(&out, &["path-escapes-root", "leak.md"]);
    assert!(!case.all_output().contains(SECRET));
}

/// A chapter that is a FIFO: `build` refuses it before mdBook would open it and wait.
#[test]
fn chapter_fifo_is_an_error_not_a_hang() {
    let case = Case::new();
    std::fs::remove_file(case.at("book/src/cache.md")).unwrap();
    case.fifo("book/src/cache.md");
    expect(
        &case,
        &["build", "book"],
        2,
        &["cache.md", "not a regular file"],
    );
}

/// A template override in the theme that is a link to a file outside: refused.
#[test]
fn theme_template_linked_out_is_refused() {
    let case = Case::new();
    case.write_out("module.md.tera", SECRET);
    case.link(
        case.out("module.md.tera"),
        "book/theme/catalog/module.md.tera",
    );
    expect(
        &case,
        &["build", "book"],
        2,
        &["module.md.tera", "symbolic link"],
    );
    assert!(!case.all_output().contains(SECRET));
}

// --- init ---

/// `init` reading a module README that is a link leading out, or a FIFO: exit 2 naming it,
/// nothing written. An example file linked out likewise.
#[test]
fn init_refuses_readme_or_example_linked_out_or_fifo() {
    let prepare = |case: &Case| {
        std::fs::remove_file(case.at("catalog.toml")).unwrap();
    };
    let case = Case::new();
    prepare(&case);
    case.link(case.out("secret.txt"), &format!("{MODULE}/README.md"));
    expect(
        &case,
        &["init"],
        2,
        &["path-escapes-root", "README.md", "symbolic link"],
    );
    assert!(!case.at("catalog.toml").exists());

    let case = Case::new();
    prepare(&case);
    case.fifo(&format!("{MODULE}/README.md"));
    expect(&case, &["init"], 2, &["README.md", "a FIFO"]);

    let case = Case::new();
    prepare(&case);
    case.link(case.out("secret.txt"), "terraform/envs/dev/leak.tf.example");
    expect(
        &case,
        &["init"],
        2,
        &["path-escapes-root", "leak.tf.example"],
    );

    // A README inside the project is still read.
    let case = Case::new();
    prepare(&case);
    case.write(
        &format!("{MODULE}/README.md"),
        "# Cache\n\nA cache for reads.\n",
    );
    let (code, out) = case.run(&["init"]);
    assert_eq!(code, 0, "{out}");
    let catalog = std::fs::read_to_string(case.at("catalog.toml")).unwrap();
    assert!(catalog.contains("A cache for reads."), "{catalog}");
}
