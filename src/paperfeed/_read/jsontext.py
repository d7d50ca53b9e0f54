"""Tolerant JSON decoding: keep what precedes a syntax error, and where each entry starts.

A truncated download of ``/api/daily_papers`` is still a list of complete entries up to
the cut; ``load_json`` decodes an array (or an object's ``dailyPapers`` array) member by
member with ``json.JSONDecoder.raw_decode``, so it can return them, report the error at
its line and column, and place every entry for the diagnostics about it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from paperfeed._models import Severity

from .diagnostics import DiagnosticSink

__all__ = ["Locate", "line_col", "load_json", "located_at", "text_of"]

Locate = Callable[[int], tuple[int, int]]
"""Map an entry's index to its (line, column) in the input."""

_WS_RE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class _Partial(Exception):
    """A JSON value cut short: what was decoded before the problem, and where it was."""

    def __init__(self, value: Any, starts: list[int], msg: str, pos: int) -> None:
        super().__init__(msg, pos)
        self.value, self.starts, self.msg, self.pos = value, starts, msg, pos


def line_col(src: str, pos: int) -> tuple[int, int]:
    """Return the 1-based line and column of offset ``pos`` in ``src``."""
    return src.count("\n", 0, pos) + 1, pos - src.rfind("\n", 0, pos)


def located_at(line: int, column: int) -> Locate:
    """Place every entry at one spot (JSON from an HTML attribute has no finer positions)."""
    return lambda _index: (line, column)


def _decode_value(src: str, pos: int) -> tuple[int, Any]:
    try:
        value, end = _DECODER.raw_decode(src, pos)
    except json.JSONDecodeError as exc:
        raise _Partial(None, [], exc.msg, exc.pos) from None
    except RecursionError:
        raise _Partial(None, [], "value nested too deeply", pos) from None
    except ValueError as exc:  # e.g. an integer beyond int_max_str_digits
        raise _Partial(None, [], str(exc), pos) from None
    return end, value


def _ws(src: str, pos: int) -> int:
    """Skip JSON whitespace from ``pos``."""
    return _WS_RE.match(src, pos).end()  # type: ignore[union-attr]


def _scan(src: str, pos: int) -> tuple[int, Any, list[int]]:
    """Decode the array or object at ``pos`` member by member, keeping where entries start.

    The entries are an array's elements, or those of an object's ``dailyPapers`` array. A
    problem raises ``_Partial`` holding what was decoded before it.
    """
    is_object = src.startswith("{", pos)
    close = "}" if is_object else "]"
    value: Any = {} if is_object else []
    starts: list[int] = []
    pos = _ws(src, pos + 1)
    if src.startswith(close, pos):
        return pos + 1, value, starts
    while True:
        key, nested = None, False
        try:
            if is_object:
                end, key = _decode_value(src, pos)
                if not isinstance(key, str):
                    msg = "Expecting property name enclosed in double quotes"
                    raise _Partial(None, [], msg, pos)
                pos = _ws(src, end)
                if not src.startswith(":", pos):
                    raise _Partial(None, [], "Expecting ':' delimiter", pos)
                pos = _ws(src, pos + 1)
            nested = key == "dailyPapers" and src.startswith("[", pos)
            if nested:
                end, value[key], starts = _scan(src, pos)
            else:
                end, item = _decode_value(src, pos)
                if is_object:
                    value[key] = item
                else:
                    value.append(item)
                    starts.append(pos)
        except _Partial as exc:
            if nested:
                value[key], starts = exc.value, exc.starts
            raise _Partial(value, starts, exc.msg, exc.pos) from None
        pos = _ws(src, end)
        char = src[pos : pos + 1]
        if char == close:
            return pos + 1, value, starts
        if char != ",":
            kind = "object" if is_object else "array"
            msg = f"Unterminated {kind}" if not char else "Expecting ',' delimiter"
            raise _Partial(value, starts, msg, pos)
        pos = _ws(src, pos + 1)


def load_json(src: str, sink: DiagnosticSink) -> tuple[Any, Locate]:
    """Decode JSON text, salvaging what precedes a syntax error (reported as an error)."""
    if src.startswith("\ufeff"):
        src = src[1:]
    pos = _ws(src, 0)
    starts: list[int] = []
    value: Any
    try:
        if src.startswith(("[", "{"), pos):
            end, value, starts = _scan(src, pos)
        else:
            end, value = _decode_value(src, pos)
    except _Partial as exc:
        value, starts = exc.value, exc.starts
        line, column = line_col(src, exc.pos)
        msg, near = f"invalid JSON: {exc.msg}", src[exc.pos : exc.pos + 40]
        sink.add("invalid-json", Severity.ERROR, msg, line, column, near)
    else:
        end = _ws(src, end)
        if end < len(src):
            line, column = line_col(src, end)
            msg, near = "invalid JSON: extra data after the value", src[end : end + 40]
            sink.add("invalid-json", Severity.ERROR, msg, line, column, near)

    def locate(index: int) -> tuple[int, int]:
        return line_col(src, starts[index]) if 0 <= index < len(starts) else (0, 1)

    return value, locate


def text_of(data: bytes, sink: DiagnosticSink) -> str:
    """Decode JSON bytes in the encoding JSON allows (UTF-8, -16 or -32); replace bad bytes."""
    encoding = json.detect_encoding(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        msg = f"input is not valid {encoding} ({exc.reason} at byte {exc.start}); replaced"
        sink.add("encoding", Severity.WARNING, msg, 0)
        return data.decode(encoding, errors="replace")
