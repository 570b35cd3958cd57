//! Turns a web page's raw bytes into a `String`, choosing the charset as the HTML standard does but trusting the bytes over a declaration they contradict.
//!
//! # How the encoding is chosen
//!
//! 1. **BOM.** A UTF-8, UTF-16LE or UTF-16BE byte order mark wins outright
//!    ([`Source::Bom`]); the BOM is stripped from the text.
//!    Failing a BOM, text whose first 1024 bytes have NULs in most odd
//!    (even) positions and almost none in the others is UTF-16LE (BE)
//!    without BOM: no ASCII-compatible page looks like that. This is
//!    reported as [`Source::Detected`], or as the declaration's source when
//!    a declaration said the same.
//! 2. **Caller.** A charset label the caller already knows (for example from
//!    an HTTP `Content-Type` header) is used if it names a known encoding
//!    ([`Source::Caller`]). Surrounding whitespace and quotes are ignored.
//!    Unknown labels, and labels that map to the standard's "replacement"
//!    encoding (e.g. `iso-2022-kr`), are ignored. `x-user-defined` means
//!    windows-1252. A UTF-16 label is only believed when the first 1024
//!    bytes contain a NUL byte (any real UTF-16 markup does); otherwise the
//!    page is treated as undeclared.
//! 3. **Meta.** The [`prescan`] of the first 1024 bytes ([`Source::Meta`]).
//! 4. **Detection** with chardetng ([`Source::Detected`]). chardetng costs
//!    roughly 100 ns per byte fed, so it is fed a sample, not the page: the
//!    non-ASCII bytes with up to 16 ASCII bytes of context on each side,
//!    longer ASCII stretches (markup, scripts) being replaced by one space,
//!    until 4 KiB have been fed. A long ASCII-only `<head>` therefore neither
//!    starves nor slows the detector. (For a pure-ASCII page with ESC bytes,
//!    i.e. possibly ISO-2022-JP, 4 KiB from the first ESC are fed.)
//! 5. **Default** windows-1252 ([`Source::Default`]) when there is nothing to
//!    detect: the page is pure ASCII (without the ESC bytes of ISO-2022-JP).
//!    The text is then the same in every ASCII-compatible encoding.
//!
//! # Trusting the bytes
//!
//! A declaration (caller or meta) is overridden, and the result reported as
//! [`Source::Detected`], only on strong evidence:
//!
//! * **Valid UTF-8 beats a legacy declaration.** If the bytes are entirely
//!   valid UTF-8 and contain non-ASCII bytes, UTF-8 is used. For a
//!   single-byte declaration (windows-1252, ISO-8859-x, KOI8-R, ...) and for
//!   ISO-2022-JP one non-ASCII byte suffices; legacy multi-byte text (EUC-KR,
//!   GBK, ...) can form a valid UTF-8 sequence by chance, so for those
//!   declarations at least 6 non-ASCII bytes are required.
//! * **Nearly valid UTF-8 beats a legacy declaration** (and detection): if
//!   there are at least 32 non-ASCII bytes per malformed UTF-8 sequence, the
//!   page is UTF-8 with a few broken bytes (legacy text produces a malformed
//!   sequence at almost every non-ASCII character). It is decoded as UTF-8
//!   with replacements.
//! * **A garbled declaration loses.** If decoding with the declared
//!   encoding (UTF-8 or legacy) replaces more than one sequence per 4
//!   non-ASCII bytes, chardetng's guess (excluding UTF-8 when UTF-8 was the
//!   declaration) is used instead, provided it decodes with fewer
//!   replacements.
//! * **A contradicted script loses.** For a declaration of a single-byte
//!   Latin-script encoding (windows-1252, ISO-8859-1/2/15, windows-1250...),
//!   when the 64 KiB from the first non-ASCII byte on hold at least 64
//!   non-ASCII bytes of which at least half directly follow another
//!   non-ASCII byte (the shape of CJK, Cyrillic, Greek... text, not of Latin
//!   text with the odd accented letter), chardetng is consulted. Its guess
//!   is used if it belongs to a non-Latin script family (Cyrillic, Greek,
//!   Hebrew, Arabic, Thai, CJK) and decodes the page without a single error;
//!   e.g. GBK bytes declared windows-1252, or windows-1251 bytes declared
//!   ISO-8859-1. Confusions within one family (windows-1250 vs ISO-8859-2,
//!   windows-1251 vs KOI8-R) never override a declaration, because short
//!   texts do not tell them apart reliably; non-Latin declarations are
//!   not second-guessed this way (it would cost a detector run on every such
//!   page, and mislabelled ones are rare).
//!
//! A UTF-16 label from a meta tag or XML declaration means UTF-8 (the bytes
//! were readable as ASCII); `x-user-defined` means windows-1252.
//!
//! # Pages encoded twice
//!
//! A page whose UTF-8 was once read as windows-1252 or Latin-1 and written out
//! as UTF-8 again ("donâ€™t") is repaired when the whole text maps back to
//! valid UTF-8 ([`mojibake`]); any other text is left as decoded.
//!
//! # Cost
//!
//! The common cases (valid UTF-8, ASCII, a correct legacy declaration) take
//! one SIMD UTF-8 validation pass, one decode and at most one copy. chardetng
//! runs only for undeclared non-UTF-8 pages and for the suspicious cases
//! above, and is fed at most 4 KiB (well under a millisecond). The check for a
//! double encoding jumps with memchr between the bytes 0xC3 of the text.

mod mojibake;

use std::borrow::Cow;

use chardetng::EncodingDetector;
use encoding_rs::{
    Encoding, ISO_2022_JP, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED,
};

/// Bytes examined by the prescan (the HTML standard's limit).
const PRESCAN_LIMIT: usize = 1024;
/// At most this many bytes are fed to chardetng.
const SAMPLE_LIMIT: usize = 4 * 1024;
/// ASCII bytes kept on each side of non-ASCII bytes in the chardetng sample.
const SAMPLE_CONTEXT: usize = 16;
/// Bytes, from the first non-ASCII one, examined for the contradicted-script rule.
const SHAPE_WINDOW: usize = 64 * 1024;
/// Non-ASCII bytes of valid UTF-8 needed to override a multi-byte legacy declaration.
const MULTIBYTE_UTF8_EVIDENCE: usize = 6;
/// Nearly valid UTF-8: at least this many non-ASCII bytes per malformed sequence.
const UTF8_ERROR_TOLERANCE: usize = 32;
/// Garbled: more than one replacement per this many non-ASCII bytes.
const GARBLED_RATIO: usize = 4;
/// Non-ASCII bytes needed before a single-byte declaration's script is questioned.
const SCRIPT_EVIDENCE: usize = 64;

/// How the encoding was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A byte order mark at the start of the bytes.
    Bom,
    /// The charset label passed by the caller (e.g. from an HTTP header).
    Caller,
    /// A `<meta>` declaration or XML declaration found by [`prescan`].
    Meta,
    /// Inferred from the bytes: chardetng's guess, or UTF-8 validity
    /// overriding a contradicted declaration.
    Detected,
    /// Nothing to go on (pure ASCII, no declaration): windows-1252.
    Default,
}

/// The decoded page.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The page text, with malformed sequences replaced by U+FFFD and any BOM removed:
    /// the input itself when it was valid UTF-8 (or ASCII in an ASCII-compatible
    /// encoding), else a decoded copy; a repaired copy when the page was encoded twice.
    pub text: Cow<'a, str>,
    /// The encoding the text was decoded with.
    pub encoding: &'static Encoding,
    /// How that encoding was chosen (the tests check every path to it).
    #[cfg_attr(not(test), allow(dead_code))]
    pub source: Source,
    /// Whether any malformed byte sequence was replaced by U+FFFD.
    pub had_errors: bool,
}

/// Decodes `bytes`; `caller_charset` is a label the caller already knows (e.g. from an HTTP Content-Type header), may be None or an unknown label (then ignored).
///
/// Never panics, whatever the bytes. See the module documentation for the
/// exact order and override rules.
pub fn decode<'a>(bytes: &'a [u8], caller_charset: Option<&str>) -> Decoded<'a> {
    let mut decoded = decode_bytes(bytes, caller_charset);
    if let Some(repaired) = mojibake::repair(&decoded.text) {
        decoded.text = Cow::Owned(repaired);
    }
    decoded
}

/// [`decode`] before the repair of a double encoding.
fn decode_bytes<'a>(bytes: &'a [u8], caller_charset: Option<&str>) -> Decoded<'a> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_as(encoding, &bytes[bom_len..], Source::Bom);
    }
    let mut guesser = Guesser::new(bytes);
    let declared = caller_charset
        .and_then(caller_encoding)
        .map(|e| (e, Source::Caller))
        .or_else(|| prescan(bytes).map(|e| (e, Source::Meta)));
    if let Some(utf16) = sniff_utf16(bytes) {
        let source = match declared {
            Some((enc, source)) if enc == utf16 => source,
            _ => Source::Detected,
        };
        return decode_as(utf16, bytes, source);
    }
    match declared {
        Some((enc, source)) if enc == UTF_16LE || enc == UTF_16BE => {
            let head = &bytes[..bytes.len().min(PRESCAN_LIMIT)];
            if head.contains(&0) {
                decode_as(enc, bytes, source)
            } else {
                undeclared(bytes, &mut guesser)
            }
        }
        Some((enc, source)) => decode_declared(bytes, enc, source, &mut guesser),
        None => undeclared(bytes, &mut guesser),
    }
}

/// Finds a charset declared in the first 1024 bytes (the HTML standard's "prescan a byte stream to determine its encoding": <meta charset=...>, <meta http-equiv="content-type" content="...charset=...">, skipping comments and other tags correctly). Also accept an XML declaration `<?xml version="1.0" encoding="..."?>` at the very start.
///
/// A `<meta>` declaration takes precedence over the XML declaration (as in
/// browsers, which ignore the latter for HTML). The XML declaration may be
/// preceded by a UTF-8 BOM and ASCII whitespace. UTF-16 labels yield UTF-8,
/// `x-user-defined` yields windows-1252, and labels of the "replacement"
/// encoding count as unknown.
pub fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_LIMIT)];
    meta_prescan(head).or_else(|| xml_declaration(head))
}

// ---------------------------------------------------------------------------
// Choosing and applying the encoding
// ---------------------------------------------------------------------------

/// Runs chardetng at most once per page, on demand.
struct Guesser<'a> {
    bytes: &'a [u8],
    detector: Option<EncodingDetector>,
}

impl<'a> Guesser<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Guesser {
            bytes,
            detector: None,
        }
    }

    /// chardetng's guess for the page (no TLD hint).
    fn guess(&mut self, allow_utf8: bool) -> &'static Encoding {
        let bytes = self.bytes;
        self.detector
            .get_or_insert_with(|| {
                let mut detector = EncodingDetector::new();
                feed_sample(&mut detector, bytes);
                detector
            })
            .guess(None, allow_utf8)
    }
}

/// Feeds chardetng the non-ASCII parts of `bytes` with some ASCII context,
/// each long ASCII stretch between them replaced by a single space, up to
/// [`SAMPLE_LIMIT`] bytes. Kept ranges begin and end with ASCII context (or
/// at the ends of the input), so no multi-byte character is cut, except at
/// the end of the sample, which is fed as an unfinished stream.
fn feed_sample(detector: &mut EncodingDetector, bytes: &[u8]) {
    let len = bytes.len();
    let first = Encoding::ascii_valid_up_to(bytes);
    if first == len {
        // Only ISO-2022-JP's escape sequences can tell anything here.
        if let Some(esc) = bytes.iter().position(|&b| b == 0x1B) {
            let end = len.min(esc + SAMPLE_LIMIT);
            detector.feed(&bytes[esc..end], end == len);
        }
        return;
    }
    let mut fed = 0;
    let mut range = first.saturating_sub(SAMPLE_CONTEXT)..(first + 1 + SAMPLE_CONTEXT).min(len);
    let mut cursor = first + 1;
    while cursor < len && fed + range.len() < SAMPLE_LIMIT {
        let next = cursor + Encoding::ascii_valid_up_to(&bytes[cursor..]);
        if next == len {
            break;
        }
        let start = next.saturating_sub(SAMPLE_CONTEXT);
        let end = (next + 1 + SAMPLE_CONTEXT).min(len);
        if start <= range.end {
            range.end = end;
        } else {
            fed += range.len() + 1;
            detector.feed(&bytes[range], false);
            detector.feed(b" ", false);
            range = start..end;
        }
        cursor = next + 1;
    }
    let last = range.end == len;
    detector.feed(&bytes[range], last);
}

/// The UTF-16 that `bytes` are in, by their byte order mark or, failing one, by
/// [`sniff_utf16`]; `None` for any other encoding.
pub(crate) fn utf16_of(bytes: &[u8]) -> Option<&'static Encoding> {
    match Encoding::for_bom(bytes) {
        Some((e, _)) if e == UTF_16LE || e == UTF_16BE => Some(e),
        Some(_) => None,
        None => sniff_utf16(bytes),
    }
}

/// Recognises BOM-less UTF-16 by the NUL bytes that ASCII characters leave
/// in every other position of the first 1024 bytes.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_LIMIT)];
    let pairs = head.len() / 2;
    if pairs < 8 || !head.contains(&0) {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    if odd * 2 >= pairs && even * 16 <= pairs {
        Some(UTF_16LE)
    } else if even * 2 >= pairs && odd * 16 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Maps a caller label to an encoding, or `None` if it should be ignored.
fn caller_encoding(label: &str) -> Option<&'static Encoding> {
    let label = label.trim_matches(|c: char| c.is_ascii_whitespace() || c == '"' || c == '\'');
    match Encoding::for_label(label.as_bytes())? {
        e if e == REPLACEMENT => None,
        e if e == X_USER_DEFINED => Some(WINDOWS_1252),
        e => Some(e),
    }
}

/// Maps a label found inside the document to an encoding, or `None` if unusable.
fn in_document_encoding(label: &[u8]) -> Option<&'static Encoding> {
    Encoding::for_label(label).and_then(in_document_fix_up)
}

/// The standard's fix-ups for an encoding declared inside the document.
fn in_document_fix_up(encoding: &'static Encoding) -> Option<&'static Encoding> {
    match encoding {
        e if e == REPLACEMENT => None,
        e if e == X_USER_DEFINED => Some(WINDOWS_1252),
        e if e == UTF_16LE || e == UTF_16BE => Some(UTF_8),
        e => Some(e),
    }
}

/// The page has a declared (non-UTF-16) encoding `declared`.
fn decode_declared<'a>(
    bytes: &'a [u8],
    declared: &'static Encoding,
    source: Source,
    guesser: &mut Guesser,
) -> Decoded<'a> {
    match std::str::from_utf8(bytes) {
        Ok(text) if declared == UTF_8 => borrowed(text, UTF_8, source),
        Ok(text) => {
            let needed = if declared.is_single_byte() || declared == ISO_2022_JP {
                1
            } else {
                MULTIBYTE_UTF8_EVIDENCE
            };
            if count_non_ascii_up_to(bytes, needed) >= needed {
                borrowed(text, UTF_8, Source::Detected)
            } else {
                decode_as(declared, bytes, source)
            }
        }
        Err(e) if declared != UTF_8 && nearly_utf8(bytes, e.valid_up_to()) => {
            decode_as(UTF_8, bytes, Source::Detected)
        }
        Err(_) => checked(bytes, declared, source, guesser),
    }
}

/// No usable declaration: UTF-8 validity, then chardetng, then the default.
fn undeclared<'a>(bytes: &'a [u8], guesser: &mut Guesser) -> Decoded<'a> {
    match std::str::from_utf8(bytes) {
        Ok(text) if !text.is_ascii() => borrowed(text, UTF_8, Source::Detected),
        // ASCII reads the same in UTF-8 and windows-1252 (the web's default); it is valid
        // UTF-8, which is what it is said to be. ESC may introduce ISO-2022-JP, which is
        // 7-bit.
        Ok(text) if !bytes.contains(&0x1B) => borrowed(text, UTF_8, Source::Default),
        Ok(_) => {
            let guess = guesser.guess(true);
            decode_as(guess, bytes, Source::Detected)
        }
        Err(e) if nearly_utf8(bytes, e.valid_up_to()) => decode_as(UTF_8, bytes, Source::Detected),
        Err(_) => {
            let guess = guesser.guess(true);
            checked(bytes, guess, Source::Detected, guesser)
        }
    }
}

/// Decodes with `chosen` (bytes known not to be valid UTF-8), then applies
/// the "garbled" and "contradicted script" rules.
fn checked<'a>(
    bytes: &'a [u8],
    chosen: &'static Encoding,
    source: Source,
    guesser: &mut Guesser,
) -> Decoded<'a> {
    let (text, had_errors) = chosen.decode_without_bom_handling(bytes);
    let replaced = if had_errors {
        count_replacements(&text)
    } else {
        0
    };
    if had_errors && replaced.saturating_mul(GARBLED_RATIO) > count_non_ascii(bytes) {
        let alternative = guesser.guess(chosen != UTF_8);
        if alternative != chosen {
            let candidate = decode_as(alternative, bytes, Source::Detected);
            if replacements(&candidate) < replaced {
                return candidate;
            }
        }
    }
    if source != Source::Detected && script_of(chosen) == Script::Latin && multibyte_shaped(bytes) {
        let alternative = guesser.guess(true);
        let script = script_of(alternative);
        if script != Script::Other && script != Script::Latin {
            let candidate = decode_as(alternative, bytes, Source::Detected);
            if !candidate.had_errors {
                return candidate;
            }
        }
    }
    Decoded {
        text,
        encoding: chosen,
        source,
        had_errors,
    }
}

/// Decodes `bytes` with `encoding`, replacing malformed sequences.
fn decode_as<'a>(encoding: &'static Encoding, bytes: &'a [u8], source: Source) -> Decoded<'a> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text,
        encoding,
        source,
        had_errors,
    }
}

/// Wraps already-validated text (no copy).
fn borrowed<'a>(text: &'a str, encoding: &'static Encoding, source: Source) -> Decoded<'a> {
    Decoded {
        text: Cow::Borrowed(text),
        encoding,
        source,
        had_errors: false,
    }
}

/// Number of U+FFFD in a decode result.
fn replacements(decoded: &Decoded<'_>) -> usize {
    if decoded.had_errors {
        count_replacements(&decoded.text)
    } else {
        0
    }
}

fn count_replacements(text: &str) -> usize {
    text.matches('\u{FFFD}').count()
}

fn count_non_ascii(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b >= 0x80).count()
}

/// Counts non-ASCII bytes, stopping once `cap` are found.
fn count_non_ascii_up_to(bytes: &[u8], cap: usize) -> usize {
    let mut rest = bytes;
    let mut found = 0;
    while found < cap {
        let ascii = Encoding::ascii_valid_up_to(rest);
        if ascii == rest.len() {
            break;
        }
        found += 1;
        rest = &rest[ascii + 1..];
    }
    found
}

/// Whether bytes that are not valid UTF-8 (the first error at
/// `valid_up_to`) are still UTF-8 with a few broken sequences.
fn nearly_utf8(bytes: &[u8], valid_up_to: usize) -> bool {
    let allowed = count_non_ascii(bytes) / UTF8_ERROR_TOLERANCE;
    let mut errors = 0;
    let mut pos = valid_up_to;
    loop {
        match std::str::from_utf8(&bytes[pos..]) {
            Ok(_) => return true,
            Err(e) => {
                errors += 1;
                if errors > allowed {
                    return false;
                }
                match e.error_len() {
                    Some(len) => pos += e.valid_up_to() + len,
                    // Truncated sequence at the very end.
                    None => return true,
                }
            }
        }
    }
}

/// Whether the detection window has enough non-ASCII bytes, mostly in runs,
/// to question a single-byte declaration.
fn multibyte_shaped(bytes: &[u8]) -> bool {
    let start = Encoding::ascii_valid_up_to(bytes);
    let window = &bytes[start..bytes.len().min(start.saturating_add(SHAPE_WINDOW))];
    let mut non_ascii = 0usize;
    let mut paired = 0usize;
    let mut previous_high = false;
    for &b in window {
        let high = b >= 0x80;
        non_ascii += usize::from(high);
        paired += usize::from(high && previous_high);
        previous_high = high;
    }
    non_ascii >= SCRIPT_EVIDENCE && paired * 2 >= non_ascii
}

/// Writing-system family of an encoding, for the contradicted-script rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Hebrew,
    Arabic,
    Thai,
    Cjk,
    Other,
}

fn script_of(encoding: &'static Encoding) -> Script {
    match encoding.name() {
        "windows-1252" | "ISO-8859-15" | "windows-1250" | "ISO-8859-2" | "ISO-8859-3"
        | "ISO-8859-4" | "ISO-8859-10" | "ISO-8859-13" | "ISO-8859-14" | "ISO-8859-16"
        | "windows-1254" | "windows-1257" | "windows-1258" | "macintosh" => Script::Latin,
        "windows-1251" | "KOI8-R" | "KOI8-U" | "ISO-8859-5" | "IBM866" | "x-mac-cyrillic" => {
            Script::Cyrillic
        }
        "windows-1253" | "ISO-8859-7" => Script::Greek,
        "windows-1255" | "ISO-8859-8" | "ISO-8859-8-I" => Script::Hebrew,
        "windows-1256" | "ISO-8859-6" => Script::Arabic,
        "windows-874" => Script::Thai,
        "Shift_JIS" | "EUC-JP" | "ISO-2022-JP" | "EUC-KR" | "GBK" | "gb18030" | "Big5" => {
            Script::Cjk
        }
        _ => Script::Other,
    }
}

// ---------------------------------------------------------------------------
// Prescan (HTML standard, "prescan a byte stream to determine its encoding")
// ---------------------------------------------------------------------------

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// The meta part of the prescan over `head` (already cut to 1024 bytes).
fn meta_prescan(head: &[u8]) -> Option<&'static Encoding> {
    let n = head.len();
    let mut pos = 0;
    while pos < n {
        let rest = &head[pos..];
        if rest.starts_with(b"<!--") {
            // The closing "-->" may share its dashes with "<!--".
            pos += 2 + find(&rest[2..], b"-->")? + 2;
        } else if rest.len() > 5
            && rest[..5].eq_ignore_ascii_case(b"<meta")
            && (is_space(rest[5]) || rest[5] == b'/')
        {
            pos += 5;
            if let Some(encoding) = meta_tag(head, &mut pos) {
                return Some(encoding);
            }
        } else if rest[0] == b'<'
            && (rest.get(1).is_some_and(u8::is_ascii_alphabetic)
                || (rest.get(1) == Some(&b'/') && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
        {
            pos += rest.iter().position(|&b| is_space(b) || b == b'>')?;
            while get_attribute(head, &mut pos).is_some() {}
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            pos += 2 + rest[2..].iter().position(|&b| b == b'>')?;
        }
        // "Next byte". Running out of bytes leaves `pos` at `n`.
        pos += 1;
    }
    None
}

/// Reads the attributes of a `<meta` tag; `pos` is just after "<meta".
/// Returns the declared encoding if this tag declares a usable one.
fn meta_tag(head: &[u8], pos: &mut usize) -> Option<&'static Encoding> {
    let (mut seen_http_equiv, mut seen_content, mut seen_charset) = (false, false, false);
    let mut got_pragma = false;
    let mut need_pragma: Option<bool> = None;
    // None: not set yet; Some(None): set to "failure".
    let mut charset: Option<Option<&'static Encoding>> = None;
    while let Some((name, value)) = get_attribute(head, pos) {
        // A repeated attribute name is skipped (only these three matter).
        if name.eq_ignore_ascii_case(b"http-equiv") && !seen_http_equiv {
            seen_http_equiv = true;
            got_pragma = value.eq_ignore_ascii_case(b"content-type");
        } else if name.eq_ignore_ascii_case(b"content") && !seen_content {
            seen_content = true;
            let extracted = match charset {
                None => charset_from_content(value),
                Some(_) => None,
            };
            if let Some(encoding) = extracted {
                charset = Some(Some(encoding));
                need_pragma = Some(true);
            }
        } else if name.eq_ignore_ascii_case(b"charset") && !seen_charset {
            seen_charset = true;
            charset = Some(Encoding::for_label(value));
            need_pragma = Some(false);
        }
    }
    if *pos >= head.len() {
        return None; // Ran out of bytes inside the tag.
    }
    match need_pragma {
        None => None,
        Some(true) if !got_pragma => None,
        _ => charset.flatten().and_then(in_document_fix_up),
    }
}

/// The standard's "get an attribute". Returns `None` when the tag ends
/// (`pos` then at '>') or the bytes run out (`pos` then at the end).
fn get_attribute<'a>(head: &'a [u8], pos: &mut usize) -> Option<(&'a [u8], &'a [u8])> {
    let n = head.len();
    let mut p = *pos;
    while p < n && (is_space(head[p]) || head[p] == b'/') {
        p += 1;
    }
    if p >= n || head[p] == b'>' {
        *pos = p;
        return None;
    }
    let name_start = p;
    // Attribute name.
    let name_end = loop {
        if p >= n {
            *pos = n;
            return None;
        }
        match head[p] {
            b'=' if p > name_start => break p,
            b if is_space(b) => break p,
            b'/' | b'>' => {
                *pos = p;
                return Some((&head[name_start..p], &[]));
            }
            _ => p += 1,
        }
    };
    let name = &head[name_start..name_end];
    while p < n && is_space(head[p]) {
        p += 1;
    }
    if p >= n {
        *pos = n;
        return None;
    }
    if head[p] != b'=' {
        *pos = p;
        return Some((name, &[]));
    }
    p += 1;
    while p < n && is_space(head[p]) {
        p += 1;
    }
    if p >= n {
        *pos = n;
        return None;
    }
    match head[p] {
        quote @ (b'"' | b'\'') => {
            let Some(len) = head[p + 1..].iter().position(|&b| b == quote) else {
                *pos = n;
                return None;
            };
            *pos = p + 1 + len + 1;
            Some((name, &head[p + 1..p + 1 + len]))
        }
        b'>' => {
            *pos = p;
            Some((name, &[]))
        }
        _ => {
            let start = p;
            while p < n && !is_space(head[p]) && head[p] != b'>' {
                p += 1;
            }
            *pos = p;
            if p >= n {
                return None;
            }
            Some((name, &head[start..p]))
        }
    }
}

/// The standard's "extracting a character encoding from a meta element".
fn charset_from_content(value: &[u8]) -> Option<&'static Encoding> {
    let mut from = 0;
    loop {
        let mut p = from + find_ignore_case(&value[from..], b"charset")? + 7;
        while p < value.len() && is_space(value[p]) {
            p += 1;
        }
        if value.get(p) != Some(&b'=') {
            from = p;
            continue;
        }
        p += 1;
        while p < value.len() && is_space(value[p]) {
            p += 1;
        }
        let first = *value.get(p)?;
        if first == b'"' || first == b'\'' {
            let len = value[p + 1..].iter().position(|&b| b == first)?;
            return Encoding::for_label(&value[p + 1..p + 1 + len]);
        }
        let end = value[p..]
            .iter()
            .position(|&b| is_space(b) || b == b';')
            .map_or(value.len(), |len| p + len);
        return Encoding::for_label(&value[p..end]);
    }
}

/// `<?xml ... encoding="..."?>` at the start of `head`.
fn xml_declaration(head: &[u8]) -> Option<&'static Encoding> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|&b| !is_space(b))?;
    let rest = &head[start..];
    if !rest.starts_with(b"<?xml") || !rest.get(5).copied().is_some_and(is_space) {
        return None;
    }
    let decl = &rest[5..5 + find(&rest[5..], b"?>")?];
    let mut from = 0;
    loop {
        let mut p = from + find(&decl[from..], b"encoding")? + 8;
        from = p;
        while p < decl.len() && is_space(decl[p]) {
            p += 1;
        }
        if decl.get(p) != Some(&b'=') {
            continue;
        }
        p += 1;
        while p < decl.len() && is_space(decl[p]) {
            p += 1;
        }
        let quote = *decl.get(p)?;
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let len = decl[p + 1..].iter().position(|&b| b == quote)?;
        return in_document_encoding(&decl[p + 1..p + 1 + len]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{
        BIG5, EUC_JP, EUC_KR, GB18030, GBK, ISO_8859_15, ISO_8859_2, KOI8_R, KOI8_U, SHIFT_JIS,
        WINDOWS_1250, WINDOWS_1251,
    };

    const GERMAN: &str = "Die Bürgerinnen und Bürger der Stadt trafen sich am frühen Morgen auf dem Marktplatz, um über die Zukunft des alten Rathauses zu sprechen. Viele äußerten die Sorge, dass die Renovierung zu teuer würde, während andere meinten, das Gebäude gehöre zum Herzen der Gemeinde. Der Bürgermeister versprach, bis zum Frühjahr einen ausführlichen Plan vorzulegen, über den alle gemeinsam abstimmen dürften. Außerdem sollen die Straßen rund um den Platz verkehrsberuhigt werden.";
    const FRENCH: &str = "Le vieux quartier s'est réveillé très tôt ce matin : les marchands installaient leurs étals, les cafés ouvraient leurs terrasses et l'odeur du pain chaud flottait dans les ruelles étroites. À midi, la place était déjà pleine de familles venues goûter les spécialités régionales. Les élèves de l'école voisine ont présenté une pièce de théâtre écrite par eux-mêmes, et le maire a salué leur créativité avant d'annoncer la rénovation prochaine de la bibliothèque municipale.";
    const FRENCH_15: &str = "Le billet d'entrée coûte 12 € et donne accès à toute l'œuvre du peintre. Les Œuvres complètes sont exposées jusqu'à la fin de l'été, et le catalogue, vendu 30 €, présente aussi les esquisses de jeunesse.";
    const RUSSIAN: &str = "Вчера вечером в городской библиотеке состоялась встреча с известным писателем, который рассказал читателям о своей новой книге. Он признался, что работал над романом почти пять лет и много раз переписывал первые главы. Слушатели задавали вопросы о героях, о любимых местах автора и о том, как рождаются сюжеты. В конце встречи каждый желающий смог получить автограф и сфотографироваться с гостем.";
    const POLISH: &str = "Wczoraj wieczorem w małym miasteczku nad rzeką odbył się doroczny festiwal muzyki ludowej. Na scenie wystąpiły zespoły z całego regionu, a publiczność bawiła się świetnie aż do późnej nocy. Organizatorzy podkreślali, że dzięki pomocy wolontariuszy udało się przygotować także kiermasz rękodzieła i stoiska z tradycyjnymi potrawami. Źródłem największej radości była jednak obecność dzieci, które śpiewały razem z artystami. Ślązacy przyjechali aż z Katowic.";
    const KOREAN: &str = "어제 저녁 시내의 작은 도서관에서 지역 주민들을 위한 독서 모임이 열렸습니다. 참석자들은 각자 좋아하는 책을 한 권씩 가져와 서로에게 소개하고, 인상 깊었던 구절을 함께 읽었습니다. 모임을 준비한 사서는 앞으로 매달 한 번씩 이런 행사를 열 계획이라고 말했습니다. 아이들을 위한 그림책 읽기 시간도 따로 마련되어 부모들의 큰 호응을 얻었습니다.";
    const JAPANESE: &str = "昨日の夕方、町の小さな図書館で地域の人々のための読書会が開かれました。参加者はそれぞれ好きな本を一冊ずつ持ち寄り、印象に残った一節を声に出して読み合いました。会を企画した司書は、これからも毎月一回このような催しを続けたいと話しています。子ども向けの絵本の読み聞かせの時間も設けられ、保護者からも大変好評でした。";
    const CHINESE_SIMPLIFIED: &str = "昨天傍晚，市中心的一家小图书馆为附近居民举办了一场读书会。参加者每人带来一本自己喜欢的书，向大家介绍书中的故事，并朗读了印象最深的段落。组织这次活动的图书管理员表示，今后每个月都会举行一次类似的聚会。活动还专门为孩子们安排了绘本阅读时间，受到了家长们的热烈欢迎。";
    const CHINESE_TRADITIONAL: &str = "昨天傍晚，市中心的一家小圖書館為附近居民舉辦了一場讀書會。參加者每人帶來一本自己喜歡的書，向大家介紹書中的故事，並朗讀了印象最深的段落。組織這次活動的圖書管理員表示，今後每個月都會舉行一次類似的聚會。活動還專門為孩子們安排了繪本閱讀時間，受到了家長們的熱烈歡迎。";

    #[test]
    fn a_page_encoded_twice_is_read_as_written() {
        for text in [FRENCH, GERMAN, FRENCH_15] {
            let twice: String = encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(text.as_bytes())
                .0
                .into_owned();
            assert_ne!(twice, text);
            let html = page("<meta charset=\"utf-8\">", &twice);
            let d = decode(html.as_bytes(), None);
            assert!(d.text.contains(text), "{}", d.text);
            assert_eq!(d.encoding, UTF_8);
            // the page written once stays as it is
            let html = page("<meta charset=\"utf-8\">", text);
            assert!(decode(html.as_bytes(), None).text.contains(text));
        }
    }

    /// A small but realistic page around `body`, with `head_extra` in `<head>`.
    fn page(head_extra: &str, body: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"x\">\n<head>\n{head_extra}\n<title>News</title>\n\
             <link rel=\"stylesheet\" href=\"/site.css\">\n</head>\n<body>\n<div class=\"article\">\n\
             <h1>Local news</h1>\n<p>{body}</p>\n</div>\n</body>\n</html>\n"
        )
    }

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, used, unmappable) = encoding.encode(text);
        assert_eq!(
            used,
            encoding,
            "test text must be encodable as {}",
            encoding.name()
        );
        assert!(
            !unmappable,
            "test text not representable in {}",
            encoding.name()
        );
        bytes.into_owned()
    }

    fn check_declared(encoding: &'static Encoding, label: &str, body: &str) {
        let html = page(&format!("<meta charset=\"{label}\">"), body);
        let bytes = encode(encoding, &html);
        assert_eq!(prescan(&bytes), Some(encoding));
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, encoding, "label {label}");
        assert_eq!(d.source, Source::Meta, "label {label}");
        assert!(!d.had_errors);
        assert_eq!(d.text, html);
    }

    fn check_detected(encoding: &'static Encoding, body: &str) -> Decoded<'static> {
        let html = page("", body);
        let bytes = encode(encoding, &html);
        assert_eq!(prescan(&bytes), None);
        let d = decode(&bytes, None);
        assert_eq!(d.source, Source::Detected, "{}", encoding.name());
        assert!(
            !d.had_errors,
            "{} detected as {}",
            encoding.name(),
            d.encoding.name()
        );
        assert_eq!(
            d.text,
            html,
            "{} detected as {}",
            encoding.name(),
            d.encoding.name()
        );
        Decoded {
            text: Cow::Owned(d.text.into_owned()),
            ..d
        }
    }

    #[test]
    fn windows_1252() {
        check_declared(WINDOWS_1252, "windows-1252", GERMAN);
        check_declared(WINDOWS_1252, "iso-8859-1", FRENCH);
        assert_eq!(check_detected(WINDOWS_1252, GERMAN).encoding, WINDOWS_1252);
        assert_eq!(check_detected(WINDOWS_1252, FRENCH).encoding, WINDOWS_1252);
    }

    #[test]
    fn windows_1251() {
        check_declared(WINDOWS_1251, "windows-1251", RUSSIAN);
        assert_eq!(check_detected(WINDOWS_1251, RUSSIAN).encoding, WINDOWS_1251);
    }

    #[test]
    fn windows_1250() {
        check_declared(WINDOWS_1250, "windows-1250", POLISH);
        assert_eq!(check_detected(WINDOWS_1250, POLISH).encoding, WINDOWS_1250);
    }

    #[test]
    fn iso_8859_2() {
        check_declared(ISO_8859_2, "iso-8859-2", POLISH);
        assert_eq!(check_detected(ISO_8859_2, POLISH).encoding, ISO_8859_2);
    }

    #[test]
    fn iso_8859_15() {
        check_declared(ISO_8859_15, "ISO-8859-15", &format!("{FRENCH} {FRENCH_15}"));
        // chardetng never answers ISO-8859-15; its windows-1252 guess decodes
        // everything except € Š š Ž ž Œ œ Ÿ identically.
        let d = check_detected(ISO_8859_15, FRENCH);
        assert_eq!(d.encoding, WINDOWS_1252);
    }

    #[test]
    fn koi8_r() {
        check_declared(KOI8_R, "koi8-r", RUSSIAN);
        // chardetng answers KOI8-U, a superset that decodes Russian identically.
        let d = check_detected(KOI8_R, RUSSIAN);
        assert!(d.encoding == KOI8_R || d.encoding == KOI8_U);
    }

    #[test]
    fn euc_kr() {
        check_declared(EUC_KR, "euc-kr", KOREAN);
        assert_eq!(check_detected(EUC_KR, KOREAN).encoding, EUC_KR);
    }

    #[test]
    fn shift_jis() {
        check_declared(SHIFT_JIS, "shift_jis", JAPANESE);
        check_declared(SHIFT_JIS, "x-sjis", JAPANESE);
        assert_eq!(check_detected(SHIFT_JIS, JAPANESE).encoding, SHIFT_JIS);
    }

    #[test]
    fn euc_jp() {
        check_declared(EUC_JP, "euc-jp", JAPANESE);
        assert_eq!(check_detected(EUC_JP, JAPANESE).encoding, EUC_JP);
    }

    #[test]
    fn gbk_and_gb18030() {
        check_declared(GBK, "gb2312", CHINESE_SIMPLIFIED);
        check_declared(GBK, "GBK", CHINESE_SIMPLIFIED);
        check_declared(GB18030, "gb18030", CHINESE_SIMPLIFIED);
        let d = check_detected(GBK, CHINESE_SIMPLIFIED);
        assert!(d.encoding == GBK || d.encoding == GB18030);
    }

    #[test]
    fn big5() {
        check_declared(BIG5, "big5", CHINESE_TRADITIONAL);
        assert_eq!(check_detected(BIG5, CHINESE_TRADITIONAL).encoding, BIG5);
    }

    #[test]
    fn utf8_undeclared_and_declared() {
        let html = page("", KOREAN);
        let d = decode(html.as_bytes(), None);
        assert_eq!((d.encoding, d.source), (UTF_8, Source::Detected));
        assert_eq!(d.text, html);
        let html = page("<meta charset=utf-8>", JAPANESE);
        let d = decode(html.as_bytes(), None);
        assert_eq!((d.encoding, d.source), (UTF_8, Source::Meta));
        assert_eq!(d.text, html);
    }

    #[test]
    fn utf8_bom() {
        let html = page("<meta charset=windows-1251>", GERMAN);
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(html.as_bytes());
        let d = decode(&bytes, Some("koi8-r"));
        assert_eq!(
            (d.encoding, d.source, d.had_errors),
            (UTF_8, Source::Bom, false)
        );
        assert_eq!(d.text, html);
    }

    #[test]
    fn utf16_bom() {
        let html = page("<meta charset=\"utf-8\">", CHINESE_SIMPLIFIED);
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in html.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        let d = decode(&le, None);
        assert_eq!(
            (d.encoding, d.source, d.had_errors),
            (UTF_16LE, Source::Bom, false)
        );
        assert_eq!(d.text, html);
        let d = decode(&be, Some("windows-1252"));
        assert_eq!(
            (d.encoding, d.source, d.had_errors),
            (UTF_16BE, Source::Bom, false)
        );
        assert_eq!(d.text, html);
    }

    #[test]
    fn caller_utf16_without_bom() {
        let html = page("", GERMAN);
        let le: Vec<u8> = html.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&le, Some("utf-16le"));
        assert_eq!((d.encoding, d.source), (UTF_16LE, Source::Caller));
        assert_eq!(d.text, html);
        // No NUL byte: not UTF-16 whatever the header says.
        let d = decode(html.as_bytes(), Some("utf-16"));
        assert_eq!((d.encoding, d.source), (UTF_8, Source::Detected));
        assert_eq!(d.text, html);
        // Wrong byte order declared, or no declaration, or a legacy one:
        // the NUL pattern decides.
        let be: Vec<u8> = html.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, expected) in [(&le, UTF_16LE), (&be, UTF_16BE)] {
            for label in [None, Some("utf-16be"), Some("utf-16le"), Some("iso-8859-1")] {
                let d = decode(bytes, label);
                assert_eq!(d.encoding, expected, "{label:?}");
                assert_eq!(d.text, html);
                let agrees =
                    label.and_then(|l| Encoding::for_label(l.as_bytes())) == Some(expected);
                let source = if agrees {
                    Source::Caller
                } else {
                    Source::Detected
                };
                assert_eq!(d.source, source, "{label:?}");
            }
        }
        // Mostly-CJK UTF-16 with the caller's word for it.
        let cjk: Vec<u8> = CHINESE_SIMPLIFIED
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .chain([b'\n', 0])
            .collect();
        let d = decode(&cjk, Some("utf-16le"));
        assert_eq!((d.encoding, d.source), (UTF_16LE, Source::Caller));
        assert_eq!(d.text, format!("{CHINESE_SIMPLIFIED}\n"));
    }

    #[test]
    fn meta_utf16_means_utf8() {
        let html = page("<meta charset=\"UTF-16\">", "plain ascii");
        assert_eq!(prescan(html.as_bytes()), Some(UTF_8));
        let d = decode(html.as_bytes(), None);
        assert_eq!((d.encoding, d.source), (UTF_8, Source::Meta));
    }

    #[test]
    fn x_user_defined_means_windows_1252() {
        assert_eq!(
            prescan(b"<meta charset=x-user-defined>"),
            Some(WINDOWS_1252)
        );
        let bytes = encode(WINDOWS_1252, &page("", GERMAN));
        let d = decode(&bytes, Some("x-user-defined"));
        assert_eq!((d.encoding, d.source), (WINDOWS_1252, Source::Caller));
    }

    #[test]
    fn utf8_declared_as_latin1_is_utf8() {
        let html = page(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">",
            FRENCH,
        );
        let d = decode(html.as_bytes(), None);
        assert_eq!(
            (d.encoding, d.source, d.had_errors),
            (UTF_8, Source::Detected, false)
        );
        assert_eq!(d.text, html);
        // Same with the caller's header, and a single accented letter.
        let html = page("", "Caf\u{e9} du march\u{e9}");
        let d = decode(html.as_bytes(), Some("iso-8859-1"));
        assert_eq!((d.encoding, d.source), (UTF_8, Source::Detected));
        assert_eq!(d.text, html);
        // UTF-8 Japanese declared Shift_JIS.
        let html = page("<meta charset=shift_jis>", JAPANESE);
        let d = decode(html.as_bytes(), None);
        assert_eq!((d.encoding, d.source), (UTF_8, Source::Detected));
        assert_eq!(d.text, html);
    }

    #[test]
    fn nearly_valid_utf8_declared_legacy_is_utf8() {
        let html = page("<meta charset=windows-1252>", RUSSIAN);
        let mut bytes = html.as_bytes().to_vec();
        let at = bytes.len() / 2;
        bytes.insert(at, 0xE9); // one stray Latin-1 byte
        let d = decode(&bytes, None);
        assert_eq!(
            (d.encoding, d.source, d.had_errors),
            (UTF_8, Source::Detected, true)
        );
        assert_eq!(d.text.matches('\u{FFFD}').count(), 1);
        assert!(d.text.contains("библиотеке"));
    }

    #[test]
    fn legacy_declared_utf8_falls_back_to_detection() {
        let html = page("<meta charset=\"utf-8\">", GERMAN);
        let bytes = encode(WINDOWS_1252, &html);
        let d = decode(&bytes, None);
        assert_eq!(
            (d.encoding, d.source, d.had_errors),
            (WINDOWS_1252, Source::Detected, false)
        );
        assert_eq!(d.text, html);

        let bytes = encode(GBK, &page("", CHINESE_SIMPLIFIED));
        let d = decode(&bytes, Some("utf-8"));
        assert_eq!(
            (d.encoding, d.source, d.had_errors),
            (GBK, Source::Detected, false)
        );
        assert!(d.text.contains(CHINESE_SIMPLIFIED));
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_stays_utf8() {
        let html = page("<meta charset=\"utf-8\">", KOREAN);
        let mut bytes = html.as_bytes().to_vec();
        bytes.push(0xFF);
        let d = decode(&bytes, None);
        assert_eq!(
            (d.encoding, d.source, d.had_errors),
            (UTF_8, Source::Meta, true)
        );
        assert!(d.text.contains(KOREAN));
        // Undeclared: still UTF-8, not chardetng's legacy guess.
        let d = decode(&bytes, Some("bogus-label"));
        assert_eq!((d.encoding, d.had_errors), (UTF_8, true));
        let mut bytes = page("", KOREAN).into_bytes();
        bytes.insert(200, 0xC0);
        let d = decode(&bytes, None);
        assert_eq!(
            (d.encoding, d.source, d.had_errors),
            (UTF_8, Source::Detected, true)
        );
        assert!(d.text.contains("모임을 준비한"));
    }

    #[test]
    fn contradicted_script_overrides_single_byte_declaration() {
        let html = page("<meta charset=windows-1252>", CHINESE_SIMPLIFIED);
        let encoded = encode(GBK, &html);
        let d = decode(&encoded, None);
        assert_eq!(
            (d.encoding, d.source, d.had_errors),
            (GBK, Source::Detected, false)
        );
        assert_eq!(d.text, html);

        let html = page("", RUSSIAN);
        let encoded = encode(WINDOWS_1251, &html);
        let d = decode(&encoded, Some("ISO-8859-1"));
        assert_eq!((d.encoding, d.source), (WINDOWS_1251, Source::Detected));
        assert_eq!(d.text, html);

        let html = page("<meta charset=iso-8859-2>", KOREAN);
        let encoded = encode(EUC_KR, &html);
        let d = decode(&encoded, None);
        assert_eq!((d.encoding, d.source), (EUC_KR, Source::Detected));
        assert_eq!(d.text, html);
    }

    #[test]
    fn weak_evidence_keeps_declaration() {
        // A few CJK-looking bytes are not enough to override a declaration.
        let html = page(
            "<meta charset=windows-1252>",
            "Gr\u{fc}\u{df}e \u{bb}Zitat\u{ab} \u{e4}\u{f6}",
        );
        let bytes = encode(WINDOWS_1252, &html);
        let d = decode(&bytes, None);
        assert_eq!((d.encoding, d.source), (WINDOWS_1252, Source::Meta));
        assert_eq!(d.text, html);
        // Same-script disagreement never overrides: Polish declared windows-1250
        // but encoded as ISO-8859-2 keeps the declaration.
        let bytes = encode(ISO_8859_2, &page("<meta charset=windows-1250>", POLISH));
        let d = decode(&bytes, None);
        assert_eq!((d.encoding, d.source), (WINDOWS_1250, Source::Meta));
        // A short EUC-KR word that happens to be valid UTF-8 stays EUC-KR.
        let mut bytes = b"<meta charset=euc-kr><p>".to_vec();
        bytes.extend_from_slice(&[0xC7, 0xA5]);
        bytes.extend_from_slice(b"</p>");
        assert!(std::str::from_utf8(&bytes).is_ok());
        let d = decode(&bytes, None);
        assert_eq!((d.encoding, d.source), (EUC_KR, Source::Meta));
    }

    #[test]
    fn caller_overrides_meta() {
        let html = page("<meta charset=\"koi8-r\">", RUSSIAN);
        let bytes = encode(WINDOWS_1251, &html);
        let d = decode(&bytes, Some("windows-1251"));
        assert_eq!(
            (d.encoding, d.source, d.had_errors),
            (WINDOWS_1251, Source::Caller, false)
        );
        assert_eq!(d.text, html);
        let d = decode(&bytes, Some(" \"CP1251\" "));
        assert_eq!((d.encoding, d.source), (WINDOWS_1251, Source::Caller));
    }

    #[test]
    fn unknown_caller_label_ignored() {
        let html = page("<meta charset=\"koi8-r\">", RUSSIAN);
        let bytes = encode(KOI8_R, &html);
        for label in ["no-such-charset", "", "iso-2022-kr", "text/html"] {
            let d = decode(&bytes, Some(label));
            assert_eq!(
                (d.encoding, d.source),
                (KOI8_R, Source::Meta),
                "label {label:?}"
            );
            assert_eq!(d.text, html);
        }
    }

    #[test]
    fn http_equiv_form() {
        let cases: [(&[u8], Option<&'static Encoding>); 8] = [
            (b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">", Some(KOI8_R)),
            (b"<META CONTENT='text/html;charset=EUC-JP' HTTP-EQUIV='content-type'>", Some(EUC_JP)),
            (b"<meta http-equiv=content-type content=\"text/html; charset = 'shift_jis'\">", Some(SHIFT_JIS)),
            (b"<meta http-equiv=content-type content=\"charsetx; charset=big5\">", Some(BIG5)),
            // No pragma: ignored.
            (b"<meta content=\"text/html; charset=koi8-r\">", None),
            (b"<meta http-equiv=refresh content=\"text/html; charset=koi8-r\">", None),
            // Unmatched quote in content.
            (b"<meta http-equiv=content-type content=\"charset='big5\">", None),
            // charset attribute wins over content, whatever the order.
            (b"<meta content=\"text/html; charset=koi8-r\" http-equiv=content-type charset=big5>", Some(BIG5)),
        ];
        for (html, expected) in cases {
            assert_eq!(prescan(html), expected, "{}", String::from_utf8_lossy(html));
        }
    }

    #[test]
    fn prescan_edge_cases() {
        let cases: [(&[u8], Option<&'static Encoding>); 14] = [
            (
                b"<!-- <meta charset=\"koi8-r\"> --><meta charset=\"big5\">",
                Some(BIG5),
            ),
            (b"<!-- <meta charset=koi8-r> -->", None),
            (b"<!--><meta charset=euc-kr>", Some(EUC_KR)),
            (b"<!---><meta charset=koi8-r>-->", Some(KOI8_R)),
            (b"<!-- x -- ><meta charset=koi8-r>", None),
            (
                b"<a title=\"<meta charset=big5>\"><meta charset=gbk>",
                Some(GBK),
            ),
            (
                b"<meta charset=\"bogus\"><meta charset=\"koi8-r\">",
                Some(KOI8_R),
            ),
            (b"<meta charset=\"big5\" charset=\"koi8-r\">", Some(BIG5)),
            (b"<meta/charset=utf-8>", Some(UTF_8)),
            (b"<META CHARSET=EUC-JP>", Some(EUC_JP)),
            (b"<metax charset=big5>", None),
            (
                b"<!DOCTYPE html><?php x ?></p ><meta charset='windows-1250'>",
                Some(WINDOWS_1250),
            ),
            (b"<meta charset=\"big5\"", None),
            (b"<meta charset=iso-2022-kr><meta charset=big5>", Some(BIG5)),
        ];
        for (html, expected) in cases {
            assert_eq!(prescan(html), expected, "{}", String::from_utf8_lossy(html));
        }
    }

    #[test]
    fn xml_declaration_accepted() {
        assert_eq!(
            prescan(b"<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?>\n<html>"),
            Some(ISO_8859_2)
        );
        assert_eq!(
            prescan(b"\n <?xml version='1.0' encoding = 'koi8-r' ?><html>"),
            Some(KOI8_R)
        );
        assert_eq!(
            prescan(b"<?xml version=\"1.0\" encoding=\"UTF-16\"?>"),
            Some(UTF_8)
        );
        assert_eq!(prescan(b"<?xml version=\"1.0\"?><html>"), None);
        // A meta declaration takes precedence.
        assert_eq!(
            prescan(
                b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><html><head><meta charset=big5>"
            ),
            Some(BIG5)
        );
        let html = format!(
            "<?xml version=\"1.0\" encoding=\"windows-1250\"?>\n{}",
            page("", POLISH)
        );
        let encoded = encode(WINDOWS_1250, &html);
        let d = decode(&encoded, None);
        assert_eq!((d.encoding, d.source), (WINDOWS_1250, Source::Meta));
        assert_eq!(d.text, html);
    }

    #[test]
    fn charset_after_1024_bytes_not_seen() {
        let filler = "<!-- padding -->".repeat(70);
        let html = format!(
            "<html><head>{filler}<meta charset=\"koi8-r\"></head><body>hello</body></html>"
        );
        assert!(html.find("<meta").unwrap() > 1024);
        assert_eq!(prescan(html.as_bytes()), None);
        let d = decode(html.as_bytes(), None);
        assert_eq!((d.encoding, d.source), (UTF_8, Source::Default));
        assert_eq!(d.text, html);
        // Just inside the limit it is seen.
        let html = format!("{}<meta charset=koi8-r>", " ".repeat(1024 - 21));
        assert_eq!(html.len(), 1024);
        assert_eq!(prescan(html.as_bytes()), Some(KOI8_R));
        // Straddling the limit: not seen.
        let html = format!("{}<meta charset=koi8-r>", " ".repeat(1024 - 20));
        assert_eq!(prescan(html.as_bytes()), None);
        // Real text after a long ASCII head is still detected.
        let html = format!(
            "<html><head><script>{}</script></head><body>{RUSSIAN}</body></html>",
            "var x = 1;\n".repeat(8000)
        );
        let encoded = encode(WINDOWS_1251, &html);
        let d = decode(&encoded, None);
        assert_eq!((d.encoding, d.source), (WINDOWS_1251, Source::Detected));
        assert_eq!(d.text, html);
    }

    #[test]
    fn detection_sample_skips_markup_and_stops_early() {
        // Text sentences separated by long ASCII markup: the sample keeps the
        // text, so even ISO-8859-2 vs windows-1250 is told apart.
        let markup =
            "<div class=\"sidebar\"><ul><li><a href=\"/a\">Home</a></li></ul></div>\n".repeat(40);
        let body = POLISH
            .split(". ")
            .collect::<Vec<_>>()
            .join(&format!(".{markup} "));
        for encoding in [ISO_8859_2, WINDOWS_1250] {
            let html = page("", &body);
            let encoded = encode(encoding, &html);
            let d = decode(&encoded, None);
            assert_eq!((d.encoding, d.source), (encoding, Source::Detected));
            assert_eq!(d.text, html);
        }
        // Far more CJK text than the sample limit: the sample ends mid-stream.
        let long = CHINESE_TRADITIONAL.repeat(40);
        let html = page("", &long);
        let bytes = encode(BIG5, &html);
        assert!(bytes.len() > 2 * SAMPLE_LIMIT);
        let d = decode(&bytes, None);
        assert_eq!(
            (d.encoding, d.source, d.had_errors),
            (BIG5, Source::Detected, false)
        );
        assert_eq!(d.text, html);
    }

    #[test]
    fn empty_input() {
        let d = decode(b"", None);
        assert_eq!(d.text, "");
        assert_eq!(
            (d.encoding, d.source, d.had_errors),
            (UTF_8, Source::Default, false)
        );
        let d = decode(b"", Some("utf-8"));
        assert_eq!(
            (&*d.text, d.encoding, d.source),
            ("", UTF_8, Source::Caller)
        );
        assert_eq!(prescan(b""), None);
    }

    #[test]
    fn ascii_and_iso_2022_jp() {
        // ASCII is valid UTF-8, and said to be so
        let html = page("", "Plain ASCII only.");
        let d = decode(html.as_bytes(), None);
        assert_eq!((d.encoding, d.source), (UTF_8, Source::Default));
        assert_eq!(d.text, html);
        let body = "日本語のテキストです。";
        let html = page("", body);
        let bytes = encode(ISO_2022_JP, &html);
        assert!(bytes.is_ascii());
        let d = decode(&bytes, None);
        assert_eq!((d.encoding, d.source), (ISO_2022_JP, Source::Detected));
        assert_eq!(d.text, html);
    }

    #[test]
    fn nul_bytes_do_not_panic() {
        let zeros = vec![0u8; 5000];
        let d = decode(&zeros, None);
        assert_eq!(d.text.len(), 5000);
        assert_eq!(prescan(&zeros), None);
        for label in [
            None,
            Some("utf-16le"),
            Some("utf-16be"),
            Some("shift_jis"),
            Some("utf-8"),
        ] {
            for bytes in [&zeros[..], &zeros[..4999]] {
                // at most one character per byte, and something for every pair of them
                let chars = decode(bytes, label).text.chars().count();
                assert!(
                    chars <= bytes.len() && chars >= bytes.len() / 2,
                    "{label:?}"
                );
            }
        }
        let mut mixed = b"<meta charset=\"\0\">\0<p>\0".to_vec();
        mixed.extend_from_slice(&encode(GBK, CHINESE_SIMPLIFIED));
        mixed.push(0);
        // the Chinese text survives the NULs around it
        assert!(decode(&mixed, None).text.contains(CHINESE_SIMPLIFIED));
    }

    /// xorshift64*, so the tests need no extra dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
    }

    #[test]
    fn random_bytes_do_not_panic() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let labels = [
            None,
            Some("utf-8"),
            Some("utf-16le"),
            Some("euc-jp"),
            Some("windows-1252"),
            Some("nope"),
            Some("iso-2022-jp"),
        ];
        for round in 0..300 {
            let len = (rng.next() % 3000) as usize;
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            let label = labels[round % labels.len()];
            let d = decode(&bytes, label);
            assert!(d.had_errors || !d.text.contains('\u{FFFD}'));
            // Mostly-ASCII garbage with high bytes sprinkled in.
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = rng.next();
                    if (r & 7) == 0 {
                        (r >> 8) as u8
                    } else {
                        b' ' + (r >> 8) as u8 % 95
                    }
                })
                .collect();
            let d = decode(&bytes, label);
            assert!(d.text.chars().count() <= bytes.len());
            assert!(d.had_errors || !d.text.contains('\u{FFFD}'));
        }
    }

    #[test]
    fn tag_soup_does_not_panic() {
        let alphabet: &[u8] = b"<<<>>>!!--//??==\"\"'' \t\nmetaMETAcharsethttp-equivcontent-type;utf8koi8-r\x80\xFF\0";
        let mut rng = Rng(42);
        for _ in 0..3000 {
            let len = (rng.next() % 200) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
                .collect();
            let mut with_prefix = b"<meta ".to_vec();
            with_prefix.extend_from_slice(&bytes);
            let mut xml = b"<?xml ".to_vec();
            xml.extend_from_slice(&bytes);
            for head in [&bytes, &with_prefix, &xml] {
                // a declaration in the markup never says UTF-16 (the standard reads it as
                // UTF-8) nor x-user-defined (windows-1252)
                let found = prescan(head);
                assert!(
                    !matches!(found, Some(e) if e == UTF_16LE || e == UTF_16BE || e == X_USER_DEFINED),
                    "{found:?} from {:?}",
                    String::from_utf8_lossy(head)
                );
            }
        }
    }
}
