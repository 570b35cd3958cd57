//! Reading web archives: WARC 1.0/1.1 records from a `.warc` or `.warc.gz` stream, and the
//! HTTP responses inside them, decoded down to the page's bytes.
//!
//! ```
//! let warc = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/\r\n\
//! Content-Type: application/http; msgtype=response\r\nContent-Length: 77\r\n\r\n\
//! HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello there</p>\r\n\r\n";
//! let mut records = gleaner::warc::Reader::new(&warc[..]);
//! let record = records.next().unwrap().unwrap();
//! assert_eq!(record.target_uri.as_deref(), Some("https://example.com/"));
//! let page = gleaner::warc::http_response(&record.block, 1 << 20).unwrap();
//! assert!(page.is_html());
//! assert_eq!(page.charset.as_deref(), Some("utf-8"));
//! assert_eq!(page.body, b"<p>Hello there</p>");
//! ```

use std::io::{BufRead, BufReader, Read};

/// Longest header section of a WARC record or an HTTP response accepted, in bytes.
pub const MAX_HEADER_BYTES: usize = 256 << 10;
/// Default largest record block read into memory; larger records are skipped.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 128 << 20;

/// What went wrong with one record. Reading goes on with the next record.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WarcError {
    /// The underlying stream failed.
    #[error("read error: {0}")]
    Io(#[from] std::io::Error),
    /// The bytes at `offset` are not a well-formed record; reading resumes at the next one.
    #[error("malformed record at offset {offset}: {reason}")]
    Malformed {
        /// Where the record starts: the offset of its gzip member in a `.warc.gz` file, of
        /// its first byte in a `.warc` file.
        offset: u64,
        /// What is wrong.
        reason: String,
    },
    /// A gzip member is corrupt; reading resumes at the next member.
    #[error("corrupt gzip member at offset {offset}: {reason}")]
    Gzip {
        /// The member's offset in the file.
        offset: u64,
        /// The decoder's message.
        reason: String,
    },
    /// The record's block is larger than the reader's limit; it was skipped.
    #[error("record at offset {offset} holds {size} bytes, more than the limit of {max}")]
    TooLarge {
        /// Where the record starts.
        offset: u64,
        /// The block's declared size.
        size: u64,
        /// The limit.
        max: usize,
    },
}

/// One WARC record: its main named fields and its block.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Record {
    /// Where the record starts: the offset of its gzip member in a `.warc.gz` file, of its
    /// first byte in a `.warc` file.
    pub offset: u64,
    /// `WARC-Type`: `response`, `request`, `metadata`, `warcinfo`, `resource`...
    pub warc_type: String,
    /// `WARC-Record-ID`, such as `<urn:uuid:...>`.
    pub record_id: Option<String>,
    /// `WARC-Target-URI`: the page's URL.
    pub target_uri: Option<String>,
    /// `WARC-Date`: when it was fetched.
    pub date: Option<String>,
    /// `Content-Type` of the block (`application/http; msgtype=response` for responses).
    pub content_type: Option<String>,
    /// The block: for a response record, the HTTP response as received.
    pub block: Vec<u8>,
}

/// A stream of WARC records, read one at a time with bounded memory. Gzip (one member per
/// record, as Common Crawl writes, or one for the whole file) is detected by its magic
/// bytes. A broken record or gzip member gives an error and reading goes on after it.
pub struct Reader<R: Read> {
    input: BufReader<Input<R>>,
    /// Bytes of the decompressed stream consumed so far.
    pos: u64,
    /// A version line found while skipping a broken record, with its offset: the next
    /// record starts with it.
    pending: Option<(Vec<u8>, u64)>,
    max_record: usize,
    done: bool,
}

impl<R: Read> Reader<R> {
    /// Reads records from `input`, plain or gzipped.
    pub fn new(input: R) -> Self {
        Self::with_limit(input, DEFAULT_MAX_RECORD_BYTES)
    }

    /// Reads records, skipping (with [`WarcError::TooLarge`]) any block over `max_record`
    /// bytes.
    pub fn with_limit(input: R, max_record: usize) -> Self {
        let mut counted = Counted {
            inner: BufReader::with_capacity(256 << 10, input),
            pos: 0,
        };
        let gz = counted
            .fill_buf()
            .map(|b| b.starts_with(&[0x1f, 0x8b]))
            .unwrap_or(false);
        let input = if gz {
            Input::Gz(Box::new(Members::new(counted)))
        } else {
            Input::Plain(counted)
        };
        Reader {
            input: BufReader::with_capacity(256 << 10, input),
            pos: 0,
            pending: None,
            max_record,
            done: false,
        }
    }

    /// Bytes of the input file consumed so far (compressed bytes for `.warc.gz`).
    pub fn bytes_read(&self) -> u64 {
        match self.input.get_ref() {
            Input::Plain(c) => c.pos,
            Input::Gz(m) => m.source_pos(),
        }
    }

    /// Where a record begins, in the terms of [`Record::offset`], given where its version
    /// line began in the decompressed stream; asked just after reading that line, when a
    /// gzip reader has started the line's member.
    fn record_offset(&self, line_start: u64) -> u64 {
        match self.input.get_ref() {
            Input::Plain(_) => line_start,
            Input::Gz(m) => m.member_start,
        }
    }

    /// One line, without its line ending; `None` at the end of the stream.
    fn line(&mut self, buf: &mut Vec<u8>) -> Result<Option<()>, WarcError> {
        buf.clear();
        let n = (&mut self.input)
            .take(MAX_HEADER_BYTES as u64)
            .read_until(b'\n', buf)?;
        self.pos += n as u64;
        if n == 0 {
            return Ok(None);
        }
        while buf.last().is_some_and(|&c| c == b'\n' || c == b'\r') {
            buf.pop();
        }
        Ok(Some(()))
    }

    fn read_record(&mut self) -> Result<Option<Record>, WarcError> {
        let mut line = Vec::new();
        // the version line, after the blank lines that end the previous record
        let offset = if let Some((pending, offset)) = self.pending.take() {
            line = pending;
            offset
        } else {
            loop {
                let line_start = self.pos;
                if self.line(&mut line)?.is_none() {
                    return Ok(None);
                }
                let offset = self.record_offset(line_start);
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                if line.starts_with(b"WARC/") {
                    break offset;
                }
                let reason = format!(
                    "expected a WARC version line, found {:?}",
                    String::from_utf8_lossy(&line[..line.len().min(40)])
                );
                self.resync()?;
                return Err(WarcError::Malformed { offset, reason });
            }
        };
        let mut record = Record {
            offset,
            ..Record::default()
        };
        let mut length: Option<u64> = None;
        let mut header_bytes = 0;
        loop {
            if self.line(&mut line)?.is_none() {
                return Err(WarcError::Malformed {
                    offset,
                    reason: "the stream ends inside the record's header".into(),
                });
            }
            if line.is_empty() {
                break;
            }
            header_bytes += line.len();
            if header_bytes > MAX_HEADER_BYTES {
                self.resync()?;
                return Err(WarcError::Malformed {
                    offset,
                    reason: "header too long".into(),
                });
            }
            let text = String::from_utf8_lossy(&line);
            let Some((name, value)) = text.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => record.warc_type = value,
                "warc-record-id" => record.record_id = Some(value),
                "warc-target-uri" => {
                    record.target_uri = Some(value.trim_matches(['<', '>']).into())
                }
                "warc-date" => record.date = Some(value),
                "content-type" => record.content_type = Some(value),
                "content-length" => length = value.parse().ok(),
                _ => {}
            }
        }
        let Some(length) = length else {
            self.resync()?;
            return Err(WarcError::Malformed {
                offset,
                reason: "no valid Content-Length".into(),
            });
        };
        if length > self.max_record as u64 {
            let skipped = std::io::copy(&mut (&mut self.input).take(length), &mut std::io::sink())?;
            self.pos += skipped;
            return Err(WarcError::TooLarge {
                offset,
                size: length,
                max: self.max_record,
            });
        }
        // the declared length is not trusted for the first allocation
        let mut block = Vec::with_capacity((length as usize).min(1 << 20));
        let got = (&mut self.input).take(length).read_to_end(&mut block)?;
        self.pos += got as u64;
        if (got as u64) < length {
            return Err(WarcError::Malformed {
                offset,
                reason: format!("the block is cut short: {got} of {length} bytes"),
            });
        }
        record.block = block;
        Ok(Some(record))
    }

    /// Skips lines up to the next one that starts a record, and keeps that line for the
    /// next call. Line by line, so that a record start is found wherever buffer fills and
    /// gzip members fall.
    fn resync(&mut self) -> Result<(), WarcError> {
        let mut line = Vec::new();
        loop {
            let line_start = self.pos;
            if self.line(&mut line)?.is_none() {
                return Ok(());
            }
            if line.starts_with(b"WARC/1.") {
                let offset = self.record_offset(line_start);
                self.pending = Some((line, offset));
                return Ok(());
            }
        }
    }
}

impl<R: Read> Iterator for Reader<R> {
    type Item = Result<Record, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if let Input::Gz(m) = self.input.get_mut() {
            if let Some(e) = m.pop_error() {
                return Some(Err(e));
            }
        }
        match self.read_record() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.done = true;
                // a corrupt last member reports after the stream ends
                match self.input.get_mut() {
                    Input::Gz(m) => m.pop_error().map(Err),
                    Input::Plain(_) => None,
                }
            }
            Err(WarcError::Io(e)) => {
                self.done = true;
                Some(Err(WarcError::Io(e)))
            }
            Err(e) => Some(Err(e)),
        }
    }
}

/// A buffered reader that counts the bytes consumed from it.
struct Counted<R: Read> {
    inner: BufReader<R>,
    pos: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(out)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: Read> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.pos += n as u64;
        self.inner.consume(n);
    }
}

enum Input<R: Read> {
    Plain(Counted<R>),
    Gz(Box<Members<R>>),
}

impl<R: Read> Read for Input<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Input::Plain(c) => c.read(out),
            Input::Gz(m) => m.read(out),
        }
    }
}

/// The gzip members of a stream, decompressed one after another; a corrupt member is
/// reported and skipped to the next gzip header.
struct Members<R: Read> {
    decoder: Option<flate2::bufread::GzDecoder<Counted<R>>>,
    source: Option<Counted<R>>,
    member_start: u64,
    errors: Vec<WarcError>,
    /// Corrupt members past [`MAX_PENDING_GZIP_ERRORS`], reported as one error.
    suppressed: u64,
}

/// Most corrupt-member errors kept between two records; more are counted.
const MAX_PENDING_GZIP_ERRORS: usize = 16;

impl<R: Read> Members<R> {
    fn new(source: Counted<R>) -> Self {
        let member_start = source.pos;
        Members {
            decoder: Some(flate2::bufread::GzDecoder::new(source)),
            source: None,
            member_start,
            errors: Vec::new(),
            suppressed: 0,
        }
    }

    fn source_pos(&self) -> u64 {
        match (&self.decoder, &self.source) {
            (Some(d), _) => d.get_ref().pos,
            (None, Some(s)) => s.pos,
            (None, None) => 0,
        }
    }

    /// Starts the next member, if the stream holds one.
    fn next_member(&mut self, mut source: Counted<R>) -> std::io::Result<bool> {
        if source.fill_buf()?.is_empty() {
            self.source = Some(source);
            return Ok(false);
        }
        self.member_start = source.pos;
        self.decoder = Some(flate2::bufread::GzDecoder::new(source));
        Ok(true)
    }

    /// The next error to report, if any.
    fn pop_error(&mut self) -> Option<WarcError> {
        if self.errors.is_empty() && self.suppressed > 0 {
            let n = std::mem::take(&mut self.suppressed);
            return Some(WarcError::Gzip {
                offset: self.member_start,
                reason: format!("{n} more corrupt gzip members skipped"),
            });
        }
        self.errors.pop()
    }

    /// Skips to the next gzip header after a corrupt member.
    fn skip_to_header(source: &mut Counted<R>) -> std::io::Result<()> {
        loop {
            let buf = source.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            if let Some(at) = memchr::memmem::find(buf, &[0x1f, 0x8b, 0x08]) {
                source.consume(at);
                return Ok(());
            }
            // a header split across two fills is missed; the member after it is found
            let n = buf.len();
            source.consume(n);
        }
    }
}

impl<R: Read> Read for Members<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let Some(decoder) = self.decoder.as_mut() else {
                return Ok(0);
            };
            match decoder.read(out) {
                Ok(0) => {
                    let source = self.decoder.take().map(|d| d.into_inner());
                    if let Some(s) = source {
                        if !self.next_member(s)? {
                            return Ok(0);
                        }
                    }
                }
                Ok(n) => return Ok(n),
                Err(e) => {
                    if self.errors.len() < MAX_PENDING_GZIP_ERRORS {
                        self.errors.push(WarcError::Gzip {
                            offset: self.member_start,
                            reason: e.to_string(),
                        });
                    } else {
                        self.suppressed += 1;
                    }
                    let Some(mut source) = self.decoder.take().map(|d| d.into_inner()) else {
                        return Ok(0);
                    };
                    // step past the broken member's first byte, then find the next header
                    if !source.fill_buf()?.is_empty() && source.pos == self.member_start {
                        source.consume(1);
                    }
                    Self::skip_to_header(&mut source)?;
                    if !self.next_member(source)? {
                        return Ok(0);
                    }
                }
            }
        }
    }
}

/// What one record gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Extracted {
    /// An HTML page: one JSON object, the record's `warc_record_id`, `warc_target_uri`,
    /// `warc_date`, `warc_offset` and `http_status`, then the fields of
    /// [`crate::Document::to_json`].
    Page(String),
    /// A response that is not HTML.
    NotHtml,
    /// A record that is not a response (request, metadata, warcinfo...).
    Other,
    /// A response that could not be read or extracted, and why.
    Failed(String),
}

/// Room a record may take beyond the extractor's input limit (its HTTP header and
/// encodings) before the reader skips it unread.
pub const RECORD_HEADROOM_BYTES: usize = 1 << 20;

/// Extracts the page a response record holds, with the HTTP charset passed on and the
/// target URI as the page URL. A bug met while extracting one record (a caught panic) is
/// that record's failure, not the end of the archive.
pub fn extract_record(extractor: &crate::Extractor, record: &Record) -> Extracted {
    extract_record_with(extractor, record, crate::JsonOptions::default())
}

/// [`extract_record`], the page's JSON with the fields `json` adds (its Markdown, its
/// HTML).
pub fn extract_record_with(
    extractor: &crate::Extractor,
    record: &Record,
    json: crate::JsonOptions,
) -> Extracted {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extract_uncaught(extractor, record, json)
    }))
    .unwrap_or_else(|_| {
        Extracted::Failed(format!(
            "record at offset {}: internal error (panic) while extracting",
            record.offset
        ))
    })
}

fn extract_uncaught(
    extractor: &crate::Extractor,
    record: &Record,
    json_options: crate::JsonOptions,
) -> Extracted {
    if record.warc_type != "response" {
        return Extracted::Other;
    }
    let max_body = extractor.current_limits().max_input_bytes;
    let response = match http_response(&record.block, max_body) {
        Ok(r) => r,
        Err(e) => return Extracted::Failed(format!("record at offset {}: {e}", record.offset)),
    };
    if !response.is_html() {
        return Extracted::NotHtml;
    }
    let mut ex = extractor.clone();
    if let Some(cs) = &response.charset {
        ex = ex.charset(cs);
    }
    if let Some(uri) = record
        .target_uri
        .as_deref()
        .filter(|u| url::Url::parse(u).is_ok())
    {
        ex = ex.url(uri);
    }
    let doc = match ex.extract(&response.body) {
        Ok(doc) => doc,
        Err(e) => return Extracted::Failed(format!("record at offset {}: {e}", record.offset)),
    };
    let json = crate::output::to_json_with(&doc, json_options);
    let field = |v: &Option<String>| serde_json::to_string(v).unwrap_or_else(|_| "null".into());
    // the record's own fields first, then the document's
    Extracted::Page(format!(
        "{{\"warc_record_id\":{},\"warc_target_uri\":{},\"warc_date\":{},\"warc_offset\":{},\"http_status\":{},{}",
        field(&record.record_id),
        field(&record.target_uri),
        field(&record.date),
        record.offset,
        response.status,
        &json[1..]
    ))
}

/// A reader of `input` that skips records too large for `extractor` to take.
pub fn reader_for<R: Read>(input: R, extractor: &crate::Extractor) -> Reader<R> {
    let max_body = extractor.current_limits().max_input_bytes;
    Reader::with_limit(input, max_body.saturating_add(RECORD_HEADROOM_BYTES))
}

/// How many records of each outcome an archive has given so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Counts {
    /// Records read, broken ones included.
    pub records: u64,
    /// HTML pages extracted.
    pub pages: u64,
    /// Responses that are not HTML.
    pub not_html: u64,
    /// Records that are not responses (requests, metadata, warcinfo...).
    pub other: u64,
    /// Broken records, pages that could not be extracted, and read errors.
    pub errors: u64,
}

impl Counts {
    /// Counts one outcome of [`Pages`].
    pub fn add(&mut self, outcome: &Result<Extracted, WarcError>) {
        if !matches!(outcome, Err(WarcError::Io(_))) {
            self.records += 1;
        }
        match outcome {
            Ok(Extracted::Page(_)) => self.pages += 1,
            Ok(Extracted::NotHtml) => self.not_html += 1,
            Ok(Extracted::Other) => self.other += 1,
            Ok(Extracted::Failed(_)) | Err(_) => self.errors += 1,
        }
    }
}

/// The pages of a web archive, extracted record by record in the archive's order: every
/// record gives one outcome (a page as a line of JSON, a record that is not an HTML
/// response, or what went wrong), and reading goes on after a broken record. The command,
/// the C ABI and the Python package all read archives through this.
///
/// ```
/// let warc = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/\r\n\
/// Content-Type: application/http; msgtype=response\r\nContent-Length: 77\r\n\r\n\
/// HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello there</p>\r\n\r\n";
/// let mut pages = gleaner::warc::Pages::new(&warc[..], gleaner::Extractor::new());
/// match pages.next() {
///     Some(Ok(gleaner::warc::Extracted::Page(json))) => assert!(json.contains("Hello there")),
///     other => panic!("{other:?}"),
/// }
/// assert!(pages.next().is_none());
/// assert_eq!(pages.counts().pages, 1);
/// ```
pub struct Pages<R: Read> {
    reader: Reader<R>,
    extractor: crate::Extractor,
    counts: Counts,
}

impl<R: Read> Pages<R> {
    /// The pages of the archive `input` (plain or gzipped), extracted with `extractor`.
    pub fn new(input: R, extractor: crate::Extractor) -> Self {
        Pages {
            reader: reader_for(input, &extractor),
            extractor,
            counts: Counts::default(),
        }
    }

    /// What the archive has given so far.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Bytes of the input consumed so far (compressed bytes for `.warc.gz`).
    pub fn bytes_read(&self) -> u64 {
        self.reader.bytes_read()
    }

    /// The next record's outcome, extracted with `extractor` instead of the one given to
    /// [`Pages::new`] (the C ABI takes options at every call).
    pub fn next_with(
        &mut self,
        extractor: &crate::Extractor,
    ) -> Option<Result<Extracted, WarcError>> {
        advance(&mut self.reader, &mut self.counts, extractor)
    }
}

/// Reads the next record, extracts it, and counts the outcome.
fn advance<R: Read>(
    reader: &mut Reader<R>,
    counts: &mut Counts,
    extractor: &crate::Extractor,
) -> Option<Result<Extracted, WarcError>> {
    let outcome = reader
        .next()?
        .map(|record| extract_record(extractor, &record));
    counts.add(&outcome);
    Some(outcome)
}

impl<R: Read> Iterator for Pages<R> {
    type Item = Result<Extracted, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        advance(&mut self.reader, &mut self.counts, &self.extractor)
    }
}

/// An HTTP response taken apart: status, type, charset and the body, decoded from its
/// transfer and content encodings.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The media type of `Content-Type`, lower-cased, without parameters.
    pub mime: Option<String>,
    /// The `charset` parameter of `Content-Type`.
    pub charset: Option<String>,
    /// The body, de-chunked and decompressed.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// Whether the response is an HTML page: its type says so, or, with no type, its body
    /// starts like one.
    pub fn is_html(&self) -> bool {
        match self.mime.as_deref() {
            Some(m) => m == "text/html" || m == "application/xhtml+xml",
            None => {
                let head = &self.body[..self.body.len().min(512)];
                let text = String::from_utf8_lossy(head)
                    .trim_start()
                    .to_ascii_lowercase();
                let text = text.trim_start_matches('\u{feff}');
                text.starts_with("<!doctype html") || text.starts_with("<html")
            }
        }
    }
}

/// Parses an HTTP response (a response record's block). The body is de-chunked and
/// decompressed (`gzip`, `deflate`, `br`); a body that does not decode as its header says
/// is kept as it is, since archives often store it already decoded. Bodies that decode to
/// more than `max_body` bytes are an error.
pub fn http_response(block: &[u8], max_body: usize) -> Result<HttpResponse, String> {
    // the first blank line ends the header, whichever line ending it has
    let crlf = memchr::memmem::find(block, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2));
    let head_end = match (crlf, lf) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b).ok_or("no end of the HTTP header")?,
    };
    if head_end.0 > MAX_HEADER_BYTES {
        return Err("HTTP header too long".into());
    }
    let head = String::from_utf8_lossy(&block[..head_end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    if !status_line.starts_with("HTTP/") {
        return Err(format!(
            "not an HTTP response: {:?}",
            status_line.chars().take(40).collect::<String>()
        ));
    }
    let status = status_line
        .split_ascii_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (mut content_type, mut chunked, mut encoding) = (None, false, None);
    for l in lines {
        let Some((name, value)) = l.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value.to_string()),
            "transfer-encoding" => chunked |= value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    let raw = &block[head_end.1..];
    let body = if chunked {
        dechunk(raw).unwrap_or_else(|| raw.to_vec())
    } else {
        raw.to_vec()
    };
    let body = match encoding.as_deref().map(str::trim) {
        Some("gzip" | "x-gzip") => decompress(
            flate2::read::MultiGzDecoder::new(&body[..]),
            &body,
            max_body,
        )?,
        Some("deflate") => {
            match decompress(flate2::read::ZlibDecoder::new(&body[..]), &body, max_body) {
                Ok(b) if b != body => b,
                _ => decompress(
                    flate2::read::DeflateDecoder::new(&body[..]),
                    &body,
                    max_body,
                )?,
            }
        }
        Some("br") => decompress(
            brotli_decompressor::Decompressor::new(&body[..], 4096),
            &body,
            max_body,
        )?,
        _ => body,
    };
    if body.len() > max_body {
        return Err(format!(
            "body of {} bytes is over the limit of {max_body}",
            body.len()
        ));
    }
    let (mime, charset) = match &content_type {
        Some(ct) => {
            let mut parts = ct.split(';');
            let mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let charset = parts.find_map(|p| {
                let (k, v) = p.split_once('=')?;
                k.trim()
                    .eq_ignore_ascii_case("charset")
                    .then(|| v.trim().trim_matches(['"', '\'']).to_string())
            });
            (
                (!mime.is_empty()).then_some(mime),
                charset.filter(|c| !c.is_empty()),
            )
        }
        None => (None, None),
    };
    Ok(HttpResponse {
        status,
        mime,
        charset,
        body,
    })
}

/// The body decompressed, or the body itself when it does not decompress (archives often
/// store it decoded but keep the header); more than `max` decompressed bytes is an error.
fn decompress(decoder: impl Read, body: &[u8], max: usize) -> Result<Vec<u8>, String> {
    match crate::input::inflate(decoder, max) {
        Ok((_, true)) => Err(format!("body decompresses to more than {max} bytes")),
        Ok((out, false)) if !out.is_empty() || body.is_empty() => Ok(out),
        _ => Ok(body.to_vec()),
    }
}

/// The body of a chunked transfer; `None` when no chunk is well formed.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    let mut any = false;
    loop {
        let eol = memchr::memchr(b'\n', raw)?;
        let size_text = String::from_utf8_lossy(&raw[..eol]);
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            return any.then_some(out);
        };
        raw = &raw[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        any = true;
        let take = size.min(raw.len());
        out.extend_from_slice(&raw[..take]);
        raw = &raw[take..];
        if take < size {
            return Some(out);
        }
        // the chunk's line ending
        if raw.starts_with(b"\r\n") {
            raw = &raw[2..];
        } else if raw.starts_with(b"\n") {
            raw = &raw[1..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::tests::gzip;

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-02T03:04:05Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn reads_plain_and_gzipped_records() {
        let a = record(
            "response",
            "https://a.example/",
            b"HTTP/1.1 200 OK\r\n\r\n<p>a</p>",
        );
        let b = record("request", "https://b.example/", b"GET / HTTP/1.1\r\n\r\n");
        let plain = [a.clone(), b.clone()].concat();
        let members = [gzip(&a), gzip(&b)].concat();
        let whole = gzip(&plain);
        for input in [plain, members, whole] {
            let recs: Vec<Record> = Reader::new(&input[..]).map(Result::unwrap).collect();
            assert_eq!(recs.len(), 2);
            assert_eq!(recs[0].warc_type, "response");
            assert_eq!(recs[0].target_uri.as_deref(), Some("https://a.example/"));
            assert_eq!(recs[1].warc_type, "request");
            assert!(recs[0].block.ends_with(b"<p>a</p>"));
        }
    }

    #[test]
    fn broken_records_and_members_are_skipped() {
        let a = record(
            "response",
            "https://a.example/",
            b"HTTP/1.1 200 OK\r\n\r\n<p>a</p>",
        );
        let c = record(
            "response",
            "https://c.example/",
            b"HTTP/1.1 200 OK\r\n\r\n<p>c</p>",
        );
        // garbage between records, then a record without Content-Length
        let plain = [
            a.clone(),
            b"garbage line\r\nmore\r\n".to_vec(),
            b"WARC/1.0\r\nWARC-Type: response\r\n\r\n".to_vec(),
            c.clone(),
        ]
        .concat();
        let results: Vec<_> = Reader::new(&plain[..]).collect();
        let ok: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[1].target_uri.as_deref(), Some("https://c.example/"));
        assert!(results
            .iter()
            .any(|r| matches!(r, Err(WarcError::Malformed { .. }))));
        // a corrupt gzip member between two good ones
        let mut bad = gzip(&a);
        let mid = bad.len() / 2;
        bad[mid] ^= 0xff;
        bad[mid + 1] ^= 0xff;
        let members = [gzip(&a), bad, gzip(&c)].concat();
        let results: Vec<_> = Reader::new(&members[..]).collect();
        let uris: Vec<_> = results
            .iter()
            .filter_map(|r| r.as_ref().ok()?.target_uri.clone())
            .collect();
        assert_eq!(uris.first().map(String::as_str), Some("https://a.example/"));
        assert_eq!(uris.last().map(String::as_str), Some("https://c.example/"));
        assert!(results.iter().any(|r| r.is_err()), "{results:?}");
    }

    #[test]
    fn recovery_and_offsets_in_one_member_per_record() {
        let a = record(
            "response",
            "https://a.example/",
            b"HTTP/1.1 200 OK\r\n\r\n<p>a</p>",
        );
        let b = record(
            "response",
            "https://b.example/",
            b"HTTP/1.1 200 OK\r\n\r\n<p>b</p>",
        );
        let c = record(
            "response",
            "https://c.example/",
            b"HTTP/1.1 200 OK\r\n\r\n<p>c</p>",
        );
        // a's Content-Length says one byte less than its block holds
        let block_len = b"HTTP/1.1 200 OK\r\n\r\n<p>a</p>".len();
        let a_short = String::from_utf8(a.clone()).unwrap().replacen(
            &format!("Content-Length: {block_len}\r\n"),
            &format!("Content-Length: {}\r\n", block_len - 1),
            1,
        );
        assert_ne!(a_short.as_bytes(), &a[..]);
        let a_short = a_short.into_bytes();
        let members = [gzip(&a_short), gzip(&b), gzip(&c)];
        let starts: Vec<u64> = members
            .iter()
            .scan(0u64, |at, m| {
                let s = *at;
                *at += m.len() as u64;
                Some(s)
            })
            .collect();
        let input = members.concat();
        let ok: Vec<Record> = Reader::new(&input[..]).filter_map(Result::ok).collect();
        let uris: Vec<_> = ok.iter().filter_map(|r| r.target_uri.as_deref()).collect();
        assert!(
            uris.ends_with(&["https://b.example/", "https://c.example/"]),
            "{uris:?}"
        );
        // each record's offset is its own member's
        let by_uri = |u: &str| {
            ok.iter()
                .find(|r| r.target_uri.as_deref() == Some(u))
                .unwrap()
                .offset
        };
        assert_eq!(by_uri("https://b.example/"), starts[1]);
        assert_eq!(by_uri("https://c.example/"), starts[2]);
    }

    #[test]
    fn hostile_bytes_give_errors_not_panics() {
        // invalid UTF-8 in a status line (each byte becomes a 3-byte replacement character)
        let block = [&[0xffu8; 20][..], b"\r\n\r\n"].concat();
        assert!(http_response(&block, 100).is_err());
        // a million corrupt gzip members: errors stay few and memory small
        let junk = [0x1f, 0x8b, 0x08, 0xe0].repeat(1_000_000);
        let errors: Vec<_> = Reader::new(&junk[..]).collect();
        assert!(
            !errors.is_empty() && errors.len() <= 2 * MAX_PENDING_GZIP_ERRORS + 2,
            "{}",
            errors.len()
        );
        assert!(errors.iter().all(|e| e.is_err()));
    }

    #[test]
    fn oversized_records_are_skipped_in_step() {
        let a = record("response", "https://a.example/", &[b'x'; 5000]);
        let c = record(
            "response",
            "https://c.example/",
            b"HTTP/1.1 200 OK\r\n\r\nc",
        );
        let input = [a, c].concat();
        let results: Vec<_> = Reader::with_limit(&input[..], 1000).collect();
        assert!(matches!(
            results[0],
            Err(WarcError::TooLarge { size: 5000, .. })
        ));
        assert_eq!(
            results[1].as_ref().unwrap().target_uri.as_deref(),
            Some("https://c.example/")
        );
    }

    #[test]
    fn http_bodies_are_dechunked_and_decompressed() {
        let html = b"<html><body><p>Chunked and compressed page</p></body></html>";
        let body = gzip(html);
        let mut chunked = Vec::new();
        for part in body.chunks(10) {
            chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
            chunked.extend_from_slice(part);
            chunked.extend_from_slice(b"\r\n");
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"Shift_JIS\"\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend_from_slice(&chunked);
        let r = http_response(&block, 1 << 20).unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.body, html);
        assert_eq!(r.charset.as_deref(), Some("Shift_JIS"));
        assert!(r.is_html());
        // stored already decoded, header kept: the body is taken as it is
        let block = [
            &b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n"[..],
            html,
        ]
        .concat();
        let r = http_response(&block, 1 << 20).unwrap();
        assert_eq!(r.body, html);
        assert!(r.is_html());
        // a decompression bomb stops at the limit
        let bomb = gzip(&vec![b' '; 1 << 20]);
        let block = [
            &b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n"[..],
            &bomb,
        ]
        .concat();
        assert!(http_response(&block, 1000).is_err());
        let block = [
            &b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n"[..],
            &crate::input::tests::BROTLI_PAGE[..],
        ]
        .concat();
        let r = http_response(&block, 1 << 20).unwrap();
        assert_eq!(
            r.body,
            b"<html><body><p>A page sent with brotli, about the harbour and its boats.</p></body></html>"
        );
        // not HTML
        let r = http_response(
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
            100,
        )
        .unwrap();
        assert!(!r.is_html());
    }
}
