//! The trimming pass predicts the tree builder without running it: extraction with it and
//! without it gives the same text, the same Markdown and the same metadata, on pages made
//! of tricky pieces and on the corpus pages cut and joined.

use proptest::prelude::*;

use super::untrimmed;
use crate::Extractor;

/// Pieces the trimming pass treats specially: raw text that ends where the tokenizer
/// ends it, foreign content that may hand back to HTML, attributes it cuts, nesting.
const PIECES: &[&str] = &[
    "<p>The ferry to the island leaves at nine, and the crossing takes an hour in calm weather.</p>",
    "<div class='post-body'><p>Tickets are sold on board for cash and cards alike.</p></div>",
    "<script>var a = '</div><p>not text</p>';</script>",
    "<style>p > a { color: red }</style>",
    "<svg><g><text>chart</text></g></svg>",
    "<svg><g></div><p>words after svg</p>",
    "<math><mi>x</mi><annotation encoding='application/x-tex'>x^2</annotation></math>",
    "<img src='a.png' alt='a harbour' data-x='>' title=\"t>t\">",
    "<a href='/x' onclick='go(\">\")' data-long='aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'>a link</a>",
    "<textarea><p>typed</p></textarea>",
    "<noscript><p>Enable scripts to see the timetable for the ferry.</p></noscript>",
    "<table><tr><td>Mon</td><td>9:00</td></tr><tr><td>Tue</td><td>9:30</td></tr></table>",
    "<ul><li>one stop at the harbour<li>another at the island's pier</ul>",
    "<!-- a comment with </div> inside -->",
    "<title>A title in the body</title>",
    "<template><p>later</p></template>",
    "<h2>Fares</h2>",
    "<pre><code>let x = 1;\n</code></pre>",
    "</div></span></p>",
    "<div><div><div><div><div><span><b><i>",
    "<frameset>",
    "&amp; &lt;p&gt; &#x3C;",
];

fn texts(html: &str) -> (String, String, Option<String>) {
    let ex = Extractor::new()
        .formatting(true)
        .links(true)
        .images(true)
        .comments(true);
    match ex.extract(html.as_bytes()) {
        Ok(d) => (
            d.text().to_string(),
            d.to_markdown(),
            d.title().map(str::to_string),
        ),
        Err(e) => (format!("error: {e}"), String::new(), None),
    }
}

fn same_with_and_without_trimming(html: &str) {
    let trimmed = texts(html);
    let untrimmed = untrimmed::with(|| texts(html));
    assert_eq!(trimmed, untrimmed, "page: {html}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn pages_of_tricky_pieces(picks in prop::collection::vec(0..PIECES.len(), 1..40)) {
        let body: String = picks.iter().map(|&i| PIECES[i]).collect();
        same_with_and_without_trimming(&format!(
            "<html><head><title>Ferry</title></head><body><article>{body}</article></body></html>"
        ));
    }
}

/// The last character boundary of `s` at or before `at`.
fn boundary(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[test]
fn the_switch_turns_the_trimming_pass_off() {
    // past the nesting cap the trimming pass drops tags; without it they are all there
    let deep = "<div>".repeat(super::PARSE_NESTING_CAP + 50) + "deep text";
    let trimmed = super::parse(&deep, usize::MAX, None).nodes.len();
    let untrimmed = untrimmed::with(|| super::parse(&deep, usize::MAX, None).nodes.len());
    assert!(untrimmed > trimmed, "{untrimmed} <= {trimmed}");
}

#[test]
fn corpus_pages_cut_and_joined() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/scrapinghub/pages");
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    pages.sort();
    let read = |p: &std::path::Path| {
        use std::io::Read;
        let mut s = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(p).unwrap())
            .read_to_end(&mut s)
            .unwrap();
        String::from_utf8_lossy(&s).into_owned()
    };
    for pair in pages.chunks(2).take(12) {
        let a = read(&pair[0]);
        same_with_and_without_trimming(&a);
        if let Some(b) = pair.get(1).map(|p| read(p)) {
            // the first page's start up to a point inside a tag or a script, then the
            // second page from a point of its own
            for k in [3, 5, 7] {
                let cut_a = boundary(&a, a.len() * k / 10);
                let cut_b = boundary(&b, b.len() * (10 - k) / 10);
                same_with_and_without_trimming(&(a[..cut_a].to_string() + &b[cut_b..]));
            }
        }
    }
}
