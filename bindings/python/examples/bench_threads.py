"""Throughput of gleaner from Python on 1 and 4 threads over a folder of pages (not a test).

    python bindings/python/examples/bench_threads.py corpus/scrapinghub/pages
"""
import concurrent.futures
import gzip
import sys
import time
from pathlib import Path

import gleaner


def load(folder):
    pages = []
    for p in sorted(Path(folder).iterdir()):
        data = p.read_bytes()
        pages.append(gzip.decompress(data) if p.suffix == ".gz" else data)
    return pages


def run(pages, threads, ex):
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda p: len(ex.extract(p).text), pages))
    return time.perf_counter() - start


def main():
    pages = load(sys.argv[1] if len(sys.argv) > 1 else "corpus/scrapinghub/pages")
    ex = gleaner.Extractor()
    mb = sum(map(len, pages)) / 1e6
    run(pages, 1, ex)  # warm-up
    t1 = run(pages, 1, ex)
    t4 = run(pages, 4, ex)
    print(f"{len(pages)} pages, {mb:.1f} MB")
    print(f"1 thread : {t1:.2f} s, {mb / t1:.1f} MB/s")
    print(f"4 threads: {t4:.2f} s, {mb / t4:.1f} MB/s, speed-up {t1 / t4:.2f}x")


if __name__ == "__main__":
    main()
