// The package in Node: fixtures of every kind, both charsets of the seed page, comments,
// binary input, every limit and every option's checks; the same JSON as the native engine.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gunzipSync, gzipSync } from "node:zlib";
import { extract, explain, init, GleanerError, memoryBytes } from "gleaner";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const fixtures = root + "tests/fixtures/";
const page = (name) => readFileSync(fixtures + name);

/** Whitespace folded, as the Rust fixture test compares. */
const fold = (s) => s.replace(/\s+/g, " ").trim();

function throwsGleaner(f, code, said) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof GleanerError, `${e}`);
    assert.equal(e.code, code, e.message);
    if (said) assert.ok(e.message.includes(said), e.message);
    return true;
  });
}

test("init is there for code shared with browsers, and resolves at once", async () => {
  await init();
  assert.ok(memoryBytes() > 0);
});

test("every fixture keeps what it must and drops what it must not", () => {
  const names = readdirSync(fixtures).filter((n) => n.endsWith(".expect.json"));
  assert.ok(names.length >= 15, `${names.length} fixtures`);
  for (const name of names) {
    const stem = name.replace(".expect.json", "");
    const want = JSON.parse(readFileSync(fixtures + name, "utf8"));
    const doc = extract(page(stem + ".html"), { comments: stem.startsWith("comments") });
    const text = fold(doc.text);
    if (want.title !== undefined) assert.equal(doc.title, want.title, stem);
    if (want.date) assert.equal(doc.date, want.date, stem);
    if (want.lang) assert.equal(doc.language, want.lang, stem);
    for (const s of want.with ?? []) assert.ok(text.includes(fold(s)), `${stem}: missing ${s}`);
    for (const s of want.without ?? []) assert.ok(!text.includes(fold(s)), `${stem}: kept ${s}`);
  }
});

test("the seed page as UTF-8 and as EUC-KR bytes, gzipped or brotli, gives the same article", () => {
  const utf8 = extract(page("seed_utf8.html"));
  const euckr = extract(page("seed_euckr.html"));
  assert.equal(utf8.encoding, "UTF-8");
  assert.equal(euckr.encoding, "EUC-KR");
  assert.equal(euckr.title, "Seoul, Tokyo are close to an intel-sharing deal");
  assert.equal(euckr.title, utf8.title);
  assert.ok(euckr.text.startsWith("Seoul and Tokyo are closing in"), euckr.text.slice(0, 80));
  // an ArrayBuffer, a Buffer's view and a gzip of the page are the same page
  const bytes = page("seed_euckr.html");
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  assert.equal(extract(copy).text, euckr.text);
  assert.equal(extract(new DataView(copy)).text, euckr.text);
  assert.equal(extract(gzipSync(bytes)).text, euckr.text);
  assert.equal(extract(brotliCompressSync(bytes)).text, euckr.text);
});

test("a string is text: its declared charset does not matter", () => {
  // (a windows-1252 declaration would not tell: valid UTF-8 bytes are read as UTF-8 anyway)
  const html =
    '<meta charset="shift_jis"><title>Café</title><article><p>The café on the corner reopened on Monday with a new menu and longer hours.</p></article>';
  assert.notEqual(extract(new TextEncoder().encode(html)).title, "Café", "the bytes follow the declaration");
  const doc = extract(html);
  assert.equal(doc.title, "Café");
  assert.ok(doc.text.includes("The café on the corner"), doc.text);
  assert.equal(extract(readFileSync(fixtures + "seed_utf8.html", "utf8")).text, extract(page("seed_utf8.html")).text);
});

test("the result's fields, and Markdown and HTML only when asked", () => {
  const doc = extract(page("seed_utf8.html"), { url: "https://example.com/news/1" });
  assert.deepEqual(Object.keys(doc).sort(), ["author", "comments", "confidence", "date", "description",
    "encoding", "html", "image", "language", "markdown", "pageType", "sitename", "text", "title",
    "truncated", "url"]);
  for (const key of ["title", "language", "url", "text", "encoding", "pageType"]) {
    assert.equal(typeof doc[key], "string", key);
  }
  assert.equal(doc.url, "http://koreajoongangdaily.joins.com/news/article/article.aspx?aid=3025806"); // the canonical URL
  assert.equal(doc.date, "2016-11-10");
  assert.equal(doc.pageType, "article");
  assert.ok(doc.confidence > 0 && doc.confidence <= 1);
  assert.equal(doc.truncated, false);
  assert.equal(doc.markdown, undefined);
  assert.equal(doc.html, undefined);
  assert.deepEqual(doc.comments, []);
  const rich = extract(page("code_table.html"), { markdown: true, html: true, frontMatter: true });
  assert.ok(rich.markdown.startsWith("---\n"), rich.markdown.slice(0, 40));
  assert.ok(rich.markdown.includes("```"), "a code block");
  assert.ok(rich.markdown.includes("| "), "a table");
  assert.ok(rich.html.includes("<pre"), rich.html.slice(0, 200));
});

test("comments come apart from the text, only when asked", () => {
  const without = extract(page("comments.html"));
  const withc = extract(page("comments.html"), { comments: true });
  assert.deepEqual(without.comments, []);
  assert.ok(withc.comments.length >= 2, `${withc.comments.length} comments`);
  for (const c of withc.comments) {
    assert.equal(typeof c.text, "string");
    assert.ok(!withc.text.includes(c.text.slice(0, 40)), c.text);
  }
  assert.equal(withc.text, without.text);
});

test("binary input is not a web page", () => {
  throwsGleaner(() => extract(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0])), 106,
    "input is not a web page: an ELF executable");
  try {
    extract(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    assert.fail("a PNG was extracted");
  } catch (e) {
    assert.equal(e.kind, "NotHtml");
    assert.equal(e.name, "GleanerError");
  }
});

/** An article of `n` paragraphs. */
const article = (n) =>
  "<html><body><article>" +
  Array.from({ length: n }, (_, i) => `<p>Paragraph ${i} of the long article, with enough words to count as prose.</p>`).join("") +
  "</article></body></html>";

test("every limit gives its error, or a truncated result with truncate", () => {
  const seed = page("seed_utf8.html");
  throwsGleaner(() => extract(seed, { maxInputBytes: 1000 }), 100, "exceeds the limit of 1000 bytes");
  throwsGleaner(() => extract(seed, { max_input_bytes: 1000 }), 100); // Python's spelling
  throwsGleaner(() => extract(seed, { maxNodes: 50 }), 101, "more than 50 elements");
  throwsGleaner(() => extract(seed, { url: "not a url" }), 102, "invalid page URL");
  const big = article(100_000); // about 9 MB
  throwsGleaner(() => extract(big, { timeBudget: 0.001 }), 103, "time budget of 1ms");
  const cut = extract(big, { timeBudget: 0.001, truncate: true });
  assert.equal(cut.truncated, true);
  assert.ok(cut.text.startsWith("Paragraph 0 of"));
  assert.ok(!cut.text.includes("Paragraph 99999 of"));
  const nodes = extract(article(2000), { maxNodes: 500, truncate: true });
  assert.equal(nodes.truncated, true);
  assert.ok(!nodes.text.includes("Paragraph 1999 of"));
  const input = extract(article(2000), { maxInputBytes: 10_000, truncate: true });
  assert.equal(input.truncated, true);
  // past the depth limit the text stays, flattened into its ancestor
  const deep = "<div>".repeat(1000) + "<p>The deepest paragraph of the page, still kept as the article text.</p>";
  assert.ok(extract(deep, { maxDepth: 64 }).text.includes("The deepest paragraph"));
  // no time budget at all
  assert.ok(extract(seed, { timeBudget: null }).text.length > 1000);
  // a gzip bomb stops at the input limit
  const bomb = gzipSync(new Uint8Array(64 << 20));
  throwsGleaner(() => extract(bomb, { maxInputBytes: 1 << 20 }), 100);
});

test("options are checked by name and type", () => {
  const seed = page("seed_utf8.html");
  throwsGleaner(() => extract(seed, { commments: true }), 3, 'unknown option "commments"');
  throwsGleaner(() => extract(seed, { comments: "yes" }), 3, "comments must be true or false");
  throwsGleaner(() => extract(seed, { maxNodes: -1 }), 3, "max_nodes must be a positive whole number");
  throwsGleaner(() => extract(seed, { favor: "speed" }), 3, "favor must be");
  throwsGleaner(() => extract(seed, { pageType: "blog" }), 3, "page_type must be one of");
  assert.throws(() => extract(42), TypeError);
  assert.throws(() => extract(seed, "comments"), TypeError);
  // favor changes what is kept in doubt
  const p = extract(seed, { favor: "precision" }).text.length;
  const r = extract(seed, { favor: "recall" }).text.length;
  assert.ok(p <= r, `${p} > ${r}`);
  // a page type given is the one used
  assert.equal(extract(seed).pageType, "article");
  assert.equal(extract(seed, { pageType: "forum" }).pageType, "forum");
});

test("explain gives the HTML report", () => {
  const report = explain(page("seed_utf8.html"));
  assert.ok(report.startsWith("<!DOCTYPE html>"), report.slice(0, 40));
  assert.ok(report.includes("Seoul, Tokyo are close to an intel-sharing deal"));
  throwsGleaner(() => explain(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])), 106);
});

/** The native command, built by `cargo test` (debug) or `cargo build --release`. */
const nativeBin = ["target/release/gleaner", "target/debug/gleaner"].map((p) => root + p).find(existsSync);

function nativeJson(path) {
  return execFileSync(nativeBin, ["-f", "json", "--with", "markdown,html", "--comments", path], {
    maxBuffer: 1 << 28,
  }).toString();
}

test("the WebAssembly engine gives the native engine's JSON, on a page of each kind", (t) => {
  const dir = process.env.GLEANER_CORPUS_DIR ?? root + "../shared/corpus";
  if (!existsSync(dir + "/wcxb-dev/truth.jsonl") || !nativeBin) {
    // CI has both (it runs cargo test first) and sets GLEANER_REQUIRE_CORPUS
    assert.ok(!process.env.GLEANER_REQUIRE_CORPUS, "GLEANER_REQUIRE_CORPUS is set but wcxb-dev or the native command is missing");
    t.skip("needs the wcxb-dev corpus and the native command (cargo build -p gleaner-cli)");
    return;
  }
  const truth = readFileSync(dir + "/wcxb-dev/truth.jsonl", "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const kinds = new Map();
  for (const t of truth) if (t.page_type && !kinds.has(t.page_type)) kinds.set(t.page_type, t);
  assert.equal(kinds.size, 7, [...kinds.keys()].join(" "));
  for (const [kind, t] of kinds) {
    const path = `${dir}/wcxb-dev/pages/${t.id}.html.gz`;
    const native = JSON.parse(nativeJson(path));
    delete native.source;
    const doc = extract(gunzipSync(readFileSync(path)), { markdown: true, html: true, comments: true });
    assert.equal(doc.text, native.text, kind);
    assert.equal(doc.markdown, native.markdown, kind);
    assert.equal(doc.html, native.html, kind);
    assert.equal(doc.pageType, native.page_type, kind);
    assert.equal(doc.title, native.title, kind);
    assert.equal(doc.confidence, native.confidence, kind);
    assert.deepEqual(doc.comments, native.comments ?? [], kind);
  }
});

test("an error thrown through the module renews the instance, and the next call works", () => {
  const seed = page("seed_utf8.html");
  const now = performance.now;
  performance.now = () => {
    throw new RangeError("Maximum call stack size exceeded");
  };
  try {
    throwsGleaner(() => extract(seed, { timeBudget: 5 }), 999, "Maximum call stack size exceeded");
  } finally {
    performance.now = now;
  }
  assert.equal(extract(seed).title, "Seoul, Tokyo are close to an intel-sharing deal");
});
