//! The options and the pipeline that runs the stages in order: decode, parse, walk,
//! metadata, classify, assemble.

use crate::assemble::{Kept, JSON_LD_FALLBACK};
use crate::classify::{self, Favor, Weights};
use crate::clock::Instant;
use crate::document::{Document, MarkdownHead};
use crate::error::Error;
use crate::explain::{BlockDecision, Explanation};
use crate::limits::{Limits, PARSE_SHARE_OF_BUDGET};
use crate::page_type::PageType;
use crate::{comments, decode, dom, explain, input, metadata, page_type, walk};
use std::time::Duration;

/// The decisions of an explained extraction: per block, the container's path, the fallback,
/// the evidence for the page's type.
type Trace = (
    Vec<BlockDecision>,
    String,
    Option<&'static str>,
    Vec<page_type::Evidence>,
);

/// Extraction with options. `Extractor::default()` gives the same result as
/// [`crate::extract`].
///
/// # Examples
/// ```
/// let ex = gleaner::Extractor::new()
///     .url("https://example.com/news/1")
///     .comments(true)
///     .favor(gleaner::Favor::Precision);
/// let doc = ex.extract(b"<html><body><article><h1>Hi</h1><p>Some text of the article, long enough to count as prose.</p></article></body></html>").unwrap();
/// assert!(doc.text().contains("Some text"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    url: Option<String>,
    charset: Option<String>,
    comments: bool,
    tables: Option<bool>,
    captions: bool,
    links: bool,
    images: bool,
    formatting: bool,
    front_matter: bool,
    title_heading: bool,
    favor: Favor,
    page_type: Option<PageType>,
    limits: Limits,
    weights: Weights,
}

impl Extractor {
    /// An extractor with the default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// The page's URL: resolves relative links and is the canonical URL's fallback.
    /// An unparseable URL makes [`Extractor::extract`] fail with [`Error::InvalidUrl`].
    /// Default: none.
    #[must_use]
    pub fn url(mut self, url: &str) -> Self {
        self.url = Some(url.to_string());
        self
    }

    /// A charset the caller already knows (an HTTP `Content-Type` charset label). It beats
    /// a `<meta>` declaration but not a byte-order mark, and UTF-8 bytes still decode as
    /// UTF-8; an unknown label is ignored. Default: none.
    #[must_use]
    pub fn charset(mut self, label: &str) -> Self {
        self.charset = Some(label.to_string());
        self
    }

    /// Whether to return the page's comments, apart from the main text. Default: false.
    #[must_use]
    pub fn comments(mut self, yes: bool) -> Self {
        self.comments = yes;
        self
    }

    /// Whether to keep tables in the main text. Default: true.
    #[must_use]
    pub fn tables(mut self, yes: bool) -> Self {
        self.tables = Some(yes);
        self
    }

    /// Whether to keep figure and image captions. Default: false.
    #[must_use]
    pub fn captions(mut self, yes: bool) -> Self {
        self.captions = yes;
        self
    }

    /// Whether Markdown output keeps links, as `[text](absolute url)`. Default: false.
    #[must_use]
    pub fn links(mut self, yes: bool) -> Self {
        self.links = yes;
        self
    }

    /// Whether Markdown output keeps images, as `![alt](absolute url)`. Default: false.
    #[must_use]
    pub fn images(mut self, yes: bool) -> Self {
        self.images = yes;
        self
    }

    /// Keep emphasis, strong emphasis and inline code in Markdown and HTML output, and
    /// the language of code blocks (default: off, which is a little faster).
    #[must_use]
    pub fn formatting(mut self, yes: bool) -> Self {
        self.formatting = yes;
        self
    }

    /// Whether the Markdown ([`Document::to_markdown`]) starts with YAML front matter
    /// holding the metadata: title, author, date, url, sitename, language, page_type and
    /// description, those the page gives. Default: false.
    ///
    /// ```
    /// let ex = gleaner::Extractor::new().front_matter(true);
    /// let doc = ex.extract(b"<title>Rain due</title><article><p>Heavy rain is expected across the region on Tuesday, the forecasters said.</p></article>").unwrap();
    /// assert!(doc.to_markdown().starts_with("---\ntitle: \"Rain due\"\n"));
    /// ```
    #[must_use]
    pub fn front_matter(mut self, yes: bool) -> Self {
        self.front_matter = yes;
        self
    }

    /// Whether the Markdown starts with the page's title as a `#` heading (after the front
    /// matter, if any), also when the page shows no headline. Without it, the Markdown
    /// opens with the page's headline when the page shows one as a heading (in the
    /// article or above it, outside the menus); the text never holds the headline, which
    /// is the title. Default: false.
    #[must_use]
    pub fn title_heading(mut self, yes: bool) -> Self {
        self.title_heading = yes;
        self
    }

    /// What to favour when a block is in doubt. Default: [`Favor::Balanced`].
    #[must_use]
    pub fn favor(mut self, favor: Favor) -> Self {
        self.favor = favor;
        self
    }

    /// The kind of page, when the caller knows it (a crawl of a shop's product pages, of a
    /// forum's threads): the page is then extracted with that type's profile of the
    /// classifier's weights, and [`Document::page_type`] reports it, instead of the type
    /// gleaner's page-type model would choose. Default: none (gleaner decides).
    ///
    /// ```
    /// use gleaner::{Extractor, PageType};
    /// let ex = Extractor::new().page_type(Some(PageType::Product));
    /// let doc = ex.extract(b"<h1>Trail shoe</h1><p>A light shoe for long runs on rough ground, with a grippy sole.</p>").unwrap();
    /// assert_eq!(doc.page_type(), PageType::Product);
    /// ```
    #[must_use]
    pub fn page_type(mut self, page_type: Option<PageType>) -> Self {
        self.page_type = page_type;
        self
    }

    /// Bounds on input size, tree depth and node count. Default: [`Limits::default`].
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The limits in use.
    pub fn current_limits(&self) -> Limits {
        self.limits
    }

    /// The classifier's weights and thresholds. Default: [`Weights::default`], which is
    /// what gleaner is measured with; other values are for experiments (see
    /// `gleaner eval --set`).
    ///
    /// ```
    /// let mut w = gleaner::Weights::default();
    /// w.prose_min_len = 80.0;
    /// let ex = gleaner::Extractor::new().weights(w);
    /// # let _ = ex;
    /// ```
    #[must_use]
    pub fn weights(mut self, weights: Weights) -> Self {
        self.weights = weights;
        self
    }

    /// The weights in use.
    pub fn current_weights(&self) -> &Weights {
        &self.weights
    }

    /// Extracts the main content and metadata from a page's raw bytes.
    pub fn extract(&self, html: &[u8]) -> Result<Document, Error> {
        self.run(html, false).map(|(doc, _)| doc)
    }

    /// Extracts as [`Extractor::extract`] does, and says why: the label, score, features
    /// and rule of every text block of the page. [`Explanation::report`] renders it as an
    /// HTML page.
    pub fn explain(&self, html: &[u8]) -> Result<Explanation, Error> {
        let (document, trace) = self.run(html, true)?;
        let (blocks, container, fallback, page_type_evidence) = trace.unwrap_or_default();
        Ok(Explanation {
            document,
            blocks,
            container,
            fallback,
            page_type_evidence,
        })
    }

    fn run(&self, html: &[u8], explain: bool) -> Result<(Document, Option<Trace>), Error> {
        let limits = &self.limits;
        let budget = Budget::start(limits);
        let (html, input_cut) = input::unpack(html, limits.max_input_bytes, limits.truncate)?;
        let html = &html[..];
        let base = self.base_url()?;
        let decoded = decode::decode(html, self.charset.as_deref());
        budget.check(limits)?;
        let dom = dom::parse(&decoded.text, limits.max_nodes, budget.parse_deadline);
        let encoding = decoded.encoding;
        drop(decoded);
        let parse_cut = self.parse_cut(dom.cut, &budget)?;
        let page = walk::walk(&dom, limits, self.rich(&base), false);
        drop(dom);
        budget.check(limits)?;
        let (meta, extras) = metadata::extract(&page.facts, &page.blocks, base.as_ref());
        let (page_type, evidence) = match self.page_type {
            // the caller's word: no evidence is weighed
            Some(given) => (given, Vec::new()),
            None => page_type::decide(&page, &extras.ld_types, meta.url.as_deref()),
        };
        let weights = self.weights.for_page_type(page_type);
        let title = meta.title.as_deref();
        let verdict = self.classify(&page, title, &weights);
        let reading = self.without_scripts((page, verdict), title, &weights, &base, &budget);
        let (page, mut verdict) = self.unhidden(reading, title, &weights, &base, &budget, html);
        // the recipe's ingredients as its JSON-LD lists them, else as its microdata marks them
        let ingredients = if extras.recipe_ingredients.is_empty() {
            &page.facts.ingredients
        } else {
            &extras.recipe_ingredients
        };
        classify::join_ingredients(&page.elems, &page.blocks, ingredients, &mut verdict.labels);
        budget.check(limits)?;
        let mut meta = meta;
        if meta.date.is_none() && page.read_again {
            // the second reading shows what the first did not: its date may be there
            meta.date = metadata::extract(&page.facts, &page.blocks, base.as_ref())
                .0
                .date;
        }
        if page_type == PageType::Forum {
            // a thread's author and date are its first post's, unless the page declares
            // its date
            let end = page.elems[verdict.container as usize].blocks.1;
            let (author, date) = metadata::first_post(&page.facts, end);
            meta.author = author.or(meta.author);
            meta.date = extras
                .declared_date
                .clone()
                .or(date)
                .or(meta.date)
                .or_else(|| metadata::first_date_line(&page.blocks, end));
        }
        if page_type == PageType::Product {
            // a product page's dates are its reviews' and offers': none unless declared
            meta.date = extras.declared_date.clone();
        }
        if matches!(
            page_type,
            PageType::Product | PageType::Collection | PageType::Service
        ) {
            // the lines a shop's or a service's classes name "info" or "meta" are its
            // products' and customers': an author only where the page declares one
            meta.author = extras.declared_author.clone();
        }
        if std::env::var_os("GLEANER_DEBUG").is_some() {
            let full = std::env::var_os("GLEANER_DEBUG") == Some("full".into());
            eprint!("{}", explain::debug_lines(&page, &verdict, full));
        }
        let article_body = extras.article_body.as_deref();
        let fallback = Kept::fallback(&page, &verdict, article_body, &weights);
        let comments = self.comments.then(|| {
            comments::split(
                &page.elems,
                &page.blocks,
                &verdict.labels,
                &page.facts.times,
            )
        });
        let confidence =
            classify::confidence(&page.blocks, &verdict.labels, fallback.is_some(), &weights);
        let trace = explain.then(|| {
            let mut d = explain::decisions(&page, &verdict, &weights);
            if fallback == Some(JSON_LD_FALLBACK) {
                // the page's blocks gave way to the JSON-LD text: none of them is kept
                for b in &mut d {
                    b.kept = false;
                }
            }
            let container = explain::path_of(&page.elems, verdict.container);
            (d, container, fallback, evidence)
        });
        // the page goes into the kept blocks, which take its texts without a copy
        let thread = page_type == PageType::Forum;
        let headline = verdict
            .headline
            .map(|i| crate::text::normalize_space(&page.blocks[i as usize].text));
        let mut kept = Kept::assemble(
            page,
            &verdict.labels,
            fallback,
            article_body,
            meta.description.as_deref(),
            thread,
        );
        if page_type == PageType::Product {
            if let Some(d) = extras.product_description.as_deref() {
                kept.add_product_description(d);
            }
        }
        let mut doc = Document::new(meta, kept.blocks, comments);
        doc.posts = kept.posts;
        doc.headline = headline;
        doc.confidence = confidence;
        doc.encoding = encoding.name();
        doc.fallback = kept.fallback.is_some();
        doc.truncated = input_cut || parse_cut;
        doc.page_type = page_type;
        doc.markdown_head = MarkdownHead {
            front_matter: self.front_matter,
            title: self.title_heading,
        };
        Ok((doc, trace))
    }

    /// The page URL, parsed.
    fn base_url(&self) -> Result<Option<url::Url>, Error> {
        self.url
            .as_deref()
            .map(|u| {
                url::Url::parse(u).map_err(|e| Error::InvalidUrl {
                    url: u.to_string(),
                    reason: e.to_string(),
                })
            })
            .transpose()
    }

    /// Whether the parse stopped at a limit and the result will be truncated; an error
    /// when the limits do not allow a truncated result.
    fn parse_cut(&self, cut: Option<dom::Cut>, budget: &Budget) -> Result<bool, Error> {
        match cut {
            None => Ok(false),
            Some(_) if self.limits.truncate => Ok(true),
            Some(dom::Cut::Nodes) => Err(Error::TooManyNodes {
                max: self.limits.max_nodes,
            }),
            Some(dom::Cut::Time) => Err(budget.exceeded()),
        }
    }

    /// What the walk writes into each block's Markdown, when the options keep anything
    /// beyond the text.
    fn rich(&self, base: &Option<url::Url>) -> Option<walk::Rich> {
        (self.links || self.images || self.formatting).then(|| walk::Rich {
            links: self.links,
            images: self.images,
            formatting: self.formatting,
            base: base.clone(),
        })
    }

    /// Labels the blocks of `page`.
    fn classify(&self, page: &walk::Page, title: Option<&str>, w: &Weights) -> classify::Verdict {
        classify::classify(
            &page.elems,
            &page.blocks,
            &page.bare_links,
            title,
            &self.classify_options(),
            w,
        )
    }

    /// The page its `<noscript>` markup makes, when that is what the page shows readers
    /// without scripts and the page itself shows too little (a forum whose posts are
    /// rendered by a script): parsed, walked and labelled as the page was, and taken when
    /// it keeps clearly more.
    fn without_scripts(
        &self,
        (page, verdict): (walk::Page, classify::Verdict),
        title: Option<&str>,
        w: &Weights,
        base: &Option<url::Url>,
        budget: &Budget,
    ) -> (walk::Page, classify::Verdict) {
        let before = kept_len(&page, &verdict);
        if before >= w.min_article_len || page.facts.noscript.len() < NOSCRIPT_MIN_BYTES {
            return (page, verdict);
        }
        let dom = dom::parse(
            &page.facts.noscript,
            self.limits.max_nodes,
            budget.parse_deadline,
        );
        let alt = walk::walk(&dom, &self.limits, self.rich(base), false);
        let alt_verdict = self.classify(&alt, title, w);
        better_reading((page, verdict), (alt, alt_verdict), before, w)
    }

    /// The page with what its inline style hides, when the page shows too little and hides
    /// something (a page hidden whole until its scripts have run): decoded, parsed, walked
    /// and labelled again, and taken when it keeps clearly more.
    fn unhidden(
        &self,
        (page, verdict): (walk::Page, classify::Verdict),
        title: Option<&str>,
        w: &Weights,
        base: &Option<url::Url>,
        budget: &Budget,
        html: &[u8],
    ) -> (walk::Page, classify::Verdict) {
        let before = kept_len(&page, &verdict);
        if before >= w.min_article_len || page.style_hidden == 0 {
            return (page, verdict);
        }
        let decoded = decode::decode(html, self.charset.as_deref());
        let dom = dom::parse(&decoded.text, self.limits.max_nodes, budget.parse_deadline);
        let alt = walk::walk(&dom, &self.limits, self.rich(base), true);
        drop(dom);
        let alt_verdict = self.classify(&alt, title, w);
        better_reading((page, verdict), (alt, alt_verdict), before, w)
    }

    /// The options the classifier reads.
    fn classify_options(&self) -> classify::Options {
        classify::Options {
            favor: self.favor,
            captions: self.captions,
            tables: self.tables.unwrap_or(true),
        }
    }
}

/// The second reading of a page, marked as such, when it keeps clearly more than the
/// first (which kept `before` weighted characters); else the first.
fn better_reading(
    first: (walk::Page, classify::Verdict),
    (alt, alt_verdict): (walk::Page, classify::Verdict),
    before: f32,
    w: &Weights,
) -> (walk::Page, classify::Verdict) {
    if is_better(kept_len(&alt, &alt_verdict), before, w) {
        let alt = walk::Page {
            read_again: true,
            ..alt
        };
        (alt, alt_verdict)
    } else {
        first
    }
}

/// The weighted length of the blocks of `page` labelled content.
fn kept_len(page: &walk::Page, verdict: &classify::Verdict) -> f32 {
    page.blocks
        .iter()
        .zip(&verdict.labels)
        .filter(|(_, l)| l.is_content())
        .map(|(b, _)| b.stats.weighted_len())
        .sum()
}

/// Whether a second look at a page that showed too little found a page: enough text, and
/// clearly more than before.
fn is_better(after: f32, before: f32, w: &Weights) -> bool {
    after >= w.min_article_len && after > before * w.fallback_min_gain
}

/// Least `<noscript>` markup, in bytes, read as the page when the page shows too little.
const NOSCRIPT_MIN_BYTES: usize = 2048;

/// The time budget of one extraction.
struct Budget {
    deadline: Option<Instant>,
    parse_deadline: Option<Instant>,
    budget: Duration,
}

impl Budget {
    fn start(limits: &Limits) -> Self {
        let now = Instant::now();
        let budget = limits.time_budget.unwrap_or(Duration::MAX);
        Budget {
            deadline: limits.time_budget.and_then(|b| now.checked_add(b)),
            parse_deadline: limits
                .time_budget
                .and_then(|b| now.checked_add(b.mul_f64(PARSE_SHARE_OF_BUDGET))),
            budget,
        }
    }

    fn exceeded(&self) -> Error {
        Error::TimeBudgetExceeded {
            budget: self.budget,
        }
    }

    /// Fails once the budget is spent, unless the limits say to return what there is.
    fn check(&self, limits: &Limits) -> Result<(), Error> {
        match self.deadline {
            Some(d) if !limits.truncate && Instant::now() > d => Err(self.exceeded()),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html lang="en"><head><title>Dam opens | River Times</title></head><body>
        <article><h1>Dam opens</h1>
        <figure><img src="d.jpg"><figcaption>The new dam at sunrise, seen from the north bank.</figcaption></figure>
        <p>The new dam on the upper river opened on Friday after six years of building, and its gates were raised for the first time.</p>
        <table><tr><th>Year</th><th>Stage</th></tr><tr><td>2018</td><td>Design</td></tr></table>
        <p>Engineers said the reservoir would take two winters to fill, and the power station will reach full output after that.</p>
        </article>
        <section id="comments"><div class="comment"><p>Finally! We have waited for this dam for a very long time in our village.</p></div></section>
        </body></html>"#;

    #[test]
    fn defaults_keep_tables_and_drop_captions_and_comments() {
        let doc = Extractor::new().extract(PAGE.as_bytes()).unwrap();
        assert!(doc.text().contains("2018\tDesign"));
        assert!(!doc.text().contains("sunrise"));
        assert!(!doc.text().contains("Finally"));
        assert!(doc.comments().is_empty());
        assert_eq!(doc.title(), Some("Dam opens"));
    }

    #[test]
    fn an_old_layout_tables_article_keeps_its_paragraphs_apart_and_drops_its_columns() {
        // a menu, a short story and a list of links side by side in one row: the page's
        // columns, not a row of data to write on one line
        let page = "<html><head><title>Ferry service to resume</title></head><body><table><tr>\
            <td><a href=/>Front page</a><br><a href=/local>Local news</a><br><a href=/sport>Sport</a></td>\
            <td><b>Ferry service to resume</b><br><br>The river ferry between Eastbank and the old \
            harbour will run again from the first of May, the county council confirmed.<br><br>The \
            service was stopped last autumn after an inspection found rust in the hull of the boat.</td>\
            <td><b>Most read</b><br><a href=/a>Bypass plans go on show</a><br><a href=/b>School roof \
            to be replaced</a></td></tr></table></body></html>";
        let doc = Extractor::new().extract(page.as_bytes()).unwrap();
        let lines: Vec<&str> = doc.text().lines().collect();
        assert_eq!(lines.len(), 2, "{}", doc.text());
        assert!(lines[0].starts_with("The river ferry"));
        assert!(lines[1].starts_with("The service was stopped"));
    }

    #[test]
    fn a_table_of_terms_with_paragraphs_in_their_cells_keeps_its_rows() {
        // a column of prose in a table of several rows of data is data: each row one line
        let row = |term: &str, what: &str| {
            format!("<tr><td>{term}</td><td>{what}, as the council's officers define it in their reports.\
                <br><br>The committee reviews the meaning of this term every year in the spring.</td></tr>")
        };
        let page = format!(
            "<html><body><main><h1>Terms</h1><p>The terms used in the council's transport plans, as \
            its officers define them in the reports to the committee.</p><table><tr><th>Term</th>\
            <th>Meaning</th></tr>{}{}</table></main></body></html>",
            row("Ferry", "The river ferry between Eastbank and the old harbour"),
            row("Tram", "The light railway from the station to the northern suburbs")
        );
        let doc = Extractor::new().extract(page.as_bytes()).unwrap();
        let text = doc.text();
        assert!(text.contains("\nFerry\tThe river ferry"), "{text}");
        assert!(text.contains("\nTram\tThe light railway"), "{text}");
    }

    #[test]
    fn mediawikis_edit_links_are_not_part_of_the_headings() {
        let para = "<p>Netscape announced that its browser would be free and that its source \
            code would be released, and the project took the name of its mascot.</p>";
        let page = format!(
            "<html><body><div id=content><h1>Mozilla</h1>{para}<h2><span class=mw-headline>History\
            </span><span class=mw-editsection><span class=mw-editsection-bracket>[</span><a \
            href=/w/index.php?action=edit>edit</a><span class=mw-editsection-bracket>]</span>\
            </span></h2>{para}</div></body></html>"
        );
        let doc = Extractor::new().extract(page.as_bytes()).unwrap();
        assert!(
            doc.to_markdown().contains("## History\n"),
            "{}",
            doc.to_markdown()
        );
        assert!(!doc.text().contains("edit"), "{}", doc.text());
    }

    #[test]
    fn options_change_what_is_kept() {
        let ex = Extractor::new().captions(true).tables(false).comments(true);
        let doc = ex.extract(PAGE.as_bytes()).unwrap();
        assert!(doc.text().contains("sunrise"));
        assert!(!doc.text().contains("2018"));
        assert!(doc.comments_text().is_some_and(|c| c.contains("Finally")));
        assert!(!doc.text().contains("Finally"));
    }

    #[test]
    fn a_paywalled_page_takes_its_json_ld_body_as_text_after_its_lead() {
        // the body is in JSON-LD only, as escaped markup; the page shows its headline and
        // its description as the standfirst, which the body leaves out
        let lead = "Snow on solar panels costs power, and its weight strains modules and mounts.";
        let body = "&lt;p&gt;Panels hold up to 540 kg of snow per square metre, as labs test \
            them.&lt;/p&gt;&lt;p&gt;Wet snow weighs four times as much as powder, and ice more \
            still, so the load on a roof can grow by &lt;b&gt;fifty tonnes&lt;/b&gt; in a night of \
            rain on snow.&lt;/p&gt;&lt;p&gt;Experts warn owners not to climb onto the roof &amp;amp; \
            clear it themselves: leave it to a professional with the right gear.&lt;/p&gt;";
        let page = format!(
            r#"<html><head><meta name="description" content="{lead}">
            <script type="application/ld+json">{{"@type":"NewsArticle","articleBody":"{body}"}}</script>
            </head><body><main><header><h1>Snow strains solar panels</h1><p>{lead}</p></header>
            <div class="paywall"><p>Subscribe to read on.</p></div></main></body></html>"#
        );
        let doc = Extractor::new().extract(page.as_bytes()).unwrap();
        assert!(doc.used_fallback(), "{}", doc.text());
        let lines: Vec<&str> = doc.text().lines().collect();
        assert_eq!(lines.len(), 4, "{}", doc.text());
        assert_eq!(lines[0], lead);
        assert!(lines[2].contains("grow by fifty tonnes in a night"));
        assert!(lines[3].contains("roof & clear"));
        assert!(!doc.text().contains('<') && !doc.text().contains("&lt;"));
    }

    #[test]
    fn url_resolves_canonical_and_charset_is_used() {
        let ex = Extractor::new()
            .url("https://example.com/news/dam")
            .charset("windows-1251");
        let html =
            "<p>Новая плотина на реке открылась в пятницу после шести лет строительства.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(html);
        let doc = ex.extract(&bytes).unwrap();
        assert!(doc.text().contains("Новая плотина"));
        assert_eq!(doc.encoding(), "windows-1251");
        assert_eq!(doc.url(), Some("https://example.com/news/dam"));
    }

    #[test]
    fn a_page_behind_an_open_dialog_is_read_and_a_hidden_copy_is_not() {
        // a consent dialog's focus trap hides the rest of the page from screen readers
        let page = r#"<body><div role="dialog"><p>We use cookies.</p><button>Accept</button></div>
            <main aria-hidden="true"><article><h1>Dam opens</h1>
            <p>The new dam on the upper river opened on Friday after six years of building, and its gates were raised for the first time.</p>
            <p>Engineers said the reservoir would take two winters to fill, and the power station will reach full output after that.</p>
            <p>Farmers downstream, who lost their fields to the floods of 2019, welcomed the news and asked for a say in how the water is let out.</p>
            </article></main></body>"#;
        let doc = Extractor::new().extract(page.as_bytes()).unwrap();
        assert!(
            doc.text().contains("six years of building"),
            "{}",
            doc.text()
        );
        assert!(doc.text().contains("two winters"));
        // where the page reads as a page, what it hides from screen readers stays out
        let copy = PAGE.replace(
            "<table>",
            r#"<div aria-hidden="true"><p>A copy for the carousel, hidden from screen readers, that no reader should get twice.</p></div><table>"#,
        );
        let doc = Extractor::new().extract(copy.as_bytes()).unwrap();
        assert!(doc.text().contains("six years of building"));
        assert!(!doc.text().contains("carousel"), "{}", doc.text());
    }

    #[test]
    fn a_page_type_given_replaces_the_models_and_its_profile_is_used() {
        let page = r#"<html><head><title>Dam opens</title></head><body><article><h1>Dam opens</h1>
            <p class="byline">By Jane Smith, March 3, 2024</p>
            <p>The new dam on the upper river opened on Friday after six years of building, and its gates were raised for the first time.</p>
            <p>Engineers said the reservoir would take two winters to fill, and the power station will reach full output after that.</p>
            </article></body></html>"#;
        let doc = Extractor::new().extract(page.as_bytes()).unwrap();
        assert_eq!(doc.page_type(), PageType::Article);
        assert_eq!(doc.date(), Some("2024-03-03"));
        // a product page's dates are its reviews' and offers': none unless declared
        let ex = Extractor::new().page_type(Some(PageType::Product));
        let doc = ex.extract(page.as_bytes()).unwrap();
        assert_eq!(doc.page_type(), PageType::Product);
        assert_eq!(doc.date(), None);
        assert!(doc.text().contains("two winters"));
        // the model weighed nothing, and the report names the type alone
        let explained = ex.explain(page.as_bytes()).unwrap();
        assert!(explained.page_type_evidence.is_empty());
        assert!(explained
            .report()
            .contains("<tr><td>page type</td><td>product</td></tr>"));
        assert!(!Extractor::new()
            .explain(page.as_bytes())
            .unwrap()
            .page_type_evidence
            .is_empty());
    }
}
