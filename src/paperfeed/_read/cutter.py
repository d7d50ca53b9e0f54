"""Named card parts -> raw cards, cut where a new card must begin.

Whichever anchors a page kind prints, in whichever order: daily cards open with
"Submitted by", search cards with their upvote box or title, trending cards print the
upvote after the date. The first card teaches the page's order (its *opener*); a link's
paper id settles any doubt. One token of lookahead, memory bounded by one card. The
cards come out as ``RawCard``s; nothing here builds a ``Paper``: ``assemble`` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import attrs

from paperfeed._common import paper_id_of

from .cards import Kind, Token
from .rawcard import RawCard

__all__ = ["Cutter", "Event", "cut_cards"]


_NAME_MAX = 60
_DATE_TEXT_MAX = 48
_YEAR_END_RE = re.compile(r"\d{4}$")
_TITLE_KINDS = (Kind.TEXT, Kind.PAPER)
# Kinds that also occur in page navigation: they belong to a card but never make one.
_WEAK = frozenset({Kind.ORG, Kind.DOT, Kind.COUNTS, Kind.ARXIV, Kind.RANK, Kind.GITHUB})


@attrs.frozen
class Event:
    """One thing the cutter found, in page order."""

    what: str
    """``"card"``, ``"orphan"`` (lines with no card anchor), ``"stray"`` (a card part with
    no card to belong to), ``"truncated"`` (the input ends inside it), ``"page-date"`` or
    ``"chrome"``."""
    card: RawCard | None = None
    tokens: tuple[Token, ...] = ()


class Cutter:
    """Cut a stream of named lines into cards; one token of lookahead, bounded memory."""

    def __init__(self) -> None:
        self.cur: RawCard | None = None
        self.opener: Kind | None = None
        self.want_name = False
        self.cards = 0
        self.page_date_seen = False
        self.events: list[Event] = []
        self.last: RawCard | None = None  # the last card closed
        self.after: list[Event] = []  # events found while the open card may still grow

    def run(self, tokens: Iterable[Token]) -> Iterator[Event]:
        pending: list[Token] = []  # chrome seen after ``token``, before the next other kind
        token: Token | None = None
        for nxt in tokens:
            if token is None:
                token = nxt
                continue
            if nxt.kind is Kind.CHROME:
                pending.append(nxt)
                continue
            self.step(token, nxt.kind)
            yield from self.flush()
            for chrome in pending:
                self.step(chrome, nxt.kind)
            pending.clear()
            yield from self.flush()
            token = nxt
        if token is not None:
            self.step(token, None)
            for chrome in pending:
                self.step(chrome, None)
        self.close()
        yield from self.flush()

    def flush(self) -> list[Event]:
        events, self.events = self.events, []
        return events

    def open(self) -> RawCard:
        self.close()
        self.cur = RawCard()
        return self.cur

    def emit(self, event: Event) -> None:
        """Record an event; one found while a card is open follows that card."""
        if self.cur is not None:
            self.after.append(event)
        else:
            self.events.append(event)

    def close(self) -> None:
        card, self.cur = self.cur, None
        after, self.after = self.after, []
        if card is None or not card.tokens:
            self.events.extend(after)
            return
        if card.anchored:
            self.cards += 1
            self.last = card
            self.events.append(Event("card", card))
        else:
            self.events.append(Event("orphan", tokens=tuple(card.tokens)))
        self.events.extend(after)

    def anchor(self, card: RawCard, token: Token) -> None:
        if token.kind in _WEAK:
            return
        if not card.anchored:
            card.anchored = True
            if self.opener is None and self.cards == 0:
                self.opener = card.tokens[0].kind if card.tokens else token.kind
                if self.opener in _TITLE_KINDS or self.opener in _WEAK:
                    self.opener = Kind.TEXT

    def stray(self, token: Token) -> None:
        self.emit(Event("stray", tokens=(token,)))

    def step(self, token: Token, after: Kind | None) -> None:
        kind = token.kind
        cur = self.cur
        if token.line.cut or kind is Kind.CUT:
            self.emit(Event("truncated", tokens=(token,)))
            return
        if self.want_name:
            self.want_name = False
            if kind in (Kind.TEXT, Kind.ORG) and cur is not None and _is_name(token.line.text):
                cur.submitted_by = token.line.text
                cur.tokens.append(token)
                return
        if kind is Kind.CHROME:
            if cur is not None and not cur.anchored:
                self.close()  # text followed by chrome was chrome too
            self.emit(Event("chrome", tokens=(token,)))
            return
        if kind is Kind.SUBMITTED:
            if (
                cur is None
                or cur.title is not None
                or cur.submitted_by is not None
                or (not cur.anchored and cur.tokens)
            ):
                cur = self.open()
            cur.tokens.append(token)
            self.anchor(cur, token)
            if isinstance(token.value, str) and _is_name(token.value):
                cur.submitted_by = token.value
            else:
                self.want_name = True
            return
        if kind is Kind.UPVOTE:
            self.upvote(token, after)
            return
        if kind is Kind.THUMB:
            if cur is not None and cur.paper_id == token.paper_id:
                cur.tokens.append(token)  # another link to the same paper (author avatars)
                return
            if (
                cur is None
                or cur.title is not None
                or cur.paper_id is not None
                or (not cur.anchored and cur.tokens)
            ):
                cur = self.open()
            cur.tokens.append(token)
            self.anchor(cur, token)
            cur.set_id(token.paper_id)
            return
        if kind is Kind.COUNT:
            self.count(token, after)
            return
        if kind in _TITLE_KINDS:
            self.text(token)
            return
        if kind is Kind.DATE:
            self.date(token)
            return
        if kind is Kind.PERIOD and self.cards == 0 and (cur is None or not cur.anchored):
            self.close()
            self.events.append(Event("period", tokens=(token,)))
            return
        if cur is None or (kind is Kind.ORG and (cur.meta or cur.org is not None)):
            # An organisation comes right after the title; a later one is a footer link.
            self.emit(Event("orphan", tokens=(token,)))
            return
        if kind is Kind.DOT and cur.date is not None:
            self.stray(token)
            return
        cur.tokens.append(token)
        if kind is Kind.RANK:
            return
        self.anchor(cur, token)
        if cur.title is not None:
            cur.meta = True
        if kind is Kind.AUTHORS:
            cur.authors = token.value if isinstance(token.value, int) else None
            cur.names = token.names
            cur.dot = cur.dot or token.dotted
            cur.set_id(token.paper_id)
        elif kind is Kind.DOT:
            cur.dot = True
        elif kind is Kind.COUNTS:
            assert isinstance(token.value, tuple)
            cur.counts.extend(token.value)
        elif kind is Kind.COMMENTS:
            cur.comments = token.value if isinstance(token.value, int) else None
            cur.set_id(token.paper_id)
        elif kind is Kind.GITHUB:
            href = token.line.href
            cur.github_repo = href if href is not None and "github.com" in href else None
            linked = paper_id_of(href)  # "GitHub 5" then a "#community" URL line
            cur.set_id(None if linked is None else linked[0])
            cur.github_stars = token.value if isinstance(token.value, int) else None
        elif kind is Kind.ORG:
            cur.org = token

    def date(self, token: Token) -> None:
        cur = self.cur
        dotted = token.dotted or (cur is not None and cur.dot and cur.date is None)
        if not dotted and (cur is None or not cur.anchored):
            year_less = _YEAR_END_RE.search(token.text) is None
            if not self.page_date_seen and self.cards == 0 and (cur is None or year_less):
                self.close()
                self.page_date_seen = True
                self.events.append(Event("page-date", tokens=(token,)))
                return
        if cur is None or cur.date is not None or cur.title is None:
            self.stray(token)
            return
        cur.tokens.append(token)
        self.anchor(cur, token)
        cur.date = token
        cur.meta = True
        cur.set_id(token.paper_id)

    def upvote(self, token: Token, after: Kind | None) -> None:
        cur = self.cur
        if (
            cur is not None
            and cur.title is not None
            and token.paper_id is None
            and self.opener is not Kind.UPVOTE
            and not cur.meta
            and cur.submitted_by is not None
            and cur.upvotes is not None
        ):
            self.count(token, after)  # a box-like image before a count: not the button
            return
        if cur is not None and cur.title is not None:
            same = token.paper_id is not None and token.paper_id == cur.paper_id
            other = token.paper_id is not None and cur.paper_id not in (None, token.paper_id)
            # A box linking a paper, after a finished card that names none, opens the next.
            unnamed = token.paper_id is not None and cur.paper_id is None and cur.meta
            if (
                other
                or unnamed
                or not cur.anchored
                or (self.opener is Kind.UPVOTE and not same)
                or (cur.upvotes is not None and not same)
            ):
                cur = self.open()
        elif cur is not None and not cur.anchored and cur.tokens:
            cur = self.open()
        if cur is None:
            cur = self.open()
        cur.tokens.append(token)
        self.anchor(cur, token)
        cur.upvotes = token.value if isinstance(token.value, int) else cur.upvotes
        cur.set_id(token.paper_id)

    def count(self, token: Token, after: Kind | None) -> None:
        cur = self.cur
        value = token.value if isinstance(token.value, int) else 0
        if token.paper_id is not None and (cur is None or cur.title is None):
            self.text(attrs.evolve(token, kind=Kind.PAPER))  # a linked title "2048"
            return
        if (
            token.paper_id is not None
            and cur is not None
            and cur.paper_id not in (None, token.paper_id)
        ):
            self.text(attrs.evolve(token, kind=Kind.PAPER))  # another paper's linked title
            return
        if token.paper_id is not None and cur is not None and cur.title is not None:
            cur.tokens.append(token)  # a count linking to the paper: a daily card's stars
            cur.github_stars = value
            cur.meta = True
            return
        leading = self.opener in (Kind.UPVOTE, Kind.COUNT) and after in _TITLE_KINDS
        if token.text == "-" and cur is not None and cur.title is not None and not leading:
            cur.tokens.append(token)  # an empty list item, not a count
            return
        if cur is None or (cur.title is None and not cur.anchored and cur.tokens):
            if after not in _TITLE_KINDS and (after is not Kind.COUNT or token.text == "-"):
                self.emit(Event("orphan", tokens=(token,)))
                return
            cur = self.open()
        if cur.title is None:
            cur.tokens.append(token)
            if cur.upvotes is not None:
                cur.title = token  # a count where the title goes: refused when built
                return
            self.anchor(cur, token)
            cur.upvotes = value
            return
        if self.opener in (Kind.UPVOTE, Kind.COUNT) and cur.meta and after in _TITLE_KINDS:
            cur = self.open()
            cur.tokens.append(token)
            self.anchor(cur, token)
            cur.upvotes = value
            return
        cur.tokens.append(token)
        cur.counts.append(value)
        cur.meta = True

    def text(self, token: Token) -> None:
        cur = self.cur
        if (
            cur is not None
            and cur.title is not None
            and cur.dot
            and cur.date is None
            and cur.tokens[-1].kind is Kind.DOT
            and token.kind is Kind.TEXT
            and len(token.text) <= _DATE_TEXT_MAX
        ):
            cur.tokens.append(token)  # the date slot after "·", printed unreadably
            cur.date = token
            cur.meta = True
            return
        if cur is None:
            cur = self.open()
        elif cur.title is not None:
            same = token.kind is Kind.PAPER and token.paper_id == cur.paper_id
            if (
                cur.meta
                or (token.kind is Kind.PAPER and not same and cur.paper_id is not None)
                or (token.kind is Kind.PAPER and cur.paper_id is None and cur.body)
            ):
                cur = self.open()
        elif token.kind is Kind.PAPER and cur.paper_id not in (None, token.paper_id):
            cur = self.open()
        cur.tokens.append(token)
        if cur.title is None:
            cur.title = token
            if token.kind is Kind.PAPER:
                cur.set_id(token.paper_id)
                self.anchor(cur, token)
        else:
            cur.body.append(token)


def _is_name(text: str) -> bool:
    return 0 < len(text) <= _NAME_MAX and " " not in text.strip()


def cut_cards(tokens: Iterable[Token]) -> Iterator[Event]:
    """Cut named lines into raw cards, chrome, and runs of lines that are no card."""
    return Cutter().run(tokens)
