//! gleaner: the main content and metadata of a web page, from its raw bytes.
//!
//! ```
//! let html = b"<html><head><title>Rain due | Weather Daily</title></head><body>
//!   <nav><a href='/'>Home</a> <a href='/news'>News</a></nav>
//!   <article><h1>Rain due</h1>
//!   <p>Heavy rain is expected across the region on Tuesday, the forecasters said.</p>
//!   <p>Residents near rivers were told to prepare, and schools may close early.</p>
//!   </article><footer>Copyright 2024 Weather Daily</footer></body></html>";
//! let doc = gleaner::extract(html).unwrap();
//! assert_eq!(doc.title(), Some("Rain due"));
//! assert!(doc.text().starts_with("Heavy rain"));
//! assert!(!doc.text().contains("Copyright"));
//! ```
#![deny(missing_docs)]
#![deny(unsafe_code)]

mod assemble;
mod block;
mod classify;
mod clock;
mod comments;
mod dates;
mod decode;
mod document;
mod dom;
mod element;
mod error;
#[cfg(feature = "eval")]
pub mod eval;
mod explain;
mod extractor;
mod grid;
mod hints;
mod input;
mod limits;
mod md_escape;
mod metadata;
mod output;
mod page_type;
mod tag;
mod text;
mod urls;
mod walk;
pub mod warc;

pub use block::BlockKind;
pub use classify::{Favor, Weights};
#[cfg(all(target_family = "wasm", target_os = "unknown"))]
pub use clock::set_clock;
pub use document::{Comment, ContentBlock, Document, ListMark, PostMark};
pub use error::Error;
pub use explain::{BlockDecision, Explanation};
pub use extractor::Extractor;
pub use limits::Limits;
pub use metadata::Metadata;
pub use output::{Format, JsonOptions};
pub use page_type::{Evidence, PageType};

/// Stage-by-stage entry points for gleaner's own benchmarks (`benches/`) and tools, with
/// the `internals` feature; not a stable API.
#[cfg(feature = "internals")]
pub mod internals {
    /// The page-type model's features of a page, with their names (for training the
    /// model: `tools/page_type/train.py`).
    pub fn page_type_features(
        html: &[u8],
        url: Option<&str>,
    ) -> (&'static [&'static str], Vec<f32>) {
        let text = decode(html);
        let dom = crate::dom::parse(&text, usize::MAX, None);
        let page = crate::walk::walk(&dom, &crate::Limits::default(), None, false);
        let base = url.and_then(|u| url::Url::parse(u).ok());
        let (meta, extras) = crate::metadata::extract(&page.facts, &page.blocks, base.as_ref());
        crate::page_type::features(&page, &extras.ld_types, meta.url.as_deref())
    }

    /// Runs `f` with the parser's trimming pass off on this thread (the tree builder then
    /// sees the whole page), to check that the pass changes no extraction.
    pub fn without_trimming<T>(f: impl FnOnce() -> T) -> T {
        crate::dom::untrimmed::with(f)
    }

    /// The decoding stage alone: the page's bytes to text.
    pub fn decode(bytes: &[u8]) -> String {
        crate::decode::decode(bytes, None).text.into_owned()
    }

    /// The parse-only baseline: html5ever parses `html` into the tree gleaner uses (in one
    /// piece, with no limits), then one explicit-stack walk touches every text node.
    /// Returns the text bytes seen.
    pub fn parse_only(html: &str) -> usize {
        let dom = crate::dom::parse_whole(html);
        let mut stack = vec![crate::dom::DOCUMENT];
        let mut bytes = 0;
        while let Some(node) = stack.pop() {
            if let Some(t) = dom.text(node) {
                bytes += t.len();
            }
            stack.extend(dom.children_rev(node));
        }
        bytes
    }

    /// gleaner's parse: the trimming pass, gleaner's tokenizer and html5ever's tree builder
    /// into gleaner's tree, each element's facts worked out as it is built. Returns the
    /// number of nodes.
    pub fn parse(html: &str) -> usize {
        crate::dom::parse(html, usize::MAX, None).nodes.len()
    }

    /// gleaner's parse and walk into blocks. Returns the number of blocks.
    pub fn parse_walk(html: &str) -> usize {
        let dom = crate::dom::parse(html, usize::MAX, None);
        crate::walk::walk(&dom, &crate::Limits::default(), None, false)
            .blocks
            .len()
    }

    /// gleaner's work after decoding: parse, walk, metadata and classification. Returns
    /// the number of blocks kept.
    pub fn parse_walk_classify(html: &str) -> usize {
        let dom = crate::dom::parse(html, usize::MAX, None);
        let page = crate::walk::walk(&dom, &crate::Limits::default(), None, false);
        drop(dom);
        let (meta, _) = crate::metadata::extract(&page.facts, &page.blocks, None);
        let v = crate::classify::classify(
            &page.elems,
            &page.blocks,
            &page.bare_links,
            meta.title.as_deref(),
            &crate::classify::Options::default(),
            &crate::Weights::default(),
        );
        v.labels.iter().filter(|l| l.is_content()).count()
    }
}

// An extractor is shared by threads (a batch's workers) and a document sent between
// them: a change that loses either fails to compile here.
const _: () = {
    const fn shared<T: Send + Sync>() {}
    shared::<Extractor>();
    shared::<Document>();
};

/// Extracts the main content and metadata of a page from its raw bytes, with the default
/// options (see [`Extractor`] for the others).
pub fn extract(html: &[u8]) -> Result<Document, Error> {
    Extractor::default().extract(html)
}

/// The README's Rust examples, compiled and run by `cargo test --doc`.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
