//! The posts of a thread among the kept blocks: the repeated items that hold the kept text
//! (a forum's posts, a Q&A page's answers), each with its author and date where the page
//! marks them, so that the Markdown sets them apart.

use crate::block::Elem;
use crate::dates::parse_date;
use crate::document::PostMark;
use crate::hints::{self, Hints};
use crate::metadata::clean_author;
use crate::tag::Tag;
use crate::walk::Facts;

/// Least posts for a page's repeated items to be read as a thread's.
pub const MIN_POSTS: usize = 2;
/// Most shapes of children of one element looked at for the posts.
const MAX_SHAPES: usize = 64;

/// The posts of the thread, each at its first kept block (an index into the page's
/// blocks), with its author and date. The posts are the children of one element that
/// share a tag and a class's first word and hold the most kept text (`kept_len`, the
/// weighted length of the blocks the classifier kept, 0 for the others, as prefix sums).
/// Also the blocks the posts span when they are the items of a list (XenForo 1's and
/// vBulletin's `<ol>` of posts): that list is the thread's frame, not its text's.
pub(crate) fn posts(
    elems: &[Elem],
    facts: &Facts,
    kept: &[bool],
    kept_len: &[f32],
) -> (Vec<(usize, PostMark)>, Option<std::ops::Range<usize>>) {
    let Some(items) = post_items(elems, kept_len) else {
        return (Vec::new(), None);
    };
    let listed = match (items.first(), items.last()) {
        (Some(&f), Some(&l)) if elems[f as usize].tag == Tag::Li => {
            Some(elems[f as usize].blocks.0 as usize..elems[l as usize].blocks.1 as usize)
        }
        _ => None,
    };
    let mut out = Vec::new();
    for item in items {
        let (a, z) = elems[item as usize].blocks;
        let Some(first) = (a as usize..z as usize).find(|&i| kept[i]) else {
            continue;
        };
        let posters = || facts.posters.iter().filter(|(at, _)| (a..z).contains(at));
        let author = posters().find_map(|(_, name)| clean_author(name));
        // a post's date is its <time>, or the date its author's line gives ("by Ann » Tue
        // Aug 27, 2019 1:47 am", phpBB's prosilver)
        let date = facts
            .times
            .iter()
            .filter(|(at, _, _)| (a..z).contains(at))
            .find_map(|(_, _, v)| parse_date(v))
            .or_else(|| posters().find_map(|(_, line)| parse_date(line)));
        out.push((
            first,
            PostMark {
                block: 0,
                author,
                date,
            },
        ));
    }
    if out.len() < MIN_POSTS {
        out.clear();
    }
    (out, listed)
}

/// What the posts of a thread share: the tag, the hints of the names and the class's first
/// word. A reply's name as a comment is left out: the thread's opening post is the
/// discussion itself and the replies its comments (XenForo 2 marks them so with
/// schema.org's `Comment`), all posts of one thread.
fn shape(e: &Elem) -> (Tag, Hints, u16) {
    (e.tag, e.hints & !hints::COMMENT, e.component)
}

/// The elements of the thread's posts, in order: among the children of each element, those
/// of one tag and class component holding kept text, the group that holds the most of it.
fn post_items(elems: &[Elem], lens: &[f32]) -> Option<Vec<u32>> {
    let held = |e: &Elem| lens[e.blocks.1 as usize] - lens[e.blocks.0 as usize];
    let mut best: Option<(f32, u32, (Tag, Hints, u16))> = None;
    let mut groups: Vec<((Tag, Hints, u16), f32, usize)> = Vec::new();
    for (p, parent) in elems.iter().enumerate() {
        if parent.end <= p as u32 + 1 || held(parent) <= 0.0 {
            continue;
        }
        groups.clear();
        let mut child = p + 1;
        while child < parent.end as usize {
            let c = &elems[child];
            let len = held(c);
            if len > 0.0 && c.tag.is_block() {
                let key = shape(c);
                let shapes = groups.len();
                match groups.iter_mut().find(|g| g.0 == key) {
                    Some(g) => {
                        g.1 += len;
                        g.2 += 1;
                    }
                    // a parent of children of many shapes is no thread's
                    None if shapes < MAX_SHAPES => groups.push((key, len, 1)),
                    None => {}
                }
            }
            child = (c.end as usize).max(child + 1);
        }
        for &(key, len, count) in &groups {
            if count >= MIN_POSTS && best.is_none_or(|b| len > b.0) {
                best = Some((len, p as u32, key));
            }
        }
    }
    let (_, parent, key) = best?;
    let parent_end = elems[parent as usize].end as usize;
    let mut items = Vec::new();
    let mut child = parent as usize + 1;
    while child < parent_end {
        let c = &elems[child];
        if shape(c) == key && held(c) > 0.0 {
            items.push(child as u32);
        }
        child = (c.end as usize).max(child + 1);
    }
    Some(items)
}
