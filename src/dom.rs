//! Parsing decoded HTML into a tree with html5ever; the tree's types stay private to the crate.

use std::borrow::Cow;

use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::RcDom;

/// Deepest nesting of container tags handed to the parser. html5ever's tree builder scans
/// its stack of open elements for many tags, so a page nested 100,000 deep costs it minutes;
/// tags beyond this depth are dropped before parsing (their text stays). Browsers cap their
/// trees at 512; real pages stay far below this.
pub const PARSE_NESTING_CAP: usize = 4096;

/// A parsed page. The tree behind it is an implementation detail: only [`crate::walk`]
/// looks inside, so the tree can change without touching the public API.
pub(crate) struct Dom {
    pub(crate) rcdom: RcDom,
}

/// Parses `html` into a tree, as a browser would (html5ever's tree builder follows the
/// HTML standard's error recovery).
pub(crate) fn parse(html: &str) -> Dom {
    let html = cap_nesting(html, PARSE_NESTING_CAP);
    let rcdom = parse_document(RcDom::default(), ParseOpts::default()).one(&*html);
    Dom { rcdom }
}

/// Tags that never hold content, or that the parser closes by itself, and so never nest.
fn never_nests(name: &[u8]) -> bool {
    const NAMES: [&[u8]; 33] = [
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"option",
        b"optgroup",
        b"tr",
        b"td",
        b"th",
        b"thead",
        b"tbody",
        b"tfoot",
        b"rp",
        b"rt",
        b"caption",
        b"colgroup",
        b"html",
        b"head",
        b"body",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Elements whose content is raw text: no tags inside until their end tag.
fn raw_text(name: &[u8]) -> bool {
    const NAMES: [&[u8]; 8] = [
        b"script",
        b"style",
        b"textarea",
        b"title",
        b"xmp",
        b"iframe",
        b"noembed",
        b"noframes",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// `html` with container tags nested deeper than `cap` removed (with their end tags); the
/// text between them is kept. Returns the input itself when nothing is that deep. One pass
/// over the bytes, jumping from `<` to `<` with memchr.
pub(crate) fn cap_nesting(html: &str, cap: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut drops: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let start = i + off;
        i = start + 1;
        if b[i..].starts_with(b"!--") {
            i = memchr::memmem::find(&b[i + 3..], b"-->").map_or(b.len(), |p| i + 3 + p + 3);
            continue;
        }
        let end_tag = b.get(i) == Some(&b'/');
        let name_start = if end_tag { i + 1 } else { i };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_len = b[name_start..]
            .iter()
            .position(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
            .unwrap_or(b.len() - name_start);
        let name = &b[name_start..name_start + name_len];
        let j = name_start + name_len;
        let close = memchr::memchr(b'>', &b[j..]).map_or(b.len(), |p| j + p + 1);
        i = close;
        if !end_tag && raw_text(name) {
            // skip to the matching end tag, compared without case
            let mut k = i;
            i = b.len();
            while let Some(p) = memchr::memmem::find(&b[k..], b"</") {
                let at = k + p + 2;
                if b.len() >= at + name.len() && b[at..at + name.len()].eq_ignore_ascii_case(name) {
                    i = k + p;
                    break;
                }
                k = at;
            }
            continue;
        }
        if never_nests(name) {
            continue;
        }
        if end_tag {
            if depth > cap {
                drops.push((start, close));
            }
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > cap {
                drops.push((start, close));
            }
        }
    }
    if drops.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (s, e) in drops {
        out.push_str(&html[at..s]);
        at = e;
    }
    out.push_str(&html[at..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let html = "<div><p>a<div>b</div></p><script>if (a<b) {'<div>'}</script></div>";
        assert!(matches!(cap_nesting(html, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_tags_are_dropped_and_text_kept() {
        let html = format!("{}text{}", "<div>".repeat(10), "</div>".repeat(10));
        let capped = cap_nesting(&html, 3);
        assert_eq!(
            capped,
            format!("{}text{}", "<div>".repeat(3), "</div>".repeat(3))
        );
        // comments and raw text are not read as tags
        let html = "<div><!-- <div><div> --><style><div><div></style><span>x</span></div>";
        assert!(matches!(cap_nesting(html, 2), Cow::Borrowed(_)));
    }
}
