//! Where the content of a page of items or sections lies when one container holds too
//! little of it: the page's main element, or the parent of its largest group of repeated
//! items (a grid of products, a list of teasers, a board of jobs), labelled with the link
//! rule relaxed, since an item's title is a link.

use super::container::BOILER_MASK;
use super::label::label_range;
use super::{kept_len, Label, Page, Weights};
use crate::block::{largest_item_group, Likeness, Prefix};
use crate::hints::Hints;
use crate::tag::Tag;

/// Least members of a group of repeated items.
const MIN_ITEMS: u32 = 3;
/// Least mean length of an item (weighted characters): a menu's entries are shorter.
const MIN_ITEM_LEN: f32 = 25.0;
/// The share of the container's text its repeated items hold for the container to be
/// labelled as a region of items.
const CONTAINER_ITEMS_SHARE: f32 = 0.5;

/// The elements that may hold a page of items or sections, each with the least gain it
/// needs over the container: the page's main elements and the parent of its largest group
/// of repeated items, outside boilerplate, by [`Weights::region_min_gain`]; and the
/// container itself, where the profile allows ([`Weights::container_items`]), when
/// repeated items hold most of its text, by any gain (its items' titles are links).
fn candidates(page: &Page, inherited: &[Hints], container: u32) -> Vec<(u32, f32)> {
    let (elems, gain) = (page.elems, page.weights.region_min_gain);
    let outside_boilerplate = |e: usize| inherited[e] & BOILER_MASK == 0;
    let mut out: Vec<(u32, f32)> = elems
        .iter()
        .enumerate()
        .filter(|(i, e)| e.tag == Tag::Main && e.blocks.0 < e.blocks.1 && outside_boilerplate(*i))
        .map(|(i, _)| (i as u32, gain))
        .collect();
    let lens = Prefix::of(page.blocks.iter().map(|b| b.stats.weighted_len()));
    // items of one component, whatever their states ("post bg1", "post bg2")
    let group = |allowed: &dyn Fn(usize) -> bool| {
        largest_item_group(
            elems,
            &lens,
            (MIN_ITEMS, MIN_ITEM_LEN),
            Likeness::Component,
            allowed,
        )
    };
    if page.weights.item_regions {
        if let Some(g) = group(&outside_boilerplate) {
            out.push((g.parent, gain));
        }
    }
    if page.weights.container_items {
        let c = &elems[container as usize];
        let inside = container..c.end;
        if let Some(g) = group(&|e| inside.contains(&(e as u32)) && outside_boilerplate(e)) {
            if g.len >= CONTAINER_ITEMS_SHARE * lens.of_elem(c) {
                out.push((container, 1.0));
            }
        }
    }
    out
}

/// Labels the best candidate region into `labels` when it keeps more than its least gain
/// (see [`candidates`]) times what they keep and, where they keep
/// [`Weights::region_prose_min_kept`], more prose than they do; returns the region's
/// element if so.
pub(super) fn widen(
    page: &Page,
    inherited: &[Hints],
    container: u32,
    labels: &mut Vec<Label>,
) -> Option<u32> {
    let w = page.weights;
    let kept = kept_len(labels, page.blocks);
    if kept >= w.region_max_kept {
        // the container holds a page's worth of text: it is not one item of many
        return None;
    }
    // an item's title is a link and its other lines are short (a price, a date, a byline
    // in the item's header, a card's name under a `.caption`): inside the region, no block
    // is dropped for its links, its length or such names
    let relaxed = Weights {
        linky_density: f32::INFINITY,
        recall_linky_density: f32::INFINITY,
        prose_max_link_density: f32::INFINITY,
        short_blocks_are_content: true,
        keep_bylines: true,
        keep_headers: true,
        keep_named_captions: w.item_regions,
        ..w.clone()
    };
    let region_page = Page {
        weights: &relaxed,
        ..*page
    };
    let n = page.blocks.len();
    // a container of a page's worth of prose gives way only to a region of more prose:
    // teasers, links and panels around an article are not worth it
    let prose_needed = (kept >= w.region_prose_min_kept).then(|| prose_len(page, labels));
    let mut best: Option<(u32, f32, Vec<Label>)> = None;
    for (c, min_gain) in candidates(page, inherited, container) {
        let e = &page.elems[c as usize];
        let mut alt = vec![Label::OutsideArticle; n];
        label_range(
            &region_page,
            c,
            e.blocks.0 as usize..e.blocks.1 as usize,
            &mut alt,
        );
        let alt_kept = kept_len(&alt, page.blocks);
        if alt_kept > kept * min_gain
            && prose_needed.is_none_or(|p| prose_len(page, &alt) > p)
            && best.as_ref().is_none_or(|b| alt_kept > b.1)
        {
            best = Some((c, alt_kept, alt));
        }
    }
    let (c, _, alt) = best?;
    *labels = alt;
    Some(c)
}

/// The weighted length of the kept blocks that read as prose.
fn prose_len(page: &Page, labels: &[Label]) -> f32 {
    labels
        .iter()
        .zip(page.blocks)
        .filter(|(l, b)| l.is_content() && page.weights.is_prose(b))
        .map(|(_, b)| b.stats.weighted_len())
        .sum()
}
