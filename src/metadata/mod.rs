//! The page's metadata: title, author, date, site name, language, canonical URL, description
//! and image, from `<meta>`, OpenGraph, JSON-LD, `<time>` and visible bylines.

mod author;
mod jsonld;
mod language;
mod title;

use crate::block::{Block, BlockKind};
use crate::dates::{date_from_url, instant_minutes, is_utc_instant, one_day_apart, parse_date};
use crate::element::AuthorSource;
use crate::hints;
use crate::text::normalize_space;
use crate::urls::resolve_url;
use crate::walk::Facts;
pub(crate) use author::clean_author;
use jsonld::{read_json_ld, JsonLd};
use title::clean_title;

/// `<meta>` names that give the site's name, in order of trust.
const SITENAME_KEYS: &[&str] = &[
    "og:site_name",
    "application-name",
    "twitter:app:name:iphone",
];
/// `<meta>` names that give the title, in order of trust.
const TITLE_KEYS: &[&str] = &[
    "dc:title",
    "dc.title",
    "dcterm:title",
    "og:title",
    "twitter:title",
    "parsely-title",
    "title",
    "headline",
];
/// `<meta>` names that give the author, in order of trust.
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "dc.creator",
    "sailthru.author",
    "citation_author",
    "dcterms.creator",
];
/// `<meta>` names that give the publication date, in order of trust.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "published_date",
    "publication_date",
    "pub_date",
    "published",
    "ms.date",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "published_time",
    "release_date",
    "citation_publication_date",
    "originalpublicationdate",
];
/// `<meta>` names that give the language.
const LANGUAGE_KEYS: &[&str] = &["content-language", "og:locale", "language", "dc.language"];
/// `<meta>` names that give the description.
const DESCRIPTION_KEYS: &[&str] = &[
    "description",
    "og:description",
    "twitter:description",
    "dc.description",
];
/// `<meta>` names that give the main image.
const IMAGE_KEYS: &[&str] = &[
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
];
/// How a visible byline opens, in the languages gleaner is measured on (lower-case).
/// The opening is followed by a space or a colon.
const BYLINE_OPENINGS: &[&str] = &[
    "by",
    "written by",
    "posted by",
    "author",
    "authors",
    "contributors",
    "von",
    "par",
    "por",
    "door",
];
/// Longest visible "By ..." line read as a byline, in characters.
const MAX_VISIBLE_BYLINE_CHARS: usize = 60;
/// Words in a name read from a visible byline.
const VISIBLE_BYLINE_WORDS: std::ops::RangeInclusive<usize> = 2..=4;
/// Most blocks marked as bylines read for a name.
const MAX_BYLINES_FOR_NAME: usize = 8;
/// Longest byline (in characters) searched for a date.
const MAX_BYLINE_CHARS: u32 = 200;
/// Words that name a date line's date an update (lower-case): English, German, French,
/// Spanish, Italian, Portuguese, Dutch, Japanese, Chinese, Korean.
const UPDATE_LABELS: &[&str] = &[
    "updated",
    "update",
    "modified",
    "revised",
    "reviewed",
    "aktualisiert",
    "geändert",
    "mis à jour",
    "mise à jour",
    "actualizado",
    "actualización",
    "aggiornato",
    "atualizado",
    "bijgewerkt",
    "更新",
    "수정",
];
/// Longest visible line (in characters) read as a date line.
const MAX_DATE_LINE_CHARS: u32 = 80;
/// Blocks before the headline searched for a date line ...
const DATE_LINE_BEFORE: usize = 4;
/// ... and after it (or from the page's start, when it has no `<h1>`).
const DATE_LINE_AFTER: usize = 20;
/// Most bylines with digits searched for a date.
const MAX_BYLINES_FOR_DATE: usize = 8;
/// The share of the `<h1>`'s words that the declared title must hold, and of the declared
/// title's words that the `<h1>` must hold, for the `<h1>` to be the title.
const H1_MIN_SHARED_WORDS: f32 = 0.5;
/// Signs a heading's permalink shows after its text.
const PERMALINK_SIGNS: &[char] = &['¶', '§', '#', '🔗'];
/// Most `<h1>` headings read: a page with several has no one headline.
const MAX_H1S: usize = 4;

/// The page's metadata. Every field is `None` when the page does not say.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct Metadata {
    /// The headline, cleaned of the site-name suffix.
    pub title: Option<String>,
    /// The author or authors, joined with "; ".
    pub author: Option<String>,
    /// The publication date, ISO 8601 (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// The site's name.
    pub sitename: Option<String>,
    /// The language, a lower-case ISO 639-1 code where one exists.
    pub language: Option<String>,
    /// The canonical URL, absolute where the page URL is known.
    pub url: Option<String>,
    /// The page's description.
    pub description: Option<String>,
    /// The main image's URL.
    pub image: Option<String>,
}

/// Most elements of a page that may name one microdata type for the type to be the page's:
/// a hundred `Book`s are a list of books, not a book's page.
const MAX_MICRODATA_REPEATS: u32 = 3;

/// The JSON-LD's types, then those of the microdata that the JSON-LD does not name and
/// that few elements name.
fn schema_types(mut ld: Vec<String>, microdata: &[(String, u32)]) -> Vec<String> {
    for (t, n) in microdata {
        if *n <= MAX_MICRODATA_REPEATS && !ld.contains(t) {
            ld.push(t.clone());
        }
    }
    ld
}

/// What [`extract`] gives beyond the metadata itself.
#[derive(Debug, Default)]
pub struct Extras {
    /// `articleBody` from JSON-LD, a fallback for pages whose body is scripted in.
    pub article_body: Option<String>,
    /// Every schema.org type the page names: each `@type` of its JSON-LD, then each type
    /// its microdata (`itemtype`) names on few elements.
    pub ld_types: Vec<String>,
    /// JSON-LD's description of the page's product.
    pub product_description: Option<String>,
    /// JSON-LD's ingredients of the page's recipe (`recipeIngredient`), one line each.
    pub recipe_ingredients: Vec<String>,
    /// The publication date where the page declares one (JSON-LD, `<meta>`, a `<time>`
    /// marked as the publication), not read from its text: a product page's date.
    pub declared_date: Option<String>,
    /// The author where the page declares one (JSON-LD, `<meta>`, `itemprop="author"`,
    /// `rel="author"`), not read from a line its classes name a byline: the author of a
    /// product's, a shop's or a service's page.
    pub declared_author: Option<String>,
}

/// What the metadata is read from.
struct Sources<'a> {
    facts: &'a Facts,
    blocks: &'a [Block],
    ld: JsonLd,
    page_url: Option<&'a url::Url>,
}

/// Reads the metadata from the page's facts and blocks. `page_url` is the caller's URL.
pub(crate) fn extract(
    facts: &Facts,
    blocks: &[Block],
    page_url: Option<&url::Url>,
) -> (Metadata, Extras) {
    let s = Sources {
        facts,
        blocks,
        ld: read_json_ld(&facts.json_ld),
        page_url,
    };
    let declared_site = declared_sitename(&s);
    let title = headline(&s, declared_site.as_deref());
    let metadata = Metadata {
        author: author(&s, declared_site.as_deref()),
        date: published(&s, title.as_deref()),
        title,
        sitename: declared_site.or_else(|| {
            facts
                .title
                .as_deref()
                .and_then(title::sitename_from_title_tail)
        }),
        language: language(&s),
        url: canonical(&s),
        description: meta(facts, DESCRIPTION_KEYS)
            .map(normalize_space)
            .or_else(|| s.ld.description.clone())
            .filter(|d| !d.is_empty()),
        image: meta(facts, IMAGE_KEYS)
            .map(str::to_string)
            .or_else(|| s.ld.image.clone())
            .map(|i| resolve_url(page_url, &i)),
    };
    let declared_date = declared(&s).map(|(d, _)| d);
    let declared_author = author_declared(&s);
    let extras = Extras {
        declared_author,
        article_body: s.ld.article_body,
        ld_types: schema_types(s.ld.types, &facts.microdata_types),
        product_description: s.ld.product_description,
        recipe_ingredients: s.ld.recipe_ingredients,
        declared_date,
    };
    (metadata, extras)
}

fn meta<'a>(facts: &'a Facts, keys: &[&str]) -> Option<&'a str> {
    facts.meta(keys)
}

/// The site's name as the page declares it (`og:site_name`, JSON-LD's publisher), or a part
/// of `<title>` that the copyright line names.
fn declared_sitename(s: &Sources) -> Option<String> {
    meta(s.facts, SITENAME_KEYS)
        .map(normalize_space)
        .or_else(|| s.ld.publisher.clone())
        .or_else(|| title::sitename_from_copyright(s.facts.title.as_deref()?, s.blocks))
}

/// The headline: the declared title (JSON-LD, `<meta>`), else `<title>`, cleaned of the
/// site's name, else the first `<h1>`.
fn headline(s: &Sources, sitename: Option<&str>) -> Option<String> {
    let h1s: Vec<&Block> = s
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading(1))
        .take(MAX_H1S)
        .collect();
    let h1 = (h1s.len() == 1).then(|| &*h1s[0].text);
    let declared =
        s.ld.headline
            .clone()
            .or_else(|| meta(s.facts, TITLE_KEYS).map(str::to_string));
    // the headline the page shows, when it agrees with what the page declares: the
    // declared title is often written for search engines
    // (compared without the site's name, so that a site's name in an <h1> is not taken)
    // (a heading's permalink sign is no part of it: "Retries¶")
    let h1_text = h1.map(|h| {
        normalize_space(h)
            .trim_end_matches(|c: char| PERMALINK_SIGNS.contains(&c) || c.is_whitespace())
            .to_string()
    });
    if let Some(h) = h1_text.filter(|h| !h.is_empty()) {
        let agrees = |t: &str| {
            let t = clean_title(t, sitename, None);
            shares_words(&h, &t, H1_MIN_SHARED_WORDS) && shares_words(&t, &h, H1_MIN_SHARED_WORDS)
        };
        if declared.as_deref().is_some_and(agrees) || s.facts.title.as_deref().is_some_and(agrees) {
            return Some(h);
        }
    }
    declared
        .map(|t| clean_title(&t, sitename, h1))
        .or_else(|| {
            s.facts
                .title
                .as_deref()
                .map(|t| clean_title(t, sitename, h1.or(h1s.first().map(|b| &*b.text))))
        })
        .or_else(|| h1s.first().map(|b| normalize_space(&b.text)))
        .filter(|t| !t.is_empty())
}

/// Whether at least `share` of the words of `a` are words of `b` (case aside).
fn shares_words(a: &str, b: &str, share: f32) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    !a.is_empty() && a.iter().filter(|w| b.contains(w)).count() as f32 >= share * a.len() as f32
}

/// The author: JSON-LD, `<meta>`, the markup's author candidates in order of trust, a
/// visible "By ..." line that reads as a name, then a name in a block marked as a byline.
/// The site's name is taken only where none of them names a person.
fn author(s: &Sources, sitename: Option<&str>) -> Option<String> {
    let from_ld = || -> Option<String> {
        let parts: Vec<String> =
            s.ld.author
                .as_deref()?
                .split("; ")
                .filter_map(clean_author)
                .collect();
        (!parts.is_empty()).then(|| parts.join("; "))
    };
    let from_meta = || {
        meta(s.facts, AUTHOR_KEYS)
            .filter(|a| !a.starts_with("http"))
            .and_then(clean_author)
    };
    let mut marked: Vec<&(AuthorSource, String)> = s.facts.authors.iter().collect();
    marked.sort_by_key(|(src, _)| *src);
    let from_markup = marked.into_iter().filter_map(|(_, t)| clean_author(t));
    let shown = s.blocks.iter().filter_map(visible_byline);
    let marked_bylines = s
        .blocks
        .iter()
        .filter(|b| b.hints & hints::BYLINE != 0 && b.hints & hints::COMMENT == 0)
        .take(MAX_BYLINES_FOR_NAME)
        .filter_map(byline_name);
    let mut candidates = from_ld()
        .into_iter()
        .chain(from_meta())
        .chain(from_markup)
        .chain(shown)
        .chain(marked_bylines);
    let first = candidates.next()?;
    // the site's name is an author only where no person is named
    let is_site = |a: &str| sitename.is_some_and(|site| a.trim().eq_ignore_ascii_case(site.trim()));
    if is_site(&first) {
        return Some(candidates.find(|a| !is_site(a)).unwrap_or(first));
    }
    Some(first)
}

/// The author the page declares: JSON-LD, `<meta>`, `itemprop="author"`, `rel="author"`.
fn author_declared(s: &Sources) -> Option<String> {
    let ld = s.ld.author.as_deref().and_then(|a| {
        let parts: Vec<String> = a.split("; ").filter_map(clean_author).collect();
        (!parts.is_empty()).then(|| parts.join("; "))
    });
    ld.or_else(|| {
        meta(s.facts, AUTHOR_KEYS)
            .filter(|a| !a.starts_with("http"))
            .and_then(clean_author)
    })
    .or_else(|| {
        s.facts
            .authors
            .iter()
            .filter(|(src, _)| {
                matches!(
                    src,
                    AuthorSource::Itemprop | AuthorSource::Rel | AuthorSource::Class
                )
            })
            .min_by_key(|(src, _)| *src)
            .and_then(|(_, t)| clean_author(t))
    })
}

/// Whether a cleaned byline reads as a person's name: a few words, each capitalised.
fn reads_as_name(a: &str) -> bool {
    let words: Vec<&str> = a.split_whitespace().collect();
    VISIBLE_BYLINE_WORDS.contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// The name in a short visible line that opens like a byline ("By Jane Doe"), when it
/// reads as a name.
fn visible_byline(b: &Block) -> Option<String> {
    if b.text.chars().count() > MAX_VISIBLE_BYLINE_CHARS {
        return None;
    }
    let t = b.text.trim();
    let lower = t.to_lowercase();
    let opens = BYLINE_OPENINGS.iter().any(|p| {
        lower.starts_with(p)
            && lower[p.len()..].starts_with(|c: char| c.is_whitespace() || c == ':')
    });
    if !opens {
        return None;
    }
    clean_author(t).filter(|a| reads_as_name(a))
}

/// The name in a short block the markup marks as a byline ("Summer Swann",
/// "Dec 17, 2025 Julian K. Arni", "Andrew Gerrand\n4 August 2010"): its first line that
/// reads as a name once dates are taken off.
fn byline_name(b: &Block) -> Option<String> {
    if b.text.chars().count() > MAX_VISIBLE_BYLINE_CHARS {
        return None;
    }
    b.text
        .lines()
        .filter_map(|line| clean_author(&without_dates(line)))
        .find(|a| reads_as_name(a))
}

/// A line without its date: words with digits and month names taken off, a year glued to
/// the next word parted from it ("2025Julian").
fn without_dates(line: &str) -> String {
    let mut parted = String::with_capacity(line.len() + 4);
    let mut prev_digit = false;
    for c in line.chars() {
        if prev_digit && c.is_alphabetic() {
            parted.push(' ');
        }
        prev_digit = c.is_ascii_digit();
        parted.push(c);
    }
    parted
        .split_whitespace()
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()) && !crate::dates::is_month_name(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The publication date: what the page declares (JSON-LD, `<meta>`, a `<time>` marked as
/// the publication), the URL's path, a dateline in a byline, any `<time>`, a date line
/// near the headline; never the modification date alone. A declared date in UTC gives way
/// to the page's own day where that is one day off.
fn published(s: &Sources, title: Option<&str>) -> Option<String> {
    let (facts, blocks) = (s.facts, s.blocks);
    let url_date = || s.page_url.and_then(|u| date_from_url(u.path()));
    let byline_date = || {
        blocks
            .iter()
            .filter(|b| b.hints & hints::BYLINE != 0 && b.stats.chars < MAX_BYLINE_CHARS)
            .filter(|b| b.hints & hints::COMMENT == 0 && b.text.bytes().any(|c| c.is_ascii_digit()))
            .take(MAX_BYLINES_FOR_DATE)
            .find_map(|b| parse_date(&b.text))
    };
    // a comment's time is not the page's
    let in_comment = |at: u32| {
        blocks
            .get(at as usize)
            .is_some_and(|b| b.hints & hints::COMMENT != 0)
    };
    let page_times = facts.times.iter().filter(|t| !in_comment(t.0));
    if let Some((date, raw)) = declared(s) {
        if is_utc_instant(raw) {
            // the same moment in the page's own time zone, or the URL's day
            let instant = instant_minutes(raw);
            let local = facts
                .times
                .iter()
                .filter(|t| !is_utc_instant(&t.2) && instant_minutes(&t.2) == instant)
                .find_map(|t| parse_date(&t.2))
                .or_else(url_date);
            if let Some(l) = local.filter(|l| one_day_apart(l, &date)) {
                return Some(l);
            }
        }
        return Some(date);
    }
    url_date()
        .or_else(byline_date)
        .or_else(|| page_times.clone().find_map(|t| parse_date(&t.2)))
        .or_else(|| headline_date(blocks, title))
}

/// The publication date the page declares (JSON-LD, `<meta>`, a `<time>` marked as the
/// publication), with the text it was read from.
fn declared<'a>(s: &'a Sources) -> Option<(String, &'a str)> {
    let read = |raw: &'a str| parse_date(raw).map(|d| (d, raw));
    s.ld.date
        .as_deref()
        .and_then(read)
        .or_else(|| meta(s.facts, PUBLISHED_KEYS).and_then(read))
        .or_else(|| {
            s.facts
                .times
                .iter()
                .filter(|t| t.1)
                .find_map(|t| read(&t.2))
        })
}

/// The short visible lines near the headline that hold a date ("December 15, 2025",
/// "Updated: 23.07.2025 · 6 min read"), outside comments, in order: each date, and whether
/// its line names it an update.
fn date_lines<'b>(
    blocks: &'b [Block],
    title: Option<&str>,
) -> impl Iterator<Item = (String, bool)> + 'b {
    let outside_comments = |b: &Block| b.hints & hints::COMMENT == 0;
    let is_title = |b: &Block| title.is_some_and(|t| b.text.trim().eq_ignore_ascii_case(t));
    // the headline: the heading that reads as the title, else a line that does (some
    // pages set their headline in a styled paragraph); and the first <h1>, where it is
    // another block
    let titled = blocks
        .iter()
        .position(|b| matches!(b.kind, BlockKind::Heading(_)) && outside_comments(b) && is_title(b))
        .or_else(|| {
            blocks
                .iter()
                .position(|b| outside_comments(b) && is_title(b))
        });
    let h1 = blocks
        .iter()
        .position(|b| b.kind == BlockKind::Heading(1) && outside_comments(b))
        .filter(|&h| Some(h) != titled);
    let window = |h: usize| {
        let (start, end) = (h.saturating_sub(DATE_LINE_BEFORE), h + DATE_LINE_AFTER);
        &blocks[start.min(blocks.len())..end.min(blocks.len())]
    };
    let windows: Vec<&[Block]> = match (titled, h1) {
        (None, None) => vec![&blocks[..DATE_LINE_AFTER.min(blocks.len())]],
        (t, h) => t.into_iter().chain(h).map(window).collect(),
    };
    windows
        .into_iter()
        .flatten()
        .filter(move |b| b.stats.chars <= MAX_DATE_LINE_CHARS && outside_comments(b))
        .filter_map(|b| parse_date(&b.text).map(|d| (d, names_update(&b.text))))
}

/// Whether a date line names its date an update: one of [`UPDATE_LABELS`] before its first
/// digit ("Last updated: Dec 4, 2025", not "August 16, 2019 - Updated July 9, 2025").
fn names_update(line: &str) -> bool {
    let head = line[..line
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(line.len())]
        .to_lowercase();
    UPDATE_LABELS.iter().any(|l| head.contains(l))
}

/// A thread's author and date: its first poster and its first `<time>`, in the order of
/// the page (the opening post comes first, and a forum's header names its opener), before
/// block `end`, where the posts end (a commenter under an article is no thread's opener).
pub(crate) fn first_post(facts: &Facts, end: u32) -> (Option<String>, Option<String>) {
    let author = facts
        .posters
        .iter()
        .take_while(|(at, _)| *at < end)
        .find_map(|(_, name)| clean_author(name));
    let date = facts
        .times
        .iter()
        .take_while(|t| t.0 < end)
        .find_map(|t| parse_date(&t.2));
    (author, date)
}

/// The first short line with a date before block `end`: a thread's date where its posts
/// carry no `<time>`.
pub(crate) fn first_date_line(blocks: &[Block], end: u32) -> Option<String> {
    blocks
        .get(..end as usize)?
        .iter()
        .filter(|b| b.stats.chars <= MAX_DATE_LINE_CHARS)
        .find_map(|b| parse_date(&b.text))
}

/// The publication date on a date line near the headline of `blocks` (a published date
/// over an updated one).
fn headline_date(blocks: &[Block], title: Option<&str>) -> Option<String> {
    let mut lines = date_lines(blocks, title);
    let first = lines.next()?;
    if !first.1 {
        return Some(first.0);
    }
    Some(lines.find(|(_, update)| !update).unwrap_or(first).0)
}

/// The canonical URL (`<link rel=canonical>`, `og:url`), resolved against the page URL,
/// else the page URL.
fn canonical(s: &Sources) -> Option<String> {
    s.facts
        .canonical
        .as_deref()
        .or_else(|| meta(s.facts, &["og:url"]))
        .map(|h| resolve_url(s.page_url, h))
        .or_else(|| s.page_url.map(|u| u.to_string()))
}

/// The language: `<html lang>`, `<meta>`, JSON-LD, else detected from the prose.
fn language(s: &Sources) -> Option<String> {
    s.facts
        .lang
        .as_deref()
        .and_then(language::normalize_lang)
        .or_else(|| meta(s.facts, LANGUAGE_KEYS).and_then(language::normalize_lang))
        .or_else(|| s.ld.language.as_deref().and_then(language::normalize_lang))
        .or_else(|| language::detect(s.blocks))
}

#[cfg(test)]
mod tests {
    use super::schema_types;

    #[test]
    fn microdata_types_named_by_few_elements_join_the_json_ld_types() {
        let ld = vec!["WebPage".to_string()];
        let micro = [("Product", 1), ("Offer", 3), ("Book", 100), ("WebPage", 1)];
        let micro: Vec<(String, u32)> = micro.iter().map(|(t, n)| (t.to_string(), *n)).collect();
        assert_eq!(schema_types(ld, &micro), ["WebPage", "Product", "Offer"]);
    }
}
