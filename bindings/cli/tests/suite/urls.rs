//! `gleaner URL`: pages served by a server in this process on 127.0.0.1 (nothing reaches
//! the network): redirects followed, the final URL as the page's, and one line naming the
//! URL and the reason for each fetch that fails, the others going on.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::time::Duration;

const PAGE: &str = "<html lang=en><head><meta charset=utf-8><title>Harbour ferry timetable</title></head><body>
<nav><a href='/'>Home</a> <a href='/news/'>News</a></nav>
<article><h1>Harbour ferry timetable</h1>
<p>The ferry to the island leaves the harbour at nine every morning, and the crossing takes an hour in calm weather.</p>
<p>Tickets are sold on board; see the <a href='fares.html'>fares</a> for children, bicycles and cars.</p>
</article></body></html>";

/// One response: status line, content type, body.
fn respond(mut s: TcpStream, status: &str, headers: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = s.write_all(head.as_bytes());
    let _ = s.write_all(body);
}

fn handle(s: TcpStream) {
    let mut reader = BufReader::new(s.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
            break;
        }
    }
    let html = "Content-Type: text/html; charset=utf-8\r\n";
    match path.as_str() {
        "/docs/page.html" => respond(s, "200 OK", html, PAGE.as_bytes()),
        "/r1" => respond(s, "302 Found", "Location: /r2\r\n", b""),
        "/r2" => respond(
            s,
            "301 Moved Permanently",
            "Location: /docs/page.html\r\n",
            b"",
        ),
        "/loop" => respond(s, "302 Found", "Location: /loop\r\n", b""),
        "/doc.pdf" => respond(
            s,
            "200 OK",
            "Content-Type: application/pdf\r\n",
            b"%PDF-1.4\n%\xe2\xe3",
        ),
        "/big.html" => {
            let body = PAGE.repeat(400);
            respond(s, "200 OK", html, body.as_bytes())
        }
        "/stall" => std::thread::sleep(Duration::from_secs(8)),
        _ => respond(s, "404 Not Found", html, b"<p>no such page</p>"),
    }
}

/// Serves the pages above; returns the base URL.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for s in listener.incoming().flatten() {
            std::thread::spawn(move || handle(s));
        }
    });
    base
}

fn gleaner(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_url_is_fetched_through_its_redirects_and_its_links_resolve_against_the_final_url() {
    let base = serve();
    let out = gleaner(&["-f", "markdown", "--links", &format!("{base}/r1")]);
    crate::assert_success(&out);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("The ferry to the island leaves the harbour at nine"),
        "{md}"
    );
    assert!(
        md.contains(&format!("[fares]({base}/docs/fares.html)")),
        "{md}"
    );
    assert!(!md.contains("Home"), "{md}");
    let out = gleaner(&["-f", "json", &format!("{base}/r1")]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["url"], format!("{base}/docs/page.html"));
    assert_eq!(v["title"], "Harbour ferry timetable");
}

#[test]
fn each_failed_fetch_is_one_line_naming_the_url_and_the_others_go_on() {
    let base = serve();
    let refused = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/page.html", l.local_addr().unwrap())
    };
    let urls = [
        format!("{base}/missing.html"),
        format!("{base}/doc.pdf"),
        format!("{base}/big.html"),
        format!("{base}/stall"),
        format!("{base}/loop"),
        refused,
    ];
    let list = std::env::temp_dir().join(format!("gleaner-urls-{}.txt", std::process::id()));
    std::fs::write(&list, urls.join("\n") + "\n# a comment\n").unwrap();
    let good = format!("{base}/docs/page.html");
    let out = gleaner(&[
        "--timeout",
        "1",
        "--max-input-bytes",
        "100000",
        "-j",
        "3",
        "--input-file",
        list.to_str().unwrap(),
        &good,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("The ferry to the island"), "{text}");
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), urls.len(), "{err}");
    for (url, why) in urls.iter().zip([
        "HTTP 404",
        "not a web page (Content-Type application/pdf)",
        "over the input limit",
        "timed out",
        "more than 10 redirects",
        "connection refused",
    ]) {
        let line = lines
            .iter()
            .find(|l| l.contains(url.as_str()))
            .unwrap_or_else(|| panic!("no line for {url}: {err}"));
        assert!(line.contains(why), "{line} does not say {why}");
    }
    let _ = std::fs::remove_file(list);
}
