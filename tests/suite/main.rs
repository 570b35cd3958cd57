//! The engine's integration tests, one binary: the library from outside as a user calls
//! it, hostile input, outputs and accuracy on the corpus. (The C library's tests are in
//! `bindings/c/tests`, the command's in `bindings/cli/tests`.)
//! (`tests/memory.rs` is a binary of its own: it counts every allocation.)

mod accuracy;
mod fixtures;
mod hostile;
mod metadata;
mod outputs;
mod properties;

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
