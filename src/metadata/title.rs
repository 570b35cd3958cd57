//! The headline: the declared title cleaned of the site's name, and the site's name where
//! only the title and the copyright line give it.

use crate::block::Block;
use crate::text::normalize_space;

/// Separators between a title and the site name in `<title>`.
pub(super) const TITLE_SEPARATORS: [&str; 8] =
    [" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " / "];
/// How many blocks from the end of the page are searched for a copyright line.
const COPYRIGHT_SEARCH_BLOCKS: usize = 12;
/// Shortest part of a title (in characters) matched against the copyright line.
const MIN_COPYRIGHT_NAME_CHARS: usize = 4;
/// Shortest site name (in characters) a title part is compared with.
const MIN_SITENAME_CHARS: usize = 3;
/// Shortest domain-like title part (`example.com`), in bytes.
const MIN_DOMAIN_BYTES: usize = 5;
/// A last title part of at most this many words and ...
const MAX_SITE_PART_WORDS: f32 = 3.0;
/// ... at most this many characters, after a head of at least that many words, is the
/// site's name when the page declares none.
const MAX_SITE_PART_CHARS: usize = 30;
/// Most words of a title's last part taken as the site's name when nothing else names it.
const MAX_TAIL_SITENAME_WORDS: usize = 3;

/// Whether `part` of a title names the site: it matches the known site name, or looks like
/// a domain.
fn names_site(part: &str, sitename: Option<&str>) -> bool {
    let p = part.trim().to_lowercase();
    if p.is_empty() {
        return false;
    }
    let by_name = sitename.is_some_and(|s| {
        let s = s.trim().to_lowercase();
        s.chars().count() >= MIN_SITENAME_CHARS
            && (p == s
                || p.contains(&s)
                || (s.contains(&p) && p.chars().count() >= MIN_SITENAME_CHARS))
    });
    by_name || (p.contains('.') && !p.contains(' ') && p.len() >= MIN_DOMAIN_BYTES)
}

/// Rough length of a title part in words; CJK characters count as half a word each.
fn title_words(part: &str) -> f32 {
    let s = crate::text::TextStats::of(part);
    s.words
}

/// Longest title read, in bytes: a longer one is cut first (no headline is that long, and
/// the work below must stay small on a hostile page).
pub const MAX_TITLE_BYTES: usize = 2048;
/// Most site-name parts taken off the end of a title ("Headline | Section | Site").
pub const MAX_TITLE_SITE_PARTS: usize = 4;

/// Removes a site-name part from a title written as "Headline | Site" or "Site - Headline".
pub(crate) fn clean_title(title: &str, sitename: Option<&str>, h1: Option<&str>) -> String {
    let trim = |t: &str| {
        t.trim_end_matches(|c: char| c.is_whitespace() || c == ':' || c == '|')
            .to_string()
    };
    let mut title = trim(&normalize_space(crate::text::prefix_within(
        title,
        MAX_TITLE_BYTES,
    )));
    if let Some(h) = h1 {
        let h = normalize_space(h);
        if h.len() >= 8 && title.starts_with(&h) && title.len() > h.len() {
            let rest = title[h.len()..].trim_start();
            if rest.starts_with('_')
                || TITLE_SEPARATORS
                    .iter()
                    .any(|s| rest.starts_with(s.trim_start()))
            {
                return h;
            }
        }
    }
    'strip: for _ in 0..MAX_TITLE_SITE_PARTS {
        for sep in TITLE_SEPARATORS {
            let (Some(last), Some(first)) = (title.rfind(sep), title.find(sep)) else {
                continue;
            };
            let (head, tail) = (title[..last].trim(), title[last + sep.len()..].trim());
            if !head.is_empty() && names_site(tail, sitename) {
                // take the site off, then look again ("Headline | Section | Site")
                title = trim(head);
                continue 'strip;
            }
            let (lead, rest) = (title[..first].trim(), title[first + sep.len()..].trim());
            if !rest.is_empty() && names_site(lead, sitename) {
                return rest.to_string();
            }
            // Without a known site name, a short last part after a long head is the site's name.
            if sitename.is_none()
                && title_words(tail) <= MAX_SITE_PART_WORDS
                && tail.chars().count() <= MAX_SITE_PART_CHARS
                && title_words(head) >= MAX_SITE_PART_WORDS
            {
                return head.to_string();
            }
        }
        break;
    }
    title
}

/// No declared site name: a part of `<title>` that the copyright line near the page's end
/// names is one.
pub(super) fn sitename_from_copyright(title: &str, blocks: &[Block]) -> Option<String> {
    let copyright = blocks
        .iter()
        .rev()
        .take(COPYRIGHT_SEARCH_BLOCKS)
        .find(|b| b.text.contains('©') || b.text.to_lowercase().contains("copyright"))?;
    TITLE_SEPARATORS.iter().find_map(|sep| {
        title
            .split(sep)
            .map(str::trim)
            .find(|part| {
                part.chars().count() >= MIN_COPYRIGHT_NAME_CHARS && copyright.text.contains(part)
            })
            .map(str::to_string)
    })
}

/// The last part of `<title>` after a separator, when it is short enough to be a name.
pub(super) fn sitename_from_title_tail(title: &str) -> Option<String> {
    TITLE_SEPARATORS.iter().find_map(|sep| {
        title
            .rfind(sep)
            .map(|p| normalize_space(&title[p + sep.len()..]))
            .filter(|s| !s.is_empty() && s.split_whitespace().count() <= MAX_TAIL_SITENAME_WORDS)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_titles() {
        assert_eq!(
            clean_title("Big news today | The Daily", Some("The Daily"), None),
            "Big news today"
        );
        assert_eq!(
            clean_title("The Daily - Big news today", Some("The Daily"), None),
            "Big news today"
        );
        assert_eq!(
            clean_title("A long headline here - example.com", None, None),
            "A long headline here"
        );
        assert_eq!(
            clean_title(
                "Seoul, Tokyo are close to a deal - Korea JoongAng Daily",
                None,
                None
            ),
            "Seoul, Tokyo are close to a deal"
        );
        assert_eq!(
            clean_title("Just a headline", None, None),
            "Just a headline"
        );
    }
}
