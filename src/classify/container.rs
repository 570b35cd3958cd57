//! Finding the element that holds the article: each block's score, each element's score as a
//! range sum of its blocks', the descent to a child that holds nearly all of it, and the
//! way up to the page's only `<article>` when that holds most of the prose.

use super::{Page, Weights};
use crate::block::{ancestors, Block, BlockKind, Elem, Prefix, IN_FIGURE, MACHINE_DATA};
use crate::hints::{self, Hints};
use crate::tag::Tag;

/// The names of what a page inserts into its content, or sets at its end (a tag list); see
/// [`slot_classes`].
const SLOT_NAMES: Hints = hints::AD | hints::PROMO | hints::SHARE | hints::NEWSLETTER | hints::TAGS;

/// The hints that mark a subtree as boilerplate for the container's score.
pub(super) const BOILER_MASK: Hints = hints::STRONG_BOILERPLATE | hints::FOOTER | hints::SIDEBAR;

/// The boilerplate names that a wrapper of a page's items may carry by chance ("related
/// products", a "tag" list of teasers, a product card named for a "subscription" offer, a
/// section of classified "ads").
const ITEM_WRAPPER_NAMES: Hints =
    hints::RELATED | hints::TAGS | hints::NEWSLETTER | hints::SIDEBAR | hints::AD | hints::PROMO;

/// Each element's own hints, less those that say nothing on this page, and with those the
/// page's type gives (a hidden panel or a FAQ's hidden answer, a product's reviews as its
/// comments, a promotion as one of the page's items): on a discussion (a forum thread, a
/// Q&A page, nearly all its prose in posts named like comments) the comment names, a
/// boilerplate name on a wrapper that holds most of the page's prose (`main-with-sidebar`),
/// unless the name is the tag's own (`<footer>`, `<nav>`), a menu's or column's name on a
/// wrapper of the page's `<main>`, a caption's name on an element that holds a heading,
/// and on a page of items, a menu's name on an element that holds its `<h1>` and most of
/// its text, and the names of a grid's wrappers that hold most of its text, one or all.
pub(super) fn effective_hints(
    elems: &[Elem],
    blocks: &[Block],
    prose: &Prefix,
    w: &Weights,
) -> Vec<Hints> {
    let total_prose = prose.total();
    let discussion = w.posts_are_content || is_discussion(elems, blocks, prose, w);
    // on a page of items, the text outside the page's frame: a grid of short items has
    // little prose
    let text = w.wide_regions.then(|| framed_text(elems, blocks));
    // and all of its text
    let all = w
        .wide_regions
        .then(|| Prefix::of(blocks.iter().map(|b| b.stats.weighted_len())));
    let answers = hidden_answers(elems, blocks);
    let wrappers_hold_most = text
        .as_ref()
        .is_some_and(|t| wrapped_text(elems, t) >= w.hint_void_share * t.total());
    let around_main = around_main(elems);
    let slot_classes = slot_classes(elems, prose, w);
    elems
        .iter()
        .zip(answers)
        .zip(around_main)
        .map(|((e, answer), around_main)| {
            // a hidden panel is hidden unless the profile shows it; a product's reviews are
            // its comments
            let mut h = e.hints;
            if slot_classes.contains(&e.sig) {
                h &= !SLOT_NAMES;
            }
            if answer {
                h = (h & !hints::HIDDEN) | hints::PANEL;
            }
            if h & hints::PANEL != 0 && !w.reveal_panels {
                h |= hints::HIDDEN;
            }
            if h & hints::REVIEW != 0 && w.reviews_are_comments {
                h |= hints::COMMENT;
            }
            if w.promos_are_items {
                h &= !hints::PROMO;
            }
            if h & hints::CAPTION != 0 && holds_heading(e, blocks) {
                // a caption has no title of its own: an element named `item-caption` that
                // holds an <h1> is a description, and so is a card's text under its
                // heading (Bootstrap's `.thumbnail > .caption > h3 + p`, a section of image
                // and text named `img-txt`)
                h &= !hints::CAPTION;
            }
            let e = &Elem { hints: h, ..*e };
            if discussion && e.hints & hints::COMMENT != 0 {
                e.hints & !hints::COMMENT
            } else if e.hints & BOILER_MASK & !hints::COOKIE != 0
                && !matches!(e.tag, Tag::Footer | Tag::Nav)
                && total_prose > 0.0
                && prose.of_elem(e) >= w.hint_void_share * total_prose
                && e.hints & hints::COMMENT == 0
            {
                e.hints & !(BOILER_MASK & !hints::COOKIE)
            } else if around_main
                && e.hints & LAYOUT_NAMES != 0
                && !matches!(e.tag, Tag::Footer | Tag::Nav | Tag::Header)
            {
                // a wrapper of the page's <main> named for a menu or a column beside it
                // ("left-navigation-wrapper"): the page's frame, not the menu
                e.hints & !LAYOUT_NAMES
            } else if e.hints & hints::NAV != 0
                && e.tag != Tag::Nav
                && all
                    .as_ref()
                    .is_some_and(|t| t.of_elem(e) >= w.hint_void_share * t.total())
                && holds_title(e, blocks)
            {
                // a search's page named for its search (`searchWrapper`, `searchFacets`):
                // the wrapper of its heading, its filters and its results, not a menu
                e.hints & !hints::NAV
            } else if e.hints & ITEM_WRAPPER_NAMES != 0 && wrappers_hold_most {
                // a grid's wrapper named like a related list or a tag cloud, when such
                // wrappers hold most of the page's text, one alone or all together (a
                // section's `sidebar` of cards in each of a listing's sections); one that
                // holds most is inside an outermost one, so counted in the sum
                e.hints & !ITEM_WRAPPER_NAMES
            } else {
                e.hints
            }
        })
        .collect()
}

/// The classes (by their hash, [`Elem::sig`]) of the elements named for what a page
/// inserts into its content ([`SLOT_NAMES`]: an ad, a promotion, a share bar, a sign-up
/// box, a tag list) whose outermost elements hold most of the page's prose together: a
/// class every section of an article wears (`report__section report__section--ads` on each
/// section, the slot an ad may go in) names the layout, not what fills it, and so does a
/// CSS-in-JS style's name on every paragraph (Minute Media's `tagStyle_z4kqwb-o_O-...`,
/// the style of the paragraph tag). [`effective_hints`]
/// voids a boilerplate name on one element that holds most of the prose; this voids these
/// names on the elements of such a class. The names of the page's frame (a sidebar, a
/// footer) are left out: a sidebar of teasers may hold more prose than a short article.
fn slot_classes(elems: &[Elem], prose: &Prefix, w: &Weights) -> Vec<u16> {
    let total = prose.total();
    // the outermost of the slots, and apart the outermost of the tag lists: a tag list's
    // name on an article's wrapper (WordPress's `tag-news`) must not hide the slots in it
    let mut picked: Vec<usize> = [SLOT_NAMES & !hints::TAGS, hints::TAGS]
        .into_iter()
        .flat_map(|names| outermost(elems, move |e| e.sig != 0 && e.hints & names != 0))
        .collect();
    // an element named both ways counts once
    picked.sort_unstable();
    picked.dedup();
    let mut sums: Vec<(u16, f32)> = picked
        .into_iter()
        .map(|i| (elems[i].sig, prose.of_elem(&elems[i])))
        .collect();
    // one sort, then a sum per class: a page may hold thousands of classes
    sums.sort_unstable_by_key(|&(sig, _)| sig);
    let mut out = Vec::new();
    for run in sums.chunk_by(|a, b| a.0 == b.0) {
        let sum: f32 = run.iter().map(|&(_, p)| p).sum();
        if total > 0.0 && sum >= w.hint_void_share * total {
            out.push(run[0].0);
        }
    }
    out
}

/// The text (`text`, outside the page's frame) of the outermost elements named like a
/// grid's wrapper ([`ITEM_WRAPPER_NAMES`]), together.
fn wrapped_text(elems: &[Elem], text: &Prefix) -> f32 {
    outermost(elems, |e| e.hints & ITEM_WRAPPER_NAMES != 0)
        .map(|i| text.of_elem(&elems[i]))
        .sum()
}

/// The elements that `named` picks and none of whose ancestors it picks, in document
/// order.
fn outermost<'a>(
    elems: &'a [Elem],
    named: impl Fn(&Elem) -> bool + 'a,
) -> impl Iterator<Item = usize> + 'a {
    let mut inside = vec![false; elems.len()];
    elems.iter().enumerate().filter_map(move |(i, e)| {
        let above = i > 0 && inside[e.parent as usize];
        let here = named(e);
        inside[i] = above || here;
        (here && !above).then_some(i)
    })
}

/// Whether one of element `e`'s blocks is a heading of level 1.
fn holds_title(e: &Elem, blocks: &[Block]) -> bool {
    blocks[e.blocks.0 as usize..e.blocks.1 as usize]
        .iter()
        .any(|b| b.kind == BlockKind::Heading(1))
}

/// Whether an element holds a heading of any level.
fn holds_heading(e: &Elem, blocks: &[Block]) -> bool {
    blocks[e.blocks.0 as usize..e.blocks.1 as usize]
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Heading(_)))
}

/// The names of a page's frame: its menus, columns, header and footer.
const LAYOUT_NAMES: Hints = hints::NAV | hints::SIDEBAR | hints::HEADER | hints::FOOTER;

/// Whether each element holds the page's `<main>` (or an element whose role is main).
fn around_main(elems: &[Elem]) -> Vec<bool> {
    let mut out = vec![false; elems.len()];
    for (i, e) in elems.iter().enumerate() {
        if e.tag == Tag::Main {
            // up to an element a <main> met before already marked
            for a in ancestors(elems, i as u32).skip(1) {
                if std::mem::replace(&mut out[a as usize], true) {
                    break;
                }
            }
        }
    }
    out
}

/// Whether each element is a hidden answer: named hidden by a class (Tailwind's `hidden`,
/// toggled by a script) and right after a question, an element whose text ends in a question
/// mark: a FAQ's answer, shown on a click, as a panel is.
fn hidden_answers(elems: &[Elem], blocks: &[Block]) -> Vec<bool> {
    let mut out = vec![false; elems.len()];
    let asks = |e: &Elem| {
        let last = blocks[e.blocks.1 as usize - 1].text.trim_end();
        last.ends_with('?') || last.ends_with('？')
    };
    for (p, parent) in elems.iter().enumerate() {
        // the previous child that holds text
        let mut prev: Option<&Elem> = None;
        let mut child = p as u32 + 1;
        while child < parent.end {
            let ch = &elems[child as usize];
            if ch.blocks.0 < ch.blocks.1 {
                out[child as usize] = ch.hints & hints::HIDDEN != 0 && prev.is_some_and(asks);
                prev = Some(ch);
            }
            child = ch.end.max(child + 1);
        }
    }
    out
}

/// The hints the labels read inside the container: [`effective_hints`] less the menu
/// name of an element that is prose, not links ([`Weights::menu_min_prose`] of prose or
/// more, at most [`Weights::menu_max_link_share`] of its characters linked), unless it is
/// a `<nav>`. The container is chosen with the name still on: a page's intro under a
/// `region-sub-menu` is not its article.
pub(super) fn label_hints(
    elems: &[Elem],
    blocks: &[Block],
    prose: &Prefix,
    effective: &[Hints],
    w: &Weights,
) -> Vec<Hints> {
    let links = Prefix::of(blocks.iter().map(|b| b.link_chars as f32));
    let chars = Prefix::of(blocks.iter().map(|b| b.stats.chars as f32));
    elems
        .iter()
        .zip(effective)
        .map(|(e, &h)| {
            if h & hints::NAV != 0
                && e.tag != Tag::Nav
                && prose.of_elem(e) >= w.menu_min_prose
                && links.of_elem(e) <= w.menu_max_link_share * chars.of_elem(e)
            {
                h & !hints::NAV
            } else {
                h
            }
        })
        .collect()
}

/// The names of the page's frame around its content: menus, header, footer, banners.
const FRAME: Hints =
    hints::NAV | hints::HEADER | hints::FOOTER | hints::COOKIE | hints::MODAL | hints::HIDDEN;

/// The weighted length of each block outside the page's frame (0 inside it), as prefix
/// sums.
fn framed_text(elems: &[Elem], blocks: &[Block]) -> Prefix {
    let mut in_frame = vec![false; elems.len()];
    for i in 0..elems.len() {
        let parent = elems[i].parent as usize;
        let above = parent < i && in_frame[parent];
        in_frame[i] = above || elems[i].hints & FRAME != 0;
    }
    Prefix::of(blocks.iter().map(|b| {
        if in_frame[b.elem as usize] {
            0.0
        } else {
            b.stats.weighted_len()
        }
    }))
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
    if (b.hints & hints::PANEL != 0 && !w.reveal_panels)
        || b.kind == BlockKind::Image
        || b.flags & MACHINE_DATA != 0
    {
        // a hidden panel counts neither for nor against, nor does an image or a data blob
        0.0
    } else if boiler || super::phrases::is_cookie_notice(b) {
        -len * w.boilerplate_penalty
    } else if b.kind == BlockKind::Code && w.is_prose(b) {
        len * w.prose_weight * w.code_weight
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

/// Longest heading (weighted characters) that [`section_title_score`] reads as a title:
/// a longer one is a lead written as a heading.
pub const SECTION_TITLE_MAX_LEN: f32 = 150.0;

/// A block's score for choosing the container: its [`block_score`], but a heading that
/// scores as prose, ends in no `.` or `!` (closing quotes and brackets aside) and is
/// shorter than [`SECTION_TITLE_MAX_LEN`] is a section's title, a short line, however long
/// its words: a FAQ's questions or a product's feature titles must not pull the container
/// to their section. The siblings that join the container are still weighed by their
/// block scores (a header's headline and lead).
pub(super) fn section_title_score(b: &Block, score: f32, w: &Weights) -> f32 {
    let titled = matches!(b.kind, BlockKind::Heading(_))
        && score > 0.0
        && !b
            .text
            .trim_end()
            .trim_end_matches(['"', '\'', '”', '’', '»', '“', ')', ']'])
            .ends_with(['.', '!', '。', '！', '．'])
        && b.stats.weighted_len() < SECTION_TITLE_MAX_LEN;
    if titled {
        -w.short_block_penalty
    } else {
        score
    }
}

/// Each element's score: its own blocks' scores, and each child's score, no lower than
/// minus [`super::Weights::subtree_penalty_cap`]. A box of teasers or a comment form inside
/// an article is one piece of boilerplate: however many links it holds, it must not
/// outweigh the article's paragraphs and hand the page to a smaller element beside them.
fn element_scores(page: &Page, block_scores: &[f32]) -> Vec<f32> {
    let cap = page.weights.subtree_penalty_cap;
    let mut acc = vec![0f32; page.elems.len()];
    for (b, &sc) in page.blocks.iter().zip(block_scores) {
        acc[b.elem as usize] += sc;
    }
    // children come after their parent: backwards, each is complete before its parent
    for i in (1..page.elems.len()).rev() {
        let p = page.elems[i].parent as usize;
        acc[p] += acc[i].max(-cap);
    }
    acc
}

/// The element whose blocks score highest (see [`element_scores`]), with a bonus for names
/// that say article body, `<article>` and `<main>`; and its score.
fn best_element(page: &Page, block_scores: &[f32]) -> (u32, f32) {
    let w = page.weights;
    let scores = element_scores(page, block_scores);
    let mut best = 0u32;
    let mut best_score = f32::MIN;
    for (i, e) in page.elems.iter().enumerate() {
        if !e.tag.is_block() || e.blocks.0 == e.blocks.1 {
            continue;
        }
        let mut sc = scores[i];
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
/// container up to the whole layout table. A `<dd>` is no container: a description without
/// its term is half a definition (Sphinx's autodoc writes a class's whole reference in the
/// `<dd>` under its signature).
fn descend(page: &Page, mut best: u32, positive: &Prefix) -> u32 {
    loop {
        let c = &page.elems[best as usize];
        let total_pos = positive.of_elem(c);
        let mut child = best + 1;
        let mut next = None;
        while child < c.end {
            let ch = &page.elems[child as usize];
            if ch.tag.is_block()
                && ch.tag != Tag::Dd
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

/// `best`, or where it holds nothing but code (a log pasted in a thread, a long listing),
/// the nearest element above it that holds more: a code block is part of an article, never
/// the article.
fn above_code(page: &Page, mut best: u32) -> u32 {
    let only_code = |e: u32| {
        let (a, z) = page.elems[e as usize].blocks;
        page.blocks[a as usize..z as usize]
            .iter()
            .all(|b| b.kind == BlockKind::Code)
    };
    while best != 0 && only_code(best) {
        best = page.elems[best as usize].parent;
    }
    best
}

/// The article's container and the element the scores chose before the descent (the root
/// when nothing scores as prose); `prose` holds each block's length of prose as prefix sums.
pub(super) fn container(page: &Page, scores: &[f32], prose: &Prefix) -> (u32, u32) {
    let (argmax, best_score) = best_element(page, scores);
    if best_score > 0.0 {
        // each element's positive score, as prefix sums
        let positive = Prefix::of(scores.iter().map(|s| s.max(0.0)));
        let mut best = above_code(page, descend(page, argmax, &positive));
        if page.weights.thread_container {
            best = thread_of(page, best, &positive);
        }
        (sole_article(page, best, prose).unwrap_or(best), argmax)
    } else {
        (0, argmax)
    }
}

/// Most elements looked at on the way up from the container to its post, the container
/// included (the post's body, its column, its box, the post).
const THREAD_LEVELS: usize = 8;

/// On a thread, the element whose children are the posts, when `best` stands in one of
/// them: the parent of the nearest ancestor `at` with a class (within [`THREAD_LEVELS`])
/// that has a sibling of its shape (tag and class component), not named boilerplate,
/// holding what `at` holds between it and `best` (the same shapes, one inside the next)
/// with a positive score, the elements of `at`'s shape holding nearly all the parent's
/// positive score. One long reply must not make the thread: SMF 2.1's and FluxBB's posts
/// carry their titles, dates and user panels, which score below a short post's text.
fn thread_of(page: &Page, best: u32, positive: &Prefix) -> u32 {
    let elems = page.elems;
    // the shapes from the post's body up to `at`, `at` left out
    let mut below: Vec<(Tag, u16)> = Vec::new();
    let mut at = best;
    for _ in 0..THREAD_LEVELS {
        if at == 0 {
            break;
        }
        let e = &elems[at as usize];
        let p = e.parent;
        if e.component == 0 {
            // an element without a class is no post's; above the body, a step of the path
            if !below.is_empty() {
                below.push(shape(elems, at));
            }
            at = p;
            continue;
        }
        let parent = &elems[p as usize];
        let (mut others, mut posts) = (false, 0.0f32);
        let mut child = p + 1;
        while child < parent.end {
            let c = &elems[child as usize];
            if shape(elems, child) == shape(elems, at) {
                let held = positive.of_elem(c);
                posts += held;
                others = others
                    || (child != at
                        && held > 0.0
                        && page.effective[child as usize] & BOILER_MASK == 0
                        && holds_body(elems, child, &below, positive));
            }
            child = c.end.max(child + 1);
        }
        if others && posts >= page.weights.dominant_child_share * positive.of_elem(parent) {
            return p;
        }
        below.push(shape(elems, at));
        at = p;
    }
    best
}

/// An element's shape: its tag and its class's first word.
fn shape(elems: &[Elem], i: u32) -> (Tag, u16) {
    (elems[i as usize].tag, elems[i as usize].component)
}

/// Whether `post` holds, with a positive score, what the container's post holds: the
/// elements of the shapes `below` (from the post's body up), one inside the next, the
/// last a child of `post` (none: `post` is the body itself).
fn holds_body(elems: &[Elem], post: u32, below: &[(Tag, u16)], positive: &Prefix) -> bool {
    let Some(&body) = below.first() else {
        return true;
    };
    (post + 1..elems[post as usize].end).any(|d| {
        if shape(elems, d) != body || positive.of_elem(&elems[d as usize]) <= 0.0 {
            return false;
        }
        // up from the candidate to the post, shape by shape
        let mut up = d;
        for &want in below {
            if shape(elems, up) != want {
                return false;
            }
            up = elems[up as usize].parent;
        }
        up == post
    })
}

/// The page's only `<article>` holding `best`, when there is one, it is not named as
/// boilerplate and it holds [`super::Weights::sole_article_share`] times more prose outside
/// `best` than inside.
fn sole_article(page: &Page, best: u32, prose: &Prefix) -> Option<u32> {
    if !page.weights.sole_article {
        return None;
    }
    let mut articles = (0..page.elems.len()).filter(|&i| page.elems[i].tag == Tag::Article);
    let (a, None) = (articles.next()?, articles.next()) else {
        return None;
    };
    let e = &page.elems[a];
    let inside = prose.of_elem(&page.elems[best as usize]);
    let holds = a < best as usize && best < e.end && page.effective[a] & BOILER_MASK == 0;
    (holds && prose.of_elem(e) - inside >= page.weights.sole_article_share * inside)
        .then_some(a as u32)
}
