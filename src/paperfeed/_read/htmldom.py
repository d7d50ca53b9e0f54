"""The DOM fallback: a saved page's ``<article>`` cards, read with lxml when its JSON is not.

Only when the page has no usable papers props is it parsed (no network, no DTD, a 2048
deep nesting cap); any props the scan could not reach are read first, then each card's
heading, links, upvote box and texts, and the date navigator for the page's date.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any

import attrs
import lxml.etree
import lxml.html

from paperfeed._common import find_paper_id, normalize_ws, page_from_url, with_url
from paperfeed._dates import match_date
from paperfeed._models import AuthorCount, Feed, Paper, Severity

from .apijson import Page, feed_of, props_page
from .assemble import assemble_feed, choose_reference
from .diagnostics import DiagnosticSink
from .htmlscan import TARGET_NAME_RE, absolute

__all__ = ["dom", "page_feed", "url_of"]

_HF = "https://huggingface.co"
_Ref = datetime.date | None


def page_feed(page: Page, url: str | None, sink: DiagnosticSink, reference: _Ref) -> Feed:
    """The feed of page props, with what the JSON leaves out filled in from the page URL."""
    papers, facts = page
    return feed_of((papers, with_url(facts, url)), sink, reference, url)


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


def url_of(tags: Iterable[Any]) -> str | None:
    """Pick the page URL from ``<link rel=canonical>``, else ``<meta property=og:url>``."""
    canonical = og = None
    for el in tags:  # lxml elements or bs4 tags (where "rel" is a list)
        rel = el.get("rel") or ""
        if "canonical" in (" ".join(rel) if isinstance(rel, list) else rel).lower().split():
            canonical = canonical or el.get("href")
        elif "og:url" in (el.get("property"), el.get("name")):
            og = og or el.get("content")
    return absolute(canonical or og, escaped=False)


def dom(src: str, sink: DiagnosticSink, reference: _Ref, reason: str, seen: bool) -> Feed:
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
    url = None if root is None else url_of(root.iter("link", "meta"))
    if root is not None:
        has_cards = next(root.iter("article"), None) is not None
        # Props the scan could not reach (a tag it could not read); never read twice.
        for el in () if seen else root.iter("div", "section", "main"):
            value = el.get("data-props")
            if value and TARGET_NAME_RE.match(el.get("data-target") or ""):
                page = props_page(value, sink, _line(el), 1)
                if page is not None and (page[0] or not has_cards):
                    return page_feed(page, url, sink, reference)
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
