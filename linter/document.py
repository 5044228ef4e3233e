"""The text of one notice and the mapping from offsets to (line, column).

Positions are 1-based lines and 1-based columns counted in Unicode code points,
so a Chinese character is one column. For a .docx document each paragraph is
one "line" (the paragraph number).
"""
from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from itertools import accumulate
from typing import Iterable


_PLUS_ONE = (1).__add__  # a line and its line break


class Document:
    """A decoded notice.

    ``text`` has every line ending normalised to ``\\n`` so that offsets and
    regexes are simple; ``line_endings`` keeps each line's original terminator
    so that a fix can write the file back byte for byte outside its edits.
    """

    def __init__(
        self,
        path: str,
        text: str,
        encoding: str = "utf-8",
        bom: bool = False,
        line_endings: list[str] | None = None,
        kind: str = "text",  # "text", "markdown" or "docx"
        notes: list[str] | None = None,  # e.g. "docx: numbering reconstructed"
    ):
        self.path = path
        self.text = text
        self.encoding = encoding
        self.bom = bom
        self.line_endings = [] if line_endings is None else line_endings
        self.kind = kind
        self.notes = [] if notes is None else notes

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {len(self.text)} characters, {self.kind})"

    def for_report(self, lines: set[int]) -> "Document":
        """A light copy that keeps only ``lines`` (the ones findings point to; the others empty).

        What a report made in another process needs: the renderers read a finding's
        own line and the document's path, encoding, kind and notes. A --jobs worker
        sends this instead of the whole text (a fifth of the bytes to pickle and load).
        """
        if lines:
            kept = "\n".join(line if no in lines else "" for no, line in enumerate(self.lines, 1))
        else:  # no line quoted (text --no-source, json, sarif...): only their number is kept, without a loop
            kept = "\n" * (len(self.lines) - 1)
        return Document(self.path, kept, self.encoding, self.bom, kind=self.kind, notes=self.notes)

    @classmethod
    def from_string(cls, text: str, path: str = "<string>", **kw) -> "Document":
        """Build a document from raw text, recording and normalising line endings."""
        body, endings = split_line_endings(text)
        return cls(path=path, text=body, line_endings=endings, **kw)

    @cached_property
    def line_starts(self) -> list[int]:
        # Summed from the lines' lengths, all in C: the lines are split anyway (the outline reads them
        # for every notice), and a match object per line break cost twice as much.
        starts = list(accumulate(map(_PLUS_ONE, map(len, self.lines)), initial=0))
        starts.pop()  # (the sum past the last line)
        return starts

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def unit(self) -> str:
        """What a 'line' is in this document: a text line or a Word paragraph."""
        return "paragraph" if self.kind == "docx" else "line"

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset into ``text``."""
        if not 0 <= offset <= len(self.text):  # (clamped only when needed: asked once per finding)
            offset = max(0, min(offset, len(self.text)))
        starts = self.line_starts
        idx = bisect_right(starts, offset) - 1
        return idx + 1, offset - starts[idx] + 1

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def line_offset(self, line: int) -> int:
        return self.line_starts[line - 1]

    def to_original(self, text: str | None = None) -> str:
        """Re-join (possibly edited) normalised text with the original endings."""
        text = self.text if text is None else text
        if not self.line_endings or all(e in ("\n", "") for e in self.line_endings):
            return text
        parts = text.split("\n")
        out = []
        for i, part in enumerate(parts):
            out.append(part)
            if i < len(parts) - 1:
                out.append(self.line_endings[i] if i < len(self.line_endings) else "\n")
        return "".join(out)


def lines_holding(text: str, positions: Iterable[int]) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text`` that holds one of ``positions`` (ascending), each line once,
    in order; ``end`` is the position of its line break or the text's end. For kinds that read only
    the few lines where what they look for can be."""
    lines: list[tuple[int, int]] = []
    end = -1
    for k in positions:
        if k <= end:
            continue  # on the line just added
        start = text.rfind("\n", 0, k) + 1
        end = text.find("\n", k)
        if end == -1:
            end = len(text)
        lines.append((start, end))
    return lines


def split_line_endings(text: str) -> tuple[str, list[str]]:
    """Return text with every CRLF/CR made LF, and the list of original endings."""
    if "\r" not in text:
        return text, []
    endings: list[str] = []
    out: list[str] = []
    i, n, start = 0, len(text), 0
    while i < n:
        ch = text[i]
        if ch == "\r":
            out.append(text[start:i])
            if i + 1 < n and text[i + 1] == "\n":
                endings.append("\r\n")
                i += 2
            else:
                endings.append("\r")
                i += 1
            start = i
            continue
        if ch == "\n":
            out.append(text[start:i])
            endings.append("\n")
            start = i + 1
        i += 1
    out.append(text[start:])
    return "\n".join(out), endings
