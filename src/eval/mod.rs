//! The benchmarks' published metrics over a dataset folder (`pages/<id>.html.gz` +
//! `truth.jsonl`), computed as the benchmarks define them.
//!
//! - **Shingle F1** (Zyte/ScrapingHub article-extraction-benchmark): tokens are `\w+` runs
//!   (case kept); each text becomes the multiset of its 4-token shingles (a text of fewer
//!   than 4 tokens is one shingle of all of them); per page, tp = Σ min(gold, pred) counts,
//!   fp and fn the surpluses, all three divided by tp+fp+fn; precision tp/(tp+fp) and recall
//!   tp/(tp+fn) per page (0 when undefined) are averaged over pages, and F1 is 2PR/(P+R) of
//!   the averages.
//! - **Bag-of-words F1** (WCXB's): lower-cased `\w+` words as multisets, F1 per page (1
//!   when neither the gold nor the output has a word), mean over pages, also by page type.
//! - **Snippet F1** (trafilatura's evaluation): whitespace-normalised substring match of the
//!   `with` snippets (found = tp, missing = fn) and `without` snippets (found = fp, absent =
//!   tn), summed over the corpus; F1 = 2tp/(2tp+fp+fn).
//! - **Metadata agreement**: title (equal, or one containing the other, case and
//!   punctuation aside), author (every word of the gold name present), date (the same day).

mod metrics;
mod report;
mod structure;

pub use metrics::{
    author_agrees, bag_of_words, date_agrees, is_word_char, shingle_match, title_agrees, tokens,
};
pub use report::{Half, MetaDisagreement, PageScore, Report};
pub use structure::{structure_score, StructureScore, StructureSummary};

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use metrics::norm_space;

/// One page's truth, as `truth.jsonl` gives it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Truth {
    /// The page id: its file is `pages/<id>.html.gz`.
    pub id: String,
    /// The page's URL.
    #[serde(default, deserialize_with = "loose_string")]
    pub url: Option<String>,
    /// The gold main text.
    #[serde(default, deserialize_with = "loose_string")]
    pub text: Option<String>,
    /// Snippets that must appear in the main text.
    #[serde(default, deserialize_with = "null_vec")]
    pub with: Vec<String>,
    /// Snippets that must not appear in the main text.
    #[serde(default, deserialize_with = "null_vec")]
    pub without: Vec<String>,
    /// The gold title.
    #[serde(default, deserialize_with = "loose_string")]
    pub title: Option<String>,
    /// The gold author.
    #[serde(default, deserialize_with = "loose_string")]
    pub author: Option<String>,
    /// The gold date.
    #[serde(default, deserialize_with = "loose_string")]
    pub date: Option<String>,
    /// The page's type (`article`, `forum`, `product`, ...), where the dataset gives one.
    #[serde(default, deserialize_with = "loose_string")]
    pub page_type: Option<String>,
}

/// A string field that some truth files give as a list of strings (joined with "; ").
fn loose_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    use serde::Deserialize;
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Array(a) => {
            let v: Vec<&str> = a.iter().filter_map(|x| x.as_str()).collect();
            (!v.is_empty()).then(|| v.join("; "))
        }
        _ => None,
    })
}

fn null_vec<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde::Deserialize;
    Ok(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default())
}

/// What an extractor returned for a page.
#[derive(Debug, Clone, Default)]
pub struct Prediction {
    /// The main text.
    pub text: String,
    /// The title.
    pub title: Option<String>,
    /// The author.
    pub author: Option<String>,
    /// The date.
    pub date: Option<String>,
    /// The page's type.
    pub page_type: Option<String>,
    /// The main content as Markdown, when its structure is to be scored.
    pub markdown: Option<String>,
}

impl Prediction {
    /// What gleaner returned for a page: its text, metadata, type and Markdown.
    pub fn of(doc: &crate::Document) -> Self {
        Prediction {
            text: doc.text().to_string(),
            title: doc.title().map(str::to_string),
            author: doc.author().map(str::to_string),
            date: doc.date().map(str::to_string),
            page_type: Some(doc.page_type().name().to_string()),
            markdown: Some(doc.to_markdown()),
        }
    }
}

/// Reads `truth.jsonl` of a dataset folder.
pub fn load_truth(dataset_dir: &Path) -> std::io::Result<Vec<Truth>> {
    let s = std::fs::read_to_string(dataset_dir.join("truth.jsonl"))?;
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str(l)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
        })
        .collect()
}

/// Reads and gunzips `pages/<id>.html.gz` of a dataset folder.
pub fn read_page(dataset_dir: &Path, id: &str) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(dataset_dir.join("pages").join(format!("{id}.html.gz")))?;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out)?;
    Ok(out)
}

fn some(x: &Option<String>) -> Option<&str> {
    x.as_deref().filter(|v| !v.trim().is_empty())
}

/// Scores one page; `html`, the page's bytes, is read for the structure of the gold when
/// the prediction has Markdown.
fn score_page(t: &Truth, pred: &Prediction, error: Option<String>, html: &[u8]) -> PageScore {
    let mut s = PageScore {
        id: t.id.clone(),
        error,
        page_type: t.page_type.clone(),
        predicted_type: pred.page_type.clone(),
        half: t.url.as_deref().and_then(Half::of),
        ..Default::default()
    };
    if let Some(gold) = t.text.as_deref() {
        s.shingle = Some(shingle_match(gold, &pred.text));
        s.bow = Some(bag_of_words(gold, &pred.text));
        s.empty_output = tokens(&pred.text).next().is_none() && tokens(gold).next().is_some();
        if let Some(md) = pred.markdown.as_deref().filter(|_| !gold.trim().is_empty()) {
            let page = crate::decode::decode(html, None).text;
            s.structure = Some(structure_score(&page, gold, md));
        }
    }
    let text = norm_space(&pred.text);
    for w in &t.with {
        if text.contains(&norm_space(w)) {
            s.snippets.0 += 1;
        } else {
            s.snippets.2 += 1;
        }
    }
    for w in &t.without {
        if text.contains(&norm_space(w)) {
            s.snippets.1 += 1;
        } else {
            s.snippets.3 += 1;
        }
    }
    let fields: [(&str, &Option<String>, &Option<String>, Agrees); 3] = [
        ("title", &t.title, &pred.title, title_agrees),
        ("author", &t.author, &pred.author, author_agrees),
        ("date", &t.date, &pred.date, date_agrees),
    ];
    for (k, (field, gold, got, agrees)) in fields.into_iter().enumerate() {
        if let Some(g) = some(gold) {
            let ok = got.as_deref().is_some_and(|p| agrees(g, p));
            s.meta[k] = Some(ok);
            if !ok {
                s.meta_disagreements.push(MetaDisagreement {
                    field,
                    gold: g.to_string(),
                    got: got.clone(),
                });
            }
        }
    }
    s
}

/// Whether a predicted metadata value agrees with the truth's.
type Agrees = fn(&str, &str) -> bool;

/// Scores stored predictions (say, another extractor's output) against a dataset's truth,
/// without extracting anything. A page with no prediction counts as an empty one.
pub fn evaluate_predictions(
    dataset_dir: &Path,
    predictions: &HashMap<String, Prediction>,
) -> std::io::Result<Report> {
    let truth = load_truth(dataset_dir)?;
    let empty = Prediction::default();
    let mut pages = Vec::with_capacity(truth.len());
    for t in &truth {
        let pred = predictions.get(&t.id).unwrap_or(&empty);
        // the page is read only to score the structure of a prediction's Markdown
        let html = match pred.markdown {
            Some(_) => read_page(dataset_dir, &t.id)?,
            None => Vec::new(),
        };
        pages.push(score_page(t, pred, None, &html));
    }
    Ok(Report {
        name: dataset_name(dataset_dir),
        pages,
    })
}

/// Reads predictions in the article-extraction benchmark's output format: a JSON object
/// from page id to an object whose `articleBody` (or `text`) is the extracted text, and
/// whose `markdown`, when given, has its structure scored.
pub fn read_predictions(path: &Path) -> std::io::Result<HashMap<String, Prediction>> {
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    let obj = v.as_object().ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "predictions must be a JSON object",
        )
    })?;
    let field =
        |o: &serde_json::Value, k: &str| o.get(k).and_then(|x| x.as_str()).map(str::to_string);
    Ok(obj
        .iter()
        .map(|(id, o)| {
            let text = o
                .as_str()
                .map(str::to_string)
                .or_else(|| field(o, "articleBody"))
                .or_else(|| field(o, "text"))
                .unwrap_or_default();
            let p = Prediction {
                text,
                title: field(o, "title").or_else(|| field(o, "headline")),
                author: field(o, "author"),
                date: field(o, "date").or_else(|| field(o, "datePublished")),
                page_type: field(o, "page_type"),
                markdown: field(o, "markdown"),
            };
            (id.clone(), p)
        })
        .collect())
}

fn dataset_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// Extracts every page of a dataset with `extract` on `threads` threads and scores it.
pub fn evaluate<F>(dataset_dir: &Path, threads: usize, extract: F) -> std::io::Result<Report>
where
    F: Fn(&[u8], Option<&str>) -> Result<Prediction, String> + Sync,
{
    let truth = load_truth(dataset_dir)?;
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<PageScore>>> = Mutex::new(vec![None; truth.len()]);
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(t) = truth.get(i) else { break };
        let (bytes, pred, err) = match read_page(dataset_dir, &t.id) {
            Ok(bytes) => match extract(&bytes, t.url.as_deref()) {
                Ok(p) => (bytes, p, None),
                Err(e) => (bytes, Prediction::default(), Some(e)),
            },
            Err(e) => (Vec::new(), Prediction::default(), Some(e.to_string())),
        };
        let s = score_page(t, &pred, err, &bytes);
        results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(s);
    };
    std::thread::scope(|s| {
        for _ in 1..threads.max(1) {
            s.spawn(work);
        }
        work();
    });
    let pages = results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .flatten()
        .collect();
    Ok(Report {
        name: dataset_name(dataset_dir),
        pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_stored_predictions() {
        let dir = std::env::temp_dir().join(format!("gleaner-preds-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("truth.jsonl"),
            r#"{"id":"p1","text":"one two three four five"}
{"id":"p2","text":"six seven eight nine"}"#,
        )
        .unwrap();
        let preds = dir.join("out.json");
        std::fs::write(
            &preds,
            r#"{"p1": {"articleBody": "one two three four five"}}"#,
        )
        .unwrap();
        let r = evaluate_predictions(&dir, &read_predictions(&preds).unwrap()).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        // p1 perfect; p2 missing: precision averages over p1 only, recall over both
        let (p, rc, _) = r.shingle().unwrap();
        assert!((p - 1.0).abs() < 1e-9 && (rc - 0.5).abs() < 1e-9);
    }

    #[test]
    fn evaluates_a_tiny_dataset() {
        let dir = std::env::temp_dir().join(format!("gleaner-eval-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pages")).unwrap();
        let truth = r#"{"id":"a","url":null,"text":"alpha beta gamma delta epsilon","with":["beta gamma"],"without":["menu"],"title":"T","author":null,"date":"2020-01-02"}
{"id":"b","url":null,"text":null,"with":["x y"],"without":null,"title":null}"#;
        std::fs::write(dir.join("truth.jsonl"), truth).unwrap();
        for id in ["a", "b"] {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            std::io::Write::write_all(&mut gz, id.as_bytes()).unwrap();
            std::fs::write(
                dir.join(format!("pages/{id}.html.gz")),
                gz.finish().unwrap(),
            )
            .unwrap();
        }
        let r = evaluate(&dir, 2, |bytes, _| {
            if bytes == b"a" {
                Ok(Prediction {
                    text: "alpha beta gamma delta epsilon menu".into(),
                    title: Some("T".into()),
                    author: None,
                    date: Some("2020-01-03".into()),
                    page_type: None,
                    markdown: None,
                })
            } else {
                Err("boom".into())
            }
        })
        .unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(r.pages.len(), 2);
        assert_eq!(r.errors(), 1);
        let (p, rc, _) = r.shingle().unwrap();
        assert!((rc - 1.0).abs() < 1e-9 && p < 1.0);
        let (sp, sr, _, _) = r.snippets().unwrap();
        assert!((sp - 0.5).abs() < 1e-9 && (sr - 0.5).abs() < 1e-9);
        assert_eq!(r.metadata(), [(1, 1), (0, 0), (0, 1)]);
        assert_eq!(r.worst(1)[0].id, "b");
        let wrong = r.meta_disagreements(5);
        assert_eq!(wrong.len(), 1);
        assert_eq!(wrong[0].0, "a");
        assert_eq!(
            wrong[0].1.to_string(),
            "date    gold \"2020-01-02\"  got \"2020-01-03\""
        );
    }
}
