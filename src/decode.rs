//! Bytes to text: BOM, caller charset, `<meta>` declaration, then detection. (stub)

/// How the encoding was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source { Bom, Caller, Meta, Detected, Default }
/// The decoded page.
#[derive(Debug)]
pub struct Decoded { pub text: String, pub encoding: &'static encoding_rs::Encoding, pub source: Source, pub had_errors: bool }
/// Decodes `bytes`.
pub fn decode(bytes: &[u8], _caller_charset: Option<&str>) -> Decoded {
    let (text, encoding, had_errors) = encoding_rs::UTF_8.decode(bytes);
    Decoded { text: text.into_owned(), encoding, source: Source::Default, had_errors }
}
