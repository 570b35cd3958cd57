//! gleaner's HTML tokenizer: the HTML standard's tokenizer states over the whole page at
//! once, jumping with memchr, giving html5ever's tree builder the tokens html5ever's own
//! tokenizer gives (character by character, that one spends most of the parse).

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{ns, Attribute, LocalName, QualName};

use super::lex::{comment_end, find_byte, is_html_space, raw_text_end, script_end};

/// What the tokenizer reads next, as the tree builder sets it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Data,
    /// Text up to the end tag of the last start tag: RCDATA, RAWTEXT or script data.
    Raw(RawKind),
    /// Text to the end of the page.
    Plaintext,
}

/// Tokenizes the page made of `pieces` into `sink` (html5ever's tree builder), then ends
/// it. `stop` is asked between tokens, about every `check_every` bytes, whether to stop
/// there (a limit was reached): the page then ends where the tokenizer stopped.
pub(super) fn tokenize<S: TokenSink>(
    pieces: &[&str],
    sink: &S,
    check_every: usize,
    mut stop: impl FnMut() -> bool,
) {
    let total: usize = pieces.iter().map(|p| p.len()).sum();
    // one copy of the page, its newlines as the input stream has them (CR LF and CR are LF)
    let input = if u32::try_from(total).is_ok() {
        let mut t = StrTendril::with_capacity(total as u32);
        push_newlines_normalized(pieces, |s| t.push_slice(s));
        Input::Shared(t)
    } else {
        let mut t = String::with_capacity(total);
        push_newlines_normalized(pieces, |s| t.push_str(s));
        Input::Owned(t)
    };
    let t = Tok {
        sink,
        input,
        state: Cell::new(State::Data),
        last_start: RefCell::new(None),
        doctype_seen: Cell::new(false),
    };
    // a byte-order mark left at the start is not text, as html5ever's driver drops it
    let from = if t.page().starts_with('\u{feff}') {
        3
    } else {
        0
    };
    t.run(from, check_every, &mut stop);
    let _ = sink.process_token(Token::EOFToken, 1);
    sink.end();
}

/// Gives `push` the text of `pieces` in order, each CR LF and each CR as one LF (a CR LF
/// may straddle two pieces).
fn push_newlines_normalized(pieces: &[&str], mut push: impl FnMut(&str)) {
    let mut after_cr = false;
    for piece in pieces.iter().filter(|p| !p.is_empty()) {
        let mut rest = *piece;
        if after_cr {
            rest = rest.strip_prefix('\n').unwrap_or(rest);
        }
        after_cr = false;
        while let Some(cr) = memchr::memchr(b'\r', rest.as_bytes()) {
            push(&rest[..cr]);
            push("\n");
            rest = &rest[cr + 1..];
            if rest.is_empty() {
                after_cr = true;
            }
            rest = rest.strip_prefix('\n').unwrap_or(rest);
        }
        push(rest);
    }
}

/// The page the tokenizer reads: one tendril, whose slices share its buffer, unless the
/// page is too long for a tendril's 32-bit offsets.
enum Input {
    Shared(StrTendril),
    Owned(String),
}

struct Tok<'s, S: TokenSink> {
    sink: &'s S,
    input: Input,
    state: Cell<State>,
    /// The name of the last start tag, whose end tag ends raw text.
    last_start: RefCell<Option<LocalName>>,
    /// Whether a doctype was met: the tree builder reads only the first.
    doctype_seen: Cell<bool>,
}

/// Attributes on one tag past which duplicates are looked for in a set, not one by one.
const MANY_ATTRS: usize = 32;

/// Whether a byte ends a tag's name, an attribute's name (with `=`) or an unquoted value.
#[inline]
fn ends_name(c: u8) -> bool {
    is_html_space(c) || c == b'/' || c == b'>'
}

impl<S: TokenSink> Tok<'_, S> {
    /// Reads the page from `from` to its end, or until `stop` says so.
    fn run(&self, from: usize, check_every: usize, stop: &mut impl FnMut() -> bool) {
        let n = self.page().len();
        let mut pos = from;
        let mut next_check = check_every;
        while pos < n {
            if pos >= next_check {
                next_check = pos + check_every;
                if stop() {
                    return;
                }
            }
            pos = match self.state.get() {
                State::Data => self.data(pos),
                State::Raw(kind) => self.raw(pos, kind),
                State::Plaintext => {
                    self.text_replacing_nul(pos, n);
                    n
                }
            };
        }
    }

    /// Gives a token to the tree builder and follows the state it asks for.
    /// Returns whether html5ever's parser would feed its tokenizer again here: after a
    /// script ends, and after a `<meta>` that names a charset.
    fn emit(&self, token: Token) -> bool {
        match self.sink.process_token(token, 1) {
            TokenSinkResult::Continue => {}
            TokenSinkResult::Script(_) | TokenSinkResult::EncodingIndicator(_) => return true,
            TokenSinkResult::Plaintext => self.state.set(State::Plaintext),
            TokenSinkResult::RawData(kind) => self.state.set(State::Raw(kind)),
        }
        false
    }

    /// A parse error the tree builder must see: html5ever's takes every token, errors
    /// too, as the one after `<pre>`, `<listing>` or `<textarea>`, whose newline it drops.
    fn parse_error(&self) {
        self.emit(Token::ParseError(Cow::Borrowed("")));
    }

    /// The page.
    #[inline]
    fn page(&self) -> &str {
        match &self.input {
            Input::Shared(t) => t,
            Input::Owned(s) => s,
        }
    }

    /// `page[a..b]` as a tendril: a share of the page's buffer, not a copy.
    fn slice(&self, a: usize, b: usize) -> StrTendril {
        match &self.input {
            Input::Shared(t) => t.subtendril(a as u32, (b - a) as u32),
            Input::Owned(s) => StrTendril::from_slice(&s[a..b]),
        }
    }

    fn text(&self, t: StrTendril) {
        if !t.is_empty() {
            self.emit(Token::CharacterTokens(t));
        }
    }

    /// The data state from `pos`: text with its character references, up to a tag.
    fn data(&self, pos: usize) -> usize {
        let b = self.page().as_bytes();
        let end = memchr::memchr2(b'<', 0, &b[pos..]).map_or(b.len(), |p| pos + p);
        if end > pos {
            let run = &self.page()[pos..end];
            if starts_with_unended_number(run) {
                self.parse_error();
            }
            let t = match decode_refs(run, false) {
                Cow::Borrowed(_) => self.slice(pos, end),
                Cow::Owned(text) => StrTendril::from_slice(&text),
            };
            self.text(t);
        }
        let b = self.page().as_bytes();
        match b.get(end) {
            None => end,
            Some(0) => {
                self.emit(Token::NullCharacterToken);
                end + 1
            }
            Some(_) => self.tag_open(end),
        }
    }

    /// Raw text from `pos` to the end tag of the last start tag (or the end of the page).
    fn raw(&self, pos: usize, kind: RawKind) -> usize {
        let b = self.page().as_bytes();
        let end = match kind {
            RawKind::ScriptData | RawKind::ScriptDataEscaped(_) => script_end(b, pos),
            _ => {
                let last = self.last_start.borrow();
                raw_text_end(b, pos, last.as_deref().unwrap_or("").as_bytes())
            }
        }
        .unwrap_or(b.len());
        if kind == RawKind::Rcdata {
            if starts_with_unended_number(&self.page()[pos..end]) {
                self.parse_error();
            }
            self.text(self.decoded(pos, end, false));
        } else {
            self.text_replacing_nul(pos, end);
        }
        self.state.set(State::Data);
        end
    }

    /// `input[a..b]` as text, NUL read as U+FFFD.
    fn text_replacing_nul(&self, a: usize, b: usize) {
        let t = if self.page().as_bytes()[a..b].contains(&0) {
            StrTendril::from_slice(&self.page()[a..b].replace('\0', "\u{fffd}"))
        } else {
            self.slice(a, b)
        };
        self.text(t);
    }

    /// At a `<` in the data state.
    fn tag_open(&self, lt: usize) -> usize {
        let b = self.page().as_bytes();
        let n = b.len();
        match b.get(lt + 1) {
            Some(b'!') => self.markup_declaration(lt),
            Some(b'/') => match b.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => self.tag(lt + 2, TagKind::EndTag),
                // `</>` is nothing but a parse error (which, as html5ever's tree builder
                // reads it, ends a wait for the newline after `<pre>`)
                Some(b'>') => {
                    self.parse_error();
                    lt + 3
                }
                Some(_) => self.bogus_comment(lt + 2),
                None => {
                    self.text(StrTendril::from_slice("</"));
                    n
                }
            },
            Some(c) if c.is_ascii_alphabetic() => self.tag(lt + 1, TagKind::StartTag),
            Some(b'?') => self.bogus_comment(lt + 1),
            _ => {
                self.text(StrTendril::from_slice("<"));
                lt + 1
            }
        }
    }

    /// At `<!`: a comment, a doctype, CDATA in foreign content, or a bogus comment.
    fn markup_declaration(&self, lt: usize) -> usize {
        let b = self.page().as_bytes();
        let at = lt + 2;
        if b[at..].starts_with(b"--") {
            let end = comment_end(b, at + 2);
            self.emit(Token::CommentToken(StrTendril::new()));
            return end;
        }
        if b.len() >= at + 7 && b[at..at + 7].eq_ignore_ascii_case(b"doctype") {
            return self.doctype(lt);
        }
        if b[at..].starts_with(b"[CDATA[")
            && self
                .sink
                .adjusted_current_node_present_but_not_in_html_namespace()
        {
            let from = at + 7;
            let end = memchr::memmem::find(&b[from..], b"]]>").map_or(b.len(), |p| from + p);
            self.text_with_nul_tokens(from, end);
            return (end + 3).min(b.len());
        }
        self.bogus_comment(at)
    }

    /// Text whose NULs are tokens of their own (CDATA).
    fn text_with_nul_tokens(&self, mut a: usize, b: usize) {
        while a < b {
            let end = memchr::memchr(0, &self.page().as_bytes()[a..b]).map_or(b, |p| a + p);
            let t = self.slice(a, end);
            self.text(t);
            if end < b {
                self.emit(Token::NullCharacterToken);
            }
            a = end + 1;
        }
    }

    /// A bogus comment from `at` to the next `>`.
    fn bogus_comment(&self, at: usize) -> usize {
        let b = self.page().as_bytes();
        let end = memchr::memchr(b'>', &b[at..]).map_or(b.len(), |p| at + p + 1);
        self.emit(Token::CommentToken(StrTendril::new()));
        end
    }

    /// A doctype, which ends at the first `>` whatever its states: the first is read by
    /// html5ever's own tokenizer and its token handed on; the tree builder ignores the
    /// others, as errors.
    fn doctype(&self, lt: usize) -> usize {
        let b = self.page().as_bytes();
        let end = memchr::memchr(b'>', &b[lt..]).map_or(b.len(), |p| lt + p + 1);
        if self.doctype_seen.replace(true) {
            self.parse_error();
            return end;
        }
        let collect = Collect(Default::default());
        let tok = Tokenizer::new(collect, TokenizerOpts::default());
        let queue = BufferQueue::default();
        queue.push_back(self.slice(lt, end));
        let _ = tok.feed(&queue);
        tok.end();
        for token in tok.sink.0.take() {
            if matches!(token, Token::DoctypeToken(_)) {
                self.emit(token);
            }
        }
        end
    }

    /// A start or end tag whose name starts at `at`; the page's end inside it drops it.
    fn tag(&self, at: usize, kind: TagKind) -> usize {
        let b = self.page().as_bytes();
        let n = b.len();
        let mut k = at;
        while k < n && !ends_name(b[k]) {
            k += 1;
        }
        if k == n {
            return n;
        }
        let name = LocalName::from(lower_name(&self.page()[at..k]));
        let mut attrs: Vec<Attribute> = Vec::new();
        let mut self_closing = false;
        let mut duplicate = false;
        // the names met, once a tag has many attributes (each is checked against all
        // before it)
        let mut names: Option<std::collections::HashSet<LocalName>> = None;
        loop {
            // before an attribute's name
            while k < n && is_html_space(b[k]) {
                k += 1;
            }
            let Some(&c) = b.get(k) else {
                return n;
            };
            if c == b'>' {
                k += 1;
                break;
            }
            if c == b'/' {
                k += 1;
                match b.get(k) {
                    None => return n,
                    Some(b'>') => {
                        self_closing = true;
                        k += 1;
                        break;
                    }
                    Some(_) => continue,
                }
            }
            // the name: its first byte may be anything left, `=` included
            let name_start = k;
            k += 1;
            while k < n && !ends_name(b[k]) && b[k] != b'=' {
                k += 1;
            }
            let name_end = k;
            while k < n && is_html_space(b[k]) {
                k += 1;
            }
            if k == n {
                return n;
            }
            let mut value = StrTendril::new();
            if b[k] == b'=' {
                k += 1;
                while k < n && is_html_space(b[k]) {
                    k += 1;
                }
                match b.get(k) {
                    None => return n,
                    Some(&q @ (b'"' | b'\'')) => {
                        let Some(p) = find_byte(q, &b[k + 1..]) else {
                            return n;
                        };
                        value = self.decoded(k + 1, k + 1 + p, true);
                        k += p + 2;
                    }
                    // a missing value: the tag ends here
                    Some(b'>') => {}
                    Some(_) => {
                        let from = k;
                        while k < n && !(is_html_space(b[k]) || b[k] == b'>') {
                            k += 1;
                        }
                        if k == n {
                            return n;
                        }
                        value = self.decoded(from, k, true);
                    }
                }
            }
            let local = LocalName::from(lower_name(&self.page()[name_start..name_end]));
            let seen = match &names {
                Some(names) => names.contains(&local),
                None => attrs.iter().any(|a| a.name.local == local),
            };
            if seen {
                duplicate = true;
            } else if kind == TagKind::StartTag {
                match &mut names {
                    Some(names) => {
                        names.insert(local.clone());
                    }
                    None if attrs.len() >= MANY_ATTRS => {
                        let mut set: std::collections::HashSet<LocalName> =
                            attrs.iter().map(|a| a.name.local.clone()).collect();
                        set.insert(local.clone());
                        names = Some(set);
                    }
                    None => {}
                }
                attrs.push(Attribute {
                    name: QualName::new(None, ns!(), local),
                    value,
                });
            }
        }
        if kind == TagKind::StartTag {
            *self.last_start.borrow_mut() = Some(name.clone());
        }
        let fed_again = self.emit(Token::TagToken(Tag {
            kind,
            name,
            self_closing,
            attrs,
            had_duplicate_attributes: duplicate,
        }));
        if fed_again && self.page()[k..].starts_with('\u{feff}') {
            // html5ever's parser feeds its tokenizer again after a script or a charset,
            // which then drops a byte-order mark at the start of what is left, as at the
            // page's start
            k += '\u{feff}'.len_utf8();
        }
        k
    }

    /// `page[a..b]` with its character references read and NUL as U+FFFD (RCDATA and
    /// attribute values); a slice of the page when it holds neither.
    fn decoded(&self, a: usize, b: usize, in_attribute: bool) -> StrTendril {
        let raw = &self.page()[a..b];
        if memchr::memchr2(b'&', 0, raw.as_bytes()).is_none() {
            return self.slice(a, b);
        }
        let text = decode_refs(raw, in_attribute);
        if text.contains('\0') {
            StrTendril::from_slice(&text.replace('\0', "\u{fffd}"))
        } else {
            StrTendril::from_slice(&text)
        }
    }
}

/// Whether `text` opens with a numeric character reference without its `;`: an error
/// html5ever reports before the reference's character, which may be the newline after a
/// `<pre>` (see [`Tok::parse_error`]).
fn starts_with_unended_number(text: &str) -> bool {
    text.starts_with("&#")
        && numeric_ref(text.as_bytes(), 2).is_some_and(|(_, end)| text.as_bytes()[end - 1] != b';')
}

/// A tag's or attribute's name as the tokenizer reads it: ASCII letters in lower case, NUL
/// as U+FFFD.
fn lower_name(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|c| c.is_ascii_uppercase() || c == 0) {
        Cow::Owned(name.to_ascii_lowercase().replace('\0', "\u{fffd}"))
    } else {
        Cow::Borrowed(name)
    }
}

/// `text` with its character references read, as in text (`in_attribute` false) or in an
/// attribute's value, where a named reference without its `;` followed by `=` or a letter
/// or digit stays as written.
fn decode_refs(text: &str, in_attribute: bool) -> Cow<'_, str> {
    let Some(first) = find_byte(b'&', text.as_bytes()) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut at = first;
    while at < text.len() {
        // `text[at]` is `&`
        match char_ref(text, at + 1, in_attribute) {
            Some((chars, end)) => {
                out.extend(chars.iter().flatten());
                at = end;
            }
            None => {
                out.push('&');
                at += 1;
            }
        }
        let next = find_byte(b'&', &text.as_bytes()[at..]).map_or(text.len(), |p| at + p);
        out.push_str(&text[at..next]);
        at = next;
    }
    Cow::Owned(out)
}

/// The character reference after an `&` at `text[at..]`: its characters and where it
/// ends, or `None` when there is none (the `&` is text, and what follows is read again).
fn char_ref(text: &str, at: usize, in_attribute: bool) -> Option<([Option<char>; 2], usize)> {
    let b = text.as_bytes();
    match b.get(at)? {
        b'#' => numeric_ref(b, at + 1),
        c if c.is_ascii_alphanumeric() => named_ref(text, at, in_attribute),
        _ => None,
    }
}

/// `&#...`: decimal, or hexadecimal after `x`; `at` is just past the `#`.
fn numeric_ref(b: &[u8], at: usize) -> Option<([Option<char>; 2], usize)> {
    let (base, mut k) = match b.get(at) {
        Some(b'x' | b'X') => (16, at + 1),
        _ => (10, at),
    };
    let mut num: u32 = 0;
    let mut too_big = false;
    let start = k;
    while let Some(d) = b.get(k).and_then(|&c| char::from(c).to_digit(base)) {
        num = num.wrapping_mul(base);
        if num > 0x10FFFF {
            too_big = true;
        }
        num = num.wrapping_add(d);
        k += 1;
    }
    if k == start {
        return None;
    }
    if b.get(k) == Some(&b';') {
        k += 1;
    }
    let c = match num {
        n if n > 0x10FFFF || too_big => '\u{fffd}',
        0x00 | 0xD800..=0xDFFF => '\u{fffd}',
        0x80..=0x9F => html5ever::data::C1_REPLACEMENTS[(num - 0x80) as usize]
            .unwrap_or_else(|| char::from_u32(num).unwrap_or('\u{fffd}')),
        n => char::from_u32(n).unwrap_or('\u{fffd}'),
    };
    Some(([Some(c), None], k))
}

/// A named reference: the longest name the table holds that the text starts with (the
/// table holds every prefix of every name, so the search stops where no name goes on).
fn named_ref(text: &str, at: usize, in_attribute: bool) -> Option<([Option<char>; 2], usize)> {
    let b = text.as_bytes();
    let mut k = at;
    let mut found: Option<((u32, u32), usize)> = None;
    let mut broke = false;
    while k < b.len() {
        let len = utf8_len(b[k]);
        let next = (k + len).min(b.len());
        match html5ever::data::NAMED_ENTITIES.get(&text[at..next]) {
            Some(&m) => {
                if m.0 != 0 {
                    found = Some((m, next));
                }
                k = next;
            }
            None => {
                broke = true;
                break;
            }
        }
    }
    let ((c1, c2), end) = found?;
    let last_matched = b[end - 1];
    // the byte after the match, if the search read past it
    let next_after = (broke || end < k).then(|| b.get(end).copied()).flatten();
    if in_attribute
        && last_matched != b';'
        && next_after.is_some_and(|c| c == b'=' || c.is_ascii_alphanumeric())
    {
        return None;
    }
    let c2 = (c2 != 0).then(|| char::from_u32(c2)).flatten();
    Some(([char::from_u32(c1), c2], end))
}

/// The length of the UTF-8 sequence that `first` starts.
fn utf8_len(first: u8) -> usize {
    match first {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// A token sink that keeps the tokens, for the doctype read by html5ever's tokenizer.
struct Collect(std::cell::RefCell<Vec<Token>>);

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        self.0.borrow_mut().push(token);
        TokenSinkResult::Continue
    }
}

/// gleaner's tokenizer gives html5ever's tree builder the tokens html5ever's tokenizer
/// gives: the trees built both ways are compared (with markup5ever_rcdom, independent of
/// gleaner's tree) over pages made of the pieces where tokenizers differ.
#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::tendril::TendrilSink;
    use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
    use markup5ever_rcdom::{Handle, NodeData, RcDom};
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "<!DOCTYPE html>",
        "<!doctype html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">",
        "<!DOCTYPE html SYSTEM 'about:legacy-compat'>",
        "<!DOCTYPE>",
        "<!DOCTYPEhtml x>",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 3.2//EN\">",
        "&amp;",
        "&amp",
        "&notit;",
        "&notin;",
        "&#x41;",
        "&#65",
        "&#0;",
        "&#x80;",
        "&#xD800;",
        "&#1114112;",
        "&#;",
        "&#x;",
        "&ab",
        "&zzzz;",
        "&",
        "&;",
        "<a href='x&amp;y'>",
        "<a href=x&ampy>",
        "<a title=\"&notit=\">",
        "<a b=&#x3e;>",
        "<p class=A CLASS=b>",
        "<DIV ID=x>",
        "<a b c=d e = 'f' g=\"h\" />",
        "<a/b>",
        "<a =x>",
        "<a \"b\"='c'>",
        "<a b='<'>",
        "<a b=`c` d=e\"f>",
        "<br/>",
        "<meta charset=x>",
        "<meta http-equiv=content-type content='text/html; charset=x'>",
        "<i a0=0 a1=1 a2=2 a3=3 a4=4 a5=5 a6=6 a7=7 a8=8 a9=9 a10=10 a11=11 a12=12 a13=13 a14=14 a15=15 a16=16 a17=17 a18=18 a19=19 a20=20 a21=21 a22=22 a23=23 a24=24 a25=25 a26=26 a27=27 a28=28 a29=29 a30=30 a31=31 a32=32 a33=33 a3=x A33=y a34=z>",
        "<a b='",
        "<a b",
        "<a b=",
        "<div",
        "\r\n",
        "\r",
        "\r\r\n\n",
        "\0",
        "a\0b",
        "<title>a&amp;b\0</title>",
        "<title>",
        "</title>",
        "<textarea>\nx&lt;</textarea>",
        "<pre>",
        "<listing>",
        "\n",
        "&#10",
        "&#xa;",
        "<style>",
        "</style>",
        "<script>",
        "</script>",
        "<script><!--",
        "-->",
        "<xmp>",
        "</xmp>",
        "<plaintext>",
        "<noscript>",
        "</noscript>",
        "<iframe>",
        "</iframe>",
        "<!-- c -->",
        "<!-->",
        "<!--->",
        "<!-- --!>",
        "<!x>",
        "<?pi?>",
        "</ x>",
        "</>",
        "</",
        "<",
        "<!",
        "<!-",
        "<3",
        "<svg>",
        "</svg>",
        "<math>",
        "</math>",
        "<![CDATA[x\0]]>",
        "<![CDATA[",
        "]]>",
        "<foreignObject>",
        "<desc>",
        "<table>",
        "<tr>",
        "<td>",
        "</table>",
        "<select>",
        "<option>",
        "<template>",
        "</template>",
        "<frameset>",
        "<body class=x>",
        "<html lang=x>",
        "<head>",
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "text ",
        " ",
        "\t",
        "é",
        "\u{feff}",
    ];

    /// The tree under `node` as text: elements with their namespaces and attributes,
    /// text, comments (without their text, which gleaner's tokenizer does not keep) and
    /// doctypes.
    fn dump(node: &Handle) -> String {
        let mut out = String::new();
        let mut stack = vec![(node.clone(), false)];
        while let Some((n, closing)) = stack.pop() {
            if closing {
                out.push_str("</>");
                continue;
            }
            match &n.data {
                NodeData::Text { contents } => out.push_str(&format!("[{}]", contents.borrow())),
                NodeData::Comment { .. } => out.push_str("<!>"),
                NodeData::Doctype {
                    name,
                    public_id,
                    system_id,
                } => out.push_str(&format!("<!{name}|{public_id}|{system_id}>")),
                NodeData::Element { name, attrs, .. } => {
                    out.push_str(&format!("<{:?}", name));
                    for a in attrs.borrow().iter() {
                        out.push_str(&format!(" {:?}={:?}", a.name, &*a.value));
                    }
                    out.push('>');
                }
                _ => {}
            }
            stack.push((n.clone(), true));
            for c in n.children.borrow().iter().rev() {
                stack.push((c.clone(), false));
            }
            if let NodeData::Element {
                template_contents, ..
            } = &n.data
            {
                // a template's content comes first, then its children
                if let Some(t) = template_contents.borrow().as_ref() {
                    stack.push((t.clone(), false));
                }
            }
        }
        out
    }

    fn by_html5ever(html: &str) -> String {
        let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
        format!("{:?} {}", dom.quirks_mode.get(), dump(&dom.document))
    }

    fn by_gleaner(html: &str) -> String {
        let builder = TreeBuilder::new(RcDom::default(), TreeBuilderOpts::default());
        tokenize(&[html], &builder, usize::MAX, || false);
        let dom = builder.sink;
        format!("{:?} {}", dom.quirks_mode.get(), dump(&dom.document))
    }

    #[test]
    fn newlines_are_normalized_across_pieces() {
        for (pieces, want) in [
            (&["a\r\nb\rc"][..], "a\nb\nc"),
            (&["a\r", "\nb"][..], "a\nb"),
            (&["a\r", "", "\nb"][..], "a\nb"),
            (&["\r\r\n", "\r"][..], "\n\n\n"),
        ] {
            let mut out = String::new();
            push_newlines_normalized(pieces, |s| out.push_str(s));
            assert_eq!(out, want, "{pieces:?}");
        }
    }

    #[test]
    fn character_references_read_as_html5ever_reads_them() {
        for (text, want) in [
            ("a &amp; b", "a & b"),
            ("&notit;", "\u{ac}it;"),
            ("&notin;", "\u{2209}"),
            ("&#x41;&#65", "AA"),
            ("&#x80;", "\u{20ac}"),
            ("&#0;&#xD800;", "\u{fffd}\u{fffd}"),
            ("&zzzz; &", "&zzzz; &"),
        ] {
            assert_eq!(decode_refs(text, false), want, "{text}");
        }
        assert_eq!(decode_refs("x&ampy", true), "x&ampy");
        assert_eq!(decode_refs("x&amp;y", true), "x&y");
    }

    /// The pages of the corpora in the repository, decoded, with their paths.
    fn corpus_pages() -> Vec<(String, String)> {
        use std::io::Read;
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut pages = Vec::new();
        for set in ["scrapinghub", "readability"] {
            let dir = std::path::Path::new(root).join(set).join("pages");
            let mut paths: Vec<_> = std::fs::read_dir(&dir)
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .collect();
            paths.sort();
            for path in paths {
                let mut bytes = Vec::new();
                flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
                    .read_to_end(&mut bytes)
                    .unwrap();
                let html = crate::decode::decode(&bytes, None).text.into_owned();
                pages.push((path.display().to_string(), html));
            }
        }
        pages
    }

    /// Every page of the corpora in the repository parses to html5ever's tree.
    #[test]
    fn corpus_pages_parse_to_html5evers_trees() {
        let pages = corpus_pages();
        assert!(pages.len() > 300, "{} pages", pages.len());
        for (path, html) in &pages {
            assert!(by_gleaner(html) == by_html5ever(html), "{path}");
        }
    }

    /// Pages cut anywhere (the end of the input inside every construct real markup has),
    /// and pieces of two pages joined, parse to html5ever's trees too.
    #[test]
    fn cut_and_joined_corpus_pages_parse_to_html5evers_trees() {
        let pages = corpus_pages();
        // a fixed sequence of cut points (a linear congruential generator)
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |below: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % below.max(1)
        };
        let boundary = |s: &str, mut at: usize| {
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        for (n, (path, html)) in pages.iter().enumerate() {
            let cut = boundary(html, next(html.len()));
            let head = &html[..cut];
            assert!(
                by_gleaner(head) == by_html5ever(head),
                "{path} cut at {cut}"
            );
            let (_, other) = &pages[(n + 1) % pages.len()];
            let from = boundary(other, next(other.len()));
            let joined = format!("{head}{}", &other[from..]);
            assert!(
                by_gleaner(&joined) == by_html5ever(&joined),
                "{path} cut at {cut}, joined at {from}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

        #[test]
        fn trees_match_html5evers(pieces in prop::collection::vec(0..PIECES.len(), 0..40)) {
            let html: String = pieces.iter().map(|&p| PIECES[p]).collect();
            prop_assert_eq!(by_gleaner(&html), by_html5ever(&html), "{:?}", html);
        }

        #[test]
        fn any_text_tokenizes_as_html5ever_does(html in "(?s).{0,200}") {
            prop_assert_eq!(by_gleaner(&html), by_html5ever(&html), "{:?}", html);
        }

        #[test]
        fn markup_characters_tokenize_as_html5ever_does(
            html in "[<>/!?&#;=\"' a-eA-Ex0-9\\-\\[\\]\0\r\n\té]{0,150}"
        ) {
            prop_assert_eq!(by_gleaner(&html), by_html5ever(&html), "{:?}", html);
        }
    }
}
