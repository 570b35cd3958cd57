//! Hostile and degenerate input: every case returns a result or a specific error, never a panic.

use gleaner::{extract, Error, Extractor, Limits};

#[test]
fn empty_and_whitespace_input() {
    let doc = extract(b"").unwrap();
    assert_eq!(doc.text(), "");
    assert_eq!(doc.title(), None);
    let doc = extract(b"   \n\t  ").unwrap();
    assert_eq!(doc.text(), "");
}

#[test]
fn nested_100k_deep_keeps_its_text() {
    let n = 100_000;
    let mut html = String::with_capacity(n * 12);
    html.push_str("<html><body>");
    for _ in 0..n {
        html.push_str("<div>");
    }
    html.push_str(
        "The innermost paragraph still holds the words of the article, and they come out.",
    );
    for _ in 0..n {
        html.push_str("</div>");
    }
    let doc = extract(html.as_bytes()).unwrap();
    assert!(
        doc.text().contains("innermost paragraph"),
        "{:?}",
        doc.text()
    );
}

#[test]
fn random_bytes_do_not_panic() {
    // a fixed xorshift stream: the same bytes on every run
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for len in [1usize, 7, 100, 4096, 100_000] {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        match extract(&bytes) {
            // every character comes from the input: at most one per byte, and no NUL
            Ok(doc) => {
                assert!(len < 100, "{len} random bytes taken for a page");
                assert!(doc.text().chars().count() <= len, "{len}");
                assert!(!doc.text().contains('\0'));
                assert!((0.0..=1.0).contains(&doc.confidence()));
            }
            // random bytes are binary data: a few are too few to tell
            Err(e) => assert!(matches!(e, gleaner::Error::NotHtml { .. }), "{e}"),
        }
    }
}

#[test]
fn nul_bytes_and_broken_markup() {
    let html = b"<html><body><p>before\0after</p><div><p>unclosed <b>bold <i>both</div></table></body><!-- open comment";
    let doc = extract(html).unwrap();
    assert!(!doc.text().contains('\0'));
    assert!(doc.text().contains("before"));
}

#[test]
fn input_limit_gives_its_error() {
    let ex = Extractor::new().limits(Limits::default().with_max_input_bytes(10));
    match ex.extract(b"<p>more than ten bytes</p>") {
        Err(Error::InputTooLarge { size: 26, max: 10 }) => {}
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn node_limit_gives_its_error() {
    let ex = Extractor::new().limits(Limits::default().with_max_nodes(100));
    let html = "<p>x</p>".repeat(1000);
    assert!(matches!(
        ex.extract(html.as_bytes()),
        Err(Error::TooManyNodes { max: 100 })
    ));
}

#[test]
fn bad_url_gives_its_error() {
    let ex = Extractor::new().url("not a url");
    assert!(matches!(
        ex.extract(b"<p>x</p>"),
        Err(Error::InvalidUrl { .. })
    ));
}

#[test]
fn many_siblings_and_scripts() {
    let mut html = String::from("<html><body><article>");
    for i in 0..20_000 {
        html.push_str(&format!(
            "<script>var a{i} = '<p>not text</p>';</script><span>w{i} </span>"
        ));
    }
    html.push_str("</article></body></html>");
    let doc = extract(html.as_bytes()).unwrap();
    assert!(!doc.text().contains("not text"));
}

/// A page of `n` paragraphs of prose, numbered.
fn article(n: usize) -> String {
    let mut html = String::from("<html><head><title>Long read</title></head><body><article>");
    for i in 0..n {
        html.push_str(&format!(
            "<p>Paragraph {i} of the long article goes on about the river, the bridge and the town, as prose does.</p>"
        ));
    }
    html.push_str("</article></body></html>");
    html
}

#[test]
fn truncated_pages_keep_what_came_before() {
    let html = article(50);
    for cut in [1, 17, 100, html.len() / 3, html.len() / 2, html.len() - 7] {
        let doc = extract(&html.as_bytes()[..cut]).unwrap();
        if cut > html.len() / 3 {
            assert!(
                doc.text().contains("Paragraph 3 of the long article"),
                "cut {cut}"
            );
        }
    }
}

#[test]
fn a_50_mb_page_is_extracted() {
    let html = article(500_000);
    assert!(html.len() > 50_000_000);
    let doc = extract(html.as_bytes()).unwrap();
    assert!(doc.text().contains("Paragraph 499999 of the long article"));
}

/// Found by profiling: each comment used to be searched for `--!>` to the end of the page,
/// so a page of many comments took time quadratic in its size (a 1 MB page 0.8 s; this one
/// would run past the default time budget and fail).
#[test]
fn many_comments_take_linear_time() {
    let mut html = String::from("<html><body><p><!-- y --!>b ");
    for _ in 0..800_000 {
        html.push_str("<!--x-->a ");
    }
    html.push_str("</p></body></html>");
    assert!(html.len() > 8_000_000);
    let doc = extract(html.as_bytes()).unwrap();
    assert!(doc.text().starts_with("b a a a"));
}

/// Found by review of the pass that trims script text before parsing: it looked for the
/// end tag of each SVG `<title>` holding a tag as far as the page went, once per title.
/// That pass runs before the time budget is first checked, so this page (4.2 MB) would
/// have run for hours.
#[test]
fn many_svg_titles_holding_tags_take_linear_time() {
    let html = format!(
        "<html><body><p>Text before.</p><svg>{}</svg><script>x()</script></body></html>",
        "<title><g></g>".repeat(300_000)
    );
    assert!(html.len() > 4_000_000);
    let doc = extract(html.as_bytes()).unwrap();
    assert!(doc.text().contains("Text before."));
}

/// Found while making the trim pass read tags as the tokenizer does: the cap on a tag's
/// attributes took the first `>` for the tag's end, so attributes whose values hold `>`
/// escaped it, and html5ever's quadratic duplicate check ran over 400,000 of them (past
/// the time budget).
#[test]
fn attributes_with_gt_signs_in_their_values_are_capped() {
    let attrs: String = (0..400_000).map(|i| format!(" a{i}=\">\"")).collect();
    let html = format!("<html><body><p{attrs}>Text after.</p></body></html>");
    assert!(html.len() > 4_000_000);
    let doc = extract(html.as_bytes()).unwrap();
    assert_eq!(doc.text(), "Text after.");
}

/// Found by review: the title cleaner called itself once per " | site" part, each call
/// copying the rest (an 800 kB title took 68 s); a stray `<body>` tag re-read every
/// attribute gathered so far (2 MB took 40 s). Both would now fail the default time budget
/// if they came back.
#[test]
fn giant_titles_and_repeated_body_tags() {
    let title = format!(
        "<html><head><title>A{}</title><meta property=\"og:site_name\" content=\"x.com\"></head><body>{}</body></html>",
        " | x.com".repeat(200_000),
        article(3)
    );
    let doc = extract(title.as_bytes()).unwrap();
    assert!(doc.title().is_some_and(|t| t.len() <= 2048));
    let body = format!(
        "<html><body class=\"{}\">{}{}</body></html>",
        "nav ".repeat(250_000),
        article(3),
        "<body>".repeat(400_000)
    );
    let doc = extract(body.as_bytes()).unwrap();
    assert!(doc.text().contains("Paragraph 2 of the long article"));
}

/// html5ever checks each attribute of a tag against all before it: a tag with 500,000
/// attributes (7 MB) ran past the default time budget. Attributes past the 1,024th go.
#[test]
fn a_tag_with_half_a_million_attributes() {
    let attrs: Vec<String> = (0..500_000).map(|i| format!("a{i}=\"x y\"")).collect();
    let html = format!(
        "<html><body><div {}>{}</div></body></html>",
        attrs.join(" "),
        article(3)
    );
    assert!(html.len() > 6_000_000);
    let doc = extract(html.as_bytes()).unwrap();
    assert!(doc.text().contains("Paragraph 2 of the long article"));
}

#[test]
fn a_million_siblings() {
    let mut html = String::from("<html><body><div>");
    for _ in 0..1_000_000 {
        html.push_str("<span>x</span>");
    }
    html.push_str("</div></body></html>");
    extract(html.as_bytes()).unwrap();
}

#[test]
fn a_charset_declaration_that_lies() {
    // says windows-1251, is UTF-8: the UTF-8 is trusted
    let html = "<html><head><meta charset=\"windows-1251\"></head><body><article><p>Zürich café: naïve façades, crème brûlée and the Øresund, all in one sentence of prose.</p></article></body></html>";
    let doc = extract(html.as_bytes()).unwrap();
    assert!(doc.text().contains("Zürich café"), "{}", doc.text());
    // says UTF-8, is windows-1252: invalid bytes become U+FFFD, nothing panics
    let mut bytes = b"<html><head><meta charset=\"utf-8\"></head><body><p>".to_vec();
    bytes.extend_from_slice(b"caf\xe9 na\xefve \xff\xfe\xc3 end");
    bytes.extend_from_slice(b"</p></body></html>");
    let doc = extract(&bytes).unwrap();
    assert!(!doc.text().contains('\u{0}'));
}

/// `s` in UTF-16, little- or big-endian, with or without a byte-order mark.
fn utf16(s: &str, little: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom.then_some(0xFEFFu16).into_iter().chain(s.encode_utf16());
    for u in units {
        out.extend_from_slice(&if little {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

#[test]
fn utf16_with_and_without_bom() {
    let page = "<html><body><article><p>Grüße aus Köln: the cathedral square was full on Sunday, and the bells rang at noon.</p></article></body></html>";
    for little in [true, false] {
        let doc = extract(&utf16(page, little, true)).unwrap();
        assert!(doc.text().contains("Grüße aus Köln"), "{}", doc.text());
        // without a mark nothing says UTF-16 (browsers do not guess it either): any
        // result, no panic, no NUL in the text
        let doc = extract(&utf16(page, little, false)).unwrap();
        assert!(!doc.text().contains('\0'));
    }
}

#[test]
fn giant_attributes_and_many_styles() {
    let big = "a".repeat(10 << 20);
    let mut html = format!("<html><body><div class=\"{big}\" data-x=\"{big}\"><article><p>After the giant attribute comes the article text, long enough to be prose.</p></article></div>");
    for i in 0..5_000 {
        html.push_str(&format!(
            "<style>.c{i} {{ color: red }}</style><script>x={i}</script>"
        ));
    }
    html.push_str("</body></html>");
    let doc = extract(html.as_bytes()).unwrap();
    assert!(doc.text().contains("giant attribute"));
    assert!(!doc.text().contains("color"));
}

#[test]
fn unclosed_comments_cdata_and_entities() {
    for html in [
        "<p>before the comment, some words of text</p><!-- never closed <p>hidden</p>",
        "<p>before the cdata, some words of text</p><![CDATA[ never closed <p>x</p>",
        "<p>before the svg, some words of text</p><svg><![CDATA[ never closed",
        "<p>before the tag, some words of text</p><div class=\"never closed",
    ] {
        let doc = extract(html.as_bytes()).unwrap();
        assert!(doc.text().contains("some words"), "{html}");
        assert!(!doc.text().contains("hidden"));
    }
    // HTML has no entity expansion to bomb, but entities by the million still decode
    let html = format!(
        "<p>{}&#99999999999;&#x0;&#xD800;&nosuchentity;</p>",
        "&amp;&lt;&#x1F600;".repeat(300_000)
    );
    let doc = extract(html.as_bytes()).unwrap();
    assert!(doc.text().starts_with("&<😀&<😀"));
    assert!(!doc.text().contains('\0'));
}

#[test]
fn template_svg_and_math_hold_no_article_text() {
    let html = "<html><body><article><p>The visible paragraph of the article, with enough words to be prose.</p>\
        <template><p>template words never shown to a reader</p></template>\
        <svg><text>svg label words</text><foreignObject><p>foreign words</p></foreignObject></svg>\
        <math><mi>x</mi><mtext>math words</mtext></math></article></body></html>";
    let doc = extract(html.as_bytes()).unwrap();
    assert!(doc.text().contains("visible paragraph"));
    for hidden in ["template words", "svg label", "math words"] {
        assert!(!doc.text().contains(hidden), "{hidden}: {}", doc.text());
    }
}

#[test]
fn time_budget_gives_its_error_or_a_truncated_result() {
    use std::time::Duration;
    let html = article(200_000); // about 22 MB: far more than a millisecond of work
    let mut limits = Limits::default().with_time_budget(Some(Duration::from_millis(1)));
    let mut ex = Extractor::new().limits(limits);
    match ex.extract(html.as_bytes()) {
        Err(e @ Error::TimeBudgetExceeded { .. }) => {
            assert!(e.to_string().contains("time budget of 1ms"))
        }
        other => panic!("unexpected {:?}", other.map(|d| d.text().len())),
    }
    limits.truncate = true;
    ex = ex.limits(limits);
    let doc = ex.extract(html.as_bytes()).unwrap();
    assert!(doc.truncated());
    assert!(doc.text().contains("Paragraph 0 of the long article"));
    assert!(!doc.text().contains("Paragraph 199999 of"));
}

#[test]
fn node_and_input_limits_can_truncate() {
    let html = article(2_000);
    let mut ex = Extractor::new().limits(Limits::default().with_max_nodes(500).with_truncate(true));
    let doc = ex.extract(html.as_bytes()).unwrap();
    assert!(doc.truncated());
    assert!(doc.text().contains("Paragraph 0 of"));
    assert!(!doc.text().contains("Paragraph 1999 of"));
    ex = ex.limits(
        Limits::default()
            .with_max_input_bytes(10_000)
            .with_truncate(true),
    );
    let doc = ex.extract(html.as_bytes()).unwrap();
    assert!(doc.truncated());
    assert!(doc.text().contains("Paragraph 1 of"));
    // within the limits nothing is marked
    assert!(!extract(html.as_bytes()).unwrap().truncated());
}

/// Regression: a node limit reached inside html5ever's adoption agency (misnested
/// formatting tags on a real news page) once made the tree builder panic.
#[test]
fn node_limits_anywhere_in_a_real_page() {
    use std::io::Read;
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/scrapinghub/pages/042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856.html.gz"
    );
    let mut html = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_end(&mut html)
        .unwrap();
    for max_nodes in [1, 5, 50, 200, 500] {
        for truncate in [false, true] {
            let ex = Extractor::new().limits(
                Limits::default()
                    .with_max_nodes(max_nodes)
                    .with_truncate(truncate),
            );
            match ex.extract(&html) {
                Ok(doc) => assert!(truncate && doc.truncated()),
                Err(e) => assert!(!truncate && matches!(e, Error::TooManyNodes { .. })),
            }
        }
    }
}

/// Inputs the fuzzers found (`tests/fixtures/fuzz/`), run as the fuzz target that found
/// them runs them: none may panic.
#[test]
fn fuzz_findings_stay_fixed() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");
    let ex = Extractor::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let data = std::fs::read(entry.path()).unwrap();
        // the warc target: records, their HTTP responses, their pages; then the bytes as
        // one HTTP response, and as a page
        let name = entry.file_name();
        let records = gleaner::warc::Reader::with_limit(&data[..], 1 << 20).take(1000);
        for record in records.flatten() {
            if let Ok(r) = gleaner::warc::http_response(&record.block, 1 << 20) {
                assert!(r.body.len() <= 1 << 20, "{name:?}");
            }
            // a page comes out as one JSON object naming its record
            if let gleaner::warc::Extracted::Page(line) =
                gleaner::warc::extract_record(&ex, &record)
            {
                let v: serde_json::Value = serde_json::from_str(&line).unwrap();
                assert_eq!(v["warc_offset"], record.offset, "{name:?}");
            }
        }
        if let Ok(r) = gleaner::warc::http_response(&data, 1 << 16) {
            assert!(r.body.len() <= 1 << 16, "{name:?}");
        }
        let doc = extract(&data).unwrap();
        let v: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
        assert_eq!(v["text"], doc.text(), "{name:?}");
    }
}

#[test]
fn binary_input_is_not_taken_for_a_page() {
    // an executable's first bytes, then the mixed text and zeros of its body
    let mut elf = b"\x7fELF\x02\x01\x01\x00".to_vec();
    elf.extend(b"\x00\x00\x00usage: ls [OPTION]... [FILE]...\x00\x01\x02".repeat(200));
    let err = extract(&elf).unwrap_err();
    assert!(matches!(err, Error::NotHtml { .. }), "{err}");
    // the same body without the header is still binary: one byte in six is a control
    let err = extract(&elf[8..]).unwrap_err();
    assert!(
        err.to_string().starts_with("input is not a web page"),
        "{err}"
    );
}

#[test]
fn compressed_input_is_inflated() {
    let page = b"<html><body><article><p>The ferry to the island leaves at nine, and the crossing takes an hour in calm weather.</p></article></body></html>";
    let doc = extract(&crate::gzip(page)).unwrap();
    assert!(
        doc.text().starts_with("The ferry to the island"),
        "{}",
        doc.text()
    );
}

/// Found by timing hostile nesting: past the nesting cap, tags that never nest (`<li>`,
/// `<p>`) and stray end tags still reached the tree builder, which scans its stack of open
/// elements for each; this page (9.6 MB, 1.6 million such tags at a depth of 4,000) ran
/// past the default time budget and failed.
#[test]
fn tags_past_the_nesting_cap_take_linear_time() {
    let html = format!(
        "<html><body>{}{}</body></html>",
        "<div>".repeat(4_000),
        "<li>a </ul>b ".repeat(800_000)
    );
    assert!(html.len() > 9_000_000);
    let doc = extract(html.as_bytes()).unwrap();
    assert_eq!(doc.text().matches("a b").count(), 800_000);
}
