// gleaner's JavaScript API over its WebAssembly module, the same in Node, browsers, Deno
// and workers: node.js and browser.js only differ in how they load the module.

/** The names of the error codes, as C's `gleaner_status` and Python's error classes. */
const KINDS = {
  1: "NullArgument",
  2: "InvalidUtf8",
  3: "InvalidArgument",
  100: "InputTooLarge",
  101: "TooManyNodes",
  102: "InvalidUrl",
  103: "TimeBudgetExceeded",
  106: "NotHtml",
  999: "Internal",
};

/** An extraction or argument error; `code` is gleaner's numeric status, as in C and Python. */
export class GleanerError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "GleanerError";
    this.code = code;
    this.kind = KINDS[code] ?? "Unknown";
  }
}

const WHAT_JSON = 0;
const WHAT_REPORT = 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What the module imports: the host's clock, for the time budget. */
function imports() {
  return { gleaner: { now_ms: () => performance.now() } };
}

/** `fooBar` -> `foo_bar`: JavaScript's spelling of an option to Python's. */
function snake(name) {
  return name.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

/** The input's bytes, and whether it was a string (text already decoded). */
function bytesOf(input) {
  if (typeof input === "string") return [encoder.encode(input), true];
  if (input instanceof Uint8Array) return [input, false];
  if (input instanceof ArrayBuffer || Object.prototype.toString.call(input) === "[object ArrayBuffer]") {
    return [new Uint8Array(input), false];
  }
  if (ArrayBuffer.isView(input)) {
    return [new Uint8Array(input.buffer, input.byteOffset, input.byteLength), false];
  }
  throw new TypeError(
    `gleaner: the page must be a string, a Uint8Array or an ArrayBuffer, not ${
      input === null ? "null" : typeof input
    }`,
  );
}

/** The options as the module reads them: Python's names, a string's charset UTF-8. */
function optionsJson(options, isString) {
  if (options === undefined || options === null) options = {};
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError("gleaner: options must be an object");
  }
  const out = {};
  for (const [name, value] of Object.entries(options)) {
    if (value !== undefined) out[snake(name)] = value;
  }
  // a string is text already: its bytes are UTF-8 whatever the page declares
  if (isString && out.charset == null) out.charset = "utf-8";
  return JSON.stringify(out);
}

/** The result object of `extract`, from the document's JSON. */
function documentOf(json, options) {
  const d = JSON.parse(json);
  return {
    title: d.title ?? null,
    author: d.author ?? null,
    date: d.date ?? null,
    sitename: d.sitename ?? null,
    language: d.language ?? null,
    url: d.url ?? null,
    description: d.description ?? null,
    image: d.image ?? null,
    pageType: d.page_type,
    confidence: d.confidence,
    truncated: d.truncated,
    encoding: d.encoding,
    text: d.text,
    markdown: options?.markdown ? d.markdown : undefined,
    html: options?.html ? d.html : undefined,
    comments: d.comments ?? [],
  };
}

/** One instance of the module and the calls on it. */
export class Engine {
  /** An engine on `module` (a WebAssembly.Module), instantiated now (synchronously). */
  static fromModule(module) {
    return new Engine(module, new WebAssembly.Instance(module, imports()));
  }

  /** An engine on `module`, instantiated asynchronously (as browsers want for large modules). */
  static async instantiate(module) {
    return new Engine(module, await WebAssembly.instantiate(module, imports()));
  }

  constructor(module, instance) {
    this.module = module;
    this.instance = instance;
  }

  /** The module's linear memory, in bytes: it grows to fit the largest page and stays. */
  memoryBytes() {
    return this.instance ? this.instance.exports.memory.buffer.byteLength : 0;
  }

  extract(input, options) {
    const [bytes, isString] = bytesOf(input);
    return documentOf(this.#call(bytes, optionsJson(options, isString), WHAT_JSON), options);
  }

  explain(input, options) {
    const [bytes, isString] = bytesOf(input);
    return this.#call(bytes, optionsJson(options, isString), WHAT_REPORT);
  }

  #call(bytes, options, what) {
    if (!this.instance) {
      throw new GleanerError(999, "gleaner is restarting after an internal error; try again");
    }
    const x = this.instance.exports;
    const opts = encoder.encode(options);
    let input = 0;
    let optsPtr = 0;
    let status;
    try {
      input = this.#copyIn(bytes);
      optsPtr = this.#copyIn(opts);
      try {
        status = x.gleaner_run(input, bytes.length, optsPtr, opts.length, what);
      } catch (e) {
        // a trap (a panic), or a JavaScript error thrown through the module (a stack
        // overflow in its clock import): the call was cut short and the instance's state
        // is not to be trusted; a panic's message is where the result would be
        const message = e instanceof WebAssembly.RuntimeError ? this.#result() : "";
        this.#restart();
        throw new GleanerError(999, message || `internal error: ${e.message}`);
      }
    } finally {
      if (this.instance?.exports === x) {
        if (input) x.gleaner_dealloc(input, bytes.length);
        if (optsPtr) x.gleaner_dealloc(optsPtr, opts.length);
      }
    }
    try {
      const out = this.#result();
      if (status !== 0) throw new GleanerError(status, out);
      return out;
    } finally {
      x.gleaner_result_clear();
    }
  }

  /** Copies `bytes` into the module's memory; returns where. */
  #copyIn(bytes) {
    const x = this.instance.exports;
    // addresses past 2 GiB come back as negative i32s
    const ptr = x.gleaner_alloc(bytes.length) >>> 0;
    if (!ptr) throw new GleanerError(100, `no memory for an input of ${bytes.length} bytes`);
    new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
    return ptr;
  }

  /** The last call's result, as text. */
  #result() {
    const x = this.instance.exports;
    const ptr = x.gleaner_result_ptr() >>> 0;
    const len = x.gleaner_result_len() >>> 0;
    return decoder.decode(new Uint8Array(x.memory.buffer, ptr, len));
  }

  /** A fresh instance after a trap: synchronously where allowed, else in the background. */
  #restart() {
    this.instance = null;
    try {
      this.instance = new WebAssembly.Instance(this.module, imports());
    } catch {
      WebAssembly.instantiate(this.module, imports()).then((i) => (this.instance = i));
    }
  }
}
