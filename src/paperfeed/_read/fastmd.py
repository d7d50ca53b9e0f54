"""A speed trick for large web-to-markdown dumps: whole cards of one common shape by regex.

Web-to-markdown tools that keep links (firecrawl and its kin) print a search or listing
card as an upvote link, a ``###`` title link, an abstract link, an organisation or "N
authors" link, "·" and the date (with its comment link), each a paragraph. A big dump
repeats that shape thousands of times, and reading every line through the markdown
scanner costs about forty times reading the file. ``plan`` finds runs of such cards card
after card; ``build`` turns one card into its paper when it can prove each field is read
as the line reader reads it (plain text, a known link, a valid date), and says no
otherwise. The reader reads everything else, including the first and last card of every
run, the ordinary way, so every seam sits between two whole cards. A property test keeps
both paths equal.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re

from paperfeed._common import normalize_line
from paperfeed._dates import match_date
from paperfeed._models import AuthorCount, Paper, _trusted_paper
from paperfeed._read import patterns as P
from paperfeed._read.assemble import title_problem
from paperfeed._read.cards import Kind, Token, classify
from paperfeed._read.chrome import CHROME, FOOTER
from paperfeed._read.lines import Line
from paperfeed._read.markdown_lines import _PLACEHOLDER_RE, markdown_to_lines
from paperfeed._read.mdsyntax import _PUNCT

__all__ = ["Card", "Lines", "papers", "plan"]

_HF = r"https://huggingface\.co"
_ID = r"[0-9]{4}\.[0-9]{4,5}"
# A card in three pieces, each a paragraph, so that a string search rather than the regex
# engine crosses the abstract: the upvote and title links; the abstract link (found by
# its end, the paper's link); the authors or organisation link, "·" and the date line
# with its comment link. Blank lines after the card are part of it.
_META_STARTS = ("[- ", "[![")  # an authors or organisation link, where no abstract is
_HEAD_RE = re.compile(
    rf"\[(?P<up>[0-9]{{1,7}}|-)\]\({_HF}/login\?next=%2Fpapers%2F(?P<id>{_ID})\)\n\n"
    rf"\#\#\# \[(?P<title>(?:[^\n\]\\]++|\\[^\n])++)\]\({_HF}/papers/(?P=id)\)\n\n"
)
# Then the authors (avatars, "- N authors") or organisation link, and "·".
_AUTHORS_RE = re.compile(
    rf"\[(?:- !\[\]\([^\s()]+\)\\\\\n)*- (?P<count>[0-9]{{1,6}}) authors?\]"
    rf"\({_HF}/papers/(?P<id>{_ID})\)\n\n·\n\n"
)
_ORG_RE = re.compile(rf"(?P<org>\[[^\n]+\]\({_HF}/[^\s()/?#]+\))\n\n·\n\n")
# Then the date line with its comment link, and the blank lines after the card.
_DATE_RE = re.compile(
    rf"(?P<date>[^\n\[\]]{{1,40}}?)"
    rf"(?:\[(?P<comments>[0-9]{{1,6}})\]\({_HF}/papers/(?P<cid>{_ID})\#community\))?"
    rf"(?:\n(?:[ \t]*\n)+|\n?\Z)"
)
# The whole card in one pattern, for the common case of an abstract without "]"; the
# pieces above read the rest (an escaped bracket in the abstract).
_CARD_RE = re.compile(
    rf"""
    \[([0-9]{{1,7}}|-)\]\({_HF}/login\?next=%2Fpapers%2F({_ID})\)\n\n
    \#\#\#[ ]\[((?:[^\n\]\\]++|\\[^\n])++)\]\({_HF}/papers/({_ID})\)\n\n
    (?:\[([^\]]*+)\]\({_HF}/papers/({_ID})\)\n\n)?
    (?:
        \[(?:-[ ]!\[\]\([^\s()]+\)\\\\\n)*-[ ]([0-9]{{1,6}})[ ]authors?\]\({_HF}/papers/({_ID})\)
      | (\[[^\n]+\]\({_HF}/[^\s()/?#]+\))
    )\n\n·\n\n
    ([^\n\[\]]{{1,40}}?)(?:\[([0-9]{{1,6}})\]\({_HF}/papers/({_ID})\#community\))?
    (?:\n(?:[ \t]*\n)+|\n?\Z)
    """,
    re.VERBOSE,
)
# What a title may not hold for the reader to read it as its own normalized text.
_TITLE_ODD = ("<", "\\", "[", "]", "**")
_TITLE_ODD_WIDE = ("·", "•", "∙")
_ESCAPE_RE = re.compile(r"\\(.?)", re.DOTALL)  # a backslash and what follows it
# The scanner reads back no link text of more than 512 pieces (a line and its break make
# two, an escape and the text after it two): a text with more breaks or escapes than
# this is left to it.
_BREAKS_MAX = 120
_OPEN, _CLOSE = "\ufdd1", "\ufdd2"  # escaped brackets while a link text is checked
_LINK_MAX = 3900  # the scanner reads back no link text longer than 4000 characters
_CONTROLS_RE = re.compile(r"\(\s*(?:BUTTON|IMAGE|FORM|submit|reset)\s*\)|IFRAME")
_CONTROLS_MAX = 120  # the reader looks for a text browser's controls in shorter lines
# A line inside the abstract that ends its paragraph (a blank, heading, fence, rule or
# setext line), or that the scanner reads apart (a quote, a list item marker).
_BLOCK_START_RE = re.compile(
    r"\n[ \t]*(?:\n|$|>|[-*+][ \t]|\#{1,6}(?:[ \t\n]|$)|```|~~~"
    r"|([-=*_])[ \t]*(?:\1[ \t]*){2,}(?:\n|$))"
)
_NOT_TITLE_STARTS = ("http://", "https://", "www.", "arxiv")
# A title starting so may be a URL, an arXiv line or "Submitted by" in some language.
_LABEL_STARTS = (*_NOT_TITLE_STARTS, "submitted", "eingereic", "soumis", "enviado", "提交", "提出")
_LABEL_INITIALS = frozenset("hHwWaAsSeE提")
_CHROME_LONGEST = max(map(len, CHROME | FOOTER))
_SHORT = 40  # shorter text may be a count, a date or a label
# A date valid against both is a real day against any (only a year-less "Feb 29" is not).
_ANY_REFERENCES = (datetime.date(2024, 6, 1), datetime.date(2025, 6, 1))
_Fields = tuple[str, str | None, AuthorCount | None, str | None, str, int | None, int, str]


class Card:
    """One card of the shape: where it is, and its fields if proved (``None`` if not)."""

    __slots__ = ("end", "fields", "paper_id", "start")

    def __init__(self, start: int, end: int, paper_id: str, fields: _Fields | None) -> None:
        self.start = start
        self.end = end
        self.paper_id = paper_id
        self.fields = fields


_Row = tuple[int, int, str, str, str, str | None, str | None, str | None, str, str | None]


def plan(text: str, start: int, lines: Lines) -> list[list[Card]]:
    """Find the runs of common-shape cards (each right after the one before) from ``start``."""
    runs: list[list[Card]] = []
    search = _HEAD_RE.search
    pos = start
    while (h := search(text, pos)) is not None:
        pos = h.start()
        if pos and text[pos - 1] != "\n":
            pos += 1
            continue
        rows: list[_Row] = []
        last_id = ""
        while (row := _match(text, pos)) is not None and row[3] != last_id:
            rows.append(row)
            last_id = row[3]
            pos = row[1]
        if len(rows) >= 3:
            runs.append(lines.cards(rows))
        if not rows:
            pos += 1
    return runs


def _match(text: str, pos: int) -> _Row | None:
    """(start, end, upvotes, id, title, abstract, count, org, date, comments) at ``pos``."""
    m = _CARD_RE.match(text, pos)
    if m is not None:
        up, paper_id, title, tid, abstract, aid, count, mid, org, date, comments, cid = m.groups()
        if tid != paper_id or aid not in (None, paper_id) or mid not in (None, paper_id):
            return None
        if cid not in (None, paper_id):
            return None
        return pos, m.end(), up, paper_id, title, abstract, count, org, date, comments
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
    if d is None or d["cid"] not in (None, paper_id):
        return None
    return pos, d.end(), up, paper_id, raw_title, raw_abstract, count, raw_org, d[1], d[2]


def _titles(raws: list[str], ids: list[str]) -> list[str | None]:
    """The titles the reader reads from ``raws``, ``None`` where not provably so.

    Titles are short, so the checks run once over all of them joined: arXiv's "\\ "
    between words is a space, and a title holding nothing else the reader acts on is its
    own text, normalized; any other goes through ``_title``.
    """
    joined = "\x00".join(raws)
    texts = raws
    if "\\ " in joined and "\\\\" not in joined:
        joined = joined.replace("\\ ", " ")
        texts = joined.split("\x00")
    patterns = _TITLE_ODD if joined.isascii() else _TITLE_ODD + _TITLE_ODD_WIDE
    odd: set[int] = set()
    found = [pattern for pattern in patterns if pattern in joined]
    if found:
        ends = list(itertools.accumulate(len(text) + 1 for text in texts))
        for pattern in found:
            at = joined.find(pattern)
            while at >= 0:
                index = bisect.bisect_right(ends, at)
                odd.add(index)
                at = joined.find(pattern, ends[index]) if index < len(ends) else -1
    out: list[str | None] = []
    for index, (raw, text, paper_id) in enumerate(zip(raws, texts, ids)):
        if index not in odd and len(raw) - len(text) <= _BREAKS_MAX:
            text = normalize_line(text)
            if not (
                len(text) <= _SHORT  # a count, a date or a label may be this short
                or not text[0].isalpha()
                or not text[:9].isascii()  # case folding beyond ASCII: let the reader judge
                or (text[0] in _LABEL_INITIALS and text[:9].lower().startswith(_LABEL_STARTS))
                or (len(text) <= _CHROME_LONGEST and P.is_chrome(text))
                or (
                    len(text) <= _CONTROLS_MAX
                    and ("(" in text or "IFRAME" in text)
                    and _CONTROLS_RE.search(text) is not None
                )
            ):
                out.append(text)  # no count, markup, URL, label or chrome: a title as it is
                continue
        out.append(_title(raw, paper_id))
    return out


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
        token = _one_token(raw, None)
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
        token = _one_token(raw, None)
        found = token.text if token is not None and token.kind is Kind.ORG else None
        self.orgs[raw] = found
        return found

    def cards(self, rows: list[_Row]) -> list[Card]:
        """The cards of a run, each with its fields if proved."""
        titles = _titles([row[4] for row in rows], [row[3] for row in rows])
        out: list[Card] = []
        fields = self.fields
        for row, title in zip(rows, titles):
            start, end, up, paper_id, _, raw_abstract, count, raw_org, raw_date, comments = row
            found = None
            if title is not None:
                found = fields(
                    title, up, paper_id, raw_abstract, count, raw_org, raw_date, comments
                )
            out.append(Card(start, end, paper_id, found))
        return out

    def fields(
        self,
        title: str,
        up: str,
        paper_id: str,
        raw_abstract: str | None,
        count: str | None,
        raw_org: str | None,
        raw_date: str,
        raw_comments: str | None,
    ) -> _Fields | None:
        """The fields of a card with a proved title as the line reader reads them, if so."""
        abstract = None
        if raw_abstract is not None and (abstract := _abstract(raw_abstract, paper_id)) is None:
            return None
        date = self.date(raw_date)
        if date is None:
            return None
        authors = organization = None
        if count is not None:
            authors = self.authors.get(count) or self.authors.setdefault(
                count, AuthorCount(int(count))
            )
        elif raw_org is None or (organization := self.org(raw_org)) is None:
            return None
        comments = None if raw_comments is None else int(raw_comments)
        upvotes = 0 if up == "-" else int(up)
        return title, abstract, authors, organization, date.text, comments, upvotes, paper_id


def _one_token(raw: str, paper_id: str | None) -> Token | None:
    """The one token the line reader makes of markdown line ``raw`` after a blank, if one."""
    tokens: list[Token] = []
    for line in markdown_to_lines(["", raw]):
        if line.cut or line.box:
            return None
        tokens.extend(classify(line))
    if len(tokens) != 1 or (paper_id is not None and tokens[0].paper_id != paper_id):
        return None
    return tokens[0]


def _link_text(raw: str) -> str | None:
    """The text of a link whose text is ``raw`` as the reader sees it, if provably plain.

    The scanner joins the lines of a paragraph with spaces after dropping a converter's
    line-end backslashes, reads a backslash before punctuation as an escape and before a
    space as a space, and drops "**"; a field with brackets, an autolink or HTML, a line
    that would open a block, a dot separator or too many pieces is left to the reader.
    """
    source = raw
    if "\n" in raw:
        if len(raw) > _LINK_MAX or _BLOCK_START_RE.search(raw) is not None:
            return None
        raw = raw.replace("\\\\\n", " ")  # each drops two characters
        breaks = (len(source) - len(raw)) // 2
        if "\n" in raw:
            breaks += raw.count("\n")
            raw = raw.replace("\\\n", " ").replace("\n", " ")
        if breaks > _BREAKS_MAX:
            return None
    if "<" in raw:
        return None
    if "\\" in raw:
        if "**" in raw or "\\\\\\\n" in source or raw.count("\\") > _BREAKS_MAX:
            return None
        if "\\\\" not in raw:  # no escaped backslash: "\ " is a space wherever it stands
            raw = raw.replace("\\ ", " ")
        if "\\" in raw:
            raw = _ESCAPE_RE.sub(_unescape, raw)
        if "[" in raw or "]" in raw:
            return None
        if _OPEN in raw or _CLOSE in raw:
            raw = raw.replace(_OPEN, "[").replace(_CLOSE, "]")
            if _PLACEHOLDER_RE.search(raw) is not None:
                return None
    elif "[" in raw or "]" in raw:
        return None
    elif "**" in raw:
        raw = raw.replace("**", "")
    if not raw.isascii() and ("·" in raw or "•" in raw or "∙" in raw):
        return None
    text = normalize_line(raw)
    if not text or not text[0].isalnum():
        return None
    if len(text) <= _CONTROLS_MAX and _CONTROLS_RE.search(text) is not None:
        return None
    return text


def _unescape(m: re.Match[str]) -> str:
    nxt = m[1]
    if nxt == " " or nxt == "\t":
        return " "
    if nxt == "[" or nxt == "]":
        return _OPEN if nxt == "[" else _CLOSE  # text, told apart from link brackets
    return nxt if nxt in _PUNCT else "\\" + nxt


def _linked(text: str | None, paper_id: str) -> str | None:
    """``text`` if the line reader names it a link to the paper, as long text always is.

    Short text may be a count, a date or a label; ``classify`` decides for it as it
    would for the line in place (same text, link and box).
    """
    if text is None or len(text) > _SHORT:
        return text
    line = Line(1, 1, text, f"https://huggingface.co/papers/{paper_id}", True, False, text)
    tokens = classify(line)
    if len(tokens) == 1 and tokens[0].kind is Kind.PAPER and tokens[0].text == text:
        return text
    return None


def _title(raw: str, paper_id: str) -> str | None:
    text = _linked(_link_text(raw), paper_id)
    if text is None:
        token = _one_token(f"### [{raw}](https://huggingface.co/papers/{paper_id})", paper_id)
        if token is None or token.kind is not Kind.PAPER:
            return None
        text = token.text
    elif (
        text[0].isalpha()
        and not text[:8].lower().startswith(_NOT_TITLE_STARTS)
        and not P.is_chrome(text)
        and P.SUBMITTED_RE.fullmatch(text) is None
    ):
        return text  # no count, markup, URL or label: every other ``title_problem`` needs one
    problem = title_problem(text)
    return text if problem is None or problem == "a count" else None


def _abstract(raw: str, paper_id: str) -> str | None:
    text = _linked(_link_text(raw), paper_id)
    if text is not None or "\n" in raw:
        return text
    token = _one_token(f"[{raw}](https://huggingface.co/papers/{paper_id})", paper_id)
    return token.text if token is not None and token.kind is Kind.PAPER else None


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
