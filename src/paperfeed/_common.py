"""Pieces every parser shares: the diagnostic sink, front matter, reference dates, chrome."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping

from ._dates import parse_capture_date
from ._errors import ParseError
from ._models import Diagnostic, Severity

__all__ = [
    "CHROME",
    "FOOTER",
    "DiagnosticSink",
    "check_reference",
    "find_paper_id",
    "normalize_line",
    "normalize_ws",
    "read_front_matter",
    "resolve_reference",
]

# Page chrome that a select-all copy of a papers page carries around the cards. Matched
# case-insensitively against whole, whitespace-normalized lines.
CHROME = frozenset(
    s.lower()
    for s in (
        "new",
        "Get trending papers in your email inbox!",
        "Get trending papers in your email inbox once a day!",
        "Subscribe",
        "Daily Papers",
        "byAK and the research community",
        "by AK and the research community",
        "by AK",
        "and the research community",
        "Daily",
        "Weekly",
        "Monthly",
        "Trending Papers",
        "Trending",
        "Search",
        "Submit",
        "Submit paper",
        "Search or paste paper title, arXiv id or URL",
        "Previous",
        "Next",
        "System theme",
        "Hugging Face",
        "Papers",
        "Sign Up",
        "Log In",
        "Login",
        "Community",
        "Enterprise",
        "Docs",
        "Pricing",
    )
)
# The site footer after the last card; only skipped at the end of the input.
FOOTER = CHROME | frozenset(
    s.lower()
    for s in (
        "Company",
        "TOS",
        "Privacy",
        "About",
        "Careers",
        "Website",
        "Models",
        "Datasets",
        "Spaces",
        "Pricing",
        "Docs",
        "Blog",
        "Forum",
        "Learn",
        "Discord",
        "GitHub",
        "Twitter",
        "LinkedIn",
        "Status",
        "Changelog",
        "Inference Endpoints",
        "Enterprise Hub",
        "Tasks",
        "HuggingChat",
        "Collections",
        "Solutions",
        "Terms of Service",
        "Privacy Policy",
        "Load more",
        "Show more",
        "View more",
        "Trending Papers ranked by GitHub stars activity",
        "Buckets",
        "Buckets new",
        "Posts",
        "Hardware",
        "Languages",
        "Organizations",
        "Team & Enterprise",
        "Hugging Face PRO",
        "Enterprise Support",
        "Inference Providers",
        "Storage Buckets",
        "Hugging Face's logo Hugging Face",
        "Hugging Face's logo",
        "Jobs",
        "Terms",
        "Cookies",
        "Settings",
        "Log out",
    )
)

_PAPER_ID_RE = re.compile(
    r"""(?:huggingface\.co/(?:papers/|login\?next=%2Fpapers%2F)|arxiv\.org/(?:abs|pdf)/)
        (?P<id>[0-9]{4}\.[0-9]{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?""",
    re.VERBOSE,
)
_CAPTURE_KEYS = ("exported", "retrieved", "captured", "timestamp", "capture_date", "date")
_URL_KEYS = ("url", "source", "source_url", "sourceurl", "link")


# Whitespace other than a plain space (every character ``str.split`` splits at), spelled
# out: a class of ranges scans about half again as fast as ``[^\S ]``.
_NON_SPACE_WS = re.compile(
    "[\t\n\x0b-\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)


def normalize_line(raw: str) -> str:
    """``normalize_ws`` for one line of input: text without ``\n`` or ``\r``.

    The line parsers call it on every line (and twice per card of a large dump), so it
    proves a line clean with a few fast searches before falling back to a split.
    """
    s = raw.strip()
    # On prose, str.rfind's reverse search finds "  " about twice as fast as str.find, "in"
    # or SRE's literal search (spaces are common, so forward searches stop often).
    if not s or s.rfind("  ") >= 0:
        return " ".join(s.split())
    if s.isascii():
        # The other ASCII whitespace a line can hold is all below "\x20"; memchr finds it.
        if (
            "\t" in s
            or "\x0b" in s
            or "\x0c" in s
            or "\x1c" in s
            or "\x1d" in s
            or ("\x1e" in s or "\x1f" in s)
        ):
            return " ".join(s.split())
        return s
    return s if _NON_SPACE_WS.search(s) is None else " ".join(s.split())


def normalize_ws(text: str) -> str:
    """Strip ``text`` and collapse every whitespace run (as ``str.split`` sees it) to a space."""
    if "\n" in text or "\r" in text:
        return " ".join(text.split())
    return normalize_line(text)


def find_paper_id(text: str) -> str | None:
    """Return the paper id a Hugging Face or arXiv URL in ``text`` points to."""
    m = _PAPER_ID_RE.search(text)
    if m is None:
        return None
    return m["id"]  # a version suffix ("v2") names the same paper on the Hub


class DiagnosticSink:
    """Collect diagnostics; in strict mode the first error raises ``ParseError`` instead."""

    def __init__(self, strict: bool, callback: Callable[[Diagnostic], None] | None = None) -> None:
        self.strict = strict
        self.items: list[Diagnostic] = []
        self._callback = callback
        self.error_count = 0

    def add(
        self,
        code: str,
        severity: Severity,
        message: str,
        line: int,
        column: int = 1,
        text: str = "",
    ) -> None:
        """Record one diagnostic (or raise it, for an error in strict mode)."""
        if severity is Severity.ERROR:
            self.error_count += 1
            if self.strict:
                raise ParseError(message, line, column, code)
        diagnostic = Diagnostic(code, severity, message, line, column, text)
        if self._callback is not None:
            self._callback(diagnostic)
        else:
            self.items.append(diagnostic)


def read_front_matter(lines: Iterable[str]) -> dict[str, str]:
    """Parse the ``key: value`` lines of a YAML front-matter block (no nesting needed)."""
    fields: dict[str, str] = {}
    for line in lines:
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-", "#")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields


def capture_date(fields: Mapping[str, str]) -> datetime.date | None:
    """Return the capture date a front matter records, if any."""
    for key, value in fields.items():
        bare = key.replace("-", "_").replace(" ", "_")
        for suffix in ("_at", "_on"):
            bare = bare.removesuffix(suffix)
        if bare in _CAPTURE_KEYS:
            found = parse_capture_date(value)
            if found is not None:
                return found
    return None


def source_url(fields: Mapping[str, str]) -> str | None:
    """Return the page URL a front matter records, if any."""
    for key in _URL_KEYS:
        value = fields.get(key, "")
        if value.startswith(("http://", "https://")):
            return value
    return None


def check_reference(reference: object) -> None:
    """Raise a helpful ``TypeError`` unless ``reference`` is ``None`` or a date."""
    if reference is not None and not isinstance(reference, datetime.date):
        raise TypeError(
            f"reference must be a datetime.date, not {type(reference).__name__}; "
            "use datetime.date.fromisoformat('YYYY-MM-DD')"
        )


def resolve_reference(
    reference: datetime.date | None, fields: Mapping[str, str], sink: DiagnosticSink
) -> datetime.date:
    """Pick the reference date: the argument, else the capture date, else today (noted)."""
    if reference is not None:
        check_reference(reference)
        return reference.date() if isinstance(reference, datetime.datetime) else reference
    found = capture_date(fields)
    if found is not None:
        return found
    today = datetime.date.today()
    sink.add(
        "reference-today",
        Severity.INFO,
        f"no reference date given or recorded in the input; using today ({today.isoformat()})",
        0,
    )
    return today
