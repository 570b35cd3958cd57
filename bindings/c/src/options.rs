//! Extraction options: made, set and freed from C, shared read-only by the threads that
//! extract with them.

use super::status::{gleaner_status, set_last_error};
use super::{boundary, utf8};
use gleaner_engine::{Extractor, Favor, Limits, PageType};

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
    pub(super) extractor: Extractor,
    /// Keep the decision on every block, for `gleaner_document_report`.
    pub(super) explain: bool,
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
    unsafe { set_text(options, value, len, |e, v| e.url(v)) }
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
    unsafe { set_text(options, value, len, |e, v| e.charset(v)) }
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
    unsafe { set_bool(options, yes, |e, y| e.comments(y)) }
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
    unsafe { set_bool(options, yes, |e, y| e.tables(y)) }
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
    unsafe { set_bool(options, yes, |e, y| e.captions(y)) }
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
    unsafe { set_bool(options, yes, |e, y| e.links(y)) }
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
    unsafe { set_bool(options, yes, |e, y| e.images(y)) }
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
    unsafe { set_bool(options, yes, |e, y| e.formatting(y)) }
}
/// Whether Markdown output (`GLEANER_FIELD_MARKDOWN`, and the JSON's `"markdown"`) starts
/// with YAML front matter holding the metadata: title, author, date, url, sitename,
/// language, page_type and description, those the page gives (default false).
///
/// Returns `NullArgument` if `options` is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_front_matter(
    options: *mut gleaner_options,
    yes: bool,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe { set_bool(options, yes, |e, y| e.front_matter(y)) }
}
/// Whether Markdown output starts with the page's title as a `#` heading, after the front
/// matter if any, also when the page shows no headline (default false; without it, the
/// Markdown opens with the page's headline when the page shows one as a heading).
///
/// Returns `NullArgument` if `options` is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_title_heading(
    options: *mut gleaner_options,
    yes: bool,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe { set_bool(options, yes, |e, y| e.title_heading(y)) }
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
            v if v == gleaner_favor::Balanced as u32 => Favor::Balanced,
            v if v == gleaner_favor::Precision as u32 => Favor::Precision,
            v if v == gleaner_favor::Recall as u32 => Favor::Recall,
            other => {
                set_last_error(format!("favor {other} is not a gleaner_favor value"));
                return gleaner_status::InvalidArgument;
            }
        };
        // SAFETY: `options` is a live object from `gleaner_options_new`.
        let o = unsafe { &mut *options };
        o.extractor = std::mem::take(&mut o.extractor).favor(f);
        gleaner_status::Ok
    })
}

/// Sets the kind of page, when the caller knows it: `article`, `forum`, `product`,
/// `collection`, `listing`, `documentation` or `service`. The page is then extracted with
/// that type's profile and `GLEANER_FIELD_PAGE_TYPE` reports it; an empty value (`len`
/// 0) lets gleaner decide again, as by default.
///
/// `value` is UTF-8 of `len` bytes, copied; it need not be NUL-terminated. Returns
/// `NullArgument` if `options` is NULL (or `value` is NULL with `len > 0`), `InvalidUtf8`
/// if `value` is not UTF-8, `InvalidArgument` if it names no page type.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_options_set_page_type(
    options: *mut gleaner_options,
    value: *const u8,
    len: usize,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        set_string(options, value, len, |e, v| {
            let page_type = match v {
                "" => None,
                name => Some(name.parse::<PageType>()?),
            };
            *e = std::mem::take(e).page_type(page_type);
            Ok(())
        })
    }
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

/// Body of the string setters: `set` changes the extractor, or says what is wrong with
/// the value, which leaves the options as they were and gives `InvalidArgument`.
unsafe fn set_string(
    options: *mut gleaner_options,
    value: *const u8,
    len: usize,
    set: impl FnOnce(&mut Extractor, &str) -> Result<(), String>,
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(options, "options");
        // SAFETY: the caller passes `len` readable bytes at `value`.
        let v = match unsafe { utf8(value, len) } {
            Ok(v) => v,
            Err(s) => return s,
        };
        // SAFETY: `options` is a live object from `gleaner_options_new`.
        let o = unsafe { &mut *options };
        match set(&mut o.extractor, v) {
            Ok(()) => gleaner_status::Ok,
            Err(message) => {
                set_last_error(message);
                gleaner_status::InvalidArgument
            }
        }
    })
}

/// Body of the string setters that take any value.
unsafe fn set_text(
    options: *mut gleaner_options,
    value: *const u8,
    len: usize,
    set: fn(Extractor, &str) -> Extractor,
) -> gleaner_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        set_string(options, value, len, |e, v| {
            *e = set(std::mem::take(e), v);
            Ok(())
        })
    }
}

/// Body of the boolean setters.
unsafe fn set_bool(
    options: *mut gleaner_options,
    yes: bool,
    set: fn(Extractor, bool) -> Extractor,
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(options, "options");
        // SAFETY: `options` is a live object from `gleaner_options_new`.
        let o = unsafe { &mut *options };
        o.extractor = set(std::mem::take(&mut o.extractor), yes);
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
        o.extractor = std::mem::take(&mut o.extractor).limits(limits);
        gleaner_status::Ok
    })
}

impl gleaner_options {
    /// The extractor and whether to explain, from options that may be NULL (the defaults).
    ///
    /// # Safety
    /// `options` must be NULL or a live object from `gleaner_options_new`.
    pub(super) unsafe fn resolve(
        options: *const gleaner_options,
        default: &mut Option<Extractor>,
    ) -> (&Extractor, bool) {
        if options.is_null() {
            (default.insert(Extractor::new()), false)
        } else {
            // SAFETY: `options` is a live object from `gleaner_options_new`.
            let o = unsafe { &*options };
            (&o.extractor, o.explain)
        }
    }
}
