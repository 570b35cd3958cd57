//! The output formats over every page of `corpus/`: Markdown parses as CommonMark and
//! renders the same text, JSON follows its schema, the explain trace matches the
//! extraction, and comments stay out of the main text.

use std::path::{Path, PathBuf};

use gleaner::eval::{evaluate, load_truth, read_page, Prediction, Report};
use gleaner::Extractor;
use pulldown_cmark::{Event, Options, Parser, TagEnd};
use serde_json::Value;

const CORPORA: [&str; 2] = ["scrapinghub", "readability"];
/// Most a score may move when the text is rendered from the Markdown (the bar).
const MARKDOWN_SCORE_TOLERANCE: f64 = 0.005;

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

fn extractor(url: Option<&str>) -> Extractor {
    let mut ex = Extractor::new().formatting(true).links(true).comments(true);
    if let Some(u) = url {
        ex = ex.url(u);
    }
    ex
}

/// The text a CommonMark reader shows for `md`: every text and code run, blocks and
/// line breaks on lines of their own, table cells apart.
fn rendered_text(md: &str) -> String {
    let mut out = String::new();
    for e in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::Start(pulldown_cmark::Tag::Item) => {
                out.push('\n')
            }
            Event::End(TagEnd::TableCell) => out.push('\t'),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => out.push('\n'),
            // the one tag gleaner writes: a line break inside a table cell
            Event::InlineHtml(h) if h.as_ref() == "<br>" => out.push(' '),
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in Markdown"),
            _ => {}
        }
    }
    out
}

/// The text a CommonMark reader shows for the document's Markdown, less the headline the
/// Markdown opens with (the text leaves it to the title).
fn markdown_text(doc: &gleaner::Document) -> String {
    let text = rendered_text(&doc.to_markdown());
    match doc.headline() {
        Some(h) if doc.text().lines().next() != Some(h) => text
            .strip_prefix(h)
            .and_then(|t| t.strip_prefix('\n'))
            .unwrap_or_else(|| panic!("the Markdown does not open with {h:?}: {text}"))
            .to_string(),
        _ => text,
    }
}

fn score(name: &str, from_markdown: bool) -> Report {
    evaluate(&corpus(name), 2, |bytes, url| {
        let doc = extractor(url).extract(bytes).map_err(|e| e.to_string())?;
        let text = if from_markdown {
            markdown_text(&doc)
        } else {
            doc.text().to_string()
        };
        Ok(Prediction {
            text,
            ..Default::default()
        })
    })
    .unwrap()
}

#[test]
fn markdown_renders_the_plain_texts_scores() {
    for name in CORPORA {
        let (plain, md) = (score(name, false), score(name, true));
        let (_, _, a) = plain.shingle().unwrap();
        let (_, _, b) = md.shingle().unwrap();
        eprintln!("{name}: shingle F1 {a:.4} as text, {b:.4} from Markdown");
        assert!(
            (a - b).abs() <= MARKDOWN_SCORE_TOLERANCE,
            "{name}: shingle F1 {a} as text, {b} from Markdown"
        );
        let (_, _, a) = plain.bag_of_words().unwrap();
        let (_, _, b) = md.bag_of_words().unwrap();
        eprintln!("{name}: bag-of-words F1 {a:.4} as text, {b:.4} from Markdown");
        assert!(
            (a - b).abs() <= MARKDOWN_SCORE_TOLERANCE,
            "{name}: bag-of-words F1 {a} as text, {b} from Markdown"
        );
    }
}

/// Every page's Markdown gives back the words of its text, in order, on nearly every page.
#[test]
fn markdown_keeps_every_word_in_order() {
    let mut differ = Vec::new();
    let mut pages = 0;
    for name in CORPORA {
        let dir = corpus(name);
        for t in load_truth(&dir).unwrap() {
            let doc = extractor(t.url.as_deref())
                .extract(&read_page(&dir, &t.id).unwrap())
                .unwrap();
            let words = |s: &str| {
                gleaner::eval::tokens(s)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            };
            let (a, b) = (words(doc.text()), words(&markdown_text(&doc)));
            if a != b {
                let k = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
                let ctx = |w: &[String]| w[k.saturating_sub(3)..(k + 4).min(w.len())].join(" ");
                differ.push(format!(
                    "{}: text «{}» markdown «{}»",
                    t.id,
                    ctx(&a),
                    ctx(&b)
                ));
            }
            pages += 1;
        }
    }
    assert_eq!(pages, 311);
    assert!(
        differ.is_empty(),
        "the Markdown of {} pages reads differently:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

/// A JSON Schema validator for the keywords `include/document.schema.json` uses; an
/// unknown keyword fails the test, so the schema cannot say more than is checked.
fn validate(schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    let Some(obj) = schema.as_object() else {
        errors.push(format!("{at}: schema is not an object"));
        return;
    };
    for (k, s) in obj {
        match k.as_str() {
            "$schema" | "title" | "description" => {}
            "type" => {
                let types: Vec<&str> = match s {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                };
                let ok = types.iter().any(|t| match *t {
                    "string" => v.is_string(),
                    "integer" => v.is_u64() || v.is_i64(),
                    "number" => v.is_number(),
                    "boolean" => v.is_boolean(),
                    "null" => v.is_null(),
                    "object" => v.is_object(),
                    "array" => v.is_array(),
                    _ => false,
                });
                if !ok {
                    errors.push(format!("{at}: {v} is not {types:?}"));
                }
            }
            "const" if v != s => errors.push(format!("{at}: {v} is not {s}")),
            "const" => {}
            "enum" => {
                if !s.as_array().unwrap().contains(v) {
                    errors.push(format!("{at}: {v} is not one of {s}"));
                }
            }
            "minimum" | "maximum" => {
                if let (Some(x), Some(lim)) = (v.as_f64(), s.as_f64()) {
                    if (k == "minimum" && x < lim) || (k == "maximum" && x > lim) {
                        errors.push(format!("{at}: {x} is past {k} {lim}"));
                    }
                }
            }
            "minLength" => {
                if v.as_str()
                    .is_some_and(|t| (t.chars().count() as u64) < s.as_u64().unwrap())
                {
                    errors.push(format!("{at}: shorter than {s}"));
                }
            }
            "format" => {
                assert_eq!(s, "date", "unknown format");
                if let Some(d) = v.as_str() {
                    let b = d.as_bytes();
                    let ok = b.len() == 10
                        && b[4] == b'-'
                        && b[7] == b'-'
                        && b.iter()
                            .enumerate()
                            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
                    if !ok {
                        errors.push(format!("{at}: {d:?} is not a date"));
                    }
                }
            }
            "required" => {
                for r in s.as_array().unwrap() {
                    let r = r.as_str().unwrap();
                    if v.as_object().is_some_and(|o| !o.contains_key(r)) {
                        errors.push(format!("{at}: no {r}"));
                    }
                }
            }
            "properties" => {
                if let Some(o) = v.as_object() {
                    for (name, val) in o {
                        match s.get(name) {
                            Some(sub) => validate(sub, val, &format!("{at}.{name}"), errors),
                            None if obj.get("additionalProperties")
                                == Some(&Value::Bool(false)) =>
                            {
                                errors.push(format!("{at}: unknown field {name}"))
                            }
                            None => {}
                        }
                    }
                }
            }
            "additionalProperties" => assert_eq!(s, &Value::Bool(false)),
            "items" => {
                if let Some(a) = v.as_array() {
                    for (i, item) in a.iter().enumerate() {
                        validate(s, item, &format!("{at}[{i}]"), errors);
                    }
                }
            }
            other => panic!("the test's validator does not know the keyword {other}"),
        }
    }
}

fn schema() -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("include/document.schema.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn the_validator_catches_what_breaks_the_schema() {
    let s = schema();
    let doc = Extractor::new().extract(b"<p>Short page.</p>").unwrap();
    let good: Value = serde_json::from_str(&doc.to_json()).unwrap();
    let mut errors = Vec::new();
    validate(&s, &good, "$", &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    for (field, bad) in [
        ("confidence", Value::from(1.5)),
        ("date", Value::from("May 2")),
        ("text", Value::Null),
        ("surprise", Value::from(1)),
        ("page_type", Value::from("recipe")),
        (
            "comments",
            serde_json::json!([{"author": null, "date": null, "text": ""}]),
        ),
    ] {
        let mut v = good.clone();
        v[field] = bad;
        let mut errors = Vec::new();
        validate(&s, &v, "$", &mut errors);
        assert!(!errors.is_empty(), "{field}");
    }
    let mut v = good.clone();
    v.as_object_mut().unwrap().remove("title");
    let mut errors = Vec::new();
    validate(&s, &v, "$", &mut errors);
    assert_eq!(errors, ["$: no title"]);
}

#[test]
fn json_of_every_page_follows_the_schema() {
    let s = schema();
    let opts = gleaner::JsonOptions::default()
        .with_markdown(true)
        .with_html(true);
    let mut pages = 0;
    for name in CORPORA {
        let dir = corpus(name);
        for t in load_truth(&dir).unwrap() {
            let bytes = read_page(&dir, &t.id).unwrap();
            for ex in [Extractor::new(), extractor(t.url.as_deref())] {
                let doc = ex.extract(&bytes).unwrap();
                let v: Value = serde_json::from_str(&doc.to_json_with(opts)).unwrap();
                let mut errors = Vec::new();
                validate(&s, &v, "$", &mut errors);
                assert!(errors.is_empty(), "{name}/{}: {errors:?}", t.id);
                assert_eq!(v["text"].as_str(), Some(doc.text()));
            }
            pages += 1;
        }
    }
    assert_eq!(pages, 311);
}

#[test]
fn explain_agrees_with_the_extraction_on_every_page() {
    for name in CORPORA {
        let dir = corpus(name);
        for t in load_truth(&dir).unwrap() {
            let bytes = read_page(&dir, &t.id).unwrap();
            let ex = extractor(t.url.as_deref()).explain(&bytes).unwrap();
            let doc = extractor(t.url.as_deref()).extract(&bytes).unwrap();
            assert_eq!(ex.document.text(), doc.text(), "{}", t.id);
            if ex.fallback != Some("json-ld") {
                // the same words in the same order (the assembly joins the parts of a
                // table's row into one block)
                let words = |texts: Vec<&str>| -> Vec<String> {
                    texts
                        .iter()
                        .flat_map(|t| t.split_whitespace())
                        .map(str::to_string)
                        .collect()
                };
                let kept = words(ex.kept_texts());
                let blocks = words(doc.blocks().iter().map(|b| b.text.as_str()).collect());
                assert_eq!(kept, blocks, "{name}/{}", t.id);
            }
            let report = ex.report();
            assert_eq!(
                report.matches("class=\"block ").count(),
                ex.blocks.len(),
                "{}",
                t.id
            );
        }
    }
}

/// Pages of the corpus with a comment thread, and how many comments the page itself says
/// it holds (its "N thoughts on" or "N responses to" heading).
const THREADS: [(&str, &str, usize); 5] = [
    ("readability", "wordpress", 13), // "There are 13 comments"
    ("readability", "firefox-nightly-blog", 2), // "2 comments"
    (
        "scrapinghub",
        "8e3efab59f48fd29a1e1e7aa135880c4251a9f090f94999668cdbaec59d30b5a",
        34,
    ), // "34 responses to"
    (
        "scrapinghub",
        "c582d3b772578e8feaa3cfd8f5ae8100bb6f0bc66048204a9a398395841c1164",
        10,
    ), // "10 thoughts on"
    (
        "scrapinghub",
        "ec7fc408c5ce66c22692a3f696c682f3de794bacfaca405d9a0dac5957051e5a",
        6,
    ), // "6 thoughts on"
];

#[test]
fn comment_threads_come_apart_comment_by_comment() {
    for (name, id, said) in THREADS {
        let bytes = read_page(&corpus(name), id).unwrap();
        let doc = extractor(None).extract(&bytes).unwrap();
        let plain = Extractor::new().extract(&bytes).unwrap();
        assert_eq!(
            doc.text(),
            plain.text(),
            "{id}: comments changed the main text"
        );
        let c = doc.comments();
        // every comment, and at most one stray line from the thread's surroundings
        assert!(
            (said..=said + 1).contains(&c.len()),
            "{id}: {} comments, the page says {said}",
            c.len()
        );
        let with_author = c.iter().filter(|c| c.author.is_some()).count();
        let with_date = c.iter().filter(|c| c.date.is_some()).count();
        assert!(
            with_author >= said,
            "{id}: {with_author} of {} with an author",
            c.len()
        );
        assert!(
            with_date >= said,
            "{id}: {with_date} of {} with a date",
            c.len()
        );
        for comment in c {
            for line in comment
                .text
                .lines()
                .filter(|l| l.split_whitespace().count() >= 4)
            {
                assert!(
                    !doc.text().contains(line),
                    "{id}: comment in the main text: {line:?}"
                );
            }
        }
    }
}

/// Confidence and shingle F1 of every page with gold text.
fn confidence_and_f1() -> Vec<(f32, f64)> {
    let mut v = Vec::new();
    for name in CORPORA {
        let dir = corpus(name);
        for t in load_truth(&dir).unwrap() {
            let Some(gold) = t.text.as_deref() else {
                continue;
            };
            let doc = extractor(t.url.as_deref())
                .extract(&read_page(&dir, &t.id).unwrap())
                .unwrap();
            let (tp, fp, fn_) = gleaner::eval::shingle_match(gold, doc.text());
            let f1 = if tp + fp + fn_ == 0.0 {
                1.0
            } else {
                2.0 * tp / (2.0 * tp + fp + fn_)
            };
            v.push((doc.confidence(), f1));
        }
    }
    v
}

/// How often a page extracted well (shingle F1 at least 0.8) is more confident than one
/// extracted badly, over the corpus pages with gold text (measured 0.745).
const CONFIDENCE_AUC_FLOOR: f64 = 0.72;

#[test]
fn confidence_tells_good_extractions_from_bad() {
    let mut v = confidence_and_f1();
    assert!(v.iter().all(|x| (0.0..=1.0).contains(&x.0)));
    let good: Vec<f32> = v.iter().filter(|x| x.1 >= 0.8).map(|x| x.0).collect();
    let bad: Vec<f32> = v.iter().filter(|x| x.1 < 0.8).map(|x| x.0).collect();
    let mut wins = 0.0;
    for g in &good {
        for b in &bad {
            wins += if g > b {
                1.0
            } else if g == b {
                0.5
            } else {
                0.0
            };
        }
    }
    let auc = wins / (good.len() * bad.len()) as f64;
    assert!(
        auc >= CONFIDENCE_AUC_FLOOR,
        "AUC {auc:.3} over {} good and {} bad pages",
        good.len(),
        bad.len()
    );
    // the least confident quarter is extracted worse than the rest
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mean = |s: &[(f32, f64)]| s.iter().map(|x| x.1).sum::<f64>() / s.len() as f64;
    let q = v.len() / 4;
    assert!(
        mean(&v[..q]) + 0.03 < mean(&v[q..]),
        "{} vs {}",
        mean(&v[..q]),
        mean(&v[q..])
    );
}
