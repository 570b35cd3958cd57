//! What a page says of its own kind, read once from the walk's output: the types its JSON-LD
//! names, `og:type`, the software that made it, its URL's path, and counts of its structure
//! and its stock phrases.

use crate::block::{largest_item_group, Block, BlockKind, Likeness, Prefix};
use crate::element::AuthorSource;
use crate::hints;
use crate::walk::Page;

/// The JSON-LD types a page names, grouped by what they say of the page.
pub(super) mod ld {
    /// An article of any kind (`Article`, `NewsArticle`, `BlogPosting`, `Report`, ...).
    pub const ARTICLE: u32 = 1 << 0;
    /// Technical writing (`TechArticle`, `APIReference`).
    pub const TECH: u32 = 1 << 1;
    /// A forum post or a question page (`DiscussionForumPosting`, `QAPage`).
    pub const DISCUSSION: u32 = 1 << 2;
    /// A product (`Product`, `ProductGroup`, `IndividualProduct`, `ProductModel`).
    pub const PRODUCT: u32 = 1 << 3;
    /// An offer of one price (`Offer`).
    pub const OFFER: u32 = 1 << 4;
    /// A price range over many products (`AggregateOffer`).
    pub const AGGREGATE_OFFER: u32 = 1 << 5;
    /// A collection page (`CollectionPage`, `OfferCatalog`, `ProductCollection`,
    /// `SearchResultsPage`).
    pub const COLLECTION: u32 = 1 << 6;
    /// A list of items (`ItemList`).
    pub const ITEM_LIST: u32 = 1 << 7;
    /// A service or a business (`Service`, `LocalBusiness`, `ProfessionalService`, ...).
    pub const SERVICE: u32 = 1 << 8;
    /// Frequently asked questions (`FAQPage`).
    pub const FAQ: u32 = 1 << 9;
    /// A software application's page (`SoftwareApplication`, `WebApplication`).
    pub const SOFTWARE: u32 = 1 << 10;
    /// Reviews and ratings (`Review`, `AggregateRating`).
    pub const REVIEW: u32 = 1 << 11;
    /// A job posting or an event, the items of boards and calendars.
    pub const POSTING: u32 = 1 << 12;

    /// The group a JSON-LD type falls in, if any.
    pub fn of(t: &str) -> u32 {
        match t {
            "TechArticle" | "APIReference" => TECH,
            // a Question alone is an FAQ's as often as a forum's
            "DiscussionForumPosting" | "QAPage" => DISCUSSION,
            "Product" | "ProductGroup" | "IndividualProduct" | "ProductModel" | "Car" | "Book" => {
                PRODUCT
            }
            "Offer" => OFFER,
            "AggregateOffer" => AGGREGATE_OFFER,
            "CollectionPage" | "OfferCatalog" | "ProductCollection" | "SearchResultsPage" => {
                COLLECTION
            }
            "ItemList" => ITEM_LIST,
            "Service"
            | "LocalBusiness"
            | "ProfessionalService"
            | "FinancialService"
            | "LegalService"
            | "MedicalBusiness"
            | "HomeAndConstructionBusiness"
            | "EmploymentAgency"
            | "TravelAgency"
            | "Dentist"
            | "Physician" => SERVICE,
            "FAQPage" => FAQ,
            "SoftwareApplication" | "WebApplication" | "MobileApplication" => SOFTWARE,
            "Review" | "AggregateRating" => REVIEW,
            "JobPosting" | "Event" => POSTING,
            t if t.ends_with("Article")
                || matches!(
                    t,
                    "BlogPosting" | "Report" | "LiveBlogPosting" | "OpinionNewsArticle"
                ) =>
            {
                ARTICLE
            }
            _ => 0,
        }
    }
}

/// What `og:type` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum OgType {
    /// None, or another value.
    #[default]
    Other,
    /// `article` (and `blog`, `news`).
    Article,
    /// `product` (and `og:product`, `product.item`).
    Product,
    /// `product.group`: a page of many products.
    ProductGroup,
    /// `website`: the site's own page, a front page or a landing page.
    Website,
}

/// The software a page names as its maker in its `<meta name="generator">`, or Sphinx by
/// the script its themes load (other marks a platform leaves in its markup are not read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Platform {
    /// Forum software: Discourse, phpBB, XenForo, vBulletin, Invision, Flarum, NodeBB,
    /// MyBB, Simple Machines.
    Forum,
    /// Documentation generators: Sphinx, MkDocs, Docusaurus, GitBook, mdBook, rustdoc,
    /// Javadoc, Docsy, VitePress, Read the Docs, Docutils (reStructuredText).
    Docs,
    /// Shop software: Shopify, WooCommerce, Magento, PrestaShop, BigCommerce.
    Shop,
}

/// Forum software as `<meta name="generator">` names it, lower-cased.
const FORUM_GENERATORS: &[&str] = &[
    "discourse",
    "phpbb",
    "xenforo",
    "vbulletin",
    "invision",
    "flarum",
    "nodebb",
    "mybb",
    "simple machines",
    "smf",
    "vanilla",
];
/// Documentation generators as `<meta name="generator">` names them, lower-cased.
const DOCS_GENERATORS: &[&str] = &[
    "sphinx",
    "docutils",
    "mkdocs",
    "docusaurus",
    "gitbook",
    "mdbook",
    "rustdoc",
    "javadoc",
    "docsy",
    "vitepress",
    "vuepress",
    "read the docs",
    "jsdoc",
    "doxygen",
    "antora",
];
/// Shop software as `<meta name="generator">` names it, lower-cased.
const SHOP_GENERATORS: &[&str] = &[
    "shopify",
    "woocommerce",
    "magento",
    "prestashop",
    "bigcommerce",
];

/// What the URL's path and host say, as flags.
pub(super) mod url {
    /// A forum thread or question (`/t/`, `/thread/`, `showthread`, `viewtopic`, `/topic/`,
    /// `/questions/`, `/discussion/`, a `forum.` or `community.` host).
    pub const FORUM: u32 = 1 << 0;
    /// A product (`/product/`, `/products/`, `/p/`, `/dp/`, `/ip/`, `/item/`).
    pub const PRODUCT: u32 = 1 << 1;
    /// A category or collection (`/collections/`, `/c/`, `/category/`, `/categories/`,
    /// `/cat/`, `/browse/`, `/shop/`, `/department/`).
    pub const COLLECTION: u32 = 1 << 2;
    /// A list, chart or board (`/list/`, `/lists/`, `/chart/`, `/jobs`, `/events`,
    /// `/search`, `/tag/`, `/archive`), or a path that ends at a section (`/news`, `/blog`).
    pub const LISTING: u32 = 1 << 3;
    /// Documentation (`/docs/`, `/doc/`, `/documentation/`, `/api/`, `/reference/`,
    /// `/guide/`, `/manual/`, `/tutorial/`, `/learn/`, `/wiki/`, a `docs.` or
    /// `developer.` host).
    pub const DOCS: u32 = 1 << 4;
    /// A service or landing page (`/services/`, `/solutions/`, `/pricing`, `/features`,
    /// `/industries/`, `/platform`, `/how-it-works`).
    pub const SERVICE: u32 = 1 << 5;
    /// An article (`/blog/<slug>`, `/news/<slug>`, a date in the path, `/article/`,
    /// `/story/`, `/post/`).
    pub const ARTICLE: u32 = 1 << 6;
    /// The site's root: `/` with no query.
    pub const ROOT: u32 = 1 << 7;
}

/// Stock phrases of a shop's buttons, lower-cased, as prefixes of short blocks.
const CART_PHRASES: &[&str] = &[
    "add to cart",
    "add to bag",
    "add to basket",
    "add to trolley",
    "buy now",
    "in den warenkorb",
    "ajouter au panier",
    "añadir al carrito",
    "aggiungi al carrello",
    "in winkelwagen",
];
/// Phrases of a list's controls: sorting, filtering, counts of results, more results.
const LIST_CONTROL_PHRASES: &[&str] = &[
    "sort by",
    "sort:",
    "filter",
    "filters",
    "load more",
    "show more results",
    "view all",
    "results",
    "products",
    "items",
    "showing",
    "sortieren",
    "trier par",
    "ordenar por",
];
/// Phrases of a forum post's frame: replies, quotes, members, post counts.
const FORUM_PHRASES: &[&str] = &[
    "reply",
    "replies",
    "quote",
    "joined",
    "posts:",
    "messages:",
    "member",
    "originally posted by",
    "click to expand",
    "report post",
    "solved",
];

/// Calls to act on a landing page, lower-cased, as prefixes of short blocks.
const CTA_PHRASES: &[&str] = &[
    "get started",
    "contact us",
    "book a demo",
    "request a demo",
    "get a demo",
    "request a quote",
    "get a quote",
    "free trial",
    "start free",
    "start your free",
    "try it free",
    "try for free",
    "talk to sales",
    "contact sales",
    "schedule a",
    "book a call",
    "book a consultation",
    "get in touch",
];

/// Words of a title or description, lower-cased, that name a kind of page.
const TITLE_WORDS: [(&[&str], u32); 6] = [
    (
        &[
            "documentation",
            "docs",
            "reference",
            "api",
            "sdk",
            "tutorial",
            "manual",
            "guide",
        ],
        title::DOCS,
    ),
    (
        &[
            "forum",
            "forums",
            "thread",
            "community",
            "discussion",
            "question",
            "help",
        ],
        title::FORUM,
    ),
    (
        &[
            "buy", "shop", "store", "price", "sale", "shipping", "order", "deals", "cart",
        ],
        title::SHOP,
    ),
    (
        &[
            "services",
            "service",
            "solutions",
            "consulting",
            "agency",
            "company",
            "platform",
        ],
        title::SERVICE,
    ),
    (
        &[
            "best", "top", "news", "latest", "jobs", "events", "list", "rankings", "results",
        ],
        title::LIST,
    ),
    (
        &["how", "why", "what", "when", "who", "review", "says"],
        title::ARTICLE,
    ),
];

/// What the words of the title and description say, as flags.
pub(super) mod title {
    /// Documentation words (`docs`, `reference`, `API`, `guide`).
    pub const DOCS: u32 = 1 << 0;
    /// Forum words (`forum`, `thread`, `community`).
    pub const FORUM: u32 = 1 << 1;
    /// Shop words (`buy`, `shop`, `price`, `shipping`).
    pub const SHOP: u32 = 1 << 2;
    /// Service words (`services`, `solutions`, `consulting`).
    pub const SERVICE: u32 = 1 << 3;
    /// List words (`best`, `top`, `news`, `jobs`).
    pub const LIST: u32 = 1 << 4;
    /// Article words (`how`, `why`, `review`, `says`).
    pub const ARTICLE: u32 = 1 << 5;
}

/// Shortest block (weighted characters) counted as a block of prose.
const PROSE_BLOCK_LEN: f32 = 80.0;
/// The bytes of a block's opening compared with the stock phrases (longer than any).
const PHRASE_OPENING_BYTES: usize = 32;
/// Longest block (characters) read for a stock phrase.
const PHRASE_BLOCK_CHARS: u32 = 40;
/// Least members of a group of repeated siblings.
const MIN_REPEATED: u32 = 3;

/// The page's signals.
#[derive(Debug, Clone, Default)]
pub(super) struct Signals {
    /// The JSON-LD types, as [`ld`] flags.
    pub(super) ld: u32,
    /// `og:type`.
    pub(super) og: OgType,
    /// The software that made the page, if it says.
    pub(super) platform: Option<Platform>,
    /// What the URL says, as [`url`] flags.
    pub(super) url: u32,
    /// `<time>` elements (the walk keeps at most 32).
    pub(super) times: usize,
    /// Code blocks, and their characters.
    pub(super) code_blocks: u32,
    /// Characters in code blocks.
    pub(super) code_chars: u32,
    /// Short blocks that hold a price.
    pub(super) prices: u32,
    /// Shop buttons ("Add to cart").
    pub(super) cart: u32,
    /// A list's controls ("Sort by", "Load more").
    pub(super) list_controls: u32,
    /// A forum post's frame ("Reply", "Quote", "Joined").
    pub(super) forum_phrases: u32,
    /// Elements named like comments or posts in a thread.
    pub(super) comment_elems: u32,
    /// The page's text, in weighted characters.
    pub(super) text_len: f32,
    /// The share of that text in blocks of prose.
    pub(super) prose_share: f32,
    /// The share of the page's prose inside elements named like comments or posts.
    pub(super) comment_prose_share: f32,
    /// The share of that text in link text.
    pub(super) link_share: f32,
    /// The largest group of repeated siblings: how many, and its share of the text.
    pub(super) repeated: (u32, f32),
    /// Headings.
    pub(super) headings: u32,
    /// Level-one headings.
    pub(super) h1s: u32,
    /// Table rows.
    pub(super) table_rows: u32,
    /// List items that are mostly link text.
    pub(super) link_items: u32,
    /// The URL's path segments.
    pub(super) depth: u32,
    /// Whether the page says WordPress made it.
    pub(super) wordpress: bool,
    /// What the title's words say, as [`title`] flags.
    pub(super) title: u32,
    /// What the description's words say, as [`title`] flags.
    pub(super) description: u32,
    /// Calls to act ("Get started", "Book a demo").
    pub(super) cta: u32,
    /// `<section>` elements.
    pub(super) sections: u32,
    /// `<article>` elements (a list of teasers holds many).
    pub(super) articles: u32,
    /// The largest share of the page's text inside one element named as an article's body.
    pub(super) body_share: f32,
    /// Headings that are mostly link text (the titles of cards and teasers).
    pub(super) linked_headings: u32,
    /// Whether the markup names an author.
    pub(super) byline: bool,
    /// Whether the page states a publication date.
    pub(super) dated: bool,
    /// The share of the blocks of prose that come right after a heading (a landing page's
    /// sections of a heading and a few lines).
    pub(super) after_heading_share: f32,
    /// The share of the prose's words that speak for the site ("we", "our").
    pub(super) we_share: f32,
    /// The share of the prose's words that speak to the reader ("you", "your").
    pub(super) you_share: f32,
}

impl Signals {
    /// Reads the signals of `page`; `ld_types` are the schema.org types its JSON-LD and its
    /// microdata name, `url` its URL (the caller's, else the canonical one).
    pub(super) fn read(page: &Page, ld_types: &[String], url: Option<&str>) -> Signals {
        let generator = page.facts.meta(&["generator"]).unwrap_or("");
        let mut s = Signals {
            ld: ld_types.iter().fold(0, |f, t| f | ld::of(t)),
            og: og_type(page.facts.meta(&["og:type"]).unwrap_or("")),
            platform: platform(generator).or(page.facts.sphinx.then_some(Platform::Docs)),
            wordpress: generator.to_ascii_lowercase().contains("wordpress"),
            url: url.map_or(0, url_flags),
            depth: url.map_or(0, path_depth),
            times: page.facts.times.len(),
            title: page
                .facts
                .meta(&["og:title"])
                .or(page.facts.title.as_deref())
                .map_or(0, word_flags),
            description: page
                .facts
                .meta(&["description", "og:description"])
                .map_or(0, word_flags),
            ..Signals::default()
        };
        // a link to an author's page is no byline: a listing links every item's author
        s.byline = page.facts.authors.iter().any(|a| a.0 != AuthorSource::Link)
            || page.facts.meta(&["author", "article:author"]).is_some();
        s.dated = page.facts.times.iter().any(|t| t.1)
            || page
                .facts
                .meta(&["article:published_time", "datepublished", "date"])
                .is_some();
        s.read_blocks(&page.blocks);
        s.comment_elems = page
            .elems
            .iter()
            .filter(|e| e.hints & hints::COMMENT != 0)
            .count() as u32;
        let lens = Prefix::of(page.blocks.iter().map(|b| b.stats.weighted_len()));
        s.read_elems(page, &lens);
        s.repeated = largest_item_group(
            &page.elems,
            &lens,
            (MIN_REPEATED, 0.0),
            Likeness::Class,
            |_| true,
        )
        .map_or((0, 0.0), |g| (g.items, g.len / lens.total().max(1.0)));
        s
    }

    /// The counts over elements: sections, articles, the share of the article's body.
    fn read_elems(&mut self, page: &Page, lens: &Prefix) {
        let total = self.text_len.max(1.0);
        for e in &page.elems {
            match e.tag {
                crate::tag::Tag::Section => self.sections += 1,
                crate::tag::Tag::Article => self.articles += 1,
                _ => {}
            }
            if e.hints & hints::ARTICLE_BODY != 0 {
                self.body_share = self.body_share.max((lens.of_elem(e) / total).min(1.0));
            }
        }
    }

    /// The counts over blocks: text, prose, links, code, prices and stock phrases.
    fn read_blocks(&mut self, blocks: &[Block]) {
        let (mut prose, mut links, mut comment_prose) = (0.0f32, 0.0f32, 0.0f32);
        let mut persons = Persons::default();
        // blocks of prose, those right after a heading, and whether the last block was one
        let (mut prose_blocks, mut after_heading, mut prev_heading) = (0u32, 0u32, false);
        for b in blocks {
            let len = b.stats.weighted_len();
            self.text_len += len;
            links += len * b.link_density();
            if len >= PROSE_BLOCK_LEN && b.link_density() < 0.3 {
                prose += len;
                if b.hints & hints::COMMENT != 0 {
                    comment_prose += len;
                }
                persons.read(&b.text);
                prose_blocks += 1;
                after_heading += u32::from(prev_heading);
            }
            if len > 0.0 {
                prev_heading = matches!(b.kind, BlockKind::Heading(_));
            }
            match b.kind {
                BlockKind::Code => {
                    self.code_blocks += 1;
                    self.code_chars += b.stats.chars;
                }
                BlockKind::Heading(level) => {
                    self.headings += 1;
                    self.h1s += u32::from(level == 1);
                    self.linked_headings += u32::from(b.link_density() > 0.5);
                }
                BlockKind::TableRow => self.table_rows += 1,
                BlockKind::ListItem if b.link_density() > 0.5 => self.link_items += 1,
                _ => {}
            }
            if b.stats.chars <= PHRASE_BLOCK_CHARS {
                let t = b.text.trim();
                if t.bytes().any(|c| c.is_ascii_digit()) && has_price(&t.to_lowercase()) {
                    self.prices += 1;
                }
                for list in opening_phrases(t) {
                    match list {
                        Phrases::Cart => self.cart += 1,
                        Phrases::ListControls => self.list_controls += 1,
                        Phrases::Forum => self.forum_phrases += 1,
                        Phrases::CallToAct => self.cta += 1,
                    }
                }
            }
        }
        if self.text_len > 0.0 {
            self.prose_share = prose / self.text_len;
            self.comment_prose_share = comment_prose / prose.max(1.0);
            self.after_heading_share = after_heading as f32 / prose_blocks.max(1) as f32;
            self.link_share = links / self.text_len;
        }
        let words = persons.words.max(1) as f32;
        self.we_share = persons.we as f32 / words;
        self.you_share = persons.you as f32 / words;
    }
}

/// Longest word that speaks for the site or to the reader, in bytes.
const PERSON_WORD_BYTES: usize = 8;

/// Counts of the words of prose, and of those that speak for the site ("we", "our") and to
/// the reader ("you", "your"). A service's page says what "we" do for "you"; a report
/// speaks of others.
#[derive(Default)]
struct Persons {
    words: u32,
    we: u32,
    you: u32,
}

impl Persons {
    /// Counts the words of `text`: runs of letters ("we're" is "we" and "re"). A character
    /// beyond ASCII counts as a letter, but for those of U+0080 to U+00BF (the no-break
    /// space, ¡ ¿ « ») and the punctuation of U+2000 to U+203F (dashes, quotes, the
    /// typographic apostrophe of "we’re"). (`TextStats::of` counts words for the block's
    /// statistics, by whitespace; this count needs punctuation apart too.)
    fn read(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut start = None;
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            let (letter, width) = if c.is_ascii_alphabetic() {
                (true, 1)
            } else if c < 0x80 {
                (false, 1)
            } else {
                match &bytes[i..] {
                    // U+0080 to U+00BF: the no-break space, ¡ ¿ « » and the like
                    [0xC2, _, ..] => (false, 2),
                    [0xE2, 0x80, _, ..] => (false, 3),
                    _ => (true, 1),
                }
            };
            match (letter, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    self.word(&bytes[s..i]);
                    start = None;
                }
                _ => {}
            }
            i += width;
        }
        if let Some(s) = start {
            self.word(&bytes[s..]);
        }
    }

    /// Counts one word.
    fn word(&mut self, word: &[u8]) {
        self.words += 1;
        // the country, not "us"
        if word.len() > PERSON_WORD_BYTES || word == b"US" {
            return;
        }
        let mut buf = [0u8; PERSON_WORD_BYTES];
        for (d, s) in buf.iter_mut().zip(word) {
            *d = s.to_ascii_lowercase();
        }
        match &buf[..word.len()] {
            // speaking for the site or company writing, in English, German, French, Spanish
            b"we" | b"our" | b"ours" | b"us" | b"wir" | b"uns" | b"unser" | b"unsere"
            | b"unseren" | b"unserem" | b"unserer" | b"nous" | b"notre" | b"nos" | b"nosotros"
            | b"nuestro" | b"nuestra" | b"nuestros" | b"nuestras" => self.we += 1,
            // speaking to the reader (German's and Spanish's polite forms are left out: they
            // are also "they" and "his"; so is German's "du", French's "of the")
            b"you" | b"your" | b"yours" | b"dein" | b"deine" | b"dich" | b"vous" | b"votre"
            | b"vos" | b"usted" | b"ustedes" | b"tu" | b"tus" => self.you += 1,
            _ => {}
        }
    }
}

/// What the words of a title or description say, as [`title`] flags.
fn word_flags(text: &str) -> u32 {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    TITLE_WORDS
        .iter()
        .filter(|(list, _)| words.iter().any(|w| list.contains(w)))
        .fold(0, |f, (_, flag)| f | flag)
}

/// The stock phrase lists a short block's opening may come from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phrases {
    Cart,
    ListControls,
    Forum,
    CallToAct,
}

/// The phrase lists of which a phrase opens `t` (ASCII case aside), each once. The
/// phrases are looked up by their first byte.
fn opening_phrases(t: &str) -> impl Iterator<Item = Phrases> {
    use std::sync::LazyLock;
    type ByFirst = Vec<Vec<(&'static [u8], Phrases)>>;
    static BY_FIRST: LazyLock<ByFirst> = LazyLock::new(|| {
        let mut by: ByFirst = vec![Vec::new(); 256];
        let lists: [(&[&str], Phrases); 4] = [
            (CART_PHRASES, Phrases::Cart),
            (LIST_CONTROL_PHRASES, Phrases::ListControls),
            (FORUM_PHRASES, Phrases::Forum),
            (CTA_PHRASES, Phrases::CallToAct),
        ];
        for (words, list) in lists {
            for w in words {
                by[usize::from(w.as_bytes()[0])].push((w.as_bytes(), list));
            }
        }
        by
    });
    // the opening, lower-cased, in a buffer on the stack
    let mut head = [0u8; PHRASE_OPENING_BYTES];
    let n = t.len().min(head.len());
    for (d, s) in head.iter_mut().zip(t.as_bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let candidates: &[(&[u8], Phrases)] = if n == 0 {
        &[]
    } else {
        &BY_FIRST[usize::from(head[0])]
    };
    let mut found: Vec<Phrases> = Vec::new();
    for &(w, list) in candidates {
        if head[..n].starts_with(w) && !found.contains(&list) {
            found.push(list);
        }
    }
    found.into_iter()
}

/// What an `og:type` value says.
fn og_type(v: &str) -> OgType {
    match v.trim().to_ascii_lowercase().as_str() {
        "article" | "blog" | "news" | "newsarticle" => OgType::Article,
        "product" | "og:product" | "product.item" | "products" => OgType::Product,
        "product.group" => OgType::ProductGroup,
        "website" => OgType::Website,
        _ => OgType::Other,
    }
}

/// The kind of software a generator names.
fn platform(generator: &str) -> Option<Platform> {
    let g = generator.to_ascii_lowercase();
    let names = |list: &[&str]| list.iter().any(|n| g.contains(n));
    if names(FORUM_GENERATORS) {
        Some(Platform::Forum)
    } else if names(DOCS_GENERATORS) {
        Some(Platform::Docs)
    } else if names(SHOP_GENERATORS) {
        Some(Platform::Shop)
    } else {
        None
    }
}

/// Whether a short text holds a price: a currency sign or code next to a number.
fn has_price(t: &str) -> bool {
    let b = t.as_bytes();
    let signs = ["$", "€", "£", "¥", "₹", "usd", "eur", "gbp", "chf", "kr"];
    signs.iter().any(|sign| {
        t.match_indices(sign).any(|(at, m)| {
            let before = t[..at].trim_end();
            let after = t[at + m.len()..].trim_start();
            after.as_bytes().first().is_some_and(u8::is_ascii_digit)
                || before.as_bytes().last().is_some_and(u8::is_ascii_digit)
        })
    }) && b.iter().any(u8::is_ascii_digit)
}

/// How many segments the URL's path has.
fn path_depth(u: &str) -> u32 {
    ::url::Url::parse(u).map_or(0, |p| {
        p.path().split('/').filter(|s| !s.is_empty()).count() as u32
    })
}

/// What a page's URL says, as [`url`] flags. Path segments are read whole and as their
/// words (`generative-ai-consulting-services` has the word `services`).
fn url_flags(u: &str) -> u32 {
    let Ok(parsed) = ::url::Url::parse(u) else {
        return 0;
    };
    let host = parsed.host_str().unwrap_or("").to_ascii_lowercase();
    let path = parsed.path().to_ascii_lowercase();
    let segs: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.rsplit_once('.')
                .map_or(s, |(stem, ext)| if ext.len() <= 5 { stem } else { s })
        })
        .collect();
    let words: Vec<&str> = segs
        .iter()
        .flat_map(|s| s.split(['-', '_', '.', '+']))
        .filter(|w| !w.is_empty())
        .collect();
    let seg = |names: &[&str]| segs.iter().any(|s| names.contains(s));
    let word = |names: &[&str]| words.iter().any(|w| names.contains(w));
    let host_starts = |names: &[&str]| names.iter().any(|n| host.starts_with(n));
    let last = segs.last().copied().unwrap_or("");
    let mut f = 0;
    if path == "/" && parsed.query().is_none() {
        f |= url::ROOT;
    }
    // Discourse's threads are /t/<slug>/<number>
    let discourse = segs
        .windows(3)
        .any(|w| w[0] == "t" && w[2].bytes().all(|b| b.is_ascii_digit()));
    if discourse
        || seg(&[
            "thread",
            "threads",
            "questions",
            "forum",
            "forums",
            "viewtopic",
        ])
        || path.contains("showthread")
        || path.contains("viewtopic")
        || host_starts(&["forum.", "forums.", "community.", "discuss.", "discourse."])
    {
        f |= url::FORUM;
    }
    if seg(&["product", "products", "p", "item"]) {
        f |= url::PRODUCT;
    }
    if seg(&[
        "collections",
        "collection",
        "c",
        "category",
        "categories",
        "cat",
        "browse",
    ]) || seg(&[
        "shop",
        "department",
        "departments",
        "catalog",
        "catalogue",
        "store",
    ]) {
        f |= url::COLLECTION;
    }
    if seg(&[
        "list", "lists", "chart", "charts", "jobs", "careers", "events", "search",
    ]) || seg(&[
        "tag", "tags", "archive", "archives", "hub", "topic", "topics",
    ]) || seg(&["standings", "schedule", "rankings", "awards", "directory"])
        || (segs.len() <= 2 && matches!(last, "news" | "blog" | "articles" | "reviews"))
    {
        f |= url::LISTING;
    }
    if seg(&[
        "docs",
        "doc",
        "documentation",
        "api",
        "reference",
        "guide",
        "guides",
    ]) || seg(&[
        "manual",
        "tutorial",
        "tutorials",
        "learn",
        "wiki",
        "handbook",
        "book",
    ]) || seg(&["support", "help", "quickstart", "glossary"])
        || host_starts(&[
            "docs.",
            "doc.",
            "developer.",
            "developers.",
            "wiki.",
            "help.",
        ])
    {
        f |= url::DOCS;
    }
    if word(&[
        "services",
        "service",
        "solutions",
        "solution",
        "consulting",
        "pricing",
    ]) || word(&[
        "features",
        "feature",
        "industries",
        "platform",
        "capabilities",
    ]) || word(&[
        "offerings",
        "packages",
        "plans",
        "offers",
        // an insurer's pages sell a service (`/pet-insurance`, `/drive/insurance/`): held
        // on both halves of wcxb-dev (three insurers' sites, in A and in B)
        "insurance",
    ]) || seg(&["how-it-works", "enterprise", "for-business"])
    {
        f |= url::SERVICE;
    }
    let dated = segs
        .windows(2)
        .any(|w| w[0].len() == 4 && w[0].starts_with("20") && w[1].len() <= 2);
    if dated
        || (segs.len() >= 2
            && seg(&[
                "blog", "news", "article", "articles", "story", "stories", "post",
            ]))
    {
        f |= url::ARTICLE;
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signals_of(html: &str) -> Signals {
        Signals::read(&crate::walk::walk_html(html), &[], None)
    }

    #[test]
    fn persons_count_words_that_speak_for_the_site_and_to_the_reader() {
        let mut p = Persons::default();
        p.read("We’re here: our team helps you\u{a0}grow your business. «Nous» aidons.");
        // We, re, here, our, team, helps, you, grow, your, business, Nous, aidons
        assert_eq!((p.words, p.we, p.you), (12, 3, 2));
        let mut p = Persons::default();
        // the country is not "us"; French's "du" is "of the"
        p.read("Trade with the US grew. Le prix du pain. ¿Usted?");
        assert_eq!((p.words, p.we, p.you), (10, 0, 1));
        let mut p = Persons::default();
        // "usual" and "ourselves" are words of their own; letters beyond ASCII join a word
        p.read("Usual ourselves überwir — twenty");
        assert_eq!((p.words, p.we, p.you), (4, 0, 0));
    }

    #[test]
    fn a_landing_page_speaks_to_the_reader_in_sections() {
        let para = |t: &str| format!("<p>{t} {t} {t} {t}</p>");
        let landing = signals_of(&format!(
            "<body><h2>Audits</h2>{}<h2>Support</h2>{}</body>",
            para("We audit your books every quarter."),
            para("Our team answers you within a day."),
        ));
        assert_eq!(landing.after_heading_share, 1.0);
        assert!(landing.we_share > 0.05 && landing.you_share > 0.05);
        let report = signals_of(&format!(
            "<body><h1>The vote</h1>{}{}{}</body>",
            para("The council voted to extend the tram line north."),
            para("Its members debated the cost for a decade before."),
            para("The works start in spring and end two years later."),
        ));
        assert!((report.after_heading_share - 1.0 / 3.0).abs() < 1e-6);
        assert_eq!((report.we_share, report.you_share), (0.0, 0.0));
    }

    #[test]
    fn urls_say_what_they_lead_to() {
        assert_eq!(url_flags("https://forums.docker.com/t/a-b/123"), url::FORUM);
        assert_eq!(url_flags("https://x.com/products/blue-mug"), url::PRODUCT);
        assert_eq!(url_flags("https://x.com/collections/mugs"), url::COLLECTION);
        assert_eq!(url_flags("https://docs.rs/serde/latest/serde/"), url::DOCS);
        assert_eq!(url_flags("https://x.com/services/audit"), url::SERVICE);
        assert_eq!(url_flags("https://x.com/us/en/services.html"), url::SERVICE);
        assert_eq!(
            url_flags("https://x.com/ai-consulting-services/"),
            url::SERVICE
        );
        assert_eq!(url_flags("https://x.com/t/mesh-chair"), 0);
        assert_eq!(url_flags("https://x.com/2024/05/02/storm"), url::ARTICLE);
        assert_eq!(url_flags("https://x.com/news"), url::LISTING);
        assert_eq!(url_flags("https://x.com/"), url::ROOT);
        assert_eq!(url_flags("not a url"), 0);
    }

    #[test]
    fn prices_are_numbers_with_a_currency() {
        assert!(has_price("$19.99"));
        assert!(has_price("19,99 €"));
        assert!(has_price("from usd 120"));
        assert!(!has_price("$ off today"));
        assert!(!has_price("24 hours"));
    }

    #[test]
    fn json_ld_types_fall_in_groups() {
        assert_eq!(ld::of("NewsArticle"), ld::ARTICLE);
        assert_eq!(ld::of("TechArticle"), ld::TECH);
        assert_eq!(ld::of("QAPage"), ld::DISCUSSION);
        assert_eq!(ld::of("ProductGroup"), ld::PRODUCT);
        assert_eq!(ld::of("WebSite"), 0);
    }
}
