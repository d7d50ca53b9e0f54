"""Build raw plain-text listings for a feed in the variants real copies come in, and damage them.

Helpers of ``paperfeed.strategies``; every function takes Hypothesis' ``draw``.
"""

from __future__ import annotations

import datetime

import attrs
from hypothesis import strategies as st

from paperfeed._models import Feed, Paper
from paperfeed._read.paperpage import looks_like_paper_page
from paperfeed._render.text import (
    CHROME_HEADER,
    authors_line,
    date_line,
    format_date,
    front_matter_lines,
    github_line,
)

from .text_rules import is_free_text, org_like

__all__ = ["ALPHABET", "MangledListing", "build_listing", "join", "mangle"]

# An explicit alphabet rather than st.characters(): Hypothesis builds its Unicode tables
# on first use (over a second in a fresh checkout), which trips the too_slow health check
# in downstream suites. These cover the scripts and symbols that break consumers.
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    "éèêëçñøåæßüöäÉÅØœŁłŞşğİı"  # Latin with diacritics
    "e\u0301a\u0308"  # combining marks
    "αβγδλμπσωΔΣΩ"  # Greek
    "абвгдежзийЖЯ"  # Cyrillic
    "אבגדהשלום"  # Hebrew (right to left)
    "مرحبابالعالم"  # Arabic (right to left)
    "中文字模型学习語言한국어日本語ひらがなカタカナ"  # CJK, Hangul, kana
    "∞≤≥±×÷√∑∫→←↔≈≠∈∉∀∃ℝℕ°µ"  # maths and units
    "–—‘’“”…•·†‡€£¥©®™"  # typography
    "\u00a0\u2009\u200b\u2060\ufeff"  # NBSP, thin space, zero-width characters
    "😀🚀🤗🧠📄✨👩\u200d🔬"  # emoji, astral and joined
)
"""The characters drawn text is made of; pass it to ``st.text`` for matching values."""
_JUNK_ALPHABET = ALPHABET + "\t\r\n\x00\x0b\x0c\x1c\x1f\x7f\x85\u2028\u2029\ufffd"


def _bar(text: str) -> tuple[str, ...]:
    """Split a "|"-separated sample list."""
    return tuple(text.split("|"))


FRONT, PAGE = -2, -1  # owners of lines that belong to no card
_FOOTER = _bar("Company|TOS|Privacy|About|Careers|Website|Models|Datasets|Spaces|Pricing|Docs")
_LABELS = ("arXiv Page", "PDF", "View arXiv page")
_JUNK = (
    *_bar(
        "|·|•|  • 3 authors|2 authors|Jul 9|Feb 29|Nov 1, 2022 1|Feb 30, 2023|today|5|-|Upvote|"
        "Submitted by x|GitHub 1.2k|arXiv Page|https://huggingface.co/papers/2306.01234#community|"
        "https://example.org/x|---|Subscribe|Company|\ufeff|\u00a0|\t|Published on Oct 4, 2026"
    ),
    "x" * 300,
    "•" * 500,
    "a " * 100 + "7 authors",
    "9" * 20,
)


@attrs.frozen
class MangledListing:
    """A damaged listing: its text, the feed it was made from, and the cards left intact."""

    text: str
    """The damaged plain text."""
    feed: Feed
    """The feed the undamaged listing parses to."""
    intact: tuple[Paper, ...]
    """Papers whose cards and neighbourhoods no damage touched; parsing must keep them."""


@attrs.define
class Layout:
    """Lines of a listing with, for each line, the card it belongs to."""

    lines: list[str] = attrs.Factory(list)
    owners: list[int] = attrs.Factory(list)
    dates: list[int] = attrs.Factory(list)
    """Index of each card's date line."""
    firsts: list[int] = attrs.Factory(list)
    """Index of each card's first line."""
    front: int = 0
    """Number of front-matter lines (fences included) at the top."""

    def add(self, line: str, owner: int) -> None:
        """Append one line belonging to ``owner``."""
        self.lines.append(line)
        self.owners.append(owner)


def _noise(draw: st.DrawFn, line: str) -> str:
    """Whitespace the parser must ignore: around the line and instead of inner spaces."""
    style = draw(st.sampled_from(("", "", "lead", "trail", "nbsp", "tab", "double", "em")))
    if style == "lead":
        return draw(st.sampled_from((" ", "\t", "  ", "\u00a0"))) + line
    if style == "trail":
        return line + draw(st.sampled_from((" ", "\t", " \t ", "\u00a0")))
    spaces = {"nbsp": "\u00a0", "tab": "\t", "double": "  ", "em": "\u2003"}.get(style)
    return line if spaces is None else line.replace(" ", spaces)


def _upvote_variants(n: int, labelled: bool) -> list[str]:
    """Spellings of an upvote box: bare ("12", "-", "1,234") or labelled ("Upvote 12")."""
    if labelled:
        return [f"Upvote {n:,}" if n >= 10_000_000 else f"Upvote {n}"]
    variants = ["-" if n == 0 else f"{n:,}" if n >= 10_000_000 else str(n)]
    if n == 0:
        variants.append("0")
    if n >= 1000:
        variants.append(f"{n:,}")
    return variants


def _github_variants(stars: int) -> list[str]:
    number = github_line(stars).split(" ", 1)[1]  # "62", or "1,234,567,890" from a billion
    variants = [f"GitHub {number}", f"GitHub: {number}", f"github {number}"]
    if stars >= 1000 and stars % 100 == 0:
        short = f"{stars / 1000:g}k"
        if round(float(short[:-1]) * 1000) == stars:
            variants.append(f"GitHub {short}")
    return variants


def _card(
    draw: st.DrawFn, paper: Paper, reference: datetime.date, noisy: bool, labelled: bool
) -> tuple[list[str], int]:
    """Draw one card's lines in a variant spelling; return them and the date line's index."""
    lines: list[str] = []
    if paper.submitted_by is not None:
        label = draw(st.sampled_from(["Submitted by ", "Submitted by: "])) if noisy else ""
        lines.append((label or "Submitted by ") + paper.submitted_by)
    if paper.upvotes is not None:
        variants = _upvote_variants(paper.upvotes, labelled)
        lines.append(draw(st.sampled_from(variants)) if noisy else variants[0])
    lines.append(paper.title)
    if paper.abstract is not None:
        bylined = paper.authors is not None or paper.organization is not None
        lines += _wrap(draw, paper.abstract, bylined) if noisy else [paper.abstract]
    byline = authors_line(paper)
    if byline is not None and noisy and not paper.authors.names:  # type: ignore[union-attr]
        count = byline.split("• ")[1]
        byline = draw(
            st.sampled_from((byline, f"• {count}", count, f"- {count}", f"* {count}", f"∙ {count}"))
        )
    if byline is None:
        byline = paper.organization
    if byline is not None:
        # Only "·" separates: a lone "•" or "∙" on a line is a list bullet to the reader.
        lines += [byline, "·"]
    date_index = len(lines)
    dated = date_line(paper, reference)
    assert dated is not None, "a text-representable paper has a date"
    if noisy and len(dated) <= 51 and draw(st.booleans()):
        dated = "Published on " + dated
    lines.append(dated)
    # The "#community" link follows its text, the comment count on the date line: a URL on
    # its own line is the link of the line before it, and still the card's link after a
    # "GitHub 5" line.
    url = []
    if paper.paper_id is not None:
        url.append(f"https://huggingface.co/papers/{paper.paper_id}#community")
    trailers = []
    if paper.github_stars is not None:
        stars = paper.github_stars
        trailers.append(
            draw(st.sampled_from(_github_variants(stars))) if noisy else github_line(stars)
        )
    if noisy:
        labels = draw(st.lists(st.sampled_from(_LABELS), max_size=2))
        if url and trailers and not labels and draw(st.booleans()):
            return lines + trailers + url, date_index  # the "#community" URL after "GitHub 5"
        trailers = draw(st.permutations(trailers + labels))
    return lines + url + trailers, date_index


def _wrap(draw: st.DrawFn, abstract: str, bylined: bool) -> list[str]:
    """Hard-wrap an abstract the way some exports do, when every piece stays free text.

    Without a byline, a short last piece would be read as the card's organisation.
    """
    words = abstract.split(" ")
    if len(words) < 4 or not draw(st.booleans()):
        return [abstract]
    cut = sorted(set(draw(st.lists(st.integers(1, len(words) - 1), min_size=1, max_size=3))))
    pieces = [" ".join(words[a:b]) for a, b in zip([0, *cut], [*cut, len(words)])]
    if (bylined or not org_like(pieces[-1])) and all(
        is_free_text(p) and not looks_like_paper_page(p)  # a line "Abstract" could make it one
        for p in pieces
    ):
        return pieces
    return [abstract]


def build_listing(draw: st.DrawFn, feed: Feed, noisy: bool = True) -> Layout:
    """Lay out ``feed`` as listing lines, drawing chrome, footer and spelling variants."""
    out = Layout()
    front = feed.source_url is not None or (noisy and draw(st.booleans()))
    if front:
        fm = front_matter_lines(feed)
        if noisy and draw(st.booleans()):
            fm.insert(1, "title: Daily Papers - Hugging Face")
        for line in fm:
            out.add(line, FRONT)
        out.front = len(fm)
    if not noisy or draw(st.booleans()):
        for line in CHROME_HEADER:
            out.add(line, PAGE)
    if feed.date is not None:
        out.add(format_date(feed.date, feed.reference), PAGE)
    # A page spells every upvote box alike. (reader bug: after a first card opening with a
    # bare count, a later "Upvote 3" before a title is taken for the card before's upvote
    # when that card has none; mixed spellings are left out until the cutter treats the
    # two as one anchor.)
    labelled = noisy and draw(st.booleans())
    for k, paper in enumerate(feed.papers):
        lines, date_index = _card(draw, paper, feed.reference, noisy, labelled)
        out.firsts.append(len(out.lines))
        out.dates.append(len(out.lines) + date_index)
        for line in lines:
            out.add(line, k)
    if noisy and draw(st.booleans()):
        for line in _FOOTER[: draw(st.integers(1, len(_FOOTER)))]:
            out.add(line, PAGE)
    if noisy:
        for i in range(out.front, len(out.lines)):
            out.lines[i] = _noise(draw, out.lines[i])
    return out


def join(draw: st.DrawFn, layout: Layout, lines: list[str] | None = None) -> str:
    """Join lines with drawn blank lines, line ends, final newline and BOM."""
    lines = layout.lines if lines is None else lines
    blanks = draw(st.sampled_from(("none", "one", "random")))
    out: list[str] = []
    for line in lines:
        out.append(line)
        if blanks == "one":
            out.append("")
        elif blanks == "random":
            out += [""] * draw(st.integers(0, 2))
    newline = draw(st.sampled_from(("\n", "\n", "\r\n", "\r")))
    text = newline.join(out) + (newline if draw(st.booleans()) else "")
    return ("\ufeff" if draw(st.booleans()) else "") + text


def _windows(layout: Layout) -> list[tuple[int, int]]:
    """Each card's neighbourhood: from the previous card's first line to the next date line."""
    n = len(layout.firsts)
    return [
        (layout.firsts[k - 1] if k else 0, layout.dates[k + 1] if k + 1 < n else len(layout.lines))
        for k in range(n)
    ]


def mangle(draw: st.DrawFn, feed: Feed, layout: Layout) -> MangledListing:
    """Damage a listing with 1-4 edits; keep track of the cards no edit came near."""
    lines = layout.lines
    n = len(lines)
    junk = st.sampled_from(_JUNK) | st.text(_JUNK_ALPHABET, max_size=30).map(
        lambda t: t.replace("\n", " ").replace("\r", " ")
    )
    deleted: set[int] = set()
    replaced: dict[int, str] = {}
    inserts: dict[int, list[str]] = {}
    truncate = n
    touched: set[int] = set()  # lines changed, and gaps g (before line g) as n + 1 + g
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(("delete", "replace", "insert", "duplicate", "truncate")))
        if op == "insert" or n == 0:
            gap = draw(st.integers(0, n))
            inserts.setdefault(gap, []).append(draw(junk))
            touched.add(n + 1 + gap)
            continue
        i = draw(st.integers(0, n - 1))
        if op == "delete":
            deleted.add(i)
            touched.add(i)
        elif op == "replace":
            replaced[i] = draw(junk)
            touched.add(i)
        elif op == "duplicate":
            j = draw(st.integers(i, min(n - 1, i + 12)))
            inserts.setdefault(j + 1, []).extend(lines[i : j + 1])
            touched.add(n + 1 + j + 1)
        else:
            truncate = min(truncate, i)
            cut = draw(st.integers(0, len(lines[i])))
            replaced[i] = lines[i][:cut]
            touched.update(range(i, n))
    out: list[str] = []
    for i in range(n + 1):
        out += inserts.get(i, [])
        if i < n and i not in deleted and i <= truncate:
            out.append(replaced.get(i, lines[i]))
    damaged_lines = {t for t in touched if t < n}
    gaps = {t - n - 1 for t in touched if t > n}
    # Damage at the top can open or break a front matter that swallows later cards.
    front_hit = any(t < max(layout.front, 1) for t in damaged_lines) or any(
        g <= layout.front for g in gaps
    )
    # The reader learns the page's card order from the first card: damage up to its date
    # line may change how a later card that opens with its upvote count is read (and the
    # card before it, which the count then joins).
    first_date = layout.dates[0] if layout.dates else -1
    opener_hit = any(t <= first_date for t in damaged_lines) or any(
        g <= first_date + 1 for g in gaps
    )
    papers = feed.papers
    ordered = [
        k > 0 and p.submitted_by is None and p.upvotes is not None for k, p in enumerate(papers)
    ]
    intact = []
    for k, (lo, hi) in enumerate(_windows(layout)):
        hit = any(lo <= t <= hi for t in damaged_lines) or any(lo <= g <= hi + 1 for g in gaps)
        reordered = opener_hit and (ordered[k] or (k + 1 < len(papers) and ordered[k + 1]))
        if not hit and not front_hit and not reordered:
            intact.append(papers[k])
    return MangledListing(join(draw, layout, out), feed, tuple(intact))
