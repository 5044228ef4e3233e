"""Positions are 1-based lines and 1-based columns in Unicode code points; endings are kept."""
from __future__ import annotations

import pytest

from helpers import FIXTURES
from linter.document import Document, split_line_endings
from linter.errors import InputError
from linter.reading import decode, document_from_bytes, read_document


def test_position_counts_code_points():
    doc = Document.from_string("标题\n第二行，abc\n")
    assert doc.position(0) == (1, 1)
    assert doc.position(1) == (1, 2)
    i = doc.text.index("a")
    assert doc.position(i) == (2, 5)  # 第 二 行 ， a
    assert doc.position(len(doc.text)) == (3, 1)


def test_astral_character_is_one_column():
    doc = Document.from_string("𠮷野家，好")
    assert doc.position(doc.text.index("好")) == (1, 5)


def test_crlf_is_normalised_but_kept():
    raw = "一行\r\n二行\r\n三行\n四行\r五"
    doc = Document.from_string(raw)
    assert doc.text == "一行\n二行\n三行\n四行\n五"
    assert doc.line_endings == ["\r\n", "\r\n", "\n", "\r"]
    assert doc.to_original() == raw
    assert doc.position(doc.text.index("三")) == (3, 1)


def test_split_line_endings_without_cr_is_identity():
    assert split_line_endings("a\nb") == ("a\nb", [])


@pytest.mark.parametrize(
    "data, encoding, bom",
    [
        ("通报".encode("utf-8"), "utf-8", False),
        (b"\xef\xbb\xbf" + "通报".encode("utf-8"), "utf-8", True),
        ("通报".encode("gb18030"), "gb18030", False),
        ("通报".encode("gbk"), "gb18030", False),
        ("通报".encode("utf-16"), "utf-16", True),
    ],
)
def test_decode_detects_encoding(data, encoding, bom):
    text, enc, had_bom = decode(data, "x.txt")
    assert (text, enc, had_bom) == ("通报", encoding, bom)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x00\x01\x02binary", "binary file"),
        (b"\xff\xfe\x00", "UTF-16"),
        (b"\x81\x30\x81", "cannot decode"),
    ],
)
def test_bad_bytes_are_input_errors(data, message):
    with pytest.raises(InputError) as e:
        document_from_bytes(data, "bad.txt")
    assert "bad.txt" in str(e.value)
    assert message.lower() in str(e.value).lower()


def test_for_report_keeps_the_asked_lines_in_place_and_what_reports_read():
    doc = Document.from_string("标题\r\n第二行\r\n第三行\r\n", path="n.txt", encoding="gb18030", kind="text", notes=["x"])
    light = doc.for_report({2})
    assert light.lines == ["", "第二行", "", ""]
    assert light.line_text(2) == doc.line_text(2) and light.line_text(3) == ""
    assert (light.path, light.encoding, light.kind, light.notes, light.unit) == ("n.txt", "gb18030", "text", ["x"], "line")


def test_finding_survives_pickling_field_for_field():
    import pickle

    from linter.model import Finding, Severity

    f = Finding("a.txt", "PUN001", "name", Severity.WARNING, "消息", 3, 4, 3, 6, 20, 22, "，，", "，", True, "前后文")
    back = pickle.loads(pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == f and back.severity is Severity.WARNING
    # each field by name (equality itself reads the fields through finding_values, as a --jobs worker does)
    assert [getattr(back, k) for k in Finding.__slots__] == [getattr(f, k) for k in Finding.__slots__]
    assert f._values() == tuple(getattr(f, k) for k in Finding.__slots__)


def test_lines_holding_lists_each_line_once_in_order():
    from linter.document import lines_holding

    text = "ab\ncd\n\nef"  # lines at 0-2, 3-5, 6-6, 7-9 (the last without a line break)
    assert lines_holding(text, [0, 1, 2, 4, 8]) == [(0, 2), (3, 5), (7, 9)]  # 2 is the first line's break
    assert lines_holding(text, [6]) == [(6, 6)]
    assert lines_holding(text, []) == []
    assert lines_holding(text, (k for k in (3, 5, 9))) == [(3, 5), (7, 9)]


def test_line_starts_equal_the_offsets_after_each_line_break():
    """line_starts is summed from the lines' lengths: it must equal the offset after every line break."""
    texts = ["", "a", "\n", "\n\n", "a\n", "一行\n\n二行\n", "标题\n第二行，abc", "\n中\n"]
    texts += [read_document(str(p)).text for p in sorted(FIXTURES.glob("*/*.txt"))]
    assert len(texts) > 20
    for text in texts:
        doc = Document("x.txt", text)
        assert doc.line_starts == [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"], repr(text[:40])
        assert len(doc.line_starts) == len(doc.lines)
