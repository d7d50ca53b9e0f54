"""The one exception hierarchy of paperfeed; every error survives pickling."""

from __future__ import annotations

__all__ = ["DecodeError", "PaperfeedError", "ParseError"]


class PaperfeedError(Exception):
    """Base class of every exception paperfeed raises on purpose."""


class ParseError(PaperfeedError, ValueError):
    """Raised by strict parsing at the first problem, with its location.

    ``lineno`` and ``colno`` are 1-based; ``msg`` is the bare message and ``code`` the
    diagnostic code (e.g. ``"orphan-line"``) so callers can branch without string matching.
    """

    def __init__(self, msg: str, lineno: int, colno: int, code: str = "error") -> None:
        super().__init__(msg, lineno, colno, code)
        self.msg = msg
        self.lineno = lineno
        self.colno = colno
        self.code = code

    def __str__(self) -> str:
        return f"{self.msg} (at line {self.lineno}, column {self.colno})"


class DecodeError(PaperfeedError, ValueError):
    """Raised by ``from_json``/``from_csv`` when serialized data is not a valid feed."""
