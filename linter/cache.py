"""A tiny content-addressed on-disk cache, so unchanged rule files are not re-validated.

The key is always a hash of the exact input bytes plus a version tag, so a stale
entry can never be served for changed content. Set NOTICELINT_NO_CACHE=1 to
disable it, or NOTICELINT_CACHE_DIR to move it. Any I/O problem just means a miss.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from . import __version__

VERSION_TAG = f"noticelint-{__version__}-cache1"


def cache_dir() -> Path | None:
    if os.environ.get("NOTICELINT_NO_CACHE"):
        return None
    base = os.environ.get("NOTICELINT_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "noticelint"


def digest(*parts: bytes) -> str:
    h = hashlib.sha256(VERSION_TAG.encode())
    for p in parts:
        h.update(len(p).to_bytes(8, "little"))
        h.update(p)
    return h.hexdigest()


def load(namespace: str, key: str) -> bytes | None:
    d = cache_dir()
    if d is None:
        return None
    try:
        return (d / namespace / key).read_bytes()
    except OSError:
        return None


def store(namespace: str, key: str, data: bytes) -> None:
    d = cache_dir()
    if d is None:
        return
    try:
        folder = d / namespace
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, folder / key)
    except OSError:
        pass
