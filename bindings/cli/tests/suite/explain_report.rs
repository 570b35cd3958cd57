//! The explain report in a real browser: headless Chromium renders it, and the counts its
//! script reads off the rendered page match the extraction. Without Chromium the test
//! says so and passes, unless GLEANER_REQUIRE_CHROMIUM is set (as CI sets it).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The seed fixture and three corpus pages: a news article, a blog post with comments,
/// and a page in another script.
const PAGES: [&str; 4] = [
    "tests/fixtures/seed_utf8.html",
    "corpus/scrapinghub/pages/042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856.html.gz",
    "corpus/readability/pages/wordpress.html.gz",
    "corpus/readability/pages/qq.html.gz",
];

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let out = Command::new("which").arg(name).output().ok()?;
            out.status
                .success()
                .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
        })
}

/// Runs headless Chromium on `report` with `extra` arguments; returns its stdout.
fn run_chromium(browser: &Path, report: &Path, extra: &[&str]) -> String {
    let profile = tempdir("profile");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", report.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn tempdir(what: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("gleaner-explain-{what}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The text of the element with `id` in `html`.
fn text_of(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let start = at + html[at..].find('>').unwrap() + 1;
    let end = start + html[start..].find('<').unwrap();
    html[start..end].to_string()
}

#[test]
fn the_report_renders_in_chromium_with_the_extractions_counts() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("GLEANER_REQUIRE_CHROMIUM").is_none(),
            "GLEANER_REQUIRE_CHROMIUM is set but Chromium is not installed"
        );
        crate::say_skipped(
            "the explain report's browser test: Chromium is not installed (apt-get install chromium)",
        );
        return;
    };
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let dir = tempdir("reports");
    for (i, page) in PAGES.iter().enumerate() {
        let path = root.join(page);
        let report = dir.join(format!("report-{i}.html"));
        let status = Command::new(env!("CARGO_BIN_EXE_gleaner"))
            .arg("explain")
            .arg(&path)
            .arg("--output")
            .arg(&report)
            .status()
            .unwrap();
        assert!(status.success(), "{page}");
        // what the library says
        let bytes = std::fs::read(&path).unwrap();
        let bytes = if page.ends_with(".gz") {
            use std::io::Read;
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut out)
                .unwrap();
            out
        } else {
            bytes
        };
        let ex = gleaner::Extractor::new().explain(&bytes).unwrap();
        let doc = gleaner::Extractor::new().extract(&bytes).unwrap();
        // what the browser shows, after the report's script has counted the rendered blocks
        let dom = run_chromium(&browser, &report, &["--dump-dom"]);
        let kept: usize = text_of(&dom, "rendered-kept").parse().unwrap();
        let total: usize = text_of(&dom, "rendered-total").parse().unwrap();
        assert_eq!(kept, ex.kept_blocks(), "{page}");
        assert_eq!(kept, doc.blocks().len(), "{page}");
        assert_eq!(total, ex.blocks.len(), "{page}");
        assert_eq!(text_of(&dom, "kept-blocks"), kept.to_string(), "{page}");
        let title = doc.title().unwrap_or("(no title)");
        assert!(
            dom.contains(&format!("<h1>{}</h1>", title.replace('&', "&amp;"))),
            "{page}: {title}"
        );
        if i == 0 {
            let png = dir.join("report.png");
            run_chromium(
                &browser,
                &report,
                &[
                    "--window-size=1200,900",
                    &format!("--screenshot={}", png.display()),
                ],
            );
            let image = std::fs::read(&png).unwrap();
            assert!(
                image.starts_with(b"\x89PNG") && image.len() > 10_000,
                "screenshot"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
