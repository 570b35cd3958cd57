//! Escaping text for Markdown: a backslash only where CommonMark would otherwise read the
//! character as syntax (`x86_64`, `[DOI]`, `AT&T` and `1.5` stay as they are).

/// Appends `text` to `md`, escaped as Markdown inline content. `md` so far is the context
/// before it (the character before decides whether `*` or `_` could open emphasis).
pub fn push_escaped(md: &mut String, text: &str) {
    let mut prev = md.chars().next_back();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if needs_escape(c, prev, next, &text[i + c.len_utf8()..]) {
            md.push('\\');
        }
        md.push(c);
        prev = Some(c);
    }
}

/// `text` escaped as Markdown inline content, standing on its own.
pub fn escape_inline(text: &str) -> String {
    let mut md = String::with_capacity(text.len() + 8);
    push_escaped(&mut md, text);
    md
}

/// Whether `c`, between `prev` and `next` (`rest` being the text after it), would be read
/// as inline syntax.
fn needs_escape(c: char, prev: Option<char>, next: Option<char>, rest: &str) -> bool {
    let space = |x: Option<char>| x.is_none_or(char::is_whitespace);
    let alnum = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    match c {
        // code spans
        '`' => true,
        // a backslash escapes the punctuation after it, and ends a line as a hard break
        '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
        // emphasis: a `*` with spaces on both sides opens and closes nothing
        '*' => !(prev.is_some_and(char::is_whitespace) && space(next)),
        // emphasis: only a `_` that may open it, one not after a letter or digit (which is
        // inside a word or ends one) and not before a space; every such `_` is escaped and
        // gleaner writes emphasis with `*`, so a `_` that may only close has nothing to close
        '_' => !alnum(prev) && !next.is_some_and(char::is_whitespace),
        // a link or image needs `](` (or `][`); a reference definition `]:`
        ']' => matches!(next, Some('(' | '[' | ':')),
        // raw HTML and autolinks start `<` and a letter, `/`, `!` or `?`
        '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
        // an entity or numeric character reference
        '&' => is_reference(rest),
        _ => false,
    }
}

/// Whether `rest`, the text after an `&`, starts an entity or numeric character
/// reference (`amp;`, `#38;`, `#x26;`).
fn is_reference(rest: &str) -> bool {
    let b = rest.as_bytes();
    let body = match b.first() {
        Some(b'#') => match b.get(1) {
            Some(b'x' | b'X') => b[2..].iter().take_while(|c| c.is_ascii_hexdigit()).count() + 2,
            _ => b[1..].iter().take_while(|c| c.is_ascii_digit()).count() + 1,
        },
        Some(c) if c.is_ascii_alphabetic() => {
            b.iter().take_while(|c| c.is_ascii_alphanumeric()).count()
        }
        _ => return false,
    };
    body > 1 && b.get(body) == Some(&b';')
}

/// Escapes what would make a line of text, at the start of a paragraph or list item's
/// line, start a block instead: a heading's `#`, a quote's `>`, a list's marker (`-`, `+`,
/// `*`, `1.`), a thematic break or setext underline (`---`, `===`), a code fence (`~~~`).
pub fn escape_line_start(line: &mut String) {
    let b = line.as_bytes();
    let Some(&first) = b.first() else {
        return;
    };
    let after = |k: usize| b.get(k).is_none_or(|c| *c == b' ' || *c == b'\t');
    let escape = match first {
        b'>' => true,
        b'#' => {
            let hashes = b.iter().take_while(|&&c| c == b'#').count();
            hashes <= 6 && after(hashes)
        }
        b'-' | b'+' | b'*' => after(1) || is_break_line(b, first),
        b'=' | b'_' => is_break_line(b, first),
        b'~' => line.starts_with("~~~"),
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits <= 9 && matches!(b.get(digits), Some(b'.' | b')')) && after(digits + 1) {
                line.insert(digits, '\\');
            }
            false
        }
        _ => false,
    };
    if escape {
        line.insert(0, '\\');
    }
}

/// Whether a line is made of `c` and spaces only, three `c` at least (`=` once is
/// enough): a thematic break or a setext heading's underline.
fn is_break_line(b: &[u8], c: u8) -> bool {
    let n = b.iter().filter(|&&x| x == c).count();
    b.iter().all(|&x| x == c || x == b' ' || x == b'\t') && (n >= 3 || c == b'=')
}

/// Escapes a heading's closing `#` run, which CommonMark would drop (`# C #` reads "C").
pub fn escape_heading_end(text: &mut String) {
    if text.ends_with('#') {
        let hashes = text.bytes().rev().take_while(|&c| c == b'#').count();
        let at = text.len() - hashes;
        if at == 0 || text[..at].ends_with([' ', '\t']) {
            text.insert(at, '\\');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(s: &str) -> String {
        let mut l = escape_inline(s);
        escape_line_start(&mut l);
        l
    }

    #[test]
    fn only_what_commonmark_would_read_is_escaped() {
        for plain in [
            "x86_64 and snake_case_names",
            "[DOI] [PubMed]",
            "AT&T & friends",
            "2 * 3 = 6",
            "a < b, C:\\Users",
            "1.5 million",
            "+1 for that",
            "=> arrow",
            "#hashtag",
        ] {
            assert_eq!(line(plain), plain);
        }
        for (raw, md) in [
            ("*bold*", "\\*bold\\*"),
            ("_under_", "\\_under_"),
            ("(_a", "(\\_a"),
            ("a _ b and a_ b", "a _ b and a_ b"),
            ("[a](b)", "[a\\](b)"),
            ("[a]: http://x", "[a\\]: http://x"),
            ("&amp; and &#38;", "\\&amp; and \\&#38;"),
            ("<div> and </p>", "\\<div> and \\</p>"),
            ("`code`", "\\`code\\`"),
            ("ends in \\", "ends in \\\\"),
            ("# not a heading", "\\# not a heading"),
            ("> not a quote", "\\> not a quote"),
            ("- not an item", "\\- not an item"),
            ("1. not an item", "1\\. not an item"),
            ("3) nor this", "3\\) nor this"),
            ("2021. A year", "2021\\. A year"),
            ("---", "\\---"),
            ("===", "\\==="),
            ("~~~ fence", "\\~~~ fence"),
        ] {
            assert_eq!(line(raw), md, "{raw}");
        }
    }

    #[test]
    fn escaped_text_reads_back_as_itself() {
        // strings of emphasis marks, brackets, letters and spaces, read back by a
        // CommonMark parser as one paragraph: the text must come back as it went in
        use pulldown_cmark::{Event, Parser};
        const PIECES: [&str; 12] = ["_", "*", "a", "b", " ", "(", ")", ".", "1", "[", "]", "__"];
        let mut seed = 11u32;
        for _ in 0..20_000 {
            let mut raw = String::from("x");
            for _ in 0..10 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                raw.push_str(PIECES[(seed >> 16) as usize % PIECES.len()]);
            }
            raw.push('x');
            let md = line(&raw);
            let read: String = Parser::new(&md)
                .filter_map(|e| match e {
                    Event::Text(t) => Some(t.to_string()),
                    _ => None,
                })
                .collect();
            assert_eq!(read, raw, "{md}");
        }
    }

    #[test]
    fn a_word_split_across_pieces_keeps_its_underscore_bare() {
        // `ent_` and `des` pushed apart (two text nodes of one word)
        let mut md = String::new();
        push_escaped(&mut md, "payment_");
        push_escaped(&mut md, "descriptor and _x");
        assert_eq!(md, "payment_descriptor and \\_x");
    }

    #[test]
    fn a_headings_closing_hashes_are_kept() {
        let mut h = "Learn C #".to_string();
        escape_heading_end(&mut h);
        assert_eq!(h, "Learn C \\#");
        let mut h = "C#".to_string();
        escape_heading_end(&mut h);
        assert_eq!(h, "C#");
    }
}
