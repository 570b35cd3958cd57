//! The classifier's weights and thresholds, gathered in one value with documented defaults.

use crate::block::{Block, MACHINE_DATA};
use crate::page_type::PageType;

/// A weight's value as `gleaner eval --set` gives it: a number (for a switch, 0 is off).
trait Value: Copy {
    fn from_f64(v: f64) -> Self;
    fn to_f64(self) -> f64;
}

impl Value for f32 {
    fn from_f64(v: f64) -> Self {
        v as f32
    }
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

impl Value for usize {
    fn from_f64(v: f64) -> Self {
        v.max(0.0) as usize
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
}

impl Value for bool {
    fn from_f64(v: f64) -> Self {
        v != 0.0
    }
    fn to_f64(self) -> f64 {
        f64::from(u8::from(self))
    }
}

/// Declares [`Weights`]: each field with its doc, type and default, and the table of names
/// that [`Weights::set`] and [`Weights::get`] read, so that a field cannot be added without
/// its name.
macro_rules! weights {
    ($( $(#[doc = $doc:literal])+ $name:ident: $ty:ty = $default:expr, )+) => {
        /// The weights and thresholds the classifier decides with. `Weights::default()` is
        /// what [`crate::extract`] uses; [`crate::Extractor::weights`] sets others, and
        /// `gleaner eval --set NAME=VALUE` (or `--sweep NAME=A,B,...`) measures them on a
        /// corpus. Lengths are in weighted characters (a CJK character counts 3); link
        /// densities are the share of a block's characters inside links.
        ///
        /// **Unstable.** The fields follow the classifier: they are added, renamed and
        /// removed as it changes, in any release. Read and change them by name with
        /// [`Weights::set`] and [`Weights::get`] (an unknown name is an error, not a
        /// compile failure), and start from `Weights::default()`.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct Weights {
            $( $(#[doc = $doc])+ pub $name: $ty, )+
        }

        impl Default for Weights {
            fn default() -> Self {
                Weights { $( $name: $default, )+ }
            }
        }

        impl Weights {
            /// The names of the fields, as [`Weights::set`] takes them.
            pub const NAMES: &'static [&'static str] = &[$( stringify!($name) ),+];

            /// Sets the field `name` to `value` (rounded down for counts, 0 for off). An
            /// unknown name is an error that lists the known ones.
            pub fn set(&mut self, name: &str, value: f64) -> Result<(), String> {
                match name {
                    $( stringify!($name) => self.$name = <$ty as Value>::from_f64(value), )+
                    _ => return Err(format!(
                        "unknown weight {name:?}; the weights are: {}",
                        Self::NAMES.join(", ")
                    )),
                }
                Ok(())
            }

            /// The value of the field `name`, if there is one.
            pub fn get(&self, name: &str) -> Option<f64> {
                match name {
                    $( stringify!($name) => Some(Value::to_f64(self.$name)), )+
                    _ => None,
                }
            }
        }
    };
}

weights! {
    /// Shortest block that counts as prose on its own.
    prose_min_len: f32 = 60.0,
    /// A block that ends a sentence (or holds a comma) counts as prose from this length on.
    prose_min_len_sentence: f32 = 35.0,
    /// Highest link density of a prose block.
    prose_max_link_density: f32 = 0.35,
    /// Link density from which a block counts as a list of links.
    linky_density: f32 = 0.7,
    /// The link density from which a block is a list of links when recall is favoured.
    recall_linky_density: f32 = 0.85,
    /// Weight of a character of prose in a container's score.
    prose_weight: f32 = 1.0,
    /// Weight (negative) of a character of link text in a container's score.
    link_penalty: f32 = 1.0,
    /// Score (negative) of a short block that is not prose.
    short_block_penalty: f32 = 5.0,
    /// Factor on the weight of a character of a code block in a container's score, as
    /// against prose.
    code_weight: f32 = 1.0,
    /// Weight (negative) of a character inside a subtree hinted as boilerplate.
    boilerplate_penalty: f32 = 0.5,
    /// Factor on the score of an element that names itself the article body.
    article_body_bonus: f32 = 1.25,
    /// Factor on the score of `<article>`, `<main>` and content-like names.
    content_bonus: f32 = 1.1,
    /// A boilerplate hint on an element holding at least this share of the page's prose is
    /// ignored: it is a wrapper with an unlucky name (`main-with-sidebar`).
    hint_void_share: f32 = 0.6,
    /// Least prose (weighted characters) under an element named like a menu for its
    /// name to be ignored inside the container, when little of its text is linked (see
    /// `menu_max_link_share`): an accordion's `dropdown`, a section a scroll-spy's menu
    /// points to (`navSource`), a card's description in a `nestedNavCard`.
    menu_min_prose: f32 = 300.0,
    /// Most share of linked characters under such an element: a menu is links.
    menu_max_link_share: f32 = 0.2,
    /// A child holding this share of the container's positive score becomes the container.
    dominant_child_share: f32 = 0.85,
    /// How many levels above the container the sibling rule looks, beyond those the
    /// descent to a dominant child went down.
    extend_levels: usize = 1,
    /// Least score of a subtree next to the container for it to join the article.
    extend_min_score: f32 = 150.0,
    /// Whether the paragraphs of prose right after the container, under its parent and
    /// with nothing else between, join the article whatever their score (Readability's
    /// sibling paragraphs).
    join_sibling_paragraphs: bool = true,
    /// Most lead paragraphs taken from just before the container.
    lead_max_blocks: usize = 3,
    /// Shortest lead paragraph (datelines and credits are shorter).
    lead_min_len: f32 = 100.0,
    /// Shortest lead paragraph when a heading (not boilerplate's) closes the walk back
    /// from the container and nothing was stepped over below the paragraph: a section's
    /// short introduction under its title, before the subsection that holds the most
    /// text. The default takes none shorter than `lead_min_len` (a news page's dek is not
    /// its article's, for most benchmarks).
    lead_min_len_under_heading: f32 = 100.0,
    /// Most short lines (bylines, dates) stepped over while looking for the lead.
    lead_max_skips: usize = 8,
    /// A short heading this many blocks or fewer before the first prose is kept with it.
    lead_heading_reach: usize = 3,
    /// A page is a discussion (its comment-named posts are the content) when the prose
    /// outside them is less than this share of the page's prose ...
    discussion_max_other_share: f32 = 0.2,
    /// ... and shorter than this.
    discussion_max_other_len: f32 = 500.0,
    /// A reading-list heading ends the article only when the prose after it is at most this
    /// share of the prose before it: a "Related" box in the middle does not end it.
    end_marker_max_rest: f32 = 0.25,
    /// Below this length the container's text is too little: the fallback runs, and the
    /// confidence is lowered.
    min_article_len: f32 = 250.0,
    /// The fallback runs only when the page holds at least this many times the kept prose.
    fallback_min_page_ratio: f32 = 2.0,
    /// The fallback's text replaces the container's when it is at least this many times
    /// longer.
    fallback_min_gain: f32 = 1.5,
    /// Whether posts named like comments are content (a forum thread's posts).
    posts_are_content: bool = false,
    /// Whether a container inside one post of a thread widens to the thread: one long
    /// reply must not be the article (see `container::thread_of`).
    thread_container: bool = false,
    /// Whether short lines named as bylines inside the container are content (a forum
    /// post's author and date, a product's "info" lines).
    keep_bylines: bool = false,
    /// Whether short lines named as headers inside the container are content (an item's
    /// header in a list of items).
    keep_headers: bool = false,
    /// Whether lines named as captions by their classes, outside a figure, are content
    /// (a product card's name and price under Bootstrap's `.caption`).
    keep_named_captions: bool = false,
    /// Whether a page of items or sections may take its main element, or the parent of
    /// its largest group of repeated items, for the container, when that keeps clearly
    /// more (listings, collections, forums, service pages). Any page may when its container keeps
    /// less than `min_article_len`.
    wide_regions: bool = false,
    /// How many times more a region must keep than the container to replace it.
    region_min_gain: f32 = 1.5,
    /// Whether the page's items are its content: the container itself is relabelled as a
    /// region, on any gain, when its repeated items hold most of its text (a listing whose
    /// items' titles are links; not a thread, whose posts' buttons would come with them),
    /// and a card that one link wraps whole is an item, not a list of links.
    container_items: bool = false,
    /// Whether the parent of the page's largest group of repeated items may be the region
    /// (not on a product's page, where such a grid is of other products or recipes).
    item_regions: bool = true,
    /// The most a child's subtree may count against its parent when the container is
    /// chosen (a box of teasers or a comment form inside the article).
    subtree_penalty_cap: f32 = 300.0,
    /// A container that keeps this much is not looked past for a region.
    region_max_kept: f32 = 3000.0,
    /// A container that keeps this much gives way only to a region that holds more prose
    /// than it (not to the teasers, links and panels around an article).
    region_prose_min_kept: f32 = 1000.0,
    /// Whether short blocks in the container are content wherever they stand (inside a
    /// region of items, whose lines are all short).
    short_blocks_are_content: bool = false,
    /// Whether hidden panels (accordions' answers, tabs not shown) are content.
    reveal_panels: bool = false,
    /// Whether customer reviews are comments, apart from the main text (a product's
    /// reviews), rather than content (a review article).
    reviews_are_comments: bool = false,
    /// Whether a section opened by a reading list's heading ("Related articles") whose
    /// items link their stories goes wherever it stands in the container. On pages of
    /// items and sections such a section ("Trending", "Related guides") is the page's own.
    drop_reading_lists: bool = true,
    /// Whether an element named as a promotion (`promo`) is one of the page's cards (a
    /// shop's offers, a firm's services) rather than an advertisement.
    promos_are_items: bool = false,
    /// Whether a table of contents just before the container under its parent joins the
    /// article (a document's chapter page is its title, its contents and an opening
    /// paragraph); an article's contents repeat its headings and stay out.
    join_contents: bool = false,
    /// The page's only `<article>` above the container becomes the container (a long list
    /// of links between an article's sections must not leave the article to its last one) ...
    sole_article: bool = true,
    /// ... when the prose it holds outside the container is at least this multiple of the
    /// container's.
    sole_article_share: f32 = 2.0,
}

/// On a forum, the posts are the content while the prose outside them is less than this
/// share of the page's prose: a thread's opening post, outside the replies' comment-named
/// boxes (XenForo's and Discourse's themes so), may be longer than all its replies.
const FORUM_MAX_OTHER_SHARE: f32 = 0.6;

/// On a service page, how many levels above the container the sibling rule looks.
const SERVICE_EXTEND_LEVELS: usize = 5;
/// Shortest introduction under a heading taken into a document's container.
const DOCS_LEAD_MIN_LEN_UNDER_HEADING: f32 = 30.0;

impl Weights {
    /// These weights as the profile of `page_type` changes them: on a forum every post
    /// is content, with its author and date lines, and the container is the thread.
    pub fn for_page_type(&self, page_type: PageType) -> Weights {
        let mut w = self.clone();
        if page_type == PageType::Forum {
            // the posts are the content unless most of the prose stands outside them (an
            // article with its comments, taken for a forum)
            w.discussion_max_other_share = FORUM_MAX_OTHER_SHARE;
            w.discussion_max_other_len = f32::INFINITY;
            w.keep_bylines = true;
            w.thread_container = true;
        }
        if matches!(
            page_type,
            PageType::Forum
                | PageType::Listing
                | PageType::Collection
                | PageType::Service
                | PageType::Documentation
                | PageType::Product
        ) {
            w.wide_regions = true;
            w.container_items = !matches!(page_type, PageType::Forum | PageType::Product);
            w.item_regions = page_type != PageType::Product;
        }
        if matches!(
            page_type,
            PageType::Collection | PageType::Service | PageType::Documentation | PageType::Product
        ) {
            // the answers of a FAQ, a product's tabs, a language's code sample
            w.reveal_panels = true;
        }
        if page_type == PageType::Product {
            w.reviews_are_comments = true;
        }
        if matches!(page_type, PageType::Product | PageType::Service) {
            // a product's "info" lines (brand, model, price) and a service page's
            // "meta" facts are its content, not an article's byline
            w.keep_bylines = true;
        }
        if matches!(
            page_type,
            PageType::Listing | PageType::Collection | PageType::Service
        ) {
            w.drop_reading_lists = false;
            // a page of items or services promotes its own
            w.promos_are_items = true;
        }
        if page_type == PageType::Documentation {
            // inside a document's body, a list of links is its own (an index of pages,
            // the functions of a module, "see also")
            w.linky_density = f32::INFINITY;
            w.recall_linky_density = f32::INFINITY;
            w.join_contents = true;
            // a page's or a section's introduction under its title, before its first
            // subsection ("This part of the documentation covers all the interfaces")
            w.lead_min_len_under_heading = DOCS_LEAD_MIN_LEN_UNDER_HEADING;
        }
        if page_type == PageType::Service {
            // a service page is sections side by side, at any depth
            w.extend_levels = SERVICE_EXTEND_LEVELS;
        }
        w
    }

    /// Whether a block reads as prose: long enough, few links, or shorter with a sentence;
    /// not a bare address or a data blob.
    pub(crate) fn is_prose(&self, b: &Block) -> bool {
        let len = b.stats.weighted_len();
        !crate::text::is_urls(&b.text)
            && b.flags & MACHINE_DATA == 0
            && b.link_density() <= self.prose_max_link_density
            && (len >= self.prose_min_len
                || (len >= self.prose_min_len_sentence
                    && (b.stats.sentence_ends > 0 || b.stats.commas > 0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_weight_is_named_and_settable() {
        let mut w = Weights::default();
        for name in Weights::NAMES {
            let on = if w.get(name) == Some(0.0) { 1.0 } else { 0.0 };
            let value = if matches!(
                *name,
                "posts_are_content"
                    | "thread_container"
                    | "keep_bylines"
                    | "keep_headers"
                    | "keep_named_captions"
                    | "wide_regions"
                    | "short_blocks_are_content"
                    | "reveal_panels"
                    | "reviews_are_comments"
                    | "container_items"
                    | "item_regions"
                    | "drop_reading_lists"
                    | "promos_are_items"
                    | "join_contents"
                    | "sole_article"
                    | "join_sibling_paragraphs"
            ) {
                on
            } else {
                7.0
            };
            assert_ne!(w.get(name), Some(value), "{name}");
            w.set(name, value).unwrap();
            assert_eq!(w.get(name), Some(value), "{name}");
        }
        assert_ne!(w, Weights::default());
        let err = w.set("no_such_weight", 1.0).unwrap_err();
        assert!(err.contains("prose_min_len"), "{err}");
        assert_eq!(w.get("no_such_weight"), None);
    }
}
