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

/// Inclusive code point ranges of characters that Rust's `char::is_alphanumeric` accepts but Python's
/// `str.isalnum()` (hence `re`'s `\w`) rejects: combining marks with the Other_Alphabetic property
/// (Indic and Thai vowel signs, Hebrew and Arabic points, ...) and circled/squared letters (category So).
/// Generated with Python 3.11 (Unicode 14) by comparing both predicates over all code points and merging
/// ranges across characters that neither side accepts; characters assigned after Unicode 14 follow Rust.
const PY_NON_WORD: [u32; 322] = [
    0x345, 0x36F, 0x5B0, 0x5C7, 0x610, 0x61A, 0x64B, 0x65F, 0x670, 0x670, 0x6D6, 0x6E4, 0x6E7,
    0x6ED, 0x711, 0x711, 0x730, 0x73F, 0x7A6, 0x7B0, 0x816, 0x817, 0x81B, 0x823, 0x825, 0x827,
    0x829, 0x82C, 0x8D4, 0x903, 0x93A, 0x93B, 0x93E, 0x94F, 0x955, 0x957, 0x962, 0x963, 0x981,
    0x983, 0x9BE, 0x9CC, 0x9D7, 0x9D7, 0x9E2, 0x9E3, 0xA01, 0xA03, 0xA3E, 0xA51, 0xA70, 0xA71,
    0xA75, 0xA83, 0xABE, 0xACC, 0xAE2, 0xAE3, 0xAFA, 0xB03, 0xB3E, 0xB57, 0xB62, 0xB63, 0xB82,
    0xB82, 0xBBE, 0xBCC, 0xBD7, 0xBD7, 0xC00, 0xC04, 0xC3E, 0xC56, 0xC62, 0xC63, 0xC81, 0xC83,
    0xCBE, 0xCD6, 0xCE2, 0xCE3, 0xD00, 0xD03, 0xD3E, 0xD4C, 0xD57, 0xD57, 0xD62, 0xD63, 0xD81,
    0xD83, 0xDCF, 0xDDF, 0xDF2, 0xDF3, 0xE31, 0xE31, 0xE34, 0xE3A, 0xE4D, 0xE4D, 0xEB1, 0xEB1,
    0xEB4, 0xEBC, 0xECD, 0xECD, 0xF71, 0xF83, 0xF8D, 0xFBC, 0x102B, 0x103E, 0x1056, 0x1059, 0x105E,
    0x1060, 0x1062, 0x1064, 0x1067, 0x106D, 0x1071, 0x1074, 0x1082, 0x108D, 0x108F, 0x108F, 0x109A,
    0x109D, 0x1712, 0x1713, 0x1732, 0x1733, 0x1752, 0x1753, 0x1772, 0x1773, 0x17B6, 0x17C8, 0x1885,
    0x1886, 0x18A9, 0x18A9, 0x1920, 0x1938, 0x1A17, 0x1A1B, 0x1A55, 0x1A74, 0x1ABF, 0x1B04, 0x1B35,
    0x1B43, 0x1B80, 0x1B82, 0x1BA1, 0x1BAD, 0x1BE7, 0x1BF1, 0x1C24, 0x1C36, 0x1DD3, 0x1DF4, 0x24B6,
    0x24E9, 0x2DE0, 0x2DFF, 0xA674, 0xA67B, 0xA69E, 0xA69F, 0xA802, 0xA802, 0xA80B, 0xA80B, 0xA823,
    0xA827, 0xA880, 0xA881, 0xA8B4, 0xA8C5, 0xA8FF, 0xA8FF, 0xA926, 0xA92A, 0xA947, 0xA952, 0xA980,
    0xA983, 0xA9B4, 0xA9BF, 0xA9E5, 0xA9E5, 0xAA29, 0xAA36, 0xAA43, 0xAA43, 0xAA4C, 0xAA4D, 0xAA7B,
    0xAA7D, 0xAAB0, 0xAAB0, 0xAAB2, 0xAAB4, 0xAAB7, 0xAAB8, 0xAABE, 0xAABE, 0xAAEB, 0xAAEF, 0xAAF5,
    0xAAF5, 0xABE3, 0xABEA, 0xFB1E, 0xFB1E, 0x10376, 0x1037A, 0x10A01, 0x10A0F, 0x10D24, 0x10D27,
    0x10EAB, 0x10EAC, 0x11000, 0x11002, 0x11038, 0x11045, 0x11073, 0x11074, 0x11080, 0x11082,
    0x110B0, 0x110C2, 0x11100, 0x11102, 0x11127, 0x11132, 0x11145, 0x11146, 0x11180, 0x11182,
    0x111B3, 0x111BF, 0x111CE, 0x111CF, 0x1122C, 0x1123E, 0x112DF, 0x112E8, 0x11300, 0x11303,
    0x1133E, 0x1134C, 0x11357, 0x11357, 0x11362, 0x11363, 0x11435, 0x11445, 0x114B0, 0x114C1,
    0x115AF, 0x115BE, 0x115DC, 0x115DD, 0x11630, 0x11640, 0x116AB, 0x116B5, 0x1171D, 0x1172A,
    0x1182C, 0x11838, 0x11930, 0x1193C, 0x11940, 0x11940, 0x11942, 0x11942, 0x119D1, 0x119DF,
    0x119E4, 0x119E4, 0x11A01, 0x11A0A, 0x11A35, 0x11A39, 0x11A3B, 0x11A3E, 0x11A51, 0x11A5B,
    0x11A8A, 0x11A97, 0x11C2F, 0x11C3E, 0x11C92, 0x11CB6, 0x11D31, 0x11D43, 0x11D47, 0x11D47,
    0x11D8A, 0x11D96, 0x11EF3, 0x11EF6, 0x16F4F, 0x16F4F, 0x16F51, 0x16F92, 0x16FF0, 0x16FF1,
    0x1BC9E, 0x1BC9E, 0x1E000, 0x1E02A, 0x1E947, 0x1E947, 0x1F130, 0x1F189,
];

/// True if Python's `re` `\w` matches `c` (for `str` patterns): `_` or `str.isalnum()`.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    if !c.is_alphanumeric() {
        return false;
    }
    let cp = c as u32;
    if cp < PY_NON_WORD[0] {
        return true;
    }
    // Index of the first range that starts after `cp`; the range before it is the only candidate.
    let ranges = PY_NON_WORD.len() / 2;
    let (mut lo, mut hi) = (0, ranges);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if PY_NON_WORD[2 * mid] <= cp {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    !(lo > 0 && cp <= PY_NON_WORD[2 * (lo - 1) + 1])
}

/// `\w+` tokens with Python's Unicode semantics (see [`is_word_char`]).
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
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

/// The benchmark's page precision from normalised (tp, fp, fn): 1 for a perfect match.
fn page_precision((tp, fp, fn_): (f64, f64, f64)) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else {
        ratio(tp, tp + fp)
    }
}

/// The benchmark's page recall from normalised (tp, fp, fn): 1 for a perfect match.
fn page_recall((tp, fp, fn_): (f64, f64, f64)) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else {
        ratio(tp, tp + fn_)
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
    /// Normalised shingle (tp, fp, fn), where the truth has a text.
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
        if let Some(c) = self.shingle {
            let (p, r) = (page_precision(c), page_recall(c));
            return f1(p, r);
        }
        let (tp, fp, fn_, tn) = self.snippets;
        ratio((tp + tn) as f64, (tp + fp + fn_ + tn) as f64)
    }
}

impl fmt::Display for PageScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3}  {}", self.main_score(), self.id)?;
        if let Some(c) = self.shingle {
            write!(f, "  (P {:.3} R {:.3})", page_precision(c), page_recall(c))?;
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
    ///
    /// As the benchmark's `evaluate.py` does, precision is averaged over the pages that
    /// predicted something (tp + fp > 0) and recall over the pages whose gold has shingles
    /// (tp + fn > 0).
    pub fn shingle(&self) -> Option<(f64, f64, f64)> {
        let s: Vec<(f64, f64, f64)> = self.pages.iter().filter_map(|p| p.shingle).collect();
        if s.is_empty() {
            return None;
        }
        let mean = |v: Vec<f64>| {
            if v.is_empty() {
                0.0
            } else {
                v.iter().sum::<f64>() / v.len() as f64
            }
        };
        let p = mean(
            s.iter()
                .filter(|c| c.0 + c.1 > 0.0)
                .map(|c| page_precision(*c))
                .collect(),
        );
        let r = mean(
            s.iter()
                .filter(|c| c.0 + c.2 > 0.0)
                .map(|c| page_recall(*c))
                .collect(),
        );
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
        s.shingle = Some(shingle_match(gold, &pred.text));
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

/// Scores stored predictions (say, another extractor's output) against a dataset's truth,
/// without extracting anything. A page with no prediction counts as an empty one.
pub fn evaluate_predictions(
    dataset_dir: &Path,
    predictions: &HashMap<String, Prediction>,
) -> std::io::Result<Report> {
    let truth = load_truth(dataset_dir)?;
    let empty = Prediction::default();
    let pages = truth
        .iter()
        .map(|t| score_page(t, predictions.get(&t.id).unwrap_or(&empty), None))
        .collect();
    Ok(Report {
        name: dataset_name(dataset_dir),
        pages,
    })
}

/// Reads predictions in the article-extraction benchmark's output format: a JSON object
/// from page id to an object whose `articleBody` (or `text`) is the extracted text.
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
    Ok(Report {
        name: dataset_name(dataset_dir),
        pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unicode_words() {
        let t: Vec<&str> = tokens("Ünïcode, 東京 snake_case—x2!").collect();
        assert_eq!(t, ["Ünïcode", "東京", "snake_case", "x2"]);
        // Python's \w rejects Devanagari vowel signs that Rust counts as alphabetic
        assert_eq!(tokens("कि").count(), 1);
        assert!(!is_word_char('\u{93F}'));
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
