//! The words that mark boilerplate by what a block says: stock phrases, the headings that
//! open a reading list, sign-up boxes, photo credits; each a named table.

use crate::block::{Block, BlockKind};

/// Longest text (bytes) that may be a stock phrase: the longest, Stack Exchange's notice
/// under its answer box, has some 120; a paragraph is not lower-cased to find out.
const STOCK_PHRASE_MAX_BYTES: usize = 200;

/// Stock phrases that are boilerplate wherever they stand, compared lower-cased.
pub(crate) fn is_stock_phrase(text: &str) -> bool {
    let trimmed = text.trim();
    if trimmed.trim_end_matches([':', '.', '…']).len() > STOCK_PHRASE_MAX_BYTES {
        return false;
    }
    if is_post_position(trimmed) {
        return true;
    }
    let lower = trimmed.to_lowercase();
    if is_member_stat(&lower) {
        return true;
    }
    let t = lower.trim_end_matches([':', '.', '…']);
    if t == "loading" {
        // a list's loading line, not a manual's section on loading
        return text.trim_end().ends_with(['.', '…']);
    }
    matches!(
        t,
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
            // a page's controls: a shop's buttons and sorting, a list's loading line, a
            // thread's reply button
            | "add to cart"
            | "add to bag"
            | "add to basket"
            | "sort by"
            | "view all"
            | "reply"
            // a Q&A page's answer box and its calls to ask (Stack Exchange's sites)
            | "your answer"
            | "post your answer"
            | "ask question"
            | "start asking to get answers"
            | "find the answer to your question by asking"
            | "you must log in to answer this question"
    ) || t.starts_with("by clicking “post your answer”")
        || t.starts_with("by clicking \"post your answer\"")
}

/// Longest control label (bytes): "Recently viewed" has 15.
const CONTROL_LABEL_MAX_BYTES: usize = 16;

/// A page's buttons and badges standing alone, lower-cased: boilerplate as a line of their
/// own, but a heading of them may open a section of the page's own ("Contact us" over an
/// address, "Sign up" over a tutorial's steps).
pub(super) fn is_control_label(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches([':', '.', '…', '›', '»', '→'])
        .trim_end();
    if t.len() > CONTROL_LABEL_MAX_BYTES {
        return false;
    }
    matches!(
        t.to_lowercase().as_str(),
        "contact us"
            | "apply now"
            | "sign up"
            | "filters"
            | "quantity"
            | "new arrival"
            | "best seller"
            | "top rated"
            | "recently viewed"
    )
}

/// Labels of a forum member's counts and join date beside each post, lower-cased.
const MEMBER_STATS: &[&str] = &[
    "posts:",
    "messages:",
    "beiträge:",
    "reaction score:",
    "trophy points:",
    "join date:",
    "joined:",
    "registriert seit:",
    "mitglied seit:",
];
/// Longest value of such a line ("Aug 2008", "30,456", "12. März 2015").
const MEMBER_STAT_VALUE_CHARS: usize = 16;
/// Longest such line (bytes): the longest label and value, with room for spaces.
const MEMBER_STAT_MAX_BYTES: usize = 40;

/// Whether `lower`, a trimmed line lower-cased, is a forum member's count or join date, as
/// the user panel beside each post shows it ("Posts: 1,077", "Join Date: Aug 2008":
/// vBulletin's postbit, XenForo's and phpBB's user panels): a label of [`MEMBER_STATS`] and
/// a short value with a digit.
fn is_member_stat(lower: &str) -> bool {
    if lower.len() > MEMBER_STAT_MAX_BYTES {
        return false;
    }
    MEMBER_STATS.iter().any(|label| {
        lower.strip_prefix(label).is_some_and(|v| {
            let v = v.trim();
            !v.is_empty()
                && v.chars().count() <= MEMBER_STAT_VALUE_CHARS
                && v.bytes().any(|b| b.is_ascii_digit())
        })
    })
}

/// Whether `text` is only a post's number in its thread and the dot that parts it from
/// the post's date ("#12 ·"), as VerticalScope's forum themes write it. A bare "#12" may
/// be a rank in a chart.
fn is_post_position(text: &str) -> bool {
    let Some(t) = text.trim().strip_suffix(['·', '•']) else {
        return false;
    };
    t.trim_end().strip_prefix('#').is_some_and(|n| {
        !n.is_empty() && n.len() <= POST_NUMBER_MAX_DIGITS && n.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Most digits of a post's number in its thread.
const POST_NUMBER_MAX_DIGITS: usize = 6;

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
    // a shop's recommendation carousels
    "people who viewed",
    "people who bought",
    "people also",
    "customers who viewed",
    "customers who bought",
    "customers also",
    "frequently bought together",
    "similar items",
    "similar products",
    "explore related",
    "sponsored items",
    "ähnliche produkte",
    "kunden kauften auch",
    "produits similaires",
    "vous aimerez aussi",
    "productos relacionados",
    "prodotti correlati",
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
/// Longest block (in characters) read as an end marker.
const END_MARKER_MAX_CHARS: u32 = 60;

/// Whether a block opens the reading list after an article: short, not a list of links
/// (link density under `linky_density`), and opening with an end marker.
pub(super) fn is_end_marker(b: &Block, linky_density: f32) -> bool {
    if b.stats.chars > END_MARKER_MAX_CHARS || b.link_density() >= linky_density {
        return false;
    }
    let t = b.text.trim().to_lowercase();
    if !matches!(b.kind, BlockKind::Heading(_)) && is_expand_button(&t) {
        // "Read more" alone on a button unfolds the rest of the text; as a heading it
        // opens a reading list
        return false;
    }
    END_MARKERS.iter().any(|m| t.starts_with(m))
}

/// Whether a lower-cased text is a button that unfolds more of the text.
fn is_expand_button(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| !c.is_alphanumeric());
    matches!(t, "read more" | "show more" | "see more" | "more")
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
pub(super) const SIGNUP_BOX_MAX_BLOCKS: u32 = 5;

/// Whether a block is the title of a sign-up box.
pub(super) fn is_signup_title(b: &Block) -> bool {
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
pub(super) fn is_credit_line(b: &Block) -> bool {
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
    MARKS.is_match(&*b.text)
}

/// Words that, beside "cookie", make a dialog's text a cookie notice.
const COOKIE_NOTICE_WORDS: &[&str] = &[
    "consent",
    "necessary",
    "preferences",
    "third part",
    "third-part",
    "accept",
    "opt out",
    "opt-out",
    "we use",
    "privacy",
    "website",
    "browser",
    "track",
];

/// Whether a block in a dialog is a cookie notice's text ("These cookies allow a website to
/// remember choices you have made..."): a consent manager's dialog (OneTrust, Cookiebot,
/// Ensighten) is often named only as a modal, and on a page of little prose its paragraphs
/// outweigh the page's own.
pub(super) fn is_cookie_notice(b: &Block) -> bool {
    use std::sync::LazyLock;
    // ASCII case folding: no lower-cased copy of each block of a dialog, for every score
    fn folded(words: &[&str]) -> aho_corasick::AhoCorasick {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(words)
            .expect("valid patterns")
    }
    static COOKIE: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| folded(&["cookie"]));
    static WORDS: LazyLock<aho_corasick::AhoCorasick> =
        LazyLock::new(|| folded(COOKIE_NOTICE_WORDS));
    b.hints & crate::hints::MODAL != 0 && COOKIE.is_match(&*b.text) && WORDS.is_match(&*b.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_controls_are_stock_phrases_a_sentence_with_them_is_not() {
        for control in ["Add to cart", "Sort by:", "Loading...", "View all", "Reply"] {
            assert!(is_stock_phrase(control), "{control}");
        }
        assert!(!is_stock_phrase("Reply to the council by Friday."));
        assert!(!is_stock_phrase("Loading"));
        assert!(!is_stock_phrase("Add to cart only what you need"));
    }

    #[test]
    fn a_control_standing_alone_is_a_label_a_line_that_says_more_is_not() {
        for line in [
            "Contact us",
            "Apply now ›",
            "Sign up.",
            "Quantity:",
            "Recently viewed",
            "Top Rated",
        ] {
            assert!(is_control_label(line), "{line}");
        }
        for line in [
            "Contact us for a quote",
            "Sign up for the trip by May",
            "Quantity: 2",
            "Sign up to the newsletter and our weekly digest of the best stories",
        ] {
            assert!(!is_control_label(line), "{line}");
        }
    }

    #[test]
    fn a_qa_pages_answer_box_a_posts_number_and_its_authors_counts_are_stock_phrases() {
        for line in [
            "Your Answer",
            "Start asking to get answers",
            "Find the answer to your question by asking.",
            "By clicking “Post Your Answer”, you agree to our terms of service and acknowledge you have read our privacy policy.",
            "By clicking \"Post Your Answer\", you agree to our terms of service, privacy policy and cookie policy",
            "#12 ·",
            "#3 •",
            "Posts: 30,456",
            "Join Date: Aug 2008",
            "Beiträge: 1.234",
        ] {
            assert!(is_stock_phrase(line), "{line}");
        }
        // a rank in a chart, a heading that asks
        for line in [
            "#1",
            "#12 · Jan 3",
            "Your answer to the council",
            "# ·",
            "Posts: none yet",
            // a paragraph that opens with the notice's words is longer than any phrase
            &format!(
                "By clicking “Post Your Answer”, {}",
                "you agree to it. ".repeat(12)
            ),
            "Joined: the council and the mayor agreed in 2019 to extend the line",
        ] {
            assert!(!is_stock_phrase(line), "{line}");
        }
    }
}
