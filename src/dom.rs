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
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"optgroup"
            | b"tr"
            | b"td"
            | b"th"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"rp"
            | b"rt"
            | b"caption"
            | b"colgroup"
            | b"html"
            | b"head"
            | b"body"
    )
}

/// Elements whose content is raw text: no tags inside until their end tag.
fn raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
    )
}

/// `html` with container tags nested deeper than `cap` removed (with their end tags); the
/// text between them is kept. Returns the input itself when nothing is that deep.
pub(crate) fn cap_nesting(html: &str, cap: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut drops: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    let mut name = Vec::with_capacity(16);
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let start = i + off;
        i = start + 1;
        if b[i..].starts_with(b"!--") {
            i = match find(b, i + 3, b"-->") {
                Some(p) => p + 3,
                None => b.len(),
            };
            continue;
        }
        let end_tag = b.get(i) == Some(&b'/');
        let name_start = if end_tag { i + 1 } else { i };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        name.clear();
        let mut j = name_start;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            name.push(b[j].to_ascii_lowercase());
            j += 1;
        }
        let close = match memchr_gt(b, j) {
            Some(p) => p + 1,
            None => b.len(),
        };
        i = close;
        if !end_tag && raw_text(&name) {
            let mut end = Vec::with_capacity(name.len() + 2);
            end.extend_from_slice(b"</");
            end.extend_from_slice(&name);
            i = find_ci(b, i, &end).unwrap_or(b.len());
            continue;
        }
        if never_nests(&name) {
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

fn memchr_gt(b: &[u8], from: usize) -> Option<usize> {
    b[from..].iter().position(|&c| c == b'>').map(|p| from + p)
}

fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| from + p)
}

fn find_ci(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w.eq_ignore_ascii_case(pat))
        .map(|p| from + p)
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
