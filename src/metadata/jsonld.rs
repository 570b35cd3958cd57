//! What the page's JSON-LD says of its article: headline, author, date, publisher,
//! description, image, language, body and a recipe's ingredients, from the first object of
//! an article's type (in any `@graph`).

use serde_json::Value;

use crate::text::normalize_space;

/// Most JSON-LD objects read on one page (a page can hold thousands).
const MAX_JSON_LD_OBJECTS: usize = 256;
/// Most JSON-LD values looked through for the types the page names.
const MAX_TYPE_SCAN_VALUES: usize = 4096;
/// Most types kept.
const MAX_TYPES: usize = 64;

/// Fields read from the page's JSON-LD.
#[derive(Debug, Default)]
pub(super) struct JsonLd {
    pub(super) headline: Option<String>,
    pub(super) author: Option<String>,
    pub(super) date: Option<String>,
    pub(super) publisher: Option<String>,
    pub(super) description: Option<String>,
    pub(super) image: Option<String>,
    pub(super) language: Option<String>,
    pub(super) article_body: Option<String>,
    /// Every `@type` named anywhere in the JSON-LD (nested objects too), once each.
    pub(super) types: Vec<String>,
    /// The first product's description.
    pub(super) product_description: Option<String>,
    /// The first recipe's ingredients (`recipeIngredient`), one line each.
    pub(super) recipe_ingredients: Vec<String>,
}

/// Most ingredients read from a recipe.
const MAX_INGREDIENTS: usize = 200;

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article")
        || matches!(
            t,
            "BlogPosting"
                | "Report"
                | "Review"
                | "LiveBlogPosting"
                | "SocialMediaPosting"
                | "DiscussionForumPosting"
                | "TechArticle"
                | "Recipe"
                | "WebPage"
                | "ItemPage"
                | "Product"
                | "QAPage"
        )
}

/// A JSON-LD string as text: its character references decoded, twice, as a `<meta>`
/// value's are (the parser, then [`crate::text::decode_entities`]): plugins escape the
/// escaped title again (`And finally&amp;#8230;`).
fn unescape(s: &str) -> String {
    use crate::text::decode_entities;
    normalize_space(&decode_entities(&decode_entities(s)))
}

fn value_str(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let s = unescape(s);
            (!s.is_empty()).then_some(s)
        }
        Value::Object(o) => o
            .get("name")
            .or_else(|| o.get("url"))
            .or_else(|| o.get("@id"))
            .and_then(value_str),
        Value::Array(a) => a.iter().find_map(value_str),
        _ => None,
    }
}

fn names(v: &Value) -> Option<String> {
    match v {
        Value::Array(a) => {
            let all: Vec<String> = a.iter().filter_map(names).collect();
            (!all.is_empty()).then(|| all.join("; "))
        }
        Value::Object(o) => o.get("name").and_then(value_str),
        Value::String(s) => {
            let s = unescape(s);
            (!s.is_empty() && !s.starts_with("http")).then_some(s)
        }
        _ => None,
    }
}

/// Adds every `@type` in `v` and the values inside it to `types`, walking with an explicit
/// stack.
fn collect_types(v: &Value, types: &mut Vec<String>) {
    let mut stack = vec![v];
    let mut seen = 0;
    while let Some(v) = stack.pop() {
        seen += 1;
        if seen > MAX_TYPE_SCAN_VALUES || types.len() >= MAX_TYPES {
            return;
        }
        match v {
            Value::Array(a) => stack.extend(a),
            Value::Object(o) => {
                let mut add = |t: &str| {
                    // "http://schema.org/Product" and "schema:Product" name Product
                    let t = t.rsplit(['/', ':']).next().unwrap_or(t).trim();
                    if !t.is_empty() && !types.iter().any(|k| k == t) && types.len() < MAX_TYPES {
                        types.push(t.to_string());
                    }
                };
                match o.get("@type") {
                    Some(Value::String(t)) => add(t),
                    Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).for_each(add),
                    _ => {}
                }
                stack.extend(o.values().filter(|v| v.is_object() || v.is_array()));
            }
            _ => {}
        }
    }
}

/// `json` with the control characters inside its strings (raw line breaks and tabs, which
/// JSON forbids and many pages write) turned into spaces, as lenient readers take them.
fn controls_escaped(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string && c < ' ' {
            out.push(' ');
            escaped = false;
            continue;
        }
        if in_string && escaped {
            escaped = false;
        } else if in_string && c == '\\' {
            escaped = true;
        } else if c == '"' {
            in_string = !in_string;
        }
        out.push(c);
    }
    out
}

pub(super) fn read_json_ld(scripts: &[String]) -> JsonLd {
    let mut out = JsonLd::default();
    let mut queue: Vec<Value> = Vec::new();
    for s in scripts {
        let s = s.trim().trim_end_matches(';');
        let parsed = serde_json::from_str::<Value>(s)
            .or_else(|_| serde_json::from_str::<Value>(&controls_escaped(s)));
        if let Ok(v) = parsed {
            collect_types(&v, &mut out.types);
            queue.push(v);
        }
    }
    let mut seen = 0;
    let mut page_headline = false;
    while let Some(v) = queue.pop() {
        seen += 1;
        if seen > MAX_JSON_LD_OBJECTS {
            break;
        }
        match v {
            Value::Array(a) => queue.extend(a.into_iter().rev()),
            Value::Object(mut o) => {
                if let Some(g) = o.remove("@graph") {
                    queue.push(g);
                }
                let types: Vec<String> = match o.get("@type") {
                    Some(Value::String(t)) => vec![t.clone()],
                    Some(Value::Array(a)) => a
                        .iter()
                        .filter_map(|t| t.as_str().map(String::from))
                        .collect(),
                    _ => vec![],
                };
                if !types.iter().any(|t| is_article_type(t)) {
                    continue;
                }
                let is_page = types.iter().all(|t| t == "WebPage");
                let get = |k: &str| o.get(k).and_then(value_str);
                // An article's headline beats a web page's name.
                if out.headline.is_none() || (!is_page && page_headline) {
                    if let Some(h) = get("headline").or_else(|| get("name")) {
                        out.headline = Some(h);
                        page_headline = is_page;
                    }
                }
                if out.author.is_none() {
                    out.author = o.get("author").or_else(|| o.get("creator")).and_then(names);
                }
                if out.date.is_none() {
                    out.date = get("datePublished").or_else(|| get("dateCreated"));
                }
                if out.publisher.is_none() {
                    out.publisher = o.get("publisher").and_then(names);
                }
                if out.description.is_none() {
                    out.description = get("description");
                }
                if out.image.is_none() {
                    out.image = o.get("image").and_then(value_str);
                }
                if out.language.is_none() {
                    out.language = get("inLanguage");
                }
                if out.product_description.is_none()
                    && types
                        .iter()
                        .any(|t| matches!(t.as_str(), "Product" | "ProductGroup"))
                {
                    out.product_description = o
                        .get("description")
                        .and_then(Value::as_str)
                        .map(crate::dom::markup_text)
                        .filter(|d| !d.trim().is_empty());
                }
                if out.recipe_ingredients.is_empty() && types.iter().any(|t| t == "Recipe") {
                    if let Some(Value::Array(a)) = o.get("recipeIngredient") {
                        out.recipe_ingredients = a
                            .iter()
                            .filter_map(Value::as_str)
                            .map(|i| normalize_space(&unescape(i)))
                            .filter(|i| !i.is_empty())
                            .take(MAX_INGREDIENTS)
                            .collect();
                    }
                }
                if out.article_body.is_none() {
                    out.article_body = o
                        .get("articleBody")
                        .and_then(|v| v.as_str())
                        .map(crate::dom::markup_text);
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_line_breaks_in_strings_are_read() {
        let ld = read_json_ld(&["{\"@type\":\"Article\",\"headline\":\"Two\nlines \\\"quoted\\\"\",\n\"datePublished\":\"2024-02-21 13:00:00\"}".to_string()]);
        assert_eq!(ld.date.as_deref(), Some("2024-02-21 13:00:00"));
        assert_eq!(controls_escaped("{\"a\":\"x\ty\"}\n"), "{\"a\":\"x y\"}\n");
    }

    #[test]
    fn references_escaped_twice_are_decoded() {
        let ld = read_json_ld(&[
            r#"{"@type":"NewsArticle","headline":"And finally&amp;#8230; trouble brewing","author":{"name":"Ana &amp;amp; Bo"}}"#.to_string(),
        ]);
        assert_eq!(ld.headline.as_deref(), Some("And finally… trouble brewing"));
        assert_eq!(ld.author.as_deref(), Some("Ana & Bo"));
    }

    #[test]
    fn reads_json_ld_graph() {
        let ld = read_json_ld(&[r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
            {"@type":"NewsArticle","headline":"H","author":[{"@type":"Person","name":"A"},{"name":"B"}],
             "datePublished":"2020-01-02T03:04:05Z","publisher":{"name":"P"},"articleBody":"Body"}]}"#.to_string()]);
        assert_eq!(ld.headline.as_deref(), Some("H"));
        assert_eq!(ld.author.as_deref(), Some("A; B"));
        assert_eq!(ld.date.as_deref(), Some("2020-01-02T03:04:05Z"));
        assert_eq!(ld.publisher.as_deref(), Some("P"));
        assert_eq!(ld.article_body.as_deref(), Some("Body"));
        let ld = read_json_ld(&[r#"{"@type":"Recipe","name":"Muffins","recipeIngredient":["300 g Mehl","1 Pck. Vanillin-Zucker"," "]}"#.to_string()]);
        assert_eq!(
            ld.recipe_ingredients,
            ["300 g Mehl", "1 Pck. Vanillin-Zucker"]
        );
    }
}
