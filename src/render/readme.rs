//! terraform-docs' file output mode `inject`, which `module DIR --output-file README.md`
//! follows: the generated text goes between `<!-- BEGIN_TF_DOCS -->` and
//! `<!-- END_TF_DOCS -->`, and every byte outside the markers stays as it was.
//!
//! As terraform-docs (`internal/cli/writer.go`) does: a file that does not exist or is
//! empty becomes the section alone; a file with neither marker gets the section appended
//! after a line break; one marker alone, or END before BEGIN, is an error (here it also
//! says what to add). The section is `BEGIN\n` + output + `\nEND`, no line break after.

/// The marker before the generated text.
pub const BEGIN: &str = "<!-- BEGIN_TF_DOCS -->";
/// The marker after the generated text.
pub const END: &str = "<!-- END_TF_DOCS -->";

/// How the generated text was placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// Between the existing markers.
    Between,
    /// The file had neither marker: the section was appended.
    Appended,
    /// The file was missing or empty: it is the section alone.
    Whole,
}

/// Why the markers cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkerError {
    #[error(
        "it has `{END}` but no `{BEGIN}`: add `{BEGIN}` on the line where the generated \
         section starts"
    )]
    BeginMissing,
    #[error("it has `{BEGIN}` but no `{END}`: add `{END}` on the line after the generated section")]
    EndMissing,
    #[error("its `{END}` comes before its `{BEGIN}`: put `{BEGIN}` first, then `{END}`")]
    EndBeforeBegin,
}

/// The file's new text with `generated` injected, and where it went. `current` is `None`
/// when the file does not exist.
pub fn inject(current: Option<&str>, generated: &str) -> Result<(String, Placement), MarkerError> {
    let section = format!("{BEGIN}\n{generated}\n{END}");
    let current = match current {
        None | Some("") => return Ok((section, Placement::Whole)),
        Some(text) => text,
    };
    match (current.find(BEGIN), current.find(END)) {
        (None, None) => Ok((format!("{current}\n{section}"), Placement::Appended)),
        (None, Some(_)) => Err(MarkerError::BeginMissing),
        (Some(_), None) => Err(MarkerError::EndMissing),
        (Some(begin), Some(end)) if end < begin => Err(MarkerError::EndBeforeBegin),
        (Some(begin), Some(end)) => Ok((
            format!(
                "{}{section}{}",
                &current[..begin],
                &current[end + END.len()..]
            ),
            Placement::Between,
        )),
    }
}

/// A short unified diff from `old` to `new` (at most `max_lines` lines, then `...`).
pub fn short_diff(name: &str, old: &str, new: &str, max_lines: usize) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let full = diff
        .unified_diff()
        .context_radius(1)
        .header(name, &format!("{name} (generated)"))
        .to_string();
    let lines: Vec<&str> = full.lines().collect();
    if lines.len() <= max_lines {
        return full;
    }
    let mut out = lines[..max_lines].join("\n");
    out.push_str(&format!("\n... ({} more lines)\n", lines.len() - max_lines));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn between_the_markers_only() {
        let readme =
            "# Title\r\nText.\n<!-- BEGIN_TF_DOCS -->\nold\n<!-- END_TF_DOCS -->\nAfter.\n";
        let (new, placement) = inject(Some(readme), "## Inputs\n\nNo inputs.").unwrap();
        assert_eq!(placement, Placement::Between);
        assert_eq!(
            new,
            "# Title\r\nText.\n<!-- BEGIN_TF_DOCS -->\n## Inputs\n\nNo inputs.\n<!-- END_TF_DOCS -->\nAfter.\n"
        );
    }

    #[test]
    fn without_markers_as_terraform_docs_does() {
        assert_eq!(
            inject(Some("# T\n"), "x").unwrap(),
            (
                "# T\n\n<!-- BEGIN_TF_DOCS -->\nx\n<!-- END_TF_DOCS -->".into(),
                Placement::Appended
            )
        );
        assert_eq!(inject(None, "x").unwrap().1, Placement::Whole);
        assert_eq!(
            inject(Some("a <!-- END_TF_DOCS -->"), "x"),
            Err(MarkerError::BeginMissing)
        );
        assert_eq!(
            inject(Some("<!-- BEGIN_TF_DOCS -->"), "x"),
            Err(MarkerError::EndMissing)
        );
        assert_eq!(
            inject(Some("<!-- END_TF_DOCS --><!-- BEGIN_TF_DOCS -->"), "x"),
            Err(MarkerError::EndBeforeBegin)
        );
    }
}
