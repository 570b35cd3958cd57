//! Where the HTML tokenizer ends things, read over bytes as its states read them: tags
//! (a `>` in a quoted value does not end one), comments, raw text and scripts (with their
//! escapes). Shared by the trimming pass and gleaner's tokenizer.

/// HTML's whitespace, as the tokenizer sees it (it reads `\r` as `\n`).
pub(super) fn is_html_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

/// Just past the `>` that ends a start tag whose name ends at `at`, read by the HTML
/// tokenizer's attribute states, so that a `>` inside a quoted value does not end it;
/// `None` when the input ends first. `attr` is given each attribute met: where its name
/// starts and ends, and where its value ends (its name's end when it has none).
#[inline]
pub(super) fn start_tag_end(
    b: &[u8],
    at: usize,
    mut attr: impl FnMut(usize, usize, usize),
) -> Option<usize> {
    let n = b.len();
    let space = |c: u8| is_html_space(c);
    let mut k = at;
    loop {
        // before an attribute name (after `/` and after a quoted value too)
        while k < n && (space(b[k]) || b[k] == b'/') {
            k += 1;
        }
        let name_start = k;
        match b.get(k)? {
            b'>' => return Some(k + 1),
            // the name's first byte may be anything else, `=` and quotes included
            _ => k += 1,
        }
        while k < n && !(space(b[k]) || matches!(b[k], b'/' | b'=' | b'>')) {
            k += 1;
        }
        let name_end = k;
        // after the name: `=` gives it a value; anything else starts over
        while k < n && space(b[k]) {
            k += 1;
        }
        match b.get(k) {
            Some(b'=') => k += 1,
            Some(_) => {
                attr(name_start, name_end, name_end);
                if b[k] == b'>' {
                    return Some(k + 1);
                }
                continue;
            }
            None => return None,
        }
        while k < n && space(b[k]) {
            k += 1;
        }
        match *b.get(k)? {
            b'>' => {
                attr(name_start, name_end, k);
                return Some(k + 1);
            }
            q @ (b'"' | b'\'') => k += 1 + find_byte(q, &b[k + 1..])? + 1,
            _ => {
                while k < n && !(space(b[k]) || b[k] == b'>') {
                    k += 1;
                }
            }
        }
        attr(name_start, name_end, k);
    }
}

/// The first `x` in `hay`, eight bytes at a time (quoted values and the gaps between tags
/// are mostly short, where memchr's set-up costs more than the search).
#[inline]
pub(super) fn find_byte(x: u8, hay: &[u8]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let pattern = LO * u64::from(x);
    let mut chunks = hay.chunks_exact(8);
    let mut at = 0;
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or_default()) ^ pattern;
        // a zero byte of `w` is an `x` of `hay`
        let found = w.wrapping_sub(LO) & !w & HI;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
        if at >= 64 {
            return memchr::memchr(x, &hay[at..]).map(|p| p + at);
        }
    }
    chunks
        .remainder()
        .iter()
        .position(|&c| c == x)
        .map(|p| p + at)
}

/// Where the end tag of the raw-text element `name` whose text starts at `from` begins:
/// the first `</name` (in any case) followed by whitespace, `/` or `>`, as the tokenizer
/// reads it (for scripts, while no `<!--` came first).
pub(super) fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut k = from;
    // scripts are full of `<`; `</` is rare
    while let Some(p) = memchr::memmem::find(&b[k..], b"</") {
        let lt = k + p;
        if end_tag_at(b, lt, name) {
            return Some(lt);
        }
        k = lt + 1;
    }
    None
}

/// Whether `b[lt..]` is `</name` (in any case) followed by whitespace, `/` or `>`.
pub(super) fn end_tag_at(b: &[u8], lt: usize, name: &[u8]) -> bool {
    let at = lt + 2;
    b[lt..].starts_with(b"</")
        && b.len() > at + name.len()
        && b[at..at + name.len()].eq_ignore_ascii_case(name)
        && {
            let after = b[at + name.len()];
            is_html_space(after) || after == b'/' || after == b'>'
        }
}

/// Where the end tag of a script whose text starts at `from` begins, as the tokenizer's
/// script states find it: `<!--` escapes the text, and inside that, `<script` starts a
/// stretch where `</script>` does not end it.
pub(super) fn script_end(b: &[u8], from: usize) -> Option<usize> {
    let first = raw_text_end(b, from, b"script")?;
    let Some(open) = memchr::memmem::find(&b[from..first], b"<!--") else {
        return Some(first);
    };
    #[derive(Clone, Copy, PartialEq)]
    enum S {
        Data,
        Escaped,
        /// Escaped, after `<script`: `</script` only leaves this stretch.
        Double,
    }
    // `b[k..]` is `<script` followed by whitespace, `/` or `>`
    let start_tag_at = |k: usize| {
        let end = k + 7;
        end < b.len()
            && b[k + 1..end].eq_ignore_ascii_case(b"script")
            && (is_html_space(b[end]) || b[end] == b'/' || b[end] == b'>')
    };
    let mut state = S::Data;
    let mut k = from + open;
    while k < b.len() {
        match (state, b[k]) {
            (S::Data, b'<') if b[k..].starts_with(b"<!--") => {
                state = S::Escaped;
                // the dashes of `<!--` may also close it (`<!-->`)
                k += 2;
                continue;
            }
            (S::Data | S::Escaped, b'<') if end_tag_at(b, k, b"script") => {
                return Some(k);
            }
            (S::Escaped, b'<') if start_tag_at(k) => {
                state = S::Double;
                k += 7;
                continue;
            }
            (S::Double, b'<') if end_tag_at(b, k, b"script") => {
                state = S::Escaped;
                k += 8;
                continue;
            }
            (S::Escaped | S::Double, b'-') if b[k..].starts_with(b"-->") => {
                state = S::Data;
                k += 3;
                continue;
            }
            _ => {}
        }
        k += 1;
    }
    None
}

/// Where the comment that starts at `at` (just after `<!--`) ends: after `-->` or `--!>`,
/// or at once for the abrupt `<!-->` and `<!--->`.
pub(super) fn comment_end(b: &[u8], at: usize) -> usize {
    let rest = &b[at..];
    if rest.starts_with(b">") {
        return at + 1;
    }
    if rest.starts_with(b"->") {
        return at + 2;
    }
    // the first `>` after `--` or `--!`: one pass, never past the comment's end
    let mut k = 0;
    while let Some(p) = memchr::memchr(b'>', &rest[k..]) {
        let gt = k + p;
        let before = &rest[..gt];
        if before.ends_with(b"--") || before.ends_with(b"--!") {
            return at + gt + 1;
        }
        k = gt + 1;
    }
    b.len()
}
