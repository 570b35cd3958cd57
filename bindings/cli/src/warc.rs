//! WARC input for the command: records read as a stream, extracted on every core by the
//! command's pool, written as JSON Lines in the order of the archive.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use gleaner::warc::{self, Counts, Extracted};
use gleaner::Extractor;

use crate::pool;

/// Whether `p` names a WARC file.
pub fn is_warc(p: &Path) -> bool {
    let name = p
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// How often the progress line is rewritten.
const PROGRESS_EVERY: Duration = Duration::from_millis(500);

/// Extracts every HTML response of the WARC file at `path` on `jobs` threads, writing JSON
/// Lines to `out` in the order of the archive. Returns whether any record failed.
pub fn run(
    path: &Path,
    extractor: &Extractor,
    json: gleaner::JsonOptions,
    jobs: usize,
    out: &mut (dyn Write + Send),
) -> bool {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("gleaner: {}: {e}", path.display());
            return true;
        }
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut reader = warc::reader_for(file, extractor);
    let bytes_read = AtomicU64::new(0);
    let records = std::iter::from_fn(|| {
        let record = reader.next();
        bytes_read.store(reader.bytes_read(), Ordering::Relaxed);
        record
    });
    let progress = std::io::stderr().is_terminal();
    let started = Instant::now();
    let mut last_report = Instant::now();
    let mut counts = Counts::default();
    let mut write_failed = false;
    pool::ordered(
        records,
        jobs,
        |record| record.map(|r| warc::extract_record_with(extractor, &r, json)),
        |i, outcome| {
            counts.add(&outcome);
            match &outcome {
                Ok(Extracted::Page(line)) => {
                    if out.write_all(line.as_bytes()).is_err() || out.write_all(b"\n").is_err() {
                        write_failed = true;
                    }
                }
                Ok(Extracted::NotHtml | Extracted::Other) => {}
                Ok(Extracted::Failed(e)) => eprintln!("gleaner: {}: {e}", path.display()),
                Err(e) => eprintln!("gleaner: {}: {e}", path.display()),
            }
            if progress && last_report.elapsed() > PROGRESS_EVERY {
                last_report = Instant::now();
                let secs = started.elapsed().as_secs_f64().max(1e-9);
                let done = bytes_read.load(Ordering::Relaxed);
                eprint!(
                    "\r{}: {} records, {:.0}% of the file, {:.0} records/s, {:.1} MB/s   ",
                    path.display(),
                    i + 1,
                    100.0 * done as f64 / size.max(1) as f64,
                    (i + 1) as f64 / secs,
                    done as f64 / 1e6 / secs
                );
            }
        },
    );
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    if progress {
        eprintln!();
    }
    eprintln!(
        "{}: {} records in {secs:.1} s ({:.0} records/s): {} pages extracted, {} not HTML, {} other records, {} errors",
        path.display(),
        counts.records,
        counts.records as f64 / secs,
        counts.pages,
        counts.not_html,
        counts.other,
        counts.errors
    );
    counts.errors > 0 || write_failed
}
