//! The scores of a dataset: per page, and summed up as each benchmark publishes them, by
//! page type and by half of the corpus.

use std::collections::HashMap;
use std::fmt;

use super::metrics::{f1, page_precision, page_recall, ratio};
use super::structure::{summarize, StructureScore, StructureSummary};

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
    /// Where title, author or date disagree: the field, the truth's value and the
    /// extractor's.
    pub meta_disagreements: Vec<MetaDisagreement>,
    /// The extraction's error, if it failed.
    pub error: Option<String>,
    /// The page's type, where the truth gives one.
    pub page_type: Option<String>,
    /// The type the extractor gave the page, if it gives one.
    pub predicted_type: Option<String>,
    /// The half of the corpus the page's domain falls in.
    pub half: Option<Half>,
    /// Whether the extraction gave no words while the gold has some.
    pub empty_output: bool,
    /// The structure of the Markdown, where it was scored.
    pub structure: Option<StructureScore>,
}

/// A metadata field on which the extraction and the truth disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaDisagreement {
    /// `title`, `author` or `date`.
    pub field: &'static str,
    /// The truth's value.
    pub gold: String,
    /// The extractor's value, if it gave one.
    pub got: Option<String>,
}

impl fmt::Display for MetaDisagreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<6}  gold {:?}  got ", self.field, self.gold)?;
        match &self.got {
            Some(g) => write!(f, "{g:?}"),
            None => write!(f, "nothing"),
        }
    }
}

impl PageScore {
    /// The bag-of-words precision, recall and F1 of a page of a corpus that types its pages
    /// (WCXB, whose metric it is).
    fn typed_bow(&self) -> Option<(f64, f64, f64)> {
        self.bow.filter(|_| self.page_type.is_some())
    }

    /// The page's main score: on a corpus that types its pages, bag-of-words F1 (WCXB's
    /// metric); else shingle F1 (the article-extraction benchmark's), else snippet accuracy.
    pub fn main_score(&self) -> f64 {
        if let Some((_, _, f)) = self.typed_bow() {
            return f;
        }
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
        if let Some((p, r, _)) = self.typed_bow() {
            write!(f, "  (P {p:.3} R {r:.3})")?;
        } else if let Some(c) = self.shingle {
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

    /// Up to `n` metadata disagreements of each field (titles, then authors, then dates),
    /// each with its page id.
    pub fn meta_disagreements(&self, n: usize) -> Vec<(&str, &MetaDisagreement)> {
        ["title", "author", "date"]
            .into_iter()
            .flat_map(|field| {
                self.pages
                    .iter()
                    .flat_map(|p| p.meta_disagreements.iter().map(move |d| (p.id.as_str(), d)))
                    .filter(move |(_, d)| d.field == field)
                    .take(n)
            })
            .collect()
    }

    /// The structure scores summed up over the pages whose Markdown was scored.
    pub fn structure(&self) -> Option<StructureSummary> {
        summarize(self.pages.iter().filter_map(|p| p.structure.as_ref()))
    }

    /// The `n` pages whose Markdown loses the most of their structure, with the number
    /// of gold elements lost (see [`StructureScore::lost`]).
    pub fn worst_structure(&self, n: usize) -> Vec<(&PageScore, f64)> {
        let mut v: Vec<(&PageScore, f64)> = self
            .pages
            .iter()
            .filter_map(|p| Some((p, p.structure.as_ref()?.lost())))
            .filter(|(_, lost)| *lost > 0.0)
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1));
        v.truncate(n);
        v
    }

    /// Pages whose extraction failed.
    pub fn errors(&self) -> usize {
        self.pages.iter().filter(|p| p.error.is_some()).count()
    }

    /// The report of the pages `keep` says yes to.
    pub fn subset(&self, keep: impl Fn(&PageScore) -> bool) -> Report {
        Report {
            name: self.name.clone(),
            pages: self.pages.iter().filter(|p| keep(p)).cloned().collect(),
        }
    }

    /// Pages whose extraction gave no words where the gold has some.
    pub fn empty_outputs(&self) -> usize {
        self.pages.iter().filter(|p| p.empty_output).count()
    }

    /// The page types the truth gives, most pages first.
    pub fn page_types(&self) -> Vec<String> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for t in self.pages.iter().filter_map(|p| p.page_type.as_deref()) {
            *counts.entry(t).or_default() += 1;
        }
        let mut types: Vec<(&str, usize)> = counts.into_iter().collect();
        types.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        types.into_iter().map(|(t, _)| t.to_string()).collect()
    }

    /// How many pages the extractor gave the truth's type, of those with both.
    pub fn type_agreement(&self) -> Option<(usize, usize)> {
        let both: Vec<&PageScore> = self
            .pages
            .iter()
            .filter(|p| p.page_type.is_some() && p.predicted_type.is_some())
            .collect();
        (!both.is_empty()).then(|| {
            let right = both
                .iter()
                .filter(|p| p.page_type == p.predicted_type)
                .count();
            (right, both.len())
        })
    }

    /// How many pages of each true type (the first key) got each predicted type.
    pub fn confusion(&self) -> HashMap<(String, String), usize> {
        let mut m = HashMap::new();
        for p in &self.pages {
            if let (Some(t), Some(q)) = (&p.page_type, &p.predicted_type) {
                *m.entry((t.clone(), q.clone())).or_default() += 1;
            }
        }
        m
    }
}

/// The halves of a corpus split by the page's domain: its host name (lower case, without
/// `www.`) hashed with 64-bit FNV-1a, even hashes in A, odd in B. Rules are tuned on one
/// half and checked on the other, so that a rule fitted to some sites shows as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Half {
    /// Even hash.
    A,
    /// Odd hash.
    B,
}

impl Half {
    /// The half of the page at `url`, if it has a host.
    pub fn of(url: &str) -> Option<Half> {
        let host = url::Url::parse(url).ok()?.host_str()?.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host);
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in host.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        Some(if h % 2 == 0 { Half::A } else { Half::B })
    }

    /// Its name in reports and options.
    pub fn name(self) -> &'static str {
        match self {
            Half::A => "A",
            Half::B => "B",
        }
    }
}

impl std::str::FromStr for Half {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "A" | "a" => Ok(Half::A),
            "B" | "b" => Ok(Half::B),
            other => Err(format!("a half is A or B, not {other:?}")),
        }
    }
}

/// The mean bag-of-words F1 of `r`, as text (a dash when no page has a gold text).
fn bow_cell(r: &Report) -> String {
    r.bag_of_words()
        .map_or("    -".to_string(), |(_, _, f)| format!("{f:.3}"))
}

/// The per-type lines of a report: bag-of-words F1 for all pages and for each half, pages,
/// empty outputs; then the type agreement and its confusion matrix.
fn write_page_types(f: &mut fmt::Formatter<'_>, r: &Report) -> fmt::Result {
    let types = r.page_types();
    if types.is_empty() {
        return Ok(());
    }
    let halves = r.pages.iter().any(|p| p.half.is_some());
    writeln!(
        f,
        "  by page type     bag-of-words F1{}   pages  empty",
        if halves { "   half A  half B" } else { "" }
    )?;
    let row = |f: &mut fmt::Formatter<'_>, name: &str, sub: &Report| -> fmt::Result {
        write!(f, "    {name:<14} {:>6}", bow_cell(sub))?;
        if halves {
            let a = sub.subset(|p| p.half == Some(Half::A));
            let b = sub.subset(|p| p.half == Some(Half::B));
            write!(f, "            {:>6}  {:>6}", bow_cell(&a), bow_cell(&b))?;
        } else {
            write!(f, "         ")?;
        }
        writeln!(f, "  {:>6}  {:>5}", sub.pages.len(), sub.empty_outputs())
    };
    for t in &types {
        row(
            f,
            t,
            &r.subset(|p| p.page_type.as_deref() == Some(t.as_str())),
        )?;
    }
    row(f, "all", r)?;
    if let Some((right, n)) = r.type_agreement() {
        let share = |(right, n): (usize, usize)| 100.0 * right as f64 / n as f64;
        write!(
            f,
            "  page type agreement {right}/{n} ({:.1}%",
            share((right, n))
        )?;
        for h in [Half::A, Half::B] {
            if let Some(a) = r.subset(|p| p.half == Some(h)).type_agreement() {
                write!(f, ", half {} {:.1}%", h.name(), share(a))?;
            }
        }
        writeln!(f, "); rows: the truth's type, columns: gleaner's")?;
        let m = r.confusion();
        let mut predicted: Vec<String> = m.keys().map(|(_, q)| q.clone()).collect();
        predicted.sort();
        predicted.dedup();
        write!(f, "    {:<14}", "")?;
        for q in &predicted {
            write!(f, " {:>6}", &q[..q.len().min(6)])?;
        }
        writeln!(f)?;
        for t in &types {
            write!(f, "    {t:<14}")?;
            for q in &predicted {
                let n = m.get(&(t.clone(), q.clone())).copied().unwrap_or(0);
                write!(f, " {n:>6}")?;
            }
            writeln!(f)?;
        }
    }
    Ok(())
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
        if self.empty_outputs() > 0 {
            writeln!(
                f,
                "  empty outputs    {} (where the gold has text)",
                self.empty_outputs()
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
        write_page_types(f, self)?;
        write_structure(f, self)
    }
}

/// Two decimals of a score, or a dash.
fn cell(x: Option<f64>) -> String {
    x.map_or("   -".to_string(), |v| format!("{v:.3}"))
}

/// The structure scores of `s` as one line of the table.
fn structure_row(name: &str, s: &StructureSummary) -> String {
    let (cp, cr, cf, fences) = match s.code {
        Some((p, r, f, n)) => (Some(p), Some(r), Some(f), Some(n)),
        None => (None, None, None, None),
    };
    let (tp, tr) = match s.tables {
        Some((p, r)) => (p, Some(r)),
        None => (None, None),
    };
    format!(
        "    {name:<14} {} {} {} {:>7} {} {} {} {}",
        cell(cp),
        cell(cr),
        cell(cf),
        fences.map_or("    -".to_string(), |n| format!("{n:.2}")),
        cell(tp),
        cell(tr),
        cell(s.headings),
        cell(s.items),
    )
}

/// The structure of the Markdown, summed up, then by page type, with the pages and
/// gold elements of each kind, and the share of absolute links.
fn write_structure(f: &mut fmt::Formatter<'_>, r: &Report) -> fmt::Result {
    let Some(all) = r.structure() else {
        return Ok(());
    };
    let [c, t, h, l] = all.counts;
    writeln!(
        f,
        "  Markdown structure (gold: code {}/{} pages/<pre>, tables {}/{}, headings {}/{}, list items {}/{})",
        c.0, c.1, t.0, t.1, h.0, h.1, l.0, l.1
    )?;
    writeln!(
        f,
        "                    codeP  codeR codeF1 fen/pre   tabP   tabR  headR    liR"
    )?;
    for ty in r.page_types() {
        let sub = r.subset(|p| p.page_type.as_deref() == Some(ty.as_str()));
        if let Some(s) = sub.structure() {
            writeln!(f, "{}", structure_row(&ty, &s))?;
        }
    }
    writeln!(f, "{}", structure_row("all", &all))?;
    if let Some(a) = all.absolute_links {
        writeln!(f, "  absolute links   {:.1}%", 100.0 * a)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_pages_main_score_is_its_bag_of_words_f1() {
        // four words of gold, three found: shingles of four words find none of them
        let mut p = PageScore {
            id: "x".into(),
            shingle: Some((0.0, 1.0, 1.0)),
            bow: Some((1.0, 0.6, 0.75)),
            ..PageScore::default()
        };
        assert_eq!(p.main_score(), 0.0);
        p.page_type = Some("collection".into());
        assert_eq!(p.main_score(), 0.75);
        assert_eq!(p.to_string(), "0.750  x  (P 1.000 R 0.600)");
    }
}
