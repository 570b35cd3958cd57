//! What joins the article from around its container: subtrees beside it that score as prose
//! on their own or are lists without links, the lead paragraph just before it, and the
//! headline above it.

use super::container::BOILER_MASK;
use super::label::{is_headline, is_plain_list, label_range};
use super::phrases::is_credit_line;
use super::{Label, Page};
use crate::block::Prefix;
use crate::block::{BlockKind, Elem, ANCHOR_LINKS_ONLY, IN_FIGURE};
use crate::hints::{self, Hints};

/// Readability's sibling rule, generalised: subtrees next to the container (under its
/// parent and grandparent) that score as prose on their own belong to the article too (a
/// lead paragraph in the header, an article split into several sections, one of which
/// holds a box of links to its own headings, [`ANCHOR_LINKS_ONLY`]), and so does a
/// run of paragraphs of prose right after it under its parent, whatever their score (a
/// post whose share bar outweighs its short last paragraph, leaving the first as the
/// container); so does an unlinked list beside it (see [`is_plain_list`]), and in a
/// document a table of contents just before it under its parent (DocBook's `div.toc`
/// between a chapter's title and its text: see [`super::Weights::join_contents`]). The levels
/// looked up are those the descent from `argmax` to `best` went
/// down, plus [`super::Weights::extend_levels`].
pub(super) fn join_siblings(
    page: &Page,
    best: u32,
    argmax: u32,
    block_scores: &[f32],
    labels: &mut [Label],
) {
    let elems = page.elems;
    let mut levels = page.weights.extend_levels;
    let mut e = best;
    while e != argmax && e != 0 {
        levels += 1;
        e = elems[e as usize].parent;
    }
    // each sibling's score; a box of links to the page's own places (a section's table of
    // contents) does not weigh against it: it is the article's, though it scores as a menu
    let scores = Prefix::of(page.blocks.iter().zip(block_scores).map(|(b, &s)| {
        if b.flags & ANCHOR_LINKS_ONLY != 0 {
            s.max(0.0)
        } else {
            s
        }
    }));
    let mut top = best;
    // one buffer for every sibling: only a sibling's own range is written and read
    let mut sub = vec![Label::OutsideArticle; page.blocks.len()];
    for level in 0..levels.max(PLAIN_LIST_LEVELS) {
        let scored = level < levels;
        let parent = elems[top as usize].parent;
        if parent == top || best == 0 {
            break;
        }
        let p = &elems[parent as usize];
        let mut child = parent + 1;
        // the paragraphs of prose that follow the container without a break join it,
        // whatever their score (an editor's line ends the run: a disclaimer may follow)
        let mut run = false;
        while child < p.end {
            let ch = &elems[child as usize];
            let has_text = ch.blocks.0 < ch.blocks.1;
            if child == top {
                run = level == 0 && page.weights.join_sibling_paragraphs;
            } else if has_text {
                run &= is_prose_paragraph(page, ch);
            }
            if child != top
                && has_text
                && ((scored && (scores.of_elem(ch) >= page.weights.extend_min_score || run))
                    || (level < PLAIN_LIST_LEVELS && is_plain_list(page, ch))
                    || (page.weights.join_contents
                        && level == 0
                        && child < top
                        && page.effective[child as usize] & hints::TOC != 0))
                && page.effective[child as usize] & BOILER_MASK == 0
            {
                let range = ch.blocks.0 as usize..ch.blocks.1 as usize;
                label_range(page, child, range.clone(), &mut sub);
                for i in range {
                    if sub[i].is_content() || labels[i] == Label::OutsideArticle {
                        labels[i] = sub[i];
                    }
                }
            }
            child = ch.end.max(child + 1);
        }
        top = parent;
    }
}

/// How many levels above the container an unlinked list joins the article from.
const PLAIN_LIST_LEVELS: usize = 2;
/// Most link text a sibling paragraph may hold to join the container (Readability's 0.25).
pub const SIBLING_PARAGRAPH_MAX_LINK_DENSITY: f32 = 0.25;

/// Whether element `e` is one paragraph of prose with few links: Readability's sibling
/// paragraphs, which join the article whatever their score.
fn is_prose_paragraph(page: &Page, e: &Elem) -> bool {
    let b = &page.blocks[e.blocks.0 as usize];
    e.blocks.1 == e.blocks.0 + 1
        && b.kind == BlockKind::Paragraph
        && page.weights.is_prose(b)
        && b.link_density() < SIBLING_PARAGRAPH_MAX_LINK_DENSITY
}

/// The lead: prose just before the container (a standfirst between the headline and the
/// body, outside the body's element) belongs to the article. Walks back from the container
/// over short lines (bylines, dates, captions) until the headline or boilerplate. Shorter
/// paragraphs right before the container ([`super::Weights::lead_min_len_under_heading`])
/// are taken only when a heading closes the walk: a section's introduction under its title.
pub(super) fn take_lead(page: &Page, best: u32, inherited: &[Hints], labels: &mut [Label]) {
    let (elems, blocks, w) = (page.elems, page.blocks, page.weights);
    let start = elems[best as usize].blocks.0 as usize;
    let grand = elems[elems[best as usize].parent as usize].parent;
    let lead_floor = elems[grand as usize].blocks.0 as usize;
    if best == 0 || !labels[start..].iter().any(|l| l.is_content()) {
        return;
    }
    let (mut taken, mut skipped) = (0, 0);
    // shorter paragraphs, taken when a heading bounds them above
    let mut short = Vec::new();
    for i in (0..start).rev() {
        let b = &blocks[i];
        if i < lead_floor
            || labels[i] != Label::OutsideArticle
            || taken >= w.lead_max_blocks
            || skipped > w.lead_max_skips
        {
            break;
        }
        let boiler = inherited[b.elem as usize] & BOILER_MASK != 0;
        if matches!(b.kind, BlockKind::Heading(_)) {
            // a menu's or a sidebar's heading introduces nothing of the article's
            if !boiler {
                for &j in &short {
                    labels[j] = Label::Content;
                }
            }
            break;
        }
        if boiler || b.link_density() > w.linky_density {
            // bylines and share buttons between headline and body are stepped over
            if b.stats.weighted_len() > w.lead_min_len {
                break;
            }
            skipped += 1;
            continue;
        }
        let len = b.stats.weighted_len();
        let lead_like = w.is_prose(b)
            && b.kind == BlockKind::Paragraph
            && b.flags & IN_FIGURE == 0
            && b.hints & (hints::BYLINE | hints::CAPTION) == 0
            && !is_credit_line(b);
        if lead_like && len >= w.lead_min_len {
            labels[i] = Label::Content;
            taken += 1;
        } else if lead_like && len >= w.lead_min_len_under_heading && skipped == 0 {
            short.push(i);
            taken += 1;
        } else {
            skipped += 1;
        }
    }
}

/// The page's headline: the heading labelled [`Label::Title`], or else the last heading
/// before the first kept block that repeats the title and lies outside the article (a
/// headline in the page's header, above a byline, a share bar or a menu), not in a
/// subtree the page names as boilerplate (a menu's, a modal's or a hidden copy's).
pub(super) fn find_headline(page: &Page, inherited: &[Hints], labels: &mut [Label]) -> Option<u32> {
    if let Some(i) = labels.iter().position(|&l| l == Label::Title) {
        return Some(i as u32);
    }
    let first = labels.iter().position(|l| l.is_content())?;
    let i = (0..first).rev().find(|&i| {
        let b = &page.blocks[i];
        labels[i] == Label::OutsideArticle
            && inherited[b.elem as usize] & BOILER_MASK == 0
            && is_headline(page, b)
    })?;
    labels[i] = Label::Title;
    Some(i as u32)
}
