//! The benchmarks' published metrics over a dataset folder (`pages/<id>.html.gz` +
//! `truth.jsonl`), computed as the benchmarks define them.
//!
//! - **Shingle F1** (Zyte/ScrapingHub article-extraction-benchmark): tokens are `\w+` runs
//!   (case kept); each text becomes the multiset of its 4-token shingles (a text of fewer
//!   than 4 tokens is one shingle of all of them); per page, tp = Σ min(gold, pred) counts,
//!   fp and fn the surpluses, all three divided by tp+fp+fn; precision tp/(tp+fp) and recall
//!   tp/(tp+fn) per page (0 when undefined) are averaged over pages, and F1 is 2PR/(P+R) of
//!   the averages.
//! - **Bag-of-words F1**: lower-cased `\w+` words as multisets, F1 per page, mean over pages.
//! - **Snippet F1** (trafilatura's evaluation): whitespace-normalised substring match of the
//!   `with` snippets (found = tp, missing = fn) and `without` snippets (found = fp, absent =
//!   tn), summed over the corpus; F1 = 2tp/(2tp+fp+fn).
//! - **Metadata agreement**: title (equal after whitespace and case normalisation, or equal
//!   up to a site-name part cut at a separator), author (one contains the other, case
//!   folded), date (the `YYYY-MM-DD` prefix).

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

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

/// `\w+` tokens with Python's Unicode semantics (alphanumeric or underscore).
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
}

fn shingles(text: &str) -> HashMap<Vec<&str>, u32> {
    let toks: Vec<&str> = tokens(text).collect();
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    if toks.len() < 4 {
        m.insert(toks, 1);
        return m;
    }
    for w in toks.windows(4) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}

fn multiset_match<K: std::hash::Hash + Eq>(
    gold: &HashMap<K, u32>,
    pred: &HashMap<K, u32>,
) -> (f64, f64, f64) {
    let mut tp = 0u64;
    let mut fp = 0u64;
    let mut fn_ = 0u64;
    for (k, &g) in gold {
        let p = pred.get(k).copied().unwrap_or(0);
        tp += g.min(p) as u64;
        fn_ += g.saturating_sub(p) as u64;
    }
    for (k, &p) in pred {
        let g = gold.get(k).copied().unwrap_or(0);
        fp += p.saturating_sub(g) as u64;
    }
    (tp as f64, fp as f64, fn_ as f64)
}

/// The benchmark's per-page shingle match: (tp, fp, fn) normalised by their sum.
pub fn shingle_match(gold: &str, pred: &str) -> (f64, f64, f64) {
    let (tp, fp, fn_) = multiset_match(&shingles(gold), &shingles(pred));
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

fn f1(p: f64, r: f64) -> f64 {
    ratio(2.0 * p * r, p + r)
}

/// Bag-of-words precision, recall and F1 of one page.
pub fn bag_of_words(gold: &str, pred: &str) -> (f64, f64, f64) {
    let count = |t: &str| {
        let mut m: HashMap<String, u32> = HashMap::new();
        for w in tokens(t) {
            *m.entry(w.to_lowercase()).or_insert(0) += 1;
        }
        m
    };
    let (tp, fp, fn_) = multiset_match(&count(gold), &count(pred));
    let p = ratio(tp, tp + fp);
    let r = ratio(tp, tp + fn_);
    (p, r, f1(p, r))
}

fn norm_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a predicted title agrees with the gold one: equal after normalisation, or equal
/// once a site-name part is cut off one of them at a separator.
pub fn title_agrees(gold: &str, pred: &str) -> bool {
    let g = norm_space(gold).to_lowercase();
    let p = norm_space(pred).to_lowercase();
    if g.is_empty() || p.is_empty() {
        return false;
    }
    if g == p {
        return true;
    }
    let (long, short) = if g.len() > p.len() {
        (&g, &p)
    } else {
        (&p, &g)
    };
    ["|", "-", "–", "—", "::", "»", "·", "/", ":"]
        .iter()
        .any(|sep| {
            long.strip_prefix(short.as_str())
                .is_some_and(|rest| rest.trim_start().starts_with(sep))
                || long
                    .strip_suffix(short.as_str())
                    .is_some_and(|rest| rest.trim_end().ends_with(sep))
        })
}

/// Scores of one page.
#[derive(Debug, Clone, Default)]
pub struct PageScore {
    /// The page id.
    pub id: String,
    /// Shingle precision, recall and F1, where the truth has a text.
    pub shingle: Option<(f64, f64, f64)>,
    /// Bag-of-words precision, recall and F1, where the truth has a text.
    pub bow: Option<(f64, f64, f64)>,
    /// Snippets: tp, fp, fn, tn.
    pub snippets: (u32, u32, u32, u32),
    /// Title, author, date agreement where the truth has them.
    pub meta: [Option<bool>; 3],
    /// The extraction's error, if it failed.
    pub error: Option<String>,
}

impl PageScore {
    /// The page's main score: shingle F1, else snippet accuracy.
    pub fn main_score(&self) -> f64 {
        if let Some((_, _, f)) = self.shingle {
            return f;
        }
        let (tp, fp, fn_, tn) = self.snippets;
        ratio((tp + tn) as f64, (tp + fp + fn_ + tn) as f64)
    }
}

impl fmt::Display for PageScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3}  {}", self.main_score(), self.id)?;
        if let Some((p, r, _)) = self.shingle {
            write!(f, "  (P {p:.3} R {r:.3})")?;
        } else {
            let (tp, fp, fn_, _) = self.snippets;
            write!(
                f,
                "  (snippets missing {fn_}, boilerplate kept {fp}, found {tp})"
            )?;
        }
        if let Some(e) = &self.error {
            write!(f, "  error: {e}")?;
        }
        Ok(())
    }
}

/// The scores of a dataset.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The dataset's name (its folder's name).
    pub name: String,
    /// Per-page scores, in truth order.
    pub pages: Vec<PageScore>,
}

impl Report {
    /// Shingle precision, recall and F1 (the article-extraction benchmark's), if any page
    /// has a gold text.
    pub fn shingle(&self) -> Option<(f64, f64, f64)> {
        let s: Vec<(f64, f64, f64)> = self.pages.iter().filter_map(|p| p.shingle).collect();
        if s.is_empty() {
            return None;
        }
        let n = s.len() as f64;
        let p = s.iter().map(|x| x.0).sum::<f64>() / n;
        let r = s.iter().map(|x| x.1).sum::<f64>() / n;
        Some((p, r, f1(p, r)))
    }

    /// Mean bag-of-words precision, recall and F1, if any page has a gold text.
    pub fn bag_of_words(&self) -> Option<(f64, f64, f64)> {
        let s: Vec<(f64, f64, f64)> = self.pages.iter().filter_map(|p| p.bow).collect();
        if s.is_empty() {
            return None;
        }
        let n = s.len() as f64;
        Some((
            s.iter().map(|x| x.0).sum::<f64>() / n,
            s.iter().map(|x| x.1).sum::<f64>() / n,
            s.iter().map(|x| x.2).sum::<f64>() / n,
        ))
    }

    /// Snippet precision, recall, F1 and accuracy, if the truth has snippets.
    pub fn snippets(&self) -> Option<(f64, f64, f64, f64)> {
        let (mut tp, mut fp, mut fn_, mut tn) = (0u64, 0u64, 0u64, 0u64);
        for p in &self.pages {
            tp += p.snippets.0 as u64;
            fp += p.snippets.1 as u64;
            fn_ += p.snippets.2 as u64;
            tn += p.snippets.3 as u64;
        }
        let all = tp + fp + fn_ + tn;
        if all == 0 {
            return None;
        }
        let (tp, fp, fn_, tn) = (tp as f64, fp as f64, fn_ as f64, tn as f64);
        Some((
            ratio(tp, tp + fp),
            ratio(tp, tp + fn_),
            ratio(2.0 * tp, 2.0 * tp + fp + fn_),
            (tp + tn) / all as f64,
        ))
    }

    /// Agreement (matched, total) for title, author and date.
    pub fn metadata(&self) -> [(usize, usize); 3] {
        let mut out = [(0, 0); 3];
        for p in &self.pages {
            for (k, m) in p.meta.iter().enumerate() {
                if let Some(ok) = m {
                    out[k].1 += 1;
                    if *ok {
                        out[k].0 += 1;
                    }
                }
            }
        }
        out
    }

    /// The `n` pages that score lowest on the dataset's main metric.
    pub fn worst(&self, n: usize) -> Vec<&PageScore> {
        let mut v: Vec<&PageScore> = self.pages.iter().collect();
        v.sort_by(|a, b| a.main_score().total_cmp(&b.main_score()));
        v.truncate(n);
        v
    }

    /// Pages whose extraction failed.
    pub fn errors(&self) -> usize {
        self.pages.iter().filter(|p| p.error.is_some()).count()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {} pages, {} errors",
            self.name,
            self.pages.len(),
            self.errors()
        )?;
        if let Some((p, r, f1)) = self.shingle() {
            writeln!(
                f,
                "  shingle F1       {f1:.4}  P {p:.4}  R {r:.4}  (article-extraction-benchmark)"
            )?;
        }
        if let Some((p, r, f1)) = self.bag_of_words() {
            writeln!(f, "  bag-of-words F1  {f1:.4}  P {p:.4}  R {r:.4}")?;
        }
        if let Some((p, r, f1, acc)) = self.snippets() {
            writeln!(
                f,
                "  snippet F1       {f1:.4}  P {p:.4}  R {r:.4}  accuracy {acc:.4}"
            )?;
        }
        for ((m, t), name) in self.metadata().iter().zip(["title", "author", "date"]) {
            if *t > 0 {
                writeln!(
                    f,
                    "  {name:<6} agreement {m}/{t} ({:.1}%)",
                    100.0 * *m as f64 / *t as f64
                )?;
            }
        }
        Ok(())
    }
}

fn some(x: &Option<String>) -> Option<&str> {
    x.as_deref().filter(|v| !v.trim().is_empty())
}

fn score_page(t: &Truth, pred: &Prediction, error: Option<String>) -> PageScore {
    let mut s = PageScore {
        id: t.id.clone(),
        error,
        ..Default::default()
    };
    if let Some(gold) = t.text.as_deref() {
        let (tp, fp, fn_) = shingle_match(gold, &pred.text);
        let p = ratio(tp, tp + fp);
        let r = ratio(tp, tp + fn_);
        s.shingle = Some((p, r, f1(p, r)));
        s.bow = Some(bag_of_words(gold, &pred.text));
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
    if let Some(g) = some(&t.title) {
        s.meta[0] = Some(pred.title.as_deref().is_some_and(|p| title_agrees(g, p)));
    }
    if let Some(g) = some(&t.author) {
        let g = norm_space(g).to_lowercase();
        s.meta[1] = Some(pred.author.as_deref().is_some_and(|p| {
            let p = norm_space(p).to_lowercase();
            !p.is_empty() && (p.contains(&g) || g.contains(&p))
        }));
    }
    if let Some(g) = some(&t.date) {
        let g: String = g.trim().chars().take(10).collect();
        s.meta[2] = Some(pred.date.as_deref().is_some_and(|p| p.starts_with(&g)));
    }
    s
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
        let (pred, err) = match read_page(dataset_dir, &t.id) {
            Ok(bytes) => match extract(&bytes, t.url.as_deref()) {
                Ok(p) => (p, None),
                Err(e) => (Prediction::default(), Some(e)),
            },
            Err(e) => (Prediction::default(), Some(e.to_string())),
        };
        let s = score_page(t, &pred, err);
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
    let name = dataset_dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    Ok(Report { name, pages })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unicode_words() {
        let t: Vec<&str> = tokens("Ünïcode, 東京 snake_case—x2!").collect();
        assert_eq!(t, ["Ünïcode", "東京", "snake_case", "x2"]);
    }

    #[test]
    fn shingles_match_as_multisets() {
        // gold: a b c d a b c d -> shingles abcd, bcda, cdab, dabc, abcd (abcd twice)
        let (tp, fp, fn_) = shingle_match("a b c d a b c d", "a b c d");
        // pred has abcd once: tp 1, fn 4, fp 0 -> normalised by 5
        assert!((tp - 0.2).abs() < 1e-9 && fp == 0.0 && (fn_ - 0.8).abs() < 1e-9);
        assert_eq!(shingle_match("one two", "one two"), (1.0, 0.0, 0.0));
        assert_eq!(shingle_match("one two three four", ""), (0.0, 0.0, 1.0));
        assert_eq!(shingle_match("", ""), (0.0, 0.0, 0.0));
    }

    #[test]
    fn bag_of_words_is_case_folded() {
        let (p, r, f) = bag_of_words("The cat sat", "the CAT ran");
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 2.0 / 3.0).abs() < 1e-9);
        assert!((f - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn titles_agree_up_to_site_name() {
        assert!(title_agrees(
            "How to Build a Terrarium | eHow",
            "How to Build a Terrarium"
        ));
        assert!(title_agrees("A  Title", "a title"));
        assert!(!title_agrees("A Title", "Another Title"));
        assert!(!title_agrees("A Title", ""));
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
                    date: Some("2020-01-02".into()),
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
        assert_eq!(r.metadata(), [(1, 1), (0, 0), (1, 1)]);
        assert_eq!(r.worst(1)[0].id, "b");
    }
}
