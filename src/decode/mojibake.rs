//! Repairs a page encoded twice: UTF-8 bytes read as windows-1252 (or Latin-1) and written
//! out as UTF-8 again, so that "don’t" reads "donâ€™t" and "—" reads "â€”" (a crawler or a
//! CMS that stored the page in the wrong charset).
//!
//! The repair is all or nothing: every character of the text must map back to one byte
//! (Latin-1, or windows-1252's punctuation), and those bytes must be valid UTF-8. Text
//! written in a single-byte charset, or UTF-8 that holds a real "é" beside ASCII, fails
//! that test at once, so only a page that is double-encoded throughout is changed.

/// Least pairs of a lead and a continuation character (`Ã©`, `â€`) before a repair is
/// tried: a stray pair may be real text.
const MIN_PAIRS: usize = 3;

/// The text with its double encoding undone, when it has one throughout.
pub(super) fn repair(text: &str) -> Option<String> {
    if count_pairs(text) < MIN_PAIRS {
        return None;
    }
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        let b = match u32::from(c) {
            n @ 0..=0xFF => n as u8,
            _ => windows_1252_byte(c)?,
        };
        bytes.push(b);
    }
    String::from_utf8(bytes).ok()
}

/// How many UTF-8 lead bytes (0xC2..=0xF4) read as Latin-1 and written as UTF-8 (U+00C2 ..
/// U+00F4, the bytes `C3 82` .. `C3 B4`) are followed by a continuation byte read the same
/// way (U+0080 .. U+00BF) or by windows-1252's reading of one (`€`, `’`, `™` ...), up to
/// [`MIN_PAIRS`].
fn count_pairs(text: &str) -> usize {
    let b = text.as_bytes();
    let mut pairs = 0;
    for i in memchr::memchr_iter(0xC3, b) {
        // in valid UTF-8, 0xC3 always opens a character of two bytes
        if !matches!(b.get(i + 1), Some(0x82..=0xB4)) {
            continue;
        }
        let continuation = text[i + 2..]
            .chars()
            .next()
            .is_some_and(|c| matches!(c, '\u{80}'..='\u{BF}') || windows_1252_byte(c).is_some());
        if continuation {
            pairs += 1;
            if pairs >= MIN_PAIRS {
                break;
            }
        }
    }
    pairs
}

/// The byte windows-1252 writes as `c`, for the characters it puts at 0x80..=0x9F.
fn windows_1252_byte(c: char) -> Option<u8> {
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_encoded_twice_is_repaired() {
        // windows-1252's reading, and Latin-1's (C1 controls for 0x80..=0x9F)
        let page = "<p>It wasnâ€™t the cafÃ© â€” it was the rain. Ã‰tÃ©.</p>";
        assert_eq!(
            repair(page).as_deref(),
            Some("<p>It wasn’t the café — it was the rain. Été.</p>")
        );
        let latin1 = "itertools \u{e2}\u{80}\u{94} Functions, na\u{c3}\u{af}ve caf\u{c3}\u{a9}";
        assert_eq!(
            repair(latin1).as_deref(),
            Some("itertools — Functions, naïve café")
        );
    }

    #[test]
    fn real_text_is_left_alone() {
        for text in [
            // real UTF-8: accents beside ASCII, a dash, CJK
            "Ein schöner Tag — für alle. Café, naïve, Ärger über Öl.",
            "東京 — café",
            // too few pairs to tell
            "The sign read Ã© once.",
            // a double-encoded line beside a real "é": not the page's whole encoding
            "donâ€™t and donâ€™t and donâ€™t, but café",
        ] {
            assert_eq!(repair(text), None, "{text}");
        }
    }
}
