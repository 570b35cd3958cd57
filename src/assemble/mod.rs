//! The document's blocks made from the blocks the classifier kept: table rows whose cells
//! hold several blocks joined into one row, tables told apart, a thread's posts marked
//! with their authors and dates, a product's description added; or the JSON-LD text that
//! replaces them.

use crate::block::{ancestors, Block, BlockKind, Elem, IN_QUOTE};
use crate::classify::{self, Weights};
use crate::document::{ContentBlock, PostMark};
use crate::text::weighted_len;
use crate::walk;

mod posts;
mod table;

/// JSON-LD `articleBody` replaces the extracted text when that text is shorter than this
/// share of it: the page's body was scripted in or cut by a paywall.
pub const ARTICLE_BODY_FALLBACK_RATIO: f32 = 0.5;

/// Shortest JSON-LD product description (weighted characters) added to a product page.
const PRODUCT_DESCRIPTION_MIN_LEN: f32 = 100.0;
/// A product page keeping less text than this may lack its description.
const PRODUCT_SHORT_TEXT: f32 = 1000.0;
/// The description is shown already when this share of its longer words is in the text.
const PRODUCT_DESCRIPTION_SHOWN: f32 = 0.5;

/// The name of the fallback that takes JSON-LD's `articleBody` for the text.
pub(crate) const JSON_LD_FALLBACK: &str = "json-ld";
/// The name of the fallback that takes the page's prose outside boilerplate.
const WHOLE_PAGE_FALLBACK: &str = "whole-page";

/// Shortest lead (weighted characters) that [`shown_lead`] puts before a JSON-LD body: a
/// sentence, not a section's name ("News").
const SHOWN_LEAD_MIN_LEN: f32 = 40.0;

/// The page's lead, when JSON-LD's `articleBody` leaves it out: news sites show their
/// description as the standfirst under the headline, and their `articleBody` starts after
/// it. It is the description, [`SHOWN_LEAD_MIN_LEN`] long or more, when a block labelled
/// content says exactly that and the body does not hold it.
fn shown_lead(
    page: &walk::Page,
    labels: &[classify::Label],
    description: Option<&str>,
    body: &str,
) -> Option<String> {
    let lead = crate::text::normalize_space(description?);
    if weighted_len(&lead) < SHOWN_LEAD_MIN_LEN
        || crate::text::normalize_space(body).contains(&lead)
    {
        return None;
    }
    page.blocks
        .iter()
        .zip(labels)
        .any(|(b, l)| l.is_content() && crate::text::normalize_space(&b.text) == lead)
        .then_some(lead)
}

/// The main content as kept: its blocks, and which fallback chose them, if one did.
pub(crate) struct Kept {
    pub(crate) blocks: Vec<ContentBlock>,
    pub(crate) fallback: Option<&'static str>,
    /// The thread's posts, when the page holds one.
    pub(crate) posts: Vec<PostMark>,
}

impl Kept {
    /// Puts the JSON-LD description of a product page's product before the kept text when
    /// the page shows little of it (a description in a script, a drawer or a tab).
    pub(crate) fn add_product_description(&mut self, description: &str) {
        let kept: f32 = self.blocks.iter().map(|b| weighted_len(&b.text)).sum();
        if weighted_len(description) < PRODUCT_DESCRIPTION_MIN_LEN || kept >= PRODUCT_SHORT_TEXT {
            return;
        }
        let text: String = self
            .blocks
            .iter()
            .map(|b| b.text.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        let words: Vec<String> = description
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .filter(|w| w.chars().count() > 3)
            .collect();
        let found = words.iter().filter(|w| text.contains(w.as_str())).count();
        if words.is_empty() || found as f32 >= PRODUCT_DESCRIPTION_SHOWN * words.len() as f32 {
            return;
        }
        let lines = description
            .split('\n')
            .map(crate::text::normalize_space)
            .filter(|l| !l.is_empty())
            .map(|text| ContentBlock::plain(BlockKind::Paragraph, text));
        self.blocks.splice(0..0, lines);
    }

    /// Which fallback gives the main content, if one does: JSON-LD's `articleBody` when
    /// the blocks labelled content hold much less than it (the page's body was scripted
    /// in or cut by a paywall), or the classifier's own whole-page reading.
    pub(crate) fn fallback(
        page: &walk::Page,
        verdict: &classify::Verdict,
        article_body: Option<&str>,
        w: &Weights,
    ) -> Option<&'static str> {
        if let Some(body) = article_body {
            let body_len = weighted_len(body);
            let kept_len: f32 = page
                .blocks
                .iter()
                .zip(&verdict.labels)
                .filter(|(_, l)| l.is_content())
                .map(|(b, _)| b.stats.weighted_len())
                .sum();
            if body_len > w.min_article_len && kept_len < body_len * ARTICLE_BODY_FALLBACK_RATIO {
                return Some(JSON_LD_FALLBACK);
            }
        }
        verdict.fallback.then_some(WHOLE_PAGE_FALLBACK)
    }

    /// The blocks of `page` labelled content, or, with the JSON-LD fallback, the lines
    /// of `article_body`, after the page's lead when the body leaves it out (see
    /// [`shown_lead`]).
    pub(crate) fn assemble(
        page: walk::Page,
        labels: &[classify::Label],
        fallback: Option<&'static str>,
        article_body: Option<&str>,
        description: Option<&str>,
        thread: bool,
    ) -> Kept {
        if let (Some(JSON_LD_FALLBACK), Some(body)) = (fallback, article_body) {
            let lead = shown_lead(&page, labels, description, body);
            return Kept {
                blocks: lead
                    .into_iter()
                    .chain(body.split('\n').map(crate::text::normalize_space))
                    .filter(|l| !l.is_empty())
                    .map(|text| ContentBlock::plain(BlockKind::Paragraph, text))
                    .collect(),
                fallback,
                posts: Vec::new(),
            };
        }
        // the rest of the page goes before the kept blocks are made
        let walk::Page {
            blocks,
            lists,
            elems,
            facts,
            ..
        } = page;
        let kept_at = || (0..blocks.len()).filter(|&i| labels[i].is_content());
        let places = table::places(&elems, &blocks, kept_at());
        // a thread's posts, on a page read as one or whose markup names two posters
        let mut posts = Vec::new();
        let mut listed_posts = None;
        if thread || facts.posters.len() >= posts::MIN_POSTS {
            let kept: Vec<bool> = labels.iter().map(|l| l.is_content()).collect();
            let mut lens = Vec::with_capacity(blocks.len() + 1);
            lens.push(0.0f32);
            for (b, &k) in blocks.iter().zip(&kept) {
                let len = if k { b.stats.weighted_len() } else { 0.0 };
                lens.push(lens[lens.len() - 1] + len);
            }
            (posts, listed_posts) = posts::posts(&elems, &facts, &kept, &lens);
            // on a page not read as a thread, only items that name their authors and
            // dates are posts (a list of books names their authors, testimonials their
            // customers)
            let named = posts
                .iter()
                .filter(|(_, m)| m.author.is_some() && m.date.is_some())
                .count();
            if !thread && named < posts::MIN_POSTS {
                posts.clear();
            }
            if posts.is_empty() {
                listed_posts = None;
            }
        }
        // the quote around each kept block, so that quotes side by side stay apart
        let quotes: Vec<Option<u32>> = kept_at().map(|i| quote_of(&elems, &blocks[i])).collect();
        drop((elems, facts));
        let mut quotes = quotes.into_iter();
        let mut last_quote = None;
        let mut kept = Vec::with_capacity(kept_at().count());
        let mut marks = posts.into_iter().peekable();
        let mut post_marks = Vec::new();
        for (i, (b, l)) in blocks.into_iter().zip(labels).enumerate() {
            if !l.is_content() {
                continue;
            }
            if let Some((_, mut m)) = marks.next_if(|(at, _)| *at == i) {
                m.block = kept.len();
                post_marks.push(m);
            }
            let mut block = ContentBlock::of_block(b, &lists);
            let quote = quotes.next().flatten();
            block.quote_start = quote.is_some() && quote != last_quote;
            // elements are numbered in document order: a quote after its item's start is
            // inside the item
            block.quote_in_item = quote.zip(block.list).is_some_and(|(q, l)| q > l.item);
            last_quote = quote;
            if listed_posts.as_ref().is_some_and(|r| r.contains(&i)) {
                block.leave_outer_list();
            }
            kept.push(block);
        }
        Kept {
            blocks: table::join_rows(kept, &places, &mut post_marks),
            fallback,
            posts: post_marks,
        }
    }
}

/// The outermost quote around a quoted block: a `<blockquote>`, or a documentation
/// page's admonition ([`Elem::is_quote`]); `None` outside quotes.
fn quote_of(elems: &[Elem], b: &Block) -> Option<u32> {
    if b.flags & IN_QUOTE == 0 {
        return None;
    }
    ancestors(elems, b.elem)
        .filter(|&a| elems[a as usize].is_quote())
        .last()
}
