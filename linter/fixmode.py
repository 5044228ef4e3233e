"""Whether the current lint runs on behalf of ``--fix``/``--diff``.

A summary finding (one finding for a whole document pasted with half-width
punctuation, instead of hundreds) is right for a reader but gives ``--fix``
nothing to apply. While fixing, such a rule reports each place it summarises,
with its fix. A context variable keeps this out of every signature between
the CLI and the rule kinds, and is safe across threads. It is made the first
time a fix runs: ``contextvars`` is a C extension, ~0.3 ms to load, which a
plain ``check`` does not need.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

_FIXING: Any = None  # ContextVar[bool], once a fix has run in this process


def fixing() -> bool:
    return _FIXING is not None and _FIXING.get()


@contextmanager
def fixing_mode(on: bool = True) -> Iterator[None]:
    global _FIXING
    if _FIXING is None:
        from contextvars import ContextVar

        _FIXING = ContextVar("noticelint_fixing", default=False)
    token = _FIXING.set(on)
    try:
        yield
    finally:
        _FIXING.reset(token)
