"""A speed trick for large web-to-markdown dumps: whole cards of one common shape by regex.

Web-to-markdown tools that keep links (firecrawl and its kin) print a search or listing
card as an upvote link, a ``###`` title link, an abstract link, an organisation or "N
authors" link, "·" and the date (with its comment link), each a paragraph. A big dump
repeats that shape thousands of times, and reading every line through the markdown
scanner costs about forty times reading the file. ``plan`` finds runs of such cards card
after card and keeps a card's fields only when ``mdproof`` proves each is read as the
line reader reads it (plain text, a known link, a valid date); ``papers`` builds them.
The reader reads everything else, including the first and last card of every run, the
ordinary way, so every seam sits between two whole cards. A property test keeps both
paths equal.
"""

from __future__ import annotations

import datetime
import re

from paperfeed._dates import match_date
from paperfeed._models import AuthorCount, Paper, _trusted_paper
from paperfeed._read.cards import Kind, Token
from paperfeed._read.mdproof import abstracts as proved_abstracts
from paperfeed._read.mdproof import one_token
from paperfeed._read.mdproof import titles as proved_titles

__all__ = ["Card", "Lines", "papers", "plan"]

_HF = r"https://huggingface\.co"
_ID = r"[0-9]{4}\.[0-9]{4,5}"
# A card, each piece a paragraph: the upvote and title links, the abstract link, the
# authors (avatars, "- N authors") or organisation link, "·", the date line with its
# comment link, and the blank lines after the card. Every link names a paper's id; the
# reader checks they are one.
_SAME = "(?P=id)"  # the upvote link's id again: one paper's card
_UPVOTE_LINE = rf"\[([0-9]{{1,7}}|-)\]\({_HF}/login\?next=%2Fpapers%2F(?P<id>{_ID})\)\n\n"
# The title: no "]" but an escaped one (the engine runs fastest through a one-character
# set); its escapes, and a "\n" in it (a heading is one line), are ``titles``'s to judge.
_TITLE_LINE = rf"\#\#\# \[([^\]]++(?:(?<=\\)\][^\]]*+)*+)\]\({_HF}/papers/{_SAME}\)\n\n"
_ABSTRACT_LINE = rf"(?:\[([^\]]*+)\]\({_HF}/papers/{_SAME}\)\n\n)?"  # no "]" in it
# Avatar URLs in ASCII without spaces or parentheses (a set the engine tests quickly).
_AUTHORS_LINE = r"\[(?:- !\[\]\([!-'*-~]++\)\\\\\n)*- ([0-9]{{1,6}}) authors?\]\({hf}/papers/{id}\)"
_ORG_LINE = rf"(\[[^\n]+\]\({_HF}/[^\s()/?#]+\))"
_DOT = "\n\n·\n\n"
_DATE_LINE = (
    r"([^\n\[\]]{{1,40}}+)(?:\[([0-9]{{1,6}})\]\({hf}/papers/{id}\#community\))?"
    r"(?:\n(?:[ \t]*\n)+|\n?\Z)"
)
# The whole card in one pattern, for the common case of an abstract without "]": groups
# upvotes, id, title, abstract, author count, organisation link, date, comments ...
_CARD_RE = re.compile(
    _UPVOTE_LINE
    + _TITLE_LINE
    + _ABSTRACT_LINE
    + f"(?:{_AUTHORS_LINE.format(hf=_HF, id=_SAME)}|{_ORG_LINE})"
    + _DOT
    + _DATE_LINE.format(hf=_HF, id=_SAME)
)
# ... and in pieces for the rest (an escaped bracket in the abstract): a string search
# finds the abstract's end, the paper's link; the pieces name the ids they link to.
_META_STARTS = ("[- ", "[![")  # an authors or organisation link, where no abstract is
_HEAD_RE = re.compile(_UPVOTE_LINE + _TITLE_LINE)
_AUTHORS_RE = re.compile(_AUTHORS_LINE.format(hf=_HF, id=f"({_ID})") + _DOT)
_ORG_RE = re.compile(_ORG_LINE + _DOT)
_DATE_RE = re.compile(_DATE_LINE.format(hf=_HF, id=f"({_ID})"))
# A date valid against both is a real day against any (only a year-less "Feb 29" is not).
_ANY_REFERENCES = (datetime.date(2024, 6, 1), datetime.date(2025, 6, 1))
_Fields = tuple[str, str | None, AuthorCount | None, str | None, str, int | None, int, str]


class Card:
    """One card of the shape: where it is, and its fields if proved (``None`` if not).

    ``lines`` counts the line ends from its start to its end, for a proved card.
    """

    __slots__ = ("end", "fields", "lines", "paper_id", "start")

    def __init__(self, start: int, end: int, paper_id: str, fields: _Fields | None) -> None:
        self.start = start
        self.end = end
        self.paper_id = paper_id
        self.fields = fields
        self.lines = 0


_BATCH = 256  # cards proved at once
# start, end, upvotes, id, title, abstract, count, org, date, comments, where the abstract
# starts (-1: none)
_Row = tuple[int, int, str, str, str, str | None, str | None, str | None, str, str | None, int]


def plan(text: str, start: int, lines: Lines) -> list[list[Card]]:
    """Find the runs of common-shape cards (each right after the one before) from ``start``.

    Cards are proved a batch at a time, so that the text matched for one batch is freed
    before the next is matched (its memory is used again, not more of it).
    """
    runs: list[list[Card]] = []
    search, match = _HEAD_RE.search, _CARD_RE.match
    pos = start
    while (h := search(text, pos)) is not None:
        pos = h.start()
        if pos and text[pos - 1] != "\n":
            pos += 1
            continue
        run: list[Card] = []
        rows: list[_Row] = []
        last_id = ""
        while True:
            m = match(text, pos)
            if m is not None:
                row: _Row = (pos, m.end(), *m.groups(), m.start(4))  # type: ignore[assignment]
            else:
                pieces = _pieces(text, pos)
                if pieces is None:
                    break
                row = pieces
            if row[3] == last_id:
                break
            rows.append(row)
            last_id = row[3]
            pos = row[1]
            if len(rows) == _BATCH:
                run.extend(lines.cards(text, rows))
                rows = []
        if run or len(rows) >= 3:
            if rows:
                run.extend(lines.cards(text, rows))
            runs.append(run)
        elif not rows:
            pos += 1
    return runs


def _pieces(text: str, pos: int) -> _Row | None:
    """The card at ``pos`` read in pieces, where ``_CARD_RE`` does not match it (a "]" in
    the abstract)."""
    h = _HEAD_RE.match(text, pos)
    if h is None:
        return None
    up, paper_id, raw_title = h.groups()
    at = h.end()
    raw_abstract = None
    meta = None
    if not text.startswith(_META_STARTS, at) and text.startswith("[", at):
        closing = f"](https://huggingface.co/papers/{paper_id})\n\n"
        end = text.find(closing, at)
        if end >= 0:
            meta = _meta(text, end + len(closing), paper_id)
            if meta is not None:
                raw_abstract = text[at + 1 : end]
    if raw_abstract is None:
        meta = _meta(text, at, paper_id)
    if meta is None:
        return None
    count, raw_org, at_date = meta
    d = _DATE_RE.match(text, at_date)
    if d is None or d[3] not in (None, paper_id):
        return None
    return (
        pos,
        d.end(),
        up,
        paper_id,
        raw_title,
        raw_abstract,
        count,
        raw_org,
        d[1],
        d[2],
        -1 if raw_abstract is None else at + 1,
    )


def _meta(text: str, pos: int, paper_id: str) -> tuple[str | None, str | None, int] | None:
    """(author count, organisation link, where the date starts) of the card at ``pos``."""
    if text.startswith("[- ", pos):
        m = _AUTHORS_RE.match(text, pos)
        if m is not None:
            return (m[1], None, m.end()) if m[2] == paper_id else None
    m = _ORG_RE.match(text, pos)
    return None if m is None else (None, m[1], m.end())


class Lines:
    """What the line reader makes of single lines, cached where lines repeat (dates, orgs)."""

    def __init__(self) -> None:
        self.dates: dict[str, Token | None] = {}
        self.orgs: dict[str, str | None] = {}
        self.authors: dict[str, AuthorCount] = {}  # frozen: one per count will do
        # Dates read against the input's one reference (set once, before the first paper).
        self.printed: dict[str, tuple[datetime.date | None, str, bool, int | None]] = {}

    def date(self, raw: str) -> Token | None:
        """The date token of a date line, if it is a real day whatever the reference."""
        if raw in self.dates:
            return self.dates[raw]
        token = one_token(raw, None)
        if (
            token is None
            or token.kind is not Kind.DATE
            or any(
                (printed := match_date(token.text, day)) is None or printed.value is None
                for day in _ANY_REFERENCES
            )
        ):
            token = None
        self.dates[raw] = token
        return token

    def org(self, raw: str) -> str | None:
        if raw in self.orgs:
            return self.orgs[raw]
        token = one_token(raw, None)
        found = token.text if token is not None and token.kind is Kind.ORG else None
        self.orgs[raw] = found
        return found

    def cards(self, text: str, rows: list[_Row]) -> list[Card]:
        """The cards of a run, each with its fields if proved as the line reader reads them.

        A proved card's line ends are counted after its abstract, whose own the proof
        counted: the abstract is most of the text, and a proved title is one line.
        """
        titles = proved_titles([row[4] for row in rows], [row[3] for row in rows])
        raws = [(raw, row[3]) for row in rows if (raw := row[5]) is not None]
        read, newlines = proved_abstracts([raw for raw, _ in raws], [pid for _, pid in raws])
        abstracts, breaks = iter(read), iter(newlines)
        out: list[Card] = []
        dates, orgs, authors, count_in = self.dates, self.orgs, self.authors, text.count
        for row, title in zip(rows, titles):
            start, end, up, paper_id, _, raw_abstract, count, raw_org, raw_date, comments, at = row
            out.append(Card(start, end, paper_id, None))
            abstract = None
            if raw_abstract is not None:
                abstract = next(abstracts)
                lines = next(breaks)
            if title is None or (abstract is None and raw_abstract is not None):
                continue
            date = dates[raw_date] if raw_date in dates else self.date(raw_date)
            if date is None:
                continue
            author_count = organization = None
            if count is not None:
                author_count = authors.get(count) or authors.setdefault(
                    count, AuthorCount(int(count))
                )
            else:
                if raw_org is not None:
                    organization = orgs[raw_org] if raw_org in orgs else self.org(raw_org)
                if organization is None:
                    continue
            if raw_abstract is None:
                lines = count_in("\n", start, end)
            else:  # the upvote and title lines, each with its blank line, then the abstract
                lines += 4 + count_in("\n", at + len(raw_abstract), end)
            out[-1].lines = lines
            out[-1].fields = (
                title,
                abstract,
                author_count,
                organization,
                date.text,
                None if comments is None else int(comments),
                0 if up == "-" else int(up),
                paper_id,
            )
        return out


def papers(cards: list[Card], lines: Lines, reference: datetime.date) -> list[Paper]:
    """The papers of proved cards, their dates read against ``reference``."""
    out: list[Paper] = []
    dates = lines.printed
    for card in cards:
        assert card.fields is not None
        title, abstract, authors, organization, date, comments, upvotes, paper_id = card.fields
        if date not in dates:
            printed = match_date(date, reference)
            assert printed is not None
            dates[date] = (printed.value, printed.text, printed.year_inferred, printed.comments)
        published, published_text, inferred, printed_comments = dates[date]
        out.append(
            _trusted_paper(
                title,
                abstract,
                authors,
                published,
                published_text,
                inferred,
                printed_comments if comments is None else comments,
                upvotes,
                organization,
                paper_id,
            )
        )
    return out
