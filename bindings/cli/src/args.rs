//! The command line, declared for clap: the extraction run, `explain`, `eval` and
//! `completions`, their options and help.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use gleaner::eval::Half;
use gleaner::{Extractor, Favor, Format, JsonOptions, Limits, PageType};
use std::path::PathBuf;

const ABOUT: &str = "gleaner: the main content and metadata of web pages";

const INPUTS_HELP: &str = "\
INPUT is a file, a directory (every *.html, *.htm, *.html.gz and WARC file in it,
recursively), an http:// or https:// URL (fetched: up to 10 redirects, the final URL is
the page's URL, the server's charset is used, at most 2 requests to one host at a time)
or - for standard input (the default when no input is given). Pages may be gzip- or
brotli-compressed. A .warc or .warc.gz file is read as a stream: every HTML response in
it gives one line of JSON (JSON Lines: the record's warc_record_id, warc_target_uri,
warc_date, warc_offset and http_status, then the fields of --format json), in the order
of the archive; the HTTP charset is passed on, chunked and compressed bodies are decoded,
other records are counted and skipped, a broken record is reported with its offset and
skipped.

With several inputs on standard output, text, Markdown and HTML output put a line
==> INPUT <== before each page; JSON output gives each page's input as \"source\".

Input that is not a web page (an executable, an image, binary data) fails with
\"input is not a web page\".

Exit status: 0 when every input was extracted, 1 when any failed, 2 on a usage error.";

const EXPLAIN_ABOUT: &str = "Why gleaner kept what it kept: one page's HTML report";

const EXPLAIN_HELP: &str = "\
Writes one self-contained HTML report on PAGE (to --output, or standard output): every
text block in order, coloured by its label (kept, or which kind of boilerplate), with its
score, features and the rule that decided it, under a summary (title, metadata, page
type and its evidence, confidence, what was kept).";

const EVAL_ABOUT: &str = "Benchmark scores on dataset folders";

const EVAL_HELP: &str = "\
Prints, for each dataset folder (pages/<id>.html.gz and truth.jsonl), the benchmark
scores: shingle F1 (article-extraction-benchmark), bag-of-words F1, snippet F1 and
metadata agreement (title, author, date), and by page type where the truth gives one
(with both halves of the corpus split by domain); then the structure of gleaner's
Markdown: its code blocks, tables, headings and list items matched against those of the
page that hold gold text (the definition of tools/structure_score.py), by page type.";

/// The whole command line.
#[derive(Parser)]
#[command(
    name = "gleaner",
    version,
    about = ABOUT,
    after_long_help = INPUTS_HELP,
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub run: RunArgs,
}

/// The subcommands; without one, gleaner extracts its inputs.
#[derive(Subcommand)]
pub enum Command {
    #[command(about = EXPLAIN_ABOUT, long_about = EXPLAIN_HELP)]
    Explain(ExplainArgs),
    #[command(about = EVAL_ABOUT, long_about = EVAL_HELP)]
    Eval(EvalArgs),
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell)
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// `gleaner [OPTIONS] [INPUT]...`
#[derive(Args)]
pub struct RunArgs {
    /// Files, directories, http(s) URLs, or - for standard input [default: -]
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,

    /// Output format: text, markdown, json, or html (a clean fragment)
    #[arg(short = 'f', long, value_name = "FORMAT", default_value = "text",
          value_parser = format_parser(), hide_possible_values = true, help_heading = "Output")]
    pub format: Format,

    /// Add fields to JSON output: markdown, html or both (markdown,html)
    #[arg(long = "with", value_name = "FIELDS", value_delimiter = ',',
          value_parser = with_parser(), hide_possible_values = true, help_heading = "Output")]
    pub with: Vec<WithField>,

    /// Write one file per input under DIR, mirroring the input tree (DIR/<path>/<stem>.txt,
    /// .md, .json, .html; <stem>.jsonl per WARC file; stdin.<ext> for standard input)
    #[arg(
        short = 'o',
        long = "output-dir",
        value_name = "DIR",
        help_heading = "Output"
    )]
    pub output_dir: Option<PathBuf>,

    /// Start the Markdown with YAML front matter: title, author, date, url, sitename,
    /// language, page_type, description
    #[arg(long, help_heading = "Output")]
    pub front_matter: bool,

    /// Start the Markdown with the title as a # heading, also when the page shows no headline
    /// (without it, the page's headline opens the Markdown when the page shows one)
    #[arg(long, help_heading = "Output")]
    pub title_heading: bool,

    /// Keep links in Markdown and HTML output
    #[arg(long, help_heading = "Output")]
    pub links: bool,

    /// Keep images in Markdown and HTML output
    #[arg(long, help_heading = "Output")]
    pub images: bool,

    /// Exit with status 1 when a page gives no text ("nothing extracted from INPUT" is said
    /// on standard error either way)
    #[arg(long, help_heading = "Output")]
    pub fail_empty: bool,

    /// Read more inputs (URLs and paths) from FILE, one per line
    #[arg(long, value_name = "FILE", help_heading = "Inputs")]
    pub input_file: Vec<PathBuf>,

    /// Most time to fetch one URL, in seconds
    #[arg(long, value_name = "SECS", default_value_t = crate::fetch::DEFAULT_TIMEOUT_SECS,
          value_parser = clap::value_parser!(u64).range(1..), help_heading = "Inputs")]
    pub timeout: u64,

    /// Worker threads [default: all cores]
    #[arg(short = 'j', long, value_name = "N", value_parser = jobs_parser(), help_heading = "Inputs")]
    pub jobs: Option<usize>,

    #[command(flatten)]
    pub extraction: ExtractionArgs,
}

/// The options that change what is extracted, shared by the run and `explain`.
#[derive(Args)]
pub struct ExtractionArgs {
    /// The page's URL (resolves links; the canonical URL's fallback)
    #[arg(long, value_name = "URL", help_heading = "Extraction")]
    pub url: Option<String>,

    /// The page's charset, if known (e.g. from an HTTP header)
    #[arg(long, value_name = "LABEL", value_parser = charset_label, help_heading = "Extraction")]
    pub charset: Option<String>,

    /// Also return the comments: after the main text under a "Comments" mark in text and
    /// Markdown; a list in JSON
    #[arg(long, help_heading = "Extraction")]
    pub comments: bool,

    /// Drop tables from the main text
    #[arg(long, help_heading = "Extraction")]
    pub no_tables: bool,

    /// Keep figure captions
    #[arg(long, help_heading = "Extraction")]
    pub captions: bool,

    /// Favour precision: drop doubtful blocks
    #[arg(long, conflicts_with = "recall", help_heading = "Extraction")]
    pub precision: bool,

    /// Favour recall: keep doubtful blocks
    #[arg(long, help_heading = "Extraction")]
    pub recall: bool,

    /// The kind of page, when known: article, forum, product, collection, listing,
    /// documentation or service (extracted with that type's profile; default: gleaner
    /// decides)
    #[arg(long, value_name = "TYPE", value_parser = page_type_parser(),
          hide_possible_values = true, help_heading = "Extraction")]
    pub page_type: Option<PageType>,

    /// Largest input accepted, after decompression, in bytes
    #[arg(long, value_name = "N", value_parser = positive(), help_heading = "Limits")]
    pub max_input_bytes: Option<usize>,

    /// Deepest element given its own place in the tree
    #[arg(long, value_name = "N", value_parser = positive(), help_heading = "Limits")]
    pub max_depth: Option<usize>,

    /// Most elements built
    #[arg(long, value_name = "N", value_parser = positive(), help_heading = "Limits")]
    pub max_nodes: Option<usize>,

    /// Most time per page, in milliseconds (0: none) [default: 30000]
    #[arg(long, value_name = "N", help_heading = "Limits")]
    pub time_budget_ms: Option<u64>,

    /// Past a limit, return the part of the page within it (marked truncated in JSON)
    /// instead of failing
    #[arg(long, help_heading = "Limits")]
    pub truncate: bool,
}

/// `gleaner explain [OPTIONS] PAGE`
#[derive(Args)]
pub struct ExplainArgs {
    /// The page: a file, or - for standard input
    #[arg(value_name = "PAGE", default_value = "-")]
    pub page: PathBuf,

    /// Write the report to REPORT.html instead of standard output
    #[arg(short = 'o', long, value_name = "REPORT.html")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub extraction: ExtractionArgs,
}

/// `gleaner eval [OPTIONS] DATASET_DIR...`
#[derive(Args)]
pub struct EvalArgs {
    /// Folders holding pages/<id>.html.gz and truth.jsonl
    #[arg(value_name = "DATASET_DIR", required = true)]
    pub dirs: Vec<PathBuf>,

    /// List the N lowest-scoring pages, the N pages whose Markdown loses the most
    /// structure, and the metadata disagreements
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub worst: usize,

    /// Keep the pages of one half of the corpus (split by domain)
    #[arg(long, value_name = "A|B", value_parser = half_parser)]
    pub half: Option<Half>,

    /// Keep the pages of one page type
    #[arg(long = "type", value_name = "TYPE")]
    pub page_type: Option<String>,

    /// Change one of the classifier's weights
    #[arg(long = "set", value_name = "NAME=VALUE", value_parser = weight_value)]
    pub set: Vec<(String, f64)>,

    /// One line of scores per value of a weight
    #[arg(long, value_name = "NAME=A,B,...", value_parser = weight_values,
          conflicts_with = "predictions")]
    pub sweep: Option<(String, Vec<f64>)>,

    /// Score FILE (the article-extraction benchmark's format: {"<id>": {"articleBody": ...}},
    /// with "markdown" for the structure) instead of running gleaner, to compare other
    /// extractors by the same code
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,

    /// Write the page-type model's features of every page to FILE (tab-separated), to
    /// train the model on
    #[arg(long = "page-type-features", value_name = "FILE", hide = true,
          conflicts_with_all = ["predictions", "sweep"])]
    pub features: Option<PathBuf>,

    /// Worker threads [default: all cores]
    #[arg(short = 'j', long, value_name = "N", value_parser = jobs_parser())]
    pub jobs: Option<usize>,
}

/// A field `--with` adds to JSON output.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum WithField {
    Markdown,
    Html,
}

impl RunArgs {
    /// The fields JSON output carries.
    pub fn json(&self) -> JsonOptions {
        JsonOptions::default()
            .with_markdown(self.with.contains(&WithField::Markdown))
            .with_html(self.with.contains(&WithField::Html))
    }

    /// The extractor these options describe.
    pub fn extractor(&self) -> Extractor {
        let json = self.json();
        // Markdown and HTML carry emphasis, inline code and code languages
        let formatting =
            matches!(self.format, Format::Markdown | Format::Html) || json.markdown || json.html;
        self.extraction
            .extractor()
            .links(self.links)
            .images(self.images)
            .front_matter(self.front_matter)
            .title_heading(self.title_heading)
            .formatting(formatting)
    }

    /// The inputs given, then those of each `--input-file` (blank lines and `#` lines
    /// skipped); standard input when there are none.
    pub fn all_inputs(&self) -> Result<Vec<String>, String> {
        let mut inputs = self.inputs.clone();
        for file in &self.input_file {
            let list = std::fs::read_to_string(file)
                .map_err(|e| format!("--input-file {}: {e}", file.display()))?;
            inputs.extend(
                list.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_string),
            );
        }
        if inputs.is_empty() {
            inputs.push("-".into());
        }
        Ok(inputs)
    }
}

impl ExtractionArgs {
    /// The limits: the defaults, with those given.
    pub fn limits(&self) -> Limits {
        let mut limits = Limits::default().with_truncate(self.truncate);
        if let Some(n) = self.max_input_bytes {
            limits = limits.with_max_input_bytes(n);
        }
        if let Some(n) = self.max_depth {
            limits = limits.with_max_depth(n);
        }
        if let Some(n) = self.max_nodes {
            limits = limits.with_max_nodes(n);
        }
        if let Some(ms) = self.time_budget_ms {
            limits =
                limits.with_time_budget((ms > 0).then(|| std::time::Duration::from_millis(ms)));
        }
        limits
    }

    /// The extractor these options describe.
    pub fn extractor(&self) -> Extractor {
        let favor = if self.precision {
            Favor::Precision
        } else if self.recall {
            Favor::Recall
        } else {
            Favor::Balanced
        };
        let mut ex = Extractor::new()
            .comments(self.comments)
            .tables(!self.no_tables)
            .captions(self.captions)
            .favor(favor)
            .page_type(self.page_type)
            .limits(self.limits());
        if let Some(url) = &self.url {
            ex = ex.url(url);
        }
        if let Some(label) = &self.charset {
            ex = ex.charset(label);
        }
        ex
    }
}

fn page_type_parser() -> impl TypedValueParser<Value = PageType> {
    PossibleValuesParser::new(PageType::ALL.map(|t| PossibleValue::new(t.name())))
        .try_map(|s| s.parse::<PageType>())
}

fn format_parser() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new([
        PossibleValue::new("text").alias("txt"),
        PossibleValue::new("markdown").alias("md"),
        PossibleValue::new("json"),
        PossibleValue::new("html"),
    ])
    .try_map(|s| s.parse::<Format>())
}

fn with_parser() -> impl TypedValueParser<Value = WithField> {
    PossibleValuesParser::new([
        PossibleValue::new("markdown").alias("md"),
        PossibleValue::new("html"),
    ])
    .map(|s| {
        if s == "html" {
            WithField::Html
        } else {
            WithField::Markdown
        }
    })
}

fn jobs_parser() -> impl TypedValueParser<Value = usize> {
    clap::value_parser!(u16).range(1..).map(usize::from)
}

fn positive() -> impl TypedValueParser<Value = usize> {
    clap::value_parser!(u64)
        .range(1..)
        .try_map(|n| usize::try_from(n).map_err(|_| "too large for this machine".to_string()))
}

/// A charset label the WHATWG Encoding Standard knows.
fn charset_label(label: &str) -> Result<String, String> {
    match encoding_rs::Encoding::for_label(label.trim().as_bytes()) {
        Some(_) => Ok(label.to_string()),
        None => Err(
            "unknown character encoding (labels as in the WHATWG Encoding Standard: utf-8, windows-1252, shift_jis ...)"
                .into(),
        ),
    }
}

fn half_parser(s: &str) -> Result<Half, String> {
    s.parse()
}

/// `NAME=VALUE`, VALUE a number.
fn weight_value(s: &str) -> Result<(String, f64), String> {
    let (name, v) = s
        .split_once('=')
        .ok_or_else(|| "expected NAME=VALUE".to_string())?;
    let v: f64 = v
        .trim()
        .parse()
        .map_err(|_| format!("{v:?} is not a number"))?;
    Ok((name.trim().to_string(), v))
}

/// `NAME=A,B,...`, each value a number.
fn weight_values(s: &str) -> Result<(String, Vec<f64>), String> {
    let (name, vs) = s
        .split_once('=')
        .ok_or_else(|| "expected NAME=A,B,...".to_string())?;
    let values = vs
        .split(',')
        .map(|v| v.trim().parse::<f64>())
        .collect::<Result<Vec<f64>, _>>()
        .map_err(|_| "the values are numbers: NAME=A,B,...".to_string())?;
    Ok((name.trim().to_string(), values))
}
