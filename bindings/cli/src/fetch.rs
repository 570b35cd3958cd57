//! URLs in: each input that is an `http://` or `https://` URL is fetched with ureq (TLS by
//! rustls), at most [`PER_HOST`] requests in flight to one host, the input limit enforced
//! while the body is read.

use std::collections::HashMap;
use std::io::ErrorKind;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use ureq::ResponseExt;

/// Most redirects followed before a fetch fails.
pub const MAX_REDIRECTS: u32 = 10;
/// Most requests in flight to one host, whatever the number of workers.
pub const PER_HOST: usize = 2;
/// The time a fetch may take, from the request to the body's end, unless `--timeout`
/// says otherwise.
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;

/// A fetched page.
pub struct Fetched {
    /// The body, as the server sent it once its content encoding (gzip, br) is undone.
    pub bytes: Vec<u8>,
    /// The URL after redirects: the page's URL.
    pub url: String,
    /// The charset the `Content-Type` header names, if any.
    pub charset: Option<String>,
}

/// Whether an input names a URL rather than a file.
pub fn is_url(input: &str) -> bool {
    let head = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    head.starts_with("http://") || head.starts_with("https://")
}

/// The host of `url` (what the per-host limit counts by).
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    rest[..end].to_ascii_lowercase()
}

/// Whether a `Content-Type`'s media type is a web page's.
fn is_html_type(mime: &str) -> bool {
    let m = mime.trim().to_ascii_lowercase();
    m.is_empty() || m == "text/html" || m == "application/xhtml+xml"
}

/// Fetches pages, sharing one connection pool between the workers.
pub struct Fetcher {
    agent: ureq::Agent,
    limit: u64,
    timeout: Duration,
    in_flight: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

/// A request slot to one host, given back when dropped.
struct Slot<'a> {
    fetcher: &'a Fetcher,
    host: String,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut hosts = self
            .fetcher
            .in_flight
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(n) = hosts.get_mut(&self.host) {
            *n -= 1;
        }
        self.fetcher.freed.notify_all();
    }
}

impl Fetcher {
    /// A fetcher whose fetches take at most `timeout` each and whose bodies are at most
    /// `limit` bytes.
    pub fn new(timeout: Duration, limit: usize) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .max_redirects(MAX_REDIRECTS)
            .user_agent(concat!("gleaner/", env!("CARGO_PKG_VERSION")))
            .http_status_as_error(false)
            .build()
            .into();
        Fetcher {
            agent,
            limit: limit as u64,
            timeout,
            in_flight: Mutex::new(HashMap::new()),
            freed: Condvar::new(),
        }
    }

    /// Waits for a slot to `host`.
    fn slot(&self, host: &str) -> Slot<'_> {
        let mut hosts = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        while hosts.get(host).copied().unwrap_or(0) >= PER_HOST {
            hosts = self.freed.wait(hosts).unwrap_or_else(|e| e.into_inner());
        }
        *hosts.entry(host.to_string()).or_insert(0) += 1;
        Slot {
            fetcher: self,
            host: host.to_string(),
        }
    }

    /// Fetches `url`: the page, or why there is none, in a few words.
    pub fn get(&self, url: &str) -> Result<Fetched, String> {
        let _slot = self.slot(&host_of(url));
        let res = self.agent.get(url).call().map_err(|e| self.reason(e))?;
        let status = res.status();
        if !status.is_success() {
            return Err(format!(
                "HTTP {} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            )
            .trim_end()
            .to_string());
        }
        let url = res.get_uri().to_string();
        let mime = res.body().mime_type().unwrap_or("").to_string();
        if !is_html_type(&mime) {
            return Err(format!("not a web page (Content-Type {mime})"));
        }
        let charset = res.body().charset().map(str::to_string);
        let bytes = res
            .into_body()
            .with_config()
            .limit(self.limit)
            .read_to_vec()
            .map_err(|e| self.reason(e))?;
        Ok(Fetched {
            bytes,
            url,
            charset,
        })
    }

    /// What went wrong, in a few words.
    fn reason(&self, e: ureq::Error) -> String {
        match e {
            ureq::Error::Timeout(_) => format!("timed out after {} s", self.timeout.as_secs_f32()),
            ureq::Error::HostNotFound => "host not found (DNS)".into(),
            ureq::Error::BodyExceedsLimit(n) => {
                format!("the page is over the input limit of {n} bytes")
            }
            ureq::Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
            ureq::Error::Io(io) if io.kind() == ErrorKind::ConnectionRefused => {
                "connection refused".into()
            }
            ureq::Error::Io(io) if io.kind() == ErrorKind::TimedOut => {
                format!("timed out after {} s", self.timeout.as_secs_f32())
            }
            other => other.to_string(),
        }
    }
}

/// Where a URL's output goes under an output folder: its host and path, `index` for a
/// path that ends in `/`.
pub fn output_name(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let mut name: String = rest
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "/.-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.ends_with('/') || !name.contains('/') {
        if !name.ends_with('/') {
            name.push('/');
        }
        name.push_str("index");
    }
    name.split('/')
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_hosts_and_names() {
        assert!(is_url("https://example.com/a"));
        assert!(is_url("HTTP://example.com"));
        assert!(!is_url("page.html"));
        assert_eq!(host_of("https://Example.com:8080/a?b"), "example.com:8080");
        assert_eq!(
            output_name("https://example.com/docs/a.html?x=1"),
            "example.com/docs/a.html"
        );
        assert_eq!(output_name("https://example.com"), "example.com/index");
        assert_eq!(
            output_name("https://example.com/docs/"),
            "example.com/docs/index"
        );
        assert_eq!(output_name("http://h/../../etc/passwd"), "h/etc/passwd");
    }
}
