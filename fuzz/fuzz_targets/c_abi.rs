//! Fuzz target: the C ABI, called as a C program would, with option strings taken from
//! the input (possibly not UTF-8) and every getter on the result.
#![no_main]

use std::ffi::c_void;

use libfuzzer_sys::fuzz_target;

// The C library's source, compiled into the target (a cdylib and staticlib only, it cannot
// be a Rust dependency), brings the C ABI's symbols; they are declared here as
// include/gleaner.h declares them (statuses are u32, OK is 0; the fields of gleaner_field
// are 0 to 15).
extern crate gleaner as gleaner_engine;
#[allow(dead_code)]
#[path = "../../bindings/c/src/lib.rs"]
mod capi;

extern "C" {
    fn gleaner_options_new() -> *mut c_void;
    fn gleaner_options_free(o: *mut c_void);
    fn gleaner_options_set_url(o: *mut c_void, v: *const u8, n: usize) -> u32;
    fn gleaner_options_set_charset(o: *mut c_void, v: *const u8, n: usize) -> u32;
    fn gleaner_options_set_comments(o: *mut c_void, yes: bool) -> u32;
    fn gleaner_options_set_links(o: *mut c_void, yes: bool) -> u32;
    fn gleaner_options_set_formatting(o: *mut c_void, yes: bool) -> u32;
    fn gleaner_options_set_explain(o: *mut c_void, yes: bool) -> u32;
    fn gleaner_options_set_truncate(o: *mut c_void, yes: bool) -> u32;
    fn gleaner_options_set_favor(o: *mut c_void, favor: u32) -> u32;
    fn gleaner_options_set_max_nodes(o: *mut c_void, v: usize) -> u32;
    fn gleaner_options_set_max_input_bytes(o: *mut c_void, v: usize) -> u32;
    fn gleaner_extract(html: *const u8, n: usize, o: *const c_void, out: *mut *mut c_void) -> u32;
    fn gleaner_document_free(d: *mut c_void);
    fn gleaner_document_truncated(d: *const c_void, out: *mut bool) -> u32;
    fn gleaner_document_confidence(d: *const c_void, out: *mut f64) -> u32;
    fn gleaner_document_json_with(d: *const c_void, fields: u32, p: *mut *const u8, n: *mut usize) -> u32;
    fn gleaner_document_get(d: *const c_void, field: u32, p: *mut *const u8, n: *mut usize) -> u32;
    fn gleaner_last_error(buf: *mut u8, len: usize, n: *mut usize) -> u32;
}

const OK: u32 = 0;
/// The fields of `gleaner_field`, and one number past them.
const FIELDS: std::ops::Range<u32> = 0..17;

fuzz_target!(|data: &[u8]| {
    let Some((&[a, url_len, cs_len], rest)) = data.split_first_chunk::<3>() else {
        return;
    };
    let url_len = (url_len as usize).min(rest.len());
    let (url, rest) = rest.split_at(url_len);
    let cs_len = (cs_len as usize % 16).min(rest.len());
    let (charset, page) = rest.split_at(cs_len);
    // SAFETY: every pointer passed is valid for the length passed with it; the options and
    // the document are freed once.
    unsafe {
        let opts = gleaner_options_new();
        assert!(!opts.is_null());
        if a & 1 != 0 {
            gleaner_options_set_url(opts, url.as_ptr(), url.len());
        }
        if a & 2 != 0 {
            gleaner_options_set_charset(opts, charset.as_ptr(), charset.len());
        }
        gleaner_options_set_comments(opts, a & 4 != 0);
        gleaner_options_set_links(opts, a & 8 != 0);
        gleaner_options_set_favor(opts, (a >> 4) as u32 % 4);
        // formatting and explain share the input's bits with other options
        gleaner_options_set_formatting(opts, a & 0x10 != 0);
        gleaner_options_set_explain(opts, a & 0x20 != 0);
        if a & 0x40 != 0 {
            // small limits, past which the page is cut or refused
            gleaner_options_set_max_nodes(opts, 64);
            gleaner_options_set_max_input_bytes(opts, 1 << 14);
            gleaner_options_set_truncate(opts, a & 0x80 != 0);
        }
        let mut doc = std::ptr::null_mut();
        let status = gleaner_extract(page.as_ptr(), page.len(), opts, &mut doc);
        if status == OK {
            assert!(!doc.is_null());
            let mut truncated = false;
            assert_eq!(gleaner_document_truncated(doc, &mut truncated), OK);
            let mut confidence = -1.0f64;
            assert_eq!(gleaner_document_confidence(doc, &mut confidence), OK);
            assert!((0.0..=1.0).contains(&confidence));
            for fields in 0..4 {
                let mut p = std::ptr::null();
                let mut n = 0usize;
                assert_eq!(gleaner_document_json_with(doc, fields, &mut p, &mut n), OK);
                assert!(std::str::from_utf8(std::slice::from_raw_parts(p, n)).is_ok());
            }
            for field in FIELDS {
                let mut p = std::ptr::null();
                let mut n = 0usize;
                let s = gleaner_document_get(doc, field, &mut p, &mut n);
                if s == OK {
                    let bytes = std::slice::from_raw_parts(p, n);
                    assert!(std::str::from_utf8(bytes).is_ok());
                }
            }
        } else {
            assert!(doc.is_null());
            let mut buf = [0u8; 256];
            let mut n = 0usize;
            gleaner_last_error(buf.as_mut_ptr(), buf.len(), &mut n);
            assert!(n <= buf.len());
        }
        gleaner_document_free(doc);
        gleaner_options_free(opts);
    }
});
