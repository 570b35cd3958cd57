//! The `gleaner` command: argument parsing and batch work only; extraction lives in the library.

use args::{Cli, Command, EvalArgs, ExplainArgs, RunArgs};
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches};
use gleaner::eval::Half;
use gleaner::{Extractor, Format, JsonOptions};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod args;
mod fetch;
mod inputs;
mod pool;
mod warc;

use inputs::Input;

struct Settings {
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

/// What the run does, from its arguments; `format_given` says whether `--format` was on
/// the command line.
fn settings(run: &RunArgs, format_given: bool) -> Result<Settings, String> {
    let json = run.json();
    if (json.markdown || json.html) && run.format != Format::Json {
        return Err("--with adds fields to JSON output: use it with --format json".into());
    }
    Ok(Settings {
        format: run.format,
        json,
        output_dir: run.output_dir.clone(),
        inputs: run.all_inputs()?,
        extractor: run.extractor(),
        jobs: run.jobs.unwrap_or_else(default_jobs),
        timeout: std::time::Duration::from_secs(run.timeout),
        charset_given: run.extraction.charset.is_some(),
        format_given,
        fail_empty: run.fail_empty,
    })
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
    args: &Settings,
) -> Result<(Vec<u8>, Option<Extractor>), String> {
    let name = input.path.to_string_lossy();
    if !fetch::is_url(&name) {
        return read_input(&input.path)
            .map(|b| (b, None))
            .map_err(|e| e.to_string());
    }
    let page = fetcher.get(&name)?;
    let mut ex = args.extractor.clone().url(&page.url);
    if let Some(cs) = page.charset.filter(|_| !args.charset_given) {
        if encoding_rs::Encoding::for_label(cs.trim().as_bytes()).is_some() {
            ex = ex.charset(&cs);
        }
    }
    Ok((page.bytes, Some(ex)))
}

/// Writes each WARC input as JSON Lines, to its file under the output folder or to
/// standard output. Returns whether any failed.
fn run_warcs(warcs: &[&Input], args: &Settings) -> bool {
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
fn render(doc: &gleaner::Document, input: &Input, args: &Settings, several: bool) -> String {
    match args.format {
        Format::Json => with_source(&doc.to_json_with(args.json), input) + "\n",
        f if several && args.output_dir.is_none() => {
            format!("==> {} <==\n{}\n", input.path.display(), doc.render(f))
        }
        f => doc.render(f),
    }
}

fn run(args: Settings) -> ExitCode {
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
    let fetcher = fetch::Fetcher::new(
        args.timeout,
        args.extractor.current_limits().max_input_bytes,
    );
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

/// Scores gleaner, with `weights`, on one dataset folder.
fn eval_gleaner(
    dir: &Path,
    jobs: usize,
    weights: &gleaner::Weights,
) -> std::io::Result<gleaner::eval::Report> {
    gleaner::eval::evaluate(dir, jobs.max(1), |bytes, url| {
        // the Markdown as the command writes it, with links, for its structure
        let ex = Extractor::new()
            .weights(weights.clone())
            .formatting(true)
            .links(true);
        let doc = match url {
            Some(u) => ex.clone().url(u).extract(bytes),
            None => ex.extract(bytes),
        };
        let doc = doc.or_else(|e| match e {
            gleaner::Error::InvalidUrl { .. } => ex.extract(bytes),
            other => Err(other),
        });
        let doc = doc.map_err(|e| e.to_string())?;
        Ok(gleaner::eval::Prediction::of(&doc))
    })
}

fn run_eval(a: EvalArgs) -> ExitCode {
    for d in &a.dirs {
        if !d.join("truth.jsonl").is_file() {
            return usage_error_of(
                "eval",
                &format!(
                    "{}: not a dataset folder (it needs truth.jsonl and pages/)",
                    d.display()
                ),
            );
        }
    }
    let mut weights = gleaner::Weights::default();
    let sweep_first = a
        .sweep
        .iter()
        .map(|(n, v)| (n.clone(), v.first().copied().unwrap_or(0.0)));
    for (name, v) in a.set.iter().cloned().chain(sweep_first) {
        if let Err(e) = weights.set(&name, v) {
            return usage_error_of("eval", &e);
        }
    }
    let jobs = a.jobs.unwrap_or_else(default_jobs);
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
                Ok(r) => {
                    let r = r.subset(keep);
                    println!("{r}");
                    print_worst(&r, a.worst);
                }
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
                let mut w = weights.clone();
                if let Err(e) = w.set(name, *v) {
                    return usage_error(&e);
                }
                match eval_gleaner(dir, jobs, &w) {
                    Ok(r) => println!("{name}={v}\t{}", sweep_line(&r.subset(keep))),
                    Err(e) => {
                        eprintln!("gleaner: {}: {e}", dir.display());
                        return ExitCode::from(1);
                    }
                }
            }
            continue;
        }
        match eval_gleaner(dir, jobs, &weights) {
            Ok(r) => {
                let r = r.subset(keep);
                println!("{r}");
                print_worst(&r, a.worst);
            }
            Err(e) => {
                eprintln!("gleaner: {}: {e}", dir.display());
                status = ExitCode::from(1);
            }
        }
    }
    status
}

/// Prints the `n` lowest-scoring pages of `r`, the `n` whose Markdown loses the most
/// structure, and its metadata disagreements (nothing when `n` is 0).
fn print_worst(r: &gleaner::eval::Report, n: usize) {
    if n == 0 {
        return;
    }
    println!("  worst pages:");
    for p in r.worst(n) {
        println!("    {p}");
    }
    let lost = r.worst_structure(n);
    if !lost.is_empty() {
        println!("  pages whose Markdown loses the most structure (gold elements lost):");
        for (p, n) in lost {
            println!("    {n:>6.1}  {}  {}", p.id, structure_line(p));
        }
    }
    let wrong = r.meta_disagreements(n);
    if !wrong.is_empty() {
        println!("  metadata disagreements:");
        for (id, d) in wrong {
            println!("    {id}  {d}");
        }
    }
}

/// The host of `url` without `www.`, as the halves are split by it.
fn site_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host)
}

/// Writes the page-type model's features of every page of `dirs` as tab-separated values
/// (id, site, half, whether the URL was given, the truth's type, then one column per
/// feature),
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
                    writeln!(w, "id\tsite\thalf\turl\ttype\t{}", names.join("\t"))?;
                    header = true;
                }
                let half = t.url.as_deref().and_then(Half::of).map_or("-", Half::name);
                let x: Vec<String> = x.iter().map(|v| format!("{v:.4}")).collect();
                let ty = t.page_type.as_deref().unwrap_or("-");
                let given = u8::from(url.is_some());
                let site = t.url.as_deref().map_or("-", site_of);
                writeln!(
                    w,
                    "{}\t{site}\t{half}\t{given}\t{ty}\t{}",
                    t.id,
                    x.join("\t")
                )?;
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
fn run_explain(a: ExplainArgs) -> ExitCode {
    let output = a.output;
    if output.is_none() && std::io::stdout().is_terminal() {
        return usage_error_of(
            "explain",
            "the report is an HTML page: give --output REPORT.html, or redirect standard output",
        );
    }
    let extractor = a.extraction.extractor();
    let path = a.page.as_path();
    let explained = read_input(path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| extractor.explain(&bytes).map_err(|e| e.to_string()));
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

/// The command line as clap reads it; help and the version are printed here, and a usage
/// error is said in one line (clap's tip joined to it) and a pointer to the help.
fn parse() -> Result<(Cli, bool), ExitCode> {
    let matches = match Cli::command().try_get_matches() {
        Ok(m) => m,
        Err(e) => return Err(clap_error(e)),
    };
    let format_given = matches.value_source("format") == Some(ValueSource::CommandLine);
    match Cli::from_arg_matches(&matches) {
        Ok(cli) => Ok((cli, format_given)),
        Err(e) => Err(clap_error(e)),
    }
}

fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let rendered = e.render().to_string();
    let mut lines = rendered.lines();
    let mut msg = lines
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_string();
    // what a message ending in ':' lists, the possible values and clap's tip go on the
    // same line
    for line in lines.map(str::trim) {
        if msg.ends_with(':') && !line.is_empty() {
            msg.push(' ');
            msg.push_str(line);
        } else if let Some(values) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            msg.push_str(&format!(" ({values})"));
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            msg.push_str(&format!(" ({tip})"));
        }
    }
    let command = std::env::args()
        .nth(1)
        .filter(|a| ["explain", "eval", "completions"].contains(&a.as_str()))
        .unwrap_or_default();
    usage_error_of(&command, &msg)
}

/// A closed pipe on standard output (`gleaner eval ... | head`) ends the command as it ends
/// `cat` or `grep`, by SIGPIPE, instead of a panic in the first `println!` after it: Rust
/// ignores the signal, and its printing panics on the error.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring a signal's default disposition, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let (cli, format_given) = match parse() {
        Ok(c) => c,
        Err(status) => return status,
    };
    match cli.command {
        Some(Command::Eval(a)) => run_eval(a),
        Some(Command::Explain(a)) => run_explain(a),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "gleaner",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        None => match settings(&cli.run, format_given) {
            Ok(s) => run(s),
            Err(e) => usage_error(&e),
        },
    }
}
