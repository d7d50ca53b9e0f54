"""The round-trip rules of the HTML page: which feeds ``render_html`` writes exactly.

``parse_html(render_html(feed), reference=feed.reference) == feed`` (through the page's
JSON) holds exactly for the feeds ``representable_in_html`` accepts.
"""

from __future__ import annotations

import datetime

from paperfeed._common import page_facts, with_url
from paperfeed._models import Feed, Paper
from paperfeed._render.html import page_props

from .text_rules import is_normalized

__all__ = ["page_read_back", "paper_representable_in_html", "representable_in_html"]

_UTC = datetime.timezone.utc


def _normal(text: str | None) -> bool:
    return text is None or is_normalized(text)


def _count_ok(value: int | None) -> bool:
    # JSON has no bools for counts; CPython refuses to write ints of over 4300 digits.
    return value is None or (not isinstance(value, bool) and value.bit_length() < 14_000)


def paper_representable_in_html(paper: Paper) -> bool:
    """Tell whether one paper survives the JSON round trip.

    Rules: ``published_text`` is ``None`` and ``year_inferred`` false (the JSON has only
    ``publishedAt``, read as its UTC date); the title, abstract, organisation, submitter,
    ``github_repo``, ``project_page``, ``ai_summary``, every AI keyword and every author
    name are whitespace-normalized and not empty; the author list names every author
    (``len(names) == count``: the JSON has a name per author, no bare count); the
    ``paper_id`` is not empty; counts are ints, not bools; ``featured_at`` converts to UTC.
    """
    p = paper
    if p.published_text is not None or p.year_inferred:
        return False
    texts = (p.title, p.abstract, p.organization, p.submitted_by, p.github_repo)
    if not all(map(_normal, (*texts, p.project_page, p.ai_summary, *p.ai_keywords))):
        return False
    if p.authors is not None and not (
        len(p.authors.names) == p.authors.count and all(map(_normal, p.authors.names))
    ):
        return False
    if p.paper_id == "":
        return False
    if not all(map(_count_ok, (p.comments, p.upvotes, p.github_stars))):
        return False
    if p.featured_at is not None:
        try:
            p.featured_at.astimezone(_UTC)
        except OverflowError:
            return False
    return True


def page_read_back(feed: Feed) -> tuple[object, ...]:
    """Return (kind, date, period_start, period_end, query) as the parser reads the page.

    Uses the parser's own rules (``page_facts`` for the JSON, ``with_url`` for what the
    canonical URL fills in), so this cannot drift from ``parse_html``.
    """
    facts = with_url(page_facts(page_props(feed)), feed.source_url)
    return facts.kind, facts.date, facts.period_start, facts.period_end, facts.query


def representable_in_html(feed: Feed) -> bool:
    """Tell whether ``parse_html(render_html(feed), reference=feed.reference) == feed``.

    The feed has no diagnostics; its ``source_url`` (if any) is not blank, has no
    whitespace at its ends and does not start with "/" (the parser makes such a link
    absolute). Its page facts read back unchanged
    (``page_read_back``): with a ``date``, ``period_start`` is that date and
    ``period_end`` ends its day, ISO week or month, and ``kind`` is that period's view,
    or ``trending``, or ``search`` (exactly when there is a ``query``); without a date,
    ``kind`` is a period view, ``trending``, ``search`` or ``None``, and whatever the
    canonical URL says (``/papers/date/...``, ``?q=``...) fills the facts left empty.
    Every paper passes ``paper_representable_in_html``.
    """
    if feed.diagnostics:
        return False
    url = feed.source_url
    if url is not None and not (url.strip() == url and url and not url.startswith("/")):
        return False
    facts = (feed.kind, feed.date, feed.period_start, feed.period_end, feed.query)
    if page_read_back(feed) != facts:
        return False
    return all(map(paper_representable_in_html, feed.papers))
