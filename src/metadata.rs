//! The page's metadata: title, author, date, site name, language, canonical URL, description
//! and image, from `<meta>`, OpenGraph, JSON-LD, `<time>` and visible bylines.

use serde_json::Value;

use crate::block::{Block, BlockKind};
use crate::dates::{date_from_url, parse_date};
use crate::element::AuthorSource;
use crate::hints;
use crate::text::normalize_space;
use crate::urls::resolve_url;
use crate::walk::Facts;

/// Longest author string accepted, in characters.
const MAX_AUTHOR_CHARS: usize = 120;
/// How many blocks from the end of the page are searched for a copyright line.
const COPYRIGHT_SEARCH_BLOCKS: usize = 12;
/// Longest visible "By ..." line read as a byline, in characters.
const MAX_VISIBLE_BYLINE_CHARS: usize = 60;
/// Longest byline (in characters) searched for a date.
const MAX_BYLINE_CHARS: u32 = 200;
/// Least text (in characters) on which the language is guessed from the words.
const MIN_LANG_DETECT_CHARS: usize = 40;
/// About how much of the page's prose language detection reads, in bytes: a few
/// paragraphs decide it, and detection costs in proportion to what it reads.
const LANG_SAMPLE_BYTES: usize = 1500;
/// Separators between a title and the site name in `<title>`.
const TITLE_SEPARATORS: [&str; 8] = [" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " / "];

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

/// Fields read from the page's JSON-LD.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    author: Option<String>,
    date: Option<String>,
    publisher: Option<String>,
    description: Option<String>,
    image: Option<String>,
    language: Option<String>,
    article_body: Option<String>,
}

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article")
        || matches!(
            t,
            "BlogPosting"
                | "Report"
                | "Review"
                | "LiveBlogPosting"
                | "SocialMediaPosting"
                | "DiscussionForumPosting"
                | "TechArticle"
                | "Recipe"
                | "WebPage"
                | "ItemPage"
                | "Product"
                | "QAPage"
        )
}

fn value_str(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let s = normalize_space(s);
            (!s.is_empty()).then_some(s)
        }
        Value::Object(o) => o
            .get("name")
            .or_else(|| o.get("url"))
            .or_else(|| o.get("@id"))
            .and_then(value_str),
        Value::Array(a) => a.iter().find_map(value_str),
        _ => None,
    }
}

fn names(v: &Value) -> Option<String> {
    match v {
        Value::Array(a) => {
            let all: Vec<String> = a.iter().filter_map(names).collect();
            (!all.is_empty()).then(|| all.join("; "))
        }
        Value::Object(o) => o.get("name").and_then(value_str),
        Value::String(s) => {
            let s = normalize_space(s);
            (!s.is_empty() && !s.starts_with("http")).then_some(s)
        }
        _ => None,
    }
}

fn read_json_ld(scripts: &[String]) -> JsonLd {
    let mut out = JsonLd::default();
    let mut queue: Vec<Value> = Vec::new();
    for s in scripts {
        if let Ok(v) = serde_json::from_str::<Value>(s.trim().trim_end_matches(';')) {
            queue.push(v);
        }
    }
    let mut seen = 0;
    let mut page_headline = false;
    while let Some(v) = queue.pop() {
        seen += 1;
        if seen > 256 {
            break;
        }
        match v {
            Value::Array(a) => queue.extend(a.into_iter().rev()),
            Value::Object(mut o) => {
                if let Some(g) = o.remove("@graph") {
                    queue.push(g);
                }
                let types: Vec<String> = match o.get("@type") {
                    Some(Value::String(t)) => vec![t.clone()],
                    Some(Value::Array(a)) => a
                        .iter()
                        .filter_map(|t| t.as_str().map(String::from))
                        .collect(),
                    _ => vec![],
                };
                if !types.iter().any(|t| is_article_type(t)) {
                    continue;
                }
                let is_page = types.iter().all(|t| t == "WebPage");
                let get = |k: &str| o.get(k).and_then(value_str);
                // An article's headline beats a web page's name.
                if out.headline.is_none() || (!is_page && page_headline) {
                    if let Some(h) = get("headline").or_else(|| get("name")) {
                        out.headline = Some(h);
                        page_headline = is_page;
                    }
                }
                if out.author.is_none() {
                    out.author = o.get("author").or_else(|| o.get("creator")).and_then(names);
                }
                if out.date.is_none() {
                    out.date = get("datePublished").or_else(|| get("dateCreated"));
                }
                if out.publisher.is_none() {
                    out.publisher = o.get("publisher").and_then(names);
                }
                if out.description.is_none() {
                    out.description = get("description");
                }
                if out.image.is_none() {
                    out.image = o.get("image").and_then(value_str);
                }
                if out.language.is_none() {
                    out.language = get("inLanguage");
                }
                if out.article_body.is_none() {
                    out.article_body = o
                        .get("articleBody")
                        .and_then(|v| v.as_str())
                        .map(str::to_string);
                }
            }
            _ => {}
        }
    }
    out
}

fn meta<'a>(facts: &'a Facts, keys: &[&str]) -> Option<&'a str> {
    for k in keys {
        if let Some((_, v)) = facts
            .metas
            .iter()
            .find(|(mk, v)| mk == k && !v.trim().is_empty())
        {
            return Some(v.as_str());
        }
    }
    None
}

/// Whether `part` of a title names the site: it matches the known site name, or looks like
/// a domain.
fn names_site(part: &str, sitename: Option<&str>) -> bool {
    let p = part.trim().to_lowercase();
    if p.is_empty() {
        return false;
    }
    let by_name = sitename.is_some_and(|s| {
        let s = s.trim().to_lowercase();
        s.chars().count() >= 3
            && (p == s || p.contains(&s) || (s.contains(&p) && p.chars().count() >= 3))
    });
    by_name || (p.contains('.') && !p.contains(' ') && p.len() > 4)
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
pub fn clean_title(title: &str, sitename: Option<&str>, h1: Option<&str>) -> String {
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
                && title_words(tail) <= 3.0
                && tail.chars().count() <= 30
                && title_words(head) >= 3.0
            {
                return head.to_string();
            }
        }
        break;
    }
    title
}

/// Cleans a byline into a name: drops "By", dates and trailing punctuation.
fn clean_author(raw: &str) -> Option<String> {
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
        || digits > 4
        || s.contains("http")
        || s.contains('@')
        || s.contains('{')
    {
        return None;
    }
    Some(s.to_string())
}

/// ISO 639-1 code for whatlang's ISO 639-3 codes.
fn iso639_1(code3: &str) -> &str {
    match code3 {
        "eng" => "en",
        "deu" => "de",
        "fra" => "fr",
        "spa" => "es",
        "ita" => "it",
        "por" => "pt",
        "nld" => "nl",
        "rus" => "ru",
        "ukr" => "uk",
        "pol" => "pl",
        "ces" => "cs",
        "slk" => "sk",
        "slv" => "sl",
        "hrv" => "hr",
        "srp" => "sr",
        "bul" => "bg",
        "ron" => "ro",
        "hun" => "hu",
        "fin" => "fi",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "no",
        "ell" => "el",
        "tur" => "tr",
        "ara" => "ar",
        "heb" => "he",
        "pes" => "fa",
        "hin" => "hi",
        "ben" => "bn",
        "cmn" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        "vie" => "vi",
        "tha" => "th",
        "ind" => "id",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "cat" => "ca",
        "epo" => "eo",
        "bel" => "be",
        "mkd" => "mk",
        "urd" => "ur",
        "tam" => "ta",
        "tel" => "te",
        "mar" => "mr",
        "kat" => "ka",
        "hye" => "hy",
        "aze" => "az",
        "afr" => "af",
        "lat" => "la",
        "tgl" => "tl",
        "uzb" => "uz",
        "yid" => "yi",
        "zul" => "zu",
        other => other,
    }
}

fn normalize_lang(l: &str) -> Option<String> {
    let primary = l
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    (primary.len() >= 2 && primary.len() <= 3 && primary.chars().all(|c| c.is_ascii_alphabetic()))
        .then_some(primary)
}

/// What [`extract`] gives beyond the metadata itself.
#[derive(Debug, Default)]
pub struct Extras {
    /// `articleBody` from JSON-LD, a fallback for pages whose body is scripted in.
    pub article_body: Option<String>,
}

/// Reads the metadata from the page's facts and blocks. `page_url` is the caller's URL.
pub fn extract(facts: &Facts, blocks: &[Block], page_url: Option<&url::Url>) -> (Metadata, Extras) {
    let ld = read_json_ld(&facts.json_ld);
    let h1s: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading(1))
        .take(4)
        .collect();
    let sitename = meta(
        facts,
        &[
            "og:site_name",
            "application-name",
            "twitter:app:name:iphone",
        ],
    )
    .map(normalize_space)
    .or_else(|| ld.publisher.clone());

    // No declared site name: a part of <title> that the copyright line names is one.
    let sitename = sitename.or_else(|| {
        let title = facts.title.as_deref()?;
        let copyright = blocks
            .iter()
            .rev()
            .take(COPYRIGHT_SEARCH_BLOCKS)
            .find(|b| b.text.contains('©') || b.text.to_lowercase().contains("copyright"))?;
        TITLE_SEPARATORS.iter().find_map(|sep| {
            title
                .split(sep)
                .map(str::trim)
                .find(|part| part.chars().count() >= 4 && copyright.text.contains(part))
                .map(str::to_string)
        })
    });
    let h1 = (h1s.len() == 1).then(|| h1s[0].text.as_str());
    let meta_title = ld.headline.clone().or_else(|| {
        meta(
            facts,
            &[
                "dc:title",
                "dc.title",
                "dcterm:title",
                "og:title",
                "twitter:title",
                "parsely-title",
                "title",
                "headline",
            ],
        )
        .map(str::to_string)
    });
    let title = meta_title
        .map(|t| clean_title(&t, sitename.as_deref(), h1))
        .or_else(|| {
            facts.title.as_deref().map(|t| {
                clean_title(
                    t,
                    sitename.as_deref(),
                    h1.or(h1s.first().map(|b| b.text.as_str())),
                )
            })
        })
        .or_else(|| h1s.first().map(|b| normalize_space(&b.text)))
        .filter(|t| !t.is_empty());

    let mut author = ld
        .author
        .clone()
        .and_then(|a| {
            let parts: Vec<String> = a.split("; ").filter_map(clean_author).collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        })
        .or_else(|| {
            meta(
                facts,
                &[
                    "author",
                    "article:author",
                    "byl",
                    "parsely-author",
                    "dc.creator",
                    "sailthru.author",
                    "citation_author",
                    "dcterms.creator",
                ],
            )
            .filter(|a| !a.starts_with("http"))
            .and_then(clean_author)
        });
    if author.is_none() {
        let mut cands: Vec<&(AuthorSource, String)> = facts.authors.iter().collect();
        cands.sort_by_key(|(s, _)| *s);
        author = cands.iter().find_map(|(_, t)| clean_author(t));
    }

    if author.is_none() {
        author = blocks
            .iter()
            .filter(|b| b.text.chars().count() <= MAX_VISIBLE_BYLINE_CHARS)
            .find_map(|b| {
                let t = b.text.trim();
                let lower = t.to_lowercase();
                ["by ", "von ", "par ", "por "]
                    .iter()
                    .any(|p| lower.starts_with(p))
                    .then(|| clean_author(t))
                    .flatten()
                    .filter(|a| {
                        let words: Vec<&str> = a.split_whitespace().collect();
                        (2..=4).contains(&words.len())
                            && words
                                .iter()
                                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                    })
            });
    }

    let date = ld
        .date
        .as_deref()
        .and_then(parse_date)
        .or_else(|| {
            meta(
                facts,
                &[
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
                ],
            )
            .and_then(parse_date)
        })
        .or_else(|| {
            facts
                .times
                .iter()
                .filter(|t| t.1)
                .find_map(|t| parse_date(&t.2))
        })
        .or_else(|| page_url.and_then(|u| date_from_url(u.path())))
        .or_else(|| {
            // a dateline in the visible byline
            blocks
                .iter()
                .filter(|b| b.hints & hints::BYLINE != 0 && b.stats.chars < MAX_BYLINE_CHARS)
                .take(8)
                .find_map(|b| parse_date(&b.text))
        })
        .or_else(|| facts.times.iter().find_map(|t| parse_date(&t.2)))
        .or_else(|| {
            meta(
                facts,
                &["article:modified_time", "og:updated_time", "last-modified"],
            )
            .and_then(parse_date)
        });

    let canonical = facts
        .canonical
        .as_deref()
        .or_else(|| meta(facts, &["og:url"]))
        .map(|h| resolve_url(page_url, h))
        .or_else(|| page_url.map(|u| u.to_string()));

    let sitename = sitename.or_else(|| {
        facts.title.as_deref().and_then(|t| {
            TITLE_SEPARATORS.iter().find_map(|sep| {
                t.rfind(sep)
                    .map(|p| normalize_space(&t[p + sep.len()..]))
                    .filter(|s| !s.is_empty() && s.split_whitespace().count() <= 3)
            })
        })
    });

    let mut language = facts
        .lang
        .as_deref()
        .and_then(normalize_lang)
        .or_else(|| {
            meta(
                facts,
                &["content-language", "og:locale", "language", "dc.language"],
            )
            .and_then(normalize_lang)
        })
        .or_else(|| ld.language.as_deref().and_then(normalize_lang));
    if language.is_none() {
        let mut sample = String::new();
        for b in blocks
            .iter()
            .filter(|b| b.stats.chars > 40 && b.link_density() < 0.3)
        {
            sample.push_str(&b.text);
            sample.push(' ');
            if sample.len() > LANG_SAMPLE_BYTES {
                break;
            }
        }
        if sample.chars().count() >= MIN_LANG_DETECT_CHARS {
            if let Some(info) = whatlang::detect(&sample) {
                if info.is_reliable() || info.confidence() > 0.5 {
                    language = Some(iso639_1(info.lang().code()).to_string());
                }
            }
        }
    }

    let description = meta(
        facts,
        &[
            "description",
            "og:description",
            "twitter:description",
            "dc.description",
        ],
    )
    .map(normalize_space)
    .or_else(|| ld.description.clone())
    .filter(|d| !d.is_empty());
    let image = meta(
        facts,
        &[
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
        ],
    )
    .map(str::to_string)
    .or_else(|| ld.image.clone())
    .map(|i| resolve_url(page_url, &i));

    (
        Metadata {
            title,
            author,
            date,
            sitename,
            language,
            url: canonical,
            description,
            image,
        },
        Extras {
            article_body: ld.article_body,
        },
    )
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

    #[test]
    fn cleans_authors() {
        assert_eq!(clean_author("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            clean_author("Von Heike Buchter | 16. Oktober 2019").as_deref(),
            Some("Heike Buchter")
        );
        assert_eq!(clean_author("https://facebook.com/x"), None);
    }

    #[test]
    fn reads_json_ld_graph() {
        let ld = read_json_ld(&[r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
            {"@type":"NewsArticle","headline":"H","author":[{"@type":"Person","name":"A"},{"name":"B"}],
             "datePublished":"2020-01-02T03:04:05Z","publisher":{"name":"P"},"articleBody":"Body"}]}"#.to_string()]);
        assert_eq!(ld.headline.as_deref(), Some("H"));
        assert_eq!(ld.author.as_deref(), Some("A; B"));
        assert_eq!(ld.date.as_deref(), Some("2020-01-02T03:04:05Z"));
        assert_eq!(ld.publisher.as_deref(), Some("P"));
        assert_eq!(ld.article_body.as_deref(), Some("Body"));
    }
}
