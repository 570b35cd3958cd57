//! Rendering a document as plain text, Markdown, clean HTML or JSON.

use crate::block::BlockKind;
use crate::document::{Comment, ContentBlock, Document};
use crate::md_escape::{escape_heading_end, escape_inline, escape_line_start};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// The main text, a block per line.
    Text,
    /// CommonMark.
    Markdown,
    /// One JSON object with the metadata and the text (schema: `schema/document.schema.json`).
    Json,
    /// A small, safe HTML fragment of the kept content, for reader views.
    Html,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "text" | "txt" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "html" => Ok(Format::Html),
            other => Err(format!(
                "unknown format {other:?} (expected text, markdown, json or html)"
            )),
        }
    }
}

impl Format {
    /// The file extension for this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Html => "html",
        }
    }
}

/// A line of plain text as Markdown: its inline syntax escaped, and what would start a
/// block at the line's start.
fn md_escape_line(s: &str) -> String {
    let mut out = escape_inline(s);
    escape_line_start(&mut out);
    out
}

/// A line of Markdown inline content (escaped already by the walk) with what would start
/// a block at the line's start escaped.
fn md_escape_start(s: &str) -> String {
    let mut out = s.to_string();
    escape_line_start(&mut out);
    out
}

/// Writes `lines` of a block, each after `prefix` (quote and list indentation), the first
/// after `first` instead when given (a list marker).
fn push_lines<'a>(
    out: &mut String,
    lines: impl Iterator<Item = &'a str>,
    prefix: &str,
    first: Option<&str>,
    sep: &str,
    escape: fn(&str) -> String,
) {
    for (i, line) in lines.enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(prefix);
        if i == 0 {
            if let Some(f) = first {
                out.push_str(f);
            }
        } else if let Some(f) = first {
            // continuation lines of a list item line up with its text
            out.extend(std::iter::repeat_n(' ', f.len()));
        }
        out.push_str(&escape(line));
    }
}

/// What separates the lines of a table cell in Markdown: an HTML line break, the one way
/// GitHub's tables hold one, with spaces so that text read without the tag keeps its
/// words apart.
pub const CELL_LINE_BREAK: &str = " <br> ";

/// The cells of a table-row block, escaped for a Markdown table: its Markdown where the
/// options made one (links, emphasis), else its text; the lines of a cell joined by
/// [`CELL_LINE_BREAK`].
fn md_cells(b: &ContentBlock) -> Vec<String> {
    let (source, escape): (&str, fn(&str) -> String) = match &b.markdown {
        Some(md) => (md, |l| l.to_string()),
        None => (&b.text, escape_inline),
    };
    source
        .split('\t')
        .map(|cell| {
            let lines: Vec<String> = cell
                .lines()
                .map(|l| escape(l.trim()).replace('|', "\\|"))
                .filter(|l| !l.is_empty())
                .collect();
            lines.join(CELL_LINE_BREAK)
        })
        .collect()
}

/// Deepest list nesting that is indented; deeper items line up with this level (output
/// stays proportional to the input whatever the page's nesting).
pub const MAX_LIST_INDENT_DEPTH: u8 = 8;

/// Writes one block. `prefix` is its quote marker and list indentation, `marker` its list
/// marker (`- `, `3. `) when it starts a list item, `width` the column count of the table
/// a row belongs to.
fn push_md_block(
    out: &mut String,
    b: &ContentBlock,
    prefix: &str,
    marker: Option<&str>,
    first_row: bool,
    width: usize,
) {
    match b.kind {
        BlockKind::Heading(l) => {
            out.push_str(prefix);
            if let Some(m) = marker {
                out.push_str(m);
            }
            for _ in 0..l.clamp(1, 6) {
                out.push('#');
            }
            out.push(' ');
            // after the `#`s nothing starts a block; a closing `#` run would be dropped
            let mut text = one_line(b);
            escape_heading_end(&mut text);
            out.push_str(&text);
        }
        // a definition list's term in bold, its definitions the paragraphs after it
        BlockKind::Term => push_bold_line(out, b, prefix, marker),
        BlockKind::Code => {
            let longest = b
                .text
                .split(|c| c != '`' && c != '~')
                .map(str::len)
                .max()
                .unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            out.push_str(prefix);
            if let Some(m) = marker {
                out.push_str(m);
            }
            out.push_str(&fence);
            if let Some(lang) = &b.lang {
                out.push_str(lang);
            }
            let indent = prefix.to_string() + &" ".repeat(marker.map_or(0, str::len));
            for line in b.text.split('\n') {
                out.push('\n');
                out.push_str(&indent);
                out.push_str(line);
            }
            out.push('\n');
            out.push_str(&indent);
            out.push_str(&fence);
        }
        BlockKind::TableRow => {
            let mut cells = md_cells(b);
            // the header row sets the table's width; later rows with fewer cells are
            // filled in by the reader, so only the header is padded (no blow-up)
            if first_row {
                cells.resize(width.max(cells.len()), String::new());
            }
            out.push_str(prefix);
            out.push_str("| ");
            out.push_str(&cells.join(" | "));
            out.push_str(" |");
            if first_row {
                out.push('\n');
                out.push_str(prefix);
                out.push('|');
                for _ in &cells {
                    out.push_str(" --- |");
                }
            }
        }
        _ => {
            // paragraphs, list items, captions, and cells that could not join a row
            // (a table Markdown cannot hold is written as rows of text)
            let sep = format!("  \n{prefix}");
            let sep = if marker.is_some() { "  \n" } else { &sep[..3] };
            match &b.markdown {
                Some(md) => push_lines(out, md.lines(), prefix, marker, sep, md_escape_start),
                None => push_lines(out, b.text.lines(), prefix, marker, sep, md_escape_line),
            }
        }
    }
}

/// A block's Markdown on one line: its own where the options made one, else its escaped
/// text.
fn one_line(b: &ContentBlock) -> String {
    match &b.markdown {
        Some(md) => md.replace('\n', " "),
        None => escape_inline(&b.text.replace('\n', " ")),
    }
}

/// Plain text as a heading's text: escaped, on one line, its closing `#` run kept.
fn heading_text(text: &str) -> String {
    let mut t = escape_inline(&text.trim().replace('\n', " "));
    escape_heading_end(&mut t);
    t
}

/// Writes a block as one line in bold: a definition list's term, a card's title.
fn push_bold_line(out: &mut String, b: &ContentBlock, prefix: &str, marker: Option<&str>) {
    out.push_str(prefix);
    if let Some(m) = marker {
        out.push_str(m);
    }
    let text = one_line(b);
    if text.contains("**") {
        out.push_str(&md_escape_start(&text));
    } else {
        out.push_str("**");
        out.push_str(&bold_inner(text.trim()));
        out.push_str("**");
    }
}

/// `text` made safe between `**` and `**`: a `*` or `_` at either end, which the escaping
/// left alone where it stood beside a space, would join the markers ("Unlimited storage
/// *" as `**Unlimited storage ***` is no bold at all), so it is escaped. One against a
/// word is the page's own emphasis (`*class* markupsafe.Markup`), and stays.
fn bold_inner(text: &str) -> String {
    let mut t = String::with_capacity(text.len() + 2);
    let mut rest = text;
    if let Some(r) = text
        .strip_prefix(['*', '_'])
        .filter(|r| !r.starts_with(|c: char| !c.is_whitespace()))
    {
        t.push('\\');
        t.push_str(&text[..1]);
        rest = r;
    }
    match rest.char_indices().last() {
        Some((i, c @ ('*' | '_')))
            if !rest[..i].ends_with('\\')
                && (i == 0 || rest[..i].ends_with(char::is_whitespace)) =>
        {
            t.push_str(&rest[..i]);
            t.push('\\');
            t.push(c);
        }
        _ => t.push_str(rest),
    }
    t
}

/// Most blocks of a list item that is a card: its title, and a line or three under it (a
/// description, a price, a date).
pub const CARD_ITEM_MAX_BLOCKS: usize = 4;

/// Whether block `k` is the heading of a list item that is a card (at most
/// [`CARD_ITEM_MAX_BLOCKS`] blocks, its nested lists' included, and no code): the item's
/// title, written in bold, so that the item keeps its title with its text and a grid of
/// cards (features, products, a blog's teasers, a FAQ's questions) does not turn into
/// dozens of sections of the page's outline. A step of a tutorial, long or holding code,
/// keeps its heading, and so does a heading with bold words of its own (`**Pro** plan`
/// would read as text).
fn is_card_title(blocks: &[ContentBlock], k: usize) -> bool {
    let b = &blocks[k];
    let (BlockKind::Heading(_), Some(l)) = (b.kind, b.list) else {
        return false;
    };
    if b.markdown.as_deref().is_some_and(|m| m.contains("**")) {
        return false;
    }
    // the item's blocks: its own and those of the lists nested in it
    let in_item = |o: &&ContentBlock| {
        o.list
            .is_some_and(|m| m.item == l.item || m.depth > l.depth)
    };
    // each look is bounded: an item of thousands of headings costs no more per heading
    let before = blocks[..k]
        .iter()
        .rev()
        .take_while(in_item)
        .take(CARD_ITEM_MAX_BLOCKS);
    let after = blocks[k..]
        .iter()
        .take_while(in_item)
        .take(CARD_ITEM_MAX_BLOCKS + 1);
    let mut count = 0;
    for o in before.chain(after) {
        count += 1;
        if o.kind == BlockKind::Code || count > CARD_ITEM_MAX_BLOCKS {
            return false;
        }
    }
    true
}

/// Writes a table of one row, which is layout (boxes side by side: pros and cons, a
/// post's date and number), not data: each of its cells a paragraph. (A Markdown table
/// of one row would be a header over nothing.)
fn push_lone_row(out: &mut String, b: &ContentBlock, prefix: &str, marker: Option<&str>) {
    let (source, escape): (&str, fn(&str) -> String) = match &b.markdown {
        Some(md) => (md, md_escape_start),
        None => (&b.text, md_escape_line),
    };
    // the cells after the first line up with a list item's text
    let inner = format!("{prefix}{}", " ".repeat(marker.map_or(0, str::len)));
    let cells = source.split('\t').filter(|c| !c.trim().is_empty());
    for (k, cell) in cells.enumerate() {
        let lines = cell.lines().map(str::trim).filter(|l| !l.is_empty());
        if k == 0 {
            push_lines(out, lines, prefix, marker, "  \n", escape);
        } else {
            out.push_str("\n\n");
            push_lines(out, lines, &inner, None, "  \n", escape);
        }
    }
}

/// The document's Markdown: the front matter and the title heading, when the options
/// asked for them, then the main text ([`markdown_body`]).
pub(crate) fn to_markdown(doc: &Document) -> String {
    let head = doc.markdown_head;
    let mut out = String::new();
    if head.front_matter {
        push_front_matter(&mut out, doc);
    }
    // the page's own headline, else the title when asked
    let heading = doc
        .headline
        .as_deref()
        .or_else(|| doc.title().filter(|_| head.title));
    if let Some(title) = heading {
        // unless the text starts with it already
        // (as a heading: a card's title is written in bold)
        let blocks = doc.blocks();
        let repeated = blocks.first().is_some_and(|b| {
            matches!(b.kind, BlockKind::Heading(_))
                && b.text.trim() == title.trim()
                && !is_card_title(blocks, 0)
        });
        if !repeated {
            out.push_str("# ");
            out.push_str(&heading_text(title));
            out.push_str("\n\n");
        }
    }
    out.push_str(&markdown_body(doc));
    out
}

/// What sets a thread's posts apart in Markdown: a thematic break.
const POST_BREAK: &str = "* * *";

/// The level of a post's heading: each post a section of the thread, under its title.
const POST_HEADING_LEVEL: usize = 2;

/// A post's head: its author as a heading, then its date on a line in italics (empty when
/// the page marks neither), so that each post is a section of the thread named for its
/// author (a reader sees who speaks; a splitter by heading keeps each post whole).
fn post_head(post: &crate::document::PostMark) -> String {
    let mut head = String::new();
    if let Some(author) = post.author.as_deref() {
        head.push_str(&"#".repeat(POST_HEADING_LEVEL));
        head.push(' ');
        head.push_str(&heading_text(author));
    }
    // a post's date is ISO 8601 (`parse_date`'s), which holds nothing Markdown reads
    if let Some(date) = post.date.as_deref() {
        if !head.is_empty() {
            head.push_str("\n\n");
        }
        head.push('*');
        head.push_str(date);
        head.push('*');
    }
    head
}

/// Longest line (in bytes) read as a post's date or number under its head.
const POST_HEAD_LINE_MAX: usize = 48;

/// What sets a post's date apart from its byline (phpBB's "» 11. Sep 2024, 18:36").
const POST_DATE_SEPARATORS: [char; 6] = ['\u{bb}', '\u{ab}', '\u{b7}', '|', '\u{2022}', '-'];

/// Whether `line`, opening a post, says again what the post's head says: its author's
/// name, and the byline's word before it when the `next` line is that name ("by", phpBB's),
/// its date (Discourse's "January 28, 2024, 4:31pm" under the `<time>` the head read,
/// phpBB's "» 11. Sep 2024, 18:36"; a sentence that names the date is the post's), or,
/// before the post's title (`titled`), when the head names the post and more of the post
/// follows (a `next` line), its number in the thread ("13", "#13", Discourse's and
/// vBulletin's; a post whose text is a number keeps it, and so does a reply under its
/// title whose answer is one).
fn repeats_post_head(
    post: &crate::document::PostMark,
    line: &str,
    next: Option<&str>,
    titled: bool,
) -> bool {
    let line = line.trim();
    if line.is_empty() || line.len() > POST_HEAD_LINE_MAX {
        return false;
    }
    let number = line.strip_prefix('#').unwrap_or(line);
    let headed = post.author.is_some() || post.date.is_some();
    let dated =
        line.trim_start_matches(|c: char| c.is_whitespace() || POST_DATE_SEPARATORS.contains(&c));
    let author = post.author.as_deref().map(str::trim);
    author == Some(line)
        || (crate::text::is_byline_word(line)
            && author.is_some_and(|a| next.is_some_and(|n| n.trim() == a)))
        || (headed
            && !titled
            && next.is_some()
            && !number.is_empty()
            && number.bytes().all(|c| c.is_ascii_digit()))
        || (!dated.ends_with(['.', '!', '?'])
            && post
                .date
                .as_deref()
                .is_some_and(|d| crate::dates::parse_date(dated).as_deref() == Some(d)))
}

/// The metadata fields of the front matter, in order, with their values.
fn front_matter_fields(doc: &Document) -> [(&'static str, Option<&str>); 8] {
    [
        ("title", doc.title()),
        ("author", doc.author()),
        ("date", doc.date()),
        ("url", doc.url()),
        ("sitename", doc.sitename()),
        ("language", doc.language()),
        ("page_type", Some(doc.page_type().name())),
        ("description", doc.description()),
    ]
}

/// Writes YAML front matter: the metadata the page gives, each value a double-quoted
/// string (JSON's escapes, which YAML reads too), between `---` lines.
fn push_front_matter(out: &mut String, doc: &Document) {
    out.push_str("---\n");
    for (key, value) in front_matter_fields(doc) {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            out.push_str(key);
            out.push_str(": ");
            out.push_str(&serde_json::to_string(v).unwrap_or_else(|_| "\"\"".into()));
            out.push('\n');
        }
    }
    out.push_str("---\n\n");
}

/// Renders the document's main text as CommonMark (with GitHub's tables): headings,
/// paragraphs, nested ordered and unordered lists (a card's heading as the item's title in
/// bold), a definition list's terms in bold with their definitions as paragraphs, block
/// quotes, fenced code with its language, tables (a cell's lines apart by `<br>`), a
/// thread's posts apart (each headed by its author and date, without the lines that open
/// it and say them again), and the emphasis, inline code, links and images the options
/// kept.
pub(crate) fn markdown_body(doc: &Document) -> String {
    let blocks = doc.blocks();
    let mut out = String::new();
    // open list items: (depth, column where their text starts)
    let mut items: Vec<(u8, usize)> = Vec::new();
    let mut prev: Option<&ContentBlock> = None;
    let mut table_width = 0;
    let mut posts = doc.posts().iter().peekable();
    // the post just begun, while the lines its head says again may follow
    let mut head: Option<&crate::document::PostMark> = None;
    // whether the post's title was passed, under its head
    let mut titled = false;
    for (k, b) in blocks.iter().enumerate() {
        if let Some(post) = posts.next_if(|p| p.block == k) {
            head = Some(post);
            titled = false;
            // a thread's post: a break before it (after text, or after the head of a post
            // whose lines all said its head again), then its author and date
            let by = post_head(post);
            out.truncate(out.trim_end_matches('\n').len());
            let parts = [
                (!out.is_empty() && !out.ends_with(POST_BREAK)).then_some(POST_BREAK),
                (!by.is_empty()).then_some(by.as_str()),
            ];
            for part in parts.into_iter().flatten() {
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                out.push_str(part);
            }
            if !out.is_empty() {
                // what follows is apart from the break or byline, as after any block
                prev = None;
                out.push_str("\n\n");
            }
            items.clear();
        }
        // the lines that open a post and say again what its head says: the name on its
        // user card, its date, its number in the thread
        // (more of the post follows: a next block that opens no post)
        let next = blocks
            .get(k + 1)
            .filter(|_| posts.peek().is_none_or(|p| p.block != k + 1))
            .map(|n| &*n.text);
        if head.is_some_and(|p| repeats_post_head(p, &b.text, next, titled)) {
            continue;
        }
        if matches!(b.kind, BlockKind::Heading(_)) && head.is_some_and(|p| p.block == k) {
            // the post's title opening it (phpBB's "Re: ...") comes before its byline:
            // the lines that say the head again may follow it
            titled = true;
        } else {
            head = None;
        }
        let quote = if b.quoted { "> " } else { "" };
        let mut marker = None;
        let mut indent = 0;
        match b.list {
            Some(l) => {
                let same_item = prev.and_then(|p| p.list).is_some_and(|p| p.item == l.item);
                if same_item {
                    indent = items.last().map_or(0, |i| i.1);
                } else {
                    let depth = l.depth.min(MAX_LIST_INDENT_DEPTH);
                    while items.last().is_some_and(|i| i.0 >= depth) {
                        items.pop();
                    }
                    indent = items.last().map_or(0, |i| i.1);
                    let m = match l.number {
                        Some(n) => format!("{}. ", n.min(999_999_999)),
                        None => "- ".to_string(),
                    };
                    items.push((depth, indent + m.len()));
                    marker = Some(m);
                }
            }
            None => items.clear(),
        }
        let is_row = b.kind == BlockKind::TableRow;
        let prev_row = prev.is_some_and(|p| p.kind == BlockKind::TableRow);
        let new_table = is_row && (!prev_row || b.table_start);
        if new_table {
            // a table's width is its widest row: Markdown drops cells past the header's
            table_width = std::iter::once(b)
                .chain(
                    blocks[k + 1..]
                        .iter()
                        .take_while(|r| r.kind == BlockKind::TableRow && !r.table_start),
                )
                .map(|r| r.text.split('\t').count())
                .max()
                .unwrap_or(1);
        }
        if let Some(p) = prev {
            let tight = (b.list.is_some() && marker.is_some() && p.list.is_some())
                || (is_row && !new_table);
            match (tight, p.quoted && b.quoted && !b.quote_start) {
                (true, _) => out.push('\n'),
                // paragraphs of one quote: the line between them is the quote's too, in
                // the list item when the quote stands in one
                (false, true) if b.quote_in_item => {
                    out.push('\n');
                    out.push_str(&" ".repeat(indent));
                    out.push_str(">\n");
                }
                (false, true) => out.push_str("\n>\n"),
                (false, false) => out.push_str("\n\n"),
            }
        }
        // a row right after a list would be read as the list's text
        if new_table && !items.is_empty() && b.list.is_none() {
            items.clear();
        }
        // a quote in a list item (a note in a step) is indented as the item's text; a
        // list in a quote is quoted whole
        let prefix = if b.quote_in_item && marker.is_none() {
            format!("{}{quote}", " ".repeat(indent))
        } else {
            format!("{quote}{}", " ".repeat(indent))
        };
        let lone_row = new_table
            && blocks
                .get(k + 1)
                .is_none_or(|n| n.kind != BlockKind::TableRow || n.table_start);
        if lone_row {
            push_lone_row(&mut out, b, &prefix, marker.as_deref());
        } else if is_card_title(blocks, k) {
            push_bold_line(&mut out, b, &prefix, marker.as_deref());
        } else {
            push_md_block(
                &mut out,
                b,
                &prefix,
                marker.as_deref(),
                new_table,
                table_width,
            );
        }
        prev = Some(b);
    }
    // a last post may end on its head
    out.truncate(out.trim_end_matches('\n').len());
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

impl Document {
    /// The main text as CommonMark (with GitHub's tables): headings, paragraphs, nested
    /// ordered and unordered lists, a definition list's terms in bold with their
    /// definitions as paragraphs, block quotes, fenced code with its language, tables (a
    /// cell's lines apart by `<br>`), and the emphasis, inline code, links and images the
    /// options kept; after YAML front matter and the title as a heading, when the options
    /// ([`crate::Extractor::front_matter`], [`crate::Extractor::title_heading`]) asked.
    pub fn to_markdown(&self) -> String {
        to_markdown(self)
    }

    /// The main content as a small, safe HTML fragment for reader views: only structural
    /// tags and `href`, `src`, `alt`, `title`, `start`, `align` and a code block's
    /// `language-` class; no scripts, styles or event handlers; links other than http(s),
    /// mailto, ftp or relative are dropped.
    pub fn to_html(&self) -> String {
        to_html(self)
    }

    /// The whole result as one JSON object following `include/document.schema.json`: the
    /// metadata, the encoding, the confidence, the main text, and the comments when they
    /// were asked for.
    pub fn to_json(&self) -> String {
        to_json(self)
    }

    /// The JSON of [`Document::to_json`] with the optional fields `opts` asks for.
    ///
    /// ```
    /// let doc = gleaner::extract(b"<article><p>One paragraph of text, long enough to be the article.</p></article>").unwrap();
    /// let json = doc.to_json_with(gleaner::JsonOptions::default().with_markdown(true));
    /// assert!(json.contains("\"markdown\":"));
    /// ```
    pub fn to_json_with(&self, opts: JsonOptions) -> String {
        to_json_with(self, opts)
    }

    /// The document in `format`.
    pub fn render(&self, format: Format) -> String {
        render(self, format)
    }
}

/// The version of the JSON schema the JSON output follows.
pub const JSON_SCHEMA_VERSION: u32 = 2;

/// Optional fields of the JSON output. More may be added: start from
/// [`JsonOptions::default`] (none).
///
/// ```
/// let opts = gleaner::JsonOptions::default().with_markdown(true);
/// let doc = gleaner::extract(b"<article><p>A paragraph long enough to be kept as the article's prose.</p></article>").unwrap();
/// assert!(doc.to_json_with(opts).contains("\"markdown\":"));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct JsonOptions {
    /// Add the main content as Markdown (`"markdown"`).
    pub markdown: bool,
    /// Add the main content as clean HTML (`"html"`).
    pub html: bool,
}

impl JsonOptions {
    /// These options with [`JsonOptions::markdown`] set to `yes`.
    #[must_use]
    pub fn with_markdown(mut self, yes: bool) -> Self {
        self.markdown = yes;
        self
    }

    /// These options with [`JsonOptions::html`] set to `yes`.
    #[must_use]
    pub fn with_html(mut self, yes: bool) -> Self {
        self.html = yes;
        self
    }
}

#[derive(serde::Serialize)]
struct JsonDoc<'a> {
    schema: u32,
    title: Option<&'a str>,
    author: Option<&'a str>,
    date: Option<&'a str>,
    sitename: Option<&'a str>,
    language: Option<&'a str>,
    url: Option<&'a str>,
    description: Option<&'a str>,
    image: Option<&'a str>,
    page_type: &'static str,
    encoding: &'a str,
    truncated: bool,
    fallback: bool,
    confidence: f32,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comments: Option<&'a [Comment]>,
}

/// Renders the document as one JSON object: the metadata fields, the encoding, the
/// confidence, the main text, and the comments when they were asked for.
pub(crate) fn to_json(doc: &Document) -> String {
    to_json_with(doc, JsonOptions::default())
}

/// Renders the document as one JSON object with the optional fields `opts` asks for. The
/// object follows `schema/document.schema.json`.
pub(crate) fn to_json_with(doc: &Document, opts: JsonOptions) -> String {
    let j = JsonDoc {
        schema: JSON_SCHEMA_VERSION,
        title: doc.title(),
        author: doc.author(),
        date: doc.date(),
        sitename: doc.sitename(),
        language: doc.language(),
        url: doc.url(),
        description: doc.description(),
        image: doc.image(),
        page_type: doc.page_type().name(),
        encoding: doc.encoding(),
        truncated: doc.truncated(),
        fallback: doc.used_fallback(),
        // two decimals: a stable figure, not float noise
        confidence: (doc.confidence() * 100.0).round() / 100.0,
        text: doc.text(),
        markdown: opts.markdown.then(|| to_markdown(doc)),
        html: opts.html.then(|| to_html(doc)),
        comments: doc.comments_requested().then(|| doc.comments()),
    };
    serde_json::to_string(&j).unwrap_or_else(|_| "{}".to_string())
}

/// URL schemes a link or image of the clean HTML may use.
fn safe_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto" | "ftp")
        }
        _ => true, // relative
    }
}

/// Renders the main content as a small HTML fragment for reader views: headings,
/// paragraphs, lists, quotes, code, tables, and the links and images the options kept.
/// It has no scripts, styles, event handlers or attributes besides `href`, `src`, `alt`,
/// `title`, `start`, `align` and a code block's `class="language-…"`; text is escaped, and
/// links other than http, https, mailto, ftp or relative ones are dropped.
pub(crate) fn to_html(doc: &Document) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let md = markdown_body(doc);
    let mut dropped_links = 0usize;
    let events = Parser::new_ext(&md, Options::ENABLE_TABLES).filter_map(|e| match e {
        // the line breaks of table cells; any other raw HTML is shown as text
        Event::InlineHtml(h) if h.trim() == CELL_LINE_BREAK.trim() => Some(Event::HardBreak),
        Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
        Event::Start(Tag::Link { ref dest_url, .. }) if !safe_url(dest_url) => {
            dropped_links += 1;
            None
        }
        Event::End(TagEnd::Link) if dropped_links > 0 => {
            dropped_links -= 1;
            None
        }
        Event::Start(Tag::Image { ref dest_url, .. }) if !safe_url(dest_url) => {
            Some(Event::Start(Tag::Image {
                link_type: pulldown_cmark::LinkType::Inline,
                dest_url: "".into(),
                title: "".into(),
                id: "".into(),
            }))
        }
        e => Some(e),
    });
    let mut out = String::with_capacity(md.len() * 5 / 4 + 64);
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// Renders the document in `format`.
/// What sets the comments apart from the main text in text output.
const TEXT_COMMENTS_MARK: &str = "--- Comments ---";

/// What sets the comments apart from the main text in Markdown output: a thematic break
/// and a heading.
const MARKDOWN_COMMENTS_MARK: &str = "* * *\n\n## Comments";

/// Appends `comments` after the main text in `out`, under `mark`: each comment a line of
/// its author and date (where the page gives them) and its text, `escape`d for the
/// format, its blocks apart by `gap`, a blank line between comments.
fn push_comments(
    out: &mut String,
    comments: &[Comment],
    mark: &str,
    gap: &str,
    escape: fn(&str) -> String,
) {
    if comments.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(mark);
    out.push_str("\n\n");
    for c in comments {
        let by: Vec<&str> = [c.author.as_deref(), c.date.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !by.is_empty() {
            out.push_str(&escape(&by.join(", ")));
            out.push(':');
            out.push_str(gap);
        }
        for line in c.text.lines() {
            out.push_str(&escape(line));
            out.push_str(gap);
        }
        if !out.ends_with("\n\n") {
            out.push('\n');
        }
    }
    out.pop();
}

/// The document in `format` (the comments after the main text, when they were asked for).
pub(crate) fn render(doc: &Document, format: Format) -> String {
    match format {
        Format::Text => {
            let mut t = doc.text().to_string();
            if !t.is_empty() {
                t.push('\n');
            }
            push_comments(&mut t, doc.comments(), TEXT_COMMENTS_MARK, "\n", |s| {
                s.to_string()
            });
            t
        }
        Format::Markdown => {
            let mut md = to_markdown(doc);
            push_comments(
                &mut md,
                doc.comments(),
                MARKDOWN_COMMENTS_MARK,
                "\n\n",
                md_escape_line,
            );
            md
        }
        Format::Json => {
            let mut j = to_json(doc);
            j.push('\n');
            j
        }
        Format::Html => to_html(doc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(html: &str) -> Document {
        crate::extract(html.as_bytes()).unwrap()
    }

    const PAGE: &str = "<html><head><meta charset=utf-8><title>Guide</title></head><body><article><h1>Guide</h1>
        <p>Install the tool with the package manager of your system, then check the version it prints.</p>
        <h2>Steps</h2><ul><li>Download the archive from the site</li><li>Unpack it into a folder</li></ul>
        <pre>make install\n  --prefix /usr</pre>
        <table><tr><th>OS</th><th>Command</th></tr><tr><td>Debian</td><td>apt install x</td></tr></table>
        <p>After that, the *tool* is ready and you can run it from any terminal window you like.</p>
        </article></body></html>";

    #[test]
    fn markdown_has_structure() {
        let md = to_markdown(&doc(PAGE));
        assert!(md.contains("## Steps\n"), "{md}");
        assert!(md.contains("- Download the archive from the site\n- Unpack it into a folder"));
        assert!(
            md.contains("```\nmake install\n  --prefix /usr\n```"),
            "{md}"
        );
        assert!(md.contains("| OS | Command |\n| --- | --- |\n| Debian | apt install x |"));
        assert!(md.contains("the \\*tool\\* is ready"));
    }

    #[test]
    fn markdown_keeps_links_and_images_when_asked() {
        let html = "<html><head><meta charset=utf-8></head><body><article>
            <p>Read the <a href='/docs/guide'>full guide</a> before you start, it explains every step of the setup in detail.</p>
            <p><img src='pics/a.png' alt='A diagram'> The diagram shows how the parts of the system fit together in the end.</p>
            </article></body></html>";
        let ex = crate::Extractor::new()
            .url("https://example.com/a/b")
            .links(true)
            .images(true);
        let md = to_markdown(&ex.extract(html.as_bytes()).unwrap());
        assert!(
            md.contains("Read the [full guide](https://example.com/docs/guide) before"),
            "{md}"
        );
        assert!(
            md.contains("![A diagram](https://example.com/a/pics/a.png)"),
            "{md}"
        );
        let plain = to_markdown(&doc(html));
        assert!(plain.contains("Read the full guide before"), "{plain}");
    }

    #[test]
    fn json_holds_metadata_and_text() {
        let v: serde_json::Value = serde_json::from_str(&to_json(&doc(PAGE))).unwrap();
        assert_eq!(v["title"], "Guide");
        assert_eq!(v["encoding"], "UTF-8");
        assert!(v["text"].as_str().unwrap().starts_with("Install the tool"));
        assert!(v.get("comments").is_none());
    }

    fn rich(html: &str) -> Document {
        let ex = crate::Extractor::new()
            .formatting(true)
            .links(true)
            .url("https://example.com/a/");
        ex.extract(html.as_bytes()).unwrap()
    }

    const LISTS: &str = "<html><body><article>
        <p>The steps below set the machine up; follow them in order and check each one before you go on.</p>
        <ol start=3><li>Install the <em>base</em> system</li><li>Add users<ul><li>the admin</li><li>the <strong>backup</strong> user</li></ul></li>
        <li>Reboot the machine with <code>sudo reboot</code> or the `power` button</li></ol>
        <pre class=\"language-rust\"><code>fn main() {\n    println!(\"```\");\n}</code></pre>
        <table><tr><th>Name</th><th>Size</th></tr><tr><td>a</td><td>1</td><td>extra</td></tr></table>
        <p>When all of that is done, the machine is ready and you can log in as the admin user at last.</p>
        </article></body></html>";

    #[test]
    fn markdown_nests_and_numbers_lists() {
        let md = to_markdown(&rich(LISTS));
        assert!(
            md.contains("3. Install the *base* system\n4. Add users\n   - the admin\n   - the **backup** user\n5. Reboot"),
            "{md}"
        );
        assert!(
            md.contains("with `sudo reboot` or the \\`power\\` button"),
            "{md}"
        );
        assert!(
            md.contains("````rust\nfn main() {\n    println!(\"```\");\n}\n````"),
            "{md}"
        );
        // a row wider than the header widens the table instead of losing a cell
        assert!(
            md.contains("| Name | Size |  |\n| --- | --- | --- |\n| a | 1 | extra |"),
            "{md}"
        );
    }

    #[test]
    fn a_fences_language_comes_from_the_highlighters_class() {
        let page = |pre: &str| {
            format!("<html><body><article><p>Install the package first, then call it from a script of your own as the example below shows.</p>
            {pre}let total = items.length;</pre><p>The total is counted once, when the page loads, and then kept up to date by the events.</p></article></body></html>")
        };
        for (pre, lang) in [
            ("<pre class=\"brush: js; toolbar: false\">", "js"),
            ("<pre class=\"brush:html notranslate\">", "html"),
            ("<pre class=\"language-ts\">", "ts"),
            // Discourse's "let highlight.js guess" and Prism's "none" name no language
            ("<pre class=\"lang-auto\">", ""),
            ("<pre class=\"language-none\">", ""),
        ] {
            let md = to_markdown(&rich(&page(pre)));
            assert!(
                md.contains(&format!("```{lang}\nlet total = items.length;\n```")),
                "{md}"
            );
        }
    }

    #[test]
    fn markdown_parses_back_to_the_same_structure() {
        use pulldown_cmark::{Event, Options, Parser, Tag};
        let doc = rich(LISTS);
        let md = to_markdown(&doc);
        let mut lists = Vec::new();
        let (mut items, mut code, mut emph, mut strong, mut tables) = (0, 0, 0, 0, 0);
        for e in Parser::new_ext(&md, Options::ENABLE_TABLES) {
            match e {
                Event::Start(Tag::List(start)) => lists.push(start),
                Event::Start(Tag::Item) => items += 1,
                Event::Start(Tag::CodeBlock(_)) => code += 1,
                Event::Start(Tag::Emphasis) => emph += 1,
                Event::Start(Tag::Strong) => strong += 1,
                Event::Start(Tag::Table(_)) => tables += 1,
                _ => {}
            }
        }
        assert_eq!(lists, [Some(3), None]);
        assert_eq!((items, code, emph, strong, tables), (5, 1, 1, 1, 1));
    }

    /// How many block quotes a CommonMark reader finds in `md`.
    fn block_quotes(md: &str) -> usize {
        use pulldown_cmark::{Event, Parser, Tag};
        Parser::new(md)
            .filter(|e| matches!(e, Event::Start(Tag::BlockQuote(_))))
            .count()
    }

    #[test]
    fn a_quotes_paragraphs_stay_in_one_quote() {
        let md = to_markdown(&rich(
            "<p>The minister answered the question in the chamber on Tuesday afternoon.</p>
            <blockquote><p>We will build the line, and we will build it on time.</p>
            <p>Nobody should doubt that the money is there for it.</p></blockquote>",
        ));
        assert!(md.contains("on time.\n>\n> Nobody"), "{md}");
        assert_eq!(block_quotes(&md), 1, "{md}");
    }

    #[test]
    fn an_admonition_is_a_quote_and_quotes_side_by_side_stay_apart() {
        // Sphinx's admonitions, one after the other
        let md = to_markdown(&rich(
            "<p>The minister answered the question in the chamber on Tuesday afternoon.</p>
            <div class='admonition note'><p class=admonition-title>Note</p>
            <p>The line opens in stages, the first of them next spring.</p></div>
            <div class='admonition warning'><p class=admonition-title>Warning</p>
            <p>Timetables change while the works go on, so check the times before you travel.</p></div>
            <p>The council will publish the timetable for the first stage in the autumn.</p>",
        ));
        assert!(md.contains("> Note\n>\n> The line opens"), "{md}");
        assert_eq!(block_quotes(&md), 2, "{md}");
    }

    #[test]
    fn a_quote_in_a_list_item_stays_in_the_item() {
        use pulldown_cmark::{Event, Parser, Tag, TagEnd};
        // a note in a step of an installation guide
        let md = to_markdown(&rich(
            "<p>The minister answered the question in the chamber on Tuesday afternoon.</p>
            <ol><li><p>Download the timetable for the northern line from the council.</p>
            <div class='admonition note'><p class=admonition-title>Note</p>
            <p>The line opens in stages, the first of them next spring.</p></div></li>
            <li><p>Check the times of the first trams before you travel on the line.</p></li></ol>",
        ));
        assert!(md.contains("   > Note\n   >\n   > The line opens"), "{md}");
        // the quote opens and closes inside the first item
        let mut depth = 0;
        let mut quote_depths = Vec::new();
        for e in Parser::new(&md) {
            match e {
                Event::Start(Tag::Item) => depth += 1,
                Event::End(TagEnd::Item) => depth -= 1,
                Event::Start(Tag::BlockQuote(_)) => quote_depths.push(depth),
                _ => {}
            }
        }
        assert_eq!(quote_depths, [1], "{md}");
    }

    #[test]
    fn emphasis_that_would_not_parse_is_left_out() {
        let md = to_markdown(&rich("<p>It was a long walk to the <em> old mill </em> and back, word<em>\"quoted\"</em>, and <b></b>nothing else to say about it really.</p>"));
        assert!(
            md.contains("to the *old mill* and back, word\"quoted\", and nothing"),
            "{md}"
        );
    }

    #[test]
    fn emphasis_that_ends_in_punctuation_stays_where_it_parses() {
        use pulldown_cmark::{Event, Parser, Tag};
        let md = to_markdown(&rich(
            "<p><strong>Note:</strong> the line runs late. <strong>Breakfast: </strong>porridge, \
             <b>Tip:</b>glued, <strong>7</strong><strong>.0/</strong>10, <b>W<b>EIGHT</b></b> and \
             <b><strong>✔</strong> Checked (twice)</b>, all said in one long sentence.</p>",
        ));
        assert!(
            md.contains(
                "**Note:** the line runs late. **Breakfast:** porridge, Tip:glued, **7**.0/10, \
                 W**EIGHT** and **✔** Checked (twice), all said"
            ),
            "{md}"
        );
        // every marker written parses as emphasis: none is left as text
        let mut strong = 0;
        for e in Parser::new(&md) {
            match e {
                Event::Start(Tag::Strong) => strong += 1,
                Event::Text(t) => assert!(!t.contains('*'), "{t} in {md}"),
                _ => {}
            }
        }
        assert_eq!(strong, 5, "{md}");
    }

    #[test]
    fn cells_of_several_lines_stay_in_their_cells() {
        let html = "<p>The prices of the two plans differ, and the table below lists what each of them offers to you.</p>
            <table><tr><th>Plan</th><th>What it gives</th><th>Price</th></tr>
            <tr><td>Basic</td><td>Ten users<br>One site<br>Mail support</td><td></td></tr>
            <tr><td>Team</td><td><ul><li>Fifty users</li><li>Five sites</li></ul><p>Phone support</p></td><td>$5</td></tr></table>
            <p>Both plans can be changed at the end of any month, and the first thirty days are free of charge.</p>";
        for doc in [rich(html), doc(html)] {
            let md = to_markdown(&doc);
            assert!(
                md.contains(
                    "| Plan | What it gives | Price |\n| --- | --- | --- |\n\
                     | Basic | Ten users <br> One site <br> Mail support |  |\n\
                     | Team | Fifty users <br> Five sites <br> Phone support | $5 |\n"
                ),
                "{md}"
            );
            // one row a line in the text
            assert!(doc
                .text()
                .contains("Team\tFifty users Five sites Phone support\t$5"));
            let html = to_html(&doc);
            assert!(html.contains("<td>Ten users <br />"), "{html}");
        }
    }

    /// A tutorial's code as highlighters write it: Shiki's lines and label, Prism's
    /// tokens, a figure with the file's name, a line break, a "Try" button.
    const CODE: &str = "<html><body><article><h1>Handbook</h1>
        <p>TypeScript checks a program for errors before execution, and does so based on the kinds of values it holds.</p>
        <pre class=\"shiki twoslash\"><div class=\"language-id\">ts</div><div class='code-container'><code><div class='line'><span>// Accessing the property</span></div><div class='line'>const message = \"Hello\";</div><div class='line'><span class=\"token comment\">// and calling it</span></div><div class='line'>message.toLowerCase();</div></code><a href='/play'>Try</a></div></pre>
        <p>If we break this down, the first runnable line of code accesses a property and then calls it at once.</p>
        <figure><figcaption>compose.yaml</figcaption><pre><code class=\"language-yaml\">services:\n  web:\n    image: nginx</code></pre></figure>
        <p>Paste the following into the file, then run the command to start all of the services together.</p>
        <pre class=\"language-jsx\"><code><span class=\"token tag\">&lt;div&gt;</span><br>  <span class=\"token tag\">&lt;p&gt;</span>Hi<span class=\"token tag\">&lt;/p&gt;</span><br><span class=\"token tag\">&lt;/div&gt;</span></code></pre>
        <pre class=\"synopsis\"><em><code>non_recursive_term</code></em> UNION [ ALL ] <em><code>recursive_term</code></em></pre>
        <p>The end of the handbook page has one more paragraph of prose, which is long enough to count as text.</p>
        </article></body></html>";

    #[test]
    fn a_terms_bold_keeps_the_emphasis_inside_it() {
        let term = |dt: &str| {
            let html = format!(
                "<html><body><article><p>{P}</p><dl><dt>{dt}</dt><dd>{P}</dd></dl></article></body></html>",
                P = "A string that is ready to be safely inserted into an HTML or XML document, either because it was escaped or marked safe."
            );
            let ex = crate::Extractor::new().formatting(true);
            let md = to_markdown(&ex.extract(html.as_bytes()).unwrap());
            md.lines()
                .find(|l| l.starts_with("**"))
                .unwrap_or("")
                .to_string()
        };
        // emphasis against a word at either end stays emphasis (Sphinx's `<em>class</em>`)
        assert_eq!(
            term("<em>class </em>markupsafe.Markup(object)"),
            "***class* markupsafe.Markup(object)**"
        );
        assert_eq!(term("Size <em>large</em>"), "**Size *large***");
        // a star of the text beside a space, or before a word, is escaped
        assert_eq!(term("Unlimited storage *"), "**Unlimited storage \\***");
        assert_eq!(term("*Required field"), "**\\*Required field**");
    }

    #[test]
    fn a_code_blocks_wrapper_names_its_language() {
        // Sphinx's (Pygments') wrapper two levels above the <pre>; its default language
        // is unnamed, and a wrapper further up names nothing
        let page = |wrapper: &str| {
            format!(
                "<html><body><article><h1>Usage</h1><p>{P}</p>
                 <div class=\"{wrapper} notranslate\"><div class=\"highlight\"><pre><span class=\"kn\">import</span> requests</pre></div></div>
                 <p>{P}</p></article></body></html>",
                P = "Requests is an elegant and simple HTTP library for Python, built for human beings, and this is how it is used."
            )
        };
        let md = |html: String| {
            let ex = crate::Extractor::new().formatting(true);
            to_markdown(&ex.extract(html.as_bytes()).unwrap())
        };
        assert!(md(page("highlight-python")).contains("```python\nimport requests\n```"));
        assert!(md(page("highlight-default")).contains("```\nimport requests\n```"));
        let deeper = page("highlight-python").replace(
            "<div class=\"highlight\">",
            "<div><div class=\"highlight\">",
        );
        let deeper = deeper.replace("</pre></div>", "</pre></div></div>");
        assert!(md(deeper).contains("```\nimport requests\n```"));
        // GitHub's wrapper names its language in a scope; a text scope or a box named
        // for highlighting names none
        assert!(md(page("highlight highlight-source-python")).contains("```python\n"));
        assert!(md(page("highlight highlight-text-html-basic")).contains("```\nimport"));
        assert!(md(page("highlight-box").replace(" notranslate", "")).contains("```\nimport"));
    }

    #[test]
    fn a_pre_is_one_fence_with_every_line() {
        let ex = crate::Extractor::new().formatting(true).comments(true);
        let doc = ex.extract(CODE.as_bytes()).unwrap();
        let md = to_markdown(&doc);
        assert!(
            md.contains("```ts\n// Accessing the property\nconst message = \"Hello\";\n// and calling it\nmessage.toLowerCase();\n```"),
            "{md}"
        );
        assert!(
            md.contains("```yaml\nservices:\n  web:\n    image: nginx\n```"),
            "{md}"
        );
        assert!(
            md.contains("```jsx\n<div>\n  <p>Hi</p>\n</div>\n```"),
            "{md}"
        );
        assert!(
            md.contains("```\nnon_recursive_term UNION [ ALL ] recursive_term\n```"),
            "{md}"
        );
        assert_eq!(md.matches("```").count(), 8, "{md}");
        assert!(!md.contains("Try"), "{md}");
        // a highlighter's `token comment` is code, not a reader's comment
        assert!(doc.comments().is_empty(), "{:?}", doc.comments());
    }

    #[test]
    fn images_stand_alone_and_take_their_figures_caption() {
        let html = "<html><head><title>T</title></head><body><article><h1>The ferry</h1>
            <figure><picture><source srcset=\"hero.webp\"><img src=\"hero.jpg\" alt=\"\"></picture><figcaption>The ferry at dawn.</figcaption></figure>
            <p><img src=\"a.png\" alt=\"A ferry\"> It is the ferry that crosses the bay twice a day in summer, and once in winter.</p>
            <figure><img src=\"data:image/gif;base64,R0lGOD\" data-src=\"/img/deck.jpg\" alt=\"The deck\"><figcaption>On the upper deck</figcaption></figure>
            <p>The second paragraph of the page holds more of the text, so that the article is long enough to count.</p>
            </article></body></html>";
        let ex = crate::Extractor::new()
            .images(true)
            .url("https://news.example.com/a/ferry");
        let doc = ex.extract(html.as_bytes()).unwrap();
        let md = to_markdown(&doc);
        assert!(
            md.contains("# The ferry\n\n![The ferry at dawn.](https://news.example.com/a/hero.jpg)\n\n![A ferry](https://news.example.com/a/a.png) It is the ferry"),
            "{md}"
        );
        assert!(
            md.contains("![The deck](https://news.example.com/img/deck.jpg \"On the upper deck\")"),
            "{md}"
        );
        // images are no text
        assert!(
            doc.text().starts_with("The ferry\nIt is the ferry"),
            "{}",
            doc.text()
        );
        let html = to_html(&doc);
        assert!(
            html.contains(
                "<img src=\"https://news.example.com/a/hero.jpg\" alt=\"The ferry at dawn.\" />"
            ),
            "{html}"
        );
    }

    #[test]
    fn links_resolve_against_base_else_canonical() {
        let page = |head: &str| {
            format!("<html><head><title>T</title>{head}</head><body><article>
            <p>Read the <a href=\"intro.html\">introduction</a> and the <a href=\"/faq\">FAQ</a> before you start, they explain it all.</p>
            <p>The second paragraph of the page holds more of the text, so that the article is long enough to count.</p>
            </article></body></html>")
        };
        let md = |head: &str, url: Option<&str>| {
            let mut ex = crate::Extractor::new().links(true);
            if let Some(u) = url {
                ex = ex.url(u);
            }
            to_markdown(&ex.extract(page(head).as_bytes()).unwrap())
        };
        let canonical = "<link rel=canonical href=\"https://example.org/c/page\">";
        let base = "<base href=\"https://docs.example.org/guide/\">";
        let m = md(canonical, None);
        assert!(m.contains("[introduction](https://example.org/c/intro.html) and the [FAQ](https://example.org/faq)"), "{m}");
        let m = md(&format!("{base}{canonical}"), None);
        assert!(
            m.contains("[introduction](https://docs.example.org/guide/intro.html)"),
            "{m}"
        );
        // the caller's URL beats the canonical one; a relative <base> resolves against it
        let m = md(canonical, Some("https://a.example/x/y"));
        assert!(
            m.contains("[introduction](https://a.example/x/intro.html)"),
            "{m}"
        );
        let m = md("<base href=\"/docs/\">", Some("https://a.example/x/y"));
        assert!(
            m.contains("[introduction](https://a.example/docs/intro.html)"),
            "{m}"
        );
    }

    #[test]
    fn markdown_escapes_only_what_commonmark_needs() {
        let html = "<html><body><article><h2>Learn C #</h2>
            <p>Build for x86_64 with AT&amp;T syntax, see [DOI] [PubMed] and 1.5 of *the* manual, and <b>not</b> a &lt;div&gt;.</p>
            <p>1. This line is no list item, although it starts with a number, a dot and a space after it.</p>
            </article></body></html>";
        let md = to_markdown(&rich(html));
        assert!(md.contains("## Learn C \\#\n"), "{md}");
        assert!(
            md.contains(
                "Build for x86_64 with AT&T syntax, see [DOI] [PubMed] and 1.5 of \\*the\\* manual"
            ),
            "{md}"
        );
        assert!(md.contains("a \\<div>."), "{md}");
        assert!(md.contains("\n1\\. This line"), "{md}");
    }

    #[test]
    fn formulas_are_tex_where_the_page_gives_it_else_their_text() {
        let html = r#"<html><body><article><h1>Euler</h1>
            <p>The identity <span class="katex"><span class="katex-mathml"><math><semantics><mrow><msup><mi>e</mi><mi>i</mi></msup><mo>+</mo><mn>1</mn></mrow><annotation encoding="application/x-tex">e^{i\pi} + 1 = 0</annotation></semantics></math></span><span class="katex-html" aria-hidden="true">eiπ+1=0</span></span> links five constants in one line.</p>
            <p>MathJax writes it so: <script type="math/tex">a^2 + b^2 = c^2</script>, and a displayed one follows:</p>
            <script type="math/tex; mode=display">\int_0^1 x\,dx = \frac{1}{2}</script>
            <p>Without TeX, a formula keeps its text: <math><mi>x</mi><mo>+</mo><mn>1</mn></math> is one more than x.</p>
            <p>Wikipedia draws it: <span class="mwe-math-element"><span style="display: none;"><math alttext="{\displaystyle x^{2}}"><mi>x</mi></math></span><img src="x.svg" class="mwe-math-fallback-image-inline" alt="{\displaystyle x^{2}}"></span> is a square.</p>
            </article></body></html>"#;
        let d = rich(html);
        let md = to_markdown(&d);
        assert!(
            md.contains("The identity $e^{i\\pi} + 1 = 0$ links"),
            "{md}"
        );
        assert!(!md.contains("eiπ"), "{md}");
        assert!(md.contains("so: $a^2 + b^2 = c^2$, and"), "{md}");
        assert!(
            md.contains("follows:\n\n$$\\int_0^1 x\\,dx = \\frac{1}{2}$$\n\n"),
            "{md}"
        );
        assert!(md.contains("its text: x+1 is one more"), "{md}");
        assert!(md.contains("draws it: $x^{2}$ is a square"), "{md}");
        assert!(
            d.text.contains("The identity e^{i\\pi} + 1 = 0 links"),
            "{}",
            d.text
        );
    }

    #[test]
    fn a_kept_table_keeps_its_head_row_and_its_rows_of_links() {
        let row = |t: &str, y: &str| {
            format!("<tr><th><a href='/w/{t}'>{t}</a></th><td>{y}</td><td>A film whose characters live the same day over and over again until they learn.</td></tr>")
        };
        let html = format!(
            "<html><body><article><p>The list gives the names and brief synopses of films in which time loops are a prominent plot device, year by year.</p>
            <table class='wikitable sortable'><thead><tr><th class='headerSort'>Film</th><th class='headerSort'>Year</th><th>Description</th></tr></thead><tbody>{}
            <tr><th><a href='/w/J'>Journey to the Center of Time</a></th><td><a href='/w/1967'>1967</a></td><td><a href='/w/R'>Remake of The Time Travelers</a></td></tr>{}</tbody></table>
            <p>Films are listed by the year of their first release in cinemas or on television, as the sources give it.</p></article></body></html>",
            row("Repeat", "1947") + &row("Loop", "1964"),
            row("Groundhog", "1993") + &row("Edge", "2014")
        );
        let md = to_markdown(&doc(&html));
        assert!(
            md.contains("| Film | Year | Description |\n| --- | --- | --- |\n| Repeat |"),
            "{md}"
        );
        assert!(
            md.contains("| Journey to the Center of Time | 1967 |"),
            "{md}"
        );
        assert_eq!(md.matches("\n| ").count(), 7, "{md}");
    }

    #[test]
    fn a_sticky_header_table_keeps_its_runs_of_rows_of_links() {
        // MediaWiki's list tables: the class names the table's head, and from some year on
        // every cell of a row is a link
        let name = |n: &str, y: u32| {
            format!("<span class=vcard><span class=fn><a href='/w/{y}{n}'>{n}</a></span></span>")
        };
        let plain = |y: u32| {
            let (a, b) = (name("Wilhelm Roentgen", y), name("Jacobus van 't Hoff", y));
            format!("<tr><td>{y}</td><td>{a}</td><td>{b}</td></tr>")
        };
        let linked = |y: u32| {
            let (a, b) = (name("Marie Curie", y), name("Svante Arrhenius", y));
            format!("<tr><td><a href='/w/{y}'>{y}</a></td><td>{a}</td><td>{b}</td></tr>")
        };
        let rows: String = (1901..1905)
            .map(plain)
            .chain((1990..1996).map(linked))
            .chain((2022..2024).map(plain))
            .collect();
        let p = "<p>The prizes are awarded each year by the academies and the committee named in the will, which also gives the rules for choosing the laureates.</p>";
        let html = format!(
            "<html><body><main><h1>Laureates</h1>{p}{p}{p}{p}
            <table class='wikitable sortable sticky-header'><tr><th>Year</th><th>Physics</th><th>Chemistry</th></tr>{rows}</table>{p}</main></body></html>"
        );
        let md = to_markdown(&doc(&html));
        assert!(md.contains("| Year | Physics | Chemistry |"), "{md}");
        for y in [1901, 1990, 1993, 1995, 2023] {
            assert!(md.contains(&format!("| {y} |")), "{y}: {md}");
        }
    }

    #[test]
    fn a_table_of_one_row_is_paragraphs() {
        let html = "<html><body><article><p>We tested the desk for three months in our office, raising and lowering it many times a day.</p>
            <table><tr><td><p>Pros:</p><ul><li>Strong warranty</li><li>Easy to adjust</li></ul></td><td><p>Cons:</p><ul><li>Long assembly</li></ul></td></tr></table>
            <p>Overall it is the desk we would buy again, even at its price, for its stability at every height.</p></article></body></html>";
        let md = to_markdown(&doc(html));
        assert!(!md.contains('|'), "{md}");
        assert!(md.contains("Pros:"), "{md}");
        assert!(md.contains("Long assembly"), "{md}");
    }

    #[test]
    fn rows_of_data_keep_their_linked_names_headed_groups_and_hidden_values() {
        let row = |name: &str, value: &str| {
            format!("<tr><td><a href='/c/{name}'>{name} Electric Company</a></td><td>{value}</td><td><i class='icon-check'></i><span class='sr-only'>Yes</span></td></tr>")
        };
        let rows: String = [
            ("Quanta", "$7.7B"),
            ("MYR", "$2.5B"),
            ("MasTec", "$2.4B"),
            ("Rosendin", "$2.4B"),
        ]
        .iter()
        .map(|(n, v)| row(n, v))
        .collect();
        let html = format!(
            "<html><body><article><p>So we dug into the most recent rankings of electrical contractors to identify the companies that lead the field.</p>
            <p>Revenue is what each company reported for its last full year; the union column says whether its electricians are members of the union.</p>
            <table><tr><th>Company</th><th>Revenue</th><th>Union</th></tr><tr><th colspan=3><h5>Largest</h5></th></tr>{rows}</table>
            <p>The list is ordered by revenue in the last year for which the companies reported it to the trade press.</p>
            <p>Smaller companies that work in one region only are left out, whatever their revenue, as the rankings do.</p></article></body></html>"
        );
        let md = to_markdown(&doc(&html));
        assert!(md.contains("| Company | Revenue | Union |\n| --- | --- | --- |\n| Largest |\n| Quanta Electric Company | $7.7B | Yes |"), "{md}");
        assert!(
            md.contains("| Rosendin Electric Company | $2.4B | Yes |"),
            "{md}"
        );
    }

    #[test]
    fn a_row_of_cells_of_paragraphs_keeps_its_cell_of_links_to_the_end_of_the_table() {
        let row = |d: &str, topic: &str| {
            format!("<tr><td>{d}</td><td>{topic}</td><td><a href='/n'>notes</a>, <a href='/s'>slides</a></td>
                <td><ul><li>Survey of the topic by the lecturer, with the proofs the lecture skipped: <a href='/p'>[Moitra '15]</a></li><li>A second paper</li></ul></td></tr>")
        };
        let html = format!(
            "<html><body><main><h1>Course schedule</h1><p>The lectures of the term, with their notes, slides and the papers to read before each one of them.</p>
            <table><tr><th>Date</th><th>Topic</th><th>Notes</th><th>Resources</th></tr>{}{}{}</table></main>
            <footer><p>© Template</p></footer></body></html>",
            row("Sep 6", "Logistics and the diffraction limit of learning theory"),
            row("Sep 8", "Learning mixtures of Gaussians with the method of moments"),
            row("Nov 29", "Diffusion")
        );
        let md = to_markdown(&doc(&html));
        assert!(md.contains("| Sep 6 | Logistics and the diffraction limit of learning theory | notes, slides |"), "{md}");
        assert!(
            md.contains("| Nov 29 | Diffusion | notes, slides |"),
            "{md}"
        );
    }

    #[test]
    fn a_definition_list_is_bold_terms_and_their_paragraphs() {
        let html = "<html><body><main><p>Creates a stack as the template specifies, and returns the identifier of the new stack.</p>
            <dl><dt><code>Arn</code></dt><dd><p>The Amazon Resource Name of the stack.</p><p>Type: String</p></dd>
            <dt>StackId</dt><dd>Unique identifier of the stack, which the other calls take as their argument.</dd></dl>
            <p>The response also holds the request's identifier, which the service writes into its logs for each call.</p></main></body></html>";
        let md = to_markdown(&rich(html));
        assert!(
            md.contains("**`Arn`**\n\nThe Amazon Resource Name of the stack.\n\nType: String\n\n**StackId**\n\nUnique identifier"),
            "{md}"
        );
        assert!(!md.contains("- "), "{md}");
    }

    #[test]
    fn a_cards_heading_is_its_items_title_a_steps_stays_a_heading() {
        const INTRO: &str = "The planner keeps a team's work in one place, from the first idea to the last review of it.";
        let card = |t: &str, d: &str| format!("<li><h3>{t}</h3><p>{d}</p></li>");
        let html = format!(
            "<html><body><main><p>{INTRO}</p><ul>{}{}</ul></main></body></html>",
            card(
                "Task list",
                "Stay on top of your tasks and of what is happening in each of them."
            ),
            card(
                "Kanban board",
                "Move each task across the columns of the board as its work goes on."
            )
        );
        let md = to_markdown(&doc(&html));
        assert!(
            md.contains("- **Task list**\n\n  Stay on top of your tasks and of what is happening in each of them.\n- **Kanban board**\n\n  Move each task"),
            "{md}"
        );
        // a tutorial's step holds code: its heading stays in the page's outline
        let step = |n: u32| {
            format!(
                "<li><h3>Step {n}</h3><p>Run the command below in a terminal, in the folder of the project you made before.</p><pre><code>make step{n}\nmake check</code></pre></li>"
            )
        };
        let html = format!(
            "<html><body><main><p>{INTRO}</p><ol>{}{}</ol></main></body></html>",
            step(1),
            step(2)
        );
        let md = to_markdown(&doc(&html));
        assert!(md.contains("1. ### Step 1\n\n   Run the command"), "{md}");
        // four blocks make a card, five are a section; code before the heading counts too;
        // a mark at the end of the title stays inside the bold
        let lines = |n: usize| -> String {
            (0..n)
                .map(|i| format!("<p>Line {i} of the item, which says a little more about it.</p>"))
                .collect()
        };
        let html = format!(
            "<html><body><main><p>{INTRO}</p><ul><li><h3>Three lines *</h3>{}</li><li><h3>Four lines</h3>{}</li>\
             <li><pre><code>make all\nmake check</code></pre><h3>After code</h3>{}</li></ul></main></body></html>",
            lines(3),
            lines(4),
            lines(1)
        );
        let md = to_markdown(&doc(&html));
        assert!(md.contains("- **Three lines \\***\n"), "{md}");
        assert!(md.contains("- ### Four lines\n"), "{md}");
        assert!(md.contains("  ### After code\n"), "{md}");
    }

    #[test]
    fn a_posts_head_is_its_author_as_a_heading_and_its_date() {
        let head = |author: Option<&str>, date: Option<&str>| {
            post_head(&crate::document::PostMark {
                block: 0,
                author: author.map(str::to_string),
                date: date.map(str::to_string),
            })
        };
        assert_eq!(
            head(Some("ana"), Some("2024-03-01")),
            "## ana\n\n*2024-03-01*"
        );
        assert_eq!(head(Some("ana"), None), "## ana");
        assert_eq!(head(None, Some("2024-03-01")), "*2024-03-01*");
        assert_eq!(head(None, None), "");
        // a name that Markdown would read stays the name
        assert_eq!(head(Some("*star* #1 #"), None), "## \\*star\\* #1 \\#");
    }

    #[test]
    fn front_matter_and_title_head_the_markdown_when_asked() {
        let html = "<html lang=en><head><title>Rain due: \"heavy\" | Weather Daily</title>
            <meta name=author content=\"Ana Lima\"><meta name=description content=\"Rain, then more rain.\"></head>
            <body><article><h1>Rain due: \"heavy\"</h1><p>Heavy rain is expected across the region on Tuesday, the forecasters said.</p>
            <p>Residents near rivers were told to prepare, and schools may close early on the day.</p></article></body></html>";
        let ex = crate::Extractor::new()
            .url("https://weather.example/rain")
            .front_matter(true)
            .title_heading(true);
        let doc = ex.extract(html.as_bytes()).unwrap();
        let md = to_markdown(&doc);
        assert!(
            md.starts_with(
                "---\ntitle: \"Rain due: \\\"heavy\\\"\"\nauthor: \"Ana Lima\"\n\
                 url: \"https://weather.example/rain\"\nsitename: \"Weather Daily\"\nlanguage: \"en\"\npage_type: \"article\"\n\
                 description: \"Rain, then more rain.\"\n---\n\n# Rain due: \"heavy\"\n\nHeavy rain"
            ),
            "{md}"
        );
        // the HTML and the plain text are the text's alone
        assert!(to_html(&doc).starts_with("<p>Heavy rain"));
        assert!(doc.text().starts_with("Heavy rain"));
        assert!(!to_markdown(&crate::extract(html.as_bytes()).unwrap()).starts_with("---"));
    }

    /// The three posts of the thread tests, each written by `post` (its number, its
    /// poster from `names`, its text).
    fn three_posts(post: impl Fn(u32, &str, &str) -> String, names: [&str; 3]) -> String {
        let texts = [
            "I bought a big sack of flour and I am not sure how to keep it fresh for months. Any tips?",
            "Put it in an airtight container and keep it somewhere cool and dark; the freezer works too.",
            "I freeze mine for two days first, then it goes into glass jars in the pantry for the year.",
        ];
        (0..3)
            .map(|i| post(i as u32 + 1, names[i], texts[i]))
            .collect()
    }

    /// Each post's author and date.
    fn bylines(doc: &Document) -> Vec<(Option<&str>, Option<&str>)> {
        doc.posts()
            .iter()
            .map(|p| (p.author.as_deref(), p.date.as_deref()))
            .collect()
    }

    /// The bylines of three posts by ana, bo and cy on the first three days of March 2024.
    const ANA_BO_CY: [(Option<&str>, Option<&str>); 3] = [
        (Some("ana"), Some("2024-03-01")),
        (Some("bo"), Some("2024-03-02")),
        (Some("cy"), Some("2024-03-03")),
    ];

    /// A thread of three posts by ana, bo and cy, written by `post`, in an element of
    /// class `wrapper`.
    fn flour_thread(post: impl Fn(u32, &str, &str) -> String, wrapper: &str) -> Document {
        let html = format!(
            "<html><head><title>Best way to store flour? - Baking Forum</title></head><body><h1>Best way to store flour?</h1><div class=\"{wrapper}\">{}</div></body></html>",
            three_posts(post, ["ana", "bo", "cy"]),
        );
        crate::extract(html.as_bytes()).unwrap()
    }

    #[test]
    fn a_threads_posts_come_apart_with_author_and_date() {
        let post = |n: u32, who: &str, text: &str| {
            format!("<article class=\"message\"><div class=\"message-user\"><a class=\"username\" href=\"/members/{who}.{n}/\" rel=\"author\">{who}</a></div>
            <div class=\"message-body\"><time datetime=\"2024-03-0{n}T10:00:00\">Mar {n}, 2024</time><p>{text}</p></div></article>")
        };
        let doc = flour_thread(post, "posts");
        assert_eq!(bylines(&doc), ANA_BO_CY);
        let md = to_markdown(&doc);
        assert!(
            md.starts_with(
                "# Best way to store flour?\n\n## ana\n\n*2024-03-01*\n\nI bought a big sack"
            ),
            "{md}"
        );
        assert!(
            md.contains("Any tips?\n\n* * *\n\n## bo\n\n*2024-03-02*\n\n"),
            "{md}"
        );
        assert_eq!(md.matches("* * *").count(), 2, "{md}");
        // the text is the posts' alone
        assert!(!doc.text().contains("ana"));
    }

    /// A post as Discourse's crawler view writes it: its author, its date as text and its
    /// number in the thread above its text.
    fn crawler_post(n: u32, who: &str, text: &str) -> String {
        format!("<div class='topic-body crawler-post' itemprop='comment' itemscope itemtype='http://schema.org/Comment'>
        <div class='crawler-post-meta'><span class='creator' itemprop='author'><a href='/u/{who}'><span itemprop='name'>{who}</span></a></span>
        <span class='crawler-post-infos'><time itemprop='datePublished' datetime='2024-03-0{n}T10:00:00Z' class='post-time'>March {n}, 2024, 10:00am</time>
        <span itemprop='position'>{n}</span></span></div><div class='post' itemprop='text'><p>{text}</p></div></div>")
    }

    #[test]
    fn a_posts_date_and_number_under_its_head_are_not_said_twice() {
        let doc = flour_thread(crawler_post, "post-stream");
        assert_eq!(bylines(&doc), ANA_BO_CY);
        let md = to_markdown(&doc);
        assert!(
            md.contains("* * *\n\n## bo\n\n*2024-03-02*\n\nPut it in"),
            "{md}"
        );
        assert!(!md.contains("10:00am") && !md.contains("\n2\n"), "{md}");
    }

    /// A post as phpBB's prosilver writes it: its title, then its author's line (`by
    /// <name> » <date>`, or the date alone when `byline` is false) above its text, which
    /// `first` opens.
    fn phpbb_post(n: u32, who: &str, byline: bool, first: &str, text: &str) -> String {
        let by = if byline {
            format!("<span class=\"responsive-hide\">by <strong><a href=\"./memberlist.php?mode=viewprofile&amp;u={n}\" class=\"username\">{who}</a></strong> &raquo; </span>")
        } else {
            String::new()
        };
        format!("<div id=\"p{n}\" class=\"post has-profile bg2\"><div class=\"inner\">
        <dl class=\"postprofile\"><dt><a href=\"./memberlist.php?mode=viewprofile&amp;u={n}\" class=\"username\">{who}</a></dt></dl>
        <div class=\"postbody\"><div id=\"post_content{n}\"><h3>Re: Best way to store flour?</h3>
        <p class=\"author\">{by}<time datetime=\"2024-03-0{n}T10:00:00+00:00\">0{n} Mar 2024, 10:00</time></p>
        <div class=\"content\">{first}{text}</div></div></div></div></div>")
    }

    #[test]
    fn a_phpbb_posts_title_byline_and_date_under_its_head_are_not_said_twice() {
        let post = |n: u32, who: &str, text: &str| phpbb_post(n, who, true, "", text);
        let md = to_markdown(&flour_thread(post, "page-body"));
        assert!(
            md.contains(
                "* * *\n\n## bo\n\n*2024-03-02*\n\n### Re: Best way to store flour?\n\nPut it in"
            ),
            "{md}"
        );
        assert!(!md.contains("\nby\n") && !md.contains("10:00"), "{md}");
        // a reply whose first line is "By", or whose answer under its title is a number,
        // keeps it
        let post = |n: u32, who: &str, text: &str| {
            let first = if n == 2 { "<p>By</p><p>42</p>" } else { "" };
            phpbb_post(n, who, false, first, text)
        };
        let md = to_markdown(&flour_thread(post, "page-body"));
        assert!(
            md.contains("### Re: Best way to store flour?\n\nBy\n\n42\n\nPut it in"),
            "{md}"
        );
    }

    #[test]
    fn a_post_whose_text_is_a_number_keeps_it_and_an_empty_post_its_break() {
        let thread = |texts: [&str; 3]| {
            let post = |n: u32, who: &str, _: &str| crawler_post(n, who, texts[n as usize - 1]);
            to_markdown(&flour_thread(post, "post-stream"))
        };
        let long = "I bought a big sack of flour and I am not sure how to keep it fresh for months. Any tips?";
        let md = thread([long, "42", long]);
        assert!(md.contains("## bo\n\n*2024-03-02*\n\n42\n\n* * *"), "{md}");
        // a post whose one line says its date again is its head alone, apart from the next
        let md = thread([long, "March 2, 2024", long]);
        assert!(md.contains("*2024-03-02*\n\n* * *\n\n## cy"), "{md}");
        assert_eq!(md.matches("* * *").count(), 2, "{md}");
    }

    #[test]
    fn a_threads_opening_post_is_a_post_when_the_replies_are_named_comments() {
        // XenForo 2: the replies carry schema.org's Comment, the opening post does not; the
        // user card's name is kept between the posts, where the byline says it already
        let post = |n: u32, who: &str, text: &str| {
            let comment = if n > 1 {
                " itemscope itemtype=\"https://schema.org/Comment\""
            } else {
                ""
            };
            format!("<article class=\"message message--post\" data-author=\"{who}\"{comment}><section class=\"message-user\"><h4 class=\"message-name\"><a class=\"username\" href=\"/members/{who}.{n}/\">{who}</a></h4></section>
            <div class=\"message-main\"><header class=\"message-attribution\"><time datetime=\"2024-03-0{n}T10:00:00\">Mar {n}, 2024</time></header><div class=\"bbWrapper\">{text}</div></div></article>")
        };
        let doc = flour_thread(post, "block-body");
        assert_eq!(bylines(&doc), ANA_BO_CY);
        let md = to_markdown(&doc);
        assert!(
            md.contains("* * *\n\n## bo\n\n*2024-03-02*\n\nPut it in"),
            "{md}"
        );
        assert!(!md.contains("\nbo\n"), "{md}");
    }

    #[test]
    fn posts_whose_author_line_gives_the_date_come_apart() {
        // phpBB's prosilver: no <time>, the date follows the poster's name
        let post = |n: u32, who: &str, text: &str| {
            format!("<div id=\"p{n}\" class=\"post bg{}\"><div class=\"postbody\"><h3>Re: Flour</h3>
            <p class=\"author\">by <strong><a href=\"./memberlist.php?mode=viewprofile&amp;u={n}\">{who}</a></strong> &raquo; Tue Aug 2{n}, 2019 4:0{n} am</p>
            <div class=\"content\">{text}</div></div></div>", n % 2 + 1)
        };
        let html = format!(
            "<html><head><title>Flour - Baking Forum</title></head><body><div id=\"page-body\">{}</div></body></html>",
            three_posts(post, ["ana", "ben", "cyd"]),
        );
        let doc = crate::extract(html.as_bytes()).unwrap();
        assert_eq!(
            bylines(&doc),
            [
                (Some("ana"), Some("2019-08-21")),
                (Some("ben"), Some("2019-08-22")),
                (Some("cyd"), Some("2019-08-23"))
            ]
        );
        assert!(to_markdown(&doc).contains("## ben\n\n*2019-08-22*"));
    }

    #[test]
    fn a_list_of_posts_is_the_threads_frame_and_its_message_no_quote() {
        // XenForo 1: an <ol> of posts, each post's text in a <blockquote class="messageText">
        let post = |n: u32, who: &str, text: &str| {
            format!("<li id=\"post-{n}\" class=\"message\"><div class=\"messageUserInfo\"><a class=\"username\" href=\"/members/{who}.{n}/\">{who}</a></div>
            <div class=\"messageContent\"><blockquote class=\"messageText ugc\">{text}<ul><li>flour</li><li>salt</li></ul></blockquote></div>
            <div class=\"messageMeta\"><time datetime=\"2024-03-0{n}T10:00:00\">Mar {n}, 2024</time></div></li>")
        };
        let html = format!(
            "<html><head><title>Best way to store flour? - Baking Forum</title></head><body><h1>Best way to store flour?</h1><ol class=\"messageList\">{}</ol></body></html>",
            three_posts(post, ["anna", "ben", "cyd"]),
        );
        let doc = crate::extract(html.as_bytes()).unwrap();
        assert_eq!(doc.posts().len(), 3);
        let md = to_markdown(&doc);
        assert!(md.contains("## ben\n\n*2024-03-02*\n\n"), "{md}");
        assert!(md.contains("\nPut it in an airtight container"), "{md}");
        // no post is a numbered item or a quote; the lists inside them stay lists
        assert!(!md.contains("1. ") && !md.contains("> "), "{md}");
        assert!(md.contains("- flour\n- salt"), "{md}");
    }

    #[test]
    fn the_markdown_opens_with_the_pages_headline_and_the_text_leaves_it_to_the_title() {
        let body = "<p>The council voted on Tuesday to close the old harbour bridge to cars from May, after engineers found cracks in two of its piers.</p>
            <p>Buses and bicycles may still cross it until the repairs begin, which the council expects to take most of next year.</p>";
        let page = |menu: &str| {
            format!("<html><head><title>Harbour bridge to close to cars | City News</title></head><body>
            <nav>{menu}<a href=/>Home</a> <a href=/city>City</a></nav>
            <header><h1>Harbour bridge to close to cars</h1><p class=byline>By Ana Lima</p></header>
            <ul class=share><li><a href=/s>Share</a></li></ul>
            <article>{body}</article></body></html>")
        };
        // a headline above the article, past its byline and share buttons
        let doc = crate::extract(page("").as_bytes()).unwrap();
        let md = to_markdown(&doc);
        assert!(
            md.starts_with("# Harbour bridge to close to cars\n\nThe council voted"),
            "{md}"
        );
        assert!(!doc.text().contains("Harbour bridge"), "{}", doc.text());
        assert!(to_html(&doc).starts_with("<p>The council"));
        // a menu's heading that repeats the title is not the headline
        let html = page("<h2>Harbour bridge to close to cars</h2>")
            .replace("<h1>Harbour bridge to close to cars</h1>", "");
        let md = to_markdown(&crate::extract(html.as_bytes()).unwrap());
        assert!(md.starts_with("The council voted"), "{md}");
    }

    #[test]
    fn tables_that_follow_one_another_stay_apart() {
        let html = "<p>The two tables below list the sizes and the colours, which the shop keeps apart from each other.</p>
            <table><tr><th>Size</th><th>Width</th></tr><tr><td>S</td><td>40</td></tr></table>
            <table><tr><th>Colour</th><th>Code</th></tr><tr><td>Red</td><td>r1</td></tr></table>
            <p>Every size comes in every colour, and the shop sends them within two days of your order, it says.</p>";
        let md = to_markdown(&doc(html));
        assert!(
            md.contains("| S | 40 |\n\n| Colour | Code |\n| --- | --- |\n| Red | r1 |"),
            "{md}"
        );
    }

    #[test]
    fn html_is_a_safe_fragment() {
        let html = "<html><body><article><p>The first part of the guide explains the tools you need, and why each of them matters here.</p>
            <h2 onclick=\"x()\">Part <i>one</i></h2>
            <p>Read <a href=\"javascript:alert(1)\">this</a> and <a href=\"/docs\">the docs</a> &lt;script&gt;alert(2)&lt;/script&gt; before you write to us about it.</p>
            <script>alert(3)</script><style>p{}</style>
            <ul><li>one <b>item</b></li></ul><pre class=\"lang-sh\">rm -rf &lt;dir&gt;</pre>
            <p>The second part of the guide, which follows, shows how the tools work together on a real project.</p></article></body></html>";
        let out = to_html(&rich(html));
        assert!(out.contains("<h2>Part <em>one</em></h2>"), "{out}");
        assert!(out.contains("Read this and <a href=\"https://example.com/docs\">the docs</a> &lt;script&gt;alert(2)&lt;/script&gt;"), "{out}");
        assert!(out.contains("<li>one <strong>item</strong></li>"), "{out}");
        assert!(
            out.contains("<pre><code class=\"language-sh\">rm -rf &lt;dir&gt;\n</code></pre>"),
            "{out}"
        );
        for bad in ["<script", "<style", "onclick", "javascript:"] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
    }

    #[test]
    fn a_ragged_table_keeps_markdown_small() {
        // one row of 20,000 cells among 20,000 rows of one: only the header is padded, so
        // the Markdown stays proportional to the text (padding every row made gigabytes)
        let row = |text: String| ContentBlock::plain(BlockKind::TableRow, text);
        let mut blocks = vec![row("a\tb".into()), row(vec!["c"; 20_000].join("\t"))];
        blocks.extend((0..20_000).map(|_| row("one cell".into())));
        let text_len: usize = blocks.iter().map(|b| b.text.len()).sum();
        let mut d = doc("<p>x</p>");
        d.blocks = blocks;
        let md = to_markdown(&d);
        assert!(md.starts_with("| a | b |  |"), "{}", &md[..80]);
        assert_eq!(md.lines().nth(1).unwrap().matches("---").count(), 20_000);
        assert!(md.contains("\n| one cell |\n"));
        assert!(
            md.len() < 8 * text_len,
            "{} bytes of Markdown from {text_len}",
            md.len()
        );
    }

    #[test]
    fn formats_parse_from_names() {
        assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
        assert!("pdf".parse::<Format>().is_err());
        assert_eq!(render(&doc(PAGE), Format::Text).lines().next(), Some("Install the tool with the package manager of your system, then check the version it prints."));
    }
}
