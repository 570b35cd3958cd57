//! The `gleaner` command's tests, one binary: files, folders, standard input, formats and
//! exit status; web archives; the explain report in a browser.

mod cli;
mod explain_report;
mod urls;
mod warc;

#[path = "../../../../tests/support/mod.rs"]
mod support;
pub use support::{gzip, say_skipped};

/// Fails, with its standard error, when a command did not succeed.
pub fn assert_success(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
