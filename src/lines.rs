//! Line ranges as people write them: "8-27", "8–27" (en dash), "12".

use std::fmt;

/// An inclusive, 1-based range of lines. Parsing allows zero and reversed ranges so that
/// the checker, not the parser, can say what is wrong with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LineRange {
    pub first: usize,
    pub last: usize,
}

impl LineRange {
    pub fn new(first: usize, last: usize) -> Self {
        LineRange { first, last }
    }

    /// Parses "A-B", "A–B" or "A". Whitespace around the numbers is allowed.
    pub fn parse(text: &str) -> Result<LineRange, String> {
        let number = |s: &str| {
            let s = s.trim();
            s.parse::<usize>().map_err(|_| {
                if s.starts_with('-') {
                    format!("line numbers start at 1, found `{s}`")
                } else {
                    format!("expected a line number, found `{s}`")
                }
            })
        };
        match text.split_once(['-', '–']) {
            Some(("", _)) => Err(format!("line numbers start at 1, found `{}`", text.trim())),
            Some((a, b)) => Ok(LineRange::new(number(a)?, number(b)?)),
            None => {
                let n = number(text)?;
                Ok(LineRange::new(n, n))
            }
        }
    }

    pub fn len(&self) -> usize {
        (self.last + 1).saturating_sub(self.first)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the range is usable in a file of `line_count` lines.
    pub fn fits(&self, line_count: usize) -> bool {
        self.first >= 1 && self.first <= self.last && self.last <= line_count
    }
}

impl fmt::Display for LineRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}-{}", self.first, self.last)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_people_write() {
        assert_eq!(LineRange::parse("8-27"), Ok(LineRange::new(8, 27)));
        assert_eq!(LineRange::parse("8–27"), Ok(LineRange::new(8, 27)));
        assert_eq!(LineRange::parse(" 12 "), Ok(LineRange::new(12, 12)));
        assert_eq!(LineRange::parse("27-8"), Ok(LineRange::new(27, 8)));
        assert!(LineRange::parse("-3").unwrap_err().contains("start at 1"));
        assert!(LineRange::parse("8-x").unwrap_err().contains("`x`"));
        assert!(LineRange::parse("99999999999999999999999").is_err());
    }

    #[test]
    fn fits_rejects_zero_reversed_and_past_end() {
        assert!(LineRange::new(1, 3).fits(3));
        assert!(!LineRange::new(0, 3).fits(3));
        assert!(!LineRange::new(3, 2).fits(3));
        assert!(!LineRange::new(2, 4).fits(3));
        assert_eq!(LineRange::new(8, 27).to_string(), "8-27");
    }
}
