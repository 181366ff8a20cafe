//! Paths cited in backticks or as links, in markdown and in catalog text, exist under the
//! project root (`broken-path`). A code span counts as a path when its first component
//! exists at the root (`terraform/...`, `/terraform/...`) or, written with a leading `/`, is
//! a likely typo of one (`/terafrom/...`), or names a file of a kind repositories hold
//! (`/docs/guide.md`): so `iam/irsa_mlflow` written relative to the modules directory is
//! prose, and so are `/etc/hosts`, `/ping` and `/aws/vendedlogs/`, which name things outside
//! any repository.

use std::ops::Range;

use crate::diag::{Code, Finding, Label};
use crate::project::{MarkdownDoc, Project};
use crate::prose::CitedPath;
use crate::source::FileId;

pub fn check(project: &Project) -> Vec<Finding> {
    let mut findings = Vec::new();
    let top = TopLevel::of(project);
    for doc in &project.markdown {
        // References are in text order and do not overlap: the one that could hold a path
        // is found by a binary search.
        let refs: Vec<&Range<usize>> = doc.scan.refs.iter().map(|r| &r.span).collect();
        for cited in &doc.scan.paths {
            // References report their own missing files.
            let i = refs.partition_point(|r| r.start <= cited.span.start);
            if i > 0 && cited.span.end <= refs[i - 1].end {
                continue;
            }
            findings.extend(check_path(
                project,
                &top,
                doc,
                cited,
                doc.file,
                cited.span.clone(),
            ));
        }
    }
    findings.extend(catalog_text(project, &top));
    findings
}

/// Extensions of the files a guide cites in its own repository (`/.spacelift/config.yml` or
/// `/etc/app.json` may well be a reader's or a machine's).
const REPOSITORY_FILES: [&str; 5] = ["md", "tf", "example", "tfvars", "hcl"];

/// `/docs/guide.md`: a rooted path to a file of a kind repositories hold, which is cited even
/// where its first directory is gone (unlike `/etc/hosts` or `/ping`).
fn names_a_repository_file(text: &str) -> bool {
    let name = text.rsplit('/').next().unwrap_or(text);
    text.starts_with('/')
        && name
            .rsplit_once('.')
            .is_some_and(|(stem, ext)| !stem.is_empty() && REPOSITORY_FILES.contains(&ext))
}

/// The names at the project root, read once (for typos; what exists is asked directly).
struct TopLevel<'a> {
    root: &'a std::path::Path,
    names: Vec<String>,
}

impl<'a> TopLevel<'a> {
    fn of(project: &'a Project) -> TopLevel<'a> {
        let root = &project.root;
        let listed = if root.as_os_str().is_empty() {
            std::path::Path::new(".")
        } else {
            root
        };
        let names = std::fs::read_dir(listed)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter_map(|e| e.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        TopLevel { root, names }
    }

    /// Whether `first` is a name at the root.
    fn has(&self, first: &str) -> bool {
        !first.is_empty() && self.root.join(first).exists()
    }

    /// The root name `first` is likely a typo of, where the path's `rest` exists under it
    /// (`/terafrom/modules/vpc` with `terraform/modules/vpc`; not `/github/token` beside a
    /// `.github` directory).
    fn typo_of(&self, first: &str, rest: &str) -> Option<&str> {
        let name = crate::suggest::closest(first, self.names.iter().map(String::as_str))?;
        let rest = rest.trim_matches('/');
        self.root.join(name).join(rest).exists().then_some(name)
    }
}

fn check_path(
    project: &Project,
    top: &TopLevel,
    doc: &MarkdownDoc,
    cited: &CitedPath,
    file: FileId,
    span: Range<usize>,
) -> Option<Finding> {
    let text = cited.text.split(['#', '?']).next().unwrap_or("");
    if text.is_empty() {
        return None;
    }
    if cited.link
        && doc.chapter
        && !text.starts_with('/')
        && (text.ends_with(".md") || text.ends_with(".html"))
    {
        return None; // a link between chapters: mdBook's business
    }
    let first = text.trim_start_matches('/').split('/').next().unwrap_or("");
    let rest = &text.trim_start_matches('/')[first.len()..];
    let typo = (text.starts_with('/') && !top.has(first))
        .then(|| top.typo_of(first, rest))
        .flatten();
    let counts = cited.link || top.has(first) || typo.is_some() || names_a_repository_file(text);
    if !counts {
        return None;
    }
    let Some(path) = project.resolve_in(&doc.dir, text) else {
        return Some(
            Finding::error(
                Code::PathEscapesRoot,
                format!("`{text}` points outside the project root"),
            )
            .at(Label::new(file, span))
            .help("cite paths inside the project; a leading `/` means the project root"),
        );
    };
    if project.containment.escapes(&path) {
        return Some(
            Finding::error(
                Code::PathEscapesRoot,
                format!("`{text}` leads outside the project root through a symbolic link"),
            )
            .at(Label::new(file, span))
            .help("cite a path inside the project, or allow the directory with `allow-paths`"),
        );
    }
    if project.root.join(&path).exists() {
        return None;
    }
    let help = match typo {
        Some(name) => {
            format!("did you mean `/{name}{rest}`? a leading `/` means the project root")
        }
        None => "fix the path; a leading `/` means the project root".to_owned(),
    };
    Some(
        Finding::error(Code::BrokenPath, format!("`{text}` does not exist"))
            .at(Label::new(file, span).with_note(format!("resolved to {}", path.display())))
            .help(help),
    )
}

/// Code spans inside catalog strings (steps, descriptions, ...), found by reading the
/// catalog's text as markdown: a code span inside a TOML string is one in the rendered guide,
/// and its span is exact. (Parsing the catalog a second time as TOML for this cost more
/// memory than the whole check at 10,000 modules.) The text is read one table at a time:
/// markdown of the whole 10,000-module catalog at once held a 68 MB tree.
fn catalog_text(project: &Project, top: &TopLevel) -> Vec<Finding> {
    let text = &project.sources.get(project.catalog_file).text;
    if !text.contains('`') {
        return Vec::new();
    }
    let doc = MarkdownDoc {
        file: project.catalog_file,
        dir: Default::default(),
        chapter: false,
        scan: Default::default(),
    };
    table_chunks(text)
        .filter(|chunk| text[chunk.clone()].contains('`'))
        .flat_map(|chunk| {
            let offset = chunk.start;
            crate::prose::scan(&text[chunk])
                .paths
                .into_iter()
                .map(move |mut p| {
                    p.span = p.span.start + offset..p.span.end + offset;
                    p
                })
        })
        .filter(|p| !p.link)
        .filter_map(|cited| {
            check_path(
                project,
                top,
                &doc,
                &cited,
                project.catalog_file,
                cited.span.clone(),
            )
        })
        .collect()
}

/// `text` cut before each line that opens a TOML table (`[` at the start of a line after a
/// blank one): a paragraph boundary in markdown too, so no code span is cut.
fn table_chunks(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut cuts = vec![0];
    let mut previous_blank = true;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if previous_blank && line.starts_with('[') && offset > 0 {
            cuts.push(offset);
        }
        previous_blank = line.trim().is_empty();
        offset += line.len();
    }
    cuts.push(text.len());
    (0..cuts.len() - 1).map(move |i| cuts[i]..cuts[i + 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_text_and_cut_only_before_tables() {
        let text = "[guide]\ntitle = \"`a`\"\n\n[modules.x]\ns = \"\"\"\n[not a table]\n\"\"\"\n\n[[comparisons]]\n";
        let chunks: Vec<&str> = table_chunks(text).map(|c| &text[c]).collect();
        assert_eq!(
            chunks,
            vec![
                "[guide]\ntitle = \"`a`\"\n\n",
                "[modules.x]\ns = \"\"\"\n[not a table]\n\"\"\"\n\n",
                "[[comparisons]]\n"
            ]
        );
    }
}
