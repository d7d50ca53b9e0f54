"""Tell which saved form a page is in, whether it is a papers page at all, and parse it."""

from __future__ import annotations

import codecs
import datetime
import gzip
import os
import re
import zlib
from typing import Any, BinaryIO, Literal, TextIO

import attrs

from paperfeed._models import Diagnostic, Feed, Paper, Severity

from .apijson import parse_api_json
from .diagnostics import DiagnosticSink
from .header import URL, capture_date, read_header
from .html import parse_html
from .markdown import parse_markdown
from .mdsyntax import split_lines
from .text import parse_text

__all__ = [
    "FORMATS",
    "REJECTED",
    "Format",
    "detect_format",
    "looks_like_papers_page",
    "parse_data",
    "parse_file",
]

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
_GZIP_MAGIC = b"\x1f\x8b"
# Compressed files, archives, images and PDFs people save by mistake, by their magic number.
_MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"(\xb5/\xfd", "zstd"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"%PDF-", "PDF"),
)
# "[{...", "[]" alone, or '["...' (a list of strings): never "[101](…)", a markdown upvote link.
_JSON_LIST_RE = re.compile(r'\[\s*(?:\{|"|\]\s*$)')
_MD_LONGEST_LINE = 2_000  # longer lines are blobs (leaked JSON, minified code), not markdown
_MD_LINES = 4_000  # lines looked at for markdown syntax
# One line's worth of real markdown syntax: what converters write and plain text lacks. A
# lone "](url)" whose "[" is lines away (a text export splitting a link) does not count;
# neither do list bullets, which text browsers print too.
_MARKDOWN_RE = re.compile(
    r"""\[[^\[\]\n]*\]\((?:https?://|/|\#|\.\.?/|mailto:)  # an inline link or image
      | \[[^\[\]\n]+\]\[[^\[\]\n]*\]                     # a reference link
      | ^[ \t]{0,3}\[[^\[\]\n]+\]:[ \t]*\S               # a reference definition
      | ^[ \t]{0,3}\#{1,6}[ \t]+\S                       # an ATX heading
      | ^[ \t]{0,3}(?:```|~~~)                           # a code fence
    """,
    re.VERBOSE,
)
# Evidence that a page is a Hugging Face papers page (listing or paper page), in any form.
# Site-wide chrome ("Daily Papers" in the menu, links to /papers) is on every Hugging Face
# page, so only what the papers pages alone carry counts; cards found count separately.
# Plain substrings, as the site spells them: ``in`` scans megabytes in microseconds.
_PAPERS_PAGE_MARKS = (
    "Get trending papers in your email inbox",  # the listing's banner
    "and the research community",  # its byline, "by AK and the research community"
    "Papers - Hugging Face",  # its <title>: "Daily Papers - ...", "Trending Papers - ..."
    "Paper page - ",  # a paper page's <title>
    "dailyPapers",  # Hub API and page-props keys
    "submittedOnDaily",
    "numComments",
)
_PROPS_TARGET_RE = re.compile(r"""data-target=["'][A-Za-z_]*Papers?[A-Za-z_]*["']""")
_PAPERS_URL_RE = re.compile(r"https?://(?:www\.)?(?:huggingface\.co|hf\.co)/papers(?:[/?#]|$)")
_EMPTY_JSON_LIST_RE = re.compile(r"\ufeff?\s*\[\s*\]\s*")  # the API's answer for no papers
REJECTED = frozenset({"empty-input", "binary-input", "not-a-papers-page"})
"""Codes of the errors that say an input is no papers page at all (the CLI exits 1 on them)."""


def detect_format(data: str | bytes | Any) -> Format:
    """Guess the saved form of ``data``: ``"html"``, ``"markdown"``, ``"text"`` or ``"api-json"``.

    Looks only at the start of the input. Parsed JSON (a list or dict) is ``"api-json"``.
    Markdown is told from text by the density of real markdown syntax (links, headings,
    reference definitions, fences) below a capture tool's header, not by one ``# Title``.
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
    if _is_markdown(head):
        return "markdown"
    # Markdown or text may mention a tag or two; a page fragment has many. Tags with
    # escaped quotes (href=\"...) are inside a JSON string some tool leaked into the text.
    tags = sum(
        len(_HTML_TAG_RE.findall(line)) for line in head[:4096].splitlines() if '\\"' not in line
    )
    return "html" if tags >= 3 else "text"


def _is_markdown(head: str) -> bool:
    """Whether enough lines below the capture header carry markdown syntax."""
    lines = split_lines(head)
    if len(head) == _SNIFF and len(lines) > 1:
        lines.pop()  # cut mid-line
    fields, start = read_header(lines)
    if "markdown content" in fields:  # Jina Reader writes markdown
        return True
    marked = total = 0
    for line in lines[start : start + _MD_LINES]:
        if not line.strip() or len(line) > _MD_LONGEST_LINE:
            continue
        total += 1
        if _MARKDOWN_RE.search(line) is not None:
            marked += 1
    # A short input needs half its lines marked; a page, two marked lines in every forty.
    return marked >= 1 and (marked * 2 >= total if marked == 1 else marked * 20 >= total)


def looks_like_papers_page(text: str, feed: Feed | None = None) -> bool:
    """Tell whether ``text`` is a Hugging Face papers page (a listing or a paper's page).

    The evidence is what papers pages alone carry: the listing's banner and byline, page
    titles, the HTML props targets, Hub API keys, a capture header naming a
    ``huggingface.co/papers`` URL; or, when ``feed`` (what a parser read from ``text``)
    is given, a papers URL it found, a paper card with more than a title, or papers
    read without an error.
    """
    if any(mark in text for mark in _PAPERS_PAGE_MARKS):
        return True
    if "data-target=" in text and _PROPS_TARGET_RE.search(text) is not None:
        return True
    fields, _ = read_header(split_lines(text[:_SNIFF]))
    if _PAPERS_URL_RE.match(fields.get(URL, "")):
        return True
    if _EMPTY_JSON_LIST_RE.fullmatch(text):
        return True  # /api/daily_papers on a day without papers
    if feed is None:
        return False
    if _PAPERS_URL_RE.match(feed.source_url or ""):  # e.g. an HTML page's canonical link
        return True
    return bool(feed.papers) and (not feed.errors or any(_is_card(paper) for paper in feed.papers))


def _is_card(paper: Paper) -> bool:
    """Whether a paper holds something only a card gives: a count, a date, an id, a name."""
    return any(
        getattr(paper, name) is not None
        for name in (
            "paper_id",
            "authors",
            "organization",
            "published",
            "upvotes",
            "comments",
            "submitted_by",
            "featured_at",
            "github_repo",
        )
    )


def _bom_codec(data: bytes) -> str | None:
    """The codec a UTF-16 or UTF-32 byte-order mark names, if ``data`` starts with one."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _binary_kind(data: bytes) -> str | None:
    """Name what binary file ``data`` is ("gzip", "PNG", ...); ``None`` if it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if _bom_codec(data) is None and b"\x00" in data[:8192]:
        return "binary"
    return None


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


def _parse(
    data: str | bytes,
    text: str,
    note: Diagnostic | None,
    reference: datetime.date | None,
    strict: bool,
    format: Format,
) -> Feed:
    """Run the reader of ``format``; ``text`` is ``data`` decoded, ``note`` what that said."""
    if format == "html":
        return parse_html(data, reference, strict)
    if format == "api-json":
        return parse_api_json(data, reference, strict)
    if format == "markdown":
        feed = parse_markdown(text, reference, strict)
    else:
        feed = parse_text(text, reference, strict)
    if note is not None:
        diagnostics = sorted((*feed.diagnostics, note), key=lambda d: d.line)
        feed = attrs.evolve(feed, diagnostics=diagnostics)
    return feed


def _rejected(code: str, message: str, reference: datetime.date | None, strict: bool) -> Feed:
    """An empty feed carrying one error that says why the input is no papers page."""
    sink = DiagnosticSink(strict)
    sink.add(code, Severity.ERROR, message, 0)
    return Feed(reference=reference or datetime.date.today(), diagnostics=sink.items)


def parse_data(
    data: str | bytes,
    reference: datetime.date | None = None,
    strict: bool = False,
    format: Format | None = None,
) -> Feed:
    """Parse a saved page held in memory, detecting its form unless ``format`` names it.

    Input that is no Hugging Face papers page at all gives an empty feed with one error
    (``empty-input``, ``binary-input`` or ``not-a-papers-page``; ``ParseError`` in strict
    mode); a papers page that lists no papers gives an empty feed and a ``no-papers``
    warning. A capture header's date is the reference when ``reference`` is ``None``.
    """
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    note = None
    if isinstance(data, bytes):
        kind = _binary_kind(data)
        if kind is not None:
            what = "binary" if kind == "binary" else f"a {kind} file"
            msg = f"the input is {what}, not a saved page"
            return _rejected("binary-input", msg, reference, strict)
        text, note = _decode(data)
    else:
        text = data
    if not text.strip():
        return _rejected("empty-input", "the input is empty", reference, strict)
    if format is None:
        format = detect_format(data)
    fields, _ = read_header(split_lines(text[:_SNIFF]))
    if reference is None:
        reference = capture_date(fields)
    evident = looks_like_papers_page(text)
    # Without evidence in the text, read tolerantly first: the cards found decide.
    feed = _parse(data, text, note, reference, strict and evident, format)
    if not evident:
        if not looks_like_papers_page(text, feed):
            return _rejected(
                "not-a-papers-page",
                "the input is not a Hugging Face papers page (no papers-page title, banner, "
                "URL, props, API keys or paper cards found)",
                feed.reference,
                strict,
            )
        if strict:
            feed = _parse(data, text, note, reference, strict, format)
    if feed.source_url is None and _PAPERS_URL_RE.match(fields.get(URL, "")):
        feed = attrs.evolve(feed, source_url=fields[URL])
    if not feed.papers and not any(d.code == "no-papers" for d in feed.diagnostics):
        msg = "no papers could be read from the page" if feed.errors else "the page lists no papers"
        diagnostic = Diagnostic("no-papers", Severity.WARNING, msg, 0)
        feed = attrs.evolve(feed, diagnostics=(diagnostic, *feed.diagnostics))
    return feed


def parse_file(
    source: str | os.PathLike[str] | BinaryIO | TextIO,
    reference: datetime.date | None = None,
    strict: bool = False,
    format: Format | None = None,
) -> Feed:
    """Read a saved page from a path or an open binary file and parse it in whatever form it is.

    A gzip-compressed capture is decompressed first, told by its magic bytes whatever its
    name. Raises ``OSError`` if the file cannot be read or its gzip stream is broken;
    parsing itself follows the usual contract (tolerant by default, ``ParseError`` in
    strict mode).
    """
    return parse_data(_read_source(source), reference, strict, format)


def _read_source(source: str | os.PathLike[str] | BinaryIO | TextIO) -> bytes | str:
    """The bytes of a path or open file, gunzipped when they are gzip's."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as handle:
            data: bytes | str = handle.read()
    elif callable(getattr(source, "read", None)):
        data = source.read()  # a file opened in text mode gives str: parse_data takes that
    else:
        raise TypeError(
            f"parse_file() takes a path or an open binary file, not {type(source).__name__}"
        )
    if isinstance(data, (bytes, bytearray)):
        return gunzip_capture(bytes(data))
    return data


def gunzip_capture(data: bytes) -> bytes:
    """A capture's bytes, decompressed if gzip's; a broken or cut stream is an ``OSError``."""
    if not data.startswith(_GZIP_MAGIC):
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise gzip.BadGzipFile(f"a broken gzip stream: {exc}") from exc
