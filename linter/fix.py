"""Applying safe fixes: only inside each finding's span, atomically, keeping encoding and line endings.

Fixes are applied in passes (lint, fix, lint again) until nothing changes, so
running --fix twice is the same as running it once.
"""
from __future__ import annotations

import difflib
import os
import tempfile

from .document import Document
from .model import Finding

MAX_PASSES = 5


def applicable(findings: list[Finding]) -> list[Finding]:
    """Safe fixes that do not overlap each other and stay within one line."""
    chosen: list[Finding] = []
    last_end = -1
    for f in sorted((f for f in findings if f.fix_safe and f.replacement is not None), key=lambda f: (f.start, f.end)):
        if f.start < last_end or "\n" in f.matched or "\n" in (f.replacement or ""):
            continue
        if f.start == f.end and f.replacement == "":
            continue
        chosen.append(f)
        last_end = max(f.end, f.start + 1 if f.start == f.end else f.end)
    return chosen


def apply(text: str, fixes: list[Finding]) -> str:
    parts = []
    pos = 0
    for f in fixes:
        parts.append(text[pos : f.start])
        parts.append(f.replacement or "")
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


def fix_document(doc: Document, lint) -> tuple[Document, list[Finding], list[Finding]]:
    """Return (fixed document, fixes applied, findings remaining). ``lint`` maps a Document to findings."""
    applied: list[Finding] = []
    current = doc
    findings = lint(current)
    for _ in range(MAX_PASSES):
        fixes = applicable(findings)
        if not fixes:
            break
        new_text = apply(current.text, fixes)
        if new_text == current.text:
            break
        applied.extend(fixes)
        current = Document(
            path=doc.path,
            text=new_text,
            encoding=doc.encoding,
            bom=doc.bom,
            line_endings=doc.line_endings,
            kind=doc.kind,
        )
        findings = lint(current)
    return current, applied, findings


def encode(doc: Document) -> bytes:
    text = doc.to_original()
    if doc.encoding == "utf-16":
        return text.encode("utf-16")  # writes its own BOM
    data = text.encode(doc.encoding)
    return (b"\xef\xbb\xbf" + data) if doc.bom and doc.encoding == "utf-8" else data


def write_atomic(path: str, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename; the original survives a crash."""
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777 if os.path.exists(path) else None
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".noticelint-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def unified_diff(before: Document, after: Document) -> str:
    a = before.to_original().splitlines(keepends=True)
    b = after.to_original().splitlines(keepends=True)
    return "".join(difflib.unified_diff(a, b, fromfile=before.path, tofile=before.path + " (fixed)"))
