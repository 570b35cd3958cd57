"""Web archives (WARC) through gleaner's own streaming reader: the HTML pages of a `.warc` or
`.warc.gz` file, one dict at a time, with bounded memory.

>>> import gleaner.warc
>>> for page in gleaner.warc.pages("crawl.warc.gz"):          # doctest: +SKIP
...     print(page["warc_target_uri"], page["title"], len(page["text"]))

Each dict holds the record's `warc_record_id`, `warc_target_uri`, `warc_date`,
`warc_offset` and `http_status`, then the fields of `Document.to_dict()`. One file per
Spark or Dask task is the intended use: `bindings/python/examples/spark_warc.py`.
"""
from __future__ import annotations

import ctypes
import json
import os
from typing import Any, Dict, Iterator, List, Optional, Union

from . import _ABSENT, _OK, _last_error_message, _proto, _raise, _status, _u8p, Extractor, WarcRecordError

__all__ = ["Reader", "pages"]

_open = _proto("gleaner_warc_open", _status, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p))
_next = _proto(
    "gleaner_warc_next_page",
    _status,
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.POINTER(_u8p),
    ctypes.POINTER(ctypes.c_size_t),
)
_u64p = ctypes.POINTER(ctypes.c_uint64)
_counts = _proto("gleaner_warc_counts", _status, ctypes.c_void_p, _u64p, _u64p, _u64p, _u64p, _u64p)
_free = _proto("gleaner_warc_free", None, ctypes.c_void_p)

PathLike = Union[str, "os.PathLike[str]"]


class Reader:
    """The HTML pages of one WARC file, read as a stream. Iterating yields one dict per page,
    in the order of the archive; records that are not HTML responses are skipped, and broken
    records are skipped with their message (and offset) kept in `errors`."""

    def __init__(self, path: PathLike, extractor: Optional[Extractor] = None) -> None:
        raw = os.fsencode(path)
        if extractor is not None and not isinstance(extractor, Extractor):
            raise TypeError(f"extractor must be a gleaner.Extractor, not {type(extractor).__name__}")
        self._extractor = extractor
        self.errors: List[str] = []
        ptr = ctypes.c_void_p()
        st = _open(raw, len(raw), ctypes.byref(ptr))
        if st != _OK:
            _raise(st)
        self._ptr: Optional[int] = ptr.value

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        options = self._extractor._ptr if self._extractor is not None else None
        while True:
            if not self._ptr:
                raise ValueError("reader is closed")
            p = _u8p()
            n = ctypes.c_size_t(0)
            st = _next(self._ptr, options, ctypes.byref(p), ctypes.byref(n))
            if st == _OK:
                yield json.loads(ctypes.string_at(p, n.value).decode("utf-8"))
            elif st == _ABSENT:
                return
            elif st == WarcRecordError.status:
                self.errors.append(_last_error_message())
            else:
                _raise(st)

    @property
    def counts(self) -> Dict[str, int]:
        """Records read so far: all, pages extracted, responses not HTML, other records, errors."""
        if not self._ptr:
            raise ValueError("reader is closed")
        vals = [ctypes.c_uint64(0) for _ in range(5)]
        st = _counts(self._ptr, *[ctypes.byref(v) for v in vals])
        if st != _OK:
            _raise(st)
        names = ("records", "pages", "not_html", "other", "errors")
        return {k: v.value for k, v in zip(names, vals)}

    def close(self) -> None:
        """Closes the file; safe to call twice."""
        ptr, self._ptr = getattr(self, "_ptr", None), None
        if ptr:
            _free(ptr)

    def __enter__(self) -> "Reader":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()


def pages(path: PathLike, extractor: Optional[Extractor] = None) -> Iterator[Dict[str, Any]]:
    """The HTML pages of the WARC file at `path`, one dict each (see `Reader`)."""
    with Reader(path, extractor) as r:
        yield from r
