//! Finding the element that holds the article: each block's score, each element's score as a
//! range sum of its blocks', and the descent to a child that holds nearly all of it.

use super::{Page, Weights};
use crate::block::{Block, BlockKind, Elem, Prefix, Tag, IN_FIGURE};
use crate::hints::{self, Hints};

/// The hints that mark a subtree as boilerplate for the container's score.
pub(super) const BOILER_MASK: Hints = hints::STRONG_BOILERPLATE | hints::FOOTER | hints::SIDEBAR;

/// Each element's own hints, less those that say nothing on this page: on a discussion (a
/// forum thread, a Q&A page, nearly all its prose in posts named like comments) the comment
/// names, and a boilerplate name on a wrapper that holds most of the page's prose
/// (`main-with-sidebar`).
pub(super) fn effective_hints(
    elems: &[Elem],
    blocks: &[Block],
    prose: &Prefix,
    w: &Weights,
) -> Vec<Hints> {
    let total_prose = prose.total();
    let discussion = w.posts_are_content || is_discussion(elems, blocks, prose, w);
    elems
        .iter()
        .map(|e| {
            // a hidden panel is hidden unless the profile shows it
            let e = &Elem {
                hints: if e.hints & hints::PANEL != 0 && !w.reveal_panels {
                    e.hints | hints::HIDDEN
                } else {
                    e.hints
                },
                ..*e
            };
            if discussion && e.hints & hints::COMMENT != 0 {
                e.hints & !hints::COMMENT
            } else if e.hints & BOILER_MASK & !hints::COOKIE != 0
                && total_prose > 0.0
                && prose.of_elem(e) >= w.hint_void_share * total_prose
                && e.hints & hints::COMMENT == 0
            {
                e.hints & !(BOILER_MASK & !hints::COOKIE)
            } else {
                e.hints
            }
        })
        .collect()
}

/// Whether nearly all of the page's prose sits in elements named like comments: then the
/// posts are the content.
fn is_discussion(elems: &[Elem], blocks: &[Block], prose: &Prefix, w: &Weights) -> bool {
    // under each element, whether it stands in a comment, and in a cookie notice (whose
    // prose is no one's: it counts neither way)
    let mut inside = vec![(false, false); elems.len()];
    for i in 1..elems.len() {
        let (comment, cookie) = inside[elems[i].parent as usize];
        inside[i] = (
            comment || elems[i].hints & hints::COMMENT != 0,
            cookie || elems[i].hints & hints::COOKIE != 0,
        );
    }
    let share = |comment: bool| -> f32 {
        blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| inside[b.elem as usize] == (comment, false))
            .map(|(i, _)| prose.at(i))
            .sum()
    };
    let comment_prose = share(true);
    let total_prose = comment_prose + share(false);
    let other_prose = total_prose - comment_prose;
    comment_prose > 0.0
        && other_prose < w.discussion_max_other_share * total_prose
        && other_prose < w.discussion_max_other_len
}

/// The hints each element inherits from itself and all its ancestors.
pub(super) fn inherited_hints(elems: &[Elem], effective: &[Hints]) -> Vec<Hints> {
    let mut inherited = vec![0 as Hints; elems.len()];
    for i in 0..elems.len() {
        let p = elems[i].parent as usize;
        let up = if i == 0 { 0 } else { inherited[p] };
        inherited[i] = up | effective[i];
    }
    inherited
}

/// A block's contribution to the score of every element that holds it: prose counts for,
/// link text and boilerplate against, a short line a little against.
pub(super) fn block_score(b: &Block, boiler: bool, w: &Weights) -> f32 {
    let len = b.stats.weighted_len();
    let ld = b.link_density();
    if b.hints & hints::PANEL != 0 && !w.reveal_panels {
        // a hidden panel counts neither for nor against
        0.0
    } else if boiler {
        -len * w.boilerplate_penalty
    } else if ld > w.linky_density {
        -len * w.link_penalty * ld
    } else if w.is_prose(b) {
        len * w.prose_weight * (1.0 - ld)
    } else if b.kind == BlockKind::Caption || b.flags & IN_FIGURE != 0 {
        0.0
    } else {
        -w.short_block_penalty
    }
}

/// The element whose blocks score highest, with a bonus for names that say article body,
/// `<article>` and `<main>`; and its score.
fn best_element(page: &Page, scores: &Prefix) -> (u32, f32) {
    let w = page.weights;
    let mut best = 0u32;
    let mut best_score = f32::MIN;
    for (i, e) in page.elems.iter().enumerate() {
        if !e.tag.is_block() || e.blocks.0 == e.blocks.1 {
            continue;
        }
        let mut sc = scores.of_elem(e);
        if sc > 0.0 {
            if e.hints & hints::ARTICLE_BODY != 0 {
                sc *= w.article_body_bonus;
            } else if e.hints & hints::CONTENT != 0 || matches!(e.tag, Tag::Article | Tag::Main) {
                sc *= w.content_bonus;
            }
        }
        if sc >= best_score {
            best_score = sc;
            best = i as u32;
        }
    }
    (best, best_score)
}

/// From `best`, down while one child holds nearly all of its positive score: positive text
/// around the article (a long copyright line, a motto in the header) must not pull the
/// container up to the whole layout table.
fn descend(page: &Page, mut best: u32, scores: &[f32]) -> u32 {
    let positive = Prefix::of(scores.iter().map(|s| s.max(0.0)));
    loop {
        let c = &page.elems[best as usize];
        let total_pos = positive.of_elem(c);
        let mut child = best + 1;
        let mut next = None;
        while child < c.end {
            let ch = &page.elems[child as usize];
            if ch.tag.is_block()
                && positive.of_elem(ch) >= page.weights.dominant_child_share * total_pos
            {
                next = Some(child);
                break;
            }
            child = ch.end.max(child + 1);
        }
        match next {
            Some(ch) => best = ch,
            None => return best,
        }
    }
}

/// The article's container and the element the scores chose before the descent (the root
/// when nothing scores as prose).
pub(super) fn container(page: &Page, scores: &[f32], prefix: &Prefix) -> (u32, u32) {
    let (argmax, best_score) = best_element(page, prefix);
    if best_score > 0.0 {
        (descend(page, argmax, scores), argmax)
    } else {
        (0, argmax)
    }
}
