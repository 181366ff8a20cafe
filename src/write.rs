//! Atomic file writes, the one way this crate changes a file (`fix`, `init`, `install`,
//! `check --write-baseline`, `module --output-file`): the text goes to a temporary file in
//! the same directory, which is then renamed over the target, so a reader sees the old text
//! or the new, never half of it.
//!
//! Replacing keeps the file's permissions, rewrites a symbolic link's target (the link stays
//! a link), refuses a file with several hard links, and refuses a file that changed since it
//! was read. Creating never replaces an existing file.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// Replaces `path`'s content with `new` if it still holds `old`; atomic, permissions kept.
///
/// A symbolic link is followed: its target is rewritten (a temporary file beside the target,
/// renamed over it) and the link stays a link. A file with more than one hard link is
/// refused, since the rename would give only this name the new text and leave the other
/// names holding the old one; nothing is written and the error says how to proceed.
pub fn write_if_unchanged(path: &Path, old: &str, new: &str) -> Result<()> {
    let target = std::fs::canonicalize(path)
        .with_context(|| format!("cannot resolve `{}`", path.display()))?;
    let shown = || {
        if target == path {
            format!("`{}`", path.display())
        } else {
            format!(
                "`{}` (the target of `{}`)",
                target.display(),
                path.display()
            )
        }
    };
    let current = std::fs::read(&target).with_context(|| format!("cannot read {}", shown()))?;
    if current != old.as_bytes() {
        bail!(
            "{} changed since it was read; nothing written, run again",
            shown()
        );
    }
    let metadata =
        std::fs::metadata(&target).with_context(|| format!("cannot read {}", shown()))?;
    // The crate is Unix-only (the containment boundary opens with `O_NOFOLLOW`).
    let links = std::os::unix::fs::MetadataExt::nlink(&metadata);
    if links > 1 {
        bail!(
            "{} has {links} hard links; replacing it would leave the other names with the old \
             text, so nothing was written. Make it a file of its own (`cp FILE FILE.new && mv \
             FILE.new FILE`) and run again, or apply the change by hand",
            shown()
        );
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    tmp.write_all(new.as_bytes())?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), metadata.permissions())?;
    tmp.persist(&target)
        .with_context(|| format!("cannot replace {}", shown()))?;
    Ok(())
}

/// Creates `path` with `text`, atomically, refusing to replace an existing file.
pub fn write_new(path: &Path, text: &str) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        let file = real.join("GUIDE.md");
        std::fs::write(&file, "now").unwrap();
        let error = write_if_unchanged(&file, "then", "new").unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "`{}` changed since it was read; nothing written, run again",
                file.display()
            )
        );
        let link = real.join("link.md");
        std::os::unix::fs::symlink("GUIDE.md", &link).unwrap();
        let error = write_if_unchanged(&link, "then", "new").unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "`{}` (the target of `{}`) changed since it was read; nothing written, run again",
                file.display(),
                link.display()
            )
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "now");
        // Unchanged: the target is rewritten, the link stays a link.
        write_if_unchanged(&link, "now", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        assert!(link.symlink_metadata().unwrap().is_symlink());
    }

    #[test]
    fn a_file_with_several_hard_links_is_refused_and_permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        let file = real.join("main.tf");
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        std::fs::hard_link(&file, real.join("copy.tf")).unwrap();
        let error = write_if_unchanged(&file, "old", "new").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with(&format!("`{}` has 2 hard links;", file.display())),
            "{error}"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "old");
        std::fs::remove_file(real.join("copy.tf")).unwrap();
        write_if_unchanged(&file, "old", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[test]
    fn a_new_file_is_created_with_its_directory_and_never_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book/src/catalog.md");
        write_new(&path, "one").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        assert!(write_new(&path, "two").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
    }
}
