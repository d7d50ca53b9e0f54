"""Merge many feeds (and merged datasets) into one record per paper, with its history.

A paper is known by its id; a capture that shows no id is matched by its normalised
title, to the one id record with that title when there is exactly one. Each field of the
merged paper comes from the newest capture that showed it: newest by capture date (else
page date; undated captures are oldest); among captures of that same day, the fullest
value wins (the larger count, since counts only grow; the longer text, since a pruned copy
cuts it), then source name, page kind, page date and URL; within one capture that listed a
paper twice, the value itself decides. So
``merge`` does not depend on input order, and merging its result again with any of its
inputs changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import attrs

from paperfeed._dataset import Dataset, Provenance, Record, Sighting
from paperfeed._models import Feed, Paper

__all__ = ["merge", "normalize_title"]

# The Paper fields merged one by one; the printed date travels with its resolved date and
# the year flag as one unit, so a merged paper never mixes two captures' dates.
_DATE_UNIT = ("published", "published_text", "year_inferred")
_UNITS: tuple[tuple[str, ...], ...] = tuple(
    (name,) if name not in _DATE_UNIT else _DATE_UNIT
    for name in (a.name for a in attrs.fields(Paper))
    if name not in _DATE_UNIT[1:]
)
_NON_WORD = re.compile(r"[\W_]+")

Unit = dict[str, Any]  # a unit's field values, keyed by Paper field name


def normalize_title(title: str) -> str:
    """The form titles are matched by: NFKC, case-folded, words joined by single spaces."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", title).casefold()).strip()


def _present(unit: tuple[str, ...], values: Unit) -> bool:
    if unit == _DATE_UNIT:
        return values["published"] is not None or values["published_text"] is not None
    value = values[unit[0]]
    return value is not None and value != ()


def _rank(capture: Provenance) -> tuple[Any, ...]:
    """Sort key of captures, oldest first; a total order over distinct captures."""

    def opt(value: Any) -> tuple[Any, ...]:
        return (0,) if value is None else (1, value)

    kind = None if capture.page_kind is None else capture.page_kind.value
    return (
        opt(capture.seen),
        opt(capture.page_date),
        opt(capture.captured),
        opt(capture.source),
        opt(kind),
        opt(capture.page_url),
    )


_DAY = 3  # the leading part of a capture's rank that says its day: seen, page and capture date
_COUNTS = frozenset({"upvotes", "comments", "github_stars"})


def _fullness(unit: tuple[str, ...], values: Unit) -> int:
    """How full a value is, among captures of one day: counts only grow, cut text is shorter."""
    value = values[unit[0]]
    if unit[0] in _COUNTS:
        return int(value)
    if isinstance(value, (str, tuple)):
        return len(value)
    if unit[0] == "authors":
        return len(value.names)
    return 0


def _tiebreak(value: Any) -> tuple[int, str]:
    """Order of two values one capture showed for a field: the larger number, else repr."""
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], int):
        return (value[0], "")
    return (0, repr(value))


@attrs.define
class _Observation:
    """What one capture showed of one paper: values of the fields it showed, and counts."""

    capture: Provenance
    values: Unit


@attrs.define
class _Group:
    """Observations of one paper, with every title printed for it."""

    paper_id: str | None
    titles: set[str]
    observations: list[_Observation]


def _from_paper(paper: Paper, capture: Provenance) -> _Group:
    values = {name: getattr(paper, name) for unit in _UNITS for name in unit}
    return _Group(paper.paper_id, {paper.title}, [_Observation(capture, values)])


def _from_record(record: Record) -> _Group:
    """Take a merged record apart into the observations that made its values."""
    observations = []
    for sighting in record.history:
        values: Unit = {name: None for unit in _UNITS for name in unit}
        values["year_inferred"] = False
        values["ai_keywords"] = ()
        for name in sighting.supplied:
            values[name] = getattr(record.paper, name)
        values["upvotes"], values["comments"] = sighting.upvotes, sighting.comments
        observations.append(_Observation(sighting.capture, values))
    titles = {record.paper.title, *record.other_titles}
    return _Group(record.paper.paper_id, titles, observations)


def _groups(inputs: Iterable[Feed | Dataset | tuple[str, Feed]]) -> Iterable[_Group]:
    for item in inputs:
        if isinstance(item, Dataset):
            yield from (_from_record(record) for record in item.records)
            continue
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], Feed):
            source, feed = item
            capture = Provenance.of(feed, source)
        elif isinstance(item, Feed):
            feed, capture = item, Provenance.of(item)
        else:
            raise TypeError(
                f"merge() takes Feed, Dataset or (source, Feed) items, not {type(item).__name__}"
            )
        yield from (_from_paper(paper, capture) for paper in feed.papers)


def _combine(observations: list[_Observation]) -> _Observation:
    """One capture's observations of a paper (listed twice) as one, value by value."""
    first = observations[0]
    if len(observations) == 1:
        return first
    values = dict(first.values)
    for unit in _UNITS:
        shown = [o.values for o in observations if _present(unit, o.values)]
        if shown:
            best = max(shown, key=lambda v: _tiebreak([v[name] for name in unit]))
            values.update({name: best[name] for name in unit})
    return _Observation(first.capture, values)


def _record(group: _Group) -> Record:
    by_capture: dict[Provenance, list[_Observation]] = defaultdict(list)
    for observation in group.observations:
        by_capture[observation.capture].append(observation)
    seen = sorted((_combine(obs) for obs in by_capture.values()), key=lambda o: _rank(o.capture))
    fields: Unit = {}
    supplied: dict[int, list[str]] = defaultdict(list)
    for unit in _UNITS:
        shown = [i for i, o in enumerate(seen) if _present(unit, o.values)]
        if not shown:
            continue
        # The newest day that showed it; among that day's captures, the fullest value.
        day = _rank(seen[shown[-1]].capture)[:_DAY]
        same_day = [i for i in shown if _rank(seen[i].capture)[:_DAY] == day]
        index = max(same_day, key=lambda i: (_fullness(unit, seen[i].values), i))
        fields.update({name: seen[index].values[name] for name in unit})
        supplied[index].extend(unit)
    paper = Paper(**fields)
    history = [
        Sighting(o.capture, o.values["upvotes"], o.values["comments"], supplied.get(i, ()))
        for i, o in enumerate(seen)
    ]
    other_titles = sorted(group.titles - {paper.title})
    return Record(paper, history, other_titles)


def _order(record: Record) -> tuple[Any, ...]:
    first = record.first_seen
    paper = record.paper
    by = paper.paper_id if paper.paper_id is not None else normalize_title(paper.title)
    return (first is None, first or 0, paper.paper_id is None, by)


def merge(inputs: Iterable[Feed | Dataset | tuple[str, Feed]]) -> Dataset:
    """Merge feeds into one record per paper with its history across captures.

    Items are feeds, ``(source, feed)`` pairs naming where a feed was read from (so
    ``merge(feeds_by_path.items())`` works) or datasets ``merge`` returned before.
    """
    by_id: dict[str, _Group] = {}
    untitled: list[_Group] = []
    for group in _groups(inputs):
        if group.paper_id is None:
            untitled.append(group)
        elif group.paper_id in by_id:
            known = by_id[group.paper_id]
            known.titles |= group.titles
            known.observations += group.observations
        else:
            by_id[group.paper_id] = group
    ids_by_title: dict[str, set[str]] = defaultdict(set)
    for paper_id, group in by_id.items():
        for title in group.titles:
            ids_by_title[normalize_title(title)].add(paper_id)
    by_title: dict[str, _Group] = {}
    for group in untitled:
        key = normalize_title(next(iter(group.titles)))
        ids = ids_by_title.get(key, set())
        if len(ids) == 1:
            target = by_id[next(iter(ids))]
        elif key in by_title:
            target = by_title[key]
        else:
            by_title[key] = group
            continue
        target.titles |= group.titles
        target.observations += group.observations
    records = [_record(g) for g in (*by_id.values(), *by_title.values())]
    return Dataset(sorted(records, key=_order))
