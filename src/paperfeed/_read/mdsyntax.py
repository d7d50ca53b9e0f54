"""Markdown to visible lines: drop link and image syntax, undo escapes, keep line numbers.

Web-to-markdown tools (firecrawl, jina reader, markdownify, ...) turn every field of a
papers page into a link and wrap long text inside link brackets. This pass reads the
markdown one paragraph at a time and yields ``MdLine``s: the text a reader would see,
the links that closed on it, and the 1-based source line it starts on. A link whose
text spans several lines becomes one line (its soft and backslash breaks turn into
spaces) unless a line inside it starts a list item ("- 3 authors"). Every scan is
linear: failed link attempts stop at the first delimiter, look-backs are bounded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from paperfeed._common import normalize_ws

from .header import read_header

__all__ = ["Link", "MdLine", "markdown_lines", "read_header", "split_lines"]

# Characters a backslash can escape (CommonMark: ASCII punctuation).
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# A run of characters with no inline meaning here.
_PLAIN_RE = re.compile(r"[^\\\[\]!<]+")
# A link destination after "](": <...> or a URL with at most one level of parentheses,
# an optional quoted title, then ")". Each alternative stops at the first delimiter.
_DEST_RE = re.compile(
    r"""[ \t]*
        (?: <(?P<angle>[^<>\n]*)>
          | (?P<url>(?:[^\s()<>\\]|\\.|\([^\s()]*\))*)
        )
        (?:[ \t]+(?:"[^"\n]{0,200}"|'[^'\n]{0,200}'))?
        [ \t]*\)""",
    re.VERBOSE,
)
_AUTOLINK_RE = re.compile(r"<(https?://[^\s<>]*)>")
_FENCE_RE = re.compile(r"[ \t]{0,3}(?:`{3,}|~{3,})[^`]*")
_REFDEF_RE = re.compile(
    r"[ \t]{0,3}\[(?P<label>[^\[\]]{1,999})\]:[ \t]*<?(?P<url>[^\s<>]+)>?(?:[ \t].*)?"
)
_QUOTE_RE = re.compile(r"[ \t]*(?:>[ \t]?)*")
_MARKER_RE = re.compile(r"[ \t]*[-*+][ \t]+")  # a list item marker
_ESCAPED = "\ufdd0"  # a noncharacter: marks an escaped list-marker character while scanning
_SEG_LIMIT = 512  # link texts are only read back when this short (keeps nesting linear)


class Link(NamedTuple):
    """A link that closed on a line: its visible text and its destination."""

    text: str
    url: str
    lineno: int


class MdLine(NamedTuple):
    """One visible line: text without markup, the links it holds, where it starts."""

    lineno: int
    column: int
    text: str
    links: tuple[Link, ...] = ()
    heading: int = 0


class _Break(NamedTuple):
    lineno: int
    column: int


def split_lines(text: str) -> list[str]:
    """Split like a file opened in text mode (\\n, \\r\\n, lone \\r); drop a leading BOM."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.removeprefix("\ufeff").split("\n")


def markdown_lines(
    lines: list[str], start: int = 0, end: int | None = None, base: int = 0
) -> list[MdLine]:
    """Yield the visible lines of markdown ``lines[start:end]`` (blank ``MdLine``s between blocks).

    Line numbers count from ``base``: ``lines`` may be a stretch of a longer input.
    """
    refs: dict[str, str] = {}
    for line in lines[start:end]:
        if "]:" in line and (m := _REFDEF_RE.fullmatch(line)) is not None:
            refs.setdefault(_label(m["label"]), m["url"])
    return _Inline(refs).run(lines, start, len(lines) if end is None else end, base)


def _label(text: str) -> str:
    return normalize_ws(text.lower())


class _Inline:
    """Paragraph state: output segments, open brackets and convertible line breaks."""

    def __init__(self, refs: dict[str, str]) -> None:
        self.refs = refs
        self.segs: list[str | Link | _Break] = []
        self.opens: list[tuple[int, bool, int]] = []  # segment index, is image, chars before
        self.breaks: list[int] = []  # indexes of breaks a link may turn into spaces
        self.chars = 0
        self.after_link = False
        self.lineno = 1
        self.column = 1

    def run(self, lines: list[str], start: int, end: int, base: int) -> list[MdLine]:
        out: list[MdLine] = []
        for index in range(start, end):
            lineno = base + index + 1
            raw = lines[index]
            stripped = raw.strip()
            block = self._block(raw, stripped)
            if block is not None:  # a line that ends any paragraph
                out.extend(self.flush())
                last = out[-1] if out else None
                if (
                    block == "setext"
                    and last is not None
                    and last.lineno == lineno - 1
                    and last.text
                    and not last.heading
                ):
                    out[-1] = last._replace(heading=1 if stripped[0] == "=" else 2)
                elif block.startswith("#"):
                    self.begin(lineno, len(raw) - len(raw.lstrip()) + 1)
                    self.scan(_heading_text(stripped, len(block)), lineno)
                    out.extend(line._replace(heading=len(block)) for line in self.flush())
                else:
                    out.append(MdLine(lineno, 1, ""))
                continue
            quote = _QUOTE_RE.match(raw)  # "> " prefixes (and indentation) of the line
            body = raw[quote.end() :] if quote is not None else raw
            if body.endswith("\\"):  # backslash line break: "\" or "\\" at the end
                body = body[:-2] if body.endswith("\\\\") else body[:-1]
            column = len(raw) - len(raw.lstrip()) + 1
            if self.opens:
                if _MARKER_RE.match(body) is None:
                    self.breaks.append(len(self.segs))
                self.segs.append(_Break(lineno, column))
            else:
                self.begin(lineno, column)
            self.scan(body, lineno)
            if not self.opens:
                out.extend(self.flush())
        out.extend(self.flush())
        return out

    @staticmethod
    def _block(raw: str, stripped: str) -> str | None:
        """Classify a line that is not paragraph text: "blank", "fence", "#"*n, ..."""
        if not stripped:
            return "blank"
        first = stripped[0]
        if first == "#":
            level = len(stripped) - len(stripped.lstrip("#"))
            if level <= 6 and (len(stripped) == level or stripped[level] in " \t"):
                return "#" * level
        elif first in "`~" and _FENCE_RE.fullmatch(raw.rstrip()) is not None:
            return "fence"
        elif first == "[" and "]:" in stripped and _REFDEF_RE.fullmatch(raw) is not None:
            return "refdef"
        elif first in "-=*_" and len(stripped) >= 3:
            bare = stripped.replace(" ", "").replace("\t", "")
            if bare == first * len(bare):
                return "setext" if first in "-=" and " " not in stripped else "rule"
        return None

    # -- inline scanning ------------------------------------------------------------------

    def begin(self, lineno: int, column: int) -> None:
        self.lineno, self.column = lineno, column

    def text(self, value: str) -> None:
        if self.after_link:
            self.after_link = False
            if value[:1].isalnum():
                value = " " + value  # "[6](...)comments": keep the words apart
        self.segs.append(value)
        self.chars += len(value)

    def scan(self, s: str, lineno: int) -> None:
        pos, n = 0, len(s)
        plain = _PLAIN_RE.match
        while pos < n:
            m = plain(s, pos)
            if m is not None:
                self.text(m.group().replace("**", ""))
                pos = m.end()
                continue
            c = s[pos]
            if c == "\\":
                nxt = s[pos + 1 : pos + 2]
                if nxt in _PUNCT and nxt:
                    # An escaped "-", "*" or "+" is text, never a list marker: tag it so
                    # _piece does not strip it, and drop the tag there.
                    self.text(_ESCAPED + nxt if nxt in "-*+" else nxt)
                    pos += 2
                elif nxt in (" ", "\t"):
                    self.text(" ")  # "Engage\  with": an escaped line break in a title
                    pos += 2
                else:
                    self.text("\\")
                    pos += 1
            elif c == "[" or (c == "!" and s.startswith("[", pos + 1)):
                image = c == "!"
                self.opens.append((len(self.segs), image, self.chars))
                self.segs.append("![" if image else "[")
                self.chars += 1
                self.after_link = False
                pos += 2 if image else 1
            elif c == "]":
                pos = self.close(s, pos, lineno)
            elif c == "<" and (m := _AUTOLINK_RE.match(s, pos)) is not None:
                self.text(m[1])
                self.segs.append(Link(m[1], m[1], lineno))
                pos = m.end()
            else:
                self.text(c)
                pos += 1

    def close(self, s: str, pos: int, lineno: int) -> int:
        """Handle a "]": form a link or image with the innermost "[", or keep it literal."""
        if not self.opens:
            self.text("]")
            return pos + 1
        index, image, chars = self.opens.pop()
        after = pos + 1
        url: str | None = None
        end = after
        if s.startswith("(", after) and (m := _DEST_RE.match(s, after + 1)) is not None:
            url = m["angle"] if m["angle"] is not None else _unescape(m["url"])
            end = m.end()
        elif s.startswith("[", after) and self.refs:
            stop = s.find("]", after + 1, after + 1001)
            if stop != -1:
                label = _label(s[after + 1 : stop]) or _label(self.link_text(index, chars))
                url = self.refs.get(label, "")
                end = stop + 1
        if url is None:
            self.text("]")
            return pos + 1
        while self.breaks and self.breaks[-1] > index:  # breaks inside a link are spaces
            self.segs[self.breaks.pop()] = " "
        if image:  # an image shows nothing in text: drop its alt and source
            del self.segs[index:]
            self.chars = chars
            return end
        text = self.link_text(index, chars)
        before = self.segs[index - 1] if index else ""
        glued = isinstance(before, str) and before[-1:].isalnum() and text[:1].isalnum()
        self.segs[index] = " " if glued else ""  # "May 29[6](...)" reads "May 29 6"
        self.segs.append(Link(text, url, lineno))
        self.after_link = text[-1:].isalnum()
        return end

    def link_text(self, index: int, chars: int) -> str:
        if len(self.segs) - index > _SEG_LIMIT or self.chars - chars > 4000:
            return ""
        return " ".join(
            "".join(
                seg if isinstance(seg, str) else "\n"
                for seg in self.segs[index + 1 :]
                if not isinstance(seg, Link)
            )
            .replace(_ESCAPED, "")
            .split()
        )

    def flush(self) -> Iterator[MdLine]:
        """Emit the pending paragraph; brackets still open there were literal text."""
        if not self.segs:
            return
        segs, lineno, column = self.segs, self.lineno, self.column
        self.segs, self.opens, self.breaks = [], [], []
        self.chars, self.after_link = 0, False
        parts: list[str] = []
        links: list[Link] = []
        for seg in segs:
            if isinstance(seg, str):
                parts.append(seg)
            elif isinstance(seg, Link):
                links.append(seg)
            else:
                yield from _piece(lineno, column, parts, links)
                parts, links = [], []
                lineno, column = seg.lineno, seg.column
        yield from _piece(lineno, column, parts, links)


def _piece(lineno: int, column: int, parts: list[str], links: list[Link]) -> Iterator[MdLine]:
    text = "".join(parts)
    if (m := _MARKER_RE.match(text)) is not None:
        text = text[m.end() :]  # "- 3 authors" -> "3 authors"; a lone "-" (upvotes) stays
    text = normalize_ws(text.replace(_ESCAPED, ""))
    if text or links:
        yield MdLine(lineno, column, text, tuple(links))


def _heading_text(stripped: str, level: int) -> str:
    text = stripped[level:].strip()
    bare = text.rstrip("#")
    if not bare or bare[-1] in " \t":  # a closing "###" sequence
        text = bare.rstrip()
    return text


def _unescape(url: str) -> str:
    return re.sub(r"\\(.)", r"\1", url) if "\\" in url else url
