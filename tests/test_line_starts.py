"""Document.line_starts is summed from the lines' lengths: it must equal the offsets after each line break."""
from __future__ import annotations

import glob

from linter.document import Document
from linter.reading import read_document


def starts_by_scanning(text: str) -> list[int]:
    """The plain reading: 0, then the offset after every line break."""
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def test_line_starts_equal_the_offsets_after_each_line_break():
    texts = ["", "a", "\n", "\n\n", "a\n", "一行\n\n二行\n", "标题\n第二行，abc", "\n中\n"]
    texts += [read_document(p).text for p in sorted(glob.glob("fixtures/*/*.txt"))]
    for text in texts:
        doc = Document("x.txt", text)
        assert doc.line_starts == starts_by_scanning(text), repr(text[:40])
        assert len(doc.line_starts) == len(doc.lines)
