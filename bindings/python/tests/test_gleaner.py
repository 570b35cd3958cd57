"""Tests of the Python package: the API, errors, threads, legacy charsets, the seed page."""
import concurrent.futures
import gc
import gzip
import os
import json
from pathlib import Path

import pytest

import gleaner

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"

PAGE = """<html lang="en"><head><meta charset="utf-8"><title>Bridge reopens after repairs | City Post</title>
<meta name="author" content="Mara Olsen"></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Bridge reopens after repairs</h1>
<p>The old stone bridge over the river reopened on Thursday after eight months of repairs to its arches.</p>
<p>Cyclists and walkers crossed it within minutes, and the council said buses would return next week.</p>
</article><div id="comments"><p>About time too, we have been waiting all year for this bridge.</p></div>
<footer>Copyright City Post</footer></body></html>"""


def test_extract_gives_text_and_metadata():
    doc = gleaner.extract(PAGE.encode())
    assert doc.title == "Bridge reopens after repairs"
    assert doc.author == "Mara Olsen"
    assert doc.language == "en"
    assert doc.text.startswith("The old stone bridge")
    assert "Copyright" not in doc.text and "About time" not in doc.text
    assert doc.date is None
    assert doc.comments == [] and doc.comments_text is None
    assert 0.0 < doc.confidence <= 1.0
    assert "Cyclists and walkers" in doc.markdown
    assert json.loads(doc.to_json())["title"] == doc.title
    assert doc.to_dict()["author"] == "Mara Olsen"


def test_str_input_and_options():
    doc = gleaner.extract(PAGE, url="https://citypost.example/a", comments=True, favor="precision")
    assert doc.url == "https://citypost.example/a"
    assert "About time" in (doc.comments_text or "")
    assert [c["text"] for c in doc.comments] == ["About time too, we have been waiting all year for this bridge."]


def test_a_page_type_given_is_the_one_used():
    assert gleaner.extract(PAGE).page_type == "article"
    doc = gleaner.extract(PAGE, page_type="product")
    assert doc.page_type == "product"
    assert "The old stone bridge" in doc.text
    with pytest.raises(ValueError):
        gleaner.Extractor(page_type="blog")


def test_extractor_is_reusable_and_close_keeps_fields():
    ex = gleaner.Extractor(tables=False)
    docs = [ex.extract(PAGE) for _ in range(3)]
    assert all(d.title == "Bridge reopens after repairs" for d in docs)
    d = docs[0]
    d.close()
    assert d.text.startswith("The old stone bridge")


def test_wrong_types_raise_type_error():
    with pytest.raises(TypeError):
        gleaner.extract(12345)
    with pytest.raises(TypeError):
        gleaner.Extractor(comments="yes")
    with pytest.raises(TypeError):
        gleaner.Extractor(url=b"https://x")
    with pytest.raises(ValueError):
        gleaner.Extractor(favor="speed")


def test_errors_are_subclasses_with_messages():
    with pytest.raises(gleaner.InputTooLargeError) as e:
        gleaner.extract(PAGE, max_input_bytes=10)
    assert "limit" in str(e.value) and isinstance(e.value, gleaner.Error)
    with pytest.raises(gleaner.InvalidUrlError):
        gleaner.extract(PAGE, url="not a url")
    with pytest.raises(gleaner.TooManyNodesError):
        gleaner.extract("<p>x</p>" * 100, max_nodes=10)


def test_legacy_charsets():
    doc = gleaner.extract((FIXTURES / "seed_euckr.html").read_bytes())
    assert doc.title == "Seoul, Tokyo are close to an intel-sharing deal"
    assert "Seoul and Tokyo are closing in" in doc.text
    assert "Log in to Twitter" not in doc.text
    jp = gleaner.extract((FIXTURES / "japanese.html").read_bytes())
    assert jp.language == "ja"
    assert len(jp.text) > 200


def test_seed_page_utf8():
    doc = gleaner.extract((FIXTURES / "seed_utf8.html").read_bytes())
    lines = doc.text.splitlines()
    assert lines[0].startswith("Seoul and Tokyo are closing in")
    assert "Home > National > Politics" not in doc.text
    assert "To write comments" not in doc.text


def test_threads_share_one_extractor():
    ex = gleaner.Extractor()
    pages = [p.read_bytes() for p in sorted(FIXTURES.glob("*.html"))]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda p: ex.extract(p).text, pages * 4))
    single = [ex.extract(p).text for p in pages] * 4
    assert results == single


def test_empty_and_hostile_input():
    assert gleaner.extract(b"").text == ""
    assert isinstance(gleaner.extract(b"\x00\xff\xfe<p>\x00</p>").text, str)


def test_version():
    assert gleaner.version().count(".") == 2


def test_limits_truncation_and_time_budget():
    big = "<p>Paragraph of the long article about the river and the bridge, as prose.</p>" * 200_000
    with pytest.raises(gleaner.TimeBudgetExceededError):
        gleaner.extract(big, time_budget=0.001)
    doc = gleaner.extract(big, time_budget=0.001, truncate=True)
    assert doc.truncated and "Paragraph of the long article" in doc.text
    doc = gleaner.extract("<p>x</p>" * 100, max_nodes=10, truncate=True)
    assert doc.truncated
    assert not gleaner.extract(PAGE, time_budget=None).truncated
    with pytest.raises(ValueError):
        gleaner.extract(PAGE, time_budget=0)
    with pytest.raises(TypeError):
        gleaner.extract(PAGE, time_budget="1s")


def _rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs /proc")
def test_soak_memory_stays_flat():
    """A pool of workers extracts the corpus again and again: no crash, and memory does not
    grow from round to round (no leak across the C boundary). GLEANER_SOAK_ROUNDS sets the
    rounds (a long run: 100)."""
    pages = [gzip.decompress(p.read_bytes()) for p in sorted((ROOT / "corpus" / "scrapinghub" / "pages").glob("*.gz"))]
    ex = gleaner.Extractor(comments=True)

    def work(page: bytes) -> int:
        doc = ex.extract(page)
        n = len(doc.text) + len(doc.markdown) + len(doc.to_json())
        doc.close()
        return n

    rss = []
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        for _ in range(int(os.environ.get("GLEANER_SOAK_ROUNDS", "6"))):
            total = sum(pool.map(work, pages))
            assert total > 0
            gc.collect()
            rss.append(_rss_bytes())
    # the first rounds warm the allocator up; after that the footprint stays put
    print("rss MiB per round:", [r >> 20 for r in rss])
    assert rss[-1] - rss[1] < 24 << 20, [r >> 20 for r in rss]


RICH = """<html><head><title>Bridge</title></head><body><article>
<p>The old stone bridge over the <em>river</em> reopened on Thursday after eight months of repairs.</p>
<ol><li>Walkers first</li><li>Buses <code>next</code> week</li></ol>
<p>Cyclists crossed it within minutes, and the council said the buses would return next week.</p>
<script>alert(1)</script></article>
<div id="comments"><ol><li class="comment"><span class="comment-author">Ana</span><time datetime="2024-05-03">May 3</time>
<p>About time too, we have been waiting all year for this bridge.</p></li></ol></div></body></html>"""


def test_markdown_html_json_and_comments():
    doc = gleaner.extract(RICH, formatting=True, comments=True)
    assert "over the *river* reopened" in doc.markdown
    assert "1. Walkers first\n2. Buses `next` week" in doc.markdown
    assert "<li>Buses <code>next</code> week</li>" in doc.html
    assert "<script" not in doc.html
    assert doc.comments == [{"author": "Ana", "date": "2024-05-03", "text": "About time too, we have been waiting all year for this bridge."}]
    full = json.loads(doc.to_json(markdown=True, html=True))
    assert full["markdown"] == doc.markdown and full["html"] == doc.html
    assert full["schema"] == 2 and 0 < full["confidence"] <= 1
    # the type itself is tested on the corpus; here, that every interface gives the same
    assert full["page_type"] == doc.page_type
    assert doc.page_type in ("article", "forum", "product", "collection", "listing", "documentation", "service")
    assert "markdown" not in doc.to_dict()
    doc.close()
    assert doc.comments[0]["author"] == "Ana" and doc.confidence > 0


def test_front_matter_and_title_heading():
    doc = gleaner.extract(RICH, url="https://news.example.com/bridge", front_matter=True, title_heading=True)
    head, body = doc.markdown.split("\n---\n\n", 1)
    assert head.startswith("---\ntitle: ")
    assert 'url: "https://news.example.com/bridge"' in head and 'page_type: "' in head
    assert body.startswith("# " + doc.title + "\n\nThe old stone bridge")
    # the HTML is the text's alone
    assert "---" not in doc.html and "<h1>" not in doc.html
    assert not gleaner.extract(RICH).markdown.startswith("---")


def test_explain_report_and_decisions():
    doc = gleaner.extract(RICH, explain=True, comments=True)
    assert doc.report is not None and doc.report.startswith("<!DOCTYPE html>")
    kept = [d["text"] for d in doc.decisions if d["kept"]]
    assert "\n".join(kept) == doc.text
    assert any(d["label"] == "comment" for d in doc.decisions)
    assert gleaner.explain(RICH).count('class="block kept"') == len(kept)
    assert gleaner.extract(RICH).report is None


def test_every_option_extract_names_is_accepted():
    # help(gleaner.extract) lists the options: each works, and they are Extractor's
    doc = gleaner.extract.__doc__
    listed = doc.split("`Extractor`:")[1].rstrip(". \n").replace("\n", " ").split(",")
    listed = {name.strip() for name in listed}
    import inspect

    params = set(inspect.signature(gleaner.Extractor.__init__).parameters) - {"self", "url"}
    assert listed == params
    values = {"charset": "utf-8", "favor": "precision", "page_type": "forum", "max_input_bytes": 1 << 20, "max_depth": 64,
              "max_nodes": 10000, "time_budget": 5.0}
    for name in sorted(listed):
        gleaner.extract(b"<p>Some text here.</p>", **{name: values.get(name, True)})


def test_compressed_and_binary_input():
    page = b"<html><body><article><p>The ferry to the island leaves at nine, and the crossing takes an hour.</p></article></body></html>"
    assert gleaner.extract(gzip.compress(page)).text.startswith("The ferry")
    with pytest.raises(gleaner.NotHtmlError, match="^input is not a web page: an ELF executable$"):
        gleaner.extract(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)


def test_readme_python_examples_run(tmp_path, monkeypatch, capsys):
    # the README's ```python blocks, run as written, beside the repository's tests/ and a
    # crawl.warc.gz of corpus pages
    from test_warc import PAGES, make_warc

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in readme.split("```python\n")[1:]]
    assert len(blocks) >= 2
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    make_warc(tmp_path / "crawl.warc.gz", PAGES[:3])
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "input is not a web page: an ELF executable" in out
    assert "https://example.com/" in out


def test_package_claims_the_python_its_build_runs_on():
    # the build requires setuptools >= 77, which runs on Python 3.9 and newer
    text = (ROOT / "bindings/python/pyproject.toml").read_text(encoding="utf-8")
    assert 'requires = ["setuptools>=77"]' in text
    assert 'requires-python = ">=3.9"' in text
