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
fn a_page_type_given_is_the_one_used_and_reported() {
    let d = temp_dir("page-type");
    let f = d.join("page.html");
    std::fs::write(&f, PAGE).unwrap();
    let run = |extra: &[&str]| {
        let out = bin()
            .args(["--format", "json"])
            .args(extra)
            .arg(&f)
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    assert_eq!(run(&[])["page_type"], "article");
    let v = run(&["--page-type", "forum"]);
    assert_eq!(v["page_type"], "forum");
    assert!(v["text"].as_str().unwrap().contains("Emergency crews"));
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
    // plain ASCII is valid UTF-8, and said to be
    assert_eq!(v["encoding"], "UTF-8");
}

#[test]
fn directory_to_output_dir_with_a_bad_file() {
    let d = temp_dir("dir");
    let input = d.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::write(input.join("a.html"), PAGE).unwrap();
    std::fs::write(input.join("sub/b.html.gz"), crate::gzip(PAGE.as_bytes())).unwrap();
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
    // the input tree is mirrored
    let b = std::fs::read_to_string(out_dir.join("sub/b.md")).unwrap();
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
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/readability");
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

#[test]
fn eval_writes_the_page_type_features_of_each_page_with_its_site() {
    let d = temp_dir("features");
    std::fs::create_dir_all(d.join("pages")).unwrap();
    std::fs::write(d.join("pages/7.html.gz"), crate::gzip(PAGE.as_bytes())).unwrap();
    std::fs::write(
        d.join("truth.jsonl"),
        r#"{"id": "7", "url": "https://www.valley.example/local/rivers?p=1", "text": "Rivers rise", "page_type": "article"}"#,
    )
    .unwrap();
    let table = d.join("features.tsv");
    let out = bin()
        .arg("eval")
        .arg("--page-type-features")
        .arg(&table)
        .arg(&d)
        .output()
        .unwrap();
    crate::assert_success(&out);
    let text = std::fs::read_to_string(&table).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3, "{text}");
    assert_eq!(rows[0][..5], ["id", "site", "half", "url", "type"]);
    // the page with its URL and without; its site as the halves split it, without `www.`
    for (row, given) in rows[1..].iter().zip(["1", "0"]) {
        assert_eq!(row.len(), rows[0].len());
        assert_eq!(row[..2], ["7", "valley.example"]);
        assert!(["A", "B"].contains(&row[2]));
        assert_eq!(row[3..5], [given, "article"]);
    }
}

#[test]
fn eval_lists_the_worst_pages_of_stored_predictions() {
    let d = temp_dir("predictions");
    std::fs::create_dir_all(d.join("pages")).unwrap();
    for id in ["1", "2"] {
        std::fs::write(
            d.join(format!("pages/{id}.html.gz")),
            crate::gzip(PAGE.as_bytes()),
        )
        .unwrap();
    }
    std::fs::write(
        d.join("truth.jsonl"),
        "{\"id\": \"1\", \"text\": \"Rivers across the valley rose sharply on Monday\"}\n\
         {\"id\": \"2\", \"text\": \"Emergency crews closed three bridges\"}\n",
    )
    .unwrap();
    // another extractor's output: page 1 right, page 2 wrong
    let preds = d.join("predictions.json");
    std::fs::write(
        &preds,
        r#"{"1": {"articleBody": "Rivers across the valley rose sharply on Monday"}, "2": {"articleBody": "Copyright Valley News"}}"#,
    )
    .unwrap();
    let out = bin()
        .arg("eval")
        .arg("--predictions")
        .arg(&preds)
        .args(["--worst", "1"])
        .arg(&d)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let worst = text.split("worst pages:").nth(1).expect(&text);
    let first = worst.lines().nth(1).unwrap();
    assert!(first.contains(" 2 ") || first.ends_with(" 2"), "{text}");
    assert!(!worst.contains(" 1 "), "{text}");
}

#[test]
fn outputs_that_would_collide_stop_the_run() {
    let d = temp_dir("collide");
    let input = d.join("in");
    std::fs::create_dir_all(input.join("a")).unwrap();
    std::fs::write(input.join("a/page.html"), PAGE).unwrap();
    std::fs::write(input.join("a/page.html.gz"), crate::gzip(PAGE.as_bytes())).unwrap();
    let out_dir = d.join("out");
    let out = bin().arg("-o").arg(&out_dir).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("page.html and") && err.contains("page.html.gz would both be written to"),
        "{err}"
    );
    assert!(!out_dir.join("a/page.txt").exists(), "nothing is written");
    // standard input has a name of its own
    let mut child = bin()
        .arg("-o")
        .arg(&out_dir)
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(PAGE.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    assert!(std::fs::read_to_string(out_dir.join("stdin.txt"))
        .unwrap()
        .starts_with("Rivers across"));
}

#[test]
fn several_pages_on_standard_output_are_kept_apart() {
    let d = temp_dir("several");
    for name in ["one.html", "two.html"] {
        std::fs::write(d.join(name), PAGE).unwrap();
    }
    let (one, two) = (d.join("one.html"), d.join("two.html"));
    let out = bin()
        .args(["-f", "markdown"])
        .arg(&one)
        .arg(&two)
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    let marks: Vec<&str> = md.lines().filter(|l| l.starts_with("==> ")).collect();
    assert_eq!(
        marks,
        [
            format!("==> {} <==", one.display()),
            format!("==> {} <==", two.display())
        ]
    );
    assert!(md.contains("their homes.\n\n==> "), "{md}");
    let out = bin()
        .args(["-f", "json"])
        .arg(&one)
        .arg(&two)
        .output()
        .unwrap();
    let sources: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        sources,
        [one.display().to_string(), two.display().to_string()]
    );
}

#[test]
fn comments_follow_the_text_in_text_and_markdown() {
    let d = temp_dir("comments");
    let page = PAGE.replace(
        "</article>",
        "</article><section class=\"comments\"><h2>Comments</h2><ol><li class=\"comment\"><span class=\"comment-author\">Bo Lind</span><p>We lost power for a day, but the crews were quick to come.</p></li></ol></section>",
    );
    std::fs::write(d.join("p.html"), page).unwrap();
    let plain = bin().arg(d.join("p.html")).output().unwrap();
    let text = String::from_utf8(plain.stdout).unwrap();
    assert!(!text.contains("We lost power"), "{text}");
    let out = bin()
        .arg("--comments")
        .arg(d.join("p.html"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let (main, comments) = text.split_once("--- Comments ---").expect(&text);
    assert!(main.contains("Rivers across the valley"));
    assert!(comments.contains("Bo Lind:\nWe lost power"), "{comments}");
    let out = bin()
        .args(["--comments", "-f", "markdown"])
        .arg(d.join("p.html"))
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("* * *\n\n## Comments\n\nBo Lind:\n\nWe lost power"),
        "{md}"
    );
}

#[test]
fn wrong_input_and_options_say_so_in_one_line() {
    let d = temp_dir("quiet");
    std::fs::create_dir_all(d.join("empty")).unwrap();
    for args in [
        vec!["--no-such-option".to_string()],
        vec!["--charset".into(), "klingon".into()],
        vec!["--with".into(), "html".into()],
        vec![d.join("empty").display().to_string()],
        vec!["eval".into(), d.join("empty").display().to_string()],
    ] {
        let out = bin().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 2, "{args:?}: {err}");
        assert!(
            err.lines().nth(1).unwrap().starts_with("Try 'gleaner"),
            "{err}"
        );
    }
    // bytes that are not a page
    std::fs::write(d.join("x.html"), b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00").unwrap();
    let out = bin().arg(d.join("x.html")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a web page: an ELF executable"));
}

#[test]
fn each_command_has_its_own_help_and_refuses_what_conflicts() {
    let help = |args: &[&str]| {
        let out = bin().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let main = help(&["--help"]);
    let explain = help(&["explain", "--help"]);
    let eval = help(&["eval", "--help"]);
    assert!(
        main.contains("--output-dir") && main.contains("Exit status"),
        "{main}"
    );
    assert!(
        explain.contains("Usage: gleaner explain") && explain.contains("--output <REPORT.html>")
    );
    assert!(
        !explain.contains("--output-dir") && !explain.contains("--worst"),
        "{explain}"
    );
    assert!(eval.contains("Usage: gleaner eval") && eval.contains("--worst <N>"));
    assert!(!eval.contains("--comments"), "{eval}");
    // options that cannot go together are refused, in one line and a pointer to the help
    for (args, said, help) in [
        (
            vec!["--precision", "--recall"],
            "'--precision' cannot be used with '--recall'",
            "gleaner --help",
        ),
        (
            vec!["explain", "--recall", "--precision"],
            "cannot be used with",
            "gleaner explain --help",
        ),
        (
            vec!["eval", "--sweep", "x=1,2", "--predictions", "p.json", "."],
            "cannot be used with",
            "gleaner eval --help",
        ),
        (
            vec!["--format", "pdf"],
            "possible values: text, markdown, json, html",
            "gleaner --help",
        ),
        (
            vec!["--page-type", "blog"],
            "possible values: article, forum, product, collection, listing, documentation, service",
            "gleaner --help",
        ),
        (
            vec!["--coments"],
            "a similar argument exists: '--comments'",
            "gleaner --help",
        ),
        (vec!["completions"], "<SHELL>", "gleaner completions --help"),
        (
            vec!["explain", "a.html", "b.html"],
            "unexpected argument 'b.html'",
            "gleaner explain --help",
        ),
    ] {
        let out = bin().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: {err}");
        assert!(
            lines[0].starts_with("gleaner: ") && lines[0].contains(said),
            "{args:?}: {err}"
        );
        assert_eq!(lines[1], format!("Try '{help}' for more."), "{args:?}");
    }
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/readability");
    for cmd in [
        format!("eval {corpus}"),
        "completions bash".to_string(),
        format!("-f json {corpus}/pages"),
    ] {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "{} {cmd} | head -c 1 >/dev/null",
                env!("CARGO_BIN_EXE_gleaner")
            ))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{cmd}: {err}"
        );
    }
}

#[test]
fn completion_scripts_for_each_shell() {
    for (shell, marks) in [
        ("bash", ["_gleaner()", "complete -F _gleaner"]),
        ("zsh", ["#compdef gleaner", "_gleaner"]),
        ("fish", ["complete -c gleaner", "-l output-dir"]),
    ] {
        let out = bin().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for mark in marks {
            assert!(script.contains(mark), "{shell}: no {mark:?}");
        }
        // the subcommands and their own options are completed too
        assert!(
            script.contains("explain") && script.contains("worst"),
            "{shell}"
        );
    }
    if Command::new("bash").arg("--version").output().is_ok() {
        let d = temp_dir("completions");
        let script = d.join("gleaner.bash");
        let out = bin().args(["completions", "bash"]).output().unwrap();
        std::fs::write(&script, out.stdout).unwrap();
        let check = Command::new("bash")
            .arg("-n")
            .arg(&script)
            .output()
            .unwrap();
        crate::assert_success(&check);
    }
}

#[test]
fn markdown_with_front_matter_and_title() {
    let d = temp_dir("front-matter");
    let f = d.join("page.html");
    std::fs::write(&f, PAGE).unwrap();
    let out = bin()
        .args(["-f", "markdown", "--front-matter", "--title-heading"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with(
            "---\ntitle: \"Rivers rise after storm\"\nauthor: \"Ana Ruiz\"\nsitename: \"Valley News\"\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("---\n\n# Rivers rise after storm\n\nRivers across the valley"),
        "{md}"
    );
}

#[test]
fn the_readme_markdown_example_is_the_commands_output() {
    // the README's ```sh block under "### Markdown", run as written from the repository's
    // root, gives the ````markdown block after it, byte for byte
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let section = &readme[readme.find("### Markdown\n").expect("a Markdown section")..];
    let command = section
        .split("```sh\n")
        .nth(1)
        .and_then(|s| s.split("\n```").next())
        .expect("a sh block");
    let shown = section
        .split("````markdown\n")
        .nth(1)
        .and_then(|s| s.split("\n````").next())
        .expect("a markdown block");
    let args: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(args[0], "gleaner");
    let out = bin().args(&args[1..]).current_dir(&root).output().unwrap();
    assert!(out.status.success());
    let got = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        got.trim_end(),
        shown,
        "the README's Markdown example is stale"
    );
    for part in [
        "---\ntitle: ",
        "# Parsing",
        "```rust\n",
        "| --- |",
        "![",
        "$O(n)$",
        "**Offset**",
    ] {
        assert!(shown.contains(part), "the example no longer shows {part}");
    }
}

#[test]
fn an_empty_extraction_is_said_and_fails_when_asked() {
    let d = temp_dir("empty-page");
    let f = d.join("blank.html");
    std::fs::write(
        &f,
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    )
    .unwrap();
    let out = bin().arg(&f).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.trim(),
        format!("gleaner: nothing extracted from {}", f.display())
    );
    let out = bin().arg("--fail-empty").arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    // a page with text is no failure
    let page = d.join("page.html");
    std::fs::write(&page, PAGE).unwrap();
    let out = bin().arg("--fail-empty").arg(&page).output().unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
}

#[test]
fn explain_on_a_terminal_asks_for_a_file_instead_of_printing_html() {
    // `script` gives the command a terminal for its standard output
    if Command::new("script").arg("--version").output().is_err() {
        crate::say_skipped("script (util-linux) not found");
        return;
    }
    let d = temp_dir("explain-tty");
    let page = d.join("page.html");
    std::fs::write(&page, PAGE).unwrap();
    let cmd = format!(
        "{} explain {}",
        env!("CARGO_BIN_EXE_gleaner"),
        page.display()
    );
    let out = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(!shown.contains("<html"), "{shown}");
    assert!(shown.contains("--output REPORT.html"), "{shown}");
    assert_eq!(out.status.code(), Some(2), "{shown}");
}
