"""Hypothesis entry point: make ``st.from_type(paperfeed.Paper)`` and friends work."""

from __future__ import annotations

from typing import Any


def _strategy(name: str) -> Any:
    """A strategy of ``paperfeed.strategies``, built only when Hypothesis first draws it.

    Hypothesis runs this hook while it is being imported, possibly from inside
    ``paperfeed.strategies`` itself, so the strategies must not be imported here yet.
    """
    from hypothesis import strategies as st

    def build() -> Any:
        from paperfeed._testing import models

        return getattr(models, name)()

    return st.deferred(build)


def _hypothesis_setup_hook() -> None:
    """Register paperfeed's strategies for its model types with Hypothesis."""
    from hypothesis import strategies as st

    from paperfeed._models import AuthorCount, Diagnostic, Feed, Paper

    st.register_type_strategy(AuthorCount, _strategy("author_counts"))
    st.register_type_strategy(Paper, _strategy("papers"))
    st.register_type_strategy(Feed, _strategy("feeds"))
    st.register_type_strategy(Diagnostic, _strategy("diagnostics"))
