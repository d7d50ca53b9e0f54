"""The one diagnostic sink of a reading: located diagnostics, or ``ParseError`` in strict mode."""

from __future__ import annotations

from collections.abc import Callable

from paperfeed._errors import ParseError
from paperfeed._models import Diagnostic, Severity

__all__ = ["DiagnosticSink"]


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

    def in_order(self) -> list[Diagnostic]:
        """The diagnostics collected, in input order (line, then column)."""
        return sorted(self.items, key=lambda d: (d.line, d.column))
