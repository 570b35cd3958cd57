//! The result of an extraction: the main text as blocks, the metadata, and the comments.

pub use crate::block::ListMark;
use crate::block::{Block, BlockKind, IN_LIST, IN_QUOTE};
pub use crate::comments::Comment;
use crate::metadata::Metadata;
use crate::page_type::PageType;

/// One block of the main content.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct ContentBlock {
    /// What the block is.
    #[serde(serialize_with = "kind_name")]
    pub kind: BlockKind,
    /// Its text: whitespace collapsed (kept in code), lines separated by `\n`, table cells
    /// by `\t`.
    pub text: String,
    /// Its Markdown inline content (links and images kept), when the options asked for
    /// links or images; `None` otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
    /// Its place in a list (depth, number, item), if it stands in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<ListMark>,
    /// The language of a code block, where the page names it and the options keep
    /// formatting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Whether it stands inside a block quote (or a documentation page's admonition).
    pub quoted: bool,
    /// Whether it is the first kept block of its quote (on a quoted block): a quote that
    /// follows another starts here.
    pub quote_start: bool,
    /// Whether its quote stands inside its list item (a note in a step of a list), not the
    /// list inside the quote.
    #[serde(skip)]
    pub quote_in_item: bool,
    /// Whether it stands inside a list.
    pub listed: bool,
    /// Whether it is the first row of its table (on a `table-row` block): a table that
    /// follows another starts here.
    pub table_start: bool,
}

/// A post of a thread (a forum's post, an answer on a Q&A page): where it starts among the
/// document's blocks, and its author and date where the page marks them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct PostMark {
    /// The index of its first block in [`Document::blocks`].
    pub block: usize,
    /// Who wrote it.
    pub author: Option<String>,
    /// When, as `YYYY-MM-DD`.
    pub date: Option<String>,
}

impl ContentBlock {
    /// The content block of a block the classifier kept.
    pub(crate) fn of_block(b: Block, lists: &[ListMark]) -> Self {
        let markup = b.markup.map(|m| *m).unwrap_or_default();
        ContentBlock {
            kind: b.kind,
            text: b.text.into_string(),
            markdown: markup.md,
            list: b.list.checked_sub(1).map(|i| lists[i as usize]),
            lang: markup.lang.map(String::from),
            quoted: b.flags & IN_QUOTE != 0,
            quote_start: false,
            quote_in_item: false,
            listed: b.flags & IN_LIST != 0,
            table_start: false,
        }
    }

    /// The block one list less deep: out of the list that held it, where that list was
    /// the outermost (a thread's list of posts).
    pub(crate) fn leave_outer_list(&mut self) {
        match &mut self.list {
            Some(m) if m.depth > 1 => m.depth -= 1,
            Some(_) => {
                self.list = None;
                self.listed = false;
            }
            None => {}
        }
    }

    /// A block of plain text of `kind`, outside lists and quotes.
    pub(crate) fn plain(kind: BlockKind, text: String) -> Self {
        ContentBlock {
            kind,
            text,
            markdown: None,
            list: None,
            lang: None,
            quoted: false,
            quote_start: false,
            quote_in_item: false,
            listed: false,
            table_start: false,
        }
    }
}

fn kind_name<S: serde::Serializer>(k: &BlockKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(k.name())
}

/// What gleaner found on a page.
#[derive(Debug, Clone)]
pub struct Document {
    pub(crate) metadata: Metadata,
    pub(crate) blocks: Vec<ContentBlock>,
    pub(crate) text: String,
    pub(crate) comments: Option<Vec<Comment>>,
    pub(crate) comments_text: Option<String>,
    pub(crate) confidence: f32,
    pub(crate) encoding: &'static str,
    pub(crate) fallback: bool,
    pub(crate) truncated: bool,
    pub(crate) page_type: PageType,
    /// What goes before the Markdown, as the extractor's options asked.
    pub(crate) markdown_head: MarkdownHead,
    /// The thread's posts, in order, when the page holds one.
    pub(crate) posts: Vec<PostMark>,
    /// The page's headline as the page writes it, when it shows one as a heading in or
    /// just above the article: the Markdown opens with it.
    pub(crate) headline: Option<String>,
}

/// What the Markdown of a document starts with, besides the main text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct MarkdownHead {
    /// YAML front matter with the metadata.
    pub(crate) front_matter: bool,
    /// The title as a `#` heading.
    pub(crate) title: bool,
}

impl Document {
    /// The document of the kept `blocks`: the main text is their texts, one per line, and
    /// the comments' text theirs. The confidence, encoding, page type and flags are set
    /// after.
    pub(crate) fn new(
        metadata: Metadata,
        blocks: Vec<ContentBlock>,
        comments: Option<Vec<Comment>>,
    ) -> Self {
        let text = blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Image)
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let comments_text = comments.as_ref().filter(|c| !c.is_empty()).map(|c| {
            let texts: Vec<&str> = c.iter().map(|c| c.text.as_str()).collect();
            texts.join("\n")
        });
        Document {
            metadata,
            blocks,
            text,
            comments,
            comments_text,
            confidence: 0.0,
            encoding: "UTF-8",
            fallback: false,
            truncated: false,
            page_type: PageType::default(),
            markdown_head: MarkdownHead::default(),
            posts: Vec::new(),
            headline: None,
        }
    }

    /// The main text: the kept blocks in document order, one per line.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The kept blocks in document order.
    pub fn blocks(&self) -> &[ContentBlock] {
        &self.blocks
    }
    /// All the metadata.
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }
    /// What kind of page it is: an article, a forum thread, a product, a collection, a
    /// listing, documentation or a service page.
    pub fn page_type(&self) -> PageType {
        self.page_type
    }
    /// The headline, cleaned of the site-name suffix.
    pub fn title(&self) -> Option<&str> {
        self.metadata.title.as_deref()
    }
    /// The headline as the page writes it, when the page shows it as a heading in the
    /// article or above it: the Markdown opens with it, the text leaves it to
    /// [`Document::title`].
    pub fn headline(&self) -> Option<&str> {
        self.headline.as_deref()
    }
    /// The author or authors, joined with "; ".
    pub fn author(&self) -> Option<&str> {
        self.metadata.author.as_deref()
    }
    /// The publication date, ISO 8601 (`YYYY-MM-DD`).
    pub fn date(&self) -> Option<&str> {
        self.metadata.date.as_deref()
    }
    /// The site's name.
    pub fn sitename(&self) -> Option<&str> {
        self.metadata.sitename.as_deref()
    }
    /// The language, a lower-case ISO 639-1 code where one exists.
    pub fn language(&self) -> Option<&str> {
        self.metadata.language.as_deref()
    }
    /// The canonical URL (the page URL given in the options when the page names none).
    pub fn url(&self) -> Option<&str> {
        self.metadata.url.as_deref()
    }
    /// The page's description.
    pub fn description(&self) -> Option<&str> {
        self.metadata.description.as_deref()
    }
    /// The main image's URL.
    pub fn image(&self) -> Option<&str> {
        self.metadata.image.as_deref()
    }
    /// The comments of the page's thread, each with its author, date and text, when the
    /// options asked for comments (empty otherwise). None of them is in [`Document::text`].
    pub fn comments(&self) -> &[Comment] {
        self.comments.as_deref().unwrap_or_default()
    }
    /// The posts of the thread the page holds (a forum's posts, the answers of a Q&A
    /// page), in order, each with the index of its first block, its author and its date;
    /// empty when the page holds no thread. The Markdown sets them apart.
    pub fn posts(&self) -> &[PostMark] {
        &self.posts
    }
    /// Whether the options asked for comments.
    pub fn comments_requested(&self) -> bool {
        self.comments.is_some()
    }
    /// The comments' text, one comment after another, blocks separated by `\n`; `None`
    /// when there are none.
    pub fn comments_text(&self) -> Option<&str> {
        self.comments_text.as_deref()
    }
    /// How sure gleaner is that it found the main content, from 0 (not at all) to 1: low
    /// for short results, results from a fallback, and pages whose prose mostly lies
    /// outside what was kept. Useful to route doubtful pages to another tool.
    pub fn confidence(&self) -> f32 {
        self.confidence
    }
    /// The name of the character encoding the page was decoded from.
    pub fn encoding(&self) -> &'static str {
        self.encoding
    }
    /// Whether the main text came from a fallback rather than the article container.
    pub fn used_fallback(&self) -> bool {
        self.fallback
    }
    /// Whether the page went past a limit (input size, node count or time budget) and the
    /// result covers only the part within it; only with [`crate::Limits::truncate`] set.
    pub fn truncated(&self) -> bool {
        self.truncated
    }
}
