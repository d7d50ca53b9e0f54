"""Raw page JSON that a naive tag stripper left in a paper page's text.

A tag stripper prints a ``data-props="..."`` attribute's JSON as text; the page text goes
on after the attribute's closing ``">``. The leak is skipped with a warning, and its
first complete ``"paper"`` object, when it is this page's, fills what the text lacks.
"""

from __future__ import annotations

import json
import re
from typing import Any

from paperfeed._common import normalize_ws
from paperfeed._models import AuthorCount, Severity

from .apijson import paper_from_entry
from .diagnostics import DiagnosticSink
from .mdsyntax import MdLine

__all__ = ["cut_leak", "fill_from_leak", "leak_span", "leaked_paper"]

# What the leaked page JSON may fill in when the page text lacks it.
_LEAK_FIELDS = (
    "title",
    "authors",
    "organization",
    "published",
    "upvotes",
    "submitted_by",
    "featured_at",
    "github_repo",
    "github_stars",
    "project_page",
    "ai_summary",
    "abstract",
    "ai_keywords",
)
_PAPER_KEY_RE = re.compile(r'"paper": ?\{')
_LEAK_TRIES = 20  # "paper" objects tried in one leak: each try may read to its end


def leak_span(raw: str) -> int | None:
    """Return where page text resumes after raw JSON leaked into ``raw``, or ``None``.

    A naive tag stripper prints a ``data-props="..."`` attribute's JSON as text; the
    page text goes on after the attribute's closing ``">``.
    """
    if len(raw) < 200 or raw.count('":') < 5 or ('","' not in raw and '":{' not in raw):
        return None
    end = raw.rfind('">')
    return len(raw) if end == -1 else end + 2


def leaked_paper(leak: str) -> dict[str, Any] | None:
    """Return the first complete ``"paper": {...}`` object in leaked JSON (read with json)."""
    decoder = json.JSONDecoder()
    for tries, m in enumerate(_PAPER_KEY_RE.finditer(leak)):
        if tries == _LEAK_TRIES:
            break
        try:
            value, _ = decoder.raw_decode(leak, m.end() - 1)
        except ValueError:
            continue
        if (
            isinstance(value, dict)
            and isinstance(value.get("id"), str)
            and isinstance(value.get("title"), str)
        ):
            return value
    return None


def fill_from_leak(
    paper: dict[str, Any], found: dict[str, Any], sink: DiagnosticSink, line: MdLine
) -> list[str]:
    """Fill the fields ``paper`` lacks from a leaked paper object; return what was filled.

    Author names are taken when the page shows only the first of them ("+ 8 authors")
    and the object's list starts with the same names and has the same count.
    """
    recovered = paper_from_entry(found, sink, line.lineno, line.column)
    if recovered is None:
        return []
    filled = []
    for key in _LEAK_FIELDS:
        value, mine = getattr(recovered, key), paper.get(key)
        if isinstance(mine, AuthorCount) and isinstance(value, AuthorCount):
            shown = value.names[: len(mine.names)]
            if (value.count, shown) == (mine.count, mine.names) and value.names != mine.names:
                paper[key] = value
                filled.append("author names")
        elif value not in (None, ()) and mine in (None, ()):
            paper[key] = value
            filled.append(key)
    return filled


def cut_leak(
    line: MdLine, raw: str, markdown: bool, sink: DiagnosticSink
) -> tuple[MdLine, dict[str, Any] | None] | None:
    """Skip raw page JSON at the start of ``raw`` (the line as printed), reported.

    Returns the line's text after the leak and the leak's complete paper object, if any;
    ``None`` when the line starts with no leak.
    """
    end = leak_span(raw)
    if end is None:
        return None
    found = leaked_paper(raw[:end])
    kept = f"; its complete paper object ({found['id']}) was kept" if found else ""
    sink.add(
        "leaked-json",
        Severity.WARNING,
        f"{end} characters of the page's raw JSON leaked into the text; skipped{kept}",
        line.lineno,
        line.column,
        raw[:end],
    )
    rest = raw[end:]
    column = line.column if markdown else end + len(rest) - len(rest.lstrip()) + 1
    return line._replace(text=normalize_ws(rest), column=column, links=()), found
