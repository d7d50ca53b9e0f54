"""Pause the cyclic garbage collector while a parser builds a large, acyclic result.

A 100 MB listing yields some 120,000 new container objects (each ``Paper`` and its
``__dict__``). Every 700 of them trigger a young collection, and every 70,000 or so a
full one that walks the whole heap: a tenth to a quarter of the parse time, spent
proving that papers, which hold no cycles, are not garbage. Bulk parsers that build many
objects in one go pause collection for that stretch (Mercurial's ``util.nogc`` is the
classic example).

Collection is paused only while the parser runs (never across a ``yield`` into the
caller's code), only if it was enabled, and concurrent or nested parses share one pause:
the last to finish turns collection back on. Cyclic garbage that other threads create in
the meantime is collected once it resumes.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["gc_paused"]

_lock = threading.Lock()
_depth = 0  # parses currently inside gc_paused()
_resume = False  # whether the first of them found collection enabled


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Disable automatic cyclic collection for the ``with`` block, then restore it."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
