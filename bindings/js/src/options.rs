//! The options of one call, read from the JSON object the JavaScript side sends: Python's
//! names, checked by name and type.

use gleaner::{Extractor, Favor, JsonOptions, Limits, PageType};
use serde_json::Value;
use std::time::Duration;

/// What one call asks for.
pub(crate) struct Options {
    /// The extraction options.
    pub(crate) extractor: Extractor,
    /// Whether the JSON carries the Markdown and the HTML.
    pub(crate) json: JsonOptions,
}

impl Options {
    /// Reads `{"url": ..., "comments": true, ...}`; an unknown name or a value of the
    /// wrong type is an error that says which.
    pub(crate) fn from_json(bytes: &[u8]) -> Result<Options, String> {
        let value: Value = if bytes.is_empty() {
            Value::Object(Default::default())
        } else {
            serde_json::from_slice(bytes).map_err(|e| format!("options are not JSON: {e}"))?
        };
        let Value::Object(map) = value else {
            return Err("options must be an object".into());
        };
        let mut ex = Extractor::new();
        let mut limits = Limits::default();
        let mut json = JsonOptions::default();
        let mut formatting = None;
        for (name, v) in &map {
            if v.is_null() && name != "time_budget" {
                continue; // unset
            }
            match name.as_str() {
                "url" => ex = ex.url(string(name, v)?),
                "charset" => ex = ex.charset(string(name, v)?),
                "comments" => ex = ex.comments(boolean(name, v)?),
                "tables" => ex = ex.tables(boolean(name, v)?),
                "captions" => ex = ex.captions(boolean(name, v)?),
                "links" => ex = ex.links(boolean(name, v)?),
                "images" => ex = ex.images(boolean(name, v)?),
                "formatting" => formatting = Some(boolean(name, v)?),
                "front_matter" => ex = ex.front_matter(boolean(name, v)?),
                "title_heading" => ex = ex.title_heading(boolean(name, v)?),
                "favor" => ex = ex.favor(favor(string(name, v)?)?),
                "page_type" => ex = ex.page_type(Some(page_type(string(name, v)?)?)),
                "max_input_bytes" => limits = limits.with_max_input_bytes(positive(name, v)?),
                "max_depth" => limits = limits.with_max_depth(positive(name, v)?),
                "max_nodes" => limits = limits.with_max_nodes(positive(name, v)?),
                "time_budget" => limits = limits.with_time_budget(seconds(v)?),
                "truncate" => limits = limits.with_truncate(boolean(name, v)?),
                "markdown" => json = json.with_markdown(boolean(name, v)?),
                "html" => json = json.with_html(boolean(name, v)?),
                other => return Err(format!("unknown option {other:?}")),
            }
        }
        // Markdown and HTML carry emphasis, inline code and code languages unless told not to
        let formatting = formatting.unwrap_or(json.markdown || json.html);
        Ok(Options {
            extractor: ex.formatting(formatting).limits(limits),
            json,
        })
    }
}

fn string<'a>(name: &str, v: &'a Value) -> Result<&'a str, String> {
    v.as_str()
        .ok_or_else(|| format!("option {name} must be a string"))
}

fn boolean(name: &str, v: &Value) -> Result<bool, String> {
    v.as_bool()
        .ok_or_else(|| format!("option {name} must be true or false"))
}

fn positive(name: &str, v: &Value) -> Result<usize, String> {
    v.as_u64()
        .filter(|n| *n > 0)
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| format!("option {name} must be a positive whole number"))
}

/// `time_budget`: seconds, or null for no budget.
fn seconds(v: &Value) -> Result<Option<Duration>, String> {
    if v.is_null() {
        return Ok(None);
    }
    v.as_f64()
        .filter(|s| *s > 0.0)
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .map(|d| Some(d.max(Duration::from_millis(1))))
        .ok_or_else(|| "option time_budget must be a positive number of seconds, or null".into())
}

fn favor(s: &str) -> Result<Favor, String> {
    match s {
        "balanced" => Ok(Favor::Balanced),
        "precision" => Ok(Favor::Precision),
        "recall" => Ok(Favor::Recall),
        other => Err(format!(
            "option favor must be \"balanced\", \"precision\" or \"recall\", not {other:?}"
        )),
    }
}

fn page_type(s: &str) -> Result<PageType, String> {
    s.parse().map_err(|_| {
        let names: Vec<&str> = PageType::ALL.iter().map(|t| t.name()).collect();
        format!(
            "option page_type must be one of {}, not {s:?}",
            names.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_types_are_checked() {
        assert!(Options::from_json(b"").is_ok());
        assert!(Options::from_json(br#"{"url": null, "comments": true}"#).is_ok());
        for (json, said) in [
            (&br#"[1]"#[..], "must be an object"),
            (br#"{"comments": 1}"#, "comments must be true or false"),
            (
                br#"{"max_nodes": 0}"#,
                "max_nodes must be a positive whole number",
            ),
            (
                br#"{"max_nodes": 1.5}"#,
                "max_nodes must be a positive whole number",
            ),
            (br#"{"time_budget": -1}"#, "time_budget must be a positive"),
            (br#"{"favor": "speed"}"#, "favor must be"),
            (
                br#"{"page_type": "blog"}"#,
                "page_type must be one of article, forum,",
            ),
            (br#"{"url": 3}"#, "url must be a string"),
            (br#"{"maxNodes": 3}"#, "unknown option \"maxNodes\""),
            (b"{", "not JSON"),
        ] {
            let e = Options::from_json(json).err().unwrap();
            assert!(e.contains(said), "{e}");
        }
    }

    #[test]
    fn limits_and_fields_are_read() {
        let o = Options::from_json(
            br#"{"max_input_bytes": 1000, "time_budget": null, "truncate": true, "html": true}"#,
        )
        .unwrap();
        let l = o.extractor.current_limits();
        assert_eq!(l.max_input_bytes, 1000);
        assert_eq!(l.time_budget, None);
        assert!(l.truncate);
        assert!(o.json.html && !o.json.markdown);
        let o = Options::from_json(br#"{"time_budget": 0.25}"#).unwrap();
        assert_eq!(
            o.extractor.current_limits().time_budget,
            Some(Duration::from_millis(250))
        );
    }
}
