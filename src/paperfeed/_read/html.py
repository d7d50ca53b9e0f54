"""The HTML parser: saved Hugging Face papers pages (daily, weekly, monthly, trending, paper).

The page embeds its data as JSON in the ``data-props`` attribute of a Svelte hydration
``div`` (``data-target="DailyPapers"`` or ``"PaperContent"``). A bounded scan finds that
attribute without building a tree (``htmlscan``); only when the JSON is absent or broken
is the page parsed with lxml and the ``<article>`` cards read instead, with a warning
(``htmldom``).
"""

from __future__ import annotations

import datetime
from typing import Any

import bs4

from paperfeed._models import Feed

from .apijson import has_papers, load_props, props_page, read_value
from .assemble import check_reference
from .diagnostics import DiagnosticSink
from .htmldom import dom, page_feed, url_of
from .htmlscan import META_CHARSET_RE, TARGET_NAME_RE, Props, decode_page, head_url, scan_props
from .jsontext import located_at

__all__ = ["parse_html"]

_Ref = datetime.date | None

# -- entry points ------------------------------------------------------------------------

_NO_PROPS = "the page has no data-props JSON"


def _from_props(
    src: Any, sink: DiagnosticSink, reference: _Ref
) -> tuple[Feed | None, str, Props | None]:
    """Read the page's papers props (from text, or UTF-8 bytes) into a feed, if usable.

    Returns the feed, else why not and any broken props. Bytes are a trial run: their
    diagnostics are kept only with a feed, as a failed run is redone on the decoded text.
    """
    text = isinstance(src, str)
    nl, skip = ("\n", 0) if text else (b"\n", 3 if src.startswith(b"\xef\xbb\xbf") else 0)
    reason, broken = _NO_PROPS, None
    for props in scan_props(src):
        data = load_props(props.value)
        if data is None:
            broken = broken or props
            continue
        if not has_papers(data):
            continue  # another widget's props (e.g. DailyPapersBannerSubscribe)
        line = src.count(nl, skip, props.tag_start) + 1
        prefix = src[max(skip, src.rfind(nl, 0, props.tag_start) + 1) : props.tag_start]
        trial = DiagnosticSink(sink.strict)
        column = len(prefix if text else prefix.decode()) + 1
        page = read_value(data, trial, located_at(line, column))
        found = page[0] or ("<article" if text else b"<article") not in src
        if found:
            head_end = src.find("</head>" if text else b"</head>", 0, props.tag_start)
            head = src[skip : props.tag_start if head_end < 0 else head_end]
            url = head_url(head if text else head.decode(), props.tag_start)
        if found or text:
            sink.items.extend(trial.items)
            sink.error_count += trial.error_count
        if found:
            return page_feed(page, url, sink, reference), reason, broken
        reason = f"the {props.target} data-props JSON lists no papers"
    if broken is not None:
        reason = f"the {broken.target} data-props JSON is malformed or truncated"
    return None, reason, broken


def _parse_text(src: str, sink: DiagnosticSink, reference: _Ref) -> Feed:
    if src.startswith("\ufeff"):
        src = src[1:]
    feed, reason, broken = _from_props(src, sink, reference)
    if feed is not None:
        return feed
    if broken is not None:  # drop the broken value: lxml need not hold a second copy
        src = src[: broken.value_span[0]] + src[broken.value_span[1] :]
    return dom(src, sink, reference, reason, seen=reason != _NO_PROPS)


def _parse_bytes(data: bytes, sink: DiagnosticSink, reference: _Ref) -> Feed:
    # Big temporary strings cost page faults as much as copying: reading a UTF-8 page's
    # props straight from its bytes, without decoding the page, takes a third off.
    m = META_CHARSET_RE.search(data, 0, 4096)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and (
        not m or m["cs"].lower().replace(b"_", b"-") in (b"utf-8", b"utf8")
    ):
        try:
            feed = _from_props(data, sink, reference)[0]
        except UnicodeDecodeError:
            feed = None
        if feed is not None:
            return feed
    return _parse_text(decode_page(data, sink), sink, reference)


def parse_html(
    html: str | bytes | bs4.BeautifulSoup | bs4.Tag,
    reference: _Ref = None,
    strict: bool = False,
) -> Feed:
    """Parse a saved Hugging Face papers page into a ``Feed``.

    Takes the page as text, bytes (the encoding is detected) or a BeautifulSoup object.
    Never raises on any such input in the default mode; with ``strict=True`` the first
    error raises ``ParseError`` with its line and column.
    """
    check_reference(reference)  # a wrong type fails before any work
    sink = DiagnosticSink(strict)
    if isinstance(html, (bytes, bytearray, memoryview)):
        return _parse_bytes(bytes(html), sink, reference)
    if isinstance(html, str):
        return _parse_text(html, sink, reference)
    if isinstance(html, bs4.Tag):
        return _parse_soup(html, sink, reference)
    raise TypeError(
        f"parse_html() takes str, bytes or a BeautifulSoup object, not "
        f"{type(html).__name__}; pass the page's text or bytes"
    )


def _is_props(tag: bs4.Tag) -> bool:
    target = tag.get("data-target")
    return isinstance(target, str) and TARGET_NAME_RE.match(target) is not None


def _parse_soup(soup: bs4.Tag, sink: DiagnosticSink, reference: _Ref) -> Feed:
    """Read the props straight from the soup; else serialize it for the DOM fallback."""
    reason = _NO_PROPS
    for el in soup.find_all(_is_props):
        value = el.get("data-props")
        page = None
        if isinstance(value, str):
            page = props_page(value, sink, el.sourceline or 0, (el.sourcepos or 0) + 1)
        if page is None:
            continue
        if page[0] or soup.find("article") is None:
            url = url_of(soup.find_all(["link", "meta"]))
            return page_feed(page, url, sink, reference)
        reason = "the data-props JSON lists no papers"
    return dom(str(soup), sink, reference, reason, seen=reason != _NO_PROPS)
