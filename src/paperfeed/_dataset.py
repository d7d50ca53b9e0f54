"""Models for many captures merged into one dataset: where a row came from, and its history."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import attrs
from attrs import field, frozen

from paperfeed._models import Feed, PageKind, Paper

__all__ = ["Dataset", "Provenance", "Record", "Sighting"]

_count = attrs.validators.optional(attrs.validators.ge(0))


@frozen
class Provenance:
    """Where a paper row came from: the capture (file) and the page it shows."""

    source: str | None = None
    """The input it was read from as the user named or found it (``"<stdin>"``), if known."""
    page_kind: PageKind | None = field(default=None, converter=attrs.converters.optional(PageKind))
    """Which view the page is (daily, weekly, ..., search, paper), when the capture says."""
    page_date: datetime.date | None = None
    """The page's own date (the date navigator, the API's day), if shown."""
    page_url: str | None = None
    """URL of the page, when the capture names it."""
    captured: datetime.date | None = None
    """Day of the capture: the reference date given or recorded in the capture, or the
    page's date; ``None`` when the parser fell back to today."""

    @classmethod
    def of(cls, feed: Feed, source: str | None = None) -> Provenance:
        """The provenance of every paper of ``feed``, read from ``source`` if named."""
        fell_back = any(d.code == "reference-today" for d in feed.diagnostics)
        return cls(
            source=source,
            page_kind=feed.kind,
            page_date=feed.date,
            page_url=feed.source_url,
            captured=None if fell_back else feed.reference,
        )

    @property
    def seen(self) -> datetime.date | None:
        """The day this capture saw the page: its capture date, else the page's date."""
        return self.captured if self.captured is not None else self.page_date


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError("expected a sequence of strings, not a single string")
    return tuple(value)


def _sightings(value: Iterable[Sighting]) -> tuple[Sighting, ...]:
    return tuple(value)


def _records(value: Iterable[Record]) -> tuple[Record, ...]:
    return tuple(value)


@frozen
class Sighting:
    """One capture that listed a paper, with the counts it showed then."""

    capture: Provenance
    """Which capture, and of which page."""
    upvotes: int | None = field(default=None, validator=_count)
    """Upvotes the capture showed, if any."""
    comments: int | None = field(default=None, validator=_count)
    """Comments the capture showed, if any."""
    supplied: tuple[str, ...] = field(default=(), converter=_str_tuple)
    """Names of the record's ``Paper`` fields whose merged value came from this capture
    (the newest capture that showed each); merging again needs them to stay exact."""


@frozen
class Record:
    """One paper across captures: the newest value of each field and every sighting."""

    paper: Paper
    """The paper, each field from the newest capture that showed it."""
    history: tuple[Sighting, ...] = field(converter=_sightings)
    """Every capture that listed the paper, oldest first; never empty."""
    other_titles: tuple[str, ...] = field(default=(), converter=_str_tuple)
    """Other titles captures printed for the paper (spelling, revisions), sorted."""

    @history.validator
    def _check_history(
        self, _attribute: attrs.Attribute[tuple[Sighting, ...]], value: tuple[Sighting, ...]
    ) -> None:
        if not value:
            raise ValueError("a record needs at least one sighting")

    @property
    def first_seen(self) -> datetime.date | None:
        """The earliest day a capture saw the paper, if any capture is dated."""
        days = [s.capture.seen for s in self.history if s.capture.seen is not None]
        return min(days) if days else None

    @property
    def last_seen(self) -> datetime.date | None:
        """The latest day a capture saw the paper, if any capture is dated."""
        days = [s.capture.seen for s in self.history if s.capture.seen is not None]
        return max(days) if days else None


@frozen
class Dataset:
    """Papers from many captures, one record per paper, in a deterministic order."""

    records: tuple[Record, ...] = field(default=(), converter=_records)
    """Records by first day seen (undated last), then paper id or normalised title."""

    def __len__(self) -> int:
        return len(self.records)
