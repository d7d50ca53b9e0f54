"""Any text or markdown copy of a papers page -> neutral visible lines with link targets.

Text and markdown copies are one page seen through different converters. This stage
undoes each converter's decoration and leaves what a reader sees: one ``Line`` per
visible run of text, with the link target it carries. This module holds the ``Line``
record, what counts as visible in a piece of text, and the plain-text copies; markdown
copies are ``markdown_lines``'s. For text it reads

* ``[text](url)`` links a text export kept;
* a URL printed on the line after its text (notebook exports, "save as text");
* text browsers' reference numbers (``[33]Title``) and the numbered link list after them;
* image alt text in brackets (``[2609]``, ``[USC-PSI-Lab] USC …``), bullets, heading marks;
* hard-wrapped paragraphs (lynx, w3m, html2text): a line that ends where the next word would
  not have fit is joined with the next.

A line that holds several links is split into one ``Line`` per link, so ``[12](…) [2](…#
community)`` becomes two lines, each with its target.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping

import attrs

from paperfeed._common import normalize_ws

from . import patterns as P

__all__ = [
    "BOXES",
    "CONTROLS_RE",
    "CONTROL_HINTS",
    "LINK_TAIL_RE",
    "PAREN_CONTROL_RE",
    "REFERENCES",
    "Line",
    "absolute",
    "has_controls",
    "lynx_refs",
    "text_to_lines",
    "visible_text",
    "wrap_width",
]

_HF = "https://huggingface.co"
_WRAP_SAMPLE = 4000
_WRAP_EVIDENCE = 20  # long lines needed before a common right edge counts as wrapping
_WRAP_MIN, _WRAP_MAX = 60, 132  # converters wrap at 72-80 or 120 columns
_URL_LINE_RE = re.compile(r"<?(https?://\S+?)>?")
# "[33]" lynx reference numbers; "[2609]", "[hhz4nfTUdA]", "[USC-PSI-Lab]", "[]" image alts.
_BRACKET_RE = re.compile(r"\[([^\[\]\s]{0,80}|[ xX-]|图片[：:][^\]]{0,80}|image[：:][^\]]{0,80})\]")
_LEADING_BRACKETS_RE = re.compile(
    r"\s*(?:\[(?:[^\[\]\s]{0,80}|[ xX-]|图片[：:][^\]]{0,80}|image[：:][^\]]{0,80})\]\s*)+"
)
_SHORT = 60  # lines this short may hold placeholders anywhere (counts: "[] 12 [] 2")
_CONTROLS_MAX = 120  # form controls only stand in short navigation lines
REFERENCES = "References"  # the line that opens a text browser's link list; nothing after is page
_LYNX_REF_RE = re.compile(r"\[(\d{1,5})\]")
_LYNX_LIST_RE = re.compile(r"\s*(\d{1,5})\.\s+(\S+)\s*")
LINK_TAIL_RE = re.compile(
    r"(?P<text>[^\[\]]*)\](?:\((?P<url><[^<>]*>|[^\s()]*(?:\([^\s()]*\))?)\)|\[(?P<ref>[^\[\]]*)\])"
)
_INLINE_LINK_RE = re.compile(r"\[(?P<text>[^\[\]]*)\]\((?P<url>[^\s()]+)\)")
# List bullets the converters print ("•" innerText/w3m, "*" inscriptis/lynx, lynx's nested
# "o" and "+", w3m's "□" and "☆", pandoc's "-"), numbered items too; "·" is no bullet but
# the card's separator, and any other symbol (an emoji starting a title) is text.
_BULLET_RE = re.compile(r"(?:(?:[•*+o∙◦▪□■☆★●○◆◇►▸‣⁃➢-]|\d{1,3}\.)\s+)+(?=\S)")
_RULE_RE = re.compile(r"([^\w\s·])\1{2,}|[-=_*~#+|: ]{3,}")  # rules and table borders
# Text browsers' form controls and lone list bullets: nothing a reader would call text.
_PAREN_CONTROLS = r"\((?:BUTTON|IMAGE|FORM|submit|reset)\)"  # text browsers' forms
CONTROLS_RE = re.compile(rf"{_PAREN_CONTROLS}|_{{6,}}|IFRAME:\s*\S*")
# A text in which ``PAREN_CONTROL_RE`` finds nothing and that holds none of the hints
# holds no control (one of them is in every match of the pattern above).
PAREN_CONTROL_RE = re.compile(_PAREN_CONTROLS)  # starts with "(": found fast
CONTROL_HINTS = ("______", "IFRAME")
_HEADING_RE = re.compile(r"#{1,6}\s+")
# Check boxes a converter prints for the upvote button; pandoc's "[]" is any image.
BOXES = frozenset({"[ ]", "[-]", "[x]", "[X]"})
_UPVOTE_LABELS = frozenset({"upvote", "upvotes"})


@attrs.frozen(slots=True)
class Line:
    """One visible run of text of the page, where it came from and where it links."""

    lineno: int
    """1-based line of the source where the run starts."""
    column: int
    """1-based column of the source where the run starts."""
    text: str
    """Visible text, decoration stripped and whitespace-normalised; may be empty for a link
    that shows only an image (a paper's thumbnail)."""
    href: str | None = None
    """Absolute link target of the run, if it is (inside) a link."""
    gap: bool = False
    """A blank line (or another block boundary) came right before it."""
    box: bool = False
    """A check box was printed on or right before it (the upvote box)."""
    raw: str = ""
    """The source line, verbatim, for diagnostics."""
    cut: bool = False
    """The input ended inside the link this run opens (a truncated capture)."""


def absolute(url: str) -> str:
    """Resolve a site-relative link of a saved Hugging Face page."""
    url = url.strip("<>")
    if url.startswith(("file:///", "file://localhost/")):  # a page saved to disk
        url = url[url.index("/", 7) :]
    if url.startswith("/") and not url.startswith("//"):
        return _HF + url
    if url.startswith("//"):
        return "https:" + url
    return url


# -- plain text ---------------------------------------------------------------------------


def lynx_refs(lines: list[str], start: int) -> tuple[dict[str, str], int]:
    """Find a text browser's numbered link list; return it and where it starts."""
    for index in range(len(lines) - 1, start - 1, -1):
        if lines[index].strip() != REFERENCES:
            continue
        refs: dict[str, str] = {}
        for line in lines[index + 1 :]:
            m = _LYNX_LIST_RE.fullmatch(line)
            if m is not None:
                refs.setdefault(m[1], m[2])
        if refs:
            return refs, index
    return {}, len(lines)


def wrap_width(lines: Iterable[str]) -> int | None:
    """Return the width a text browser or converter hard-wrapped at, if it did.

    The first few thousand lines tell: a converter wraps the whole page alike.
    """
    lengths = sorted(
        (len(line.rstrip()) for line in itertools.islice(lines, _WRAP_SAMPLE) if len(line) > 30),
        reverse=True,
    )
    lengths = [n for n in lengths if n > 30]
    if len(lengths) < _WRAP_EVIDENCE:  # too few long lines to tell a wrap from chance
        return None
    width = lengths[len(lengths) // 50]  # a few overlong lines (URLs, fields) do not wrap
    if not _WRAP_MIN <= width <= _WRAP_MAX:
        return None
    near = sum(1 for n in lengths if width - 10 <= n <= width)
    return width if near * 5 >= len(lengths) else None


def _strip_brackets(
    text: str, refs: Mapping[str, str]
) -> tuple[list[tuple[str, str | None]], bool]:
    """Split a text line at lynx reference numbers; drop image alts and check boxes."""
    box = False
    pieces: list[tuple[str, str | None]] = []
    if refs and "[" in text:
        pos = 0
        href: str | None = None
        for m in _LYNX_REF_RE.finditer(text):
            if m[1] not in refs:
                continue
            before = text[pos : m.start()]
            if before.strip():
                pieces.append((before, href))
            href = refs[m[1]]
            pos = m.end()
        pieces.append((text[pos:], href))
    else:
        pieces.append((text, None))
    out: list[tuple[str, str | None]] = []
    for piece, href in pieces:
        if "[" in piece:
            # Image alts and check boxes stand alone, lead a line ("[USC-PSI-Lab] USC …")
            # or sit between counts ("[] 12 [] 2"); inside prose a bracket is text.
            if len(piece.strip()) > _SHORT:
                lead = _LEADING_BRACKETS_RE.match(piece)
                if lead is None:
                    out.append((piece, href))
                    continue
                box = box or any(m.group() in BOXES for m in _BRACKET_RE.finditer(lead.group()))
                piece = piece[lead.end() :]
            else:
                box = box or any(m.group() in BOXES for m in _BRACKET_RE.finditer(piece))
                piece = _BRACKET_RE.sub(" ", piece)
        out.append((piece, href))
    return out, box


def text_to_lines(
    lines: Iterable[str],
    first: int = 1,
    refs: Mapping[str, str] | None = None,
    width: int | None = None,
) -> Iterator[Line]:
    """Reduce the lines of a plain-text copy to visible ``Line``s, lazily.

    ``first`` is the line number of the first line; ``refs`` a text browser's link list
    (``lynx_refs``) and ``width`` the hard-wrap width (``wrap_width``), when known.
    """
    refs = refs or {}
    last: Line | None = None  # held back: the next line may be its wrapped rest or its URL
    last_raw = ""
    gap = False
    box = False
    in_refs = False
    for lineno, raw in enumerate(lines, first):
        stripped = raw.strip()
        if not stripped:
            gap = True
            continue
        if in_refs or stripped == REFERENCES:
            in_refs = True  # a text browser's link list closes the page
            continue
        column = len(raw) - len(raw.lstrip()) + 1
        url = _URL_LINE_RE.fullmatch(stripped)
        if url is not None:
            target = url[1]
            if last is not None and last.href is None and (last.text or not gap):
                last = attrs.evolve(last, href=target)
            else:
                if last is not None:
                    yield last
                last = Line(lineno, column, "", target, gap, box, raw)
            gap = box = False
            continue
        if stripped[0] == "#":
            stripped = _HEADING_RE.sub("", stripped, count=1)
        if stripped in ("[", "(", "]"):
            continue  # half of a link split over lines: its text comes next
        if stripped.lower() in _UPVOTE_LABELS:
            box = True  # the upvote button's label: its count is on the next line
            continue
        pieces: list[tuple[str, str | None]]
        if "](" in stripped:
            pieces = _markdownish(stripped)
        else:
            pieces, found_box = _strip_brackets(stripped, refs)
            box = box or found_box
        emitted = False
        for piece, href in pieces:
            text = visible_text(piece)
            if not text and href is None:
                continue
            if href is not None:
                href = absolute(href)
            line = Line(lineno, column, text, href, gap, box, raw)
            if (
                width is not None
                and not emitted
                and last is not None
                and not gap
                and _continues(last, last_raw, stripped, width, line)
            ):
                last = attrs.evolve(last, text=f"{last.text} {text}", href=last.href or href)
            else:
                if last is not None:
                    yield last
                last = line
            emitted = True
            gap = box = False
        if emitted:
            last_raw = raw
    if last is not None:
        yield last


def _markdownish(text: str) -> list[tuple[str, str | None]]:
    """Read ``[text](url)`` links and a ``…](url)`` tail in a text copy."""
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    tail = LINK_TAIL_RE.match(text)
    if tail is not None and "[" not in tail["text"]:
        pieces.append((tail["text"], tail["url"].strip("<>")))
        pos = tail.end()
    for m in _INLINE_LINK_RE.finditer(text, pos):
        if text[pos : m.start()].strip():
            pieces.append((text[pos : m.start()], None))
        pieces.append((m["text"], m["url"]))
        pos = m.end()
    if text[pos:].strip():
        pieces.append((text[pos:], None))
    return pieces


def has_controls(text: str) -> bool:
    """Say whether ``visible_text`` drops a text browser's form controls from ``text``."""
    return (
        len(text) <= _CONTROLS_MAX
        and ("(" in text or "__" in text or "IFRAME" in text)
        and CONTROLS_RE.search(text) is not None
    )


def visible_text(piece: str, markdown: bool = False) -> str:
    """What a reader sees of ``piece``: no form controls, list bullet, rule or lone symbol."""
    text = normalize_ws(piece)
    if has_controls(text):
        text = normalize_ws(CONTROLS_RE.sub(" ", text))  # text browsers' form controls
    m = None if markdown else _BULLET_RE.match(text)
    if m is not None:
        text = text[m.end() :]
    if (len(text) == 1 and not text.isalnum() and text not in "·-[]") or _RULE_RE.fullmatch(text):
        return ""
    return text


def _continues(last: Line, last_raw: str, stripped: str, width: int, line: Line) -> bool:
    """Say whether ``line`` is the hard-wrapped rest of ``last``."""
    if not last.text or not line.text or line.box or last.box:
        return False
    if line.href is not None and line.href != last.href:
        return False
    first_word = stripped.split(" ", 1)[0]
    if len(last_raw.rstrip()) + 1 + len(first_word) <= width - 2:
        return False
    return P.is_plain(last.text) and P.is_plain(line.text)
