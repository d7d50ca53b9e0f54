"""The raw page, read without building a tree: its encoding and its papers ``data-props``.

A bounded scan finds each ``data-target="...Papers..."`` hydration attribute and reads
its start tag by hand (quoted values end at the next same quote, found with
``str.find``), so a 200 kB props value costs one ``memchr``; it works on the page's text
or straight on its UTF-8 bytes. ``decode_page`` picks the encoding of page bytes the way
a browser would.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from typing import Any

import attrs
import bs4

from paperfeed._models import Severity

from .diagnostics import DiagnosticSink

__all__ = [
    "META_CHARSET_RE",
    "TARGET_NAME_RE",
    "Props",
    "absolute",
    "decode_page",
    "head_url",
    "scan_props",
]

_HF = "https://huggingface.co"

# The hydration targets that may carry papers; their props are checked for a papers shape.
_TARGET_NAME = r"[A-Za-z_]*Papers?[A-Za-z_]*"  # DailyPapers, PaperContent, TrendingPapers...
_TARGET_RE = re.compile(rf"""data-target=["']({_TARGET_NAME})["']""")
TARGET_NAME_RE = re.compile(rf"^{_TARGET_NAME}$")
_TAG_NAME_RE = re.compile(r"<[A-Za-z][A-Za-z0-9-]*")
# The start of one attribute of a start tag: its name, then "=" and an opening quote or
# the first character of an unquoted value. Quoted values end at the next same quote,
# found with str.find: a 200 kB props value is one memchr, not a regex loop.
_ATTR_RE = re.compile(r"""\s*(?P<name>[^\s"'<>/=]+)(?:\s*=\s*(?P<open>["']|[^\s"'=<>`]))?""")
_UNQUOTED_RE = re.compile(r"""[^\s"'=<>`]*""")
_TAG_END_RE = re.compile(r"\s*/?>")
_STR_SYNTAX = (_TARGET_RE, _TAG_NAME_RE, _ATTR_RE, _UNQUOTED_RE, _TAG_END_RE)
# The same patterns for UTF-8 bytes: every character they match is ASCII.
_BYTES_SYNTAX = tuple(re.compile(p.pattern.encode("ascii")) for p in _STR_SYNTAX)
# How far before an attribute its tag may start. Bounding the backward search keeps the
# scan linear on hostile input; a tag it misses is still found by the lxml fallback.
_TAG_REACH = 4096
META_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*(?P<cs>[A-Za-z0-9_.:\-]{1,40})""",
    re.IGNORECASE,
)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Labels browsers read as windows-1252 (the WHATWG encoding standard).
_LEGACY = dict.fromkeys(("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"), "cp1252")


@attrs.frozen
class Props:
    """A ``data-props`` attribute found by the scan."""

    target: str
    value: str
    tag_start: int
    value_span: tuple[int, int]


def start_tag(src: Any, pos: int) -> tuple[int, dict[str, tuple[Any, int, int]]] | None:
    """Read the start tag at ``pos`` of a str or bytes: its end and each attribute."""
    _, tag_name_re, attr_re, unquoted_re, tag_end_re = (
        _STR_SYNTAX if isinstance(src, str) else _BYTES_SYNTAX
    )
    m = tag_name_re.match(src, pos)
    if m is None:
        return None
    pos = m.end()
    found: dict[str, tuple[Any, int, int]] = {}
    while (end := tag_end_re.match(src, pos)) is None:
        a = attr_re.match(src, pos)
        if a is None or a.end() == pos:
            return None
        opening = a["open"]
        start = stop = pos = a.end()
        if opening in ('"', "'", b'"', b"'"):
            stop = src.find(opening, start)
            if stop < 0:
                return None
            pos = stop + 1
        elif opening is not None:
            start -= 1
            stop = pos = unquoted_re.match(src, pos).end()  # type: ignore[union-attr]
        name = a["name"].lower()
        found.setdefault(
            name if isinstance(name, str) else name.decode("latin-1"),
            (src[start:stop], start, stop),
        )
    return end.end(), found


def _unescape(value: str) -> str:
    # Nearly every entity in a props value is "&quot;": one C-level replace, then the
    # general (slower, regex-driven) unescape only sees the few left. No entity contains
    # "&quot;" ("&amp;quot;" does not), so this equals a single unescape pass.
    return htmllib.unescape(value.replace("&quot;", '"') if "&quot;" in value else value)


def scan_props(src: Any) -> Iterator[Props]:
    """Yield each papers hydration ``data-props`` in the page, without building a tree.

    ``src`` is the page text, or UTF-8 bytes: then only the props value is decoded
    (``UnicodeDecodeError`` if it is not UTF-8), sparing a copy of the whole page.
    """
    lt = "<" if isinstance(src, str) else b"<"
    for m in (_STR_SYNTAX if isinstance(src, str) else _BYTES_SYNTAX)[0].finditer(src):
        start = src.rfind(lt, max(0, m.start() - _TAG_REACH), m.start())
        tag = start_tag(src, start) if start >= 0 else None
        if tag is None or tag[0] < m.end():
            continue  # the match was not inside a start tag (text, a script, a comment)
        props = tag[1].get("data-props")
        if props is None:
            continue
        value, target = props[0], m[1]
        if isinstance(value, bytes):  # replace before decoding: a shorter, 1-byte-wide copy
            value = value.replace(b"&quot;", b'"').decode()
        name = target if isinstance(target, str) else target.decode()
        yield Props(name, _unescape(value), start, (props[1], props[2]))


def head_url(src: str, limit: int) -> str | None:
    """Find the page URL in ``<link rel=canonical>`` or ``<meta property=og:url>``."""
    head_end = src.find("</head>", 0, limit)
    limit = limit if head_end < 0 else head_end
    urls: dict[str, str] = {}
    for needle in ("canonical", "og:url"):
        pos = src.find(needle, 0, limit)
        while pos >= 0 and needle not in urls:
            tag = start_tag(src, src.rfind("<", max(0, pos - _TAG_REACH), pos))
            values = {} if tag is None else {k: v[0] for k, v in tag[1].items()}
            if needle == "canonical" and "canonical" in values.get("rel", "").lower().split():
                urls[needle] = values.get("href", "")
            elif needle in (values.get("property"), values.get("name")):
                urls[needle] = values.get("content", "")
            pos = src.find(needle, pos + 1, limit)
    return absolute(urls.get("canonical") or urls.get("og:url"))


def absolute(url: str | None, *, escaped: bool = True) -> str | None:
    # Attribute values from a raw-source scan are still escaped; lxml and bs4 unescape.
    if not url or not url.strip():
        return None
    url = htmllib.unescape(url.strip()) if escaped else url.strip()
    return _HF + url if url.startswith("/") else url


def decode_page(data: bytes, sink: DiagnosticSink) -> str:
    """Decode page bytes: BOM, else UTF-8 if valid, else the declared charset, else a guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    m = META_CHARSET_RE.search(data, 0, 4096)
    declared = m["cs"].decode("ascii").lower() if m else None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if declared and declared.replace("_", "-") not in ("utf-8", "utf8") and not data.isascii():
            msg = f"page declares charset {declared!r} but is valid UTF-8; read as UTF-8"
            sink.add("charset", Severity.WARNING, msg, 0)
        return text
    if declared:
        try:
            return data.decode(_LEGACY.get(declared, declared))
        except (LookupError, ValueError):  # unknown or non-text codec, or wrong bytes
            pass
    dammit = bs4.UnicodeDammit(data, is_html=True)
    if dammit.unicode_markup is not None:
        msg = f"bytes are not {declared or 'utf-8'!r}; read as {dammit.original_encoding!r}"
        sink.add("charset", Severity.WARNING, msg, 0)
        return dammit.unicode_markup
    sink.add("charset", Severity.WARNING, "page encoding unknown; undecodable bytes replaced", 0)
    return data.decode("utf-8", errors="replace")
