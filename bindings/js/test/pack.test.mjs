// `npm pack` gives a tarball that a new project installs and uses from Node, on a page it
// reads from disk; the tarball holds the module, its types and licenses, and no tests.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = fileURLToPath(new URL("../", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

test("a new project installs the packed tarball and extracts a page from disk", { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "gleaner-js-pack-"));
  try {
    // (npm run build made gleaner.wasm and copied the licenses; prepack would build again)
    const packed = JSON.parse(
      execFileSync(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: pkg, encoding: "utf8" }),
    )[0];
    const files = packed.files.map((f) => f.path).sort();
    assert.deepEqual(files, [
      "LICENSE-APACHE", "LICENSE-MIT", "README.md", "browser.js", "core.js", "gleaner.d.ts",
      "gleaner.wasm", "node.js", "package.json",
    ]);
    const project = join(dir, "project");
    mkdirSync(project);
    execFileSync(npm, ["init", "-y"], { cwd: project, stdio: "ignore" });
    execFileSync(npm, ["install", "--no-audit", "--no-fund", "--offline", join(dir, packed.filename)], { cwd: project, stdio: "ignore" });
    writeFileSync(
      join(project, "main.mjs"),
      `import { readFileSync } from "node:fs";
import { extract } from "gleaner";
const doc = extract(readFileSync(process.argv[2]));
console.log(doc.title + "|" + doc.text.slice(0, 30));
`,
    );
    const page = fileURLToPath(new URL("../../../tests/fixtures/seed_utf8.html", import.meta.url));
    const out = execFileSync(process.execPath, ["main.mjs", page], { cwd: project, encoding: "utf8" });
    assert.equal(out.trim(), "Seoul, Tokyo are close to an intel-sharing deal|Seoul and Tokyo are closing in");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
