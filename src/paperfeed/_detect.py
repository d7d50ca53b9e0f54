"""Tell which saved form a page is in, and parse files and bytes of any form."""

from __future__ import annotations

import codecs
import datetime
import os
import re
from typing import Any, Literal

import attrs

from ._apijson import parse_api_json
from ._common import DiagnosticSink
from ._html import parse_html
from ._markdown import parse_markdown
from ._models import Diagnostic, Feed, Severity
from ._text import parse_text

__all__ = ["FORMATS", "Format", "detect_format", "parse_data", "parse_file"]

Format = Literal["html", "markdown", "text", "api-json"]
FORMATS: tuple[Format, ...] = ("html", "markdown", "text", "api-json")
"""The forms ``detect_format`` tells apart, as the CLI's ``--from`` names them."""

_SNIFF = 65_536  # bytes or characters looked at; enough for any real page's head
_HTML_DOC_RE = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>/]", re.IGNORECASE)
_HTML_TAG_RE = re.compile(r"<(?:div|article|meta|script|section|span|a|p|li)[\s>/]", re.I)
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_JSON_LIST_RE = re.compile(r'\[\s*(?:\{|\]|")')  # "[101](…)" is a markdown upvote link
_MARKDOWN_RE = re.compile(
    r"""\]\((?:https?://|/)          # an inline link or image target
      | \]\[[^\]\n]{1,40}\]           # a reference link
      | ^\[[^\]\n]{1,40}\]:\s*\S      # a reference definition
      | ^\#{1,6}\ \S                  # an ATX heading
      | ^(?:```|~~~)                  # a code fence
      | ^Markdown\ Content:           # a jina reader capture
    """,
    re.MULTILINE | re.VERBOSE,
)


def detect_format(data: str | bytes | Any) -> Format:
    """Guess the saved form of ``data``: ``"html"``, ``"markdown"``, ``"text"`` or ``"api-json"``.

    Looks only at the start of the input. Parsed JSON (a list or dict) is ``"api-json"``.
    """
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data[:_SNIFF])
        head = raw.decode(_bom_codec(raw) or "utf-8", errors="replace")
    elif isinstance(data, str):
        head = data[:_SNIFF]
    elif isinstance(data, (list, dict)):
        return "api-json"
    else:
        # A BeautifulSoup object or tag is HTML a caller already parsed.
        return "html" if type(data).__module__.startswith("bs4") else "text"
    head = head.lstrip("\ufeff \t\r\n")
    if head.startswith("{") or _JSON_LIST_RE.match(head):
        return "api-json"
    if head.startswith("<") or _HTML_DOC_RE.search(head, 0, 4096):
        return "html"
    if _MARKDOWN_RE.search(head):
        return "markdown"
    # Markdown or text may mention a tag or two; a page fragment has many.
    if len(_HTML_TAG_RE.findall(head, 0, 4096)) >= 3:
        return "html"
    return "text"


def _bom_codec(data: bytes) -> str | None:
    """The codec a UTF-16 or UTF-32 byte-order mark names, if ``data`` starts with one."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _is_binary(data: bytes) -> bool:
    """Whether ``data`` looks like a binary file: NUL bytes and no UTF-16/32 mark."""
    return _bom_codec(data) is None and b"\x00" in data[:8192]


def _decode(data: bytes) -> tuple[str, Diagnostic | None]:
    """Decode UTF-8 (BOM or not); replace bad bytes and say where the first one was."""
    codec = _bom_codec(data)
    if codec is not None:  # Notepad's "Unicode" is UTF-16 with a BOM
        return data.decode(codec, errors="replace"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        note = Diagnostic(
            "invalid-utf8",
            Severity.WARNING,
            "the input is not valid UTF-8; undecodable bytes were replaced with U+FFFD",
            line,
            column,
        )
        return data.decode("utf-8-sig", errors="replace"), note


def parse_data(
    data: str | bytes,
    reference: datetime.date | None = None,
    strict: bool = False,
    format: Format | None = None,
) -> Feed:
    """Parse a saved page held in memory, detecting its form unless ``format`` names it."""
    if isinstance(data, bytes) and _is_binary(data):
        sink = DiagnosticSink(strict)
        sink.add("binary-input", Severity.ERROR, "the input is binary, not a saved page", 1)
        return Feed(reference=reference or datetime.date.today(), diagnostics=sink.items)
    if format is None:
        format = detect_format(data)
    elif format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if format == "html":
        return parse_html(data, reference, strict)
    if format == "api-json":
        return parse_api_json(data, reference, strict)
    note = None
    if isinstance(data, bytes):
        data, note = _decode(data)
    if format == "markdown":
        feed = parse_markdown(data, reference, strict)
    else:
        feed = parse_text(data, reference, strict)
    if note is not None:
        diagnostics = sorted((*feed.diagnostics, note), key=lambda d: d.line)
        feed = attrs.evolve(feed, diagnostics=diagnostics)
    return feed


def parse_file(
    path: str | os.PathLike[str],
    reference: datetime.date | None = None,
    strict: bool = False,
    format: Format | None = None,
) -> Feed:
    """Read a saved page from ``path`` and parse it in whatever form it is.

    Raises ``OSError`` if the file cannot be read; parsing itself follows the usual
    contract (tolerant by default, ``ParseError`` in strict mode).
    """
    with open(path, "rb") as handle:
        data = handle.read()
    return parse_data(data, reference, strict, format)
