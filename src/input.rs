//! From the bytes given to the bytes of a page: compressed input inflated within the input
//! limit, and bytes that are not a web page refused.

use std::borrow::Cow;
use std::io::Read;

use crate::error::Error;

/// gzip's magic bytes and its one compression method (deflate).
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// How much of the start of the input the text test reads.
const SNIFF_BYTES: usize = 4096;

/// The share of control characters (C0 controls other than whitespace, and DEL) in the
/// sniffed start above which the input is not text. Text in any encoding has next to none;
/// compressed data has one in nine bytes, executables more.
const MAX_CONTROL_SHARE: f64 = 0.03;

/// So many control characters pass whatever the input's length (a stray NUL in a short
/// page).
const MIN_CONTROLS: usize = 4;

/// The openings of common files that are not web pages, with what they are.
const BINARY_MAGIC: &[(&[u8], &str)] = &[
    (b"\x7fELF", "an ELF executable"),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x00asm", "a WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
];

/// The page's bytes: `bytes` as given, or inflated when they are gzip (by their magic
/// bytes) or brotli (tried only on input that is not text, brotli having no magic).
/// Inflating stops at `max` bytes: past it, the error [`Error::InputTooLarge`], or with
/// `truncate` the first `max` bytes and `true`. Input that is not a web page is
/// [`Error::NotHtml`].
pub(crate) fn unpack(
    bytes: &[u8],
    max: usize,
    truncate: bool,
) -> Result<(Cow<'_, [u8]>, bool), Error> {
    if bytes.starts_with(&GZIP_MAGIC) {
        let (page, over) =
            inflate(flate2::read::MultiGzDecoder::new(bytes), max).map_err(|why| {
                Error::NotHtml {
                    why: format!("gzip data that does not inflate ({why})"),
                }
            })?;
        return within(page, over, max, truncate);
    }
    if let Some(what) = binary_kind(bytes) {
        return Err(Error::NotHtml {
            why: what.to_string(),
        });
    }
    if looks_like_text(bytes) {
        return if bytes.len() <= max {
            Ok((Cow::Borrowed(bytes), false))
        } else if truncate {
            Ok((Cow::Borrowed(&bytes[..max]), true))
        } else {
            Err(Error::InputTooLarge {
                size: bytes.len(),
                max,
            })
        };
    }
    match inflate(brotli_decompressor::Decompressor::new(bytes, 4096), max) {
        Ok((page, over)) if !page.is_empty() && looks_like_text(&page) => {
            within(page, over, max, truncate)
        }
        _ => Err(Error::NotHtml {
            why: "binary data (control bytes where a page has text)".to_string(),
        }),
    }
}

/// Inflated `page` within the limit, or the limit's error.
fn within(
    page: Vec<u8>,
    over: bool,
    max: usize,
    truncate: bool,
) -> Result<(Cow<'static, [u8]>, bool), Error> {
    match (over, truncate) {
        (false, _) => Ok((Cow::Owned(page), false)),
        (true, true) => Ok((Cow::Owned(page), true)),
        (true, false) => Err(Error::InputTooLarge { size: max + 1, max }),
    }
}

/// Reads `decoder` to its end or to `max` bytes, whichever comes first, and says whether
/// there was more. A stream cut short keeps what inflated before the cut; a stream that
/// gives nothing is an error.
pub(crate) fn inflate(decoder: impl Read, max: usize) -> Result<(Vec<u8>, bool), String> {
    let mut out = Vec::new();
    let read = decoder.take(max as u64 + 1).read_to_end(&mut out);
    let over = out.len() > max;
    out.truncate(max);
    match read {
        Ok(_) => Ok((out, over)),
        Err(_) if !out.is_empty() => Ok((out, over)),
        Err(e) => Err(e.to_string()),
    }
}

/// What the bytes are, when they open as a common file that is not a web page.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    BINARY_MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, what)| what)
}

/// Whether the start of `bytes` reads as text: few control bytes, where UTF-16 (whose
/// ASCII has a NUL in every other byte, recognised as decoding will read it) counts its
/// code units rather than its bytes.
fn looks_like_text(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let (controls, units) = match crate::decode::utf16_of(sample) {
        Some(utf16) => {
            let big_endian = utf16 == encoding_rs::UTF_16BE;
            let units = sample.chunks_exact(2).map(|u| {
                if big_endian {
                    u16::from_be_bytes([u[0], u[1]])
                } else {
                    u16::from_le_bytes([u[0], u[1]])
                }
            });
            let controls = units.filter(|&u| u < 0x20 && !is_space(u as u8)).count();
            (controls, sample.len() / 2)
        }
        None => {
            let controls = sample
                .iter()
                .filter(|&&b| (b < 0x20 && !is_space(b)) || b == 0x7f)
                .count();
            (controls, sample.len())
        }
    };
    controls <= MIN_CONTROLS || (controls as f64) <= MAX_CONTROL_SHARE * units as f64
}

/// Whitespace and the other controls text uses (tab, line feed, form feed, carriage
/// return, escape for ISO-2022 encodings).
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1b)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A page compressed by the reference brotli encoder (Google's, quality 11).
    pub(crate) const BROTLI_PAGE: [u8; 72] = [
        0x1b, 0x59, 0x00, 0x90, 0x8c, 0xc3, 0x38, 0x86, 0xfc, 0xd7, 0xda, 0xc1, 0x10, 0x23, 0x54,
        0xba, 0xde, 0xf0, 0x7a, 0xd7, 0x2f, 0xce, 0xdb, 0x3e, 0xa5, 0x88, 0x25, 0x8f, 0x4f, 0x10,
        0x38, 0xe4, 0x80, 0xfd, 0xeb, 0x24, 0x81, 0x50, 0x00, 0x5c, 0x6d, 0xe1, 0xc1, 0x06, 0x1c,
        0x5b, 0x69, 0xc6, 0xc3, 0x3e, 0x34, 0xc9, 0xa9, 0x6d, 0x0c, 0xc4, 0x9a, 0xc1, 0x1b, 0x75,
        0x19, 0x34, 0xa7, 0xd2, 0x43, 0xe9, 0xc1, 0x49, 0xbd, 0x8b, 0x8d, 0x03,
    ];

    /// `bytes` gzipped.
    pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn pages_pass_as_they_are() {
        let page = b"<html><body><p>Hello</p></body></html>";
        let (out, cut) = unpack(page, 1 << 20, false).unwrap();
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!((&out[..], cut), (&page[..], false));
        // a few stray NULs and controls are still a page
        let mut odd =
            b"<p>text with a \x00 and a \x01 in it, and more text around them</p>".to_vec();
        odd.extend(b"<p>and more</p>".repeat(20));
        assert!(unpack(&odd, 1 << 20, false).is_ok());
        // UTF-16 has a NUL in every other byte
        let utf16: Vec<u8> = "<p>Grüße aus Köln</p>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(unpack(&utf16, 1 << 20, false).is_ok());
        let mut bom = vec![0xfe, 0xff];
        bom.extend("<p>Grüße</p>".encode_utf16().flat_map(u16::to_be_bytes));
        assert!(unpack(&bom, 1 << 20, false).is_ok());
    }

    #[test]
    fn gzip_is_inflated_within_the_limit() {
        let page = b"<p>compressed page</p>".repeat(100);
        let gz = gzip(&page);
        let (out, cut) = unpack(&gz, 1 << 20, false).unwrap();
        assert_eq!((&out[..], cut), (&page[..], false));
        // a bomb: inflating stops at the limit, then the limit's error or the cut page
        let bomb = gzip(&vec![b' '; 10 << 20]);
        assert!(bomb.len() < 20_000);
        let err = unpack(&bomb, 1 << 20, false).unwrap_err();
        assert!(
            matches!(err, Error::InputTooLarge { max, .. } if max == 1 << 20),
            "{err}"
        );
        let (out, cut) = unpack(&bomb, 1 << 20, true).unwrap();
        assert_eq!((out.len(), cut), (1 << 20, true));
    }

    #[test]
    fn brotli_is_inflated() {
        // "<html><body><p>A page sent with brotli ...</p></body></html>", by Google's encoder
        let br = &BROTLI_PAGE;
        let (out, _) = unpack(br, 1 << 20, false).unwrap();
        assert!(
            out.starts_with(b"<html>"),
            "{:?}",
            String::from_utf8_lossy(&out)
        );
    }

    #[test]
    fn what_is_not_a_page_is_refused() {
        for (bytes, says) in [
            (&b"\x7fELF\x02\x01\x01\x00\x00\x00"[..], "ELF"),
            (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        ] {
            let err = unpack(bytes, 1 << 20, false).unwrap_err();
            assert!(err.to_string().contains(says), "{err}");
        }
        let noise: Vec<u8> = (0..2000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        let err = unpack(&noise, 1 << 20, false).unwrap_err();
        assert!(matches!(err, Error::NotHtml { .. }), "{err}");
        let zeros = vec![0u8; 1000];
        assert!(matches!(
            unpack(&zeros, 1 << 20, false),
            Err(Error::NotHtml { .. })
        ));
    }
}
