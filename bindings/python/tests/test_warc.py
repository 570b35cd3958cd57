"""WARC files through the Python package, and through Spark in local mode."""
import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gleaner
import gleaner.warc

ROOT = Path(__file__).resolve().parents[3]
PAGES = sorted((ROOT / "corpus" / "scrapinghub" / "pages").glob("*.html.gz"))


def record(kind: str, uri: str, block: bytes) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri))}>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def make_warc(path: Path, pages: list, with_junk: bool = True) -> dict:
    """A .warc.gz of the corpus pages given (one gzip member per record), with a request
    record and an image among them; returns the expected text by URI."""
    expected = {}
    with open(path, "wb") as f:
        for i, p in enumerate(pages):
            html = gzip.decompress(p.read_bytes())
            uri = f"https://example.com/{p.name[:12]}"
            expected[uri] = gleaner.extract(html, url=uri).text
            body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
            f.write(gzip.compress(record("response", uri, body)))
            if with_junk and i == 0:
                f.write(gzip.compress(record("request", uri, b"GET / HTTP/1.1\r\n\r\n")))
                png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"
                f.write(gzip.compress(record("response", uri + ".png", png)))
    return expected


def test_reader_gives_every_page_once(tmp_path):
    path = tmp_path / "a.warc.gz"
    expected = make_warc(path, PAGES[:6])
    with gleaner.warc.Reader(path, gleaner.Extractor()) as r:
        got = {p["warc_target_uri"]: p["text"] for p in r}
        assert r.counts == {"records": 8, "pages": 6, "not_html": 1, "other": 1, "errors": 0}
        assert r.errors == []
    assert got == expected
    first = next(gleaner.warc.pages(path))
    assert first["warc_date"] == "2024-01-01T00:00:00Z" and first["http_status"] == 200
    assert first["warc_target_uri"].startswith("https://example.com/") and first["url"]


def test_reader_errors(tmp_path):
    with pytest.raises(gleaner.ReadError):
        gleaner.warc.Reader(tmp_path / "missing.warc")
    path = tmp_path / "broken.warc"
    good = record("response", "https://x.example/", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Some words of a page that is not long.</p>")
    path.write_bytes(b"not a warc record\r\n\r\n" + good)
    r = gleaner.warc.Reader(path)
    assert [p["warc_target_uri"] for p in r] == ["https://x.example/"]
    assert len(r.errors) == 1 and "offset 0" in r.errors[0]
    r.close()
    r.close()
    with pytest.raises(ValueError):
        list(r)


def _pyspark_available() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return shutil.which("java") is not None


@pytest.mark.skipif(not _pyspark_available(), reason="needs pyspark and java")
def test_spark_local_mode(tmp_path):
    """The Spark example in local mode over two WARC files made here: every page comes out
    once, with the text gleaner gives it directly."""
    a, b = tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"
    expected = make_warc(a, PAGES[:5])
    expected.update(make_warc(b, PAGES[5:9], with_junk=False))
    out = tmp_path / "out"
    script = ROOT / "bindings" / "python" / "examples" / "spark_warc.py"
    # the workers import the example's module (and gleaner) as the driver does
    path = os.pathsep.join(p for p in [str(script.parent), os.environ.get("PYTHONPATH", "")] if p)
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable, PYTHONPATH=path)
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from pyspark.sql import SparkSession\n"
        "import spark_warc\n"
        "spark = SparkSession.builder.master('local[2]').appName('gleaner-test')"
        ".config('spark.ui.enabled', 'false').getOrCreate()\n"
        "spark_warc.run(spark, [%r, %r], %r)\n"
        "spark.stop()\n"
    ) % (str(script.parent), str(a), str(b), str(out))
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = [json.loads(l) for f in sorted(out.glob("part-*")) for l in f.read_text().splitlines()]
    got = {}
    for page in lines:
        assert page["warc_target_uri"] not in got, "a page came out twice"
        got[page["warc_target_uri"]] = page["text"]
    assert got == expected
