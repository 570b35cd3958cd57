//! Counting characters, words and sentences in text of any script, and normalising whitespace.

/// How much one CJK character weighs against one character of an alphabetic script when
/// block lengths are compared: a Chinese or Japanese character carries about as much as a
/// short English word, so a 100-character Chinese paragraph is as substantial as a
/// 300-character English one.
pub const CJK_CHAR_WEIGHT: f32 = 3.0;

/// CJK characters per word in [`TextStats::words`]: the mean length of a Chinese word.
pub const CJK_CHARS_PER_WORD: f32 = 1.5;

/// Whether `c` is written without spaces between words (Han, Kana, Hangul and their
/// punctuation blocks).
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF      // Hangul Jamo
        | 0x2E80..=0x2FDF    // CJK radicals
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3100..=0x312F    // Bopomofo
        | 0x3130..=0x318F    // Hangul compatibility Jamo
        | 0x31F0..=0x31FF    // Katakana extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x2FA1F) // CJK extensions B..
}

/// Whether `c` ends a sentence in some script.
#[inline]
pub fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '。' | '！' | '？' | '．' | '…' | '؟' | '।'
    )
}

/// Whether `c` closes what comes before it and so takes no space before it: a stop, a
/// pause, a closing bracket or quote.
#[inline]
pub fn is_closing_punct(c: char) -> bool {
    is_sentence_end(c)
        || is_comma(c)
        || matches!(
            c,
            ':' | '：' | ')' | ']' | '}' | '）' | '」' | '』' | '】' | '»' | '”' | '’' | '%'
        )
}

/// Whether `c` is a pictographic emoji, which writers put where a sentence ends (`... und
/// das gefällt mir 😉`): the blocks of pictographs, emoticons, transport and map symbols,
/// supplemental pictographs and regional indicators (flags), the miscellaneous symbols,
/// and the dingbats that are emoji (✅, ✨, ❌, ❓, ❤), not check marks or arrows.
#[inline]
pub fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F1E6..=0x1F1FF      // regional indicators
        | 0x1F300..=0x1F64F    // pictographs, emoticons
        | 0x1F680..=0x1F6FF    // transport and map symbols
        | 0x1F900..=0x1F9FF    // supplemental pictographs
        | 0x1FA70..=0x1FAFF    // pictographs, extended
        | 0x2600..=0x26FF      // miscellaneous symbols
        | 0x2705 | 0x270A | 0x270B | 0x2728 | 0x274C | 0x2753..=0x2757 | 0x2764
        | 0x2B50) // star
}

/// Whether `text` ends with an emoji, after any variation selector (text or emoji
/// presentation) or joiner.
pub fn ends_with_emoji(text: &str) -> bool {
    text.trim_end_matches(['\u{FE0E}', '\u{FE0F}', '\u{200D}'])
        .chars()
        .next_back()
        .is_some_and(is_emoji)
}

/// Whether `c` is a comma-like pause, which prose has and menus lack.
#[inline]
pub fn is_comma(c: char) -> bool {
    matches!(c, ',' | '，' | '、' | ';' | '；' | '،')
}

/// Counts gathered over a piece of text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TextStats {
    /// Characters that are not whitespace.
    pub chars: u32,
    /// Of those, characters of CJK scripts.
    pub cjk_chars: u32,
    /// Words: runs of non-space characters in spaced scripts, plus CJK characters at one
    /// word per [`CJK_CHARS_PER_WORD`] characters.
    pub words: f32,
    /// Sentence-ending punctuation marks.
    pub sentence_ends: u32,
    /// Comma-like punctuation marks.
    pub commas: u32,
}

impl TextStats {
    /// Counts `text`.
    pub fn of(text: &str) -> TextStats {
        let mut s = TextStats::default();
        let mut in_word = false;
        let mut latin_words = 0u32;
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            if x < 0x80 {
                // the ASCII path: the same rules, without decoding
                if x.is_ascii_alphanumeric() {
                    if !in_word {
                        latin_words += 1;
                        in_word = true;
                    }
                    // the rest of the run of letters and digits, in a tight loop
                    let start = i;
                    i += 1;
                    while i < b.len() && b[i].is_ascii_alphanumeric() {
                        i += 1;
                    }
                    s.chars += (i - start) as u32;
                    continue;
                }
                i += 1;
                if matches!(x, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                    in_word = false;
                    continue;
                }
                s.chars += 1;
                match x {
                    b'.' | b'!' | b'?' => s.sentence_ends += 1,
                    b',' | b';' => s.commas += 1,
                    _ => {}
                }
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            s.count(c, &mut in_word, &mut latin_words);
        }
        s.words = latin_words as f32 + s.cjk_chars as f32 / CJK_CHARS_PER_WORD;
        s
    }

    /// Counts the character `c` (the rules [`TextStats::of`]'s ASCII path follows without
    /// decoding): `in_word` tells whether a word is open, `words` counts the words begun.
    #[inline]
    fn count(&mut self, c: char, in_word: &mut bool, words: &mut u32) {
        if c.is_whitespace() {
            *in_word = false;
            return;
        }
        self.chars += 1;
        if is_cjk(c) {
            self.cjk_chars += 1;
            *in_word = false;
            return;
        }
        if !*in_word && c.is_alphanumeric() {
            *words += 1;
            *in_word = true;
        }
        if is_sentence_end(c) {
            self.sentence_ends += 1;
        } else if is_comma(c) {
            self.commas += 1;
        }
    }

    /// Adds `other` to these counts.
    pub fn add(&mut self, other: &TextStats) {
        self.chars += other.chars;
        self.cjk_chars += other.cjk_chars;
        self.words += other.words;
        self.sentence_ends += other.sentence_ends;
        self.commas += other.commas;
    }

    /// Length in alphabetic-character equivalents: CJK characters weigh
    /// [`CJK_CHAR_WEIGHT`] each.
    pub fn weighted_len(&self) -> f32 {
        (self.chars - self.cjk_chars) as f32 + self.cjk_chars as f32 * CJK_CHAR_WEIGHT
    }
}

/// Weighted length of `text` (see [`TextStats::weighted_len`]), without the other counts.
pub fn weighted_len(text: &str) -> f32 {
    let mut n = 0.0;
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        n += if is_cjk(c) { CJK_CHAR_WEIGHT } else { 1.0 };
    }
    n
}

/// The words that open a byline before the author's name ("by", in the languages of the
/// corpora), lower-case.
pub const BYLINE_WORDS: [&str; 8] = ["by", "von", "par", "por", "door", "di", "av", "przez"];

/// Whether `word` is one of [`BYLINE_WORDS`], in any case.
pub fn is_byline_word(word: &str) -> bool {
    BYLINE_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Whether `text` is empty or all whitespace (as [`str::trim`] reads it): the indentation
/// between tags, most of a page's text nodes, is scanned as bytes.
pub fn is_blank(text: &str) -> bool {
    match text
        .bytes()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c))
    {
        None => true,
        // ASCII before it, so `at` is a character boundary
        Some(at) => text.as_bytes()[at] >= 0x80 && text[at..].trim_start().is_empty(),
    }
}

/// Whether the byte `x` is an ASCII character other than whitespace and NUL (which
/// [`push_collapsed`] reads as a space).
#[inline(always)]
fn is_visible_ascii(x: u8) -> bool {
    x < 0x80 && !matches!(x, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0)
}

/// Appends `text` to `out` with every run of whitespace collapsed to one space; `at_space`
/// tells whether `out` already ends in a space (or is at a line start) and is updated.
pub fn push_collapsed(out: &mut String, text: &str, at_space: &mut bool) {
    // Runs of visible characters are copied whole; only spaces and non-ASCII characters
    // are looked at one by one.
    let b = text.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if is_visible_ascii(x) {
            // a run of visible ASCII, the most of any text: stepped over in a tight loop
            i += 1;
            while i < b.len() && is_visible_ascii(b[i]) {
                i += 1;
            }
            *at_space = false;
            continue;
        }
        let (len, space, invisible) = if x < 0x80 {
            (
                1,
                matches!(x, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0),
                false,
            )
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (
                c.len_utf8(),
                c.is_whitespace() || c == '\u{a0}',
                // zero-width space and BOM
                c == '\u{200b}' || c == '\u{feff}',
            )
        };
        if space || invisible {
            out.push_str(&text[run..i]);
            run = i + len;
            if space && !*at_space {
                out.push(' ');
                *at_space = true;
            }
        } else {
            *at_space = false;
        }
        i += len;
    }
    out.push_str(&text[run..]);
}

/// The longest start of `s` of at most `max` bytes that ends at a character boundary.
pub fn prefix_within(s: &str, max: usize) -> &str {
    let mut cut = s.len().min(max);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    &s[..cut]
}

/// The longest suffix of `s` of at most `max` bytes that starts at a character boundary.
pub fn suffix_within(s: &str, max: usize) -> &str {
    let mut from = s.len().saturating_sub(max);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..]
}

/// Whether a text is nothing but web addresses (a field that holds an image's or a
/// file's URL): no words of prose.
pub fn is_urls(text: &str) -> bool {
    let mut any = false;
    for w in text.split_whitespace() {
        let head = w.get(..8).unwrap_or(w).to_ascii_lowercase();
        if !(head.starts_with("http://")
            || head.starts_with("https://")
            || head.starts_with("www."))
        {
            return false;
        }
        any = true;
    }
    any
}

/// Shortest text taken for a data blob by [`is_json_data`]: an example in a sentence is
/// shorter, a page's state written into an element is longer.
pub const JSON_DATA_MIN_CHARS: usize = 200;

/// Fewest `"key":` pairs in a data blob.
pub const JSON_DATA_MIN_KEYS: usize = 3;

/// Whether a text is a JSON object or array written into the page as text (a widget's
/// state in a hidden `<div>`, which a script reads): it opens with `{"`, `[{` or `["`,
/// closes with `}` or `]`, runs to [`JSON_DATA_MIN_CHARS`] on one line (an example laid out for
/// readers breaks its lines) and holds [`JSON_DATA_MIN_KEYS`] quoted keys.
pub fn is_json_data(text: &str) -> bool {
    let t = text.trim();
    t.len() >= JSON_DATA_MIN_CHARS
        && ["{\"", "[{", "[\""].iter().any(|o| t.starts_with(o))
        && t.ends_with(['}', ']'])
        && !t.contains('\n')
        && t.match_indices("\":").take(JSON_DATA_MIN_KEYS).count() == JSON_DATA_MIN_KEYS
}

/// Whether a text is data a script or a stylesheet reads, or a server's error output, not
/// words for a reader: a JSON object ([`is_json_data`]), a run of identifiers
/// ([`is_id_run`]) or PHP's error messages ([`is_php_error`]).
pub fn is_machine_data(text: &str) -> bool {
    is_json_data(text) || is_id_run(text) || is_php_error(text)
}

/// The levels PHP writes before an error message it prints into the page.
const PHP_ERROR_LEVELS: [&str; 8] = [
    "Warning:",
    "Notice:",
    "Deprecated:",
    "Strict Standards:",
    "Fatal error:",
    "Parse error:",
    "Catchable fatal error:",
    "Recoverable fatal error:",
];

/// Whether every line of a text is an error message PHP printed into the page (its
/// `display_errors`: "Warning: Use of undefined constant ... in /path/plugin.php on line
/// 928"), as old WordPress sites print them by the dozen above and inside their content.
pub fn is_php_error(text: &str) -> bool {
    let is_error = |line: &str| {
        PHP_ERROR_LEVELS.iter().any(|l| line.starts_with(l))
            && line.contains(".php")
            && line
                .rsplit_once(" on line ")
                .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()))
    };
    // most texts fail at their first word, before their lines are looked for
    let t = text.trim_start();
    if !PHP_ERROR_LEVELS.iter().any(|l| t.starts_with(l)) {
        return false;
    }
    t.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .all(is_error)
}

/// Fewest identifiers in a run of them (see [`is_id_run`]).
pub const ID_RUN_MIN_IDS: usize = 2;

/// Whether identifiers (UUIDs, `8-4-4-4-12` hex digits) make up most of a text's
/// non-space characters: the letters of a "Sponsored" label scattered among hidden spans of
/// random ids, which a stylesheet shows or hides one by one (eBay's listings).
pub fn is_id_run(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 36 * ID_RUN_MIN_IDS {
        return false;
    }
    let ids = uuid_count(b);
    ids >= ID_RUN_MIN_IDS && ids * 36 * 2 >= b.iter().filter(|c| !c.is_ascii_whitespace()).count()
}

/// How many UUIDs `b` holds, one after another, never overlapping: each found from its
/// first hyphen, its ninth byte.
fn uuid_count(b: &[u8]) -> usize {
    let (mut ids, mut end) = (0, 0);
    for p in memchr::memchr_iter(b'-', b) {
        let Some(start) = p.checked_sub(8).filter(|&s| s >= end) else {
            continue;
        };
        if b.get(start..start + 36).is_some_and(is_uuid) {
            ids += 1;
            end = start + 36;
        }
    }
    ids
}

/// Whether 36 bytes are a UUID: hex digits in groups of 8, 4, 4, 4 and 12 joined by `-`.
fn is_uuid(b: &[u8]) -> bool {
    b.iter().enumerate().all(|(k, c)| match k {
        8 | 13 | 18 | 23 => *c == b'-',
        _ => c.is_ascii_hexdigit(),
    })
}

/// Longest character reference read by [`decode_entities`] (`&CounterClockwiseContourIntegral;`).
const MAX_ENTITY_BYTES: usize = 34;

/// `text` with its character references (`&amp;`, `&#8217;`, `&#x2014;`) decoded: pages
/// write them twice in `<meta>` and JSON-LD values, which the parser decodes once. A
/// reference without its `;`, or unknown, stays as it is.
pub fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest
            .char_indices()
            .take(MAX_ENTITY_BYTES)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let code = if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                n.and_then(char::from_u32).map(|c| (c, None))
            } else {
                html5ever::data::NAMED_ENTITIES
                    .get(&rest[1..=end])
                    .and_then(|&(a, b)| {
                        Some((char::from_u32(a)?, char::from_u32(b).filter(|_| b != 0)))
                    })
            };
            code.map(|c| (c, end))
        });
        match decoded {
            Some(((a, b), end)) => {
                out.push(a);
                if let Some(b) = b {
                    out.push(b);
                }
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// `text` with whitespace runs collapsed to one space and trimmed.
pub fn normalize_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at_space = true;
    push_collapsed(&mut out, text, &mut at_space);
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_suffix_within_a_size_starts_on_a_character() {
        assert_eq!(suffix_within("caf\u{e9}s", 3), "\u{e9}s");
        assert_eq!(suffix_within("caf\u{e9}s", 2), "s");
        assert_eq!(suffix_within("abc", 10), "abc");
        assert_eq!(suffix_within("abc", 0), "");
    }

    #[test]
    fn an_emoji_ends_a_text_after_its_selector() {
        assert!(ends_with_emoji("das gefällt mir \u{1F609}"));
        assert!(ends_with_emoji("a heart \u{2764}\u{FE0F}"));
        assert!(!ends_with_emoji("a heart \u{2764} and words"));
        assert!(!ends_with_emoji("x = 3 \u{2192}"));
        // a check mark or a dingbat arrow is no emoji
        assert!(!ends_with_emoji("Done \u{2713}"));
        assert!(!ends_with_emoji("Next \u{279C}"));
        assert!(ends_with_emoji("Done \u{2705}"));
        assert!(!ends_with_emoji(""));
    }

    #[test]
    fn blank_is_what_trim_leaves_empty() {
        for t in [
            "",
            " ",
            "\n\t\t  ",
            "\u{a0}",
            " \u{2003}\n",
            "\x0b\x0c\r",
            "a",
            " a ",
            "\n\u{a0}x",
            "\u{200b}",
            "  \u{e9}",
        ] {
            assert_eq!(is_blank(t), t.trim().is_empty(), "{t:?}");
        }
    }
    use super::*;

    #[test]
    fn a_run_of_ids_is_data_and_an_id_in_a_sentence_is_not() {
        let run = "S19aea247-2e76-4905-9b83-15a5a5664cfaG661bd3c3-576f-4713-baee-9dc0dd7c3568p2e2c3720-cfa9-41e9-9571-b179b489e15f o";
        assert!(is_id_run(run) && is_machine_data(run));
        let sentence = "Take note of the UUID, for example ba5b7f3a-54d2-4325-80e5-e7a159900d3f, and keep it: you will need it to mount the disk again later.";
        assert!(!is_id_run(sentence));
        assert!(!is_id_run(
            "2e76-4905-9b83-15a5a5664cfa-2e76-4905-9b83-15a5a5664cfa-zz"
        ));
    }

    #[test]
    fn ids_are_found_from_their_hyphens_as_at_every_offset() {
        // the reference: a UUID looked for at every byte, taken greedily
        fn ids_at_every_offset(b: &[u8]) -> usize {
            let (mut ids, mut i) = (0, 0);
            while i + 36 <= b.len() {
                if is_uuid(&b[i..i + 36]) {
                    ids += 1;
                    i += 36;
                } else {
                    i += 1;
                }
            }
            ids
        }
        let uuid = "ba5b7f3a-54d2-4325-80e5-e7a159900d3f";
        let mut seed = 7u32;
        for _ in 0..2000 {
            let mut t = String::new();
            while t.len() < 200 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                t.push_str(match (seed >> 16) % 6 {
                    0 => uuid,
                    1 => &uuid[..20],
                    2 => &uuid[9..],
                    3 => "-",
                    4 => "a",
                    _ => " ",
                });
            }
            assert_eq!(
                uuid_count(t.as_bytes()),
                ids_at_every_offset(t.as_bytes()),
                "{t}"
            );
        }
    }

    #[test]
    fn phps_error_output_is_data_and_a_sentence_about_it_is_not() {
        let errors = "Warning:  Use of undefined constant comments - assumed 'comments' in /htdocs/wp-content/plugins/recent-comments.php on line 928
            Strict Standards: Redefining already defined constructor for class wpdb in /htdocs/wp-includes/wp-db.php on line 56";
        assert!(is_php_error(errors) && is_machine_data(errors));
        // a line of prose among them, or an article about the message, is text
        assert!(!is_php_error(&format!(
            "{errors}\nThe gallery opens below."
        )));
        assert!(!is_php_error(
            "Warning: this plugin breaks on PHP 8 (see the .php file the log names on line 3)"
        ));
        assert!(!is_php_error(""));
        // PHP 7.4 and later name a catchable fatal error so
        assert!(is_php_error(
            "Recoverable fatal error: Object of class WP_Error could not be converted to string in /htdocs/wp-includes/formatting.php on line 1103"
        ));
    }

    #[test]
    fn a_widgets_state_is_data_and_an_example_is_not() {
        let asins: Vec<String> = (0..20).map(|i| format!("\"B0CXGXT6W{i}\"")).collect();
        let state = format!(
            "{{\"painterId\":\"AsinGrid\",\"hostPageType\":\"BROWSE\",\"asins\":[{}],\"offset\":0}}",
            asins.join(",")
        );
        assert!(is_json_data(&state));
        assert!(is_json_data(&format!("  [{state}] ")));
        // short, laid out over lines, or prose in braces
        assert!(!is_json_data(r#"{"a": 0, "b": 0, "c": 0}"#));
        assert!(!is_json_data(&state.replace(',', ",\n")));
        let prose = format!(
            "{{{}}}",
            "Braces around a sentence, with \"quotes\": here. ".repeat(6)
        );
        assert!(!is_json_data(&prose));
    }

    #[test]
    fn counts_english() {
        let s = TextStats::of("Hello, world. This is a test!");
        assert_eq!(s.words, 6.0);
        assert_eq!(s.sentence_ends, 2);
        assert_eq!(s.commas, 1);
        assert_eq!(s.cjk_chars, 0);
    }

    /// Texts of every kind the fast paths of [`TextStats::of`] and [`push_collapsed`] tell
    /// apart: runs of ASCII letters and digits, punctuation, whitespace of each kind, NUL,
    /// controls, non-ASCII letters, spaces and invisible characters, CJK.
    const MIXED: [&str; 8] = [
        "Hello, world. This is a test!",
        "  a1b2  c3;d4?e5 \t\n\r\x0b\x0cend",
        "x\0y\x01z\x7f, don't-stop.",
        "Caf\u{e9} na\u{ef}ve \u{2014} r\u{e9}sum\u{e9}s; ok\u{a0}here\u{2003}there",
        "zero\u{200b}width\u{feff}bom \u{ad}soft",
        "今天天气很好，我们去公园散步。Tokyo 2024!",
        "\u{648}\u{642}\u{62a}\u{61f} \u{939}\u{93f}\u{964}",
        "",
    ];

    #[test]
    fn the_ascii_fast_path_counts_as_the_characters_do() {
        // the rules of `TextStats::of`, one character at a time
        let by_chars = |text: &str| {
            let mut s = TextStats::default();
            let (mut in_word, mut words) = (false, 0u32);
            for c in text.chars() {
                s.count(c, &mut in_word, &mut words);
            }
            s.words = words as f32 + s.cjk_chars as f32 / CJK_CHARS_PER_WORD;
            s
        };
        for t in MIXED {
            assert_eq!(TextStats::of(t), by_chars(t), "{t:?}");
        }
    }

    #[test]
    fn collapsing_copies_runs_and_reads_the_rest_one_character_at_a_time() {
        // the rules of `push_collapsed`, one character at a time
        let by_chars = |text: &str, mut at_space: bool| {
            let mut out = String::new();
            for c in text.chars() {
                if c.is_whitespace() || c == '\u{a0}' || c == '\0' {
                    if !at_space {
                        out.push(' ');
                        at_space = true;
                    }
                } else if c != '\u{200b}' && c != '\u{feff}' {
                    out.push(c);
                    at_space = false;
                }
            }
            (out, at_space)
        };
        for t in MIXED {
            for start in [false, true] {
                let (mut out, mut at_space) = (String::from("x"), start);
                push_collapsed(&mut out, t, &mut at_space);
                let (want, want_space) = by_chars(t, start);
                assert_eq!((&out[1..], at_space), (want.as_str(), want_space), "{t:?}");
            }
        }
    }

    #[test]
    fn cjk_weighs_more_than_latin() {
        let zh = TextStats::of("今天天气很好，我们去公园散步。");
        assert_eq!(zh.cjk_chars, 13);
        assert_eq!(zh.sentence_ends, 1);
        assert_eq!(zh.commas, 1);
        assert!(zh.weighted_len() > 13.0 * 2.0);
        assert!(zh.words > 8.0);
        let ko = TextStats::of("서울과 도쿄가 정보 공유 협정에 가까워졌다.");
        assert!(ko.cjk_chars > 10);
    }

    #[test]
    fn character_references_are_decoded() {
        assert_eq!(
            decode_entities("Q&amp;A &#8211; it&#8217;s &#x2014; done"),
            "Q&A – it’s — done"
        );
        assert_eq!(decode_entities("And finally&#8230;"), "And finally…");
        assert_eq!(
            decode_entities("AT&T and &unknown; & &amp"),
            "AT&T and &unknown; & &amp"
        );
        assert_eq!(decode_entities("no entities"), "no entities");
    }

    #[test]
    fn bare_addresses_are_told_from_prose() {
        assert!(is_urls(
            "https://cdn.example.com/a.jpg https://cdn.example.com/b.jpg"
        ));
        assert!(is_urls("www.example.com"));
        assert!(!is_urls("See https://example.com for more"));
        assert!(!is_urls(""));
    }

    #[test]
    fn collapses_whitespace() {
        assert_eq!(normalize_space("  a \n\t b\u{a0}c  "), "a b c");
        assert_eq!(normalize_space(""), "");
        assert_eq!(normalize_space("x\u{200b}y"), "xy");
    }
}
