"""The one line reader on page kinds and decorations the real captures do not all show.

Expected values are written out by hand from each sample.
"""

from __future__ import annotations

import datetime

import paperfeed
from paperfeed import AuthorCount, PageKind

REF = datetime.date(2026, 10, 10)

TRENDING = """\
Trending Papers
byAK and the research community
Submitted by
vvasilev
Kandinsky 6.0 Video: Foundation Models for Synchronized Video and Audio Generation
Kandinsky 6.0 Video generates synchronized video and audio with a dual-stream CrossDiT.
Kandinsky Lab · Published on Oct 4, 2026
Upvote
117
GitHub 131 arXiv Page
Submitted by
vvasilev
Kandinsky 6.0 Video: Foundation Models for Synchronized Video and Audio Generation
Kandinsky 6.0 Video generates synchronized video and audio with a dual-stream CrossDiT.
Kandinsky Lab · Oct 4, 2026
Upvote
117
GitHub 131 arXiv Page
HuggingFace's Transformers: State-of-the-art Natural Language Processing
Transformers provides pretrained architectures under a unified API.
Hugging Face · Published on Oct 9, 2019
Upvote
33
GitHub 167k arXiv Page
HuggingFace's Transformers: State-of-the-art Natural Language Processing
Transformers provides pretrained architectures under a unified API.
Hugging Face · Oct 9, 2019
Upvote
33
GitHub 167k arXiv Page
System theme
Company
TOS
Impressum
"""


def test_trending_text_one_paper_per_twice_printed_card() -> None:
    feed = paperfeed.parse_text(TRENDING, reference=REF)
    assert feed.kind is PageKind.TRENDING
    assert feed.diagnostics == ()
    first, second = feed.papers
    assert first.title.startswith("Kandinsky 6.0 Video")
    assert first.ai_summary == (
        "Kandinsky 6.0 Video generates synchronized video and audio with a dual-stream CrossDiT."
    )
    assert first.abstract is None
    assert (first.upvotes, first.github_stars, first.submitted_by) == (117, 131, "vvasilev")
    assert (first.organization, first.published) == ("Kandinsky Lab", datetime.date(2026, 10, 4))
    # An organisation whose name is also site chrome, before "· date".
    assert (second.organization, second.upvotes, second.github_stars) == (
        "Hugging Face",
        33,
        167000,
    )
    assert second.submitted_by is None


WEEKLY = """\
Daily Papers
Daily
Weekly
Monthly
Week 39
Submitted by
taesiri
12
A Title of a Paper on the Weekly Page
·
4 authors
Submitted by
akhaliq
-
Another Title of a Paper
Some University
3  2
Previous
Company
About
"""


def test_weekly_view_navigator_and_daily_cards() -> None:
    feed = paperfeed.parse_text(WEEKLY, reference=REF)
    assert feed.kind is PageKind.WEEKLY
    assert (feed.period_start, feed.period_end) == (
        datetime.date(2026, 9, 21),
        datetime.date(2026, 9, 27),
    )
    assert feed.date == datetime.date(2026, 9, 21)
    first, second = feed.papers
    assert (first.upvotes, first.authors, first.comments) == (12, AuthorCount(4), 0)
    assert (second.upvotes, second.organization) == (0, "Some University")
    assert (second.github_stars, second.comments) == (3, 2)
    assert feed.errors == ()


def test_translated_card_labels() -> None:
    text = "每日论文\n9月28日\n提交者\nHongyang-Du\n110\nFuseReg: Layer Fusion\n·\n48 位作者\n"
    feed = paperfeed.parse_text(text, reference=REF)
    [paper] = feed.papers
    assert feed.date == datetime.date(2026, 9, 28)
    assert (paper.submitted_by, paper.upvotes, paper.authors) == (
        "Hongyang-Du",
        110,
        AuthorCount(48),
    )


def test_a_footer_link_to_an_organisation_stays_out_of_the_last_card() -> None:
    text = (
        "Sep 28\n\n[![](https://x.y/t.png)](/papers/2609.31620)\n\nSubmitted by\n\nHongyang-Du\n\n"
        "[110](/login?next=%2Fpapers%2F2609.31620)\n\n"
        "### [FuseReg: Regularizing Layer Fusion](/papers/2609.31620)\n\n"
        "[![](https://x.y/a.png) Sungkyunkwan University](/SKKU)\n\n"
        "[1](/papers/2609.31620#community)\n\n[About](/huggingface)\n\n[Company](/huggingface)\n"
    )
    feed = paperfeed.parse_markdown(text, reference=REF)
    [paper] = feed.papers
    assert (paper.paper_id, paper.organization, paper.comments) == (
        "2609.31620",
        "Sungkyunkwan University",
        1,
    )


def test_a_title_that_is_a_linked_number_is_a_title_in_markdown() -> None:
    text = (
        "[5](/login?next=%2Fpapers%2F2609.50003)\n\n### [2048](/papers/2609.50003)\n\n"
        "[- 1 authors](/papers/2609.50003)\n\n·\n\nSep 9\n"
    )
    [paper] = paperfeed.parse_markdown(text, reference=REF).papers
    assert (paper.title, paper.paper_id, paper.upvotes) == ("2048", "2609.50003", 5)


def test_content_truncated_marker_is_reported() -> None:
    text = (
        "Dec 12\n\nTitle One\n\nAn abstract.\n\n  • 3 authors\n·\nFeb 15, 2023\n\n"
        "Second Title\n\nThe abstract was cut\n\n[Content truncated]\n"
    )
    feed = paperfeed.parse_text(text, reference=REF)
    assert [p.title for p in feed.papers] == ["Title One"]
    assert [(d.code, d.line) for d in feed.errors] == [
        ("truncated-card", 11),
        ("truncated-card", 15),
    ]


def test_an_emoji_starting_a_title_is_no_bullet() -> None:
    text = "🤗 Transformers Meet 🦙 Llamas\n\nAn abstract.\n\n  • 3 authors\n·\nFeb 15, 2023\n"
    [paper] = paperfeed.parse_text(text, reference=REF).papers
    assert paper.title == "🤗 Transformers Meet 🦙 Llamas"


def test_a_linked_upvote_box_after_a_card_without_a_link_opens_the_next() -> None:
    text = (
        "Title One\n\nAn abstract.\n\n- 3 authors\n\n·\n\nFeb 15, 2023\n\n"
        "[12](https://huggingface.co/login?next=%2Fpapers%2F2501.00002)\n\n"
        "### [Title Two](https://huggingface.co/papers/2501.00002)\n\n- 2 authors\n\n·\n\nJul 9\n"
    )
    first, second = paperfeed.parse_markdown(text, reference=REF).papers
    assert (first.title, first.upvotes) == ("Title One", None)
    assert (second.title, second.upvotes, second.paper_id) == ("Title Two", 12, "2501.00002")


# Found by the decorated-listings and round-trip properties (reference 2025-01-01).
R25 = datetime.date(2025, 1, 1)


def test_submitted_by_with_a_colon() -> None:
    text = "Submitted by: akhaliq\nLearning\nGoogle\n·\nJan 1, 2000\n"
    [paper] = paperfeed.parse_text(text, reference=R25).papers
    assert (paper.title, paper.submitted_by, paper.organization) == (
        "Learning",
        "akhaliq",
        "Google",
    )


def test_iter_papers_drops_a_bom_like_parse_text() -> None:
    [paper] = paperfeed.iter_papers(["\ufeffLearning", "  • 3 authors", "·", "Jan 1, 2000"], R25)
    assert paper.title == "Learning"


def test_a_community_link_after_a_github_line_names_the_paper() -> None:
    text = (
        "Learning\n  • 3 authors\n·\nJan 1, 2000\nGitHub 5\n"
        "https://huggingface.co/papers/2306.01234#community\n"
    )
    [paper] = paperfeed.parse_text(text, reference=R25).papers
    assert (paper.paper_id, paper.github_stars, paper.github_repo) == ("2306.01234", 5, None)


def test_a_linked_number_naming_another_paper_is_the_next_title() -> None:
    first = "https://huggingface.co/papers/2606.00681"
    second = "https://huggingface.co/papers/2606.00683"
    text = (
        f"### [First]({first})\n\n[- 3 authors]({first})\n\n·\n\nMay 29\n\n"
        f"### [0]({second})\n\n[- 3 authors]({second})\n\n·\n\nMay 29\n"
    )
    papers = paperfeed.parse_markdown(text, reference=R25).papers
    assert [(p.title, p.paper_id, p.github_stars) for p in papers] == [
        ("First", "2606.00681", None),
        ("0", "2606.00683", None),
    ]


# A daily page with one card as lynx prints it (a generated variant of the real daily page
# through convert_page.py, chrome cut short): lynx wraps the long title link at 80
# columns, and one card gives too few long lines to tell the wrap width from.
ONE_CARD_LYNX = """\
Daily Papers

by[31] AK and the research community

   Sep 28

   Submitted by
   ShuyangXiang
   [32]
   [ ]
   1

[33]Paragraph Boundaries Are Not White Space:Compression Depth as the
Signature of Hierarchical Structure

     *
     * ·
       1 authors

   [34]0 [35]1
   [36]Previous

References

   Visible links:
  31. file:///akhaliq
  32. file:///login?next=%2Fpapers%2F2609.23551
  33. file:///papers/2609.23551
  34. https://github.com/x/y
  35. file:///papers/2609.23551#community
  36. file:///papers/date/2026-09-27
"""


def test_a_daily_title_wrapped_by_a_text_browser_is_joined() -> None:
    feed = paperfeed.parse_text(ONE_CARD_LYNX, reference=REF)
    assert feed.kind is PageKind.DAILY
    (paper,) = feed.papers
    assert paper.title == (
        "Paragraph Boundaries Are Not White Space:Compression Depth as the "
        "Signature of Hierarchical Structure"
    )
    assert paper.abstract is None  # daily cards print none
    assert (paper.paper_id, paper.submitted_by, paper.upvotes) == ("2609.23551", "ShuyangXiang", 1)
    assert (paper.authors, paper.github_stars, paper.comments) == (AuthorCount(1), 0, 1)
    assert feed.errors == ()


def test_a_free_line_beside_a_daily_author_count_is_reported() -> None:
    # After a blank line it is no wrapped title; a daily card prints no abstract, and one
    # that shows its author count shows no organisation.
    text = ONE_CARD_LYNX.replace(
        "Signature of Hierarchical Structure\n", "\nSignature of Hierarchical Structure\n"
    )
    feed = paperfeed.parse_text(text, reference=REF)
    (paper,) = feed.papers
    assert paper.title.endswith("Depth as the")
    assert paper.abstract is None
    assert [(d.code, d.line, d.text) for d in feed.errors] == [
        ("unknown-line", 15, "Signature of Hierarchical Structure")
    ]
