//! The `gleaner` command: argument parsing and batch work only; extraction lives in the library.

use gleaner::eval::Half;
use gleaner::{Extractor, Favor, Format, JsonOptions, Limits};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod pool;
mod warc;

const USAGE: &str = "\
gleaner: the main content and metadata of web pages

USAGE:
    gleaner [OPTIONS] [INPUT]...
    gleaner explain [OPTIONS] [--output REPORT.html] PAGE
    gleaner eval [--worst N] [--jobs N] [--half A|B] [--type TYPE] [--set NAME=VALUE]...
                 [--sweep NAME=A,B,...] [--predictions FILE] DATASET_DIR...

INPUT is a file, a directory (every *.html, *.htm and *.html.gz in it, recursively)
or - for standard input (the default when no input is given). A .warc or .warc.gz file
is read as a stream: every HTML response in it gives one line of JSON (JSON Lines: the
record's warc_record_id, warc_target_uri, warc_date, warc_offset and http_status, then
the fields of --format json), in the order of the archive, whatever --format says; the
HTTP charset is passed on, chunked and compressed bodies are decoded, other records are
counted and skipped, a broken record is reported with its offset and skipped.

OPTIONS:
    -f, --format FORMAT     text (default), markdown, json or html (a clean fragment)
        --with FIELDS       add fields to JSON output: markdown, html or both (markdown,html)
    -o, --output-dir DIR    write DIR/<stem>.txt|.md|.json per input (<stem>.jsonl per WARC
                            file) instead of stdout
        --url URL           the page's URL (resolves links; canonical URL fallback)
        --charset LABEL     the page's charset, if known (e.g. from an HTTP header)
        --comments          also return the comments, one object per comment (in JSON output)
        --no-tables         drop tables from the main text
        --captions          keep figure captions
        --links             keep links in Markdown and HTML output
        --images            keep images in Markdown and HTML output
        --precision         favour precision: drop doubtful blocks
        --recall            favour recall: keep doubtful blocks
    -j, --jobs N            worker threads (default: all cores)
        --max-input-bytes N largest input accepted
        --max-depth N       deepest element given its own place in the tree
        --max-nodes N       most elements built
        --time-budget-ms N  most time per page, in milliseconds (default 30000; 0: none)
        --truncate          past a limit, return the part of the page within it (marked
                            truncated in JSON) instead of failing
    -h, --help              this help
    -V, --version           the version

EXPLAIN writes one self-contained HTML report on PAGE (to --output, or stdout): every text
block in order, coloured by its label (kept, or which kind of boilerplate), with its score,
features and the rule that decided it, under a summary (title, metadata, confidence, what
was kept). It takes the extraction options above.

Exit status: 0 when every input was extracted, 1 when any failed, 2 on a usage error.

EVAL prints, for each dataset folder (pages/<id>.html.gz + truth.jsonl), the benchmark
scores: shingle F1 (article-extraction-benchmark), bag-of-words F1, snippet F1 and
metadata agreement, and by page type where the truth gives one (with both halves of the
corpus split by domain); --worst N lists the N lowest-scoring pages; --half A|B and
--type TYPE keep those pages only; --set NAME=VALUE changes one of the classifier's
weights, --sweep NAME=A,B,... prints one line per value. With --predictions FILE
(the article-extraction benchmark's output format: {\"<id>\": {\"articleBody\": ...}}) it
scores that file instead of running gleaner, to compare other extractors by the same code.
";

struct Args {
    format: Format,
    json: JsonOptions,
    output_dir: Option<PathBuf>,
    inputs: Vec<String>,
    extractor: Extractor,
    jobs: usize,
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
            "-f" | "--format" => a.format = take(&mut argv)?.parse()?,
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
                a.extractor.charset(&take(&mut argv)?);
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
    a.extractor.limits(limits);
    // Markdown and HTML carry emphasis, inline code and code languages
    if matches!(a.format, Format::Markdown | Format::Html) || a.json.markdown || a.json.html {
        a.extractor.formatting(true);
    }
    if a.inputs.is_empty() {
        a.inputs.push("-".into());
    }
    Ok(a)
}

fn is_page(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".html")
        || lower.ends_with(".htm")
        || lower.ends_with(".html.gz")
        || lower.ends_with(".htm.gz")
}

/// Expands directories into their pages, sorted, walking with an explicit stack.
fn expand(inputs: &[String]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for i in inputs {
        let p = PathBuf::from(i);
        if i != "-" && p.is_dir() {
            let mut found = Vec::new();
            let mut stack = vec![p];
            while let Some(d) = stack.pop() {
                let rd = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
                for entry in rd.flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if is_page(&path) {
                        found.push(path);
                    }
                }
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(p);
        }
    }
    Ok(out)
}

fn read_input(p: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if p.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(p)?;
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out)?;
        return Ok(out);
    }
    Ok(bytes)
}

fn stem(p: &Path) -> String {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("stdin");
    let mut s = name;
    for ext in [".gz", ".html", ".htm"] {
        if s.len() > ext.len() && s.to_ascii_lowercase().ends_with(ext) {
            s = &s[..s.len() - ext.len()];
        }
    }
    s.to_string()
}

fn run(args: Args) -> ExitCode {
    let (warcs, files): (Vec<PathBuf>, Vec<PathBuf>) = match expand(&args.inputs) {
        Ok(f) => f.into_iter().partition(|p| warc::is_warc(p)),
        Err(e) => {
            eprintln!("gleaner: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(dir) = &args.output_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("gleaner: {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    }
    let mut warc_failed = false;
    for w in &warcs {
        warc_failed |= match &args.output_dir {
            Some(dir) => {
                let name = w.file_name().and_then(|n| n.to_str()).unwrap_or("warc");
                let stem = name
                    .trim_end_matches(".gz")
                    .trim_end_matches(".GZ")
                    .trim_end_matches(".warc")
                    .trim_end_matches(".WARC");
                let target = dir.join(format!("{stem}.jsonl"));
                match std::fs::File::create(&target) {
                    Ok(f) => {
                        let mut f = std::io::BufWriter::new(f);
                        let failed = warc::run(w, &args.extractor, args.jobs, &mut f);
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
                let failed = warc::run(w, &args.extractor, args.jobs, &mut stdout);
                stdout.flush().is_err() || failed
            }
        };
    }
    if files.is_empty() && !warcs.is_empty() {
        return if warc_failed {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        };
    }
    let total = files.len();
    let mut failed = false;
    let progress = total > 1 && std::io::stderr().is_terminal();
    let mut stdout = std::io::stdout();
    // One page: read, extracted (a bug in the library must not end the whole batch: the
    // page is reported instead), rendered, and written to the output folder if there is
    // one; the text for standard output otherwise.
    let work = |path: &PathBuf| -> Result<String, String> {
        let out = read_input(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                std::panic::catch_unwind(|| args.extractor.extract(&bytes))
                    .map_err(|_| "internal error (panic) while extracting".to_string())?
                    .map_err(|e| e.to_string())
            })
            .map(|doc| match args.format {
                Format::Json => doc.to_json_with(args.json) + "\n",
                f => doc.render(f),
            })
            .map_err(|e| format!("{}: {e}", path.display()))?;
        match &args.output_dir {
            Some(dir) => {
                let target = dir.join(format!("{}.{}", stem(path), args.format.extension()));
                std::fs::write(&target, out).map_err(|e| format!("{}: {e}", target.display()))?;
                Ok(String::new())
            }
            None => Ok(out),
        }
    };
    pool::ordered(
        files.iter(),
        args.jobs.min(total.max(1)),
        work,
        |i, result| {
            match result {
                Ok(out) => failed |= stdout.write_all(out.as_bytes()).is_err(),
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
            _ => a.dirs.push(PathBuf::from(arg)),
        }
    }
    if a.dirs.is_empty() {
        return Err("eval needs at least one dataset folder".into());
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
        let mut ex = Extractor::new();
        ex.weights(weights.clone());
        if let Some(u) = url {
            ex.url(u);
        }
        let doc = ex.extract(bytes).or_else(|e| match e {
            gleaner::Error::InvalidUrl { .. } => {
                let mut ex = Extractor::new();
                ex.weights(weights.clone());
                ex.extract(bytes)
            }
            other => Err(other),
        });
        let doc = doc.map_err(|e| e.to_string())?;
        Ok(gleaner::eval::Prediction {
            text: doc.text().to_string(),
            title: doc.title().map(str::to_string),
            author: doc.author().map(str::to_string),
            date: doc.date().map(str::to_string),
            page_type: Some(doc.page_type().name().to_string()),
        })
    })
}

fn run_eval(argv: Vec<String>) -> ExitCode {
    let a = match parse_eval_args(argv) {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => return usage_error(&e),
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
                let (names, x) = gleaner::bench::page_type_features(&bytes, url);
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
            return usage_error("--output needs a file");
        }
        output = Some(PathBuf::from(argv.remove(i + 1)));
        argv.remove(i);
    } else if let Some(i) = argv.iter().position(|a| a.starts_with("--output=")) {
        output = Some(PathBuf::from(&argv.remove(i)["--output=".len()..]));
    }
    let args = match parse_args(argv) {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => return usage_error(&e),
    };
    if args.inputs.len() != 1 {
        return usage_error("explain takes one page");
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

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("gleaner: {msg}\n\n{USAGE}");
    ExitCode::from(2)
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
