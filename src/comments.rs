//! Splitting a page's comment thread into comments, each with its author, date and text.

use crate::block::{ancestors, Block, BlockKind, Elem};
use crate::classify::{is_stock_phrase, Label};
use crate::dates::parse_date;
use crate::hints;
use crate::tag::Tag;

/// Least words of a block of a comment's text unless it ends like a sentence ("Reply"
/// and "Like" buttons are shorter).
pub const COMMENT_MIN_WORDS: f32 = 3.0;
/// Longest author line, in characters; a longer byline block is the comment's text.
pub const AUTHOR_MAX_CHARS: u32 = 80;
/// Most words of a line read as a comment's date.
pub const DATE_MAX_WORDS: f32 = 6.0;
/// Highest link density of a block of a comment's text (a line of links is the comment's
/// buttons or its author's links).
pub const COMMENT_MAX_LINK_DENSITY: f32 = 0.5;
/// Most comments returned for one page.
pub const MAX_COMMENTS: usize = 2_000;

/// The verb after a commenter's name ("Anna says:"), in the languages gleaner is measured on.
const SAYS: &[&str] = &[
    " says",
    " said",
    " wrote",
    " sagt",
    " schreibt",
    " dit",
    " a dit",
    " escribió",
    " dice",
    " ha scritto",
    " scrive",
    " schreef",
    " zegt",
];

/// Openings of the reply form's text under a thread, compared lower-cased.
const REPLY_FORM_PHRASES: &[&str] = &[
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "join the discussion",
    "join the conversation",
    "your email address will not be published",
    "you must be logged in",
    "log in to comment",
    "log in to reply",
    "sign in to comment",
    "to post a comment",
    "comments are closed",
    "schreiben sie einen kommentar",
    "kommentar schreiben",
    "laisser un commentaire",
    "deja un comentario",
    "lascia un commento",
];

/// Whether a block is the reply form's text rather than a comment.
fn is_reply_form(text: &str) -> bool {
    let t = text.trim_start().to_lowercase();
    REPLY_FORM_PHRASES.iter().any(|p| t.starts_with(p))
}

/// One comment of the page's thread.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct Comment {
    /// Who wrote it, where the page marks it.
    pub author: Option<String>,
    /// When, as `YYYY-MM-DD`, where the page marks it.
    pub date: Option<String>,
    /// Its text, blocks separated by `\n`.
    pub text: String,
}

/// The comments of a page: blocks left out of the main text that stand under a comment
/// name, grouped by the comment item that holds them (the innermost `<li>` or `<article>`
/// below the thread, else the thread's child).
pub(crate) fn split(
    elems: &[Elem],
    blocks: &[Block],
    labels: &[Label],
    times: &[(u32, bool, String)],
) -> Vec<Comment> {
    let in_thread: Vec<usize> = (0..blocks.len())
        .filter(|&i| {
            let b = &blocks[i];
            !labels[i].is_content()
                && b.hints & hints::COMMENT != 0
                // the thread's heading ("12 comments") and its reply form are not comments
                && !matches!(b.kind, BlockKind::Heading(_))
                // a "recent comments" widget in the sidebar or the navigation is not the thread
                && b.hints & (hints::SIDEBAR | hints::NAV) == 0
                && !in_form(elems, b.elem)
                && !is_reply_form(&b.text)
        })
        .collect();
    if in_thread.is_empty() {
        return Vec::new();
    }
    let thread = common_ancestor(elems, in_thread.iter().map(|&i| blocks[i].elem));
    let mut out: Vec<Comment> = Vec::new();
    let mut current: Option<u32> = None;
    for &i in &in_thread {
        let b = &blocks[i];
        let item = item_of(elems, b.elem, thread);
        if current != Some(item) {
            if out.len() == MAX_COMMENTS {
                break;
            }
            current = Some(item);
            let (a, z) = elems[item as usize].blocks;
            let date = times
                .iter()
                .filter(|(at, _, _)| (a..z).contains(at))
                .find_map(|(_, _, v)| parse_date(v));
            out.push(Comment {
                author: None,
                date,
                text: String::new(),
            });
        }
        let c = out.last_mut().expect("a comment was pushed above");
        let short = b.stats.chars <= AUTHOR_MAX_CHARS;
        if short && b.stats.words <= DATE_MAX_WORDS {
            if let Some(d) = parse_date(&b.text) {
                c.date.get_or_insert(d);
                continue;
            }
        }
        // a byline inside the comment (the hints of the thread's own wrappers, such as
        // WordPress's `comment-author-NAME` on the item, say nothing)
        let byline = hints_between(elems, b.elem, item) & hints::BYLINE != 0;
        if byline && short && !b.text.contains('\n') {
            if c.author.is_none() {
                // "Name says:", "Name · 5 hours ago", "Name | 12 May"
                let name = [" · ", " | ", " • "]
                    .iter()
                    .fold(&*b.text, |n, sep| n.split(sep).next().unwrap_or(n));
                let name = name.trim().trim_end_matches(':');
                let name = SAYS
                    .iter()
                    .find_map(|w| name.strip_suffix(w))
                    .unwrap_or(name)
                    .trim();
                if !name.is_empty() && !is_stock_phrase(name) {
                    c.author = Some(name.to_string());
                }
            }
            continue;
        }
        // buttons ("Reply", "Like") are short; a short comment ends like a sentence
        let sentence = b.text.trim_end().ends_with(['.', '!', '?', '…']);
        if (b.stats.words < COMMENT_MIN_WORDS && !sentence)
            || b.link_density() >= COMMENT_MAX_LINK_DENSITY
            || is_stock_phrase(&b.text)
        {
            continue;
        }
        if !c.text.is_empty() {
            c.text.push('\n');
        }
        c.text.push_str(&b.text);
    }
    // an author or date line the grouping put apart from its text goes with the text after
    for k in 1..out.len() {
        if out[k - 1].text.is_empty() {
            let (head, tail) = out.split_at_mut(k);
            let (prev, next) = (&mut head[k - 1], &mut tail[0]);
            if next.author.is_none() {
                next.author = prev.author.take();
            }
            if next.date.is_none() {
                next.date = prev.date.take();
            }
        }
    }
    out.retain(|c| !c.text.is_empty());
    out
}

/// The union of the own hints of the elements from `e` up to, not including, `top`.
fn hints_between(elems: &[Elem], e: u32, top: u32) -> hints::Hints {
    ancestors(elems, e)
        .take_while(|&a| a != top && a != 0)
        .fold(0, |h, a| h | elems[a as usize].hints)
}

/// Whether element `e` stands inside a form.
fn in_form(elems: &[Elem], e: u32) -> bool {
    ancestors(elems, e)
        .take_while(|&a| a != 0)
        .any(|a| elems[a as usize].tag == Tag::Form)
}

/// The deepest element holding all of `es`.
fn common_ancestor(elems: &[Elem], es: impl Iterator<Item = u32>) -> u32 {
    let mut common: Option<Vec<u32>> = None;
    for e in es {
        let path = path_to_root(elems, e);
        common = Some(match common {
            None => path,
            Some(c) => c
                .iter()
                .zip(&path)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| *a)
                .collect(),
        });
    }
    common.and_then(|c| c.last().copied()).unwrap_or(0)
}

/// The elements from the root down to `e`.
fn path_to_root(elems: &[Elem], e: u32) -> Vec<u32> {
    let mut path: Vec<u32> = ancestors(elems, e).collect();
    path.reverse();
    path
}

/// The comment item holding element `e` inside `thread`: the innermost list item or
/// article (the thread itself only when it is one), else the thread's child.
fn item_of(elems: &[Elem], e: u32, thread: u32) -> u32 {
    let mut child_of_thread = e;
    for a in ancestors(elems, e) {
        if matches!(elems[a as usize].tag, Tag::Li | Tag::Article) {
            return a;
        }
        if a == thread || a == 0 {
            break;
        }
        child_of_thread = a;
    }
    child_of_thread
}

#[cfg(test)]
mod tests {
    use crate::Extractor;

    const PAGE: &str = r#"<html><head><title>Dam opens</title></head><body>
        <article><h1>Dam opens</h1>
        <p>The new dam on the upper river opened on Friday after six years of building, and its gates were raised for the first time.</p>
        <p>Engineers said the reservoir would take two winters to fill, and the power station will reach full output after that.</p>
        </article>
        <section id="comments"><h2>3 comments</h2><ol class="comment-list">
        <li class="comment"><div class="comment-author">Anna Berg says:</div><time datetime="2024-05-02T10:00">May 2</time>
          <p>Finally! We have waited for this dam for a very long time in our village.</p><a href="/r">Reply</a>
          <ol class="children"><li class="comment"><div class="comment-author">Jon</div><div class="comment-date">3 May 2024</div>
            <p>So have we, and the road to it is still not finished either.</p></li></ol></li>
        <li class="comment"><p>Nobody asked the fishermen what they think about any of this.</p><p>Shame on the council.</p></li>
        </ol></section></body></html>"#;

    #[test]
    fn each_comment_comes_apart_with_author_and_date() {
        let ex = Extractor::new().comments(true);
        let doc = ex.extract(PAGE.as_bytes()).unwrap();
        let c = doc.comments();
        assert_eq!(c.len(), 3, "{c:#?}");
        // a commenter is not the page's author
        assert_eq!(doc.author(), None);
        assert_eq!(c[0].author.as_deref(), Some("Anna Berg"));
        assert_eq!(c[0].date.as_deref(), Some("2024-05-02"));
        assert_eq!(
            c[0].text,
            "Finally! We have waited for this dam for a very long time in our village."
        );
        assert_eq!(c[1].author.as_deref(), Some("Jon"));
        assert_eq!(c[1].date.as_deref(), Some("2024-05-03"));
        assert_eq!(c[2].author, None);
        assert_eq!(
            c[2].text,
            "Nobody asked the fishermen what they think about any of this.\nShame on the council."
        );
        for c in c {
            assert!(!doc.text().contains(&c.text));
        }
        // without the option, no comments
        assert!(Extractor::new()
            .extract(PAGE.as_bytes())
            .unwrap()
            .comments()
            .is_empty());
    }
}
