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
        let doc = extract(&bytes).unwrap();
        assert!(std::str::from_utf8(doc.text().as_bytes()).is_ok());
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
    let mut ex = Extractor::new();
    ex.limits(Limits {
        max_input_bytes: 10,
        ..Limits::default()
    });
    match ex.extract(b"<p>more than ten bytes</p>") {
        Err(Error::InputTooLarge { size: 26, max: 10 }) => {}
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn node_limit_gives_its_error() {
    let mut ex = Extractor::new();
    ex.limits(Limits {
        max_nodes: 100,
        ..Limits::default()
    });
    let html = "<p>x</p>".repeat(1000);
    assert!(matches!(
        ex.extract(html.as_bytes()),
        Err(Error::TooManyNodes { max: 100 })
    ));
}

#[test]
fn bad_url_gives_its_error() {
    let mut ex = Extractor::new();
    ex.url("not a url");
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
