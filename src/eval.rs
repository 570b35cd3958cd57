//! placeholder until the evaluator lands
#![allow(missing_docs)]
pub struct Prediction { pub text: String, pub title: Option<String>, pub author: Option<String>, pub date: Option<String> }
pub struct Report;
impl std::fmt::Display for Report { fn fmt(&self, _f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { Ok(()) } }
impl Report { pub fn worst(&self, _n: usize) -> Vec<String> { vec![] } }
pub fn evaluate<F>(_d: &std::path::Path, _t: usize, _f: F) -> std::io::Result<Report> where F: Fn(&[u8], Option<&str>) -> Result<Prediction, String> + Sync { Ok(Report) }
