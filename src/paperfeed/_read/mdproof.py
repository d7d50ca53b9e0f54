"""Proofs that the fast path reads a markdown card's fields as the line reader does.

Each function returns the text the line reader would make of a field (a title or an
abstract link's text), or ``None`` when it cannot prove that cheaply; then the field, or
the card, is left to the reader. ``titles`` and ``abstracts`` take a batch of cards'
fields: what a search of all of them joined rules out is not asked of each, and a field
that shows any of it goes to ``link_text``, the reference for one field.
"""

from __future__ import annotations

import bisect
import itertools
import re

from paperfeed._common import normalize_line
from paperfeed._read import patterns as P
from paperfeed._read.assemble import title_problem
from paperfeed._read.cards import Kind, Token, classify
from paperfeed._read.chrome import CHROME, FOOTER
from paperfeed._read.lines import (
    _CONTROLS_MAX,
    CONTROL_HINTS,
    PAREN_CONTROL_RE,
    Line,
    has_controls,
)
from paperfeed._read.markdown_lines import _PLACEHOLDER_RE, markdown_to_lines
from paperfeed._read.mdsyntax import _PUNCT

__all__ = ["abstracts", "link_text", "one_token", "titles"]

# What a title may not hold for the reader to read it as its own normalized text.
_TITLE_ODD = ("<", "\\", "[", "]", "**", "\n")
_TITLE_ODD_WIDE = ("·", "•", "∙")
_ESCAPE_RE = re.compile(r"\\(.?)", re.DOTALL)  # a backslash and what follows it
# The scanner reads back no link text of more than 512 pieces (a line and its break make
# two, an escape and the text after it two): a text with more breaks or escapes than
# this is left to it.
_BREAKS_MAX = 120
_OPEN, _CLOSE = "\ufdd1", "\ufdd2"  # escaped brackets while a link text is checked
_LINK_MAX = 3900  # the scanner reads back no link text longer than 4000 characters
# A line inside the abstract that ends its paragraph (a blank, heading, fence, rule or
# setext line), or that the scanner reads apart (a quote, a list item marker).
_BLOCK_START_RE = re.compile(
    r"\n[ \t]*(?:\n|$|>|[-*+][ \t]|\#{1,6}(?:[ \t\n]|$)|```|~~~"
    r"|([-=*_])[ \t]*(?:\1[ \t]*){2,}(?:\n|$))"
)
# What every block start above begins with: a quick search that most abstracts pass.
_BLOCK_HINT_RE = re.compile(r"\n[ \t]*+(?:[\n>\-*+\#`~=_]|\Z)")
_LINE_END_RE = re.compile(r"\\\\\n")  # a hard break: two backslashes, a line end
# A hard break before a line that opens no block: its first character is none a block
# start opens with (``_BLOCK_HINT_RE``), nor a space (a lookahead for one, the fastest).
_PLAIN_BREAK_RE = re.compile(r"\\\\\n(?=[^ \t\n>\-*+\#`~=_])")
# The ASCII whitespace ``normalize_line`` reads as a space, bar the space itself.
_ASCII_WS = tuple(c for c in map(chr, range(128)) if c.isspace() and c != " ")
# Lower-case words one of which a text ``SUBMITTED_RE`` matches at an ASCII start holds.
_SUBMITTED_WORDS = ("submitted", "eingereicht", "soumis", "enviado")
# What an abstract may not hold for the common shape: markup, and whitespace the reader
# reads as a space besides the space and the line end (hard breaks are read apart).
_ABSTRACT_ODD = ("<", "[", "]", "*", *(c for c in _ASCII_WS if c != "\n"))
_WIDE_WS_RE = re.compile(r"[^\S\x00-\x7f]")  # whitespace beyond ASCII
_NOT_TITLE_STARTS = ("http://", "https://", "www.", "arxiv")  # title_problem's openings
# What ``SUBMITTED_RE`` and those openings start with (in lower case, after a "\x00").
_OPENING_WORDS = tuple("\x00" + word for word in (*_SUBMITTED_WORDS, *_NOT_TITLE_STARTS))
_CHROME_LONGEST = max(map(len, CHROME | FOOTER))
_SHORT = 40  # shorter text may be a count, a date or a label
_NOT_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def titles(raws: list[str], ids: list[str]) -> list[str | None]:
    """The titles the reader reads from ``raws``, ``None`` where not provably so.

    Titles are short, so the checks run once over all of them joined: arXiv's "\\ "
    between words is a space, and a title that holds nothing ``normalize_line``,
    ``has_controls`` or ``_plainly_a_title`` acts on, as searches of the joined titles
    show, is its own text. Only the others are checked one by one (``_title``).
    """
    joined = "\x00".join(raws)
    texts = raws
    if "\\ " in joined and "\\\\" not in joined:
        joined = joined.replace("\\ ", " ")
        texts = joined.split("\x00")
    count = len(texts)
    ends = list(itertools.accumulate(len(text) + 1 for text in texts))
    plain = joined.isascii()
    odd = _holding(joined, ends, _TITLE_ODD if plain else _TITLE_ODD + _TITLE_ODD_WIDE)
    # Whitespace to normalize besides runs of spaces (not a space, at the end), a form
    # control ...
    check = _holding(joined, ends, (" \x00", *_ASCII_WS, *CONTROL_HINTS))
    check.update(bisect.bisect_right(ends, m.start()) for m in PAREN_CONTROL_RE.finditer(joined))
    if joined.endswith(" "):
        check.add(count - 1)
    # ... an opening ``title_problem`` names, in any case (positions hold if lower-casing
    # kept every character one character), non-ASCII text, a first character no letter
    # (or a space), or text as short as a count, a label or chrome.
    lowered = "\x00" + joined.lower()  # each title after a "\x00", at its end's index
    if len(lowered) == len(joined) + 1:
        check |= _holding(lowered, ends, _OPENING_WORDS)
    else:
        check.update(range(count))
    if not plain:
        check.update(bisect.bisect_right(ends, m.start()) for m in _NOT_ASCII_RE.finditer(joined))
    firsts = "".join([(text or "\x00")[0] for text in texts])
    if not firsts.isalpha():
        check.update(index for index, first in enumerate(firsts) if not first.isalpha())
    # The rest are their own text with runs of spaces made one, as normalized ...
    collapsed = joined
    while "  " in collapsed:
        collapsed = collapsed.replace("  ", " ")
    pieces = texts if collapsed is joined else collapsed.split("\x00")
    # ... but for what is as short as a count or a label, or is chrome, and (as a raw
    # title of 240 characters holds at most 120 arXiv spaces) what has too many breaks.
    long, chrome = 2 * _BREAKS_MAX, _CHROME_LONGEST
    short = [
        len(piece) <= _SHORT or len(raw) > long or (len(piece) <= chrome and P.is_chrome(piece))
        for raw, piece in zip(raws, pieces)
    ]
    check.update(itertools.compress(range(count), short))
    out: list[str | None] = []
    out.extend(pieces)
    for index in check | odd:
        out[index] = _one_title(raws[index], texts[index], ids[index], index in odd)
    return out


def _one_title(raw: str, text: str, paper_id: str, odd: bool) -> str | None:
    """The title the reader reads from ``raw`` (``text``: its arXiv spaces read)."""
    if odd or len(raw) - len(text) > _BREAKS_MAX:
        # A heading ends at its line: the reader reads no link across lines.
        return None if "\n" in raw else _title(raw, paper_id)
    text = normalize_line(text)
    if len(text) > _SHORT and not has_controls(text) and _plainly_a_title(text):
        return text  # longer than a count or label, and read as it stands
    return _title(raw, paper_id)


def _holding(joined: str, ends: list[int], patterns: tuple[str, ...]) -> set[int]:
    """The indices of the joined texts (``ends``: where each ends) holding any pattern."""
    found: set[int] = set()
    for pattern in patterns:
        if pattern[0] not in joined:
            continue  # a one-character search first: far faster where it is not there
        at = joined.find(pattern)
        while at >= 0:
            index = bisect.bisect_right(ends, at)
            found.add(index)
            at = joined.find(pattern, ends[index]) if index < len(ends) else -1
    return found


def _plainly_a_title(text: str) -> bool:
    """Say cheaply that ``title_problem`` finds nothing in ``text`` (``False``: ask it).

    Each of its problems needs a first character that is no letter, a bracket or "<"
    (markup), one of its openings (a URL, "arXiv:", "Submitted by", judged by its own
    patterns), or a text as short as chrome. Case folding beyond ASCII is left to it.
    """
    return (
        text[0].isalpha()
        and text[:9].isascii()
        and "[" not in text
        and "]" not in text
        and "<" not in text
        and not text[:8].lower().startswith(_NOT_TITLE_STARTS)
        and P.SUBMITTED_RE.match(text) is None
        and (len(text) > _CHROME_LONGEST or not P.is_chrome(text))
    )


def one_token(raw: str, paper_id: str | None) -> Token | None:
    """The one token the line reader makes of markdown line ``raw`` after a blank, if one."""
    tokens: list[Token] = []
    for line in markdown_to_lines(["", raw]):
        if line.cut or line.box:
            return None
        tokens.extend(classify(line))
    if len(tokens) != 1 or (paper_id is not None and tokens[0].paper_id != paper_id):
        return None
    return tokens[0]


def link_text(raw: str) -> str | None:
    """The text of a link whose text is ``raw`` as the reader sees it, if provably plain.

    The scanner joins the lines of a paragraph with spaces after dropping a converter's
    line-end backslashes, reads a backslash before punctuation as an escape and before a
    space as a space, and drops "**"; a field with brackets, an autolink or HTML, a line
    that would open a block, a dot separator or too many pieces is left to the reader,
    and so is one that ends in an odd run of backslashes: it escapes the closing bracket,
    so what looked like the link's end is none.
    """
    if raw.endswith("\\") and (len(raw) - len(raw.rstrip("\\"))) % 2:
        return None
    source = raw
    if "\n" in raw:
        if len(raw) > _LINK_MAX or (
            _BLOCK_HINT_RE.search(raw) is not None and _BLOCK_START_RE.search(raw) is not None
        ):
            return None
        raw = _LINE_END_RE.sub(" ", raw)  # each drops two characters
        breaks = (len(source) - len(raw)) // 2
        if "\n" in raw:
            breaks += raw.count("\n")
            raw = raw.replace("\\\n", " ").replace("\n", " ")
        if breaks > _BREAKS_MAX:
            return None
    if "<" in raw:
        return None
    if "\\" in raw:
        if ("*" in raw and "**" in raw) or "\\\\\\\n" in source or raw.count("\\") > _BREAKS_MAX:
            return None
        if "\\\\" not in raw:  # no escaped backslash: "\ " is a space wherever it stands
            raw = raw.replace("\\ ", " ")
        if "\\" in raw:
            raw = _ESCAPE_RE.sub(_unescape, raw)
        if "[" in raw or "]" in raw:
            return None
        if _OPEN in raw or _CLOSE in raw:
            raw = raw.replace(_OPEN, "[").replace(_CLOSE, "]")
            if _PLACEHOLDER_RE.search(raw) is not None:
                return None
    elif "[" in raw or "]" in raw:
        return None
    elif "*" in raw and "**" in raw:  # "*" first: one character is found far faster
        raw = raw.replace("**", "")
    if not raw.isascii() and ("·" in raw or "•" in raw or "∙" in raw):
        return None
    text = normalize_line(raw)
    if not text or not text[0].isalnum():
        return None
    if has_controls(text):
        return None
    return text


def _unescape(m: re.Match[str]) -> str:
    nxt = m[1]
    if nxt == " " or nxt == "\t":
        return " "
    if nxt == "[" or nxt == "]":
        return _OPEN if nxt == "[" else _CLOSE  # text, told apart from link brackets
    return nxt if nxt in _PUNCT else "\\" + nxt


def _linked(text: str | None, paper_id: str) -> str | None:
    """``text`` if the line reader names it a link to the paper, as long text always is.

    Short text may be a count, a date or a label; ``classify`` decides for it as it
    would for the line in place (same text, link and box).
    """
    if text is None or len(text) > _SHORT:
        return text
    line = Line(1, 1, text, f"https://huggingface.co/papers/{paper_id}", True, False, text)
    tokens = classify(line)
    if len(tokens) == 1 and tokens[0].kind is Kind.PAPER and tokens[0].text == text:
        return text
    return None


def _title(raw: str, paper_id: str) -> str | None:
    text = _linked(link_text(raw), paper_id)
    if text is None:
        token = one_token(f"### [{raw}](https://huggingface.co/papers/{paper_id})", paper_id)
        if token is None or token.kind is not Kind.PAPER:
            return None
        text = token.text
    elif _plainly_a_title(text):
        return text
    problem = title_problem(text)
    return text if problem is None or problem == "a count" else None


def abstracts(raws: list[str], ids: list[str]) -> tuple[list[str | None], list[int]]:
    """The abstracts the reader reads from link texts ``raws`` (``None`` where not provably
    so), and the line ends in each text (the lines it spans, less one).

    The common shape is proved in a few searches (``link_text``'s for it, and
    ``_linked``'s for long text): lines joined by hard breaks, escaped punctuation, nothing
    else to read; what none of the texts holds (markup, whitespace other than a space) is
    searched for once in all of them. Any other text is read as ``link_text`` reads it.
    """
    joined = "\x00".join(raws)
    ends = list(itertools.accumulate(len(raw) + 1 for raw in raws))
    odd = _holding(joined, ends, _ABSTRACT_ODD)
    if not joined.isascii():
        odd |= _holding(joined, ends, _TITLE_ODD_WIDE)
        odd.update(bisect.bisect_right(ends, m.start()) for m in _WIDE_WS_RE.finditer(joined))
    out: list[str | None] = []
    newlines: list[int] = []
    for index, raw in enumerate(raws):
        text: str | None = None if index in odd else raw
        breaks = 0
        if text is not None and "\n" in raw:
            text, breaks = _PLAIN_BREAK_RE.subn(" ", raw)
            if "\n" in text or len(raw) > _LINK_MAX or breaks > _BREAKS_MAX:
                text = None  # a line end left, or too long: ask ``link_text``
        if text is not None and "\\" in text:
            # Escapes of punctuation, read as ``link_text`` reads them: none of an escaped
            # backslash, a break after one, an escaped bracket (``_OPEN``, ``_CLOSE``).
            if "\\\\" in text or "\\\\\\\n" in raw or raw.count("\\") > _BREAKS_MAX:
                text = None
            else:
                text = _ESCAPE_RE.sub(_unescape, text.replace("\\ ", " "))
                if "\\" in text or _OPEN in text or _CLOSE in text:
                    text = None
        if text is not None:
            # ``normalize_line``, but for the whitespace the search above ruled out.
            text = text.strip()
            if text.rfind("  ") >= 0:
                text = " ".join(text.split())
            if (
                len(text) > _SHORT
                and text[0].isalnum()
                and (len(text) > _CONTROLS_MAX or not has_controls(text))
            ):
                out.append(text)
                newlines.append(breaks)  # every line end was a hard break
                continue
        out.append(_abstract(raw, ids[index]))
        newlines.append(raw.count("\n"))
    return out, newlines


def _abstract(raw: str, paper_id: str) -> str | None:
    text = _linked(link_text(raw), paper_id)
    if text is not None or "\n" in raw:
        return text
    token = one_token(f"[{raw}](https://huggingface.co/papers/{paper_id})", paper_id)
    return token.text if token is not None and token.kind is Kind.PAPER else None
