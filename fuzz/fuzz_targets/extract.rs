//! Fuzz target: extraction from arbitrary bytes with options chosen by the input's first
//! bytes, then every output format. Nothing may panic, hang or grow without bound.
#![no_main]

use gleaner::{Extractor, Favor, Format, Limits};
use libfuzzer_sys::fuzz_target;

/// Charset labels the caller might pass, good and bad.
const CHARSETS: [&str; 6] = ["utf-8", "windows-1252", "shift_jis", "utf-16le", "x-bogus", ""];

fuzz_target!(|data: &[u8]| {
    let Some((&[a, b], page)) = data.split_first_chunk::<2>() else {
        return;
    };
    let mut ex = Extractor::new()
        .comments(a & 1 != 0)
        .tables(a & 2 != 0)
        .captions(a & 4 != 0)
        .links(a & 8 != 0)
        .images(a & 16 != 0)
        .favor(match (a >> 5) % 3 {
            0 => Favor::Balanced,
            1 => Favor::Precision,
            _ => Favor::Recall,
        });
    if b & 1 != 0 {
        ex = ex.url("https://example.com/a/b/page.html?q=1");
    }
    if b & 2 != 0 {
        ex = ex.charset(CHARSETS[(b as usize >> 2) % CHARSETS.len()]);
    }
    ex = ex.formatting(b & 0x20 != 0);
    if b & 0x80 != 0 {
        // small limits, so the limit paths are fuzzed too
        ex = ex.limits(
            Limits::default()
                .with_max_input_bytes(1 << 16)
                .with_max_depth(8)
                .with_max_nodes(64)
                .with_truncate(b & 0x40 != 0),
        );
    }
    if b & 0x10 != 0 {
        if let Ok(ex) = ex.explain(page) {
            let report = ex.report();
            assert_eq!(report.matches("<script>").count(), 1);
        }
        return;
    }
    if let Ok(doc) = ex.extract(page) {
        for f in [Format::Text, Format::Markdown, Format::Json, Format::Html] {
            let out = doc.render(f);
            assert!(std::str::from_utf8(out.as_bytes()).is_ok());
        }
        let html = doc.to_html();
        assert!(!html.contains("<script"), "{html}");
    }
});
