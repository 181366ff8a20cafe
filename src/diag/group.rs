//! Findings that share one cause, shown once. When several citations name a block that moved
//! or changed extent, a reader needs one message about the block with every stale citation
//! under it, not one message per citation. Only what people read is grouped (the human and
//! GitHub formats); `--format json` and `fix` keep one finding per citation.

use std::collections::HashMap;

use super::{Code, Finding, Label};

/// The block a finding is about: its code, where the block is now and its new extent.
fn block_key(finding: &Finding) -> Option<(Code, Label)> {
    if !matches!(finding.code, Code::RefMoved | Code::RefChanged) {
        return None;
    }
    let block = finding.secondary.first()?;
    Some((finding.code, Label::new(block.file, block.span.clone())))
}

/// `findings` with each block's moved / changed findings merged into the first of them: its
/// citation stays the primary label, the others' citations join as secondary labels and the
/// message says how many citations are stale. Order is otherwise kept.
pub fn by_block(findings: &[Finding]) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    let mut first_of: HashMap<(Code, Label), usize> = HashMap::new();
    let mut merged: HashMap<usize, usize> = HashMap::new();
    for finding in findings {
        let Some(key) = block_key(finding) else {
            out.push(finding.clone());
            continue;
        };
        match first_of.get(&key) {
            None => {
                first_of.insert(key, out.len());
                out.push(finding.clone());
            }
            Some(&i) => {
                let group = &mut out[i];
                group.secondary.extend(finding.primary.iter().cloned());
                if let (Some(fix), Some(other)) = (group.fix.as_mut(), &finding.fix) {
                    fix.edits.extend(other.edits.iter().cloned());
                }
                *merged.entry(i).or_insert(0) += 1;
            }
        }
    }
    for (i, more) in merged {
        out[i]
            .message
            .push_str(&format!("; {} citations are stale", more + 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn moved(citation: usize, block: usize) -> Finding {
        let file = FileId;
        Finding::error(Code::RefMoved, format!("cite {citation}"))
            .at(Label::new(file(0), citation..citation + 1))
            .also(Label::new(file(1), block..block + 5))
    }

    #[test]
    fn citations_of_one_block_become_one_finding() {
        let findings = [moved(10, 100), moved(20, 200), moved(30, 100)];
        let grouped = by_block(&findings);
        assert_eq!(grouped.len(), 2);
        assert_eq!(grouped[0].message, "cite 10; 2 citations are stale");
        assert_eq!(grouped[0].secondary.len(), 2);
        assert_eq!(grouped[0].secondary[1].span, 30..31);
        assert_eq!(grouped[1].message, "cite 20");
    }

    #[test]
    fn other_findings_pass_through() {
        let other = Finding::error(Code::BrokenPath, "gone");
        let grouped = by_block(&[other.clone(), moved(1, 5)]);
        assert_eq!(grouped, vec![other, moved(1, 5)]);
    }
}
