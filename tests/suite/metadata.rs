//! Metadata rules as a user sees them: the publication date, the author, the title.

use gleaner::{Document, Extractor};

const PROSE: &str = "<p>The new dam on the upper river opened on Friday after six years of \
    building, and its gates were raised for the first time in front of a crowd.</p>\
    <p>Engineers said the reservoir would take two winters to fill, and the power station \
    will reach full output after that, or so the council hopes.</p>";

fn page(head: &str, body: &str) -> Document {
    let html = format!("<html><head>{head}</head><body>{body}</body></html>");
    Extractor::new().extract(html.as_bytes()).unwrap()
}

#[test]
fn a_date_line_by_the_headline_dates_the_page() {
    let d = page(
        "<title>Dam opens</title>",
        &format!("<article><h1>Dam opens</h1><p>December 15, 2025</p>{PROSE}</article>"),
    );
    assert_eq!(d.date(), Some("2025-12-15"));
    let d = page(
        "<title>Dam opens</title>",
        &format!("<article><h1>Dam opens</h1><p>15 de diciembre de 2025</p>{PROSE}</article>"),
    );
    assert_eq!(d.date(), Some("2025-12-15"));
}

#[test]
fn the_publication_date_comes_before_an_update() {
    let d = page(
        "<title>Dam opens</title>",
        &format!(
            "<article><h1>Dam opens</h1><p>Last updated: Dec 4, 2025</p><p>March 3, 2024</p>{PROSE}</article>"
        ),
    );
    assert_eq!(d.date(), Some("2024-03-03"));
    // a modification date alone is no publication date
    let d = page(
        r#"<meta property="article:modified_time" content="2025-12-04T10:00:00Z">"#,
        &format!("<article><h1>Dam opens</h1>{PROSE}</article>"),
    );
    assert_eq!(d.date(), None);
}

#[test]
fn a_declared_utc_moment_takes_the_pages_own_day() {
    let d = page(
        r#"<meta property="article:published_time" content="2025-12-19T02:41:41+00:00">"#,
        &format!(
            r#"<article><h1>Dam opens</h1><time datetime="2025-12-18T21:41:41-05:00">Dec 18</time>{PROSE}</article>"#
        ),
    );
    assert_eq!(d.date(), Some("2025-12-18"));
    // the same day, or no local time to go by: the declared day stands
    let d = page(
        r#"<meta property="article:published_time" content="2025-12-19T02:41:41+00:00">"#,
        &format!("<article><h1>Dam opens</h1>{PROSE}</article>"),
    );
    assert_eq!(d.date(), Some("2025-12-19"));
}

#[test]
fn a_comments_date_and_author_are_not_the_pages() {
    let d = page(
        "<title>Dam opens</title>",
        &format!(
            r#"<article><h1>Dam opens</h1>{PROSE}</article>
            <section id="comments"><ol class="comment-list"><li class="comment">
            <div class="comment-author">Anna Berg</div><div class="comment-date">3 May 2024</div>
            <p>Finally! We have waited for this dam for a very long time.</p></li></ol></section>"#
        ),
    );
    assert_eq!(d.date(), None);
    assert_eq!(d.author(), None);
}

#[test]
fn a_person_named_comes_before_the_sites_name() {
    let d = page(
        r#"<meta name="author" content="The Valley Post"><meta property="og:site_name" content="The Valley Post">"#,
        &format!(r#"<article><h1>Dam opens</h1><p>By Jane Doe</p>{PROSE}</article>"#),
    );
    assert_eq!(d.author(), Some("Jane Doe"));
    // where no person is named, the site is the author
    let d = page(
        r#"<meta name="author" content="The Valley Post"><meta property="og:site_name" content="The Valley Post">"#,
        &format!("<article><h1>Dam opens</h1>{PROSE}</article>"),
    );
    assert_eq!(d.author(), Some("The Valley Post"));
}

#[test]
fn bylines_give_names_cleaned() {
    let d = page(
        "<title>Dam opens</title>",
        &format!(
            r#"<article><h1>Dam opens</h1><p><a href="/author/jane-doe">Jane Doe</a></p>{PROSE}</article>"#
        ),
    );
    assert_eq!(d.author(), Some("Jane Doe"));
    let d = page(
        "<title>Dam opens</title>",
        &format!(
            r#"<article><h1>Dam opens</h1><div class="byline">Dec 17, 2025Julian K. Arni</div>{PROSE}</article>"#
        ),
    );
    assert_eq!(d.author(), Some("Julian K. Arni"));
    let d = page(
        "<title>Dam opens</title>",
        &format!("<article><h1>Dam opens</h1><p>Written by: Elise Nass</p>{PROSE}</article>"),
    );
    assert_eq!(d.author(), Some("Elise Nass"));
}

#[test]
fn the_headline_shown_is_the_title_when_it_agrees() {
    let d = page(
        "<title>Dam on the upper river opens after six years | The Valley Post</title>",
        &format!("<article><h1>Dam on the upper river opens after six years of work¶</h1>{PROSE}</article>"),
    );
    assert_eq!(
        d.title(),
        Some("Dam on the upper river opens after six years of work")
    );
    // an <h1> that shares too little with the title is not the headline
    let d = page(
        r#"<title>Dam opens | The Valley Post</title><meta property="og:site_name" content="The Valley Post">"#,
        &format!("<article><h1>Weather</h1>{PROSE}</article>"),
    );
    assert_eq!(d.title(), Some("Dam opens"));
}

#[test]
fn the_headline_may_be_a_styled_line_or_another_heading() {
    // the headline set in a paragraph below a long menu, its date a few lines below
    let menu = "<p>A short line of the menu.</p>".repeat(24);
    let d = page(
        "<title>Dam opens</title>",
        &format!("<div>{menu}<p class=\"text-4xl\">Dam opens</p><p>By Ana Ruiz</p><p>Dec 17, 2025</p><p>6 min read</p>{PROSE}</div>"),
    );
    assert_eq!(d.date(), Some("2025-12-17"));
    // the title names a section heading far below the <h1>, whose date line is below it
    let filler = &menu[..8 * "<p>A short line of the menu.</p>".len()];
    let d = page(
        "<title>How the gates work</title>",
        &format!("<main><h1>The new dam on the upper river</h1><h5>2024-11-06</h5>{filler}<h2>How the gates work</h2>{PROSE}</main>"),
    );
    assert_eq!(d.date(), Some("2024-11-06"));
    // more publication <meta> names
    for name in ["published-date", "published", "ms.date"] {
        let d = page(
            &format!(r#"<meta name="{name}" content="February 16, 2021">"#),
            &format!("<article>{PROSE}</article>"),
        );
        assert_eq!(d.date(), Some("2021-02-16"), "{name}");
    }
}

#[test]
fn a_thread_is_dated_by_its_first_post_unless_it_declares_a_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/forum.html");
    let html = std::fs::read_to_string(path).unwrap();
    let d = Extractor::new().extract(html.as_bytes()).unwrap();
    assert_eq!(d.page_type().name(), "forum");
    assert_eq!(d.date(), Some("2024-04-09"), "the first post's date");
    let declared = html.replace(
        "<meta charset=\"utf-8\">",
        "<meta charset=\"utf-8\"><meta itemprop=\"datePublished\" content=\"2023-01-02T10:00:00+00:00\">",
    );
    let d = Extractor::new().extract(declared.as_bytes()).unwrap();
    assert_eq!(d.date(), Some("2023-01-02"));
}

/// A product page's lines that its classes name "info" or "meta" are its product's, not
/// an author's: the author of a shop's page is only one the page declares.
#[test]
fn a_product_page_has_no_author_from_its_info_lines() {
    let html = r#"<html><head><title>Trail Runner 2 | Peak Shoes</title>
        <script type="application/ld+json">{"@type":"Product","name":"Trail Runner 2","offers":{"@type":"Offer","price":"89.00","priceCurrency":"USD"}}</script></head>
        <body><main><h1>Trail Runner 2</h1><div class="product-info"><span>Color: Black</span></div>
        <div class="product-meta"><span class="info">Free returns</span></div>
        <p class="price">$89.00</p><button>Add to cart</button>
        <div class="description"><p>A light trail shoe with a grippy sole, a roomy toe box and a cushioned heel for long days on rough ground.</p>
        <ul class="product-info"><li>Weight: 280 g</li><li>Drop: 6 mm</li><li>Lugs: 4 mm</li></ul></div></main></body></html>"#;
    let doc = gleaner::extract(html.as_bytes()).unwrap();
    assert_eq!(doc.page_type(), gleaner::PageType::Product);
    assert_eq!(doc.author(), None);
}

#[test]
fn a_threads_author_is_its_first_poster() {
    // a forum thread as XenForo writes it: each post's author a link named "username"
    let post = |who: &str, id: u32, text: &str| {
        format!(
            r#"<article class="message message--post"><div class="message-cell message-cell--user"><h4 class="message-name"><a href="/members/{}.{id}/" class="username" data-user-id="{id}">{who}</a></h4></div><div class="message-cell message-cell--main"><time datetime="2025-03-27T10:00:00+0000">Mar 27, 2025</time><div class="bbWrapper">{text}</div></div></article>"#,
            who.to_lowercase()
        )
    };
    let d = page(
        "<title>You and your friends have to fight Giygas | ResetEra</title>",
        &format!(
            "<h1>You and your friends have to fight Giygas</h1>{}{}",
            post("TissueBox", 529, "You and your closest friends have been chosen by a twist of fate to prevent the end of the world. What is next, and who comes along?"),
            post("Poltergust", 1021, "Do I unlock latent psychic powers on my journey? Because if not, I would rather leave the Earth to its fate.")
        ),
    );
    assert_eq!(d.author(), Some("TissueBox"));
}
