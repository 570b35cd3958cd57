//! Walking the tree with an explicit stack into elements and text blocks in document order,
//! gathering the raw metadata facts on the way.

use crate::block::{Block, BlockKind, Elem, ListMark, Tag, IN_FIGURE, IN_LIST, IN_QUOTE, IN_TABLE};
use crate::dom::{Data, Dom, NodeId, DOCUMENT};
use crate::element::{attr, is_json_ld, Attrs, AuthorSource, ElemFacts};
use crate::hints::{self, Hints};
use crate::limits::Limits;
use crate::text::{push_collapsed, TextStats};

/// Longest cell text (in characters) that still joins a table row into one line; longer
/// cells mean a layout table, whose cells stay separate blocks.
pub const MAX_ROW_CELL_CHARS: usize = 400;
/// Most author candidates kept from the page's markup.
const MAX_AUTHOR_CANDIDATES: usize = 16;
/// Longest author candidate or `<time>` value kept, in bytes.
const MAX_FACT_BYTES: usize = 1024;
/// Most `<time>` elements kept.
const MAX_TIMES: usize = 32;

/// Raw metadata found on the page, interpreted by [`crate::metadata`].
#[derive(Debug, Default)]
pub struct Facts {
    /// Text of the first `<title>`.
    pub title: Option<String>,
    /// `<meta>` key (name, property, itemprop or http-equiv, lower-cased) and content.
    pub metas: Vec<(String, String)>,
    /// Contents of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// `href` of `<link rel="canonical">`.
    pub canonical: Option<String>,
    /// `lang` of `<html>`.
    pub lang: Option<String>,
    /// `<time>` elements: the block index at which they stood, whether they mark the
    /// publication (`pubdate`, `itemprop="datePublished"`), and their `datetime` (or text).
    pub times: Vec<(u32, bool, String)>,
    /// Author candidates from the markup.
    pub authors: Vec<(AuthorSource, String)>,
}

/// The page as the classifier sees it.
#[derive(Debug, Default)]
pub struct Page {
    /// Elements in document order (pre-order), the root first.
    pub elems: Vec<Elem>,
    /// Text blocks in document order.
    pub blocks: Vec<Block>,
    /// Raw metadata.
    pub facts: Facts,
}

#[derive(Clone, Copy)]
struct Ctx {
    /// The nearest recorded element.
    elem: u32,
    /// The innermost block-level element.
    owner: u32,
    kind: BlockKind,
    flags: u8,
    hints: Hints,
    depth: u32,
    pre: bool,
    link: bool,
    /// Inside inline code: its Markdown is not escaped.
    code: bool,
    /// Its list item: an index into the walk's list marks plus one, 0 outside lists.
    list: u32,
}

/// Inline formatting opened in the Markdown: where, in which block, and what. Small, as
/// every close task carries one.
#[derive(Clone, Copy)]
struct Mark {
    at: u32,
    block: u32,
    kind: MarkKind,
}

#[derive(Clone, Copy, PartialEq)]
enum MarkKind {
    Em,
    Strong,
    Code,
    Link,
}

impl MarkKind {
    fn marker(self) -> &'static str {
        match self {
            MarkKind::Em => "*",
            MarkKind::Strong => "**",
            MarkKind::Code => "`",
            MarkKind::Link => "[",
        }
    }
}

enum Task {
    Visit(NodeId, Ctx),
    Close {
        elem: u32,
        block_start: u32,
        is_block: bool,
        author: Option<AuthorSource>,
        /// The resolved target of a link whose Markdown is being written, and where
        /// (boxed: links are few, and every task carries the field).
        link: Option<Box<(String, Mark)>>,
        /// Emphasis or inline code whose Markdown is being written.
        mark: Option<Mark>,
    },
}

/// What the Markdown of each block keeps besides its text, when asked.
#[derive(Debug, Clone, Default)]
pub struct Rich {
    /// Keep links as `[text](url)`.
    pub links: bool,
    /// Keep images as `![alt](src)`.
    pub images: bool,
    /// Keep emphasis (`*em*`, `**strong**`) and inline code.
    pub formatting: bool,
    /// The page URL that relative links resolve against.
    pub base: Option<url::Url>,
}

struct Builder {
    page: Page,
    text: String,
    /// The block's Markdown, written beside its text when links or images are kept.
    md: String,
    rich: Option<Rich>,
    at_space: bool,
    link_chars: u32,
    ctx: Option<Ctx>,
    max_depth: u32,
    /// Open lists: the list element, whether ordered, the next item's number.
    lists: Vec<(u32, bool, u32)>,
    /// Blocks flushed so far (a mark opened before a flush is dropped).
    flushes: u32,
    /// The language a code block in progress names.
    lang: Option<Box<str>>,
    /// The list items met so far.
    list_marks: Vec<ListMark>,
}

/// Walks `dom` into a [`Page`].
pub(crate) fn walk(dom: &Dom, limits: &Limits, rich: Option<Rich>) -> Page {
    let mut b = Builder {
        page: Page::default(),
        text: String::new(),
        md: String::new(),
        rich,
        at_space: true,
        link_chars: 0,
        ctx: None,
        max_depth: limits.max_depth.min(u32::MAX as usize) as u32,
        lists: Vec::new(),
        flushes: 0,
        lang: None,
        list_marks: Vec::new(),
    };
    b.page.elems.push(Elem {
        tag: Tag::Html,
        parent: 0,
        hints: 0,
        blocks: (0, 0),
        end: 1,
    });
    let root = Ctx {
        elem: 0,
        owner: 0,
        kind: BlockKind::Paragraph,
        flags: 0,
        hints: 0,
        depth: 0,
        pre: false,
        link: false,
        code: false,
        list: 0,
    };
    let mut stack: Vec<Task> = Vec::new();
    push_children(&mut stack, dom, DOCUMENT, root);
    while let Some(task) = stack.pop() {
        match task {
            Task::Visit(node, ctx) => {
                b.visit(dom, node, ctx, &mut stack);
            }
            Task::Close {
                elem,
                block_start,
                is_block,
                author,
                link,
                mark,
            } => {
                if let Some(m) = mark {
                    b.end_mark(m);
                }
                if let Some(l) = link {
                    b.end_link(&l.0, l.1);
                }
                b.close(elem, block_start, is_block, author)
            }
        }
    }
    b.flush();
    let n_blocks = b.page.blocks.len() as u32;
    let n_elems = b.page.elems.len() as u32;
    b.page.elems[0].blocks = (0, n_blocks);
    b.page.elems[0].end = n_elems;
    b.page
}

fn push_children(stack: &mut Vec<Task>, dom: &Dom, node: NodeId, ctx: Ctx) {
    stack.extend(dom.children_rev(node).map(|c| Task::Visit(c, ctx)));
}

/// A URL as a Markdown link destination: the characters that would end or break it are
/// percent-encoded.
fn md_url(url: &str) -> String {
    let mut o = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        match c {
            ' ' => o.push_str("%20"),
            '(' => o.push_str("%28"),
            ')' => o.push_str("%29"),
            '<' => o.push_str("%3C"),
            '>' => o.push_str("%3E"),
            '\\' => o.push_str("%5C"),
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o
}

/// The language a code element names: `language-x` or `lang-x` in its class (as
/// highlight.js, Prism and most site generators write), or `data-lang`.
fn code_language(attrs: &[html5ever::Attribute]) -> Option<&str> {
    let from_class = attr(attrs, "class").and_then(|c| {
        c.split_ascii_whitespace().find_map(|w| {
            w.strip_prefix("language-")
                .or_else(|| w.strip_prefix("lang-"))
                .or_else(|| w.strip_prefix("highlight-source-"))
        })
    });
    from_class
        .or_else(|| attr(attrs, "data-lang"))
        .map(str::trim)
        .filter(|l| {
            !l.is_empty()
                && l.len() <= 32
                && l.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'#' | b'.' | b'_')
                })
        })
}

/// Cuts `s` to at most `max` bytes, at a character boundary.
fn truncate_at_char(s: &mut String, max: usize) {
    let keep = crate::text::prefix_within(s, max).len();
    s.truncate(keep);
}

fn text_of_children(dom: &Dom, node: NodeId) -> String {
    let mut s = String::new();
    for c in dom.children(node) {
        if let Data::Text(t) = &dom.node(c).data {
            s.push_str(t);
        }
    }
    s
}

impl Builder {
    fn visit(&mut self, dom: &Dom, node: NodeId, ctx: Ctx, stack: &mut Vec<Task>) {
        match &dom.node(node).data {
            Data::Text(text) => {
                if ctx.kind == BlockKind::Caption && ctx.hints & hints::HIDDEN != 0 {
                    return;
                }
                self.push_text(text, ctx);
            }
            Data::Element {
                name, attrs, facts, ..
            } => {
                let attrs = attrs.as_slice();
                let local = &*name.local;
                if name.ns != html5ever::ns!(html) {
                    // <svg> and <math> content: no article text lives there
                    return;
                }
                match local {
                    "script" => {
                        if is_json_ld(attrs) {
                            self.page.facts.json_ld.push(text_of_children(dom, node));
                        }
                        return;
                    }
                    "style" | "noscript" | "template" | "iframe" | "object" | "embed"
                    | "canvas" | "video" | "audio" | "select" | "button" | "textarea" | "input"
                    | "map" | "frame" | "head" | "svg" | "math" | "datalist" | "option"
                    | "source" | "track" | "param" | "picture" | "wbr" => {
                        if local == "head" {
                            self.head(dom, node);
                        }
                        return;
                    }
                    "title" => {
                        if self.page.facts.title.is_none() {
                            self.page.facts.title = Some(text_of_children(dom, node));
                        }
                        return;
                    }
                    "meta" => {
                        self.meta(attrs);
                        return;
                    }
                    "link" => {
                        self.link(attrs);
                        return;
                    }
                    "br" => {
                        if !ctx.pre && self.text.ends_with('\n') {
                            // two line breaks in a row separate paragraphs in legacy markup
                            self.flush();
                        } else if !ctx.pre && !self.text.is_empty() {
                            while self.text.ends_with(' ') {
                                self.text.pop();
                            }
                            self.text.push('\n');
                            if self.rich.is_some() {
                                self.md.push('\n');
                            }
                            self.at_space = true;
                        }
                        return;
                    }
                    _ => {}
                }
                if facts.hidden {
                    return;
                }
                if local == "html" {
                    if let Some(l) = attr(attrs, "lang").or_else(|| attr(attrs, "xml:lang")) {
                        self.page.facts.lang = Some(l.trim().to_string());
                    }
                }
                if local == "time" && self.page.facts.times.len() < MAX_TIMES {
                    let a = Attrs::read(attrs);
                    let published =
                        a.pubdate || a.itemprop.is_some_and(|p| p.contains("datePublished"));
                    let mut value = a
                        .datetime
                        .map(str::to_string)
                        .unwrap_or_else(|| text_of_children(dom, node));
                    truncate_at_char(&mut value, MAX_FACT_BYTES);
                    let at = self.page.blocks.len() as u32;
                    self.page.facts.times.push((at, published, value));
                }
                let depth = ctx.depth + 1;
                if depth > self.max_depth {
                    // Too deep for a place of its own: its content flows into the block above.
                    let mut inner = ctx;
                    inner.depth = depth;
                    push_children(stack, dom, node, inner);
                    return;
                }
                let ElemFacts {
                    tag, own, author, ..
                } = *facts;
                let is_block = tag.is_block();
                let e = self.page.elems.len() as u32;
                let block_start = self.page.blocks.len() as u32;
                self.page.elems.push(Elem {
                    tag,
                    parent: ctx.elem,
                    hints: own,
                    blocks: (block_start, block_start),
                    end: e + 1,
                });
                let mut inner = ctx;
                inner.elem = e;
                inner.depth = depth;
                inner.hints |= own;
                if is_block {
                    self.flush();
                    inner.owner = e;
                    inner.kind = match tag {
                        Tag::P => BlockKind::Paragraph,
                        Tag::H(l) => BlockKind::Heading(l),
                        Tag::Li | Tag::Dt | Tag::Dd => BlockKind::ListItem,
                        Tag::Pre => BlockKind::Code,
                        Tag::Td | Tag::Th => BlockKind::Cell,
                        Tag::Figcaption | Tag::Caption => BlockKind::Caption,
                        _ if ctx.kind == BlockKind::Code => BlockKind::Code,
                        _ if ctx.kind == BlockKind::Caption => BlockKind::Caption,
                        _ => BlockKind::Paragraph,
                    };
                    inner.flags |= match tag {
                        Tag::Blockquote => IN_QUOTE,
                        Tag::Ul | Tag::Ol | Tag::Dl => IN_LIST,
                        Tag::Table => IN_TABLE,
                        Tag::Figure => IN_FIGURE,
                        _ => 0,
                    };
                }
                if tag == Tag::Pre {
                    inner.pre = true;
                }
                let rich = self.rich.as_ref();
                let formatting = rich.is_some_and(|r| r.formatting);
                if formatting && (tag == Tag::Pre || (ctx.pre && tag == Tag::Code)) {
                    if let Some(l) = code_language(attrs) {
                        self.lang = Some(l.into());
                    }
                }
                match tag {
                    Tag::Ul | Tag::Ol | Tag::Dl => {
                        let start = if tag == Tag::Ol {
                            attr(attrs, "start")
                                .and_then(|v| v.trim().parse::<u32>().ok())
                                .unwrap_or(1)
                        } else {
                            1
                        };
                        self.lists.push((e, tag == Tag::Ol, start));
                    }
                    Tag::Li | Tag::Dt | Tag::Dd => {
                        let depth = self.lists.len().min(u8::MAX as usize) as u8;
                        if let Some(top) = self.lists.last_mut() {
                            let number = top.1.then_some(top.2);
                            top.2 = top.2.saturating_add(1);
                            self.list_marks.push(ListMark {
                                depth,
                                number,
                                item: e,
                            });
                            inner.list = self.list_marks.len() as u32;
                        }
                    }
                    _ => {}
                }
                let mut mark = None;
                if formatting && !ctx.pre && !ctx.code {
                    let kind = match tag {
                        Tag::Em => Some(MarkKind::Em),
                        Tag::Strong => Some(MarkKind::Strong),
                        Tag::Code => Some(MarkKind::Code),
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        mark = self.mark(kind);
                        inner.code = tag == Tag::Code;
                    }
                }
                let mut link = None;
                if tag == Tag::A && facts.has_href {
                    inner.link = true;
                    if self.rich.as_ref().is_some_and(|r| r.links) {
                        link = attr(attrs, "href")
                            .and_then(|href| self.start_link(href))
                            .map(Box::new);
                    }
                }
                if tag == Tag::Img && self.rich.as_ref().is_some_and(|r| r.images) {
                    self.image(attrs, ctx);
                }
                stack.push(Task::Close {
                    elem: e,
                    block_start,
                    is_block,
                    // a commenter is not the page's author
                    author: author.filter(|_| inner.hints & hints::COMMENT == 0),
                    link,
                    mark,
                });
                push_children(stack, dom, node, inner);
            }
            Data::Document => {
                push_children(stack, dom, node, ctx);
            }
            _ => {}
        }
    }

    fn close(&mut self, e: u32, block_start: u32, is_block: bool, author: Option<AuthorSource>) {
        if is_block {
            self.flush();
        }
        let tag = self.page.elems[e as usize].tag;
        if self.lists.last().is_some_and(|l| l.0 == e) {
            self.lists.pop();
        }
        if tag == Tag::Pre {
            self.lang = None;
        }
        if tag == Tag::Tr {
            self.join_row(e, block_start);
        }
        let n_blocks = self.page.blocks.len() as u32;
        let n_elems = self.page.elems.len() as u32;
        let el = &mut self.page.elems[e as usize];
        el.blocks.1 = n_blocks;
        el.end = n_elems;
        if let Some(src) = author {
            if self.page.facts.authors.len() < MAX_AUTHOR_CANDIDATES {
                // a byline is short: a wrapper named like one must not copy the whole page
                let mut text = String::new();
                for b in &self.page.blocks[block_start as usize..] {
                    if text.len() >= MAX_FACT_BYTES {
                        break;
                    }
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    text.push_str(&b.text);
                }
                truncate_at_char(&mut text, MAX_FACT_BYTES);
                if !text.is_empty() {
                    self.page.facts.authors.push((src, text));
                }
            }
        }
    }

    /// Joins the cells of a data-table row into one block, cells separated by tabs.
    fn join_row(&mut self, tr: u32, start: u32) {
        let blocks = &self.page.blocks[start as usize..];
        if blocks.len() < 2 {
            if let Some(b) = self.page.blocks.get_mut(start as usize) {
                if b.kind == BlockKind::Cell {
                    // a lone cell holding lines of text is layout, not data
                    let layout =
                        b.text.contains('\n') || b.text.chars().count() > MAX_ROW_CELL_CHARS;
                    b.kind = if layout {
                        BlockKind::Paragraph
                    } else {
                        BlockKind::TableRow
                    };
                }
            }
            return;
        }
        let elems = &self.page.elems;
        let simple = blocks.iter().all(|b| {
            b.kind == BlockKind::Cell
                && elems[b.elem as usize].parent == tr
                && !b.text.contains('\n')
                && b.text.chars().count() <= MAX_ROW_CELL_CHARS
        });
        if !simple {
            return;
        }
        let mut cells = self.page.blocks.split_off(start as usize);
        let mut row = cells.remove(0);
        for c in cells {
            row.text.push('\t');
            row.text.push_str(&c.text);
            row.stats.add(&c.stats);
            row.link_chars += c.link_chars;
        }
        row.kind = BlockKind::TableRow;
        row.md = None;
        row.elem = tr;
        row.hints |= self.page.elems[tr as usize].hints;
        self.page.blocks.push(row);
        // The cells' elements now all hold the one row block.
        for el in &mut self.page.elems[tr as usize + 1..] {
            el.blocks = (start, start + 1);
        }
    }

    fn push_text(&mut self, s: &str, ctx: Ctx) {
        if self.text.is_empty() || self.ctx.is_none() {
            if s.trim().is_empty() && !ctx.pre {
                return;
            }
            self.ctx = Some(ctx);
        }
        let before = self.text.len();
        if ctx.pre {
            for c in s.chars() {
                if c != '\r' && c != '\0' {
                    self.text.push(c);
                }
            }
            self.at_space = self.text.ends_with(char::is_whitespace);
        } else {
            push_collapsed(&mut self.text, s, &mut self.at_space);
        }
        if self.rich.is_some() && ctx.kind != BlockKind::Code {
            let added = &self.text[before..];
            if ctx.code {
                self.md.push_str(added);
            } else {
                for c in added.chars() {
                    if matches!(c, '*' | '_' | '`' | '[' | ']' | '<' | '\\' | '&') {
                        self.md.push('\\');
                    }
                    self.md.push(c);
                }
            }
        }
        if ctx.link {
            self.link_chars += self.text[before..]
                .chars()
                .filter(|c| !c.is_whitespace())
                .count() as u32;
        }
    }

    /// Opens a link in the Markdown: returns its resolved target and where its text starts.
    fn start_link(&mut self, href: &str) -> Option<(String, Mark)> {
        let href = href.trim();
        if href.is_empty()
            || href.starts_with('#')
            || href.to_ascii_lowercase().starts_with("javascript:")
        {
            return None;
        }
        let base = self.rich.as_ref().and_then(|r| r.base.as_ref());
        let url = crate::urls::resolve_url(base, href);
        Some((url, self.mark(MarkKind::Link)?))
    }

    /// A mark at the end of the Markdown written so far; `None` past 4 GiB of it.
    fn mark(&self, kind: MarkKind) -> Option<Mark> {
        Some(Mark {
            at: u32::try_from(self.md.len()).ok()?,
            block: self.flushes,
            kind,
        })
    }

    /// Closes a link in the Markdown: `[` and `](url)` go around its text (whitespace
    /// outside them), or nowhere when it held no text or crossed a block.
    fn end_link(&mut self, url: &str, m: Mark) {
        let Some((start, end)) = self.marked_span(m) else {
            return;
        };
        self.md.insert_str(end, &format!("]({})", md_url(url)));
        self.md.insert(start, '[');
    }

    /// Where the text written since `m` starts and ends, whitespace left out; `None` when
    /// there is none or a block was flushed since.
    fn marked_span(&self, m: Mark) -> Option<(usize, usize)> {
        let at = m.at as usize;
        if m.block != self.flushes || at > self.md.len() || !self.md.is_char_boundary(at) {
            return None;
        }
        let inner = &self.md[at..];
        let body = inner.trim();
        if body.is_empty() {
            return None;
        }
        let start = at + inner.len() - inner.trim_start().len();
        Some((start, start + body.len()))
    }

    /// Closes emphasis or inline code in the Markdown: the markers go around its text
    /// (whitespace outside them), or nowhere when it held no text, crossed a block, or
    /// would not parse as emphasis.
    fn end_mark(&mut self, m: Mark) {
        let Some((start, end)) = self.marked_span(m) else {
            return;
        };
        let body = &self.md[start..end];
        let marker = m.kind.marker();
        let (open, close) = if m.kind == MarkKind::Code {
            // a code span's fence is longer than any run of backticks inside it
            let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest + 1);
            let pad = if body.starts_with('`') || body.ends_with('`') {
                " "
            } else {
                ""
            };
            (format!("{fence}{pad}"), format!("{pad}{fence}"))
        } else {
            // emphasis after a letter must start with one too, or it will not parse
            let before = self.md[..start].chars().next_back();
            let first = body.chars().next().unwrap_or(' ');
            let last = body.chars().next_back().unwrap_or(' ');
            if before.is_some_and(char::is_alphanumeric) && !first.is_alphanumeric()
                || last == '\\'
                || !last.is_alphanumeric() && !matches!(last, '.' | ',' | '!' | '?' | ')' | '"')
            {
                return;
            }
            // right after another emphasis: the same kind joins it, another kind is left
            // out (`*a**b*` would not parse as two)
            let head = &self.md[..start];
            if head.ends_with('*') && !head.ends_with("\\*") {
                if head.ends_with(marker) && !head.ends_with(&format!("*{marker}")) {
                    let joined = start - marker.len();
                    self.md.replace_range(joined..start, "");
                    self.md.insert_str(end - marker.len(), marker);
                }
                return;
            }
            (marker.to_string(), marker.to_string())
        };
        self.md.insert_str(end, &close);
        self.md.insert_str(start, &open);
    }

    /// Writes an image into the Markdown.
    fn image(&mut self, attrs: &[html5ever::Attribute], ctx: Ctx) {
        let Some(src) = attr(attrs, "src").or_else(|| attr(attrs, "data-src")) else {
            return;
        };
        let base = self.rich.as_ref().and_then(|r| r.base.as_ref());
        let url = crate::urls::resolve_url(base, src);
        let alt = crate::text::normalize_space(attr(attrs, "alt").unwrap_or(""));
        if self.ctx.is_none() {
            self.ctx = Some(ctx);
        }
        self.md.push_str(&format!(
            "![{}]({})",
            alt.replace(['[', ']'], ""),
            md_url(&url)
        ));
    }

    fn flush(&mut self) {
        // the text and Markdown buffers are cleared, not taken, so their room is reused
        let Some(ctx) = self.ctx.take() else {
            self.text.clear();
            self.md.clear();
            return;
        };
        let lang = if ctx.kind == BlockKind::Code {
            self.lang.take()
        } else {
            None
        };
        self.flushes = self.flushes.wrapping_add(1);
        let raw = self.text.as_str();
        let link_chars = std::mem::take(&mut self.link_chars);
        self.at_space = true;
        let text = if ctx.kind == BlockKind::Code {
            raw.trim_matches('\n').trim_end().to_string()
        } else if !raw.contains('\n') {
            raw.trim().to_string()
        } else {
            let mut t = String::with_capacity(raw.len());
            for line in raw.split('\n') {
                let line = line.trim();
                if !line.is_empty() {
                    if !t.is_empty() {
                        t.push('\n');
                    }
                    t.push_str(line);
                }
            }
            t
        };
        self.text.clear();
        let md = std::mem::take(&mut self.md);
        if text.is_empty() {
            return;
        }
        let md = (self.rich.is_some() && ctx.kind != BlockKind::Code).then(|| {
            md.split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        });
        let stats = TextStats::of(&text);
        self.page.blocks.push(Block {
            list: ctx
                .list
                .checked_sub(1)
                .and_then(|i| self.list_marks.get(i as usize).copied()),
            lang,
            md,
            text,
            kind: ctx.kind,
            flags: ctx.flags,
            elem: ctx.owner,
            stats,
            link_chars: link_chars.min(stats.chars),
            hints: ctx.hints,
        });
    }

    fn head(&mut self, dom: &Dom, node: NodeId) {
        // <head> holds no visible text, only metadata; its children are few and shallow.
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            for c in dom.children_rev(n) {
                if let Data::Element { name, attrs, .. } = &dom.node(c).data {
                    match &*name.local {
                        "title" if self.page.facts.title.is_none() => {
                            self.page.facts.title = Some(text_of_children(dom, c));
                        }
                        "meta" => self.meta(attrs),
                        "link" => self.link(attrs),
                        "script" => {
                            if is_json_ld(attrs) {
                                self.page.facts.json_ld.push(text_of_children(dom, c));
                            }
                        }
                        "noscript" | "template" => {}
                        _ => stack.push(c),
                    }
                }
            }
        }
    }

    fn meta(&mut self, attrs: &[html5ever::Attribute]) {
        let Some(content) = attr(attrs, "content") else {
            return;
        };
        for key in ["name", "property", "itemprop", "http-equiv"] {
            if let Some(k) = attr(attrs, key) {
                let k = k.trim().to_ascii_lowercase();
                if !k.is_empty() && self.page.facts.metas.len() < 512 {
                    self.page.facts.metas.push((k, content.trim().to_string()));
                }
            }
        }
    }

    fn link(&mut self, attrs: &[html5ever::Attribute]) {
        let rel = attr(attrs, "rel").unwrap_or("");
        if rel
            .split_ascii_whitespace()
            .any(|r| r.eq_ignore_ascii_case("canonical"))
            && self.page.facts.canonical.is_none()
        {
            if let Some(h) = attr(attrs, "href") {
                self.page.facts.canonical = Some(h.trim().to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    fn page(html: &str) -> Page {
        walk(&parse(html, usize::MAX, None), &Limits::default(), None)
    }

    #[test]
    fn blocks_in_document_order() {
        let p = page("<body><h1>Title</h1><p>One <a href='x'>link</a> two.</p><div>Three<p>Four</p>Five</div></body>");
        let texts: Vec<&str> = p.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Title", "One link two.", "Three", "Four", "Five"]);
        assert_eq!(p.blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(p.blocks[1].link_chars, 4);
    }

    #[test]
    fn joins_table_rows_and_keeps_code() {
        let p = page("<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table><pre>  x = 1\n    y</pre>");
        let texts: Vec<&str> = p.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["a\tb", "1\t2", "  x = 1\n    y"]);
        assert_eq!(p.blocks[0].kind, BlockKind::TableRow);
        assert_eq!(p.blocks[2].kind, BlockKind::Code);
    }

    #[test]
    fn skips_hidden_and_scripts_and_collects_facts() {
        let p = page(
            r#"<html lang="de"><head><title>T</title><meta property="og:title" content="OG">
            <link rel="canonical" href="/c"><script type="application/ld+json">{"a":1}</script></head>
            <body><div hidden>secret</div><p style="display: none">gone</p><script>var x</script>
            <p>Kept <span aria-hidden="true">icon</span>text<br>line two</p></body></html>"#,
        );
        let texts: Vec<&str> = p.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Kept text\nline two"]);
        assert_eq!(p.facts.title.as_deref(), Some("T"));
        assert_eq!(p.facts.lang.as_deref(), Some("de"));
        assert_eq!(p.facts.canonical.as_deref(), Some("/c"));
        assert_eq!(p.facts.json_ld.len(), 1);
        assert!(p.facts.metas.contains(&("og:title".into(), "OG".into())));
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let n = 3_000;
        let html = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let p = page(&html);
        assert_eq!(p.blocks.len(), 1);
        assert_eq!(p.blocks[0].text, "deep text");
        assert!(p.elems.len() <= Limits::default().max_depth + 2);
    }
}
