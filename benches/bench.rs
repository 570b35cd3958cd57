//! gleaner's benchmarks over real pages of `corpus/scrapinghub`: one group per stage, the
//! parse-only baseline, and end to end. Every figure is a throughput in bytes of HTML.
//!
//! `cargo bench` runs them all; `cargo bench -- extract` one group.

use std::io::Read;
use std::path::Path;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{NodeData, RcDom};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

/// The corpus pages, decompressed, sorted by size.
fn pages() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/scrapinghub/pages");
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let raw = std::fs::read(e.path()).unwrap();
            let mut html = Vec::new();
            flate2::read::GzDecoder::new(&raw[..])
                .read_to_end(&mut html)
                .unwrap();
            (e.file_name().to_string_lossy()[..12].to_string(), html)
        })
        .collect();
    v.sort_by_key(|(_, h)| h.len());
    v
}

/// The reference figure: html5ever into markup5ever_rcdom, then one explicit-stack walk
/// that touches every text node (the figure other Rust extractors build on).
fn parse_rcdom(html: &str) -> usize {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut stack = vec![dom.document.clone()];
    let mut bytes = 0;
    while let Some(node) = stack.pop() {
        if let NodeData::Text { contents } = &node.data {
            bytes += contents.borrow().len();
        }
        stack.extend(node.children.borrow().iter().cloned());
    }
    bytes
}

/// The small (10th percentile), median and large (90th percentile) pages.
fn picks(all: &[(String, Vec<u8>)]) -> Vec<(&'static str, &[u8])> {
    let at = |q: f64| &all[((all.len() - 1) as f64 * q) as usize].1[..];
    vec![("small", at(0.1)), ("median", at(0.5)), ("large", at(0.9))]
}

fn stages(c: &mut Criterion) {
    let all = pages();
    let decoded: Vec<(&str, String)> = picks(&all)
        .into_iter()
        .map(|(n, b)| (n, gleaner::internals::decode(b)))
        .collect();
    for (group, f) in [
        (
            "parse-only",
            gleaner::internals::parse_only as fn(&str) -> usize,
        ),
        ("parse-only-rcdom", parse_rcdom),
        (
            "parse-walk-classify",
            gleaner::internals::parse_walk_classify,
        ),
    ] {
        let mut g = c.benchmark_group(group);
        for (name, html) in &decoded {
            g.throughput(Throughput::Bytes(html.len() as u64));
            g.bench_with_input(BenchmarkId::from_parameter(name), html, |b, h| {
                b.iter(|| f(black_box(h)))
            });
        }
        g.finish();
    }
    let mut g = c.benchmark_group("decode");
    for (name, bytes) in picks(&all) {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), bytes, |b, h| {
            b.iter(|| gleaner::internals::decode(black_box(h)).len())
        });
    }
    g.finish();
    let mut g = c.benchmark_group("extract");
    for (name, bytes) in picks(&all) {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), bytes, |b, h| {
            b.iter(|| gleaner::extract(black_box(h)).map(|d| d.text().len()))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("output");
    for (name, bytes) in picks(&all) {
        let doc = gleaner::extract(bytes).unwrap();
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_with_input(BenchmarkId::new("markdown", name), &doc, |b, d| {
            b.iter(|| black_box(d).to_markdown().len())
        });
        g.bench_with_input(BenchmarkId::new("json", name), &doc, |b, d| {
            b.iter(|| black_box(d).to_json().len())
        });
    }
    g.finish();
}

/// The whole corpus per iteration, against the parse-only baseline over the same pages.
fn corpus(c: &mut Criterion) {
    let all = pages();
    let total: u64 = all.iter().map(|(_, h)| h.len() as u64).sum();
    let decoded: Vec<String> = all
        .iter()
        .map(|(_, b)| gleaner::internals::decode(b))
        .collect();
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(total));
    g.sample_size(10);
    g.bench_function("parse-only", |b| {
        b.iter(|| {
            decoded
                .iter()
                .map(|h| gleaner::internals::parse_only(h))
                .sum::<usize>()
        })
    });
    g.bench_function("parse-only-rcdom", |b| {
        b.iter(|| decoded.iter().map(|h| parse_rcdom(h)).sum::<usize>())
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            all.iter()
                .map(|(_, h)| gleaner::extract(h).map(|d| d.text().len()).unwrap_or(0))
                .sum::<usize>()
        })
    });
    // Markdown-ready extraction: emphasis, inline code and code languages kept
    let rich = gleaner::Extractor::new().formatting(true);
    g.bench_function("extract-formatting", |b| {
        b.iter(|| {
            all.iter()
                .map(|(_, h)| rich.extract(h).map(|d| d.text().len()).unwrap_or(0))
                .sum::<usize>()
        })
    });
    // the Markdown as the command writes it: the extraction above, then the Markdown
    g.bench_function("extract-markdown", |b| {
        b.iter(|| {
            all.iter()
                .map(|(_, h)| rich.extract(h).map(|d| d.to_markdown().len()).unwrap_or(0))
                .sum::<usize>()
        })
    });
    g.finish();
}

/// Pathological pages: 100,000 nested elements (html5ever alone takes minutes on it; the
/// nesting cap makes it linear), 100,000 nested lists (an `<li>` in each: past the cap the
/// items go too), 1,600,000 `<li>` and `</ul>` under 511 `<div>` (within the cap: each
/// costs html5ever a scan of its stack until the page's budget of scans is spent),
/// 1,000,000 sibling elements, 400,000 siblings each of its
/// own class (the search for groups of repeated items), 400,000 comments, and an article
/// followed by 20,000 short sentences (the runs of a post's opening and closing lines), and
/// 30,000 headings before an article (the headings that may lead into its first paragraph).
fn hostile(c: &mut Criterion) {
    let n = 100_000;
    let nested = format!(
        "<html><body>{}The innermost text.{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let lists = format!(
        "<html><body>{}The innermost text.</body></html>",
        "<ul><li>x ".repeat(n)
    );
    let at_cap = format!(
        "<html><body>{}{}</body></html>",
        "<div>".repeat(511),
        "<li>a </ul>b ".repeat(800_000)
    );
    let siblings = format!(
        "<html><body><div>{}</div></body></html>",
        "<span>x</span>".repeat(1_000_000)
    );
    let classes: String = (0..400_000)
        .map(|i| format!("<div class=c{i}>x</div>"))
        .collect();
    let classes = format!("<html><body><div>{classes}</div></body></html>");
    let comments = format!(
        "<html><body><p>{}</p></body></html>",
        "<!--x-->a ".repeat(400_000)
    );
    let prose: String = (0..2_000)
        .map(|i| format!("<p>The council voted on Tuesday to extend the tram line to the northern suburbs, a debate of more than a decade. Part {i}.</p>"))
        .collect();
    let lines: String = (0..20_000)
        .map(|i| format!("<p>Line number {i} here.</p>"))
        .collect();
    let sentences = format!("<html><body><article>{prose}{lines}</article></body></html>");
    let heads: String = (0..30_000)
        .map(|i| format!("<h3>Heading number {i}</h3>"))
        .collect();
    let headings =
        format!("<html><body><article><div>{heads}</div>{prose}</article></body></html>");
    let mut g = c.benchmark_group("hostile");
    g.sample_size(10);
    for (name, html) in [
        ("nested-100k", &nested),
        ("nested-lists-100k", &lists),
        ("items-at-cap-1.6m", &at_cap),
        ("siblings-1m", &siblings),
        ("classes-400k", &classes),
        ("comments-400k", &comments),
        ("sentences-20k", &sentences),
        ("headings-30k", &headings),
    ] {
        g.throughput(Throughput::Bytes(html.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| gleaner::extract(black_box(html.as_bytes())).map(|d| d.text().len()))
        });
    }
    g.finish();
}

criterion_group!(benches, stages, corpus, hostile);
criterion_main!(benches);
