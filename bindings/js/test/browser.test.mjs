// The package in a browser: headless Chromium loads browser.js from a local server, as an
// extension or a reader view would, extracts a fixture and its own page, and again in a
// module worker; the page posts what it found back to the server.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = fileURLToPath(new URL("../", import.meta.url));
const fixtures = fileURLToPath(new URL("../../../tests/fixtures/", import.meta.url));

const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Reader view | Test Site</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav>
<article><h1>Reader view</h1>
<p>This page extracts itself: a reader view hands gleaner the document it is showing and gets the article back.</p>
<p>The second paragraph is here so that the article is long enough to be found as the main content of the page.</p>
</article><footer>Copyright 2026 Test Site</footer>
<script type="module">
import { init, extract, GleanerError } from "/pkg/browser.js";
const results = {};
try {
  await init();
  const bytes = new Uint8Array(await (await fetch("/fixtures/seed_euckr.html")).arrayBuffer());
  const doc = extract(bytes, { markdown: true });
  results.fixture = { title: doc.title, encoding: doc.encoding, text: doc.text, markdown: doc.markdown };
  const self = extract(document.documentElement.outerHTML, { url: location.href });
  results.self = { title: self.title, text: self.text };
  try {
    extract(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]));
  } catch (e) {
    results.error = { name: e.name, code: e.code, kind: e.kind, isGleanerError: e instanceof GleanerError };
  }
  const worker = new Worker("/worker.js", { type: "module" });
  results.worker = await new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); });
} catch (e) {
  results.failure = String(e && e.stack || e);
}
await fetch("/result", { method: "POST", body: JSON.stringify(results) });
</script></body></html>`;

const WORKER = `import { init, extract } from "/pkg/browser.js";
try {
  await init();
  const doc = extract(await (await fetch("/fixtures/forum.html")).arrayBuffer());
  postMessage({ title: doc.title, pageType: doc.pageType });
} catch (e) {
  postMessage({ failure: String(e && e.stack || e) });
}`;

const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

function chromium() {
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    const r = spawnSync("which", [name]);
    if (r.status === 0) return r.stdout.toString().trim();
  }
  return null;
}

/** Serves `page` at / (with the package, the fixtures and WORKER), opens it in headless
 * Chromium and returns what the page POSTs to /result. */
async function inChromium(t, page) {
  const browser = chromium();
  if (!browser) {
    assert.ok(!process.env.GLEANER_REQUIRE_CHROMIUM, "GLEANER_REQUIRE_CHROMIUM is set but Chromium is not installed");
    t.skip("Chromium is not installed (apt-get install chromium)");
    return null;
  }
  let deliver;
  const posted = new Promise((resolve) => (deliver = resolve));
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (req.method === "POST" && path === "/result") {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        res.end("ok");
        deliver(JSON.parse(body));
      });
      return;
    }
    if (path === "/") return res.writeHead(200, { "content-type": "text/html" }).end(page);
    if (path === "/worker.js") return res.writeHead(200, { "content-type": "text/javascript" }).end(WORKER);
    let file = null;
    for (const [prefix, dir] of [["/pkg/", pkg], ["/node_modules/gleaner/", pkg], ["/fixtures/", fixtures]]) {
      if (path.startsWith(prefix)) file = join(dir, normalize(path.slice(prefix.length)));
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const profile = mkdtempSync(join(tmpdir(), "gleaner-js-chromium-"));
  const child = spawn(browser, [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    `--user-data-dir=${profile}`, `http://127.0.0.1:${server.address().port}/`,
  ], { stdio: "ignore", detached: true });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  try {
    return await posted;
  } finally {
    // the browser and its helper processes, then its profile
    process.kill(-child.pid, "SIGKILL");
    await exited;
    server.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}

test("a browser page and a worker load the package and extract", { timeout: 120_000 }, async (t) => {
  const r = await inChromium(t, PAGE);
  if (!r) return;
  assert.equal(r.failure, undefined, r.failure);
  assert.equal(r.fixture.title, "Seoul, Tokyo are close to an intel-sharing deal");
  assert.equal(r.fixture.encoding, "EUC-KR");
  assert.ok(r.fixture.text.startsWith("Seoul and Tokyo are closing in"), r.fixture.text.slice(0, 80));
  assert.ok(r.fixture.markdown.includes("Seoul and Tokyo"));
  assert.equal(r.self.title, "Reader view");
  assert.ok(r.self.text.includes("This page extracts itself"), r.self.text);
  assert.ok(!r.self.text.includes("Copyright"), r.self.text);
  assert.deepEqual(r.error, { name: "GleanerError", code: 106, kind: "NotHtml", isGleanerError: true });
  assert.equal(r.worker.failure, undefined, r.worker.failure);
  assert.equal(r.worker.title, "Mesh Wi-Fi drops every evening around 8pm");
  assert.equal(r.worker.pageType, "forum");
});

test("the README's browser block runs as written", { timeout: 120_000 }, async (t) => {
  const readme = readFileSync(fileURLToPath(new URL("../../../README.md", import.meta.url)), "utf8");
  const block = readme.split("```html\n")[1]?.split("```")[0];
  assert.ok(block, "an html block in the README");
  // what the block logs is posted back; the page around it is a short article
  const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Night trains | Rail News</title>
<script>console.log = (...a) => fetch("/result", { method: "POST", body: JSON.stringify(a) });
window.onerror = (m) => fetch("/result", { method: "POST", body: JSON.stringify(["error", String(m)]) });
</script></head><body><nav><a href="/">Home</a> <a href="/trains">Trains</a></nav><article><h1>Night trains</h1>
<p>Night trains are coming back across the continent, with new sleeper routes announced for next year.</p>
<p>Operators say demand has grown every season since the first routes returned, and more carriages are on order.</p>
</article><footer>Copyright Rail News</footer>${block}</body></html>`;
  const logged = await inChromium(t, page);
  if (!logged) return;
  assert.equal(logged[0], "Night trains", JSON.stringify(logged));
  assert.ok(logged[1].includes("Night trains are coming back"), logged[1]);
  assert.ok(!logged[1].includes("Copyright"), logged[1]);
});
