//! What an element's name and attributes say, worked out once as the parser builds it: its
//! tag, hints, visibility and whether it names an author. The tree keeps these facts for
//! the walk.

use html5ever::local_name;

use crate::hints::{self, Hints};
use crate::tag::Tag;

/// Where an author candidate came from; lower is more trustworthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AuthorSource {
    /// `itemprop="author"` or `itemprop="creator"`.
    Itemprop,
    /// `rel="author"`.
    Rel,
    /// A class or id naming an author or byline.
    Class,
    /// A link to an author's page (`/author/jane-doe`, `/authors/...`, `/writers/...`).
    Link,
}

/// What an element's name and attributes say, worked out once, as the parser builds the
/// element (while its attributes are still in the processor's cache).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ElemFacts {
    /// Its tag, after promotion: an inline element that names itself boilerplate, a byline
    /// or a caption becomes a block of its own.
    pub(crate) tag: Tag,
    /// The hints of its tag, class, id, role and microdata.
    pub(crate) own: Hints,
    /// Whether and how it names an author.
    pub(crate) author: Option<AuthorSource>,
    /// What else it is, as [`ElemFacts::HIDDEN`] and the other flags (one byte: every
    /// element of the tree carries them).
    pub(crate) flags: u8,
    /// A hash of its class attribute (0 without one): siblings of one shape share it.
    pub(crate) sig: u16,
    /// A hash of its class attribute's first word, which names the component; later
    /// words are its states and variants ("post bg1", "post bg2"). 0 without a class.
    pub(crate) component: u16,
}

impl ElemFacts {
    /// Hidden by `hidden` or `aria-hidden`.
    pub(crate) const HIDDEN: u8 = 1 << 0;
    /// Hidden by inline style (`display: none`, `visibility: hidden`): also a page's way
    /// to hide itself until its scripts have run.
    pub(crate) const STYLE_HIDDEN: u8 = 1 << 1;
    /// Hidden, and named as a panel shown on demand (an accordion's answer, a tab): its
    /// text may be the page's.
    pub(crate) const PANEL: u8 = 1 << 2;
    /// It has an `href`.
    pub(crate) const HAS_HREF: u8 = 1 << 3;
    /// The walk never reads its own text (scripts other than JSON-LD, styles, form
    /// controls, SVG and MathML content ...): the tree does not keep it.
    pub(crate) const TEXT_UNUSED: u8 = 1 << 4;
    /// The language label a highlighter writes inside a code block (Shiki twoslash's
    /// `<div class="language-id">ts</div>`): the code's language, not its text.
    pub(crate) const CODE_LABEL: u8 = 1 << 5;
    /// A `<section>` (or Docutils' `<div class="section">`) whose hints all come from its
    /// id: when the id is its heading's slug (Sphinx's `<section id="cookies">` over
    /// "Cookies"), it names the text, not a part of the page, and the walk drops them.
    pub(crate) const ID_HINTS: u8 = 1 << 6;
    /// A line of a highlighted code block (Shiki's `<span class="line">`): inside a
    /// `<pre>` it starts a line, even where the page leaves out the newline between lines
    /// and lets its style make each a block.
    pub(crate) const CODE_LINE: u8 = 1 << 7;

    /// Whether it has the flag `f`.
    pub(crate) fn is(&self, f: u8) -> bool {
        self.flags & f != 0
    }

    /// The facts of an element outside the HTML namespace (SVG, MathML), which the walk
    /// skips whole.
    pub(crate) fn foreign() -> Self {
        ElemFacts {
            flags: ElemFacts::TEXT_UNUSED,
            ..ElemFacts::default()
        }
    }
}

/// Whether `local` names a part of a table inside the `<table>` (a row group, a row, a
/// cell).
fn is_table_part(local: &html5ever::LocalName) -> bool {
    matches!(
        *local,
        local_name!("thead")
            | local_name!("tbody")
            | local_name!("tfoot")
            | local_name!("tr")
            | local_name!("th")
            | local_name!("td")
    )
}

/// The [`ElemFacts`] of an HTML element named `local`, and its part in React's streamed
/// rendering, as [`streamed_slot`] gives it (0: none).
pub(crate) fn element_facts(
    cache: &mut hints::HintCache,
    local: &html5ever::LocalName,
    attrs: &[html5ever::Attribute],
) -> (ElemFacts, u32) {
    if *local == local_name!("template") {
        // a streamed page's placeholder: the content that replaces it comes later
        let slot = attr(attrs, "id").map_or(0, |id| {
            // "B:n" waits for a boundary's content, "P:n" for a segment's
            streamed_slot(id, "B:").max(streamed_slot(id, "P:"))
        });
        let facts = ElemFacts {
            flags: ElemFacts::TEXT_UNUSED,
            ..ElemFacts::default()
        };
        return (facts, slot);
    }
    if facts_unused(local) {
        // the walk reads the text of <title>, of JSON-LD scripts, of <noscript> (the
        // page without scripts, markup parsed as text, read when the page shows little),
        // and of a <button> that is its heading's text (an accordion's toggle)
        let text_used = *local == local_name!("title")
            || *local == local_name!("noscript")
            || *local == local_name!("button")
            || (*local == local_name!("script")
                && (is_json_ld(attrs) || tex_script(attrs).is_some()));
        let facts = ElemFacts {
            flags: if text_used { 0 } else { ElemFacts::TEXT_UNUSED },
            ..ElemFacts::default()
        };
        return (facts, 0);
    }
    let a = Attrs::read(attrs);
    let aria_hidden = a.aria_hidden.is_some_and(|v| v.trim() == "true");
    // a block the page hides from screen readers is often the whole page behind an open
    // dialog (a consent banner's focus trap sets `aria-hidden` on `<main>`): it is hidden
    // as inline style hides, and shown when the page reads as empty without it
    let mut tag = Tag::from_name(local);
    let block_aria_hidden = aria_hidden && tag.is_block();
    let hidden = a.hidden || (aria_hidden && !block_aria_hidden);
    let style_hidden = a.style.is_some_and(style_hides) || block_aria_hidden;
    let panel = (hidden || style_hidden)
        && (has_role(a.role, "tabpanel")
            || a.class.is_some_and(hints::names_panel)
            || a.id.is_some_and(hints::names_panel)
            || a.until_found
            // WAI-ARIA's accordion: each panel is labelled by its button, and a region
            // when it has a role (a labelled dialog or menu is no panel)
            || (a.labelled && (a.role.is_none() || has_role(a.role, "region"))));
    // XenForo 1 sets each post's text in a `<blockquote class="messageText">`: the post,
    // not a quotation
    if tag == Tag::Blockquote
        && a.class
            .is_some_and(|c| c.split_ascii_whitespace().any(|w| w == "messageText"))
    {
        tag = Tag::Block;
    }
    // an element that says it is a heading is one, at its `aria-level` (WAI-ARIA's
    // heading: a rich-text editor's or an accordion's `<p role="heading" aria-level="3">`)
    if has_role(a.role, "heading") && matches!(tag, Tag::Div | Tag::P | Tag::Other) {
        tag = Tag::H(aria_heading_level(a.aria_level));
    }
    // a block that says it is the page's main part is one, as <main> is
    if tag.is_block() && has_role(a.role, "main") {
        tag = Tag::Main;
    }
    let (itemprop, rel, class) = (a.itemprop, a.rel, a.class);
    // a section's or heading's id made from its heading ("using-reported-by-tags") names
    // the text, not the part of the page
    // and so does an anchor written in capitals (DocBook's)
    let id = a
        .id
        .filter(|id| !((names_a_heading(local) && is_heading_slug(id)) || is_capital_anchor(id)));
    let (attr_hints, class_author) =
        hints::element_hints(cache, class, id, a.role, itemprop, a.itemtype);
    let mut own = hints::tag_hints(local) | attr_hints;
    if local.contains('-') {
        // a custom element's name names its part of the page as a class does: Google's
        // `<devsite-content-footer>`, Angular's `<app-comments>`, a theme's `<site-header>`
        own |= cache.name(local, false) & !hints::HIDDEN;
    }
    let id_hints = own != 0
        && is_section(local, class)
        && a.role.is_none()
        && itemprop.is_none()
        && hints::element_hints(cache, class, None, None, None, a.itemtype).0 == 0;
    if matches!(tag, Tag::Html | Tag::Body) {
        own &= hints::CONTENT;
    }
    if is_table_part(local) || (*local == local_name!("table") && a.id.is_none()) {
        // "header" and "footer" on a row or cell name the table's own head and foot (a
        // sortable column's "headerSort", jQuery tablesorter's "tablesorter-header"), and
        // in a table's class its head's ways (MediaWiki's "sticky-header"); an id still
        // names the page's part (an old layout's `<table id="header">`)
        own &= !(hints::HEADER | hints::FOOTER);
    }
    if *local == local_name!("details")
        && a.role.is_none()
        && a.class
            .is_some_and(|c| c.to_ascii_lowercase().contains("dropdown"))
    {
        // a disclosure named a dropdown (sphinx-design's `sd-dropdown`, a FAQ's answer)
        // holds what its summary opens, not a menu: a menu in one is links, and goes as
        // links go
        own &= !hints::NAV;
    }
    if matches!(tag, Tag::H(_)) {
        // "header" on a heading names the heading itself (Substack's `header-anchor-post`
        // on every section heading, Divi's `et_pb_module_header` on a blurb's title), not
        // the page's header, which is the element around it
        own &= !hints::HEADER;
    }
    let author = if itemprop.is_some_and(|p| p.contains("author") || p.contains("creator")) {
        Some(AuthorSource::Itemprop)
    } else if rel.is_some_and(|r| r.split_ascii_whitespace().any(|r| r == "author")) {
        Some(AuthorSource::Rel)
    } else if a.href.is_some_and(is_author_page) && tag == Tag::A {
        Some(AuthorSource::Link)
    } else if class_author {
        Some(AuthorSource::Class)
    } else {
        None
    };
    if author.is_some() {
        own |= hints::BYLINE;
    }
    if tag == Tag::A && class.is_some_and(|c| c.contains("inline")) {
        // a link that says it sits in the text is a link of its sentence, whatever it
        // recommends (Dotdash Meredith's `recommendation-inline-link`); "Related: <a
        // class=related-link>" between paragraphs is still a related link
        own &= !hints::RELATED;
    }
    // An inline element that names itself boilerplate becomes a block of its own, so that
    // its text is judged apart from the sentence around it.
    if !tag.is_block() && own & (hints::STRONG_BOILERPLATE | hints::BYLINE | hints::CAPTION) != 0 {
        tag = Tag::Block;
    }
    let code_label = class.is_some_and(|c| c.split_ascii_whitespace().any(|w| w == "language-id"));
    let code_line = class.is_some_and(|c| c.split_ascii_whitespace().any(|w| w == "line"));
    let flags = [
        (hidden, ElemFacts::HIDDEN),
        (style_hidden, ElemFacts::STYLE_HIDDEN),
        (panel, ElemFacts::PANEL),
        (a.href.is_some(), ElemFacts::HAS_HREF),
        (code_label, ElemFacts::CODE_LABEL),
        (id_hints, ElemFacts::ID_HINTS),
        (code_line, ElemFacts::CODE_LINE),
    ]
    .into_iter()
    .fold(0, |f, (yes, bit)| if yes { f | bit } else { f });
    let facts = ElemFacts {
        tag,
        own,
        author,
        flags,
        sig: class.map_or(0, class_sig),
        component: class.map_or(0, |c| {
            class_sig(c.split_ascii_whitespace().next().unwrap_or(""))
        }),
    };
    let slot = match (local == &local_name!("div"), a.id) {
        (true, Some(id)) => streamed_slot(id, "S:"),
        _ => 0,
    };
    (facts, slot)
}

/// Whether an `itemprop` value marks a recipe's ingredient: schema.org's
/// `recipeIngredient`, or its older `ingredients`.
pub(crate) fn names_ingredient(itemprop: &str) -> bool {
    itemprop
        .split_ascii_whitespace()
        .any(|w| w == "recipeIngredient" || w == "ingredients")
}

/// Whether an element's `role` is `name` (ASCII case and spaces around it aside).
fn has_role(role: Option<&str>, name: &str) -> bool {
    role.is_some_and(|r| r.trim().eq_ignore_ascii_case(name))
}

/// Level of a heading named by its role without an `aria-level`, as WAI-ARIA gives it.
pub const ARIA_HEADING_DEFAULT_LEVEL: u8 = 2;

/// The level an `aria-level` value gives a heading: its number, 6 for a deeper one (HTML
/// has six), [`ARIA_HEADING_DEFAULT_LEVEL`] without a number of 1 or more.
fn aria_heading_level(value: Option<&str>) -> u8 {
    value
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|&l| l >= 1)
        .map_or(ARIA_HEADING_DEFAULT_LEVEL, |l| l.min(6) as u8)
}

/// Whether elements named `local` take their id from their heading's words (documentation
/// generators write `<section id="...">` and `<h2 id="...">` so).
fn names_a_heading(local: &html5ever::LocalName) -> bool {
    matches!(
        *local,
        local_name!("section")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// Whether an element is a document's section: `<section>`, or Docutils' older
/// `<div class="section">`.
fn is_section(local: &html5ever::LocalName, class: Option<&str>) -> bool {
    *local == local_name!("section")
        || (*local == local_name!("div")
            && class.is_some_and(|c| c.split_ascii_whitespace().any(|w| w == "section")))
}

/// Path segments that lead to an author's page, followed by the author's own segment.
const AUTHOR_PAGE_SEGMENTS: &[&str] = &[
    "author",
    "authors",
    "writer",
    "writers",
    "contributor",
    "contributors",
    "autor",
    "autoren",
    "auteur",
    "auteurs",
];

/// Whether a link leads to an author's page: one of [`AUTHOR_PAGE_SEGMENTS`] then a name.
fn is_author_page(href: &str) -> bool {
    let path = href.split(['?', '#']).next().unwrap_or("");
    let mut segs = path.split('/').filter(|s| !s.is_empty());
    while let Some(s) = segs.next() {
        if AUTHOR_PAGE_SEGMENTS
            .iter()
            .any(|a| s.eq_ignore_ascii_case(a))
        {
            return segs.next().is_some_and(|name| name.len() > 1);
        }
    }
    false
}

/// Least words of an id made from a heading.
const HEADING_SLUG_WORDS: usize = 3;

/// Whether an id reads as a heading's words joined by hyphens or underscores.
fn is_heading_slug(id: &str) -> bool {
    id.split(['-', '_']).filter(|w| !w.is_empty()).count() >= HEADING_SLUG_WORDS
}

/// Whether an id is an anchor written in capitals and hyphens, as DocBook writes them
/// (PostgreSQL's manual: `SQL-FOR-UPDATE-SHARE` on the section "The Locking Clause"): words
/// of the subject, [`HEADING_SLUG_WORDS`] or more, not the name of a part of the page (an
/// old layout's `LEFT_NAV_BAR` has underscores).
fn is_capital_anchor(id: &str) -> bool {
    // most ids have a small letter early: the cheapest test first
    !id.bytes().any(|c| c.is_ascii_lowercase() || c == b'_')
        && id.bytes().any(|c| c.is_ascii_uppercase())
        && id.split('-').filter(|w| !w.is_empty()).count() >= HEADING_SLUG_WORDS
}

/// The part an element plays in React's streamed rendering (server components, Next.js):
/// the page is sent with `<template id="B:n">` placeholders, and each one's content comes
/// later in a hidden `<div id="S:n">` that a script moves in (`<template id="P:n">` for
/// segments). React writes `n` in hexadecimal (`S:2e`). Placeholders give `2n + 2`,
/// content `2n + 3`, anything else 0.
pub(crate) fn streamed_slot(id: &str, prefix: &str) -> u32 {
    let Some(n) = id
        .strip_prefix(prefix)
        .filter(|n| !n.starts_with(['+', '-']))
        .and_then(|n| u32::from_str_radix(n, 16).ok())
    else {
        return 0;
    };
    if n >= 1 << 30 {
        return 0;
    }
    n * 2 + if prefix == "S:" { 3 } else { 2 }
}

/// A 16-bit signature of a class value, never 0 for one that has a word: its length and a
/// few of its bytes. Siblings of one shape carry the same value, so it tells them from
/// others well enough, and costs next to nothing per element.
fn class_sig(class: &str) -> u16 {
    let b = class.trim().as_bytes();
    let Some(&last) = b.last() else {
        return 0;
    };
    let at = |k: usize| u16::from(b[b.len() * k / 4]);
    let sig = (b.len() as u16).wrapping_mul(31)
        ^ at(0)
        ^ (at(1) << 3)
        ^ (at(2) << 6)
        ^ (at(3) << 9)
        ^ (u16::from(last) << 12);
    sig.max(1)
}

/// Elements the walk handles by name before it reads their facts (scripts, metadata,
/// embedded and form content, ruby annotations): their facts are never used, so the sink
/// skips them. Keep in step with `Builder::handled_by_name`.
fn facts_unused(local: &html5ever::LocalName) -> bool {
    matches!(
        *local,
        local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("iframe")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("canvas")
            | local_name!("video")
            | local_name!("audio")
            | local_name!("select")
            | local_name!("button")
            | local_name!("textarea")
            | local_name!("input")
            | local_name!("map")
            | local_name!("frame")
            | local_name!("head")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("datalist")
            | local_name!("option")
            | local_name!("source")
            | local_name!("track")
            | local_name!("param")
            | local_name!("wbr")
            | local_name!("rt")
            | local_name!("rp")
            | local_name!("rtc")
            | local_name!("title")
            | local_name!("meta")
            | local_name!("link")
            | local_name!("br")
    )
}

/// The attributes read on every element, found in one pass.
#[derive(Default)]
pub(crate) struct Attrs<'a> {
    pub(crate) class: Option<&'a str>,
    pub(crate) id: Option<&'a str>,
    pub(crate) role: Option<&'a str>,
    pub(crate) itemprop: Option<&'a str>,
    pub(crate) itemtype: Option<&'a str>,
    pub(crate) rel: Option<&'a str>,
    pub(crate) href: Option<&'a str>,
    pub(crate) style: Option<&'a str>,
    pub(crate) aria_hidden: Option<&'a str>,
    pub(crate) datetime: Option<&'a str>,
    pub(crate) hidden: bool,
    pub(crate) pubdate: bool,
    /// `aria-labelledby` is given: the element is named by another (a panel by its button)
    pub(crate) labelled: bool,
    /// `hidden="until-found"`: hidden until find-in-page or a link reveals it (an
    /// accordion's section, by the HTML standard)
    pub(crate) until_found: bool,
    /// `aria-level`: the level of an element with the role of a heading
    pub(crate) aria_level: Option<&'a str>,
}

/// Whether an attribute named `name` is read after the parse, by gleaner or by the tree
/// builder; the others are left out before the parse ([`crate::dom`]). An attribute read
/// anywhere must be named here. `name` is compared in any case, as the tokenizer lowers it.
pub(crate) fn attr_read(name: &[u8]) -> bool {
    // as long as the longest name below
    let mut buf = [0u8; 15];
    if name.len() > buf.len() {
        return false;
    }
    let lower = if name.iter().any(u8::is_ascii_uppercase) {
        let lower = &mut buf[..name.len()];
        lower.copy_from_slice(name);
        lower.make_ascii_lowercase();
        &*lower
    } else {
        name
    };
    matches!(
        lower,
        // the element's facts (Attrs::read)
        b"class"
            | b"id"
            | b"role"
            | b"itemprop"
            | b"itemtype"
            | b"rel"
            | b"href"
            | b"style"
            | b"aria-hidden"
            | b"aria-labelledby"
            | b"aria-level"
            | b"datetime"
            | b"hidden"
            | b"pubdate"
            | b"popover"
            // the walk and its facts: links, images, code, lists, <html>, <meta>, scripts
            | b"src"
            | b"data-src"
            | b"alt"
            | b"data-lang"
            | b"start"
            | b"lang"
            | b"xml:lang"
            | b"content"
            | b"name"
            | b"property"
            | b"http-equiv"
            | b"charset"
            | b"type"
            // the tree builder: declarative shadow roots, foreign content's <font> and
            // <annotation-xml>
            | b"shadowrootmode"
            | b"color"
            | b"face"
            | b"size"
            | b"encoding"
            // MathML's <math>: a displayed formula, its TeX (Wikipedia's)
            | b"display"
            | b"alttext"
    )
}

impl<'a> Attrs<'a> {
    pub(crate) fn read(attrs: &'a [html5ever::Attribute]) -> Self {
        let mut a = Attrs::default();
        for at in attrs {
            if !at.name.ns.is_empty() {
                continue;
            }
            let v = Some(&*at.value);
            match at.name.local {
                local_name!("class") => a.class = v,
                local_name!("id") => a.id = v,
                local_name!("role") => a.role = v,
                local_name!("itemprop") => a.itemprop = v,
                local_name!("itemtype") => a.itemtype = v,
                local_name!("rel") => a.rel = v,
                local_name!("href") => a.href = v,
                local_name!("style") => a.style = v,
                local_name!("aria-hidden") => a.aria_hidden = v,
                local_name!("datetime") => a.datetime = v,
                local_name!("hidden") => {
                    a.hidden = true;
                    a.until_found = at.value.trim().eq_ignore_ascii_case("until-found");
                }
                // not a static atom: compared as text, and only when short enough to match
                ref other if other.len() == 7 && &**other == "pubdate" => a.pubdate = true,
                // a popover is hidden until a control opens it (a menu, a card, a tip)
                ref other if other.len() == 7 && &**other == "popover" => a.hidden = true,
                ref other if other.len() == 15 && &**other == "aria-labelledby" => {
                    a.labelled = true
                }
                ref other if other.len() == 10 && &**other == "aria-level" => a.aria_level = v,
                _ => {}
            }
        }
        a
    }
}

/// Class values that say a code block has no language named: Discourse's `lang-auto`
/// (highlight.js guesses), Prism's `language-none`, highlight.js's `nohighlight`.
const NO_LANGUAGE: [&str; 3] = ["auto", "none", "nohighlight"];

/// The language a code element names: `language-x` or `lang-x` in its class (as
/// highlight.js, Prism and most site generators write), SyntaxHighlighter's
/// `brush: x` (WordPress's SyntaxHighlighter Evolved, MDN), or `data-lang`. The names of no
/// language ([`NO_LANGUAGE`]) give none.
pub(crate) fn code_language(attrs: &[html5ever::Attribute]) -> Option<&str> {
    let from_class = attr(attrs, "class").and_then(|c| {
        c.split_ascii_whitespace()
            .find_map(|w| {
                w.strip_prefix("language-")
                    .or_else(|| w.strip_prefix("lang-"))
                    .or_else(|| w.strip_prefix("highlight-source-"))
            })
            .or_else(|| {
                let (_, rest) = c.split_once("brush:")?;
                rest.split([';', ' ', '\t', '\n']).find(|w| !w.is_empty())
            })
    });
    from_class
        .or_else(|| attr(attrs, "data-lang"))
        .map(str::trim)
        .filter(|l| is_language_name(l))
}

/// The language the wrapper of a code block names: Sphinx's (Pygments')
/// `<div class="highlight-python notranslate">` around `<div class="highlight"><pre>`, or
/// GitHub's `<div class="highlight highlight-source-python notranslate">`. Only a wrapper
/// marked `notranslate`, as both write it, counts (a `highlight-box` names no language);
/// Sphinx's `highlight-default` (the project's default language, unnamed) and GitHub's
/// `highlight-text-*` scopes (`text-html-basic`) give none.
pub(crate) fn wrapper_language(attrs: &[html5ever::Attribute]) -> Option<&str> {
    let class = attr(attrs, "class")?;
    if !class.split_ascii_whitespace().any(|w| w == "notranslate") {
        return None;
    }
    class
        .split_ascii_whitespace()
        .find_map(|w| {
            w.strip_prefix("highlight-source-")
                .or_else(|| w.strip_prefix("highlight-"))
        })
        .filter(|l| *l != "default" && !l.starts_with("text-") && is_language_name(l))
}

/// Whether a class value may hold [`wrapper_language`]'s name: such an element keeps its
/// attributes for the walk.
pub(crate) fn may_name_wrapper_language(class: &str) -> bool {
    class.contains("highlight-")
}

/// Whether `l` can be a language's name in a fence's info string: short, of letters,
/// digits and `-+#._`, and not one of the names of no language ([`NO_LANGUAGE`]).
fn is_language_name(l: &str) -> bool {
    !l.is_empty()
        && !NO_LANGUAGE.iter().any(|n| l.eq_ignore_ascii_case(n))
        && l.len() <= 32
        && l.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'#' | b'.' | b'_'))
}

/// Whether a script holds a formula's TeX, as MathJax 2 writes it (`type="math/tex"`),
/// and whether the formula is displayed (`math/tex; mode=display`).
pub(crate) fn tex_script(attrs: &[html5ever::Attribute]) -> Option<bool> {
    let t = attr(attrs, "type")?.trim().to_ascii_lowercase();
    t.starts_with("math/tex")
        .then(|| t.contains("mode=display"))
}

/// Whether a script's attributes make it JSON-LD.
pub(crate) fn is_json_ld(attrs: &[html5ever::Attribute]) -> bool {
    attr(attrs, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
}

/// The value of the attribute `name` (lower case), which must be one [`attr_read`] names:
/// the others are left out before the parse.
pub(crate) fn attr<'a>(attrs: &'a [html5ever::Attribute], name: &str) -> Option<&'a str> {
    debug_assert!(
        attr_read(name.as_bytes()),
        "{name} is read: name it in attr_read"
    );
    attrs
        .iter()
        .find(|a| a.name.ns.is_empty() && &*a.name.local == name)
        .map(|a| &*a.value)
}

/// Whether inline CSS hides the element: `display: none` or `visibility: hidden`, in any
/// case and spacing.
fn style_hides(style: &str) -> bool {
    let mut compact = [0u8; 64];
    let mut n = 0;
    let mut found = false;
    // a sliding window of the last bytes that are not whitespace, lower-cased
    for &c in style.as_bytes() {
        if c.is_ascii_whitespace() {
            continue;
        }
        if n == compact.len() {
            compact.copy_within(32.., 0);
            n -= 32;
        }
        compact[n] = c.to_ascii_lowercase();
        n += 1;
        let w = &compact[..n];
        if w.ends_with(b"display:none") || w.ends_with(b"visibility:hidden") {
            found = true;
            break;
        }
    }
    found
}
