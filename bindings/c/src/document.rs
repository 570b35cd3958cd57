//! Documents: extracting a page into one, reading its fields (borrowed `{ptr, len}` strings
//! computed once and kept with the document), and freeing it.

use std::sync::OnceLock;

use super::options::gleaner_options;
use super::status::{gleaner_status, set_last_error};
use super::{boundary, bytes};
use gleaner_engine::Document;

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

/// The text fields of a document, for `gleaner_document_get`. The numbers are stable.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum gleaner_field {
    /// The main text: the kept blocks in document order, one per line.
    Text = 0,
    /// The main text as CommonMark (tables as GitHub writes them).
    Markdown = 1,
    /// The main content as a small, safe HTML fragment (no scripts, styles, event handlers
    /// or unknown attributes), for reader views.
    Html = 2,
    /// The whole result as one JSON object (the `gleaner --format json` schema); see also
    /// `gleaner_document_json_with`.
    Json = 3,
    /// The headline, cleaned of the site name.
    Title = 4,
    /// The author or authors, joined with "; ".
    Author = 5,
    /// The publication date, ISO 8601 (`YYYY-MM-DD`).
    Date = 6,
    /// The site's name.
    Sitename = 7,
    /// The language, a lower-case ISO 639-1 code where one exists.
    Language = 8,
    /// The canonical URL.
    Url = 9,
    /// The page's description.
    Description = 10,
    /// The main image's URL.
    Image = 11,
    /// The comments' text, one comment after another (only with
    /// `gleaner_options_set_comments`; each comment's author and date are in the JSON).
    Comments = 12,
    /// The explain report: one self-contained HTML page with every text block of the page,
    /// its label, score, features and rule (only with `gleaner_options_set_explain`).
    Report = 13,
    /// The decision on every text block of the page as a JSON array, in page order: its
    /// text, kind, whether it was kept, label, rule, score and features (only with
    /// `gleaner_options_set_explain`).
    Decisions = 14,
    /// What kind of page it is: `article`, `forum`, `product`, `collection`, `listing`,
    /// `documentation` or `service`.
    PageType = 15,
}

impl gleaner_field {
    /// Every field, in the order of their numbers.
    const ALL: [gleaner_field; 16] = [
        gleaner_field::Text,
        gleaner_field::Markdown,
        gleaner_field::Html,
        gleaner_field::Json,
        gleaner_field::Title,
        gleaner_field::Author,
        gleaner_field::Date,
        gleaner_field::Sitename,
        gleaner_field::Language,
        gleaner_field::Url,
        gleaner_field::Description,
        gleaner_field::Image,
        gleaner_field::Comments,
        gleaner_field::Report,
        gleaner_field::Decisions,
        gleaner_field::PageType,
    ];
}

/// The result of an extraction. Free with `gleaner_document_free`.
pub struct gleaner_document {
    doc: Document,
    markdown: OnceLock<String>,
    html: OnceLock<String>,
    /// The JSON for each combination of `GLEANER_JSON_*` fields.
    json: [OnceLock<String>; 4],
    /// The decisions, when the options asked to explain.
    explained: Option<gleaner_engine::Explanation>,
    report: OnceLock<String>,
    decisions: OnceLock<String>,
}

impl gleaner_document {
    /// The value of `field`, computed on first use; `None` when the page does not say.
    fn field(&self, field: gleaner_field) -> Option<&str> {
        let d = &self.doc;
        match field {
            gleaner_field::Text => Some(d.text()),
            gleaner_field::Markdown => Some(self.markdown.get_or_init(|| d.to_markdown()).as_str()),
            gleaner_field::Html => Some(self.html.get_or_init(|| d.to_html()).as_str()),
            gleaner_field::Json => Some(self.json[0].get_or_init(|| d.to_json()).as_str()),
            gleaner_field::Title => d.title(),
            gleaner_field::Author => d.author(),
            gleaner_field::Date => d.date(),
            gleaner_field::Sitename => d.sitename(),
            gleaner_field::Language => d.language(),
            gleaner_field::Url => d.url(),
            gleaner_field::Description => d.description(),
            gleaner_field::Image => d.image(),
            gleaner_field::Comments => d.comments_text(),
            gleaner_field::PageType => Some(d.page_type().name()),
            gleaner_field::Report => {
                let ex = self.explained.as_ref()?;
                Some(self.report.get_or_init(|| ex.report()).as_str())
            }
            gleaner_field::Decisions => {
                let ex = self.explained.as_ref()?;
                let json = self.decisions.get_or_init(|| {
                    serde_json::to_string(&ex.blocks).unwrap_or_else(|_| "[]".into())
                });
                Some(json.as_str())
            }
        }
    }
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
        let mut default = None;
        // SAFETY: `options` is NULL or a live object from `gleaner_options_new`.
        let (extractor, explain) = unsafe { gleaner_options::resolve(options, &mut default) };
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
                gleaner_status::of(&e)
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

/// Reads one text field of a document: `field` is a `gleaner_field` value.
///
/// Writes a pointer to UTF-8 bytes (not NUL-terminated) to `*ptr_out` and their number to
/// `*len_out`. The bytes belong to the document and live until `gleaner_document_free`; do
/// not free them. Returns `Absent`, writing nothing, when the page does not say (an empty
/// field gives `Ok` and length 0), `InvalidArgument` when `field` is not a `gleaner_field`
/// value, and `NullArgument` if any pointer is NULL.
///
/// # Safety
/// Each pointer must be NULL or valid as described above.
#[no_mangle]
pub unsafe extern "C" fn gleaner_document_get(
    document: *const gleaner_document,
    field: u32,
    ptr_out: *mut *const u8,
    len_out: *mut usize,
) -> gleaner_status {
    boundary(gleaner_status::Internal, || {
        non_null!(document, "document");
        non_null!(ptr_out, "ptr_out");
        non_null!(len_out, "len_out");
        let Some(&field) = gleaner_field::ALL.iter().find(|f| **f as u32 == field) else {
            set_last_error(format!("field {field} is not a gleaner_field value"));
            return gleaner_status::InvalidArgument;
        };
        // SAFETY: `document` is a live object from `gleaner_extract`.
        let value = unsafe { &*document }.field(field);
        // SAFETY: the out-pointers are non-NULL and valid for writes.
        unsafe { give(value, ptr_out, len_out) }
    })
}

/// The whole result as one JSON object with optional fields: `fields` combines
/// `GLEANER_JSON_FIELD_MARKDOWN` and `GLEANER_JSON_FIELD_HTML` with `|` (0 gives the JSON
/// of `GLEANER_FIELD_JSON`).
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
        let opts = gleaner_engine::JsonOptions::default()
            .with_markdown(fields & GLEANER_JSON_MARKDOWN != 0)
            .with_html(fields & GLEANER_JSON_HTML != 0);
        let json = d.json[fields as usize].get_or_init(|| d.doc.to_json_with(opts));
        // SAFETY: the out-pointers are non-NULL and valid for writes.
        unsafe { give(Some(json), ptr_out, len_out) }
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boundary;
    use crate::options::*;
    use crate::status::*;

    fn text_of(field: gleaner_field, d: *const gleaner_document) -> Result<String, gleaner_status> {
        let mut p = std::ptr::null();
        let mut n = 0usize;
        match unsafe { gleaner_document_get(d, field as u32, &mut p, &mut n) } {
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
            assert!(text_of(gleaner_field::Text, doc)
                .unwrap()
                .starts_with("A paragraph"));
            assert_eq!(
                text_of(gleaner_field::Title, doc).unwrap(),
                "Hello world again"
            );
            assert_eq!(
                text_of(gleaner_field::Author, doc),
                Err(gleaner_status::Absent)
            );
            assert!(text_of(gleaner_field::Json, doc)
                .unwrap()
                .contains("\"title\":\"Hello world again\""));
            let mut p = std::ptr::null();
            let mut n = 0usize;
            assert_eq!(
                gleaner_document_get(doc, 99, &mut p, &mut n),
                gleaner_status::InvalidArgument
            );
            for f in gleaner_field::ALL {
                let got = text_of(f, doc);
                let absent = matches!(
                    f,
                    gleaner_field::Author
                        | gleaner_field::Date
                        | gleaner_field::Description
                        | gleaner_field::Image
                        | gleaner_field::Comments
                        | gleaner_field::Report
                        | gleaner_field::Decisions
                );
                assert_eq!(got.is_err(), absent, "{f:?}: {got:?}");
            }
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
