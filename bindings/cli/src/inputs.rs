//! The command's inputs: folders expanded into their pages, and where each input's output
//! goes under `--output-dir` (the input tree mirrored), with collisions found before any work.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One input: a page file, a WARC file, a URL, or standard input (`-`).
pub struct Input {
    /// Where it is read from.
    pub path: PathBuf,
    /// Its place under an output folder: its path below the folder it was found in, or its
    /// file name when it was named itself; `stdin` for standard input.
    pub rel: PathBuf,
}

impl Input {
    /// Whether it is standard input.
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// Its output file under `dir`, with the extension `ext`: `a/page.html.gz` gives
    /// `dir/a/page.<ext>`.
    pub fn target(&self, dir: &Path, ext: &str) -> PathBuf {
        let name = self
            .rel
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("stdin");
        dir.join(&self.rel)
            .with_file_name(format!("{}.{ext}", stem(name)))
    }
}

/// Whether `p` names a page file by its extension.
fn is_page(p: &Path) -> bool {
    let lower = p
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    [".html", ".htm", ".html.gz", ".htm.gz"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// A file name without its page, WARC and compression extensions.
fn stem(name: &str) -> &str {
    let mut s = name;
    for ext in [".gz", ".html", ".htm", ".warc"] {
        if s.len() > ext.len() && s.to_ascii_lowercase().ends_with(ext) {
            s = &s[..s.len() - ext.len()];
        }
    }
    s
}

/// The inputs named on the command line, with each folder expanded into its pages
/// (`*.html`, `*.htm`, `*.html.gz`, WARC files), sorted, walking with an explicit stack.
/// A folder with no pages is an error that names it.
pub fn expand(names: &[String], is_warc: fn(&Path) -> bool) -> Result<Vec<Input>, String> {
    let mut out = Vec::new();
    for name in names {
        let root = PathBuf::from(name);
        if crate::fetch::is_url(name) {
            let rel = PathBuf::from(crate::fetch::output_name(name));
            out.push(Input { path: root, rel });
            continue;
        }
        if name == "-" || !root.is_dir() {
            let rel = match root.file_name() {
                Some(n) if name != "-" => PathBuf::from(n),
                _ => PathBuf::from("stdin"),
            };
            out.push(Input { path: root, rel });
            continue;
        }
        let mut found = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(d) = stack.pop() {
            let entries = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if is_page(&path) || is_warc(&path) {
                    found.push(path);
                }
            }
        }
        if found.is_empty() {
            return Err(format!(
                "{}: no pages in this folder (*.html, *.htm, *.html.gz, *.warc, *.warc.gz)",
                root.display()
            ));
        }
        found.sort();
        out.extend(found.into_iter().map(|path| {
            let rel = path.strip_prefix(&root).unwrap_or(&path).to_path_buf();
            Input { path, rel }
        }));
    }
    Ok(out)
}

/// The first two inputs whose outputs under `dir` would be the same file, with it.
pub fn collision<'a>(
    inputs: &'a [Input],
    dir: &Path,
    ext: impl Fn(&Input) -> &'static str,
) -> Option<(&'a Input, &'a Input, PathBuf)> {
    let mut seen: HashMap<PathBuf, &Input> = HashMap::new();
    for i in inputs {
        let target = i.target(dir, ext(i));
        if let Some(first) = seen.insert(target.clone(), i) {
            return Some((first, i, target));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(path: &str, rel: &str) -> Input {
        Input {
            path: path.into(),
            rel: rel.into(),
        }
    }

    #[test]
    fn outputs_mirror_the_input_tree() {
        let out = Path::new("out");
        assert_eq!(
            input("in/a/page.html.gz", "a/page.html.gz").target(out, "txt"),
            Path::new("out/a/page.txt")
        );
        assert_eq!(
            input("-", "stdin").target(out, "md"),
            Path::new("out/stdin.md")
        );
        assert_eq!(
            input("x.warc.gz", "x.warc.gz").target(out, "jsonl"),
            Path::new("out/x.jsonl")
        );
    }

    #[test]
    fn collisions_are_found() {
        let inputs = [
            input("in/a/page.html", "a/page.html"),
            input("in/b/page.html", "b/page.html"),
            input("in/a/page.html.gz", "a/page.html.gz"),
        ];
        let (first, second, target) = collision(&inputs, Path::new("o"), |_| "txt").unwrap();
        assert_eq!(first.path, Path::new("in/a/page.html"));
        assert_eq!(second.path, Path::new("in/a/page.html.gz"));
        assert_eq!(target, Path::new("o/a/page.txt"));
        assert!(collision(&inputs[..2], Path::new("o"), |_| "txt").is_none());
    }
}
