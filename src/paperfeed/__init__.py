"""Parse saved Hugging Face Daily Papers listings into typed models, and back out."""

from ._errors import PaperfeedError, ParseError
from ._models import AuthorCount, Diagnostic, Feed, PageKind, Paper, Severity
from ._text import PaperStream, iter_papers, parse_text
from ._version import __version__

__all__ = [
    "AuthorCount",
    "Diagnostic",
    "Feed",
    "PageKind",
    "Paper",
    "PaperStream",
    "PaperfeedError",
    "ParseError",
    "Severity",
    "__version__",
    "iter_papers",
    "parse_text",
]
