"""A tiny content-addressed on-disk cache, so unchanged rule files are not re-validated.

The key is always a hash of the exact input bytes plus a version tag, so a stale
entry can never be served for changed content. Set NOTICELINT_NO_CACHE=1 to
disable it, or NOTICELINT_CACHE_DIR to move it. Any I/O problem just means a miss.

Start-up matters here: ``hashlib`` (which loads OpenSSL) and ``tempfile`` are
imported only when needed, the digest is BLAKE2b from the standard library's
own ``_blake2`` module when available (no OpenSSL load), and paths are plain
strings (``pathlib`` and what it imports cost ~1.5 ms at every start).
"""
from __future__ import annotations

import os
from typing import Any

from . import __version__

VERSION_TAG = f"noticelint-{__version__}-cache1"


def cache_dir() -> str | None:
    env = os.environ
    key = (env.get("NOTICELINT_NO_CACHE"), env.get("NOTICELINT_CACHE_DIR"), env.get("XDG_CACHE_HOME"), env.get("HOME"))
    if _dir_memo and _dir_memo[0] == key:  # asked for every cache entry: worked out once per environment
        return _dir_memo[1]
    if key[0]:
        found = None
    elif key[1]:
        found = key[1]
    else:
        found = os.path.join(key[2] or os.path.join(os.path.expanduser("~"), ".cache"), "noticelint")
    _dir_memo[:] = [key, found]
    return found


_dir_memo: list = []


def _hasher():
    try:
        from _blake2 import blake2b  # the same class hashlib.blake2b is, without importing hashlib
    except ImportError:  # pragma: no cover - a Python built without _blake2
        from hashlib import blake2b
    return blake2b(VERSION_TAG.encode(), digest_size=32)


def digest(*parts: bytes) -> str:
    h = _hasher()
    for p in parts:
        h.update(len(p).to_bytes(8, "little"))
        h.update(p)
    return h.hexdigest()


def path_of(namespace: str, key: str) -> str | None:
    """Where the entry would live (None when the cache is disabled)."""
    d = cache_dir()
    return None if d is None else os.path.join(d, namespace, key)


def load(namespace: str, key: str) -> bytes | None:
    p = path_of(namespace, key)
    if p is None:
        return None
    try:
        with open(p, "rb") as f:
            return f.read()
    except OSError:
        return None


def store(namespace: str, key: str, data: bytes) -> None:
    p = path_of(namespace, key)
    if p is not None:
        write_atomic(p, data)


def load_value(namespace: str, key: str, of_type: type) -> Any | None:
    """A stored value of plain data (dicts, lists, strings, numbers), or None when absent or unreadable.

    Plain data is stored with marshal: YAML's results load about 5x faster than from JSON.
    """
    hit = load(namespace, key)
    if hit is None:
        return None
    import marshal

    try:
        value = marshal.loads(hit)
    except (ValueError, EOFError, TypeError):
        return None
    return value if isinstance(value, of_type) else None


def store_value(namespace: str, key: str, value: Any) -> None:
    """Store plain data for ``load_value``; a value marshal cannot write (e.g. a YAML date) is just not
    cached, and is read and validated again next time."""
    import marshal

    try:
        data = marshal.dumps(value)
    except ValueError:
        return
    store(namespace, key, data)


def write_atomic(path: str, data: bytes) -> None:
    """Write via a temporary file in the same folder and a rename: readers never see half a file."""
    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        tmp = os.path.join(folder, f".tmp-{os.getpid()}-{id(data):x}")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        pass
