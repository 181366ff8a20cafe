//! "Did you mean": the closest known name to a misspelt one.

/// The candidate closest to `name`, if it is close enough to be a plausible typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" (or "unknown variant") and
/// proposes the closest expected name, or lists them when none is close.
pub fn for_serde_message(message: &str) -> Option<String> {
    let (what, rest) = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|p| message.find(p).map(|i| (*p, &message[i + p.len()..])))?;
    let (name, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    if expected.is_empty() {
        let kind = if what.contains("field") {
            "keys"
        } else {
            "values"
        };
        return Some(format!("no {kind} are allowed here"));
    }
    Some(match closest(name, expected.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("expected one of: {}", expected.join(", ")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_field() {
        let msg = "unknown field `cots`, expected one of `name`, `path`, `cost`, `costs`";
        assert_eq!(
            for_serde_message(msg).as_deref(),
            Some("did you mean `cost`?")
        );
    }

    #[test]
    fn lists_when_nothing_is_close() {
        let msg = "unknown variant `maybe`, expected one of `yes`, `no`, `partial`";
        assert_eq!(
            for_serde_message(msg).as_deref(),
            Some("expected one of: yes, no, partial")
        );
    }

    #[test]
    fn ignores_other_messages() {
        assert_eq!(for_serde_message("missing field `name`"), None);
        assert_eq!(
            closest("memcache", ["memcached", "mlflow"]),
            Some("memcached")
        );
        assert_eq!(closest("zzz", ["memcached"]), None);
    }
}
