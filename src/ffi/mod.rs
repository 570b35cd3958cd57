//! The C ABI: opaque options and documents, stable status codes, a panic boundary. The only
//! module with `unsafe` code and `extern "C"` functions; `include/gleaner.h` is generated
//! from it by cbindgen.
#![allow(unsafe_code, non_camel_case_types)]

use std::cell::RefCell;
use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use crate::{output, Document, Error, Extractor, Favor, Limits};

/// The result of every gleaner function that can fail. The numbers are stable: new codes
/// are added, none is ever renumbered or reused.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum gleaner_status {
    /// Success.
    Ok = 0,
    /// A required pointer argument was NULL.
    NullArgument = 1,
    /// A text argument was not valid UTF-8.
    InvalidUtf8 = 2,
    /// An argument had a value outside its range.
    InvalidArgument = 3,
    /// The document has no such field (the page does not say); nothing was written.
    Absent = 4,
    /// The input is larger than the options' limit.
    InputTooLarge = 100,
    /// The page has more elements than the options' limit.
    TooManyNodes = 101,
    /// The page URL in the options could not be parsed.
    InvalidUrl = 102,
    /// Extraction took longer than the options' time budget.
    TimeBudgetExceeded = 103,
    /// A file could not be opened or read.
    Io = 104,
    /// A WARC record was broken, or its page could not be extracted; the reader goes on
    /// with the next record at the next call.
    WarcRecord = 105,
    /// gleaner hit an internal error (a caught panic); the message says where.
    Internal = 999,
}

/// What to favour when a block is in doubt.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum gleaner_favor {
    /// The default trade-off.
    Balanced = 0,
    /// Drop doubtful blocks.
    Precision = 1,
    /// Keep doubtful blocks.
    Recall = 2,
}

/// Extraction options. Create with `gleaner_options_new`, free with `gleaner_options_free`.
/// One options object may be shared by many threads calling `gleaner_extract` at once, as
/// long as no thread changes it meanwhile.
pub struct gleaner_options {
    extractor: Extractor,
    /// Keep the decision on every block, for `gleaner_document_report`.
    explain: bool,
}

/// Optional fields of `gleaner_document_json_with`, combined with `|`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum gleaner_json_field {
    /// The main content as Markdown (`"markdown"`).
    Markdown = 1,
    /// The main content as clean HTML (`"html"`).
    Html = 2,
}

const GLEANER_JSON_MARKDOWN: u32 = gleaner_json_field::Markdown as u32;
const GLEANER_JSON_HTML: u32 = gleaner_json_field::Html as u32;

/// The result of an extraction. Free with `gleaner_document_free`.
pub struct gleaner_document {
    doc: Document,
    markdown: OnceLock<String>,
    html: OnceLock<String>,
    /// The JSON for each combination of `GLEANER_JSON_*` fields.
    json: [OnceLock<String>; 4],
    /// The decisions, when the options asked to explain.
    explained: Option<crate::explain::Explanation>,
    report: OnceLock<String>,
    decisions: OnceLock<String>,
}

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

fn set_last_error(msg: String) {
    LAST_ERROR.with(|e| *e.borrow_mut() = msg);
}

fn status_of(e: &Error) -> gleaner_status {
    match e {
        Error::InputTooLarge { .. } => gleaner_status::InputTooLarge,
        Error::TooManyNodes { .. } => gleaner_status::TooManyNodes,
        Error::InvalidUrl { .. } => gleaner_status::InvalidUrl,
        Error::TimeBudgetExceeded { .. } => gleaner_status::TimeBudgetExceeded,
    }
}

/// Runs `f`, turning a panic into `on_panic` and a last-error message: no panic crosses the
/// C boundary.
fn boundary<T>(on_panic: T, f: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => v,
        Err(p) => {
            let what = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            set_last_error(format!("internal error: {what}"));
            on_panic
        }
    }
}

/// Fails with `NullArgument` (and a last-error message naming `what`) when `p` is NULL.
macro_rules! non_null {
    ($p:expr, $what:literal) => {
        if $p.is_null() {
            set_last_error(concat!("argument `", $what, "` is NULL").to_string());
            return gleaner_status::NullArgument;
        }
    };
}

/// Reads a `{ptr, len}` byte string; `len == 0` accepts a NULL `ptr`.
unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> Option<&'a [u8]> {
    if len == 0 {
        return Some(&[]);
    }
    if ptr.is_null() {
        return None;
    }
    // SAFETY: the caller guarantees `ptr` points to `len` readable bytes.
    Some(unsafe { std::slice::from_raw_parts(ptr, len) })
}

unsafe fn utf8<'a>(ptr: *const u8, len: usize) -> Result<&'a str, gleaner_status> {
    // SAFETY: forwarded from the caller.
    let b = unsafe { bytes(ptr, len) }.ok_or_else(|| {
        set_last_error("string argument is NULL with a non-zero length".into());
        gleaner_status::NullArgument
    })?;
    std::str::from_utf8(b).map_err(|e| {
        set_last_error(format!("string argument is not UTF-8: {e}"));
        gleaner_status::InvalidUtf8
    })
}

/// The library's version, as in Cargo.toml: a static NUL-terminated string, never freed.
#[no_mangle]
pub extern "C" fn gleaner_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// A static NUL-terminated English message for `status`, never freed. Unknown codes give
/// "unknown status".
#[no_mangle]
pub extern "C" fn gleaner_status_message(status: u32) -> *const c_char {
    let s: &'static str = match status {
        0 => "success\0",
        1 => "a required argument is NULL\0",
        2 => "a text argument is not valid UTF-8\0",
        3 => "an argument is out of range\0",
        4 => "the document has no such field\0",
        100 => "the input is larger than the limit\0",
        101 => "the page has more elements than the limit\0",
        102 => "the page URL is not valid\0",
        103 => "extraction took longer than the time budget\0",
        104 => "the file could not be read\0",
        105 => "a WARC record is broken or its page could not be extracted\0",
        999 => "internal error\0",
        _ => "unknown status\0",
    };
    s.as_ptr().cast()
}

/// Copies this thread's last error message (UTF-8, not NUL-terminated) into `buf` of
/// `len` bytes, truncating it to fit, and writes the number of bytes copied to `out_n`.
/// The message describes the last call on this thread that failed; it is empty if none
/// has. Returns `NullArgument` if `out_n` is NULL, or `buf` is NULL with `len > 0`.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_last_error(
    buf: *mut u8,
    len: usize,
    out_n: *mut usize,
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(out_n, "out_n");
        if len > 0 {
            non_null!(buf, "buf");
        }
        LAST_ERROR.with(|e| {
            let e = e.borrow();
            let n = crate::text::prefix_within(&e, len).len();
            // SAFETY: `buf` has room for `len >= n` bytes; `out_n` is valid for writes.
            unsafe {
                std::ptr::copy_nonoverlapping(e.as_ptr(), buf, n);
                *out_n = n;
            }
        });
        gleaner_status::Ok
    })
}

/// New options with gleaner's defaults. Free with `gleaner_options_free`. Returns NULL
/// only if allocation fails.
#[no_mangle]
pub extern "C" fn gleaner_options_new() -> *mut gleaner_options {
    boundary(std::ptr::null_mut(), || {
        Box::into_raw(Box::new(gleaner_options {
            extractor: Extractor::new(),
            explain: false,
        }))
    })
}

/// Frees options made by `gleaner_options_new`. Calling with NULL is fine. Must not be
/// called twice, nor while another thread extracts with these options.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_free(options: *mut gleaner_options) {
    boundary((), || {
        if !options.is_null() {
            // SAFETY: `options` came from `gleaner_options_new` and is freed once.
            drop(unsafe { Box::from_raw(options) });
        }
    })
}

/// Sets the page's URL: it resolves relative links and is the canonical URL's fallback.
/// An unparseable URL makes `gleaner_extract` fail with `InvalidUrl`.
///
/// `value` is UTF-8 of `len` bytes, copied; it need not be NUL-terminated. Returns
/// `NullArgument` if `options` is NULL (or `value` is NULL with `len > 0`), `InvalidUtf8`
/// if `value` is not UTF-8.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_url(
    options: *mut gleaner_options,
    value: *const u8,
    len: usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        set_string(options, value, len, |e, v| {
            e.url(v);
        })
    }
}
/// Sets the charset the caller already knows (an HTTP `Content-Type` label). An unknown
/// label is ignored.
///
/// `value` is UTF-8 of `len` bytes, copied; it need not be NUL-terminated. Returns
/// `NullArgument` if `options` is NULL (or `value` is NULL with `len > 0`), `InvalidUtf8`
/// if `value` is not UTF-8.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_charset(
    options: *mut gleaner_options,
    value: *const u8,
    len: usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        set_string(options, value, len, |e, v| {
            e.charset(v);
        })
    }
}

/// Whether to return the page's comments apart from the main text (default false).
///
/// Returns `NullArgument` if `options` is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_comments(
    options: *mut gleaner_options,
    yes: bool,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        set_bool(options, yes, |e, y| {
            e.comments(y);
        })
    }
}
/// Whether to keep tables in the main text (default true).
///
/// Returns `NullArgument` if `options` is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_tables(
    options: *mut gleaner_options,
    yes: bool,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        set_bool(options, yes, |e, y| {
            e.tables(y);
        })
    }
}
/// Whether to keep figure captions (default false).
///
/// Returns `NullArgument` if `options` is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_captions(
    options: *mut gleaner_options,
    yes: bool,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        set_bool(options, yes, |e, y| {
            e.captions(y);
        })
    }
}
/// Whether Markdown output keeps links (default false).
///
/// Returns `NullArgument` if `options` is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_links(
    options: *mut gleaner_options,
    yes: bool,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        set_bool(options, yes, |e, y| {
            e.links(y);
        })
    }
}
/// Whether Markdown output keeps images (default false).
///
/// Returns `NullArgument` if `options` is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_images(
    options: *mut gleaner_options,
    yes: bool,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        set_bool(options, yes, |e, y| {
            e.images(y);
        })
    }
}
/// Whether Markdown and HTML output keep emphasis, inline code and the language of code
/// blocks (default false, which is a little faster).
///
/// Returns `NullArgument` if `options` is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_formatting(
    options: *mut gleaner_options,
    yes: bool,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        set_bool(options, yes, |e, y| {
            e.formatting(y);
        })
    }
}
/// Whether documents keep the decision on every block, for `gleaner_document_report` and
/// `gleaner_document_decisions` (default false; it costs a copy of every block's text).
///
/// Returns `NullArgument` if `options` is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_explain(
    options: *mut gleaner_options,
    yes: bool,
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(options, "options");
        // SAFETY: `options` is a live object from `gleaner_options_new`.
        unsafe { &mut *options }.explain = yes;
        gleaner_status::Ok
    })
}

/// Sets what to favour when a block is in doubt. Returns `NullArgument` if `options` is
/// NULL, `InvalidArgument` if `favor` is not a `gleaner_favor` value.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_favor(
    options: *mut gleaner_options,
    favor: u32,
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(options, "options");
        let f = match favor {
            0 => Favor::Balanced,
            1 => Favor::Precision,
            2 => Favor::Recall,
            other => {
                set_last_error(format!("favor {other} is not a gleaner_favor value"));
                return gleaner_status::InvalidArgument;
            }
        };
        // SAFETY: `options` is a live object from `gleaner_options_new`.
        unsafe { &mut *options }.extractor.favor(f);
        gleaner_status::Ok
    })
}

/// Sets the largest input accepted, in bytes (default 64 MiB).
///
/// Returns `NullArgument` if `options` is NULL, `InvalidArgument` if `value` is 0.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_max_input_bytes(
    options: *mut gleaner_options,
    value: usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe { set_limit(options, value, |l, v| l.max_input_bytes = v) }
}
/// Sets the deepest element given its own place in the tree (default 512).
///
/// Returns `NullArgument` if `options` is NULL, `InvalidArgument` if `value` is 0.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_max_depth(
    options: *mut gleaner_options,
    value: usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe { set_limit(options, value, |l, v| l.max_depth = v) }
}
/// Sets the most elements built (default 2,000,000); elements past it are never built.
///
/// Returns `NullArgument` if `options` is NULL, `InvalidArgument` if `value` is 0.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_max_nodes(
    options: *mut gleaner_options,
    value: usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe { set_limit(options, value, |l, v| l.max_nodes = v) }
}
/// Sets the time budget per page in milliseconds (default 30,000); 0 means no budget.
///
/// Returns `NullArgument` if `options` is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_time_budget_ms(
    options: *mut gleaner_options,
    ms: u64,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        update_limits(options, |l| {
            l.time_budget = (ms > 0).then(|| std::time::Duration::from_millis(ms))
        })
    }
}
/// Sets what happens when a page goes past a limit (input size, node count, time budget):
/// `false` (the default) fails with the limit's status; `true` returns the result for the
/// part of the page within the limit, marked by `gleaner_document_truncated`.
///
/// Returns `NullArgument` if `options` is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_truncate(
    options: *mut gleaner_options,
    yes: bool,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe { update_limits(options, |l| l.truncate = yes) }
}

/// Extracts the main content and metadata of a page.
///
/// `html` points to `len` bytes of the page in any encoding (NUL bytes allowed; not
/// NUL-terminated); `html` may be NULL when `len` is 0. `options` may be NULL for the
/// defaults; it is only read, so many threads may share one. On success writes a new
/// document to `*document_out` (free it with `gleaner_document_free`) and returns `Ok`; on
/// failure writes nothing and returns the status (`gleaner_last_error` has the details).
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_extract(
    html: *const u8,
    len: usize,
    options: *const gleaner_options,
    document_out: *mut *mut gleaner_document,
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(document_out, "document_out");
        // SAFETY: the caller passes `len` readable bytes at `html`.
        let Some(page) = (unsafe { bytes(html, len) }) else {
            set_last_error("argument `html` is NULL with a non-zero length".into());
            return gleaner_status::NullArgument;
        };
        let default;
        let (extractor, explain) = if options.is_null() {
            default = Extractor::new();
            (&default, false)
        } else {
            // SAFETY: `options` is a live object from `gleaner_options_new`.
            let o = unsafe { &*options };
            (&o.extractor, o.explain)
        };
        let result = if explain {
            extractor
                .explain(page)
                .map(|ex| (ex.document.clone(), Some(ex)))
        } else {
            extractor.extract(page).map(|doc| (doc, None))
        };
        match result {
            Ok((doc, explained)) => {
                let d = Box::new(gleaner_document {
                    doc,
                    markdown: OnceLock::new(),
                    html: OnceLock::new(),
                    json: Default::default(),
                    explained,
                    report: OnceLock::new(),
                    decisions: OnceLock::new(),
                });
                // SAFETY: `document_out` is valid for writes.
                unsafe { *document_out = Box::into_raw(d) };
                gleaner_status::Ok
            }
            Err(e) => {
                set_last_error(e.to_string());
                status_of(&e)
            }
        }
    })
}

/// Frees a document made by `gleaner_extract`, and every string it handed out. Calling
/// with NULL is fine. Must not be called twice.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_free(document: *mut gleaner_document) {
    boundary((), || {
        if !document.is_null() {
            // SAFETY: `document` came from `gleaner_extract` and is freed once.
            drop(unsafe { Box::from_raw(document) });
        }
    })
}

/// Body of the string setters.
unsafe fn set_string(
    options: *mut gleaner_options,
    value: *const u8,
    len: usize,
    set: fn(&mut Extractor, &str),
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(options, "options");
        // SAFETY: the caller passes `len` readable bytes at `value`.
        let v = match unsafe { utf8(value, len) } {
            Ok(v) => v,
            Err(s) => return s,
        };
        // SAFETY: `options` is a live object from `gleaner_options_new`.
        set(&mut unsafe { &mut *options }.extractor, v);
        gleaner_status::Ok
    })
}

/// Body of the boolean setters.
unsafe fn set_bool(
    options: *mut gleaner_options,
    yes: bool,
    set: fn(&mut Extractor, bool),
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(options, "options");
        // SAFETY: `options` is a live object from `gleaner_options_new`.
        set(&mut unsafe { &mut *options }.extractor, yes);
        gleaner_status::Ok
    })
}

/// Body of the size-limit setters: a limit must be positive.
unsafe fn set_limit(
    options: *mut gleaner_options,
    value: usize,
    set: fn(&mut Limits, usize),
) -> gleaner_status {
    if value == 0 && !options.is_null() {
        set_last_error("a limit must be positive".into());
        return gleaner_status::InvalidArgument;
    }
    // SAFETY: forwarded from the caller.
    unsafe { update_limits(options, |l| set(l, value)) }
}

/// Body of every limit setter: changes the options' limits with `change`.
unsafe fn update_limits(
    options: *mut gleaner_options,
    change: impl FnOnce(&mut Limits),
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(options, "options");
        // SAFETY: `options` is a live object from `gleaner_options_new`.
        let o = unsafe { &mut *options };
        let mut limits = o.extractor.current_limits();
        change(&mut limits);
        o.extractor.limits(limits);
        gleaner_status::Ok
    })
}

/// Body of the document getters.
unsafe fn get_field(
    document: *const gleaner_document,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
    get: fn(&gleaner_document) -> Option<&str>,
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(document, "document");
        non_null!(ptr_out, "ptr_out");
        non_null!(len_out, "len_out");
        // SAFETY: `document` is a live object from `gleaner_extract`.
        let value = get(unsafe { &*document });
        // SAFETY: the out-pointers are non-NULL and valid for writes.
        unsafe { give(value, ptr_out, len_out) }
    })
}

/// Writes `s` as a borrowed `{ptr, len}` pair, or returns `Absent` for `None`.
unsafe fn give(s: Option<&str>, ptr_out: *mut *const u8, len_out: *mut usize) -> gleaner_status {
    match s {
        Some(s) => {
            // SAFETY: both out-pointers were checked non-NULL by the caller.
            unsafe {
                *ptr_out = s.as_ptr();
                *len_out = s.len();
            }
            gleaner_status::Ok
        }
        None => gleaner_status::Absent,
    }
}

/// The main text: the kept blocks in document order, one per line.
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `Absent`, writing nothing, when the page does not say (an empty
/// field gives `Ok` and length 0), and `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_text(
    document: *const gleaner_document,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe { get_field(document, ptr_out, len_out, |d| Some(d.doc.text())) }
}
/// The main text as CommonMark.
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `Absent`, writing nothing, when the page does not say (an empty
/// field gives `Ok` and length 0), and `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_markdown(
    document: *const gleaner_document,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        get_field(document, ptr_out, len_out, |d| {
            Some(
                d.markdown
                    .get_or_init(|| output::to_markdown(&d.doc))
                    .as_str(),
            )
        })
    }
}
/// The whole result as one JSON object (the `gleaner --format json` schema).
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `Absent`, writing nothing, when the page does not say (an empty
/// field gives `Ok` and length 0), and `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_json(
    document: *const gleaner_document,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        get_field(document, ptr_out, len_out, |d| {
            Some(d.json[0].get_or_init(|| output::to_json(&d.doc)).as_str())
        })
    }
}
/// The whole result as one JSON object with optional fields: `fields` combines
/// `GLEANER_JSON_FIELD_MARKDOWN` and `GLEANER_JSON_FIELD_HTML` with `|` (0 gives
/// `gleaner_document_json`).
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `NullArgument` if any pointer is NULL and `InvalidArgument` for
/// an unknown field bit.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_json_with(
    document: *const gleaner_document,
    fields: u32,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    if fields & !(GLEANER_JSON_MARKDOWN | GLEANER_JSON_HTML) != 0 {
        set_last_error(format!("unknown JSON field bits {fields:#x}"));
        return gleaner_status::InvalidArgument;
    }
    boundary(gleaner_status::Internal, || {
        non_null!(document, "document");
        non_null!(ptr_out, "ptr_out");
        non_null!(len_out, "len_out");
        // SAFETY: `document` is a live object from `gleaner_extract`.
        let d = unsafe { &*document };
        let opts = output::JsonOptions {
            markdown: fields & GLEANER_JSON_MARKDOWN != 0,
            html: fields & GLEANER_JSON_HTML != 0,
        };
        let json = d.json[fields as usize].get_or_init(|| output::to_json_with(&d.doc, opts));
        // SAFETY: the out-pointers are non-NULL and valid for writes.
        unsafe { give(Some(json), ptr_out, len_out) }
    })
}
/// The main content as a small, safe HTML fragment (no scripts, styles, event handlers
/// or unknown attributes), for reader views.
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_html(
    document: *const gleaner_document,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        get_field(document, ptr_out, len_out, |d| {
            Some(d.html.get_or_init(|| output::to_html(&d.doc)).as_str())
        })
    }
}
/// The explain report: one self-contained HTML page with every text block of the page,
/// its label, score, features and rule. Only for documents extracted with options on
/// which `gleaner_options_set_explain` was set; `Absent` otherwise.
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_report(
    document: *const gleaner_document,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        get_field(document, ptr_out, len_out, |d| {
            let ex = d.explained.as_ref()?;
            Some(d.report.get_or_init(|| crate::explain::report(ex)).as_str())
        })
    }
}
/// The decision on every text block of the page as a JSON array, in page order: its
/// text, kind, whether it was kept, label, rule, score and features (the fields of
/// `gleaner::explain::BlockDecision`). Only for documents extracted with options on which
/// `gleaner_options_set_explain` was set; `Absent` otherwise.
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_decisions(
    document: *const gleaner_document,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        get_field(document, ptr_out, len_out, |d| {
            let ex = d.explained.as_ref()?;
            Some(
                d.decisions
                    .get_or_init(|| {
                        serde_json::to_string(&ex.blocks).unwrap_or_else(|_| "[]".into())
                    })
                    .as_str(),
            )
        })
    }
}
/// Writes to `*out` how sure gleaner is that it found the main content, from 0 to 1.
///
/// Returns `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_confidence(
    document: *const gleaner_document,
    out: *mut f64,
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(document, "document");
        non_null!(out, "out");
        // SAFETY: `document` is a live document and `out` is valid for writes.
        unsafe { *out = f64::from((*document).doc.confidence()) };
        gleaner_status::Ok
    })
}
/// The headline, cleaned of the site name.
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `Absent`, writing nothing, when the page does not say (an empty
/// field gives `Ok` and length 0), and `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_title(
    document: *const gleaner_document,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe { get_field(document, ptr_out, len_out, |d| d.doc.title()) }
}
/// The author or authors, joined with "; ".
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `Absent`, writing nothing, when the page does not say (an empty
/// field gives `Ok` and length 0), and `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_author(
    document: *const gleaner_document,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe { get_field(document, ptr_out, len_out, |d| d.doc.author()) }
}
/// The publication date, ISO 8601 (`YYYY-MM-DD`).
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `Absent`, writing nothing, when the page does not say (an empty
/// field gives `Ok` and length 0), and `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_date(
    document: *const gleaner_document,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe { get_field(document, ptr_out, len_out, |d| d.doc.date()) }
}
/// The site's name.
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `Absent`, writing nothing, when the page does not say (an empty
/// field gives `Ok` and length 0), and `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_sitename(
    document: *const gleaner_document,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe { get_field(document, ptr_out, len_out, |d| d.doc.sitename()) }
}
/// The language, a lower-case ISO 639-1 code where one exists.
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `Absent`, writing nothing, when the page does not say (an empty
/// field gives `Ok` and length 0), and `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_language(
    document: *const gleaner_document,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe { get_field(document, ptr_out, len_out, |d| d.doc.language()) }
}
/// The canonical URL.
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `Absent`, writing nothing, when the page does not say (an empty
/// field gives `Ok` and length 0), and `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_url(
    document: *const gleaner_document,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe { get_field(document, ptr_out, len_out, |d| d.doc.url()) }
}
/// The page's description.
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `Absent`, writing nothing, when the page does not say (an empty
/// field gives `Ok` and length 0), and `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_description(
    document: *const gleaner_document,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe { get_field(document, ptr_out, len_out, |d| d.doc.description()) }
}
/// The comments, when the options asked for them and the page has any.
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `Absent`, writing nothing, when the page does not say (an empty
/// field gives `Ok` and length 0), and `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_comments(
    document: *const gleaner_document,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe { get_field(document, ptr_out, len_out, |d| d.doc.comments_text()) }
}

/// Writes to `*out` whether the page went past a limit and the document covers only the
/// part within it (only when `gleaner_options_set_truncate` asked for that).
///
/// Returns `NullArgument` if any argument is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_truncated(
    document: *const gleaner_document,
    out: *mut bool,
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(document, "document");
        non_null!(out, "out");
        // SAFETY: `document` is a live document and `out` is valid for writes.
        unsafe { *out = (*document).doc.truncated() };
        gleaner_status::Ok
    })
}

/// A WARC file being read (`.warc` or `.warc.gz`). Open with `gleaner_warc_open`, free with
/// `gleaner_warc_free`. A reader is used by one thread at a time; open one per file to
/// read several files at once.
pub struct gleaner_warc {
    reader: crate::warc::Reader<std::fs::File>,
    line: String,
    /// records, pages, not HTML, other records, errors
    counts: [u64; 5],
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
                    reader: crate::warc::Reader::new(f),
                    line: String::new(),
                    counts: [0; 5],
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
        let default;
        let extractor = if options.is_null() {
            default = Extractor::new();
            &default
        } else {
            // SAFETY: `options` is a live object from `gleaner_options_new`.
            &unsafe { &*options }.extractor
        };
        loop {
            let record = match w.reader.next() {
                None => return gleaner_status::Absent,
                Some(Err(crate::warc::WarcError::Io(e))) => {
                    set_last_error(e.to_string());
                    return gleaner_status::Io;
                }
                Some(Err(e)) => {
                    w.counts[0] += 1;
                    w.counts[4] += 1;
                    set_last_error(e.to_string());
                    return gleaner_status::WarcRecord;
                }
                Some(Ok(r)) => r,
            };
            w.counts[0] += 1;
            // a bug met on one record is that record's error, not the end of the file
            let extracted = catch_unwind(AssertUnwindSafe(|| {
                crate::warc::extract_record(extractor, &record)
            }))
            .unwrap_or_else(|_| {
                crate::warc::Extracted::Failed(format!(
                    "record at offset {}: internal error (panic) while extracting",
                    record.offset
                ))
            });
            match extracted {
                crate::warc::Extracted::Page(line) => {
                    w.counts[1] += 1;
                    w.line = line;
                    // SAFETY: both out-pointers were checked non-NULL.
                    unsafe {
                        *json_out = w.line.as_ptr();
                        *len_out = w.line.len();
                    }
                    return gleaner_status::Ok;
                }
                crate::warc::Extracted::NotHtml => w.counts[2] += 1,
                crate::warc::Extracted::Other => w.counts[3] += 1,
                crate::warc::Extracted::Failed(msg) => {
                    w.counts[4] += 1;
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
        let counts = unsafe { &*warc }.counts;
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
    if !warc.is_null() {
        let _ = catch_unwind(AssertUnwindSafe(|| {
            // SAFETY: `warc` came from `gleaner_warc_open` and is freed once.
            drop(unsafe { Box::from_raw(warc) });
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(
        f: unsafe extern "C" fn(
            *const gleaner_document,
            *mut *const u8,
            *mut usize,
        ) -> gleaner_status,
        d: *const gleaner_document,
    ) -> Result<String, gleaner_status> {
        let mut p = std::ptr::null();
        let mut n = 0usize;
        match unsafe { f(d, &mut p, &mut n) } {
            gleaner_status::Ok => Ok(String::from_utf8(
                unsafe { std::slice::from_raw_parts(p, n) }.to_vec(),
            )
            .unwrap()),
            s => Err(s),
        }
    }

    #[test]
    fn extract_and_read_fields() {
        let html = b"<html><head><title>Hello world again | Site</title></head><body><article><h1>Hello world again</h1><p>A paragraph that is long enough to be the article, with a comma and a full stop.</p></article></body></html>";
        let opts = gleaner_options_new();
        unsafe {
            assert_eq!(
                gleaner_options_set_url(opts, b"https://e.com/a".as_ptr(), 15),
                gleaner_status::Ok
            );
            assert_eq!(
                gleaner_options_set_favor(opts, 7),
                gleaner_status::InvalidArgument
            );
            let mut doc = std::ptr::null_mut();
            assert_eq!(
                gleaner_extract(html.as_ptr(), html.len(), opts, &mut doc),
                gleaner_status::Ok
            );
            assert!(text_of(gleaner_document_text, doc)
                .unwrap()
                .starts_with("A paragraph"));
            assert_eq!(
                text_of(gleaner_document_title, doc).unwrap(),
                "Hello world again"
            );
            assert_eq!(
                text_of(gleaner_document_author, doc),
                Err(gleaner_status::Absent)
            );
            assert!(text_of(gleaner_document_json, doc)
                .unwrap()
                .contains("\"title\":\"Hello world again\""));
            gleaner_document_free(doc);
            gleaner_options_free(opts);
        }
    }

    #[test]
    fn null_arguments_give_a_status() {
        unsafe {
            let mut doc = std::ptr::null_mut();
            assert_eq!(
                gleaner_extract(std::ptr::null(), 5, std::ptr::null(), &mut doc),
                gleaner_status::NullArgument
            );
            assert!(doc.is_null());
            assert_eq!(
                gleaner_extract(std::ptr::null(), 0, std::ptr::null(), std::ptr::null_mut()),
                gleaner_status::NullArgument
            );
            assert_eq!(
                gleaner_options_set_comments(std::ptr::null_mut(), true),
                gleaner_status::NullArgument
            );
            gleaner_options_free(std::ptr::null_mut());
            gleaner_document_free(std::ptr::null_mut());
            let mut buf = [0u8; 64];
            let mut n = 0;
            assert_eq!(
                gleaner_last_error(buf.as_mut_ptr(), buf.len(), &mut n),
                gleaner_status::Ok
            );
            assert!(std::str::from_utf8(&buf[..n]).unwrap().contains("NULL"));
        }
    }

    #[test]
    fn errors_map_to_statuses_and_panics_are_caught() {
        let opts = gleaner_options_new();
        unsafe {
            assert_eq!(
                gleaner_options_set_max_input_bytes(opts, 4),
                gleaner_status::Ok
            );
            let mut doc = std::ptr::null_mut();
            assert_eq!(
                gleaner_extract(b"<p>hello</p>".as_ptr(), 12, opts, &mut doc),
                gleaner_status::InputTooLarge
            );
            assert!(doc.is_null());
            gleaner_options_free(opts);
        }
        assert_eq!(boundary(7, || panic!("boom")), 7);
        let v = unsafe { std::ffi::CStr::from_ptr(gleaner_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
