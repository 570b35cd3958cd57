//! The units the classifier works on: elements of the page and the text blocks inside them.

use crate::hints::Hints;
use crate::tag::Tag;
use crate::text::TextStats;

/// What a block of text is, from the element that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BlockKind {
    /// A paragraph or running text in a generic container.
    Paragraph,
    /// A heading of the given level (1 to 6).
    Heading(u8),
    /// An item of a list.
    ListItem,
    /// A term of a definition list (`<dt>`); its definitions are paragraphs.
    Term,
    /// Preformatted text or code, whitespace kept.
    Code,
    /// A table row, cells separated by tabs.
    TableRow,
    /// A table cell that could not be joined into a row.
    Cell,
    /// A figure or table caption.
    Caption,
    /// An image standing on its own (a figure's, one between paragraphs), when the
    /// options keep images: no text, its Markdown holds it.
    Image,
}

impl BlockKind {
    /// Its name in JSON and reports: `paragraph`, `heading`, `list-item`, `term`, `code`,
    /// `table-row` (a row or a lone cell), `caption` or `image`.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "paragraph",
            BlockKind::Heading(_) => "heading",
            BlockKind::ListItem => "list-item",
            BlockKind::Term => "term",
            BlockKind::Code => "code",
            BlockKind::TableRow | BlockKind::Cell => "table-row",
            BlockKind::Caption => "caption",
            BlockKind::Image => "image",
        }
    }
}

/// The block sits inside a `<blockquote>`.
pub const IN_QUOTE: u8 = 1 << 0;
/// The block sits inside a list.
pub const IN_LIST: u8 = 1 << 1;
/// The block sits inside a table.
pub const IN_TABLE: u8 = 1 << 2;
/// The block sits inside a `<figure>`.
pub const IN_FIGURE: u8 = 1 << 3;
/// A table row one of whose cells holds text outside links (a value beside the linked
/// name of a row of data): a row of data, however many links its other cells hold.
pub const PLAIN_CELL: u8 = 1 << 4;
/// Text that is data, not words for a reader ([`crate::text::is_machine_data`]): a JSON
/// blob, a run of identifiers or PHP's error output, outside a code block or a quotation.
/// Found once, when the block is made.
pub const MACHINE_DATA: u8 = 1 << 5;
/// All the block's link text is in links to places on its own page (`href="#..."`, not a
/// bare `#` or a script's route `#/...`, `#!...`): an article's table of contents, a
/// footnote's back-reference, not a way to other pages.
pub const ANCHOR_LINKS_ONLY: u8 = 1 << 6;

/// One element of the page as the classifier sees it.
#[derive(Debug, Clone)]
pub struct Elem {
    /// Its kind.
    pub tag: Tag,
    /// Index of its parent element (itself for the root).
    pub parent: u32,
    /// Hints from its own tag and attributes.
    pub hints: Hints,
    /// Index of its first block and one past its last block.
    pub blocks: (u32, u32),
    /// One past the index of its last descendant element.
    pub end: u32,
    /// A hash of its class attribute (0 without one): siblings of one shape share it.
    pub sig: u16,
    /// A hash of its class attribute's first word (0 without one): siblings of one kind
    /// share it, whatever their states and variants.
    pub component: u16,
}

impl Elem {
    /// Whether it is a quotation: a `<blockquote>`, or a block named as a documentation
    /// page's admonition ([`crate::hints::CALLOUT`]), which the walk sets apart as one.
    pub fn is_quote(&self) -> bool {
        self.tag == Tag::Blockquote
            || (self.tag.is_block() && self.hints & crate::hints::CALLOUT != 0)
    }
}

/// Element `e` and its ancestors, innermost first, up to and including the walk's root
/// (element 0).
pub fn ancestors(elems: &[Elem], e: u32) -> impl Iterator<Item = u32> + '_ {
    let mut next = Some(e);
    std::iter::from_fn(move || {
        let e = next?;
        let p = elems[e as usize].parent;
        next = (p != e).then_some(p);
        Some(e)
    })
}

/// Prefix sums over the blocks: the sum over an element's blocks is one subtraction.
pub struct Prefix(Vec<f32>);

impl Prefix {
    /// The prefix sums of `values`.
    pub fn of(values: impl Iterator<Item = f32>) -> Self {
        let mut sums = vec![0.0f32];
        let mut at = 0.0f32;
        for v in values {
            at += v;
            sums.push(at);
        }
        Prefix(sums)
    }

    /// The sum over element `e`'s blocks.
    pub fn of_elem(&self, e: &Elem) -> f32 {
        self.0[e.blocks.1 as usize] - self.0[e.blocks.0 as usize]
    }

    /// The sum over block `i` alone.
    pub fn at(&self, i: usize) -> f32 {
        self.0[i + 1] - self.0[i]
    }

    /// The sum over every block.
    pub fn total(&self) -> f32 {
        *self.0.last().unwrap_or(&0.0)
    }
}

/// A group of siblings that repeat one shape (the same tag, names and class), each
/// holding text: the items of a list, a grid, a board.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemGroup {
    /// Their parent element.
    pub parent: u32,
    /// How many there are.
    pub items: u32,
    /// Their text's weighted length.
    pub len: f32,
}

/// Siblings of one shape under one parent, counted: how many, their text's length and
/// their blocks.
#[derive(Clone, Copy)]
struct Tally {
    key: (Tag, Hints, u16),
    items: u32,
    len: f32,
    lines: u32,
}

/// Least blocks an item holds on average for its group to count as items of several lines.
const MULTI_LINE_ITEM_BLOCKS: u32 = 2;
/// The share of the least mean length that items of several lines need.
const MULTI_LINE_ITEM_LEN_FACTOR: f32 = 0.5;

/// What makes siblings items of one group, besides their tag and hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likeness {
    /// The same class attribute.
    Class,
    /// The same first class word: the same component, whatever its states.
    Component,
}

/// The group of repeated siblings that holds the most text, with at least `min_items`
/// members holding `min_item_len` on average, under a parent that `allowed` lets through;
/// `lens` are the blocks' weighted lengths as prefix sums.
pub fn largest_item_group(
    elems: &[Elem],
    lens: &Prefix,
    (min_items, min_item_len): (u32, f32),
    likeness: Likeness,
    allowed: impl Fn(usize) -> bool,
) -> Option<ItemGroup> {
    let mut best: Option<ItemGroup> = None;
    // one tally per child, sorted so that children of one shape are neighbours: a parent
    // of many children of many shapes costs n log n, not n times the shapes
    let mut kids: Vec<Tally> = Vec::new();
    let mut groups: Vec<Tally> = Vec::new();
    for (p, parent) in elems.iter().enumerate() {
        if parent.end <= p as u32 + 1 || !allowed(p) {
            continue;
        }
        kids.clear();
        let mut child = p as u32 + 1;
        while child < parent.end {
            let ch = &elems[child as usize];
            if ch.blocks.0 < ch.blocks.1 {
                let sig = match likeness {
                    Likeness::Class => ch.sig,
                    Likeness::Component => ch.component,
                };
                kids.push(Tally {
                    key: (ch.tag, ch.hints, sig),
                    items: 1,
                    len: lens.of_elem(ch),
                    lines: ch.blocks.1 - ch.blocks.0,
                });
            }
            child = ch.end.max(child + 1);
        }
        if (kids.len() as u32) < min_items {
            continue;
        }
        kids.sort_unstable_by_key(|k| k.key);
        groups.clear();
        for k in &kids {
            match groups.last_mut() {
                Some(g) if g.key == k.key => {
                    g.items += 1;
                    g.len += k.len;
                    g.lines += k.lines;
                }
                _ => groups.push(*k),
            }
        }
        for g in &groups {
            let (n, len) = (g.items, g.len);
            // an item of several lines (a name, a price, a rating) may be shorter than a
            // one-line entry of a menu
            let least = if g.lines >= MULTI_LINE_ITEM_BLOCKS * n {
                min_item_len * MULTI_LINE_ITEM_LEN_FACTOR
            } else {
                min_item_len
            };
            if n >= min_items && len / n as f32 >= least && best.is_none_or(|b| len > b.len) {
                best = Some(ItemGroup {
                    parent: p as u32,
                    items: n,
                    len,
                });
            }
        }
    }
    best
}

/// Where a block sits in a list: how deep, its item, and the item's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct ListMark {
    /// How many lists hold it (1 for an item of a top-level list).
    pub depth: u8,
    /// The item's number in an ordered list; `None` in an unordered one.
    pub number: Option<u32>,
    /// Which item it belongs to: blocks of one item share it.
    #[serde(skip)]
    pub item: u32,
}

/// A run of text in document order with the features used to classify it.
#[derive(Debug, Clone)]
pub struct Block {
    /// The text, whitespace collapsed (kept as is in code), lines separated by `\n`.
    pub text: Box<str>,
    /// Its Markdown and code language, when the options keep them and the block has them.
    pub markup: Option<Box<Markup>>,
    /// Counts over its text.
    pub stats: TextStats,
    /// Index of the innermost block-level element that holds it.
    pub elem: u32,
    /// Non-space characters inside links.
    pub link_chars: u32,
    /// The union of the hints of all its ancestors.
    pub hints: Hints,
    /// Its place in a list: one more than its index in the page's list marks, 0 when it
    /// stands in none.
    pub list: u32,
    /// What it is.
    pub kind: BlockKind,
    /// Context flags (`IN_QUOTE`, `IN_LIST`, ...).
    pub flags: u8,
}

/// What a block may carry beyond its text, kept apart because few blocks have it.
#[derive(Debug, Clone, Default)]
pub struct Markup {
    /// The block as Markdown inline content (links, images), when the options keep them.
    pub md: Option<String>,
    /// The language of a code block, where the page names it (`class="language-rust"`).
    pub lang: Option<Box<str>>,
}

impl Block {
    /// The share of its characters that sit inside links.
    pub fn link_density(&self) -> f32 {
        if self.stats.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.stats.chars as f32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_split_into_blocks_and_inline() {
        assert_eq!(Tag::from_name(&"h3".into()), Tag::H(3));
        assert_eq!(Tag::from_name(&"menu".into()), Tag::Ul);
        assert!(Tag::from_name(&"section".into()).is_block());
        assert!(Tag::from_name(&"tbody".into()).is_block());
        assert!(!Tag::from_name(&"span".into()).is_block());
        assert!(!Tag::from_name(&"a".into()).is_block());
        assert!(!Tag::from_name(&"my-widget".into()).is_block());
    }

    #[test]
    fn link_density_is_a_share_of_characters() {
        let mut b = Block {
            list: 0,
            markup: None,
            text: "read this".into(),
            kind: BlockKind::Paragraph,
            flags: 0,
            elem: 0,
            stats: TextStats::of("read this"),
            link_chars: 4,
            hints: 0,
        };
        assert!((b.link_density() - 0.5).abs() < 1e-6);
        b.stats = TextStats::default();
        assert_eq!(b.link_density(), 0.0);
    }

    /// How many items the largest group of `html` holds, at least `min_items` of 25
    /// characters on average, siblings alike by `likeness`.
    fn items_in(html: &str, min_items: u32, likeness: Likeness) -> Option<u32> {
        let page = crate::walk::walk(
            &crate::dom::parse(html, usize::MAX, None),
            &crate::limits::Limits::default(),
            None,
            false,
        );
        let lens = Prefix::of(page.blocks.iter().map(|b| b.stats.weighted_len()));
        largest_item_group(&page.elems, &lens, (min_items, 25.0), likeness, |_| true)
            .map(|g| g.items)
    }

    #[test]
    fn items_of_several_short_lines_are_a_group_and_one_line_entries_are_not() {
        // a name and a price: 16 characters an item, in two lines
        let cards: String = (0..4)
            .map(|i| format!("<div class=card><h3>Roast no. {i}</h3><p>$19.99</p></div>"))
            .collect();
        let cards = format!("<body><div>{cards}</div></body>");
        assert_eq!(items_in(&cards, 3, Likeness::Class), Some(4));
        // a menu's one-line entries of the same length
        let menu: String = (0..4)
            .map(|i| format!("<div class=entry><p>Roast no. {i} $19.99</p></div>"))
            .collect();
        let menu = format!("<body><div>{menu}</div></body>");
        assert_eq!(items_in(&menu, 3, Likeness::Class), None);
    }

    #[test]
    fn items_of_one_component_group_whatever_their_states() {
        let posts: String = (0..4)
            .map(|i| format!("<div class=\"post bg{}\"><p>A reply of some length, number {i}, with its words.</p></div>", i % 2 + 1))
            .collect();
        let posts = format!("<body><div>{posts}</div></body>");
        assert_eq!(items_in(&posts, 4, Likeness::Component), Some(4));
        assert_eq!(items_in(&posts, 4, Likeness::Class), None);
    }
}
