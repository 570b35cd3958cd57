//! Why each block was kept or dropped: the per-block trace of an extraction and its
//! self-contained HTML report.

use crate::block::{ancestors, Elem};
use crate::classify::{Label, Verdict, Weights};
use crate::document::Document;
use crate::hints;
use crate::walk::Page;

/// Names that say what kind of boilerplate a block outside the container is.
const BOILERPLATE_NAMES: hints::Hints =
    hints::STRONG_BOILERPLATE | hints::FOOTER | hints::SIDEBAR | hints::HEADER;
const OUTSIDE_NAMED: &str = "outside the article's container, in an element named as boilerplate";

/// Most signals shown as the evidence for the page's type.
const PAGE_TYPE_EVIDENCE_SHOWN: usize = 6;
/// Most ancestors named in a block's path.
const PATH_MAX_DEPTH: usize = 6;

/// One text block of the page and the decision on it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct BlockDecision {
    /// Its text.
    pub text: String,
    /// What it is: `paragraph`, `heading`, `list-item`, `code`, `table-row` or `caption`.
    pub kind: &'static str,
    /// Whether it is in the main text.
    pub kept: bool,
    /// Its label: `content`, or the kind of boilerplate or the rule that dropped it
    /// (`navigation`, `comment`, `share`, `link-list`, `outside-article`, ...).
    pub label: &'static str,
    /// The rule behind the label, in words.
    pub reason: &'static str,
    /// Its score: its contribution to the score of every element that holds it.
    pub score: f32,
    /// Its characters, whitespace left out.
    pub chars: u32,
    /// Its length weighted for scripts written without spaces.
    pub weighted_len: f32,
    /// The share of its characters inside links.
    pub link_density: f32,
    /// Whether it reads as prose (long enough, few links, sentences).
    pub prose: bool,
    /// The boilerplate or content names on its ancestors (`comment`, `navigation`, ...).
    pub hints: Vec<&'static str>,
    /// Its innermost ancestors, outermost first (`article > div[content] > p`).
    pub path: String,
    /// Whether it lies inside the element chosen as the article's container.
    pub in_container: bool,
}

/// An extraction with the decision on every block of the page.
#[derive(Debug, Clone)]
pub struct Explanation {
    /// The extraction itself.
    pub document: Document,
    /// Every text block of the page, in document order.
    pub blocks: Vec<BlockDecision>,
    /// The path of the element chosen as the article's container.
    pub container: String,
    /// Which fallback chose the text, if one did: `whole-page` or `json-ld`.
    pub fallback: Option<&'static str>,
    /// The evidence for the page's type ([`Document::page_type`]), strongest first; none
    /// when the caller gave the type ([`crate::Extractor::page_type`]) or the page says
    /// nothing of itself (an article).
    pub page_type_evidence: Vec<crate::page_type::Evidence>,
}

impl Explanation {
    /// The explanation as one self-contained HTML page (no network, no external files): a
    /// summary (title, metadata, confidence, what was kept), a legend, and every block
    /// coloured by its label with its score, features and rule.
    pub fn report(&self) -> String {
        report(self)
    }

    /// How many blocks were kept.
    pub fn kept_blocks(&self) -> usize {
        self.blocks.iter().filter(|b| b.kept).count()
    }

    /// The kept blocks' texts, in page order.
    pub fn kept_texts(&self) -> Vec<&str> {
        self.blocks
            .iter()
            .filter(|b| b.kept)
            .map(|b| b.text.as_str())
            .collect()
    }

    /// How many characters (whitespace left out) the kept blocks hold.
    pub fn kept_chars(&self) -> u64 {
        self.blocks
            .iter()
            .filter(|b| b.kept)
            .map(|b| b.chars as u64)
            .sum()
    }
}

/// The path of element `e`: its innermost ancestors, each as `tag` or `tag[hint]`.
pub(crate) fn path_of(elems: &[Elem], e: u32) -> String {
    // element 0 is the walk's own root, not one of the page's
    let chain: Vec<u32> = ancestors(elems, e)
        .take_while(|&a| a != 0)
        .take(PATH_MAX_DEPTH + 1)
        .collect();
    let mut parts: Vec<String> = chain
        .iter()
        .take(PATH_MAX_DEPTH)
        .map(|&a| {
            let el = &elems[a as usize];
            match hints::kind_name(el.hints & !hints::HIDDEN) {
                "" => el.tag.name().to_string(),
                hint => format!("{}[{hint}]", el.tag.name()),
            }
        })
        .collect();
    if chain.len() > PATH_MAX_DEPTH {
        parts.push("…".into());
    }
    if parts.is_empty() {
        parts.push("(the whole page)".into());
    }
    parts.reverse();
    parts.join(" > ")
}

/// The decisions on `blocks`, from the classifier's labels and scores.
pub(crate) fn decisions(page: &Page, verdict: &Verdict, w: &Weights) -> Vec<BlockDecision> {
    let (elems, labels, scores) = (&page.elems, &verdict.labels, &verdict.scores);
    let c = &elems[verdict.container as usize];
    page.blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            // outside the container, a boilerplate name says more than "outside"
            let named = hints::kind_name(b.hints & BOILERPLATE_NAMES);
            let (label, reason) = if labels[i] == Label::OutsideArticle && !named.is_empty() {
                (named, OUTSIDE_NAMED)
            } else {
                (labels[i].name(), labels[i].reason())
            };
            BlockDecision {
                text: b.text.to_string(),
                kind: b.kind.name(),
                kept: labels[i].is_content(),
                label,
                reason,
                score: scores[i],
                chars: b.stats.chars,
                weighted_len: b.stats.weighted_len(),
                link_density: b.link_density(),
                prose: w.is_prose(b),
                hints: hints::kind_names(b.hints & !hints::HIDDEN),
                path: path_of(elems, b.elem),
                in_container: (c.blocks.0..c.blocks.1).contains(&(i as u32)),
            }
        })
        .collect()
}

/// One line per block for `GLEANER_DEBUG`: its index, label, score, element, hints, link
/// density, kind and text (the first 90 characters, or all of it when `full`).
pub(crate) fn debug_lines(page: &Page, verdict: &Verdict, full: bool) -> String {
    use std::fmt::Write;
    let mut out = format!(
        "container elem {} fallback {}\n",
        verdict.container, verdict.fallback
    );
    for (i, b) in page.blocks.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>4} {:<16} {:>7.1} e{:<5} {:<10} ld{:.2} {:?} {:?}",
            i,
            verdict.labels[i].name(),
            verdict.scores[i],
            b.elem,
            hints::kind_name(b.hints),
            b.link_density(),
            b.kind,
            if full {
                b.text.to_string()
            } else {
                b.text.chars().take(90).collect::<String>()
            }
        );
    }
    out
}

/// `s` escaped for HTML text and double-quoted attributes.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    // writing to a String cannot fail
    let _ = pulldown_cmark_escape::escape_html(&mut o, s);
    o
}

/// The colour of a label in the report.
fn colour(label: &str) -> &'static str {
    match label {
        "content" => "#2e7d32",
        "title" => "#1565c0",
        "outside-article" => "#9e9e9e",
        "link-list" | "navigation" => "#ef6c00",
        "comment" => "#6a1b9a",
        "share" | "newsletter" | "cookie" | "modal" | "ad" => "#c62828",
        "related" | "tags" | "sidebar" | "footer" | "header" => "#ad1457",
        "caption" => "#00838f",
        "short-edge" | "stock-phrase" | "byline" => "#795548",
        _ => "#5d4037",
    }
}

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:0;background:#fafafa;color:#222}
header{background:#263238;color:#fff;padding:14px 24px}h1{font-size:20px;margin:0 0 6px}
table.meta{border-collapse:collapse;margin:6px 0}table.meta td{padding:1px 14px 1px 0;vertical-align:top}
.legend span{display:inline-block;margin:2px 6px 2px 0;padding:1px 8px;border-radius:3px;color:#fff;font-size:12px}
.map{display:flex;flex-wrap:wrap;gap:2px;margin:8px 0 2px}.map a{display:block;width:9px;height:16px;border-radius:1px}
.map a.dropped{opacity:.55;height:10px;margin-top:6px}
main{padding:8px 24px}.block{border-left:6px solid;margin:4px 0;padding:4px 10px;background:#fff;
box-shadow:0 1px 2px rgba(0,0,0,.08)}.block .t{white-space:pre-wrap}
.block.dropped{opacity:.7;font-size:12.5px;padding:2px 10px}
.block .f{font:11.5px/1.4 ui-monospace,monospace;color:#666}.lab{font-weight:600}
main.kept-only .block.dropped{display:none}label.toggle{font-size:13px}";

/// Writes the explanation as one self-contained HTML page: a summary (title, metadata,
/// confidence, what was kept), a legend, and every block coloured by its label with its
/// score, features and rule. A small script counts the blocks the browser rendered into
/// `#rendered-kept` and `#rendered-total`, so a test can check what a browser shows.
pub(crate) fn report(ex: &Explanation) -> String {
    let d = &ex.document;
    let mut o = String::with_capacity(4096 + ex.blocks.len() * 400);
    o.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>gleaner explain: ",
    );
    o.push_str(&esc(d.title().unwrap_or("(no title)")));
    o.push_str("</title><style>");
    o.push_str(STYLE);
    o.push_str("</style></head><body><header><h1>");
    o.push_str(&esc(d.title().unwrap_or("(no title)")));
    o.push_str("</h1><table class=\"meta\">");
    let kept_chars = ex.kept_chars();
    let total_chars: u64 = ex.blocks.iter().map(|b| b.chars as u64).sum();
    // the evidence for the page's type: the strongest few signals, with the type each
    // speaks for
    let evidence: Vec<String> = ex
        .page_type_evidence
        .iter()
        .take(PAGE_TYPE_EVIDENCE_SHOWN)
        .map(|e| format!("{} ({} {:+.2})", e.signal, e.page_type.name(), e.weight))
        .collect();
    let rows: [(&str, String); 13] = [
        (
            "page type",
            if evidence.is_empty() {
                d.page_type().name().to_string()
            } else {
                format!("{} — {}", d.page_type().name(), evidence.join("; "))
            },
        ),
        ("author", d.author().unwrap_or("").to_string()),
        ("date", d.date().unwrap_or("").to_string()),
        ("site", d.sitename().unwrap_or("").to_string()),
        ("language", d.language().unwrap_or("").to_string()),
        ("url", d.url().unwrap_or("").to_string()),
        ("encoding", d.encoding().to_string()),
        ("confidence", format!("{:.2}", d.confidence())),
        (
            "kept blocks",
            format!(
                "<span id=\"kept-blocks\" class=\"kept-n\">{}</span> of <span id=\"total-blocks\">{}</span>",
                ex.kept_blocks(),
                ex.blocks.len()
            ),
        ),
        (
            "kept characters",
            format!("<span id=\"kept-chars\">{kept_chars}</span> of {total_chars}"),
        ),
        ("container", esc(&ex.container)),
        ("fallback", ex.fallback.unwrap_or("none").to_string()),
        (
            "rendered",
            "<span id=\"rendered-kept\">?</span> kept of <span id=\"rendered-total\">?</span> blocks"
                .to_string(),
        ),
    ];
    for (k, v) in rows {
        let v = if matches!(
            k,
            "kept blocks" | "kept characters" | "container" | "rendered"
        ) {
            v
        } else {
            esc(&v)
        };
        o.push_str(&format!("<tr><td>{k}</td><td>{v}</td></tr>"));
    }
    o.push_str("</table><div class=\"legend\">");
    let mut seen: Vec<&str> = Vec::new();
    for b in &ex.blocks {
        if !seen.contains(&b.label) {
            seen.push(b.label);
        }
    }
    for l in seen {
        o.push_str(&format!(
            "<span style=\"background:{}\">{}</span>",
            colour(l),
            esc(l)
        ));
    }
    o.push_str("</div><div class=\"map\" title=\"every block in page order\">");
    for (i, b) in ex.blocks.iter().enumerate() {
        o.push_str(&format!(
            "<a href=\"#b{i}\" class=\"{}\" style=\"background:{}\" title=\"{}\"></a>",
            if b.kept { "kept" } else { "dropped" },
            colour(b.label),
            esc(b.label)
        ));
    }
    o.push_str("</div><label class=\"toggle\"><input type=\"checkbox\" onchange=\"document.querySelector('main').classList.toggle('kept-only',this.checked)\"> kept blocks only</label></header><main>");
    for (i, b) in ex.blocks.iter().enumerate() {
        o.push_str(&format!(
            "<div class=\"block {}\" id=\"b{i}\" data-label=\"{}\" data-chars=\"{}\" style=\"border-color:{}\">",
            if b.kept { "kept" } else { "dropped" },
            esc(b.label),
            b.chars,
            colour(b.label)
        ));
        o.push_str(&format!(
            "<div class=\"f\"><span class=\"lab\" style=\"color:{}\">{}</span> · {} · score {:.1} · {} chars · links {:.2}{}{} — {}</div>",
            colour(b.label),
            esc(b.label),
            b.kind,
            b.score,
            b.chars,
            b.link_density,
            if b.prose { " · prose" } else { "" },
            if b.in_container { " · in container" } else { "" },
            esc(b.reason)
        ));
        o.push_str("<div class=\"t\">");
        o.push_str(&esc(&b.text));
        o.push_str("</div><div class=\"f\">");
        o.push_str(&esc(&b.path));
        if !b.hints.is_empty() {
            o.push_str(" · names: ");
            o.push_str(&esc(&b.hints.join(", ")));
        }
        o.push_str("</div></div>\n");
    }
    o.push_str("</main><script>document.getElementById('rendered-kept').textContent=document.querySelectorAll('main .block.kept').length;document.getElementById('rendered-total').textContent=document.querySelectorAll('main .block').length;</script></body></html>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Extractor;

    const PAGE: &str = r#"<html><head><title>Dam opens</title></head><body>
        <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
        <article><h1>Dam opens</h1>
        <p>The new dam on the upper river opened on Friday after six years of building, and its gates were raised for the first time.</p>
        <p>Engineers said the reservoir would take two winters to fill, and the power station will reach full output after that.</p>
        </article><div class="share">Share this on <a href="/fb">Facebook</a></div>
        <div id="comments"><p>What a waste of <script>x</script>money, said <b>nobody</b> in the village.</p></div></body></html>"#;

    #[test]
    fn every_block_has_a_decision_that_matches_the_document() {
        let ex = Extractor::new().explain(PAGE.as_bytes()).unwrap();
        assert_eq!(ex.kept_blocks(), ex.document.blocks().len());
        let kept = ex.kept_texts();
        let doc_texts: Vec<&str> = ex
            .document
            .blocks()
            .iter()
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(kept, doc_texts);
        let label = |t: &str| {
            ex.blocks
                .iter()
                .find(|b| b.text.starts_with(t))
                .map(|b| b.label)
        };
        assert_eq!(label("Home"), Some("navigation"));
        assert_eq!(label("Dam opens"), Some("title"));
        assert_eq!(label("Share this"), Some("share"));
        assert_eq!(label("What a waste"), Some("comment"));
        assert_eq!(ex.container, "html > body > article[content]");
        let b = ex.blocks.iter().find(|b| b.kept).unwrap();
        assert!(b.prose && b.in_container && b.score > 0.0);
    }

    #[test]
    fn report_is_escaped_and_counts_blocks() {
        let ex = Extractor::new()
            .explain(b"<title>a <b> & c</title><p>The <script>alert(1)</script> text &lt;script&gt; of a paragraph that is long enough to count as prose, surely.</p>")
            .unwrap();
        let html = report(&ex);
        assert!(html.contains("text &lt;script&gt; of"));
        assert!(!html.contains("<script>alert"));
        assert_eq!(html.matches("<script>").count(), 1);
        assert!(html.contains(&format!(
            "id=\"kept-blocks\" class=\"kept-n\">{}<",
            ex.kept_blocks()
        )));
        assert_eq!(
            html.matches("class=\"block kept\"").count(),
            ex.kept_blocks()
        );
    }
}
