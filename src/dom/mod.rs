//! Parsing decoded HTML into gleaner's own arena tree (gleaner's tokenizer, html5ever's
//! tree builder), under the page's limits, after one pass that leaves out what gleaner
//! never reads (script and style text, SVG content, unread attributes, runaway nesting);
//! and the text of markup met outside the page's tree.

mod lex;
mod markup;
mod tokenize;
mod tree;
mod trim;
#[cfg(test)]
mod untrim_tests;

pub(crate) use markup::markup_text;

use crate::clock::Instant;
use std::cell::Cell;
use std::rc::Rc;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{parse_document, Attribute, LocalName, ParseOpts};

use crate::element::ElemFacts;
use tokenize::tokenize;
use tree::Sink;
use trim::trim_drops;
use trim::PARSE_NESTING_CAP;

/// Bytes the tokenizer reads between checks of the node limit and the time budget.
pub const PARSE_CHECK_BYTES: usize = 64 << 10;
/// A node's index in [`Dom::nodes`].
pub(crate) type NodeId = u32;

/// No node: the end of a sibling list, or no parent.
pub(crate) const NONE: NodeId = u32::MAX;
/// The document node.
pub(crate) const DOCUMENT: NodeId = 0;
/// What a node is, packed with the index of its record: the kind in the top two bits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct What(u32);

impl What {
    const SHIFT: u32 = 30;
    const INDEX: u32 = (1 << Self::SHIFT) - 1;
    const DOCUMENT: u32 = 0;
    const OTHER: u32 = 1;
    const TEXT: u32 = 2;
    const ELEMENT: u32 = 3;

    /// A document, or a template's fragment.
    pub(super) const fn document() -> Self {
        What(Self::DOCUMENT << Self::SHIFT)
    }

    /// A doctype, comment or processing instruction: nothing gleaner reads.
    pub(super) const fn other() -> Self {
        What(Self::OTHER << Self::SHIFT)
    }

    /// Text, the `i`th of [`Dom::texts`].
    pub(super) fn text(i: usize) -> Self {
        What((Self::TEXT << Self::SHIFT) | Self::index_of(i))
    }

    /// An element, the `i`th of [`Dom::elements`].
    pub(super) fn element(i: usize) -> Self {
        What((Self::ELEMENT << Self::SHIFT) | Self::index_of(i))
    }

    fn index_of(i: usize) -> u32 {
        // the parse stops at MAX_RECORDS, well below the bits' range
        debug_assert!(i <= Self::INDEX as usize);
        (i as u32) & Self::INDEX
    }

    fn kind(self) -> u32 {
        self.0 >> Self::SHIFT
    }

    fn index(self) -> usize {
        (self.0 & Self::INDEX) as usize
    }
}

/// Most elements and comments a parse makes before it stops: text nodes (never two in a
/// row) are about as many at most, and a stretch of input between two checks makes far
/// fewer than the margin left, so no record's index outgrows [`What`]'s bits.
const MAX_RECORDS: usize = (1 << What::SHIFT) - (1 << 20);

/// An element's namespace: the tree builder makes elements in these three only.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Ns {
    /// HTML.
    Html,
    /// SVG.
    Svg,
    /// MathML.
    MathMl,
}

/// An element's record.
pub(crate) struct Element {
    /// Its local name.
    pub(crate) name: LocalName,
    /// What its name and attributes say, worked out as it was built (left at the default
    /// by [`parse_whole`], which only the benchmarks' baseline uses).
    pub(crate) facts: ElemFacts,
    /// Its index in [`Dom::extras`], or [`NONE`] when it keeps no attributes and is no
    /// template.
    extra: u32,
    /// Its namespace.
    pub(crate) ns: Ns,
}

/// What few elements keep beyond their record.
#[derive(Default)]
struct Extra {
    /// The attributes the walk reads (all of them in [`parse_whole`]'s tree).
    attrs: Vec<Attribute>,
    /// For `<template>`, the fragment that holds its content.
    template: Option<NodeId>,
}

/// What a node is, with its record.
pub(crate) enum View<'a> {
    /// The document, or a template's fragment.
    Document,
    /// A doctype, comment or processing instruction.
    Other,
    /// Text; adjacent text is merged, as the HTML standard says.
    Text(&'a StrTendril),
    /// An element, with the attributes it keeps.
    Element(&'a Element, &'a [Attribute]),
}

/// One node of the tree, linked to its parent and siblings by index.
pub(crate) struct Node {
    pub(crate) parent: NodeId,
    pub(crate) first_child: NodeId,
    pub(crate) last_child: NodeId,
    pub(crate) prev: NodeId,
    pub(crate) next: NodeId,
    what: What,
}

impl Node {
    pub(super) fn new(what: What) -> Self {
        Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            what,
        }
    }
}

/// Why a parse stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cut {
    /// More elements than the node limit; the rest were left out.
    Nodes,
    /// The time budget ran out; the rest of the input was not parsed.
    Time,
}

/// A parsed page: every node in one vector, in creation order. Only [`crate::walk`] looks
/// inside, so the tree can change without touching the public API.
pub(crate) struct Dom {
    /// The nodes, linked into the tree; each points to its record in one of the vectors
    /// below.
    pub(crate) nodes: Vec<Node>,
    /// The elements' records.
    elements: Vec<Element>,
    /// The text nodes' text.
    texts: Vec<StrTendril>,
    /// The kept attributes and template fragments of the few elements that have them.
    extras: Vec<Extra>,
    /// Set when the page went past a limit and the tree holds only what came before it.
    pub(crate) cut: Option<Cut>,
    /// The schema.org types the page's microdata names (`itemtype`), each with the number
    /// of elements that name it.
    pub(crate) microdata_types: Vec<(String, u32)>,
}

impl Dom {
    /// An empty tree with room for `nodes` nodes.
    fn with_capacity(nodes: usize) -> Self {
        Dom {
            nodes: Vec::with_capacity(nodes),
            // about half the nodes are elements, half text
            elements: Vec::with_capacity(nodes / 2 + 1),
            texts: Vec::with_capacity(nodes / 2 + 1),
            extras: Vec::new(),
            cut: None,
            microdata_types: Vec::new(),
        }
    }

    /// The node `id`.
    #[inline]
    pub(crate) fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// What node `id` is, with its record.
    #[inline]
    pub(crate) fn view(&self, id: NodeId) -> View<'_> {
        let what = self.node(id).what;
        match what.kind() {
            What::TEXT => View::Text(&self.texts[what.index()]),
            What::ELEMENT => {
                let e = &self.elements[what.index()];
                View::Element(e, self.attrs(e))
            }
            What::DOCUMENT => View::Document,
            _ => View::Other,
        }
    }

    /// The element record of `id`, if it is an element.
    #[inline]
    pub(crate) fn element(&self, id: NodeId) -> Option<&Element> {
        let what = self.node(id).what;
        (what.kind() == What::ELEMENT).then(|| &self.elements[what.index()])
    }

    /// The attributes `e` keeps.
    fn attrs(&self, e: &Element) -> &[Attribute] {
        match e.extra {
            NONE => &[],
            x => &self.extras[x as usize].attrs,
        }
    }

    /// The text of `id`, if it is a text node.
    #[inline]
    pub(crate) fn text(&self, id: NodeId) -> Option<&StrTendril> {
        let what = self.node(id).what;
        (what.kind() == What::TEXT).then(|| &self.texts[what.index()])
    }

    /// The children of `id`, last first.
    pub(crate) fn children_rev(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut at = self.node(id).last_child;
        std::iter::from_fn(move || {
            (at != NONE).then(|| {
                let c = at;
                at = self.node(c).prev;
                c
            })
        })
    }

    /// The children of `id`, in order.
    pub(crate) fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut at = self.node(id).first_child;
        std::iter::from_fn(move || {
            (at != NONE).then(|| {
                let c = at;
                at = self.node(c).next;
                c
            })
        })
    }
}

/// Parses `html` into a tree, as a browser would (html5ever's tree builder follows the
/// HTML standard's error recovery). The limits are checked every [`PARSE_CHECK_BYTES`] of
/// input: once the tree has more than `max_nodes` elements, or `deadline` has passed, the
/// rest is left out and [`Dom::cut`] says why. Memory stays bounded: one stretch makes at
/// most a few thousand nodes past the limit.
pub(crate) fn parse(html: &str, max_nodes: usize, deadline: Option<Instant>) -> Dom {
    #[cfg(any(test, feature = "internals"))]
    let drops = if untrimmed::on() {
        Vec::new()
    } else {
        trim_drops(html, PARSE_NESTING_CAP)
    };
    #[cfg(not(any(test, feature = "internals")))]
    let drops = trim_drops(html, PARSE_NESTING_CAP);
    let elements = Rc::new(Cell::new(0));
    // the kept stretches of the page, which the tokenizer copies once into its buffer
    let mut kept = Vec::with_capacity(drops.len() + 1);
    let mut at = 0;
    for &(s, e) in &drops {
        kept.push(&html[at..s]);
        at = e;
    }
    kept.push(&html[at..]);
    let max_nodes = max_nodes.min(MAX_RECORDS);
    let sink = Sink::new(Rc::clone(&elements), node_capacity(&kept, max_nodes), true);
    let builder = TreeBuilder::new(sink, TreeBuilderOpts::default());
    let mut cut = None;
    tokenize(&kept, &builder, PARSE_CHECK_BYTES, || {
        if elements.get() > max_nodes {
            cut = Some(Cut::Nodes);
        } else if deadline.is_some_and(|d| Instant::now() >= d) {
            cut = Some(Cut::Time);
        }
        cut.is_some()
    });
    if cut.is_none() && elements.get() > max_nodes {
        // past the limit in the page's last stretch
        cut = Some(Cut::Nodes);
    }
    let sink = builder.sink;
    if let Some(cache) = sink.hints {
        cache.into_inner().return_to_thread();
    }
    let streamed = sink.streamed.into_inner();
    let mut dom = sink.dom.into_inner();
    if !streamed.is_empty() {
        tree::move_streamed(&mut dom, &streamed);
    }
    dom.cut = cut;
    dom
}

/// The switch that turns the trimming pass off on this thread, for the tests and the fuzz
/// target that check that it changes no extraction.
#[cfg(any(test, feature = "internals"))]
pub(crate) mod untrimmed {
    use std::cell::Cell;

    thread_local! {
        static OFF: Cell<bool> = const { Cell::new(false) };
    }

    /// Whether the trimming pass is off on this thread.
    pub(crate) fn on() -> bool {
        OFF.with(Cell::get)
    }

    /// Runs `f` with the trimming pass off.
    pub(crate) fn with<T>(f: impl FnOnce() -> T) -> T {
        OFF.with(|o| o.set(true));
        let out = f();
        OFF.with(|o| o.set(false));
        out
    }
}

/// Room for the nodes the parse of `kept` will make, so that the node vector is allocated
/// once rather than doubled (a doubling holds the old and the new vector at once): every
/// element opens with a `<`, and every text node ends at one or at the end, so the count
/// of `<` (plus the few elements the parser adds) bounds the nodes of all but misnested
/// markup. Past the node limit the parse stops.
fn node_capacity(kept: &[&str], max_nodes: usize) -> usize {
    let opens: usize = kept
        .iter()
        .map(|p| p.bytes().map(|b| usize::from(b == b'<')).sum::<usize>())
        .sum();
    (opens + IMPLIED_NODES).min(max_nodes.saturating_mul(2).saturating_add(IMPLIED_NODES))
}

/// Nodes a parse adds beyond the markup's tags and text: the document, `<html>`, `<head>`,
/// `<body>`, a `<tbody>` or two, and the sink's fallback element.
const IMPLIED_NODES: usize = 16;

/// `html` parsed in one piece, with no nesting cap and no limits: the benchmarks' baseline,
/// and the structure metric's view of a page.
#[cfg_attr(not(any(feature = "internals", feature = "eval")), allow(dead_code))]
pub(crate) fn parse_whole(html: &str) -> Dom {
    let sink = Sink::new(Rc::new(Cell::new(0)), html.len() / 40, false);
    parse_document(sink, ParseOpts::default())
        .one(html)
        .dom
        .into_inner()
}
