// gleaner for browsers, workers and Deno: `await init()` fetches gleaner.wasm beside this
// file (or takes the module's URL, bytes, Response or WebAssembly.Module); then `extract`
// is synchronous. No Node built-ins.

import { Engine, GleanerError } from "./core.js";

let engine = null;
let loading = null;

async function compile(source) {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return WebAssembly.compile(source);
  }
  const response = source instanceof Response ? source : await fetch(source);
  if (!response.ok) {
    throw new Error(`gleaner: could not fetch ${response.url}: HTTP ${response.status}`);
  }
  const type = response.headers.get("content-type") ?? "";
  if (WebAssembly.compileStreaming && type.startsWith("application/wasm")) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** Loads the module once; later calls return the same promise. */
export function init(source = new URL("./gleaner.wasm", import.meta.url)) {
  loading ??= compile(source)
    .then((module) => Engine.instantiate(module))
    .then((e) => (engine = e))
    .catch((e) => {
      loading = null;
      throw e;
    });
  return loading.then(() => undefined);
}

function ready() {
  if (!engine) throw new Error("gleaner: call `await init()` before extract() or explain()");
  return engine;
}

/** Extracts the main content and metadata of a page (a string, or bytes in any charset). */
export function extract(input, options) {
  return ready().extract(input, options);
}

/** The explain report on a page: one self-contained HTML page. */
export function explain(input, options) {
  return ready().explain(input, options);
}

/** The module's linear memory in bytes (0 before `init`). */
export function memoryBytes() {
  return engine ? engine.memoryBytes() : 0;
}

export { GleanerError };
