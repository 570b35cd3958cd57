//! Labelling blocks as main content or boilerplate: block features, the container that holds
//! the article, hints on the way down to each block, and the labels of its neighbours.

mod around;
mod confidence;
mod container;
mod ingredients;
mod label;
mod phrases;
mod region;
mod table_rows;
mod weights;

pub(crate) use confidence::confidence;
pub(crate) use ingredients::join_ingredients;
pub(crate) use phrases::is_stock_phrase;
pub use weights::Weights;

use crate::block::Prefix;
use crate::block::{Block, BlockKind, Elem};
use crate::hints::Hints;
use crate::text::normalize_space;

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
    /// Inside a subtree whose names mark boilerplate of the given kinds (the strongest
    /// names it).
    Hinted(Hints),
    /// A caption (kept only when asked).
    Caption,
    /// Mostly link text.
    LinkList,
    /// Short text at the edge of the article (bylines, dates, buttons).
    ShortEdge,
    /// A stock boilerplate phrase ("Advertisement").
    StockPhrase,
    /// The same text as a block kept before it (a page's copy for small screens, an
    /// accordion's answer written twice).
    Duplicate,
    /// Data written into the page as text, outside a code block (a JSON object, a run of
    /// identifiers).
    Data,
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
            Label::Hinted(h) => crate::hints::kind_name(h),
            Label::Caption => "caption",
            Label::LinkList => "link-list",
            Label::ShortEdge => "short-edge",
            Label::StockPhrase => "stock-phrase",
            Label::Duplicate => "duplicate",
            Label::Data => "data",
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
            Label::Duplicate => "the same text as a block kept before it",
            Label::Data => "data written into the page as text (a JSON object, identifiers)",
        }
    }
}

/// What the extractor's options ask of the classifier.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Options {
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
    /// The block of the page's headline, when the page shows it as a heading in or
    /// just above the article ([`Label::Title`]).
    pub headline: Option<u32>,
}

/// What every phase of the classification reads: the page's elements and blocks, the hints
/// that count on this page, the title, the options and the weights.
#[derive(Clone, Copy)]
struct Page<'a> {
    elems: &'a [Elem],
    blocks: &'a [Block],
    /// The links without text (the walk's [`crate::walk::Page::bare_links`]).
    bare_links: &'a [u32],
    /// Each element's own hints, less those that say nothing on this page.
    effective: &'a [Hints],
    /// The page's title, whitespace collapsed and lower-cased: its heading is dropped.
    title: Option<&'a str>,
    options: &'a Options,
    weights: &'a Weights,
}

/// Labels every block of a page. `bare_links` are its links without text, in order;
/// `title` is the page's title, whose heading is dropped from the text.
pub(crate) fn classify(
    elems: &[Elem],
    blocks: &[Block],
    bare_links: &[u32],
    title: Option<&str>,
    options: &Options,
    weights: &Weights,
) -> Verdict {
    let n = blocks.len();
    if n == 0 || elems.is_empty() {
        return Verdict {
            labels: vec![Label::OutsideArticle; n],
            scores: vec![0.0; n],
            container: 0,
            fallback: false,
            headline: None,
        };
    }
    let w = weights;
    // code is not prose here: a column of samples named as a sidebar keeps its name
    let prose = Prefix::of(blocks.iter().map(|b| {
        if w.is_prose(b) && b.kind != BlockKind::Code {
            b.stats.weighted_len()
        } else {
            0.0
        }
    }));
    let effective = container::effective_hints(elems, blocks, &prose, w);
    let inherited = container::inherited_hints(elems, &effective);
    let scores: Vec<f32> = blocks
        .iter()
        .map(|b| {
            let boiler = inherited[b.elem as usize] & container::BOILER_MASK != 0;
            container::block_score(b, boiler, w)
        })
        .collect();
    let title = title.map(|t| normalize_space(t).to_lowercase());
    let page = Page {
        elems,
        blocks,
        bare_links,
        effective: &effective,
        title: title.as_deref(),
        options,
        weights,
    };
    let container_scores: Vec<f32> = blocks
        .iter()
        .zip(&scores)
        .map(|(b, &s)| container::section_title_score(b, s, w))
        .collect();
    let (best, argmax) = container::container(&page, &container_scores, &prose);
    let labelled = container::label_hints(elems, blocks, &prose, &effective, w);
    let page = Page {
        effective: &labelled,
        ..page
    };

    let mut labels = vec![Label::OutsideArticle; n];
    let c = &elems[best as usize];
    label::label_range(
        &page,
        best,
        c.blocks.0 as usize..c.blocks.1 as usize,
        &mut labels,
    );
    around::join_siblings(&page, best, argmax, &scores, &mut labels);
    around::take_lead(&page, best, &inherited, &mut labels);
    let mut container = best;
    if w.wide_regions || kept_len(&labels, blocks) < w.min_article_len {
        if let Some(region) = region::widen(&page, &inherited, best, &mut labels) {
            container = region;
        }
    }
    let fallback = fall_back(&page, prose.total(), &mut labels);
    table_rows::keep_table_rows(elems, blocks, &mut labels);
    drop_duplicates(elems, blocks, &mut labels);
    let headline = around::find_headline(&page, &inherited, &mut labels);
    Verdict {
        labels,
        scores,
        container,
        fallback,
        headline,
    }
}

/// Shortest text (in characters) whose second copy among the kept blocks is dropped:
/// a short line ("Reply", a price, a table's cell) may well repeat.
pub const DUPLICATE_MIN_CHARS: u32 = 80;

/// Labels [`Label::Duplicate`] the kept paragraphs, list items and headings whose text, of
/// [`DUPLICATE_MIN_CHARS`] or more, a block kept before them already holds in another
/// part of the page (a copy near its original, under one grandparent, is the text's own:
/// a refrain, a repeated notice).
fn drop_duplicates(elems: &[Elem], blocks: &[Block], labels: &mut [Label]) {
    let parent = |b: &Block| {
        let p = elems[b.elem as usize].parent;
        elems[p as usize].parent
    };
    let mut seen: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for (b, l) in blocks.iter().zip(labels.iter_mut()) {
        if !(l.is_content()
            && matches!(
                b.kind,
                BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Heading(_)
            )
            && b.stats.chars >= DUPLICATE_MIN_CHARS)
        {
            continue;
        }
        match seen.get(&*b.text) {
            Some(&p) if p != parent(b) => *l = Label::Duplicate,
            Some(_) => {}
            None => {
                seen.insert(&b.text, parent(b));
            }
        }
    }
}

/// The weighted length of the blocks labelled content.
fn kept_len(labels: &[Label], blocks: &[Block]) -> f32 {
    labels
        .iter()
        .zip(blocks)
        .filter(|(l, _)| l.is_content())
        .map(|(_, b)| b.stats.weighted_len())
        .sum()
}

/// The fallback, when the container holds too little of the page's prose: the whole page
/// is labelled as one container, and that replaces the labels when it keeps clearly more.
/// Returns whether it did.
fn fall_back(page: &Page, total_prose: f32, labels: &mut Vec<Label>) -> bool {
    let w = page.weights;
    let kept = kept_len(labels, page.blocks);
    if kept >= w.min_article_len || total_prose <= kept * w.fallback_min_page_ratio {
        return false;
    }
    let n = page.blocks.len();
    let mut alt = vec![Label::OutsideArticle; n];
    label::label_range(page, 0, 0..n, &mut alt);
    if kept_len(&alt, page.blocks) > kept * w.fallback_min_gain {
        *labels = alt;
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;
    use crate::limits::Limits;
    use crate::page_type::PageType;
    use crate::walk::walk;

    const P1: &str = "The council voted on Tuesday to extend the tram line to the northern suburbs, a project that has been debated for more than a decade.";
    const P2: &str = "Construction is expected to start next spring, and the first trams could run on the new tracks by the end of the following year.";
    const P3: &str = "Opponents argued that the money would be better spent on buses, which can serve more neighbourhoods for the same price.";

    fn labels(html: &str, title: Option<&str>) -> Vec<(String, Label)> {
        labels_as(html, title, &Weights::default())
    }

    /// The walked page and its verdict with `weights`.
    fn verdict(html: &str, title: Option<&str>, weights: &Weights) -> (crate::walk::Page, Verdict) {
        let page = walk(
            &parse(html, usize::MAX, None),
            &Limits::default(),
            None,
            false,
        );
        let v = classify(
            &page.elems,
            &page.blocks,
            &page.bare_links,
            title,
            &Options::default(),
            weights,
        );
        (page, v)
    }

    /// The labels with the weights of one page type.
    fn labels_as(html: &str, title: Option<&str>, weights: &Weights) -> Vec<(String, Label)> {
        let (page, v) = verdict(html, title, weights);
        page.blocks
            .iter()
            .zip(v.labels)
            .map(|(b, l)| (b.text.to_string(), l))
            .collect()
    }

    /// The texts of the blocks labelled content.
    fn content(labels: Vec<(String, Label)>) -> Vec<String> {
        labels
            .into_iter()
            .filter(|(_, l)| l.is_content())
            .map(|(t, _)| t)
            .collect()
    }

    fn kept(html: &str, title: Option<&str>) -> Vec<String> {
        content(labels(html, title))
    }

    /// What is kept with the weights of page type `t`.
    fn kept_as(html: &str, t: PageType) -> Vec<String> {
        content(labels_as(html, None, &Weights::default().for_page_type(t)))
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
    fn the_first_term_of_a_reference_leads_into_its_definition() {
        // Sphinx's autodoc: the first signature opens the article
        let html = format!(
            "<body><div class=related><a href=/>index</a> | <a href=/m>modules</a></div>
             <div class=body><h1>Working With Safe Text</h1><dl class='py function'>
             <dt class='sig sig-object py'>markupsafe.escape(s, /)</dt><dd><p>{P1}</p><p>{P2}</p></dd></dl>
             <dl class='py class'><dt class='sig sig-object py'>class markupsafe.Markup(object='')</dt>
             <dd><p>{P3}</p></dd></dl></div><div class=footer>&copy; Pallets.</div></body>"
        );
        let k = kept(&html, Some("Working With Safe Text"));
        assert_eq!(k[0], "markupsafe.escape(s, /)", "{k:?}");
        assert!(k.iter().any(|t| t == P3));
        // a fact's term two lines above the prose is no lead-in
        let facts = html.replace(
            "<dt class='sig sig-object py'>markupsafe.escape(s, /)</dt><dd>",
            "<dt>Joined</dt><dd>2012</dd><dd>",
        );
        assert!(!kept(&facts, Some("Working With Safe Text")).contains(&"Joined".to_string()));
    }

    #[test]
    fn a_definition_is_no_container_without_its_term() {
        // Sphinx's autodoc with the Read the Docs theme: a class's reference is one <dd>
        let html = format!(
            "<body><nav class=wy-nav-side><a href=/>Home</a></nav><div role=main class=document>
             <h1>Nextion documentation</h1><p>To talk to the display from MicroPython.</p>
             <dl class='py class'><dt class='sig sig-object py'>class Nextion(baudrate, tx=10)</dt>
             <dd><p>{P1}</p><p>{P2}</p><p>{P3}</p></dd></dl></div></body>"
        );
        let k = kept_as(&html, PageType::Documentation);
        assert!(
            k.contains(&"class Nextion(baudrate, tx=10)".to_string()),
            "{k:?}"
        );
        assert!(k.contains(&P3.to_string()));
    }

    #[test]
    fn a_disclosure_named_a_dropdown_is_no_menu() {
        // sphinx-design's dropdown holding a tutorial's answer
        let answer = "In the specified version, underflow causes a revert, and the require statement forces it, so no path is left to check.";
        let html = format!(
            "<body><nav class=menu><a href=/>Home</a><a href=/a>Lessons</a></nav><main><h1>Vacuity</h1>
             <p>{P1}</p><p>{P2}</p><p>Do you understand why this rule is vacuous?</p>
             <details class='sd-sphinx-override sd-dropdown sd-card'><summary>Answer</summary>
             <div class=sd-card-body><p>{answer}</p></div></details><p>{P3}</p></main></body>"
        );
        assert!(kept(&html, None).iter().any(|t| t == answer));
        assert!(!kept(&html, None).iter().any(|t| t.contains("Lessons")));
        // a menu in a disclosure named a menu is still one
        let menu = html.replace(
            "<nav class=menu><a href=/>Home</a><a href=/a>Lessons</a></nav>",
            "<details class=menu><summary>Menu</summary><p>Courses and their lessons</p></details>",
        );
        assert!(!kept(&menu, None).iter().any(|t| t.contains("Courses")));
    }

    #[test]
    fn a_documents_short_introduction_under_its_title_joins_the_section_below() {
        // Sphinx's shape: the page's section holds its title, a short introduction and a
        // subsection with most of the text, which becomes the container
        let intro = "This part of the documentation covers all the interfaces.";
        let page = |before: &str| {
            format!(
                "<body><div class=related><a href=/>Docs</a> &raquo; <a href=/api>API</a></div>
                 <div class=body><section><h1>Developer Interface</h1>{before}<p>{intro}</p>
                 <section><h2>Main Interface</h2><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P1}</p>
                 <p>{P2}</p><p>{P3}</p></section></section></div>
                 <div class=footer>&copy; The authors. Powered by Sphinx.</div></body>"
            )
        };
        let docs = kept_as(&page(""), PageType::Documentation);
        assert_eq!(docs[0], intro);
        assert!(docs.iter().any(|t| t == P3));
        // an article's weights keep to the longer leads, and a line with no heading
        // above it (a version banner before the title) is no introduction
        assert!(!kept_as(&page(""), PageType::Article).contains(&intro.to_string()));
        let banner = "<p>This page describes the stable version. See the latest docs.</p></section><section>";
        let docs = kept_as(
            &page("").replace("<section><h1>", &format!("<section>{banner}<h1>")),
            PageType::Documentation,
        );
        assert!(!docs.iter().any(|t| t.starts_with("This page describes")));
        // with no heading above it, a short line before the container is no introduction
        let untitled = page("").replace("<h1>Developer Interface</h1>", "");
        assert!(!kept_as(&untitled, PageType::Documentation).contains(&intro.to_string()));
    }

    #[test]
    fn tag_links_above_the_body_open_no_reading_list() {
        // "More on this:" and the story's tags stand at the top of the body's section
        let body = format!(
            "<div class=body><p>More on this:</p><p><a href=/t/1>Transport</a> &gt; <a href=/t/2>City council</a> &gt;
             <a href=/t/3>Northern suburbs</a> &gt; <a href=/t/4>Public transport</a></p>
             <p>{P1}</p><p>{P2}</p><p>{P3}</p></div>"
        );
        let html = format!("<body><article><h1>Trams</h1>{body}</article></body>");
        let kept = kept(&html, Some("Trams"));
        assert!(
            kept.ends_with(&[P1.to_string(), P2.to_string(), P3.to_string()]),
            "{kept:?}"
        );
        // teasers, each in its card after its linked title, are a reading list
        let card =
            |t: &str| format!("<div class=card><h3><a href=/s>{t}</a></h3><p>{P3}</p></div>");
        let html = format!(
            "<body><article><h1>Trams</h1><p>{P1}</p><p>{P2}</p>
             <section><h2>More on this</h2>{}{}</section></article></body>",
            card("Buses come back to the city centre"),
            card("Bike lanes for every bridge")
        );
        assert_eq!(self::kept(&html, Some("Trams")), [P1, P2]);
    }

    #[test]
    fn section_titles_do_not_choose_the_container() {
        // a FAQ whose long questions outweigh the short description: counted as prose,
        // the questions took the container from the page's <main> to the FAQ
        let faq: String = (1..=16)
            .map(|i| {
                format!(
                    "<div><h3>Which size of trail pack should I buy for trip number {i}?</h3>
                     <p>See the guide.</p></div>"
                )
            })
            .collect();
        let html = format!(
            "<body><main><h1>Trail packs</h1><div class=intro><p>{P1}</p></div>
             <section class=faq><h2>Questions</h2>{faq}</section></main></body>"
        );
        let (page, v) = verdict(&html, Some("Trail packs"), &Weights::default());
        let intro = page.blocks.iter().position(|b| &*b.text == P1).unwrap() as u32;
        let c = &page.elems[v.container as usize];
        assert!(c.blocks.0 <= intro && intro < c.blocks.1, "{:?}", c.tag);
    }

    #[test]
    fn an_ad_slot_name_on_every_section_is_no_ad() {
        // each section of the article wears the name of the slot an ad may go in; a real
        // ad between them is still dropped
        let html = format!(
            "<body><article><h1>Trams</h1>
             <section class='report__section report__section--ads'><h2>Plan</h2><p>{P1}</p></section>
             <div class='ad'><p>Buy a new car today at the best price in town, with free delivery.</p></div>
             <section class='report__section report__section--ads'><h2>Cost</h2><p>{P2}</p><p>{P3}</p></section>
             </article></body>"
        );
        assert_eq!(kept(&html, Some("Trams")), ["Plan", P1, "Cost", P2, P3]);
        // one section named so, beside the article, stays an ad
        let html = format!(
            "<body><article><h1>Trams</h1><p>{P1}</p><p>{P2}</p></article>
             <section class='report__section--ads'><p>{P3}</p></section></body>"
        );
        assert_eq!(kept(&html, Some("Trams")), [P1, P2]);
    }

    #[test]
    fn a_tag_style_on_every_paragraph_is_no_tag_list() {
        // a CSS-in-JS style named for the paragraph tag, on each paragraph of the article
        // (Minute Media's sites); the tag list after it is still dropped
        let style = "tagStyle_z4kqwb-o_O-style_1tcxgp3";
        let html = format!(
            "<body><article><h1>Trams</h1>
             <p class={style}>{P1}</p><p class={style}>{P2}</p><p class={style}>{P3}</p>
             <ul class=tags><li><a href=/t/trams>Trams</a></li><li><a href=/t/city>City</a></li></ul>
             </article></body>"
        );
        assert_eq!(kept(&html, Some("Trams")), [P1, P2, P3]);
        // a wrapper named like a tag list does not hide the ad slots' names inside it
        let html = format!(
            "<body><div class=tags><article><h1>Trams</h1>
             <section class='report__section report__section--ads'><h2>Plan</h2><p>{P1}</p></section>
             <section class='report__section report__section--ads'><h2>Cost</h2><p>{P2}</p><p>{P3}</p></section>
             </article></div></body>"
        );
        assert_eq!(kept(&html, Some("Trams")), ["Plan", P1, "Cost", P2, P3]);
    }

    #[test]
    fn a_section_named_for_jump_links_is_content_and_the_menu_goes() {
        // the menu of links to the page's sections, and the sections it leads to, named
        // after it (`jumplinks-section`): the menu goes as a list of links, the sections stay
        let html = format!(
            "<body><article><h1>Trams</h1><ul class=jumplinks><li><a href='#s1'>Plan</a></li>\
             <li><a href='#s2'>Cost</a></li></ul>\
             <section class=jumplinks-section id=s1><h2>Plan</h2><p>{P1}</p><p>{P2}</p></section>\
             <section class=jumplinks-section id=s2><h2>Cost</h2><p>{P3}</p></section>\
             </article></body>"
        );
        assert_eq!(kept(&html, Some("Trams")), ["Plan", P1, P2, "Cost", P3]);
    }

    #[test]
    fn a_section_with_a_table_of_contents_joins_the_article() {
        // the article in sections between ad slots; the second holds, after its paragraph, a
        // box of links to its own headings, which weighed against it as a menu does
        let toc: String = [
            "where", "when", "cost", "buses", "vote", "more", "plans", "next",
        ]
        .iter()
        .map(|a| format!("<a href='#{a}'>What the council said about the {a} of the line</a><br>"))
        .collect();
        let ad = "<div class=ad><p>Advertisement</p></div>";
        let body = format!("<p>{P1}</p><p>{P3}</p>").repeat(30);
        let html = format!(
            "<body><article><h1>Trams</h1>
             <div class=row><p>{P1} {P2}</p><p>{P3}</p></div>{ad}
             <div class=row><p>{P3} {P2}</p><div class=box><b>In this article:</b><br>{toc}</div></div>{ad}
             <div class=row>{body}</div>
             </article></body>"
        );
        let kept = kept(&html, Some("Trams"));
        assert!(kept.contains(&format!("{P3} {P2}")), "{kept:?}");
        assert!(!kept.iter().any(|t| t.contains("council said")), "{kept:?}");
    }

    #[test]
    fn a_headings_header_class_names_the_heading() {
        // Substack writes `header-anchor-post` on every heading of a post
        let html = format!(
            "<body><article><h1>Trams</h1><p>{P1}</p>
             <h3 class=header-anchor-post>Who the plan is for</h3><p>It is written for:</p>
             <ul><li>Riders who commute</li><li>Shops on the line</li></ul><p>{P2}</p><p>{P3}</p>
             </article></body>"
        );
        assert_eq!(
            kept(&html, Some("Trams"))[..3],
            [P1, "Who the plan is for", "It is written for:"]
        );
    }

    #[test]
    fn a_prose_paragraph_after_a_paragraph_container_joins_it() {
        // the share bar under the post outweighs the short last paragraph, so the first
        // paragraph alone scores highest: Readability's sibling rule joins the next one
        let share = "<p>Click to share on Twitter (opens in a new window)</p>".repeat(10);
        let html = format!(
            "<body><div class=post><p>{P1} {P2}</p><p>{P3}</p>
             <div class=sharedaddy>{share}</div></div></body>"
        );
        let with = |on: bool| {
            let w = Weights {
                join_sibling_paragraphs: on,
                ..Weights::default()
            };
            content(labels_as(&html, None, &w))
        };
        assert_eq!(with(true), [format!("{P1} {P2}"), P3.to_string()]);
        assert_eq!(with(false), [format!("{P1} {P2}")]);
    }

    #[test]
    fn a_long_code_block_is_part_of_the_article_not_the_article() {
        // a log pasted in a post outweighs the prose around it many times over
        let log = "2024-05-03 10:09:38 ERROR [core] Error doing job: Future exception was never retrieved\n".repeat(60);
        let html = format!(
            "<body><div class=post><p>{P1}</p><div class=code><pre>{log}</pre></div><div class=after><p>{P2}</p></div></div></body>"
        );
        let k = kept(&html, None);
        assert!(k.iter().any(|t| t == P1), "{k:?}");
        assert!(k.iter().any(|t| t == P2), "{k:?}");
        assert!(k.iter().any(|t| t.starts_with("2024-05-03")));
    }

    #[test]
    fn code_in_a_side_column_of_the_article_stays() {
        // a three-column API reference: the parameters, and beside them the request
        let curl =
            "curl https://api.example.com/v1/charges \\\n  -d amount=1099 \\\n  -d currency=usd";
        let html = format!(
            "<body><article><section><div class=text><h2>Create a charge</h2><p>{P1}</p></div>
             <div class=AsideContentStack><pre><code>{curl}</code></pre></div></section>
             <section><div class=text><h2>Update a charge</h2><p>{P2}</p></div>
             <div class=AsideContentStack><pre><code>{curl}</code></pre></div></section></article>
             <aside class=sidebar><p>{P3}</p></aside></body>"
        );
        let k = kept(&html, None);
        assert!(k.iter().any(|t| t.starts_with("curl https://")), "{k:?}");
        assert!(!k.iter().any(|t| t == P3), "{k:?}");
    }

    #[test]
    fn a_widgets_state_written_as_text_goes_and_a_json_example_stays() {
        let items: Vec<String> = (0..30)
            .map(|i| format!("{{\"id\":\"item{i}\",\"price\":{i}.99}}"))
            .collect();
        let state = format!("{{\"widget\":\"grid\",\"items\":[{}]}}", items.join(","));
        let example = "{\n  \"id\": \"ch_3MmlLr\",\n  \"amount\": 1099\n}";
        let html = format!(
            "<body><article><p>{P1}</p><div class=state>{state}</div><p>{P2}</p>
             <pre>{example}</pre><p>{P3}</p></article></body>"
        );
        let l = labels(&html, None);
        assert!(
            l.iter().any(|(t, lab)| t == &state && *lab == Label::Data),
            "{l:?}"
        );
        assert!(kept(&html, None)
            .iter()
            .any(|t| t.starts_with("{\n  \"id\"")));
    }

    #[test]
    fn a_cookie_dialog_is_no_article_on_a_page_of_little_prose() {
        // a product page of short lines, and a consent manager's dialog named only as a
        // modal, whose paragraphs are the page's longest
        let notice = "These cookies allow a website to remember choices you have made in the past, like what language you prefer, what region you are in, or what your user name is so you can log in.";
        let tracking = "Cookies collect information about how you use a website, like which pages you visited and which links you clicked on, to improve the website's functions.";
        let html = format!(
            "<body><main><h1>Portman Lights P1 Roadcase</h1><p>Expected availability: 2-4 Weeks</p>
             <p>Free Standard Shipping</p><p>A roadcase for four P1 lights, with foam inserts.</p></main>
             <section id=ensModalWrapper role=dialog><div class=ensModal><p>Functional</p>
             <p>{notice}</p><p>Performance</p><p>{tracking}</p></div></section></body>"
        );
        let k = kept(&html, None);
        assert!(!k.iter().any(|t| t == notice || t == tracking), "{k:?}");
        assert!(k.iter().any(|t| t.starts_with("A roadcase")), "{k:?}");
    }

    #[test]
    fn an_article_on_cookies_in_drupals_page_canvas_is_no_cookie_notice() {
        // Drupal core wraps every page in `dialog-off-canvas-main-canvas`: the page, not a
        // dialog, so a paragraph that speaks of cookies and consent stays
        let cookies = "We use cookies, small files that a website stores in your browser, and most sites accept them by default; the guide explains how to manage your consent settings in each browser.";
        let html = format!(
            "<body><div class=dialog-off-canvas-main-canvas data-off-canvas-main-canvas>
             <main><article><p>{P1}</p><p>{cookies}</p><p>{P2}</p></article></main></div></body>"
        );
        assert_eq!(kept(&html, None), [P1, cookies, P2]);
    }

    #[test]
    fn short_lines_follow_their_neighbours() {
        let html = format!(
            "<article><p>By Ann Lee</p><p>{P1}</p><h2>Costs</h2><p>{P2}</p><p>Share</p></article>"
        );
        assert_eq!(kept(&html, None), [P1, "Costs", P2]);
    }

    #[test]
    fn a_posts_opening_and_closing_lines_stay_and_its_buttons_go() {
        let html = format!(
            "<article><p>{P1}</p><p>{P2}</p><p>I hope you like the new line.</p><p>See you soon!</p><p>Share this</p></article>"
        );
        assert_eq!(
            kept(&html, None),
            [P1, P2, "I hope you like the new line.", "See you soon!"]
        );
        // an opening line too; a byline of two words is none
        let html = format!(
            "<article><p>By Ann</p><p>Hello to all my readers!</p><p>{P1}</p><p>{P2}</p></article>"
        );
        assert_eq!(kept(&html, None), ["Hello to all my readers!", P1, P2]);
        // a reading list's opening is no closing line
        let html =
            format!("<article><p>{P1}</p><p>{P2}</p><p>Read more about trams:</p></article>");
        assert_eq!(kept(&html, None), [P1, P2]);
        // an emoji ends a closing line as a full stop does
        let wink = '\u{1F609}';
        let html = format!(
            "<article><p>{P1}</p><p>{P2}</p><p>And I love riding it {wink}</p><p>Share this</p></article>"
        );
        let closing = format!("And I love riding it {wink}");
        assert_eq!(kept(&html, None), [P1, P2, &closing]);
    }

    #[test]
    fn a_quotation_the_article_ends_in_keeps_its_source() {
        // Twitter's embed code: the post's text, then its author and date, loose in the
        // <blockquote>; the share button after the quotation still goes
        let tweet = "We must apply a system of compassion to criminal justice, and we must ask who we are as a nation.";
        let source = "\u{2014} Ann Lee (@annlee) November 19, 2019";
        let html = format!(
            "<article><p>{P1}</p><p>{P2}</p><blockquote class=twitter-tweet><p>{tweet}</p>\
             \u{2014} Ann Lee (@annlee) <a href=/status/1>November 19, 2019</a></blockquote>\
             <p>Share this</p></article>"
        );
        assert_eq!(kept(&html, None), [P1, P2, tweet, source]);
        // a post of one short line embedded after the last paragraph, whole
        let short = "Forty apps from a dollar each https://t.co/x5 by @annlee";
        let html = format!(
            "<article><p>{P1}</p><p>{P2}</p><blockquote class=twitter-tweet><p>Forty apps \
             from a dollar each <a href=https://t.co/x5>https://t.co/x5</a> by \
             <a href=/annlee>@annlee</a></p>\
             \u{2014} Ann Lee (@annlee) <a href=/status/1>November 19, 2019</a></blockquote>\
             <p>Share this</p></article>"
        );
        assert_eq!(kept(&html, None), [P1, P2, short, source]);
        // a quotation that holds a box of links is no post
        let html = format!(
            "<article><p>{P1}</p><p>{P2}</p><blockquote><p>Neueste 5 Beiträge:</p><ul>\
             <li><a href=/a>The tram line opens to the northern suburbs at last</a></li>\
             <li><a href=/b>Buses or trams: the choice explained</a></li>\
             <li><a href=/c>What the new budget means for the roads</a></li></ul>\
             </blockquote></article>"
        );
        assert_eq!(kept(&html, None), [P1, P2]);
        // a short line after the article's last paragraph outside any quotation is its edge
        let html = format!(
            "<article><p>{P1}</p><p>{P2}</p><blockquote><p>{tweet}</p></blockquote>\
             <p>{source}</p></article>"
        );
        assert_eq!(kept(&html, None), [P1, P2, tweet]);
    }

    #[test]
    fn a_button_standing_alone_goes_a_heading_of_the_same_words_stays() {
        let html = format!(
            "<article><p>{P1}</p><p>Apply now</p><p>Contact us</p>\
             <p>{P2}</p><h2>Contact us</h2><p>{P3}</p></article>"
        );
        assert_eq!(kept(&html, None), [P1, P2, "Contact us", P3]);
    }

    #[test]
    fn the_short_lines_opening_a_named_article_body_stay() {
        let body = |opening: &str| {
            format!(
                "<article><p>Posted by Ann</p><p>May 2</p><div class=entry-content>{opening}\
                 <p>{P1}</p><p>{P2}</p></div></article>"
            )
        };
        // a subtitle and a plain list of what is new, beside the first paragraph
        let html = body(
            "<p>What is new in 2.26</p><ul><li>New tasks</li><li>Better Android support</li>\
             <li>Bugs fixed</li></ul><p>Try it this weekend</p>",
        );
        assert_eq!(
            kept(&html, None),
            [
                "What is new in 2.26",
                "New tasks",
                "Better Android support",
                "Bugs fixed",
                "Try it this weekend",
                P1,
                P2
            ]
        );
        // a line partly linked, one named as tags, one in a box of its own (not beside the
        // paragraph) go
        let html = body(
            "<p>Filed under <a href=/t/x>trams</a></p><p class=post-tags>Trams, Transport</p>\
             <div class=box><p>Top questions</p></div>",
        );
        assert_eq!(kept(&html, None), [P1, P2]);
        // so does a line parted from the paragraph by a share bar
        let html =
            body("<p>A subtitle of the story</p><div class=share><a href=/s>Share</a></div>");
        assert_eq!(kept(&html, None), [P1, P2]);
        // and the lines before an unnamed body go, as the article's edge
        let html = format!("<article><p>Ann Smith</p><p>{P1}</p><p>{P2}</p></article>");
        assert_eq!(kept(&html, None), [P1, P2]);
    }

    #[test]
    fn a_cards_linked_title_goes_with_its_text() {
        // a collection's text, its grid of product cards, and more text after it
        let card = |name: &str, line: &str, price: &str| {
            format!(
                "<li class=product><div class=card><h3><a href=/products/{price}>{name}</a></h3>
                 <p>{line}</p><p>Sale price {price} Regular price £102</p></div></li>"
            )
        };
        let html = format!(
            "<body><nav><h3><a href=/shop>Shop</a></h3><ul><li><a href=/a>Skincare</a></li>
             <li><a href=/b>Makeup</a></li></ul></nav><main><h1>Skincare</h1><p>{P1}</p>
             <ul class=grid>{}{}</ul><p>{P2}</p></main></body>",
            card("The Super Pack", "All three serums", "£88"),
            card("Balm Dotcom Trio", "Original formula", "£42"),
        );
        let k = kept(&html, None);
        assert!(k.iter().any(|t| t == "The Super Pack"), "{k:?}");
        assert!(k.iter().any(|t| t == "Balm Dotcom Trio"), "{k:?}");
        assert!(!k.iter().any(|t| t == "Shop"), "{k:?}");
    }

    #[test]
    fn a_custom_elements_name_names_its_part() {
        // Google's developer sites close each article with a licence notice in a
        // <devsite-content-footer>; Angular apps name their parts `app-*`
        const NOTICE: &str = "Except as otherwise noted, the content of this page is licensed under the Creative Commons Attribution 4.0 License.";
        const REPLY: &str = "I tried this on my own bus line last week, and the new timetable works much better than the old one did.";
        let html = format!(
            "<body><article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>
             <devsite-content-footer><p>{NOTICE}</p></devsite-content-footer>
             <app-comments><p>{REPLY}</p></app-comments></body>"
        );
        assert_eq!(kept(&html, None), [P1, P2, P3]);
        // a name that says nothing leaves the text alone
        let html = format!("<body><app-root><p>{P1}</p><p>{P2}</p><p>{P3}</p></app-root></body>");
        assert_eq!(kept(&html, None), [P1, P2, P3]);
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
    fn a_list_of_links_a_sentence_introduces_is_the_articles() {
        let list = "<ul><li><a href=/1>Tram line</a></li><li><a href=/2>Bus routes</a></li></ul>";
        let intro = "The council published these plans, each open for comment:";
        let html = format!("<article><p>{P1}</p><p>{intro}</p>{list}<p>{P2}</p></article>");
        assert_eq!(
            kept(&html, None),
            [P1, intro, "Tram line", "Bus routes", P2]
        );
        // Asciidoctor's items hold paragraphs
        let paras = "<ul><li><p><a href=/1>Tram line</a></p></li><li><p><a href=/2>Bus routes</a></p></li></ul>";
        let html = format!("<article><p>{P1}</p><p>{intro}</p>{paras}<p>{P2}</p></article>");
        assert!(kept(&html, None).contains(&"Bus routes".to_string()));
        // a short intro of a few words introduces it too; "Read more:" opens a reading list
        let html =
            format!("<article><p>{P1}</p><p>Here are the plans:</p>{list}<p>{P2}</p></article>");
        assert!(kept(&html, None).contains(&"Tram line".to_string()));
        let html = format!("<article><p>{P1}</p><p>Read more:</p>{list}<p>{P2}</p></article>");
        assert_eq!(kept(&html, None), [P1, P2]);
        // without the colon, the list is a reading list between paragraphs (BBC's)
        let html = format!("<article><p>{P1}</p><p>{P3}</p>{list}<p>{P2}</p></article>");
        assert_eq!(kept(&html, None), [P1, P3, P2]);
    }

    #[test]
    fn a_lists_linked_items_go_with_its_prose_items() {
        // release notes: a list of sentences opens with two items that are only links
        const BUS: &str =
            "The bus network is redrawn at the same time, with new routes to the two stations.";
        let list = format!(
            "<ul><li><a href=/review>Our year in review!</a></li><li><a href=/perf>Speed in review</a></li>
             <li>{P1}</li><li>{P2}<ul><li><a href=/bug>Bug 1681512</a></li></ul></li><li>{P3}</li></ul>"
        );
        let html = format!(
            "<article><h1>These weeks in trams</h1><h3>Highlights</h3>{list}<h3>Buses</h3><p>{BUS}</p></article>"
        );
        assert_eq!(
            kept(&html, None),
            [
                "These weeks in trams",
                "Highlights",
                "Our year in review!",
                "Speed in review",
                P1,
                P2,
                "Bug 1681512",
                P3,
                "Buses",
                BUS
            ]
        );
        // a newsletter list: each item a description, then a paragraph that links its best
        // post; the paragraph of links is the item's own
        let item = |d: &str, n: u32| {
            format!(
                "<li><p>{d}</p><p>See: <em><a href=/p{n}>“Night buses, part {n}”</a></em></p></li>"
            )
        };
        let html = format!(
            "<article><p>{P1}</p><ol>{}{}</ol><p>{BUS}</p></article>",
            item(P2, 1),
            item(P3, 2)
        );
        assert_eq!(
            kept(&html, None),
            [
                P1,
                P2,
                "See: “Night buses, part 1”",
                P3,
                "See: “Night buses, part 2”",
                BUS
            ]
        );
        // so is a card's linked headline above its sentence, in a list of such cards
        let card = |n: u32, d: &str| {
            format!("<li><p><a href=/c{n}>Night buses, part {n}, and the new routes</a></p><p>{d}</p></li>")
        };
        let html = format!(
            "<article><p>{P1}</p><ul>{}{}</ul><p>{BUS}</p></article>",
            card(1, P2),
            card(2, P3)
        );
        assert!(kept(&html, None).contains(&"Night buses, part 2, and the new routes".to_string()));
        // a list mostly of links with one sentence among them stays a list of links
        let links: String = (0..4)
            .map(|i| format!("<li><a href=/s{i}>Sleeping bag {i}</a></li>"))
            .collect();
        let html =
            format!("<article><p>{P1}</p><p>{P2}</p><ul>{links}<li>{P3}</li></ul></article>");
        assert!(!kept(&html, None)
            .iter()
            .any(|t| t.starts_with("Sleeping bag")));
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
    fn a_section_of_linked_teasers_goes_wherever_it_stands() {
        // "Related Articles" between two parts of the article: prose enough to stay, and
        // too much article after it to end the text there, but a reading list; a section
        // under a heading that only starts like one and links nothing is the article's own
        const T: &str = "A teaser's sentence about another story of the same site, long enough to be prose on its own.";
        let html = format!(
            "<body><section><p>{P1}</p><p>{P2}</p><p>{P3}</p></section>
             <section><div><h2>Related Articles</h2></div>
             <div><h3><a href='/a'>Another story</a></h3><p>{T}</p><a href='/a'>Read more</a></div>
             <div><h3><a href='/b'>A third story</a></h3><p>{T}</p><a href='/b'>Read more</a></div></section>
             <section><h3>Read more about the costs:</h3><ul><li>{P2}</li><li>{P3}</li></ul></section>
             <section><p>{P1} {P2}</p><p>{P3} {P1}</p></section></body>"
        );
        let kept = kept(&html, None);
        assert!(!kept.iter().any(|t| t == T), "{kept:?}");
        assert!(
            kept.iter().any(|t| t == "Read more about the costs:"),
            "{kept:?}"
        );
        assert!(kept.iter().any(|t| t == &format!("{P3} {P1}")), "{kept:?}");
    }

    #[test]
    fn a_caption_holds_no_title() {
        // a shop's description in an element named `item-caption`, under the page's
        // <h1>; a photo's caption named so still goes
        let html = format!(
            "<body><div class=item><img src=/chair.jpg><div class=item-caption><h1>The chair</h1>
             <p>{P1}</p><p>{P2}</p></div></div>
             <figure><img src=/a.jpg><div class=image-caption><p>{P3}</p></div></figure></body>"
        );
        let k = kept_as(&html, PageType::Product);
        assert!(
            k.contains(&P1.to_string()) && k.contains(&P2.to_string()),
            "{k:?}"
        );
        assert!(!k.contains(&P3.to_string()), "{k:?}");
        // nor a heading of any level: a section of image and text whose CMS names it
        // `img-txt`, its heading, its lead and its prose
        let html = format!(
            "<article><p>{P1}</p><div class=assym-img-txt><img src=/team.jpg><div>\
             <h2>Who we are</h2><p>{P2}</p></div></div><p>{P3}</p></article>"
        );
        assert_eq!(kept(&html, None), [P1, "Who we are", P2, P3]);
    }

    #[test]
    fn a_search_page_named_for_its_search_is_no_menu() {
        // a shop's results under a wrapper named `searchWrapper`, each card one link whose
        // text is the item's name and price; the menu above stays a menu
        let cards: String = (1..=6)
            .map(|i| {
                format!(
                    "<article><a href='/p/{i}'>Trail shoe model {i}. Color grey and blue. On sale for ${i}8.00.</a></article>"
                )
            })
            .collect();
        let html = format!(
            "<body><div class=menu><ul><li><a href=/w>Women</a></li><li><a href=/m>Men</a></li>
             <li><a href=/k>Kids</a></li><li><a href=/s>Sale</a></li></ul></div>
             <main><div class=searchWrapper><h1>Trail shoes</h1><p>120 items found</p>
             <div id=products>{cards}</div></div></main></body>"
        );
        let k = kept_as(&html, PageType::Collection);
        assert!(
            k.iter().any(|t| t.starts_with("Trail shoe model 3.")),
            "{k:?}"
        );
        assert!(!k.iter().any(|t| t == "Women"), "{k:?}");
    }

    #[test]
    fn a_promotion_is_an_ad_on_an_article_and_a_card_on_a_page_of_services() {
        // a firm's services in cards named `cmp-promo` (each a title and a sentence); the
        // same box in a story is the site's advertisement for itself
        const CARD: &str = "Our auditors help clients understand their risks and improve the way the business is managed.";
        let html = format!(
            "<body><main><h1>Services</h1><p>{P1}</p><p>{P2}</p>
             <div class=cmp-promo><h3>Audit</h3><p>{CARD}</p></div>
             <div class=cmp-promo><h3>Tax</h3><p>{CARD} Tax too.</p></div><p>{P3}</p></main></body>"
        );
        let k = kept_as(&html, PageType::Service);
        assert!(k.iter().any(|t| t == CARD), "{k:?}");
        let k = kept_as(&html, PageType::Article);
        assert!(!k.iter().any(|t| t == CARD), "{k:?}");
        assert!(k.iter().any(|t| t == P3), "{k:?}");
    }

    #[test]
    fn a_card_one_link_wraps_is_an_item_on_a_page_of_services() {
        // a grid of features among a page's sections, each card a link around its title
        // and its sentence (the page's largest group of items elsewhere, so the grid is
        // not the region of items)
        const CARD: &str = "Support customers on any channel with one connected view of them.";
        let cards: String = ["Omnichannel", "Ticketing", "Self-service"]
            .iter()
            .map(|t| format!("<a href='/{t}'><div><h3>{t}</h3><p>{CARD}</p></div></a>"))
            .collect();
        let html = format!(
            "<body><div><h1>Help desk</h1><p>{P1}</p><h2>Features</h2><div class=grid>{cards}</div>
             <h2>Plans</h2><p>{P2}</p><p>{P3}</p></div></body>"
        );
        let mut service = Weights::default().for_page_type(PageType::Service);
        service.item_regions = false;
        let k = content(labels_as(&html, None, &service));
        assert!(
            k.iter().any(|t| t == "Ticketing") && k.iter().any(|t| t == CARD),
            "{k:?}"
        );
        // on an article, the same cards are teasers of other stories
        let article = Weights {
            item_regions: false,
            ..Weights::default()
        };
        let k = content(labels_as(&html, None, &article));
        assert!(
            !k.iter().any(|t| t == CARD) && k.iter().any(|t| t == P3),
            "{k:?}"
        );
    }

    #[test]
    fn a_listings_column_of_line_numbers_is_not_code() {
        // Hugo's Chroma: a table of two cells, the line numbers' `<pre>` and the code's
        let listing = "<table class=lntable><tr><td class=lntd><pre><code><span class=lnt>1\n</span><span class=lnt>2\n</span><span class=lnt>3\n</span></code></pre></td>
             <td class=lntd><pre><code>a = 1\nb = 2\nc = a + b\n</code></pre></td></tr></table>";
        let html = format!("<body><article><p>{P1}</p>{listing}<p>{P2}</p></article></body>");
        let k = kept(&html, None);
        assert!(k.iter().any(|t| t.starts_with("a = 1")), "{k:?}");
        assert!(!k.iter().any(|t| t.starts_with('1')), "{k:?}");
        // a program's output of numbers, outside a table, is what the page shows
        let html =
            format!("<body><article><p>{P1}</p><pre>1\n2\n3</pre><p>{P2}</p></article></body>");
        assert!(kept(&html, None).iter().any(|t| t.starts_with('1')));
    }

    #[test]
    fn the_text_behind_a_paywall_is_the_articles() {
        // Dow Jones's and Google's markup: the subscribers' paragraphs in `.paywall`, the
        // offer to subscribe in a box of its own
        let html = format!(
            "<body><article><div class=article__body><p>{P1}</p><div class=paywall><p>{P2}</p>
             <p>{P3}</p></div><div class=paywall-prompt><p>Subscribe to keep reading this story and every other one.</p></div></div></article></body>"
        );
        assert_eq!(kept(&html, None), [P1, P2, P3]);
    }

    #[test]
    fn a_shops_carousel_of_linked_cards_goes() {
        // "Similar items": each card a name and a price under one empty link laid over
        // the card (its name in `aria-label`), as a shop's recommendation carousels are
        // built, however much of the page follows; the same cards without links are the
        // page's own
        let card = |i: u32, link: bool| {
            let a = if link {
                format!("<a aria-label='Blouse number {i}' href='/itm/{i}'></a>")
            } else {
                String::new()
            };
            format!(
                "<li><section><div><h3>A floral blouse of size {i} in green and white</h3>
                 <span>$1{i}.00</span></div>{a}</section></li>"
            )
        };
        let page = |link: bool| {
            let cards: String = (1..=4).map(|i| card(i, link)).collect();
            format!(
                "<body><main><div><h1>A blouse</h1><p>{P1}</p><p>{P2}</p></div>
                 <section><div><h2>Similar items</h2></div><ul>{cards}</ul></section>
                 <div><h2>Description</h2><p>{P3}</p><p>{P1} {P2}</p></div></main></body>"
            )
        };
        let name = "A floral blouse of size 2 in green and white".to_string();
        let k = kept_as(&page(true), PageType::Product);
        assert!(
            k.contains(&P1.to_string()) && k.contains(&P3.to_string()),
            "{k:?}"
        );
        assert!(!k.contains(&name), "{k:?}");
        let k = kept_as(&page(false), PageType::Product);
        assert!(k.contains(&name), "{k:?}");
    }

    #[test]
    fn prose_named_like_a_menu_is_text_and_a_menu_so_named_is_not() {
        // an accordion's panels named `dropdown` (Squarespace's accordion block) hold the
        // article's answers; a dropdown of links in the same article is a menu
        let menu: String = (1..=6)
            .map(|i| format!("<li><a href=/c/{i}>Category number {i}</a></li>"))
            .collect();
        let html = format!(
            "<body><nav><a href=/>Home</a><a href=/a>News</a></nav><article><p>{P1}</p>
             <ul class=accordion><li><h3>When?</h3><div class=accordion-item__dropdown><p>{P2}</p><p>{P3}</p><p>{P1}</p></div></li></ul>
             <div class=dropdown><ul>{menu}</ul></div><p>{P1} {P3}</p></article></body>"
        );
        let k = kept(&html, None);
        assert!(k.iter().any(|t| t == P2), "{k:?}");
        assert!(!k.iter().any(|t| t == "Category number 1"), "{k:?}");
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
    fn a_threads_replies_stay_beside_a_longer_opening_post() {
        // the opening post outside the comment-named replies holds more than half of the
        // thread's prose: on a forum the replies are still its content
        const R1: &str = "Probably, companies are always trying to save money on parts like these.";
        const R2: &str =
            "I am not sure they time out; I have never left my lift gate open that long.";
        let html = format!(
            "<body><h1>Liftgate lights</h1><div class=post><p>{P1} {P3}</p><p>{P2}</p></div>
             <div class=comments><div class=comment><p>{R1}</p><p>{P3}</p></div>
             <div class=comment><p>{R2}</p></div></div></body>"
        );
        let k = kept_as(&html, PageType::Forum);
        assert!(
            k.iter().any(|t| t == R1) && k.iter().any(|t| t == R2),
            "{k:?}"
        );
    }

    #[test]
    fn one_long_reply_is_not_the_thread() {
        // SMF's and FluxBB's posts: each with its title, date and user panel, which score
        // below a short post's text; the long reply would be the container alone
        let post = |n: u32, who: &str, text: &str| {
            format!("<div class=\"windowbg\" id=\"msg{n}\"><div class=post_wrapper><div class=poster><h4><a href=\"/profile/{n}\">{who}</a></h4>
             <ul><li>Posts: 3,760</li><li>Logged</li></ul></div><div class=postarea><div class=keyinfo>
             <h5><a href=\"/topic/9.msg{n}#msg{n}\">Re: How do you use AI on your forum today?</a></h5><div class=postinfo>June 0{n}, 2024, 11:23:55 AM</div></div>
             <div class=post><div class=inner>{text}</div></div></div></div></div>")
        };
        const SHORT: &str =
            "I am curious how members here have used it to help draw in new readers.";
        let long = format!("<p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P1}</p><p>{P2}</p><p>{P3}</p>");
        let html = format!(
            "<body><h1>How do you use AI on your forum?</h1><form id=quickModForm><div id=forumposts>{}{}{}</div></form></body>",
            post(1, "ana", SHORT),
            post(2, "bo", &long),
            post(3, "cy", "It writes a pretty mean haiku on just about any subject, I find."),
        );
        let k = kept_as(&html, PageType::Forum);
        assert!(k.iter().any(|t| t == SHORT), "{k:?}");
        assert!(
            k.iter()
                .any(|t| t.starts_with("It writes a pretty mean haiku")),
            "{k:?}"
        );
        // on an article, the long text alone
        let k = kept_as(&html, PageType::Article);
        assert!(!k.iter().any(|t| t == SHORT), "{k:?}");
    }

    #[test]
    fn a_thread_is_not_widened_to_a_named_sidebar_or_a_box_of_another_build() {
        const WIDGET: &str = "This forum is run by volunteers, and every donation keeps it going.";
        let post = format!(
            "<div class=card><div class=card-content><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></div>"
        );
        let page = |side: &str| {
            format!("<body><h1>Router drops</h1><div class=columns><div class=\"column is-8\">{post}</div>{side}</div></body>")
        };
        // the forum profile's container, with the thread rule or without
        let container = |html: &str, thread: bool| {
            let mut w = Weights::default().for_page_type(PageType::Forum);
            w.thread_container = thread;
            verdict(html, None, &w).1.container
        };
        // a sidebar named so, a box of the same class holding its text at another depth:
        // not posts
        for side in [
            format!("<div class=\"column sidebar\"><div class=card><div class=card-content><p>{WIDGET}</p></div></div></div>"),
            format!("<div class=\"column is-4\"><div class=card-content><p>{WIDGET}</p></div></div>"),
        ] {
            let html = page(&side);
            assert_eq!(container(&html, true), container(&html, false), "{side}");
        }
        // the same build without a name: a post beside it (a limit of the rule: a sidebar
        // built as a post is one), the thread
        let html = page(&format!("<div class=\"column is-4\"><div class=card><div class=card-content><p>{WIDGET}</p></div></div></div>"));
        assert_ne!(container(&html, true), container(&html, false));
    }

    #[test]
    fn a_products_page_is_its_main_element() {
        let specs: String = [
            "Capacity 1.7 litres of water",
            "Power 3000 watts at 230 volts",
            "Weight 1.2 kg when empty",
            "Cord 75 cm, wound in the base",
            "Body brushed stainless steel",
            "Filter removable limescale filter",
        ]
        .iter()
        .map(|s| format!("<li>{s}</li>"))
        .collect();
        let product = format!(
            "<div class=info><h1>Kettle</h1><p>{P1}</p></div>
             <div class=specs><h2>Specifications</h2><ul>{specs}</ul></div>"
        );
        let html = format!(
            "<body><nav><a href=/>Home</a><a href=/shop>Shop</a></nav><main>{product}</main></body>"
        );
        let k = kept_as(&html, PageType::Product);
        let spec = "Power 3000 watts at 230 volts";
        assert!(k.iter().any(|t| t == spec), "{k:?}");
    }

    #[test]
    fn a_products_info_lines_are_content_and_an_articles_are_its_byline() {
        let html = format!(
            "<body><div class=product><h1>Kettle</h1><p>{P1}</p>
             <div class=product-info><p>Model KE-200, stainless steel</p></div><p>{P2}</p></div></body>"
        );
        let info = "Model KE-200, stainless steel";
        assert!(kept_as(&html, PageType::Product).iter().any(|t| t == info));
        assert!(!kept_as(&html, PageType::Article).iter().any(|t| t == info));
    }

    #[test]
    fn a_grid_on_a_products_page_is_not_its_content() {
        // a kettle's page with a carousel of recipes below it: on a page of items the grid
        // would be the content, on a product's page the product is
        let cards: String = (1..=5)
            .map(|i| format!("<div class=card><h3><a href=/r/{i}>Recipe {i}: iced coffee with oat milk</a></h3><p>Ten minutes, serves two people</p></div>"))
            .collect();
        let html = format!(
            "<body><nav><a href=/>Home</a><a href=/shop>Shop</a></nav>
             <div class=product><h1>Kettle</h1><p>{P1}</p></div>
             <div class=recipes><h2>Try it with</h2><div class=carousel>{cards}</div></div></body>"
        );
        let card = "Ten minutes, serves two people";
        let k = kept_as(&html, PageType::Product);
        assert!(k.iter().any(|t| t == P1), "{k:?}");
        assert!(!k.iter().any(|t| t == card), "{k:?}");
        let k = kept_as(&html, PageType::Collection);
        assert!(k.iter().any(|t| t == card), "{k:?}");
    }

    #[test]
    fn a_products_reviews_go_and_a_review_articles_stay() {
        let html = format!(
            "<body><div class=product><h1>Kettle</h1><p>{P1}</p><p>{P2}</p></div>
             <div class=reviews><div class=review><p>{P3}</p></div></div></body>"
        );
        assert_eq!(kept_as(&html, PageType::Product), ["Kettle", P1, P2]);
        assert!(kept_as(&html, PageType::Article).contains(&P3.to_string()));
    }

    #[test]
    fn a_grid_of_short_items_is_kept_when_nothing_else_is() {
        // every item's name is a link and its other line a price: no prose on the page
        let items: String = (1..=6)
            .map(|i| format!("<li class=card><h3><a href=/p/{i}>Dark roast coffee {i}</a></h3><span>$19.99</span></li>"))
            .collect();
        let html = format!(
            "<body><nav><a href=/>Home</a><a href=/shop>Shop</a></nav><main><ul class=grid>{items}</ul></main></body>"
        );
        let k = kept(&html, None);
        assert!(k.iter().any(|t| t == "Dark roast coffee 1"), "{k:?}");
        assert!(k.iter().any(|t| t == "$19.99"), "{k:?}");
        assert!(!k.iter().any(|t| t == "Home"), "{k:?}");
    }

    #[test]
    fn a_cards_caption_is_its_text_in_a_grid_of_items_and_a_figures_is_not() {
        // a shop theme's card: the name and price under `.product-caption`
        let items: String = (1..=6)
            .map(|i| format!("<li class=product><a href=/p/{i}><img src=/i/{i}.jpg></a><div class=product-caption><h3><a href=/p/{i}>Laser projector model {i}</a></h3><p>Brand: Lumen</p><p>Price: $4,899.00</p></div></li>"))
            .collect();
        let html = format!(
            "<body><nav><a href=/>Home</a><a href=/shop>Shop</a></nav><main><h1>Projectors</h1>
             <figure><img src=/banner.jpg><figcaption>Our showroom in Leeds</figcaption></figure>
             <ul class=products>{items}</ul></main></body>"
        );
        let k = kept_as(&html, PageType::Collection);
        assert!(k.iter().any(|t| t == "Price: $4,899.00"), "{k:?}");
        assert!(!k.iter().any(|t| t == "Our showroom in Leeds"), "{k:?}");
    }

    #[test]
    fn a_grids_wrapper_named_related_keeps_its_items_on_a_page_of_items() {
        let items: String = (1..=6)
            .map(|i| format!("<div class=item><h3><a href=/p/{i}>Robotic lawn mower model {i}</a></h3><p>A quarter-acre mower</p><p>$2,099.99</p></div>"))
            .collect();
        let menu: String = (1..=12)
            .map(|i| format!("<li><a href=/c/{i}>Category {i}</a></li>"))
            .collect();
        let html = format!(
            "<body><nav><ul>{menu}</ul></nav><section class=related-product>{items}</section></body>"
        );
        let k = kept_as(&html, PageType::Collection);
        assert!(k.iter().any(|t| t == "A quarter-acre mower"), "{k:?}");
        assert!(!k.iter().any(|t| t == "Category 1"), "{k:?}");
        // on an article, such a box is the related list it is named for
        let k = kept_as(&html, PageType::Article);
        assert!(!k.iter().any(|t| t == "A quarter-acre mower"), "{k:?}");
    }

    #[test]
    fn a_listings_sections_each_named_like_a_sidebar_keep_their_items() {
        // Dotdash Meredith's taxonomy pages: each section's cards in an `mntl-sidebar`,
        // none holding most of the page, all of them together holding it
        let section = |s: u32| {
            let cards: String = (1..=4)
                .map(|i| format!("<a href=/r/{s}{i} class=card><div class=card__content><span>Weeknight dinner recipe number {s}{i}</span></div></a>"))
                .collect();
            format!("<section class=sc-block><h2>Dinners {s}</h2><div class=mntl-sidebar>{cards}</div></section>")
        };
        let sections: String = (1..=3).map(section).collect();
        let html = format!(
            "<body><nav><a href=/>Home</a><a href=/dinners>Dinners</a></nav><main><h1>Dinner recipes</h1>
             <p>Recipes for every night of the week.</p>{sections}</main></body>"
        );
        let k = kept_as(&html, PageType::Listing);
        assert!(
            k.iter().any(|t| t == "Weeknight dinner recipe number 23"),
            "{k:?}"
        );
        let k = kept_as(&html, PageType::Article);
        assert!(
            !k.iter().any(|t| t == "Weeknight dinner recipe number 23"),
            "{k:?}"
        );
    }

    #[test]
    fn a_table_or_a_quote_set_in_a_figure_is_text_and_its_caption_is_not() {
        let html = format!(
            "<article><p>{P1}</p><figure class=wp-block-table><table><tr><td>Tram line</td><td>12 km</td></tr></table>
             <figcaption>Table: the plan</figcaption></figure><p>{P2}</p>
             <figure><blockquote><p>We waited ten years for this line.</p></blockquote><figcaption>Ann Lee</figcaption></figure>
             <p>{P3}</p><figure><img src=a.jpg><div>Photo: Ann Lee</div></figure></article>"
        );
        let text = crate::extract(html.as_bytes()).unwrap().text().to_string();
        assert!(text.contains("Tram line\t12 km"), "{text}");
        let k = kept(&html, None);
        assert!(
            k.iter().any(|t| t == "We waited ten years for this line."),
            "{k:?}"
        );
        assert!(
            !k.iter()
                .any(|t| t.contains("Photo") || t.contains("Table:")),
            "{k:?}"
        );
    }

    #[test]
    fn a_figure_of_several_lines_without_a_caption_is_a_card() {
        // a shop's grid of product cards, each a `<figure>` (Nike's): a name, a kind, a price
        let cards: String = [("Pegasus 41", "$140"), ("Vomero 18", "$155"), ("Structure 26", "$150")]
            .iter()
            .map(|(name, price)| {
                format!(
                    "<figure><a href=/t/{name}><img src=/{name}.jpg></a><div class=product-card__title>{name}</div>
                     <div class=product-card__subtitle>Men's road running shoes</div><div class=price>{price}</div></figure>"
                )
            })
            .collect();
        let html = format!(
            "<body><main><h1>Running shoes</h1><div class=grid>{cards}</div></main></body>"
        );
        let text = crate::extract(html.as_bytes()).unwrap().text().to_string();
        assert!(
            text.contains("Vomero 18") && text.contains("$155"),
            "{text}"
        );
        // a photograph's caption and credit, without a <figcaption>, stay a caption
        let html = format!(
            "<article><p>{P1}</p><figure><img src=a.jpg><p>The new tram at its first stop.</p><p>Photo: Ann Lee</p></figure><p>{P2}</p></article>"
        );
        assert_eq!(kept(&html, None), [P1, P2]);
    }

    #[test]
    fn a_code_listings_file_name_and_caption_are_the_texts_own() {
        // mdBook's listing (The Rust Programming Language)
        let html = format!(
            "<main><p>{P1}</p><figure class=listing><span class=file-name>Filename: src/lib.rs</span>
             <pre><code>pub trait Summary {{\n    fn summarize(&self) -> String;\n}}</code></pre>
             <figcaption>Listing 10-12: A Summary trait with one method</figcaption></figure><p>{P2}</p></main>"
        );
        let k = kept(&html, None);
        assert!(k.iter().any(|t| t == "Filename: src/lib.rs"), "{k:?}");
        assert!(
            k.iter()
                .any(|t| t == "Listing 10-12: A Summary trait with one method"),
            "{k:?}"
        );
    }

    #[test]
    fn a_sphinx_signature_is_the_references_own() {
        let html = format!(
            "<main><h1>json</h1><p>{P1}</p><dl class=\"py function\"><dt class=\"sig sig-object py\" id=\"json.dumps\">
             <span class=\"sig-prename descclassname\">json.</span><span class=\"sig-name descname\">dumps</span><span class=\"sig-paren\">(</span><em class=\"sig-param\">obj</em><span class=\"sig-paren\">)</span></dt>
             <dd><p>{P2}</p></dd></dl></main>"
        );
        let text = crate::extract(html.as_bytes()).unwrap().text().to_string();
        assert!(text.contains("json.dumps(obj)"), "{text}");
    }

    #[test]
    fn a_sections_anchor_in_capitals_names_its_subject_not_a_part_of_the_page() {
        // DocBook's section ids (PostgreSQL's manual): "SHARE" is the SQL clause's word
        let html = format!(
            "<main><h1>SELECT</h1><p>{P1}</p><div class=refsect2 id=SQL-FOR-UPDATE-SHARE><h3>The Locking Clause</h3>
             <p>{P2}</p></div><div class=refsect2 id=share><p>Share this page with your friends on every network.</p></div></main>"
        );
        let k = kept(&html, None);
        assert!(k.iter().any(|t| t == P2), "{k:?}");
        assert!(!k.iter().any(|t| t.starts_with("Share this")), "{k:?}");
    }

    #[test]
    fn a_tables_caption_is_its_title_and_kept() {
        let html = format!(
            "<article><p>{P1}</p><table><caption>Cost of online college, 2024-25</caption>
             <tr><th>School</th><th>Cost</th></tr><tr><td>Public</td><td>$9,800</td></tr><tr><td>Private</td><td>$38,400</td></tr></table>
             <p>{P2}</p></article>"
        );
        let k = kept(&html, None);
        assert!(
            k.iter().any(|t| t == "Cost of online college, 2024-25"),
            "{k:?}"
        );
    }

    #[test]
    fn a_link_named_for_what_it_recommends_stays_in_its_sentence() {
        let html = format!(
            "<article><p>{P1}</p><p>After <a class=\"recommendation-inline-link\" href=/ideas>announcing your engagement</a>, you may be eager to jump into wedding planning, or feel overwhelmed by it all.</p><p>{P2}</p>
             <div class=related-posts><ul><li><a href=/a>Ten venues we love this year</a></li><li><a href=/b>How to pick a photographer</a></li></ul></div></article>"
        );
        let text = crate::extract(html.as_bytes()).unwrap().text().to_string();
        assert!(
            text.contains("After announcing your engagement, you may be eager"),
            "{text}"
        );
        assert!(!text.contains("Ten venues"), "{text}");
        // a related link between paragraphs, named on the link alone, is still one
        let html = format!(
            "<article><p>{P1}</p><p><strong>Related:</strong> <a class=related-link href=/v>How to pick a wedding venue</a></p><p>{P2}</p><p>{P3}</p></article>"
        );
        let text = crate::extract(html.as_bytes()).unwrap().text().to_string();
        assert!(!text.contains("pick a wedding venue"), "{text}");
    }

    #[test]
    fn a_documents_list_of_links_is_its_own() {
        let html = format!(
            "<body><nav><a href=/>Docs</a><a href=/api>API</a></nav><main><h1>Collections</h1><p>{P1}</p>
             <ul><li><a href=/vec>Vec: a growable array</a></li><li><a href=/map>HashMap: a hash map</a></li></ul>
             <p>{P2}</p><p>{P3}</p></main></body>"
        );
        assert!(
            kept_as(&html, PageType::Documentation).contains(&"Vec: a growable array".to_string())
        );
        assert!(!kept_as(&html, PageType::Article).contains(&"Vec: a growable array".to_string()));
    }

    #[test]
    fn a_chapters_table_of_contents_joins_its_text() {
        // DocBook's chapter page: the title, the contents, then the chapter's opening
        // paragraph; the links of a menu beside the chapter stay out, and so do the
        // contents of an article
        let html = format!(
            "<body><div class=menu><p><a href=/>Home</a> <a href=/docs>Documentation</a></p></div>
             <div class=chapter><div class=titlepage><h2>Chapter 11. Indexes</h2></div>
             <div class=toc><p><b>Table of Contents</b></p><dl class=toc>
             <dt><a href=indexes-intro.html>11.1. Introduction</a></dt>
             <dt><a href=indexes-types.html>11.2. Index Types</a></dt>
             <dt><a href=indexes-multicolumn.html>11.3. Multicolumn Indexes</a></dt></dl></div>
             <p>{P1} {P2}</p></div></body>"
        );
        let k = kept_as(&html, PageType::Documentation);
        assert!(k.iter().any(|t| t == "11.2. Index Types"), "{k:?}");
        assert!(!k.iter().any(|t| t.contains("Home")), "{k:?}");
        // an article's contents repeat its headings
        let k = kept_as(&html, PageType::Article);
        assert!(!k.iter().any(|t| t == "Table of Contents"), "{k:?}");
    }

    #[test]
    fn a_linked_heading_over_its_prose_is_a_section_title() {
        let html = format!(
            "<article><p>{P1}</p><section><h2><a href=/trams>The Citadis tram</a></h2><p>{P2}</p></section>
             <p>{P3}</p><h3><a href=/other>Another story</a></h3><h3><a href=/more>More stories</a></h3></article>"
        );
        let k = kept(&html, None);
        assert!(k.iter().any(|t| t == "The Citadis tram"), "{k:?}");
        assert!(!k.iter().any(|t| t == "Another story"), "{k:?}");
    }

    #[test]
    fn the_pages_only_article_holds_all_its_sections() {
        // Asciidoctor's sections, one a long list of linked changes: the best subtree is a
        // single section, but the page's <article> holds more prose outside it than in it
        let section = |h: &str, body: &str| {
            format!("<div class=sect1><h2>{h}</h2><div class=sectionbody>{body}</div></div>")
        };
        let links: String = (0..40)
            .map(|i| {
                format!(
                    "<li><a href=/pr/{i}>Change number {i} to the tram timetable software</a></li>"
                )
            })
            .collect();
        let mut body = String::new();
        for h in ["What", "Why", "Where", "When", "Who"] {
            body += &section(h, &format!("<p>{P1}</p><p>{h}: {P3}</p>"));
            if h == "Why" {
                body += &section("Changes", &format!("<ul>{links}</ul>"));
            }
        }
        body += &section("How", &format!("<p>{P2} {P3}</p><p>{P3} {P2}</p>"));
        let html = format!(
            "<nav><a href=/>Home</a></nav><main><article><div class=content>{body}</div></article></main>"
        );
        let k = kept(&html, None);
        assert!(k.iter().any(|t| t == P1), "{k:?}");
        assert!(k.iter().any(|t| t.starts_with(P2)), "{k:?}");
        // the list's penalty, capped, no longer outweighs the other sections either: each
        // rule alone takes the whole article, and without both a single section is taken
        let w = Weights {
            sole_article: false,
            ..Weights::default()
        };
        let k = content(labels_as(&html, None, &w));
        assert!(k.iter().any(|t| t == P1), "{k:?}");
        let w = Weights {
            sole_article: false,
            subtree_penalty_cap: f32::INFINITY,
            ..Weights::default()
        };
        let k = content(labels_as(&html, None, &w));
        assert!(!k.iter().any(|t| t == P1), "{k:?}");
    }

    #[test]
    fn a_listings_linked_titles_are_kept_with_its_items() {
        let jobs: String = (1..=5)
            .map(|i| format!("<div class=\"job job-{i}\"><div><a href=/j/{i}>Senior tram engineer, depot {i}</a></div><p>Maintain the fleet of the northern line, with a team of six; full time, on site.</p></div>"))
            .collect();
        let html = format!(
            "<body><nav><a href=/>Home</a></nav><div class=results><p>{P1}</p>{jobs}</div></body>"
        );
        let k = kept_as(&html, PageType::Listing);
        assert!(
            k.iter().any(|t| t == "Senior tram engineer, depot 1"),
            "{k:?}"
        );
        assert!(!kept_as(&html, PageType::Article)
            .iter()
            .any(|t| t == "Senior tram engineer, depot 1"));
    }

    #[test]
    fn boxes_of_teasers_inside_the_story_do_not_hand_it_to_a_smaller_box() {
        // a news site's story whose paragraphs sit around boxes of linked teasers, with a
        // box promoting another story by two paragraphs of its own at the end
        let teasers = |n: usize| -> String {
            let items: String = (0..12)
                .map(|i| format!("<li><a href=/s/{n}/{i}>Another story number {i} that the editors picked for you today</a></li>"))
                .collect();
            format!("<ul class=box>{items}</ul>")
        };
        let paras: Vec<String> = (0..10)
            .map(|i| format!("<p>{} (Part {i}.)</p>", [P1, P2, P3][i % 3]))
            .collect();
        let other = "<div class=insert><p>Rock and roll had its women pioneers from the start, singers and players whom the histories of the music have mostly left out.</p><p>A new project gives these performers their voice back, with recordings and interviews that have not been heard for seventy years.</p></div>";
        let html = format!(
            "<body><div class=story>{}{}{}{}{}{other}</div></body>",
            paras[..4].concat(),
            teasers(1),
            paras[4..7].concat(),
            teasers(2),
            paras[7..].concat()
        );
        let k = kept(&html, None);
        assert!(k.contains(&format!("{P1} (Part 0.)")), "{k:?}");
        assert!(!k.iter().any(|t| t.starts_with("Another story")), "{k:?}");
    }

    #[test]
    fn an_unlinked_list_beside_the_article_joins_it_and_a_linked_one_does_not() {
        // a recipe: the ingredients in a box of their own beside the steps
        let ingredients = "<div class=ingredients><h2>Ingredients</h2><ul><li>500 ml whole milk</li><li>350 g plain flour</li><li>1 pinch of sea salt</li><li>5 eggs (medium)</li></ul></div>";
        let tags = "<div class=cats><ul><li><a href=/t/1>Cakes and baking</a></li><li><a href=/t/2>Vegetarian dishes</a></li><li><a href=/t/3>Sweet things</a></li></ul></div>";
        let html = format!(
            "<body><div class=recipe>{ingredients}<div class=steps><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>{tags}</div></body>"
        );
        let k = kept(&html, None);
        assert!(k.iter().any(|t| t == "350 g plain flour"), "{k:?}");
        assert!(!k.iter().any(|t| t == "Vegetarian dishes"), "{k:?}");
    }

    #[test]
    fn an_article_gives_way_only_to_a_region_of_more_prose() {
        // an association's page taken for a listing: its portrait, and beside it a box of
        // linked news teasers that holds more characters than the portrait
        let teasers: String = (1..=24)
            .map(|i| format!("<div class=teaser><h4><a href=/n/{i}>Cooperative bank {i} elects a new board</a></h4><p>0{}.02.2020</p></div>", i % 9 + 1))
            .collect();
        let page = |paragraphs: usize| {
            let prose: String = [P1, P2, P3]
                .iter()
                .cycle()
                .take(paragraphs)
                .enumerate()
                .map(|(i, p)| format!("<p>{p} (Part {i}.)</p>"))
                .collect();
            format!("<body><main><div class=portrait>{prose}</div><div class=news>{teasers}</div></main></body>")
        };
        let teaser = "Cooperative bank 1 elects a new board";
        let k = kept_as(&page(9), PageType::Listing);
        assert!(k.len() == 9 && !k.iter().any(|t| t == teaser), "{k:?}");
        // a short introduction is no page's worth of prose: the items are the page
        let k = kept_as(&page(2), PageType::Listing);
        assert!(k.iter().any(|t| t == teaser), "{k:?}");
    }

    #[test]
    fn a_footer_tag_stays_a_footer_however_long_its_small_print() {
        let html = format!(
            "<body><main><h1>Trams</h1><h2>Faster</h2><p>New trams, every six minutes.</p><h2>Greener</h2><p>Powered by the wind.</p></main>
             <footer><p>{P1}</p><p>{P2}</p><p>{P3}</p></footer></body>"
        );
        let k = kept(&html, None);
        assert!(!k.iter().any(|t| t == P1), "{k:?}");
        // a wrapper merely named like a footer, holding the page's prose, is no footer
        let html =
            format!("<body><div class=footer-wrap><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></body>");
        assert_eq!(kept(&html, None), [P1, P2, P3]);
    }

    #[test]
    fn a_read_more_button_does_not_end_the_text() {
        let html = format!(
            "<article><div class=desc><p>{P1}</p><p>{P2}</p><p>{P3}</p><div class=toggle>Read more</div></div>
             <div class=req><h2>Requirements</h2><p>Windows 10 or later, 8 GB of memory, a graphics card with 2 GB, and 20 GB of disk space.</p></div></article>"
        );
        let k = kept(&html, None);
        assert!(k.iter().any(|t| t.starts_with("Windows 10")), "{k:?}");
    }

    #[test]
    fn a_product_cards_name_in_a_figure_is_no_caption_on_a_page_of_items() {
        let cards: String = (1..=4)
            .map(|i| format!("<figure class=card><img src=/{i}.jpg><div class=product-caption><h3>Trail running shoe model {i}</h3><p>$120.00</p></div></figure>"))
            .collect();
        let html = format!("<body><main><h1>Running shoes</h1>{cards}</main></body>");
        let k = kept_as(&html, PageType::Collection);
        assert!(k.iter().any(|t| t == "Trail running shoe model 1"), "{k:?}");
        assert!(!kept_as(&html, PageType::Article)
            .iter()
            .any(|t| t == "Trail running shoe model 1"));
    }

    #[test]
    fn a_popover_is_hidden_until_opened() {
        let html = format!(
            "<article><p>{P1}</p><div popover><p>Install our app to get notified of every reply, it is free and quick.</p></div><p>{P2}</p></article>"
        );
        assert_eq!(kept(&html, None), [P1, P2]);
    }

    #[test]
    fn a_faqs_hidden_answer_is_a_panel_and_other_hidden_text_is_not() {
        let answer =
            "Most sites are ready in four to six weeks, depending on how much content you bring.";
        let html = format!(
            "<main><h2>Questions</h2><p>{P1}</p><div><h3>How long does a site take?</h3>
             <div class=\"text-base hidden\"><p>{answer}</p></div></div>
             <div><h3>Our offices</h3><div class=hidden><p>{P3}</p></div></div><p>{P2}</p></main>"
        );
        // on a service page the answer shows, as a panel does; an article leaves it hidden
        let service = kept_as(&html, PageType::Service);
        assert!(service.iter().any(|t| t == answer), "{service:?}");
        assert!(!service.iter().any(|t| t == P3), "{service:?}");
        let article = kept_as(&html, PageType::Article);
        assert!(!article.iter().any(|t| t == answer), "{article:?}");
    }

    #[test]
    fn an_aria_accordions_hidden_panel_is_a_panel() {
        let answer =
            "A typical installation takes one to three days once the permits are approved.";
        let menu = "Residential solar, commercial solar, community solar and battery storage.";
        let html = format!(
            "<main><h2>Questions</h2><p>{P1}</p><h3><button id=q1>How long does it take?</button></h3>
             <div id=a1 aria-labelledby=q1 hidden><p>{answer}</p></div>
             <div role=menu aria-labelledby=m1 hidden><p>{menu}</p></div><p>{P2}</p></main>"
        );
        let service = kept_as(&html, PageType::Service);
        assert!(service.iter().any(|t| t == answer), "{service:?}");
        assert!(!service.iter().any(|t| t == menu), "{service:?}");
        // the HTML standard's own: hidden until find-in-page reveals it
        let found = html.replace("id=a1 aria-labelledby=q1 hidden", "hidden=until-found");
        let service = kept_as(&found, PageType::Service);
        assert!(service.iter().any(|t| t == answer), "{service:?}");
        let hidden = html.replace("id=a1 aria-labelledby=q1 hidden", "hidden");
        let service = kept_as(&hidden, PageType::Service);
        assert!(!service.iter().any(|t| t == answer), "{service:?}");
    }

    #[test]
    fn a_wrapper_of_main_named_for_a_menu_is_the_pages_frame() {
        let html = format!(
            "<body><div class=\"page left-navigation-wrapper\"><ul><li><a href=/a>Home</a></li>
             <li><a href=/b>News</a></li></ul><main><h1>Tram line</h1><p>{P1}</p><p>{P2}</p></main>
             </div><div class=gallery><p>{P3}</p><p>{P3} Again.</p></div></body>"
        );
        let kept = kept(&html, None);
        assert!(kept.iter().any(|t| t == P1), "{kept:?}");
        assert!(!kept.iter().any(|t| t == "Home"), "{kept:?}");
    }

    #[test]
    fn a_list_that_closes_the_article_is_its_own() {
        let teams = [
            "England (Group A): 10th appearance",
            "Ukraine (Group B): third appearance",
            "Spain (Group F): 11th appearance",
        ];
        let items: String = teams.iter().map(|t| format!("<li>{t}</li>")).collect();
        let html = format!(
            "<body><article><div class=body><p>{P1}</p><p>{P2}</p><h3>Qualified teams</h3><ul>{items}</ul></div>
             <div class=byline>By Roger Gonzalez</div></article></body>"
        );
        let kept = kept(&html, None);
        assert!(kept.iter().any(|t| t == "Qualified teams"), "{kept:?}");
        for t in teams {
            assert!(kept.iter().any(|k| k == t), "{t}: {kept:?}");
        }
        assert!(!kept.iter().any(|t| t.contains("Gonzalez")), "{kept:?}");
    }

    #[test]
    fn a_page_without_prose_keeps_its_text() {
        assert_eq!(kept("<body><div>Test</div></body>", None), ["Test"]);
    }
}
