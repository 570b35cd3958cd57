//! Walking the tree with an explicit stack into elements and text blocks in document order,
//! gathering the raw metadata facts on the way.

mod facts;
mod inline;

pub use facts::Facts;
pub use inline::Rich;

use crate::block::{
    Block, BlockKind, Elem, ListMark, Markup, ANCHOR_LINKS_ONLY, IN_FIGURE, IN_LIST, IN_QUOTE,
    IN_TABLE, MACHINE_DATA, PLAIN_CELL,
};
use crate::dom::{Dom, NodeId, Ns, View, DOCUMENT, NONE};
use crate::element::{attr, code_language, tex_script, wrapper_language, AuthorSource, ElemFacts};
use crate::grid;
use crate::hints::{self, Hints};
use crate::limits::Limits;
use crate::tag::Tag;
use crate::text::{is_blank, is_closing_punct, push_collapsed, TextStats};
use inline::{InlineMarkdown, Mark, MarkKind};

/// Longest cell text (in characters) that still joins a table row into one line; longer
/// cells mean a layout table, whose cells stay separate blocks.
pub const MAX_ROW_CELL_CHARS: usize = 400;

/// The page as the classifier sees it.
#[derive(Debug, Default)]
pub struct Page {
    /// Elements in document order (pre-order), the root first.
    pub elems: Vec<Elem>,
    /// Text blocks in document order.
    pub blocks: Vec<Block>,
    /// The list items met, in order: a block's [`Block::list`] points here.
    pub lists: Vec<ListMark>,
    /// Raw metadata.
    pub facts: Facts,
    /// Elements hidden by inline style that the walk left out.
    pub style_hidden: u32,
    /// The links without text, in order: the stretched links laid over a whole card
    /// (their target named by `aria-label`), which make the card a link.
    pub bare_links: Vec<u32>,
    /// Whether this is the page read a second time (its `<noscript>` or hidden parts
    /// shown), the first reading having kept too little.
    pub read_again: bool,
}

/// Where the walk stands: what the text met here belongs to.
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
    /// Inside a `<pre>` whose code is in its `<code>`, and outside that `<code>`: the
    /// highlighter's chrome (a language label, a "Copy" or "Try" button), not code.
    pre_chrome: bool,
    link: bool,
    /// Inside a link to a place on the page (`href="#..."`).
    in_page_link: bool,
    /// Inside inline code: its Markdown is not escaped.
    code: bool,
    /// Its list item: an index into the walk's list marks plus one, 0 outside lists.
    list: u32,
}

/// The walk's work list: nodes to visit, and elements to close once their children are done.
enum Task {
    Visit(NodeId, Ctx),
    Close {
        elem: u32,
        block_start: u32,
        is_block: bool,
        /// Whether and how the element names an author, and whether it stands in a comment.
        author: Option<(AuthorSource, bool)>,
        /// The resolved target of a link whose Markdown is being written, and where
        /// (boxed: links are few, and every task carries the field).
        link: Option<Box<(String, Mark)>>,
        /// Emphasis or inline code whose Markdown is being written.
        mark: Option<Mark>,
    },
    /// The end of a block-level element inside preformatted text: the end of a line.
    EndLine,
}

struct Builder {
    page: Page,
    text: String,
    /// The block's Markdown, written beside its text when the options keep links, images or
    /// formatting.
    md: Option<InlineMarkdown>,
    at_space: bool,
    /// Whether a box the walk left out (a control, an embedded frame or picture) stands
    /// after the block's text: the next word is set apart from it.
    gap: bool,
    /// Non-space characters of the block in progress inside links.
    link_chars: u32,
    /// Whether some of those are of a link that leads to no place on the page (another
    /// page, a bare `#`, a script's route).
    off_page_link: bool,
    ctx: Option<Ctx>,
    max_depth: u32,
    /// Open lists: the list element, whether ordered, the next item's number.
    lists: Vec<(u32, bool, u32)>,
    /// Open elements the microdata marks as a recipe's ingredients, with where their text
    /// starts in the block being written.
    open_ingredients: Vec<(u32, usize)>,
    /// The authors' names kept inline in a sentence, open now: each with where its text
    /// starts in the block being written.
    open_authors: Vec<(u32, usize)>,
    /// The language a code block in progress names.
    lang: Option<Box<str>>,
    /// Whether elements hidden by inline style are walked.
    reveal: bool,
    /// Whether the base of the Markdown's links is settled (the head was read).
    base_settled: bool,
}

/// Walks `dom` into a [`Page`]; with `reveal`, elements hidden by inline style are walked
/// as the others are.
pub(crate) fn walk(dom: &Dom, limits: &Limits, rich: Option<Rich>, reveal: bool) -> Page {
    let mut b = Builder {
        page: Page::default(),
        text: String::new(),
        md: rich.map(InlineMarkdown::new),
        at_space: true,
        gap: false,
        link_chars: 0,
        off_page_link: false,
        ctx: None,
        max_depth: limits.max_depth.min(u32::MAX as usize) as u32,
        lists: Vec::new(),
        open_ingredients: Vec::new(),
        open_authors: Vec::new(),
        lang: None,
        reveal,
        base_settled: false,
    };
    b.page.elems.push(Elem {
        tag: Tag::Html,
        parent: 0,
        hints: 0,
        blocks: (0, 0),
        end: 1,
        sig: 0,
        component: 0,
    });
    let root = Ctx {
        elem: 0,
        owner: 0,
        kind: BlockKind::Paragraph,
        flags: 0,
        hints: 0,
        depth: 0,
        pre: false,
        pre_chrome: false,
        link: false,
        in_page_link: false,
        code: false,
        list: 0,
    };
    let mut stack: Vec<Task> = Vec::new();
    push_children(&mut stack, dom, DOCUMENT, root);
    while let Some(task) = stack.pop() {
        match task {
            Task::Visit(node, ctx) => {
                // the next sibling waits under this node's subtree: the stack holds one
                // task per level of the tree, not every child of a wide element
                let next = dom.node(node).next;
                if next != NONE {
                    stack.push(Task::Visit(next, ctx));
                }
                b.visit(dom, node, ctx, &mut stack)
            }
            Task::Close {
                elem,
                block_start,
                is_block,
                author,
                link,
                mark,
            } => {
                if let Some(md) = &mut b.md {
                    if let Some(m) = mark {
                        md.end_mark(m);
                    }
                    if let Some(l) = link {
                        md.end_link(&l.0, l.1);
                    }
                }
                b.close(elem, block_start, is_block, author);
                if let Some(&(e, at)) = b.open_ingredients.last() {
                    if e == elem {
                        b.open_ingredients.pop();
                        let inline = b.text_since(at, block_start);
                        b.page
                            .facts
                            .ingredient(inline, &b.page.blocks[block_start as usize..]);
                    }
                }
            }
            Task::EndLine => b.end_line(),
        }
    }
    b.flush();
    let n_blocks = b.page.blocks.len() as u32;
    let n_elems = b.page.elems.len() as u32;
    b.page.elems[0].blocks = (0, n_blocks);
    b.page.elems[0].end = n_elems;
    b.page.facts.microdata_types = dom.microdata_types.clone();
    b.page
}

/// Queues the first child of `node`, which queues its siblings in turn.
fn push_children(stack: &mut Vec<Task>, dom: &Dom, node: NodeId, ctx: Ctx) {
    let first = dom.node(node).first_child;
    if first != NONE {
        stack.push(Task::Visit(first, ctx));
    }
}

/// Least share of a `<pre>`'s visible characters that its one `<code>` holds for the
/// rest to be a highlighter's chrome (a language label, a "Copy" or "Try" button).
const PRE_CODE_SHARE: usize = 75;

/// Whether the `<pre>` at `node` holds one outermost `<code>` with at least
/// [`PRE_CODE_SHARE`] per cent of its visible characters: text outside it is chrome, not
/// code. (Several `<code>` elements, as PostgreSQL's docs write replaceable terms, are parts
/// of the code.)
fn code_holds_most(dom: &Dom, node: NodeId) -> bool {
    let (mut all, mut in_code, mut codes) = (0usize, 0usize, 0u32);
    let mut stack = vec![(dom.node(node).first_child, false)];
    while let Some((n, code)) = stack.pop() {
        if n == NONE {
            continue;
        }
        stack.push((dom.node(n).next, code));
        match dom.view(n) {
            View::Text(t) => {
                let k = t.chars().filter(|c| !c.is_whitespace()).count();
                all += k;
                if code {
                    in_code += k;
                }
            }
            View::Element(e, _) if e.ns == Ns::Html => {
                let opens = !code && e.name == html5ever::local_name!("code");
                codes += u32::from(opens);
                stack.push((dom.node(n).first_child, code || opens));
            }
            _ => {}
        }
    }
    codes == 1 && in_code > 0 && in_code * 100 >= all * PRE_CODE_SHARE
}

/// Whether a link's `href` leads to a place on the page: `#` and a name, not a bare `#` (a
/// script's button) nor a single-page app's route (`#/inbox`, `#!/inbox`).
fn is_in_page_href(href: &str) -> bool {
    href.strip_prefix('#')
        .is_some_and(|name| !name.is_empty() && !name.starts_with(['/', '!']))
}

/// Whether a link is a heading's or a definition's permalink: a sign alone (Sphinx's `¶`,
/// rustdoc's `§`, `#`, `🔗`) leading to a place on the page. It is no text of the page.
fn is_permalink(dom: &Dom, node: NodeId, attrs: &[html5ever::Attribute]) -> bool {
    attr(attrs, "href").is_some_and(|h| h.starts_with('#'))
        && first_text(dom, node).is_some_and(|t| matches!(t.trim(), "¶" | "§" | "#" | "🔗"))
        && dom.node(dom.node(node).first_child).next == NONE
}

/// Most nodes of a link looked at for text; a link of more is taken to have some.
const BARE_LINK_SCAN_NODES: usize = 16;

/// Whether an element's text is never shown: hidden (and no panel), hidden by its style,
/// or named hidden (a screen reader's text).
fn is_unseen(f: &ElemFacts) -> bool {
    (f.is(ElemFacts::HIDDEN) && !f.is(ElemFacts::PANEL))
        || f.is(ElemFacts::STYLE_HIDDEN)
        || f.own & hints::HIDDEN != 0
}

/// Whether the text after `node` in its block goes on with the sentence `node` sits in:
/// its first character shown (in the next few inline siblings, past the end of inline
/// parents) is a lower-case letter or a punctuation mark that does not open anything.
fn continues_sentence(dom: &Dom, node: NodeId) -> bool {
    let is_inline = |n: NodeId| {
        // by its tag: a sibling named boilerplate is inline all the same
        matches!(dom.view(n), View::Element(e, _) if e.ns == Ns::Html && !Tag::from_name(&e.name).is_block())
    };
    let mut cur = node;
    for _ in 0..8 {
        let mut at = dom.node(cur).next;
        if at == NONE {
            // past the last sibling, out of an inline parent (a link's icon at its end)
            let parent = dom.node(cur).parent;
            if parent == NONE || !is_inline(parent) {
                return false;
            }
            cur = parent;
            continue;
        }
        cur = at;
        // down the first children of an inline sibling to its first text
        for _ in 0..4 {
            match dom.view(at) {
                View::Text(t) => {
                    if let Some(c) = t.trim_start().chars().next() {
                        return c.is_lowercase()
                            || matches!(c, ',' | '.' | ';' | ':' | ')' | '!' | '?');
                    }
                    break;
                }
                // hidden text (a tracking pixel's, a screen reader's) is no reader's
                View::Element(e, _) if is_unseen(&e.facts) => break,
                View::Element(..) if is_inline(at) => {
                    let first = dom.node(at).first_child;
                    if first == NONE {
                        break;
                    }
                    at = first;
                }
                _ => return false,
            }
        }
    }
    false
}

/// Whether the subtree under `node` holds visible text, looking at no more than
/// [`BARE_LINK_SCAN_NODES`] nodes.
fn has_text(dom: &Dom, node: NodeId) -> bool {
    let first = dom.node(node).first_child;
    if first == NONE {
        return false;
    }
    if first_text(dom, node).is_some_and(|t| !is_blank(t)) {
        // the usual link, its text first: no scan
        return true;
    }
    let mut stack = vec![first];
    let mut seen = 0;
    while let Some(n) = stack.pop() {
        if n == NONE {
            continue;
        }
        if seen == BARE_LINK_SCAN_NODES {
            return true;
        }
        seen += 1;
        stack.push(dom.node(n).next);
        match dom.view(n) {
            View::Text(t) if !is_blank(t) => return true,
            View::Element(..) => stack.push(dom.node(n).first_child),
            _ => {}
        }
    }
    false
}

/// Most nodes of a button looked at for a heading inside it.
const BUTTON_SCAN_NODES: usize = 32;

/// Whether a heading stands among the first [`BUTTON_SCAN_NODES`] nodes under `node`.
fn holds_heading(dom: &Dom, node: NodeId) -> bool {
    let mut stack = vec![dom.node(node).first_child];
    let mut seen = 0;
    while let Some(n) = stack.pop() {
        if n == NONE || seen == BUTTON_SCAN_NODES {
            continue;
        }
        seen += 1;
        stack.push(dom.node(n).next);
        if let Some(e) = dom.element(n) {
            if matches!(e.facts.tag, Tag::H(_)) {
                return true;
            }
            stack.push(dom.node(n).first_child);
        }
    }
    false
}

/// Whether `node`, a button, holds all the text of the heading it stands in: an
/// accordion's toggle, as WAI-ARIA's accordion pattern writes it
/// (`<h3><button aria-expanded>Question</button></h3>`), not a heading's "Copy link" button.
/// Looks at [`BUTTON_SCAN_NODES`] siblings at most.
fn toggles_heading(dom: &Dom, node: NodeId) -> bool {
    let parent = dom.node(node).parent;
    if parent == NONE
        || !dom
            .element(parent)
            .is_some_and(|e| matches!(e.facts.tag, Tag::H(_)))
    {
        return false;
    }
    let mut sibling = dom.node(parent).first_child;
    for _ in 0..BUTTON_SCAN_NODES {
        if sibling == NONE {
            return true;
        }
        let text = match dom.view(sibling) {
            View::Text(t) => !is_blank(t),
            View::Element(..) => has_text(dom, sibling),
            _ => false,
        };
        if sibling != node && text {
            return false;
        }
        sibling = dom.node(sibling).next;
    }
    false
}

/// Longest heading text read to compare with a section's id.
const SLUG_MAX_CHARS: usize = 200;

/// Whether `id` is the slug of the heading that opens element `node` (Sphinx's `<section
/// id="cookies"><h2>Cookies</h2>`): its first child with text is a heading whose words,
/// lower-cased and joined by hyphens, are the id's.
fn names_its_heading(dom: &Dom, node: NodeId, id: &str) -> bool {
    for child in dom.children(node) {
        let mut text = String::new();
        let mut stack = vec![dom.node(child).first_child];
        if let Some(t) = dom.text(child) {
            text.push_str(t);
        }
        while let Some(n) = stack.pop() {
            if n == NONE || text.len() > SLUG_MAX_CHARS {
                continue;
            }
            stack.push(dom.node(n).next);
            match dom.view(n) {
                View::Text(t) => text.push_str(t),
                View::Element(..) => stack.push(dom.node(n).first_child),
                _ => {}
            }
        }
        if text.trim().is_empty() {
            continue;
        }
        let heading = dom
            .element(child)
            .is_some_and(|e| matches!(e.facts.tag, Tag::H(_)));
        return heading && slug(&text) == slug(id);
    }
    false
}

/// Lower-cased runs of letters and digits joined by hyphens.
fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Whether an element is MediaWiki's picture of a formula (`<img
/// class="mwe-math-fallback-image-inline">`), its TeX in its alt text; and whether the
/// formula is displayed.
fn math_image(local: &html5ever::LocalName, attrs: &[html5ever::Attribute]) -> Option<bool> {
    if *local != html5ever::local_name!("img") {
        return None;
    }
    let class = attr(attrs, "class")?;
    class
        .split_ascii_whitespace()
        .find_map(|w| w.strip_prefix("mwe-math-fallback-image-"))
        .map(|kind| kind == "display")
}

/// TeX without the `{\displaystyle ...}` wrapper Wikipedia puts around its formulas.
fn strip_display_style(tex: &str) -> &str {
    let t = tex.trim();
    for style in ["{\\displaystyle", "{\\textstyle"] {
        if let Some(inner) = t.strip_prefix(style).and_then(|r| r.strip_suffix('}')) {
            return inner;
        }
    }
    t
}

/// The first text inside `node`, if its first child is text.
fn first_text(dom: &Dom, node: NodeId) -> Option<&str> {
    let first = dom.node(node).first_child;
    (first != NONE)
        .then(|| dom.text(first))
        .flatten()
        .map(|t| &**t)
}

/// The kind of the blocks inside a block-level element `tag`, inside `outer`.
fn block_kind(tag: Tag, outer: BlockKind) -> BlockKind {
    match tag {
        // a <div> or <p> inside a heading (GitBook's beside its anchor link, a rich-text
        // editor's paragraph) is the heading's text; an inline element made a block of its
        // own (a commenter's name) is not
        Tag::Div | Tag::P if matches!(outer, BlockKind::Heading(_)) => outer,
        Tag::P => BlockKind::Paragraph,
        Tag::H(l) => BlockKind::Heading(l),
        Tag::Li => BlockKind::ListItem,
        Tag::Dt => BlockKind::Term,
        Tag::Dd => BlockKind::Paragraph,
        Tag::Pre => BlockKind::Code,
        Tag::Td | Tag::Th => BlockKind::Cell,
        Tag::Figcaption => BlockKind::Caption,
        _ if outer == BlockKind::Code => BlockKind::Code,
        _ if outer == BlockKind::Caption => BlockKind::Caption,
        _ => BlockKind::Paragraph,
    }
}

/// The context flag a block-level element `tag` sets for the blocks inside it.
fn block_flag(tag: Tag) -> u8 {
    match tag {
        Tag::Blockquote => IN_QUOTE,
        Tag::Ul | Tag::Ol | Tag::Dl => IN_LIST,
        Tag::Table => IN_TABLE,
        Tag::Figure => IN_FIGURE,
        _ => 0,
    }
}

/// Fewest words before an author's name, in its sentence, that make the name a word of the
/// sentence ("Lead tester <a>Jane Doe</a> has...", "says study author <a>Jane Doe</a>,
/// director of..."); fewer make a byline ("By", "Posted by", "Reviewed by"), and so does
/// a byline's word right before the name ("Story and photos by").
pub const AUTHOR_IN_SENTENCE_MIN_WORDS: usize = 2;

/// Most bytes of the sentence in progress read for the words before an inline element.
const SENTENCE_TAIL_BYTES: usize = 256;

/// The names of an inline element whose text is left out where it stands in the middle of
/// a sentence, without cutting the sentence (a screen reader's "(link is external)", an
/// "Advertisement" label, a share button, a comment count): no reader reads them there.
const UNSEEN_IN_SENTENCE: Hints = hints::SHARE
    | hints::COMMENT
    | hints::COOKIE
    | hints::NEWSLETTER
    | hints::AD
    | hints::PROMO
    | hints::HIDDEN;

/// What an inline element named boilerplate in the middle of a sentence becomes.
enum InSentence {
    /// A word of the sentence: its text stays in it (a link whose class says it opens a
    /// popup, a term with a tooltip, an author's name deep in a sentence).
    Word,
    /// Left out, the sentence whole around it.
    Unseen,
}

/// Fewest blocks of text in a `<figure>` without a `<figcaption>` that make it a card
/// whose text is content (one or two are a caption and a credit).
pub const FIGURE_CARD_MIN_BLOCKS: usize = 3;

impl Builder {
    fn visit(&mut self, dom: &Dom, node: NodeId, ctx: Ctx, stack: &mut Vec<Task>) {
        match dom.view(node) {
            View::Text(text) => {
                if ctx.kind == BlockKind::Caption && ctx.hints & hints::HIDDEN != 0 {
                    return;
                }
                self.push_text(text, ctx);
            }
            // a <math> (the parser puts MathML only inside one, and its content is read
            // here, not walked)
            View::Element(e, attrs) if e.ns == Ns::MathMl => self.math(dom, node, attrs, ctx),
            View::Element(e, attrs) => {
                let facts = &e.facts;
                // <svg> and <math> content: no article text lives there
                let foreign = e.ns != Ns::Html;
                if foreign && &*e.name == "svg" {
                    self.separate(ctx);
                }
                let mut skipped = foreign
                    || self.handled_by_name(dom, node, &e.name, attrs, ctx)
                    || (facts.is(ElemFacts::HIDDEN) && !facts.is(ElemFacts::PANEL));
                if !skipped
                    && facts.is(ElemFacts::STYLE_HIDDEN)
                    && !self.reveal
                    && !facts.is(ElemFacts::PANEL)
                {
                    self.page.style_hidden += 1;
                    skipped = true;
                }
                if !skipped {
                    // a hidden panel is walked, its blocks marked: the page's type decides
                    let mut ctx = ctx;
                    if facts.is(ElemFacts::PANEL) {
                        ctx.hints |= hints::PANEL;
                    }
                    self.element(dom, node, &e.name, attrs, facts, ctx, stack);
                }
            }
            View::Document => push_children(stack, dom, node, ctx),
            _ => {}
        }
    }

    /// The elements the walk handles by their name alone: scripts, metadata, embedded and
    /// form content and ruby annotations (skipped; a box among them sets the words around
    /// it apart), and line breaks. Returns whether
    /// `local` was one.
    fn handled_by_name(
        &mut self,
        dom: &Dom,
        node: NodeId,
        local: &html5ever::LocalName,
        attrs: &[html5ever::Attribute],
        ctx: Ctx,
    ) -> bool {
        let facts = &mut self.page.facts;
        match &**local {
            "script" => match tex_script(attrs) {
                Some(display) => {
                    let tex = facts::text_of_children(dom, node);
                    self.formula(Some(&tex), "", display, ctx);
                }
                None => facts.script(dom, node, attrs),
            },
            "head" => {
                facts.head(dom, node);
                self.settle_base();
            }
            "base" => {
                facts.base(attrs);
                self.settle_base();
            }
            "noscript" => facts.noscript(dom, node),
            // a control or an embedded box stands between the words on either side of it
            // (`Sort by<select>...</select>8 products`), as a browser draws it
            "iframe" | "object" | "embed" | "canvas" | "video" | "audio" | "select"
            | "textarea" | "input" => self.separate(ctx),
            "style" | "template" | "map" | "frame" | "svg" | "math" | "datalist" | "option"
            | "source" | "track" | "param" | "wbr" => {}
            // a ruby's annotations (furigana's reading over a kanji, a container of
            // them) and the fallback brackets around them: the text is the base, as a
            // reader reads it
            "rt" | "rp" | "rtc" => {}
            // an accordion's toggle holding its section's heading (a FAQ's question), or
            // held by it (`<h3><button aria-expanded>`, WAI-ARIA's accordion pattern), is
            // walked for that heading; other buttons are controls
            "button" if !holds_heading(dom, node) && !toggles_heading(dom, node) => {
                self.separate(ctx)
            }
            "title" => facts.title(dom, node),
            "meta" => facts.add_meta(attrs),
            "link" => facts.link(attrs),
            "br" => self.line_break(ctx),
            "a" if is_permalink(dom, node, attrs) => {}
            _ => return false,
        }
        true
    }

    /// Where the Markdown's relative links and images lead from, once the page's head is
    /// read: the page's `<base>` (resolved against the page's URL), else the URL the
    /// caller gave, else the page's canonical URL (`<link rel=canonical>`, `og:url`).
    fn settle_base(&mut self) {
        let Some(md) = self.md.as_mut().filter(|_| !self.base_settled) else {
            return;
        };
        self.base_settled = true;
        let facts = &self.page.facts;
        let given = md.rich.base.as_ref();
        let from_base = facts.base.as_deref().and_then(|b| match given {
            Some(page) => page.join(b).ok(),
            None => url::Url::parse(b).ok(),
        });
        let canonical = || {
            let og = facts
                .metas
                .iter()
                .find(|(k, _)| k == "og:url")
                .map(|(_, v)| v.as_str());
            [facts.canonical.as_deref(), og]
                .into_iter()
                .flatten()
                .filter_map(|u| url::Url::parse(u).ok())
                .find(|u| matches!(u.scheme(), "http" | "https"))
        };
        if let Some(b) = from_base.filter(|u| matches!(u.scheme(), "http" | "https")) {
            md.rich.base = Some(b);
        } else if given.is_none() {
            md.rich.base = canonical();
        }
    }

    /// A MathML formula: its TeX where it carries some (an `<annotation>` in TeX, as
    /// KaTeX and MathJax write, or Wikipedia's `alttext`), else its text.
    fn math(&mut self, dom: &Dom, node: NodeId, attrs: &[html5ever::Attribute], ctx: Ctx) {
        let display = attr(attrs, "display").is_some_and(|d| d.trim() == "block");
        let mut tex = None;
        let mut text = String::new();
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            match dom.view(n) {
                View::Text(t) => text.push_str(t),
                View::Element(e, a) if &*e.name == "annotation" => {
                    let encoding = attr(a, "encoding")
                        .unwrap_or("")
                        .trim()
                        .to_ascii_lowercase();
                    if tex.is_none() && (encoding == "application/x-tex" || encoding == "tex") {
                        tex = Some(facts::text_of_children(dom, n));
                    }
                }
                View::Element(..) => stack.extend(dom.children_rev(n)),
                _ => {}
            }
        }
        let tex = tex.or_else(|| attr(attrs, "alttext").map(str::to_string));
        self.formula(tex.as_deref(), &text, display, ctx);
    }

    /// Writes a formula: its TeX, where the page gives it, as `$tex$` (or `$$tex$$` when
    /// displayed, in a block of its own) in the Markdown and as it is in the text; else
    /// its text.
    fn formula(&mut self, tex: Option<&str>, text: &str, display: bool, ctx: Ctx) {
        let tex = tex.map(|t| crate::text::normalize_space(strip_display_style(t)));
        let tex = tex.filter(|t| !t.is_empty());
        let text = crate::text::normalize_space(text);
        let plain = tex.as_deref().unwrap_or(&text);
        if plain.is_empty() {
            return;
        }
        if display {
            self.flush();
        }
        if self.text.is_empty() || self.ctx.is_none() {
            self.ctx = Some(ctx);
        }
        let before = self.text.len();
        push_collapsed(&mut self.text, plain, &mut self.at_space);
        if let Some(md) = &mut self.md {
            if ctx.kind != BlockKind::Code {
                match &tex {
                    Some(t) if display => md.push_raw(&format!("$${t}$$")),
                    Some(t) => md.push_raw(&format!("${t}$")),
                    None => md.push_text(&self.text[before..], ctx.code),
                }
            }
        }
        self.at_space = false;
        if display {
            self.flush();
        }
    }

    /// A space between the words before and after a box the walk leaves out (a control,
    /// an embedded frame or picture), outside preformatted text.
    fn separate(&mut self, ctx: Ctx) {
        self.gap = !ctx.pre && !self.text.is_empty();
    }

    /// The space after a left-out box ([`Builder::separate`]), before the text `s` that
    /// follows it, unless `s` opens with a space or closes with a stop or a bracket.
    #[cold]
    fn gap_before(&mut self, s: &str) {
        self.gap = false;
        if s.starts_with(|c: char| !c.is_whitespace() && !is_closing_punct(c)) {
            push_collapsed(&mut self.text, " ", &mut self.at_space);
            if let Some(md) = &mut self.md {
                md.space();
            }
        }
    }

    /// A `<br>`: a line break in the block, or, after another, the end of a paragraph (as
    /// legacy markup separates them).
    fn line_break(&mut self, ctx: Ctx) {
        if ctx.pre {
            if self.ctx.is_none() {
                self.ctx = Some(ctx);
            }
            self.text.push('\n');
        } else if self.text.ends_with('\n') {
            self.flush();
        } else if !self.text.is_empty() {
            while self.text.ends_with(' ') {
                self.text.pop();
            }
            self.text.push('\n');
            if let Some(md) = &mut self.md {
                md.newline();
            }
            self.at_space = true;
        }
    }

    /// An element the walk descends into: it is recorded, opens a block if it is
    /// block-level, a list or item, a link or formatting, and its children are visited
    /// before it closes.
    #[allow(clippy::too_many_arguments)]
    fn element(
        &mut self,
        dom: &Dom,
        node: NodeId,
        local: &html5ever::LocalName,
        attrs: &[html5ever::Attribute],
        facts: &ElemFacts,
        ctx: Ctx,
        stack: &mut Vec<Task>,
    ) {
        if &**local == "html" {
            self.page.facts.html(attrs);
        }
        if &**local == "time" {
            let at = self.page.blocks.len() as u32;
            self.page.facts.time(dom, node, attrs, at);
        }
        if ctx.pre {
            self.code_element(dom, node, local, attrs, facts, ctx, stack);
            return;
        }
        if let Some(display) = math_image(local, attrs) {
            // MediaWiki's picture of a formula, its TeX in the alt text
            self.formula(attr(attrs, "alt"), "", display, ctx);
            return;
        }
        let depth = ctx.depth + 1;
        if depth > self.max_depth {
            // Too deep for a place of its own: its content flows into the block above.
            let mut inner = ctx;
            inner.depth = depth;
            push_children(stack, dom, node, inner);
            return;
        }
        let mut facts = *facts;
        if facts.tag == Tag::Block {
            match self.in_sentence_fate(dom, node, local, &facts) {
                Some(InSentence::Word) => facts.tag = Tag::from_name(local),
                Some(InSentence::Unseen) => return,
                None => {}
            }
        }
        if facts.is(ElemFacts::ID_HINTS)
            && attr(attrs, "id").is_some_and(|id| names_its_heading(dom, node, id))
        {
            facts.own = 0;
        }
        let facts = &facts;
        let (e, block_start, mut inner) = self.open(facts, ctx, depth);
        let tag = facts.tag;
        if tag == Tag::Pre {
            inner.pre_chrome = code_holds_most(dom, node);
        }
        if self.md.as_ref().is_some_and(|m| m.rich.formatting)
            && (tag == Tag::Pre || (ctx.pre && tag == Tag::Code))
        {
            let wrapper = || (tag == Tag::Pre).then(|| wrapper_language_above(dom, node))?;
            if let Some(l) = code_language(attrs).or_else(wrapper) {
                self.lang = Some(l.into());
            }
        }
        if tag == Tag::A && facts.is(ElemFacts::HAS_HREF) && !has_text(dom, node) {
            self.page.bare_links.push(e);
        }
        self.open_list(tag, e, attrs, &mut inner);
        if facts.author.is_some() && !tag.is_block() {
            // an author's name kept in its sentence: its text is the fact
            self.open_authors.push((e, self.text.len()));
        }
        if attr(attrs, "itemprop").is_some_and(crate::element::names_ingredient) {
            self.open_ingredients.push((e, self.text.len()));
        }
        let (mark, link) = self.open_inline(facts, attrs, ctx, &mut inner);
        stack.push(Task::Close {
            elem: e,
            block_start,
            is_block: tag.is_block(),
            // a commenter is not the page's author, but may be a thread's first poster
            author: facts.author.map(|a| (a, inner.hints & hints::COMMENT != 0)),
            link,
            mark,
        });
        push_children(stack, dom, node, inner);
    }

    /// An element inside preformatted text. It opens no block and its names count for
    /// nothing (a highlighter's `token comment` or `tag` is code, not boilerplate); a
    /// block-level one is a line of the code (Shiki's and CodeMirror's `<div class="line">`),
    /// and so is Shiki's `<span class="line">`.
    /// The language label a highlighter writes inside the code (Shiki twoslash's
    /// `<div class="language-id">`) gives the language and is no line.
    #[allow(clippy::too_many_arguments)]
    fn code_element(
        &mut self,
        dom: &Dom,
        node: NodeId,
        local: &html5ever::LocalName,
        attrs: &[html5ever::Attribute],
        facts: &ElemFacts,
        ctx: Ctx,
        stack: &mut Vec<Task>,
    ) {
        let formatting = self.md.as_ref().is_some_and(|m| m.rich.formatting);
        if facts.is(ElemFacts::CODE_LABEL) {
            if formatting {
                let label = first_text(dom, node).unwrap_or("").trim();
                if !label.is_empty() && self.lang.is_none() {
                    self.lang = Some(label.into());
                }
            }
            return;
        }
        let tag = Tag::from_name(local);
        if formatting && tag == Tag::Code {
            if let Some(l) = code_language(attrs) {
                self.lang = Some(l.into());
            }
        }
        let mut inner = ctx;
        inner.depth = ctx.depth.saturating_add(1);
        if tag == Tag::Code {
            inner.pre_chrome = false;
        }
        if tag.is_block() {
            self.end_line();
            stack.push(Task::EndLine);
        } else if facts.is(ElemFacts::CODE_LINE)
            && !self
                .text
                .rsplit('\n')
                .next()
                .unwrap_or("")
                .trim()
                .is_empty()
        {
            // Shiki's lines, their newlines left out by a minifier
            self.end_line();
        }
        push_children(stack, dom, node, inner);
    }

    /// Ends the line of preformatted text in progress, if one is.
    fn end_line(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    /// What becomes of an inline element named boilerplate (made a block of its own by
    /// [`crate::element::element_facts`]) that stands in the middle of a sentence: the text
    /// before it in the block in progress does not end one, the text after it goes on
    /// with it. None when it does not, or when it is a footnote's mark: it stays apart.
    fn in_sentence_fate(
        &self,
        dom: &Dom,
        node: NodeId,
        local: &html5ever::LocalName,
        facts: &ElemFacts,
    ) -> Option<InSentence> {
        if Tag::from_name(local).is_block()
            || matches!(&**local, "sup" | "sub")
            || !self.in_sentence()
            || !continues_sentence(dom, node)
        {
            return None;
        }
        if facts.own & UNSEEN_IN_SENTENCE != 0 {
            return Some(InSentence::Unseen);
        }
        let tail = self.sentence_tail();
        if facts.author.is_some()
            && (tail
                .split_whitespace()
                .nth(AUTHOR_IN_SENTENCE_MIN_WORDS - 1)
                .is_none()
                || tail
                    .split_whitespace()
                    .next_back()
                    .is_some_and(crate::text::is_byline_word))
        {
            // a byline ("Posted by <a>Jane Doe</a>, staff writer", "Story and photos by
            // <a>Jane Doe</a>"), not a sentence
            return None;
        }
        Some(InSentence::Word)
    }

    /// Whether the block in progress has text that does not end a sentence.
    fn in_sentence(&self) -> bool {
        self.ctx.is_some()
            && self
                .text
                .trim_end()
                .chars()
                .next_back()
                .is_some_and(|c| !matches!(c, '.' | '!' | '?' | ':' | '|' | '\u{b7}' | '\u{2022}'))
    }

    /// The end of the sentence in progress: the block's text since its last stop, at most
    /// [`SENTENCE_TAIL_BYTES`] of it.
    fn sentence_tail(&self) -> &str {
        let tail = crate::text::suffix_within(&self.text, SENTENCE_TAIL_BYTES);
        tail.rfind(['.', '!', '?', ';'])
            .map_or(tail, |i| &tail[i + 1..])
    }

    /// Records an element and gives its index, its first block, and the context inside it.
    fn open(&mut self, facts: &ElemFacts, ctx: Ctx, depth: u32) -> (u32, u32, Ctx) {
        let ElemFacts {
            tag,
            own,
            sig,
            component,
            ..
        } = *facts;
        let e = self.page.elems.len() as u32;
        let block_start = self.page.blocks.len() as u32;
        self.page.elems.push(Elem {
            tag,
            parent: ctx.elem,
            hints: own,
            blocks: (block_start, block_start),
            end: e + 1,
            sig,
            component,
        });
        let mut inner = ctx;
        inner.elem = e;
        inner.depth = depth;
        inner.hints |= own;
        if tag.is_block() {
            self.flush();
            inner.owner = e;
            inner.kind = block_kind(tag, ctx.kind);
            let mut flag = block_flag(tag);
            if own & hints::CALLOUT != 0 {
                // a documentation page's admonition is set apart as a quotation is
                flag |= IN_QUOTE;
            }
            if flag & (IN_QUOTE | IN_TABLE) != 0 {
                // a quote or a table set in a figure (WordPress's table and pull-quote
                // blocks, a quote with its attribution) is the text's own, not a caption
                inner.flags &= !IN_FIGURE;
            }
            inner.flags |= flag;
        }
        if tag == Tag::Pre {
            inner.pre = true;
        }
        (e, block_start, inner)
    }

    /// Opens a list (noting whether it is ordered and where it starts), or an item of the
    /// innermost list (with its number).
    fn open_list(&mut self, tag: Tag, e: u32, attrs: &[html5ever::Attribute], inner: &mut Ctx) {
        match tag {
            Tag::Ul | Tag::Ol => {
                let start = if tag == Tag::Ol {
                    attr(attrs, "start")
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .unwrap_or(1)
                } else {
                    1
                };
                self.lists.push((e, tag == Tag::Ol, start));
            }
            Tag::Li => {
                let depth = self.lists.len().min(u8::MAX as usize) as u8;
                if let Some(top) = self.lists.last_mut() {
                    let number = top.1.then_some(top.2);
                    top.2 = top.2.saturating_add(1);
                    self.page.lists.push(ListMark {
                        depth,
                        number,
                        item: e,
                    });
                    inner.list = self.page.lists.len() as u32;
                }
            }
            _ => {}
        }
    }

    /// Opens what an inline element brings: emphasis or inline code and links in the
    /// Markdown (when kept), link text for the link density, an image.
    #[allow(clippy::type_complexity)]
    fn open_inline(
        &mut self,
        facts: &ElemFacts,
        attrs: &[html5ever::Attribute],
        ctx: Ctx,
        inner: &mut Ctx,
    ) -> (Option<Mark>, Option<Box<(String, Mark)>>) {
        let tag = facts.tag;
        let mut mark = None;
        let mut link = None;
        if tag == Tag::A && facts.is(ElemFacts::HAS_HREF) {
            inner.link = true;
            inner.in_page_link = attr(attrs, "href").is_some_and(|h| is_in_page_href(h.trim()));
        }
        let Some(md) = &mut self.md else {
            return (mark, link);
        };
        if md.rich.formatting && !ctx.pre && !ctx.code {
            let kind = match tag {
                Tag::Em => Some(MarkKind::Em),
                Tag::Strong => Some(MarkKind::Strong),
                Tag::Code => Some(MarkKind::Code),
                _ => None,
            };
            if let Some(kind) = kind {
                mark = md.open(kind);
                inner.code = tag == Tag::Code;
            }
        }
        if tag == Tag::A && facts.is(ElemFacts::HAS_HREF) && md.rich.links {
            link = attr(attrs, "href")
                .and_then(|href| md.start_link(href))
                .map(Box::new);
        }
        if tag == Tag::Img && md.rich.images && md.image(attrs) && self.ctx.is_none() {
            self.ctx = Some(ctx);
        }
        (mark, link)
    }

    fn close(
        &mut self,
        e: u32,
        block_start: u32,
        is_block: bool,
        author: Option<(AuthorSource, bool)>,
    ) {
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
        // the element's subtree is whole (a row's cells are found by it); its blocks are
        // counted after a row or a figure joined or captioned them
        self.page.elems[e as usize].end = self.page.elems.len() as u32;
        if tag == Tag::Tr {
            self.join_row(e, block_start);
        }
        if tag == Tag::Figure {
            self.caption_images(block_start);
            self.uncaption_figure(e, block_start);
        }
        self.page.elems[e as usize].blocks.1 = self.page.blocks.len() as u32;
        if let Some((src, in_comment)) = author {
            let inline = match self.open_authors.last() {
                Some(&(a, at)) if a == e => {
                    self.open_authors.pop();
                    self.text_since(at, block_start)
                }
                _ => String::new(),
            };
            let blocks = &self.page.blocks[block_start as usize..];
            self.page
                .facts
                .author(src, inline, blocks, block_start, in_comment);
        }
    }

    /// The text written since `at` in the block being written, when no block was made
    /// since the element whose blocks start at `start` opened (a closed inline element's
    /// text); else empty, and the element's text is in its blocks (a closed block element's
    /// text always is).
    fn text_since(&self, at: usize, start: u32) -> String {
        if self.page.blocks.len() as u32 != start {
            return String::new();
        }
        self.text
            .get(at..)
            .map_or_else(String::new, |t| t.trim().to_string())
    }

    /// Takes the text of a figure, whose blocks start at `start`, as the text's own, not a
    /// caption, when the figure is a code listing (a `<pre>` with its file name and its
    /// "Listing 10-12: ..." caption, as mdBook and Sphinx set them) or a card: no
    /// `<figcaption>` and [`FIGURE_CARD_MIN_BLOCKS`] blocks of text or more (a shop's
    /// product card set in a `<figure>`: a name, a kind, a price; a headline's figure with
    /// the standfirst beside the photograph).
    fn uncaption_figure(&mut self, figure: u32, start: u32) {
        // the figure's elements: its subtree is whole, and nothing after it is open yet
        let f = figure as usize;
        let end = self.page.elems[f].end as usize;
        let elems = &mut self.page.elems[f..end];
        let blocks = &mut self.page.blocks[start as usize..];
        let listing = blocks.iter().any(|b| b.kind == BlockKind::Code);
        let card = !elems.iter().any(|e| e.tag == Tag::Figcaption)
            && blocks
                .iter()
                .filter(|b| b.kind != BlockKind::Image && b.stats.chars > 0)
                .count()
                >= FIGURE_CARD_MIN_BLOCKS;
        if !(listing || card) {
            return;
        }
        for b in blocks {
            b.flags &= !IN_FIGURE;
            if b.kind == BlockKind::Caption {
                b.kind = BlockKind::Paragraph;
            }
            if listing {
                // the <figcaption>'s name as a caption, inherited
                b.hints &= !hints::CAPTION;
            }
        }
        if listing {
            // the <figcaption> names itself a caption too
            for e in elems.iter_mut().filter(|e| e.tag == Tag::Figcaption) {
                e.hints &= !hints::CAPTION;
            }
        }
    }

    /// Gives the images of a figure, whose blocks start at `start`, its caption: as their
    /// alt text where they have none, else as their title.
    fn caption_images(&mut self, start: u32) {
        let blocks = &mut self.page.blocks[start as usize..];
        let Some(caption) = blocks
            .iter()
            .find(|b| b.kind == BlockKind::Caption)
            .map(|b| b.text.replace('\n', " "))
        else {
            return;
        };
        for b in blocks.iter_mut().filter(|b| b.kind == BlockKind::Image) {
            if let Some(md) = b.markup.as_mut().and_then(|m| m.md.as_mut()) {
                *md = inline::with_caption(md, &caption);
            }
        }
    }

    /// Joins the cells of a data-table row into one block when each of its lines is a
    /// short line of text straight inside a cell: cells apart by tabs (an empty cell keeps
    /// its place), the lines of a cell by spaces in the text and by `\n` in the Markdown,
    /// which the row has whenever a cell holds several lines or the options keep links or
    /// formatting. A row whose only text is one cell of several lines, or long, is layout.
    /// Rows whose cells hold more (paragraphs, lists), or a column of prose
    /// ([`grid::has_prose_column`]), are left to the assembly of the kept blocks, after the
    /// classifier has judged their parts.
    fn join_row(&mut self, tr: u32, start: u32) {
        let Some(cells) = self.row_cells(tr, start) else {
            if let [b] = &mut self.page.blocks[start as usize..] {
                if b.kind == BlockKind::Cell {
                    b.kind = BlockKind::Paragraph;
                }
            }
            return;
        };
        let n_elems = self.page.elems.len();
        let mut blocks = self.page.blocks.split_off(start as usize).into_iter();
        let mut text = String::new();
        let mut md = String::new();
        let mut lines_in_cells = false;
        let mut plain_cell = false;
        let mut row: Option<Block> = None;
        for (k, n) in cells.into_iter().enumerate() {
            if k > 0 {
                text.push('\t');
                md.push('\t');
            }
            let mut cell_links = 0;
            let mut cell_text = false;
            for (line, b) in blocks.by_ref().take(n as usize).enumerate() {
                cell_links += b.link_chars;
                cell_text |= b.text.chars().any(char::is_alphanumeric);
                if line > 0 {
                    // one row a line in the text; the Markdown keeps the cell's lines
                    text.push(' ');
                    md.push('\n');
                    lines_in_cells = true;
                }
                text.push_str(&b.text);
                match b.markup.as_ref().and_then(|m| m.md.as_deref()) {
                    Some(m) => md.push_str(m),
                    None => crate::md_escape::push_escaped(&mut md, &b.text),
                }
                match &mut row {
                    None => row = Some(b),
                    Some(r) => {
                        r.stats.add(&b.stats);
                        // the row's links all lead on the page when every cell's do
                        if b.link_chars > 0
                            && (r.link_chars == 0 || r.flags & ANCHOR_LINKS_ONLY != 0)
                        {
                            r.flags =
                                (r.flags & !ANCHOR_LINKS_ONLY) | (b.flags & ANCHOR_LINKS_ONLY);
                        }
                        r.link_chars += b.link_chars;
                    }
                }
            }
            plain_cell |= cell_text && cell_links == 0;
        }
        let Some(mut row) = row else {
            return;
        };
        row.text = text.into_boxed_str();
        row.kind = BlockKind::TableRow;
        if plain_cell {
            row.flags |= PLAIN_CELL;
        }
        row.markup = (self.md.is_some() || lines_in_cells).then(|| {
            Box::new(Markup {
                md: Some(md),
                lang: None,
            })
        });
        row.elem = tr;
        row.hints |= self.page.elems[tr as usize].hints;
        self.page.blocks.push(row);
        // The cells' elements now all hold the one row block.
        for el in &mut self.page.elems[tr as usize + 1..n_elems] {
            el.blocks = (start, start + 1);
        }
    }

    /// How many blocks each cell of the row `tr` (its `<td>` and `<th>` children) holds,
    /// its blocks starting at `start`, when they are all short lines of text straight
    /// inside the cells (see [`Builder::join_row`]); `None` otherwise.
    fn row_cells(&self, tr: u32, start: u32) -> Option<Vec<u32>> {
        let elems = &self.page.elems;
        let blocks = &self.page.blocks[start as usize..];
        // a cell's text straight inside it, or a heading that is all the cell holds (a
        // column's name, a group of rows' title)
        let straight = |b: &Block| {
            let parent = elems[b.elem as usize].parent;
            match b.kind {
                BlockKind::Cell => parent == tr,
                BlockKind::Heading(_) => {
                    let cell = &elems[parent as usize];
                    matches!(cell.tag, Tag::Td | Tag::Th)
                        && cell.parent == tr
                        && cell.blocks.1 - cell.blocks.0 == 1
                }
                _ => false,
            }
        };
        let line = |b: &Block| {
            straight(b) && !b.text.contains('\n') && b.text.chars().count() <= MAX_ROW_CELL_CHARS
        };
        let cells = || -> Vec<u32> {
            grid::cells(elems, tr)
                .map(|c| {
                    let (a, z) = elems[c as usize].blocks;
                    z - a
                })
                .collect()
        };
        if let [b] = blocks {
            // a lone cell holding lines of text, or long, is layout, not data; so is a
            // row of one cell that is the page's `<h1>` (a layout table's headline; a
            // lesser heading alone in a row titles the rows after it). Beside empty
            // cells, the line keeps its column (Doxygen's summary rows: a description
            // under the member's name, its first cell blank)
            if b.kind == BlockKind::Heading(1) || !line(b) {
                return None;
            }
            // (the empty cells after it say nothing a Markdown table does not)
            let mut cells = cells();
            let filled = cells.iter().rposition(|&n| n > 0);
            return Some(match filled {
                Some(k) if cells.iter().sum::<u32>() == 1 => {
                    cells.truncate(k + 1);
                    cells
                }
                _ => vec![1],
            });
        }
        if blocks.is_empty()
            || !blocks.iter().all(line)
            || grid::has_prose_column(elems, &self.page.blocks, tr)
        {
            return None;
        }
        let cells = cells();
        // a lone cell of several paragraphs is layout too (beside empty spacer cells or
        // not): its paragraphs stay apart
        let filled = cells.iter().filter(|&&n| n > 0).count();
        (filled > 1 && cells.iter().sum::<u32>() as usize == blocks.len()).then_some(cells)
    }

    fn push_text(&mut self, s: &str, ctx: Ctx) {
        if ctx.pre_chrome {
            return;
        }
        // a word after a left-out box stands apart from the text before it; a stop or a
        // closing bracket does not (a link's icon before the sentence's full stop)
        if self.gap {
            self.gap_before(s);
        }
        if self.text.is_empty() || self.ctx.is_none() {
            if !ctx.pre && is_blank(s) {
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
        if let Some(md) = &mut self.md {
            if ctx.kind != BlockKind::Code {
                // the first text of a block, after an image: the space between them stays
                if before == 0 && s.starts_with(char::is_whitespace) {
                    md.space();
                }
                md.push_text(&self.text[before..], ctx.code);
            }
        }
        if ctx.link {
            let n = self.text[before..]
                .chars()
                .filter(|c| !c.is_whitespace())
                .count() as u32;
            self.link_chars += n;
            self.off_page_link |= n > 0 && !ctx.in_page_link;
        }
    }

    /// Ends the block in progress: its text (lines trimmed, or kept as they are in code)
    /// and Markdown become a [`Block`] with its features.
    fn flush(&mut self) {
        // the text buffer is cleared, not taken, so its room is reused
        self.gap = false;
        let Some(ctx) = self.ctx.take() else {
            self.text.clear();
            if let Some(md) = &mut self.md {
                md.clear();
            }
            return;
        };
        let lang = if ctx.kind == BlockKind::Code {
            self.lang.take()
        } else {
            None
        };
        let raw = self.text.as_str();
        let link_chars = std::mem::take(&mut self.link_chars);
        let off_page = std::mem::take(&mut self.off_page_link);
        let in_page = link_chars > 0 && !off_page;
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
        let (md, image) = self.md.as_mut().map_or((None, false), |md| {
            md.end_block(ctx.kind != BlockKind::Code, !text.is_empty())
        });
        if text.is_empty() {
            if let Some(md) = md.filter(|_| image && ctx.kind != BlockKind::Code) {
                // an image standing on its own (a figure's, one between paragraphs)
                self.page.blocks.push(Block {
                    list: ctx.list,
                    markup: Some(Box::new(Markup {
                        md: Some(md),
                        lang: None,
                    })),
                    text: "".into(),
                    kind: BlockKind::Image,
                    flags: ctx.flags,
                    elem: ctx.owner,
                    stats: TextStats::default(),
                    link_chars: 0,
                    hints: ctx.hints,
                });
            }
            return;
        }
        let stats = TextStats::of(&text);
        let markup = (md.is_some() || lang.is_some()).then(|| Box::new(Markup { md, lang }));
        // code is never data, and a quotation is quoted (a question quoting the error its
        // script printed)
        let data = ctx.kind != BlockKind::Code
            && ctx.flags & IN_QUOTE == 0
            && crate::text::is_machine_data(&text);
        self.page.blocks.push(Block {
            list: ctx.list,
            markup,
            text: text.into_boxed_str(),
            kind: ctx.kind,
            flags: ctx.flags
                | if data { MACHINE_DATA } else { 0 }
                | if in_page { ANCHOR_LINKS_ONLY } else { 0 },
            elem: ctx.owner,
            stats,
            link_chars: link_chars.min(stats.chars),
            hints: ctx.hints,
        });
    }
}

/// How many elements above a `<pre>` its wrapper may name its language: Sphinx's
/// `div.highlight-python > div.highlight > pre`.
const CODE_WRAPPER_LEVELS: usize = 2;

/// The language a wrapper of the `<pre>` at `node` names ([`wrapper_language`]).
fn wrapper_language_above(dom: &Dom, node: NodeId) -> Option<&str> {
    let mut n = node;
    for _ in 0..CODE_WRAPPER_LEVELS {
        n = dom.node(n).parent;
        if n == NONE {
            return None;
        }
        match dom.view(n) {
            View::Element(_, attrs) => {
                if let Some(l) = wrapper_language(attrs) {
                    return Some(l);
                }
            }
            _ => return None,
        }
    }
    None
}

/// The walked page of `html`, parsed with no limits, for tests.
#[cfg(test)]
pub(crate) fn walk_html(html: &str) -> Page {
    walk(
        &crate::dom::parse(html, usize::MAX, None),
        &Limits::default(),
        None,
        false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> Page {
        walk_html(html)
    }

    #[test]
    fn the_microdata_of_a_recipe_marks_each_ingredient_once() {
        // on a list item, on the text inside one, and on a table's row
        let p = page(
            "<body itemscope itemtype=https://schema.org/Recipe><ul><li itemprop=recipeIngredient>1 egg</li>
             <li><span itemprop=recipeIngredient>2 cups flour</span>, sifted</li></ul>
             <table><tr itemprop=ingredients><td>300 g</td><td>sugar</td></tr></table></body>",
        );
        assert_eq!(
            p.facts.ingredients,
            ["1 egg", "2 cups flour", "300 g\tsugar"]
        );
    }

    #[test]
    fn a_control_or_an_embedded_box_keeps_the_words_around_it_apart() {
        let text = |html: &str| page(html).blocks[0].text.to_string();
        assert_eq!(
            text("<div><label>Sort by</label><select><option>Price</option></select><span>8 products</span></div>"),
            "Sort by 8 products"
        );
        assert_eq!(
            text("<p>S<svg><path/></svg>M<button>+</button>L<input>XL<iframe></iframe>Z</p>"),
            "S M L XL Z"
        );
        // a link's icon before the sentence's stop or a closing bracket takes no space
        assert_eq!(
            text("<p>More is <a href=/x>here<svg></svg></a>. See (<a href=/y>docs<svg></svg></a>)</p>"),
            "More is here. See (docs)"
        );
        // nothing is drawn for a line-break opportunity or a comment
        assert_eq!(
            text("<p>super<wbr>cali<!-- x -->fragilistic</p>"),
            "supercalifragilistic"
        );
        // nor is a space added at a block's edge or inside code
        assert_eq!(text("<p><input>Name <input></p>"), "Name");
        let p = page("<pre>a<button>copy</button>b</pre>");
        assert_eq!(p.blocks[0].text.to_string(), "ab");
    }

    #[test]
    fn a_boilerplate_name_in_mid_sentence_does_not_cut_the_sentence() {
        let texts = |html: &str| -> Vec<String> {
            page(html)
                .blocks
                .iter()
                .map(|b| b.text.to_string())
                .collect()
        };
        // a link that opens a popup, then a stop: one sentence
        assert_eq!(
            texts("<p>Recommended by <a class=external-popup href=/r>US News</a><span>. </span>It is easy.</p>"),
            ["Recommended by US News. It is easy."]
        );
        // a tooltip's term, then the sentence going on in lower case
        assert_eq!(
            texts(
                "<p>The <span class=tooltip-modal>IRS</span>, which sets the rates, says so.</p>"
            ),
            ["The IRS, which sets the rates, says so."]
        );
        // a link named boilerplate ending in icons that are named so too: its sentence
        // goes on after the link
        assert_eq!(
            texts("<p>according to the <a class=link-policy href=/g.pdf>Guidelines<span class=sr-only role=img></span><span class='visually-hidden sr-only'></span></a>. At the same time, less.</p>"),
            ["according to the Guidelines. At the same time, less."]
        );
        // a screen reader's text, an advertisement's label, a share button in mid-sentence:
        // left out, the sentence whole
        assert_eq!(
            texts("<p>According to the <a href=g.pdf>Guidelines<span class=sr-only> (link is external)</span></a>, adults need less.</p>"),
            ["According to the Guidelines, adults need less."]
        );
        assert_eq!(
            texts("<p>The mayor said on Tuesday <span class=ad-label>Advertisement</span> that the city would act.</p>"),
            ["The mayor said on Tuesday that the city would act."]
        );
        assert_eq!(
            texts("<p>Residents can <a class=share-twitter href=/s>Tweet this</a> comment next week.</p>"),
            ["Residents can comment next week."]
        );
        // after a full stop, at the start of a block, before a new sentence (hidden text
        // after it is not read), a footnote's mark, a byline: apart, as before
        for html in [
            "<p>It ended. <span class=share-tools>Share</span> Next part.</p>",
            "<p><span class=share-tools>Share</span>, said no one.</p>",
            "<p>It ended with <span class=share-tools>Share</span> Next part.</p>",
            "<p>A study<sup class=fn>1</sup>. It says</p>",
            "<p>Posted by <a href=/author/jane-doe>Jane Doe</a>, staff writer</p>",
            "<p>Story and photos by <a href=/author/jane-doe>Jane Doe</a>, staff writer</p>",
            "<p>It rained on Tuesday evening <a class=share-button>Share</a><span style='display:none'>pixel</span> Nobody came.</p>",
        ] {
            assert!(texts(html).len() > 1, "{html}: {:?}", texts(html));
        }
    }

    #[test]
    fn an_authors_name_deep_in_a_sentence_stays_in_it_and_names_the_author() {
        let p = page(
            "<p>With the help of our tester <a href=/author/jane-doe>Jane Doe</a>, who ran it.</p>",
        );
        let texts: Vec<&str> = p.blocks.iter().map(|b| &*b.text).collect();
        assert_eq!(texts, ["With the help of our tester Jane Doe, who ran it."]);
        assert_eq!(
            p.facts.authors,
            [(AuthorSource::Link, "Jane Doe".to_string())]
        );
    }

    #[test]
    fn blocks_in_document_order() {
        let p = page("<body><h1>Title</h1><p>One <a href='x'>link</a> two.</p><div>Three<p>Four</p>Five</div></body>");
        let texts: Vec<&str> = p.blocks.iter().map(|b| &*b.text).collect();
        assert_eq!(texts, ["Title", "One link two.", "Three", "Four", "Five"]);
        assert_eq!(p.blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(p.blocks[1].link_chars, 4);
    }

    #[test]
    fn a_block_whose_links_all_stay_on_the_page_is_flagged() {
        let p = page(
            "<body><p><a href='#a'>Costs</a> <a href='#b'>Plans</a></p>\
             <p><a href='#a'>Costs</a> <a href='/b'>Plans</a></p><p>No link</p>\
             <p><a href='#'>Top</a></p><p><a href='#/inbox'>Inbox</a></p>\
             <p><a href=' #b '>Plans</a></p></body>",
        );
        let flagged: Vec<bool> = p
            .blocks
            .iter()
            .map(|b| b.flags & ANCHOR_LINKS_ONLY != 0)
            .collect();
        // a bare `#` leads nowhere (a script's button), a route to another view of an app
        assert_eq!(flagged, [true, false, false, false, false, true]);
    }

    #[test]
    fn an_element_with_the_role_of_a_heading_is_one() {
        // Squarespace's accordion: the question a button inside `<p role="heading">`
        let p = page(
            "<body><p role=heading aria-level=3><button aria-expanded=false>Is it open?</button></p>
             <div>Yes.</div><div role=heading>Hours</div><div role=heading aria-level=9>Days</div></body>",
        );
        let kinds: Vec<(BlockKind, &str)> = p.blocks.iter().map(|b| (b.kind, &*b.text)).collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Heading(3), "Is it open?"),
                (BlockKind::Paragraph, "Yes."),
                (BlockKind::Heading(2), "Hours"),
                (BlockKind::Heading(6), "Days"),
            ]
        );
    }

    #[test]
    fn a_rubys_annotations_are_not_its_text() {
        // furigana over kanji, with the brackets shown where ruby is not supported
        let p = page("<body><p><ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rt>じ</rt></ruby>を読む。</p>
             <p><ruby>東京<rtc><rt>とうきょう</rt></rtc><rtc><rt>Tokyo</rt></rtc></ruby>へ。</p></body>");
        let texts: Vec<&str> = p.blocks.iter().map(|b| &*b.text).collect();
        assert_eq!(texts, ["漢字を読む。", "東京へ。"]);
    }

    #[test]
    fn phps_error_output_is_data_and_a_quoted_one_is_text() {
        const ERROR: &str = "Warning: mysql_fetch_array() expects parameter 1 to be resource in /var/www/index.php on line 12";
        let p = page(&format!(
            "<body><p>{ERROR}</p><blockquote><p>{ERROR}</p></blockquote></body>"
        ));
        let data: Vec<bool> = p
            .blocks
            .iter()
            .map(|b| b.flags & MACHINE_DATA != 0)
            .collect();
        assert_eq!(data, [true, false]);
    }

    #[test]
    fn a_div_inside_a_heading_is_the_headings_text() {
        // GitBook: the anchor link and the text each in a <div> of the <h3>
        let p = page("<body><h3 id=about><div><a href='#about'></a></div><div>About this book</div></h3><p>Text.</p></body>");
        assert_eq!(p.blocks[0].kind, BlockKind::Heading(3));
        assert_eq!(&*p.blocks[0].text, "About this book");
    }

    #[test]
    fn a_paragraph_inside_a_heading_is_the_headings_text() {
        let p = page("<body><h3><div><p>It is flexible</p></div></h3><p>Text.</p></body>");
        assert_eq!(p.blocks[0].kind, BlockKind::Heading(3));
        assert_eq!(&*p.blocks[0].text, "It is flexible");
    }

    #[test]
    fn a_toggle_holding_a_heading_gives_the_heading_and_other_buttons_nothing() {
        // an accordion's question in its toggle, the answer in the panel after it
        let p = page("<body><button aria-expanded=false><div><h3>Is it better to use a CPA?</h3></div><svg></svg></button><div>It depends.</div><button>Show more</button></body>");
        let texts: Vec<&str> = p.blocks.iter().map(|b| &*b.text).collect();
        assert_eq!(texts, ["Is it better to use a CPA?", "It depends."]);
        assert_eq!(p.blocks[0].kind, BlockKind::Heading(3));
    }

    #[test]
    fn a_toggle_that_is_all_its_headings_text_gives_the_heading() {
        // WAI-ARIA's accordion: the heading holds the button; a button beside a heading's
        // own text is a control
        let p = page("<body><h3><button aria-expanded=true>What is an HRMS? <svg></svg></button></h3><div>A system.</div>
            <h3> <span class=icon></span><button>Why one?</button></h3><h2>Costs <button>Copy link</button></h2></body>");
        let texts: Vec<&str> = p.blocks.iter().map(|b| &*b.text).collect();
        assert_eq!(
            texts,
            ["What is an HRMS?", "A system.", "Why one?", "Costs"]
        );
        assert_eq!(p.blocks[0].kind, BlockKind::Heading(3));
    }

    #[test]
    fn a_headings_permalink_is_no_text() {
        // Sphinx's ¶ and rustdoc's §, leading to the heading; a '#' that says more stays
        let p = page("<body><h2>Cookies<a class=headerlink href='#cookies'>¶</a></h2><h3><a href='#x'>§</a>Sessions</h3><p>See <a href='#notes'># notes</a>.</p></body>");
        let texts: Vec<&str> = p.blocks.iter().map(|b| &*b.text).collect();
        assert_eq!(texts, ["Cookies", "Sessions", "See # notes."]);
    }

    #[test]
    fn a_sections_id_that_is_its_headings_slug_names_no_part_of_the_page() {
        // Sphinx: <section id="cookies"> over "Cookies" is the text's section, where an
        // id "cookies" over a consent notice names the banner
        let p = page("<body><section id=cookies><h3>Cookies<a href='#cookies'>¶</a></h3><p>To read cookies, use the request.</p></section><section id=cookies><p>We use cookies.</p></section></body>");
        let hinted: Vec<bool> = p
            .blocks
            .iter()
            .map(|b| {
                crate::block::ancestors(&p.elems, b.elem)
                    .any(|e| p.elems[e as usize].hints & hints::COOKIE != 0)
            })
            .collect();
        assert_eq!(hinted, [false, false, true]);
    }

    #[test]
    fn shikis_lines_stay_lines_without_their_newlines() {
        // minified Shiki output: the lines' spans side by side, a newline only in one place
        let p = page("<body><pre class=shiki><code><span class=line><span>npm</span><span> create</span></span><span class=line><span>cd</span><span> app</span></span>\n<span class=line>ls</span></code></pre></body>");
        assert_eq!(&*p.blocks[0].text, "npm create\ncd app\nls");
    }

    #[test]
    fn a_layout_tables_headline_stays_a_heading() {
        // the page's <h1> alone in a row of one cell is its headline; a lesser heading
        // alone in a row titles the rows after it, and a heading in a cell of a row of
        // data is the cell's text
        let p = page("<table><tr><td><img src=a.gif><h1>Mail to parliament</h1></td></tr><tr><td><h3>Fees</h3></td></tr><tr><td><h4>Size</h4></td><td>Large</td></tr></table>");
        let kinds: Vec<BlockKind> = p.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(1),
                BlockKind::TableRow,
                BlockKind::TableRow
            ]
        );
        assert_eq!(&*p.blocks[2].text, "Size\tLarge");
    }

    #[test]
    fn a_lone_cell_of_paragraphs_is_layout_and_they_stay_apart() {
        // an old layout's article in a table of its own, its paragraphs apart by <br><br>;
        // a lone cell of one short line is a row of a one-column table of data
        let p = page("<table><tr><td>First paragraph of the story.<br><br>Second paragraph.</td><td></td></tr><tr><td>Total</td></tr></table>");
        let texts: Vec<&str> = p.blocks.iter().map(|b| &*b.text).collect();
        assert_eq!(
            texts,
            [
                "First paragraph of the story.",
                "Second paragraph.",
                "Total"
            ]
        );
        assert_eq!(p.blocks[2].kind, BlockKind::TableRow);
    }

    #[test]
    fn a_lone_line_beside_empty_cells_keeps_its_column() {
        // Doxygen's member summary: the description under the member's name, its first cell
        // blank; the empty cells after the line are left off
        let p = page(
            "<table><tr><td>int</td><td>main (int argc)</td></tr>\
             <tr><td>&#160;</td><td>The entry point. More...</td></tr>\
             <tr><td>Total</td><td></td></tr></table>",
        );
        let texts: Vec<&str> = p.blocks.iter().map(|b| &*b.text).collect();
        assert_eq!(
            texts,
            [
                "int\tmain (int argc)",
                "\tThe entry point. More...",
                "Total"
            ]
        );
    }

    #[test]
    fn joins_table_rows_and_keeps_code() {
        let p = page("<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table><pre>  x = 1\n    y</pre>");
        let texts: Vec<&str> = p.blocks.iter().map(|b| &*b.text).collect();
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
        let texts: Vec<&str> = p.blocks.iter().map(|b| &*b.text).collect();
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
        assert_eq!(&*p.blocks[0].text, "deep text");
        assert!(p.elems.len() <= Limits::default().max_depth + 2);
    }
}
