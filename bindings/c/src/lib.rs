//! gleaner's C library (`libgleaner.so`, `libgleaner.a`): the C ABI over the engine, with
//! opaque options and documents, stable status codes and a panic boundary. The only crate
//! with `unsafe` code and `extern "C"` functions; `include/gleaner.h` is generated from it
//! by cbindgen. One file per concern: status codes and the last error, options,
//! documents, web archives.
#![allow(unsafe_code, non_camel_case_types)]
#![deny(missing_docs)]

use std::panic::{catch_unwind, AssertUnwindSafe};

use status::{gleaner_status, set_last_error};

/// Fails with `NullArgument` (and a last-error message naming `what`) when `p` is NULL.
/// (Paths are relative to the modules that use it, so that the fuzz target can compile
/// this crate as a module of its own.)
macro_rules! non_null {
    ($p:expr, $what:literal) => {
        if $p.is_null() {
            super::status::set_last_error(concat!("argument `", $what, "` is NULL").to_string());
            return super::status::gleaner_status::NullArgument;
        }
    };
}

mod document;
mod options;
mod status;
mod warc;

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

/// Reads a `{ptr, len}` UTF-8 string, with the status and last error for a NULL pointer
/// or bytes that are not UTF-8.
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
