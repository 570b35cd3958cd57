//! The options and the pipeline that runs the stages in order: decode, parse, walk,
//! metadata, classify, assemble.

use crate::block::{BlockKind, IN_LIST, IN_QUOTE};
use crate::classify::{self, Favor, Settings};
use crate::document::{ContentBlock, Document};
use crate::error::Error;
use crate::explain::{BlockDecision, Explanation};
use crate::hints;
use crate::limits::{Limits, PARSE_SHARE_OF_BUDGET};
use crate::text::weighted_len;
use crate::{comments, decode, dom, explain, metadata, walk};
use std::time::{Duration, Instant};

/// JSON-LD `articleBody` replaces the extracted text when that text is shorter than this
/// share of it: the page's body was scripted in or cut by a paywall.
pub const ARTICLE_BODY_FALLBACK_RATIO: f32 = 0.5;

/// The decisions of an explained extraction: per block, the container's path, the fallback.
type Trace = (Vec<BlockDecision>, String, Option<&'static str>);

/// Extraction with options. `Extractor::default()` gives the same result as
/// [`crate::extract`].
///
/// # Examples
/// ```
/// let mut ex = gleaner::Extractor::new();
/// ex.url("https://example.com/news/1").comments(true).favor(gleaner::Favor::Precision);
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
    favor: Favor,
    limits: Limits,
}

impl Extractor {
    /// An extractor with the default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// The page's URL: resolves relative links and is the canonical URL's fallback.
    /// An unparseable URL makes [`Extractor::extract`] fail with [`Error::InvalidUrl`].
    /// Default: none.
    pub fn url(&mut self, url: &str) -> &mut Self {
        self.url = Some(url.to_string());
        self
    }

    /// A charset the caller already knows (an HTTP `Content-Type` charset label). It beats
    /// a `<meta>` declaration but not a byte-order mark, and UTF-8 bytes still decode as
    /// UTF-8; an unknown label is ignored. Default: none.
    pub fn charset(&mut self, label: &str) -> &mut Self {
        self.charset = Some(label.to_string());
        self
    }

    /// Whether to return the page's comments, apart from the main text. Default: false.
    pub fn comments(&mut self, yes: bool) -> &mut Self {
        self.comments = yes;
        self
    }

    /// Whether to keep tables in the main text. Default: true.
    pub fn tables(&mut self, yes: bool) -> &mut Self {
        self.tables = Some(yes);
        self
    }

    /// Whether to keep figure and image captions. Default: false.
    pub fn captions(&mut self, yes: bool) -> &mut Self {
        self.captions = yes;
        self
    }

    /// Whether Markdown output keeps links, as `[text](absolute url)`. Default: false.
    pub fn links(&mut self, yes: bool) -> &mut Self {
        self.links = yes;
        self
    }

    /// Whether Markdown output keeps images, as `![alt](absolute url)`. Default: false.
    pub fn images(&mut self, yes: bool) -> &mut Self {
        self.images = yes;
        self
    }

    /// Keep emphasis, strong emphasis and inline code in Markdown and HTML output, and
    /// the language of code blocks (default: off, which is a little faster).
    pub fn formatting(&mut self, yes: bool) -> &mut Self {
        self.formatting = yes;
        self
    }
    /// Whether emphasis and inline code are kept for Markdown and HTML output.
    pub fn keeps_formatting(&self) -> bool {
        self.formatting
    }
    /// What to favour when a block is in doubt. Default: [`Favor::Balanced`].
    pub fn favor(&mut self, favor: Favor) -> &mut Self {
        self.favor = favor;
        self
    }

    /// Bounds on input size, tree depth and node count. Default: [`Limits::default`].
    pub fn limits(&mut self, limits: Limits) -> &mut Self {
        self.limits = limits;
        self
    }

    /// The limits in use.
    pub fn current_limits(&self) -> Limits {
        self.limits
    }

    /// Whether Markdown output keeps links.
    pub fn keeps_links(&self) -> bool {
        self.links
    }

    /// Whether Markdown output keeps images.
    pub fn keeps_images(&self) -> bool {
        self.images
    }

    /// Extracts the main content and metadata from a page's raw bytes.
    pub fn extract(&self, html: &[u8]) -> Result<Document, Error> {
        self.run(html, false).map(|(doc, _)| doc)
    }

    /// Extracts as [`Extractor::extract`] does, and says why: the label, score, features
    /// and rule of every text block of the page. [`crate::explain::report`] renders it as
    /// an HTML page.
    pub fn explain(&self, html: &[u8]) -> Result<Explanation, Error> {
        let (document, trace) = self.run(html, true)?;
        let (blocks, container, fallback) = trace.unwrap_or_default();
        Ok(Explanation {
            document,
            blocks,
            container,
            fallback,
        })
    }

    fn run(&self, html: &[u8], explain: bool) -> Result<(Document, Option<Trace>), Error> {
        let limits = &self.limits;
        let budget = Budget::start(limits);
        let mut truncated = false;
        let html = if html.len() > limits.max_input_bytes {
            if !limits.truncate {
                return Err(Error::InputTooLarge {
                    size: html.len(),
                    max: limits.max_input_bytes,
                });
            }
            truncated = true;
            &html[..limits.max_input_bytes]
        } else {
            html
        };
        let base = match &self.url {
            Some(u) => Some(url::Url::parse(u).map_err(|e| Error::InvalidUrl {
                url: u.clone(),
                reason: e.to_string(),
            })?),
            None => None,
        };
        let decoded = decode::decode(html, self.charset.as_deref());
        budget.check(limits)?;
        let dom = dom::parse(&decoded.text, limits.max_nodes, budget.parse_deadline);
        let encoding = decoded.encoding;
        drop(decoded);
        match dom.cut {
            None => {}
            Some(_) if limits.truncate => truncated = true,
            Some(dom::Cut::Nodes) => {
                return Err(Error::TooManyNodes {
                    max: limits.max_nodes,
                })
            }
            Some(dom::Cut::Time) => return Err(budget.exceeded()),
        }
        let rich = (self.links || self.images || self.formatting).then(|| walk::Rich {
            links: self.links,
            images: self.images,
            formatting: self.formatting,
            base: base.clone(),
        });
        let page = walk::walk(&dom, limits, rich);
        drop(dom);
        budget.check(limits)?;
        let (meta, extras) = metadata::extract(&page.facts, &page.blocks, base.as_ref());
        let settings = Settings {
            favor: self.favor,
            captions: self.captions,
            tables: self.tables.unwrap_or(true),
        };
        let verdict =
            classify::classify(&page.elems, &page.blocks, meta.title.as_deref(), &settings);
        budget.check(limits)?;

        if std::env::var_os("GLEANER_DEBUG").is_some() {
            eprintln!(
                "container elem {} fallback {}",
                verdict.container, verdict.fallback
            );
            for (i, b) in page.blocks.iter().enumerate() {
                eprintln!(
                    "{:>4} {:<16} {:>7.1} e{:<5} {:<10} ld{:.2} {:?} {:?}",
                    i,
                    verdict.labels[i].name(),
                    verdict.scores[i],
                    b.elem,
                    hints::kind_name(b.hints),
                    b.link_density(),
                    b.kind,
                    if std::env::var_os("GLEANER_DEBUG") == Some("full".into()) {
                        b.text.clone()
                    } else {
                        b.text.chars().take(90).collect::<String>()
                    }
                );
            }
        }
        let mut blocks: Vec<ContentBlock> = page
            .blocks
            .iter()
            .zip(&verdict.labels)
            .filter(|(_, l)| l.is_content())
            .map(|(b, _)| ContentBlock {
                kind: b.kind,
                text: b.text.clone(),
                markdown: b.md.clone(),
                list: b.list,
                lang: b.lang.as_deref().map(str::to_string),
                quoted: b.flags & IN_QUOTE != 0,
                listed: b.flags & IN_LIST != 0,
            })
            .collect();
        let kept_len: f32 = page
            .blocks
            .iter()
            .zip(&verdict.labels)
            .filter(|(_, l)| l.is_content())
            .map(|(b, _)| b.stats.weighted_len())
            .sum();
        let mut fallback = verdict.fallback;
        let mut fallback_name = fallback.then_some("whole-page");
        if let Some(body) = extras.article_body.as_deref() {
            let body_len = weighted_len(body);
            if body_len > classify::MIN_ARTICLE_LEN
                && kept_len < body_len * ARTICLE_BODY_FALLBACK_RATIO
            {
                blocks = body
                    .split('\n')
                    .map(crate::text::normalize_space)
                    .filter(|l| !l.is_empty())
                    .map(|text| ContentBlock::plain(BlockKind::Paragraph, text))
                    .collect();
                fallback = true;
                fallback_name = Some("json-ld");
            }
        }
        let text = blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let comments = self.comments.then(|| {
            comments::split(
                &page.elems,
                &page.blocks,
                &verdict.labels,
                &page.facts.times,
            )
        });
        let comments_text = comments.as_ref().filter(|c| !c.is_empty()).map(|c| {
            let texts: Vec<&str> = c.iter().map(|c| c.text.as_str()).collect();
            texts.join("\n")
        });
        let confidence = classify::confidence(&page.blocks, &verdict.labels, fallback);
        let trace = explain.then(|| {
            let mut d = explain::decisions(
                &page.elems,
                &page.blocks,
                &verdict.labels,
                &verdict.scores,
                verdict.container,
            );
            if fallback_name == Some("json-ld") {
                for b in &mut d {
                    b.kept = false;
                }
            }
            let container = explain::path_of(&page.elems, verdict.container);
            (d, container, fallback_name)
        });
        let doc = Document {
            metadata: meta,
            blocks,
            text,
            comments,
            comments_text,
            confidence,
            encoding: encoding.name(),
            fallback,
            truncated,
        };
        Ok((doc, trace))
    }
}

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
    fn options_change_what_is_kept() {
        let mut ex = Extractor::new();
        ex.captions(true).tables(false).comments(true);
        let doc = ex.extract(PAGE.as_bytes()).unwrap();
        assert!(doc.text().contains("sunrise"));
        assert!(!doc.text().contains("2018"));
        assert!(doc.comments_text().is_some_and(|c| c.contains("Finally")));
        assert!(!doc.text().contains("Finally"));
    }

    #[test]
    fn url_resolves_canonical_and_charset_is_used() {
        let mut ex = Extractor::new();
        ex.url("https://example.com/news/dam")
            .charset("windows-1251");
        let html =
            "<p>Новая плотина на реке открылась в пятницу после шести лет строительства.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(html);
        let doc = ex.extract(&bytes).unwrap();
        assert!(doc.text().contains("Новая плотина"));
        assert_eq!(doc.encoding(), "windows-1251");
        assert_eq!(doc.url(), Some("https://example.com/news/dam"));
    }
}
