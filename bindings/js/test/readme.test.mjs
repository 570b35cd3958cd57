// The README's Node block, run as written from a new project that installed the package,
// beside the repository's tests/ folder.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));

test("the README's Node block runs as written", () => {
  const readme = readFileSync(root + "README.md", "utf8");
  const block = readme.split("```js\n")[1]?.split("```")[0];
  assert.ok(block, "a js block in the README");
  const dir = mkdtempSync(join(tmpdir(), "gleaner-js-readme-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(join(root, "bindings/js"), join(dir, "node_modules/gleaner"));
    symlinkSync(join(root, "tests"), join(dir, "tests"));
    writeFileSync(join(dir, "readme.mjs"), block);
    const out = execFileSync(process.execPath, ["readme.mjs"], { cwd: dir, encoding: "utf8" });
    assert.ok(out.startsWith("Seoul, Tokyo are close to an intel-sharing deal article en EUC-KR\n"), out);
    assert.ok(out.includes("Seoul and Tokyo are closing in on a sensitive"), out);
    assert.ok(out.includes("106 NotHtml input is not a web page: an ELF executable"), out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
