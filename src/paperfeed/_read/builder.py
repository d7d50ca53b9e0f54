"""Cutter events -> ``Paper``s: the page's facts, twin cards folded, stray lines reported.

Cards arrive from the cutter as printed. The ``Builder`` reads the page facts between
them (the date navigator, a week or month period, the chrome that names the view),
chooses the one reference date of the input once it must (``assemble.choose_reference``),
folds a card printed twice (trending's desktop and mobile copies) into one, hands each
card to ``assemble.build_paper``, and reports every run of lines that is no card.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping

from paperfeed._common import page_kind, period
from paperfeed._dates import SKEW_DAYS, match_date
from paperfeed._models import PageKind, Paper, Severity

from .assemble import DAILY_CARDS, NO_PAPERS, build_paper, choose_reference, title_problem
from .cards import Kind, Token
from .cutter import Event
from .diagnostics import DiagnosticSink
from .header import capture_date, source_url
from .lines import Line
from .rawcard import RawCard

__all__ = ["Builder"]


def _same(a: RawCard, b: RawCard, trending: bool) -> bool:
    """Say whether ``b`` is a second rendering of card ``a`` (trending prints each twice)."""
    if a.title is None or b.title is None or a.title.text != b.title.text:
        return False
    if a.paper_id is not None and b.paper_id is not None:
        return a.paper_id == b.paper_id
    return trending


_MERGED = (
    "paper_id",
    "org",
    "authors",
    "date",
    "upvotes",
    "comments",
    "submitted_by",
    "github_repo",
    "github_stars",
)


def _merge(first: RawCard, second: RawCard) -> None:
    """Fold the second rendering of a card (trending's mobile copy) into the first."""
    for name in _MERGED:
        if getattr(first, name) is None:
            setattr(first, name, getattr(second, name))
    if not first.body:
        first.body = second.body
    if not first.counts:
        first.counts = second.counts
    first.dot = first.dot or second.dot


def _only_date(card: RawCard) -> bool:
    """Say whether a card's one anchor is an undotted date (page chrome and its date)."""
    return (
        card.date is not None
        and not card.date.dotted
        and not card.dot
        and card.paper_id is None
        and card.upvotes is None
        and card.authors is None
        and card.submitted_by is None
        and card.comments is None
    )


class Builder:
    """Turn cutter events into papers: one reference, checked cards, located diagnostics."""

    def __init__(
        self,
        reference: datetime.date | None,
        fields: Mapping[str, str],
        sink: DiagnosticSink,
    ) -> None:
        self.argument = reference
        self.fields = fields
        self.sink = sink
        self.url = source_url(fields)
        self.kind, self.query = page_kind(self.url)
        self.reference: datetime.date | None = None
        self.page_date: datetime.date | None = None
        self.page_token: Token | None = None
        self.period_token: Token | None = None  # "Week 39", "September 2026"
        self.period: tuple[datetime.date, datetime.date] | None = None
        self.held: RawCard | None = None  # the last card, until the next is not its copy
        self.first: RawCard | None = None  # the first card, until the second confirms it
        self.cards = 0
        self.region: list[Token] = []  # lines between cards that belong to none
        self.chrome_lines: list[int] = []  # lines of known chrome since the last card
        self.last_end = 0  # the last line of the last card
        self.seen_dates: list[RawCard] = []
        self.inferred = False  # the view was guessed from the first card
        self.headings: set[str] = set()  # chrome before the first card ("Trending Papers")

    # -- events ---------------------------------------------------------------------------

    def feed(self, events: Iterable[Event]) -> Iterator[Paper]:
        """Build the papers of every event, then finish the input."""
        yield from self.take(events)
        yield from self.finish()

    def take(self, events: Iterable[Event]) -> Iterator[Paper]:
        """Build the papers of these events; later events may still change the last one."""
        for event in events:
            if event.what == "card":
                assert event.card is not None
                yield from self.card(event.card)
            elif event.what == "page-date":
                self.page_token = event.tokens[0]
            elif event.what == "period":
                self.period_token = event.tokens[0]
                if self.kind is None:
                    weekly = str(self.period_token.value).startswith("W")
                    self.kind = PageKind.WEEKLY if weekly else PageKind.MONTHLY
            elif event.what == "chrome":
                self.chrome_lines.append(event.tokens[0].line.lineno)
                if self.cards == 0:
                    self.headings.add(event.tokens[0].text.lower())
            elif event.what == "orphan":
                self.region.extend(event.tokens)
            elif event.what == "truncated":
                line = event.tokens[0].line
                cut = event.tokens[0].kind is Kind.CUT
                self.report(
                    "truncated-card",
                    Severity.ERROR,
                    "the capture was cut here; the card before may be incomplete"
                    if cut
                    else "the input ends inside a link; its text is skipped",
                    line,
                )
            else:
                self.stray(event.tokens[0])

    def settle(self) -> datetime.date:
        if self.reference is None:
            self.reference = choose_reference(
                self.argument,
                self.sink,
                captured=capture_date(self.fields),
                printed_page_date=self.page_token,
            )
            if self.page_token is not None:
                printed = match_date(self.page_token.text, self.reference)
                self.page_date = printed.value if printed is not None else None
            if self.period_token is not None:
                self.read_period(self.period_token, self.reference)
        return self.reference

    def read_period(self, token: Token, reference: datetime.date) -> None:
        """Read a week or month navigator: the view, its first and last day."""
        assert isinstance(token.value, str)
        what, _, year_text = token.value.partition(",")
        year = int(year_text) if year_text else reference.year
        for candidate in (year, year - 1):
            found = _period_of(what, candidate)
            if found is None:
                return
            start, end, _ = found
            if year_text or start <= reference + datetime.timedelta(days=SKEW_DAYS):
                break
        self.period = (start, end)
        if self.page_date is None:
            self.page_date = start

    def card(self, card: RawCard) -> Iterator[Paper]:
        self.cards += 1
        start = card.tokens[0].line.lineno
        end = max(t.line.lineno for t in card.tokens)
        if self.cards == 1:
            self.first = card
            self.end_region(start, leading=True)
            self.last_end = end
            return
        if self.first is not None:
            first, self.first = self.first, None
            if _only_date(first) and not _only_date(card):
                # Chrome in words this reader does not know, then the page's own date.
                if self.page_token is None and first.date is not None:
                    self.page_token = first.date
                self.report_run([t for t in first.tokens if t is not first.date], True)
            else:
                yield from self.hold(first)
        self.end_region(start, leading=False)
        self.last_end = end
        yield from self.hold(card)

    def hold(self, card: RawCard) -> Iterator[Paper]:
        if self.kind is None and not self.inferred:
            self.inferred = True
            self.kind = _kind_of(card, self.headings)
        if self.held is not None and _same(self.held, card, self.kind is PageKind.TRENDING):
            _merge(self.held, card)
            return
        if self.held is not None:
            paper = self.build(self.held)
            if paper is not None:
                yield paper
        self.held = card

    def fast_ok(self) -> bool:
        """Say whether cards appended now would be read as the ordinary path reads them.

        True once the first card is settled as a card, with nothing pending between it
        and what follows, on a view that neither merges twin cards nor defaults counts.
        """
        held = self.held if self.first is None else self.first
        return (
            held is not None
            and not self.region
            and self.kind not in (*DAILY_CARDS, PageKind.TRENDING)
            and (self.first is None or not _only_date(self.first))
        )

    def flush(self) -> Iterator[Paper]:
        """Build the cards held back, before a fast path appends cards of its own."""
        if self.first is not None:
            yield from self.hold(self.first)
            self.first = None
        if self.held is not None:
            paper = self.build(self.held)
            self.held = None
            if paper is not None:
                yield paper

    def skip(self, cards: int, last_line: int) -> None:
        """Count ``cards`` a fast path built, the last ending at line ``last_line``."""
        self.cards += cards
        self.last_end = last_line

    def finish(self) -> Iterator[Paper]:
        yield from self.flush()
        self.settle()
        self.end_region(None, leading=self.cards == 0, trailing=True)
        if self.cards == 0:
            self.sink.add(NO_PAPERS.code, NO_PAPERS.severity, NO_PAPERS.message, 0)

    # -- lines that are no card -----------------------------------------------------------

    def report(self, code: str, severity: Severity, message: str, line: Line) -> None:
        """Record a diagnostic located at ``line`` and quoting it."""
        self.sink.add(code, severity, message, line.lineno, line.column, line.raw)

    def stray(self, token: Token) -> None:
        line = token.line
        if token.kind is Kind.DATE:
            code, message = "no-title", f"date {token.text!r} belongs to no card"
        else:
            code, message = "unknown-line", "line is not part of any card"
        self.report(code, Severity.ERROR, message, line)

    def end_region(self, until: int | None, *, leading: bool, trailing: bool = False) -> None:
        """Report the lines between the last card and the one starting at line ``until``."""
        run, self.region = self.region, []
        lines, self.chrome_lines = self.chrome_lines, []
        chrome = any(self.last_end < n and (until is None or n < until) for n in lines)
        if until is not None:
            self.chrome_lines = [n for n in lines if n > until]
        if run:
            self.report_run(run, chrome, trailing=trailing and not leading)

    def report_run(self, run: list[Token], chrome: bool, trailing: bool = False) -> None:
        """Report lines that belong to no card, unless they are chrome around known chrome."""
        lines: list[Token] = []
        for token in run:
            if not lines or lines[-1].line is not token.line:
                lines.append(token)
        long = [t for t in lines if len(t.line.text.split()) > 5 or len(t.line.text) > 40]
        if chrome and not long:
            return  # navigation or footer words next to ones this reader knows
        first = lines[0].line
        if trailing and len(lines) >= 2 and not chrome and title_problem(lines[0].text) is None:
            self.report(
                "truncated-card",
                Severity.ERROR,
                "the input ends inside a card: no card anchor after its title; skipped",
                first,
            )
            return
        if chrome:
            for token in long:
                self.report(
                    "no-card-anchor",
                    Severity.WARNING,
                    "text with no card anchor skipped",
                    token.line,
                )
            return
        for token in lines:
            self.report("unknown-line", Severity.ERROR, "line is not part of any card", token.line)

    # -- one card -------------------------------------------------------------------------

    def build(self, card: RawCard) -> Paper | None:
        """The paper of ``card``, resolved against the input's one reference (``None``: skipped)."""
        return build_paper(card, self.settle(), self.kind, self.report)


def _period_of(what: str, year: int) -> tuple[datetime.date, datetime.date, PageKind] | None:
    """(first day, last day, view) of week "W39" or month "M9" of ``year``."""
    if what[0] == "W":
        return period(f"{year:04d}-W{what[1:]}")
    return period(f"{year:04d}-{int(what[1:]):02d}")


def _kind_of(card: RawCard, chrome: set[str]) -> PageKind | None:
    """Guess the view from its first card: daily cards carry a submitter and no date."""
    if "trending papers" in chrome and card.date is not None and card.date.dotted:
        return PageKind.TRENDING
    if card.submitted_by is not None and card.date is None:
        return PageKind.DAILY
    return None
