//! Parsing decoded HTML into a tree with html5ever; the tree's types stay private to the crate.

use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::RcDom;

/// A parsed page. The tree behind it is an implementation detail: only [`crate::walk`]
/// looks inside, so the tree can change without touching the public API.
pub(crate) struct Dom {
    pub(crate) rcdom: RcDom,
}

/// Parses `html` into a tree, as a browser would (html5ever's tree builder follows the
/// HTML standard's error recovery).
pub(crate) fn parse(html: &str) -> Dom {
    let rcdom = parse_document(RcDom::default(), ParseOpts::default()).one(html);
    Dom { rcdom }
}
