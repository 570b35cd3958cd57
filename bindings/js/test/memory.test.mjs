// Many extractions in one instance: the WebAssembly memory grows to fit the largest page
// and then stays, whatever the number of pages.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { extract, memoryBytes } from "gleaner";

/** The bound the README states for pages of up to 200 KB. */
const BOUND = 16 << 20;

test("1,000 extractions keep the memory under 16 MiB, and it stops growing", () => {
  const dir = new URL("../../../tests/fixtures/", import.meta.url);
  const pages = ["seed_utf8.html", "seed_euckr.html", "forum.html", "product.html", "docs.html", "comments.html"]
    .map((n) => readFileSync(new URL(n, dir)));
  let after100 = 0;
  for (let i = 0; i < 1000; i++) {
    const doc = extract(pages[i % pages.length], { markdown: true, comments: true });
    assert.ok(doc.text.length > 0);
    if (i === 99) after100 = memoryBytes();
  }
  const end = memoryBytes();
  assert.ok(end <= BOUND, `${end} bytes`);
  assert.equal(end, after100, "the memory grew after the first 100 pages");
  console.log(`memory after 1,000 extractions: ${(end / 1048576).toFixed(1)} MiB`);
});
