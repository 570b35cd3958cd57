// Builds gleaner.wasm: the gleaner-js crate for wasm32-unknown-unknown (cargo's `wasm`
// profile), then `wasm-opt -O3` when binaryen's wasm-opt is installed; copies the licenses.
// `--if-missing` builds only when there is no gleaner.wasm yet (npm's prepare).

import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const root = join(here, "..", "..");
const out = join(here, "gleaner.wasm");

for (const license of ["LICENSE-MIT", "LICENSE-APACHE"]) {
  copyFileSync(join(root, license), join(here, license));
}
if (process.argv.includes("--if-missing") && existsSync(out)) process.exit(0);

const run = (cmd, args) => execFileSync(cmd, args, { stdio: "inherit", cwd: root });
try {
  run("cargo", ["build", "-p", "gleaner-js", "--profile", "wasm", "--target", "wasm32-unknown-unknown"]);
} catch (e) {
  console.error(
    "gleaner: building gleaner.wasm needs Rust and its wasm32 target:\n" +
      "  rustup target add wasm32-unknown-unknown",
  );
  process.exit(1);
}
// cargo reads a relative CARGO_TARGET_DIR from its working directory, the workspace's root
const target = resolve(root, process.env.CARGO_TARGET_DIR ?? "target");
const built = join(target, "wasm32-unknown-unknown", "wasm", "gleaner_js.wasm");
copyFileSync(built, out);

const wasmOpt = [join(here, "node_modules", ".bin", "wasm-opt"), "wasm-opt"].find((p) => {
  try {
    execFileSync(p, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
});
if (wasmOpt) {
  run(wasmOpt, ["-O3", "--enable-bulk-memory", "--enable-sign-ext", "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int", "--strip-debug", "--strip-producers", out, "-o", out]);
}
const size = statSync(out).size;
const gz = gzipSync(readFileSync(out), { level: 9 }).length;
console.log(
  `gleaner.wasm: ${(size / 1e6).toFixed(2)} MB, ${(gz / 1e6).toFixed(2)} MB gzipped` +
    (wasmOpt ? " (wasm-opt -O3)" : " (no wasm-opt: npm install binaryen for a smaller module)"),
);
