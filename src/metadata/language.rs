//! The page's language: as declared, else detected from its prose (whatlang).

use crate::block::Block;

/// Least text (in characters) on which the language is guessed from the words.
const MIN_LANG_DETECT_CHARS: usize = 40;
/// About how much of the page's prose language detection reads, in bytes: a few
/// paragraphs decide it, and detection costs in proportion to what it reads.
const LANG_SAMPLE_BYTES: usize = 1500;
/// Shortest block (in characters) read for the language.
const LANG_SAMPLE_MIN_CHARS: u32 = 40;
/// Highest link density of a block read for the language.
const LANG_SAMPLE_MAX_LINK_DENSITY: f32 = 0.3;
/// Least confidence of a detection that whatlang itself does not call reliable.
const LANG_MIN_CONFIDENCE: f64 = 0.5;

/// ISO 639-1 code for whatlang's ISO 639-3 codes.
fn iso639_1(code3: &str) -> &str {
    match code3 {
        "eng" => "en",
        "deu" => "de",
        "fra" => "fr",
        "spa" => "es",
        "ita" => "it",
        "por" => "pt",
        "nld" => "nl",
        "rus" => "ru",
        "ukr" => "uk",
        "pol" => "pl",
        "ces" => "cs",
        "slk" => "sk",
        "slv" => "sl",
        "hrv" => "hr",
        "srp" => "sr",
        "bul" => "bg",
        "ron" => "ro",
        "hun" => "hu",
        "fin" => "fi",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "no",
        "ell" => "el",
        "tur" => "tr",
        "ara" => "ar",
        "heb" => "he",
        "pes" => "fa",
        "hin" => "hi",
        "ben" => "bn",
        "cmn" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        "vie" => "vi",
        "tha" => "th",
        "ind" => "id",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "cat" => "ca",
        "epo" => "eo",
        "bel" => "be",
        "mkd" => "mk",
        "urd" => "ur",
        "tam" => "ta",
        "tel" => "te",
        "mar" => "mr",
        "kat" => "ka",
        "hye" => "hy",
        "aze" => "az",
        "afr" => "af",
        "lat" => "la",
        "tgl" => "tl",
        "uzb" => "uz",
        "yid" => "yi",
        "zul" => "zu",
        other => other,
    }
}

pub(super) fn normalize_lang(l: &str) -> Option<String> {
    let primary = l
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    (primary.len() >= 2 && primary.len() <= 3 && primary.chars().all(|c| c.is_ascii_alphabetic()))
        .then_some(primary)
}

/// The language of the page's prose, as an ISO 639-1 code where one exists.
pub(super) fn detect(blocks: &[Block]) -> Option<String> {
    let mut sample = String::new();
    for b in blocks.iter().filter(|b| {
        b.stats.chars > LANG_SAMPLE_MIN_CHARS && b.link_density() < LANG_SAMPLE_MAX_LINK_DENSITY
    }) {
        sample.push_str(&b.text);
        sample.push(' ');
        if sample.len() > LANG_SAMPLE_BYTES {
            break;
        }
    }
    if sample.chars().count() < MIN_LANG_DETECT_CHARS {
        return None;
    }
    let info = whatlang::detect(&sample)?;
    (info.is_reliable() || info.confidence() > LANG_MIN_CONFIDENCE)
        .then(|| iso639_1(info.lang().code()).to_string())
}
