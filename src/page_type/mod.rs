//! What kind of page this is (an article, a forum thread, a product, a collection of
//! products, a listing, documentation or a service page), decided from what the page says
//! of itself and from its structure, with the evidence that decided it.

mod features;
mod model;
mod signals;

use crate::walk::Page;

/// The kinds of page gleaner tells apart. Each is extracted with its own profile of the
/// classifier's weights (see [`crate::Weights::for_page_type`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum PageType {
    /// A news story, blog post, essay or other article.
    #[default]
    Article,
    /// A forum thread or a question with its answers: every post is content.
    Forum,
    /// One product: its description, features and specifications.
    Product,
    /// A shop's category: a grid of products.
    Collection,
    /// A list of items that lead elsewhere: a front page, an index, search results, a
    /// board of jobs or events, a chart.
    Listing,
    /// Documentation: a manual's or reference's page, with its code.
    Documentation,
    /// A service or landing page: what a business offers, in sections.
    Service,
}

impl PageType {
    /// Every page type.
    pub const ALL: [PageType; 7] = [
        PageType::Article,
        PageType::Forum,
        PageType::Product,
        PageType::Collection,
        PageType::Listing,
        PageType::Documentation,
        PageType::Service,
    ];

    /// Its name in JSON, reports and the benchmarks: `article`, `forum`, `product`,
    /// `collection`, `listing`, `documentation` or `service`.
    pub fn name(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Forum => "forum",
            PageType::Product => "product",
            PageType::Collection => "collection",
            PageType::Listing => "listing",
            PageType::Documentation => "documentation",
            PageType::Service => "service",
        }
    }
}

impl std::str::FromStr for PageType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        PageType::ALL
            .into_iter()
            .find(|t| t.name() == s)
            .ok_or_else(|| format!("unknown page type {s:?}"))
    }
}

/// One piece of evidence: a signal the page gave, the type it speaks for, and its weight.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct Evidence {
    /// The signal, in words (`JSON-LD DiscussionForumPosting`, `URL /products/`, ...).
    pub signal: &'static str,
    /// The type it speaks for.
    #[serde(serialize_with = "type_name")]
    pub page_type: PageType,
    /// How much it counts.
    pub weight: f32,
}

fn type_name<S: serde::Serializer>(t: &PageType, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t.name())
}

/// How much more evidence another type needs than the article: a page that says little of
/// itself is an article.
const ARTICLE_MARGIN: f32 = 0.1;

/// The page's feature vector, with the features' names (for training the model).
#[cfg(feature = "internals")]
pub(crate) fn features(
    page: &Page,
    ld_types: &[String],
    url: Option<&str>,
) -> (&'static [&'static str], Vec<f32>) {
    let s = signals::Signals::read(page, ld_types, url);
    (&features::NAMES, features::of(&s).to_vec())
}

/// The page's type, and the evidence: each feature the page has, with the type it speaks
/// for most and how much, strongest first.
pub(crate) fn decide(
    page: &Page,
    ld_types: &[String],
    url: Option<&str>,
) -> (PageType, Vec<Evidence>) {
    let x = features::of(&signals::Signals::read(page, ld_types, url));
    let mut scores = [0.0f32; 7];
    for (xi, w) in x.iter().zip(&model::WEIGHTS) {
        for (s, wc) in scores.iter_mut().zip(w) {
            *s += xi * wc;
        }
    }
    // an article unless another type has clearly more evidence
    scores[0] += ARTICLE_MARGIN;
    let best = (0..PageType::ALL.len()).fold(0, |b, c| if scores[c] > scores[b] { c } else { b });
    let mut evidence: Vec<Evidence> = x
        .iter()
        .zip(&model::WEIGHTS)
        .zip(features::NAMES)
        .filter(|((xi, _), _)| **xi != 0.0)
        .map(|((xi, w), name)| {
            let (c, wc) = w.iter().enumerate().fold((0, f32::MIN), |b, (c, wc)| {
                if xi * wc > b.1 {
                    (c, xi * wc)
                } else {
                    b
                }
            });
            Evidence {
                signal: name,
                page_type: PageType::ALL[c],
                weight: wc,
            }
        })
        .collect();
    evidence.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    (PageType::ALL[best], evidence)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type_of(html: &str, url: &str) -> PageType {
        let ex = crate::Extractor::new().url(url);
        ex.extract(html.as_bytes()).unwrap().page_type()
    }

    const PROSE: &str = "<p>The council voted on Tuesday to extend the tram line to the northern suburbs, a project debated for a decade.</p>";

    #[test]
    fn a_page_says_what_it_is() {
        let article = format!(
            r#"<head><meta property="og:type" content="article"><script type="application/ld+json">{{"@type":"NewsArticle","headline":"Trams"}}</script></head><body><article>{PROSE}{PROSE}</article></body>"#
        );
        assert_eq!(
            type_of(&article, "https://news.example/2024/05/trams"),
            PageType::Article
        );
        let forum = format!(
            r#"<head><meta name="generator" content="Discourse 3.2"><script type="application/ld+json">{{"@type":"DiscussionForumPosting"}}</script></head><body>{PROSE}{PROSE}</body>"#
        );
        assert_eq!(
            type_of(&forum, "https://forum.example/t/trams/123"),
            PageType::Forum
        );
        let product = format!(
            r#"<head><meta property="og:type" content="product"><script type="application/ld+json">{{"@type":"Product","offers":{{"@type":"Offer","price":"9.99"}}}}</script></head><body>{PROSE}<button>Add to cart</button></body>"#
        );
        assert_eq!(
            type_of(&product, "https://shop.example/products/mug"),
            PageType::Product
        );
        let docs = format!(
            r#"<head><meta name="generator" content="Sphinx 7.2"></head><body>{PROSE}<pre>x = 1</pre><pre>y = 2</pre><pre>z = 3</pre></body>"#
        );
        assert_eq!(
            type_of(&docs, "https://docs.example/en/latest/api.html"),
            PageType::Documentation
        );
    }

    #[test]
    fn a_sphinx_page_is_documentation_without_a_generator_meta() {
        // Read the Docs' theme and Furo write no <meta name="generator">; every Sphinx
        // theme loads documentation_options.js
        let page = |script: &str| {
            format!(
                r#"<head>{script}</head><body><h1>Vacuity</h1>{PROSE}<pre>rule r {{ assert true; }}</pre>{PROSE}</body>"#
            )
        };
        let url = "https://tutorials.example/en/latest/lesson2/vacuity.html";
        let sphinx = r#"<script src="../_static/documentation_options.js?v=5929fcd5"></script>"#;
        assert_eq!(type_of(&page(sphinx), url), PageType::Documentation);
        assert_eq!(
            type_of(&page(r#"<script src="/js/app.js"></script>"#), url),
            PageType::Article
        );
    }

    #[test]
    fn microdata_names_the_type_of_a_page_not_of_its_items() {
        // a game's store page: no JSON-LD, no og:type product, a URL of no shop software;
        // its microdata names the Product and its Offer
        let card = |itemtype: &str| {
            format!(
                r#"<div itemscope itemtype="http://schema.org/{itemtype}"><h3>The Tram Game</h3><div itemprop="offers" itemscope itemtype="http://schema.org/Offer"><span>$19.99</span></div></div>"#
            )
        };
        let page = format!(
            r#"<head><meta property="og:type" content="website"></head><body>{}{PROSE}{PROSE}</body>"#,
            card("Product")
        );
        let url = "https://games.example/app/1174/tram_game/";
        assert_eq!(type_of(&page, url), PageType::Product);
        // a hundred books are a list of books
        let list = format!(
            "<body>{PROSE}{}</body>",
            (0..100).map(|_| card("Book")).collect::<String>()
        );
        assert_ne!(type_of(&list, url), PageType::Product);
    }

    #[test]
    fn names_read_back() {
        for t in PageType::ALL {
            assert_eq!(t.name().parse::<PageType>(), Ok(t));
        }
        assert!("recipe".parse::<PageType>().is_err());
    }
}
