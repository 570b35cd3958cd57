//! gleaner's own hand-written pages, one per kind of boilerplate and page, each with the
//! text that must come out (in order), the text that must not, and the metadata.

use std::path::Path;

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks one fixture; returns the list of failures.
fn check(html_path: &Path, expect: &serde_json::Value) -> Vec<String> {
    let name = html_path.file_name().unwrap().to_string_lossy().to_string();
    let bytes = std::fs::read(html_path).unwrap();
    let doc = match gleaner::extract(&bytes) {
        Ok(d) => d,
        Err(e) => return vec![format!("{name}: extraction failed: {e}")],
    };
    let mut fails = Vec::new();
    let text = norm(doc.text());
    if let Some(t) = expect["title"].as_str() {
        if doc.title().map(norm) != Some(norm(t)) {
            fails.push(format!("{name}: title {:?}, expected {t:?}", doc.title()));
        }
    }
    if let Some(a) = expect["author"].as_str() {
        if !doc.author().is_some_and(|x| x.contains(a)) {
            fails.push(format!("{name}: author {:?}, expected {a:?}", doc.author()));
        }
    }
    if let Some(d) = expect["date"].as_str() {
        if !doc.date().is_some_and(|x| x.starts_with(d)) {
            fails.push(format!("{name}: date {:?}, expected {d:?}", doc.date()));
        }
    }
    if let Some(l) = expect["lang"].as_str() {
        if doc.language() != Some(l) {
            fails.push(format!(
                "{name}: language {:?}, expected {l:?}",
                doc.language()
            ));
        }
    }
    let mut from = 0;
    for w in expect["with"].as_array().into_iter().flatten() {
        let w = norm(w.as_str().unwrap_or(""));
        match text[from..].find(&w) {
            Some(p) => from += p + w.len(),
            None if text.contains(&w) => fails.push(format!("{name}: out of order: {w:?}")),
            None => fails.push(format!("{name}: missing: {w:?}")),
        }
    }
    for w in expect["without"].as_array().into_iter().flatten() {
        let w = norm(w.as_str().unwrap_or(""));
        if text.contains(&w) {
            fails.push(format!("{name}: boilerplate kept: {w:?}"));
        }
    }
    if let Some(want) = expect["comments"].as_array() {
        fails.extend(check_comments(&name, &bytes, want, &text));
    }
    fails
}

/// Checks the comments, asked for: one per expected comment, in order, each with its
/// author, date and the opening of its text, and none of them in the main text.
fn check_comments(name: &str, bytes: &[u8], want: &[serde_json::Value], text: &str) -> Vec<String> {
    let mut fails = Vec::new();
    let ex = gleaner::Extractor::new().comments(true);
    let doc = ex.extract(bytes).unwrap();
    if norm(doc.text()) != text {
        fails.push(format!("{name}: asking for comments changed the main text"));
    }
    let got = doc.comments();
    if got.len() != want.len() {
        fails.push(format!(
            "{name}: {} comments, expected {}: {got:#?}",
            got.len(),
            want.len()
        ));
    }
    for (g, w) in got.iter().zip(want) {
        if g.author.as_deref() != w["author"].as_str() || g.date.as_deref() != w["date"].as_str() {
            fails.push(format!(
                "{name}: comment by {:?} on {:?}, expected {w}",
                g.author, g.date
            ));
        }
        if !norm(&g.text).starts_with(&norm(w["text"].as_str().unwrap_or(""))) {
            fails.push(format!("{name}: comment text {:?}, expected {w}", g.text));
        }
        for line in g.text.lines() {
            if text.contains(&norm(line)) {
                fails.push(format!("{name}: comment in the main text: {line:?}"));
            }
        }
    }
    fails
}

#[test]
fn fixtures_come_out_as_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".expect.json"))
        .collect();
    entries.sort();
    assert!(entries.len() >= 15, "expected the fixtures in {dir:?}");
    let mut fails = Vec::new();
    for e in &entries {
        let expect: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(e).unwrap()).unwrap();
        let stem = e
            .to_string_lossy()
            .trim_end_matches(".expect.json")
            .to_string();
        fails.extend(check(Path::new(&format!("{stem}.html")), &expect));
    }
    assert!(
        fails.is_empty(),
        "{} failures:\n{}",
        fails.len(),
        fails.join("\n")
    );
}

#[test]
fn a_cookie_notice_is_never_the_content_even_when_it_has_the_most_prose() {
    // a forum thread whose posts are named like comments (as Invision Community names
    // them), beside a consent manager's long preference centre
    let post = |who: &str, text: &str| {
        format!("<article class=\"cPost ipsComment\"><aside class=\"ipsComment_author\"><h3>{who}</h3></aside><div class=\"ipsComment_content\"><p>Posted March 19, 2024</p><p>{text}</p></div></article>")
    };
    let notice = "These technologies are necessary for the website to function and cannot be disabled. They are usually only set in response to actions made by you which amount to a request for services, such as setting your privacy preferences, logging in or filling in forms. ";
    let html = format!(
        "<html><body><h1>New case: what are these two ports for?</h1><div id=\"comments\">{}{}</div><div id=\"onetrust-consent-sdk\"><h2>Privacy Preference Center</h2><p>{}</p><p>{}</p><p>{}</p></div></body></html>",
        post("Rabbids", "Not sure if this is the right place, but does anyone know what these two ports are for? The manual says nothing about them, and they both look very intentional."),
        post("DevBiker", "I have heard the rear one is for a fan hub cable, and the one at the bottom lets you route the cables of the bottom intake fans."),
        notice.repeat(3),
        notice.repeat(3),
        notice.repeat(3)
    );
    let doc = gleaner::extract(html.as_bytes()).unwrap();
    assert!(
        doc.text().contains("Not sure if this is the right place"),
        "{}",
        doc.text()
    );
    assert!(!doc.text().contains("These technologies"), "{}", doc.text());
}

#[test]
fn a_site_wide_announcement_bar_is_not_the_content() {
    // a notice above the header, twice (desktop and mobile), in a bar named as the
    // platforms name it (Shopify's announcement-bar section, WordPress's BulletinWP), on a
    // page of a heading, short items and two paragraphs
    let notice = "Important update: our Main Street clinic is not affiliated with the hospital across the road. Rest assured, we are open and ready to serve you!";
    let items: String = [
        "Screening exams",
        "Cleanings",
        "Extractions",
        "X-rays",
        "Fillings",
        "Root canals",
        "Dental emergencies",
        "Orthodontic evaluations",
    ]
    .iter()
    .map(|i| format!("<li>{i}</li>"))
    .collect();
    for bar in ["announcement-bar", "bulletinwp-bulletin-content"] {
        let html = format!(
            "<html><body><div class=\"{bar}\"><div class=\"notice-content\"><p>{notice}</p></div><div class=\"notice-content\"><p>{notice}</p></div></div><article><h1>Dental care</h1><p>You will find modern treatment rooms at our centres, along with caring dentists and hygienists for adults and children.</p><h2>Procedures and services</h2><ul>{items}</ul><h2>Walk-in centre</h2><p>Do you have a dental emergency? Our walk-in centre is open most Saturdays.</p></article></body></html>"
        );
        let doc = gleaner::extract(html.as_bytes()).unwrap();
        assert!(
            doc.text().contains("modern treatment rooms"),
            "{bar}: {}",
            doc.text()
        );
        assert!(
            doc.text().contains("walk-in centre is open"),
            "{bar}: {}",
            doc.text()
        );
        assert!(
            !doc.text().contains("Important update"),
            "{bar}: {}",
            doc.text()
        );
    }
}
