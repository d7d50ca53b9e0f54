"""The head of a paper page: the facts between its title and its authors.

"Published on Oct 6", "Submitted by taesiri on Oct 7", "#3 Paper of the day", "Upvote 53",
"arxiv:2510.04618": one per line or several on a line between "·", and a label's value
sometimes on the next line ("Submitted by" / "taesiri").
"""

from __future__ import annotations

import datetime
from typing import Any

from paperfeed._dates import PrintedDate, match_date
from paperfeed._models import Severity

from .mdsyntax import MdLine
from .paperpage_parts import ID_PAGE, Note, only_links
from .paperpage_words import ARXIV_RE, COUNT_RE, RANK_RE, UPVOTE_RE, is_head_chrome

__all__ = ["HeadReader"]


class HeadReader:
    """Read head lines into the page's paper fields and ids; keep "Published on" for later."""

    def __init__(
        self,
        paper: dict[str, Any],
        ids: dict[int, tuple[str, MdLine | None]],
        reference: datetime.date,
        note: Note,
    ) -> None:
        self.paper = paper
        self.ids = ids
        self.reference = reference
        self.note = note
        self.expect: str | None = None  # a label whose value is on the next line
        self.current: MdLine | None = None  # the head line being read
        self.published: tuple[PrintedDate, MdLine] | None = None
        """The "Published on" date as printed, and its line (resolved once the id is known)."""

    def line(self, line: MdLine, used: bool, before_title: bool) -> None:
        """Read a line above the authors and abstract: dates, submitter, upvotes.

        ``used``: its links were taken already; ``before_title``: it stands above the title.
        """
        self.current = line
        parts = [p.strip() for p in line.text.replace("•", "·").split("·")]
        unknown = [p for p in parts if p and not self.fact(p)]
        if not unknown or (used and only_links(line, keywords=True)):
            return
        if before_title:
            self.note("page-head", Severity.INFO, "line above the paper's title skipped", line)
            return
        self.note("unknown-line", Severity.ERROR, "line on the paper page not understood", line)

    def fact(self, part: str) -> bool:
        """Read one ``·``-separated part of a head line; say whether it was understood."""
        low = part.lower()
        expect, self.expect = self.expect, None
        if expect == "upvotes" and COUNT_RE.fullmatch(part) is not None:
            self.paper["upvotes"] = int(part.replace(",", ""))
            return True
        if expect == "submitted" and not low.startswith("on "):
            self.submitter(part)
            return True
        if expect == "published" and self.take_date(part):
            return True
        if low.startswith("on ") and expect == "submitted-on":
            return match_date(part[3:], self.reference) is not None
        if low.startswith("published on") and self.take_date(part):
            return True
        if low == "published on":
            self.expect = "published"
            return True
        if low.startswith("submitted by"):
            self.submitter(part[12:].strip(" :"))
            return True
        if (m := UPVOTE_RE.fullmatch(part)) is not None:
            if m["n"] is None:
                self.expect = "upvotes"
            else:
                self.paper["upvotes"] = int(m["n"].replace(",", ""))
            return True
        if (m := ARXIV_RE.fullmatch(part)) is not None:
            self.ids.setdefault(ID_PAGE, (m["id"], self.current or MdLine(0, 1, part)))
            return True
        if RANK_RE.fullmatch(part) or is_head_chrome(part):
            return True
        return part[:1] == "+" and part[1:].isdigit()  # "+45": more upvoter avatars

    def submitter(self, user: str) -> None:
        """Take "X", "X on Jul 22, 2024" or nothing (the name is on the next line)."""
        name, sep, date = user.rpartition(" on ")
        if sep and match_date(date, self.reference) is not None:
            user = name.strip()
        if user:
            self.paper["submitted_by"] = user
            self.expect = None if sep else "submitted-on"
        else:
            self.expect = "submitted"

    def take_date(self, part: str) -> bool:
        date = match_date(part, self.reference)
        if date is None:
            return False
        line = self.current or MdLine(0, 1, part)
        self.published = (date, line)
        if date.value is None:
            self.note("invalid-date", Severity.ERROR, f"{date.text!r} is not a real date", line)
        return True
