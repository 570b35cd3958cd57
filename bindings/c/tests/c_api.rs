//! Builds the C tests and the example against the committed header and the static library
//! with `-std=c99 -Wall -Wextra -Werror -pedantic`, runs them, and runs the tests again under
//! AddressSanitizer and LeakSanitizer.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The repository's root, where the header, the fixtures and the README are.
fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The target directory of this test profile.
fn lib_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent().unwrap().parent().unwrap().to_path_buf()
}

/// Builds the static library: the C tests ask cargo for it, in the same target folder,
/// where every dependency is already built (cargo has let go of the folder's lock by the
/// time tests run).
fn static_lib() -> PathBuf {
    static LIB: OnceLock<PathBuf> = OnceLock::new();
    LIB.get_or_init(|| {
        let target = lib_dir()
            .parent()
            .expect("the profile folder sits in the target folder")
            .to_path_buf();
        let release = !cfg!(debug_assertions);
        let mut cmd = Command::new(env!("CARGO"));
        cmd.args([
            "build",
            "-p",
            "gleaner-c",
            "--lib",
            "--quiet",
            "--target-dir",
        ])
        .arg(&target)
        .current_dir(root());
        if release {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("cargo runs");
        assert!(status.success(), "cargo build -p gleaner-c --lib failed");
        target
            .join(if release { "release" } else { "debug" })
            .join("libgleaner.a")
    })
    .clone()
}

fn compile(source: &str, out: &Path, extra: &[&str]) {
    let lib = static_lib();
    assert!(lib.exists(), "{} missing", lib.display());
    let status = Command::new("cc")
        .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-g"])
        .args(extra)
        .arg(format!(
            "-DGLEANER_TEST_VERSION=\"{}\"",
            env!("CARGO_PKG_VERSION")
        ))
        .arg("-I")
        .arg(root().join("include"))
        .arg(root().join(source))
        .arg(&lib)
        .args(["-lpthread", "-ldl", "-lm", "-o"])
        .arg(out)
        .status()
        .expect("a C compiler (cc) is needed for the C tests");
    assert!(status.success(), "compiling {source} failed");
}

fn run(exe: &Path, env: &[(&str, &str)]) -> String {
    let out = Command::new(exe)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{}: {stdout}\n{stderr}",
        exe.display()
    );
    stdout
}

fn out_dir(name: &str) -> PathBuf {
    let d = lib_dir().join("c-tests");
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

#[test]
fn c_tests_pass() {
    let exe = out_dir("test_gleaner");
    compile("bindings/c/tests/test_gleaner.c", &exe, &[]);
    let out = run(&exe, &[]);
    assert!(out.contains(" passed, 0 failed"), "{out}");
}

#[test]
fn c_tests_pass_under_address_sanitizer() {
    let exe = out_dir("test_gleaner_asan");
    compile(
        "bindings/c/tests/test_gleaner.c",
        &exe,
        &["-fsanitize=address", "-fno-omit-frame-pointer"],
    );
    let out = run(&exe, &[("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=1")]);
    assert!(out.contains(" passed, 0 failed"), "{out}");
}

/// Eight threads extract at once with shared options under ThreadSanitizer. The Rust side
/// is not instrumented, so this checks what crosses the boundary: options shared read-only,
/// documents handed between threads' allocations, the per-thread last error.
/// `GLEANER_STRESS_ROUNDS` sets the rounds per thread (a long run: 2000).
#[test]
fn c_threads_pass_under_thread_sanitizer() {
    let exe = out_dir("test_gleaner_tsan");
    compile(
        "bindings/c/tests/test_gleaner.c",
        &exe,
        &["-fsanitize=thread", "-fno-omit-frame-pointer"],
    );
    let rounds = std::env::var("GLEANER_STRESS_ROUNDS").unwrap_or_else(|_| "50".into());
    let out = run(
        &exe,
        &[
            ("TSAN_OPTIONS", "halt_on_error=1:exitcode=66"),
            ("GLEANER_STRESS_ROUNDS", &rounds),
        ],
    );
    assert!(out.contains(" passed, 0 failed"), "{out}");
}

#[test]
fn example_prints_title_and_text() {
    let exe = out_dir("example");
    compile("bindings/c/example.c", &exe, &[]);
    let page = root().join("tests/fixtures/seed_euckr.html");
    let out = Command::new(&exe).arg(&page).output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.starts_with("title: Seoul, Tokyo are close to an intel-sharing deal\n"),
        "{s}"
    );
    assert!(s.contains("text: Seoul and Tokyo are closing in"));
}

#[test]
fn readme_c_example_runs() {
    // the README's ```c block, compiled and run as written
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let block = readme
        .split("```c\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a C block in the README");
    let dir = out_dir("readme");
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join("readme.c");
    std::fs::write(&source, block).unwrap();
    let exe = dir.join("readme");
    compile(source.to_str().unwrap(), &exe, &[]);
    let out = Command::new(&exe).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "The ferry to the island leaves at nine, and the crossing takes an hour.\n"
    );
}
