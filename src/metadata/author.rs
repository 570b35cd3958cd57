//! The author: a byline cleaned into a name.

use crate::text::normalize_space;

/// Longest author string accepted, in characters.
const MAX_AUTHOR_CHARS: usize = 120;
/// Most digits in an author's name (more is a date or a phone number).
const MAX_AUTHOR_DIGITS: usize = 4;

/// Cleans a byline into a name: drops "By", dates and trailing punctuation.
pub(super) fn clean_author(raw: &str) -> Option<String> {
    let mut s = normalize_space(raw);
    for prefix in [
        "by ",
        "von ",
        "par ",
        "por ",
        "di ",
        "door ",
        "av ",
        "af ",
        "from ",
        "written by ",
    ] {
        if s.len() > prefix.len()
            && s.get(..prefix.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
        {
            s = s[prefix.len()..].trim().to_string();
        }
    }
    for stop in [
        " | ",
        " - ",
        " — ",
        ",  ",
        "\n",
        " on ",
        " updated ",
        " published ",
    ] {
        if let Some(p) = s.find(stop) {
            if p > 2 {
                s.truncate(p);
            }
        }
    }
    let s = s.trim_matches(|c: char| c.is_whitespace() || ",;:|-–—".contains(c));
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    if s.is_empty()
        || s.chars().count() > MAX_AUTHOR_CHARS
        || digits > MAX_AUTHOR_DIGITS
        || s.contains("http")
        || s.contains('@')
        || s.contains('{')
    {
        return None;
    }
    Some(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_authors() {
        assert_eq!(clean_author("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            clean_author("Von Heike Buchter | 16. Oktober 2019").as_deref(),
            Some("Heike Buchter")
        );
        assert_eq!(clean_author("https://facebook.com/x"), None);
    }
}
