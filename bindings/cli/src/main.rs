//! The `gleaner` command: argument parsing and batch work only; extraction lives in the library.

use gleaner::eval::Half;
use gleaner::{Extractor, Favor, Format, JsonOptions, Limits};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod fetch;
mod inputs;
mod pool;
mod warc;

use inputs::Input;

const USAGE: &str = "\
gleaner: the main content and metadata of web pages

USAGE:
    gleaner [OPTIONS] [INPUT]...
    gleaner explain [OPTIONS] [--output REPORT.html] PAGE    (gleaner explain --help)
    gleaner eval [OPTIONS] DATASET_DIR...                     (gleaner eval --help)

INPUT is a file, a directory (every *.html, *.htm, *.html.gz and WARC file in it,
recursively), an http:// or https:// URL (fetched: up to 10 redirects, the final URL is
the page's URL, the server's charset is used, at most 2 requests to one host at a time)
or - for standard input (the default when no input is given). Pages may be
gzip- or brotli-compressed. A .warc or .warc.gz file is read as a stream: every HTML
response in it gives one line of JSON (JSON Lines: the record's warc_record_id,
warc_target_uri, warc_date, warc_offset and http_status, then the fields of --format
json), in the order of the archive; the HTTP charset is passed on, chunked and compressed
bodies are decoded, other records are counted and skipped, a broken record is reported
with its offset and skipped.

With several inputs on standard output, text, Markdown and HTML output put a line
==> INPUT <== before each page; JSON output gives each page's input as \"source\".

OPTIONS:
    -f, --format FORMAT     text (default), markdown, json or html (a clean fragment)
        --with FIELDS       add fields to JSON output: markdown, html or both (markdown,html)
    -o, --output-dir DIR    write one file per input under DIR, mirroring the input tree:
                            DIR/<path>/<stem>.txt|.md|.json|.html (<stem>.jsonl per WARC
                            file, stdin.<ext> for standard input); inputs that would
                            write the same file stop the run before any work
        --input-file FILE   read more inputs (URLs and paths) from FILE, one per line
        --timeout SECS      most time to fetch one URL (default 30)
        --url URL           the page's URL (resolves links; canonical URL fallback)
        --charset LABEL     the page's charset, if known (e.g. from an HTTP header)
        --comments          also return the comments: after the main text, under a
                            \"Comments\" mark, in text and Markdown; a list in JSON
        --no-tables         drop tables from the main text
        --captions          keep figure captions
        --links             keep links in Markdown and HTML output
        --images            keep images in Markdown and HTML output
        --front-matter      start the Markdown with YAML front matter: title, author,
                            date, url, sitename, language, page_type, description
        --title-heading     start the Markdown with the title as a # heading
        --fail-empty        exit with status 1 when a page gives no text (gleaner says
                            \"nothing extracted from INPUT\" on standard error either way)
        --precision         favour precision: drop doubtful blocks
        --recall            favour recall: keep doubtful blocks
    -j, --jobs N            worker threads (default: all cores)
        --max-input-bytes N largest input accepted, after decompression
        --max-depth N       deepest element given its own place in the tree
        --max-nodes N       most elements built
        --time-budget-ms N  most time per page, in milliseconds (default 30000; 0: none)
        --truncate          past a limit, return the part of the page within it (marked
                            truncated in JSON) instead of failing
    -h, --help              this help
    -V, --version           the version

Input that is not a web page (an executable, an image, binary data) fails with
\"input is not a web page\".

Exit status: 0 when every input was extracted, 1 when any failed, 2 on a usage error.
";

const EXPLAIN_USAGE: &str = "\
gleaner explain: why gleaner kept what it kept

USAGE:
    gleaner explain [OPTIONS] [-o, --output REPORT.html] PAGE

Writes one self-contained HTML report on PAGE (to --output, or standard output): every
text block in order, coloured by its label (kept, or which kind of boilerplate), with its
score, features and the rule that decided it, under a summary (title, metadata, page
type and its evidence, confidence, what was kept). It takes the extraction options of
gleaner --help (--url, --charset, --comments, --precision, --recall, the limits ...).
";

const EVAL_USAGE: &str = "\
gleaner eval: benchmark scores on dataset folders

USAGE:
    gleaner eval [--worst N] [--jobs N] [--half A|B] [--type TYPE] [--set NAME=VALUE]...
                 [--sweep NAME=A,B,...] [--predictions FILE] DATASET_DIR...

Prints, for each dataset folder (pages/<id>.html.gz and truth.jsonl), the benchmark
scores: shingle F1 (article-extraction-benchmark), bag-of-words F1, snippet F1 and
metadata agreement (title, author, date), and by page type where the truth gives one
(with both halves of the corpus split by domain); then the structure of gleaner's
Markdown: its code blocks, tables, headings and list items matched against those of the
page that hold gold text (the definition of tools/structure_score.py), by page type.

OPTIONS:
        --worst N           list the N lowest-scoring pages, the N pages whose Markdown
                            loses the most structure, and the metadata disagreements
        --half A|B          keep the pages of one half of the corpus (split by domain)
        --type TYPE         keep the pages of one page type
        --set NAME=VALUE    change one of the classifier's weights
        --sweep NAME=A,B,...  one line of scores per value of a weight
        --predictions FILE  score FILE (the article-extraction benchmark's format:
                            {\"<id>\": {\"articleBody\": ...}}, with \"markdown\" for the
                            structure) instead of running gleaner, to compare other
                            extractors by the same code
    -j, --jobs N            worker threads (default: all cores)
    -h, --help              this help
";

struct Args {
    format: Format,
    json: JsonOptions,
    output_dir: Option<PathBuf>,
    inputs: Vec<String>,
    extractor: Extractor,
    jobs: usize,
    /// The time each URL's fetch may take.
    timeout: std::time::Duration,
    /// `--charset` was given: it wins over a server's `Content-Type`.
    charset_given: bool,
    /// The input limit, which fetches enforce while reading.
    max_input_bytes: usize,
    /// `--format` was given (WARC input gives JSON Lines whatever it says).
    format_given: bool,
    /// `--fail-empty`: a page with nothing extracted fails the run.
    fail_empty: bool,
}

fn default_jobs() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

fn parse_args(mut argv: Vec<String>) -> Result<Args, String> {
    let mut a = Args {
        format: Format::Text,
        json: JsonOptions::default(),
        output_dir: None,
        inputs: Vec::new(),
        extractor: Extractor::new(),
        jobs: default_jobs(),
        timeout: std::time::Duration::from_secs(fetch::DEFAULT_TIMEOUT_SECS),
        charset_given: false,
        max_input_bytes: 0,
        format_given: false,
        fail_empty: false,
    };
    let mut limits = Limits::default();
    argv.reverse();
    let value = |argv: &mut Vec<String>, name: &str| {
        argv.pop().ok_or_else(|| format!("{name} needs a value"))
    };
    let number = |v: String, name: &str| {
        v.parse::<usize>()
            .map_err(|_| format!("{name} needs a whole number, not {v:?}"))
    };
    while let Some(arg) = argv.pop() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let take = |argv: &mut Vec<String>| match inline.clone() {
            Some(v) => Ok(v),
            None => value(argv, &flag),
        };
        match flag.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "-V" | "--version" => {
                println!("gleaner {}", env!("CARGO_PKG_VERSION"));
                std::process::exit(0);
            }
            "-f" | "--format" => {
                a.format = take(&mut argv)?.parse()?;
                a.format_given = true;
            }
            "--fail-empty" => a.fail_empty = true,
            "--with" => {
                for field in take(&mut argv)?.split(',') {
                    match field.trim() {
                        "markdown" | "md" => a.json.markdown = true,
                        "html" => a.json.html = true,
                        other => return Err(format!("--with: unknown field {other:?}")),
                    }
                }
            }
            "-o" | "--output-dir" => a.output_dir = Some(PathBuf::from(take(&mut argv)?)),
            "--url" => {
                a.extractor.url(&take(&mut argv)?);
            }
            "--charset" => {
                let label = take(&mut argv)?;
                if encoding_rs::Encoding::for_label(label.trim().as_bytes()).is_none() {
                    return Err(format!(
                        "--charset: unknown character encoding {label:?} (labels as in the WHATWG Encoding Standard: utf-8, windows-1252, shift_jis ...)"
                    ));
                }
                a.extractor.charset(&label);
                a.charset_given = true;
            }
            "--timeout" => {
                let secs = number(take(&mut argv)?, &flag)?.max(1);
                a.timeout = std::time::Duration::from_secs(secs as u64);
            }
            "--input-file" => {
                let file = take(&mut argv)?;
                let list = std::fs::read_to_string(&file)
                    .map_err(|e| format!("--input-file {file}: {e}"))?;
                a.inputs.extend(
                    list.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty() && !l.starts_with('#'))
                        .map(str::to_string),
                );
            }
            "--comments" => {
                a.extractor.comments(true);
            }
            "--no-tables" => {
                a.extractor.tables(false);
            }
            "--captions" => {
                a.extractor.captions(true);
            }
            "--links" => {
                a.extractor.links(true);
            }
            "--images" => {
                a.extractor.images(true);
            }
            "--front-matter" => {
                a.extractor.front_matter(true);
            }
            "--title-heading" => {
                a.extractor.title_heading(true);
            }
            "--precision" => {
                a.extractor.favor(Favor::Precision);
            }
            "--recall" => {
                a.extractor.favor(Favor::Recall);
            }
            "-j" | "--jobs" => a.jobs = number(take(&mut argv)?, "--jobs")?.max(1),
            "--max-input-bytes" => limits.max_input_bytes = number(take(&mut argv)?, &flag)?,
            "--max-depth" => limits.max_depth = number(take(&mut argv)?, &flag)?,
            "--max-nodes" => limits.max_nodes = number(take(&mut argv)?, &flag)?,
            "--time-budget-ms" => {
                let ms = number(take(&mut argv)?, &flag)?;
                limits.time_budget = (ms > 0).then(|| std::time::Duration::from_millis(ms as u64));
            }
            "--truncate" => limits.truncate = true,
            j if j.starts_with("-j") && j.len() > 2 => {
                a.jobs = number(j[2..].to_string(), "-j")?.max(1)
            }
            f if f.starts_with('-') && f != "-" => return Err(format!("unknown option {f}")),
            _ => a.inputs.push(arg),
        }
    }
    a.max_input_bytes = limits.max_input_bytes;
    a.extractor.limits(limits);
    if (a.json.markdown || a.json.html) && a.format != Format::Json {
        return Err("--with adds fields to JSON output: use it with --format json".into());
    }
    // Markdown and HTML carry emphasis, inline code and code languages
    if matches!(a.format, Format::Markdown | Format::Html) || a.json.markdown || a.json.html {
        a.extractor.formatting(true);
    }
    if a.inputs.is_empty() {
        a.inputs.push("-".into());
    }
    Ok(a)
}

/// The bytes of one input, as they are: the library inflates gzip and brotli within its
/// input limit.
fn read_input(p: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if p.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(p)?;
    }
    Ok(bytes)
}

/// The bytes of one input: a file's, standard input's, or a URL's as fetched, with the
/// extractor for a fetched page (its final URL as the page's, the charset its server
/// names unless `--charset` was given).
fn read_page(
    input: &Input,
    fetcher: &fetch::Fetcher,
    args: &Args,
) -> Result<(Vec<u8>, Option<Extractor>), String> {
    let name = input.path.to_string_lossy();
    if !fetch::is_url(&name) {
        return read_input(&input.path)
            .map(|b| (b, None))
            .map_err(|e| e.to_string());
    }
    let page = fetcher.get(&name)?;
    let mut ex = args.extractor.clone();
    ex.url(&page.url);
    if let Some(cs) = page.charset.filter(|_| !args.charset_given) {
        if encoding_rs::Encoding::for_label(cs.trim().as_bytes()).is_some() {
            ex.charset(&cs);
        }
    }
    Ok((page.bytes, Some(ex)))
}

/// Writes each WARC input as JSON Lines, to its file under the output folder or to
/// standard output. Returns whether any failed.
fn run_warcs(warcs: &[&Input], args: &Args) -> bool {
    let mut failed = false;
    for w in warcs {
        failed |= match &args.output_dir {
            Some(dir) => {
                let target = w.target(dir, "jsonl");
                let file = target
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|()| std::fs::File::create(&target));
                match file {
                    Ok(f) => {
                        let mut f = std::io::BufWriter::new(f);
                        let failed =
                            warc::run(&w.path, &args.extractor, args.json, args.jobs, &mut f);
                        f.flush().is_err() || failed
                    }
                    Err(e) => {
                        eprintln!("gleaner: {}: {e}", target.display());
                        true
                    }
                }
            }
            None => {
                let mut stdout = std::io::BufWriter::new(std::io::stdout());
                let failed = warc::run(&w.path, &args.extractor, args.json, args.jobs, &mut stdout);
                stdout.flush().is_err() || failed
            }
        };
    }
    failed
}

/// The JSON object `json` with the input's path as its first field, `source`.
fn with_source(json: &str, input: &Input) -> String {
    let path = input.path.to_string_lossy();
    let source = serde_json::to_string(path.as_ref()).unwrap_or_else(|_| "null".into());
    format!("{{\"source\":{source},{}", &json[1..])
}

/// One page's output: its JSON (with its `source`), or its text, Markdown or HTML under
/// a `==> path <==` line when several pages share standard output, as `head` and `tail`
/// mark files.
fn render(doc: &gleaner::Document, input: &Input, args: &Args, several: bool) -> String {
    match args.format {
        Format::Json => with_source(&doc.to_json_with(args.json), input) + "\n",
        f if several && args.output_dir.is_none() => {
            format!("==> {} <==\n{}\n", input.path.display(), doc.render(f))
        }
        f => doc.render(f),
    }
}

fn run(args: Args) -> ExitCode {
    let inputs = match inputs::expand(&args.inputs, warc::is_warc) {
        Ok(i) => i,
        Err(e) => return usage_error(&e),
    };
    let (warcs, files): (Vec<&Input>, Vec<&Input>) =
        inputs.iter().partition(|i| warc::is_warc(&i.path));
    if !warcs.is_empty() && args.format_given && args.format != Format::Json {
        eprintln!("gleaner: WARC input gives JSON Lines; --format applies to page files only");
    }
    if let Some(dir) = &args.output_dir {
        let ext = |i: &Input| {
            if warc::is_warc(&i.path) {
                "jsonl"
            } else {
                args.format.extension()
            }
        };
        if let Some((a, b, target)) = inputs::collision(&inputs, dir, ext) {
            eprintln!(
                "gleaner: {} and {} would both be written to {}; give them separate runs or output folders",
                a.path.display(),
                b.path.display(),
                target.display()
            );
            return ExitCode::from(2);
        }
    }
    if inputs.iter().any(Input::is_stdin) && std::io::stdin().is_terminal() {
        eprintln!("gleaner: reading a page from standard input (end it with Ctrl-D; gleaner --help for usage)");
    }
    let warc_failed = run_warcs(&warcs, &args);
    if files.is_empty() {
        return if warc_failed {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        };
    }
    let total = files.len();
    let several = total + warcs.len() > 1;
    let mut failed = false;
    let progress = total > 1 && std::io::stderr().is_terminal();
    let mut stdout = std::io::stdout();
    // One page: read, extracted (a bug in the library must not end the whole batch: the
    // page is reported instead), rendered, and written to the output folder if there is
    // one; the text for standard output otherwise.
    let fetcher = fetch::Fetcher::new(args.timeout, args.max_input_bytes);
    // (the output, and whether nothing was extracted)
    let work = |input: &&Input| -> Result<(String, bool), String> {
        let (out, empty) = read_page(input, &fetcher, &args)
            .and_then(|(bytes, extractor)| {
                let extractor = extractor.as_ref().unwrap_or(&args.extractor);
                std::panic::catch_unwind(|| extractor.extract(&bytes))
                    .map_err(|_| "internal error (panic) while extracting".to_string())?
                    .map_err(|e| e.to_string())
            })
            .map(|doc| (render(&doc, input, &args, several), doc.text().is_empty()))
            .map_err(|e| format!("{}: {e}", input.path.display()))?;
        let out = match &args.output_dir {
            Some(dir) => {
                let target = input.target(dir, args.format.extension());
                target
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|()| std::fs::write(&target, out))
                    .map_err(|e| format!("{}: {e}", target.display()))?;
                String::new()
            }
            None => out,
        };
        Ok((out, empty))
    };
    pool::ordered(
        files.iter(),
        args.jobs.min(total.max(1)),
        work,
        |i, result| {
            match result {
                Ok((out, empty)) => {
                    failed |= stdout.write_all(out.as_bytes()).is_err();
                    if empty {
                        eprintln!(
                            "gleaner: nothing extracted from {}",
                            files[i].path.display()
                        );
                        failed |= args.fail_empty;
                    }
                }
                Err(e) => {
                    eprintln!("gleaner: {e}");
                    failed = true;
                }
            }
            let d = i + 1;
            if progress && (d % 16 == 0 || d == total) {
                eprint!("\r{d}/{total} pages");
                if d == total {
                    eprintln!();
                }
            }
        },
    );
    if failed || warc_failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What `gleaner eval` was asked.
struct EvalArgs {
    dirs: Vec<PathBuf>,
    worst: usize,
    jobs: usize,
    predictions: Option<PathBuf>,
    weights: gleaner::Weights,
    sweep: Option<(String, Vec<f64>)>,
    half: Option<Half>,
    page_type: Option<String>,
    features: Option<PathBuf>,
}

/// Reads `NAME=VALUE`.
fn name_value(s: &str, flag: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .ok_or_else(|| format!("{flag} needs NAME=VALUE, not {s:?}"))
}

fn parse_eval_args(argv: Vec<String>) -> Result<EvalArgs, String> {
    let mut a = EvalArgs {
        dirs: Vec::new(),
        worst: 0,
        jobs: default_jobs(),
        predictions: None,
        weights: gleaner::Weights::default(),
        sweep: None,
        half: None,
        page_type: None,
        features: None,
    };
    let mut it = argv.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--worst" => {
                a.worst = value("--worst")?
                    .parse()
                    .map_err(|_| "--worst needs a number".to_string())?
            }
            "-j" | "--jobs" => {
                a.jobs = value("--jobs")?
                    .parse()
                    .map_err(|_| "--jobs needs a number".to_string())?
            }
            "--predictions" => a.predictions = Some(PathBuf::from(value("--predictions")?)),
            "--set" => {
                let (name, v) = name_value(&value("--set")?, "--set")?;
                let v: f64 = v
                    .parse()
                    .map_err(|_| format!("--set {name}: not a number"))?;
                a.weights.set(&name, v)?;
            }
            "--sweep" => {
                let (name, vs) = name_value(&value("--sweep")?, "--sweep")?;
                let values = vs
                    .split(',')
                    .map(|v| v.trim().parse::<f64>())
                    .collect::<Result<Vec<f64>, _>>()
                    .map_err(|_| format!("--sweep {name}: values are numbers A,B,..."))?;
                a.weights
                    .set(&name, values.first().copied().unwrap_or(0.0))?;
                a.sweep = Some((name, values));
            }
            "--half" => a.half = Some(value("--half")?.parse()?),
            "--type" => a.page_type = Some(value("--type")?),
            "--page-type-features" => {
                a.features = Some(PathBuf::from(value("--page-type-features")?))
            }
            "-h" | "--help" => return Err(String::new()),
            f if f.starts_with('-') => return Err(format!("unknown option {f}")),
            _ => a.dirs.push(PathBuf::from(arg)),
        }
    }
    if a.dirs.is_empty() {
        return Err("eval needs at least one dataset folder".into());
    }
    for d in &a.dirs {
        if !d.join("truth.jsonl").is_file() {
            return Err(format!(
                "{}: not a dataset folder (it needs truth.jsonl and pages/)",
                d.display()
            ));
        }
    }
    Ok(a)
}

/// Scores gleaner, with `weights`, on one dataset folder.
fn eval_gleaner(
    dir: &Path,
    jobs: usize,
    weights: &gleaner::Weights,
) -> std::io::Result<gleaner::eval::Report> {
    gleaner::eval::evaluate(dir, jobs.max(1), |bytes, url| {
        // the Markdown as the command writes it, with links, for its structure
        let mut ex = Extractor::new();
        ex.weights(weights.clone()).formatting(true).links(true);
        if let Some(u) = url {
            ex.url(u);
        }
        let doc = ex.extract(bytes).or_else(|e| match e {
            gleaner::Error::InvalidUrl { .. } => {
                let mut ex = Extractor::new();
                ex.weights(weights.clone()).formatting(true).links(true);
                ex.extract(bytes)
            }
            other => Err(other),
        });
        let doc = doc.map_err(|e| e.to_string())?;
        Ok(gleaner::eval::Prediction::of(&doc))
    })
}

fn run_eval(argv: Vec<String>) -> ExitCode {
    let a = match parse_eval_args(argv) {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            print!("{EVAL_USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => return usage_error_of("eval", &e),
    };
    let stored = match &a.predictions {
        Some(p) => match gleaner::eval::read_predictions(p) {
            Ok(v) => Some(v),
            Err(e) => {
                eprintln!("gleaner: {}: {e}", p.display());
                return ExitCode::from(1);
            }
        },
        None => None,
    };
    if let Some(out) = &a.features {
        return match write_features(&a.dirs, out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("gleaner: {}: {e}", out.display());
                ExitCode::from(1)
            }
        };
    }
    let keep = |p: &gleaner::eval::PageScore| {
        a.half.is_none_or(|h| p.half == Some(h))
            && a.page_type
                .as_deref()
                .is_none_or(|t| p.page_type.as_deref() == Some(t))
    };
    let mut status = ExitCode::SUCCESS;
    for dir in &a.dirs {
        if let Some(preds) = &stored {
            match gleaner::eval::evaluate_predictions(dir, preds) {
                Ok(r) => println!("{}", r.subset(keep)),
                Err(e) => {
                    eprintln!("gleaner: {}: {e}", dir.display());
                    status = ExitCode::from(1);
                }
            }
            continue;
        }
        if let Some((name, values)) = &a.sweep {
            // one line per value: the dataset's main scores with the weight set to it
            for v in values {
                let mut w = a.weights.clone();
                if let Err(e) = w.set(name, *v) {
                    return usage_error(&e);
                }
                match eval_gleaner(dir, a.jobs, &w) {
                    Ok(r) => println!("{name}={v}\t{}", sweep_line(&r.subset(keep))),
                    Err(e) => {
                        eprintln!("gleaner: {}: {e}", dir.display());
                        return ExitCode::from(1);
                    }
                }
            }
            continue;
        }
        match eval_gleaner(dir, a.jobs, &a.weights) {
            Ok(r) => {
                let r = r.subset(keep);
                println!("{r}");
                if a.worst > 0 {
                    println!("  worst pages:");
                    for p in r.worst(a.worst) {
                        println!("    {p}");
                    }
                    let lost = r.worst_structure(a.worst);
                    if !lost.is_empty() {
                        println!(
                            "  pages whose Markdown loses the most structure (gold elements lost):"
                        );
                        for (p, n) in lost {
                            println!("    {n:>6.1}  {}  {}", p.id, structure_line(p));
                        }
                    }
                    let wrong = r.meta_disagreements(a.worst);
                    if !wrong.is_empty() {
                        println!("  metadata disagreements:");
                        for (id, d) in wrong {
                            println!("    {id}  {d}");
                        }
                    }
                }
            }
            Err(e) => {
                eprintln!("gleaner: {}: {e}", dir.display());
                status = ExitCode::from(1);
            }
        }
    }
    status
}

/// Writes the page-type model's features of every page of `dirs` as tab-separated values
/// (id, half, whether the URL was given, the truth's type, then one column per feature),
/// to train the model on: each page twice, with its URL and without (as a caller that does
/// not know it extracts it; the page's canonical link may still give one).
fn write_features(dirs: &[PathBuf], out: &Path) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
    let mut header = false;
    for dir in dirs {
        for t in gleaner::eval::load_truth(dir)? {
            let bytes = gleaner::eval::read_page(dir, &t.id)?;
            for url in [t.url.as_deref(), None] {
                let (names, x) = gleaner::internals::page_type_features(&bytes, url);
                if !header {
                    writeln!(w, "id\thalf\turl\ttype\t{}", names.join("\t"))?;
                    header = true;
                }
                let half = t.url.as_deref().and_then(Half::of).map_or("-", Half::name);
                let x: Vec<String> = x.iter().map(|v| format!("{v:.4}")).collect();
                let ty = t.page_type.as_deref().unwrap_or("-");
                let given = u8::from(url.is_some());
                writeln!(w, "{}\t{half}\t{given}\t{ty}\t{}", t.id, x.join("\t"))?;
            }
        }
    }
    w.flush()
}

/// What a page's Markdown kept of each kind of structure: code recall, tables found,
/// headings and list items found, of the gold's.
fn structure_line(p: &gleaner::eval::PageScore) -> String {
    let Some(s) = &p.structure else {
        return String::new();
    };
    let mut parts = Vec::new();
    if let Some((r, _, pres, blocks)) = s.code {
        parts.push(format!("code R {r:.2} ({blocks} blocks for {pres} <pre>)"));
    }
    if let Some((r, _, n)) = s.tables {
        parts.push(format!("tables R {r:.2} of {n}"));
    }
    if let Some((found, n)) = s.headings {
        parts.push(format!("headings {found}/{n}"));
    }
    if let Some((found, n)) = s.items {
        parts.push(format!("list items {found}/{n}"));
    }
    parts.join(", ")
}

/// One line of a sweep: the dataset's name and its main scores.
fn sweep_line(r: &gleaner::eval::Report) -> String {
    let mut parts = vec![r.name.clone()];
    if let Some((_, _, f)) = r.shingle() {
        parts.push(format!("shingle {f:.4}"));
    }
    if let Some((_, _, f)) = r.bag_of_words() {
        parts.push(format!("bag-of-words {f:.4}"));
    }
    if let Some((_, _, f, _)) = r.snippets() {
        parts.push(format!("snippets {f:.4}"));
    }
    parts.join("  ")
}

/// `gleaner explain`: one page in, one HTML report out.
fn run_explain(mut argv: Vec<String>) -> ExitCode {
    let mut output: Option<PathBuf> = None;
    if let Some(i) = argv.iter().position(|a| a == "-o" || a == "--output") {
        if i + 1 >= argv.len() {
            return usage_error_of("explain", "--output needs a file");
        }
        output = Some(PathBuf::from(argv.remove(i + 1)));
        argv.remove(i);
    } else if let Some(i) = argv.iter().position(|a| a.starts_with("--output=")) {
        output = Some(PathBuf::from(&argv.remove(i)["--output=".len()..]));
    }
    let args = match parse_args(argv) {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            print!("{EXPLAIN_USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => return usage_error_of("explain", &e),
    };
    if args.inputs.len() != 1 {
        return usage_error_of("explain", "explain takes one page");
    }
    if output.is_none() && std::io::stdout().is_terminal() {
        return usage_error_of(
            "explain",
            "the report is an HTML page: give --output REPORT.html, or redirect standard output",
        );
    }
    let path = Path::new(&args.inputs[0]);
    let explained = read_input(path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| args.extractor.explain(&bytes).map_err(|e| e.to_string()));
    let report = match explained {
        Ok(ex) => ex.report(),
        Err(e) => {
            eprintln!("gleaner: {}: {e}", path.display());
            return ExitCode::from(1);
        }
    };
    let written = match &output {
        Some(p) => std::fs::write(p, report).map_err(|e| format!("{}: {e}", p.display())),
        None => std::io::stdout()
            .write_all(report.as_bytes())
            .map_err(|e| e.to_string()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gleaner: {e}");
            ExitCode::from(1)
        }
    }
}

/// Says what was wrong with the command line, in one line and a pointer to the help of
/// `command` ("", "explain" or "eval").
fn usage_error_of(command: &str, msg: &str) -> ExitCode {
    let help = if command.is_empty() {
        "gleaner --help".to_string()
    } else {
        format!("gleaner {command} --help")
    };
    eprintln!("gleaner: {msg}\nTry '{help}' for more.");
    ExitCode::from(2)
}

fn usage_error(msg: &str) -> ExitCode {
    usage_error_of("", msg)
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.first().map(String::as_str) == Some("eval") {
        return run_eval(argv[1..].to_vec());
    }
    if argv.first().map(String::as_str) == Some("explain") {
        return run_explain(argv[1..].to_vec());
    }
    match parse_args(argv) {
        Ok(a) => run(a),
        Err(e) if e.is_empty() => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(&e),
    }
}
