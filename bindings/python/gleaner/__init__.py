"""gleaner: the main content and metadata of web pages, through gleaner's C ABI.

>>> import gleaner
>>> doc = gleaner.extract(b"<article><p>Some text that is long enough to be an article, with a comma.</p></article>")
>>> doc.text
'Some text that is long enough to be an article, with a comma.'
"""
from __future__ import annotations

import ctypes
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

__all__ = [
    "extract",
    "explain",
    "Extractor",
    "PAGE_TYPES",
    "Document",
    "Error",
    "NullArgumentError",
    "InvalidUtf8Error",
    "InvalidArgumentError",
    "InputTooLargeError",
    "TooManyNodesError",
    "InvalidUrlError",
    "TimeBudgetExceededError",
    "ReadError",
    "WarcRecordError",
    "NotHtmlError",
    "InternalError",
    "version",
]

_LIB_NAMES = {"linux": "libgleaner.so", "darwin": "libgleaner.dylib", "win32": "gleaner.dll"}


def _load() -> ctypes.CDLL:
    here = Path(__file__).resolve().parent
    path = here / _LIB_NAMES.get(sys.platform, "libgleaner.so")
    # CDLL (not PyDLL): every call releases the GIL, so threads extract in parallel.
    return ctypes.CDLL(str(path))


_lib = _load()
_u8p = ctypes.POINTER(ctypes.c_uint8)
_status = ctypes.c_uint32


def _proto(name: str, restype: Any, *argtypes: Any) -> Any:
    f = getattr(_lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


_version = _proto("gleaner_version", ctypes.c_char_p)
_status_message = _proto("gleaner_status_message", ctypes.c_char_p, ctypes.c_uint32)
_last_error = _proto("gleaner_last_error", _status, _u8p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t))
_options_new = _proto("gleaner_options_new", ctypes.c_void_p)
_options_free = _proto("gleaner_options_free", None, ctypes.c_void_p)
_set_string = {
    name: _proto(f"gleaner_options_set_{name}", _status, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t)
    for name in ("url", "charset", "page_type")
}
_set_bool = {
    name: _proto(f"gleaner_options_set_{name}", _status, ctypes.c_void_p, ctypes.c_bool)
    for name in (
        "comments",
        "tables",
        "captions",
        "links",
        "images",
        "truncate",
        "formatting",
        "front_matter",
        "title_heading",
        "explain",
    )
}
_set_time_budget = _proto("gleaner_options_set_time_budget_ms", _status, ctypes.c_void_p, ctypes.c_uint64)
_document_truncated = _proto(
    "gleaner_document_truncated", _status, ctypes.c_void_p, ctypes.POINTER(ctypes.c_bool)
)
_set_size = {
    name: _proto(f"gleaner_options_set_{name}", _status, ctypes.c_void_p, ctypes.c_size_t)
    for name in ("max_input_bytes", "max_depth", "max_nodes")
}
_set_favor = _proto("gleaner_options_set_favor", _status, ctypes.c_void_p, ctypes.c_uint32)
_extract = _proto(
    "gleaner_extract", _status, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)
)
_document_free = _proto("gleaner_document_free", None, ctypes.c_void_p)
# The gleaner_field numbers of gleaner.h, by name.
_FIELDS = {
    name: number
    for number, name in enumerate(
        (
            "text",
            "markdown",
            "html",
            "json",
            "title",
            "author",
            "date",
            "sitename",
            "language",
            "url",
            "description",
            "image",
            "comments",
            "report",
            "decisions",
            "page_type",
        )
    )
}
_document_get = _proto(
    "gleaner_document_get",
    _status,
    ctypes.c_void_p,
    ctypes.c_uint32,
    ctypes.POINTER(_u8p),
    ctypes.POINTER(ctypes.c_size_t),
)

# Fields made on request, left out of what close() keeps.
_LAZY_FIELDS = ("html", "report", "decisions")
_document_confidence = _proto(
    "gleaner_document_confidence", _status, ctypes.c_void_p, ctypes.POINTER(ctypes.c_double)
)
_document_json_with = _proto(
    "gleaner_document_json_with",
    _status,
    ctypes.c_void_p,
    ctypes.c_uint32,
    ctypes.POINTER(_u8p),
    ctypes.POINTER(ctypes.c_size_t),
)
_JSON_MARKDOWN = 1
_JSON_HTML = 2

_OK = 0
_ABSENT = 4
_FAVORS = {"balanced": 0, "precision": 1, "recall": 2}
# The page types gleaner tells apart, by their names in Document.page_type.
PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")


class Error(Exception):
    """An extraction or argument error; `status` is gleaner's numeric status code."""

    status = -1


class NullArgumentError(Error):
    """A required argument was missing."""

    status = 1


class InvalidUtf8Error(Error):
    """A text argument was not valid UTF-8."""

    status = 2


class InvalidArgumentError(Error):
    """An argument was out of range."""

    status = 3


class InputTooLargeError(Error):
    """The page is larger than the `max_input_bytes` limit."""

    status = 100


class TooManyNodesError(Error):
    """The page has more elements than the `max_nodes` limit."""

    status = 101


class InvalidUrlError(Error):
    """The page URL given could not be parsed."""

    status = 102


class TimeBudgetExceededError(Error):
    """Extraction took longer than the `time_budget` option allows."""

    status = 103


class ReadError(Error):
    """A file could not be opened or read."""

    status = 104


class WarcRecordError(Error):
    """A WARC record was broken, or its page could not be extracted."""

    status = 105


class NotHtmlError(Error):
    """The input is not a web page: an executable, an image or other binary data."""

    status = 106


class InternalError(Error):
    """gleaner hit an internal error (a bug); the message says where."""

    status = 999


_ERRORS = {cls.status: cls for cls in Error.__subclasses__()}


def _last_error_message() -> str:
    buf = (ctypes.c_uint8 * 1024)()
    n = ctypes.c_size_t(0)
    _last_error(buf, 1024, ctypes.byref(n))
    return bytes(buf[: n.value]).decode("utf-8", "replace")


def _raise(status: int) -> None:
    # the last error is the whole message ("input is not a web page: an ELF executable");
    # the status's general words only stand in when there is none
    detail = _last_error_message()
    cls = _ERRORS.get(status, Error)
    raise cls(detail or (_status_message(status) or b"").decode())


def version() -> str:
    """The gleaner library's version."""
    return _version().decode()


class Document:
    """What gleaner found on a page. Fields the page does not give are None."""

    __slots__ = ("_ptr", "_cache")

    def __init__(self, ptr: int) -> None:
        self._ptr: Optional[int] = ptr
        self._cache: Dict[str, Optional[str]] = {}

    def _field(self, name: str) -> Optional[str]:
        if name in self._cache:
            return self._cache[name]
        if not self._ptr:
            raise ValueError("document is closed")
        p = _u8p()
        n = ctypes.c_size_t(0)
        st = _document_get(self._ptr, _FIELDS[name], ctypes.byref(p), ctypes.byref(n))
        if st == _ABSENT:
            value = None
        elif st == _OK:
            value = ctypes.string_at(p, n.value).decode("utf-8") if n.value else ""
        else:
            _raise(st)
        self._cache[name] = value
        return value

    @property
    def text(self) -> str:
        """The main text: the kept blocks in document order, one per line."""
        return self._field("text") or ""

    @property
    def markdown(self) -> str:
        """The main content as CommonMark (with tables): headings, nested lists, quotes,
        code, and the emphasis, links and images the options kept."""
        return self._field("markdown") or ""

    @property
    def html(self) -> str:
        """The main content as a small, safe HTML fragment, for reader views."""
        return self._field("html") or ""

    @property
    def title(self) -> Optional[str]:
        """The headline, cleaned of the site name."""
        return self._field("title")

    @property
    def author(self) -> Optional[str]:
        """The author or authors, joined with "; "."""
        return self._field("author")

    @property
    def date(self) -> Optional[str]:
        """The publication date, ISO 8601 (YYYY-MM-DD)."""
        return self._field("date")

    @property
    def sitename(self) -> Optional[str]:
        """The site's name."""
        return self._field("sitename")

    @property
    def language(self) -> Optional[str]:
        """The language, an ISO 639-1 code where one exists."""
        return self._field("language")

    @property
    def url(self) -> Optional[str]:
        """The canonical URL."""
        return self._field("url")

    @property
    def description(self) -> Optional[str]:
        """The page's description."""
        return self._field("description")

    @property
    def image(self) -> Optional[str]:
        """The main image's URL."""
        return self._field("image")

    @property
    def page_type(self) -> str:
        """What kind of page it is: "article", "forum", "product", "collection", "listing",
        "documentation" or "service"."""
        return self._field("page_type") or "article"

    @property
    def comments(self) -> List[Dict[str, Optional[str]]]:
        """The comments, one dict per comment (author, date, text), when asked for with
        comments=True; empty otherwise. None of them is in `text`."""
        return list(self.to_dict().get("comments") or [])

    @property
    def comments_text(self) -> Optional[str]:
        """The comments' text, one after another; None when there are none."""
        return self._field("comments")

    @property
    def confidence(self) -> float:
        """How sure gleaner is that it found the main content, from 0 to 1."""
        if "confidence" in self._cache:
            return self._cache["confidence"]  # type: ignore[return-value]
        if not self._ptr:
            raise ValueError("document is closed")
        out = ctypes.c_double(0.0)
        st = _document_confidence(self._ptr, ctypes.byref(out))
        if st != _OK:
            _raise(st)
        return float(out.value)

    @property
    def report(self) -> Optional[str]:
        """The explain report (one self-contained HTML page) with explain=True; else None."""
        return self._field("report")

    @property
    def decisions(self) -> Optional[List[Dict[str, Any]]]:
        """The decision on every text block of the page (text, kind, kept, label, reason,
        score and features) with explain=True; else None."""
        raw = self._field("decisions")
        return None if raw is None else json.loads(raw)

    @property
    def truncated(self) -> bool:
        """Whether the page went past a limit and this covers only the part within it
        (only with truncate=True)."""
        if "truncated" in self._cache:
            return self._cache["truncated"]  # type: ignore[return-value]
        if not self._ptr:
            raise ValueError("document is closed")
        out = ctypes.c_bool(False)
        st = _document_truncated(self._ptr, ctypes.byref(out))
        if st != _OK:
            _raise(st)
        return bool(out.value)

    def to_json(self, *, markdown: bool = False, html: bool = False) -> str:
        """The whole result as one JSON object (include/document.schema.json), with the
        main content as Markdown and as HTML when asked."""
        if not markdown and not html:
            return self._field("json") or "{}"
        key = f"json-{int(markdown)}{int(html)}"
        if key not in self._cache:
            if not self._ptr:
                raise ValueError("document is closed")
            p = _u8p()
            n = ctypes.c_size_t(0)
            fields = (_JSON_MARKDOWN if markdown else 0) | (_JSON_HTML if html else 0)
            st = _document_json_with(self._ptr, fields, ctypes.byref(p), ctypes.byref(n))
            if st != _OK:
                _raise(st)
            self._cache[key] = ctypes.string_at(p, n.value).decode("utf-8")
        return self._cache[key] or "{}"

    def to_dict(self) -> Dict[str, Any]:
        """The whole result as a dict."""
        return json.loads(self.to_json())

    def close(self) -> None:
        """Frees the native document now. The metadata, text, Markdown, JSON, comments,
        confidence and truncation stay readable; html, report and decisions only if read
        before."""
        for name in _FIELDS:
            if name not in self._cache and name not in _LAZY_FIELDS:
                self._field(name)
        if self._ptr:
            self._cache["confidence"] = self.confidence  # type: ignore[assignment]
            self._cache["truncated"] = self.truncated  # type: ignore[assignment]
        ptr, self._ptr = self._ptr, None
        if ptr:
            _document_free(ptr)

    def __del__(self) -> None:
        ptr, self._ptr = getattr(self, "_ptr", None), None
        if ptr:
            _document_free(ptr)

    def __repr__(self) -> str:
        return f"<gleaner.Document title={self.title!r} chars={len(self.text)}>"


Html = Union[bytes, bytearray, memoryview, str]


class Extractor:
    """Extraction options held for repeated use. One Extractor may be used by many threads
    at once; do not change it meanwhile."""

    def __init__(
        self,
        *,
        url: Optional[str] = None,
        charset: Optional[str] = None,
        comments: bool = False,
        tables: bool = True,
        captions: bool = False,
        links: bool = False,
        images: bool = False,
        formatting: bool = False,
        front_matter: bool = False,
        title_heading: bool = False,
        explain: bool = False,
        favor: str = "balanced",
        page_type: Optional[str] = None,
        max_input_bytes: Optional[int] = None,
        max_depth: Optional[int] = None,
        max_nodes: Optional[int] = None,
        time_budget: Optional[float] = 30.0,
        truncate: bool = False,
    ) -> None:
        self._ptr = _options_new()
        if not self._ptr:
            raise MemoryError("gleaner_options_new failed")
        for name, value in (("url", url), ("charset", charset)):
            if value is not None:
                if not isinstance(value, str):
                    raise TypeError(f"{name} must be a str, not {type(value).__name__}")
                raw = value.encode("utf-8")
                self._check(_set_string[name](self._ptr, raw, len(raw)))
        for name, flag in (
            ("comments", comments),
            ("tables", tables),
            ("captions", captions),
            ("links", links),
            ("images", images),
            ("truncate", truncate),
            ("formatting", formatting),
            ("front_matter", front_matter),
            ("title_heading", title_heading),
            ("explain", explain),
        ):
            if not isinstance(flag, bool):
                raise TypeError(f"{name} must be a bool, not {type(flag).__name__}")
            self._check(_set_bool[name](self._ptr, flag))
        if favor not in _FAVORS:
            raise ValueError(f"favor must be one of {sorted(_FAVORS)}, not {favor!r}")
        self._check(_set_favor(self._ptr, _FAVORS[favor]))
        if page_type is not None:
            # the kind of page, when the caller knows it: extracted with its profile
            if page_type not in PAGE_TYPES:
                raise ValueError(f"page_type must be one of {list(PAGE_TYPES)}, not {page_type!r}")
            raw = page_type.encode("utf-8")
            self._check(_set_string["page_type"](self._ptr, raw, len(raw)))
        for name, size in (("max_input_bytes", max_input_bytes), ("max_depth", max_depth), ("max_nodes", max_nodes)):
            if size is not None:
                if not isinstance(size, int) or isinstance(size, bool):
                    raise TypeError(f"{name} must be an int, not {type(size).__name__}")
                if size <= 0:
                    raise ValueError(f"{name} must be positive")
                self._check(_set_size[name](self._ptr, size))
        if time_budget is None:
            self._check(_set_time_budget(self._ptr, 0))
        else:
            if not isinstance(time_budget, (int, float)) or isinstance(time_budget, bool):
                raise TypeError(f"time_budget must be a number of seconds, not {type(time_budget).__name__}")
            if time_budget <= 0:
                raise ValueError("time_budget must be positive (or None for no budget)")
            self._check(_set_time_budget(self._ptr, max(1, round(time_budget * 1000))))

    @staticmethod
    def _check(status: int) -> None:
        if status != _OK:
            _raise(status)

    def extract(self, html: Html) -> Document:
        """Extracts a page given as bytes (any encoding) or str."""
        if isinstance(html, str):
            data = html.encode("utf-8")
        elif isinstance(html, (bytes, bytearray, memoryview)):
            data = bytes(html)
        else:
            raise TypeError(f"html must be bytes or str, not {type(html).__name__}")
        out = ctypes.c_void_p()
        st = _extract(data, len(data), self._ptr, ctypes.byref(out))
        if st != _OK:
            _raise(st)
        return Document(out.value)

    def __del__(self) -> None:
        ptr, self._ptr = getattr(self, "_ptr", None), None
        if ptr:
            _options_free(ptr)


def extract(html: Html, *, url: Optional[str] = None, **options: Any) -> Document:
    """Extracts the main content and metadata of a page (bytes or str; gzip and brotli
    bytes are inflated). Keyword options are those of `Extractor`: charset, comments,
    tables, captions, links, images, formatting, front_matter, title_heading, explain,
    favor, page_type, max_input_bytes,
    max_depth, max_nodes, time_budget, truncate."""
    return Extractor(url=url, **options).extract(html)


def explain(html: Html, *, url: Optional[str] = None, **options: Any) -> str:
    """The explain report on a page: one self-contained HTML page showing every text block,
    coloured by its label, with its score, features and the rule that decided it."""
    return Extractor(url=url, explain=True, **options).extract(html).report or ""
