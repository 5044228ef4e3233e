"""Whether the current lint runs on behalf of ``--fix``/``--diff``.

A summary finding (one finding for a whole document pasted with half-width
punctuation, instead of hundreds) is right for a reader but gives ``--fix``
nothing to apply. While fixing, such a rule reports each place it summarises,
with its fix. A context variable keeps this out of every signature between
the CLI and the rule kinds, and is safe across threads.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

FIXING: ContextVar[bool] = ContextVar("noticelint_fixing", default=False)


def fixing() -> bool:
    return FIXING.get()


@contextmanager
def fixing_mode(on: bool = True) -> Iterator[None]:
    token = FIXING.set(on)
    try:
        yield
    finally:
        FIXING.reset(token)
