// gleaner for Node (and Deno through its Node compatibility): the module is read beside
// this file and instantiated at import, so `extract` works straight away.

import { readFileSync } from "node:fs";
import { Engine, GleanerError } from "./core.js";

function load() {
  const path = new URL("./gleaner.wasm", import.meta.url);
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(
      `gleaner: ${e.code === "ENOENT" ? "gleaner.wasm is not built" : e.message}: run \`npm run build\` ` +
        "in gleaner's bindings/js (it needs Rust and `rustup target add wasm32-unknown-unknown`)",
    );
  }
  return Engine.fromModule(new WebAssembly.Module(bytes));
}

const engine = load();

/** Extracts the main content and metadata of a page (a string, or bytes in any charset). */
export function extract(input, options) {
  return engine.extract(input, options);
}

/** The explain report on a page: one self-contained HTML page. */
export function explain(input, options) {
  return engine.explain(input, options);
}

/** Nothing to wait for in Node; here so that code shared with browsers can `await init()`. */
export async function init() {}

/** The module's linear memory in bytes (it grows to fit the largest page, and stays). */
export function memoryBytes() {
  return engine.memoryBytes();
}

export { GleanerError };
