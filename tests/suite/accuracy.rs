//! Accuracy floors on the corpus copies in `corpus/`: measured values less a small margin.
//! Raise them as the engine improves; never lower them to let a change pass.

use std::path::Path;

use gleaner::eval::{evaluate, Prediction, Report};

/// Shingle F1 on the article-extraction benchmark (measured 0.9680).
const SCRAPINGHUB_SHINGLE_F1: f64 = 0.964;
/// Bag-of-words F1 on Readability's test pages (measured 0.9473).
const READABILITY_BOW_F1: f64 = 0.943;
/// Title agreement on Readability's test pages (measured 92.1%).
const READABILITY_TITLE: f64 = 0.91;

fn run(name: &str) -> Report {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name);
    evaluate(&dir, 2, |bytes, url| {
        let mut ex = gleaner::Extractor::new();
        if let Some(u) = url {
            ex.url(u);
        }
        let doc = ex.extract(bytes).map_err(|e| e.to_string())?;
        Ok(Prediction {
            text: doc.text().to_string(),
            title: doc.title().map(str::to_string),
            author: doc.author().map(str::to_string),
            date: doc.date().map(str::to_string),
            ..Default::default()
        })
    })
    .unwrap()
}

#[test]
fn scrapinghub_floor() {
    let r = run("scrapinghub");
    assert_eq!(r.pages.len(), 181);
    assert_eq!(r.errors(), 0);
    let (_, _, f1) = r.shingle().unwrap();
    assert!(f1 >= SCRAPINGHUB_SHINGLE_F1, "{r}");
}

#[test]
fn readability_floor() {
    let r = run("readability");
    assert_eq!(r.pages.len(), 130);
    assert_eq!(r.errors(), 0);
    let (_, _, f1) = r.bag_of_words().unwrap();
    assert!(f1 >= READABILITY_BOW_F1, "{r}");
    let [(m, t), _, _] = r.metadata();
    assert!(m as f64 / t as f64 >= READABILITY_TITLE, "{r}");
}
