//! Fuzz target: the trimming pass predicts the tree builder without running it, so
//! extraction with it and without it gives the same text and Markdown.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn extract(data: &[u8]) -> (String, String) {
    let ex = gleaner::Extractor::new()
        .formatting(true).links(true);
    match ex.extract(data) {
        Ok(d) => (d.text().to_string(), d.to_markdown()),
        Err(e) => (format!("error: {e}"), String::new()),
    }
}

fuzz_target!(|data: &[u8]| {
    let trimmed = extract(data);
    let untrimmed = gleaner::internals::without_trimming(|| extract(data));
    assert_eq!(trimmed, untrimmed);
});
