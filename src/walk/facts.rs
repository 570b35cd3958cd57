//! The raw metadata the walk gathers on its way: `<title>`, `<meta>`, canonical link,
//! JSON-LD, `<time>` elements, the page's language and author candidates.

use crate::block::Block;
use crate::dom::{Dom, NodeId, View};
use crate::element::{attr, is_json_ld, Attrs, AuthorSource};

/// Most author candidates kept from the page's markup.
const MAX_AUTHOR_CANDIDATES: usize = 16;
/// Longest author candidate or `<time>` value kept, in bytes.
const MAX_FACT_BYTES: usize = 1024;
/// Most ingredients read from a recipe's microdata.
const MAX_INGREDIENTS: usize = 200;
/// Most `<time>` elements kept.
const MAX_TIMES: usize = 32;
/// Most `<meta>` values kept.
const MAX_METAS: usize = 512;
/// Shortest `<noscript>` markup kept, in bytes: tracking pixels and "please enable
/// JavaScript" are shorter than a page.
const MIN_NOSCRIPT_BYTES: usize = 512;

/// The script every Sphinx theme loads (see [`Facts::sphinx`]).
const SPHINX_SCRIPT: &str = "_static/documentation_options.js";

/// Raw metadata found on the page, interpreted by [`crate::metadata`].
#[derive(Debug, Default)]
pub struct Facts {
    /// Text of the first `<title>`.
    pub title: Option<String>,
    /// `<meta>` key (name, property, itemprop or http-equiv, lower-cased) and content.
    pub metas: Vec<(String, String)>,
    /// Contents of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// The schema.org types the page's microdata names (`itemtype`), each with the number
    /// of elements that name it.
    pub microdata_types: Vec<(String, u32)>,
    /// `href` of `<link rel="canonical">`.
    pub canonical: Option<String>,
    /// `href` of the first `<base>`.
    pub base: Option<String>,
    /// `lang` of `<html>`.
    pub lang: Option<String>,
    /// `<time>` elements: the block index at which they stood, whether they mark the
    /// publication (`pubdate`, `itemprop="datePublished"`), and their `datetime` (or text).
    pub times: Vec<(u32, bool, String)>,
    /// Author candidates from the markup, outside comments.
    pub authors: Vec<(AuthorSource, String)>,
    /// Author candidates from the markup in document order, comments' too, with the block
    /// they stand at: a thread's first poster is the first of them.
    pub posters: Vec<(u32, String)>,
    /// The lines its microdata marks as a recipe's ingredients (`recipeIngredient`), in
    /// order.
    pub ingredients: Vec<String>,
    /// The markup of the page's larger `<noscript>` elements, in order: what the page
    /// shows readers without scripts (a forum's posts, for one).
    pub noscript: String,
    /// Whether the page loads Sphinx's `_static/documentation_options.js`: the mark every
    /// Sphinx theme leaves since Sphinx 1.8, where most write no `<meta name="generator">`.
    pub sphinx: bool,
}

impl Facts {
    /// The first non-empty content of a `<meta>` named one of `keys` (lower case), in the
    /// order of `keys`.
    pub fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(mk, v)| mk == k && !v.trim().is_empty())
                .map(|(_, v)| v.as_str())
        })
    }

    /// Reads `<head>`, which holds no visible text, only metadata; its children are few and
    /// shallow.
    pub(super) fn head(&mut self, dom: &Dom, node: NodeId) {
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            for c in dom.children_rev(n) {
                if let View::Element(e, attrs) = dom.view(c) {
                    match &*e.name {
                        "title" => self.title(dom, c),
                        "meta" => self.add_meta(attrs),
                        "link" => self.link(attrs),
                        "base" => self.base(attrs),
                        "script" => self.script(dom, c, attrs),
                        "noscript" | "template" => {}
                        _ => stack.push(c),
                    }
                }
            }
        }
    }

    /// The first `<title>`'s text.
    pub(super) fn title(&mut self, dom: &Dom, node: NodeId) {
        if self.title.is_none() {
            self.title = Some(text_of_children(dom, node));
        }
    }

    /// A `<noscript>`'s markup, when it is large enough to hold a page.
    pub(super) fn noscript(&mut self, dom: &Dom, node: NodeId) {
        let markup = text_of_children(dom, node);
        if markup.len() >= MIN_NOSCRIPT_BYTES {
            self.noscript.push_str(&markup);
            self.noscript.push('\n');
        }
    }

    /// A script's text, when it is JSON-LD; whether it is Sphinx's (see [`Facts::sphinx`]).
    pub(super) fn script(&mut self, dom: &Dom, node: NodeId, attrs: &[html5ever::Attribute]) {
        if is_json_ld(attrs) {
            self.json_ld.push(text_of_children(dom, node));
        } else if attr(attrs, "src").is_some_and(|s| s.contains(SPHINX_SCRIPT)) {
            self.sphinx = true;
        }
    }

    /// A `<meta>` element's content, under each of its names.
    pub(super) fn add_meta(&mut self, attrs: &[html5ever::Attribute]) {
        let Some(content) = attr(attrs, "content") else {
            return;
        };
        for key in ["name", "property", "itemprop", "http-equiv"] {
            if let Some(k) = attr(attrs, key) {
                let k = k.trim().to_ascii_lowercase();
                if !k.is_empty() && self.metas.len() < MAX_METAS {
                    // values are often written with their references encoded twice
                    let v = crate::text::decode_entities(content.trim()).into_owned();
                    self.metas.push((k, v));
                }
            }
        }
    }

    /// A `<link rel=canonical>`'s target.
    pub(super) fn link(&mut self, attrs: &[html5ever::Attribute]) {
        let rel = attr(attrs, "rel").unwrap_or("");
        if rel
            .split_ascii_whitespace()
            .any(|r| r.eq_ignore_ascii_case("canonical"))
            && self.canonical.is_none()
        {
            if let Some(h) = attr(attrs, "href") {
                self.canonical = Some(h.trim().to_string());
            }
        }
    }

    /// A `<base>`'s target, where the page's relative links lead from.
    pub(super) fn base(&mut self, attrs: &[html5ever::Attribute]) {
        if self.base.is_none() {
            self.base = attr(attrs, "href").map(|h| h.trim().to_string());
        }
    }

    /// `<html lang>` (or `xml:lang`).
    pub(super) fn html(&mut self, attrs: &[html5ever::Attribute]) {
        if let Some(l) = attr(attrs, "lang").or_else(|| attr(attrs, "xml:lang")) {
            self.lang = Some(l.trim().to_string());
        }
    }

    /// A `<time>` element standing before block `at`: its `datetime` or its text, and
    /// whether it marks the publication.
    pub(super) fn time(
        &mut self,
        dom: &Dom,
        node: NodeId,
        attrs: &[html5ever::Attribute],
        at: u32,
    ) {
        if self.times.len() >= MAX_TIMES {
            return;
        }
        let a = Attrs::read(attrs);
        let published = a.pubdate || a.itemprop.is_some_and(|p| p.contains("datePublished"));
        let mut value = a
            .datetime
            .map(str::to_string)
            .unwrap_or_else(|| text_of_children(dom, node));
        truncate_at_char(&mut value, MAX_FACT_BYTES);
        self.times.push((at, published, value));
    }

    /// Notes an ingredient the microdata marks: `inline`, the text of an inline element,
    /// else the text of its `blocks`.
    pub(super) fn ingredient(&mut self, inline: String, blocks: &[Block]) {
        if self.ingredients.len() >= MAX_INGREDIENTS {
            return;
        }
        let text = fact_text(inline, blocks);
        if !text.is_empty() {
            self.ingredients.push(text);
        }
    }

    /// An author candidate: the text of the blocks of an element that names an author,
    /// standing at block `at`, in a comment or not.
    pub(super) fn author(
        &mut self,
        source: AuthorSource,
        inline: String,
        blocks: &[Block],
        at: u32,
        in_comment: bool,
    ) {
        if self.authors.len() + self.posters.len() >= 2 * MAX_AUTHOR_CANDIDATES {
            return;
        }
        let text = fact_text(inline, blocks);
        if text.is_empty() {
            return;
        }
        if self.posters.len() < MAX_AUTHOR_CANDIDATES {
            self.posters.push((at, text.clone()));
        }
        if !in_comment && self.authors.len() < MAX_AUTHOR_CANDIDATES {
            self.authors.push((source, text));
        }
    }
}

/// Cuts `s` to at most `max` bytes, at a character boundary.
fn truncate_at_char(s: &mut String, max: usize) {
    let keep = crate::text::prefix_within(s, max).len();
    s.truncate(keep);
}

/// The text of a node's text children.
pub(super) fn text_of_children(dom: &Dom, node: NodeId) -> String {
    let mut s = String::new();
    for c in dom.children(node) {
        if let Some(t) = dom.text(c) {
            s.push_str(t);
        }
    }
    s
}

/// `text`, then the texts of `blocks`, apart by spaces, cut at [`MAX_FACT_BYTES`]: a fact is
/// short, and a wrapper named like one (a byline's) must not copy the whole page.
fn fact_text(mut text: String, blocks: &[Block]) -> String {
    for b in blocks {
        if text.len() >= MAX_FACT_BYTES {
            break;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&b.text);
    }
    truncate_at_char(&mut text, MAX_FACT_BYTES);
    text
}
