"""Applying safe fixes: only inside each finding's span, atomically, keeping encoding and line endings.

Rules of the game (docs/autofix.md):

* only findings whose rule says ``fix: safe`` and which carry a replacement are
  applied; a fix replaces exactly its finding's span and never a line break;
* fixes are applied in passes (lint, fix, lint again) until nothing changes,
  so ``--fix`` twice is the same as once; a pass whose result was already seen
  stops the loop, so two rules undoing each other cannot spin;
* the positions of applied fixes are reported in the coordinates of the file
  as it was read, whatever pass applied them;
* the file is written through a temporary file in the same folder, flushed,
  fsynced and renamed over the original: a crash leaves the original intact.
  The bytes keep the original encoding (UTF-8, UTF-8 with BOM, UTF-16 with its
  byte order, GB18030) and every original line ending (LF, CRLF, CR, mixed).
"""
from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass, field
from typing import Callable

from .document import Document
from .model import Finding

MAX_PASSES = 20

Lint = Callable[[Document], list[Finding]]


@dataclass
class Pass:
    """One round of fixes: the text it started from and the fixes applied to it."""

    text: str
    fixes: list[Finding]


@dataclass
class FixResult:
    document: Document  # the fixed document
    applied: list[Finding]  # positions in the original document
    remaining: list[Finding]  # findings of the fixed document
    passes: list[Pass] = field(default_factory=list)


def applicable(findings: list[Finding]) -> list[Finding]:
    """Safe fixes that change something, do not overlap each other and stay within one line."""
    chosen: list[Finding] = []
    last_end = -1
    candidates = (f for f in findings if f.fix_safe and f.replacement is not None)
    for f in sorted(candidates, key=lambda f: (f.start, f.end)):
        if f.start < last_end or "\n" in f.matched or "\n" in f.replacement or "\r" in f.replacement:
            continue
        if f.replacement == f.matched:
            continue  # a no-op is not a fix
        chosen.append(f)
        last_end = max(f.end, f.start + 1)  # one insertion per point
    return chosen


def apply(text: str, fixes: list[Finding]) -> str:
    """Splice the (sorted, non-overlapping) replacements into text."""
    parts = []
    pos = 0
    for f in fixes:
        parts.append(text[pos : f.start])
        parts.append(f.replacement or "")
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


class _OffsetMap:
    """Maps an offset in the text after some passes back to the text as read."""

    def __init__(self) -> None:
        self.passes: list[list[tuple[int, int, int]]] = []  # per pass: (old start, old end, new length)

    def add(self, fixes: list[Finding]) -> None:
        self.passes.append([(f.start, f.end, len(f.replacement or "")) for f in fixes])

    def original(self, offset: int, upto: int, at_end: bool = False) -> int:
        """``offset`` in the text produced by the first ``upto`` passes -> offset in the original."""
        for edits in reversed(self.passes[:upto]):
            offset = _back(edits, offset, at_end)
        return offset


def _back(edits: list[tuple[int, int, int]], offset: int, at_end: bool) -> int:
    delta = 0
    for start, end, new_len in edits:
        new_start = start + delta
        if offset < new_start or (at_end and offset == new_start):
            break
        if offset < new_start + new_len or (at_end and offset == new_start + new_len):
            # inside a replaced stretch: character for character where the lengths allow
            inside = offset - new_start
            return start + min(inside, end - start) if at_end else start + min(inside, max(0, end - start - 1))
        delta += new_len - (end - start)
    return offset - delta


def _relocate(f: Finding, doc: Document, omap: _OffsetMap, upto: int) -> Finding:
    start = omap.original(f.start, upto)
    end = max(start, omap.original(f.end, upto, at_end=True))
    line, col = doc.position(start)
    end_line, end_col = doc.position(end)
    return f.replace(start=start, end=end, line=line, column=col, end_line=end_line, end_column=end_col)


def run_fixes(doc: Document, lint: Lint) -> FixResult:
    """Lint, fix, lint again until stable. ``lint`` maps a Document to its findings."""
    from .fixmode import fixing_mode

    applied: list[Finding] = []
    passes: list[Pass] = []
    omap = _OffsetMap()
    current = doc
    seen = {doc.text}
    with fixing_mode():
        findings = lint(current)
        for _ in range(MAX_PASSES):
            fixes = applicable(findings)
            if not fixes:
                break
            new_text = apply(current.text, fixes)
            if new_text in seen:
                break
            seen.add(new_text)
            passes.append(Pass(current.text, fixes))
            applied.extend(_relocate(f, doc, omap, len(omap.passes)) for f in fixes)
            omap.add(fixes)
            current = _with_text(doc, new_text)
            findings = lint(current)
    # what remains is reported as a reader sees it, with summaries folded again
    remaining = lint(current)
    return FixResult(current, applied, remaining, passes)


def _with_text(doc: Document, text: str) -> Document:
    return Document(
        path=doc.path,
        text=text,
        encoding=doc.encoding,
        bom=doc.bom,
        line_endings=doc.line_endings,
        kind=doc.kind,
        notes=list(doc.notes),
    )


def fix_document(doc: Document, lint: Lint) -> tuple[Document, list[Finding], list[Finding]]:
    """Return (fixed document, fixes applied, findings remaining)."""
    r = run_fixes(doc, lint)
    return r.document, r.applied, r.remaining


def encode(doc: Document, original: bytes | None = None) -> bytes:
    """The document's bytes in its own encoding, BOM and line endings.

    UTF-16 keeps the byte order of the file it came from (its BOM is read from
    ``original``, or from the file at ``doc.path``); without one, little-endian.
    """
    text = doc.to_original()
    if doc.encoding == "utf-16":
        head = original[:2] if original is not None else _head(doc.path)
        big = head == b"\xfe\xff"
        return (b"\xfe\xff" if big else b"\xff\xfe") + text.encode("utf-16-be" if big else "utf-16-le")
    data = text.encode(doc.encoding)
    return (b"\xef\xbb\xbf" + data) if doc.bom and doc.encoding == "utf-8" else data


def _head(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(2)
    except OSError:
        return b""


def write_atomic(path: str, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename; the original survives a crash.

    A symbolic link is followed, so the link stays a link and its target is updated.
    """
    path = os.path.realpath(path)
    folder = os.path.dirname(path)
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
