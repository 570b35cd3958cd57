//! Fuzz target: the WARC reader and the HTTP response decoder on arbitrary bytes, plain
//! and gzipped, then extraction of every record that holds a page.
#![no_main]

use std::io::Write;

use gleaner::warc::{self, Reader};
use gleaner::Extractor;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ex = Extractor::new();
    let gz = {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    };
    for input in [data, &gz[..]] {
        for item in Reader::with_limit(input, 1 << 20).take(1000) {
            if let Ok(record) = item {
                let _ = warc::http_response(&record.block, 1 << 20);
                let _ = warc::extract_record(&ex, &record);
            }
        }
    }
    // the block alone, as an HTTP response
    let _ = warc::http_response(data, 1 << 16);
});
