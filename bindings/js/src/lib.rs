//! gleaner for JavaScript: the WebAssembly exports that `core.js` calls (memory for the
//! input, one extraction to the document's JSON or the explain report, the result's
//! bytes), and the host clock for the time budget.

mod options;

use options::Options;
use std::alloc::Layout;
use std::cell::RefCell;

/// Status of a call that succeeded; any other status is an error's code.
const OK: u32 = 0;
/// The options were not an object of known names and values (as C's
/// `GLEANER_STATUS_INVALID_ARGUMENT`).
pub(crate) const INVALID_ARGUMENT: u32 = 3;

/// What [`gleaner_run`] makes: the document's JSON.
const WHAT_JSON: u32 = 0;
/// What [`gleaner_run`] makes: the explain report.
const WHAT_REPORT: u32 = 1;

thread_local! {
    /// The last call's result (the JSON, the report or the error's message), or a panic's
    /// message, until the next call.
    static RESULT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// `len` bytes of memory for the host to write the input or the options into; NULL when
/// there is no memory left. Free them with [`gleaner_dealloc`].
#[no_mangle]
pub extern "C" fn gleaner_alloc(len: usize) -> *mut u8 {
    match Layout::from_size_align(len.max(1), 1) {
        // SAFETY: the layout's size is not zero.
        Ok(layout) => unsafe { std::alloc::alloc(layout) },
        Err(_) => std::ptr::null_mut(),
    }
}

/// Frees memory from [`gleaner_alloc`].
///
/// # Safety
/// `ptr` came from `gleaner_alloc(len)` with the same `len`, and is freed once.
#[no_mangle]
pub unsafe extern "C" fn gleaner_dealloc(ptr: *mut u8, len: usize) {
    if let Ok(layout) = Layout::from_size_align(len.max(1), 1) {
        if !ptr.is_null() {
            // SAFETY: the caller's promise.
            unsafe { std::alloc::dealloc(ptr, layout) }
        }
    }
}

/// Extracts the page of `input_len` bytes at `input` with the options given as a JSON
/// object (`options_len` UTF-8 bytes at `options`) and makes the document's JSON
/// (`what` 0) or the explain report (`what` 1). Returns 0, or the error's code (as C's
/// `gleaner_status`); either way the result, or the error's message, is then at
/// [`gleaner_result_ptr`] for [`gleaner_result_len`] bytes.
///
/// # Safety
/// `input` and `options` point to that many readable bytes (or are NULL with length 0).
#[no_mangle]
pub unsafe extern "C" fn gleaner_run(
    input: *const u8,
    input_len: usize,
    options: *const u8,
    options_len: usize,
    what: u32,
) -> u32 {
    clock::register();
    // SAFETY: the caller's promise.
    let (input, options) = unsafe { (bytes(input, input_len), bytes(options, options_len)) };
    let (status, out) = match run(input, options, what) {
        Ok(out) => (OK, out),
        Err((code, message)) => (code, message),
    };
    RESULT.with(|r| *r.borrow_mut() = out.into_bytes());
    status
}

/// Where the last call's result starts.
#[no_mangle]
pub extern "C" fn gleaner_result_ptr() -> *const u8 {
    RESULT.with(|r| r.borrow().as_ptr())
}

/// The last call's result's length in bytes.
#[no_mangle]
pub extern "C" fn gleaner_result_len() -> usize {
    RESULT.with(|r| r.borrow().len())
}

/// Drops the last call's result, so that its memory can serve the next.
#[no_mangle]
pub extern "C" fn gleaner_result_clear() {
    RESULT.with(|r| *r.borrow_mut() = Vec::new());
}

/// The bytes at `ptr`, or none.
///
/// # Safety
/// `ptr` points to `len` readable bytes, or `len` is 0.
unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: the caller's promise.
        unsafe { std::slice::from_raw_parts(ptr, len) }
    }
}

/// One call: the options read, the page extracted, the output made.
fn run(input: &[u8], options: &[u8], what: u32) -> Result<String, (u32, String)> {
    let options = Options::from_json(options).map_err(|m| (INVALID_ARGUMENT, m))?;
    let failed = |e: gleaner::Error| (e.code(), e.to_string());
    match what {
        WHAT_JSON => {
            let doc = options.extractor.extract(input).map_err(failed)?;
            Ok(doc.to_json_with(options.json))
        }
        WHAT_REPORT => {
            let explained = options.extractor.explain(input).map_err(failed)?;
            Ok(explained.report())
        }
        other => Err((INVALID_ARGUMENT, format!("no output numbered {other}"))),
    }
}

/// The host's clock (JavaScript's `performance.now()`, imported as `gleaner.now_ms`), and
/// a panic's message kept where the host reads the result, since a panic here ends the
/// call with a trap.
#[cfg(all(target_family = "wasm", target_os = "unknown"))]
mod clock {
    #[link(wasm_import_module = "gleaner")]
    extern "C" {
        fn now_ms() -> f64;
    }

    fn now() -> f64 {
        // SAFETY: the import takes nothing and returns a number.
        unsafe { now_ms() }
    }

    pub(crate) fn register() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            gleaner::set_clock(now);
            std::panic::set_hook(Box::new(|info| {
                let message = format!("internal error (a panic): {info}");
                super::RESULT.with(|r| {
                    if let Ok(mut r) = r.try_borrow_mut() {
                        *r = message.into_bytes();
                    }
                });
            }));
        });
    }
}

/// Natively the engine reads the system's clock, and a panic unwinds.
#[cfg(not(all(target_family = "wasm", target_os = "unknown")))]
mod clock {
    pub(crate) fn register() {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(input: &[u8], options: &str, what: u32) -> (u32, String) {
        let status = unsafe {
            gleaner_run(
                input.as_ptr(),
                input.len(),
                options.as_ptr(),
                options.len(),
                what,
            )
        };
        let out = unsafe { bytes(gleaner_result_ptr(), gleaner_result_len()) };
        (status, String::from_utf8(out.to_vec()).unwrap())
    }

    const PAGE: &[u8] = b"<title>Rain due</title><article><p>Heavy rain is expected across the region on Tuesday, the forecasters said.</p></article>";

    #[test]
    fn a_page_gives_its_json_and_its_report() {
        let (status, json) = call(PAGE, r#"{"markdown": true}"#, WHAT_JSON);
        assert_eq!(status, OK, "{json}");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["title"], "Rain due");
        assert!(v["markdown"].as_str().unwrap().contains("Heavy rain"));
        assert!(v.get("html").is_none());
        let (status, report) = call(PAGE, "{}", WHAT_REPORT);
        assert_eq!(status, OK);
        assert!(report.starts_with("<!DOCTYPE html>"), "{}", &report[..40]);
        gleaner_result_clear();
        assert_eq!(gleaner_result_len(), 0);
    }

    #[test]
    fn errors_give_their_code_and_message() {
        let (status, message) = call(b"\x7fELF\x02\x01\x01\0\0\0\0\0", "{}", WHAT_JSON);
        assert_eq!(status, 106);
        assert_eq!(message, "input is not a web page: an ELF executable");
        let (status, message) = call(PAGE, r#"{"max_input_bytes": 10}"#, WHAT_JSON);
        assert_eq!(status, 100, "{message}");
        let (status, message) = call(PAGE, r#"{"commments": true}"#, WHAT_JSON);
        assert_eq!(status, INVALID_ARGUMENT);
        assert!(message.contains("\"commments\""), "{message}");
        let (status, _) = call(PAGE, "{}", 7);
        assert_eq!(status, INVALID_ARGUMENT);
    }

    #[test]
    fn memory_is_given_and_taken_back() {
        let p = gleaner_alloc(1000);
        assert!(!p.is_null());
        unsafe { gleaner_dealloc(p, 1000) };
        let p = gleaner_alloc(0);
        assert!(!p.is_null());
        unsafe { gleaner_dealloc(p, 0) };
    }
}
