"""Write a feed back out as a saved Hugging Face papers page, the input ``parse_html`` reads.

The page is minimal but shaped like the real one: a ``<link rel="canonical">`` naming
the page, then the ``DailyPapers`` Svelte hydration ``div`` whose ``data-props`` holds
the page data as HTML-escaped JSON::

    {"dateString": "2026-09-28", "periodType": "day", "query": {}, "isTrending": false,
     "dailyPapers": [{"paper": {"id", "title", "summary", "authors": [{"name"}],
                                "publishedAt", "submittedOnDailyAt", "upvotes",
                                "githubRepo", "githubStars", "projectPage",
                                "ai_summary", "ai_keywords", "organization"},
                      "numComments", "submittedBy": {"name"}, "organization"}]}

Inside the ``div`` follow the date navigator and one ``<article>`` card per paper, as the
server renders them, so the DOM fallback of ``parse_html`` has something to read when
the JSON is left out (``props=False``). The round trip
``parse_html(render_html(feed), reference=feed.reference) == feed`` (through the JSON)
holds exactly for the feeds ``representable_in_html`` accepts
(``paperfeed._testing.html_rules``).
"""

from __future__ import annotations

import datetime
import html
import json
import re
from typing import Any

from paperfeed._common import period
from paperfeed._models import Feed, PageKind, Paper

from .text import format_count, format_date

__all__ = ["article", "date_string", "entry", "org_slug", "page_props", "render_html"]

_UTC = datetime.timezone.utc
_PERIOD_TYPES = {PageKind.DAILY: "day", PageKind.WEEKLY: "week", PageKind.MONTHLY: "month"}
_THUMBNAIL = "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{}.png"
_AVATAR = "https://cdn-avatars.huggingface.co/v1/production/uploads/avatar.png"
_RESERVED_SLUGS = frozenset({"papers", "login", "models", "datasets", "spaces"})


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _utc_time(moment: datetime.datetime) -> str:
    """Write a time as the Hub does ("2026-09-28T00:00:00.000Z"), microseconds if needed."""
    utc = moment.astimezone(_UTC)
    spec = "milliseconds" if utc.microsecond % 1000 == 0 else "microseconds"
    return utc.replace(tzinfo=None).isoformat(timespec=spec) + "Z"


def org_slug(name: str) -> str:
    """Make the profile path an organisation chip links to ("Meta AI" -> "Meta-AI")."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-._")
    if not slug:
        return "org"
    return slug + "-org" if slug in _RESERVED_SLUGS else slug


# -- the JSON ----------------------------------------------------------------------------


def date_string(feed: Feed) -> str | None:
    """Pick the ``dateString`` for the feed's period: a day, an ISO week or a month."""
    date = feed.date
    if date is None:
        return None
    iso = date.isocalendar()
    candidates = (
        date.isoformat(),
        f"{iso[0]:04d}-W{iso[1]:02d}",
        f"{date.year:04d}-{date.month:02d}",
    )
    for text in candidates:
        found = period(text)
        if found is not None and found[:2] == (feed.period_start, feed.period_end):
            return text
    return candidates[0]


def page_props(feed: Feed) -> dict[str, Any]:
    """Return the page-level ``data-props`` fields (all but ``dailyPapers``)."""
    props: dict[str, Any] = {"canSubmit": False}
    text = date_string(feed)
    found = None if text is None else period(text)
    kind = feed.kind if found is None else found[2]
    if text is not None:
        props["dateString"] = text
    period_type = None if kind is None else _PERIOD_TYPES.get(kind)
    if period_type is not None:
        props["periodType"] = period_type
    props["query"] = {} if feed.query is None else {"q": feed.query}
    props["isTrending"] = feed.kind is PageKind.TRENDING
    return props


def entry(paper: Paper) -> dict[str, Any]:
    """Return one ``dailyPapers`` entry as the page embeds it."""
    inner: dict[str, Any] = {}
    if paper.paper_id is not None:
        inner["id"] = paper.paper_id
    if paper.authors is not None:
        inner["authors"] = [{"name": name} for name in paper.authors.names]
    if paper.published is not None:
        inner["publishedAt"] = paper.published.isoformat() + "T00:00:00.000Z"
    if paper.featured_at is not None:
        inner["submittedOnDailyAt"] = _utc_time(paper.featured_at)
    inner["title"] = paper.title
    if paper.submitted_by is not None:
        inner["submittedOnDailyBy"] = {"name": paper.submitted_by}
    optional = {
        "summary": paper.abstract,
        "upvotes": paper.upvotes,
        "projectPage": paper.project_page,
        "githubRepo": paper.github_repo,
        "githubStars": paper.github_stars,
        "ai_summary": paper.ai_summary,
        "ai_keywords": list(paper.ai_keywords) or None,
    }
    inner.update((key, value) for key, value in optional.items() if value is not None)
    org = None
    if paper.organization is not None:
        org = {"name": org_slug(paper.organization), "fullname": paper.organization}
        inner["organization"] = org
    outer: dict[str, Any] = {"paper": inner, "title": paper.title}
    if paper.comments is not None:
        outer["numComments"] = paper.comments
    if paper.submitted_by is not None:
        outer["submittedBy"] = {"name": paper.submitted_by}
    if org is not None:
        outer["organization"] = org
    return outer


# -- the DOM -----------------------------------------------------------------------------


def _nav(feed: Feed) -> str:
    """The date navigator: the previous day's link beside the page date ("Sep 28")."""
    if feed.date is None or feed.date == datetime.date.min:
        return ""
    previous = feed.date - datetime.timedelta(days=1)
    return (
        '<div class="flex items-center"><a href="/papers/date/'
        f'{previous.isoformat()}"><svg class="h-2"></svg></a> '
        f'<div class="w-24 text-center">{_esc(format_date(feed.date, feed.date))}</div> '
        '<a class="pointer-events-none opacity-50"><svg class="h-2"></svg></a></div>'
    )


def article(paper: Paper, reference: datetime.date) -> str:
    """Return one ``<article>`` card as the server renders it."""
    pid = paper.paper_id
    href = "" if pid is None else f' href="/papers/{_esc(pid)}"'
    parts = ['<article class="relative flex flex-col overflow-hidden rounded-xl border">']
    if pid is not None:
        thumb = _esc(_THUMBNAIL.format(pid))
        parts.append(f'<a{href}><img loading="lazy" src="{thumb}" alt=""></a>')
    if paper.submitted_by is not None:
        parts.append(
            f'<div>Submitted by <img alt="" src="{_AVATAR}"> {_esc(paper.submitted_by)}</div>'
        )
    if paper.upvotes is not None:
        login = "/login" if pid is None else "/login?next=%2Fpapers%2F" + _esc(pid)
        parts.append(
            f'<a class="self-start" href="{login}"><div role="checkbox">'
            '<input type="checkbox" class="peer hidden" disabled=""> '
            f'<div class="leading-none">{format_count(paper.upvotes)}</div></div></a>'
        )
    parts.append(f'<div class="w-full min-w-0"><h3><a{href}>{_esc(paper.title)}</a></h3>')
    if paper.organization is not None:
        slug = _esc(org_slug(paper.organization))
        parts.append(
            f'<a href="/{slug}"><img src="{_AVATAR}" alt="{slug}"> '
            f"<span>{_esc(paper.organization)}</span></a>"
        )
    if paper.authors is not None:
        count = paper.authors.count
        parts.append(f"<span>{count} {'author' if count == 1 else 'authors'}</span>")
    printed = paper.published_text
    if printed is None and paper.published is not None:
        printed = format_date(paper.published, reference)
    if printed is not None:
        parts.append(f"<span>Published on {_esc(printed)}</span>")
    if paper.github_repo is not None:
        parts.append(f'<a href="{_esc(paper.github_repo)}">GitHub</a>')
    if paper.github_stars is not None and pid is not None:
        parts.append(f"<a{href}><svg></svg> <span>{paper.github_stars}</span></a>")
    if paper.comments is not None and pid is not None:
        parts.append(f'<a href="/papers/{_esc(pid)}#community"><svg></svg> {paper.comments}</a>')
    parts.append("</div></article>")
    return "".join(parts)


def render_html(feed: Feed, *, props: bool = True) -> str:
    """Write ``feed`` as a saved papers page that ``parse_html`` reads back.

    ``props=False`` leaves out the ``data-props`` JSON, so the parser falls back to the
    ``<article>`` cards (which carry less: no abstracts, author names, AI fields, ...).
    Fields the page cannot carry are left out silently; ``representable_in_html`` tells
    whether the round trip through the JSON is exact.
    """
    head = ['<!doctype html>\n<html lang="en"><head>', '<meta charset="utf-8">']
    head.append("<title>Daily Papers - Hugging Face</title>")
    if feed.source_url is not None:
        head.append(f'<link rel="canonical" href="{_esc(feed.source_url)}">')
    head.append("</head>")
    data = ""
    if props:
        value = page_props(feed)
        value["dailyPapers"] = [entry(p) for p in feed.papers]
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        data = f' data-props="{_esc(text)}"'
    cards = "".join(article(p, feed.reference) for p in feed.papers)
    body = (
        '<body><main><div class="SVELTE_HYDRATER contents" data-target="DailyPapers"'
        f'{data}><section class="container">{_nav(feed)}'
        f'<div class="relative grid gap-5">{cards}</div></section></div></main></body></html>'
    )
    return "\n".join([*head, body]) + "\n"
