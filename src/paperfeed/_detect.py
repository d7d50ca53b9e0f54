"""Tell which saved form a page is in, and parse files and bytes of any form."""

from __future__ import annotations

import datetime
import os
import re
from typing import Any, Literal

import attrs

from ._apijson import parse_api_json
from ._html import parse_html
from ._markdown import parse_markdown
from ._models import Diagnostic, Feed, Severity
from ._text import parse_text

__all__ = ["FORMATS", "Format", "detect_format", "parse_data", "parse_file"]

Format = Literal["html", "markdown", "text", "api-json"]
FORMATS: tuple[Format, ...] = ("html", "markdown", "text", "api-json")
"""The forms ``detect_format`` tells apart, as the CLI's ``--from`` names them."""

_SNIFF = 65_536  # bytes or characters looked at; enough for any real page's head
_HTML_RE = re.compile(
    r"<(?:!doctype\s+html|html|head|body|div|article|meta|script|section)[\s>/]", re.IGNORECASE
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
        head = bytes(data[:_SNIFF]).decode("utf-8", errors="replace")
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
    if _HTML_RE.search(head[:4096]) or head.startswith("<"):
        return "html"
    if _MARKDOWN_RE.search(head):
        return "markdown"
    return "text"


def _decode(data: bytes) -> tuple[str, Diagnostic | None]:
    """Decode UTF-8 (BOM or not); replace bad bytes and say where the first one was."""
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
