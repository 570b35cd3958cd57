/** A page: text (a JavaScript string), or its bytes in any charset, gzip or brotli too. */
export type Input = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** Extraction options. (At run time Python's snake_case spellings, `max_input_bytes`, are
 * accepted too; the types name JavaScript's.) */
export interface Options {
  /** The page's URL: resolves relative links; the canonical URL's fallback. */
  url?: string;
  /** The page's charset when known (an HTTP `Content-Type` label). Strings are UTF-8. */
  charset?: string;
  /** Return the page's comments apart from the main text (default false). */
  comments?: boolean;
  /** Keep tables in the main text (default true). */
  tables?: boolean;
  /** Keep figure and image captions (default false). */
  captions?: boolean;
  /** Keep links in the Markdown and HTML, as absolute URLs (default false). */
  links?: boolean;
  /** Keep images in the Markdown and HTML (default false). */
  images?: boolean;
  /** Emphasis, inline code and code languages in the Markdown and HTML (default: on when either is asked for). */
  formatting?: boolean;
  /** Start the Markdown with YAML front matter holding the metadata (default false). */
  frontMatter?: boolean;
  /** Start the Markdown with the title as a `#` heading, also when the page shows no headline (default false; without it, the Markdown opens with the page's headline when the page shows one). */
  titleHeading?: boolean;
  /** What to favour when a block is in doubt (default "balanced"). */
  favor?: "balanced" | "precision" | "recall";
  /** The kind of page, when known: it is then extracted with that type's profile and `pageType` reports it (default: gleaner decides). */
  pageType?: "article" | "forum" | "product" | "collection" | "listing" | "documentation" | "service";
  /** Largest input accepted, after decompression, in bytes (default 64 MiB). */
  maxInputBytes?: number;
  /** Deepest element given its own place in the tree (default 512). */
  maxDepth?: number;
  /** Most elements built (default 2,000,000). */
  maxNodes?: number;
  /** Most time for one page, in seconds, or null for none (default 30). */
  timeBudget?: number | null;
  /** Past a limit, return the part of the page within it, marked `truncated`, instead of failing. */
  truncate?: boolean;
  /** Make the Markdown (`markdown` in the result). */
  markdown?: boolean;
  /** Make a clean HTML fragment (`html` in the result). */
  html?: boolean;
}

/** A reader comment, with `comments: true`. */
export interface Comment {
  author: string | null;
  date: string | null;
  text: string;
}

/** What gleaner found on a page. Fields the page does not give are null. */
export interface Document {
  title: string | null;
  author: string | null;
  /** ISO 8601 (YYYY-MM-DD). */
  date: string | null;
  sitename: string | null;
  /** An ISO 639-1 code where one exists. */
  language: string | null;
  /** The canonical URL. */
  url: string | null;
  description: string | null;
  image: string | null;
  pageType: "article" | "forum" | "product" | "collection" | "listing" | "documentation" | "service";
  /** How sure gleaner is that it found the main content, from 0 to 1. */
  confidence: number;
  /** The page went past a limit and this covers the part within it (with `truncate`). */
  truncated: boolean;
  /** The character encoding the page was read in. */
  encoding: string;
  /** The main text: the kept blocks in order, one per line. */
  text: string;
  /** The main content as CommonMark with tables, with `markdown: true`. */
  markdown?: string;
  /** The main content as a small, safe HTML fragment, with `html: true`. */
  html?: string;
  /** The comments, with `comments: true`; none of them is in `text`. */
  comments: Comment[];
}

/** An extraction or argument error, with the status code of the C library and Python. */
export class GleanerError extends Error {
  constructor(code: number, message: string);
  /** 3 InvalidArgument, 100 InputTooLarge, 101 TooManyNodes, 102 InvalidUrl, 103 TimeBudgetExceeded, 106 NotHtml, 999 Internal. */
  readonly code: number;
  /** The code's name, as above. */
  readonly kind: string;
}

/** Extracts the main content and metadata of a page. */
export function extract(input: Input, options?: Options): Document;

/** The explain report: one self-contained HTML page showing every text block, coloured by its label. */
export function explain(input: Input, options?: Options): string;

/**
 * Loads the WebAssembly module. In browsers, workers and Deno, await it once before
 * `extract` (by default it fetches gleaner.wasm beside the package's JavaScript; give a
 * URL, bytes, a Response or a WebAssembly.Module to load it from elsewhere). In Node it
 * does nothing: the module is loaded at import.
 */
export function init(source?: string | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;

/** The module's linear memory in bytes: it grows to fit the largest page, and stays. */
export function memoryBytes(): number;
