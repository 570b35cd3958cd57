//! Helpers the engine's and the command's test suites share (each includes this file).

/// Says that a test skipped its work, and why, straight to the terminal: libtest shows a
/// test's own output (`println!`, `eprintln!`) only when it fails, and would show `ok`.
pub fn say_skipped(why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {why}");
}

/// `bytes` gzipped.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}
