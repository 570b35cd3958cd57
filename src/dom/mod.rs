//! Parsing decoded HTML with html5ever into gleaner's own arena tree, under the page's
//! limits, after one pass that leaves out what gleaner never reads (script and style text,
//! runaway nesting).

mod tree;
mod trim;

use std::cell::Cell;
use std::rc::Rc;
use std::time::Instant;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{parse_document, Attribute, ParseOpts, QualName};

use crate::element::ElemFacts;
use tree::Sink;
use trim::trim_drops;
use trim::PARSE_NESTING_CAP;

/// Bytes handed to the parser at a time; the time budget is checked between chunks.
pub const PARSE_CHUNK_BYTES: usize = 64 << 10;
/// A node's index in [`Dom::nodes`].
pub(crate) type NodeId = u32;

/// No node: the end of a sibling list, or no parent.
pub(crate) const NONE: NodeId = u32::MAX;
/// The document node.
pub(crate) const DOCUMENT: NodeId = 0;
/// What a node is.
pub(crate) enum Data {
    /// The document.
    Document,
    /// A doctype, comment or processing instruction: nothing gleaner reads.
    Other,
    /// Text; adjacent text is merged, as the HTML standard says.
    Text(StrTendril),
    /// An element.
    Element {
        /// Its name.
        name: QualName,
        /// Its attributes.
        attrs: Vec<Attribute>,
        /// For `<template>`, the fragment that holds its content.
        template: NodeId,
        /// What its name and attributes say, worked out as it was built (left at the
        /// default by [`parse_whole`], which only the benchmarks' baseline uses).
        facts: ElemFacts,
    },
}

/// One node of the tree, linked to its parent and siblings by index.
pub(crate) struct Node {
    pub(crate) parent: NodeId,
    pub(crate) first_child: NodeId,
    pub(crate) last_child: NodeId,
    pub(crate) prev: NodeId,
    pub(crate) next: NodeId,
    pub(crate) data: Data,
}

impl Node {
    pub(super) fn new(data: Data) -> Self {
        Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            data,
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
    pub(crate) nodes: Vec<Node>,
    /// Set when the page went past a limit and the tree holds only what came before it.
    pub(crate) cut: Option<Cut>,
}

impl Dom {
    /// The node `id`.
    #[inline]
    pub(crate) fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
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
/// HTML standard's error recovery). The input goes to the parser in chunks; once the tree
/// has more than `max_nodes` elements, or `deadline` has passed, the rest is left out and
/// [`Dom::cut`] says why. Memory stays bounded: one chunk makes at most a few thousand
/// nodes past the limit.
pub(crate) fn parse(html: &str, max_nodes: usize, deadline: Option<Instant>) -> Dom {
    let drops = trim_drops(html, PARSE_NESTING_CAP);
    let elements = Rc::new(Cell::new(0));
    // the kept stretches of the page go to the parser in chunks, copied once
    let mut kept = Vec::with_capacity(drops.len() + 1);
    let mut at = 0;
    for &(s, e) in &drops {
        kept.push(&html[at..s]);
        at = e;
    }
    kept.push(&html[at..]);
    let sink = Sink::new(Rc::clone(&elements), node_capacity(&kept, max_nodes), true);
    let mut parser = parse_document(sink, ParseOpts::default());
    let mut cut = None;
    let mut chunk = StrTendril::new();
    'feed: for (n, mut piece) in kept.into_iter().enumerate() {
        let last_piece = n == drops.len();
        while !piece.is_empty() {
            let room = PARSE_CHUNK_BYTES.saturating_sub(chunk.len());
            let mut take = piece.len().min(room.max(1));
            while !piece.is_char_boundary(take) {
                take += 1;
            }
            chunk.push_slice(&piece[..take]);
            piece = &piece[take..];
            let more = !piece.is_empty() || !last_piece;
            if chunk.len() < PARSE_CHUNK_BYTES && more {
                continue;
            }
            parser.process(std::mem::take(&mut chunk));
            if elements.get() > max_nodes {
                cut = Some(Cut::Nodes);
                break 'feed;
            }
            if more && deadline.is_some_and(|d| Instant::now() >= d) {
                cut = Some(Cut::Time);
                break 'feed;
            }
        }
    }
    if !chunk.is_empty() {
        parser.process(chunk);
    }
    let sink = parser.finish();
    if let Some(cache) = sink.hints {
        cache.into_inner().return_to_thread();
    }
    let streamed = sink.streamed.get();
    let mut nodes = sink.nodes.into_inner();
    if streamed {
        tree::move_streamed(&mut nodes);
    }
    Dom { nodes, cut }
}

/// Room for the nodes the parse of `kept` will make, so that the node vector is allocated
/// once rather than doubled (a doubling holds the old and the new vector at once): every
/// element opens with a `<`, and every text node ends at one or at the end, so the count
/// of `<` (plus the few elements the parser adds) bounds the nodes of all but misnested
/// markup. Past the node limit the parse stops.
fn node_capacity(kept: &[&str], max_nodes: usize) -> usize {
    let opens: usize = kept
        .iter()
        .map(|p| p.bytes().filter(|&b| b == b'<').count())
        .sum();
    (opens + IMPLIED_NODES).min(max_nodes.saturating_mul(2).saturating_add(IMPLIED_NODES))
}

/// Nodes a parse adds beyond the markup's tags and text: the document, `<html>`, `<head>`,
/// `<body>`, a `<tbody>` or two, and the sink's fallback element.
const IMPLIED_NODES: usize = 16;

/// `html` parsed in one piece, with no nesting cap and no limits: the benchmarks' baseline.
pub(crate) fn parse_whole(html: &str) -> Dom {
    let sink = Sink::new(Rc::new(Cell::new(0)), html.len() / 40, false);
    let sink = parse_document(sink, ParseOpts::default()).one(html);
    Dom {
        nodes: sink.nodes.into_inner(),
        cut: None,
    }
}
