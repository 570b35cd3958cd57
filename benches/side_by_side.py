#!/usr/bin/env python3
"""gleaner and trafilatura side by side, on the same pages, in one run, on one thread.

    python3 benches/side_by_side.py [PAGES_DIR] [--rounds N]

Makes a virtual environment (target/side-by-side-venv) with trafilatura from PyPI and
gleaner's Python package built from this checkout, then, inside it, extracts every page of
PAGES_DIR (default corpus/scrapinghub/pages; *.html or *.html.gz) with each extractor and
prints both throughputs in MB/s of HTML and their ratio. Each extractor's best of N rounds
(default 3) is reported.
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
        subprocess.run([str(py), "-m", "pip", "install", "-q", "trafilatura"], check=True)
    # gleaner from this checkout, rebuilt each time so that the figures are for this code
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps",
                    str(ROOT / "bindings" / "python")], check=True)
    return py


def load(folder: Path) -> list[bytes]:
    pages = []
    for p in sorted(folder.iterdir()):
        if p.name.endswith(".html.gz"):
            pages.append(gzip.decompress(p.read_bytes()))
        elif p.suffix in (".html", ".htm"):
            pages.append(p.read_bytes())
    return pages


def best_time(fn, pages: list[bytes], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for page in pages:
            fn(page)
        best = min(best, time.perf_counter() - t)
    return best


def measure(folder: Path, rounds: int) -> None:
    import gleaner
    import trafilatura

    pages = load(folder)
    size = sum(len(p) for p in pages)
    ex = gleaner.Extractor()
    runs = {
        "gleaner": lambda p: ex.extract(p).text,
        # trafilatura's defaults, as its users call it; bytes in, so it decodes as it would
        "trafilatura": lambda p: trafilatura.extract(p),
    }
    mbs = {}
    print(f"{len(pages)} pages, {size / 1e6:.1f} MB, best of {rounds} rounds, one thread")
    for name, fn in runs.items():
        secs = best_time(fn, pages, rounds)
        mbs[name] = size / 1e6 / secs
        print(f"  {name:<12} {secs:7.2f} s  {mbs[name]:7.1f} MB/s  {len(pages) / secs:7.1f} pages/s")
    print(f"  gleaner is {mbs['gleaner'] / mbs['trafilatura']:.1f}x as fast as trafilatura "
          f"(trafilatura {trafilatura.__version__ if hasattr(trafilatura, '__version__') else '?'})")


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
