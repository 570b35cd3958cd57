//! Rendering a document as plain text, Markdown or JSON.

use crate::block::BlockKind;
use crate::document::{ContentBlock, Document};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The main text, a block per line.
    Text,
    /// CommonMark.
    Markdown,
    /// One JSON object with the metadata and the text.
    Json,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "text" | "txt" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            other => Err(format!(
                "unknown format {other:?} (expected text, markdown or json)"
            )),
        }
    }
}

impl Format {
    /// The file extension for this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }
}

/// Escapes characters that would start Markdown syntax at the beginning of a line.
fn md_escape_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for (i, c) in s.chars().enumerate() {
        let special_anywhere = matches!(c, '*' | '_' | '`' | '[' | ']' | '<' | '\\');
        let special_start = i == 0 && matches!(c, '#' | '>' | '-' | '+' | '=' | '|');
        if special_anywhere || special_start {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. " at a line start would begin a list
    if let Some(dot) = out.find(". ") {
        if dot > 0 && out[..dot].chars().all(|c| c.is_ascii_digit()) {
            out.insert(dot, '\\');
        }
    }
    out
}

/// Escapes only what would start Markdown block syntax at a line's start (inline syntax in
/// Markdown written by the walker is already escaped).
fn md_escape_start(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    if s.starts_with(['#', '>', '-', '+', '=', '|']) {
        out.push('\\');
    }
    out.push_str(s);
    if let Some(dot) = out.find(". ") {
        if dot > 0 && out[..dot].chars().all(|c| c.is_ascii_digit()) {
            out.insert(dot, '\\');
        }
    }
    out
}

fn push_md_block(out: &mut String, b: &ContentBlock, prev: Option<&ContentBlock>) {
    let quote = if b.quoted { "> " } else { "" };
    match b.kind {
        BlockKind::Heading(l) => {
            out.push_str(quote);
            for _ in 0..l.clamp(1, 6) {
                out.push('#');
            }
            out.push(' ');
            out.push_str(&md_escape_line(&b.text.replace('\n', " ")));
        }
        BlockKind::Code => {
            let fence = if b.text.contains("```") {
                "~~~~"
            } else {
                "```"
            };
            out.push_str(fence);
            out.push('\n');
            out.push_str(&b.text);
            out.push('\n');
            out.push_str(fence);
        }
        BlockKind::ListItem => {
            let lines: Vec<String> = match &b.markdown {
                Some(md) => md.lines().map(md_escape_start).collect(),
                None => b.text.lines().map(md_escape_line).collect(),
            };
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str(quote);
                out.push_str(if i == 0 { "- " } else { "  " });
                out.push_str(line);
            }
        }
        BlockKind::TableRow | BlockKind::Cell => {
            let cells: Vec<String> = b
                .text
                .split('\t')
                .map(|c| c.replace('|', "\\|").replace('\n', " "))
                .collect();
            out.push_str("| ");
            out.push_str(&cells.join(" | "));
            out.push_str(" |");
            let first_row =
                !prev.is_some_and(|p| matches!(p.kind, BlockKind::TableRow | BlockKind::Cell));
            if first_row {
                out.push_str("\n|");
                for _ in &cells {
                    out.push_str(" --- |");
                }
            }
        }
        _ => {
            if let Some(md) = &b.markdown {
                for (i, line) in md.lines().enumerate() {
                    if i > 0 {
                        out.push_str("  \n");
                    }
                    out.push_str(quote);
                    out.push_str(&md_escape_start(line));
                }
                return;
            }
            for (i, line) in b.text.lines().enumerate() {
                if i > 0 {
                    out.push_str("  \n");
                }
                out.push_str(quote);
                out.push_str(&md_escape_line(line));
            }
        }
    }
}

/// Renders the document's main text as CommonMark.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    let mut prev: Option<&ContentBlock> = None;
    for b in doc.blocks() {
        if let Some(p) = prev {
            let tight = (p.kind == BlockKind::ListItem && b.kind == BlockKind::ListItem)
                || (matches!(p.kind, BlockKind::TableRow | BlockKind::Cell)
                    && matches!(b.kind, BlockKind::TableRow | BlockKind::Cell));
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        push_md_block(&mut out, b, prev);
        prev = Some(b);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[derive(serde::Serialize)]
struct JsonDoc<'a> {
    title: Option<&'a str>,
    author: Option<&'a str>,
    date: Option<&'a str>,
    sitename: Option<&'a str>,
    language: Option<&'a str>,
    url: Option<&'a str>,
    description: Option<&'a str>,
    image: Option<&'a str>,
    encoding: &'a str,
    truncated: bool,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    comments: Option<&'a str>,
}

/// Renders the document as one JSON object: the metadata fields, the encoding, the main
/// text, and the comments when they were asked for.
pub fn to_json(doc: &Document) -> String {
    let j = JsonDoc {
        title: doc.title(),
        author: doc.author(),
        date: doc.date(),
        sitename: doc.sitename(),
        language: doc.language(),
        url: doc.url(),
        description: doc.description(),
        image: doc.image(),
        encoding: doc.encoding(),
        truncated: doc.truncated(),
        text: doc.text(),
        comments: doc.comments(),
    };
    serde_json::to_string(&j).unwrap_or_else(|_| "{}".to_string())
}

/// Renders the document in `format`.
pub fn render(doc: &Document, format: Format) -> String {
    match format {
        Format::Text => {
            let mut t = doc.text().to_string();
            if !t.is_empty() {
                t.push('\n');
            }
            t
        }
        Format::Markdown => to_markdown(doc),
        Format::Json => {
            let mut j = to_json(doc);
            j.push('\n');
            j
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(html: &str) -> Document {
        crate::extract(html.as_bytes()).unwrap()
    }

    const PAGE: &str = "<html><head><meta charset=utf-8><title>Guide</title></head><body><article><h1>Guide</h1>
        <p>Install the tool with the package manager of your system, then check the version it prints.</p>
        <h2>Steps</h2><ul><li>Download the archive from the site</li><li>Unpack it into a folder</li></ul>
        <pre>make install\n  --prefix /usr</pre>
        <table><tr><th>OS</th><th>Command</th></tr><tr><td>Debian</td><td>apt install x</td></tr></table>
        <p>After that, the *tool* is ready and you can run it from any terminal window you like.</p>
        </article></body></html>";

    #[test]
    fn markdown_has_structure() {
        let md = to_markdown(&doc(PAGE));
        assert!(md.contains("## Steps\n"), "{md}");
        assert!(md.contains("- Download the archive from the site\n- Unpack it into a folder"));
        assert!(md.contains("```\nmake install\n  --prefix /usr\n```"));
        assert!(md.contains("| OS | Command |\n| --- | --- |\n| Debian | apt install x |"));
        assert!(md.contains("the \\*tool\\* is ready"));
    }

    #[test]
    fn markdown_keeps_links_and_images_when_asked() {
        let html = "<html><head><meta charset=utf-8></head><body><article>
            <p>Read the <a href='/docs/guide'>full guide</a> before you start, it explains every step of the setup in detail.</p>
            <p><img src='pics/a.png' alt='A diagram'> The diagram shows how the parts of the system fit together in the end.</p>
            </article></body></html>";
        let mut ex = crate::Extractor::new();
        ex.url("https://example.com/a/b").links(true).images(true);
        let md = to_markdown(&ex.extract(html.as_bytes()).unwrap());
        assert!(
            md.contains("Read the [full guide](https://example.com/docs/guide) before"),
            "{md}"
        );
        assert!(
            md.contains("![A diagram](https://example.com/a/pics/a.png)"),
            "{md}"
        );
        let plain = to_markdown(&doc(html));
        assert!(plain.contains("Read the full guide before"), "{plain}");
    }

    #[test]
    fn json_holds_metadata_and_text() {
        let v: serde_json::Value = serde_json::from_str(&to_json(&doc(PAGE))).unwrap();
        assert_eq!(v["title"], "Guide");
        assert_eq!(v["encoding"], "UTF-8");
        assert!(v["text"].as_str().unwrap().starts_with("Install the tool"));
        assert!(v.get("comments").is_none());
    }

    #[test]
    fn formats_parse_from_names() {
        assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
        assert!("pdf".parse::<Format>().is_err());
        assert_eq!(render(&doc(PAGE), Format::Text).lines().next(), Some("Install the tool with the package manager of your system, then check the version it prints."));
    }
}
