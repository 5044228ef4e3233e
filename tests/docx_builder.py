"""Build .docx (and OLE) files for the tests, so no binary fixture has to be committed.

``text_to_docx`` turns a text notice into one paragraph per line;
``NumberedDocx`` writes Word automatic numbering (numbering.xml abstractNum /
num definitions and ``w:numPr`` on paragraphs) through python-docx's low-level
XML API; ``ole_file`` writes a real compound file (the container of old .doc
files and of password-protected .docx files).
"""
from __future__ import annotations

import re
import struct
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# XML 1.0 cannot hold these characters, so a text using them has no .docx form.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
W_NSDECL = nsdecls("w")


def add_text(paragraph, text: str) -> None:
    """Append ``text`` as runs, a tab becoming ``w:tab`` as Word stores it."""
    for i, chunk in enumerate(text.split("\t")):
        if i:
            paragraph.add_run().element.append(parse_xml(f"<w:tab {W_NSDECL}/>"))
        if chunk:
            paragraph.add_run(chunk)


def text_to_docx(text: str, path: Path) -> Path:
    """Write ``text`` as a .docx with one paragraph per line (empty lines kept)."""
    if XML_INVALID.search(text):
        raise ValueError("text holds characters XML cannot store")
    d = docx.Document()
    for line in text.split("\n"):
        add_text(d.add_paragraph(), line)
    d.save(str(path))
    return path


def level_xml(ilvl: int, fmt: str, text: str, start: int = 1, restart: int | None = None, is_lgl: bool = False) -> str:
    parts = [f'<w:start w:val="{start}"/>', f'<w:numFmt w:val="{fmt}"/>']
    if restart is not None:
        parts.append(f'<w:lvlRestart w:val="{restart}"/>')
    if is_lgl:
        parts.append("<w:isLgl/>")
    parts.append(f'<w:lvlText w:val="{text}"/>')
    return f'<w:lvl w:ilvl="{ilvl}">{"".join(parts)}</w:lvl>'


class NumberedDocx:
    """A document with Word automatic numbering, built paragraph by paragraph."""

    def __init__(self):
        self.doc = docx.Document()
        self.numbering = self.doc.part.numbering_part.element
        self._next_abstract = 100  # above the ids the default template already uses
        self._next_num = 100
        self.abstract_of: dict[int, int] = {}  # numId -> abstractNumId

    def abstract(self, levels: list[dict]) -> int:
        """Add an abstractNum; each level is a dict of level_xml arguments (ilvl = index)."""
        aid = self._next_abstract
        self._next_abstract += 1
        body = "".join(level_xml(i, **lv) for i, lv in enumerate(levels))
        el = parse_xml(f'<w:abstractNum {W_NSDECL} w:abstractNumId="{aid}">{body}</w:abstractNum>')
        first_num = self.numbering.find(qn("w:num"))  # schema order: abstractNum before num
        if first_num is not None:
            first_num.addprevious(el)
        else:
            self.numbering.append(el)
        return aid

    def num(self, abstract_id: int, start_overrides: dict[int, int] | None = None) -> int:
        """Add a w:num on an abstractNum, optionally restarting levels (startOverride)."""
        nid = self._next_num
        self._next_num += 1
        self.abstract_of[nid] = abstract_id
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{lv}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
            for lv, v in (start_overrides or {}).items()
        )
        self.numbering.append(
            parse_xml(f'<w:num {W_NSDECL} w:numId="{nid}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>')
        )
        return nid

    def paragraph(self, text: str, num_id: int | None = None, ilvl: int | None = 0, style: str | None = None):
        p = self.doc.add_paragraph(style=style)
        if num_id is not None:
            numpr = p._p.get_or_add_pPr().get_or_add_numPr()
            if ilvl is not None:
                numpr.get_or_add_ilvl().val = ilvl
            numpr.get_or_add_numId().val = num_id
        add_text(p, text)
        return p

    def save(self, path: Path) -> Path:
        self.doc.save(str(path))
        return path


# ---- OLE compound files (MS-CFB, version 3, 512-byte sectors) ----------------------
ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512


def _dir_entry(name: str, kind: int, start: int, size: int, right: int = NOSTREAM, child: int = NOSTREAM) -> bytes:
    raw = name.encode("utf-16-le") + b"\0\0" if name else b""
    return (
        raw.ljust(64, b"\0")
        + struct.pack("<HBB", len(raw), kind, 1)
        + struct.pack("<III", NOSTREAM, right, child)
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state bits
        + b"\0" * 16  # times
        + struct.pack("<IQ", start, size)
    )


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A compound file holding ``streams`` (each >= 4096 bytes, so no mini stream is needed).

    Streams are given in the directory's sort order (shorter names first); they
    hang as a chain of right siblings under the root entry.
    """
    names = list(streams)
    assert len(names) <= 3 and all(len(v) >= 4096 for v in streams.values())
    fat = [FATSECT, ENDOFCHAIN]  # sector 0: the FAT, sector 1: the directory
    data = b""
    starts = []
    for name in names:
        blob = streams[name].ljust(-(-len(streams[name]) // SECTOR) * SECTOR, b"\0")
        first = len(fat)
        count = len(blob) // SECTOR
        starts.append(first)
        fat.extend(first + i + 1 for i in range(count - 1))
        fat.append(ENDOFCHAIN)
        data += blob
    assert len(fat) <= SECTOR // 4
    fat_sector = struct.pack(f"<{SECTOR // 4}I", *(fat + [FREESECT] * (SECTOR // 4 - len(fat))))
    entries = [_dir_entry("Root Entry", 5, ENDOFCHAIN, 0, child=1 if names else NOSTREAM)]
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else NOSTREAM
        entries.append(_dir_entry(name, 2, starts[i], len(streams[name]), right=right))
    while len(entries) < 4:
        entries.append(_dir_entry("", 0, 0, 0))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
        + struct.pack("<109I", 0, *([FREESECT] * 108))
    )
    assert len(header) == SECTOR
    return header + fat_sector + b"".join(entries) + data
