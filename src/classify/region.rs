//! Where the content of a page of items or sections lies when one container holds too
//! little of it: the page's main element, or the parent of its largest group of repeated
//! items (a grid of products, a list of teasers, a board of jobs), labelled with the link
//! rule relaxed, since an item's title is a link.

use super::container::BOILER_MASK;
use super::label::label_range;
use super::{kept_len, Label, Page, Weights};
use crate::block::{Elem, Tag};
use crate::hints::Hints;

/// Least members of a group of repeated items.
const MIN_ITEMS: u32 = 3;
/// Least mean length of an item (weighted characters): a menu's entries are shorter.
const MIN_ITEM_LEN: f32 = 25.0;

/// The elements that may hold a page of items or sections: its main elements, and the
/// parent of its largest group of repeated items, outside boilerplate.
fn candidates(page: &Page, inherited: &[Hints]) -> Vec<u32> {
    let elems = page.elems;
    let outside_boilerplate = |e: usize| inherited[e] & BOILER_MASK == 0;
    let mut out: Vec<u32> = elems
        .iter()
        .enumerate()
        .filter(|(i, e)| e.tag == Tag::Main && e.blocks.0 < e.blocks.1 && outside_boilerplate(*i))
        .map(|(i, _)| i as u32)
        .collect();
    if let Some(p) = largest_item_group(page, inherited) {
        out.push(p);
    }
    out
}

/// The parent of the group of repeated siblings (one tag, names and class) that holds the
/// most text, each member holding some.
fn largest_item_group(page: &Page, inherited: &[Hints]) -> Option<u32> {
    let (elems, blocks) = (page.elems, page.blocks);
    let len_of = |e: &Elem| -> f32 {
        blocks[e.blocks.0 as usize..e.blocks.1 as usize]
            .iter()
            .map(|b| b.stats.weighted_len())
            .sum()
    };
    let mut best: Option<(u32, f32)> = None;
    let mut groups: Vec<((Tag, Hints, u16), u32, f32)> = Vec::new();
    for (p, parent) in elems.iter().enumerate() {
        if parent.end <= p as u32 + 1 || inherited[p] & BOILER_MASK != 0 {
            continue;
        }
        groups.clear();
        let mut child = p as u32 + 1;
        while child < parent.end {
            let ch = &elems[child as usize];
            if ch.blocks.0 < ch.blocks.1 {
                let key = (ch.tag, ch.hints, ch.sig);
                let len = len_of(ch);
                match groups.iter_mut().find(|g| g.0 == key) {
                    Some(g) => {
                        g.1 += 1;
                        g.2 += len;
                    }
                    None => groups.push((key, 1, len)),
                }
            }
            child = ch.end.max(child + 1);
        }
        for &(_, n, len) in &groups {
            if n >= MIN_ITEMS && len / n as f32 >= MIN_ITEM_LEN && best.is_none_or(|(_, b)| len > b)
            {
                best = Some((p as u32, len));
            }
        }
    }
    best.map(|(p, _)| p)
}

/// Labels the best candidate region into `labels` when it keeps at least
/// [`Weights::region_min_gain`] times what they keep; returns the region's element if so.
pub(super) fn widen(page: &Page, inherited: &[Hints], labels: &mut Vec<Label>) -> Option<u32> {
    let w = page.weights;
    let kept = kept_len(labels, page.blocks);
    if kept >= w.region_max_kept {
        // the container holds a page's worth of text: it is not one item of many
        return None;
    }
    // an item's title is a link and its other lines are short (a price, a date, a byline
    // in the item's header): inside the region, no block is dropped for its links, its
    // length or such names
    let relaxed = Weights {
        linky_density: f32::INFINITY,
        recall_linky_density: f32::INFINITY,
        prose_max_link_density: f32::INFINITY,
        short_blocks_are_content: true,
        keep_bylines: true,
        keep_headers: true,
        ..w.clone()
    };
    let region_page = Page {
        weights: &relaxed,
        ..*page
    };
    let n = page.blocks.len();
    let mut best: Option<(u32, f32, Vec<Label>)> = None;
    for c in candidates(page, inherited) {
        let e = &page.elems[c as usize];
        let mut alt = vec![Label::OutsideArticle; n];
        label_range(
            &region_page,
            c,
            e.blocks.0 as usize..e.blocks.1 as usize,
            &mut alt,
        );
        let alt_kept = kept_len(&alt, page.blocks);
        if alt_kept > kept * w.region_min_gain && best.as_ref().is_none_or(|b| alt_kept > b.1) {
            best = Some((c, alt_kept, alt));
        }
    }
    let (c, _, alt) = best?;
    *labels = alt;
    Some(c)
}
