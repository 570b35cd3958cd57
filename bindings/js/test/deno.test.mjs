// The package in Deno: the browser entry (fetching gleaner.wasm beside it by file URL)
// and the Node entry (through Deno's Node compatibility) both extract.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const pkg = fileURLToPath(new URL("../", import.meta.url));

function deno() {
  const local = pkg + "node_modules/.bin/deno";
  if (existsSync(local)) return local;
  return spawnSync("deno", ["--version"]).status === 0 ? "deno" : null;
}

const SCRIPT = `
import * as browser from "${pkg}browser.js";
import * as node from "${pkg}node.js";
const page = await Deno.readFile("${pkg}../../tests/fixtures/seed_euckr.html");
await browser.init();
const a = browser.extract(page);
const b = node.extract(page);
console.log(JSON.stringify({ a: [a.title, a.encoding], b: [b.title, b.text === a.text] }));
`;

test("Deno runs the browser entry and the Node entry", { timeout: 60_000 }, (t) => {
  const bin = deno();
  if (!bin) {
    assert.ok(!process.env.GLEANER_REQUIRE_DENO, "GLEANER_REQUIRE_DENO is set but Deno is not installed");
    t.skip("Deno is not installed (npm install --no-save deno)");
    return;
  }
  const r = spawnSync(bin, ["eval", "--quiet", SCRIPT], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split("\n").pop());
  const title = "Seoul, Tokyo are close to an intel-sharing deal";
  assert.deepEqual(out, { a: [title, "EUC-KR"], b: [title, true] });
});
