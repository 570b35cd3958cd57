//! Labelling the blocks inside one element: hints on the way down to each block, captions,
//! the headline, link lists (not those a sentence introduces, nor the linked items of a list
//! of prose), stock phrases and sign-up boxes, the reading list that ends an article, and
//! the short blocks that take the label of their neighbours.

use std::ops::Range;

use super::phrases::{
    is_control_label, is_cookie_notice, is_credit_line, is_end_marker, is_signup_title,
    is_stock_phrase, SIGNUP_BOX_MAX_BLOCKS,
};
use super::{Favor, Label, Page};
use crate::block::{ancestors, BlockKind, Elem, IN_FIGURE, IN_TABLE, MACHINE_DATA, PLAIN_CELL};
use crate::hints::{self, Hints};
use crate::tag::Tag;
use crate::text::normalize_space;

/// A block's label before its neighbours are looked at.
#[derive(Clone, Copy, PartialEq)]
enum Pre {
    /// Prose or code: content.
    Good,
    /// Short text: it takes its neighbours' label.
    Short,
    /// Boilerplate, for the reason given.
    Bad(Label),
}

/// Labels the blocks in `range`, all inside element `top`.
pub(super) fn label_range(page: &Page, top: u32, range: Range<usize>, labels: &mut [Label]) {
    let signup = signup_mask(page, range.clone());
    let mut pre = first_labels(page, top, range.clone(), &signup);
    keep_introduced_lists(page, range.start, &mut pre);
    keep_lists_with_prose(page, range.start, &mut pre);
    cut_reading_list(page, &mut pre);
    if page.weights.drop_reading_lists {
        drop_reading_list_sections(page, top, &mut pre);
    }
    settle_short_blocks(page, top, &pre, labels);
}

/// A list of links that a sentence introduces ("The following universities also offer
/// courses:") is the article's own, not a reading list: its items become short text, kept
/// between content like any other. An introduced list that ends the text still goes.
fn keep_introduced_lists(page: &Page, base: usize, pre: &mut [(usize, Pre)]) {
    let end = base + pre.len();
    for (from, to) in lists_of_links(page, base, pre, |_| true, false) {
        if from > base && introduces_list(page, from - 1, pre[from - 1 - base].1) {
            for e in &mut pre[from - base..to.min(end) - base] {
                if e.1 == Pre::Bad(Label::LinkList) {
                    e.1 = Pre::Short;
                }
            }
        }
    }
}

/// A list mostly of prose is the article's own: in the outermost list around an item of
/// links, when the prose items are at least as many as the items of links, those (a
/// release note's "Here's our year in review!", a tool's "Learn more about the debugger")
/// are content like the items beside them. A `<p>` inside an item counts as an item (the
/// `<li><p>` of Squarespace and Asciidoctor, a newsletter's "See:" and a link to its best
/// post under its description, a card's linked headline above its sentence). A grid of
/// linked cards with one sentence among them stays a list of links.
fn keep_lists_with_prose(page: &Page, base: usize, pre: &mut [(usize, Pre)]) {
    let blocks = page.blocks;
    let elems = page.elems;
    // an item, or a paragraph inside one
    let is_item = |i: usize| {
        blocks[i].kind == BlockKind::ListItem
            || (elems[blocks[i].elem as usize].tag == Tag::P
                && ancestors(elems, blocks[i].elem)
                    .take_while(|&a| !matches!(elems[a as usize].tag, Tag::Ul | Tag::Ol))
                    .any(|a| elems[a as usize].tag == Tag::Li))
    };
    let end = base + pre.len();
    for (from, to) in lists_of_links(page, base, pre, is_item, true) {
        let items = &mut pre[from.max(base) - base..to.min(end) - base];
        let count = |q: Pre| items.iter().filter(|e| e.1 == q).count();
        if count(Pre::Good) >= count(Pre::Bad(Label::LinkList)) {
            for e in items.iter_mut() {
                if e.1 == Pre::Bad(Label::LinkList) && is_item(e.0) {
                    e.1 = Pre::Good;
                }
            }
        }
    }
}

/// The lists around the blocks of `pre` (from `base` on) labelled a list of links that
/// `trigger` accepts, each once, in order, as ranges of blocks: the innermost `<ul>` or
/// `<ol>`, or the `outermost` one that starts in the range.
fn lists_of_links(
    page: &Page,
    base: usize,
    pre: &[(usize, Pre)],
    trigger: impl Fn(usize) -> bool,
    outermost: bool,
) -> Vec<(usize, usize)> {
    let (elems, blocks) = (page.elems, page.blocks);
    let end = base + pre.len();
    let mut out = Vec::new();
    let mut k = 0;
    while k < pre.len() {
        let (i, p) = pre[k];
        let mut lists = ancestors(elems, blocks[i].elem)
            .filter(|&a| matches!(elems[a as usize].tag, Tag::Ul | Tag::Ol));
        let list = if p != Pre::Bad(Label::LinkList) || !trigger(i) {
            None
        } else if outermost {
            lists
                .take_while(|&a| elems[a as usize].blocks.0 as usize >= base)
                .last()
        } else {
            lists.next()
        };
        let Some(list) = list else {
            k += 1;
            continue;
        };
        let (from, to) = elems[list as usize].blocks;
        let to = (to as usize).min(end);
        out.push((from as usize, to));
        k = (to - base).max(k + 1);
    }
    out
}

/// Least words of a short paragraph that introduces a list ("Here are the courses:");
/// "Links:" or "Read more:" alone introduce a reading list.
const LIST_INTRO_MIN_WORDS: usize = 4;

/// Whether block `i`, labelled `p`, is a sentence that introduces the list after it: a
/// paragraph ending in a colon, prose or a short line of a few words that opens no
/// reading list.
fn introduces_list(page: &Page, i: usize, p: Pre) -> bool {
    let b = &page.blocks[i];
    b.kind == BlockKind::Paragraph
        && b.text.trim_end().ends_with(':')
        && (p == Pre::Good
            || (p == Pre::Short
                && b.text.split_whitespace().count() >= LIST_INTRO_MIN_WORDS
                && !is_end_marker(b, page.weights.linky_density)))
}

/// The union of the hints of the elements from `e` up to, not including, `top`.
fn hints_below(page: &Page, e: u32, top: u32) -> Hints {
    ancestors(page.elems, e)
        .take_while(|&a| a != top)
        .fold(0, |h, a| h | page.effective[a as usize])
}

/// Sign-up boxes named only by their text: the small element around such a title goes
/// whole. A mask over `range`; each box covers at most [`SIGNUP_BOX_MAX_BLOCKS`] blocks.
fn signup_mask(page: &Page, range: Range<usize>) -> Vec<bool> {
    let base = range.start;
    let mut signup = vec![false; range.len()];
    for i in range.clone() {
        let b = &page.blocks[i];
        if is_signup_title(b) {
            let parent = &page.elems[page.elems[b.elem as usize].parent as usize];
            let (a, z) = (parent.blocks.0 as usize, parent.blocks.1 as usize);
            let (a, z) = if z - a <= SIGNUP_BOX_MAX_BLOCKS as usize && a >= range.start {
                (a, z.min(range.end))
            } else {
                (i, i + 1)
            };
            for m in &mut signup[a - base..z - base] {
                *m = true;
            }
        }
    }
    signup
}

/// Each block's label by its own features and the names above it, up to `top`.
fn first_labels(page: &Page, top: u32, range: Range<usize>, signup: &[bool]) -> Vec<(usize, Pre)> {
    let (o, w) = (page.options, page.weights);
    let linky = match o.favor {
        Favor::Precision => w.prose_max_link_density,
        Favor::Balanced => w.linky_density,
        Favor::Recall => w.recall_linky_density,
    };
    let base = range.start;
    let mut pre: Vec<(usize, Pre)> = Vec::with_capacity(range.len());
    let mut title_seen = false;
    for i in range {
        let b = &page.blocks[i];
        let h = hints_below(page, b.elem, top);
        let p = if signup[i - base] {
            Pre::Bad(Label::Hinted(hints::NEWSLETTER))
        } else if h & hints::STRONG_BOILERPLATE != 0 {
            Pre::Bad(Label::Hinted(h & hints::STRONG_BOILERPLATE))
        } else if h & hints::FOOTER != 0 || (h & hints::SIDEBAR != 0 && b.kind != BlockKind::Code) {
            // code in a side column is the example of the text beside it (the request and
            // response column of three-column API references: Stripe, Slate, Redoc)
            Pre::Bad(Label::Hinted(h & (hints::SIDEBAR | hints::FOOTER)))
        } else if b.kind == BlockKind::Code && is_line_gutter(b) {
            // the column of line numbers beside a highlighted listing
            Pre::Bad(Label::Data)
        } else if b.kind == BlockKind::Code {
            // code is never a caption, byline or header, whatever its figure or box
            Pre::Good
        } else if is_cookie_notice(b) {
            Pre::Bad(Label::Hinted(hints::COOKIE))
        } else if b.flags & MACHINE_DATA != 0 {
            Pre::Bad(Label::Data)
        } else if b.kind == BlockKind::Image {
            // an image goes with the text around it, a figure's as any other
            Pre::Short
        } else if !b.text.chars().any(|c| c.is_alphanumeric() || c == '_') {
            // an interface glyph ("+", "←", "›") or a row of dots is no text (a row of
            // underscores is a news agency's section break)
            Pre::Bad(Label::StockPhrase)
        } else if (b.kind == BlockKind::Caption
            || h & hints::CAPTION != 0
            || is_credit_line(b)
            || b.flags & IN_FIGURE != 0)
            && !(w.wide_regions && matches!(b.kind, BlockKind::Heading(_)))
            && !(w.keep_named_captions
                && b.kind != BlockKind::Caption
                && b.flags & IN_FIGURE == 0
                && !is_credit_line(b))
        {
            if o.captions {
                Pre::Good
            } else {
                Pre::Bad(Label::Caption)
            }
        } else if !o.tables && b.kind == BlockKind::TableRow {
            Pre::Bad(Label::OutsideArticle)
        } else if !title_seen && is_headline(page, b) {
            title_seen = true;
            Pre::Bad(Label::Title)
        } else if b.link_density() > linky && !links_as_content(page, i, linky) {
            Pre::Bad(Label::LinkList)
        } else if is_stock_phrase(&b.text)
            || (!matches!(b.kind, BlockKind::Heading(_)) && is_control_label(&b.text))
        {
            Pre::Bad(Label::StockPhrase)
        } else if !w.is_prose(b)
            && ((h & hints::BYLINE != 0 && !w.keep_bylines && !in_long_list(page, b))
                || (h & hints::HEADER != 0 && !w.keep_headers && !opens_section(page, i, linky)))
        {
            Pre::Bad(Label::Hinted(h & (hints::BYLINE | hints::HEADER)))
        } else if w.is_prose(b) {
            Pre::Good
        } else {
            Pre::Short
        };
        pre.push((i, p));
    }
    pre
}

/// Whether block `i`, mostly link text, is content all the same: a section's title, a
/// card's title, or a row of data whose names are links (its values in plain cells); and
/// where the profile keeps a page's items ([`super::Weights::container_items`]: a page of
/// services, items or documents), a card that one link wraps whole, its title and its
/// description ([`linked_card`]).
fn links_as_content(page: &Page, i: usize, linky: f32) -> bool {
    let b = &page.blocks[i];
    opens_section(page, i, linky)
        || titles_card(page, i, linky)
        || (page.weights.container_items
            && (linked_card(page, i, linky) || (i > 0 && linked_card(page, i - 1, linky))))
        || (b.kind == BlockKind::TableRow && b.flags & PLAIN_CELL != 0)
}

/// Whether a code block is the gutter of a listing: a table's cell of line numbers, one
/// more on each line, beside the cell of the code (Hugo's Chroma `lntable`, Hexo's and
/// Rouge's `gutter`, Pygments' `linenos` table). Its numbers are not the code.
fn is_line_gutter(b: &crate::block::Block) -> bool {
    if b.flags & IN_TABLE == 0 {
        return false;
    }
    let mut lines = b.text.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(first) = lines.next().and_then(|l| l.parse::<u64>().ok()) else {
        return false;
    };
    let mut count = 1;
    for (k, l) in lines.enumerate() {
        if l.parse::<u64>().ok() != first.checked_add(k as u64 + 1) {
            return false;
        }
        count += 1;
    }
    count >= 2
}

/// How many blocks after a heading the prose of its section may start (a place, a rating
/// or a byline between them).
const SECTION_PROSE_REACH: usize = 3;

/// Whether block `i` is a heading that opens a section of prose, within
/// [`SECTION_PROSE_REACH`] blocks and before another heading: the section's title, even
/// when it is a link (a listicle's item named after the product it links to) or stands
/// in a `<header>` (a section's header, not the page's).
fn opens_section(page: &Page, i: usize, linky: f32) -> bool {
    let b = &page.blocks[i];
    matches!(b.kind, BlockKind::Heading(_))
        && page.blocks[i + 1..]
            .iter()
            .take(SECTION_PROSE_REACH)
            .take_while(|next| !matches!(next.kind, BlockKind::Heading(_)))
            .any(|next| page.weights.is_prose(next) && next.link_density() <= linky)
}

/// How many levels above a card's linked title its box may stand.
const CARD_LEVELS: usize = 3;

/// Most blocks in a card: its title, a line or two, a price, a button.
const CARD_MAX_BLOCKS: u32 = 6;

/// Whether block `i` is the linked title of a card whose next block is plain text: a
/// product card's name above its line and price, a teaser's headline above its summary.
/// The title goes with the card's text (kept when that text is kept), not with the menus.
fn titles_card(page: &Page, i: usize, linky: f32) -> bool {
    let blocks = page.blocks;
    let b = &blocks[i];
    let Some(next) = blocks.get(i + 1) else {
        return false;
    };
    if !matches!(b.kind, BlockKind::Heading(_))
        || matches!(next.kind, BlockKind::Heading(_))
        || next.link_density() > linky
        || !next.text.chars().any(char::is_alphanumeric)
    {
        return false;
    }
    opens_card(page, i)
}

/// Whether blocks `i` and `i + 1` open a card: the smallest element within
/// [`CARD_LEVELS`] above block `i` that also holds the next starts with block `i` and holds
/// at most [`CARD_MAX_BLOCKS`] blocks.
fn opens_card(page: &Page, i: usize) -> bool {
    let elems = page.elems;
    ancestors(elems, page.blocks[i].elem)
        .skip(1)
        .take(CARD_LEVELS)
        .map(|a| elems[a as usize].blocks)
        .find(|&(_, z)| z as usize > i + 1)
        .is_some_and(|(a, z)| a as usize == i && z - a <= CARD_MAX_BLOCKS)
}

/// Whether block `i` is the title of a card that a link wraps whole: a heading, then a
/// sentence that describes it, both mostly link text, the two opening a card
/// ([`opens_card`]): a grid of features or products, each card one link to its page, as
/// Bootstrap's and Tailwind's stretched-link cards are written.
fn linked_card(page: &Page, i: usize, linky: f32) -> bool {
    let b = &page.blocks[i];
    let Some(next) = page.blocks.get(i + 1) else {
        return false;
    };
    matches!(b.kind, BlockKind::Heading(_))
        && next.kind == BlockKind::Paragraph
        && b.link_density() > linky
        && next.link_density() > linky
        && next.stats.sentence_ends > 0
        && next.stats.weighted_len() >= page.weights.prose_min_len_sentence
        && opens_card(page, i)
}

/// Most items of a list that reads as a byline (author, date, reading time); a longer
/// list named "info" or "meta" is a product's features or a page's facts.
const BYLINE_LIST_MAX_ITEMS: usize = 4;

/// Whether a block is an item of a list of more than [`BYLINE_LIST_MAX_ITEMS`] items.
fn in_long_list(page: &Page, b: &crate::block::Block) -> bool {
    if b.kind != BlockKind::ListItem {
        return false;
    }
    let elems = page.elems;
    let Some(list) =
        ancestors(elems, b.elem).find(|&a| matches!(elems[a as usize].tag, Tag::Ul | Tag::Ol))
    else {
        return false;
    };
    let l = &elems[list as usize];
    let mut items = 0;
    let mut child = list as usize + 1;
    while child < l.end as usize && items <= BYLINE_LIST_MAX_ITEMS {
        let c = &elems[child];
        if c.parent == list && c.tag == Tag::Li && c.blocks.0 < c.blocks.1 {
            items += 1;
        }
        child = (c.end as usize).max(child + 1);
    }
    items > BYLINE_LIST_MAX_ITEMS
}

/// Whether a heading repeats the page's title (or most of its start): the headline, which
/// goes to the title rather than the text.
pub(super) fn is_headline(page: &Page, b: &crate::block::Block) -> bool {
    matches!(b.kind, BlockKind::Heading(_))
        && page.title.is_some_and(|t| {
            let ht = normalize_space(&b.text).to_lowercase();
            !ht.is_empty() && (t == ht || (t.starts_with(&ht) && ht.len() * 2 > t.len()))
        })
}

/// A reading-list heading near the end of the article ends it: it and what follows go.
fn cut_reading_list(page: &Page, pre: &mut [(usize, Pre)]) {
    let (elems, blocks, w) = (page.elems, page.blocks, page.weights);
    let total: f32 = pre
        .iter()
        .filter(|(_, p)| *p == Pre::Good)
        .map(|(i, _)| blocks[*i].stats.weighted_len())
        .sum();
    // where each element's last good block is, so that "does the article go on in this
    // element" is one look-up, not a scan of the rest
    let mut last_good_in: std::collections::HashMap<u32, usize> = Default::default();
    for (k, &(i, p)) in pre.iter().enumerate() {
        if p == Pre::Good {
            last_good_in.insert(elems[blocks[i].elem as usize].parent, k);
        }
    }
    let mut before = 0.0;
    let mut cut = None;
    let mut last_parent = None;
    for (k, &(i, p)) in pre.iter().enumerate() {
        if p == Pre::Good {
            before += blocks[i].stats.weighted_len();
            last_parent = Some(elems[blocks[i].elem as usize].parent);
        } else if before > 0.0
            && matches!(p, Pre::Short | Pre::Bad(Label::StockPhrase))
            && total - before <= w.end_marker_max_rest * before
            && is_end_marker(&blocks[i], w.linky_density)
            // the article does not go on after the list in the same element
            && last_parent.is_none_or(|lp| last_good_in.get(&lp).is_none_or(|&g| g < k))
        {
            cut = Some(k);
            break;
        }
    }
    if let Some(k) = cut {
        for e in pre.iter_mut().skip(k) {
            e.1 = Pre::Bad(Label::Hinted(hints::RELATED));
        }
    }
}

/// Least share of a section's characters inside links for a reading list: its teasers link
/// their stories, where a list under "Read more about the costs:" is the article's own.
pub const READING_LIST_MIN_LINK_SHARE: f32 = 0.05;

/// A section that a reading list's heading opens ("Related articles", "Read next") and
/// whose items link their stories goes, wherever it stands: the teasers are not the
/// article's, however much prose they hold or however much article follows them.
fn drop_reading_list_sections(page: &Page, top: u32, pre: &mut [(usize, Pre)]) {
    let (elems, blocks) = (page.elems, page.blocks);
    let mut k = 0;
    while k < pre.len() {
        let (i, p) = pre[k];
        let section = (matches!(p, Pre::Short | Pre::Bad(Label::StockPhrase))
            && is_end_marker(&blocks[i], page.weights.linky_density))
        .then(|| section_opened_by(page, top, i))
        .flatten()
        .filter(|&s| links_its_items(page, s) && !holds_running_prose(page, s));
        let Some(s) = section else {
            k += 1;
            continue;
        };
        let end = elems[s as usize].blocks.1 as usize;
        while k < pre.len() && pre[k].0 < end {
            pre[k].1 = Pre::Bad(Label::Hinted(hints::RELATED));
            k += 1;
        }
    }
}

/// The largest element, up to `top`, whose first block is block `i` and which holds more
/// than it: the section the heading `i` opens.
fn section_opened_by(page: &Page, top: u32, i: usize) -> Option<u32> {
    let mut section = None;
    for a in ancestors(page.elems, page.blocks[i].elem) {
        let e = &page.elems[a as usize];
        if e.blocks.0 as usize != i {
            break;
        }
        if e.blocks.1 as usize > i + 1 {
            section = Some(a);
        }
        if a == top {
            break;
        }
    }
    section
}

/// Least links without text in a section for its items to be linked cards: a shop's
/// carousel lays one empty link over each card, its target named by `aria-label`.
pub const READING_LIST_MIN_BARE_LINKS: usize = 3;

/// Whether element `e` links its items: its blocks have [`READING_LIST_MIN_LINK_SHARE`] of
/// their characters inside links, or it holds [`READING_LIST_MIN_BARE_LINKS`] links
/// without text.
fn links_its_items(page: &Page, e: u32) -> bool {
    let el = &page.elems[e as usize];
    let (from, to) = el.blocks;
    let (chars, linked) = page.blocks[from as usize..to as usize]
        .iter()
        .fold((0, 0), |(c, l), b| (c + b.stats.chars, l + b.link_chars));
    let bare = page.bare_links.partition_point(|&a| a < el.end)
        - page.bare_links.partition_point(|&a| a <= e);
    linked as f32 >= READING_LIST_MIN_LINK_SHARE * chars as f32
        || bare >= READING_LIST_MIN_BARE_LINKS
}

/// Whether element `e` holds two paragraphs of prose in a row, two elements under one
/// parent, each holding a sentence's end mark (a card's "by A, B, and C" has none), neither
/// with a link and no link without text (an image's) between them: an article's text,
/// where a reading list's teasers each stand in their own card after their linked title
/// or picture. A "More on this:" line with a few tag links above a news article's body
/// opens no reading list.
fn holds_running_prose(page: &Page, e: u32) -> bool {
    let (from, to) = page.elems[e as usize].blocks;
    let elems = page.elems;
    let plain = |b: &crate::block::Block| {
        b.kind == BlockKind::Paragraph
            && b.link_chars == 0
            && b.stats.sentence_ends > 0
            && page.weights.is_prose(b)
    };
    page.blocks[from as usize..to as usize]
        .windows(2)
        .any(|pair| {
            let (a, b) = (pair[0].elem, pair[1].elem);
            // bare links after the first paragraph's subtree and before the second
            // (none when the second lies inside the first's subtree)
            let between = page.bare_links.partition_point(|&l| l < b).saturating_sub(
                page.bare_links
                    .partition_point(|&l| l < elems[a as usize].end),
            );
            a != b
                && plain(&pair[0])
                && plain(&pair[1])
                && elems[a as usize].parent == elems[b as usize].parent
                && between == 0
        })
}

/// Least words of an opening or closing line of the article.
const EDGE_SENTENCE_MIN_WORDS: usize = 3;
/// Most link text of such a line.
const EDGE_SENTENCE_MAX_LINK_DENSITY: f32 = 0.5;

/// Whether block `j`, before the article's first paragraph or after its last (`edge`), is
/// one of its opening or closing lines: a short paragraph beside it (under one parent)
/// that is a sentence of [`EDGE_SENTENCE_MIN_WORDS`] or more (ended by a sentence's mark or
/// an emoji), not a link, a stock phrase or a reading list's opening.
fn is_edge_sentence(page: &Page, edge: usize, j: usize) -> bool {
    let b = &page.blocks[j];
    let parent = |i: usize| page.elems[page.blocks[i].elem as usize].parent;
    let t = b.text.trim_end();
    b.kind == BlockKind::Paragraph
        && parent(j) == parent(edge)
        && t.split_whitespace().count() >= EDGE_SENTENCE_MIN_WORDS
        && (t.ends_with(['.', '!', '?', ':', '…']) || crate::text::ends_with_emoji(t))
        && b.link_density() < EDGE_SENTENCE_MAX_LINK_DENSITY
        && !is_stock_phrase(&b.text)
        && !is_end_marker(b, page.weights.linky_density)
}

/// Names of boilerplate that a short line opening an article's body must not have below
/// the container (stronger ones, share buttons, ads, promotions, are dropped before).
const BODY_OPENING_NOT: Hints =
    hints::BYLINE | hints::CAPTION | hints::TAGS | hints::TOC | hints::HEADER;

/// Whether block `j`, before the article's first paragraph (`first`), may open the
/// article's body, in the container `top`: inside an element named as the body
/// (WordPress's `entry-content`, an `article-body`), beside that paragraph (under its
/// parent, or an item of a list that is), without a link or a name of boilerplate below
/// the container ([`BODY_OPENING_NOT`]). A subtitle, a greeting, a plain list of what is
/// new: an article's body holds its bylines and buttons outside, or names them. Stock
/// phrases never come here (they are dropped before).
fn is_body_opening(page: &Page, top: u32, first: usize, j: usize) -> bool {
    let b = &page.blocks[j];
    let parent = |i: usize| page.elems[page.blocks[i].elem as usize].parent;
    let beside = parent(first);
    (parent(j) == beside
        || (b.kind == BlockKind::ListItem && page.elems[parent(j) as usize].parent == beside))
        && b.hints & hints::ARTICLE_BODY != 0
        && hints_below(page, b.elem, top) & BODY_OPENING_NOT == 0
        && b.link_chars == 0
}

/// Least items of an unlinked list beside the container that joins the article.
const PLAIN_LIST_MIN_ITEMS: usize = 3;
/// Least characters of such a list.
const PLAIN_LIST_MIN_CHARS: u32 = 60;

/// Whether element `e` is a list without a single link, of [`PLAIN_LIST_MIN_ITEMS`] or
/// more items that make at least half its blocks (a heading above them may be one): a
/// recipe's ingredients beside its steps, a box of key facts. Its short lines score below
/// zero, but nothing in it leads away from the page.
pub(super) fn is_plain_list(page: &Page, e: &Elem) -> bool {
    let blocks = &page.blocks[e.blocks.0 as usize..e.blocks.1 as usize];
    let items = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::ListItem)
        .count();
    let chars: u32 = blocks.iter().map(|b| b.stats.chars).sum();
    items >= PLAIN_LIST_MIN_ITEMS
        && items * 2 >= blocks.len()
        && chars >= PLAIN_LIST_MIN_CHARS
        && blocks.iter().all(|b| b.link_chars == 0)
}

/// The end (an index into `pre`) of the short lines after the article's last paragraph
/// (`last`) that stand in the same quotation ([`Elem::is_quote`]) as it: the quotation's source, as an
/// embedded post's closing line (`— Jane Doe (@jane) May 1, 2019` in the `<blockquote>`
/// of Twitter's and Mastodon's embed code), not a byline at the article's edge. So is a
/// whole quotation of short lines right after that paragraph, inside an element that
/// holds the paragraph: an embedded post of a line and its source (a quotation that
/// holds boilerplate, a box of links, is no post).
fn quote_closing(page: &Page, pre: &[(usize, Pre)], last: usize) -> usize {
    let elems = page.elems;
    let quote = |k: usize| {
        ancestors(elems, page.blocks[pre[k].0].elem).find(|&a| elems[a as usize].is_quote())
    };
    let run = |q: u32| {
        let mut end = last + 1;
        while end < pre.len() && pre[end].1 == Pre::Short && quote(end) == Some(q) {
            end += 1;
        }
        end
    };
    if let Some(q) = quote(last) {
        return run(q);
    }
    let Some(q) = (last + 1 < pre.len()).then(|| quote(last + 1)).flatten() else {
        return last + 1;
    };
    let e = &elems[q as usize];
    let end = run(q);
    // the run starts at the quotation's first block and ends at its last
    let whole = pre[last + 1].0 == e.blocks.0 as usize && pre[end - 1].0 + 1 == e.blocks.1 as usize;
    let beside = ancestors(elems, page.blocks[pre[last].0].elem).any(|a| a == e.parent);
    if whole && beside {
        end
    } else {
        last + 1
    }
}

/// The section that closes the article with a list, as indices into `pre`: after the
/// article's last paragraph (`last`) and its closing lines (up to `closing`), a heading at
/// most, then every item of one list without links ([`is_plain_list`]) that stands beside
/// that paragraph, in its element ("Qualified teams" and the teams). Empty when there is
/// none.
fn closing_list(page: &Page, pre: &[(usize, Pre)], last: usize, closing: usize) -> Range<usize> {
    let (elems, blocks) = (page.elems, page.blocks);
    let parent = |i: usize| elems[blocks[i].elem as usize].parent;
    let beside = parent(pre[last].0);
    let mut k = closing;
    if pre.get(k).is_some_and(|&(i, p)| {
        p == Pre::Short && matches!(blocks[i].kind, BlockKind::Heading(_)) && parent(i) == beside
    }) {
        k += 1;
    }
    let Some(&(i, Pre::Short)) = pre.get(k) else {
        return closing..closing;
    };
    let list = parent(i);
    let e = &elems[list as usize];
    let (from, to) = (e.blocks.0 as usize, e.blocks.1 as usize);
    let n = to - from;
    if blocks[i].kind != BlockKind::ListItem
        || !matches!(e.tag, Tag::Ul | Tag::Ol)
        || e.parent != beside
        || from != i
        || k + n > pre.len()
        || !pre[k..k + n].iter().all(|&(_, p)| p == Pre::Short)
        || !is_plain_list(page, e)
    {
        return closing..closing;
    }
    closing..k + n
}

/// Short blocks take the label of their context: kept between content, dropped at the
/// edges, where bylines, dates and buttons sit, but for a post's opening and closing lines
/// (see [`is_edge_sentence`]) and the lines that open a named article body (see
/// [`is_body_opening`]). A heading is kept when content follows.
fn settle_short_blocks(page: &Page, top: u32, pre: &[(usize, Pre)], labels: &mut [Label]) {
    let first_good = pre.iter().position(|(_, p)| *p == Pre::Good);
    let last_good = pre.iter().rposition(|(_, p)| *p == Pre::Good);
    let (Some(first), Some(last)) = (first_good, last_good) else {
        // No prose at all (a tiny page, or a region of short items): its short text is all
        // there is.
        for &(i, p) in pre {
            labels[i] = match p {
                Pre::Bad(l) => l,
                _ => Label::Content,
            };
        }
        return;
    };
    // a heading or an image (the article's picture) leads into the prose from `lead_from`
    // on: fewer than `lead_heading_reach` blocks before the first paragraph, images aside
    let reach = page.weights.lead_heading_reach;
    let (mut lead_from, mut between) = (first, 0);
    while lead_from > 0 && between + 1 < reach {
        lead_from -= 1;
        if page.blocks[pre[lead_from].0].kind != BlockKind::Image {
            between += 1;
        }
    }
    // the post's opening and closing lines ("Hello everyone!", "I hope you like it."): the
    // runs of such sentences right before the first paragraph and right after the last,
    // unless precision is asked for
    let (mut opening, mut closing) = (first, last + 1);
    if page.options.favor != Favor::Precision {
        let run = |blocks: &mut dyn Iterator<Item = &(usize, Pre)>, edge: usize| {
            blocks
                .take_while(|&&(j, _)| is_edge_sentence(page, pre[edge].0, j))
                .count()
        };
        opening -= run(&mut pre[..first].iter().rev(), first);
        closing += run(&mut pre[last + 1..].iter(), last);
    }
    let closing = closing.max(quote_closing(page, pre, last));
    // the lines that open a named article body: the run of them right before its first
    // paragraph (images between them aside), unless precision is asked for
    let mut body_from = first;
    if page.options.favor != Favor::Precision {
        while body_from > 0 {
            let (j, p) = pre[body_from - 1];
            let image = page.blocks[j].kind == BlockKind::Image;
            if !(image || (p == Pre::Short && is_body_opening(page, top, pre[first].0, j))) {
                break;
            }
            body_from -= 1;
        }
    }
    let closing_list = closing_list(page, pre, last, closing);
    for (k, &(i, p)) in pre.iter().enumerate() {
        labels[i] = match p {
            Pre::Good => Label::Content,
            Pre::Bad(l) => l,
            Pre::Short => {
                // a definition's term right before the first paragraph leads into it
                // too (an API reference's first signature, `<dt>markupsafe.escape(s, /)</dt>`)
                let lead_heading = (matches!(
                    page.blocks[i].kind,
                    BlockKind::Heading(_) | BlockKind::Image
                ) && (lead_from..first).contains(&k))
                    || (page.blocks[i].kind == BlockKind::Term && k + 1 == first);
                let inside = k > first && k < last;
                let recall_edge =
                    page.options.favor == Favor::Recall && (k + 1 == first || k == last + 1);
                let edge_sentence =
                    (opening..first).contains(&k) || (last + 1..closing).contains(&k);
                let body_opening = (body_from..first).contains(&k);
                if inside
                    || body_opening
                    || lead_heading
                    || recall_edge
                    || edge_sentence
                    || closing_list.contains(&k)
                    || page.weights.short_blocks_are_content
                {
                    Label::Content
                } else {
                    Label::ShortEdge
                }
            }
        };
    }
}
