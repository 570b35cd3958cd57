//! The pass over the markup before parsing: it finds what the parser would spend time on
//! and gleaner never reads (script and style text, SVG and MathML content, runaway
//! nesting, attributes it does not read or past a cap), reading tags and raw text as
//! html5ever's tokenizer does.

use super::lex::{
    comment_end, end_tag_at, find_byte, is_html_space, raw_text_end, script_end, start_tag_end,
};
use crate::element::attr_read;

/// Deepest nesting of container tags handed to the parser. html5ever's tree builder scans
/// its stack of open elements for most tags, so each tag costs it time in proportion to the
/// depth: a page nested 100,000 deep took minutes, and a page of a million `<li>` at a
/// depth of 4,096 half a minute. Past this depth, tags are dropped before parsing unless
/// they close a kept one (their text stays). Browsers cap their trees at 512 too; real
/// pages stay far below it.
pub const PARSE_NESTING_CAP: usize = 512;

/// Scans of the tree builder's stack a page may cost, per byte of it: the depth of the
/// stack summed over the tags it gets. The 2,798 corpus pages cost at most 0.64 per byte
/// (most tags are shallow; text and scripts weigh in bytes); a page of `<li>` under 511
/// `<div>` costs 100.
const SCAN_WORK_PER_BYTE: usize = 8;
/// Scans any page may cost, whatever its size (the corpus pages: at most 260,000).
const SCAN_WORK_FLOOR: usize = 1 << 22;
/// The nesting cap for the rest of a page once it has cost its scans: tags deeper go
/// (their text stays), unless they close a kept one. Deeper than the structure of nearly
/// every real page, and each tag then costs at most this much.
const SPENT_CAP: usize = 64;

/// Most attributes read on one tag; html5ever's duplicate check is quadratic in them.
pub const MAX_TAG_ATTRS: usize = 1024;

/// The tag name's bytes in lower case, in a small buffer; `None` when longer than any
/// name the nesting cap treats apart.
fn lower_name(name: &[u8]) -> Option<([u8; 16], usize)> {
    let mut buf = [0u8; 16];
    if name.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    Some((buf, name.len()))
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
            // raw text to the parser, which runs with scripting on, as browsers do
            | b"noscript"
            // text to the end of the page
            | b"plaintext"
    )
}

/// Raw-text elements whose text the walk never reads (see [`crate::element::ElemFacts`]).
fn unread_text(name: &[u8]) -> bool {
    matches!(name, b"script" | b"style")
}

/// Whether a tag inside SVG or MathML makes the parser leave foreign content for HTML.
fn leaves_foreign(name: &[u8], end_tag: bool) -> bool {
    if end_tag {
        return matches!(name, b"br" | b"p");
    }
    matches!(
        name,
        b"b" | b"big"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"center"
            | b"code"
            | b"dd"
            | b"div"
            | b"dl"
            | b"dt"
            | b"em"
            | b"embed"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"head"
            | b"hr"
            | b"i"
            | b"img"
            | b"li"
            | b"listing"
            | b"menu"
            | b"meta"
            | b"nobr"
            | b"ol"
            | b"p"
            | b"pre"
            | b"ruby"
            | b"s"
            | b"small"
            | b"span"
            | b"strong"
            | b"strike"
            | b"sub"
            | b"sup"
            | b"table"
            | b"tt"
            | b"u"
            | b"ul"
            | b"var"
    )
}

/// Whether a tag inside SVG or MathML is an integration point, inside which the parser
/// reads tags as HTML: `<foreignObject>`, `<desc>`, `<title>`, `<annotation-xml>` and
/// MathML's text elements.
fn integration_point(name: &[u8]) -> bool {
    matches!(
        name,
        b"foreignobject"
            | b"desc"
            | b"title"
            | b"annotation-xml"
            | b"mi"
            | b"mo"
            | b"mn"
            | b"ms"
            | b"mtext"
    )
}

/// Whether `hay` holds `needle` (lower case), in any case.
fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Where the end tag of the SVG or MathML element `name` whose start tag ends at `from`
/// begins, when what lies between is foreign content the parser keeps inside it (which
/// gleaner never reads) and this scan follows it: tags of foreign elements, comments, and
/// text. `None` at anything that could leave foreign content or that the scan does not
/// follow: HTML tags, `<font>`, nested `<svg>` or `<math>`, integration points holding
/// tags, scripts, CDATA, a `<` that opens no tag, and an end tag that closes no element
/// opened inside (the tree builder hands it to the HTML element around, which it may close).
fn foreign_content_end(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    // the names of the elements opened inside and not closed yet
    let mut open: Vec<&[u8]> = Vec::new();
    let mut k = from;
    loop {
        let lt = k + find_byte(b'<', &b[k..])?;
        if end_tag_at(b, lt, name) {
            return Some(lt);
        }
        if b[lt + 1..].starts_with(b"!--") {
            k = comment_end(b, lt + 4);
            continue;
        }
        let end_tag = b.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(end_tag);
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let name_len = b[name_start..]
            .iter()
            .position(|&c| is_html_space(c) || c == b'>' || c == b'/')
            .unwrap_or(b.len() - name_start);
        let tag = &b[name_start..name_start + name_len];
        // every name below is shorter than 16 bytes: longer ones are foreign elements
        if let Some((buf, n)) = lower_name(tag) {
            let lname = &buf[..n];
            if leaves_foreign(lname, end_tag)
                || matches!(lname, b"font" | b"svg" | b"math" | b"script" | b"style")
            {
                return None;
            }
        }
        k = start_tag_end(b, name_start + name_len, |_, _, _| {})?;
        if end_tag {
            // it closes the innermost element of its name opened inside, and all above
            let at = open.iter().rposition(|o| o.eq_ignore_ascii_case(tag))?;
            open.truncate(at);
        } else {
            if lower_name(tag).is_some_and(|(buf, n)| integration_point(&buf[..n]))
                && !holds_only_text(b, k, tag)
            {
                return None;
            }
            if b[k - 2] != b'/' {
                open.push(tag);
            }
        }
    }
}

/// Whether the element `name` whose start tag ends at `from` holds only text up to its
/// end tag (looked at up to the first `<` only, so that no page can make it search far).
fn holds_only_text(b: &[u8], from: usize, name: &[u8]) -> bool {
    match find_byte(b'<', &b[from..]) {
        Some(p) => end_tag_at(b, from + p, name),
        None => true,
    }
}

/// How far down its stack of open tags [`trim_drops`] looks for the start tag an end tag
/// closes; an end tag that matches none of these is ignored, as the parser ignores a stray
/// end tag.
const END_TAG_SEARCH: usize = 32;

/// Elements that an end tag of another, ordinary element does not close: the parser
/// ignores `</span>` when a `<div>` opened after the `<span>` is still open.
fn is_special(name: &[u8]) -> bool {
    matches!(
        name,
        b"div"
            | b"section"
            | b"article"
            | b"aside"
            | b"nav"
            | b"header"
            | b"footer"
            | b"main"
            | b"blockquote"
            | b"table"
            | b"ul"
            | b"ol"
            | b"dl"
            | b"form"
            | b"fieldset"
            | b"figure"
            | b"figcaption"
            | b"details"
            | b"summary"
            | b"center"
            | b"address"
            | b"menu"
            | b"dir"
            | b"hgroup"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"pre"
            | b"listing"
            | b"button"
            | b"select"
            | b"object"
            | b"applet"
            | b"marquee"
            | b"frameset"
            | b"search"
            | b"template"
    )
}

/// Whether `name` opens foreign content, where `<tag/>` closes itself.
fn is_foreign_root(name: &[u8]) -> bool {
    matches!(name, b"svg" | b"math")
}

/// Where, in a tag's bytes after its name, the attribute after the `max`th starts, if
/// there is one; attributes are counted as runs of bytes after whitespace, outside quotes.
fn attrs_past(tag: &[u8], max: usize) -> Option<usize> {
    let (mut count, mut quote, mut after_space) = (0usize, None, true);
    for (k, &c) in tag.iter().enumerate() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        if c == b'"' || c == b'\'' {
            quote = Some(c);
            after_space = false;
        } else if c.is_ascii_whitespace() {
            after_space = true;
        } else if after_space {
            after_space = false;
            count += 1;
            if count > max {
                return Some(k);
            }
        }
    }
    None
}

/// `html` without what [`trim_drops`] finds.
#[cfg(test)]
pub(crate) fn trim_markup(html: &str, cap: usize) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let drops = trim_drops(html, cap);
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

/// The byte ranges of `html` (in order, apart) that the parser would spend time on and
/// gleaner never reads, left out so that the parse costs less and cannot be made to take
/// minutes:
/// - past `cap` open container tags, every tag that closes no kept one: container tags
///   with their end tags, tags that never nest (`<li>`, `<p>`), stray end tags (the text
///   between them is kept); once the page has cost the tree builder its budget of scans
///   ([`SCAN_WORK_PER_BYTE`]), past [`SPENT_CAP`];
/// - attributes past the [`MAX_TAG_ATTRS`]th of a tag;
/// - attributes of HTML start tags that neither gleaner nor the tree builder reads
///   ([`attr_read`]): `data-*`, `srcset`, event handlers ...;
/// - the text of scripts and styles (about half the bytes of a news page), except JSON-LD;
/// - the content of SVG and MathML elements, where nothing in it can leave for HTML.
///
/// One pass over the bytes, jumping from `<` to `<` with memchr, keeping a stack of the
/// open tags as the parser would (an end tag closes the tags opened after its own, unless
/// it is an ordinary tag's and a special one is in between; stray end tags change
/// nothing), so that no arrangement of end tags hides depth from the cap; raw text ends
/// where the tokenizer ends it.
pub(super) fn trim_drops(html: &str, cap: usize) -> Vec<(usize, usize)> {
    /// An open tag: where its name is, and whether it was dropped.
    struct Open {
        name: (usize, usize),
        dropped: bool,
        special: bool,
        foreign_root: bool,
    }
    let b = html.as_bytes();
    let mut open: Vec<Open> = Vec::new();
    let mut foreign = 0usize;
    let mut drops: Vec<(usize, usize)> = Vec::new();
    // where the dropped contents of SVG and MathML start, and whether a <frameset> came
    let mut foreign_drops: Vec<usize> = Vec::new();
    let mut frameset = false;
    let mut i = 0;
    // whether this scan still reads the page as the tokenizer does, so that what it takes
    // for a script is one: lost for good on constructs it does not follow (content that
    // leaves SVG or MathML for HTML, frames, scripts holding `<!--`); the nesting cap
    // does not need it
    let mut in_step = true;
    // the tree builder's scans of its stack of open elements so far, as the depth at each
    // tag it gets, and how much of them the page's size allows
    let mut scan_work = 0usize;
    let scan_budget = SCAN_WORK_PER_BYTE
        .saturating_mul(html.len())
        .saturating_add(SCAN_WORK_FLOOR);
    while let Some(off) = find_byte(b'<', &b[i..]) {
        let start = i + off;
        i = start + 1;
        let next = b.get(i).copied();
        if b[i..].starts_with(b"!--") {
            i = comment_end(b, i + 3);
            continue;
        }
        if matches!(next, Some(b'!' | b'?')) {
            // a doctype, or a bogus comment (CDATA too, outside foreign content): to `>`
            if foreign > 0 && b[i..].starts_with(b"![CDATA[") {
                in_step = false;
            }
            i = memchr::memchr(b'>', &b[i..]).map_or(b.len(), |p| i + p + 1);
            continue;
        }
        let end_tag = next == Some(b'/');
        let name_start = if end_tag { i + 1 } else { i };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if end_tag && b.get(name_start).is_some_and(|&c| c != b'>') {
                // `</` and no letter: a bogus comment, to `>`
                i = memchr::memchr(b'>', &b[i..]).map_or(b.len(), |p| i + p + 1);
            }
            continue;
        }
        let name_len = b[name_start..]
            .iter()
            .position(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
            .unwrap_or(b.len() - name_start);
        let name = &b[name_start..name_start + name_len];
        // in lower case for the tables of tag names (none is longer than 16 bytes)
        let lower = if name.iter().any(u8::is_ascii_uppercase) {
            lower_name(name)
        } else {
            None
        };
        let lname: &[u8] = match &lower {
            Some((buf, n)) => &buf[..*n],
            None if name.len() <= 16 => name,
            None => b"",
        };
        let j = name_start + name_len;
        // attributes gleaner never reads go from HTML start tags (as far as this scan
        // follows the tokenizer): their names and values cost the parser more than text
        let drop_attrs = !end_tag && foreign == 0 && in_step && !is_foreign_root(lname);
        let before_attrs = drops.len();
        // where the tokenizer ends the tag: a `>` in a quoted value does not
        let close = start_tag_end(b, j, |name_start, name_end, end| {
            if drop_attrs && !attr_read(&b[name_start..name_end]) {
                drops.push((name_start, end));
            }
        })
        .unwrap_or(b.len());
        i = close;
        if foreign > 0 && (leaves_foreign(lname, end_tag) || lname == b"font") {
            in_step = false;
        }
        if in_step
            && foreign > 0
            && !end_tag
            && integration_point(lname)
            && !holds_only_text(b, close, name)
        {
            // tags inside an SVG <title> (say) are HTML's; mere text (an icon's name) is
            // the common case, and changes nothing
            in_step = false;
        }
        if lname == b"frameset" {
            in_step = false;
            frameset = true;
        }
        // html5ever checks each attribute against all before it: a tag with a hundred
        // thousand takes minutes, so attributes past MAX_TAG_ATTRS go (the tag stays)
        if !end_tag && close - j > 2 * MAX_TAG_ATTRS {
            if let Some(cut) = attrs_past(&b[j..close], MAX_TAG_ATTRS) {
                let end = if b[close - 1] == b'>' {
                    close - 1
                } else {
                    close
                };
                // the cut takes the place of the tag's own attribute drops
                drops.truncate(before_attrs);
                drops.push((j + cut, end));
            }
        }
        if !end_tag && foreign == 0 && raw_text(lname) {
            // skip to the end tag that ends it, where the tokenizer would
            let script = lname == b"script";
            let end = if lname == b"plaintext" {
                None
            } else if script {
                script_end(b, close)
            } else {
                raw_text_end(b, close, name)
            };
            i = end.unwrap_or(b.len());
            let Some(end) = end else {
                continue;
            };
            let body = &b[close..end];
            // the parser would read every byte of a script or style into text that
            // gleaner never reads: it only sees the tags. Kept: scripts whose tag says
            // JSON (JSON-LD) or holds a character reference (which could spell it).
            let tag = &b[j..close];
            if in_step
                && unread_text(lname)
                && !body.is_empty()
                && !(script
                    && (tag.contains(&b'&')
                        || contains_ignore_case(tag, b"json")
                        || contains_ignore_case(tag, b"math/tex")))
            {
                drops.push((close, end));
            }
            continue;
        }
        // the tree builder scans its stack of open elements for most tags (an `<li>` for a
        // `<p>` to close, a stray `</ul>` for its `<ul>`), a cost that grows with the depth:
        // past the cap, every tag that closes nothing the cap kept goes, and a page that has
        // cost its budget of scans keeps fewer levels from here on
        let cap_here = if scan_work > scan_budget {
            cap.min(SPENT_CAP)
        } else {
            cap
        };
        let past_cap = foreign == 0 && open.len() >= cap_here;
        if !past_cap {
            scan_work += open.len();
        }
        if foreign == 0 && never_nests(lname) {
            if past_cap {
                drops.truncate(before_attrs);
                drops.push((start, close));
            }
            continue;
        }
        if end_tag {
            let found = open
                .iter()
                .rev()
                .take(END_TAG_SEARCH)
                .position(|o| b[o.name.0..o.name.0 + o.name.1].eq_ignore_ascii_case(name));
            let Some(from_top) = found else {
                if past_cap {
                    drops.push((start, close));
                }
                continue;
            };
            let k = open.len() - 1 - from_top;
            if !is_special(lname) && open[k + 1..].iter().any(|o| o.special) {
                continue;
            }
            if open[k].dropped {
                drops.push((start, close));
            }
            for o in open.drain(k..) {
                if o.foreign_root {
                    foreign -= 1;
                    // only `</svg>` and `</math>` surely close foreign content: the parser
                    // may ignore other end tags there
                    if !is_foreign_root(lname) {
                        in_step = false;
                    }
                }
            }
        } else {
            let self_closing = close >= 2 && b[close - 2] == b'/';
            if (foreign > 0 || is_foreign_root(lname)) && self_closing {
                continue;
            }
            let dropped = open.len() >= cap_here;
            if dropped {
                // the whole tag goes, its trimmed attributes with it
                drops.truncate(before_attrs);
                drops.push((start, close));
            }
            let foreign_root = is_foreign_root(lname);
            if foreign_root {
                foreign += 1;
            }
            open.push(Open {
                name: (name_start, name_len),
                dropped,
                special: is_special(lname),
                foreign_root,
            });
            if foreign_root && foreign == 1 && in_step && !dropped && lname == b"svg" {
                // an icon's paths and shapes: the walk skips SVG whole (MathML stays: a
                // formula's TeX and text are read)
                if let Some(end) = foreign_content_end(b, close, name) {
                    if end > close {
                        drops.push((close, end));
                        foreign_drops.push(close);
                    }
                    i = end;
                }
            }
        }
    }
    if frameset && !foreign_drops.is_empty() {
        // text inside SVG says the page is no frameset (the tree builder's "frameset-ok"):
        // with a <frameset> after it, the content stays
        drops.retain(|(s, _)| foreign_drops.binary_search(s).is_err());
    }
    drops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{parse, parse_whole, View, DOCUMENT};
    use std::borrow::Cow;

    #[test]
    fn attributes_past_the_cap_are_cut_and_the_tag_kept() {
        assert_eq!(attrs_past(b" a=1 b='x y' c", 2), Some(13));
        assert_eq!(attrs_past(b" a=1 b=\"x y z\"", 2), None);
        let attrs: Vec<String> = (0..MAX_TAG_ATTRS + 10).map(|i| format!("a{i}=1")).collect();
        let html = format!("<a {}>text</a>", attrs.join(" "));
        let capped = trim_markup(&html, PARSE_NESTING_CAP);
        let kept = attrs[..MAX_TAG_ATTRS].join(" ");
        assert_eq!(capped, format!("<a {kept} >text</a>"));
        let dom = parse(&html, usize::MAX, None);
        let n = (0..dom.nodes.len() as u32)
            .find_map(|n| match dom.view(n) {
                View::Element(e, attrs) if &*e.name == "a" => Some(attrs.len()),
                _ => None,
            })
            .unwrap();
        assert_eq!(n, MAX_TAG_ATTRS);
    }

    #[test]
    fn attributes_whose_values_hold_a_gt_sign_are_counted_too() {
        // the tag ends where the tokenizer ends it, not at the first `>`
        let attrs: Vec<String> = (0..MAX_TAG_ATTRS + 10)
            .map(|i| format!("a{i}=\">\""))
            .collect();
        let html = format!("<a {}>text</a>", attrs.join(" "));
        let kept = attrs[..MAX_TAG_ATTRS].join(" ");
        assert_eq!(
            trim_markup(&html, PARSE_NESTING_CAP),
            format!("<a {kept} >text</a>")
        );
    }

    #[test]
    fn finds_bytes_as_memchr_does() {
        for len in 0..150 {
            let mut hay = vec![b'a'; len];
            assert_eq!(find_byte(b'<', &hay), None);
            for at in 0..len {
                hay[at] = b'<';
                if at + 3 < len {
                    hay[at + 3] = b'<';
                }
                assert_eq!(find_byte(b'<', &hay), Some(at), "{len} {at}");
                hay.fill(b'a');
            }
        }
        // bytes just above and below the one sought are no match
        assert_eq!(find_byte(b'<', b";=;=;=;=;=;=;=;=<"), Some(16));
    }

    #[test]
    fn shallow_pages_are_untouched() {
        let html = "<div><p>a<div>b</div></p><script type=ld+json>{'<div>'}</script></div>";
        assert!(matches!(trim_markup(html, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_tags_are_dropped_and_text_kept() {
        let html = format!("{}text{}", "<div>".repeat(10), "</div>".repeat(10));
        let capped = trim_markup(&html, 3);
        assert_eq!(
            capped,
            format!("{}text{}", "<div>".repeat(3), "</div>".repeat(3))
        );
        // comments and raw text are not read as tags
        let html = "<div><!-- <div><div> --><title><div><div></title><span>x</span></div>";
        assert!(matches!(trim_markup(html, 2), Cow::Borrowed(_)));
        let html = "<div><style><div><div></style><span>x</span></div>";
        assert_eq!(
            trim_markup(html, 2),
            "<div><style></style><span>x</span></div>"
        );
    }

    /// Each page trims to the markup beside it.
    fn assert_trims_to(cases: &[(&str, &str)]) {
        for &(html, want) in cases {
            assert_eq!(trim_markup(html, PARSE_NESTING_CAP), want, "{html}");
        }
    }

    #[test]
    fn attributes_gleaner_does_not_read_go_from_html_start_tags() {
        let cases = [
            (
                "<div data-x=\"a>b\" class=c onclick='d' hidden>x</div data-y=1>",
                "<div  class=c  hidden>x</div data-y=1>",
            ),
            (
                "<img DATA-SRC=a srcset=\"b 1x\" sizes = c alt=d/>",
                "<img DATA-SRC=a   alt=d/>",
            ),
            ("<p class=\"a\"data-x=\"b\"id=c>", "<p class=\"a\"id=c>"),
            // foreign content keeps its attributes
            (
                "<svg viewBox=\"0 0 1 1\" data-x>",
                "<svg viewBox=\"0 0 1 1\" data-x>",
            ),
        ];
        assert_trims_to(&cases);
    }

    #[test]
    fn svg_and_mathml_content_goes_unless_it_could_leave_for_html() {
        let cases = [
            (
                "<svg class=i><title>Close</title><path d='M0 0'/><!-- </svg> --></svg><p>x",
                "<svg class=i></svg><p>x",
            ),
            ("<math><mi>x</mi></MATH >y", "<math><mi>x</mi></MATH >y"),
            // content that leaves for HTML, or that the scan does not follow, stays
            ("<svg><p>x</p></svg>", "<svg><p>x</p></svg>"),
            (
                "<svg><g><font color=red>x</font></g></svg>",
                "<svg><g><font color=red>x</font></g></svg>",
            ),
            (
                "<svg><desc><b>x</b></desc></svg>",
                "<svg><desc><b>x</b></desc></svg>",
            ),
            ("<svg><svg></svg>x</svg>", "<svg><svg></svg>x</svg>"),
            ("<svg><![CDATA[x]]></svg>", "<svg><![CDATA[x]]></svg>"),
            ("<svg><path/>", "<svg><path/>"),
            // an end tag that closes nothing opened inside goes to the HTML around it
            (
                "<div><svg><g></div>words</svg>",
                "<div><svg><g></div>words</svg>",
            ),
            ("<svg><g></a>x</svg>", "<svg><g></a>x</svg>"),
            ("<svg><g><path></g></svg>", "<svg></svg>"),
            // text in SVG keeps a later <frameset> from replacing the body
            ("<svg>x</svg><frameset>", "<svg>x</svg><frameset>"),
        ];
        assert_trims_to(&cases);
    }

    #[test]
    fn script_and_style_text_goes_where_the_tokenizer_would_end_it() {
        let cases = [
            // the text goes, the tags stay
            (
                "<script>if (a<b) {'<div>'}</script><p>x",
                "<script></script><p>x",
            ),
            (
                "<STYLE type=x>p>a{}</style ><p>x",
                "<STYLE type=x></style ><p>x",
            ),
            // a `>` inside a quoted value does not end the tag
            (
                "<script class=\"a>b\" src = 'c>d'>x()</script>",
                "<script class=\"a>b\" src = 'c>d'></script>",
            ),
            // `</scripts` is no end tag
            ("<script>a</scripts>b</script>", "<script></script>"),
            // no end tag: the rest is the script's, and stays
            ("<script>a<p>b", "<script>a<p>b"),
            // JSON-LD stays (even spelled with character references)
            (
                "<script type=application/ld+json>{}</script>",
                "<script type=application/ld+json>{}</script>",
            ),
            (
                "<script type=\"application&#x2F;ld&#x2B;json\">{}</script>",
                "<script type=\"application&#x2F;ld&#x2B;json\">{}</script>",
            ),
            // escaped text ends where the tokenizer's escaped states end it
            (
                "<script><!--<script>a</script>b--></script>",
                "<script></script>",
            ),
            // inside SVG, a script is no raw text
            (
                "<svg><script>a<b>c</b></script></svg>",
                "<svg><script>a<b>c</b></script></svg>",
            ),
        ];
        assert_trims_to(&cases);
        for (script, end) in [
            ("<script>a</script>", Some(9)),
            ("<script><!--a</script>", Some(13)),
            ("<script><!--<script>a</script>b</script>", Some(31)),
            ("<script><!--<script>a--></script>", Some(24)),
            ("<script><!--<scripts></script>", Some(21)),
            ("<script><!--><script></script>", Some(21)),
            ("<script><!--<script></script>", None),
        ] {
            assert_eq!(script_end(script.as_bytes(), 8), end, "{script}");
        }
        assert_eq!(start_tag_end(b"<a b=\"c>\"d>", 2, |_, _, _| {}), Some(11));
        assert_eq!(start_tag_end(b"<a b =c>d>", 2, |_, _, _| {}), Some(8));
        assert_eq!(start_tag_end(b"<a b='>", 2, |_, _, _| {}), None);
    }

    /// The depth the parser builds for `html`.
    fn parsed_depth(html: &str) -> usize {
        let dom = parse_whole(html);
        let mut deepest = 0;
        let mut stack = vec![(DOCUMENT, 0usize)];
        while let Some((n, d)) = stack.pop() {
            deepest = deepest.max(d);
            stack.extend(dom.children(n).map(|c| (c, d + 1)));
        }
        deepest
    }

    #[test]
    fn no_arrangement_of_end_tags_hides_depth() {
        for html in [
            "<div></x>".repeat(300),
            "<span><div></span>".repeat(300),
            format!("<!-->{}", "<div>".repeat(300)),
            format!("<!--->{}", "<div>".repeat(300)),
            format!("<!-- a --!>{}", "<div>".repeat(300)),
            format!("<noscript></div></div></noscript>{}", "<div>".repeat(300)),
        ] {
            let capped = trim_markup(&html, 50);
            let depth = parsed_depth(&capped);
            assert!(depth <= 50 + 8, "{depth} for {}", &html[..40]);
        }
    }

    #[test]
    fn past_the_cap_only_tags_that_close_kept_ones_stay() {
        // a list nested past the cap: its items go with their lists (an `<li>` never
        // nests, but each `<ul>` holds one; the last kept `<ul>` is at the cap), their
        // text stays
        let html = "<ul><li>x".repeat(200);
        let capped = trim_markup(&html, 50);
        assert_eq!(capped.matches("<ul>").count(), 50);
        assert_eq!(capped.matches("<li>").count(), 49);
        assert_eq!(capped.matches('x').count(), 200);
        assert!(parsed_depth(&capped) <= 2 * 50 + 8);
        // stray end tags past the cap go; those that close kept tags stay
        let html = format!(
            "{}{}{}",
            "<div>".repeat(60),
            "</ul></p></li>y".repeat(10),
            "</div>".repeat(60)
        );
        let capped = trim_markup(&html, 50);
        assert_eq!(
            capped,
            format!(
                "{}{}{}",
                "<div>".repeat(50),
                "y".repeat(10),
                "</div>".repeat(50)
            )
        );
    }

    #[test]
    fn a_page_past_its_scans_keeps_fewer_levels() {
        // each `<li>` under 300 kept `<div>` costs the tree builder a scan 300 deep; once
        // the page has cost its budget, the cap falls to SPENT_CAP and the items go
        let n = 20_000;
        let html = format!("{}{}", "<div>".repeat(300), "<li>x ".repeat(n));
        let capped = trim_markup(&html, PARSE_NESTING_CAP);
        let kept = capped.matches("<li>").count();
        // the budget less the `<div>`s' own scans, 300 per `<li>`
        let budget = SCAN_WORK_PER_BYTE * html.len() + SCAN_WORK_FLOOR - 300 * 299 / 2;
        assert!(
            kept < n && (budget / 300..=budget / 300 + 1).contains(&kept),
            "{kept}"
        );
        assert_eq!(capped.matches("x ").count(), n);
        assert_eq!(capped.matches("<div>").count(), 300);
        // the same items under 50 `<div>` stay: within the budget
        let html = format!("{}{}", "<div>".repeat(50), "<li>x ".repeat(n));
        assert_eq!(trim_markup(&html, PARSE_NESTING_CAP), html);
    }

    #[test]
    fn self_closing_svg_and_matched_tags_do_not_add_up() {
        let svg = format!("<svg>{}</svg>", "<path d='M0 0'/>".repeat(500));
        let html = format!(
            "<div>{}</div>",
            format!("{svg}<section><b>x</b></section>").repeat(100)
        );
        // the icons' paths go; no tag does
        let want = format!(
            "<div>{}</div>",
            "<svg></svg><section><b>x</b></section>".repeat(100)
        );
        assert_eq!(trim_markup(&html, 50), want);
    }
}

/// The parser's tree of a page and of its trimmed copy are the same, but for the text of
/// scripts and styles, the content of SVG and MathML, and the attributes gleaner does not
/// read: checked with markup5ever_rcdom (independent of gleaner's tree) over
/// pages made of the pieces that trip up a scanner of tags.
#[cfg(test)]
mod trim_properties {
    use super::*;
    use html5ever::ns;
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::{Handle, NodeData, RcDom};
    use proptest::prelude::*;

    const PIECES: [&str; 78] = [
        "<img data-x=1/>",
        "<p data-a=\"x\" class=b onclick='y'>",
        "<input type=hidden data-q>",
        "<DIV DATA-X=Y CLASS=Z>",
        "<a srcset= 'a b' href=c data-b =d>",
        "<span class=\"a\"data-x=\"b\"id=c>",
        "<td aria-label=x colspan=2>",
        "<svg viewBox='0 0 1 1' data-x>",
        "<path d='M0 0'/>",
        "<g>",
        "</g>",
        "<div><svg><g></div>",
        "</span>",
        "<math>",
        "<mi>x</mi>",
        "<title>icon</title>",
        "<desc>x</desc>",
        "<script><!--<script>",
        "</script>-->",
        "<foreignObject>",
        "<desc>",
        "<mi>",
        "<font color=red>",
        "<font>",
        "<![CDATA[",
        "]]>",
        "<?x ",
        "<!x ",
        "<!DOCTYPE html>",
        "</ x>",
        "</>",
        "<frameset>",
        "<frame>",
        "<noframes>",
        "<select>",
        "<svg/>",
        "<b>",
        "<div data-x='<script>'>",
        "<script>",
        "<script type=\"a>b\" src='c'>",
        "<script type=application/ld+json>",
        "<script type='text/json'>",
        "<script/>",
        "</script>",
        "</SCRIPT >",
        "</script/>",
        "</scripts>",
        "<style>",
        "<STYLE media=\"x>\">",
        "</style>",
        "<!--",
        "-->",
        "<!-->",
        "<p class='a>b'>",
        "</p>",
        "<div id=x>",
        "</div>",
        "<svg>",
        "</svg>",
        "<math>",
        "</math>",
        "<title>",
        "</title>",
        "<textarea>",
        "</textarea>",
        "<template>",
        "</template>",
        "<noscript>",
        "<table>",
        "<td>",
        "<a href=\"x\">",
        "words ",
        "a<b",
        "\"",
        "'",
        ">",
        "<",
        " = ",
    ];

    /// The tree under `node` as text, leaving out the text of HTML scripts and styles, what
    /// SVG and MathML hold, and the attributes of HTML elements that gleaner does not read.
    fn dump(node: &Handle) -> String {
        let mut out = String::new();
        let mut stack = vec![(node.clone(), false, false)];
        while let Some((n, closing, in_unread)) = stack.pop() {
            if closing {
                out.push_str("</>");
                continue;
            }
            match &n.data {
                NodeData::Text { contents } if !in_unread => {
                    out.push_str(&format!("[{}]", contents.borrow()))
                }
                NodeData::Comment { contents } => out.push_str(&format!("<!{contents}>")),
                NodeData::Element {
                    name,
                    attrs,
                    template_contents,
                    ..
                } => {
                    let foreign = if name.ns == ns!(html) { "" } else { "foreign:" };
                    out.push_str(&format!("<{foreign}{}", name.local));
                    for a in attrs.borrow().iter() {
                        if foreign.is_empty() && !attr_read(a.name.local.as_bytes()) {
                            continue;
                        }
                        out.push_str(&format!(" {}={:?}", a.name.local, &*a.value));
                    }
                    out.push('>');
                    let unread = name.ns == ns!(html) && matches!(&*name.local, "script" | "style");
                    stack.push((n.clone(), true, false));
                    if !foreign.is_empty() && matches!(&*name.local, "svg" | "math") {
                        // foreign content may go whole: what follows it is compared
                        continue;
                    }
                    for c in n.children.borrow().iter().rev() {
                        stack.push((c.clone(), false, unread));
                    }
                    // a template's content comes first, then its children
                    if let Some(t) = template_contents.borrow().as_ref() {
                        stack.push((t.clone(), false, false));
                    }
                    continue;
                }
                _ => {}
            }
            for c in n.children.borrow().iter().rev() {
                stack.push((c.clone(), false, false));
            }
        }
        out
    }

    fn tree(html: &str) -> String {
        let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
        dump(&dom.document)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

        #[test]
        fn trimming_changes_only_script_and_style_text_and_unread_attributes(
            pieces in prop::collection::vec(0..PIECES.len(), 0..60)
        ) {
            let html: String = pieces.iter().map(|&p| PIECES[p]).collect();
            let trimmed = trim_markup(&html, PARSE_NESTING_CAP);
            prop_assert_eq!(tree(&trimmed), tree(&html), "{}", html);
        }
    }
}
