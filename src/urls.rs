//! Resolving a page's links against its URL.

/// Resolves `href` against `base`, when both make sense.
pub fn resolve_url(base: Option<&url::Url>, href: &str) -> String {
    let href = href.trim();
    match base {
        Some(b) => b
            .join(href)
            .map(|u| u.to_string())
            .unwrap_or_else(|_| href.to_string()),
        None => href.to_string(),
    }
}
