"""The package version, kept in one place for hatchling and ``--version``."""

__version__ = "0.1.0"
