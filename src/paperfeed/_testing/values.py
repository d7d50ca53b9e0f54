"""Hypothesis strategies for the values papers are made of: dates, ids, titles, words.

Helpers of ``paperfeed.strategies`` (``reference_dates``, ``paper_ids`` and ``titles`` are
public there); the samples are kept compact as "|"-separated lists.
"""

from __future__ import annotations

import calendar
import datetime
from typing import Literal

from hypothesis import strategies as st

from paperfeed._common import normalize_ws
from paperfeed._dates import resolve_month_day
from paperfeed._render.text import format_date

from .listings import ALPHABET
from .text_rules import is_title

__all__ = [
    "Format",
    "bar",
    "counts",
    "free_text",
    "paper_ids",
    "printed_dates",
    "reference_dates",
    "titles",
    "users",
    "words",
]

Format = Literal["text"] | None


def bar(text: str) -> tuple[str, ...]:
    """Split a "|"-separated sample list."""
    return tuple(text.split("|"))


# Sample vocabularies, "|"-separated to keep them compact.
_WORDS = bar(
    "Learning|Transformers|Diffusion|LLMs|Zero-shot|Scaling|Efficient|Reasoning|Agents|"
    "Benchmark|via|for|with|of|and|a|in|the|Models|3D|Multimodal|Self-Supervised|Attention|"
    "Is|All|You|Need|Towards|Robust|Graph|Neural|Networks|Retrieval-Augmented|Generation|"
    "Vision-Language|RLHF|Mixture-of-Experts|Long-Context|Über|naïve|Ünïcödé|日本語|大模型|"
    'Ελληνικά|עברית|🤗|🚀|α-β|∞|x²|C++|O(n)|10x|2.5%|—|–|…|:|?|!|(LoRA)|"quoted"|it\'s|&|'
    "e\u0301|Zero‑Width\u200bJoin"
)
_EDGE_TITLES = bar("0|-|1|00|42|1,234|A|?|…|🤗|Title")
_HOSTILE_TITLES = bar(
    "Jul 9|3 authors|·|Subscribe|Daily Papers|PDF|Submitted by x|GitHub 12|today|=1+1|'quoted|"
    "https://arxiv.org/abs/2306.01234|nul\x00byte|tab\there|line\nbreak|  padded  |\r|"
)
_MONTH_NAMES = bar(
    "January|February|March|April|May|June|July|August|September|October|November|December"
)

_TEXT_CHARS = st.sampled_from(ALPHABET)
_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def reference_dates(min_year: int = 2017, max_year: int = 2027) -> st.SearchStrategy[datetime.date]:
    """Reference dates in HF's range, biased to year ends, Feb 28/29 and Mar 1."""
    edges = [
        datetime.date(y, m, d)
        for y in range(min_year, max_year + 1)
        for m, d in ((12, 30), (12, 31), (1, 1), (1, 2), (2, 28), (3, 1))
    ] + [datetime.date(y, 2, 29) for y in range(min_year, max_year + 1) if y % 4 == 0]
    return st.one_of(
        st.dates(datetime.date(min_year, 1, 1), datetime.date(max_year, 12, 31)),
        st.sampled_from(edges),
    )


def paper_ids() -> st.SearchStrategy[str]:
    """ArXiv-style ids: "2306.01234", "1412.6980", "hep-th/9901001", "math.AG/0601001"."""

    def new_id(yy: int, mm: int, n: int) -> str:
        # Four-digit numbers until 2014, five since 2015 (1501.00001).
        return f"{yy:02d}{mm:02d}.{n:05d}" if yy >= 15 else f"{yy:02d}{mm:02d}.{n % 10000:04d}"

    new_style = st.builds(new_id, st.integers(7, 27), st.integers(1, 12), st.integers(1, 29999))
    old_style = st.builds(
        lambda arch, n: f"{arch}/{n:07d}",
        st.sampled_from(("hep-th", "math.AG", "cs", "cond-mat", "quant-ph", "math.CO")),
        st.integers(9100001, 9912999) | st.integers(1, 703999),
    )
    return st.one_of(new_style, new_style, old_style)


def words(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_WORDS), min_size=min_size, max_size=max_size).map(" ".join)


def free_text(max_size: int) -> st.SearchStrategy[str]:
    text = st.text(_TEXT_CHARS, min_size=1, max_size=max_size).map(normalize_ws)
    return text.filter(bool)


def titles(
    *, for_format: Format = None, reference: datetime.date | None = None
) -> st.SearchStrategy[str]:
    """Paper titles: realistic words, unicode, punctuation, and the edge case "0".

    ``for_format="text"`` keeps the titles a copy without links carries (``is_title``):
    never a bare number such as "0", a date, a label or page chrome. ``reference`` is
    accepted for compatibility; what a copy carries as a title does not depend on it.
    """
    base = st.one_of(words(1, 14), free_text(80), st.sampled_from(_EDGE_TITLES))
    if for_format is None:
        return st.one_of(base, st.sampled_from(_HOSTILE_TITLES).filter(str.strip))
    return base.filter(is_title)


def counts() -> st.SearchStrategy[int]:
    return st.one_of(st.just(0), st.integers(0, 500), st.integers(0, 10**8))


@st.composite
def printed_dates(
    draw: st.DrawFn, reference: datetime.date, year_inferred: bool | None
) -> tuple[datetime.date, str, bool]:
    """Draw (published, published_text, year_inferred) as the page could print it."""
    styles = ["yearless"] if year_inferred else ["year", "full", "iso", "relative"]
    if year_inferred is None:
        styles.append("yearless")
    style = draw(st.sampled_from(styles))
    if style == "yearless":
        month, day = draw(
            st.sampled_from([(2, 29), (12, 31), (1, 1)])
            | st.tuples(st.integers(1, 12), st.integers(1, 31))
        )
        day = min(day, calendar.monthrange(2024, month)[1])  # a real day (Feb 29 included)
        value = resolve_month_day(month, day, reference)
        if value is not None:
            text = format_date(value, value)  # "Jul 9": a date is in its own year
            return value, draw(st.sampled_from([text, text.replace(" ", ". ", 1)])), True
        style = "year"
    if style == "relative":
        days = draw(st.integers(0, 60))
        text = {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")
        if days % 7 == 0 and days and draw(st.booleans()):
            text = "a week ago" if days == 7 else f"{days // 7} weeks ago"
        return reference - datetime.timedelta(days=days), text, False
    value = draw(st.dates(datetime.date(2000, 1, 1), datetime.date(2027, 12, 31)))
    if style == "iso":
        return value, value.isoformat(), False
    name = _MONTH_NAMES[value.month - 1] if style == "full" else format_date(value, value)[:3]
    sep = draw(st.sampled_from([", ", ","]))
    return value, f"{name} {value.day}{sep}{value.year}", False


def users() -> st.SearchStrategy[str]:
    """Hub user names; built from an alphabet, as from_regex would load Unicode tables."""
    return st.builds(str.__add__, st.sampled_from(_ALNUM), st.text(_ALNUM + "_.-", max_size=19))
