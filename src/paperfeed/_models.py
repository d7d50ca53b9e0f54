"""Typed, frozen models for papers, feeds and the diagnostics a parse leaves behind."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
from attrs import field, frozen

__all__ = [
    "AuthorCount",
    "Diagnostic",
    "Feed",
    "PageKind",
    "Paper",
    "Severity",
]

_PAPER_URL = "https://huggingface.co/papers/"


def _plain(value: object) -> Any:
    """A field value as the JSON document holds it: ISO dates, enum values, lists."""
    if isinstance(value, enum.Enum):  # before str: the enums are str subclasses
        return value.value
    if isinstance(value, datetime.date):  # a datetime too: isoformat keeps its offset
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if attrs.has(type(value)):
        return _as_dict(value)  # type: ignore[arg-type]  # has() is not a type guard here
    return value


def _as_dict(instance: attrs.AttrsInstance) -> dict[str, Any]:
    """A model's fields by name, in field order, as JSON-safe plain data."""
    return {a.name: _plain(getattr(instance, a.name)) for a in attrs.fields(type(instance))}


_count = attrs.validators.ge(0)


def _optional_count(
    _inst: object, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    # One plain function rather than optional(ge(0)): a Paper is built per card, so it counts.
    if value is not None and value < 0:
        raise ValueError(f"'{attribute.name}' must be >= 0: {value!r}")


def _non_blank(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value or value.isspace():
        raise ValueError(f"{attribute.name} must not be empty or blank")


def _tuple_of_str(value: Iterable[str]) -> tuple[str, ...]:
    # Accept any iterable of names (lists from JSON, generators) but store a tuple.
    if type(value) is tuple:
        return value
    if isinstance(value, str):
        raise TypeError("expected a sequence of strings, not a single string")
    return tuple(value)


def _aware(
    _inst: object,
    attribute: attrs.Attribute[datetime.datetime | None],
    value: datetime.datetime | None,
) -> None:
    if value is not None and value.utcoffset() is None:
        raise ValueError(f"{attribute.name} must be timezone-aware")


class Severity(str, enum.Enum):
    """How much a diagnostic matters; only ``ERROR`` makes strict parsing raise."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class PageKind(str, enum.Enum):
    """Which Hugging Face papers view a feed was read from."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    TRENDING = "trending"
    SEARCH = "search"
    PAPER = "paper"


@frozen
class AuthorCount:
    """The author line of a card: how many authors, and the names when the source has them."""

    count: int = field(validator=_count)
    """Number of authors the page states ("8 authors" -> 8)."""
    names: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    """Author names in page order; empty when the source shows only the count."""

    @names.validator
    def _check_names(
        self, _attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
    ) -> None:
        if len(value) > self.count:
            raise ValueError(f"{len(value)} names but count is {self.count}")

    def to_dict(self) -> dict[str, Any]:
        """``{"count": ..., "names": [...]}``, as in the JSON document."""
        return _as_dict(self)


@frozen
class Diagnostic:
    """Something a parser skipped or guessed, located in the input."""

    code: str
    """Stable machine-readable kind, e.g. ``"orphan-line"`` or ``"reference-today"``."""
    severity: Severity = field(converter=Severity)
    """``info`` for notes, ``warning`` for guesses, ``error`` for input it could not place."""
    message: str
    """One human-readable sentence."""
    line: int = field(validator=_count)
    """1-based line of the problem in the input (0 when it concerns the whole input)."""
    column: int = field(default=1, validator=_count)
    """1-based column of the problem."""
    text: str = ""
    """The raw input text the parser skipped or questioned, verbatim."""

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.severity.value}: {self.message} [{self.code}]"

    def to_dict(self) -> dict[str, Any]:
        """The diagnostic as JSON-safe plain data (severity as its string value)."""
        return _as_dict(self)


@frozen(slots=False)  # dict-backed: builds ~2x faster, and parsers build one per card
class Paper:
    """One paper card of a listing; every field but the title may be missing."""

    title: str = field(validator=_non_blank)
    """Title, whitespace-normalized; never empty (a title "0" is a title)."""
    abstract: str | None = None
    """Abstract (search view) as printed, whitespace-normalized; ``None`` when absent."""
    authors: AuthorCount | None = None
    """Author count and names, ``None`` when the card shows an organisation or nothing."""
    organization: str | None = None
    """Organisation shown in place of the author list, if any."""
    published: datetime.date | None = None
    """Publication date, resolved to a full date."""
    published_text: str | None = None
    """The date exactly as printed ("Jul 9", "Feb 15, 2023")."""
    year_inferred: bool = False
    """True when the printed date had no year and one was inferred from the reference."""
    comments: int | None = field(default=None, validator=_optional_count)
    """Number of comments (the integer after the date, the card's ``#community`` link)."""
    upvotes: int | None = field(default=None, validator=_optional_count)
    """Upvote count shown before the title; ``-`` on the page means 0."""
    paper_id: str | None = None
    """Hub paper id, usually the arXiv id, e.g. ``"2306.01234"``."""
    submitted_by: str | None = None
    """User name of whoever submitted the paper to Daily Papers."""
    featured_at: datetime.datetime | None = field(default=None, validator=_aware)
    """When the paper appeared on Daily Papers (``submittedOnDailyAt``), timezone-aware."""
    github_repo: str | None = None
    """URL of the paper's code repository."""
    github_stars: int | None = field(default=None, validator=_optional_count)
    """Stars of that repository when the page was saved."""
    project_page: str | None = None
    """URL of the paper's project page."""
    ai_summary: str | None = None
    """Hugging Face's one-paragraph AI summary."""
    ai_keywords: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    """Hugging Face's AI-extracted keywords."""

    @property
    def url(self) -> str | None:
        """A url of the form ``https://huggingface.co/papers/{paper_id}``, if the id is known."""
        return None if self.paper_id is None else _PAPER_URL + self.paper_id

    def to_dict(self) -> dict[str, Any]:
        """The paper as JSON-safe plain data shaped as its JSON document.

        Keys in field order; dates and timestamps as ISO 8601 strings, author names and
        keywords as lists: ``json.dumps(paper.to_dict())`` works, where
        ``attrs.asdict(paper)`` keeps ``date`` objects ``json`` cannot write.
        """
        return _as_dict(self)


def _trusted_paper(
    title: str,
    abstract: str | None,
    authors: AuthorCount | None,
    published: datetime.date | None,
    published_text: str | None,
    year_inferred: bool,
    comments: int | None,
    upvotes: int | None,
    organization: str | None = None,
    paper_id: str | None = None,
) -> Paper:
    """A ``Paper`` from fields a parser has already checked, without running validators.

    It stores exactly what attrs's generated ``__init__`` stores (the same ``__dict__``
    writes, every other field at its default) but skips the validator and converter
    calls, as pydantic's ``model_construct`` does for trusted data. The plain-text fast
    path builds one per card, from a normalized non-empty title and counts read from
    digits; the validators took a tenth of its time to confirm that. Tests keep it equal
    to ``Paper(...)`` and fail if a field is added to ``Paper`` but not here.
    """
    paper: Paper = _new(Paper)
    fields = paper.__dict__
    fields["title"] = title
    fields["abstract"] = abstract
    fields["authors"] = authors
    fields["organization"] = organization
    fields["published"] = published
    fields["published_text"] = published_text
    fields["year_inferred"] = year_inferred
    fields["comments"] = comments
    fields["upvotes"] = upvotes
    fields["paper_id"] = paper_id
    fields["submitted_by"] = None
    fields["featured_at"] = None
    fields["github_repo"] = None
    fields["github_stars"] = None
    fields["project_page"] = None
    fields["ai_summary"] = None
    fields["ai_keywords"] = ()
    return paper


_new = object.__new__
_set = object.__setattr__

PAPER_FIELDS: tuple[str, ...] = tuple(a.name for a in attrs.fields(Paper))
"""The names of ``Paper``'s fields, in order."""


def _paper_fields(paper: Paper) -> dict[str, Any]:
    """The fields of ``paper`` by name, in field order, for a writer to read (not change).

    It is the instance's own dict: ``Paper`` is dict-backed, and every way of building
    one (``__init__``, ``evolve``, ``_trusted_paper``, ``_adopt_paper``, unpickling)
    writes exactly its fields, in order. Tests hold writers using it to the plain path.
    """
    return paper.__dict__


def _adopt_paper(fields: dict[str, Any]) -> Paper:
    """A ``Paper`` whose instance dict is ``fields`` itself, without validators.

    For a reader that has checked every value as ``Paper``'s validators and converters
    would (types, a non-blank title, counts >= 0, an aware timestamp, tuples) and holds
    them in a fresh dict keyed by ``PAPER_FIELDS`` in that order; the dict is not copied.
    """
    paper: Paper = _new(Paper)
    _set(paper, "__dict__", fields)
    return paper


def _trusted_author_count(count: int, names: tuple[str, ...]) -> AuthorCount:
    """An ``AuthorCount`` from a count >= 0 and at most ``count`` names, unchecked."""
    authors: AuthorCount = _new(AuthorCount)
    _set(authors, "count", count)
    _set(authors, "names", names)
    return authors


def _papers(value: Iterable[Paper]) -> tuple[Paper, ...]:
    return tuple(value)


def _diagnostics(value: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(value)


@frozen
class Feed:
    """A parsed listing: its papers in page order plus what the parser had to say."""

    reference: datetime.date
    """The date year-less dates were resolved against."""
    date: datetime.date | None = None
    """The page's own date (the date navigator above the first card)."""
    kind: PageKind | None = field(default=None, converter=attrs.converters.optional(PageKind))
    """Which view the page is (daily, weekly, ..., search, paper), when the source says."""
    period_start: datetime.date | None = None
    """First day the page covers (a week or month view covers several)."""
    period_end: datetime.date | None = None
    """Last day the page covers."""
    query: str | None = None
    """Search query of a search-results page."""
    source_url: str | None = None
    """URL of the page, when the input names it (front matter, canonical link)."""
    papers: tuple[Paper, ...] = field(default=(), converter=_papers)
    """Papers in page order."""
    diagnostics: tuple[Diagnostic, ...] = field(default=(), converter=_diagnostics)
    """Everything the parser skipped, guessed or noted, in input order."""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity ``error``: input the parser could not place."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    def __len__(self) -> int:
        """The number of papers (so a feed without papers is falsy)."""
        return len(self.papers)

    def __iter__(self) -> Iterator[Paper]:
        """The papers, in page order."""
        return iter(self.papers)

    def to_dict(self) -> dict[str, Any]:
        """The feed as JSON-safe plain data shaped as ``to_json``'s document."""
        return _as_dict(self)
