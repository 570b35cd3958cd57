//! Web archives from C: the pages of a WARC file, extracted one by one with the library's
//! [`gleaner_engine::warc::Pages`].

use super::options::gleaner_options;
use super::status::{gleaner_status, set_last_error};
use super::{boundary, utf8};
use gleaner_engine::warc::{Extracted, Pages, WarcError};
use gleaner_engine::Extractor;

/// A WARC file being read (`.warc` or `.warc.gz`). Open with `gleaner_warc_open`, free with
/// `gleaner_warc_free`. A reader is used by one thread at a time; open one per file to
/// read several files at once.
pub struct gleaner_warc {
    pages: Pages<std::fs::File>,
    line: String,
}

/// Opens the WARC file at `path` (UTF-8 of `len` bytes, not NUL-terminated) and writes a
/// new reader to `*warc_out`.
///
/// Returns `NullArgument`, `InvalidUtf8`, or `Io` if the file cannot be opened.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_warc_open(
    path: *const u8,
    len: usize,
    warc_out: *mut *mut gleaner_warc,
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(warc_out, "warc_out");
        // SAFETY: forwarded from the caller.
        let path = match unsafe { utf8(path, len) } {
            Ok(p) => p,
            Err(status) => return status,
        };
        match std::fs::File::open(path) {
            Ok(f) => {
                let w = Box::new(gleaner_warc {
                    pages: Pages::new(f, Extractor::new()),
                    line: String::new(),
                });
                // SAFETY: `warc_out` is valid for writes.
                unsafe { *warc_out = Box::into_raw(w) };
                gleaner_status::Ok
            }
            Err(e) => {
                set_last_error(format!("{path}: {e}"));
                gleaner_status::Io
            }
        }
    })
}

/// Reads on to the next HTML page of the archive and extracts it with `options` (NULL for
/// the defaults), skipping other records. On success writes the page as one JSON object
/// (`warc_record_id`, `warc_target_uri`, `warc_date`, `warc_offset`, `http_status`, then
/// the fields of `gleaner_document_json`) to `*json_out` and `*len_out`; the bytes belong
/// to the reader and live until the next call or `gleaner_warc_free`.
///
/// Returns `Absent` at the end of the file; `WarcRecord` for a broken record or a page that
/// could not be extracted (`gleaner_last_error` says which and where; call again to go on);
/// `Io` if the file cannot be read.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_warc_next_page(
    warc: *mut gleaner_warc,
    options: *const gleaner_options,
    json_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(warc, "warc");
        non_null!(json_out, "json_out");
        non_null!(len_out, "len_out");
        // SAFETY: `warc` is a live reader used by this thread only.
        let w = unsafe { &mut *warc };
        let mut default = None;
        // SAFETY: `options` is NULL or a live object from `gleaner_options_new`.
        let (extractor, _) = unsafe { gleaner_options::resolve(options, &mut default) };
        loop {
            match w.pages.next_with(extractor) {
                None => return gleaner_status::Absent,
                Some(Err(WarcError::Io(e))) => {
                    set_last_error(e.to_string());
                    return gleaner_status::Io;
                }
                Some(Err(e)) => {
                    set_last_error(e.to_string());
                    return gleaner_status::WarcRecord;
                }
                Some(Ok(Extracted::Page(line))) => {
                    w.line = line;
                    // SAFETY: both out-pointers were checked non-NULL.
                    unsafe {
                        *json_out = w.line.as_ptr();
                        *len_out = w.line.len();
                    }
                    return gleaner_status::Ok;
                }
                Some(Ok(Extracted::NotHtml | Extracted::Other)) => {}
                Some(Ok(Extracted::Failed(msg))) => {
                    set_last_error(msg);
                    return gleaner_status::WarcRecord;
                }
            }
        }
    })
}

/// Writes what the reader has met so far, each pointer NULL or a place for one count:
/// records read (broken ones included), pages extracted, responses that were not HTML,
/// other records (requests, metadata...), and errors.
///
/// Returns `NullArgument` if `warc` is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_warc_counts(
    warc: *const gleaner_warc,
    records: *mut u64,
    pages: *mut u64,
    not_html: *mut u64,
    other: *mut u64,
    errors: *mut u64,
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(warc, "warc");
        // SAFETY: `warc` is a live reader.
        let c = unsafe { &*warc }.pages.counts();
        let counts = [c.records, c.pages, c.not_html, c.other, c.errors];
        for (out, n) in [records, pages, not_html, other, errors]
            .into_iter()
            .zip(counts)
        {
            if !out.is_null() {
                // SAFETY: a non-NULL pointer is valid for writes.
                unsafe { *out = n };
            }
        }
        gleaner_status::Ok
    })
}

/// Frees a reader made by `gleaner_warc_open`, closing its file. Calling with NULL is
/// fine. Must not be called twice.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_warc_free(warc: *mut gleaner_warc) {
    boundary((), || {
        if !warc.is_null() {
            // SAFETY: `warc` came from `gleaner_warc_open` and is freed once.
            drop(unsafe { Box::from_raw(warc) });
        }
    })
}
