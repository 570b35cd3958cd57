//! Status codes, their messages, and the last error of each thread.

use std::cell::RefCell;
use std::ffi::{c_char, CStr};

use super::boundary;
use gleaner_engine::Error;

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
    /// The input is not a web page (an executable, an image, binary data).
    NotHtml = 106,
    /// gleaner hit an internal error (a caught panic); the message says where.
    Internal = 999,
}

impl gleaner_status {
    /// Every status, in the order of their codes.
    const ALL: [gleaner_status; 13] = [
        gleaner_status::Ok,
        gleaner_status::NullArgument,
        gleaner_status::InvalidUtf8,
        gleaner_status::InvalidArgument,
        gleaner_status::Absent,
        gleaner_status::InputTooLarge,
        gleaner_status::TooManyNodes,
        gleaner_status::InvalidUrl,
        gleaner_status::TimeBudgetExceeded,
        gleaner_status::Io,
        gleaner_status::WarcRecord,
        gleaner_status::NotHtml,
        gleaner_status::Internal,
    ];

    /// Its English message.
    const fn message(self) -> &'static CStr {
        match self {
            gleaner_status::Ok => c"success",
            gleaner_status::NullArgument => c"a required argument is NULL",
            gleaner_status::InvalidUtf8 => c"a text argument is not valid UTF-8",
            gleaner_status::InvalidArgument => c"an argument is out of range",
            gleaner_status::Absent => c"the document has no such field",
            gleaner_status::InputTooLarge => c"the input is larger than the limit",
            gleaner_status::TooManyNodes => c"the page has more elements than the limit",
            gleaner_status::InvalidUrl => c"the page URL is not valid",
            gleaner_status::TimeBudgetExceeded => c"extraction took longer than the time budget",
            gleaner_status::Io => c"the file could not be read",
            gleaner_status::WarcRecord => {
                c"a WARC record is broken or its page could not be extracted"
            }
            gleaner_status::NotHtml => c"the input is not a web page",
            gleaner_status::Internal => c"internal error",
        }
    }

    /// The status of a library error: the one whose code is the error's
    /// ([`Error::code`]).
    pub(super) fn of(e: &Error) -> gleaner_status {
        let code = e.code();
        Self::ALL
            .into_iter()
            .find(|s| *s as u32 == code)
            // an error a later engine adds has no status until this crate names it
            .unwrap_or(gleaner_status::Internal)
    }
}

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Keeps `msg` as this thread's last error.
pub(super) fn set_last_error(msg: String) {
    LAST_ERROR.with(|e| *e.borrow_mut() = msg);
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
    gleaner_status::ALL
        .iter()
        .find(|s| **s as u32 == status)
        .map_or(c"unknown status", |s| s.message())
        .as_ptr()
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
            let n = prefix_within(&e, len).len();
            // SAFETY: `buf` has room for `len >= n` bytes; `out_n` is valid for writes.
            unsafe {
                std::ptr::copy_nonoverlapping(e.as_ptr(), buf, n);
                *out_n = n;
            }
        });
        gleaner_status::Ok
    })
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn prefix_within(s: &str, max: usize) -> &str {
    let mut cut = s.len().min(max);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    &s[..cut]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_in_the_header_has_its_own_message() {
        let header = include_str!("../../../include/gleaner.h");
        let mut seen = std::collections::HashSet::new();
        let mut codes = 0;
        for line in header.lines() {
            let Some(rest) = line.trim().strip_prefix("GLEANER_STATUS_") else {
                continue;
            };
            let code: u32 = rest
                .split('=')
                .nth(1)
                .unwrap()
                .trim()
                .trim_end_matches(',')
                .parse()
                .unwrap();
            let msg = unsafe { CStr::from_ptr(gleaner_status_message(code)) };
            assert_ne!(msg, c"unknown status", "{line}");
            assert!(seen.insert(msg), "{line}: message used twice");
            codes += 1;
        }
        assert_eq!(codes, gleaner_status::ALL.len());
        let unknown = unsafe { CStr::from_ptr(gleaner_status_message(7)) };
        assert_eq!(unknown, c"unknown status");
    }

    #[test]
    fn each_engine_error_has_the_status_of_its_name() {
        use std::time::Duration;
        for (e, status) in [
            (
                Error::InputTooLarge { size: 2, max: 1 },
                gleaner_status::InputTooLarge,
            ),
            (Error::TooManyNodes { max: 1 }, gleaner_status::TooManyNodes),
            (
                Error::InvalidUrl {
                    url: "x".into(),
                    reason: "y".into(),
                },
                gleaner_status::InvalidUrl,
            ),
            (
                Error::TimeBudgetExceeded {
                    budget: Duration::ZERO,
                },
                gleaner_status::TimeBudgetExceeded,
            ),
            (Error::NotHtml { why: "z".into() }, gleaner_status::NotHtml),
        ] {
            assert_eq!(gleaner_status::of(&e), status, "{e}");
        }
    }
}
