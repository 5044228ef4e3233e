"""Turning bytes on disk (or stdin) into a :class:`Document`, or a clean one-line error.

Encodings accepted: UTF-8, UTF-8 with BOM, UTF-16 with BOM, and GB18030 (a superset
of GBK and GB2312, still common in government offices).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .document import Document, split_line_endings
from .errors import InputError

MAX_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
DOCX_SUFFIXES = (".docx",)
NOTICE_SUFFIXES = TEXT_SUFFIXES + DOCX_SUFFIXES


def decode(data: bytes, path: str) -> tuple[str, str, bool]:
    """Decode bytes; return (text, encoding name, had_bom). Raise InputError if impossible."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8", True
        except UnicodeDecodeError as e:
            raise InputError(path, f"invalid UTF-8 after the BOM at byte {e.start + 3}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", True
        except UnicodeDecodeError:
            raise InputError(path, "invalid UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not a text notice")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                path,
                f"cannot decode: not UTF-8 (bad byte at {utf8_error.start}) and not GB18030/GBK",
            ) from None
        return text, "gb18030", False


def looks_binary(text: str) -> bool:
    """A decoded text full of control characters is a binary file that happened to decode."""
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    return controls > max(8, len(sample) // 50)


def document_from_bytes(data: bytes, path: str, kind: str = "text") -> Document:
    if len(data) > MAX_BYTES:
        raise InputError(path, f"file too large ({len(data)} bytes; the limit is {MAX_BYTES})")
    text, encoding, bom = decode(data, path)
    if looks_binary(text):
        raise InputError(path, "binary file (control characters), not a text notice")
    if not text.strip():
        raise InputError(path, "empty file: nothing to lint")
    body, endings = split_line_endings(text)
    return Document(path=path, text=body, encoding=encoding, bom=bom, line_endings=endings, kind=kind)


def read_document(path: str) -> Document:
    """Read one notice from a path ('-' is stdin). Raise InputError on any bad input."""
    if path == "-":
        return document_from_bytes(sys.stdin.buffer.read(), "<stdin>")
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".doc":
        raise InputError(path, "old binary Word .doc is not supported; save it as .docx")
    try:
        if p.is_dir():
            raise InputError(path, "is a folder")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(path, f"file too large ({size} bytes; the limit is {MAX_BYTES})")
        if suffix in DOCX_SUFFIXES:
            from .docx_reader import read_docx  # deferred: python-docx is heavy

            return read_docx(path)
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder") from None
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from None
    kind = "markdown" if suffix in (".md", ".markdown") else "text"
    return document_from_bytes(data, path, kind)


def collect_paths(paths: list[str], suffixes: tuple[str, ...] = NOTICE_SUFFIXES) -> tuple[list[str], list[InputError]]:
    """Expand folders into the notices they hold (sorted, recursive).

    Returns (files, errors): a folder with no notice in it is an error, so a
    typo in a CI path cannot pass silently.
    """
    files: list[str] = []
    errors: list[InputError] = []
    for raw in paths:
        if raw != "-" and os.path.isdir(raw):
            found = []
            for root, dirs, names in os.walk(raw):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.lower().endswith(suffixes) and not name.startswith((".", "~$")):
                        found.append(os.path.join(root, name))
            if not found:
                errors.append(InputError(raw, "folder holds no .txt, .md or .docx notice"))
            files.extend(found)
        else:
            files.append(raw)
    return files, errors
