//! What class, id, role, itemprop and tag names say about an element: named tables of words.

use html5ever::local_name;
use std::hash::{BuildHasherDefault, Hasher};

mod words;
use words::{PANEL_WORDS, STEMS, TOKENS};

/// A set of hint flags.
pub type Hints = u32;

/// Navigation, menus, breadcrumbs, pagination.
pub const NAV: Hints = 1 << 0;
/// Page and section footers, copyright lines.
pub const FOOTER: Hints = 1 << 1;
/// Site headers and mastheads (a weak hint: article headers hold the headline).
pub const HEADER: Hints = 1 << 2;
/// Sidebars, rails and widgets.
pub const SIDEBAR: Hints = 1 << 3;
/// Share and social buttons.
pub const SHARE: Hints = 1 << 4;
/// Comment threads and reply forms.
pub const COMMENT: Hints = 1 << 5;
/// Related, recommended and most-read lists.
pub const RELATED: Hints = 1 << 6;
/// Cookie and consent banners.
pub const COOKIE: Hints = 1 << 7;
/// Newsletter, subscription and paywall boxes.
pub const NEWSLETTER: Hints = 1 << 8;
/// Advertisements and sponsored slots.
pub const AD: Hints = 1 << 9;
/// Bylines, datelines and other article metadata.
pub const BYLINE: Hints = 1 << 10;
/// Image captions and credits.
pub const CAPTION: Hints = 1 << 11;
/// Hidden by a class such as `hidden` or `sr-only`.
pub const HIDDEN: Hints = 1 << 12;
/// A content-like name (article, content, post, story, entry, text, body, main).
pub const CONTENT: Hints = 1 << 13;
/// A name that marks the article body itself (`itemprop="articleBody"`, `article-body`,
/// `entry-content`, ...).
pub const ARTICLE_BODY: Hints = 1 << 14;
/// Tag lists, category links and similar taxonomy blocks.
pub const TAGS: Hints = 1 << 15;
/// Modal dialogs, pop-ups and overlays.
pub const MODAL: Hints = 1 << 16;

/// An author's biography box.
pub const BIO: Hints = 1 << 17;
/// A hidden panel: a collapsed accordion's answer, a tab not shown, a closed drawer. Its
/// text is the page's on pages of sections and products, and hidden on an article.
pub const PANEL: Hints = 1 << 18;
/// Customer reviews and ratings: a product page's comments, content on a review article.
pub const REVIEW: Hints = 1 << 19;
/// A promotion (`promo`, `promoted`): an advertisement on an article, one of the page's
/// own cards on a page of items or services (a shop's offers, a firm's services).
pub const PROMO: Hints = 1 << 20;
/// A table of contents (`toc`, `table-of-contents`): the links to a document's sections.
pub const TOC: Hints = 1 << 21;
/// A documentation page's admonition (`admonition note` in Sphinx and MkDocs,
/// `theme-admonition` in Docusaurus, Asciidoctor's `admonitionblock`): a note set apart
/// from the text, written as a quotation. It weighs nothing in the scores.
pub const CALLOUT: Hints = 1 << 22;

/// Hints that mark a subtree as boilerplate with high confidence: inside the main
/// container such a subtree is dropped whole.
pub const STRONG_BOILERPLATE: Hints = NAV
    | SHARE
    | COMMENT
    | RELATED
    | COOKIE
    | NEWSLETTER
    | AD
    | PROMO
    | HIDDEN
    | MODAL
    | TAGS
    | BIO;

/// Hints from a single lower-cased token of a class, id, role or itemprop value: one
/// lookup in a table made once from [`TOKENS`].
fn token_hints(tok: &str) -> Hints {
    use std::sync::LazyLock;
    static MAP: LazyLock<
        std::collections::HashMap<&'static str, Hints, BuildHasherDefault<FxHasher>>,
    > = LazyLock::new(|| {
        TOKENS
            .iter()
            .flat_map(|(words, h)| words.iter().map(move |w| (*w, *h)))
            .collect()
    });
    MAP.get(tok).copied().unwrap_or(0)
}

/// Hints from an ARIA `role` value.
fn role_hints(role: &str) -> Hints {
    match role.trim() {
        "navigation" | "menu" | "menubar" | "search" => NAV,
        "contentinfo" => FOOTER,
        "banner" => HEADER,
        "complementary" => SIDEBAR,
        "dialog" | "alertdialog" => MODAL,
        "main" | "article" => CONTENT,
        _ => 0,
    }
}

/// Whether a class or id value names a panel shown on demand.
pub fn names_panel(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    PANEL_WORDS.iter().any(|w| lower.contains(w))
}

/// Whole class names that hide an element on every screen size, or say that it is no part
/// of the page's content (`robots-nocontent`).
fn hiding_class(class: &str) -> bool {
    matches!(
        class,
        "hidden"
            | "hide"
            | "is-hidden"
            | "u-hidden"
            | "d-none"
            | "sr-only"
            | "visually-hidden"
            | "visuallyhidden"
            | "screen-reader-text"
            | "screenreader-only"
            | "a11y-hidden"
            | "offscreen"
            | "invisible"
            // Webflow's messages after a form is sent, shown by its script
            | "w-form-done"
            | "w-form-fail"
            // Gravity Forms' trap field for robots and its fields hidden from visitors,
            // hidden by its stylesheet, and the markup it shows only to the site's admins
            | "gform_validation_container"
            | "gfield_visibility_hidden"
            | "admin-hidden-markup"
            // the mark of what is not the page's content (Yahoo's convention; Jetpack's
            // "This slideshow requires JavaScript." carries it)
            | "robots-nocontent"
            // MediaWiki's "Retrieved from ..." line, which its skins show only in print
            | "printfooter"
    )
}

/// Whether a class word is a utility class under a variant or with an arbitrary value
/// (Tailwind, UnoCSS, Windi: `print:break-inside-avoid`, `md:hidden`,
/// `[html.sidebar-filled_&]:bg-base`): it says when a style applies, not what the element
/// is, so its words (`print`, `sidebar`) give no hints.
fn is_variant_utility(word: &str) -> bool {
    word.contains(':') || word.contains('[')
}

/// Words before a hint word that negate it (`has-comments`, `no-sidebar`, `with-ads`), or
/// make it a state of the element, not what the element is (`is-paywall`, as the state
/// classes of SMACSS and BEM write it: an article behind a paywall is still the article).
fn is_negating(tok: &str) -> bool {
    matches!(
        tok,
        "has" | "no" | "with" | "without" | "show" | "enable" | "allow" | "open" | "is"
    )
}

/// The first parts of an article body's compound that [`word_hints`] reads at the end of a
/// prefixed name (`theme-post-content`; not `card-body-text`).
const BODY_PAIR_HEADS: &[&str] = &["post", "entry", "article", "story"];

/// Words before such a compound that make it another post's (`next-post-content`).
const OTHER_POSTS: &[&str] = &["next", "prev", "previous", "featured", "other"];

/// The page elements that follow `adv` in a name when it abbreviates "advanced" (with
/// a block's number after them: `kt-adv-heading2368_aaa829`).
const ADVANCED_PARTS: &[&str] = &[
    "heading", "text", "btn", "button", "search", "form", "filter", "tabs", "gallery", "image",
    "icon", "list",
];

/// The parts before `signature` that make it a declaration's in an API's reference.
const CODE_SIGNATURE_HEADS: &[&str] = &[
    "type",
    "member",
    "method",
    "function",
    "func",
    "fn",
    "call",
    "class",
    "field",
    "constructor",
];

/// Names of the part of an article behind a paywall, written in parts run together: the
/// text subscribers read, in the page for them and for search engines (Google's markup
/// for paywalled content marks it `isAccessibleForFree: false` with the `cssSelector`
/// `.paywall`), not a box that asks to subscribe (`paywall-prompt`, `paywall-message`).
const GATED_CONTENT_NAMES: &[&str] = &[
    "paywall",
    "paywalled",
    "paywalledcontent",
    "contentbehindpaywall",
    "paywallfullcontent",
];

/// Hints from one class word or id, such as `article__body` or `share-bar`.
fn word_hints(word: &str, buf: &mut String) -> Hints {
    let mut h = 0;
    // split "article__body--main" / "articleBody" / "post_content" into parts
    let mut prev_negating = false;
    let mut compact = String::with_capacity(word.len());
    let (mut first, mut last) = (true, "");
    // where the last three parts start in `compact`
    let (mut before_start, mut pair_start, mut last_start) = (0, 0, 0);
    let mut negated_whole = false;
    let mut advanced = false;
    // a setting's name ("pane-header-alignment-left"): how a part is laid out
    let mut aligned = false;
    let mut before_follow = 0;
    for part in split_name(word, buf) {
        if first && is_negating(part) {
            // "has-side-banner", "no-sidebar", "with-ads": the whole word is negated
            negated_whole = true;
        }
        // "adv" before a page element is "advanced", not an advert: Kadence Blocks'
        // `kt-adv-heading`, an `adv-search` form
        advanced |= last == "adv" && ADVANCED_PARTS.iter().any(|w| part.starts_with(w));
        aligned |= part == "align" || part == "alignment";

        // "follow-up" is what comes next (a reply, a CRM's follow-ups), not "follow us"
        if last == "follow" && (part == "up" || part == "ups") {
            h = (h & !SHARE) | (before_follow & SHARE);
        }
        if part == "follow" {
            before_follow = h;
        }
        if !prev_negating {
            let mut ph = token_hints(part);
            // the signature of a type or a member in an API's reference (Javadoc's
            // `member-signature`, `type-signature`), not a forum member's signature
            if part == "signature" && CODE_SIGNATURE_HEADS.contains(&last) {
                ph &= !BIO;
            }
            h |= ph;
        }
        prev_negating = is_negating(part);
        (before_start, pair_start, last_start) = (pair_start, last_start, compact.len());
        compact.push_str(part);
        last = part;
        first = false;
    }
    if negated_whole {
        return 0;
    }
    if advanced {
        h &= !AD;
    }
    if GATED_CONTENT_NAMES.contains(&compact.as_str()) {
        h &= !NEWSLETTER;
    }
    // a search's results, their cards and the page that holds them are a listing's
    // content, not the search box ("search-results", "searchResultsList", "searchPage",
    // "feed-search-page", "search-base-screen", "discover-search-mobile-card",
    // "c-search-grid")
    if compact.contains("search")
        && ["result", "page", "screen", "card", "grid"]
            .iter()
            .any(|w| compact.contains(w))
    {
        h &= !NAV;
    }
    if last == "page" {
        // the name of a page's template ("topics-page", "tag-page", "search-page"): what
        // the page is about, not a box on it
        return h & (NAV | HIDDEN | CONTENT | ARTICLE_BODY);
    }
    if compact.ends_with("maincanvas") {
        // the page's canvas beside an off-canvas dialog, not the dialog: Drupal core wraps
        // every page in `dialog-off-canvas-main-canvas`
        h &= !MODAL;
    }
    if is_control(last) {
        // the buttons of a carousel or a menu ("carousel-overlay-buttons", "nav-btns"),
        // not the box they move
        h &= !(NAV | MODAL);
    }
    // the alignment of a part, set on the block that holds it: Kadence Blocks' accordion
    // (`kt-pane-header-alignment-left`), tagDiv's `tdb-header-align`; or a link target's
    // room under a sticky bar, not the bar ("anchorTargetStickyNavbar",
    // "anchorWithHideOnScrollNavbar": Docusaurus's headings)
    let anchored = compact.starts_with("anchortarget") || compact.starts_with("anchorwith");
    let placed = if aligned || anchored {
        !(HEADER | FOOTER | NAV | SIDEBAR)
    } else {
        !0
    };
    if prev_negating || compact.starts_with("has") || compact.starts_with("no") {
        return h & placed;
    }
    // compounds written in parts: "article-body", "entry_content", "share-bar"
    h |= token_hints(&compact) & (ARTICLE_BODY | CONTENT | RELATED | SHARE | COMMENT | TOC);
    h |= stem_hints(&compact);
    // an article body's compound at the end of a prefixed name, when nothing else is
    // named: Elementor's `elementor-widget-theme-post-content`, `blog-post-content`,
    // `qodef-qi-post-content`
    if h & !CONTENT == 0
        && BODY_PAIR_HEADS.contains(&&compact[pair_start..last_start])
        && !OTHER_POSTS.contains(&&compact[before_start..pair_start])
        && !is_negating(&compact[before_start..pair_start])
    {
        h |= token_hints(&compact[pair_start..]) & ARTICLE_BODY;
    }
    if compact.contains("sharing") || compact.starts_with("share") {
        h |= SHARE;
    } else if compact.contains("embed") {
        // a social network's post set in the article ("social-media-embed",
        // "twitter-embed"): quoted, not a button to share the page
        h &= !SHARE;
    }
    h & placed
}

/// Whether the last part of a class word names a control (a button, an arrow, a toggle).
fn is_control(part: &str) -> bool {
    matches!(
        part,
        "btn" | "btns" | "button" | "buttons" | "arrow" | "arrows" | "dots" | "toggle" | "trigger"
    )
}

/// The hints of every stem inside `compact`, in one pass (Aho-Corasick).
fn stem_hints(compact: &str) -> Hints {
    use std::sync::LazyLock;
    static AC: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(STEMS.iter().map(|(p, _)| *p)).expect("valid patterns")
    });
    let mut h = 0;
    for m in AC.find_overlapping_iter(compact) {
        let (stem, hint) = STEMS[m.pattern().as_usize()];
        let rest = &compact[m.end()..];
        // false friends: "commentary" is content, "biology" and "bionic" are not bios
        let false_friend = match stem {
            "comment" => rest.starts_with("ary"),
            "bio" => rest.starts_with('n') || rest.starts_with('l'),
            // an edition or an editor; the text an expand link shows
            "lastedit" => rest.starts_with("ion") || rest.starts_with("or"),
            "expandlink" => rest.starts_with("content"),
            // Tapatalk's `postprofile_container postprofile_Left` wraps the thread, its
            // posts and their user panels (phpBB's `postprofile`) on the side it names
            "postprofile" => matches!(rest, "container" | "left" | "right"),
            _ => false,
        };
        // "mainContainer_noSidebar", "page-hasComments": the stem is negated
        let before = &compact[..m.start()];
        let negated = ["no", "has", "with", "without", "show"]
            .iter()
            .any(|w| before.ends_with(w));
        if !false_friend && !negated {
            h |= hint;
        }
    }
    h
}

/// Hints from the space-separated words of a class or id value. A content word on the same
/// element (`entry ... tag-news`, WordPress's post classes) outweighs boilerplate words
/// other than comments in other words.
#[cfg(test)]
pub fn name_hints(value: &str, is_class: bool) -> Hints {
    let mut buf = String::new();
    combine_words(value, |word| one_word_hints(word, is_class, &mut buf))
}

/// The hints of one word of a class or id value: a hiding class word gives only
/// [`HIDDEN`].
fn one_word_hints(word: &str, is_class: bool, buf: &mut String) -> Hints {
    if is_class && is_variant_utility(word) {
        0
    } else if is_class && hiding_class(word) {
        HIDDEN
    } else {
        word_hints(word, buf)
    }
}

/// The hints of a whole class or id value from the hints of its words: a word that names
/// content cancels the boilerplate named by the others.
fn combine_words(value: &str, mut of_word: impl FnMut(&str) -> Hints) -> Hints {
    let mut h = 0;
    let mut content_words = 0;
    let mut entry = false;
    for word in value.split_ascii_whitespace() {
        let wh = of_word(word);
        if wh & CONTENT != 0 && wh & STRONG_BOILERPLATE == 0 {
            content_words += 1;
        }
        entry |= word == "hentry";
        h |= wh;
    }
    if content_words > 0 {
        h &= !(STRONG_BOILERPLATE & !COMMENT & !HIDDEN);
    }
    if entry {
        // a hAtom entry is the post itself, not its byline: the classes WordPress and
        // Squarespace give it (`author-ann-lee`) say who wrote it
        h &= !BYLINE;
    }
    h
}

/// Splits one class word into lower-case parts at punctuation and camelCase boundaries.
fn split_name<'a>(word: &str, buf: &'a mut String) -> impl Iterator<Item = &'a str> {
    buf.clear();
    let mut prev_lower = false;
    for c in word.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower {
                buf.push(' ');
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            buf.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            buf.extend(c.to_lowercase());
            prev_lower = true;
        } else {
            buf.push(' ');
            prev_lower = false;
        }
    }
    buf.split(' ').filter(|s| !s.is_empty())
}

/// Most class and id words remembered per thread. It bounds the cache's memory (a few MB);
/// a full cache is emptied and fills again.
pub const HINT_CACHE_MAX_WORDS: usize = 32_768;

/// Longest word kept inside the cache's table itself; longer words (rare) are kept apart.
const INLINE_WORD_BYTES: usize = 27;

/// A short word stored in place, so a look-up reads no memory outside the table (a boxed
/// key costs a cache miss per look-up on a large cache).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct ShortWord {
    bytes: [u8; INLINE_WORD_BYTES],
    len: u8,
}

impl ShortWord {
    #[inline]
    fn new(word: &str) -> Option<Self> {
        let b = word.as_bytes();
        (b.len() <= INLINE_WORD_BYTES).then(|| {
            let mut bytes = [0; INLINE_WORD_BYTES];
            bytes[..b.len()].copy_from_slice(b);
            ShortWord {
                bytes,
                len: b.len() as u8,
            }
        })
    }
}

/// A bit kept beside a class word's hints in the cache: the word names an author (see
/// [`names_author_word`]). Outside the bits of [`Hints`] that mean anything.
const AUTHOR_WORD: Hints = 1 << 31;

/// Hints of class and id words already read: pages repeat the same words on many elements,
/// sites and frameworks on many pages, and reading one costs a dozen substring searches.
/// The hints of a word never change, so the cache only saves work: each thread keeps one
/// from page to page.
#[derive(Debug)]
pub struct HintCache {
    classes: WordMaps,
    ids: WordMaps,
    buf: String,
    /// Whole class values met lately, with their hints and author flag: a page repeats
    /// the same value on many elements (list items, cards), and one look-up here costs
    /// less than one per word.
    recent: Box<[RecentClass]>,
}

/// Slots of [`HintCache::recent`]: small, so that it stays in the processor's nearest
/// cache.
const RECENT_CLASSES: usize = 64;
/// Longest class value kept in [`HintCache::recent`].
const RECENT_CLASS_BYTES: usize = 62;

/// One slot of [`HintCache::recent`].
#[derive(Debug, Clone, Copy)]
struct RecentClass {
    bytes: [u8; RECENT_CLASS_BYTES],
    /// `u8::MAX` when the slot is empty.
    len: u8,
    author: bool,
    hints: Hints,
}

impl Default for RecentClass {
    fn default() -> Self {
        RecentClass {
            bytes: [0; RECENT_CLASS_BYTES],
            len: u8::MAX,
            author: false,
            hints: 0,
        }
    }
}

/// Keyed by words from the page, so the hash is seeded per process: a page cannot craft
/// words that all collide and make each look-up scan the whole cache.
#[derive(Default)]
struct WordMaps {
    short: std::collections::HashMap<ShortWord, Hints, foldhash::fast::RandomState>,
    long: std::collections::HashMap<Box<str>, Hints, foldhash::fast::RandomState>,
}

impl std::fmt::Debug for WordMaps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordMaps")
            .field("words", &(self.short.len() + self.long.len()))
            .finish()
    }
}

impl WordMaps {
    /// The cached value of `word`, else `make`'s, remembered.
    #[inline]
    fn get_or(&mut self, word: &str, make: impl FnOnce() -> Hints) -> Hints {
        if self.short.len() + self.long.len() >= HINT_CACHE_MAX_WORDS {
            self.short.clear();
            self.long.clear();
        }
        match ShortWord::new(word) {
            Some(k) => *self.short.entry(k).or_insert_with(make),
            None => {
                if let Some(&h) = self.long.get(word) {
                    return h;
                }
                let h = make();
                self.long.insert(word.into(), h);
                h
            }
        }
    }
}

impl Default for HintCache {
    fn default() -> Self {
        HintCache {
            classes: WordMaps::default(),
            ids: WordMaps::default(),
            buf: String::new(),
            recent: vec![RecentClass::default(); RECENT_CLASSES].into_boxed_slice(),
        }
    }
}

thread_local! {
    static THREAD_CACHE: std::cell::Cell<Option<HintCache>> = const { std::cell::Cell::new(None) };
}

impl HintCache {
    /// This thread's cache, taken for the length of one page's walk.
    pub fn take_thread_cache() -> Self {
        THREAD_CACHE.with(|c| c.take()).unwrap_or_default()
    }

    /// Gives the cache back to this thread for the next page.
    pub fn return_to_thread(self) {
        THREAD_CACHE.with(|c| c.set(Some(self)));
    }

    /// The hints of the words of a class or id `value` ([`combine_words`] of each word's),
    /// its words remembered.
    pub fn name(&mut self, value: &str, is_class: bool) -> Hints {
        self.name_and_author(value, is_class).0
    }

    /// The hints of the words of `value`, as [`HintCache::name`] gives them, and for a class
    /// whether a word of it names an author ([`names_author_word`]), its words remembered.
    pub fn name_and_author(&mut self, value: &str, is_class: bool) -> (Hints, bool) {
        let v = value.as_bytes();
        if !is_class || v.len() > RECENT_CLASS_BYTES || v.is_empty() {
            return self.by_words(value, is_class);
        }
        // a slot by length and the last bytes, which tell apart `item`, `item active` ...
        let slot = (v.len() * 31 + usize::from(v[v.len() - 1]) * 7 + usize::from(v[v.len() / 2]))
            % RECENT_CLASSES;
        let r = self.recent[slot];
        if usize::from(r.len) == v.len() && r.bytes[..v.len()] == *v {
            return (r.hints, r.author);
        }
        let (hints, author) = self.by_words(value, is_class);
        let mut bytes = [0; RECENT_CLASS_BYTES];
        bytes[..v.len()].copy_from_slice(v);
        self.recent[slot] = RecentClass {
            bytes,
            len: v.len() as u8,
            author,
            hints,
        };
        (hints, author)
    }

    /// [`HintCache::name_and_author`] word by word.
    fn by_words(&mut self, value: &str, is_class: bool) -> (Hints, bool) {
        let HintCache {
            classes, ids, buf, ..
        } = self;
        let map = if is_class { classes } else { ids };
        let mut author = false;
        let h = combine_words(value, |word| {
            let h = map.get_or(word, || {
                let h = one_word_hints(word, is_class, buf);
                if is_class && names_author_word(word) {
                    h | AUTHOR_WORD
                } else {
                    h
                }
            });
            author |= h & AUTHOR_WORD != 0;
            h & !AUTHOR_WORD
        });
        (h, author)
    }
}

/// Whether one class word names an author: it holds "byline" or ends in one of the
/// author names (a forum's `username` among them), in any case, or it is hCard's `fn`.
fn names_author_word(w: &str) -> bool {
    const ENDS: [&str; 9] = [
        "username",
        "author",
        "authors",
        "authorname",
        "author-name",
        "author_name",
        "author-link",
        "authorlink",
        "author__name",
    ];
    let b = w.as_bytes();
    // hCard's formatted name, as WordPress writes comment authors
    if b == b"fn" {
        return true;
    }
    b.windows(6).any(|x| x.eq_ignore_ascii_case(b"byline"))
        || ENDS.iter().any(|e| {
            b.len() >= e.len() && b[b.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes())
        })
}

/// A small, fast hash for short keys (the multiply-rotate hash of rustc's FxHasher).
#[derive(Debug, Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hints from an element's attributes, and whether its class names an author
/// ([`names_author_word`]).
pub fn element_hints(
    cache: &mut HintCache,
    class: Option<&str>,
    id: Option<&str>,
    role: Option<&str>,
    itemprop: Option<&str>,
    itemtype: Option<&str>,
) -> (Hints, bool) {
    let mut h = 0;
    let mut author = false;
    if let Some(c) = class {
        let (ch, a) = cache.name_and_author(c, true);
        h |= ch;
        author = a;
    }
    if let Some(i) = id {
        h |= cache.name(i, false) & !HIDDEN;
    }
    if let Some(r) = role {
        h |= role_hints(r);
    }
    if let Some(p) = itemprop {
        for p in p.split_ascii_whitespace() {
            match p {
                "articleBody" | "articlebody" | "reviewBody" | "text" => {
                    h |= ARTICLE_BODY | CONTENT
                }
                "comment" | "comments" => h |= COMMENT,
                "review" | "aggregateRating" => h |= REVIEW,
                "author" | "creator" | "datePublished" | "dateModified" => h |= BYLINE,
                "breadcrumb" => h |= NAV,
                "caption" => h |= CAPTION,
                // schema.org's InteractionCounter: a post's count of likes or views
                // (Discourse's "1 Like" under each post)
                "interactionStatistic" => h |= SHARE,
                _ => {}
            }
        }
    }
    if let Some(t) = itemtype {
        if t.ends_with("/Comment") || t.ends_with("/UserComments") {
            h |= COMMENT;
        } else if t.ends_with("/SiteNavigationElement") || t.ends_with("/BreadcrumbList") {
            h |= NAV;
        } else if t.ends_with("/WPFooter") {
            h |= FOOTER;
        } else if t.ends_with("/WPSideBar") {
            h |= SIDEBAR;
        } else if t.ends_with("/WPHeader") {
            h |= HEADER;
        } else if t.ends_with("/WPAdBlock") {
            h |= AD;
        }
    }
    (h, author)
}

/// Hints from the tag name alone.
pub fn tag_hints(tag: &html5ever::LocalName) -> Hints {
    match *tag {
        local_name!("nav") | local_name!("menu") => NAV,
        local_name!("footer") => FOOTER,
        local_name!("header") => HEADER,
        local_name!("aside") => SIDEBAR,
        local_name!("figcaption") => CAPTION,
        local_name!("dialog") => MODAL,
        local_name!("article") | local_name!("main") => CONTENT,
        _ => 0,
    }
}

/// Every hint with its name for reports, strongest boilerplate kind first.
const NAMES: [(Hints, &str); 23] = [
    (BIO, "author-bio"),
    (HIDDEN, "hidden"),
    (PANEL, "hidden-panel"),
    (REVIEW, "review"),
    (COOKIE, "cookie"),
    (MODAL, "modal"),
    (COMMENT, "comment"),
    (SHARE, "share"),
    (NEWSLETTER, "newsletter"),
    (AD, "ad"),
    (PROMO, "promo"),
    (RELATED, "related"),
    (NAV, "navigation"),
    (TAGS, "tags"),
    (FOOTER, "footer"),
    (SIDEBAR, "sidebar"),
    (HEADER, "header"),
    (BYLINE, "byline"),
    (CAPTION, "caption"),
    (TOC, "toc"),
    (CALLOUT, "callout"),
    (ARTICLE_BODY, "article-body"),
    (CONTENT, "content"),
];

/// A short name for the strongest boilerplate kind in `h`, for reports.
pub fn kind_name(h: Hints) -> &'static str {
    NAMES
        .iter()
        .find(|(f, _)| h & f != 0)
        .map(|(_, n)| *n)
        .unwrap_or("")
}

/// The names of every hint in `h`, strongest boilerplate kind first.
pub fn kind_names(h: Hints) -> Vec<&'static str> {
    NAMES
        .iter()
        .filter(|(f, _)| h & f != 0)
        .map(|(_, n)| *n)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_class_names() {
        assert_ne!(name_hints("article__body", true) & ARTICLE_BODY, 0);
        assert_ne!(name_hints("articleBody", true) & ARTICLE_BODY, 0);
        assert_ne!(name_hints("entry-content clearfix", true) & ARTICLE_BODY, 0);
        // a body's compound after a prefix, unless the prefix names something else
        let elementor = "elementor-widget elementor-widget-theme-post-content";
        assert_ne!(name_hints(elementor, true) & ARTICLE_BODY, 0);
        assert_ne!(name_hints("qodef-qi-post-content", true) & ARTICLE_BODY, 0);
        assert_eq!(name_hints("related-post-content", true) & ARTICLE_BODY, 0);
        assert_eq!(name_hints("sidebar-post-content", true) & ARTICLE_BODY, 0);
        assert_eq!(name_hints("content-post", true) & ARTICLE_BODY, 0);
        assert_eq!(name_hints("next-post-content", true) & ARTICLE_BODY, 0);
        assert_eq!(name_hints("blog-no-post-content", true) & ARTICLE_BODY, 0);
        assert_eq!(name_hints("hero-body-text", true) & ARTICLE_BODY, 0);
        assert_ne!(name_hints("social-share-bar", true) & SHARE, 0);
        assert_ne!(name_hints("c-comments", true) & COMMENT, 0);
        // a forum's controls and edit notes (XenForo's)
        assert_ne!(
            name_hints("bbCodeBlock-expandLink js-expandLink", true) & NAV,
            0
        );
        assert_ne!(name_hints("message-lastEdit", true) & NAV, 0);
        assert_eq!(name_hints("last-edition", true) & NAV, 0);
        assert_ne!(name_hints("site-nav", true) & NAV, 0);
        assert_ne!(name_hints("relatedArticles", true) & RELATED, 0);
        // lists of the site's other posts, but not a blog's index of them
        for other_posts in [
            "widget widget_recent_entries",
            "recent-posts",
            "latestposts-eight",
            "elementor-widget elementor-widget-posts",
        ] {
            assert_ne!(name_hints(other_posts, true) & RELATED, 0, "{other_posts}");
        }
        assert_eq!(
            name_hints("elementor-widget-archive-posts", true) & RELATED,
            0
        );
        assert_eq!(name_hints("widget widget_posts_slot", true) & RELATED, 0);
        assert_ne!(name_hints("ad-slot", true) & AD, 0);
    }

    #[test]
    fn search_results_are_not_a_search_box() {
        assert_eq!(name_hints("search-results", false) & NAV, 0);
        assert_eq!(name_hints("searchResultsList", true) & NAV, 0);
        assert_eq!(name_hints("page-searchResults", true) & NAV, 0);
        // the page of a search, its screen and its result cards
        assert_eq!(name_hints("feed-search-page", true) & NAV, 0);
        assert_eq!(name_hints("search-base-screen--filters", true) & NAV, 0);
        assert_eq!(name_hints("discover-search-mobile-card", true) & NAV, 0);
        // the grid of a shop's results (a category page's products)
        assert_eq!(name_hints("product-grid c-search-grid", true) & NAV, 0);
        assert_ne!(name_hints("search-form", true) & NAV, 0);
        assert_ne!(name_hints("header-search", true) & NAV, 0);
    }

    #[test]
    fn a_hatom_entrys_author_class_names_no_byline() {
        // Squarespace's and WordPress's post classes on a blog index's teasers
        let entry = "entry cf hentry category-news author-jennifer-charles post-type-text";
        assert_eq!(name_hints(entry, true) & BYLINE, 0);
        assert_ne!(
            name_hints("entry author-jennifer-charles", true) & BYLINE,
            0
        );
        assert_ne!(name_hints("author-box", true) & BYLINE, 0);
    }

    #[test]
    fn a_template_name_is_no_box() {
        assert_ne!(name_hints("topics", true) & TAGS, 0);
        assert_eq!(name_hints("topics-page", true) & TAGS, 0);
        assert_eq!(name_hints("related-page", true) & RELATED, 0);
        assert_ne!(name_hints("page-related", true) & RELATED, 0);
    }

    #[test]
    fn search_pages_negated_words_and_controls() {
        assert_eq!(name_hints("searchPage", true) & NAV, 0);
        assert_eq!(name_hints("has-side-banner", true), 0);
        assert_eq!(name_hints("carousel-overlay-buttons", true) & MODAL, 0);
        assert_eq!(name_hints("slider-nav-arrows", true) & NAV, 0);
        assert_ne!(name_hints("modal-overlay", true) & MODAL, 0);
    }

    #[test]
    fn drupals_page_canvas_is_no_dialog() {
        let canvas = name_hints("dialog-off-canvas-main-canvas", true);
        assert_eq!(canvas & MODAL, 0);
        assert_ne!(canvas & CONTENT, 0);
        // the off-canvas dialog itself is one
        assert_ne!(name_hints("ui-dialog-off-canvas", true) & MODAL, 0);
    }

    #[test]
    fn a_site_wide_notice_bar_is_a_notice() {
        assert_ne!(name_hints("announcement-bar gradient", true) & MODAL, 0);
        assert_ne!(name_hints("sqs-announcement-bar-dropzone", true) & MODAL, 0);
        assert_ne!(name_hints("announcementBar_cTOO", true) & MODAL, 0);
        assert_ne!(name_hints("bulletinwp-bulletin-content", true) & MODAL, 0);
        // the body's class says the page has one, not that the body is one
        assert_eq!(name_hints("header-with-promo-bar", true) & MODAL, 0);
        assert_eq!(name_hints("press-announcements", true) & MODAL, 0);
    }

    #[test]
    fn a_utility_class_under_a_variant_says_nothing() {
        // Tailwind: when a style applies, not what the element is
        assert_eq!(name_hints("print:break-inside-avoid", true), 0);
        assert_eq!(name_hints("[html.sidebar-filled_&]:bg-base", true), 0);
        assert_eq!(name_hints("lg:mr-[--sidebar-width] w-full", true), 0);
        assert_ne!(name_hints("print", true) & SHARE, 0);
        assert_ne!(name_hints("sidebar-filled", true) & SIDEBAR, 0);
    }

    #[test]
    fn an_embedded_post_is_no_share_button() {
        assert_eq!(name_hints("social-media-embed", true) & SHARE, 0);
        assert_eq!(name_hints("twitterEmbed", true) & SHARE, 0);
        assert_ne!(name_hints("social-media", true) & SHARE, 0);
        assert_ne!(name_hints("share-embed", true) & SHARE, 0);
    }

    #[test]
    fn adv_before_a_page_element_is_advanced() {
        // Kadence Blocks' advanced heading, an advanced search form
        assert_eq!(name_hints("kt-adv-heading2368_aaa829-50", true) & AD, 0);
        assert_eq!(name_hints("adv-search", true) & AD, 0);
        assert_ne!(name_hints("adv-banner", true) & AD, 0);
        assert_ne!(name_hints("box-adv", true) & AD, 0);
    }

    #[test]
    fn the_paywalled_part_of_an_article_is_no_signup_box() {
        assert_eq!(name_hints("paywall", true) & NEWSLETTER, 0);
        assert_eq!(name_hints("paywalled-content", true) & NEWSLETTER, 0);
        assert_ne!(name_hints("paywall-prompt", true) & NEWSLETTER, 0);
        assert_ne!(name_hints("paywall-message", true) & NEWSLETTER, 0);
    }

    #[test]
    fn a_negated_stem_says_nothing() {
        assert_eq!(name_hints("jslc isPaywall", true) & NEWSLETTER, 0);
        assert_eq!(name_hints("is-paywall", true) & NEWSLETTER, 0);
        assert_ne!(name_hints("paywall-prompt", true) & NEWSLETTER, 0);
        assert_ne!(name_hints("is-hidden", true) & HIDDEN, 0);
        assert_eq!(name_hints("mainContainer_noSidebar", true) & SIDEBAR, 0);
        assert_ne!(name_hints("mainSidebar", true) & SIDEBAR, 0);
    }

    #[test]
    fn a_posts_user_panel_is_a_bio() {
        assert_ne!(name_hints("message-userExtras", true) & BIO, 0);
        assert_ne!(name_hints("extraUserInfo", true) & BIO, 0);
        assert_ne!(name_hints("cAuthorPane_info", true) & BIO, 0);
        assert_ne!(name_hints("postprofile", false) & BIO, 0);
    }

    #[test]
    fn reviews_are_named_apart() {
        assert_ne!(name_hints("product-reviews", true) & REVIEW, 0);
        assert_ne!(name_hints("jdgm-rev-widg", true) & REVIEW, 0);
        assert_ne!(name_hints("tm-testimonial__content", true) & REVIEW, 0);
        assert_eq!(name_hints("preview", true) & REVIEW, 0);
    }

    #[test]
    fn promotions_are_named_apart_from_ads() {
        // a promotion is an ad on an article and a card on a page of items: its own kind
        let h = name_hints("cmp-promo-container", true);
        assert_ne!(h & PROMO, 0);
        assert_eq!(h & AD, 0);
        assert_ne!(name_hints("PagePromo", true) & PROMO, 0);
        assert_ne!(name_hints("ad-promo", true) & AD, 0);
        assert_ne!(STRONG_BOILERPLATE & PROMO, 0);
    }

    #[test]
    fn a_follow_up_is_no_follow_button() {
        assert_eq!(name_hints("follow-up__item", true) & SHARE, 0);
        assert_eq!(name_hints("follow-ups-container-53620576", true) & SHARE, 0);
        assert_ne!(name_hints("follow-us", true) & SHARE, 0);
        assert_ne!(name_hints("social-follow-up", true) & SHARE, 0);
    }

    #[test]
    fn a_table_of_contents_is_named() {
        assert_ne!(name_hints("toc", true) & TOC, 0);
        assert_ne!(name_hints("table-of-contents", true) & TOC, 0);
        assert_ne!(name_hints("ez-toc-container", true) & TOC, 0);
        assert_eq!(name_hints("tocco", true) & TOC, 0);
        for admonition in [
            "admonition note",
            "theme-admonition theme-admonition-tip alert",
            "admonitionblock warning",
        ] {
            assert_ne!(name_hints(admonition, true) & CALLOUT, 0, "{admonition}");
        }
    }

    #[test]
    fn avoids_false_friends() {
        // "header" and "shadow" contain "ad" but are not ads; "canvas" contains "nav".
        assert_eq!(name_hints("header shadow canvas", true) & (AD | NAV), 0);
        assert_eq!(
            name_hints("has-comments no-sidebar", true) & (COMMENT | SIDEBAR),
            0
        );
        assert_eq!(name_hints("hidden-xs", true) & HIDDEN, 0);
        assert_ne!(name_hints("sr-only", true) & HIDDEN, 0);
        assert_ne!(
            name_hints("hero-form-success-message w-form-done", true) & HIDDEN,
            0
        );
        // platforms' names: Gravity Forms' trap field, Yahoo's mark of no content,
        // MediaWiki's print-only footer, skip links and categories, phpBB's user panel,
        // a forum's signature, a post's reading time
        for (name, is_class, hint) in [
            (
                "gfield gfield--type-honeypot gform_validation_container",
                true,
                HIDDEN,
            ),
            ("jetpack-slideshow-noscript robots-nocontent", true, HIDDEN),
            ("printfooter", true, HIDDEN),
            ("mw-jump-link", true, NAV),
            ("anchor-nav", true, NAV),
            ("catlinks", false, TAGS),
            ("mw-normal-catlinks", true, TAGS),
            ("postprofile", true, BIO),
            ("signature", true, BIO),
            ("message-signature", true, BIO),
            ("site-header header-left", true, HEADER),
            ("estimated-read-time", true, BYLINE),
            ("rt-reading-time", true, BYLINE),
        ] {
            assert_ne!(name_hints(name, is_class) & hint, 0, "{name}");
        }
        // and their false friends: Tapatalk's wrapper of a thread and its post body,
        // Sphinx's and Javadoc's signatures of a function, the alignment of an accordion's
        // headers (Kadence Blocks) or of a sidebar, Docusaurus's headings (a link target's
        // room under the sticky navbar)
        for (name, hint) in [
            ("postprofile_container postprofile_Left", BIO),
            ("pb2  postcontentheight_sig", BIO),
            ("sig sig-object py", BIO),
            ("member-signature", BIO),
            ("type-signature", BIO),
            ("methodSignature", BIO),
            ("kt-accordion-block kt-pane-header-alignment-left", HEADER),
            ("anchor anchorTargetStickyNavbar_Vzrq", NAV),
            ("anchorWithHideOnScrollNavbar_WYt5", NAV),
            ("anchor-target-sticky-navbar", NAV),
            ("sidebar-align-left", SIDEBAR),
        ] {
            assert_eq!(name_hints(name, true) & hint, 0, "{name}");
        }
        assert_eq!(name_hints("commentary", true) & COMMENT, 0);
        // WordPress post classes name tags and authors of a post, not boilerplate
        let wp = name_hints(
            "entry author-sarah post type-post tag-jobs category-news",
            true,
        );
        assert_eq!(wp & STRONG_BOILERPLATE, 0);
        assert_ne!(wp & CONTENT, 0);
    }

    #[test]
    fn reads_roles_and_itemprops() {
        assert_eq!(
            element_hints(
                &mut HintCache::default(),
                None,
                None,
                Some("navigation"),
                None,
                None
            )
            .0,
            NAV
        );
        let itemprop =
            |p| element_hints(&mut HintCache::default(), None, None, None, Some(p), None).0;
        assert_ne!(itemprop("articleBody") & ARTICLE_BODY, 0);
        // a post's count of likes (Discourse's "1 Like")
        assert_ne!(itemprop("interactionStatistic") & SHARE, 0);
        assert_ne!(
            element_hints(
                &mut HintCache::default(),
                None,
                None,
                None,
                None,
                Some("https://schema.org/Comment")
            )
            .0 & COMMENT,
            0
        );
        // the cache gives what reading the words gives, whatever the order of look-ups
        let values = [
            "nav",
            "nav-item active",
            "share",
            "article-body",
            "has-comments no-sidebar",
            "byline",
            "entry-content clearfix",
            "a-class-value-longer-than-the-sixty-two-bytes-the-recent-slots-hold",
        ];
        let mut cache = HintCache::default();
        for round in 0..50 {
            for (i, v) in values.iter().enumerate() {
                let v = if (round + i) % 3 == 0 {
                    format!("{v} x{round}")
                } else {
                    v.to_string()
                };
                assert_eq!(cache.name(&v, true), name_hints(&v, true), "{v}");
            }
        }
        assert_eq!(kind_name(COMMENT | CONTENT), "comment");
        // the class names an author; the id does not count
        let mut cache = HintCache::default();
        for _ in 0..2 {
            let by = |c: &mut HintCache, class, id| element_hints(c, class, id, None, None, None);
            assert!(by(&mut cache, Some("meta Post-Byline-x"), None).1);
            assert!(by(&mut cache, Some("vcard fn"), None).1);
            assert!(by(&mut cache, Some("c-article__author_name"), None).1);
            // a forum's poster (XenForo, phpBB, vBulletin)
            assert!(by(&mut cache, Some("username "), None).1);
            assert!(!by(&mut cache, Some("authority"), Some("author")).1);
            assert!(!by(&mut cache, None, None).1);
            // the private bit never leaks into the hints
            assert_eq!(by(&mut cache, Some("byline"), None).0 & AUTHOR_WORD, 0);
        }
        assert_eq!(kind_names(COMMENT | NAV), ["comment", "navigation"]);
        assert!(kind_names(0).is_empty());
    }
}
