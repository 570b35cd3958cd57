//! Splitting a page's comment thread into comments, each with its author, date and text.

use crate::block::{Block, Elem, Tag};
use crate::classify::{Label, LINKY_DENSITY};
use crate::hints;
use crate::metadata::parse_date;

/// Least words of a block of a comment's text ("Reply" and "Like" buttons are shorter).
pub const COMMENT_MIN_WORDS: f32 = 3.0;
/// Longest author line, in characters; a longer byline block is the comment's text.
pub const AUTHOR_MAX_CHARS: u32 = 80;
/// Most words of a line read as a comment's date.
pub const DATE_MAX_WORDS: f32 = 6.0;
/// Most comments returned for one page.
pub const MAX_COMMENTS: usize = 2_000;

/// One comment of the page's thread.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
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
        .filter(|&i| !labels[i].is_content() && blocks[i].hints & hints::COMMENT != 0)
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
        if b.hints & hints::BYLINE != 0 && short && !b.text.contains('\n') {
            if c.author.is_none() {
                let name = b.text.trim().trim_end_matches(':');
                let name = name.strip_suffix(" says").unwrap_or(name).trim();
                if !name.is_empty() {
                    c.author = Some(name.to_string());
                }
            }
            continue;
        }
        if b.stats.words < COMMENT_MIN_WORDS || b.link_density() >= LINKY_DENSITY {
            continue;
        }
        if !c.text.is_empty() {
            c.text.push('\n');
        }
        c.text.push_str(&b.text);
    }
    out.retain(|c| !c.text.is_empty());
    out
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
fn path_to_root(elems: &[Elem], mut e: u32) -> Vec<u32> {
    let mut path = vec![e];
    while e != 0 {
        let p = elems[e as usize].parent;
        if p == e {
            break;
        }
        path.push(p);
        e = p;
    }
    path.reverse();
    path
}

/// The comment item holding element `e` inside `thread`.
fn item_of(elems: &[Elem], e: u32, thread: u32) -> u32 {
    let mut child_of_thread = e;
    let mut cur = e;
    let mut innermost_item = None;
    while cur != thread && cur != 0 {
        let el = &elems[cur as usize];
        if innermost_item.is_none() && matches!(el.tag, Tag::Li | Tag::Article) {
            innermost_item = Some(cur);
        }
        child_of_thread = cur;
        cur = el.parent;
    }
    innermost_item.unwrap_or(child_of_thread)
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
        let mut ex = Extractor::new();
        ex.comments(true);
        let doc = ex.extract(PAGE.as_bytes()).unwrap();
        let c = doc.comments();
        assert_eq!(c.len(), 3, "{c:#?}");
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
