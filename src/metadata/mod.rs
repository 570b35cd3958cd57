//! The page's metadata: title, author, date, site name, language, canonical URL, description
//! and image, from `<meta>`, OpenGraph, JSON-LD, `<time>` and visible bylines.

mod author;
mod jsonld;
mod language;
mod title;

use crate::block::{Block, BlockKind};
use crate::dates::{date_from_url, parse_date};
use crate::element::AuthorSource;
use crate::hints;
use crate::text::normalize_space;
use crate::urls::resolve_url;
use crate::walk::Facts;
use author::clean_author;
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
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "published_time",
    "release_date",
    "citation_publication_date",
    "originalpublicationdate",
];
/// `<meta>` names that give the last modification, the date of last resort.
const MODIFIED_KEYS: &[&str] = &["article:modified_time", "og:updated_time", "last-modified"];
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
const BYLINE_OPENINGS: &[&str] = &["by ", "von ", "par ", "por "];
/// Longest visible "By ..." line read as a byline, in characters.
const MAX_VISIBLE_BYLINE_CHARS: usize = 60;
/// Words in a name read from a visible byline.
const VISIBLE_BYLINE_WORDS: std::ops::RangeInclusive<usize> = 2..=4;
/// Longest byline (in characters) searched for a date.
const MAX_BYLINE_CHARS: u32 = 200;
/// Most bylines searched for a date.
const MAX_BYLINES_FOR_DATE: usize = 8;
/// The share of the `<h1>`'s words that the declared title must hold, and of the declared
/// title's words that the `<h1>` must hold, for the `<h1>` to be the title.
const H1_MIN_SHARED_WORDS: f32 = 0.5;
/// Most `<h1>` headings read: a page with several has no one headline.
const MAX_H1S: usize = 4;

/// The page's metadata. Every field is `None` when the page does not say.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
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

/// What [`extract`] gives beyond the metadata itself.
#[derive(Debug, Default)]
pub struct Extras {
    /// `articleBody` from JSON-LD, a fallback for pages whose body is scripted in.
    pub article_body: Option<String>,
    /// Every `@type` the JSON-LD names.
    pub ld_types: Vec<String>,
    /// JSON-LD's description of the page's product.
    pub product_description: Option<String>,
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
    let metadata = Metadata {
        title: headline(&s, declared_site.as_deref()),
        author: author(&s),
        date: published(&s),
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
    let extras = Extras {
        article_body: s.ld.article_body,
        ld_types: s.ld.types,
        product_description: s.ld.product_description,
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
    let h1 = (h1s.len() == 1).then(|| h1s[0].text.as_str());
    let declared =
        s.ld.headline
            .clone()
            .or_else(|| meta(s.facts, TITLE_KEYS).map(str::to_string));
    // the headline the page shows, when it agrees with what the page declares: the
    // declared title is often written for search engines
    // (compared without the site's name, so that a site's name in an <h1> is not taken)
    if let Some(h) = h1.map(normalize_space).filter(|h| !h.is_empty()) {
        let agrees = |t: &str| {
            let t = clean_title(t, sitename, None);
            shares_words(&h, &t, H1_MIN_SHARED_WORDS) && shares_words(&t, &h, H1_MIN_SHARED_WORDS)
        };
        if declared.as_deref().is_some_and(agrees) || s.facts.title.as_deref().is_some_and(agrees)
        {
            return Some(h);
        }
    }
    declared
        .map(|t| clean_title(&t, sitename, h1))
        .or_else(|| {
            s.facts
                .title
                .as_deref()
                .map(|t| clean_title(t, sitename, h1.or(h1s.first().map(|b| b.text.as_str()))))
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

/// The author: JSON-LD, `<meta>`, the markup's author candidates in order of trust, then a
/// visible "By ..." line that reads as a name.
fn author(s: &Sources) -> Option<String> {
    s.ld.author
        .clone()
        .and_then(|a| {
            let parts: Vec<String> = a.split("; ").filter_map(clean_author).collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        })
        .or_else(|| {
            meta(s.facts, AUTHOR_KEYS)
                .filter(|a| !a.starts_with("http"))
                .and_then(clean_author)
        })
        .or_else(|| {
            let mut cands: Vec<&(AuthorSource, String)> = s.facts.authors.iter().collect();
            cands.sort_by_key(|(src, _)| *src);
            cands.iter().find_map(|(_, t)| clean_author(t))
        })
        .or_else(|| s.blocks.iter().find_map(visible_byline))
}

/// The name in a short visible line that opens like a byline ("By Jane Doe"), when it
/// reads as a name: a few words, each capitalised.
fn visible_byline(b: &Block) -> Option<String> {
    if b.text.chars().count() > MAX_VISIBLE_BYLINE_CHARS {
        return None;
    }
    let t = b.text.trim();
    let lower = t.to_lowercase();
    if !BYLINE_OPENINGS.iter().any(|p| lower.starts_with(p)) {
        return None;
    }
    clean_author(t).filter(|a| {
        let words: Vec<&str> = a.split_whitespace().collect();
        VISIBLE_BYLINE_WORDS.contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    })
}

/// The publication date: JSON-LD, `<meta>`, a `<time>` marked as the publication, the
/// URL's path, a dateline in a byline, any `<time>`, and last the modification date.
fn published(s: &Sources) -> Option<String> {
    let (facts, blocks) = (s.facts, s.blocks);
    s.ld.date
        .as_deref()
        .and_then(parse_date)
        .or_else(|| meta(facts, PUBLISHED_KEYS).and_then(parse_date))
        .or_else(|| {
            facts
                .times
                .iter()
                .filter(|t| t.1)
                .find_map(|t| parse_date(&t.2))
        })
        .or_else(|| s.page_url.and_then(|u| date_from_url(u.path())))
        .or_else(|| {
            blocks
                .iter()
                .filter(|b| b.hints & hints::BYLINE != 0 && b.stats.chars < MAX_BYLINE_CHARS)
                .take(MAX_BYLINES_FOR_DATE)
                .find_map(|b| parse_date(&b.text))
        })
        .or_else(|| facts.times.iter().find_map(|t| parse_date(&t.2)))
        .or_else(|| meta(facts, MODIFIED_KEYS).and_then(parse_date))
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
