"""Read a Word .docx notice into a :class:`Document` whose lines are paragraphs.

Which paragraphs count (so that ``¶N`` is predictable): every ``w:p`` of the
main document body in XML order, empty ones included; a table contributes the
paragraphs of its cells row by row, cell by cell (a nested table in place,
inside its cell); content controls (``w:sdt``) and tracked insertions at body
level are read through. Paragraphs inside text boxes, headers, footers,
footnotes, endnotes and comments are not read and do not count.

Inside a paragraph: a tab is ``\\t``; a soft line break (``w:br``, ``w:cr``) is
dropped when a Chinese character, a space or the paragraph edge is beside it
and becomes one space between two Western characters, so a paragraph stays one
line; tracked deletions, field instructions, hidden (``w:vanish``) runs,
drawings and math are skipped. A paragraph with Word automatic numbering gets
its displayed number prepended (see :mod:`linter.docx_numbering`), so column 1
is the first character of the number and typed text starts after it.

Every failure is an :class:`InputError` with a one-line message: not a zip,
a damaged zip, no main document, an encrypted (password-protected) file, an
old binary .doc, Strict Open XML.
"""
from __future__ import annotations

import io
import unicodedata
import zipfile
import zlib

from .document import Document
from .docx_numbering import MC_NS, W, W_NS, Numbering
from .errors import InputError
from .notes import NUMBERING_LIMITED, Note

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED = 512 * 1024 * 1024  # a bigger unpacked package is treated as a zip bomb
STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MATH_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
BREAK = object()  # placeholder for a soft line break until its neighbours are known

# Containers whose paragraphs are read in place at block level.
BLOCK_CONTAINERS = {"tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "ins", "moveTo"}
# Run-level elements skipped entirely.
SKIPPED_INLINE = {
    "del", "moveFrom", "delText", "instrText", "delInstrText", "rPr", "pPr", "drawing", "pict", "object",
    "footnoteReference", "endnoteReference", "commentReference", "annotationRef", "rt", "fldData",
    "softHyphen", "lastRenderedPageBreak", "fldChar", "sectPr",
}
NOT_HIDDEN = ("0", "false", "off")


def read_docx(path: str) -> Document:
    """Read a .docx file; raise InputError (one line, exit code 2) for anything unreadable."""
    from .reading import read_bytes  # the one place that turns OS errors into InputError

    return docx_from_bytes(read_bytes(path), path)


def docx_from_bytes(data: bytes, path: str) -> Document:
    """Parse the bytes of a .docx; the path is only used in messages."""
    from .reading import MAX_BYTES

    if len(data) > MAX_BYTES:
        raise InputError(path, f"file too large ({len(data)} bytes; the limit is {MAX_BYTES})")
    check_container(data, path)
    root, numbering_el, styles_el = _open_parts(data, path)
    body = root.find(W + "body")
    if body is None:
        raise InputError(path, "damaged .docx: the main document has no body")
    numbering = Numbering(numbering_el, styles_el)
    lines: list[str] = []
    rebuilt = 0
    problems: list[tuple[int, str, str]] = []
    unread: set[str] = set()
    for p in iter_paragraphs(body, unread):
        text = paragraph_text(p, unread)
        listed = numbering.list_of(p)
        if listed is not None:
            label = numbering.label(listed[0], listed[1])
            if label.problem:
                problems.append((len(lines) + 1, label.problem, label.problem_zh or label.problem))
            elif label.text:
                text = label.text + text
                rebuilt += 1
        lines.append(text)
    if not any(line.strip() for line in lines):
        raise InputError(path, "empty document (no text in the body): nothing to lint")
    notes = _notes(rebuilt, problems, unread)
    return Document(path=path, text="\n".join(lines), kind="docx", notes=notes)


def check_container(data: bytes, path: str) -> None:
    """Name the real format of a file that is not a readable .docx package."""
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise InputError(path, "password-protected (encrypted) Word document; remove the password in Word and save again")
        raise InputError(path, "old binary Word .doc format (OLE compound file), not .docx; save it as .docx")
    if not data.startswith(b"PK"):
        head = data[:16].lstrip()
        if head.startswith(b"{\\rtf"):
            what = "an RTF file"
        elif head[:5].lower() in (b"<html", b"<!doc", b"mime-"):
            what = "a web page (HTML/MHT) file"
        elif not data:
            what = "an empty file"
        else:
            what = "not a zip package"
        raise InputError(path, f"not a Word .docx file ({what}); save it as .docx")


def _open_parts(data: bytes, path: str):
    """(document root, numbering root or None, styles root or None) via python-docx."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception as e:  # BadZipFile, NotImplementedError for a garbled version field, ...
        raise InputError(path, f"damaged .docx (broken zip archive: {_one_line(str(e))})") from None
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise InputError(path, f"the .docx unpacks to more than {MAX_UNPACKED // (1024 * 1024)} MB; refusing to read it")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names:
        raise InputError(path, "damaged .docx: a zip file without [Content_Types].xml (not an Office document)")
    import docx  # deferred: python-docx is heavy
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except KeyError:
        raise InputError(path, "damaged .docx: no main document (word/document.xml) in the package") from None
    except ValueError as e:
        msg = str(e)
        if "content type" in msg:
            ctype = msg.rsplit("is", 1)[-1].strip(" '\"")
            raise InputError(path, f"not a Word document (the package's main part is {ctype})") from None
        raise InputError(path, f"damaged .docx: {_one_line(msg)}") from None
    except (PackageNotFoundError, zipfile.BadZipFile) as e:
        raise InputError(path, f"damaged .docx: {_one_line(str(e))}") from None
    except zlib.error as e:
        raise InputError(path, f"damaged .docx (corrupt compressed data: {_one_line(str(e))})") from None
    except Exception as e:  # lxml syntax errors and whatever a broken package raises
        raise InputError(path, f"damaged .docx ({type(e).__name__}: {_one_line(str(e))})") from None
    root = document.element
    if root.tag.startswith("{%s}" % STRICT_NS):
        raise InputError(path, "Strict Open XML .docx is not supported; save it as 'Word Document (*.docx)'")
    if not root.tag.startswith(W):
        raise InputError(path, "damaged .docx: the main part is not a WordprocessingML document")
    return root, _related(document, "/numbering"), _related(document, "/styles")


def _related(document, suffix: str):
    """The XML root of the main part's related part of this type (or None)."""
    try:
        for rel in document.part.rels.values():
            if rel.is_external or not rel.reltype.endswith(suffix):
                continue
            part = rel.target_part
            element = getattr(part, "element", None)
            if element is not None:
                return element
            from docx.oxml.parser import parse_xml

            return parse_xml(part.blob)
    except Exception:  # a broken auxiliary part only costs its information
        return None
    return None


def _one_line(s: str) -> str:
    return " ".join(s.split())[:200]


def _local(el) -> tuple[str | None, str]:
    """(namespace, local name) of an element; (None, '') for comments and PIs."""
    tag = el.tag
    if not isinstance(tag, str):
        return None, ""
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return "", tag


def iter_paragraphs(container, unread: set[str]):
    """Every counted ``w:p`` under a body-level container, in document order."""
    for child in container:
        ns, name = _local(child)
        if ns != W_NS:
            if ns == MC_NS:
                unread.add("shapes")
            continue
        if name == "p":
            yield child
        elif name in BLOCK_CONTAINERS:
            yield from iter_paragraphs(child, unread)
        elif name == "altChunk":
            unread.add("altChunk")


def paragraph_text(p, unread: set[str] | None = None) -> str:
    """The visible text of one paragraph, on one line."""
    pieces: list = []
    _collect(p, pieces, unread if unread is not None else set())
    return _join(pieces)


def _collect(el, pieces: list, unread: set[str]) -> None:
    for child in el:
        ns, name = _local(child)
        if ns != W_NS:
            if ns == MC_NS:
                unread.add("shapes")  # text boxes and shapes (mc:AlternateContent)
            elif ns == MATH_NS:
                unread.add("math")
            continue
        if name in SKIPPED_INLINE:
            if name in ("pict", "drawing") and child.find(f".//{W}txbxContent") is not None:
                unread.add("shapes")
            continue
        if name == "t":
            pieces.append((child.text or "").replace("\r\n", " ").replace("\r", " ").replace("\n", " "))
        elif name in ("tab", "ptab"):
            pieces.append("\t")
        elif name in ("br", "cr"):
            pieces.append(BREAK)
        elif name == "noBreakHyphen":
            pieces.append("-")
        elif name == "sym":
            pieces.append(_symbol(child))
        elif name == "r":
            if not _hidden(child):
                _collect(child, pieces, unread)
        else:  # hyperlink, ins, moveTo, smartTag, sdt, fldSimple, ruby base, ...
            _collect(child, pieces, unread)


def _hidden(run) -> bool:
    rpr = run.find(W + "rPr")
    if rpr is None:
        return False
    vanish = rpr.find(W + "vanish")
    return vanish is not None and vanish.get(W + "val", "true").lower() not in NOT_HIDDEN


def _symbol(sym) -> str:
    """A ``w:sym`` character, unless it is a private-use code of a symbol font."""
    try:
        code = int(sym.get(W + "char", ""), 16)
    except ValueError:
        return ""
    if 0xE000 <= code <= 0xF8FF or code < 0x20:
        return ""
    return chr(code)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _join(pieces: list) -> str:
    """Join text pieces, resolving each line break by what stands on either side of it."""
    out: list[str] = []
    before = ""  # the last character written so far
    for i, piece in enumerate(pieces):
        if piece is not BREAK:
            out.append(piece)
            before = piece[-1:] or before
            continue
        after = ""
        for nxt in pieces[i + 1 :]:
            if nxt is not BREAK and nxt:
                after = nxt[0]
                break
        if before and after and not (before.isspace() or after.isspace() or _wide(before) or _wide(after)):
            out.append(" ")
            before = " "
    return "".join(out)


def _notes(rebuilt: int, problems: list[tuple[int, str, str]], unread: set[str]) -> list[str]:
    notes: list[str] = []
    if rebuilt:
        notes.append(
            Note(
                f"docx: Word automatic numbering rebuilt for {rebuilt} paragraph(s); columns count the number",
                f"已还原 {rebuilt} 个段落的 Word 自动编号，列号从编号算起",
            )
        )
    if problems:
        count = len(problems)
        en = "; ".join(f"¶{n}: {why}" for n, why, _ in problems[:3])
        zh = "；".join(f"第{n}段：{why}" for n, _, why in problems[:3])
        more, more_zh = (f"; {count - 3} more", "等") if count > 3 else ("", "")
        notes.append(
            Note(
                f"{NUMBERING_LIMITED}: Word automatic numbering of {count} paragraph(s) could not be rebuilt "
                f"({en}{more}); numbering (NUM) findings are not reported for this document",
                f"编号检查受限：{count} 个段落的 Word 自动编号无法还原（{zh}{more_zh}），本文档不报告编号（NUM）问题",
            )
        )
    labels = {
        "shapes": ("text boxes and shapes", "文本框和图形"),
        "math": ("equations", "公式"),
        "altChunk": ("embedded documents (altChunk)", "嵌入文档（altChunk）"),
    }
    skipped = [labels[k] for k in ("shapes", "math", "altChunk") if k in unread]
    if skipped:
        notes.append(
            Note(
                "docx: not read: " + ", ".join(en for en, _ in skipped),
                "未检查" + "、".join(zh for _, zh in skipped),
            )
        )
    return notes
