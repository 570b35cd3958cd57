//! The `gleaner` command as a user runs it: files, directories, standard input, formats,
//! output folders and exit status.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const PAGE: &str = r#"<html lang="en"><head><title>Rivers rise after storm | Valley News</title>
<meta name="author" content="Ana Ruiz"></head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<article><h1>Rivers rise after storm</h1>
<p>Rivers across the valley rose sharply on Monday after a storm dropped more rain in one night than usually falls in a month.</p>
<p>Emergency crews closed three bridges, and the county opened shelters in two schools for families who had to leave their homes.</p>
</article><footer>Copyright Valley News. All rights reserved.</footer></body></html>"#;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gleaner"))
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("gleaner-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn extracts_a_file_as_text() {
    let d = temp_dir("file");
    let f = d.join("page.html");
    std::fs::write(&f, PAGE).unwrap();
    let out = bin().arg(&f).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Rivers across the valley"), "{text}");
    assert!(!text.contains("Copyright"));
    assert!(!text.contains("Home"));
}

#[test]
fn reads_standard_input_and_writes_json() {
    let mut child = bin()
        .args(["--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(PAGE.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "Rivers rise after storm");
    assert_eq!(v["author"], "Ana Ruiz");
    assert_eq!(v["language"], "en");
    assert!(v["text"].as_str().unwrap().contains("Emergency crews"));
}

#[test]
fn directory_to_output_dir_with_a_bad_file() {
    let d = temp_dir("dir");
    let input = d.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::write(input.join("a.html"), PAGE).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(PAGE.as_bytes()).unwrap();
    std::fs::write(input.join("sub/b.html.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(input.join("notes.txt"), "not a page").unwrap();
    let out_dir = d.join("out");
    let missing = d.join("missing.html");
    let out = bin()
        .args(["-f", "markdown", "-j", "2", "-o"])
        .arg(&out_dir)
        .arg(&input)
        .arg(&missing)
        .output()
        .unwrap();
    // the missing file is reported and makes the exit status 1; the others are written
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing.html"), "{err}");
    let a = std::fs::read_to_string(out_dir.join("a.md")).unwrap();
    let b = std::fs::read_to_string(out_dir.join("b.md")).unwrap();
    assert_eq!(a, b);
    assert!(a.contains("Rivers across the valley"));
    assert!(!out_dir.join("notes.md").exists());
}

#[test]
fn usage_errors_exit_2() {
    let out = bin().arg("--no-such-option").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["--format", "pdf"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().arg("--help").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--output-dir"));
}

#[test]
fn eval_sweeps_a_weight_and_refuses_unknown_ones() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/readability");
    let out = bin()
        .args(["eval", "--sweep", "prose_min_len=40,400", corpus])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with("prose_min_len=40\treadability  shingle "));
    assert!(lines[1].starts_with("prose_min_len=400\treadability  shingle "));
    // a weight that makes every short paragraph boilerplate scores differently
    assert_ne!(lines[0].split('\t').nth(1), lines[1].split('\t').nth(1));

    let out = bin()
        .args(["eval", "--set", "no_such_weight=1", corpus])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("unknown weight \"no_such_weight\""), "{err}");
}
