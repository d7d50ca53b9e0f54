"""The raw card: what one card of a text or markdown copy printed, before any checking.

The cutter fills one per card, field by field, as its named lines arrive; the builder
folds a card printed twice into one; ``assemble.build_paper`` checks it and builds the
``Paper``, resolving its date against the one reference of the input.
"""

from __future__ import annotations

import attrs

from .cards import Token

__all__ = ["RawCard"]


@attrs.define(slots=True)
class RawCard:
    """What one card printed, field by field, before any checking or date resolution."""

    tokens: list[Token] = attrs.Factory(list)
    """Every token of the card, in page order (for diagnostics and chrome checks)."""
    paper_id: str | None = None
    """The paper the card's links point to (its title, upvote box, comments...)."""
    title: Token | None = None
    """The card's title line, as printed."""
    body: list[Token] = attrs.Factory(list)
    """Free text after the title: abstract or AI summary lines, maybe the organisation."""
    org: Token | None = None
    """A linked organisation (its avatar chip)."""
    authors: int | None = None
    """The author count ("8 authors")."""
    names: tuple[str, ...] = ()
    """Author names printed before the count."""
    dot: bool = False
    """The "·" between the byline and the date was printed."""
    date: Token | None = None
    """The publication date line, unresolved: it is read against the reference later."""
    upvotes: int | None = None
    """The upvote box's count."""
    comments: int | None = None
    """The comment count of a "#community" link."""
    counts: list[int] = attrs.Factory(list)
    """Counts after the title with no label: a daily card's GitHub stars and comments."""
    submitted_by: str | None = None
    """The user after "Submitted by"."""
    github_repo: str | None = None
    """The URL of a linked GitHub repository."""
    github_stars: int | None = None
    """The stars printed beside the GitHub link."""
    meta: bool = False
    """An anchor after the title (organisation, authors, date, counts) was seen."""
    anchored: bool = False
    """Some card anchor (link to a paper, upvote, authors, date, label, ...) was seen."""

    @property
    def first_line(self) -> int:
        """The source line the card starts on (0 for an empty card)."""
        return self.tokens[0].line.lineno if self.tokens else 0

    def set_id(self, paper_id: str | None) -> None:
        """Take ``paper_id`` as the card's paper unless it already names one."""
        if paper_id is not None and self.paper_id is None:
            self.paper_id = paper_id
