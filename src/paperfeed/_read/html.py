"""The HTML parser: saved Hugging Face papers pages (daily, weekly, monthly, trending, paper).

The page embeds its data as JSON in the ``data-props`` attribute of a Svelte hydration
``div`` (``data-target="DailyPapers"`` or ``"PaperContent"``). A bounded scan finds that
attribute without building a tree; only when the JSON is absent or broken is the page
parsed with lxml and the ``<article>`` cards read instead (with a warning).
"""

from __future__ import annotations

import datetime
import html as htmllib
import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
import bs4
import lxml.etree
import lxml.html

from paperfeed._common import find_paper_id, normalize_ws, page_from_url, with_url
from paperfeed._dates import match_date
from paperfeed._models import AuthorCount, Feed, Paper, Severity

from .apijson import Page, feed_of, has_papers, load_props, located_at, props_page, read_value
from .assemble import assemble_feed, check_reference, choose_reference
from .diagnostics import DiagnosticSink

__all__ = ["parse_html"]

_HF = "https://huggingface.co"
_Ref = datetime.date | None

# -- the fast scan -----------------------------------------------------------------------

# The hydration targets that may carry papers; their props are checked for a papers shape.
_TARGET_NAME = r"[A-Za-z_]*Papers?[A-Za-z_]*"  # DailyPapers, PaperContent, TrendingPapers...
_TARGET_RE = re.compile(rf"""data-target=["']({_TARGET_NAME})["']""")
_TARGET_NAME_RE = re.compile(rf"^{_TARGET_NAME}$")
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
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*(?P<cs>[A-Za-z0-9_.:\-]{1,40})""",
    re.IGNORECASE,
)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Labels browsers read as windows-1252 (the WHATWG encoding standard).
_LEGACY = dict.fromkeys(("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"), "cp1252")


@attrs.frozen
class _Props:
    """A ``data-props`` attribute found by the scan."""

    target: str
    value: str
    tag_start: int
    value_span: tuple[int, int]


def _start_tag(src: Any, pos: int) -> tuple[int, dict[str, tuple[Any, int, int]]] | None:
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


def _scan_props(src: Any) -> Iterator[_Props]:
    """Yield each papers hydration ``data-props`` in the page, without building a tree.

    ``src`` is the page text, or UTF-8 bytes: then only the props value is decoded
    (``UnicodeDecodeError`` if it is not UTF-8), sparing a copy of the whole page.
    """
    lt = "<" if isinstance(src, str) else b"<"
    for m in (_STR_SYNTAX if isinstance(src, str) else _BYTES_SYNTAX)[0].finditer(src):
        start = src.rfind(lt, max(0, m.start() - _TAG_REACH), m.start())
        tag = _start_tag(src, start) if start >= 0 else None
        if tag is None or tag[0] < m.end():
            continue  # the match was not inside a start tag (text, a script, a comment)
        props = tag[1].get("data-props")
        if props is None:
            continue
        value, target = props[0], m[1]
        if isinstance(value, bytes):  # replace before decoding: a shorter, 1-byte-wide copy
            value = value.replace(b"&quot;", b'"').decode()
        name = target if isinstance(target, str) else target.decode()
        yield _Props(name, _unescape(value), start, (props[1], props[2]))


def _head_url(src: str, limit: int) -> str | None:
    """Find the page URL in ``<link rel=canonical>`` or ``<meta property=og:url>``."""
    head_end = src.find("</head>", 0, limit)
    limit = limit if head_end < 0 else head_end
    urls: dict[str, str] = {}
    for needle in ("canonical", "og:url"):
        pos = src.find(needle, 0, limit)
        while pos >= 0 and needle not in urls:
            tag = _start_tag(src, src.rfind("<", max(0, pos - _TAG_REACH), pos))
            values = {} if tag is None else {k: v[0] for k, v in tag[1].items()}
            if needle == "canonical" and "canonical" in values.get("rel", "").lower().split():
                urls[needle] = values.get("href", "")
            elif needle in (values.get("property"), values.get("name")):
                urls[needle] = values.get("content", "")
            pos = src.find(needle, pos + 1, limit)
    return _absolute(urls.get("canonical") or urls.get("og:url"))


def _absolute(url: str | None, *, escaped: bool = True) -> str | None:
    # Attribute values from a raw-source scan are still escaped; lxml and bs4 unescape.
    if not url or not url.strip():
        return None
    url = htmllib.unescape(url.strip()) if escaped else url.strip()
    return _HF + url if url.startswith("/") else url


# -- decoding ----------------------------------------------------------------------------


def _decode(data: bytes, sink: DiagnosticSink) -> str:
    """Decode page bytes: BOM, else UTF-8 if valid, else the declared charset, else a guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    m = _META_CHARSET_RE.search(data, 0, 4096)
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


# -- the DOM fallback --------------------------------------------------------------------

_X_HEADING = lxml.etree.XPath("(.//h1|.//h2|.//h3)[1]")
_X_TEXTS = lxml.etree.XPath(".//text()[normalize-space()]")
_X_UPVOTE = lxml.etree.XPath(".//*[@role='checkbox'][1]")
_AUTHORS_RE = re.compile(r"(?:[·•∙] ?)?(?P<n>\d{1,6}) authors?", re.IGNORECASE)
_COUNT_RE = re.compile(r"(?:upvotes? ?)?(?P<n>\d{1,3}(?:,\d{3})+|\d{1,9}|-)", re.IGNORECASE)
_STARS_RE = re.compile(r"(?:github ?)?(?P<n>\d{1,9}(?:\.\d+)?)(?P<k>[km]?)", re.IGNORECASE)
_ORG_HREF_RE = re.compile(r"/(?!papers$|login$|models$|datasets$|spaces$)[A-Za-z0-9][\w.\-]*")
_NAV_DATE_RE = re.compile(r"/papers/date/(\d{4}-\d{2}-\d{2})$")


def _xpath(query: lxml.etree.XPath, element: Any) -> list[Any]:
    result = query(element)
    return result if isinstance(result, list) else []


def _line(element: object) -> int:
    line = getattr(element, "sourceline", None)  # lxml-stubs leave it untyped
    return line if isinstance(line, int) and line > 0 else 0


def _count(text: str) -> int | None:
    m = _COUNT_RE.fullmatch(normalize_ws(text))
    return None if m is None else int(m["n"].replace(",", "").replace("-", "0"))


def _card(article: Any, sink: DiagnosticSink, reference: datetime.date) -> Paper | None:
    """Read one ``<article>`` card."""
    fields: dict[str, Any] = {}
    heading = next(iter(_xpath(_X_HEADING, article)), None)
    title = normalize_ws(heading.text_content()) if heading is not None else ""
    title_links = set() if heading is None else set(heading.iter("a"))
    for a in article.iter("a"):
        href = (a.get("href") or "").strip()
        full = _HF + href if href.startswith("/") else href
        paper_id = find_paper_id(full)
        text = normalize_ws(a.text_content())
        if paper_id and "paper_id" not in fields:
            fields["paper_id"] = paper_id
        if href.endswith("#community"):
            fields["comments"] = _count(text)
        elif "github.com/" in href:
            fields["github_repo"] = href
        elif href.startswith("/login") and _count(text) is not None:
            fields.setdefault("upvotes", _count(text))
        elif paper_id and a not in title_links and (m := _STARS_RE.fullmatch(text)):
            scale = {"": 1, "k": 1_000, "m": 1_000_000}[m["k"].lower()]
            fields["github_stars"] = round(float(m["n"]) * scale)
        elif _ORG_HREF_RE.fullmatch(href) and text and a not in title_links:
            fields.setdefault("organization", text)
    boxes = _xpath(_X_UPVOTE, article)
    if boxes:
        fields["upvotes"] = _count(boxes[0].text_content())
    texts = [normalize_ws(t) for t in _xpath(_X_TEXTS, article)]
    for i, text in enumerate(texts):
        if text.lower().startswith("submitted by"):
            rest = text[12:].lstrip(" :").split() or texts[i + 1 : i + 2]
            if rest:
                fields["submitted_by"] = rest[0]
        elif m := _AUTHORS_RE.fullmatch(text):
            fields["authors"] = AuthorCount(int(m["n"]))
        elif text.lower().startswith("published on") and (d := match_date(text, reference)):
            fields.update(published=d.value, published_text=d.text, year_inferred=d.year_inferred)
    if boxes and "comments" not in fields:
        fields["comments"] = 0  # a card shows its comment link only when there are some
    if fields.get("organization") is not None and fields["organization"] == fields.get(
        "submitted_by"
    ):
        del fields["organization"]  # a link to the submitter's profile, not an org chip
    if not title:
        line = _line(article)
        text = normalize_ws(article.text_content())[:200]
        sink.add("no-title", Severity.ERROR, "card has no title; skipped", line, 1, text)
        return None
    return Paper(title=title, **{k: v for k, v in fields.items() if v is not None})


def _merge(first: Paper, other: Paper) -> Paper:
    """Fill what the first rendering of a card lacks from its duplicate (trending pages)."""
    missing = {
        f.name: getattr(other, f.name)
        for f in attrs.fields(Paper)
        if getattr(first, f.name) in (None, ()) and getattr(other, f.name) not in (None, ())
    }
    return attrs.evolve(first, **missing) if missing else first


def _nav_date(root: Any) -> datetime.date | None:
    """Read the date navigator: "Sep 28" beside the link to the previous (or next) day."""
    for a in root.iter("a"):
        m = _NAV_DATE_RE.search(a.get("href") or "")
        parent = a.getparent()
        if m is None or parent is None:
            continue
        try:  # the page is within days of the linked one (a weekend between, say)
            near = datetime.date.fromisoformat(m[1]) + datetime.timedelta(days=7)
        except (ValueError, OverflowError):
            continue
        for child in parent:
            printed = None if child is a else match_date(normalize_ws(child.text_content()), near)
            if printed is not None and printed.value is not None:
                return printed.value
    return None


def _url_of(tags: Iterable[Any]) -> str | None:
    """Pick the page URL from ``<link rel=canonical>``, else ``<meta property=og:url>``."""
    canonical = og = None
    for el in tags:  # lxml elements or bs4 tags (where "rel" is a list)
        rel = el.get("rel") or ""
        if "canonical" in (" ".join(rel) if isinstance(rel, list) else rel).lower().split():
            canonical = canonical or el.get("href")
        elif "og:url" in (el.get("property"), el.get("name")):
            og = og or el.get("content")
    return _absolute(canonical or og, escaped=False)


def _dom(src: str, sink: DiagnosticSink, reference: _Ref, reason: str, seen: bool) -> Feed:
    """Parse the page with lxml and read its cards (or any hydration props it has)."""
    # No network, no DTD: the HTML parser never expands custom entities. huge_tree lifts
    # libxml2's 10 MB token limit, which otherwise aborts on a month page's props and
    # loses every card after them; nesting stays capped (2048 deep), so no stack risk.
    parser = lxml.html.HTMLParser(no_network=True, recover=True, huge_tree=True, collect_ids=False)
    try:
        root = lxml.html.document_fromstring(src, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        root = None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        msg = "page nests too deeply or is too large; the rest was not read"
        sink.add("html-truncated", Severity.WARNING, msg, 0)
    url = None if root is None else _url_of(root.iter("link", "meta"))
    if root is not None:
        has_cards = next(root.iter("article"), None) is not None
        # Props the scan could not reach (a tag it could not read); never read twice.
        for el in () if seen else root.iter("div", "section", "main"):
            value = el.get("data-props")
            if value and _TARGET_NAME_RE.match(el.get("data-target") or ""):
                page = props_page(value, sink, _line(el), 1)
                if page is not None and (page[0] or not has_cards):
                    return _feed(page, url, sink, reference)
    msg = f"{reason}; papers were read from the HTML cards instead"
    sink.add("dom-fallback", Severity.WARNING, msg, 0)
    from_url = page_from_url(url)
    date = from_url.date or (None if root is None else _nav_date(root))
    resolved = choose_reference(reference, sink, page_date=date)
    papers: dict[str, Paper] = {}
    unkeyed: list[tuple[int, Paper]] = []
    for article in () if root is None else root.iter("article"):
        paper = _card(article, sink, resolved)
        if paper is None:
            continue
        if paper.paper_id is None:
            unkeyed.append((len(papers) + len(unkeyed), paper))
        elif paper.paper_id in papers:
            papers[paper.paper_id] = _merge(papers[paper.paper_id], paper)
        else:
            papers[paper.paper_id] = paper
    ordered = list(papers.values())
    for index, paper in unkeyed:
        ordered.insert(index, paper)
    if not ordered and not sink.error_count:
        # Only when no card error already explains it: strict mode raises the first error
        # in the page, and this one, at line 0, would sort before it.
        sink.add("no-cards", Severity.ERROR, "no paper cards found in the page", 0)
    facts = attrs.evolve(
        from_url,
        date=date,
        period_start=from_url.period_start or date,
        period_end=from_url.period_end or date,
    )
    return assemble_feed(tuple(ordered), resolved, sink, facts, url)


# -- entry points ------------------------------------------------------------------------

_NO_PROPS = "the page has no data-props JSON"


def _feed(page: Page, url: str | None, sink: DiagnosticSink, reference: _Ref) -> Feed:
    """The feed of page props, with what the JSON leaves out filled in from the page URL."""
    papers, facts = page
    return feed_of((papers, with_url(facts, url)), sink, reference, url)


def _from_props(
    src: Any, sink: DiagnosticSink, reference: _Ref
) -> tuple[Feed | None, str, _Props | None]:
    """Read the page's papers props (from text, or UTF-8 bytes) into a feed, if usable.

    Returns the feed, else why not and any broken props. Bytes are a trial run: their
    diagnostics are kept only with a feed, as a failed run is redone on the decoded text.
    """
    text = isinstance(src, str)
    nl, skip = ("\n", 0) if text else (b"\n", 3 if src.startswith(b"\xef\xbb\xbf") else 0)
    reason, broken = _NO_PROPS, None
    for props in _scan_props(src):
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
            url = _head_url(head if text else head.decode(), props.tag_start)
        if found or text:
            sink.items.extend(trial.items)
            sink.error_count += trial.error_count
        if found:
            return _feed(page, url, sink, reference), reason, broken
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
    return _dom(src, sink, reference, reason, seen=reason != _NO_PROPS)


def _parse_bytes(data: bytes, sink: DiagnosticSink, reference: _Ref) -> Feed:
    # Big temporary strings cost page faults as much as copying: reading a UTF-8 page's
    # props straight from its bytes, without decoding the page, takes a third off.
    m = _META_CHARSET_RE.search(data, 0, 4096)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and (
        not m or m["cs"].lower().replace(b"_", b"-") in (b"utf-8", b"utf8")
    ):
        try:
            feed = _from_props(data, sink, reference)[0]
        except UnicodeDecodeError:
            feed = None
        if feed is not None:
            return feed
    return _parse_text(_decode(data, sink), sink, reference)


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
    return isinstance(target, str) and _TARGET_NAME_RE.match(target) is not None


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
            url = _url_of(soup.find_all(["link", "meta"]))
            return _feed(page, url, sink, reference)
        reason = "the data-props JSON lists no papers"
    return _dom(str(soup), sink, reference, reason, seen=reason != _NO_PROPS)
