//! The text of markup found outside the page's tree (JSON-LD strings), read with the
//! tokenizer's own rules for where tags, comments and raw text end.

use super::lex;
use crate::tag::Tag;
use crate::text::decode_entities;

/// Longest name of an element that [`markup_text`] breaks lines at (`blockquote`,
/// `figcaption`): a longer name is not looked up.
const LONGEST_BLOCK_NAME: usize = 10;

/// The text of the markup that pages put in JSON-LD strings (an `articleBody`, a product's
/// `description`): tags dropped (a `>` in a quoted value ends none), a line break at each
/// block's edge and at `<br>`, comments and the content of `<script>` and `<style>`
/// skipped, character references decoded. Markup escaped as text (`&lt;p&gt;`, with no
/// `<` in it) is read as markup. A `<` that starts no tag (`a < b`) is text, and so is a
/// tag the text ends inside. One pass: each byte is looked at a bounded number of times.
pub(crate) fn markup_text(text: &str) -> String {
    let unescaped;
    let text = if is_escaped_markup(text) {
        unescaped = decode_entities(text);
        &*unescaped
    } else {
        text
    };
    if !text.contains('<') {
        return decode_entities(text).into_owned();
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // the text not yet copied starts at `from`; the next `<` is looked for from `k`
    let (mut from, mut k) = (0, 0);
    while let Some(p) = memchr::memchr(b'<', &b[k..]) {
        let lt = k + p;
        let after = &b[lt + 1..];
        if after.starts_with(b"!--") {
            out.push_str(&text[from..lt]);
            from = lex::comment_end(b, lt + 4);
            k = from;
            continue;
        }
        let closing = after.first() == Some(&b'/');
        let declaration = after.first() == Some(&b'!');
        let name_at = lt + 1 + usize::from(closing);
        let name_len = b[name_at..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if !(declaration || b.get(name_at).is_some_and(u8::is_ascii_alphabetic)) {
            k = lt + 1;
            continue;
        }
        let end = if closing || declaration {
            memchr::memchr(b'>', &b[name_at..]).map(|p| name_at + p + 1)
        } else {
            lex::start_tag_end(b, name_at + name_len, |_, _, _| {})
        };
        // the text ends inside this tag: what is left is text
        let Some(end) = end else { break };
        out.push_str(&text[from..lt]);
        let name = &b[name_at..name_at + name_len];
        if breaks_line(name) {
            out.push('\n');
        }
        from = end;
        if !closing && (name.eq_ignore_ascii_case(b"script") || name.eq_ignore_ascii_case(b"style"))
        {
            let close = lex::raw_text_end(b, end, name).unwrap_or(b.len());
            from = memchr::memchr(b'>', &b[close..]).map_or(b.len(), |p| close + p + 1);
        }
        k = from;
    }
    out.push_str(&text[from..]);
    decode_entities(&out).into_owned()
}

/// Whether `text` is markup escaped as text: no `<`, and a `&lt;` that a tag's name, `/`
/// or `!` follows. Text that only mentions `&lt;` is decoded once, not twice.
fn is_escaped_markup(text: &str) -> bool {
    !text.contains('<')
        && memchr::memmem::find_iter(text.as_bytes(), b"&lt;").any(|at| {
            text.as_bytes()
                .get(at + 4)
                .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'/' || c == b'!')
        })
}

/// Whether the element named `name` (any case) starts a new line: a block, or `<br>`.
fn breaks_line(name: &[u8]) -> bool {
    if name.is_empty() || name.len() > LONGEST_BLOCK_NAME {
        return false;
    }
    let lower = String::from_utf8_lossy(name).to_ascii_lowercase();
    lower == "br" || Tag::from_name(&html5ever::LocalName::from(lower.as_str())).is_block()
}

#[cfg(test)]
mod tests {
    use super::markup_text;

    #[test]
    fn markup_comes_out_as_lines_of_text() {
        assert_eq!(
            markup_text("<p>Soft <b>cotton</b>.</p><p>Wash cold<br>Dry flat</p>"),
            "\nSoft cotton.\n\nWash cold\nDry flat\n"
        );
        // a `<` that starts no tag is text; so is a tag the text ends in
        assert_eq!(markup_text("a < b <p>c"), "a < b \nc");
        assert_eq!(markup_text("x <y"), "x <y");
        // a `>` in a quoted value ends no tag
        assert_eq!(markup_text(r#"a<img alt="x > y">b"#), "ab");
        // scripts, styles and comments say nothing; `</scripts` does not end a script
        assert_eq!(
            markup_text("a<script>if (x<y) {}</scripts></SCRIPT>b<style>p{}</style>c<!-- d -->e"),
            "abce"
        );
        // escaped markup is read as markup, its text's references decoded too
        assert_eq!(
            markup_text("&lt;p class=&quot;t&quot;&gt;solu&amp;ccedil;&amp;atilde;o&lt;/p&gt;"),
            "\nsolução\n"
        );
        // plain text keeps its lines, references decoded once
        assert_eq!(markup_text("Tom &amp; Jerry\nNext"), "Tom & Jerry\nNext");
        assert_eq!(
            markup_text("if a &lt; b, write &amp;lt;"),
            "if a < b, write &lt;"
        );
    }

    #[test]
    fn hostile_markup_is_read_in_one_pass() {
        // tags that never close, many a `<` before one `>`, an unclosed quote and script
        let open = "<a".repeat(200_000);
        assert_eq!(markup_text(&open), open);
        let many = format!("{}<p>x", "a < b ".repeat(200_000));
        assert!(markup_text(&many).ends_with("a < b \nx"));
        let quote = format!("<a href='{}", "x".repeat(400_000));
        assert_eq!(markup_text(&quote), quote);
        let script = format!("<script>{}", "<".repeat(400_000));
        assert_eq!(markup_text(&script), "");
    }
}
