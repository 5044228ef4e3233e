"""Notes a reader attaches to a document: what it could not read and how it coped.

A note is a plain string in English (so JSON and other machine formats carry it
as is) that also carries its Chinese wording for the human text output.
"""
from __future__ import annotations

# The start of the note saying Word numbering could not be rebuilt; the engine
# then reports no numbering (NUM*) finding for the document.
NUMBERING_LIMITED = "numbering checks limited"


class Note(str):
    """An English note that also knows its Chinese wording (``zh``)."""

    zh: str

    def __new__(cls, en: str, zh: str = "") -> "Note":
        obj = super().__new__(cls, en)
        obj.zh = zh or en
        return obj

    def __getnewargs__(self) -> tuple[str, str]:  # keeps notes picklable (parallel runs)
        return str(self), self.zh

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else str(self)


def note_text(note: str, lang: str) -> str:
    """A note in the wanted language (a bare string note is shown as it is)."""
    return note.text(lang) if isinstance(note, Note) else str(note)


def numbering_limited(doc) -> bool:
    """True when the reader could not rebuild a document's list numbers."""
    return any(str(n).startswith(NUMBERING_LIMITED) for n in getattr(doc, "notes", ()))


def is_numbering_rule(rule) -> bool:
    """A rule whose findings depend on the paragraph numbers (kind numbering or a NUM code)."""
    return rule.kind == "numbering" or rule.code.startswith("NUM")
