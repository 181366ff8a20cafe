//! The checks besides the classifier (see tests/classifier.rs), table-driven and in-process:
//! each row is an example block's argument (or a catalog entry) and what `check` says of it.

use mdbook_catalog::check;
use mdbook_catalog::diag::{Code, Finding};
use mdbook_catalog::project::Project;

const EXAMPLE: &str = "terraform/envs/dev/example.tf.example";

/// `check`'s findings on `project` as (code, message, help), in the order reported.
fn findings(project: &Project) -> Vec<(&'static str, String, Vec<String>)> {
    check::run(project)
        .into_iter()
        .map(|f| (f.code.as_str(), f.message, f.help))
        .collect()
}

/// A catalog of one module, `m`, at `terraform/modules/m`.
const ONE_MODULE_CATALOG: &str = "[guide]\ntitle = \"Guide\"\n\n[modules.m]\nname = \"M\"\n\
    path = \"terraform/modules/m\"\nuse-case = \"Testing\"\ncost = \"~$1\"\n\
    enable = \"Always\"\ndoes = \"Things.\"\n";

/// A project without catalog whose example file holds `blocks` (each a `module` block's
/// body, without `source`), all instantiating `terraform/modules/typed` (`variables`), and
/// whose guide cites the whole file. Returns the findings of `code`, as (block index,
/// message, help).
fn argument_findings(
    variables: &str,
    blocks: &[&str],
    code: Code,
) -> Vec<(usize, String, Vec<String>)> {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| crate::common::write_file(dir.path(), path, text);
    write("terraform/modules/typed/variables.tf", variables);
    let mut example = String::new();
    let mut starts = Vec::new();
    for (i, body) in blocks.iter().enumerate() {
        starts.push(example.lines().count() + 1);
        example.push_str(&format!(
            "module \"case_{i}\" {{\n  source = \"../../modules/typed\"\n{body}\n}}\n\n"
        ));
    }
    write(EXAMPLE, &example);
    let lines = example.lines().count();
    let mut project = Project::without_catalog(dir.path(), &[]);
    project.add_markdown(
        &dir.path().join("GUIDE.md"),
        format!("# Guide\n\nAll: `/{EXAMPLE}` lines 1-{lines}.\n"),
        false,
    );
    let source = |f: &Finding| {
        let label = f.primary.as_ref().unwrap();
        project.sources.get(label.file).line_col(label.span.start).0
    };
    let block_of = |line: usize| starts.iter().rposition(|&s| s <= line).unwrap();
    check::run(&project)
        .iter()
        .filter(|f| f.code == code)
        .map(|f| (block_of(source(f)), f.message.clone(), f.help.clone()))
        .collect()
}

const TYPED: &str = r#"
variable "a_number" {
  type    = number
  default = 1
}
variable "a_bool" {
  type    = bool
  default = true
}
variable "a_string" {
  type    = string
  default = ""
}
variable "a_list" {
  type    = list(string)
  default = []
}
variable "a_set" {
  type    = set(string)
  default = []
}
variable "a_tuple" {
  type    = tuple([string])
  default = ["x"]
}
variable "a_map" {
  type    = map(string)
  default = {}
}
variable "an_object" {
  type = object({
    enabled = bool # on or off
  })
  default = { enabled = true }
}
variable "untyped" {
  default = null
}
"#;

#[test]
fn a_literal_contradicting_the_declared_type_is_a_type_mismatch() {
    // (argument as written, the message's "given ... type ..." or None when it fits)
    let rows: &[(&str, Option<&str>)] = &[
        ("a_number = 2", None),
        ("a_number = \"2\"", None),
        ("a_number = \" 2.5 \"", None),
        ("a_number = \"\"", None),
        ("a_number = null", None),
        ("a_number = var.count", None),
        (
            "a_number = \"two\"",
            Some("a string, but its type is `number`"),
        ),
        ("a_number = true", Some("a bool, but its type is `number`")),
        ("a_number = [1]", Some("a list, but its type is `number`")),
        (
            "a_number = { n = 1 }",
            Some("an object, but its type is `number`"),
        ),
        ("a_bool = true", None),
        ("a_bool = \"true\"", None),
        ("a_bool = \"false\"", None),
        ("a_bool = \"\"", None),
        ("a_bool = \"yes\"", Some("a string, but its type is `bool`")),
        ("a_bool = 1", Some("a number, but its type is `bool`")),
        ("a_bool = [true]", Some("a list, but its type is `bool`")),
        ("a_bool = {}", Some("an object, but its type is `bool`")),
        ("a_string = \"x\"", None),
        ("a_string = 1", None),
        ("a_string = true", None),
        (
            "a_string = [\"x\"]",
            Some("a list, but its type is `string`"),
        ),
        (
            "a_string = { x = 1 }",
            Some("an object, but its type is `string`"),
        ),
        ("a_list = []", None),
        // A template is a string whatever it interpolates; one that may be a number stays.
        (
            "a_list = \"${var.x}-a\"",
            Some("a string, but its type is `list(string)`"),
        ),
        (
            "a_list = <<EOT\n  x\n  EOT",
            Some("a string, but its type is `list(string)`"),
        ),
        ("a_number = \"${var.count}\"", None),
        (
            "a_list = \"x\"",
            Some("a string, but its type is `list(string)`"),
        ),
        (
            "a_list = 1",
            Some("a number, but its type is `list(string)`"),
        ),
        (
            "a_list = false",
            Some("a bool, but its type is `list(string)`"),
        ),
        (
            "a_list = {}",
            Some("an object, but its type is `list(string)`"),
        ),
        (
            "a_set = \"x\"",
            Some("a string, but its type is `set(string)`"),
        ),
        ("a_set = [\"x\"]", None),
        (
            "a_tuple = 1",
            Some("a number, but its type is `tuple([string])`"),
        ),
        ("a_tuple = [\"x\"]", None),
        ("a_map = {}", None),
        (
            "a_map = \"x\"",
            Some("a string, but its type is `map(string)`"),
        ),
        ("a_map = 1", Some("a number, but its type is `map(string)`")),
        (
            "a_map = true",
            Some("a bool, but its type is `map(string)`"),
        ),
        ("a_map = []", Some("a list, but its type is `map(string)`")),
        ("an_object = { enabled = false }", None),
        (
            "an_object = []",
            Some("a list, but its type is `object({ enabled = bool })`"),
        ),
        ("untyped = \"x\"", None),
        ("untyped = [1]", None),
    ];
    let blocks: Vec<String> = rows.iter().map(|(arg, _)| format!("  {arg}")).collect();
    let blocks: Vec<&str> = blocks.iter().map(String::as_str).collect();
    let found = argument_findings(TYPED, &blocks, Code::TypeMismatch);
    let mut got: Vec<Option<String>> = vec![None; rows.len()];
    for (block, message, _) in found {
        assert!(got[block].is_none(), "two findings for {}", rows[block].0);
        got[block] = Some(message);
    }
    let mut wrong = Vec::new();
    for ((arg, expected), got) in rows.iter().zip(&got) {
        let name = arg.split(' ').next().unwrap();
        let expected = expected.map(|e| format!("`{name}` is given {e}"));
        if got != &expected {
            wrong.push(format!("{arg}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_unknown_argument_gets_the_closest_name_or_the_list() {
    let variables = "variable \"node_type\" {\n  default = \"a\"\n}\n\
                     variable \"parameter_group_name\" {\n  default = \"b\"\n}\n\
                     variable \"port\" {\n  default = 1\n}\n";
    // (argument, the help line)
    let rows = [
        // Contained in a declared name, or containing one (4 characters or more).
        (
            "parameter_group = 1",
            "did you mean `parameter_group_name`?",
        ),
        ("cache_node_type = 1", "did you mean `node_type`?"),
        ("node = 1", "did you mean `node_type`?"),
        ("ports = 1", "did you mean `port`?"),
        // A typo.
        ("node_typ = 1", "did you mean `node_type`?"),
        (
            "zzz = 1",
            "`terraform/modules/typed` declares: node_type, parameter_group_name, port",
        ),
    ];
    let blocks: Vec<String> = rows.iter().map(|(arg, _)| format!("  {arg}")).collect();
    let blocks: Vec<&str> = blocks.iter().map(String::as_str).collect();
    let found = argument_findings(variables, &blocks, Code::UnknownArgument);
    let got: Vec<(usize, String)> = found
        .into_iter()
        .map(|(block, _, help)| (block, help.join("\n")))
        .collect();
    let expected: Vec<(usize, String)> = rows
        .iter()
        .enumerate()
        .map(|(i, (_, help))| (i, help.to_string()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn meta_arguments_are_no_variables_and_required_ones_must_be_set() {
    let variables = "variable \"name\" {\n  type = object({\n    # the name\n    first = string\n  })\n}\n\
                     variable \"size\" {\n  default = 1\n}\n";
    let blocks = [
        "  name = { first = \"a\" }\n  count = 1\n  for_each = {}\n  providers = {}\n  depends_on = []\n  version = \"1\"",
        "  size = 2",
    ];
    assert_eq!(
        argument_findings(variables, &blocks, Code::UnknownArgument),
        vec![]
    );
    let missing = argument_findings(variables, &blocks, Code::MissingRequired);
    assert_eq!(
        missing,
        vec![(
            1,
            "block `module \"case_1\"` does not set `name`, which `terraform/modules/typed` requires"
                .to_owned(),
            vec!["add `name = ...` (type object({ first = string }))".to_owned()]
        )]
    );
}

#[test]
fn a_clean_run_counts_what_it_proved() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| crate::common::write_file(dir.path(), path, text);
    write(
        "terraform/modules/cache/main.tf",
        "variable \"name\" {\n  type = string\n}\n\nvariable \"nodes\" {\n  default = 1\n}\n",
    );
    write(
        EXAMPLE,
        "module \"cache\" {\n  source     = \"../../modules/cache\"\n  count      = 1\n  depends_on = []\n  name       = \"a\"\n  nodes      = 2\n}\n",
    );
    write("docs/notes.md", "Notes.\n");
    write(
        "catalog.toml",
        &format!(
            "[guide]\ntitle = \"Guide\"\nexample = \"/{EXAMPLE}\"\n\n\
             [modules.cache]\nname = \"Cache\"\npath = \"terraform/modules/cache\"\n\
             use-case = \"Caching\"\ncost = \"~$1\"\nenable = \"Always\"\ndoes = \"Caches.\"\n\
             example = {{ lines = \"1-7\" }}\n\n\
             [[docs]]\npath = \"/docs/notes.md\"\nabout = \"Notes\"\n"
        ),
    );
    let mut project = Project::load(&dir.path().join("catalog.toml"), None).unwrap();
    project.add_markdown(
        &dir.path().join("GUIDE.md"),
        format!(
            "# Guide\n\nSee `/{EXAMPLE}` lines 1-7, again `/{EXAMPLE}` lines 1-7, \
             and `terraform/modules/cache`.\n\n\
             [Here](https://github.com/o/r/blob/main/{EXAMPLE}#L1-L7), not \
             [elsewhere](https://github.com/o/r/blob/main/nowhere.tf#L1-L7).\n"
        ),
        false,
    );
    assert_eq!(check::run(&project), vec![]);
    let proven = check::Proven::of(&project);
    // 1 in the catalog, 3 in the guide (a repository URL only when it names this
    // project's file); the block's `name` and `nodes` (not `source`, `count`,
    // `depends_on`), once however often it is cited; 1 document and 3 code spans.
    assert_eq!(
        (proven.references, proven.arguments, proven.paths),
        (4, 2, 4)
    );
    assert_eq!(
        proven.to_string(),
        "checked 4 references, 2 arguments, 4 paths: all true"
    );
    let one = check::Proven {
        references: 1,
        arguments: 1,
        paths: 1,
    };
    assert_eq!(
        one.to_string(),
        "checked 1 reference, 1 argument, 1 path: all true"
    );
    assert_eq!(
        one.with_baseline(1),
        "checked 1 reference, 1 argument, 1 path: nothing new (1 known finding in the baseline)"
    );
    assert_eq!(
        proven.with_baseline(2),
        "checked 4 references, 2 arguments, 4 paths: nothing new (2 known findings in the baseline)"
    );
}

#[test]
fn status_and_deprecation_against_where_modules_run() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| crate::common::write_file(dir.path(), path, text);
    for module in ["opt", "unused", "act", "idle", "old", "new", "gone"] {
        write(
            &format!("terraform/modules/{module}/main.tf"),
            "variable \"name\" {\n  default = \"x\"\n}\n",
        );
    }
    let uses = |module: &str| {
        format!("module \"{module}\" {{\n  source = \"../../modules/{module}\"\n}}\n")
    };
    write("terraform/environments/dev/main.tf", &uses("opt"));
    write("terraform/environments/prod/main.tf", &uses("act"));
    write("terraform/environments/staging/main.tf", &uses("old"));
    let mut catalog = String::from("[guide]\ntitle = \"Guide\"\n");
    for (module, status) in [
        ("opt", "optional"),
        ("unused", "optional"),
        ("act", "active"),
        ("idle", "active"),
    ] {
        catalog.push_str(&format!(
            "\n[modules.{module}]\nname = \"{module}\"\npath = \"terraform/modules/{module}\"\n\
             use-case = \"Testing\"\ncost = \"~$1\"\nenable = \"Always\"\ndoes = \"Things.\"\n\
             status = \"{status}\"\n"
        ));
    }
    catalog.push_str(
        "\n[summary]\ndeprecated = [\n\
         { path = \"terraform/modules/old\", replacement = \"terraform/modules/new\" },\n\
         { path = \"terraform/modules/gone\", replacement = \"terraform/modules/new\" },\n]\n",
    );
    write("catalog.toml", &catalog);
    let project = Project::load(&dir.path().join("catalog.toml"), None).unwrap();
    let found = findings(&project);
    assert_eq!(
        found,
        vec![
            (
                "status-mismatch",
                "module `opt` is marked optional, but dev instantiate it".to_owned(),
                vec![
                    "set `status = \"active\"`, or remove the module block from those environments"
                        .to_owned()
                ]
            ),
            (
                "status-mismatch",
                "module `idle` is marked active, but no environment instantiates it".to_owned(),
                vec!["set `status = \"optional\"`, or instantiate it in an environment".to_owned()]
            ),
            (
                "deprecated-in-use",
                "deprecated module `terraform/modules/old` is still instantiated in staging"
                    .to_owned(),
                vec!["move those environments to `terraform/modules/new`".to_owned()]
            ),
        ]
    );
}

#[test]
fn each_touched_block_instantiates_a_module_that_exists_and_is_catalogued() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| crate::common::write_file(dir.path(), path, text);
    let variables = "variable \"name\" {\n  default = \"x\"\n}\n";
    write("terraform/modules/cache/main.tf", variables);
    write("terraform/modules/queue/main.tf", variables);
    write("terraform/modules/empty/README.md", "No .tf here.\n");
    let sources = [
        "../../modules/cache",
        "../../modules/queue",
        "../../modules/empty",
        "../../modules/nothing",
        "../../../../outside",
        "terraform-aws-modules/vpc/aws",
    ];
    let example: String = sources
        .iter()
        .enumerate()
        .map(|(i, s)| format!("module \"b{i}\" {{\n  source = \"{s}\"\n}}\n"))
        .collect();
    write(EXAMPLE, &example);
    write(
        "catalog.toml",
        &format!(
            "[guide]\ntitle = \"Guide\"\nexample = \"/{EXAMPLE}\"\n\n\
             [modules.cache]\nname = \"Cache\"\npath = \"terraform/modules/cache\"\n\
             use-case = \"Caching\"\ncost = \"~$1\"\nenable = \"Always\"\ndoes = \"Caches.\"\n\
             example = {{ lines = \"1-3\" }}\n"
        ),
    );
    let verdicts = |project: &Project| -> Vec<(String, String)> {
        check::run(project)
            .into_iter()
            .filter(|f| !f.code.is_stale_reference())
            .map(|f| (f.code.as_str().to_owned(), f.message))
            .collect()
    };
    let guide = format!("# Guide\n\nAll of `/{EXAMPLE}` lines 1-18.\n");
    let mut project = Project::load(&dir.path().join("catalog.toml"), None).unwrap();
    project.add_markdown(&dir.path().join("GUIDE.md"), guide.clone(), false);
    let found = verdicts(&project);
    let expected = [
        (
            "uncatalogued-block",
            "block `module \"b1\"` instantiates `terraform/modules/queue`, which the catalog does not describe",
        ),
        (
            "module-missing",
            "block `module \"b2\"` uses `../../modules/empty`, which holds no module",
        ),
        (
            "module-missing",
            "block `module \"b3\"` uses `../../modules/nothing`, which holds no module",
        ),
        (
            "path-escapes-root",
            "block `module \"b4\"` uses `../../../../outside`, outside the project root",
        ),
        (
            "remote-source",
            "block `module \"b5\"` uses `terraform-aws-modules/vpc/aws`; its arguments are not checked",
        ),
    ];
    let mut found_sorted = found.clone();
    found_sorted.sort();
    let mut expected: Vec<(String, String)> = expected
        .iter()
        .map(|(c, m)| (c.to_string(), m.to_string()))
        .collect();
    expected.sort();
    assert_eq!(found_sorted, expected);

    // Without a catalog every module is welcome: no uncatalogued-block.
    let mut bare = Project::without_catalog(dir.path(), &[]);
    bare.add_markdown(&dir.path().join("GUIDE.md"), guide, false);
    let mut found = verdicts(&bare);
    found.sort();
    expected.retain(|(code, _)| code != "uncatalogued-block");
    assert_eq!(found, expected);
}

#[test]
fn a_prose_reference_to_a_file_that_cannot_be_read_says_why() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.tf.example"), "# outside\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("terraform")).unwrap();
    std::fs::write(root.join("terraform/latin1.tf.example"), b"# caf\xe9\n").unwrap();
    std::fs::create_dir_all(root.join("terraform/dir.tf.example")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("terraform/out")).unwrap();
    // (path as written, code, the message after the path)
    let rows = [
        (
            "/terraform/missing.tf.example",
            "broken-path",
            "does not exist",
        ),
        (
            "/terraform/latin1.tf.example",
            "broken-path",
            "cannot be read: not valid UTF-8 (invalid utf-8 sequence of 1 bytes from index 5)",
        ),
        (
            "/terraform/dir.tf.example",
            "broken-path",
            "cannot be read: it is a directory, not a regular file",
        ),
        (
            "/terraform/out/x.tf.example",
            "path-escapes-root",
            "it leads outside the project root through a symbolic link",
        ),
        (
            "../../x.tf.example",
            "path-escapes-root",
            "points outside the project root",
        ),
    ];
    let guide: String = rows
        .iter()
        .map(|(path, _, _)| format!("See `{path}` lines 1-2.\n\n"))
        .collect();
    let mut project = Project::without_catalog(root, &[]);
    project.add_markdown(&root.join("GUIDE.md"), guide, false);
    let found: Vec<(String, String)> = check::run(&project)
        .into_iter()
        .map(|f| (f.code.as_str().to_owned(), f.message))
        .collect();
    let mut expected: Vec<(String, String)> = rows
        .iter()
        .map(|(path, code, why)| (code.to_string(), format!("`{path}` {why}")))
        .collect();
    expected.sort();
    let mut found = found;
    found.sort();
    assert_eq!(found, expected);
}

#[test]
fn cited_paths_in_chapters_leave_chapter_links_to_mdbook() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("docs")).unwrap();
    std::fs::write(root.join("docs/there.md"), "x\n").unwrap();
    std::fs::write(root.join("e.tf.example"), "# nothing\n").unwrap();
    // Relative `.md` and `.html` links in a chapter are between chapters: mdBook's. Absolute
    // ones, and other files, are repository paths. A path inside a reference is the
    // reference's to report (once).
    let text = "[a](other.md) [b](page.html#x) [c](/docs/gone.md) [d](notes.txt) \
                [e](/docs/there.md) `docs/missing.md` `/e.tf.example` lines 3-4 \
                `/gone.tf.example` lines 1-2\n";
    let findings = |chapter: bool| -> Vec<(String, String)> {
        let mut project = Project::without_catalog(root, &[]);
        project.add_markdown(&root.join("chapter.md"), text.to_owned(), chapter);
        let mut found: Vec<(String, String)> = check::run(&project)
            .into_iter()
            .map(|f| (f.code.as_str().to_owned(), f.message))
            .collect();
        found.sort();
        found
    };
    let mut expected = vec![
        ("broken-path", "`/docs/gone.md` does not exist"),
        ("broken-path", "`/gone.tf.example` does not exist"),
        ("broken-path", "`docs/missing.md` does not exist"),
        ("broken-path", "`notes.txt` does not exist"),
        (
            "ref-out-of-range",
            "the guide cites `/e.tf.example` lines 3-4, but the file has 1 line",
        ),
    ];
    let owned = |e: &[(&str, &str)]| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = e
            .iter()
            .map(|(c, m)| (c.to_string(), m.to_string()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(findings(true), owned(&expected));
    // Outside a chapter every link is a path.
    expected.push(("broken-path", "`other.md` does not exist"));
    expected.push(("broken-path", "`page.html` does not exist"));
    assert_eq!(findings(false), owned(&expected));
}

#[test]
fn code_spans_in_catalog_text_are_paths_at_their_own_place() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("terraform/modules/cache")).unwrap();
    std::fs::write(
        root.join("terraform/modules/cache/main.tf"),
        "variable \"name\" {\n  default = \"x\"\n}\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("docs")).unwrap();
    std::fs::write(root.join("docs/there.md"), "x\n").unwrap();
    let catalog = "[guide]\ntitle = \"Guide\"\nsteps = [\"Read `docs/there.md`, then `docs/first.md`\"]\n\n\
                   [modules.cache]\nname = \"Cache\"\npath = \"terraform/modules/cache\"\n\
                   use-case = \"Caching\"\ncost = \"~$1\"\nenable = \"Always\"\n\
                   does = \"See [the notes](docs/linked.md) and `docs/second.md`.\"\n";
    std::fs::write(root.join("catalog.toml"), catalog).unwrap();
    let project = Project::load(&root.join("catalog.toml"), None).unwrap();
    let found: Vec<(String, String, String)> = check::run(&project)
        .into_iter()
        .map(|f| {
            let at = f.primary.unwrap();
            let text = &project.sources.get(at.file).text;
            (
                f.code.as_str().to_owned(),
                f.message,
                text[at.span].to_owned(),
            )
        })
        .collect();
    // Each at its own code span, in the first table and in a later one; a link in catalog
    // text is not a path (rendered as a link, it is checked where it is shown).
    assert_eq!(
        found,
        vec![
            (
                "broken-path".to_owned(),
                "`docs/first.md` does not exist".to_owned(),
                "`docs/first.md`".to_owned()
            ),
            (
                "broken-path".to_owned(),
                "`docs/second.md` does not exist".to_owned(),
                "`docs/second.md`".to_owned()
            ),
        ]
    );
}

#[test]
fn paths_the_catalog_cites_exist_and_are_what_they_should_be() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |path: &str, text: &[u8]| crate::common::write_file(root, path, text);
    let tf = b"variable \"name\" {\n  default = \"x\"\n}\n";
    write("terraform/modules/ok/main.tf", tf);
    write("terraform/modules/new/main.tf", tf);
    write("terraform/modules/notf/README.md", b"no .tf\n");
    write("terraform/modules/afile", b"a file\n");
    write("docs/ok.md", b"x\n");
    write("examples/latin1.tf.example", b"# caf\xe9\n");
    std::fs::create_dir_all(root.join("examples/dir.tf.example")).unwrap();
    std::fs::create_dir_all(root.join("docs/adir")).unwrap();
    let fifo = std::ffi::CString::new(
        root.join("docs/fifo.md")
            .into_os_string()
            .into_encoded_bytes(),
    );
    assert_eq!(unsafe { libc::mkfifo(fifo.unwrap().as_ptr(), 0o600) }, 0);
    let module = |id: &str, path: &str, example: &str| {
        format!(
            "\n[modules.{id}]\nname = \"{id}\"\npath = \"{path}\"\nuse-case = \"x\"\ncost = \"x\"\n\
             enable = \"x\"\ndoes = \"x\"\n{example}"
        )
    };
    let mut catalog = String::from("[guide]\ntitle = \"Guide\"\n");
    catalog += &module("ok", "terraform/modules/ok", "");
    catalog += &module("notf", "terraform/modules/notf", "");
    catalog += &module("afile", "terraform/modules/afile", "");
    catalog += &module("gone", "terraform/modules/gone", "");
    catalog += &module("up", "../elsewhere", "");
    catalog += &module(
        "latin",
        "terraform/modules/ok",
        "example = { file = \"/examples/latin1.tf.example\", lines = \"1\" }\n",
    );
    catalog += &module(
        "dir",
        "terraform/modules/ok",
        "example = { file = \"/examples/dir.tf.example\", lines = \"1\" }\n",
    );
    catalog += &module(
        "missing",
        "terraform/modules/ok",
        "example = { file = \"/examples/missing.tf.example\", lines = \"1\" }\n",
    );
    catalog += "\n[summary]\ndeprecated = [\n\
                { path = \"terraform/modules/ok\", replacement = \"terraform/modules/new\" },\n\
                { path = \"terraform/modules/old\", replacement = \"terraform/modules/newer\" },\n]\n\n\
                [[docs]]\npath = \"/docs/ok.md\"\nabout = \"x\"\n\n\
                [[docs]]\npath = \"/docs/adir\"\nabout = \"x\"\n\n\
                [[docs]]\npath = \"/docs/fifo.md\"\nabout = \"x\"\n\n\
                [[docs]]\npath = \"/docs/none.md\"\nabout = \"x\"\n";
    write("catalog.toml", catalog.as_bytes());
    let project = Project::load(&root.join("catalog.toml"), None).unwrap();
    let mut found: Vec<(String, String)> = check::run(&project)
        .into_iter()
        .filter(|f| !f.code.is_stale_reference())
        .map(|f| (f.code.as_str().to_owned(), f.message))
        .collect();
    found.sort();
    let mut expected: Vec<(String, String)> = [
        ("broken-path", "module directory `terraform/modules/notf` holds no .tf files"),
        ("broken-path", "module directory `terraform/modules/afile` does not exist"),
        ("broken-path", "module directory `terraform/modules/gone` does not exist"),
        ("path-escapes-root", "`../elsewhere` points outside the project root"),
        (
            "broken-path",
            "example file `/examples/latin1.tf.example` cannot be read: not valid UTF-8 (invalid utf-8 sequence of 1 bytes from index 5)",
        ),
        ("broken-path", "example file `/examples/dir.tf.example` is a directory"),
        ("broken-path", "example file `/examples/missing.tf.example` does not exist"),
        ("broken-path", "deprecated module `terraform/modules/old` does not exist"),
        ("broken-path", "replacement module `terraform/modules/newer` does not exist"),
        ("broken-path", "document `/docs/adir` is a directory"),
        (
            "broken-path",
            "document `/docs/fifo.md`: it is a FIFO, not a regular file",
        ),
        ("broken-path", "document `/docs/none.md` does not exist"),
    ]
    .iter()
    .map(|(c, m)| (c.to_string(), m.to_string()))
    .collect();
    expected.sort();
    assert_eq!(found, expected);
}

#[test]
fn an_environments_directory_that_is_a_file_cannot_be_read_and_one_leading_out_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| crate::common::write_file(dir.path(), path, text);
    write("terraform/modules/m/main.tf", "variable \"name\" {}\n");
    write("catalog.toml", ONE_MODULE_CATALOG);
    write("terraform/environments", "not a directory\n");
    let error = Project::load(&dir.path().join("catalog.toml"), None)
        .expect_err("an environments directory that is a file is an error");
    let error = error.to_string();
    assert!(
        error.starts_with("cannot read `")
            && error.ends_with("/terraform/environments`: it is a regular file, not a directory"),
        "{error}"
    );

    let outside = tempfile::tempdir().unwrap();
    std::fs::remove_file(dir.path().join("terraform/environments")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("terraform/environments")).unwrap();
    let project = Project::load(&dir.path().join("catalog.toml"), None).unwrap();
    let found: Vec<&str> = check::run(&project)
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    assert_eq!(found, ["path-escapes-root"]);

    // Inside a real environments directory: an environment leading out is refused, a
    // dangling link is no environment.
    std::fs::remove_file(dir.path().join("terraform/environments")).unwrap();
    write("terraform/environments/dev/main.tf", "locals {}\n");
    let envs = dir.path().join("terraform/environments");
    std::os::unix::fs::symlink(outside.path(), envs.join("evil")).unwrap();
    std::os::unix::fs::symlink("nowhere", envs.join("dangling")).unwrap();
    // In an environment, every `*.tf` Terraform reads: one leading out is refused, a hidden
    // one is not read (Terraform ignores it), a directory is no file.
    std::fs::write(outside.path().join("secret.tf"), "locals {}\n").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.tf"), envs.join("dev/out.tf")).unwrap();
    write("terraform/environments/dev/.draft.tf", "module \"x\" {\n");
    std::fs::create_dir(envs.join("dev/dir.tf")).unwrap();
    let project = Project::load(&dir.path().join("catalog.toml"), None).unwrap();
    let found = findings(&project);
    let escapes = |what: &str, help: &str| {
        (
            "path-escapes-root",
            format!(
                "`terraform/environments/{what}` under environments-dir `terraform/environments` \
                 is not read: it leads outside the project root through a symbolic link"
            ),
            vec![help.to_owned()],
        )
    };
    let inside =
        "Terraform files must lie inside the project, or in a directory `allow-paths` admits";
    assert_eq!(
        found,
        [escapes("dev/out.tf", inside), escapes("evil", inside)]
    );
}

#[test]
fn every_tf_entry_terraform_reads_in_a_module_is_read_or_reported() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| crate::common::write_file(dir.path(), path, text);
    let module = dir.path().join("terraform/modules/m");
    write("terraform/modules/m/main.tf", "variable \"name\" {}\n");
    // Terraform ignores hidden files; this one would not parse.
    write("terraform/modules/m/.draft.tf", "variable \"x\" {\n");
    std::fs::create_dir(module.join("dir.tf")).unwrap();
    std::os::unix::fs::symlink("nowhere.tf", module.join("gone.tf")).unwrap();
    std::fs::write(outside.path().join("secret.tf"), "variable \"s\" {}\n").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.tf"), module.join("out.tf")).unwrap();
    write("catalog.toml", ONE_MODULE_CATALOG);
    let project = Project::load(&dir.path().join("catalog.toml"), None).unwrap();
    let found = findings(&project);
    assert_eq!(
        found,
        [
            (
                "broken-path",
                "module `terraform/modules/m`: `terraform/modules/m/gone.tf` is not read: it is \
                 a dangling symbolic link"
                    .to_owned(),
                vec![
                    "Terraform reads every `*.tf` entry of the directory: make it readable, or \
                     remove it"
                        .to_owned()
                ]
            ),
            (
                "path-escapes-root",
                "module `terraform/modules/m`: `terraform/modules/m/out.tf` is not read: it \
                 leads outside the project root through a symbolic link"
                    .to_owned(),
                vec![
                    "Terraform files must lie inside the project, or in a directory \
                     `allow-paths` admits"
                        .to_owned()
                ]
            ),
        ]
    );
    let names: Vec<&str> = project
        .interface(std::path::Path::new("terraform/modules/m"))
        .unwrap()
        .variables
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(names, ["name"]);
}
