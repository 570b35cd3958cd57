//! WARC input for the command: records read as a stream, extracted on every core, written
//! as JSON Lines in the order of the archive.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::mpsc::sync_channel;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use gleaner::warc::{self, Extracted as Outcome, Record};
use gleaner::Extractor;

/// Records in flight ahead of the next one to write, per worker: bounds the memory held
/// by a slow page while the others go on.
const WINDOW_PER_JOB: usize = 16;

/// Whether `p` names a WARC file.
pub fn is_warc(p: &Path) -> bool {
    let name = p
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// What happened to the records of one file.
#[derive(Default)]
struct Counts {
    records: usize,
    pages: usize,
    not_html: usize,
    other: usize,
    errors: usize,
}

/// Extracts every HTML response of the WARC file at `path` on `jobs` threads, writing JSON
/// Lines to `out` in the order of the archive. Returns whether any record failed.
pub fn run(path: &Path, extractor: &Extractor, jobs: usize, out: &mut (dyn Write + Send)) -> bool {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("gleaner: {}: {e}", path.display());
            return true;
        }
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let max_body = extractor.current_limits().max_input_bytes;
    let mut reader = warc::Reader::with_limit(file, max_body.saturating_add(1 << 20));
    let jobs = jobs.max(1);
    let window = jobs * WINDOW_PER_JOB;
    let progress = std::io::stderr().is_terminal();
    let started = Instant::now();
    let counts = Mutex::new(Counts::default());
    // results waiting for their turn, and the number of the next one to write
    let ready: Mutex<(usize, BTreeMap<usize, Outcome>)> = Mutex::new((0, BTreeMap::new()));
    let room = Condvar::new();
    let write_failed = std::sync::atomic::AtomicBool::new(false);
    let out = Mutex::new(out);
    let deliver = |i: usize, outcome: Outcome| {
        let mut r = ready.lock().unwrap_or_else(|p| p.into_inner());
        r.1.insert(i, outcome);
        let mut c = counts.lock().unwrap_or_else(|p| p.into_inner());
        let mut o = out.lock().unwrap_or_else(|p| p.into_inner());
        while let Some(outcome) = {
            let k = r.0;
            r.1.remove(&k)
        } {
            r.0 += 1;
            c.records += 1;
            match outcome {
                Outcome::Page(line) => {
                    c.pages += 1;
                    if o.write_all(line.as_bytes()).is_err() || o.write_all(b"\n").is_err() {
                        write_failed.store(true, std::sync::atomic::Ordering::Relaxed);
                    }
                }
                Outcome::NotHtml => c.not_html += 1,
                Outcome::Other => c.other += 1,
                Outcome::Failed(e) => {
                    c.errors += 1;
                    eprintln!("gleaner: {}: {e}", path.display());
                }
            }
        }
        drop(o);
        drop(c);
        drop(r);
        room.notify_all();
    };
    let (tx, rx) = sync_channel::<(usize, Record)>(jobs * 2);
    let rx = Mutex::new(rx);
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let next = rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
                let Ok((i, record)) = next else { break };
                // a bug in the library must not end the whole run: report the record instead
                let outcome = std::panic::catch_unwind(|| warc::extract_record(extractor, &record))
                    .unwrap_or_else(|_| {
                        Outcome::Failed(format!(
                            "record at offset {}: internal error (panic) while extracting",
                            record.offset
                        ))
                    });
                deliver(i, outcome);
            });
        }
        let mut last_report = Instant::now();
        let mut i = 0;
        loop {
            let item = reader.next();
            let Some(item) = item else { break };
            match item {
                Ok(record) => {
                    // wait while too many records are ahead of the next one to write
                    let mut r = ready.lock().unwrap_or_else(|p| p.into_inner());
                    while i >= r.0 + window {
                        r = room
                            .wait_timeout(r, Duration::from_millis(100))
                            .unwrap_or_else(|p| p.into_inner())
                            .0;
                    }
                    drop(r);
                    if tx.send((i, record)).is_err() {
                        break;
                    }
                }
                Err(e) => deliver(i, Outcome::Failed(e.to_string())),
            }
            i += 1;
            if progress && last_report.elapsed() > Duration::from_millis(500) {
                last_report = Instant::now();
                let secs = started.elapsed().as_secs_f64().max(1e-9);
                let done = reader.bytes_read();
                eprint!(
                    "\r{}: {i} records, {:.0}% of the file, {:.0} records/s, {:.1} MB/s   ",
                    path.display(),
                    100.0 * done as f64 / size.max(1) as f64,
                    i as f64 / secs,
                    done as f64 / 1e6 / secs
                );
            }
        }
        drop(tx);
    });
    let c = counts.into_inner().unwrap_or_else(|p| p.into_inner());
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    if progress {
        eprintln!();
    }
    eprintln!(
        "{}: {} records in {secs:.1} s ({:.0} records/s): {} pages extracted, {} not HTML, {} other records, {} errors",
        path.display(),
        c.records,
        c.records as f64 / secs,
        c.pages,
        c.not_html,
        c.other,
        c.errors
    );
    c.errors > 0 || write_failed.into_inner()
}
