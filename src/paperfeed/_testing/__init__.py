"""The Hypothesis kit behind the public ``paperfeed.strategies`` and its round-trip rules."""
