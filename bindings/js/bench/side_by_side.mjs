// gleaner beside Readability.js and Defuddle, each on jsdom and on linkedom, in one thread
// over a folder of pages (*.html, *.htm, *.html.gz): MB/s of input, once warmed up, and
// the ratios to gleaner. Run `npm install` here first (and `npm run build` in ..), then
// `node side_by_side.mjs DIR [--repeat N]`.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";
import { extract } from "gleaner";
import { Readability } from "@mozilla/readability";
import { Defuddle } from "defuddle/node";
import { JSDOM, VirtualConsole } from "jsdom";
import { parseHTML } from "linkedom";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--"));
const repeat = Number(args[args.indexOf("--repeat") + 1]) || 1;
if (!dir) {
  console.error("usage: node side_by_side.mjs DIR [--repeat N]");
  process.exit(2);
}

const pages = readdirSync(dir)
  .filter((n) => /\.(html?|html\.gz)$/.test(n))
  .sort()
  .map((n) => {
    const raw = readFileSync(join(dir, n));
    return n.endsWith(".gz") ? gunzipSync(raw) : raw;
  });
const bytes = pages.reduce((s, p) => s + p.length, 0);
const url = "https://example.com/page.html";
const WARM_UP_MS = 20_000;
const quiet = new VirtualConsole(); // jsdom: no CSS parse errors on the terminal
const utf8 = new TextDecoder();

/** The extractors, each from the page's bytes to its text (or HTML), as its users call it. */
const extractors = {
  "gleaner (text)": (b) => extract(b, { url }).text,
  "gleaner (Markdown)": (b) => extract(b, { url, markdown: true }).markdown,
  "Readability.js on jsdom": (b) =>
    new Readability(new JSDOM(b, { url, virtualConsole: quiet }).window.document).parse()?.textContent,
  "Readability.js on linkedom": (b) => new Readability(parseHTML(utf8.decode(b)).document).parse()?.textContent,
  "Defuddle on jsdom": async (b) =>
    (await Defuddle(new JSDOM(b, { url, virtualConsole: quiet }), url)).content,
  "Defuddle on linkedom": async (b) => (await Defuddle(parseHTML(utf8.decode(b)).document, url)).content,
};

// the peers log what they trip over; only the figures are printed
const say = console.log;
const mute = () => Object.assign(console, { log() {}, warn() {}, error() {}, info() {}, debug() {} });

const rates = {};
for (const [name, f] of Object.entries(extractors)) {
  let failed = 0;
  mute();
  // warm-up (the JIT; WebAssembly's tiering up takes gleaner about three passes): up to
  // three passes over the pages, or 20 seconds; then the timed passes
  const warm = performance.now();
  warming: for (let r = 0; r < 3; r++) {
    for (const p of pages) {
      if (performance.now() - warm > WARM_UP_MS) break warming;
      try {
        await f(p);
      } catch {}
    }
  }
  const start = performance.now();
  for (let r = 0; r < repeat; r++) {
    for (const p of pages) {
      try {
        await f(p);
      } catch {
        failed++;
      }
    }
  }
  const secs = (performance.now() - start) / 1000;
  rates[name] = (bytes * repeat) / 1e6 / secs;
  say(
    `${name.padEnd(28)} ${rates[name].toFixed(1).padStart(7)} MB/s  ${secs.toFixed(1).padStart(6)} s` +
      (failed ? `  (${failed} pages failed)` : ""),
  );
}
const base = rates["gleaner (text)"];
say(`\n${pages.length} pages, ${(bytes / 1e6).toFixed(1)} MB, ${repeat} pass(es), one thread`);
for (const [name, rate] of Object.entries(rates)) {
  if (!name.startsWith("gleaner")) say(`gleaner is ${(base / rate).toFixed(1)}x ${name}`);
}
