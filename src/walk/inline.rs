//! A block's Markdown inline content, written beside its text when the options keep links,
//! images or formatting: the text escaped, links as `[text](url)`, images as `![alt](src)`,
//! emphasis and inline code.

use crate::element::attr;

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

/// Inline formatting opened in the Markdown: where, in which block, and what. Small, as
/// every close task of the walk carries one.
#[derive(Clone, Copy)]
pub(super) struct Mark {
    at: u32,
    block: u32,
    kind: MarkKind,
}

/// The kinds of inline formatting.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum MarkKind {
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

/// The Markdown of the block being walked.
pub(super) struct InlineMarkdown {
    /// What to keep.
    pub(super) rich: Rich,
    md: String,
    /// Blocks finished so far (a mark opened before a block ended is dropped).
    blocks: u32,
    /// Whether the block's Markdown holds an image.
    image: bool,
    /// Emphasis just closed after punctuation at the end of the Markdown (`**Note:**`):
    /// where its two markers stand, and their length. It parses only if no letter follows,
    /// so the markers go if the next text, written right after them, starts with one.
    flank: Option<(usize, usize, usize)>,
}

impl InlineMarkdown {
    /// A writer keeping what `rich` asks for.
    pub(super) fn new(rich: Rich) -> Self {
        InlineMarkdown {
            rich,
            md: String::new(),
            blocks: 0,
            image: false,
            flank: None,
        }
    }

    /// Appends text, escaped for Markdown unless it stands in inline code.
    pub(super) fn push_text(&mut self, added: &str, code: bool) {
        if let Some((open, close, len)) = self.flank.take() {
            // nothing written since, not even a space
            let glued = close + len == self.md.len();
            if glued && added.starts_with(char::is_alphanumeric) {
                self.md.replace_range(close..close + len, "");
                self.md.replace_range(open..open + len, "");
            }
        }
        if code {
            self.md.push_str(added);
        } else {
            crate::md_escape::push_escaped(&mut self.md, added);
        }
    }

    /// Appends Markdown as it is (a formula's `$tex$`), apart from a word before it.
    pub(super) fn push_raw(&mut self, md: &str) {
        if self.md.ends_with(|c: char| c.is_alphanumeric()) {
            self.md.push(' ');
        }
        self.md.push_str(md);
    }

    /// Appends a line break.
    pub(super) fn newline(&mut self) {
        self.md.push('\n');
    }

    /// A mark at the end of the Markdown written so far; `None` past 4 GiB of it.
    pub(super) fn open(&self, kind: MarkKind) -> Option<Mark> {
        Some(Mark {
            at: u32::try_from(self.md.len()).ok()?,
            block: self.blocks,
            kind,
        })
    }

    /// Opens a link: returns its resolved target and where its text starts; `None` for
    /// links that lead nowhere (empty, a fragment, `javascript:`).
    pub(super) fn start_link(&mut self, href: &str) -> Option<(String, Mark)> {
        let href = href.trim();
        if href.is_empty()
            || href.starts_with('#')
            || href.to_ascii_lowercase().starts_with("javascript:")
        {
            return None;
        }
        let url = crate::urls::resolve_url(self.rich.base.as_ref(), href);
        Some((url, self.open(MarkKind::Link)?))
    }

    /// Closes a link: `[` and `](url)` go around its text (whitespace outside them), or
    /// nowhere when it held no text or crossed a block.
    pub(super) fn end_link(&mut self, url: &str, m: Mark) {
        let Some((start, end)) = self.marked_span(m) else {
            return;
        };
        self.md.insert_str(end, &format!("]({})", md_url(url)));
        self.md.insert(start, '[');
    }

    /// Where the text written since `m` starts and ends, whitespace left out; `None` when
    /// there is none or a block ended since.
    fn marked_span(&self, m: Mark) -> Option<(usize, usize)> {
        let at = m.at as usize;
        if m.block != self.blocks || at > self.md.len() || !self.md.is_char_boundary(at) {
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

    /// Closes emphasis or inline code: the markers go around its text (whitespace outside
    /// them), or nowhere when it held no text, crossed a block, or would not parse as
    /// emphasis.
    pub(super) fn end_mark(&mut self, m: Mark) {
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
            // nor around emphasis that ends it (`**W**EIGHT****`) or starts it with the
            // same marker (`****✔** Top**`)
            if before.is_some_and(char::is_alphanumeric) && !first.is_alphanumeric()
                || matches!(last, '\\' | '*')
                || body.starts_with(marker)
            {
                return;
            }
            // right after another emphasis: the same kind joins it, another kind is left
            // out (`*a**b*` would not parse as two)
            let head = &self.md[..start];
            if head.ends_with('*') && !head.ends_with("\\*") {
                // joined, it would end in punctuation the next text cannot be checked
                // against (`**7.0/**10`)
                if head.ends_with(marker)
                    && !head.ends_with(&format!("*{marker}"))
                    && last.is_alphanumeric()
                {
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
        // emphasis that ends in punctuation closes only before a space, punctuation or
        // the end (`**Note:** text`), which the next text tells
        let len = open.len();
        let last = self.md[..end + len].chars().next_back();
        let at_end = end + 2 * len == self.md.len();
        if m.kind != MarkKind::Code && at_end && last.is_some_and(|c| !c.is_alphanumeric()) {
            self.flank = Some((start, end + len, len));
        }
    }

    /// Writes an image; returns whether it had a source. A lazy-loaded image's source is
    /// its `data-src`; an image whose only source is inline data (a placeholder, a
    /// tracking pixel) is left out.
    pub(super) fn image(&mut self, attrs: &[html5ever::Attribute]) -> bool {
        let inline = |s: &&str| s.trim_start().starts_with("data:");
        let Some(src) = attr(attrs, "data-src")
            .filter(|s| !s.trim().is_empty() && !inline(s))
            .or_else(|| attr(attrs, "src").filter(|s| !s.trim().is_empty() && !inline(s)))
        else {
            return false;
        };
        let url = crate::urls::resolve_url(self.rich.base.as_ref(), src);
        let alt = crate::text::normalize_space(attr(attrs, "alt").unwrap_or(""));
        // apart from the text before it
        if self.md.ends_with(|c: char| !c.is_whitespace()) {
            self.md.push(' ');
        }
        self.md.push_str(&format!(
            "![{}]({})",
            alt.replace(['[', ']'], ""),
            md_url(&url)
        ));
        self.image = true;
        true
    }

    /// Appends a space, when the text that follows began with one that the walk's
    /// whitespace collapsing left out (after an image at a block's start).
    pub(super) fn space(&mut self) {
        if self.md.ends_with(|c: char| !c.is_whitespace()) {
            self.md.push(' ');
        }
    }

    /// Forgets what was written since the last block (text that made no block).
    pub(super) fn clear(&mut self) {
        self.md.clear();
        self.image = false;
        self.flank = None;
    }

    /// Ends the block: its Markdown, lines trimmed and empty lines left out, when it is a
    /// block whose text needs any (`keep`: not a code block) and it holds text or an
    /// image; and whether it holds an image.
    pub(super) fn end_block(&mut self, keep: bool, has_text: bool) -> (Option<String>, bool) {
        self.blocks = self.blocks.wrapping_add(1);
        self.flank = None;
        let md = std::mem::take(&mut self.md);
        let image = std::mem::take(&mut self.image);
        let md = (keep && (has_text || image)).then(|| {
            md.split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        });
        (md, image)
    }
}

/// The Markdown of a figure's image, `md` (`![alt](url)`), with the figure's `caption`:
/// as its alt text when it has none, else as its title.
pub(super) fn with_caption(md: &str, caption: &str) -> String {
    let Some(rest) = md.strip_prefix("![") else {
        return md.to_string();
    };
    let Some((alt, target)) = rest.split_once("](") else {
        return md.to_string();
    };
    let Some(url) = target.strip_suffix(')').filter(|u| !u.contains([' ', ')'])) else {
        return md.to_string();
    };
    let caption = caption.replace(['[', ']'], "");
    if alt.trim().is_empty() {
        format!("![{caption}]({url})")
    } else if alt.trim() == caption.trim() {
        md.to_string()
    } else {
        format!("![{alt}]({url} \"{}\")", caption.replace('"', "\\\""))
    }
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
