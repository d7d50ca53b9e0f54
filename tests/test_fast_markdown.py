"""The fast path for large link-keeping markdown dumps reads every input as the line reader does."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import paperfeed
from paperfeed._read import fastmd, listing

FIRECRAWL = Path(__file__).parent / "data" / "markdown" / "search-view-firecrawl-2026-10-02.md"
REF = datetime.date(2026, 10, 2)


def _both(text: str, reference: datetime.date | None = REF) -> tuple[object, object]:
    """Parse with the markdown fast path on whenever there are cards, and with it off."""
    results: list[object] = []
    for minimum in (1, 10**9):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(listing, "_MD_FAST_MIN", minimum)
            results.append(paperfeed.parse_markdown(text, reference=reference))
    return results[0], results[1]


def _proved(text: str) -> int:
    """How many cards the fast path proves it reads as the line reader does."""
    return sum(
        card.fields is not None for run in fastmd.plan(text, 0, fastmd.Lines()) for card in run
    )


def test_the_fast_path_reads_the_firecrawl_capture_as_the_line_reader() -> None:
    text = FIRECRAWL.read_text(encoding="utf-8")
    assert _proved(text) == 120  # the shape it is for: every card of the page
    quick, plain = _both(text, None)
    assert quick == plain
    assert isinstance(quick, paperfeed.Feed)
    assert len(quick.papers) == 120
    assert not quick.diagnostics


def test_proved_cards_count_their_line_ends() -> None:
    # The reader numbers the lines after a stretch by these counts, not by a search.
    text = FIRECRAWL.read_text(encoding="utf-8")
    cards = [card for run in fastmd.plan(text, 0, fastmd.Lines()) for card in run]
    assert len(cards) == 120
    assert all(card.fields is not None for card in cards)
    assert [card.lines for card in cards] == [
        text.count("\n", card.start, card.end) for card in cards
    ]


def test_a_backslash_before_the_closing_bracket_leaves_no_link() -> None:
    # "[Large \\](…)" escapes its "]": no link, so the line is read as the text it shows.
    def card(number: int, abstract: str | None) -> str:
        paper_id = f"2{number}01.1000{number}"
        text = f"[-](https://huggingface.co/login?next=%2Fpapers%2F{paper_id})\n\n"
        text += f"### [Large models](https://huggingface.co/papers/{paper_id})\n\n"
        if abstract is not None:
            text += f"[{abstract}](https://huggingface.co/papers/{paper_id})\n\n"
        return text + f"[- 3 authors](https://huggingface.co/papers/{paper_id})\n\n·\n\nMay 29\n\n"

    dump = card(1, None) + card(2, "Large \\") + card(3, None) + "Unknown words here\n\n"
    quick, plain = _both(dump)
    assert quick == plain
    assert isinstance(plain, paperfeed.Feed)
    (second,) = [paper for paper in plain.papers if paper.paper_id == "2201.10002"]
    assert second.abstract == "[Large ](https://huggingface.co/papers/2201.10002)"


def test_the_fast_path_reads_a_repeated_capture_as_the_line_reader() -> None:
    # The benchmark's shape: the head once, the cards again and again, the footer once.
    text = FIRECRAWL.read_text(encoding="utf-8")
    first, last = text.index("\n[101]("), text.index("\n[Previous](")
    dump = text[:first] + text[first:last] * 3 + text[last:]
    quick, plain = _both(dump, None)
    assert quick == plain
    assert isinstance(quick, paperfeed.Feed)
    assert len(quick.papers) == 360


# Field text that probes every rule the fast path claims to mirror: escapes, brackets,
# emphasis, HTML, separators, list markers and rules at line starts, hard breaks.
_PIECES = st.sampled_from(
    [
        "Large",
        "models",
        "of",
        "Citation",
        "2024",
        "42",
        "3.5k",
        "(LLMs)",
        "Q&A",
        "x!",
        "\\",
        "\\\\",
        "\\[RET\\]",
        "\\*",
        "\\_",
        "\\ ",
        "**bold**",
        "*",
        "_",
        "__",
        "`code`",
        "<b>",
        "<https://x.org>",
        "[",
        "]",
        "[x]",
        "·",
        "•",
        "~",
        "#",
        "|",
        "&amp;",
        "’",
        "–",
        "______",  # a text browser's form field: dropped in short lines
        "\u00a0",
        "\t",
        "  ",
        "- ",
        "1. ",
        "> ",
        "=",
        "---",
        "(BUTTON)",
        "Submitted by",
        "arXiv:",
        "https://a.b",
        "www.x",
        "authors",
        "Published on",
        "Feb 29",
        "\\\\\n",
        "\\\n",
        "\n",
        "\n\n",
        "\n- ",
        "\n1. ",
        "\n#",
        "\n>",
        "\n```",
        "\n    ",
    ]
)
_WORDS = st.lists(_PIECES, min_size=1, max_size=30).map(" ".join)
# A heading is one line; a title link broken over lines is no heading's.
_TITLE_WORDS = st.one_of(_WORDS.map(lambda text: text.replace("\n", " ")), _WORDS)
_PLAIN = st.lists(
    st.sampled_from(["Large", "language", "models", "cite", "sources"]), min_size=8, max_size=16
).map(" ".join)


@st.composite
def _card(draw: st.DrawFn, number: int) -> str:
    own = f"2{number % 10}0{number % 7}.{10000 + number}"
    paper_id = draw(st.sampled_from([own, own, own, own, "2401.00001"]))
    up = draw(st.sampled_from(["-", "0", "7", "123", "-", "3.2k"]))
    # Mostly plain fields, so that stretches of proved cards form between the others.
    odd = draw(st.integers(0, 4)) == 0  # one card in five gets probing text
    title = draw(
        _TITLE_WORDS if odd else st.one_of(_PLAIN, st.sampled_from(["Posts", "12", "Short"]))
    )
    abstract = draw(st.one_of(st.none(), _WORDS if odd else _PLAIN))
    meta = draw(
        st.sampled_from(
            [
                f"[- 3 authors](https://huggingface.co/papers/{paper_id})",
                f"[- 1 author](https://huggingface.co/papers/{paper_id})",
                "[- ![](https://huggingface.co/avatars/a.svg)\\\\\n"
                f"- 12 authors](https://huggingface.co/papers/{paper_id})",
                "[![occ-ai](https://cdn-avatars.huggingface.co/a.png)OCC](https://huggingface.co/occ-ai)",
                "[![x](https://cdn-avatars.huggingface.co/a.png)Carnegie Mellon University]"
                "(https://huggingface.co/CarnegieMellonU)",
                "[![x](https://cdn-avatars.huggingface.co/a.png)2 authors](https://huggingface.co/x)",
            ]
        )
    )
    date = draw(
        st.sampled_from(
            [
                "May 29",
                "Sep 9",
                "Dec 8, 2024",
                "Oct 2",
                "Feb 29",
                "Feb 30",
                "3 days ago",
                "soon",
                "12",
            ]
        )
    )
    comments = draw(
        st.sampled_from(
            [
                "",
                f"[6](https://huggingface.co/papers/{paper_id}#community)",
                f" [6](https://huggingface.co/papers/{paper_id}#community)",
            ]
        )
    )
    card = f"[{up}](https://huggingface.co/login?next=%2Fpapers%2F{paper_id})\n\n"
    card += f"### [{title}](https://huggingface.co/papers/{paper_id})\n\n"
    if abstract is not None:
        card += f"[{abstract}](https://huggingface.co/papers/{paper_id})\n\n"
    if draw(st.integers(0, 7)) == 0:
        comments = " [2](https://huggingface.co/papers/2401.00009#community)"  # another paper's
    card += f"{meta}\n\n·\n\n{date}{comments}\n\n"
    return card


@st.composite
def _dumps(draw: st.DrawFn) -> str:
    head = draw(
        st.sampled_from(
            [
                "",
                "---\nurl: https://huggingface.co/papers?q=cite\nretrieved: 2026-10-02\n---\n",
                "# Daily Papers\n\n[Trending Papers](https://huggingface.co/papers/trending)\n\n"
                "Oct 2\n\n",
                "[ref]: https://huggingface.co/papers/2401.00002\n\n",
            ]
        )
    )
    parts = [head]
    for number in range(draw(st.integers(3, 16))):
        parts.append(draw(_card(number)))
        between = ["Unknown words here\n\n", "[Open\n\n", "```\n", "- x\n", "[x]: /y\n\n"]
        if draw(st.integers(0, 7)) == 0:
            parts.append(draw(st.sampled_from(between)))
    parts.append(
        draw(st.sampled_from(["", "[Previous](https://huggingface.co/papers/date/2026-10-01)\n"]))
    )
    return "".join(parts)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_dumps(), st.sampled_from([REF, datetime.date(2025, 3, 1), None]))
def test_fast_path_equals_the_line_reader_on_adversarial_cards(
    dump: str, reference: datetime.date | None
) -> None:
    quick, plain = _both(dump, reference)
    assert quick == plain


def _dump_with_title(title: str) -> str:
    """Five firecrawl-shape cards, the third titled ``title``."""

    def card(number: int, text: str) -> str:
        link = f"https://huggingface.co/papers/2401.{10000 + number}"
        return (
            f"[3](https://huggingface.co/login?next=%2Fpapers%2F2401.{10000 + number})\n\n"
            f"### [{text}]({link})\n\n[- 3 authors]({link})\n\n·\n\nMay 29\n\n"
        )

    plain = "A perfectly ordinary title for the paper number {} here"
    return "".join(card(n, title if n == 2 else plain.format(n)) for n in range(5))


def test_a_form_field_in_a_short_title_is_dropped_on_both_paths() -> None:
    # Text browsers print a form field as "______"; the reader drops it from short lines.
    quick, slow = _both(_dump_with_title("Fill in the ______ blanks of large language models"))
    assert quick == slow
    assert isinstance(quick, paperfeed.Feed)
    assert quick.papers[2].title == "Fill in the blanks of large language models"


@pytest.mark.parametrize(
    "title",
    [
        "Foo \\](bar) a title long enough to be taken as it stands",  # markup once unescaped
        "ARX\u0130V: a title long enough to be taken as it stands here",  # "arXiv:" folded
    ],
)
def test_a_title_the_reader_refuses_is_refused_on_both_paths(title: str) -> None:
    quick, slow = _both(_dump_with_title(title))
    assert quick == slow
    assert isinstance(quick, paperfeed.Feed)
    assert len(quick.papers) == 4
    assert [d.code for d in quick.diagnostics] == ["bad-title"]
