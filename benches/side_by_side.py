#!/usr/bin/env python3
"""gleaner, Resiliparse and trafilatura side by side, on the same pages, in one run, on one
thread.

    python3 benches/side_by_side.py [PAGES_DIR] [--rounds N]

Makes a virtual environment (target/side-by-side-venv) with Resiliparse and trafilatura
from PyPI and gleaner's Python package built from this checkout, then, inside it, extracts
every page of PAGES_DIR (default corpus/scrapinghub/pages; *.html, *.html.gz or
pages/*.html.gz below it) with each extractor and prints the throughputs in MB/s of HTML
and gleaner's ratio to each. The pages are in memory and each call decodes its page as its
users would call it: gleaner from bytes; Resiliparse with its own detect_encoding and
bytes_to_str, then extract_plain_text(main_content=True); trafilatura from bytes. Each
extractor's best of N rounds (default 3) is reported; the rounds take turns, one of each
extractor after the other, so that the machine's drift falls on every extractor alike.
"""
from __future__ import annotations

import gzip
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / "target" / "side-by-side-venv"


def in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def make_venv() -> Path:
    py = VENV / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    # the peers, as pinned when the figures in the README were measured
    subprocess.run([str(py), "-m", "pip", "install", "-q", "trafilatura==2.3.1", "resiliparse==2.0.1"],
                   check=True)
    # gleaner from this checkout, rebuilt each time so that the figures are for this code
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps",
                    str(ROOT / "bindings" / "python")], check=True)
    return py


def load(folder: Path) -> list[bytes]:
    if (folder / "pages").is_dir():
        folder = folder / "pages"
    pages = []
    for p in sorted(folder.iterdir()):
        if p.name.endswith(".html.gz"):
            pages.append(gzip.decompress(p.read_bytes()))
        elif p.suffix in (".html", ".htm"):
            pages.append(p.read_bytes())
    return pages


def one_round(fn, pages: list[bytes]) -> float:
    t = time.perf_counter()
    for page in pages:
        fn(page)
    return time.perf_counter() - t


def best_times(runs: dict, pages: list[bytes], rounds: int) -> dict[str, float]:
    """Each extractor's best round. The rounds take turns (one of each extractor, then the
    next), so that the machine's drift over the run falls on all of them alike."""
    best = {name: float("inf") for name in runs}
    for _ in range(rounds):
        for name, fn in runs.items():
            best[name] = min(best[name], one_round(fn, pages))
    return best


def resiliparse_main_text(page: bytes) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    return extract_plain_text(bytes_to_str(page, detect_encoding(page)), main_content=True)


def measure(folder: Path, rounds: int) -> None:
    import gleaner
    import resiliparse
    import trafilatura

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    pages = load(folder)
    size = sum(len(p) for p in pages)
    ex = gleaner.Extractor()
    runs = {
        "gleaner": lambda p: ex.extract(p).text,
        "resiliparse": resiliparse_main_text,
        # trafilatura's defaults, as its users call it; bytes in, so it decodes as it would
        "trafilatura": lambda p: trafilatura.extract(p),
    }
    mbs = {}
    print(f"{len(pages)} pages, {size / 1e6:.1f} MB, best of {rounds} rounds, one thread")
    for name, secs in best_times(runs, pages, rounds).items():
        mbs[name] = size / 1e6 / secs
        print(f"  {name:<12} {secs:7.2f} s  {mbs[name]:7.1f} MB/s  {len(pages) / secs:7.1f} pages/s")
    versions = {"resiliparse": getattr(resiliparse, "__version__", "2.0.1"),
                "trafilatura": getattr(trafilatura, "__version__", "?")}
    for peer in ("resiliparse", "trafilatura"):
        print(f"  gleaner is {mbs['gleaner'] / mbs[peer]:.2f}x as fast as {peer} {versions[peer]}")


def main() -> None:
    args = sys.argv[1:]
    rounds = 3
    if "--rounds" in args:
        i = args.index("--rounds")
        rounds = int(args[i + 1])
        del args[i : i + 2]
    folder = Path(args[0]) if args else ROOT / "corpus" / "scrapinghub" / "pages"
    if not in_venv():
        py = make_venv()
        os.execv(str(py), [str(py), __file__, str(folder.resolve()), "--rounds", str(rounds)])
    measure(folder, rounds)


if __name__ == "__main__":
    main()
