//! Labelling blocks as main content or boilerplate: block features, the container that holds
//! the article, hints on the way down to each block, and the labels of its neighbours.

use crate::block::{ancestors, Block, BlockKind, Elem, Tag, IN_FIGURE};
use crate::hints::{self, Hints};
use crate::text::normalize_space;

/// Shortest block (in weighted characters) that counts as prose on its own.
pub const PROSE_MIN_LEN: f32 = 60.0;
/// A block that ends a sentence counts as prose from this length on.
pub const PROSE_MIN_LEN_SENTENCE: f32 = 35.0;
/// Highest link density of a prose block.
pub const PROSE_MAX_LINK_DENSITY: f32 = 0.35;
/// Link density from which a block counts as a list of links.
pub const LINKY_DENSITY: f32 = 0.5;
/// Weight of a character of prose in a container's score.
pub const PROSE_WEIGHT: f32 = 1.0;
/// Weight (negative) of a character of link text in a container's score.
pub const LINK_PENALTY: f32 = 1.0;
/// Score (negative) of a short block that is not prose.
pub const SHORT_BLOCK_PENALTY: f32 = 5.0;
/// Weight (negative) of a character inside a subtree hinted as boilerplate.
pub const BOILERPLATE_PENALTY: f32 = 0.5;
/// Factor on the score of an element that names itself the article body.
pub const ARTICLE_BODY_BONUS: f32 = 1.25;
/// Factor on the score of `<article>`, `<main>` and content-like names.
pub const CONTENT_BONUS: f32 = 1.1;
/// A boilerplate hint on an element holding at least this share of the page's prose is
/// ignored: it is a wrapper with an unlucky name (`main-with-sidebar`).
pub const HINT_VOID_SHARE: f32 = 0.6;
/// A child holding this share of the container's positive score becomes the container.
pub const DOMINANT_CHILD_SHARE: f32 = 0.85;
/// How many levels above the container the sibling rule looks.
pub const EXTEND_LEVELS: usize = 1;
/// Least score of a subtree next to the container for it to join the article.
pub const EXTEND_MIN_SCORE: f32 = 150.0;
/// Most lead paragraphs taken from just before the container.
pub const LEAD_MAX_BLOCKS: usize = 3;
/// Shortest lead paragraph, in weighted characters (datelines and credits are shorter).
pub const LEAD_MIN_LEN: f32 = 100.0;
/// Most short lines (bylines, dates) stepped over while looking for the lead.
pub const LEAD_MAX_SKIPS: usize = 8;
/// A page is a discussion (its comment-named posts are the content) when the prose outside
/// them is less than this share of the page's prose ...
pub const DISCUSSION_MAX_OTHER_SHARE: f32 = 0.2;
/// ... and shorter than this, in weighted characters.
pub const DISCUSSION_MAX_OTHER_LEN: f32 = 500.0;
/// Below this weighted length the container's text is too little, and the fallback runs.
pub const MIN_ARTICLE_LEN: f32 = 250.0;

/// How much to keep when in doubt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Favor {
    /// Drop doubtful blocks.
    Precision,
    /// The default trade-off.
    #[default]
    Balanced,
    /// Keep doubtful blocks.
    Recall,
}

/// Why a block was kept or dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Main content.
    Content,
    /// The headline: it goes to the title, not the text.
    Title,
    /// Outside the container that holds the article.
    OutsideArticle,
    /// Inside a subtree whose names mark boilerplate of the given kind.
    Hinted(&'static str),
    /// A caption (kept only when asked).
    Caption,
    /// Mostly link text.
    LinkList,
    /// Short text at the edge of the article (bylines, dates, buttons).
    ShortEdge,
    /// A stock boilerplate phrase ("Advertisement").
    StockPhrase,
}

impl Label {
    /// Whether the block is part of the main text.
    pub fn is_content(self) -> bool {
        self == Label::Content
    }

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Label::Content => "content",
            Label::Title => "title",
            Label::OutsideArticle => "outside-article",
            Label::Hinted(k) => k,
            Label::Caption => "caption",
            Label::LinkList => "link-list",
            Label::ShortEdge => "short-edge",
            Label::StockPhrase => "stock-phrase",
        }
    }

    /// The rule behind the label, in words, for reports.
    pub fn reason(self) -> &'static str {
        match self {
            Label::Content => "prose, or text between prose, in the article's container",
            Label::Title => "the headline, which goes to the title",
            Label::OutsideArticle => "outside the article's container",
            Label::Hinted(_) => "in an element named as boilerplate",
            Label::Caption => "a caption or photo credit (kept when asked)",
            Label::LinkList => "mostly link text",
            Label::ShortEdge => "short text at the article's edge (byline, date, button)",
            Label::StockPhrase => "a stock boilerplate phrase",
        }
    }
}

/// Settings of the classifier, taken from the extractor's options.
#[derive(Debug, Clone, Copy, Default)]
pub struct Settings {
    /// The precision/recall trade-off.
    pub favor: Favor,
    /// Keep figure captions.
    pub captions: bool,
    /// Keep tables.
    pub tables: bool,
}

/// The classifier's verdict on a page.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// One label per block.
    pub labels: Vec<Label>,
    /// One score per block (its contribution to the container score).
    pub scores: Vec<f32>,
    /// The element chosen as the article's container.
    pub container: u32,
    /// Whether the fallback replaced the container's text.
    pub fallback: bool,
}

/// Weight, in the confidence, of the share of the kept text that is prose.
pub const CONFIDENCE_PROSE_WEIGHT: f32 = 0.4;
/// Weight, in the confidence, of the kept blocks' mean length (against
/// [`CONFIDENT_BLOCK_LEN`]): lists of short items (teasers, quotes, links) are doubtful.
pub const CONFIDENCE_BLOCK_WEIGHT: f32 = 0.3;
/// Weight, in the confidence, of the share of the page's text that was kept.
pub const CONFIDENCE_SHARE_WEIGHT: f32 = 0.3;
/// Mean kept block length (weighted characters) from which it no longer lowers the
/// confidence.
pub const CONFIDENT_BLOCK_LEN: f32 = 200.0;
/// Factor on the confidence when a fallback chose the text.
pub const CONFIDENCE_FALLBACK_FACTOR: f32 = 0.7;

/// How sure the verdict is, from 0 to 1. Measured on the corpus, the signs of a good
/// extraction are kept text that is mostly prose, in long blocks, and a fair share of
/// the page's text; a result shorter than [`MIN_ARTICLE_LEN`] or from a fallback is
/// doubtful.
pub fn confidence(blocks: &[Block], labels: &[Label], fallback: bool) -> f32 {
    let (mut total, mut kept, mut kept_prose, mut kept_blocks) = (0.0f32, 0.0f32, 0.0f32, 0u32);
    for (b, l) in blocks.iter().zip(labels) {
        let len = b.stats.weighted_len();
        total += len;
        if l.is_content() {
            kept += len;
            kept_blocks += 1;
            if is_prose(b) {
                kept_prose += len;
            }
        }
    }
    if kept <= 0.0 {
        return 0.0;
    }
    let mean_block = kept / kept_blocks as f32;
    let mut c = CONFIDENCE_PROSE_WEIGHT * (kept_prose / kept)
        + CONFIDENCE_BLOCK_WEIGHT * (mean_block / CONFIDENT_BLOCK_LEN).min(1.0)
        + CONFIDENCE_SHARE_WEIGHT * (kept / total.max(1.0));
    c *= (kept / MIN_ARTICLE_LEN).min(1.0).sqrt();
    if fallback {
        c *= CONFIDENCE_FALLBACK_FACTOR;
    }
    c.clamp(0.0, 1.0)
}

/// Prose-ness of a block: its weighted length, link density and punctuation.
pub(crate) fn is_prose(b: &Block) -> bool {
    let len = b.stats.weighted_len();
    let ld = b.link_density();
    ld <= PROSE_MAX_LINK_DENSITY
        && (len >= PROSE_MIN_LEN
            || (len >= PROSE_MIN_LEN_SENTENCE && (b.stats.sentence_ends > 0 || b.stats.commas > 0)))
}

/// A block's contribution to the score of every container that holds it.
fn block_score(b: &Block, boiler: bool) -> f32 {
    let len = b.stats.weighted_len();
    let ld = b.link_density();
    if boiler {
        -len * BOILERPLATE_PENALTY
    } else if ld > LINKY_DENSITY {
        -len * LINK_PENALTY * ld
    } else if is_prose(b) {
        len * PROSE_WEIGHT * (1.0 - ld)
    } else if b.kind == BlockKind::Caption || b.flags & IN_FIGURE != 0 {
        0.0
    } else {
        -SHORT_BLOCK_PENALTY
    }
}

/// Stock phrases that are boilerplate wherever they stand, compared lower-cased.
pub(crate) fn is_stock_phrase(text: &str) -> bool {
    let t = text.trim().trim_end_matches([':', '.', '…']).to_lowercase();
    matches!(
        t.as_str(),
        "advertisement"
            | "advertising"
            | "anzeige"
            | "werbung"
            | "publicité"
            | "publicidad"
            | "pubblicità"
            | "reklama"
            | "sponsored"
            | "sponsored content"
            | "story continues below"
            | "article continues below"
            | "continue reading"
            | "continue reading below"
            | "read more"
            | "weiterlesen"
            | "mehr zum thema"
            | "share"
            | "share this"
            | "share this article"
            | "share this story"
            | "tweet"
            | "print"
            | "email"
            | "comments"
            | "related"
            | "related articles"
            | "related stories"
            | "more"
            | "show more"
            | "see more"
            | "load more"
            | "skip to content"
            | "skip to main content"
            | "back to top"
            | "top"
            | "close"
            | "menu"
            | "search"
    )
}

/// Openings of a heading or short line that starts the reading list after an article, in
/// the languages gleaner is measured on; compared lower-cased, as prefixes.
const END_MARKERS: &[&str] = &[
    "related",
    "read more",
    "read also",
    "read next",
    "also read",
    "you may also",
    "you might also",
    "more from",
    "more stories",
    "more on this",
    "recommended",
    "most popular",
    "most read",
    "trending",
    "latest news",
    "latest articles",
    "further reading",
    "popular posts",
    "das könnte sie auch",
    "das könnte dich auch",
    "lesen sie auch",
    "lies auch",
    "mehr zum thema",
    "weitere artikel",
    "weitere informationen",
    "weiterführende",
    "auch interessant",
    "empfehlungen",
    "neueste artikel",
    "ähnliche artikel",
    "verwandte artikel",
    "top themen",
    "meistgelesen",
    "beliebte artikel",
    "weitere beiträge",
    "mehr aus",
    "à lire aussi",
    "lire aussi",
    "sur le même sujet",
    "articles similaires",
    "les plus lus",
    "te puede interesar",
    "noticias relacionadas",
    "lee también",
    "más leídas",
    "artículos relacionados",
    "leggi anche",
    "articoli correlati",
    "potrebbe interessarti",
    "czytaj także",
    "czytaj też",
    "zobacz też",
    "zobacz także",
    "przeczytaj również",
    "polecamy",
    "lees ook",
    "gerelateerde",
    "leia também",
    "veja também",
    "notícias relacionadas",
];
/// An end marker cuts only when the prose after it is at most this share of the prose
/// before it: a "Related" box in the middle of an article does not end it.
const END_MARKER_MAX_REST: f32 = 0.25;
/// Longest block (in characters) read as an end marker.
const END_MARKER_MAX_CHARS: u32 = 60;

fn is_end_marker(b: &Block) -> bool {
    if b.stats.chars > END_MARKER_MAX_CHARS || b.link_density() >= LINKY_DENSITY {
        return false;
    }
    let t = b.text.trim().to_lowercase();
    END_MARKERS.iter().any(|m| t.starts_with(m))
}

/// Openings of a sign-up box's title, compared lower-cased, as prefixes or whole text.
const SIGNUP_PHRASES: &[&str] = &[
    "sign up for our newsletter",
    "subscribe to our newsletter",
    "get our newsletter",
    "sign up for the",
    "newsletter abonnieren",
    "jetzt newsletter",
    "zum newsletter",
    "abonnez-vous",
    "inscrivez-vous à notre newsletter",
    "suscríbete",
    "iscriviti alla newsletter",
    "never miss",
    "join our mailing list",
    "get the latest news in your inbox",
];
/// Most blocks in a box whose title is a sign-up phrase; the whole box goes.
const SIGNUP_BOX_MAX_BLOCKS: u32 = 5;

fn is_signup_title(b: &Block) -> bool {
    if b.stats.chars > END_MARKER_MAX_CHARS * 2 {
        return false;
    }
    let t = b.text.trim().to_lowercase();
    SIGNUP_PHRASES.iter().any(|p| t.starts_with(p))
}

/// Marks of a photo caption or credit line, compared lower-cased.
const CREDIT_MARKS: &[&str] = &[
    "file photo",
    "ap photo",
    "(photo:",
    "photo:",
    "photo by",
    "photograph:",
    "foto:",
    "bild:",
    "image:",
    "(image",
    "getty images",
    "shutterstock",
    "istock",
    "/ dpa",
    "/dpa",
    "© ",
    "credit:",
    "photo credit",
    "picture:",
    "imago",
    "keystone",
];
/// Longest block (in characters) read as a caption or credit line by its wording.
const CREDIT_MAX_CHARS: u32 = 300;

/// Whether a block reads as a photo caption or credit line.
fn is_credit_line(b: &Block) -> bool {
    if b.stats.chars > CREDIT_MAX_CHARS {
        return false;
    }
    // the marks are ASCII (and "©"): ASCII case folding finds what lower-casing would
    static MARKS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(CREDIT_MARKS)
            .expect("valid patterns")
    });
    MARKS.is_match(&b.text)
}

/// Labels every block of a page. `title` is the page's title, whose heading is dropped
/// from the text.
pub fn classify(elems: &[Elem], blocks: &[Block], title: Option<&str>, s: &Settings) -> Verdict {
    let n = blocks.len();
    let mut labels = vec![Label::OutsideArticle; n];
    let mut scores = vec![0.0f32; n];
    if n == 0 || elems.is_empty() {
        return Verdict {
            labels,
            scores,
            container: 0,
            fallback: false,
        };
    }

    // Raw prose per element, hints ignored, to find wrappers with unlucky names.
    let mut prose_prefix = vec![0.0f32; n + 1];
    for (i, b) in blocks.iter().enumerate() {
        let p = if is_prose(b) {
            b.stats.weighted_len()
        } else {
            0.0
        };
        prose_prefix[i + 1] = prose_prefix[i] + p;
    }
    let total_prose = prose_prefix[n];
    let prose_of = |e: &Elem| prose_prefix[e.blocks.1 as usize] - prose_prefix[e.blocks.0 as usize];
    let boiler_mask = hints::STRONG_BOILERPLATE | hints::FOOTER | hints::SIDEBAR;
    // A discussion page (a forum thread, a Q&A page): nearly all its prose sits in posts
    // named like comments. There the posts are the content, and their names say nothing.
    let mut in_comment = vec![false; elems.len()];
    for i in 1..elems.len() {
        in_comment[i] =
            in_comment[elems[i].parent as usize] || elems[i].hints & hints::COMMENT != 0;
    }
    let comment_prose: f32 = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| in_comment[b.elem as usize])
        .map(|(i, _)| prose_prefix[i + 1] - prose_prefix[i])
        .sum();
    let other_prose = total_prose - comment_prose;
    let discussion = comment_prose > 0.0
        && other_prose < DISCUSSION_MAX_OTHER_SHARE * total_prose
        && other_prose < DISCUSSION_MAX_OTHER_LEN;
    let effective: Vec<Hints> = elems
        .iter()
        .map(|e| {
            if discussion && e.hints & hints::COMMENT != 0 {
                e.hints & !hints::COMMENT
            } else if e.hints & boiler_mask != 0
                && total_prose > 0.0
                && prose_of(e) >= HINT_VOID_SHARE * total_prose
                && e.hints & hints::COMMENT == 0
            {
                e.hints & !boiler_mask
            } else {
                e.hints
            }
        })
        .collect();

    // Boilerplate hints inherited from all ancestors, with voided hints left out.
    let mut inherited = vec![0 as Hints; elems.len()];
    for i in 0..elems.len() {
        let p = elems[i].parent as usize;
        let up = if i == 0 { 0 } else { inherited[p] };
        inherited[i] = up | effective[i];
    }

    // Block scores and their prefix sums: a container's score is a range sum.
    let mut prefix = vec![0.0f32; n + 1];
    for (i, b) in blocks.iter().enumerate() {
        let boiler = inherited[b.elem as usize] & boiler_mask != 0;
        scores[i] = block_score(b, boiler);
        prefix[i + 1] = prefix[i] + scores[i];
    }

    // The container: the element whose blocks score highest.
    let mut best = 0u32;
    let mut best_score = f32::MIN;
    for (i, e) in elems.iter().enumerate() {
        if !e.tag.is_block() || e.blocks.0 == e.blocks.1 {
            continue;
        }
        let mut sc = prefix[e.blocks.1 as usize] - prefix[e.blocks.0 as usize];
        if sc > 0.0 {
            if e.hints & hints::ARTICLE_BODY != 0 {
                sc *= ARTICLE_BODY_BONUS;
            } else if e.hints & hints::CONTENT != 0 || matches!(e.tag, Tag::Article | Tag::Main) {
                sc *= CONTENT_BONUS;
            }
        }
        if sc >= best_score {
            best_score = sc;
            best = i as u32;
        }
    }

    // Descend while one child holds nearly all of the container's prose: positive text
    // around the article (a long copyright line, a motto in the header) must not pull the
    // container up to the whole layout table.
    let mut pos_prefix = vec![0.0f32; n + 1];
    for i in 0..n {
        pos_prefix[i + 1] = pos_prefix[i] + scores[i].max(0.0);
    }
    let pos = |e: &Elem| pos_prefix[e.blocks.1 as usize] - pos_prefix[e.blocks.0 as usize];
    let argmax = best;
    if best_score > 0.0 {
        loop {
            let c = &elems[best as usize];
            let total_pos = pos(c);
            let mut child = best + 1;
            let mut next = None;
            while child < c.end {
                let ch = &elems[child as usize];
                if ch.tag.is_block() && pos(ch) >= DOMINANT_CHILD_SHARE * total_pos {
                    next = Some(child);
                    break;
                }
                child = ch.end.max(child + 1);
            }
            match next {
                Some(ch) => best = ch,
                None => break,
            }
        }
    }
    if best_score <= 0.0 {
        // Nothing scores as prose: the whole page is the container.
        best = 0;
    }
    let title_norm = title.map(|t| normalize_space(t).to_lowercase());
    let c = &elems[best as usize];
    label_range(
        elems,
        blocks,
        &effective,
        best,
        c.blocks.0 as usize..c.blocks.1 as usize,
        title_norm.as_deref(),
        s,
        &mut labels,
    );

    // Readability's sibling rule, generalised: subtrees next to the container (under its
    // parent and grandparent) that score as prose on their own belong to the article too
    // (a lead paragraph in the header, an article split into several sections).
    // Levels to look up: those the descent went down, plus EXTEND_LEVELS above.
    let mut levels = EXTEND_LEVELS;
    let mut e = best;
    while e != argmax && e != 0 {
        levels += 1;
        e = elems[e as usize].parent;
    }
    let mut top = best;
    // one buffer for every sibling: only a sibling's own range is written and read
    let mut sub = vec![Label::OutsideArticle; n];
    for _ in 0..levels {
        let parent = elems[top as usize].parent;
        if parent == top || best == 0 {
            break;
        }
        let p = &elems[parent as usize];
        let mut child = parent + 1;
        while child < p.end {
            let ch = &elems[child as usize];
            if child != top && ch.blocks.0 < ch.blocks.1 {
                let sc = prefix[ch.blocks.1 as usize] - prefix[ch.blocks.0 as usize];
                if sc >= EXTEND_MIN_SCORE && effective[child as usize] & boiler_mask == 0 {
                    label_range(
                        elems,
                        blocks,
                        &effective,
                        child,
                        ch.blocks.0 as usize..ch.blocks.1 as usize,
                        title_norm.as_deref(),
                        s,
                        &mut sub,
                    );
                    for i in ch.blocks.0 as usize..ch.blocks.1 as usize {
                        if sub[i].is_content() || labels[i] == Label::OutsideArticle {
                            labels[i] = sub[i];
                        }
                    }
                }
            }
            child = ch.end.max(child + 1);
        }
        top = parent;
    }

    // The lead: prose just before the container (a standfirst between the headline and the
    // body, outside the body's element) belongs to the article. Walk back from the
    // container over short lines (bylines, dates, captions) until the headline or boilerplate.
    let start = elems[best as usize].blocks.0 as usize;
    let grand = elems[elems[best as usize].parent as usize].parent;
    let lead_floor = elems[grand as usize].blocks.0 as usize;
    if best != 0 && labels[start..].iter().any(|l| l.is_content()) {
        let (mut taken, mut skipped) = (0, 0);
        for i in (0..start).rev() {
            let b = &blocks[i];
            if i < lead_floor
                || labels[i] != Label::OutsideArticle
                || taken >= LEAD_MAX_BLOCKS
                || skipped > LEAD_MAX_SKIPS
            {
                break;
            }
            let boiler = inherited[b.elem as usize] & boiler_mask != 0;
            if matches!(b.kind, BlockKind::Heading(_)) {
                break;
            }
            if boiler || b.link_density() > LINKY_DENSITY {
                // bylines and share buttons between headline and body are stepped over
                if b.stats.weighted_len() > LEAD_MIN_LEN {
                    break;
                }
                skipped += 1;
                continue;
            }
            if is_prose(b)
                && b.stats.weighted_len() >= LEAD_MIN_LEN
                && b.kind == BlockKind::Paragraph
                && b.flags & IN_FIGURE == 0
                && b.hints & (hints::BYLINE | hints::CAPTION) == 0
                && !is_credit_line(b)
            {
                labels[i] = Label::Content;
                taken += 1;
            } else {
                skipped += 1;
            }
        }
    }

    // Fallback: too little inside the container; take the page's prose outside boilerplate.
    let kept: f32 = labels
        .iter()
        .zip(blocks)
        .filter(|(l, _)| l.is_content())
        .map(|(_, b)| b.stats.weighted_len())
        .sum();
    let mut fallback = false;
    if kept < MIN_ARTICLE_LEN && total_prose > kept * 2.0 {
        let mut alt = vec![Label::OutsideArticle; n];
        label_range(
            elems,
            blocks,
            &effective,
            0,
            0..n,
            title_norm.as_deref(),
            s,
            &mut alt,
        );
        let alt_kept: f32 = alt
            .iter()
            .zip(blocks)
            .filter(|(l, _)| l.is_content())
            .map(|(_, b)| b.stats.weighted_len())
            .sum();
        if alt_kept > kept * 1.5 {
            labels = alt;
            fallback = true;
        }
    }
    Verdict {
        labels,
        scores,
        container: best,
        fallback,
    }
}

/// The union of the hints of the elements from `e` up to, not including, `top`.
fn hints_below(elems: &[Elem], effective: &[Hints], e: u32, top: u32) -> Hints {
    ancestors(elems, e)
        .take_while(|&a| a != top)
        .fold(0, |h, a| h | effective[a as usize])
}

#[derive(Clone, Copy, PartialEq)]
enum Pre {
    Good,
    Short,
    Bad(Label),
}

/// Labels the blocks in `range`, all inside element `top`.
#[allow(clippy::too_many_arguments)]
fn label_range(
    elems: &[Elem],
    blocks: &[Block],
    effective: &[Hints],
    top: u32,
    range: std::ops::Range<usize>,
    title: Option<&str>,
    s: &Settings,
    labels: &mut [Label],
) {
    let linky = match s.favor {
        Favor::Precision => PROSE_MAX_LINK_DENSITY,
        Favor::Balanced => LINKY_DENSITY,
        Favor::Recall => 0.7,
    };
    // Sign-up boxes named only by their text: the small element around such a title goes.
    // (a mask over the range: each box covers at most SIGNUP_BOX_MAX_BLOCKS blocks)
    let base = range.start;
    let mut signup = vec![false; range.len()];
    for i in range.clone() {
        let b = &blocks[i];
        if is_signup_title(b) {
            let parent = &elems[elems[b.elem as usize].parent as usize];
            let (a, z) = (parent.blocks.0 as usize, parent.blocks.1 as usize);
            let (a, z) = if z - a <= SIGNUP_BOX_MAX_BLOCKS as usize && a >= range.start {
                (a, z.min(range.end))
            } else {
                (i, i + 1)
            };
            for m in &mut signup[a - base..z - base] {
                *m = true;
            }
        }
    }
    let mut pre: Vec<(usize, Pre)> = Vec::with_capacity(range.len());
    let mut title_seen = false;
    for i in range {
        let b = &blocks[i];
        let h = hints_below(elems, effective, b.elem, top);
        let p = if signup[i - base] {
            Pre::Bad(Label::Hinted("newsletter"))
        } else if h & hints::STRONG_BOILERPLATE != 0 {
            Pre::Bad(Label::Hinted(hints::kind_name(
                h & hints::STRONG_BOILERPLATE,
            )))
        } else if h & (hints::SIDEBAR | hints::FOOTER) != 0 {
            Pre::Bad(Label::Hinted(hints::kind_name(
                h & (hints::SIDEBAR | hints::FOOTER),
            )))
        } else if b.kind == BlockKind::Caption
            || h & hints::CAPTION != 0
            || is_credit_line(b)
            || (b.flags & IN_FIGURE != 0 && !matches!(b.kind, BlockKind::Code))
        {
            if s.captions {
                Pre::Good
            } else {
                Pre::Bad(Label::Caption)
            }
        } else if !s.tables && b.kind == BlockKind::TableRow {
            Pre::Bad(Label::OutsideArticle)
        } else if matches!(b.kind, BlockKind::Heading(_))
            && !title_seen
            && title.is_some_and(|t| {
                let ht = normalize_space(&b.text).to_lowercase();
                !ht.is_empty() && (t == ht || (t.starts_with(&ht) && ht.len() * 2 > t.len()))
            })
        {
            title_seen = true;
            Pre::Bad(Label::Title)
        } else if b.link_density() > linky {
            Pre::Bad(Label::LinkList)
        } else if is_stock_phrase(&b.text) {
            Pre::Bad(Label::StockPhrase)
        } else if h & (hints::BYLINE | hints::HEADER) != 0 && !is_prose(b) {
            Pre::Bad(Label::Hinted(hints::kind_name(
                h & (hints::BYLINE | hints::HEADER),
            )))
        } else if is_prose(b) || b.kind == BlockKind::Code {
            Pre::Good
        } else {
            Pre::Short
        };
        pre.push((i, p));
    }
    // A reading-list heading near the end of the article ends it: it and what follows go.
    let total: f32 = pre
        .iter()
        .filter(|(_, p)| *p == Pre::Good)
        .map(|(i, _)| blocks[*i].stats.weighted_len())
        .sum();
    // where each element's last good block is, so that "does the article go on in this
    // element" is one look-up, not a scan of the rest
    let mut last_good_in: std::collections::HashMap<u32, usize> = Default::default();
    for (k, &(i, p)) in pre.iter().enumerate() {
        if p == Pre::Good {
            last_good_in.insert(elems[blocks[i].elem as usize].parent, k);
        }
    }
    let mut before = 0.0;
    let mut cut = None;
    let mut last_parent = None;
    for (k, &(i, p)) in pre.iter().enumerate() {
        if p == Pre::Good {
            before += blocks[i].stats.weighted_len();
            last_parent = Some(elems[blocks[i].elem as usize].parent);
        } else if before > 0.0
            && matches!(p, Pre::Short | Pre::Bad(Label::StockPhrase))
            && total - before <= END_MARKER_MAX_REST * before
            && is_end_marker(&blocks[i])
            // the article does not go on after the list in the same element
            && last_parent.is_none_or(|lp| last_good_in.get(&lp).is_none_or(|&g| g < k))
        {
            cut = Some(k);
            break;
        }
    }
    if let Some(k) = cut {
        for e in pre.iter_mut().skip(k) {
            e.1 = Pre::Bad(Label::Hinted("related"));
        }
    }
    // Short blocks take the label of their context: kept between content, dropped at the
    // edges, where bylines, dates and buttons sit. A heading is kept when content follows.
    let first_good = pre.iter().position(|(_, p)| *p == Pre::Good);
    let last_good = pre.iter().rposition(|(_, p)| *p == Pre::Good);
    let (Some(first), Some(last)) = (first_good, last_good) else {
        // No prose at all (a tiny page): its short text is all there is.
        for &(i, p) in &pre {
            labels[i] = match p {
                Pre::Bad(l) => l,
                _ => Label::Content,
            };
        }
        return;
    };
    for (k, &(i, p)) in pre.iter().enumerate() {
        labels[i] = match p {
            Pre::Good => Label::Content,
            Pre::Bad(l) => l,
            Pre::Short => {
                let heading = matches!(blocks[i].kind, BlockKind::Heading(_));
                let inside = k > first && k < last;
                let lead_heading = heading && k < first && k + 3 > first;
                let recall_edge = s.favor == Favor::Recall && (k + 1 == first || k == last + 1);
                if inside || lead_heading || recall_edge {
                    Label::Content
                } else {
                    Label::ShortEdge
                }
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;
    use crate::limits::Limits;
    use crate::walk::walk;

    const P1: &str = "The council voted on Tuesday to extend the tram line to the northern suburbs, a project that has been debated for more than a decade.";
    const P2: &str = "Construction is expected to start next spring, and the first trams could run on the new tracks by the end of the following year.";
    const P3: &str = "Opponents argued that the money would be better spent on buses, which can serve more neighbourhoods for the same price.";

    fn labels(html: &str, title: Option<&str>) -> Vec<(String, Label)> {
        let page = walk(&parse(html, usize::MAX, None), &Limits::default(), None);
        let v = classify(&page.elems, &page.blocks, title, &Settings::default());
        page.blocks
            .iter()
            .zip(v.labels)
            .map(|(b, l)| (b.text.clone(), l))
            .collect()
    }

    fn kept(html: &str, title: Option<&str>) -> Vec<String> {
        labels(html, title)
            .into_iter()
            .filter(|(_, l)| l.is_content())
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn keeps_the_article_and_drops_navigation_and_comments() {
        let html = format!(
            "<body><nav><a href=/>Home</a><a href=/a>News</a></nav><div class=story><h1>Trams</h1>
             <p>{P1}</p><p>{P2}</p><p>{P3}</p></div><div id=comments><p>{P1} I agree!</p></div>
             <footer>Copyright 2024</footer></body>"
        );
        assert_eq!(kept(&html, Some("Trams")), [P1, P2, P3]);
        let l = labels(&html, Some("Trams"));
        assert!(l
            .iter()
            .any(|(t, lab)| t == "Trams" && *lab == Label::Title));
    }

    #[test]
    fn short_lines_follow_their_neighbours() {
        let html = format!(
            "<article><p>By Ann Lee</p><p>{P1}</p><h2>Costs</h2><p>{P2}</p><p>Share</p></article>"
        );
        assert_eq!(kept(&html, None), [P1, "Costs", P2]);
    }

    #[test]
    fn link_lists_and_signup_boxes_go() {
        let html = format!(
            "<article><p>{P1}</p><ul><li><a href=/1>Other story one about trams</a></li>
             <li><a href=/2>Other story two about buses</a></li></ul><p>{P2}</p>
             <div class=box><div>Sign up for our newsletter</div><p>Get the best stories in your inbox every Friday, no spam, unsubscribe at any time.</p></div>
             <p>{P3}</p></article>"
        );
        assert_eq!(kept(&html, None), [P1, P2, P3]);
    }

    #[test]
    fn reading_list_heading_ends_the_article() {
        let html = format!(
            "<article><p>{P1}</p><p>{P2}</p><p>{P3}</p><h3>Read more</h3>
             <div><p>A teaser sentence about another story that is long enough to be prose.</p></div></article>"
        );
        assert_eq!(kept(&html, None), [P1, P2, P3]);
    }

    #[test]
    fn discussion_pages_keep_their_posts() {
        // a thread whose posts are all named like comments: the posts are the content
        let html = format!(
            "<body><nav><a href=/>Forum</a><a href=/new>New</a></nav><h1>Trams</h1>
             <div class=comments><div class=comment><p>{P1}</p></div><div class=comment><p>{P2}</p></div></div></body>"
        );
        assert_eq!(kept(&html, Some("Trams")), [P1, P2]);
        // an article with comments below it: the comments still go
        let html = format!(
            "<body><article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>
             <div class=comments><div class=comment><p>{P3} Me too.</p></div></div></body>"
        );
        assert_eq!(kept(&html, None), [P1, P2, P3]);
    }

    #[test]
    fn a_page_without_prose_keeps_its_text() {
        assert_eq!(kept("<body><div>Test</div></body>", None), ["Test"]);
    }
}
