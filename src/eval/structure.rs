//! The Markdown structure metric, as `tools/structure_score.py` defines it: the code blocks,
//! tables, headings and list items of the page whose words are in the gold text, matched
//! against those of an extractor's Markdown (CommonMark with tables).
//!
//! - **Gold.** Each outermost `<pre>` whose code text (its outermost `<code>` elements'
//!   text when they hold half its characters, else its own) has two lines or 40
//!   characters and 80% of its words in the gold; each outermost `<table>` without a
//!   nested one, of two rows or more, one of them with two cells, 80% of its words in the
//!   gold; each `h1`-`h6` whose text (two characters or more) is in the gold; each
//!   innermost `<li>` whose text (three words or more) is in the gold. Texts are NFKC,
//!   lower case, whitespace collapsed; an element's text is as rendered (blocks and `<br>`
//!   on lines of their own, cells apart by tabs, scripts and styles left out).
//! - **Output.** Fenced and indented code blocks, tables (rows of cell texts), headings,
//!   and list items (the text of the paragraphs right inside each item) of the Markdown;
//!   inline text is text and code spans, line breaks as spaces, images and raw HTML left
//!   out.
//! - **Scores.** Code recall: per gold `<pre>`, the best share of its lines (a multiset)
//!   found in one output block; code precision: the share of output blocks holding half of
//!   some gold `<pre>`'s lines (pages with gold code only). A table matches when its row
//!   count is within one and it holds 80% of the gold table's words. Headings match
//!   exactly; a list item matches when some output item holds its text. Each score is a
//!   mean over the pages that have gold elements of its kind.
//!
//! Where this differs from the script: the page is decoded by gleaner's decoder and parsed
//! by html5ever (the script lets lxml decode and parse), and the Markdown is parsed by
//! pulldown-cmark (the script uses markdown-it-py).

use std::collections::HashMap;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::metrics::tokens;
use crate::dom::{Dom, NodeId, Ns, View, DOCUMENT};

/// Least share of a gold element's words found in the gold text.
const GOLD_COVERAGE: f64 = 0.8;
/// Least non-empty lines of a gold `<pre>` (or [`GOLD_PRE_MIN_CHARS`]).
const GOLD_PRE_MIN_LINES: usize = 2;
/// Least characters of a gold `<pre>` of one line.
const GOLD_PRE_MIN_CHARS: usize = 40;
/// Least share of a `<pre>`'s characters its `<code>` elements hold to be its code text.
const CODE_TEXT_SHARE: f64 = 0.5;
/// Least share of a gold `<pre>`'s lines an output block holds to count as its match.
const CODE_HIT_SHARE: f64 = 0.5;
/// Most rows an output table may differ by from the gold table it matches.
const TABLE_ROW_SLACK: usize = 1;
/// Least characters of a gold heading.
const GOLD_HEADING_MIN_CHARS: usize = 2;
/// Least words of a gold list item.
const GOLD_ITEM_MIN_WORDS: usize = 3;

/// A multiset of strings.
type Bag = HashMap<String, u32>;

/// The structure of one page's gold.
#[derive(Debug, Default)]
struct Gold {
    /// Each gold `<pre>`: its normalised non-empty lines.
    code: Vec<Bag>,
    /// Each gold table: its rows and its words.
    tables: Vec<(usize, Bag)>,
    headings: Vec<String>,
    items: Vec<String>,
}

/// The structure of one page's Markdown.
#[derive(Debug, Default)]
struct Output {
    /// Each code block's normalised non-empty lines.
    code: Vec<Bag>,
    /// Each table's rows and words.
    tables: Vec<(usize, Bag)>,
    headings: Vec<String>,
    items: Vec<String>,
    links: u32,
    absolute_links: u32,
}

/// One page's structure scores; a kind is `None` where the gold has none of it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StructureScore {
    /// Code recall, precision (`None` without output blocks), gold `<pre>` count and
    /// output block count.
    pub code: Option<(f64, Option<f64>, usize, usize)>,
    /// Table recall, precision (`None` without output tables) and gold table count.
    pub tables: Option<(f64, Option<f64>, usize)>,
    /// Gold headings found, of all.
    pub headings: Option<(usize, usize)>,
    /// Gold list items found, of all.
    pub items: Option<(usize, usize)>,
    /// Links in the Markdown, and those with an absolute `http(s)` target.
    pub links: (u32, u32),
}

impl StructureScore {
    /// The mean of the page's recalls (code, tables, headings, list items) over the kinds
    /// its gold has: how much of its structure the Markdown kept.
    pub fn kept(&self) -> Option<f64> {
        let ratio = |(f, n): (usize, usize)| f as f64 / n as f64;
        let r = [
            self.code.map(|c| c.0),
            self.tables.map(|t| t.0),
            self.headings.map(ratio),
            self.items.map(ratio),
        ];
        let r: Vec<f64> = r.into_iter().flatten().collect();
        (!r.is_empty()).then(|| r.iter().sum::<f64>() / r.len() as f64)
    }

    /// How many of the gold's elements the Markdown lost: code blocks and tables by
    /// their recall, headings and list items one by one.
    pub fn lost(&self) -> f64 {
        let missed = |(f, n): (usize, usize)| (n - f) as f64;
        self.code.map_or(0.0, |c| (1.0 - c.0) * c.2 as f64)
            + self.tables.map_or(0.0, |t| (1.0 - t.0) * t.2 as f64)
            + self.headings.map_or(0.0, missed)
            + self.items.map_or(0.0, missed)
    }
}

/// `s` in NFKC, lower case, whitespace runs as one space, trimmed.
fn norm(s: &str) -> String {
    let nfkc = icu_normalizer::ComposingNormalizerBorrowed::new_nfkc().normalize(s);
    let lower = nfkc.to_lowercase();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of `s` as a multiset.
fn word_bag(s: &str) -> Bag {
    let mut b = Bag::new();
    for w in tokens(s) {
        *b.entry(w.to_string()).or_default() += 1;
    }
    b
}

fn size(b: &Bag) -> u32 {
    b.values().sum()
}

/// How many of the multiset `part` are in `whole`.
fn overlap(part: &Bag, whole: &Bag) -> u32 {
    part.iter()
        .map(|(w, &n)| n.min(whole.get(w).copied().unwrap_or(0)))
        .sum()
}

/// The share of `part` found in `whole`; `None` when `part` is empty.
fn covered(part: &Bag, whole: &Bag) -> Option<f64> {
    let n = size(part);
    (n > 0).then(|| f64::from(overlap(part, whole)) / f64::from(n))
}

/// The normalised non-empty lines of `text`, as a multiset.
fn line_bag(text: &str) -> Bag {
    let mut b = Bag::new();
    for l in text.lines().map(norm).filter(|l| !l.is_empty()) {
        *b.entry(l).or_default() += 1;
    }
    b
}

/// Elements that start and end a line in an element's rendered text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "tfoot"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// The local name of node `n` when it is an HTML element.
fn name_of(dom: &Dom, n: NodeId) -> Option<&str> {
    match dom.view(n) {
        View::Element(e, _) if e.ns == Ns::Html => Some(&e.name),
        _ => None,
    }
}

/// The rendered text of `node`: text in order, a line break for `<br>` and around block
/// elements, a tab around table cells, scripts, styles and templates left out.
fn rendered_text(dom: &Dom, node: NodeId) -> String {
    let mut out = String::new();
    // (node, entering); leaving an element closes its line or cell
    let mut stack = vec![(node, true)];
    while let Some((n, enter)) = stack.pop() {
        if let Some(t) = dom.text(n) {
            out.push_str(t);
            continue;
        }
        let name = name_of(dom, n).unwrap_or("");
        if matches!(name, "script" | "style" | "template") {
            continue;
        }
        let mark = if is_block(name) {
            "\n"
        } else if matches!(name, "td" | "th") {
            "\t"
        } else {
            ""
        };
        if !enter {
            out.push_str(mark);
            continue;
        }
        if name == "br" {
            out.push('\n');
        }
        out.push_str(mark);
        stack.push((n, false));
        stack.extend(dom.children_rev(n).map(|c| (c, true)));
    }
    out
}

/// The elements named `name` at or under `node`, in document order, not looking inside
/// those found.
fn outermost(dom: &Dom, node: NodeId, name: &str) -> Vec<NodeId> {
    let mut found = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if name_of(dom, n) == Some(name) {
            found.push(n);
            continue;
        }
        stack.extend(dom.children_rev(n));
    }
    found
}

/// Whether some element under `node` (not `node` itself) is named `name`.
fn has_descendant(dom: &Dom, node: NodeId, name: &str) -> bool {
    dom.children(node)
        .any(|c| !outermost(dom, c, name).is_empty())
}

/// The code text of a `<pre>`: its outermost `<code>` elements' text, joined by line
/// breaks, when it holds [`CODE_TEXT_SHARE`] of the `<pre>`'s characters; else the
/// `<pre>`'s own text.
fn code_text(dom: &Dom, pre: NodeId) -> String {
    let full = rendered_text(dom, pre);
    let codes = outermost(dom, pre, "code");
    if codes.is_empty() {
        return full;
    }
    let code = codes
        .iter()
        .map(|&c| rendered_text(dom, c))
        .collect::<Vec<_>>()
        .join("\n");
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count() as f64;
    if visible(&code) >= CODE_TEXT_SHARE * visible(&full) {
        code
    } else {
        full
    }
}

/// The gold structure of a page (`html` decoded) whose gold text is `gold_text`.
fn gold(html: &str, gold_text: &str) -> Gold {
    let dom = crate::dom::parse_whole(html);
    let g_norm = norm(gold_text);
    let g_words = word_bag(&g_norm);
    let mut g = Gold::default();
    let in_gold =
        |text: &str| covered(&word_bag(&norm(text)), &g_words).is_some_and(|c| c >= GOLD_COVERAGE);
    for pre in outermost(&dom, DOCUMENT, "pre") {
        let text = code_text(&dom, pre);
        let lines = line_bag(&text);
        let long = size(&lines) as usize >= GOLD_PRE_MIN_LINES
            || text.trim().chars().count() >= GOLD_PRE_MIN_CHARS;
        if long && in_gold(&text) {
            g.code.push(lines);
        }
    }
    for table in outermost(&dom, DOCUMENT, "table") {
        if has_descendant(&dom, table, "table") {
            continue;
        }
        let rows = tr_elements(&dom, table);
        let wide = rows.iter().any(|&r| {
            dom.children(r)
                .filter(|&c| matches!(name_of(&dom, c), Some("td" | "th")))
                .count()
                >= 2
        });
        let text = rendered_text(&dom, table);
        if rows.len() >= 2 && wide && in_gold(&text) {
            g.tables.push((rows.len(), word_bag(&norm(&text))));
        }
    }
    let mut stack = vec![DOCUMENT];
    while let Some(n) = stack.pop() {
        stack.extend(dom.children_rev(n));
        match name_of(&dom, n) {
            Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                let t = norm(&rendered_text(&dom, n));
                if t.chars().count() >= GOLD_HEADING_MIN_CHARS && g_norm.contains(&t) {
                    g.headings.push(t);
                }
            }
            Some("li") if !has_descendant(&dom, n, "li") => {
                let t = norm(&rendered_text(&dom, n));
                if tokens(&t).count() >= GOLD_ITEM_MIN_WORDS && g_norm.contains(&t) {
                    g.items.push(t);
                }
            }
            _ => {}
        }
    }
    g
}

/// Every `<tr>` under `table`.
fn tr_elements(dom: &Dom, table: NodeId) -> Vec<NodeId> {
    let mut rows = Vec::new();
    let mut stack: Vec<NodeId> = dom.children_rev(table).collect();
    while let Some(n) = stack.pop() {
        if name_of(dom, n) == Some("tr") {
            rows.push(n);
        }
        stack.extend(dom.children_rev(n));
    }
    rows
}

/// What the parser of the Markdown is inside of.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    Item,
    Paragraph,
    Heading,
    Cell,
    Code,
    Image,
    Other,
}

/// The structure of a page's Markdown.
fn output(md: &str) -> Output {
    let mut o = Output::default();
    let mut open: Vec<Open> = Vec::new();
    // the open list items' paragraph texts, innermost last
    let mut items: Vec<Vec<String>> = Vec::new();
    let mut inline = String::new();
    let mut code = String::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    for e in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match e {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Item => {
                        items.push(Vec::new());
                        Open::Item
                    }
                    Tag::Paragraph => Open::Paragraph,
                    Tag::Heading { .. } => Open::Heading,
                    Tag::TableCell => Open::Cell,
                    Tag::CodeBlock(_) => Open::Code,
                    Tag::Image { .. } => Open::Image,
                    Tag::Link { .. } => {
                        o.links += 1;
                        if let Tag::Link { dest_url, .. } = &tag {
                            let d = dest_url.trim().to_ascii_lowercase();
                            if d.starts_with("http://") || d.starts_with("https://") {
                                o.absolute_links += 1;
                            }
                        }
                        continue;
                    }
                    Tag::Table(_) => {
                        table.clear();
                        Open::Other
                    }
                    Tag::TableHead | Tag::TableRow => {
                        row.clear();
                        Open::Other
                    }
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough => continue,
                    _ => Open::Other,
                };
                if matches!(kind, Open::Paragraph | Open::Heading | Open::Cell) {
                    inline.clear();
                }
                if kind == Open::Code {
                    code.clear();
                }
                // a tight list item's text stands in it without a paragraph
                if kind != Open::Image && open.last() == Some(&Open::Item) && kind != Open::Item {
                    flush_tight(&mut items, &mut inline);
                }
                open.push(kind);
            }
            Event::End(tag) => {
                if matches!(
                    tag,
                    TagEnd::Link | TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough
                ) {
                    continue;
                }
                let kind = open.pop().unwrap_or(Open::Other);
                match (kind, tag) {
                    (Open::Paragraph, _) => {
                        // a paragraph right inside a list item is its text
                        if open.last() == Some(&Open::Item) {
                            if let Some(it) = items.last_mut() {
                                it.push(std::mem::take(&mut inline));
                            }
                        }
                        inline.clear();
                    }
                    (Open::Heading, _) => o.headings.push(norm(&std::mem::take(&mut inline))),
                    (Open::Cell, _) => row.push(std::mem::take(&mut inline)),
                    (Open::Code, _) => o.code.push(line_bag(&code)),
                    (Open::Item, _) => {
                        flush_tight(&mut items, &mut inline);
                        if let Some(it) = items.pop() {
                            o.items.push(norm(&it.join(" ")));
                        }
                    }
                    (_, TagEnd::TableHead | TagEnd::TableRow) => {
                        table.push(std::mem::take(&mut row));
                    }
                    (_, TagEnd::Table) => {
                        let words = word_bag(&norm(
                            &table
                                .iter()
                                .flatten()
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(" "),
                        ));
                        o.tables.push((table.len(), words));
                    }
                    _ => {}
                }
            }
            Event::Text(t) | Event::Code(t) => match open.last() {
                Some(Open::Code) => code.push_str(&t),
                Some(Open::Image) => {}
                _ => inline.push_str(&t),
            },
            Event::SoftBreak | Event::HardBreak if open.last() != Some(&Open::Image) => {
                inline.push(' ');
            }
            _ => {}
        }
    }
    o
}

/// The text of a tight list item so far, which stands in it without a paragraph.
fn flush_tight(items: &mut [Vec<String>], inline: &mut String) {
    if !inline.trim().is_empty() {
        if let Some(it) = items.last_mut() {
            it.push(std::mem::take(inline));
        }
    }
    inline.clear();
}

/// Whether output table `o` matches gold table `g`.
fn table_match(g: &(usize, Bag), o: &(usize, Bag)) -> bool {
    g.0.abs_diff(o.0) <= TABLE_ROW_SLACK && covered(&g.1, &o.1).is_some_and(|c| c >= GOLD_COVERAGE)
}

/// Scores the Markdown `md` against the structure of `html` (the page, decoded) whose gold
/// text is `gold_text`.
pub fn structure_score(html: &str, gold_text: &str, md: &str) -> StructureScore {
    let g = gold(html, gold_text);
    let o = output(md);
    let mut s = StructureScore {
        links: (o.links, o.absolute_links),
        ..Default::default()
    };
    if !g.code.is_empty() {
        let recall = g
            .code
            .iter()
            .map(|l| {
                let n = f64::from(size(l));
                o.code
                    .iter()
                    .map(|b| f64::from(overlap(l, b)) / n)
                    .fold(0.0, f64::max)
            })
            .sum::<f64>()
            / g.code.len() as f64;
        let hits = o
            .code
            .iter()
            .filter(|b| {
                g.code
                    .iter()
                    .any(|l| f64::from(overlap(l, b)) >= CODE_HIT_SHARE * f64::from(size(l)))
            })
            .count();
        let precision = (!o.code.is_empty()).then(|| hits as f64 / o.code.len() as f64);
        s.code = Some((recall, precision, g.code.len(), o.code.len()));
    }
    if !g.tables.is_empty() {
        let found = g
            .tables
            .iter()
            .filter(|t| o.tables.iter().any(|x| table_match(t, x)))
            .count();
        let right = o
            .tables
            .iter()
            .filter(|x| g.tables.iter().any(|t| table_match(t, x)))
            .count();
        let precision = (!o.tables.is_empty()).then(|| right as f64 / o.tables.len() as f64);
        s.tables = Some((
            found as f64 / g.tables.len() as f64,
            precision,
            g.tables.len(),
        ));
    }
    if !g.headings.is_empty() {
        let found = g.headings.iter().filter(|h| o.headings.contains(h)).count();
        s.headings = Some((found, g.headings.len()));
    }
    if !g.items.is_empty() {
        let found = g
            .items
            .iter()
            .filter(|i| o.items.iter().any(|x| x.contains(i.as_str())))
            .count();
        s.items = Some((found, g.items.len()));
    }
    s
}

/// The structure scores of a set of pages, as the script sums them up.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StructureSummary {
    /// Code precision, recall, F1 and output blocks per gold `<pre>`.
    pub code: Option<(f64, f64, f64, f64)>,
    /// Table precision and recall.
    pub tables: Option<(Option<f64>, f64)>,
    /// Heading recall.
    pub headings: Option<f64>,
    /// List item recall.
    pub items: Option<f64>,
    /// The share of links whose target is absolute.
    pub absolute_links: Option<f64>,
    /// Pages (and gold elements) of each kind: code, tables, headings, list items.
    pub counts: [(usize, usize); 4],
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// Sums up the scores of pages.
pub fn summarize<'a>(pages: impl Iterator<Item = &'a StructureScore>) -> Option<StructureSummary> {
    let (mut cr, mut cp, mut tr, mut tp, mut hr, mut lr) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut pres, mut blocks, mut links, mut absolute) = (0, 0, 0u64, 0u64);
    let mut counts = [(0, 0); 4];
    let mut any = false;
    for s in pages {
        any = true;
        links += u64::from(s.links.0);
        absolute += u64::from(s.links.1);
        if let Some((r, p, g, o)) = s.code {
            cr.push(r);
            cp.extend(p);
            pres += g;
            blocks += o;
            counts[0].0 += 1;
            counts[0].1 += g;
        }
        if let Some((r, p, g)) = s.tables {
            tr.push(r);
            tp.extend(p);
            counts[1].0 += 1;
            counts[1].1 += g;
        }
        if let Some((f, n)) = s.headings {
            hr.push(f as f64 / n as f64);
            counts[2].0 += 1;
            counts[2].1 += n;
        }
        if let Some((f, n)) = s.items {
            lr.push(f as f64 / n as f64);
            counts[3].0 += 1;
            counts[3].1 += n;
        }
    }
    if !any {
        return None;
    }
    let code = mean(&cr).map(|r| {
        let p = mean(&cp).unwrap_or(0.0);
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f1, blocks as f64 / pres as f64)
    });
    Some(StructureSummary {
        code,
        tables: mean(&tr).map(|r| (mean(&tp), r)),
        headings: mean(&hr),
        items: mean(&lr),
        absolute_links: (links > 0).then(|| absolute as f64 / links as f64),
        counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><body><nav><ul><li>Home of the site</li></ul></nav><article>
        <h1>Install</h1><p>Run the commands below in order.</p>
        <pre><code>make build\nmake install</code><button>Copy</button></pre>
        <table><tr><th>OS</th><th>Command</th></tr><tr><td>Debian</td><td>apt install x</td></tr></table>
        <ul><li>check the version it prints</li></ul></article></body></html>";
    const GOLD: &str = "Install\nRun the commands below in order.\nmake build\nmake install\nOS Command\nDebian apt install x\ncheck the version it prints";

    #[test]
    fn the_whole_structure_scores_one() {
        let md = "# Install\n\nRun the commands below in order.\n\n```\nmake build\nmake install\n```\n\n| OS | Command |\n| --- | --- |\n| Debian | apt install x |\n\n- check the version it prints\n";
        let s = structure_score(PAGE, GOLD, md);
        assert_eq!(s.code, Some((1.0, Some(1.0), 1, 1)));
        assert_eq!(s.tables, Some((1.0, Some(1.0), 1)));
        assert_eq!(s.headings, Some((1, 1)));
        assert_eq!(s.items, Some((1, 1)));
        assert_eq!(s.kept(), Some(1.0));
    }

    #[test]
    fn lost_structure_scores_less() {
        // one fence per line, the table as paragraphs, the item as a paragraph
        let md = "Install\n\n```\nmake build\n```\n\n```\nmake install\n```\n\nOS Command\n\nDebian apt install x\n\ncheck the version it prints\n";
        let s = structure_score(PAGE, GOLD, md);
        assert_eq!(s.code, Some((0.5, Some(1.0), 1, 2)));
        assert_eq!(s.tables, Some((0.0, None, 1)));
        assert_eq!(s.headings, Some((0, 1)));
        assert_eq!(s.items, Some((0, 1)));
        let sum = summarize([s].iter()).unwrap();
        assert_eq!(sum.code, Some((1.0, 0.5, 2.0 / 3.0, 2.0)));
    }

    #[test]
    fn tight_and_loose_items_and_links_are_read() {
        let o = output("- one [two](https://x.org/a) three\n- four\n\n  five six\n\n  - nested item here\n\n[rel](/a)");
        let mut items = o.items.clone();
        items.sort();
        assert_eq!(
            items,
            ["four five six", "nested item here", "one two three"]
        );
        assert_eq!((o.links, o.absolute_links), (2, 1));
    }
}
