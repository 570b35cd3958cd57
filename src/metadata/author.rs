//! The author: a byline cleaned into a name.

use crate::text::normalize_space;

/// Longest author string accepted, in characters.
const MAX_AUTHOR_CHARS: usize = 120;
/// Most digits in an author's name (more is a date or a phone number).
const MAX_AUTHOR_DIGITS: usize = 4;

/// How a byline opens before the name, in the languages gleaner is measured on, compared
/// case aside and taken off.
const BYLINE_PREFIXES: &[&str] = &[
    "written by",
    "posted by",
    "authored by",
    "reviewed by",
    "words by",
    "story by",
    "text by",
    "post author ",
    "author:",
    "authors:",
    "author ",
    "contributors:",
    "contributor:",
    "by:",
    "by ",
    "von ",
    "par ",
    "por ",
    "di ",
    "door ",
    "av ",
    "af ",
    "from ",
    "geschrieben von",
    "écrit par",
    "escrito por",
    "scritto da",
];
/// Words that label a byline, never a name by themselves.
const BYLINE_LABELS: &[&str] = &[
    "by",
    "author",
    "authors",
    "updated",
    "posted",
    "written",
    "published",
    "admin",
    "staff",
    "editor",
    "editors",
    "guest",
    "anonymous",
    "unknown",
    "published on",
    "posted on",
    "posted in",
    "last updated",
    "username",
    "auteur",
    "autor",
];

/// Cleans a byline into a name: drops "By", dates, labels and trailing punctuation. A
/// byline of parts ("Dec. 19, 2025 · Niko Matsakis") gives the part without digits.
/// Words of a page's interface that no name holds: a line of them in a byline's place
/// ("Min Read", "The Author", "Event Type", "Organizer Log-in", "Podcast Transcript") is
/// no author.
const NOT_NAME_WORDS: &[&str] = &[
    "read",
    "min",
    "mins",
    "minute",
    "minutes",
    "type",
    "log-in",
    "login",
    "log",
    "sign",
    "transcript",
    "podcast",
    "author",
    "share",
    "comments",
    "comment",
    "views",
    "reply",
    "follow",
    "subscribe",
    "menu",
    "search",
    "contact",
    "print",
    "email",
    "cookie",
    "cookies",
    "settings",
    "einstellungen",
    "navigation",
    "rss",
    "archive",
    "archiv",
    "article",
    "articles",
    "filed",
    "modified",
    "publiziert",
    "veröffentlicht",
    "accueil",
    "info",
    "payment",
    // "read more" in Portuguese, Spanish, French and German ("Leia Mais" under a byline)
    "leia",
    "leer",
    "lire",
    "weiterlesen",
];

/// A time of day's marks, as they stand beside a byline's time ("Wednesday, 3:46 PM"),
/// compared case and all: German's "am" (on) stands in bylines too.
const TIME_OF_DAY: &[&str] = &["AM", "PM", "a.m.", "p.m."];

/// Words of a label that introduces an author's name before a colon ("Text und
/// Interview: ..."), lower case.
const AUTHOR_LABEL_WORDS: &[&str] = &[
    "text",
    "texte",
    "interview",
    "autor",
    "autorin",
    "autoren",
    "author",
    "authors",
    "by",
    "von",
    "redaktion",
    "reporter",
    "writer",
    "words",
    "auteur",
    "auteurs",
    "par",
    "por",
    "di",
    "und",
    "and",
    "&",
    "written",
];

pub(crate) fn clean_author(raw: &str) -> Option<String> {
    let mut s = normalize_space(raw);
    if s.contains(['·', '•']) {
        if let Some(part) = s
            .split(['·', '•'])
            .map(str::trim)
            .find(|p| !p.is_empty() && !p.chars().any(|c| c.is_ascii_digit()))
        {
            s = part.to_string();
        }
    }
    for _ in 0..2 {
        for prefix in BYLINE_PREFIXES {
            if s.len() > prefix.len()
                && s.get(..prefix.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
            {
                s = s[prefix.len()..].trim().to_string();
            }
        }
    }
    for stop in [
        " | ",
        " - ",
        " — ",
        " » ",
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
    // a name written twice ("pcurry – pcurry", a profile link and its label)
    let s = match s.split_once(" – ").or_else(|| s.split_once(" - ")) {
        Some((a, b)) if a.trim() == b.trim() => a.trim(),
        _ => s,
    };
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    // a label alone ("Written By", "Published On")
    let label = BYLINE_LABELS.iter().any(|l| s.eq_ignore_ascii_case(l))
        || BYLINE_PREFIXES
            .iter()
            .any(|p| s.eq_ignore_ascii_case(p.trim_end_matches([' ', ':'])));
    // a template's placeholder ("page.head.author") is no name
    let placeholder =
        s.contains('.') && !s.contains(' ') && s.chars().any(|c| c.is_ascii_lowercase());
    let interface = s.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        TIME_OF_DAY.contains(&w)
            || NOT_NAME_WORDS.contains(&w.trim_matches('.').to_lowercase().as_str())
    });
    if !s.chars().any(char::is_alphabetic)
        || label
        || placeholder
        || interface
        || s.chars().count() > MAX_AUTHOR_CHARS
        || digits > MAX_AUTHOR_DIGITS
        || s.contains("http")
        || s.contains('@')
        || s.contains('{')
    {
        return None;
    }
    // a label and its value: the name after a label that introduces one ("Text: Ana
    // Lima", "Text und Interview: Ana Lima"), none after another ("Color: Black")
    if let Some((label, name)) = s.split_once(": ") {
        let introduces = label.split_whitespace().all(|w| {
            let w = w.to_lowercase();
            AUTHOR_LABEL_WORDS.contains(&w.as_str())
        });
        return introduces
            .then(|| name.trim())
            .filter(|n| !n.is_empty())
            .map(str::to_string);
    }
    Some(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interface_lines_are_no_names() {
        for line in [
            "Min Read",
            "5 min read",
            "The Author",
            "Event Type",
            "Organizer Log-in",
            "Podcast Transcript",
            "Comments RSS",
            "Color: Black",
            "SKU: N/A",
            "Written By",
            "Published On",
            "Last Modified",
            "Filed Under",
            "Cookies Settings",
            "Meta Navigation",
            "Entries RSS",
            "Archiv anzeigen",
            "Username",
            "Last Updated",
            "Leia Mais",
            "Wednesday, 3:46 PM",
            "Published 4:12 PM EST",
            "Posted 9 a.m.",
            "9 articles",
            "Publiziert am",
            "Auteur",
            // a separator left of a byline whose name is a link elsewhere
            "/",
            "- | -",
        ] {
            assert_eq!(clean_author(line), None, "{line}");
        }
        assert_eq!(
            clean_author("Author Andreas Kalt").as_deref(),
            Some("Andreas Kalt")
        );
        assert_eq!(
            clean_author("Post author By Helge Fahrnberger").as_deref(),
            Some("Helge Fahrnberger")
        );
        assert_eq!(
            clean_author("Readwell Mina").as_deref(),
            Some("Readwell Mina")
        );
        assert_eq!(clean_author("By: Ana Lima").as_deref(), Some("Ana Lima"));
        // German's "am" (on) is no time of day
        assert!(clean_author("Max Muster am Montag").is_some());
        assert_eq!(
            clean_author("Text und Interview: Harald Willenbrock").as_deref(),
            Some("Harald Willenbrock")
        );
    }

    #[test]
    fn cleans_authors() {
        assert_eq!(clean_author("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            clean_author("Von Heike Buchter | 16. Oktober 2019").as_deref(),
            Some("Heike Buchter")
        );
        assert_eq!(clean_author("https://facebook.com/x"), None);
        assert_eq!(
            clean_author("Written by John Crenshaw").as_deref(),
            Some("John Crenshaw")
        );
        assert_eq!(
            clean_author("Dec. 19, 2025 · Niko Matsakis").as_deref(),
            Some("Niko Matsakis")
        );
        assert_eq!(
            clean_author("Authored by: Dr. Ehsan Jazini").as_deref(),
            Some("Dr. Ehsan Jazini")
        );
        assert_eq!(clean_author("By"), None);
        assert_eq!(clean_author("pcurry – pcurry").as_deref(), Some("pcurry"));
        assert_eq!(
            clean_author("by Ann Lee » Tue Aug 27, 2019 1:47 am").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(clean_author("Updated"), None);
        assert_eq!(clean_author("page.head.extra.author"), None);
    }
}
