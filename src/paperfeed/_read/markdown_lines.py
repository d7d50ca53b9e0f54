"""Markdown copies of a papers page -> neutral visible lines with link targets.

Web-to-markdown tools turn every field of a card into a link. Over the markdown syntax
pass (``mdsyntax``: visible text with the links that closed on each line) this reads
inline and reference links, a link whose text spans blank lines
(``[Upvote\\n\\n117](…)``), a heading link a converter hard-wrapped, images and their
placeholders, raw HTML tags, and the check box of the upvote button. A line that holds
several links is split into one ``Line`` per link, as for text copies (``lines``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from paperfeed._common import normalize_ws

from . import patterns as P
from .lines import BOXES, LINK_TAIL_RE, Line, absolute, visible_text
from .mdsyntax import markdown_lines

__all__ = ["markdown_to_lines"]

# What a markdown converter leaves for an image or a check box: "[图片：…]", "[ ]", "[]".
_PLACEHOLDER_RE = re.compile(r"\[(?:[ xX-]?|(?:图片|image|img)[：:][^\]]{0,80})\]", re.IGNORECASE)
_REFDEF_RE = re.compile(r"[ \t]{0,3}\[(?P<label>[^\[\]]{1,999})\]:[ \t]*<?(?P<url>[^\s<>]+)>?.*")
_HTML_TAG_RE = re.compile(rf"{P.HTML_TAG}|<!--.*?-->", re.IGNORECASE)


def markdown_to_lines(
    lines: list[str], start: int = 0, end: int | None = None, base: int = 0
) -> list[Line]:
    """Reduce a markdown copy (``lines[start:end]``) to visible ``Line``s.

    Line numbers count from ``base``: ``lines`` may be a stretch of a longer input.
    """
    lines = _join_wrapped_headings(lines, start, end)
    refs: dict[str, str] = {}
    for source in lines[start:end]:
        if "]:" in source and (ref := _REFDEF_RE.fullmatch(source)) is not None:
            refs.setdefault(" ".join(ref["label"].lower().split()), ref["url"])
    out: list[Line] = []
    gap = False
    pending_box = False
    opened: list[int] = []  # indexes in out of lines holding a "[" that did not close
    prev_long = False
    for md in markdown_lines(lines, start, end, base):
        if not md.text and not md.links:
            gap = True
            continue
        raw = lines[md.lineno - 1 - base] if md.lineno - 1 - base < len(lines) else ""
        text = md.text
        if opened and "]" in text and (m := LINK_TAIL_RE.match(text)) is not None:
            target = (
                m["url"] if m["url"] is not None else refs.get(" ".join(m["ref"].lower().split()))
            )
            if target is None:
                opened.clear()
                target = ""
            # A link whose text ran over blank lines: "[Upvote\n\n117](…)".
            first = opened[0]
            head = out[first].text
            cut = head.rfind("[")
            parts = [head[cut + 1 :], *(inner.text for inner in out[first + 1 :]), m["text"]]
            label = " ".join(parts)
            box = any(b in label for b in BOXES)
            label = normalize_ws(_PLACEHOLDER_RE.sub(" ", label))
            keep = head[:cut].strip()
            start_line = out[first]
            del out[first:]
            if keep:
                out.append(attrs.evolve(start_line, text=keep))
            out.append(
                Line(
                    start_line.lineno,
                    start_line.column,
                    label,
                    absolute(target) if target else None,
                    start_line.gap,
                    box or pending_box,
                    start_line.raw,
                )
            )
            opened.clear()
            rest = text[m.end() :].strip()
            gap = pending_box = False
            if not rest:
                continue
            text = rest
            md = md._replace(links=tuple(link for link in md.links if link.text in rest))
        if "<" in text:
            text = _HTML_TAG_RE.sub(" ", text)  # raw HTML shows nothing in rendered markdown
        for piece, href in _segments(text, md.links):
            visible = piece
            box = False
            if "[" in visible:
                if any(b in visible for b in BOXES):
                    box = True
                visible = _PLACEHOLDER_RE.sub(" ", visible)
            visible = visible_text(visible, markdown=True)
            if not visible and href is None:
                if box:
                    pending_box = True
                continue
            line = Line(
                md.lineno,
                md.column,
                visible,
                None if href is None else absolute(href),
                gap,
                box or pending_box,
                raw,
            )
            if (
                out
                and not gap
                and prev_long
                and href is None
                and out[-1].href is None
                and P.is_plain(out[-1].text)
                and P.is_plain(visible)
                and not opened
            ):
                out[-1] = attrs.evolve(out[-1], text=f"{out[-1].text} {visible}")
            else:
                out.append(line)
                if href is None and visible.count("[") > visible.count("]"):
                    opened.append(len(out) - 1)
            gap = pending_box = False
            prev_long = len(visible) >= 40
        if not md.text and md.links and all(not link.text for link in md.links):
            prev_long = False
    if opened:  # the input stops inside a link: "[The abstract" and nothing after
        first = opened[0]
        out[first:] = [attrs.evolve(out[first], text=out[first].text.lstrip("["), cut=True)]
    return out


def _join_wrapped_headings(lines: list[str], start: int, end: int | None) -> list[str]:
    """Undo a converter's hard wrap inside a heading link ("### [Title …\nrest](…)")."""
    out = lines
    for index in range(start, (len(lines) if end is None else end) - 1):
        line = out[index]
        if line.startswith("#") and line.count("[") > line.count("]") and out[index + 1].strip():
            if out is lines:
                out = list(lines)
            out[index] = f"{line.rstrip()} {out[index + 1].strip()}"
            out[index + 1] = ""
    return out


def _segments(text: str, links: Iterable[object]) -> list[tuple[str, str | None]]:
    """Cut a visible markdown line at its links: (text, target) runs in order.

    Each link is placed at the last place its text occurs before the links after it, so a
    comment link glued to a date ("Sep 9[9](…)", read "Sep 9 9") takes the second "9".
    """
    placed: list[tuple[int, str, str]] = []
    end = len(text)
    for link in reversed(list(links)):
        label: str = link.text  # type: ignore[attr-defined]
        url: str = link.url  # type: ignore[attr-defined]
        found = text.rfind(label, 0, end) if label else end
        if found < 0:
            continue
        placed.append((found, label, url))
        end = found
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    for found, label, url in reversed(placed):
        if text[pos:found].strip():
            pieces.append((text[pos:found], None))
        pieces.append((label, url))
        pos = found + len(label)
    if text[pos:].strip():
        pieces.append((text[pos:], None))
    return pieces
