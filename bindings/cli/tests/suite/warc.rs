//! WARC input through the command: a file made here of corpus pages and odd records, read
//! as a user runs it.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("gleaner-warc-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn corpus_page(id: &str) -> Vec<u8> {
    let mut html = Vec::new();
    let f =
        std::fs::File::open(root().join(format!("corpus/scrapinghub/pages/{id}.html.gz"))).unwrap();
    flate2::read::GzDecoder::new(f)
        .read_to_end(&mut html)
        .unwrap();
    html
}

/// One WARC record of `kind` for `uri` holding `block`.
fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-03-04T05:06:07Z\r\nWARC-Record-ID: <urn:uuid:{}>\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn response(uri: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut block = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
    block.extend_from_slice(body);
    record(
        "response",
        uri,
        "application/http; msgtype=response",
        &block,
    )
}

fn chunked(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for part in body.chunks(777) {
        out.extend_from_slice(format!("{:X}\r\n", part.len()).as_bytes());
        out.extend_from_slice(part);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

const WSJ: &str = "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856";

/// A `.warc.gz` of one gzip member per record: warcinfo, a corpus page, a request, an
/// EUC-KR page chunked and gzipped whose charset only the HTTP header gives, an image, a
/// corrupt member, a page compressed with deflate, and a metadata record.
fn test_warc() -> Vec<u8> {
    let euckr = std::fs::read(root().join("tests/fixtures/seed_euckr.html")).unwrap();
    // the page's own <meta> declaration is taken out: the HTTP header must carry it
    let euckr = String::from_utf8_lossy(&euckr).contains("charset");
    assert!(euckr);
    let raw = std::fs::read(root().join("tests/fixtures/seed_euckr.html")).unwrap();
    let stripped: Vec<u8> = {
        let s = raw.clone();
        let needle = b"charset=";
        match s
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))
        {
            Some(i) => [&s[..i], b"data-x=", &s[i + needle.len()..]].concat(),
            None => s,
        }
    };
    let mut deflated = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    deflated
        .write_all(b"<html><body><article><p>A deflated page about the harbour, its boats and the fish market, long enough to be prose.</p></article></body></html>")
        .unwrap();
    let deflated = deflated.finish().unwrap();
    let mut bad = crate::gzip(&response(
        "https://bad.example/",
        "Content-Type: text/html\r\n",
        b"<p>x</p>",
    ));
    // the first deflate block's type bits set to the reserved value: the member is corrupt
    // from its start (a member corrupt further on gives what came before its damage)
    bad[10] |= 0x06;
    [
        crate::gzip(&record("warcinfo", "", "application/warc-fields", b"software: test\r\n")),
        crate::gzip(&response(
            "https://www.wsj.com/articles/stadia",
            "Content-Type: text/html; charset=utf-8\r\n",
            &corpus_page(WSJ),
        )),
        crate::gzip(&record(
            "request",
            "https://www.wsj.com/articles/stadia",
            "application/http; msgtype=request",
            b"GET /articles/stadia HTTP/1.1\r\n\r\n",
        )),
        crate::gzip(&response(
            "http://www.koreaherald.com/view.php?ud=1",
            "Content-Type: text/html; charset=EUC-KR\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &chunked(&crate::gzip(&stripped)),
        )),
        crate::gzip(&response("https://img.example/a.png", "Content-Type: image/png\r\n", b"\x89PNG\r\n\x1a\n")),
        bad,
        crate::gzip(&response(
            "https://harbour.example/",
            "Content-Type: text/html\r\nContent-Encoding: deflate\r\n",
            &deflated,
        )),
        crate::gzip(&record("metadata", "https://harbour.example/", "application/warc-fields", b"fetchTimeMs: 12\r\n")),
    ]
    .concat()
}

#[test]
fn warc_gz_gives_one_json_line_per_html_page() {
    let d = temp_dir("gz");
    let f = d.join("crawl.warc.gz");
    std::fs::write(&f, test_warc()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .args(["-j", "2"])
        .arg(&f)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let uris: Vec<&str> = lines
        .iter()
        .map(|v| v["warc_target_uri"].as_str().unwrap())
        .collect();
    assert_eq!(
        uris,
        [
            "https://www.wsj.com/articles/stadia",
            "http://www.koreaherald.com/view.php?ud=1",
            "https://harbour.example/"
        ],
        "{stderr}"
    );
    let wsj = &lines[0];
    assert_eq!(wsj["warc_date"], "2024-03-04T05:06:07Z");
    assert_eq!(wsj["http_status"], 200);
    assert!(wsj["warc_record_id"]
        .as_str()
        .unwrap()
        .starts_with("<urn:uuid:"));
    assert_eq!(wsj["sitename"], "WSJ");
    assert_eq!(
        wsj["text"].as_str().unwrap(),
        gleaner::extract(&corpus_page(WSJ)).unwrap().text()
    );
    // the charset came from the HTTP header alone
    let korea = lines[1]["text"].as_str().unwrap();
    assert!(korea.contains("Seoul and Tokyo are closing in"), "{korea}");
    assert_eq!(lines[1]["encoding"], "EUC-KR");
    assert!(lines[2]["text"].as_str().unwrap().contains("deflated page"));
    // the broken member is reported with its offset, the run goes on, the counts add up
    assert!(stderr.contains("corrupt gzip member at offset"), "{stderr}");
    assert!(
        stderr.contains("3 pages extracted, 1 not HTML, 3 other records"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn plain_warc_to_an_output_folder() {
    let d = temp_dir("plain");
    let f = d.join("small.warc");
    let page = b"<html><head><title>Quay | Port News</title></head><body><article><p>The quay was rebuilt over the winter, and the ferries came back in spring, said the harbour master.</p></article></body></html>";
    std::fs::write(
        &f,
        [
            response(
                "https://port.example/quay",
                "Content-Type: text/html\r\n",
                page,
            ),
            response(
                "https://port.example/feed",
                "Content-Type: application/rss+xml\r\n",
                b"<rss/>",
            ),
        ]
        .concat(),
    )
    .unwrap();
    let outdir = d.join("out");
    let out = Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .arg("-o")
        .arg(&outdir)
        .arg(&f)
        .output()
        .unwrap();
    crate::assert_success(&out);
    let jsonl = std::fs::read_to_string(outdir.join("small.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(jsonl.trim()).unwrap();
    assert!(v["title"].as_str().unwrap().starts_with("Quay"));
    assert_eq!(v["url"], "https://port.example/quay");
    assert_eq!(v["warc_offset"], 0);
}

#[test]
fn warc_json_lines_carry_the_fields_with_adds_and_no_format_warning_when_none_was_given() {
    let d = temp_dir("with");
    let f = d.join("crawl.warc.gz");
    std::fs::write(&f, test_warc()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .args(["-f", "json", "--with", "markdown,html"])
        .arg(&f)
        .output()
        .unwrap();
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert!(
        first["markdown"].as_str().is_some_and(|m| !m.is_empty()),
        "{first}"
    );
    assert!(
        first["html"].as_str().is_some_and(|h| h.contains("<p>")),
        "{first}"
    );
    // no --format: nothing to warn about
    let out = Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .arg(&f)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("--format"), "{err}");
    // a --format other than JSON is said to apply to page files only
    let out = Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .args(["-f", "markdown"])
        .arg(&f)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--format applies to page files only"), "{err}");
}
