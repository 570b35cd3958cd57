//! The metrics themselves: tokens, shingles, bag-of-words, title agreement.

use std::collections::HashMap;

/// Inclusive code point ranges of characters that Rust's `char::is_alphanumeric` accepts but Python's
/// `str.isalnum()` (hence `re`'s `\w`) rejects: combining marks with the Other_Alphabetic property
/// (Indic and Thai vowel signs, Hebrew and Arabic points, ...) and circled/squared letters (category So).
/// Generated with Python 3.11 (Unicode 14) by comparing both predicates over all code points and merging
/// ranges across characters that neither side accepts; characters assigned after Unicode 14 follow Rust.
const PY_NON_WORD: [u32; 322] = [
    0x345, 0x36F, 0x5B0, 0x5C7, 0x610, 0x61A, 0x64B, 0x65F, 0x670, 0x670, 0x6D6, 0x6E4, 0x6E7,
    0x6ED, 0x711, 0x711, 0x730, 0x73F, 0x7A6, 0x7B0, 0x816, 0x817, 0x81B, 0x823, 0x825, 0x827,
    0x829, 0x82C, 0x8D4, 0x903, 0x93A, 0x93B, 0x93E, 0x94F, 0x955, 0x957, 0x962, 0x963, 0x981,
    0x983, 0x9BE, 0x9CC, 0x9D7, 0x9D7, 0x9E2, 0x9E3, 0xA01, 0xA03, 0xA3E, 0xA51, 0xA70, 0xA71,
    0xA75, 0xA83, 0xABE, 0xACC, 0xAE2, 0xAE3, 0xAFA, 0xB03, 0xB3E, 0xB57, 0xB62, 0xB63, 0xB82,
    0xB82, 0xBBE, 0xBCC, 0xBD7, 0xBD7, 0xC00, 0xC04, 0xC3E, 0xC56, 0xC62, 0xC63, 0xC81, 0xC83,
    0xCBE, 0xCD6, 0xCE2, 0xCE3, 0xD00, 0xD03, 0xD3E, 0xD4C, 0xD57, 0xD57, 0xD62, 0xD63, 0xD81,
    0xD83, 0xDCF, 0xDDF, 0xDF2, 0xDF3, 0xE31, 0xE31, 0xE34, 0xE3A, 0xE4D, 0xE4D, 0xEB1, 0xEB1,
    0xEB4, 0xEBC, 0xECD, 0xECD, 0xF71, 0xF83, 0xF8D, 0xFBC, 0x102B, 0x103E, 0x1056, 0x1059, 0x105E,
    0x1060, 0x1062, 0x1064, 0x1067, 0x106D, 0x1071, 0x1074, 0x1082, 0x108D, 0x108F, 0x108F, 0x109A,
    0x109D, 0x1712, 0x1713, 0x1732, 0x1733, 0x1752, 0x1753, 0x1772, 0x1773, 0x17B6, 0x17C8, 0x1885,
    0x1886, 0x18A9, 0x18A9, 0x1920, 0x1938, 0x1A17, 0x1A1B, 0x1A55, 0x1A74, 0x1ABF, 0x1B04, 0x1B35,
    0x1B43, 0x1B80, 0x1B82, 0x1BA1, 0x1BAD, 0x1BE7, 0x1BF1, 0x1C24, 0x1C36, 0x1DD3, 0x1DF4, 0x24B6,
    0x24E9, 0x2DE0, 0x2DFF, 0xA674, 0xA67B, 0xA69E, 0xA69F, 0xA802, 0xA802, 0xA80B, 0xA80B, 0xA823,
    0xA827, 0xA880, 0xA881, 0xA8B4, 0xA8C5, 0xA8FF, 0xA8FF, 0xA926, 0xA92A, 0xA947, 0xA952, 0xA980,
    0xA983, 0xA9B4, 0xA9BF, 0xA9E5, 0xA9E5, 0xAA29, 0xAA36, 0xAA43, 0xAA43, 0xAA4C, 0xAA4D, 0xAA7B,
    0xAA7D, 0xAAB0, 0xAAB0, 0xAAB2, 0xAAB4, 0xAAB7, 0xAAB8, 0xAABE, 0xAABE, 0xAAEB, 0xAAEF, 0xAAF5,
    0xAAF5, 0xABE3, 0xABEA, 0xFB1E, 0xFB1E, 0x10376, 0x1037A, 0x10A01, 0x10A0F, 0x10D24, 0x10D27,
    0x10EAB, 0x10EAC, 0x11000, 0x11002, 0x11038, 0x11045, 0x11073, 0x11074, 0x11080, 0x11082,
    0x110B0, 0x110C2, 0x11100, 0x11102, 0x11127, 0x11132, 0x11145, 0x11146, 0x11180, 0x11182,
    0x111B3, 0x111BF, 0x111CE, 0x111CF, 0x1122C, 0x1123E, 0x112DF, 0x112E8, 0x11300, 0x11303,
    0x1133E, 0x1134C, 0x11357, 0x11357, 0x11362, 0x11363, 0x11435, 0x11445, 0x114B0, 0x114C1,
    0x115AF, 0x115BE, 0x115DC, 0x115DD, 0x11630, 0x11640, 0x116AB, 0x116B5, 0x1171D, 0x1172A,
    0x1182C, 0x11838, 0x11930, 0x1193C, 0x11940, 0x11940, 0x11942, 0x11942, 0x119D1, 0x119DF,
    0x119E4, 0x119E4, 0x11A01, 0x11A0A, 0x11A35, 0x11A39, 0x11A3B, 0x11A3E, 0x11A51, 0x11A5B,
    0x11A8A, 0x11A97, 0x11C2F, 0x11C3E, 0x11C92, 0x11CB6, 0x11D31, 0x11D43, 0x11D47, 0x11D47,
    0x11D8A, 0x11D96, 0x11EF3, 0x11EF6, 0x16F4F, 0x16F4F, 0x16F51, 0x16F92, 0x16FF0, 0x16FF1,
    0x1BC9E, 0x1BC9E, 0x1E000, 0x1E02A, 0x1E947, 0x1E947, 0x1F130, 0x1F189,
];

/// True if Python's `re` `\w` matches `c` (for `str` patterns): `_` or `str.isalnum()`.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    if !c.is_alphanumeric() {
        return false;
    }
    let cp = c as u32;
    if cp < PY_NON_WORD[0] {
        return true;
    }
    // Index of the first range that starts after `cp`; the range before it is the only candidate.
    let ranges = PY_NON_WORD.len() / 2;
    let (mut lo, mut hi) = (0, ranges);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if PY_NON_WORD[2 * mid] <= cp {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    !(lo > 0 && cp <= PY_NON_WORD[2 * (lo - 1) + 1])
}

/// `\w+` tokens with Python's Unicode semantics (see [`is_word_char`]).
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|t| !t.is_empty())
}

fn shingles(text: &str) -> HashMap<Vec<&str>, u32> {
    let toks: Vec<&str> = tokens(text).collect();
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    if toks.len() < 4 {
        m.insert(toks, 1);
        return m;
    }
    for w in toks.windows(4) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}

fn multiset_match<K: std::hash::Hash + Eq>(
    gold: &HashMap<K, u32>,
    pred: &HashMap<K, u32>,
) -> (f64, f64, f64) {
    let mut tp = 0u64;
    let mut fp = 0u64;
    let mut fn_ = 0u64;
    for (k, &g) in gold {
        let p = pred.get(k).copied().unwrap_or(0);
        tp += g.min(p) as u64;
        fn_ += g.saturating_sub(p) as u64;
    }
    for (k, &p) in pred {
        let g = gold.get(k).copied().unwrap_or(0);
        fp += p.saturating_sub(g) as u64;
    }
    (tp as f64, fp as f64, fn_ as f64)
}

/// The benchmark's per-page shingle match: (tp, fp, fn) normalised by their sum.
pub fn shingle_match(gold: &str, pred: &str) -> (f64, f64, f64) {
    let (tp, fp, fn_) = multiset_match(&shingles(gold), &shingles(pred));
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

/// The benchmark's page precision from normalised (tp, fp, fn): 1 for a perfect match.
pub(super) fn page_precision((tp, fp, fn_): (f64, f64, f64)) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else {
        ratio(tp, tp + fp)
    }
}

/// The benchmark's page recall from normalised (tp, fp, fn): 1 for a perfect match.
pub(super) fn page_recall((tp, fp, fn_): (f64, f64, f64)) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else {
        ratio(tp, tp + fn_)
    }
}

pub(super) fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

pub(super) fn f1(p: f64, r: f64) -> f64 {
    ratio(2.0 * p * r, p + r)
}

/// Bag-of-words precision, recall and F1 of one page.
pub fn bag_of_words(gold: &str, pred: &str) -> (f64, f64, f64) {
    let count = |t: &str| {
        let mut m: HashMap<String, u32> = HashMap::new();
        for w in tokens(t) {
            *m.entry(w.to_lowercase()).or_insert(0) += 1;
        }
        m
    };
    let (tp, fp, fn_) = multiset_match(&count(gold), &count(pred));
    if tp + fp + fn_ == 0.0 {
        // nothing to find and nothing found: right, as on a page with no main content
        return (1.0, 1.0, 1.0);
    }
    let p = ratio(tp, tp + fp);
    let r = ratio(tp, tp + fn_);
    (p, r, f1(p, r))
}

pub(super) fn norm_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title or name as the metadata scores compare it: its words, lower-cased, one space
/// apart (case and punctuation aside).
fn words_only(s: &str) -> String {
    tokens(s)
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a predicted title agrees with the gold one: equal, or one containing the other,
/// once case and punctuation are set aside (a site name left on one side, a subtitle cut
/// on the other).
pub fn title_agrees(gold: &str, pred: &str) -> bool {
    let (g, p) = (words_only(gold), words_only(pred));
    !g.is_empty() && !p.is_empty() && (g.contains(&p) || p.contains(&g))
}

/// Whether a predicted author agrees with the gold one: every word of the gold name is a
/// word of the prediction (case aside).
pub fn author_agrees(gold: &str, pred: &str) -> bool {
    let pred: Vec<String> = tokens(pred).map(str::to_lowercase).collect();
    let mut gold = tokens(gold).map(str::to_lowercase).peekable();
    gold.peek().is_some() && gold.all(|w| pred.contains(&w))
}

/// Whether a predicted date agrees with the gold one: the same day (the `YYYY-MM-DD` that
/// begins both).
pub fn date_agrees(gold: &str, pred: &str) -> bool {
    let day: String = gold.trim().chars().take(10).collect();
    !day.is_empty() && pred.trim().starts_with(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unicode_words() {
        let t: Vec<&str> = tokens("Ünïcode, 東京 snake_case—x2!").collect();
        assert_eq!(t, ["Ünïcode", "東京", "snake_case", "x2"]);
        // Python's \w rejects Devanagari vowel signs that Rust counts as alphabetic
        assert_eq!(tokens("कि").count(), 1);
        assert!(!is_word_char('\u{93F}'));
    }

    #[test]
    fn shingles_match_as_multisets() {
        // gold: a b c d a b c d -> shingles abcd, bcda, cdab, dabc, abcd (abcd twice)
        let (tp, fp, fn_) = shingle_match("a b c d a b c d", "a b c d");
        // pred has abcd once: tp 1, fn 4, fp 0 -> normalised by 5
        assert!((tp - 0.2).abs() < 1e-9 && fp == 0.0 && (fn_ - 0.8).abs() < 1e-9);
        assert_eq!(shingle_match("one two", "one two"), (1.0, 0.0, 0.0));
        assert_eq!(shingle_match("one two three four", ""), (0.0, 0.0, 1.0));
        assert_eq!(shingle_match("", ""), (0.0, 0.0, 0.0));
    }

    #[test]
    fn bag_of_words_is_case_folded() {
        assert_eq!(bag_of_words("", "  "), (1.0, 1.0, 1.0));
        assert_eq!(bag_of_words("", "menu").2, 0.0);
        assert_eq!(bag_of_words("text", "").2, 0.0);
        let (p, r, f) = bag_of_words("The cat sat", "the CAT ran");
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 2.0 / 3.0).abs() < 1e-9);
        assert!((f - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn titles_agree_up_to_site_name() {
        assert!(title_agrees(
            "How to Build a Terrarium | eHow",
            "How to Build a Terrarium"
        ));
        assert!(title_agrees("A  Title", "a title"));
        assert!(!title_agrees("A Title", "Another Title"));
        assert!(!title_agrees("A Title", ""));
        assert!(title_agrees(
            "Rust's «ownership», explained",
            "rust s ownership explained"
        ));
    }

    #[test]
    fn authors_agree_on_every_word_of_the_gold_name() {
        assert!(author_agrees("Jane Doe", "By JANE DOE and John Roe"));
        assert!(!author_agrees("Jane Doe", "Jane Smith"));
        assert!(!author_agrees("", "Jane"));
        assert!(date_agrees("2024-05-02", "2024-05-02"));
        assert!(date_agrees("2024-05-02T08:00:00Z", "2024-05-02"));
        assert!(!date_agrees("2024-05-02", "2024-05-03"));
    }
}
